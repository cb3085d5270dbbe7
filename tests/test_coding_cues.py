"""Service coding cues and matcher rules (issue 9, coding quality): weak evidence, phrases that
contain a cue without being evidence, hyphenated forms, and a new user's obvious services.
Every text here is project-written and illustrative, in several languages."""
import pytest

from pipeline.codebook import Code, Dimension, code_record, codes_found, load_codebook, match_dimension


def _dimension(*codes) -> Dimension:
    base = {"label": "x", "definition": "d", "source": "s"}
    return Dimension(id="t", label="t", source="s", search_fields=["description"],
                     codes=[dict(base, **c) for c in codes])


def test_weak_evidence_counts_only_where_no_other_code_has_evidence_of_its_own():
    dim = _dimension({"id": "TT01", "slug": "line", "cues": {"en": ["helpline"]}},
                     {"id": "TT02", "slug": "crisis", "cues": {"en": ["suicide"]},
                      "weak": {"cues": {"en": ["emotional support"]}, "fields": ["phones"]}})
    both = {"description": "A helpline offering emotional support.", "phones": ["116"]}
    assert codes_found(dim, both) == ["line"]
    alone = {"description": "Emotional support by phone.", "phones": ["116"]}
    assert codes_found(dim, alone) == ["crisis"]
    strong = {"description": "A helpline for people thinking of suicide; emotional support."}
    assert codes_found(dim, strong) == ["line", "crisis"]


def test_alongside_evidence_counts_only_beside_its_codes_and_then_despite_unless():
    dim = _dimension({"id": "TT01", "slug": "child", "cues": {"en": ["child line"]}},
                     {"id": "TT02", "slug": "other", "cues": {"en": ["hotline"]},
                      "unless": ["TT01"],
                      "alongside": {"codes": ["TT01"], "cues": {"en": ["domestic violence"]}}})
    assert codes_found(dim, {"description": "A child line and hotline."}) == ["child"]
    assert codes_found(dim, {"description": "A child line, also for domestic violence."}) == [
        "child", "other"]
    assert codes_found(dim, {"description": "A hotline for domestic violence."}) == ["other"]
    assert codes_found(dim, {"description": "Domestic violence."}) == []
    [ev] = [e for e in match_dimension(dim, {"description": "Child line; domestic violence."})
            if e.code_id == "TT02"]
    assert (ev.text, ev.rule) == ("domestic violence", "cue:en:domestic violence")


def test_alongside_evidence_needs_codes_of_its_dimension():
    with pytest.raises(ValueError, match="names no code it counts beside"):
        Code(id="TT01", slug="x", label="x", definition="d", source="s",
             alongside={"cues": {"en": ["chat"]}})
    with pytest.raises(ValueError, match="also other evidence"):
        Code(id="TT01", slug="x", label="x", definition="d", source="s", cues={"en": ["chat"]},
             alongside={"codes": ["TT02"], "cues": {"en": ["chat"]}})
    with pytest.raises(ValueError, match="alongside.codes"):
        load_codebook().model_validate({"version": "x", "title": "t", "dimensions": [{
            "id": "t", "label": "t", "source": "s", "search_fields": ["description"],
            "codes": [{"id": "TT01", "slug": "x", "label": "x", "definition": "d", "source": "s",
                       "alongside": {"codes": ["ZZ99"], "cues": {"en": ["chat"]}}}]}]})


def test_evidence_cannot_be_both_weak_and_strong():
    with pytest.raises(ValueError, match="both weak and not"):
        Code(id="TT01", slug="x", label="x", definition="d", source="s",
             cues={"en": ["chat"]}, weak={"cues": {"en": ["chat"]}})


def test_a_cue_inside_a_not_in_phrase_is_not_evidence():
    dim = _dimension({"id": "TT01", "slug": "phone", "cues": {"en": ["call"]},
                      "not_in": [r"\bvideo[- ]?calls?\b"]})
    assert codes_found(dim, {"description": "Counselling by video call in sign language."}) == []
    assert codes_found(dim, {"description": "Video calls or a call to our number."}) == ["phone"]


@pytest.mark.parametrize("text", ["In-person counselling", "In person counselling",
                                  "Consultation en face-à-face", "Beratung face to face"])
