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


# ------------------------------------------------------------------ the validator
def _mistakes(wb):
    """Deliberate mistakes a submitter makes, each in its own cell (illustrative)."""
    from datetime import datetime
    s, c = wb["services"], wb["contacts"]
    s.append(["DE-003", "Kinder Hilfe", "Hilfe e.V.", "Germany", "Helpline", "Respond / support",
              "Kids", "German", "Call our counsellor Anna on +49 151 98765432 or write to "
              "anna.schmidt@gmail.com, insta @anna_helps", "whenever", "six", "18", "maybe",
              "yes", "yes", "03/04/2025", "https://kinderhilfe.example.org"])
    s["Q2"] = "=HYPERLINK(\"https://ecoute.example.org\")"      # a formula
    s["P3"] = datetime(2026, 10, 1)                              # a real date: fine
    s.merge_cells("C2:C3")                                       # merged cells
    c.append(["DE-003", "phone", 4915123456789])                 # a number stored as a number
    c.append(["DE-003", "fax", "+49 30 1234567"])                # not in the channel list
    c.append(["ZZ-404", "email", "not-an-address"])              # unknown service, bad e-mail
    wb.create_sheet("notes")                                     # an extra sheet
    s["B1"] = "Service name"                                     # a renamed column


def test_validator_gives_row_level_messages_for_deliberate_mistakes(tmp_path, capsys):
    from pipeline import validate
    kit = _kit(tmp_path)
    filled = _fill(kit / "template.xlsx", tmp_path / "mistakes.xlsx", GOOD_SERVICES,
                   GOOD_CONTACTS, edit=_mistakes)
    report = tmp_path / "report.txt"
    assert validate.main([str(filled), "--report", str(report)]) == 1
    out = capsys.readouterr().out
    assert report.read_text() == out
    expected = [
        "extra sheet 'notes' is not read",
        "column 'Service name' is not a template column: renamed from 'service_name'?",
        "cells C2:C3 are merged",
        "services row 2, source_url: a formula",
        "services row 4, country: 'Germany' is a country name, not its ISO 3166-1 alpha-3 "
        "code. Fix: write DEU (Germany)",
        "services row 4, service_type: 'Helpline' is not in the list for service_type",
        "services row 4, target_group: 'Kids' is not in the list",
        "services row 4, languages: 'German' is not an ISO 639-3 language code. Fix: write deu",
        "services row 4, hours: opening hours 'whenever' cannot be read",
        "services row 4, min_age: 'six' is not an age in whole years",
        "services row 4, free_of_charge: 'maybe' is not in the list",
        "services row 4, last_checked: date typed as text ('03/04/2025'), not YYYY-MM-DD",
        "services row 4, description: personal data? a phone number ('+49 151 98765432')",
        "services row 4, description: personal data? an e-mail address "
        "('anna.schmidt@gmail.com')",
        "services row 4, description: personal data? a social-media handle",
        "contacts row 6, value: 4915123456789 is stored as a number: a leading 0 or + is lost",
        "contacts row 7, channel: 'fax' is not in the list for channel",
        "contacts row 8, service_id: no service with service_id 'ZZ-404'",
        "contacts row 8, value: 'not-an-address' is not an e-mail address",
    ]
    missing = [e for e in expected if e not in out]
    assert not missing, out
    assert "services row 3, last_checked" not in out  # a real date cell is a date
    assert "row 2, description" not in out  # the service's own listed number is not personal
    assert out.splitlines()[-1].startswith("10 row(s) checked: ")


def test_corrected_template_passes_and_ingests(tmp_path, monkeypatch, capsys):
    from pipeline import validate
    kit = _kit(tmp_path)
    corrected = _fill(kit / "template.xlsx", tmp_path / "corrected.xlsx", GOOD_SERVICES,
                      GOOD_CONTACTS)
    assert validate.main([str(corrected)]) == 0, capsys.readouterr().out
    assert "0 error(s)" in capsys.readouterr().out
    out = _run_stages(monkeypatch, tmp_path, [{"id": "corrected", "path": str(corrected),
                                               "adapter": "submitter_template", "origin": ORIGIN}])
    assert len(pd.read_parquet(out.services_clean)) == 2


def test_validator_checks_csv_templates_and_mapped_files(tmp_path, capsys):
    from pipeline import validate
    services = tmp_path / "services.csv"
    contacts = tmp_path / "contacts.csv"
    services.write_text("service_id,service_name,country,service_type\n"
                        "A1,Line A,FRA,Child helpline\nA2,Line B,Frankreich,Child helpline\n")
    contacts.write_text("service_id,channel,value\nA1,phone,119\nA2,phone,12\n")
    assert validate.main([str(services), str(contacts)]) == 1
    out = capsys.readouterr().out
    assert "services row 3, country: 'Frankreich' is a country name" in out
    assert "contacts row 3, value: '12' is not a known short code in FRA" in out
    # a file of the submitter's own shape, through its sources-file entry
    sources = tmp_path / "sources.yaml"
    sources.write_text(yaml.safe_dump({"label": "x", "sources": [{
        "id": "nested", "adapter": "services_table", "path": str(NESTED), "origin": ORIGIN,
        "options": {"records": "*.entries[*]", "columns": {
            "source_key": "description", "service_name": "title", "country_raw": "_key",
            "phones": "phones", "description": "description"}}}]}))
    assert validate.main(["--sources", str(sources), "--source", "nested"]) == 1
    out = capsys.readouterr().out
    assert "wrong_type" in out and "missing_service_name" in out
    assert "country 'Sylvanie' is unknown" in out


