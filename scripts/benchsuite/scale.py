"""Consultation scale (``make bench-scale``, not in CI; issue 14): N synthetic notes
(scripts/synth_notes.py, default 1,000,000, ``SCALE_NOTES``) through the topics stage's online
path (pipeline/topics_online.py: embedding on a Dask LocalCluster of every core, one thread a
worker, through a fresh embedding cache; IncrementalPCA + MiniBatchKMeans fitted batch by
batch); before that, pseudonymisation timed on a sample (``SCALE_PSEUDO_SAMPLE``, default 2,000
notes) on one core and on a LocalCluster of two workers.

Prints wall time, CPU time (this process and every Dask process), peak resident memory of the
whole process tree (sampled every 0.5 s, summed over processes), notes per second, per-batch
cost, the duplicate share, and on paper what a 10-worker cluster would take (measured mean
per-batch embedding cost x batches / 10, and the fit in this process, which stays sequential).
Writes ``notes_<N>`` into bench/results.json (other keys kept). ``SCALE_TIMEOUT`` (seconds)
stops the topics run after that long and records its figures so far (``complete`` false).

    make bench-scale                  # 1,000,000 notes
    SCALE_NOTES=10000 make bench-scale

Targets: 1,000,000 notes under 30 minutes and under 4 GB peak on the benchmark machine.
"""
from __future__ import annotations

import os
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent)]  # scripts/: synth_notes, benchsuite

TARGET_S, TARGET_MB, CLUSTER = 1800.0, 4000.0, 10
MB = 1e6


def corpus_of(n: int):
    """(notes corpus frame doc_id/text/text_terms as the topics stage selects it, raw notes
    frame for pseudonymisation, all notes generated). Streams synth_notes.rows; non-answers by
    :func:`pipeline.privacy.is_non_answer`; word-list questions left out."""
    import pandas as pd
    import synth_notes

    from pipeline.config import load_params
    from pipeline.privacy import is_non_answer, norm_answer

    params = load_params()
    non_answers = {norm_answer(a) for a in params.notes.non_answers}
    skip = set(params.topics.word_list_questions)
    ids, texts, terms = [], [], []
    for r in synth_notes.rows(n):
        if (r["text"].strip() and r["question_id"] not in skip
                and not is_non_answer(r["text"], r["text_en"], non_answers)):
            ids.append(r["note_id"])
            texts.append(r["text"][: params.topics.max_chars])
            terms.append((r["text_en"] if r["text_en"].strip() else r["text"])[: params.topics.max_chars])
    return pd.DataFrame({"doc_id": ids, "text": texts, "text_terms": terms}, dtype="string")


