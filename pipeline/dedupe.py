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
``params.linkage.threshold`` and the numbers in the two names are the same (or differ only by
the service's own phone number, written in one name) and the names do not differ by an unlike
word each ('Línea 102 Córdoba', 'Línea 102 Salta': one network's local services); matches are closed
transitively (connected components) and each component keeps its first record in source order,
with the others' list fields merged in.

The stage reads only the compared columns (:data:`COMPARED`) for linking, scores the pairs
:data:`PAIR_CHUNK` at a time, reads in full only the records that merge, and copies the rest
through in batches on a worker per core (:func:`run`): at 1,000,000 records its memory is that
of the compared columns, not of the table (issue 14). :func:`link` gives the same tables in
memory.
"""
from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pandas as pd

from pipeline import schema, storage, workers
from pipeline.config import LinkageParams, load_params
from pipeline.normalise import norm_key
from pipeline.paths import Outputs

if TYPE_CHECKING:
    import pyarrow as pa

LIST_FIELDS = ("phones", "languages", "emails", "websites", "chat_urls", "social_urls", "sms",
               "whatsapp", "channel_labels", "evidence_lines", "source_attributes", "flags")
FILL_FIELDS = ("organization_name", "description", "hours_raw", "source_url", "assured_date")
AUDIT_COLUMNS = schema.columns("linkage_audit")


def _domains(urls) -> set[str]:
    return {urlsplit(u).netloc.removeprefix("www.") for u in urls if u}


def _overlap(a, b) -> int:
    return int(bool(set(a) & set(b)))


PAIR_CHUNK = 500_000  # candidate pairs scored at a time: memory is bounded by it
BATCH = 10_000  # rows read and written at a time when the stage copies the table through
COMPARED = ["name", "country_iso3", "phones", "emails", "websites", "chat_urls"]  # all linking reads


def candidate_pairs(df: pd.DataFrame, window: int, name_keys: list[str] | None = None
                    ) -> pd.MultiIndex:
    """recordlinkage's sorted-neighbourhood pairs (row labels of ``df``) on the normalised
    name (``name_keys``, when the caller has them) within each country."""
    import recordlinkage

    logging.getLogger("recordlinkage").setLevel(logging.ERROR)
    keyed = df.assign(name_key=name_keys if name_keys is not None else df["name"].map(norm_key))
    keyed = keyed[keyed["country_iso3"] != ""]
    if len(keyed) < 2:
        return pd.MultiIndex.from_arrays([[], []])
    index = recordlinkage.index.SortedNeighbourhood("name_key", window=window,
                                                    block_on="country_iso3")
    return index.index(keyed)


NUMBER = re.compile(r"\d+")


def _features(df: pd.DataFrame) -> dict[str, list]:
    """What a pair is compared on, per row position: normalised name, numbers in the name,
    web domains, phones, e-mails (tuples: a million small sets would cost a gigabyte)."""
    return {"name": [norm_key(n) for n in df["name"]],
            "numbers": [tuple(NUMBER.findall(n)) for n in df["name"]],
            "web": [tuple(_domains(list(w) + list(c))) for w, c in zip(df["websites"], df["chat_urls"])],
            "phone": [tuple(p) for p in df["phones"]],
            "email": [tuple(e) for e in df["emails"]]}


def score_pairs(features: dict[str, list], a, b, lp: LinkageParams) -> pd.DataFrame:
    """One row per candidate pair (row positions ``a[k]``, ``b[k]``) with its comparison
    vector and weighted score (weights ``lp.weights``)."""
    import jellyfish

    if len(a) == 0:
        return pd.DataFrame(columns=["a", "b", "name_similarity", "phone", "web", "email", "score"])
    # Plain lists indexed by position: per-pair DataFrame lookups dominate otherwise.
    names = features["name"]
    out = pd.DataFrame({"a": a, "b": b})
    out["name_similarity"] = [jellyfish.jaro_winkler_similarity(names[i], names[j]) for i, j in zip(a, b)]
    for kind in ("phone", "web", "email"):
        values = features[kind]
        out[kind] = [_overlap(values[i], values[j]) for i, j in zip(a, b)]
    w = lp.weights
    out["score"] = (w.name * out["name_similarity"] + w.phone * out["phone"] + w.web * out["web"]
                    + w.email * out["email"]).round(4)
    return out


def find_matches(df: pd.DataFrame, lp: LinkageParams) -> pd.DataFrame:
    """The candidate pairs of ``df`` (at least the :data:`COMPARED` columns, in source order)
    that match, scored :data:`PAIR_CHUNK` pairs at a time; index: the pair's position among all
    candidate pairs. A match: name similarity >= ``lp.name_min``, score >= ``lp.threshold`` and
    the same numbers in both names ('Youth Line 1' and 'Youth Line 2' are near-identical
    strings but different services)."""
    df = df.reset_index(drop=True)
    features = _features(df)
    pairs = candidate_pairs(df, lp.window, features["name"])
    numbers, phones, names = features["numbers"], features["phone"], features["name"]
    a, b = pairs.get_level_values(0).to_numpy(), pairs.get_level_values(1).to_numpy()
    found = []
    for start in range(0, len(a), PAIR_CHUNK) or [0]:
        scored = score_pairs(features, a[start:start + PAIR_CHUNK], b[start:start + PAIR_CHUNK], lp)
        scored.index += start
        # the scores first (vectorised); the names' numbers and words only for pairs that pass
        close = scored[(scored["name_similarity"] >= lp.name_min) & (scored["score"] >= lp.threshold)]
        same = [_numbers_agree(numbers[i], numbers[j], phones[i] + phones[j])
                and not _other_places(names[i], names[j]) for i, j in zip(close["a"], close["b"])]
        found.append(close[pd.Series(same, index=close.index, dtype=bool)])
    return pd.concat(found) if len(found) > 1 else found[0]


def _other_places(a: str, b: str) -> bool:
    """Two normalised names that differ by a word each where the two words are unlike (Jaro-
    Winkler under 0.8: 'linea 102 cordoba' and 'linea 102 salta', 'youth line north' and
    'youth line south'): one network's local services, not spellings of one service
    ('kindernetz hilfe' and 'kindernetz hilfe e v' differ on one side only)."""
    import jellyfish

    only_a, only_b = set(a.split()) - set(b.split()), set(b.split()) - set(a.split())
    return bool(only_a and only_b) and all(
        jellyfish.jaro_winkler_similarity(x, y) < 0.8 for x in only_a for y in only_b)


def _numbers_agree(a: tuple, b: tuple, phones: tuple) -> bool:
    """The numbers in two names are the same, or one name has none and the other's is the
    service's own phone number ('Allô Enfance en Danger' and 'Allo Enfance en danger (119)',
    whose phone is 119; '116 111' in a name is the short code 116111). 'Youth Line 1' and
    'Youth Line 2' differ, as do 'Line 116' and 'Line 119' whatever their phones."""
    if a == b:
        return True
    dialled = {re.sub(r"\D", "", p).lstrip("0") for p in phones}

    def own(n: tuple) -> bool:
        return "".join(n).lstrip("0") in dialled or all(x.lstrip("0") in dialled for x in n)

    return (not a and own(b)) or (not b and own(a))


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


def _source_ids(r: dict) -> list[str]:
    return [f"{r['source_id']}:{r['source_key']}"]


def _merge(records: dict[int, dict], root: list[int], matches: pd.DataFrame
           ) -> tuple[dict[int, dict], list[dict]]:
    """Merge each component's records (``records``: row position -> record, holding at least
    every record of a component with more than one) into its first: (kept records by
    position, with ``source_ids``; the audit rows, in source order of the merged records)."""
    best = {}  # merged record -> its strongest matching pair, for the audit
    for m in matches.sort_values("score").itertuples():
        for x in (m.a, m.b):
            best[x] = m
    merged, audit = {}, []
    for i in sorted(records):
        r = records[i]
        r["source_ids"] = _source_ids(r)
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
    return merged, audit


def _typed(records: list[dict], dtypes: pd.Series) -> pd.DataFrame:
    """Records as a frame of the services table, with the input's column types."""
    services = pd.DataFrame(records, columns=list(dtypes.index) + ["source_ids"])
    for col, dtype in dtypes.items():
        services[col] = services[col].astype(dtype)
    return services


