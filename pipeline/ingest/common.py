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

from pipeline import schema
from pipeline.config import InputError

# Columns and types of the tables ingest writes, from their one declaration in
# pipeline/schema.py: services_raw (one row per raw service record; lists of texts and
# texts, '' when absent), notes_raw (one row per free-text answer; respondent identifiers,
# timestamps, user agents and free-text locations are never among them) and the rejects.
SERVICE_COLUMNS = schema.dtypes("services_raw")
NOTE_COLUMNS = schema.dtypes("notes_raw")
CHOICE_COLUMNS = schema.columns("survey_choices")
REJECT_COLUMNS = schema.columns("ingest_rejects")


@dataclass
class AdapterResult:
    rows: pd.DataFrame
    rows_read: int
    rejects: list[dict] = field(default_factory=list)
    # Options ticked in multi-select questions (survey sources only): columns of
    # schema 'survey_choices', with the raw respondent ID until ingest pseudonymises it.
    choices: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # printed by ingest, e.g. names derived
    # question_id -> the question's English wording, where the source gives it (survey
    # sources with a question dictionary); published with the source's accounting.
    questions: dict[str, str] = field(default_factory=dict)


def reject(source_id: str, row: int, key: str, reason: str, detail: str = "", stage: str = "ingest") -> dict:
    return {"source_id": source_id, "source_row": int(row), "source_key": str(key),
            "stage": stage, "reason": reason, "detail": detail}


# Control characters (NUL, escape, backspace...) carry no text; newline, carriage return and
# tab are kept (line breaks inside a cell are the submitter's).
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def strip_controls(value):
    """A text (or list of texts) without control characters other than newline and tab."""
    if isinstance(value, str):
        return CONTROL.sub("", value) if CONTROL.search(value) else value
    if isinstance(value, list):
        return [strip_controls(v) for v in value]
    return value


def conform(records: list[dict], columns: dict[str, str]) -> pd.DataFrame:
    """Build a frame with exactly ``columns`` (name -> schema type), filling absent values
    ('' or [] or 0); control characters are removed from texts."""
    out = {}
    for col, kind in columns.items():
        default = schema.empty_value(kind)
        out[col] = [strip_controls(r[col]) if r.get(col) is not None else default
                    for r in records]
    df = pd.DataFrame(out, columns=list(columns))
    for col, kind in columns.items():
        if kind == "string":
            df[col] = df[col].astype(str)
        elif kind == "int64":
            df[col] = df[col].astype("int64")
    return df


# ';', ',', '|', a line break, or a slash between spaces ('0800 1111 / 116 111', 'Chat / SMS'):
# a slash without spaces stays, as it is part of numbers and links ('030/1234567').
LIST_SEPARATORS = re.compile(r"[;,|\n]|\s+/\s+")


def split_list(value: str, separators: str | re.Pattern = LIST_SEPARATORS) -> list[str]:
    """Split a submitter's list cell ('Phone; WhatsApp, web chat') into stripped items."""
    if not value:
        return []
    pattern = separators if isinstance(separators, re.Pattern) else re.compile(separators)
    return [p.strip() for p in pattern.split(value) if p.strip()]


# Containers that are not text whatever their name: zip (XLSX, ODS), PDF, OLE (XLS), PNG, gzip.
_BINARY_MAGIC = (b"PK\x03\x04", b"%PDF", b"\xd0\xcf\x11\xe0", b"\x89PNG", b"\x1f\x8b")


def looks_binary(head: bytes) -> bool:
    """Whether a file's first bytes are not text: a known container's magic number, or more
    than 5 % control bytes other than whitespace (random or compressed bytes have about 10 %).
    A stray NUL in a text cell is not enough: the cell cleaner removes it, wherever it is."""
    if head.startswith(_BINARY_MAGIC):
        return True
    odd = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return odd > 0.05 * len(head)


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
    if looks_binary(raw[:4096]) and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(path, "looks like a binary file, not text")
    for enc in ("utf-8-sig", "utf-16") if raw.startswith((b"\xff\xfe", b"\xfe\xff")) else ("utf-8-sig",):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes  # only for files that are not UTF-8

    matches = list(from_bytes(raw))
    if not matches:
        raise InputError(path, "text encoding could not be detected")
    # Western European files are far more common here than Central European ones, and
    # cp1250 is a frequent wrong guess for Spanish or Portuguese cp1252 ('nińos').
    western = [m for m in matches if m.encoding in ("cp1252", "latin_1", "iso8859_15")]
    if western or any(m.encoding in ("cp1250", "iso8859_2") for m in matches):
        try:
            return raw.decode("cp1252")
        except UnicodeDecodeError:
            pass
    return str(matches[0])


