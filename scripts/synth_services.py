"""Write N synthetic, multilingual, dirty service records for benchmarks (project-written).

    python scripts/synth_services.py OUT_DIR [N]

Writes OUT_DIR/submitter_{a,b,c}.csv (three submitters, their own column names, one with ';'
delimiter and cp1252 encoding) and OUT_DIR/sources.yaml (services only; scripts/synth.py
writes services and notes). About 5% of records are the same
service submitted again by another submitter, with another spelling and phone format.
Seeded: the same N gives the same files.
"""
from __future__ import annotations

import csv
import random
import sys
from pathlib import Path

COUNTRIES = ["UK", "United Kingdom", "Deutschland", "Germany", "España", "Spain", "France",
             "Brasil", "Brazil", "Côte d'Ivoire", "Cote d’Ivoire", "Türkiye", "Kenya", "  kenya ",
             "Niger", "Nigeria", "Philippines", "Kosovo", "Italia", "Portugal", "México", "Chile",
             "India", "South Africa", "Atlantis", ""]
NAME_PARTS = {
    "en": (["Youth", "Child", "Teen", "Safe", "Bright"],
           ["Helpline", "Line", "Chat", "Support Network", "Hotline"]),
    "fr": (["Allô", "Écoute", "Jeunes", "Enfance"], ["Enfants", "Ados", "Secours", "Ligne"]),
    "es": (["Línea", "Ayuda", "Red", "Voz"], ["Joven", "Infancia", "Amiga", "Segura"]),
    "pt": (["Linha", "Apoio", "Rede"], ["Jovem", "Criança", "Segura"]),
    "de": (["Kinder", "Jugend", "Nummer"], ["Telefon", "Hilfe", "Beratung"]),
}
# Description fragments per language, combined at random with a record-specific detail, so
# that descriptions vary as real ones do (no two records share a description by accident).
FRAGMENTS = {
    "en": ["Free, confidential support for children", "Trained counsellors listen without judgement",
           "reachable by phone, web chat and WhatsApp", "We refer callers to local services",
           "Young volunteers moderate a peer-support forum", "Report cyberbullying and harmful content",
           "open to parents and teachers too", "anonymous and available in several languages"],
    "fr": ["Service gratuit et anonyme d'écoute pour les enfants", "par téléphone et chat en ligne",
           "orientation vers les services locaux", "signaler le cyberharcèlement",
           "des jeunes bénévoles formés répondent", "aussi pour les parents et les enseignants"],
    "es": ["Línea de ayuda gratuita y confidencial", "para niños y adolescentes",
           "por teléfono, chat y WhatsApp", "denuncia de ciberacoso y contenido dañino",
           "jóvenes voluntarios moderan un foro de apoyo entre iguales", "atención anónima"],
    "pt": ["Linha de apoio gratuita para crianças", "por telefone e WhatsApp",
           "com encaminhamento para serviços locais", "denuncie conteúdo ilegal",
           "jovens embaixadores fazem sensibilização nas escolas"],
    "de": ["Kostenlose und anonyme Beratung für Kinder und Jugendliche", "am Telefon und im Chat",
           "Peer-Beratung durch geschulte Jugendliche", "Meldestelle für Missbrauchsdarstellungen",
           "auch für Eltern und Lehrkräfte"],
}


def description(rng: random.Random, lang: str, i: int) -> str:
    parts = rng.sample(FRAGMENTS[lang], 3)
    return f"{parts[0]}, {parts[1]}; {parts[2]}. (ref. {i}, {rng.randint(1990, 2025)})"


HOURS = ["24/7", "Mon-Fri 9:00-17:00", "Lundi au vendredi 8h-20h", "Lunes a viernes de 9 a 18",
         "Montag bis Freitag 14-20 Uhr", "Monday through Friday from", "", "weekends 10am-4pm"]
CHANNELS = ["Phone; WhatsApp; web chat", "telephone, SMS", "Chat en ligne; Courriel", "App",
            "Formulario web", "E-mail", ""]
LANGUAGES = ["English", "en", "Français, Anglais", "Español", "Portuguese; Spanish", "Deutsch", ""]
PHONES = ["116 111", "116111", "116 000", "1098", "3033", "0800 123 4567", "+44 808 800 5000", ""]


def record(rng: random.Random, i: int) -> dict:
    lang = rng.choice(list(NAME_PARTS))
    first, second = NAME_PARTS[lang]
    return {"id": f"S-{i:06d}", "name": f"{rng.choice(first)} {rng.choice(second)} {i}",
            "country": rng.choice(COUNTRIES), "description": description(rng, lang, i),
            "channels": rng.choice(CHANNELS), "phone": rng.choice(PHONES),
            "website": rng.choice(["", f"www.service{i}.example", f"https://service{i}.example/"]),
            "email": rng.choice(["", f" Info@Service{i}.example "]),
            "languages": rng.choice(LANGUAGES), "hours": rng.choice(HOURS),
            "min_age": rng.choice(["", "5", "12"]), "max_age": rng.choice(["", "18", "under 25"])}


def write(out: Path, n: int) -> list[dict]:
    """Write the three submitters' files for ``n`` services into ``out``; their source entries."""
    rng = random.Random(20261129)
    out.mkdir(parents=True, exist_ok=True)
    rows = [record(rng, i) for i in range(n)]
    dupes = []
    for r in rng.sample(rows, n // 20):  # ~5% resubmitted by another submitter
        d = dict(r, id="D" + r["id"], name=r["name"].upper().replace(" ", "-", 1),
                 phone=r["phone"].replace(" ", ""))
        dupes.append(d)
    parts = {"a": rows[: n // 2], "b": rows[n // 2:], "c": dupes}
    sources = []
    for name, part in parts.items():
        if not part:
            continue
        path = out / f"submitter_{name}.csv"
        sep, enc = (";", "cp1252") if name == "b" else (",", "utf-8")
        with open(path, "w", newline="", encoding=enc, errors="replace") as f:
            w = csv.DictWriter(f, fieldnames=list(part[0]), delimiter=sep)
            w.writeheader()
            w.writerows(part)
        sources.append({"id": f"synthetic_{name}", "adapter": "services_table", "path": str(path),
                        "origin": {"title": f"Synthetic submitter {name}", "submitter": "bench",
                                   "licence": "CC0-1.0"},
                        "options": {"columns": {
                            "source_key": "id", "service_name": "name", "country_raw": "country",
                            "description": "description", "channel_labels": "channels",
                            "phones": "phone", "websites": "website", "emails": "email",
                            "languages_raw": "languages", "hours_raw": "hours",
                            "min_age_raw": "min_age", "max_age_raw": "max_age"}}})
    return sources


if __name__ == "__main__":
    from synth import write_sources

    target = Path(sys.argv[1])
    write_sources(target, int(sys.argv[2]) if len(sys.argv) > 2 else 100_000, 0)
