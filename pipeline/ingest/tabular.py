"""Adapters for a submitter's own table of services or of consultation notes.

Formats, by file extension: delimited text (.csv, .tsv, .txt: delimiter and encoding
detected), Excel (.xlsx, first sheet), JSON Lines (.jsonl, .ndjson) and JSON (.json: a list
of objects, or nested records found by ``options.records``, e.g. ``'*.entries[*]'``: each
value of the top-level object, then each item of its ``entries`` list, the object's key
readable as the field ``_key``; mapped columns are then dotted paths such as
``contact.phones``). Each submitter names its columns differently, so ``options.columns`` in
the sources file maps the project's field names (keys of ``SERVICE_FIELDS`` /
``NOTE_FIELDS``) to the file's column names. Cells are read as text, so
phone numbers and IDs keep leading zeros and ``+``.

Rows are rejected with a reason (never dropped silently) when malformed (ragged, not valid
JSON, an XLSX formula without a stored value), when a field holds a JSON object where text
belongs (``wrong_type``; a list of texts in a text field is joined with '; '), when the source
key is empty or repeated, or when a service has no name. Raises
:class:`~pipeline.config.InputError` for a file that is missing, empty, binary, corrupt or
lacks a mapped column.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationInfo, model_validator

from pipeline import schema
from pipeline.config import Source
from pipeline.ingest.common import (
    ERROR,
    LINE,
    NOTE_COLUMNS,
    SERVICE_COLUMNS,
    AdapterResult,
    conform,
    parse_records_path,
    read_table_file,
    reject,
    scalar_text,
    split_list,
)

# Fields a services or notes table may map (pipeline/schema.py, ``mappable``), with their
# types; list fields are split on ; , | or newlines. Notes map their own key, which becomes
# the project's note_id.
SERVICE_FIELDS = schema.mappable("services_raw")
NOTE_FIELDS = {"source_key": "string", **schema.mappable("notes_raw")}
REQUIRED = {"services": ("source_key", "service_name"),
            "notes": ("source_key", "respondent", "text_original")}


class TabularOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")
    columns: dict[str, str]
    # How this submitter writes numeric dates (03/04/2025): day first, month first, or unknown
    # (then ambiguous dates are flagged, not guessed).
    date_order: Literal["", "dmy", "mdy"] = ""
    # .json files only: where the records are (ingest.common.RECORDS_SYNTAX; '' = a top-level
    # list of objects). Mapped columns are then dotted paths into a record, or '_key'.
    records: str = ""
    # A record without a name takes it from this mapped field (e.g. 'organization_name'),
    # declared here and counted in the accounting, never silently.
    name_from: str = ""

    @model_validator(mode="after")
    def _known_fields(self, info: ValidationInfo):
        kind = (info.context or {}).get("kind", "services")
        allowed = SERVICE_FIELDS if kind == "services" else NOTE_FIELDS
        unknown = sorted(set(self.columns) - set(allowed))
        if unknown:
            raise ValueError(f"unknown field(s) in columns: {unknown}; allowed: {sorted(allowed)}")
        missing = [f for f in REQUIRED[kind] if f not in self.columns]
        if missing:
            raise ValueError(f"columns must map {missing}")
        if self.name_from and (kind != "services" or self.name_from not in self.columns):
            raise ValueError(f"name_from {self.name_from!r} must be a field mapped in columns "
                             "(services only)")
        if self.records:
            parse_records_path(self.records)  # a bad path fails when the sources file loads
        return self


def _value(value, kind: str):
    """A cell as the field's type, or None when it holds a JSON object (or a list of them)
    where texts belong: such a row is rejected ('wrong_type'), never stored as a repr."""
    if isinstance(value, str):  # nearly every cell (what scalar_text returns for it)
        return split_list(value.strip()) if kind.startswith("list") else value.strip()
    if isinstance(value, list):
        items = [scalar_text(v) for v in value]
        if any(v is None for v in items):
            return None
        items = [v.strip() for v in items if v.strip()]
        return items if kind.startswith("list") else "; ".join(items)
    text = scalar_text(value)
    if text is None:
        return None
    return split_list(text.strip()) if kind.startswith("list") else text.strip()


SUMMARY_ROW = re.compile(r"(?:sub)?totals?|sum|summe|gesamt|totale|totaal|somme|suma|soma|итого",
                         re.IGNORECASE)


def _names_a_service(name: str) -> bool:
    """A service name has a letter and is no table's total ('----', 'TOTAL', 'Total:'): a
    spreadsheet's separator or footer row is no service."""
    shown = "".join(c for c in name if not c.isspace() and unicodedata.category(c) != "Cf")
    return (not shown or bool(re.search(r"[^\W\d_]", name))) \
        and not SUMMARY_ROW.fullmatch(name.strip(" :.").strip())   # (an invisible name: standardise's)


def _read(source: Source, fields: dict[str, str], columns: dict[str, str]) -> AdapterResult:
    opts = source.parse_options(TabularOptions)
    df = read_table_file(source.file, list(dict.fromkeys(opts.columns.values())), opts.records)
    records, rejects, seen, named = [], [], {}, 0
    # Column lists, not df.to_dict(): the same values, a fraction of the time at 100k rows.
    columns_in = {field: df[col].tolist() for field, col in opts.columns.items()}
    for i, (line, error) in enumerate(zip(df[LINE].tolist(), df[ERROR].tolist())):
        line = int(line)
        rec = {"source_id": source.id, "source_row": line, "date_order": opts.date_order}
        for field, values in columns_in.items():
            rec[field] = _value(values[i], fields[field])
        wrong = [f"{field}: a JSON object" for field in columns_in if rec[field] is None]
        if opts.name_from and not wrong and not rec["service_name"] and rec[opts.name_from]:
            rec["service_name"], named = rec[opts.name_from], named + 1
        key = rec["source_key"] or ""
        empty = [f for f in REQUIRED[source.kind] if not rec[f]]
        if error:
            reason, _, detail = error.partition(": ")
            rejects.append(reject(source.id, line, key, reason, detail))
        elif wrong:
            rejects.append(reject(source.id, line, key, "wrong_type", "; ".join(wrong)))
        elif empty:
            rejects.append(reject(source.id, line, key, f"missing_{empty[0]}"))
        elif source.kind == "services" and (not _names_a_service(rec["service_name"])
                                            or SUMMARY_ROW.fullmatch(key.strip(" :."))):
            rejects.append(reject(source.id, line, key, "not_a_service",
                                  f"service name {rec['service_name'][:40]!r}: a separator or total row"))
        elif key in seen:
            rejects.append(reject(source.id, line, key, "duplicate_source_key",
                                  f"same key as line {seen[key]}"))
        else:
            seen[key] = line
            records.append(rec)
    notes = [f"{named} record(s) without a name named from {opts.name_from}"] if named else []
    return AdapterResult(rows=conform(records, columns), rows_read=len(df), rejects=rejects,
                         notes=notes)


def read_services(source: Source, params) -> AdapterResult:
    return _read(source, SERVICE_FIELDS, SERVICE_COLUMNS)


def read_notes(source: Source, params) -> AdapterResult:
    result = _read(source, NOTE_FIELDS, {**NOTE_COLUMNS, "source_key": "string"})
    rows = result.rows
    # Submitters' own note IDs stay as source keys; note_id is the project's, source-scoped.
    rows["note_id"] = [f"{source.id}-{k}" for k in rows["source_key"]]
    result.rows = rows.drop(columns="source_key")
    return result
