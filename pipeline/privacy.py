"""Stage 2b, privacy: pseudonymise consultation notes before any analysis.

Reads ``data/interim/notes_raw.parquet``; writes ``data/processed/notes.parquet`` and the
private pseudonym key ``private/pseudonym_key.csv`` (mode 0600, git-ignored).

``notes.parquet`` columns (declared in :mod:`pipeline.schema`, ``notes``): note_id, source_id,
respondent (pseudonym ``R-0001``), question_id, language (ISO 639-3), country_iso3, age_band,
gender, text (pseudonymised original), text_en (pseudonymised English), is_non_answer,
n_replaced.

Personal data (e-mails, profile URLs, handles, phone numbers, person names, street addresses,
towns, schools and class references; see :mod:`pipeline.pii`) is replaced by consistent
tokens: the same value gets the same token within a run (``[PERSON_3]``), and a value found in
one of a respondent's notes is replaced wherever it recurs in their notes and translations.
Public service facts from the service directory (names, numbers such as 116 111, websites) are
left in place.
"""
from __future__ import annotations

import re

import pandas as pd
from tqdm.auto import tqdm

from pipeline import schema, storage, workers
from pipeline.config import NotesParams, PrivacyParams, load_params
from pipeline.normalise import country_to_iso3, language_to_iso639_3
from pipeline.paths import Outputs
from pipeline.pii import Pseudonymiser, PublicFacts

LATIN_VOWELS = set("aeiouyàáâãäåèéêëìíîïòóôõöùúûüýÿăâîșțøæœ")
LAUGHTER = re.compile(r"(?:ha|ah|he|ja|je|hi|xa|kk){2,}", re.IGNORECASE)


def _gibberish(token: str) -> bool:
    """Keyboard mash or laughter: no vowel in 4+ Latin letters, 5 consonants in a row, 'hahaha'."""
    t = token.casefold()
    if not t.isascii() or len(t) < 4:
        return False
    return (not set(t) & LATIN_VOWELS or bool(re.search(r"[^aeiouy\W\d]{5,}", t))
            or bool(LAUGHTER.fullmatch(t)) or bool(re.search(r"(ha){3,}|(ja){3,}", t)))


def norm_answer(text: str) -> str:
    """Lower case, punctuation and runs of spaces folded: 'Nu știu.' == 'nu știu'."""
    return re.sub(r"[\s.!?,;:…'\"()-]+", " ", text.casefold()).strip()


def is_non_answer(text: str, text_en: str, non_answers: set[str]) -> bool:
    """True for answers that say nothing: listed phrases (``non_answers``, already passed
    through :func:`norm_answer`; matched in the original or its translation), text without
    letters, or only keyboard mash and laughter. Kept as notes, left out of topic modelling."""
    norm = norm_answer
    if not re.search(r"[^\W\d_]", text):
        return True
    if norm(text) in non_answers or (text_en.strip() and norm(text_en) in non_answers):
        return True
    tokens = re.findall(r"[^\W\d_]+", text)
    return all(_gibberish(t) for t in tokens)


def pseudonymise(raw: pd.DataFrame, services: pd.DataFrame, privacy: PrivacyParams,
                 notes_params: NotesParams) -> tuple[pd.DataFrame, str]:
    """The stage's work on frames: raw notes (``notes_raw``) and the service directory (whose
    public names, numbers and websites stay) -> (notes, columns ``schema.columns("notes")``; the pseudonym
    key as CSV text, which belongs under ``private/`` only)."""
    regions = privacy.phone_regions
    pseudo = Pseudonymiser(regions, PublicFacts.from_services(services, regions))
    non_answers = {norm_answer(a) for a in notes_params.non_answers}

    # Sources that translate notes leave the translation empty for what says nothing (measured
    # on the youth survey: 86 such notes, 2 with content); params.notes.untranslated_is_non_answer.
    translating = set(raw.loc[raw["text_en"].str.strip() != "", "source_id"])
    raw = raw.assign(language=[language_to_iso639_3(v) for v in raw["language_raw"]])
    pseudonymised: dict[str, tuple[str, str, int]] = {}
    # A respondent's notes and their translations are pseudonymised together: a name found
    # after a cue in one note is replaced where it recurs alone in another (issue 7).
    groups = list(raw.groupby(["source_id", "respondent"], sort=False).indices.values())
    note_ids = [raw["note_id"].iloc[idx].tolist() for idx in groups]
    items = [[(t, lang) for t, lang in zip(raw["text_original"].iloc[idx], raw["language"].iloc[idx])]
             + [(t, "eng") for t in raw["text_en"].iloc[idx]] for idx in groups]
    with tqdm(total=len(groups), desc="[privacy] respondents", unit="resp", disable=None) as bar:
        for first, spans in _spans_by_respondent(pseudo, items, set(raw["language"]), len(raw)):
            for k, found in enumerate(spans, start=first):
                done, n = pseudo.replace(items[k], found), len(note_ids[k])
                for j, note_id in enumerate(note_ids[k]):
                    (text, n1), (text_en, n2) = done[j], done[n + j]
                    pseudonymised[note_id] = (text, text_en, n1 + n2)
            bar.update(len(spans))
    rows = []
    for r in raw.itertuples():
        untranslated = (notes_params.untranslated_is_non_answer and r.source_id in translating
                        and r.language != "eng" and not r.text_en.strip())
        text, text_en, n = pseudonymised[r.note_id]
        rows.append({
            "note_id": r.note_id, "source_id": r.source_id, "respondent": r.respondent,
            "question_id": r.question_id, "language": r.language,
            "country_iso3": country_to_iso3(r.country_raw)[0], "age_band": r.age_band,
            "gender": r.gender, "text": text, "text_en": text_en,
            "is_non_answer": untranslated or is_non_answer(r.text_original, r.text_en, non_answers),
            "n_replaced": n,
        })
    return pd.DataFrame(rows, columns=schema.columns("notes")), pseudo.key_csv()


