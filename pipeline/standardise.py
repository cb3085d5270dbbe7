"""Stage 2, standardise: interim service records -> one validated service directory.

Reads ``data/interim/services_raw.parquet``; writes ``data/interim/services_clean.parquet``
(linked and merged next by :mod:`pipeline.dedupe`) and ``data/processed/service_rejects.parquet``
(columns: :mod:`pipeline.schema`, ``service_rejects``).

``services_clean.parquet`` columns (HSDS 3.0 names where one exists) are declared, with types
and allowed values, in :mod:`pipeline.schema` (``services_clean``): identity and provenance
(service_id, a UUID5 of source_id and source_key, stable across reruns), name, organisation,
description (HTML removed), country as ISO 3166-1 alpha-3 and UN M49 regions, ISO 639-3
languages, phones (E.164, short codes as dialled), HSDS schedule and 24/7 flag, ages,
normalised contacts, data-quality flags, what the source states about the record
(source_attributes) and the evidence fields kept for coding.

This stage normalises; it never classifies: channels, service types and delivery facts are
codebook dimensions applied by ``code``.

Rejected (with reason): records with no service name; a service ID repeated (the first record
of an ID is kept). Unknown and ambiguous ('Congo') countries are kept and flagged, never guessed.

Records are streamed in batches of :data:`BATCH`, cleaned on a worker per core
(:mod:`pipeline.workers`) and appended to the output as they come (issue 14: at 1,000,000
records memory stays that of a few batches); the tables are those of the whole input at once.
"""
from __future__ import annotations

import html
import re
import uuid
from collections.abc import Iterable, Iterator
from functools import lru_cache

import pandas as pd

from pipeline import normalise as nz
from pipeline import schema, storage, workers
from pipeline.hours import parse_hours
from pipeline.ingest.common import REJECT_COLUMNS, reject
from pipeline.paths import Outputs

# Namespace for service UUIDs (uuid5 of the project's URL-like name); never change it.
SERVICE_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:online-child-protection:service")
# HTML elements only: real names use angle brackets as punctuation ('The Centre <Helpline for
# Children>' in the CHI directory), so unknown '<words>' stay.
HTML_ELEMENTS = ("a|abbr|b|big|blockquote|br|center|code|div|em|font|h[1-6]|hr|i|img|li|ol|p|pre|"
                 "s|small|span|strike|strong|sub|sup|table|tbody|td|th|thead|tr|tt|u|ul|iframe|"
                 "object|embed|form|input|button|link|meta|svg")
TAGS = re.compile(r"<script\b.*?</script\s*>|<style\b.*?</style\s*>|<script\b[^>]*>|"
                  rf"</?(?:{HTML_ELEMENTS})\b[^<>]*/?>", re.IGNORECASE | re.DOTALL)

HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# Unicode format characters (category Cf) that turn up in pasted text: zero-width spaces and
# joiners, direction marks, word joiners, BOM, soft hyphen.
INVISIBLE = re.compile("[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
                       "\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]")
# (not the zero-width joiner and non-joiner, which make emoji sequences and Persian words)
# Inline elements go without a space ('<b>Report</b>.' is 'Report.'); others leave one
INLINE = re.compile(r"</?(?:a|abbr|b|bdi|bdo|cite|code|em|font|i|kbd|mark|q|s|samp|small|span|strong|"
                    r"sub|sup|u|var)\b", re.IGNORECASE)

# Per-process caches (each worker keeps its own): submitted values repeat from record to record
# (the same short code, opening hours, age or date in thousands of records) and these
# normalisers are pure functions of them. Bounded: distinct full numbers can be millions.
_phone = lru_cache(maxsize=1 << 16)(nz.normalise_phone)
_hours = lru_cache(maxsize=1 << 14)(parse_hours)  # schedule rows are copied out, never shared
_date = lru_cache(maxsize=1 << 14)(nz.normalise_date)
_ages = lru_cache(maxsize=1 << 12)(nz.age_bounds)


def clean_text(text: str) -> str:
    """HTML elements and comments, and invisible format characters (zero-width spaces...),
    removed; character references decoded ('&amp;', '&#39;'); white space folded."""
    text = html.unescape(text)   # first: an escaped '&lt;script&gt;' is removed as a tag too
    text = TAGS.sub(lambda m: "" if INLINE.match(m.group(0)) else " ", HTML_COMMENT.sub(" ", text))
    return nz.WHITESPACE.sub(" ", INVISIBLE.sub("", text)).strip()