def test_hyphenated_and_spaced_forms_match_the_same_cue(text):
    cb = load_codebook()
    record = {"description": "", "channel_labels": [text]}
    [ev] = [e for e in match_dimension(cb.dimension("channel"), record, cb.negation)
            if e.code_id == "CH09"]
    assert text[ev.start:ev.end] == ev.text and ev.text.lower().replace("-", " ") in (
        "in person", "face à face", "face to face")


def _codes(record: dict, dimension: str = "service_type") -> set[str]:
    cb = load_codebook()
    slugs = {c.id: c.slug for c in cb.dimension(dimension).codes}
    return {slugs[e.code_id] for e in code_record(cb, record)[dimension]}


# A new user's own obvious services (issue 9): project-written, illustrative.
@pytest.mark.parametrize("name, description, expected", [
    ("Kids Online Helpline", "", {"child_helpline"}),
    ("Report Remove", "Young people can report nude images of themselves to get them removed.",
     {"illegal_content_hotline"}),
    ("Peer Mentors", "Young volunteers support other young people who face cyberbullying.",
     {"peer_support"}),
    ("Police emergency number 112", "", {"emergency_number"}),
])
def test_a_new_users_obvious_services_get_their_service_type(name, description, expected):
    assert _codes({"name": name, "description": description}) == expected


@pytest.mark.parametrize("text, expected", [
    ("We do not offer chat.", set()),
    ("Text HOME to 741741.", {"sms"}),
    ("Call, text or chat with a counsellor at any time.", {"phone", "sms", "webchat"}),
    ("Counselling by video call in sign language.", set()),
    ("Our volunteers chat with young people on WhatsApp.", {"messaging_app"}),
    ("Send us a Facebook message.", {"messaging_app"}),
    ("Help with harassment on social media.", set()),
    ("Teens can restrict who sends them direct messages in the app.", {"mobile_app"}),
    ("Write to us by direct message.", {"social_media"}),
    ("Quando pesquisa termos ligados a abuso, mostramos uma mensagem.", set()),
])
def test_channel_cues_in_their_scope(text, expected):
    assert _codes({"description": text}, "channel") == expected


# A record whose own list of contact methods says it can be called or chatted with, and
# that nothing else describes, is a helpline (a child helpline where children are its users).
@pytest.mark.parametrize("labels, description, expected", [
    (["Webchat", "Email"], "Anonymous advice on violence online.", {"other_helpline"}),
    (["Phone"], "Advice for children and teenagers on any worry.", {"child_helpline"}),
    (["Teléfono", "WhatsApp"], "Orientación sobre violencia digital.", {"other_helpline"}),
    (["Email"], "Anonymous advice on violence online.", {"unclassified"}),
    (["Phone", "Webchat"], "Report illegal images of children online.", {"illegal_content_hotline"}),
])
def test_a_listed_contact_method_alone_makes_a_helpline(labels, description, expected):
    assert _codes({"channel_labels": labels, "description": description}) == expected


# Another service's number that a record refers its users to is no channel of its own
# (platform tools and awareness programmes signpost helplines); its own number still is.
@pytest.mark.parametrize("text, expected", [
    ("The feature tells teens where they can get help, for example the 116 111 child line.",
     set()),
    ("The game links players to the national helpline 0800 222 333.", set()),
    ("La plateforme oriente les jeunes vers le 3018.", set()),
    ("El programa remite a los adolescentes al 116 111.", set()),
    ("A ferramenta encaminha os jovens para o 188.", set()),
    ("Die Seite verweist Jugendliche an die 116 111.", set()),
    ("Il servizio rimanda i ragazzi al 114.", set()),
    ("Our counsellors answer on 116 111, every day.", {"phone"}),
    ("We refer callers to specialist services. Ring us on 0808 800 5000.", {"phone"}),
])
def test_a_number_a_record_refers_to_is_not_its_phone(text, expected):
    assert _codes({"description": text}, "channel") == expected


@pytest.mark.parametrize("text", [
    "Young volunteers run workshops in local schools.",
    "Des jeunes animent des ateliers dans les lycées.",
    "Organizamos talleres sobre ciberacoso en los colegios.",
    "Levamos oficinas às escolas secundárias.",
    "Wir bieten Workshops in Schulen an.",
    "Organizziamo laboratori nelle scuole medie.",
    "ننظم ورش عمل في المدارس",
])
def test_sessions_in_schools_are_outreach_in_seven_languages(text):
    assert "outreach" in _codes({"description": text}, "channel")


