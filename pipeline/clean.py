"""Stage 2, clean: interim service records -> one validated service directory.

Reads ``data/interim/services_raw.parquet``; writes ``data/processed/services.parquet`` and
``data/processed/service_rejects.parquet`` (columns ``ingest.common.REJECT_COLUMNS``).

``services.parquet`` columns (HSDS 3.0 names where one exists):

====================  ========  ==========================================================
service_id            str       UUID5 of (source_id, source_key): stable across reruns
source_id, source_key str       where the record came from; source_row: int (line/position)
name                  str       HSDS service.name
organization_name     str       HSDS organization.name ('' when not given)
description           str       HSDS service.description (HTML tags removed)
country_raw           str       as submitted
country_iso3          str       ISO 3166-1 alpha-3 ('' when unknown; Kosovo is XKX)
country_name          str       short English name
region_m49            str       UN M49 region (Africa, Americas, Asia, Europe, Oceania)
subregion_m49         str       UN M49 sub-region
channels              list      codebook channel slugs with evidence (see pipeline.coding)
languages             list      ISO 639-3 codes
phones                list      E.164 for full numbers; short codes as dialled (digits)
is_24_7               bool      opening hours state round-the-clock service
min_age, max_age      Int64     age eligibility (HSDS eligibility), <NA> when not stated
flags                 list      data-quality flags, e.g. 'country_unknown', 'hours_unparsed'
====================  ========  ==========================================================

Plus the evidence fields kept for coding: channel_labels, evidence_lines, service_kind_raw,
emails, websites, chat_urls, social_urls, whatsapp, sms, hours_raw.

Rejected (with reason): records with no service name. Unknown countries are kept and flagged,
never guessed.
"""
from __future__ import annotations

import gettext
import logging
import re
import unicodedata
import uuid
from functools import lru_cache

import pandas as pd

from pipeline import io as pio
from pipeline.codebook import codes_found
from pipeline.config import load_codebook
from pipeline.ingest.common import REJECT_COLUMNS, reject
from pipeline.paths import Outputs

# Namespace for service UUIDs (uuid5 of the project's URL-like name); never change it.
SERVICE_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:online-child-protection:service")

# Locales whose country names are indexed for exact matching (pycountry's gettext catalogues).
COUNTRY_LOCALES = ("fr", "es", "pt", "de", "it", "ro", "el", "hr", "sl", "ca", "nl", "ar")

# Short names people use that no catalogue lists; checked before anything fuzzy.
COUNTRY_ALIASES = {"uk": "GBR", "u k": "GBR", "great britain": "GBR", "england": "GBR",
                   "usa": "USA", "us": "USA", "u s a": "USA", "kosovo": "XKX",
                   "turkiye": "TUR", "ivory coast": "CIV", "drc": "COD"}

TWENTY_FOUR_SEVEN = re.compile(
    r"24\s*/\s*7|24\s*h(?:ours|rs|oras|eures)?\b|24 hours|around the clock|round[- ]the[- ]clock"
    r"|24 horas|jour et nuit|día y noche|rund um die uhr", re.IGNORECASE)
TAGS = re.compile(r"<script.*?</script>|<[^>]+>", re.IGNORECASE | re.DOTALL)


def _norm(text: str) -> str:
    """Case-, accent-, apostrophe- and punctuation-insensitive key for exact matching."""
    t = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    t = re.sub(r"[^\w\s]", " ", t.casefold())
    return re.sub(r"\s+", " ", t).strip()


@lru_cache(maxsize=1)
def _country_index() -> dict[str, str]:
    """Normalised country name (English and COUNTRY_LOCALES) or code -> ISO 3166-1 alpha-3."""
    import pycountry

    index: dict[str, str] = {}
    translations = [gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[loc],
                                        fallback=True) for loc in COUNTRY_LOCALES]
    for c in pycountry.countries:
        names = {c.name, getattr(c, "official_name", c.name), getattr(c, "common_name", c.name)}
        for n in list(names):
            names.update(t.gettext(n) for t in translations)
        for n in names:
            index.setdefault(_norm(n), c.alpha_3)
        index[_norm(c.alpha_3)] = c.alpha_3
    index.update(COUNTRY_ALIASES)
    return index


@lru_cache(maxsize=1)
def _coco():
    import country_converter as coco

    logging.getLogger("country_converter").setLevel(logging.ERROR)
    return coco.CountryConverter()


@lru_cache(maxsize=None)
def country_to_iso3(name: str) -> tuple[str, str]:
    """Map a country name in any indexed language to (ISO3, method).

    Exact, normalised matches win over country_converter's regular expressions, so 'Niger'
    is never read as Nigeria. Returns ('', 'unknown') when neither matches.
    """
    key = _norm(name)
    if not key:
        return "", "missing"
    if key in _country_index():
        return _country_index()[key], "exact"
    guess = _coco().convert(name.strip(), to="ISO3", not_found=None)
    if isinstance(guess, str) and len(guess) == 3:
        return guess, "regex"
    return "", "unknown"


@lru_cache(maxsize=None)
def m49(iso3: str) -> tuple[str, str, str]:
    """(short name, M49 region, M49 sub-region) for an ISO3 code, from country_converter."""
    data = _coco().data
    row = data[data["ISO3"] == iso3]
    if row.empty:
        return iso3, "", ""
    r = row.iloc[0]
    region = {"America": "Americas"}.get(r["continent"], r["continent"])
    return r["name_short"], region, r["UNregion"]


@lru_cache(maxsize=None)
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
        return langcodes.find(v).to_alpha3()
    except (LookupError, ValueError):
        return ""


