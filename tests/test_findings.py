"""Small-cell suppression of counts of people."""
from pipeline.disclosure import suppress


def test_cells_below_threshold_are_hidden_with_secondary_suppression():
    published, hidden = suppress({"a": 40, "b": 3, "c": 12, "d": 25}, 10)
    # b alone would be recoverable from the total: c (next smallest) is hidden too.
    assert published == {"a": 40, "b": None, "c": None, "d": 25}
    assert hidden == ["b", "c"]


def test_no_suppression_when_all_cells_are_large_or_zero():
    assert suppress({"a": 10, "b": 0}, 10) == ({"a": 10, "b": 0}, [])


def test_two_small_cells_protect_each_other():
    assert suppress({"a": 2, "b": 5, "c": 50}, 10)[1] == ["a", "b"]
