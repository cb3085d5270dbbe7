"""Personal data in free text: recognisers, the pseudonymiser and quote rendering.

Public service facts are not personal data (TYPOLOGY.md): names, numbers, websites and e-mail
addresses of services in the directory are never replaced (:class:`PublicFacts`).

Recall and precision are measured, not assumed: ``make bench`` scores the recognisers on the
independent labelled set in ``tests/fixtures/privacy_independent/`` (13 languages, written
without reading the recognisers).
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from pipeline.phrases import Phrases
from pipeline.pii import recognisers as rec
from pipeline.pii.lexicon import (
    fold,
    fold_same_length,
    given_names,
    is_given_name,
    is_word,
    text_language,
    translit,
)
from pipeline.pii.recognisers import EMAIL, HANDLE, URL, phones

__all__ = ["EMAIL", "HANDLE", "URL", "KINDS", "PublicFacts", "Pseudonymiser", "neutral_quote",
           "phones"]

KINDS = ("EMAIL", "URL", "HANDLE", "PHONE", "ADDRESS", "SCHOOL", "PERSON", "PLACE")
# Tokens that a quote may show neutrally; a note with any other replaced kind is not quoted.
NEUTRAL = {"PERSON": "[a name]", "PLACE": "[a place]", "SCHOOL": "[a school]"}
TOKEN = re.compile(r"\[(" + "|".join(KINDS) + r")_\d+\]")


def neutral_quote(text: str) -> str | None:
    """``text`` with person, place and school tokens shown as '[a name]', '[a place]',
    '[a school]'; None when it carries a contact or an address (such a note is not quoted:
    even a neutral mark would say a child disclosed contact details)."""
    kinds = {m.group(1) for m in TOKEN.finditer(text)}
    if kinds - set(NEUTRAL):
        return None
    return TOKEN.sub(lambda m: NEUTRAL[m.group(1)], text)


def _digits(s: str) -> str:
    return re.sub(r"\D", "", s)


@dataclass
class PublicFacts:
    """Service facts that stay: lower-case phrases (names), digit strings, URLs, e-mails.

    Numbers are read from contact fields and from every text of a service record with
    :func:`pipeline.pii.phones`, the parser the privacy gate scans with, so a public number
    written in a description ('01 45 39 40 00 (24-hour)') is public to both."""

    names: list[str] = field(default_factory=list)
    words: set[str] = field(default_factory=set)
    numbers: set[str] = field(default_factory=set)
    urls: list[str] = field(default_factory=list)
    emails: set[str] = field(default_factory=set)
    _held: _FactIndex | None = field(default=None, init=False, repr=False, compare=False)

    @classmethod
    def from_services(cls, services, phone_regions: tuple[str, ...] = ()) -> PublicFacts:
        names = {n.casefold() for n in list(services["name"]) + list(services["organization_name"])
                 if len(n) >= 4}
        numbers = {_digits(p) for col in ("phones", "sms", "whatsapp") if col in services
                   for ps in services[col] for p in ps}
        urls = {cls.url_key(u) for col in ("websites", "chat_urls", "social_urls") if col in services
                for us in services[col] for u in us}
        # a messaging link given as the service's number ('wa.me/41790000000' in its WhatsApp
        # field) is as public as its website: the gate's profile-link rule must not flag it
        urls |= {cls.url_key(v) for col in ("phones", "sms", "whatsapp") if col in services
                 for vs in services[col] for v in vs if "/" in v}
        texts = list(services["description"]) + [v for col in (
            "evidence_lines", "emails", "websites", "chat_urls", "social_urls", "phones", "sms",
            "whatsapp") if col in services for values in services[col] for v in values]
        for t in dict.fromkeys(texts):  # (evidence lines repeat descriptions)
            numbers |= {_digits(t[s:e]) for s, e, _ in phones(t, phone_regions)}
            numbers |= {_digits(m.group(0)) for m in re.finditer(r"\+?\d[\d ()./-]{1,18}\d", t)}
        emails = {m.group(0).casefold() for t in texts for m in EMAIL.finditer(t)}
        # Distinctive words of service names ('KinderNetz' of 'KinderNetz Hilfe Beratung'):
        # notes shorten names. Given names stay out: a child named like a service is a child.
        words = {fold(w) for n in names for w in re.findall(r"[^\W\d_]{5,}", n)
                 if rec.zipf(w, "eng") < 3.0 and not is_given_name(w)}
        return cls(sorted(names, key=len, reverse=True), words, {n for n in numbers if len(n) >= 3},
                   sorted(u for u in urls if u), emails)

    def _index(self) -> _FactIndex:
        """Lookup structures over the facts, built on first use and again if the lists grew
        (callers fill them after construction): a search over every name and number per text
        made the privacy stage quadratic in the directory's size (100,000 services and notes:
        over 90 minutes, measured 2026-12-04)."""
        key = (len(self.names), len(self.numbers), len(self.urls))
        held = self._held
        if held is None or held.key != key:
            long_ = {n.lstrip("0") for n in self.numbers if len(n.lstrip("0")) >= 7}
            held = _FactIndex(key, Phrases(self.names, ignore_case=True, min_len=1), long_,
                              {n[i:] for n in long_ for i in range(len(n) - 6)}, set(self.urls))
            self._held = held
        return held

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Spans of service names (whole words, any case; overlapping ones too) and of their
        distinctive words in ``text``: 'anar' (ANAR) is no public fact inside 'ananarama'."""
        out = [(m.start(), m.end()) for m in re.finditer(r"[^\W\d_]{5,}", text)
               if fold(m.group(0)) in self.words]
        return out + self._index().names.all_spans(text)

    def is_public_number(self, raw: str) -> bool:
        """Whether ``raw`` is a directory number, in any format: national ('07860 022844') and
        international ('+44 7860 022844') forms compare by their digits without the trunk 0
        (a directory number of 7+ such digits that ends ``raw``'s, or that ``raw``'s ends)."""
        d = _digits(raw)
        if d in self.numbers:
            return True
        core = d.lstrip("0")
        index = self._index()
        return any(core[i:] in index.long_numbers for i in range(len(core) - 6)) \
            or (len(core) >= 7 and core in index.number_suffixes)

    @staticmethod
    def url_key(url: str) -> str:
        """'https://www.Site.example/chat/' -> 'site.example/chat': how URLs are compared."""
        return re.sub(r"^(?:https?://)?(?:www\.)?", "", url.strip().casefold()).rstrip("/.,;")

    def is_public_url(self, url: str) -> bool:
        """Whether ``url`` is a directory URL or a page under one."""
        u = self.url_key(url)
        urls = self._index().urls
        return u in urls or any(u[:i] in urls for i, c in enumerate(u) if c == "/")


