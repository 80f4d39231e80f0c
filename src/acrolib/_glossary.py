"""The glossary: short forms with their senses, looked up by any spelling of the short form.

A :class:`Glossary` is immutable once built.  Layers combine per key: the entry of a later
layer replaces the whole entry of an earlier one, so a user's file can redefine ``MSS``
without inheriting senses it does not want.

Each entry is stored as one ``bytes`` value (its fields, written by :mod:`marshal`), and an
:class:`Entry` is built when one is looked up.  Bytes hold no references, so CPython's cyclic
garbage collector never tracks them nor the tables that hold them: a glossary of 100,000
entries adds nothing to the collections of the process that holds it (as objects it added
about 300,000 to each).  They also pickle and unpickle at memory speed, which is how a large
glossary reaches worker processes and comes back from the cache.
"""

from __future__ import annotations

import functools
import marshal
import os
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from ._keys import canonical, parse
from ._model import Entry, Sense, field_values

if TYPE_CHECKING:  # imported where used: a short command does not need pathlib
    from pathlib import Path

_sense_values = field_values(Sense)

#: Entries kept built after a lookup, so that repeated lookups return the same object.
_BUILT = 4096


def _fields(entry: Entry) -> tuple[Any, ...]:
    """key, senses (each a tuple of :class:`Sense`'s fields in order), variants, well_known,
    needs_context, pack: the pack last, since it is no part of an entry's value."""
    return (entry.key, tuple(_sense_values(sense) for sense in entry.senses), entry.variants,
            entry.well_known, entry.needs_context, entry.pack)


def _packed(entry: Entry) -> bytes:
    return marshal.dumps(_fields(entry))


def _unpacked(packed: bytes) -> Entry:
    key, senses, variants, well_known, needs_context, pack = marshal.loads(packed)
    return Entry(key, tuple(Sense(*values) for values in senses), variants, well_known, pack,
                 needs_context)


def _same_entry(a: bytes, b: bytes) -> bool:
    """Whether two stored entries are equal as :class:`Entry` values (the pack aside)."""
    return a == b or marshal.loads(a)[:-1] == marshal.loads(b)[:-1]


#: The packs shipped with acrolib, in layering order.
PACKS = ("general", "international", "us-government", "caribbean-security")


