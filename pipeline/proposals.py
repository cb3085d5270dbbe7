"""Classifier proposals: codes a model suggests where people have coded enough examples.

Part of stage 3 (``code``). For each code of each dimension, a seeded scikit-learn
``LogisticRegression`` (class-balanced) is trained on the sentence embeddings (:mod:`pipeline.embeddings`) of
the services that people coded in that dimension (human decisions: coded segments with method
``human``), a service being a positive example when a person gave it the code and a negative
one when a person coded the dimension without it. A code is trained only with at least
``params.coding.proposals.min_examples`` positive and as many negative examples; below that
nothing is proposed and the summary says why.

Proposals are made only for services that no person coded in that dimension (a human decision
is final) and only for codes the rules did not already give; they are written apart from the
coded segments (``data/processed/code_proposals.parquet``: the ``coded_segments`` columns,
``method`` = ``model_proposal``, ``coder`` = ``model``, no evidence span, and ``probability``),
so a proposal can never overwrite a human decision or a rule code. A reviewer accepts or
rejects them.
"""
from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from pipeline import embeddings, schema
from pipeline.codebook import _items

TEXT_FIELDS = ("name", "description", "evidence_lines")
SUMMARY_COLUMNS = ["dimension", "code_id", "positives", "negatives", "trained", "proposals",
                   "reason"]


def service_texts(services: pd.DataFrame, max_chars: int) -> pd.Series:
    """The text a service is embedded by (name, description, evidence lines; one per line, cut
    to ``max_chars``), indexed by service_id."""
    texts = ["\n".join(x for f in TEXT_FIELDS for x in _items(rec.get(f)) if x.strip())[:max_chars]
             for rec in services.to_dict("records")]
    return pd.Series(texts, index=services["service_id"].to_numpy(), dtype=object)


def _labels(human: pd.DataFrame, dimension: str) -> dict[str, set[str]]:
    """{service_id: codes a person gave} for the services a person coded in ``dimension``."""
    d = human[human["dimension"] == dimension]
    return {sid: set(g["code_id"]) for sid, g in d.groupby("service_id")}


def propose(human: pd.DataFrame, services: pd.DataFrame, decided: pd.DataFrame, codebook,
            min_examples: int, min_probability: float, seed: int, max_chars: int = 2000,
            embed: Callable[[list[str]], np.ndarray] = embeddings.embed
            ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Train on human decisions, propose on the rest.

    ``human``: coded segments (``coded_segments`` columns) with method 'human'; ``decided``: every
    coded segment already made (rules and people), never proposed again. Returns
    (proposals: ``code_proposals`` columns, one row per proposed (service, code) with
    ``probability`` >= ``min_probability``; summary: one row per code with ``positives``,
    ``negatives``, ``trained``, ``proposals`` and the ``reason`` when not trained)."""
    from sklearn.linear_model import LogisticRegression

    texts = service_texts(services, max_chars)
    taken = set(zip(decided["service_id"], decided["code_id"]))
    rows, summary = [], []
    for dim in codebook.dimensions:
        labels = {s: c for s, c in _labels(human, dim.id).items() if s in texts.index}
        units = sorted(labels)
        targets = [s for s in texts.index if s not in labels]
        x_train = x_target = None
        for code in dim.codes:
            y = np.array([code.id in labels[s] for s in units], dtype=bool)
            pos, neg = int(y.sum()), int((~y).sum())
            entry = {"dimension": dim.id, "code_id": code.id, "positives": pos,
                     "negatives": neg, "trained": False, "proposals": 0, "reason": ""}
            summary.append(entry)
            if min(pos, neg) < min_examples:
                entry["reason"] = (f"{pos} positive / {neg} negative human-coded examples; "
                                   f"at least {min_examples} of each needed")
                continue
            if x_train is None:
                x_train = embed(texts[units].tolist())
                x_target = embed(texts[targets].tolist()) if targets else np.zeros((0, 1))
            entry["trained"] = True
            if not targets:
                continue
            # Balanced class weights: with plain weights a rare code was almost never proposed
            # (5-fold CV on the held-out crisis-line gold: ST01 F1 0.11 -> 0.82, TG01 0.17 ->
            # 0.77). The probability is then a score for ranking, not a calibrated prevalence.
            model = LogisticRegression(max_iter=1000, class_weight="balanced",
                                       random_state=seed).fit(x_train, y)
            probs = model.predict_proba(x_target)[:, list(model.classes_).index(True)]
            for sid, p in zip(targets, probs):
                if p >= min_probability and (sid, code.id) not in taken:
                    rows.append(_proposal(sid, dim.id, code, float(p), pos, neg, codebook.version))
                    entry["proposals"] += 1
    proposals = pd.DataFrame(rows, columns=schema.columns("code_proposals"))
    return proposals, pd.DataFrame(summary, columns=SUMMARY_COLUMNS)


def _proposal(service_id: str, dimension: str, code, p: float, pos: int, neg: int,
              version: str) -> dict:
    return {"service_id": service_id, "dimension": dimension, "code_id": code.id,
            "code": code.slug, "field": "", "item": 0, "start": 0, "end": 0, "evidence": "",
            "rule": f"logistic_regression:{pos}+/{neg}-", "method": "model_proposal",
            "coder": "model", "codebook_version": version, "probability": round(p, 4)}


def describe(summary: pd.DataFrame, n_human: int, min_examples: int) -> str:
    """One line for the stage's output: what was trained and proposed, or why nothing was."""
    if n_human == 0:
        return (f"no classifier proposals: no human-coded examples yet (a code needs "
                f"{min_examples} positive and {min_examples} negative ones)")
    trained = summary[summary["trained"]]
    if trained.empty:
        return (f"no classifier proposals: no code has {min_examples} positive and "
                f"{min_examples} negative human-coded examples")
    return (f"classifier proposals: {int(trained['proposals'].sum())} for "
            f"{len(trained)} codes with enough human-coded examples "
            f"({', '.join(trained['code_id'])}); {len(summary) - len(trained)} codes below "
            f"{min_examples} examples")


def published_summary(found: pd.DataFrame, segments: pd.DataFrame, min_examples: int) -> dict:
    """What the report says about proposals: counts of services, never of people; ``text``
    is one sentence for readers."""
    n_human = int((segments["method"] == "human").sum())
    by_code = {str(k): int(v) for k, v in found["code_id"].value_counts().sort_index().items()}
    if n_human == 0:
        text = ("No classifier proposals: no service has been coded by a person yet (a code needs "
                f"{min_examples} services coded with it and {min_examples} without it).")
    elif not by_code:
        text = (f"No classifier proposals: no code has {min_examples} services coded with it "
                f"and {min_examples} without it by a person, or none reached the probability "
                "threshold.")
    else:
        text = (f"{len(found)} classifier proposals for {len(by_code)} codes, from "
                f"{n_human} human-coded segments: marked as proposals for reviewers, never "
                "counted as codes in this report; codes with fewer than "
                f"{min_examples} human-coded examples get none.")
    return {"human_coded_segments": n_human, "proposals": int(len(found)), "by_code": by_code,
            "min_examples": min_examples, "text": text}
