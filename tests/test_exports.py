"""REFI-QDA codebook export and coded segments as CSV."""
from xml.etree import ElementTree as ET

import pandas as pd

from pipeline import storage
from pipeline.codebook import load_codebook
from pipeline.exports import QDC_NAMESPACE, codebook_qdc, guid, segments_table

NS = {"q": QDC_NAMESPACE}


def test_codebook_qdc_reads_back_with_every_dimension_and_code():
    codebook = load_codebook()
    root = ET.fromstring(codebook_qdc(codebook).encode("utf-8"))
    assert root.tag == f"{{{QDC_NAMESPACE}}}CodeBook"
    parents = root.findall("q:Codes/q:Code", NS)
    assert [p.get("name") for p in parents] == [d.label for d in codebook.dimensions]
    assert {p.get("isCodable") for p in parents} == {"false"}
    for parent, dim in zip(parents, codebook.dimensions):
        children = parent.findall("q:Code", NS)
        assert [c.get("guid") for c in children] == [guid(f"code:{c.id}") for c in dim.codes]
        for child, code in zip(children, dim.codes):
            assert child.get("isCodable") == "true" and child.get("name").startswith(code.id)
            assert code.definition in child.find("q:Description", NS).text
    guids = [c.get("guid") for c in root.iter(f"{{{QDC_NAMESPACE}}}Code")]
    assert len(guids) == len(set(guids))


def test_coded_segments_csv_round_trips_without_the_internal_rule(tmp_path):
    segments = pd.DataFrame([{"service_id": "s1", "dimension": "channel", "code_id": "CH01",
                              "code": "phone", "field": "description", "item": 0, "start": 0,
                              "end": 4, "evidence": "+44 call", "rule": r"\bcall\b",
                              "method": "text_rule", "coder": "rules",
                              "codebook_version": "0.5.0"}])
    services = pd.DataFrame([{"service_id": "s1", "name": "=Line"}])
    target = tmp_path / "coded_segments.csv"
    storage.write_csv(target, segments_table(segments, services))
    back = storage.read_csv_text(target)
    assert "rule" not in back.columns
    assert back.loc[0, "evidence"] == "+44 call" and back.loc[0, "service_name"] == "=Line"
