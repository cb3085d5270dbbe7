"""Advisor review of the findings (issue 11): the feedback pack advisors fill in, and the import
of their returned sheets into each finding's review status.

**The pack** (:func:`write_pack`, run by the ``review-pack`` stage into ``report/review/``):

- ``findings_sheet.xlsx``: an ``instructions`` sheet, then the ``findings`` sheet with one row
  per finding (:data:`COLUMNS`): finding ID, kind, scope, statement, numbers ('120 of 143
  services, 84 % (95 % CI 77–89 %)'), confidence (grade, then each component's concern and
  reason), evidence (counts, the first services and quotes), evidence hash, the review so far
  (which findings to review again after their evidence changed); then the reviewer's
  columns: verdict (agree / disagree / unsure, a drop-down), comment, reviewer. The machine
  columns are grey and locked (no password: it prevents slips, not intent) and a hidden
  ``check`` column holds a hash of finding ID, statement and evidence hash
  (:func:`pipeline.review_pack.row_check`), so an edited statement is found on import. The
  layout, protection and messages are the coding pack's (:mod:`pipeline.review_pack`).
- ``findings.html``: each finding readable in a browser, with all its evidence.

**The import** (:func:`read_returned`): every ``<pseudonym>.xlsx`` in
``data/raw/reviews/findings/`` (:func:`pipeline.paths.findings_reviews_dir`), opened and checked
as the coding sheets are (:mod:`pipeline.review_sheets`: file type, pseudonym file name, sheet,
header, merged cells, formulas), then row by row: a finding this run does not have
(``unknown_finding``), a statement, finding ID or evidence hash that differs from the pack
(``statement_edited``: the statement is not the reviewer's to edit; disagreeing with it is),
a reviewer cell that is not the file name (``reviewer_mismatch``), a verdict that is none of
agree / disagree / unsure (``invalid_verdict``), the same finding twice (``duplicate_row``). A
bad row is not imported, the rest of its sheet is; rows with neither verdict nor comment were
not reviewed. Edits to the other grey columns (numbers, confidence, evidence) are not read.

**The rule** (:func:`apply`), per finding, adapted from the coding review's disagreement rule
(:func:`pipeline.review.resolve`). Only verdicts given on the finding's *current* evidence
count: the evidence hash in the row equals the finding's ``evidence_hash``. Then:

- no current verdict: ``re_review`` when verdicts were given on other evidence (the evidence
  changed since review; ``stale_verdicts`` counts them), else ``not_reviewed``;
- every current verdict the same: ``agreed``, ``disagreed`` or ``unsure`` (rule
  ``single_reviewer`` or ``unanimous``);
- else the verdict of more than half of them (``majority``);
- else, a tie: the lead reviewer's verdict (``params.review.lead_reviewer``) if they gave a
  current one (``lead_reviewer``); else ``mixed`` (``conflict``).

Unlike the coding rule, where the lead reviewer decides first, here the lead only breaks ties:
a finding is a published statement, and a majority of advisors disagreeing with it is not set
aside by one of them. ``rejected`` is status ``disagreed``: the report moves such a finding to
an appendix, with its review, and never drops it. A comment without a verdict decides nothing
but counts as a comment. Comments (on the current evidence) are pseudonymised with the privacy
stage's :class:`pipeline.pii.Pseudonymiser` (advisors may name people), every replaced value
shown as a neutral mark ('[a name]', '[an e-mail]'), and cut to :data:`COMMENT_CHARS`. The
review carries counts, never a reviewer's pseudonym.
"""
from __future__ import annotations

import html
from collections import Counter
from functools import cache
from pathlib import Path

import pandas as pd

from pipeline import paths, review_sheets, schema, storage
from pipeline.paths import Outputs
from pipeline.pii import NEUTRAL, TOKEN, Pseudonymiser, PublicFacts
from pipeline.review_pack import (
    Column,
    fill_sheet,
    html_page,
    instructions_sheet,
    letter,
    row_check,
)
from pipeline.schema import FINDING_VERDICTS

