"""Typology results for the report: distributions and cross-tabulations count distinct
services, with margins; the stale and the notes codes never count. Frames written for the test."""
import pandas as pd

from pipeline import report_typology as rt
from pipeline.codebook import load_codebook


def _frames():
    services = pd.DataFrame({"service_id": ["s1", "s2", "s3"], "region_m49": ["Europe", "Africa", ""]})
    rows = [  # (service, dimension, code, method); s1 has two segments for 'phone'
        ("s1", "service_type", "child_helpline", "text_rule"), ("s1", "channel", "phone", "source_field"),
        ("s1", "channel", "phone", "text_rule"), ("s1", "channel", "web_chat", "text_rule"),
        ("s2", "service_type", "child_helpline", "human"), ("s2", "channel", "phone", "text_rule"),
        ("s3", "target_group", "children", "text_rule"),
        ("gone", "channel", "email", "text_rule"),        # a service no longer in the table
        ("s1", "harm", "appearance", "text_rule"),        # a notes dimension
    ]
    segments = pd.DataFrame(rows, columns=["service_id", "dimension", "code", "method"])
    return segments, services, load_codebook()


def test_distribution_counts_each_service_once_per_code():
    segments, services, cb = _frames()
    codes = rt.service_codes(segments, services, cb)
    d = rt.distribution(codes, len(services), "channel").set_index("code")
    phone = next(c.label for c in cb.dimension("channel").codes if c.slug == "phone")
    assert d.loc[phone, "services"] == 2 and d.loc[phone, "% of services"] == 66.7
    assert d["services"].sum() == 3              # phone x2, web chat x1; the stale e-mail dropped
    assert "harm" not in set(codes["dimension"])


def test_crosstab_has_margins_of_distinct_services():
    segments, services, cb = _frames()
    t = rt.crosstab(rt.service_codes(segments, services, cb), "service_type", "channel")
    assert t.loc["all", "all"] == 2              # s1 and s2 are coded in both dimensions
    assert t.iloc[0]["all"] == 2 and t.loc["all"].iloc[:-1].sum() == 3
    regions = rt.crosstab(rt.service_codes(segments, services, cb), "target_group", "region")
    assert list(regions.columns) == [rt.UNKNOWN_REGION, "all"]   # s3 has no region


def test_sections_name_methods_in_words_and_skip_empty_crosstabs():
    segments, services, cb = _frames()
    out = {heading: table for heading, table, _ in rt.sections(segments, services, cb)}
    methods = out["How the codes were made"]
    assert methods["segments"].sum() == 8        # services dimensions only, stale included
    assert any("advisors" in m for m in methods["method"])
    assert not any(h.startswith(cb.dimension("function").label + " ×") for h in out)  # no function codes
