"""Write N synthetic, multilingual, dirty consultation notes for benchmarks (project-written,
illustrative: no real person, answer or organisation).

    python scripts/synth_notes.py OUT_DIR [N]

Writes OUT_DIR/notes.csv (columns note_id, respondent, question_id, language, age_band,
gender, country, text, text_en; UTF-8) and returns its ``notes_table`` source entry
(:func:`write`). Respondents answer four or five questions each, among four free-text
questions and one word-list question (``associated_words``, left out of note topics by
``params.topics.word_list_questions``). Answers are in eight languages, built from
per-language sentences with their English translation (``text_en``, empty for English and for
about 2% of the others), so that nearly every answer is a distinct text, as in a real
consultation. Dirt, in the shares below (:data:`SHARES`): empty answers (rejected by ingest,
``missing_text_original``), non-answers ("no", "idk", "nu"...), emojis, language written as a
name or in capitals, answers pasted again by another respondent (duplicates), a repeated
note ID (``duplicate_source_key``), and planted personal data the privacy stage must replace:
given names with a surname, phone numbers, e-mail addresses (reserved ``.example`` domain)
and handles. Seeded: the same N gives the same file, byte for byte; it streams row by row, so
N can be 1,000,000.
"""
from __future__ import annotations

import csv
import random
import sys
from pathlib import Path

SEED = 20261203
LANGS = ("en", "fr", "es", "pt", "de", "it", "ro", "el")
LANG_LABELS = {"en": ["en", "EN", "English"], "fr": ["fr", "FR", "French"],
               "es": ["es", "Spanish", "ES"], "pt": ["pt", "pt-BR"], "de": ["de", "DE"],
               "it": ["it", "Italian"], "ro": ["ro", "Romanian"], "el": ["el", "Greek"]}
COUNTRIES = {"en": ["UK", "United Kingdom", "Kenya", "Philippines", "Nigeria", "Ireland"],
             "fr": ["France", "Côte d'Ivoire", "Cote d’Ivoire", "Belgique", "Sénégal"],
             "es": ["España", "México", "Colombia", "Chile"], "pt": ["Brasil", "Portugal"],
             "de": ["Deutschland", "Österreich", "Schweiz"], "it": ["Italia", "Italy"],
             "ro": ["România", "Romania"], "el": ["Ελλάδα", "Greece", "Cyprus"]}
AGE_BANDS = ["13-15", "16-18", "19-24"]
GENDERS = ["girl", "boy", "non-binary", "prefer not to say", ""]
QUESTIONS = ("barriers", "what_works", "peer_help", "recommendations", "associated_words")

