"""Typology results for the report (issue 12, content 4): how the mapped services spread over
the codebook's service dimensions, cross-tabulations of pairs of dimensions, and how the codes
were made.

Inputs are the final codes (schema 'final_codes': coded segments with advisors' decisions
applied, :mod:`pipeline.review`) and the services table (schema 'services': service_id,
region_m49, ...). A service is counted once per code however many segments support it.
Services are public organisations, so their counts are published as counted (no small-cell
suppression: :mod:`pipeline.disclosure` suppresses counts of people only).
"""
from __future__ import annotations

import pandas as pd

from pipeline.codebook import Codebook

# The cross-tabulations the report shows (issue 12): service type x channel, function x risk,
# target group x region ('region' is the service's UN M49 region, not a codebook dimension).
CROSSTABS = (("service_type", "channel"), ("function", "risk_domain"), ("target_group", "region"))
REGION = "region"
UNKNOWN_REGION = "region unknown"
# How a code was made (segments' ``method``), in words for readers.
METHODS = {"source_field": "from a structured field (a phone number, an e-mail, a source's attribute)",
           "text_rule": "by a codebook rule on the text (cue words, negation checked)",
           "fallback": "fallback code (nothing else found)",
           "human": "by advisors in the coding review (their decision replaces the machine's)",
           "model": "by a classifier, accepted in review"}


def service_codes(segments: pd.DataFrame, services: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """One row per (service, dimension, code) of the services dimensions, plus each service's
    region as dimension 'region'. Columns: service_id, dimension, code, label (all str).
    Segments of services not in ``services`` are dropped (a stale code never counts)."""
    labels = {(d.id, c.slug): c.label for d in codebook.applying_to("services") for c in d.codes}
    dims = {d.id for d in codebook.applying_to("services")}
    seg = segments[segments["dimension"].isin(dims) & segments["service_id"].isin(services["service_id"])]
    codes = seg[["service_id", "dimension", "code"]].drop_duplicates()
    codes = codes.assign(label=[labels.get((d, c), c) for d, c in zip(codes["dimension"], codes["code"])])
    region = services["region_m49"].where(services["region_m49"] != "", UNKNOWN_REGION)
    regions = pd.DataFrame({"service_id": services["service_id"], "dimension": REGION,
                            "code": region, "label": region})
    return pd.concat([codes, regions], ignore_index=True).astype(str)


def distribution(codes: pd.DataFrame, n_services: int, dimension: str) -> pd.DataFrame:
    """Services per code of ``dimension``, most common first. Columns: code (label), services
    (int), '% of services' (float, 1 decimal; a service may hold several codes, so the shares
    of a multi-code dimension add up to more than 100)."""
    d = codes[codes["dimension"] == dimension]
    counts = d.groupby("label")["service_id"].nunique().sort_values(ascending=False, kind="stable")
    return pd.DataFrame({"code": counts.index, "services": counts.to_numpy(),
                         "% of services": (100 * counts.to_numpy() / max(n_services, 1)).round(1)})


def crosstab(codes: pd.DataFrame, rows: str, columns: str) -> pd.DataFrame:
    """Services holding a code of ``rows`` and a code of ``columns`` (cell = number of distinct
    services), with 'all' margins: distinct services with that row code (any column code) and
    vice versa. Index: row labels; columns: column labels then 'all'. Only services coded in
    both dimensions are counted."""
    a = codes.loc[codes["dimension"] == rows, ["service_id", "label"]]
    b = codes.loc[codes["dimension"] == columns, ["service_id", "label"]]
    pairs = a.merge(b, on="service_id", suffixes=("_row", "_col"))
    if pairs.empty:
        return pd.DataFrame()
    table = pd.crosstab(pairs["label_row"], pairs["label_col"])
    table["all"] = pairs.groupby("label_row")["service_id"].nunique()
    table.loc["all"] = list(pairs.groupby("label_col")["service_id"].nunique()
                            .reindex(table.columns[:-1])) + [pairs["service_id"].nunique()]
    table.index.name, table.columns.name = None, None
    return table.astype(int)


def methods_table(segments: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """Coded segments of the services dimensions by how they were made. Columns: method (in
    words), segments (int), services (int: distinct services with at least one such segment)."""
    dims = {d.id for d in codebook.applying_to("services")}
    seg = segments[segments["dimension"].isin(dims)]
    g = seg.groupby("method").agg(segments=("service_id", "size"), services=("service_id", "nunique"))
    g = g.sort_values("segments", ascending=False, kind="stable")
    return pd.DataFrame({"method": [METHODS.get(m, m) for m in g.index],
                         "segments": g["segments"].to_numpy(), "services": g["services"].to_numpy()})


def dimension_label(codebook: Codebook, dimension: str) -> str:
    return "UN M49 region" if dimension == REGION else codebook.dimension(dimension).label


# Dimensions whose distribution the report shows, in this order.
DISTRIBUTIONS = ("service_type", "channel", "target_group", "function", "risk_domain", "delivery",
                 "help_for_whom")


def sections(segments: pd.DataFrame, services: pd.DataFrame,
             codebook: Codebook) -> list[tuple[str, pd.DataFrame, str]]:
    """(heading, table, kind) for the report: how codes were made ('methods'), each dimension's
    distribution ('distribution'), then each cross-tabulation of CROSSTABS ('crosstab', index
    turned into a first column). A dimension the codebook lacks or no service holds is left out."""
    codes = service_codes(segments, services, codebook)
    known = {d.id for d in codebook.applying_to("services")} | {REGION}
    out = [("How the codes were made", methods_table(segments, codebook), "methods")]
    for dim in DISTRIBUTIONS:
        if dim in known and (codes["dimension"] == dim).any():
            table = distribution(codes, len(services), dim)
            # shown with one decimal ('26.9', never '26.900000', which reads as a phone number)
            table["% of services"] = table["% of services"].map("{:.1f}".format)
            title = f"{dimension_label(codebook, dim)}: services per code ({len(services)} services)"
            out.append((title, table, "distribution"))
    for rows, columns in CROSSTABS:
        if {rows, columns} <= known:
            table = crosstab(codes, rows, columns)
            if not table.empty:
                title = f"{dimension_label(codebook, rows)} × {dimension_label(codebook, columns)}"
                out.append((f"{title} (services)", table.rename_axis(dimension_label(codebook, rows))
                            .reset_index(), "crosstab"))
    return out
