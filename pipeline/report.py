"""The report's content: what ``notebooks/report.py`` shows, built from the findings and tables.

The notebook calls these helpers, so it stays thin and every number in its prose is computed;
rendering it (papermill, nbconvert, WeasyPrint) is :mod:`pipeline.render`.
"""
from __future__ import annotations

import base64
import html
from pathlib import Path

import pandas as pd

from pipeline import paths, report_findings, storage
from pipeline.paths import Outputs


# --------------------------------------------------------------------------- notebook helpers
def load(out_root: str) -> dict:
    """Everything the report shows: findings, figure index and the processed services table."""
    out = Outputs(paths.ROOT / out_root if not Path(out_root).is_absolute() else Path(out_root))
    return {"findings": storage.read_json(out.findings), "figures": storage.read_json(out.figures_index),
            "figures_dir": out.figures, "services": storage.read_table(out.services),
            "segments": storage.read_table(out.final_codes),
            "review": storage.read_json(out.review_summary),
            "review_agreement": storage.read_csv_text(out.review_agreement)}


def banner(f: dict) -> str:
    created = f["provenance"]["created"]
    if f["illustrative"]:
        return (f"> **Illustrative demo data.** This report was built on {created} from: "
                f"{f['label']}. No real service or person is described; the "
                "numbers show how the pipeline works, not findings about the world.")
    return f"> Built on {created} from: {f['label']}."


def summary(f: dict) -> str:
    s, n = f["services"], f["notes"]
    topics_d = [t for t in f["topics"]["descriptions"] if not t["is_outlier"]]
    topics_n = [t for t in f["topics"]["notes"] if not t["is_outlier"]]
    top_channels = sorted(s["by_channel"].items(), key=lambda kv: -kv[1])[:3]
    channels = ", ".join(f"{c.replace('_', ' ')} ({v})" for c, v in top_channels) or "none"
    def found(topics, all_topics, where):
        if all_topics and all(t["label"].startswith("not modelled") for t in all_topics):
            return f"{where} were too few to model"
        return f"**{len(topics)} topics** were found in {where}"

    k = n["suppressed"]["threshold"]
    notes = (f"**{cell(n['count'], k)} consultation notes** (free-text answers, several per "
             f"person, from {cell(n['respondents'], k)} respondents or advisors; "
             f"{cell(n['non_answers'], k)} say nothing and are left out of topic modelling)"
             if n["count"] != 0 else "no consultation notes")
    return (f"This report covers **{s['count']} mapped services** in **{s['countries']} countries** "
            f"and {notes}. The most common channels are {channels}. "
            f"{found(topics_d, f['topics']['descriptions'], 'service descriptions').capitalize()}; "
            f"{found(topics_n, f['topics']['notes'], 'the notes')}.")


def table(df: pd.DataFrame):
    """A table for the report: no index, every cell HTML-escaped (text comes from submitters)."""
    return df.style.hide(axis="index").format(escape="html")


def cell(value, threshold: int, secondary: bool = False):
    """A published count; where small-cell suppression hid it, '<k', or 'hidden' for a cell
    hidden only to protect a small one (secondary suppression: it may be any size)."""
    if value is None:
        return "hidden" if secondary else f"<{threshold}"
    return value


def quotes_html(f: dict) -> str:
    """Quotes for well-supported note topics, escaped (notes are text, never markup), each
    with its question and translation status, behind a content note where it has one
    (:func:`pipeline.report_findings.quotes_html`)."""
    if not f.get("quotes"):
        k = f["notes"]["suppressed"]["threshold"]
        return f"<p>No topic is backed by at least {k} respondents, so no quotes are shown.</p>"
    return "".join(f"<h4>Topic {q['topic']}: {html.escape(q['label'])}</h4>"
                   + report_findings.quotes_html(q["quotes"], f) for q in f["quotes"])


def inputs_table(f: dict) -> pd.DataFrame:
    k = f["notes"]["suppressed"]["threshold"]
    def shown(i, field, value):
        return cell(value, k, field in i.get("secondary_suppressed", ()))

    rows = [{"source": i["source_id"], "kind": i["kind"], "title": i["title"],
             "one row is a": i["row_unit"], "rows read": i["rows_read"],
             "kept": shown(i, "rows_kept", i["rows_kept"]), "merged": i["rows_merged"],
             "rejected": shown(i, "rows_rejected", i["rows_rejected"]),
             "reasons": ", ".join(f"{r} ({shown(i, f'rejected_by_reason.{r}', v)})"
                                  for r, v in i["rejected_by_reason"].items()) or "-"}
            for i in f["inputs"]]
    return pd.DataFrame(rows)