# The findings sheet's columns, in order; read_returned reads them by these headers.
COLUMNS = (
    Column("finding ID", "finding_id", 16),
    Column("kind", "kind", 11),
    Column("scope", "scope", 16),
    Column("statement", "statement", 60),
    Column("numbers", "numbers", 36),
    Column("confidence", "confidence", 50),
    Column("evidence", "evidence", 60),
    Column("evidence hash", "evidence_hash", 18),
    Column("review so far", "review_so_far", 24),
    Column("verdict", "verdict", 12, editable=True),
    Column("comment", "comment", 40, editable=True),
    Column("reviewer", "reviewer", 12, editable=True),
    Column("check", "check", 18),  # hidden: hash of CHECKED
)
FINDINGS_SHEET = "findings"
CHECKED = ("finding_id", "statement", "evidence_hash")  # what the import relies on
KEYS = [c.key for c in COLUMNS]
SHOWN = 3  # services and quotes named in the sheet's evidence cell (the HTML shows all)
SNIPPET = 160  # characters of one quote or segment shown
COMMENT_CHARS = 300  # a comment is cut to this in the finding's review summary
# Every kind of replaced personal data shown neutrally in a comment.
MARKS = {**NEUTRAL, "EMAIL": "[an e-mail]", "URL": "[a link]", "HANDLE": "[a handle]",
         "PHONE": "[a phone number]", "ADDRESS": "[an address]"}
STATUS = {"agree": "agreed", "disagree": "disagreed", "unsure": "unsure"}


# --------------------------------------------------------------------------- readable text
def _cut(text: str, n: int = SNIPPET) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[:n - 1] + "…"


def _count(n: int, word: str, plural: str = "") -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


def _pct(x: float) -> str:
    return f"{100 * x:.0f}"


def format_scope(scope: dict) -> str:
    """'all data', or 'region: Europe'."""
    if scope.get("level", "all") == "all":
        return "all data"
    return f"{scope['level'].replace('_', ' ')}: {scope.get('value') or ''}"


def format_numbers(numbers: dict, too_few: bool = False) -> str:
    """A finding's numbers as one line: '120 of 143 services, 84 % (95 % CI 77–89 %)', then
    any other number as 'key: value' ('regions: 5'), nested dicts (the two sides of a lesson)
    the same way; 'too few to report' when under the small-cell threshold."""
    if too_few:
        return "too few to report (under the small-cell threshold)"
    parts = []
    n, of, unit = numbers.get("n"), numbers.get("of"), numbers.get("unit", "")
    if n is not None:
        head = f"{n:,} of {of:,} {unit}" if of is not None else f"{n:,} {unit}"
        if numbers.get("share") is not None:
            head = f"{head.strip()}, {_pct(numbers['share'])} %"
            if numbers.get("ci95"):
                lo, hi = numbers["ci95"]
                head += f" (95 % CI {_pct(lo)}–{_pct(hi)} %)"
        parts.append(head.strip())
    for key, value in numbers.items():
        if key in ("n", "of", "unit", "share", "ci95"):
            continue
        if isinstance(value, dict):
            value = f"({format_numbers(value)})"
        elif isinstance(value, (list, tuple)):
            value = ", ".join(map(str, value))
        parts.append(f"{key.replace('_', ' ')}: {value}")
    return "; ".join(parts)


def _component(name: str, c: dict) -> str:
    concern = "concerns" if c.get("concern") else "no or minor concerns"
    return f"{name.replace('_', ' ')}: {concern} ({c.get('reason', '')})"


def format_confidence(confidence: dict) -> str:
    """The grade, then one line per GRADE-CERQual component with its concern and reason."""
    lines = [confidence.get("grade", "")]
    lines += [_component(k, c) for k, c in confidence.get("components", {}).items()]
    return "\n".join(lines)


def _total(evidence: dict, key: str) -> int:
    """How many ``key`` (services, segments) the evidence has: ``n_<key>`` when the listed
    items were cut (params.findings.evidence_max_items), else the list's length."""
    return int(evidence.get(f"n_{key}", len(evidence.get(key, []))))


def _topic(t) -> str:
    """'descriptions topic 4 “abuse / police” (100 % of its documents)' or the bare ID."""
    if not isinstance(t, dict):
        return f"topic {t}"
    share = f" ({_pct(t['share'])} % of its documents)" if t.get("share") is not None else ""
    return f"{t.get('corpus', '')} topic {t.get('id')} “{t.get('label', '')}”{share}".strip()


def _segment(s: dict) -> str:
    return f"{s.get('code', '')}: {_cut(s.get('text', ''))}" if s.get("code") else _cut(
        s.get("text", ""))