@pytest.mark.parametrize("text", [
    "Young people can report nude images of themselves to get them removed.",
    "Les jeunes peuvent signaler des photos intimes d'eux-mêmes pour les faire retirer.",
    "Los jóvenes pueden denunciar imágenes íntimas suyas para que las retiren.",
    "Os jovens podem denunciar imagens íntimas suas para que sejam removidas.",
    "Jugendliche können Nacktbilder von sich melden, damit sie gelöscht werden.",
    "I ragazzi possono segnalare immagini intime di sé per farle rimuovere.",
    "يمكن للشباب الإبلاغ عن صور حميمة لهم لإزالتها",
])
def test_reporting_nude_images_of_oneself_is_illegal_content_reporting(text):
    assert _codes({"name": "", "description": text}) == {"illegal_content_hotline"}


@pytest.mark.parametrize("record, expected", [
    # a number and nothing else: a helpline, for children where the record says so
    ({"name": "Linha Aberta", "description": "", "phones": ["800 123 456"]}, {"other_helpline"}),
    ({"name": "Linha Aberta", "description": "Para crianças e adolescentes.",
      "phones": ["800 123 456"]}, {"child_helpline"}),
    # a number on a platform's safety centre does not make it a helpline
    ({"name": "Centro de seguridad de Pixgram", "description": "Bloquear y denunciar cuentas.",
      "phones": ["800 123 456"]}, {"platform_safety"}),
    # distress words: a crisis line, unless the line is a child helpline
    ({"name": "Hilfetelefon", "description": "Emotionale Unterstützung für Erwachsene, Tag und Nacht."},
     {"crisis_line"}),
    ({"name": "Kinder- und Jugendtelefon", "description": "Emotionale Unterstützung für Kinder."},
     {"child_helpline"}),
    # a parents' helpline that mentions parental controls is a helpline, not a platform tool
    ({"name": "Ligne des parents",
      "description": "Une ligne d'aide pour les adultes : comment régler le contrôle parental."},
     {"other_helpline"}),
])
def test_precedence_between_service_types(record, expected):
    assert _codes(record) == expected


@pytest.mark.parametrize("text", [
    "Anyone can report images of child sexual abuse or the exploitation of minors.",
    "Chacun peut signaler des images d'abus sexuels sur enfants.",
    "Cualquier persona puede denunciar la explotación de menores en internet.",
    "Qualquer pessoa pode denunciar crimes contra crianças na internet.",
    "Hinweise auf Gewalt gegen Kinder im Netz nehmen wir anonym entgegen.",
    "Chiunque può segnalare abusi sui minori online.",
    "يمكن لأي شخص الإبلاغ عن استغلال الأطفال عبر الإنترنت",
])
def test_children_named_as_victims_of_reported_content_are_not_the_users(text):
    assert not _codes({"description": text}, "target_group") & {"children", "young_people"}


@pytest.mark.parametrize("record, expected", [
    ({"name": "Parents' Advice Line", "description": "A helpline for parents and carers: how to "
      "talk to your children about nudes; we signpost young people to youth helplines."},
     {"other_helpline"}),
    ({"name": "Lehrkräfte-Beratung", "description": "Ein Beratungstelefon für Lehrkräfte: wie Sie mit "
      "Ihren Kindern über Cybermobbing sprechen."}, {"other_helpline"}),
])
def test_a_line_for_adults_that_talks_about_children_is_not_a_child_helpline(record, expected):
    assert _codes(record) == expected
    assert not _codes(record, "target_group") & {"children", "young_people"}


@pytest.mark.parametrize("record, expected", [
    ({"name": "Línea Segura", "description": "Formulario de denuncia de contenido ilegal: imágenes "
      "de abuso sexual infantil.", "phones": []}, {"illegal_content_hotline"}),
    ({"name": "Melde-App", "description": "Mit unserem Meldeformular kannst du Übergriffe melden."},
     {"reporting_tool"}),
    ({"name": "Guardia Civil", "description": ""}, {"emergency_number"}),
    ({"name": "Protezione civile", "description": ""}, {"emergency_number"}),
])
def test_reporting_forms_and_emergency_services_in_other_languages(record, expected):
    assert _codes(record) == expected


