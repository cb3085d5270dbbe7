"""Stopping a stage: Ctrl-C or ``kill`` ends it promptly, and nothing is written after.

Ctrl-C sends SIGINT to the whole process group (``make`` and the stage it runs); ``make``
forwards SIGTERM. Python turns SIGINT into KeyboardInterrupt, but a library can swallow the
exception: numba's JIT callbacks (llvmlite, through ctypes) print "Exception ignored" and go
on, and the topics stage then ran for 20 more seconds and wrote its tables after Ctrl-C
(issue 14). So :func:`install` (run by :mod:`pipeline.cli` before every stage) handles SIGINT
and SIGTERM itself:

- it records the signal; from then on :func:`check` raises, and
  :func:`pipeline.storage.atomic_path` calls it before renaming any output into place, so no
  output lands after the signal even if the exception was swallowed;
- it arms a hard stop: SIGALRM with its default action (end the process, which no Python
  code can catch) after :data:`GRACE` seconds;
- it raises KeyboardInterrupt (SIGINT) or SystemExit(128 + signal) (SIGTERM), so ``finally``
  blocks remove temporary files.

A stage ended by SIGKILL or by the hard stop leaves its temporary files (``.name.*.tmp.ext``,
hidden) behind; the next run of that stage removes them first
(:func:`pipeline.storage.remove_temporaries`).

Work a stage hands to forked processes (:func:`worker_pool`, used by :func:`fork_map` and
:func:`pipeline.workers.ordered_map`) stops with it: the workers ignore SIGINT (Ctrl-C reaches
the whole process group; the stage decides), die on SIGTERM, are terminated when the stage is
interrupted, and are killed by the kernel if the stage dies.
"""
from __future__ import annotations

import os
import signal
import sys
from contextlib import contextmanager

GRACE = 3  # seconds between the signal and the hard stop
_received: int | None = None


def install(stage: str) -> None:
    """Handle SIGINT and SIGTERM in this process as the module docstring says."""
    def handler(signum, _frame):
        global _received
        if _received is None:
            signal.signal(signal.SIGALRM, signal.SIG_DFL)
            signal.alarm(GRACE)
            print(f"[{stage}] interrupted ({signal.Signals(signum).name}): stopping, nothing more "
                  "is written", file=sys.stderr, flush=True)
        _received = signum
        if signum == signal.SIGINT:
            raise KeyboardInterrupt
        raise SystemExit(128 + signum)

    for s in (signal.SIGINT, signal.SIGTERM):
        signal.signal(s, handler)


def received() -> bool:
    """True once this process has been told to stop (see :func:`install`)."""
    return _received is not None


def check() -> None:
    """Raise KeyboardInterrupt if this process has been told to stop (see :func:`install`)."""
    if _received is not None:
        raise KeyboardInterrupt(f"interrupted by {signal.Signals(_received).name}")


_forked = None  # the function forked workers call (:func:`inherited`): never pickled


def fork_map(fn, items, workers: int) -> list:
    """``[fn(x) for x in items]``, in ``items`` order, computed in ``workers`` forked processes
    (Linux: the ``fork`` start method, so the workers share this process's memory and its
    compiled code and ``fn`` need not be picklable; ``items`` and the results are pickled).

    The workers ignore SIGINT, take SIGTERM's default action (the stage's handler from
    :func:`install` is not theirs), and get SIGKILL from the kernel when this process dies
    (``PR_SET_PDEATHSIG``). Any exception here (KeyboardInterrupt or SystemExit from
    :func:`install`'s handler, or one raised by ``fn`` in a worker) terminates every worker
    before it propagates, so an interrupted stage leaves no process behind."""
    with inherited(fn) as call:
        pool = worker_pool(workers)
        try:
            return result(pool.map_async(call, items, chunksize=1))
        except BaseException:
            pool.terminate()
            raise
        finally:
            pool.close()
            pool.join()


@contextmanager
def inherited(fn):
    """A picklable stand-in for ``fn`` while the block runs: workers forked inside it (or by
    a pool created inside it) call ``fn`` as they inherited it, so neither ``fn`` nor what it
    holds (a distance matrix, a codebook, a pseudonymiser's models) is pickled."""
    global _forked
    _forked = fn
    try:
        yield _call_forked
    finally:
        _forked = None


def worker_pool(workers: int):
    """A ``multiprocessing`` pool of ``workers`` forked processes that stop with the stage as
    the module docstring says (SIGINT ignored, SIGTERM's default action, SIGKILL when this
    process dies). The caller terminates it on any exception and always joins it."""
    import multiprocessing

    return multiprocessing.get_context("fork").Pool(workers, initializer=_worker_started,
                                                    initargs=(os.getpid(),))


def result(pending, poll: float = 0.2):
    """``pending.get()`` for a pool's ``AsyncResult``, waking every ``poll`` seconds: a signal
    delivered to one of the pool's threads instead of the main thread does not interrupt a
    plain ``get()``, so the stage's handler would not run until the work ended (a SIGTERM
    was ignored for 30 s and more, seen in tests/test_interrupt.py under load)."""
    import multiprocessing

    while True:
        try:
            return pending.get(timeout=poll)
        except multiprocessing.TimeoutError:
            continue


def _call_forked(item):
    return _forked(item)


def _worker_started(parent: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        import ctypes

        pr_set_pdeathsig = 1  # <linux/prctl.h>
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)
    if os.getppid() != parent:  # the stage died before prctl took effect
        os._exit(1)
