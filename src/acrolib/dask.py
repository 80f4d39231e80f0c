"""Annotating partitioned corpora with Dask, on one machine or a cluster.

The resolver enters the task graph once, as a single ``dask.delayed`` value that every
partition task depends on.  With ``dask.distributed`` each worker therefore receives it
once and keeps it for all its partitions; tasks carry only the partitions.  Without a
resolver, each worker builds :func:`acrolib.default_resolver` itself (the shipped glossary,
parsed once per worker process) and nothing is shipped at all.

Install with the ``dask`` extra: ``pip install 'acrolib[dask]'``.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, cast

import dask.bag as db
from dask.base import compute
from dask.delayed import Delayed, delayed

from ._annotated import Annotated
from ._api import default_resolver
from ._jsonl import parse_line, record_line
from ._resolve import Resolver
from .exceptions import InputError

__all__ = ["annotate_bag", "annotate_files", "annotate_records"]

FORMATS = ("jsonl", "parquet")


def annotate_bag(bag: db.Bag, resolver: Resolver | None = None,
                 field: str = "text") -> db.Bag:
    """A bag of :class:`~acrolib.Annotated`, one for each item of ``bag``, in order.

    Items are strings, or mappings whose ``field`` holds the text.  ``resolver`` defaults
    to the shipped glossary with default options.
    """
    mapped = bag.map_partitions(  # type: ignore[no-untyped-call]
        _annotate_partition, _shipped(resolver), field)
    return cast(db.Bag, mapped)


def annotate_records(bag: db.Bag, resolver: Resolver | None = None, field: str = "text",
                     output_field: str = "acrolib") -> db.Bag:
    """A bag of records: each input mapping with its annotation added under ``output_field``.

    The annotation is ``Annotated.to_dict(include_text=False)``, exactly what
    ``acrolib annotate --jsonl`` writes; every other field passes through untouched.
    """
    mapped = bag.map_partitions(  # type: ignore[no-untyped-call]
        _records_partition, _shipped(resolver), field, output_field)
    return cast(db.Bag, mapped)


def annotate_files(
    paths: str | Path | Iterable[str | Path],
    output_dir: str | Path,
    *,
    field: str = "text",
    fmt: str = "jsonl",
    client: Any = None,
    resolver: Resolver | None = None,
    output_field: str = "acrolib",
    blocksize: int | None = None,
) -> list[Path]:
    """Annotate JSONL or Parquet files into ``output_dir``; return the files written.

    ``paths`` is a glob (``"corpus/*.jsonl"``), a path or a list of them.  With
    ``fmt="jsonl"`` each input file is a partition (or ``blocksize`` bytes of it) and
    each partition becomes ``output_dir/<n>.jsonl``, records in input order; blank lines
    are skipped.  With ``fmt="parquet"`` the files are read with ``dask.dataframe`` and
    written back with a string column ``output_field`` holding the annotation as JSON.

    ``client`` is a ``dask.distributed.Client`` to run on; without one the current default
    scheduler is used.  Raises :class:`~acrolib.InputError` for an unknown format, and for a
    JSONL line that is not UTF-8, not JSON, or a record without a string ``field``, naming
    the file and the line.
    """
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    sources = [str(paths)] if isinstance(paths, str | Path) else [str(p) for p in paths]
    out = Path(output_dir)
    out.mkdir(parents=True, exist_ok=True)
    scheduler = {"scheduler": client} if client is not None else {}
    if fmt == "jsonl":
        # Undecodable bytes become lone surrogates, so that the line can be reported.
        lines = db.read_text(  # type: ignore[no-untyped-call]
            sources, blocksize=blocksize, encoding="utf-8", errors="surrogateescape",
            include_path=True)
        records = lines.filter(_not_blank).map(_record, field)
        annotated = annotate_records(records, resolver, field, output_field)
        text = annotated.map(record_line)  # type: ignore[no-untyped-call]
        written = text.to_textfiles(str(out / "*.jsonl"), encoding="utf-8", compute=False)
        try:
            compute(*written, **scheduler)  # type: ignore[no-untyped-call]
        except _BadLine as bad:
            path, line, problem = bad.args
            raise InputError(problem, path=path, line=_line_number(path, line)) from None
        return sorted(out.glob("*.jsonl"), key=lambda p: int(p.stem))
    import dask.dataframe as dd

    frame = dd.read_parquet(sources)
    meta = frame._meta.assign(**{output_field: frame._meta[field]})
    result = frame.map_partitions(_frame_partition, _shipped(resolver), field, output_field,
                                  meta=meta)
    result.to_parquet(str(out), write_index=False, compute_kwargs=scheduler)
    return sorted(out.glob("*.parquet"))


class _BadLine(Exception):
    """A JSONL line that gives no record, met on a worker: its file, its text and the
    problem.  A block of a file does not know its line numbers; the caller finds the line."""


def _line_number(path: str, line: str) -> int | None:
    """The number of the first line of ``path`` that reads ``line``."""
    import fsspec  # a dependency of dask

    wanted = line.encode("utf-8", "surrogateescape").rstrip(b"\r\n")
    with fsspec.open(path, "rb") as handle:
        for number, got in enumerate(handle, 1):
            if got.rstrip(b"\r\n") == wanted:
                return number
    return None  # pragma: no cover - the file changed while it was read


def _not_blank(item: tuple[str, str]) -> bool:
    return bool(item[0].strip())


def _record(item: tuple[str, str], field: str) -> dict[str, Any]:
    line, path = item
    if not line.isascii():
        try:
            line.encode("utf-8")  # what was read with surrogateescape holds no surrogates
        except UnicodeEncodeError:
            raise _BadLine(path, line, "not UTF-8") from None
    parsed = parse_line(line, field)
    if isinstance(parsed, str):
        raise _BadLine(path, line, parsed)
    return parsed[0]


# -- per-partition work (runs on the workers) -------------------------------------------------


def _shipped(resolver: Resolver | None) -> Delayed | None:
    if resolver is None:
        return None
    # One graph key for the resolver: computed once, then held by each worker that needs it.
    # A fresh name avoids hashing the whole glossary to tokenize it.
    name = f"acrolib-resolver-{uuid.uuid4().hex}"
    return cast(Delayed, delayed(resolver, name=name, traverse=False))


def _text_of(item: object, field: str) -> str:
    if isinstance(item, str):
        return item
    if isinstance(item, Mapping):
        text = item.get(field)
        if isinstance(text, str):
            return text
        if field not in item:
            raise InputError(f"the record has no field {field!r}")
        raise InputError(f"the field {field!r} is {type(text).__name__}, not a string")
    raise InputError(f"cannot annotate a {type(item).__name__}: expected str or a mapping")


def _annotate_partition(items: Iterable[object], resolver: Resolver | None,
                        field: str) -> list[Annotated]:
    # Lists, not generators: partitions may travel between workers, and must pickle.
    active = resolver if resolver is not None else default_resolver()
    return [active.annotate(_text_of(item, field)) for item in items]


def _records_partition(items: Iterable[Mapping[str, Any]], resolver: Resolver | None,
                       field: str, output_field: str) -> list[dict[str, Any]]:
    active = resolver if resolver is not None else default_resolver()
    records = []
    for item in items:
        record = dict(item)
        record[output_field] = active.annotate(_text_of(item, field)).to_dict(include_text=False)
        records.append(record)
    return records


def _frame_partition(frame: Any, resolver: Resolver | None, field: str,
                     output_field: str) -> Any:
    active = resolver if resolver is not None else default_resolver()

    def one(text: object) -> str:
        annotated = active.annotate(_text_of(text, field))
        return json.dumps(annotated.to_dict(include_text=False), ensure_ascii=False)

    return frame.assign(**{output_field: [one(t) for t in frame[field]]})
