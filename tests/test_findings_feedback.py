"""Advisor review of the findings: the feedback pack is written, advisors fill it in with
openpyxl as in a spreadsheet, the returned sheets are validated row by row and applied to the
findings (status, majority rule, re-review when the evidence changed, pseudonymised comments).
Findings, services, quotes and comments are illustrative, written for these tests."""
from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook

from pipeline import paths, review, review_pack, schema
from pipeline.findings import feedback


def _components(concern_on: str = "") -> dict:
    return {name: {"concern": name == concern_on, "reason": f"{name} reason (illustrative)"}
            for name in ("adequacy", "coherence", "methodological_limitations", "relevance")}


SERVICES = [{"service_id": f"s{i}", "name": name} for i, name in enumerate([
    "Línea Joven (illustrative)", "خط المساعدة (illustrative)",
    "Kinder- und Jugendtelefon (illustrative)", "Linia Copilului (illustrative)"])]
F1 = {"id": "F-ING-1a2b3c4d", "rule": "ingredient.delivery.free", "kind": "ingredient",
      "scope": {"level": "all", "value": None},
      "statement": "Most services (84 %) are free of charge.", "too_few": False,
      "numbers": {"n": 120, "of": 143, "unit": "services", "share": 0.839, "ci95": [0.77, 0.89],
                  "regions": 5},
      "evidence": {"services": SERVICES, "n_services": 120, "countries": ["DEU", "EGY", "ESP", "ROU"],
                   "segments": [{"segment_id": "g1", "dimension": "delivery", "code": "free",
                                 "text": "free call"}], "n_segments": 130,
                   "topics": [{"corpus": "descriptions", "id": 3, "label": "free / call / chat",
                               "share": 0.84}],
                   "quotes": [{"quote_id": "Q-0001", "question_id": "help",
                               "text": "I told my friend first"}]},
      "evidence_hash": "adbcfeghijklmnop",
      "confidence": {"grade": "Moderate", "components": _components("coherence")}}
F2 = {**F1, "id": "F-CHA-2b3c4d5e", "rule": "challenge.barrier.shame", "kind": "challenge",
      "scope": {"level": "region", "value": "Europe"},
      "statement": "Shame keeps young people in Europe from asking for help.",
      "numbers": {"n": 40, "of": 200, "unit": "respondents", "share": 0.2, "ci95": [0.15, 0.26]},
      "evidence_hash": "bbbbbbbbbbbbbbbb"}
F3 = {**F1, "id": "F-GAP-3c4d5e6f", "rule": "gap.age.unknown", "kind": "gap",
      "statement": "Few services state the ages they serve.", "too_few": True,
      "numbers": {"n": None, "unit": "services"}, "evidence_hash": "cccccccccccccccc"}
FINDINGS = [F1, F2, F3]


@pytest.fixture
def pack(tmp_path):
    folder = tmp_path / "review"
    feedback.write_pack(FINDINGS, folder)
    return folder / paths.FINDINGS_SHEET


def _col(key):
    return feedback.KEYS.index(key) + 1


def return_sheet(pack, folder, name, edits, change=None):
    """Fill the pack in as a reviewer would and save it as ``folder/name``: ``edits`` maps a
    finding ID to {column key: value}; ``change(ws, rows)`` edits anything else. Returns
    {finding ID: row number}."""
    wb = load_workbook(pack)
    ws = wb[feedback.FINDINGS_SHEET]
    rows = {ws.cell(r, _col("finding_id")).value: r for r in range(2, ws.max_row + 1)}
    for fid, values in edits.items():
        for key, value in values.items():
            ws.cell(rows[fid], _col(key), value)
    if change:
        change(ws, rows)
    folder.mkdir(parents=True, exist_ok=True)
    wb.save(folder / name)
    return rows


def _reviewed(folder, findings=FINDINGS, lead=""):
    verdicts, rejects = feedback.read_returned(folder, findings)
    return {f["id"]: f["review"] for f in feedback.apply(findings, verdicts, lead)}, rejects


