"""Stage 4, topics, at consultation scale: the online path of :mod:`pipeline.topics` (issue 14).

A corpus with more than ``params.topics.online_threshold`` distinct texts (exact duplicates
collapsed first, as on the normal path) is modelled here instead of by UMAP + HDBSCAN, whose
time and memory grow with the whole corpus. Same inputs, same output tables
(``topics`` and ``topic_assignments`` of :mod:`pipeline.schema`), so findings and the report
work unchanged.

1. The distinct texts are cut into ``online_batch_size`` batches, in document order. Each batch
   is masked (:class:`pipeline.topics.Masker`) and embedded through the on-disk embedding cache
   (:func:`pipeline.embeddings.embed_batch`: only the shards holding the batch's texts are read)
   on a Dask cluster: a ``LocalCluster`` of ``dask_workers`` processes (0: every core), one
   thread each, by default; ``dask_scheduler`` names any scheduler (``tcp://host:8786``) or
   ``synchronous`` (in this process). The same tasks run either way. The embedder is loaded
   once per worker process, offline.
2. In batch order, this process fits BERTopic's online components batch by batch
   (``BERTopic.partial_fit``, BERTopic docs "Online Topic Modeling"): ``IncrementalPCA``
   (``umap.n_components``), ``MiniBatchKMeans`` (``online_n_topics`` clusters, seeded) and an
   ``OnlineCountVectorizer`` (no decay: every batch counts alike; the :class:`Analyzer` of
   the normal path). A text's topic is the one it was given when its batch was fitted (stored
   then, never recomputed). At most two batches per worker are in flight, so memory is bounded
   by the batch, not the corpus (the texts themselves and one label per text excepted).
3. Topics are renumbered by size (0 the largest). Terms are the c-TF-IDF terms over every batch;
   keywords rank the top 30 c-TF-IDF terms by cosine similarity of their embedding to the
   topic's centroid (mean of its members' unit embeddings, accumulated batch by batch), then
   MaximalMarginalRelevance (``mmr_diversity``), as KeyBERTInspired + MMR do on the normal path.
   Representative documents: a second pass over the batches (embeddings read back from the
   cache) keeps each topic's members closest to the final centroid.

MiniBatchKMeans gives every text a topic: there is no outlier topic on this path. Stability on
a bounded subsample (:func:`stability`): ``refit_sample`` distinct texts drawn with
the seed, their embeddings kept as their batches pass; ``stability_refits`` k-means refits
(seeds seed+1...) in the final PCA space; a topic's stability is, as on the normal path
(:func:`pipeline.topics.stability`), the mean best-match Jaccard similarity of its sampled
members across refits, and below ``min_stability`` it is flagged ``is_stable`` false.
Deterministic: fixed batches fitted in a fixed order, IncrementalPCA (no randomness), seeded
k-means, the vocabulary grown in sorted order; embeddings are read back from the cache on a
rerun (a cold run embeds the same batches, one thread each).
"""
from __future__ import annotations

import contextlib
import logging
import math
import os
import time
import warnings
from dataclasses import dataclass, field
from itertools import chain

import numpy as np
import pandas as pd

from pipeline import embeddings as embedding_cache
from pipeline import paths
from pipeline import topics as T
from pipeline.config import TopicParams

N_CANDIDATE_TERMS = 30  # as KeyBERTInspired(nr_candidate_words=30) on the normal path


@dataclass
class OnlineStats:
    """What one online fit cost: per batch, texts, the worker's embedding wall and CPU seconds
    (masking included) and this process's fit seconds; and the workers it ran on."""
    workers: int = 0
    batch_texts: list[int] = field(default_factory=list)
    embed_wall_s: list[float] = field(default_factory=list)
    embed_cpu_s: list[float] = field(default_factory=list)
    fit_s: list[float] = field(default_factory=list)
    representatives_s: float = 0.0
    stop: bool = False  # set by a caller (a benchmark's time limit): stop after this batch


def batches(n: int, size: int) -> list[np.ndarray]:
    """Row positions 0..n-1 in ceil(n / size) consecutive batches of near-equal size (none
    smaller than half of ``size`` unless n is: IncrementalPCA needs n_components rows a batch)."""
    return np.array_split(np.arange(n), max(1, math.ceil(n / size)))


# --------------------------------------------------------------------------- Dask
class _Done:
    def __init__(self, value):
        self.value = value

    def result(self):
        return self.value


class _Synchronous:
    """The part of ``distributed.Client`` used here, run in this process (``synchronous``)."""

    def submit(self, fn, *args, **kwargs):
        kwargs.pop("pure", None)
        return _Done(fn(*args, **kwargs))

    def scatter(self, value, broadcast=False, hash=True):
        return value


