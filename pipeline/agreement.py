"""Agreement between coders: Cohen's kappa (scikit-learn) and Krippendorff's alpha
(``krippendorff``, nominal), with percent agreement and prevalence beside them.

Statistics that cannot be computed are reported as undefined with the reason, never as NaN
and never as a crash: one coder, fewer than two pairable units (units that at least two
coders coded), or a single value used by every coder (chance agreement is then 1 and both
statistics divide by zero).

Inputs are ratings as a coders x units table of nominal values, ``None`` where a coder did
not code a unit. :func:`per_code` turns two coders' code sets per unit into one binary
(present / absent) table per code.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from itertools import combinations


@dataclass(frozen=True)
class Agreement:
    """``n_units``: pairable units; ``percent_agreement``: share of agreeing coder pairs over
    pairable units (0-1); ``prevalence``: share of ratings equal to ``positive`` (binary
    tables), else None; ``undefined``: why kappa or alpha is None ('' when both are defined)."""

    n_coders: int
    n_units: int
    percent_agreement: float | None
    prevalence: float | None
    cohen_kappa: float | None
    krippendorff_alpha: float | None
    undefined: str = ""

    def as_row(self) -> dict:
        return asdict(self)


def agreement(ratings: Sequence[Sequence], positive=None) -> Agreement:
    """Agreement of ``ratings`` (coders x units, ``None`` = not coded). Cohen's kappa is given
    for exactly two coders, over the units both coded; Krippendorff's alpha (nominal) for any
    number of coders."""
    coders = [list(r) for r in ratings if any(v is not None for v in r)]
    n_units = max((len(r) for r in coders), default=0)
    coders = [r + [None] * (n_units - len(r)) for r in coders]
    columns = [[r[u] for r in coders if r[u] is not None] for u in range(n_units)]
    pairable = [c for c in columns if len(c) >= 2]
    values = [v for c in pairable for v in c]
    pairs = [(a, b) for c in pairable for a, b in combinations(c, 2)]
    percent = sum(a == b for a, b in pairs) / len(pairs) if pairs else None
    prevalence = (sum(v == positive for v in values) / len(values)
                  if positive is not None and values else None)
    reason = ""
    if len(coders) < 2:
        reason = "one coder"
    elif len(pairable) < 2:
        reason = "fewer than two pairable units"
    elif len(set(values)) < 2:
        reason = "a single value used by every coder"
    kappa = alpha = None
    if not reason:
        alpha = _alpha(coders)
        if len(coders) == 2:
            both = [(a, b) for a, b in zip(*coders) if a is not None and b is not None]
            if len(both) >= 2 and len({v for p in both for v in p}) >= 2:
                kappa = _kappa(both)
            else:
                reason = "Cohen's kappa: fewer than two units coded by both, or one value"
        else:
            reason = "Cohen's kappa needs exactly two coders"
    return Agreement(len(coders), len(pairable), percent, prevalence, kappa, alpha, reason)


def _kappa(both: list[tuple]) -> float:
    from sklearn.metrics import cohen_kappa_score

    a, b = zip(*both)
    return float(cohen_kappa_score([str(x) for x in a], [str(x) for x in b]))


def _alpha(coders: list[list]) -> float:
    import krippendorff
    import numpy as np

    domain = sorted({v for r in coders for v in r if v is not None}, key=str)
    index = {v: i for i, v in enumerate(domain)}
    data = np.array([[np.nan if v is None else index[v] for v in r] for r in coders], dtype=float)
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal",
                                    value_domain=list(range(len(domain)))))


def per_code(a: Mapping[str, set[str]], b: Mapping[str, set[str]],
             codes: Sequence[str]) -> list[dict]:
    """One row per code: agreement of two coders on whether each unit has the code, over the
    units both coded (keys of both ``a`` and ``b``); columns of :class:`Agreement` plus
    ``code``, and ``disagreements``: units where they differ (for discussion)."""
    units = sorted(set(a) & set(b))
    rows = []
    for code in codes:
        x = [code in a[u] for u in units]
        y = [code in b[u] for u in units]
        row = {"code": code, **agreement([x, y], positive=True).as_row()}
        row["disagreements"] = [u for u, p, q in zip(units, x, y) if p != q]
        rows.append(row)
    return rows


def describe(value: float | None, undefined: str) -> str:
    """A statistic for a table: two decimals, or 'undefined (reason)'."""
    return f"{value:.2f}" if value is not None else f"undefined ({undefined or 'no data'})"
