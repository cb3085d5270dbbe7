"""Quotes carry their question, translation status and a content note (issue 12), on frames.

Notes are illustrative, written for this test."""
import pytest
from test_findings_rules import frame, note_code

from pipeline import report, report_findings
from pipeline.codebook import load_codebook
from pipeline.config import ConfigError
from pipeline.findings import _content_note_codes
from pipeline.findings.quotes import QuoteBook

CONTENT = {"hate_speech": "slurs", "body_shaming": "body shaming insults"}


def notes():
    rows = [("n1", "ron", "Mi-au zis că sunt urâtă.", "They told me I was ugly."),
            ("n2", "eng", "People judge bodies online.", ""),
            ("n3", "hrv", "Nitko ne pomaže.", ""),  # no translation supplied: the original
            ("n4", "spa", "Me insultaron <b>por</b> mi cuerpo.", "They insulted <b>me</b>.")]
    return frame("notes", [{"note_id": i, "source_id": "survey", "respondent": f"R-000{n}",
                            "question_id": "associated_words" if i == "n1" else "who_turn_to_other",
                            "language": lang, "text": text, "text_en": en, "is_non_answer": False}
                           for n, (i, lang, text, en) in enumerate(rows, start=1)])


def segments():
    return frame("coded_note_segments", [
        note_code("R-0001", "harm", "body_shaming", note_id="n1"),
        note_code("R-0001", "harm", "hate_speech", note_id="n1"),
        note_code("R-0004", "harm", "body_shaming", note_id="n4"),
        note_code("R-0002", "barrier", "shame", note_id="n2"),
        # a ticked option is not a note: it never gives a quote a content note
        note_code("R-0003", "harm", "hate_speech")])


def book():
    return QuoteBook(notes(), segments(), CONTENT)


def test_translation_flag_language_and_shown_text():
    b = book()
    q1, q2, q3 = (b.quote(n) for n in ("n1", "n2", "n3"))
    assert (q1["translated"], q1["language"], q1["text"]) == (True, "ron", "They told me I was ugly.")
    assert (q2["translated"], q2["language"], q2["text"]) == (False, "eng", "People judge bodies online.")
    assert (q3["translated"], q3["language"], q3["text"]) == (False, "hrv", "Nitko ne pomaže.")
    assert q1["question_id"] == "associated_words" and q1["source_id"] == "survey"


def test_a_note_coded_with_a_content_note_code_gets_its_reasons_in_config_order():
    b = book()
    assert b.quote("n1")["content_note"] == "slurs; body shaming insults"
    assert b.quote("n4")["content_note"] == "body shaming insults"
    assert b.quote("n2")["content_note"] is None  # coded, but not with a content-note code
    assert b.quote("n3")["content_note"] is None  # only an answer of its respondent is coded
    assert QuoteBook(notes()).quote("n1")["content_note"] is None  # no codes configured


def test_an_unknown_content_note_code_is_refused():
    codebook = load_codebook()
    assert _content_note_codes(CONTENT, codebook) == CONTENT
    with pytest.raises(ConfigError, match="phone"):
        _content_note_codes({"phone": "x"}, codebook)  # a services code, not a notes one


def findings(quotes, translation="machine"):
    return {"inputs": [{"source_id": "survey", "translation": translation}],
            "notes": {"suppressed": {"threshold": 10}},
            "quotes": [{"topic": 0, "label": "words <heard>", "quotes": quotes}]}


def test_report_labels_question_and_translation_and_hides_content_behind_details():
    b = book()
    quotes = [b.quote(n) for n in ("n1", "n2", "n3", "n4")]
    html = report.quotes_html(findings(quotes))
    first, rest = html.split("</details>", 1)
    assert '<details class="content-note"><summary>Content note: slurs; body shaming insults' in first
    assert "They told me I was ugly." in first and "machine translation from Romanian" in first
    assert "answer to 'Associated words'" in first
    # the next quote has no content note: shown outside any details
    second = rest.split("<details", 1)[0]
    assert "People judge bodies online." in second and "original, English" in second
    assert "answer to 'Who turn to (other, specify)'" in second
    assert "Nitko ne pomaže." in second and "original, Croatian" in second
    # escaping kept: the note's markup is shown as text, labels too
    assert "&lt;b&gt;me&lt;/b&gt;" in html and "<b>me</b>" not in html
    assert "words &lt;heard&gt;" in html
    assert html.count("<details") == 2


def test_translation_by_the_source_or_unstated():
    q = book().quote("n1")
    assert "translation by the source from Romanian" in report.quotes_html(findings([q], "human"))
    plain = report.quotes_html(findings([q], ""))
    assert "(Q-0001, answer to 'Associated words', translation from Romanian)" in plain


def test_a_findings_evidence_quotes_are_labelled_the_same_way():
    q = book().quote("n1")
    finding = {"id": "CHA.x", "kind": "challenge", "statement": "s", "too_few": False,
               "numbers": {}, "confidence": {"grade": "Low", "components": {}},
               "evidence": {"quotes": [q]}}
    html = report_findings.key_findings_html({"findings": [finding], **findings([])}, "challenge")
    assert "<summary>Content note: slurs; body shaming insults" in html
    assert "machine translation from Romanian" in html


def test_an_evidence_block_names_the_topics_carrying_it_most_and_counts_the_rest():
    topics = [{"corpus": "descriptions", "id": i, "label": f"label {i}", "share": 1 - i / 10}
              for i in range(5)]
    finding = {"id": "ING.x", "kind": "ingredient", "statement": "s", "too_few": False,
               "numbers": {}, "confidence": {"grade": "Low", "components": {}},
               "evidence": {"topics": topics}}
    html = report_findings.key_findings_html({"findings": [finding], **findings([])}, "ingredient")
    assert "descriptions topic 2 (label 2) and 2 more" in html and "label 3" not in html


def test_the_sources_question_wording_is_shown_where_it_gave_one():
    q = book().quote("n1")
    f = findings([q])
    f["inputs"][0]["questions"] = {"associated_words": "Which <words> have you met?"}
    html = report.quotes_html(f)
    assert "answer to 'Which &lt;words&gt; have you met?'" in html


def test_breadth_of_one_reads_in_the_singular():
    f = {"too_few": False, "numbers": {"n": 3, "of": 4, "unit": "services", "share": 0.75,
                                       "ci95": [0.3, 0.95],
                                       "breadth": {"regions": 1, "countries": 2, "sources": 1}}}
    assert report_findings._numbers(f).endswith("breadth: 1 region, 2 countries, 1 source")