# Per question, themes; per theme, sentences as {language: text}, English first (the
# translation). Written for this benchmark; illustrative.
SENTENCES: dict[str, list[list[dict[str, str]]]] = {
    "barriers": [
        [{"en": "I was scared someone at home would find out if I called",
          "fr": "J'avais peur que quelqu'un à la maison l'apprenne si j'appelais",
          "es": "Tenía miedo de que alguien en casa se enterara si llamaba",
          "pt": "Tinha medo de que alguém em casa descobrisse se eu ligasse",
          "de": "Ich hatte Angst, dass es zu Hause jemand merkt, wenn ich anrufe",
          "it": "Avevo paura che qualcuno a casa lo scoprisse se chiamavo",
          "ro": "Mi-era frică să nu afle cineva de acasă dacă sunam",
          "el": "Φοβόμουν ότι κάποιος στο σπίτι θα το μάθαινε αν τηλεφωνούσα"},
         {"en": "my parents check my phone so I never ask for help",
          "fr": "mes parents regardent mon téléphone donc je ne demande jamais d'aide",
          "es": "mis padres revisan mi móvil así que nunca pido ayuda",
          "pt": "os meus pais veem o meu telemóvel por isso nunca peço ajuda",
          "de": "meine Eltern kontrollieren mein Handy, deshalb frage ich nie um Hilfe",
          "it": "i miei genitori controllano il telefono quindi non chiedo mai aiuto",
          "ro": "părinții îmi verifică telefonul așa că nu cer niciodată ajutor",
          "el": "οι γονείς μου ελέγχουν το κινητό μου και δεν ζητάω ποτέ βοήθεια"}],
        [{"en": "people think you are exaggerating about a few messages",
          "fr": "les gens pensent que tu exagères pour quelques messages",
          "es": "la gente piensa que exageras por unos mensajes",
          "pt": "as pessoas acham que estás a exagerar por causa de umas mensagens",
          "de": "die Leute denken, man übertreibt wegen ein paar Nachrichten",
          "it": "la gente pensa che esageri per qualche messaggio",
          "ro": "oamenii cred că exagerezi pentru câteva mesaje",
          "el": "οι άλλοι νομίζουν ότι υπερβάλλεις για μερικά μηνύματα"},
         {"en": "I was ashamed and did not want anyone to know",
          "fr": "j'avais honte et je ne voulais pas que quelqu'un le sache",
          "es": "me daba vergüenza y no quería que nadie lo supiera",
          "pt": "tinha vergonha e não queria que ninguém soubesse",
          "de": "ich habe mich geschämt und wollte nicht, dass es jemand weiß",
          "it": "mi vergognavo e non volevo che nessuno lo sapesse",
          "ro": "mi-era rușine și nu voiam să știe nimeni",
          "el": "ντρεπόμουν και δεν ήθελα να το μάθει κανείς"}],
        [{"en": "I did not know which service to contact",
          "fr": "je ne savais pas quel service contacter",
          "es": "no sabía a qué servicio acudir",
          "pt": "não sabia que serviço contactar",
          "de": "ich wusste nicht, an welche Stelle ich mich wenden kann",
          "it": "non sapevo a quale servizio rivolgermi",
          "ro": "nu știam ce serviciu să contactez",
          "el": "δεν ήξερα σε ποια υπηρεσία να απευθυνθώ"},
         {"en": "when I reported it nobody answered",
          "fr": "quand je l'ai signalé personne n'a répondu",
          "es": "cuando lo denuncié nadie respondió",
          "pt": "quando denunciei ninguém respondeu",
          "de": "als ich es gemeldet habe, hat niemand geantwortet",
          "it": "quando l'ho segnalato nessuno ha risposto",
          "ro": "când am raportat nu a răspuns nimeni",
          "el": "όταν το ανέφερα δεν απάντησε κανείς"}],
    ],
    "what_works": [
        [{"en": "chat is easier than calling because nobody can hear me",
          "fr": "le chat est plus facile qu'appeler parce que personne ne m'entend",
          "es": "el chat es más fácil que llamar porque nadie me oye",
          "pt": "o chat é mais fácil do que ligar porque ninguém me ouve",
          "de": "Chatten ist leichter als Anrufen, weil mich niemand hört",
          "it": "la chat è più facile che chiamare perché nessuno mi sente",
          "ro": "chatul e mai ușor decât să suni pentru că nu mă aude nimeni",
          "el": "το chat είναι πιο εύκολο από το τηλέφωνο γιατί δεν με ακούει κανείς"},
         {"en": "I can write at night and take my time",
          "fr": "je peux écrire la nuit et prendre mon temps",
          "es": "puedo escribir de noche y tomarme mi tiempo",
          "pt": "posso escrever à noite e com calma",
          "de": "ich kann nachts schreiben und mir Zeit lassen",
          "it": "posso scrivere di notte e prendermi il mio tempo",
          "ro": "pot să scriu noaptea și să-mi iau timp",
          "el": "μπορώ να γράφω το βράδυ και να πάρω τον χρόνο μου"}],
        [{"en": "it helped that the counsellor did not judge me",
          "fr": "ça m'a aidé que l'écoutant ne me juge pas",
          "es": "me ayudó que la orientadora no me juzgara",
          "pt": "ajudou que a conselheira não me julgasse",
          "de": "es hat geholfen, dass die Beraterin mich nicht verurteilt hat",
          "it": "mi ha aiutato che l'operatrice non mi giudicasse",
          "ro": "m-a ajutat că consilierul nu m-a judecat",
          "el": "με βοήθησε που η σύμβουλος δεν με έκρινε"},
         {"en": "being anonymous made it possible to talk",
          "fr": "être anonyme m'a permis de parler",
          "es": "ser anónimo me permitió hablar",
          "pt": "ser anónimo permitiu-me falar",
          "de": "anonym zu sein hat das Reden möglich gemacht",
          "it": "essere anonimo mi ha permesso di parlare",
          "ro": "faptul că eram anonim m-a ajutat să vorbesc",
          "el": "η ανωνυμία με βοήθησε να μιλήσω"}],
        [{"en": "the report button on the app removed the post quickly",
          "fr": "le bouton signaler de l'appli a supprimé la publication vite",
          "es": "el botón de denunciar de la app borró la publicación rápido",
          "pt": "o botão de denunciar da app apagou a publicação depressa",
          "de": "der Melde-Button in der App hat den Beitrag schnell entfernt",
          "it": "il tasto segnala dell'app ha tolto il post in fretta",
          "ro": "butonul de raportare din aplicație a șters postarea repede",
          "el": "το κουμπί αναφοράς της εφαρμογής αφαίρεσε γρήγορα την ανάρτηση"},
         {"en": "blocking the account stopped the messages",
          "fr": "bloquer le compte a arrêté les messages",
          "es": "bloquear la cuenta paró los mensajes",
          "pt": "bloquear a conta parou as mensagens",
          "de": "das Konto zu blockieren hat die Nachrichten gestoppt",
          "it": "bloccare l'account ha fermato i messaggi",
          "ro": "blocarea contului a oprit mesajele",
          "el": "το μπλοκάρισμα του λογαριασμού σταμάτησε τα μηνύματα"}],
    ],
    "peer_help": [
        [{"en": "I told my best friend first and she came with me to the teacher",
          "fr": "je l'ai dit d'abord à ma meilleure amie et elle est venue avec moi voir la prof",
          "es": "se lo conté primero a mi mejor amiga y vino conmigo a ver a la profesora",
          "pt": "contei primeiro à minha melhor amiga e ela foi comigo falar com a professora",
          "de": "ich habe es zuerst meiner besten Freundin erzählt und sie kam mit zur Lehrerin",
          "it": "l'ho detto prima alla mia migliore amica e lei è venuta con me dalla prof",
          "ro": "i-am spus mai întâi celei mai bune prietene și a venit cu mine la profesoară",
          "el": "το είπα πρώτα στην κολλητή μου και ήρθε μαζί μου στην καθηγήτρια"},
         {"en": "friends listen better than adults",
          "fr": "les amis écoutent mieux que les adultes",
          "es": "los amigos escuchan mejor que los adultos",
          "pt": "os amigos ouvem melhor do que os adultos",
          "de": "Freunde hören besser zu als Erwachsene",
          "it": "gli amici ascoltano meglio degli adulti",
          "ro": "prietenii ascultă mai bine decât adulții",
          "el": "οι φίλοι ακούνε καλύτερα από τους μεγάλους"}],
        [{"en": "a friend should know how to help someone who is bullied",
          "fr": "un ami devrait savoir comment aider quelqu'un qui est harcelé",
          "es": "un amigo debería saber cómo ayudar a alguien que sufre acoso",
          "pt": "um amigo devia saber como ajudar alguém que sofre bullying",
          "de": "ein Freund sollte wissen, wie man jemandem hilft, der gemobbt wird",
          "it": "un amico dovrebbe sapere come aiutare qualcuno che subisce bullismo",
          "ro": "un prieten ar trebui să știe cum să ajute pe cineva hărțuit",
          "el": "ένας φίλος πρέπει να ξέρει πώς να βοηθήσει κάποιον που δέχεται εκφοβισμό"},
         {"en": "peer supporters at school were the first people I trusted",
          "fr": "les élèves médiateurs au lycée ont été les premiers en qui j'ai eu confiance",
          "es": "los alumnos mediadores del instituto fueron los primeros en quien confié",
          "pt": "os colegas mediadores da escola foram os primeiros em quem confiei",
          "de": "die Streitschlichter an der Schule waren die ersten, denen ich vertraut habe",
          "it": "i peer educator a scuola sono stati i primi di cui mi sono fidato",
          "ro": "colegii mediatori de la școală au fost primii în care am avut încredere",
          "el": "οι συνομήλικοι διαμεσολαβητές στο σχολείο ήταν οι πρώτοι που εμπιστεύτηκα"}],
    ],
    "recommendations": [
        [{"en": "platforms should do more and answer every report",
          "fr": "les plateformes devraient faire plus et répondre à chaque signalement",
          "es": "las plataformas deberían hacer más y responder a cada denuncia",
          "pt": "as plataformas deviam fazer mais e responder a cada denúncia",
          "de": "die Plattformen sollten mehr tun und jede Meldung beantworten",
          "it": "le piattaforme dovrebbero fare di più e rispondere a ogni segnalazione",
          "ro": "platformele ar trebui să facă mai mult și să răspundă la fiecare raportare",
          "el": "οι πλατφόρμες πρέπει να κάνουν περισσότερα και να απαντούν σε κάθε αναφορά"},
         {"en": "fake accounts should be removed faster",
          "fr": "les faux comptes devraient être supprimés plus vite",
          "es": "las cuentas falsas deberían eliminarse más rápido",
          "pt": "as contas falsas deviam ser apagadas mais depressa",
          "de": "Fake-Accounts sollten schneller gelöscht werden",
          "it": "gli account falsi dovrebbero essere tolti più in fretta",
          "ro": "conturile false ar trebui șterse mai repede",
          "el": "οι ψεύτικοι λογαριασμοί πρέπει να διαγράφονται πιο γρήγορα"}],
        [{"en": "schools should teach us where to get help online",
          "fr": "l'école devrait nous apprendre où trouver de l'aide en ligne",
          "es": "en el colegio deberían enseñarnos dónde pedir ayuda en internet",
          "pt": "a escola devia ensinar-nos onde pedir ajuda online",
          "de": "die Schule sollte uns beibringen, wo man online Hilfe bekommt",
          "it": "la scuola dovrebbe insegnarci dove trovare aiuto online",
          "ro": "școala ar trebui să ne învețe unde găsim ajutor online",
          "el": "το σχολείο πρέπει να μας μάθει πού να βρίσκουμε βοήθεια στο ίντερνετ"},
         {"en": "more workshops about body shaming for parents and teachers",
          "fr": "plus d'ateliers sur le body shaming pour les parents et les profs",
          "es": "más talleres sobre body shaming para padres y profesores",
          "pt": "mais workshops sobre body shaming para pais e professores",
          "de": "mehr Workshops zu Bodyshaming für Eltern und Lehrkräfte",
          "it": "più laboratori sul body shaming per genitori e insegnanti",
          "ro": "mai multe ateliere despre body shaming pentru părinți și profesori",
          "el": "περισσότερα εργαστήρια για το body shaming για γονείς και καθηγητές"}],
        [{"en": "helplines should be open at night and on weekends",
          "fr": "les lignes d'écoute devraient être ouvertes la nuit et le week-end",
          "es": "las líneas de ayuda deberían abrir de noche y los fines de semana",
          "pt": "as linhas de apoio deviam estar abertas à noite e ao fim de semana",
          "de": "Beratungstelefone sollten nachts und am Wochenende erreichbar sein",
          "it": "i telefoni d'ascolto dovrebbero essere aperti di notte e nel weekend",
          "ro": "liniile de ajutor ar trebui să fie deschise noaptea și în weekend",
          "el": "οι γραμμές βοήθειας πρέπει να είναι ανοιχτές το βράδυ και τα Σαββατοκύριακα"},
         {"en": "there should be a chat in every language",
          "fr": "il faudrait un chat dans toutes les langues",
          "es": "debería haber un chat en todos los idiomas",
          "pt": "devia haver um chat em todas as línguas",
          "de": "es sollte einen Chat in jeder Sprache geben",
          "it": "ci dovrebbe essere una chat in ogni lingua",
          "ro": "ar trebui să existe un chat în fiecare limbă",
          "el": "πρέπει να υπάρχει chat σε κάθε γλώσσα"}],
    ],
}
# Openers and details, {language: text} with English first, so that answers vary.
OPENERS = [{"en": "", "fr": "", "es": "", "pt": "", "de": "", "it": "", "ro": "", "el": ""},
           {"en": "Honestly,", "fr": "Franchement,", "es": "Sinceramente,", "pt": "Sinceramente,",
            "de": "Ehrlich gesagt,", "it": "Sinceramente,", "ro": "Sincer,", "el": "Ειλικρινά,"},
           {"en": "I think", "fr": "Je pense que", "es": "Creo que", "pt": "Acho que",
            "de": "Ich finde,", "it": "Penso che", "ro": "Cred că", "el": "Νομίζω ότι"},
           {"en": "For me", "fr": "Pour moi", "es": "Para mí", "pt": "Para mim", "de": "Für mich",
            "it": "Per me", "ro": "Pentru mine", "el": "Για μένα"}]
