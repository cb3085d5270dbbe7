"""Advisor review round trip: the pack is written, a reviewer edits it with openpyxl as in a
spreadsheet, the returned sheet is validated row by row and imported; final codes, audit
trail, the disagreement rule and agreement. Records, names and codes are illustrative,
written for these tests."""
from __future__ import annotations

import pandas as pd
import pytest
from openpyxl import load_workbook

from pipeline import review, review_pack, schema
from pipeline.codebook import Codebook

CODEBOOK = Codebook.model_validate({
    "version": "t1", "title": "Test codebook (illustrative)",
    "dimensions": [
        {"id": "channel", "label": "Channel", "source": "test", "search_fields": ["description"],
         "codes": [{"id": "CH01", "slug": "phone", "label": "Phone", "definition": "d", "source": "s"},
                   {"id": "CH02", "slug": "sms", "label": "SMS", "definition": "d", "source": "s"},
                   {"id": "CH03", "slug": "webchat", "label": "Web chat", "definition": "d",
                    "source": "s"}]},
        {"id": "service_type", "label": "Service type", "source": "test",
         "search_fields": ["description"], "fallback_code": "ST99",
         "codes": [{"id": "ST01", "slug": "child_helpline", "label": "Child helpline",
                    "definition": "d", "source": "s"},
                   {"id": "ST99", "slug": "unclassified", "label": "Unclassified",
                    "definition": "d", "source": "s"}]},
    ]})
S1, S2 = "11111111-1111-5111-8111-111111111111", "22222222-2222-5222-8222-222222222222"
SERVICES = pd.DataFrame({"service_id": [S1, S2],
                         "name": ["Línea Joven (illustrative)", "خط المساعدة (illustrative)"]})


def _segment(sid, dim, code_id, code, field="description", text="", method="text_rule"):
    return {**schema.blank_record("coded_segments"), "service_id": sid, "dimension": dim,
            "code_id": code_id, "code": code, "field": field, "end": len(text), "evidence": text,
            "rule": "fallback" if method == "fallback" else r"\bcall\b", "method": method,
            "coder": "rules", "codebook_version": "t1"}


SEGMENTS = pd.DataFrame([
    _segment(S1, "channel", "CH01", "phone", text="llámanos"),
    _segment(S1, "service_type", "ST01", "child_helpline", text="línea para jóvenes"),
    _segment(S2, "channel", "CH03", "webchat", text="دردشة"),
    _segment(S2, "service_type", "ST99", "unclassified", field="", method="fallback"),
])


@pytest.fixture
def pack(tmp_path):
    rows = review_pack.review_rows(SEGMENTS, dict(zip(SERVICES["service_id"], SERVICES["name"])),
                                   CODEBOOK)
    path = tmp_path / "coding_sheet.xlsx"
    review_pack.write_workbook(rows, CODEBOOK, path)
    return path


def _col(key):
    return [c.key for c in review_pack.COLUMNS].index(key) + 1


def return_sheet(pack, folder, name, edits, change=None):
    """Edit the pack as a reviewer would and save it as ``folder/name``: ``edits`` maps
    (record ID, dimension) to {column key: value}; ``change(ws, rows)`` edits anything else.
    Returns {(record ID, dimension): row number}."""
    wb = load_workbook(pack)
    ws = wb[review_pack.CODING_SHEET]
    rows = {(ws.cell(r, _col("record_id")).value, ws.cell(r, _col("dimension")).value): r
            for r in range(2, ws.max_row + 1)}
    for unit, values in edits.items():
        for key, value in values.items():
            ws.cell(rows[unit], _col(key), value)
    if change:
        change(ws, rows)
    folder.mkdir(exist_ok=True)
    wb.save(folder / name)
    return rows


def _import(folder, lead=""):
    return review.import_reviews(folder, SEGMENTS, SERVICES, CODEBOOK, lead)