def format_evidence(evidence: dict) -> str:
    """Counts, the first :data:`SHOWN` service names and quotes, the topics: a few lines."""
    services, quotes = evidence.get("services", []), evidence.get("quotes", [])
    n_services, countries = _total(evidence, "services"), evidence.get("countries", [])
    lines = []
    if services:
        names = "; ".join(s.get("name", s.get("service_id", "")) for s in services[:SHOWN])
        lines.append(f"{_count(n_services, 'service')}: {names}"
                     + ("; …" if n_services > SHOWN else ""))
    if countries:
        lines.append(f"{_count(len(countries), 'country', 'countries')}: "
                     + ", ".join(countries[:12]) + (", …" if len(countries) > 12 else ""))
    if evidence.get("segments"):
        lines.append(_count(_total(evidence, "segments"), "coded segment"))
    if evidence.get("topics"):
        lines.append("; ".join(_topic(t) for t in evidence["topics"]))
    if quotes:
        lines.append(f"{_count(len(quotes), 'quote')}: " + " ".join(
            f"“{_cut(q['text'])}” ({q['quote_id']})" for q in quotes[:SHOWN]))
    return "\n".join(lines) or "no evidence listed"


def format_review(review: dict | None) -> str:
    """What advisors said so far (a finding's ``review``, :func:`review_of`), so that a new
    pack shows which findings to review again: 'not reviewed yet', 'to review again: ...', or
    'agreed (2 agree, 0 disagree, 0 unsure)'."""
    if not review or review["status"] == "not_reviewed":
        return "not reviewed yet"
    if review["status"] == "re_review":
        return (f"to review again: the evidence changed since "
                f"{_count(review['stale_verdicts'], 'verdict')}")
    return f"{review['status']} (" + ", ".join(f"{review[v]} {v}" for v in FINDING_VERDICTS) + ")"


def pack_rows(findings: list[dict]) -> pd.DataFrame:
    """Rows of the findings sheet, one per finding, in order; columns :data:`KEYS`, reviewer
    columns empty, ``check`` the hash of :data:`CHECKED`."""
    rows = []
    for f in findings:
        row = {"finding_id": f["id"], "kind": f["kind"], "scope": format_scope(f["scope"]),
               "statement": f["statement"],
               "numbers": format_numbers(f.get("numbers", {}), f.get("too_few", False)),
               "confidence": format_confidence(f.get("confidence", {})),
               "evidence": format_evidence(f.get("evidence", {})),
               "evidence_hash": f["evidence_hash"], "review_so_far": format_review(f.get("review")),
               "verdict": "", "comment": "", "reviewer": ""}
        row = {k: str(v).strip() for k, v in row.items()}  # as the import reads cells
        rows.append({**row, "check": row_check(row, CHECKED)})
    return pd.DataFrame(rows, columns=KEYS)


# --------------------------------------------------------------------------- the pack
INSTRUCTIONS = (
    "Advisor review of the findings ({n} findings)",
    "On the 'findings' sheet, each row is one finding the pipeline computed from the data: its "
    "statement, its numbers, its confidence (GRADE-CERQual: High, Moderate, Low, Very low, with "
    "the reason for each component) and a summary of its evidence. findings.html, sent with "
    "this workbook, shows each finding with all its evidence.",
    "For each finding you review, choose a verdict (drop-down in column {verdict}):",
    "  agree: the statement is right and supported by its evidence.",
    "  disagree: it is wrong, misleading or not supported; say why in 'comment' (column "
    "{comment}).",
    "  unsure: you cannot tell; a comment helps.",
    "A comment without a verdict is kept too. Leave rows you do not review empty. Write your "
    "reviewer pseudonym (never your name) in 'reviewer' (column {reviewer}), or leave it empty.",
    "Do not edit the grey columns (the statement is not yours to edit: disagree and comment "
    "instead), insert or delete columns, merge cells or type formulas: such rows are not "
    "imported (you will be told which, by cell).",
    "Comments are shown in the report pseudonymised (names, e-mails, numbers replaced) and cut "
    "to {chars} characters; your pseudonym is never shown.",
    "Save as 'Excel workbook (.xlsx)' named with your pseudonym, e.g. A1.xlsx, and return it to "
    "the analyst. It goes to data/raw/reviews/findings/ and is imported by the next "
    "'make report'.",
    "A finding most reviewers disagree with moves to the report's appendix (it is never "
    "dropped); a verdict counts only while the finding's evidence is the one you reviewed "
    "(its evidence hash): when the evidence changes, the finding is marked for re-review.",
)


