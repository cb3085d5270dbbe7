"""Stage 3, exports: the coding in forms other tools open.

- ``report/codebook.qdc``: the codebook in the REFI-QDA codebook exchange format (namespace
  ``urn:QDA-XML:codebook:1.0``), which QualCoder, ATLAS.ti, MAXQDA and NVivo import. Each
  dimension is a parent code (not codable itself); each code a child with its definition,
  include/exclude notes and source as the description. GUIDs are UUID5 of the code ID, so
  they are stable across versions of the codebook.
- ``report/coding.qdpx``: a REFI-QDA project (QDA-XML project 1.0, namespace
  ``urn:QDA-XML:project:1.0``; a ZIP of ``project.qde`` and ``sources/<guid>.txt``): the same
  codebook, one text source per service (its name, organisation, description and evidence
  lines, and every other field a code was found in, one ``field: value`` line each) and every
  coded segment as a ``PlainTextSelection`` whose start/end positions (characters, i.e.
  Unicode code points, of the source text) cover the evidence, coded by its coder (a
  ``User``: 'rules', a reviewer's pseudonym, a model). A segment without a span (a fallback
  code) codes the source as a whole. Only the public services table is exported: notes are not.
- ``report/coded_segments.csv``: every coded segment (columns of ``pipeline.schema``
  ``coded_segments`` but the rule, plus the service's name), formula-safe for spreadsheets.

Reads ``data/processed/coded_segments.parquet``, ``services.parquet`` and the codebook.
"""
from __future__ import annotations

import io
import uuid
import zipfile
from xml.etree import ElementTree as ET

import pandas as pd

from pipeline import storage
from pipeline.codebook import Codebook, _items, load_codebook
from pipeline.coding import LETTERS
from pipeline.paths import Outputs

QDC_NAMESPACE = "urn:QDA-XML:codebook:1.0"
QDE_NAMESPACE = "urn:QDA-XML:project:1.0"
# Always in a service's source text, coded or not (public directory fields).
SOURCE_FIELDS = ("name", "organization_name", "description", "evidence_lines")
# ZIP member times fixed, so the same coding gives the same bytes.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
# Namespace for code GUIDs (uuid5 of a project URN); never change it.
CODE_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:online-child-protection:codebook")


def guid(key: str) -> str:
    return str(uuid.uuid5(CODE_NAMESPACE, key)).upper()


def _codes(parent: ET.Element, codebook: Codebook, ns: str) -> None:
    """Append the ``Codes`` element (dimensions as parent codes) in namespace ``ns``."""
    codes = ET.SubElement(parent, f"{{{ns}}}Codes")
    for dim in codebook.dimensions:
        dim_code = ET.SubElement(codes, f"{{{ns}}}Code",
                                 {"guid": guid(f"dimension:{dim.id}"), "name": dim.label,
                                  "isCodable": "false"})
        ET.SubElement(dim_code, f"{{{ns}}}Description").text = \
            f"Dimension '{dim.id}'. Source: {dim.source}"
        for code in dim.codes:
            child = ET.SubElement(dim_code, f"{{{ns}}}Code",
                                  {"guid": guid(f"code:{code.id}"),
                                   "name": f"{code.id} {code.label}", "isCodable": "true"})
            notes = [code.definition] + [f"{k}: {v}" for k, v in (
                ("Include", code.include), ("Exclude", code.exclude), ("Source", code.source)) if v]
            ET.SubElement(child, f"{{{ns}}}Description").text = " ".join(notes)


def _xml(root: ET.Element) -> str:
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def codebook_qdc(codebook: Codebook) -> str:
    """The codebook as REFI-QDA codebook XML (text)."""
    ET.register_namespace("", QDC_NAMESPACE)
    root = ET.Element(f"{{{QDC_NAMESPACE}}}CodeBook",
                      {"origin": f"{codebook.title} {codebook.version}"})
    _codes(root, codebook, QDC_NAMESPACE)
    return _xml(root)


