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


# ------------------------------------------------------------------ the kit and its template
def _kit(tmp_path):
    from pipeline import submitter
    submitter.run(Outputs(tmp_path / "kit"))
    return tmp_path / "kit" / "report" / "submitter-kit"


GOOD_SERVICES = [
    # service_id, service_name, organization_name, country, service_type, function,
    # target_group, languages, description, hours, min_age, max_age, free, confidential,
    # anonymous, last_checked, source_url (illustrative, written for this test)
    ["FR-001", "Ligne Écoute Enfance", "Association Écoute", "FRA", "Child helpline",
     "Respond / support", "Children (under 18)", "fra", "Écoute gratuite et anonyme, 7j/7.",
     "24/7", "6", "18", "yes", "yes", "yes", "2026-11-30", "https://ecoute.example.org"],
    ["KE-002", "Peer Space Kenya", "Youth Net", "KEN", "Peer-support platform",
     "Prevent; Respond / support", "Young people (up to 24/25)", "eng; swa",
     "Moderated peer support forum for young people.", "Mon-Fri 09:00-17:00", "13", "24",
     "yes", "no", "yes", "2026-10-01", "https://peerspace.example.org"],
]
GOOD_CONTACTS = [["FR-001", "phone", "119"], ["FR-001", "website", "https://ecoute.example.org"],
                 ["KE-002", "web chat", "https://peerspace.example.org/chat"],
                 ["KE-002", "phone", "+254 20 7654321"]]


def _fill(template, target, services, contacts, edit=None):
    """Copy the template and replace the example rows with ``services`` and ``contacts``."""
    from openpyxl import load_workbook
    wb = load_workbook(template)
    for name, rows in (("services", services), ("contacts", contacts)):
        ws = wb[name]
        ws.delete_rows(2, ws.max_row)
        for row in rows:
            ws.append(row)
    if edit:
        edit(wb)
    wb.save(target)
    return target


def test_the_kit_is_written_from_the_schema(tmp_path):
    from openpyxl import load_workbook

    from pipeline import schema
    kit = _kit(tmp_path)
    wb = load_workbook(kit / "template.xlsx")
    assert wb.sheetnames[:2] == ["services", "contacts"] and wb["lists"].sheet_state == "hidden"
    header = [c.value for c in wb["services"][1]]
    assert header == [f.name for f in schema.SUBMISSION["services"]]
    assert wb["services"]["D1"].comment is not None  # input hint on the country header
    lists = [dv.formula1 for dv in wb["services"].data_validations.dataValidation]
    assert any("lists" in (f or "") for f in lists)
    types = {r[4].value for r in wb["services"].iter_rows(min_row=2) if r[0].value}
    assert "Child helpline" in types and len(types) >= 10  # an example per service type
    ts = json.loads((kit / "contacts.schema.json").read_text())
    channel = next(f for f in ts["fields"] if f["name"] == "channel")
    assert channel["constraints"] == {"required": True, "enum": list(schema.CONTACT_CHANNELS)}
    assert (kit / "services.csv").read_text().startswith("service_id,service_name,")


def test_the_dictionary_renders_in_english_and_french(tmp_path):
    kit = _kit(tmp_path)
    en = (kit / "data-dictionary.en.html").read_text()
    fr = (kit / "data-dictionary.fr.html").read_text()
    assert '<html lang="en">' in en and "Never send" in en and "<table>" in en
    assert '<html lang="fr">' in fr and "À ne jamais envoyer" in fr and "<table>" in fr
    assert "Pays desservi par le service." in fr and "Country the service serves." in en
    assert "aggregate counts" in (kit / "data-dictionary.en.md").read_text()


def test_a_returned_template_ingests_with_a_sources_entry_only(tmp_path, monkeypatch):
    kit = _kit(tmp_path)
    filled = _fill(kit / "template.xlsx", tmp_path / "returned.xlsx", GOOD_SERVICES,
                   GOOD_CONTACTS + [["XX-999", "phone", "119"]])
    out = _run_stages(monkeypatch, tmp_path, [{"id": "returned", "adapter": "submitter_template",
                                               "path": str(filled), "origin": ORIGIN}])
    acc = json.loads(out.ingest_accounting.read_text())["sources"][0]
    assert acc["rows_read"] == 2 + 5 == acc["rows_kept"] + acc["rows_rejected"]
    assert acc["rows_rejected"] == 1  # the contact of a service that is not on the sheet
    clean = pd.read_parquet(out.services_clean).set_index("source_key")
    fr = clean.loc["FR-001"]
    assert fr["country_iso3"] == "FRA" and list(fr["phones"]) == ["119"] and fr["is_24_7"]
    assert set(fr["source_attributes"]) == {"free_of_charge", "confidential", "anonymous"}
    assert list(clean.loc["KE-002", "chat_urls"]) == ["https://peerspace.example.org/chat"]
    assert list(clean.loc["KE-002", "languages"]) == ["eng", "swa"]
    assert "Peer-support platform" in clean.loc["KE-002", "service_kind_raw"]
