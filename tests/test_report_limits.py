"""The report's "Data, methods and limitations" section states the numbers it is given.

The findings dict and services are illustrative, written for this test."""
from test_findings_rules import frame, service

from pipeline import report_limits
from pipeline.codebook import load_codebook


def topic(i, stable=True, outlier=False, label="a / b"):
    return {"id": -1 if outlier else i, "label": label, "is_stable": stable, "is_outlier": outlier}


def finding(i, grade="Low", sources=1, too_few=False):
    return {"id": f"F{i}", "rule": "ingredient.x", "statement": "s", "too_few": too_few,
            "numbers": {"breadth": {"sources": sources}}, "confidence": {"grade": grade}}


def findings() -> dict:
    return {
        "inputs": [
            {"source_id": "dir", "kind": "services", "title": "Helpline <directory>",
             "row_unit": "service record", "rows_read": 12, "licence": "CC0-1.0",
             "submitter": "Agency A", "producer": "Network B", "received": "2026-01-02",
             "translation": ""},
            {"source_id": "survey", "kind": "notes", "title": "Youth survey", "row_unit":
             "respondent", "rows_read": 300, "licence": "none stated", "submitter": "Group C",
             "producer": "", "received": "", "translation": "machine",
             "rejected_by_reason": {"out_of_scope_age": 41, "missing_age_band": None},
             "secondary_suppressed": []}],
        "services": {"by_service_type": {"child_helpline": 7, "peer_support": 3}},
        "notes": {"count": 250, "by_language": {"ron": 120, "slv": None, "eng": 40},
                  "suppressed": {"threshold": 10}},
        "topics": {"descriptions": [{"id": -1, "label": "not modelled: 12 texts",
                                     "is_stable": True, "is_outlier": False}],
                   "notes": [topic(0, False), topic(1), topic(2, False), topic(3),
                             topic(4, False), topic(0, outlier=True)]},
        "findings": [finding(0, "Low"), finding(1, "Very low", sources=2),
                     finding(2, "Moderate", sources=2), finding(3, "Low", too_few=True),
                     {**finding(4, "High"), "rule": "gap.records.no_date_checked",
                      "statement": "4 of 5 services carry no date last checked, or an old one."}],
        "methods": {"age_scope": ["15-18", "19-24"], "rules_version": "0.1.0"},
        "codebook": {"version": "9.9.9"},
        "provenance": {"params_file": "config/other.yaml", "params_sha256": "0" * 16},
    }


def services():
    return frame("services", [
        service(0, min_age=10.0, max_age=18.0, assured_date="2025-01-01", flags=[]),
        service(1, flags=["url_placeholder"]),
        service(2, max_age=24.0, flags=["short_code_not_confirmed"]),
        service(3, flags=["contact_other_country", "email_invalid"]),
        service(4, min_age=12.0, assured_date="2024-05-05", flags=[])])


def test_stated_limitations_are_the_numbers_given():
    text = report_limits.limitations_html(findings(), services())
    assert "3 of 5 topics in the notes are unstable" in text
    assert "The service descriptions were too few to model topics in." in text
    assert "2 of 5 (40 %) services state no age range." in text
    assert "3 of 5 (60 %) services carry no date last checked." in text
    assert "2 of 5 (40 %) services list a contact the pipeline flagged" in text
    assert "Stale records: 4 of 5 services carry no date last checked, or an old one." in text
    assert "3 of 5 findings rest on a single source." in text
    assert "3 of 5 findings are graded Low or Very low confidence (Low 2, Very low 1)." in text
    assert "1 of 5 findings are too few to report." in text
    assert "language model does not cover" not in text  # not counted: not said


def test_answers_outside_the_embedders_languages_are_a_limitation():
    f = findings()
    f["notes"]["outside_embedder"] = 37
    text = report_limits.limitations_html(f, services())
    assert "37 answers are in a language the topic model's language model does not cover" in text
    f["notes"]["outside_embedder"] = None  # a small count, suppressed
    assert "Fewer than 10 answers" in report_limits.limitations_html(f, services())
    f["notes"]["outside_embedder"] = 0
    assert "does not cover" not in report_limits.limitations_html(f, services())


def test_sources_scope_languages_and_translation():
    codebook = load_codebook()
    text = report_limits.sources_html(findings(), codebook)
    assert "Helpline &lt;directory&gt;" in text and "<directory>" not in text
    assert "submitted by Agency A; produced by Network B; received 2026-01-02" in text
    types = [c for c in codebook.dimension("service_type").codes
             if c.id != codebook.dimension("service_type").fallback_code]
    assert f"2 of the codebook's {len(types)} service types have at least one mapped service" in text
    crisis = next(c.label for c in types if c.slug == "crisis_line")
    assert crisis in text.split("no service of these types was mapped:")[1]
    assert "Child helpline" not in text.split("no service of these types was mapped:")[1]
    assert ("Respondents in the age bands 15-18, 19-24 are analysed (Youth survey: "
            "respondents outside them, rejected as out of scope: 41)") in text
    f = findings()
    f["inputs"][1].update(rejected_by_reason={"out_of_scope_age": None},
                          secondary_suppressed=["rejected_by_reason.out_of_scope_age"])
    assert "out of scope: a number hidden beside a small count" in report_limits.sources_html(
        f, codebook)
    f["inputs"][1]["secondary_suppressed"] = []
    assert "out of scope: fewer than 10" in report_limits.sources_html(f, codebook)
    assert "3 language(s): Romanian (120), English (40), Slovenian (&lt;10)" in text
    assert "Youth survey: machine translations made by the source" in text


def test_settings_point_to_the_parameters_when_they_are_not_the_runs():
    text = report_limits.settings_html(findings())
    assert "Codebook version 9.9.9" in text and "rules version 0.1.0" in text
    assert "BERTopic" not in text  # the hash is not this checkout's parameters file
    assert "<code>config/other.yaml</code> (sha256 0000000000000000)" in text


def test_the_whole_section_in_order():
    text = report_limits.limits_html(findings(), services())
    assert text.index("Sources and scope") < text.index("Stated limitations") \
        < text.index("Codebook and model settings")


def test_age_scope_without_a_survey_export_says_ages_are_not_filtered():
    f = findings()
    f["inputs"] = f["inputs"][:1]
    text = report_limits.sources_html(f, load_codebook())
    assert "No survey export is part of this run" in text and "15-18, 19-24" in text
