"""General recogniser rules of the privacy stage (issue 7), each on sentences written for
this test: illustrative, invented people and places, in the survey's languages."""
import pytest

from pipeline.pii import Pseudonymiser


def _found(text: str, language: str) -> list[str]:
    return [value for value, _ in _found_kinds(text, language)]


def _found_kinds(text: str, language: str) -> list[tuple[str, str]]:
    """(value, kind) of every span found in ``text``."""
    return [(text[s:e], k) for s, e, k in Pseudonymiser(("GB", "ES", "IT", "RO", "PT")).spans(text, language)]


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


def _covered(text: str, language: str, value: str) -> bool:
    """Every character of ``value`` (but spaces and commas) is inside a replaced span."""
    start = text.index(value)
    pseudo = Pseudonymiser(("GB", "ES", "IT", "RO", "PT", "GR", "HR", "SI"))
    covered = {i for s, e, _ in pseudo.spans(text, language) for i in range(s, e)}
    return all(i in covered for i in range(start, start + len(value)) if text[i] not in " ,،–")


# Addresses whole: the postal code and town after them, a unit written before the street, the
# house number before a lower-case name, a Greek street name with its accent, a postal code
# that looks like a phone number, a street word after the name, a street after 'my address'.
@pytest.mark.parametrize("text, language, value", [
    ("Me mandó mi dirección: C/ Pez 5, 28004 Madrid. Me asusté.", "spa", "C/ Pez 5, 28004 Madrid"),
    ("Il m'a envoyé : 12 rue des Lilas, 75011 Paris.", "fra", "12 rue des Lilas, 75011 Paris"),
    ("Er schrieb: Hauptstraße 12, 10115 Berlin.", "deu", "Hauptstraße 12, 10115 Berlin"),
    ("Mi-a scris: Calea Moșilor 120, sector 2, București.", "ron", "Calea Moșilor 120, sector 2, București"),
    ("He sent me: Flat 4B, 19 Park Road.", "eng", "Flat 4B, 19 Park Road"),
    ("Il m'a envoyé mon adresse : 12 rue des lilas.", "fra", "12 rue des lilas"),
    ("Μου έγραψε: Ερμού 25, 105 63 Αθήνα.", "ell", "Ερμού 25, 105 63 Αθήνα"),
    ("Ele mandou: Rua das Flores 123, 4000-123 Porto.", "por", "Rua das Flores 123, 4000-123 Porto"),
    ("Он написал мой адрес: Садовая ул., 7.", "rus", "Садовая ул., 7"),
    ("Napisao mi je adresu: Ilica 45.", "hrv", "Ilica 45"),
    ("Mi ha scritto: via Manzoni 8, scala B, int. 5.", "ita", "via Manzoni 8, scala B, int. 5"),
    ("هو ساكن في شارع الملك فيصل، بلوك 3 وبيستناني", "ara", "شارع الملك فيصل، بلوك 3"),
    ("هو ساكن بشارع النيل 40 وبيستناني", "ara", "شارع النيل 40"),
    ("هو ساكن في زنقة المسيرة رقم 8، الدار البيضاء وبيستناني", "ara", "زنقة المسيرة رقم 8، الدار البيضاء"),
    ("μένει στην Ιπποκράτους 10-12 και με περιμένει", "ell", "Ιπποκράτους 10-12"),
    ("er wohnt in der Karl-Marx-Straße 12 und wartet", "deu", "Karl-Marx-Straße 12"),
    ("er wohnt in der Straße der Einheit 7 und wartet", "deu", "Straße der Einheit 7"),
    ("er wohnt in der Kaiserstraße 12a, 2. OG links und wartet", "deu", "Kaiserstraße 12a, 2. OG links"),
    ("vive en Calle 8 Sur #45-67 y me espera", "spa", "Calle 8 Sur #45-67"),
    ("mora na Avenida da Liberdade, 245 – 3º andar e fica lá", "por", "Avenida da Liberdade, 245 – 3º andar"),
    ("ele mora no Condomínio Solar, bloco 3, ap 42 e fica lá", "por", "Condomínio Solar, bloco 3, ap 42"),
    # after 'my address is' in any of its forms: a street name and number alone
    ("Adresa mi je Ilica 45, stan 3.", "hrv", "Ilica 45, stan 3"),
    ("adresa mea e Florilor 12 bloc 3", "ron", "Florilor 12 bloc 3"),
    ("il mio indirizzo è Manzoni 8, citofono Rossi", "ita", "Manzoni 8"),
    # Russian: the street type after the name in any case, a building ('корпус') after the number
    ("он живёт на Ленинском проспекте 32к1, я знаю", "rus", "Ленинском проспекте 32к1"),
    ("его дом на Лесной 14 к3, второй подъезд", "rus", "Лесной 14 к3"),
    # (a phone number right after the house number: the address is cut before it, not dropped)
    ("Mi dirección es Calle Mayor 5, 612 345 678 es mi móvil.", "spa", "Calle Mayor 5"),
    ("il mio indirizzo è Via Roma 12, 347 123 4567 il mio numero", "ita", "Via Roma 12"),
    ("I live at 27 Mill Lane, 07700 900123 is my number", "eng", "27 Mill Lane"),
    # (a flat or tower before the street, its number taken for the house number or given)
    ("I gave him Flat 12, Harrow Court, Gorsey Lane. I'm 13.", "eng", "Flat 12, Harrow Court, Gorsey Lane"),
    ("elles sont venues chez moi, tour 5, 10 rue Renoir, pour me consoler", "fra", "tour 5, 10 rue Renoir"),
    # (its flat number runs into what is read as a class: the address is kept whole)
    ("dona la seva adreça, passeig de Pere IV 80, 7è B. Demano ajuda.", "cat", "passeig de Pere IV 80, 7è B"),
])
def test_addresses_are_replaced_whole(text, language, value):
    assert _covered(text, language, value)


# Names named together ('X and Y'), a name in apposition before its class ('Tommaso, quello
# della 3B'), a first name after the article spoken usage puts before it, an Arabic family name
# after a given name, a surname after a Greek title written short ('ο κ.', 'η κα').
@pytest.mark.parametrize("text, language, value", [
    ("Ο κ. Παπαδόπουλος μας βοήθησε πολύ.", "ell", "Παπαδόπουλος"),
    ("Η κ. Αντωνίου μας μίλησε για το bullying.", "ell", "Αντωνίου"),
    ("Aurora e Ginevra hanno creato un gruppo contro di me.", "ita", "Aurora"),
    ("omar w Jad kenu yeb3atu voice notes", "ara", "omar"),
    ("Tommaso, quello della 3B, mi scrive sempre.", "ita", "Tommaso"),
    ("Mateo, el de 2ºB, me escribe siempre.", "spa", "Mateo"),
    ("Die Marie sagt, ich bin fett.", "deu", "Marie"),
    ("خطيبي السابق أحمد المصري نشر الصور.", "ara", "أحمد المصري"),
])
def test_names_in_context(text, language, value):
    assert any(value in f for f in _found(text, language))


# A given name that is also a word ('chiara' = clear, 'ελπίδα' = hope) is a name when it is
# capitalised inside a sentence; lower case, or first in a sentence, it stays a word.
@pytest.mark.parametrize("text, language, value", [
    ("Ne ho parlato con Chiara e con la prof.", "ita", "Chiara"),
    ("Se lo conté a Pilar y me ayudó.", "spa", "Pilar"),
    ("Χθες η Ελπίδα με υπερασπίστηκε μπροστά σε όλους.", "ell", "Ελπίδα"),
])
def test_a_name_that_is_also_a_word_capitalised_inside_a_sentence(text, language, value):
    assert value in _found(text, language)


@pytest.mark.parametrize("text, language", [
    ("Avevo la maglietta bianca e tutti ridevano.", "ita"),
    ("Ελπίδα δεν είχα καμία εκείνη την περίοδο.", "ell"),
])
def test_the_same_words_as_words_stay(text, language):
    assert _found(text, language) == []


# Shops and apps, cartoon characters, and a first name used as a type ('a Karen') stay.
@pytest.mark.parametrize("text, language", [
    ("Lo compré en Primark y luego en Bershka.", "spa"),
    ("Ich habe es bei Zalando gekauft.", "deu"),
    ("Je l'ai acheté chez Decathlon.", "fra"),
    ("Sie sagen, ich sehe aus wie Miss Piggy.", "deu"),
    ("Soy una Chonie cualquiera según ellos.", "spa"),
    ("My aunt says the neighbour is such a Karen.", "eng"),
])
def test_shops_characters_and_name_types_stay(text, language):
    assert _found(text, language) == []



# E-mail addresses with a two-part ending spelled out, a comma typed for the dot, and the
# Greeklish 'sto' for 'at'.
@pytest.mark.parametrize("text, language, value", [
    ("write to kate2009 at hotmail dot co dot uk", "eng", "kate2009 at hotmail dot co dot uk"),
    ("email: amy . jones @ yahoo . co . uk", "eng", "amy . jones @ yahoo . co . uk"),
    ("his email was tom.smith@gmail,com lol", "eng", "tom.smith@gmail,com"),
    ("to mail tou einai giorgos.m sto gmail", "ell", "giorgos.m sto gmail"),
])
def test_obfuscated_emails_whole(text, language, value):
    assert _covered(text, language, value)


# A short sentence is no word list and no Title Case text: the town in it is found
# ('Estudo em Sintra.'; German capitalises its nouns; Arabic has a function word); so is a town
# written in lower case right after an address, as chat writes it.
@pytest.mark.parametrize("text, language, value", [
    ("emfanistike ekso apo to spiti mou stin Egnatias 12 thessaloniki", "ell", "thessaloniki"),
    ("stau pe strada Florilor 5 iasi si toti stiu", "ron", "iasi"),
    ("Treffen am Bahnhof in Hildesheim.", "deu", "Hildesheim"),
    ("Estudo em Sintra.", "por", "Sintra"),
    ("احنا من طنطا", "ara", "طنطا"),
    ("Πάω σχολείο στο Χαλάνδρι.", "ell", "Χαλάνδρι"),
])
def test_towns_in_short_sentences(text, language, value):
    assert value in _found(text, language)


# Phone numbers dictated in tens and hundreds ('девятьсот шестнадцать', 'είκοσι τρία').
@pytest.mark.parametrize("text, language, value", [
    ("его номер восемь девятьсот шестнадцать сто двадцать три сорок пять шестьдесят семь", "rus",
     "восемь девятьсот шестнадцать сто двадцать три сорок пять шестьдесят семь"),
    ("ο αριθμός του είναι έξι εννιά επτά είκοσι τρία σαράντα πέντε εξήντα επτά", "ell",
     "έξι εννιά επτά είκοσι τρία σαράντα πέντε εξήντα επτά"),
])
def test_phone_numbers_dictated_in_tens_and_hundreds(text, language, value):
    assert _covered(text, language, value)



# A three-letter name that is also a country's ISO 3166 alpha-3 code ('Pol' POL, 'Ben' BEN,
# 'Mar' MAR) is a name; the code is a country only in capitals.
@pytest.mark.parametrize("text, language, value", [
    ("En Pol de 3r B em diu grassa cada dia a Instagram.", "cat", "Pol"),
    ("Das hat Ben wörtlich so geschrieben.", "deu", "Ben"),
])
def test_a_name_that_is_a_country_code_is_a_name(text, language, value):
    assert value in _found(text, language)


# A short cue that is no locative ('con', 'cu') names a given name that is also a country.
@pytest.mark.parametrize("text, language, value", [
    ("Hablé con Mauricio ayer.", "spa", "Mauricio"),
])
def test_a_given_name_that_is_a_country_after_with(text, language, value):
    assert value in _found(text, language)


# Street types of each language beyond the commonest ('chaussée', 'drève', 'sentier', 'praceta',
# 'ladeira', 'callejón', 'Privada', 'نهج', 'زقاق'), streets named after a date ('Av. 25 de
# Abril'), 's/n' for no number, the house number before the street's article ('au 21 de la
# rue'), and floors, sides and lots after the number ('4e étage gauche', 'cj. 82', 'km 3').
@pytest.mark.parametrize("text, language, value", [
    ("Il habite Chaussée de Wavre 212 à Ixelles, je passe devant.", "fra", "Chaussée de Wavre 212"),
    ("Sa mère habite drève des Marronniers 14 et elle m'a suivie.", "fra", "drève des Marronniers 14"),
    ("il m'attend au 9 ruelle du Puits le soir", "fra", "9 ruelle du Puits"),
    ("Il a posté que j'habite au 21 de la rue Gambetta.", "fra", "21 de la rue Gambetta"),
    ("Ils ont écrit : 8 bd Saint-Michel, 4e étage gauche.", "fra", "8 bd Saint-Michel, 4e étage gauche"),
    ("Ele publicou: Praceta Almeida Garrett, 4, 3º esq.", "por", "Praceta Almeida Garrett, 4, 3º esq"),
    ("ela mora na Ladeira do Castelo, 33, e eu passo lá", "por", "Ladeira do Castelo, 33"),
    ("o endereço dele é Av. 25 de Abril, 10, 4.º Esq.", "por", "Av. 25 de Abril, 10, 4.º Esq"),
    ("mora na Rua das Acácias, s/n, e todos sabem", "por", "Rua das Acácias, s/n"),
    ("ele mora na Alameda Itu, 1000, cj. 82 e eu também", "por", "Alameda Itu, 1000, cj. 82"),
    ("a casa fica na Estrada Velha 505, km 3, perto da ponte", "por", "Estrada Velha 505, km 3"),
    ("me siguió hasta Privada de los Cedros 14 y me grabó", "spa", "Privada de los Cedros 14"),
    ("vive en el Callejón del Agua 3 con su tía", "spa", "Callejón del Agua 3"),
    ("puso mi dirección: Calle 2 de Mayo 45, 3ºB", "spa", "Calle 2 de Mayo 45, 3ºB"),
    ("vive en el número 12 de la calle Ferraz, lo sabe todo el mundo", "spa", "12 de la calle Ferraz"),
    ("vive en Fracc. Las Palmas, calle Robles 45", "spa", "Fracc. Las Palmas, calle Robles 45"),
    ("ساكن في نهج الحرية عدد 12، وكل يوم يستناني", "ara", "نهج الحرية عدد 12"),
    ("بيته في زقاق البلاط، بناية سعد", "ara", "زقاق البلاط، بناية سعد"),
    ("يسكن في حارة السقايين، بيت رقم 5 وبيستناني", "ara", "حارة السقايين، بيت رقم 5"),
    ("عنوانه: ميدان الجيزة، عمارة 3، الدور الرابع", "ara", "ميدان الجيزة، عمارة 3، الدور الرابع"),
])
def test_street_types_of_each_language(text, language, value):
    assert _covered(text, language, value)


# ... but a street word followed within a few words by a number is no address when a
# sentence runs between them, or when the word is an everyday word at a sentence's start;
# a square named alone is a public place. (The first two failed before this rule; the others
# guard the street words it added.)
@pytest.mark.parametrize("text, language", [
    ("A praça estava cheia, eram umas 200 pessoas.", "por"),
    ("Por el camino de vuelta eran 3 chicos.", "spa"),
    ("On a fait une promenade de 3 heures avec ma classe.", "fra"),
    ("J'ai pris le sentier du bas et ils étaient 4 à m'attendre.", "fra"),
    ("Diagonal 2 del examen no la entendí.", "spa"),
    ("Tengo una cuenta privada con 300 seguidores.", "spa"),
    ("نهج الوزارة في التعامل مع التنمر ضعيف.", "ara"),
    ("كورنيش النيل جميل في الليل.", "ara"),
])
def test_street_words_in_ordinary_sentences_stay(text, language):
    assert _found(text, language) == []


# Brazilian and Portuguese addresses to their end: the district before the town and the state
# after it ('Paraíso, São Paulo - SP', 'Curitiba/PR'), a district name with 'da', the floor
# after 'n.º 15, 1.º', 'número 10' as the house number.
@pytest.mark.parametrize("text, language, value", [
    ("Ele postou: Rua Cel. Lisboa, 45, Vila Mariana, São Paulo - SP. Que medo.", "por",
     "Rua Cel. Lisboa, 45, Vila Mariana, São Paulo - SP"),
    ("Ele postou: Rua Padre Anchieta, nº 150, Bairro Alto da Glória, Curitiba/PR", "por",
     "Rua Padre Anchieta, nº 150, Bairro Alto da Glória, Curitiba/PR"),
    ("a minha casa é na Rua José Estêvão, n.º 15, 1.º andar, e ele sabe", "por",
     "Rua José Estêvão, n.º 15, 1.º andar"),
    ("o meu vizinho mora na rua Quinze de Novembro número 10", "por", "rua Quinze de Novembro número 10"),
])
def test_portuguese_addresses_to_their_end(text, language, value):
    assert _covered(text, language, value)


# Arabic addresses: a street named after a person with 'بن' or a title ('شارع عقبة بن نافع',
# 'شارع الأميرة عالية'), after a date ('شارع 23 يوليو'), a building with the article before its
# number ('بالعمارة 5'), a district named with its word after or before ('، مدينة نصر', 'الحي
# الحسني، ...'), 'الرقم 19'.
@pytest.mark.parametrize("text, language, value", [
    ("عنواني: شارع عقبة بن نافع، بناية 12، والكل عرف", "ara", "شارع عقبة بن نافع، بناية 12"),
    ("ساكن في جبل عمان، شارع الأميرة عالية", "ara", "شارع الأميرة عالية"),
    ("عنوانها: شارع 23 يوليو، الدقي", "ara", "شارع 23 يوليو، الدقي"),
    ("هو ساكن فوق عندنا بالعمارة 5 وبيستناني", "ara", "العمارة 5"),
    ("ساكن في 14 شارع مكرم عبيد، مدينة نصر", "ara", "14 شارع مكرم عبيد، مدينة نصر"),
    ("ساكنة في الحي الحسني، زنقة 23، رقم 7 وكيتبعني", "ara", "الحي الحسني، زنقة 23، رقم 7"),
    ("كتب عنواني: تجزئة الأمل، الزنقة 4، الرقم 19 فالتعليق", "ara", "تجزئة الأمل، الزنقة 4، الرقم 19"),
])
def test_arabic_addresses_whole(text, language, value):
    assert _covered(text, language, value)


# (a guard: the article is read before a building's number only, 'الساحة' is 'the playground')
@pytest.mark.parametrize("text, language", [
    ("كيصور البنات ف الساحة وكيحطهم ف الستوري", "ara"),
])
def test_arabic_playground_is_no_street(text, language):
    assert _found(text, language) == []


# Towns named as part of a club's name, a fashion week, a club's shirt or a product, and
# continents and world regions (CLDR's names of UN M49 regions), are no one's place.
@pytest.mark.parametrize("text, language", [
    ("Mi hermano es del Real Madrid y yo del Atlético de Madrid.", "spa"),
    ("Ele só fala do Manchester City na escola.", "por"),
    ("Sono dell'Inter ma tutti in classe tifano Milan.", "ita"),
    ("Todas quieren desfilar en la Semana de la Moda de Milán.", "spa"),
    ("Con la maglia del Napoli mi hanno insultato.", "ita"),
    ("Il mio panino era col prosciutto di Parma e mi hanno filmata.", "ita"),
    ("Me encanta el jamón de Jabugo y me llamaron cerda por comerlo.", "spa"),
    ("Ich bin Fan von Borussia Dortmund und die Bayern-Fans hassen mich.", "deu"),
    ("Na Europa e na América Latina é igual.", "por"),
    ("Mi familia es de Sudamérica y me insultan.", "spa"),
    ("In Europa e in America è uguale.", "ita"),
    ("U Europi i Americi je isto.", "hrv"),
])
def test_towns_in_clubs_products_and_world_regions_stay(text, language):
    assert _found(text, language) == []


# Towns after a locative as chat writes it in Latin letters (Greek 'sthn', Arabic 'ana men'),
# after German 'von', in brackets after a place word, and an Arabic town with its shadda
# ('عمّان', Amman, not 'عمان', Oman).
@pytest.mark.parametrize("text, language, value", [
    ("o Nikos menei sthn Thessaloniki me th mama tou", "ell", "Thessaloniki"),
    ("ana men Tanger w kolchi kay3ref", "ara", "Tanger"),
    ("Wir sind von Paderborn nach Bielefeld gezogen.", "deu", "Paderborn"),
    ("Sa il mio nome e il quartiere (Pigneto) dove abito.", "ita", "Pigneto"),
    ("أدرس في مدرسة خاصة في عمّان", "ara", "عمّان"),
])
def test_towns_after_chat_locatives_and_brackets(text, language, value):
    assert value in _found(text, language)


# Surnames with their particle ('Marco De Santis', 'Juan Carlos de la Fuente'; not 'di Roma'),
# double first names with a hyphen ('Marie-Sophie'), a Latin-letter Greek article before a
# lower-case name in Greek chat ('h eleni'); a surname that is also a frequent word, where
# nouns are written in lower case ('Kralj' is 'king', 'Blanco' 'white'; not in English).
@pytest.mark.parametrize("text, language, value", [
    ("Sošolec Matej Kralj mi piše grde stvari.", "slv", "Matej Kralj"),
    ("Mi amigo Pablo Blanco me ayudó mucho.", "spa", "Pablo Blanco"),
    ("Si chiama Marco De Santis e abita vicino a me.", "ita", "Marco De Santis"),
    ("Se llama Juan Carlos de la Fuente y vive en mi calle.", "spa", "Juan Carlos de la Fuente"),
    ("Marie-Sophie und Lea-Marie haben mich ausgelacht.", "deu", "Marie-Sophie"),
    ("sto sxoleio h eleni mou leei oti eimai xontri kai ola ta paidia gelane", "ell", "eleni"),
    ("xthes o panos mou egrapse asxhma pragmata sto insta", "ell", "panos"),  # no 'Panoor'
])
def test_surname_particles_double_names_and_greek_chat_articles(text, language, value):
    assert value in _found(text, language)


# The noun 'class' written next to a class reference is replaced with it, a school with its
# ordinal in the Greek genitive, and a class with the school named after it.
@pytest.mark.parametrize("text, language, value", [
    ("baietii din clasa a VII-a B imi scriu urat", "ron", "clasa a VII-a B"),
    ("curama iz 2.b razreda šalje poruke", "hrv", "2.b razreda"),
    ("Ich bin in der Klasse 8b und alle lachen.", "deu", "Klasse 8b"),
    ("я учусь в 9 «Б» классе и меня дразнят", "rus", "9 «Б» классе"),
    # and a Greek school's ordinal in the genitive ('του 3ου Λυκείου')
    ("Οι μαθητές του 3ου Λυκείου Πάτρας με κοροϊδεύουν.", "ell", "3ου Λυκείου Πάτρας"),
    ("η διευθύντρια της 5ης Δημοτικού μας είπε", "ell", "5ης Δημοτικού"),
    # a class and the school named right after it are one span
    ("I am in 8B at Holgate Academy and they laugh at me", "eng", "8B at Holgate Academy"),
    ("ich bin in der 6b an der Gesamtschule am Park", "deu", "6b an der Gesamtschule am Park"),
])
def test_a_class_with_its_noun_and_a_greek_school_ordinal_whole(text, language, value):
    assert value in _found(text, language)


# (a guard for the Greek chat article: 'ton lene' is 'they call him', and Lene a town)
def test_a_word_after_a_greeklish_article_that_is_a_town_stays():
    assert _found("sto sxoleio ton lene fytoukli kai gelane oloi", "ell") == []


# (a guard for the surnames that are words, above)
def test_an_english_capitalised_word_after_a_name_stays_apart():
    assert _found("My friend Emma English teacher said to report it.", "eng") == ["Emma"]


# (a guard for the particles, above)
def test_a_lower_case_particle_before_a_town_is_no_surname():
    assert "Marco di Roma" not in _found("Ho conosciuto Marco di Roma al campo estivo.", "ita")


# A South Slavic town of two words that the gazetteer lacks, found by its first word, is
# replaced whole ('Murske Sobote'); an Arabic district named after a title
# and a name ('حي الشيخ جراح').
@pytest.mark.parametrize("text, language, value", [
    ("Doma sem iz Murske Sobote, zdaj živim drugje.", "slv", "Murske Sobote"),
    ("هو من حي الشيخ جراح وبيبعتلي كل يوم", "ara", "حي الشيخ جراح"),
])
def test_two_word_towns_and_districts_whole(text, language, value):
    assert _covered(text, language, value)


