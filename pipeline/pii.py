"""Recognisers of personal data in free text, and the pseudonymiser that replaces it.

Kinds: EMAIL, URL (links to a person: profiles), HANDLE (@name), PHONE (phonenumbers' own
matcher over the regions the notes come from: Presidio's phone recogniser misses local
formats, DESIGN.md), PERSON (given names from the multilingual name dictionary that ships in
the ``gender-guesser`` package, plus names after kinship and friendship words in six
languages, plus a following capitalised surname), ADDRESS (street patterns in en, es, fr,
pt, de, it) and PLACE (towns after 'I live in', 'vivo en', 'j'habite à'..., or after 'in/en/à/
em/a' when the word is not a country, a language, a platform or a public service).

Public service facts are not personal data (TYPOLOGY.md): names, numbers, websites and e-mail
addresses of services in the directory are never replaced. Recall is measured, not assumed:
``make bench`` runs the project's labelled test set (tests/fixtures/privacy_testset.py).
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from functools import lru_cache

from pipeline.normalise import ascii_fold

EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"')\]]+", re.IGNORECASE)
HANDLE = re.compile(r"(?<![\w@.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?")
WORD = re.compile(r"[^\W\d_][\w'’-]*")
CAP = r"[A-ZÀ-ÖØ-ÞĀ-Ž][\w'’-]+"

# Words after which a person's name follows (friend, cousin, named...), six languages.
PERSON_CUE = re.compile(
    r"\b(?:friends?|mates?|cousins?|sisters?|brothers?|boyfriend|girlfriend|classmates?|named|"
    r"called|name is|amig[oa]s?|compañer[oa]s?|prim[oa]s?|herman[oa]s?|novi[oa]|llama|ami[e]?|"
    r"copains?|copines?|cousine|sœur|frère|colegas?|irmãs?|irmão|namorad[oa]|chama|Freund(?:in)?|"
    r"Schwester|Bruder|Cousine?|heißt|amic[oa]|cugin[oa]|sorella|fratello|ragazz[oa]|chiama)"
    r"\s+(?P<name>[\w'’-]+)", re.IGNORECASE)
PLACE_CUE = re.compile(
    r"\b(?:live in|living in|I'm from|I am from|come from|moved to|vivo en|soy de|vivimos en|"
    r"j'habite à|j’habite à|je vis à|je viens de|moro em|moro no|moro na|sou de|vivo em|"
    r"wohne in|komme aus|lebe in|abito a|vivo a|sono di)\s+(?P<place>" + CAP + r"(?:[ -]" + CAP + r")?)")
# 'in/en/à/em/a' + a capitalised word (not 'da', 'de': too common across languages).
PLACE_PREP = re.compile(r"(?:^|(?<=[\s(]))(?:[Ii]n|[Ee]n|[Àà]|[Ee]m|[Aa])\s+(?P<place>" + CAP + r")")
ADDRESS = re.compile(
    r"\b\d{1,4}[a-z]?,?\s+(?:" + CAP + r"\s+){1,3}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Close|"
    r"Drive|Way|Place|Square|Terrace|Crescent|Grove)\b"
    r"|\b(?:\d{1,4},?\s+)?(?:[Cc]alle|C/|[Aa]venida|[Pp]laza|[Pp]aseo|[Rr]ua|[Tt]ravessa|[Ll]argo|"
    r"[Pp]raça|[Vv]ia|[Vv]iale|[Pp]iazza|[Cc]orso|rue|avenue|boulevard|allée|impasse|chemin)"
    r"\s+(?:(?:de la|de|del|des|du|da|das|do|dos|di|della|delle)\s+)?" + CAP + r"(?:\s+" + CAP + r"){0,2}"
    r"(?:,?\s*\d{1,4}[a-z]?\b)?"
    r"|\b[A-ZÄÖÜ][\wäöüß-]*(?:straße|strasse|str\.|weg|platz|allee|gasse)\s*\d{1,4}[a-z]?\b")
# Capitalised words that are given names somewhere but, here, are not people.
NOT_NAMES = {"instagram", "tiktok", "whatsapp", "facebook", "snapchat", "youtube", "discord",
             "telegram", "google", "internet", "online", "chat", "app", "helpline", "may", "will",
             "april", "june", "august", "march", "mark", "grace", "hope", "faith", "joy", "summer",
             "someone", "nobody", "mum", "mom", "dad", "god", "dios", "deus", "gott", "dio",
             "school", "escuela", "école", "escola", "schule", "scuola", "police", "policía",
             "polizia", "polizei", "ok", "hi", "hola", "bonjour", "olá", "hallo", "ciao"}


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Given names (accent-folded, lower case) from gender-guesser's multilingual dictionary,
    less stop words of the notes' languages (the dictionary has 'Will', 'Are', ...)."""
    import gender_guesser.detector as gg
    from stop_words import get_stop_words

    # Stop words are compared before accent folding: 'sarà' (Italian 'will be') is a stop
    # word, 'Sara' a name.
    stop = {w.casefold() for lang in ("english", "spanish", "french", "portuguese", "german",
                                      "italian", "romanian", "catalan", "greek")
            for w in get_stop_words(lang)}
    names = {n.casefold() for n in gg.Detector(case_sensitive=False).names} - stop
    english = {ascii_fold(w) for w in get_stop_words("english")}  # 'Thé' folds to 'the'
    return frozenset(ascii_fold(n) for n in names) - english - {ascii_fold(w) for w in NOT_NAMES}


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """Function words of the notes' languages, lower case, accents kept ('sarà' is one,
    'Sara' is not)."""
    from stop_words import get_stop_words

    return frozenset(w.casefold() for lang in ("english", "spanish", "french", "portuguese",
                                               "german", "italian", "romanian", "catalan")
                     for w in get_stop_words(lang))


