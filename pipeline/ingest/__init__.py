"""Stage 1, ingest: every raw submission listed in the sources file -> tidy interim tables.

Reads: the sources file (``PIPELINE_SOURCES``) and each raw file it lists.
Writes: ``data/interim/services_raw.parquet``, ``notes_raw.parquet``, ``survey_choices.parquet``
(options ticked in a survey's multi-select questions), ``ingest_rejects.parquet`` (columns
declared in :mod:`pipeline.schema`), ``ingest_accounting.json`` (per source: path, sha256, origin,
rows_read, rows_kept, rows_rejected) and the private respondent key (mode 0600).

Respondent identifiers are replaced here by sequential pseudonyms (``R-0001``); the key that
links them back is written only under ``private/`` (GDPR Art. 4(5): kept apart).
"""
from __future__ import annotations

import csv
import io
import re
from collections import Counter

import pandas as pd

from pipeline import paths, storage
from pipeline.config import ConfigError, InputError, load_params, load_sources
from pipeline.ingest import chi_directory, hsds_package, survey, tabular, template
from pipeline.ingest.common import (
    CHOICE_COLUMNS,
    NOTE_COLUMNS,
    REJECT_COLUMNS,
    SERVICE_COLUMNS,
    AdapterResult,
)
from pipeline.paths import Outputs

ADAPTERS = {
    "chi_directory_json": chi_directory.read,
    "survey_wide_csv": survey.read,
    "services_table": tabular.read_services,
    "notes_table": tabular.read_notes,
    "hsds_datapackage": hsds_package.read,
    "submitter_template": template.read,
}


def respondent_id(raw: str) -> str:
    """A raw respondent ID as one person: trimmed, and a whole number written as a real number
    by a spreadsheet or JSON ('1.0') the same as the number ('1')."""
    v = str(raw).strip()
    m = re.fullmatch(r"([+-]?\d+)\.0*", v)
    return m.group(1) if m else v


def pseudonymise_respondents(notes: pd.DataFrame, *others: pd.DataFrame
                             ) -> tuple[pd.DataFrame, ...]:
    """Replace raw respondent IDs with ``R-0001``... in order of first appearance in
    ``notes``, then in each of ``others`` (e.g. survey choices; same person, same pseudonym).

    Returns (notes with pseudonyms, *others with pseudonyms, key with columns source_id,
    respondent, raw_id).
    """
    frames = [f.assign(respondent=[respondent_id(r) for r in f["respondent"]])
              for f in (notes, *others)]
    pairs = pd.concat([f[["source_id", "respondent"]] for f in frames]).drop_duplicates()
    key = pairs.rename(columns={"respondent": "raw_id"}).reset_index(drop=True)
    key.insert(1, "respondent", [f"R-{i:04d}" for i in range(1, len(key) + 1)])
    lookup = {(r.source_id, r.raw_id): r.respondent for r in key.itertuples()}
    for f in frames:
        f["respondent"] = [lookup[(s, r)] for s, r in zip(f["source_id"], f["respondent"])]
    return (*frames, key)


def _check_listed_once(source, seen: dict[str, str]) -> None:
    """The same file (same content) listed under two source IDs would count its rows twice
    and give duplicate services that never merge: an error naming both IDs."""
    if not source.file.is_file():
        return  # the adapter names a missing or unreadable file
    sha = storage.sha256_file(source.file)
    if sha in seen:
        raise ConfigError(f"{paths.sources_file()}: sources '{seen[sha]}' and '{source.id}' list "
                          f"the same file ({source.file}, sha256 {sha[:12]}...): its rows would "
                          "be counted twice; list it once")
    seen[sha] = source.id


def check_size(source, limits) -> None:
    """Refuse a raw file over ``limits.max_file_mb`` before reading it (read whole, it would
    exhaust memory): InputError naming the file, its size and the parameter."""
    size = source.file.stat().st_size if source.file.is_file() else 0
    if size > limits.max_file_mb * 1_000_000:
        raise InputError(source.file, f"{size / 1e6:,.0f} MB, over limits.max_file_mb "
                         f"({limits.max_file_mb:,} MB, {paths.params_file()}): split the file, or "
                         "raise the limit on a machine with the memory")


