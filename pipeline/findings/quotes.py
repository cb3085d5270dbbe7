"""Published quotes: distinct, neutral, labelled, keyed only in ``private/quote_key.csv``."""
from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from pipeline.pii import neutral_quote


class QuoteBook:
    """Hands out quotes from pseudonymised notes for one findings build.

    A quote is the note's English translation where the source supplied one for a note in
    another language (``translated`` true), else its original (``translated`` false), with
    person, place and school tokens shown neutrally ('[a name]'); a note carrying a contact or
    an address is never quoted (:func:`pipeline.pii.neutral_quote`). The same text is never
    quoted twice in a build. Each quote gets an ID ``Q-0001`` that links to its note only
    through :attr:`key` (quote ID, note ID), written to ``private/quote_key.csv``.

    ``notes``: the notes table (schema 'notes': note_id, source_id, question_id, language,
    text, text_en). ``note_segments``: coded note segments (schema 'coded_note_segments');
    a note coded with a code of ``content_note_codes`` (code slug -> reader-facing reason,
    ``params.disclosure.content_note_codes``) gets ``content_note``: its reasons in that
    mapping's order, joined with '; ' (None when it has none)."""

    def __init__(self, notes: pd.DataFrame, note_segments: pd.DataFrame | None = None,
                 content_note_codes: Mapping[str, str] | None = None):
        self.notes = notes.set_index("note_id")
        self.content_notes = _content_notes(note_segments, content_note_codes or {})
        self.key: list[tuple[str, str]] = []
        self.seen: set[str] = set()

    def quote(self, note_id: str) -> dict | None:
        """``{"quote_id", "question_id", "source_id", "text", "translated", "language",
        "content_note"}`` for ``note_id`` (language: ISO 639-3 of the original, '' when not
        recognised), or None (not quotable, already quoted, or unknown)."""
        if note_id not in self.notes.index:
            return None
        note = self.notes.loc[note_id]
        translated = bool(note["text_en"]) and note["text_en"] != note["text"] \
            and note["language"] != "eng"
        text = neutral_quote(note["text_en"] if translated else note["text"])
        if text is None or text.casefold() in self.seen:
            return None
        self.seen.add(text.casefold())
        quote_id = f"Q-{len(self.key) + 1:04d}"
        self.key.append((quote_id, note_id))
        return {"quote_id": quote_id, "question_id": note["question_id"],
                "source_id": note["source_id"], "text": text, "translated": translated,
                "language": note["language"], "content_note": self.content_notes.get(note_id)}

    def pick(self, note_ids, n: int) -> list[dict]:
        """Up to ``n`` quotes from ``note_ids``, in order."""
        chosen = []
        for note_id in dict.fromkeys(note_ids):
            if len(chosen) == n:
                break
            q = self.quote(note_id)
            if q:
                chosen.append(q)
        return chosen

    def key_csv(self) -> str:
        return "quote_id,note_id\n" + "".join(f"{q},{n}\n" for q, n in self.key)


def _content_notes(segments: pd.DataFrame | None, codes: Mapping[str, str]) -> dict[str, str]:
    """note_id -> its content-note reasons ('; '-joined, in ``codes`` order)."""
    if segments is None or not codes:
        return {}
    seg = segments[(segments["record_kind"] == "note") & segments["code"].isin(list(codes))]
    order = {c: i for i, c in enumerate(codes)}
    return {note_id: "; ".join(codes[c] for c in sorted(set(g), key=order.get))
            for note_id, g in seg.groupby("note_id")["code"]}