SENTENCE_START = re.compile(r"(?:^|[.!?;:\n]\s*|[\"“«(]\s*)$")
# 'Lucía y Mateo', 'Tobi and Jonas': a sentence-initial name needs a second name to be trusted.
NAME_PAIR = re.compile(r"\s*(?:,|and|y|e|et|und|și|i|&)\s+" + CAP)


@lru_cache(maxsize=1)
def language_names() -> frozenset[str]:
    """Names of the ~180 languages with an ISO 639-1 code, in English, in the notes' languages
    and in their own (accent-folded): 'in English', 'en français' are not places or people."""
    import langcodes
    import pycountry

    names = set()
    for lang in pycountry.languages:
        code = getattr(lang, "alpha_2", None)
        if not code:
            continue
        tag = langcodes.get(code)
        names.update(ascii_fold(tag.display_name(x)) for x in ("en", "fr", "es", "pt", "de", "it", code))
    return frozenset(names)


@dataclass
class PublicFacts:
    """Service facts that stay: lower-case phrases (names), digit strings, URLs, e-mails."""

    names: list[str] = field(default_factory=list)
    numbers: set[str] = field(default_factory=set)
    urls: list[str] = field(default_factory=list)
    emails: set[str] = field(default_factory=set)

    @classmethod
    def from_services(cls, services) -> "PublicFacts":
        def strip_url(u: str) -> str:
            return re.sub(r"^https?://(www\.)?", "", u.casefold()).rstrip("/")

        names = {n.casefold() for n in list(services["name"]) + list(services["organization_name"])
                 if len(n) >= 4}
        numbers = {re.sub(r"\D", "", p) for col in ("phones", "sms", "whatsapp")
                   for ps in services[col] for p in ps}
        urls = {strip_url(u) for col in ("websites", "chat_urls", "social_urls")
                for us in services[col] for u in us}
        # Contacts written anywhere in a service's record (its contact fields, description,
        # page lines) are public: find them the way the gate will.
        texts = list(services["description"]) + [v for col in (
            "evidence_lines", "emails", "websites", "chat_urls", "social_urls")
            if col in services for values in services[col] for v in values]
        emails = set()
        numbers |= {re.sub(r"\D", "", n) for t in texts for n in _number_strings(t)}
        emails |= {m.group(0).casefold() for t in texts for m in EMAIL.finditer(t)}
        return cls(sorted(names, key=len, reverse=True), {n for n in numbers if n},
                   sorted(u for u in urls if u), emails)

    def spans(self, text: str) -> list[tuple[int, int]]:
        low = text.casefold()
        out = []
        for name in self.names:
            start = low.find(name)
            while start != -1:
                out.append((start, start + len(name)))
                start = low.find(name, start + 1)
        return out

    def is_public_url(self, url: str) -> bool:
        u = re.sub(r"^https?://(www\.)?", "", url.casefold()).rstrip("/.,;")
        return any(u == p or u.startswith(p + "/") for p in self.urls)


def _number_strings(text: str) -> list[str]:
    """Phone-like numbers in a service's own text (any region's format, 3 digits or more)."""
    return [m.group(0) for m in re.finditer(r"\+?\d[\d ()./-]{1,18}\d", text)
            if len(re.sub(r"\D", "", m.group(0))) >= 3]


def _overlaps(a: tuple[int, int], spans) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def _is_country_or_language(word: str) -> bool:
    from pipeline.normalise import country_to_iso3

    return country_to_iso3(word)[1] == "exact" or ascii_fold(word) in language_names()