# Which field each data-quality flag (pipeline.standardise) is about.
FLAG_FIELD = {"country": "country", "phone": "phones", "short_code": "phones",
              "hours": "opening hours", "language": "languages", "url": "websites",
              "social_url": "websites", "email": "e-mails", "contact": "e-mails and websites",
              "age": "age range", "date": "last checked"}


def quality_table(services: pd.DataFrame, segments: pd.DataFrame) -> pd.DataFrame:
    """Per field: services where it is filled, completeness, and data-quality flags by kind."""
    fields = {"country": services["country_iso3"] != "",
              "description": services["description"] != "",
              "channels": services["service_id"].isin(
                  segments.loc[segments["dimension"] == "channel", "service_id"]),
              "languages": services["languages"].map(len) > 0,
              "phones": services["phones"].map(len) > 0,
              "e-mails": services["emails"].map(len) > 0,
              "websites": services["websites"].map(len) > 0,
              "opening hours": services["hours_raw"] != "",
              "age range": services["min_age"].notna() | services["max_age"].notna(),
              "last checked": services["assured_date"] != "",
              "e-mails and websites": services["emails"].map(len) + services["websites"].map(len) > 0}
    flags: dict[str, dict[str, int]] = {}
    for fl in services["flags"]:
        for flag in fl:
            field = next((v for k, v in FLAG_FIELD.items() if flag.startswith(k)), "other")
            flags.setdefault(field, {}).setdefault(flag, 0)
            flags[field][flag] += 1
    rows = [{"field": k, "filled": int(v.sum()),
             "completeness": f"{100 * v.mean():.0f}%" if len(v) else "-",
             "flags": ", ".join(f"{f} ({n})" for f, n in sorted(flags.get(k, {}).items())) or "-"}
            for k, v in fields.items() if k != "e-mails and websites" or k in flags]
    return pd.DataFrame(rows)


def topics_table(f: dict, corpus: str) -> pd.DataFrame:
    """Non-outlier topics with their label, stability (0-1, best-match Jaccard over refits)
    and c-TF-IDF terms; suppressed sizes (null) show as 'fewer than k'."""
    k = f["notes"]["suppressed"]["threshold"]
    rows = [{"topic": t["id"], "label": t["label"],
             "documents": t["size"] if t["size"] is not None else f"<{k}",
             "stability": "-" if t.get("stability") is None else
             f"{t['stability']:.2f}" + ("" if t.get("is_stable", True) else " (unstable)"),
             "terms": ", ".join(t["terms"])}
            for t in f["topics"][corpus] if not t["is_outlier"]]
    outliers = sum(t["size"] or 0 for t in f["topics"][corpus] if t["is_outlier"])
    if outliers:
        label = next(t["label"] for t in f["topics"][corpus] if t["is_outlier"])
        rows.append({"topic": "outliers", "label": label, "documents": outliers,
                     "stability": "-", "terms": "(no topic)"})
    return pd.DataFrame(rows, columns=["topic", "label", "documents", "stability", "terms"])


def topic_groups_table(f: dict, corpus: str, grouping: str) -> pd.DataFrame:
    """Topics (rows, by label, outliers last) by the groups of ``grouping`` (columns) from
    findings.json ``topics.by_group``: services, or distinct respondents for notes, with
    suppressed cells shown as 'hidden' (under the threshold, or hidden beside such a cell);
    empty when there is nothing to show."""
    groups = f["topics"].get("by_group", {}).get(corpus, {}).get(grouping, {})
    topics = [t for t in f["topics"][corpus] if not t["label"].startswith("not modelled")]
    if not groups or not topics:
        return pd.DataFrame()
    k = f["notes"]["suppressed"]["threshold"]
    names = sorted(groups, key=lambda g: (g == "unknown", g))
    rows = [{"topic": t["label"] if not t["is_outlier"] else "outliers",
             **{g: cell(groups[g]["topics"].get(str(t["id"]), 0), k, True) for g in names}}
            for t in sorted(topics, key=lambda t: t["is_outlier"])]
    rows.append({"topic": "all (group size)",
                 **{g: cell(groups[g]["n"], k, True) for g in names}})
    return pd.DataFrame(rows, columns=["topic", *names])