LINE, ERROR = "_line", "_error"  # added columns: source line, and why a row is malformed
DELIMITERS = (",", ";", "\t", "|")


def _check_columns(path: Path, df: pd.DataFrame, required) -> pd.DataFrame:
    df.columns = [str(c).strip().lstrip("\ufeff") for c in df.columns]
    missing = [c for c in required if c not in df.columns]
    if missing:
        found = [c for c in df.columns if c not in (LINE, ERROR)]
        raise InputError(path, f"missing required column(s) {missing}; found {found}")
    names = list(df.columns)
    twice = sorted({c for c in required if names.count(c) > 1})
    if twice:
        raise InputError(path, f"column name(s) {twice} appear more than once in the header: "
                               "which one holds the data is unclear; rename one")
    return df


def scalar_text(value) -> str | None:
    """A cell's value as text, as a person reads it: None -> '', a whole number stored as a
    real number (4402071234567.0, 1.0) -> its digits, a date -> ISO; None for a JSON object or
    list, which is not a text."""
    from datetime import date, datetime

    if isinstance(value, str):  # nearly every cell: first
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() \
            else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (dict, list, tuple)):
        return None
    return str(value)


def read_csv(path: Path, required: list[str]) -> pd.DataFrame:
    """Read a delimited text file as text cells (leading zeros and '+' survive).

    The encoding is detected (:func:`read_text`); the delimiter is the one of , ; tab |
    most frequent in the header line. Returns the file's columns plus ``_line`` (line where
    the row starts, header = 1) and ``_error`` ('' or why the row is malformed, e.g. a ragged
    row); raises InputError for a file with no header or without a required column.
    """
    import csv
    import io

    text = read_text(path)
    header_line = text.split("\n", 1)[0]
    sep = max(DELIMITERS, key=header_line.count)
    csv.field_size_limit(1 << 30)  # a 1 MB description is data, not an error
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    try:
        header = next(reader)
    except StopIteration:
        raise InputError(path, "file is empty") from None
    records, start, last_row = [], reader.line_num + 1, []
    try:
        for row in reader:
            last_row = row
            if len(row) > len(header) and not any(c.strip() for c in row[len(header):]):
                row = row[: len(header)]  # trailing delimiters (spreadsheet exports) add nothing
            if not row:  # a blank line is not a row
                start = reader.line_num + 1
                continue
            if not any(cell.strip() for cell in row):
                error = "empty_row: every cell is empty"
            elif len(row) != len(header):
                error = f"ragged_row: {len(row)} fields, header has {len(header)}"
            else:
                error = _swallowed_rows(row, sep, len(header), start, reader.line_num)
            cells = (row + [""] * len(header))[: len(header)]
            records.append([*cells, start, error])
            start = reader.line_num + 1
    except csv.Error as e:
        raise InputError(path, f"not a readable CSV table at line {reader.line_num}: {e}") from None
    if records and _runs_to_eof(last_row, text):
        raise InputError(path, f"a quote opened at line {records[-1][-2]} is never closed: the "
                               "rest of the file would be one cell")
    df = pd.DataFrame(records, columns=[*header, LINE, ERROR], dtype=object)
    return _check_columns(path, df, required)


def _swallowed_rows(cells: list[str], sep: str, width: int, first: int, last: int) -> str:
    """'' or why the row is a stray quote's work: a quote that opens a cell and closes only
    rows later makes one cell of several rows, and the row still has the header's width, so
    it would pass as a record with the swallowed rows lost. Taken as that case: a cell whose
    lines tile whole rows (its first line holds the rest of its own row's delimiters, each
    middle line a whole row's, its last line the delimiters before the cell's column), which
    a genuine multi-line description almost never does."""
    for col, cell in enumerate(cells):
        lines = cell.split("\n")
        if len(lines) < 2:
            continue
        counts = [line.count(sep) for line in lines]
        if (counts[0] == width - 1 - col and counts[-1] == col
                and all(c == width - 1 for c in counts[1:-1])):
            return (f"swallowed_rows: a quote opened in this row closes only at line {last}, "
                    f"so lines {first}-{last} became one record; fix the stray quote and resend")
    return ""


