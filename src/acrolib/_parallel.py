"""Mapping a function over many inputs on several cores, keeping input order.

Each worker process receives the function (typically a bound method of a picklable Resolver)
once, when it starts; tasks then carry only the inputs.  ``imap`` keeps results in input
order while the input is consumed lazily, so memory stays bounded by the chunks in flight.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def map_ordered(function: Callable[[T], R], items: Iterable[T], *, jobs: int = 1,
                chunksize: int = 16) -> Iterator[R]:
    """``map(function, items)`` over ``jobs`` processes (all cores when ``jobs <= 0``)."""
    if jobs <= 0:
        jobs = default_jobs()
    if jobs == 1:
        yield from map(function, items)
        return
    context = multiprocessing.get_context("spawn" if os.name == "nt" else "fork")
    with context.Pool(jobs, initializer=_install, initargs=(function,)) as pool:
        yield from pool.imap(_call, items, chunksize=chunksize)


_worker_function: Callable[[object], object] | None = None


def _install(function: Callable[[object], object]) -> None:
    global _worker_function
    _worker_function = function


def _call(item: object) -> object:
    assert _worker_function is not None, "worker started without a function"
    return _worker_function(item)
