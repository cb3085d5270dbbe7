"""What every benchmark part shares: ``make report`` into a folder, the stages' recorded
timings, the machine description, OK/MISSED verdicts and ``bench/results.json``."""
from __future__ import annotations

import json
import os
import platform
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from pipeline.paths import ROOT, Outputs
from pipeline.stages import STAGES

RESULTS = ROOT / "bench" / "results.json"


class TreeMonitor:
    """Peak memory (MB) and CPU seconds of this process and all its descendants (``make`` and
    its stages, forked workers, the Dask scheduler and workers), sampled every ``interval``
    seconds with psutil. Memory is summed RSS, or with ``pss`` summed proportional set size
    (Linux): a page shared by forked workers (the language models a gate or privacy worker
    inherits) is counted once across them, as the machine holds it, not once per worker."""

    def __init__(self, interval: float = 0.5, pss: bool = False):
        import psutil

        self.me, self.interval, self.pss = psutil.Process(), interval, pss
        self.peak_mb, self._cpu, self._stop = 0.0, {}, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self._cpu0 = self._cpu_of(self.me)
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self._sample()

    @staticmethod
    def _cpu_of(p) -> float:
        t = p.cpu_times()
        return t.user + t.system

    def _sample(self):
        import psutil

        total = 0
        for p in [self.me] + self.me.children(recursive=True):
            try:
                total += p.memory_full_info().pss if self.pss else p.memory_info().rss
                if p.pid != self.me.pid:
                    self._cpu[p.pid] = self._cpu_of(p)
            except psutil.Error:
                pass
        self.peak_mb = max(self.peak_mb, total / 1e6)

    def _run(self):
        while not self._stop.wait(self.interval):
            self._sample()

    @property
    def cpu_s(self) -> float:
        """CPU seconds since entering: this process, plus each child as last sampled."""
        return self._cpu_of(self.me) - self._cpu0 + sum(self._cpu.values())


class Stopped(RuntimeError):
    """``make report`` ran past its time limit and was stopped; ``wall`` seconds had passed."""

    def __init__(self, wall: float):
        super().__init__(f"stopped after {wall:.0f} s")
        self.wall = wall


def make_report(sources: str | Path, out: Path, params: str | Path | None = None,
                allow_gate_failure: bool = False, timeout: float | None = None
                ) -> tuple[float, bool]:
    """Run ``make report`` into ``out``; return (wall seconds, gate passed). The environment is
    built by ``make bench`` itself (``-o`` keeps make from rebuilding it here), and the
    embedding cache is the one under ``out`` (``PIPELINE_EMBEDDINGS`` unset: a cold run is
    cold). Exits naming the failure when a stage other than the gate fails (or the gate,
    unless ``allow_gate_failure``: the synthetic notes may trip it, see the README). Raises
    :class:`Stopped` after ``timeout`` seconds, having stopped make and every stage it ran."""
    env = {k: v for k, v in os.environ.items() if k != "PIPELINE_EMBEDDINGS"}
    cmd = ["make", "--no-print-directory", "-C", str(ROOT), "-o", ".venv/.installed", "report",
           f"SOURCES={sources}", f"OUT={out}"] + ([f"PARAMS={params}"] if params else [])
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env, start_new_session=True)
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGTERM)  # make's own process group: make and its stages
        proc.communicate()
        raise Stopped(time.perf_counter() - t0) from None
    wall = time.perf_counter() - t0
    gate = Outputs(out).timings / "gate.json"
    gate_failed = gate.is_file() and not json.loads(gate.read_text()).get("ok", True)
    if proc.returncode != 0 and not (allow_gate_failure and gate_failed):
        sys.exit(f"make report failed:\n{stdout[-3000:]}\n{stderr[-3000:]}")
    if gate_failed:
        leaks = [ln for ln in stderr.splitlines() if ln.startswith("error: privacy gate")]
        print(f"  (privacy gate failed: {leaks[0] if leaks else 'see make output'})")
        # what it found, values masked by the gate: the run's folder is removed after it
        for line in [ln for ln in stderr.splitlines() if ln.startswith("[gate] ")][:60]:
            print(f"    {line}")
    return wall, proc.returncode == 0


def stage_timings(out: Path) -> dict[str, dict]:
    """{stage: its timings record} for every stage that ran into ``out``, in pipeline order."""
    t = Outputs(out).timings
    return {s.name: json.loads((t / f"{s.name}.json").read_text())
            for s in STAGES if (t / f"{s.name}.json").is_file()}


def print_stage_table(runs: dict[str, dict[str, dict]]) -> None:
    """Wall s / CPU s / peak MiB per stage (rows) and run (columns, e.g. sizes); the peak is
    the stage's largest process: its own or a child's (a forked worker, the notebook kernel)."""
    names = [s.name for s in STAGES if any(s.name in r for r in runs.values())]
    print(f"{'stage':<12}" + "".join(f"{k:>26}" for k in runs))
    print(f"{'':<12}" + "".join(f"{'wall s  CPU s  peak MiB':>26}" for _ in runs))
    for name in names:
        cells = []
        for r in runs.values():
            t = r.get(name)
            cells.append(f"{t['wall_s']:>9.1f} {t.get('cpu_s', float('nan')):>6.1f} "
                         f"{largest_process_mib(t):>9.0f}" if t else f"{'-':>26}")
        print(f"{name:<12}" + "".join(f"{c:>26}" for c in cells))


def largest_process_mib(timing: dict) -> float:
    """Peak resident MiB of a stage's largest process, itself or a child (older records have
    no ``peak_child_rss_mib``)."""
    return max(timing["peak_rss_mib"], timing.get("peak_child_rss_mib", 0))


def verdict(value: float | None, target: float, below: bool = True) -> str:
    """'OK' when ``value`` meets the target (<= when ``below``), 'MISSED', or 'not measured'."""
    if value is None:
        return "not measured"
    return "OK" if (value <= target if below else value >= target) else "MISSED"


def machine() -> dict:
    """Cores, CPU model, memory and Python of the machine the benchmark ran on."""
    model = ""
    try:
        model = next((ln.split(":", 1)[1].strip() for ln in
                      subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines()
                      if ln.startswith("Model name")), "")
    except OSError:
        pass
    mem_kib = next((int(ln.split()[1]) for ln in Path("/proc/meminfo").read_text().splitlines()
                    if ln.startswith("MemTotal")), 0) if Path("/proc/meminfo").is_file() else 0
    return {"cores": os.cpu_count(), "cpu_model": model or platform.processor(),
            "memory_gib": round(mem_kib / 2**20, 1), "python": platform.python_version(),
            "system": f"{platform.system()} {platform.release()}"}


def save_results(new: dict) -> None:
    """Merge ``new`` into bench/results.json (parts skipped by BENCH_SKIP keep their last
    figures) with the machine description. Only numbers and labels: never data."""
    old = json.loads(RESULTS.read_text()) if RESULTS.is_file() else {}
    merged = {**old, **new, "machine": machine()}
    merged["sizes"] = {**old.get("sizes", {}), **new.get("sizes", {})}
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(merged, indent=2, sort_keys=True) + "\n")
    print(f"\nResults written to {RESULTS.relative_to(ROOT)}")
