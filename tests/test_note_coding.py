"""Coding notes on the codebook's notes dimensions (harm, help source, barrier, wanted action,
reaction): cues per language, negation, evidence from the English translation labelled as such,
survey choices as structured evidence, and the loader's `applies_to` and `answers` keys.
Every note below is written for these tests (illustrative)."""
import pandas as pd
import pytest
import yaml

from pipeline import schema, stages
from pipeline.codebook import code_record, load_codebook
from pipeline.coding import code_notes, note_distribution
from pipeline.config import ConfigError
from pipeline.ingest import pseudonymise_respondents
from pipeline.ingest.survey import _choices
from pipeline.paths import ROOT

CODEBOOK = load_codebook()
NOTES_DIMS = ("harm", "help_source", "barrier", "wanted_action", "reaction")


def _note(text: str, text_en: str = "", language: str = "eng", **extra) -> dict:
    return {"note_id": extra.get("note_id", "t-N00001"), "source_id": "t",
            "respondent": extra.get("respondent", "R-0001"), "question_id": "other_thoughts",
            "language": language, "country_iso3": "", "age_band": "15-18", "gender": "",
            "text": text, "text_en": text_en, "is_non_answer": extra.get("is_non_answer", False),
            "n_replaced": 0}


NO_CHOICES = pd.DataFrame(columns=schema.columns("survey_choices"))


def _coded(*notes: dict, choices: pd.DataFrame = NO_CHOICES) -> pd.DataFrame:
    segments = code_notes(pd.DataFrame(list(notes)), choices, CODEBOOK)
    schema.validate("coded_note_segments", segments)
    return segments


def _codes(text: str) -> dict[str, set[str]]:
    coded = code_record(CODEBOOK, {"text": text, "text_en": ""}, "notes")
    slugs = {c.id: c.slug for d in CODEBOOK.dimensions for c in d.codes}
    return {d: {slugs[e.code_id] for e in ev} for d, ev in coded.items()}


@pytest.mark.parametrize("language,text,dimension,code", [
    ("eng", "They kept mocking my weight in the comments.", "harm", "body_shaming"),
    ("fra", "J'en ai parlé à ma mère le soir même.", "help_source", "family"),
    ("spa", "Nunca me respondieron y el comentario sigue ahí.", "barrier", "no_response"),
    ("por", "Tive vergonha de contar o que aconteceu.", "barrier", "shame"),
    ("deu", "Die Plattformen müssen mehr tun gegen Hass.", "wanted_action", "platforms_do_more"),
    ("ita", "Ho bloccato quel profilo subito.", "reaction", "blocked_deleted"),
    ("ara", "تعرضت للتنمر في المدرسة وعلى الإنترنت.", "harm", "cyberbullying"),
    ("ron", "Am vorbit cu profesoara mea despre asta.", "help_source", "school_staff"),
    ("ell", "Δεν ήξερα σε ποιον να απευθυνθώ.", "barrier", "not_knowing_where"),
    ("hrv", "Trebaju strože kazne za one koji vrijeđaju.", "wanted_action", "legal_consequences"),
    ("slv", "Pogovorila sem se s psihologinjo in mi je pomagalo.", "help_source",
     "mental_health_professional"),
    ("cat", "Les xarxes socials haurien de fer més per protegir-nos.", "wanted_action",
     "platforms_do_more"),
])
def test_a_cue_in_each_language_codes_the_note(language, text, dimension, code):
    segments = _coded(_note(text, language=language))
    hit = segments[(segments["dimension"] == dimension) & (segments["code"] == code)]
    assert len(hit) >= 1, segments[["dimension", "code", "evidence"]].to_dict("records")
    ev = hit.iloc[0]
    assert ev["field"] == "text" and ev["method"] == "text_rule" and ev["record_kind"] == "note"
    assert text[ev["start"]:ev["end"]] == ev["evidence"]  # evidence is a span of the note
    assert ev["language"] == language and ev["codebook_version"] == CODEBOOK.version