def test_the_pack_has_one_row_per_record_and_dimension_with_drop_downs(pack):
    wb = load_workbook(pack)
    assert wb.sheetnames == ["instructions", "coding", "codes"]
    assert wb["codes"].sheet_state == "hidden"
    ws = wb["coding"]
    assert [c.value for c in ws[1]] == [c.header for c in review_pack.COLUMNS]
    assert ws.max_row == 1 + 2 * 2
    assert ws.protection.sheet and ws.cell(2, _col("evidence")).protection.locked
    assert not ws.cell(2, _col("decision")).protection.locked
    formulas = {dv.formula1 for dv in ws.data_validations.dataValidation}
    # Code lists live on the hidden sheet, never inline (Excel drops inline lists > 255 chars).
    assert {"'codes'!$A$2:$A$4", "'codes'!$B$2:$B$3", '"accept,change,comment"'} == formulas
    row = [c.value for c in ws[3]]
    assert row[:5] == ["service", S1, "Línea Joven (illustrative)", "service_type",
                       "ST01 child_helpline"]
    assert row[5] == "ST01 child_helpline: description: línea para jóvenes"


def test_html_view_is_a_plain_accessible_table(pack):
    rows = review_pack.review_rows(SEGMENTS, {S2: "<b>x</b>"}, CODEBOOK)
    page = review_pack.html_view(rows, CODEBOOK)
    assert "<script" not in page and '<th scope="col">evidence (field: text)</th>' in page
    assert "&lt;b&gt;x&lt;/b&gt;" in page and "<b>x" not in page
    assert "<caption>" in page and 'lang="en"' in page


def test_accept_change_and_comment_round_trip_to_final_codes_and_audit(pack, tmp_path):
    folder = tmp_path / "reviews"
    rows = return_sheet(pack, folder, "A1.xlsx", {
        (S1, "channel"): {"decision": "accept", "reviewer": "A1"},
        (S2, "service_type"): {"decision": "change", "new_codes": "ST01 child_helpline"},
        (S1, "service_type"): {"decision": "comment", "comment": "youth, not only children?"}})
    r = _import(folder)
    assert r["review_rejects"].empty
    final = r["final_codes"]
    s2 = final[(final["service_id"] == S2) & (final["dimension"] == "service_type")]
    assert s2[["code_id", "method", "coder", "rule"]].values.tolist() == [
        ["ST01", "human", "A1", "review:single_reviewer"]]
    s1 = final[(final["service_id"] == S1) & (final["dimension"] == "channel")]
    assert s1[["code_id", "method", "coder", "evidence"]].values.tolist() == [
        ["CH01", "human", "A1", "llámanos"]]  # accepted: the machine's evidence is kept
    untouched = final[(final["service_id"] == S1) & (final["dimension"] == "service_type")]
    assert untouched["method"].tolist() == ["text_rule"]  # a comment decides nothing
    schema.validate("final_codes", final)
    audit = r["review_audit"].set_index(["record_id", "dimension"])
    change = audit.loc[(S2, "service_type")]
    assert (change["reviewer"], change["before"], change["proposed"], change["after"],
            change["rule"], change["applied"]) == ("A1", "ST99", "ST01", "ST01",
                                                   "single_reviewer", True)
    assert change["source_row"] == rows[(S2, "service_type")]
    assert len(change["reviewed_on"]) == 10  # ISO date the sheet was saved
    comment = audit.loc[(S1, "service_type")]
    assert (comment["decision"], comment["rule"], comment["comment"]) == (
        "comment", "comment_only", "youth, not only children?")
    assert r["summary"]["units_changed"] == 1 and r["summary"]["decisions"] == {
        "accept": 1, "change": 1, "comment": 1}
    assert (r["summary"]["rows_read"], r["summary"]["rows_not_reviewed"]) == (4, 1)


def test_no_returned_sheet_leaves_the_machine_codes(tmp_path):
    r = _import(tmp_path / "absent")
    pd.testing.assert_frame_equal(r["final_codes"], SEGMENTS)
    assert r["review_audit"].empty and r["review_rejects"].empty
    assert not r["agreement"].isna().any().any()
    assert set(r["agreement"]["cohen_kappa"]) == {"undefined (no units reviewed)"}


