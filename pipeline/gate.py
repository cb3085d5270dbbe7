"""Stage 7, privacy gate: nothing that identifies a person may leave in a published output.

Scans every text file under ``report/`` and ``figures/`` (HTML, JSON, CSV, SVG, Markdown; the
PDF is rendered from the scanned HTML) for:

- canary values planted in the data (``params.privacy.canaries``);
- respondent identifiers (the raw IDs in the private respondent key) and respondent
  pseudonyms (``R-0001``: quotes never carry one);
- personal data the privacy stage replaced (values in the private pseudonym key), and long
  spans of the original, un-pseudonymised note text around them;
- e-mail addresses and phone numbers that are not public service contacts from the directory.

Any hit fails the build: each is printed with file, line and column (the value itself is
masked), the published folders are moved to ``private/quarantine/`` so that nothing leaking
stays published, and the stage exits non-zero. On success it writes
``report/privacy_gate.json`` (files scanned, checks run).
"""
from __future__ import annotations

import csv
import re
import shutil
import sys
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from pipeline import io as pio
from pipeline.config import load_params
from pipeline.paths import Outputs
from pipeline.pii import EMAIL, PublicFacts

TEXT_SUFFIXES = {".html", ".json", ".csv", ".svg", ".md", ".txt"}
PSEUDONYM = re.compile(r"\bR-\d{4}\b")
# Not text about people: embedded images, UUIDs, hashes and HTML ids (digit runs in them
# would read as phone numbers). They are blanked before scanning.
NOT_TEXT = re.compile(r"data:image/[a-z+]+;base64,[A-Za-z0-9+/=]+"
                      r"|\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b"
                      r"|\b[0-9a-f]{16,}\b|\bid=\"[^\"]*\"", re.IGNORECASE)
MIN_VALUE = 4  # shorter replaced values ('Max') are too common to search for verbatim
CONTEXT = 25  # characters of original text on each side of a replaced value


@dataclass(frozen=True)
class Hit:
    path: Path
    line: int
    column: int
    kind: str
    value: str

    def __str__(self) -> str:
        masked = self.value[:2] + "…" if len(self.value) > 2 else "…"
        return f"{self.path}:{self.line}:{self.column}: {self.kind} ({masked})"


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _read_key(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def needles(out: Outputs) -> list[tuple[str, str]]:
    """(kind, value) pairs that must never appear in a published file."""
    import pandas as pd

    params = load_params()
    found = [("canary", c) for c in params.privacy.canaries]
    found += [("respondent ID", r["raw_id"]) for r in _read_key(out.respondent_key) if r["raw_id"]]
    key = _read_key(out.pseudonym_key)
    # Names and places are searched as written ('Karim', not the word 'games' a false
    # positive of the privacy stage may share); contacts in any case.
    found += [("replaced name or place" if r["kind"] in ("PERSON", "PLACE")
               else "replaced personal data", r["value"]) for r in key if len(r["value"]) >= MIN_VALUE]
    if out.notes_raw.exists():  # original text around each replaced value
        raw = pd.read_parquet(out.notes_raw)
        values = [v for kind, v in found if kind.startswith("replaced")]
        for text in list(raw["text_original"]) + list(raw["text_en"]):
            low = text.casefold()
            for v in values:
                i = low.find(v.casefold())
                if i != -1:
                    found.append(("original note text",
                                  text[max(0, i - CONTEXT): i + len(v) + CONTEXT]))
    return found


def scan_text(path: Path, text: str, needles_, public: PublicFacts, phone_regions) -> list[Hit]:
    import phonenumbers

    hits = []
    low = text.casefold()
    for kind, value in needles_:
        exact = kind == "replaced name or place"
        for m in re.finditer(re.escape(value if exact else value.casefold()), text if exact else low):
            if kind.startswith("replaced") and (
                    (m.start() > 0 and low[m.start() - 1].isalnum())
                    or (m.end() < len(low) and low[m.end()].isalnum())):
                continue  # part of a longer word
            hits.append(Hit(path, *_position(text, m.start()), kind, value))
    for m in PSEUDONYM.finditer(text):
        hits.append(Hit(path, *_position(text, m.start()), "respondent pseudonym", m.group(0)))
    for m in EMAIL.finditer(text):
        if m.group(0).casefold() not in public.emails:
            hits.append(Hit(path, *_position(text, m.start()), "e-mail address", m.group(0)))
    if path.suffix != ".svg":  # SVG path data is numbers, not text
        for region in phone_regions:
            for m in phonenumbers.PhoneNumberMatcher(text, region,
                                                     leniency=phonenumbers.Leniency.VALID):
                digits = re.sub(r"\D", "", m.raw_string)
                if len(digits) >= 7 and digits not in public.numbers:
                    hits.append(Hit(path, *_position(text, m.start), "phone number", m.raw_string))
    return sorted(set(hits), key=lambda h: (str(h.path), h.line, h.column))


def published_files(out: Outputs) -> list[Path]:
    return sorted(p for folder in (out.report, out.figures) if folder.exists()
                  for p in folder.rglob("*") if p.is_file() and p.suffix in TEXT_SUFFIXES
                  and p != out.gate_result)


def check(out: Outputs) -> tuple[list[Hit], list[Path]]:
    params = load_params()
    public = PublicFacts.from_services(pio.read_table(out.services))
    needles_ = needles(out)
    files = published_files(out)
    hits = []
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        # Embedded images are not text; blank them out (same length keeps positions right).
        text = NOT_TEXT.sub(lambda m: " " * len(m.group(0)), text)
        hits += scan_text(path, text, needles_, public, params.privacy.phone_regions)
    return hits, files


def quarantine(out: Outputs) -> Path:
    """Move the published folders under private/ so nothing leaking stays published."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    target = out.private / "quarantine" / stamp
    target.mkdir(parents=True, exist_ok=True)
    out.private.chmod(0o700)
    for folder in (out.report, out.figures):
        if folder.exists():
            shutil.move(str(folder), str(target / folder.name))
    return target


def run(out: Outputs) -> None:
    hits, files = check(out)
    if hits:
        for h in hits[:50]:
            print(f"[gate] LEAK {h}", file=sys.stderr)
        if len(hits) > 50:
            print(f"[gate] ... and {len(hits) - 50} more", file=sys.stderr)
        where = quarantine(out)
        raise SystemExit(f"error: privacy gate: {len(hits)} leak(s) in published outputs; "
                         f"report/ and figures/ moved to {where}")
    pio.write_json(out.gate_result, {"files_scanned": len(files), "leaks": 0,
                                     "checks": ["canaries", "respondent IDs", "respondent pseudonyms",
                                                "replaced personal data", "original note text",
                                                "e-mail addresses", "phone numbers"]})
    print(f"[gate] {len(files)} published files scanned: no leaks")
