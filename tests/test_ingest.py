"""Adapters: shapes, scope, accounting, and clear errors for bad input.

Fixtures are written here by the project (never cut from ../shared/data)."""
import json

import pandas as pd
import pytest

from pipeline.config import InputError, Params, Source, load_params
from pipeline.ingest import chi_directory, pseudonymise_respondents, survey, tabular


def _params() -> Params:
    return load_params()


def _source(path, adapter, **options):
    return Source(id="t", adapter=adapter, path=str(path), options=options,
                  origin={"title": "t", "submitter": "s", "licence": "CC0-1.0"})


def _helpline(name, **kw):
    return {"country_name": "Freedonia", "service_name": name, "source_post_id": len(name),
            "summary": f"{name} listens to children.", "services": ["Phone"], "languages": [],
            "hours": "", "voice_numbers": ["116 111"], "sms_numbers": [], "chat_urls": [],
            "emails": [], "websites": [], "social_urls": {"facebook": "https://fb.example/x"},
            "other_contact_urls": [{"label": "Email", "url": "https://x.example/?p=2511"}],
            "source_content_lines": ["Phone", "Email"], **kw}


def test_directory_json_one_row_per_helpline(tmp_path):
    doc = {"countries": [{"country_name": "Freedonia",
                          "helplines": [_helpline("Line A"), _helpline("Line BB")]},
                         {"country_name": "Sylvania", "helplines": [_helpline("Line CCC")]}]}
    p = tmp_path / "dir.json"
    p.write_text(json.dumps(doc), encoding="utf-8")
    res = chi_directory.read(_source(p, "chi_directory_json"), _params())
    assert res.rows_read == 3 and len(res.rows) == 3 and not res.rejects
    assert res.rows["source_row"].tolist() == [1, 2, 3]
    assert list(res.rows.loc[0, "social_urls"]) == ["https://fb.example/x"]
    assert "https://x.example/?p=2511" in list(res.rows.loc[0, "websites"])


def test_directory_json_reads_the_offered_list_where_services_is_empty(tmp_path):
    lines = ["Line A listens.", "Services", "Line A offers:", "Phone", "Peer-to-peer",
             "Specialised service in missing children", "Operating Information", "English",
             "Contact Details", "Email"]
    doc = {"countries": [{"country_name": "Freedonia", "helplines": [
        _helpline("Line A", services=[], source_content_lines=lines),
        _helpline("Line BB", services=["Webchat"], source_content_lines=lines),
        _helpline("Line CCC", services=[], source_content_lines=["Phone", "Email"])]}]}
    p = tmp_path / "dir.json"
    p.write_text(json.dumps(doc), encoding="utf-8")
    rows = chi_directory.read(_source(p, "chi_directory_json"), _params()).rows
    assert [list(v) for v in rows["channel_labels"]] == [
        ["Phone", "Peer-to-peer", "Specialised service in missing children"], ["Webchat"], []]


@pytest.mark.parametrize("content, problem", [
    ("", "empty"), ("[1, 2]", "'countries' list"), ('{"countries": [{"x": 1}]}', "helplines"),
    ("{not json", "not valid JSON"),
])
def test_directory_json_wrong_shape_names_file_and_problem(tmp_path, content, problem):
    p = tmp_path / "bad.json"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=problem) as e:
        chi_directory.read(_source(p, "chi_directory_json"), _params())
    assert str(p) in str(e.value)