# Apps, games and shops young people name are brands, not people or places.
@pytest.mark.parametrize("text, language", [
    ("Me escribía por Glovo y luego por CapCut todas las noches.", "spa"),
    ("Mi scriveva su Canva e su Genshin ogni sera.", "ita"),
    ("Vendía mis fotos por Milanuncios y por Avito.", "spa"),
])
def test_more_apps_and_shops_are_brands(text, language):
    assert _found(text, language) == []


# A brand of several words is kept whole: its second word alone read as a town or a surname
# ('Stars', 'Mail'), in the case forms of the inflected languages too.
@pytest.mark.parametrize("text, language", [
    ("Netko mi je ukrao Brawl Stars račun i sad piše gluposti.", "hrv"),
    ("Prodaje kodove za gemove u Brawl Starsu svima iz razreda.", "hrv"),
    ("Prodaja številke za gemse v Brawl Stars.", "slv"),
    ("Взломал мой аккаунт в Brawl Stars и продал его.", "rus"),
    ("The text pretended to be Royal Mail and asked for my card.", "eng"),
])
def test_brands_of_several_words_stay_whole(text, language):
    assert _found(text, language) == []


# Greek spells '@' out as 'στο' (at), which is also 'on the': a function word before it and a
# mail provider is a sentence, not a mail address ('my account on Gmail').
@pytest.mark.parametrize("text, language, kept", [
    ("Ο λογαριασμός μου στο Gmail χακαρίστηκε χθες.", "ell", "Gmail"),
    ("Έχω λογαριασμό στο Hotmail από πέρσι.", "ell", "Hotmail"),
])
def test_a_function_word_before_a_spelled_out_at_is_no_mail_address(text, language, kept):
    assert not any(kept in f for f in _found(text, language))


# 'number 12' after a street, the Russian house and micro-district in the locative ('в доме 5',
# 'в микрорайоне Солнечный, дом 3'), the French 'Rés.' for résidence.
@pytest.mark.parametrize("text, language, value", [
    ("I live on Elm Street, number 12, and he knows it.", "eng", "Elm Street, number 12"),
    ("она живёт в доме 5 по улице Гагарина", "rus", "доме 5"),
    ("живу в микрорайоне Солнечный, дом 3, и он знает", "rus", "микрорайоне Солнечный, дом 3"),
    ("il habite Rés. Les Pins, bât. 4 et il m'attend", "fra", "Rés. Les Pins, bât. 4"),
])
def test_house_numbers_and_estates_in_words(text, language, value):
    assert _covered(text, language, value)


# A street named in lower case without a number, right after a verb of living; not the
# street word alone ('mora na rua' is 'lives on the street'; these two are guards).
@pytest.mark.parametrize("text, language, value", [
    ("il habite rue des lilas avec sa mère", "fra", "rue des lilas"),
    ("ela mora na rua das flores perto da escola", "por", "rua das flores"),
    ("abita in via garibaldi vicino alla scuola", "ita", "via garibaldi"),
    ("visc al carrer de la riera amb la mare", "cat", "carrer de la riera"),
])
def test_lower_case_street_after_a_verb_of_living(text, language, value):
    assert _covered(text, language, value)


@pytest.mark.parametrize("text, language", [
    ("ele mora na rua e fica lá a noite toda", "por"),
    ("vive en la calle y no tiene casa", "spa"),
])
def test_living_on_the_street_is_no_address(text, language):
    assert _found(text, language) == []


# A public figure's name stays even when a fan's handle is made of it, and no street is read in
# a stage name with a number; a contact containing a public figure's name is still replaced.
@pytest.mark.parametrize("text, language, kept, replaced", [
    ("Los fans de Rosalía son majos, pero una cuenta, @rosalia_fan_09, me insultó.", "spa",
     "Rosalía", "@rosalia_fan_09"),
    ("Die Songs von Apache 207 mag ich, deswegen hat mich einer auf Insta gedisst.", "deu",
     "Apache 207", None),
    ("He wrote from mrbeast.prizes.uk@outlook.com that I had won, like MrBeast does.", "eng",
     "MrBeast", "mrbeast.prizes.uk@outlook.com"),
])
def test_public_figures_stay_but_contacts_named_after_them_go(text, language, kept, replaced):
    found = _found(text, language)
    assert not any(kept in f for f in found)
    if replaced:
        assert replaced in found


def test_a_public_service_name_matches_whole_words_only():
    from pipeline.pii import PublicFacts

    facts = PublicFacts(names=["anar"])
    text = "Llamé a ANAR. Bananarama is a band."
    assert [text[s:e] for s, e in facts.spans(text)] == ["ANAR"]


# An address dictated with spaces in its name part, in the note's words for 'at' and 'dot'
# (Greeklish 'papaki', 'teleia'); the words introducing it stay.
@pytest.mark.parametrize("text, language, value, kept", [
    ("mi correo es marta g 2011 arroba gmail punto com, escribidme", "spa",
     "marta g 2011 arroba gmail punto com", "correo"),
    ("schreibt mir: jonas punkt weber 07 at web punkt de", "deu",
     "jonas punkt weber 07 at web punkt de", "mir"),
    ("to mail mou einai sofia99 papaki yahoo teleia gr", "ell", "sofia99 papaki yahoo teleia gr", "einai"),
])
def test_spelled_out_address_with_spaces_in_its_name(text, language, value, kept):
    found = _found(text, language)
    assert value in found
    assert not any(kept in f for f in found)


# Schools named with a hyphenated compound, Greeklish and transliterated Russian school words.
@pytest.mark.parametrize("text, language, value", [
    ("Seit dem Sommer bin ich am Heinrich-Heine-Gymnasium und alle lachen.", "deu",
     "Heinrich-Heine-Gymnasium"),
    ("eimai sto 2o Lykeio Kalamatas kai me koroidevoun", "ell", "2o Lykeio Kalamatas"),
    ("ya uchus v shkole 218 i tam menya travyat", "rus", "shkole 218"),
])
def test_school_names_in_compounds_and_latin_letters(text, language, value):
    assert value in _found(text, language)


# Public names (pipeline/pii/public_names.yaml) in their case forms stay; a street named after
# a public figure is still an address; a dictionary word that is no given name, at a sentence's
# start or after 'call me', is no person for the NER model either.
@pytest.mark.parametrize("text, language, kept", [
    ("Svi u razredu gledaju Andrewa Tatea i misle da su frajeri.", "hrv", "Andrewa Tatea"),
    ("Ascult Delia Matache și colegii râd de mine.", "ron", "Delia Matache"),
    ("Сделали фейк под Моргенштерна и просили деньги.", "rus", "Моргенштерна"),
    ("Since June they call me Noodle in class.", "eng", "Noodle"),
    # the epithet's second word is a word of the language, though the name lists hold it too
    ("Ils m'appellent « Gros Lard » devant toute la classe.", "fra", "Gros Lard"),
    # a final vowel replaced: Croatian instrumental of 'Messi', genitive of 'Luka Modrić'
    ("Zezaju me jer nosim dres s Messijem na leđima.", "hrv", "Messijem"),
    ("Rekao je da je rođak od Luke Modrića i da ima karte.", "hrv", "Luke Modrića"),
    ("Смеются, что я фанатка Инстасамки.", "rus", "Инстасамки"),
])
def test_public_names_and_words_stay(text, language, kept):
    assert not any(kept in f or f in kept for f in _found(text, language))


def test_a_given_name_or_a_town_like_a_public_name_is_not_taken_for_its_case_form():
    # 'Adela' and 'Adelina' are names, not forms of 'Adele'; 'Ungheni' is a town, not 'Unge'
    assert "Adelina" in _found("Ieri Adelina mi-a scris din nou pe Instagram.", "ron")
    assert "Ungheni" in _found("Liceul din Ungheni a facut o ora despre asta.", "ron")


def test_a_street_named_after_a_public_figure_is_an_address():
    assert "ул. Ленина 12" in _found("Он живёт на ул. Ленина 12, я его знаю.", "rus")


# The name part of an address or a profile link recurs as a name: a given name in any case,
# another word capitalised; the address's domain and the link's site never do.
@pytest.mark.parametrize("text, language, value", [
    ("Rosa ha scritto cose orribili, il suo profilo è instagram.com/rosa.bianchi_07", "ita", "Rosa"),
    ("Moj broj je 091 888 0202 i mail kiki.zd@hotmail.com. Kiki ovdje, s Trsata.", "hrv", "Kiki"),
])
def test_the_name_in_a_contact_recurs(text, language, value):
    assert value in _found(text, language)


def test_a_contact_domain_is_no_name():
    text = "Natale scorso mi hanno scritto da premi@auguri-natale.info per un regalo."
    assert "Natale" not in _found(text, "ita")


# Parks and shopping centres where someone is found; a town after an elided 'd''; case forms
# with Romanian articles and the South Slavic fleeting vowel; a town that is also a surname's
# form after 'из'; Greek 'από τα'.
@pytest.mark.parametrize("text, language, value", [
    ("il m'attend tous les soirs au parc de la Citadelle après le collège", "fra", "parc de la Citadelle"),
    ("siempre está en el centro comercial La Vaguada con sus amigos", "spa", "centro comercial La Vaguada"),
    ("ne vedem mereu în Parcul Tineretului după ore", "ron", "Parcul Tineretului"),
    ("he waits for me outside Riverside Mall every Friday", "eng", "Riverside Mall"),
    ("sóc la Marta d'Igualada i em fan bullying", "cat", "Igualada"),
    ("on je iz Siska i piše mi svaki dan", "hrv", "Siska"),
    ("toată lumea din centrul Brașovului știe", "ron", "Brașovului"),
    ("Από τα Τρίκαλα ήρθαμε πέρσι και κανείς δεν μου μιλάει", "ell", "Τρίκαλα"),
])
def test_parks_malls_and_town_forms(text, language, value):
    assert value in _found(text, language)


# Addresses: an abbreviated unit keeps its dot; Catalan middle dot; Italian 'vico'; German
# '-hof' streets; English 'Side'; Russian and Greek streets in Latin letters.
@pytest.mark.parametrize("text, language, value", [
    ("a minha tia mora na Rua do Sol, 22, 3º dto., e sabem disso", "por", "Rua do Sol, 22, 3º dto."),
    ("viu al carrer de la Col·legiata 14 amb la seva mare", "cat", "carrer de la Col·legiata 14"),
    ("sta in vico Lungo 7 vicino a me", "ita", "vico Lungo 7"),
    ("der wohnt im Lindenhof 12 gleich neben uns", "deu", "Lindenhof 12"),
    ("they found out I live at 12 Mill Side, Halifax", "eng", "12 Mill Side, Halifax"),
    ("on zhivet na ulitse Gagarina 15, ya znayu", "rus", "ulitse Gagarina 15"),
    ("menei Ermou 44 konta sto spiti mou", "ell", "Ermou 44"),
])
def test_more_address_forms(text, language, value):
    assert value in _found(text, language)


# What someone is called after a name-calling cue is no person, unless it is a given name
# ('Με λένε Χαρά' is 'my name is Chara').
@pytest.mark.parametrize("text, language, kept", [
    ("au facut grup pe whatsapp unde ma numesc Slănina si pun poze", "ron", "Slănina"),
    ("ston Ilir ton lene Vlacho kathe mera", "ell", "Vlacho"),
])
def test_what_someone_is_called_stays(text, language, kept):
    assert not any(kept in f for f in _found(text, language))


def test_a_given_name_after_my_name_is_still_a_name():
    assert "Δανάη" in _found("Με λένε Δανάη και είμαι 14 χρονών.", "ell")


# Phone numbers dictated in words: German compounds, English 'hundred', Greeklish, digits
# joined by hyphens (Catalan), Slovenian 'nula'; gamer tags framed by x's; a spelled-out
# address whose name part holds a dot word that is also a stop word ('ponto').
@pytest.mark.parametrize("text, language, value", [
    ("ruft an unter null eins fünf zwei, sechs sieben, einundvierzig, neunzehn", "deu",
     "null eins fünf zwei, sechs sieben, einundvierzig, neunzehn"),
    ("call me on oh seven nine double two, eight hundred, four five one", "eng",
     "oh seven nine double two, eight hundred, four five one"),
    ("pare me sto 69 77 saranta ena 20 15", "ell", "69 77 saranta ena 20 15"),
    ("truca'm al sis-set-u 448 902", "cat", "sis-set-u 448 902"),
    ("pokliči me na nula tri ena 555 818", "slv", "nula tri ena 555 818"),
    ("the one who did it plays as xXshadowkidXx on Fortnite", "eng", "xXshadowkidXx"),
    ("escrevam para ana ponto lima 09 arroba gmail ponto com", "por",
     "ana ponto lima 09 arroba gmail ponto com"),
])
def test_numbers_in_words_gamer_tags_and_spelled_addresses(text, language, value):
    assert value in _found(text, language)


def test_a_case_form_of_a_public_name_that_is_a_given_name_is_a_name():
    # ('Jul' is a rapper; the case forms of the inflected languages would also read 'Julie')
    assert "Julie" in _found("Julie iz 7.b mi piše svaki dan.", "hrv")


# A sentence's first word is capitalised whatever it is: a given name there that is also an
# English word ('Lucky', 'Dusty'), joined by 'and' to a name written in lower case, is a second
# person (chat writes names in lower case).
@pytest.mark.parametrize("text, language, value", [
    ("Lucky und jannis aus dem block haben eine gruppe gemacht", "deu", "Lucky"),
    ("Dusty et jannis de la cité ont créé un groupe", "fra", "Dusty"),
    ("Lucky y jannis del barrio hicieron un grupo", "spa", "Lucky"),
    ("Dusty e jannis do bairro fizeram um grupo", "por", "Dusty"),
])
def test_a_sentence_initial_name_joined_to_a_lower_case_name(text, language, value):
    assert value in _found(text, language)


# A note that opens in lower case: a frequent given name ('pablo', also read as a word) joined
# by 'and' to a rarer one is a second person, though only the rarer is capitalised for reading.
@pytest.mark.parametrize("text, language, value", [
    ("pablo y hugo de mi clase me llaman foca en el grupo", "spa", "pablo"),
    ("luca e matteo della 2B mi prendono in giro ogni giorno", "ita", "luca"),
])
def test_a_frequent_lower_case_name_joined_to_a_name_in_a_lower_case_note(text, language, value):
    assert value in _found(text, language)


# A bracket right after a name that describes the person (a role, a relation, an e-mail address
# that begins with the name) makes a given name that is also a word a name, at a sentence start too.
@pytest.mark.parametrize("text, language, value", [
    ("Grace (my form tutor in 10B) was actually good about it.", "eng", "Grace"),
    ("Nieves (la orientadora del instituto) se portó genial.", "spa", "Nieves"),
    ("Chiara (la mia prof di italiano) mi ha aiutata.", "ita", "Chiara"),
    ("Mo (mo.h@outlook.example) from my road is getting threats.", "eng", "Mo"),
])
def test_a_name_described_in_brackets_is_a_name(text, language, value):
    assert value in _found(text, language)


@pytest.mark.parametrize("text, language", [
    ("Summer (2019) was the worst year.", "eng"),
    ("Paris (la ville) me fait peur.", "fra"),
])
def test_a_bracket_after_a_year_or_a_town_names_no_one(text, language):
    assert _found(text, language) == []


# What someone calls themself names them: 'es fa dir', 'se hace llamar', 'se faz chamar'.
@pytest.mark.parametrize("text, language, value", [
    ("a Discord hi ha un noi que es fa dir Pitu i m'escriu cada nit", "cat", "Pitu"),
    ("en Discord hay un tipo que se hace llamar Rayo y me escribe", "spa", "Rayo"),
    ("no Discord um cara que se faz chamar Trovão me escreve", "por", "Trovão"),
])
def test_what_someone_calls_themself_is_a_name(text, language, value):
    assert value in _found(text, language)


# A town named in answer to 'where do you live' is a place, in lower case too.
@pytest.mark.parametrize("text, language, value", [
    ("a man on a game asked where i live so i told him grimsby", "eng", "grimsby"),
    ("er wollte wissen wo ich wohne, ich hab recklinghausen geschrieben", "deu", "recklinghausen"),
    ("il voulait savoir où j'habite et j'ai répondu tourcoing", "fra", "tourcoing"),
    ("me preguntó dónde vivo y le contesté getafe", "spa", "getafe"),
    ("quis saber onde eu moro e eu respondi guarulhos", "por", "guarulhos"),
])
def test_a_town_answering_where_someone_lives_is_a_place(text, language, value):
    assert value in _found(text, language)


def test_phone_matchers_read_only_digit_runs_and_find_what_the_whole_text_gives():
    """`phones` runs phonenumbers' matcher (one per region) only where 7+ digits run, with
    their context: the same numbers at the same places as over the whole text (the directory's
    public facts took 20.6 s at 10,000 services reading every text whole, 1.4 s so)."""
    import phonenumbers

    from pipeline.config import load_params
    from pipeline.pii.recognisers import phones

    regions = load_params().privacy.phone_regions
    text = ("Suna-ma la 0722 123 456 sau scrie pe WhatsApp. Tel. (020) 7946-0958 ext. 123; "
            "+34 612 345 678, 06 12 34 56 78! " + "ni un chiffre ici " * 100
            + "appelle le +33 1 45 39 40 00 ou ٠٦١٢٣٤٥٦٧٨; 2024-11-05, 120 notes")
    whole = {(m.start, m.end) for r in regions
             for m in phonenumbers.PhoneNumberMatcher(text, r, leniency=phonenumbers.Leniency.POSSIBLE)
             if sum(c.isdigit() for c in m.raw_string) >= 7}
    found = {(s, e) for s, e, _ in phones(text, regions)}
    assert len(whole) >= 5
    assert whole <= found


def test_a_note_in_another_language_does_not_unload_the_english_model():
    """The trained pipelines are cached by model: notes in German or Italian between English
    ones once evicted the English model, which was loaded again 22 times in 600 notes."""
    from pipeline.pii.recognisers import _ner

    english = _ner("eng")
    for language in ("deu", "ita", "fra", "ron", "spa"):
        _ner(language)
    assert _ner("eng") is english and _ner("deu") is None


@pytest.mark.parametrize("text, language, city", [
    ("vesteixo com si visqués a Nova York i diuen que soc una pija", "cat", "Nova York"),
    ("volim modu kao na tjednu mode u Parizu i zbog toga me zovu Barbika", "hrv", "Parizu"),
    ("pošiljajo linke za karte za finale v Münchnu, zato sem jezna", "slv", "Münchnu"),
    ("rada imam modo kot na tednu mode v Milanu, zato me kličejo Barbika", "slv", "Milanu"),
    ("er wäre model agent in New York. Sie ist 13.", "deu", "New York"),
    ("il disait qu'il était agent de mannequins à New York. Elle a 13 ans.", "fra", "New York"),
])
def test_a_city_of_the_wider_world_after_in_is_neither_place_nor_person(text, language, city):
    """A large city (500,000+ people) of no country where the note's language is official,
    after 'in' or 'to', names where a dream, a fashion week or a scammer's story is, not where
    a child lives (the second development set: 17 of 71 such mentions were replaced)."""
    start = text.index(city)
    spans = Pseudonymiser(("GB", "ES", "DE", "FR", "HR", "SI")).spans(text, language)
    assert not [s for s in spans if s[0] < start + len(city) and start < s[1]]


@pytest.mark.parametrize("text, language, value", [
    ("Ich wohne in München und gehe aufs Gymnasium.", "deu", "München"),   # the note's own country
    ("Bila sam kod Milana jučer i on me udario.", "hrv", "Milana"),         # at Milan's: a person
    ("Jučer me Milan udario u školi pred svima.", "hrv", "Milan"),
    ("živim v Münchnu že dve leti, sošolka Ana me zmerja", "slv", "Münchnu"),  # a place cue
])
def test_a_large_foreign_city_still_counts_where_it_names_a_person_or_where_one_lives(
        text, language, value):
    start = text.index(value)
    spans = Pseudonymiser(("GB", "ES", "DE", "FR", "HR", "SI")).spans(text, language)
    assert any(s <= start and start + len(value) <= e for s, e, _ in spans)


def test_an_inflected_town_is_the_gazetteer_town_it_shares_most_with():
    """'Münchnu' (Slovene locative) is München, not Muncar, which the first guess gave."""
    from pipeline.pii.lexicon import town

    assert town("Münchnu", True) == "munchen"
    assert [town(w, True) for w in ("Zadru", "Karlovcu", "Clujului")] == ["zadar", "karlovac", "cluj"]


@pytest.mark.parametrize("text, language, value, found", [
    ("γράφουν ότι πρέπει να γυρίσει στη Συρία, μου είπε η Ελένη", "ell", "Συρία", False),
    ("το είπα στη Μαρία και με βοήθησε", "ell", "Μαρία", True),
])
def test_a_country_named_like_a_person_after_in_is_the_country(text, language, value, found):
    """'Syria', 'Jordan', 'Georgia' are given names too; after 'in' ('στη', which also holds an
    article and so named a person) they are the country."""
    assert (value in _found(text, language)) is found


# Arabic notes: names that are words too ('أمل' hope, 'منى' wishes) before a relation, after
# a teacher's abbreviated title or a four-letter cue; a kunya ('father of') with its name; and
# Arabic chat in Latin letters (Arabizi), whose digits stand for letters ('Mo7amed').
@pytest.mark.parametrize("text, value", [
    ("نشرت أمل بنت خالي صوري على تيك توك بدون إذني", "أمل"),
    ("قلت للمرشدة أ. منى إن في ولد بيضايقني", "منى"),
    ("جارنا أبو خالد بيصورنا من البلكونة", "أبو خالد"),
    ("Mo7amed ibn 3ammi byeb3atli kol yom", "Mo7amed"),
    ("ana esmi salma w 3andi 14 sana", "salma"),
    ("sakna f share3 el tahrir 12 w kolhom 3arfeen", "share3 el tahrir 12"),
    ("ana w Mo7sen ro7na el madrasa", "Mo7sen"),   # not 'Mo' alone
    # a digit first introducing the writer ('I am …, from …'), and a rare capitalised
    # spelling joined by 'and' to a name found
    ("ana 7amza men Jenin, 15 sana, wa7ed 3amel 7esab bi esmi", "7amza"),
    ("ana 3abdallah, 13 sana, fi wa7ad bib3atli", "3abdallah"),
    ("kano bye7ko 3anni ma3 Lina w Rawad kol yom", "Rawad"),
])
def test_arabic_names_and_addresses_in_context(text, value):
    assert _covered(text, "ara", value)


@pytest.mark.parametrize("text, word", [
    ("رحنا في فرح بنت خالي وصوروني وأنا برقص", "فرح"),   # at my cousin's wedding
    ("ana sa3eed enharda 3ashan nege7t", "sa3eed"),         # 'happy', in lower case
    ("3ala tiktok kolhom byet2amaro 3alaya", "3ala"),        # 'on'
    ("Sa3eed ba3atli tani. bas ana msh sa3eed", "sa3eed"),   # the name recurs capitalised only
    ("نور من السعودية كتبتلي", "نور"),                      # 'from' a country, not a class
    ("sa7bti esmaha 3abeer w hiya bteshtemni", "esmaha"),   # 'her name', after 'my friend'
    ("ana 3ayza a3raf a3mel eh", "3ayza"),                  # 'I want': no 'from', age or comma
])
def test_arabic_words_that_spell_names_stay(text, word):
    assert not any(word in found for found in _found(text, "ara"))


# Large Arab cities with names of three letters ('فاس' Fès, 'حلب' Aleppo, 'غزة' Gaza) are towns;
# a word that is also one stays ('من كسل', out of laziness: Kassala is 'كسل').
@pytest.mark.parametrize("text, found", [
    ("انا من فاس وعمري 14 سنة", "فاس"),
    ("أهلي ساكنين في حلب من زمان", "حلب"),
    ("احنا في غزة والنت مقطوع", "غزة"),
    ("ما رحت المدرسة من كسل وبس", None),
])
def test_arab_cities_of_three_letters(text, found):
    assert _found(text, "ara") == ([found] if found else [])


def test_an_arabizi_name_found_after_a_cue_recurs_in_lower_case():
    assert _found("esmo 5aled w 5aled darabni", "ara") == ["5aled", "5aled"]


# Russian chat in Latin letters: a dictionary name in lower case, which is no word of a
# Latin-script language nor a Russian function word, names someone.
@pytest.mark.parametrize("text, found", [
    ("mne vchera pisal kostya i ugrozhal chto vylozhit foto", ["kostya"]),
    ("vchera mne napisala polina chto vse znayut", ["polina"]),
    ("ya ne znayu chto delat mne ochen ploho", []),
    ("mne pisala vera chto vse znayut", []),   # 'vera' (Вера) is 'faith' too
])
def test_names_in_transliterated_russian_chat(text, found):
    assert _found(text, "rus") == found


