"""Stage 3, review-pack: the coding sheet advisors review, ``report/review/``.

- ``coding_sheet.xlsx`` (openpyxl), three sheets:

  - ``instructions``: what to do, how to return the sheet, and the codebook (ID, label,
    definition of every code);
  - ``coding``: one row per record and codebook dimension (:data:`COLUMNS`): record kind
    ('service'; coded notes will be 'note'), record ID, record name, dimension, the proposed
    code(s) and their evidence (field and text), then the reviewer's columns: decision
    (accept / change / comment, a drop-down), new code(s) (a drop-down of the dimension's
    codes), comment, reviewer. The machine columns are locked (sheet protection without a
    password: it prevents slips, not intent) and a hidden ``check`` column holds a hash of
    them, so an edited row is found on import (:func:`row_check`);
  - ``codes`` (hidden): one column per dimension listing its codes as ``CH01 phone``; the
    drop-downs refer to it, because Excel drops an inline list longer than 255 characters.

- ``index.html``: the same rows as a plain, accessible HTML table (no scripts).
- ``findings_sheet.xlsx`` and ``findings.html``: the findings feedback pack, one row per finding
  of ``report/findings.json`` (:mod:`pipeline.findings.feedback`, which reuses this module's
  sheet layout).

Reads ``data/processed/coded_segments.parquet`` (the machine proposals), ``services.parquet``
(record names), the codebook and ``report/findings.json``. Returned coding sheets are imported
by :mod:`pipeline.review`, findings sheets by :mod:`pipeline.findings.feedback`.
"""
from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd

from pipeline import storage
from pipeline.codebook import Codebook, load_codebook
from pipeline.paths import Outputs
from pipeline.schema import REVIEW_DECISIONS


@dataclass(frozen=True)
class Column:
    header: str
    key: str
    width: int
    editable: bool = False


# The coding sheet's columns, in order; pipeline.review reads them by these headers.
COLUMNS = (
    Column("record kind", "record_kind", 9),
    Column("record ID", "record_id", 38),
    Column("record name", "record_name", 32),
    Column("dimension", "dimension", 16),
    Column("proposed codes", "proposed", 28),
    Column("evidence (field: text)", "evidence", 70),
    Column("decision", "decision", 12, editable=True),
    Column("new code(s)", "new_codes", 24, editable=True),
    Column("comment", "comment", 40, editable=True),
    Column("reviewer", "reviewer", 12, editable=True),
    Column("check", "check", 18),  # hidden: hash of the machine columns
)
CODING_SHEET, CODES_SHEET, INSTRUCTIONS_SHEET = "coding", "codes", "instructions"
MACHINE_KEYS = ("record_kind", "record_id", "dimension", "proposed", "evidence")
NONE = "(none)"  # proposed codes of a dimension where nothing was found
SNIPPET = 160  # characters of one piece of evidence shown
CODE_SEPARATORS = ";,\n"


def letter(key: str, columns: tuple[Column, ...] = COLUMNS) -> str:
    """The column letter of ``key`` among ``columns`` (default the coding sheet's: A, B, ...)."""
    from openpyxl.utils import get_column_letter

    return get_column_letter([c.key for c in columns].index(key) + 1)


def row_check(row: dict, keys: tuple[str, ...] = MACHINE_KEYS) -> str:
    """A hash of a row's machine columns (``keys``, default :data:`MACHINE_KEYS`): 16 hex
    characters."""
    return storage.sha256_text("\x1f".join(str(row[k]) for k in keys))[:16]


def code_label(code) -> str:
    return f"{code.id} {code.slug}"


def _evidence_text(segments: pd.DataFrame) -> str:
    """One line per coded segment: 'CH01 phone: channel_labels: Phone'."""
    lines = []
    for s in segments.itertuples():
        text = s.evidence if len(s.evidence) <= SNIPPET else s.evidence[:SNIPPET] + "…"
        where = f"{s.field}: {text}" if s.field else "no cue found (fallback)"
        lines.append(f"{s.code_id} {s.code}: {where}")
    return "\n".join(dict.fromkeys(lines))


