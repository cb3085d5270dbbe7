"""Returned advisor workbooks, read the same way by the coding review (:mod:`pipeline.review`)
and the findings review (:mod:`pipeline.findings.feedback`).

A folder of returned sheets holds one ``<pseudonym>.xlsx`` per reviewer (the file name is the
reviewer's identity; dotfiles, Excel's ``~$`` lock files and a README are ignored; sub-folders
are not read, so ``data/raw/reviews/findings/`` is never taken for coding sheets). Every
problem becomes a reject row (:func:`reject`: file, sheet, cell, row, reason and a message
saying what to do); a bad row never stops a run, a file that is not the expected sheet at all
is one reject with row 0.
"""
from __future__ import annotations

import re
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pipeline import schema

REVIEWER = re.compile(schema.REVIEWER)
IGNORED = re.compile(r"^(?:\.|~\$)|^README", re.I)  # dotfiles, Excel lock files, a README


def reject(file: str, reason: str, message: str, sheet: str = "", cell: str = "",
           row: int = 0) -> dict:
    """One reject row: source_file, sheet, cell, source_row, reason, and the message
    '<file>, sheet '<sheet>', <cell or row N>: <message>'."""
    where = f", sheet '{sheet}'" if sheet else ""
    where += f", {cell}" if cell else (f", row {row}" if row else "")
    return {"source_file": file, "sheet": sheet, "cell": cell, "source_row": row,
            "reason": reason, "message": f"{file}{where}: {message}"}


def returned_files(folder: Path) -> list[Path]:
    """The files of ``folder`` a reviewer returned, sorted (absent folder: none)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and not IGNORED.match(p.name))


@dataclass
class Sheet:
    """An opened returned sheet: the worksheet, the reviewer (the file name), the ISO date the
    workbook was last saved ('' unknown) and its merged ranges by row."""

    ws: object
    reviewer: str
    reviewed_on: str
    merged: dict[int, str]


def open_sheet(path: Path, sheet: str, headers: list[str], pack: str) -> Sheet | dict:
    """The sheet named ``sheet`` of the returned workbook ``path`` whose row 1 starts with
    ``headers``, or a reject (row 0) naming what is wrong: not .xlsx, a file name that is not a
    pseudonym, not a workbook, no such sheet, another header. ``pack``: the file the reviewer
    was sent (said in the messages)."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    name, reviewer = path.name, path.stem
    if path.suffix.lower() != ".xlsx":
        return reject(name, "wrong_file_type", f"a '{path.suffix or 'no'}' file is not a review "
                      "sheet: save it from Excel or LibreOffice as 'Excel workbook (.xlsx)' and "
                      "put that file here instead")
    if not REVIEWER.match(reviewer):
        return reject(name, "bad_file_name", "the file name is the reviewer's pseudonym: rename "
                      "it to letters, digits, '-' or '_' (at most 32), e.g. A1.xlsx")
    try:
        with warnings.catch_warnings():  # "Data Validation extension is not supported": harmless
            warnings.simplefilter("ignore", UserWarning)
            wb = load_workbook(path, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as e:
        return reject(name, "wrong_file_type", f"cannot be opened as an .xlsx workbook "
                      f"({type(e).__name__}): save it again as 'Excel workbook (.xlsx)'")
    if sheet not in wb.sheetnames:
        return reject(name, "not_a_review_sheet", f"no sheet named '{sheet}': return the pack's "
                      f"{pack}, renamed, with its sheets as they were")
    ws = wb[sheet]
    if [str(c.value or "").strip() for c in ws[1]][:len(headers)] != headers:
        return reject(name, "bad_header", f"row 1 is not the pack's header ({', '.join(headers)}):"
                      " columns were inserted, deleted or renamed; copy the decisions into a "
                      "fresh pack", sheet=sheet, cell="A1")
    saved = wb.properties.modified or wb.properties.created
    merged: dict[int, str] = {}
    for rng in ws.merged_cells.ranges:
        for r in range(rng.min_row, rng.max_row + 1):
            merged.setdefault(r, str(rng.coord))
    return Sheet(ws, reviewer, saved.date().isoformat() if saved else "", merged)


def filled_rows(sheet: Sheet, n_columns: int) -> Iterator[tuple[int, tuple]]:
    """(row number, cells) of every row below the header with a value or a merged range."""
    for row in sheet.ws.iter_rows(min_row=2, max_col=n_columns):
        r = row[0].row
        if r in sheet.merged or any(c.value not in (None, "") for c in row):
            yield r, row


def text(cell) -> str:
    """A cell's value as stripped text ('' for an empty cell)."""
    return "" if cell.value is None else str(cell.value).strip()


def broken(sheet: Sheet, r: int, cells, keys: list[str]) -> tuple[str, str, str] | None:
    """(reason, message, column key or '') when row ``r`` has merged cells or a formula (its
    values cannot be trusted), else None. ``keys``: the column keys of ``cells``, in order."""
    if r in sheet.merged:
        return ("merged_cells", f"cells {sheet.merged[r]} are merged: unmerge them (Home > "
                "Merge & Center) and restore the row's values from the pack", "")
    for key, cell in zip(keys, cells):
        if cell.data_type == "f":
            return ("formula", f"holds a formula ({str(cell.value)[:40]}): type the value "
                    "itself", key)
    return None


def print_rejects(rejects: pd.DataFrame, stage: str, table: Path, shown: int = 30) -> None:
    """Print rejects loudly: a count per reason, then the first ``shown`` messages."""
    counts = ", ".join(f"{k} {v}" for k, v in rejects["reason"].value_counts().items())
    print(f"[{stage}] WARNING: {len(rejects)} row(s) or file(s) NOT imported ({counts}); the "
          f"rest was. Fix them in the sheet and run make report again. All in {table}:")
    for m in rejects["message"].head(shown):
        print(f"[{stage}]   {m}")
    if len(rejects) > shown:
        print(f"[{stage}]   ... and {len(rejects) - shown} more")
