"""Annotating JSONL records: one output line per input line, in order, nothing lost.

Every other field of a record passes through untouched; the result goes under one field.
A malformed line stops the run with its file and line number (``on_error="fail"``) or is
skipped, reported on stderr and counted (``on_error="skip"``).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

import attrs

from ._parallel import map_ordered
from ._resolve import Resolver
from .exceptions import InputError


@attrs.define
class Counts:
    """Lines read, records written and lines skipped (with their locations)."""

    read: int = 0
    written: int = 0
    skipped: list[str] = attrs.Factory(list)

    def summary(self) -> str:
        text = f"acrolib: {self.read} lines in, {self.written} out, {len(self.skipped)} skipped"
        if self.skipped:
            shown = ", ".join(self.skipped[:20])
            more = f" and {len(self.skipped) - 20} more" if len(self.skipped) > 20 else ""
            text += f" ({shown}{more})"
        return text


@attrs.frozen
class _Line:
    """One non-blank input line and where it came from."""

    where: str
    line: str


@attrs.frozen
class _Result:
    """An output line, or the problem that kept a record from being annotated."""

    where: str
    line: str | None
    problem: str | None


def _parse(line: str, field: str) -> tuple[dict[str, Any], str] | str:
    """The record and its text, or what is wrong with the line."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return f"not valid JSON ({exc.msg} at column {exc.colno})"
    if not isinstance(record, dict):
        return "the record is not a JSON object"
    if field not in record:
        return f"the record has no field {field!r}"
    text = record[field]
    if not isinstance(text, str):
        return f"the field {field!r} is {type(text).__name__}, not a string"
    return record, text


def _lines(names: Iterable[str], encoding_errors: str, counts: Counts) -> Iterator[_Line]:
    from .cli import _read_lines

    for name in names:
        label = "<stdin>" if name == "-" else name
        for number, line in enumerate(_read_lines(name, encoding_errors), 1):
            if not line.strip():
                continue
            counts.read += 1
            yield _Line(f"{label}:{number}", line)


def _line_size(item: _Line) -> int:
    return len(item.line)


class _Annotator:
    """A picklable function for worker processes: an input line in, an output line out.

    Parsing and serialising happen here too, so with ``jobs > 1`` the parent process only
    reads and writes lines and never becomes the bottleneck.
    """

    def __init__(self, resolver: Resolver, field: str, output_field: str) -> None:
        self.resolver = resolver
        self.field = field
        self.output_field = output_field

    def __call__(self, item: _Line) -> _Result:
        parsed = _parse(item.line, self.field)
        if isinstance(parsed, str):
            return _Result(item.where, None, parsed)
        record, text = parsed
        record[self.output_field] = self.resolver.annotate(text).to_dict(include_text=False)
        return _Result(item.where, json.dumps(record, ensure_ascii=False) + "\n", None)


def annotate_jsonl(resolver: Resolver, names: Iterable[str], out: TextIO, *, field: str,
                   output_field: str, on_error: str, jobs: int = 1,
                   encoding_errors: str = "strict") -> Counts:
    """Annotate the ``field`` of every record of the JSONL files ``names`` into ``out``."""
    from ._progress import Progress

    counts = Counts()
    annotator = _Annotator(resolver, field, output_field)
    results = map_ordered(annotator, _lines(names, encoding_errors, counts), jobs=jobs,
                          chunksize=64, size=_line_size)
    progress = Progress("records")
    for result in results:
        progress.update(1, len(result.line) if result.line else 0)
        if result.line is None:
            if on_error == "fail":
                raise InputError(f"{result.where}: {result.problem}")
            counts.skipped.append(result.where)
            print(f"acrolib: skipped {result.where}: {result.problem}", file=sys.stderr)
            continue
        out.write(result.line)
        counts.written += 1
    progress.close()
    return counts
