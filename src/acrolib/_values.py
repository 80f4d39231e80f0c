"""Mentions, definitions, candidates and annotations made on the per-mention path.

An attrs class's ``__init__`` is Python source that attrs writes when the class is made, so it
runs in the interpreter even when its caller is compiled, and a frozen class's sets each field
through a bound ``object.__setattr__``.  Compiled by mypyc, the functions here make the value
with ``object.__new__`` and set each field by a direct call in C: a ``Mention`` in about a third
of the time (0.26 µs against 0.72).  Interpreted, the class's own ``__init__`` is the faster of
the two (0.71 µs against 1.03), so that is what these functions call when this module is not
compiled.  Either way the value is the one the class would make: only classes whose fields
have no converter and no validator are made here, and every field is given.
"""

from __future__ import annotations

import types
from typing import Final

from ._annotated import Annotated
from ._model import Candidate, Definition, Mention, Sense, Source


def mention(start: int, end: int, text: str, key: str, expansion: str | None = None,
            source: Source = Source.UNKNOWN, sense: Sense | None = None,
            candidates: tuple[Candidate, ...] = (), plural: bool = False,
            possessive: str = "", before_definition: bool = False,
            definition: Definition | None = None, well_known: bool = False) -> Mention:
    """``Mention(...)`` with these arguments, in the order of the class's fields.

    Compiled, this function's keywords are resolved when its callers are compiled; the class
    called with keywords from compiled code would be handed them as a dict.
    """
    if not COMPILED:
        return Mention(start, end, text, key, expansion, source, sense, candidates, plural,
                       possessive, before_definition, definition, well_known)
    made = object.__new__(Mention)
    object.__setattr__(made, "start", start)
    object.__setattr__(made, "end", end)
    object.__setattr__(made, "text", text)
    object.__setattr__(made, "key", key)
    object.__setattr__(made, "expansion", expansion)
    object.__setattr__(made, "source", source)
    object.__setattr__(made, "sense", sense)
    object.__setattr__(made, "candidates", candidates)
    object.__setattr__(made, "plural", plural)
    object.__setattr__(made, "possessive", possessive)
    object.__setattr__(made, "before_definition", before_definition)
    object.__setattr__(made, "definition", definition)
    object.__setattr__(made, "well_known", well_known)
    return made


def resolved(old: Mention, expansion: str | None, source: Source, sense: Sense | None,
             candidates: tuple[Candidate, ...]) -> Mention:
    """``attrs.evolve(old, expansion=..., source=..., sense=..., candidates=...)``."""
    return mention(old.start, old.end, old.text, old.key, expansion=expansion, source=source,
                   sense=sense, candidates=candidates, plural=old.plural,
                   possessive=old.possessive, before_definition=old.before_definition,
                   definition=old.definition, well_known=old.well_known)


def definition(short: str, long: str, short_span: tuple[int, int], long_span: tuple[int, int],
               key: str, pattern: str, score: float) -> Definition:
    """``Definition(short, long, short_span, long_span, key, pattern, score)``."""
    if not COMPILED:
        return Definition(short, long, short_span, long_span, key, pattern, score)
    made = object.__new__(Definition)
    object.__setattr__(made, "short", short)
    object.__setattr__(made, "long", long)
    object.__setattr__(made, "short_span", short_span)
    object.__setattr__(made, "long_span", long_span)
    object.__setattr__(made, "key", key)
    object.__setattr__(made, "pattern", pattern)
    object.__setattr__(made, "score", score)
    return made


def candidate(expansion: str, score: float, sense: Sense, reasons: tuple[str, ...]) -> Candidate:
    """``Candidate(expansion, score, sense, reasons)``."""
    if not COMPILED:
        return Candidate(expansion, score, sense, reasons)
    made = object.__new__(Candidate)
    object.__setattr__(made, "expansion", expansion)
    object.__setattr__(made, "score", score)
    object.__setattr__(made, "sense", sense)
    object.__setattr__(made, "reasons", reasons)
    return made


def annotated(text: str, mentions: tuple[Mention, ...],
              definitions: tuple[Definition, ...]) -> Annotated:
    """``Annotated(text, mentions, definitions)``."""
    if not COMPILED:
        return Annotated(text, mentions, definitions)
    made = object.__new__(Annotated)
    object.__setattr__(made, "text", text)
    object.__setattr__(made, "mentions", mentions)
    object.__setattr__(made, "definitions", definitions)
    return made


#: mypyc makes this module's functions built-in functions rather than Python ones.
COMPILED: Final = not isinstance(mention, types.FunctionType)