@pytest.mark.parametrize("text,dimension,code", [
    ("I don't think it is about weight at all.", "harm", "body_shaming"),
    ("I did not tell my parents.", "help_source", "family"),
    ("No tengo ansiedad por esto.", "harm", "mental_health_impact"),
    ("Nu am vorbit cu prietenii mei despre asta.", "help_source", "friend_peer"),
    ("Δεν ντρέπομαι για το σώμα μου.", "barrier", "shame"),
    ("Nisam osjećala sram.", "barrier", "shame"),
    ("Nisem se pogovorila s prijateljico.", "help_source", "friend_peer"),
    ("No vaig parlar amb els meus pares.", "help_source", "family"),
    ("Je n'ai pas honte de mon corps.", "barrier", "shame"),
])
def test_a_negated_cue_is_not_evidence(text, dimension, code):
    assert code not in _codes(text)[dimension]


def test_not_only_is_no_negation():
    assert {"body_shaming", "hate_speech"} <= _codes("Not only body shaming but racism too.")["harm"]


def test_evidence_from_the_english_translation_is_labelled_as_such():
    # the original names nothing the cues know; its translation does
    only_en = _coded(_note("Una cosa molto triste sui social.", "Cyberbullying about my body.",
                           language="ita"))
    assert set(only_en["field"]) == {"text_en"}
    assert {"cyberbullying", "body_shaming"} <= set(only_en["code"])
    both = _coded(_note("Me da vergüenza contarlo.", "I am ashamed to tell.", language="spa"))
    shame = both[both["code"] == "shame"]
    assert sorted(shame["field"]) == ["text", "text_en"]
    row = shame.set_index("field").loc["text_en"]
    assert "I am ashamed to tell."[row["start"]:row["end"]] == row["evidence"]


def test_an_english_original_is_not_coded_twice():
    segments = _coded(_note("I was ashamed.", "I was ashamed."))
    assert list(segments["field"]) == ["text"]


def test_non_answers_are_not_coded():
    assert _coded(_note("nobody", is_non_answer=True)).empty


def test_survey_choices_are_structured_evidence():
    choices = pd.DataFrame([
        {"source_id": "t", "respondent": "R-0007", "question_id": "who_turn_to",
         "language": "ron", "choice": "Friends/partners"},
        {"source_id": "t", "respondent": "R-0007", "question_id": "who_turn_to",
         "language": "ron", "choice": "Therapists"},
        {"source_id": "t", "respondent": "R-0007", "question_id": "encountered_reaction",
         "language": "ron", "choice": "Reported it"},
        {"source_id": "t", "respondent": "R-0007", "question_id": "social_do_enough",
         "language": "ron", "choice": "No, they need to do more"},
        {"source_id": "t", "respondent": "R-0007", "question_id": "social_do_enough",
         "language": "ron", "choice": "Yes, they do enough"},  # evidence for no code
    ], columns=schema.columns("survey_choices"))
    segments = _coded(choices=choices)
    assert set(segments["method"]) == {"source_field"} and set(segments["field"]) == {"choice"}
    assert set(segments["record_kind"]) == {"answer"} and set(segments["note_id"]) == {""}
    got = set(zip(segments["question_id"], segments["dimension"], segments["code"]))
    assert got == {("who_turn_to", "help_source", "friend_peer"),
                   ("who_turn_to", "help_source", "mental_health_professional"),
                   ("encountered_reaction", "reaction", "reported"),
                   ("encountered_reaction", "help_source", "platform_report"),
                   ("social_do_enough", "wanted_action", "platforms_do_more")}
    therapists = segments[segments["code"] == "mental_health_professional"].iloc[0]
    assert therapists["evidence"] == "Therapists" and therapists["item"] == 1
    assert therapists["rule"] == "answer:who_turn_to"


