"""The JSON Schema of report/findings.json (pipeline/findings/findings.schema.json): what the
findings stage builds validates, and a renamed key, a wrong grade, a bad finding ID or a share
above 1 fails with a message naming the JSON path. The frames below are illustrative, written
for this test: 30 services in 6 countries and 3 regions, 30 respondents in 3 languages."""
import copy
import json
import uuid

import pandas as pd
import pytest
from jsonschema import Draft202012Validator

from pipeline import paths, schema
from pipeline.codebook import load_codebook
from pipeline.config import DisclosureParams, FindingsParams
from pipeline.findings import build, feedback, recommendations, rules
from pipeline.findings.quotes import QuoteBook
from pipeline.findings.schema import FindingsSchemaError, problems, validate
from pipeline.paths import Outputs

COUNTRIES = [("FRA", "Europe"), ("DEU", "Europe"), ("KEN", "Africa"), ("NGA", "Africa"),
             ("BRA", "Americas"), ("MEX", "Americas")]
LANGUAGES = ["eng", "fra", "spa"]
NOTES = {"eng": "Someone kept posting mean comments about me in the class group chat.",
         "fra": "On se moquait de moi tous les jours dans le groupe de la classe.",
         "spa": "Me insultaban en el chat del grupo y nadie hacía nada."}
DEFAULTS = {"string": "", "int64": 0, "Int64": None, "bool": False, "float64": 0.0,
            "Float64": None}


def frame(table: str, rows: list[dict]) -> pd.DataFrame:
    """``rows`` completed with empty values of each declared column (pipeline.schema)."""
    types = schema.dtypes(table)
    full = [{c: r.get(c, [] if t.startswith("list") else DEFAULTS[t]) for c, t in types.items()}
            for r in rows]
    df = pd.DataFrame(full, columns=list(types))
    return schema.typed_empty(table, df) if not rows else df


def service_id(i: int) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"test-service-{i}"))


def service_codes(i: int) -> list[tuple[str, str, str]]:
    codes = [("channel", "CH01", "phone"), ("service_type", *(("ST01", "child_helpline") if i % 3
                                                               else ("ST06", "peer_support")))]
    codes += [("delivery", "DL01", "free")] if i % 4 else []
    codes += [("channel", "CH03", "webchat")] if i % 2 else []
    codes += [("target_group", "TG01", "children")] if i % 3 != 2 else []
    codes += [("help_for_whom", "HW02", "peer")] if i % 5 == 1 else []
    return codes