def link(df: pd.DataFrame, lp: LinkageParams,
         records: list[dict] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(merged services, audit), all in memory. ``df`` is in source order; ``records``
    (optional) are its rows as plain dicts, when the caller already has them. :func:`run`
    gives the same tables reading only what it needs."""
    df = df.reset_index(drop=True)
    matches = find_matches(df, lp)
    root = _components(len(df), zip(matches["a"], matches["b"]))
    records = records if records is not None else df.to_dict("records")
    merged, audit = _merge(dict(enumerate(records)), root, matches)
    return (_typed(list(merged.values()), df.dtypes).reset_index(drop=True),
            pd.DataFrame(audit, columns=AUDIT_COLUMNS))


def _rows_at(path, positions: set[int]) -> dict[int, dict]:
    """The rows of a Parquet table at ``positions``, as plain dicts, reading it in batches."""
    import numpy as np

    rows, start = {}, 0
    for table in storage.read_batches(path, BATCH, arrow=True):
        local = [p - start for p in range(start, start + table.num_rows) if p in positions]
        if local:
            rows.update(zip((start + i for i in local), table.take(np.array(local)).to_pylist()))
        start += table.num_rows
    return rows


def _copied(task: tuple) -> pa.Table:
    """One batch of services_clean as rows of the services table: ``task`` is (the batch as an
    Arrow table, the component root of each of its rows, the merged records of the rows others
    merged into, by position, the batch's first position). Rows merged into another are left
    out; the others get their ``source_ids``. Validated (:func:`pipeline.storage.arrow_batch`)."""
    table, roots, merged, start = task
    df = table.to_pandas()
    positions = range(start, start + len(df))
    alone = [root == p and p not in merged for p, root in zip(positions, roots)]
    kept = df[alone].assign(source_ids=[_source_ids(r) for r in
                                        df.loc[alone, ["source_id", "source_key"]].to_dict("records")])
    if merged:  # the records others merged into replace their rows, in source order
        parts = [kept.set_axis([p for p, a in zip(positions, alone) if a]),
                 _typed(list(merged.values()), df.dtypes).set_axis(list(merged))]
        kept = pd.concat([part for part in parts if len(part)]).sort_index()
    return storage.arrow_batch("services", kept.reset_index(drop=True))


def run(out: Outputs) -> None:
    """Link on the compared columns alone; read in full only the records that merge; copy the
    others through in batches of :data:`BATCH` rows, on a worker per core
    (:mod:`pipeline.workers`; issue 14: memory bounded by the compared columns, not the
    table). Writes what :func:`link` gives for the whole table."""
    params = load_params()
    compared = storage.read_table(out.services_clean, columns=COMPARED)
    n = len(compared)
    matches = find_matches(compared, params.linkage)
    del compared
    root = _components(n, zip(matches["a"], matches["b"]))
    involved = {i for i in range(n) if root[i] != i}
    involved |= {root[i] for i in involved}
    merged, audit = _merge(_rows_at(out.services_clean, involved), root, matches)

    def tasks():
        start = 0
        for table in storage.read_batches(out.services_clean, BATCH, arrow=True):
            end = start + table.num_rows
            yield (table, root[start:end],
                   {p: merged[p] for p in range(start, end) if p in merged}, start)
            start = end

    inputs = [out.services_clean]
    with storage.table_writer(out.services, inputs, "dedupe") as writer:
        for table in workers.ordered_map(_copied, tasks(), workers.parallel(n)):
            writer.write(table)
    storage.write_table(out.linkage_audit, pd.DataFrame(audit, columns=AUDIT_COLUMNS), inputs,
                        "dedupe")
    print(f"[dedupe] {n} services in: {len(audit)} merged into another record, "
          f"{writer.rows} out")