AND = {"en": "and", "fr": "et", "es": "y", "pt": "e", "de": "und", "it": "e", "ro": "și", "el": "και"}
DETAILS = [{"en": "on Instagram", "fr": "sur Instagram", "es": "en Instagram", "pt": "no Instagram",
            "de": "auf Instagram", "it": "su Instagram", "ro": "pe Instagram", "el": "στο Instagram"},
           {"en": "in a group chat", "fr": "dans un groupe", "es": "en un grupo", "pt": "num grupo",
            "de": "in einem Gruppenchat", "it": "in un gruppo", "ro": "pe un grup",
            "el": "σε μια ομαδική συνομιλία"},
           {"en": "when I was {age}", "fr": "quand j'avais {age} ans", "es": "cuando tenía {age} años",
            "pt": "quando tinha {age} anos", "de": "als ich {age} war", "it": "quando avevo {age} anni",
            "ro": "când aveam {age} ani", "el": "όταν ήμουν {age}"},
           {"en": "last year", "fr": "l'année dernière", "es": "el año pasado", "pt": "no ano passado",
            "de": "letztes Jahr", "it": "l'anno scorso", "ro": "anul trecut", "el": "πέρσι"},
           {"en": "after school", "fr": "après les cours", "es": "después de clase",
            "pt": "depois das aulas", "de": "nach der Schule", "it": "dopo la scuola",
            "ro": "după școală", "el": "μετά το σχολείο"}]