def _runs_to_eof(cells: list, text: str) -> bool:
    """An unclosed quote swallows the rest of the file into the row's last cell: that cell
    (the last one read, not the last filled: a multi-line cell followed by empty ones was
    closed) spans lines, and the file does not end with the closing quote."""
    return bool(cells) and "\n" in str(cells[-1]) and not text.rstrip().endswith('"')


def read_xlsx(path: Path, required: list[str], sheet_name: str | None = None) -> pd.DataFrame:
    """The sheet ``sheet_name`` of an Excel workbook, or the first that holds the mapped
    columns (else the first), as text cells, with
    ``_line`` (the sheet's row) and ``_error``.

    Numbers read as their digits (a phone stored as a number, 4402071234567, keeps every
    digit), dates as ISO dates. A merged range holds its top-left value in every cell it
    covers (an organisation written once beside its services). A formula is read as the value
    the spreadsheet stored for it; a formula without a stored value (a workbook written by a
    program, never opened in a spreadsheet) makes its row malformed ('formula'). Empty rows are
    skipped, like blank lines in a CSV file.
    """
    from openpyxl import load_workbook

    if not Path(path).exists():
        raise InputError(path, "file not found")
    try:
        book = load_workbook(path)
        if sheet_name is not None and sheet_name not in book.sheetnames:
            raise InputError(path, f"no sheet named {sheet_name!r}; sheets: {book.sheetnames}")
        sheet = book[sheet_name] if sheet_name else _sheet_with(book, required)
        cells = [list(row) for row in sheet.iter_rows()]
        formulas = {(c.row, c.column): c for row in cells for c in row if c.data_type == "f"}
        cached = {}
        if formulas:  # the values a spreadsheet stored for its formulas
            values = load_workbook(path, data_only=True)[sheet.title]
            cached = {k: values.cell(*k).value for k in formulas}
    except InputError:
        raise
    except Exception as e:  # openpyxl raises many types for corrupt files
        raise InputError(path, f"not a readable XLSX workbook: {type(e).__name__}: {e}") from None
    grid = [[cached.get((c.row, c.column)) if (c.row, c.column) in formulas else c.value
             for c in row] for row in cells]
    for merged in sheet.merged_cells.ranges:
        top_left = grid[merged.min_row - 1][merged.min_col - 1]
        for r in range(merged.min_row - 1, merged.max_row):
            for c in range(merged.min_col - 1, merged.max_col):
                grid[r][c] = top_left
    if not grid:
        raise InputError(path, "the first sheet is empty")
    top = _header_index(grid, required) or 0   # (none: the first row, its missing columns reported)
    header = [f"Unnamed: {i}" if v is None else str(v) for i, v in enumerate(grid[top])]
    records = []
    for line, row in enumerate(grid[top + 1:], start=top + 2):
        texts = [(scalar_text(v) or "").strip() for v in row]
        if not any(texts):
            continue
        unknown = [f"{cells[line - 1][i].coordinate} {cells[line - 1][i].value}"
                   for i, v in enumerate(row) if (line, i + 1) in formulas and v is None]
        error = f"formula: {'; '.join(unknown)[:200]} (no stored value)" if unknown else ""
        records.append([*texts, line, error])
    df = pd.DataFrame(records, columns=[*header, LINE, ERROR], dtype=object)
    return _check_columns(path, df, required)


HEADER_SEARCH = 20   # rows of a sheet searched for its header below a title or a note


def _sheet_with(book, required: list[str]):
    """The first sheet whose first :data:`HEADER_SEARCH` rows hold every mapped column (a
    workbook that opens on a cover or notes sheet), else the first sheet (whose missing
    columns are then reported)."""
    for sheet in book.worksheets:
        rows = list(sheet.iter_rows(max_row=HEADER_SEARCH, values_only=True))
        if _header_index(rows, required) is not None:
            return sheet
    return book.worksheets[0]


