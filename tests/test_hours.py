"""Opening hours into an HSDS-style weekly schedule."""
import pytest

from pipeline.hours import parse_hours

WEEK = "MO,TU,WE,TH,FR"


@pytest.mark.parametrize("text, rows", [
    ("Mon-Fri 9:00-17:00", [(WEEK, "09:00", "17:00")]),
    ("Lundi au vendredi 8h-20h", [(WEEK, "08:00", "20:00")]),
    ("Lunes a viernes de 9 a 18", [(WEEK, "09:00", "18:00")]),
    ("De segunda a sexta, das 8h às 20h", [(WEEK, "08:00", "20:00")]),
    ("Montag bis Freitag 14-20 Uhr", [(WEEK, "14:00", "20:00")]),
    ("weekends 10am-4pm", [("SA,SU", "10:00", "16:00")]),
    ("Monday through Friday from 8:30 a.m. to 7:00 p.m.", [(WEEK, "08:30", "19:00")]),
    ("Sunday through Thursday from 8am – 8pm Friday and Saturday from 9am – 5pm",
     [("MO,TU,WE,TH,SU", "08:00", "20:00"), ("FR,SA", "09:00", "17:00")]),
    ("Monday, Wednesday and Friday from 2PM-6PM Tuesday and Thursday from 9AM-1PM",
     [("MO,WE,FR", "14:00", "18:00"), ("TU,TH", "09:00", "13:00")]),
    ("Monday through Sunday from 9am to midnight", [(WEEK + ",SA,SU", "09:00", "23:59")]),
    # hours before their days, days after the last span, two-letter and Cyrillic days
    ("8h–17h du lundi au vendredi", [(WEEK, "08:00", "17:00")]),
    ("9-17 Mon-Fri, 10-14 Sat", [(WEEK, "09:00", "17:00"), ("SA", "10:00", "14:00")]),
    ("Mon-Fri 9-17, 10-14 at weekends", [(WEEK, "09:00", "17:00"), ("SA,SU", "10:00", "14:00")]),
    ("Lu–Ve 11h–21h, Sa 14h–20h", [(WEEK, "11:00", "21:00"), ("SA", "14:00", "20:00")]),
    ("пн–пт 10:00–20:00", [(WEEK, "10:00", "20:00")]),
    ("Δευ-Παρ 09:00-17:00", [(WEEK, "09:00", "17:00")]),
    # '24h' closing a span is midnight, not round the clock
    ("tous les jours de 10h à 24h", [(WEEK + ",SA,SU", "10:00", "23:59")]),
    ("9h-24h", [(WEEK + ",SA,SU", "09:00", "23:59")]),
    # plural days, Spanish single letters, Portuguese ordinals, Swahili, Indonesian, Vietnamese
    ("Lunes a viernes de 9 a 18, sábados de 9 a 13", [(WEEK, "09:00", "18:00"), ("SA", "09:00", "13:00")]),
    ("L-V 9 a 18h", [(WEEK, "09:00", "18:00")]),
    ("2ª a 6ª, das 8h às 20h", [(WEEK, "08:00", "20:00")]),
    ("Jumatatu - Ijumaa 8:00-17:00", [(WEEK, "08:00", "17:00")]),
    ("Senin-Jumat 08.00-16.00", [(WEEK, "08:00", "16:00")]),
    ("Thứ Hai - Thứ Sáu, 7h30 - 17h", [(WEEK, "07:30", "17:00")]),
    # a closing hour before the opening one without a leading zero is in the afternoon
    ("Mon-Fri 9-5", [(WEEK, "09:00", "17:00")]),
    ("Mon-Fri 07:00-02:00", [(WEEK, "07:00", "02:00")]),
    ("Mon-Sun 22-6", [(WEEK + ",SA,SU", "22:00", "06:00")]),
])
def test_day_and_time_ranges(text, rows):
    parsed, always = parse_hours(text)
    assert [(r["byday"], r["opens_at"], r["closes_at"]) for r in parsed] == rows
    assert always is False


@pytest.mark.parametrize("text, always", [("24/7", True), ("Monday through Sunday 24/7", True),
                                          ("24 horas", True), ("Monday through Saturday 24 hours", False)])
def test_round_the_clock(text, always):
    rows, is_24_7 = parse_hours(text)
    assert is_24_7 is always and rows[0]["opens_at"] == "00:00" and rows[0]["closes_at"] == "23:59"


@pytest.mark.parametrize("text", ["Monday through Friday from Saturday and Sunday from",
                                  "Monday through Sunday from 8am", "", "   ", "ask us",
                                  "الأحد-الخميس 8-16"])   # days in a script not read: unknown
def test_truncated_or_empty_hours_give_no_schedule(text):
    assert parse_hours(text) == ([], False)
