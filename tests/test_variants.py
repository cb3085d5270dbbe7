"""Report variants (`make report-variants`): which are planned, an unknown choice refused, and
one variant built end to end on the demo run: its own services, the main report's people
counts (cross-set disclosure control), links that resolve, the gate run over it. Frames
written for the test."""
import json
import shutil

import pandas as pd
import pytest
from conftest import make

from pipeline import variants
from pipeline.codebook import load_codebook
from pipeline.config import ConfigError


def _frames():
    services = pd.DataFrame({"service_id": [f"s{i}" for i in range(7)],
                             "region_m49": ["Europe"] * 5 + ["Africa", ""]})
    codes = pd.DataFrame({"service_id": ["s0", "s1", "s2", "s3", "s4", "s5", "s6", "gone"],
                          "dimension": "service_type",
                          "code": ["child_helpline"] * 5 + ["unclassified"] * 2 + ["child_helpline"]})
    return services, codes


def test_plan_keeps_regions_and_types_with_enough_services():
    services, codes = _frames()
    plan = variants.plan(services, codes, load_codebook(), ("region", "service_type"), 5)
    assert [v.id for v in plan] == ["region-europe", "service-type-child-helpline"]
    assert plan[1].service_ids == ("s0", "s1", "s2", "s3", "s4")   # 'gone' is no service
    assert [v.id for v in variants.plan(services, codes, load_codebook(), ("region",), 1)] == \
        ["region-africa", "region-europe"]                          # no region: no variant
    cb = load_codebook()
    dim = cb.dimension("service_type")
    fallback = next(c.slug for c in dim.codes if c.id == dim.fallback_code)
    assert not any(v.value == fallback for v in variants.plan(services, codes.assign(code=fallback),
                                                              cb, ("service_type",), 1))


def test_an_unknown_variant_is_refused_with_the_planned_ones():
    services, codes = _frames()
    plan = variants.plan(services, codes, load_codebook(), ("region",), 5)
    with pytest.raises(ConfigError, match="region-asia.*planned: region-europe"):
        variants.selected(plan, "region-asia")
    assert variants.selected(plan, " region-europe ") == plan


def test_a_variant_end_to_end(demo_run, tmp_path):
    out = tmp_path / "run"
    shutil.copytree(demo_run[0], out, symlinks=True)
    make("report-variants", "VARIANTS=region-europe", out=out)
    main = json.loads((out / "report" / "findings.json").read_text(encoding="utf-8"))
    folder = out / "report" / "variants" / "region-europe"
    v = json.loads((folder / "report" / "findings.json").read_text(encoding="utf-8"))
    assert v["services"]["count"] == main["services"]["by_region"]["Europe"] < main["services"]["count"]
    assert set(v["services"]["by_region"]) == {"Europe"}
    assert variants.people_counts(v) == variants.people_counts(main)   # nothing to subtract
    page = (folder / "report" / "index.html").read_text(encoding="utf-8")
    assert "Variant: services in Europe" in page
    for link in ("../figures/services_by_region.csv", "figures.zip", "report.pdf"):
        assert (folder / "report" / link).is_file(), link
    index = (out / "report" / "variants" / "index.html").read_text(encoding="utf-8")
    assert 'href="region-europe/report/index.html"' in index
    gate = json.loads((out / "report" / "privacy_gate.json").read_text(encoding="utf-8"))
    assert gate["leaks"] == 0 and gate["files_scanned"] > 40   # the variant scanned too
