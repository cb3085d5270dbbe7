"""The size sweep: the whole pipeline (``make report``) on synthetic services and as many notes
(scripts/synth.py) at each size of ``BENCH_SIZES``; per stage wall, CPU and peak memory; the
embedding floor at each size, growth between 10,000 and 100,000 and peak memory at 100,000:
the summed proportional set size of ``make`` and every process under it, sampled each half
second (a stage's forked workers count; pages they share with it count once), beside the
largest single process.

Targets (issue 14): embedding floor <= 3 at 10,000; growth <= 12; peak < 4 GB at 100,000."""
from __future__ import annotations

import tempfile
from pathlib import Path

from benchsuite import common, texts
from pipeline.stages import STAGES

# The stages `make report` runs, in order (review-pack is run by hand).
REPORT_STAGES = [s.name for s in STAGES if s.name != "review-pack"]

TARGET_FLOOR, TARGET_GROWTH, TARGET_PEAK_MB = 3.0, 12.0, 4000.0
MIB_TO_MB = 2**20 / 1e6


def run_size(n: int, workdir: Path, timeout: float | None = None) -> dict:
    """Generate ``n`` services and ``n`` notes into ``workdir``, run the pipeline, embed its
    texts once; the figures of this size. A run stopped after ``timeout`` seconds gives the
    stages it finished, the stage it was in (``stopped_in``, with at most how long it ran) and
    lower bounds (``complete`` false)."""
    from synth import write_sources

    sources = write_sources(workdir / "data", n, n)
    out = workdir / "out"
    with common.TreeMonitor(pss=True) as tree:
        try:
            wall, gate_ok = common.make_report(sources, out, allow_gate_failure=True, timeout=timeout)
            stopped = None
        except common.Stopped as e:
            wall, gate_ok, stopped = e.wall, False, {}
    timings = common.stage_timings(out)
    if stopped is not None:
        name = next((s for s in REPORT_STAGES if s not in timings), "?")
        # the run's time outside the finished stages' timers: the stopped stage's time so far,
        # and every stage's start-up (interpreter, imports), which its timer does not see
        stopped = {"stage": name, "at_most_s": round(wall - sum(t["wall_s"] for t in timings.values()), 1)}
    r = {"services": n, "notes": n, "complete": stopped is None, "pipeline_wall_s": round(wall, 1),
         "pipeline_cpu_s": round(sum(t.get("cpu_s", 0) for t in timings.values()), 1),
         "gate_passed": gate_ok, "stopped_in": stopped, "stages": timings,
         "peak_memory_mb": round(tree.peak_mb),
         "peak_process_mb": round(max(map(common.largest_process_mib, timings.values()), default=0)
                                  * MIB_TO_MB)}
    # the floor of a run stopped before the gate would say little and cost minutes at 100,000
    if stopped is None or stopped["stage"] == "gate":
        r["texts_embedded"] = texts.write_texts(out, workdir / "texts.json")
        r["embed_once_s"] = texts.embed_seconds(workdir / "texts.json")["embed_s"]
        r["embedding_floor_ratio"] = round(wall / r["embed_once_s"], 2)
    return r


def main(sizes: list[int], timeout: float | None = None) -> dict:
    """Run every size (each stopped after ``timeout`` seconds, if given), print the table and
    the ratios; the results.json fragment. Ratios from a stopped run are lower bounds ('>=')."""
    results = {}
    for n in sizes:
        print(f"\nSynthetic run: {n} services and {n} notes ...", flush=True)
        with tempfile.TemporaryDirectory(prefix=f"bench-{n}-") as tmp:
            results[str(n)] = r = run_size(n, Path(tmp), timeout)
        if r["stopped_in"]:
            print(f"  STOPPED after {r['pipeline_wall_s']:.0f} s (BENCH_TIMEOUT) in stage "
                  f"{r['stopped_in']['stage']}, at most {r['stopped_in']['at_most_s']:.0f} s in it (the "
                  "rest of the run outside the stages' timers is their start-up)")
        print(f"  make report {_ge(r)}{r['pipeline_wall_s']:.1f} s (stages' CPU "
              f"{r['pipeline_cpu_s']:.1f} s), peak {r['peak_memory_mb']} MB (whole process tree; "
              f"largest process {r['peak_process_mb']} MB); "
              f"{r.get('texts_embedded', '-')} texts embedded once in {r.get('embed_once_s', '-')} s",
              flush=True)
        common.save_results({"sizes": {str(n): r}})  # kept even if a later size is stopped
    print(f"\nSynthetic services and notes, per stage ({common.machine()['cores']} cores):")
    common.print_stage_table({f"n={n}": r["stages"] for n, r in results.items()})
    print("\nwhole run  " + "".join(f"{r['pipeline_wall_s']:>26.1f}" for r in results.values()))
    for n, r in results.items():
        target = f" (target <= {TARGET_FLOOR:g} at 10000) " + common.verdict(
            r["embedding_floor_ratio"], TARGET_FLOOR) if n == "10000" else ""
        if "embedding_floor_ratio" in r:
            print(f"embedding floor at {n}: {_ge(r)}{r['pipeline_wall_s']:.1f} s / "
                  f"{r['embed_once_s']:.1f} s = {_ge(r)}{r['embedding_floor_ratio']:.2f}{target}")
    growth = (round(results["100000"]["pipeline_wall_s"] / results["10000"]["pipeline_wall_s"], 2)
              if {"10000", "100000"} <= results.keys() else None)
    print(f"growth 10000 -> 100000: {_ge(results.get('100000', {}))}{growth if growth is not None else '-'} "
          f"(target <= {TARGET_GROWTH:g}) {common.verdict(growth, TARGET_GROWTH)}")
    peak = results.get("100000", {}).get("peak_memory_mb")
    print(f"peak memory at 100000, whole process tree: {peak if peak is not None else '-'} MB "
          f"(target < {TARGET_PEAK_MB:g}) {common.verdict(peak, TARGET_PEAK_MB)}")
    out = {"sizes": results,  # notes_1000000 is make bench-scale's (kept by save_results)
           "ratios_are_lower_bounds": not all(r["complete"] for r in results.values())}
    if "10000" in results:
        out["embedding_floor_ratio"] = results["10000"]["embedding_floor_ratio"]
    if growth is not None:
        out["growth_ratio"] = growth
    return out


def _ge(r: dict) -> str:
    """'>= ' before a figure of a stopped (incomplete) run."""
    return "" if r.get("complete", True) else ">= "