@contextlib.contextmanager
def dask_client(tp: TopicParams):
    """A client on ``tp.dask_scheduler`` ('' : a LocalCluster started and closed here)."""
    if tp.dask_scheduler == "synchronous":
        yield _Synchronous()
        return
    from distributed import Client, LocalCluster

    if tp.dask_scheduler:
        with Client(tp.dask_scheduler) as client:
            yield client
        return
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # workers inherit it: the model is local
    # its HTTP (health) server moves off port 8787 when another cluster has it: harmless
    warnings.filterwarnings("ignore", message="Port 8787 is already in use")
    # loopback only and no dashboard: nothing of the cluster is reachable from the network
    with LocalCluster(n_workers=tp.dask_workers or os.cpu_count() or 1, threads_per_worker=1,
                      processes=True, host="127.0.0.1", dashboard_address=None,
                      silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        yield client


def _n_workers(client) -> int:
    if isinstance(client, _Synchronous):
        return 1
    return max(1, len(client.scheduler_info().get("workers", {})))


def _to_embed(texts: list[str], masker: T.Masker, mask: bool) -> list[str]:
    return [masker(t) for t in texts] if mask else texts


def embed_task(texts: list[str], terms: list[str], masker: T.Masker, mask: bool, cache_dir: str
               ) -> tuple[np.ndarray, list[str], float, float]:
    """On a worker: (embeddings (n, 512) float32, masked ``terms``, wall s, CPU s)."""
    t0, c0 = time.perf_counter(), time.process_time()
    masked = [masker(t) for t in terms]
    emb = embedding_cache.embed_batch(_to_embed(texts, masker, mask), cache_dir=cache_dir,
                                      threads=1)
    return emb, masked, time.perf_counter() - t0, time.process_time() - c0


def representatives_task(texts: list[str], labels: np.ndarray, ids: np.ndarray,
                         centroids: np.ndarray, k: int, masker: T.Masker, mask: bool,
                         cache_dir: str) -> dict[int, list[tuple[float, int]]]:
    """On a worker: per topic, its ``k`` members of this batch closest (cosine) to its
    centroid, as (similarity, position in the batch); embeddings read back from the cache."""
    emb = embedding_cache.embed_batch(_to_embed(texts, masker, mask), cache_dir=cache_dir,
                                      threads=1)
    unit = _unit(emb)
    out = {}
    for t, c in zip(ids, centroids):
        members = np.flatnonzero(labels == t)
        if len(members):
            sims = unit[members] @ c
            order = np.argsort(-sims, kind="stable")[:k]
            out[int(t)] = [(float(sims[j]), int(members[j])) for j in order]
    return out


def _unit(x: np.ndarray) -> np.ndarray:
    return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)


# --------------------------------------------------------------------------- model
def _vectorizer_class():
    from bertopic.vectorizers import OnlineCountVectorizer

    class SortedOnlineCountVectorizer(OnlineCountVectorizer):
        """OnlineCountVectorizer whose new words get column numbers in sorted order (the
        library adds them in set order, which varies with PYTHONHASHSEED and so would the
        order of terms with equal c-TF-IDF)."""

        def partial_fit(self, raw_documents):
            if not hasattr(self, "vocabulary_"):
                return self.fit(raw_documents)
            analyzer = self.build_analyzer()
            new = sorted(set(chain.from_iterable(map(analyzer, raw_documents)))
                         - self.vocabulary_.keys())
            start = max(self.vocabulary_.values(), default=-1) + 1
            self.vocabulary_.update({w: start + i for i, w in enumerate(new)})
            return self

    return SortedOnlineCountVectorizer


def online_model(tp: TopicParams, seed: int):
    """An unfitted BERTopic of online components (module doc, step 2)."""
    from bertopic import BERTopic
    from sklearn.cluster import MiniBatchKMeans
    from sklearn.decomposition import IncrementalPCA

    words = T.stop_words(tp.stop_word_languages, tuple(tp.keep_words)) + tuple(tp.extra_stop_words)
    vectorizer = _vectorizer_class()(analyzer=T.Analyzer(frozenset(w.lower() for w in words)),
                                     decay=None)
    return BERTopic(umap_model=IncrementalPCA(n_components=tp.umap.n_components),
                    hdbscan_model=MiniBatchKMeans(n_clusters=tp.online_n_topics,
                                                  random_state=seed, n_init=3),
                    vectorizer_model=vectorizer, top_n_words=N_CANDIDATE_TERMS,
                    language="multilingual", calculate_probabilities=False, verbose=False)