def _iso2(iso3: str) -> str:
    import pycountry

    c = pycountry.countries.get(alpha_3=iso3)
    return c.alpha_2 if c else ("XK" if iso3 == "XKX" else "")


def normalise_phone(raw: str, iso2: str) -> tuple[str, str | None]:
    """(normalised number, flag or None). Short codes stay as dialled digits, never E.164.

    Short codes are checked with phonenumbers' short-number metadata for the record's country
    (TYPOLOGY.md: 116 111, 1098, 3033 are not valid E.164 numbers).
    """
    import phonenumbers
    from phonenumbers import shortnumberinfo

    digits = re.sub(r"[^\d+]", "", raw)
    if not digits:
        return raw.strip(), "phone_unparsed"
    if not digits.startswith("+") and len(digits) <= 6:
        if iso2:
            num = phonenumbers.parse(digits, iso2)
            if shortnumberinfo.is_valid_short_number_for_region(num, iso2):
                return digits, None
        return digits, "short_code_not_confirmed"
    try:
        num = phonenumbers.parse(raw, iso2 or None)
    except phonenumbers.NumberParseException:
        return raw.strip(), "phone_unparsed"
    if phonenumbers.is_valid_number(num):
        return phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164), None
    return raw.strip(), "phone_invalid"


def parse_age(raw: str) -> int | None:
    """'12' -> 12; 'under 18' -> 17; '' or unparseable -> None."""
    m = re.search(r"\d{1,2}", raw or "")
    if not m:
        return None
    age = int(m.group(0))
    return age - 1 if re.search(r"under|below|moins de|menos de|unter", raw, re.I) else age


def clean_record(rec: dict, channel_dim) -> dict:
    """Normalise one interim service record (a dict of SERVICE_COLUMNS) into a services row."""
    flags = []
    iso3, method = country_to_iso3(rec["country_raw"])
    if not iso3:
        flags.append(f"country_{method}")
    elif iso3 == "XKX":
        flags.append("country_user_assigned_code")  # Kosovo: XKX is not an ISO-assigned code
    name, region, subregion = m49(iso3) if iso3 else ("", "", "")
    iso2 = _iso2(iso3) if iso3 else ""

    phones = []
    for p in rec["phones"]:
        number, flag = normalise_phone(p, iso2)
        phones.append(number)
        if flag:
            flags.append(flag)
    languages = []
    for lang in rec["languages_raw"]:
        code = language_to_iso639_3(lang)
        if code:
            languages.append(code)
        else:
            flags.append("language_unparsed")
    hours = rec["hours_raw"].strip()
    is_24_7 = bool(TWENTY_FOUR_SEVEN.search(hours))
    if hours and not is_24_7 and not re.search(r"\d", hours):
        flags.append("hours_unparsed")  # e.g. 'Monday through Friday from' (truncated scrape)
    min_age, max_age = parse_age(rec["min_age_raw"]), parse_age(rec["max_age_raw"])
    if min_age is not None and max_age is not None and min_age > max_age:
        flags.append("age_range_inverted")

    description = TAGS.sub(" ", rec["description"])
    row = {
        "service_id": str(uuid.uuid5(SERVICE_NAMESPACE, f"{rec['source_id']}|{rec['source_key']}")),
        "source_id": rec["source_id"], "source_key": rec["source_key"],
        "source_row": rec["source_row"], "name": rec["service_name"].strip(),
        "organization_name": rec["organization_name"].strip(),
        "description": re.sub(r"\s+", " ", description).strip(),
        "country_raw": rec["country_raw"], "country_iso3": iso3, "country_name": name,
        "region_m49": region, "subregion_m49": subregion,
        "languages": sorted(set(languages)), "phones": phones, "is_24_7": is_24_7,
        "min_age": min_age, "max_age": max_age,
    }
    for f in ("channel_labels", "evidence_lines", "service_kind_raw", "emails", "websites",
              "chat_urls", "social_urls", "whatsapp", "sms", "hours_raw", "source_url"):
        row[f] = rec[f]
    row["channels"] = codes_found(channel_dim, row)
    row["flags"] = sorted(set(flags))
    return row


def run(out: Outputs) -> pd.DataFrame:
    raw = pio.read_table(out.services_raw)
    channel_dim = load_codebook().dimension("channel")
    rows, rejects = [], []
    for rec in raw.to_dict("records"):
        rec = {k: (list(v) if hasattr(v, "tolist") else v) for k, v in rec.items()}
        if not rec["service_name"].strip():
            rejects.append(reject(rec["source_id"], rec["source_row"], rec["source_key"],
                                  "missing_service_name", stage="clean"))
            continue
        rows.append(clean_record(rec, channel_dim))
    services = pd.DataFrame(rows)
    for col in ("min_age", "max_age"):
        services[col] = services[col].astype("Int64")
    dupes = services["service_id"].duplicated(keep="first")
    for r in services[dupes].itertuples():
        rejects.append(reject(r.source_id, r.source_row, r.source_key, "duplicate_service_id",
                              stage="clean"))
    services = services[~dupes].reset_index(drop=True)

    inputs = [out.services_raw]
    pio.write_table(out.services, services, inputs, "clean")
    pio.write_table(out.service_rejects, pd.DataFrame(rejects, columns=REJECT_COLUMNS), inputs,
                    "clean")
    print(f"[clean] {len(raw)} records in: {len(services)} services kept, {len(rejects)} rejected; "
          f"{services['country_iso3'].ne('').sum()} with a country, "
          f"{services.loc[services['country_iso3'] != '', 'country_iso3'].nunique()} countries")
    return services