def _header_index(grid: list, required: list[str]) -> int | None:
    """Index of the first row (of the first :data:`HEADER_SEARCH`) that holds every mapped
    column, so that a title, a date or a note written above the table ('Brightwave reporting
    tools, updated May') is no header; None when no row does."""
    wanted = {c.strip() for c in required}
    return next((i for i, row in enumerate(grid[:HEADER_SEARCH])
                 if wanted <= {str(v).strip() for v in row if v is not None}), None)


def read_jsonl(path: Path, required: list[str]) -> pd.DataFrame:
    """JSON Lines: one object per line; a line that is not an object is kept as a malformed row."""
    import json

    records = []
    for n, line in enumerate(read_text(path).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            error = "" if isinstance(obj, dict) else "not_a_json_object"
        except json.JSONDecodeError as e:
            obj, error = {}, f"invalid_json_line: {e.msg}"
        obj = obj if isinstance(obj, dict) else {}
        # Lists and objects stay as they are: the adapter joins lists of texts and rejects an
        # object where a text belongs (never stored as its Python repr).
        records.append({**{k: v if isinstance(v, (list, dict)) else scalar_text(v)
                           for k, v in obj.items()}, LINE: n, ERROR: error})
    df = pd.DataFrame(records).fillna("")
    if df.empty:
        raise InputError(path, "no JSON lines found")
    return _check_columns(path, df, required)


# ------------------------------------------------------------------- JSON through a mapping
KEY = "_key"  # the key of the object a '*' step went through ('_key2' for a second one...)
RECORDS_SYNTAX = ("a records path: steps separated by '.'; '*' = each value of an object "
                  "(its key becomes the field '_key', then '_key2'...), 'name' = the value "
                  "under 'name', 'name[*]' = each item of the list under 'name', '[*]' = each "
                  "item of a top-level list; e.g. '*.entries[*]'")
_STEP = re.compile(r"^(?:(\*)|([^\[\]*]+)?(\[\*\])?)$")


def parse_records_path(records: str) -> list[tuple[str, str]]:
    """``'*.entries[*]'`` -> ``[('each_value', ''), ('key', 'entries'), ('each_item', '')]``;
    '' (a top-level list of objects) -> ``[('each_item', '')]``. Raises ValueError naming the
    bad step and the syntax (:data:`RECORDS_SYNTAX`)."""
    steps: list[tuple[str, str]] = []
    for part in (records.split(".") if records.strip() else ["[*]"]):
        m = _STEP.match(part.strip())
        if not part.strip() or not m or not (m.group(1) or m.group(2) or m.group(3)):
            raise ValueError(f"records path {records!r}: step {part!r} not understood; "
                             f"expected {RECORDS_SYNTAX}")
        if m.group(1):
            steps.append(("each_value", ""))
            continue
        if m.group(2):
            steps.append(("key", m.group(2).strip()))
        if m.group(3):
            steps.append(("each_item", ""))
    return steps


def _walk(node, steps, keys: tuple, where: str):
    """Yield (record, parent keys) for each object the steps lead to; raises ValueError
    naming the place (a JSON path) where the shape differs from the path."""
    if not steps:
        yield node, keys
        return
    (step, name), rest = steps[0], steps[1:]
    if step == "each_value":
        if not isinstance(node, dict):
            raise ValueError(f"'*' expects an object at {where}, found {_kind(node)}")
        for k, v in node.items():
            yield from _walk(v, rest, (*keys, k), f"{where}.{k}")
    elif step == "key":
        if not isinstance(node, dict):
            raise ValueError(f"'{name}' expects an object at {where}, found {_kind(node)}")
        if name not in node:  # an entry without the list has no records: nothing is lost
            return
        yield from _walk(node[name], rest, keys, f"{where}.{name}")
    else:
        if not isinstance(node, list):
            raise ValueError(f"'[*]' expects a list at {where}, found {_kind(node)}")
        for i, v in enumerate(node):
            yield from _walk(v, rest, keys, f"{where}[{i}]")


def _kind(node) -> str:
    if isinstance(node, dict):
        return f"an object with keys {list(node)[:8]}"
    if isinstance(node, list):
        return f"a list of {len(node)} item(s)"
    return f"a {type(node).__name__} ({str(node)[:40]!r})"


def json_field(record, path: str):
    """The value at a dotted ``path`` in a record ('contact.phones'); a list met on the way
    is followed into each of its items (lists of values result); None when absent."""
    node = record
    for part in path.split("."):
        if isinstance(node, list):
            items = [json_field(item, part) for item in node]
            node = [x for item in items if item is not None
                    for x in (item if isinstance(item, list) else [item])]
        elif isinstance(node, dict):
            node = node.get(part)
        else:
            return None
        if node is None:
            return None
    return node


def read_json(path: Path, required: list[str], records: str = "") -> pd.DataFrame:
    """A JSON file's records, found by ``records`` (:data:`RECORDS_SYNTAX`; '' = a top-level
    list of objects), as a frame with one column per name in ``required`` (a dotted path into
    the record, or ``_key``...: the keys of the objects a '*' went through), plus ``_line``
    (the record's 1-based position) and ``_error`` ('not_a_json_object' for an item that is
    not an object). Lists stay lists (the adapter joins lists of texts). Raises InputError
    naming the file when it is not JSON, or its shape does not follow ``records``."""
    import json

    try:
        data = json.loads(read_text(path))
    except json.JSONDecodeError as e:
        raise InputError(path, f"not valid JSON: {e.msg} at line {e.lineno}") from None
    try:
        steps = parse_records_path(records)
        found = list(_walk(data, steps, (), "$"))
    except ValueError as e:
        hint = ("" if records else "; this file needs options.records, e.g. '*.entries[*]' "
                "(services_table/notes_table, " + RECORDS_SYNTAX + ")")
        raise InputError(path, f"{e}{hint}") from None
    if not found:
        raise InputError(path, f"records path {records or '[*]'!r} leads to no record")
    rows = []
    for n, (rec, keys) in enumerate(found, start=1):
        key_fields = {KEY if i == 0 else f"{KEY}{i + 1}": k for i, k in enumerate(keys)}
        error = "" if isinstance(rec, dict) else f"not_a_json_object: found {_kind(rec)}"
        rec = rec if isinstance(rec, dict) else {}
        row = {}
        for col in required:
            value = key_fields[col] if col in key_fields else json_field(rec, col)
            row[col] = value if isinstance(value, (list, dict)) else scalar_text(value)
        rows.append({**row, LINE: n, ERROR: error})
    missing = [c for c in required if c not in (KEY,) and not c.startswith(KEY)
               and all(json_field(r, c) is None for r, _ in found if isinstance(r, dict))]
    if missing:
        sample = next((r for r, _ in found if isinstance(r, dict)), {})
        raise InputError(path, f"no record has the mapped field(s) {missing}; a record's "
                               f"fields: {sorted(sample)[:20]}")
    return pd.DataFrame(rows, columns=[*required, LINE, ERROR])


# Extensions each reader takes, and which adapters reach it (for the error on any other).
READERS = {(".csv", ".tsv", ".txt"): "delimited text", (".xlsx", ".xlsm"): "Excel",
           (".jsonl", ".ndjson"): "JSON Lines", (".json",): "JSON (with options.records)"}


def read_table_file(path: Path, required: list[str], records: str = "") -> pd.DataFrame:
    """Dispatch on the file extension (:data:`READERS`): .xlsx, .jsonl/.ndjson, .json (its
    records found by ``records``, :func:`read_json`), .csv/.tsv/.txt; any other extension
    raises InputError naming the file, the extension and what reads it."""
    suffix = Path(path).suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx(path, required)
    if suffix in (".jsonl", ".ndjson"):
        return read_jsonl(path, required)
    if suffix == ".json":
        return read_json(path, required, records)
    if suffix in (".csv", ".tsv", ".txt"):
        return read_csv(path, required)
    known = "; ".join(f"{'/'.join(ext)}: {what}" for ext, what in READERS.items())
    raise InputError(path, f"extension {suffix or '(none)'!r} is not read by services_table/"
                           f"notes_table ({known}); chi_directory_json reads the CHI directory "
                           "JSON, hsds_datapackage an HSDS datapackage.json")
