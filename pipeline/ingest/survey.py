"""Adapter for a wide survey export (one row per respondent) into consultation notes.

Source shape: the Elephant Talk youth survey on online body shaming
(../shared/data/SOURCES.md): each question has an original-language column and an ``_EN``
machine translation; multi-select answers are ``|``-separated in ``_EN`` and may carry an
``Other: ...`` free-text part.

Scope (``params.scope``): finished responses in the project's age bands (under 25). Every other
respondent is rejected with a reason. Each non-empty free-text answer of an in-scope respondent
becomes one note. The options ticked in ``params.notes.survey_multi_select`` questions become
choices (``survey_choices``): fixed answers only (those the answer dictionary lists as fixed,
when one is given), so no free text travels that way. Respondent IDs, timestamps, user agents
and free-text locations never leave this module; the respondent ID is replaced by a pseudonym
in :mod:`pipeline.ingest`.

Raises :class:`~pipeline.config.InputError` when required columns are missing.
"""
from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict

from pipeline import paths
from pipeline.config import InputError, Source
from pipeline.ingest.common import ERROR, LINE, NOTE_COLUMNS, AdapterResult, conform, read_csv, reject

OTHER_PREFIX = "Other:"


class SurveyOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id_column: str = "Response ID"
    finished_column: str = "Finished"
    age_column: str = "age_EN"
    gender_column: str = "gender_EN"
    language_column: str = "language"
    country_column: str = "country"
    # The survey's own language-area codes -> ISO 639-3 ('slo' is Slovenian here, not Slovak).
    language_codes: dict[str, str]
    answer_dictionary: str | None = None
    # The survey's question dictionary (columns short_id, en): the English wording of each
    # question, shown beside quotes. Optional.
    question_dictionary: str | None = None


def _gender(value: str) -> str:
    # 'Other: <free text>' may identify someone; keep only the category.
    v = value.strip()
    return "Other" if v.startswith(OTHER_PREFIX) else v


def _answer_lookup(path: Path | None) -> tuple[dict[tuple[str, str, str], str],
                                                dict[str, set[str]]]:
    """(question, language area, English text) -> original text of free-text 'other' answers,
    and question -> its fixed answers' English labels (both empty without a dictionary)."""
    if path is None:
        return {}, {}
    d = read_csv(path, ["short_id", "original", "lang", "en", "ATYPE"])
    fixed: dict[str, set[str]] = {}
    for r in d[d["ATYPE"] == "fixed"].itertuples():
        fixed.setdefault(r.short_id, set()).add(r.en.strip())
    d = d[d["ATYPE"] == "free text"]
    return {(r.short_id, r.lang, r.en.strip()): r.original.strip() for r in d.itertuples()}, fixed


def _question_texts(path: Path | None, asked: list[str], other: list[str]) -> dict[str, str]:
    """question_id -> English wording for the questions notes and choices come from
    (``asked``; '<q>_other' for an 'Other: ...' part: the question's wording and
    ' (other, specify)'); {} without a file."""
    if path is None:
        return {}
    d = read_csv(path, ["short_id", "en"])
    if len(bad := d[d[ERROR] != ""]):
        raise InputError(path, "malformed row(s): " + "; ".join(
            f"line {r[LINE]}: {r[ERROR]}" for _, r in bad.head(5).iterrows()))
    d = d.assign(en=d["en"].map(lambda t: " ".join(t.split())), short_id=d["short_id"].str.strip())
    d = d[d["en"] != ""]
    wordings = d.groupby("short_id")["en"].nunique()
    if len(twice := wordings[wordings > 1]):
        q = twice.index[0]
        lines = ", ".join(str(n) for n in d.loc[d["short_id"] == q, LINE])
        raise InputError(path, f"question '{q}' has {twice.iloc[0]} different wordings "
                               f"(lines {lines}): which one is the question asked?")
    text = dict(zip(d["short_id"], d["en"]))
    return ({q: text[q] for q in asked if q in text}
            | {f"{q}_other": f"{text[q]} (other, specify)" for q in other if q in text})


