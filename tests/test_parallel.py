"""Mapping over worker processes: order kept, tasks sized by count and by bytes."""

from __future__ import annotations

import gc
import os

import pytest

import acrolib
from acrolib._parallel import _chunks, _chunks_by_size, map_ordered, task_bytes


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
        """The whole budget while at least two tasks per worker are left, then a share of
        what is left, never below an eighth of the budget."""
        assert task_bytes(10_000_000, 1000, 2) == 1000
        assert task_bytes(4000, 1000, 2) == 1000
        assert task_bytes(3000, 1000, 2) == 750
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
        from acrolib import _parallel

        seen: list[int | None] = []
        real = _parallel.map_ordered

        def spy(*args: object, total: int | None = None, **kwargs: object) -> object:
            seen.append(total)
            return real(*args, total=total, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(_parallel, "map_ordered", spy)
        resolver = acrolib.Resolver()
        texts = ["The DOJ met.", "The ATF met."]
        list(resolver.annotate_many(texts, jobs=2))
        list(resolver.annotate_many(iter(texts), jobs=2))
        assert seen == [24, None]


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
            list(map_ordered(_die_on_three, [1, 2, 3, 4], jobs=2, chunksize=1))


def _pid(_: object) -> int:
    return os.getpid()


class TestWhenWorkersStart:
    def test_input_of_one_task_is_mapped_by_the_caller(self) -> None:
        """Items that fit in one task start no worker: the caller maps them."""
        assert set(map_ordered(_pid, range(10), jobs=2, chunksize=10)) == {os.getpid()}
        assert set(map_ordered(_pid, ["ab"] * 5, jobs=2, chunksize=64, size=len,
                               chunk_bytes=10)) == {os.getpid()}
        assert list(map_ordered(_pid, [], jobs=2)) == []

    def test_input_of_two_tasks_goes_to_the_workers(self) -> None:
        """One item more than a task carries, and the workers do all of it, in order."""
        pids = list(map_ordered(_pid, range(11), jobs=2, chunksize=10))
        assert len(pids) == 11 and os.getpid() not in pids
        pids = list(map_ordered(_pid, ["ab"] * 6, jobs=2, chunksize=64, size=len,
                                chunk_bytes=10))
        assert len(pids) == 6 and os.getpid() not in pids


def _die_on_three(value: int) -> int:
    if value == 3:
        os._exit(1)
    return value

