"""Stage 3, exports: the coding in forms other tools open.

- ``report/codebook.qdc``: the codebook in the REFI-QDA codebook exchange format (namespace
  ``urn:QDA-XML:codebook:1.0``), which QualCoder, ATLAS.ti, MAXQDA and NVivo import. Each
  dimension is a parent code (not codable itself); each code a child with its definition,
  include/exclude notes and source as the description. GUIDs are UUID5 of the code ID, so
  they are stable across versions of the codebook.
- ``report/coded_segments.csv``: every coded segment (columns of ``pipeline.schema``
  ``coded_segments`` but the rule, plus the service's name), formula-safe for spreadsheets.

Reads ``data/processed/coded_segments.parquet``, ``services.parquet`` and the codebook.
"""
from __future__ import annotations

import uuid
from xml.etree import ElementTree as ET

import pandas as pd

from pipeline import storage
from pipeline.codebook import Codebook, load_codebook
from pipeline.paths import Outputs

QDC_NAMESPACE = "urn:QDA-XML:codebook:1.0"
# Namespace for code GUIDs (uuid5 of a project URN); never change it.
CODE_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:online-child-protection:codebook")


def guid(key: str) -> str:
    return str(uuid.uuid5(CODE_NAMESPACE, key)).upper()


def codebook_qdc(codebook: Codebook) -> str:
    """The codebook as REFI-QDA codebook XML (text)."""
    ET.register_namespace("", QDC_NAMESPACE)
    root = ET.Element(f"{{{QDC_NAMESPACE}}}CodeBook",
                      {"origin": f"{codebook.title} {codebook.version}"})
    codes = ET.SubElement(root, f"{{{QDC_NAMESPACE}}}Codes")
    for dim in codebook.dimensions:
        parent = ET.SubElement(codes, f"{{{QDC_NAMESPACE}}}Code",
                               {"guid": guid(f"dimension:{dim.id}"), "name": dim.label,
                                "isCodable": "false"})
        ET.SubElement(parent, f"{{{QDC_NAMESPACE}}}Description").text = \
            f"Dimension '{dim.id}'. Source: {dim.source}"
        for code in dim.codes:
            child = ET.SubElement(parent, f"{{{QDC_NAMESPACE}}}Code",
                                  {"guid": guid(f"code:{code.id}"),
                                   "name": f"{code.id} {code.label}", "isCodable": "true"})
            notes = [code.definition] + [f"{k}: {v}" for k, v in (
                ("Include", code.include), ("Exclude", code.exclude), ("Source", code.source)) if v]
            ET.SubElement(child, f"{{{QDC_NAMESPACE}}}Description").text = " ".join(notes)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def segments_table(segments: pd.DataFrame, services: pd.DataFrame) -> pd.DataFrame:
    """Coded segments with the service's name, for spreadsheets. The matching rule (a regular
    expression, internal to the codebook) is left out; ``method`` says how a code was found."""
    names = services.set_index("service_id")["name"]
    return (segments.drop(columns=["rule"])
            .assign(service_name=segments["service_id"].map(names).fillna("")))


def run(out: Outputs) -> None:
    codebook = load_codebook()
    storage.write_text(out.codebook_qdc, codebook_qdc(codebook))
    table = segments_table(storage.read_table(out.coded_segments), storage.read_table(out.services))
    storage.write_csv(out.coded_segments_csv, table)
    print(f"[exports] {out.codebook_qdc.name} ({sum(len(d.codes) for d in codebook.dimensions)} "
          f"codes) and {out.coded_segments_csv.name} ({len(table)} segments)")