PARALLEL_FROM = 1000  # notes: fewer, and one process is as fast (measured: ../shared/data)
TASK = 25             # respondents per task sent to a worker
# Loads what finding spans needs in each language (models, word lists, gazetteer); no one.
WARM_UP = "My friend Maria Pop lives at Str. Florilor 12 in Brasov, maria.pop@mail.example."


def _task_spans(pseudo: Pseudonymiser, task: tuple[int, list]) -> tuple[int, list]:
    """(index of the task's first respondent, spans of each respondent's items)."""
    first, groups = task
    return first, [pseudo.group_spans(g) for g in groups]


def _spans_by_respondent(pseudo: Pseudonymiser, items: list[list[tuple[str, str]]],
                         languages: set[str], n_notes: int):
    """(first index, spans per respondent) for the respondents' ``items``, in order, TASK at a
    time: on one forked worker per core from :data:`PARALLEL_FROM` notes (spans are pure; the
    tokens are numbered afterwards, in order, by :meth:`Pseudonymiser.replace`, so the notes
    and the key are the same as in one process). The language models and word lists are
    loaded before the workers fork, so the workers share them."""
    tasks = [(i, items[i:i + TASK]) for i in range(0, len(items), TASK)]
    in_parallel = workers.parallel(n_notes, PARALLEL_FROM)
    if in_parallel:
        pseudo.group_spans([(WARM_UP, lang) for lang in sorted(languages)])
    yield from workers.ordered_map_shared(_task_spans, pseudo, tasks, in_parallel)


def run(out: Outputs) -> pd.DataFrame:
    params = load_params()
    notes, key = pseudonymise(storage.read_table(out.notes_raw), storage.read_table(out.services),
                              params.privacy, params.notes)
    storage.write_private(out.pseudonym_key, key)
    storage.write_table(out.notes, notes, [out.notes_raw], "privacy")
    print(f"[privacy] {len(notes)} notes pseudonymised; {int(notes['n_replaced'].sum())} "
          f"personal-data spans replaced; {int(notes['is_non_answer'].sum())} non-answers marked")
    return notes


def try_text(argv: list[str]) -> int:
    """``python -m pipeline try-privacy [--language ISO639-3] [TEXT ...]``: print each TEXT (or
    each line of standard input) pseudonymised as the privacy stage would, then the kind of
    each replaced span, to try the recognisers on sentences of one's own. Nothing is written;
    no directory's public facts are loaded, so a helpline's ordinary number counts as a phone
    number (short codes such as 116 111 never do). An unknown language exits with status 2."""
    import argparse
    import sys

    from pipeline.pii.lexicon import LANGUAGES

    parser = argparse.ArgumentParser(prog="pipeline try-privacy", description=try_text.__doc__)
    parser.add_argument("--language", default="eng", choices=sorted(LANGUAGES), metavar="ISO639-3",
                        help="the notes' language: " + ", ".join(sorted(LANGUAGES)) + " (default eng)")
    parser.add_argument("text", nargs="*", help="sentences (default: one per line of standard input)")
    args = parser.parse_args(argv)
    pseudo = Pseudonymiser(load_params().privacy.phone_regions, PublicFacts())
    for text in args.text or (line.rstrip("\n") for line in sys.stdin):
        spans = pseudo.spans(text, args.language)
        print(pseudo(text, args.language)[0])
        print("   " + (", ".join(f"{kind} {text[s:e]!r}" for s, e, kind in spans) or "(nothing replaced)"))
    return 0

