"""Classifier proposals: trained on human decisions only, never over a human or rule code."""
import uuid

import numpy as np
import pandas as pd

from pipeline import schema
from pipeline.codebook import load_codebook
from pipeline.proposals import describe, propose, published_summary

CODEBOOK = load_codebook()
# Illustrative services written for this test: chat services and phone services.
CHAT = ["Chat en línea para jóvenes", "Online chat for teens", "Chat anonyme pour les jeunes",
        "Webchat mit Beratern", "Chat gratuito com voluntários"]
PHONE = ["Free phone helpline", "Línea telefónica gratuita", "Appelle-nous au numéro vert",
         "Telefonseelsorge rund um die Uhr", "Linea telefonica per ragazzi"]


def _services(n_each: int) -> pd.DataFrame:
    rows = []
    for i in range(n_each):
        for kind, texts in (("chat", CHAT), ("phone", PHONE)):
            rows.append({"service_id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{kind}{i}")),
                         "name": f"{texts[i % 5]} {i}", "description": texts[(i + 1) % 5],
                         "evidence_lines": [], "kind": kind})
    return pd.DataFrame(rows)


def fake_embed(texts):
    """Stands in for the sentence embedder: is it about chat, about phones, and its length."""
    t = [x.lower() for x in texts]
    return np.array([[("chat" in x) * 1.0, any(w in x for w in ("phon", "telef", "numéro"))
                      * 1.0, len(x) / 100] for x in t], dtype=np.float32)


def _human(services: pd.DataFrame, n: int) -> pd.DataFrame:
    """Human decisions on the channel of the first ``n`` services."""
    codes = {"chat": ("CH03", "webchat"), "phone": ("CH01", "phone")}
    rows = [{"service_id": s.service_id, "dimension": "channel", "code_id": codes[s.kind][0],
             "code": codes[s.kind][1], "field": "", "item": 0, "start": 0, "end": 0,
             "evidence": "", "rule": "", "method": "human", "coder": "reviewer-A",
             "codebook_version": CODEBOOK.version} for s in services.head(n).itertuples()]
    return pd.DataFrame(rows, columns=schema.columns("coded_segments"))



def test_codes_with_enough_examples_are_proposed_for_the_other_services():
    services = _services(30)                      # 60 services; people coded the first 44
    human = _human(services, 44)
    rule = human.iloc[[0]].assign(service_id=services.loc[45, "service_id"], method="text_rule",
                                  code_id="CH01", code="phone", coder="rules")
    decided = pd.concat([human, rule])
    found, summary = propose(human, services, decided, CODEBOOK, min_examples=20,
                             min_probability=0.5, seed=42, embed=fake_embed)
    schema.validate("code_proposals", found)
    assert set(found["method"]) == {"model_proposal"} and set(found["coder"]) == {"model"}
    assert not set(found["service_id"]) & set(human["service_id"])   # human decisions are final
    assert (services.loc[45, "service_id"], "CH01") not in set(zip(found["service_id"],
                                                                   found["code_id"]))
    kind = services.set_index("service_id")["kind"]
    expected = {"chat": "CH03", "phone": "CH01"}
    assert all(expected[kind[s]] == c for s, c in zip(found["service_id"], found["code_id"]))
    assert len(found) == 15 and found["probability"].between(0.5, 1).all()
    trained = summary[summary["trained"]]
    assert set(trained["code_id"]) == {"CH01", "CH03"}
    assert (trained["positives"] == 22).all() and (trained["negatives"] == 22).all()
    assert "classifier proposals: 15 for 2 codes" in describe(summary, len(human), 20)
    again, _ = propose(human, services, decided, CODEBOOK, 20, 0.5, 42, embed=fake_embed)
    pd.testing.assert_frame_equal(found, again)
    published = published_summary(found, decided, 20)
    assert published["proposals"] == 15 and sum(published["by_code"].values()) == 15
    assert published["human_coded_segments"] == 44 and "never counted" in published["text"]


def test_below_the_threshold_nothing_is_proposed_and_the_summary_says_why():
    services = _services(30)
    human = _human(services, 30)                  # 15 chat, 15 phone: under 20 each
    found, summary = propose(human, services, human, CODEBOOK, 20, 0.5, 42, embed=fake_embed)
    assert found.empty and not summary["trained"].any()
    row = summary.set_index("code_id").loc["CH03"]
    assert row["reason"].startswith("15 positive / 15 negative") and "at least 20" in row["reason"]
    assert "no code has 20 positive" in describe(summary, len(human), 20)
    assert published_summary(found, human, 20)["text"].startswith("No classifier proposals: no code")


def test_without_human_decisions_nothing_is_embedded_or_proposed():
    def no_embed(texts):
        raise AssertionError("nothing to train on: nothing should be embedded")

    services = _services(5)
    empty = _human(services, 0)
    found, summary = propose(empty, services, empty, CODEBOOK, 20, 0.5, 42, embed=no_embed)
    assert found.empty and list(found.columns) == schema.columns("code_proposals")
    assert "no human-coded examples yet" in describe(summary, 0, 20)
