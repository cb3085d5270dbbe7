"""The submitter kit: what agencies and companies fill in and send, generated from the
declarations in :data:`pipeline.schema.SUBMISSION` (one schema for the template, the data
dictionary, the validator and the ingestion of returned templates).

``make submitter-kit`` writes ``report/submitter-kit/`` (:func:`run`):

- ``template.xlsx``: sheets ``services`` and ``contacts`` (one row per contact, its channel
  chosen from a list), a ``read me`` sheet, and a hidden ``lists`` sheet holding the drop-down
  lists of every controlled column; input hints on every header; one example row per service
  type, written by the project (illustrative);
- ``services.csv``, ``contacts.csv``: the same headers, no rows;
- ``services.schema.json``, ``contacts.schema.json``: Frictionless Table Schemas (name, type,
  constraints: required, enum, pattern; description, example);
- ``data-dictionary.en.md/.html`` and ``data-dictionary.fr.md/.html``.

Allowed values (:func:`vocabulary`): countries from pycountry (ISO 3166-1 alpha-3, and XKX
for Kosovo as the rest of the pipeline), languages as ISO 639-3 (a list of common ones, any
valid code accepted), service types, functions and target groups from the codebook's labels.
"""
from __future__ import annotations

from functools import cache
from pathlib import Path

from pipeline import schema

SHEETS = ("services", "contacts")
LISTS_SHEET, README_SHEET = "lists", "read me"
# Offered in the languages drop-down; any valid ISO 639-3 code is accepted as well.
COMMON_LANGUAGES = ("eng", "fra", "spa", "por", "deu", "ita", "nld", "ara", "rus", "ukr",
                    "ron", "ell", "hrv", "slv", "cat", "pol", "tur", "zho", "hin", "swa")
FORMATS = {
    "en": {"country": "ISO 3166-1 alpha-3 (FRA, KEN; XKX for Kosovo)",
           "language": "ISO 639-3 (fra, eng)", "date": "YYYY-MM-DD", "text": "text",
           "integer": "a whole number", "url": "a full link (https://...)",
           "schedule": "days and times: Mon-Fri 09:00-17:00; Sat 10:00-14:00 (or 24/7)",
           "contact": "phone, sms, whatsapp: E.164 (+, country code, number) or a short code as dialled "
                      "(119); email: name@domain; other channels: a full link"},
    "fr": {"country": "ISO 3166-1 alpha-3 (FRA, KEN ; XKX pour le Kosovo)",
           "language": "ISO 639-3 (fra, eng)", "date": "AAAA-MM-JJ", "text": "texte",
           "integer": "un nombre entier", "url": "un lien complet (https://...)",
           "schedule": "jours et heures : Mon-Fri 09:00-17:00; Sat 10:00-14:00 (ou 24/7)",
           "contact": "phone, sms, whatsapp : E.164 (+, indicatif, numéro) ou numéro court tel qu'il "
                      "se compose (119) ; email : nom@domaine ; autres canaux : un lien complet"},
}


@cache
def vocabulary(name: str) -> tuple[str, ...]:
    """The allowed values of a controlled column (:class:`pipeline.schema.SubmissionField`
    ``vocabulary``); for 'language' the offered list (any ISO 639-3 code is valid, see
    :func:`is_language`). Raises KeyError for an unknown vocabulary name."""
    if name == "country":
        import pycountry

        return tuple(sorted([c.alpha_3 for c in pycountry.countries] + ["XKX"]))
    if name == "language":
        return COMMON_LANGUAGES
    if name == "yes_no":
        return schema.YES_NO
    if name == "contact_channel":
        return tuple(schema.CONTACT_CHANNELS)
    if name.startswith("codebook:"):
        from pipeline.codebook import load_codebook

        dim = load_codebook().dimension(name.split(":", 1)[1])
        return tuple(c.label for c in dim.codes if c.slug != "unclassified")
    raise KeyError(f"no vocabulary {name!r}")


@cache
def country_names() -> dict[str, str]:
    """ISO 3166-1 alpha-3 -> English short name (pycountry; XKX Kosovo)."""
    import pycountry

    return {**{c.alpha_3: c.name for c in pycountry.countries}, "XKX": "Kosovo"}


def is_language(code: str) -> bool:
    """True for a valid ISO 639-3 code ('fra'), per pycountry."""
    import pycountry

    return bool(code.islower() and len(code) == 3 and pycountry.languages.get(alpha_3=code))