def topics_run(n: int, timeout: float | None) -> dict:
    from benchsuite import common
    from pipeline import topics, topics_online
    from pipeline.config import load_params

    params = load_params()
    t0 = time.perf_counter()
    docs = corpus_of(n)
    gen_s = time.perf_counter() - t0
    distinct = docs["text"].nunique()
    print(f"{n} notes generated, {len(docs)} in the notes corpus ({distinct} distinct texts: "
          f"duplicate share {1 - distinct / len(docs):.1%}) in {gen_s:.1f} s", flush=True)
    tp = params.topics.model_copy(update={"dask_scheduler": "", "dask_workers": 0})
    result, stats = {}, topics_online.OnlineStats()

    def work():  # what the topics stage does with the notes corpus (maskers, model_corpus)
        masker = topics.Masker((), docs["text_terms"], keep=set(params.topics.keep_words))
        try:
            result["out"] = topics_online.run_online("notes", docs, tp, params.seed, masker,
                                                     stats=stats)
        except TimeoutError as e:  # SCALE_TIMEOUT: stopped after a batch, cluster closed
            print(e, flush=True)
        except Exception as e:  # raised again in the main thread
            result["error"] = e

    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        os.environ["PIPELINE_EMBEDDINGS"] = str(Path(tmp) / "embeddings")
        with common.TreeMonitor() as mon:
            t1 = time.perf_counter()
            worker = threading.Thread(target=work, daemon=True)
            worker.start()
            worker.join(timeout)
            wall = time.perf_counter() - t1
            complete = not worker.is_alive()
            stats.stop = True
            worker.join()
    if "error" in result:
        raise result["error"]
    r = {"notes": n, "corpus_docs": len(docs), "distinct_texts": int(distinct),
         "duplicate_share": round(1 - distinct / len(docs), 4), "generate_s": round(gen_s, 1),
         "complete": complete, "wall_s": round(wall, 1), "cpu_s": round(mon.cpu_s, 1),
         "peak_memory_mb": round(mon.peak_mb), "notes_per_s": round(n / wall, 1),
         "batch_size": tp.online_batch_size,
         # CPU seconds over wall seconds x cores: below 1, other jobs shared the machine
         "cpu_share": round(mon.cpu_s / (wall * (os.cpu_count() or 1)), 2)}
    done = len(stats.batch_texts)
    r["batches_done"], r["texts_done"] = done, sum(stats.batch_texts)
    r["batches_total"] = len(topics_online.batches(int(distinct), tp.online_batch_size))
    if done:
        r.update(workers=stats.workers,
                 embed_per_batch_s=round(sum(stats.embed_wall_s) / done, 2),
                 embed_cpu_per_batch_s=round(sum(stats.embed_cpu_s) / done, 2),
                 fit_per_batch_s=round(sum(stats.fit_s) / done, 2),
                 fit_total_s=round(sum(stats.fit_s), 1))
    if not complete and done:  # the rate so far, carried to the whole corpus
        r["extrapolated_wall_s"] = round(wall * r["batches_total"] / done, 1)
    if complete:
        topics_frame = result["out"][0]
        r.update(topics=len(topics_frame), batches=done,
                 representatives_s=stats.representatives_s)
    if done:
        embed_10 = r["embed_per_batch_s"] * r["batches_total"] / CLUSTER
        fit_all = r["fit_per_batch_s"] * r["batches_total"]
        r["estimate_10_workers_s"] = round(max(embed_10, fit_all), 1)
        r["estimate_10_workers_embed_s"] = round(embed_10, 1)
    return r


def _pseudonymise(raw) -> tuple[int, float]:
    """The privacy stage's work on a frame of raw notes (pipeline.privacy.pseudonymise):
    (notes done, CPU seconds this process spent on them)."""
    import pandas as pd

    from pipeline import schema
    from pipeline.config import load_params
    from pipeline.privacy import pseudonymise

    c0 = time.process_time()
    params = load_params()
    services = pd.DataFrame({c: pd.Series(dtype="object") for c in schema.columns("services")})
    return len(pseudonymise(raw, services, params.privacy, params.notes)[0]), time.process_time() - c0


def raw_notes(n: int):
    import pandas as pd
    import synth_notes

    rows = list(synth_notes.rows(n, seed=synth_notes.SEED + 1))
    return pd.DataFrame({"note_id": [f"P-{i:07d}" for i in range(len(rows))],
                         "source_id": "synthetic_notes",
                         "respondent": [r["respondent"] for r in rows],
                         "question_id": [r["question_id"] for r in rows],
                         "language_raw": [r["language"] for r in rows],
                         "country_raw": [r["country"] for r in rows],
                         "age_band": [r["age_band"] for r in rows],
                         "gender": [r["gender"] for r in rows],
                         "text_original": [r["text"] for r in rows],
                         "text_en": [r["text_en"] for r in rows]})