def fit(unique: pd.DataFrame, tp: TopicParams, seed: int, masker, mask: bool,
        client, cache_dir: str, stats: OnlineStats, sample: np.ndarray):
    """Fit :func:`online_model` batch by batch on ``unique`` (columns text, text_terms; distinct
    texts); ``masker``: the :class:`Masker` as scattered to the workers. Returns (model, (n,)
    topic IDs given at fit time, {topic: sum of unit embeddings}, (len(sample), d) embeddings
    of the sorted row positions ``sample``)."""
    parts = batches(len(unique), tp.online_batch_size)
    texts, terms = unique["text"].tolist(), unique["text_terms"].tolist()
    model = online_model(tp, seed)
    labels = np.empty(len(unique), dtype=np.int64)
    sums: dict[int, np.ndarray] = {}
    kept = []
    window = 2 * stats.workers
    futures = {}

    def submit(i):
        idx = parts[i]
        futures[i] = client.submit(embed_task, texts[idx[0]: idx[-1] + 1],
                                   terms[idx[0]: idx[-1] + 1], masker, mask, cache_dir,
                                   pure=False)

    for i in range(min(window, len(parts))):
        submit(i)
    for i, idx in enumerate(parts):
        if stats.stop:
            raise TimeoutError(f"online fit stopped by its caller after {i} of {len(parts)} batches")
        emb, masked, wall, cpu = futures.pop(i).result()
        if i + window < len(parts):
            submit(i + window)
        t0 = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            # float64: IncrementalPCA keeps its first batch's dtype, MiniBatchKMeans needs one
            model.partial_fit(masked, embeddings=emb.astype(np.float64))
        batch_labels = np.asarray(model.topics_, dtype=np.int64)
        labels[idx] = batch_labels
        kept.append(emb[sample[(sample >= idx[0]) & (sample <= idx[-1])] - idx[0]])
        unit = _unit(emb)
        for t in np.unique(batch_labels):
            sums[int(t)] = sums.get(int(t), 0) + unit[batch_labels == t].sum(axis=0)
        stats.batch_texts.append(len(idx))
        stats.embed_wall_s.append(round(wall, 3))
        stats.embed_cpu_s.append(round(cpu, 3))
        stats.fit_s.append(round(time.perf_counter() - t0, 3))
        print(f"[topics] online batch {i + 1}/{len(parts)}: {len(idx)} texts, embedded in "
              f"{wall:.1f} s, fitted in {stats.fit_s[-1]:.1f} s", flush=True)
    return model, labels, sums, np.concatenate(kept) if kept else np.zeros((0, 512), np.float32)


def stability(model, labels: np.ndarray, embeddings: np.ndarray, tp: TopicParams,
              seed: int) -> dict[int, float]:
    """{topic (old ID): stability 0..1} over a subsample: (m,) fit-time ``labels`` and (m, d)
    ``embeddings`` of the sampled texts; ``tp.stability_refits`` KMeans refits with seeds
    seed+1... on the model's final IncrementalPCA projection (module doc). Empty without
    refits or sample."""
    from sklearn.cluster import KMeans

    k = min(tp.online_n_topics, len(labels))
    if not tp.stability_refits or k < 2:
        return {}
    reduced = model.umap_model.transform(embeddings.astype(np.float64))
    refits = [KMeans(n_clusters=k, n_init=3, random_state=seed + i).fit_predict(reduced)
              for i in range(1, tp.stability_refits + 1)]
    return T.stability(labels, refits)


def representatives(unique: pd.DataFrame, labels: np.ndarray, ids: np.ndarray,
                    centroids: np.ndarray, tp: TopicParams, masker, mask: bool, client,
                    cache_dir: str) -> dict[int, list[str]]:
    """Per topic, the doc IDs of its ``tp.representative_docs`` members closest to its
    centroid, distinct texts (case-folded), as on the normal path; one task per batch."""
    k = tp.representative_docs
    texts = unique["text"].tolist()
    futures = [(idx[0], client.submit(representatives_task, texts[idx[0]: idx[-1] + 1],
                                      labels[idx], ids, centroids, 5 * k, masker, mask,
                                      cache_dir, pure=False))
               for idx in batches(len(unique), tp.online_batch_size)]
    candidates: dict[int, list[tuple[float, int]]] = {}
    for start, fut in futures:
        for t, found in fut.result().items():
            candidates.setdefault(t, []).extend((-s, start + j) for s, j in found)
    out = {}
    for t, found in candidates.items():
        seen, chosen = set(), []
        for _, i in sorted(found):
            key = unique["text_terms"].iat[i].casefold().strip()
            if key not in seen:
                seen.add(key)
                chosen.append(unique["doc_id"].iat[i])
            if len(chosen) == k:
                break
        out[t] = chosen
    return out