def review_rows(segments: pd.DataFrame, names: dict[str, str], codebook: Codebook,
                record_kind: str = "service") -> pd.DataFrame:
    """Rows of the coding sheet: every record of ``names`` (record ID -> name) times every
    codebook dimension, with the codes ``segments`` (coded segments of records of
    ``record_kind``, record ID in ``service_id``) propose and their evidence. Columns: the keys
    of :data:`COLUMNS`; reviewer columns empty."""
    by_unit = {k: g for k, g in segments.groupby(["service_id", "dimension"], sort=False)}
    rows = []
    for record_id, name in names.items():
        for dim in codebook.dimensions:
            seg = by_unit.get((record_id, dim.id), segments.iloc[:0])
            order = list(dict.fromkeys(seg["code_id"]))
            proposed = "; ".join(f"{c} {seg.loc[seg['code_id'] == c, 'code'].iloc[0]}"
                                 for c in order) or NONE
            row = {"record_kind": record_kind, "record_id": record_id, "record_name": name,
                   "dimension": dim.id, "proposed": proposed,
                   "evidence": _evidence_text(seg) if len(seg) else "",
                   "decision": "", "new_codes": "", "comment": "", "reviewer": ""}
            row = {k: v.strip() for k, v in row.items()}  # as the import reads cells
            rows.append({**row, "check": row_check(row)})
    return pd.DataFrame(rows, columns=[c.key for c in COLUMNS])


# The instructions sheet, one cell per line (formatted with the pack's title, columns ...).
INSTRUCTIONS = (
    "Advisor review of the machine coding ({title}, codebook {version})",
    "On the 'coding' sheet, each row is one record (a service) and one dimension of the "
    "codebook: the codes the machine proposes and the evidence it found (field: text).",
    "For each row you review, choose a decision (drop-down in column {decision}):",
    "  accept: the proposed codes are right (also when it says {none}: nothing applies).",
    "  change: the right codes are the ones in 'new code(s)' (column {new}): pick one from the "
    "drop-down; for several, type their IDs separated by ';' (e.g. CH01; CH03). They replace "
    "the proposal.",
    "  comment: no decision on the codes; your comment (column {comment}) is kept for "
    "discussion.",
    "Leave rows you do not review empty. Write your reviewer pseudonym (never your name) in "
    "'reviewer', or leave it empty.",
    "Do not edit the grey columns, insert or delete columns, merge cells or type formulas: such "
    "rows are not imported (you will be told which, by cell).",
    "Save as 'Excel workbook (.xlsx)' named with your pseudonym, e.g. A1.xlsx, and return it to "
    "the analyst. It goes to data/raw/reviews/ and is imported by the next 'make report'.",
    "Where reviewers disagree, the lead reviewer's decision wins, else the majority's; "
    "otherwise the machine code stays and the disagreement is listed for discussion.",
    "The codebook follows: every code with its definition.",
)


def fill_sheet(ws, rows: pd.DataFrame, columns: tuple[Column, ...], freeze: str) -> None:
    """Write ``rows`` (keys of ``columns``) under a bold header on the worksheet ``ws``: text
    stays text (a leading '=' runs nothing), machine columns grey and locked, editable ones
    unlocked, the 'check' column hidden; the sheet protected without a password (it prevents
    slips, not intent: the check column catches deliberate edits), filtering and sorting
    allowed."""
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter

    ws.append([c.header for c in columns])
    grey, bold = PatternFill("solid", fgColor="EEEEEE"), Font(bold=True)
    for cell in ws[1]:
        cell.font = bold
    for values in rows[[c.key for c in columns]].itertuples(index=False):
        ws.append(list(values))
        for cell in ws[ws.max_row]:  # submitted text starting with '=' stays text
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"
    wrap = Alignment(wrap_text=True, vertical="top")
    for i, col in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = col.width
        for (cell,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):
            cell.alignment = wrap
            if col.editable:
                cell.protection = Protection(locked=False)
            else:
                cell.fill = grey
    ws.column_dimensions[letter("check", columns)].hidden = True
    ws.freeze_panes = freeze
    ws.auto_filter.ref = ws.dimensions
    ws.protection.sheet = True
    ws.protection.autoFilter = False  # filtering and sorting stay allowed
    ws.protection.sort = False
    ws.protection.formatColumns = False


def instructions_sheet(wb, lines: tuple[str, ...], fill: dict):
    """The workbook's first sheet, :data:`INSTRUCTIONS_SHEET`: one cell per line of ``lines``
    formatted with ``fill``, the first in bold; returns it."""
    from openpyxl.styles import Font

    info = wb.active
    info.title = INSTRUCTIONS_SHEET
    for line in lines:
        info.append([line.format(**fill)])
    info["A1"].font = Font(bold=True, size=13)
    return info


