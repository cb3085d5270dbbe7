"""Topics stage at 50,000 notes plus 10,000 descriptions (issue 10; part ``topics_scale`` of
``make bench``, not in CI): synthetic notes (scripts/synth_notes.py, as :func:`scale.corpus_of`
selects them) and service descriptions (scripts/synth_services.py) through what the topics stage
does per corpus (:func:`pipeline.topics.maskers`, ``model_corpus`` with its stability
refits, ``quality`` with both baselines), cold: a fresh embedding cache in a temporary folder.

Prints per corpus the seconds to embed (every distinct text once, through the cache), to fit
(main fit and stability refits) and for the baselines, and in all the wall time, CPU time and
peak resident memory of the process tree. Writes ``topics_50000`` into bench/results.json.
``TOPICS_SCALE_NOTES`` / ``TOPICS_SCALE_SERVICES`` change the sizes.

    BENCH_SKIP=sizes,shared,synthetic,privacy,coding,topics make bench   # this part alone
    .venv/bin/python scripts/benchsuite/topics_scale.py                   # the same

Target (issue 10): under 5 minutes and 4 GB peak on the benchmark machine.
"""
from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]  # scripts/: synth_*, benchsuite

TARGET_S, TARGET_MB = 300.0, 4000.0


def descriptions(n: int):
    """(corpus frame doc_id/text/text_terms, service names) of ``n`` synthetic services."""
    import pandas as pd
    import synth_services

    rng = random.Random(20261129)
    records = [synth_services.record(rng, i) for i in range(n)]
    frame = pd.DataFrame({"doc_id": [r["id"] for r in records],
                          "text": [r["description"] for r in records]}, dtype="string")
    frame["text_terms"] = frame["text"]
    return frame, [r["name"] for r in records]


def run(n_notes: int, n_services: int) -> dict:
    import numpy as np
    import pandas as pd
    from scale import corpus_of

    from benchsuite import common
    from pipeline import topics
    from pipeline.config import load_params

    params = load_params()
    tp, seed = params.topics, params.seed
    notes = corpus_of(n_notes)
    services, names = descriptions(n_services)
    docs = {"descriptions": services, "notes": notes}
    masks = topics.maskers(pd.DataFrame({"name": names, "organization_name": ""}), docs, tp)
    corpora = {name: (docs[name], masks[name]) for name in docs}
    r: dict = {"notes": n_notes, "services": n_services}
    with tempfile.TemporaryDirectory(prefix="bench-topics-") as tmp:
        os.environ["PIPELINE_EMBEDDINGS"] = str(Path(tmp) / "embeddings")
        with common.TreeMonitor() as mon:
            start = time.perf_counter()
            for name, (docs, masker) in corpora.items():
                unique = topics._distinct(docs.reset_index(drop=True), masker)
                t0 = time.perf_counter()
                topics._embeddings(unique, masker, tp.mask_before_embedding)
                t1 = time.perf_counter()
                found, assign = topics.model_corpus(name, docs, tp, seed, masker,
                                                    tp.mask_before_embedding)
                t2 = time.perf_counter()
                topics.quality(name, docs, assign, tp, seed, masker, tp.mask_before_embedding)
                t3 = time.perf_counter()
                real = found[~found["is_outlier"]]
                r[name] = {"documents": len(docs), "distinct_texts": len(unique),
                           "embed_s": round(t1 - t0, 1), "fit_s": round(t2 - t1, 1),
                           "baselines_s": round(t3 - t2, 1), "topics": len(real),
                           "median_stability": round(float(np.nanmedian(
                               real["stability"].astype(float))), 2) if len(real) else None}
                print(f"  {name}: {len(docs)} documents ({len(unique)} distinct): embed "
                      f"{t1 - t0:.1f} s, fit with {tp.stability_refits} stability refits "
                      f"{t2 - t1:.1f} s, baselines {t3 - t2:.1f} s; {len(real)} topics",
                      flush=True)
            wall = time.perf_counter() - start
    r.update(wall_s=round(wall, 1), cpu_s=round(mon.cpu_s, 1), peak_memory_mb=round(mon.peak_mb),
             cpu_share=round(mon.cpu_s / (wall * (os.cpu_count() or 1)), 2))
    return r


def main() -> dict:
    n_notes = int(os.environ.get("TOPICS_SCALE_NOTES", "50000"))
    n_services = int(os.environ.get("TOPICS_SCALE_SERVICES", "10000"))
    print(f"\nTopics stage on {n_notes} synthetic notes + {n_services} descriptions "
          f"(cold embedding cache, {os.cpu_count()} cores):", flush=True)
    r = run(n_notes, n_services)
    print(f"  in all {r['wall_s']:.1f} s (target < {TARGET_S:.0f} s) "
          f"{'OK' if r['wall_s'] < TARGET_S else 'MISSED'}; CPU {r['cpu_s']:.1f} s "
          f"(share of the cores {r['cpu_share']:.2f}); peak memory {r['peak_memory_mb']} MB "
          f"(target < {TARGET_MB:.0f}) {'OK' if r['peak_memory_mb'] < TARGET_MB else 'MISSED'}")
    return {f"topics_{n_notes}": r}


if __name__ == "__main__":
    from common import save_results

    save_results(main())