def test_a_channel_listed_in_german_as_written():
    assert _codes({"description": "", "channel_labels": ["Telefon", "persönlich"]},
                  "channel") == {"phone", "face_to_face"}
    assert _codes({"description": "A person answers."}, "channel") == set()


@pytest.mark.parametrize("text", [
    "A helpline for parents worried about their children.",
    "Des parents inquiets pour leurs enfants peuvent appeler.",
    "Padres y madres preocupados por sus niños pueden llamar.",
    "Pais preocupados com seus adolescentes podem ligar.",
    "Eltern, die sich Sorgen um ihre Kinder machen, rufen an.",
    "Genitori preoccupati per i loro ragazzi possono chiamare.",
    "Adults who were abused as children can call us.",
])
def test_someones_children_are_not_the_target_group(text):
    assert not _codes({"description": text}, "target_group") & {"children", "young_people"}


@pytest.mark.parametrize("text", ["A line for university students.", "Une ligne pour les étudiants.",
                                  "Una línea para estudiantes.", "Eine Beratung für Studierende."])
def test_students_are_young_people(text):
    assert "young_people" in _codes({"description": text}, "target_group")


@pytest.mark.parametrize("record, expected", [
    ({"name": "Samaritans", "description": "Someone to listen, day or night."}, {"crisis_line"}),
    ({"name": "SOS Amitié", "description": "Écoute par téléphone."}, {"crisis_line"}),
    ({"name": "Teléfono de la Esperanza", "description": ""}, {"crisis_line"}),
    ({"name": "Notruf", "description": "Die europäische Notrufnummer."}, {"emergency_number"}),
    ({"name": "Línea de apoyo", "description": "Para adultos. En caso de peligro, llama al número "
      "único de emergencias 112."}, {"other_helpline"}),
    ({"name": "Segnala", "description": "Puoi segnalare online, in forma anonima."}, {"reporting_tool"}),
])
def test_crisis_lines_emergency_numbers_and_online_reporting_by_name_in_several_languages(record,
                                                                                          expected):
    assert _codes(record) == expected


# A service type is not exclusive: a child helpline that also answers everyone in crisis or
# distress is a crisis line too; a crisis line for children (or parents) only is a child helpline.
@pytest.mark.parametrize("record", [
    {"name": "Linha Jovem", "description": "A helpline for children and young people. We also "
     "answer the EU emotional-support line 116 123.", "phones": ["116111", "116123"]},
    {"name": "Kids Line", "description": "A helpline for children, offering emotional support "
     "to the entire population as well."},
    {"name": "Ligne Enfance", "description": "Ligne d'écoute pour les enfants et les jeunes ; "
     "soutien psychologique pour toute la population."},
    {"name": "Línea Niñez", "description": "Línea de ayuda para niños y adolescentes, con apoyo "
     "emocional a cualquier persona que lo necesite."},
    {"name": "Linha Criança", "description": "Linha de ajuda para crianças e jovens; apoio "
     "psicológico para qualquer pessoa."},
    {"name": "Kinder- und Jugendtelefon", "description": "Psychologische Unterstützung für "
     "Kinder und auch für alle Menschen in Krisen."},
    {"name": "Telefono Azzurro", "description": "Linea per bambini e ragazzi, con supporto "
     "psicologico anche per chiunque ne abbia bisogno."},
    {"name": "خط نجدة الطفل", "description": "يقدم خط نجدة الطفل الدعم النفسي لأي شخص يحتاجه"},
])
def test_a_child_helpline_that_also_answers_everyone_in_distress_is_a_crisis_line_too(record):
    assert _codes(record) == {"child_helpline", "crisis_line"}
    assert "general_public" in _codes(record, "target_group")


@pytest.mark.parametrize("record", [
    {"name": "Boys Line", "description": "A 24-hour crisis hotline for children and parents, "
     "about abuse, bullying or suicide."},
    {"name": "Kids Line", "description": "Counselling for children. Counselling for adults: "
     "parents and teachers worried about a child get emotional support."},
])
def test_a_crisis_line_for_children_or_their_parents_only_is_a_child_helpline(record):
    assert _codes(record) == {"child_helpline"}


