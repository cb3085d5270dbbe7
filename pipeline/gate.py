"""Stage 7, privacy gate: nothing that identifies a person may leave in a published output.

Scans everything under ``report/`` and ``figures/``, at any depth: text files (HTML, JSON,
CSV, SVG, Markdown, text), the PDF's text page by page (PDFium), XLSX workbooks cell by cell
(openpyxl) and the members of ZIP archives (``.zip``, and ``.qdpx`` REFI-QDA projects). Rules:

- ``canary``: values planted in the data (``params.privacy.canaries``);
- ``respondent ID``: the raw IDs in the private respondent key; an ID shorter than 4
  characters, or all digits and shorter than 6, is matched only as the value of an ID-like
  JSON field (``"respondent": "12"``): a count of 12 in a table is not respondent 12;
- ``respondent pseudonym`` (``R-0001``) and ``pseudonym token`` (``[PERSON_3]``): quotes never
  carry either;
- ``replaced personal data``: every value the privacy stage replaced (private pseudonym key),
  and each part of it: a person's given name and surname alone, a handle's stem and its name
  parts, an e-mail's local part, as whole words in any case; a name that is also a common
  English word ('Summer') is matched as written, and a lower-case common word replaced by
  over-caution ('thin') is not searched. A value that is also in the public service directory (a service's
  name or description) is not searched: published directory text legitimately contains it;
  nor is one that is an ordinary word, by the lists, of every language the privacy stage
  read it in ('Les' in a French note, 'Peer': :func:`pipeline.pii.recognisers.ordinary_word`);
- ``original note text``: 25 characters of the un-pseudonymised note around a replaced value,
  unless the privacy stage left that same text as it is in another note (shared text);
- ``e-mail address`` / ``phone number``: any not among the directory's public contacts. Public
  numbers are read from the directory with the parser the scan uses
  (:func:`pipeline.pii.phones`), so a number written inside a description never fires; a
  decimal figure ('26.900000') is no phone number;
- ``second detector``: the privacy stage's own recognisers run again, independently of its
  key, over the note-derived parts of ``findings.json`` (quotes, note topic labels and terms,
  findings' quotes and advisors' comments); a topic's label, terms and keywords are each read
  in their own language where the Lingua detector is sure ('botão denunciar' as Portuguese),
  and a handle without '@' among them that is an ordinary word of a note language and no
  given name ('konto blockieren') is not a hit, nor a person, place or school made only of
  ordinary words and school or cue words ('school peer': :func:`_no_name_in`).

Any hit fails the build: each is printed with file and place (line and column; page for the
PDF; sheet and cell for XLSX; member for ZIP) and its rule, the value masked; the published
folders are moved to ``private/quarantine/`` and the stage exits non-zero. A published file
that cannot be read (a damaged PDF, workbook or archive) is a hit too, named 'unreadable' with
the reason: what the gate cannot check does not pass. On success it writes
``report/privacy_gate.json`` (files scanned, rules run).
"""
from __future__ import annotations

import csv
import io
import json
import re
import shutil
import sys
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from pipeline import paths, storage, workers
from pipeline.config import load_params
from pipeline.paths import Outputs
from pipeline.phrases import fold, is_word
from pipeline.pii import EMAIL, TOKEN, Pseudonymiser, PublicFacts
from pipeline.pii.lexicon import (
    LANGUAGES,
    LEMMA_TABLES,
    detected_language,
    is_given_name,
    lexicon,
    text_language,
    vocabulary,
    zipf,
)
from pipeline.pii.recognisers import MIN_PHONE_DIGITS, cue_word, decimal_number, ordinary_word, phone_windows
from pipeline.pii.second_detector import SecondDetector

# .qdc and .qde: REFI-QDA codebook and project XML; .qdpx: a REFI-QDA project (a ZIP).
TEXT_SUFFIXES = {".html", ".json", ".csv", ".svg", ".md", ".txt", ".tsv", ".xml", ".yaml", ".qdc",
                 ".qde"}
