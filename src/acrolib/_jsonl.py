"""Annotating JSONL records: one output line per input line, in order, nothing lost.

Every other field of a record passes through untouched; the result goes under one field.
A malformed line stops the run with its file and line number (``on_error="fail"``) or is
skipped, reported on stderr and counted (``on_error="skip"``).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from typing import Any, TextIO, cast

import attrs

from ._annotated import one_line
from ._parallel import job_count, map_ordered, task_bytes
from ._resolve import Resolver
from .exceptions import InputError, not_utf8


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


#: Bytes read at a time; a block always ends at the end of a line, however long the line.
BLOCK = 1 << 18


@attrs.frozen
class _Block:
    """Whole lines of one input, undecoded, with the number and byte offset of the first."""

    label: str
    first_line: int
    offset: int
    data: bytes


@attrs.frozen
class _Problem:
    """A line that could not be annotated: where it is and what is wrong with it."""

    label: str
    line: int
    problem: str

    def where(self) -> str:
        return f"{self.label}:{self.line}"

    def error(self) -> InputError:
        return InputError(self.problem, path=self.label, line=self.line)


@attrs.frozen
class _Done:
    """What a block gave, in order: runs of output lines as ``(text, records)`` and the
    lines that could not be annotated; ``read`` counts its non-blank lines.  ``fatal`` is a
    line that cannot be read at all (bad bytes): it ends the run."""

    read: int
    items: tuple[tuple[str, int] | _Problem, ...]
    fatal: _Problem | None = None


def parse_line(line: str, field: str) -> tuple[dict[str, Any], str] | str:
    """The record and its text, or what is wrong with the line."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        if exc.pos >= len(line.rstrip()):
            return f"not valid JSON ({exc.msg} at the end of the line)"
        return f"not valid JSON ({exc.msg} at column {exc.colno})"
    except RecursionError:
        return "not readable JSON (nested too deeply)"
    except ValueError as exc:  # a number of more digits than Python converts
        return f"not readable JSON ({exc})"
    if not isinstance(record, dict):
        return "the record is not a JSON object"
    if field not in record:
        return f"the record has no field {field!r}"
    text = record[field]
    if not isinstance(text, str):
        return f"the field {field!r} is {type(text).__name__}, not a string"
    return record, text


def record_line(record: dict[str, Any]) -> str:
    """``record`` as one line of JSON, its characters written as themselves.

    JSON can escape a lone surrogate (``"\\ud800"``) that UTF-8 cannot carry: a record holding
    one is written with every character outside ASCII escaped, so that it still reads back
    the same.
    """
    return _carried(one_line(json.dumps(record, ensure_ascii=False)), "utf-8")


def _escaped(lines: str, encoding: str) -> str:
    """Lines of JSON (each ending with a newline), each as :func:`_carried` gives it."""
    return "".join(_carried(line, encoding) + "\n" for line in lines.split("\n")[:-1])


def _carried(line: str, encoding: str) -> str:
    """A line of JSON as it is, or, when ``encoding`` cannot carry it, written again with its
    non-ASCII characters escaped: it reads back the same."""
    try:
        line.encode(encoding)
    except UnicodeEncodeError:
        return json.dumps(json.loads(line))
    return line


def _blocks(names: Iterable[str], jobs: int = 1) -> Iterator[_Block]:
    """Each input in blocks of whole lines, about :data:`BLOCK` bytes each when the input has
    that much ready.  ``read1`` returns what a pipe holds so far, so a record arriving on
    standard input is annotated without waiting for a whole block.  For ``jobs`` processes, the
    last blocks of a file larger than a block shrink (:func:`~acrolib._parallel.task_bytes`)
    so that the processes finish together."""
    for name in names:
        label = "<stdin>" if name == "-" else name
        line, offset = 1, 0
        with contextlib.ExitStack() as stack:
            handle = _open(name, stack)
            # A file that fits in one block stays one block: no worker is started for it.
            size = _file_bytes(handle) if jobs > 1 else None
            if size is not None and size <= BLOCK:
                size = None
            want = BLOCK if size is None else task_bytes(size, BLOCK, jobs)
            while data := handle.read1(want):
                if not data.endswith(b"\n"):
                    data += handle.readline()  # the rest of the last line, however long
                yield _Block(label, line, offset, data)
                line += data.count(b"\n")
                offset += len(data)
                if size is not None:
                    want = task_bytes(size - offset, BLOCK, jobs)


