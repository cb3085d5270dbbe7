"""Stage 5b, figures: reusable charts with the data behind them.

Reads ``report/findings.json`` only (already aggregated and small-cell suppressed, so a figure
can never show more than the published numbers). For each figure writes, under ``figures/``:
``<id>.png``, ``<id>.svg``, ``<id>.csv`` (the numbers drawn, spreadsheet-safe) and an entry in
``figures/figures.json`` with title, alt text and source line.
"""
from __future__ import annotations

import textwrap

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from pipeline import storage  # noqa: E402
from pipeline.codebook import load_codebook  # noqa: E402
from pipeline.config import load_params  # noqa: E402
from pipeline.paths import Outputs  # noqa: E402

plt.rcParams.update({"svg.hashsalt": "pipeline", "font.size": 10})  # reproducible SVG ids


def _bar(df: pd.DataFrame, x: str, y: str, title: str, xlabel: str):
    if df.empty:  # say so, rather than draw empty axes
        fig, ax = plt.subplots(figsize=(7, 1.4))
        ax.set_title(title, loc="left", fontsize=11)
        ax.text(0.5, 0.45, "No data in this run", ha="center", va="center", color="#555")
        ax.set_axis_off()
        return fig
    fig, ax = plt.subplots(figsize=(7, 0.35 * len(df) + 1.2))
    ax.barh(df[x][::-1], df[y][::-1], color="#2b6c8f")
    ax.set_title(title, loc="left", fontsize=11)
    ax.set_xlabel(xlabel)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for i, v in enumerate(df[y][::-1]):
        ax.text(v, i, f" {v}", va="center", fontsize=8)
    fig.tight_layout(rect=(0, 0.04, 1, 1))  # leave room for the source line
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
         "alt": alt(notes, f"consultation notes per topic (topics under {min_cell} notes hidden)")},
    ]
    return [dict(f, source=f"Source: {by_kind[f['kind']] or 'none'}") for f in figures]


def run(out: Outputs) -> list[dict]:
    params = load_params()
    findings = storage.read_json(out.findings)
    index = []
    for f in specs(findings, params.figures.top_topics, params.disclosure.min_cell_count):
        fig = _bar(f["data"], f["x"], f["y"], f["title"], f["xlabel"])
        fig.text(0.01, 0.005, textwrap.fill(f["source"], 110), fontsize=7, color="#444",
                 va="bottom")
        for ext in ("png", "svg"):
            with storage.atomic_path(out.figures / f"{f['id']}.{ext}") as tmp:
                fig.savefig(tmp, format=ext, dpi=params.figures.dpi,
                            metadata={"Date": None} if ext == "svg" else None)
        plt.close(fig)
        storage.write_csv(out.figures / f"{f['id']}.csv", f["data"])
        index.append({k: f[k] for k in ("id", "title", "alt", "source")}
                     | {"png": f"{f['id']}.png", "svg": f"{f['id']}.svg", "csv": f"{f['id']}.csv"})
    storage.write_json(out.figures_index, index)
    print(f"[figures] {len(index)} figures written to {out.figures}")
    return index