# The word-list question: words met online ("what words would you consider body shaming").
# Parallel lists: the same index is the same word in every language.
WORDS = {"en": ["fat", "ugly", "whale", "skeleton", "pig"],
         "fr": ["grosse", "moche", "baleine", "squelette", "cochon"],
         "es": ["gorda", "fea", "ballena", "esqueleto", "cerda"],
         "pt": ["gorda", "feia", "baleia", "esqueleto", "porca"],
         "de": ["fett", "hässlich", "Wal", "Skelett", "Schwein"],
         "it": ["grassa", "brutta", "balena", "scheletro", "maiala"],
         "ro": ["grasă", "urâtă", "balenă", "schelet", "porcă"],
         "el": ["χοντρή", "άσχημη", "φάλαινα", "σκελετός", "γουρούνι"]}
# A closing with a count, so that answers are distinct texts as in a real consultation.
TIMES = {"en": "It happened {k} times", "fr": "C'est arrivé {k} fois", "es": "Pasó {k} veces",
         "pt": "Aconteceu {k} vezes", "de": "Es ist {k} Mal passiert", "it": "È successo {k} volte",
         "ro": "S-a întâmplat de {k} ori", "el": "Συνέβη {k} φορές"}
NON_ANSWERS = ["no", "No.", "idk", "nothing", "nu", "rien", "nada", "nein", "non so", "ok", "όχι",
               "n/a", "-"]
