"""Mapping a function over many inputs on several cores, keeping input order.

Each worker process receives the function (typically a bound method of a picklable
Resolver) once, when it starts; tasks then carry only chunks of inputs.  At most a few
chunks per worker are in flight, so a gigabyte of input never sits in memory at once
(``Pool.imap`` would read its whole input ahead).

Results cross back as one pickle per chunk, written by the worker and read by the caller with
the cyclic garbage collector paused.  Pickling tens of thousands of small result objects
otherwise triggers collections that rescan everything the process holds: for 10 MB of text
(42,000 mentions), in a process that kept every result, that was 166 ms to write and 162 ms
to read, against 57 and 56 ms paused.

The calling process is one of the ``jobs``: it starts ``jobs - 1`` workers and maps, itself,
each chunk that comes while the workers have enough queued (:class:`_Tasks`).  Its own
results need no pickling either way, and reading a worker's is time it does not spend
mapping, so the fewer results cross a pipe, the better.
For 10 MB of text with two jobs, ``annotate_many`` went from 1.49x to 1.55x the speed of one
process (medians of five interleaved runs); the command line's JSONL and many-file runs, whose
results are output text, cheap to send, stayed the same.

A result that holds its item need not bring it back: ``annotate_many`` packs a worker's
annotation as its mentions and definitions, and the caller adds the text it still holds.  A
full task's results then pickle to about 78 KB instead of 353 KB (medians over the 10 MB
benchmark slice), the worker spends less time pickling and waiting for the caller to empty the
pipe, and ``annotate_many(jobs=2)`` over those 10 MB took 0.503 s against 0.515 s (medians of
five interleaved pairs of the compiled build: faster in three, level in one, slower in one; a
first version was faster in eight of ten pairs, 0.481 against 0.496 s).

Workers are forked with every object alive frozen (``gc.freeze``, thawed when the run ends):
a full collection in the caller would otherwise rescan its whole heap and copy each page it
still shares with a worker.  Without it, such a collection fell in two of three timed runs of
``annotate_many(jobs=2)`` over 10 MB (results read and dropped), each taking 20-23 ms and
causing 2,000-3,000 more page faults; over ten interleaved pairs the median run took 0.562 s,
against 0.538 s frozen.  Runs that keep every result gained nothing: 0.562 s against 0.568 s
frozen, slower in seven pairs of ten, within this machine's noise.

:func:`map_ordered` starts its workers for one call and stops them at its end; :class:`Workers`
keeps them from one call to the next (``Resolver.workers``), which saves the fork and the page
faults after it on every call but the first.

The workers are a ``concurrent.futures.ProcessPoolExecutor``.  ``multiprocessing.Pool`` keeps
a thread that wakes whenever results wait in its pipe: for 10 MB of JSONL records it woke
about 1,700 times and spent 0.05-0.06 s of the caller's CPU, and a worker killed by the
system left it waiting forever.  The executor reports such a worker as
:class:`~acrolib.WorkerError`.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from ._nogc import collector_paused, frozen
from .exceptions import WorkerError

if TYPE_CHECKING:  # imported when workers start: together they cost about 10 ms
    from concurrent.futures import Executor, Future

T = TypeVar("T")
R = TypeVar("R")

#: Chunks in flight per worker: enough to keep every core busy, few enough to bound memory.
_AHEAD = 3
#: Chunks held per process, done or not, before the oldest is waited for: bounds memory when
#: a worker falls behind this process.
_KEPT = 2 * _AHEAD


def job_count(jobs: int) -> int:
    """``jobs``, or the number of cores this process may use when ``jobs <= 0``."""
    if jobs > 0:
        return jobs
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def map_ordered(function: Callable[[T], R], items: Iterable[T], *, jobs: int = 1,
                chunksize: int = 16, size: Callable[[T], int] | None = None,
                chunk_bytes: int = 1 << 18, total: int | None = None,
                pack: Callable[[T, R], Any] | None = None,
                unpack: Callable[[T, Any], R] | None = None) -> Iterator[R]:
    """``map(function, items)`` over ``jobs`` processes, this one included (all cores when
    ``jobs <= 0``): :meth:`Workers.map` with workers started for this call alone.

    A task carries up to ``chunksize`` items; with ``size`` (an item's size in bytes, such
    as a file's) it also stops at ``chunk_bytes``, so many small files share a task while a
    large one goes alone.  With ``total`` (the sizes' sum), tasks shrink as the end nears
    (:func:`task_bytes`).  When all the items fit in one task, no worker is started and the
    calling process maps them itself.

    A result that holds its item (an annotation holds its text) need not carry it back from a
    worker: ``pack(item, result)``, run in the worker, gives what is sent instead, and
    ``unpack(item, packed)``, run here, the result again.  The two come together or not at all.
    """
    workers = Workers(function, jobs, pack=pack, unpack=unpack)
    if workers.jobs == 1:
        yield from map(function, items)
        return
    # The workers stop with everything alive still frozen (_nogc): a full collection while
    # they stop would copy the pages they share with this process.
    with frozen():
        try:
            yield from workers.map(items, chunksize=chunksize, size=size,
                                   chunk_bytes=chunk_bytes, total=total)
        finally:
            workers.close()  # a caller that stops early does not wait for the queued tasks


class Workers(Generic[T, R]):
    """Processes mapping ``function``, kept from one :meth:`map` to the next until
    :meth:`close`: ``jobs`` processes in all, this one and ``jobs - 1`` workers (all cores
    when ``jobs <= 0``).

    The workers are started by the first :meth:`map` that needs them.  Starting them costs
    each call of :func:`map_ordered` the fork and, after it, a page fault in either process
    for each page of memory they still share when one of them first writes to it (about
    2.5 us each here; in a run of ``annotate_many(jobs=2)`` on 10 MB the caller took 7,100-7,600
    and the worker 6,100, against 1,200-2,300 for one process).  Workers kept from call to
    call pay that once.  They map with ``function`` as it was when they started.  In a
    process forked from the one that started them, the workers are not used: that process
    starts its own.
    """

    def __init__(self, function: Callable[[T], R], jobs: int = 0, *,
                 pack: Callable[[T, R], Any] | None = None,
                 unpack: Callable[[T, Any], R] | None = None) -> None:
        if (pack is None) != (unpack is None):
            raise TypeError("give both pack and unpack, or neither")
        self.function = function
        self.jobs = job_count(jobs)
        self._pack = pack
        self._unpack = unpack
        self._pool: Executor | None = None
        self._owner = 0  # the process that started the workers
        self._starting = threading.Lock()  # two threads' first calls start one pool

    def map(self, items: Iterable[T], *, chunksize: int = 16,
            size: Callable[[T], int] | None = None, chunk_bytes: int = 1 << 18,
            total: int | None = None) -> Iterator[R]:
        """``map(function, items)`` on these processes, in input order; the arguments are
        those of :func:`map_ordered`.  A caller that stops early leaves the workers running
        the tasks they had started, and cancels the rest."""
        function, jobs = self.function, self.jobs
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
        # Workers are forked at their first task, with everything alive frozen (_nogc).
        with frozen():
            tasks = _Tasks(function, self._started(), jobs - 1, self._unpack)
            try:
                for chunk in itertools.chain((first, second), chunks):
                    tasks.add(chunk)
                    while tasks.ready() or len(tasks) > _KEPT * jobs:
                        yield from tasks.oldest()
                while tasks:
                    yield from tasks.oldest()
            except WorkerError:
                self._discard()  # the pool is broken: the next call starts new workers
                raise
            finally:
                tasks.cancel()

    def close(self) -> None:
        """Stop the workers, cancelling the tasks they have not started."""
        pool, self._pool = self._pool, None
        if pool is not None and self._owner == os.getpid():
            pool.shutdown(cancel_futures=True)

    def _discard(self) -> None:
        """Forget a broken pool, once its own thread has marked every task it held failed.

        Cancelling those tasks while that thread marks them (as :meth:`close` would) races
        with it: before Python 3.12 the thread then dies of ``InvalidStateError`` halfway
        (python/cpython#107219), before it has stopped the remaining workers.  A task taken
        back (cancelled) shortly before a worker died can still trip it on those versions,
        since the pool keeps a cancelled task on its list until it next feeds its workers: the
        thread's traceback is then printed, and the thread does not stop the other workers.
        """
        pool, self._pool = self._pool, None
        if pool is not None and self._owner == os.getpid():
            pool.shutdown(wait=True)

    def __enter__(self) -> Workers[T, R]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _started(self) -> Executor:
        with self._starting:
            if self._pool is not None and self._owner == os.getpid():
                return self._pool
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            context = multiprocessing.get_context("spawn" if os.name == "nt" else "fork")
            pool = ProcessPoolExecutor(self.jobs - 1, mp_context=context,
                                       initializer=_install,
                                       initargs=(self.function, self._pack))
            widen_pipes(pool)
            self._pool, self._owner = pool, os.getpid()
            return pool


#: The capacity asked for the pipes between the caller and its workers: 1 MB, the most an
#: unprivileged process may ask for by default on Linux (``/proc/sys/fs/pipe-max-size``).
PIPE_BYTES = 1 << 20


def widen_pipes(pool: object) -> None:
    """Give the pipes that carry ``pool``'s tasks and results :data:`PIPE_BYTES` each, where
    the system allows it (Linux); elsewhere, or when refused, they keep their size.

    A pipe holds 64 KB by default, and a worker's results for a task of 256 KB of JSONL are
    about 550 KB of output.  The worker then waited while the caller's executor thread read
    them 64 KB at a time, taking the interpreter's lock (the GIL) for each piece from the
    caller's own mapping, which holds it for up to 5 ms at a stretch.  For ``annotate
    --jsonl --jobs 2`` on 10 MB, the worker spent 19-33 ms of each run sending results
    (three runs); with pipes of 1 MB, 4-6 ms.  The command's time fell in each of seven sets
    of seven interleaved rounds, by 5-50 ms (medians of the sets: 0.764 to 0.747 s, 0.793
    to 0.770, 0.816 to 0.766, 0.817 to 0.796 with a first version of this change; 0.776 to
    0.761, 0.790 to 0.785, 0.802 to 0.787 with this one).  ``expand FILES`` and
    ``annotate_many``, whose results per task are smaller, did not change measurably.

    The executor keeps its pipes in private attributes: if a version of Python names them
    otherwise, nothing is changed.
    """
    try:
        import fcntl

        setsize: int = fcntl.F_SETPIPE_SZ
    except (ImportError, AttributeError):  # pragma: no cover - not on Linux
        return
    for queue in (getattr(pool, "_call_queue", None), getattr(pool, "_result_queue", None)):
        try:
            fcntl.fcntl(queue._reader.fileno(), setsize, PIPE_BYTES)  # type: ignore[union-attr]
        except (AttributeError, OSError, ValueError):
            continue  # no such pipe, or a size the system refuses: it stays as it was


class _Tasks(Generic[T, R]):
    """The chunks in flight, oldest first, shared between the workers and this process.

    A chunk goes to the workers while they have fewer than ``_AHEAD`` tasks each to do, and
    is mapped here otherwise, so this process works instead of waiting, and maps only what
    the workers cannot take: a result mapped here costs nothing to send back, when reading
    a worker's costs this process about a microsecond per object.  When the oldest result is
    not back yet, this process takes back the newest task no worker has started, if any,
    rather than wait.

    A chunk that fails here keeps its error until its turn, as a worker's would: the results
    of every chunk before it are handed out first.
    """

    def __init__(self, function: Callable[[T], R], pool: Executor, workers: int,
                 unpack: Callable[[T, Any], R] | None = None) -> None:
        self.function = function
        self.unpack = unpack
        self.pool = pool
        self.limit = workers * _AHEAD
        # A worker's task (its future, and its chunk in case it is taken back), or the
        # results of a chunk mapped here, or the error mapping it raised.
        self.entries: deque[tuple[Future[bytes], list[T]] | list[R] | Exception] = deque()

    def __len__(self) -> int:
        return len(self.entries)

    def add(self, chunk: list[T]) -> None:
        busy = sum(1 for entry in self.entries
                   if isinstance(entry, tuple) and not entry[0].done())
        if busy < self.limit:
            with _worker_errors():
                future = self.pool.submit(_call_chunk, chunk)
            self.entries.append((future, chunk))
        else:
            self.entries.append(self._mapped(chunk))

    def ready(self) -> bool:
        """Whether the oldest chunk's results can be had without waiting."""
        if not self.entries:
            return False
        entry = self.entries[0]
        return not isinstance(entry, tuple) or entry[0].done()

    def oldest(self) -> list[R]:
        """The oldest chunk's results; until they are back, this process maps the tasks no
        worker has started."""
        while not self.ready():
            if not self._take_back():
                break  # nothing left to take back: wait for the oldest
        entry = self.entries.popleft()
        if isinstance(entry, list):
            return entry
        if isinstance(entry, Exception):
            raise entry
        with _worker_errors():
            blob = entry[0].result()
        results = _unpickled(blob)
        if self.unpack is None:
            return results
        unpack = self.unpack
        return [unpack(item, packed) for item, packed in zip(entry[1], results, strict=True)]

    def cancel(self) -> None:
        """Cancel the tasks still queued for the workers."""
        for entry in self.entries:
            if isinstance(entry, tuple):
                entry[0].cancel()

    def _take_back(self) -> bool:
        # Newest first; the oldest task stays with the workers, where it is next in line.
        for index in range(len(self.entries) - 1, 0, -1):
            entry = self.entries[index]
            if isinstance(entry, tuple) and entry[0].cancel():
                self.entries[index] = self._mapped(entry[1])
                return True
        return False

    def _mapped(self, chunk: list[T]) -> list[R] | Exception:
        try:
            return [self.function(item) for item in chunk]
        except Exception as exc:  # raised in its turn, by oldest()
            return exc


@contextlib.contextmanager
def _worker_errors() -> Iterator[None]:
    """Report a worker that died (a broken pool) as :class:`~acrolib.WorkerError`."""
    from concurrent.futures.process import BrokenProcessPool

    try:
        yield
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

    Tasks of equal size leave the processes finishing up to one task apart, the others idle
    meanwhile; shrinking the last ones (guided scheduling) lets them finish together.  A worker
    is up to ``_AHEAD`` tasks behind this process, and the executor's queue keeps the caller
    from taking those back, so the share counts them: when the input runs out, what each worker
    still holds is small as well.  For ``annotate --jsonl --jobs 2`` on 10 MB, this cut the
    caller's wait for the worker at the end from 13-46 ms (eleven runs) to 6-16 ms (three),
    and the command's time from 0.757 to 0.740 s (medians of nine interleaved rounds).
    """
    return max(budget // 8, min(budget, remaining // (2 * jobs + _AHEAD * (jobs - 1))))


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
_worker_pack: Callable[[Any, Any], Any] | None = None


def _install(function: Callable[[Any], Any], pack: Callable[[Any, Any], Any] | None) -> None:
    global _worker_function, _worker_pack
    _worker_function = function
    _worker_pack = pack


def _call_chunk(chunk: list[Any]) -> bytes:
    function = _worker_function
    if function is None:  # pragma: no cover - a worker always starts through _install
        raise RuntimeError("acrolib worker started without a function")
    import pickle

    pack = _worker_pack
    if pack is None:
        results = [function(item) for item in chunk]
    else:
        results = [pack(item, function(item)) for item in chunk]
    with collector_paused():
        return pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL)


def _unpickled(blob: bytes) -> list[Any]:
    import pickle

    with collector_paused():
        loaded: list[Any] = pickle.loads(blob)
    return loaded