def _choices(answer_en: str, fixed: set[str] | None) -> list[str]:
    """The options ticked: never an 'Other: ...' part, and only fixed answers when known."""
    parts = [p.strip() for p in answer_en.split("|")]
    return [p for p in parts if p and not p.startswith(OTHER_PREFIX)
            and (fixed is None or p in fixed)]


def _other_parts(answer_en: str) -> list[str]:
    return [p[len(OTHER_PREFIX):].strip() for p in answer_en.split("|")
            if p.strip().startswith(OTHER_PREFIX) and p[len(OTHER_PREFIX):].strip()]


def read(source: Source, params) -> AdapterResult:
    opts = source.parse_options(SurveyOptions)
    free, other = params.notes.survey_free_text, params.notes.survey_other_specify
    required = [opts.id_column, opts.finished_column, opts.age_column, opts.language_column]
    required += [c for q in (*free, *other) for c in (q, f"{q}_EN")]
    df = read_csv(source.file, required)
    # an export without one of these questions gives no choices for it, not an error
    multi = [q for q in params.notes.survey_multi_select if f"{q}_EN" in df.columns]
    lookup, fixed = _answer_lookup(paths.resolve_input(opts.answer_dictionary)
                            if opts.answer_dictionary else None)

    if not len(df):
        raise InputError(source.file, "header only: no respondents")
    records, rejects, choices = [], [], []
    scope = params.scope
    for row in df.to_dict("records"):
        i, rid = int(row[LINE]), row[opts.id_column]
        if row[ERROR]:
            reason, _, detail = row[ERROR].partition(": ")
            rejects.append(reject(source.id, i, "", reason, detail))
            continue
        if scope.survey_finished_only and row[opts.finished_column] != "Yes":
            rejects.append(reject(source.id, i, "", "out_of_scope_unfinished"))
            continue
        age = row[opts.age_column].strip()
        if not age:
            rejects.append(reject(source.id, i, "", "missing_age_band"))
            continue
        if age not in scope.survey_age_bands:
            rejects.append(reject(source.id, i, "", "out_of_scope_age", f"age band {age}"))
            continue
        area = row[opts.language_column].strip()
        if area not in opts.language_codes:
            rejects.append(reject(source.id, i, "", "unknown_language_area", area))
            continue
        base = {"source_id": source.id, "source_row": i, "respondent": rid,
                "language_raw": opts.language_codes[area],
                "country_raw": row.get(opts.country_column, ""), "age_band": age,
                "gender": _gender(row.get(opts.gender_column, ""))}
        for q in free:
            if row[q].strip():
                records.append({**base, "question_id": q, "text_original": row[q].strip(),
                                "text_en": row[f"{q}_EN"].strip()})
        for q in other:
            for text_en in _other_parts(row[f"{q}_EN"]):
                original = lookup.get((q, area, text_en), text_en)
                records.append({**base, "question_id": f"{q}_other", "text_original": original,
                                "text_en": text_en})
        for q in multi:
            choices += [{"source_id": source.id, "respondent": rid, "question_id": q,
                         "language": base["language_raw"], "age_band": age,
                         "gender": base["gender"], "choice": c}
                        for c in _choices(row[f"{q}_EN"],
                                          fixed.get(q, set()) if opts.answer_dictionary else None)]
    for n, r in enumerate(records, start=1):
        r["note_id"] = f"{source.id}-N{n:05d}"
    questions = _question_texts(paths.resolve_input(opts.question_dictionary)
                                if opts.question_dictionary else None, [*free, *multi], list(other))
    return AdapterResult(rows=conform(records, NOTE_COLUMNS), rows_read=len(df), rejects=rejects,
                         choices=choices, questions=questions)