# Towns of 5,000 to 14,999 people (GeoNames; the gazetteer starts at 15,000): found after a
# locative, as written or in a case form one letter off; a word that is near such a town's
# name without a locative ('Чучело', near 'Чучер'), or two letters off ('Srbije', near
# 'Srbica'), stays.
@pytest.mark.parametrize("text, language, value", [
    ("Ivan iz Omiša mi stalno piše gluposti.", "hrv", "Omiša"),
    ("Sem iz Vrhnike in v šoli me zmerjajo.", "slv", "Vrhnike"),
    ("Fant iz Kočevja mi pošilja slike.", "slv", "Kočevja"),
    # (a town named in the plural, in the plural locative: Jesenice, Žiri, Kaštela)
    ("Živim z babico na Jesenicah in ne upam ven.", "slv", "Jesenicah"),
    ("Predlagal je, da se dobiva v Žireh v soboto.", "slv", "Žireh"),
    ("Mi živimo u Kaštelima i on to zna.", "hrv", "Kaštelima"),
])
def test_small_towns_after_a_locative(text, language, value):
    assert value in _found(text, language)


@pytest.mark.parametrize("text, language, word", [
    ("Егорка называет меня Чучело в чате.", "rus", "Чучело"),
    ("En tip iz Srbije mi piše v cirilici.", "slv", "Srbije"),
    ("Na počitnicah smo bili v trgovinah in na plažah.", "slv", "trgovinah"),
])
def test_words_near_a_small_towns_name_stay(text, language, word):
    assert word not in _found(text, language)


# A place cue of a verb and its preposition, in a note written without capitals ('zhivu v',
# Russian chat in Latin letters), makes a lower-case town a place; a district's further
# capitalised words after a cue are part of it, even when its first word is also a name.
@pytest.mark.parametrize("text, language, value", [
    ("on vsem skazal chto ya zhivu v podolske", "rus", "podolske"),
    ("howa kaysken f Sidi Moumen w kay3ref dari", "ara", "Sidi Moumen"),
    ("I live in Canning Town with my mum and she works late", "eng", "Canning Town"),
    ("البنت دي ساكنة بالدقي وبتعرف بيتي", "ara", "بالدقي"),   # 'ب' written onto the district
])
def test_a_town_or_district_after_a_residence_cue_is_replaced_whole(text, language, value):
    assert value in _found(text, language)


@pytest.mark.parametrize("text, language, word", [
    ("Stau la camin de luni si colega mea e de treaba.", "ron", "camin"),   # a cased note
    ("sve cure kod zena imaju isti problem", "hrv", "zena"),             # 'kod' alone: 'at'
    ("هو ساكن بجوارنا وبيضايقني كل يوم", "ara", "بجوارنا"),                # 'next to us'
])
def test_a_lower_case_word_after_a_weak_cue_or_in_a_cased_note_stays(text, language, word):
    assert word not in " ".join(_found(text, language))


# A name given in a game or an app that is shaped like a username is a handle, after a short
# filler too ('is', 'é'); a hyphen joins a tag's parts, not a word's ('well-known').
@pytest.mark.parametrize("text, language, value", [
    ("if u want to find me in the game my name is Wolf-2011", "eng", "Wolf-2011"),
    ("no jogo o meu nome é xX_Lev_Xx e ele me acha sempre", "por", "xX_Lev_Xx"),
    ("his insta is dariuspopa2009 and he posts about me", "eng", "dariuspopa2009"),
])
def test_a_username_after_a_name_or_account_word_and_a_short_filler(text, language, value):
    assert value in _found(text, language)


def test_a_hyphenated_word_after_an_account_word_stays():
    assert _found("his account is well-known in school", "eng") == []


# Everyday words after an article, a translation's untranslated function words and large
# cities are no one's name: each of these was replaced in real survey answers or in the second
# development set before (the body 'cos' after 'el'; 'que' left in an English translation;
# 'New York' in a simile; 'Nueva York' in a scam story, Spanish being only regional in the US).
@pytest.mark.parametrize("text, language", [
    ("Sempre critiquen el cos de les noies a internet, la qual cosa fa mal.", "cat"),
    ("girls said i was fat que asco parece que ha pasado and laughed", "eng"),
    ("they laugh and say i sound like a New York gangster", "eng"),
    ("Un señor le decía a mi prima que era agente de modelos en Nueva York.", "spa"),
])
def test_words_after_an_article_function_words_and_large_cities_stay(text, language):
    assert _found(text, language) == []


def test_a_lower_case_name_after_an_article_is_still_a_name():
    assert "núria" in _found("ahir la núria em va escriure coses lletges", "cat")


def test_a_frequent_name_after_an_article_in_lower_case_chat_is_a_name():
    assert "maria" in _found("ahir la maria em va escriure coses lletges", "cat")


# What an address word announces is an address, without a street word the patterns know,
# in capitals too; an address word before words and an age or a year announces none.
@pytest.mark.parametrize("text, language, value", [
    ("He asked for our home address, which is Flat 4, 18 Kingsway, Hove. Please help", "eng",
     "Flat 4, 18 Kingsway"),
    ("va penjar la meva adreça, bloc 4, escala B, 5è 2a, a la story", "cat", "bloc 4, escala B, 5è 2a"),
    ("OBJAVILI SU MOJU ADRESU, VUKOVARSKA 23 U GRUPI", "hrv", "VUKOVARSKA 23"),
    ("ΕΓΡΑΨΑΝ ΚΑΙ ΤΗ ΔΙΕΥΘΥΝΣΗ ΜΟΥ, ΑΓΙΟΥ ΔΗΜΗΤΡΙΟΥ 47 ΣΤΟ ΣΧΟΛΕΙΟ", "ell", "ΑΓΙΟΥ ΔΗΜΗΤΡΙΟΥ 47"),
])
def test_what_an_address_word_announces_is_an_address(text, language, value):
    assert any(value in found for found in _found(text, language))


@pytest.mark.parametrize("text, language", [
    ("my address is private, I am 14 and scared", "eng"),
    ("my address changed in 2019 when we moved", "eng"),
    ("mi dirección es secreta, tengo 13 años", "spa"),
])
def test_an_address_word_before_an_age_or_a_year_announces_no_address(text, language):
    assert _found(text, language) == []


# Phone numbers dictated in number words: Catalan 'vint-i-tres', Slovene 'dvaindvajset' and
# hundreds ('tristo', 'sto'), Croatian hundreds, Greek teens ('δεκαεννιά').
@pytest.mark.parametrize("text, language, value", [
    ("el meu mòbil, sis-sis-u, vint-i-tres, quaranta-cinc, seixanta-set. No sé què fer", "cat",
     "sis-sis-u, vint-i-tres, quaranta-cinc, seixanta-set"),
    ("zapisala sem: nič štirideset, tristo dvaindvajset, sto petinštirideset. Pravi, da", "slv",
     "nič štirideset, tristo dvaindvajset, sto petinštirideset"),
    ("zapisala sam: nula devedeset osam, sto dvadeset tri, četrdeset pet, šezdeset sedam.", "hrv",
     "nula devedeset osam, sto dvadeset tri, četrdeset pet, šezdeset sedam"),
    ("μου είπε: εξήντα εννιά, εβδομήντα ένα, σαράντα τέσσερα, τριάντα δύο, δεκαεννιά.", "ell",
     "εξήντα εννιά, εβδομήντα ένα, σαράντα τέσσερα, τριάντα δύο, δεκαεννιά"),
    ("njegova številka je nič štiri ena dve tri štiri pet šest, pokliči", "slv",
     "nič štiri ena dve tri štiri pet šest"),   # Slovene 'dve', two (feminine)
])
def test_phone_numbers_dictated_in_number_words(text, language, value):
    assert value in _found(text, language)


def test_counted_things_are_no_phone_number():
    assert _found("tengo dos hermanos, tres primos y cinco gatos y un perro", "spa") == []


def test_a_spelled_out_at_before_a_plain_address_leaves_the_address_whole():
    text = "ζητησε βιντεο με μαγιο στο casting.kids.gr@gmail.com. ειναι 12"   # 'στο' is 'at' too
    assert "casting.kids.gr@gmail.com" in _found(text, "ell")


# A shouted note is read like lower-case chat: its given names and towns are found, its
# capitalised ordinary words are not names.
@pytest.mark.parametrize("text, language, values", [
    ("WHY DOES EVERYONE IN 8R CALL ME FATTY?? MASON AND RHYS STARTED IT IN SEPTEMBER", "eng",
     ["MASON", "RHYS"]),
    ("NU MAI SUPORT!!! BOGDAN SI VLAD MA STRIGA TOCILARU", "ron", ["BOGDAN", "VLAD"]),
    ("SIE HABEN MEIN INSTA GEHACKT!! ICH WOHN IN MARZAHN UND KEINER HILFT MIR", "deu", ["MARZAHN"]),
    ("MY STEPDAD GARETH HITS ME WHEN MUM IS OUT", "eng", ["GARETH"]),
])
def test_names_and_towns_in_a_shouted_note(text, language, values):
    found = _found(text, language)
    assert all(v in found for v in values) and "SEPTEMBER" not in found and "STRIGA" not in found


# The writer's own name after 'I am' when a comma, an age or 'from' follows.
@pytest.mark.parametrize("text, language, value", [
    ("مرحبا، أنا ريم من جدة وعمري ١٤", "ara", "ريم"),
    ("marhaba ana Lama 12 sneen w fi wa7ad bi7ki ma3i", "ara", "Lama"),
    ("Hi, I am Chloe, 14, and someone made a fake page of me", "eng", "Chloe"),
])
def test_the_writers_name_after_i_am(text, language, value):
    assert value in _found(text, language)


@pytest.mark.parametrize("text, language", [
    ("أنا خايفة من الناس في المدرسة", "ara"),
    ("Ich bin Fan von Borussia Dortmund und die Bayern-Fans hassen mich.", "deu"),
    ("I am sad, from all this", "eng"),
])
def test_i_am_before_a_word_names_no_one(text, language):
    assert _found(text, language) == []


# Catalan, Portuguese and Greek put an article before a first name: capitalised inside a
# sentence after one, a given name that is also a word is the name; a weekday or a quoted
# insult after an article is not.
@pytest.mark.parametrize("text, language, value", [
    ("el meu padrastre llegeix els missatges amb la meva nòvia, la Mar, cada nit", "cat", "Mar"),
    ("desde ontem a Luz não fala comigo por causa das fotos", "por", "Luz"),
])
def test_a_given_name_that_is_a_word_after_a_personal_article(text, language, value):
    assert value in _found(text, language)


@pytest.mark.parametrize("text, language, word", [
    ("Η μαμά μου λέει να πάμε στην αστυνομία την Παρασκευή.", "ell", "Παρασκευή"),
    ("Al grup em diuen 'la Karen' de la classe perquè aviso la tutora", "cat", "Karen"),
])
def test_a_weekday_or_a_quoted_insult_after_an_article_stays(text, language, word):
    assert word not in _found(text, language)


# A sentence written in lower case is chat: a town in lower case after a verb of living and its
# preposition is a place there, even in a note that opens with a capital, and even a large
# city's name that is no word of the language; a word after such a cue stays a word.
@pytest.mark.parametrize("text, language, value", [
    ("Mam found the chats last night. we live in gateshead and he said he'd come", "eng", "gateshead"),
    ("Il a vu les messages hier soir. on habite à marseille et il lui promet tout", "fra", "marseille"),
])
def test_a_lower_case_town_after_a_verb_of_living_in_a_lower_case_sentence(text, language, value):
    assert value in _found(text, language)


def test_a_word_after_a_verb_of_living_in_a_lower_case_sentence_stays():
    assert _found("Ma sœur a peur. on habite à côté de l'école et il attend devant", "fra") == []


# Arabic writes 'and' onto a residence cue ('وساكنة في') and Maghrebi chat says 'ساكن ف'.
@pytest.mark.parametrize("text, value", [
    ("عندي ١٤ سنة وساكنة في المعادي. في حد عامل أكونت باسمي", "المعادي"),
    ("أنا عندي 13 عام، ساكن ف سلا. واحد كيضربني", "سلا"),
])
def test_an_arabic_residence_cue_with_a_clitic_or_a_maghrebi_preposition(text, value):
    assert value in _found(text, "ara")


# A holiday's or school trip's destination and a club named by its town after an article
# (Spanish, Catalan, Italian cities take none) locate no one; a town after a verb of living does.
@pytest.mark.parametrize("text, language, word", [
    ("durante la gita a Firenze un compagno mi ha filmata in bagno", "ita", "Firenze"),
    ("en las vacaciones en Benidorm mi ex subió nuestras fotos", "spa", "Benidorm"),
    ("el meu cosí és del Madrid i m'insulta per ser del Barça", "cat", "Madrid"),
    ("decía que jugaba en la cantera del Valencia y me pidió fotos", "spa", "Valencia"),
])
def test_a_holiday_destination_or_a_club_locates_no_one(text, language, word):
    assert word not in " ".join(_found(text, language))


def test_a_town_after_a_verb_of_living_is_still_a_place():
    assert "Rimini" in _found("Abito a Rimini con mia nonna e lui lo sa", "ita")


# A school's number belongs to its name; German classes run past 'd'.
@pytest.mark.parametrize("text, language, value", [
    ("sunt la Școala Gimnazială Nr. 5 din Slatina.", "ron", "Școala Gimnazială Nr. 5"),
    ("Vamos a la Escuela Normal N° 7 en Lanús.", "spa", "Escuela Normal N° 7"),
    ("Mehmet und Yusuf aus der 8e haben meine Trinkflasche versteckt", "deu", "8e"),
])
def test_school_numbers_and_german_classes(text, language, value):
    assert value in _found(text, language)


def test_no_after_a_school_name_is_no_number():
    assert "Holgate Academy" in _found("I go to Holgate Academy. No one helps me", "eng")


# A school named after a street or park is the school; Arabic chat names schools in Latin
# letters, in English or French.
@pytest.mark.parametrize("text, language, value", [
    ("We go to Wyndham Park School and they wait for me after class", "eng", "Wyndham Park School"),
    ("ena fel Lycée Pilote Sfax w kol chay ychoufou", "ara", "Lycée Pilote Sfax"),
    ("e7na f Nile International School w el banat bey2olo", "ara", "Nile International School"),
])
def test_schools_named_after_a_park_or_in_latin_letters_in_arabic_chat(text, language, value):
    assert value in _found(text, language)


# Lower-case chat names a school with an abbreviation or an ordinal; a school word alone
# before a verb or a noun names none.
@pytest.mark.parametrize("text, language, value", [
    ("da ga bodo pretepli pred oš tabor in ga kličejo cigan", "slv", "oš tabor"),
    ("menei patra k paei 5o gymnasio patras. kanonika tha tou milisw", "ell", "5o gymnasio patras"),
    ("3 paidia ap to epal neas ionias k traviksan video", "ell", "epal neas ionias"),
])
def test_a_lower_case_school_name_in_chat(text, language, value):
    assert value in _found(text, language)


@pytest.mark.parametrize("text, language", [
    ("de la scoala vazuse tot si nu a zis nimic", "ron"),
    ("i go to school safeguarding lessons every week", "eng"),
])
def test_a_lower_case_school_word_alone_names_no_school(text, language):
    assert _found(text, language) == []


# A given name in a list of what someone is called is an insult there, and in the
# respondent's translation of it, which drops the list's commas; not in an ordinary sentence.
def test_a_name_in_a_list_of_insults_stays_in_the_note_and_its_translation():
    p = Pseudonymiser(("PT",))
    spans = p.group_spans([("baleia, Carla, gorda, vara de pescar, nojenta", "por"),
                           ("whale carla fat fishing rod disgusting", "eng")])
    assert spans == [[], []]


def test_a_name_after_such_as_in_a_list_of_insults_stays():
    # an item may open with 'such as', 'like' or 'and' ('tais Carla'), never with a verb
    p = Pseudonymiser(("PT",))
    spans = p.group_spans([("chamam-me baleia, como Joana, gorda, vara, nojenta", "por"),
                           ("they call me whale like joana fat stick disgusting", "eng")])
    assert spans == [[], []]


def test_a_name_between_commas_in_a_sentence_is_still_a_name():
    found = _found("buna, sunt Andreea, am 14 ani si un baiat din clasa, Rares, mi-a facut cont fals", "ron")
    assert "Andreea" in found and "Rares" in found


def test_a_full_name_in_a_shouted_note():
    assert "KYLAN MORTBY" in _found("KYLAN MORTBY KEEPS SENDING ME PICS AND I HATE IT", "eng")


@pytest.mark.parametrize("text, language, value", [
    ("soy lucía, 14 años y me escriben cosas feas", "spa", "lucía"),
    ("salut sunt ilinca, 14 ani si un baiat imi scrie", "ron", "ilinca"),
])
def test_the_writers_name_after_i_am_in_lower_case_chat(text, language, value):
    assert value in _found(text, language)


def test_a_word_after_i_am_in_lower_case_chat_stays():
    assert _found("soy fea, lo sé, y todos me lo dicen", "spa") == []


# Arabic given names beyond the hand-made list come from arabic-name-romanizer's Wikidata
# index; many are words too, so they count only where the context announces a name.
@pytest.mark.parametrize("text, value", [
    ("السلام عليكم، أنا سندس، ١٥ سنة، وواحد بيبعتلي رسايل", "سندس"),     # after 'I am'
    ("عهود جارتي شافت الصور على السناب", "عهود"),                       # a relation after it
    ("امبارح ياسين وتغريد نشروا صورتي في الجروب", "تغريد"),    # 'and' written onto it
    ("اشتكيت للأستاذ جيهان بس ما عملت شي", "جيهان"),                    # 'to the teacher'
    ("بعت الصورة لصديقتها مشاعل", "مشاعل"),                             # 'to her friend'
])
def test_arabic_given_names_of_the_name_index_in_context(text, value):
    assert value in _found(text, "ara")


@pytest.mark.parametrize("text", [
    "طلب مني الرقم وبعدين هددني",      # 'مني' (from me) is also the name Muna
    "لو حابين تتواصلوا معي ابعتوا",     # 'لو' (if) ends in 'و' (and), a cue
    "أنا بخير، ١٤ سنة وما في شي",       # no name after 'I am'
])
def test_arabic_words_of_the_name_index_stay_without_context(text):
    assert _found(text, "ara") == []


# A town's district joined by a hyphen; a town right after the writer's age or school, however
# large ('Казань' has a million people: beside a school number it still locates the child).
@pytest.mark.parametrize("text, language, value", [
    ("meine cousine wohnt in Duisburg-Marxloh und hat das video gesehen", "deu", "Duisburg-Marxloh"),
    ("Leon aus Essen-Katernberg schreibt mir jeden Tag", "deu", "Essen-Katernberg"),
    ("Меня зовут Ася, 15 лет, Новосибирск. Мне пишут гадости", "rus", "Новосибирск"),
    ("Wir sind in der 7c, Geschwister-Scholl-Gymnasium, Bochum.", "deu", "Bochum"),
    ("soy Marta, 13 años, Zaragoza, y me acosan en Instagram", "spa", "Zaragoza"),
])
def test_a_district_of_a_town_and_a_town_after_an_age_or_a_school(text, language, value):
    assert (value, "PLACE") in _found_kinds(text, language)


def test_a_large_city_after_an_age_opening_a_sentence_is_not_taken_for_the_writers_town():
    assert "London" not in [v for v, k in _found_kinds("I am 14, London is where my dad works", "eng")
                            if k == "PLACE"]


# Greek chat in Latin letters (Greeklish) drops the preposition after a verb of living.
@pytest.mark.parametrize("text, value", [
    ("kalhspera, menw larisa k ena paidi m stelnei mhnumata", "larisa"),
    ("h kolliti m menei kavala k th vriskoun sto insta", "kavala"),
])
def test_a_town_after_a_greeklish_verb_of_living(text, value):
    assert (value, "PLACE") in _found_kinds(text, "ell")


def test_a_word_after_a_greeklish_verb_of_living_stays():
    assert _found("simera menw spiti giati fovamai", "ell") == []


# A holiday or season after a word of time is a time, even where the note names someone so.
@pytest.mark.parametrize("text, language, word", [
    ("Seit Weihnachten schreibt er mir. Im Winter hat Lea Winter alles gepostet.", "deu", "Im Winter"),
    ("Me insultan desde Semana Santa y nadie hace nada.", "spa", "Semana Santa"),
    ("Od Uskrsa mi piše svaki dan, a za Božić je poslao sliku.", "hrv", "Božić"),
    ("poslednie mesyacy, posle Novogo goda, on pishet mne", "rus", "Novogo goda"),
    ("ça dure depuis la Toussaint et je dors plus", "fra", "Toussaint"),
])
def test_a_holiday_after_a_word_of_time_stays(text, language, word):
    assert not any(f in word or word in f for f in _found(text, language) if f != "Lea Winter")


def test_a_person_named_like_a_holiday_is_still_found():
    assert "Crăciun" in _found("După Crăciun, domnul Crăciun ne-a dat teme.", "ron")
    assert "Noël" in _found("J'ai tout raconté à Noël, mon grand frère, hier soir.", "fra")
    assert "Lea Winter" in _found("Im Winter hat Lea Winter alles gepostet.", "deu")


# What someone is called: after an article ('le Tricheur'), three words joined by 'de'
# ('Tête de Craie'), and after cues for a third person ('calling her', 'называют её').
@pytest.mark.parametrize("text, language, word", [
    ("Maintenant on m'appelle le Tricheur, et personne ne m'aide.", "fra", "Tricheur"),
    ("Adesso mi chiamano Faccia di Tolla e ridono tutti.", "ita", "Faccia di Tolla"),
    ("the boys keep calling him Fish Boy at lunch", "eng", "Fish Boy"),
    ("В классе называют её Каланча и смеются.", "rus", "Каланча"),
    ("o nikos m fwnazei Fafoutis kathe mera", "ell", "Fafoutis"),
])
def test_what_someone_is_called_after_an_article_or_a_third_person_cue_stays(text, language, word):
    assert not any(f in word or word in f for f in _found(text, language))


def test_a_given_name_after_a_calling_cue_and_an_article_is_still_a_name():
    assert "Maria" in _found("Ela disse que o professor chama a Maria todos os dias.", "por")


# A Croatian or Slovene surname in '-ić', '-ič' opening a note; a diminutive stays.
@pytest.mark.parametrize("text, language, value", [
    ("Zupančič spet deli moje slike po Viberju.", "slv", "Zupančič"),
    ("Kovačič mi ves čas piše grde stvari.", "slv", "Kovačič"),
    ("Jurkovič mi je poslal grdo sporočilo.", "slv", "Jurkovič"),
])
def test_a_south_slavic_surname_opening_a_sentence(text, language, value):
    assert value in _found(text, language)


# A Spanish surname in '-ez' after an accented vowel, alone, even one that is also a town.
@pytest.mark.parametrize("text, language, value", [
    ("Fernández sigue pasando mis fotos.", "spa", "Fernández"),
    ("Y luego Rodríguez me mandó otro audio.", "spa", "Rodríguez"),
    ("Martínez em va enviar les fotos.", "cat", "Martínez"),
])
def test_a_spanish_surname_in_ez_alone(text, language, value):
    assert value in _found(text, language)


def test_spanish_words_in_ez_are_no_surnames():
    assert _found("La rapidez y la timidez no son lo mismo, dijo el juez.", "spa") == []


def test_a_short_word_in_ic_opening_a_sentence_is_no_surname():
    assert _found("Bratić mi je rekao da ne brinem.", "hrv") == []


# An epithet of two words: a given name and an ordinary word ('Pepa Pig'), or a word and a
# second word that is no given name ('Cheaty McCheatface').
@pytest.mark.parametrize("text, language, words", [
    ("Adesso tutti mi chiamano Ciccio Bomba in classe.", "ita", ("Ciccio", "Bomba")),
    ("Des de llavors tothom em diu Pepa Pig a l'escola.", "cat", ("Pepa", "Pig")),
    ("Now people call me Cheaty McCheatface at school.", "eng", ("Cheaty", "McCheatface")),
    ("Ils disent que je suis une Sale Bledarde.", "fra", ("Sale", "Bledarde")),
])
def test_an_epithet_of_two_words_stays(text, language, words):
    assert not any(w in f for f in _found(text, language) for w in words)


