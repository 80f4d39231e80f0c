"""Mapping a function over many inputs on several cores, keeping input order.

Each worker process receives the function (typically a bound method of a picklable
Resolver) once, when it starts; tasks then carry only chunks of inputs.  At most a few
chunks per worker are in flight, so a gigabyte of input never sits in memory at once
(``Pool.imap`` would read its whole input ahead).

Results cross back as one pickle per chunk, written by the worker and read by the caller with
the cyclic garbage collector paused.  Pickling tens of thousands of small result objects
otherwise triggers collections that rescan everything the process holds: for 10 MB of text
(42,000 mentions), in a process that kept every result, that was 166 ms to write and 162 ms
to read, against 57 and 56 ms paused.  On two cores the caller's share of the work competes
with the workers for a core, so it counts against the speed-up.

The workers are a ``concurrent.futures.ProcessPoolExecutor``.  ``multiprocessing.Pool`` keeps
a thread that wakes whenever results wait in its pipe: for 10 MB of JSONL records it woke
about 1,700 times and spent 0.05-0.06 s of the caller's CPU, and a worker killed by the
system left it waiting forever.  The executor reports such a worker as
:class:`~acrolib.WorkerError`.
"""

from __future__ import annotations

import itertools
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

from ._nogc import collector_paused
from .exceptions import WorkerError

if TYPE_CHECKING:  # imported when workers start: together they cost about 10 ms
    from concurrent.futures import Future

T = TypeVar("T")
R = TypeVar("R")

#: Chunks in flight per worker: enough to keep every core busy, few enough to bound memory.
_AHEAD = 3


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def map_ordered(function: Callable[[T], R], items: Iterable[T], *, jobs: int = 1,
                chunksize: int = 16, size: Callable[[T], int] | None = None,
                chunk_bytes: int = 1 << 18, total: int | None = None) -> Iterator[R]:
    """``map(function, items)`` over ``jobs`` processes (all cores when ``jobs <= 0``).

    A task carries up to ``chunksize`` items; with ``size`` (an item's size in bytes, such
    as a file's) it also stops at ``chunk_bytes``, so many small files share a task while a
    large one goes alone.  With ``total`` (the sizes' sum), tasks shrink as the end nears
    (:func:`task_bytes`).  When all the items fit in one task, no worker is started and the
    calling process maps them itself.
    """
    if jobs <= 0:
        jobs = default_jobs()
    if jobs == 1:
        yield from map(function, items)
        return
    chunks = (_chunks_by_size(items, chunksize, size, chunk_bytes, total, jobs)
              if size is not None else _chunks(items, chunksize))
    # Input that fits in one task is done here: starting workers would cost more (about
    # 10 ms) than they could save, which is what a short input given the default of all
    # cores would otherwise pay.
    first = next(chunks, [])
    second = next(chunks, None)
    if second is None:
        yield from map(function, first)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("spawn" if os.name == "nt" else "fork")
    pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_install,
                               initargs=(function,))
    try:
        pending: deque[Future[bytes]] = deque()
        for chunk in itertools.chain((first, second), chunks):
            pending.append(pool.submit(_call_chunk, chunk))
            if len(pending) >= jobs * _AHEAD:
                yield from _unpickled(_result(pending.popleft()))
        while pending:
            yield from _unpickled(_result(pending.popleft()))
    finally:
        # A caller that stops early does not wait for the tasks still queued.
        pool.shutdown(cancel_futures=True)


def _result(future: Future[bytes]) -> bytes:
    from concurrent.futures.process import BrokenProcessPool

    try:
        return future.result()
    except BrokenProcessPool as exc:
        raise WorkerError("a worker process ended before returning its results (it was "
                          "killed, perhaps for lack of memory)") from exc


def _chunks(items: Iterable[T], count: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, count)):
        yield chunk


def task_bytes(remaining: int, budget: int, jobs: int) -> int:
    """The size of the next task when ``remaining`` bytes are left: ``budget`` while much is
    left, then a share of what is left, down to an eighth of ``budget``.

    Tasks of equal size leave the workers finishing up to one task apart, the others idle
    meanwhile; shrinking the last ones (guided scheduling) lets them finish together.
    """
    return max(budget // 8, min(budget, remaining // (2 * jobs)))


def _chunks_by_size(items: Iterable[T], count: int, size: Callable[[T], int], budget: int,
                    total: int | None = None, jobs: int = 1) -> Iterator[list[T]]:
    chunk: list[T] = []
    taken = 0
    # An input that fits in one task stays one task: no worker is started for it.
    remaining = total if total is not None and total > budget else None
    limit = budget if remaining is None else task_bytes(remaining, budget, jobs)
    for item in items:
        chunk.append(item)
        taken += size(item)
        if len(chunk) >= count or taken >= limit:
            yield chunk
            if remaining is not None:
                remaining -= taken
                limit = task_bytes(remaining, budget, jobs)
            chunk, taken = [], 0
    if chunk:
        yield chunk


_worker_function: Callable[[Any], Any] | None = None


def _install(function: Callable[[Any], Any]) -> None:
    global _worker_function
    _worker_function = function


def _call_chunk(chunk: list[Any]) -> bytes:
    function = _worker_function
    if function is None:  # pragma: no cover - a worker always starts through _install
        raise RuntimeError("acrolib worker started without a function")
    import pickle

    results = [function(item) for item in chunk]
    with collector_paused():
        return pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL)


def _unpickled(blob: bytes) -> list[Any]:
    import pickle

    with collector_paused():
        loaded: list[Any] = pickle.loads(blob)
    return loaded