def test_every_survey_option_of_a_coded_question_is_in_the_codebook():
    """The survey's fixed options (as its adapter keeps them) for the questions the notes
    dimensions read: each is evidence for a code, except the two neutral answers."""
    options = {"who_turn_to": ["Family members", "Friends/partners", "Online community",
                               "School staff", "Therapists", "Youth workers"],
               "what_actions_support": ["I don't think much can be done about it",
                                        "More education and training",
                                        "More spaces for discussions with professionals in schools",
                                        "Stricter legal implications for perpetrators",
                                        "Stricter reporting processes",
                                        "Support mechanisms for victims"],
               "encountered_reaction": ["Defended myself or the victim",
                                        "Deleted the content/block the user",
                                        "Engaged with the content", "I wasn't able to answer",
                                        "Ignored it", "Reinforced the shame", "Reported it"],
               "social_do_enough": ["No, they need to do more"]}
    dims = CODEBOOK.applying_to("notes")
    for q, answers in options.items():
        for a in answers:
            assert any(d.answer_codes(q, a) for d in dims), (q, a)


def test_survey_choices_keep_fixed_answers_only():
    answer = "Friends/partners|Other: my cousin who lives nearby|Therapists|Diet"
    assert _choices(answer, None) == ["Friends/partners", "Therapists", "Diet"]
    assert _choices(answer, {"Friends/partners", "Therapists"}) == ["Friends/partners", "Therapists"]


def test_choices_and_notes_of_one_person_share_a_pseudonym():
    notes = pd.DataFrame({"source_id": ["s"], "respondent": ["77"], "text": ["x"]})
    choices = pd.DataFrame({"source_id": ["s", "s"], "respondent": ["77.0", "12"],
                            "choice": ["Therapists", "Ignored it"]})
    notes, choices, key = pseudonymise_respondents(notes, choices)
    assert notes["respondent"].tolist() == ["R-0001"]
    assert choices["respondent"].tolist() == ["R-0001", "R-0002"]
    assert len(key) == 2


def test_distribution_counts_people_and_suppresses_small_cells():
    notes = [_note("I was so ashamed.", note_id=f"t-N{i:05d}", respondent=f"R-{i:04d}")
             for i in range(1, 13)]
    notes += [_note("They mocked my weight.", note_id="t-N00099", respondent="R-0099")]
    dist = note_distribution(_coded(*notes), CODEBOOK, 10)
    assert dist["barrier"]["shame"] == 12
    assert dist["harm"]["body_shaming"] is None and dist["harm"]["exclusion"] == 0
    assert set(dist) == set(NOTES_DIMS)


def test_services_are_never_coded_on_notes_dimensions_and_notes_never_on_services():
    service = code_record(CODEBOOK, {"name": "Kids Helpline", "description": "I was ashamed."})
    assert not set(service) & set(NOTES_DIMS) and "channel" in service
    note = code_record(CODEBOOK, {"text": "Call us by phone", "text_en": ""}, "notes")
    assert set(note) == set(NOTES_DIMS)


def _variant(tmp_path, edit) -> str:  # a new file each time (the loader caches by path)
    data = yaml.safe_load((ROOT / "config" / "codebook.yaml").read_text(encoding="utf-8"))
    edit(data)
    path = tmp_path / f"codebook_{edit.__name__}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_the_loader_checks_notes_dimensions_against_the_notes_table(tmp_path):
    def misspelt(data):
        next(d for d in data["dimensions"] if d["id"] == "harm")["search_fields"] = ["txt"]
    with pytest.raises(ConfigError, match=r"not a column of the notes table.*harm.search_fields: txt"):
        load_codebook(_variant(tmp_path, misspelt))

    def answers_on_a_service_dimension(data):
        data["dimensions"][0]["codes"][0]["answers"] = {"who_turn_to": ["Therapists"]}
    with pytest.raises(ConfigError, match="apply to notes dimensions only"):
        load_codebook(_variant(tmp_path, answers_on_a_service_dimension))

    def unknown_target(data):
        next(d for d in data["dimensions"] if d["id"] == "harm")["applies_to"] = "people"
    with pytest.raises(ConfigError, match="applies_to"):
        load_codebook(_variant(tmp_path, unknown_target))


