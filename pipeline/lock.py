"""One run at a time in an output folder: ``make`` re-runs itself under the folder's lock.

Two ``make report`` runs into the same ``OUT`` would run every stage twice, each renaming its
outputs over the other's. So the Makefile runs every goal that writes into ``OUT`` as ``python
-m pipeline run-locked make GOALS``: :func:`run_locked` takes an exclusive ``flock`` on
``OUT/.pipeline.lock`` (``Outputs.lock``) and replaces itself (``exec``) with that inner
``make``, which inherits the locked file, as does every stage it runs; the kernel releases the
lock when the last of them exits (a killed run leaves no stale lock). A second run meanwhile
prints who holds the folder and waits, then finds the first run's work done (Make decides what
to rebuild only once it holds the lock). ``PIPELINE_LOCK_HELD`` (the locked folder) tells the
inner ``make`` not to lock again.

In a large run (:func:`one_stage_at_a_time`) every stage also takes ``OUT/.stage.lock``, so
that the stages ``make -j`` would overlap run one after the other: each already uses every core
through its workers, and two side by side with their workers exceeded 4 GB at 100,000 records.

Linux and macOS (``fcntl.flock``). Raises nothing: a failure to create the folder or lock file
is printed as an error and exits 2.
"""
from __future__ import annotations

import fcntl
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipeline.paths import Outputs

HELD = "PIPELINE_LOCK_HELD"


def _take(fd: int, holder: str, waiting) -> bool:
    """An exclusive ``flock`` on ``fd``: at once if free, else after ``waiting(who holds it)``
    and a blocking wait; then ``holder`` is written into the file for the next one to read.
    Whether it waited."""
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        waited = False
    except BlockingIOError:
        waiting(os.pread(fd, 200, 0).decode("utf-8", errors="replace").strip())
        fcntl.flock(fd, fcntl.LOCK_EX)
        waited = True
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"{holder}\n".encode(), 0)
    return waited


def run_locked(out: Outputs, command: list[str], held: str) -> int:
    """Hold ``out``'s lock (waiting for another run to finish), then exec ``command`` with
    ``PIPELINE_LOCK_HELD=held``; returns only on an error (2) or Ctrl-C while waiting (130)."""
    root = out.root
    try:
        root.mkdir(parents=True, exist_ok=True)
        fd = os.open(out.lock, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as e:
        print(f"error: {e.filename}: {e.strerror}", file=sys.stderr)
        return 2
    def waiting(holder: str) -> None:
        print(f"[lock] {root} is in use by another run ({holder or 'unknown'}); waiting for it to "
              "finish (Ctrl-C to give up)", file=sys.stderr, flush=True)

    try:
        waited = _take(fd, f"pid {os.getpid()}, {' '.join(command)}, since "
                           f"{datetime.now(UTC):%Y-%m-%d %H:%M:%S} UTC", waiting)
    except KeyboardInterrupt:
        return 130
    if waited:
        print(f"[lock] {root} is free: continuing", file=sys.stderr, flush=True)
    os.set_inheritable(fd, True)
    os.environ[HELD] = held
    sys.stdout.flush()
    os.execvp(command[0], command)


def main(argv: list[str]) -> int:
    """``python -m pipeline run-locked COMMAND...``: run COMMAND holding the lock of the output
    root (``PIPELINE_OUT``, :func:`pipeline.paths.outputs`)."""
    if not argv:
        print("usage: python -m pipeline run-locked COMMAND [ARGS...]", file=sys.stderr)
        return 2
    from pipeline.paths import outputs

    # as the Makefile spells the folder: $(abspath $(OUT)), relative to the project root
    held = os.path.abspath(os.environ.get("PIPELINE_OUT", str(outputs().root)))
    return run_locked(outputs(), argv, held)


def raw_records(out: Outputs) -> int:
    """Rows of the raw services and notes tables (0 for one not written yet), read from their
    Parquet footers."""
    import pyarrow.parquet as pq

    return sum(pq.read_metadata(p).num_rows for p in (out.services_raw, out.notes_raw) if p.exists())


@contextmanager
def one_stage_at_a_time(out: Outputs, stage: str, threshold: int) -> Iterator[None]:
    """Hold ``out.stage_lock`` (waiting, with a message, while another stage holds it) when the
    run has ``threshold`` raw records or more (:func:`raw_records`; ``params.limits.one_stage_from``,
    measured in config/params.yaml); otherwise do nothing. Released when the block ends or the
    process dies."""
    if raw_records(out) < threshold:
        yield
        return
    fd = os.open(out.stage_lock, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        _take(fd, stage, lambda holder: print(
            f"[{stage}] waiting for {holder or 'another stage'} to finish: a run of {threshold:,} "
            "records or more runs one stage at a time (params.limits.one_stage_from)", flush=True))
        yield
    finally:
        os.close(fd)  # releases the lock
