"""Normalisers for the fields of a service record, built on well-kept libraries.

countries: pycountry (names in many languages via its gettext catalogues) then
country_converter's regular expressions, to ISO 3166-1 alpha-3 and UN M49 regions;
languages: langcodes, to ISO 639-3; phone numbers: phonenumbers (short-number metadata for
short codes, E.164 for full numbers); e-mails and URLs: the standard library.

Each function returns the normalised value and, where it applies, a data-quality flag, and
never guesses silently: what it cannot recognise comes back empty and flagged.
"""
from __future__ import annotations

import gettext
import logging
import re
import unicodedata
from functools import cache, lru_cache
from urllib.parse import urlsplit, urlunsplit

# Locales whose country names are indexed for exact matching (pycountry's gettext catalogues).
COUNTRY_LOCALES = ("fr", "es", "pt", "de", "it", "ro", "el", "hr", "sl", "ca", "nl", "ar")
# Further languages of submitters, indexed after those: a name they give to two countries is
# left out (the converters and the flag decide), never resolved to the first one met.
MORE_COUNTRY_LOCALES = ("ru", "uk", "sr", "bg", "mk", "bs", "sq", "pl", "cs", "sk", "hu", "sv",
                        "da", "nb", "fi", "tr", "he", "fa", "id", "sw")

# Short names people use that no catalogue lists; checked before anything fuzzy.
COUNTRY_ALIASES = {"uk": "GBR", "u k": "GBR", "great britain": "GBR", "england": "GBR",
                   "scotland": "GBR", "wales": "GBR", "northern ireland": "GBR", "n ireland": "GBR",
                   "usa": "USA", "us": "USA", "u s a": "USA", "kosovo": "XKX",
                   "turkiye": "TUR", "ivory coast": "CIV", "drc": "COD", "rdc": "COD",
                   "rd congo": "COD", "r d congo": "COD", "ksa": "SAU", "uae": "ARE", "u a e": "ARE",
                   "holland": "NLD", "россия": "RUS", "росія": "RUS", "русија": "RUS"}

# Names shared by two countries (normalised keys, in the indexed languages): flagged
# 'country_ambiguous', never resolved to one of them (Congo: COG or COD; Korea: KOR or PRK).
AMBIGUOUS_COUNTRIES = {"congo", "the congo", "kongo", "korea", "corea", "coree", "coreia",
                       "virgin islands"}

