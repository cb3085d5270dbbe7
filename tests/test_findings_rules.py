"""Findings rules (issue 11) on small synthetic frames (illustrative, written for these tests):
ingredients, challenges, lessons, gaps, too-few-to-report, stable IDs and evidence hashes,
confidence grades, survey answers with suppression, recommendations and the report's
appendix of rejected findings."""
import math
from datetime import date

import pandas as pd
import pytest

from pipeline import report_findings, schema
from pipeline.codebook import load_codebook
from pipeline.config import ConfidenceParams, ConfigError, FindingsParams
from pipeline.findings import recommendations, rules, survey
from pipeline.findings.confidence import Assessment, grade
from pipeline.findings.quotes import QuoteBook

DEFAULTS = {"string": "", "list[string]": [], "int64": 0, "Float64": math.nan, "float64": math.nan,
            "bool": False, "boolean": False}
REGIONS = ["Africa", "Americas", "Asia", "Europe"]


def frame(table: str, rows: list[dict]) -> pd.DataFrame:
    types = schema.dtypes(table)
    full = [{c: r.get(c, DEFAULTS.get(t, None)) for c, t in types.items()} for r in rows]
    return schema.typed_empty(table, pd.DataFrame(full, columns=list(types)))


def service(i: int, **kw) -> dict:
    return {"service_id": f"00000000-0000-5000-8000-{i:012d}", "source_id": "agency",
            "source_ids": [f"agency:{i}"], "name": f"Service {i:02d}",
            "country_iso3": ["KEN", "BRA", "IND", "FRA", "DEU"][i % 5],
            "region_m49": REGIONS[i % 4], "min_age": None, "max_age": None, **kw}


def code(sid: str, dim: str, slug: str, method: str = "text_rule") -> dict:
    c = next(c for c in load_codebook().dimension(dim).codes if c.slug == slug)
    return {"service_id": sid, "dimension": dim, "code_id": c.id, "code": slug, "field": "description",
            "evidence": slug, "rule": "test", "method": method, "coder": "rules",
            "codebook_version": "t"}


def note_code(respondent: str, dim: str, slug: str, note_id: str = "", field: str = "text") -> dict:
    c = next(c for c in load_codebook().dimension(dim).codes if c.slug == slug)
    return {"record_kind": "note" if note_id else "answer", "note_id": note_id, "source_id": "survey",
            "respondent": respondent, "question_id": "who_turn_to", "language": "ron",
            "dimension": dim, "code_id": c.id, "code": slug, "field": field, "evidence": slug,
            "rule": "t", "method": "text_rule" if note_id else "source_field", "coder": "rules",
            "codebook_version": "t"}


def tables(n_services=20, free=15, peers_first=20, shame=5, respondents=30) -> dict:
    services = [service(i) for i in range(n_services)]
    codes = [code(s["service_id"], "delivery", "free") for s in services[:free]]
    codes += [code(s["service_id"], "service_type", "child_helpline" if i % 3 else "crisis_line")
              for i, s in enumerate(services)]
    codes += [code(services[0]["service_id"], "help_for_whom", "peer")]
    people = [f"R-{i + 1:04d}" for i in range(respondents)]
    notes = [{"note_id": f"n{i}", "source_id": "survey", "respondent": r, "question_id": "reasons",
              "language": "ron" if i % 2 else "hrv", "age_band": "15-18" if i % 3 else "19-24",
              "gender": "Female", "text": f"I was told I look awful, number {i}", "text_en": "",
              "is_non_answer": False} for i, r in enumerate(people)]
    choices = [{"source_id": "survey", "respondent": r, "question_id": "who_turn_to",
                "language": "ron", "age_band": "15-18" if i % 3 else "19-24", "gender": "Female",
                "choice": "Friends/partners" if i < peers_first else "Therapists"}
               for i, r in enumerate(people)]
    ncodes = [note_code(r, "help_source", "friend_peer", field="choice") for r in people[:peers_first]]
    ncodes += [note_code(r, "help_source", "mental_health_professional", field="choice")
               for r in people[peers_first:]]
    ncodes += [note_code(r, "barrier", "shame", note_id=f"n{i}") for i, r in enumerate(people[:shame])]
    ncodes += [note_code(r, "barrier", "distrust", note_id=f"n{i}")
               for i, r in enumerate(people[shame:], start=shame)]
    return {"services": frame("services", services), "final_codes": frame("final_codes", codes),
            "notes": frame("notes", notes), "survey_choices": frame("survey_choices", choices),
            "coded_note_segments": frame("coded_note_segments", ncodes),
            "topics": frame("topics", []), "topic_assignments": frame("topic_assignments", [])}


