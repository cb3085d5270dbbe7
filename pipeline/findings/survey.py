"""The survey's multi-select answers, analysed: who young people turn to, what would support
them, how they reacted, whether platforms do enough (``params.notes.survey_multi_select``).

:func:`answers` counts, per question and option, the respondents who ticked it among those who
answered the question, overall and by age band and gender: the processed table
``survey_answers`` (exact, never published). :func:`published` is what ``findings.json``
carries: the same shares with 95 % Wilson intervals, counts of people under
``disclosure.min_cell_count`` suppressed (with secondary suppression, pipeline.disclosure).
"""
from __future__ import annotations

import pandas as pd

from pipeline.disclosure import secondary, suppress
from pipeline.findings.rules import _published_groups, wilson

GROUPS = ("age_band", "gender")


def answers(choices: pd.DataFrame) -> pd.DataFrame:
    """Schema ``survey_answers``: question_id, choice, group ('all', 'age_band', 'gender'),
    group_value ('' for all), respondents (ticked it), answered (answered the question),
    share, ci_low, ci_high (95 % Wilson)."""
    c = choices.drop_duplicates(["respondent", "question_id", "choice"])
    rows = []
    for group in ("all",) + GROUPS:
        key = [] if group == "all" else [group]
        base = c.drop_duplicates(["respondent", "question_id"]).groupby(
            ["question_id"] + key)["respondent"].nunique()
        ticked = c.groupby(["question_id", "choice"] + key)["respondent"].nunique()
        for idx, n in ticked.items():
            q, choice, *value = idx
            of = int(base[(q, *value)] if value else base[q])
            ci = wilson(int(n), of)
            rows.append({"question_id": q, "choice": choice, "group": group,
                         "group_value": str(value[0]) if value else "", "respondents": int(n),
                         "answered": of, "share": n / of, "ci_low": ci[0], "ci_high": ci[1]})
    cols = ["question_id", "choice", "group", "group_value", "respondents", "answered", "share",
            "ci_low", "ci_high"]
    return pd.DataFrame(rows, columns=cols).sort_values(
        ["question_id", "group", "group_value", "respondents"],
        ascending=[True, True, True, False], ignore_index=True)


def published(table: pd.DataFrame, k: int) -> list[dict]:
    """Per question: {question_id, answered, choices: [{choice, n, suppressed, share, ci95,
    by_age_band, by_gender}]}, most ticked first; counts of people under ``k`` are null, and
    ``suppressed`` says why: 'small' (under ``k``) or 'secondary' (hidden beside a lone small
    one: any size, so never printed as '<k')."""
    out = []
    for q, t in table.groupby("question_id", sort=True):
        overall = t[t["group"] == "all"].set_index("choice")
        answered = int(overall["answered"].iloc[0])
        counts = overall["respondents"].to_dict()
        ns, _ = suppress(counts, k)
        second = set(secondary(counts, k))
        choices = []
        for choice, row in overall.iterrows():
            n = ns[choice] if answered >= k else None
            why = None if n is not None else ("secondary" if choice in second else "small")
            entry = {"choice": choice, "n": n, "suppressed": why,
                     "share": round(row["share"], 3) if n is not None else None,
                     "ci95": [round(row["ci_low"], 3), round(row["ci_high"], 3)] if n is not None else None}
            for g in GROUPS:
                sub = t[(t["group"] == g) & (t["choice"] == choice)]
                groups = {r.group_value: (int(r.respondents), int(r.answered)) for r in sub.itertuples()}
                entry[f"by_{g}"] = _published_groups(groups, k)
            choices.append(entry)
        out.append({"question_id": q, "answered": answered if answered >= k else None,
                    "choices": choices})
    return out