def canonical(name: str, value: str) -> str | None:
    """``value`` as the vocabulary writes it (case and surrounding space ignored; a codebook
    code's slug is accepted for its label), or None when it is not allowed."""
    v = value.strip()
    if name == "language":
        return v.lower() if is_language(v.lower()) else None
    return _lookup(name).get(v.casefold())


@cache
def _lookup(name: str) -> dict[str, str]:
    allowed = vocabulary(name)
    by_key = {a.casefold(): a for a in allowed}
    if name.startswith("codebook:"):
        from pipeline.codebook import load_codebook

        dim = load_codebook().dimension(name.split(":", 1)[1])
        by_key.update({c.slug: c.label for c in dim.codes if c.label in allowed})
    return by_key


def split_values(field: schema.SubmissionField, cell: str) -> list[str]:
    """A cell's values: several separated by ';' for a ``multiple`` column, else one."""
    if not cell.strip():
        return []
    return [v.strip() for v in cell.split(";") if v.strip()] if field.multiple else [cell.strip()]


# --------------------------------------------------------------------------- the texts
# The dictionary's framing, in each language it is written in; field texts are the schema's.
TEXT = {
    "en": {
        "title": "Data dictionary: services for children, for submitters",
        "intro": "Fill in `template.xlsx` (or `services.csv` and `contacts.csv`): one row per "
                 "service on the services sheet, one row per way of reaching it on the "
                 "contacts sheet. Check the file with `make validate FILE=your-file.xlsx` "
                 "before you send it.",
        "never": "Never send",
        "never_items": ["personal data about children, young people, staff or users: no "
                        "names, e-mail addresses, phone numbers, handles, photos or case "
                        "details of a person;",
                        "individual records of contacts or reports: only aggregate counts, "
                        "and no count below 10 (small counts are suppressed);",
                        "a staff member's direct line or address: only the service's public "
                        "contacts."],
        "sheet": "Sheet", "field": "Column", "required": "Required", "meaning": "Meaning",
        "format": "Format or allowed values", "example": "Example", "yes": "yes", "no": "no",
        "several": "several values separated by ';'",
        "see_lists": "one of the list on the hidden `lists` sheet (drop-down)",
        "illustrative": "The example rows in the template are illustrative, written by the "
                        "project: replace them with your services.",
    },
    "fr": {
        "title": "Dictionnaire des données : services pour les enfants, à l'usage des "
                 "contributeurs",
        "intro": "Remplissez `template.xlsx` (ou `services.csv` et `contacts.csv`) : une ligne "
                 "par service dans la feuille des services, une ligne par moyen de le joindre "
                 "dans la feuille des contacts. Vérifiez le fichier avec `make validate "
                 "FILE=votre-fichier.xlsx` avant de l'envoyer.",
        "never": "À ne jamais envoyer",
        "never_items": ["des données personnelles sur des enfants, des jeunes, du personnel ou "
                        "des usagers : ni nom, ni adresse e-mail, ni numéro de téléphone, ni "
                        "pseudonyme, ni photo, ni détail d'un cas ;",
                        "des fiches individuelles de contacts ou de signalements : seulement "
                        "des totaux, et aucun total inférieur à 10 (les petits effectifs sont "
                        "masqués) ;",
                        "la ligne directe ou l'adresse d'un membre du personnel : seulement "
                        "les contacts publics du service."],
        "sheet": "Feuille", "field": "Colonne", "required": "Obligatoire",
        "meaning": "Signification", "format": "Format ou valeurs admises", "example": "Exemple",
        "yes": "oui", "no": "non", "several": "plusieurs valeurs séparées par « ; »",
        "see_lists": "une valeur de la liste de la feuille masquée `lists` (liste déroulante)",
        "illustrative": "Les lignes d'exemple du modèle sont fictives, écrites par le projet : "
                        "remplacez-les par vos services.",
    },
}
LANGUAGES = tuple(TEXT)


def describe_format(f: schema.SubmissionField, lang: str = "en") -> str:
    """The format or allowed values of a column, in words (the dictionary, the hints)."""
    t = TEXT[lang]
    if f.vocabulary in ("country", "language"):
        text = FORMATS[lang][f.vocabulary]
    elif f.vocabulary:
        text = ", ".join(vocabulary(f.vocabulary))
    else:
        text = FORMATS[lang][f.kind]
    if f.vocabulary == "country":
        text += "; " + t["see_lists"]
    return text + (f"; {t['several']}" if f.multiple else "")


