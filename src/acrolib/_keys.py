"""Turning a surface form into the key it is looked up by.

``U.S.`` -> ``US``, ``MOUs`` -> ``MOU`` (when the singular is wanted), ``HSI’s`` -> ``HSI``.
The functions here are pure and cheap: they sit on the per-mention path.
"""

from __future__ import annotations

import unicodedata
from typing import Final, NamedTuple

#: Possessive endings, longest first.  The curly apostrophe is as common as the straight one
#: in edited prose; the modifier letter apostrophe turns up in text from word processors.
POSSESSIVES: Final = ("'s", "’s", "ʼs", "'", "’", "ʼ")
#: The apostrophes a possessive may be written with.
APOSTROPHES: Final = "'’ʼ"


class Parsed(NamedTuple):
    """A surface split into its parts: ``HSI’s`` is stem ``HSI``, possessive ``’s``.

    A tuple rather than an attrs class: one is made for each surface looked up, on the
    per-mention path, and none leaves acrolib; :func:`parse` builds it with ``tuple.__new__``,
    one call in C, where an attrs ``__init__`` runs in the interpreter even in the compiled
    build.
    """

    stem: str
    key: str
    plural_key: str | None
    possessive: str


#: Builds a named tuple from a tuple of its values in one call in C; the class's own
#: ``__new__`` runs in the interpreter, even in the compiled build.
_new: Final = tuple.__new__


def split_possessive(surface: str) -> tuple[str, str]:
    """Split a trailing possessive off ``surface``: ``("NGOs", "'")`` for ``NGOs'``.

    A bare apostrophe counts as possessive only after ``s`` (``NGOs'``), so a quoted ``'CBSI'``
    keeps nothing.
    """
    if not surface or (surface[-1] not in APOSTROPHES and not (
        len(surface) > 2 and surface[-1] == "s" and surface[-2] in APOSTROPHES
    )):
        return surface, ""
    if surface[-1] == "s":
        return surface[:-2], surface[-2:]
    if len(surface) > 1 and surface[-2] == "s":
        return surface[:-1], surface[-1]
    return surface, ""


def canonical(surface: str) -> str:
    """The key of a surface without possessive: dots and spaces removed, NFC, full-width folded.

    ``U.S.`` -> ``US``; ``Ｕ．Ｎ．`` -> ``UN``; ``R&D`` stays ``R&D``.
    """
    if not surface.isascii():
        surface = unicodedata.normalize("NFKC", surface)
    if "." in surface or " " in surface:
        surface = surface.replace(".", "").replace(" ", "")
    return surface


def parse(surface: str) -> Parsed:
    """Split ``surface`` into stem and possessive and compute its keys.

    ``plural_key`` is the key with a trailing lower-case plural ``s`` removed (``MOUs`` ->
    ``MOU``), or None when the surface does not end in one.  Which of ``key`` and
    ``plural_key`` applies is for the caller to decide, given what is known.
    """
    stem, possessive = split_possessive(surface)
    key = canonical(stem)
    plural_key = None
    if len(key) > 2 and key.endswith("s") and not key[-2].islower():
        plural_key = key[:-1]
    return _new(Parsed, (stem, key, plural_key, possessive))


def normal_long(long: str) -> str:
    """A long form case-folded, with single spaces between its words: two long forms are the
    same name when their normal forms are equal."""
    return " ".join(long.casefold().split())


def key_of(surface: str) -> str:
    """The singular key of a short form as written in a definition or a glossary.

    Used where no glossary decides between singular and plural: ``MOUs`` -> ``MOU``.
    """
    parsed = parse(surface)
    return parsed.plural_key or parsed.key