class Glossary:
    """An immutable mapping from short forms to :class:`Entry` values.

    Build one with :meth:`load`, :meth:`from_entries` or :func:`default_glossary`; combine
    several with :meth:`layered`.  Two glossaries are equal when they hold equal entries.
    """

    __slots__ = ("_built", "_entries", "_folded", "_index")

    def __init__(self, entries: Iterable[Entry] = ()) -> None:
        table: dict[str, bytes] = {}
        variants: dict[str, tuple[str, ...]] = {}
        for entry in entries:
            table[entry.key] = _packed(entry)
            variants[entry.key] = entry.variants
        self._index_packed(table, variants)

    @classmethod
    def _from_packed(cls, table: dict[str, bytes]) -> Glossary:
        glossary = cls.__new__(cls)
        glossary._index_packed(table, {key: marshal.loads(packed)[2]
                                       for key, packed in table.items()})
        return glossary

    @classmethod
    def _restore(cls, table: dict[str, bytes], index: dict[str, str],
                 folded: dict[str, str]) -> Glossary:
        glossary = cls.__new__(cls)
        glossary._entries, glossary._index, glossary._folded = table, index, folded
        glossary._built = {}
        return glossary

    def _state(self) -> tuple[dict[str, bytes], dict[str, str], dict[str, str]]:
        """The tables, as pickled and as cached: built of dicts, strings and bytes only."""
        return (self._entries, self._index, self._folded)

    @classmethod
    def _from_cache(cls, state: object) -> Glossary | None:
        """The glossary whose :meth:`_state` was cached, or None when ``state`` is not one."""
        if not (isinstance(state, tuple) and len(state) == 3
                and all(type(table) is dict for table in state)):
            return None
        return cls._restore(*state)

    def _index_packed(self, table: dict[str, bytes],
                      variants: dict[str, tuple[str, ...]]) -> None:
        self._entries = table
        self._built: dict[str, Entry] = {}
        self._index: dict[str, str] = {}
        self._folded: dict[str, str] = {}
        # Every key first: a variant of one entry never hides another entry's own key
        # (a user layer's ``AB`` must win over a pack's ``A`` spelled ``A.B``).
        for key in table:
            self._index[key] = key
        for key, spellings in variants.items():
            for variant in spellings:
                self._index.setdefault(canonical(variant), key)
        # Case-insensitive fallback; keys are entered before variants so that they win.
        for key in table:
            self._folded.setdefault(key.upper(), key)
        for spelling, key in self._index.items():
            self._folded.setdefault(spelling.upper(), key)

    # -- construction --------------------------------------------------------------------

    @classmethod
    def from_entries(cls, entries: Iterable[Entry]) -> Glossary:
        """A glossary of ``entries``; a later entry with the same key replaces an earlier one."""
        return cls(entries)

    @classmethod
    def load(cls, path: str | Path, *, format: str | None = None,
             cache: bool = False) -> Glossary:
        """Read a glossary file: TOML, JSON, CSV or TSV, chosen by ``format`` or the suffix.

        Raises :class:`~acrolib.exceptions.GlossaryError` naming the file, line, key and
        field of the first problem found.

        With ``cache``, the result is also kept in acrolib's per-user cache under a digest
        of the file's content, and a later load of the same content reads it back from
        there: a large file is parsed once.  The command line loads glossaries this way.
        """
        from pathlib import Path

        from ._glossary_io import entries_from_bytes, format_of, read_bytes
        from ._nogc import collector_paused

        path = Path(path)
        fmt = format or format_of(path)
        data = read_bytes(path)
        name = None
        if cache:
            from . import _cache

            name = _cache.content_name(data, fmt, path.stem)
            cached = cls._from_cache(_cache.load_named(name))
            if cached is not None:
                return cached
        with collector_paused():
            glossary = cls(entries_from_bytes(data, path, fmt))
        if cache:
            _cache.store_named(name, glossary._state())
        return glossary

    @classmethod
    def loads(cls, text: str, *, format: str = "toml", name: str = "<string>") -> Glossary:
        """Parse glossary text in ``format``; ``name`` is used in error messages."""
        from ._glossary_io import parse_entries
        from ._nogc import collector_paused

        with collector_paused():
            return cls(parse_entries(text, format=format, name=name))

    @classmethod
    def layered(cls, *layers: Glossary) -> Glossary:
        """Combine glossaries; for each key the entry of the last layer that has it wins."""
        merged: dict[str, bytes] = {}
        for layer in layers:
            merged.update(layer._entries)
        return cls._from_packed(merged)

    def dump(self, path: str | Path | None = None, *, format: str | None = None) -> str:
        """Serialise to TOML (default), JSON, CSV or TSV; write to ``path`` when given.

        ``Glossary.load`` of the result gives back an equal glossary.
        """
        from pathlib import Path

        from ._glossary_io import dump_entries, format_of

        fmt = format or (format_of(Path(path)) if path is not None else "toml")
        text = dump_entries(list(self), fmt)
        if path is not None:
            from ._atomic import write_text_atomic

            write_text_atomic(Path(path), text)
        return text

    # -- lookup --------------------------------------------------------------------------

    def find(self, surface: str) -> tuple[Entry, bool] | None:
        """The entry for ``surface`` and whether it was reached through a plural ``s``.

        Tries, in order: the exact key or variant, the singular of a plural (``MOUs``), then
        the same two ignoring case.  Possessives and dots never matter.
        """
        parsed = parse(surface)
        return self._find_keys(parsed.key, parsed.plural_key)

    def _find_keys(self, key: str, plural_key: str | None) -> tuple[Entry, bool] | None:
        """:meth:`find` for a surface already parsed into its key and the key without a plural
        ``s`` (see :func:`acrolib._keys.parse`), which the resolver has at hand."""
        index = self._index
        found = index.get(key)
        if found is not None:
            return self._entry(found), False
        if plural_key is not None:
            found = index.get(plural_key)
            if found is not None:
                return self._entry(found), True
        folded = self._folded
        found = folded.get(key.upper())
        if found is not None:
            return self._entry(found), False
        if plural_key is not None:
            found = folded.get(plural_key.upper())
            if found is not None:
                return self._entry(found), True
        return None

    def _entry(self, key: str) -> Entry:
        built = self._built.get(key)
        if built is None:
            if len(self._built) >= _BUILT:
                self._built.clear()
            built = self._built[key] = _unpacked(self._entries[key])
        return built

    def lookup(self, surface: str) -> Entry | None:
        """The entry for any spelling of a short form: ``U.S.``, ``MOUs``, ``HSI’s``."""
        found = self.find(surface)
        return found[0] if found else None

    def __contains__(self, surface: object) -> bool:
        return isinstance(surface, str) and self.find(surface) is not None

    def __getitem__(self, key: str) -> Entry:
        return self._entry(key)

    def __iter__(self) -> Iterator[Entry]:
        built = self._built
        for key, packed in self._entries.items():
            entry = built.get(key)
            yield _unpacked(packed) if entry is None else entry

    def __len__(self) -> int:
        return len(self._entries)

    def keys(self) -> list[str]:
        """Canonical keys in insertion order."""
        return list(self._entries)

    def packs(self) -> list[str]:
        """The names of the packs the entries come from, in first-seen order."""
        packs = (marshal.loads(packed)[-1] for packed in self._entries.values())
        return list(dict.fromkeys(pack for pack in packs if pack))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Glossary):
            return NotImplemented
        # As entries compare: everything but the pack they came from.
        theirs = other._entries
        return len(self._entries) == len(theirs) and all(
            key in theirs and _same_entry(theirs[key], packed)
            for key, packed in self._entries.items())

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<Glossary {len(self)} entries>"

    def __reduce__(self) -> tuple[Any, tuple[dict[str, bytes], dict[str, str], dict[str, str]]]:
        return (Glossary._restore, self._state())


