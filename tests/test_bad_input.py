"""The bad-input suite: project-written malformed submissions, run through ingest, clean and
dedupe in-process. Each ends either in one clear error naming the file and the problem, or in
quarantined rows with reasons; none in a traceback; none loses a row (rows_read = kept +
merged + rejected for every fixture)."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
import yaml

from pipeline import cli, findings, paths
from pipeline.paths import Outputs

HEADER = "record_id,service_name,country,description,phone,hours,last_checked"
ROW = "AG-{i},Línea Joven {i},España,Ayuda gratuita por chat y teléfono,116 111,24/7,2025-01-0{d}"
COLUMNS = {"source_key": "record_id", "service_name": "service_name", "country_raw": "country",
           "description": "description", "phones": "phone", "hours_raw": "hours",
           "last_checked_raw": "last_checked"}


def _csv(rows: int = 3, sep: str = ",") -> str:
    lines = [HEADER] + [ROW.format(i=i, d=i % 9 + 1) for i in range(rows)]
    return "\n".join(line.replace(",", sep) for line in lines) + "\n"


def _xlsx(path: Path) -> None:
    frame = pd.DataFrame([r.split(",") for r in _csv().splitlines()[1:]], columns=HEADER.split(","))
    frame.to_excel(path, index=False)


def _workbook(path: Path, rows: list[list], header: list[str] | None = None, merge=()) -> None:
    """An XLSX file written cell by cell (numbers stay numbers, formulas stay formulas)."""
    header = header if header is not None else HEADER.split(",")
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    for cells in merge:
        sheet.merge_cells(cells)
    book.save(path)


def _rows() -> list[list]:
    return [r.split(",") for r in _csv().splitlines()[1:]]


def _xlsx_numeric_phones(path: Path) -> None:
    rows = _rows()
    rows[0][4], rows[2][4] = 4402071234567, 4402071234567.0  # phones stored as numbers
    _workbook(path, rows)


def _xlsx_formula_row(path: Path) -> None:
    _workbook(path, _rows() + [["AG-9", '=B2&" copy"', "España", "x", "116 111", "", ""]])


def _xlsx_merged_cells(path: Path) -> None:
    """Organisation and country written once beside three services (merged vertically)."""
    rows = [r + [""] for r in _rows()]
    rows[0][2], rows[0][7] = "España", "Fundación Ayuda"
    for r in rows[1:]:
        r[2] = None
    _workbook(path, rows, HEADER.split(",") + ["organisation"], merge=("C2:C4", "H2:H4"))


def _xlsx_title_above_header(path: Path) -> None:
    """A title (merged across the table) and a blank row above the header, as exports have."""
    from openpyxl import load_workbook

    _workbook(path, _rows())
    book = load_workbook(path)
    sheet = book.active
    sheet.insert_rows(1, 2)
    sheet["A1"] = "Fundación Ayuda: services by region (export 14 Oct 2026)"
    sheet.merge_cells("A1:F1")
    book.save(path)


def _xlsx_services_on_second_sheet(path: Path) -> None:
    """A workbook that opens on a cover sheet; the services are on the second."""
    from openpyxl import load_workbook

    _workbook(path, _rows())
    book = load_workbook(path)
    cover = book.create_sheet("Read me", 0)
    cover["A1"] = "Regional helpline network: directory 2025 (see the next sheet)"
    book.save(path)


def _lines(*rows: str) -> bytes:
    return (HEADER + "\n" + "\n".join(rows) + "\n").encode()


def _jsonl(*objects: dict) -> bytes:
    base = {"country": "España", "phone": "116 111", "description": ""}
    return "".join(json.dumps({**base, **o}) + "\n" for o in objects).encode()


JSONL_COLUMNS = {"columns": {"source_key": "record_id", "service_name": "service_name",
                             "description": "description", "country_raw": "country",
                             "phones": "phone"}}


# name -> (file name, content: bytes, or a callable writing the file; adapter; options;
#          expected: "error:<text>" or {reason: count} of quarantined rows)
FIXTURES = {
    "empty_file": ("s.csv", b"", "services_table", {}, "error:file is empty"),
    "header_only": ("s.csv", (HEADER + "\n").encode(), "services_table", {}, "error:no data rows"),
    "utf8_bom": ("s.csv", b"\xef\xbb\xbf" + _csv().encode(), "services_table", {}, {}),
    "utf16_excel": ("s.txt", _csv(sep="\t").encode("utf-16"), "services_table", {}, {}),
    "latin1": ("s.csv", _csv().encode("latin-1"), "services_table", {}, {}),
    "cp1252_quotes": ("s.csv", _csv().replace("Ayuda", "“Ayuda” – 5€").encode("cp1252"),
                      "services_table", {}, {}),
    "semicolon": ("s.csv", _csv(sep=";").encode(), "services_table", {}, {}),
    "tab_tsv": ("s.tsv", _csv(sep="\t").encode(), "services_table", {}, {}),
    "missing_column": ("s.csv", _csv().replace("service_name", "name").encode(), "services_table",
                       {}, "error:missing required column(s) ['service_name']"),
    "duplicate_ids": ("s.csv", (_csv() + ROW.format(i=1, d=1) + "\n").encode(), "services_table",
                      {}, {"duplicate_source_key": 1}),
    "unknown_country": ("s.csv", _csv().replace("España", "Atlantis").encode(), "services_table",
                        {}, {}),
    # just under limits.max_text_chars (1,000,000): read and kept (topics cut it)
    "huge_description": ("s.csv", _csv().replace("Ayuda gratuita", "x" * 999_000, 1).encode(),
                         "services_table", {}, {}),
    "html_and_script": ("s.csv", _csv().replace("Ayuda", "<b>Ayuda</b><script>alert(1)</script>")
                        .encode(), "services_table", {}, {}),
    "formula_cells": ("s.csv", _csv().replace("Línea Joven 0", "=HYPERLINK(\"\"x\"\")")
                      .replace("Ayuda", "+cmd|' /C calc'!A0 @SUM(1)").encode(),
                      "services_table", {}, {}),
    "binary_named_csv": ("s.csv", bytes(range(256)) * 8, "services_table", {},
                         "error:binary file"),
    "corrupt_xlsx": ("s.xlsx", b"PK\x03\x04 this is not really a workbook", "services_table", {},
                     "error:not a readable XLSX workbook"),
    "valid_xlsx": ("s.xlsx", _xlsx, "services_table", {}, {}),
    "xlsx_title_above_header": ("s.xlsx", _xlsx_title_above_header, "services_table", {}, {}),
    "xlsx_services_on_second_sheet": ("s.xlsx", _xlsx_services_on_second_sheet, "services_table", {}, {}),
    # a spreadsheet's separator and total rows are no services
    "separator_and_total_rows": ("s.csv", (_csv() + "AG-8,----,----,----,,,\nAG-9,TOTAL,,3 services,,,\n"
                                           "Total:,3 services,,,,,\n").encode(), "services_table", {},
                                 {"not_a_service": 3}),
    "json_wrong_shape": ("d.json", json.dumps({"helplines": []}).encode(), "chi_directory_json",
                         None, "error:expected a JSON object with a 'countries' list"),
    "mixed_date_formats": ("s.csv", _csv().replace("2025-01-01", "03/04/2025")
                           .replace("2025-01-02", "25/12/2024").encode(), "services_table", {}, {}),
    "ragged_rows": ("s.csv", (_csv() + "AG-9,Too,Many,Cells,In,This,Row,Here\nAG-10,Short\n")
                    .encode(), "services_table", {}, {"ragged_row": 2}),
    "unclosed_quote": ("s.csv", (_csv() + 'AG-11,"Open quote,España,x,1,2,3\nAG-12,B,C,D,E,F,G\n')
                       .encode(), "services_table", {}, "error:quote opened at line 5 is never closed"),
    # A stray quote closed rows later: one 'record' silently held three rows (issue 8 note).
    "stray_quote_swallows_rows": ("s.csv", _lines('AG-1,"Línea 1,España,x,,,', "AG-2,Línea 2,España,x,,,",
                                                  'AG-3,Línea 3",España,x,,,', "AG-4,Línea 4,España,x,,,"),
                                  "services_table", {}, {"swallowed_rows": 1}),
    "stray_quote_next_row": ("s.csv", _lines('AG-1,"Línea 1,España,x,,,', 'AG-2,Línea 2",España,x,,,'),
                             "services_table", {}, {"swallowed_rows": 1}),
    "multiline_description": ("s.csv", _lines('AG-1,Línea 1,España,"Chat, SMS,\nphone, e-mail",,,'),
                              "services_table", {}, {}),
    "trailing_commas": ("s.csv", "".join(line + ",,\n" for line in _csv().splitlines()[1:])
                        .join([HEADER + "\n", ""]).encode(), "services_table", {}, {}),
    "row_of_commas": ("s.csv", (_csv() + ",,,,,,\n").encode(), "services_table", {},
                      {"empty_row": 1}),
    "jsonl_bad_line": ("s.jsonl", (json.dumps({"record_id": "J-1", "service_name": "Chat Jeunes"})
                                   + "\n{not json\n[1, 2]\n").encode(), "services_table",
                       {"columns": {"source_key": "record_id", "service_name": "service_name"}},
                       {"invalid_json_line": 1, "not_a_json_object": 1}),
    "directory_not_file": ("dir.csv", "mkdir", "services_table", {}, "error:cannot be read"),
    "all_rows_rejected": ("s.csv", (HEADER + "\nAG-1,,ESP,,,,\nAG-2,,ESP,,,,\n").encode(),
                          "services_table", {}, {"missing_service_name": 2}),
    "emoji_and_rtl": ("s.csv", _csv().replace("Ayuda", "خط مساعدة الأطفال 📞 مجاني").encode(),
                      "services_table", {}, {}),
    "cp1252_spanish": ("s.csv", _csv().replace("Ayuda", "Ayuda para niños y atenção").encode("cp1252"),
                       "services_table", {}, {}),
    "name_only_tag_or_invisible": ("s.csv", (_csv() + "AG-7,<script>x()</script>,ESP,,,,\n"
                                             "AG-8,\u200b,ESP,,,,\n").encode(), "services_table",
                                   {}, {"missing_service_name": 2}),
    "misspelled_option_key": ("s.csv", _csv().encode(), "services_table",
                              {"colums": COLUMNS}, "error:colums: Extra inputs"),
    "deeply_nested_json": ("d.json", ("[" * 100_000 + "]" * 100_000).encode(), "chi_directory_json",
                           None, "error:nested too deeply"),
    "json_wrong_types": ("d.json", json.dumps({"countries": [{"country_name": "Freedonia", "helplines": [
        {"service_name": ["a", "b"], "source_post_id": 1},
        {"service_name": "Line", "source_post_id": 2.5},
        {"service_name": "No key"},
        {"service_name": "Good line", "source_post_id": 4, "voice_numbers": ["116 111"]}]}]}).encode(),
                         "chi_directory_json", None, {"wrong_type": 2, "missing_source_key": 1}),
    # Found by an adversary (issue 8): each once a traceback or a silently wrong result.
    "phone_zero_and_one": ("s.csv", _lines("AG-1,Línea 1,España,x,0,,", "AG-2,Línea 2,España,x,00,,",
                                           "AG-3,Línea 3,España,x,1,,", "AG-4,Línea 4,España,x,(0),,"),
                           "services_table", {}, {}),
    "duplicate_header": ("s.csv", _csv().replace("last_checked", "service_name", 1).encode(),
                         "services_table",
                         {"columns": {k: v for k, v in COLUMNS.items() if k != "last_checked_raw"}},
                         "error:column name(s) ['service_name'] appear more than once"),
    "xlsx_numeric_phone": ("s.xlsx", _xlsx_numeric_phones, "services_table", {}, {}),
    "ambiguous_countries": ("s.csv", _csv().replace("España", "Congo", 2).replace("España", "Korea")
                            .encode(), "services_table", {}, {}),
    "json_object_in_text": ("s.jsonl", _jsonl(
        {"record_id": "J-1", "service_name": "Chat Jeunes", "description": {"fr": "Écoute"}},
        {"record_id": "J-2", "service_name": "Línea", "description": ["Ayuda", "por chat"]},
        {"record_id": "J-3", "service_name": "Line", "phone": [{"number": "116 111"}]},
        {"record_id": "J-4", "service_name": "Kids Line", "phone": ["116 111", 4402071234567]}),
        "services_table", JSONL_COLUMNS, {"wrong_type": 2}),
    "nul_and_control_bytes": ("s.jsonl", _jsonl(
        {"record_id": "J-1", "service_name": "Chat\u0000 Jeunes\u001b", "description": "a\u0000b\nc\td"}),
        "services_table", JSONL_COLUMNS, {}),
    "xlsx_formula_row": ("s.xlsx", _xlsx_formula_row, "services_table", {}, {"formula": 1}),
    "xlsx_merged_cells": ("s.xlsx", _xlsx_merged_cells, "services_table",
                          {"columns": {**COLUMNS, "organization_name": "organisation"}}, {}),
    "respondent_float_ids": ("n.jsonl", "".join(json.dumps(o) + "\n" for o in [
        {"note_id": "N1", "respondent": 1, "text": "I would call a helpline"},
        {"note_id": "N2", "respondent": 1.0, "text": "Chat is easier"},
        {"note_id": "N3", "respondent": "1.0", "text": "Nobody listens"},
        {"note_id": "N4", "respondent": " 1 ", "text": "Too slow"}]).encode(), "notes_table",
        {"columns": {"source_key": "note_id", "respondent": "respondent", "text_original": "text"}},
        {}),
    "notes_all_empty": ("n.csv", b"note_id,respondent,text\nN1,R1,\nN2,R2,   \n", "notes_table",
                        {"columns": {"source_key": "note_id", "respondent": "respondent",
                                     "text_original": "text"}}, {"missing_text_original": 2}),
}


def _write(folder: Path, name: str, content) -> Path:
    path = folder / name
    if content == "mkdir":
        path.mkdir()
    elif callable(content):
        content(path)
    else:
        path.write_bytes(content)
    return path


def _sources(folder: Path, path: Path, adapter: str, options) -> Path:
    kind_options = {} if options is None else (
        options if "colums" in options else {"columns": COLUMNS, **options})
    sources = [{"id": "bad", "adapter": adapter, "path": str(path), "options": kind_options,
                "origin": {"title": "fixture", "submitter": "tests", "licence": "CC0-1.0"}}]
    if adapter == "notes_table":  # a run needs services too
        good = _write(folder, "good.csv", _csv().encode())
        sources.append({"id": "good", "adapter": "services_table", "path": str(good),
                        "options": {"columns": COLUMNS},
                        "origin": {"title": "g", "submitter": "t", "licence": "CC0-1.0"}})
    f = folder / "sources.yaml"
    f.write_text(yaml.safe_dump({"label": "bad input", "sources": sources}))
    return f


def _run(monkeypatch, folder: Path, sources: Path) -> tuple[int, Outputs]:
    monkeypatch.setenv("PIPELINE_SOURCES", str(sources))
    monkeypatch.setenv("PIPELINE_OUT", str(folder / "out"))
    for stage in ("stamp", "ingest", "standardise", "dedupe"):
        code = cli.main([stage])
        if code:
            return code, Outputs(folder / "out")
    return 0, Outputs(folder / "out")


@pytest.mark.parametrize("name", list(FIXTURES))
def test_bad_input(name, tmp_path, monkeypatch, capsys):
    file_name, content, adapter, options, expected = FIXTURES[name]
    path = _write(tmp_path, file_name, content)
    sources = _sources(tmp_path, path, adapter, options)
    code, out = _run(monkeypatch, tmp_path, sources)
    err = capsys.readouterr().err
    if isinstance(expected, str):
        assert code == 2, err
        # names the bad file (or, for a bad option, the sources file and the source)
        assert err.startswith((f"error: {path}", f"error: {sources}: source 'bad'")), err
        assert expected[len("error:"):] in err, err
        assert len(err.strip().splitlines()) == 1
        assert not out.services_raw.exists() and not out.services.exists()
        return
    assert code == 0, err
    account = {i["source_id"]: i for i in findings.accounting(findings.load(out, findings.ACCOUNTING))}["bad"]
    assert account["rows_read"] == account["rows_kept"] + account["rows_merged"] + account["rows_rejected"]
    assert account["rejected_by_reason"] == expected
    assert not list(out.root.rglob("*.tmp*"))


def test_expected_content_survives(tmp_path, monkeypatch):
    """Spot checks that what was kept is right, not only counted."""
    for name in ("utf16_excel", "latin1", "cp1252_quotes", "cp1252_spanish", "html_and_script",
                 "emoji_and_rtl",
                 "mixed_date_formats", "unknown_country", "valid_xlsx", "xlsx_title_above_header",
                 "xlsx_services_on_second_sheet"):
        folder = tmp_path / name
        folder.mkdir()
        file_name, content, adapter, options, _ = FIXTURES[name]
        path = _write(folder, file_name, content)
        code, out = _run(monkeypatch, folder, _sources(folder, path, adapter, options))
        assert code == 0
        s = pd.read_parquet(out.services).sort_values("source_row")
        assert s["name"].iloc[1] == "Línea Joven 1", name
        if name != "unknown_country":
            assert set(s["country_iso3"]) == {"ESP"}, name
        else:
            assert all("country_unknown" in f for f in s["flags"])
        assert list(s["phones"].iloc[0]) == ["116111"], name
        if name == "cp1252_spanish":
            assert "niños y atenção" in s["description"].iloc[0]
        if name == "cp1252_quotes":
            assert "“Ayuda” – 5€" in s["description"].iloc[0]
        if name == "html_and_script":
            assert "<" not in "".join(s["description"]) and "alert" not in "".join(s["description"])
        if name == "emoji_and_rtl":
            assert "خط مساعدة الأطفال 📞" in s["description"].iloc[0]
        if name == "mixed_date_formats":
            assert "date_ambiguous" in s["flags"].iloc[0] and s["assured_date"].iloc[1] == "2024-12-25"


def test_missing_origin_and_missing_path_and_misspelled_key(tmp_path, monkeypatch, capsys):
    data = _write(tmp_path, "s.csv", _csv().encode())
    cases = [
        ({"id": "x", "adapter": "services_table", "path": str(data), "options": {"columns": COLUMNS}},
         "no origin record"),
        ({"id": "x", "adapter": "services_table", "path": str(tmp_path / "nope.csv"),
          "origin": {"title": "t", "submitter": "s", "licence": "l"}}, "nope.csv: file not found"),
        ({"id": "x", "adapter": "services_table", "paht": str(data)}, "paht: Extra inputs"),
    ]
    for i, (source, message) in enumerate(cases):
        f = tmp_path / f"sources{i}.yaml"
        f.write_text(yaml.safe_dump({"label": "x", "sources": [source]}))
        code, _ = _run(monkeypatch, tmp_path / f"run{i}", f)
        err = capsys.readouterr().err
        assert code == 2 and message in err and "Traceback" not in err, err


def _phone_zero_and_one(out, s, r):
    assert [list(p) for p in s["phones"]] == [["0"], ["00"], ["1"], ["(0)"]]
    assert all("phone_unparsed" in f for f in s["flags"])


def _xlsx_numeric_phone(out, s, r):  # once published as +494402071234567
    assert [list(p) for p in s["phones"]] == [["+442071234567"], ["116111"], ["+442071234567"]]


def _ambiguous_countries(out, s, r):
    assert s["country_raw"].tolist() == ["Congo", "Congo", "Korea"]
    assert s["country_iso3"].tolist() == ["", "", ""]
    assert all("country_ambiguous" in f for f in s["flags"])


def _json_object_in_text(out, s, r):
    assert s["source_key"].tolist() == ["J-2", "J-4"]
    assert s["description"].iloc[0] == "Ayuda; por chat"
    assert list(s["phones"].iloc[1]) == ["116111", "+442071234567"]
    assert sorted(r["detail"]) == ["description: a JSON object", "phones: a JSON object"]


def _nul_and_control_bytes(out, s, r):
    raw = pd.read_parquet(out.services_raw)
    assert raw["service_name"].tolist() == ["Chat Jeunes"]
    assert raw["description"].tolist() == ["ab\nc\td"]


def _xlsx_formula_row(out, s, r):
    assert len(s) == 3 and r["reason"].tolist() == ["formula"] and r["source_row"].tolist() == [5]
    assert "B5" in r["detail"].iloc[0]


def _xlsx_merged_cells(out, s, r):
    assert s["organization_name"].tolist() == ["Fundación Ayuda"] * 3
    assert s["country_iso3"].tolist() == ["ESP"] * 3


def _respondent_float_ids(out, s, r):
    notes = pd.read_parquet(out.notes_raw)
    assert len(notes) == 4 and notes["respondent"].nunique() == 1  # one person, not two


ADVERSARY_CHECKS = {f.__name__[1:]: f for f in (
    _phone_zero_and_one, _xlsx_numeric_phone, _ambiguous_countries, _json_object_in_text,
    _nul_and_control_bytes, _xlsx_formula_row, _xlsx_merged_cells, _respondent_float_ids)}


@pytest.mark.parametrize("name", list(ADVERSARY_CHECKS))
def test_adversary_cases_end_in_the_right_place(name, tmp_path, monkeypatch):
    """Issue 8's bad input: what is kept is right, what is not is rejected with a reason."""
    file_name, content, adapter, options, _ = FIXTURES[name]
    path = _write(tmp_path, file_name, content)
    code, out = _run(monkeypatch, tmp_path, _sources(tmp_path, path, adapter, options))
    assert code == 0
    services = pd.read_parquet(out.services).sort_values("source_row").reset_index(drop=True)
    rejects = pd.read_parquet(out.ingest_rejects)
    services = services[services["source_id"] == "bad"].reset_index(drop=True)
    ADVERSARY_CHECKS[name](out, services, rejects[rejects["source_id"] == "bad"])


