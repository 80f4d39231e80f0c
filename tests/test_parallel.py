"""Mapping over worker processes: order kept, tasks sized by count and by bytes."""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import time
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any, cast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import acrolib
from acrolib import _parallel
from acrolib._annotated import packed, unpacked
from acrolib._nogc import frozen
from acrolib._parallel import (
    Workers,
    _chunks,
    _chunks_by_size,
    map_ordered,
    task_bytes,
    widen_pipes,
)


class TestChunks:
    def test_by_count(self) -> None:
        """Items are grouped by count, the last group short."""
        assert list(_chunks(range(7), 3)) == [[0, 1, 2], [3, 4, 5], [6]]

    def test_by_size_small_items_share_a_task_and_a_large_one_goes_alone(self) -> None:
        """A group closes at the byte budget or the count, whichever comes first."""
        sizes = [10, 10, 10, 500, 10, 10, 10, 10, 10]
        got = list(_chunks_by_size(range(len(sizes)), 4, sizes.__getitem__, 100))
        assert got == [[0, 1, 2, 3], [4, 5, 6, 7], [8]]
        got = list(_chunks_by_size(range(len(sizes)), 10, sizes.__getitem__, 25))
        assert got == [[0, 1, 2], [3], [4, 5, 6], [7, 8]]

    def test_empty(self) -> None:
        """No items, no tasks."""
        assert list(_chunks([], 3)) == []
        assert list(_chunks_by_size([], 3, len, 10)) == []
        assert list(_chunks_by_size([], 3, len, 10, total=0, jobs=2)) == []


class TestGuided:
    def test_task_bytes(self) -> None:
        """The whole budget while what is left covers two tasks per process and the tasks
        each worker may hold queued (``_AHEAD``), then a share of what is left, never below an
        eighth of the budget."""
        assert _parallel._AHEAD == 3  # the shares below: 1/(2*2 + 3*1), 1/(2*4 + 3*3)
        assert task_bytes(10_000_000, 1000, 2) == 1000
        assert task_bytes(7000, 1000, 2) == 1000
        assert task_bytes(6300, 1000, 2) == 900
        assert task_bytes(3500, 1000, 2) == 500
        assert task_bytes(17_000, 1000, 4) == 1000
        assert task_bytes(8500, 1000, 4) == 500
        assert task_bytes(1000, 1000, 4) == 125
        assert task_bytes(100, 1000, 2) == 125
        assert task_bytes(0, 1000, 2) == 125

    def test_last_tasks_shrink(self) -> None:
        """With the total known, the tasks near the end get smaller; every item comes once,
        in order."""
        sizes = [10] * 1000
        got = list(_chunks_by_size(range(1000), 1000, sizes.__getitem__, 400,
                                   total=sum(sizes), jobs=2))
        assert [i for chunk in got for i in chunk] == list(range(1000))
        lengths = [len(chunk) for chunk in got]
        assert lengths[0] == 40  # the full budget of 400 bytes
        assert lengths == sorted(lengths, reverse=True)
        assert lengths[-2] == 5  # an eighth of the budget, the floor
        # Without the total, every task but the last takes the whole budget.
        plain = [len(c) for c in _chunks_by_size(range(1000), 1000, sizes.__getitem__, 400)]
        assert plain == [40] * 25

    def test_an_input_of_one_task_stays_one_task(self) -> None:
        """Guided sizes never split an input that fits in one task (it is mapped without
        workers)."""
        sizes = [10] * 40
        assert list(_chunks_by_size(range(40), 100, sizes.__getitem__, 400, total=400,
                                    jobs=2)) == [list(range(40))]

    def test_annotate_many_shrinks_a_list_and_keeps_its_order(self) -> None:
        """A list (its total known, more than one task's budget) and an iterator give the
        same results in order."""
        texts = [f"Text {i}: the Department of Justice (DOJ) and the DOJ." * (20 + i % 5)
                 for i in range(300)]
        assert sum(map(len, texts)) > 1 << 18
        resolver = acrolib.Resolver()
        expected = [resolver.annotate(t) for t in texts]
        assert list(resolver.annotate_many(texts, jobs=2, chunksize=8)) == expected
        assert list(resolver.annotate_many(iter(texts), jobs=2, chunksize=8)) == expected

    def test_annotate_many_tells_the_total_of_a_list(
            self, monkeypatch: pytest.MonkeyPatch) -> None:
        from acrolib import _workers

        seen: list[int | None] = []

        def spying(real: Any) -> Any:
            def spy(*args: object, total: int | None = None, **kwargs: object) -> object:
                seen.append(total)
                return real(*args, total=total, **kwargs)

            return spy

        monkeypatch.setattr(_workers, "map_ordered", spying(_workers.map_ordered))  # type: ignore[attr-defined]
        resolver = acrolib.Resolver()
        texts = ["The DOJ met.", "The ATF met."]
        list(resolver.annotate_many(texts, jobs=2))
        list(resolver.annotate_many(iter(texts), jobs=2))
        monkeypatch.setattr(Workers, "map", spying(Workers.map))
        with resolver.workers(jobs=2) as workers:
            list(workers.annotate_many(texts))
            list(workers.annotate_many(iter(texts)))
        assert seen == [24, None, 24, None]