METHOD_NAMES = {"bertopic": "BERTopic (this report's topics)",
                "kmeans_embeddings": "KMeans on the same embeddings",
                "nmf_tfidf": "NMF on TF-IDF"}


def topic_quality(f: dict, corpus: str) -> tuple[str, pd.DataFrame]:
    """A sentence saying which topic model did best on ``corpus`` (highest coherence), and the
    table of BERTopic beside its two baselines (findings.json ``topics.quality``); ('', empty
    frame) when the corpus was not modelled."""
    rows = f["topics"].get("quality", {}).get(corpus, [])
    if not rows:
        return "", pd.DataFrame()

    def num(x, fmt="{:.2f}"):
        return "-" if x is None else fmt.format(x)

    table = pd.DataFrame([{"model": METHOD_NAMES.get(r["method"], r["method"]),
                           "topics": r["topics"], "outliers": num(r["outlier_share"], "{:.0%}"),
                           "coherence (NPMI)": num(r["coherence_npmi"]),
                           "diversity": num(r["diversity"])} for r in rows])
    best = next(r for r in rows if r["is_best"])
    verdict = ("BERTopic's topics were the most coherent" if best["method"] == "bertopic" else
               f"{METHOD_NAMES.get(best['method'], best['method'])} gave more coherent topics "
               "than BERTopic")
    text = (f"Checked against two simpler models with as many topics: {verdict} on this corpus. "
            "Coherence is the mean normalised PMI of each topic's top 10 terms (−1 to 1: how "
            "often they occur in the same texts); diversity the share of those terms no other "
            "topic lists.")
    return text, table


def figure_html(entry: dict, figures_dir: Path) -> str:
    """A figure as an embedded PNG (works in HTML and in the PDF) with alt text, source,
    licence and links to its data (relative to report/index.html)."""
    png = base64.b64encode((Path(figures_dir) / entry["png"]).read_bytes()).decode()
    return (f'<figure><img style="max-width:100%" alt="{html.escape(entry["alt"])}" '
            f'src="data:image/png;base64,{png}"/><figcaption>{html.escape(entry["title"])}. '
            f'{html.escape(entry["source"])}. {html.escape(entry["licence"])}. Data: '
            f'<a href="../figures/{entry["csv"]}">figures/{entry["csv"]}</a> (all figures: '
            '<a href="figures.zip">figures.zip</a>)</figcaption></figure>')


def review_text(s: dict) -> str:
    """What advisors' returned review sheets changed (``report/review_summary.json``)."""
    if not s["files"]:
        return ("No advisor review sheet has been returned: every code in this report is the "
                "machine's (`make review-pack` writes the sheet to send; see the README).")
    return (f"{s['files']} returned review sheet(s) from {s['reviewers']} reviewer(s): "
            f"{s['rows_imported']} decisions imported; {s['rows_rejected']} row(s) and "
            f"{s['files_rejected']} file(s) rejected (each listed by the pipeline with what to "
            f"fix). {s['units_settled']} record dimensions were settled by a human decision, "
            f"{s['units_changed']} of them differ from the machine's codes; {s['conflicts']} "
            "disagreement(s) between reviewers kept the machine's code and are listed for "
            "discussion. The report's codes are these final codes.")


def agreement_table(agreement: pd.DataFrame) -> pd.DataFrame:
    """Agreement per dimension that someone reviewed (``report/review_agreement.csv``; per
    code in that file)."""
    rows = agreement[(agreement["code_id"] == "") & (agreement["n_coders"].astype(int) > 0)]
    return pd.DataFrame({
        "between": rows["comparison"].map({"reviewers": "reviewers",
                                           "machine_vs_final": "machine and final codes"}),
        "dimension": rows["dimension"], "units": rows["n_units"],
        "agreement": rows["percent_agreement"], "Cohen's kappa": rows["cohen_kappa"],
        "Krippendorff's alpha": rows["krippendorff_alpha"]})


def provenance(f: dict) -> str:
    p = f["provenance"]
    lines = [f"- code version: `{p['code_version']}`",
             f"- parameters: `{p['params_file']}` (sha256 {p['params_sha256']})",
             f"- codebook version: {f['codebook']['version']}",
             f"- built: {p['created']}"]
    lines += [f"- input `{i['path']}`: sha256 {i['sha256'][:16]}…" for i in f["inputs"]]
    lines.append("- packages: " + ", ".join(f"{k} {v}" for k, v in p["packages"].items()))
    return "\n".join(lines)