def test_same_file_under_two_source_ids_is_an_error(tmp_path, monkeypatch, capsys):
    data = _write(tmp_path, "s.csv", _csv().encode())
    copy = _write(tmp_path, "copy.csv", _csv().encode())
    origin = {"title": "t", "submitter": "s", "licence": "CC0-1.0"}
    f = tmp_path / "sources.yaml"
    f.write_text(yaml.safe_dump({"label": "x", "sources": [
        {"id": f"agency_{i}", "adapter": "services_table", "path": str(p),
         "options": {"columns": COLUMNS}, "origin": origin} for i, p in enumerate([data, copy])]}))
    code, out = _run(monkeypatch, tmp_path, f)
    err = capsys.readouterr().err
    assert code == 2 and len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
    assert err.startswith(f"error: {f}: sources 'agency_0' and 'agency_1' list the same file"), err
    assert not out.services_raw.exists()


@pytest.mark.parametrize("params, key", [
    ("topics: {min_docs: '30'}", "topics.min_docs"),
    ("scope: {survey_finished_only: 'no'}", "scope.survey_finished_only"),
    ("linkage: {threshold: '0.7'}", "linkage.threshold"),
])
def test_params_of_the_wrong_type_are_errors_naming_the_key(tmp_path, monkeypatch, capsys, params, key):
    base = yaml.safe_load((paths.ROOT / "config" / "params.yaml").read_text())
    section, value = next(iter(yaml.safe_load(params).items()))
    base[section] = {**base.get(section, {}), **value}
    p = tmp_path / "params.yaml"
    p.write_text(yaml.safe_dump(base))
    monkeypatch.setenv("PIPELINE_PARAMS", str(p))
    data = _write(tmp_path, "s.csv", _csv().encode())
    code, _ = _run(monkeypatch, tmp_path, _sources(tmp_path, data, "services_table", {}))
    err = capsys.readouterr().err
    assert code == 2 and err.startswith(f"error: {p}: {key}: Input should be a valid"), err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("how", ["under_a_file", "permission_denied"])
