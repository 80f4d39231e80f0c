"""Writing expansions into the text.

In ``first`` and ``all`` modes expansion only inserts: the long form and an opening
parenthesis before the mention, a closing parenthesis after it (and after its possessive).
Everything of the original stays, in order, so removing the insertions gives it back.

Possessives move to the long form and stay on the short form:
``HSI’s`` -> ``Homeland Security Investigations’ (HSI’s)``, using the same apostrophe.
Plurals take the sense's plural long form, else a regular English plural of its head noun:
``MOUs`` -> ``memorandums of understanding (MOUs)``.

Expansion recognises its own output: a mention already written as ``long form (SF)`` is
left alone, and so are the mentions inside that long form, which makes it idempotent.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from typing import Final, Literal

import attrs
import regex

from ._annotated import Annotated
from ._keys import normal_long
from ._lazy import lazy
from ._model import Definition, Mention, Sense, Source
from ._values import COMPILED

MODES: Final = ("first", "all", "replace", "none")
_ES_ENDING: Final = lazy(regex.compile, r"(?:s|x|z|ch|sh)$", regex.IGNORECASE)
_Y_ENDING: Final = lazy(regex.compile, r"[^aeiou]y$", regex.IGNORECASE)


def pluralise(long: str) -> str:
    """A regular English plural of a long form: its head noun takes the plural ending.

    The head noun is the word before the first preposition after the first word
    ("memorandum of understanding" -> "memorandums of understanding", "Agency for
    International Development" -> "Agencies for ..."), else the last word
    ("non-governmental organization" -> "...organizations").  A head that already reads as a
    plural ("Explosives", "Affairs", "weapons of mass destruction") is left as it is.
    """
    head = _head(long)
    if head is None:
        return long + "s"
    start, end = head
    return long[:start] + _plural_word(long[start:end]) + long[end:]


def singular_of(long: str) -> str | None:
    """The long form whose plural is ``long``, its head noun made singular, or None.

    The head noun is the one :func:`pluralise` makes plural: the last word of
    "non-governmental organizations", the first of "memorandums of understanding".  None when
    the head has no regular plural ending ("Columbia Broadcasting System").
    """
    head = _head(long)
    if head is None:
        return None
    start, end = head
    word = long[start:end]
    if word.endswith("ies"):
        stem = word[:-3] + "y"
    elif word.endswith(("yses", "eses")):
        stem = word[:-2] + "is"  # "analyses", "theses"; "crises" or "cases" cannot tell
    elif word.endswith("es") and _ES_STEM().search(word[:-2]):
        stem = word[:-2]
    elif word.endswith("s"):
        stem = word[:-1]  # "houses", "enterprises": the "e" belongs to the word
    else:
        return None
    if len(stem) < 3 or _plural_word(stem) != word:  # not "bu" from "bus"
        return None
    return long[:start] + stem + long[end:]


#: Words that end a long form's head noun phrase when they follow its first word.
_HEAD_ENDS: Final = frozenset({
    "of", "for", "on", "in", "to", "at", "against", "from", "with", "under", "by", "over",
    "between", "among", "within", "without", "into",
})

#: Stems to which a plural adds "es" rather than "s" when both would read back:
#: "boxes", "churches", "addresses", "statuses" (but "houses", "causes", "enterprises").
_ES_STEM: Final = lazy(regex.compile, r"(?:x|ch|sh|ss|zz|[^aeiou]us)$", regex.IGNORECASE)


def _head(long: str) -> tuple[int, int] | None:
    """Where the head noun of ``long`` is written (see :func:`pluralise`); None when it has
    no word."""
    previous = None
    for match in _WORDS().finditer(long):
        if previous is not None and match[0].casefold() in _HEAD_ENDS:
            return previous
        previous = match.span()
    return previous


_WORDS: Final = lazy(regex.compile, r"\S+")


def _plural_word(word: str) -> str:
    """One word's regular plural, or the word when it already reads as a plural: it ends
    in "s" but not in "ss", "us" or "is" ("Forces", not "Congress", "status", "analysis")."""
    folded = word.casefold()
    if len(folded) >= 4 and folded.endswith("s") and folded[-2].isalpha() \
            and folded[-2] not in "sui":
        return word
    if _Y_ENDING().search(word):
        return word[:-1] + "ies"
    if folded.endswith("sis"):  # "crisis" -> "crises"
        return word[:-2] + "es"
    if _ES_ENDING().search(word):
        return word + "es"
    return word + "s"


def singular_for(long: str, sense: Sense | None) -> str:
    """The long form for a singular use of a short form defined in the plural as ``long``:
    :func:`singular_of` it, unless the glossary sense it agrees with writes ``long`` as its
    singular too ("Revolutionary Armed Forces of Colombia (FARCs)")."""
    if sense is not None and normal_long(long) == normal_long(sense.long):
        return long
    return singular_of(long) or long


def plural_of(sense: Sense) -> str:
    """The plural of a sense's long form: its own, or the regular one."""
    return sense.plural or pluralise(sense.long)


def defined_in_plural(definition: Definition) -> bool:
    """Whether an in-text definition is written in the plural: "memorandums of
    understanding (MOUs)"."""
    return definition.short.rstrip("'’").endswith("s")


def long_form_for(mention: Mention, long: str | None = None) -> str | None:
    """The long form written for ``mention`` (or ``long``), with its plural and possessive."""
    long = mention.expansion if long is None else long
    if long is None:
        return None
    return _written(mention, long)


def _written(mention: Mention, long: str) -> str:
    if mention.plural and not _looks_plural(mention):
        plural = mention.sense.plural if mention.sense is not None else None
        long = plural or pluralise(long)
    return _with_possessive(mention, long)


def _with_possessive(mention: Mention, long: str) -> str:
    return _possessive(long, mention.possessive[0]) if mention.possessive else long


def _possessive(long: str, apostrophe: str) -> str:
    return long + (apostrophe if long.endswith("s") else apostrophe + "s")


def _looks_plural(mention: Mention) -> bool:
    # An in-text definition may already be plural: "memorandums of understanding (MOUs)".
    return (mention.source is Source.DEFINED and mention.definition is not None
            and defined_in_plural(mention.definition))


_CLOSERS: Final = "\"'”’)]"


def _starts_sentence(text: str, position: int) -> bool:
    """Whether ``position`` begins a sentence: at the start of the text or of a paragraph,
    or after ".", "!" or "?" (and any closing quotes or brackets)."""
    before = text[max(0, position - 80):position]
    kept = before.rstrip()
    if not kept:
        return position == len(before)  # nothing but white space back to the start
    gap = before[len(kept):]
    if gap.count("\n") >= 2:
        return True
    if not gap or kept.rstrip(_CLOSERS)[-1:] not in (".", "!", "?"):
        return False
    # "e.g." or "etc." ends an abbreviation, usually not the sentence.
    return _ABBREVIATION().fullmatch(kept.split()[-1]) is None


_ABBREVIATION: Final = lazy(regex.compile, r"(?:\p{Ll}\.){1,3}|\p{Ll}{1,4}\.")

#: A Markdown ATX heading: up to three spaces, one to six '#', then a space or the line end.
MARKDOWN_HEADING: Final = lazy(regex.compile, r" {0,3}#{1,6}(?:[ \t]|$)")


#: The most words a heading in capitals has; a longer line in capitals is text written in
#: capitals (a cable, a disclaimer), whose first uses are expanded.
_HEADING_WORDS: Final = 6


def _in_heading(text: str, position: int) -> bool:
    """Whether ``position`` is on a heading line: a Markdown heading, or a short line with
    no letter in lower case ("API REFERENCE", a man page's section title)."""
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    line = text[start:end if end >= 0 else len(text)]
    if MARKDOWN_HEADING().match(line):
        return True
    return len(line.split()) <= _HEADING_WORDS and not any(c.islower() for c in line)


def _already_expanded(text: str, mention: Mention, long: str) -> int | None:
    """Start of ``long (`` written just before ``mention``, or None.

    The glossary's long form counts too when the text defines a shorter form of the same
    name: "U.S. Customs and Border Protection (CBP)" reads back as a definition of
    "Customs and Border Protection", but all of it was written by expansion.
    """
    after = mention.end + len(mention.possessive)
    if not text.startswith(")", after):
        return None
    forms = [long]
    sense = mention.sense
    if sense is not None and sense.long != mention.expansion:
        forms.insert(0, _written(mention, sense.long))
        if mention.plural:
            # Expansion wrote the glossary's plural ("U.S. Customs and Border Protections
            # (CBPs)"), which reads back as a plural definition of a shorter name.
            forms.insert(0, _with_possessive(mention, plural_of(sense)))
    surface = mention.text
    if mention.plural and mention.expansion and surface[-2:-1] in "'’" and surface[-1:] == "s":
        # "Group of Twenty's (G20's)": a possessive that expansion wrote, which the brackets
        # make read back as a plural.  Of a plural definition ("Groups of Seven (G7s)") it
        # wrote the singular: "Group of Seven's (G7's)".
        owner = mention.expansion
        if _looks_plural(mention):
            owner = singular_for(owner, mention.sense)
        forms.append(_possessive(owner, surface[-2]))
    for form in forms:
        start = mention.start - len(form) - 2
        if start >= 0 and text.startswith(form + " (", start):
            return start
    return None


@attrs.define
class ExpansionState:
    """What carries from one paragraph of a stream to the next.

    ``definitions``: the latest definition of each key so far.  ``seen``: keys whose first
    use has been expanded (or defined) already.  ``domains``: the keys of the mentions
    resolved so far, by the domains of their senses; they count as the subject matter of
    later paragraphs.  ``settled``: the latest mention of each key whose sense the context
    settled; a later mention of the key that its own context leaves undecided takes that
    sense.  All four grow with the number of distinct short forms, not with the text.
    """

    definitions: dict[str, Definition] = attrs.Factory(dict)
    seen: set[str] = attrs.Factory(set)
    domains: dict[str, set[str]] = attrs.Factory(dict)
    settled: dict[str, Mention] = attrs.Factory(dict)


Action = Literal["keep", "expand", "replace"]


@attrs.frozen
class Step:
    """What expansion does with one mention.

    ``action`` is ``keep`` (the short form stays as written), ``expand`` (``long (SF)``) or
    ``replace`` (the long form instead of the short form).  ``long`` is the long form as
    written for this mention (plural and possessive applied), or None when there is none.
    ``tail`` counts the characters after the mention that ``long`` already says, which the
    step replaces too: " signal" in "the SIGINT signal", written "the interrupt signal
    (SIGINT)" rather than "the interrupt signal (SIGINT) signal".
    """

    mention: Mention
    action: Action
    long: str | None
    tail: int = 0

    @property
    def end(self) -> int:
        """Where the text the step replaces ends: after the mention, its possessive and the
        tail."""
        mention = self.mention
        return mention.end + len(mention.possessive) + self.tail


def _step(mention: Mention, action: Action, long: str | None, tail: int) -> Step:
    """``Step(mention, action, long, tail)``, made as :mod:`acrolib._values` makes its values:
    each field set in C when this module is compiled, the class called when it is not."""
    if not COMPILED:
        return Step(mention, action, long, tail)
    made = object.__new__(Step)
    object.__setattr__(made, "mention", mention)
    object.__setattr__(made, "action", action)
    object.__setattr__(made, "long", long)
    object.__setattr__(made, "tail", tail)
    return made


def plan(annotated: Annotated, mode: str = "first", state: ExpansionState | None = None,
         *, well_known: bool = False) -> list[Step]:
    """One :class:`Step` per mention, in text order: what ``mode`` does with each.

    In ``first`` mode, short forms the glossary marks well known (UN, US, NATO) stay as they
    are, as style guides advise, unless ``well_known`` is true; so does a mention on a heading
    line (see :func:`_in_heading`), whose first use in the body text is expanded instead.

    A mention is kept when its key was defined before it (in this text or, through
    ``state``, earlier in the stream), when it is used before its definition in the same
    text (the reader meets the definition soon after), and when it sits inside a definition
    or an expansion written earlier.
    """
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}; use one of {', '.join(MODES)}")
    state = state if state is not None else ExpansionState()
    text = annotated.text
    mentions = annotated.mentions
    # Paired by index: compiled, zip(..., strict=True) parses its keyword at every call.
    longs = [long_form_for(m) for m in mentions]
    protected = [d.long_span for d in annotated.definitions]
    protected += [d.short_span for d in annotated.definitions]
    for number, mention in enumerate(mentions):
        long = longs[number]
        done = None if long is None else _already_expanded(text, mention, long)
        if done is not None:
            protected.append((done, mention.end + len(mention.possessive) + 1))
            protected.append((mention.start, mention.end))
    own_expansions = set(protected)
    covered = Covered(protected)
    seen = state.seen
    steps: list[Step] = []
    for number, mention in enumerate(mentions):
        long = longs[number]
        action: Action = "keep"
        if long is not None and mode != "none":
            inside = covered.covers(mention.start, mention.end)
            if mode != "first":
                action = "keep" if inside else ("replace" if mode == "replace" else "expand")
            elif not (mention.source is Source.DEFINED or mention.key in seen
                      or (mention.well_known and not well_known)
                      or _in_heading(text, mention.start)):
                if inside:
                    if (mention.start, mention.end) in own_expansions:
                        seen.add(mention.key)
                else:
                    seen.add(mention.key)
                    action = "expand"
        tail = 0
        if action != "keep" and long is not None:
            tail = _repeated_tail(text, mention, long)
            if long[:1].islower() and _starts_sentence(text, mention.start):
                long = long[0].upper() + long[1:]
        steps.append(_step(mention, action, long, tail))
        if (action == "expand" and mention.source is Source.GLOSSARY
                and mention.expansion is not None and mention.key not in state.definitions):
            # What expansion writes defines the short form for the rest of the stream, just
            # as it will when the output is read again: later paragraphs see it as defined.
            state.definitions[mention.key] = Definition(
                short=mention.text, long=mention.expansion,
                short_span=(mention.start, mention.end),
                long_span=(mention.start, mention.start), key=mention.key,
                pattern="expansion", score=1.0)
    _remember(annotated, state)
    return steps


