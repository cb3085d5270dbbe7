"""Any submitter's shape through a mapping, the submitter kit and the validator.

Fixtures are written by the project (illustrative; never cut from ../shared/data)."""
import json

import pandas as pd
import yaml

from pipeline import cli
from pipeline.paths import ROOT, Outputs

NESTED = ROOT / "tests/fixtures/nested_directory/helplines_by_country.json"
ORIGIN = {"title": "fixture", "submitter": "tests", "licence": "CC0-1.0", "illustrative": True}


def _run_stages(monkeypatch, tmp_path, sources: list[dict], stages=("stamp", "ingest",
                                                                      "standardise")):
    f = tmp_path / "sources.yaml"
    f.write_text(yaml.safe_dump({"label": "submitter test", "illustrative": True,
                                 "sources": sources}))
    monkeypatch.setenv("PIPELINE_SOURCES", str(f))
    monkeypatch.setenv("PIPELINE_OUT", str(tmp_path / "out"))
    for stage in stages:
        assert cli.main([stage]) == 0, stage
    return Outputs(tmp_path / "out")


def test_nested_json_directory_ingests_end_to_end_by_a_mapping_only(tmp_path, monkeypatch):
    out = _run_stages(monkeypatch, tmp_path, [{
        "id": "nested", "adapter": "services_table", "path": str(NESTED), "origin": ORIGIN,
        "options": {"records": "*.entries[*]", "name_from": "organization_name",
                    "columns": {"source_key": "description", "service_name": "title",
                                "organization_name": "org", "country_raw": "_key",
                                "phones": "phones", "description": "description",
                                "emails": "contact.email", "websites": "contact.web",
                                "languages_raw": "languages", "hours_raw": "hours"}}}])
    acc = json.loads(out.ingest_accounting.read_text())["sources"][0]
    assert acc["rows_read"] == 5 == acc["rows_kept"] + acc["rows_rejected"]
    assert acc["rows_kept"] == 3
    clean = pd.read_parquet(out.services_clean).set_index("name")
    assert clean.loc["Freedonia Child Line", "phones"].tolist()[0] == "116111"
    assert clean.loc["Freedonia Youth Chat", "websites"].tolist() == [
        "https://chat.freedonia.example"]
    assert set(clean["country_raw"]) == {"Freedonia", "Sylvanie"}
