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

from pipeline.config import Dimension


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
def _compiled(code_id: str, patterns: tuple[str, ...]) -> re.Pattern | None:
    """All of a code's patterns as one alternation; group ``p<i>`` tells which one matched.

    One scan per text item and code; matches come out left to right and never overlap, so
    'mobile app' in a label is one segment, not also 'app'.
    """
    if not patterns:
        return None
    return re.compile("|".join(f"(?P<p{i}>{p})" for i, p in enumerate(patterns)), re.IGNORECASE)


def _required_literal(pattern: str) -> str:
    """The longest run of literal characters every match of ``pattern`` must contain
    (lower case), or '' when there is none of 2+ characters: a cheap substring pre-check."""
    import re._parser as sre_parse  # the standard library's own regex parser

    best, run = "", ""
    for op, arg in sre_parse.parse(pattern):
        if op is sre_parse.LITERAL:
            run += chr(arg).lower()
            continue
        best, run = max(best, run, key=len), ""
        if op is sre_parse.MAX_REPEAT and arg[0] >= 1 and len(arg[2]) == 1 \
                and arg[2][0][0] is sre_parse.LITERAL:
            best = max(best, chr(arg[2][0][1]).lower(), key=len)
    best = max(best, run, key=len)
    return best if len(best) >= 2 else ""


@lru_cache(maxsize=None)
def _anchors(patterns: tuple[str, ...]) -> tuple[str, ...] | None:
    """One required literal per pattern; None when some pattern has none (always scan)."""
    anchors = tuple(_required_literal(p) for p in patterns)
    return None if not all(anchors) else anchors


@lru_cache(maxsize=1 << 16)
def _scan(code_id: str, patterns: tuple[str, ...], text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, rule) of every match; cached, since labels and page lines repeat a lot."""
    return tuple((m.start(), m.end(), patterns[int(m.lastgroup[1:])])
                 for m in _compiled(code_id, patterns).finditer(text))


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
    texts = {f: _items(record.get(f)) for f in dim.search_fields}
    joined = "\n".join(t for items in texts.values() for t in items)
    lowered = joined.lower()
    for code in dim.codes:
        for f in code.fields:
            for i, v in enumerate(_items(record.get(f))):
                if v.strip():
                    found.append(Evidence(code.id, f, i, 0, len(v), v, f"field:{f}"))
        pattern = _compiled(code.id, code.patterns)
        if pattern is None:
            continue
        # Most codes do not occur in a record: a substring check of each pattern's required
        # literal, then one regex search over the whole record, before scanning item by item.
        anchors = _anchors(code.patterns)
        if anchors is not None and not any(a in lowered for a in anchors):
            continue
        if not pattern.search(joined):
            continue
        for f, items in texts.items():
            for i, text in enumerate(items):
                found += [Evidence(code.id, f, i, start, end, text[start:end], rule)
                          for start, end, rule in _scan(code.id, code.patterns, text)]
    if not found and dim.fallback_code:
        found.append(Evidence(dim.fallback_code, "", 0, 0, 0, "", "fallback"))
    return found


def codes_found(dim: Dimension, record: Mapping) -> list[str]:
    """Distinct code slugs of ``dim`` with evidence in ``record``, in codebook order."""
    ids = {e.code_id for e in match_dimension(dim, record)}
    return [c.slug for c in dim.codes if c.id in ids]