def _repeated_tail(text: str, mention: Mention, long: str) -> int:
    """The length of " word" after ``mention`` when the text repeats the last word of
    ``long`` there ("HIV virus", "SIGINT signal", "HOPE Act", "NIBIN network"), else 0.

    Only the first letter's case may differ.  A word that looks plural (an "s" ending, but
    not "ss", "us" or "is") is left alone: "US states" and "US States" name the states of the
    US, not the United States twice.  So are a possessive or plural mention, and a word that
    runs on.
    """
    if mention.possessive or mention.plural:
        return 0
    space = long.rfind(" ")
    if space < 0:
        return 0
    word = long[space:]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return 0
    end = mention.end + len(word)
    written = text[mention.end:end]
    if written[2:] != word[2:] or written[:2].lower() != word[:2].lower():
        return 0
    following = text[end:end + 1]
    if following and (following.isalnum() or following in "'’-_"):
        return 0
    return len(word)


def apply_plan(text: str, steps: Iterable[Step]) -> str:
    """The text with ``steps`` carried out; everything else stays byte for byte."""
    pieces: list[str] = []
    position = 0
    for step in steps:
        if step.action == "keep" or step.long is None:
            continue
        mention = step.mention
        after = mention.end + len(mention.possessive)
        pieces.append(text[position:mention.start])
        if step.action == "replace":
            pieces.append(step.long)
        else:
            pieces.append(f"{step.long} ({text[mention.start:after]})")
        position = step.end
    pieces.append(text[position:])
    return "".join(pieces)


