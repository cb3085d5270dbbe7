"""Record linkage: the same service from two submitters is merged, with an audit row."""
import pandas as pd

from pipeline.config import load_params
from pipeline.dedupe import link


def _svc(i, name, country, phones=(), websites=(), emails=()):
    return {"service_id": f"id{i}", "source_id": f"s{i % 2}", "source_key": f"k{i}",
            "source_row": i, "name": name, "organization_name": "", "description": f"d{i}",
            "country_iso3": country, "phones": list(phones), "languages": [], "emails": list(emails),
            "websites": list(websites), "chat_urls": [], "social_urls": [], "sms": [],
            "whatsapp": [], "channel_labels": [], "evidence_lines": [], "source_attributes": [],
            "flags": [], "hours_raw": "", "source_url": "", "schedule": [], "min_age": None,
            "max_age": None, "assured_date": ""}


def test_same_service_two_spellings_is_merged_keeping_every_source_id():
    df = pd.DataFrame([
        _svc(0, "KinderNetz Hilfe", "DEU", phones=["116111"]),
        _svc(1, "Sorgenfrei Jugendtelefon", "DEU", phones=["08001110333"]),
        _svc(2, "Kindernetz-Hilfe e.V.", "DEU", phones=["116111", "+4930123456"]),
        _svc(3, "KinderNetz Hilfe", "AUT", phones=["147"]),   # other country: never linked
        _svc(4, "KinderNetz Hilfe", "", phones=["116111"]),   # no country: never linked
    ])
    services, audit = link(df, load_params().linkage)
    assert len(services) == 4 and len(audit) == 1
    kept = services.set_index("service_id").loc["id0"]
    assert kept["source_ids"] == ["s0:k0", "s0:k2"]
    assert kept["phones"] == ["116111", "+4930123456"]
    row = audit.iloc[0]
    assert (row["service_id"], row["merged_id"], row["phone"]) == ("id0", "id2", 1)
    assert row["score"] >= load_params().linkage.threshold


def test_similar_names_without_shared_contacts_stay_apart():
    df = pd.DataFrame([_svc(0, "Youth Line North", "GBR", phones=["111"]),
                       _svc(1, "Youth Line North", "GBR", phones=["222"])])
    services, audit = link(df, load_params().linkage)
    assert len(services) == 2 and audit.empty


def test_names_differing_only_by_a_number_stay_apart():
    df = pd.DataFrame([_svc(0, "Línea Joven 1", "ESP", phones=["116111"]),
                       _svc(1, "Línea Joven 2", "ESP", phones=["116111"])])
    services, audit = link(df, load_params().linkage)
    assert len(services) == 2 and audit.empty
