"""Stage 3, code: apply every codebook dimension to every service, keeping the evidence.

Reads ``data/processed/services.parquet`` and ``config/codebook.yaml``; writes
``data/processed/coded_segments.parquet``, one row per coded segment:

=================  ======  ===============================================================
service_id         str     the coded service
dimension          str     codebook dimension id (channel, service_type, ...)
code_id, code      str     stable code ID (CH01) and slug (phone)
field, item        str,int where the evidence is: services[field][item]
start, end         int     character offsets of the evidence in that item ('' field: none)
evidence           str     the evidence text itself
rule               str     the pattern, field or attribute rule that matched, or 'fallback'
method             str     how: 'source_field' (a structured field, or what the source
                           states), 'text_rule' (a pattern in text), 'fallback'
coder              str     'rules' for this stage; human coders get their own name
codebook_version   str     version of the codebook that produced the segment
=================  ======  ===============================================================

Where people have coded enough examples of a code (review stage), a classifier proposes it for
other services (:func:`write_proposals`, :mod:`pipeline.proposals`): written to
``data/processed/code_proposals.parquet``, never into the coded segments.

Every service gets at least one segment per dimension with a fallback code (service type:
ST99 unclassified), so gaps are visible rather than silent. This is the only stage that
classifies: channels, service types and delivery facts (free, anonymous, confidential, 24/7)
are all codebook dimensions.
"""
from __future__ import annotations

import pandas as pd

from pipeline import paths, proposals, schema, storage
from pipeline.codebook import code_record, load_codebook
from pipeline.config import load_params
from pipeline.paths import Outputs


def code_services(services: pd.DataFrame, codebook) -> pd.DataFrame:
    slugs = {c.id: c.slug for d in codebook.dimensions for c in d.codes}
    rows = []
    for rec in services.to_dict("records"):
        for dim_id, evidence in code_record(codebook, rec).items():
            for ev in evidence:
                rows.append({"service_id": rec["service_id"], "dimension": dim_id,
                             "code_id": ev.code_id, "code": slugs[ev.code_id], "field": ev.field,
                             "item": ev.item, "start": ev.start, "end": ev.end,
                             "evidence": ev.text, "rule": ev.rule, "method": ev.method,
                             "coder": "rules",
                             "codebook_version": codebook.version})
    return pd.DataFrame(rows, columns=schema.columns("coded_segments"))


def run(out: Outputs) -> pd.DataFrame:
    codebook = load_codebook()
    services = storage.read_table(out.services)
    segments = code_services(services, codebook)
    storage.write_table(out.coded_segments, segments, [out.services, paths.codebook_file()], "code")
    per_dim = segments.groupby("dimension")["service_id"].nunique().to_dict()
    print(f"[code] {len(segments)} coded segments (codebook {codebook.version}); "
          f"services coded per dimension: {per_dim}")
    return segments


def write_proposals(out: Outputs, services: pd.DataFrame, segments: pd.DataFrame,
                    codebook) -> pd.DataFrame:
    """Classifier proposals (pipeline.proposals) trained on the human decisions among
    ``segments`` (the review stage's final codes: method 'human'); none without them. Called
    by the review stage, once human decisions are known."""
    params = load_params()
    cfg = params.coding.proposals
    human = segments[segments["method"] == "human"]
    found, summary = proposals.propose(human, services, segments, codebook, cfg.min_examples,
                                       cfg.min_probability, params.seed, cfg.max_chars)
    storage.write_table(out.code_proposals, found, [out.final_codes, out.services], "review")
    print(f"[review] {proposals.describe(summary, len(human), cfg.min_examples)}")
    return found