def tables() -> dict:
    services = frame("services", [{
        "service_id": service_id(i), "source_id": "demo_a" if i % 2 else "demo_b",
        "source_key": f"S{i:03d}", "name": f"Illustrative helpline {i}",
        "country_iso3": COUNTRIES[i % 6][0] if i % 10 != 9 else "",
        "region_m49": COUNTRIES[i % 6][1] if i % 10 != 9 else "", "is_24_7": i % 4 == 0,
        "min_age": None if i % 5 == 0 else 10, "max_age": None if i % 5 == 0 else 24,
        "assured_date": "" if i % 7 == 0 else "2026-06-01",
        "flags": ["phone_invalid"] if i % 6 == 0 else [], "source_ids": [f"demo_a:S{i:03d}"],
    } for i in range(30)])
    codes = frame("final_codes", [{
        "service_id": service_id(i), "dimension": d, "code_id": cid, "code": slug,
        "field": "description", "start": 0, "end": 4, "evidence": slug.replace("_", " "),
        "rule": f"cue:en:{slug}", "method": "human" if i % 3 == 0 else "text_rule",
        "coder": "rules", "codebook_version": "0.7.0"} for i in range(30)
        for d, cid, slug in service_codes(i)])
    people = [{"respondent": f"R-{i + 1:04d}", "source_id": "demo_notes",
               "language": LANGUAGES[i % 3], "age_band": ("15-18", "19-24")[i % 2],
               "gender": ("girl", "boy")[i % 2 == 0 and i % 4 == 0]} for i in range(30)]
    notes = frame("notes", [{**p, "note_id": f"N-{i:04d}", "question_id": "barriers",
                             "text": NOTES[p["language"]], "text_en": NOTES["eng"] + f" ({i})"}
                            for i, p in enumerate(people)])
    note_codes = frame("coded_note_segments", [{
        "record_kind": "note", "note_id": f"N-{i:04d}", "source_id": "demo_notes",
        "respondent": p["respondent"], "question_id": "barriers", "language": p["language"],
        "dimension": dim, "code_id": cid, "code": slug, "field": "text", "end": 5,
        "evidence": "mean", "rule": "cue", "method": "text_rule", "coder": "rules",
        "codebook_version": "0.7.0"} for i, p in enumerate(people)
        for dim, cid, slug in ([("harm", "NH02", "cyberbullying")] if i < 18 else [])
        + ([("barrier", "NB03", "shame")] if i % 8 == 0 else [])
        + ([("help_source", "NS01", "friend_peer")] if i % 2 else [])])
    choices = frame("survey_choices", [{**{k: p[k] for k in ("respondent", "source_id", "language",
                                                             "age_band", "gender")},
                                        "question_id": "who_to_turn_to", "choice": choice}
                                       for i, p in enumerate(people)
                                       for choice in ["A friend"] + (["A parent"] if i % 3 else [])])
    topics = frame("topics", [
        {"corpus": "descriptions", "topic_id": 0, "size": 20, "terms": ["helpline", "free"],
         "keywords": ["helpline"], "label": "helpline / free / chat",
         "representative_ids": [service_id(1)], "stability": 0.8, "is_stable": True},
        {"corpus": "descriptions", "topic_id": -1, "size": 10, "label": "outliers",
         "is_outlier": True, "is_stable": True},
        {"corpus": "notes", "topic_id": 0, "size": 30, "terms": ["group", "chat"],
         "keywords": ["group chat"], "label": "group chat / class / mean",
         "representative_ids": ["N-0000", "N-0001"], "stability": 0.7, "is_stable": True}])
    assignments = frame("topic_assignments",
                        [{"corpus": "descriptions", "doc_id": service_id(i), "topic_id": 0 if i < 20 else -1}
                         for i in range(30)]
                        + [{"corpus": "notes", "doc_id": f"N-{i:04d}", "topic_id": 0} for i in range(30)])
    accounting = {"label": "Illustrative test data", "illustrative": True, "sources": [
        {"source_id": s, "kind": kind, "row_unit": unit, "path": f"data/raw/test/{s}.csv",
         "sha256": "0" * 64, "origin": {"title": f"Test {s}", "licence": "CC0-1.0",
                                        "received": "2026-11-01"}, "rows_read": n}
        for s, kind, unit, n in (("demo_a", "services", "service record", 15),
                                 ("demo_b", "services", "service record", 15),
                                 ("demo_notes", "notes", "note", 32))]}
    rejects = frame("ingest_rejects", [{"source_id": "demo_notes", "source_row": r, "source_key": "",
                                        "stage": "ingest", "reason": "empty_row"} for r in (3, 9)])
    empty = {name: frame(name, []) for name in ("service_rejects", "linkage_audit", "code_proposals")}
    return {**empty, "ingest_accounting": accounting, "ingest_rejects": rejects,
            "services": services, "notes": notes, "final_codes": codes,
            "coded_note_segments": note_codes, "survey_choices": choices, "topics": topics,
            "topic_assignments": assignments,
            "topic_quality": frame("topic_quality", [
                {"corpus": "descriptions", "method": m, "topics": 1, "outlier_share": o,
                 "coherence_npmi": c, "diversity": 1.0, "is_best": m == "bertopic"}
                for m, o, c in (("bertopic", 0.33, 0.41), ("kmeans_embeddings", 0.0, 0.2),
                                ("nmf_tfidf", 0.0, None))])}


