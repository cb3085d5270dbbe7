"""Pseudonymisation of notes: every kind of personal data in the survey's languages, public
service facts and ordinary words kept, values replaced consistently, quotes neutral."""
import sys
from collections import Counter
from pathlib import Path

import pytest

from pipeline.config import load_params
from pipeline.pii import Pseudonymiser, PublicFacts, neutral_quote
from pipeline.privacy import is_non_answer

sys.path.insert(0, str(Path(__file__).parent))
from fixtures.pii_set import PERSONAL, load  # noqa: E402


def _p(public=None):
    return Pseudonymiser(load_params().privacy.phone_regions, public or PublicFacts(
        names=["linha jovem segura"], numbers={"116111"}, urls=["linhajovem.example"]))


def test_contacts_are_replaced_with_consistent_tokens():
    p = _p()
    text = ("Write to lena.k.2009@mailbox.example or call +34 612 345 678, "
            "my insta is @sunny_girl_09 https://instagram.com/maria.fake.profile. "
            "Again: lena.k.2009@mailbox.example")
    out, n = p(text)
    for leaked in ("lena.k", "612 345", "sunny_girl", "maria.fake"):
        assert leaked not in out
    assert out.count("[EMAIL_1]") == 2 and "[PHONE_1]" in out and "[HANDLE_1]" in out
    assert "[URL_1]" in out and n == 5


@pytest.mark.parametrize("text, language, value", [
    ("text me on 07700 900123", "eng", "07700 900123"),
    ("ruf an: +49 151 2345 6789", "deu", "2345 6789"),
    ("scrie-mi la ana.pop at gmail dot com", "ron", "ana.pop"),
    ("το mail μου: eleni.k (at) yahoo (dot) gr", "ell", "eleni.k"),
    ("his insta is darius.popa_2009", "eng", "darius.popa_2009"),
    ("@ioniță_maria mi-a scris", "ron", "ioniță_maria"),
    ("Η φίλη μου η Μαρία με βοήθησε.", "ell", "Μαρία"),
    ("Моя подруга Маша мне помогла.", "rus", "Маша"),
    ("صديقتي فاطمة ساعدتني كثيرا", "ara", "فاطمة"),
    ("Darius keeps calling me a cow.", "eng", "Darius"),
    ("prietena mea ioana m-a ajutat", "ron", "ioana"),
    ("Rekla sam Ivanu da prestane.", "hrv", "Ivanu"),
    ("Locuiesc pe Str. Florilor nr. 12, bl. 4, ap. 7.", "ron", "Florilor"),
    ("Μένει στην οδό Ερμού 25.", "ell", "Ερμού"),
    ("Živim na Trubarjevi ulici 3.", "slv", "Trubarjevi"),
    ("Visc al carrer de Mallorca 120.", "cat", "Mallorca"),
    ("я живу в Подольске", "rus", "Подольске"),
    ("ona je iz Zaprešića", "hrv", "Zaprešića"),
    ("Darius from 8B keeps calling me names", "eng", "8B"),
    ("e în clasa a 9-a C la Liceul Teoretic Ion Creangă", "ron", "Creangă"),
])
def test_each_kind_in_the_survey_languages(text, language, value):
    out, n = _p()(text, language)
    assert value not in out and n >= 1, out


@pytest.mark.parametrize("text, language", [
    ("Fea, vaca, gorda. Eso me decían.", "spa"),
    ("Ura și tare, asta simt pe net.", "ron"),
    ("Što me briga, krava jedna.", "hrv"),
    ("In Spain we talk in English on Instagram, en français sur TikTok.", "eng"),
    ("I called 116 111 and wrote to Linha Jovem Segura on www.linhajovem.example/chat.", "eng"),
    ("In July my Snapchat streak broke; Billie Eilish said the same.", "eng"),
    # Greek typed without accents: 'σωμα' (σώμα, body) after the article is no name ('Soma')
    ("να κοροιδευεις το σωμα η το βαρος καποιου", "ell"),
    # a note topic's terms, as the gate's second detector reads them: 'nice' is the word
    ("form teacher / teacher nice / nice teacher / class teacher", "eng"),
    # a Greek word after a platform's name is no username (platforms allow ASCII only); as
    # the gate's second detector reads note topic terms, in English
    ("πλατφόρμες / instagram συνέβη / υπάρχει chat", "eng"),
    ("lo vi en insta había mucha gente", "spa"),
])
def test_ordinary_words_and_public_facts_stay(text, language):
    out, n = _p()(text, language)
    assert n == 0, out


