"""Standardising rules: countries, regions, languages, phones, ages, hours, rejects."""
import pytest

from pipeline import normalise as nz
from pipeline import standardise


@pytest.mark.parametrize("name, iso3", [
    ("Niger", "NER"), ("Nigeria", "NGA"),          # an exact match beats a fuzzy one
    ("UK", "GBR"), ("U.K.", "GBR"), ("United Kingdom", "GBR"),
    ("Türkiye", "TUR"), ("Turkey", "TUR"),
    ("Côte d'Ivoire", "CIV"), ("Cote d’Ivoire", "CIV"), ("cote divoire", "CIV"),
    ("Kosovo", "XKX"), ("  kenya ", "KEN"),
    ("Deutschland", "DEU"), ("España", "ESP"), ("Brasil", "BRA"), ("Österreich", "AUT"),
    ("Bolivia (Plurinational State of)", "BOL"), ("Sénégal", "SEN"),
    ("Ελλάδα", "GRC"), ("المغرب", "MAR"),
    # submitters' other languages and short forms (a new directory had them all unknown)
    ("Україна", "UKR"), ("Россия", "RUS"), ("Polska", "POL"), ("Magyarország", "HUN"),
    ("KSA", "SAU"), ("UAE", "ARE"), ("RD Congo", "COD"), ("Scotland", "GBR"), ("N. Ireland", "GBR"),
])
def test_country_names_in_many_languages_map_to_iso3(name, iso3):
    assert nz.country_to_iso3(name)[0] == iso3


def test_unknown_and_missing_countries_are_not_guessed():
    assert nz.country_to_iso3("Atlantis") == ("", "unknown")
    for junk in ("N/A", "123", "=A1", "TBD", "XYZ"):
        assert nz.country_to_iso3(junk) == ("", "unknown"), junk
    assert nz.country_to_iso3("   ") == ("", "missing")


@pytest.mark.parametrize("name", ["Congo", "the Congo", "Kongo", "Korea", "KOREA", "Corée", "Corea"])
def test_names_two_countries_share_are_ambiguous_not_guessed(name):
    assert nz.country_to_iso3(name) == ("", "ambiguous")


@pytest.mark.parametrize("name, iso3", [
    ("Democratic Republic of Congo", "COD"), ("Congo Brazzaville", "COG"), ("South Korea", "KOR"),
    ("North Korea", "PRK"), ("Republic of Korea", "KOR"),
])
def test_names_that_say_which_congo_or_korea_still_map(name, iso3):
    assert nz.country_to_iso3(name)[0] == iso3


def test_an_ambiguous_country_is_flagged_on_the_record():
    rec = {**standardise.schema.blank_record("services_raw"), "source_id": "t", "source_key": "1",
           "service_name": "Line", "country_raw": "Congo"}
    row = standardise.clean_record(rec)
    assert row["country_iso3"] == "" and "country_ambiguous" in row["flags"]


def test_m49_regions():
    assert nz.m49("BRA")[1:] == ("Americas", "South America")
    assert nz.m49("KEN")[1] == "Africa"
    assert nz.m49("XKX")[1] == "Europe"


@pytest.mark.parametrize("value, code", [
    ("en", "eng"), ("EN", "eng"), ("English", "eng"), ("Français", "fra"), ("Anglais", "eng"),
    ("Deutsch", "deu"), ("Kiswahili", "swa"), ("pt-BR", "por"), ("Spanish", "spa"),
    ("Albanian", "sqi"),
])
def test_languages_to_iso639_3(value, code):
    assert nz.language_to_iso639_3(value) == code


