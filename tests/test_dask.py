"""Annotating with Dask on a real two-process LocalCluster equals annotating in one process."""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("dask.bag", reason="Dask is not installed (extra 'dask')")
distributed = pytest.importorskip("dask.distributed",
                                  reason="dask.distributed is not installed (extra 'dask')")

import dask.bag as db  # noqa: E402

from acrolib import InputError, Resolver, default_resolver  # noqa: E402
from acrolib.dask import annotate_bag, annotate_files, annotate_records  # noqa: E402

TEXTS = [
    "The Caribbean Basin Security Initiative (CBSI) trains police in the region.",
    "HSI’s agents and the ATF work with the U.S. Coast Guard.",
    "No acronyms at all here.",
    "CARICOM signed two MOUs with the U.S. and the OAS.",
    "The regional security system (RSS) met; the RSS and the CBSI agreed.",
    "NATO and the UN issued statements; the IMF did not.",
] * 4


class CountingResolver(Resolver):
    """A resolver that records, in a file, each process that unpickles it."""

    def __init__(self, log: Path) -> None:
        super().__init__()
        self.log = str(log)

    def __getstate__(self) -> dict[str, Any]:
        state = super().__getstate__()
        state["log"] = self.log
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        super().__setstate__(state)
        self.log = state["log"]
        with open(self.log, "a", encoding="utf-8") as out:
            out.write(f"{os.getpid()}\n")


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    """A real cluster: two worker processes with one thread each."""
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as dask_client:
        yield dask_client


def _expected(texts: list[str], resolver: Resolver | None = None) -> list[dict[str, Any]]:
    active = resolver or default_resolver()
    return [active.annotate(t).to_dict() for t in texts]


class TestAnnotateBag:
    def test_distributed_equals_single_process(self, client: Any) -> None:
        """Every partition on every worker gives what ``Resolver.annotate`` gives here."""
        resolver = Resolver()
        bag = db.from_sequence(TEXTS, npartitions=6)
        got = annotate_bag(bag, resolver).compute(scheduler=client)
        assert [a.to_dict() for a in got] == _expected(TEXTS, resolver)

    def test_default_resolver_built_on_workers(self, client: Any) -> None:
        """Without a resolver each worker uses the shipped glossary."""
        got = annotate_bag(db.from_sequence(TEXTS, npartitions=4)).compute(scheduler=client)
        assert [a.to_dict() for a in got] == _expected(TEXTS)

    def test_records_by_field(self, client: Any) -> None:
        """Mappings are read from ``field``."""
        records = [{"id": i, "body": t} for i, t in enumerate(TEXTS)]
        got = annotate_bag(db.from_sequence(records, npartitions=3),
                           field="body").compute(scheduler=client)
        assert [a.to_dict() for a in got] == _expected(TEXTS)

    def test_resolver_shipped_once_per_worker(self, client: Any, tmp_path: Path) -> None:
        """The resolver is unpickled at most once in each worker, however many partitions."""
        from acrolib._version import build

        if build() == "compiled":
            pytest.skip("the compiled Resolver is a C class, which Python code cannot subclass")
        log = tmp_path / "unpickled.txt"
        log.touch()
        resolver = CountingResolver(log)
        bag = db.from_sequence(TEXTS, npartitions=12)
        got = annotate_bag(bag, resolver).compute(scheduler=client)
        assert len(got) == len(TEXTS)
        workers = set(client.run(os.getpid).values())
        loads = Counter(int(line) for line in log.read_text().split())
        on_workers = {pid: n for pid, n in loads.items() if pid in workers}
        assert on_workers, "the resolver never reached a worker"
        assert all(n == 1 for n in on_workers.values()), loads

    def test_bad_item(self) -> None:
        """A record without the field is an InputError naming it."""
        bag = db.from_sequence([{"title": "x"}], npartitions=1)
        with pytest.raises(InputError, match="no field 'text'"):
            annotate_bag(bag).compute(scheduler="sync")


class TestAnnotateRecords:
    def test_fields_pass_through(self) -> None:
        """Other fields are kept and the annotation is the CLI's JSONL form."""
        records = [{"id": i, "text": t} for i, t in enumerate(TEXTS[:6])]
        got = annotate_records(db.from_sequence(records, npartitions=2)).compute(
            scheduler="sync")
        assert [r["id"] for r in got] == list(range(6))
        assert [r["acrolib"] for r in got] == [
            default_resolver().annotate(t).to_dict(include_text=False) for t in TEXTS[:6]]


