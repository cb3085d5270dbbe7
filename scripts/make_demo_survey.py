"""Write the demo youth survey: synthetic, illustrative, project-written (data/raw/demo/).

    python scripts/make_demo_survey.py [OUT_DIR]     # default: data/raw/demo

Writes ``survey.csv`` (a wide export, one row per respondent, in the shape of the youth survey
the pipeline's ``survey_wide_csv`` adapter reads: each question in its original language and
an ``_EN`` translation, multi-select answers ``|``-separated, sometimes with an ``Other: ...``
free-text part), ``survey_answer_dictionary.csv`` (the answers' translations: each fixed option
and each 'other' text per language area, columns as the real survey's answer dictionary) and
``survey.csv.origin.yaml``. Every text was written for the project in eight language areas
(ro, hr, el, pt, esp, ita, cat, slo); none comes from a real respondent.

Deliberate dirt, as real exports have it: unfinished responses, out-of-scope and blank ages,
an unknown language area, answers without diacritics or with swapped letters, non-answers
(some left untranslated), a free-text ``location`` column, and planted fake personal data (an
e-mail, a handle, two given names, a street address in ``location``) and a canary
(``params.privacy.canaries``): see data/raw/demo/README.md. Seeded: the same script gives the
same files, byte for byte.
"""
from __future__ import annotations

import csv
import random
import sys
import unicodedata
from datetime import datetime, timedelta
from pathlib import Path

SEED = 20261203
ROOT = Path(__file__).resolve().parents[1]
AREAS = ("ro", "hr", "el", "pt", "esp", "ita", "cat", "slo")
# In-scope respondents per language area (finished, aged 15-24): 180 in all.
IN_SCOPE = {"ro": 30, "ita": 24, "el": 24, "pt": 22, "cat": 22, "hr": 22, "slo": 18, "esp": 18}
# Out-of-scope or unusable rows (each rejected by the adapter with its reason).
UNFINISHED, AGE_25_30, AGE_UNDER_15, AGE_BLANK = 14, 9, 2, 2
UNKNOWN_AREAS = ("mk", "")

OTHER = {"en": "Other", "ro": "Altceva", "hr": "Drugo", "el": "Άλλο", "pt": "Outro",
         "esp": "Otro", "ita": "Altro", "cat": "Altres", "slo": "Drugo"}


def t(en, ro, hr, el, pt, esp, ita, cat, slo) -> dict[str, str]:
    """One text in English and the eight language areas."""
    return {"en": en, "ro": ro, "hr": hr, "el": el, "pt": pt, "esp": esp, "ita": ita,
            "cat": cat, "slo": slo}


