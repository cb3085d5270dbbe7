"""Adapter for an Open Referral HSDS 3.0 data package (``datapackage.json`` plus CSV tables).

Reads the ``service`` table and, where present, ``organization``, ``phone``, ``schedule``,
``language``, ``service_area``, ``attribute`` and ``taxonomy_term``, and folds them into one
row per service (``common.SERVICE_COLUMNS``): phones by HSDS phone type (``text`` -> SMS, a
WhatsApp description -> WhatsApp, else voice), schedules as text the cleaning stage parses
again, service areas as the country, and taxonomy terms linked by attributes as channel
labels and service kinds (so the codebook re-codes them with evidence). ``source_key`` is the
HSDS service id.

Raises :class:`~pipeline.config.InputError` when ``datapackage.json`` or the service table is
missing, or a table lacks its id columns.
"""
from __future__ import annotations

import json
from collections import defaultdict

from pipeline.config import InputError, Source
from pipeline.ingest.common import (
    ERROR,
    LINE,
    SERVICE_COLUMNS,
    AdapterResult,
    conform,
    read_csv,
    read_text,
    reject,
)

DAY_NAMES = {"MO": "Mon", "TU": "Tue", "WE": "Wed", "TH": "Thu", "FR": "Fri", "SA": "Sat",
             "SU": "Sun"}
NEEDS = {"service": ["id", "name"], "organization": ["id", "name"], "phone": ["service_id", "number"],
         "schedule": ["service_id", "byday", "opens_at", "closes_at"],
         "language": ["service_id"], "service_area": ["service_id", "name"],
         "attribute": ["link_id", "taxonomy_term_id"], "taxonomy_term": ["id", "name"]}


def _tables(source: Source) -> dict[str, list[dict]]:
    try:
        package = json.loads(read_text(source.file))
        resources = {r["name"]: r["path"] for r in package["resources"]}
    except (json.JSONDecodeError, KeyError, TypeError) as e:
        raise InputError(source.file, f"not an HSDS data package descriptor: {e}") from None
    if "service" not in resources:
        raise InputError(source.file, "the data package has no 'service' resource")
    tables = {}
    for name, needed in NEEDS.items():
        if name in resources:
            df = read_csv(source.file.parent / resources[name], needed)
            tables[name] = df.to_dict("records")  # values exact, as the package holds them
    return tables


def read(source: Source, params) -> AdapterResult:
    t = _tables(source)
    by_service = defaultdict(lambda: defaultdict(list))
    for name in ("phone", "schedule", "language", "service_area"):
        for r in t.get(name, []):
            by_service[r["service_id"]][name].append(r)
    terms = {r["id"]: r["name"] for r in t.get("taxonomy_term", [])}
    for r in t.get("attribute", []):
        by_service[r["link_id"]]["attribute"].append(r)
    orgs = {r["id"]: r["name"] for r in t.get("organization", [])}

    records, rejects, seen = [], [], set()
    for row in t["service"]:
        line, sid = int(row[LINE]), row["id"]
        if row[ERROR] or not sid or sid in seen or not row["name"].strip():
            reason = (row[ERROR].partition(": ")[0] or
                      ("missing_source_key" if not sid else
                       "duplicate_source_key" if sid in seen else "missing_service_name"))
            rejects.append(reject(source.id, line, sid, reason))
            continue
        seen.add(sid)
        rel = by_service[sid]
        phones = [p["number"] for p in rel["phone"]]
        kinds = [(p.get("type", ""), p.get("description", "")) for p in rel["phone"]]
        attributes = [(a.get("link_type", ""), terms.get(a["taxonomy_term_id"], ""))
                      for a in rel["attribute"]]
        records.append({
            "source_id": source.id, "source_row": line, "source_key": sid,
            "organization_name": orgs.get(row.get("organization_id", ""), ""),
            "service_name": row["name"], "description": row.get("description", ""),
            "country_raw": next((a["name"] for a in rel["service_area"]), ""),
            "service_kind_raw": "; ".join(n for link, n in attributes if link != "channel" and n),
            "hours_raw": "; ".join(
                f"{', '.join(DAY_NAMES.get(d, d) for d in s['byday'].split(','))} "
                f"{s['opens_at']}-{s['closes_at']}" for s in rel["schedule"]),
            "min_age_raw": row.get("minimum_age", ""), "max_age_raw": row.get("maximum_age", ""),
            "last_checked_raw": row.get("assured_date", ""),
            "channel_labels": [n for link, n in attributes if link == "channel" and n],
            "languages_raw": [lang.get("code") or lang.get("name", "") for lang in rel["language"]],
            "phones": [p for p, (ty, d) in zip(phones, kinds)
                       if ty != "text" and "whatsapp" not in d.lower()],
            "sms": [p for p, (ty, _) in zip(phones, kinds) if ty == "text"],
            "whatsapp": [p for p, (_, d) in zip(phones, kinds) if "whatsapp" in d.lower()],
            "emails": [row["email"]] if row.get("email") else [],
            "websites": [row["url"]] if row.get("url") else [],
            "evidence_lines": [], "chat_urls": [], "social_urls": [], "source_url": "",
        })
    return AdapterResult(rows=conform(records, SERVICE_COLUMNS), rows_read=len(t["service"]),
                         rejects=rejects)