class _FactIndex(NamedTuple):
    """:class:`PublicFacts`' lookup structures (see ``PublicFacts._index``)."""
    key: tuple[int, int, int]
    names: Phrases
    long_numbers: set[str]     # numbers of 7+ digits without the trunk 0
    number_suffixes: set[str]  # every 7+ digit ending of those
    urls: set[str]


class _Kept(NamedTuple):
    """Spans of one text never replaced."""
    facts: list[tuple[int, int]]     # public facts of the directory (service names)
    bywords: list[tuple[int, int]]   # towns or clubs named as bywords ('tifo Roma')
    others: list[tuple[int, int]]    # public figures; what someone is called ('call me Walrus')

    @property
    def all(self) -> list[tuple[int, int]]:
        return self.facts + self.bywords + self.others


class Pseudonymiser:
    """Replaces personal data in text with stable tokens (``[PERSON_3]``); keeps the key.

    ``spans(text, language)`` finds personal data in one text; ``group(items)`` pseudonymises
    the texts of one respondent together, so that a value found once (a name after a cue, a
    handle's name part) is replaced wherever it recurs in that respondent's notes and their
    translations."""

    def __init__(self, phone_regions: tuple[str, ...], public: PublicFacts | None = None):
        self.phone_regions = tuple(phone_regions)
        self.public = public or PublicFacts()
        self.tokens: dict[tuple[str, str], str] = {}
        self.originals: dict[tuple[str, str], str] = {}
        self._counts: dict[str, int] = {}

    def _token(self, kind: str, value: str) -> str:
        key = (kind, fold(value))
        if key not in self.tokens:
            self._counts[kind] = self._counts.get(kind, 0) + 1
            self.tokens[key] = f"[{kind}_{self._counts[kind]}]"
            self.originals[key] = value  # as first seen
        return self.tokens[key]

    def spans(self, text: str, language: str = "") -> list[rec.Span]:
        """Non-overlapping (start, end, kind) of personal data in ``text``, left to right,
        a value found once replaced wherever it recurs in the text. ``language`` is ISO
        639-3 ('' when unknown: English and the shared rules apply)."""
        return self.group_spans([(text, language)])[0]

    def _found(self, text: str, language: str, kept: _Kept) -> list[rec.Span]:
        """What the recognisers find in one text read in ``language``, before recurrences are
        added; ``kept``: its spans never replaced (:meth:`_kept`)."""
        found = [s for s in rec.contacts(text, language, self.phone_regions) if not self._public(text, s)]
        # (a contact naming a public figure is still someone's: 'mrbeast.gr.giveaway@outlook.com')
        found = [s for s in found if not rec._overlaps(s[:2], kept.facts)]
        # (a postal code looks like a phone number: 'Rua das Flores 123, 4000-123 Porto';
        # streets and schools are named after public figures: 'пр. Ленина 64', so only the
        # addresses without a street word keep clear of them, in rec.addresses)
        contacts = [s[:2] for s in found if s[2] != "PHONE"]
        taken = kept.all + contacts
        named = kept.facts + kept.bywords + contacts
        addresses = rec.addresses(text, language, named)
        found = [s for s in found if s[2] != "PHONE" or not rec.postcode_in(text, s, addresses)]
        # (an address whose flat number runs into a phone number is cut before it: 'Calle Mayor
        # 5, 612 345 678')
        cut = [(a[0], rec._before_protected(text, *a[:2], [s[:2] for s in found]), a[2]) for a in addresses]
        addresses = [a for a in cut if a[1]]
        schools = rec.schools(text, language, named)
        # (a school named after a street or park is the school: 'Wyndham Park School')
        # (nor an address that ends inside a school's name: 'Year 10, Bellenden Park Academy')
        # (but an address whose units run into a class is kept whole when its street and
        # number stand before it: 'passeig de Sant Gervasi 80, 7è B', where '7è B' is the class)
        found += [a for a in addresses if not any(s <= a[0] and a[1] <= e for s, e, _ in schools)
                  and rec._before_protected(text, *a[:2], [(s, e) for s, e, _ in schools if s < a[1] < e])]
        found += schools
        found += rec.parks_and_malls(text, taken + [s[:2] for s in found])
        found += rec.places_by_addresses(text, language, addresses, taken + [a[:2] for a in found])
        # (country names of several words are no person or town: 'Cabo Verde'; but 'Santa Lucia',
        # 'San Martín' are also streets, so they are set aside only now)
        taken = kept.all + [s[:2] for s in found] + rec.countries_named(text)
        # Shouting ('MY STEPDAD GARETH HITS ME'): capitals say nothing, so names and places
        # are read in a lower-case copy (same length, same positions), as in lower-case chat.
        shouted = _lower_if_shouting(text, language)
        cased = _names_cased(shouted, language)
        found += rec.entities(cased, language, taken)
        found += rec.persons(cased, language, taken)
        found += rec.self_named(cased, language, taken)
        found += rec.signed_off(cased, language, taken)
        found += rec.chat_speakers(cased, language, taken)
        found += rec.name_series(cased, language, taken)
        found += rec.arabic_name_series(cased, language, taken)
        found += rec.arabic_abd_names(cased, language, taken)
        found += rec.surnames_by_ending(cased, language, taken)
        found += rec.listed_surnames(cased, language, taken)
        found += rec.patronymic_names(cased, language, taken)
        found += rec.names_before_classes(cased, language, taken + [s[:2] for s in found])
        found += rec.names_in_apposition(cased, language, taken + [s[:2] for s in found])
        found += rec.name_lists(cased, language, found, taken + [s[:2] for s in found], written=text)
        found += rec.name_pairs(cased, language, taken)
        found += rec.partners_of_names(cased, language, found, taken + [s[:2] for s in found])
        # (a shouted note is read as lower-case chat for places too: 'DIN CRAIOVA' as 'din craiova')
        written = text if shouted == text else _same_length_lower(text)
        found += rec.places(cased, language, taken, written=written)
        found += rec.origins_after_names(cased, language, taken)
        found += rec.meeting_places(text, language, taken + [s[:2] for s in found])
        found += rec.arabic_origins(text, language, taken + [s[:2] for s in found])   # ('أنا ياسين من فاس')
        found = rec.arabic_place_phrases(text, found, language)   # ('مدينة نصر', not 'مدينة')
        found = rec.with_initials(text, found)
        found = rec.with_lower_surnames(text, found, language)   # ('giulia esposito', in chat)
        found += rec.classes_after_names(text, found) + rec.aliases_after_names(text, found, language)
        return _resolve(found, text)

    def _kept(self, text: str, language: str, listed: frozenset[str]) -> _Kept:
        """Spans of ``text`` (read in ``language``) never replaced; ``listed``: folded names
        used as insults in a list in any of the respondent's texts (:func:`rec.listed_insults`),
        kept wherever they stand (a translation drops the list's commas: 'whale such as carla
        fat olivia toothpick')."""
        listed_here = [m.span() for m in rec.WORD.finditer(text) if listed and fold(m.group(0)) in listed]
        return _Kept(self.public.spans(text), rec.public_places(text, language),
                     rec.public_figures(text, language) + rec.names_called(text, language) + listed_here
                     + rec.holidays_named(text, language) + rec.formulae(text, language))

    def _public(self, text: str, span: rec.Span) -> bool:
        s, e, kind = span
        value = text[s:e]
        if kind == "EMAIL":
            return value.casefold() in self.public.emails
        if kind == "URL":
            return self.public.is_public_url(value)
        if kind == "PHONE":
            return self.public.is_public_number(value)
        return False

    def __call__(self, text: str, language: str = "") -> tuple[str, int]:
        """(pseudonymised text, number of replacements)."""
        return self.group([(text, language)])[0]

    def group_spans(self, items: list[tuple[str, str]]) -> list[list[rec.Span]]:
        """Spans of each (text, language) item of one respondent, found together."""
        # (a text in another language than its label is read in its own: text_language)
        read_in = [text_language(t, lang or "eng") for t, lang in items]
        listed = frozenset(fold(t[s:e]) for (t, _), lang in zip(items, read_in)
                           for s, e in rec.listed_insults(t, lang))
        kept = [self._kept(t, lang, listed) for (t, _), lang in zip(items, read_in)]
        found = [self._found(t, lang, k) for (t, _), lang, k in zip(items, read_in, kept)]
        recurring = _recurring_values(items, found)
        # (a handle's name part recurs, but not as a public figure: '@rosalia4ever', 'Rosalía')
        return [_resolve(spans + _recurrences(text, recurring, spans, _still_kept(text, k, recurring), lang),
                         text)
                for (text, _), lang, spans, k in zip(items, read_in, found, kept)]

    def group(self, items: list[tuple[str, str]]) -> list[tuple[str, int]]:
        """Pseudonymise the (text, language) items of one respondent together."""
        return self.replace(items, self.group_spans(items))

    def replace(self, items: list[tuple[str, str]], spans: list[list[rec.Span]]) -> list[tuple[str, int]]:
        """(pseudonymised text, replacements) of each item, given its spans from
        :meth:`group_spans`, which may have run in another process: tokens are numbered here,
        in the order values are first replaced, so replacing respondents in the same order
        gives the same tokens wherever their spans were found."""
        out = []
        for (text, _), found in zip(items, spans):
            for s, e, kind in reversed(found):
                text = text[:s] + self._token(kind, text[s:e]) + text[e:]
            out.append((text, len(found)))
        return out

    def key_csv(self) -> str:
        buf = io.StringIO()
        w = csv.writer(buf, quoting=csv.QUOTE_NONNUMERIC)
        w.writerow(["token", "kind", "value"])
        for key, token in sorted(self.tokens.items(), key=lambda kv: kv[1]):
            w.writerow([token, key[0], self.originals[key]])
        return buf.getvalue()