@pytest.mark.parametrize("lead, rule, final, coder", [
    ("", "conflict", ["ST99"], "rules"),
    ("B2", "lead_reviewer", ["ST99"], "B2"),
    ("A1", "lead_reviewer", ["ST01"], "A1"),
])
def test_two_reviewers_disagreeing_follow_the_rule(pack, tmp_path, lead, rule, final, coder):
    folder = tmp_path / "reviews"
    return_sheet(pack, folder, "A1.xlsx", {(S2, "service_type"): {"decision": "change",
                                                                  "new_codes": "ST01"}})
    return_sheet(pack, folder, "B2.xlsx", {(S2, "service_type"): {"decision": "accept"}})
    r = _import(folder, lead)
    f = r["final_codes"].query("service_id == @S2 and dimension == 'service_type'")
    assert f["code_id"].tolist() == final and f["coder"].tolist() == [coder]
    audit = r["review_audit"]
    assert set(audit["rule"]) == {rule}
    assert audit.set_index("reviewer")["applied"].to_dict() == {"A1": lead == "A1",
                                                                "B2": lead == "B2"}
    assert r["summary"]["conflicts"] == (rule == "conflict")
    d = r["disagreements"].query("comparison == 'reviewers'")
    assert set(d["code_id"]) == {"ST01", "ST99"} and set(d["rule"]) == {rule}
    assert "A1" not in r["disagreements"].to_csv() and "B2" not in r["agreement"].to_csv()


def test_the_majority_wins_without_a_lead(pack, tmp_path):
    folder = tmp_path / "reviews"
    for name, edit in (("A1.xlsx", {"decision": "change", "new_codes": "ST01"}),
                       ("C3.xlsx", {"decision": "change", "new_codes": "child_helpline"}),
                       ("B2.xlsx", {"decision": "accept"})):
        return_sheet(pack, folder, name, {(S2, "service_type"): edit})
    r = _import(folder)
    f = r["final_codes"].query("service_id == @S2 and dimension == 'service_type'")
    assert f[["code_id", "coder", "rule"]].values.tolist() == [["ST01", "A1+C3", "review:majority"]]
    row = r["agreement"].query("comparison == 'reviewers' and dimension == 'service_type' "
                               "and code_id == ''").iloc[0]
    assert row["n_coders"] == 3 and row["cohen_kappa"].startswith("undefined (")


def test_agreement_between_machine_and_reviewers_is_computed_and_never_nan(pack, tmp_path):
    folder = tmp_path / "reviews"
    both = {(S1, "channel"): {"decision": "change", "new_codes": "CH01; CH02"},
            (S2, "channel"): {"decision": "accept"}}
    return_sheet(pack, folder, "A1.xlsx", both)
    return_sheet(pack, folder, "B2.xlsx", {**both, (S1, "channel"): {"decision": "accept"}})
    r = _import(folder, lead="A1")
    agree = r["agreement"].set_index(["comparison", "dimension", "code_id"])
    assert not r["agreement"].isna().any().any()
    # machine vs final on CH02: S1 (machine no, final yes), S2 (no, no)
    ch02 = agree.loc[("machine_vs_final", "channel", "CH02")]
    assert ch02["n_units"] == 2 and ch02["percent_agreement"] == "0.50"
    assert ch02["cohen_kappa"] == "0.00"
    assert agree.loc[("reviewers", "channel", "CH03"), "krippendorff_alpha"] == "1.00"
    d = r["disagreements"]
    row = d[(d["comparison"] == "machine_vs_final") & (d["code_id"] == "CH02")].iloc[0]
    assert (row["record_name"], row["machine"], row["final"]) == (
        "Línea Joven (illustrative)", "no", "yes")


def _merge(ws, rows):
    r = rows[(S2, "channel")]
    ws.merge_cells(f"G{r}:I{r}")


def _formula(ws, rows):
    ws.cell(rows[(S2, "channel")], _col("comment"), "=HYPERLINK(\"http://x\")")