# One item naming several languages, and sign languages by their initials or by name (which
# langcodes reads as other languages: 'BSL' is Basa-Gumna's code)
@pytest.mark.parametrize("value, country, codes", [
    ("Français/Anglais", "FRA", ["fra", "eng"]),
    ("EN/FR/ES/AR", "", ["eng", "fra", "spa", "ara"]),
    ("English and French", "", ["eng", "fra"]),
    ("luxembourgeois / français / allemand", "LUX", ["ltz", "fra", "deu"]),
    ("BSL (sign language)", "GBR", ["bfi"]),
    ("langue des signes", "FRA", ["fsl"]),
    ("American Sign Language", "CAN", ["ase"]),
    ("sign language", "", []),
    ("Kiswahili na Kiingereza", "TZA", ["swa", "eng"]),
    # langcodes reads a name's prefix: not Dari for 'Darija', Lengua for 'Lenguas indígenas'
    ("Darija", "MAR", ["ary"]), ("Lenguas indígenas", "MEX", []), ("Valencià", "ESP", ["cat"]),
])
def test_language_items_give_every_language_they_name(value, country, codes):
    assert nz.language_codes(value, country) == codes


def test_a_record_keeps_every_language_of_a_joined_item():
    rec = {**standardise.schema.blank_record("services_raw"), "source_id": "t", "source_key": "1",
           "service_name": "Line", "country_raw": "UK", "languages_raw": ["English/Welsh", "BSL"]}
    row = standardise.clean_record(rec)
    assert row["languages"] == ["bfi", "cym", "eng"] and "language_unparsed" not in row["flags"]


# A cell naming several countries, or excluding one, is no one country (they were read as
# the last or the excluded one: 'US; CA; GB' -> GBR, 'Global (except China)' -> CHN)
@pytest.mark.parametrize("value, expected", [
    ("US; CA; GB", ("", "multiple")), ("UK and Ireland", ("", "multiple")),
    ("USA & Canada", ("", "multiple")), ("Global (except China)", ("", "unknown")),
    ("Canada (Québec)", ("CAN", "exact")), ("Bosnia and Herzegovina", ("BIH", "exact")),
    ("Trinidad & Tobago", ("TTO", "regex")), ("Tanzania, United Republic of", ("TZA", "exact")),
])
def test_cells_naming_several_countries_or_excluding_one(value, expected):
    assert nz.country_to_iso3(value) == expected


# A note beside a number is no digit of it; a USSD code is kept as written
@pytest.mark.parametrize("raw, region, expected", [
    ("116 111 (24/7)", "GB", ("116111", None)), ("116 (24h)", "BR", ("116", None)),
    ("0800 11 0011 (toll-free)", "TZ", ("+255800110011", None)),
    ("*123#", "CO", ("*123#", "ussd_code")), ("+44 (0)20 7946 0018", "GB", ("+442079460018", None)),
    ("(11) 3333-4444", "BR", ("+551133334444", None)),
])
def test_notes_beside_a_phone_number_are_not_dialled(raw, region, expected):
    assert nz.normalise_phone(raw, region) == expected


def test_text_cleaning_decodes_entities_and_keeps_inline_words_together():
    assert standardise.clean_text("Tom &amp; Jerry&#39;s <b>line</b>.") == "Tom & Jerry's line."
    assert standardise.clean_text("&lt;script&gt;alert(1)&lt;/script&gt;Help") == "Help"
    assert standardise.clean_text("👨\u200d👩\u200d👧 a\u200bb") == "👨\u200d👩\u200d👧 ab"


def test_unrecognised_language_is_empty():
    assert nz.language_to_iso639_3("Gibberishese") == ""
    assert nz.language_to_iso639_3("") == ""


def test_short_codes_stay_as_dialled_and_are_checked_per_country():
    assert nz.normalise_phone("116 111", "GB") == ("116111", None)
    assert nz.normalise_phone("116000", "FR") == ("116000", None)
    number, flag = nz.normalise_phone("4321", "GB")
    assert number == "4321" and flag == "short_code_not_confirmed"


@pytest.mark.parametrize("raw", ["0", "00", "1", "(0)", "+", "-"])
def test_what_is_no_number_is_flagged_not_a_crash(raw):
    assert nz.normalise_phone(raw, "ES") == (raw, "phone_unparsed")