def _contacts(rec: dict, iso3: str, flags: list[str]) -> dict:
    """Normalised e-mails and URLs; social links found among websites are moved; contact
    details whose country-code domain names another country are flagged (not dropped)."""
    out = {"emails": [], "websites": [], "chat_urls": [], "social_urls": []}
    for e in rec["emails"]:
        value, flag = nz.normalise_email(e)
        out["emails"].append(value)
        flags += [flag] if flag else []
    for field in ("websites", "chat_urls", "social_urls"):
        for u in rec[field]:
            value, flag = nz.normalise_url(u)
            flags += [flag] if flag else []
            target = field
            if field == "websites" and not flag and nz.is_social(value):
                target = "social_urls"
                flags.append("social_url_in_website_slot")
            out[target].append(value)
    for kind, field in (("email", "emails"), ("url", "websites"), ("url", "chat_urls")):
        if any(nz.contact_problem(v, kind, iso3) == "contact_other_country" for v in out[field]):
            flags.append("contact_other_country")  # e.g. another country's helpline e-mail
    return out


def clean_record(rec: dict) -> dict:
    """Normalise one interim service record (a dict of the services_raw columns) into a services row."""
    flags: list[str] = []
    iso3, method = nz.country_to_iso3(rec["country_raw"])
    if not iso3:
        flags.append(f"country_{method}")
    elif iso3 == "XKX":
        flags.append("country_user_assigned_code")  # Kosovo: XKX is not an ISO-assigned code
    name, region, subregion = nz.m49(iso3) if iso3 else ("", "", "")
    alpha2 = nz.alpha2(iso3) if iso3 else ""

    phones = []
    for p in rec["phones"]:
        number, flag = _phone(p, alpha2)
        phones.append(number)
        flags += [flag] if flag else []
    languages = []
    for lang in rec["languages_raw"]:
        codes = nz.language_codes(lang, iso3)
        languages += codes
        flags += [] if codes else ["language_unparsed"]
    schedule, is_24_7 = _hours(rec["hours_raw"])
    schedule = [dict(row) for row in schedule]
    if rec["hours_raw"].strip() and not schedule:
        flags.append("hours_unparsed")  # kept verbatim in hours_raw
    assured_date, flag = _date(rec["last_checked_raw"], rec["date_order"])
    flags += [flag] if flag else []
    (min_age, f1), (max_age, f2) = _ages(rec["min_age_raw"], rec["max_age_raw"])
    flags += [f for f in (f1, f2) if f]
    if min_age is not None and max_age is not None and min_age > max_age:
        flags.append("age_range_inverted")

    description = clean_text(rec["description"])
    row = {
        "service_id": str(uuid.uuid5(SERVICE_NAMESPACE, f"{rec['source_id']}|{rec['source_key']}")),
        "source_id": rec["source_id"], "source_key": rec["source_key"],
        "source_row": rec["source_row"], "name": clean_text(rec["service_name"]),
        "organization_name": clean_text(rec["organization_name"]), "description": description,
        "country_raw": rec["country_raw"], "country_iso3": iso3, "country_name": name,
        "region_m49": region, "subregion_m49": subregion,
        "languages": sorted(set(languages)), "phones": phones, "schedule": schedule,
        "is_24_7": is_24_7, "min_age": min_age, "max_age": max_age, "assured_date": assured_date,
        **_contacts(rec, iso3, flags),
    }
    for f in ("channel_labels", "evidence_lines", "service_kind_raw", "whatsapp", "sms",
              "hours_raw", "source_url", "source_attributes"):
        row[f] = rec[f]
    row["flags"] = sorted(set(flags))
    return row


BATCH = 10_000  # records cleaned (by one worker) and written per step: memory is bounded by it


