"""Published quotes: distinct, neutral, keyed only in ``private/quote_key.csv``."""
from __future__ import annotations

import pandas as pd

from pipeline.pii import neutral_quote


class QuoteBook:
    """Hands out quotes from pseudonymised notes for one findings build.

    A quote is the note's English text where translated (else its original), with person, place
    and school tokens shown neutrally ('[a name]'); a note carrying a contact or an address is
    never quoted (:func:`pipeline.pii.neutral_quote`). The same text is never quoted twice in a
    build. Each quote gets an ID ``Q-0001`` that links to its note only through :attr:`key`
    (quote ID, note ID), written to ``private/quote_key.csv``."""

    def __init__(self, notes: pd.DataFrame):
        self.notes = notes.set_index("note_id")
        self.key: list[tuple[str, str]] = []
        self.seen: set[str] = set()

    def quote(self, note_id: str) -> dict | None:
        """``{"quote_id", "question_id", "text"}`` for ``note_id``, or None (not quotable,
        already quoted, or unknown)."""
        if note_id not in self.notes.index:
            return None
        note = self.notes.loc[note_id]
        text = neutral_quote(note["text_en"] or note["text"])
        if text is None or text.casefold() in self.seen:
            return None
        self.seen.add(text.casefold())
        quote_id = f"Q-{len(self.key) + 1:04d}"
        self.key.append((quote_id, note_id))
        return {"quote_id": quote_id, "question_id": note["question_id"], "text": text}

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
