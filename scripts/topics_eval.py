"""Topic quality (issue 10 figures), printed by `make bench`.

1. The project-written labelled help-seeking corpus (tests/fixtures/topics_labelled/: 320
   messages, 8 themes, 8 languages, illustrative): NMI and ARI of topic assignments against the
   theme labels for BERTopic (the topics stage's :func:`pipeline.topics.model_corpus`) and two
   baselines with the same number of topics: KMeans on the same embeddings and NMF on TF-IDF.
   Outliers count as one more cluster. Target (issue 10): BERTopic NMI at least 0.05 above both;
   the margin is printed with the pipeline's seed and as its mean over 5 seeds (every method
   refitted with each), whose verdict is printed.
   Printed twice: all 8 languages, and the 6 the embedder covers (Romanian and Greek are not
   among multilingual USE v3's 16), with BERTopic's NMI against *language* (0: topics do not
   follow language).
2. A topics output folder (``topics_summary(out)``): per corpus, the number of topics, outlier
   share, largest topic share and median stability; then the refit time of both corpora
   (``print_refit(out)``): wall and CPU seconds with the refits in forked workers and one
   after the other, and whether both gave the same tables.

Run alone: ``python scripts/topics_eval.py [OUT]``.
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

from pipeline import topics as T
from pipeline.config import load_params
from pipeline.paths import ROOT, Outputs

LABELLED = ROOT / "tests" / "fixtures" / "topics_labelled" / "messages.csv"


EMBEDDER_LANGUAGES = ("en", "es", "fr", "de", "pt", "it")  # of the corpus's 8, USE v3 covers


SEEDS = 5  # seeds the margin is averaged over: one seed's margin moved by 0.02-0.06 (2026-12-05)


def labelled(languages: tuple[str, ...] | None = None,
             seed: int | None = None) -> dict[str, dict[str, float]]:
    """{method: {nmi, ari, topics, outlier_share, nmi_language}} on the labelled corpus, or
    on its messages in ``languages`` (ISO 639-1), every method fitted with ``seed`` (default
    the pipeline's; another seed skips the stability refits, which do not move assignments)."""
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    params = load_params()
    tp = params.topics
    if seed is not None and seed != params.seed:
        tp = tp.model_copy(update={"stability_refits": 0})
    seed = params.seed if seed is None else seed
    data = pd.read_csv(LABELLED, dtype=str, keep_default_na=False)
    if languages:
        data = data[data["language"].isin(languages)].reset_index(drop=True)
    docs = pd.DataFrame({"doc_id": data["id"], "text": data["text"], "text_terms": data["text"]})
    topics, assign = T.model_corpus("labelled", docs, tp, seed)
    found = assign.set_index("doc_id").loc[data["id"], "topic_id"].to_numpy()
    k = int((~topics["is_outlier"]).sum())
    results = {"bertopic": found}
    if k:
        masked = docs["text_terms"].map(T.Masker()).tolist()
        results |= T.baselines(masked, T.embed(docs["text"].tolist()), k, tp, seed)
    return {name: {"nmi": normalized_mutual_info_score(data["label"], pred),
                   "ari": adjusted_rand_score(data["label"], pred), "topics": k,
                   "outlier_share": float((pred == -1).mean()),
                   "nmi_language": normalized_mutual_info_score(data["language"], pred)}
            for name, pred in results.items()}


def refit_seconds(out: Path) -> dict[str, float | bool]:
    """Fit both corpora of an output folder's run three times in this process, embeddings
    read from its cache, each fit with its ``stability_refits`` refits: ``first`` (UMAP's and
    HDBSCAN's first compilation included), ``refit`` (the figure of issue 10, target < 10 s:
    refits in forked workers below 4,096 texts, :func:`pipeline.topics.fit_and_refit`) and
    ``sequential`` (refits one after the other in this process). Returns their wall seconds,
    their CPU seconds (``*_cpu``: this process and its reaped children, the workers) and
    ``same``: whether all three gave equal topics and assignments tables."""
    import os
    import resource
    import time
    from unittest import mock

    os.environ.setdefault("PIPELINE_EMBEDDINGS", str(Outputs(out).embeddings))
    tp, seed = load_params().topics, load_params().seed
    o = Outputs(out)
    services, notes = pd.read_parquet(o.services), pd.read_parquet(o.notes)
    corpus = T.run_corpora(services, notes, tp)
    masks = T.maskers(services, corpus, tp)

    def cpu() -> float:
        return sum(u.ru_utime + u.ru_stime for u in (resource.getrusage(resource.RUSAGE_SELF),
                                                     resource.getrusage(resource.RUSAGE_CHILDREN)))

    times, results = {}, []
    for name, fork_below in (("first", None), ("refit", None), ("sequential", 0)):
        wall, start = time.perf_counter(), cpu()
        with mock.patch.object(T, "FORK_REFITS_BELOW", T.FORK_REFITS_BELOW
                               if fork_below is None else fork_below):
            results.append([T.model_corpus(c, docs, tp, seed, masks[c], tp.mask_before_embedding)
                            for c, docs in corpus.items()])
        times[name], times[f"{name}_cpu"] = time.perf_counter() - wall, cpu() - start
    same = all(a.equals(b) for other in results[1:] for fit, again in zip(results[0], other)
               for a, b in zip(fit, again))
    return times | {"same": same}


def topics_summary(out: Path) -> None:
    """Print per corpus: topics, outlier share, largest topic share, median stability, unstable
    topics; coherence (NPMI) and diversity of BERTopic beside both baselines
    (``topic_quality.parquet``); and the top-five terms that name a service, an organisation
    or a place (:func:`names_in_top_terms`; issue 10: none)."""
    o = Outputs(out)
    t = pd.read_parquet(o.topics)
    quality = pd.read_parquet(o.topic_quality)
    named = names_in_top_terms(out)
    for corpus, g in t.groupby("corpus"):
        n = int(g["size"].sum())
        real = g[~g["is_outlier"]]
        outliers = int(g.loc[g["is_outlier"], "size"].sum())
        largest = int(real["size"].max()) if len(real) else 0
        print(f"  {corpus}: {n} texts, {len(real)} topics, outliers {outliers / n:.1%}, "
              f"largest topic {largest / n:.1%}, median stability "
              f"{real['stability'].astype(float).median():.2f} "
              f"({int((~real['is_stable'].astype(bool)).sum())} unstable), labels: "
              + "; ".join(real.sort_values("size", ascending=False)["label"].head(12)))
        for r in quality[quality["corpus"] == corpus].itertuples():
            print(f"    {r.method:<18} {r.topics:>3} topics  coherence (NPMI) {r.coherence_npmi:+.3f}  "
                  f"diversity {r.diversity:.3f}{'  best' if r.is_best else ''}")
        found = named.get(corpus, [])
        print("    top-five terms naming a service, organisation or place: "
              + ("; ".join(f"{term!r} in {label!r}" for label, term in found) if found else "none")
              + f" {'MISSED' if found else 'OK'}")


def names_in_top_terms(out: Path) -> dict[str, list[tuple[str, str]]]:
    """Per corpus, (topic label, term) for each of a topic's top five c-TF-IDF terms that holds
    a service or organisation name (whole, or one of its words the corpus never writes in lower
    case: 'awel', not 'child'), a country or language name, or a GeoNames town of 15,000
    people or more that the corpus never writes in lower case (as ``topics.Masker`` reads
    names). Outlier topics are left out."""
    from pipeline.pii.lexicon import fold, gazetteer

    o = Outputs(out)
    tp = load_params().topics
    services, notes = pd.read_parquet(o.services), pd.read_parquet(o.notes)
    names = pd.concat([services["name"], services["organization_name"]]).dropna().astype(str)
    whole = {n.strip().casefold() for n in names} | {n.casefold() for n in T._country_and_language_names()}
    name_words = {w.casefold() for n in names for w in T._WORD.findall(n)}
    t = pd.read_parquet(o.topics)
    found: dict[str, list[tuple[str, str]]] = {}
    for corpus, docs in T.run_corpora(services, notes, tp).items():
        lower = {w for text in docs["text_terms"] for w in T._WORD.findall(str(text)) if w.islower()}
        for r in t[(t["corpus"] == corpus) & ~t["is_outlier"]].itertuples():
            for term in list(r.terms)[:5]:
                words = [w.casefold() for w in T._WORD.findall(term)]
                if term.casefold() in whole or any(
                        w not in lower and (w in name_words or fold(w) in gazetteer()) for w in words):
                    found.setdefault(corpus, []).append((r.label, term))
    return found


def main() -> None:
    for languages, what in ((None, "320 messages, 8 themes, 8 languages"),
                            (EMBEDDER_LANGUAGES, "the 240 in the embedder's languages")):
        print(f"\nTopics on the labelled help-seeking corpus (illustrative; {what}):")
        r = labelled(languages)
        for name, m in r.items():
            print(f"  {name:<18} NMI {m['nmi']:.3f}  ARI {m['ari']:.3f}  ({m['topics']} topics, "
                  f"outliers {m['outlier_share']:.1%}; NMI with language {m['nmi_language']:.3f})")
        if "kmeans_embeddings" in r:
            margins = [_margin(r)] + [_margin(labelled(languages, load_params().seed + i))
                                      for i in range(1, SEEDS)]
            mean = float(np.mean(margins))  # a seed without topics counts as margin -1
            print(f"  BERTopic NMI minus best baseline: {margins[0]:+.3f} with the pipeline's "
                  f"seed; mean of {SEEDS} seeds {mean:+.3f} (population sd {np.std(margins):.3f};"
                  " each: " + ", ".join(f"{m:+.3f}" for m in margins)
                  + f") (target >= +0.05) {'OK' if mean >= 0.05 else 'MISSED'}")


def _margin(r: dict[str, dict[str, float]]) -> float:
    """BERTopic's NMI minus the better baseline's, in one :func:`labelled` result; -1 when
    BERTopic found no topic (no baselines were fitted)."""
    if "kmeans_embeddings" not in r:
        return -1.0
    return r["bertopic"]["nmi"] - max(r["kmeans_embeddings"]["nmi"], r["nmf_tfidf"]["nmi"])


def print_refit(out: Path) -> None:
    """Print :func:`refit_seconds` against issue 10's target."""
    r = refit_seconds(out)
    print(f"  refit of both corpora on cached embeddings, {load_params().topics.stability_refits}"
          f" stability refits each: {r['refit']:.1f} s wall, {r['refit_cpu']:.1f} s CPU in a "
          f"process that fitted once (first fit {r['first']:.1f} s, compilation included; refits "
          f"one after the other {r['sequential']:.1f} s wall, {r['sequential_cpu']:.1f} s CPU; "
          f"same topics and assignments: {'yes' if r['same'] else 'NO'}); target < 10 s "
          f"{'OK' if r['refit'] < 10 else 'MISSED'}")


if __name__ == "__main__":
    main()
    if len(sys.argv) > 1:
        topics_summary(Path(sys.argv[1]))
        print_refit(Path(sys.argv[1]))