@pytest.mark.parametrize("text, language, name", [
    ("Ils disent que je suis une amie de Chloé Dubois.", "fra", "Chloé Dubois"),
    ("I prof mi chiamano Giulia Esposito.", "ita", "Giulia Esposito"),
    ("Ils m'appellent Lucas Martin au collège.", "fra", "Lucas Martin"),
    ("Em diuen Pau Vidal i visc a Reus.", "cat", "Pau"),
    ("They call me Lazy Marko at school and laugh.", "eng", "Marko"),
])
def test_a_name_after_a_calling_cue_stays_a_name(text, language, name):
    assert any(name in f for f in _found(text, language))


# Class references as schools write them in each system, also shouted or in lower-case chat.
@pytest.mark.parametrize("text, language, value", [
    ("ILS SONT TOUS DE LA 4E3 ET PERSONNE NE DIT RIEN", "fra", "4E3"),
    ("les filles de la 2nde 6 ont partagé la photo", "fra", "2nde 6"),
    ("mon petit frère est en CE2 et il a peur", "fra", "CE2"),
    ("TODO MUNDO DO 9º ANO B VIU A FOTO", "por", "9º ANO B"),
    ("eu estudo no 6º c e eles riem de mim", "por", "6º c"),
    ("TOATA CLASA A 8-A B A VAZUT POZA", "ron", "CLASA A 8-A B"),
    ("fi wa7ad bel EB7 C 3am yib3atli", "ara", "EB7 C"),
    ("ana f 1bac SE 2 w kayn wa7d", "ara", "1bac SE 2"),
    ("kayna wa7da f 3AM1 katsabni", "ara", "3AM1"),
])
def test_class_references_of_each_school_system(text, language, value):
    assert value in _found(text, language)


def test_a_conjunction_after_a_school_year_is_no_class_letter():
    found = _found("adiciona os do 5º ano e manda coisas horríveis", "por")
    assert "5º ano" in found and "5º ano e" not in found


# A given name before 'from my class' is a classmate, even a name that is also a word.
@pytest.mark.parametrize("text, language, value", [
    ("Luz de mi clase me manda audios horribles.", "spa", "Luz"),
    ("Hope from my class keeps posting my pics.", "eng", "Hope"),
    ("Jake iz razreda mi pošilja grde slike.", "slv", "Jake"),
])
def test_a_name_before_from_my_class_is_a_classmate(text, language, value):
    assert value in _found(text, language)


def test_a_word_before_from_my_class_stays():
    assert _found("Nadie de mi clase me habla.", "spa") == []


# A town that speech or manners are compared with names no one's home.
@pytest.mark.parametrize("text, language, word", [
    ("Se burlan de mí porque hablo como alguien de Jerez.", "spa", "Jerez"),
    ("il dit que je parle comme quelqu'un de Roubaix", "fra", "Roubaix"),
    ("Pravi se kao da je odrasla u Beču, a nije.", "hrv", "Beču"),
    ("Они говорят, что у меня акцент как из Ростова.", "rus", "Ростова"),
])
def test_a_town_in_a_comparison_of_speech_stays(text, language, word):
    assert not any(word in f for f in _found(text, language))


# Diminutives of given names where the language makes them with an ending.
@pytest.mark.parametrize("text, language, value", [
    ("o joão e o luisinho ficam me zoando no grupo", "por", "luisinho"),
    ("Ayer Danielito me mandó fotos feas", "spa", "Danielito"),
    ("Русланчик из 7 «Б» выложил моё фото", "rus", "Русланчик"),
])
def test_a_diminutive_of_a_given_name_is_a_name(text, language, value):
    assert value in _found(text, language)


@pytest.mark.parametrize("text, language", [
    ("ele comprou um carrinho novo e um cafezinho", "por"),
    ("me mandó un gatito bonito por whatsapp", "spa"),
    ("mou stelnei sto kinito kathe vrady", "ell"),
])
def test_a_word_with_a_diminutive_ending_stays(text, language):
    assert _found(text, language) == []


def test_the_word_after_a_relation_in_apposition_after_an_arabic_name_is_no_name():
    # 'Nouf my friend, her phone was stolen': the relation names Nouf, not the verb after it
    found = _found("نوف صاحبتي انسرق تلفونها امبارح", "ara")
    assert "نوف" in found and "انسرق" not in found


# The writer's name after a closing formula at the note's end ('Un saludo, …', 'Lg', 'Hvala'),
# with every surname.
@pytest.mark.parametrize("text, language, value", [
    ("No sé qué hacer con las fotos. Saludos, Inés Carrasco Vidal (15 años)", "spa", "Inés Carrasco Vidal"),
    ("No sé què fer amb les fotos. Salutacions, Aina Ferrer Bosch (15 anys)", "cat", "Aina Ferrer Bosch"),
    ("Ne znam kome se obratiti. Hvala unaprijed! Petra 😢", "hrv", "Petra"),
    ("Τι να κάνω; Ευχαριστώ, Ηλέκτρα", "ell", "Ηλέκτρα"),
])
def test_a_name_after_a_closing_formula_at_the_end_is_the_writer(text, language, value):
    assert _covered(text, language, value)


@pytest.mark.parametrize("text, language", [
    ("They keep laughing at me. Thanks, everyone", "eng"),
    ("Me ayudó mucho hablar con alguien. Gracias, Mamá.", "spa"),
    ("Il m'a bloqué partout. Merci d'avance", "fra"),
])
def test_a_word_after_a_closing_formula_stays(text, language):
    assert _found(text, language) == []


# The speakers of a chat pasted into a note are people, and so is their name where it recurs.
@pytest.mark.parametrize("text, language, values", [
    ("Print do grupo:\nBia: olha a foto dela 😂\nTiago: manda no grupo da turma", "por", ["Bia", "Tiago"]),
    ("what they wrote / Kenzie: shes so fake lol / Tayla: send it to everyone / Kenzie: done", "eng",
     ["Kenzie", "Tayla"]),
    ("سارة: شفتوا الصورة؟  ليان: هههه انشروها", "ara", ["سارة", "ليان"]),
    ("Snimka iz grupe: Dora: vidi ovo 😂 Lovro M.: pošalji dalje", "hrv", ["Dora", "Lovro M."]),
])
def test_the_speakers_of_a_pasted_chat_are_people(text, language, values):
    assert all(_covered(text, language, v) for v in values)


@pytest.mark.parametrize("text, language", [
    ("Nota: ya lo hablé con mi madre. Pregunta: ¿qué hago ahora?", "spa"),
    ("Aus unserer Klassengruppe: alle lachen. Betreff: Mobbing", "deu"),
    ("الإيميل: مش عارفة أرجعه", "ara"),
])
def test_a_label_before_a_colon_that_names_no_one_stays(text, language):
    assert _found(text, language) == []


# A title's case forms and abbreviations, and a pupil's or teacher's role, name the person.
@pytest.mark.parametrize("text, language, value", [
    ("Meine Mama hat gestern mit Herrn Kowalczyk telefoniert.", "deu", "Kowalczyk"),
    ("mi ha aiutato tanto la dott.ssa Bellini della scuola", "ita", "Bellini"),
    ("my school counselor mrs okafor helped me block him", "eng", "okafor"),
    ("Pomagala mi je svetovalna delavka ga. Kranjc.", "slv", "Kranjc"),
    ("Mon prof de sport, M. Lefort, en a parlé à toute la classe.", "fra", "Lefort"),
])
def test_a_name_after_a_title_or_a_role(text, language, value):
    found = _found_kinds(text, language)
    assert (value, "PERSON") in found and not any(k == "HANDLE" for _, k in found)


@pytest.mark.parametrize("text, language", [
    ("The Pupil Premium funding was cut this year.", "eng"),
    ("Eleva mea a plâns toată ora.", "ron"),
    ("gozam com ele devido ao seu aspeto físico", "por"),   # ('seu' is also a title: Mr)
])
def test_a_role_word_or_a_capitalised_noun_after_it_stays(text, language):
    assert _found(text, language) == []


@pytest.mark.parametrize("text, language, value", [
    ("Včeraj me je Tilen iz 8. b porinil na hodniku.", "slv", "8. b"),
    ("Ja sam razrednica 5. c i pišem zbog učenice.", "hrv", "5. c"),
    ("I am in Class 6-C and a boy keeps messaging me.", "eng", "Class 6-C"),
    ("it started when we were in 7th grade", "eng", "7th grade"),
    ("I am in SS1 and a man on Instagram keeps asking for pictures.", "eng", "SS1"),
])
def test_class_references_with_a_spaced_letter_or_a_grade_word(text, language, value):
    assert (value, "SCHOOL") in _found_kinds(text, language)


@pytest.mark.parametrize("text, language", [
    ("Prišla sem ob 7. a nihče ni bil doma.", "slv"),
    ("See point 3. b of the rules.", "eng"),
])
def test_a_numbered_point_is_no_class(text, language):
    assert not any(k == "SCHOOL" for _, k in _found_kinds(text, language))


# Streets named after a date, in the languages that write the month so ('Strada 13 Septembrie').
@pytest.mark.parametrize("text, language, value", [
    ("Wir wohnen in der Straße des 17. Juni 23 in Bad Kösen.", "deu", "Straße des 17. Juni 23"),
    ("Μένουμε 25ης Μαρτίου 41, στη Λάρισα.", "ell", "25ης Μαρτίου 41"),
    ("La famille habite 7 avenue du 11-Novembre.", "fra", "7 avenue du 11-Novembre"),
    ("eu stau pe Strada 1 Decembrie nr. 14, am voie??", "ron", "Strada 1 Decembrie nr. 14"),
    ("Stanujem na Cesti 4. julija 12.", "slv", "Cesti 4. julija 12"),
])
def test_a_street_named_after_a_date(text, language, value):
    assert _covered(text, language, value)


@pytest.mark.parametrize("text, language", [
    ("Am 17. Juni 23 Leute haben das Video gesehen.", "deu"),
    ("Στις 28ης Οκτωβρίου έγινε η παρέλαση.", "ell"),
    ("Pe 13 Septembrie 90 de elevi au primit mesajul.", "ron"),
])
def test_a_date_with_a_number_after_it_is_no_address(text, language):
    assert _found(text, language) == []


# A full name with two surnames or an Arabic-origin particle is replaced whole.
@pytest.mark.parametrize("text, language, value", [
    ("Comunico que l'alumna Nerea Ferrer Costa ha patit una suplantació.", "cat", "Nerea Ferrer Costa"),
    ("Informo que a aluna Leonor Oliveira Carvalho foi vítima de usurpação.", "por",
     "Leonor Oliveira Carvalho"),
    ("El alumno Karim El Amrani sufre insultos por parte de dos compañeros.", "spa", "Karim El Amrani"),
])
def test_a_full_name_with_two_surnames_or_a_particle_is_one_person(text, language, value):
    assert (value, "PERSON") in _found_kinds(text, language)


def test_a_role_after_a_name_calling_cue_is_no_epithet():
    # 'sunt' (I am) is also a name-calling cue ('they say I am …'); a role after it is no insult
    text = "Stimată echipă, sunt profesorul Dorin Mureșan, diriginte la clasa a X-a E."
    assert ("Dorin Mureșan", "PERSON") in _found_kinds(text, "ron")


# The writer introducing themselves: an Arabic age or place after the name, an Arabic family
# name, a rare given name with a surname, European Portuguese 'chamo-me'.
@pytest.mark.parametrize("text, language, value", [
    ("السلام عليكم، أنا أمل عندي 14 سنة وفي واحد بيهددني", "ara", "أمل"),
    ("Bonjour، أنا سمير نصار، والد ريم", "ara", "سمير نصار"),
    ("Я, Зульфия Хасанова, мама Тимура, пишу вам.", "rus", "Зульфия Хасанова"),
    ("Olá. Chamo-me Graça, tenho 15 anos e tenho medo.", "por", "Graça"),
])
def test_the_writer_introducing_themselves(text, language, value):
    assert (value, "PERSON") in _found_kinds(text, language)


@pytest.mark.parametrize("text, language, value", [
    ("Mi-e frică, nu mai dorm noaptea. Ilinca", "ron", "Ilinca"),
    ("zivim u Zagorskoj 19 jel smijem?? dorotea", "hrv", "dorotea"),
])
def test_a_name_alone_after_the_last_sentence_is_the_writer(text, language, value):
    assert (value, "PERSON") in _found_kinds(text, language)


@pytest.mark.parametrize("text, language", [
    ("He keeps sending me stuff. Help.", "eng"),
    ("No sé qué hacer. Nada.", "spa"),
])
def test_a_word_alone_at_the_end_stays(text, language):
    assert not any(k == "PERSON" for _, k in _found_kinds(text, language))


# An epithet after 'you are' or 'what a', and a town after a comparison of speech or a club's
# match or shirt, are words, not someone's name or home.
@pytest.mark.parametrize("text, language, word", [
    ("Αλέξης: ρε είσαι Κουτορνίθι χαχα", "ell", "Κουτορνίθι"),
    ("Bianca: vai ce Ciumăfaie, se crede vedetă", "ron", "Ciumăfaie"),
    ("dizem que falo como os de Viseu e gozam comigo", "por", "Viseu"),
    ("depois do jogo com o Famalicão mandaram áudios horríveis", "por", "Famalicão"),
    ("Riley: he goes for Parramatta what do u expect", "eng", "Parramatta"),
])
def test_an_epithet_or_a_town_named_in_passing_stays(text, language, word):
    assert not any(word in f for f in _found(text, language))


# What someone is called, after more forms of the name-calling verbs ('mi pravijo', 'o numesc',
# 'su me zvali', 'дразнили'), after 'that I am' ('que je suis une'), after a caption ('s
# natpisom'), a second one joined by 'and' ('Klaun i Pinokio'), and a given name that is a
# common word in quotes after a cue ('με φωνάζουν «Μέλισσα»', bee): words, not persons.
@pytest.mark.parametrize("text, language, word", [
    ("Na treningu su me zvali Crvić i svi su se smijali.", "hrv", "Crvić"),
    ("V razredu mi pravijo Krompirček, ker sem okrogla.", "slv", "Krompirček"),
    ("Pe grupul clasei o numesc Girafa de când a crescut.", "ron", "Girafa"),
    ("Sur Snap ils écrivent que je suis une Boudinette, je ne sors plus.", "fra", "Boudinette"),
    ("Меня дразнили Колобком весь пятый класс.", "rus", "Колобком"),
    ("Objavili su moju sliku s natpisom Smrdljivac i podijelili je.", "hrv", "Smrdljivac"),
    ("Na chatu mi pišu Magarac i Lijenčina, a razrednica šuti.", "hrv", "Lijenčina"),
    ("Στο γκρουπ με φωνάζουν «Μέλισσα» και γελάνε όλοι.", "ell", "Μέλισσα"),
    ("Ma sœur reçoit des messages qui la traitent de Sorcière et Vipère.", "fra", "Vipère"),
])
def test_an_epithet_after_more_name_calling_cues_stays(text, language, word):
    assert not any(word in f for f in _found(text, language))


@pytest.mark.parametrize("text, language, value", [
    ("Sošolci mi pravijo Krompir, Tjaša pa jih posnema.", "slv", "Tjaša"),
    ("Me llaman Gorda y Lucía lo sube a TikTok.", "spa", "Lucía"),
    ("Με λένε Χαρά και είμαι δεκατεσσάρων.", "ell", "Χαρά"),
])
def test_a_name_after_an_epithet_or_unquoted_after_a_cue_is_still_a_name(text, language, value):
    assert value in _found(text, language)


# A place visited on a holiday, a trip or at a concert, and a club someone supports, are no
# one's home: kept as words.
@pytest.mark.parametrize("text, language, word", [
    ("Me mandó fotos de la playa en Salou y luego empezó a pedirme más.", "spa", "Salou"),
    ("Ha messo le foto di quando eravamo al mare a Cesenatico con la classe.", "ita", "Cesenatico"),
    ("Seit dem Konzert in Oberhausen schreibt er mir jeden Tag.", "deu", "Oberhausen"),
    ("Фотки с моря, мы были на море в Анапе всей семьёй.", "rus", "Анапе"),
    ("Он болеет за Ростов и пишет мне гадости после каждого матча.", "rus", "Ростов"),
])
def test_a_place_visited_or_a_club_supported_stays(text, language, word):
    assert not any(word in f for f in _found(text, language))


# Where someone lives or is met: a report form's field ('Localitate:'), a shopping centre named
# after its word ('ТЦ «Мега»', 'Shopping Tamboré', 'Arena Centar'), a district with its article
# after a place cue ('à La Paillade'), a Slovene or Croatian square without a house number.
@pytest.mark.parametrize("text, language, value", [
    ("Raport: elevul a fost amenințat online. Localitate: Focșani. Vârsta: 14.", "ron", "Focșani"),
    ("Meldung über Belästigung. Wohnort: Gütersloh. Alter: 13.", "deu", "Gütersloh"),
    ("Report form. Town: Kettering. Age: 15. Platform: Snapchat.", "eng", "Kettering"),
    ("Мы встретились в ТЦ «Мега» и он забрал мой телефон.", "rus", "ТЦ «Мега»"),
    ("No sábado fomos ao Shopping Tamboré e ele tirou fotos.", "por", "Shopping Tamboré"),
    ("Er will sich mit ihr in den Rhein Arcaden treffen.", "deu", "Rhein Arcaden"),
    ("Il sait qu'on habite à La Paillade et il menace ma sœur.", "fra", "La Paillade"),
    ("Tam na Kongresnem trgu nas je fotkal sošolec.", "slv", "Kongresnem trgu"),
    ("Našli smo se na Trgu bana Jelačića i on je došao.", "hrv", "Trgu bana Jelačića"),
])
def test_a_form_field_a_mall_a_district_or_a_square_is_a_place(text, language, value):
    assert value in _found(text, language)


@pytest.mark.parametrize("text, language", [
    ("Na trgu smo se dobili s prijateljicom.", "slv"),
    ("We went shopping Saturday and he followed us.", "eng"),
    ("La police est venue et La fille a pleuré.", "fra"),
])
def test_a_square_word_shopping_or_an_article_alone_is_no_place(text, language):
    assert not any(k == "PLACE" for _, k in _found_kinds(text, language))


# Formal reports: a reporter's field ('Meldender:'), a given name that is also a word after a
# title ('Mme Rose', 'Aunty Grace'), a pupil whose first name is also a club's ('a aluna
# Vitória Mendes'), a Russian full name with its patronymic in any case.
@pytest.mark.parametrize("text, language, value", [
    ("Die Schülerin wird bedroht. Meldender: Frank Bauer", "deu", "Frank Bauer"),
    ("Aujourd'hui Mme Rose a vu la vidéo.", "fra", "Rose"),
    ("I stayed with Aunty Grace in Lewisham over the summer.", "eng", "Grace"),
    ("Comunico que a aluna Vitória Mendes (9.º B) sofreu ameaças.", "por", "Vitória Mendes"),
    ("Обращение школьного психолога Кузнецовой Марины Олеговны по поводу травли.", "rus",
     "Кузнецовой Марины Олеговны"),
    ("Директор Николаев Павел Андреевич не ответил.", "rus", "Николаев Павел Андреевич"),
])
def test_a_reporter_a_titled_word_name_a_pupil_or_a_patronymic_is_a_person(text, language, value):
    assert value in _found(text, language)


@pytest.mark.parametrize("text, language, kept", [
    ("Спасибо Марине Викторовне, нашему соцпедагогу.", "rus", "Спасибо"),
    ("I miss Summer so much, it was the best time.", "eng", "Summer"),
    ("Os adeptos do Vitória de Setúbal gozam comigo.", "por", "Vitória de Setúbal"),
])
def test_a_word_before_a_patronymic_a_missed_season_or_a_club_stays(text, language, kept):
    assert not any(kept in f for f in _found(text, language))


# Arabic: a town after a preposition written onto it with a tatweel ('عـالرصيفة', to
# Russeifa) and a district after its word ('بجبل عمان'); a brand there stays ('عـإنستا').
@pytest.mark.parametrize("text, value", [
    ("طلب مني إجي لعنده عـالرصيفة يوم السبت.", "الرصيفة"),
    ("احنا ساكنين بجبل عمان من زمان.", "جبل عمان"),
])
def test_an_arabic_town_after_a_tatweel_preposition_or_a_district_word(text, value):
    assert value in _found(text, "ara")


def test_a_brand_after_an_arabic_tatweel_preposition_stays():
    assert _found("صوري منزلة عـإنستا وكلهم شافوها.", "ara") == []


def test_a_frequent_case_form_of_a_town_after_a_locative_is_a_place():
    # 'Kranju' (Kranj, 38,000 people) is as frequent as a common word in Slovene (Zipf 4.5)
    assert "Kranju" in _found("Sva se dobila za trgovino v Kranju in potem sva šla domov.", "slv")


def test_a_surname_after_that_is_still_a_name():
    # 'que' (that) is no epithet cue, though 'qué' (what a) folds to it
    assert "Zubiaurre" in _found("Mi madre dice que Zubiaurre me escribió otra vez.", "spa")


def test_a_school_named_after_a_park_after_a_class_is_the_school():
    found = _found_kinds("Case note: Kai (14, Year 10, Ashgrove Park Academy) reports threats.", "eng")
    assert ("Ashgrove Park Academy", "SCHOOL") in found and not any(k == "ADDRESS" for _, k in found)


def test_a_name_after_thanks_for_reading_is_the_writer():
    assert ("Vitória", "PERSON") in _found_kinds("e eu to com medo. Obrigada por ler, Vitória", "por")


# Where one lives, as chat and forms write it: Québec 'je reste dans', 'jhabite a', Italian
# 'zona', Russian 'г.' (town) and 'с.' (village), 'im in' before a town.
@pytest.mark.parametrize("text, language, value", [
    ("j'ai 14 ans pis je reste dans Rosemont. Un gars sur Discord", "fra", "Rosemont"),
    ("slt jai 13 ans jhabite a cholet et un mec me harcèle", "fra", "cholet"),
    ("ho 14 anni e vivo a Roma, zona Torre Maura. Una ragazza", "ita", "Torre Maura"),
    ("Случай в школе № 5 г. Жуковский. Ученица 7 класса", "rus", "Жуковский"),
    ("im in finglas, he said he'll batter me", "eng", "finglas"),
])
def test_where_one_lives_as_chat_and_forms_write_it(text, language, value):
    assert (value, "PLACE") in _found_kinds(text, language)


def test_im_in_before_an_ordinary_word_stays():
    assert _found("im in trouble and i dont know what to do", "eng") == []


# School names as forms write them: Catalan ordinals before ESO without 'de', the German
# genitive, a Russian school's name in guillemets after its type, an initial inside a name.
@pytest.mark.parametrize("text, language, value", [
    ("Sóc de 2n ESO C i em diuen coses al pati.", "cat", "2n ESO C"),
    ("Ihr Sohn besucht die 8a des Carl-Zeiss-Gymnasiums und wird bedroht.", "deu", "Carl-Zeiss-Gymnasiums"),
    ("Сообщаю о травле в МАОУ «Гимназия № 3» нашего города.", "rus", "МАОУ «Гимназия № 3»"),
    ("Os alunos da Escola Secundária D. Maria II foram ameaçados.", "por", "Escola Secundária D. Maria II"),
])
def test_school_names_with_their_ordinals_cases_quotes_and_initials(text, language, value):
    assert (value, "SCHOOL") in _found_kinds(text, language)


# After a title, an initial or a particle before the surname, even a surname that is a word.
@pytest.mark.parametrize("text, language, value", [
    ("Ο κ. Π. Αντωνίου μας βοήθησε πολύ.", "ell", "Π. Αντωνίου"),
    ("Mi ha scritto la prof. La Rosa dopo la lezione.", "ita", "La Rosa"),
    ("Ne ha parlato con la dott.ssa M. Ferraro ieri.", "ita", "M. Ferraro"),
])
def test_an_initial_or_a_particle_after_a_title(text, language, value):
    assert (value, "PERSON") in _found_kinds(text, language)


@pytest.mark.parametrize("text, language, value", [
    ("Us escric perquè em molesten al grup de classe. Atentament, Laia Serra i Gual", "cat",
     "Laia Serra i Gual"),
    ("Em dic Pau Ribas i Font i tinc 15 anys.", "cat", "Pau Ribas i Font"),
])
def test_a_catalan_full_name_with_its_second_surname_after_i(text, language, value):
    assert (value, "PERSON") in _found_kinds(text, language)