ZIP_SUFFIXES = {".zip", ".qdpx"}
SCANNED_SUFFIXES = TEXT_SUFFIXES | ZIP_SUFFIXES | {".pdf", ".xlsx"}
PSEUDONYM = re.compile(r"\bR-\d{4}\b")
# Not text about people: embedded images, UUIDs, hashes, HTML ids and inline SVG geometry
# (the report's map: path data '-16.4 120.3' and viewBox '-180 -84 360 142' read as phone
# numbers). They are blanked before scanning. Submitted text is HTML-escaped, so it cannot
# open an attribute.
# Each kind is blanked by its own expression, tried only where the text holds its marker (a
# literal, or a run of 8 hexadecimal digits): one alternation of them all, case-insensitive
# and opening with '\b', read the published pieces of the 10,000-service, shared and demo
# runs in 15.2 s; apart and gated, in 7.1 s, with the same text blanked (2026-12-06).
NOT_TEXT_KINDS = (
    ("data:image", re.compile(r"data:image/[a-z+]+;base64,[A-Za-z0-9+/=]+", re.IGNORECASE), False),
    ("<style", re.compile(r"<style[^>]*>.*?</style>", re.IGNORECASE | re.DOTALL), False),
    # (a UUID, or 16 hexadecimal digits or more)
    ("", re.compile(r"\b[0-9a-fA-F]{8}(?:(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}|[0-9a-fA-F]{8,})\b"), False),
    # (an id only as a whole word: 'id=', not the 'guid=' of QDPX; '\b' before it was the slow part)
    ('id="', re.compile(r"[iI][dD]=\"[^\"]*\""), True),
    ("<path", re.compile(r"<path\b[^>]*?\sd=\"[^\"]*\"", re.IGNORECASE | re.DOTALL), False),
    ("viewbox", re.compile(r"\sviewbox=\"[^\"]*\"", re.IGNORECASE), False))
_HEX_RUN = re.compile(r"[0-9a-fA-F]{8}")   # the marker of the hexadecimal kinds (UUIDs, hashes)


def blank_not_text(text: str) -> str:
    """``text`` with what is not text about people (:data:`NOT_TEXT_KINDS`) blanked by spaces,
    the same length."""
    low = text.lower()
    for marker, pattern, whole_word in NOT_TEXT_KINDS:
        if marker in low if marker else _HEX_RUN.search(text):
            text = pattern.sub(_blank_whole_word if whole_word else _blank, text)
    return text


def _blank(m: re.Match) -> str:
    return " " * len(m.group(0))


def _blank_whole_word(m: re.Match) -> str:
    before = m.string[m.start() - 1] if m.start() else " "
    return m.group(0) if before.isalnum() or before == "_" else _blank(m)


MIN_VALUE = 3   # shorter replaced values are too common to search for verbatim
SHORT_ID = 4    # respondent IDs shorter than this are matched only as whole fields
CONTEXT = 25    # characters of original text on each side of a replaced value
NAME_KINDS = {"PERSON", "PLACE", "SCHOOL"}


@dataclass(frozen=True)
class Hit:
    path: str        # file, with '!member' for a ZIP member
    where: str       # 'line 3, column 5', 'page 2', 'sheet Data, cell B4'
    kind: str        # the rule
    value: str

    def __str__(self) -> str:
        masked = self.value[:2] + "…" if len(self.value) > 2 else "…"
        return f"{self.path}: {self.where}: {self.kind} ({masked})"


@dataclass(frozen=True)
class Needle:
    kind: str
    value: str
    exact: bool = False        # case-sensitive, whole word
    whole_field: bool = False  # only as a whole JSON string value


def _position(text: str, offset: int, first_line: int = 1, first_column: int = 1) -> str:
    """'line L, column C' of ``offset`` in ``text``, a piece of a file that starts at line
    ``first_line``, column ``first_column``."""
    line = text.count("\n", 0, offset) + first_line
    line_start = text.rfind("\n", 0, offset) + 1
    column = offset - line_start + (first_column if line_start == 0 else 1)
    return f"line {line}, column {column}"


