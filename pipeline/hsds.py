"""Stage 5c, hsds: export the cleaned directory as an Open Referral HSDS 3.0 data package.

Reads ``data/processed/services.parquet`` and ``final_codes.parquet`` (coded segments after
advisor review); writes ``report/hsds/`` with ``datapackage.json`` and one CSV per table:
organization, service, phone, schedule, language, service_area, taxonomy, taxonomy_term and
attribute (the codebook's channel and service-type codes linked to services, HSDS's way of
overlaying a taxonomy). Column names are HSDS 3.0 field names; :func:`check_against_schema` verifies them
against the specification's field list (``schema.csv`` of openreferral/specification) and
the stage prints the result when that file is present.

IDs are UUID5s derived from the service IDs, so the package is the same on every run.
:mod:`pipeline.ingest.hsds_package` reads such a package back (HSDS in, HSDS out). The CSVs
are machine exports: values exact, never prefixed against spreadsheet formulas.

HSDS fields say what is known, as the specification means them:

- ``url`` and ``email`` hold a contact only when the pipeline found nothing against it
  (:func:`pipeline.normalise.contact_problem`: a placeholder, an invalid address, another
  country's domain); a withheld contact is an ``attribute`` under the pipeline's data-quality
  taxonomy (term ``contact_to_verify``) saying which field and why, without the value.
- ``status``: 'inactive' or 'temporarily closed' where the codebook's record_status codes
  say so; otherwise 'active' (HSDS has no 'unknown'), with a ``status_unverified`` attribute
  saying that only the source's listing (and its check date, if any) supports it.
- ``eligibility_description``: who the service is for (target-group codes and ages);
  ``fees_description``: cost. Anonymity and confidentiality are delivery attributes.

``report/directory.xlsx`` is the people's copy of the directory (text cells typed as text,
so no formula runs; contacts to verify in their own column, never as working contacts).
"""
from __future__ import annotations

import csv
import json
import re
import uuid
from pathlib import Path

import pandas as pd

from pipeline import normalise as nz
from pipeline import paths, storage
from pipeline.codebook import load_codebook
from pipeline.paths import Outputs

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:online-child-protection:hsds")
DAY_NAMES = {"MO": "Monday", "TU": "Tuesday", "WE": "Wednesday", "TH": "Thursday",
             "FR": "Friday", "SA": "Saturday", "SU": "Sunday"}

# HSDS 3.0 fields this export fills, per table (all text in the CSVs).
TABLES = {
    "organization": ["id", "name", "description", "email", "website"],
    "service": ["id", "organization_id", "name", "description", "url", "email", "status",
                "minimum_age", "maximum_age", "fees_description", "eligibility_description",
                "assured_date"],
    "phone": ["id", "service_id", "number", "type", "description"],
    "schedule": ["id", "service_id", "freq", "byday", "opens_at", "closes_at", "description"],
    "language": ["id", "service_id", "name", "code"],
    "service_area": ["id", "service_id", "name", "description", "extent_type"],
    "taxonomy": ["id", "name", "description", "uri"],
    "taxonomy_term": ["id", "code", "name", "description", "taxonomy_id", "language"],
    "attribute": ["id", "link_id", "taxonomy_term_id", "link_type", "link_entity", "value"],
}


# HSDS 3.0 service.status from the codebook's record_status codes (config/codebook.yaml).
STATUS = {"inactive_or_defunct": "inactive", "temporarily_closed": "temporarily closed"}
# The pipeline's own data-quality taxonomy: what a consumer of the package should know.
QUALITY_TERMS = {
    "contact_to_verify": "A contact the pipeline flagged (placeholder, invalid, or another "
                         "country's domain) is withheld from this service until verified.",
    "status_unverified": "No text says the service is closed; 'active' rests on the "
                         "source's listing only.",
}


def _id(*parts) -> str:
    return str(uuid.uuid5(NAMESPACE, "|".join(map(str, parts))))


def _age(value) -> str:
    return "" if pd.isna(value) else str(int(value))


def _taxonomies(codebook) -> tuple[list[dict], list[dict], dict[str, str]]:
    taxonomies, terms, term_id = [], [], {}
    for dim in codebook.applying_to("services"):  # notes' codes are no service taxonomy
        tax_id = _id("taxonomy", dim.id)
        taxonomies.append({"id": tax_id, "name": f"{codebook.title}: {dim.label}",
                           "description": f"Codebook {codebook.version}. Source: {dim.source}",
                           "uri": f"urn:online-child-protection:codebook:{dim.id}"})
        for c in dim.codes:
            term_id[c.id] = _id("term", c.id)
            terms.append({"id": term_id[c.id], "code": c.id, "name": c.label,
                          "description": c.definition, "taxonomy_id": tax_id, "language": "en"})
    tax_id = _id("taxonomy", "data_quality")
    taxonomies.append({"id": tax_id, "name": "Data quality (pipeline)",
                       "description": "What the pipeline could not verify about a record.",
                       "uri": "urn:online-child-protection:data-quality"})
    for code, definition in QUALITY_TERMS.items():
        term_id[code] = _id("term", code)
        terms.append({"id": term_id[code], "code": code, "name": code.replace("_", " "),
                      "description": definition, "taxonomy_id": tax_id, "language": "en"})
    return taxonomies, terms, term_id


