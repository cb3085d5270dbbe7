"""The report's offline map and searchable directory (issue 12, item 3), on a small synthetic,
illustrative services frame coded by the real codebook."""
import re
import tempfile
from pathlib import Path

import pandas as pd
import pytest

from pipeline import report_map, schema
from pipeline.codebook import load_codebook
from pipeline.coding import code_services


@pytest.fixture(scope="module")
def frame():
    base = schema.blank_record("services")
    rows = [  # illustrative services, not real ones
        {"service_id": "a", "name": "<script>alert(1)</script> Línea", "country_iso3": "ARM",
         "country_name": "Armenia", "description": "Free phone helpline for children.",
         "phones": ["+37480061111"], "emails": ["help@ministry.gov.ge"], "languages": ["hye"],
         "min_age": 6, "max_age": 18},
        {"service_id": "b", "name": "Chat B", "country_iso3": "ARM", "country_name": "Armenia",
         "description": "Web chat for young people; report illegal content online.",
         "websites": ["https://line.am"], "languages": ["rus"]},
        {"service_id": "c", "name": "Linja C", "country_iso3": "MLT", "country_name": "Malta",
         "description": "A helpline by phone."},
        {"service_id": "d", "name": "Ligne D", "country_iso3": "SEN", "country_name": "Senegal",
         "description": "Helpline for children by phone, free.", "languages": ["fra", "wol"]},
        {"service_id": "e", "name": "E", "country_iso3": "", "country_name": "",
         "description": "A helpline."},
    ]
    services = pd.DataFrame([{**base, "organization_name": "Org", **r} for r in rows])
    return services, code_services(services, load_codebook())


def test_counts_per_country_and_per_choice(frame):
    services, segments = frame
    counts = report_map.map_counts(services, segments)
    assert counts["all"]["counts"] == {"ARM": 2, "MLT": 1, "SEN": 1}  # 'e' has no country
    for dim in ("channel", "service_type"):
        pairs = segments[(segments["dimension"] == dim) & (segments["code"] != "unclassified")]
        for code in set(pairs["code"]):
            ids = set(pairs.loc[pairs["code"] == code, "service_id"]) - {"e"}
            expected = services[services["service_id"].isin(ids)]["country_iso3"].value_counts()
            if len(expected):
                assert counts[f"{dim}:{code}"]["counts"] == expected.to_dict(), code
    assert counts["channel:phone"]["counts"]["ARM"] == 1


def test_map_svg_has_a_path_per_country_with_its_count_and_switching_data(frame):
    services, segments = frame
    page = report_map.map_html(services, segments)
    assert 'src="' not in page and "http://www.w3.org/2000/svg" in page
    shapes = report_map.country_shapes()
    assert len(re.findall(r"<path data-iso3=", page)) == len(shapes) > 150
    arm = re.search(r'<path data-iso3="ARM"[^>]*fill="([^"]+)"[^>]*><title>([^<]+)</title>', page)
    assert arm.group(2) == "Armenia: 2 services" and arm.group(1) != report_map.NO_DATA
    sen = re.search(r'<path data-iso3="SEN"[^>]*><title>([^<]+)</title>', page)
    assert sen.group(1) == "Senegal: 1 service"
    fra = re.search(r'<path data-iso3="FRA"[^>]*fill="([^"]+)"', page)
    assert fra.group(1) == report_map.NO_DATA
    assert "Malta" in page and "not drawn at 1:110m" in page  # too small: in the table only
    data = re.search(r'<script type="application/json" id="svc-map-data">(.*?)</script>', page).group(1)
    import json
    data = json.loads(data)
    assert set(data) == set(report_map.map_counts(services, segments))
    assert any(k.startswith("channel:") for k in data) and any(k.startswith("service_type:") for k in data)
    for key in data:  # a select option and a table alternative per choice
        assert f'<option value="{key}">' in page and f'data-key="{key}"' in page
    assert data["all"]["counts"]["ARM"][0] == 2


def test_no_path_segment_crosses_the_whole_map(frame):
    """A ring crossing the antimeridian (Russia, Fiji) was a band across the map: no segment of
    any drawn path may jump more than half the map's width."""
    page = report_map.map_html(*frame)
    jumps = [abs(a - b) for d in re.findall(r' d="([^"]+)"', page) for part in d.split("M")[1:]
             for xs in [[float(p.split(",")[0]) for p in part.rstrip("Z").split()]]
             for a, b in zip(xs, xs[1:])]
    assert len(jumps) > 1000 and max(jumps) < 180
    ring = [[170, 60], [180, 62], [-180, 62], [-170, 60], [-180, 58], [180, 58]]
    drawn = report_map._unwrapped(ring)
    assert [min(x for x, _ in r) for r in drawn] == [170, -190]     # drawn again 360° left


def test_classes_cover_every_count_with_the_palette():
    assert [b[:2] for b in report_map.classes(3)] == [(1, 1), (2, 2), (3, 3)]
    bins = report_map.classes(23)
    assert bins[0][0] == 1 and bins[-1][1] == 23 and len(bins) == 5
    assert all(lo <= hi and hi + 1 == nxt for (lo, hi, _), (nxt, _, _) in zip(bins, bins[1:]))


def test_directory_escapes_text_filters_and_shows_flagged_contacts_as_to_verify(frame):
    services, segments = frame
    page = report_map.directory_html(services, segments)
    assert not re.search(r"<script[^>]*\bsrc=", page)
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; Línea" in page
    assert "ministry.gov.ge" not in page  # the flagged e-mail is never shown as a contact
    assert "e-mail to verify (contact other country)" in page
    assert "https://line.am" in page and "+37480061111" in page
    assert len(re.findall(r"<tr data-country", page)) == len(services)
    for name in ("country", "channel", "service-type", "language"):
        assert f'data-filter="{name}"' in page
    assert 'data-language=" fra wol "' in page and 'data-min="6" data-max="18"' in page
    assert "report/directory.xlsx" in page  # the PDF's static note


def test_the_pdf_is_typeset_without_the_directory_rows(frame, monkeypatch):
    """WeasyPrint parses hidden elements too: the directory of 100,000 services took the render
    stage to 14.5 GB for a PDF that never shows it. The PDF gets the page without them."""
    from pipeline import render

    services, segments = frame
    page = f"<html><body><h2>Map</h2>{report_map.directory_html(services, segments)}</body></html>"
    typeset = []
    monkeypatch.setattr("weasyprint.HTML", lambda string, **kw: typeset.append(string) or _NoPdf())
    render._pdf(page, Path(tempfile.mkdtemp()) / "r.pdf")
    assert "<tr data-country" in page and "<tr data-country" not in typeset[0]
    assert "svc-dir-q" not in typeset[0] and "report/directory.xlsx" in typeset[0]
    assert report_map.without_screen_only(typeset[0]) == typeset[0]
    with pytest.raises(ValueError, match="unpaired"):
        report_map.without_screen_only(page.replace(report_map.SCREEN_ONLY_END, ""))


class _NoPdf:
    def write_pdf(self, target, **kw):
        Path(target).write_bytes(b"%PDF-")
