"""Report variants (``make report-variants``, issue 12): the report's notebook rendered again for
the services of each UN M49 region and of each service type, into ``report/variants/<id>/``
(``report/index.html``, ``report/report.pdf``, ``report/findings.json`` and ``figures/``, the
same layout as the main report so its links work), with ``report/variants/index.html`` listing
them.

A variant restricts the *services* (the services table, their coded segments and their
description topics: :func:`restrict_topics`) and nothing else: the findings, figures and
report stages run again on a copy of the run's tables under ``data/interim/variants/<id>/``
(never published). What young people say (notes, survey answers,
respondents) is the whole consultation in every variant, so each count of people in a variant
equals the main report's and no suppressed count can be recovered by subtracting one variant
from another or from the main report (cross-set disclosure control; checked by
:func:`people_counts` in the tests). Services are organisations and are published as counted.

Which variants: ``params.variants`` (levels, and ``min_services``: a region or service type with
fewer services gets none). ``PIPELINE_VARIANTS`` (comma-separated ids such as
``region-europe,service-type-child-helpline``) builds only those.
"""
from __future__ import annotations

import html
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pipeline import storage
from pipeline.codebook import Codebook, load_codebook
from pipeline.config import ConfigError, load_params
from pipeline.paths import Outputs

# The run's files a variant's findings, figures and report stages read, besides its services.
_REPORT_INPUTS = ("review_summary", "review_agreement", "review_disagreements")
_RESTRICTED = ("services", "final_codes", "coded_segments")
_TOPICS = ("topics", "topic_assignments")
VARIANT_INFO = "variant.json"  # in each published variant's folder: id, title, services


@dataclass(frozen=True)
class Variant:
    """``id``: 'region-europe' or 'service-type-child-helpline'; ``title``: for readers;
    ``service_ids``: the services it covers (at least ``params.variants.min_services``)."""
    id: str
    title: str
    level: str
    value: str
    service_ids: tuple[str, ...]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def plan(services: pd.DataFrame, final_codes: pd.DataFrame, codebook: Codebook,
         levels: tuple[str, ...], min_services: int) -> list[Variant]:
    """The variants to build, regions first (sorted), then service types in codebook order.
    ``services``: schema 'services'; ``final_codes``: schema 'final_codes'. A service type's
    fallback code (unclassified) gets no variant."""
    out = []
    if "region" in levels:
        for region, ids in services[services["region_m49"] != ""].groupby("region_m49")["service_id"]:
            if len(ids) >= min_services:
                out.append(Variant(f"region-{_slug(region)}", f"Services in {region}", "region",
                                   region, tuple(sorted(ids))))
    if "service_type" in levels:
        dim = codebook.dimension("service_type")
        fallback = next((c.slug for c in dim.codes if c.id == dim.fallback_code), None)
        typed = final_codes[(final_codes["dimension"] == "service_type")
                            & final_codes["service_id"].isin(services["service_id"])]
        for code in dim.codes:
            ids = sorted(set(typed.loc[typed["code"] == code.slug, "service_id"]))
            if code.slug != fallback and len(ids) >= min_services:
                out.append(Variant(f"service-type-{_slug(code.slug)}", f"Service type: {code.label}",
                                   "service_type", code.slug, tuple(ids)))
    return out


def selected(variants: list[Variant], wanted: str | None) -> list[Variant]:
    """``variants`` restricted to the comma-separated ids in ``wanted`` (all when empty);
    ConfigError naming an id that is not planned, with the ids that are."""
    ids = [w.strip() for w in (wanted or "").split(",") if w.strip()]
    if not ids:  # unset, empty or only commas: all
        return variants
    known = {v.id for v in variants}
    if unknown := [i for i in ids if i not in known]:
        raise ConfigError(f"PIPELINE_VARIANTS: no variant {', '.join(unknown)}; planned: "
                          f"{', '.join(sorted(known)) or 'none'}")
    return [v for v in variants if v.id in ids]


