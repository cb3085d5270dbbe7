"""Whole-word search for many literal phrases at once, in time linear in the text.

Used by the topics stage's :class:`pipeline.topics.Masker` (every service and organisation
name of a directory) and the privacy gate (:class:`pipeline.gate.NeedleIndex`). One regular
expression alternating thousands of phrases tries each of them at every position: masking
10,000 synthetic descriptions against their 10,000 service names took 15 s that way (1.5 ms a
text, measured 2026-12-03), and it was done twice per run.
"""
from __future__ import annotations


def fold(text: str) -> str:
    """``text`` lower-cased one character for one, so offsets stay those of ``text`` (the
    few characters whose lower case is longer, 'İ', keep their first character, as
    ``re.IGNORECASE`` does)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower()[0] for c in text)


def is_word(c: str) -> bool:
    """Whether ``c`` is what ``\\w`` matches in a str pattern."""
    return c.isalnum() or c == "_"


class Phrases:
    """The phrases of at least ``min_len`` characters, found as whole words (no word
    character either side), case-sensitively or, with ``ignore_case``, on :func:`fold`-ed
    text: an Aho–Corasick automaton (pyahocorasick). Matches are those of the regular
    expression ``(?<!\\w)(?:p1|p2|...)(?!\\w)`` with phrases longest first: left to right, the
    longest phrase at each position, never overlapping."""

    def __init__(self, phrases, ignore_case: bool = False, min_len: int = 3):
        import ahocorasick

        self.ignore_case = ignore_case
        self._automaton = ahocorasick.Automaton()
        for p in {p for p in phrases if len(p) >= min_len}:
            key = fold(p) if ignore_case else p
            self._automaton.add_word(key, len(key))
        self.empty = not len(self._automaton)
        if not self.empty:
            self._automaton.make_automaton()

    def spans(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of each match in ``text``, in order, never overlapping: of
        :meth:`all_spans`, the leftmost and then the next that starts after it."""
        out, pos = [], 0
        for start, end in self.all_spans(text):
            if start >= pos:
                out.append((start, end))
                pos = end
        return out

    def all_spans(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of the longest match at each start, in order, overlapping ones too:
        what a search for each phrase alone would cover, together."""
        if self.empty:
            return []
        longest: dict[int, int] = {}
        for end, n in self._automaton.iter(fold(text) if self.ignore_case else text):
            start = end + 1 - n
            if not ((start > 0 and is_word(text[start - 1])) or (
                    end + 1 < len(text) and is_word(text[end + 1]))):
                longest[start] = max(n, longest.get(start, 0))
        return [(start, start + longest[start]) for start in sorted(longest)]

    def sub(self, repl: str, text: str) -> str:
        """``text`` with every match replaced by ``repl``."""
        parts, pos = [], 0
        for start, end in self.spans(text):
            parts += [text[pos:start], repl]
            pos = end
        return "".join(parts) + text[pos:] if parts else text
