"""Module-level shortcuts that use one shared default :class:`~acrolib.Resolver`."""

from __future__ import annotations

import functools

from ._annotated import Annotated
from ._model import Definition, Entry
from ._resolve import Resolver


@functools.lru_cache(maxsize=1)
def default_resolver() -> Resolver:
    """The resolver behind the module-level functions: the shipped glossary, default options."""
    return Resolver()


def annotate(text: str) -> Annotated:
    """Find and resolve every acronym in ``text`` with the shipped glossary."""
    return default_resolver().annotate(text)


def expand(text: str, mode: str = "first", *, well_known: bool = False) -> str:
    """Expand acronyms in ``text``; ``mode`` is ``first``, ``all``, ``replace`` or ``none``.

    ``first`` leaves well-known short forms (UN, US, NATO) alone unless ``well_known``.
    """
    return default_resolver().expand(text, mode, well_known=well_known)


def lookup(short_form: str) -> Entry | None:
    """The shipped glossary's entry for any spelling of ``short_form``."""
    return default_resolver().lookup(short_form)


def find_definitions(text: str) -> list[Definition]:
    """Definitions written in ``text``: "Long Form (LF)", "LF (Long Form)", "LF stands for"..."""
    from ._definitions import find_definitions as find

    return find(text)
