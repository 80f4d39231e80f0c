"""Finding the definitions of short forms in running text.

``find_definitions(text)`` returns one :class:`~acrolib._model.Definition` per defining
occurrence: "Caribbean Basin Security Initiative (CBSI)", "ATF (Bureau of Alcohol, ...)",
'(hereinafter "IMPACS")', "..., or CBSI, ...", "CBSI stands for ...", keys to tables and
lists ("CDB = Caribbean Development Bank", "GDP: gross domestic product; CPI: ..."), and a
few more.

How it works, and why:

* The text is never tokenised as a whole.  Definitions are written around parentheses (or
  brackets) and a handful of trigger phrases ("or", "stands for", "hereinafter", "also known
  as", "short for", "abbreviated"), so two precompiled regular expressions find those places and
  everything else is skipped at C speed.  The expressions use possessive quantifiers and never
  look further than the next bracket, so every input is scanned in linear time.
* At each place the possible readings are listed (long form before the parenthesis, short form
  before it, both inside it, introduced by "hereinafter" ...), the short form is checked for a
  plausible shape (not a year, a unit, a citation, an enumeration label, maths), and the long
  form is chosen by the scored alignment in :mod:`acrolib._align`: every start position in a
  window of ``min(|SF| + 5, 2 |SF|)`` content words is scored and the best one wins.
* The rules are general English typography and morphology; nothing is keyed to a domain.

Offsets are ``str`` indices into the original text; spans are never computed on a normalised
copy, so ``text[start:end]`` is the surface for any Unicode input.
"""

from __future__ import annotations

import functools
import operator
import re
import sys
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from typing import Final, NamedTuple

import regex

from ._align import (
    ARTICLES,
    Alignment,
    Token,
    align_ending_at,
    align_fixed,
    fold,
    is_plural,
    remember,
    short_units,
    tokenize,
)
from ._keys import _new, key_of
from ._lazy import lazy
from ._model import Definition
from ._nogc import paused_for_long
from ._values import definition as _definition

__all__ = ["find_definitions"]

# --- thresholds -----------------------------------------------------------------------------
#: Minimum normalised alignment score for each way of writing a definition.  The parenthesis
#: after a long form is the strongest signal, so it needs the least letter evidence; readings
#: where the short form is guessed from a bare word need more.
MIN_LONG_SHORT: Final = 0.5
MIN_SHORT_LONG: Final = 0.7
MIN_INNER: Final = 0.7
MIN_TRIGGER: Final = 0.65
#: Short forms that look like ordinary words ("Hb", "ssp", "Smith") need near-perfect evidence.
MIN_WEAK: Final = 0.75

#: A long form introduced by "for" after the short form: "PBP1 (for Pab1p-binding protein)".
MIN_FOR: Final = 0.35

#: A single-word long form that gives the first letter at its start.
MIN_ONE_WORD: Final = 0.5

#: Longest parenthesis body considered, in characters; longer ones are asides, not definitions.
MAX_BODY: Final = 300
#: How far back (characters) a long form can start.  Windows are counted in words too.
MAX_BACK: Final = 400
#: How far back a list of abbreviations may have been announced ("Abbreviations:").
MAX_ANNOUNCED: Final = 2000
#: How many of the texts it last tokenised a finder keeps for :meth:`_Finder.tokens_of`: the
#: readings of one bracket each tokenise a text of their own.
_WINDOWS_KEPT: Final = 4
_token_start: Final = operator.itemgetter(0)
_token_end: Final = operator.itemgetter(1)

_OPENS: Final = "([（［"
_CLOSES: Final = ")]）］"


# An innermost bracket whose body starts with a non-space: the stdlib engine with a negated
# class and no nested quantifier -- linear, and several times faster per attempt than
# ``regex`` on inputs made of brackets.  One level of nesting is handled in ``_brackets``.
_paren_re: Final = lazy(
    re.compile, r"[(\[（［][ \t]*(?=[^\s()\[\]（）［］])[^()\[\]（）［］]*[)\]）］]")


# The rest of an enclosing bracket after an inner one closes: "(Su(fu))", "(CBSI (see below))".
_outer_rest_re: Final = lazy(re.compile, r"[^()\[\]（）［］]{0,300}[)\]）］]")


# A word that could be a short form in a trigger phrase: it has at least two capitals, or a
# capital and a digit (checked further in Python).
# A key of a list of abbreviations (one such word) starts after white space or one of these,
# and holds, besides letters and digits, only these marks.
_KEY_GAPS: Final = ",;("
_KEY_MARKS: Final = "&./-"
_SFWORD: Final = (r"\p{Ll}{0,3}[\p{Lu}\p{N}][\p{L}\p{N}" + regex.escape(_KEY_MARKS)
                  + r"]{0,14}+")
_Q_OPEN: Final = "\"“‘'«"
_Q_CLOSE: Final = "\"”’'»"

# Trigger phrases are found by plain substring search (much faster than one regular expression
# with many alternatives), then checked with an anchored expression at each hit.
_TRIGGER_WORDS: Final = (
    " or ", "stand", "stood", "short", "abbreviat", "acronym",
    "herein", "hereafter", "henceforth", "known", "called", "=", ":",
)  # fmt: skip


@functools.cache
def _trigger_variants() -> tuple[tuple[str, str], ...]:
    """(trigger word, surface searched) pairs.  "or" is searched after a space or a line break
    and checked for the white space after it in ``find_definitions``."""
    out: list[tuple[str, str]] = [(" or ", " or"), (" or ", "\nor")]
    out.extend((w, w) for w in _TRIGGER_WORDS if w != " or ")
    return tuple(out)


# The "=" of "KEY = long form" or "KEY=long form": after a key with a capital or a digit (the
# look-behind is bounded), before a letter.
_equals_re: Final = lazy(regex.compile, r"=(?<=[\p{Lu}\p{N}][\p{L}\p{N}&./\-]{0,12} ?=)(?= *\p{L})")


def _equals_positions(text: str) -> list[int]:
    """Where ``_equals_re`` matches in ``text``.

    Each "=" is found by ``str.find``; where the characters the expression would read around
    it are ASCII (nearly always), they are read by code: compiled, many times cheaper than a
    match of the expression, whose look-behind is tried at every "=" ("AB=AB=AB…", a table of
    options).  Elsewhere the expression decides.
    """
    out = []
    n = len(text)
    i = text.find("=")
    while i >= 0:
        k = i + 1
        while k < n and text[k] == " ":
            k += 1
        j = i - 1 if i > 0 and text[i - 1] == " " else i  # " ?=": one space may come before
        lo = max(0, j - 13)  # a capital or digit, then at most twelve key characters
        if k == n:
            break  # nothing after this "=", and no "=" after it either
        if not (text[k].isascii() and text[lo:j].isascii()):
            if _equals_re().match(text, i) is not None:
                out.append(i)
        elif text[k].isalpha():
            p = j - 1
            while p >= lo:
                c = ord(text[p])
                if 65 <= c <= 90 or 48 <= c <= 57:  # a capital or a digit: the key holds one
                    out.append(i)
                    break
                if not (97 <= c <= 122 or c == 38 or 45 <= c <= 47):  # a-z & - . /
                    break  # not a key character
                p -= 1
        i = text.find("=", i + 1)
    return out


# The colon of "KEY: long form": after a capital or a digit, before a space and a letter.
_colon_re: Final = lazy(regex.compile, r"(?<=[\p{Lu}\p{N}] ?): (?=\p{L})")


# A row of a table of abbreviations: "CBSI      Caribbean Basin Security Initiative", "CBSI\t...",
# "CBSI – Caribbean ...", "| CBSI | Caribbean ... |", "│CBSI │ Caribbean ... │".  The key opens its
# line (or the line's first cell) and is followed by a tab, two or more spaces, a spaced dash or
# a cell border (ASCII or box-drawing).  These lines are found by a standard-library expression,
# which passes over the text's line breaks faster than ``regex`` does; its quantifiers are
# possessive from Python 3.11 on, so that a line that opens with an ordinary word fails at once.
# The key needs two capitals or digits (one lower-case letter may come between them: PhD); it is
# checked further in Python.
#: The vertical borders of a table drawn with box characters, and of any table cell.
_BOX_BORDERS: Final = "│┃║"
_BORDERS: Final = "|" + _BOX_BORDERS
#: The dashes that may stand between a row's key and its long form, and all that may.
_DASHES: Final = "–—‐-"
_KEY_GAP: Final = " \t" + _BORDERS + _DASHES
_POSSESSIVE_ROW: Final = (
    r"[ \t]*+(?:[" + _BORDERS + r"][ \t]*+)?"
    r"(?P<sf>[a-z]{0,3}+[^\W_a-z][a-z]?[^\W_a-z][\w&./\-]{0,15}+)"
    r"(?:\t|  |[ \t]*[" + _BORDERS + r"]|[ \t][" + _DASHES + r"][ \t])"
)
_ROW: Final = (
    _POSSESSIVE_ROW if sys.version_info >= (3, 11)
    else _POSSESSIVE_ROW.replace("*+", "*").replace("}+", "}")
)
_row_re: Final = lazy(re.compile, "\n" + _ROW)
_first_row_re: Final = lazy(re.compile, _ROW)

# Where a table cell's long form ends: a tab, two spaces, a cell border, a bracket (a note
# after it) or the end of the line.
_cell_end_re: Final = lazy(re.compile, r"\t|  |[" + _BORDERS + r"(\[]|\r?\n")

# A key written as a short form would be in a trigger phrase.
_sfword_re: Final = lazy(regex.compile, _SFWORD)

# Characters of code, not of a name, in a table cell.
_code_cell_re: Final = lazy(re.compile, r"[<>=*{}_%#@\\]")


#: What comes before the key of "KEY: long form" (besides the start of the text or a line,
#: or a bracket): the end of a list item, a sentence or a label.
_KEY_BEFORE: Final = frozenset({", ", "; ", ". ", ": "})


