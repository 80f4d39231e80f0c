"""Value types shared by every part of acrolib.

All values are frozen ``attrs`` classes: hashable, comparable, safe to share between threads
and cheap to pickle.  Offsets are Python ``str`` indices into the original text, so
``text[start:end]`` is always the surface form.
"""

from __future__ import annotations

import enum
import functools
import importlib
import operator
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import attrs

_C = TypeVar("_C", bound=type)


def field_values(cls: type) -> Callable[[Any], tuple[Any, ...]]:
    """A function giving an instance's field values in order: ``cls(*values)`` rebuilds it."""
    names = [field.name for field in attrs.fields(cls)]
    # attrgetter of several names returns a tuple (in C); of one name, the bare value.
    if len(names) > 1:
        return operator.attrgetter(*names)
    return lambda value: (getattr(value, names[0]),)


def pickled_by_fields(cls: _C) -> _C:
    """Make an attrs class pickle as ``cls(*fields)``.

    attrs' own ``__getstate__``/``__setstate__`` run in Python field by field; a positional
    constructor call is about half the size and two to three times faster each way, which
    matters when worker processes send thousands of mentions back to the parent.
    """
    return _pickled(cls, None)


def pickled_by_maker(name: str) -> Callable[[_C], _C]:
    """Make an attrs class pickle as ``acrolib._values.<name>(*fields)``.

    The maker gives the value ``cls(*fields)`` gives; in the compiled build it makes it in C,
    about three times faster than the class's ``__init__``, which ran once for every value a
    process read back from a worker.
    """
    return lambda cls: _pickled(cls, name)


def _pickled(cls: _C, maker: str | None) -> _C:
    state = field_values(cls)

    def __reduce__(self: Any) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        if maker is None or type(self) is not cls:
            return type(self), state(self)  # a subclass is rebuilt as itself
        return getattr(_values(), maker), state(self)

    setattr(cls, "__reduce__", __reduce__)  # noqa: B010 - assigning a method to a class
    return cls


@functools.cache
def _values() -> Any:
    # Imported when first needed: acrolib._values imports this module.
    return importlib.import_module("acrolib._values")


def _tuple_of_str(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    return tuple(value)  # type: ignore[arg-type]


def _tuple_of_senses(value: Iterable[Sense]) -> tuple[Sense, ...]:
    return tuple(value)


@pickled_by_fields
@attrs.frozen
class Sense:
    """One meaning of a short form.

    ``irregular`` marks a long form whose letters do not follow the short form in order
    (ATF keeps "Explosives" out of its letters); such senses are exempt from the letter check.
    ``prior`` weighs the sense when the context does not decide between several.
    """

    long: str
    plural: str | None = None
    domains: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str)
    context: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str)
    source: str = ""
    note: str = ""
    irregular: bool = False
    prior: float = 1.0


@pickled_by_fields
@attrs.frozen
class Entry:
    """A short form with its senses.

    ``key`` is the canonical short form (no dots: ``US``); ``variants`` are other spellings
    that lead to the same entry (``U.S.``).  ``well_known`` marks forms that a reader is
    expected to know without a definition (lint does not ask for one).  ``needs_context``
    marks a short form that is also an ordinary word or a name many others share (HOPE): a
    mention takes one of its senses only when the context supports it (see
    :class:`~acrolib.Options`), never from the glossary alone.
    """

    key: str
    senses: tuple[Sense, ...] = attrs.field(converter=_tuple_of_senses)
    variants: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str)
    well_known: bool = False
    #: The pack or file the entry was read from; informational, not part of equality.
    pack: str = attrs.field(default="", eq=False)
    needs_context: bool = False


@pickled_by_maker("definition")
@attrs.frozen
class Definition:
    """A short form defined in the text, with the long form it is given.

    ``pattern`` names the way it was written: ``long-short`` ("Long Form (LF)"),
    ``short-long`` ("LF (Long Form)"), ``or`` ("Long Form, or LF,"), ``stands-for``,
    ``hereinafter``, ``aka`` ...; ``expansion`` marks a long form that expansion wrote earlier
    in a stream.  ``score`` is the alignment score in [0, 1].  ``key`` is the short form's
    canonical key; in :meth:`Resolver.annotate` results it is the glossary entry's key when the
    glossary reads the short form differently and the long form is that entry's sense
    ("unmanned aircraft system (UAs)" defines UAS, not the plural of UA).
    """

    short: str
    long: str
    short_span: tuple[int, int]
    long_span: tuple[int, int]
    key: str = ""
    pattern: str = "long-short"
    score: float = 1.0


class Source(str, enum.Enum):
    """Where a mention's expansion comes from."""

    DEFINED = "defined"
    GLOSSARY = "glossary"
    AMBIGUOUS = "ambiguous"
    UNKNOWN = "unknown"

    def __reduce_ex__(self, protocol: object) -> tuple[Any, ...]:
        # By name: unpickling is an attribute lookup rather than Enum.__call__, which is
        # slow enough to dominate shipping results back from worker processes.
        return getattr, (type(self), self.name)


@pickled_by_maker("candidate")
@attrs.frozen
class Candidate:
    """A glossary sense considered for a mention, with its score and the reasons for it."""

    expansion: str
    score: float
    sense: Sense
    reasons: tuple[str, ...] = ()


@pickled_by_maker("mention")
@attrs.frozen
class Mention:
    """One use of an acronym in the text.

    ``text`` is the surface (``text[start:end]``): it includes a plural ``s`` but not a
    possessive, which is kept in ``possessive`` (``'s``, ``’s``, ``'`` or ``’``).
    """

    start: int
    end: int
    text: str
    key: str
    expansion: str | None = None
    source: Source = Source.UNKNOWN
    sense: Sense | None = None
    candidates: tuple[Candidate, ...] = ()
    plural: bool = False
    possessive: str = ""
    before_definition: bool = False
    definition: Definition | None = None
    #: The glossary marks the short form as known to every reader (NATO, UN, US).
    well_known: bool = False