def source_text(service: dict, fields: list[str]) -> tuple[str, dict[tuple[str, int], int]]:
    """A service's text source: one ``field: value`` line per non-empty item of ``fields``.

    Returns the text and the offset where each (field, item)'s value starts in it. Carriage
    returns become spaces (same length): QDA tools normalise line ends, which would shift
    every later position."""
    lines, offsets, at = [], {}, 0
    for field in fields:
        values = _items(service.get(field))
        for i, value in enumerate(values):
            if not value.strip():
                continue
            label = f"{field}: " if len(values) == 1 else f"{field} {i + 1}: "
            offsets[(field, i)] = at + len(label)
            lines.append(label + value.replace("\r", " "))
            at += len(lines[-1]) + 1
    return "\n".join(lines) + "\n", offsets


def _coder_guid(coder: str) -> str:
    return guid(f"user:{coder}")


def _selection_note(seg: dict) -> str:
    note = f"{seg['dimension']}: {seg['code_id']} {seg['code']} ({seg['method']}, {seg['coder']}"
    return note + f", codebook {seg['codebook_version']})"


def _coding(parent: ET.Element, seg: dict, key: str) -> None:
    q = QDE_NAMESPACE
    coding = ET.SubElement(parent, f"{{{q}}}Coding",
                           {"guid": guid(f"coding:{key}:{seg['code_id']}:{seg['coder']}:"
                                         f"{seg['method']}"),
                            "creatingUser": _coder_guid(seg["coder"])})
    ET.SubElement(coding, f"{{{q}}}CodeRef", {"targetGUID": guid(f"code:{seg['code_id']}")})


def _text_source(sources: ET.Element, service: dict, segs: list[dict]) -> tuple[str, str]:
    """Add one service's TextSource; return (its guid, its text). Raises ValueError when a
    segment's evidence is not at its offsets (the coding and the services table disagree)."""
    q = QDE_NAMESPACE
    sid = service["service_id"]
    coded = [f for f in dict.fromkeys(s["field"] for s in segs) if f and f not in SOURCE_FIELDS]
    text, offsets = source_text(service, list(SOURCE_FIELDS) + coded)
    src_guid = guid(f"source:{sid}")
    src = ET.SubElement(sources, f"{{{q}}}TextSource",
                        # the ID's digits as letters: '[02885521]' reads as a phone number (privacy gate)
                        {"guid": src_guid, "name": f"{service['name']} [{sid[:8].translate(LETTERS)}]"[:200],
                         "plainTextPath": f"internal://{src_guid}.txt"})
    ET.SubElement(src, f"{{{q}}}Description").text = (
        f"Service {sid}, source {service.get('source_id', '')}, "
        f"country {service.get('country_iso3', '') or 'unknown'}")
    spans: dict[tuple[int, int], list[dict]] = {}
    whole = []
    for seg in segs:
        if not seg["field"]:
            whole.append(seg)
            continue
        start = offsets[(seg["field"], int(seg["item"]))] + int(seg["start"])
        end = start + int(seg["end"]) - int(seg["start"])
        if text[start:end] != seg["evidence"]:
            raise ValueError(f"coded segment of service {sid} ({seg['code_id']}, field "
                             f"{seg['field']}[{seg['item']}]) does not match the service text")
        spans.setdefault((start, end), []).append(seg)
    for (start, end), group in sorted(spans.items()):
        key = f"{sid}:{start}:{end}"
        sel = ET.SubElement(src, f"{{{q}}}PlainTextSelection",
                            {"guid": guid(f"selection:{key}"), "name": text[start:end][:80],
                             "startPosition": str(start), "endPosition": str(end),
                             "creatingUser": _coder_guid(group[0]["coder"])})
        ET.SubElement(sel, f"{{{q}}}Description").text = "; ".join(map(_selection_note, group))
        for seg in group:
            _coding(sel, seg, key)
    for seg in whole:  # codes of the source as a whole (fallback codes have no span)
        _coding(src, seg, f"{sid}:whole")
    return src_guid, text