# ---------------------------------------------------------------- fixed options
# (text, share ticking it among those who answered, by age band 15-18 / 19-24). English labels
# are those of the codebook's `answers:` lists; social_do_enough's 'Yes...' and 'I don't
# know' are the project's own (they code nothing).
MULTI = {
    "who_turn_to": [
        (t("Friends/partners", "Prieteni/parteneri", "Prijatelji/partneri", "Φίλοι/σύντροφοι",
           "Amigos/parceiros", "Amigos/parejas", "Amici/partner", "Amics/parelles",
           "Prijatelji/partnerji"), (0.62, 0.55)),
        (t("Family members", "Membri ai familiei", "Članovi obitelji", "Μέλη της οικογένειας",
           "Membros da família", "Familiares", "Familiari", "Familiars", "Družinski člani"),
         (0.48, 0.34)),
        (t("School staff", "Personalul școlii", "Školsko osoblje", "Προσωπικό του σχολείου",
           "Pessoal da escola", "Personal del centro educativo", "Personale scolastico",
           "Personal de l'escola", "Šolsko osebje"), (0.20, 0.08)),
        (t("Therapists", "Terapeuți", "Terapeuti", "Θεραπευτές", "Terapeutas", "Terapeutas",
           "Terapeuti", "Terapeutes", "Terapevti"), (0.14, 0.26)),
        (t("Youth workers", "Lucrători de tineret", "Djelatnici za mlade",
           "Εργαζόμενοι νεολαίας", "Técnicos de juventude", "Educadores juveniles",
           "Operatori giovanili", "Educadors de joves", "Mladinski delavci"), (0.04, 0.04)),
        (t("Online community", "Comunitatea online", "Online zajednica",
           "Διαδικτυακή κοινότητα", "Comunidade online", "Comunidad en línea", "Comunità online",
           "Comunitat en línia", "Spletna skupnost"), (0.05, 0.05)),
    ],
    "what_actions_support": [
        (t("More education and training", "Mai multă educație și formare",
           "Više edukacije i osposobljavanja", "Περισσότερη εκπαίδευση και κατάρτιση",
           "Mais educação e formação", "Más educación y formación", "Più educazione e formazione",
           "Més educació i formació", "Več izobraževanja in usposabljanja"), (0.55, 0.52)),
        (t("More spaces for discussions with professionals in schools",
           "Mai multe spații de discuții cu specialiști în școli",
           "Više prostora za razgovore sa stručnjacima u školama",
           "Περισσότεροι χώροι συζήτησης με επαγγελματίες στα σχολεία",
           "Mais espaços de conversa com profissionais nas escolas",
           "Más espacios de diálogo con profesionales en los centros",
           "Più spazi di confronto con professionisti nelle scuole",
           "Més espais de diàleg amb professionals a les escoles",
           "Več prostora za pogovore s strokovnjaki v šolah"), (0.42, 0.28)),
        (t("Stricter reporting processes", "Procese de raportare mai stricte",
           "Stroži postupci prijave", "Αυστηρότερες διαδικασίες αναφοράς",
           "Processos de denúncia mais rigorosos", "Procesos de denuncia más estrictos",
           "Procedure di segnalazione più rigorose", "Processos de denúncia més estrictes",
           "Strožji postopki prijave"), (0.44, 0.47)),
        (t("Support mechanisms for victims", "Mecanisme de sprijin pentru victime",
           "Mehanizmi podrške za žrtve", "Μηχανισμοί υποστήριξης για τα θύματα",
           "Mecanismos de apoio às vítimas", "Mecanismos de apoyo a las víctimas",
           "Meccanismi di sostegno per le vittime", "Mecanismes de suport a les víctimes",
           "Mehanizmi podpore za žrtve"), (0.38, 0.42)),
        (t("Stricter legal implications for perpetrators",
           "Consecințe legale mai stricte pentru agresori",
           "Strože pravne posljedice za počinitelje",
           "Αυστηρότερες νομικές συνέπειες για τους δράστες",
           "Consequências legais mais rigorosas para os agressores",
           "Consecuencias legales más estrictas para los agresores",
           "Conseguenze legali più severe per i responsabili",
           "Conseqüències legals més estrictes per als agressors",
           "Strožje pravne posledice za storilce"), (0.30, 0.45)),
        (t("I don't think much can be done about it", "Nu cred că se poate face mare lucru",
           "Mislim da se ne može puno učiniti", "Δεν νομίζω ότι μπορεί να γίνει πολλά",
           "Não acho que se possa fazer muito", "No creo que se pueda hacer mucho",
           "Non credo si possa fare molto", "No crec que s'hi pugui fer gaire",
           "Mislim, da se ne da veliko narediti"), (0.06, 0.08)),
    ],
    "encountered_reaction": [
        (t("Ignored it", "Am ignorat", "Ignorirao/la sam", "Το αγνόησα", "Ignorei", "Lo ignoré",
           "L'ho ignorato", "Ho vaig ignorar", "Ignoriral/a sem"), (0.42, 0.38)),
        (t("Reported it", "Am raportat", "Prijavio/la sam", "Το ανέφερα", "Denunciei",
           "Lo denuncié", "L'ho segnalato", "Ho vaig denunciar", "Prijavil/a sem"), (0.26, 0.32)),
        (t("Deleted the content/block the user", "Am șters conținutul/am blocat utilizatorul",
           "Izbrisao/la sam sadržaj/blokirao/la korisnika",
           "Διέγραψα το περιεχόμενο/μπλόκαρα τον χρήστη",
           "Apaguei o conteúdo/bloqueei o utilizador", "Borré el contenido/bloqueé al usuario",
           "Ho cancellato il contenuto/bloccato l'utente",
           "Vaig esborrar el contingut/bloquejar l'usuari",
           "Izbrisal/a sem vsebino/blokiral/a uporabnika"), (0.30, 0.30)),
        (t("Defended myself or the victim", "M-am apărat pe mine sau victima",
           "Obranio/la sam sebe ili žrtvu", "Υπερασπίστηκα τον εαυτό μου ή το θύμα",
           "Defendi-me a mim ou à vítima", "Me defendí o defendí a la víctima",
           "Ho difeso me stesso/a o la vittima", "Em vaig defensar o vaig defensar la víctima",
           "Zagovarjal/a sem sebe ali žrtev"), (0.14, 0.18)),
        (t("I wasn't able to answer", "Nu am putut să răspund", "Nisam mogao/la odgovoriti",
           "Δεν μπόρεσα να απαντήσω", "Não consegui responder", "No pude responder",
           "Non sono riuscito/a a rispondere", "No vaig poder respondre",
           "Nisem mogel/mogla odgovoriti"), (0.16, 0.10)),
        (t("Reinforced the shame", "Am întărit rușinea", "Pojačao/la sam sramoćenje",
           "Ενίσχυσα τη ντροπή", "Reforcei a vergonha", "Reforcé la burla",
           "Ho rafforzato la derisione", "Vaig reforçar la burla", "Okrepil/a sem sramotenje"),
         (0.03, 0.02)),
        (t("Engaged with the content", "Am interacționat cu conținutul",
           "Reagirao/la sam na sadržaj", "Αλληλεπίδρασα με το περιεχόμενο", "Interagi com o conteúdo",
           "Interactué con el contenido", "Ho interagito con il contenuto",
           "Vaig interactuar amb el contingut", "Odzval/a sem se na vsebino"), (0.05, 0.05)),
    ],
}
# Single choice: (text, weight).
SOCIAL_DO_ENOUGH = [
    (t("No, they need to do more", "Nu, trebuie să facă mai mult", "Ne, moraju učiniti više",
       "Όχι, πρέπει να κάνουν περισσότερα", "Não, precisam de fazer mais", "No, tienen que hacer más",
       "No, devono fare di più", "No, han de fer més", "Ne, narediti morajo več"), 0.64),
    (t("Yes, they do enough", "Da, fac destul", "Da, čine dovoljno", "Ναι, κάνουν αρκετά",
       "Sim, fazem o suficiente", "Sí, hacen lo suficiente", "Sì, fanno abbastanza",
       "Sí, en fan prou", "Da, naredijo dovolj"), 0.13),
    (t("I don't know", "Nu știu", "Ne znam", "Δεν ξέρω", "Não sei", "No lo sé", "Non lo so",
       "No ho sé", "Ne vem"), 0.23),
]
# Share answering each multi-select question (a finished respondent may skip one).
ANSWERED = {"who_turn_to": 0.86, "what_actions_support": 0.82, "encountered_reaction": 0.66,
            "social_do_enough": 0.9}
