"""Small-cell suppression of counts of people."""
from pipeline.disclosure import suppress


def test_cells_below_threshold_are_hidden_with_secondary_suppression():
    published, hidden = suppress({"a": 40, "b": 3, "c": 12, "d": 25}, 10)
    # b alone would be recoverable from the total: c (next smallest) is hidden too.
    assert published == {"a": 40, "b": None, "c": None, "d": 25}
    assert hidden == ["b", "c"]


def test_no_suppression_when_all_cells_are_large_or_zero():
    assert suppress({"a": 10, "b": 0}, 10) == ({"a": 10, "b": 0}, [])


def test_two_small_cells_protect_each_other():
    assert suppress({"a": 2, "b": 5, "c": 50}, 10)[1] == ["a", "b"]


def test_findings_stage_function_on_small_frames():
    """build() on frames, without files: 12 notes from 3 respondents publish the note count
    but suppress the respondent count (under 10); notes and respondents stay apart."""
    import pandas as pd

    from pipeline import paths, schema
    from pipeline.codebook import load_codebook
    from pipeline.config import DisclosureParams
    from pipeline.findings import build

    def empty(table):
        return schema.typed_empty(table, pd.DataFrame(columns=schema.columns(table)))

    notes = pd.DataFrame([{"note_id": f"n{i}", "source_id": "s", "respondent": f"R-000{i % 3 + 1}",
                           "question_id": "q", "language": "eng", "country_iso3": "", "age_band": "",
                           "gender": "", "text": "t", "text_en": "", "is_non_answer": False,
                           "n_replaced": 0} for i in range(12)])
    tables = {name: empty(name) for name in ("ingest_rejects", "service_rejects", "linkage_audit",
                                             "services", "final_codes", "code_proposals",
                                             "topics", "topic_assignments", "topic_quality",
                                             "coded_note_segments", "survey_choices")}
    tables.update(notes=notes, ingest_accounting={"label": "t", "illustrative": True, "sources": [
        {"source_id": "s", "kind": "notes", "row_unit": "respondent", "path": "x", "sha256": "0",
         "origin": {"title": "t", "licence": "CC0-1.0"}, "rows_read": 3}]})
    findings, key = build(tables, DisclosureParams(), load_codebook(),
                          recommendations_file=(paths.DEFAULT_RECOMMENDATIONS, False))
    assert findings["notes"]["count"] == 12 and findings["notes"]["respondents"] is None
    assert findings["inputs"][0]["row_unit"] == "respondent"
    assert key.splitlines() == ["quote_id,note_id"]
    assert findings["coding"]["proposals"]["proposals"] == 0
    assert findings["coding"]["proposals"]["text"].startswith("No classifier proposals: no service")
    # no services: the default recommendations' citations are listed, not fatal
    assert findings["recommendations"]["warnings"] and not findings["recommendations"]["own"]


def test_a_cell_hidden_to_protect_another_is_never_printed_as_small():
    """Issue 12: a kept count of 272 hidden beside 5 rejected rows was printed '<10'."""
    from pipeline import report
    from pipeline.disclosure import published_inputs

    inputs = [{"source_id": "survey", "kind": "notes", "title": "t", "row_unit": "answer",
               "rows_read": 277, "rows_kept": 272, "rows_merged": 0, "rows_rejected": 5,
               "rejected_by_reason": {"out_of_scope": 5}}]
    published = published_inputs(inputs, 10)
    assert published[0]["rows_kept"] is None and published[0]["rows_rejected"] is None
    row = report.inputs_table({"inputs": published,
                               "notes": {"suppressed": {"threshold": 10}}}).iloc[0]
    assert (row["kept"], row["rejected"]) == ("hidden", "<10")
    assert row["reasons"] == "out_of_scope (<10)"