EMOJIS = ["😢", "🙏", "💔", "😡", "👍", "🤷", "❤️"]
# Planted personal data (invented; reserved or fictitious numbers, .example addresses).
GIVEN = {"en": ["Emily", "Jack", "Sophie"], "fr": ["Chloé", "Lucas", "Manon"],
         "es": ["Lucía", "Mateo", "Carmen"], "pt": ["João", "Beatriz", "Tiago"],
         "de": ["Lukas", "Hannah", "Jonas"], "it": ["Giulia", "Matteo", "Chiara"],
         "ro": ["Andreea", "Mihai", "Ioana"], "el": ["Γιώργος", "Μαρία", "Νίκος"]}
SURNAMES = ["Okafor", "Moreau", "García", "Silva", "Becker", "Rossi", "Popescu", "Papadopoulos"]
FRIEND = {"en": "my friend {name} helped me", "fr": "mon amie {name} m'a aidée",
          "es": "mi amiga {name} me ayudó", "pt": "a minha amiga {name} ajudou-me",
          "de": "meine Freundin {name} hat mir geholfen", "it": "la mia amica {name} mi ha aiutato",
          "ro": "prietena mea {name} m-a ajutat", "el": "η φίλη μου η {name} με βοήθησε"}
PHONES = ["+44 7700 900{n:03d}", "06 12 34 {n2:02d} {n3:02d}", "+49 151 2345{n:04d}",
          "+39 312 345 {n:04d}", "(11) 98765-{n:04d}"]