# "Other: ..." texts of the multi-select questions (free text: notes, never choices).
OTHER_TEXTS = {
    "who_turn_to": [
        t("my older sister", "sora mea mai mare", "moja starija sestra", "η μεγαλύτερη αδερφή μου",
          "a minha irmã mais velha", "mi hermana mayor", "mia sorella maggiore",
          "la meva germana gran", "moja starejša sestra"),
        t("nobody, I dealt with it on my own", "nimeni, m-am descurcat singură",
          "nitko, sama sam se snašla", "κανέναν, τα κατάφερα μόνη μου",
          "ninguém, lidei com isso sozinha", "nadie, lo gestioné yo sola",
          "nessuno, me la sono cavata da sola", "ningú, me'n vaig sortir sola",
          "nikogar, sama sem se znašla"),
        t("a teacher I trust", "un profesor în care am încredere", "nastavnik kojem vjerujem",
          "ένας καθηγητής που εμπιστεύομαι", "um professor em quem confio",
          "un profesor de confianza", "un professore di cui mi fido", "un professor de confiança",
          "učitelj, ki mu zaupam"),
    ],
    "what_actions_support": [
        t("platforms should delete hateful comments faster",
          "platformele ar trebui să șteargă mai repede comentariile de ură",
          "platforme bi trebale brže brisati komentare mržnje",
          "οι πλατφόρμες να σβήνουν πιο γρήγορα τα σχόλια μίσους",
          "as plataformas deviam apagar mais depressa os comentários de ódio",
          "las plataformas deberían borrar antes los comentarios de odio",
          "le piattaforme dovrebbero cancellare prima i commenti d'odio",
          "les plataformes haurien d'esborrar abans els comentaris d'odi",
          "platforme bi morale hitreje brisati sovražne komentarje"),
        t("talking about it at home", "să se vorbească despre asta acasă", "razgovor o tome kod kuće",
          "να μιλάμε γι' αυτό στο σπίτι", "falar disso em casa", "hablar de ello en casa",
          "parlarne a casa", "parlar-ne a casa", "pogovor o tem doma"),
    ],
    "encountered_reaction": [
        t("I talked to a friend about it", "am vorbit cu o prietenă despre asta",
          "razgovarala sam s prijateljicom o tome", "μίλησα με μια φίλη γι' αυτό",
          "falei com uma amiga sobre isso", "hablé con una amiga de ello",
          "ne ho parlato con un'amica", "en vaig parlar amb una amiga",
          "pogovorila sem se s prijateljico o tem"),
        t("I laughed it off", "am râs și am trecut peste", "nasmijala sam se i prešla preko toga",
          "το πήρα στο αστείο", "ri-me e ignorei", "me reí y pasé", "ci ho riso sopra",
          "me'n vaig riure", "nasmejala sem se in šla naprej"),
    ],
}
OTHER_SHARE = 0.06