def ascii_fold(text: str) -> str:
    """Accents dropped, lower case, ASCII only: for matching words written with or without
    accents ('teléfono', 'telefono'). Letters of other scripts are lost: use norm_key there."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


PUNCTUATION, WHITESPACE = re.compile(r"[^\w\s]"), re.compile(r"\s+")


def norm_key(text: str) -> str:
    """Case-, accent-, apostrophe- and punctuation-insensitive key for exact matching.
    Letters of every script stay ('مصر', 'Ελλάδα'); only combining accents go."""
    t = "".join(c for c in unicodedata.normalize("NFKD", str(text)) if not unicodedata.combining(c))
    return WHITESPACE.sub(" ", PUNCTUATION.sub(" ", t.casefold())).strip()


@lru_cache(maxsize=1)
def _country_index() -> dict[str, str]:
    """Normalised country name (English and COUNTRY_LOCALES) or code -> ISO 3166-1 alpha-3."""
    import pycountry

    index: dict[str, str] = {}

    def names(locales):
        translations = [gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[loc],
                                            fallback=True) for loc in locales]
        for c in pycountry.countries:
            english = {c.name, getattr(c, "official_name", c.name), getattr(c, "common_name", c.name)}
            yield c.alpha_3, english | {t.gettext(n) for n in english for t in translations}

    for iso3, found in names(COUNTRY_LOCALES):
        for n in found:
            index.setdefault(norm_key(n), iso3)
        index[norm_key(iso3)] = iso3
    more: dict[str, set[str]] = {}
    for iso3, found in names(MORE_COUNTRY_LOCALES):
        for n in found:
            more.setdefault(norm_key(n), set()).add(iso3)
    index.update({k: v.pop() for k, v in more.items() if k not in index and len(v) == 1})
    index.update(COUNTRY_ALIASES)
    return index


@lru_cache(maxsize=1)
def _coco():
    import country_converter as coco

    logging.getLogger("country_converter").setLevel(logging.ERROR)
    return coco.CountryConverter()


@cache
def _part_country(part: str) -> str:
    """The country one part of a cell names (a name, an ISO alpha-2 or alpha-3 code), or ''."""
    import pycountry

    key = norm_key(part)
    if key in _country_index():
        return _country_index()[key]
    if re.fullmatch(r"[A-Z]{2}", part.strip()):
        found = pycountry.countries.get(alpha_2=part.strip())
        return found.alpha_3 if found else ""
    return _coco_iso3(part.strip())


COUNTRY_JOINERS = re.compile(r"\s*(?:[,;/&|+]|\b(?:and|et|y|e|und|i|și|si|and the)\b)\s*", re.I)
EXCEPT = re.compile(r"\b(?:except|excluding|excl|other than|sauf|hors|excepto|salvo|exceto|außer|ausser"
                    r"|tranne)\b", re.I)


@cache
def country_to_iso3(name: str) -> tuple[str, str]:
    """Map a country name in any indexed language to (ISO3, method).

    Exact, normalised matches win over country_converter's regular expressions, so 'Niger'
    is never read as Nigeria; a note in brackets is dropped ('Canada (Québec)'). Returns
    ('', 'unknown') when neither matches or the cell excludes a country ('Global (except
    China)'), ('', 'ambiguous') for a name two countries share ('Congo', 'Korea') and ('',
    'multiple') for a cell naming several ('UK and Ireland', 'US; CA; GB').
    """
    key = norm_key(name)
    if not key:
        return "", "missing"
    if key in AMBIGUOUS_COUNTRIES:
        return "", "ambiguous"
    if key in _country_index():
        return _country_index()[key], "exact"
    bare = re.sub(r"\s*\([^)]*\)", " ", name).strip()   # 'Canada (Québec)'; not 'Global (except China)'
    if norm_key(bare) in _country_index() and not EXCEPT.search(name):
        return _country_index()[norm_key(bare)], "exact"
    parts = [p for p in COUNTRY_JOINERS.split(bare) if p.strip()]
    named = {_part_country(p) for p in parts} - {""} if len(parts) > 1 else set()
    if len(named) > 1:
        return "", "multiple"   # 'UK and Ireland', 'USA & Canada', 'US; CA; GB': no one country
    if EXCEPT.search(name):
        return "", "unknown"    # 'Global (except China)' is not China
    guess = _coco_iso3(bare)
    return (guess, "regex") if guess else ("", "unknown")


@cache
def _coco_iso3(text: str) -> str:
    """country_converter's regular-expression reading of ``text`` as an ISO3 code, or ''. It
    hands back unmatched input as is ('N/A', '123'): only real codes count."""
    guess = _coco().convert(text, to="ISO3", not_found=None)
    return guess if isinstance(guess, str) and guess in _coco_codes() else ""


@cache
def _coco_codes() -> frozenset[str]:
    return frozenset(_coco().data["ISO3"])


@cache
def m49(iso3: str) -> tuple[str, str, str]:
    """(short name, M49 region, M49 sub-region) for an ISO3 code, from country_converter."""
    data = _coco().data
    row = data[data["ISO3"] == iso3]
    if row.empty:
        return iso3, "", ""
    r = row.iloc[0]
    region = {"America": "Americas"}.get(r["continent"], r["continent"])
    return r["name_short"], region, r["UNregion"]


@cache
def language_to_iso639_3(value: str) -> str:
    """A language code or name (in many languages) -> ISO 639-3, '' when not recognised."""
    import langcodes

    v = value.strip()
    if not v:
        return ""
    try:
        # Codes and tags ('en', 'EN', 'pt-BR'); anything longer is read as a language name.
        if re.fullmatch(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*", v) and \
                langcodes.tag_is_valid(v.replace("_", "-").lower()):
            return langcodes.get(v.replace("_", "-").lower()).to_alpha3()
        if norm_key(v) in LANGUAGE_ALIASES:
            return LANGUAGE_ALIASES[norm_key(v)]
        bare = re.sub(r"\s*\([^)]*\)", "", v).strip() or v   # 'English (UK)', 'Arabic (Egyptian)'
        for text in dict.fromkeys((bare, ascii_fold(bare))):
            try:
                found = langcodes.find(text)
            except LookupError:
                continue
            key, names = norm_key(text), _language_names(found.language)
            # (langcodes.find also reads a name's prefix: 'Darija' as Dari, 'Lenguas indígenas'
            # as Lengua: a longer word or a further word makes another language or none)
            if key in names:
                return found.to_alpha3()
            first = text.split()[0]
            if any(key.startswith(n) for n in names if len(n) >= 3) \
                    or first != text and _found_language(first) == found.language:
                continue
            return found.to_alpha3()
        return ""
    except (LookupError, ValueError):
        return ""


# Names langcodes lacks or misreads ('Darija' would be Dari, Persian)
LANGUAGE_ALIASES = {"darija": "ary", "moroccan arabic": "ary", "nigerian pidgin": "pcm", "naija": "pcm",
                    "kiswahili": "swa", "nahuatl": "",   # a macrolanguage: ISO 639-3 lists its varieties
                    "serbo croatian": "hbs", "bcms": "hbs",
                    "valencia": "cat", "valenciano": "cat"}
# Languages whose names for other languages are compared with a submitted name (and each
# language's own name): the survey's and notes' languages and other submitters'
NAME_LANGUAGES = ("en", "fr", "es", "pt", "de", "it", "ro", "el", "hr", "sl", "ca", "ar", "ru", "nl",
                  "sw", "tr", "pl", "id", "sr", "bg", "uk", "hu", "cs", "sv", "da", "fi")


@cache
def _found_language(text: str) -> str:
    import langcodes
    try:
        return langcodes.find(text).language
    except LookupError:
        return ""


@cache
def _language_names(code: str) -> frozenset[str]:
    """Normalised names of the language ``code`` in :data:`NAME_LANGUAGES` and in itself."""
    import langcodes

    lang = langcodes.get(code)
    names = {lang.display_name(d) for d in NAME_LANGUAGES} | {lang.autonym()}
    return frozenset(norm_key(n) for n in names) | frozenset(
        norm_key(re.sub(r"\s*\([^)]*\)", "", n)) for n in names)


# Sign languages (codes from SIL's ISO 639-3 tables). Submitters write them as initials,
# which langcodes reads as other languages' codes ('BSL' is Basa-Gumna, 'ASL' Asilulu), or as
# 'sign language' in their own language, which names the country's national one.
SIGN_LANGUAGE_INITIALS = {
    "BSL": "bfi", "ASL": "ase", "LSF": "fsl", "DGS": "gsg", "ÖGS": "asq", "OGS": "asq",
    "LIS": "ise", "LSE": "ssp", "LSC": "csc", "LGP": "psr", "LIBRAS": "bzs", "NGT": "dse",
    "LSFB": "sfb", "VGT": "vgt", "NZSL": "nzs", "AUSLAN": "asf", "LSM": "mfs", "LSQ": "fcs",
    "PJM": "pso", "RSL": "rsl", "HZJ": "csq", "KSL": "xki", "SASL": "sfs", "DTS": "dsl",
    "STS": "swl", "LSR": "rms", "ISL": "isg", "ΕΝΓ": "gss",
}
NATIONAL_SIGN_LANGUAGE = {  # ISO 3166-1 alpha-3 -> ISO 639-3; countries with one main one
    "GBR": "bfi", "USA": "ase", "FRA": "fsl", "DEU": "gsg", "AUT": "asq", "CHE": "sgg",
    "ITA": "ise", "ESP": "ssp", "PRT": "psr", "BRA": "bzs", "ROU": "rms", "GRC": "gss",
    "HRV": "csq", "SRB": "ysl", "BIH": "ysl", "MNE": "ysl", "MKD": "ysl", "RUS": "rsl",
    "POL": "pso", "NLD": "dse", "IRL": "isg", "AUS": "asf", "NZL": "nzs", "ZAF": "sfs",
    "KEN": "xki", "MEX": "mfs", "ARG": "aed", "JPN": "jsl", "CHN": "csl", "IND": "ins",
    "SWE": "swl", "NOR": "nsl", "DNK": "dsl", "FIN": "fse", "CZE": "cse", "SVK": "svk",
    "HUN": "hsh", "UKR": "ukl", "TUR": "tsm", "ISR": "isr", "PHL": "psp", "COL": "csn",
    "CHL": "csg", "PER": "prl", "VEN": "vsl", "URY": "ugy", "UGA": "ugn", "TZA": "tza",
    "GHA": "gse", "NGA": "nsi", "EGY": "esl", "JOR": "jos", "LBN": "ils", "MAR": "xms",
    "PAK": "pks", "IDN": "inl", "MYS": "xml", "THA": "tsq", "KOR": "kvk", "LTU": "lls",
    "LVA": "lsl", "EST": "eso", "BGR": "bqn", "ALB": "sqk", "ISL": "icl",
}
SIGN_LANGUAGE = re.compile(
    r"\bsign(?:ed)? language|langue des signes|lengua de (?:signos|señas)|llengua de signes"
    r"|l[íi]ngua (?:gestual|de sinais)|lingua dei segni|gebärdensprache|gebarentaal"
    r"|limbaj(?:ul)? (?:mimico|semnelor)|νοηματικ|znakovn\w* jezik|жестов\w* язык"
    r"|لغة الإشارة", re.I)
# Between the languages of one cell: 'Français/Anglais', 'English and French', 'FR + EN'
LANGUAGE_JOINERS = re.compile(r"\s*(?:[/&+]|\b(?:and|et|y|e|und|i|și|si|и|και|na)\b)\s*", re.I)


def language_codes(value: str, country_iso3: str = "") -> list[str]:
    """ISO 639-3 codes of one submitted language item, which may join several ('Français/
    Anglais', 'English and French': ['fra', 'eng']); [] when nothing is recognised. Sign
    languages by their initials (:data:`SIGN_LANGUAGE_INITIALS`, capitals only: 'BSL' ->
    'bfi') or by name, a generic 'sign language' being the country's national one
    (:data:`NATIONAL_SIGN_LANGUAGE`; none where the country has none there)."""
    codes = []
    for part in LANGUAGE_JOINERS.split(value):
        part = part.strip(" .,;()")
        initials = re.sub(r"\s*\(.*\)\s*$", "", part)   # 'BSL (sign language)'
        if initials.upper() == initials and initials.upper() in SIGN_LANGUAGE_INITIALS \
                or initials.upper() in ("LIBRAS", "AUSLAN"):
            codes.append(SIGN_LANGUAGE_INITIALS[initials.upper()])
        elif SIGN_LANGUAGE.search(part):
            named = language_to_iso639_3(part)   # 'British Sign Language' -> 'bfi'
            national = NATIONAL_SIGN_LANGUAGE.get(country_iso3, "")
            code = named if named and "Sign" in _language_name(named) else national
            codes += [code] if code else []
        elif part:
            code = language_to_iso639_3(part)
            codes += [code] if code else []
    return list(dict.fromkeys(codes))


@cache
def _language_name(code: str) -> str:
    import langcodes
    return langcodes.get(code).display_name()


@cache
def alpha2(iso3: str) -> str:
    import pycountry

    c = pycountry.countries.get(alpha_3=iso3)
    return c.alpha_2 if c else ("XK" if iso3 == "XKX" else "")


NOT_DIAL = re.compile(r"[^\d+]")  # what a dialled number is not made of


# A note written beside a number: a bracket holding a letter or '/' ('(24/7)', '(24h)',
# '(toll-free)'; not '(0)' or '(11)', which are dialled), or a word after it ('24/7', '24h')
PHONE_NOTE = re.compile(r"\([^()]*[^\W\d_/][^()]*\)|\([^()]*/[^()]*\)|\s\d+\s*/\s*\d+\s*$"
                        r"|\s24\s*h\w*\s*$", re.I)
USSD = re.compile(r"\*[\d*]+#")   # an unstructured supplementary service code


def normalise_phone(raw: str, iso2: str) -> tuple[str, str | None]:
    """(normalised number, flag or None). Short codes stay as dialled digits, never E.164.

    Short codes are checked with phonenumbers' short-number metadata for the record's country
    (TYPOLOGY.md: 116 111, 1098, 3033 are not valid E.164 numbers). A bare run of digits
    (what a spreadsheet keeps of a number stored as a number: the leading '+' is lost) that is
    a valid international number is read as one (4402071234567 -> +442071234567) unless it is
    also a valid, different number of the record's country: then it is kept and flagged
    'phone_ambiguous'. What is not a number at all ('0', '(0)') is flagged 'phone_unparsed'. A
    note beside the number is no digit of it ('116 111 (24/7)' is 116111, not +254116111247);
    a USSD code ('*123#') stays as written, flagged 'ussd_code'.
    """
    import phonenumbers
    from phonenumbers import shortnumberinfo

    if USSD.fullmatch(raw.strip()):
        return raw.strip(), "ussd_code"   # '*123#' dials a menu: its digits are another number
    written, raw = raw.strip(), PHONE_NOTE.sub(" ", raw)   # '116 111 (24/7)', '… (toll-free)'
    digits = NOT_DIAL.sub("", raw)
    if not digits:
        return written, "phone_unparsed"
    try:
        if not digits.startswith("+") and len(digits) <= 6:
            if iso2:
                num = phonenumbers.parse(digits, iso2)
                if shortnumberinfo.is_valid_short_number_for_region(num, iso2):
                    return digits, None
            return digits, "short_code_not_confirmed"
        if raw.strip().isdigit() and not digits.startswith("0"):
            international = _valid_number("+" + digits)
            national = _valid_number(digits, iso2) if iso2 else None
            if international and national and national != international \
                    and phonenumbers.region_code_for_number(international) != iso2:
                return digits, "phone_ambiguous"
            if international:
                return phonenumbers.format_number(international,
                                                  phonenumbers.PhoneNumberFormat.E164), None
        num = phonenumbers.parse(raw, iso2 or None)
    except phonenumbers.NumberParseException:
        return written, "phone_unparsed"
    if phonenumbers.is_valid_number(num):
        return phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164), None
    return written, "phone_invalid"


def _valid_number(text: str, region: str | None = None):
    """The parsed number when ``text`` is a valid phone number (in ``region``), else None."""
    import phonenumbers

    try:
        num = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    return num if phonenumbers.is_valid_number(num) else None


AGE = re.compile(r"^(?P<under>under|below|up to|moins de|menos de|unter|bis|fino a)?\s*"
                 r"(?P<n>\d{1,2})\s*(?:\+|years?|yrs?|ans|años|anos|jahre|anni)?\.?$", re.I)


def parse_age(raw: str) -> tuple[int | None, str | None]:
    """(age, flag): '12' -> 12; 'under 18' -> 17 ('up to 18' -> 18); '' -> None.

    Anything else (a date, '999', 'eighteen', '-5') is not guessed: (None, 'age_unparsed').
    """
    v = (raw or "").strip()
    if not v:
        return None, None
    m = AGE.match(v)
    if not m:
        return None, "age_unparsed"
    age = int(m.group("n"))
    under = (m.group("under") or "").lower()
    return (age - 1 if under and under not in ("up to", "bis", "fino a") else age), None


AGE_RANGE = re.compile(r"^(?:(?:from|de|desde|von|dai|dagli|dos|des)\s+)?(?P<a>\d{1,2})\s*"
                       r"(?:-|–|—|to|a|à|au|al|bis|até|ate|until|alle)\s*(?P<b>\d{1,2})\s*"
                       r"(?:years?|yrs?|ans|años|anos|jahre|anni)?\.?$", re.I)


Bound = tuple[int | None, str | None]   # (age, flag) as parse_age gives it


def age_bounds(min_raw: str, max_raw: str) -> tuple[Bound, Bound]:
    """((min_age, flag), (max_age, flag)) from the two submitted cells, each read by
    :func:`parse_age`, or as a range written in one cell ('0-18', '13–17', 'de 12 a 18 años':
    its ends, also where the other cell is empty). 'under 19' is a maximum of 18 and '13+' a
    minimum of 13 in whichever cell they stand (one cell mapped to both, an 'age group'
    column, gave 18-18 and 13-13; 'under 18' in a minimum column, a minimum of 17)."""
    min_raw, max_raw = (min_raw or "").strip(), (max_raw or "").strip()
    lo, hi = AGE_RANGE.match(min_raw), AGE_RANGE.match(max_raw)
    lo, hi = lo or (hi if not min_raw else None), hi or (lo if not max_raw else None)
    low = (int(lo.group("a")), None) if lo else parse_age(min_raw)
    high = (int(hi.group("b")), None) if hi else parse_age(max_raw)
    m = AGE.match(min_raw) if not lo else None
    if m and m.group("under"):          # 'under 19' (in either cell): an upper bound only
        low, high = (None, None), high if max_raw and max_raw != min_raw else parse_age(min_raw)
    m = AGE.match(max_raw) if not hi else None
    if m and "+" in max_raw:            # '13+': a lower bound only
        low, high = low if min_raw and min_raw != max_raw else parse_age(max_raw), (None, None)
    return low, high


# ------------------------------------------------------------------------------ e-mail and URLs
EMAIL = re.compile(r"^[\w.!#$%&'*+/=?^`{|}~-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}$", re.IGNORECASE)
# Placeholder or dead links seen in scraped directories (e.g. WordPress '?p=2511' stubs).
PLACEHOLDER_URL = re.compile(r"[?&]p=\d+$|example\.com|^https?://(?:localhost|127\.)|#$", re.I)
SOCIAL_HOSTS = ("facebook.com", "instagram.com", "twitter.com", "x.com", "tiktok.com",
                "youtube.com", "linkedin.com", "t.me", "wa.me", "snapchat.com")
# Generic top-level domains say nothing about a country; two-letter ones do (ccTLD).
CCTLD_EXCEPTIONS = {"co", "io", "me", "tv", "ai", "ly", "fm", "gg", "to", "cc", "ws", "eu"}
MAILTO = re.compile(r"^mailto:", re.I)
SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.I)


def normalise_email(raw: str) -> tuple[str, str | None]:
    """Lower-cased, trimmed address ('mailto:' removed), or the raw text with 'email_invalid'."""
    v = MAILTO.sub("", raw.strip()).strip().lower()
    return (v, None) if EMAIL.match(v) else (raw.strip(), "email_invalid")


def normalise_url(raw: str) -> tuple[str, str | None]:
    """Scheme added (https) and host lower-cased; placeholders flagged 'url_placeholder'."""
    v = raw.strip()
    if not v:
        return "", None
    if not SCHEME.match(v):
        v = "https://" + v.lstrip("/")
    parts = urlsplit(v)
    if not parts.netloc or "." not in parts.netloc:
        return raw.strip(), "url_invalid"
    path = parts.path.rstrip("/") if parts.path not in ("", "/") else ("/" if parts.query else "")
    v = urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))
    return v, ("url_placeholder" if PLACEHOLDER_URL.search(v) else None)


def is_social(url: str) -> bool:
    host = urlsplit(url).netloc.lower().removeprefix("www.").removeprefix("m.")
    return any(host == h or host.endswith("." + h) for h in SOCIAL_HOSTS)


def cctld_country(address: str) -> str:
    """ISO3 of the country code top-level domain of an e-mail or URL ('' for generic TLDs)."""
    host = address.rsplit("@", 1)[-1] if "@" in address and "://" not in address else urlsplit(address).netloc
    return _cctld(host.lower().rstrip(".").rsplit(".", 1)[-1])


@cache
def _cctld(tld: str) -> str:
    """ISO3 of a country code top-level domain ('' for others)."""
    if len(tld) != 2 or tld in CCTLD_EXCEPTIONS:
        return ""
    import pycountry

    c = pycountry.countries.get(alpha_2={"uk": "GB"}.get(tld, tld.upper()))
    return c.alpha_3 if c else ""


def contact_problem(value: str, kind: str, iso3: str) -> str | None:
    """Why a normalised e-mail (``kind`` 'email') or URL ('url') of a service in country
    ``iso3`` should not be presented as a working contact: its own flag ('email_invalid',
    'url_invalid', 'url_placeholder') or 'contact_other_country' (the country-code domain of
    another country, e.g. another country's ministry); None when nothing is known against it.
    """
    flag = (normalise_email(value) if kind == "email" else normalise_url(value))[1]
    other = cctld_country(value)
    return flag or ("contact_other_country" if iso3 and other and other != iso3 else None)


# ------------------------------------------------------------------------------ dates
NUMERIC_DATE = re.compile(r"^\s*(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})\s*$")


def normalise_date(raw: str, order: str = "") -> tuple[str, str | None]:
    """A date as ISO 8601 (YYYY-MM-DD), or '' with a flag.

    ``order`` is the submitter's declared order for numeric dates ('dmy' or 'mdy', from the
    sources file). Without it, 03/04/2025 is ambiguous and flagged 'date_ambiguous' rather
    than guessed; 25/04/2025 and 04/25/2025 are unambiguous. ISO dates are read as such; other
    forms ('3 April 2025') go to dateutil; what it cannot read is flagged 'date_unparsed'.
    """
    from datetime import date

    v = raw.strip()
    if not v:
        return "", None
    try:
        return date.fromisoformat(v[:10]).isoformat(), None
    except ValueError:
        pass
    m = NUMERIC_DATE.match(v)
    if m:
        a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        y += 2000 if y < 100 else 0
        if order not in ("dmy", "mdy"):
            if a <= 12 and b <= 12 and a != b:
                return "", "date_ambiguous"
            order = "mdy" if b > 12 else "dmy"
        day, month = (a, b) if order == "dmy" else (b, a)
        try:
            return date(y, month, day).isoformat(), None
        except ValueError:
            return "", "date_invalid"
    from dateutil import parser

    try:
        return parser.parse(v, dayfirst=order == "dmy").date().isoformat(), None
    except (ValueError, OverflowError):
        return "", "date_unparsed"
