"""Stage 5b, figures: reusable charts with the data behind them.

Reads ``report/findings.json`` only (already aggregated and small-cell suppressed, so a figure
can never show more than the published numbers). For each figure writes, under ``figures/``:
``<id>.png``, ``<id>.svg`` (text kept as text, with ``<title>`` and ``<desc>``), ``<id>.csv``
(the numbers drawn, values exact), ``<id>.json`` (title, alt text, caption, source, licence,
n) and an entry in ``figures/figures.json``; then ``report/figures.zip``, every figure file
with a README, for agencies to reuse as they are. One house style: seaborn's theme with its
colour-blind-safe palette. Figures and their data are the project's, under CC BY 4.0, and
each carries its sources' own licence lines.
"""
from __future__ import annotations

import html
import io
import textwrap
import zipfile

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import seaborn as sns  # noqa: E402

from pipeline import storage  # noqa: E402
from pipeline.codebook import load_codebook  # noqa: E402
from pipeline.config import load_params  # noqa: E402
from pipeline.paths import Outputs  # noqa: E402

LICENCE = "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)"
sns.set_theme(style="whitegrid", palette="colorblind", font_scale=0.9)
# Reproducible SVG ids; SVG text stays text (searchable, readable by screen readers).
plt.rcParams.update({"svg.hashsalt": "pipeline", "svg.fonttype": "none"})
BAR = sns.color_palette("colorblind")[0]


def _bar(df: pd.DataFrame, x: str, y: str, title: str, xlabel: str):
    if df.empty:  # say so, rather than draw empty axes
        fig, ax = plt.subplots(figsize=(7, 1.4))
        ax.set_title(title, loc="left", fontsize=11)
        ax.text(0.5, 0.45, "No data in this run", ha="center", va="center", color="#555")
        ax.set_axis_off()
        return fig
    height = 0.35 * len(df) + 1.4
    fig, ax = plt.subplots(figsize=(7, height))
    ax.barh(df[x][::-1], df[y][::-1], color=BAR)
    # the title on the figure's left edge, not the axes': long topic labels push the axes to the
    # right and an axes title ran off the figure ('Largest topics in consultation')
    fig.suptitle(title, x=0.01, ha="left", fontsize=11)
    ax.set_xlabel(xlabel)
    ax.grid(axis="y", visible=False)
    ax.margins(x=0.08)   # room for the count written after the longest bar
    for i, v in enumerate(df[y][::-1]):
        ax.text(v, i, f" {v}", va="center", fontsize=8)
    fig.tight_layout(rect=(0, 0.04, 1, 1))  # room for the source line (tight_layout keeps the title's)
    return fig


def _topic_frame(topics: list[dict], top: int, min_size: int) -> pd.DataFrame:
    rows = [{"topic": f"{t['id']}: {t['label']}", "documents": t["size"]}
            for t in topics if not t["is_outlier"] and (t["size"] or 0) >= min_size]
    return pd.DataFrame(rows, columns=["topic", "documents"]).head(top)


