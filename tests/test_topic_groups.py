"""Topic prevalence by group (pipeline.findings.topic_groups), on frames written for the test."""
import pandas as pd

from pipeline.findings.topic_groups import prevalence


def _tables():
    assignments = pd.DataFrame(
        [("descriptions", "s1", 0), ("descriptions", "s2", 0), ("descriptions", "s3", 1),
         ("descriptions", "s4", -1)]
        + [("notes", f"n{i}", 0 if i < 14 else 1) for i in range(16)],
        columns=["corpus", "doc_id", "topic_id"])
    services = pd.DataFrame({"service_id": ["s1", "s2", "s3", "s4"],
                             "region_m49": ["Europe", "Africa", "Europe", ""]})
    final_codes = pd.DataFrame(  # s1 holds two channel codes; s4 has no channel code
        [("s1", "channel", "chat"), ("s1", "channel", "phone"), ("s2", "channel", "phone"),
         ("s3", "channel", "chat"), ("s1", "service_type", "child_helpline")],
        columns=["service_id", "dimension", "code"])
    # 16 notes by 13 respondents: R0..R11 in age band 15-18 (R0 wrote three notes), R12 alone
    # in 19-24 (a group of one)
    respondents = ["R0", "R0", "R0"] + [f"R{i}" for i in range(1, 12)] + ["R12", "R12"]
    notes = pd.DataFrame({"note_id": [f"n{i}" for i in range(16)], "respondent": respondents,
                          "age_band": ["15-18"] * 14 + ["19-24"] * 2, "gender": "",
                          "country_iso3": "ROU", "question_id": "reasons"})
    return assignments, services, final_codes, notes


def test_services_count_in_each_of_their_groups_and_unknown():
    by = prevalence(*_tables(), threshold=10)["descriptions"]
    assert by["channel"]["chat"] == {"n": 2, "topics": {"0": 1, "1": 1}}
    assert by["channel"]["phone"] == {"n": 2, "topics": {"0": 2}}
    assert by["channel"]["unknown"] == {"n": 1, "topics": {"-1": 1}}
    assert by["region"]["Europe"]["topics"] == {"0": 1, "1": 1}
    assert by["service_type"]["unknown"]["n"] == 3  # services are never suppressed


def test_notes_count_distinct_respondents_and_suppress_small_cells():
    by = prevalence(*_tables(), threshold=10)["notes"]
    # topic 0: 12 respondents' notes in 15-18 (R0 counted once), none of 19-24
    assert by["age_band"]["15-18"] == {"n": 12, "topics": {"0": 12}}
    assert by["age_band"]["19-24"] == {"n": None, "topics": {"1": None}}  # a group of one
    assert by["country"]["ROU"]["n"] == 13
    # topic 1's one respondent is hidden, and topic 0 beside it (else 13 - 12 gives it away)
    assert by["country"]["ROU"]["topics"] == {"0": None, "1": None}
    assert by["gender"]["unknown"]["n"] == 13
    assert prevalence(*_tables(), threshold=1)["notes"]["age_band"]["19-24"] == {
        "n": 1, "topics": {"1": 1}}
