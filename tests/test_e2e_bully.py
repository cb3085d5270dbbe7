"""End to end (issue 7): young people name a bully with a handle, a class and an address in
Romanian, Greek, Croatian, Slovenian and Catalan. Nothing of them may be published. In the
same run, a directory whose descriptions give public helpline numbers: the gate must not fire.

The notes and the directory are written here by the project (all people, handles, addresses
and numbers invented) and added to the demo data as two more sources: one cold run serves
both (a cold run costs minutes of the test suite, issue 14)."""
import csv
import json
import re

import pytest
from conftest import ROOT, make

from pipeline.gate import _texts, published_files
from pipeline.paths import Outputs

pytestmark = pytest.mark.e2e

# language: notes (original, English translation) by five different respondents each.
NOTES = {
    "ro": [
        ("Darius din 8B mă face grasă pe Instagram în fiecare zi. Contul lui e darius.popa_2009.",
         "Darius from 8B calls me fat on Instagram every day. His account is darius.popa_2009."),
        ("Darius Popa stă pe Strada Florilor nr. 12 și mă așteaptă după ore.",
         "Darius Popa lives on Strada Florilor nr. 12 and waits for me after class."),
        ("Toată clasa 8B râde când Darius scrie despre corpul meu.",
         "The whole class 8B laughs when Darius writes about my body."),
        ("Mi-a trimis mesaje de pe @darius.popa_2009 toată noaptea.",
         "He sent me messages from @darius.popa_2009 all night."),
        ("Am spus dirigintei că darius mă hărțuiește, dar nu a făcut nimic.",
         "I told the form teacher that darius harasses me, but she did nothing."),
    ],
    "el": [
        ("Ο Νίκος από το Β2 με λέει χοντρή στο Instagram κάθε μέρα. Ο λογαριασμός του είναι nikos_pap07.",
         "Nikos from B2 calls me fat on Instagram every day. His account is nikos_pap07."),
        ("Ο Νίκος Παππάς μένει στην οδό Ερμού 25 και με περιμένει μετά το σχολείο.",
         "Nikos Pappas lives at 25 Ermou Street and waits for me after school."),
        ("Όλο το Β2 γελάει όταν ο Νίκος γράφει για το σώμα μου.",
         "All of class B2 laughs when Nikos writes about my body."),
        ("Μου έστελνε μηνύματα από το @nikos_pap07 όλη τη νύχτα.",
         "He sent me messages from @nikos_pap07 all night."),
        ("Είπα στην καθηγήτρια ότι ο νίκος με παρενοχλεί αλλά δεν έκανε τίποτα.",
         "I told the teacher that nikos harasses me but she did nothing."),
    ],
    "hr": [
        ("Luka iz 7.b me stalno naziva debelom na Instagramu. Profil mu je luka.horvat_08.",
         "Luka from 7.b keeps calling me fat on Instagram. His profile is luka.horvat_08."),
        ("Luka Horvat živi u Ilici 45 i čeka me nakon škole.",
         "Luka Horvat lives at Ilica 45 and waits for me after school."),
        ("Cijeli 7.b se smije kad Luka piše o mom tijelu.",
         "The whole 7.b laughs when Luka writes about my body."),
        ("Slao mi je poruke s @luka.horvat_08 cijelu noć.",
         "He sent me messages from @luka.horvat_08 all night."),
        ("Rekla sam razrednici da me luka maltretira, ali nije ništa napravila.",
         "I told the form teacher that luka bullies me, but she did nothing."),
    ],
    "sl": [
        ("Janez iz 8.a me na Instagramu ves čas kliče debela. Njegov profil je janez_kovac09.",
         "Janez from 8.a keeps calling me fat on Instagram. His profile is janez_kovac09."),
        ("Janez Kovač živi na Trubarjevi ulici 3 in me čaka po pouku.",
         "Janez Kovač lives at Trubarjeva ulica 3 and waits for me after class."),
        ("Cel 8.a se smeji, ko Janez piše o mojem telesu.",
         "The whole 8.a laughs when Janez writes about my body."),
        ("Pošiljal mi je sporočila z @janez_kovac09 vso noč.",
         "He sent me messages from @janez_kovac09 all night."),
        ("Razredničarki sem povedala, da me janez nadleguje, pa ni naredila nič.",
         "I told the form teacher that janez harasses me, but she did nothing."),
    ],
    "ca": [
        ("En Pol de 3r B em diu grassa cada dia a Instagram. El seu compte és pol.ferrer_2010.",
         "Pol from 3r B calls me fat every day on Instagram. His account is pol.ferrer_2010."),
        ("En Pol Ferrer viu al carrer de Mallorca 120 i m'espera després de classe.",
         "Pol Ferrer lives at carrer de Mallorca 120 and waits for me after class."),
        ("Tota la classe de 3r B riu quan en Pol escriu sobre el meu cos.",
         "The whole class of 3r B laughs when Pol writes about my body."),
        ("M'enviava missatges des de @pol.ferrer_2010 tota la nit.",
         "He sent me messages from @pol.ferrer_2010 all night."),
        ("Vaig dir a la tutora que en pol em molesta però no va fer res.",
         "I told the form teacher that pol bothers me but she did nothing."),
    ],
}
# Every personal value, and every part that identifies on its own, per language.
PLANTED = {
    "ro": ["Darius", "Popa", "darius.popa", "8B", "Florilor"],
    "el": ["Νίκος", "Nikos", "Παππάς", "Pappas", "nikos_pap", "Β2", "B2", "Ερμού", "Ermou"],
    "hr": ["Luka", "Horvat", "luka.horvat", "7.b", "Ilic"],
    "sl": ["Janez", "Kovač", "janez_kovac", "8.a", "Trubarjev"],
    "ca": ["Pol", "Ferrer", "pol.ferrer", "3r B", "Mallorca"],
}