def test_an_unwritable_out_folder_is_one_clear_error(tmp_path, monkeypatch, capsys, how):
    data = _write(tmp_path, "s.csv", _csv().encode())
    sources = _sources(tmp_path, data, "services_table", {})
    monkeypatch.setenv("PIPELINE_SOURCES", str(sources))
    if how == "under_a_file":
        (tmp_path / "plain_file").write_text("x")
        out = tmp_path / "plain_file" / "out"
    else:  # a read-only folder (tests may run as root, who may write anywhere)
        out = tmp_path / "readonly"

        def refuse(self, *a, **k):
            raise PermissionError(13, "Permission denied", str(self))
        monkeypatch.setattr(Path, "mkdir", refuse)
    monkeypatch.setenv("PIPELINE_OUT", str(out))
    code = cli.main(["stamp"])
    err = capsys.readouterr().err
    assert code == 2 and len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
    assert err.startswith(f"error: {out}/data"), err


def test_console_names_why_rows_were_rejected(tmp_path, monkeypatch, capsys):
    file_name, content, adapter, options, _ = FIXTURES["ragged_rows"]
    sources = _sources(tmp_path, _write(tmp_path, file_name, content), adapter, options)
    code, _ = _run(monkeypatch, tmp_path, sources)
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith("[ingest] bad:"))
    assert code == 0 and "rejected 2 (ragged_row 2)" in line, line