def specs(findings: dict, top: int, min_cell: int) -> list[dict]:
    """Figure id, title, data frame, axis names, alt text and source for each figure."""
    s = findings["services"]
    by_kind = {kind: "; ".join(i["title"] for i in findings["inputs"] if i["kind"] == kind)
               for kind in ("services", "notes")}
    region = pd.DataFrame(list(s["by_region"].items()), columns=["region", "services"])
    region = region.sort_values("services", ascending=False)
    labels = {c.slug: c.label for c in load_codebook().dimension("channel").codes}
    channel = pd.DataFrame([(labels.get(k, k), v) for k, v in s["by_channel"].items()],
                           columns=["channel", "services"])
    channel = channel.sort_values("services", ascending=False)
    desc = _topic_frame(findings["topics"]["descriptions"], top, 1)
    # Note topics count people's answers: only topics of at least min_cell notes are shown.
    notes = _topic_frame(findings["topics"]["notes"], top, min_cell)
    n_notes_topics = sum(not t["is_outlier"] for t in findings["topics"]["notes"])

    def alt(df, what):
        parts = ", ".join(f"{a}: {b}" for a, b in df.itertuples(index=False))
        return f"Bar chart of {what}. {parts or 'No data.'}"

    figures = [
        {"id": "services_by_region", "kind": "services", "title": "Mapped services by UN M49 region",
         "data": region,
         "x": "region", "y": "services", "xlabel": "services",
         "alt": alt(region, "mapped services by region")},
        {"id": "channels_offered", "kind": "services", "title": "Channels offered by mapped services",
         "data": channel,
         "x": "channel", "y": "services", "xlabel": "services offering the channel",
         "alt": alt(channel, "services offering each channel")},
        {"id": "topics_descriptions", "kind": "services", "title": "Largest topics in service descriptions",
         "data": desc, "x": "topic", "y": "documents", "xlabel": "service descriptions",
         "alt": alt(desc, "service descriptions per topic")},
        {"id": "topics_notes", "kind": "notes", "title": "Largest topics in consultation notes",
         "data": notes,
         "x": "topic", "y": "documents", "xlabel": "notes",
         "alt": alt(notes, f"consultation notes per topic: the {len(notes)} largest of "
                           f"{n_notes_topics} topics; topics under {min_cell} notes are never "
                           f"shown, at most {top} are")},
    ]
    licences = {kind: "; ".join(f"{i['title']}: {i['licence']}" for i in findings["inputs"]
                                if i["kind"] == kind) for kind in ("services", "notes")}
    return [dict(f, source=f"Source: {by_kind[f['kind']] or 'none'}",
                 licence=f"Figure and data: {LICENCE}. Source licences: "
                         f"{licences[f['kind']] or 'none'}",
                 n=int(f["data"][f["y"]].sum()) if len(f["data"]) else 0) for f in figures]


def _svg_with_title(svg: str, title: str, desc: str) -> str:
    """The SVG with ``<title>`` and ``<desc>`` as its first children and ``role="img"``, which
    screen readers announce (matplotlib keeps them only in RDF metadata)."""
    head, sep, rest = svg.partition("<svg ")
    tag_end = rest.index(">")
    return (f'{head}{sep}role="img" {rest[:tag_end + 1]}\n <title>{html.escape(title)}</title>'
            f'\n <desc>{html.escape(desc)}</desc>{rest[tag_end + 1:]}')


def _save(fig, f: dict, folder, dpi: int) -> None:
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None})
    storage.write_text(folder / f"{f['id']}.svg", _svg_with_title(buf.getvalue(), f["title"], f["alt"]))
    with storage.atomic_path(folder / f"{f['id']}.png") as tmp:
        fig.savefig(tmp, format="png", dpi=dpi,
                    metadata={"Title": f["title"], "Description": f["alt"], "Copyright": LICENCE})


def _bundle(target, folder, index: list[dict]) -> None:
    """report/figures.zip: every figure file and a README naming each and its licence."""
    readme = ["Figures of the report, with the data drawn (CSV) and a description (JSON).", ""]
    for e in index:
        readme += [f"{e['id']}: {e['title']}", f"  {e['source']}", f"  {e['licence']}", ""]
    with storage.atomic_path(target) as tmp, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("README.txt", (2020, 1, 1, 0, 0, 0)), "\n".join(readme))
        for e in index:
            for ext in ("png", "svg", "csv", "json"):  # fixed dates: the same bundle every run
                z.writestr(zipfile.ZipInfo(e[ext], (2020, 1, 1, 0, 0, 0)),
                           (folder / e[ext]).read_bytes())


def run(out: Outputs) -> list[dict]:
    params = load_params()
    findings = storage.read_json(out.findings)
    index = []
    for f in specs(findings, params.figures.top_topics, params.disclosure.min_cell_count):
        fig = _bar(f["data"], f["x"], f["y"], f["title"], f["xlabel"])
        fig.text(0.01, 0.005, textwrap.fill(f["source"], 110), fontsize=7, color="#444",
                 va="bottom")
        _save(fig, f, out.figures, params.figures.dpi)
        plt.close(fig)
        storage.write_csv(out.figures / f"{f['id']}.csv", f["data"])
        entry = {k: f[k] for k in ("id", "title", "alt", "source", "licence", "n")} | {
            "caption": f"{f['title']}. {f['source']}.",
            **{ext: f"{f['id']}.{ext}" for ext in ("png", "svg", "csv", "json")}}
        storage.write_json(out.figures / entry["json"], entry)
        index.append(entry)
    storage.write_json(out.figures_index, index)
    _bundle(out.figures_zip, out.figures, index)
    print(f"[figures] {len(index)} figures written to {out.figures}")
    return index