def dictionary_markdown(lang: str) -> str:
    """The data dictionary in ``lang`` ('en' or 'fr'), Markdown, from the schema."""
    t = TEXT[lang]
    lines = [f"# {t['title']}", "", t["intro"], "", f"## {t['never']}", ""]
    lines += [f"- {item}" for item in t["never_items"]] + ["", t["illustrative"], ""]
    for sheet in SHEETS:
        lines += [f"## {t['sheet']} `{sheet}`", "",
                  f"| {t['field']} | {t['required']} | {t['meaning']} | {t['format']} | "
                  f"{t['example']} |", "|---|---|---|---|---|"]
        for f in schema.SUBMISSION[sheet]:
            doc = f.doc_fr if lang == "fr" else f.doc
            cells = [f"`{f.name}`", t["yes"] if f.required else t["no"], doc,
                     describe_format(f, lang), f"`{f.example}`" if f.example else ""]
            lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
        lines.append("")
    return "\n".join(lines)


def dictionary_html(lang: str) -> str:
    from markdown_it import MarkdownIt

    body = MarkdownIt("commonmark").enable("table").render(dictionary_markdown(lang))
    return (f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
            f"<title>{TEXT[lang]['title']}</title><style>body{{font-family:sans-serif;"
            "max-width:70em;margin:2em auto}table{border-collapse:collapse}td,th{border:1px "
            "solid #999;padding:.3em;vertical-align:top}</style></head><body>\n"
            f"{body}</body></html>\n")


# --------------------------------------------------------------------------- Table Schema
def table_schema(sheet: str) -> dict:
    """A Frictionless Table Schema (https://specs.frictionlessdata.io/table-schema/) of a
    submission sheet: each field's name, type, description, example and constraints."""
    types = {"integer": "integer", "date": "date"}
    fields = []
    for f in schema.SUBMISSION[sheet]:
        constraints = {"required": True} if f.required else {}
        if f.vocabulary and f.vocabulary != "language" and not f.multiple:
            constraints["enum"] = list(vocabulary(f.vocabulary))
        if f.vocabulary == "language":
            constraints["pattern"] = r"[a-z]{3}(\s*;\s*[a-z]{3})*"
        if f.kind == "integer":
            constraints["minimum"] = 0
        fields.append({"name": f.name, "type": types.get(f.kind, "string"),
                       **({"format": "uri"} if f.kind == "url" else {}),
                       "description": f"{f.doc} Format: {describe_format(f)}",
                       "example": f.example, "constraints": constraints})
    out = {"fields": fields, "missingValues": [""]}
    if sheet == "services":
        out["primaryKey"] = ["service_id"]
    else:
        out["foreignKeys"] = [{"fields": ["service_id"],
                               "reference": {"resource": "services", "fields": ["service_id"]}}]
    return out


# --------------------------------------------------------------------------- template
def example_rows() -> dict[str, list[dict]]:
    """One illustrative service per service type (written by the project, invented), with
    a website contact each and a phone short code for the child helpline."""
    services, contacts = [], []
    for i, label in enumerate(vocabulary("codebook:service_type"), start=1):
        sid = f"EX-{i:03d}"
        row = {f.name: f.example for f in schema.SUBMISSION["services"]}
        row.update(service_id=sid, service_type=label,
                   service_name=f"Example {label.split(' (')[0].lower()} (illustrative)",
                   description=f"Illustrative example of a {label.lower()}: say what the "
                               "service offers, to whom and how; never a person's details.")
        services.append(row)
        contacts.append({"service_id": sid, "channel": "website",
                         "value": f"https://service-{i}.example"})
        if i == 1:
            contacts.append({"service_id": sid, "channel": "phone", "value": "119"})
    return {"services": services, "contacts": contacts}


def _hint(f: schema.SubmissionField) -> str:
    req = "Required. " if f.required else ""
    return f"{req}{f.doc}\nFormat: {describe_format(f)}" + (f"\nExample: {f.example}"
                                                           if f.example else "")


TEMPLATE_ROWS = 500  # rows formatted as text and given drop-downs