def expand_annotated(annotated: Annotated, mode: str = "first",
                     state: ExpansionState | None = None, *, well_known: bool = False) -> str:
    """Expand the mentions of ``annotated`` according to ``mode`` (see :func:`plan`)."""
    return apply_plan(annotated.text, plan(annotated, mode, state, well_known=well_known))


def _remember(annotated: Annotated, state: ExpansionState) -> None:
    for definition in annotated.definitions:
        state.definitions[definition.key] = definition
        state.seen.add(definition.key)
    longs = Covered([d.long_span for d in annotated.definitions])
    for mention in annotated.mentions:
        sense = mention.sense
        if sense is None:
            continue
        # A mention inside a defined long form lends no domain (see _resolve's
        # _add_domains).
        if not longs.covers(mention.start, mention.end):
            for domain in sense.domains:
                state.domains.setdefault(domain, set()).add(mention.key)
        if mention.candidates:
            state.settled[mention.key] = mention


class Covered:
    """The sorted, disjoint intervals that cover ``spans`` (:func:`merged_spans`), by their
    starts and ends, asked whether a span lies inside one of them."""

    __slots__ = ("ends", "starts")

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        merged = merged_spans(spans)
        self.starts = [start for start, _ in merged]
        self.ends = [end for _, end in merged]

    def covers(self, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` lies inside one of the intervals."""
        i = bisect_right(self.starts, start) - 1
        return i >= 0 and end <= self.ends[i]


def merged_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, disjoint intervals covering ``spans``."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged
