"""Agreement statistics against published worked examples, and undefined cases."""
import pytest

from pipeline.agreement import agreement, describe, per_code


def test_cohens_kappa_matches_the_textbook_example():
    """Wikipedia's 'Cohen's kappa' worked example: 50 proposals, both yes 20, A yes B no 5,
    A no B yes 10, both no 15: p_o = 0.70, p_e = 0.50, kappa = 0.40."""
    a = ["yes"] * 20 + ["yes"] * 5 + ["no"] * 10 + ["no"] * 15
    b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    result = agreement([a, b], positive="yes")
    assert result.cohen_kappa == pytest.approx(0.40)
    assert result.percent_agreement == pytest.approx(0.70)
    assert result.prevalence == pytest.approx(55 / 100)


def test_krippendorffs_alpha_matches_krippendorff_2011():
    """Krippendorff (2011), 'Computing Krippendorff's alpha-reliability', nominal example:
    4 coders, 12 units, missing values: alpha = 0.743."""
    n = None
    ratings = [[1, 2, 3, 3, 2, 1, 4, 1, 2, n, n, n],
               [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, n, 3],
               [n, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, n],
               [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, n]]
    result = agreement(ratings)
    assert result.krippendorff_alpha == pytest.approx(0.743, abs=0.0005)
    assert result.cohen_kappa is None and "two coders" in result.undefined
    assert result.n_units == 11  # the last unit was coded once only


@pytest.mark.parametrize("ratings, reason", [
    ([["a", "b", "a"]], "one coder"),
    ([["a", None, None], [None, "b", "a"]], "fewer than two pairable units"),
    ([["a", "a", "a"], ["a", "a", "a"]], "a single value used by every coder"),
])
def test_undefined_cases_are_reported_never_nan(ratings, reason):
    result = agreement(ratings)
    assert result.cohen_kappa is None and result.krippendorff_alpha is None
    assert result.undefined == reason
    assert describe(result.cohen_kappa, result.undefined) == f"undefined ({reason})"


def test_per_code_agreement_lists_disagreements():
    rules = {"s1": {"phone", "email"}, "s2": {"phone"}, "s3": {"chat"}, "s4": set()}
    human = {"s1": {"phone"}, "s2": {"phone"}, "s3": {"chat"}, "s4": {"email"}, "s5": {"sms"}}
    rows = {r["code"]: r for r in per_code(rules, human, ["phone", "email", "sms"])}
    assert rows["phone"]["cohen_kappa"] == pytest.approx(1.0) and rows["phone"]["undefined"] == ""
    assert rows["email"]["disagreements"] == ["s1", "s4"]
    assert rows["sms"]["undefined"] == "a single value used by every coder"  # s5 coded by one
    assert all(r["n_units"] == 4 for r in rows.values())