def _opens_item(text: str, i: int) -> bool:
    """Whether a key starting at ``i`` opens the text, a line, a bracket or a list item."""
    return i == 0 or text[i - 1] in "\n([" or text[max(0, i - 2) : i] in _KEY_BEFORE


_SF_BEFORE_WORDS: Final = frozenset({"stand", "stood", "short", "abbreviat", "acronym"})


# Abbreviation lists: "CDB = Caribbean Development Bank; OAS = Organization of American States".
_eq_re: Final = lazy(regex.compile,
                     rf"(?:^|(?<=[\s{regex.escape(_KEY_GAPS)}]))(?P<sf>{_SFWORD})$")


def _key_before(text: str, end: int) -> regex.Match[str] | None:
    """The key of a list entry ending at ``end`` ("CDB" in "CDB = ..."), within 24 characters.

    A key holds no white space, comma, semicolon or bracket, and starts after one (or at the
    start of the text): it can only start just after the last of them, so ``_eq_re`` is tried
    there alone instead of at every character of the stretch.  (``str.isspace`` also takes the
    four information separators, which the expression's white space does not: a key cannot
    hold them either, so stopping at one only leaves the expression to fail there.)  An ASCII
    character that is neither a gap nor part of a key ("=" in "AB=AB") ends the search at once.
    """
    lo = max(0, end - 24)
    if end and text[end - 1] == "\n":
        # "$" also matches before a final line break, so the key may end before it.
        return _eq_re().search(text, lo, end)
    start = end
    while start > lo:
        char = text[start - 1]
        if _key_gap(char):
            break
        if char.isascii() and not (char.isalnum() or char in _KEY_MARKS):
            return None  # no gap after it, and no key holds it: no key ends at ``end``
        start -= 1
    if start == end or (start == lo > 0 and not _key_gap(text[lo - 1])):
        return None  # no key, or one that starts before the stretch
    return _eq_re().match(text, start, end)


def _key_gap(char: str) -> bool:
    return char in _KEY_GAPS or char.isspace()


# "Long Form, or LF," -- matched at the space before "or".
_or_re: Final = lazy(regex.compile, rf"""\sor\s++(?:the\s++)?[{_Q_OPEN}]?(?P<sf>{_SFWORD})
    (?=[{_Q_CLOSE}]?(?:[\s,;:.)]|$))""", regex.VERBOSE)


# "LF stands for Long Form", "LF is short for ...", "LF, short for ...", "LF is an acronym for".
_st_re: Final = lazy(regex.compile, rf"""(?:^|(?<=[\s"“(]))(?P<sf>{_SFWORD})[{_Q_CLOSE}]?,?\s++
    (?:(?:stands|stood|standing)\s++for|short\s++for
      |(?:is|was)\s++(?:short|an?\s++(?:abbreviation|acronym)|the\s++(?:abbreviation
      |acronym))\s++(?:for|of))\s++""", regex.VERBOSE)


# The trigger word of such a phrase where it stands, with the space before it and "for" or "of"
# after: most occurrences ("understand", "a standard", "in short") fail this at once, without
# the phrase's expression being tried at every character around them.
_st_word_re: Final = lazy(
    re.compile, r"(?<=\s)(?:stands|stood|standing|short|abbreviation|acronym)\s+(?:for|of)\s")


# White space within one paragraph: at most one line break (a definition never spans a blank
# line, so that reading a text paragraph by paragraph finds what reading it whole finds).
_SP: Final = r"[^\S\n]*+(?:\n[^\S\n]*+)?"
_SP1: Final = rf"(?=\s){_SP}"

# "Long Form, hereinafter (referred to as) LF", "..., also known as LF", "abbreviated as LF".
_h_re: Final = lazy(regex.compile, rf"""(?P<h>hereinafter|hereafter|henceforth|known{_SP1}as|called
      |abbreviated(?:{_SP1}(?:as|to))?)
    (?:{_SP1}(?:referred{_SP1}to{_SP1}as|called))?{_SP}(?:the{_SP1})?
    [{_Q_OPEN}]?(?P<sf>{_SFWORD})""", regex.VERBOSE)


# Phrases that introduce a short form inside parentheses: "(hereinafter "X")", "(also known as
# X)", "(or X)", "(abbreviated X)", "(denoted by X)", "(i.e., X)".  Longest alternatives first.
# Plain ASCII, so the standard library compiles it (and "for the", below), several times faster
# than ``regex``; it reads them alike, which a test checks.
_intro_re: Final = lazy(re.compile, r"""
    (?:(?:hereinafter|hereafter|henceforth)[ \t\r\n,]*+
        (?:(?:referred[ \t\r\n]++to|called|designated|known)[ \t\r\n]++as[ \t\r\n]++
          |called[ \t\r\n]++)?
    | (?:also[ \t\r\n]++)?(?:known|referred[ \t\r\n]++to|called|termed|designated)[ \t\r\n]++
        (?:as[ \t\r\n]++)?
    | denoted[ \t\r\n]++(?:by|as)[ \t\r\n]++
    | abbreviated(?:[ \t\r\n]++(?:as|to))?[ \t\r\n]++
    | a\.?k\.?a\.?[ \t\r\n]++
    | or[ \t\r\n]++
    | i\.e\.,?[ \t\r\n]++
    )
    (?:the[ \t\r\n]++)?
    """, re.VERBOSE | re.IGNORECASE)


_for_re: Final = lazy(re.compile, r"(?:for|i\.e\.,?|viz\.?)[ \t\r\n]++(?:the[ \t\r\n]++)?",
               re.IGNORECASE)


_quoted_re: Final = lazy(regex.compile,
                         rf"[{_Q_OPEN}]([^{_Q_OPEN}{_Q_CLOSE}\n]{{1,40}}+)[{_Q_CLOSE}]")


#: First letters of the phrases ``_intro_re`` matches (a cheap test before running it).
_INTRO_FIRST: Final = frozenset("hakrctdoiHAKRCTDOI")


_digit_re: Final = lazy(re.compile, r"\d")


# The end of the first chunk of a bracket body: ";" or "," or a bracket after a space ("Su(fu)"
# and "GATA6(-/-)" keep theirs).
_chunk_end_re: Final = lazy(re.compile, r"[;,]|(?<=\s)[(\[（［]")


# A paragraph's lead-in to a list of abbreviations ("Abbreviations:", "ACRONYMS USED:"), found
# from the stems below, and a paragraph break.
_announce_re: Final = lazy(re.compile, r"(?i)\b(?:abbreviations?|acronyms?)(?:[ \t]+used)?[ \t]*:")
_LEAD_IN_STEMS: Final = ("bbreviation", "cronym", "BBREVIATION", "CRONYM")
_para_break_re: Final = lazy(re.compile, r"\n[ \t]*\r?\n")


# Where a long form cannot reach back over: sentence ends, clause punctuation, brackets,
# paragraph breaks, the start of a list item ("\n  * ", "\n- ").  The dot of a dotted
# initialism is no sentence end ("U.S. Coast Guard").
# A colon before a lower-case letter, a digit or a lone capital joins the parts of a word or a
# number ("peptide:N-glycanase", "1:2"), not before a capitalised word.
_boundary_re: Final = lazy(
    regex.compile,
    r"""[.!?](?<!\.\p{Lu}\.)["”’)]?\s++(?=[\p{Lu}\p{N}"“(])|[;{}•|]"""
    r"""|:(?![\p{Ll}\p{N}]|\p{Lu}(?!\p{Ll}))|\n[ \t]*+(?:\r?\n|[-*+‣][ \t])|[()\[\]（）［］]""")


# The word just before a parenthesis, as a short form written first: "ATF (Bureau of ...)".
_sf_before_re: Final = lazy(
    regex.compile,
    r"(?:^|(?<=[\s\"“(\[/]))(?P<sf>[\p{L}\p{N}][\p{L}\p{N}&./\-]{0,14}+)[\"”’]?"
    r"[ \t]*+(?:\r?\n[ \t]*+)?$")


#: The characters a short form written first follows in ``_sf_before_re``, white space aside.
_SF_BEFORE_AFTER: Final = frozenset('"“([/')


def _sf_before(text: str, lo: int, end: int) -> regex.Match[str] | None:
    """``_sf_before_re().search(text, lo, end)``, with the expression tried only where a match
    can start.

    A match runs to ``end``, and only white space may follow its short form and closing quote:
    so it starts inside the last run of characters other than " ", tab and line breaks, after
    a character that may come before it (or at the text's start), on a letter or digit.  Each
    such place is tried in turn, leftmost first, as a search would; ``match`` at a place is
    the search's attempt there, since both read the text before ``lo``.  Where the search tries
    every place of the twenty characters, this usually tries one.
    """
    stop = end
    while stop > lo and text[stop - 1] in " \t\r\n":
        stop -= 1
    start = stop
    while start > lo and text[start - 1] not in " \t\r\n":
        start -= 1
    match = _sf_before_re().match
    for at in range(start, stop):
        ch = text[at]
        if ch.isascii() and not ch.isalnum():
            continue  # a short form starts on a letter or digit
        if at:
            before = text[at - 1]
            if before.isascii() and not before.isspace() and before not in _SF_BEFORE_AFTER:
                continue
        found = match(text, at, end)
        if found is not None:
            return found
    return None


# Things that are never short forms: maths and units, percentages, citations.
_bad_sf_re: Final = lazy(regex.compile, r"[=<>%±×~≤≥]|\+.|\bet\.? al\b|\d[.,]\d", regex.IGNORECASE)


_VOWELS: Final = frozenset("aeiouy")


_word_runs_re: Final = lazy(re.compile, r"[^\W_]+")