class TestMapOrdered:
    def test_two_workers_with_sizes_equal_map(self) -> None:
        """Results come back in input order, whatever the grouping."""
        words = [("w" * (n % 7)) + str(n) for n in range(200)]
        expected = [w.upper() for w in words]
        assert list(map_ordered(str.upper, words, jobs=2, chunksize=9, size=len,
                                chunk_bytes=20)) == expected
        assert list(map_ordered(str.upper, words, jobs=2)) == expected
        assert list(map_ordered(str.upper, words, jobs=1)) == expected

    def test_results_cross_back_whole_and_the_collector_state_is_kept(self) -> None:
        """Nested results arrive intact; a collector the caller turned off stays off."""
        items = [[n, {"k": str(n)}, (n, None)] for n in range(60)]
        assert list(map_ordered(list, items, jobs=2, chunksize=7)) == items
        assert gc.isenabled()
        gc.disable()
        try:
            assert list(map_ordered(list, items, jobs=2, chunksize=5)) == items
            assert not gc.isenabled()
        finally:
            gc.enable()

    def test_an_error_in_a_worker_reaches_the_caller(self) -> None:
        """An exception raised by the function in a worker is raised to the caller."""
        with pytest.raises(ValueError, match="invalid literal"):
            list(map_ordered(int, ["1", "2", "x", "4"], jobs=2, chunksize=1))

    def test_a_killed_worker_is_an_error_not_a_hang(self) -> None:
        """A worker that dies without returning (killed, out of memory) raises WorkerError."""
        with pytest.raises(acrolib.WorkerError, match="ended before returning"):
            list(map_ordered(_die_in_a_worker, [1, 2, 3, 4], jobs=2, chunksize=1))


def _pid(_: object) -> int:
    return os.getpid()


