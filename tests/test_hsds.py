"""HSDS export fields say what is known (issue 12): flagged contacts withheld with an attribute
saying why, status from the record_status codes, eligibility apart from cost."""
import pandas as pd

from pipeline import hsds, schema
from pipeline.codebook import load_codebook
from pipeline.coding import code_services


def _services(**rows) -> pd.DataFrame:
    base = schema.blank_record("services")
    return pd.DataFrame([{**base, "service_id": sid, "name": sid, "country_iso3": "ARM",
                          "country_name": "Armenia", "organization_name": "Org", **fields}
                         for sid, fields in rows.items()])


def _export(services):
    codebook = load_codebook()
    return hsds.export(services, code_services(services, codebook), codebook)


def test_flagged_contacts_are_withheld_with_the_reason_and_good_ones_kept():
    services = _services(
        a={"emails": ["help@ministry.gov.ge", "info@line.am"],
           "websites": ["https://example.com", "https://line.am"], "phones": ["+37480061111"]})
    t = _export(services)
    service = t["service"].iloc[0]
    assert (service["email"], service["url"]) == ("info@line.am", "https://line.am")
    quality = t["attribute"][t["attribute"]["link_type"] == "data_quality"]["value"].tolist()
    assert "email: contact_other_country" in quality and "url: url_placeholder" in quality
    assert t["phone"]["number"].tolist() == ["+37480061111"]
    people = hsds.directory(services, code_services(services, load_codebook())).iloc[0]
    assert people["e-mail"] == "info@line.am" and "ministry" not in people.to_string()
    assert people["contacts to verify"] == "email: contact_other_country; url: url_placeholder"


def test_status_comes_from_the_text_and_eligibility_is_not_cost():
    services = _services(
        closed={"description": "This helpline has closed permanently and no longer operates."},
        kids={"description": "Free helpline for children and young people.", "min_age": 6,
              "max_age": 18})
    t = _export(services).copy()
    service = t["service"].set_index("id")
    assert service.loc["closed", "status"] == "inactive"
    assert service.loc["kids", "status"] == "active"
    assert "free" not in service.loc["kids", "eligibility_description"].lower()
    assert service.loc["kids", "eligibility_description"].endswith("ages 6-18")
    assert service.loc["kids", "fees_description"] == "free of charge"
    unverified = t["attribute"][t["attribute"]["value"].str.startswith("listed by its source")]
    assert unverified["link_id"].tolist() == ["kids"]


def test_a_number_standardise_could_not_read_is_withheld_not_published_as_working():
    services = _services(a={"phones": ["+37480061111", "116111", "*123#", "0800 11 0011 (x)", "TTY"]})
    t = _export(services)
    assert t["phone"]["number"].tolist() == ["+37480061111", "116111", "*123#"]
    quality = t["attribute"][t["attribute"]["link_type"] == "data_quality"]["value"].tolist()
    assert quality.count("phone: unreadable number") == 2
    people = hsds.directory(services, code_services(services, load_codebook())).iloc[0]
    assert people["phone"] == "+37480061111; 116111; *123#" and "TTY" not in people.to_string()