def test_input_over_the_size_limits_stops_ingest_naming_file_and_limit(tmp_path, monkeypatch, capsys):
    """Issue 14: a 10 MB note, or a raw file larger than memory allows, stops ingest with one
    line naming the file and the limit (`limits` in params.yaml), not a kernel OOM kill or
    spaCy's own error three stages later."""
    notes = tmp_path / "n.csv"
    notes.write_text("note_id,respondent,text\nN1,R1,I would call a helpline\n"
                     f"N2,R2,{'help me ' * 1_250_000}\n", encoding="utf-8")  # 10,000,000 characters
    sources = _sources(tmp_path, notes, "notes_table", {
        "columns": {"source_key": "note_id", "respondent": "respondent", "text_original": "text"}})
    code, out = _run(monkeypatch, tmp_path, sources)
    err = capsys.readouterr().err
    assert code == 2 and err.startswith(f"error: {notes}: row 3: text_original is "), err
    assert "over limits.max_text_chars (1,000,000" in err and len(err.strip().splitlines()) == 1
    assert not out.notes_raw.exists()

    params = yaml.safe_load((paths.ROOT / "config" / "params.yaml").read_text(encoding="utf-8"))
    params["limits"]["max_file_mb"] = 1
    (tmp_path / "params.yaml").write_text(yaml.safe_dump(params), encoding="utf-8")
    monkeypatch.setenv("PIPELINE_PARAMS", str(tmp_path / "params.yaml"))
    folder = tmp_path / "big"
    folder.mkdir()
    big = _write(folder, "big.csv", _csv(rows=25_000).encode())  # about 2 MB
    code, out = _run(monkeypatch, folder, _sources(folder, big, "services_table", {}))
    err = capsys.readouterr().err
    assert code == 2 and err.startswith(f"error: {big}: 2 MB, over limits.max_file_mb (1 MB"), err
    assert not out.services_raw.exists()
