"""REFI-QDA codebook and project exports and coded segments as CSV."""
import io
import re
import zipfile
from xml.etree import ElementTree as ET

import pandas as pd
import pytest

from pipeline import storage
from pipeline.codebook import load_codebook
from pipeline.exports import QDC_NAMESPACE, QDE_NAMESPACE, codebook_qdc, guid, project_qdpx, segments_table

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


# --- REFI-QDA project (.qdpx) -------------------------------------------------------------
# Illustrative services written for this test (not real organisations).
SERVICES = pd.DataFrame([
    {"service_id": "00000000-0000-4000-8000-000000000001", "source_id": "demo",
     "name": "Línea Joven", "organization_name": "Fundación Ejemplo", "country_iso3": "ESP",
     "description": "Chat y teléfono gratuito para niños y jóvenes.\r\nWe do not offer SMS.",
     "evidence_lines": [], "phones": ["+34900000001", "116111"], "emails": [],
     "channel_labels": ["chat", "phone"], "is_24_7": True},
    {"service_id": "00000000-0000-4000-8000-000000000002", "source_id": "demo",
     "name": "Kinder Hilfe Online", "organization_name": "", "country_iso3": "DEU",
     "description": "", "evidence_lines": ["Beratung per E-Mail"], "phones": [],
     "emails": ["hilfe@example.org"], "channel_labels": [], "is_24_7": False},
])
GUID = r"^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$"


def _segments():
    from pipeline.coding import code_services

    segs = code_services(SERVICES, load_codebook())
    human = segs.iloc[[0]].assign(coder="reviewer-A", method="human")
    return pd.concat([segs, human], ignore_index=True)


def _read_qdpx(data: bytes):
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        root = ET.fromstring(z.read("project.qde"))
        texts = {n: z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("sources/")}
    return root, texts


def _children(el):
    return [c.tag.split("}")[1] for c in el]


def test_qdpx_reads_back_every_code_and_every_selection():
    codebook, segs = load_codebook(), _segments()
    root, texts = _read_qdpx(project_qdpx(codebook, segs, SERVICES))
    q = {"q": QDE_NAMESPACE}
    assert root.tag == f"{{{QDE_NAMESPACE}}}Project"
    # the codebook, code by code
    codes = {c.get("guid"): c for c in root.iterfind(".//q:CodeBook//q:Code", q)}
    for dim in codebook.dimensions:
        for code in dim.codes:
            assert codes[guid(f"code:{code.id}")].get("name").startswith(code.id)
    users = {u.get("guid"): u.get("name") for u in root.iterfind("q:Users/q:User", q)}
    assert set(users.values()) == {"rules", "reviewer-A"}
    # every segment is one Coding, at a selection whose text is the evidence
    found = []
    for src in root.iterfind("q:Sources/q:TextSource", q):
        text = texts["sources/" + src.get("plainTextPath").removeprefix("internal://")]
        sid = src.find("q:Description", q).text.split()[1].rstrip(",")
        for sel in src.iterfind("q:PlainTextSelection", q):
            span = text[int(sel.get("startPosition")): int(sel.get("endPosition"))]
            for coding in sel.iterfind("q:Coding", q):
                found.append((sid, coding.find("q:CodeRef", q).get("targetGUID"), span,
                              users[coding.get("creatingUser")]))
        for coding in src.iterfind("q:Coding", q):  # the source as a whole (fallback codes)
            found.append((sid, coding.find("q:CodeRef", q).get("targetGUID"), "",
                          users[coding.get("creatingUser")]))
    expected = [(s.service_id, guid(f"code:{s.code_id}"), s.evidence, s.coder)
                for s in segs.itertuples()]
    assert sorted(found) == sorted(expected)
    assert all(g in codes for _, g, _, _ in found)
    assert "\r" not in "".join(texts.values())