# A voice number as standardise leaves a number it could read: E.164, a short code's digits
# or a USSD code; anything else ('0800 11 0011 (x)', 'Text') is a number it could not read
DIALLABLE = re.compile(r"\+\d{6,15}|\d{2,8}|\*[\d*]+#")


def voice_numbers(s: dict) -> tuple[list[str], list[str]]:
    """(the service's voice numbers standardise read, 'phone: unreadable number' for each
    other one, withheld like a contact flagged: never published as a working number)."""
    ok = [p for p in s["phones"] if DIALLABLE.fullmatch(p)]
    return ok, ["phone: unreadable number"] * (len(s["phones"]) - len(ok))


def contacts(s: dict) -> tuple[dict[str, str], list[str]]:
    """(the first e-mail and website nothing is known against, 'field: problem' for each
    contact withheld, voice numbers included: :func:`voice_numbers`). ``s`` is a services row."""
    usable, withheld = {"email": "", "url": ""}, list(voice_numbers(s)[1])
    for field, kind, values in (("email", "email", s["emails"]), ("url", "url", s["websites"])):
        for v in values:
            problem = nz.contact_problem(v, kind, s["country_iso3"])
            if problem:
                withheld.append(f"{field}: {problem}")
            elif not usable[field]:
                usable[field] = v
    return usable, withheld


def _eligibility(s: dict, groups: list[str]) -> str:
    ages = ("" if pd.isna(s["min_age"]) and pd.isna(s["max_age"]) else
            f"ages {_age(s['min_age']) or '?'}-{_age(s['max_age']) or '?'}")
    return "; ".join([*groups, ages] if ages else groups)


def export(services: pd.DataFrame, segments: pd.DataFrame, codebook) -> dict[str, pd.DataFrame]:
    """The HSDS tables (column lists in ``TABLES``) for the services and their codes."""
    import langcodes

    def codes(dim: str, labels: bool = False) -> dict[str, list[str]]:
        rows = segments[(segments["dimension"] == dim) & (segments["code"] != "unclassified")]
        label = {c.slug: c.label for c in codebook.dimension(dim).codes}
        return rows.groupby("service_id")["code"].agg(
            lambda c: sorted({label[x] if labels else x for x in c})).to_dict()

    delivery, status = codes("delivery"), codes("record_status")
    groups = codes("target_group", labels=True)

    t: dict[str, list[dict]] = {name: [] for name in TABLES}
    organizations: dict[str, dict] = {}
    t["taxonomy"], t["taxonomy_term"], term_id = _taxonomies(codebook)
    for s in services.to_dict("records"):
        sid = s["service_id"]
        org_name = s["organization_name"] or s["name"]
        org_id = _id("organization", org_name.casefold(), s["country_iso3"])
        org = organizations.get(org_id)
        if org is None:
            # HSDS requires a description; the directory only knows which services it runs.
            organizations[org_id] = {"id": org_id, "name": org_name,
                                     "description": f"Runs: {s['name']}", "email": "", "website": ""}
        elif s["name"] not in org["description"]:
            org["description"] += f"; {s['name']}"
        usable, withheld = contacts(s)
        known = [STATUS[c] for c in status.get(sid, ()) if c in STATUS]
        t["service"].append({
            "id": sid, "organization_id": org_id, "name": s["name"],
            "description": s["description"], **usable, "status": (known or ["active"])[0],
            "minimum_age": _age(s["min_age"]), "maximum_age": _age(s["max_age"]),
            "fees_description": "free of charge" if "free" in delivery.get(sid, ()) else "",
            "eligibility_description": _eligibility(s, groups.get(sid, [])),
            "assured_date": s["assured_date"]})
        notes = [("contact_to_verify", w) for w in withheld] + (
            [] if known else [("status_unverified",
                               f"listed by its source; last checked {s['assured_date'] or 'unknown'}")])
        for term, value in notes:
            t["attribute"].append({"id": _id(sid, "attribute", term, value), "link_id": sid,
                                   "taxonomy_term_id": term_id[term], "link_type": "data_quality",
                                   "link_entity": "service", "value": value})
        for kind, numbers, hsds_type in (("voice", voice_numbers(s)[0], "voice"), ("sms", s["sms"], "text"),
                                         ("whatsapp", s["whatsapp"], "cell")):
            for n in numbers:
                t["phone"].append({"id": _id(sid, "phone", kind, n), "service_id": sid,
                                   "number": n, "type": hsds_type,
                                   "description": "WhatsApp" if kind == "whatsapp" else ""})
        for i, row in enumerate(s["schedule"]):
            days = ", ".join(DAY_NAMES[d] for d in row["byday"].split(","))
            t["schedule"].append({"id": _id(sid, "schedule", i), "service_id": sid,
                                  "freq": "WEEKLY", "byday": row["byday"],
                                  "opens_at": row["opens_at"], "closes_at": row["closes_at"],
                                  "description": f"{days} {row['opens_at']}-{row['closes_at']}"})
        for code in s["languages"]:
            t["language"].append({"id": _id(sid, "language", code), "service_id": sid,
                                  "name": langcodes.get(code).display_name(), "code": code})
        if s["country_iso3"]:
            t["service_area"].append({"id": _id(sid, "area"), "service_id": sid,
                                      "name": s["country_name"],
                                      "description": f"ISO 3166-1 alpha-3: {s['country_iso3']}",
                                      "extent_type": "country"})
    t["organization"] = list(organizations.values())
    coded = segments[segments["code"] != "unclassified"].drop_duplicates(["service_id", "code_id"])
    for r in coded.itertuples():
        t["attribute"].append({"id": _id(r.service_id, "attribute", r.code_id),
                               "link_id": r.service_id, "taxonomy_term_id": term_id[r.code_id],
                               "link_type": r.dimension, "link_entity": "service",
                               "value": r.code})
    return {name: pd.DataFrame(rows, columns=TABLES[name]) for name, rows in t.items()}


