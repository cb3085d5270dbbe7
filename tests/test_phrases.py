"""Whole-word phrase search (pipeline/phrases.py): the same matches as the regular expression it
replaced in the topics masker, in linear time."""
import random
import re

import pytest

from pipeline.phrases import Phrases, fold


def regex_sub(phrases, text: str, ignore_case: bool) -> str:
    """The masker's former implementation: one alternation, longest phrase first."""
    phrases = sorted({p for p in phrases if len(p) >= 3}, key=len, reverse=True)
    flags = "(?i)" if ignore_case else ""
    pattern = re.compile(flags + r"(?<!\w)(?:" + "|".join(map(re.escape, phrases)) + r")(?!\w)")
    return pattern.sub("#", text)


@pytest.mark.parametrize("text, expected", [
    ("Call Kids Line now", "Call # now"),                  # the longest phrase at a position
    ("Kids Lines are open", "# Lines are open"),           # 'Kids Line' is not a whole word
    ("KidsLine, Kids; kids", "KidsLine, #; kids"),         # case-sensitive, whole words only
    ("Línea Ayuda Niños", "# Niños"),                      # non-ASCII letters are word characters
    ("Ayuda", "#"),
])
def test_whole_words_longest_first(text, expected):
    phrases = ["Kids Line", "Kids", "Línea Ayuda", "Ayuda", "ab"]  # 'ab': too short, never
    assert Phrases(phrases).sub("#", text) == expected
    assert regex_sub(phrases, text, False) == expected


def test_ignore_case_keeps_offsets():
    found = Phrases(["Spain", "İzmir"], ignore_case=True)
    assert found.sub("#", "SPAIN and spain, İZMİR") == "# and #, #"
    assert len(fold("İzmir")) == len("İzmir")
    assert Phrases([]).sub("#", "nothing") == "nothing" and Phrases(["xy"]).empty


def test_same_as_the_regular_expression_on_random_texts():
    rng = random.Random(7)
    alphabet = ["a", "b", "c", "é", " ", ".", "_", "1"]
    for _ in range(300):
        phrases = ["".join(rng.choice(alphabet) for _ in range(rng.randint(3, 6))).strip(" .")
                   for _ in range(rng.randint(1, 8))]
        phrases = [p for p in phrases if len(p) >= 3]
        if not phrases:
            continue
        text = "".join(rng.choice(alphabet + ["A", "B"]) for _ in range(rng.randint(0, 60)))
        for ignore_case in (False, True):
            assert (Phrases(phrases, ignore_case).sub("#", text)
                    == regex_sub(phrases, text, ignore_case)), (phrases, text, ignore_case)


def test_all_spans_keeps_overlapping_phrases_that_spans_drops():
    phrases = Phrases(["child line", "line plus"], ignore_case=True)
    text = "Call Child Line Plus today"
    assert phrases.spans(text) == [(5, 15)]
    assert phrases.all_spans(text) == [(5, 15), (11, 20)]
