"""Whether a long form's letters can spell its short form.

The check used for the curated glossary: the short form's letters (digits matched by digits
or number words) occur in order in the long form, the first one starting a word.  It is a
necessary condition only; choosing a long form's boundaries in running text is the job of
the scored alignment in ``_align``.
"""

from __future__ import annotations

import unicodedata
from typing import Final

_NUMBER_WORDS: Final = {
    "0": ("zero",), "1": ("one", "first", "i"), "2": ("two", "second", "ii"),
    "3": ("three", "third", "iii"), "4": ("four", "fourth", "iv"), "5": ("five", "fifth", "v"),
    "6": ("six", "sixth", "vi"), "7": ("seven", "seventh", "vii"),
    "8": ("eight", "eighth", "viii"), "9": ("nine", "ninth", "ix"),
    "10": ("ten", "tenth", "x"), "11": ("eleven",), "12": ("twelve",), "15": ("fifteen",),
    "20": ("twenty", "twentieth", "xx"), "30": ("thirty",), "100": ("hundred",),
}


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def letters_fit(short: str, long: str) -> bool:
    """True when ``short``'s letters occur in order in ``long``, the first at a word start.

    >>> letters_fit("CARICOM", "Caribbean Community")
    True
    >>> letters_fit("G7", "Group of Seven")
    True
    >>> letters_fit("ATF", "Department of Justice")
    False
    """
    units = _units(_fold(short))
    text = _fold(long)
    if not units:
        return False
    words = [i for i, c in enumerate(text) if c.isalnum() and (i == 0 or not text[i - 1].isalnum())]
    return any(
        (text.startswith(units[0], first)
         or (units[0][0].isdigit() and _number_at(text, first, units[0])))
        and _rest_fits(units[1:], text, first + 1)
        for first in words
    )


def _units(short: str) -> list[str]:
    """Letters one by one; a run of digits as one unit when it has a number word (G20)."""
    units: list[str] = []
    for char in short:
        if not char.isalnum():
            continue
        if char.isdigit() and units and units[-1].isdigit() and units[-1] + char in _NUMBER_WORDS:
            units[-1] += char
        else:
            units.append(char)
    return units


def _number_at(text: str, position: int, digit: str) -> int:
    """Length of a number word for ``digit`` starting at ``position`` (0 if none)."""
    for word in _NUMBER_WORDS.get(digit, ()):
        end = position + len(word)
        if text.startswith(word, position) and (end >= len(text) or not text[end].isalpha()):
            return len(word)
    return 0


def _rest_fits(units: list[str], text: str, position: int) -> bool:
    for unit in units:
        found = text.find(unit, position)
        if found < 0 and unit[0].isdigit():
            best = -1
            for start in range(position, len(text)):
                if (start == 0 or not text[start - 1].isalpha()) and _number_at(text, start, unit):
                    best = start + _number_at(text, start, unit) - 1
                    break
            found = best
        if found < 0:
            return False
        position = found + 1
    return True
