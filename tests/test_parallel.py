"""Mapping over worker processes: order kept, tasks sized by count and by bytes."""

from __future__ import annotations

import gc
import os

import pytest

import acrolib
from acrolib._parallel import _chunks, _chunks_by_size, map_ordered


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

