"""Apply a codebook dimension to one service record, returning the evidence for each code.

Evidence is a span in one item of one field of the record: ``(field, item, start, end)``
offsets into ``record[field][item]`` (``item`` is 0 for plain-text fields such as
``description``), so every code can be traced back to the words that triggered it.
Structured contact fields listed in a code's ``fields`` (e.g. ``emails`` for the email
channel) are evidence as a whole.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Mapping

from pipeline.config import Code, Dimension


@dataclass(frozen=True)
class Evidence:
    code_id: str
    field: str
    item: int
    start: int
    end: int
    text: str
    rule: str  # the pattern that matched, or 'field:<name>'


@lru_cache(maxsize=None)
def _compiled(code: Code) -> tuple[re.Pattern, ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in code.patterns)


def _items(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def match_dimension(dim: Dimension, record: Mapping) -> list[Evidence]:
    """All evidence for all codes of ``dim`` in ``record``, in codebook order.

    ``record`` maps field names to a string or a list of strings. Falls back to
    ``dim.fallback_code`` (with no span, field '') when nothing matches.
    """
    found: list[Evidence] = []
    for code in dim.codes:
        for f in code.fields:
            for i, v in enumerate(_items(record.get(f))):
                if v.strip():
                    found.append(Evidence(code.id, f, i, 0, len(v), v, f"field:{f}"))
        for f in dim.search_fields:
            for i, text in enumerate(_items(record.get(f))):
                spans = [(m.start(), m.end(), pat.pattern) for pat in _compiled(code)
                         for m in pat.finditer(text)]
                # Longest first; a span inside one already kept is the same evidence again
                # ('mobile app' and 'app' in one label).
                kept: list[tuple[int, int, str]] = []
                for start, end, rule in sorted(spans, key=lambda x: (x[0] - x[1], x[0])):
                    if not any(start < k_end and k_start < end for k_start, k_end, _ in kept):
                        kept.append((start, end, rule))
                found += [Evidence(code.id, f, i, a, b, text[a:b], rule)
                          for a, b, rule in sorted(kept)]
    if not found and dim.fallback_code:
        found.append(Evidence(dim.fallback_code, "", 0, 0, 0, "", "fallback"))
    return found


def codes_found(dim: Dimension, record: Mapping) -> list[str]:
    """Distinct code slugs of ``dim`` with evidence in ``record``, in codebook order."""
    ids = {e.code_id for e in match_dimension(dim, record)}
    return [c.slug for c in dim.codes if c.id in ids]
