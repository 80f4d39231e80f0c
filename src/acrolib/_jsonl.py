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
class _Job:
    """A parsed record waiting for annotation, or a problem to report."""

    where: str
    record: dict[str, Any] | None
    text: str | None
    problem: str | None


def _parse(where: str, line: str, field: str) -> _Job:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return _Job(where, None, None, f"not valid JSON ({exc.msg} at column {exc.colno})")
    if not isinstance(record, dict):
        return _Job(where, None, None, "the record is not a JSON object")
    if field not in record:
        return _Job(where, None, None, f"the record has no field {field!r}")
    text = record[field]
    if not isinstance(text, str):
        return _Job(where, None, None,
                    f"the field {field!r} is {type(text).__name__}, not a string")
    return _Job(where, record, text, None)


def _jobs(names: Iterable[str], field: str, encoding_errors: str,
          counts: Counts) -> Iterator[_Job]:
    from .cli import _read_lines

    for name in names:
        label = "<stdin>" if name == "-" else name
        for number, line in enumerate(_read_lines(name, encoding_errors), 1):
            if not line.strip():
                continue
            counts.read += 1
            yield _parse(f"{label}:{number}", line, field)


class _Annotator:
    """A picklable function for worker processes: a job in, an output line (or None) out."""

    def __init__(self, resolver: Resolver, output_field: str) -> None:
        self.resolver = resolver
        self.output_field = output_field

    def __call__(self, job: _Job) -> tuple[_Job, str | None]:
        if job.problem is not None or job.record is None or job.text is None:
            return job, None
        annotated = self.resolver.annotate(job.text)
        record = dict(job.record)
        record[self.output_field] = annotated.to_dict(include_text=False)
        return job, json.dumps(record, ensure_ascii=False) + "\n"


def annotate_jsonl(resolver: Resolver, names: Iterable[str], out: TextIO, *, field: str,
                   output_field: str, on_error: str, jobs: int = 1,
                   encoding_errors: str = "strict") -> Counts:
    """Annotate the ``field`` of every record of the JSONL files ``names`` into ``out``."""
    from ._progress import Progress

    counts = Counts()
    annotator = _Annotator(resolver, output_field)
    results = map_ordered(annotator, _jobs(names, field, encoding_errors, counts), jobs=jobs)
    progress = Progress("records")
    for job, line in results:
        progress.update(1, len(line) if line else 0)
        if line is None:
            if on_error == "fail":
                raise InputError(f"{job.where}: {job.problem}")
            counts.skipped.append(job.where)
            print(f"acrolib: skipped {job.where}: {job.problem}", file=sys.stderr)
            continue
        out.write(line)
        counts.written += 1
    progress.close()
    return counts