def _clean_batch(raw) -> tuple:
    """One batch of ``services_raw`` records (dicts, or an Arrow table of them) -> (its
    services_clean rows as an Arrow table, validated by :func:`pipeline.storage.arrow_batch`;
    the records rejected for having no service name, as reject dicts)."""
    records = raw if isinstance(raw, list) else raw.to_pylist()
    rows, rejects = [], []
    for rec in records:
        if not clean_text(rec["service_name"]):  # a name that is only a tag or invisible
            rejects.append(reject(rec["source_id"], rec["source_row"], rec["source_key"],
                                  "missing_service_name", stage="standardise"))
            continue
        rows.append(clean_record(rec))
    services = pd.DataFrame(rows, columns=schema.columns("services_clean"))
    for col in ("min_age", "max_age"):
        services[col] = services[col].astype("Int64")
    return storage.arrow_batch("services_clean", services), rejects


class _Standardised:
    """The stage's work on batches of ``services_raw`` (cleaned on workers with ``parallel``,
    :func:`pipeline.workers.ordered_map`): iterate for the kept services_clean rows (Arrow
    tables, in source order); then :attr:`rejects` holds the rejected records, as
    the whole input at once gives them: records with no service name in source order, then
    repeated service IDs (the first record of an ID is kept, in whichever batch it came)."""

    def __init__(self, batches: Iterable, parallel: bool):
        self.batches, self.parallel = batches, parallel
        self.missing: list[dict] = []
        self.repeated: list[dict] = []
        self.with_country = 0
        self.countries: set[str] = set()

    def __iter__(self) -> Iterator:
        import pyarrow as pa
        import pyarrow.compute as pc

        seen: set[str] = set()
        for table, missing in workers.ordered_map(_clean_batch, self.batches, self.parallel):
            self.missing += missing
            first = []
            for sid in table.column("service_id").to_pylist():
                first.append(sid not in seen)
                seen.add(sid)
            if not all(first):
                repeated = table.filter(pc.invert(pa.array(first)))
                self.repeated += [reject(r["source_id"], r["source_row"], r["source_key"],
                                         "duplicate_service_id", stage="standardise")
                                  for r in repeated.select(REJECT_COLUMNS[:3]).to_pylist()]
                table = table.filter(pa.array(first))
            iso3 = table.column("country_iso3")
            self.with_country += pc.sum(pc.not_equal(iso3, "")).as_py() or 0
            self.countries.update(pc.unique(iso3).to_pylist())
            yield table

    @property
    def rejects(self) -> list[dict]:
        return self.missing + self.repeated


def _batches(raw: list[dict]) -> Iterator[list[dict]]:
    return (raw[i:i + BATCH] for i in range(0, len(raw), BATCH))


def standardise(raw: list[dict]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The stage's work on records of ``services_raw`` (dicts) held in memory: (services_clean,
    rejects), both with their ``pipeline.schema`` columns, as :func:`run` writes them (in
    batches of :data:`BATCH`). Rejected: no service name; a repeated service ID."""
    import pyarrow as pa

    work = _Standardised(_batches(raw), workers.parallel(len(raw)))
    tables = list(work) or [storage.arrow_batch("services_clean", pd.DataFrame(
        columns=schema.columns("services_clean")))]
    services = pa.concat_tables(tables).to_pandas()
    return services, pd.DataFrame(work.rejects, columns=REJECT_COLUMNS)


def run(out: Outputs) -> None:
    """Stream ``services_raw`` through the stage in batches of :data:`BATCH` records: memory
    stays bounded by a few batches whatever the number of records (issue 14)."""
    from tqdm import tqdm

    n_raw = storage.count_rows(out.services_raw)
    batches = storage.read_batches(out.services_raw, BATCH, arrow=True)
    work = _Standardised(tqdm(batches, total=-(-n_raw // BATCH), unit="batch", desc="[clean]",
                              disable=n_raw < 3 * BATCH), workers.parallel(n_raw))
    inputs = [out.services_raw]
    with storage.table_writer(out.services_clean, inputs, "standardise") as writer:
        for table in work:
            writer.write(table)
    n_kept = writer.rows
    storage.write_table(out.service_rejects, pd.DataFrame(work.rejects, columns=REJECT_COLUMNS),
                        inputs, "standardise")
    print(f"[standardise] {n_raw} records in: {n_kept} services kept, "
          f"{len(work.rejects)} rejected; {work.with_country} with a country, "
          f"{len(work.countries - {''})} countries")