class TestAnnotateFiles:
    def _write_jsonl(self, folder: Path) -> list[dict[str, Any]]:
        folder.mkdir()
        records = [{"id": i, "text": t} for i, t in enumerate(TEXTS)]
        for part in range(3):
            chunk = records[part * 8:(part + 1) * 8]
            lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in chunk)
            (folder / f"part{part}.jsonl").write_text(lines + "\n", encoding="utf-8")
        return records

    def test_jsonl_on_cluster(self, client: Any, tmp_path: Path) -> None:
        """A glob of JSONL files becomes one output file per input, records in order."""
        records = self._write_jsonl(tmp_path / "in")
        resolver = Resolver()
        written = annotate_files(str(tmp_path / "in" / "*.jsonl"), tmp_path / "out",
                                 client=client, resolver=resolver)
        assert [p.name for p in written] == ["0.jsonl", "1.jsonl", "2.jsonl"]
        got = [json.loads(line) for p in written for line in p.read_text("utf-8").splitlines()]
        assert [r["id"] for r in got] == [r["id"] for r in records]
        assert [dict(r["acrolib"], text=r["text"]) for r in got] == _expected(TEXTS, resolver)

    def test_jsonl_lone_surrogate_escaped_not_lost(self, client: Any, tmp_path: Path) -> None:
        """A record holding an escaped lone surrogate, which UTF-8 cannot carry, is written
        with its non-ASCII characters escaped and reads back the same."""
        (tmp_path / "in").mkdir()
        texts = ["The DOJ in Montréal.", "The DOJ \ud800 in Montréal."]
        (tmp_path / "in" / "part0.jsonl").write_text(
            "".join(json.dumps({"text": t}, ensure_ascii=i == 1) + "\n"
                    for i, t in enumerate(texts)), encoding="utf-8")
        written = annotate_files(str(tmp_path / "in" / "*.jsonl"), tmp_path / "out",
                                 client=client)
        lines = [line for p in written for line in p.read_text("utf-8").splitlines()]
        assert [json.loads(line)["text"] for line in lines] == texts
        assert "Montréal" in lines[0] and lines[1].isascii()

    @pytest.mark.parametrize(("line", "problem"), [
        (b'{"text": "broken"', "not valid JSON (Expecting ',' delimiter at the end of the line)"),
        (b'{"text": "caf\xe9"}', "not UTF-8"),
        (b'{"id": 7}', "the record has no field 'text'"),
        (b'[1, 2]', "the record is not a JSON object"),
    ])
    @pytest.mark.parametrize("blocksize", [None, 4096])
    def test_jsonl_bad_line_names_file_and_line(self, client: Any, tmp_path: Path, line: bytes,
                                                problem: str, blocksize: int | None) -> None:
        """A line that gives no record stops the run with the file and its line number, also
        in a block of the file that starts far from its first line."""
        (tmp_path / "in").mkdir()
        good = b'{"text": "The DOJ met the ATF."}\n'
        (tmp_path / "in" / "a.jsonl").write_bytes(good * 3)
        source = tmp_path / "in" / "b.jsonl"
        source.write_bytes(good * 400 + b"\n" + line + b"\n" + good * 5)
        with pytest.raises(InputError) as caught:
            annotate_files(str(tmp_path / "in" / "*.jsonl"), tmp_path / "out", client=client,
                           blocksize=blocksize)
        assert (caught.value.path, caught.value.line, caught.value.problem) == (
            str(source), 402, problem)

    def test_parquet_on_cluster(self, client: Any, tmp_path: Path) -> None:
        """Parquet goes through dask.dataframe; the annotation is a JSON string column."""
        pd = pytest.importorskip("pandas", reason="pandas is not installed (extra 'dask')")
        pytest.importorskip("pyarrow", reason="pyarrow is not installed (extra 'dask')")
        source = tmp_path / "in.parquet"
        pd.DataFrame({"id": range(len(TEXTS)), "text": TEXTS}).to_parquet(source)
        written = annotate_files(source, tmp_path / "out", fmt="parquet", client=client)
        frame = pd.concat([pd.read_parquet(p) for p in written])
        assert list(frame["id"]) == list(range(len(TEXTS)))
        assert [dict(json.loads(a), text=t) for a, t in zip(frame["acrolib"], frame["text"],
                                                              strict=True)] == _expected(TEXTS)

    def test_unknown_format(self, tmp_path: Path) -> None:
        """Only jsonl and parquet are accepted."""
        with pytest.raises(InputError, match="unknown format 'csv'"):
            annotate_files(tmp_path / "x.csv", tmp_path / "out", fmt="csv")
