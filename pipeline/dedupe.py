"""Stage 2c, dedupe: link the same service submitted more than once, and merge it.

Reads ``data/interim/services_clean.parquet``; writes ``data/processed/services.parquet``
(the columns of ``services_clean`` plus ``source_ids``: list of ``source_id:source_key`` of
every record merged into the row) and ``data/processed/linkage_audit.parquet``, one row per
merged record: the kept and merged records' IDs, references and names, the weighted score
(weights in ``params.linkage``), the names' Jaro-Winkler similarity and whether the two share a
phone number, web domain or e-mail (columns and types: :mod:`pipeline.schema`).

Candidate pairs come from recordlinkage's sorted-neighbourhood index on the normalised name
within each country (records without a country are never linked). A pair is a match when
its name similarity reaches ``params.linkage.name_min``, its score reaches
``params.linkage.threshold`` and the numbers in the two names are the same; matches are closed
transitively (connected components) and each component keeps its first record in source order,
with the others' list fields merged in.
"""
from __future__ import annotations

import logging
import re
from urllib.parse import urlsplit

import pandas as pd

from pipeline import schema, storage
from pipeline.config import LinkageParams, load_params
from pipeline.normalise import norm_key
from pipeline.paths import Outputs

LIST_FIELDS = ("phones", "languages", "emails", "websites", "chat_urls", "social_urls", "sms",
               "whatsapp", "channel_labels", "evidence_lines", "source_attributes", "flags")
FILL_FIELDS = ("organization_name", "description", "hours_raw", "source_url", "assured_date")
AUDIT_COLUMNS = schema.columns("linkage_audit")


def _domains(urls) -> set[str]:
    return {urlsplit(u).netloc.removeprefix("www.") for u in urls if u}


def _overlap(a, b) -> int:
    return int(bool(set(a) & set(b)))


def candidate_pairs(df: pd.DataFrame, window: int) -> pd.MultiIndex:
    import recordlinkage

    logging.getLogger("recordlinkage").setLevel(logging.ERROR)
    keyed = df.assign(name_key=df["name"].map(norm_key))
    keyed = keyed[keyed["country_iso3"] != ""]
    if len(keyed) < 2:
        return pd.MultiIndex.from_arrays([[], []])
    index = recordlinkage.index.SortedNeighbourhood("name_key", window=window,
                                                    block_on="country_iso3")
    return index.index(keyed)


def score_pairs(df: pd.DataFrame, pairs: pd.MultiIndex, lp: LinkageParams) -> pd.DataFrame:
    """One row per candidate pair with its comparison vector and weighted score."""
    import jellyfish

    if len(pairs) == 0:
        return pd.DataFrame(columns=["a", "b", "name_similarity", "phone", "web", "email", "score"])
    a, b = pairs.get_level_values(0).to_numpy(), pairs.get_level_values(1).to_numpy()
    # Plain lists indexed by position: per-pair DataFrame lookups dominate otherwise.
    names = [norm_key(n) for n in df["name"]]
    webs = [_domains(list(w) + list(c)) for w, c in zip(df["websites"], df["chat_urls"])]
    phones = [set(p) for p in df["phones"]]
    emails = [set(e) for e in df["emails"]]
    out = pd.DataFrame({"a": a, "b": b})
    out["name_similarity"] = [jellyfish.jaro_winkler_similarity(names[i], names[j]) for i, j in zip(a, b)]
    out["phone"] = [_overlap(phones[i], phones[j]) for i, j in zip(a, b)]
    out["web"] = [_overlap(webs[i], webs[j]) for i, j in zip(a, b)]
    out["email"] = [_overlap(emails[i], emails[j]) for i, j in zip(a, b)]
    w = lp.weights
    out["score"] = (w.name * out["name_similarity"] + w.phone * out["phone"] + w.web * out["web"]
                    + w.email * out["email"]).round(4)
    return out


def _components(n: int, edges) -> list[int]:
    """Union-find: the smallest member index of each record's component."""
    parent = list(range(n))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in edges:
        ri, rj = find(i), find(j)
        parent[max(ri, rj)] = min(ri, rj)
    return [find(i) for i in range(n)]


def _merge_into(kept: dict, other: dict) -> dict:
    for f in LIST_FIELDS:
        kept[f] = list(dict.fromkeys(list(kept[f]) + list(other[f])))
    for f in FILL_FIELDS:
        kept[f] = kept[f] or other[f]
    for f in ("min_age", "max_age"):
        kept[f] = kept[f] if not pd.isna(kept[f]) else other[f]
    if len(kept["schedule"]) == 0:
        kept["schedule"] = other["schedule"]
    kept["source_ids"] = kept["source_ids"] + other["source_ids"]
    return kept


def link(df: pd.DataFrame, lp: LinkageParams,
         records: list[dict] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(merged services, audit). ``df`` is in source order; ``records`` (optional) are its
    rows as plain dicts, when the caller already has them."""
    df = df.reset_index(drop=True)
    scored = score_pairs(df, candidate_pairs(df, lp.window), lp)
    numbers = df["name"].map(lambda n: tuple(re.findall(r"\d+", n)))
    same_numbers = [numbers[i] == numbers[j] for i, j in zip(scored["a"], scored["b"])]
    # 'Youth Line 1' and 'Youth Line 2' are near-identical strings but different services.
    matches = scored[(scored["name_similarity"] >= lp.name_min) & (scored["score"] >= lp.threshold)
                     & pd.Series(same_numbers, index=scored.index, dtype=bool)]
    root = _components(len(df), zip(matches["a"], matches["b"]))
    records = records if records is not None else df.to_dict("records")
    for r in records:
        r["source_ids"] = [f"{r['source_id']}:{r['source_key']}"]
    best = {}  # merged record -> its strongest matching pair, for the audit
    for m in matches.sort_values("score").itertuples():
        for x in (m.a, m.b):
            best[x] = m
    merged, audit = {}, []
    for i, r in enumerate(records):
        if root[i] == i:
            merged[i] = r
            continue
        keep = merged[root[i]]
        m = best[i]
        audit.append({"service_id": keep["service_id"], "merged_id": r["service_id"],
                      "kept": keep["source_ids"][0], "merged": r["source_ids"][0],
                      "kept_name": keep["name"], "merged_name": r["name"], "score": m.score,
                      "name_similarity": round(m.name_similarity, 4), "phone": m.phone,
                      "web": m.web, "email": m.email})
        _merge_into(keep, r)
    services = pd.DataFrame(list(merged.values()), columns=list(df.columns) + ["source_ids"])
    for col in df.columns:
        services[col] = services[col].astype(df[col].dtype)
    return services.reset_index(drop=True), pd.DataFrame(audit, columns=AUDIT_COLUMNS)


def run(out: Outputs) -> pd.DataFrame:
    params = load_params()
    df, records = storage.read_records(out.services_clean, with_frame=True)
    services, audit = link(df, params.linkage, records)
    inputs = [out.services_clean]
    storage.write_table(out.services, services, inputs, "dedupe")
    storage.write_table(out.linkage_audit, audit, inputs, "dedupe")
    print(f"[dedupe] {len(df)} services in: {len(audit)} merged into another record, "
          f"{len(services)} out")
    return services