# Shares of notes (per note, independent draws in this order).
SHARES = {"empty": 0.02, "non_answer": 0.06, "pasted_again": 0.03, "emoji": 0.05,
          "pii": 0.04, "untranslated": 0.02, "repeated_id": 0.002}
COLUMNS = ["note_id", "respondent", "session", "question_id", "language", "age_band", "gender",
           "country", "text", "text_en"]


def _lower_first(sentence: str) -> str:
    """A sentence continuing another ('... and I was', '... y tenía'): first letter lowered,
    except the English pronoun."""
    return sentence if sentence.startswith(("I ", "I'")) else sentence[0].lower() + sentence[1:]


def _answer(rng: random.Random, question: str, lang: str) -> tuple[str, str]:
    """(text in ``lang``, English text) of one free-text or word-list answer."""
    if question == "associated_words":
        idx = rng.sample(range(len(WORDS[lang])), rng.randint(1, 4))
        words = [WORDS[lang][i] for i in idx]
        english = [WORDS["en"][i] for i in idx]
        return ", ".join(words), ", ".join(english)
    themes = SENTENCES[question]
    first = rng.choice(rng.choice(themes))
    parts = [(rng.choice(OPENERS), first)]
    detail = rng.choice(DETAILS)
    age = rng.randint(11, 19)
    times = rng.randint(2, 40) if rng.random() < 0.5 else 0
    if rng.random() < 0.5:
        parts.append((AND, rng.choice(rng.choice(themes))))

    def say(language: str) -> str:
        words = []
        for opener, sentence in parts:
            follows = bool(words or opener[language])
            words += [opener[language], _lower_first(sentence[language]) if follows else sentence[language]]
        words.append(detail[language].format(age=age))
        text = " ".join(w for w in words if w).strip()
        text = text[0].upper() + text[1:] + "."
        return f"{text} {TIMES[language].format(k=times)}." if times else text
    return say(lang), say("en")