def test_a_value_found_once_is_replaced_everywhere_for_that_respondent():
    p = _p()
    (a, _), (b, _), (c, _) = p.group([("My friend Ruxandra Pop told me.", "eng"),
                                       ("ruxandra says Pop is her surname", "eng"),
                                       ("his handle is darius.popa_2009 and Darius laughs", "eng")])
    assert "Ruxandra" not in a and "ruxandra" not in b and " Pop " not in f" {b} "
    assert "darius" not in c.casefold()


def test_a_town_named_as_a_byword_is_replaced_where_the_respondent_lives_there():
    # 'like someone from Wigan' keeps the town when it is only a comparison; the same
    # respondent giving it as home elsewhere makes it personal in every note
    (a, _), (b, _) = _p().group([("She says I talk like someone from Wigan.", "eng"),
                                 ("We moved last year and I live in Wigan now.", "eng")])
    assert "Wigan" not in a and "Wigan" not in b
    (c, _), = _p().group([("She says I talk like someone from Wigan.", "eng")])
    assert "Wigan" in c


def test_quotes_show_names_neutrally_and_drop_contacts():
    assert neutral_quote("[PERSON_3] told [PERSON_4] in [PLACE_2]") == "[a name] told [a name] in [a place]"
    assert neutral_quote("write to [EMAIL_1]") is None
    assert neutral_quote("nothing personal") == "nothing personal"


def test_key_lists_every_token_once():
    p = _p()
    p("a@b.example and c@d.example and a@b.example")
    key = p.key_csv().splitlines()
    assert key[0] == '"token","kind","value"' and len(key) == 3


def test_independent_labelled_set_has_the_promised_shape():
    """Issue 7: >= 400 notes, 13 languages, >= 20 items of each kind in each language."""
    notes = load()
    langs = {n["language"] for n in notes}
    assert len(notes) >= 400 and langs >= {"eng", "spa", "fra", "por", "deu", "ita", "ron",
                                           "ell", "hrv", "slv", "cat", "ara", "rus"}
    counts = Counter((n["language"], label) for n in notes for *_, label in n["spans"])
    for lang in langs:
        for kind in PERSONAL:
            assert counts[(lang, kind)] >= 20, (lang, kind)
        assert sum(v for (la, k), v in counts.items() if la == lang and k.startswith("KEEP")) >= 40


def test_development_sets_parse_with_only_known_labels():
    """The second to fifth dev sets: every mark is a known kind or trap, and the plain
    text holds each marked value where its span says."""
    from fixtures.pii_set import DEV2_FOLDER, DEV3_FOLDER, DEV4_FOLDER, DEV5_FOLDER
    traps = {"insult", "word", "month", "brand", "country", "city_word", "public", "public_figure"}
    for folder in (DEV2_FOLDER, DEV3_FOLDER, DEV4_FOLDER, DEV5_FOLDER):
        notes = load(folder=folder)
        assert len(notes) >= 500 and len({n["language"] for n in notes}) == 13
        for n in notes:
            assert "[[" not in n["text"] and "]]" not in n["text"], n["id"]
            for s, e, label in n["spans"]:
                assert label in PERSONAL or label.removeprefix("KEEP-") in traps, (n["id"], label)
                assert 0 <= s < e <= len(n["text"]) and n["text"][s:e].strip(), n["id"]


@pytest.mark.parametrize("text, expected", [
    ("no", True), ("Nu știu.", True), ("...", True), ("dfghh fhhhjk", True), ("hahahaha", True),
    ("Envidia", False), ("fat", False), ("The pressure of beauty standards", False),
])
def test_non_answers(text, expected):
    non_answers = {"no", "nu știu"}
    assert is_non_answer(text, "", non_answers) is expected