# ---------------------------------------------------------------- free text
# Fragments combined (one or two) into an answer; weights say how often each is said.
FREE = {
    "interpretation": [
        (t("Making fun of someone's body or weight", "Să râzi de corpul sau de greutatea cuiva",
           "Ismijavanje nečijeg tijela ili težine", "Να κοροϊδεύεις το σώμα ή το βάρος κάποιου",
           "Gozar com o corpo ou o peso de alguém", "Burlarse del cuerpo o del peso de alguien",
           "Prendere in giro il corpo o il peso di qualcuno", "Riure's del cos o del pes d'algú",
           "Norčevanje iz telesa ali teže nekoga"), 3),
        (t("Negative comments about a person's physical appearance",
           "Comentarii negative despre aspectul fizic al unei persoane",
           "Negativni komentari o nečijem fizičkom izgledu",
           "Αρνητικά σχόλια για την εμφάνιση ενός ατόμου",
           "Comentários negativos sobre a aparência física de uma pessoa",
           "Comentarios negativos sobre la apariencia física de una persona",
           "Commenti negativi sull'aspetto fisico di una persona",
           "Comentaris negatius sobre l'aparença física d'una persona",
           "Negativni komentarji o fizičnem videzu osebe"), 3),
        (t("When people criticise how others look on social media",
           "Când oamenii critică felul în care arată alții pe rețelele sociale",
           "Kad ljudi kritiziraju kako drugi izgledaju na društvenim mrežama",
           "Όταν οι άνθρωποι κριτικάρουν πώς φαίνονται οι άλλοι στα social media",
           "Quando as pessoas criticam o aspeto dos outros nas redes sociais",
           "Cuando la gente critica cómo se ven los demás en las redes sociales",
           "Quando le persone criticano l'aspetto degli altri sui social",
           "Quan la gent critica com es veuen els altres a les xarxes socials",
           "Ko ljudje kritizirajo, kako drugi izgledajo na družbenih omrežjih"), 2),
        (t("A form of cyberbullying about looks", "O formă de cyberbullying legată de aspect",
           "Oblik cyberbullyinga zbog izgleda", "Μια μορφή διαδικτυακού εκφοβισμού για την εμφάνιση",
           "Uma forma de cyberbullying sobre a aparência", "Una forma de ciberacoso por el aspecto",
           "Una forma di cyberbullismo sull'aspetto", "Una forma de ciberassetjament per l'aspecte",
           "Oblika spletnega nasilja zaradi videza"), 2),
        (t("Judging people for their body, especially girls",
           "Să judeci oamenii după corpul lor, mai ales fetele",
           "Osuđivanje ljudi zbog njihova tijela, posebno djevojaka",
           "Να κρίνεις τους ανθρώπους για το σώμα τους, ειδικά τα κορίτσια",
           "Julgar as pessoas pelo corpo, sobretudo as raparigas",
           "Juzgar a las personas por su cuerpo, sobre todo a las chicas",
           "Giudicare le persone per il loro corpo, soprattutto le ragazze",
           "Jutjar les persones pel seu cos, sobretot les noies",
           "Obsojanje ljudi zaradi njihovega telesa, predvsem deklet"), 2),
        (t("Hate comments about someone's body", "Comentarii pline de ură despre corpul cuiva",
           "Komentari mržnje o nečijem tijelu", "Σχόλια μίσους για το σώμα κάποιου",
           "Comentários de ódio sobre o corpo de alguém", "Comentarios de odio sobre el cuerpo de alguien",
           "Commenti d'odio sul corpo di qualcuno", "Comentaris d'odi sobre el cos d'algú",
           "Sovražni komentarji o telesu nekoga"), 2),
    ],
    "reasons": [
        (t("Insecurity: people who bully feel bad about themselves",
           "Nesiguranța: cei care agresează se simt rău cu ei înșiși",
           "Nesigurnost: oni koji zlostavljaju osjećaju se loše zbog sebe",
           "Ανασφάλεια: όσοι εκφοβίζουν νιώθουν άσχημα με τον εαυτό τους",
           "Insegurança: quem faz bullying sente-se mal consigo próprio",
           "Inseguridad: quienes acosan se sienten mal consigo mismos",
           "Insicurezza: chi fa il bullo si sente male con se stesso",
           "Inseguretat: qui assetja se sent malament amb si mateix",
           "Negotovost: tisti, ki nadlegujejo, se slabo počutijo sami s sabo"), 3),
        (t("Unrealistic beauty standards on social media",
           "Standardele de frumusețe nerealiste de pe rețelele sociale",
           "Nerealni standardi ljepote na društvenim mrežama",
           "Τα μη ρεαλιστικά πρότυπα ομορφιάς στα social media",
           "Padrões de beleza irrealistas nas redes sociais",
           "Estándares de belleza irreales en las redes sociales",
           "Standard di bellezza irrealistici sui social",
           "Estàndards de bellesa irreals a les xarxes socials",
           "Nerealni lepotni standardi na družbenih omrežjih"), 3),
        (t("Anonymity online, nobody faces consequences",
           "Anonimatul online, nimeni nu suportă consecințe",
           "Anonimnost na internetu, nitko ne snosi posljedice",
           "Η ανωνυμία στο διαδίκτυο, κανείς δεν έχει συνέπειες",
           "O anonimato online, ninguém sofre consequências",
           "El anonimato en internet, nadie sufre consecuencias",
           "L'anonimato online, nessuno subisce conseguenze",
           "L'anonimat a internet, ningú no en pateix les conseqüències",
           "Anonimnost na spletu, nihče ne nosi posledic"), 2),
        (t("Lack of education about respect", "Lipsa educației despre respect",
           "Nedostatak edukacije o poštovanju", "Η έλλειψη εκπαίδευσης για τον σεβασμό",
           "Falta de educação sobre o respeito", "Falta de educación sobre el respeto",
           "Mancanza di educazione al rispetto", "Falta d'educació sobre el respecte",
           "Pomanjkanje vzgoje o spoštovanju"), 2),
        (t("Because it is seen as normal, just a joke",
           "Pentru că e văzut ca ceva normal, doar o glumă",
           "Zato što se to smatra normalnim, samo šalom",
           "Επειδή θεωρείται κάτι φυσιολογικό, απλώς ένα αστείο",
           "Porque é visto como normal, só uma brincadeira",
           "Porque se ve como algo normal, solo una broma",
           "Perché è visto come normale, solo uno scherzo",
           "Perquè es veu com una cosa normal, només una broma",
           "Ker to velja za normalno, samo za šalo"), 2),
        (t("Victims are ashamed to speak up, so it continues",
           "Victimelor le e rușine să vorbească, așa că continuă",
           "Žrtve se srame progovoriti pa se to nastavlja",
           "Τα θύματα ντρέπονται να μιλήσουν, οπότε συνεχίζεται",
           "As vítimas têm vergonha de falar, por isso continua",
           "Las víctimas tienen vergüenza de hablar, así que sigue",
           "Le vittime si vergognano di parlarne, quindi continua",
           "Les víctimes tenen vergonya de parlar-ne, i així continua",
           "Žrtve se sramujejo spregovoriti, zato se nadaljuje"), 2),
        (t("People don't know where to get help", "Oamenii nu știu unde să ceară ajutor",
           "Ljudi ne znaju gdje potražiti pomoć", "Οι άνθρωποι δεν ξέρουν πού να ζητήσουν βοήθεια",
           "As pessoas não sabem onde pedir ajuda", "La gente no sabe dónde pedir ayuda",
           "Le persone non sanno dove chiedere aiuto", "La gent no sap on demanar ajuda",
           "Ljudje ne vejo, kje poiskati pomoč"), 2),
    ],
    "other_thoughts": [
        (t("I was ashamed to tell anyone.", "Mi-a fost rușine să spun cuiva.",
           "Bilo me je sram ikome reći.", "Ντρεπόμουν να το πω σε κάποιον.",
           "Tive vergonha de contar a alguém.", "Me daba vergüenza contárselo a alguien.",
           "Mi vergognavo a dirlo a qualcuno.", "Em feia vergonya explicar-ho a algú.",
           "Sram me je bilo komurkoli povedati."), 3),
        (t("I didn't know where to ask for help.", "Nu am știut unde să cer ajutor.",
           "Nisam znala gdje potražiti pomoć.", "Δεν ήξερα πού να ζητήσω βοήθεια.",
           "Não sabia onde pedir ajuda.", "No sabía dónde pedir ayuda.",
           "Non sapevo dove chiedere aiuto.", "No sabia on demanar ajuda.",
           "Nisem vedela, kje poiskati pomoč."), 3),
        (t("Adults don't take it seriously.", "Adulții nu iau asta în serios.",
           "Odrasli to ne shvaćaju ozbiljno.", "Οι ενήλικες δεν το παίρνουν στα σοβαρά.",
           "Os adultos não levam isto a sério.", "Los adultos no se lo toman en serio.",
           "Gli adulti non lo prendono sul serio.", "Els adults no s'ho prenen seriosament.",
           "Odrasli tega ne jemljejo resno."), 2),
        (t("I told my best friend and it helped.", "I-am spus celei mai bune prietene și m-a ajutat.",
           "Rekla sam najboljoj prijateljici i pomoglo mi je.",
           "Το είπα στην καλύτερή μου φίλη και με βοήθησε.", "Contei à minha melhor amiga e ajudou.",
           "Se lo conté a mi mejor amiga y me ayudó.",
           "L'ho detto alla mia migliore amica e mi ha aiutato.",
           "Ho vaig explicar a la meva millor amiga i em va ajudar.",
           "Povedala sem najboljši prijateljici in mi je pomagalo."), 2),
        (t("It really hurts mental health and self-esteem.",
           "Afectează mult sănătatea mintală și stima de sine.",
           "To jako šteti mentalnom zdravlju i samopouzdanju.",
           "Βλάπτει πολύ την ψυχική υγεία και την αυτοεκτίμηση.",
           "Afeta muito a saúde mental e a autoestima.",
           "Afecta mucho a la salud mental y a la autoestima.",
           "Danneggia molto la salute mentale e l'autostima.",
           "Afecta molt la salut mental i l'autoestima.",
           "Zelo škodi duševnemu zdravju in samopodobi."), 3),
        (t("Schools should talk about this more.", "Școlile ar trebui să vorbească mai mult despre asta.",
           "Škole bi trebale više govoriti o tome.", "Τα σχολεία πρέπει να μιλάνε περισσότερο γι' αυτό.",
           "As escolas deviam falar mais sobre isto.", "Los institutos deberían hablar más de esto.",
           "Le scuole dovrebbero parlarne di più.", "Les escoles n'haurien de parlar més.",
           "Šole bi morale o tem več govoriti."), 2),
        (t("I reported a post but nothing happened.",
           "Am raportat o postare, dar nu s-a întâmplat nimic.",
           "Prijavila sam objavu, ali ništa se nije dogodilo.",
           "Ανέφερα μια ανάρτηση αλλά δεν έγινε τίποτα.",
           "Denunciei uma publicação mas não aconteceu nada.",
           "Denuncié una publicación pero no pasó nada.",
           "Ho segnalato un post ma non è successo niente.",
           "Vaig denunciar una publicació però no va passar res.",
           "Prijavila sem objavo, a se ni zgodilo nič."), 2),
        (t("I kept it to myself for a long time.", "Am ținut totul pentru mine mult timp.",
           "Dugo sam sve držala za sebe.", "Το κράτησα για τον εαυτό μου για πολύ καιρό.",
           "Guardei tudo para mim durante muito tempo.",
           "Me lo guardé para mí durante mucho tiempo.",
           "Ho tenuto tutto per me per molto tempo.",
           "M'ho vaig guardar per a mi durant molt de temps.",
           "Dolgo sem vse zadržala zase."), 1),
        (t("Platforms need to do more.", "Platformele trebuie să facă mai mult.",
           "Platforme moraju učiniti više.", "Οι πλατφόρμες πρέπει να κάνουν περισσότερα.",
           "As plataformas têm de fazer mais.", "Las plataformas tienen que hacer más.",
           "Le piattaforme devono fare di più.", "Les plataformes han de fer més.",
           "Platforme morajo narediti več."), 2),
    ],
}
# Words young people would call body shaming (question associated_words): mild ones only.
WORDS = [t("fat", "grasă", "debela", "χοντρή", "gorda", "gorda", "grassa", "grassa", "debela"),
         t("ugly", "urâtă", "ružna", "άσχημη", "feia", "fea", "brutta", "lletja", "grda"),
         t("whale", "balenă", "kit", "φάλαινα", "baleia", "ballena", "balena", "balena", "kit"),
         t("too skinny", "prea slabă", "premršava", "πολύ αδύνατη", "magra demais",
           "demasiado flaca", "troppo magra", "massa prima", "presuha"),
         t("pig", "porc", "svinja", "γουρούνι", "porca", "cerda", "maiala", "porca", "prašič"),
         t("stick", "băț", "štap", "κοντάρι", "palito", "palillo", "stecchino", "escuradents",
           "palica")]