def _edit(key, value):
    def change(ws, rows):
        ws.cell(rows[(S2, "channel")], _col(key), value)
    return change


@pytest.mark.parametrize("edit, change, reason, column", [
    ({"decision": "change", "new_codes": "XX01"}, None, "unknown_code", "new_codes"),
    ({"decision": "change", "new_codes": "ST01"}, None, "unknown_code", "new_codes"),
    ({"decision": "accept"}, _edit("record_id", "33333333-3333-5333-8333-333333333333"),
     "unknown_record", "record_id"),
    ({"decision": "accept"}, _edit("dimension", "colour"), "unknown_dimension", "dimension"),
    ({"decision": "accept"}, _edit("evidence", "CH03 webchat: description: WhatsApp"),
     "evidence_edited", None),
    ({"decision": "accept"}, _formula, "formula", "comment"),
    ({"decision": "accept"}, _merge, "merged_cells", None),
    ({"new_codes": "CH01"}, None, "missing_decision", "decision"),
    ({"decision": "change"}, None, "change_without_code", "new_codes"),
    ({"decision": "maybe"}, None, "unknown_decision", "decision"),
    ({"decision": "accept", "new_codes": "CH01"}, None, "code_without_change", "new_codes"),
    ({"decision": "comment"}, None, "comment_missing", "comment"),
    ({"decision": "accept", "reviewer": "B2"}, None, "reviewer_mismatch", "reviewer"),
])
def test_each_bad_row_gets_a_row_level_message_and_the_rest_is_imported(
        pack, tmp_path, edit, change, reason, column):
    folder = tmp_path / "reviews"
    rows = return_sheet(pack, folder, "A1.xlsx", {(S2, "channel"): edit,
                                                  (S1, "channel"): {"decision": "accept"}},
                        change)
    r = _import(folder)
    rejects = r["review_rejects"]
    assert len(rejects) == 1, rejects["message"].tolist()
    bad = rejects.iloc[0]
    row = rows[(S2, "channel")]
    assert (bad["reason"], bad["source_file"], bad["sheet"], bad["source_row"]) == (
        reason, "A1.xlsx", "coding", row)
    cell = f"{review_pack.letter(column)}{row}" if column else ""
    assert bad["cell"] == cell
    assert bad["message"].startswith(f"A1.xlsx, sheet 'coding', {cell or f'row {row}'}: ")
    assert len(bad["message"]) > 60  # says what to do
    assert r["review_audit"][["record_id", "dimension"]].values.tolist() == [[S1, "channel"]]
    schema.validate("review_rejects", rejects)


def test_wrong_files_are_rejected_whole_and_named(pack, tmp_path):
    from conftest import WRONG_FILES, wrong_review_files

    folder = tmp_path / "reviews"
    wrong_review_files(folder, pack, "coding", "Sheet1")
    r = _import(folder)
    assert r["review_rejects"].set_index("source_file")["reason"].to_dict() == WRONG_FILES
    assert r["summary"]["files"] == 5 and r["summary"]["files_rejected"] == 5


def test_a_returned_sheet_is_a_stamped_input_of_the_review_stage(tmp_path, monkeypatch):
    from pipeline import stages, stamp

    monkeypatch.setenv("PIPELINE_REVIEWS", str(tmp_path / "reviews"))
    s = stages.stage("review")
    before = stamp.stage_content(s, {"review": {}, "coding": {}, "seed": 42}, None)
    (tmp_path / "reviews").mkdir()
    (tmp_path / "reviews" / "A1.xlsx").write_bytes(b"x")
    after = stamp.stage_content(s, {"review": {}, "coding": {}, "seed": 42}, None)
    assert before["raw_folders"] == {"reviews": {}}
    assert after["raw_folders"]["reviews"].keys() == {"A1.xlsx"}
    assert stamp.stage_content(stages.stage("exports"), {}, None).get("raw_folders") is None


