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


def test_csv_export_is_exact_and_xlsx_copy_runs_no_formula(tmp_path):
    """Issue 12: machine exports keep values exact ('+37480061111' was written "'+374..."),
    people's XLSX copies store formula-like text as text."""
    from openpyxl import load_workbook

    df = pd.DataFrame({"text": ["=HYPERLINK(\"x\")", "+37480061111", "@handle", "-rm", "plain",
                                "'quoted"],
                       "n": [1, -5, 3, 4, 5, 6]})
    p = tmp_path / "t.csv"
    storage.write_csv(p, df)
    with open(p, newline="") as fh:
        cells = list(csv.reader(fh))[1:]
    assert [c[0] for c in cells] == df["text"].tolist()
    back = storage.read_csv_text(p)
    assert back["text"].tolist() == df["text"].tolist()
    assert back["n"].astype(int).tolist() == df["n"].tolist()
    x = tmp_path / "t.xlsx"
    storage.write_xlsx(x, {"people": df.assign(empty=[None, float("nan"), "", "a", "b", "c"])})
    ws = load_workbook(x)["people"]
    assert [c.value for c in ws["A"]][1:] == df["text"].tolist()
    assert {c.data_type for c in ws["A"]} == {"s"}  # no formula cell
    assert [c.value for c in ws["B"]][1:3] == [1, -5] and ws["C2"].value is None