@functools.lru_cache(maxsize=1)
def _shipped_folder() -> str:
    """The folder holding the shipped packs, as a string (see :func:`shipped_glossary_dir`)."""
    here = os.path.dirname(os.path.realpath(__file__))
    for folder in (os.path.join(here, "glossary"),
                   os.path.join(os.path.dirname(os.path.dirname(here)), "glossary")):
        if os.path.isdir(folder):
            return folder
    import importlib.resources  # pragma: no cover - a zipped install

    return str(importlib.resources.files("acrolib") / "glossary")  # pragma: no cover


def shipped_glossary_dir() -> Path:
    """The folder holding the shipped packs.

    Inside an installed wheel it is ``acrolib/glossary``; in a source checkout (an editable
    install) the packs stay at the repository's top level, next to ``src/``.  Plain folders
    are tried first: ``importlib.resources`` (for zipped installs) costs milliseconds to import.
    """
    from pathlib import Path

    return Path(_shipped_folder())


def available_packs() -> list[str]:
    """Names of the packs shipped with acrolib."""
    found = {name[: -len(".toml")] for name in os.listdir(_shipped_folder())
             if name.endswith(".toml")}
    ordered = [p for p in PACKS if p in found]
    return ordered + sorted(found - set(ordered))


@functools.lru_cache(maxsize=16)
def _load_packs(packs: tuple[str, ...]) -> Glossary:
    from . import _cache

    folder = _shipped_folder()
    paths = [os.path.join(folder, f"{name}.toml") for name in packs]
    cached = Glossary._from_cache(_cache.load(paths))
    if cached is not None:
        return cached
    glossary = Glossary.layered(*(Glossary.load(path) for path in paths))
    _cache.store(paths, glossary._state())
    return glossary


def default_glossary(packs: Iterable[str] | None = None) -> Glossary:
    """The curated glossary shipped with acrolib: all packs, or the named ones.

    Parsed on first use and cached; later calls return the same object.
    """
    available = available_packs()
    names = tuple(available) if packs is None else tuple(packs)
    known = set(available)
    for name in names:
        if name not in known:
            from .exceptions import GlossaryError

            raise GlossaryError(
                f"no such pack {name!r}; available: {', '.join(sorted(known))}", field="pack"
            )
    return _load_packs(names)
