"""Shared shapes and helpers for ingestion adapters.

Every adapter turns one raw file into an :class:`AdapterResult`: the tidy rows, the rows it
rejected (each with a reason code) and how many raw rows it read, so that
``rows_read == rows_kept + rows_rejected`` can be checked per source.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from pipeline.config import InputError

# Columns of data/interim/services_raw.parquet (one row per raw service record).
# List columns hold lists of str; every other column is str ('' when absent).
SERVICE_COLUMNS = {
    "source_id": "str", "source_row": "int", "source_key": "str",
    "organization_name": "str", "service_name": "str", "description": "str",
    "country_raw": "str", "service_kind_raw": "str", "hours_raw": "str",
    "min_age_raw": "str", "max_age_raw": "str", "source_url": "str",
    "channel_labels": "list", "evidence_lines": "list", "languages_raw": "list",
    "phones": "list", "sms": "list", "whatsapp": "list", "emails": "list",
    "websites": "list", "chat_urls": "list", "social_urls": "list",
}

# Columns of data/interim/notes_raw.parquet (one row per free-text answer). Respondent
# identifiers, timestamps, user agents and free-text locations are never among them.
NOTE_COLUMNS = {
    "note_id": "str", "source_id": "str", "source_row": "int", "respondent": "str",
    "question_id": "str", "language_raw": "str", "text_original": "str", "text_en": "str",
    "country_raw": "str", "age_band": "str", "gender": "str",
}

REJECT_COLUMNS = ["source_id", "source_row", "source_key", "stage", "reason", "detail"]


@dataclass
class AdapterResult:
    rows: pd.DataFrame
    rows_read: int
    rejects: list[dict] = field(default_factory=list)


def reject(source_id: str, row: int, key: str, reason: str, detail: str = "", stage: str = "ingest") -> dict:
    return {"source_id": source_id, "source_row": int(row), "source_key": str(key),
            "stage": stage, "reason": reason, "detail": detail}


def conform(records: list[dict], columns: dict[str, str]) -> pd.DataFrame:
    """Build a frame with exactly ``columns``, filling absent values ('' or [])."""
    out = {}
    for col, kind in columns.items():
        default = [] if kind == "list" else (0 if kind == "int" else "")
        out[col] = [r.get(col, default) if r.get(col) is not None else default for r in records]
    df = pd.DataFrame(out, columns=list(columns))
    for col, kind in columns.items():
        if kind == "str":
            df[col] = df[col].astype(str)
        elif kind == "int":
            df[col] = df[col].astype("int64")
    return df


def split_list(value: str, separators: str = r"[;,|\n]") -> list[str]:
    """Split a submitter's list cell ('Phone; WhatsApp, web chat') into stripped items."""
    if not value:
        return []
    return [p.strip() for p in re.split(separators, value) if p.strip()]


def read_text(path: Path) -> str:
    """Read a text file, detecting its encoding; raises InputError for missing or binary files."""
    path = Path(path)
    if not path.exists():
        raise InputError(path, "file not found")
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise InputError(path, f"cannot be read: {e.strerror}") from None
    if not raw.strip():
        raise InputError(path, "file is empty")
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(path, "looks like a binary file, not text")
    for enc in ("utf-8-sig", "utf-16") if raw.startswith((b"\xff\xfe", b"\xfe\xff")) else ("utf-8-sig",):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes  # only for files that are not UTF-8

    best = from_bytes(raw).best()
    if best is None:
        raise InputError(path, "text encoding could not be detected")
    return str(best)


def read_csv(path: Path, required: list[str]) -> pd.DataFrame:
    """Read a CSV as text (IDs and phone numbers keep leading zeros and '+'); check columns."""
    import csv
    import io

    text = read_text(path)
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t")
        sep = dialect.delimiter
    except csv.Error:
        sep = ","
    try:
        df = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False,
                         na_filter=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as e:
        raise InputError(path, f"not a readable CSV table: {e}") from None
    df.columns = [str(c).strip() for c in df.columns]
    missing = [c for c in required if c not in df.columns]
    if missing:
        raise InputError(path, f"missing required column(s) {missing}; found {list(df.columns)}")
    return df
