"""Opening hours as written by submitters -> a structured weekly schedule.

Understands day names, abbreviations and ranges in English, French, Spanish, Portuguese,
German and Italian ("Mon-Fri 9:00-17:00", "Lundi au vendredi 8h-20h", "Lunes a viernes de 9
a 18", "Montag bis Freitag 14-20 Uhr", "weekends 10am-4pm"), and round-the-clock phrasings
("24/7", "24 hours", "24 horas"). The result follows HSDS 3.0 ``schedule``: one row per
opening span with ``byday`` (RFC 5545 day codes, e.g. ``MO,TU``), ``opens_at`` and
``closes_at`` (``HH:MM``).

Text that yields no span (e.g. a truncated scrape such as "Monday through Friday from") is
kept verbatim by the caller and flagged ``hours_unparsed``; nothing is guessed.
"""
from __future__ import annotations

import re

from pipeline.normalise import ascii_fold

DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# Day names and abbreviations (accents removed, lower case) -> index in DAYS.
_DAY_WORDS = {
    0: "monday mon lundi lun lunes segunda segunda-feira seg montag mo lunedi",
    1: "tuesday tue tues mardi mar martes terca terca-feira ter dienstag di martedi",
    2: "wednesday wed mercredi mer miercoles mie quarta quarta-feira qua mittwoch mi mercoledi",
    3: "thursday thu thur thurs jeudi jeu jueves jue quinta quinta-feira qui donnerstag do giovedi gio",
    4: "friday fri vendredi ven viernes vie sexta sexta-feira sex freitag fr venerdi",
    5: "saturday sat samedi sam sabado sab samstag sa",
    6: "sunday sun dimanche dim domingo dom sonntag so domenica",
}
DAY_INDEX = {w: i for i, words in _DAY_WORDS.items() for w in words.split()}
_GROUPS = {
    "weekdays": range(0, 5), "weekday": range(0, 5), "semaine": range(0, 5),
    "weekends": range(5, 7), "weekend": range(5, 7), "fin de semana": range(5, 7),
    "fines de semana": range(5, 7), "daily": range(7), "every day": range(7),
    "tous les jours": range(7), "todos los dias": range(7), "todos os dias": range(7),
    "taglich": range(7), "tutti i giorni": range(7), "7 days": range(7), "7 days a week": range(7),
}
_DAY = r"(?:" + "|".join(sorted(map(re.escape, DAY_INDEX), key=len, reverse=True)) + r")\.?"
_RANGE_WORD = r"(?:-|to|through|thru|au|ate|as|al|a|bis|till|until)"
DAY_SPEC = re.compile(
    rf"\b(?P<group>{'|'.join(sorted(map(re.escape, _GROUPS), key=len, reverse=True))})\b"
    rf"|(?:\bde\s+)?\b(?P<d1>{_DAY})(?:\s*{_RANGE_WORD}\s*\b(?P<d2>{_DAY}))?(?![\w])")
_T = r"(?P<{h}>\d{{1,2}})(?:\s*[:h.]\s*(?P<{m}>\d{{2}}))?\s*(?P<{ap}>[ap]\.?m\.?)?\s*(?:h|uhr|hrs?)?"
TIME_RANGE = re.compile(
    r"(?:\bde\s+|\bdas\s+|\bfrom\s+|\bdalle\s+|\bvon\s+)?" + _T.format(h="h1", m="m1", ap="ap1")
    + rf"\s*{_RANGE_WORD}\s*(?:las\s+|as\s+|alle\s+)?" + _T.format(h="h2", m="m2", ap="ap2") + r"(?![\d])")
# Round-the-clock phrasings: a span of 00:00-23:59 on the days they follow (all days if none).
ALL_DAY = re.compile(
    r"24\s*/\s*7|24\s*h(?:ours|rs|oras|eures)?\b|24 hours|around the clock|round[- ]the[- ]clock"
    r"|24 horas|jour et nuit|dia y noche|rund um die uhr|24 ore", re.IGNORECASE)
_WORD_TIMES = [(re.compile(r"\b(?:midnight|minuit|medianoche|meia-noite|mitternacht|mezzanotte)\b"), "24:00"),
               (re.compile(r"\b(?:noon|midday|midi|mediodia|meio-dia|mittag|mezzogiorno)\b"), "12:00")]


def _fold(text: str) -> str:
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)  # dashes would vanish in the ASCII fold
    return re.sub(r"\s+", " ", ascii_fold(text))


def _clock(h: str, m: str | None, ap: str | None) -> str | None:
    hour, minute = int(h), int(m or 0)
    if ap:
        if hour > 12:
            return None
        hour = hour % 12 + (12 if ap.startswith("p") else 0)
    if hour == 24 and minute == 0:
        return "24:00"
    if hour > 23 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


def _days(m: re.Match) -> list[int]:
    if m.group("group"):
        return list(_GROUPS[m.group("group")])
    a = DAY_INDEX[m.group("d1").rstrip(".")]
    if not m.group("d2"):
        return [a]
    b = DAY_INDEX[m.group("d2").rstrip(".")]
    return [i % 7 for i in range(a, a + ((b - a) % 7) + 1)]


def parse_hours(text: str) -> tuple[list[dict], bool]:
    """(schedule rows, is_24_7). Each row: {'byday': 'MO,TU', 'opens_at': '09:00',
    'closes_at': '17:00'}; closing at midnight is '23:59'. An empty list means nothing could
    be parsed. ``is_24_7`` is true when every day is open 00:00-23:59."""
    if not text or not text.strip():
        return [], False
    t = _fold(text)
    for pattern, clock in _WORD_TIMES:
        t = pattern.sub(clock, t)
    events = [(m.start(), "days", m) for m in DAY_SPEC.finditer(t)]
    events += [(m.start(), "time", m) for m in TIME_RANGE.finditer(t)]
    events += [(m.start(), "allday", m) for m in ALL_DAY.finditer(t)]
    rows, current, pending = [], None, None
    for _, kind, m in sorted(events, key=lambda e: e[0]):
        if kind == "days":
            # 'Mon, Wed and Fri 9-5': consecutive day specs before one time range share it.
            current = (current or []) + _days(m) if pending == "days" else _days(m)
            pending = "days"
            continue
        if kind == "allday":
            opens, closes = "00:00", "23:59"
        else:
            opens = _clock(m.group("h1"), m.group("m1"), m.group("ap1") or m.group("ap2"))
            closes = _clock(m.group("h2"), m.group("m2"), m.group("ap2"))
            if opens is None or closes is None or opens == "24:00":
                continue
            if closes in ("24:00", "00:00"):
                closes = "23:59"
        days = current if current is not None else list(range(7))
        rows.append({"byday": ",".join(DAYS[d] for d in sorted(set(days))),
                     "opens_at": opens, "closes_at": closes})
        pending = "time"
    always = {DAYS[d] for r in rows if (r["opens_at"], r["closes_at"]) == ("00:00", "23:59")
              for d in range(7) if DAYS[d] in r["byday"].split(",")}
    return rows, always == set(DAYS)