def test_catalan_i_between_two_people_stays_and():
    found = _found_kinds("Ahir vaig parlar amb la Marta Soler i Joan Puig em va escriure.", "cat")
    assert ("Marta Soler", "PERSON") in found and ("Joan Puig", "PERSON") in found


# Given names in a series that a sentence goes on after: not a word list.
@pytest.mark.parametrize("text, language, names", [
    ("Τζένη, Βίκυ, Ρία με έβγαλαν από την ομάδα.", "ell", ["Τζένη", "Βίκυ", "Ρία"]),
    ("Emma, Olivia and Grace keep laughing at me in class.", "eng", ["Emma", "Olivia", "Grace"]),
    ("سفيان وأيوب من الصف الثاني صوروني", "ara", ["سفيان", "أيوب"]),
])
def test_given_names_in_a_series_before_a_sentence(text, language, names):
    found = " ".join(_found(text, language))
    assert all(n in found for n in names)


@pytest.mark.parametrize("text, language", [
    ("Fat, Ugly, Shame and Loser are what they call me.", "eng"),
    ("carla, olivia, whale, cow", "eng"),
])
def test_a_list_of_words_is_no_series_of_names(text, language):
    assert _found(text, language) == []


@pytest.mark.parametrize("text, word", [
    ("Im letzten Sommer hat er angefangen, mir zu schreiben.", "Sommer"),
    ("Diesen Sommer war ich bei meiner Tante.", "Sommer"),
])
def test_a_german_noun_after_its_article_or_adjective_is_no_name(text, word):
    # 'Sommer' is also a given name; German capitalises its nouns
    assert not any(word in f for f in _found(text, "deu"))


def test_a_german_name_that_is_a_word_is_still_a_name_after_a_title():
    assert ("Sommer", "PERSON") in _found_kinds("Frau Sommer hat uns geholfen.", "deu")


@pytest.mark.parametrize("text, language, value", [
    ("Ich komme aus St. Gallen und bin 14.", "deu", "St. Gallen"),
    ("Meine Cousine wohnt in St. Pölten, wir schreiben oft.", "deu", "St. Pölten"),
])
def test_a_town_with_an_abbreviated_saint(text, language, value):
    assert (value, "PLACE") in _found_kinds(text, language)


# A surname alone, by its ending: Romanian '-escu', South Slavic '-ović', Greek '-ίδου',
# Slovene '-ič' inside a sentence.
@pytest.mark.parametrize("text, language, value", [
    ("Ionescu mă jignește în fiecare pauză.", "ron", "Ionescu"),
    ("Jovanović mi šalje poruke svaku noć.", "hrv", "Jovanović"),
    ("Σαββίδου μου στέλνει μηνύματα κάθε βράδυ.", "ell", "Σαββίδου"),
    ("Včeraj me je Kovačič spet zmerjal.", "slv", "Kovačič"),
])
def test_a_surname_alone_by_its_ending(text, language, value):
    assert value in " ".join(_found(text, language))


@pytest.mark.parametrize("text, language, word", [
    ("We crossed the Atlantic on holiday and it was fun.", "eng", "Atlantic"),
    ("Я живу в Саратове, а он из Ростова.", "rus", "Ростова"),
    ("Детский сад рядом с домом, там всё спокойно.", "rus", "Детский"),
])
def test_a_word_or_a_town_with_a_surnames_ending_is_no_surname(text, language, word):
    assert not any(word == v and k == "PERSON" for v, k in _found_kinds(text, language))


@pytest.mark.parametrize("text, value", [
    ("Anand sir from the computer lab told my parents.", "Anand"),
    ("Mehta ma'am took my phone and reported it.", "Mehta"),
])
def test_a_name_before_a_postposed_title_in_indian_english(text, value):
    assert (value, "PERSON") in _found_kinds(text, "eng")


def test_sir_after_an_ordinary_word_names_no_one():
    assert _found("Yes sir, I will. Thank you sir. Our Principal sir did nothing.", "eng") == []


# Where someone is from, right after their name, as lower-case chat writes it.
@pytest.mark.parametrize("text, language, value", [
    ("bok, marko s peščenice mi prijeti, što da radim", "hrv", "peščenice"),
    ("salut, vlad din pantelimon ma ameninta mereu", "ron", "pantelimon"),
    ("hi im kyle from bexley and a lad keeps messaging me", "eng", "bexley"),
])
def test_a_lower_case_place_after_a_name_and_from(text, language, value):
    assert (value, "PLACE") in _found_kinds(text, language)


@pytest.mark.parametrize("text, language, word", [
    ("bok, ana s prijateljicom mi se ruga", "hrv", "prijateljicom"),
    ("no salí de casa en una semana", "spa", "casa"),
])
def test_an_ordinary_word_after_a_name_and_from_stays(text, language, word):
    assert not any(word in f for f in _found(text, language))


# A chat of two named speakers or more: its other labels are speakers too, even a month or a
# word ('Abril:', 'جود:'), and a park's name stops before a speaker's label.
@pytest.mark.parametrize("text, language, values", [
    ("Abril: has vist la foto?? Núria: sí jaja Pol: passa-la al parc Marcel: ja la tinc", "cat",
     ["Abril", "Núria", "Pol", "Marcel"]),
    ("سلمى: مين نشر الصورة؟  رامي: مش أنا  جود: أنا شفتها عند ياسر", "ara", ["سلمى", "رامي", "جود"]),
])
def test_every_speaker_of_a_chat_with_named_speakers(text, language, values):
    found = _found_kinds(text, language)
    assert all((v, "PERSON") in found for v in values)


def test_a_frequent_word_before_a_colon_in_a_chat_stays():
    text = "Screenshot of the group. Ellie: send it. Jayden: ok. Update: she left the group"
    assert "Update" not in _found(text, "eng")


# An Arabic given name and the family name after it, from the name index's surnames.
@pytest.mark.parametrize("text, value", [
    ("حضرت المرشدة ليلى بنعلي مع الطالبة مريم", "ليلى بنعلي"),
    ("التلميذ سامي حداد من الصف السابع تعرض للتنمر", "سامي حداد"),
])
def test_an_arabic_name_with_the_family_name_after_it(text, value):
    assert (value, "PERSON") in _found_kinds(text, "ara")


def test_an_arabic_verb_after_a_name_is_no_family_name():
    assert ("كريم", "PERSON") in _found_kinds("زميلي كريم كان ينشر صوري", "ara")


# An Arabic name that is also a rare word recurs in the note: no capital tells them apart.
def test_an_arabic_name_found_once_is_replaced_where_it_recurs():
    text = "صاحبتي جود قالت للمعلمة. بعدين جود حذفت الصور"
    assert [v for v, k in _found_kinds(text, "ara") if k == "PERSON"].count("جود") == 2


def test_a_word_before_a_rare_family_name_of_the_index_stays():
    # 'I have no hope that anyone helps me': dialect 'إنو' (that) is a rare surname in the index
    assert "أمل" not in _found("اسمي سلمى بس ما ضل عندي أمل إنو حدا يساعدني", "ara")


# A town in a lower-case note after a bare locative, in a note whose names the pipeline
# capitalises first ('cristi', 'luka'): the note as written tells it is in lower case.
@pytest.mark.parametrize("text, language, value", [
    ("sincer nu mai pot. cristi si vlad de la liceu din pascani ma injura pe grup", "ron", "pascani"),
    ("ej ja sam luka iz đakova i jedan lik mi piše čudne stvari", "hrv", "đakova"),
    ("so basically a lad from kirkby keeps messaging my sister", "eng", "kirkby"),
])
def test_a_lower_case_town_after_a_locative(text, language, value):
    assert (value, "PLACE") in _found_kinds(text, language)


@pytest.mark.parametrize("text, language, word", [
    ("i da ce me prebit ispred skole kod kafica", "hrv", "kafica"),
    ("она сказала что у меня ноги как у слонихи", "rus", "слонихи"),
    ("e un tip din roman care ma tot suna", "ron", "roman"),
])
def test_a_word_after_a_locative_that_looks_like_a_town_stays(text, language, word):
    assert not any(word in f for f in _found(text, language))


def test_a_handle_after_a_spaced_at_sign_is_no_email():
    found = _found_kinds("au facut cont @flaviu.si.cristi.razbunarea si posteaza poze", "ron")
    assert ("@flaviu.si.cristi.razbunarea", "HANDLE") in found
    assert not any(k == "EMAIL" for _, k in found)


# A school named in the language it teaches in: the neighbour's, French or English.
@pytest.mark.parametrize("text, language, value", [
    ("A minha prima anda no collège Victor Hugo e gozam com ela no grupo.", "por", "collège Victor Hugo"),
    ("Mi hermano va al Institut Ramon Llull y allí le pegaron.", "spa", "Institut Ramon Llull"),
])
def test_a_school_named_in_another_language_of_the_note(text, language, value):
    assert (value, "SCHOOL") in _found_kinds(text, language)


@pytest.mark.parametrize("text, value", [
    ("She has not been to school since. Signed, R. Pemberton.", "R. Pemberton"),
    ("Please call me back. Kind regards, J. Okafor", "J. Okafor"),
])
def test_an_initial_and_a_surname_after_a_closing_formula(text, value):
    assert (value, "PERSON") in _found_kinds(text, "eng")


@pytest.mark.parametrize("text, language, value", [
    ("Fratele meu e la Școala Gimnazială „Mihai Viteazul” și îl bat colegii.", "ron",
     "Școala Gimnazială „Mihai Viteazul”"),
    ("um menino da turma 802 me manda mensagem toda noite", "por", "turma 802"),
    ("Colegii din clasa XI C au făcut un grup despre mine.", "ron", "XI C"),
])
def test_a_school_with_its_name_in_quotes_and_numbered_or_roman_classes(text, language, value):
    assert any(value in v and k == "SCHOOL" for v, k in _found_kinds(text, language))


# A surname's initial after a name goes with it: 'K.' beside a token narrows down who it is.
@pytest.mark.parametrize("text, language, value", [
    ("Dann haben Sophie und Lara K. in der Gruppe Screenshots gepostet.", "deu", "Lara K."),
    ("Achamos que quem faz é o Pedro H. da outra turma.", "por", "Pedro H."),
    ("Социальный педагог Левина А. М. знает об этом.", "rus", "Левина А. М."),
])
def test_a_name_with_the_initials_after_it(text, language, value):
    assert (value, "PERSON") in _found_kinds(text, language)


# A profession or family role in a report names the person after it (lexicon `role_cues`).
@pytest.mark.parametrize("text, language, value", [
    ("Le lendemain, l'assistante sociale Rose a appelé ma mère.", "fra", "Rose"),
    ("Die Schulsozialarbeiterin Hoffmann hat die Polizei gerufen.", "deu", "Hoffmann"),
    ("I told the school counsellor Faith and she rang my mum.", "eng", "Faith"),
    ("Am vorbit cu doamna psiholog Căpraru despre mesaje.", "ron", "Căpraru"),
    ("تكلمت مع المرشدة النفسية أمل عن الموضوع", "ara", "أمل"),
    ("بعت الصور لرفقاتي وللمعلمة منى", "ara", "منى"),   # 'and' and 'to' written onto the role
])
def test_a_name_after_a_role(text, language, value):
    assert (value, "PERSON") in _found_kinds(text, language)


def test_an_arabic_verb_after_a_role_is_no_name():
    # 'Mum told me', 'the headmistress said': a role is a sentence's subject too
    text = "ماما قالتلي ما تردي عليه والمديرة قالت نفس الشي"
    assert not any(k == "PERSON" for _, k in _found_kinds(text, "ara"))


def test_a_lower_case_adjective_after_a_role_is_no_name():
    assert not any(k == "PERSON" for _, k in _found_kinds("Am vorbit cu consiliera scolara ieri.", "ron"))


# A given name that is also a word, capitalised after a name found, is part of the name.
@pytest.mark.parametrize("text, language, value", [
    ("Quem me ameaça é o Rodrigo Paz, do 9.º ano.", "por", "Rodrigo Paz"),
    ("The school knows that Kayleigh Hope Marsden sends the messages.", "eng", "Kayleigh Hope Marsden"),
])
def test_a_word_name_after_a_name_found(text, language, value):
    assert (value, "PERSON") in _found_kinds(text, language)


# A class after a name names its pupil in lower-case chat too (not only capitalised).
@pytest.mark.parametrize("text, language, value", [
    ("ej lik toni iz 7.b mi je ukrao lozinku", "hrv", "toni"),
    ("короче артём из 7а выложил мои фотки", "rus", "артём"),
    ("tia el pablo de 2ºA ha pasado mi foto", "spa", "pablo"),
])
def test_a_lower_case_name_before_a_class(text, language, value):
    assert (value, "PERSON") in _found_kinds(text, language)


# A class in brackets right after a name places the pupil; an age in brackets is no class.
@pytest.mark.parametrize("text, language, value", [
    ("We are concerned about Kieran Doyle (9RB), who was filmed at lunch.", "eng", "9RB"),
    ("Signalons que Inès Barbier (11CG1) est insultée en ligne.", "fra", "11CG1"),
    ("Elevul Radu Mihăilescu (IX D) a fost filmat în pauză.", "ron", "IX D"),
])
def test_a_class_in_brackets_after_a_name(text, language, value):
    assert (value, "SCHOOL") in _found_kinds(text, language)


def test_an_age_in_brackets_after_a_name_is_no_class():
    found = _found_kinds("O meu filho Tiago Lemos (13 anos) e a Ana Dias (12) recebem ameaças.", "por")
    assert not any(k == "SCHOOL" for _, k in found)


# Greek chat in Latin letters: 'w' for omega, 'h' for eta ('o kwstas' is Kostas), and a class
# after 'ap to' ('from the') names its pupil.
@pytest.mark.parametrize("text, value", [
    ("re o mixalis apo to g2 m leei xontro", "mixalis"),
    ("h vaso ap to b1 anevase fwtografia mou", "vaso"),
])
def test_a_greeklish_name(text, value):
    assert (value, "PERSON") in _found_kinds(text, "ell")


def test_slovene_and_before_a_name_is_no_english_in():
    # Slovene 'in' is 'and': 'Neža' (also 'Neza', a large Mexican city) is a girl here
    assert ("Neža", "PERSON") in _found_kinds("Včeraj sta Urška in Neža delili mojo sliko.", "slv")


def test_a_frequent_word_of_one_language_in_a_capitalised_sentence_is_no_name():
    # Italian 'gita' (a school trip) is also the given name Gita
    found = _found_kinds("In gita a Verona un ragazzo mi ha filmato.", "ita")
    assert not any(v == "gita" for v, _ in found)


# Spoken Portuguese, Spanish and Italian put an article before a first name: a rare capitalised
# word after one is a name even when no dictionary has it; not in German, which capitalises nouns.
@pytest.mark.parametrize("text, language, value", [
    ("mano, a Thayná e o Jhonatan da minha sala criaram um perfil fake", "por", "Jhonatan"),
    ("raga, la Gioi mi ha bloccata su tutto", "ita", "Gioi"),
    ("boludo, la Yamila me escrachó en Instagram", "spa", "Yamila"),
])
def test_a_rare_capitalised_word_after_a_spoken_article(text, language, value):
    assert (value, "PERSON") in _found_kinds(text, language)


def test_a_german_compound_after_an_article_is_no_name():
    found = _found_kinds("Er hat die Fotos in die Jahrgangsgruppe gestellt.", "deu")
    assert not any(k == "PERSON" for _, k in found)


# A name that is also a word of one language recurs as the name, not where the same text uses
# the word in lower case; a given name common to many languages recurs in any case.
@pytest.mark.parametrize("text, language, word", [
    ("Mi scrive un certo Fortunato e dice che sono fortunato se non pubblica niente.", "ita", "fortunato"),
    ("Ninguém me deu esperança, disse a minha amiga Esperança.", "por", "esperança"),
])
def test_a_word_beside_its_name_stays(text, language, word):
    found = _found_kinds(text, language)
    assert any(v == word.capitalize() for v, _ in found) and not any(v == word for v, _ in found)


def test_a_given_name_recurs_in_lower_case():
    found = _found_kinds("Sara me escribe todo el día, sara es de mi clase", "spa")
    assert ("sara", "PERSON") in found


# After an indefinite or negative article a recurring name is the word it also is.
@pytest.mark.parametrize("text, language, word", [
    ("Unser Trainer, Herr Engel, ist wirklich kein Engel zu uns.", "deu", "Engel"),
    ("Mugur zice că e doar un mugur de glumă, dar m-a filmat.", "ron", "mugur"),
])
def test_a_recurring_name_after_an_article_is_the_word(text, language, word):
    # the name is replaced once; the word after the article stays
    assert [v.casefold() for v, _ in _found_kinds(text, language)].count(word.casefold()) == 1


def test_an_arabic_name_after_to_written_with_a_tatweel():
    # 'to' written onto the name with a tatweel, as chat writes it onto proper nouns
    assert ("رهف", "PERSON") in _found_kinds("بعتت الصور لـرهف وهي زعلت مني", "ara")


def test_a_district_named_by_a_frequent_word_after_a_district_word():
    # 'Industrial' is the district's name after 'colonia'
    text = "Mi primo vive en la colonia Industrial y ahí lo conocen."
    assert ("Industrial", "PLACE") in _found_kinds(text, "spa")


def test_a_cyrillic_word_beside_the_name_it_also_is_stays():
    # 'вера' (faith) in lower case beside the name 'Вера': no recurrence across scripts
    found = _found_kinds("Мою подругу зовут Вера, но вера в людей у меня пропала.", "rus")
    assert ("Вера", "PERSON") in found and ("вера", "PERSON") not in found


# A district the language's own press names often (Zipf 3 to 4.5 in that language), rare in
# English and in no word list of the language, after a plain locative
@pytest.mark.parametrize("text, language, value", [
    ("Aseară ne-am văzut cu toții în Ferentari și ne-au filmat.", "ron", "Ferentari"),
    ("Ontem a gente foi lá em Jacarepaguá e eles filmaram tudo.", "por", "Jacarepaguá"),
])
def test_a_district_frequent_in_its_own_language_after_a_locative(text, language, value):
    assert (value, "PLACE") in _found_kinds(text, language)


# A country's name one edit away from its spelling in one of the notes' languages is the
# country: misspelt, or in a language the lists do not read
@pytest.mark.parametrize("text, language", [
    ("Ontem a gente foi lá em Fransa e eles filmaram tudo.", "por"),
    ("my cousins are back in Romainia so i cant go to them", "eng"),
    ("he told her to go back to Polska in front of everyone", "eng"),
])
def test_a_misspelt_country_is_no_person_or_place(text, language):
    assert _found(text, language) == []


def test_a_verb_after_a_kinship_word_in_a_capitalised_note_is_no_name():
    # 'mora' (lives) is a given name too; after 'a minha prima' in a note that capitalises
    found = _found_kinds("A minha prima mora em Lisboa e tem medo de sair.", "por")
    assert not any(value == "mora" for value, _ in found)


# Croatian and Slovene 'friend' of chat ('frend', 'frendica'), also in the dative, before a
# name in lower case
@pytest.mark.parametrize("text, language, value", [
    ("jučer je pisao i mojoj frendici lori ono baš je jezivo", "hrv", "lori"),
    ("zdej je pisal tud moji frendici urški no res je grozn", "slv", "urški"),
    ("jst sem tim pa moj frend oluwaseun on je iz nigerije", "slv", "oluwaseun"),
])
def test_a_name_after_friend_of_chat_in_croatian_and_slovene(text, language, value):
    assert (value, "PERSON") in _found_kinds(text, language)


# A given name that is also a frequent word of the language, after a cue that only calls
# names ('calls me', 'la chiamano'), is the word; after a cue that also tells a name it stays
@pytest.mark.parametrize("text, language, word", [
    ("Desde septiembre ese chico me llama Mora delante de todos.", "spa", "Mora"),
    ("In palestra la chiamano Russa e ridono di lei.", "ita", "Russa"),
])
def test_a_name_that_is_a_word_after_a_name_calling_cue_is_the_word(text, language, word):
    assert not any(value == word for value, _ in _found_kinds(text, language))


def test_a_name_that_is_a_word_after_my_name_is_stays_a_name():
    assert ("Χαρά", "PERSON") in _found_kinds("Με λένε Χαρά και είμαι 13.", "ell")


def test_a_typographic_apostrophe_in_a_cue():
    # 'je m’appelle' as phones type it reads as 'je m'appelle'
    assert ("Claire", "PERSON") in _found_kinds("Bonjour, je m’appelle Claire, j'ai 13 ans.", "fra")


def test_what_an_overlapping_span_holds_beyond_the_chosen_one_is_replaced():
    # the class '2ªB' and the school 'B ITIS Galileo Galilei' overlap on 'B': the school's
    # name must not be left because the class was chosen
    text = "Scuola: 2ªB ITIS Galileo Galilei."
    spans = Pseudonymiser(("IT",)).spans(text, "ita")
    covered = {i for s, e, _ in spans for i in range(s, e)}
    start = text.index("ITIS")
    assert all(i in covered for i in range(start, text.index(".", start)) if not text[i].isspace())


# School words of Quebec ('école secondaire', 'polyvalente'), Brazil ('CIEP'), Argentina
# ('la Técnica 12') and Ireland ('Scoil')
@pytest.mark.parametrize("text, language, value", [
    ("Je suis en secondaire 2 à l'école secondaire Louis-Riel.", "fra", "école secondaire Louis-Riel"),
    ("Elle est à la polyvalente Jean-Brillant et ils rient d'elle.", "fra", "polyvalente Jean-Brillant"),
    ("Estudo no CIEP Tancredo Neves 312 e eles me zoam.", "por", "CIEP Tancredo Neves 312"),
    ("en la Técnica 12 todos se burlan de mí", "spa", "Técnica 12"),
    ("the girls in Scoil Bhríde keep posting about me", "eng", "Scoil Bhríde"),
])
def test_more_school_words(text, language, value):
    assert (value, "SCHOOL") in _found_kinds(text, language)


def test_a_school_word_that_is_a_common_noun_names_no_school():
    assert _found("La técnica de respiración me ayudó mucho.", "spa") == []


@pytest.mark.parametrize("text, value", [
    ("colegul meu din a opta b a pus poze cu mine", "a opta b"),
    ("Sunt în clasa a zecea și colegii râd de mine.", "clasa a zecea"),
])
def test_a_romanian_class_by_its_ordinal_word(text, value):
    assert (value, "SCHOOL") in _found_kinds(text, "ron")


def test_a_romanian_ordinal_verb_is_no_class():
    # 'a opta' is also 'to choose'
    assert _found("Vreau să pot a opta pentru altă școală.", "ron") == []


def test_a_large_towns_case_form_after_a_locative_is_no_person():
    # 'Самаре' (in Samara) and 'Анталии' (from Antalya) look like case forms of given names
    assert ("Самаре", "PERSON") not in _found_kinds("Мы живём в Самаре, а Маша пишет мне гадости.", "rus")
    assert _found("Там мои фотки из Анталии и подпись «Доска».", "rus") == []


def test_a_names_case_form_after_a_locative_stays_a_name():
    # 'у Наташи' (at Natasha's) shares only its beginning with the town Natal
    assert ("Наташи", "PERSON") in _found_kinds("Вчера я была у Наташи, и она всё видела.", "rus")


@pytest.mark.parametrize("text, language, value", [
    ("Au venit niște băieți. Unul, Ciprian, mi-a cerut parola.", "ron", "Ciprian"),  # not 'Cipru'
    ("В чате спросили, кто думает что Данил Лох.", "rus", "Данил"),        # not a form of 'Дания'
])
def test_a_given_name_that_looks_like_a_countrys_case_form_is_a_name(text, language, value):
    assert (value, "PERSON") in _found_kinds(text, language)


# A word that is also a given name (lexicon word_names) is a name when capitalised inside a
# sentence after a strong person cue, even where the name dictionary lacks it ('Llum', light;
# 'Lluna', moon: Catalan girls' names); not the word in lower case, nor after no cue.
@pytest.mark.parametrize("text, language, value", [
    ("La meva amiga Llum i jo vam quedar amb un noi.", "cat", "Llum"),
    ("La meva amiga Lluna i jo vam quedar per la Mercè.", "cat", "Lluna"),
    # (also one listed as an ordinary word: 'céu', sky, is 'Maria do Céu' too)
    ("A minha tia Céu tem o número e não me ajuda.", "por", "Céu"),
])
def test_a_word_name_after_a_strong_cue_is_a_name(text, language, value):
    assert value in _found(text, language)