ANSWERED_FREE = {"interpretation": 0.9, "reasons": 0.8, "associated_words": 0.7,
                 "other_thoughts": 0.6}
# Non-answers to other_thoughts, in the area's language; some left untranslated.
NON_ANSWERS = {"ro": ["nu", "Nu.", "nimic"], "hr": ["ne", "Ništa"], "el": ["όχι", "-"],
               "pt": ["não", "Não."], "esp": ["no", "nada"], "ita": ["no", "niente"],
               "cat": ["no", "res"], "slo": ["ne", "-"], "en": ["no", "nothing"]}
NON_ANSWERS_EN = {"nu": "no", "Nu.": "No.", "nimic": "nothing", "ne": "no", "Ništa": "Nothing",
                  "όχι": "no", "-": "-", "não": "no", "Não.": "No.", "nada": "nothing",
                  "niente": "nothing", "res": "nothing", "no": "no", "nothing": "nothing"}
NON_ANSWER_SHARE = 0.3

# Planted fake personal data and the canary (other_thoughts of one in-scope respondent each):
# area -> (original, English). data/raw/demo/README.md lists them; the privacy stage must
# replace each one and the privacy gate must find none in a published file.
PLANTED = {
    "ro": ("Dacă vreți să aflați mai multe, scrieți-mi la ioana.demo.2008@posta.example",
           "If you want to know more, write to me at ioana.demo.2008@posta.example"),
    "hr": ("Moja prijateljica Nikolina je prošla isto i nikome nije rekla.",
           "My friend Nikolina went through the same and didn't tell anyone."),
    "cat": ("Si voleu parlar, sóc a insta: @marti_demo_cat07",
            "If you want to talk, I'm on insta: @marti_demo_cat07"),
    "el": ("Ο Στέλιος από την τάξη μου με κορόιδευε κάθε μέρα.",
           "Stelios from my class made fun of me every day."),
    "pt": ("no jogo o meu nome é CANARY-5e1b7d, falem comigo lá",
           "in the game my name is CANARY-5e1b7d, talk to me there"),
}
# A street address in the free-text location column (dropped at ingestion, never published).
PLANTED_LOCATION = ("hr", "Ulica Izmišljena 9, Demograd")
LOCATIONS = {"ro": ["Cluj", "Iași", "București", ""], "hr": ["Zagreb", "Split", "Rijeka", ""],
             "el": ["Αθήνα", "Πάτρα", "Θεσσαλονίκη", ""], "pt": ["Porto", "Lisboa", "Braga", ""],
             "esp": ["Sevilla", "Madrid", ""], "ita": ["Bologna", "Torino", "Bari", ""],
             "cat": ["Girona", "Barcelona", "Lleida", ""], "slo": ["Ljubljana", "Maribor", ""]}
