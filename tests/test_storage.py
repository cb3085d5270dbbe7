"""Atomic writes and spreadsheet-safe exports."""
import csv

import pandas as pd
import pytest

from pipeline import storage


def test_failed_write_leaves_nothing_behind(tmp_path):
    target = tmp_path / "out" / "t.parquet"
    with pytest.raises(RuntimeError):
        with storage.atomic_path(target) as tmp:
            tmp.write_text("half")
            raise RuntimeError("boom")
    assert not target.exists() and list(target.parent.iterdir()) == []


def test_private_files_are_owner_only(tmp_path):
    target = tmp_path / "private" / "key.csv"
    storage.write_private(target, "x")
    assert target.stat().st_mode & 0o777 == 0o600
    assert target.parent.stat().st_mode & 0o777 == 0o700


def test_csv_export_neutralises_formulas_and_round_trips(tmp_path):
    df = pd.DataFrame({"text": ["=HYPERLINK(\"x\")", "+44 808 800 5000", "@handle", "-rm", "plain",
                                "'quoted"],
                       "n": [1, -5, 3, 4, 5, 6]})
    p = tmp_path / "t.csv"
    storage.write_csv(p, df)
    with open(p, newline="") as fh:
        cells = list(csv.reader(fh))[1:]
    assert [c[0][:2] for c in cells] == ["'=", "'+", "'@", "'-", "pl", "''"]
    assert [c[1] for c in cells][:2] == ["1", "-5"]  # numbers untouched
    back = storage.read_csv_safe(p)
    assert back["text"].tolist() == df["text"].tolist()
    assert back["n"].astype(int).tolist() == df["n"].tolist()