@pytest.mark.parametrize("text, language", [
    ("Ahir la lluna era plena i la meva germana la mirava.", "cat"),
    ("O Céu estava azul e a minha tia chorava.", "por"),
])
def test_a_word_name_without_a_cue_stays(text, language):
    assert _found(text, language) == []


# ... and after 'I am' when a comma, an age or 'from' follows ('Soy Mar, tengo 12 años').
@pytest.mark.parametrize("text, language, value", [
    ("La psicóloga me dijo que lo escribiera. Soy Mar, tengo 12 años.", "spa", "Mar"),
    ("Καλησπέρα σας. Είμαι η Ζωή, 14 χρονών, πάω στο Γυμνάσιο.", "ell", "Ζωή"),
])
def test_a_word_name_after_i_am_is_the_writers_name(text, language, value):
    assert value in _found(text, language)


# A capitalised word that is no word of the note's language, before 'from' and a class, is a
# person the name dictionary lacks: a name, a nickname or a surname; a word of the language
# there is no one ('Toți din 7C', all of 7C).
@pytest.mark.parametrize("text, language, value", [
    ("vineri Mihnea din 7C m-a lovit și m-a filmat", "ron", "Mihnea"),
    ("Horvat iz 2.b je svima poslao moju golu sliku", "hrv", "Horvat"),
])
def test_an_unknown_capitalised_word_before_a_class_is_a_person(text, language, value):
    assert value in _found(text, language)


def test_a_word_of_the_language_before_a_class_stays():
    assert "Toți" not in _found("Toți din 7C au văzut poza.", "ron")


# A nickname given with 'known as' right after a name names the same person ('Salvatore detto
# Totò', 'marian zis tarzan'); French 'dit' is mostly 'says' and is left out.
@pytest.mark.parametrize("text, language, value", [
    ("Chi l'ha messo è Salvatore detto Totò, che abita a Catania.", "ita", "Totò"),
    ("zic ca vin cu marian zis tarzan sa ma ia la bataie", "ron", "tarzan"),
])
def test_a_nickname_given_after_a_name_is_a_person(text, language, value):
    assert value in _found(text, language)


def test_french_dit_after_a_name_is_says():
    assert _found("ma mère Nadia dit qu'il faut en parler.", "fra") == ["Nadia"]


# A given name that is also a word ('Hope', 'Ángel', 'Serena') opening a sentence whose next
# words make the writer its object ('me', 'mi', 'mir', or 'my' after a verb) is the person
# acting on the writer; relatives, exclamations and very frequent words stay ('Mami me dijo',
# 'Sad mi je'), and so does a large city ('Roma mi ha cambiato').
@pytest.mark.parametrize("text, language, value", [
    ("Hope keeps sending my pictures to the whole year group.", "eng", "Hope"),
    ("Ángel me escribió anoche otra vez desde otra cuenta.", "spa", "Ángel"),
    ("Ernst hat mir gestern wieder geschrieben.", "deu", "Ernst"),
    ("Serena mi ha bloccata su tutto e ride di me.", "ita", "Serena"),
])
def test_a_word_name_acting_on_the_writer_is_a_person(text, language, value):
    assert value in _found(text, language)


@pytest.mark.parametrize("text, language, value", [
    ("Hope you can help me with this.", "eng", "Hope"),
    ("Mami me dijo que lo contara.", "spa", "Mami"),
    ("Sad mi je malo bolje.", "hrv", "Sad"),
    ("Roma mi ha cambiato la vita.", "ita", "Roma"),
    ("Mark my words, it will stop.", "eng", "Mark"),
])
def test_a_word_that_does_not_act_on_the_writer_stays(text, language, value):
    assert value not in _found(text, language)


# ... and such a name joined by 'and' to a name found is a second person ('Holly and Amber').
@pytest.mark.parametrize("text, language, value", [
    ("Holly and Amber keep laughing at me in class.", "eng", "Amber"),
    ("Gestern haben Lukas und August mich ausgelacht.", "deu", "August"),
])
def test_a_word_name_beside_a_name_is_a_person(text, language, value):
    assert value in _found(text, language)


def test_months_joined_by_and_stay():
    assert _found("We have exams in March and April, then holidays.", "eng") == []


# A relation or role, a comma, then the article before a capitalised word: the article is the
# personal one of Catalan and Portuguese speech and the relation names what follows it
# ('la meva germana, la Lluna', 'um amigo, o Zezinho').
@pytest.mark.parametrize("text, language, value", [
    ("Ho vaig explicar a la tutora, la Llum, però no va fer res.", "cat", "Llum"),
    ("ara li escriu a la meva germana, la Lluna, cada nit", "cat", "Lluna"),
    ("passou a senha a um amigo, o Zezinho, que agora escreve por mim", "por", "Zezinho"),
])
def test_an_article_after_a_relation_names_a_person(text, language, value):
    assert value in _found(text, language)


def test_an_article_after_a_comma_alone_names_no_one():
    assert "Lluna" not in _found("Ahir vam sortir tard, la Lluna era plena.", "cat")


# After the article that speech puts before first names, a capitalised given name or rare
# word (a nickname) whose sentence then makes the writer its object is a person ('la Cande
# me escrachó'); not in German, whose nouns are capitalised ('aus der Parallelklasse … mir').
@pytest.mark.parametrize("text, language, value", [
    ("ya no puedo más, la Cande me escrachó en el grupo", "spa", "Cande"),
])
def test_a_nickname_after_an_article_acting_on_the_writer_is_a_person(text, language, value):
    assert value in _found(text, language)


def test_a_german_compound_after_an_article_stays():
    text = "Jemand aus der Parallelklasse schreibt unter jedes Foto von mir."
    assert "Parallelklasse" not in _found(text, "deu")


# A list of three or more one-word items ending in 'and', two of them names found, names the
# other given names in it too, written alike ('hannah, lea und paula', 'thiago bruna e kauan').
@pytest.mark.parametrize("text, language, value", [
    ("hannah, lea und paula haben mich aus der gruppe geworfen", "deu", "lea"),
    ("thiago bruna e kauan me bloquearam de tudo", "por", "bruna"),
])
def test_a_given_name_in_a_list_of_names_is_a_person(text, language, value):
    assert value in _found(text, language)


def test_a_list_of_things_names_no_one():
    assert "rosa" not in _found("o Tiago e o Rui compraram pão, rosa e vinho", "por")


# 'Everyone calls me' in Russian is a name-calling cue: the word after it that is no given
# name is an epithet (in the instrumental: 'зовут Жабой'); a given name stays a name.
@pytest.mark.parametrize("text, value, kept", [
    ("в беседе класса меня все зовут Жабой и смеются", "Жабой", True),
    ("меня все зовут Маша, мне 13", "Маша", False),
])
def test_everyone_calls_me_in_russian(text, value, kept):
    assert (value not in _found(text, "rus")) is kept


# A shouted note is read as lower-case chat for places too: after a verb of living, a town
# that the press names often ('LOCUIESC IN TULCEA', 'ABITO A MONZA').
@pytest.mark.parametrize("text, language, value", [
    ("BUNA, AM 14 ANI SI LOCUIESC IN TULCEA CU MAMA MEA", "ron", "TULCEA"),
    ("CIAO HO 13 ANNI E ABITO A MONZA CON LA NONNA", "ita", "MONZA"),
])
def test_a_town_in_a_shouted_note(text, language, value):
    assert value in _found(text, language)


# ... but not a month, an imperative or a description: 'June makes me nervous', 'Sue me if you
# want', 'Rosa es mi color favorito'.
@pytest.mark.parametrize("text, language, value", [
    ("June makes me nervous because of the exams.", "eng", "June"),
    ("Sue me if you want, I don't care.", "eng", "Sue"),
    ("Rosa es mi color favorito desde pequeña.", "spa", "Rosa"),
    ("Mai macht mich immer müde.", "deu", "Mai"),
])
def test_a_month_imperative_or_description_is_no_subject(text, language, value):
    assert value not in _found(text, language)


# After a verb of living, a town of the language's own countries (50,000 people or more) in
# lower case, though also a frequent word ('vilanova', Zipf 4.5; 'mariboru', 5.0); after a
# bare locative such a word stays a word ('en bata', in a dressing gown: Bata; 'na praia').
@pytest.mark.parametrize("text, language, value", [
    ("ens coneixem del cau. vivim a vilanova i ell ve cada dia", "cat", "vilanova"),
    ("zdej živim v mariboru pa me je strah", "slv", "mariboru"),
    ("sunt din craiova si ma tot sună de pe alt număr", "ron", "craiova"),
])
def test_a_frequent_word_that_is_a_home_town_after_a_verb_of_living(text, language, value):
    assert value in _found(text, language)


@pytest.mark.parametrize("text, language", [
    ("ayer me quedé en bata todo el día", "spa"),
    ("fui na praia com a minha família", "por"),
    ("sono venuti in massa alla festa", "ita"),
])
def test_a_frequent_word_that_is_a_home_town_after_a_bare_locative_stays(text, language):
    assert _found(text, language) == []


# A district's name whose words are joined by 'of', after a verb of living, is replaced whole.
@pytest.mark.parametrize("text, language, value", [
    ("Moro no Complexo do Alemão com a minha vó.", "por", "Complexo do Alemão"),
    ("Moro na Vila da Penha desde pequena.", "por", "Vila da Penha"),
])
def test_a_district_joined_by_of_is_replaced_whole(text, language, value):
    assert value in _found(text, language)


def test_a_town_then_of_and_a_weekday_is_the_town():
    assert _found("Vivo en Madrid de Lunes a Viernes con mi padre.", "spa") == ["Madrid"]


# A day of the week, capitalised right after a given name in a language that writes its days
# in lower case, is a surname ('Petek' is among the commonest Slovene surnames); alone it is a
# day.
@pytest.mark.parametrize("text, language, value", [
    ("Razrednica je rekla da je Marko Petak kriv za sve.", "hrv", "Marko Petak"),
    ("Včeraj me je Nina Petek spet zafrkavala na avtobusu.", "slv", "Nina Petek"),
])
def test_a_weekday_after_a_given_name_is_a_surname(text, language, value):
    assert value in _found(text, language)


@pytest.mark.parametrize("text, language", [
    ("Petak je bio najgori dan u tjednu.", "hrv"),
    ("V petek smo šli v kino.", "slv"),
])
def test_a_weekday_alone_stays(text, language):
    assert _found(text, language) == []


def test_a_weekday_after_a_name_is_no_surname_where_days_are_capitalised():
    assert _found("Falei com a Ana Sexta à noite e ela riu.", "por") == ["Ana"]


# In lower-case chat, a surname right after a title, a role or a relation: a given name, a word
# with a surname's ending, or a rare word that is no word of the language ('mrs diaz'); not a
# frequent word nor an adverb the lemma tables lack ('heureusement').
@pytest.mark.parametrize("text, language, value", [
    ("the school nurse mrs lopez said it was nothing", "eng", "lopez"),
    ("a razrednica kovačić kaže da je to samo šala", "hrv", "kovačić"),
    ("ne ho parlato col prof martino ma lui ride", "ita", "martino"),
])
def test_a_lower_case_surname_after_a_title_or_role(text, language, value):
    assert value in _found(text, language)


@pytest.mark.parametrize("text, language", [
    ("j'ai pas appelé heureusement", "fra"),
    ("мой брат машина, всех бьёт", "rus"),
    ("my friend said no way", "eng"),
    ("la profe nueva no hace nada", "spa"),
])
def test_a_frequent_word_after_a_title_or_role_stays(text, language):
    assert _found(text, language) == []


# A surname alone after a word of signing ('Gez.' keeps its dot), not a word ('Gez. Unbekannt'),
# and a given name with its initial.
@pytest.mark.parametrize("text, language, value", [
    ("Er kommt seit Montag nicht mehr in die Schule. Gez. Schmitz", "deu", "Schmitz"),
    ("Por favor retirem a página. Assinado: Ana P.", "por", "Ana P."),
])
def test_a_name_after_a_signing_formula(text, language, value):
    assert value in _found(text, language)


@pytest.mark.parametrize("text, language", [
    ("Er kommt seit Montag nicht mehr in die Schule. Gez. Unbekannt", "deu"),
])
def test_a_word_after_a_signing_formula_stays(text, language):
    assert _found(text, language) == []


# What someone is called after a bare verb of calling ('zovu', 'zvali'), a list of epithets
# with a given name that is also a word ('Baba Jaga'), and a French quote set apart ('«
# Jacky »') stay words; a name after a cue that also names stays a name.
@pytest.mark.parametrize("text, language", [
    ("Na treningu ga dečki zovu Patuljak i smiju se.", "hrv"),
    ("U školi su je zvali Glista cijelu godinu.", "hrv"),
    ("u grupi me zovu Štreberica i Baba Jaga", "hrv"),
    ("sošolec me kliče neumna baba", "slv"),
    ("à la cantine ils rigolent en m'appelant « Jacky »", "fra"),
])
def test_epithets_after_bare_or_foreign_calls_stay(text, language):
    assert _found(text, language) == []


@pytest.mark.parametrize("text, language, value", [
    ("Moji prijatelji se zovu Marko i Ivan Horvat.", "hrv", "Ivan Horvat"),
    ("Moji prijatelji se zovu Marko i Ivan Horvat.", "hrv", "Marko"),
    ("He thinks he's Tom's best friend but Tom hates him.", "eng", "Tom"),
    ("Salut, on m'appelle Marc.", "fra", "Marc"),
    ("Dečki koji me tuku zovu se Marko i Luka.", "hrv", "Marko"),
    ("Mă numesc Christian și am 14 ani.", "ron", "Christian"),
    ("O Caio torce pro Flamengo e mandou nude pro Pedro.", "por", "Pedro"),
])
def test_names_after_a_verb_of_naming_stay_names(text, language, value):
    assert value in _found(text, language)


# After 'thinks they are' the subject may follow the verb ('Se cree Lucía la más guapa'): a
# name there is a name; a public figure the lists hold stays.
@pytest.mark.parametrize("text, language, value", [
    ("Se cree Lucía la más guapa de la clase.", "spa", ["Lucía"]),
    ("O Rui se acha o Neymar só porque marcou.", "por", ["Rui"]),
])
def test_a_name_after_thinks_they_are(text, language, value):
    assert _found(text, language) == value


# A German district or village after a bare locative, told by a place name's ending.
@pytest.mark.parametrize("text, language, value", [
    ("Sie wartet jeden Tag an der Haltestelle in Harthof auf mich.", "deu", "Harthof"),
    ("Am Freitag fahren wir nach Chorweiler zu meiner Oma.", "deu", "Chorweiler"),
])
def test_a_german_district_by_its_ending(text, language, value):
    assert value in _found(text, language)


# A short sentence with a full name is no Title Case text: 'Hablé con Ana Santos ayer.' has
# half its inner words capitalised (and Portuguese 'com a' is 'with the', no comparison).
@pytest.mark.parametrize("text, language, value", [
    ("Hablé con Ana Santos ayer.", "spa", "Ana Santos"),
    ("Falei com a Maria Santos ontem.", "por", "Maria Santos"),
    ("Sono Giulia Rossi della 3B", "ita", "Giulia Rossi"),   # (a class's letter is no capital word)
])
def test_a_full_name_in_a_short_sentence(text, language, value):
    assert value in _found(text, language)


def test_a_title_case_list_of_insults_stays():
    assert _found("Fat Ugly Loser Stupid", "eng") == []


# A given name at a sentence's start that is also frequent in English, a given name the lists
# hold as a word (Slovene 'Maja' is also May's case form), or an English surname that is also a
# word ('Brown'), with the rest of the full name.
@pytest.mark.parametrize("text, language, value", [
    ("Maria Santos postou a minha foto.", "por", "Maria Santos"),
    ("Maria Stan a postat poza mea.", "ron", "Maria Stan"),
    ("Maja Zupan je objavila mojo sliko.", "slv", "Maja Zupan"),
    ("Včeraj mi je Maja Zupan pisala.", "slv", "Maja Zupan"),
    ("I talked to Jessica Brown yesterday.", "eng", "Jessica Brown"),
])
def test_a_full_name_whose_given_name_or_surname_is_also_a_word(text, language, value):
    assert value in _found(text, language)


@pytest.mark.parametrize("text, language", [
    ("Maja gremo na morje, junija pa v hribe.", "slv"),
    ("Will Power is what my coach keeps talking about.", "eng"),
])
def test_a_word_before_a_capitalised_word_stays(text, language):
    assert _found(text, language) == []


# A town named for a type of person in a comparison is no one's place; not a friend's name
# after 'like a … of', nor a relative's town.
@pytest.mark.parametrize("text, language, kept", [
    ("se ríen de mi acento, dicen que hablo como un cani de Sevilla", "spa", "Sevilla"),
    ("ils disent que je parle comme un rappeur de Marseille", "fra", "Marseille"),
])
def test_a_town_as_a_byword_stays(text, language, kept):
    assert not any(kept in f for f in _found(text, language))


@pytest.mark.parametrize("text, language, value", [
    ("Es como una amiga de Pedro que vive en Getafe.", "spa", "Pedro"),
    ("navija za Hajduk a ja sam to napravila za Anu iz Splita.", "hrv", "Anu"),
    ("stiu ca sunt din Comănești si rad de mine", "ron", "Comănești"),
    ("Me visto como una prima de Ávila.", "spa", "Ávila"),
])
def test_a_name_or_town_near_a_byword_is_still_found(text, language, value):
    assert value in _found(text, language)


# In chat, the town written in lower case after a street address, and a lower-case surname
# after a lower-case given name (a surname's ending, or a rare word of no lemma table).
@pytest.mark.parametrize("text, language, value", [
    ("ich wohne in der hauptstraße 17 in gelsenkirchen", "deu", "gelsenkirchen"),
    ("hola me llamo lucía fernández y tengo 13 años", "spa", "lucía fernández"),
    ("ieri giulia esposito ha messo la mia foto nel gruppo", "ita", "giulia esposito"),
    ("andreea popescu mi-a furat parola", "ron", "andreea popescu"),
])
def test_lower_case_towns_after_addresses_and_lower_case_surnames(text, language, value):
    assert value in _found(text, language)


@pytest.mark.parametrize("text, language, word", [
    ("i told emma lol and she laughed", "eng", "lol"),
    ("na adresi Zagrebačka cesta 145, stan 12, Zagreb, polazi Gimnaziju", "hrv", "polazi"),
    ("Živim u Ilici 12 na katu", "hrv", "katu"),
    ("le dije a lucía porfa que no", "spa", "porfa"),
    ("петя готов всех бить", "rus", "готов"),
])
def test_a_word_after_a_lower_case_name_or_an_address_stays(text, language, word):
    assert not any(word in f for f in _found(text, language))


# A lower-case full name in chat after 'I am' or 'my name is' (Greek, which has no lemma
# table, after a strong cue), with a lower-case surname.
@pytest.mark.parametrize("text, language, value", [
    ("bok ja sam ivana horvat i živim u zagrebu", "hrv", "ivana horvat"),
    ("γεια με λένε μαρία παπαδοπούλου και μένω στην πάτρα", "ell", "μαρία παπαδοπούλου"),
])
def test_a_lower_case_full_name_after_i_am(text, language, value):
    assert value in _found(text, language)


@pytest.mark.parametrize("text, language", [
    ("με λένε χοντρή στο σχολείο", "ell"),
    ("ja sam umorna i tužna", "hrv"),
])
def test_a_word_after_i_am_stays(text, language):
    assert _found(text, language) == []


# Greek and Russian chat in Latin letters: a word that spells an ordinary word of the language
# (an insult, a weekday, a function word) is no name; a name of the language's countries, in
# any case form, and a surname by its ending still are.
@pytest.mark.parametrize("text, language, word", [
    ("o Giorgos o Xazos mou egrapse sto insta", "ell", "Xazos"),
    ("grafei sto group oti eimai Kota kai oti 8a me dei to Savvato", "ell", "Kota"),
    ("grafei sto group oti eimai Kota kai oti 8a me dei to Savvato", "ell", "Savvato"),
    ("grafei sto group oti eimai Kota kai oti 8a me dei to Savvato", "ell", "8a"),
    ("vchera on opyat napisal mne chto ya Dura i vse smeyalis", "rus", "Dura"),
    ("kazhdyi den pishet \"ty Lokh\" i kidaet memy", "rus", "Lokh"),
    ("Odin paren iz 9b vylozhil moe foto. Teper vse smeyutsya", "rus", "Teper"),
    ("Odin paren iz 9b vylozhil moe foto. Teper vse smeyutsya", "rus", "Odin"),
    ("ton Ilir ton grafoun na girisei stin Alvania", "ell", "Alvania"),
    ("sthn Deftera o Kwstas me xtypise", "ell", "Deftera"),   # (no district after 'sthn')
])
def test_a_chat_word_in_latin_letters_stays(text, language, word):
    assert not any(word in f for f in _found(text, language))


@pytest.mark.parametrize("text, language, value", [
    ("telika to eipa ston Babi ton proponhth mou", "ell", "Babi"),
    ("xthes h Voula mou egrapse sto insta", "ell", "Voula"),
    ("mou to esteile o Papadopoulos apo to tmima mou", "ell", "Papadopoulos"),
    ("ya rasskazala vse Lenu iz 8b", "rus", "Lenu"),
    ("mne pishet Roma kazhdyi den", "rus", "Roma"),
    ("v chate Ivanov opyat napisal gadosti", "rus", "Ivanov"),
    # (surnames that are words, inside a sentence or after an article; given names that are
    # function words, capitalised; a gender-guesser spelling: found by a review)
    ("o Kokkinos apo to 2o tmhma me xtypaei", "ell", "Kokkinos"),
    ("h Kokkinou mou grafei kathe vrady", "ell", "Kokkinou"),
    ("mou esteile o Iwannou pali", "ell", "Iwannou"),
    ("h Xrysoula apo to tmhma mou me koroidevei", "ell", "Xrysoula"),
    ("xthes h Mia mou esteile oti eimai xazh", "ell", "Mia"),
    ("mne pishet Volkova kazhdyi den", "rus", "Volkova"),
    ("vchera polya skazala chto ya dura", "rus", "polya"),
])
def test_a_name_in_chat_latin_letters_is_still_found(text, language, value):
    assert value in _found(text, language)


# A club or brand that is also a given name is the person after a relation or friend; alone,
# the club.
@pytest.mark.parametrize("text, language, value", [
    ("um so my big sister chelsea she has been getting messages", "eng", "chelsea"),
    ("my cousin Chelsea posted it on her story", "eng", "Chelsea"),
])
def test_a_club_that_is_a_given_name_after_a_relation_is_the_person(text, language, value):
    assert value in _found(text, language)


def test_a_club_that_is_a_given_name_stays_without_a_relation():
    assert _found("he says he is a scout for Chelsea and wants pics", "eng") == []


# A capitalised given name that is also a word is the name as the subject of a verb of saying
# or posting; a pronoun, a relative or a German noun there is none.
@pytest.mark.parametrize("text, language, value", [
    ("Monday Hope told Jaz I fancied Marcus.", "eng", "Hope"),
    ("Aurora dice che non è colpa mia.", "ita", "Aurora"),
    ("Koffi: ékié Grâce a posté sa photo avec Junior", "fra", "Grâce"),
])
def test_a_name_that_is_a_word_as_the_subject_of_saying(text, language, value):
    assert value in _found(text, language)


@pytest.mark.parametrize("text, language", [
    ("Ele disse que mora perto da escola.", "por"),
    ("Meine Oma hat gesagt, ich soll es melden.", "deu"),
    ("Ma mare diu que truqui a la policia.", "cat"),
])
def test_a_pronoun_or_relative_before_saying_stays(text, language):
    assert _found(text, language) == []


def test_a_club_before_a_thing_of_the_club_stays_after_a_relation():
    assert _found("my brother Chelsea shirt got ripped at school", "eng") == []


# ... but not a voice assistant, a relative, a name no country's register counts as more than
# very rare, a game's colour, a holiday, nor before Slovene 'pravi' meaning 'real'; and a
# brand after a relation is the brand before a noun (the 's left out). (Found by a helper.)
@pytest.mark.parametrize("text, language", [
    ("Siri said it would rain today lol.", "eng"),
    ("Siri dice que mañana llueve.", "spa"),
    ("Red said he saw me vent so they voted me out.", "eng"),
    ("Hermana dice que rece todos los días.", "spa"),
    ("Vlada kaže da će škole biti zatvorene.", "hrv"),
    ("Ta Mali pravi junak je rešil mačko.", "slv"),
    ("Babbo Natale ha detto che porterà i regali.", "ita"),
    ("My sister Barbie doll got broken by my brother.", "eng"),
])
def test_no_subject_of_saying_where_no_person_is_meant(text, language):
    assert _found(text, language) == []


