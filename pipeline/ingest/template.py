"""Adapter for a returned submitter-kit template (``report/submitter-kit/template.xlsx``, or
its two CSV files): sheets ``services`` and ``contacts``, columns declared once in
:data:`pipeline.schema.SUBMISSION`, so a returned template ingests with a sources-file entry
and no code (``adapter: submitter_template``; for CSV, ``path`` is the services file and
``options.contacts`` the contacts file).

Each column fills the ``services_raw`` field it ``maps_to``; service type, function and target
group are joined into ``service_kind_raw`` (coding evidence); the yes/no facts answered 'yes'
become ``source_attributes`` (their column names); each contact row adds its value to its
channel's field (:data:`pipeline.schema.CONTACT_CHANNELS`) and the channel to
``channel_labels``.

Rows read are the services rows plus the contact rows, so ``rows_read == kept + rejected``
holds over both. Rejected, with a reason: a malformed row (a formula without a stored value),
a service without service_id or service_name, a repeated service_id, a contact whose channel
is not in the list, whose value is empty or whose service_id is not on the services sheet.
Leniency is the standardise stage's: values outside the lists are kept and flagged there;
``pipeline validate`` tells the submitter about them before sending.
"""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from pipeline import schema
from pipeline.config import Source
from pipeline.ingest.common import (
    ERROR,
    LINE,
    SERVICE_COLUMNS,
    AdapterResult,
    conform,
    read_csv,
    read_xlsx,
    reject,
)

SERVICES, CONTACTS = schema.SUBMISSION["services"], schema.SUBMISSION["contacts"]


class TemplateOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")
    contacts: str = ""  # CSV templates: the contacts file (relative to the project root)
    date_order: Literal["", "dmy", "mdy"] = ""  # as services_table's


def read_sheets(source: Source, contacts_path: str = ""):
    """(services frame, contacts frame or None): the two sheets of a template as text."""
    from pipeline import paths

    need = [f.name for f in SERVICES if f.required]
    need_contacts = [f.name for f in CONTACTS if f.required]
    if source.file.suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        services = read_xlsx(source.file, need, "services")
        has_contacts = "contacts" in load_workbook(source.file, read_only=True).sheetnames
        contacts = read_xlsx(source.file, need_contacts, "contacts") if has_contacts else None
        return services, contacts
    services = read_csv(source.file, need)
    contacts = read_csv(paths.resolve_input(contacts_path), need_contacts) if contacts_path \
        else None
    return services, contacts


def _cell(row: dict, name: str) -> str:
    return str(row.get(name) or "").strip()


def _service(row: dict, source: Source, order: str) -> dict:
    from pipeline.submitter import split_values

    rec = {"source_id": source.id, "source_row": int(row[LINE]), "date_order": order,
           "service_kind_raw": [], "source_attributes": []}
    for f in SERVICES:
        value = _cell(row, f.name)
        if f.maps_to == "source_attributes":
            if value.casefold() == "yes":
                rec["source_attributes"].append(f.name)
        elif f.maps_to == "service_kind_raw":
            rec["service_kind_raw"] += split_values(f, value)
        elif schema.dtypes("services_raw")[f.maps_to].startswith("list"):
            rec[f.maps_to] = split_values(f, value) if f.multiple else [value] * bool(value)
        else:
            rec[f.maps_to] = value
    rec["service_kind_raw"] = "; ".join(rec["service_kind_raw"])
    return rec


def read(source: Source, params) -> AdapterResult:
    opts = source.parse_options(TemplateOptions)
    services, contacts = read_sheets(source, opts.contacts)
    rejects, by_key = [], {}
    for row in services.to_dict("records"):
        rec = _service(row, source, opts.date_order)
        key, line = rec["source_key"], rec["source_row"]
        if row[ERROR]:
            reason, _, detail = row[ERROR].partition(": ")
            rejects.append(reject(source.id, line, key, reason, f"services sheet: {detail}"))
        elif not key or not rec["service_name"]:
            rejects.append(reject(source.id, line, key, "missing_service_id" if not key
                                  else "missing_service_name", "services sheet"))
        elif key in by_key:
            rejects.append(reject(source.id, line, key, "duplicate_source_key",
                                  f"services sheet: same service_id as line "
                                  f"{by_key[key]['source_row']}"))
        else:
            by_key[key] = rec
    n_contacts = 0 if contacts is None else len(contacts)
    for row in ([] if contacts is None else contacts.to_dict("records")):
        key, line = _cell(row, "service_id"), int(row[LINE])
        channel, value = _cell(row, "channel").casefold(), _cell(row, "value")
        where = f"contacts sheet line {line}"
        if row[ERROR]:
            reason, _, detail = row[ERROR].partition(": ")
            rejects.append(reject(source.id, line, key, reason, f"{where}: {detail}"))
        elif channel not in schema.CONTACT_CHANNELS:
            rejects.append(reject(source.id, line, key, "unknown_channel",
                                  f"{where}: {channel!r}; allowed: {list(schema.CONTACT_CHANNELS)}"))
        elif not value:
            rejects.append(reject(source.id, line, key, "missing_value", where))
        elif key not in by_key:
            rejects.append(reject(source.id, line, key, "unknown_service_id",
                                  f"{where}: no service with this service_id"))
        else:
            field, label = schema.CONTACT_CHANNELS[channel]
            rec = by_key[key]
            rec.setdefault(field, []).append(value)
            rec.setdefault("channel_labels", [])
            if label not in rec["channel_labels"]:
                rec["channel_labels"].append(label)
    return AdapterResult(rows=conform(list(by_key.values()), SERVICE_COLUMNS),
                         rows_read=len(services) + n_contacts, rejects=rejects)