def test_privacy_stage_function_on_small_frames():
    """The stage's work without Make or files: a respondent's name found after a cue is
    replaced in both notes and the translation; the service's public number stays; a
    non-answer is marked."""
    import pandas as pd

    from pipeline import schema
    from pipeline.config import NotesParams, PrivacyParams
    from pipeline.privacy import pseudonymise

    raw = pd.DataFrame([
        {"note_id": "n1", "source_id": "s", "source_row": 2, "respondent": "R-0001",
         "question_id": "q", "language_raw": "en", "country_raw": "UK", "age_band": "15-18",
         "gender": "", "text_original": "My friend Darius told me to call 0800 1111.",
         "text_en": ""},
        {"note_id": "n2", "source_id": "s", "source_row": 3, "respondent": "R-0001",
         "question_id": "q", "language_raw": "en", "country_raw": "UK", "age_band": "15-18",
         "gender": "", "text_original": "Darius was right.", "text_en": ""},
        {"note_id": "n3", "source_id": "s", "source_row": 4, "respondent": "R-0002",
         "question_id": "q", "language_raw": "en", "country_raw": "UK", "age_band": "15-18",
         "gender": "", "text_original": "no", "text_en": ""},
    ])
    services = pd.DataFrame([{"name": "Childline", "organization_name": "NSPCC",
                              "phones": ["08001111"], "sms": [], "whatsapp": [], "emails": [],
                              "websites": [], "chat_urls": [], "social_urls": [],
                              "country_iso3": "GBR", "description": ""}])
    notes, key = pseudonymise(raw, services, PrivacyParams(),
                              NotesParams(survey_free_text=(), non_answers=("no",)))
    assert list(notes.columns) == schema.columns("notes")
    assert "Darius" not in " ".join(notes["text"]) and "Darius" in key
    assert "0800 1111" in notes.loc[0, "text"]
    assert notes["is_non_answer"].tolist() == [False, False, True]


def test_respondents_pseudonymised_on_workers_give_the_same_notes_and_key(monkeypatch):
    """Issue 14: spans are found on forked workers (respondents in tasks), tokens numbered
    afterwards in order: notes, token numbers and the key are those of one process, in
    several languages, a name recurring across respondents keeping its token."""
    import os

    import pandas as pd
    from conftest import spy_workers

    from pipeline import privacy
    from pipeline.config import NotesParams, PrivacyParams

    if (os.cpu_count() or 1) < 2:
        pytest.skip("one core: no workers")
    texts = [("en", "My friend Darius said call him on 07700 900123."), ("ro", "Darius mă tot filma."),
             ("es", "Mi amiga Lucía vive en Calle Mayor 5."), ("el", "Η φίλη μου η Μαρία με βοήθησε."),
             ("en", "no"), ("fr", "Mon ami Karim m'a aidé, écris-lui à karim.b@mail.example")]
    raw = pd.DataFrame([
        {"note_id": f"n{i}", "source_id": "s", "source_row": i + 2, "respondent": f"R-{i // 3:04d}",
         "question_id": "q", "language_raw": lang, "country_raw": "UK", "age_band": "15-18",
         "gender": "", "text_original": text, "text_en": ""}
        for i, (lang, text) in enumerate(texts * 4)])
    services = pd.DataFrame([{"name": "Childline", "organization_name": "NSPCC",
                              "phones": ["08001111"], "sms": [], "whatsapp": [], "emails": [],
                              "websites": [], "chat_urls": [], "social_urls": [],
                              "country_iso3": "GBR", "description": ""}])
    args = (raw, services, PrivacyParams(), NotesParams(survey_free_text=(), non_answers=("no",)))
    monkeypatch.setattr(privacy, "TASK", 2)
    monkeypatch.setattr(privacy, "PARALLEL_FROM", 10**9)
    one = privacy.pseudonymise(*args)
    monkeypatch.setattr(privacy, "PARALLEL_FROM", 1)
    forked = spy_workers(monkeypatch)
    workers = privacy.pseudonymise(*args)
    assert forked == [True]
    assert one[0].equals(workers[0]) and one[1] == workers[1]
    assert one[0]["n_replaced"].sum() >= 16 and "[PERSON_1]" in " ".join(one[0]["text"])


