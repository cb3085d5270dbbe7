"""Recommendations: reviewed Markdown, each citing the findings it rests on.

The file is ``recommendations/<sources file name>.md`` beside the sources file (so the demo,
``config/recommendations/sources.md``, the shared data and an agency's own data each have
theirs); a sources file without one falls back to ``config/recommendations/default.md``.
Each ``## `` heading starts a recommendation; its text cites findings by ID in square
brackets, e.g. ``[CHA.services.no_text_channel]``.

A cited finding that this run did not produce is an error (:class:`ConfigError`) in the
sources file's own recommendations (they were written for this data), and a listed warning in
the fallback. Each recommendation's support is computed: the cited findings with their kind,
confidence grade, review status and whether they were too few to report.
"""
from __future__ import annotations

import re
from pathlib import Path

from pipeline import paths
from pipeline.config import ConfigError

CITATION = re.compile(r"\[((?:ING|CHA|LES|GAP)\.[A-Za-z0-9_.:@-]+)\]")


def source_file() -> tuple[Path | None, bool]:
    """(the recommendations file for this run or None, whether it is the sources file's own)."""
    own = paths.recommendations_file()
    if own.exists():
        return own, True
    fallback = paths.DEFAULT_RECOMMENDATIONS
    return (fallback, False) if fallback.exists() else (None, False)


def parse(text: str) -> list[dict]:
    """``[{"id": "R1", "title", "text", "cites": [finding IDs]}]`` from the Markdown."""
    out = []
    for block in re.split(r"(?m)^## ", text)[1:]:
        title, _, body = block.partition("\n")
        body = re.sub(r"<!--.*?-->", "", body, flags=re.S).strip()
        out.append({"id": f"R{len(out) + 1}", "title": title.strip(), "text": body,
                    "cites": list(dict.fromkeys(CITATION.findall(body)))})
    return out


def build(findings: list[dict], path: Path | None = None, own: bool = True) -> dict:
    """``{"file", "own", "items": [recommendation + "support"], "warnings": [str]}``.

    Raises ConfigError naming the file, the recommendation and the missing IDs when ``own``."""
    if path is None:
        path, own = source_file()
    if path is None:
        return {"file": None, "own": False, "items": [], "warnings": [
            f"no recommendations file: write {paths.recommendations_file()}"]}
    by_id = {f["id"]: f for f in findings}
    items, warnings = [], []
    for rec in parse(path.read_text(encoding="utf-8")):
        missing = [c for c in rec["cites"] if c not in by_id]
        if missing and own:
            raise ConfigError(f"{path}: recommendation {rec['id']} ('{rec['title']}') cites "
                              f"findings this run did not produce: {', '.join(missing)}. Cite "
                              "IDs listed in report/findings.json (findings[].id).")
        warnings += [f"{rec['id']} cites {m}, which this run did not produce" for m in missing]
        if not rec["cites"]:
            warnings.append(f"{rec['id']} ('{rec['title']}') cites no finding")
        rec["support"] = [{"id": c, "kind": by_id[c]["kind"], "too_few": by_id[c]["too_few"],
                           "grade": by_id[c]["confidence"]["grade"],
                           "review": by_id[c].get("review", {}).get("status", "not_reviewed")}
                          for c in rec["cites"] if c in by_id]
        items.append(rec)
    shown = path.relative_to(paths.ROOT) if path.is_relative_to(paths.ROOT) else path.name
    return {"file": str(shown), "own": own, "items": items,
            "warnings": warnings}
