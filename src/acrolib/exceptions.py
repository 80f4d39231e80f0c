"""Every error acrolib raises on purpose derives from :class:`AcrolibError`.

Each subclass also derives from the built-in exception that fits, so callers who already
catch ``ValueError`` or ``OSError`` keep working.
"""

from __future__ import annotations


class AcrolibError(Exception):
    """Base class of acrolib's own errors."""


class GlossaryError(AcrolibError, ValueError):
    """A glossary file or value is malformed.

    The message names the file, the line where the format gives one, the key and the field:
    ``glossary.toml:12: entries.CBSI.senses[0].long: must not be empty``.
    """

    def __init__(
        self,
        problem: str,
        *,
        path: str | None = None,
        line: int | None = None,
        key: str | None = None,
        field: str | None = None,
    ) -> None:
        self.problem = problem
        self.path = path
        self.line = line
        self.key = key
        self.field = field
        super().__init__(self._format())

    def __reduce__(self) -> tuple[object, ...]:
        # Keyword-only fields: rebuild from them, so errors raised in worker processes
        # arrive with the same message.
        return (_rebuild, (type(self), self.problem, {
            "path": self.path, "line": self.line, "key": self.key, "field": self.field}))

    def _format(self) -> str:
        where = self.path or "<glossary>"
        if self.line is not None:
            where += f":{self.line}"
        what = ""
        if self.key is not None:
            what = f"entry {self.key!r}"
            if self.field is not None:
                what += f", field {self.field!r}"
            what += ": "
        elif self.field is not None:
            what = f"field {self.field!r}: "
        return f"{where}: {what}{self.problem}"


class WorkerError(AcrolibError, RuntimeError):
    """A worker process of a ``jobs > 1`` run ended without returning its results (it was
    killed, or ran out of memory).  Results already handed back stay valid."""


class InputError(AcrolibError, ValueError):
    """Input text or records cannot be processed (bad bytes, a broken JSONL line ...).

    ``path`` and ``line`` (1-based) or ``offset`` (a byte offset) say where.
    """

    def __init__(
        self,
        problem: str,
        *,
        path: str | None = None,
        line: int | None = None,
        offset: int | None = None,
    ) -> None:
        self.problem = problem
        self.path = path
        self.line = line
        self.offset = offset
        where = path or "<input>"
        if line is not None:
            where += f":{line}"
        if offset is not None:
            where += f": byte {offset}"
        super().__init__(f"{where}: {problem}")

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild, (type(self), self.problem, {
            "path": self.path, "line": self.line, "offset": self.offset}))


def _rebuild(cls: type[AcrolibError], problem: str, fields: dict[str, object]) -> AcrolibError:
    return cls(problem, **fields)


def not_utf8(byte: int) -> str:
    """The problem of input whose bytes are not UTF-8 from ``byte`` (an offset into the
    file) on, as the command line reports it."""
    return (f"not valid UTF-8 near byte {byte} "
            "(use --encoding-errors replace to substitute U+FFFD)")