def test_a_number_stored_as_a_number_keeps_its_country_code():
    """A spreadsheet drops the '+' of 4402071234567: the digits are an international number."""
    assert nz.normalise_phone("4402071234567", "ES") == ("+442071234567", None)
    assert nz.normalise_phone("4402071234567", "GB") == ("+442071234567", None)
    assert nz.normalise_phone("4402071234567", "") == ("+442071234567", None)
    # also a valid German number once read as national: flagged, not published as +49...
    assert nz.normalise_phone("4402071234567", "DE") == ("4402071234567", "phone_ambiguous")
    # a national number whose trunk 0 the spreadsheet dropped stays national
    assert nz.normalise_phone("2071234567", "GB") == ("+442071234567", None)


def test_full_numbers_become_e164_and_invalid_ones_are_flagged():
    assert nz.normalise_phone("0808 157 0123", "GB") == ("+448081570123", None)
    assert nz.normalise_phone("+34 612 345 678", "") == ("+34612345678", None)
    assert nz.normalise_phone("+44 12", "GB")[1] in {"phone_invalid", "phone_unparsed"}


@pytest.mark.parametrize("raw, expected", [
    ("12", (12, None)), ("under 18", (17, None)), ("up to 18", (18, None)), ("18+", (18, None)),
    ("", (None, None)), ("n/a", (None, "age_unparsed")), ("2010-05-01", (None, "age_unparsed")),
    ("01/05/2010", (None, "age_unparsed")), ("-5", (None, "age_unparsed")),
    ("999", (None, "age_unparsed")), ("eighteen", (None, "age_unparsed")),
])
def test_parse_age(raw, expected):
    assert nz.parse_age(raw) == expected


# One 'age group' cell mapped to both bounds, as the README shows: a range gives both ends;
# 'under 19' only a maximum, '13+' only a minimum (they were 18-18 and 13-13)
@pytest.mark.parametrize("min_raw, max_raw, bounds", [
    ("0-18", "0-18", (0, 18)), ("13–17", "13–17", (13, 17)), ("de 12 a 18 años", "de 12 a 18 años", (12, 18)),
    ("under 19", "under 19", (None, 18)), ("13+", "13+", (13, None)), ("12", "under 18", (12, 17)),
    ("0-18", "", (0, 18)), ("12", "12", (12, 12)),
    ("under 18", "", (None, 17)), ("", "13+", (13, None)),
])
def test_age_bounds_from_one_or_two_cells(min_raw, max_raw, bounds):
    (low, f1), (high, f2) = nz.age_bounds(min_raw, max_raw)
    assert (low, high) == bounds and f1 is None and f2 is None


def _record(**kw):
    base = {k: "" for k in ("source_id", "source_key", "organization_name", "service_name",
                            "description", "country_raw", "service_kind_raw", "hours_raw",
                            "min_age_raw", "max_age_raw", "source_url", "last_checked_raw",
                            "date_order")}
    base.update({k: [] for k in ("channel_labels", "evidence_lines", "languages_raw", "phones",
                                 "sms", "whatsapp", "emails", "websites", "chat_urls",
                                 "social_urls", "source_attributes")})
    base.update(source_id="t", source_key="1", source_row=2, service_name="X")
    base.update(kw)
    return base


def test_clean_record_flags_dirt_and_strips_html():
    row = standardise.clean_record(_record(
        country_raw="Atlantis", hours_raw="Monday through Friday from", min_age_raw="16",
        max_age_raw="12", description="<b>Chat</b> with us <script>alert(1)</script>today",
        languages_raw=["Gibberishese"], emails=["a@b.example"]))
    assert {"country_unknown", "hours_unparsed", "age_range_inverted",
            "language_unparsed"} <= set(row["flags"])
    assert "<" not in row["description"] and "alert" not in row["description"]
    assert row["description"] == "Chat with us today"
    assert "channels" not in row  # cleaning normalises; coding classifies


