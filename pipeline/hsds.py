"""Stage 5c, hsds: export the cleaned directory as an Open Referral HSDS 3.0 data package.

Reads ``data/processed/services.parquet`` and ``coded_segments.parquet``; writes
``report/hsds/`` with ``datapackage.json`` and one CSV per table: organization, service,
phone, schedule, language, service_area, taxonomy, taxonomy_term and attribute (the
codebook's channel and service-type codes linked to services, HSDS's way of overlaying a
taxonomy). Column names are HSDS 3.0 field names; :func:`check_against_schema` verifies them
against the specification's field list (``schema.csv`` of openreferral/specification) and
the stage prints the result when that file is present.

IDs are UUID5s derived from the service IDs, so the package is the same on every run.
:mod:`pipeline.ingest.hsds_package` reads such a package back (HSDS in, HSDS out).
"""
from __future__ import annotations

import csv
import json
import uuid
from pathlib import Path

import pandas as pd

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
    return taxonomies, terms, term_id


def export(services: pd.DataFrame, segments: pd.DataFrame, codebook) -> dict[str, pd.DataFrame]:
    """The HSDS tables (column lists in ``TABLES``) for the services and their codes."""
    import langcodes

    stated = segments[segments["dimension"] == "delivery"]
    delivery = stated.groupby("service_id")["code"].agg(set).to_dict()

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
        stated = [label for code, label in (("free", "free of charge"), ("anonymous", "anonymous"),
                                            ("confidential", "confidential"))
                  if code in delivery.get(sid, ())]
        t["service"].append({
            "id": sid, "organization_id": org_id, "name": s["name"],
            "description": s["description"], "url": next(iter(s["websites"]), ""),
            "email": next(iter(s["emails"]), ""), "status": "active",
            "minimum_age": _age(s["min_age"]), "maximum_age": _age(s["max_age"]),
            "fees_description": "free of charge" if "free" in delivery.get(sid, ()) else "",
            "eligibility_description": ", ".join(stated), "assured_date": s["assured_date"]})
        for kind, numbers, hsds_type in (("voice", s["phones"], "voice"), ("sms", s["sms"], "text"),
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
    """Write the CSVs (spreadsheet-safe) and a Frictionless ``datapackage.json``."""
    resources = []
    for name, df in tables.items():
        storage.write_csv(folder / f"{name}.csv", df)
        resources.append({"name": name, "path": f"{name}.csv", "format": "csv",
                          "schema": {"fields": [{"name": c, "type": "string"} for c in df.columns]}})
    storage.write_json(folder / "datapackage.json", {
        "name": "online-child-protection-services", "title": title,
        "profile": "tabular-data-package", "hsds_version": "3.0", "resources": resources})


def run(out: Outputs) -> dict[str, pd.DataFrame]:
    codebook = load_codebook()
    tables = export(storage.read_table(out.services), storage.read_table(out.coded_segments), codebook)
    title = json.loads(out.ingest_accounting.read_text(encoding="utf-8"))["label"]
    write_package(tables, out.hsds, f"Service directory: {title}")
    if paths.HSDS_SCHEMA.exists():
        problems = check_against_schema(tables, paths.HSDS_SCHEMA)
        print(f"[hsds] checked against {paths.HSDS_SCHEMA.name}: "
              f"{'conformant' if not problems else '; '.join(problems)}")
    print("[hsds] " + ", ".join(f"{k} {len(v)}" for k, v in tables.items()) + f" -> {out.hsds}")
    return tables