def project_qdpx(codebook: Codebook, segments: pd.DataFrame, services: pd.DataFrame) -> bytes:
    """A REFI-QDA project (``.qdpx`` bytes, see the module doc) of the coded services.

    Segments of records that are not in ``services`` (e.g. coded notes) are left out: only the
    public directory is exported. Raises ValueError when a segment's evidence is not where its
    offsets say. The project XML is written into the archive one source at a time (the same
    bytes as serialising the whole tree): built whole, 100,000 services took 7.5 GB."""
    q = QDE_NAMESPACE
    ET.register_namespace("", q)
    segs = segments[segments["service_id"].isin(services["service_id"])]
    coders = sorted(set(segs["coder"]) | {"rules"})
    root = ET.Element(f"{{{q}}}Project", {"name": codebook.title,
                                           "origin": f"{codebook.title} {codebook.version}",
                                           "creatingUserGUID": _coder_guid("rules")})
    users = ET.SubElement(root, f"{{{q}}}Users")
    for coder in coders:
        ET.SubElement(users, f"{{{q}}}User", {"guid": _coder_guid(coder), "name": coder})
    _codes(ET.SubElement(root, f"{{{q}}}CodeBook"), codebook, q)
    sources = ET.SubElement(root, f"{{{q}}}Sources")
    ordered = services.sort_values("service_id")
    if len(ordered):
        sources.text = _SOURCES_MARK
    head, _, tail = _xml(root).partition(_SOURCES_MARK)
    rows = segs.groupby("service_id", sort=False).indices
    texts = {}
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        info = zipfile.ZipInfo("project.qde", ZIP_TIME)
        info.compress_type = zipfile.ZIP_DEFLATED
        with z.open(info, "w") as qde:
            qde.write(head.encode("utf-8"))
            for service in ordered.to_dict("records"):
                holder = ET.Element(f"{{{q}}}Sources")
                idx = rows.get(service["service_id"])
                found = segs.iloc[idx].to_dict("records") if idx is not None else []
                src_guid, texts[src_guid] = _text_source(holder, service, found)
                qde.write(_child_xml(holder).encode("utf-8"))
            qde.write(("\n  " if len(ordered) else "").encode("utf-8") + tail.encode("utf-8"))
        for src_guid, text in texts.items():
            z.writestr(zipfile.ZipInfo(f"sources/{src_guid}.txt", ZIP_TIME), text.encode("utf-8"),
                       zipfile.ZIP_DEFLATED)
    return buf.getvalue()


_SOURCES_MARK = "\x00sources\x00"


def _child_xml(holder: ET.Element) -> str:
    """The one child of ``holder`` (a ``Sources`` element) as it reads inside the whole
    project: its line break and indentation (two levels) before it, none after."""
    ET.indent(holder, level=1)
    holder[0].tail = None
    xml = ET.tostring(holder, encoding="unicode")
    return xml[xml.index(">") + 1:xml.rindex("</")]


def segments_table(segments: pd.DataFrame, services: pd.DataFrame) -> pd.DataFrame:
    """Coded segments with the service's name, for spreadsheets. The matching rule (a regular
    expression, internal to the codebook) is left out; ``method`` says how a code was found."""
    names = services.set_index("service_id")["name"]
    return (segments.drop(columns=["rule"])
            .assign(service_name=segments["service_id"].map(names).fillna("")))


def run(out: Outputs) -> None:
    codebook = load_codebook()
    storage.write_text(out.codebook_qdc, codebook_qdc(codebook))
    segments, services = storage.read_table(out.coded_segments), storage.read_table(out.services)
    table = segments_table(segments, services)
    storage.write_csv(out.coded_segments_csv, table)
    storage.write_bytes(out.coding_qdpx, project_qdpx(codebook, segments, services))
    print(f"[exports] {out.codebook_qdc.name} ({sum(len(d.codes) for d in codebook.dimensions)} "
          f"codes), {out.coded_segments_csv.name} ({len(table)} segments) and "
          f"{out.coding_qdpx.name} ({len(services)} sources)")