def restrict_topics(topics: pd.DataFrame, assignments: pd.DataFrame,
                    keep: set[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The description topics as a variant publishes them: the whole run's model (its terms,
    keywords, labels and stability: one model, so topics compare across variants), with its
    assignments, sizes and representatives restricted to the services in ``keep``; a topic
    with none of them is dropped. Note topics are unchanged (the whole consultation).
    ``topics``, ``assignments``: schemas 'topics' and 'topic_assignments'; returns the same."""
    desc = assignments["corpus"] == "descriptions"
    assignments = assignments[~desc | assignments["doc_id"].isin(keep)].reset_index(drop=True)
    sizes = assignments[assignments["corpus"] == "descriptions"]["topic_id"].value_counts()
    is_desc = topics["corpus"] == "descriptions"
    d = topics[is_desc].copy()
    d["size"] = d["topic_id"].map(sizes).fillna(0).astype("int64")
    d["representative_ids"] = d["representative_ids"].map(lambda ids: [i for i in ids if i in keep])
    d = d[d["size"] > 0]
    return pd.concat([d, topics[~is_desc]], ignore_index=True), assignments


def _prepare(out: Outputs, vo: Outputs, v: Variant, tables: dict[str, pd.DataFrame]) -> None:
    """The variant's inputs: the run's interim and processed tables (copied), its services,
    their codes and their description topics restricted, and the run label saying which
    variant this is."""
    for folder, target in ((out.interim, vo.interim), (out.processed, vo.processed)):
        target.mkdir(parents=True, exist_ok=True)
        for f in folder.iterdir():
            if f.is_file():
                shutil.copy2(f, target / f.name)
    vo.report.mkdir(parents=True, exist_ok=True)
    for name in _REPORT_INPUTS:
        if getattr(out, name).exists():
            shutil.copy2(getattr(out, name), getattr(vo, name))
    keep = set(v.service_ids)
    for name in _RESTRICTED:
        table = tables[name]
        storage.write_table(getattr(vo, name), table[table["service_id"].isin(keep)].reset_index(drop=True))
    for name, table in zip(_TOPICS, restrict_topics(*(tables[n] for n in _TOPICS), keep)):
        storage.write_table(getattr(vo, name), table)
    run_info = storage.read_json(out.ingest_accounting)
    run_info["label"] = (f"{run_info['label']}. Variant: {v.title.lower()[:1]}{v.title[1:]} "
                         f"({len(keep)} of {len(tables['services'])} services; what young people "
                         "say is the whole consultation, as in the main report; description "
                         "topics are those of all services, counted over this variant's)")
    storage.write_json(vo.ingest_accounting, run_info)


def _publish(vo: Outputs, v: Variant, target: Path) -> None:
    """The variant's report, findings and figures into ``target`` (replaced whole), with
    ``variant.json`` (id, title, services) for the index."""
    tmp = target.with_name(target.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    (tmp / "report").mkdir(parents=True)
    for f in (vo.html, vo.pdf, vo.findings, vo.figures_zip):
        shutil.copy2(f, tmp / "report" / f.name)
    shutil.copytree(vo.figures, tmp / "figures")
    storage.write_json(tmp / VARIANT_INFO, {"id": v.id, "title": v.title, "services": len(v.service_ids)})
    shutil.rmtree(target, ignore_errors=True)
    tmp.rename(target)


def published_variants(folder: Path) -> list[dict]:
    """Every variant published in ``folder`` (``report/variants``), this run's and earlier
    runs' of the same report (``VARIANTS=`` builds some at a time): their ``variant.json``."""
    return [storage.read_json(f) for f in sorted(folder.glob(f"*/{VARIANT_INFO}"))]


def remove_published(out: Outputs) -> bool:
    """Remove ``report/variants/`` (the render stage calls this when the main report is
    rebuilt: variants of an earlier report would be stale, and their people counts could
    differ from the new report's). True when there was something to remove."""
    folder = out.report / "variants"
    existed = folder.exists()
    shutil.rmtree(folder, ignore_errors=True)
    return existed


def index_html(variants: list[dict]) -> str:
    """``report/variants/index.html``: a list of the variants (:func:`published_variants`)
    with links to their reports."""
    items = "".join(f'<li><a href="{v["id"]}/report/index.html">{html.escape(v["title"])}</a> '
                    f'({v["services"]} services; <a href="{v["id"]}/report/report.pdf">PDF</a>)</li>'
                    for v in variants)
    return ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Report variants</title>'
            '</head><body><main><h1>Report variants</h1><p>The report rendered again for the services '
            'of each region and of each service type. What young people say is the whole '
            'consultation in every variant, so its counts match the main report.</p>'
            f'<ul>{items}</ul><p><a href="../index.html">The main report</a></p></main></body></html>')


def run(out: Outputs) -> list[Variant]:
    """Build the variants planned from ``params.variants`` (or those in ``PIPELINE_VARIANTS``)
    from a finished run in ``out``. Raises FileNotFoundError when the run has no report yet."""
    from pipeline import figures, findings, render

    if not out.findings.exists():
        raise FileNotFoundError(f"no report in {out.root}: run `make report` first")
    params = load_params()
    tables = {name: storage.read_table(getattr(out, name)) for name in _RESTRICTED + _TOPICS}  # once
    services = tables["services"]
    todo = selected(plan(services, tables["final_codes"], load_codebook(),
                         params.variants.levels, params.variants.min_services),
                    os.environ.get("PIPELINE_VARIANTS"))
    published = out.report / "variants"
    for i, v in enumerate(todo, start=1):
        print(f"[report-variants] {i}/{len(todo)} {v.id}: {len(v.service_ids)} services", flush=True)
        vo = Outputs(out.interim / "variants" / v.id)
        _prepare(out, vo, v, tables)
        findings.run(vo, own_recommendations=False)
        figures.run(vo)
        render.render(vo)
        _publish(vo, v, published / v.id)
    storage.write_text(published / "index.html", index_html(published_variants(published)))
    return todo


def people_counts(findings_json: dict) -> dict:
    """Every count of people a findings file publishes (notes, respondents, per language and
    question, survey answers, notes sources' accounting): equal across a report and its
    variants when cross-set disclosure control holds."""
    fields = ("source_id", "rows_read", "rows_kept", "rows_rejected", "rejected_by_reason")
    inputs = [{k: i[k] for k in fields} for i in findings_json["inputs"] if i["kind"] == "notes"]
    return {"notes": findings_json["notes"], "survey": findings_json["survey"], "inputs": inputs}