def test_service_ids_are_stable_uuids_of_source_and_key():
    a = standardise.clean_record(_record(source_key="AG-1"))["service_id"]
    b = standardise.clean_record(_record(source_key="AG-1", service_name="Renamed"))["service_id"]
    c = standardise.clean_record(_record(source_key="AG-2"))["service_id"]
    assert a == b != c
    assert standardise.clean_record(_record(hours_raw="24/7"))["is_24_7"]


@pytest.mark.parametrize("raw, expected", [
    (" Help@Example.ORG ", ("help@example.org", None)),
    ("mailto:info@line.al", ("info@line.al", None)),
    ("not an email", ("not an email", "email_invalid")),
])
def test_emails(raw, expected):
    assert nz.normalise_email(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("www.Line.example/", ("https://www.line.example", None)),
    ("https://orgchil.example.net/?p=2511", ("https://orgchil.example.net/?p=2511", "url_placeholder")),
    ("hello", ("hello", "url_invalid")),
])
def test_urls(raw, expected):
    assert nz.normalise_url(raw) == expected


def test_contacts_of_another_country_and_social_links_are_flagged():
    row = standardise.clean_record(_record(country_raw="Kosovo", emails=["alo116@alo116.al"],
                                     websites=["https://www.facebook.com/line", "line.example"]))
    assert "contact_other_country" in row["flags"]
    assert "social_url_in_website_slot" in row["flags"]
    assert row["social_urls"] == ["https://www.facebook.com/line"]
    assert row["websites"] == ["https://line.example"]


@pytest.mark.parametrize("raw, order, expected", [
    ("03/04/2025", "", ("", "date_ambiguous")),          # day-first or month-first? not guessed
    ("03/04/2025", "dmy", ("2025-04-03", None)),
    ("03/04/2025", "mdy", ("2025-03-04", None)),
    ("25/04/2025", "", ("2025-04-25", None)),            # unambiguous either way
    ("04/25/2025", "", ("2025-04-25", None)),
    ("2025-04-03", "dmy", ("2025-04-03", None)),         # ISO is ISO
    ("31/02/2025", "dmy", ("", "date_invalid")),
    ("last spring", "", ("", "date_unparsed")),
])
def test_dates(raw, order, expected):
    assert nz.normalise_date(raw, order) == expected


def test_mixed_date_formats_are_flagged_on_the_record():
    assert "date_ambiguous" in standardise.clean_record(_record(last_checked_raw="05/06/2024"))["flags"]
    row = standardise.clean_record(_record(last_checked_raw="05/06/2024", date_order="mdy"))
    assert row["assured_date"] == "2024-05-06" and not [f for f in row["flags"] if "date" in f]


def test_angle_brackets_that_are_not_html_stay():
    row = standardise.clean_record(_record(service_name="The Centre <Helpline for Children>",
                                     description="<p>Hi <b>there</b></p><script>x()</script> <3 "
                                                 "<Allo enfant>"))
    assert row["name"] == "The Centre <Helpline for Children>"
    assert row["description"] == "Hi there <3 <Allo enfant>"


def test_report_tables_escape_html():
    import pandas as pd

    from pipeline.report import table
    html = table(pd.DataFrame({"title": ["<script>alert('x')</script>"]})).to_html()
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_long_texts_are_cut_before_topic_modelling():
    import pandas as pd

    from pipeline.topics import corpora
    services = pd.DataFrame({"service_id": ["a"], "description": ["x" * 1_000_000]})
    notes = pd.DataFrame({"note_id": ["n"], "question_id": ["q1"], "text": ["y" * 5000], "text_en": [""],
                          "is_non_answer": [False]})
    c = corpora(services, notes, max_chars=2000)
    assert c["descriptions"]["text"].str.len().max() == 2000
    assert c["notes"]["text_terms"].str.len().max() == 2000


