"""Record linkage: the same service from two submitters is merged, with an audit row."""
import pandas as pd
import pytest

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


def test_a_name_carrying_the_services_own_number_is_the_same_service():
    df = pd.DataFrame([_svc(0, "Allô Enfance en Danger", "FRA", phones=["119"]),
                       _svc(1, "Allo Enfance en danger (119)", "FRA", phones=["119"]),
                       _svc(2, "Enfance en Danger 116", "FRA", phones=["119"])])
    services, audit = link(df, load_params().linkage)
    assert list(services["service_id"]) == ["id0", "id2"] and list(audit["merged_id"]) == ["id1"]


def test_one_networks_local_services_stay_apart():
    """Names differing by an unlike word each ('Córdoba', 'Salta') are two services of one
    network, even with its national short code in common."""
    df = pd.DataFrame([_svc(0, "Línea 102 Córdoba", "ARG", phones=["102"]),
                       _svc(1, "Línea 102 Salta", "ARG", phones=["102"]),
                       _svc(2, "Linea 102 Cordoba", "ARG", phones=["102"])])
    services, audit = link(df, load_params().linkage)
    assert list(services["service_id"]) == ["id0", "id1"] and list(audit["merged_id"]) == ["id2"]


def _clean_table(out):
    """A services_clean table (through the standardise stage) with three services submitted
    two or three times, far apart and with other spellings, among distinct ones."""
    from pipeline import schema, standardise, storage

    names = [("KinderNetz Hilfe", "Germany", "116111"), ("Línea Joven", "España", "116111"),
             ("Youth Line North", "UK", "08001111"), ("Sorgenfrei Telefon", "Germany", "08002"),
             ("Kindernetz-Hilfe e.V.", "Deutschland", "116111"), ("Youth Line North", "UK", "0800 1111"),
             ("Linea Joven", "Spain", "116 111"), ("Ayuda Niños", "Spain", "900202010"),
             ("KinderNetz Hilfe", "Germany", "116111"), ("Youth Line South", "UK", "08002222")]
    raw = [{**schema.blank_record("services_raw"), "source_id": "s", "source_key": f"k{i}",
            "source_row": i + 2, "service_name": name, "country_raw": country, "phones": [phone],
            "description": f"d{i}", "languages_raw": ["English"] if i % 2 else []}
           for i, (name, country, phone) in enumerate(names)]
    storage.write_table(out.services_raw, pd.DataFrame(raw, columns=schema.columns("services_raw")))
    standardise.run(out)
    return storage.read_table(out.services_clean)


@pytest.mark.parametrize("parallel", [False, True])
def test_the_stage_links_in_pair_chunks_and_batches_as_in_memory(tmp_path, monkeypatch, parallel):
    """Issue 14: run() scores candidate pairs a chunk at a time, reads only the merging
    records in full and copies the rest through in batches (on workers for large tables); it
    writes what link() gives on the whole table."""
    from pipeline import dedupe, storage, workers
    from pipeline.paths import Outputs

    out = Outputs(tmp_path)
    df = _clean_table(out)
    services, audit = link(df, load_params().linkage)
    assert len(audit) == 4 and services["source_ids"].map(len).max() == 3
    monkeypatch.setattr(dedupe, "PAIR_CHUNK", 2)
    monkeypatch.setattr(dedupe, "BATCH", 3)
    monkeypatch.setattr(workers, "PARALLEL_FROM", 0 if parallel else 10**9)
    dedupe.run(out)
    pd.testing.assert_frame_equal(storage.read_table(out.linkage_audit), audit)
    written = storage.read_table(out.services)
    assert written.map(_plain).equals(services.map(_plain))
    assert written.dtypes.equals(services.dtypes)


def _plain(v):
    import numpy as np

    if isinstance(v, (list, np.ndarray)):
        return tuple(_plain(x) for x in v)
    return tuple(sorted(v.items())) if isinstance(v, dict) else v