class TestKeptWorkers:
    """``Workers`` keep their processes from one ``map`` to the next, until closed."""

    def test_the_same_workers_serve_every_call_until_closed(self) -> None:
        with Workers(_pid, 2) as workers:
            first = set(map_ordered_pids(workers))
            second = set(map_ordered_pids(workers))
            assert first == second and len(first - {os.getpid()}) == 1
            (worker,) = first - {os.getpid()}
            assert worker in {child.pid for child in multiprocessing.active_children()}
        assert worker not in {child.pid for child in multiprocessing.active_children()}
        # Closed, they start again for the next call, in new processes.
        try:
            third = set(map_ordered_pids(workers))
            assert len(third - {os.getpid()}) == 1 and worker not in third
        finally:
            workers.close()

    def test_results_in_order_with_packing_and_one_job(self) -> None:
        words = [("w" * (n % 7)) + str(n) for n in range(300)]
        expected = [(w, len(w)) for w in words]
        with Workers(_with_length, 2, pack=_length_only, unpack=_with_word_again) as workers:
            for _ in range(2):
                assert list(workers.map(words, chunksize=9, size=len, chunk_bytes=40,
                                        total=sum(map(len, words)))) == expected
        with Workers(_pid, 1) as workers:
            assert set(workers.map(range(100), chunksize=1)) == {os.getpid()}
        with pytest.raises(TypeError, match="both pack and unpack"):
            Workers(_with_length, 2, pack=_length_only)

    def test_a_caller_that_stops_early_leaves_them_for_the_next_call(self) -> None:
        with Workers(_slow_in_a_worker, 2) as workers:
            results = cast(Generator[tuple[int, int, int], None, None],
                           workers.map(range(12), chunksize=1))
            assert next(results)[0] == 0
            results.close()  # the tasks not started are cancelled
            assert [value for value, _, _ in workers.map(range(6), chunksize=1)] == list(
                range(6))

    def test_stopping_early_cancels_the_tasks_not_started(
            self, monkeypatch: pytest.MonkeyPatch) -> None:
        """The tasks a caller that stops leaves queued are cancelled (a stand-in pool whose
        first task is done once three are queued)."""
        import pickle
        from concurrent.futures import Future

        queued: list[Future[bytes]] = []

        class Pool:
            def submit(self, function: object, chunk: list[int]) -> Future[bytes]:
                queued.append(Future())
                if len(queued) == 3:
                    queued[0].set_result(pickle.dumps([str(chunk[0] - 2)]))
                return queued[-1]

        workers: Workers[int, str] = Workers(str, 2)
        monkeypatch.setattr(workers, "_started", Pool)
        results = cast(Generator[str, None, None], workers.map(range(20), chunksize=1))
        assert next(results) == "0"
        results.close()
        assert len(queued) == 3 and all(future.cancelled() for future in queued[1:])

    def test_after_a_worker_dies_the_next_call_starts_new_ones(
            self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(sys.modules[__name__], "_DIE_ONCE", tmp_path / "died")
        with Workers(_die_once_in_a_worker, 2) as workers:
            with pytest.raises(acrolib.WorkerError, match="ended before returning"):
                list(workers.map(range(8), chunksize=1))
            assert list(workers.map(range(8), chunksize=1)) == list(range(8))

    def test_a_broken_pool_marks_its_own_tasks_failed(
            self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """After a worker dies, the pool is shut down without cancelling its tasks: its own
        thread is marking them failed, and cancelling them at the same time made that thread
        die halfway, now and then, before Python 3.12 (python/cpython#107219).  (A task taken
        back before the worker died can still do so there: see ``Workers._discard``.)"""
        from concurrent.futures import ProcessPoolExecutor

        shutdowns: list[tuple[bool, bool]] = []
        shutdown = ProcessPoolExecutor.shutdown

        def recorded(pool: ProcessPoolExecutor, wait: bool = True, *,
                     cancel_futures: bool = False) -> None:
            shutdowns.append((wait, cancel_futures))
            shutdown(pool, wait=wait, cancel_futures=cancel_futures)

        monkeypatch.setattr(ProcessPoolExecutor, "shutdown", recorded)
        monkeypatch.setattr(sys.modules[__name__], "_DIE_ONCE", tmp_path / "died")
        with Workers(_die_once_in_a_worker, 2) as workers:
            with pytest.raises(acrolib.WorkerError):
                list(workers.map(range(8), chunksize=1))
            assert shutdowns == [(True, False)]
            assert workers._pool is None

    def test_a_forked_process_starts_its_own(self) -> None:
        """Workers started by another process are neither used nor stopped here."""
        with Workers(_pid, 2) as workers:
            (theirs,) = set(map_ordered_pids(workers)) - {os.getpid()}
            pool = workers._pool
            workers._owner = -1  # as in a process forked after they started
            try:
                workers.close()
                assert theirs in {child.pid for child in multiprocessing.active_children()}
                workers._pool = pool
                mine = set(map_ordered_pids(workers)) - {os.getpid()}
                assert mine and theirs not in mine
            finally:
                assert pool is not None
                pool.shutdown()

    def test_resolver_workers(self) -> None:
        """``Resolver.workers`` annotates as ``annotate`` does, over several calls."""
        resolver = acrolib.Resolver()
        texts = [f"Note {n}: the Caribbean Basin Security Initiative (CBSI) and the DOJ. "
                 * (1 + n % 5) for n in range(150)]
        expected = [resolver.annotate(t) for t in texts]
        with resolver.workers(jobs=2) as workers:
            assert workers.jobs == 2
            for _ in range(2):
                got = list(workers.annotate_many(texts, chunksize=8))
                assert got == expected
                assert all(a.text is t for a, t in zip(got, texts, strict=True))
            assert list(workers.annotate_many(iter(texts[:20]))) == expected[:20]


def map_ordered_pids(workers: Workers[Any, int]) -> list[int]:
    """The processes that mapped 40 items, a task of one item each."""
    return list(workers.map(range(40), chunksize=1))


_DIE_ONCE: Path | None = None


def _die_once_in_a_worker(value: int) -> int:
    """Ends the first worker that maps an item, once (a marker file records it)."""
    if os.getpid() != _CALLER and _DIE_ONCE is not None and not _DIE_ONCE.exists():
        _DIE_ONCE.touch()
        os._exit(1)
    return value


def _with_length(word: str) -> tuple[str, int]:
    return word, len(word)


def _length_only(word: str, result: tuple[str, int]) -> int:
    return result[1]


def _with_word_again(word: str, length: object) -> tuple[str, int]:
    assert isinstance(length, int), "a worker's result came back unpacked"
    return word, length


class TestPacked:
    """A worker's results can come back without the items they hold."""

    def test_packed_in_the_worker_and_unpacked_here(self) -> None:
        """Every result equals the function's; the worker's crossed as ``pack`` gave them
        (``_with_word_again`` checks), and they hold the caller's own items again."""
        words = [f"word{n}" for n in range(60)]
        got = list(map_ordered(_with_length, words, jobs=2, chunksize=4, pack=_length_only,
                               unpack=_with_word_again))
        assert got == [_with_length(w) for w in words]
        assert all(result[0] is word for result, word in zip(got, words, strict=True))

    def test_both_or_neither(self) -> None:
        """``pack`` without ``unpack`` (or the reverse) is a mistake, reported at once."""
        with pytest.raises(TypeError, match="both pack and unpack"):
            list(map_ordered(_with_length, ["a"], jobs=2, pack=_length_only))
        with pytest.raises(TypeError, match="both pack and unpack"):
            list(map_ordered(_with_length, ["a"], jobs=2, unpack=_with_word_again))

    def test_annotate_many_sends_no_text_back(self) -> None:
        """Annotations from a worker hold the caller's own text objects, and equal those of
        ``annotate``."""
        texts = [f"Report {i} of the Department of Justice (DOJ) on the DOJ." * 30
                 for i in range(120)]
        resolver = acrolib.Resolver()
        got = list(resolver.annotate_many(texts, jobs=2, chunksize=4))
        assert got == [resolver.annotate(t) for t in texts]
        assert all(a.text is t for a, t in zip(got, texts, strict=True))

    def test_an_annotation_of_another_text_travels_whole(self) -> None:
        """``packed`` drops the text only when it is the very text given; ``unpacked``
        passes a whole annotation through."""
        resolver = acrolib.Resolver()
        text = "The Department of Justice (DOJ) met."
        annotated = resolver.annotate(text)
        assert packed(text, annotated) == (annotated.mentions, annotated.definitions)
        assert unpacked(text, packed(text, annotated)) == annotated
        other = "".join(list(text))  # equal, not the same object
        assert other == text and other is not text
        assert packed(other, annotated) is annotated
        assert unpacked(other, annotated) is annotated


def _frozen_in(_: object) -> tuple[int, bool]:
    return os.getpid(), gc.get_freeze_count() > 0


class TestFrozenForTheRun:
    """Workers are forked with everything alive moved out of the collector's reach."""

    def test_frozen_in_the_block_and_thawed_after(self) -> None:
        """The block runs with the objects alive at its start frozen; they are thawed after,
        also when the block raises."""
        assert gc.get_freeze_count() == 0
        with frozen():
            assert gc.get_freeze_count() > 0
        assert gc.get_freeze_count() == 0
        with pytest.raises(KeyError), frozen():
            raise KeyError("inside")
        assert gc.get_freeze_count() == 0

    def test_a_process_that_froze_objects_is_left_alone(self) -> None:
        """Objects the process froze itself stay frozen, and none are added."""
        gc.freeze()
        try:
            before = gc.get_freeze_count()
            made_since = [[] for _ in range(3)]  # tracked: freezing again would count them
            with frozen():
                assert gc.get_freeze_count() == before
            assert gc.get_freeze_count() == before
            del made_since
        finally:
            gc.unfreeze()

    def test_one_job_freezes_nothing(self) -> None:
        assert list(map_ordered(_frozen_in, range(40), jobs=1, chunksize=4)) == [
            (os.getpid(), False)] * 40

    def test_workers_start_frozen_and_the_caller_thaws_after(self) -> None:
        """A worker inherits the frozen objects; after the run nothing is left frozen."""
        assert gc.get_freeze_count() == 0
        seen = list(map_ordered(_frozen_in, range(40), jobs=2, chunksize=4))
        in_workers = [was for pid, was in seen if pid != os.getpid()]
        assert in_workers and all(in_workers)
        assert gc.get_freeze_count() == 0


def _pipe_bytes(reader: object) -> int:
    import fcntl

    return int(fcntl.fcntl(reader.fileno(), fcntl.F_GETPIPE_SZ))  # type: ignore[attr-defined]


def _wide_pipes_allowed() -> bool:
    """Whether this process may ask for pipes of :data:`_parallel.PIPE_BYTES`."""
    import fcntl

    if not hasattr(fcntl, "F_GETPIPE_SZ"):
        return False
    if os.geteuid() == 0:
        return True
    try:
        with open("/proc/sys/fs/pipe-max-size", encoding="ascii") as limit:
            return int(limit.read()) >= _parallel.PIPE_BYTES
    except OSError:
        return False


@pytest.mark.skipif(not _wide_pipes_allowed(),
                    reason="pipes of 1 MB need Linux's F_SETPIPE_SZ and either root or "
                           "/proc/sys/fs/pipe-max-size of 1 MB or more")
class TestWidePipes:
    """A worker's whole result fits in the pipe, so the worker does not wait for the caller."""

    def test_the_pools_pipes_are_widened(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """``map_ordered`` widens the pipes of the pool it starts, both ways."""
        sizes: list[int] = []

        def widen_and_measure(pool: object) -> None:
            widen_pipes(pool)
            for queue in (pool._call_queue, pool._result_queue):  # type: ignore[attr-defined]
                sizes.append(_pipe_bytes(queue._reader))

        monkeypatch.setattr(_parallel, "widen_pipes", widen_and_measure)
        words = ["x" * 300_000, "y" * 300_000, "z" * 300_000]
        assert list(map_ordered(str.upper, words, jobs=2, chunksize=1)) == [
            word.upper() for word in words]
        assert sizes == [_parallel.PIPE_BYTES, _parallel.PIPE_BYTES]

    def test_what_cannot_be_widened_is_left_as_it_was(self, tmp_path: Path) -> None:
        """A pool without such pipes, or one whose descriptor is not a pipe, raises nothing."""
        widen_pipes(object())

        class FileQueues:
            def __init__(self, handle: object) -> None:
                self._reader = handle
                self._call_queue = self._result_queue = self

        with open(tmp_path / "file", "wb") as handle:
            widen_pipes(FileQueues(handle))
        read, write = os.pipe()
        with open(read, "rb") as reader, open(write, "wb"):
            widen_pipes(FileQueues(reader))
            assert _pipe_bytes(reader) == _parallel.PIPE_BYTES


class TestWhenWorkersStart:
    def test_input_of_one_task_is_mapped_by_the_caller(self) -> None:
        """Items that fit in one task start no worker: the caller maps them."""
        assert set(map_ordered(_pid, range(10), jobs=2, chunksize=10)) == {os.getpid()}
        assert set(map_ordered(_pid, ["ab"] * 5, jobs=2, chunksize=64, size=len,
                               chunk_bytes=10)) == {os.getpid()}
        assert list(map_ordered(_pid, [], jobs=2)) == []

    def test_input_of_two_tasks_goes_to_a_worker(self) -> None:
        """One item more than a task carries, and a worker starts; the first tasks go to it."""
        pids = list(map_ordered(_pid, range(11), jobs=2, chunksize=10))
        assert len(pids) == 11 and pids[0] != os.getpid()
        pids = list(map_ordered(_pid, ["ab"] * 6, jobs=2, chunksize=64, size=len,
                                chunk_bytes=10))
        assert len(pids) == 6 and pids[0] != os.getpid()


def _slow_in_a_worker(value: int) -> tuple[int, int, int]:
    """The value, the process that mapped it and how many items the caller had read then.

    A worker takes 0.2 s, the caller no time.
    """
    if os.getpid() != _CALLER:
        time.sleep(0.2)
    return value, os.getpid(), _read


_read = 0


def _fails_here_on_three(value: int) -> int:
    """Slow in a worker; in the caller, fails on 3."""
    if os.getpid() != _CALLER:
        time.sleep(0.2)
    elif value == 3:
        raise ValueError("three")
    return value


def _counted(count: int) -> Iterator[int]:
    global _read
    _read = 0
    for value in range(count):
        _read += 1
        yield value


class TestSharedWork:
    """The caller is one of the ``jobs``: it maps what the workers have no room for."""

    def test_the_caller_maps_chunks_while_the_workers_are_busy_and_order_is_kept(self) -> None:
        results = list(map_ordered(_slow_in_a_worker, _counted(8), jobs=2, chunksize=1))
        assert [value for value, _, _ in results] == list(range(8))
        # The first tasks fill the worker's queue (the caller may take back the ones not
        # started yet); the caller maps the next one as soon as it has read it, not once
        # the input is exhausted.
        assert results[0][1] != _CALLER
        value, pid, read = results[_parallel._AHEAD]
        assert (pid, read) == (_CALLER, value + 1)

    def test_the_caller_takes_back_a_task_no_worker_has_started(self) -> None:
        """Rather than wait for the worker, the caller maps a queued task itself."""
        taken_back = []
        for _ in range(5):
            results = list(map_ordered(_slow_in_a_worker, range(4), jobs=2, chunksize=1))
            pids = [pid for _, pid, _ in results]
            # The worker is given the first three tasks, the caller maps the fourth.  The
            # executor keeps the third until the worker's pipe, which holds two, has room
            # again, and the caller takes it back while it is still there (the second too, if
            # the executor had not passed it on yet).  On a busy machine the caller can come
            # too late (the worker done with the first task, the third gone to its pipe), so
            # the run is tried a few times.
            assert [value for value, _, _ in results] == [0, 1, 2, 3]
            assert pids[0] != _CALLER
            taken_back.append(pids[2:] == [_CALLER, _CALLER])
            if taken_back[-1]:
                break
        assert any(taken_back)

    def test_an_error_here_comes_in_its_turn(self) -> None:
        """A chunk that fails in the caller raises only once every earlier result is out,
        as a worker's error does."""
        got = []
        with pytest.raises(ValueError, match="three"):
            for value in map_ordered(_fails_here_on_three, range(8), jobs=2, chunksize=1):
                got.append(value)
        # The worker holds 0-2 (0.2 s each); the caller reads 3 next and maps it at once.
        assert got == [0, 1, 2]

    def test_chunks_held_while_a_worker_is_slow_are_bounded(self) -> None:
        results = map_ordered(_slow_in_a_worker, _counted(100), jobs=2, chunksize=1)
        assert next(results)[0] == 0
        assert _read <= _parallel._KEPT * 2 + 1
        assert isinstance(results, Generator)
        results.close()


@settings(max_examples=30)  # each example with two tasks or more starts a worker
@given(words=st.lists(st.text(max_size=12), max_size=60), jobs=st.integers(1, 3),
       chunksize=st.integers(1, 9), budget=st.one_of(st.none(), st.integers(1, 40)),
       told=st.booleans())
def test_map_ordered_equals_map(words: list[str], jobs: int, chunksize: int,
                                budget: int | None, told: bool) -> None:
    """Whatever the grouping, the number of jobs and who maps what: ``map``'s results."""
    items = [f"{number}:{word}" for number, word in enumerate(words)]  # all different
    if budget is None:
        results = map_ordered(str.swapcase, items, jobs=jobs, chunksize=chunksize)
    else:
        total = sum(map(len, items)) if told else None
        results = map_ordered(str.swapcase, items, jobs=jobs, chunksize=chunksize, size=len,
                              chunk_bytes=budget, total=total)
    assert list(results) == [item.swapcase() for item in items]


def _die_in_a_worker(value: int) -> int:
    if os.getpid() != _CALLER:
        os._exit(1)
    return value


_CALLER = os.getpid()