# A child helpline that also serves adult victims of domestic or gender-based violence is also a
# helpline for them (other helpline); children calling about violence at home are not that.
@pytest.mark.parametrize("record", [
    {"name": "Sunrise Line", "description": "A helpline for children, and for women victims of "
     "domestic violence."},
    {"name": "Allô Enfance", "description": "Ligne d'écoute pour les enfants et pour les victimes "
     "de violences conjugales."},
    {"name": "Línea Amiga", "description": "Línea de ayuda para niños y adolescentes, y para "
     "mujeres que sufren violencia de género."},
    {"name": "Linha Amiga", "description": "Linha de ajuda para crianças e para as vítimas de "
     "violência doméstica."},
    {"name": "Kindertelefon", "description": "Beratung für Kinder und Jugendliche sowie für Opfer "
     "häuslicher Gewalt."},
    {"name": "Linea Amica", "description": "Linea per bambini e ragazzi, e per le donne vittime "
     "di violenza."},
    {"name": "خط نجدة الطفل", "description": "يستقبل خط نجدة الطفل أيضا ضحايا العنف الأسري"},
    {"name": "Line 100", "description": "Free counselling for children; we also protect children "
     "and women who are victims of violence."},
    {"name": "Línea 100", "description": "Línea de ayuda para niños; apoyamos también a las "
     "mujeres que son víctimas de violencia."},
    {"name": "Ligne 100", "description": "Ligne d'écoute pour les enfants, et pour les femmes qui "
     "sont victimes de violence."},
])
def test_a_child_helpline_that_also_serves_adult_victims_of_violence_is_another_helpline_too(record):
    assert _codes(record) == {"child_helpline", "other_helpline"}


@pytest.mark.parametrize("record, expected", [
    ({"name": "Kids Line", "description": "A helpline for children: call us about bullying, abuse "
      "or domestic violence at home."}, {"child_helpline"}),
    ({"name": "Report It", "description": "Report gender-based violence with our reporting form."},
     {"reporting_tool"}),
    ({"name": "Women's Line", "description": "A helpline for women victims of domestic violence."},
     {"other_helpline"}),
])
def test_violence_named_without_a_second_group_served_adds_no_service_type(record, expected):
    assert _codes(record) == expected


# Cyberbullying named as content is harmful-content reporting, beside an illegal-content hotline.
@pytest.mark.parametrize("text", [
    "We handle reports of illegal content. Our analysts also review cyberbullying content.",
    "Nous traitons les contenus illégaux. Nos analystes examinent aussi les contenus de "
    "cyberharcèlement.",
    "Tratamos el contenido ilegal. También revisamos contenidos de ciberacoso.",
    "Tratamos conteúdo ilegal. Também analisamos conteúdos de cyberbullying.",
    "Wir bearbeiten Hinweise auf Missbrauchsdarstellungen. Wir prüfen auch Cybermobbing-Inhalte.",
    "Membro di INHOPE. Esaminiamo anche i contenuti di cyberbullismo.",
    "عضو في INHOPE. نراجع أيضا محتوى التنمر",
])
def test_cyberbullying_content_is_harmful_content_reporting_beside_a_hotline(text):
    assert _codes({"name": "Hotline", "description": text}) == {
        "illegal_content_hotline", "harmful_content_reporting"}


@pytest.mark.parametrize("record", [
    {"name": "Peer Circle", "description": "A forum where young people support each other: "
     "young volunteers trained to listen to their peers answer messages."},
    {"name": "Cercle Jeunes", "description": "Un forum de soutien entre jeunes : des jeunes "
     "bénévoles formés à l'écoute répondent aux messages."},
])
def test_volunteers_trained_in_listening_do_not_make_a_peer_forum_a_child_helpline(record):
    assert _codes(record) == {"peer_support"}


# Mental-health services a line refers callers to are not what the line itself offers.
@pytest.mark.parametrize("description", [
    "A helpline for adults facing online violence; we help callers access the mental health "
    "system.",
    "Une ligne d'aide pour les adultes ; nous orientons vers les services de santé mentale.",
    "Línea de ayuda para adultos; derivamos a los servicios de salud mental.",
    "Linha de apoio para adultos; encaminhamos para os serviços de saúde mental.",
    "Ein Beratungstelefon für Erwachsene; wir vermitteln an Dienste der psychischen Gesundheit.",
    "Linea di ascolto per adulti; indirizziamo ai servizi di salute mentale.",
    "خط المساعدة للبالغين، نقوم بإحالة المتصلين إلى خدمات الصحة النفسية",
])
def test_referral_to_mental_health_services_is_not_crisis_line_evidence(description):
    assert _codes({"name": "Linea", "description": description}) == {"other_helpline"}


