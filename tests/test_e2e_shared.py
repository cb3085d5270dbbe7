"""End to end on the real third-party data in ../shared/data (required under CI).

Expected counts are computed here independently from the raw files, never typed in."""
import csv
import json
import re

import pandas as pd
import pytest
from conftest import require_shared

from pipeline import paths
from pipeline.config import load_params
from pipeline.paths import Outputs

pytestmark = [pytest.mark.e2e, pytest.mark.shared]

DIRECTORY = paths.SHARED_DATA / "craigrallen-world-emergency-hotlines" / "child_helpline_directory.json"
SURVEY = paths.SHARED_DATA / "Maghweb-elephant_talk" / "translated_combined_wide.csv"


def _survey():
    with open(SURVEY, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_all_helplines_accounted_for(shared_run):
    require_shared()
    out, _ = shared_run
    doc = json.loads(DIRECTORY.read_text(encoding="utf-8"))
    n = sum(len(c["helplines"]) for c in doc["countries"])
    f = json.loads(Outputs(out).findings.read_text())
    d = next(i for i in f["inputs"] if i["source_id"] == "chi_directory")
    assert d["rows_read"] == n
    assert d["rows_kept"] + d["rows_merged"] + d["rows_rejected"] == n
    assert f["services"]["count"] == d["rows_kept"]
    services = pd.read_parquet(Outputs(out).services)
    names = {h["service_name"] for c in doc["countries"] for h in c["helplines"]}
    assert set(services["name"]) <= names
    countries = {c["country_name"] for c in doc["countries"]}
    assert f["services"]["countries"] == len(countries) - sum(
        1 for c in countries if not services.loc[services["country_raw"] == c, "country_iso3"].any())


def test_survey_notes_match_scope(shared_run):
    require_shared()
    out, _ = shared_run
    params = load_params()
    rows = _survey()
    in_scope = [r for r in rows if r["Finished"] == "Yes" and r["age_EN"] in params.scope.survey_age_bands]
    expected = sum(1 for r in in_scope for q in params.notes.survey_free_text if r[q].strip())
    expected += sum(1 for r in in_scope for q in params.notes.survey_other_specify
                    for part in r[f"{q}_EN"].split("|") if part.strip().startswith("Other:")
                    and part.strip()[6:].strip())
    f = json.loads(Outputs(out).findings.read_text())
    s = next(i for i in f["inputs"] if i["source_id"] == "youth_survey")
    assert s["rows_read"] == len(rows) and s["rows_kept"] == len(in_scope)
    assert f["notes"]["count"] == expected


def test_no_identifiers_reach_published_or_processed_outputs(shared_run):
    require_shared()
    out, _ = shared_run
    o = Outputs(out)
    rows = _survey()
    ids = {r["Response ID"] for r in rows if r["Response ID"]}
    agents = {r["userAgent - browser"] for r in rows} - {""}
    published = [p for d in (o.report, o.figures) for p in d.rglob("*") if p.is_file()]
    published += [o.notes, o.topics, o.topic_assignments]
    blob = "\n".join(p.read_bytes().decode("utf-8", "ignore") for p in published)
    notes = pd.read_parquet(o.notes)
    notes_blob = notes.to_csv()
    for rid in ids:
        assert rid not in blob and rid not in notes_blob
    assert "Timestamp" not in notes.columns and "location" not in notes.columns
    assert not any(a in notes.columns for a in agents)


def test_report_is_not_marked_illustrative(shared_run):
    require_shared()
    out, _ = shared_run
    html = Outputs(out).html.read_text(encoding="utf-8")
    assert "Illustrative demo data" not in html and "Child Helpline International" in html


def test_privacy_gate_passed_and_people_counts_are_suppressed(shared_run):
    require_shared()
    out, _ = shared_run
    o = Outputs(out)
    assert json.loads(o.gate_result.read_text())["leaks"] == 0
    f = json.loads(o.findings.read_text())
    k = f["notes"]["suppressed"]["threshold"]
    survey = next(i for i in f["inputs"] if i["source_id"] == "youth_survey")
    values = [v for v in survey["rejected_by_reason"].values()]
    assert all(v is None or v >= k for v in values)
    assert values.count(None) != 1  # a lone hidden cell could be recovered from the total
    for q in f["quotes"]:
        texts = [x["text"] for x in q["quotes"]]
        assert texts and not any(re.search(r"\bR-\d{4}\b", t) for t in texts)
        assert not any(re.search(r"\[[A-Z]+_\d+\]", t) for t in texts)  # no pseudonym token


def test_survey_notes_and_choices_are_coded_on_every_notes_dimension(shared_run):
    """Notes coded end to end: every notes dimension finds codes; evidence comes from the
    pseudonymised originals, their English translations and the survey's choices; each choice
    segment is an option some in-scope respondent ticked (counted here from the raw file)."""
    require_shared()
    out, _ = shared_run
    o = Outputs(out)
    params = load_params()
    segments = pd.read_parquet(o.coded_note_segments)
    notes = pd.read_parquet(o.notes).set_index("note_id")
    dims = {"harm", "help_source", "barrier", "wanted_action", "reaction"}
    assert set(segments["dimension"]) == dims
    assert set(segments["field"]) == {"text", "text_en", "choice"}
    text = segments[segments["record_kind"] == "note"]
    assert set(text["method"]) == {"text_rule"}
    for r in text.sample(min(len(text), 300), random_state=0).itertuples():
        assert notes.at[r.note_id, r.field][r.start:r.end] == r.evidence  # pseudonymised note
        assert notes.at[r.note_id, "respondent"] == r.respondent
    choices = segments[segments["record_kind"] == "answer"]
    assert set(choices["method"]) == {"source_field"}
    ticked = {}
    for r in _survey():
        if r["Finished"] == "Yes" and r["age_EN"] in params.scope.survey_age_bands:
            for q in params.notes.survey_multi_select:
                for part in r[f"{q}_EN"].split("|"):
                    ticked[(q, part.strip())] = ticked.get((q, part.strip()), 0) + 1
    per_option = choices.drop_duplicates(["respondent", "question_id", "evidence"]).groupby(
        ["question_id", "evidence"]).size()
    for (q, option), n in per_option.items():
        assert n == ticked[(q, option)], (q, option)
    ids = {r["Response ID"] for r in _survey() if r["Response ID"]}
    blob = segments.to_csv() + pd.read_parquet(o.survey_choices).to_csv()
    assert not any(rid in blob for rid in ids)


def test_key_findings_on_shared_data(shared_run):
    """Issue 11 on real data: ingredients, challenges, lessons and gaps, each with numbers,
    a confidence grade with its four components' reasons and evidence that resolves to the
    processed tables; the survey's help-seeking questions analysed with suppression."""
    from pipeline.coding import segment_ids

    o = Outputs(shared_run[0])
    f = json.loads(o.findings.read_text())
    found = {x["id"]: x for x in f["findings"]}
    assert {x["kind"] for x in found.values()} == {"ingredient", "challenge", "lesson", "gap"}
    for x in found.values():
        c = x["confidence"]
        assert c["grade"] in ("High", "Moderate", "Low", "Very low")
        assert set(c["components"]) == {"adequacy", "coherence", "methodological_limitations",
                                         "relevance"}
        assert all(comp["reason"] for comp in c["components"].values())
    services = pd.read_parquet(o.services).set_index("service_id")
    ids = set(segment_ids(pd.read_parquet(o.final_codes)))
    for x in found.values():
        for s in x["evidence"].get("services", []):
            assert services.loc[s["service_id"], "name"] == s["name"]
        for seg in x["evidence"].get("segments", []):
            if x["kind"] == "ingredient":
                assert seg["segment_id"] in ids
    questions = {q["question_id"]: q for q in f["survey"]["questions"]}
    assert {"who_turn_to", "what_actions_support", "encountered_reaction",
            "social_do_enough"} <= set(questions)
    for q in questions.values():
        for c in q["choices"]:
            assert c["n"] is None or c["n"] >= f["survey"]["threshold"]
            for cell in c["by_age_band"].values():
                assert cell["n"] is None or cell["n"] >= f["survey"]["threshold"]
    assert f["recommendations"]["own"] and not f["recommendations"]["warnings"]