def compute(t=None, params=None, **kw) -> dict[str, dict]:
    t = t or tables()
    found = rules.compute(t, load_codebook(), params or FindingsParams(), 10, ("15-18", "19-24"),
                          QuoteBook(t["notes"]), today=date(2026, 1, 1), **kw)
    return {f["id"]: f for f in found}


def test_wilson_interval_is_the_published_one():
    # Newcombe (1998), Statistics in Medicine 17:857, method 3 (Wilson): 5/10 -> 0.237-0.763
    assert rules.wilson(5, 10) == [0.237, 0.763]
    assert rules.wilson(0, 10)[0] == 0 and rules.wilson(3, 0) is None


def test_a_common_ingredient_with_its_numbers_breadth_and_evidence():
    f = compute()["ING.delivery.free"]
    assert f["kind"] == "ingredient" and not f["too_few"]
    n = f["numbers"]
    assert (n["n"], n["of"], n["unit"], n["share"]) == (15, 20, "services", 0.75)
    assert n["ci95"] == rules.wilson(15, 20)
    assert n["breadth"]["regions"] == 4 and n["breadth"]["service_types"] == 2
    assert len(f["evidence"]["services"]) == 15 and len(f["evidence"]["segments"]) == 15
    assert f["statement"].startswith("Free of charge: 15 of 20 services (75 %, 95 % CI")


def test_ingredients_vary_by_region_and_service_type():
    by = compute()["ING.delivery.free"]["numbers"]["by_group"]
    assert by["region"]["Africa"] == {"n": 4, "of": 5, "share": 0.8}  # services 0, 4, 8, 12 of 0..16
    assert by["service_type"]["crisis_line"]["of"] == 7  # services 0, 3, ..., 18


def test_a_region_scope_gives_that_regions_findings():
    found = compute(scope={"level": "region", "value": "Asia"})
    f = found["ING.delivery.free@region:asia"]
    assert f["scope"] == {"level": "region", "value": "Asia"} and f["numbers"]["of"] == 5
    assert not any(k.startswith(("LES.", "GAP.", "CHA.barrier")) for k in found)


def test_below_the_share_threshold_is_not_an_ingredient():
    assert "ING.delivery.free" not in compute(tables(free=4))


def test_id_is_stable_and_evidence_hash_follows_the_evidence():
    a, b = compute()["ING.delivery.free"], compute(tables(free=16))["ING.delivery.free"]
    assert a["id"] == b["id"] and a["evidence_hash"] != b["evidence_hash"]
    assert compute()["ING.delivery.free"]["evidence_hash"] == a["evidence_hash"]
    assert a["evidence_hash"].isalpha() and len(a["evidence_hash"]) == 16


def test_a_finding_about_too_few_people_is_reported_not_dropped():
    # 5 of 30 respondents (17 %, above the 10 % challenge threshold) name shame: under 10 people
    f = compute()["CHA.barrier.shame"]
    assert f["too_few"] and f["numbers"]["n"] is None and f["numbers"]["share"] is None
    assert "too few respondents to report" in f["statement"] and f["evidence"] == {}


def test_a_challenge_from_notes_with_groups_suppressed():
    f = compute()["CHA.barrier.distrust"]
    assert (f["numbers"]["n"], f["numbers"]["of"]) == (25, 30)
    by_age = f["numbers"]["by_group"]["age_band"]
    # 19-24 holds 10 respondents (i % 3 == 0), of whom 2 are among the first 5 (shame): 8 < 10
    assert by_age["19-24"]["n"] is None and by_age["15-18"]["n"] is None  # secondary suppression


