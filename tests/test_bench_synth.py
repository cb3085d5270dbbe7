"""The benchmark's synthetic data (scripts/synth.py, synth_services.py, synth_notes.py) is
deterministic and is what the pipeline ingests: every row of every file accounted for. No
timings are asserted (the figures are `make bench`'s)."""
from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest
import yaml

from pipeline import cli
from pipeline.paths import ROOT, Outputs

sys.path.insert(0, str(ROOT / "scripts"))
import synth  # noqa: E402
import synth_notes  # noqa: E402
from benchsuite import common, plain  # noqa: E402

N = 200


def _csv_rows(path: Path, sep: str, encoding: str) -> list[dict]:
    with open(path, newline="", encoding=encoding) as f:
        return list(csv.DictReader(f, delimiter=sep))


def test_same_sizes_give_the_same_files(tmp_path):
    a = synth.write_sources(tmp_path / "a", N, N)
    b = synth.write_sources(tmp_path / "b", N, N)
    files = sorted(p.name for p in a.parent.iterdir())
    assert files == sorted(p.name for p in b.parent.iterdir())
    assert {"notes.csv", "submitter_a.csv", "submitter_b.csv", "submitter_c.csv"} <= set(files)
    for name in files:
        left, right = (a.parent / name).read_bytes(), (b.parent / name).read_bytes()
        if name == "sources.yaml":  # absolute paths differ, nothing else
            left = left.replace(str(a.parent).encode(), b"")
            right = right.replace(str(b.parent).encode(), b"")
        assert left == right, name
    other = synth_notes.rows(N, seed=synth_notes.SEED + 1)
    assert [r["text"] for r in other] != [r["text"] for r in synth_notes.rows(N)]


def test_notes_carry_the_dirt_they_promise():
    rows = list(synth_notes.rows(5000))
    texts = [r["text"] for r in rows]
    assert len({r["language"] for r in rows}) >= 8 and len({r["question_id"] for r in rows}) == 5
    assert "associated_words" in {r["question_id"] for r in rows}
    assert sum(t == "" for t in texts) > 0
    assert sum(t.strip(".").casefold() in {"no", "idk", "nothing", "nu", "rien"} for t in texts) > 0
    assert any(e in t for t in texts for e in synth_notes.EMOJIS)
    assert any("@mail.example" in t for t in texts) and any(" @" in t for t in texts)
    assert any(any(g in t for g in names) for t in texts for names in synth_notes.GIVEN.values())
    # answers pasted again by another respondent, and a repeated note ID
    pasted = Counter(t for t in texts if len(t) > 40)
    assert any(n > 1 for n in pasted.values())
    assert len({r["note_id"] for r in rows}) < len(rows)
    # nearly every answer with content is a distinct text, as in a real consultation
    content = [t for t in texts if len(t) > 40]
    assert len(set(content)) > 0.8 * len(content)


def test_every_synthetic_row_is_accounted_for_by_ingest(tmp_path, monkeypatch):
    sources = synth.write_sources(tmp_path / "data", N, N)
    monkeypatch.setenv("PIPELINE_SOURCES", str(sources))
    monkeypatch.setenv("PIPELINE_OUT", str(tmp_path / "out"))
    for stage in ("stamp", "ingest", "standardise", "dedupe"):
        assert cli.main([stage]) == 0, stage
    out = Outputs(tmp_path / "out")
    accounting = {a["source_id"]: a for a in
                  yaml.safe_load(out.ingest_accounting.read_text())["sources"]}
    declared = yaml.safe_load(sources.read_text())["sources"]
    assert set(accounting) == {s["id"] for s in declared}
    rejects = pd.read_parquet(out.ingest_rejects)
    for s in declared:
        sep, enc = (";", "cp1252") if s["path"].endswith("_b.csv") else (",", "utf-8")
        raw = _csv_rows(Path(s["path"]), sep, enc)
        a = accounting[s["id"]]
        assert a["rows_read"] == len(raw)
        assert a["rows_kept"] + a["rows_rejected"] == len(raw)
        assert a["rows_rejected"] == int((rejects["source_id"] == s["id"]).sum())
    notes_raw = pd.read_parquet(out.notes_raw)
    raw_notes = _csv_rows(Path(declared[-1]["path"]), ",", "utf-8")
    empty = sum(not r["text"].strip() for r in raw_notes)
    repeated = len(raw_notes) - len({r["note_id"] for r in raw_notes if r["text"].strip()}) - empty
    assert len(notes_raw) == len(raw_notes) - empty - repeated
    reasons = Counter(rejects.loc[rejects["source_id"] == "synthetic_notes", "reason"])
    assert reasons == Counter({k: v for k, v in {"missing_text_original": empty,
                                                 "duplicate_source_key": repeated}.items() if v})
    services = pd.read_parquet(out.services)
    assert len(pd.read_parquet(out.services_raw)) == N + N // 20
    assert len(services) < N + N // 20  # resubmitted services merged


def test_warm_run_parameters_are_valid_and_differ_in_topics_only(tmp_path, monkeypatch):
    from pipeline.config import load_params

    path = plain.changed_params(tmp_path / "params.yaml")
    monkeypatch.setenv("PIPELINE_PARAMS", str(path))
    changed = load_params().model_dump()
    monkeypatch.setenv("PIPELINE_PARAMS", str(ROOT / "config" / "params.yaml"))
    base = load_params().model_dump()
    assert [k for k in base if base[k] != changed[k]] == ["topics"]


@pytest.mark.parametrize("value,target,below,expected", [
    (2.9, 3.0, True, "OK"), (3.1, 3.0, True, "MISSED"), (None, 3.0, True, "not measured")])
def test_verdict(value, target, below, expected):
    assert common.verdict(value, target, below) == expected