def write_template(target: Path) -> None:
    """The XLSX template (see the module docstring), written atomically."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter, quote_sheetname
    from openpyxl.worksheet.datavalidation import DataValidation

    from pipeline import storage

    wb = Workbook()
    readme = wb.active
    readme.title = README_SHEET
    for lang in LANGUAGES:
        t = TEXT[lang]
        readme.append([t["title"]])
        readme.append([t["intro"]])
        readme.append([t["never"] + ":"])
        for item in t["never_items"]:
            readme.append(["- " + item])
        readme.append([t["illustrative"]])
        readme.append([])
    lists = wb.create_sheet(LISTS_SHEET)
    ranges, col = {}, 0
    for name in sorted({f.vocabulary for s in SHEETS for f in schema.SUBMISSION[s]
                        if f.vocabulary}):
        col += 1
        values = vocabulary(name)
        letter = get_column_letter(col)
        lists.cell(1, col, name)
        for r, v in enumerate(values, start=2):
            lists.cell(r, col, v).number_format = "@"
            if name == "country":
                lists.cell(r, col + 1, country_names()[v])
        ranges[name] = f"{quote_sheetname(LISTS_SHEET)}!${letter}$2:${letter}${len(values) + 1}"
        col += name == "country"
    lists.sheet_state = "hidden"
    examples = example_rows()
    for sheet in SHEETS:
        ws = wb.create_sheet(sheet, index=SHEETS.index(sheet))
        fields = schema.SUBMISSION[sheet]
        for c, f in enumerate(fields, start=1):
            cell = ws.cell(1, c, f.name)
            cell.font = Font(bold=True)
            cell.comment = Comment(_hint(f), "submitter kit", width=320, height=160)
            ws.column_dimensions[get_column_letter(c)].width = max(14, len(f.name) + 4)
            letter = get_column_letter(c)
            area = f"{letter}2:{letter}{TEMPLATE_ROWS + 1}"
            if f.vocabulary:
                # Several values or free language codes cannot pass a list check: those lists
                # only offer values (the validator checks each one).
                free = f.multiple or f.vocabulary == "language"
                dv = DataValidation(type="list", formula1=ranges[f.vocabulary], allow_blank=True,
                                    showErrorMessage=not free, errorStyle="stop",
                                    promptTitle=f.name[:32], prompt=_hint(f)[:255],
                                    showInputMessage=True)
            elif f.kind == "integer":
                dv = DataValidation(type="whole", operator="between", formula1="0",
                                    formula2="99", allow_blank=True, showErrorMessage=True,
                                    prompt=_hint(f)[:255], showInputMessage=True)
            else:
                dv = DataValidation(type="custom", formula1="TRUE", allow_blank=True,
                                    prompt=_hint(f)[:255], showInputMessage=True)
            dv.add(area)
            ws.add_data_validation(dv)
            for r in range(2, TEMPLATE_ROWS + 2):  # typed numbers keep their leading zeros
                ws.cell(r, c).number_format = "@"
        for r, row in enumerate(examples[sheet], start=2):
            for c, f in enumerate(fields, start=1):
                ws.cell(r, c, row.get(f.name, ""))
        ws.freeze_panes = "A2"
    wb.active = 0
    with storage.atomic_path(target) as tmp:
        wb.save(tmp)


def run(out) -> list[Path]:
    """Write the submitter kit into ``out.submitter_kit``; returns the files written."""
    import csv
    import io
    import json

    from pipeline import storage

    kit = out.submitter_kit
    write_template(kit / "template.xlsx")
    written = [kit / "template.xlsx"]
    for sheet in SHEETS:
        buf = io.StringIO()
        csv.writer(buf).writerow([f.name for f in schema.SUBMISSION[sheet]])
        storage.write_text(kit / f"{sheet}.csv", buf.getvalue())
        storage.write_text(kit / f"{sheet}.schema.json",
                           json.dumps(table_schema(sheet), indent=2, ensure_ascii=False) + "\n")
        written += [kit / f"{sheet}.csv", kit / f"{sheet}.schema.json"]
    for lang in LANGUAGES:
        storage.write_text(kit / f"data-dictionary.{lang}.md", dictionary_markdown(lang))
        storage.write_text(kit / f"data-dictionary.{lang}.html", dictionary_html(lang))
        written += [kit / f"data-dictionary.{lang}.md", kit / f"data-dictionary.{lang}.html"]
    return written
