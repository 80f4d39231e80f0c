"""Harvesting the definitions written in a set of documents into a draft glossary.

``mine(documents)`` runs :func:`acrolib.find_definitions` over every document and groups what
it finds by short form: each distinct long form becomes a sense (so conflicting definitions
stay visible as separate senses), with how often and where it was seen, the other ways the
short form was spelt, and whether the shipped (or given) glossary already knows the entry and
the long form.  :meth:`MineResult.to_toml` writes a file in the glossary's own TOML schema,
with the evidence in comments, for a person to review and then load or layer.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

import attrs
import regex

from ._api import find_definitions
from ._expand import pluralise
from ._glossary import Glossary, default_glossary
from ._glossary_io import can_hold
from ._keys import normal_long as _normal
from ._keys import parse
from ._model import Definition
from ._nogc import collector_paused, paused_for_long

__all__ = ["MAX_EXAMPLES", "MineResult", "MinedEntry", "MinedSense", "mine"]

#: How many example locations are kept per sense.
MAX_EXAMPLES = 3

_BARE_KEY = regex.compile(r"[A-Za-z0-9_-]+")
_COMMENT_UNSAFE = regex.compile(r"[\p{Cc}\p{Zl}\p{Zp}]")


@attrs.frozen
class MinedSense:
    """One long form found for a short form, with its evidence.

    ``spellings`` are other ways the same long form was written (case, spacing);
    ``plural`` is the plural long form when a plural short form was defined (``MOUs``);
    ``plural_only`` says no singular definition was seen, so ``long`` is itself plural.
    ``known`` is true when the glossary entry lists this long form among its senses.
    """

    long: str
    count: int
    documents: int
    examples: tuple[str, ...]
    spellings: tuple[str, ...] = ()
    plural: str | None = None
    plural_only: bool = False
    known: bool = False


@attrs.frozen
class MinedEntry:
    """A short form with the senses found for it.

    ``variants`` are other spellings of the short form (``U.S.``, ``Caricom``);
    ``glossary_key`` is the key of the glossary entry the short form already leads to, or None,
    and ``glossary_senses`` that entry's long forms.
    """

    key: str
    senses: tuple[MinedSense, ...]
    variants: tuple[str, ...]
    count: int
    documents: int
    glossary_key: str | None = None
    glossary_pack: str = ""
    glossary_senses: tuple[str, ...] = ()

    @property
    def in_glossary(self) -> bool:
        """The glossary already has an entry for this short form."""
        return self.glossary_key is not None

    @property
    def status(self) -> str:
        """``new`` (not in the glossary), ``known`` (every long form is already there) or
        ``new-sense`` (the entry exists but a long form found here is not among its senses)."""
        if self.glossary_key is None:
            return "new"
        return "known" if all(s.known for s in self.senses) else "new-sense"


@attrs.frozen
class MineResult:
    """What :func:`mine` found: entries sorted by count (most first), then key."""

    entries: tuple[MinedEntry, ...]
    documents: int

    def __getitem__(self, key: str) -> MinedEntry:
        for entry in self.entries:
            if entry.key == key:
                return entry
        raise KeyError(key)

    def to_toml(self, *, include_known: bool = True, pack: str = "mined") -> str:
        """A glossary file (schema 1) of the mined entries, ready for review.

        Counts, example locations, other spellings and the glossary status are written as
        comments; ``Glossary.loads`` reads the result.  ``include_known=False`` leaves out
        entries whose every long form the glossary already has.
        """
        entries = [e for e in self.entries if include_known or e.status != "known"]
        lines = [
            f"# Draft glossary mined by acrolib from {_plural(self.documents, 'document')}: "
            f"{_plural(len(entries), 'entry', 'entries')}.",
            "# Review every entry: long forms are copied as the documents wrote them, and a",
            "# file layered over the shipped glossary replaces each of its entries as a whole.",
            "schema = 1",
            f"pack = {_string(pack)}",
        ]
        for entry in entries:
            lines.append("")
            lines.extend(_entry_lines(entry))
        return "\n".join(lines) + "\n"


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else plural or word + 's'}"


def _string(value: str) -> str:
    """A TOML basic string.  JSON's escapes are valid TOML; DEL is the one control character
    JSON leaves raw that TOML forbids."""
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


def _key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else _string(key)


def _comment(text: str) -> str:
    return "# " + _COMMENT_UNSAFE.sub(" ", text)


def _entry_lines(entry: MinedEntry) -> list[str]:
    key = _key(entry.key)
    head = (f"{entry.key}: {_plural(entry.count, 'definition')} in "
            f"{_plural(entry.documents, 'document')}; ")
    if entry.glossary_key is None:
        head += "new (not in the glossary)."
    else:
        where = f"the glossary entry {entry.glossary_key}"
        if entry.glossary_pack:
            where += f" (pack {entry.glossary_pack})"
        head += (f"already in {where}." if entry.status == "known"
                 else f"in {where}, but not with every long form below.")
    lines = [_comment(head)]
    if entry.glossary_key is not None and entry.status != "known":
        lines.append(_comment("The glossary has: " + "; ".join(entry.glossary_senses)))
    if len(entry.senses) > 1:
        lines.append(_comment(f"{len(entry.senses)} different long forms: keep the right ones."))
    lines.append(f"[entries.{key}]")
    if entry.variants:
        lines.append("variants = [" + ", ".join(_string(v) for v in entry.variants) + "]")
    for sense in entry.senses:
        lines.append(f"[[entries.{key}.senses]]")
        evidence = (f"{_plural(sense.count, 'definition')} in "
                    f"{_plural(sense.documents, 'document')}, e.g. {', '.join(sense.examples)}")
        if entry.glossary_key is not None:
            evidence += "; in the glossary" if sense.known else "; not in the glossary"
        lines.append(_comment(evidence))
        if sense.spellings:
            lines.append(_comment("also written: " + "; ".join(sense.spellings)))
        if sense.plural_only:
            lines.append(_comment("seen only in the plural: put the singular in 'long'"))
        lines.append(f"long = {_string(sense.long)}")
        if sense.plural is not None:
            lines.append(f"plural = {_string(sense.plural)}")
    return lines


# -- mining ----------------------------------------------------------------------------------


@attrs.define
class _Seen:
    """Mutable tally of one long form while documents are read."""

    written: dict[str, int] = attrs.field(factory=dict)
    plural_written: dict[str, int] = attrs.field(factory=dict)
    count: int = 0
    documents: set[str] = attrs.field(factory=set)
    examples: list[str] = attrs.field(factory=list)
    order: int = 0

    def add(self, long: str, plural: bool, label: str, line: int) -> None:
        table = self.plural_written if plural else self.written
        table[long] = table.get(long, 0) + 1
        self.count += 1
        self.documents.add(label)
        example = f"{label}:{line}"
        if len(self.examples) < MAX_EXAMPLES and example not in self.examples:
            self.examples.append(example)

    def merge(self, other: _Seen) -> None:
        for long, n in other.plural_written.items():
            self.plural_written[long] = self.plural_written.get(long, 0) + n
        self.count += other.count
        self.documents |= other.documents
        for example in other.examples:
            if len(self.examples) < MAX_EXAMPLES and example not in self.examples:
                self.examples.append(example)


@attrs.define
class _Group:
    """Mutable tally of one short form (its keys compared without case)."""

    keys: dict[str, int] = attrs.field(factory=dict)
    surfaces: dict[str, None] = attrs.field(factory=dict)
    senses: dict[str, _Seen] = attrs.field(factory=dict)
    documents: set[str] = attrs.field(factory=set)
    count: int = 0


def _most_common(table: dict[str, int]) -> str:
    # Ties go to the spelling seen first: dicts keep insertion order and max() keeps the first.
    return max(table, key=lambda s: table[s])


def _plurals_of(singular: str) -> Iterator[str]:
    """The normal forms that are plurals of the normal form ``singular``: the whole of it
    made plural, or the same words but one, which takes a regular plural ending
    (``memorandums of understanding`` for ``memorandum of understanding``)."""
    yield _normal(pluralise(singular))
    words = singular.split()
    for i, word in enumerate(words):
        plural = _normal(pluralise(word))
        if plural and plural != word and " " not in plural:
            yield " ".join([*words[:i], plural, *words[i + 1:]])


def _surface(definition: Definition) -> tuple[str, bool]:
    """The short form as written, singular, and whether it was written as a plural."""
    parsed = parse(definition.short.strip())
    if parsed.plural_key is not None and parsed.plural_key == definition.key:
        return parsed.stem[:-1], True
    return parsed.stem, False


def mine(documents: Iterable[tuple[str, str]], *, glossary: Glossary | None = None) -> MineResult:
    """Collect the definitions of ``documents`` (``(location label, text)`` pairs).

    Labels name where examples were seen (``label:line``); ``glossary`` is what the entries
    are compared with (default: the shipped glossary).
    """
    reference = glossary if glossary is not None else default_glossary()
    tally = _Tally()
    read = 0
    for label, text in documents:
        read += 1
        paused_for_long(text, tally.add, label, text)
    # Tallies and entries hold no reference cycles: the collector would only rescan them as
    # they grow (a megabyte that defines one short form 55,000 ways took a third longer or
    # more).
    with collector_paused():
        entries = [_entry(group, reference) for group in tally.groups.values()]
        entries.sort(key=lambda e: (-e.count, e.key))
    return MineResult(entries=tuple(entries), documents=read)


class _Tally:
    """The definitions of the documents read so far, grouped by short form."""

    def __init__(self) -> None:
        self.groups: dict[str, _Group] = {}
        self.order = 0  # senses numbered as first seen

    def add(self, label: str, text: str) -> None:
        groups = self.groups
        line_of = _LineCounter(text)
        for definition in find_definitions(text):
            if not can_hold(definition.short, definition.long):
                continue
            surface, plural = _surface(definition)
            key = definition.key
            upper = key.upper()
            group = groups.get(upper)
            if group is None:
                group = groups[upper] = _Group()
            group.keys[key] = group.keys.get(key, 0) + 1
            group.surfaces.setdefault(surface, None)
            group.documents.add(label)
            group.count += 1
            norm = _normal(definition.long)
            seen = group.senses.get(norm)
            if seen is None:
                self.order += 1
                seen = group.senses[norm] = _Seen(order=self.order)
            start = min(definition.long_span[0], definition.short_span[0])
            seen.add(definition.long, plural, label, line_of(start))


class _LineCounter:
    """1-based line numbers of offsets in one document, counted on from the offset asked
    before: definitions come in text order, so the document's line ends are counted once."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._offset = 0
        self._line = 1

    def __call__(self, offset: int) -> int:
        if offset < self._offset:  # an earlier offset: count from the start again
            self._offset, self._line = 0, 1
        self._line += self._text.count("\n", self._offset, offset)
        self._offset = offset
        return self._line