# General rules (issue 7): titles, notes written in lower case, the town written with an
# address, a name found once recurring in lower case. Sentences written for this test.
@pytest.mark.parametrize("text, language, value", [
    ("Ho parlato con la signora Bellandi, la prof di italiano.", "ita", "Bellandi"),
    ("Am Ende hat Herr Brandstätter die Eltern angerufen.", "deu", "Brandstätter"),
    ("Vaig explicar-ho al senyor Ferrer i em va ajudar.", "cat", "Ferrer"),
    ("Doamna Ionescu a vorbit cu clasa.", "ron", "Ionescu"),
    ("الأستاذ سامر كلم أهلي", "ara", "سامر"),
    ("dylan and josh from my form keep posting my pics", "eng", "dylan"),
    ("mi ha scritto che abita in Via Roma 12, Caserta e poi ha riso", "ita", "Caserta"),
    ("Χθες ο Λευτέρης μου έστειλε πάλι μήνυμα.", "ell", "Λευτέρης"),
    ("Ahir la Berta em va defensar davant de tothom.", "cat", "Berta"),
    # a mail address without its domain ending; a username with a one-letter part
    ("manda pra joaninha2009@hotmail que eu respondo", "por", "joaninha2009@hotmail"),
    ("вот моя почта: lena.k@yandex", "rus", "lena.k@yandex"),
    ("my gmail is tommy.r.2008", "eng", "tommy.r.2008"),
    ("пиши мне masha.k2008 собака яндекс точка ру", "rus", "masha.k2008 собака яндекс точка ру"),
    ("email μου: eleni στο gmail", "ell", "eleni στο gmail"),
    # a relation in apposition, a class after the name, an article before a lower-case name
    ("في المدرسة. سامي ابن عمي هو اللي ساعدني", "ara", "سامي"),
    ("Luka iz 7.b mi stalno piše poruke", "hrv", "Luka"),
    ("χθες ο γιώργος μου έστειλε πάλι μήνυμα", "ell", "γιώργος"),
    ("un tal Mauricio me habló por Instagram", "spa", "Mauricio"),
])
def test_general_name_and_place_rules(text, language, value):
    pseudo = Pseudonymiser(("GB", "IT", "ES"))
    found = [text[s:e] for s, e, _ in pseudo.spans(text, language)]
    assert any(value in f for f in found), found


def test_a_given_name_recurs_in_lower_case():
    text = "Mia cugina Federica mi ha aiutata. senza federica avrei cancellato tutto."
    found = [text[s:e] for s, e, _ in Pseudonymiser(("IT",)).spans(text, "ita")]
    assert "federica" in found and "Federica" in found


# Illustrative sentences (project-written) in the shapes that were over-redacted on the
# synthetic benchmark notes: a note pasted by a respondent of another language keeps that
# respondent's language label, a sentence's first word is an ordinary word, a one-word
# answer, a sentence ending in a platform's name followed by a count.
@pytest.mark.parametrize("text, label", [
    ("Anonym zu sein hat das Reden möglich gemacht letztes Jahr.", "ell"),
    ("Im Chat war es leichter. Es ist 6 Mal passiert.", "eng"),
    ("Les élèves médiateurs au lycée ont été les premiers en qui j'ai eu confiance.", "por"),
    ("Για μένα το κουμπί αναφοράς της εφαρμογής αφαίρεσε γρήγορα την ανάρτηση.", "spa"),
    ("posso escrever à noite e com calma e bloquear a conta parou as mensagens depois das aulas",
     "ell"),
    ("Peer supporters at school were the first people I trusted.", "eng"),
    ("Bloquer le compte a arrêté les messages.", "fra"),
    ("nada", "eng"),
    ("Tenía miedo de que alguien en casa se enterara si llamaba en Instagram. Pasó 34 veces.", "spa"),
    ("Tinha medo de que alguém descobrisse no Instagram. Aconteceu 27 vezes.", "por"),
    ("Sie haben ein Foto von mir gestellt, für ein paar Tage.", "deu"),
])
def test_ordinary_words_of_the_texts_own_language_are_kept(text, label):
    out, n = _p()(text, label)
    assert n == 0, out


@pytest.mark.parametrize("text, label, expected", [
    ("Anonym zu sein hat das Reden möglich gemacht letztes Jahr.", "ell", "deu"),
    ("Για μένα το κουμπί αναφοράς αφαίρεσε γρήγορα την ανάρτηση.", "spa", "ell"),
    ("Les élèves médiateurs au lycée ont été les premiers en qui j'ai eu confiance.", "por", "fra"),
    # chat in Latin letters keeps its Greek or Arabic label; neighbours keep theirs
    ("ela re, o nikos mou egrapse pali sto insta kai den kserw ti na kanw", "ell", "ell"),
    ("ana ma 3reftch chno ndir m3a had lmochkil f la classe", "ara", "ara"),
    ("la meva amiga em va ajudar molt a casa", "spa", "spa"),
    ("Darius", "ron", "ron"),
    # the stop-word lists alone missed these (Romance function words overlap); Lingua is sure
    ("Per me gli account falsi dovrebbero essere tolti più in fretta dopo la scuola.", "ron", "ita"),
    ("Tinha medo de que alguém em casa descobrisse se eu ligasse num grupo.", "fra", "por"),
    ("Não sabia que serviço contactar no Instagram.", "fra", "por"),
    ("O botão de denunciar da app apagou a publicação depressa.", "ita", "por"),
    # ... and is overruled where the label's function words are more: chat French with a
    # name, an e-mail address and a URL reads as Portuguese to its character n-grams
    ("svp le dites à personne mais c'est Hugo Marchal qui fait ça, mail hugo.m07@gmail.com, "
     "insta https://instagram.com/h.marchal_07", "fra", "fra"),
])
def test_a_text_is_read_in_its_own_language_when_its_label_is_plainly_wrong(text, label, expected):
    from pipeline.pii.lexicon import text_language

    assert text_language(text, label) == expected


