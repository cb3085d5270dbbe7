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
import unicodedata

from pipeline.normalise import ascii_fold

DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# Day names and abbreviations (accents removed, lower case) -> index in DAYS.
_DAY_WORDS = {
    0: "monday mon lundi lun lu lunes segunda segunda-feira seg montag mo lunedi",
    1: "tuesday tue tues mardi mar martes terca terca-feira ter dienstag di martedi",
    2: "wednesday wed mercredi mer miercoles mie quarta quarta-feira qua mittwoch mi mercoledi",
    3: "thursday thu thur thurs jeudi jeu jueves jue ju quinta quinta-feira qui donnerstag do giovedi gio",
    4: "friday fri vendredi ven ve viernes vie vi sexta sexta-feira sex freitag fr venerdi",
    5: "saturday sat samedi sam sabado sab samstag sa",
    6: "sunday sun dimanche dim domingo dom sonntag so domenica",
}
# Plurals ('sábados', 'Saturdays', 'les samedis'), Portuguese ordinals ('2ª a 6ª', 'seg. a
# sex.'), and the day names of Swahili, Indonesian and Malay, Filipino and Vietnamese (T2-T7,
# 'CN'): without them a text such as 'Jumatatu - Ijumaa 8-17' was read as every day
_MORE_DAY_WORDS = {
    0: "mondays lundis 2a 2o jumatatu senin isnin",
    1: "tuesdays mardis 3a 3o jumanne selasa martes",
    2: "wednesdays mercredis 4a 4o jumatano rabu miyerkules",
    3: "thursdays jeudis 5a 5o alhamisi kamis khamis huwebes",
    4: "fridays vendredis 6a 6o ijumaa jumat jumaat biyernes",
    5: "saturdays samedis sabados sabs jumamosi sabtu",
    6: "sundays dimanches domingos jumapili minggu ahad linggo",
}
DAY_INDEX = {w: i for d in (_DAY_WORDS, _MORE_DAY_WORDS) for i, words in d.items() for w in words.split()}
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
# Russian and Greek day names, read before the text is folded to ASCII (which drops them)
_OTHER_SCRIPT_DAYS = [(re.compile(r"(?<!\w)(?:" + words + r")\.?(?!\w)"), day) for words, day in (
    ("пн|понедельник|δευ|δευτερα", "mon"), ("вт|вторник|τρι|τριτη", "tue"),
    ("ср|среда|τετ|τεταρτη", "wed"), ("чт|четверг|πεμ|πεμπτη", "thu"),
    ("пт|пятница|παρ|παρασκευη", "fri"), ("сб|суббота|σαβ|σαββατο", "sat"),
    ("вс|воскресенье|κυρ|κυριακη", "sun"), ("ежедневно|καθημερινα", "daily"),
    ("круглосуточно|24ωρη|24ωρο", "24/7"),
    # Vietnamese, folded ('Thứ Hai' is 'thu hai', Monday, not Thursday), and T2-T7, CN
    ("thu hai|t2", "mon"), ("thu ba|t3", "tue"), ("thu tu|t4", "wed"), ("thu nam|t5", "thu"),
    ("thu sau|t6", "fri"), ("thu bay|t7", "sat"), ("chu nhat|cn", "sun"))]
# Spanish single-letter day ranges ('L-V', 'L a V', 'L a S'), capitals only
_LETTER_DAYS = {"L": "lun", "M": "mar", "X": "mie", "J": "jue", "V": "vie", "S": "sab", "D": "dom"}
_LETTER_RANGE = re.compile(r"(?<!\w)([LMXJVSD])\s*(-|–|a|al)\s*([LMXJVSD])(?!\w)")
_WORD_TIMES = [(re.compile(r"\b(?:midnight|minuit|medianoche|meia-noite|mitternacht|mezzanotte)\b"), "24:00"),
               (re.compile(r"\b(?:noon|midday|midi|mediodia|meio-dia|mittag|mezzogiorno)\b"), "12:00")]