# A published text file is read and scanned in pieces of about this many characters, cut at
# line ends, so no scan holds a whole file: at 100,000 records the coding project's XML is
# 710 MB (138 MB zipped) and, decoded whole, took a gate worker to 6.6 GB. Needles and
# recognisers match within a line, so the hits are those of the whole text. A line longer
# than this (the report's HTML is one 46 MB line at 100,000 records) is cut too, and the next
# piece repeats its last OVERLAP characters, more than any value searched for spans (a hit
# there can be reported twice).
TEXT_PIECE = 4_000_000
OVERLAP = 2_000
STYLE_OPEN, STYLE_CLOSE = re.compile(r"<style\b", re.I), re.compile(r"</style", re.I)


def _pieces(stream: BinaryIO):
    """(piece, first line number, first column) of the UTF-8 text read from ``stream``, cut
    at line ends after :data:`TEXT_PIECE` characters (a longer line after twice that, with
    :data:`OVERLAP`), never inside a ``<style>`` block (blanked whole by :data:`NOT_TEXT_KINDS`)."""
    reader = io.TextIOWrapper(stream, encoding="utf-8", errors="replace", newline="")
    line, column, carry = 1, 1, ""
    while chunk := reader.read(TEXT_PIECE):
        rest = reader.readline(TEXT_PIECE)
        piece = carry + chunk + rest
        while _inside_style(piece) and (more := reader.readline()):
            piece += more
        yield piece, line, column
        cut = len(rest) == TEXT_PIECE and not rest.endswith("\n")   # inside a long line
        last_line = piece.rfind("\n") + 1
        carry = piece[-OVERLAP:] if cut else ""
        column = (column if last_line == 0 else 1) + len(piece) - last_line - len(carry) if cut else 1
        line += piece.count("\n")
    reader.detach()  # the caller closes the stream


def _inside_style(text: str) -> bool:
    opened = [m.start() for m in STYLE_OPEN.finditer(text)]
    return bool(opened) and not STYLE_CLOSE.search(text, opened[-1])