GENDERS = [(t("Female", "Feminin", "Žensko", "Γυναίκα", "Feminino", "Mujer", "Femmina", "Dona",
              "Ženski"), 0.58),
           (t("Male", "Masculin", "Muško", "Άνδρας", "Masculino", "Hombre", "Maschio", "Home",
              "Moški"), 0.29),
           (t("Non Binary", "Non-binar", "Nebinarno", "Μη δυαδικό", "Não binário", "No binario",
              "Non binario", "No binari", "Nebinarno"), 0.05),
           (t("Prefer not to say", "Prefer să nu spun", "Ne želim reći", "Προτιμώ να μην πω",
              "Prefiro não dizer", "Prefiero no decirlo", "Preferisco non dirlo",
              "Prefereixo no dir-ho", "Raje ne povem"), 0.04),
           (t("", "", "", "", "", "", "", "", ""), 0.04)]

COLUMNS = ["No.", "Response ID", "Timestamp", "Finished", "Survey ID", "age", "age_EN", "gender",
           "gender_EN", "location", "location_EN"]
QUESTIONS = ["interpretation", "reasons", "encountered_reaction", "associated_words",
             "social_do_enough", "who_turn_to", "what_actions_support", "other_thoughts"]
COLUMNS += [c for q in QUESTIONS for c in (q, f"{q}_EN")] + ["language", "country"]


