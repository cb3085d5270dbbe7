"""Report variants (`make report-variants`): which are planned, an unknown choice refused, and
one variant built end to end on the demo run: its own services, the main report's people
counts (cross-set disclosure control), links that resolve, the gate run over it. Frames
written for the test."""
import json

import pandas as pd
import pytest
from conftest import copy_run, make

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
    assert variants.selected(plan, ",") == variants.selected(plan, "") == plan   # no id: all


def test_the_index_lists_every_published_variant_and_a_new_report_removes_them(tmp_path):
    from pipeline.paths import Outputs
    from pipeline.storage import write_json

    out = Outputs(tmp_path)
    folder = out.report / "variants"
    for vid, title in (("region-europe", "Services in Europe"), ("region-africa", "Services in Africa")):
        write_json(folder / vid / variants.VARIANT_INFO, {"id": vid, "title": title, "services": 5})
    page = variants.index_html(variants.published_variants(folder))   # built at two times
    assert 'href="region-africa/report/index.html"' in page and "Services in Europe" in page
    assert variants.remove_published(out) and not folder.exists()
    assert not variants.remove_published(out)


def test_a_variants_description_topics_count_its_own_services():
    topics = pd.DataFrame({"corpus": ["descriptions"] * 3 + ["notes"], "topic_id": [-1, 0, 1, 0],
                           "size": [1, 3, 2, 9], "label": ["outliers", "a", "b", "n"],
                           "representative_ids": [["s9"], ["s0", "s1"], ["s5"], ["n1"]]})
    assign = pd.DataFrame({"corpus": ["descriptions"] * 6 + ["notes"] * 9,
                           "doc_id": ["s9", "s0", "s1", "s2", "s5", "s6"] + [f"n{i}" for i in range(9)],
                           "topic_id": [-1, 0, 0, 0, 1, 1] + [0] * 9})
    t, a = variants.restrict_topics(topics, assign, {"s0", "s2", "s9"})
    desc = t[t["corpus"] == "descriptions"].set_index("topic_id")
    assert desc["size"].to_dict() == {-1: 1, 0: 2}                      # topic 1 has none: dropped
    assert desc.loc[0, "representative_ids"] == ["s0"] and desc.loc[0, "label"] == "a"
    assert t[t["corpus"] == "notes"]["size"].tolist() == [9]             # the whole consultation
    assert sorted(a.loc[a["corpus"] == "descriptions", "doc_id"]) == ["s0", "s2", "s9"]
    assert (a["corpus"] == "notes").sum() == 9


@pytest.mark.e2e
def test_a_variant_end_to_end(demo_run, tmp_path):
    out = copy_run(demo_run[0], tmp_path / "run")
    make("report-variants", "VARIANTS=region-europe", out=out)
    main = json.loads((out / "report" / "findings.json").read_text(encoding="utf-8"))
    folder = out / "report" / "variants" / "region-europe"
    v = json.loads((folder / "report" / "findings.json").read_text(encoding="utf-8"))
    assert v["services"]["count"] == main["services"]["by_region"]["Europe"] < main["services"]["count"]
    assert set(v["services"]["by_region"]) == {"Europe"}
    assert variants.people_counts(v) == variants.people_counts(main)   # nothing to subtract
    sizes = {t["id"]: t["size"] for t in v["topics"]["descriptions"]}
    main_sizes = {t["id"]: t["size"] for t in main["topics"]["descriptions"]}
    assert sum(sizes.values()) <= v["services"]["count"]               # its own services only
    assert all(n <= main_sizes[i] for i, n in sizes.items()) and sizes != main_sizes
    page = (folder / "report" / "index.html").read_text(encoding="utf-8")
    assert "Variant: services in Europe" in page
    for link in ("../figures/services_by_region.csv", "figures.zip", "report.pdf"):
        assert (folder / "report" / link).is_file(), link
    index = (out / "report" / "variants" / "index.html").read_text(encoding="utf-8")
    assert 'href="region-europe/report/index.html"' in index
    gate = json.loads((out / "report" / "privacy_gate.json").read_text(encoding="utf-8"))
    assert gate["leaks"] == 0 and gate["files_scanned"] > 40   # the variant scanned too
    # the main report rebuilt: its variants are stale, so removed (and make does not trip on
    # the folder it listed before the render stage removed it)
    (out / "report" / "index.html").unlink()
    proc = make("report", out=out)
    assert "its variants were removed" in proc.stdout
    assert not (out / "report" / "variants").exists() and (out / "report" / "index.html").exists()
