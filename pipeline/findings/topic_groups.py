"""Topic prevalence by group (issue 10): which groups of services and of respondents each topic
comes from, computed here from the fit-time topic assignments joined to coded segments and
note attributes, so that topics never depend on coding and coding never on topics.

``prevalence(...)`` returns findings.json's ``topics.by_group``::

    {"descriptions": {"service_type" | "channel" | "region":
                          {group: {"n": services in the group,
                                   "topics": {topic_id: services in the topic}}}},
     "notes":        {"age_band" | "gender" | "country" | "question":
                          {group: {"n": respondents in the group or null,
                                   "topics": {topic_id: respondents or null}}}}}

Keys are strings (JSON); topic IDs include -1, the outlier topic. A service holding several
codes of a dimension counts in each of its groups; services without a code or region count
under "unknown". Notes are about people, so their cells count distinct respondents (not notes)
and cells under the disclosure threshold are null, with secondary suppression within each
group (:func:`pipeline.disclosure.suppress`, ONS/UK LLC practice in TYPOLOGY.md); services are
public organisations and are never suppressed. A group of one is reported like any other.
"""
from __future__ import annotations

import pandas as pd

from pipeline.disclosure import small_count, suppress

SERVICE_GROUPS = {"service_type": "service_type", "channel": "channel", "region": None}
NOTE_GROUPS = {"age_band": "age_band", "gender": "gender", "country": "country_iso3",
               "question": "question_id"}


def _cells(members: pd.DataFrame, unit: str, threshold: int | None) -> dict:
    """{group: {n, topics}} over ``members`` (columns group, topic_id and ``unit``)."""
    out = {}
    for group, g in members.groupby("group", sort=True):
        counts = g.groupby("topic_id")[unit].nunique().sort_index()
        topics = {str(t): int(n) for t, n in counts.items()}
        n = int(g[unit].nunique())
        if threshold is not None:
            topics = suppress(topics, threshold)[0]
            n = small_count(n, threshold)
        out[str(group) or "unknown"] = {"n": n, "topics": topics}
    return out


def _service_groups(services: pd.DataFrame, final_codes: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Per grouping, a (service_id, group) frame; services without a group count as ''."""
    out = {"region": services[["service_id"]].assign(group=services["region_m49"].fillna(""))}
    for name, dim in SERVICE_GROUPS.items():
        if dim is None:
            continue
        coded = final_codes.loc[final_codes["dimension"] == dim, ["service_id", "code"]]
        coded = coded.drop_duplicates().rename(columns={"code": "group"})
        missing = services.loc[~services["service_id"].isin(coded["service_id"]), ["service_id"]]
        out[name] = pd.concat([coded, missing.assign(group="")], ignore_index=True)
    return out


def prevalence(assignments: pd.DataFrame, services: pd.DataFrame, final_codes: pd.DataFrame,
               notes: pd.DataFrame, threshold: int) -> dict:
    """findings.json ``topics.by_group`` (module doc). ``assignments``: topic_assignments
    (corpus, doc_id, topic_id); ``services``: service_id, region_m49; ``final_codes``:
    service_id, dimension, code; ``notes``: note_id, respondent, age_band, gender,
    country_iso3, question_id; ``threshold``: ``disclosure.min_cell_count``."""
    desc = assignments.loc[assignments["corpus"] == "descriptions", ["doc_id", "topic_id"]]
    desc = desc.rename(columns={"doc_id": "service_id"})
    by_service = {name: _cells(desc.merge(groups, on="service_id"), "service_id", None)
                  for name, groups in _service_groups(services, final_codes).items()}
    said = assignments.loc[assignments["corpus"] == "notes", ["doc_id", "topic_id"]]
    said = said.merge(notes.rename(columns={"note_id": "doc_id"}), on="doc_id")
    by_note = {name: _cells(said.assign(group=said[column].fillna("")), "respondent", threshold)
               for name, column in NOTE_GROUPS.items()}
    return {"descriptions": by_service, "notes": by_note}