# ---------------------------------------------------------------- dirt
def _strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


def _dirty(rng: random.Random, text: str) -> str:
    """What people type: sometimes no diacritics, two letters swapped, no capital letter."""
    if rng.random() < 0.2:
        text = unicodedata.normalize("NFC", _strip_accents(text))
    if rng.random() < 0.12:
        words = text.split(" ")
        long = [i for i, w in enumerate(words) if len(w) >= 6 and w.isalpha()]
        if long:
            i = rng.choice(long)
            w, j = words[i], rng.randrange(1, len(words[i]) - 2)
            words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2:]
            text = " ".join(words)
    if rng.random() < 0.3:
        text = text[:1].lower() + text[1:]
    return text


# ---------------------------------------------------------------- answers
def _weighted(rng: random.Random, items: list):
    return rng.choices([i for i, _ in items], weights=[w for _, w in items])[0]


def _free_answer(rng: random.Random, q: str, area: str) -> tuple[str, str]:
    if q == "associated_words":
        words = rng.sample(WORDS, rng.randint(1, 3))
        return ", ".join(w[area] for w in words), ", ".join(w["en"] for w in words)
    first = _weighted(rng, FREE[q])
    parts = [first]
    if rng.random() < 0.35:
        second = _weighted(rng, FREE[q])
        parts += [second] if second is not first else []
    sep = " " if q == "other_thoughts" else "; "
    return sep.join(p[area] for p in parts), sep.join(p["en"] for p in parts)


def _multi(rng: random.Random, q: str, area: str, band: int) -> tuple[str, str]:
    ticked = [opt for opt, shares in MULTI[q] if rng.random() < shares[band]]
    if not ticked:
        ticked = [_weighted(rng, [(o, s[band]) for o, s in MULTI[q]])]
    orig, en = [o[area] for o in ticked], [o["en"] for o in ticked]
    if q in OTHER_TEXTS and rng.random() < OTHER_SHARE:
        other = rng.choice(OTHER_TEXTS[q])
        orig.append(f"{OTHER[area]}: {_dirty(rng, other[area])}")
        en.append(f"Other: {other['en']}")
    return "|".join(orig), "|".join(en)


def _respondent(rng: random.Random, area: str, age: str, finished: bool) -> dict:
    band = 1 if age in ("19-24", "25-30") else 0
    gender = _weighted(rng, GENDERS)
    row = {"language": area, "country": ""}
    area = area if area in AREAS else "en"  # an unknown area's respondent answered in English
    row |= {"age": age, "age_EN": age, "gender": gender[area], "gender_EN": gender["en"]}
    loc = rng.choice(LOCATIONS.get(area, [""]))
    row["location"], row["location_EN"] = loc, loc
    # unfinished responses stop after the first questions
    asked = QUESTIONS if finished else QUESTIONS[:rng.randint(0, 3)]
    for q in asked:
        if q in MULTI:
            if rng.random() < ANSWERED[q]:
                row[q], row[f"{q}_EN"] = _multi(rng, q, area, band)
        elif q == "social_do_enough":
            if rng.random() < ANSWERED[q]:
                choice = _weighted(rng, SOCIAL_DO_ENOUGH)
                row[q], row[f"{q}_EN"] = choice[area], choice["en"]
        elif rng.random() < ANSWERED_FREE[q]:
            if q == "other_thoughts" and rng.random() < NON_ANSWER_SHARE:
                said = rng.choice(NON_ANSWERS[area])
                # the machine translation skipped some non-answers
                row[q], row[f"{q}_EN"] = said, ("" if rng.random() < 0.4 else NON_ANSWERS_EN.get(said, said))
            else:
                orig, en = _free_answer(rng, q, area)
                row[q], row[f"{q}_EN"] = _dirty(rng, orig), en
    return row