def test_every_notes_code_has_cues_in_the_surveys_languages_or_is_answer_only():
    for dim in CODEBOOK.applying_to("notes"):
        for code in dim.codes:
            assert code.definition and code.source and (code.patterns or code.answers), code.id
            if code.patterns:  # one cue line per language (en ... ca), marked in the codebook
                assert len(code.patterns) >= 9, code.id


def test_the_code_stage_reads_notes_only_once_pseudonymised():
    code = next(s for s in stages.STAGES if s.name == "code")
    assert "notes" in code.reads and "notes_raw" not in code.reads
    assert "coded_note_segments" in code.writes


def test_the_gold_notes_are_valid():
    gold = yaml.safe_load((ROOT / "tests" / "fixtures" / "gold_coding" / "notes.yaml")
                          .read_text(encoding="utf-8"))
    assert gold["illustrative"] is True and len(gold["notes"]) >= 60
    slugs = {d.id: {c.slug for c in d.codes} for d in CODEBOOK.applying_to("notes")}
    languages = {n["language"] for n in gold["notes"].values()}
    assert languages >= {"eng", "fra", "spa", "por", "deu", "ita", "ara", "ron", "ell", "hrv",
                         "slv", "cat"}
    for key, n in gold["notes"].items():
        for dim, codes in n.get("codes", {}).items():
            assert set(codes) <= slugs[dim], (key, dim, codes)


def test_records_coded_on_workers_give_the_rows_of_one_process(monkeypatch):
    """Issue 14: services and notes are coded in tasks on forked workers from
    `coding.PARALLEL_FROM` records; the segments are those of one process, row for row."""
    import os

    from conftest import spy_workers

    from pipeline import coding

    if (os.cpu_count() or 1) < 2:
        pytest.skip("one core: no workers")
    texts = [("eng", "They kept mocking my weight in the comments."),
             ("fra", "J'en ai parlé à ma mère le soir même."),
             ("spa", "Nunca me respondieron y el comentario sigue ahí."),
             ("ron", "Am vorbit cu profesoara mea despre asta."), ("eng", "nothing to say")]
    notes = pd.DataFrame([_note(t, language=lang, note_id=f"t-N{i:05d}", respondent=f"R-{i:04d}",
                                is_non_answer=t == "nothing to say")
                          for i, (lang, t) in enumerate(texts * 3)])
    services = pd.DataFrame([{"service_id": f"s{i}", "name": name, "description": desc,
                              "languages": ["eng"]} for i, (name, desc) in enumerate([
        ("Kids Line (illustrative)", "Call or text us, free and confidential, 24/7."),
        ("Report Remove (illustrative)", "Report a nude image of you online to have it removed."),
        ("Peer Mentors (illustrative)", "Young volunteers support other young people online."),
    ] * 3)])
    monkeypatch.setattr(coding, "TASK", 2)
    monkeypatch.setattr(coding, "PARALLEL_FROM", 10**9)
    one = coding.code_services(services, CODEBOOK), code_notes(notes, NO_CHOICES, CODEBOOK)
    monkeypatch.setattr(coding, "PARALLEL_FROM", 1)
    forked = spy_workers(monkeypatch)
    on_workers = coding.code_services(services, CODEBOOK), code_notes(notes, NO_CHOICES, CODEBOOK)
    assert forked == [True, True]
    assert one[0].equals(on_workers[0]) and one[1].equals(on_workers[1])
    assert len(one[0]) > 20 and set(one[1]["note_id"]) and "t-N00004" not in set(one[1]["note_id"])