def _survey_frame():
    rows = []
    spec = [("Yes", "15-18", "cat", "Riure's del cos", "laughing at bodies", "Amics/parella, la policia",
             "Friends/partners|Other: the police"),
            ("Yes", "25-30", "cat", "x", "x", "", ""),
            ("No", "15-18", "hr", "y", "y", "", ""),
            ("Yes", "", "hr", "z", "z", "", ""),
            ("Yes", "19-24", "slo", "  ", "", "", "")]
    for i, (fin, age, lang, txt, txt_en, who, who_en) in enumerate(spec):
        rows.append({"Response ID": f"resp{i}", "Timestamp": "2025-03-01 10:00:00",
                     "Finished": fin, "age_EN": age, "gender_EN": "Other: Unicorn",
                     "language": lang, "location": "Secret Street 5", "country": "",
                     "interpretation": txt, "interpretation_EN": txt_en,
                     "reasons": "", "reasons_EN": "", "associated_words": "",
                     "associated_words_EN": "", "other_thoughts": "", "other_thoughts_EN": "",
                     "who_turn_to": who, "who_turn_to_EN": who_en,
                     "what_actions_support": "", "what_actions_support_EN": "",
                     "encountered_reaction": "", "encountered_reaction_EN": ""})
    return pd.DataFrame(rows)


def test_survey_scope_notes_and_no_identifiers(tmp_path):
    p = tmp_path / "survey.csv"
    _survey_frame().to_csv(p, index=False)
    src = _source(p, "survey_wide_csv", language_codes={"cat": "cat", "hr": "hrv", "slo": "slv"})
    res = survey.read(src, _params())
    assert res.rows_read == 5
    assert sorted(r["reason"] for r in res.rejects) == [
        "missing_age_band", "out_of_scope_age", "out_of_scope_unfinished"]
    assert res.rows_read == len(res.rejects) + 2  # two in-scope respondents
    notes = res.rows
    assert notes["question_id"].tolist() == ["interpretation", "who_turn_to_other"]
    assert notes.loc[1, "text_en"] == "the police"
    assert set(notes["gender"]) == {"Other"}          # free-text gender dropped
    assert set(notes["language_raw"]) == {"cat"}
    flat = notes.to_csv()
    for leaked in ("Secret Street", "2025-03-01", "Unicorn"):
        assert leaked not in flat
    # the fixed option ticked is a choice; the 'Other: ...' text is a note, never a choice
    assert res.choices == [{"source_id": "t", "respondent": "resp0", "question_id": "who_turn_to",
                            "language": "cat", "age_band": res.rows.loc[0, "age_band"],
                            "gender": "Other", "choice": "Friends/partners"}]
    assert res.choices[0]["age_band"] in ("15-18", "19-24")


def test_survey_question_wording_from_its_question_dictionary(tmp_path):
    p, qd = tmp_path / "survey.csv", tmp_path / "questions.csv"
    _survey_frame().to_csv(p, index=False)
    qd.write_text("Q_ID,short_id,en,QTYPE\n1,interpretation,How would you  describe it?,free\n"
                  "2,who_turn_to,Who would you talk to?,multi\n3,age,How old are you?,single\n",
                  encoding="utf-8")
    codes = {"cat": "cat", "hr": "hrv", "slo": "slv"}
    res = survey.read(_source(p, "survey_wide_csv", language_codes=codes,
                              question_dictionary=str(qd)), _params())
    assert res.questions == {"interpretation": "How would you describe it?",
                             "who_turn_to": "Who would you talk to?",   # a multi-select question
                             "who_turn_to_other": "Who would you talk to? (other, specify)"}
    assert survey.read(_source(p, "survey_wide_csv", language_codes=codes),
                       _params()).questions == {}


@pytest.mark.parametrize("rows, problem", [
    ("1,interpretation,What is it?\n2,interpretation,What about cats?\n",
     r"question 'interpretation' has 2 different wordings \(lines 2, 3\)"),
    ('1,interpretation,"What is it",EXTRA,MORE\n', "malformed row"),
])
def test_a_question_dictionary_that_is_ambiguous_or_ragged_is_refused(tmp_path, rows, problem):
    p, qd = tmp_path / "survey.csv", tmp_path / "questions.csv"
    _survey_frame().to_csv(p, index=False)
    qd.write_text("Q_ID,short_id,en\n" + rows, encoding="utf-8")
    src = _source(p, "survey_wide_csv", language_codes={"cat": "cat", "hr": "hrv", "slo": "slv"},
                  question_dictionary=str(qd))
    with pytest.raises(InputError, match=problem):
        survey.read(src, _params())