def _entry(group: _Group, reference: Glossary) -> MinedEntry:
    key = _most_common(group.keys)
    known_entry = reference.lookup(key)
    if known_entry is not None and known_entry.key in group.keys:
        # Written both ways ("Caricom", "CARICOM"): the glossary's spelling is the key.
        key = known_entry.key
    # Fold plural-only long forms into the singular sense they are the plural of (the first
    # such sense, in the order first seen).
    tallies = dict(group.senses)
    plural_only = [norm for norm, seen in tallies.items() if not seen.written]
    if plural_only:  # the plurals of every singular are only needed to place these
        singulars: dict[str, _Seen] = {}
        for norm, seen in tallies.items():
            if seen.written:
                for form in _plurals_of(norm):
                    singulars.setdefault(form, seen)
        for norm in plural_only:
            singular = singulars.get(norm)
            if singular is not None:
                singular.merge(tallies.pop(norm))
    known_forms: set[str] = set()
    if known_entry is not None:
        for sense in known_entry.senses:
            known_forms.add(_normal(sense.long))
            if sense.plural:
                known_forms.add(_normal(sense.plural))
    senses = []
    for norm, seen in sorted(tallies.items(), key=lambda kv: (-kv[1].count, kv[1].order)):
        if seen.written:
            long = _most_common(seen.written)
            others = [w for w in seen.written if w != long]
        else:
            long = _most_common(seen.plural_written)
            others = [w for w in seen.plural_written if w != long]
        plural = (_most_common(seen.plural_written)
                  if seen.written and seen.plural_written else None)
        senses.append(MinedSense(
            long=long, count=seen.count, documents=len(seen.documents),
            examples=tuple(seen.examples), spellings=tuple(others), plural=plural,
            plural_only=not seen.written, known=norm in known_forms,
        ))
    variants = tuple(v for v in dict.fromkeys([*group.keys, *group.surfaces]) if v != key)
    return MinedEntry(
        key=key, senses=tuple(senses), variants=variants, count=group.count,
        documents=len(group.documents),
        glossary_key=known_entry.key if known_entry is not None else None,
        glossary_pack=known_entry.pack if known_entry is not None else "",
        glossary_senses=tuple(s.long for s in known_entry.senses) if known_entry else (),
    )
