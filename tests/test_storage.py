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


def _rejects(*keys):
    return pd.DataFrame({"source_id": ["s"] * len(keys), "source_row": list(range(len(keys))),
                         "source_key": list(keys), "stage": ["standardise"] * len(keys),
                         "reason": ["missing_service_name"] * len(keys),
                         "detail": [""] * len(keys)})


def test_table_writer_publishes_only_a_complete_table(tmp_path):
    """Issue 14: a table written in batches appears whole with its sidecar, or not at all."""
    from pipeline.schema import TableError

    target = tmp_path / "service_rejects.parquet"
    with pytest.raises(RuntimeError):
        with storage.table_writer(target, [], "standardise") as w:
            w.write(_rejects("a", "b"))
            raise RuntimeError("boom")
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(TableError, match="reason"):  # every batch is validated
        with storage.table_writer(target, [], "standardise") as w:
            w.write(_rejects("a"))
            w.write(_rejects("b").assign(reason="Not A Slug"))
    assert list(tmp_path.iterdir()) == []
    with storage.table_writer(target, [], "standardise") as w:
        w.write(_rejects("a", "b"))
        w.write(_rejects("c"))
    pd.testing.assert_frame_equal(storage.read_table(target),
                                  pd.concat([_rejects("a", "b"), _rejects("c")], ignore_index=True))
    assert storage.read_json(storage.meta_path(target))["rows"] == 3
    assert [len(b) for b in storage.read_batches(target, 2)] == [2, 1]


def test_table_writer_types_do_not_depend_on_the_first_batch(tmp_path):
    """A first batch whose lists are all empty (pandas alone types them list<null>) or none at
    all gives the declared Arrow types, so later batches with values append."""
    import pyarrow.parquet as pq

    from pipeline import schema

    row = schema.blank_record("services_clean")
    row.update(service_id="0" * 8 + "-0000-0000-0000-" + "0" * 12, source_id="s", name="A")
    full = {**row, "phones": ["+441"], "schedule": [{"byday": "MO", "opens_at": "09:00",
                                                     "closes_at": "17:00"}], "min_age": 5}
    typed = {"min_age": "Int64", "max_age": "Int64"}
    target = tmp_path / "services_clean.parquet"
    with storage.table_writer(target) as w:
        w.write(pd.DataFrame([row]).astype(typed))
        w.write(pd.DataFrame([full]).astype(typed))
    assert pq.read_schema(target).remove_metadata() == schema.arrow_schema("services_clean")
    back = storage.read_table(target)
    assert [list(p) for p in back["phones"]] == [[], ["+441"]]
    assert back["min_age"].dtype == "Int64" and back["min_age"].tolist()[1] == 5
    with storage.table_writer(tmp_path / "service_rejects.parquet") as w:
        pass
    assert pq.read_schema(tmp_path / "service_rejects.parquet").remove_metadata() == \
        schema.arrow_schema("service_rejects")