def test_mental_health_support_offered_by_a_line_for_adults_is_still_a_crisis_line():
    record = {"name": "Line", "description": "A helpline giving mental health support to adults."}
    assert _codes(record) == {"crisis_line"}


# A tool that hashes someone's images so that platforms find and remove them (take-down by
# hash matching) is a harmful-content reporting service.
@pytest.mark.parametrize("text", [
    "The tool creates a hash of your photos so that platforms can find and remove them.",
    "L'outil calcule un hachage de vos images pour que les plateformes les retirent.",
    "La herramienta crea un hash de tus imágenes para que las plataformas las quiten.",
    "A ferramenta cria uma impressão digital das suas imagens para que as plataformas as tirem.",
    "Das Tool erstellt einen Hashwert deiner Bilder, damit Plattformen sie finden.",
    "Lo strumento crea un hash delle tue immagini per le piattaforme.",
    "تنشئ الأداة قيمة تجزئة لصورك حتى تتمكن المنصات من العثور عليها",
])
def test_hashing_images_for_platforms_to_remove_is_harmful_content_reporting(text):
    assert _codes({"name": "Unlink", "description": text}) == {"harmful_content_reporting"}


@pytest.mark.parametrize("text", [
    "Your digital footprint: think before you post photos.",
    "Protège ton empreinte numérique : réfléchis avant de publier tes photos.",
    "Cuida tu huella digital: piensa antes de publicar tus fotos.",
    "Proteggi la tua impronta digitale: pensa prima di pubblicare le tue foto.",
])
def test_a_digital_footprint_is_not_a_hash_of_images(text):
    assert "harmful_content_reporting" not in _codes({"name": "Think first", "description": text})


@pytest.mark.parametrize("record, expected", [
    ({"name": "Line 1234", "description": "Free and confidential, every day."}, {"other_helpline"}),
    ({"name": "Line 1234", "description": "Free for children, every day."}, {"child_helpline"}),
])
def test_a_service_named_by_its_number_is_a_line_whatever_its_other_fields_say(record, expected):
    """The name pattern is anchored to the field's start and end ('^Line 1234$'): the record's
    fields are searched together first, and the anchors must hold at each field there too."""
    assert _codes(record) == expected


# Reports of violent or inappropriate content taken in make a harmful-content reporting service;
# illegal content named in the same list does not make it an illegal-content hotline.
@pytest.mark.parametrize("text", [
    "The line receives and processes reports of violent, inappropriate or illegal content "
    "published on social media platforms.",
    "Nous recevons les signalements de contenus violents ou inappropriés publiés en ligne.",
    "Recibimos denuncias de contenidos violentos o inapropiados publicados en redes sociales.",
    "Recebemos denúncias de conteúdos violentos ou impróprios publicados nas redes sociais.",
    "Wir bearbeiten Meldungen über gewalttätige oder unangemessene Inhalte in sozialen Netzwerken.",
    "Riceviamo segnalazioni di contenuti violenti o inappropriati pubblicati sui social.",
    "نستقبل البلاغات عن المحتوى العنيف أو غير اللائق المنشور على وسائل التواصل",
])
def test_reports_of_violent_or_inappropriate_content_are_harmful_content_reporting(text):
    assert _codes({"name": "Cyber Space", "description": text}) == {"harmful_content_reporting"}


def test_reports_of_illegal_content_alone_still_make_a_hotline():
    record = {"name": "Cyber Space", "description": "We take reports of illegal content."}
    assert _codes(record) == {"illegal_content_hotline"}


def test_a_directory_pages_lines_beyond_the_summary_say_what_a_service_does():
    record = {"name": "Cyber Space", "description": "A community project for online safety.",
              "evidence_lines": ["Services", "The service receives reports of violent or "
                                 "inappropriate content published on social media."]}
    assert _codes(record) == {"harmful_content_reporting"}