# A word right before 'from' and a class names a pupil: a given name in any case, a surname,
# a rare capitalised word; with the word joined to it by 'and' (also a chat nickname there).
@pytest.mark.parametrize("text, language, values", [
    ("lol ok so jack from 7H hacked my xbox account", "eng", {"jack"}),
    ("and Mark from 7H hacked my xbox", "eng", {"Mark"}),
    ("Horvat iz 2.b je vsem poslal mojo golo sliko.", "slv", {"Horvat"}),
    ("Erion: è stato Gabri della 2ªG", "ita", {"Gabri"}),
    ("nu mai pot cu florin din a 10-a A, ma face Țăran", "ron", {"florin"}),
    ("Кузнецов из 7 «Г» класса снял видео", "rus", {"Кузнецов"}),
    ("короче влад и никитос из 9б скинули мою фотку", "rus", {"влад", "никитос"}),
])
def test_a_name_before_from_and_a_class(text, language, values):
    assert values <= set(_found(text, language))


# ... but not a group of pupils, a role, an insult after a plural article, a lower-case
# plural, nor a word before a school that is no class.
@pytest.mark.parametrize("text, language", [
    ("Boys from 8B laughed at me all day.", "eng"),
    ("Someone from 9A posted it.", "eng"),
    ("Ragazzi della 3B ridono di me.", "ita"),
    ("Ha creato un gruppo chiamato «Le Cozze della 3ªA».", "ita"),
    ("Fetele din clasa a 7-a B râd de mine.", "ron"),
    ("Dado šalje gole slike curama iz 2.b razreda.", "hrv"),
    ("Девочки из 9Б смеются надо мной.", "rus"),
    ("там выкладывают фото из школы 88", "rus"),
    # (found by a helper: a determiner before a word that is also a given name, a capitalised
    # noun that the lemma tables know)
    ("that geek from 7A hacked my snap", "eng"),
    ("una niña de 2ºB me pegó en el recreo", "spa"),
    ("cette vache de 5eA m'a insultée", "fra"),
    ("they sent Pictures from 8B to the whole year", "eng"),
    ("ein Streber aus der 8b hat mich verpetzt", "deu"),
])
def test_no_name_before_from_and_a_class_where_no_pupil_is_named(text, language):
    assert [v for v, kind in _found_kinds(text, language) if kind == "PERSON" and v != "Dado"] == []


# Two given names (or a given name and a chat nickname) joined by 'and' at a sentence's start
# name two people, in any case; inside a sentence, or with a word of the language, no one.
@pytest.mark.parametrize("text, language, values", [
    ("ahmed w mazen kano bya5do soury w y7otoha f telegram channel", "ara", {"ahmed", "mazen"}),
    ("i katerinoula kai i sofi eftiaksan fake account", "ell", {"katerinoula", "sofi"}),
    ("мила и ксюха сделали беседу где меня все зовут Корова", "rus", {"мила", "ксюха"}),
    ("Rocky and dean from the estate made a group called ugly girls.", "eng", {"Rocky", "dean"}),
])
def test_a_pair_of_names_opening_a_sentence(text, language, values):
    assert values <= set(_found(text, language))


@pytest.mark.parametrize("text, language", [
    ("ana w 5alti ro7na el mall.", "ara"),
    ("rose and lily are my favourite flowers.", "eng"),
    ("Stau in Galati si nu am curaj sa le zic.", "ron"),
    ("Ne-a pus să cântăm o doină și apoi ne-a filmat.", "ron"),
])
def test_no_pair_of_names_where_words_are_joined(text, language):
    assert [v for v, kind in _found_kinds(text, language) if kind == "PERSON"] == []


# Arabizi districts: a capitalised word after 'f', 'fi', 'bl', 'min' and an article is a
# district, the article with it; not a brand or a frequent English word.
@pytest.mark.parametrize("text, value", [
    ("howa 3aref enna sakneen f 3emaret 12 f el Dokki. a3mel eh?", "el Dokki"),
    ("hala, ana 3bood min il Jahra, 15 sana.", "il Jahra"),
    ("e7na f Masr el Gedida w msh 3arfeen", "Masr el Gedida"),
])
def test_an_arabizi_district_with_its_article(text, value):
    assert (value, "PLACE") in _found_kinds(text, "ara")


def test_no_arabizi_district_for_a_brand_or_an_english_word():
    assert [k for _, k in _found_kinds("nazel sowar f el Insta w mn el School kaman", "ara")
            if k == "PLACE"] == []


# Arabic: 'Abd' with an attribute of God is a compound given name, with the name before it
# and the names after it; 'Ali' after 'my name is' is the name, not 'on me'; the greeting's
# 'ورحمة الله' (and God's mercy) is no one.
@pytest.mark.parametrize("text, value", [
    ("الجار ديالنا عبد الرحيم كيصيفط ليا ميساجات ف ميسنجر", "عبد الرحيم"),
    ("تتعرض صديقتي هدى عبد الرحمن للابتزاز من شخص", "هدى عبد الرحمن"),
    ("أنا الطالب عبدالله محمد الشمري من ثانوية الملك فهد", "عبدالله محمد الشمري"),
    ("أنا اسمي علي وعندي ١٤ سنة", "علي"),
])
def test_arabic_compound_names_and_ali(text, value):
    assert value in _found(text, "ara")


def test_the_arabic_greeting_names_no_one():
    assert [k for _, k in _found_kinds("السلام عليكم ورحمة الله وبركاته، أنا أكتب لكم", "ara")
            if k == "PERSON"] == []


# Arabic script has no capitals: a dictionary given name opening a sentence (or after a
# time word) before a verb of saying, posting or harming is the subject. Roles, relatives,
# pronouns, names that are words stay (some found by a helper).
@pytest.mark.parametrize("text, value", [
    ("حد يلحقني!!! مصطفى نشر رقمي في جروب فيسبوك", "مصطفى"),
    ("وامبارح زياد ضربني قدام الكل", "زياد"),
])
def test_an_arabic_name_as_subject(text, value):
    assert value in _found(text, "ara")


@pytest.mark.parametrize("text", [
    "الأستاذ قال إني غشيت",
    "هو قال إني كذابة",
    "كنت في البيت وواحد نشر صوري",
    "امبارح جدي قال لازم نبلغ",
    "خلاص قالت إنها مش هتنشر تاني",
    "الناس بتقول إنه عبد الفلوس",
])
def test_no_arabic_subject_where_no_name_is(text):
    assert [v for v, kind in _found_kinds(text, "ara") if kind == "PERSON"] == []


# A given name before a comma and a noun for a person is that person's, even a word or a
# town; a greeting before 'my friend' names no one.
@pytest.mark.parametrize("text, language, value", [
    ("Esperanza, una chica de 4ºA, me manda amenazas.", "spa", "Esperanza"),
    ("Bianca, la rappresentante, l'ha detto alla prof.", "ita", "Bianca"),
    ("Hope, my best friend, told me to report it.", "eng", "Hope"),
])
def test_a_name_in_apposition_to_a_person_noun(text, language, value):
    assert value in _found(text, language)


@pytest.mark.parametrize("text, language", [
    ("Thanks, my friend, for helping.", "eng"),
    ("Madrid, una ciudad enorme, me da miedo.", "spa"),
])
def test_no_apposition_without_a_name_and_a_person_noun(text, language):
    assert [v for v, kind in _found_kinds(text, language) if kind == "PERSON"] == []


# Arabic: a title before a name ('الآنسة ريتا', Miss Rita) and two names opening a sentence
# with 'و' written onto the second ('كرم وإيلي').
@pytest.mark.parametrize("text, value", [
    ("ساعدتني الآنسة ريتا وحكت مع المدير.", "ريتا"),
    ("كأني من حلب. كرم وإيلي أول ناس بلّشو.", "كرم"),
])
def test_arabic_title_and_joined_pair(text, value):
    assert value in _found(text, "ara")


# A capitalised word joined by 'and' to a name found is a name too; not a town, a brand or,
# in German, a capitalised noun.
def test_a_partner_of_a_name_found():
    assert "Cata" in _found("Hola, la Cata y el Benja de mi curso hicieron una encuesta.", "spa")


@pytest.mark.parametrize("text, language", [
    ("Lucas y Madrid son lo mejor que tengo.", "spa"),
    ("Lucas y Fortnite me quitan el tiempo.", "spa"),
    ("Der Kevin und Zigeuner sagen die immer zu mir.", "deu"),
])
def test_no_partner_of_a_name_where_a_word_is_joined(text, language):
    persons = [v for v, kind in _found_kinds(text, language) if kind == "PERSON"]
    assert [v for v in persons if v not in ("Lucas", "Kevin")] == []


# A town named as a club's fans or shirt is the club, no one's place or name.
@pytest.mark.parametrize("text, language", [
    ("Ihr Bruder is bei de Rapid-Ultras. Bitte helfts ma.", "deu"),
    ("Die Bayern-Fans haben mich beleidigt.", "deu"),
    ("he was wearing a Chelsea shirt and a Leeds kit", "eng"),
])
def test_a_town_as_a_clubs_fans_or_shirt(text, language):
    assert _found(text, language) == []


# A given name that is also a word ('Jack', 'Mark', 'Claire', 'Pilar', 'Rosa') is the person
# when capitalised inside a sentence after a word joining people or, in English, a verb done
# to someone.
@pytest.mark.parametrize("text, language, value", [
    ("yesterday I told Jack and he laughed", "eng", "Jack"),
    ("I blocked Jack but he made a new account.", "eng", "Jack"),
    ("I was with Mark and Sue at the park.", "eng", "Sue"),
    ("I reported Bob to the moderators.", "eng", "Bob"),
    ("hier j'étais avec Claire et après je suis rentré.", "fra", "Claire"),
    ("ahir vaig estar amb Pilar i després vaig tornar a casa.", "cat", "Pilar"),
    ("ayer estuve con Rosa y después me fui a casa.", "spa", "Rosa"),
])
def test_a_name_that_is_a_word_after_a_verb_done_to_someone(text, language, value):
    assert value in _found(text, language)


@pytest.mark.parametrize("text", [
    "Hope this helps. I told Will it would be fine.",       # a verb after 'told'
    "We met in May and again with Grace Hill Academy.",     # a month; before a capitalised word
    "Mark my words, nobody listens.",                        # opens the sentence
    "my mum likes Angel cake and Karen memes",              # excluded words
    "I hate Mondays and Christmas",                          # a weekday, a holiday
    "my phone case is Rose gold and everyone laughs",       # before a noun
    "I'm learning Python and Ruby at coding club",          # things joined by 'and'
])
def test_no_name_that_is_a_word_elsewhere(text):
    assert [v for v, kind in _found_kinds(text, "eng") if kind == "PERSON"] == []


@pytest.mark.parametrize("text, language", [
    ("mi padre vino con Mercedes nuevo y el Domingo fuimos a la playa.", "spa"),  # a brand, a weekday
    ("depuis Noël et en Mai je reçois des messages.", "fra"),   # a holiday, a month after and
    ("mi tío siempre pide cola con Jack y se enfada.", "spa"),   # an English name-word elsewhere
    ("la bolletta di Gas e Luce non l'abbiamo pagata.", "ita"),  # things joined by 'and'
])
def test_no_name_that_is_a_word_after_with_in_other_languages(text, language):
    assert [v for v, kind in _found_kinds(text, language) if kind == "PERSON"] == []


# A public figure or place right after a school's words is part of the school's name.
@pytest.mark.parametrize("text, language, school", [
    ("voy al CEIP Virgen del Carmen y todos me conocen.", "spa", "CEIP Virgen del Carmen"),
    ("Va sortir de l'Institut Sant Quirze del Vallès amb la Fàtima.", "cat",
     "Institut Sant Quirze del Vallès"),
])
def test_a_public_name_inside_a_schools_name(text, language, school):
    assert (school, "SCHOOL") in _found_kinds(text, language)


# Chat that writes the rest in lower case still capitalises English 'I': a town after 'I live
# in' is written in lower case there too.
@pytest.mark.parametrize("text, town", [
    ("I live in rochdale and everyone at school knows me.", "rochdale"),
    ("I'm from hucknall and they found my house", "hucknall"),
])
def test_a_lower_case_town_after_english_i(text, town):
    assert (town, "PLACE") in _found_kinds(text, "eng")


# 'and' is the note's language's: the Slovene 'in' is no 'and' in English ('Paris in June').
def test_and_is_the_notes_languages():
    assert "June" not in _found("we moved to Paris in June and I hate it.", "eng")
    assert "Neža" in _found("Lea in Neža sta me zmerjali na TikToku.", "slv")


# The Spanish '-ez' surnames of five letters, alone: 'López', 'Pérez', 'Gómez'.
@pytest.mark.parametrize("text, value", [
    ("ayer López me insultó en el grupo.", "López"),
    ("Pérez me quitó el móvil y no me lo devuelve.", "Pérez"),
])
def test_a_short_spanish_surname_alone(text, value):
    assert (value, "PERSON") in _found_kinds(text, "spa")


# A common surname of the language alone, where it is no word, given name or town.
@pytest.mark.parametrize("text, language, value", [
    ("hier Dubois m'a insulté sur le groupe.", "fra", "Dubois"),
    ("Dubois m'a pris mon téléphone.", "fra", "Dubois"),
    ("jučer me Horvat vrijeđao na grupi.", "hrv", "Horvat"),
    ("včeraj me je Krajnc žalil v skupini.", "slv", "Krajnc"),
    ("ieri Esposito mi ha insultato sul gruppo.", "ita", "Esposito"),
])
def test_a_listed_surname_alone(text, language, value):
    assert (value, "PERSON") in _found_kinds(text, language)


@pytest.mark.parametrize("text, language", [
    ("A Costa Vicentina é linda no verão.", "por"),  # a word ('coast')
    ("Božić mi je bio najgori ikad.", "hrv"),        # a holiday acting on the writer
    ("o meu pai trabalha na Costa da Caparica.", "por"),
    ("ich war gestern beim Schneider.", "deu"),     # a word ('tailor')
    ("Vamos ao café Cardoso depois das aulas?", "por"),   # a shop
    ("o Rinaldi Sport fecha às sete.", "por"),             # beside a capitalised word
    ("Medved je velika žival.", "slv"),                   # a noun, dropped from the list
    ("i pantaloni Rossi mi piacciono tanto.", "ita"),     # the writer not the object
    ("das hat mir Angst gemacht.", "deu"),
    ("Mama hat mir Müller Milch gekauft.", "deu"),         # a brand: a capitalised word follows
])
def test_no_listed_surname_that_is_a_word(text, language):
    assert [v for v, kind in _found_kinds(text, language) if kind == "PERSON"] == []


# A listed surname that is also a word ('Rossi', 'Schneider', 'Costa') names a pupil before a
# class, or the subject of a sentence that acts on the writer.
@pytest.mark.parametrize("text, language, value", [
    ("Rossi della 3B mi prende in giro.", "ita", "Rossi"),
    ("Schneider aus der 9c hat mich geschlagen.", "deu", "Schneider"),
    ("Müller hat mich im Bus geschubst.", "deu", "Müller"),
    ("Costa me escreveu ontem à noite.", "por", "Costa"),
    # inside a sentence too, capitalised where the word would not be
    ("ieri Rossi mi ha insultato davanti a tutti.", "ita", "Rossi"),
    ("ontem o Costa me xingou no grupo.", "por", "Costa"),
    ("ahir en Puig em va insultar al grup.", "cat", "Puig"),
    ("gestern hat mich Fischer in der Gruppe beleidigt.", "deu", "Fischer"),   # German order
])
def test_a_listed_surname_that_is_a_word_in_a_strong_context(text, language, value):
    assert (value, "PERSON") in _found_kinds(text, language)


# After a relation, a rare word of the language in lower case is what the relation does, not
# her name ('mia cugina sogniamo', we dream); a given name there is ('prietena mea ioana').
@pytest.mark.parametrize("text, language, word", [
    ("io e mia cugina sogniamo di andare a Londra quando avremo 18 anni", "ita", "sogniamo"),
    ("mio fratello tifa Napoli e io Juve ahah", "ita", "tifa"),
    ("eu și verișoara mea visăm să mergem la Londra când facem 18", "ron", "visăm"),
])
def test_a_verb_after_a_relation_is_no_name(text, language, word):
    assert word not in _found(text, language)


def test_a_lower_case_name_after_a_relation_still_is():
    assert "ioana" in _found("prietena mea ioana mi-a zis sa nu mai scriu", "ron")


# Eurovision, in the forms young people write, is an event, not an unknown proper noun.
@pytest.mark.parametrize("text, language, word", [
    ("gledali smo Euroviziju kod Petre i netko me snimio", "hrv", "Euroviziju"),
    ("gledali smo Evrovizijo pri Petri in nekdo me je posnel", "slv", "Evrovizijo"),
    ("am văzut Eurovisionul la Maria acasă și cineva m-a filmat", "ron", "Eurovisionul"),
])
def test_eurovision_is_no_name(text, language, word):
    assert word not in _found(text, language)


# A surname after a match's words is a person ('po tekmi s Novakom', 'после матча с Ивановым'):
# a club rule tried and dropped (2026-12-07) took them for towns.
@pytest.mark.parametrize("text, language, word", [
    ("po tekmi s Novakom me je začel zmerjati", "slv", "Novakom"),
    ("после матча с Ивановым он мне написал гадости", "rus", "Ивановым"),
    ("nakon utakmice s Kovačevićem me počeo vrijeđati", "hrv", "Kovačevićem"),
    ("I lost to Davies in the chess club final and now he calls me thick every day", "eng", "Davies"),
    ("Mme Laval a perdu patience et m'a tiré par le bras", "fra", "Laval"),
    ("na utakmici protiv Lukića me stalno vrijeđao", "hrv", "Lukića"),
])
def test_a_person_after_a_match_cue_is_still_found(text, language, word):
    assert [v for v in _found(text, language) if word in v]


# A trip to a home stays a place (a trip-destination rule tried and dropped, 2026-12-07).
@pytest.mark.parametrize("text, language, word", [
    ("In vacanza torno a Durazzo dove vive tutta la famiglia di mio padre.", "ita", "Durazzo"),
    ("En vacaciones vuelvo a Nador con mi familia y allí mi tío me pega.", "spa", "Nador"),
    ("durante la gita a Praga sono stata da mia zia a Brno", "ita", "Brno"),
    ("Babi živi v Lendavi, na Glavni ulici 33, in pri njej sem preživela počitnice.", "slv",
     "Glavni ulici 33"),
])
def test_a_trip_to_a_home_stays_a_place(text, language, word):
    assert word in _found(text, language)


# After a trip's words ('vacaciones en', 'in vacanza a'), family or a home in the sentence keeps
# the town a place: it may be where they live ('nella casa dei nonni', 'à côté de notre maison').
@pytest.mark.parametrize("text, language, word", [
    ("La chica que me acosa pasa las vacaciones en Córdoba, en la casa de al lado de la nuestra.", "spa",
     "Córdoba"),
    ("Passo sempre le vacanze a Scalea nella casa dei nonni e un ragazzo mi scrive.", "ita", "Scalea"),
])
def test_a_trip_cue_before_a_home_keeps_the_place(text, language, word):
    assert [v for v in _found(text, language) if word in v]


# The Eurovision named by its host city, and speech compared with a town's in several words,
# name no one's place.
@pytest.mark.parametrize("text, language, word", [
    ("gledali smo Euroviziju iz Malmöa kod Petre i netko me snimio", "hrv", "Malmöa"),
    ("vimos Eurovision de Liverpool en casa de Marta y alguien grabó mi cara", "spa", "Liverpool"),
    ("elle parle comme si elle venait de Marseille pour faire la maligne", "fra", "Marseille"),
    ("говорит как будто она из Одессы чтобы быть смешной", "rus", "Одессы"),
])
def test_an_event_or_a_comparison_names_no_place(text, language, word):
    assert not [v for v in _found(text, language) if word in v]


def test_a_town_in_the_news_stays_a_place():
    # (the news may be the writer's own town: not kept)
    assert "Rochdale" in _found("there was a stabbing in Rochdale near my school and now im scared", "eng")


# A club the lexicon lists, after a place cue, is its town: where someone lives or comes from.
@pytest.mark.parametrize("text, language, word", [
    ("ja sam iz Rijeke i u školi su svi vidjeli video", "hrv", "Rijeke"),
    ("mudámo-nos para o Porto no ano passado e não tenho amigos", "por", "Porto"),
    ("moro em Benfica e toda a gente me conhece", "por", "Benfica"),
])
def test_a_clubs_town_after_a_place_cue_is_a_place(text, language, word):
    assert word in _found(text, language)


# Where the writer comes from, in lower-case chat after 'I am 13 and': 'je suis de', 'aus',
# 'and from' are place cues.
@pytest.mark.parametrize("text, language, word", [
    ("j'ai 13 ans et je suis de rennes, c'est normal?", "fra", "rennes"),
    ("bin 13 und aus bremen, ist es normal solche nachrichten zu bekommen?", "deu", "bremen"),
    ("ich bin 13 und komme aus bremen", "deu", "bremen"),
    ("im 13 and from leeds is this normal", "eng", "leeds"),
])
def test_where_the_writer_comes_from_in_lower_case(text, language, word):
    assert word in _found(text, language)


@pytest.mark.parametrize("text, language", [
    ("je suis de garde ce soir", "fra"),
    ("ich bin aus dem Haus gegangen", "deu"),
    ("pics from school and from Snapchat", "eng"),
])
def test_no_place_after_a_from_cue_without_a_town(text, language):
    assert _found(text, language) == []


# In English, a given name that is also a word, after 'from': 'messages from Jake'; not a
# season, an idiom or a station ('from Summer camp', 'a fall from Grace', 'from Angel station').
def test_a_name_word_after_from():
    assert "Jake" in _found("I got messages from Jake last night", "eng")
    assert "Sue" in _found("texts from Sue every night", "eng")
    for text in ("she came back from Summer camp", "what a fall from Grace lol",
                 "I got the bus from Angel station"):
        assert _found(text, "eng") == []


# A Greek town's case form after a place cue, which the gazetteer's Greek names lack but its
# Latin ones have ('στον Βόλο', Volos).
@pytest.mark.parametrize("text", ["μένω στον Βόλο με τη μαμά μου",
                                  "μετακομίσαμε στον Βόλο πέρσι και δεν έχω φίλους"])
def test_a_greek_towns_case_form_after_a_place_cue(text):
    assert "Βόλο" in _found(text, "ell")


# The writer's companion before 'and I', in any case: 'Frank und ich', 'pilar y yo'; not a
# relative, God, a thing, nor a word of the lemma tables inside a sentence.
@pytest.mark.parametrize("text, language, word", [
    ("Frank und ich wurden im Klassenchat beleidigt", "deu", "Frank"),
    ("pilar y yo fuimos a hablar con la orientadora", "spa", "pilar"),
    ("Rose et moi on est allées voir la CPE", "fra", "Rose"),
    ("Vesna i ja smo prijavile taj profil", "hrv", "Vesna"),
])
def test_a_name_before_and_i(text, language, word):
    assert word in _found(text, language)


@pytest.mark.parametrize("text, language", [
    ("mamá y yo fuimos a la policía", "spa"),
    ("Dios y yo sabemos lo que pasó", "spa"),
    ("Mama und ich haben es gemeldet", "deu"),
    ("I have no more patience and I am afraid", "eng"),
    ("Instagram and I have a complicated relationship", "eng"),
])
def test_no_name_before_and_i_without_one(text, language):
    assert _found(text, language) == []


def test_and_i_written_onto_the_word_in_arabic_is_no_name():
    found = _found("سارة وأنا رحنا للمرشدة", "ara")
    assert "سارة" in found and not any("أنا" in f for f in found)


# A sentence-opening given name before the elided object 'm'' ('Rose m'a défendue'): the
# tokeniser splits 'm'' off the verb, so the object was not seen.
def test_a_name_before_an_elided_object():
    assert "Rose" in _found("Rose m'a défendue devant tout le monde", "fra")
    assert "Rosa" in _found("Rosa m'ha scritto ieri sera", "ita")