def test_the_pack_has_one_row_per_finding_readable_and_locked(pack):
    wb = load_workbook(pack)
    assert wb.sheetnames == ["instructions", "findings"]
    assert "data/raw/reviews/findings/" in " ".join(c.value or "" for c in wb["instructions"]["A"])
    ws = wb["findings"]
    assert [c.value for c in ws[1]] == [c.header for c in feedback.COLUMNS]
    assert ws.max_row == 1 + 3
    row = {k: ws.cell(2, _col(k)).value for k in feedback.KEYS}
    assert row["numbers"] == "120 of 143 services, 84 % (95 % CI 77–89 %); regions: 5"
    assert row["scope"] == "all data" and ws.cell(3, _col("scope")).value == "region: Europe"
    assert row["confidence"].splitlines() == [
        "Moderate", "adequacy: no or minor concerns (adequacy reason (illustrative))",
        "coherence: concerns (coherence reason (illustrative))",
        "methodological limitations: no or minor concerns (methodological_limitations reason "
        "(illustrative))", "relevance: no or minor concerns (relevance reason (illustrative))"]
    assert row["evidence"].splitlines() == [
        "120 services: Línea Joven (illustrative); خط المساعدة (illustrative); Kinder- und "
        "Jugendtelefon (illustrative); …", "4 countries: DEU, EGY, ESP, ROU",
        "130 coded segments", "descriptions topic 3 “free / call / chat” (84 % of its documents)",
        "1 quote: “I told my friend first” (Q-0001)"]
    assert row["evidence_hash"] == "adbcfeghijklmnop"
    assert row["review_so_far"] == "not reviewed yet"
    assert ws.cell(4, _col("numbers")).value.startswith("too few to report")
    assert ws.protection.sheet and ws.cell(2, _col("statement")).protection.locked
    assert not ws.cell(2, _col("verdict")).protection.locked
    assert not ws.cell(2, _col("comment")).protection.locked
    assert ws.column_dimensions[review_pack.letter("check", feedback.COLUMNS)].hidden
    [dv] = ws.data_validations.dataValidation
    assert dv.formula1 == '"agree,disagree,unsure"' and str(dv.sqref) == "J2:J4"


def test_the_html_view_shows_every_finding_escaped(tmp_path):
    bad = {**F1, "statement": "<script>alert(1)</script> & more",
           "evidence": {"services": [{"service_id": "s9", "name": "<b>Help</b>"}]}}
    feedback.write_pack([bad, F2], tmp_path)
    page = (tmp_path / paths.FINDINGS_PAGE).read_text(encoding="utf-8")
    assert "<script" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in page
    assert "&lt;b&gt;Help&lt;/b&gt;" in page and "<b>Help" not in page
    assert page.count("<section") == 2 and 'lang="en"' in page
    assert "84 % (95 % CI 77–89 %)" in page and "coherence: concerns" in page
    assert "… and 116 more (every ID is in findings.json)" in page  # 4 of 120 services listed
    assert "free: free call" in page and "“free / call / chat”" in page


def test_an_empty_run_writes_an_empty_pack(tmp_path):
    feedback.write_pack([], tmp_path)
    assert load_workbook(tmp_path / paths.FINDINGS_SHEET)["findings"].max_row == 1
    assert "No findings" in (tmp_path / paths.FINDINGS_PAGE).read_text(encoding="utf-8")


def test_two_of_three_disagreeing_reject_a_finding_and_agreement_keeps_one(pack, tmp_path):
    folder = tmp_path / "findings"
    rows = return_sheet(pack, folder, "A1.xlsx", {
        F1["id"]: {"verdict": "disagree", "comment": "Free only on weekdays.", "reviewer": "A1"},
        F2["id"]: {"verdict": "agree"}})
    return_sheet(pack, folder, "A2.xlsx", {F1["id"]: {"verdict": "Disagree"},
                                           F2["id"]: {"verdict": "agree"}})
    return_sheet(pack, folder, "A3.xlsx", {F1["id"]: {"verdict": "agree"},
                                           F2["id"]: {"comment": "Also in Africa?"}})
    verdicts, rejects = feedback.read_returned(folder, FINDINGS)
    assert rejects.empty
    schema.validate("findings_reviews", verdicts)
    a1 = verdicts[verdicts["reviewer"] == "A1"].set_index("finding_id").loc[F1["id"]]
    assert (a1["source_file"], a1["source_row"], a1["verdict"], a1["evidence_hash"]) == (
        "A1.xlsx", rows[F1["id"]], "disagree", F1["evidence_hash"])
    assert len(a1["reviewed_on"]) == 10
    reviewed = {f["id"]: f["review"] for f in feedback.apply(FINDINGS, verdicts)}
    assert reviewed[F1["id"]] == {
        "status": "disagreed", "rule": "majority", "agree": 1, "disagree": 2, "unsure": 0,
        "reviewers": 3, "stale_verdicts": 0, "rejected": True,
        "comments": {"count": 1, "texts": ["Free only on weekdays."]}}
    assert reviewed[F2["id"]]["status"] == "agreed" and not reviewed[F2["id"]]["rejected"]
    assert (reviewed[F2["id"]]["rule"], reviewed[F2["id"]]["reviewers"]) == ("unanimous", 3)
    assert reviewed[F2["id"]]["comments"]["count"] == 1  # a comment alone decides nothing
    assert reviewed[F3["id"]]["status"] == "not_reviewed"
    assert "A1" not in json.dumps(reviewed)  # counts, never a reviewer's pseudonym