def write_workbook(rows: pd.DataFrame, target: Path) -> None:
    """The findings sheet as XLSX (module docstring), written atomically."""
    from openpyxl import Workbook
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    info = instructions_sheet(wb, INSTRUCTIONS, {
        "n": len(rows), "verdict": letter("verdict", COLUMNS), "chars": COMMENT_CHARS,
        "comment": letter("comment", COLUMNS), "reviewer": letter("reviewer", COLUMNS)})
    info.column_dimensions["A"].width = 120
    ws = wb.create_sheet(FINDINGS_SHEET)
    fill_sheet(ws, rows, COLUMNS, "B2")
    col = letter("verdict", COLUMNS)
    verdict = DataValidation(type="list", formula1='"' + ",".join(FINDING_VERDICTS) + '"',
                             allow_blank=True, showErrorMessage=True, errorTitle="Verdict",
                             error="Choose agree, disagree or unsure.")
    verdict.add(f"{col}2:{col}{max(len(rows), 1) + 1}")
    ws.add_data_validation(verdict)
    wb.active = 1
    with storage.atomic_path(target) as tmp:
        wb.save(tmp)


def _items(items: list[str], total: int | None = None) -> str:
    """An HTML list; '… and N more' when ``total`` (the evidence's count) exceeds the items."""
    more = (total or 0) - len(items)
    tail = f"<li>… and {more} more (every ID is in findings.json)</li>" if more > 0 else ""
    return "<ul>" + "".join(f"<li dir=\"auto\">{i}</li>" for i in items) + tail + "</ul>"


def _evidence_html(evidence: dict) -> str:
    e = html.escape
    parts = []
    if services := evidence.get("services"):
        n = _total(evidence, "services")
        parts.append(f"<p>{_count(n, 'service')}:</p>" + _items(
            [e(s.get("name", "")) + f" <small>({e(s.get('service_id', ''))})</small>"
             for s in services], n))
    if countries := evidence.get("countries"):
        parts.append(f"<p>{_count(len(countries), 'country', 'countries')}: "
                     f"{e(', '.join(countries))}</p>")
    if segments := evidence.get("segments"):
        n = _total(evidence, "segments")
        parts.append(f"<p>{_count(n, 'coded segment')}:</p>" + _items(
            [e(_segment(s)) + f" <small>({e(s.get('segment_id', ''))})</small>"
             for s in segments], n))
    if topics := evidence.get("topics"):
        parts.append("<p>Topics:</p>" + _items([e(_topic(t)) for t in topics]))
    if quotes := evidence.get("quotes"):
        parts.append(f"<p>{_count(len(quotes), 'quote')}:</p>" + _items(
            [f"<q>{e(q['text'])}</q> <small>({e(q['quote_id'])}, question "
             f"{e(str(q.get('question_id', '')))})</small>" for q in quotes]))
    return "".join(parts) or "<p>No evidence listed.</p>"


def finding_html(f: dict) -> str:
    """One finding as an HTML section (everything escaped)."""
    e = html.escape
    conf = f.get("confidence", {})
    components = _items([e(_component(k, c)) for k, c in conf.get("components", {}).items()])
    return f"""<section id="{e(f['id'])}">
<h2>{e(f['id'])}: {e(f['kind'])} ({e(format_scope(f['scope']))})</h2>
<p dir="auto"><strong>{e(f['statement'])}</strong></p>
<dl><dt>Numbers</dt><dd>{e(format_numbers(f.get('numbers', {}), f.get('too_few', False)))}</dd>
<dt>Confidence</dt><dd>{e(conf.get('grade', ''))}{components}</dd>
<dt>Evidence <small>(hash {e(f['evidence_hash'])})</small></dt>
<dd>{_evidence_html(f.get('evidence', {}))}</dd></dl></section>"""


def html_view(findings: list[dict]) -> str:
    """Every finding, readable: a plain page, no scripts."""
    body = "\n".join(finding_html(f) for f in findings) or "<p>No findings in this run.</p>"
    return html_page("Advisor review of the findings", f"""<p>{len(findings)} findings, each
with its statement, numbers, confidence and evidence. Verdicts (agree / disagree / unsure) go in
<code>{paths.FINDINGS_SHEET}</code> beside this page (its first sheet says how).</p>
{body}""")


def write_pack(findings: list[dict], folder: Path) -> None:
    """``findings`` (findings.json's finding dicts) as the feedback sheet and its HTML view in
    ``folder`` (the review pack folder, ``Outputs.review_pack_dir``), written atomically."""
    write_workbook(pack_rows(findings), folder / paths.FINDINGS_SHEET)
    storage.write_text(folder / paths.FINDINGS_PAGE, html_view(findings))


# --------------------------------------------------------------------------- the import
def read_returned(folder: Path, findings: list[dict]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every returned findings sheet in ``folder`` (absent: none), validated row by row
    against ``findings``. Returns (verdicts, rejects): the ``findings_reviews`` and
    ``findings_review_rejects`` tables of :mod:`pipeline.schema` (module docstring)."""
    known = {f["id"]: f for f in findings}
    verdicts, rejects = [], []
    for path in review_sheets.returned_files(folder):
        sheet = review_sheets.open_sheet(path, FINDINGS_SHEET, [c.header for c in COLUMNS],
                                         paths.FINDINGS_SHEET)
        if isinstance(sheet, dict):
            rejects.append({**sheet, "finding_id": ""})
            continue
        seen: dict[str, int] = {}
        for r, cells in review_sheets.filled_rows(sheet, len(COLUMNS)):
            row = _row(cells, r, path.name, sheet, known, seen)
            if "reason" in row:
                rejects.append(row)
            elif row:
                verdicts.append(row)
    return (_table("findings_reviews", verdicts), _table("findings_review_rejects", rejects))


def _table(name: str, rows: list[dict]) -> pd.DataFrame:
    return schema.typed_empty(name, pd.DataFrame(rows, columns=schema.columns(name)))


def _row(cells, r: int, file: str, sheet: review_sheets.Sheet, known: dict, seen: dict) -> dict:
    """One row: a verdict (findings_reviews columns), a reject (has 'reason'), or {} for a
    row nobody reviewed."""
    values = {k: review_sheets.text(cell) for k, cell in zip(KEYS, cells)}
    fid = values["finding_id"]

    def reject(reason, message, key=""):
        cell = f"{letter(key, COLUMNS)}{r}" if key else ""
        return {**review_sheets.reject(file, reason, message, FINDINGS_SHEET, cell, r),
                "finding_id": fid}

    if problem := review_sheets.broken(sheet, r, cells, KEYS):
        return reject(*problem)
    if not values["verdict"] and not values["comment"]:
        return {}  # not reviewed
    if fid not in known:
        return reject("unknown_finding", f"no finding '{fid}' in this run: restore the ID from "
                      "the pack, or drop the row if the finding is gone (its evidence no longer "
                      "meets its rule)", "finding_id")
    if row_check(values, CHECKED) != values["check"]:
        return reject("statement_edited", "the statement, finding ID or evidence hash differs "
                      "from the pack: the statement is not yours to edit; restore it from "
                      f"{paths.FINDINGS_PAGE} and say what is wrong in the comment (column "
                      f"{letter('comment', COLUMNS)})", "statement")
    if values["reviewer"] and values["reviewer"] != sheet.reviewer:
        return reject("reviewer_mismatch", f"reviewer '{values['reviewer']}' in the sheet of "
                      f"'{sheet.reviewer}' (its file name): one file per reviewer; correct the "
                      "cell or put the row in that reviewer's file", "reviewer")
    verdict = values["verdict"].lower()
    if verdict and verdict not in FINDING_VERDICTS:
        return reject("invalid_verdict", f"verdict '{values['verdict']}' is none of "
                      f"{', '.join(FINDING_VERDICTS)}: pick one from the drop-down (or clear it "
                      "and keep the comment)", "verdict")
    if fid in seen:
        return reject("duplicate_row", f"the same finding as row {seen[fid]}: keep one of the "
                      "two rows")
    seen[fid] = r
    return {"reviewer": sheet.reviewer, "reviewed_on": sheet.reviewed_on, "source_file": file,
            "source_row": r, "finding_id": fid, "verdict": verdict, "comment": values["comment"],
            "evidence_hash": values["evidence_hash"]}


# --------------------------------------------------------------------------- the rule
def _status(verdicts: dict[str, str], lead: str) -> tuple[str, str]:
    """(status, rule) of a finding's current verdicts (reviewer -> verdict), module docstring."""
    counts = Counter(verdicts.values())
    top, n = counts.most_common(1)[0]
    if len(counts) == 1:
        return STATUS[top], "single_reviewer" if len(verdicts) == 1 else "unanimous"
    if n * 2 > len(verdicts):
        return STATUS[top], "majority"
    if lead in verdicts:
        return STATUS[verdicts[lead]], "lead_reviewer"
    return "mixed", "conflict"


def _comment(text: str, pseudo: Pseudonymiser) -> str:
    done, _ = pseudo(text)
    return _cut(TOKEN.sub(lambda m: MARKS[m.group(1)], done), COMMENT_CHARS)


def review_of(finding: dict, rows: pd.DataFrame, lead: str, pseudo) -> dict:
    """The ``review`` dict of one finding from its verdict rows (module docstring): status,
    rule, agree/disagree/unsure counts, reviewers, stale_verdicts, comments {count, texts},
    rejected."""
    current = rows[rows["evidence_hash"] == finding["evidence_hash"]]
    stale = rows[(rows["evidence_hash"] != finding["evidence_hash"]) & (rows["verdict"] != "")]
    given = current[current["verdict"] != ""]
    verdicts = dict(zip(given["reviewer"], given["verdict"]))
    if verdicts:
        status, rule = _status(verdicts, lead)
    else:
        status, rule = ("re_review" if len(stale) else "not_reviewed"), ""
    texts = [t for t in current["comment"] if t]
    counts = Counter(verdicts.values())
    return {"status": status, "rule": rule, **{v: counts.get(v, 0) for v in FINDING_VERDICTS},
            "reviewers": int(current["reviewer"].nunique()), "stale_verdicts": len(stale),
            "comments": {"count": len(texts), "texts": [_comment(t, pseudo()) for t in texts]},
            "rejected": status == "disagreed"}


def apply(findings: list[dict], verdicts: pd.DataFrame, lead: str = "",
          phone_regions: tuple[str, ...] = (), public: PublicFacts | None = None) -> list[dict]:
    """``findings``, each with its ``review`` dict (:func:`review_of`), in order. ``verdicts``:
    the ``findings_reviews`` table (:func:`read_returned`); ``lead``:
    ``params.review.lead_reviewer``; ``phone_regions`` (``params.privacy.phone_regions``) and
    ``public`` (the directory's public facts, which stay) configure the pseudonymiser applied
    to comments. Input dicts are not modified."""
    # One pseudonymiser per call (consistent tokens), built only when a comment needs it.
    pseudo = cache(lambda: Pseudonymiser(phone_regions, public))
    by_finding = {k: g for k, g in verdicts.groupby("finding_id")}
    empty = verdicts.iloc[:0]
    return [{**f, "review": review_of(f, by_finding.get(f["id"], empty), lead, pseudo)}
            for f in findings]


def import_reviews(out: Outputs, findings: list[dict], lead: str = "",
                   phone_regions: tuple[str, ...] = (),
                   public: PublicFacts | None = None) -> list[dict]:
    """The findings stage's import: reads :func:`pipeline.paths.findings_reviews_dir`, writes
    ``out.findings_reviews`` and ``out.findings_review_rejects`` (stage 'findings'), prints
    what was imported and every reject, and returns :func:`apply`'s findings."""
    folder = paths.findings_reviews_dir()
    verdicts, rejects = read_returned(folder, findings)
    inputs = review_sheets.returned_files(folder)
    storage.write_table(out.findings_reviews, verdicts, inputs, "findings")
    storage.write_table(out.findings_review_rejects, rejects, inputs, "findings")
    reviewed = apply(findings, verdicts, lead, phone_regions, public)
    status = Counter(f["review"]["status"] for f in reviewed)
    print(f"[findings] {len(inputs)} returned findings sheet(s) in {folder}: {len(verdicts)} "
          f"verdict(s) imported; " + ", ".join(f"{k} {v}" for k, v in sorted(status.items())))
    if len(rejects):
        review_sheets.print_rejects(rejects, "findings", out.findings_review_rejects)
    return reviewed