def test_validator_names_flag_finds_a_persons_name(tmp_path, capsys):
    from pipeline import validate
    kit = _kit(tmp_path)
    rows = [GOOD_SERVICES[0][:8] + ["Ask for our counsellor Gareth Williams, he answers "
                                    "every evening."] + GOOD_SERVICES[0][9:]]
    filled = _fill(kit / "template.xlsx", tmp_path / "names.xlsx", rows, GOOD_CONTACTS[:2])
    assert validate.main([str(filled)]) == 0  # names are looked for only on request
    capsys.readouterr()
    assert validate.main([str(filled), "--names"]) == 1
    assert "services row 2, description: personal data? a person's name ('Gareth Williams')" \
        in capsys.readouterr().out


def test_a_template_with_mistakes_ingests_with_every_row_accounted(tmp_path, monkeypatch):
    """Merged cells, a formula, values outside the lists, a number stored as a number: the
    run goes on, and rows read = kept + rejected over both sheets."""
    kit = _kit(tmp_path)

    def mistakes_but_the_header(wb):
        _mistakes(wb)
        wb["services"]["B1"] = "service_name"

    filled = _fill(kit / "template.xlsx", tmp_path / "mistakes.xlsx", GOOD_SERVICES,
                   GOOD_CONTACTS, edit=mistakes_but_the_header)
    out = _run_stages(monkeypatch, tmp_path, [{"id": "m", "adapter": "submitter_template",
                                               "path": str(filled), "origin": ORIGIN}])
    acc = json.loads(out.ingest_accounting.read_text())["sources"][0]
    assert acc["rows_read"] == 3 + 7 == acc["rows_kept"] + acc["rows_rejected"]
    rejects = pd.read_parquet(out.ingest_rejects)
    assert set(rejects["reason"]) == {"formula", "unknown_channel", "unknown_service_id"}
    raw = pd.read_parquet(out.services_raw).set_index("source_key")
    assert list(raw.loc["DE-003", "phones"]) == ["4915123456789"]
    # a merged range holds its top-left value in every cell it covers (the XLSX reader's rule)
    assert raw.loc["KE-002", "organization_name"] == "Association Écoute"
    assert "FR-001" not in raw.index  # its formula row is rejected, and so are its contacts


def test_csv_templates_ingest_with_a_sources_entry(tmp_path, monkeypatch):
    import csv

    from pipeline import schema
    services, contacts = tmp_path / "services.csv", tmp_path / "contacts.csv"
    with services.open("w", newline="") as f:
        csv.writer(f).writerows([[x.name for x in schema.SUBMISSION["services"]],
                                 *GOOD_SERVICES])
    with contacts.open("w", newline="") as f:
        csv.writer(f).writerows([["service_id", "channel", "value"], *GOOD_CONTACTS])
    out = _run_stages(monkeypatch, tmp_path, [{
        "id": "csv_kit", "adapter": "submitter_template", "path": str(services),
        "options": {"contacts": str(contacts)}, "origin": ORIGIN}])
    acc = json.loads(out.ingest_accounting.read_text())["sources"][0]
    assert acc["rows_read"] == 6 and acc["rows_rejected"] == 0
    assert len(pd.read_parquet(out.services_clean)) == 2


def test_validator_reads_a_mapped_file_as_ingest_does(tmp_path, capsys):
    """Day-first dates under the source's date_order (or unambiguous) are no error; a public
    number in a description is a warning, not an error; no --source checks every source."""
    from pipeline import validate
    data = tmp_path / "s.csv"
    data.write_text("id;name;country;checked;desc\n"
                    "A1;Ligne A;France;14/10/2026;Appelez le 01 45 39 40 00\n"
                    "A2;Ligne B;France;03/04/2026;Écoute\n", encoding="utf-8")
    sources = tmp_path / "sources.yaml"
    entry = {"adapter": "services_table", "path": str(data), "origin": ORIGIN,
             "options": {"date_order": "dmy", "columns": {
                 "source_key": "id", "service_name": "name", "country_raw": "country",
                 "last_checked_raw": "checked", "description": "desc"}}}
    sources.write_text(yaml.safe_dump({"label": "x", "sources": [{"id": "a", **entry}]}))
    assert validate.main(["--sources", str(sources)]) == 0
    out = capsys.readouterr().out
    assert "date typed as text" not in out and "warning: s.csv row 2, description" in out
    assert "2 row(s) checked: 0 error(s)" in out


def test_validator_takes_a_website_for_no_handle_and_names_the_sources_file_given(tmp_path, capsys):
    from pipeline import validate
    chk = validate.Checker(("PE",))
    chk.personal_data("x", "description", "Más info en www.mimp.gob.pe o mimp.gob.pe; "
                      "escribe a @juanito_2009", set(), "PER")
    assert [p.message for p in chk.problems] == ["personal data? a social-media handle "
                                                 "('@juanito_2009') in free text"]
    sources = tmp_path / "mine.yaml"
    sources.write_text(yaml.safe_dump({"label": "x", "sources": [{
        "id": "bad", "adapter": "services_table", "path": str(NESTED), "origin": ORIGIN,
        "options": {"sheet": "Foo", "columns": {"source_key": "id", "service_name": "name"}}}]}))
    assert validate.main(["--sources", str(sources), "--source", "bad"]) == 2
    assert capsys.readouterr().err.startswith(f"error: {sources.resolve()}: source 'bad' options")
