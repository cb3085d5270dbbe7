"""Stage 3, code: apply every codebook dimension to every service, keeping the evidence.

Reads ``data/processed/services.parquet`` and ``config/codebook.yaml``; writes
``data/processed/coded_segments.parquet``, one row per coded segment:

=================  ======  ===============================================================
service_id         str     the coded service
dimension          str     codebook dimension id (channel, service_type, ...)
code_id, code      str     stable code ID (CH01) and slug (phone)
field, item        str,int where the evidence is: services[field][item]
start, end         int     character offsets of the evidence in that item ('' field: none)
evidence           str     the evidence text itself
rule               str     what matched: 'cue:<lang>:<cue>' (a word or phrase matched on
                           lemma and stem), the regex pattern, 'field:<name>',
                           'attribute:<name>', or 'fallback'
method             str     how: 'source_field' (a structured field, or what the source
                           states), 'text_rule' (a cue or pattern in text), 'fallback'
coder              str     'rules' for this stage; human coders get their own name
codebook_version   str     version of the codebook that produced the segment
=================  ======  ===============================================================

Where people have coded enough examples of a code (review stage), a classifier proposes it for
other services (:func:`write_proposals`, :mod:`pipeline.proposals`): written to
``data/processed/code_proposals.parquet``, never into the coded segments.

Every service gets at least one segment per dimension with a fallback code (service type:
ST99 unclassified), so gaps are visible rather than silent. This is the only stage that
classifies: channels, service types and delivery facts (free, anonymous, confidential, 24/7)
are all codebook dimensions.

Notes (what young people say) are coded here too, on the codebook's ``applies_to: notes``
dimensions, and only once pseudonymised: the stage reads ``data/processed/notes.parquet``
(never the raw notes) and ``data/interim/survey_choices.parquet`` (fixed options ticked in the
survey's multi-select questions, no free text), and writes
``data/processed/coded_note_segments.parquet`` (columns in :mod:`pipeline.schema`). A note's
pseudonymised original (field ``text``) and its pseudonymised English translation (``text_en``,
when it has one that differs) are matched by cues (method ``text_rule``); a ticked option that a
code's ``answers`` list is evidence as a whole (field ``choice``, method ``source_field``).
Non-answers are not coded. Note codes have no fallback: a note need not name a harm.
"""
from __future__ import annotations

import pandas as pd

from pipeline import paths, proposals, schema, storage, workers
from pipeline.codebook import code_record, load_codebook
from pipeline.config import load_params
from pipeline.disclosure import suppress
from pipeline.paths import Outputs

PARALLEL_FROM = 100  # records: fewer, and one process is as fast
TASK = 25            # records per task sent to a worker


def _on_workers(fn, codebook, records: list[dict]) -> list[dict]:
    """``fn(codebook, chunk)`` over ``records`` :data:`TASK` at a time, rows in record order:
    the first chunk here (it loads the spaCy pipelines and lemma tables, which forked workers
    then share), the rest on one worker per core from :data:`PARALLEL_FROM` records. Coding a
    record is pure, so the rows are those of one process."""
    tasks = [records[i:i + TASK] for i in range(0, len(records), TASK)]
    rows = fn(codebook, tasks[0]) if tasks else []
    for found in workers.ordered_map_shared(fn, codebook, tasks[1:],
                                            workers.parallel(len(records), PARALLEL_FROM)):
        rows += found
    return rows


def _slugs(codebook) -> dict[str, str]:
    return {c.id: c.slug for d in codebook.dimensions for c in d.codes}


def _service_rows(codebook, services: list[dict]) -> list[dict]:
    slugs = _slugs(codebook)
    return [{"service_id": rec["service_id"], "dimension": dim_id, "code_id": ev.code_id,
             "code": slugs[ev.code_id], "field": ev.field, "item": ev.item, "start": ev.start,
             "end": ev.end, "evidence": ev.text, "rule": ev.rule, "method": ev.method,
             "coder": "rules", "codebook_version": codebook.version}
            for rec in services for dim_id, evidence in code_record(codebook, rec).items()
            for ev in evidence]


def code_services(services: pd.DataFrame, codebook) -> pd.DataFrame:
    """Coded segments (columns ``schema.columns("coded_segments")``) of ``services`` (schema
    'services') on the codebook's services dimensions, in service order."""
    rows = _on_workers(_service_rows, codebook, services.to_dict("records"))
    return pd.DataFrame(rows, columns=schema.columns("coded_segments"))


def _note_rows(codebook, notes: list[dict]) -> list[dict]:
    slugs = _slugs(codebook)
    common = {"coder": "rules", "codebook_version": codebook.version}
    rows = []
    for n in notes:
        record = {"text": n["text"], "text_en": n["text_en"] if n["text_en"] != n["text"] else ""}
        for dim_id, evidence in code_record(codebook, record, "notes").items():
            rows += [{"record_kind": "note", "note_id": n["note_id"], "source_id": n["source_id"],
                      "respondent": n["respondent"], "question_id": n["question_id"],
                      "language": n["language"], "dimension": dim_id, "code_id": ev.code_id,
                      "code": slugs[ev.code_id], "field": ev.field, "item": ev.item,
                      "start": ev.start, "end": ev.end, "evidence": ev.text, "rule": ev.rule,
                      "method": ev.method, **common} for ev in evidence]
    return rows