def test_a_respondent_written_as_a_real_number_is_one_person():
    notes = pd.DataFrame({"source_id": ["s"] * 5, "respondent": ["1", "1.0", " 1 ", "2", "01"]})
    pseudo, key = pseudonymise_respondents(notes)
    assert pseudo["respondent"].tolist() == ["R-0001", "R-0001", "R-0001", "R-0002", "R-0003"]
    assert key["raw_id"].tolist() == ["1", "2", "01"]


def test_respondents_get_pseudonyms_with_a_separate_key():
    notes = pd.DataFrame({"source_id": ["s"] * 3, "respondent": ["resp9", "resp2", "resp9"]})
    pseudo, key = pseudonymise_respondents(notes)
    assert pseudo["respondent"].tolist() == ["R-0001", "R-0002", "R-0001"]
    assert key.set_index("respondent")["raw_id"].to_dict() == {"R-0001": "resp9", "R-0002": "resp2"}


def test_services_table_rejects_duplicates_and_missing_names(tmp_path):
    p = tmp_path / "s.csv"
    p.write_text("id;name;phone\nA-1;Line One;0116111\nA-2;;1\nA-1;Line Again;2\n", encoding="utf-8")
    src = _source(p, "services_table", columns={"source_key": "id", "service_name": "name",
                                               "phones": "phone"})
    res = tabular.read_services(src, _params())
    assert res.rows_read == 3 and len(res.rows) == 1
    assert list(res.rows.loc[0, "phones"]) == ["0116111"]  # leading zero kept; ';' delimiter
    assert sorted((r["source_row"], r["reason"]) for r in res.rejects) == [
        (3, "missing_service_name"), (4, "duplicate_source_key")]


@pytest.mark.parametrize("content, problem", [
    (b"", "empty"), (b"\x00\x01\x02binary\x00", "binary"),
    (b"PK\x03\x04\x14\x00\x06\x00" + b"xl/workbook.xml" * 40, "binary"),   # an XLSX named .csv
    (b"id,other\n1,2\n", "missing required column"),
])
def test_services_table_bad_files(tmp_path, content, problem):
    p = tmp_path / "bad.csv"
    p.write_bytes(content)
    src = _source(p, "services_table", columns={"source_key": "id", "service_name": "name"})
    with pytest.raises(InputError, match=problem):
        tabular.read_services(src, _params())


def test_a_stray_nul_in_a_cell_near_the_top_is_text_not_a_binary_file(tmp_path):
    p = tmp_path / "nul.csv"
    p.write_bytes(b"id,name\nA-1,Line\x00 one\n" + b"".join(b"A-%d,Line %d\n" % (i, i) for i in range(2, 40)))
    src = _source(p, "services_table", columns={"source_key": "id", "service_name": "name"})
    rows = tabular.read_services(src, _params()).rows
    assert len(rows) == 39 and "\x00" not in rows.loc[0, "service_name"]


def test_services_table_latin1_and_utf16(tmp_path):
    for enc in ("latin-1", "utf-16"):
        p = tmp_path / f"{enc}.csv"
        p.write_bytes("id,name\nB-1,Ligne d'écoute Sénégal\n".encode(enc))
        src = _source(p, "services_table", columns={"source_key": "id", "service_name": "name"})
        assert tabular.read_services(src, _params()).rows.loc[0, "service_name"] == \
            "Ligne d'écoute Sénégal"


def test_missing_file(tmp_path):
    src = _source(tmp_path / "nope.csv", "services_table",
                  columns={"source_key": "id", "service_name": "name"})
    with pytest.raises(InputError, match="file not found"):
        tabular.read_services(src, _params())