def pseudonymisation_run(n: int) -> dict:
    """Notes per second of :func:`_pseudonymise` on ``n`` notes (four chunks of whole
    respondents) on a LocalCluster of one single-threaded worker (one core), then of two; model
    loading excluded (a warm-up call on each worker first). Run in worker processes, so this
    process does not carry the privacy models into the topics run's memory figure."""
    import numpy as np
    from distributed import Client, LocalCluster

    raw = raw_notes(n)
    respondents = raw["respondent"].unique()
    chunks = [raw[raw["respondent"].isin(part)] for part in np.array_split(respondents, 4)]
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    r = {"sample_notes": n}
    for workers, key in ((1, "one_core_notes_per_s"), (2, "dask_2_workers_notes_per_s")):
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                          host="127.0.0.1", dashboard_address=None,
                          silence_logs=40) as cluster, Client(cluster) as client:
            t0 = time.perf_counter()
            client.run(_pseudonymise, raw.head(20))
            r.setdefault("load_s", round(time.perf_counter() - t0, 1))
            t0 = time.perf_counter()
            done = client.gather(client.map(_pseudonymise, chunks, pure=False))
            wall = time.perf_counter() - t0
            cpu = sum(c for _, c in done)
            r[key] = round(n / wall, 1)
            # the workers' CPU seconds over their wall seconds: < 1 means other jobs had the cores
            r[f"cpu_share_{workers}"] = round(cpu / (wall * workers), 2)
        assert sum(k for k, _ in done) == n
    r["notes_per_cpu_s"] = round(n / cpu, 1)
    print(f"pseudonymisation of {n} notes (model loading {r['load_s']:.1f} s excluded): one core "
          f"{r['one_core_notes_per_s']} notes/s (workers had {r['cpu_share_1']:.0%} of their core); "
          f"LocalCluster of 2 workers {r['dask_2_workers_notes_per_s']} notes/s (workers had "
          f"{r['cpu_share_2']:.0%} of their cores); {r['notes_per_cpu_s']} notes per CPU second",
          flush=True)
    return r


def main() -> int:
    from benchsuite import common

    n = int(os.environ.get("SCALE_NOTES", "1000000"))
    timeout = float(os.environ["SCALE_TIMEOUT"]) if os.environ.get("SCALE_TIMEOUT") else None
    print(f"Consultation scale: {n} synthetic notes, online topic path "
          f"({common.machine()['cores']} cores)", flush=True)
    pseudo = pseudonymisation_run(int(os.environ.get("SCALE_PSEUDO_SAMPLE", "2000")))
    r = topics_run(n, timeout)
    r["pseudonymisation"] = pseudo
    state = "" if r["complete"] else f"STOPPED after SCALE_TIMEOUT {timeout:.0f} s: "
    print(f"\n{state}embedding + online topics: wall {r['wall_s']:.1f} s (target < "
          f"{TARGET_S:.0f} s at 1,000,000) {common.verdict(r['wall_s'], TARGET_S)}; CPU "
          f"{r['cpu_s']:.1f} s; peak {r['peak_memory_mb']} MB, whole process tree (target < "
          f"{TARGET_MB:.0f}) {common.verdict(r['peak_memory_mb'], TARGET_MB)}; "
          f"{r['notes_per_s']} notes/s; this run had {r['cpu_share']:.0%} of the machine's "
          "cores", flush=True)
    if not r["complete"] and r.get("batches_done"):
        print(f"  {r['batches_done']} of {r['batches_total']} batches done ({r['texts_done']} "
              f"distinct texts); at that rate the whole run would take about "
              f"{r['extrapolated_wall_s']:.0f} s")
    if r.get("batches_done"):
        print(f"  per batch: embedding {r['embed_per_batch_s']} s wall "
              f"({r['embed_cpu_per_batch_s']} s CPU) on a worker, fit {r['fit_per_batch_s']} s "
              f"here; on paper, {CLUSTER} workers: {r['embed_per_batch_s']} s x "
              f"{r['batches_total']} / {CLUSTER} = {r['estimate_10_workers_embed_s']} s of "
              f"embedding; the sequential fit here overlaps it: about "
              f"{r['estimate_10_workers_s']} s")
    if r["complete"]:
        print(f"  {r['batches']} batches of <= {r['batch_size']} distinct texts on {r['workers']} "
              f"workers: embedding {r['embed_per_batch_s']} s wall ({r['embed_cpu_per_batch_s']} "
              f"s CPU) per batch on a worker, fit {r['fit_per_batch_s']} s per batch here "
              f"(sequential, {r['fit_total_s']} s in all); representatives and keywords "
              f"{r['representatives_s']} s; {r['topics']} topics")
    common.save_results({f"notes_{n}": r})
    return 0


if __name__ == "__main__":
    sys.exit(main())
