"""The derived word tables (pipeline.pii.lexicon.derived_lines): built once per environment,
read back as built, rebuilt when cut short, and never an error when the folder is read-only."""
from __future__ import annotations

import pytest

from pipeline.pii import lexicon


@pytest.fixture
def derived(tmp_path, monkeypatch):
    monkeypatch.setenv("PIPELINE_DERIVED", str(tmp_path / "derived"))
    return tmp_path / "derived"


def _builder(lines):
    calls = []
    return calls, lambda: calls.append(1) or list(lines)


def test_a_table_is_built_once_then_read_back_as_built(derived):
    lines = ["zagreb\t790017", "", "ñandú", "μαρία", "o'neill"]
    calls, build = _builder(lines)
    assert lexicon.derived_lines("t", build) == lines
    assert lexicon.derived_lines("t", build) == lines
    assert calls == [1]
    assert [p.name for p in derived.iterdir()] == [f"t-{lexicon._derived_version()}.txt"]


def test_a_file_cut_short_is_rebuilt(derived):
    calls, build = _builder(["a", "b", "c"])
    lexicon.derived_lines("t", build)
    path = next(derived.iterdir())
    path.write_text(path.read_text(encoding="utf-8")[:-2], encoding="utf-8")
    assert lexicon.derived_lines("t", build) == ["a", "b", "c"] and calls == [1, 1]


@pytest.mark.parametrize("cut", [1, 3, 5, 7])   # inside the last line, at its tab, at a newline
def test_a_file_cut_short_inside_its_last_line_is_rebuilt(derived, cut):
    # the line count alone misses these: 'zwolle\t123159' cut to 'zwolle\t123' or 'zw'
    lines = ["aachen\t247380", "zwolle\t123159"]
    calls, build = _builder(lines)
    lexicon.derived_lines("t", build)
    path = next(derived.iterdir())
    path.write_bytes(path.read_bytes()[:-cut])
    assert lexicon.derived_lines("t", build) == lines and calls == [1, 1]


def test_a_table_of_one_empty_line_or_a_carriage_return_is_read_back(derived):
    for name, lines in (("empty", [""]), ("cr", ["a\rb", "c"])):
        calls, build = _builder(lines)
        assert lexicon.derived_lines(name, build) == lexicon.derived_lines(name, build) == lines
        assert calls == [1]


def test_a_folder_that_cannot_be_written_only_costs_a_rebuild(tmp_path, monkeypatch):
    (tmp_path / "a file").write_text("", encoding="utf-8")
    monkeypatch.setenv("PIPELINE_DERIVED", str(tmp_path / "a file" / "derived"))
    calls, build = _builder(["a"])
    assert lexicon.derived_lines("t", build) == lexicon.derived_lines("t", build) == ["a"]
    assert calls == [1, 1]


def test_the_derived_tables_equal_what_the_packages_give(derived):
    assert lexicon.given_names() == frozenset(lexicon._given_names())
    assert lexicon.vocabulary("ron") == frozenset(lexicon._vocabulary("ro"))
    assert "darius" not in lexicon.vocabulary("ron") and "ura" in lexicon.vocabulary("ron")


@pytest.mark.parametrize("word, language, native", [
    ("8a", "ell", "θα"), ("3erw", "ell", "ξέρω"), ("sthn", "ell", "στην"), ("Amerikh", "ell", "αμερική"),
    ("Xazos", "ell", "χαζόσ"), ("Teper", "rus", "теперь"), ("Lokh", "rus", "лох"), ("loh", "rus", "лох"),
    ("Deftera", "ell", "δευτέρα"), ("avrio", "ell", "αύριο"),
])
def test_a_chat_word_in_latin_letters_spells_the_dictionary_word(word, language, native):
    # (wordfreq writes a final sigma as 'σ'; the recognisers fold it back)
    assert lexicon.chat_word(word, language)[0] == native


@pytest.mark.parametrize("word, language", [("Teper", "spa"), ("Ξέρω", "ell"), ("qwrtzx", "rus")])
def test_no_chat_word_outside_greek_and_russian_latin_letters(word, language):
    assert lexicon.chat_word(word, language) is None


def test_regional_given_names_leave_out_other_countries_names():
    # gender-guesser's Serbian 'Đura' and Albanian 'Foto' are no Russian or Greek names; its
    # spellings and the lexicon's own script meet in one key ('chrysoula', 'Xrysoula')
    assert "dura" in lexicon.given_names() and not lexicon.is_regional_name("Dura", "rus")
    assert not lexicon.is_regional_name("fwto", "ell")
    assert all(lexicon.is_regional_name(n, "rus") for n in ("Lena", "Лена", "Katya", "Sanya", "Yulja"))
    assert all(lexicon.is_regional_name(n, "ell") for n in ("Kwstas", "Θάνος", "Xrysoula"))