# One file name in lower case, with its folders: "dsa-sign.c", "mpn/generic/gcd.c" (a name in
# capitals, "FastText.zip", may be a product's).
_file_name_re: Final = lazy(re.compile, r"[a-z0-9_./-]*[a-z0-9_]\.[a-z][a-z0-9]{0,3}")


# A dot inside a name: "pp.explain", "os.path".
_inner_dot_re: Final = lazy(re.compile, r"\w\.[^\W\d]")


# A placeholder's separator in a usage line, then an option: "(INSTANCE : --region=REGION)".
_usage_re: Final = lazy(re.compile, r"[:|]\s+--?[^\W\d_]")


# A word cut by a hyphen at the end of a line: "(DECRYP‐\n   TION_KEY)".
_line_break_re: Final = lazy(re.compile, r"[-‐‑][ \t]*\r?\n")


_roman_lower_re: Final = lazy(regex.compile, r"(?:x{0,3})(?:ix|iv|v?i{0,3})")


_POSSESSIVE_TAIL: Final = ("'s", "’s", "ʼs")


#: What separates the locants of a chemical name: "1,3-", "1, 3-", "2',3'-".
_LOCANT_GAPS: Final = frozenset({",", ", ", "',", "', ", "’,", "’, "})


#: Nouns that classify by a number written after them: "type 1", "class II", "phase 3".
_CLASSIFIERS: Final = frozenset(
    "type class group phase stage grade level category subtype tier generation".split()
)
_DIGITS: Final = frozenset("0123456789")


#: ``offer(score, short_span, long_span, pattern)``: proposes one reading of a bracket.
_Offer = Callable[[float, tuple[int, int], tuple[int, int], str], None]


class _Found(NamedTuple):
    score: float
    definition: Definition


# --- short-form shape ---------------------------------------------------------------------------


_SF_CLASSES: Final[dict[str, str]] = {}


def _sf_class(s: str) -> str:
    """ "acro" for a clear short form, "weak" for a word-like one, "" for not a short form.

    Memoised (the same strings recur); see :func:`_classify_sf`.
    """
    got = _SF_CLASSES.get(s)
    return got if got is not None else remember(_SF_CLASSES, s, _classify_sf(s))


def _classify_sf(s: str) -> str:
    """ "acro" for a clear short form, "weak" for a word-like one, "" for not a short form.

    General typography: a short form has at least two letters-or-digits, at least one letter,
    no maths or unit symbols, is at most three short words, and is not a lower-case Roman
    numeral or a bare number.  Two capitals, or a capital and a digit, make it "acro".
    """
    if not s or len(s) > 20 or not s[0].isalnum():
        return ""
    words = s.split()
    if len(words) > 3:
        return ""
    alnum, letters, upper = _char_counts(s)
    digits = alnum - letters
    if alnum < 2 or letters == 0:
        return ""
    if alnum < len(s) and _bad_sf_re().search(s):
        return ""  # (only letters and digits hold none of the signs the expression looks for)
    if len(words) > 1:
        # "CARICOM IMPACS", "apo B": every word short, most words with a capital.
        if any(len(w) > 10 for w in words):
            return ""
        if sum(not any(c.isupper() or c.isdigit() for c in w) for w in words) > 1:
            return ""
        if upper == 0:
            return ""
        if upper == 1 and not digits and len(s) > 8:
            return "weak"  # "G protein": a symbol and a word; the word must be explained too
    if s[0].isdigit() and upper == 0:
        return ""  # "5 mg", "3rd", "2010s"
    if upper == 0 and not s.strip("ivx") and _roman_lower_re().fullmatch(s):
        return ""
    if upper >= 2 or (upper and digits) or (upper and not s[0].isupper()):
        return "acro"
    if upper == 1 and len(s) <= 2:
        # "Hb"-like two-letter forms are common and rarely words; "If" and "In" are words.
        return "weak" if s.lower() in _TWO_LETTER_WORDS else "acro"
    if len(s) > 8:
        return ""  # a long word-like string is a word
    return "weak"


def _char_counts(s: str) -> tuple[int, int, int]:
    """How many characters of ``s`` are letters or digits, letters, and upper-case letters.

    ASCII characters are told apart by their code (compiled, a comparison, where ``isalpha``
    and ``isupper`` are method calls); others by the ``str`` methods.
    """
    alnum = letters = upper = 0
    for c in s:
        code = ord(c)
        if code < 128:
            if c.isalnum():
                alnum += 1
                if code >= 65:  # past the digits: a letter
                    letters += 1
                    upper += code <= 90
        else:
            alnum += c.isalnum()
            letters += c.isalpha()
            upper += c.isupper()
    return alnum, letters, upper


#: Two-letter English words, capitalised at the start of a sentence or an aside: "(If the full
#: traceback is desired, ...)" opens with a word, not a short form.
_TWO_LETTER_WORDS: Final = frozenset(
    "am an as at be by do go he if in is it me my no of on or so to up us we".split()
)


def _has_vowel(s: str) -> bool:
    """Whether a word-like short form could be read as a word: "Hprt" could not."""
    return not s[0].isupper() or bool(_VOWELS.intersection(s.lower()))


def _letters_of(word: str) -> str:
    """The letters of ``word``, without digits or marks."""
    return "".join(c for c in word if c.isalpha())


def _cut_at_line_end(text: str, s: int, e: int) -> bool:
    """Whether ``text[s:e]`` holds or ends in a word cut by a hyphen at a line's end:
    "(DECRYP‐\n   TION_KEY)" names no short form "DECRYP‐"."""
    m = _line_break_re().search(text, s, min(len(text), e + 8))
    return m is not None and m.start() < e


def _word_stems(s: str) -> str:
    """The letters and digits of ``s``'s words, each without a final "s": the same for a name
    and for the name written again with other separators or number ("file (or files)",
    "CREATE ROLE (CREATE_ROLE(7))"), but not in other capitals ("pauses (PAUSE)", a label)."""
    words = _word_runs_re().findall(s)
    return "".join(w[:-1] if len(w) > 2 and w[-1] in "sS" else w for w in words)


def _stems_length(s: str) -> int:
    """``len(_word_stems(s))`` without building it: two names whose lengths differ (nearly
    every short and long form) are told apart at once."""
    n = run = 0
    last = ""
    for c in s + " ":
        if c.isalnum():  # the expression's word runs: str.isalnum is its class, less "_"
            run += 1
            last = c
        elif run:
            n += run - 1 if run > 2 and last in "sS" else run
            run = 0
    return n