# A person described after a comma: 'the one with', a teacher's colloquial title.
@pytest.mark.parametrize("text, language, word", [
    ("Dolores, la de 2ºB, me insultaba cada día", "spa", "Dolores"),
    ("Cruz, el de la moto, se metía conmigo", "spa", "Cruz"),
    ("el Puig, el profe de tutoria, va dir que eren bromes", "cat", "Puig"),
    ("o Ferreira, o stôr de educação física, riu-se", "por", "Ferreira"),
    ("la Bianchi, la prof di mate, ha riso", "ita", "Bianchi"),
])
def test_a_person_described_in_apposition(text, language, word):
    assert word in _found(text, language)


@pytest.mark.parametrize("text, language", [
    ("Madrid, la de los Austrias, es preciosa", "spa"),
    ("Instagram, el de las fotos, me bloqueó la cuenta", "spa"),
    ("Vale, la de ayer fue peor", "spa"),
    ("Lyon, celle de mon enfance, me manque", "fra"),
])
def test_no_person_in_apposition_without_a_name(text, language):
    assert _found(text, language) == []


# The writer's group as object ('ci', 'nos', 'нас') after an article and a listed surname, or
# after a sentence-opening Russian surname; an Arabic word-name before a verb of saying.
@pytest.mark.parametrize("text, language, word", [
    ("la Bianchi ci ha sgridato perché ridevamo", "ita", "Bianchi"),
    ("la García nos castigó sin recreo", "spa", "García"),
    ("Петрова нас сдала классной", "rus", "Петрова"),
    ("Иванова меня ударила на перемене", "rus", "Иванова"),
    ("نور كتبت عني كلام سيء في الانستغرام", "ara", "نور"),
    ("سيف قال إنو رح ينشر", "ara", "سيف"),
])
def test_a_surname_or_word_name_acting_on_the_writer(text, language, word):
    assert word in _found(text, language)


def test_a_town_or_a_noun_acting_on_the_writer_stays():
    assert _found("Москва нас встретила дождём", "rus") == []
    assert _found("النور قطع امبارح", "ara") == []


# Child helplines are public names: 'Telefono Azzurro', 'TOM telefon'.
def test_a_child_helpline_is_no_person():
    assert "Azzurro" not in _found("Rosa mi ha detto di chiamare il Telefono Azzurro", "ita")
    assert _found("Poklicala sem TOM telefon in mi je pomagalo", "slv") == []


# An adverb inside a place cue ('wohnt jetzt in'); Greek 'στου', 'στα' before a district.
@pytest.mark.parametrize("text, language, word", [
    ("Mein Bruder wohnt jetzt in Ehrenfeld", "deu", "Ehrenfeld"),
    ("vivo ahora en Getafe con mi tía", "spa", "Getafe"),
    ("μένω στου Ζωγράφου και εκεί έγινε", "ell", "Ζωγράφου"),
    ("μένουμε στα Πετράλωνα", "ell", "Πετράλωνα"),
])
def test_a_place_after_a_cue_with_an_adverb_or_a_greek_article(text, language, word):
    assert word in _found(text, language)


# An Arabic word-name before a one-word relation with 'my' written on ('أمل صديقتي', Amal my
# friend); not a greeting ('سلام صديقي', hello my friend) nor a word with the article.
def test_an_arabic_word_name_before_my_friend():
    assert "أمل" in _found("أمل صديقتي الوحيدة التي ساعدتني", "ara")
    assert _found("سلام صديقي، كيفك", "ara") == []
    assert _found("الأمل صديقي", "ara") == []


# In lower-case chat, a given name opening a sentence that acts on the writer, where a noun
# would need its article ('bruna me mandou', 'pilar me dijo'); not what the writer likes.
def test_a_lower_case_name_acting_on_the_writer():
    assert "bruna" in _found("bruna me mandou mensagens horríveis", "por")
    assert "pilar" in _found("pilar me dijo que lo denunciara", "spa")
    assert _found("rosa me queda fatal", "spa") == []
    assert _found("mira me han dicho que soy fea", "spa") == []
    assert _found("rosa mi piace tantissimo come colore", "ita") == []


# Where a child met or was waited for: the name after a verb of meeting and its preposition
# is a place, whatever it names (a mall, a station, a square); German puts the verb last.
@pytest.mark.parametrize("text, language, word", [
    ("we met outside Westfield and he was way older", "eng", "Westfield"),
    ("quedamos en el Retiro y no era como en las fotos", "spa", "Retiro"),
    ("me dijo de vernos en Moncloa un sábado", "spa", "Moncloa"),
    ("ne-am văzut la AFI și era mult mai mare", "ron", "AFI"),
    ("on s'est vus à la Part-Dieu et il était plus vieux", "fra", "Part-Dieu"),
    ("dobila sva se v BTC-ju in je bil veliko starejši", "slv", "BTC-ju"),
    ("встретились у метро Выхино и он был старше", "rus", "Выхино"),
    ("wir haben uns am Kröpcke getroffen und er war viel älter", "deu", "Kröpcke"),
    ("er will sie am Samstag in der Stadtgalerie treffen", "deu", "Stadtgalerie"),
])
def test_where_someone_was_met_is_a_place(text, language, word):
    assert word in _found(text, language)


@pytest.mark.parametrize("text, language", [
    ("we met at Easter and he was nice at first", "eng"),
    ("he was waiting for me at the Cinema", "eng"),
    ("nos vimos en la Playa el verano pasado", "spa"),
    ("wir haben uns im Kino getroffen", "deu"),
    ("we met in May at the park", "eng"),
    ("we met at McDonald's after school", "eng"),
    ("wir haben uns im Internet getroffen", "deu"),
    ("er will sie am Samstag treffen, sagt er lebt in Amerika", "deu"),
])
def test_no_meeting_place_without_a_name(text, language):
    assert _found(text, language) == []


# A given name opening a sentence as the subject of 'is the only one who' is a person, even
# where it is also a word; not a town or a thing.
@pytest.mark.parametrize("text, language, word", [
    ("Gioia è l'unica che mi ha difesa quando mi prendevano in giro", "ita", "Gioia"),
    ("Rose est la seule qui m'a défendue", "fra", "Rose"),
    ("أمل هي الوحيدة اللي دافعت عني قدام البنات", "ara", "أمل"),
    ("Ernst ist der einzige, der mir geglaubt hat", "deu", "Ernst"),
])
def test_the_only_one_who_is_a_person(text, language, word):
    assert word in _found(text, language)


def test_the_only_thing_or_town_is_no_person():
    assert _found("Hope is the only thing keeping me going", "eng") == []
    assert _found("Art is the only one that helps me", "eng") == []
    assert _found("Roma è l'unica città che amo", "ita") == []


# A helper's traps for the rules above: a pronoun that is also a given name, God, a partner's
# pet name, an interjection before a clause, an insult ending like a surname.
@pytest.mark.parametrize("text, language", [
    ("Ella m'ha insultat davant de tothom", "cat"),
    ("Ella i jo vam deixar de parlar", "cat"),
    ("Ona nas je zmerjala pred vsemi", "slv"),
    ("Dieu m'a sauvée", "fra"),
    ("Amor y yo llevamos un año juntos y él me controla el móvil", "spa"),
    ("Gestern Mami und ich haben mit der Lehrerin geredet", "deu"),
    ("Jope, el que me insultó era de mi clase", "spa"),
    ("Bua, el profe no va fer res", "cat"),
    ("Lowkey, the girl who posted it was jealous", "eng"),
    ("Mano, o que aconteceu foi muito grave", "por"),
    ("Вредина меня сдала учителю", "rus"),
    ("Корова меня толкнула", "rus"),
    ("Ростов меня вдохновил", "rus"),
])
def test_no_person_in_the_helpers_traps(text, language):
    assert [v for v, kind in _found_kinds(text, language) if kind == "PERSON"] == []


def test_a_russian_masculine_surname_acting_on_the_writer():
    assert "Козлов" in _found("Козлов меня ударил на перемене", "rus")
    assert "Иванов" in _found("Иванов нам угрожал в чате", "rus")


def test_more_helplines_are_public_names():
    assert _found("Ho chiamato il Telefono Rosa e mi hanno aiutata", "ita") == []
    assert _found("Generazioni Connesse ha un numero per i ragazzi", "ita") == []
    assert _found("La Cruz Roja me ayudó", "spa") == []


# Who was told, blocked or reported, right after the verb and its preposition, even where the
# name is also a word; German with the verb last.
@pytest.mark.parametrize("text, language, word", [
    ("bloqueé a Paz pero me seguía escribiendo desde otra cuenta", "spa", "Paz"),
    ("se lo conté a Mercedes y ella avisó al jefe de estudios", "spa", "Mercedes"),
    ("ho scritto a serena su whatsapp ma non mi risponde", "ita", "serena"),
    ("ich hab finn blockiert aber er hat einen fake account gemacht", "deu", "finn"),
    ("j'ai bloqué Rose sur snap", "fra", "Rose"),
])
def test_who_was_told_or_blocked(text, language, word):
    assert word in _found(text, language)


@pytest.mark.parametrize("text, language", [
    ("ho scritto a mano una lettera", "ita"),
    ("se lo conté a mi madre", "spa"),
    ("le dije a Dios que me ayudara", "spa"),
    ("bloqueé a Instagram en el móvil", "spa"),
    ("ich hab den Sommer blockiert", "deu"),
])
def test_no_one_told_without_a_name(text, language):
    assert _found(text, language) == []


# A name's case form put first before 'sem'/'sam' and a verb done to someone; a name's
# possessive before a relative ('Lenas Freund', 'Gašperjev brat').
@pytest.mark.parametrize("text, language, word", [
    ("Luki sem rekel naj neha ampak se je samo smejal", "slv", "Luki"),
    ("Blaža sem prijavila na tiktoku", "slv", "Blaža"),
    ("Ivanu sam rekla sve", "hrv", "Ivanu"),
    ("Lenas Freund hat mich dann auch noch bedroht", "deu", "Lenas"),
    ("Gašperjev brat je delil video po celi šoli", "slv", "Gašperjev"),
    ("Majina sestra mi je pisala grde stvari", "slv", "Majina"),
])
def test_a_fronted_or_possessive_name(text, language, word):
    assert word in _found(text, language)


def test_no_fronted_or_possessive_name_without_one():
    assert _found("Doma sem rekla mami, kaj se je zgodilo", "slv") == []
    assert _found("Teti sem rekla vse", "slv") == []
    assert _found("Tati sam rekla sve", "hrv") == []
    assert _found("Lenas Handy wurde gehackt", "deu") == ["Lenas"]
    assert _found("Alles Gute zum Geburtstag", "deu") == []
    kinds = _found_kinds("Dobila sva se na Prešernov trg", "slv")
    assert "Prešernov" not in [v for v, k in kinds if k == "PERSON"]


# A school year named with its stage says which children are meant; not after 'since', and
# not a year, a pencil or a motorway.
@pytest.mark.parametrize("text, language, word", [
    ("theres this girl in year nine who posts pics of people", "eng", "year nine"),
    ("back in seventh grade a boy kept sending me stuff", "eng", "seventh grade"),
    ("cuando estaba en cuarto de la eso me hicieron una cuenta falsa", "spa", "cuarto de la eso"),
    ("quando ero in seconda media mi hanno creato un profilo falso", "ita", "seconda media"),
    ("als ich in die siebte Klasse ging hat jemand einen Fake-Account gemacht", "deu", "siebte Klasse"),
    ("kad sam išla u osmi razred netko je napravio lažni profil", "hrv", "osmi razred"),
    ("в седьмом классе мне сделали фейковый аккаунт", "rus", "седьмом классе"),
    ("όταν ήμουν τρίτη γυμνασίου μου έφτιαξαν ψεύτικο προφίλ", "ell", "τρίτη γυμνασίου"),
    ("quand j'étais en sixième on m'a créé un faux compte", "fra", "sixième"),
])
def test_a_school_year_is_a_school_reference(text, language, word):
    assert word in _found(text, language)


@pytest.mark.parametrize("text, language", [
    ("mene so že od 5. razreda zmerjali", "slv"),
    ("меня буллили с первого класса", "rus"),
    ("it happened in year 2020 and two years ago", "eng"),
    ("he threw a pencil at me, grade A idiot", "eng"),
    ("il était en première ligne quand ça a commencé", "fra"),
])
def test_no_school_year_without_one(text, language):
    assert [v for v, k in _found_kinds(text, language) if k == "SCHOOL"] == []


# A helper's traps for the school-year rule: a span of time, a ticket's class, an average.
@pytest.mark.parametrize("text, language", [
    ("the first year of the pandemic was the worst online", "eng"),
    ("it's the 2nd year in a row I got hacked", "eng"),
    ("o primeiro ano da pandemia foi horrível", "por"),
    ("il primo anno di pandemia stavo sempre online", "ita"),
    ("la prima media della partita era bassa", "ita"),
    ("die erste Klasse im Zug war voll", "deu"),
    ("первый класс в самолёте стоит дорого", "rus"),
    ("prvi razred robe je skuplji", "hrv"),
    ("en troisième lieu, il m'a menacée", "fra"),
])
def test_no_school_year_in_the_helpers_traps(text, language):
    assert [v for v, k in _found_kinds(text, language) if k == "SCHOOL"] == []


# A country's case form that a town shares ('Армения' is also a Colombian town, 'Nepal' a
# village) is the country, as the nominative is; a town three letters past a country's name
# stays a town ('Samobor', 'Samoa').
@pytest.mark.parametrize("text, language, word", [
    ("пишут, что её семью выгонят обратно в Армению", "rus", "Армению"),
    ("moj frend suman je iz nepala i ne priča dobro", "hrv", "nepala"),
    ("pravijo, da sem čefurka, ker je mami iz Bosne", "slv", "Bosne"),
])
def test_a_country_in_a_case_form_is_no_place(text, language, word):
    assert word not in _found(text, language)


def test_a_town_past_a_country_name_stays_a_place():
    assert "Samoboru" in _found("Živim u Samoboru i idem u školu.", "hrv")


# A cue written with an elided article ('maillot d'', 'je viens d'') was never read: the text
# before a word is read without its apostrophe. A club's town after one is no one's place; a
# chat's next speaker after the club is still a person.
def test_a_club_after_an_elided_article_is_no_place():
    assert "Anderlecht" not in _found("il porte le maillot d'Anderlecht tous les jours", "fra")


def test_the_next_speaker_after_a_club_is_a_person():
    found = _found("Amélie: c'est lui mdr avec son maillot d'Anderlecht Jordy: on lui fait un compte", "fra")
    assert "Jordy" in found and "Anderlecht" not in " ".join(found)


# Arabic places of two words: a kind of place and its name, or a definite noun and adjective;
# after 'I am <name> from', and after a verb of living with 'ف' written on.
@pytest.mark.parametrize("text, place", [
    ("احنا ساكنين في مدينة نصر من زمان", "مدينة نصر"),
    ("أنا ماريا من برج حمود. إيميلي عندكم", "برج حمود"),
    ("المهم انا ريان من باب الوادي واحد سرقلي الحساب", "باب الوادي"),
    ("وحنا ساكنين فالحي المحمدي من زمان", "فالحي المحمدي"),
    ("أنا ساكنة فسيدي مومن وكيعيطو ليا", "فسيدي مومن"),
    ("سلام، أنا ياسين من فاس، عندي 16 عام.", "فاس"),
])
def test_an_arabic_place_of_two_words_is_replaced_whole(text, place):
    assert place in _found(text, "ara")


@pytest.mark.parametrize("text, word", [
    ("على باب شقتنا في شارع عباس العقاد ١٤", "باب شقتنا"),
    ("أنا سارة من الصف الثامن", "الصف"),
    ("أنا سارة من زمان بحب الرسم", "زمان"),
    # a helper's traps: a car's door, a star sign, a funfair, the third floor
    ("فتح باب السيارة وقال اركبي", "السيارة"),
    ("برج العقرب بتاعي بيقول إني عصبية", "العقرب"),
    ("قال نتقابل في مدينة الألعاب", "الألعاب"),
    ("احنا ساكنين فالطابق التالت", "التالت"),
])
def test_no_arabic_place_phrase_of_ordinary_words(text, word):
    assert not any(word in f for f in _found(text, "ara") if f != "الصف الثامن")


# A given name that is also a word, right before a surname found, is part of the name ('Ζωή',
# life, stayed beside the surname's token); a rare capitalised word in a list of names is a
# name even where it is also an obscure language's name ('Chaima', a Cariban language).
def test_a_word_name_before_a_surname_joins_the_name():
    assert "Ζωή Αντωνίου" in _found("Περιγραφή: η πρώην κολλητή μου Ζωή Αντωνίου ήξερε τον κωδικό.", "ell")


def test_a_rare_name_in_a_list_of_names_is_a_name():
    assert "Chaïma" in _found("Walid m'a envoyé le screen où Sarah, Imane et Chaïma se moquent.", "fra")


# A helper's traps for those two rules: 'Hope' as 'I hope', a second given name, pets, German nouns.
@pytest.mark.parametrize("text, language, word", [
    ("Hope Mia feels better soon she was crying all day", "eng", "Hope"),
    ("we say Grace Emily always laughs at me for it", "eng", "Grace"),
    ("echo de menos a Lucía, Marta y Mochi (mi gata)", "spa", "Mochi"),
    ("mes préférés: Léa, Inès et Mochi mon chat", "fra", "Mochi"),
    ("Ich habs Lena, Mia und Schulsozialarbeiterin erzählt", "deu", "Schulsozialarbeiterin"),
])
def test_no_name_joined_or_listed_in_the_helpers_traps(text, language, word):
    assert not any(word in f for f in _found(text, language))


# Arabic: a name of the wide index that is no frequent word, as the subject of a verb of
# saying or harming ('وامبارح حمادة ضربني'); dialect relatives never ('وامبارح اخويا ضربني');
# such a verb after a relation is what the relation did ('وبعدين اختي قالتلي').
@pytest.mark.parametrize("text, name", [
    ("وامبارح حمادة ضربني قدام الكل", "حمادة"),
    ("لما سيف عرف عنواني بقى يستناني", "سيف"),
])
def test_an_arabic_name_of_the_wide_index_as_a_subject(text, name):
    assert name in _found(text, "ara")


@pytest.mark.parametrize("text", ["وامبارح اخويا ضربني", "وبعدين اختي قالتلي", "وامبارح صاحبي قالي"])
def test_no_arabic_name_in_a_relative_or_what_it_did(text):
    assert _found(text, "ara") == []


# Everyday epithets of each language, capitalised as nicknames, are no one's name (lexicon
# not_names; a helper's 198 insults, written without the list: 21 -> 12 replaced).
@pytest.mark.parametrize("text, language, word", [
    ("Marin: pa je Gorila, nek se zna", "hrv", "Gorila"),
    ("Antonio: da, pravi Tovar", "hrv", "Tovar"),
    ("zio mi insultano tutti tipo Sfigato e Mongo, e lui se la tira", "ita", "Mongo"),
    ("Алена: ахахах Ботан опять ноет", "rus", "Ботан"),
    ("el Marcel penja les meves fotos amb Gitana escrit a sobre", "cat", "Gitana"),
    ("mon surnom c'est Cochon depuis la sixième", "fra", "Cochon"),
])
def test_an_everyday_epithet_is_no_name(text, language, word):
    assert not any(word in f for f in _found(text, language))


# A function word of a name found is no name where it recurs: 'The' of 'The Cows' had every
# 'the' and 'they' of the note replaced.
def test_a_function_word_of_a_name_does_not_recur():
    found = _found("they made a group called 'The Cows' and added all the girls they hate", "eng")
    assert "they" not in found and "the" not in found


# A second club supported with the cue's own preposition is public too ('torce pro Flamengo e
# eu pro Santos'); 'and not in' names the true place ('kao da je odrasla u Beču, a ne u Zaboku').
@pytest.mark.parametrize("text, language, word", [
    ("o Caio torce pro Flamengo e eu pro Santos, aí depois do jogo ele começou", "por", "Santos"),
    ("in vse zato ker navija za Koper namesto za Gorico pa je reku da", "slv", "Gorico"),
])
def test_a_rival_club_is_no_place(text, language, word):
    assert not any(word in f for f in _found(text, language))


def test_a_place_after_and_not_stays_a_place():
    assert "Zaboku" in _found("A sama priča kao da je odrasla u Beču, a ne u Zaboku. Jučer je", "hrv")


# After a personal article an insult of the lexicon is a name only where some country uses
# the name more than very rarely ('la Mar'; not 'la Bleda', chard, a given name somewhere).
def test_an_insult_after_a_personal_article_is_no_name():
    assert "Bleda" not in _found("Pol: mireu la Bleda fent el ridícul", "cat")
    assert "Mar" in _found("ahir la Mar em va escriure", "cat")


def test_an_arabic_country_with_its_clitic_is_no_place():
    # ('بالكويت', in Kuwait, is the country as 'الكويت' is, not the city of the same name)
    assert _found("احنا ساكنين بالكويت من سنتين", "ara") == []


# A kin noun names the relative after it, bare or after any possessive or article ('his son
# Mark', 'mein Stiefbruder Till'), when the word is a given name, even one that is also a word;
# not the verb, object or adverb a bare noun is written before, nor a holiday.
@pytest.mark.parametrize("text, language, name", [
    ("Mr Dobbs gave me a low mark and then his son Mark started a rumour on Snapchat", "eng", "Mark"),
    ("Her grandpa Frank has been in hospital since Tuesday so she has been really quiet", "eng", "Frank"),
    ("mein Stiefbruder Till hat mir mein Handy weggenommen und die Nachrichten gelesen", "deu", "Till"),
    ("sa tante Rose l'emmène au collège tous les matins depuis que son père est parti", "fra", "Rose"),
    ("njen sin Maj že teden dni ne hodi v šolo, pravi razredničarka", "slv", "Maj"),
])
def test_a_relative_is_named_after_a_kin_noun(text, language, name):
    assert name in _found(text, language)


@pytest.mark.parametrize("text, language, word", [
    ("ich hab meinem Bruder Bescheid gesagt, dass er mich abholen soll", "deu", "Bescheid"),
    ("unos estafadores se hicieron pasar por Correos y mi abuela clicó en el enlace", "spa", "clicó"),
    ("tio Literal me han dejado sola en el recreo otra vez", "spa", "Literal"),
    ("dalla nonna Natale e Pasqua sono sempre uguali", "ita", "Natale"),
])
def test_a_word_after_a_kin_noun_stays(text, language, word):
    assert not any(word in f for f in _found(text, language))


# At a sentence's start a frequent word that gender-guesser ranks a very rare name somewhere
# is the word ('Ζήλια.', jealousy; 'Išla sam', I went; 'Sretan sam', happy); a name of the
# language's own list or a vocative of a common name stays a name ('Pepe, …', 'Στέλιο …').
@pytest.mark.parametrize("text, language, word", [
    ("Ζήλια. Ο Στέλιος με λέει φάλαινα στο insta.", "ell", "Ζήλια"),
    ("Išla sam kod pedagoginje ali nije pomoglo.", "hrv", "Išla"),
    ("Sretan sam sto sam napokon rekao mami.", "hrv", "Sretan"),
])
def test_a_frequent_word_at_a_sentence_start_is_no_very_rare_name(text, language, word):
    assert word not in _found(text, language)


@pytest.mark.parametrize("text, language, name", [
    ("Pepe, el hermano de mi amiga, me pedía fotos por Instagram", "spa", "Pepe"),
    ("Στέλιο σταμάτα του έγραψα", "ell", "Στέλιο"),
    ("Ζήλια. Ο Στέλιος με λέει φάλαινα στο insta.", "ell", "Στέλιος"),
])
def test_a_common_name_at_a_sentence_start_stays_a_name(text, language, name):
    assert name in _found(text, language)


def test_a_sentence_opening_preposition_is_no_district():
    # ('U kvartu', in the neighbourhood, was replaced as a district named 'U')
    assert _found("Išla sam kod pedagoginje. U kvartu me svi zovu krava.", "hrv") == []
    assert "Trnskom kvartu" in _found("Živim na Trnju, u Trnskom kvartu.", "hrv")


def test_a_country_named_like_a_person_before_a_surname_is_the_name():
    assert "Montserrat Puigdomènech" in _found("Other: Montserrat Puigdomènech, the tutor", "eng")
    assert _found("We went to Montserrat Island last year", "eng") == []


def test_a_lower_case_word_after_a_cue_in_a_cased_sentence_is_the_word():
    # ('una mia amica normopeso', a friend of normal weight, had 'normopeso' replaced as her name)
    text = "Lo stesso vestito su di me o su una mia amica normopeso sia diverso, starà meglio a lei."
    assert _found(text, "ita") == []
    assert "giulia" in _found("ieri la mia amica giulia mi ha scritto", "ita")
