"""Statistical disclosure control for published tables: small-cell suppression.

Counts of people (respondents, notes, rejected survey rows) under ``params.disclosure.
min_cell_count`` are published as null; ONS (Census 2021) and UK LLC both use 10
(../shared/TYPOLOGY.md, privacy section). Counts of services are not suppressed: services are
public organisations.
"""
from __future__ import annotations


def small_count(n: int, threshold: int) -> int | None:
    """``n``, or None when it is a small cell (0 < n < threshold)."""
    return None if 0 < n < threshold else int(n)


def suppress(counts: dict[str, int], threshold: int) -> tuple[dict[str, int | None], list[str]]:
    """Replace counts of people below ``threshold`` (but above 0) by None; list what was hidden.

    If exactly one cell is hidden, the next smallest is hidden too, so that the hidden cell
    cannot be recovered from the published total (secondary suppression).
    """
    small = [k for k, v in counts.items() if 0 < v < threshold]
    if len(small) == 1:
        others = sorted((v, k) for k, v in counts.items() if k not in small and v > 0)
        if others:
            small.append(others[0][1])
    return {k: (None if k in small else int(v)) for k, v in counts.items()}, sorted(small)


def published_inputs(inputs: list[dict], threshold: int) -> list[dict]:
    """Rows of a notes source are people: kept/rejected and rejections by reason are
    small-cell suppressed (services are public organisations and are published as counted)."""
    out = []
    for i in inputs:
        i = dict(i)
        if i["kind"] == "notes":
            pair, _ = suppress({"rows_kept": i["rows_kept"], "rows_rejected": i["rows_rejected"]},
                               threshold)
            i.update(pair)
            i["rejected_by_reason"], _ = suppress(i["rejected_by_reason"], threshold)
        out.append(i)
    return out