NUMBERED_SERVICES = [  # project-written directory: public numbers inside descriptions
    ("FR-1", "Écoute Ados Lagune", "France", "Appelez le 01 45 39 40 00 (24-hour) ou écrivez-nous.", ""),
    ("FR-2", "Fil Jeunes Azur", "France", "Numéro vert 0 800 05 12 34, gratuit et anonyme.",
     "0 800 05 12 34"),
    ("RO-1", "Linia Tinerilor Sigur", "Romania", "Sună la 021 310 00 00 sau la 116 111, luni-vineri.", ""),
    ("DE-1", "Jugendtelefon Kompass", "Germany", "Tel. 030/123 456 78, Mo-Fr 14-20 Uhr.", ""),
    ("IT-1", "Linea Amica Giovani", "Italy", "Chiama lo 02 8940 1234 o il +39 347 123 4567 su WhatsApp.", ""),
    ("GB-1", "Brightline Youth", "UK", "Call free on 0808 800 5000 or text 85258.", "0808 800 5000"),
    ("ES-1", "Línea Joven Clara", "Spain", "Llama al 900 20 20 10, las 24 horas.", ""),
    ("GR-1", "Γραμμή Νέων Ασπίδα", "Greece", "Καλέστε στο 210 323 4567 ή στο 116 111.", ""),
]


def _write_notes(folder):
    path = folder / "bully_notes.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["note_id", "respondent", "question_id", "language", "text", "text_en"])
        for lang, notes in NOTES.items():
            for i, (text, text_en) in enumerate(notes, start=1):
                w.writerow([f"BN-{lang}-{i}", f"BULLY-{lang}-{i}", "other_thoughts", lang, text, text_en])
    (folder / "bully_notes.csv.origin.yaml").write_text(
        'title: "Notes naming a bully (synthetic, written for a test)"\n'
        'submitter: "Project test suite"\nreceived: 2026-12-02\nlicence: "CC0-1.0"\n',
        encoding="utf-8")
    return path