@pytest.mark.parametrize("lead, status, rule", [("", "mixed", "conflict"),
                                                ("B2", "disagreed", "lead_reviewer"),
                                                ("C3", "mixed", "conflict")])
def test_the_lead_reviewer_breaks_a_tie(pack, tmp_path, lead, status, rule):
    folder = tmp_path / "findings"
    return_sheet(pack, folder, "A1.xlsx", {F1["id"]: {"verdict": "agree"}})
    return_sheet(pack, folder, "B2.xlsx", {F1["id"]: {"verdict": "disagree"}})
    review = _reviewed(folder, lead=lead)[0][F1["id"]]
    assert (review["status"], review["rule"], review["rejected"]) == (
        status, rule, status == "disagreed")


def test_a_verdict_on_other_evidence_asks_for_re_review(pack, tmp_path):
    folder = tmp_path / "findings"
    return_sheet(pack, folder, "A1.xlsx", {F1["id"]: {"verdict": "agree"},
                                           F2["id"]: {"verdict": "disagree"}})
    changed = [{**F1, "evidence_hash": "ponmlkjihgfedcba", "statement": "Most services (80 %) "
                "are free of charge."}, F2, F3]
    reviewed, rejects = _reviewed(folder, changed)
    assert rejects.empty  # the sheet is as sent: not an edit
    assert {k: reviewed[F1["id"]][k] for k in ("status", "stale_verdicts", "agree", "rejected")} \
        == {"status": "re_review", "stale_verdicts": 1, "agree": 0, "rejected": False}
    assert reviewed[F2["id"]]["status"] == "disagreed"
    # The next pack says which findings to review again; a verdict on the new evidence
    # counts, the old one stays counted as stale.
    new_pack = tmp_path / "new"
    verdicts, _ = feedback.read_returned(folder, changed)
    feedback.write_pack(feedback.apply(changed, verdicts), new_pack)
    ws = load_workbook(new_pack / paths.FINDINGS_SHEET)["findings"]
    assert [ws.cell(r, _col("review_so_far")).value for r in (2, 3, 4)] == [
        "to review again: the evidence changed since 1 verdict",
        "disagreed (0 agree, 1 disagree, 0 unsure)", "not reviewed yet"]
    return_sheet(new_pack / paths.FINDINGS_SHEET, folder, "B2.xlsx",
                 {F1["id"]: {"verdict": "disagree"}})
    review = _reviewed(folder, changed)[0][F1["id"]]
    assert (review["status"], review["disagree"], review["stale_verdicts"]) == ("disagreed", 1, 1)


def _formula(ws, rows):
    ws.cell(rows[F2["id"]], _col("comment"), "=HYPERLINK(\"http://x\")")


def _merge(ws, rows):
    ws.merge_cells(f"J{rows[F2['id']]}:K{rows[F2['id']]}")


@pytest.mark.parametrize("edit, change, reason, column", [
    ({"verdict": "agree", "finding_id": "F-CHA-00000000"}, None, "unknown_finding", "finding_id"),
    ({"verdict": "disagree", "statement": "Shame keeps some young people from asking."}, None,
     "statement_edited", "statement"),
    ({"verdict": "agree", "evidence_hash": "aaaaaaaaaaaaaaaa"}, None, "statement_edited",
     "statement"),
    ({"verdict": "maybe"}, None, "invalid_verdict", "verdict"),
    ({"verdict": "agree", "reviewer": "B2"}, None, "reviewer_mismatch", "reviewer"),
    ({"verdict": "agree"}, _formula, "formula", "comment"),
    ({"verdict": "agree"}, _merge, "merged_cells", None),
])
def test_each_bad_row_gets_a_row_level_message_and_the_rest_is_imported(
        pack, tmp_path, edit, change, reason, column):
    folder = tmp_path / "findings"
    rows = return_sheet(pack, folder, "A1.xlsx", {F2["id"]: edit, F1["id"]: {"verdict": "agree"}},
                        change)
    verdicts, rejects = feedback.read_returned(folder, FINDINGS)
    assert len(rejects) == 1, rejects["message"].tolist()
    bad = rejects.iloc[0]
    row = rows[F2["id"]]
    cell = f"{review_pack.letter(column, feedback.COLUMNS)}{row}" if column else ""
    assert (bad["reason"], bad["source_file"], bad["sheet"], bad["source_row"], bad["cell"]) == (
        reason, "A1.xlsx", "findings", row, cell)
    assert bad["message"].startswith(f"A1.xlsx, sheet 'findings', {cell or f'row {row}'}: ")
    assert len(bad["message"]) > 60  # says what to do
    assert verdicts["finding_id"].tolist() == [F1["id"]]
    schema.validate("findings_review_rejects", rejects)