def code_notes(notes: pd.DataFrame, choices: pd.DataFrame, codebook) -> pd.DataFrame:
    """Coded note segments (columns ``schema.columns("coded_note_segments")``) of pseudonymised
    ``notes`` (schema 'notes') and survey ``choices`` (schema 'survey_choices') on the
    codebook's notes dimensions. Raises KeyError when a frame lacks a declared column."""
    common = {"coder": "rules", "codebook_version": codebook.version}
    answered = [n for n in notes.to_dict("records") if not n["is_non_answer"]]
    rows = _on_workers(_note_rows, codebook, answered)
    dims = codebook.applying_to("notes")
    for _, answers in choices.groupby(["source_id", "respondent", "question_id"], sort=False):
        for item, a in enumerate(answers.to_dict("records")):
            rows += [{"record_kind": "answer", "note_id": "", "source_id": a["source_id"],
                      "respondent": a["respondent"], "question_id": a["question_id"],
                      "language": a["language"], "dimension": dim.id, "code_id": code.id,
                      "code": code.slug, "field": "choice", "item": item, "start": 0,
                      "end": len(a["choice"]), "evidence": a["choice"],
                      "rule": f"answer:{a['question_id']}", "method": "source_field", **common}
                     for dim in dims for code in dim.answer_codes(a["question_id"], a["choice"])]
    columns = schema.columns("coded_note_segments")
    return schema.typed_empty("coded_note_segments", pd.DataFrame(rows, columns=columns))


def note_distribution(segments: pd.DataFrame, codebook, threshold: int) -> dict:
    """dimension -> code slug -> respondents with that code (from notes or choices), small
    cells (under ``threshold``, params.disclosure.min_cell_count) suppressed to None; every
    code of every notes dimension is listed, 0 where none."""
    out = {}
    for dim in codebook.applying_to("notes"):
        seg = segments[segments["dimension"] == dim.id]
        people = seg.groupby("code")["respondent"].nunique()
        counts = {c.slug: int(people.get(c.slug, 0)) for c in dim.codes}
        out[dim.id], _ = suppress(counts, threshold)
    return out


def run(out: Outputs) -> pd.DataFrame:
    codebook = load_codebook()
    services = storage.read_table(out.services)
    segments = code_services(services, codebook)
    storage.write_table(out.coded_segments, segments, [out.services, paths.codebook_file()], "code")
    per_dim = segments.groupby("dimension")["service_id"].nunique().to_dict()
    print(f"[code] {len(segments)} coded segments (codebook {codebook.version}); "
          f"services coded per dimension: {per_dim}")
    notes, choices = storage.read_table(out.notes), storage.read_table(out.survey_choices)
    note_segments = code_notes(notes, choices, codebook)
    storage.write_table(out.coded_note_segments, note_segments,
                        [out.notes, out.survey_choices, paths.codebook_file()], "code")
    k = load_params().disclosure.min_cell_count
    print(f"[code] {len(note_segments)} coded note segments from {len(notes)} notes and "
          f"{len(choices)} survey choices; respondents per code (under {k} suppressed: '<{k}'):")
    for dim, counts in note_distribution(note_segments, codebook, k).items():
        print(f"[code]   {dim}: " + ", ".join(f"{c} {'<' + str(k) if n is None else n}"
                                             for c, n in counts.items()))
    return segments


def write_proposals(out: Outputs, services: pd.DataFrame, segments: pd.DataFrame,
                    codebook) -> pd.DataFrame:
    """Classifier proposals (pipeline.proposals) trained on the human decisions among
    ``segments`` (the review stage's final codes: method 'human'); none without them. Called
    by the review stage, once human decisions are known."""
    params = load_params()
    cfg = params.coding.proposals
    human = segments[segments["method"] == "human"]
    found, summary = proposals.propose(human, services, segments, codebook, cfg.min_examples,
                                       cfg.min_probability, params.seed, cfg.max_chars)
    storage.write_table(out.code_proposals, found, [out.final_codes, out.services], "review")
    print(f"[review] {proposals.describe(summary, len(human), cfg.min_examples)}")
    return found


def segment_ids(segments: pd.DataFrame) -> pd.Series:
    """A stable ID per coded segment (``CS-`` and 12 letters a-p), derived from what identifies
    it: the record (``service_id``, else ``note_id`` and ``respondent`` for a survey answer),
    dimension, code, field, item and offsets. Findings cite segments by it; recompute it on
    ``coded_segments``, ``final_codes`` or ``coded_note_segments`` to resolve one."""
    import hashlib

    if segments.empty:
        return pd.Series([], index=segments.index, dtype="string")
    record = (segments["service_id"] if "service_id" in segments
              else segments["note_id"] + "|" + segments["respondent"] + "|" + segments["question_id"])
    key = (record + "|" + segments["dimension"] + "|" + segments["code"] + "|" + segments["field"]
           + "|" + segments[["item", "start", "end"]].astype(str).agg("|".join, axis=1))
    return key.map(lambda k: "CS-" + hashlib.sha1(k.encode()).hexdigest()[:12].translate(LETTERS))


# Hex digits 0-9 written as the letters g-p: an ID of hex digits can read as a phone number
# ('CS-325094363713'), which the privacy gate rightly stops; these IDs never do.
LETTERS = str.maketrans("0123456789", "ghijklmnop")
