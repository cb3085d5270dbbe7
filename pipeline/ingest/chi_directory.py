"""Adapter for a child-helpline directory scraped to JSON (``countries[] -> helplines[]``).

Source shape: Child Helpline International member pages as scraped by
craigrallen/world-emergency-hotlines (see ../shared/data/SOURCES.md). One output row per
helpline; ``source_row`` is the helpline's 1-based position in the file, ``source_key`` its
``source_post_id`` (falling back to its slug).

Raises :class:`~pipeline.config.InputError` when the file is not JSON or not of that shape.
"""
from __future__ import annotations

import json

from pipeline.config import InputError, Source
from pipeline.ingest.common import SERVICE_COLUMNS, AdapterResult, conform, read_text, reject


def _as_list(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, dict):
        return [str(v) for v in value.values() if v]
    if isinstance(value, list):
        out = []
        for v in value:
            if isinstance(v, dict):  # e.g. other_contact_urls: [{label, url}]
                v = v.get("url") or ""
            if str(v).strip():
                out.append(str(v).strip())
        return out
    return [str(value)]


# The page's own list of what a helpline offers: the lines after "<name> offers:" (which
# follows a "Services" heading) up to the next heading. The scrape's ``services`` field holds
# this list for 68 of the 146 helplines of ../shared/data's directory; 73 more have it only in
# their content lines (measured 2026-12-04).
_OFFERS_END = ("Operating Information", "Contact Details", "Opening hours are:")


def offered(lines: list[str]) -> list[str]:
    """The items of the page's "Services / <name> offers:" list in ``lines`` (its content
    lines), in order; empty when the page has no such list."""
    for i, line in enumerate(lines[:-1]):
        if line.strip() == "Services" and lines[i + 1].rstrip().endswith("offers:"):
            items = []
            for item in lines[i + 2:]:
                if item.strip() in _OFFERS_END:
                    break
                items.append(item.strip())
            return [item for item in items if item]
    return []


TEXT_FIELDS = ("service_name", "summary", "country_name", "hours", "source_url")
LIST_FIELDS = ("services", "languages", "voice_numbers", "sms_numbers", "chat_urls", "emails",
               "websites", "source_content_lines", "other_contact_urls")


def _wrong_types(h: dict) -> list[str]:
    """Fields whose JSON type is not the directory's (text, list, object of links)."""
    wrong = [f for f in TEXT_FIELDS if h.get(f) is not None and not isinstance(h[f], str)]
    wrong += [f for f in LIST_FIELDS if h.get(f) is not None and not (
        isinstance(h[f], list) and all(isinstance(v, (str, dict)) for v in h[f]))]
    if h.get("social_urls") is not None and not isinstance(h["social_urls"], dict):
        wrong.append("social_urls")
    if isinstance(h.get("source_post_id"), (float, bool)):
        wrong.append("source_post_id")
    return wrong


def read(source: Source, params) -> AdapterResult:
    path = source.file
    try:
        doc = json.loads(read_text(path))
    except json.JSONDecodeError as e:
        raise InputError(path, f"not valid JSON: {e.msg} at line {e.lineno}") from None
    except RecursionError:
        raise InputError(path, "not usable JSON: nested too deeply") from None
    countries = doc.get("countries") if isinstance(doc, dict) else None
    if not isinstance(countries, list):
        raise InputError(path, "expected a JSON object with a 'countries' list")

    records, rejects, n = [], [], 0
    for ci, country in enumerate(countries):
        helplines = country.get("helplines") if isinstance(country, dict) else None
        if not isinstance(helplines, list):
            raise InputError(path, f"countries[{ci}] has no 'helplines' list")
        for h in helplines:
            n += 1
            if not isinstance(h, dict):
                rejects.append(reject(source.id, n, "", "not_an_object", f"countries[{ci}]"))
                continue
            key_value = h.get("source_post_id") or h.get("source_post_slug")
            is_key = isinstance(key_value, (int, str)) and not isinstance(key_value, bool)
            key = str(key_value) if is_key else ""
            wrong = _wrong_types(h)
            if wrong:
                rejects.append(reject(source.id, n, key, "wrong_type", ", ".join(wrong)))
                continue
            if not key:
                rejects.append(reject(source.id, n, "", "missing_source_key"))
                continue
            social = h.get("social_urls") or {}
            records.append({
                "source_id": source.id,
                "source_row": n,
                "source_key": key,
                "organization_name": "",
                "service_name": str(h.get("service_name") or "").strip(),
                "description": str(h.get("summary") or "").strip(),
                "country_raw": str(h.get("country_name") or country.get("country_name") or ""),
                "source_attributes": ["chi_member"],  # the directory lists CHI members only
                "hours_raw": str(h.get("hours") or ""),
                "source_url": str(h.get("source_url") or ""),
                # what the page lists as offered, where the scrape left ``services`` empty
                "channel_labels": _as_list(h.get("services"))
                or offered(_as_list(h.get("source_content_lines"))),
                "evidence_lines": _as_list(h.get("source_content_lines")),
                "languages_raw": _as_list(h.get("languages")),
                "phones": _as_list(h.get("voice_numbers")),
                "sms": _as_list(h.get("sms_numbers")),
                "emails": _as_list(h.get("emails")),
                # other_contact_urls are mostly placeholder links; kept as websites so that
                # cleaning flags them rather than losing them.
                "websites": _as_list(h.get("websites")) + _as_list(h.get("other_contact_urls")),
                "chat_urls": _as_list(h.get("chat_urls")),
                "social_urls": _as_list(social),
            })
    if n == 0:
        raise InputError(path, "no helplines found in 'countries[].helplines'")
    return AdapterResult(rows=conform(records, SERVICE_COLUMNS), rows_read=n, rejects=rejects)
