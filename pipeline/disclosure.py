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


def _hidden(counts: dict[str, int], threshold: int) -> tuple[list[str], list[str]]:
    """(primary, secondary): cells below ``threshold``, and the cell hidden beside a lone
    small one so that it cannot be recovered from the published total."""
    primary = [k for k, v in counts.items() if 0 < v < threshold]
    secondary = []
    if len(primary) == 1:
        others = sorted((v, k) for k, v in counts.items() if k not in primary and v > 0)
        secondary = [others[0][1]] if others else []
    return primary, secondary


def suppress(counts: dict[str, int], threshold: int) -> tuple[dict[str, int | None], list[str]]:
    """Replace counts of people below ``threshold`` (but above 0) by None; list what was hidden.

    If exactly one cell is hidden, the next smallest is hidden too, so that the hidden cell
    cannot be recovered from the published total (secondary suppression; :func:`secondary`
    names it, so that it is never printed as '<k': it may be any size).
    """
    primary, second = _hidden(counts, threshold)
    small = primary + second
    return {k: (None if k in small else int(v)) for k, v in counts.items()}, sorted(small)


def secondary(counts: dict[str, int], threshold: int) -> list[str]:
    """The cells :func:`suppress` hides only to protect another (any size, not '<k')."""
    return _hidden(counts, threshold)[1]


def published_inputs(inputs: list[dict], threshold: int) -> list[dict]:
    """Rows of a notes source are people: kept/rejected and rejections by reason are
    small-cell suppressed (services are public organisations and are published as counted).
    ``secondary_suppressed`` lists the hidden fields that are not small ('rows_kept',
    'rejected_by_reason.<reason>'), so a page never prints them as '<k'."""
    out = []
    for i in inputs:
        i = dict(i)
        if i["kind"] == "notes":
            pair = {"rows_kept": i["rows_kept"], "rows_rejected": i["rows_rejected"]}
            reasons = i["rejected_by_reason"]
            i["secondary_suppressed"] = (secondary(pair, threshold) + [
                f"rejected_by_reason.{r}" for r in secondary(reasons, threshold)])
            i.update(suppress(pair, threshold)[0])
            i["rejected_by_reason"], _ = suppress(reasons, threshold)
        out.append(i)
    return out