def _read_key(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _parts(kind: str, value: str) -> list[str]:
    """Parts of a replaced value that identify on their own: 'Darius' and 'Popa' of a name,
    'darius.popa_2009' and 'darius' of '@darius.popa_2009' (not 'girl' of '@sunny_girl_09': a
    common word that is no given name), 'lena.k.2009' of an e-mail."""
    if kind == "PERSON":
        return [p for p in re.findall(r"[^\W\d_]+", value) if len(p) >= MIN_VALUE and p[0].isupper()]
    if kind == "HANDLE":
        # a common word inside a handle ('girl' of '@sunny_girl_09') identifies no one alone
        stem = value.lstrip("@")
        return [stem] + [p for p in re.findall(r"[^\W\d_]+", stem)
                         if len(p) >= 4 and (is_given_name(p) or not _ordinary(p))]
    if kind == "EMAIL":
        local = re.split(r"@|\s*[(\[{]?\s*\bat\b", value, maxsplit=1)[0]
        return [local] if len(local) >= 5 else []
    return []


def needles(out: Outputs, public_text: str = "") -> list[Needle]:
    """What must never appear in a published file. ``public_text``: the directory's own text
    (folded), whose words are not searched as replaced values."""
    params = load_params()
    found = [Needle("canary", c) for c in params.privacy.canaries]
    for r in _read_key(out.respondent_key):
        raw = r["raw_id"].strip()
        if raw:
            short = len(raw) < SHORT_ID or (raw.isdigit() and len(raw) < 6)
            found.append(Needle("respondent ID", raw, whole_field=short))
    key = _read_key(out.pseudonym_key)
    replacements, texts = _replacements(out, {r["token"]: r["value"] for r in key})
    languages: dict[str, set[str]] = {}
    for value, language, _ in replacements:
        languages.setdefault(value.strip(), set()).add(language)
    candidates = [(r["kind"] in NAME_KINDS, v, r["value"].strip()) for r in key
                  for v in [r["value"].strip()] + _parts(r["kind"], r["value"].strip())
                  if len(v) >= MIN_VALUE]
    public = _public_words(public_text, {v for name_like, v, _ in candidates if name_like})
    replaced: list[Needle] = []
    for name_like, v, whole in candidates:
        if name_like and (v.casefold() in public or _ordinary(v) or _ordinary_in(v, languages.get(whole))):
            continue
        # Any case ('maria' found, 'Maria' published), except a name that is also a
        # common word ('Summer', 'Reading'), which is searched as written.
        replaced.append(Needle("replaced personal data", v, exact=name_like and _word_like(v)))
    found += list(dict.fromkeys(replaced))
    found += _original_contexts(replacements, texts)
    return list(dict.fromkeys(found))


def _ordinary_in(value: str, languages: set[str] | None) -> bool:
    """An ordinary word ('Les', 'Peer', 'Instagram') in every language the privacy stage read
    it in (:func:`pipeline.pii.recognisers.ordinary_word`): replaced there by over-caution,
    the same word anywhere else is the word, not the note's person. It is still searched in
    its own note's context (:func:`_original_contexts`)."""
    return bool(languages) and all(ordinary_word(value, lang) for lang in languages)


def _replacements(out: Outputs, values: dict[str, str]) -> tuple[list[tuple[str, str, str]], list[str]]:
    """(value, language, original text) for each value the privacy stage replaced in a note or
    its English translation: in the raw note whose pseudonymised text carries the token (not
    wherever the word occurs); and every pseudonymised text. ``language`` is the one the stage
    read the text in (ISO 639-3; :func:`pipeline.pii.lexicon.text_language`)."""
    import pandas as pd

    if not (out.notes_raw.exists() and out.notes.exists()):
        return [], []
    raw = pd.read_parquet(out.notes_raw).set_index("note_id")
    found, texts = [], []
    for note in pd.read_parquet(out.notes, columns=["note_id", "language", "text", "text_en"]).itertuples():
        for original, done, label in ((raw.at[note.note_id, "text_original"], note.text, note.language),
                                      (raw.at[note.note_id, "text_en"], note.text_en, "eng")):
            texts.append(done)
            tokens = {m.group(0) for m in TOKEN.finditer(done)} & values.keys()
            if tokens:
                language = text_language(original, label or "eng")
                found += [(values[t], language, original) for t in tokens]
    return found, texts


def _original_contexts(replacements: list[tuple[str, str, str]], texts: list[str]) -> list[Needle]:
    """The original text around each replaced value (:data:`CONTEXT` characters each side),
    except a context that the privacy stage left as it is in some pseudonymised text
    (``texts``): such text is shared by several notes (a sentence pasted again, a template
    answer), not this note's own ('Peer supporters at school were the first...' replaced in
    one note, kept in others). A name inside it is still searched as a replaced value."""
    contexts = []
    for value, _, original in replacements:
        i = original.casefold().find(value.casefold()) if len(value) >= 4 else -1
        if i != -1:
            contexts.append(Needle("original note text",
                                   original[max(0, i - CONTEXT): i + len(value) + CONTEXT]))
    contexts = list(dict.fromkeys(contexts))
    if not contexts:
        return []
    index = NeedleIndex(contexts)
    shared = {n for _, n in index.find("\n".join(texts))}
    return [n for n in contexts if n not in shared]


def _word_like(value: str) -> bool:
    """A common English word ('Summer', 'thin'): such a value is matched as written."""
    from pipeline.pii.lexicon import zipf

    return zipf(value, "eng") >= 3.0


def _ordinary(value: str) -> bool:
    """A lower-case common word ('thin', 'night'): replaced by over-caution, and searching it
    verbatim would fire on every page. Capitalised values are searched as written."""
    return value[:1].islower() and _word_like(value)


def _public_words(public_text: str, values: set[str]) -> set[str]:
    """The casefolded ``values`` found as whole words in ``public_text`` (already casefolded):
    one pass over the text for all of them."""
    if not public_text:
        return set()
    index = NeedleIndex([Needle("replaced personal data", v.casefold(), exact=True) for v in values])
    return {n.value for _, n in index.find(public_text)}


# An ID-like JSON field or CSV column and its value: short respondent IDs are matched only
# there (the value is looked up in a set, so the cost does not grow with the IDs).
ID_FIELD = re.compile(r'"(?:[\w ]*id|respondent[\w ]*|raw_id)"\s*:\s*"([^"]*)"', re.IGNORECASE)


class NeedleIndex:
    """Every :class:`Needle` searched in one pass over a text, whatever their number: an
    Aho–Corasick automaton (pyahocorasick) over the case-folded values, then each candidate
    checked for its rule (as written for ``exact``; whole words for replaced personal data),
    and whole-field values (short respondent IDs) looked up in a set per ID-like field
    (:data:`ID_FIELD`). Time is linear in the text plus the matches; building is linear in
    the needles. Replaces one regular expression per needle per text (2,000 values over a
    1.6 MB CSV: 431 s; scripts/gate_scale.py)."""

    def __init__(self, needles_: list[Needle]):
        import ahocorasick

        self.fields: dict[str, list[Needle]] = {}
        self._automaton = ahocorasick.Automaton()
        for n in dict.fromkeys(needles_):
            if n.whole_field:
                self.fields.setdefault(fold(n.value), []).append(n)
            elif n.value:
                key = fold(n.value)
                found = self._automaton.get(key, None)
                if found is None:
                    self._automaton.add_word(key, [n])
                else:
                    found.append(n)
        self.empty = not len(self._automaton)
        if not self.empty:
            self._automaton.make_automaton()

    def find(self, text: str) -> list[tuple[int, Needle]]:
        """(offset, needle) of every match in ``text``."""
        found = []
        if self.fields:
            for m in ID_FIELD.finditer(text):
                found += [(m.start(), n) for n in self.fields.get(fold(m.group(1)), ())]
        if self.empty:
            return found
        for end, candidates in self._automaton.iter(fold(text)):
            start = end + 1 - len(candidates[0].value)
            for n in candidates:
                if n.exact and text[start:end + 1] != n.value:
                    continue
                if n.kind == "replaced personal data" and (
                        (start > 0 and is_word(text[start - 1]))
                        or (end + 1 < len(text) and is_word(text[end + 1]))):
                    continue
                found.append((start, n))
        return found


def scan_text(path: str, text: str, needles_: NeedleIndex | list[Needle], public: PublicFacts,
              phone_regions, where=None, detector: SecondDetector | None = None) -> list[Hit]:
    """Hits in one text. ``needles_``: a :class:`NeedleIndex` (build it once for many texts)
    or a list of needles; ``where(offset)`` names the place (default: line and column);
    ``detector``: the independent second detector, run over the text too when given."""
    import phonenumbers

    where = where or (lambda offset: _position(text, offset))
    index = needles_ if isinstance(needles_, NeedleIndex) else NeedleIndex(needles_)
    hits = [Hit(path, where(offset), n.kind, n.value) for offset, n in index.find(text)]
    # (each expression only where its literal part is: most published text has neither)
    for m in PSEUDONYM.finditer(text) if "R-" in text else ():
        hits.append(Hit(path, where(m.start()), "respondent pseudonym", m.group(0)))
    for m in TOKEN.finditer(text):
        hits.append(Hit(path, where(m.start()), "pseudonym token", m.group(0)))
    for m in EMAIL.finditer(text) if "@" in text else ():
        if m.group(0).casefold() not in public.emails:
            hits.append(Hit(path, where(m.start()), "e-mail address", m.group(0)))
    # SVG path data is numbers, not text; a PDF's extracted text glues table cells into digit
    # runs ('1395 433 0 962'), and every PDF here is rendered from HTML scanned in full.
    if not path.endswith((".svg", ".pdf")):
        for s, e in phone_windows(text, public.numbers):
            for region in phone_regions:
                for m in phonenumbers.PhoneNumberMatcher(text[s:e], region,
                                                         leniency=phonenumbers.Leniency.VALID):
                    if (len(re.sub(r"\D", "", m.raw_string)) >= MIN_PHONE_DIGITS
                            and not decimal_number(m.raw_string)
                            and not public.is_public_number(m.raw_string)):
                        hits.append(Hit(path, where(s + m.start), "phone number", m.raw_string))
    if detector is not None:
        for s, e, rule in detector.leaks(text):
            if not (rule.endswith(": phone") and path.endswith((".svg", ".pdf"))):
                hits.append(Hit(path, where(s), rule, text[s:e]))
    return sorted(set(hits), key=lambda h: (h.path, h.where))


def _pdf_pages(stream: BinaryIO):
    """Each page's text of a PDF, in order, by PDFium (pypdfium2), lines joined by '\\n'.
    PDFium reads the report's 33 pages in 0.1 s where pypdf took 3.4 s, with the same words
    (measured on the demo report, 2026-12-06); the gate runs after every rebuild."""
    import pypdfium2

    doc = pypdfium2.PdfDocument(stream.read())
    try:
        for i in range(len(doc)):
            page = doc[i]
            textpage = page.get_textpage()
            yield textpage.get_text_bounded().replace("\r\n", "\n")
            textpage.close()
            page.close()
    finally:
        doc.close()


def _texts(path: Path, data: bytes | BinaryIO, name: str):
    """(name, text, where) for each scannable text inside one published file, its content given
    as bytes or a binary stream; text files are read in pieces (:func:`_pieces`)."""
    stream = io.BytesIO(data) if isinstance(data, bytes) else data
    suffix = Path(name).suffix.lower()
    if suffix in TEXT_SUFFIXES:
        for piece, line, column in _pieces(stream):
            text = blank_not_text(piece)
            yield name, text, (None if (line, column) == (1, 1) else
                               lambda o, p=text, line=line, c=column: _position(p, o, line, c))
    elif suffix == ".pdf":
        yield from ((name, text, (lambda _o, i=i: f"page {i}"))
                    for i, text in enumerate(_pdf_pages(stream), start=1))
    elif suffix == ".xlsx":
        from openpyxl import load_workbook

        wb = load_workbook(stream, read_only=True, data_only=True)
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    if cell.value is not None and hasattr(cell, "coordinate"):
                        yield name, str(cell.value), (lambda _o, s=ws.title, c=cell.coordinate:
                                                      f"sheet {s}, cell {c}")
    elif suffix in ZIP_SUFFIXES:
        with zipfile.ZipFile(stream) as z:
            for member in z.namelist():
                if Path(member).suffix.lower() in SCANNED_SUFFIXES:
                    with z.open(member) as m:
                        yield from _texts(path, m, f"{name}!{member}")


def published_files(out: Outputs) -> list[Path]:
    """The files under ``report/`` and ``figures/`` the gate scans: not its own result, and not
    the submitter kit (``make submitter-kit``), which is written from the codebook and the
    country lists alone, never from submitted data or notes (its country drop-down's
    'Saint Lucia' was read as a person and quarantined the whole report)."""
    return sorted(p for folder in (out.report, out.figures) if folder.exists()
                  for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in SCANNED_SUFFIXES
                  and p != out.gate_result and out.submitter_kit not in p.parents)


def second_detector(out: Outputs, public: PublicFacts, phone_regions) -> list[Hit]:
    """The recognisers, run again over what in ``findings.json`` comes from notes."""
    if not out.findings.exists():
        return []
    f = json.loads(out.findings.read_text(encoding="utf-8"))
    pseudo = Pseudonymiser(phone_regions, public)
    texts = [(f"quotes[{i}]", x["text"], "eng") for i, q in enumerate(f.get("quotes", []))
             for x in q["quotes"]]
    # A topic's label (keywords joined by ' / '), terms and keywords come from notes in many
    # languages: each is read in its own where the detector is sure ('botão denunciar', report
    # button, read as English made 'botão' a name and failed the 100,000-record run), else as
    # English.
    texts += [(f"topics.notes[{i}]", term, detected_language(term) or "eng")
              for i, t in enumerate(f.get("topics", {}).get("notes", []))
              for term in dict.fromkeys([*t["label"].split(" / "), *t["terms"], *t.get("keywords", [])])]
    for i, x in enumerate(f.get("findings", [])):  # findings' quotes and advisors' comments
        texts += [(f"findings[{i}].evidence.quotes", q["text"], "eng")
                  for q in x.get("evidence", {}).get("quotes", [])]
        texts += [(f"findings[{i}].review.comments", c, "eng")
                  for c in x.get("review", {}).get("comments", {}).get("texts", [])]
    hits = []
    for where, text, language in texts:
        clean = text.replace("[a name]", "").replace("[a place]", "").replace("[a school]", "")
        for s, e, kind in pseudo.spans(clean, language):
            value = clean[s:e]
            if not (where.startswith("topics.") and (
                    kind == "HANDLE" and _word_of_a_note_language(value)
                    or kind in NAME_KINDS and _no_name_in(value, language))):
                hits.append(Hit(str(out.findings), where, f"second detector: {kind}", value))
    return hits


def _no_name_in(value: str, language: str) -> bool:
    """A topic's term is lower case, and the recognisers read a lower-case text with its
    given-name words capitalised, so 'school peer' read as a school named Peer and failed a
    10,000-record synthetic run. A person, place or school found in a term is no hit when
    every word of it is an ordinary word by the lists ('peer', 'hope':
    :func:`pipeline.pii.recognisers.ordinary_word`, as for the replaced values searched) or a
    school, class or cue word of the lexicon ('school', 'friend'); 'my friend darius' is still a
    hit."""
    lex = lexicon(language)
    return all(ordinary_word(w, language) or cue_word(w, lex) for w in re.findall(r"[^\W\d_]+", value))


def _word_of_a_note_language(value: str) -> bool:
    """A topic's terms come from notes in many languages and are read here as English: after
    'konto' (account) the German 'blockieren' of the keyword 'konto blockieren' looks like a
    handle written without '@' (a 10,000-record synthetic run failed on it). Such a 'handle'
    in a topic is not reported when it is an ordinary word of one of the notes' languages
    (spaCy's lemma tables, :func:`pipeline.pii.lexicon.vocabulary`, or a wordfreq Zipf
    frequency of :data:`COMMON_ZIPF` or more: the tables lack most adverbs, and
    'instagram sinceramente' failed the 100,000-record run) and no given name."""
    return value.isalpha() and not is_given_name(value) and (
        any(value.casefold() in vocabulary(language) for language in LEMMA_TABLES)
        or max(zipf(value, language) for language in LANGUAGES) >= COMMON_ZIPF)


COMMON_ZIPF = 3.5  # about 3 uses per million words: a common word, no one's handle


def check(out: Outputs) -> tuple[list[Hit], list[Path]]:
    params = load_params()
    services = storage.read_table(out.services)
    regions = params.privacy.phone_regions
    public = PublicFacts.from_services(services, regions)
    public_text = " ".join(list(services["name"]) + list(services["organization_name"])
                           + list(services["description"])).casefold()
    needles_ = NeedleIndex(needles(out, public_text))
    # The codebook is project-written public text (published as .qdc and inside the .qdpx):
    # its cue words ('Mädchen') are not personal data.
    codebook_text = paths.codebook_file().read_text(encoding="utf-8")
    detector = SecondDetector(public, _all_text(services) + "\n" + codebook_text,
                              note_words(out), tuple(regions), line_store=out.gate_cache)
    files = published_files(out)
    # The recognisers over the findings first (at 10,000 services a quarter of the gate's
    # work: run after the files, they kept one core idle while the other read the largest),
    # then the largest files first, one per worker, so that the largest run side by side.
    tasks = [FINDINGS_TASK] + sorted(files, key=lambda p: -p.stat().st_size)
    in_parallel = workers.parallel(sum(p.stat().st_size for p in files), PARALLEL_FROM_BYTES)
    if in_parallel and not detector.store.lines:
        # a cold run: loaded once, before the workers fork, so they share it (a warm run
        # reads most lines from the line store, and a worker loads the models on a miss)
        detector.warm_up()
    found = dict(zip(tasks, workers.ordered_map_shared(
        _scan_file, (needles_, public, regions, detector, out), tasks, in_parallel)))
    hits = [h for path in files for h in found[path]]
    hits += found[FINDINGS_TASK]
    return hits, files


FINDINGS_TASK = "findings"   # the gate's task that runs :func:`second_detector`


# Published bytes from which the files are scanned on one forked worker per core (the 10,000-
# service benchmark publishes 60 MB; the demo report 4 MB, scanned faster in one process).
PARALLEL_FROM_BYTES = 20_000_000


# What a damaged PDF (PDFium: a RuntimeError), ZIP, QDPX or XLSX raises when read.
UNREADABLE = (RuntimeError, ValueError, KeyError, EOFError, OSError, zipfile.BadZipFile)
UNREADABLE_KIND = "unreadable"   # the rule named in such a file's hit


def _scan_file(shared, path: Path | str) -> list[Hit]:
    """The hits in one published file, or those of :func:`second_detector` for
    :data:`FINDINGS_TASK`. ``shared``: (needle index, public facts, phone regions, second
    detector, outputs), inherited by forked workers."""
    needles_, public, regions, detector, out = shared
    if path == FINDINGS_TASK:
        return second_detector(out, public, regions)
    hits: list[Hit] = []
    with path.open("rb") as stream:
        texts = _texts(path, stream, str(path))
        while True:
            try:   # (only reading is guarded: an error in a rule is a bug, not a bad file)
                name, text, where = next(texts)
            except StopIteration:
                break
            except UNREADABLE as e:
                # a published file the gate cannot read cannot pass: it fails the build by name
                hits.append(Hit(str(path), "whole file", f"{UNREADABLE_KIND} ({type(e).__name__}: {e})", ""))
                break
            hits += scan_text(name, text, needles_, public, regions, where, detector)
    if detector is not None:
        detector.store.flush()   # the lines this worker read, for the next run
    return hits


def _all_text(services) -> str:
    """Every text of the services table (names, descriptions, channel labels, evidence lines,
    lists of texts): the directory's public words."""
    parts = []
    for col in services.columns:
        for v in services[col]:
            if isinstance(v, str):
                parts.append(v)
            elif hasattr(v, "__iter__") and not isinstance(v, (bytes, dict)):
                parts += [x for x in v if isinstance(x, str)]
    return " ".join(parts)


def note_words(out: Outputs) -> frozenset[str] | None:
    """Folded words (3+ letters) of the raw notes and their translations; None without notes."""
    import pandas as pd

    from pipeline.pii.lexicon import fold

    if not out.notes_raw.exists():
        return None
    raw = pd.read_parquet(out.notes_raw, columns=["text_original", "text_en"])
    return frozenset(fold(w) for col in raw.columns for t in raw[col].dropna()
                     for w in re.findall(r"[^\W\d_]{3,}", t))


def quarantine(out: Outputs) -> Path:
    """Move the published folders under private/ so nothing leaking stays published."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = out.private / "quarantine" / stamp
    target.mkdir(parents=True, exist_ok=True)
    out.private.chmod(0o700)
    for folder in (out.report, out.figures):
        if folder.exists():
            shutil.move(str(folder), str(target / folder.name))
    return target


RULES = ["canaries", "respondent IDs", "respondent pseudonyms", "pseudonym tokens",
         "replaced personal data and its parts", "original note text", "e-mail addresses",
         "phone numbers", "second detector (Presidio) over everything published",
         "second detector over note-derived findings"]


def run(out: Outputs) -> None:
    hits, files = check(out)
    if hits:
        unreadable = sum(h.kind.startswith(UNREADABLE_KIND) for h in hits)
        for h in hits[:50]:
            label = "UNREADABLE" if h.kind.startswith(UNREADABLE_KIND) else "LEAK"
            print(f"[gate] {label} {h}", file=sys.stderr)
        if len(hits) > 50:
            print(f"[gate] ... and {len(hits) - 50} more", file=sys.stderr)
        where = quarantine(out)
        found = f"{len(hits) - unreadable} leak(s)" + (
            f" and {unreadable} file(s) it cannot read" if unreadable else "")
        raise SystemExit(f"error: privacy gate: {found} in published outputs; "
                         f"report/ and figures/ moved to {where}")
    storage.write_json(out.gate_result, {"files_scanned": len(files), "leaks": 0, "checks": RULES})
    print(f"[gate] {len(files)} published files scanned: no leaks")