def _write_services(folder):
    path = folder / "numbered_services.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "name", "country", "description", "phone"])
        w.writerows(NUMBERED_SERVICES)
    (folder / "numbered_services.csv.origin.yaml").write_text(
        'title: "Directory with numbers in descriptions (written for a test)"\n'
        'submitter: "Project test suite"\nreceived: 2026-12-02\nlicence: "CC0-1.0"\n', encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def bully_run(tmp_path_factory):
    """(output root, make's result) of `make report` on the demo data, the numbered directory
    and the bully's notes."""
    import yaml

    folder = tmp_path_factory.mktemp("bully")
    notes, services = _write_notes(folder), _write_services(folder)
    sources = (ROOT / "config" / "sources.yaml").read_text(encoding="utf-8")
    sources += (f"\n  - id: numbered\n    adapter: services_table\n    path: {services}\n"
                "    options:\n      columns:\n        source_key: id\n        service_name: name\n"
                "        country_raw: country\n        description: description\n        phones: phone\n"
                f"\n  - id: bully_notes\n    adapter: notes_table\n    path: {notes}\n"
                "    options:\n      columns:\n        source_key: note_id\n"
                "        respondent: respondent\n        question_id: question_id\n"
                "        language_raw: language\n        text_original: text\n"
                "        text_en: text_en\n")
    src = folder / "sources.yaml"
    src.write_text(sources, encoding="utf-8")
    # Privacy is under test, not topic stability: no stability refits.
    params = yaml.safe_load((ROOT / "config" / "params.yaml").read_text(encoding="utf-8"))
    params["topics"]["stability_refits"] = 0
    (folder / "params.yaml").write_text(yaml.safe_dump(params, allow_unicode=True), encoding="utf-8")
    out = folder / "out"
    proc = make("report", out=out, sources=str(src), extra_env={"PARAMS": str(folder / "params.yaml")})
    return out, proc


def _is_country_code(token):
    """'POL' in the map's data-iso3 attributes is Poland, not the bully Pol."""
    import pycountry

    return token.isupper() and pycountry.countries.get(alpha_3=token) is not None


@pytest.mark.parametrize("lang", sorted(PLANTED))
def test_nothing_of_the_bully_is_published(bully_run, lang):
    o = Outputs(bully_run[0])
    files = published_files(o)
    assert any(p.suffix == ".pdf" for p in files) and any(p.suffix == ".html" for p in files)
    for path in files:
        for name, text, _ in _texts(path, path.read_bytes(), str(path)):
            for value in PLANTED[lang]:
                m = next((m for m in re.finditer(r"(?<!\w)" + re.escape(value) + r"(?!\w)",
                                                 text, re.IGNORECASE)
                          if not _is_country_code(m.group())), None)
                context = text[max(0, m.start() - 40):m.end() + 40] if m else ""
                assert m is None, f"{name}: '{value}' published: …{context}…"


def test_notes_were_pseudonymised_and_quotes_carry_no_token(bully_run):
    import pandas as pd

    o = Outputs(bully_run[0])
    notes = pd.read_parquet(o.notes)
    bully = notes[notes["source_id"] == "bully_notes"]
    assert len(bully) == 25 and (bully["n_replaced"] > 0).all()
    f = json.loads(o.findings.read_text(encoding="utf-8"))
    for q in f["quotes"]:
        for x in q["quotes"]:
            assert not re.search(r"\[[A-Z]+_\d+\]", x["text"]) and re.fullmatch(r"Q-\d{4}", x["quote_id"])
    assert json.loads(o.gate_result.read_text())["leaks"] == 0


def test_gate_passes_on_a_directory_with_numbers_in_descriptions(bully_run):
    """The public numbers written inside the numbered directory's descriptions are published
    (the HSDS export) and are no leak."""
    import pandas as pd

    out, proc = bully_run
    o = Outputs(out)
    assert "[gate]" in proc.stdout and "no leaks" in proc.stdout
    assert json.loads(o.gate_result.read_text())["leaks"] == 0
    hsds = pd.read_csv(o.report / "hsds" / "service.csv", dtype=str)
    published = set(zip(hsds["name"], hsds["description"]))
    for _, name, _, description, _ in NUMBERED_SERVICES:
        assert (name, description) in published, name