def test_the_same_finding_twice_is_one_reject(pack, tmp_path):
    def copy_row(ws, rows):
        ws.append([c.value for c in ws[rows[F1["id"]]]])

    folder = tmp_path / "findings"
    return_sheet(pack, folder, "A1.xlsx", {F1["id"]: {"verdict": "agree"}}, copy_row)
    verdicts, rejects = feedback.read_returned(folder, FINDINGS)
    assert rejects["reason"].tolist() == ["duplicate_row"] and len(verdicts) == 1


def test_wrong_files_are_rejected_whole_and_named(pack, tmp_path):
    from conftest import WRONG_FILES, wrong_review_files

    folder = tmp_path / "findings"
    wrong_review_files(folder, pack, "findings", "coding")  # a coding sheet returned here
    verdicts, rejects = feedback.read_returned(folder, FINDINGS)
    assert verdicts.empty
    assert rejects.set_index("source_file")["reason"].to_dict() == WRONG_FILES
    assert "no sheet named 'findings': return the pack's findings_sheet.xlsx" in \
        rejects.set_index("source_file").loc["C3.xlsx", "message"]
    schema.validate("findings_review_rejects", rejects)


def test_no_folder_means_no_review(tmp_path):
    verdicts, rejects = feedback.read_returned(tmp_path / "absent", FINDINGS)
    assert verdicts.empty and rejects.empty
    assert list(verdicts.columns) == schema.columns("findings_reviews")
    assert {f["review"]["status"] for f in feedback.apply(FINDINGS, verdicts)} == {"not_reviewed"}


def test_comments_are_pseudonymised_and_cut(pack, tmp_path):
    folder = tmp_path / "findings"
    planted = ("Ask Maria Popescu at maria.popescu@example.org or call +40 721 234 567: she "
               "runs the peer group. ")
    return_sheet(pack, folder, "A1.xlsx", {F1["id"]: {"verdict": "unsure", "comment": planted},
                                           F2["id"]: {"verdict": "agree",
                                                      "comment": "Too broad. " * 60}})
    verdicts, _ = feedback.read_returned(folder, FINDINGS)
    reviewed = feedback.apply(FINDINGS, verdicts, phone_regions=("RO", "GB"))
    [text] = reviewed[0]["review"]["comments"]["texts"]
    assert text == "Ask [a name] at [an e-mail] or call [a phone number]: she runs the peer group."
    published = json.dumps(reviewed, ensure_ascii=False)
    for value in ("Popescu", "maria.popescu", "721 234"):
        assert value not in published
    [long] = reviewed[1]["review"]["comments"]["texts"]
    assert len(long) == feedback.COMMENT_CHARS and long.endswith("…")
    assert "review" not in F1  # the input findings are not modified


def test_the_coding_review_never_reads_the_findings_folder(pack, tmp_path, monkeypatch):
    """Findings sheets live in reviews/findings/: the coding import reads files only, and each
    folder is in its own stage's stamp."""
    from test_review import CODEBOOK, SEGMENTS
    from test_review import SERVICES as CODED

    from pipeline import stages, stamp

    reviews = tmp_path / "reviews"
    monkeypatch.setenv("PIPELINE_REVIEWS", str(reviews))
    assert paths.findings_reviews_dir() == reviews / "findings"
    return_sheet(pack, reviews / "findings", "A1.xlsx", {F1["id"]: {"verdict": "agree"}})
    r = review.import_reviews(reviews, SEGMENTS, CODED, CODEBOOK)
    assert (r["summary"]["files"], len(r["review_rejects"]), len(r["review_audit"])) == (0, 0, 0)
    assert stamp.folder_inputs(stages.RAW_FOLDERS["reviews"]()) == {}
    assert stamp.folder_inputs(stages.RAW_FOLDERS["findings_reviews"]()).keys() == {"A1.xlsx"}