def check_against_schema(tables: dict[str, pd.DataFrame], schema_csv: Path) -> list[str]:
    """Problems found comparing the tables with the HSDS field list ([] when conformant)."""
    with open(schema_csv, encoding="utf-8", newline="") as f:
        spec = list(csv.DictReader(f))
    fields = {}
    for r in spec:
        fields.setdefault(r["table_name"], {})[r["name"]] = r
    problems = []
    for name, df in tables.items():
        if name not in fields:
            problems.append(f"{name}: not an HSDS table")
            continue
        problems += [f"{name}.{c}: not an HSDS field" for c in df.columns if c not in fields[name]]
        problems += [f"{name}.{c}: required field missing" for c, r in fields[name].items()
                     if r.get("constraints_required") == "true" and r["type"] not in ("array", "")
                     and c not in df.columns]
        problems += [f"{name}.{c}: required field empty in {int((df[c] == '').sum())} rows"
                     for c, r in fields[name].items() if c in df.columns and
                     r.get("constraints_required") == "true" and (df[c] == "").any()]
    return problems


def write_package(tables: dict[str, pd.DataFrame], folder: Path, title: str) -> None:
    """Write the CSVs (values exact) and a Frictionless ``datapackage.json``."""
    resources = []
    for name, df in tables.items():
        storage.write_csv(folder / f"{name}.csv", df)
        resources.append({"name": name, "path": f"{name}.csv", "format": "csv",
                          "schema": {"fields": [{"name": c, "type": "string"} for c in df.columns]}})
    storage.write_json(folder / "datapackage.json", {
        "name": "online-child-protection-services", "title": title,
        "profile": "tabular-data-package", "hsds_version": "3.0", "resources": resources})


def directory(services: pd.DataFrame, segments: pd.DataFrame) -> pd.DataFrame:
    """The people's directory: one row per service, lists joined with '; ', contacts the
    pipeline flagged in 'contacts to verify' (field and reason, never as working contacts)."""
    def joined(dim):
        rows = segments[(segments["dimension"] == dim) & (segments["code"] != "unclassified")]
        return rows.groupby("service_id")["code"].agg(lambda c: "; ".join(sorted(set(c))))

    types, channels = joined("service_type"), joined("channel")
    rows = []
    for s in services.to_dict("records"):
        usable, withheld = contacts(s)
        rows.append({
            "service": s["name"], "organisation": s["organization_name"],
            "country": s["country_name"], "service types": types.get(s["service_id"], ""),
            "channels": channels.get(s["service_id"], ""), "phone": "; ".join(voice_numbers(s)[0]),
            "SMS": "; ".join(s["sms"]), "WhatsApp": "; ".join(s["whatsapp"]),
            "website": usable["url"], "e-mail": usable["email"],
            "contacts to verify": "; ".join(withheld),
            "languages": "; ".join(s["languages"]), "ages": _eligibility(s, []),
            "last checked": s["assured_date"]})
    return pd.DataFrame(rows)


def run(out: Outputs) -> dict[str, pd.DataFrame]:
    codebook = load_codebook()
    services, segments = storage.read_table(out.services), storage.read_table(out.final_codes)
    tables = export(services, segments, codebook)
    title = json.loads(out.ingest_accounting.read_text(encoding="utf-8"))["label"]
    write_package(tables, out.hsds, f"Service directory: {title}")
    storage.write_xlsx(out.directory_xlsx, {"directory": directory(services, segments)})
    if paths.HSDS_SCHEMA.exists():
        problems = check_against_schema(tables, paths.HSDS_SCHEMA)
        print(f"[hsds] checked against {paths.HSDS_SCHEMA.name}: "
              f"{'conformant' if not problems else '; '.join(problems)}")
    print("[hsds] " + ", ".join(f"{k} {len(v)}" for k, v in tables.items()) + f" -> {out.hsds}")
    return tables
