"""Scored alignment of a short form against the words of a candidate long form.

Why a scored alignment rather than the first match (Schwartz & Hearst) or a shortest match:
the right long form is the one whose words *explain* the short form best, which needs a notion
of "better" -- a letter at the start of a word is better evidence than one in the middle of a
word, a content word that contributes nothing is a sign that the window started too early, a
function word ("of", "and") costs almost nothing.  Scoring every start position with one dynamic
programme and picking the best is cheap because windows are at most a dozen or so words.

Vocabulary used below:

* a *unit* is one character of the short form that must be explained (letters and digits; dots,
  hyphens, slashes, ampersands and spaces are decoration and are dropped);
* a *token* is a maximal run of letters/marks/digits (with an inner apostrophe: "Parkinson's"),
  so "blood-brain" is two tokens and a line break is just a gap between tokens;
* a token *consumes* a contiguous run of units, matched as a subsequence of its characters.

Scores are per unit and lie in [0, 1] after normalisation (``raw / number of units``), with
negative contributions for skipped content words.  All functions are pure.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from typing import Final, NamedTuple, TypeVar

import regex

from ._keys import _new  # a named tuple built in one call in C
from ._lazy import lazy

#: Entries kept by each memo of a pure function of strings (the same words recur); a full
#: memo is emptied.  A plain dict, read in place and written by :func:`remember`, costs far
#: less per call than ``functools.lru_cache`` from compiled code.
MEMO_SIZE: Final = 65536

_K = TypeVar("_K")
_V = TypeVar("_V")


def remember(memo: dict[_K, _V], key: _K, value: _V) -> _V:
    """Store ``value`` under ``key`` in ``memo`` (emptied first when full) and return it."""
    if len(memo) >= MEMO_SIZE:
        memo.clear()
    memo[key] = value
    return value


# --- scoring constants (per unit / per skipped token) -------------------------------------------
#: A unit matched by the first letter of a token: the classic acronym letter.
START: Final = 1.0
#: A unit at an inner boundary: camelCase ("eXtensible"), letter/digit change ("CD40L").
BOUNDARY: Final = 0.8
#: A unit right after the previous matched character: syllable acronyms ("CARIbbean COMmunity").
CONTIGUOUS: Final = 0.7
#: Any other letter inside a token ("interLeukin" -> IL).  Allowed, but weak evidence.
INNER: Final = 0.4
#: Skipping a function word ("of", "and") costs almost nothing: they rarely give letters.
SKIP_FUNCTION: Final = -0.1
#: Skipping a capitalised word: names keep words that give no letter ("Bureau of ...").
SKIP_NAME: Final = -0.45
#: Skipping a lower-case content word: usually means the long form started too early.
SKIP_CONTENT: Final = -0.9
#: Skipping words after the last letter-giving word costs less: a head noun that gives no letter
#: ends many long forms ("Multinational Security Support mission (MSS)").
SKIP_TRAILING_NAME: Final = -0.3
SKIP_TRAILING_CONTENT: Final = -0.6
#: Extra cost when the first word of a long form gives its letter from inside, not at a
#: sub-word boundary: "beta protein precursor" is a worse reading of APP than "amyloid ...".
FIRST_INSIDE: Final = -0.5
#: A long form that starts with a function word ("The Scripps Research Institute", "In Vitro
#: Fertilization"): allowed, but a start at the content word after it reads better
#: ("THE OFFICE OF THE ADVISER (OA)" does not start at "OF").
START_FUNCTION: Final = -0.2
#: A word whose letters do not include its first one.
NOT_AT_START: Final = -0.25
#: Penalty for reading a final "s" of the short form as a plural the long form does not show.
PLURAL: Final = 0.1
#: Penalty for reading a final "p" after a digit as a suffix ("Top1p"), not a letter.
PROTEIN_SUFFIX: Final = 0.02
#: Skipping a lone letter ("hepatitis B virus X protein", "cytochrome c oxidase").
SKIP_LETTER: Final = -0.2
#: Skipping a token that is a number.
SKIP_NUMBER: Final = -0.5
#: Skipping a later part of a hyphenated compound ("para-aortic"), or a number joined to the
#: word after it ("2-oleoyl", "3-year"): the compound is one word, and its first part already
#: paid for it (or gave a letter); a locant or a count is a prefix, like a function word.
SKIP_PART: Final = -0.1
#: A digit of the short form that no token matches in order, while a number word or the digit
#: occurs elsewhere in the long form ("third larval stage (L3)").
DIGIT_ELSEWHERE: Final = -0.25
#: A final digit of the short form with no counterpart ("Pap1", "Elc1").
DIGIT_TRAILING: Final = -0.35
#: A digit of the short form with no counterpart at all.
DIGIT_MISSING: Final = -1.2

_NEG: Final = -1e9

#: English function words: they may give a letter ("Department Of Justice") but skipping them is
#: free-ish, and a long form never starts with one.  General English, no domain vocabulary.
FUNCTION_WORDS: Final = frozenset(
    """a an the of for and or nor but in on at to by with from as into onto via its it their his
    her our your my this that these those which who whom whose per than then over under between
    among against within without upon through throughout during after before about above below
    across along around not no is are was were be been being has have had do does did so such
    s via vs versus also both either neither each any all some other""".split()
)

ARTICLES: Final = frozenset({"the", "a", "an"})

#: Number words, cardinal and ordinal, and the Latin/Greek prefixes seen in names ("bi-", "tri-"
#: are not listed: they are too often ordinary word starts).
_NUMBER_WORDS: Final = {
    "zero": "0", "one": "1", "first": "1", "single": "1", "mono": "1",
    "two": "2", "second": "2", "double": "2", "twice": "2", "dual": "2",
    "three": "3", "third": "3", "triple": "3", "four": "4", "fourth": "4", "quad": "4",
    "five": "5", "fifth": "5", "six": "6", "sixth": "6", "seven": "7", "seventh": "7",
    "eight": "8", "eighth": "8", "nine": "9", "ninth": "9",
    "to": "2", "for": "4",  # homophones written as digits: "peer-to-peer (P2P)", "B4"
}  # fmt: skip

#: Greek letters spelled out in long forms but written as symbols in short forms, and back.
_GREEK: Final = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "κ": "kappa",
    "λ": "lambda", "μ": "mu", "σ": "sigma", "τ": "tau", "ω": "omega", "θ": "theta",
}  # fmt: skip

#: Upper-case Roman numerals, as written after names ("DNA polymerase III", "type II").
_ROMAN: Final = {"I": "1", "II": "2", "III": "3", "IV": "4", "V": "5", "VI": "6", "VII": "7"}


_roman_tail_re: Final = lazy(regex.compile, r"[-\s](" + "|".join(_ROMAN) + ")$")
#: How a short form with a Roman numeral tail ends: the numeral's last letter, or that letter
#: before the final line break that "$" also allows.
_NUMERAL_ENDS: Final = tuple(sorted({numeral[-1] + tail for numeral in _ROMAN
                                     for tail in ("", "\n")}))


_token_re: Final = lazy(regex.compile, r"[\p{L}\p{M}\p{N}]++(?:['’ʼ][\p{L}\p{M}]++)*+")


class Token(NamedTuple):
    """One token of a candidate long form, with what the aligner needs to know about it."""

    start: int
    end: int
    fold: str  # case-folded, one character per original character (same length as surface)
    cap: bool  # starts with an upper-case letter
    func: bool  # a function word
    number: str  # the digit a number word or a numeric token stands for, else ""
    bounds: frozenset[int]  # inner positions that start a sub-word (camelCase, digit change)
    space_before: bool  # separated from the previous token by white space (not "-" or "/")
    hyphen: bool = False  # joined to the previous token by a hyphen alone ("para-aortic")


@functools.lru_cache(maxsize=4096)
def fold_char(ch: str) -> str:
    """Fold one character for comparison: NFKC (full-width to ASCII) then case-fold.

    Always returns exactly one character so that positions in the folded token are positions
    in the original text.
    """
    if ch.isascii():
        return ch.lower()
    if 0xD800 <= ord(ch) <= 0xDFFF:  # a lone surrogate: compare as itself
        return ch
    folded = unicodedata.normalize("NFKC", ch).casefold()
    return folded[:1] if folded else ch


def fold(s: str) -> str:
    """Fold a string character by character (length preserved)."""
    if s.isascii():
        return s.lower()
    return "".join(fold_char(c) for c in s)


_NO_BOUNDS: Final[frozenset[int]] = frozenset()


def _bounds(surface: str) -> frozenset[int]:
    if surface.isalpha() and (surface.islower() or surface[1:].islower() or surface.isupper()):
        return _NO_BOUNDS  # the common case, without a loop
    out = set()
    for i in range(1, len(surface)):
        a, b = surface[i - 1], surface[i]
        if (
            (a.islower() and b.isupper())
            or (a.isalpha() and b.isdigit())
            or (a.isdigit() and b.isalpha())
        ):
            out.add(i)
    return frozenset(out)


_TokenInfo = tuple[str, bool, bool, str, frozenset[int]]
_TOKEN_INFO: Final[dict[str, _TokenInfo]] = {}


def _token_info(surface: str) -> _TokenInfo:
    """(fold, cap, func, number, bounds) of a token surface: the same words recur."""
    got = _TOKEN_INFO.get(surface)
    return got if got is not None else remember(_TOKEN_INFO, surface, _info_of(surface))


def _info_of(surface: str) -> _TokenInfo:
    f = fold(surface)
    number = _NUMBER_WORDS.get(f, "") or _ROMAN.get(surface, "")
    if not number and f.isdigit() and len(f) == 1:
        number = f
    return f, surface[0].isupper(), f in FUNCTION_WORDS, number, _bounds(surface)


# The same tokens as ``_token_re`` on ASCII text, with the faster standard engine.
_ascii_token_re: Final = lazy(re.compile, r"[A-Za-z0-9]+(?:'[A-Za-z]+)*")


_HYPHENS: Final = frozenset("-‐‑")


def tokenize(text: str, start: int, end: int) -> list[Token]:
    """Tokens of ``text[start:end]`` with absolute offsets."""
    tokens: list[Token] = []
    prev_end = -1
    pattern = _ascii_token_re() if text[start:end].isascii() else _token_re()
    for m in pattern.finditer(text, start, end):
        s, e = m.span()
        hyphen = False
        if s == prev_end or prev_end < 0:
            space = True
        else:
            gap = text[prev_end:s]
            if gap == " ":
                space = True
            else:
                space = any(c.isspace() for c in gap)
                hyphen = gap in _HYPHENS
        # Compiled, the function and the method called by name are direct calls (through a
        # local name, generic ones), and the tuple written out in full is built at once (a
        # starred item builds a list first).
        fold_, cap, func, number, bounds = _token_info(text[s:e])
        tokens.append(_new(Token, (s, e, fold_, cap, func, number, bounds, space, hyphen)))
        prev_end = e
    return tokens


def is_plural(short: str) -> bool:
    """Whether a short form may be a plural: it ends in a lower-case "s" after 2+ characters."""
    return len(short) >= 3 and short[-1] == "s" and short[-2] not in "sS"


_SHORT_UNITS: Final[dict[str, str]] = {}


def short_units(short: str) -> str:
    """The characters of a short form that a long form must explain, folded.

    Decoration (dots, hyphens, slashes, spaces, apostrophes, ``&``) is dropped; a plural ``s``
    after upper-case letters is dropped too ("MOUs" -> "mou").  Memoised: short forms recur.
    """
    got = _SHORT_UNITS.get(short)
    return got if got is not None else remember(_SHORT_UNITS, short, _short_units(short))


def _short_units(short: str) -> str:
    core = short
    if (
        len(core) > 2
        and core[-1] == "s"
        and sum(c.isupper() for c in core[:-1]) >= 2
        and not any(c.islower() for c in core[:-1])
    ):
        core = core[:-1]
    # A Roman numeral after a hyphen or space is a number: "TTF-I", "Pol III".  Every numeral
    # the expression reads ends in I or V (before the line break "$" also allows).
    m = _roman_tail_re().search(core) if core.endswith(_NUMERAL_ENDS) else None
    if m and len(core) > len(m.group()):
        core = core[: m.start()] + _ROMAN[m.group(1)]
    return "".join(fold_char(c) for c in core if c.isalnum())


def _skip_costs(tok: Token) -> tuple[float, float]:
    """Cost of skipping ``tok`` inside a long form, and after its last letter-giving word."""
    if tok.func:
        return SKIP_FUNCTION, SKIP_FUNCTION
    if len(tok.fold) == 1:
        return SKIP_LETTER, SKIP_LETTER
    if tok.number or tok.fold[:1].isdigit():
        return SKIP_NUMBER, SKIP_NUMBER
    if tok.cap:
        return SKIP_NAME, SKIP_TRAILING_NAME
    return SKIP_CONTENT, SKIP_TRAILING_CONTENT


_WORD_SCORES: Final[dict[tuple[str, frozenset[int], str, str], float]] = {}


def word_score(word: str, bounds: frozenset[int], number: str, units: str) -> float:
    """Best score for ``units`` (non-empty) matched in order inside one folded token ``word``;
    memoised, see :func:`_word_score`."""
    key = (word, bounds, number, units)
    got = _WORD_SCORES.get(key)
    return got if got is not None else remember(_WORD_SCORES, key,
                                                _word_score(word, bounds, number, units))


def _word_score(word: str, bounds: frozenset[int], number: str, units: str) -> float:
    """Best score for ``units`` (non-empty) matched in order inside one folded token ``word``.

    Returns ``_NEG`` when the units are not a subsequence of the word.  A number word matches
    its digit as a whole ("Seven" -> 7); a Greek letter matches its spelled-out name.
    """
    if len(units) == 1:
        u = units
        if number and u == number:
            return START
        if u in _GREEK and word == _GREEK[u]:
            return START
    n, t = len(word), len(units)
    if t > n:
        return _NEG
    # A spelled-out Greek letter inside the short form ("NF-kappaB") is just letters: fine.
    # best[p] = best score with the current unit placed at position p of the word.
    best = [_NEG] * n
    u0 = units[0]
    for p in range(n - t + 1):
        if word[p] == u0:
            if p == 0:
                best[p] = START
            else:
                # A word that gives letters but not its first one is weak evidence
                # ("repeated" holds the "p" and "e" of "PE" but does not start with them).
                best[p] = (BOUNDARY if p in bounds else INNER) + NOT_AT_START
    for i in range(1, t):
        u = units[i]
        new = [_NEG] * n
        running = _NEG  # best score among positions < p - 1
        for p in range(i, n - (t - i) + 1):
            if p - 2 >= 0 and best[p - 2] > running:
                running = best[p - 2]
            if word[p] != u:
                continue
            cand = _NEG
            if best[p - 1] > _NEG:
                cand = best[p - 1] + (BOUNDARY if p in bounds else CONTIGUOUS)
            if running > _NEG:
                cand = max(cand, running + (BOUNDARY if p in bounds else INNER))
            new[p] = cand
        best = new
    top = _NEG  # max(best), in a loop: compiled, the built-in is a generic call
    for score in best:
        if score > top:
            top = score
    return top


class Alignment(NamedTuple):
    """Result of aligning a short form against tokens ``tokens[first:last + 1]``."""

    first: int
    last: int
    score: float  # normalised: raw / number of units, at most 1


def _digit_cost(units: str, tokens: Sequence[Token]) -> list[float]:
    """Cost of leaving each unit unmatched: only digits may be, more cheaply if present.

    Final digits after letters are often a number in a series that the long form does not
    spell ("poly(A) polymerase (Pap1)"): cheaper than a missing digit inside the short form.
    """
    if units.isalpha():
        return [_NEG] * len(units)  # the common case: letters must all be explained
    present = {t.number for t in tokens if t.number} | {
        c for t in tokens for c in t.fold if c.isdigit()
    }
    tail = len(units)
    if tail > 2 and units[-1] == "p" and units[-2].isdigit():
        tail -= 1  # "Mti1p": the product suffix after a series number
    while tail > 0 and units[tail - 1].isdigit():
        tail -= 1
    out = []
    for i, u in enumerate(units):
        if not u.isdigit():
            out.append(_NEG)
        elif u in present:
            out.append(DIGIT_ELSEWHERE)
        elif i >= tail > 0:
            out.append(DIGIT_TRAILING)
        else:
            out.append(DIGIT_MISSING)
    return out


def _spelled_out(tok: Token, units: str, k: int, t: int) -> bool:
    """Whether ``tok`` is a whole word of 3+ letters written out as ``units[k:k + t]``, with
    more of the short form before or after it (the short form is not the word itself)."""
    return (
        t >= 3
        and t == len(tok.fold)
        and (k > 0 or t < len(units))
        and tok.fold == units[k : k + t]
        and tok.fold.isalpha()
    )


def _table(units: str, tokens: Sequence[Token], last: int) -> list[list[float]]:
    """f[j][k]: best raw score explaining units[k:] with tokens[j:last + 1], all of them used.

    A hyphenated compound is one word: a part of it is skipped for SKIP_PART when another
    part gives a letter ("region-interacting", "maleimide-sensitive"), and the whole of it
    costs one skipped word.  ``h`` carries, for the compound part after ``j``, the best score
    in which that part or a later part of the same compound gives a letter.
    """
    m = len(units)
    end = last + 1
    dcost = _digit_cost(units, tokens[:end])
    f = [[_NEG] * (m + 1) for _ in range(end + 1)]
    f[end][m] = 0.0
    for k in range(m - 1, -1, -1):
        if dcost[k] > _NEG and f[end][k + 1] > _NEG:
            f[end][k] = dcost[k] + f[end][k + 1]
    h: list[float] = []  # for token j + 1, when it is a later part of a compound
    for j in range(end - 1, -1, -1):
        tok = tokens[j]
        word = tok.fold
        joined = j + 1 < end and tokens[j + 1].hyphen  # the compound goes on after j
        hnext = h if joined else []
        # A later part of a compound, or a hyphenated locant, is skipped cheaply.
        part = (j and tok.hyphen) or (joined and word.isdigit())
        skip, trailing = _skip_costs(tok)
        if part:
            skip = SKIP_PART
        row, nxt = f[j], f[j + 1]
        row[m] = trailing + nxt[m]
        hrow = [_NEG] * (m + 1) if j and tok.hyphen else []
        wlen = len(word)
        for k in range(m - 1, -1, -1):
            best = skip + nxt[k] if nxt[k] > _NEG else _NEG
            if dcost[k] > _NEG and row[k + 1] > _NEG:
                best = max(best, dcost[k] + row[k + 1])
            later = _NEG
            if hnext and hnext[k] > _NEG:
                later = SKIP_PART + hnext[k]
                if later > best:
                    best = later
            u = units[k]
            if u not in word and u != tok.number and u not in _GREEK:
                row[k] = best  # no run of units starting here fits in this token
                if hrow:
                    hrow[k] = later
                continue
            cons = _NEG
            for t in range(1, min(m - k, wlen) + 1):
                if nxt[k + t] <= _NEG:
                    continue
                if t == wlen and _spelled_out(tok, units, k, t):
                    # A word of the long form spelled out in the short form: "Women" in
                    # "UN-Women", "alpha" in "TNFalpha", "hot" in "HOT1": as good as initials.
                    ws = START * t
                else:
                    ws = word_score(word, tok.bounds, tok.number, units[k : k + t])
                if ws <= _NEG:
                    if t > 1:
                        break  # not a subsequence of the word: longer runs are not either
                    continue
                if ws + nxt[k + t] > cons:
                    cons = ws + nxt[k + t]
            row[k] = cons if cons > best else best
            if hrow:
                hrow[k] = cons if cons > later else later
        h = hrow
    return f


def _first_score(units: str, tokens: Sequence[Token], j: int, f: list[list[float]]) -> float:
    """Best raw score with tokens[j] explaining at least the first unit."""
    tok = tokens[j]
    m = len(units)
    best = _NEG
    for t in range(1, min(m, len(tok.fold)) + 1):
        nxt = f[j + 1][t]
        if nxt <= _NEG:
            continue
        if t == len(tok.fold) and _spelled_out(tok, units, 0, t):
            ws = START * t
        else:
            ws = word_score(tok.fold, tok.bounds, tok.number, units[:t])
        if ws <= _NEG and t > 1:
            break  # not a subsequence of the word: longer runs are not either
        if ws > _NEG:
            # The first letter comes from inside the first word, not at a sub-word start
            # ("eXtensible" is fine, "betA" is not).
            if (
                tok.fold[0] != units[0]
                and not (t == 1 and ws == START)
                and not any(tok.fold[p] == units[0] for p in tok.bounds)
            ):
                ws += FIRST_INSIDE
            best = max(best, ws + nxt)
    return best


def unit_variants(units: str, plural: bool = False) -> list[tuple[str, float]]:
    """Readings of ``units`` to try, each with a penalty on the normalised score.

    * as written;
    * when it ends in digits, the digits moved to the front: number words often precede what
      they count ("third larval stage (L3)");
    * when ``plural`` (the short form ends in a lower-case "s"), without it: a plural the long
      form need not explain ("Jaks", "E2s"); slightly penalised, the "s" may be a real letter.
    """
    out = [(units, 0.0)]
    i = len(units)
    while i > 0 and units[i - 1].isdigit():
        i -= 1
    if 0 < i < len(units):
        out.append((units[i:] + units[:i], 0.0))
    if plural and len(units) >= 3 and units[-1] == "s":
        out.append((units[:-1], PLURAL))
    if len(units) >= 4 and units[-1] == "p" and units[-2].isdigit():
        # A protein named after its gene: "Top1p" is the product of "TOP1"; the "p" is a
        # suffix, not a letter of the name ("topoisomerase I (Top1p)").
        core = units[:-1]
        out.append((core, PROTEIN_SUFFIX))
        i = len(core)
        while i > 0 and core[i - 1].isdigit():
            i -= 1
        if 0 < i < len(core):
            out.append((core[i:] + core[:i], PROTEIN_SUFFIX))
    return out


def align_ending_at(
    units: str, tokens: Sequence[Token], last: int, plural: bool = False
) -> list[Alignment]:
    """Every admissible start for a long form ending with ``tokens[last]``, best first.

    A start is admissible when its token is not a lower-case function word and explains the
    first unit.
    """
    if not units or last < 0:
        return []
    out: list[Alignment] = []
    for v, penalty in unit_variants(units, plural):
        if penalty and tokens[last].fold.endswith("s"):
            penalty = 0.0  # "kinesin-like proteins (klps)"
        found = _align_ending_at(v, tokens, last)
        if penalty:
            found = [_new(Alignment, (a.first, a.last, a.score - penalty)) for a in found]
        out.extend(found)
    # Equal scores: a word for each letter, its initial, first ("Aaa Aaa Aaa Aaa (AAAA)" is not
    # read as the prefixes of two words); then the shorter reading.
    out.sort(key=lambda a: (-a.score, not _initials_only(units, tokens, a), -a.first))
    return out


def _initials_only(units: str, tokens: Sequence[Token], a: Alignment) -> bool:
    """Whether ``a`` spans one word per unit, each starting with its unit."""
    return a.last - a.first + 1 == len(units) and all(
        tokens[a.first + k].fold[:1] == u for k, u in enumerate(units)
    )


def _align_ending_at(units: str, tokens: Sequence[Token], last: int) -> list[Alignment]:
    """The readings :func:`align_ending_at` sorts, one for each admissible start, latest
    start first."""
    f = _table(units, tokens, last)
    out = []
    m = len(units)
    for j in range(last, -1, -1):
        tok = tokens[j]
        # A word hyphenated to the next is the first part of a compound, not a function word
        # or a lone letter: "on-off keying (OOK)", "k-nearest neighbours (kNN)".
        compound = j < last and tokens[j + 1].hyphen
        if tok.func and not compound and not (tok.cap and tok.fold[0] == units[0]):
            # "The Scripps Research Institute (TSRI)" starts with a function word; "the tumor
            # necrosis factor (TNF)" would too, but scores worse than starting at "tumor".
            continue
        if j < last and len(tok.fold) == 1 and tok.fold.isalpha() and not tok.cap and not compound:
            continue  # a long form does not start with a lone lower-case letter ("c oxidase")
        raw = _first_score(units, tokens, j, f)
        if tok.func:
            raw += START_FUNCTION
        if raw > _NEG / 2:
            out.append(_new(Alignment, (j, last, raw / m)))
    return out


def align_fixed(
    units: str, tokens: Sequence[Token], first: int, last: int, plural: bool = False
) -> float:
    """Normalised score of ``tokens[first:last + 1]`` as the long form (leading skips allowed).

    Used where the long form's start is fixed by the text (inside parentheses, after "stands
    for"): a leading token that gives no letter costs like any skipped token.
    """
    if not units or last < first:
        return _NEG
    sub = tokens[first : last + 1]
    best = _NEG
    for v, penalty in unit_variants(units, plural):
        if penalty and sub[-1].fold.endswith("s"):
            penalty = 0.0
        f = _table(v, sub, len(sub) - 1)
        best = max(best, f[0][0] / len(v) - penalty)
    return best