def test_import_reviews_writes_both_tables_and_says_what_is_wrong(pack, tmp_path, monkeypatch,
                                                                   capsys):
    from pipeline.paths import Outputs
    from pipeline.storage import read_table

    reviews = tmp_path / "reviews"
    monkeypatch.setenv("PIPELINE_REVIEWS", str(reviews))
    return_sheet(pack, reviews / "findings", "A1.xlsx", {F1["id"]: {"verdict": "disagree"},
                                                          F2["id"]: {"verdict": "nope"}})
    out = Outputs(tmp_path / "out")
    reviewed = feedback.import_reviews(out, FINDINGS)
    assert [f["review"]["status"] for f in reviewed] == ["disagreed", "not_reviewed",
                                                        "not_reviewed"]
    assert read_table(out.findings_reviews)["finding_id"].tolist() == [F1["id"]]
    assert read_table(out.findings_review_rejects)["reason"].tolist() == ["invalid_verdict"]
    printed = capsys.readouterr().out
    assert "1 verdict(s) imported" in printed
    assert "A1.xlsx, sheet 'findings', J3: verdict 'nope' is none of" in printed


def test_the_review_pack_stage_writes_the_findings_pack(tmp_path):
    from pipeline.paths import Outputs
    from pipeline.storage import write_json

    out = Outputs(tmp_path)
    write_json(out.findings, {"label": "illustrative", "findings": FINDINGS})
    review_pack.write_findings_pack(out)
    ws = load_workbook(out.findings_sheet)["findings"]
    assert [ws.cell(r, 1).value for r in range(2, 5)] == [f["id"] for f in FINDINGS]
    assert out.findings_sheet_html.read_text(encoding="utf-8").count("<section") == 3
    write_json(out.findings, {"label": "before the findings rules"})
    review_pack.write_findings_pack(out)
    assert load_workbook(out.findings_sheet)["findings"].max_row == 1


def test_numbers_read_as_a_sentence_would():
    assert feedback.format_numbers({"n": 7, "unit": "countries"}) == "7 countries"
    lesson = {"challenge": {"n": 30, "of": 120, "unit": "respondents", "share": 0.25,
                            "ci95": [0.18, 0.33]},
              "ingredient": {"n": 12, "of": 80, "unit": "services", "share": 0.15}}
    assert feedback.format_numbers(lesson) == (
        "challenge: (30 of 120 respondents, 25 % (95 % CI 18–33 %)); "
        "ingredient: (12 of 80 services, 15 %)")
    assert feedback.format_numbers({}, too_few=True).startswith("too few")


@pytest.mark.e2e
def test_round_trip_through_the_pipeline_on_the_demo_data(demo_run, tmp_path):
    """make review-pack on (a copy of) the demo run writes the findings sheet; a reviewer disagrees with
    the first finding and the sheet goes to REVIEWS=/findings/; the next make reruns findings
    (not the coding review) and the finding is rejected (the report's appendix)."""
    import re

    from conftest import copy_run, make

    from pipeline import stages
    from pipeline.paths import Outputs
    from pipeline.storage import read_json

    out, reviews = copy_run(demo_run[0], tmp_path / "out"), tmp_path / "reviews"
    env = {"REVIEWS": str(reviews)}
    make("review-pack", out=out, extra_env=env)
    o = Outputs(out)
    findings = read_json(o.findings).get("findings", [])
    ws = load_workbook(o.findings_sheet)["findings"]
    assert [ws.cell(r, 1).value for r in range(2, ws.max_row + 1)] == [f["id"] for f in findings]
    assert findings and "findings_reviews" in stages.stage("findings").raw_folders
    return_sheet(o.findings_sheet, reviews / "findings", "A1.xlsx",
                 {findings[0]["id"]: {"verdict": "disagree", "comment": "Not what we see."}})
    rerun = make("findings", out=out, extra_env=env).stdout
    assert "-m pipeline findings" in rerun
    assert not re.search(r"-m pipeline review$", rerun, re.M)
    first = read_json(o.findings)["findings"][0]
    assert (first["review"]["status"], first["review"]["rejected"]) == ("disagreed", True)