def test_qdpx_follows_the_project_schema_structure():
    """The element order, required attributes and GUID form of REFI-QDA's Project.xsd
    (QDA-XML 1.0, 2019), checked structurally: no XSD validator is in the environment."""
    root, texts = _read_qdpx(project_qdpx(load_codebook(), _segments(), SERVICES))
    order = ["Users", "CodeBook", "Variables", "Cases", "Sources", "Notes", "Links", "Sets",
             "Graphs", "Description", "NoteRef"]
    kids = _children(root)
    assert kids == sorted(kids, key=order.index) and root.get("name")
    for el in root.iter():
        tag = el.tag.split("}")[1]
        assert el.tag.startswith(f"{{{QDE_NAMESPACE}}}")
        for attr in ("guid", "targetGUID", "creatingUser", "creatingUserGUID"):
            if el.get(attr) is not None:
                assert re.match(GUID, el.get(attr)), (tag, attr)
        if tag == "Code":
            assert el.get("guid") and el.get("name") and el.get("isCodable") in ("true", "false")
        if tag == "TextSource":
            kids = _children(el)
            assert kids == sorted(kids, key=["Description", "PlainTextContent",
                                             "PlainTextSelection", "Coding"].index)
            assert f"sources/{el.get('plainTextPath').removeprefix('internal://')}" in texts
        if tag == "PlainTextSelection":
            assert _children(el)[0] == "Description" and set(_children(el)[1:]) == {"Coding"}
            assert 0 <= int(el.get("startPosition")) < int(el.get("endPosition"))
        if tag == "Coding":
            assert _children(el) == ["CodeRef"] and el.get("guid")
    guids = [el.get("guid") for el in root.iter() if el.get("guid")
             and not el.tag.endswith("}User")]
    assert len(guids) == len(set(guids))


def test_qdpx_is_byte_stable_and_leaves_out_what_is_not_a_service():
    segs = _segments()
    note = segs.iloc[[0]].assign(service_id="11111111-1111-4111-8111-111111111111",
                                 evidence="private words")
    first = project_qdpx(load_codebook(), pd.concat([segs, note]), SERVICES)
    assert first == project_qdpx(load_codebook(), segs, SERVICES)
    assert b"private words" not in zipfile.ZipFile(io.BytesIO(first)).read("project.qde")


def test_qdpx_refuses_evidence_that_is_not_at_its_offsets():
    segs = _segments()
    segs.loc[segs["field"] == "description", "evidence"] = "something else"
    with pytest.raises(ValueError, match="does not match the service text"):
        project_qdpx(load_codebook(), segs, SERVICES)


def test_qdpx_source_names_never_read_as_phone_numbers():
    # A service ID starting with eight decimal digits ('00000000-...', 2% of UUIDs) gave the
    # name 'Línea Joven [00000000]', which the privacy gate stops as a phone number (seen on
    # 1,000 synthetic services, `make bench`): the ID's digits are written as letters.
    root, _ = _read_qdpx(project_qdpx(load_codebook(), _segments(), SERVICES))
    names = [s.get("name") for s in root.iter(f"{{{QDE_NAMESPACE}}}TextSource")]
    assert names == ["Línea Joven [gggggggg]", "Kinder Hilfe Online [gggggggg]"]
    assert not any(re.search(r"\d{7}", n) for n in names)


@pytest.mark.parametrize("n_services", [0, 1, 2])
def test_the_project_written_source_by_source_reads_as_the_whole_tree(n_services):
    """project.qde is written one source at a time (issue 14: built whole, 100,000 services
    took 7.5 GB): it is the XML of the whole tree, indented as ``ET.indent`` indents it, with
    no services too."""
    services = SERVICES.head(n_services)
    segs = _segments()
    qde = zipfile.ZipFile(io.BytesIO(project_qdpx(load_codebook(), segs, services))).read("project.qde")
    tree = ET.fromstring(qde)
    ET.register_namespace("", QDE_NAMESPACE)
    ET.indent(tree)
    assert qde.decode("utf-8") == ET.tostring(tree, encoding="unicode", xml_declaration=True) + "\n"
    assert len(tree.findall(f"{{{QDE_NAMESPACE}}}Sources/{{{QDE_NAMESPACE}}}TextSource")) == n_services
