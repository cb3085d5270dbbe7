"""A function over a stream of tasks on one worker process per core, results in order.

Used by the stages that stream a large table in batches (:mod:`pipeline.standardise`,
:mod:`pipeline.dedupe`): a batch is a task, and memory stays bounded by the batches in flight
(:data:`IN_FLIGHT` per worker), whatever the size of the table (issue 14).

Stopping follows :mod:`pipeline.interrupt` (its :func:`~pipeline.interrupt.worker_pool`): the
workers ignore Ctrl-C (sent to the whole process group, it is the stage's to handle), die at once
on the SIGTERM the stage sends them when it stops (``Pool.terminate``), on an error, an interrupt
or a consumer that stops reading, and are killed by the kernel if the stage dies.
The pool is always closed and joined, so the stage never waits on it at exit.
"""
from __future__ import annotations

import functools
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator

from pipeline import interrupt

PARALLEL_FROM = 5000  # rows: below this, worker start-up costs more than it saves
IN_FLIGHT = 2  # tasks queued per worker: enough to keep each busy, few enough to bound memory


def cpus() -> int:
    """Cores a run may use: ``PIPELINE_CPUS`` when set (the tests give each of their parallel
    processes its share, so that stages do not fork workers onto busy cores), else all."""
    return int(os.environ.get("PIPELINE_CPUS") or 0) or os.cpu_count() or 1


def parallel(n_rows: int, from_rows: int = PARALLEL_FROM) -> bool:
    """Whether ``n_rows`` rows are worth the workers: at least ``from_rows`` of them and more
    than one core (:func:`cpus`)."""
    return n_rows >= from_rows and cpus() >= 2


def ordered_map(fn: Callable, tasks: Iterable, in_parallel: bool) -> Iterator:
    """``fn(task)`` for each task, in order: here, or (``in_parallel``) on a pool of one
    forked worker per core of :func:`cpus` (workers inherit the loaded libraries; ``fn`` and
    each task are pickled, so tasks should be compact, e.g. Arrow tables rather than lists of
    dicts; :func:`ordered_map_shared` passes a large object by inheritance instead)."""
    if not in_parallel:
        yield from map(fn, tasks)
        return
    workers = cpus()
    pool = interrupt.worker_pool(workers)
    try:
        pending = deque()
        for task in tasks:
            pending.append(pool.apply_async(fn, (task,)))
            if len(pending) >= IN_FLIGHT * workers:
                yield interrupt.result(pending.popleft())
        while pending:
            yield interrupt.result(pending.popleft())
        pool.close()
    except BaseException:  # an error, Ctrl-C or the consumer gone: stop the workers now
        pool.terminate()
        raise
    finally:
        pool.join()


def ordered_map_shared(fn: Callable, shared, tasks: Iterable, in_parallel: bool) -> Iterator:
    """``fn(shared, task)`` for each task, in order, as :func:`ordered_map` does; ``shared``
    (a codebook, a pseudonymiser with its language models) reaches the forked workers by
    inheritance (:func:`pipeline.interrupt.inherited`), never pickled. Load what ``shared``
    loads lazily before calling, so that the workers share it instead of each loading its own."""
    with interrupt.inherited(functools.partial(fn, shared)) as call:
        yield from ordered_map(call, tasks, in_parallel)
