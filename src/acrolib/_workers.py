"""Annotating many texts on several processes: one call, or workers kept for many."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from ._annotated import Annotated, packed, unpacked
from ._parallel import Workers, map_ordered

if TYPE_CHECKING:
    from ._resolve import Resolver


def annotate_many(resolver: Resolver, texts: Iterable[str], jobs: int,
                  chunksize: int) -> Iterator[Annotated]:
    """:meth:`Resolver.annotate_many`: workers started for this call alone."""
    # A worker's annotations come back without their texts, which are still here.
    return map_ordered(resolver.annotate, texts, jobs=jobs, pack=packed, unpack=unpacked,
                       **_tasks(texts, chunksize))


class AnnotationWorkers:
    """Worker processes annotating with one resolver, kept from one call to the next until
    :meth:`close` or the end of a ``with`` block (:meth:`Resolver.workers`).

    Each call of :meth:`Resolver.annotate_many` with ``jobs > 1`` forks its workers anew and
    stops them at its end.  Over many calls (a stream handled in batches, say), keeping them
    saves the fork and the page faults that follow it, once per call: in fifteen interleaved
    rounds on 10 MB with two processes (three runs of five, the first call of each starting
    the worker), a call took 0.523 s with the worker kept against 0.550 s with a new one
    (medians; faster in fourteen rounds).  The workers hold a copy of the resolver, made when
    they start.
    """

    def __init__(self, resolver: Resolver, jobs: int = 0) -> None:
        self._workers: Workers[str, Annotated] = Workers(resolver.annotate, jobs, pack=packed,
                                                         unpack=unpacked)

    @property
    def jobs(self) -> int:
        """The number of processes: this one and ``jobs - 1`` workers."""
        return self._workers.jobs

    def annotate_many(self, texts: Iterable[str], *, chunksize: int = 64) -> Iterator[Annotated]:
        """Annotate many texts, in input order, as :meth:`Resolver.annotate_many` does.

        A caller that stops early leaves the workers running the tasks they had started and
        cancels the rest; the workers stay for the next call.
        """
        return self._workers.map(texts, **_tasks(texts, chunksize))

    def close(self) -> None:
        """Stop the workers.  A later call starts new ones."""
        self._workers.close()

    def __enter__(self) -> AnnotationWorkers:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _tasks(texts: Iterable[str], chunksize: int) -> dict[str, Any]:
    # The total size of a list lets the last tasks shrink, so the processes end together.
    total = sum(map(len, texts)) if isinstance(texts, Sequence) else None
    return {"chunksize": chunksize, "size": len, "total": total}