def keywords(model, old_ids: list[int], centroids: np.ndarray, tp: TopicParams, client,
             cache_dir: str) -> dict[int, list[str]]:
    """Per topic (old ID), ``tp.top_n_terms`` keywords: its c-TF-IDF candidate terms by
    similarity to its centroid, diversified by MMR."""
    from bertopic.representation._mmr import mmr

    candidates = {t: [w for w, _ in (model.get_topic(t) or []) if w] for t in old_ids}
    words = sorted(set(chain.from_iterable(candidates.values())))
    if not words:
        return {t: [] for t in old_ids}
    emb, _, _, _ = client.submit(embed_task, words, [], T.Masker(), False, cache_dir,
                                 pure=False).result()
    vec = dict(zip(words, emb))
    out = {}
    for t, c in zip(old_ids, centroids):
        cand = candidates[t]
        if not cand:
            out[t] = []
            continue
        out[t] = mmr(c.reshape(1, -1), np.stack([vec[w] for w in cand]), cand,
                     diversity=tp.mmr_diversity, top_n=min(tp.top_n_terms, len(cand)))
    return out


def run_online(corpus: str, docs: pd.DataFrame, tp: TopicParams, seed: int,
               masker: T.Masker | None = None, mask_before_embedding: bool = False,
               stats: OnlineStats | None = None
               ) -> tuple[pd.DataFrame, pd.DataFrame, OnlineStats]:
    """(topics, assignments, stats) of one corpus on the online path (module doc). ``docs``:
    doc_id, text, text_terms (strings); ``stats`` (filled batch by batch) lets a caller watch
    progress. Raises what Dask raises when the scheduler cannot be reached
    (``OSError``/``TimeoutError``), before anything is written."""
    masker = masker or T.Masker()
    docs = docs.reset_index(drop=True)
    unique = docs.drop_duplicates("text").reset_index(drop=True)
    cache_dir = str(paths.embeddings_dir().resolve())
    stats = stats if stats is not None else OnlineStats()
    with dask_client(tp) as client:
        stats.workers = _n_workers(client)
        # sent once, under a key of its own: scattering it again under the same (content) key
        # let the first copy's release delete the data the second pass needed ("lost
        # dependencies", seen once in four benchmark runs)
        remote = client.scatter(masker, broadcast=True, hash=False)
        rng = np.random.default_rng(seed)
        sample = np.sort(rng.choice(len(unique), size=min(len(unique), tp.refit_sample),
                                    replace=False))
        model, labels, sums, sample_emb = fit(unique, tp, seed, remote, mask_before_embedding,
                                              client, cache_dir, stats, sample)
        # renumber by size over every document (0 the largest; ties by first appearance)
        text_label = pd.Series(labels, index=unique["text"])
        doc_old = docs["text"].map(text_label).to_numpy(dtype=np.int64)
        sizes = pd.Series(doc_old).value_counts()
        old_ids = sorted(sizes.index, key=lambda t: (-sizes[t], t))
        new_id = {int(t): i for i, t in enumerate(old_ids)}
        centroids = _unit(np.stack([sums[int(t)] for t in old_ids]))
        t0 = time.perf_counter()
        reps = representatives(unique, labels, np.array(old_ids), centroids, tp, remote,
                               mask_before_embedding, client, cache_dir)
        keys = keywords(model, [int(t) for t in old_ids], centroids, tp, client, cache_dir)
        stats.representatives_s = round(time.perf_counter() - t0, 2)
    stable = stability(model, labels[sample], sample_emb, tp, seed)
    assign = pd.DataFrame({"corpus": corpus, "doc_id": docs["doc_id"],
                           "topic_id": [new_id[int(t)] for t in doc_old]})
    rows = []
    for old in old_ids:
        terms = [w for w, _ in (model.get_topic(int(old)) or []) if w][: tp.top_n_terms]
        kw = keys[int(old)]
        rows.append({"corpus": corpus, "topic_id": new_id[int(old)], "size": int(sizes[old]),
                     "terms": terms, "keywords": kw, "label": T.short_label(kw or terms),
                     "representative_ids": reps.get(int(old), []),
                     "stability": stable.get(int(old), float("nan")),
                     "is_stable": not stable.get(int(old), 1.0) < tp.min_stability,
                     "is_outlier": False})
    topics = T._typed(pd.DataFrame(rows, columns=T.TOPIC_COLUMNS))
    print(f"[topics] {corpus}: {len(docs)} documents ({len(unique)} distinct) -> {len(topics)} "
          f"topics on the online path ({len(stats.batch_texts)} batches of at most "
          f"{tp.online_batch_size}, {stats.workers} Dask workers); no outlier topic; median "
          f"stability {np.median(list(stable.values())) if stable else float('nan'):.2f} on "
          f"{len(sample)} sampled texts", flush=True)
    return topics, assign[T.ASSIGN_COLUMNS], stats


def model_corpus(corpus: str, docs: pd.DataFrame, tp: TopicParams, seed: int,
                 masker: T.Masker | None = None, mask_before_embedding: bool = False):
    """(topics, assignments) like :func:`pipeline.topics.model_corpus`, on the online path."""
    topics, assign, _ = run_online(corpus, docs, tp, seed, masker, mask_before_embedding)
    return topics, assign
