"""One schema per table (pipeline/schema.py): every table written is validated against its
declaration, refused with a message naming the table, the column and the values; column lists
elsewhere derive from it."""
from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from pipeline import paths, schema, standardise, storage
from pipeline.config import Source, load_params
from pipeline.ingest import chi_directory, common, tabular
from pipeline.ingest.common import REJECT_COLUMNS


def _service_row(**kw) -> dict:
    row = schema.blank_record("services")
    row.update(service_id="30933419-711a-511a-9f05-93c0d3cc271d", source_id="demo",
               source_key="A-1", source_row=2, name="Line", country_iso3="GBR",
               region_m49="Europe", languages=["eng"], source_ids=["demo:A-1"], **kw)
    return row


def _services(**kw) -> pd.DataFrame:
    df = pd.DataFrame([_service_row(**kw)], columns=schema.columns("services"))
    for col in ("min_age", "max_age"):
        df[col] = df[col].astype("Int64")
    return df


def test_a_valid_services_table_is_written_with_declared_types(tmp_path):
    target = tmp_path / "services.parquet"
    storage.write_table(target, _services())
    meta = storage.read_json(storage.meta_path(target))
    assert meta["columns"] == schema.dtypes("services")
    assert meta["columns"]["name"] == "string" and meta["columns"]["phones"] == "list[string]"
    assert meta["columns"]["source_row"] == "int64" and meta["columns"]["min_age"] == "Int64"
    assert meta["columns"]["schedule"] == "list[schedule]"
    assert pd.read_parquet(target).loc[0, "name"] == "Line"


@pytest.mark.parametrize("change, message", [
    (lambda df: df.assign(source_row=["2"]), "column 'source_row': expected int64, got 'object'"),
    (lambda df: df.drop(columns="country_iso3"), "missing column(s) 'country_iso3'"),
    (lambda df: df.assign(extra=[1]), "unexpected column(s) 'extra'"),
    (lambda df: df.assign(country_iso3=["Spain"]), "column 'country_iso3': values not matching"),
    (lambda df: df.assign(languages=[["english"]]), "column 'languages': values not a list"),
    (lambda df: df.assign(phones=[[4402071234567]]), "column 'phones': values not a list of texts"),
    (lambda df: df.assign(name=[3]), "column 'name': expected string, got 3"),
    (lambda df: df.assign(min_age=pd.array([-1], dtype="Int64")), "column 'min_age': values below 0"),
    (lambda df: df.assign(schedule=[[{"byday": "MO"}]]), "column 'schedule': values not a list of"),
])
def test_a_bad_services_table_is_refused_naming_the_column(tmp_path, change, message):
    target = tmp_path / "services.parquet"
    with pytest.raises(schema.TableError) as e:
        storage.write_table(target, change(_services()))
    text = str(e.value)
    assert text.startswith(f"table services ({target})") and message in text, text
    assert "\n" not in text and "Traceback" not in text
    assert not target.exists() and not storage.meta_path(target).exists()


def test_controlled_values_of_rejects_are_checked(tmp_path):
    rejects = pd.DataFrame([{"source_id": "demo", "source_row": 3, "source_key": "A",
                             "stage": "clean", "reason": "missing name", "detail": ""}])
    with pytest.raises(schema.TableError) as e:
        storage.write_table(tmp_path / "ingest_rejects.parquet", rejects)
    assert "column 'stage': values not among ['ingest']: 'clean'" in str(e.value)
    assert "column 'reason': values not matching" in str(e.value) and "'missing name'" in str(e.value)


def test_an_empty_table_gets_the_declared_types(tmp_path):
    target = tmp_path / "service_rejects.parquet"
    storage.write_table(target, pd.DataFrame([], columns=REJECT_COLUMNS))
    assert pd.read_parquet(target).dtypes["source_row"] == "int64"


def test_a_table_without_a_schema_is_refused(tmp_path):
    with pytest.raises(KeyError, match="no schema declared for table 'mystery'"):
        storage.write_table(tmp_path / "mystery.parquet", pd.DataFrame({"a": [1]}))


def test_every_parquet_output_has_a_schema():
    out = paths.Outputs(paths.ROOT)
    tables = {schema.table_name(p) for p in vars(out).values()
              if str(p).endswith(".parquet")}
    assert tables == set(schema.TABLES)


def test_columns_derive_from_the_schema():
    assert list(common.SERVICE_COLUMNS) == schema.columns("services_raw")
    assert list(common.NOTE_COLUMNS) == schema.columns("notes_raw")
    assert REJECT_COLUMNS == schema.columns("ingest_rejects") == schema.columns("service_rejects")
    assert set(tabular.SERVICE_FIELDS) <= set(schema.columns("services_raw"))
    assert schema.columns("services") == schema.columns("services_clean") + ["source_ids"]
    assert "name" in schema.columns("services") and "service_name" not in schema.columns("services")


def _source(path, adapter, **options):
    return Source(id="t", adapter=adapter, path=str(path), options=options,
                  origin={"title": "t", "submitter": "s", "licence": "CC0-1.0"})


def test_adapters_produce_exactly_the_declared_columns(tmp_path):
    demo = paths.ROOT / "config" / "sources.yaml"
    import yaml

    cfg = yaml.safe_load(demo.read_text())["sources"]
    services = tabular.read_services(_source(paths.DEMO_RAW / "services.csv", "services_table",
                                             **cfg[0]["options"]), load_params())
    assert list(services.rows.columns) == schema.columns("services_raw")
    notes = tabular.read_notes(_source(paths.DEMO_RAW / "notes.csv", "notes_table",
                                       **cfg[1]["options"]), load_params())
    assert list(notes.rows.columns) == schema.columns("notes_raw")
    doc = {"countries": [{"country_name": "Freedonia", "helplines": [
        {"service_name": "Line", "source_post_id": 1, "voice_numbers": ["116 111"]}]}]}
    p = tmp_path / "dir.json"
    p.write_text(json.dumps(doc))
    chi = chi_directory.read(_source(p, "chi_directory_json"), load_params())
    assert list(chi.rows.columns) == schema.columns("services_raw")


def test_clean_record_produces_exactly_the_declared_columns():
    row = standardise.clean_record(schema.blank_record("services_raw"))
    assert set(row) == set(schema.columns("services_clean"))


def test_readme_lists_the_mappable_fields():
    """The README's 'Fields a services table may map' and 'A notes table maps' lists are the
    schema's mappable fields."""
    readme = (paths.ROOT / "README.md").read_text()
    services = re.search(r"Fields a services table may map:\s+(.*?)\.\s+A notes table", readme, re.S)
    notes = re.search(r"A notes table maps\s+(.*?)\. Cells are", readme, re.S)
    assert services and notes
    assert set(re.findall(r"`(\w+)`", services.group(1))) == set(tabular.SERVICE_FIELDS)
    assert set(re.findall(r"`(\w+)`", notes.group(1))) == set(tabular.NOTE_FIELDS)
