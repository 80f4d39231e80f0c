"""Writing expansions into the text.

In ``first`` and ``all`` modes expansion only inserts: the long form and an opening
parenthesis before the mention, a closing parenthesis after it (and after its possessive).
Everything of the original stays, in order, so removing the insertions gives it back.

Possessives move to the long form and stay on the short form:
``HSI’s`` -> ``Homeland Security Investigations’ (HSI’s)``, using the same apostrophe.
Plurals take the sense's plural long form, else a regular English plural of the last word:
``MOUs`` -> ``memorandums of understanding (MOUs)``.

Expansion recognises its own output: a mention already written as ``long form (SF)`` is
left alone, and so are the mentions inside that long form, which makes it idempotent.
"""

from __future__ import annotations

from bisect import bisect_right

import attrs
import regex

from ._annotated import Annotated
from ._model import Definition, Mention, Source

MODES = ("first", "all", "replace", "none")
_ES_ENDING = regex.compile(r"(?:s|x|z|ch|sh)$", regex.IGNORECASE)
_Y_ENDING = regex.compile(r"[^aeiou]y$", regex.IGNORECASE)


def pluralise(long: str) -> str:
    """A regular English plural of a long form's last word (``organization`` -> ``...s``)."""
    if _Y_ENDING.search(long):
        return long[:-1] + "ies"
    if _ES_ENDING.search(long):
        return long + "es"
    return long + "s"


def long_form_for(mention: Mention) -> str | None:
    """The long form written for ``mention``, with its plural and possessive."""
    long = mention.expansion
    if long is None:
        return None
    if mention.plural and not _looks_plural(mention, long):
        plural = mention.sense.plural if mention.sense is not None else None
        long = plural or pluralise(long)
    if mention.possessive:
        apostrophe = mention.possessive[0]
        long += apostrophe if long.endswith("s") else apostrophe + "s"
    return long


def _looks_plural(mention: Mention, long: str) -> bool:
    # An in-text definition may already be plural: "memorandums of understanding (MOUs)".
    return mention.source is Source.DEFINED and mention.definition is not None and (
        mention.definition.short.rstrip("'’").endswith("s")
    )


def _already_expanded(text: str, mention: Mention, long: str) -> int | None:
    """Start of ``long (`` written just before ``mention``, or None."""
    prefix = long + " ("
    start = mention.start - len(prefix)
    after = mention.end + len(mention.possessive)
    if start >= 0 and text.startswith(prefix, start) and text.startswith(")", after):
        return start
    return None


@attrs.define
class ExpansionState:
    """What carries from one paragraph of a stream to the next.

    ``definitions``: the latest definition of each key so far.  ``seen``: keys whose first
    use has been expanded (or defined) already.
    """

    definitions: dict[str, Definition] = attrs.Factory(dict)
    seen: set[str] = attrs.Factory(set)


def expand_annotated(annotated: Annotated, mode: str = "first",
                     state: ExpansionState | None = None) -> str:
    """Expand the mentions of ``annotated`` according to ``mode``.

    A mention is left alone when its key was defined before it (in this text or, through
    ``state``, earlier in the stream); a mention used before its definition in the same text
    is left alone too, since the reader meets the definition soon after.
    """
    state = state if state is not None else ExpansionState()
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}; use one of {', '.join(MODES)}")
    text = annotated.text
    if mode == "none":
        _remember(annotated, state)
        return text
    protected = [d.long_span for d in annotated.definitions]
    protected += [d.short_span for d in annotated.definitions]
    plans: list[tuple[Mention, str]] = []
    for mention in annotated.mentions:
        long = long_form_for(mention)
        if long is None:
            continue
        done = _already_expanded(text, mention, long)
        if done is not None:
            protected.append((done, mention.end + len(mention.possessive) + 1))
            protected.append((mention.start, mention.end))
        plans.append((mention, long))
    own_expansions = {(s, e) for s, e in protected}
    intervals = _merge(protected)
    starts = [s for s, _ in intervals]
    seen = state.seen
    pieces: list[str] = []
    position = 0
    for mention, long in plans:
        i = bisect_right(starts, mention.start) - 1
        inside = i >= 0 and mention.end <= intervals[i][1]
        if mode == "first":
            if mention.source is Source.DEFINED or mention.key in seen:
                continue
            if inside:
                if (mention.start, mention.end) in own_expansions:
                    seen.add(mention.key)
                continue
            seen.add(mention.key)
        elif inside:
            continue
        after = mention.end + len(mention.possessive)
        pieces.append(text[position:mention.start])
        if mode == "replace":
            pieces.append(long)
        else:
            pieces.append(long + " (")
            pieces.append(text[mention.start:after])
            pieces.append(")")
        position = after
    pieces.append(text[position:])
    _remember(annotated, state)
    return "".join(pieces)


def _remember(annotated: Annotated, state: ExpansionState) -> None:
    for definition in annotated.definitions:
        state.definitions[definition.key] = definition
        state.seen.add(definition.key)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, disjoint intervals covering ``spans``."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged
