"""``pipeline validate FILE...`` (``make validate FILE=...``): check a submitter's file before
it is sent, and say per row and column what is wrong and how to fix it.

Files: a filled submitter-kit template (``.xlsx`` with sheets ``services`` and ``contacts``, or
its CSV files, recognised by their headers), or any file a sources-file entry maps
(``--sources FILE --source ID``: it is read by that source's adapter, then its mapped fields
are checked). The columns, lists and formats checked are those of
:data:`pipeline.schema.SUBMISSION` (the template's one declaration).

What it catches (``error`` makes the exit status 1; ``warning`` does not):

- the workbook: a missing sheet (error), an extra sheet (warning: not read), merged cells,
  formulas (errors);
- the header: a renamed or missing required column (error, with the closest template name),
  an unknown column (warning: not read), reordered columns (warning);
- each cell: an empty required value; a value outside its list (country, service type,
  function, target group, yes/no, channel; with the closest allowed values, and for a
  country name its ISO code); a language that is not ISO 639-3; a date typed as text or not
  YYYY-MM-DD; a number stored as a number where text belongs (a phone's leading 0 or + lost);
  a date where text belongs; an age that is not a whole number; a link that is not one;
  opening hours that cannot be read (warning); a phone number or short code that is not
  valid for the service's country; an e-mail that is not one; a repeated service_id; a
  contact of a service not on the services sheet;
- personal data in free text (description, names, hours): an e-mail address, a phone number
  or a handle that is not one of the service's own listed contacts, found by the privacy
  stage's pattern recognisers (:func:`pipeline.pii.recognisers.contacts`), is refused; with
  ``--names``, a person's name too (the privacy stage's full recognisers, spaCy included).

It writes nothing but the optional ``--report`` file and never imports the topic-modelling
stack or spaCy (a filled template is read with openpyxl alone).
"""
from __future__ import annotations

import argparse
import csv
import difflib
import io
import re
import sys
import time
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from pipeline import schema

TEMPLATE_SHEETS = ("services", "contacts")
KNOWN_SHEETS = ("services", "contacts", "lists", "read me")
FREE_TEXT = ("service_name", "organization_name", "description", "hours")
PHONE_CHANNELS = ("phone", "sms", "whatsapp")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
LAST_CHECKED = next(f for f in schema.SUBMISSION["services"] if f.name == "last_checked")


@dataclass
class Problem:
    severity: str  # 'error' or 'warning'
    where: str     # 'returned.xlsx services row 4', 'returned.xlsx' ...
    column: str
    message: str
    fix: str

    def line(self) -> str:
        col = f", {self.column}" if self.column else ""
        return f"{self.severity}: {self.where}{col}: {self.message}. Fix: {self.fix}"


class Checker:
    """Collects problems for one or more files."""

    def __init__(self, phone_regions: tuple[str, ...] = ("GB", "FR", "ES", "US"),
                 names: bool = False):
        self.problems: list[Problem] = []
        self.rows = 0
        self.phone_regions = phone_regions
        self.names = names  # also the privacy stage's slower name check (spaCy models)

    def add(self, severity, where, column, message, fix):
        self.problems.append(Problem(severity, where, column, message, fix))

    # ------------------------------------------------------------------ structure
    def header(self, where: str, sheet: str, header: list[str]) -> dict[str, int]:
        """Column name -> index, after reporting renamed, missing, unknown, reordered."""
        fields = schema.SUBMISSION[sheet]
        names = [f.name for f in fields]
        found = [str(h).strip() if h is not None else "" for h in header]
        missing = [f for f in fields if f.name not in found]
        for h in found:
            if h and h not in names:
                close = difflib.get_close_matches(h.lower().replace(" ", "_"),
                                                  [f.name for f in missing], 1, 0.5)
                if close:
                    missing = [f for f in missing if f.name != close[0]]
                    self.add("error", where, h, f"column '{h}' is not a template column: "
                             f"renamed from '{close[0]}'?", f"rename it back to '{close[0]}'")
                else:
                    self.add("warning", where, h, f"column '{h}' is not a template column and "
                             "is not read", "remove it, or put its content in a template column")
        for f in missing:
            self.add("error" if f.required else "warning", where, f.name,
                     f"{'required ' if f.required else ''}column '{f.name}' is missing",
                     f"add the column '{f.name}' (see the data dictionary)")
        present = [h for h in found if h in names]
        if present != [n for n in names if n in present]:
            self.add("warning", where, "", "columns are in another order than the template's",
                     "they are read by name, so this is safe; keep the template's order "
                     "to compare files easily")
        return {h: i for i, h in enumerate(found) if h in names}

    # ------------------------------------------------------------------ cells
    def cell(self, where: str, f: schema.SubmissionField, value, row: dict) -> str:
        """Check a raw cell (text, number, date or None) and return it as text."""
        if isinstance(value, bool):
            value = "yes" if value else "no"
        if isinstance(value, (int, float)) and f.kind not in ("integer",):
            as_text = str(int(value)) if float(value).is_integer() else str(value)
            if f.kind == "contact" or f.name == "service_id":
                self.add("error", where, f.name, f"{as_text} is stored as a number: a leading "
                         "0 or + is lost", "format the column as Text and type the value "
                         "again as written (e.g. +44 20 7946 0001, 0800 123 456)")
            return as_text
        if isinstance(value, (datetime, date)):
            iso = value.date().isoformat() if isinstance(value, datetime) else value.isoformat()
            if f.kind != "date":
                self.add("error", where, f.name, f"a date ({iso}) where text belongs",
                         "format the column as Text and type the value again")
            return iso
        text = "" if value is None else str(value).strip()
        if isinstance(value, (int, float)) and f.kind == "integer":
            text = str(int(value)) if float(value).is_integer() else str(value)
        self.text(where, f, text, row)
        return text

    def text(self, where: str, f: schema.SubmissionField, text: str, row: dict) -> None:
        from pipeline import submitter

        if not text:
            if f.required:
                self.add("error", where, f.name, "required value is empty",
                         f"fill in {f.name}: {submitter.describe_format(f)}")
            return
        if f.vocabulary:
            for v in submitter.split_values(f, text):
                if submitter.canonical(f.vocabulary, v) is None:
                    self.add("error", where, f.name, *self._outside(f, v, text))
        elif f.kind == "integer":
            if not re.fullmatch(r"\d{1,2}", text):
                self.add("error", where, f.name, f"'{text}' is not an age in whole years",
                         "write a whole number of years, e.g. 12")
        elif f.kind == "date":
            self._date(where, f, text)
        elif f.kind == "url":
            from pipeline.normalise import normalise_url

            if normalise_url(text)[1]:
                self.add("error", where, f.name, f"'{text}' is not a working link",
                         "write the full address, e.g. https://www.service.org/help")
        elif f.kind == "schedule":
            from pipeline.hours import parse_hours

            if not parse_hours(text)[0]:
                self.add("warning", where, f.name, f"opening hours '{text}' cannot be read",
                         f"write {submitter.FORMATS['en']['schedule']}")

    def _outside(self, f, value: str, text: str) -> tuple[str, str]:
        from pipeline import submitter

        if f.vocabulary == "country":
            from pipeline.normalise import _country_index, norm_key

            code = _country_index().get(norm_key(value), "")
            if code:
                return (f"'{value}' is a country name, not its ISO 3166-1 alpha-3 code",
                        f"write {code} ({submitter.country_names().get(code, code)})")
            return (f"'{value}' is not a country code", "choose the country's ISO 3166-1 "
                    "alpha-3 code from the drop-down (FRA, KEN; XKX for Kosovo)")
        if f.vocabulary == "language":
            from pipeline.normalise import language_to_iso639_3

            code = language_to_iso639_3(value)
            fix = f"write {code}" if code else "write its ISO 639-3 code (fra, eng, swa)"
            return f"'{value}' is not an ISO 639-3 language code", fix
        allowed = submitter.vocabulary(f.vocabulary)
        close = difflib.get_close_matches(value, allowed, 2, 0.4)
        several = "; separate several values with ';'" if f.multiple else ""
        fix = (f"did you mean {' or '.join(repr(c) for c in close)}? " if close else "") + \
            f"choose from the drop-down: {', '.join(allowed)}{several}"
        return f"'{value}' is not in the list for {f.name}", fix

    def _date(self, where, f, text: str) -> None:
        from pipeline.normalise import normalise_date

        if ISO_DATE.match(text):
            if normalise_date(text)[1]:
                self.add("error", where, f.name, f"'{text}' is not a real date",
                         "write an existing date as YYYY-MM-DD")
            return
        iso, flag = normalise_date(text)
        fix = f"write {iso}" if iso else "write it as YYYY-MM-DD (03/04/2025 could be 3 April " \
                                         "or 4 March: the ISO form says which)"
        self.add("error", where, f.name, f"date typed as text ('{text}'), not YYYY-MM-DD", fix)

    # ------------------------------------------------------------------ across rows
    def contact(self, where: str, channel: str, value: str, iso3: str) -> None:
        from pipeline import normalise

        channel = channel.strip().casefold()
        if not value or channel not in schema.CONTACT_CHANNELS:
            return
        if channel in PHONE_CHANNELS:
            number, flag = normalise.normalise_phone(value, normalise.alpha2(iso3) if iso3
                                                     else "")
            if flag in ("phone_unparsed", "phone_invalid"):
                self.add("error", where, "value", f"'{value}' is not a valid phone number"
                         f"{' in ' + iso3 if iso3 else ''}", "write it in E.164 with the country "
                         "code (+33 1 23 45 67 89) or the short code as dialled (119)")
            elif flag == "short_code_not_confirmed":
                self.add("warning", where, "value", f"'{value}' is not a known short code"
                         f"{' in ' + iso3 if iso3 else ''}", "check the number; write a full "
                         "number in E.164 (+33...) if it is not a short code")
            elif flag == "phone_ambiguous":
                self.add("error", where, "value", f"'{value}' reads as two different numbers "
                         "(a + or leading 0 lost?)", "write it with its + and country code")
        elif channel == "email":
            if normalise.normalise_email(value)[1]:
                self.add("error", where, "value", f"'{value}' is not an e-mail address",
                         "write the service's address, e.g. help@service.org")
        elif normalise.normalise_url(value)[1]:
            self.add("error", where, "value", f"'{value}' is not a working link",
                     "write the full address, e.g. https://www.service.org/chat")

    def personal_data(self, where: str, column: str, text: str, own: set[str],
                      iso3: str = "", mapped: bool = False) -> None:
        """A contact in free text that is not one of the service's listed contacts. Phone
        numbers are searched in the formats of the service's country (else of the privacy
        stage's ``phone_regions``), and only in a text with at least five digits: the
        phone matcher is most of the time a check takes. In a submitter's own file
        (``mapped``) a warning: a number in a description is mostly the service's own, which
        the pipeline reads as public; the template has a contacts sheet for them."""
        from pipeline.normalise import alpha2
        from pipeline.pii.recognisers import contacts

        if not text:
            return
        regions = ((alpha2(iso3),) if iso3 and alpha2(iso3) else self.phone_regions) \
            if sum(c.isdigit() for c in text) >= 5 else ()
        spans = contacts(text, "eng", regions)
        urls = [(s, e) for s, e, k in spans if k == "URL"]
        for start, end, kind in spans:
            found = text[start:end]
            if kind not in ("EMAIL", "PHONE", "HANDLE") or _key(found) in own:
                continue
            if kind == "HANDLE" and (any(s < end and start < e for s, e in urls) or DOMAIN.fullmatch(found)):
                continue   # a website ('www.mimp.gob.pe', 'mimp.gob.pe'), not someone's handle
            what = {"EMAIL": "an e-mail address", "PHONE": "a phone number",
                    "HANDLE": "a social-media handle"}[kind]
            if mapped:
                self.add("warning", where, column, f"personal data? {what} ('{found}') in free "
                         "text", "never send a person's (a child's, a staff member's, a user's) "
                         "contact; if it is the service's public contact, nothing to do")
                continue
            self.add("error", where, column, f"personal data? {what} ('{found}') in free text",
                     "never send a person's (a child's, a staff member's, a user's) contact; "
                     "if it is the service's public contact, put it on the contacts sheet and "
                     "remove it from the text")


DOMAIN = re.compile(r"(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|gov|edu|int|info|"
                    r"[a-z]{2})(?:/\S*)?", re.IGNORECASE)


def _key(contact: str) -> str:
    """A contact compared loosely: digits of a number, lower case of the rest."""
    digits = re.sub(r"\D", "", contact)
    return digits.lstrip("0") if len(digits) >= 3 and not re.search(r"[a-z@]", contact, re.I) \
        else contact.strip().casefold().lstrip("@")


# --------------------------------------------------------------------------- reading
MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+\d+:[A-Z]+\d+)"')


def _merged(path: Path, ws) -> list[str]:
    """Merged ranges of a sheet ('C2:C3'), read from its XML: openpyxl's read-only mode
    (several times faster on a large sheet) does not parse them."""
    import zipfile

    with zipfile.ZipFile(path) as z:
        return [m.decode() for m in MERGE.findall(z.read(ws._worksheet_path))]


def check_workbook(path: Path, chk: Checker) -> None:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True)
    except Exception as e:  # openpyxl raises many types for corrupt files
        chk.add("error", path.name, "", f"not a readable XLSX workbook ({type(e).__name__})",
                "save it again from a spreadsheet as .xlsx")
        return
    for name in wb.sheetnames:
        if name not in KNOWN_SHEETS:
            chk.add("warning", path.name, "", f"extra sheet '{name}' is not read",
                    "move its rows to the services or contacts sheet, or remove it")
    grids = {}
    for sheet in TEMPLATE_SHEETS:
        if sheet not in wb.sheetnames:
            chk.add("error" if sheet == "services" else "warning", path.name, "",
                    f"no sheet named '{sheet}' (sheets: {', '.join(wb.sheetnames)})",
                    f"use the template's '{sheet}' sheet (renamed sheets are not read)")
            continue
        ws = wb[sheet]
        where = f"{path.name} {sheet}"
        for merged in _merged(path, ws):
            row = re.search(r"\d+", merged).group(0)
            chk.add("error", f"{where} row {row}", "", f"cells {merged} are merged",
                    "unmerge them and write the value in every row it applies to")
        cells = [list(r) for r in ws.iter_rows()]
        if not cells:
            continue
        columns = chk.header(where, sheet, [c.value for c in cells[0]])
        rows = []
        for line, row in enumerate(cells[1:], start=2):
            if all(c.value is None or str(c.value).strip() == "" for c in row):
                continue
            values = {}
            for name, i in columns.items():
                c = row[i] if i < len(row) else None
                if c is not None and c.data_type == "f":
                    chk.add("error", f"{where} row {line}", name, f"a formula ({c.value})",
                            "replace it by the value it shows (copy, then paste values only)")
                    values[name] = ""
                    continue
                values[name] = c.value if c is not None else None
            rows.append((line, values))
        grids[sheet] = rows
    _check_rows(path.name, grids, chk)


def _check_rows(name: str, grids: dict[str, list[tuple[int, dict]]], chk: Checker) -> None:
    from pipeline import submitter

    fields = {s: {f.name: f for f in schema.SUBMISSION[s]} for s in TEMPLATE_SHEETS}
    services: dict[str, dict] = {}
    texts = {}
    for line, raw in grids.get("services", []):
        chk.rows += 1
        where = f"{name} services row {line}"
        row = {n: chk.cell(where, fields["services"][n], v, raw) for n, v in raw.items()}
        sid = row.get("service_id", "")
        if sid in services:
            chk.add("error", where, "service_id", f"service_id '{sid}' is used twice "
                    f"(row {services[sid]['_line']})", "give each service its own service_id")
            continue
        services[sid] = {**row, "_line": line, "_contacts": set()}
        texts[sid] = (where, row)
    for line, raw in grids.get("contacts", []):
        chk.rows += 1
        where = f"{name} contacts row {line}"
        row = {n: chk.cell(where, fields["contacts"][n], v, raw) for n, v in raw.items()}
        sid = row.get("service_id", "")
        if sid and "services" in grids and sid not in services:
            chk.add("error", where, "service_id", f"no service with service_id '{sid}' on the "
                    "services sheet", "use the service_id of a service on the services sheet")
        service = services.get(sid, {})
        chk.contact(where, row.get("channel", ""), row.get("value", ""),
                    (service.get("country") or "").strip().upper())
        if service and row.get("value"):
            service["_contacts"].add(_key(row["value"]))
    for sid, (where, row) in texts.items():
        own = services[sid]["_contacts"] | {_key(row.get("source_url", ""))}
        iso3 = (row.get("country") or "").strip().upper()
        iso3 = iso3 if submitter.canonical("country", iso3) else ""
        for column in FREE_TEXT:
            chk.personal_data(where, column, row.get(column, ""), own, iso3)
    if chk.names and texts:
        _person_names(chk, texts)


def _person_names(chk: Checker, texts: dict[str, tuple[str, dict]]) -> None:
    """People's names in descriptions, found by the privacy stage in full (its recognisers
    and spaCy's named entities; slow, hence ``--names``); the file's own service and
    organisation names, numbers and links are public facts, never reported."""
    import pandas as pd

    from pipeline.pii import Pseudonymiser, PublicFacts
    from pipeline.pii.lexicon import LANGUAGES

    rows = [row for _, row in texts.values()]
    services = pd.DataFrame({"name": [r.get("service_name", "") for r in rows],
                             "organization_name": [r.get("organization_name", "") for r in rows],
                             "description": [""] * len(rows)})
    pseudo = Pseudonymiser(chk.phone_regions, PublicFacts.from_services(services))
    for where, row in texts.values():
        text = row.get("description", "")
        first = (row.get("languages", "") or "eng").split(";")[0].strip().lower()
        for start, end, kind in pseudo.spans(text, first if first in LANGUAGES else "eng"):
            if kind == "PERSON":
                chk.add("error", where, "description", f"personal data? a person's name "
                        f"('{text[start:end]}') in free text", "never name a child, a staff "
                        "member or a user; describe the service instead")


def check_csv(path: Path, chk: Checker, grids: dict) -> None:
    from pipeline.ingest.common import read_text

    text = read_text(path)
    sep = max((",", ";", "\t"), key=text.split("\n", 1)[0].count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    header = next(reader, [])
    sheet = "services" if "service_name" in header or len(header) > 4 else "contacts"
    columns = chk.header(f"{path.name} ({sheet})", sheet, header)
    rows = grids.setdefault(sheet, [])
    for row in reader:
        if not any(c.strip() for c in row):
            continue
        rows.append((reader.line_num, {n: row[i] if i < len(row) else "" for n, i in
                                       columns.items()}))


def check_mapped(path: Path, sources: Path, source_id: str, chk: Checker) -> None:
    """A submitter's own file through its sources-file entry: the adapter's rejects, then
    the mapped fields of each kept record (country, phones, e-mails, links, dates, ages,
    personal data in the description)."""
    from pipeline import normalise
    from pipeline.config import load_params, load_sources
    from pipeline.ingest import ADAPTERS

    cfg = load_sources(sources)
    if not source_id and not path:   # every source of the file
        for s in cfg.sources:
            check_mapped(None, sources, s.id, chk)
        return
    source = next((s for s in cfg.sources if s.id == source_id), None)
    if source is None:
        chk.add("error", str(sources), "", f"no source '{source_id}'",
                f"use one of {[s.id for s in cfg.sources]}")
        return
    if path and Path(path).resolve() != source.file.resolve():
        source = source.model_copy(update={"path": str(Path(path).resolve())})
    result = ADAPTERS[source.adapter](source, load_params())
    name = source.file.name
    chk.rows += result.rows_read
    for r in result.rejects:
        chk.add("error", f"{name} row {r['source_row']}", "", f"{r['reason']}"
                f"{': ' + r['detail'] if r['detail'] else ''}", "correct the row and resend")
    for rec in result.rows.to_dict("records"):
        where = f"{name} row {rec['source_row']}"
        iso3, how = normalise.country_to_iso3(rec["country_raw"])
        if rec["country_raw"] and not iso3:
            chk.add("error", where, "country_raw", f"country '{rec['country_raw']}' is "
                    f"{how}", "write the country's ISO 3166-1 alpha-3 code (FRA, KEN)")
        for phone in rec["phones"]:
            chk.contact(where, "phone", phone, iso3)
        for email in rec["emails"]:
            chk.contact(where, "email", email, iso3)
        # (a date ingest reads, under the source's date_order or unambiguous, is no error)
        if rec["last_checked_raw"] and normalise.normalise_date(rec["last_checked_raw"],
                                                                rec.get("date_order", ""))[1]:
            chk._date(where, LAST_CHECKED, rec["last_checked_raw"])
        own = {_key(c) for f in ("phones", "sms", "whatsapp", "emails", "websites")
               for c in rec[f]}
        chk.personal_data(where, "description", rec["description"], own, iso3, mapped=True)


# --------------------------------------------------------------------------- command line
def validate(files: list[Path], sources: Path | None = None, source_id: str = "",
             names: bool = False) -> Checker:
    """Check ``files``; returns the Checker holding every :class:`Problem`. ``names``: also
    look for people's names in descriptions (templates only; loads spaCy models)."""
    from pipeline.config import ConfigError, load_params

    try:
        regions = load_params().privacy.phone_regions
    except ConfigError:
        regions = Checker().phone_regions
    chk = Checker(regions, names)
    if sources:
        for f in files or [None]:
            check_mapped(f, sources, source_id, chk)
        _check_not_empty(files, chk)
        return chk
    grids: dict = {}
    for f in files:
        if not f.exists():
            chk.add("error", str(f), "", "file not found", "check the path")
        elif f.suffix.lower() in (".xlsx", ".xlsm"):
            check_workbook(f, chk)
        elif f.suffix.lower() in (".csv", ".tsv", ".txt"):
            check_csv(f, chk, grids)
        else:
            chk.add("error", f.name, "", f"extension '{f.suffix}' is not a template",
                    "send the template as .xlsx or its two CSV files; for another shape "
                    "(JSON...), check it with --sources FILE --source ID")
    if grids:
        _check_rows(" + ".join(f.name for f in files if f.suffix.lower() != ".xlsx"), grids, chk)
    _check_not_empty(files, chk)
    return chk


def _check_not_empty(files: list, chk: Checker) -> None:
    """No row read at all (a header only: the empty template sent back) is an error, as the
    pipeline's ingest stage refuses it, not a file 'ready to send'."""
    if chk.rows == 0 and not any(p.severity == "error" for p in chk.problems):
        chk.add("error", " + ".join(str(f.name) for f in files if f) or "the mapped file", "",
                "no data rows: there is nothing under the header", "fill in the services, one per row")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="pipeline validate", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path, help="filled template (.xlsx) or its "
                        "CSV files, or a file mapped by --sources/--source")
    parser.add_argument("--sources", type=Path, help="a sources file mapping the file")
    parser.add_argument("--source", default="", help="the source id in --sources")
    parser.add_argument("--report", type=Path, help="also write the messages to this file")
    parser.add_argument("--names", action="store_true", help="also look for people's names in "
                        "descriptions (the privacy stage's slower check, with spaCy)")
    args = parser.parse_args(argv)
    if not args.files and not args.sources:
        parser.error("give a file to check (make validate FILE=returned.xlsx)")
    started = time.perf_counter()
    from pipeline.config import ConfigError

    try:
        chk = validate(args.files, args.sources, args.source, args.names)
    except ConfigError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    errors = sum(p.severity == "error" for p in chk.problems)
    warnings = len(chk.problems) - errors
    lines = [p.line() for p in chk.problems]
    lines.append(f"{chk.rows} row(s) checked: {errors} error(s), {warnings} warning(s)"
                 f"{' - fix the errors before sending' if errors else ' - ready to send'} "
                 f"({time.perf_counter() - started:.2f} s)")
    print("\n".join(lines))
    if args.report:
        from pipeline import storage

        storage.write_text(args.report, "\n".join(lines) + "\n")
    return 1 if errors else 0
