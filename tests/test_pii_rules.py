"""General recogniser rules of the privacy stage (issue 7), each on sentences written for
this test: illustrative, invented people and places, in the survey's languages."""
import pytest

from pipeline.pii import Pseudonymiser


def _found(text: str, language: str) -> list[str]:
    return [text[s:e] for s, e, _ in Pseudonymiser(("GB", "ES", "IT", "RO", "PT")).spans(text, language)]


# Given names that are also the name of some language in ISO 639-3 ('Laura', 'Sara', 'Kinga')
# or a language's name in the note's language (Romanian 'georgiană') are names.
@pytest.mark.parametrize("text, language, value", [
    ("Ayer Sara me defendió delante de todos.", "spa", "Sara"),
    ("Poi Laura ha chiamato sua madre.", "ita", "Laura"),
    ("Ieri Sonia mi ha difeso.", "ita", "Sonia"),
    ("Kinga mi je pisala sinoči.", "slv", "Kinga"),
])
def test_a_given_name_that_is_also_a_language_name_is_a_name(text, language, value):
    assert value in _found(text, language)


@pytest.mark.parametrize("text, language", [
    ("We speak Thai at home.", "eng"),
])
def test_a_language_named_in_english_stays(text, language):
    assert _found(text, language) == []


# Common given names and short forms of each language that the multilingual dictionary lacks.
@pytest.mark.parametrize("text, language, value", [
    ("Davi começou a postar fotos minhas no grupo.", "por", "Davi"),
    ("Вчера Ксюша опять написала мне гадости.", "rus", "Ксюша"),
    ("Lautaro me sigue escribiendo por la noche.", "spa", "Lautaro"),
    ("Ožbej mi je poslal sporočilo.", "slv", "Ožbej"),
])
def test_common_given_names_of_each_language(text, language, value):
    assert value in _found(text, language)


# Country names in the notes' languages (CLDR names through langcodes), also after a short
# word that can stand before a name ('στη', 'a'), in a case form, and of several words.
@pytest.mark.parametrize("text, language", [
    ("Στη Γερμανία και στη Γαλλία οι νόμοι είναι καλύτεροι.", "ell"),
    ("A Alemanya i a França les lleis són millors.", "cat"),
    ("Sou cabo-verdiana e mandam-me voltar para Cabo Verde.", "por"),
    ("Moj brat radi u Švicarskoj, a sestra u Nizozemskoj.", "hrv"),
])
def test_country_names_stay(text, language):
    assert _found(text, language) == []


# A town's or club's name after a club supported or a comparison is no one's place; a public
# figure's name written in another script is still a public figure; a town's case form is no
# surname.
@pytest.mark.parametrize("text, language", [
    ("I support Liverpool and the other fans went mad at me online.", "eng"),
    ("Je suis supporter de Marseille, et on m'a harcelé pour ça.", "fra"),
    ("Navijam za Olimpijo in zato so me zmerjali.", "slv"),
    ("Όλες θέλουν να μοιάζουν με τα μοντέλα του Χόλιγουντ.", "ell"),
    ("Η Ελένη Φουρέιρα μίλησε για το bullying.", "ell"),
    ("Sve cure se uspoređuju s Parizom.", "hrv"),
])
def test_towns_and_public_names_used_as_words_stay(text, language):
    assert _found(text, language) == []