def test_a_lesson_states_both_sides_numbers():
    f = compute()["LES.peers_first"]
    assert "20 of 30 respondents" in f["statement"] and "1 of 20 services" in f["statement"]
    assert f["numbers"]["ingredient"]["n"] == 1 and f["related"] == ["CHA.help_source.friend_peer"]


def test_gaps_from_coverage():
    found = compute()
    assert found["GAP.service_type.peer_support"]["numbers"]["n"] == 0
    stale = found["GAP.records.no_date_checked"]
    assert stale["numbers"]["n"] == 20  # no service states a date last checked


def test_a_rules_file_naming_an_unknown_code_is_refused(tmp_path):
    bad = tmp_path / "findings.yaml"
    text = rules.paths.findings_rules_file().read_text(encoding="utf-8")
    bad.write_text(text.replace("challenge: help_source.friend_peer",
                                "challenge: help_source.best_friend"), encoding="utf-8")
    with pytest.raises(ConfigError, match="help_source.best_friend"):
        rules.load_rules(bad, load_codebook())


@pytest.mark.parametrize("concerns, expected", [(0, "High"), (1, "Moderate"), (2, "Low"),
                                                (4, "Very low")])
def test_confidence_goes_one_level_down_per_concern(concerns, expected):
    p = ConfidenceParams()
    a = Assessment(n=100 if concerns < 1 else 5, unit="services", sources=2,
                   groups={"x": (50, 100), "y": (5, 100) if concerns >= 2 else (50, 100)},
                   reviewed=0.5 if concerns < 4 else 0.0, relevant=1.0 if concerns < 4 else 0.1)
    assert grade(a, p)["grade"] == expected


def test_survey_answers_with_wilson_intervals_and_suppression():
    t = tables(peers_first=25, respondents=30)
    table = survey.answers(t["survey_choices"])
    overall = table[table["group"] == "all"].set_index("choice")
    assert overall.loc["Friends/partners", "respondents"] == 25
    assert overall.loc["Friends/partners", "answered"] == 30
    published = survey.published(table, 10)[0]
    choices = {c["choice"]: c for c in published["choices"]}
    assert choices["Therapists"]["n"] is None  # 5 people
    assert choices["Therapists"]["suppressed"] == "small"
    assert choices["Friends/partners"]["n"] is None  # hidden beside the lone small cell
    assert choices["Friends/partners"]["suppressed"] == "secondary"
    page = report_findings.survey_html({"survey": {"threshold": 10, "questions": [published]}})
    assert "<td>hidden</td>" in page and "<td>&lt;10</td>" in page
    assert "<h4>Who turn to (30 respondents" in page             # no wording: a readable ID
    inputs = [{"questions": {"who_turn_to": "Who would you talk to?"}}]
    page = report_findings.survey_html({"survey": {"threshold": 10, "questions": [published]},
                                        "inputs": inputs})
    assert "<h4>Who would you talk to? (30 respondents answered)</h4>" in page


def test_recommendations_cite_findings(tmp_path):
    found = list(compute().values())
    own = tmp_path / "own.md"
    own.write_text("## Help friends help\nPeers first. [LES.peers_first] [GAP.nope.nothing]\n")
    with pytest.raises(ConfigError, match="GAP.nope.nothing"):
        recommendations.build(found, own, own=True)
    recs = recommendations.build(found, own, own=False)
    assert recs["warnings"] == ["R1 cites GAP.nope.nothing, which this run did not produce"]
    assert recs["items"][0]["support"][0]["id"] == "LES.peers_first"


def test_a_rejected_finding_moves_to_the_appendix():
    found = list(compute().values())
    rejected = next(f for f in found if f["id"] == "ING.delivery.free")
    rejected["review"] = {"status": "disagreed", "rejected": True}
    doc = {"findings": found}
    assert rejected["statement"] not in report_findings.key_findings_html(doc, "ingredient")
    assert rejected["statement"] in report_findings.rejected_html(doc)