def test_standardise_stage_function_on_small_records():
    """The stage's work without Make or files: a nameless record and a repeated key are
    rejected with their reasons; the rest become services with the declared columns."""
    from pipeline import schema

    raw = [_record(source_key="A", service_name="Line A", country_raw="Kenya"),
           _record(source_key="B", service_name="<b></b>"),
           _record(source_key="A", service_name="Line A again")]
    services, rejects = standardise.standardise(raw)
    assert list(services.columns) == schema.columns("services_clean")
    assert services["name"].tolist() == ["Line A"] and services["country_iso3"].tolist() == ["KEN"]
    assert sorted(rejects["reason"]) == ["duplicate_service_id", "missing_service_name"]
    assert set(rejects["stage"]) == {"standardise"}


def _mixed_records(n=40):
    """Records with the variety cleaning meets: no lists at all in the first ones (so a first
    batch has only empty lists), then phones, languages, hours, ages and contacts; nameless
    records and repeated keys, some far apart."""
    countries = ["Kenya", "UK", "Atlantis", "", "Brasil", "Congo"]
    records = [_record(source_key=f"K{i}", source_row=i + 2, service_name=f"Line {i}")
               for i in range(8)]
    for i in range(8, n):
        records.append(_record(
            source_key=f"K{i}", source_row=i + 2, service_name="" if i % 9 == 0 else f"Line {i}",
            country_raw=countries[i % len(countries)], phones=["116 111", "+44 20 7946 0000"][: i % 3],
            languages_raw=["English", "Kiswahili", "Klingon"][: i % 4], hours_raw="24/7" if i % 5 else "",
            min_age_raw=str(i % 18), max_age_raw="" if i % 2 else "25", emails=[f"x{i}@example.org"],
            websites=["https://www.instagram.com/line"] if i % 7 == 0 else []))
    records += [_record(source_key="K3", source_row=n + 2, service_name="Line 3 again"),
                _record(source_key="K20", source_row=n + 3, service_name="Line 20 again")]
    return records


@pytest.mark.parametrize("batch, parallel", [(1, False), (7, True), (100, False)])
def test_the_stage_streams_in_batches_with_the_same_result(tmp_path, monkeypatch, batch, parallel):
    """Issue 14: run() cleans services_raw in batches (on worker processes for large inputs);
    what it writes is what the whole input at once gives, whatever the batch size: a first
    batch of empty lists keeps the declared types, a key repeated in a later batch is
    rejected, rejects come in the same order."""
    import pandas as pd

    from pipeline import storage
    from pipeline.paths import Outputs

    raw = _mixed_records()
    whole, whole_rejects = standardise.standardise(raw)  # one batch (BATCH > 42 records)
    out = Outputs(tmp_path)
    storage.write_table(out.services_raw, pd.DataFrame(raw, columns=standardise.schema.columns(
        "services_raw")))
    monkeypatch.setattr(standardise, "BATCH", batch)
    monkeypatch.setattr(standardise.workers, "PARALLEL_FROM", 0 if parallel else 10**9)
    standardise.run(out)
    services = storage.read_table(out.services_clean)
    pd.testing.assert_frame_equal(services, whole)
    pd.testing.assert_frame_equal(storage.read_table(out.service_rejects), whole_rejects)
    assert whole_rejects["reason"].value_counts().to_dict() == {"missing_service_name": 4,
                                                                "duplicate_service_id": 2}
    assert len(services) == 42 - 6 and services["phones"].map(len).sum() > 0


def test_a_key_repeated_in_a_later_batch_is_rejected(monkeypatch):
    monkeypatch.setattr(standardise, "BATCH", 2)
    raw = [_record(source_key="A", service_name="Line A"), _record(source_key="B", service_name="B"),
           _record(source_key="A", source_row=9, service_name="Line A later")]
    services, rejects = standardise.standardise(raw)
    assert services["name"].tolist() == ["Line A", "B"]
    assert rejects[["source_row", "reason"]].values.tolist() == [[9, "duplicate_service_id"]]