@pytest.mark.parametrize("text, label", [
    ("Per me gli account falsi dovrebbero essere tolti più in fretta dopo la scuola.", "ron"),
    ("Creo que un amigo debería saber cómo ayudar a alguien que sufre acoso.", "por"),
    ("Não sabia que serviço contactar no ano passado. Aconteceu 4 vezes.", "spa"),
    ("Sincer, liniile de ajutor ar trebui să fie deschise noaptea pe un grup.", "fra"),
    ("Acho que o botão de denunciar da app apagou a publicação depressa.", "ell"),
    ("Bloquear a conta parou as mensagens quando tinha 12 anos.", "ell"),
])
def test_ordinary_words_of_a_mislabelled_text_are_kept(text, label):
    """Found in a 100,000-note synthetic run, whose privacy gate then failed on these words in
    topic labels: 'falsi' and 'parou' as handles, 'debería', 'Não', 'Sincer' and 'botão' as
    persons (the last two notes are Portuguese labelled Greek)."""
    out, n = _p()(text, label)
    assert n == 0, out


def test_names_are_still_found_in_a_mislabelled_text():
    text = "Meine Freundin Hannah hat mir geholfen, als Jonas Becker mich beleidigt hat."
    found = [text[s:e] for s, e, _ in _p().spans(text, "ell")]
    assert "Hannah" in found and any("Jonas" in f for f in found), found


@pytest.mark.parametrize("text, language, value", [
    ("It happened 28 times. my friend Jack Becker helped me.", "eng", "Jack"),
    ("la mia amica Rose Bianchi mi ha aiutato", "ita", "Rose"),
    ("prietena mea Karen m-a ajutat", "ron", "Karen"),
])
def test_a_strong_cue_names_a_given_name_that_is_also_a_word(text, language, value):
    """'Jack' stayed beside its replaced surname in a synthetic note ('my friend Jack
    [PERSON_8]'): a word of the exception lists is a name after a strong cue."""
    out, _ = _p()(text, language)
    assert value not in out, out


def test_a_word_of_the_exception_lists_without_a_cue_stays():
    out, n = _p()("I will mark it in May, jack of all trades.", "eng")
    assert n == 0, out


def test_public_facts_lookups_follow_facts_added_after_first_use():
    """The lookup index (built once for speed: a scan of every name per note was quadratic)
    is rebuilt when callers add facts after it was first used."""
    facts = PublicFacts(names=["kalinga youth line"], numbers={"448081570123"})
    assert facts.spans("Call Kalinga Youth Line.") == [(5, 23)]
    assert facts.is_public_number("08081 570123") and not facts.is_public_number("0808 1570124")
    facts.names.append("linea amica")
    facts.numbers.add("0289401234")
    facts.urls.append("telefonoamico.example/chat")
    assert facts.spans("scrivi a Linea Amica") == [(9, 20)]
    assert facts.is_public_number("+39 02 8940 1234")
    assert facts.is_public_url("https://www.telefonoamico.example/chat/room")


def test_try_privacy_prints_each_sentence_pseudonymised_and_what_was_replaced(capsys, monkeypatch):
    import io

    from pipeline.cli import main

    assert main(["try-privacy", "--language", "ita", "Aurora dice che non è colpa mia."]) == 0
    monkeypatch.setattr(sys, "stdin", io.StringIO("Siri dice che piove.\n"))
    assert main(["try-privacy", "--language", "ita"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == ["[PERSON_1] dice che non è colpa mia.", "   PERSON 'Aurora'",
                     "Siri dice che piove.", "   (nothing replaced)"]


def test_try_privacy_refuses_an_unknown_language(capsys):
    from pipeline.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(["try-privacy", "--language", "english", "I told Sarah."])
    assert exit_.value.code == 2
    assert "invalid choice: 'english'" in capsys.readouterr().err