@pytest.fixture(scope="module")
def recs_file(tmp_path_factory):
    """Recommendations used as the fallback: a cited finding this run lacks is a warning."""
    path = tmp_path_factory.mktemp("recommendations") / "default.md"
    path.write_text("## Keep helplines free\nFree help works [ING.delivery.free], "
                    "[CHA.harm.cyberbullying] and [GAP.missing.rule].\n\n## Say nothing\nNo cite.\n",
                    encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def built(recs_file) -> dict:
    """findings.json as the findings stage builds it from the frames, with recommendations and
    region-scoped findings."""
    t, codebook = tables(), load_codebook()
    findings, _ = build(t, DisclosureParams(), codebook, findings_params=FindingsParams(),
                        recommendations_file=(recs_file, False))
    findings["findings"] += rules.compute(t, codebook, FindingsParams(), 10, ("15-18", "19-24"),
                                          QuoteBook(t["notes"]),
                                          scope={"level": "region", "value": "Europe"})
    return findings


def test_the_schema_file_is_a_valid_draft_2020_12_schema():
    Draft202012Validator.check_schema(json.loads(paths.FINDINGS_SCHEMA.read_text(encoding="utf-8")))


def test_what_the_stage_builds_covers_every_kind_and_validates(built):
    kinds = {f["kind"] for f in built["findings"]}
    assert kinds == {"ingredient", "challenge", "lesson", "gap"}
    assert any(f["too_few"] for f in built["findings"]) and not all(f["too_few"] for f in built["findings"])
    assert any("@region:europe" in f["id"] for f in built["findings"])
    assert built["survey"]["questions"] and built["quotes"]
    assert built["recommendations"]["items"][0]["support"] and built["recommendations"]["warnings"]
    assert built["inputs"][2]["kind"] == "notes" and built["inputs"][2]["rows_rejected"] is None
    assert problems(built) == []
    validate(built)


def test_advisors_reviews_agreement_and_topic_quality_validate(built, recs_file):
    """Reviews as the findings stage imports them (pipeline.findings.feedback.apply): agreed,
    rejected, re-review (evidence changed), not reviewed; agreement and topic quality
    (BERTopic beside its baselines) have the schema's shape."""
    f = copy.deepcopy(built)
    a, b, c = f["findings"][:3]
    rows = [("A1", a, "agree", a["evidence_hash"]), ("A2", a, "agree", a["evidence_hash"]),
            ("A1", b, "disagree", b["evidence_hash"]), ("A1", c, "agree", "a" * 16)]
    verdicts = frame("findings_reviews", [
        {"reviewer": r, "source_file": f"{r}.xlsx", "source_row": 2, "finding_id": x["id"],
         "verdict": v, "evidence_hash": h} for r, x, v, h in rows])
    f["findings"] = feedback.apply(f["findings"], verdicts)
    f["recommendations"] = recommendations.build(f["findings"], recs_file, False)
    assert [x["review"]["status"] for x in f["findings"][:4]] == [
        "agreed", "disagreed", "re_review", "not_reviewed"]
    f["coding"]["agreement"] = [{"comparison": "machine_vs_final", "dimension": "channel",
                                 "code_id": "", "n_coders": 2, "n_units": 12,
                                 "percent_agreement": 0.92, "prevalence": "not applicable",
                                 "cohen_kappa": "undefined (one code only)",
                                 "krippendorff_alpha": 0.81}]
    assert problems(f) == []
    assert [q["method"] for q in f["topics"]["quality"]["descriptions"]] == [
        "bertopic", "kmeans_embeddings", "nmf_tfidf"]
    f["topics"]["quality"]["notes"] = [{"method": "lda", "topics": 1, "outlier_share": 0,
                                        "coherence_npmi": 2, "diversity": 1, "is_best": True}]
    assert len(problems(f)) == 2  # an unknown method, and NPMI above 1


@pytest.mark.e2e
def test_the_demo_build_validates_and_the_stage_checked_it(demo_run):
    """The demo's findings.json as `make report` wrote it (the stage validated it already)."""
    findings = json.loads(Outputs(demo_run[0]).findings.read_text(encoding="utf-8"))
    assert findings["findings"] and problems(findings) == []


def _first(findings: dict, kind: str, too_few: bool = False) -> int:
    return next(i for i, f in enumerate(findings["findings"])
                if f["kind"] == kind and f["too_few"] is too_few)


def broken(built: dict, how: str) -> dict:
    f = copy.deepcopy(built)
    ing, few = _first(f, "ingredient"), _first(f, "challenge", too_few=True)
    if how == "renamed key":
        f["findings"][ing]["evidence_sha"] = f["findings"][ing].pop("evidence_hash")
    elif how == "wrong grade":
        f["findings"][ing]["confidence"]["grade"] = "Medium"
    elif how == "bad finding ID":
        f["findings"][ing]["id"] = "ING.Delivery Free"
    elif how == "share above 1":
        f["findings"][ing]["numbers"]["share"] = 1.2
    elif how == "number shown when too few":
        f["findings"][few]["numbers"]["n"] = 3
    elif how == "renamed top-level key":
        f["finding"] = f.pop("findings")
    return f


@pytest.mark.parametrize("how, expected", [
    ("renamed key", r"$.findings[{ing}] (finding {id}): Additional properties are not allowed "
                    "('evidence_sha' was unexpected)"),
    ("wrong grade", "$.findings[{ing}].confidence.grade (finding {id}): 'Medium' is not one of "
                    "['High', 'Moderate', 'Low', 'Very low']"),
    ("bad finding ID", "$.findings[{ing}].id: 'ING.Delivery Free' does not match"),
    ("share above 1", "$.findings[{ing}].numbers.share (finding {id}): 1.2 is greater than the "
                      "maximum of 1"),
    ("number shown when too few", "$.findings[{few}].numbers.n (finding {few_id}): 3 is not of "
                                  "type 'null'"),
    ("renamed top-level key", "$: Additional properties are not allowed ('finding' was unexpected)"),
])
def test_a_broken_findings_dict_fails_naming_the_path(built, how, expected):
    ing, few = _first(built, "ingredient"), _first(built, "challenge", too_few=True)
    expected = expected.format(ing=ing, id=built["findings"][ing]["id"], few=few,
                               few_id=built["findings"][few]["id"])
    with pytest.raises(FindingsSchemaError) as e:
        validate(broken(built, how), "out/report/findings.json")
    message = str(e.value)
    assert message.startswith("out/report/findings.json does not match its schema "
                              "pipeline/findings/findings.schema.json")
    assert expected in message, message


def test_a_failing_build_writes_nothing(built, tmp_path, monkeypatch):
    """run(): the check comes after the advisors' verdicts are applied (what is written is what
    is checked) and before findings.json, survey_answers and the quote key are written."""
    import pipeline.findings as stage

    out = Outputs(tmp_path)
    bad = broken(built, "wrong grade")
    monkeypatch.setattr(stage, "load", lambda out: tables())
    monkeypatch.setattr(stage, "build", lambda *a, **k: (bad, "quote_id,note_id\n"))
    # synthetic findings: not the demo's own recommendations (their IDs are not produced)
    monkeypatch.setenv("PIPELINE_SOURCES", str(tmp_path / "sources.yaml"))
    with pytest.raises(FindingsSchemaError, match=r"confidence\.grade"):
        stage.run(out)
    assert not out.findings.exists() and not out.survey_answers.exists()
    assert not out.quote_key.exists()


def test_the_check_sees_the_advisors_verdicts(built, tmp_path, monkeypatch):
    """A review status the schema does not know, added by the verdicts' import, stops run()."""
    import pipeline.findings as stage

    out = Outputs(tmp_path)
    monkeypatch.setattr(stage, "load", lambda out: tables())
    monkeypatch.setattr(stage, "build", lambda *a, **k: (copy.deepcopy(built), ""))
    # synthetic findings: not the demo's own recommendations (their IDs are not produced)
    monkeypatch.setenv("PIPELINE_SOURCES", str(tmp_path / "sources.yaml"))
    monkeypatch.setattr(stage.feedback, "import_reviews", lambda out, found, *a: [
        {**f, "review": {"status": "rejected"}} for f in found])
    with pytest.raises(FindingsSchemaError, match=r"\$\.findings\[0\]\.review\.status .*'rejected'"):
        stage.run(out)
    assert not out.findings.exists()