def _same_length_lower(text: str) -> str:
    """``text`` in lower case, letter by letter where lowering keeps the length ('İ' stays)."""
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _lower_if_shouting(text: str, language: str) -> str:
    """``text`` in lower case (same length) when most of its letters are capitals, else
    unchanged: a shouted note says as little with its capitals as lower-case chat, and is
    read like it (:func:`_names_cased` then capitalises its given names). Gazetteer towns of
    one or two words that are no common word stay capitalised ('ICH WOHN IN MARZAHN', 'THE
    BUS FROM LONG EATON'), and so do a given name and a rare word after it ('KYLAN MORTBY')."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 8 or sum(c.isupper() for c in letters) < 0.7 * len(letters):
        return text
    low = _same_length_lower(text)
    words = list(rec.WORD.finditer(low))
    lift = []
    for i, m in enumerate(words):
        pair = words[i + 1] if i + 1 < len(words) and low[m.end():words[i + 1].start()] == " " else None
        if pair and fold(m.group(0) + " " + pair.group(0)) in rec.gazetteer():
            lift += [m, pair]
        elif len(m.group(0)) >= 4 and rec.town(m.group(0), language in rec.INFLECTED) \
                and fold(m.group(0)) not in rec.stop_words(language) \
                and max(rec.zipf(m.group(0), language), rec.zipf(m.group(0), "eng")) < 4.0:
            lift.append(m)
        elif pair and is_given_name(m.group(0)) and fold(pair.group(0)) not in rec.stop_words(language) \
                and not (language in ("ell", "rus", "ara") and m.group(0).isascii()) \
                and max(rec.zipf(pair.group(0), lang) for lang in (language, "eng")) < 3.0 \
                and max(rec.zipf(m.group(0), lang) for lang in (language, "eng")) < 4.6:
            lift += [m, pair]   # a given name and a rare word after it: a full name ('KYLAN MORTBY')
    for m in lift:
        first = low[m.start()].upper()
        if len(first) == 1:
            low = low[:m.start()] + first + low[m.start() + 1:]
    return low


# Zipf frequency of the commonest function words ('que', 'che', 'per', 'con'): a translation
# keeps some untranslated ('gorda used as an insult que asco'); the name lists hold them too.
FUNCTION_WORD = 7.0


def _names_cased(text: str, language: str) -> str:
    """In a note written in lower case ('kev and ollie from 11A', 'маша из параллели'),
    capitalisation says nothing: a given name that is no common word of the note's language
    or English is capitalised in a copy (same length), so the person rules read it in context.
    Latin words in Greek, Russian and Arabic notes stay as they are (chat transliteration)."""
    letters = re.findall(r"[^\W\d_]", text)
    if not letters or not (letters[0].islower() or not any(c.isupper() for c in letters)):
        return text
    lex = rec.lexicon(language)
    stops = rec.stop_words(language)

    def lift(m: re.Match) -> str:
        w = m.group(0)
        f = fold(w)
        if not w.islower() or len(w) < 3 or f in stops or f in lex["not_names"] or f in lex["word_names"] \
                or (language in ("ell", "rus", "ara") and w.isascii()) or rec._common(w, lex, language) \
                or max(rec.zipf(w, language), rec.zipf(w, "eng")) >= 4.6 or not is_given_name(w) \
                or max(rec.zipf(w, lang) for lang in rec.LANGUAGES) >= FUNCTION_WORD \
                or is_word(w, language):   # ('cole', 'risa', 'trace': words that are names too)
            return w
        return w[:1].upper() + w[1:] if len(w[:1].upper()) == 1 else w
    return rec.WORD.sub(lift, text)


def _resolve(found: list[rec.Span], text: str) -> list[rec.Span]:
    """Non-overlapping spans: contacts and addresses first, then schools, then names and
    places together, the earliest and longest first: a place that starts with a word also read
    as a name covers the whole ('Hay Hassani', where 'Hay' alone left 'Hassani')."""
    rank = {k: i for i, k in enumerate(KINDS)}
    group = {k: min(i, rank["PERSON"]) for k, i in rank.items()}
    found = sorted(set(found), key=lambda x: (group[x[2]], x[0], -(x[1] - x[0]), rank[x[2]]))
    chosen: list[rec.Span] = []
    for s, e, k in found:
        if not any(s < ce and cs < e for cs, ce, _ in chosen):
            chosen.append((s, e, k))
            continue
        # what a span overlapping a chosen one holds beyond it is still replaced ('1ªD' and
        # 'D ITIS Enrico Fermi': the school's name would be left)
        for start, end in _uncovered(s, e, chosen, text):
            chosen.append((start, end, k))
    chosen.sort()
    return chosen


def _uncovered(s: int, e: int, chosen: list[rec.Span], text: str) -> list[tuple[int, int]]:
    """The stretches of ``text[s:e]`` that no chosen span covers, without the spaces and
    punctuation at their ends; only those that hold a letter or digit."""
    pieces, pos = [], s
    for cs, ce, _ in sorted(c for c in chosen if s < c[1] and c[0] < e):
        if cs > pos:
            pieces.append((pos, cs))
        pos = max(pos, ce)
    if pos < e:
        pieces.append((pos, e))
    out = []
    for a, b in pieces:
        m = re.search(r"\w(?:.*\w)?", text[a:b], re.DOTALL)
        if m:
            out.append((a + m.start(), a + m.end()))
    return out


NAME_PARTS = re.compile(r"[^\W\d_]{3,}")


def _recurring_values(items, found) -> dict[str, tuple[str, bool]]:
    """Folded value -> (kind, is a common word) for names, places, schools and handles found
    anywhere in a respondent's texts: each full value, each capitalised part of a person's
    name ('Darius' of 'Darius Popa'), and the name parts of a handle, an e-mail address or a
    profile link ('darius' of 'darius.popa_2009'; see :func:`_contact_word`)."""
    values: dict[str, str] = {}
    capitalised_only: set[str] = set()
    found_lower: set[str] = set()
    for (text, language), spans in zip(items, found):
        for s, e, kind in spans:
            v = text[s:e]
            if kind in ("PERSON", "PLACE", "SCHOOL") and len(v) >= 3:
                values.setdefault(fold_same_length(v), kind)
                if kind == "PERSON" and any(c.isdigit() for c in v) and not v[:1].isupper():
                    found_lower.add(fold_same_length(v))  # an Arabizi name found in lower case
            if kind == "PERSON":
                for part in NAME_PARTS.findall(v):
                    # (not a function word: 'The' of a group called 'The Cows' made every 'the'
                    # and, with a case ending, 'they' of the note a name)
                    if (part[0].isupper() or is_given_name(part)) \
                            and fold(part) not in rec.stop_words(language):
                        values.setdefault(fold_same_length(part), "PERSON")
            if kind in ("HANDLE", "EMAIL", "URL"):
                # the name parts of a handle, an address or a profile link ('kiki.zd@hotmail.com',
                # 'tiktok.com/@summer.rae'): a given name recurs in any case; another word only
                # capitalised ('Kiki ovdje'), unless it is a brand, a function or common word
                for part in NAME_PARTS.findall(_contact_name(v, kind)):
                    key = fold_same_length(part)
                    if len(part) >= 4 and (fold(part) in given_names() or translit(part) in given_names()):
                        values.setdefault(key, "PERSON")
                        capitalised_only.discard(key)
                    elif key not in values and _contact_word(part, language):
                        values[key] = "PERSON"
                        capitalised_only.add(key)
    # A value that is also a common word ('Reading', 'Summer') recurs only capitalised:
    # 'I'm reading a book' keeps its word.
    return {v: (kind, v in capitalised_only or ((_name_also_word(v) and v not in found_lower)
                                                if kind == "PERSON" else
                (bool(is_word(v, "eng")) and rec.zipf(v, "eng") >= 3.0)
                or max(rec.zipf(v, lang) for lang in rec.LANGUAGES) >= 4.5))
            for v, kind in values.items()}


def _contact_name(value: str, kind: str) -> str:
    """The part of a contact that names someone: a handle without '@', an address's local
    part ('kiki.zd' of 'kiki.zd@hotmail.com', not the domain 'regalo-natale.info'), a link's
    path ('@summer.rae' of 'tiktok.com/@summer.rae')."""
    if kind == "EMAIL":
        return re.split(r"@|\s*[(\[{<]?\s*\b(?:" + rec.AT_WORDS + r")\b", value, maxsplit=1, flags=re.I)[0]
    if kind == "URL":
        return re.sub(r"^(?:https?://)?[^/]*", "", value)
    return value.lstrip("@")


def _contact_word(part: str, language: str) -> bool:
    """A contact's name part that can be a name or nickname written alone ('kiki', 'yoli',
    'tjasa'): no brand, domain or link word, function word or common word of the note's
    language or English."""
    f = fold(part)
    lex = rec.lexicon(language)
    return len(f) >= 3 and f not in _LINK_WORDS and not rec._brand(f, lex, language) \
        and f not in rec.stop_words(language) and not rec._common(part, lex, language) \
        and max(rec.zipf(f, language), rec.zipf(f, "eng")) < 3.5


# words of addresses and links that are no one's name: link parts, mail providers and the
# spelled-out 'at' and 'dot' of the contact patterns
_LINK_WORDS = frozenset({"www", "http", "https", "com", "net", "org", "html", "php", "profile", "groups",
                         "group", "user", "users", "add", "channel", "watch", "status", "posts", "photo",
                         "photos", "video", "videos", "story", "stories", "mail", "proton", "outlook", "live",
                         "web", "bk", "inbox", "orange", "free", "sapo", "uol", "bol", "terra", "telefonica",
                         "official", "oficial", "fake", "real", "the", "fan", "fans", "page", "club",
                         "team", "spotted"}) | {
    w.replace("\\", "") for w in (rec.MAIL_PROVIDERS + "|" + rec.AT_WORDS + "|" + rec.DOT_WORDS).split("|")}


def _name_also_word(value: str) -> bool:
    """A person's name that is also an ordinary word ('Hope', 'Nada', 'Mark', Arabizi
    'Sa3eed') recurs only capitalised; a given name ('maria', 'kevin', 'txema') recurs in any case. (Word
    frequencies count names too, so frequency alone cannot tell 'Maria' from a word.)"""
    f = fold(value)
    if any(c.isdigit() for c in value):
        return True  # an Arabizi name ('Sa3eed'): in lower case, a word too ('sa3eed', happy),
        # unless it was found in lower case (after a cue: _recurring_values)
    if any(f in rec.lexicon(lang)["word_names"] or f in rec.lexicon(lang)["not_names"]
           for lang in rec.LANGUAGES):
        return True
    if rec.zipf(value, "eng") >= 4.8 and is_word(value, "eng"):
        return True
    return not is_given_name(value) and max(rec.zipf(value, lang) for lang in rec.LANGUAGES) >= 4.5


def _after_article(text: str, low: str, start: int, end: int, language: str) -> bool:
    """The recurrence ``text[start:end]`` of a name or town follows an indefinite or negative
    article, so it is the word ('Herr Engel ist kein Engel', 'Mugur … un mugur de glumă', 'sunt
    din Roman … nu e un roman'), unless a surname follows (:func:`rec.followed_by_surname`)."""
    articles = rec.INDEFINITE.get(language, ()) + rec.NEGATIVE_ARTICLES.get(language, ())
    return bool(rec._after_cue(text, low, articles, start)) \
        and not rec.followed_by_surname(text, end, language)


def _other_script(word: str) -> bool:
    """``word`` has letters beyond the Latin alphabet and its accents (Greek, Cyrillic, Arabic):
    a Latin word with an accent ('esperança') recurs by the rules for its own script."""
    return any(c.isalpha() and ord(c) > 0x24F for c in word)


def _word_beside_its_name(text: str, start: int, end: int, language: str) -> bool:
    """The lower-case ``text[start:end]`` is the word, not the name written capitalised in the
    same text: 'Felice non è felice', 'Razrednica kaže da budem mirna, ali Mirna …'. A frequent
    word (Zipf >= 4) of ``language``, in Latin letters, that is frequent in at most two of
    the notes' languages: a given name is frequent in many ('maria', 'kevin', 'sara')."""
    word = text[start:end]
    if not word.islower() or not re.fullmatch(r"[a-zß-ÿāăąćčđęěğıłńőœřśşšţťűźżžș]+", word) \
            or not re.search(r"(?<!\w)" + re.escape(word[:1].upper() + word[1:]) + r"(?!\w)", text):
        return False
    return rec.zipf(word, language) >= 4.0 and rec.languages_using(word) <= 2


def _unicase_rare(word: str) -> bool:
    """A name of a script without capitals (Arabic) that is also a word recurs all the same
    where the word, as written, is rare (Zipf < 4 in every language: 'جود', generosity; not
    'فرح', joy): no capital can tell the name from the word."""
    return word[:1].isalpha() and not word[:1].isupper() and not word[:1].islower() \
        and max(rec.zipf(word, lang) for lang in rec.LANGUAGES) < 4.0


def _still_kept(text: str, kept: _Kept, recurring: dict[str, tuple[str, bool]]) -> list[tuple[int, int]]:
    """The spans of ``kept`` that stay when values recur: a town named as a byword ('talks like
    someone from Roubaix') is replaced after all where the respondent also gives it as a place
    ('… I live in Roubaix'): otherwise the byword would show the town replaced elsewhere."""
    bywords = [b for b in kept.bywords
               if recurring.get(fold_same_length(text[b[0]:b[1]]), ("",))[0] != "PLACE"]
    return kept.facts + bywords + kept.others


def _recurrences(text: str, values: dict[str, tuple[str, bool]], spans, protected,
                 language: str = "eng") -> list[rec.Span]:
    """Every further whole-word occurrence of ``values`` in ``text`` (any case; case forms
    of up to two more letters, as in 'Darius' -> 'Dariusem'), read in ``language``."""
    if not values:
        return []
    low = fold_same_length(text)
    taken = [s[:2] for s in spans] + protected
    out = []
    for value, (kind, common) in values.items():
        for m in re.finditer(r"(?<!\w)" + re.escape(value) + r"\w{0,2}(?!\w)", low):
            if common and not text[m.start()].isupper() and not _unicase_rare(text[m.start():m.end()]):
                continue
            s, e = m.start(), m.end()
            if kind == "PERSON" and _word_beside_its_name(text, s, e, language) \
                    or kind in ("PERSON", "PLACE") and _after_article(text, low, s, e, language):
                continue
            if not rec._overlaps((m.start(), m.end()), taken):
                out.append((m.start(), m.end(), kind))
    # The same name in another script: 'Nikos' in the translation, 'Νίκος' in the note.
    # (not a value in Greek or Cyrillic: it recurs by the case rules above, so 'вера', faith,
    # stays beside the name 'Вера'; Arabic has no case to tell them apart)
    latin = {translit(v) for v, (k, _) in values.items()
             if k == "PERSON" and len(v) >= 4 and not re.search("[\u0370-\u03ff\u0400-\u04ff]", v)}
    if latin and not text.isascii():
        for m in rec.WORD.finditer(text):
            t = translit(m.group(0))
            if _other_script(m.group(0)) and any(t == v or (t.startswith(v) and len(t) - len(v) <= 2)
                                                 for v in latin) \
                    and not rec._overlaps((m.start(), m.end()), taken):
                out.append((m.start(), m.end(), "PERSON"))
    return out