def _strip_quotes(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in _Q_OPEN + " \t\r\n":
        s += 1
    while e > s and text[e - 1] in _Q_CLOSE + " \t\r\n.,":
        e -= 1
    return s, e


def _keep_dot(text: str, s: int, e: int) -> tuple[int, int]:
    """Keep the final dot of a dotted short form ("d.p.c.", "U.S.")."""
    if e < len(text) and text[e] == "." and "." in text[s:e]:
        return s, e + 1
    return s, e


# --- windows ------------------------------------------------------------------------------------


def _words_back(text: str, end: int, lo: int, n: int) -> int:
    """Start of the ``n``-th white-space word before ``end`` (``lo`` if there are fewer)."""
    seg = text[lo:end]
    parts = seg.rsplit(None, n)
    if len(parts) <= n:
        return lo
    k = len(parts[0])  # the head keeps its text; only the white space after it is cut
    while k < len(seg) and seg[k].isspace():
        k += 1
    return lo + k


def _window_start(text: str, start: int, end: int, lo: int) -> int:
    """The earliest offset a long form ending at ``end`` may start from, no earlier than
    ``start`` (the word window's start, itself no earlier than ``lo``): the last boundary
    between them moves it on."""
    for m in _boundary_re().finditer(text, start, end, concurrent=False):
        at, after = m.span()
        ch = text[at]
        # Brackets attached to a word are part of it: "poly(A) polymerase", "Ca(2+) influx".
        if (
            ch in "(["
            and at > 0
            and text[at - 1].isalnum()
            and text.find(")" if ch == "(" else "]", at, end) >= 0
        ):
            continue
        if ch in ")]" and _attached_close(text, at, lo):
            continue
        start = after
    return start


def _letters_in_order(units: str, text: str, lo: int, end: int) -> bool:
    """Whether the letters of ``units`` occur in order in ``text[lo:end]`` (a cheap filter:
    no alignment can explain a letter the window lacks; digits and Greek letters may be
    spelled differently, so they are not required).

    Only the order of the ASCII letters matters here, not their offsets, so a window with
    other characters is decomposed and case-folded whole (NFKD): several times faster than
    :func:`fold`, one character at a time.  Every ASCII letter that :func:`fold` makes of a
    character is in that character's decomposition, so the filter lets through whatever the
    aligner could read.
    """
    window = text[lo:end]
    if window.isascii():
        window = window.lower()
    else:
        window = unicodedata.normalize("NFKD", window).casefold()
    p = 0
    if units[-1:] in ("s", "p"):
        units = units[:-1]  # a plural or a product suffix the long form need not show
    for u in units:
        if u.isalpha() and u.isascii():
            p = window.find(u, p) + 1
            if not p:
                return False
    return True


def _attached_close(text: str, close: int, lo: int) -> bool:
    """Whether the bracket closing at ``close`` opened right after a letter or digit."""
    opener = "(" if text[close] == ")" else "["
    o = text.rfind(opener, max(lo, close - 30), close)
    return o > lo and text[o - 1].isalnum()


def _limit_words(tokens: list[Token], units: int) -> list[Token]:
    """Keep the last ``min(units + 5, 2 * units)`` white-space words of ``tokens``.

    Function words are not counted: "Food and Agriculture Organization of the United Nations
    (FAO)" has five content words.  (The window they are taken from allows a few more words.)
    """
    limit = max(2, min(units + 5, units * 2))
    words = 0
    for i in range(len(tokens) - 1, -1, -1):
        if (tokens[i].space_before or i == len(tokens) - 1) and not tokens[i].func:
            words += 1
            if words > limit:
                return tokens[i + 1 :]
    return tokens


def _balance(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """Close a bracket the long form opened: "Ca(2+) release-activated Ca(2" -> "...Ca(2+)"."""
    s, e = span
    depth = text.count("(", s, e) - text.count(")", s, e)
    i = e
    while depth > 0 and i < len(text) and i - e < 12 and not text[i].isspace():
        if text[i] == ")":
            depth -= 1
            if depth == 0:
                return s, i + 1
        elif text[i] == "(":
            break
        i += 1
    return s, e


def _holds_name(text: str, s: int, e: int, name: str) -> bool:
    """Whether ``name`` is written in ``text[s:e]`` as a whole word (not inside a longer name:
    letters, digits and underscores go on a name)."""
    i = text.find(name, s, e)
    while i >= 0:
        j = i + len(name)
        if (i == s or not _name_char(text[i - 1])) and (j == e or not _name_char(text[j])):
            return True
        i = text.find(name, i + 1, e)
    return False


def _name_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def _chunk_start(text: str, pos: int, reach: int, stops: str) -> int:
    """Where the run of characters other than ``stops`` that ends at ``pos`` starts, looking
    back at most ``reach`` characters."""
    lo = max(0, pos - reach)
    start = lo
    for c in stops:  # a loop: compiled, a generator costs an object and a call per item
        start = max(start, text.rfind(c, lo, pos) + 1)
    return start


def _called(text: str, open_i: int, bs: int, be: int) -> bool:
    """Whether the bracket at ``open_i``, its body ``text[bs:be]``, holds the arguments of a
    call in code: it is attached to a name with an underscore or a dot inside
    ("os_release.get('NAME')", "pp.explain(pe)"), and its body is not a short form in capitals
    ("mental_creation(MCR)", a label)."""
    if not _name_char(text[open_i - 1]):
        return False
    body = text[bs:be]
    if body.isalnum() and body[0].isupper() and _capitals_shaped(body):
        return False
    name = text[_chunk_start(text, open_i, 80, " \n\t(\"'") : open_i]
    return "_" in name or _inner_dot_re().search(name) is not None


def _closes_unopened(text: str, s: int, e: int) -> bool:
    """Whether ``text[s:e]`` closes a round bracket it did not open."""
    if text.find(")", s, e) < 0:
        return False
    depth = 0
    for i in range(s, e):
        c = text[i]
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth < 0:
                return True
    return False


def _starts_with(tokens: Sequence[Token], first: int, unit: str) -> bool:
    """Whether the white-space word starting at ``tokens[first]`` gives ``unit`` at the start
    of one of its parts ("pre-T cell", "c-Jun", "eXtensible"), or is a number (after a
    classifying noun: "type 1")."""
    if (
        tokens[first].fold in _CLASSIFIERS
        and first + 1 < len(tokens)
        and (tokens[first + 1].number or tokens[first + 1].fold[:1].isdigit())
    ):
        first += 1
    i = first
    while i < len(tokens) and (i == first or not tokens[i].space_before):
        t = tokens[i]
        lead = t.fold[:1]
        if lead == unit or lead in _DIGITS or t.number or unit in (t.fold[p] for p in t.bounds):
            return True
        i += 1
    return False


def _key_start(text: str, lo: int, eq: int) -> int:
    """Start of the word before the "=" at ``eq`` (not before ``lo``)."""
    j = eq
    while j > lo and text[j - 1] in " \t":
        j -= 1
    while j > lo and not text[j - 1].isspace():
        j -= 1
    return j


def _capitals_shaped(s: str) -> bool:
    """Two capitals, or a capital and a digit: the shape of a short form in a list or table."""
    upper = sum(c.isupper() for c in s)
    return upper >= 2 or (upper == 1 and any(c.isdigit() for c in s))


def _initials_covered(tokens: Sequence[Token], units: str) -> bool:
    """Whether every content word gives its initial to the short form (numbers aside)."""
    return all(
        t.func or t.number or not t.space_before or t.fold[:1] in units for t in tokens
    )


def _drop_articles(tokens: Sequence[Token]) -> int:
    """Index of the first token after leading articles."""
    i = 0
    while i < len(tokens) - 1 and tokens[i].fold in ARTICLES:
        i += 1
    return i


#: What a glossary knows: the long forms it gives for a short form as written.
Named = Callable[[str], Sequence[str]]


def _written_before(text: str, end: int, floor: int, long: str) -> int | None:
    """Where ``long`` starts when ``text`` writes it to end at ``end`` (not before
    ``floor``): in any case, with any white space between its words, and no letter or digit
    before it."""
    words = long.split()
    pos = end
    for i in range(len(words) - 1, -1, -1):
        if i < len(words) - 1:
            if pos <= floor or not text[pos - 1].isspace():
                return None
            while pos > floor and text[pos - 1].isspace():
                pos -= 1
        start = pos - len(words[i])
        if start < floor or text[start:pos].casefold() != words[i].casefold():
            return None
        pos = start
    return None if pos > 0 and text[pos - 1].isalnum() else pos


def _written_after(text: str, start: int, end: int, long: str) -> int | None:
    """Where ``long`` ends when ``text`` writes it from ``start`` (ending by ``end``), as
    :func:`_written_before` reads it, with no letter or digit after it."""
    pos = start
    for i, word in enumerate(long.split()):
        if i:
            if pos >= end or not text[pos].isspace():
                return None
            while pos < end and text[pos].isspace():
                pos += 1
        stop = pos + len(word)
        if stop > end or text[pos:stop].casefold() != word.casefold():
            return None
        pos = stop
    return None if pos < len(text) and text[pos].isalnum() else pos


_article_re: Final = lazy(regex.compile, r"(?:the|a|an)\s+", regex.IGNORECASE)


# --- the finder ---------------------------------------------------------------------------------


class _Finder:
    """State for one text: the definitions so far, and the keys they define."""

    def __init__(self, text: str, named: Named | None = None) -> None:
        self.text = text
        self.named = named
        self.found: dict[tuple[int, int], _Found] = {}
        self.defined: set[str] = set()
        self.floor = 0  # long forms do not reach back before the end of the last definition
        self.windows: list[list[Token]] = []  # the last few texts tokenised, see tokens_of

    # -- tokens --

    def window_tokens(self, start: int, end: int) -> list[Token]:
        """The tokens of ``text[start:end]``, kept for :meth:`tokens_of`."""
        tokens = tokenize(self.text, start, end)
        if tokens:
            windows = self.windows
            if len(windows) == _WINDOWS_KEPT:
                del windows[0]
            windows.append(tokens)
        return tokens

    def tokens_of(self, start: int, end: int) -> Sequence[Token]:
        """The tokens of a long form ``text[start:end]``.

        A long form is nearly always read from the tokens of a wider text (the words before a
        bracket): when it starts and ends with tokens of one of the last few such texts, those
        tokens are its own, and it is not tokenised again.  Only the first token's
        ``space_before`` and ``hyphen`` can differ, since they look at the text before it.
        """
        for window in reversed(self.windows):
            if start <= window[-1].start and end <= window[-1].end:
                i = bisect_left(window, start, key=_token_start)
                j = bisect_left(window, end, key=_token_end)
                if window[i].start == start and window[j].end == end:
                    return window[i : j + 1]
        return tokenize(self.text, start, end)

    # -- long forms a glossary gives --

    def _longs(self, short: str) -> Sequence[str]:
        """The long forms ``named`` gives for ``short``; none without a glossary."""
        return self.named(short) if self.named is not None else ()

    def named_before(self, end: int, short: str) -> tuple[int, int] | None:
        """The span of a long form that ``named`` gives for ``short``, written right before
        ``end`` (white space, quotes and a possessive aside), if any."""
        longs = self._longs(short)
        if not longs:
            return None
        text = self.text
        while end > self.floor and text[end - 1] in ' \t\r\n"”,':
            end -= 1
        if text.endswith(_POSSESSIVE_TAIL, self.floor, end):
            end -= 2
        for long in longs:
            start = _written_before(text, end, self.floor, long)
            if start is not None:
                return start, end
        return None

    def named_after(self, start: int, end: int, short: str) -> tuple[int, int] | None:
        """The span of a long form that ``named`` gives for ``short``, written from ``start``
        (after an article) and ending by ``end``, if any."""
        longs = self._longs(short)
        if not longs:
            return None
        text = self.text
        article = _article_re().match(text, start, end)
        if article is not None:
            start = article.end()
        if start > 0 and text[start - 1].isalnum():
            return None
        for long in longs:
            stop = _written_after(text, start, end, long)
            if stop is not None:
                return start, stop
        return None

    # -- recording --

    def add(
        self, short: tuple[int, int], long: tuple[int, int], pattern: str, score: float
    ) -> bool:
        """Record a definition; False when the long form is not acceptable."""
        text = self.text
        long = _balance(text, long)
        words = text[long[0] : long[1]].rsplit(None, 1)
        if text.startswith(".", long[1]) and words and "." in words[-1]:
            long = (long[0], long[1] + 1)  # "the Bank of the U.S. (BUS)" keeps the final dot
        if text.endswith(_POSSESSIVE_TAIL, long[0], long[1]) and long[1] - long[0] > 3:
            long = (long[0], long[1] - 2)  # "the Regional Security System's (RSS) budget"
        s_txt, l_txt = text[short[0] : short[1]], text[long[0] : long[1]]
        if not s_txt or not l_txt or fold(s_txt) == fold(l_txt):
            return False
        if not self._long_ok(s_txt, long):
            return False
        old = self.found.get(short)
        if old is not None and old.score >= score:
            return True
        d = _definition(s_txt, l_txt, short, long, key_of(s_txt), pattern,
                        round(min(1.0, max(0.0, score)), 4))
        self.found[short] = _new(_Found, (score, d))  # compiled, one call in C
        # A later long form before a bracket starts after this definition's last word: its
        # words are not another name's ("Alpha Beta Gamma, or ABG, Delta (ABGD)").
        self.floor = max(self.floor, max(short[1], long[1]))  # two-argument max() is inlined
        self.defined.add(fold(s_txt))
        self.defined.add(fold(d.key))
        return True

    def _long_ok(self, short: str, long: tuple[int, int]) -> bool:
        """Reject "long forms" that are only variants of the short form, or parts of an address.

        "HsORC (ORC)", "Myo3/5p (Myo5p)", "GATA6-deficient (GATA6(-/-))": a long form has at
        least one word-like token, and no single token spells the whole short form.
        "#the-whatwg-url-api [WHATWG …]", "https://example.org/alpha-beta (AB)": a long form
        does not start inside an anchor, a path or a web address.  Nor does it cross the border
        of a table drawn with box characters ("ip6tnl │ An IPv4 or IPv6").  A short form with
        dots between its letters ("S.A.") abbreviates as many words, never one.  Nor is a long
        form one lower-case file name ("* dsa-sign.c (dsa_sign):"), nor does it start inside a
        "--" option, hold its short form, repeat it ("file (or files)") or close a bracket it
        did not open.
        """
        text = self.text
        long_text = text[long[0] : long[1]]
        if any(border in long_text for border in _BOX_BORDERS):
            return False
        chunk = _chunk_start(text, long[0], 200, " \n\t")
        if chunk < long[0] and (
            text[chunk] in "#/" or text.startswith("--", chunk)
            or text.find("#", chunk, long[0]) >= 0
            or text.find("://", chunk, long[0]) >= 0
        ):
            return False
        if "." in short[:-1] and len(long_text.split()) == 1:
            return False  # "Geocontrol S.A. (Spain)": each dotted letter stands for a word
        if "." in long_text and _file_name_re().fullmatch(text, long[0], long[1]):
            return False  # "* dsa-sign.c (dsa_sign): ...", a change log's file and function
        if " " not in short and _holds_name(text, long[0], long[1], short):
            return False  # "--logs=APP_LOG,[APP_LOG,...]": the long form holds the short form
        name = short.split("(", 1)[0]
        if _stems_length(name) == _stems_length(long_text) and _word_stems(
                name) == _word_stems(long_text):
            return False  # "file (or files)", "CREATE ROLE (CREATE_ROLE(7))": the same name
        if _closes_unopened(text, long[0], long[1]):
            return False  # "DROP_TABLE(7), CREATE VIEW": it starts inside another bracket
        tokens = self.tokens_of(long[0], long[1])  # only starts, ends, folds, cap and func read
        units = short_units(short)
        if len(tokens) == 1 and len(tokens[0].fold) > len(units) and _letters_of(
                tokens[0].fold) == _letters_of(units):
            return False  # "TARGET (target1)": the short form with a number added
        # A capitalised name whose initials spell the short form may hold it as a word too:
        # "Sun Unix Network (SUN)", not "CC=cc ./configure".
        named = all(t.cap for t in tokens) and "".join(t.fold[:1] for t in tokens) == units
        wordlike = False
        for t in tokens:
            surface = text[t.start : t.end]
            if surface == short or (t.fold == units and not named):
                # "H-Ras (Ras)": the short form itself is a word of the name; "CLASS=class"
                # below", "HEADER - The header files": a word, assigned or described
                return False
            acro = _sf_class(surface) == "acro"
            if acro and units in t.fold:
                return False  # "GATA6-deficient", "GABAB receptor": a variant of the symbol
            if t.func or wordlike:
                continue  # "FANCC, and FANCG": a list of symbols is not a long form
            letters = _char_counts(surface)[1]
            if (letters >= 2 and not acro) or (letters >= 6 and surface.isalpha()):
                wordlike = True  # a word, possibly in capitals ("ETHYLENE-RESPONSE-FACTOR1")
        return wordlike

    # -- long form before a known end --

    def _extend_name(self, tokens: list[Token], first: int) -> int:
        """Widen a title-case long form leftwards over the head of a name.

        "the Bureau of Alcohol, Tobacco, Firearms and Explosives (ATF)": the letters start at
        "Alcohol", but after a definite article a capitalised head joined by "of"/"for" belongs
        to the name.  Likewise a short form already defined in the text ("CARICOM") directly
        before a capitalised long form is part of the name.
        """
        if not tokens[first].cap:
            return first
        i = first
        while True:
            if (
                i >= 3
                and tokens[i - 1].fold in ("of", "for", "on")
                and tokens[i - 2].cap
                and not tokens[i - 2].func
                and tokens[i - 3].fold == "the"
            ):
                i -= 2
                continue
            if (
                i >= 1
                and tokens[i - 1].fold in self.defined
                and self.text[tokens[i - 1].end : tokens[i].start].isspace()
            ):
                prev = tokens[i - 1]
                surface = self.text[prev.start : prev.end]
                if surface.isupper() and not surface.isdigit():
                    i -= 1
                    continue
            return i

    def _extend_number(self, tokens: list[Token], first: int) -> int:
        """Widen a long form over the numbers that belong to its first word.

        A list of locants ends in a hyphenated or primed one: "1, 3-propanediol", "2',3' cyclic"
        (a lone "3' end" is a modifier, not a locant list); a classifying noun precedes its
        number: "type 1 protein phosphatase", "class II histone deacetylase".
        """
        text = self.text

        def locant_before(i: int) -> bool:
            return (
                i > 0
                and tokens[i - 1].fold.isdigit()
                and text[tokens[i - 1].end : tokens[i].start] in _LOCANT_GAPS
            )

        start = -1
        if tokens[first].fold.isdigit() and first + 1 < len(tokens) and tokens[first + 1].hyphen:
            start = first
        elif (
            first > 0
            and tokens[first - 1].fold.isdigit()
            and text[tokens[first - 1].end : tokens[first].start] in ("' ", "’ ")
            and locant_before(first - 1)
        ):
            start = first - 1
        if start >= 0:
            while locant_before(start):
                start -= 1
            return start
        tok = tokens[first]
        if (
            (tok.fold[:1].isdigit() or tok.number)
            and first > 0
            and tok.space_before
            and tokens[first - 1].fold in _CLASSIFIERS
            and text[tokens[first - 1].end : tok.start] == " "
        ):
            return first - 1
        return first

    def long_before(
        self, end: int, units: str, floor: int, plural: bool = False
    ) -> tuple[Alignment, list[Token]] | None:
        """Best long form ending before ``end`` (exclusive), explaining ``units``."""
        text = self.text
        # The word window, and a few words more for the head of a name ("the Bureau of").
        # The letters are checked first on the words alone (a superset of the window), which
        # settles most brackets before the window's boundaries are looked for.
        words = max(2, min(len(units) + 5, len(units) * 2)) + 4
        bound = max(floor, end - MAX_BACK)
        first_word = _words_back(text, end, bound, words)
        if not _letters_in_order(units, text, first_word, end):
            return None
        lo = _window_start(text, first_word, end, bound)
        if lo != first_word and not _letters_in_order(units, text, lo, end):
            return None
        tokens = self.window_tokens(lo, end)
        if not tokens:
            return None
        window = _limit_words(tokens, len(units))
        offset = len(tokens) - len(window)
        if not window:
            return None
        # The window is counted back from the parenthesis; a long form never ends in a trailing
        # function word ("... of the (X)" is not a definition).
        last = len(window) - 1
        if window[last].func and not window[last].cap:
            return None
        cands = align_ending_at(units, window, last, plural)
        if not cands:
            return None
        fallback: tuple[Alignment, list[Token]] | None = None
        for best in cands[:4]:
            # Report positions in the whole token list, so that a name can be widened beyond
            # the window ("the Bureau of" before "Alcohol, Tobacco, Firearms and Explosives").
            first = best.first + offset
            # A long form starts at the start of a white-space word: "pre-T cell receptor",
            # "c-Jun NH2-terminal kinase", "3-hydroxy-3-methylglutaryl coenzyme A".
            while first > 0 and not tokens[first].space_before:
                prev = tokens[first - 1]
                if _sf_class(text[prev.start : prev.end]) == "acro":
                    break  # "Cla4p-green fluorescent protein (GFP)": another entity's name
                gap_open = text.find("(", prev.end, tokens[first].start)
                if gap_open >= 0 and text.find(")", gap_open, tokens[best.last + offset].end) < 0:
                    break  # "p40(phox) (PX)": the long form is inside the bracket
                first -= 1
            last = best.last + offset
            got = _new(Alignment, (self._extend_number(tokens, first), last, best.score)), tokens
            # The best reading whose first word gives the first letter at the start of a part
            # ("guanine nucleotide-binding protein (G protein)", not "...-bindinG protein").
            if first == last or _starts_with(tokens, first, units[0]):
                return got
            if fallback is None:
                fallback = got
        return fallback

    # -- readings of a bracket --

    def bracket(self, open_i: int, close_i: int) -> None:
        text = self.text
        bs, be = open_i + 1, close_i
        # Tokenised text writes "( SF )": the body is what lies between the spaces.
        while bs < be and text[bs].isspace():
            bs += 1
        while be > bs and text[be - 1].isspace():
            be -= 1
        if be - bs > MAX_BODY or be - bs < 2:
            return  # an aside, or "(a)", "(C)": no reading has two letters to explain
        if open_i and (text[open_i - 1] in "=/" or _called(text, open_i, bs, be)):
            return  # a value, a path or a call: "--regions=[REGION,...]", "explain(pe)"
        offers: list[tuple[float, tuple[int, int], tuple[int, int], str]] = []
        top = -1.0

        def offer(
            score: float, short: tuple[int, int], long: tuple[int, int], pattern: str
        ) -> None:
            nonlocal top
            offers.append((score, short, long, pattern))
            top = max(top, score)

        # 1. The short form inside: "Long Form (LF)", "(hereinafter "LF")", "(LF; see below)".
        pos, pattern = bs, "long-short"
        m = _intro_re().match(text, bs, be) if text[bs] in _INTRO_FIRST else None
        if m and m.end() > bs:
            pos = m.end()
            word = text[bs : m.end()].lower()
            if word.startswith(("herein", "hereafter", "hence")):
                pattern = "hereinafter"
            elif word.startswith(("or", "i.e")):
                pattern = "long-short"
            else:
                pattern = "aka"
        shorts: list[tuple[int, int]] = []
        # Most bodies hold no quotation mark: looked for first, in C, before the expression.
        body = text[pos:be]
        quoted = (list(_quoted_re().finditer(text, pos, be))
                  if any(q in body for q in _Q_OPEN) else [])
        if quoted:
            for q in quoted:
                s, e = _keep_dot(text, *_strip_quotes(text, q.start(1), q.end(1)))
                shorts.append((s, e))
        else:
            # The first chunk: up to ";" or "," or a bracket after a space ("Su(fu)" and
            # "GATA6(-/-)" keep theirs).
            chunk_end = be
            if pos < be:
                if any(ch in body for ch in _OPENS):
                    cm = _chunk_end_re().search(text, pos + 1, be)
                    chunk_end = cm.start() if cm else be
                else:  # no bracket inside (the usual case): the first ";" or ","
                    for ch in ";,":
                        i = text.find(ch, pos + 1, chunk_end)
                        if i >= 0:
                            chunk_end = i
            if pos < be and text[pos] in ";,":
                chunk_end = pos
            s, e = _keep_dot(text, *_strip_quotes(text, pos, chunk_end))
            if e > s:
                shorts.append((s, e))
                # "UAS(GAL1/10)": the part before an attached bracket, too.
                head = text[s + 1 : min(e, s + 21)]
                if any(ch in head for ch in _OPENS):
                    br = next(i for i in range(s + 1, e) if text[i] in _OPENS)
                    shorts.append((s, br))
                # "(CBSI launched in 2010)", "(CBSI and CARSI)", "(CBSI programme)": the first
                # word alone, if it is clearly a short form and what follows is not.  A word
                # before a colon or bar and an option is a placeholder in a usage line:
                # "(INSTANCE : --region=REGION)".
                head, *rest = text[s:e].split(None, 1)
                if rest and not _usage_re().match(rest[0]) and _sf_class(head) == "acro":
                    nxt = rest[0].split(None, 1)[0]
                    if not _sf_class(text[s:e]) or (nxt.isalpha() and nxt.islower()):
                        shorts.append((s, s + len(head)))
        # The long form ends before the parenthesis, and before a possessive ("Investigations’").
        lf_end = open_i
        for s, e in shorts:
            sf = text[s:e]
            cls = _sf_class(sf)
            if not cls or _cut_at_line_end(text, s, e):
                continue
            units = short_units(sf)
            if len(units) < 2:
                continue
            named = self.named_before(lf_end, sf)
            if named is not None:
                offer(1.0, (s, e), named, pattern)
                continue
            got = self.long_before(lf_end, units, self.floor, is_plural(sf))
            if got is None:
                continue
            al, tokens = got
            need = MIN_WEAK if cls == "weak" and _has_vowel(sf) else MIN_LONG_SHORT
            if al.first == al.last and tokens[al.first].fold[:1] == units[:1]:
                # One word giving the first letter and the rest in order: "hexafluoroisopropanol
                # (HFIP)", "Groucho (Gro)".  Letters inside words are the norm here.
                need = min(need, MIN_ONE_WORD)
            elif (
                len(units) >= 3
                and len(tokens[al.first].fold) > len(units)
                and tokens[al.first].fold.startswith(units)
            ):
                # A clipping of the first word, the rest a head noun: "arcuate nucleus (Arc)".
                need = min(need, MIN_ONE_WORD)
            if al.score < need:
                continue
            if al.first < al.last and not _starts_with(tokens, al.first, units[0]):
                continue  # "synthesis initiation factor 2 (eIF2)": its first word lacks the letter
            first = self._extend_name(tokens, al.first)
            span = (s, e)
            if (
                e < be
                and text[e] in _OPENS
                and shorts[0][0] == s
                and text[shorts[0][1] - 1] in _CLOSES
                and shorts[0][1] - e <= 5
            ):
                # "protein phosphatase 1 (PP1(C))": the name explains the part before a short
                # attached bracket, and the whole form is what the text defines.
                span = shorts[0]
            offer(al.score, span, (tokens[first].start, tokens[al.last].end), pattern)

        # 2. Both inside: "(blood-brain barrier, BBB)", "(BBB, blood-brain barrier)".
        if pos == bs:
            self._inner(bs, be, offer)

        # 3. The short form before: "ATF (Bureau of Alcohol, Tobacco, Firearms and Explosives)".
        if top < 0.9:
            self._short_before(open_i, bs, be, offer)

        # The best reading whose long form is acceptable wins.
        offers.sort(key=lambda o: -o[0])
        for score, short, long, pat in offers:
            if self.add(short, long, pat, score):
                break

    def _inner(self, bs: int, be: int, offer: _Offer) -> None:
        text = self.text
        body = text[bs:be]
        cut = max(body.rfind(", "), body.rfind("; "))
        if cut < 0:
            return  # no comma or semicolon: nothing to split
        comma, semi = body.find(", "), body.find("; ")
        first_cut = comma if semi < 0 or 0 <= comma < semi else semi
        options = []
        if cut > 0:
            options.append((bs, bs + cut, bs + cut + 1, be, "lf-sf"))
        if first_cut > 0:
            options.append((bs, bs + first_cut, bs + first_cut + 1, be, "sf-lf"))
        for a0, a1, b0, b1, kind in options:
            if kind == "lf-sf":
                ls, le, ss, se = a0, a1, b0, b1
            else:
                ss, se, ls, le = a0, a1, b0, b1
            if text[le - 1] in ")]":
                # "(law enforcement agency (LEA), LEAL)": a long form holding a definition of
                # its own, as expansion writes it, defines nothing else.
                continue
            if text.find("_", ls, le) >= 0:
                continue  # "(FT_UDIVPREP, FT_UDIV)": a list of names in code
            ss, se = _strip_quotes(text, ss, se)
            sf = text[ss:se]
            cls = _sf_class(sf)
            if not cls:
                continue
            units = short_units(sf)
            if len(units) < 2 or not _letters_in_order(units, text, ls, le):
                continue  # no alignment explains a letter the long form lacks
            tokens = self.window_tokens(ls, le)
            if not tokens or len(tokens) > len(units) * 2 + 2:
                continue
            first = _drop_articles(tokens)
            score = align_fixed(units, tokens, first, len(tokens) - 1, is_plural(sf))
            need = MIN_WEAK if cls == "weak" else MIN_INNER
            if score >= need and tokens[first].fold[:1] == units[:1]:
                offer(score, (ss, se), (tokens[first].start, tokens[-1].end), "inner")

    def _short_before(self, open_i: int, bs: int, be: int, offer: _Offer) -> None:
        text = self.text
        j = open_i - 1
        while j >= 0 and text[j] in ' \t\r\n"”’':
            j -= 1
        if j > 1 and text[j] == "." and text[j - 2] == "." and text[j - 1].isalnum():
            j -= 1  # "N.A. (Not Allowed)": a dotted short form ends in its dot, a sentence
            # ("... in HMAC.\n(hmac_check): ...") in a dot after a word
        if j < 0 or not text[j].isalnum():
            return  # cheap exit: no word right before the bracket
        seg = text[max(0, open_i - 20) : open_i]
        if seg == seg.lower():
            return  # cheap exit: a short form written first has a capital
        m = _sf_before(text, max(0, open_i - 20), open_i)
        if m is None:
            return
        ss, se = m.span("sf")
        while se > ss and text[se - 1] in ".-/":
            se -= 1
        ss, se = _keep_dot(text, ss, se)
        sf = text[ss:se]
        cls = _sf_class(sf)
        cut = max(sf.rfind("-"), sf.rfind("/"))
        if cut > 0 and (cls != "acro" or not sf[:cut].isupper()):
            # "alpha/beta-SNAP (Soluble NSF Attachment Protein)": the last part.
            tail_cls = _sf_class(sf[cut + 1 :])
            if tail_cls == "acro":
                ss, sf, cls = ss + cut + 1, sf[cut + 1 :], tail_cls
        if not cls or (cls == "weak" and sf.islower()):
            return  # an ordinary word before a bracket is not a short form
        units = short_units(sf)
        if len(units) < 2:
            return
        # The long form: the body from its first word, up to the end or a clause break.
        # "PBP1 (for Pab1p-binding protein)": "for" introduces it.
        pos = bs
        need = MIN_WEAK if cls == "weak" else MIN_SHORT_LONG
        m2 = _intro_re().match(text, bs, be) or _for_re().match(text, bs, be)
        if m2 and m2.end() > bs and not text[bs : m2.end()].lower().startswith("or"):
            pos = m2.end()
            if text[bs : bs + 4].lower() == "for ":
                need = MIN_FOR  # "for" says the body is the long form: letters in order suffice
        k = pos
        while k < be and not text[k].isalnum():
            k += 1
        # Cheap exit: the body cannot start a long form for this short form.
        if k == be:
            return
        named = self.named_after(k, be, sf)
        if named is not None and text[named[1] : be].lstrip()[:1] in ("", ",", ";"):
            offer(0.99, (ss, se), named, "short-long")
            return
        if (
            text[k].islower()
            and fold(text[k]) != units[0]
            and not text[pos:k].strip()
            and not text[k:be].lower().startswith(("the ", "a ", "an "))
        ):
            return
        if not _letters_in_order(units, text, pos, be):
            return  # no alignment explains a letter the body lacks
        tokens = self.window_tokens(pos, be)
        if len(tokens) < 2 and (not tokens or len(tokens[0].fold) <= len(units)):
            return
        first = _drop_articles(tokens)
        # "Bureau of Alcohol, ...": a capitalised head joined by "of" gives no letter but is
        # part of the name; score from the word after "of" and keep the head in the span.
        head = first
        if (
            len(tokens) > first + 2
            and tokens[first].cap
            and tokens[first].fold[:1] != units[:1]
            and tokens[first + 1].fold in ("of", "for", "on")
            and tokens[first + 2].cap
        ):
            first += 2
        # "(3',5' cyclic adenosine monophosphate)": leading locants give no letter.
        while first + 1 < len(tokens) and tokens[first].fold.isdigit() and units[0].isalpha():
            first += 1
        limit = max(2, min(len(units) + 5, len(units) * 2)) + 2
        ends = []
        for i in range(first, min(len(tokens), first + limit)):
            nxt = tokens[i + 1].start if i + 1 < len(tokens) else be
            gap = text[tokens[i].end : nxt]
            if i + 1 == len(tokens) or any(c in ",;:" for c in gap):
                ends.append(i)
        best_score, best_end = -1.0, -1
        for i in ends:
            score = align_fixed(units, tokens, first, i, is_plural(sf))
            if score > best_score + 1e-9:
                best_score, best_end = score, i
        if best_end < 0 or best_score < need:
            return
        if need == MIN_FOR and not _initials_covered(tokens[first : best_end + 1], units):
            return
        if tokens[first].fold[:1] != units[:1] and not tokens[first].cap:
            return
        offer(best_score - 0.01, (ss, se), (tokens[head].start, tokens[best_end].end), "short-long")

    # -- trigger phrases ------------------------------------------------------------------------

    def trigger(self, pos: int, word: str) -> None:
        """Try the readings of a trigger phrase found at ``pos``."""
        text = self.text
        if word == " or ":
            m = _or_re().match(text, pos)
            if m:
                self._sf_after(m.start("sf"), m.end("sf"), pos, "or")
            return
        if word == "=":
            # "CDB = Caribbean Development Bank", "EN=English, FR=French" (a key to a table).
            j, k = pos, pos + 1
            while j > 0 and text[j - 1] in " \t":
                j -= 1
            while k < len(text) and text[k] in " \t":
                k += 1
            if j < pos and k == pos + 1:
                return  # "x =y" is not how a list of abbreviations is written
            m = _key_before(text, j)
            if m and k < len(text) and text[k].isalpha():
                self._lf_after(m.start("sf"), m.end("sf"), k, "glossary")
            return
        if word == ":":
            self._colon_key(pos)
            return
        if word in _SF_BEFORE_WORDS and _st_word_re().match(text, pos):
            # The phrase that holds this trigger word: the window may hold an earlier one too
            # ("UT stands for Utah, ID stands for Idaho").
            search, hi = _st_re().search, min(len(text), pos + 48)
            m = search(text, max(0, pos - 24), hi)
            while m is not None and m.end() <= pos:
                m = search(text, m.end(), hi)
            if m and m.end("sf") <= pos:
                self._lf_after(m.start("sf"), m.end("sf"), m.end(), "stands-for")
                return
        # The phrase starts a word: "CCOIMPACShereinafter" holds no trigger.
        m = _h_re().match(text, pos) if pos == 0 or not text[pos - 1].isalnum() else None
        if m:
            h = m.group("h").lower()
            pattern = "hereinafter" if h.startswith(("here", "hence")) else "aka"
            end = pos
            if pos >= 5 and text[pos - 5 : pos - 1].lower() == "also" and text[pos - 1].isspace():
                end = pos - 5  # "..., also known as LF"
            self._sf_after(m.start("sf"), m.end("sf"), end, pattern)

    def _colon_key(self, pos: int) -> None:
        """ "GUI: graphical user interface", "CG : coast guard, PF : police force": an entry of a
        list of abbreviations.  The key opens the text, a line or a list item, and is clearly
        a short form ("Note: ..." is not a key)."""
        text = self.text
        j = pos - 1 if text[pos - 1] == " " else pos
        m = _key_before(text, j)
        if m is None or _sf_class(m.group("sf")) != "acro":
            return
        ss = m.start("sf")
        if not _opens_item(text, ss):
            return
        later_item = text[max(0, ss - 2) : ss] in (", ", "; ")
        k = pos + 1
        while k < len(text) and text[k] in " \t":
            k += 1
        if text[k : k + 2].lower() == "a " or text[k : k + 4].lower() in ("the ", "an "):
            return  # "X: a new method for ...": a title and its description
        # A first item is followed by another ("SHIELD: safe harbour inspection ..." is a title).
        self._lf_after(ss, m.end("sf"), k, "glossary", listed=not later_item)

    def row(self, key_start: int, key_end: int) -> None:
        """ "CBSI      Caribbean Basin Security Initiative": a row of a table of abbreviations.

        The key opens the row's line.  The long form fills the rest of its cell (up to the
        line's end, a tab, two spaces, a cell border or a bracket): the whole cell, or the part
        before a comma in it, reads as the long form, or it starts with a name the glossary
        gives the key.
        """
        text = self.text
        ss, se = self._clean_sf(key_start, key_end)
        sf = text[ss:se]
        if not _capitals_shaped(sf):
            return  # "In  interactive mode" is justified text
        if _sf_class(sf) != "acro" or not _sfword_re().fullmatch(sf):
            return
        units = short_units(sf)
        if len(units) < 2:
            return
        start = key_end
        while start < len(text) and text[start] in _KEY_GAP:
            start += 1
        cell = _cell_end_re().search(text, start)
        end = cell.start() if cell else len(text)
        while end > start and text[end - 1] in " \t.,;:":
            end -= 1
        named = self.named_after(start, end, sf)
        if named is not None:
            self.add((ss, se), named, "glossary", 1.0)
            return
        if _code_cell_re().search(text, start, end):
            return  # "x86_64-*-cygwin*", "Delete %1 lines": code, not a name
        tokens = self.window_tokens(start, end)
        if all(t.func or not any(c.islower() for c in text[t.start : t.end]) for t in tokens):
            return  # "GLYPHSET or FONTABLE": other keys, not a name
        first = _drop_articles(tokens)
        # A long form that does not start with the key's first letter is a name, in capitals
        # ("Bureau of Alcohol, Tobacco, Firearms and Explosives"), not a sentence ("Use the
        # original equipment manufacturer (OEM) code page").
        if tokens[first].fold[:1] != units[:1] and not (
            tokens[first].cap and all(t.cap or t.func for t in tokens)
        ):
            return
        # The whole cell, or up to a comma or a semicolon in it ("US Secure Hash Algorithm 1,
        # RFC 3174"): the end that reads best.
        limit = max(2, min(len(units) + 5, len(units) * 2))
        best_score, best_end = -1.0, -1
        for i in range(first, min(len(tokens), first + limit)):
            gap = text[tokens[i].end : tokens[i + 1].start] if i + 1 < len(tokens) else ","
            if (("," in gap or ";" in gap) and gap[-1:].isspace()) or i + 1 == len(tokens):
                score = align_fixed(units, tokens, first, i)
                if score > best_score + 1e-9:
                    best_score, best_end = score, i
        if best_score >= MIN_TRIGGER:
            self.add((ss, se), (tokens[first].start, tokens[best_end].end), "glossary", best_score)

    def _clean_sf(self, ss: int, se: int) -> tuple[int, int]:
        text = self.text
        while se > ss and text[se - 1] in ".-/&":
            se -= 1
        return ss, se

    def _sf_after(self, ss: int, se: int, lf_end: int, pattern: str) -> None:
        """ "Long Form, or LF": the long form ends where the trigger phrase starts."""
        ss, se = self._clean_sf(ss, se)
        sf = self.text[ss:se]
        if _sf_class(sf) != "acro":
            return
        units = short_units(sf)
        if len(units) < 2:
            return
        named = self.named_before(lf_end, sf)
        if named is not None:
            self.add((ss, se), named, pattern, 1.0)
            return
        got = self.long_before(lf_end, units, self.floor, is_plural(sf))
        if got is None:
            return
        al, tokens = got
        if al.score < MIN_TRIGGER:
            return
        first = self._extend_name(tokens, al.first)
        self.add((ss, se), (tokens[first].start, tokens[al.last].end), pattern, al.score)

    def _lf_after(
        self, ss: int, se: int, lf_start: int, pattern: str, listed: bool = False
    ) -> None:
        """ "LF stands for Long Form": the long form starts after the phrase; pick its end.

        With ``listed``, the long form must be followed by "," or ";" (an item of a list).
        """
        text = self.text
        ss, se = self._clean_sf(ss, se)
        sf = text[ss:se]
        if not _sf_class(sf):
            return
        units = short_units(sf)
        if len(units) < 2:
            return
        limit_chars = min(len(text), lf_start + MAX_BACK)
        bm = _boundary_re().search(text, lf_start, limit_chars)
        stop = bm.start() if bm else limit_chars
        q = -1
        if pattern == "glossary":
            # "NTA=National Transit Authority CGS=Coast Guard Service": the next entry's key.
            q = text.find("=", lf_start, stop)
            if q >= 0:
                stop = _key_start(text, lf_start, q)
        named = self.named_after(lf_start, stop, sf)
        if named is not None and (
            not listed or text[named[1] : named[1] + 2].strip()[:1] in (",", ";")
        ):
            self.add((ss, se), named, pattern, 1.0)
            return
        tokens = self.window_tokens(lf_start, stop)
        if not tokens:
            return
        first = _drop_articles(tokens)
        if tokens[first].fold[:1] != units[:1] and not tokens[first].cap:
            return
        limit = max(2, min(len(units) + 5, len(units) * 2))
        # The long form ends at a clause break ("CBSI stands for Caribbean Basin Security
        # Initiative, which ..."), or, without one in reach, after any word.
        span = range(first, min(len(tokens), first + limit))
        # Also before a preposition or conjunction that follows the letters: "Ad Hoc Working
        # Group on Long-term Cooperative Action under the Convention" ends at "Action".
        title_end = pattern != "glossary"
        ends = [
            i
            for i in span
            if i + 1 == len(tokens)
            or any(c in ",;:" for c in text[tokens[i].end : tokens[i + 1].start])
            # Other ends come between white-space words: not "Alpha U" of "Alpha U.S. Unit".
            or (
                tokens[i + 1].space_before
                and (
                    (tokens[i + 1].func and not tokens[i].func and i > first)
                    # A title-case name followed by lower-case words: "Joint Task Force funds".
                    or (title_end and tokens[i].cap and not tokens[i + 1].cap)
                )
            )
        ]
        if len(tokens) > first + limit and not ends:
            ends = [i for i in span if not tokens[i].func]
        n = len(tokens)
        if not title_end and n - 2 in span and (len(tokens[-1].fold) == 1 or tokens[-1].number):
            ends.append(n - 2)  # a key's note mark or year after it: "CCS = carbon capture ... b/"
        # A comma after the long form is the clearest end ("Multinational Security Support
        # mission, was approved"); the other ends are tried when no comma end reads well.
        best_score, best_end = -1.0, -1
        strong_score, strong_end = -1.0, -1
        for i in ends:
            score = align_fixed(units, tokens, first, i)
            if score > best_score + 1e-9:
                best_score, best_end = score, i
            if (
                i + 1 < len(tokens)
                and "," in text[tokens[i].end : tokens[i + 1].start]
                and score > strong_score + 1e-9
            ):
                strong_score, strong_end = score, i
        if strong_score >= MIN_TRIGGER:
            best_score, best_end = strong_score, strong_end
        initial = tokens[first].fold[:1] == units[:1]
        need = MIN_TRIGGER
        if best_end == first and initial:
            need = MIN_ONE_WORD  # "MDA=methylenedioxyamphetamine": letters inside one word
        if (
            best_score < need
            and pattern == "glossary"
            and initial
            # The entry ends at the next one, a full stop, a semicolon or the paragraph's end.
            and (text[tokens[-1].end : stop].strip() in (",", ";") if q >= 0 else (
                stop == len(text) or text[stop] in ".;\n"))
            # Nor does it hold other short forms ("Dict=Dictionary UTurku VIBGhent ConcordU").
            and not any(_capitals_shaped(text[t.start : t.end]) for t in tokens[first:])
            and self._announced(ss)
        ):
            # "Abbreviations: CMP = Conference of the Parties serving as the meeting of the
            # Parties to the Kyoto Protocol, SBI = ...": the text says that each entry is a
            # definition, so the whole entry is the long form if its letters are in it, however
            # poorly they fit by the usual measure.
            whole = align_fixed(units, tokens, first, n - 1)
            if whole > 0:  # the letters are there, and the words that give none not too many
                best_score, best_end, need = whole, n - 1, 0.0
        if best_end < 0 or best_score < need:
            return
        end = tokens[best_end].end
        if listed and text[end : end + 2].strip()[:1] not in (",", ";"):
            return
        self.add((ss, se), (tokens[first].start, end), pattern, best_score)

    def _announced(self, pos: int) -> bool:
        """Whether the paragraph says, before ``pos``, that a list of abbreviations follows
        ("Abbreviations:", "Acronyms used:").  The nearest mention of the word within
        ``MAX_ANNOUNCED`` characters decides; it is found by plain substring search, which
        costs far less than a scan of the text for a case-blind expression."""
        text = self.text
        lo = max(0, pos - MAX_ANNOUNCED)
        at = max(text.rfind(stem, lo, pos) for stem in _LEAD_IN_STEMS)
        if at < 1:
            return False  # none, or no first letter before the stem
        m = _announce_re().match(text, at - 1, pos)
        return m is not None and _para_break_re().search(text, m.end(), pos) is None


def _innermost(text: str) -> Iterator[re.Match[str]]:
    """Innermost brackets, left to right.

    Ordinary text has few brackets: they are found with ``str.find`` (``memchr``) and matched
    where they are, which is much faster than a scan with a character class.  Text dense in
    brackets (or with full-width ones) is scanned by the expression itself: once the walk has
    passed more than one bracket in 64 characters of the text (and 16), the expression takes
    over from the bracket it has reached.  Both find the same matches, since every match
    starts at a bracket, and counting the brackets as they come saves reading the whole text
    twice to count them first.
    """
    pat = _paren_re()
    if "（" in text or "［" in text:
        yield from pat.finditer(text)
        return
    walk_left = len(text) // 64 + 16  # brackets the walk may still pass
    match = pat.match
    a, b = text.find("("), text.find("[")
    while a >= 0 or b >= 0:
        if b < 0 or 0 <= a < b:
            p = a
            a = text.find("(", p + 1)
        else:
            p = b
            b = text.find("[", p + 1)
        walk_left -= 1
        if walk_left < 0:
            yield from pat.finditer(text, p)
            return
        m = match(text, p)
        if m is not None:
            yield m  # no bracket opens inside it: the next ones found are past its end


def _has_bracket(text: str) -> bool:
    """Whether ``text`` opens a bracket that :func:`_brackets` reads."""
    return "(" in text or "[" in text or "（" in text or "［" in text


def _brackets(text: str) -> Iterator[tuple[int, int]]:
    """(open, close) offsets of candidate brackets: innermost ones, and their enclosing one.

    Only one level of nesting is looked at, and every step is a bounded scan, so the whole
    walk is linear whatever the brackets look like.
    """
    last_outer = -1
    # The closes to look for between an enclosing opener and the inner one: str.find for each
    # is cheaper than an expression, and full-width ones are looked for only if there are any.
    closes = _CLOSES if "）" in text or "］" in text else ")]"
    for m in _innermost(text):
        o, c = m.span()
        c -= 1
        yield o, c
        # An enclosing bracket: an opener before with no close in between (cheap checks
        # first), and a close after.
        lo = max(0, o - MAX_BODY)
        oo = max(text.rfind("(", lo, o), text.rfind("[", lo, o))
        if oo < 0 or oo <= last_outer or any(text.find(ch, oo + 1, o) >= 0 for ch in closes):
            continue
        rest = _outer_rest_re().match(text, c + 1)
        if rest is None:
            continue
        last_outer = oo
        yield oo, rest.end() - 1


def find_definitions(text: str, named: Named | None = None) -> list[Definition]:
    """Every short form defined in ``text`` with its long form, sorted by position.

    ``named`` gives the long forms a glossary knows for a short form: where the text writes
    one of them in a defining pattern, that is the definition, whether or not its letters
    spell the short form ("United Nations Integrated Office in Haiti (BINUH)").

    No two definitions share a short span.  Never raises on a ``str``.
    """
    if not isinstance(text, str) or not text:
        return []
    return paused_for_long(text, _find, text, named)


def _find(text: str, named: Named | None = None) -> list[Definition]:
    finder = _Finder(text, named)
    # (position, close or -1, trigger word): brackets and trigger phrases in text order, so
    # that a short form defined earlier is known when a later long form is read.
    # Most paragraphs have no bracket and no ": ": each is looked for once, in C, before a scan
    # is set up for it ("=" is found by str.find alone, see _equals_positions).
    events: list[tuple[int, int, str]] = (
        [(o, c, "") for o, c in _brackets(text)] if _has_bracket(text) else [])
    n = len(text)
    digit = _digit_re().search
    for word, variant in _trigger_variants():
        if word == ":":
            if ": " not in text:
                continue
            # "KEY: Long" or "KEY : Long": found by an expression (colons are common), then the
            # key checked to open the text, a line or a list item.
            for m in _colon_re().finditer(text):
                i = j = m.start()
                if text[j - 1] == " ":
                    j -= 1
                lo = max(0, j - 20)
                while j > lo and not text[j - 1].isspace() and text[j - 1] not in "([":
                    j -= 1
                if _opens_item(text, j):
                    events.append((i, -1, word))
            continue
        if word == "=":
            # "KEY = Long" or "KEY=Long": a capital or a digit in the key, a letter after.
            for i in _equals_positions(text):
                events.append((i, -1, word))
            continue
        # The other words are found by plain substring search.
        i = text.find(variant)
        if word == " or ":
            while i >= 0:
                if i + 3 < n and text[i + 3] in " \t\r\n":
                    # Cheap filter: the short form after "or" has a capital or a digit.
                    after = text[i + 3 : i + 16]
                    if after != after.lower() or digit(after):
                        events.append((i, -1, word))
                i = text.find(variant, i + 1)
            continue
        while i >= 0:
            events.append((i, -1, word))
            i = text.find(variant, i + 1)
    # Rows of a table of abbreviations, by their key (its end in the place of a close).
    first_row = _first_row_re().match(text)
    if first_row is not None:
        events.append((first_row.start("sf"), first_row.end("sf"), "row"))
    for row in _row_re().finditer(text):
        events.append((row.start("sf"), row.end("sf"), "row"))
    events.sort()
    for start, close, word in events:
        if word == "row":
            finder.row(start, close)
        elif word:
            finder.trigger(start, word)
        else:
            finder.bracket(start, close)
    out = [f.definition for f in finder.found.values()]
    out.sort(key=lambda d: d.short_span)
    return _drop_overlaps(out)


def _drop_overlaps(defs: list[Definition]) -> list[Definition]:
    """Remove definitions whose short span overlaps an earlier, better one."""
    out: list[Definition] = []
    for d in defs:
        if out and d.short_span[0] < out[-1].short_span[1]:
            if d.score > out[-1].score:
                out[-1] = d
            continue
        out.append(d)
    return out