# Codebook 0.9.9, from the development directory (tests/fixtures/crisis_lines_dev).
# A channel the record says is closed or no longer offered is no channel (en es pt de it).
@pytest.mark.parametrize("text", [
    "Our text service has closed; call us instead.",
    "El chat ya no está disponible; llámanos.",
    "O chat já não está disponível; ligue-nos.",
    "Der Chat ist nicht mehr verfügbar, nur noch per Telefon.",
    "La chat non è più attiva, chiamaci.",
])
def test_a_channel_no_longer_offered_is_no_channel(text):
    codes = _codes({"name": "Line", "description": text}, "channel")
    assert "webchat" not in codes and "sms" not in codes and "phone" in codes


@pytest.mark.parametrize("text", [
    "For young people aged 15-24.", "Pour les 12-17 ans.", "Para jóvenes de 14-21 años.",
])
def test_an_age_range_is_no_phone_number(text):
    assert "phone" not in _codes({"name": "Space", "description": text}, "channel")


def test_a_number_right_after_text_is_sms():
    assert "sms" in _codes({"name": "Space", "description": "Text 555-0101 any time."}, "channel")


def test_facebook_messenger_is_a_messaging_app_not_social_media():
    codes = _codes({"name": "Space", "description": "Message us on Facebook Messenger."}, "channel")
    assert "social_media" not in codes and "messaging_app" in codes


@pytest.mark.parametrize("text", [
    "Report a missing child at any hour; we support the family.",
    "Aidez-nous à retrouver un enfant : signaler la disparition d'un enfant 24h/24.",
    "Línea para denunciar la desaparición de un menor.",
    "Hier können Sie ein vermisstes Kind melden.",
])
def test_reporting_a_missing_child_is_a_missing_children_hotline(text):
    assert "missing_children_hotline" in _codes({"name": "Line", "description": text})


@pytest.mark.parametrize("text", [
    "Students aged 14-19 help each other in moderated groups.",
    "Teens helping teens, every evening.",
    "Hier beraten junge Menschen im Alter von 16 bis 25 andere junge Menschen.",
    "Des jeunes qui aident d'autres jeunes, en ligne.",
    "Jóvenes que apoyan a otros jóvenes en un foro moderado.",
])
def test_young_people_supporting_one_another_is_peer_support(text):
    assert "peer_support" in _codes({"name": "Circle", "description": text})


@pytest.mark.parametrize("text", [
    "Encontraste vídeos de abuso sexual de menores en internet? Denúncialo.",
    "Signalez les images d'abus sexuels sur des enfants.",
    "Segnala immagini di abusi sessuali su minori.",
    "Melden Sie Darstellungen sexuellen Missbrauchs von Kindern.",
])
def test_child_sexual_abuse_images_in_other_languages_make_a_hotline(text):
    assert "illegal_content_hotline" in _codes({"name": "Portal", "description": text})


@pytest.mark.parametrize("text", [
    "A free app that lets pupils report bullying at school to a teacher, anonymously.",
    "Aplicación gratuita para que los estudiantes denuncien el acoso escolar.",
])
def test_an_app_to_report_bullying_to_a_school_is_a_reporting_tool(text):
    assert _codes({"name": "SafeSchool", "description": text}) == {"reporting_tool"}


# Children sent to another line ('if you are under 18, call ...') are not the target group, and
# the number they are sent to says nothing of the record's own type.
@pytest.mark.parametrize("text", [
    "A helpline for women facing violence. If you are under 18, please call 116 111.",
    "Ligne d'écoute pour les femmes. Si tu as moins de 18 ans, appelle le 119.",
    "Línea para mujeres víctimas de violencia. Si eres menor de edad, llama al 116 111.",
    "Linha para mulheres. Se és menor, liga para o 116 111.",
    "Ein Beratungstelefon für Frauen. Wenn du unter 18 bist, ruf die 116 111 an.",
    "Linea per le donne. Se sei minorenne, chiama il 114.",
])
def test_children_sent_to_another_line_are_not_the_target_group(text):
    assert _codes({"name": "Line", "description": text}) == {"other_helpline"}


def test_chatting_to_a_counsellor_makes_a_helpline_beside_peer_forums():
    record = {"name": "Kooth-like", "description": "Online support for 11-25 year olds: chat to a "
              "counsellor or post on the moderated peer forums."}
    assert _codes(record) == {"child_helpline", "peer_support"}