def check_texts(source, rows: pd.DataFrame, limits) -> None:
    """Refuse a text cell over ``limits.max_text_chars`` (InputError naming the file, the
    record's row, the column, its length and the parameter)."""
    for col in rows.columns:
        lengths = [len(v) if isinstance(v, str) else 0 for v in rows[col].tolist()]
        if lengths and max(lengths) > limits.max_text_chars:
            i = lengths.index(max(lengths))  # the first longest
            row = rows["source_row"].iloc[i] if "source_row" in rows else i + 1
            raise InputError(source.file, f"row {row}: {col} is {lengths[i]:,} characters, "
                             f"over limits.max_text_chars ({limits.max_text_chars:,}, "
                             f"{paths.params_file()}): a paste or export error? Fix the record, or "
                             "raise the limit")


def _account(source, result: AdapterResult) -> dict:
    rejected = len(result.rejects)
    kept = result.rows_read - rejected
    origin = source.resolved_origin()
    return {
        "source_id": source.id, "kind": source.kind, "adapter": source.adapter,
        "row_unit": source.row_unit,
        "path": source.path, "sha256": storage.sha256_file(source.file),
        "origin": origin.model_dump(mode="json"),
        "rows_read": result.rows_read, "rows_kept": kept, "rows_rejected": rejected,
        "records_out": int(len(result.rows)),
        "questions": result.questions,
    }


def _reasons(rejects: list[dict]) -> str:
    """' (out_of_scope 12, ragged_row 1)': why rows were rejected, most common first, so the
    console explains a large count (a survey's scope rules reject whole groups of rows)."""
    counts = Counter(r["reason"] for r in rejects).most_common()
    return f" ({', '.join(f'{reason} {n}' for reason, n in counts)})" if counts else ""


def run(out: Outputs) -> dict:
    cfg, params = load_sources(), load_params()
    services, notes, choices, rejects, accounting = [], [], [], [], []
    seen: dict[str, str] = {}  # sha256 of a raw file -> the source that listed it
    for source in cfg.sources:
        source.resolved_origin()  # fail early, naming the file, when no origin is declared
        check_size(source, params.limits)
        _check_listed_once(source, seen)
        result = ADAPTERS[source.adapter](source, params)
        if result.rows_read == 0:   # (a header and nothing under it: an empty template sent back)
            raise InputError(source.file, "no data rows: there is nothing under the header; "
                             "send the filled file, or remove the source from the sources file")
        check_texts(source, result.rows, params.limits)
        (services if source.kind == "services" else notes).append(result.rows)
        rejects.extend(result.rejects)
        choices.extend(result.choices)
        accounting.append(_account(source, result))
        a = accounting[-1]
        print(f"[ingest] {source.id}: read {a['rows_read']}, kept {a['rows_kept']}, "
              f"rejected {a['rows_rejected']}{_reasons(result.rejects)} -> "
              f"{a['records_out']} {source.kind} records")
        for note in result.notes:
            print(f"[ingest] {source.id}: {note}")

    services_df = pd.concat(services, ignore_index=True)
    notes_df = (pd.concat(notes, ignore_index=True) if notes
                else pd.DataFrame({c: pd.Series(dtype="object") for c in NOTE_COLUMNS}))
    choices_df = pd.DataFrame(choices, columns=CHOICE_COLUMNS).astype(str)
    notes_df, choices_df, key = pseudonymise_respondents(notes_df, choices_df)
    rejects_df = pd.DataFrame(rejects, columns=REJECT_COLUMNS)

    inputs = [s.file for s in cfg.sources]
    buf = io.StringIO()
    key.to_csv(buf, index=False, quoting=csv.QUOTE_NONNUMERIC)
    storage.write_private(out.respondent_key, buf.getvalue())
    storage.write_table(out.services_raw, services_df[list(SERVICE_COLUMNS)], inputs, "ingest")
    storage.write_table(out.notes_raw, notes_df[list(NOTE_COLUMNS)], inputs, "ingest")
    storage.write_table(out.survey_choices, choices_df, inputs, "ingest")
    storage.write_table(out.ingest_rejects, rejects_df, inputs, "ingest")
    summary = {"label": cfg.label, "illustrative": cfg.illustrative, "sources": accounting}
    storage.write_json(out.ingest_accounting, summary)
    return summary