NESTED = "tests/fixtures/nested_directory/helplines_by_country.json"
NESTED_COLUMNS = {"source_key": "title", "service_name": "title", "organization_name": "org",
                  "country_raw": "_key", "phones": "phones", "description": "description",
                  "emails": "contact.email", "websites": "contact.web",
                  "languages_raw": "languages", "hours_raw": "hours"}


def test_nested_json_ingests_through_a_mapping_only():
    """An object of countries, each with a list of entries: '*.entries[*]' reaches every
    entry, the country is the parent key, nested fields are dotted paths, lists are kept."""
    src = _source(NESTED, "services_table", records="*.entries[*]",
                  columns={**NESTED_COLUMNS, "source_key": "description"},
                  name_from="organization_name")
    res = tabular.read_services(src, _params())
    assert res.rows_read == 5 == len(res.rows) + len(res.rejects)
    rows = res.rows.set_index("description")
    first = rows.loc["Free, confidential helpline for children and young people, open every day."]
    assert first["country_raw"] == "Freedonia" and first["service_name"] == "Freedonia Child Line"
    assert list(first["phones"]) == ["116 111", "+44 20 7946 0001"]
    assert list(first["emails"]) == ["help@childline.freedonia.example"]
    assert list(first["languages_raw"]) == ["English", "French"]
    # the name taken from the declared fallback, and said so
    assert rows.loc["Online chat for teenagers, weekday evenings.", "service_name"] == \
        "Freedonia Youth Chat"
    assert res.notes == ["1 record(s) without a name named from organization_name"]
    assert rows.loc["Écoute anonyme et gratuite pour les enfants, 7j/7.", "country_raw"] == "Sylvanie"
    # a list of objects where numbers belong is rejected, and so is a record without a name
    assert sorted(r["reason"] for r in res.rejects) == ["missing_service_name", "wrong_type"]


def test_nested_json_field_path_into_a_list_of_objects(tmp_path):
    p = tmp_path / "list.json"
    p.write_text(json.dumps([{"id": "a", "name": "Line A", "phones": [{"number": "116 111"},
                                                                     {"number": "119"}]}]))
    res = tabular.read_services(_source(p, "services_table", columns={
        "source_key": "id", "service_name": "name", "phones": "phones.number"}), _params())
    assert list(res.rows.loc[0, "phones"]) == ["116 111", "119"] and res.rows_read == 1


@pytest.mark.parametrize("name, content, records, problem", [
    ("d.json", '{"Freedonia": {"entries": []}}', "",
     r"found an object with keys \['Freedonia'\].*options.records"),
    ("d.json", '[{"title": "x"}]', "*.entries[*]", r"'\*' expects an object at \$, found a list"),
    ("d.json", '{not json', "", "not valid JSON"),
    ("d.xml", "<a/>", "", r"extension '.xml' is not read by services_table"),
])
def test_json_of_the_wrong_shape_names_file_found_and_reader(tmp_path, name, content, records,
                                                             problem):
    p = tmp_path / name
    p.write_text(content, encoding="utf-8")
    opts = {"records": records} if records else {}
    with pytest.raises(InputError, match=problem) as e:
        tabular.read_services(_source(p, "services_table", columns={
            "source_key": "title", "service_name": "title"}, **opts), _params())
    assert str(p) in str(e.value)


def test_bad_records_path_fails_when_the_sources_file_is_read():
    from pipeline.config import ConfigError
    with pytest.raises(ConfigError, match="step 'entries\\[' not understood"):
        _source(NESTED, "services_table", records="*.entries[",
                columns={"source_key": "t", "service_name": "t"}).parse_options(
                    tabular.TabularOptions)


def test_list_cells_split_at_a_spaced_slash_but_keep_numbers_and_links_whole():
    from pipeline.ingest.common import split_list

    assert split_list("0800 1111 / 116 111") == ["0800 1111", "116 111"]
    assert split_list("Chat / SMS; Phone") == ["Chat", "SMS", "Phone"]
    assert split_list("030/1234567") == ["030/1234567"]
    assert split_list("https://help.example/chat") == ["https://help.example/chat"]