def _file_bytes(handle: io.BufferedIOBase) -> int | None:
    """The size of a regular file behind ``handle``; None for a pipe or a terminal."""
    try:
        status = os.fstat(handle.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        return None
    return status.st_size if stat.S_ISREG(status.st_mode) else None


def _open(name: str, stack: contextlib.ExitStack) -> io.BufferedIOBase:
    """A binary reader with a buffer of :data:`BLOCK` bytes (with the default 8 KB buffer,
    every block after a ``readline`` would be only what was left of 8 KB)."""
    if name != "-":
        return stack.enter_context(io.BufferedReader(io.FileIO(name, "rb"), BLOCK))
    try:
        descriptor = sys.stdin.fileno()
    except (AttributeError, OSError, ValueError):  # standard input replaced by an object
        return cast(io.BufferedIOBase, sys.stdin.buffer)
    return stack.enter_context(
        io.BufferedReader(io.FileIO(descriptor, "rb", closefd=False), BLOCK))


def _block_size(block: _Block) -> int:
    return len(block.data)


class _Annotator:
    """A picklable function for worker processes: a block of input lines in, its output
    lines out.

    Decoding, parsing, annotating and serialising all happen here, a block at a time, so
    with ``jobs > 1`` the parent process, besides the blocks it annotates itself, only moves
    blocks of bytes and writes the text that comes back: that part of its work does not grow
    with the number of records.
    """

    def __init__(self, resolver: Resolver, field: str, output_field: str,
                 encoding_errors: str) -> None:
        self.resolver = resolver
        self.field = field
        self.output_field = output_field
        self.encoding_errors = encoding_errors

    def __call__(self, block: _Block) -> _Done:
        items: list[tuple[str, int] | _Problem] = []
        run: list[str] = []  # output lines not yet in ``items``

        def close_run() -> None:
            if run:
                items.append((one_line("".join(run)), len(run)))
                run.clear()

        read = 0
        offset = block.offset
        pieces = block.data.split(b"\n")
        last = len(pieces) - 1
        for index, piece in enumerate(pieces):
            if index == last and not piece:
                break  # the block ended with a newline
            raw = piece + b"\n" if index < last else piece
            number = block.first_line + index
            try:
                line = raw.decode("utf-8", self.encoding_errors)
            except UnicodeDecodeError as exc:
                close_run()
                return _Done(read, tuple(items),
                             _Problem(block.label, number, not_utf8(offset + exc.start)))
            offset += len(raw)
            if not line.strip():
                continue
            read += 1
            parsed = parse_line(line, self.field)
            if isinstance(parsed, str):
                close_run()
                items.append(_Problem(block.label, number, parsed))
                continue
            record, text = parsed
            record[self.output_field] = self.resolver.annotate(text).to_dict(include_text=False)
            run.append(json.dumps(record, ensure_ascii=False) + "\n")
        close_run()
        return _Done(read, tuple(items))


def annotate_jsonl(resolver: Resolver, names: Iterable[str], out: TextIO, *, field: str,
                   output_field: str, on_error: str, jobs: int = 1,
                   encoding_errors: str = "strict") -> Counts:
    """Annotate the ``field`` of every record of the JSONL files ``names`` into ``out``."""
    from ._progress import Progress

    counts = Counts()
    annotator = _Annotator(resolver, field, output_field, encoding_errors)
    jobs = job_count(jobs)  # _blocks sizes its blocks by the number of processes
    results = map_ordered(annotator, _blocks(names, jobs), jobs=jobs, chunksize=1,
                          size=_block_size)
    progress = Progress("records")
    for done in results:
        counts.read += done.read
        for item in done.items:
            if isinstance(item, _Problem):
                if on_error == "fail":
                    raise item.error()
                counts.skipped.append(item.where())
                print(f"acrolib: skipped {item.where()}: {item.problem}", file=sys.stderr)
                continue
            text, records = item  # a run of output lines
            try:
                out.write(text)
            except UnicodeEncodeError:  # a lone surrogate, which JSON can escape
                out.write(_escaped(text, getattr(out, "encoding", None) or "utf-8"))
            counts.written += records
            progress.update(records, len(text))
        if done.fatal is not None:
            raise done.fatal.error()
    progress.close()
    return counts