@pytest.mark.e2e
def test_round_trip_through_the_pipeline_on_the_demo_data(demo_run, tmp_path):
    """make review-pack on (a copy of) the demo run, a reviewer changes one service type (and makes one
    mistake), the sheet goes to REVIEWS=, and the next make imports it: final code, audit row,
    row-level message, the HSDS export; an unchanged folder reruns nothing, a new sheet does."""
    from conftest import copy_run, make

    from pipeline.codebook import load_codebook
    from pipeline.paths import Outputs

    out, reviews = copy_run(demo_run[0], tmp_path / "out"), tmp_path / "reviews"
    env = {"REVIEWS": str(reviews)}
    pack = make("review-pack", out=out, extra_env=env).stdout
    # the pack goes outside the team: the privacy gate runs over it once it is written
    assert pack.index("-m pipeline gate") > pack.index("-m pipeline review-pack")
    o = Outputs(out)
    n_services = pd.read_parquet(o.services)["service_id"].nunique()
    n_rows = n_services * len(load_codebook().dimensions)
    assert o.review_pack_html.read_text(encoding="utf-8").count("<tr>") == 1 + n_rows
    wb = load_workbook(o.review_pack)
    ws, codes = wb["coding"], wb["codes"]
    types = [c.value for c in next(col for col in codes.iter_cols()
                                   if col[0].value == "service_type")[1:]]
    rows = [r for r in range(2, ws.max_row + 1)
            if ws.cell(r, _col("dimension")).value == "service_type"]
    first, second = rows[0], rows[1]
    new = next(t for t in types if t.split()[0] not in ws.cell(first, _col("proposed")).value)
    ws.cell(first, _col("decision"), "change")
    ws.cell(first, _col("new_codes"), new)
    ws.cell(second, _col("decision"), "change")
    ws.cell(second, _col("new_codes"), "ZZ99 nothing")
    sid = ws.cell(first, _col("record_id")).value
    reviews.mkdir()
    wb.save(reviews / "A1.xlsx")

    proc = make("hsds", out=out, extra_env=env)
    assert "-m pipeline review" in proc.stdout
    assert f"A1.xlsx, sheet 'coding', H{second}: 'ZZ99 nothing' is not a code" in proc.stdout
    final = pd.read_parquet(o.final_codes).query(
        "service_id == @sid and dimension == 'service_type'")
    assert final[["code_id", "method", "coder"]].values.tolist() == [[new.split()[0], "human", "A1"]]
    audit = pd.read_parquet(o.review_audit)
    assert audit[["reviewer", "record_id", "after", "rule"]].values.tolist() == [
        ["A1", sid, new.split()[0], "single_reviewer"]]
    assert pd.read_parquet(o.review_rejects)["reason"].tolist() == ["unknown_code"]
    attributes = pd.read_csv(o.hsds / "attribute.csv", dtype=str)
    assert new.split()[1] in set(attributes.loc[attributes["link_id"] == sid, "value"])

    assert "-m pipeline review" not in make("hsds", out=out, extra_env=env).stdout
    wb.save(reviews / "B2.xlsx")
    rerun = make("hsds", out=out, extra_env=env).stdout
    assert "-m pipeline review" in rerun and "-m pipeline hsds" in rerun
    assert "-m pipeline code" not in rerun
    assert pd.read_parquet(o.review_audit)["rule"].tolist() == ["unanimous", "unanimous"]


def test_the_report_says_what_review_changed(pack, tmp_path):
    from pipeline import report

    assert "No advisor review sheet" in report.review_text(_import(tmp_path / "none")["summary"])
    folder = tmp_path / "reviews"
    return_sheet(pack, folder, "A1.xlsx", {(S2, "service_type"): {"decision": "change",
                                                                  "new_codes": "ST01"}})
    r = _import(folder)
    assert "1 record dimensions were settled by a human decision, 1 of them differ" in \
        report.review_text(r["summary"])
    shown = report.agreement_table(r["agreement"].astype(str))
    assert shown["dimension"].tolist() == ["service_type", "service_type"]
    assert shown["between"].tolist() == ["reviewers", "machine and final codes"]
