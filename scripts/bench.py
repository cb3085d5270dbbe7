"""Benchmark (``make bench``): the full pipeline on ../shared/data, then a no-op rebuild.

Prints per-stage wall time and peak resident memory (recorded by each stage in
``data/interim/timings/``), the end-to-end wall time, and the time of a second ``make report``
with nothing changed. Targets (issue 2): full run under 180 s with the environment built;
no-op under 2 s. Runs in a temporary output folder, so an analyst's outputs are untouched.
"""
from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = os.environ.get("BENCH_SOURCES", "config/sources.shared.yaml")
TARGET_FULL_S, TARGET_NOOP_S = 180.0, 2.0


def make_report(out: Path) -> float:
    t0 = time.perf_counter()
    proc = subprocess.run(["make", "--no-print-directory", "-C", str(ROOT), "report",
                           f"SOURCES={SOURCES}", f"OUT={out}"], capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        sys.exit(f"make report failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return wall


def main() -> int:
    if not (ROOT.parent / "shared" / "data").is_dir() and "shared" in SOURCES:
        sys.exit("../shared/data is absent: nothing to benchmark (set BENCH_SOURCES to another file)")
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        out = Path(tmp)
        full = make_report(out)
        peak_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        noop = make_report(out)
        print(f"Benchmark on {SOURCES} ({os.cpu_count()} cores)\n")
        print(f"{'stage':<10} {'wall s':>8} {'peak MiB':>9}")
        order = ["ingest", "clean", "privacy", "code", "topics", "findings", "figures", "report"]
        for stage in order:
            t = json.loads((out / "data" / "interim" / "timings" / f"{stage}.json").read_text())
            print(f"{stage:<10} {t['wall_s']:>8.1f} {t['peak_rss_mib']:>9.0f}")
        print(f"\nfull make report: {full:6.1f} s (target < {TARGET_FULL_S:.0f} s) "
              f"{'OK' if full < TARGET_FULL_S else 'MISSED'}; peak memory of any process "
              f"{peak_children:.0f} MiB")
        print(f"no-op make report: {noop:6.2f} s (target < {TARGET_NOOP_S:.0f} s) "
              f"{'OK' if noop < TARGET_NOOP_S else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