def write_workbook(rows: pd.DataFrame, codebook: Codebook, target) -> None:
    """The coding sheet as XLSX (see the module docstring), written atomically."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    info = instructions_sheet(wb, INSTRUCTIONS, {
        "title": codebook.title, "version": codebook.version, "none": NONE,
        "decision": letter("decision"), "new": letter("new_codes"), "comment": letter("comment")})
    info.append([])
    info.append(["dimension", "code", "label", "definition", "include", "exclude"])
    for dim in codebook.dimensions:
        for c in dim.codes:
            info.append([dim.id, c.id, c.label, c.definition, c.include, c.exclude])
    info.column_dimensions["A"].width = 18
    info.column_dimensions["D"].width = 80

    ws = wb.create_sheet(CODING_SHEET)
    fill_sheet(ws, rows, COLUMNS, "C2")

    codes = wb.create_sheet(CODES_SHEET)
    codes.sheet_state = "hidden"
    last = len(rows) + 1
    decision = DataValidation(type="list", formula1='"' + ",".join(REVIEW_DECISIONS) + '"',
                              allow_blank=True, showErrorMessage=True,
                              errorTitle="Decision", error="Choose accept, change or comment.")
    decision.add(f"{letter('decision')}2:{letter('decision')}{last}")
    ws.add_data_validation(decision)
    for i, dim in enumerate(codebook.dimensions, start=1):
        col = get_column_letter(i)
        codes.cell(row=1, column=i, value=dim.id)
        for j, code in enumerate(dim.codes, start=2):
            codes.cell(row=j, column=i, value=code_label(code))
        # A warning, not a stop: several codes typed as 'CH01; CH03' must stay possible.
        dv = DataValidation(type="list", formula1=f"'{CODES_SHEET}'!${col}$2:${col}${len(dim.codes) + 1}",
                            allow_blank=True, showErrorMessage=True, errorStyle="warning",
                            errorTitle="Code", error=f"Not one code of '{dim.id}'. For several, "
                            "type their IDs separated by ';'.")
        for r in rows.index[rows["dimension"] == dim.id]:
            dv.add(f"{letter('new_codes')}{r + 2}")
        ws.add_data_validation(dv)
    wb.active = 1
    with storage.atomic_path(target) as tmp:
        wb.save(tmp)


def html_view(rows: pd.DataFrame, codebook: Codebook) -> str:
    """The rows as a plain HTML page: one table, header cells with scope, no scripts."""
    e = html.escape
    keys = [c for c in COLUMNS if not c.editable and c.key != "check"]
    head = "".join(f'<th scope="col">{e(c.header)}</th>' for c in keys)
    body = "\n".join(
        "<tr>" + "".join(f'<td dir="auto">{e(str(getattr(r, c.key))).replace(chr(10), "<br>")}</td>'
                         for c in keys) + "</tr>"
        for r in rows.itertuples())
    title = f"Advisor review: {codebook.title} (codebook {codebook.version})"
    return html_page(title, f"""<p>{len(rows)} rows: each is one record and one codebook
dimension, with the codes the machine proposes and the evidence it found. Decisions go in
<code>coding_sheet.xlsx</code> beside this page (its first sheet says how).</p>
<table><caption>Proposed codes and their evidence</caption>
<thead><tr>{head}</tr></thead>
<tbody>
{body}
</tbody></table>""")


def html_page(title: str, body: str) -> str:
    """A plain, accessible HTML page (English, no scripts) with ``title`` as its heading and
    ``body`` (HTML, already escaped) under it."""
    e = html.escape
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{e(title)}</title>
<style>body{{font-family:sans-serif;margin:1rem}}table{{border-collapse:collapse}}
th,td{{border:1px solid #767676;padding:.3rem;vertical-align:top;text-align:left}}
th{{background:#eeeeee;position:sticky;top:0}}</style></head>
<body><main><h1>{e(title)}</h1>
{body}</main></body></html>
"""


def write_findings_pack(out: Outputs) -> int:
    """The findings feedback sheet and its HTML view (:mod:`pipeline.findings.feedback`) for
    the findings in ``out.findings`` (its ``findings`` list; none before the findings rules
    exist); returns how many."""
    from pipeline.findings import feedback  # here: pipeline.findings.feedback imports this module

    findings = storage.read_json(out.findings).get("findings", [])
    feedback.write_pack(findings, out.review_pack_dir)
    return len(findings)


def run(out: Outputs) -> pd.DataFrame:
    codebook = load_codebook()
    services = storage.read_table(out.services)
    rows = review_rows(storage.read_table(out.coded_segments),
                       dict(zip(services["service_id"], services["name"])), codebook)
    write_workbook(rows, codebook, out.review_pack)
    storage.write_text(out.review_pack_html, html_view(rows, codebook))
    n_findings = write_findings_pack(out)
    print(f"[review-pack] {len(rows)} rows ({services['service_id'].nunique()} services x "
          f"{len(codebook.dimensions)} dimensions) -> {out.review_pack_dir}/: send "
          f"{out.review_pack.name}; returned sheets go to data/raw/reviews/<pseudonym>.xlsx")
    print(f"[review-pack] {n_findings} findings -> {out.findings_sheet.name} and "
          f"{out.findings_sheet_html.name}: returned sheets go to "
          "data/raw/reviews/findings/<pseudonym>.xlsx")
    return rows