class Pseudonymiser:
    """Replaces personal data in text with stable tokens (``[PERSON_3]``); keeps the key."""

    def __init__(self, phone_regions: tuple[str, ...], public: PublicFacts | None = None):
        self.phone_regions = phone_regions
        self.public = public or PublicFacts()
        self.tokens: dict[tuple[str, str], str] = {}
        self.originals: dict[tuple[str, str], str] = {}

    def _token(self, kind: str, value: str) -> str:
        key = (kind, value.casefold())
        if key not in self.tokens:
            n = sum(1 for k in self.tokens if k[0] == kind) + 1
            self.tokens[key] = f"[{kind}_{n}]"
            self.originals[key] = value  # as first seen: the gate searches names by case
        return self.tokens[key]

    def _phones(self, text: str) -> list[tuple[int, int, str]]:
        import phonenumbers

        spans = set()
        for region in self.phone_regions:
            # At least 7 digits: '90-60-90' (body measurements) or an age is not a number.
            for m in phonenumbers.PhoneNumberMatcher(text, region,
                                                     leniency=phonenumbers.Leniency.POSSIBLE):
                digits = re.sub(r"\D", "", m.raw_string)
                if len(digits) >= 7 and digits not in self.public.numbers:
                    spans.add((m.start, m.end, "PHONE"))
        return sorted(spans)

    def _persons(self, text: str, protected) -> list[tuple[int, int, str]]:
        names = given_names()
        found = []
        for m in PERSON_CUE.finditer(text):
            # 'my friend Chiamaka' (capitalised, any name) or 'mi amiga lucía' (a known name)
            w = m.group("name")
            if w.casefold() in stop_words() or ascii_fold(w) in NOT_NAMES:
                continue
            if (w[0].isupper() and w.isalpha()) or ascii_fold(w) in names:
                found.append((m.start("name"), m.end("name")))
        for m in WORD.finditer(text):
            w = m.group(0)
            # 'Lucía', not 'IDs' or 'NGO': a capital, then lower case
            if not (w[0].isupper() and w[1:].islower() and ascii_fold(w) in names) \
                    or _is_country_or_language(w):
                continue
            # At the start of a sentence capitals say nothing ('Fea, vaca', 'Nada'): only a
            # following name ('Lucía y Mateo') or surname makes it a person.
            if SENTENCE_START.search(text[:m.start()]) and not (
                    NAME_PAIR.match(text, m.end()) or re.match(r"\s+" + CAP, text[m.end():])):
                continue
            found.append((m.start(), m.end()))
        spans = []
        for s, e in found:
            if _overlaps((s, e), protected):
                continue
            nxt = re.match(r"\s+(" + CAP + r")", text[e:])  # a capitalised surname
            if nxt and ascii_fold(nxt.group(1)) not in NOT_NAMES and not _overlaps(
                    (e, e + nxt.end()), protected) and nxt.group(1).isalpha():
                e += nxt.end()
            spans.append((s, e, "PERSON"))
        return spans

    def _places(self, text: str, protected, language: str) -> list[tuple[int, int, str]]:
        spans = [(m.start("place"), m.end("place"), "PLACE") for m in PLACE_CUE.finditer(text)]
        # German capitalises every noun ('in Games', 'In Spielen'): only cues count there.
        for m in (PLACE_PREP.finditer(text) if language != "deu" else ()):
            w = m.group("place")
            if (ascii_fold(w) not in NOT_NAMES and w.casefold() not in stop_words()
                    and not _is_country_or_language(w) and ascii_fold(w) not in given_names()):
                spans.append((m.start("place"), m.end("place"), "PLACE"))
        return [s for s in spans if not _overlaps(s[:2], protected)]

    def spans(self, text: str, language: str = "") -> list[tuple[int, int, str]]:
        """Non-overlapping (start, end, kind) of personal data in ``text``, left to right.
        ``language`` (ISO 639-3) tunes the place rules; '' when unknown."""
        protected = self.public.spans(text)
        found = [(m.start(), m.end(), "EMAIL") for m in EMAIL.finditer(text)
                 if m.group(0).casefold() not in self.public.emails]
        found += [(m.start(), m.end(), "URL") for m in URL.finditer(text)
                  if not self.public.is_public_url(m.group(0))]
        protected_all = protected + [(s, e) for s, e, _ in found]
        found += [(m.start(), m.end(), "HANDLE") for m in HANDLE.finditer(text)
                  if not _overlaps((m.start(), m.end()), protected_all)]
        found += self._phones(text)
        found += [(m.start(), m.end(), "ADDRESS") for m in ADDRESS.finditer(text)
                  if not _overlaps((m.start(), m.end()), protected)]
        found += self._persons(text, protected)
        found += self._places(text, protected, language)
        # Longest first at the same start; an address beats the street name's 'person'.
        found.sort(key=lambda x: (x[0], -(x[1] - x[0])))
        out, last_end = [], -1
        for s, e, k in found:
            if s >= last_end:
                out.append((s, e, k))
                last_end = e
        return out

    def __call__(self, text: str, language: str = "") -> tuple[str, int]:
        """(pseudonymised text, number of replacements)."""
        spans = self.spans(text, language)
        for s, e, kind in reversed(spans):
            text = text[:s] + self._token(kind, text[s:e]) + text[e:]
        return text, len(spans)

    def key_csv(self) -> str:
        buf = io.StringIO()
        w = csv.writer(buf, quoting=csv.QUOTE_NONNUMERIC)
        w.writerow(["token", "kind", "value"])
        for key, token in sorted(self.tokens.items(), key=lambda kv: kv[1]):
            w.writerow([token, key[0], self.originals[key]])
        return buf.getvalue()
