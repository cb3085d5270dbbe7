"""The online topic path (pipeline/topics_online.py, issue 14) on a few hundred short synthetic
notes (scripts/synth_notes.py: project-written, illustrative) with a tiny threshold: the normal
tables' schema, the same assignments on a second run, bounded batches, the Dask scheduler
parameter honoured. No timings are asserted (`make bench-scale` prints them)."""
from __future__ import annotations

import sys

import pandas as pd
import pytest

from pipeline import schema, topics, topics_online
from pipeline.config import load_params
from pipeline.paths import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import synth_notes  # noqa: E402


@pytest.fixture(scope="module")
def docs() -> pd.DataFrame:
    rows = [r for r in synth_notes.rows(400) if len(r["text"]) > 12
            and r["question_id"] != "associated_words"]
    return pd.DataFrame({"doc_id": [r["note_id"] for r in rows], "text": [r["text"] for r in rows],
                         "text_terms": [r["text_en"] or r["text"] for r in rows]}, dtype="string")


def online_params(**update):
    return load_params().topics.model_copy(update={
        "online_threshold": 50, "online_batch_size": 80, "online_n_topics": 6,
        "dask_scheduler": "synchronous", **update})


def test_the_online_path_gives_the_normal_tables_deterministically(docs):
    tp = online_params()
    first = topics.model_corpus("notes", docs, tp, 42, topics.Masker())
    again = topics.model_corpus("notes", docs, tp, 42, topics.Masker())
    for table, frame, other in zip(("topics", "topic_assignments"), first, again):
        schema.validate(table, frame)
        pd.testing.assert_frame_equal(frame, other)
    t, a = first
    assert list(a["doc_id"]) == list(docs["doc_id"])           # every document, in order
    assert set(a["topic_id"]) == set(t["topic_id"]) and len(t) == 6
    assert t["size"].tolist() == a["topic_id"].value_counts().sort_index().tolist()
    assert t["size"].is_monotonic_decreasing and not t["is_outlier"].any()
    assert t["stability"].between(0, 1).all()                   # refits on the sample
    assert t["is_stable"].tolist() == (t["stability"] >= tp.min_stability).tolist()
    assert all(len(r) == 3 and set(r) <= set(docs["doc_id"]) for r in t["representative_ids"])
    assert all(t["terms"].map(len) > 0) and all(t["label"].str.len() > 0)


class NormalPath(Exception):
    pass


def test_below_the_threshold_the_normal_path_runs(docs, monkeypatch):
    called = []
    monkeypatch.setattr(topics_online, "model_corpus", lambda *a, **k: called.append(1))
    monkeypatch.setattr(topics, "embed", lambda texts: (_ for _ in ()).throw(NormalPath()))
    with pytest.raises(NormalPath):                            # the normal path's embedding
        topics.model_corpus("notes", docs, online_params(online_threshold=len(docs)), 42)
    assert not called


def test_batches_are_bounded_and_stability_can_be_left_out(docs):
    tp = online_params(stability_refits=0)
    t, _, stats = topics_online.run_online("notes", docs, tp, 42, topics.Masker())
    assert t["stability"].isna().all() and t["is_stable"].all()
    distinct = docs["text"].nunique()
    assert sum(stats.batch_texts) == distinct and len(stats.batch_texts) > 2
    assert all(tp.online_batch_size / 2 <= n <= tp.online_batch_size for n in stats.batch_texts)
    assert topics_online.batches(distinct, 80)[0].tolist() == list(range(stats.batch_texts[0]))


def test_the_dask_scheduler_parameter_is_honoured(docs):
    from distributed import LocalCluster

    # a worker thread in this process, reached over loopback TCP: starts in a second
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, protocol="tcp://",
                      host="127.0.0.1", dashboard_address=None) as cluster:
        tp = online_params(dask_scheduler=cluster.scheduler_address)
        t, a, stats = topics_online.run_online("notes", docs, tp, 42, topics.Masker())
        ran = set(cluster.scheduler.task_prefixes)
    assert {"embed_task", "representatives_task"} <= ran and stats.workers == 1
    local = topics_online.run_online("notes", docs, online_params(), 42, topics.Masker())
    pd.testing.assert_frame_equal(a, local[1])                 # the same code path, same result
    pd.testing.assert_frame_equal(t, local[0])