def _read_days(text: str) -> str:
    """``text`` in lower case without accents, Russian and Greek day names in English."""
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)  # dashes would vanish in the ASCII fold
    text = _LETTER_RANGE.sub(lambda m: f"{_LETTER_DAYS[m.group(1)]} - {_LETTER_DAYS[m.group(3)]}", text)
    text = "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))
    for pattern, day in _OTHER_SCRIPT_DAYS:
        text = pattern.sub(day, text)
    return text


def _unread_letters(text: str) -> bool:
    """Letters the ASCII fold would drop remain (a script whose day names are not read: they
    would vanish and leave the hours on every day). Not 'ß', 'ø' and the like."""
    return any(c.isalpha() and not c.isascii() and c.casefold() not in "ßøæœłđþı" for c in text)


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
    be parsed (also where words of an unread script stand, whose days are unknown).
    ``is_24_7`` is true when every day is open 00:00-23:59.

    Days usually come before their hours ('Mon-Fri 9-17'); a text that opens with hours and
    ends with days gives each span the days after it ('8h-17h du lundi au vendredi'), and days
    after the last span name its days ('Mon-Fri 9-17, 24 hours at weekends'). '24h' ending a
    span ('9h-24h') closes it at midnight: it is no round-the-clock service."""
    if not text or not text.strip():
        return [], False
    read = _read_days(text)
    if _unread_letters(read):
        return [], False
    t = re.sub(r"\s+", " ", ascii_fold(read))
    for pattern, clock in _WORD_TIMES:
        t = pattern.sub(clock, t)
    times = [(m.start(), "time", m) for m in TIME_RANGE.finditer(t)]
    events = [(m.start(), "days", m) for m in DAY_SPEC.finditer(t)] + times
    events += [(m.start(), "allday", m) for m in ALL_DAY.finditer(t)
               if not any(r.start() <= m.start() < r.end() for _, _, r in times)]
    events.sort(key=lambda e: e[0])
    kinds = [k for _, k, _ in events]
    hours_first = bool(kinds) and kinds[0] == "time" and kinds[-1] == "days"
    if hours_first:
        events.reverse()   # each span takes the days after it
    rows, fresh, current, pending = [], [], None, None
    for _, kind, m in events:
        if kind == "days":
            # 'Mon, Wed and Fri 9-5': consecutive day specs before one time range share it.
            current = (current or []) + _days(m) if pending == "days" else _days(m)
            pending = "days"
            continue
        span = _span(kind, m)
        if span is None:
            continue
        days = current if current is not None else list(range(7))
        rows.append({"byday": ",".join(DAYS[d] for d in sorted(set(days))),
                     "opens_at": span[0], "closes_at": span[1]})
        fresh.append(pending == "days")
        pending = "time"
    if pending == "days" and current is not None:
        # days after the last spans name theirs: 'Mon-Fri 9-17, 24 hours at weekends'
        for i in range(len(rows) - 1, -1, -1):
            if fresh[i]:
                break
            rows[i]["byday"] = ",".join(DAYS[d] for d in sorted(set(current)))
    if hours_first:
        rows.reverse()
    always = {DAYS[d] for r in rows if (r["opens_at"], r["closes_at"]) == ("00:00", "23:59")
              for d in range(7) if DAYS[d] in r["byday"].split(",")}
    return rows, always == set(DAYS)


def _span(kind: str, m: re.Match) -> tuple[str, str] | None:
    """(opens_at, closes_at) of a time range or round-the-clock match; None when impossible."""
    if kind == "allday":
        return "00:00", "23:59"
    opens = _clock(m.group("h1"), m.group("m1"), m.group("ap1") or m.group("ap2"))
    h2 = m.group("h2")
    if not (m.group("ap1") or m.group("ap2")) and not h2.startswith("0") \
            and int(h2) < int(m.group("h1")) < int(h2) + 12 <= 23:
        h2 = str(int(h2) + 12)   # '9-5' closes at 17:00 ('22-6', '07:00-02:00' stay a night)
    closes = _clock(h2, m.group("m2"), m.group("ap2"))
    if opens is None or closes is None or opens == "24:00":
        return None
    return opens, "23:59" if closes in ("24:00", "00:00") else closes