def rows(rng: random.Random) -> list[dict]:
    plan = [(a, rng.choice(["15-18", "19-24"]), True) for a in AREAS for _ in range(IN_SCOPE[a])]
    plan += [(rng.choice(AREAS), rng.choice(["15-18", "19-24", "25-30", ""]), False)
             for _ in range(UNFINISHED)]
    plan += [(rng.choice(AREAS), "25-30", True) for _ in range(AGE_25_30)]
    plan += [(rng.choice(AREAS), "under 15", True) for _ in range(AGE_UNDER_15)]
    plan += [(rng.choice(AREAS), "", True) for _ in range(AGE_BLANK)]
    plan += [(a, rng.choice(["15-18", "19-24"]), True) for a in UNKNOWN_AREAS]
    rng.shuffle(plan)
    out, start, ids = [], datetime(2025, 3, 3, 9, 0), set()
    planted = dict(PLANTED)
    for n, (area, age, finished) in enumerate(plan, start=1):
        row = _respondent(rng, area, age, finished)
        rid = f"DS-{rng.randrange(16 ** 6):06x}"
        while rid in ids:
            rid = f"DS-{rng.randrange(16 ** 6):06x}"
        ids.add(rid)
        start += timedelta(minutes=rng.randint(3, 400))
        row |= {"No.": str(n), "Response ID": rid, "Timestamp": start.strftime("%Y-%m-%d %H:%M:%S"),
                "Finished": "Yes" if finished else "No", "Survey ID": "demo-2025"}
        if area == "esp" and rng.random() < 0.7:
            row["country"] = "ES"
        in_scope = finished and age in ("15-18", "19-24") and area in AREAS
        if in_scope and area in planted:
            orig, en = planted.pop(area)
            row["other_thoughts"], row["other_thoughts_EN"] = orig, en
        if in_scope and area == PLANTED_LOCATION[0] and PLANTED_LOCATION[1] not in \
                {r["location"] for r in out}:
            row["location"] = row["location_EN"] = PLANTED_LOCATION[1]
        out.append({c: row.get(c, "") for c in COLUMNS})
    assert not planted, f"no in-scope respondent to carry {sorted(planted)}"
    return out


def answer_dictionary() -> list[dict]:
    """short_id, A_ID, original, lang, en, QTYPE, ATYPE, Q_ID: every fixed option and every
    'other' text of the multi-select questions, per language area."""
    out = []
    questions = [*MULTI, "social_do_enough"]
    for qn, q in enumerate(questions, start=1):
        fixed = [o for o, _ in MULTI[q]] if q in MULTI else [o for o, _ in SOCIAL_DO_ENOUGH]
        qtype = "multiple" if q in MULTI else "single"
        for kind, texts in (("fixed", fixed), ("free text", OTHER_TEXTS.get(q, []))):
            for an, text in enumerate(texts, start=1):
                for area in AREAS:
                    out.append({"short_id": q, "A_ID": f"{qn}.{'F' if kind == 'fixed' else 'O'}{an}",
                                "original": text[area], "lang": area, "en": text["en"],
                                "QTYPE": qtype, "ATYPE": kind, "Q_ID": f"DQ{qn}"})
    return out


ORIGIN = """\
title: "Demo youth survey on online body shaming (synthetic)"
submitter: "Demo youth survey (fictional)"
producer: "Project team (synthetic demo data written by scripts/make_demo_survey.py)"
received: "2026-12-03"
licence: "CC0-1.0, project-written synthetic data"
url: ""
description: >-
  {n} synthetic, illustrative respondents to a fictional youth survey on online body
  shaming, in the wide shape of a real survey export: eight language areas (ro, hr, el,
  pt, esp, ita, cat, slo), each question in its original language with an _EN
  translation, multi-select answers separated by '|'. Written by the project; contains
  deliberate dirt and planted fake personal data for pipeline testing; see README.md in
  this folder.
illustrative: true
"""


def _write_csv(path: Path, records: list[dict], columns: list[str]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=columns, lineterminator="\n")
        w.writeheader()
        w.writerows(records)


def main(out: Path) -> None:
    rng = random.Random(SEED)
    records = rows(rng)
    _write_csv(out / "survey.csv", records, COLUMNS)
    dictionary = answer_dictionary()
    _write_csv(out / "survey_answer_dictionary.csv", dictionary, list(dictionary[0]))
    (out / "survey.csv.origin.yaml").write_text(ORIGIN.format(n=len(records)), encoding="utf-8")
    print(f"{len(records)} respondents -> {out / 'survey.csv'}; "
          f"{len(dictionary)} answer translations -> {out / 'survey_answer_dictionary.csv'}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "data" / "raw" / "demo")