def _pii(rng: random.Random, lang: str, text: str, en: str, n: int) -> tuple[str, str]:
    kind = rng.choice(["name", "phone", "email", "handle"])
    given = rng.choice(GIVEN[lang])
    name = f"{given} {rng.choice(SURNAMES)}"
    if kind == "name":
        return f"{text} {FRIEND[lang].format(name=name)}.", f"{en} {FRIEND['en'].format(name=name)}."
    value = {"phone": rng.choice(PHONES).format(n=n % 1000, n2=n % 100, n3=(n // 100) % 100),
             "email": f"{given.lower()}.{n}@mail.example",
             "handle": f"{given.lower()}_{n % 10000}"}[kind]
    suffix = f" @{value}" if kind == "handle" else f" {value}"
    return text + suffix, en + suffix


def rows(n: int, seed: int = SEED):
    """Yield ``n`` note rows (dicts with :data:`COLUMNS`), deterministic for ``seed``."""
    rng = random.Random(seed)
    recent: list[tuple[str, str, str]] = []  # (question, text, text_en) others may paste again
    i = respondent = 0
    while i < n:
        respondent += 1
        lang = rng.choice(LANGS)
        person = {"respondent": f"YC-{respondent:07d}", "session": f"S{rng.randint(1, 40)}",
                  "language": rng.choice(LANG_LABELS[lang]), "age_band": rng.choice(AGE_BANDS),
                  "gender": rng.choice(GENDERS), "country": rng.choice(COUNTRIES[lang])}
        for question in rng.sample(QUESTIONS, rng.randint(4, 5)):
            if i >= n:
                break
            text, en = _answer(rng, question, lang)
            draw = {k: rng.random() < v for k, v in SHARES.items()}
            if draw["pasted_again"] and recent:
                question, text, en = rng.choice(recent)
            elif draw["empty"]:
                text, en = "", ""
            elif draw["non_answer"]:
                text = rng.choice(NON_ANSWERS)
                en = ""
            else:
                if draw["pii"] and question != "associated_words":
                    text, en = _pii(rng, lang, text, en, i)
                if draw["emoji"]:
                    e = rng.choice(EMOJIS)
                    text, en = f"{text} {e}", f"{en} {e}"
                if len(recent) < 1000:
                    recent.append((question, text, en))
                else:
                    recent[rng.randrange(1000)] = (question, text, en)
            if lang == "en" or draw["untranslated"]:
                en = ""
            key = f"YN-{max(i - 1, 0) if draw['repeated_id'] else i:07d}"
            yield {"note_id": key, **person, "question_id": question, "text": text, "text_en": en}
            i += 1


def write(out: Path, n: int, seed: int = SEED) -> dict:
    """Write ``out``/notes.csv with ``n`` rows and return its ``notes_table`` source entry."""
    out.mkdir(parents=True, exist_ok=True)
    path = out / "notes.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS)
        w.writeheader()
        w.writerows(rows(n, seed))
    return {"id": "synthetic_notes", "adapter": "notes_table", "path": str(path),
            "origin": {"title": "Synthetic consultation notes", "submitter": "bench",
                       "licence": "CC0-1.0", "translation": "human"},
            "options": {"columns": {
                "source_key": "note_id", "respondent": "respondent", "question_id": "question_id",
                "language_raw": "language", "age_band": "age_band", "gender": "gender",
                "country_raw": "country", "text_original": "text", "text_en": "text_en"}}}


if __name__ == "__main__":
    print(write(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 1000)["path"])
