"""Finding acronym-shaped tokens in running text.

One compiled pattern scans the text.  It only matches tokens that already look like an
acronym (two capitals, or a capital and a digit, or dotted capitals), so ordinary capitalised
words never reach Python code: the per-match work is what costs time once the scan is fast.
What the pattern cannot decide (hyphen compounds, Roman numerals, shouted headings, URLs) is
settled here per match, and what needs the glossary is left to the resolver as flags.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Final, NamedTuple

import regex

from ._align import remember
from ._keys import APOSTROPHES, POSSESSIVES
from ._lazy import lazy

# Word characters: letters, combining marks, decimal digits.
_W: Final = r"\p{L}\p{M}\p{Nd}"

# The scan starts at a capital letter, which the engine finds fast; then at most three
# lower-case letters (PhD, DoD, IoT, SaaS) and a second capital, digit or "&" must follow,
# or dots between capitals (U.S.), or a slash between two single capitals (I/O).  Ordinary
# capitalised words fail within four characters, so nearly every match is worth Python's time.
# A token that starts in lower case or with digits (mRNA, 2FA) is matched from its first
# capital and extended back in Python.
# A run of dotted capitals that is not a token ("A.B.Cx", "A.B.C.d") is passed over up to its
# last capital in one match (``skip``): every capital before that would fail the same way at
# the same end, and trying each of them would make a long run cost its length squared.  The
# two share their first character, which is matched once (the empty groups name the match).
_TOKEN_PATTERN: Final = rf"""
    \p{{Lu}}\p{{M}}*
    (?:
        \p{{Ll}}{{0,3}}[\p{{Lu}}\p{{Nd}}&][{_W}&-]*+                 # CBSI R&D G7 COVID-19
      | (?P<pair>/\p{{Lu}}\p{{M}}*)(?![{_W}/])                        # I/O  N/A
      | [.．](?:\p{{Lu}}\p{{M}}*(?:[.．]\p{{Lu}}\p{{M}}*)*+[.．](?![{_W}])(?P<dot>)   # U.S.
              |(?:\p{{Lu}}\p{{M}}*[.．])*?(?=\p{{Lu}}\p{{M}}*+(?![.．]\p{{Lu}}))(?P<skip>))
    )
    """
_token_re: Final = lazy(regex.compile, _TOKEN_PATTERN, regex.VERBOSE | regex.VERSION0)


def _ascii_pattern(pattern: str) -> str:
    """``pattern`` with its Unicode properties narrowed to the ASCII characters that have
    them, for text known to be ASCII: there they match the same, and the engine tests a
    character against a set instead of looking its properties up."""
    for unicode, ascii in ((r"\p{Lu}\p{M}*+", "[A-Z]"), (r"\p{Lu}\p{M}*", "[A-Z]"),
                           (_W, "A-Za-z0-9"), (r"\p{Lu}\p{Nd}", "A-Z0-9"),
                           (r"\p{Ll}", "[a-z]"), (r"\p{Lu}", "[A-Z]")):
        pattern = pattern.replace(unicode, ascii)
    if r"\p{" in pattern:  # pragma: no cover - a property left without its ASCII form
        raise ValueError(f"no ASCII form for a property in {pattern!r}")
    return pattern


#: The same for text whose word characters are all ASCII.  Each is compiled when first used:
#: a short ASCII input never needs the other.
_ascii_token_re: Final = lazy(regex.compile, _ascii_pattern(_TOKEN_PATTERN),
                              regex.VERBOSE | regex.VERSION0)

#: A character beyond ASCII that the scan reads as part of a word: a letter, a mark or a
#: decimal digit.  The cheap class is tested first, so ASCII characters cost no property
#: lookup.
_WIDE_WORD_CHAR: Final = lazy(regex.compile, rf"[^\x00-\x7F](?<=[{_W}])")


def _scan_of(text: str) -> regex.Pattern[str]:
    """The scan for ``text``: the ASCII one when no character beyond ASCII is a word
    character, where it matches as the Unicode one does.  ASCII text is known without reading
    it (``str.isascii``); other text is read up to its first letter, mark or digit beyond
    ASCII, which costs a sixth of the Unicode scan or less: one with only dashes, quotes or
    symbols there (man pages' hyphens, typographic quotes) is read whole and takes the ASCII
    scan."""
    if text.isascii() or _WIDE_WORD_CHAR().search(text, concurrent=False) is None:
        return _ascii_token_re()
    return _token_re()


_PART_SHAPE: Final = lazy(regex.compile, r"[\p{Lu}\p{Lt}]|(\p{Ll})|(\p{Nd})")
_DIGITS: Final = lazy(regex.compile, r"\p{Nd}+")
#: Digits with a plural "s", ending a compound: "MS-13s".
_PLURAL_DIGITS: Final = lazy(regex.compile, r"\p{Nd}+s")
_LABEL: Final = lazy(regex.compile, r"\p{Lu}\p{Nd}+")
_ROMAN: Final = lazy(regex.compile, r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_ROMAN_CHARS: Final = frozenset("IVXLCDM")
_SMALL_ROMAN: Final = frozenset("IVX")
_APOSTROPHES: Final = frozenset(APOSTROPHES)

#: Nouns that take a Roman numeral after them ("Chapter VII", "Title IX", "World War II").
NUMERAL_NOUNS: Final = frozenset(
    """act annex appendix article book canto chapter class clause division edition episode
    grade part phase schedule section series stage title tier type vol volume war world""".split()
)
#: English function words and modal verbs written in capitals for emphasis or in legal text
#: ("NOT", "SHALL"): like a shouted heading, they count only if the glossary or the text
#: knows them.  Short words that are also common acronyms (IT, AS, IS, SO, NO) stay out.
EMPHASIS_WORDS: Final = frozenset(
    """AND ANY ARE BUT FROM HAS HAVE MAY MUST NOT ONLY SHALL SHOULD THAT THE THIS WAS WERE
    WILL WITH YES YOU""".split()
)
#: Capitalised words that can stand before an acronym without making it a regnal numeral.
_FUNCTION_WORDS: Final = frozenset(
    """a an and as at but by for from how if in into its of on or our so than that the their
    then these this those to under until upon via was we were what when where which while
    who why with without""".split()
)

# A token touching one of these characters may sit inside a URL, an e-mail address, a path
# or a code identifier; only then is the whole whitespace-delimited chunk examined.
_LEFT_SUSPECT: Final = frozenset("/@\\_=?#~%+<")
_RIGHT_SUSPECT: Final = frozenset("@_/\\=>")
# A dot or colon is suspect only when a word character or slash follows it (state.gov,
# CONFIG.SYS, C:\\), not at the end of a sentence.
_GLUE: Final = frozenset(".:")
# A chunk of code: a URL, address, path, identifier or dotted name first; then a colon glued
# to words on both sides, a key or label (Lee:2019:NAACL, eq:LOSS2, MODE:FAST), or between
# digits, a time or ratio (10:30); last, a command-line option with its value
# (--content-type=HTML).  The signs that may occur anywhere in the chunk are each matched from
# the sign itself, with what comes before it as a look-behind, so that the engine passes over
# the characters that are no such sign (":", "@", "\\", "_", "/", "."); a stretch without one
# costs a scan instead of an attempt of every branch at every character.  The signs that open a
# chunk (a path, "www.", an option) are matched at its start alone.
_CODE_SIGN: Final = lazy(regex.compile,
    r"""://|@\w|\\|_|(?<=\w)/[^/\s]*/|(?<=[\p{L}\p{Nd}]{2})\.[\p{L}\p{Nd}]{2}"""
    r"""|(?<=[\p{L}\p{Nd}])\.[\p{Ll}\p{Nd}]|(?<=\p{L}):[\p{L}\p{Nd}]|(?<=\p{Nd}):\p{L}"""
)
_CODE_HEAD: Final = lazy(regex.compile,
    r"""[(\[{"'“‘]*(?:(?:~|\.{1,2})?/\w|--?[\p{L}\p{Nd}][\w-]*=)|www\."""
)
_CHUNK_REACH: Final = 512
# The white space that ends a chunk, looked for forwards and backwards.
_CHUNK_GAP: Final = lazy(regex.compile, r"[ \n\t]")
_CHUNK_GAP_BEFORE: Final = lazy(regex.compile, r"(?r)[ \n\t]")

# Between two words of a shouted run: white space, and the signs below (dashes, colons, stops,
# quotes), or a single capital (A, I); no lower-case word, no comma or parenthesis (a list of
# acronyms is not shouting).
_SHOUT_SIGNS: Final = ":!?.-–—'\"“”‘’"
_SHOUT_GAP: Final = lazy(regex.compile,
    rf"""(?:[\s{regex.escape(_SHOUT_SIGNS)}]|(?<![\p{{L}}\p{{M}}])\p{{Lu}}(?![\p{{L}}\p{{M}}]))+""")
#: Characters ``str.isspace`` takes and ``\s`` does not: the information separators.
_SEPARATORS: Final = frozenset("\x1c\x1d\x1e\x1f")
#: Three capitalised words in a row make a heading or a shouted phrase.
SHOUT_RUN: Final = 3
# A news dateline: capitals at the start of a line, an optional ", Place", then a dash
# ("WASHINGTON —", "PORT-AU-PRINCE, Haiti —").
_DATELINE: Final = lazy(regex.compile,
    r"(?m)^\p{Lu}[\p{Lu}\p{M}'’.-]++(?:[ ]\p{Lu}[\p{Lu}\p{M}'’.-]++)*+"
    r"(?:,[^\n,—–]{1,40}+)?[ ]?[—–]"
)


class Token(NamedTuple):
    """An acronym-shaped token.

    ``parts`` lists the spans of a hyphen compound whose parts could stand alone
    (``CARICOM-IMPACS``); it is empty for a simple token.  ``weak`` (a word of a shouted
    heading, a capitalised function word, a label such as S1) and ``numeral`` flag tokens
    that count only if the glossary or the text knows them.
    """

    start: int
    end: int
    parts: tuple[tuple[int, int], ...] = ()
    weak: bool = False
    numeral: bool = False


#: The longest lower-case prefix of an acronym (circRNA).
_MAX_PREFIX: Final = 4


_UPPER, _LOWER, _DIGIT = range(3)


def _char_shapes(part: str) -> list[int]:
    """The shape of each capital, lower-case letter and decimal digit of ``part``, in order
    (other characters have none): what ``_PART_SHAPE`` finds, read by character code when
    the text is ASCII (compiled, several times faster than one match per character)."""
    if not part.isascii():
        return [_LOWER if m.group(1) else _DIGIT if m.group(2) else _UPPER
                for m in _PART_SHAPE().finditer(part)]
    shapes = []
    for c in part:
        code = ord(c)
        if 97 <= code <= 122:
            shapes.append(_LOWER)
        elif 65 <= code <= 90:
            shapes.append(_UPPER)
        elif 48 <= code <= 57:
            shapes.append(_DIGIT)
    return shapes


def _is_acronym_part(part: str) -> bool:
    """Two capitals, or a capital and a digit, and lower case kept to a minimum.

    Lower-case letters after the first capital may form one short run (PhD, DoD, IoT, SaaS);
    several runs or a long one make a camel-case name, not an acronym (MuJoCo, OpenAI,
    WiFi, MathML).  A short leading lower-case prefix (mRNA, iOS, lncRNA) and a plural s do
    not count; a long one is a word run into an acronym (baselineSOM, trainedRNN).
    """
    if part.endswith("s") and len(part) > 2:
        part = part[:-1]
    upper = digits = prefix = 0
    runs: list[int] = []
    previous_lower = False
    for shape in _char_shapes(part):
        if shape == _LOWER:
            if upper or digits:
                if previous_lower:
                    runs[-1] += 1
                else:
                    runs.append(1)
            else:
                prefix += 1
                if prefix > _MAX_PREFIX:
                    return False
            previous_lower = True
            continue
        previous_lower = False
        if shape == _DIGIT:
            digits += 1
        else:
            upper += 1
    lower = sum(runs)
    if upper == 0 or lower > upper or (lower >= 2 and (len(runs) > 1 or max(runs) > 2)):
        return False
    return upper >= 2 or digits >= 1


def _hyphen_parts(text: str, start: int, end: int) -> list[tuple[int, int, str, bool]]:
    """Split ``text[start:end]`` at hyphens: (start, end, text, is_acronym) per part."""
    parts = []
    position = start
    shapes = _PART_SHAPES
    for piece in text[start:end].split("-"):
        piece_end = position + len(piece)
        acronym = shapes.get(piece)
        if acronym is None:
            acronym = remember(shapes, piece, _is_acronym_part(piece))
        parts.append((position, piece_end, piece, acronym))
        position = piece_end + 1
    return parts


#: :func:`_is_acronym_part` of the parts of hyphen compounds seen: the same parts recur.
_PART_SHAPES: Final[dict[str, bool]] = {}


def _groups(text: str, start: int, end: int) -> list[Token]:
    """Turn a hyphenated token into the acronym tokens it holds.

    Runs of acronym parts stay together (``CARICOM-IMPACS``, ``SARS-CoV-2``); digits or a
    small Roman numeral after an acronym join it (``COVID-19``, ``MIMIC-III``; last, digits
    with a plural s: ``MS-13s``), and so does a short part next to one (``R-CNN``, ``RGB-D``,
    ``k-NN``, ``Bi-LSTM``); other words are dropped (``CBSI-funded`` -> ``CBSI``).  Only a
    run made of acronym parts alone may be split into its parts later, when the whole is
    unknown.
    """
    parts = _hyphen_parts(text, start, end)
    roles: list[str] = []
    last = len(parts) - 1
    for i, (_, _, piece, acronym) in enumerate(parts):
        if (_DIGITS().fullmatch(piece) or (roles and set(piece) <= _SMALL_ROMAN and piece)
                or (i == last and roles and _PLURAL_DIGITS().fullmatch(piece))):
            roles.append("suffix")
        elif acronym:
            roles.append("acronym")
        elif piece and ((len(piece) <= 2 and any(c.isupper() for c in piece))
                        or (len(piece) == 1 and piece.isalpha())):
            roles.append("short")
        else:
            roles.append("word")
    for i, role in enumerate(roles):
        # A capitalised word after an acronym may be part of a name (UN-Women, UN-Habitat):
        # kept in the token, which splits back into its acronym if the whole is unknown.
        if role == "word" and i and roles[i - 1] in ("acronym", "suffix"):
            piece = parts[i][2]
            if piece[:1].isupper() and piece[1:].islower():
                roles[i] = "name"
    tokens: list[Token | None] = []
    run: list[int] = []
    for i, role in enumerate(roles):
        joins = (
            role == "acronym"
            or (role in ("suffix", "name") and bool(run))
            or (role == "short" and (
                (run and roles[run[-1]] == "acronym")
                or (i + 1 < len(roles) and roles[i + 1] == "acronym")))
        )
        if joins:
            run.append(i)
            continue
        if run:
            tokens.append(_run_token(parts, roles, run))
            run = []
    if run:
        tokens.append(_run_token(parts, roles, run))
    return [token for token in tokens if token is not None]


def _run_token(parts: list[tuple[int, int, str, bool]], roles: list[str],
               run: list[int]) -> Token | None:
    while roles[run[-1]] == "short" and len(run) > 1 and roles[run[-2]] != "acronym":
        run = run[:-1]
    start, end = parts[run[0]][0], parts[run[-1]][1]
    if roles[run[-1]] == "name":
        # UN-Women: the acronym part alone stands in when the whole name is unknown.
        head = run[:-1]
        return Token(start, end, ((parts[head[0]][0], parts[head[-1]][1]),))
    pieces = [parts[i][2] for i in run]
    if sum(1 for piece in pieces if piece.rstrip("s").isdigit()) > 1 or _is_code(
            "".join(pieces)):
        return None  # a grant, contract or part number: N00999-21-7-0420, DGE-1234987
    if len(run) > 1 and all(_SMALL_ROMAN.issuperset(piece) for piece in pieces):
        return Token(start, end, (), False, True)  # a range of numerals: III-VII
    if all(roles[i] == "suffix" or _LABEL().fullmatch(piece)
           for i, piece in zip(run, pieces, strict=True)):
        # Labels and their ranges (S1, Q1-Q3, E5-2650), as for a label alone.
        return Token(start, end, (), True, False)
    splittable = all(roles[i] == "acronym" for i in run) and len(run) > 1
    spans = tuple((parts[i][0], parts[i][1]) for i in run)
    return Token(start, end, spans if splittable else ())


#: Words longer than this come back from :meth:`_WordStarts.before` as their first character
#: and their last ``_WORD_REACH - 1``.
_WORD_REACH: Final = 32


class _WordStarts:
    """Reads back the word before a token, remembering where the last one started.

    Every part of a long hyphen chain ("MC-cd-MC-cd-…") or run of apostrophes has the same
    word before it, back to the start of the chain: reading it back whole each time would cost
    the chain's length squared.  A reading that reaches the end of the last word read stops
    there and takes that word's start.  One instance serves one text.
    """

    __slots__ = ("end", "start")

    def __init__(self) -> None:
        # text[start:end] was the last word read: all word characters, nothing before it.
        self.end = self.start = -1

    def before(self, text: str, start: int) -> str:
        """The word (letters, hyphens, apostrophes) before ``start``, across white space."""
        i = start - 1
        # Any white space, line breaks included: "World War\nII" is still after "War".
        while i >= 0 and text[i].isspace():
            i -= 1
        j = i + 1
        known = self.end - 1
        while i >= 0 and (text[i].isalpha() or text[i] in "-'’"):
            if i == known:
                i = self.start - 1
                break
            i -= 1
        self.end, self.start = j, i + 1
        if j - i - 1 > _WORD_REACH:
            # Only the ends and the length beyond one letter are asked of a long word (the
            # nouns and function words compared with it are short): keep the reading bounded.
            return text[i + 1] + text[j - _WORD_REACH + 1:j]
        return text[i + 1:j]


#: The numerals a series is recognised by, in order.
_SERIES: Final = "I II III IV V VI VII VIII IX X XI XII XIII XIV XV XVI XVII XVIII XIX XX".split()
# Between two numerals of a series: "II and III", "I, II", "III or IV", "(I) and (II)".
_SERIES_GAP: Final = r"[)]?(?:[ \t]*+(?:[,;/&]|and|or|to)[ \t]*+|[ \t]++)[(]?"
_SERIES_REACH: Final = 12
# The numeral word just before the gap at the end of a window, or just after one at its start.
_SERIES_BEFORE: Final = lazy(regex.compile, rf"(?<![{_W}])([IVX]++){_SERIES_GAP}\Z")
_SERIES_AFTER: Final = lazy(regex.compile, rf"{_SERIES_GAP}([IVX]++)(?![{_W}])")


# A session or volume number after a number: "resolution 1802 (XVII)", "3310 B (XXVIII)".
_SESSION: Final = lazy(regex.compile, r"\p{Nd}(?:[ ]\p{Lu})?[ ]?\($")
# After a numeral in parentheses, a clause in lower case: "( II ) satisfies", "(iii) we".
# Made of I, V and X only, "(IV) the" is numbered; "(IV) drip" is defined, hence known.
_ENUMERATOR: Final = lazy(regex.compile, r"[ \t]?\)[ \t]*\p{Ll}")


def _in_series(text: str, start: int, end: int, surface: str) -> bool:
    """Whether the numeral next to ``surface`` in order stands right beside it, as in a list:
    "II and III", "I, II", "(I) and (II)", "phases I and II"."""
    if surface not in _SERIES:
        return False
    index = _SERIES.index(surface)
    # Only a parenthesis may stand between a numeral and the gap: "(II) and (III)".
    low = start - 1 if text[start - 1:start] == "(" else start
    high = end + 1 if text[end:end + 1] == ")" else end
    if index:
        before = _SERIES_BEFORE().search(text[max(0, low - _SERIES_REACH):low])
        if before is not None and before.group(1) == _SERIES[index - 1]:
            return True
    after = _SERIES_AFTER().match(text[high:high + _SERIES_REACH])
    return (after is not None and index + 1 < len(_SERIES)
            and after.group(1) == _SERIES[index + 1])


def _is_numeral(text: str, start: int, end: int, words: _WordStarts) -> bool:
    """A Roman numeral by its context: "Chapter VII", "World War II", "Henry VIII".

    MD, DC and MIX are valid numerals too, so the shape alone decides nothing: the word
    before must be a noun that takes a numeral, or a name (a capitalised word that is not a
    function word) followed by a numeral made of I, V and X only.
    """
    surface = text[start:end]
    if not _ROMAN().fullmatch(surface):
        return False
    before = words.before(text, start)
    if not before and text[start - 1:start] == "(" and _SMALL_ROMAN.issuperset(surface):
        before = words.before(text, start - 1)  # "Lecture Series (II)"
    if before.lower() in NUMERAL_NOUNS:
        return True
    if (
        len(before) > 1
        and before[0].isupper()
        and before[-1].islower()  # Henry, McDonald, SimCity; not an acronym
        and before.lower() not in _FUNCTION_WORDS
        and set(surface) <= {"I", "V", "X"}
    ):
        return True
    # An enumerator: "II. Methods" at the start of a line, "and II) these", "; III - ...".
    if text[end:end + 1] == ")" and text[max(0, start - 2):start].strip()[-1:] != "(":
        return True
    # In a series, numbering a clause, a session number, or an item numbered within it
    # ("decision XIV/7").
    if _SMALL_ROMAN.issuperset(surface) and (
            _in_series(text, start, end, surface)
            or (")" in text[end:end + 2] and _ENUMERATOR().match(text, end))
            or (text[start - 1:start] == "(" and _SESSION().search(text[max(0, start - 16):start]))
            or (text[end:end + 1] == "/" and text[end + 1:end + 2].isdecimal())):
        return True
    after = text[end:end + 3].lstrip(" ")[:1]
    if after == "" or after not in ".-–—":
        return False
    # Only the end of the line before the numeral matters; a bounded look keeps a text of one
    # enormous line linear.
    window = max(0, start - 80)
    line_start = text.rfind("\n", window, start) + 1 or window
    lead = text[line_start:start].rstrip(" \t")
    if not lead and line_start == window and window > 0 and text[window - 1] != "\n":
        return False  # more of the line lies before the window
    # "... and development. VI. Programme": a numbered section after a sentence.
    return not lead or lead[-1] in ";:."


def _looks_like_code(stretch: str, opens_run: bool) -> bool:
    """Whether a stretch of a chunk holds a sign of code; ``opens_run`` when it starts the
    whitespace-delimited run, the only place where a chunk's opening is looked for.

    The stretch is searched as a string of its own, so that no look-behind sees the characters
    before it.
    """
    return _CODE_SIGN().search(stretch) is not None or (
        opens_run and _CODE_HEAD().match(stretch) is not None)


class _CodeChunks:
    """Whether the whitespace-delimited chunk around a token is a URL, address, path or code.

    A chunk is the run of text between spaces, line breaks and tabs that holds the token.  When
    its ends are within ``_CHUNK_REACH`` of the token it is examined whole.  A longer run (a
    line of code, an encoded blob) is examined in stretches: the block of ``_CHUNK_REACH``
    characters, counted from the run's start, that holds the token, with one block on either
    side; the patterns anchored at a chunk's start apply only at the run's real start.  The run
    and the last verdict are kept, so that the tokens of one run (``GCLOUD_ALPHA_SQL_SSL``, or
    thousands in a line with no space) cost a few times the run's length in all, not a window
    each.
    """

    __slots__ = ("end", "run_end", "run_start", "start", "verdict")

    def __init__(self) -> None:
        self.run_start = self.run_end = -1  # the run of the last token
        self.start = self.end = -1  # the stretch last examined, and its verdict
        self.verdict = False

    def __call__(self, text: str, start: int, end: int) -> bool:
        if not (self.run_start <= start and end <= self.run_end):
            gap = _CHUNK_GAP_BEFORE().search(text, 0, start)
            self.run_start = gap.end() if gap is not None else 0
            gap = _CHUNK_GAP().search(text, end)
            self.run_end = gap.start() if gap is not None else len(text)
        run_start, run_end = self.run_start, self.run_end
        if start - run_start <= _CHUNK_REACH and run_end - end <= _CHUNK_REACH:
            low, high = run_start, run_end
        else:
            low = max(run_start, run_start + ((start - run_start) // _CHUNK_REACH - 1)
                      * _CHUNK_REACH)
            high = min(run_end, run_start + ((end - 1 - run_start) // _CHUNK_REACH + 2)
                       * _CHUNK_REACH)
        if low != self.start or high != self.end:
            self.start, self.end = low, high
            self.verdict = _looks_like_code(text[low:high], low == run_start)
        return self.verdict


_WORD_CHAR: Final = lazy(regex.compile, r"[\p{L}\p{M}\p{Nd}]")
_ASCII_WORD: Final = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")


def _is_word_char(char: str) -> bool:
    # The scan's own word characters (letters, marks, decimal digits): str.isalnum would
    # also take "¼" or "²", which the scan does not.
    if char.isascii():
        return char in _ASCII_WORD
    return _WORD_CHAR().match(char) is not None


def _mark_shouting(text: str, tokens: list[Token], caps: list[int]) -> None:
    """Flag runs of SHOUT_RUN or more all-capital words, and datelines, in place.

    ``caps`` indexes the tokens made of capital letters only.
    """
    weak: list[int] = []
    _datelines(text, tokens, caps, weak)
    _heading_lines(text, tokens, caps, weak)
    if len(caps) >= SHOUT_RUN:
        for first, last in _shouted_runs(text, tokens, caps):
            if last - first + 1 >= SHOUT_RUN:
                weak.extend(caps[first:last + 1])
    for i in weak:
        tokens[i] = _weakened(tokens[i])


def _datelines(text: str, tokens: list[Token], caps: list[int], weak: list[int]) -> None:
    """Add to ``weak`` the capital tokens of news datelines."""
    if "—" not in text and "–" not in text:
        return  # a dateline ends in a dash, which most texts (any ASCII text) never hold
    # Only a token at the start of a line can start a dateline.
    heads = [k for k, i in enumerate(caps)
             if (start := tokens[i].start) == 0 or text[start - 1] == "\n"]
    for k in heads:
        if weak and tokens[weak[-1]].start >= tokens[caps[k]].start:
            continue  # inside the dateline found last
        found = _DATELINE().match(text, tokens[caps[k]].start)
        if found is None:
            continue
        end = found.end()
        while k < len(caps) and tokens[caps[k]].start < end:
            weak.append(caps[k])
            k += 1


def _heading_lines(text: str, tokens: list[Token], caps: list[int], weak: list[int]) -> None:
    """Add to ``weak`` the capital tokens of headings: lines that hold nothing else (a colon
    may follow), at the start of the text or after a blank line, and followed by a blank or
    indented line or the end: a manual page's "SYNOPSIS" or "SEE ALSO".  Line breaks alone
    decide nothing: wrapped prose puts no blank line or indent around a word."""
    k, n = 0, len(caps)
    while k < n:
        i = _back_over(text, tokens[caps[k]].start, " \t")
        if i and not (text[i - 1] == "\n" and _blank_before(text, i - 1)):
            k += 1
            continue
        last = k
        while (last + 1 < n and caps[last + 1] == caps[last] + 1
               and text[tokens[caps[last]].end:tokens[caps[last + 1]].start] == " "):
            last += 1
        end = tokens[caps[last]].end
        stop = text.find("\n", end)
        rest = text[end:stop] if stop >= 0 else text[end:]
        if (not rest.strip() or rest.strip() == ":") and (
                stop < 0 or stop + 1 == len(text) or text[stop + 1] in " \t\r\n"):
            weak.extend(caps[k:last + 1])
        k = last + 1


def _blank_before(text: str, newline: int) -> bool:
    """Whether the line ending at ``text[newline]`` is blank, or the text starts there."""
    i = _back_over(text, newline, " \t\r")
    return i == 0 or text[i - 1] == "\n"


def _back_over(text: str, i: int, chars: str) -> int:
    """Where the run of ``chars`` that ends at ``i`` starts."""
    while i and text[i - 1] in chars:
        i -= 1
    return i


#: The hyphen typesetters (groff among them) put where they cut a word at a line's end.
_CUT: Final = "\u2010"


def _mark_cut_words(text: str, tokens: list[Token]) -> None:
    """Flag, in place, tokens that are half of a word cut at a line's end by a typeset hyphen
    ("LOCA‐" and "TION" of "--location=LOCA‐\n    TION"): weak, they count only where the
    glossary or the text knows them ("CARICOM‐\nIMPACS" keeps both)."""
    for k, token in enumerate(tokens):
        if _cut_after(text, token.end) or _cut_before(text, token.start):
            tokens[k] = _weakened(token)


def _cut_after(text: str, end: int) -> bool:
    """Whether a typeset hyphen and a line break follow ``end``."""
    if not text.startswith(_CUT, end):
        return False
    i = end + 1
    while i < len(text) and text[i] in " \t\r":
        i += 1
    return i < len(text) and text[i] == "\n"


def _cut_before(text: str, start: int) -> bool:
    """Whether ``start`` follows a line break after a letter and a typeset hyphen."""
    i = _back_over(text, start, " \t")
    if not i or text[i - 1] != "\n":
        return False
    i = _back_over(text, i - 1, " \t\r")
    return i >= 2 and text[i - 1] == _CUT and text[i - 2].isalpha()


def _shouted_runs(text: str, tokens: list[Token], caps: list[int]) -> list[tuple[int, int]]:
    """Runs of all-capital tokens with only shouting gaps between them, as first and last
    positions in ``caps``; only runs of two tokens or more.

    Two runs of two words or more separated by a comma are one ("RADIOACTIVE MATERIAL, LOW
    SPECIFIC ACTIVITY"); single words between commas are a list of acronyms (UN, EU, NATO).
    """
    # How each capital token is linked to the one before it, when no other token stands
    # between them: True over a shouting gap, False over a comma.
    links: dict[int, bool] = {}
    for k in [k for k in range(1, len(caps)) if caps[k] == caps[k - 1] + 1]:
        gap_start, gap_end = tokens[caps[k - 1]].end, tokens[caps[k]].start
        if gap_end > gap_start + 1 and (text[gap_start + 1].islower()
                                        or text[gap_end - 2].islower()):
            # Running text (" will review ... the "): a lower-case letter anywhere rules out
            # a shouting gap and a comma.
            continue
        if (gap_end == gap_start + 1 and text[gap_start] == " ") or _shouting_gap(
                text, gap_start, gap_end):
            links[k] = True
        elif text[gap_start] == "," and _COMMA_GAP().fullmatch(text, gap_start, gap_end):
            links[k] = False
    segments: list[list[int]] = []
    for k in sorted(k for k, shouted in links.items() if shouted):
        if segments and segments[-1][1] == k - 1:
            segments[-1][1] = k
        else:
            segments.append([k - 1, k])
    runs: list[tuple[int, int]] = []
    for first, last in segments:
        if runs and runs[-1][1] + 1 == first and links.get(first) is False:
            runs[-1] = (runs[-1][0], last)
        else:
            runs.append((first, last))
    return runs


_COMMA_GAP: Final = lazy(regex.compile, r",[ \t]?+")


def _shouting_gap(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` may stand between two words of a shouted run."""
    if end == start + 1:
        char = text[start]
        if char == " ":
            return True  # the usual gap needs no pattern
        if not char.isalpha():
            # One sign ("=", "-", "/"): the expression's class alone decides; only a capital
            # needs its neighbours looked at.
            return char in _SHOUT_SIGNS or (char.isspace() and char not in _SEPARATORS)
    # Most gaps are running text (" will review", "\n       gcloud", "\n   These"): a
    # lower-case letter, comma or parenthesis among the first two characters after the white
    # space that opens the gap already rules them out.
    first = start
    while first < end - 1 and text[first].isspace():
        first += 1
    head = text[first:min(first + 2, end)]
    if head.upper() != head or "," in head or "(" in head or ")" in head:
        return False
    return _SHOUT_GAP().fullmatch(text, start, end) is not None


_new: Final = tuple.__new__
_NO_PARTS: Final[tuple[tuple[int, int], ...]] = ()
_SUSPECT_BEFORE: Final = _LEFT_SUSPECT | _GLUE
_SUSPECT_AFTER: Final = _RIGHT_SUSPECT | _GLUE
# Characters before a token that need no closer look: white space and punctuation that opens
# or separates phrases.  Anything else (a word character, an apostrophe, "&", a hyphen, a
# character of URLs and code) goes through _careful_start.
_PLAIN_BEFORE: Final = frozenset(" \t\n\r\f\v([{\"“‘«,;!)]}*")


def _weakened(token: Token) -> Token:
    """``token._replace(weak=True)``, built as one tuple: ``_replace`` runs in Python even in
    the compiled build, through two calls and a generator."""
    return _new(Token, (token.start, token.end, token.parts, True, token.numeral))


def _suspect(text: str, start: int, end: int, before: str, after: str) -> bool:
    """Whether the characters around a token hint at a URL, path, address or identifier."""
    length = len(text)
    return (
        before in _LEFT_SUSPECT
        or after in _RIGHT_SUSPECT
        or (before in _GLUE and start > 1 and text[start - 2].isalnum())
        or (after in _GLUE and end + 1 < length and (text[end + 1].isalnum()
                                                     or text[end + 1] in "/\\"))
    )


def _careful_start(text: str, start: int, end: int, floor: int, in_code: _CodeChunks) -> int:
    """Where a token really starts, given odd characters around it; -1 to drop it.

    ``floor`` is the end of the token before: extending back never reaches into it.
    """
    before = text[start - 1] if start else " "
    if _is_word_char(before):
        # Matched from an inner capital: take the whole word (mRNA, 2FA); the shape
        # check rejects words that run on like no acronym does.
        while start > floor and _is_word_char(text[start - 1]):
            start -= 1
        before = text[start - 1] if start else " "
    if before in _APOSTROPHES or before == "&":
        return -1
    if before == "-":
        start = _hyphen_head(text, start, floor)
        before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    if (
        (before in _SUSPECT_BEFORE or after in _SUSPECT_AFTER)
        and _suspect(text, start, end, before, after)
        and in_code(text, start, end)
    ):
        return -1
    return start


def _hyphen_head(text: str, start: int, floor: int) -> int:
    """A short part before the hyphen belongs to the token: R-CNN, k-NN, Bi-LSTM."""
    head = start - 1
    while head > floor and head > start - 4 and _is_word_char(text[head - 1]):
        head -= 1
    piece = text[head:start - 1]
    if 0 < len(piece) <= 2 and (head == 0 or not (text[head - 1].isalnum()
                                                  or text[head - 1] in "-_")) and (
            any(c.isupper() for c in piece) or (len(piece) == 1 and piece.isalpha())):
        return head
    return start


# What a token without hyphens is, by its surface alone: all capitals (a possible Roman
# numeral, or not), another acronym shape, or no acronym.  Surfaces repeat, so the answer is
# kept; the cache is emptied when it grows large.
_CAPS_ROMAN, _CAPS, _PART, _NOT = range(4)
_KINDS: Final[dict[str, tuple[int, bool]]] = {}
_KINDS_MAX: Final = 65536


def _apostrophe_plural(text: str, end: int) -> int:
    """The end of a token followed by an apostrophe plural: "containers (IBC's)", "the
    NGO's, the". A possessive 's has its noun after it; with none, the 's makes a plural
    and belongs to the token as a plural s does."""
    after = end + 2
    if text[end + 1:after] == "s" and (after == len(text) or text[after] in ").,;:"):
        return after
    return end


#: Digits enough to make a token a number or a code (AG031177, 2019AB123456), not a name.
_CODE_DIGITS: Final = 5


def _is_code(surface: str) -> bool:
    return sum(1 for char in surface if char.isdecimal()) >= _CODE_DIGITS


def _kind(surface: str) -> tuple[int, bool]:
    """(kind, weak) of a surface without hyphens."""
    if _is_code(surface):
        return _NOT, False
    if surface.isupper() and surface.isalpha():
        if _ROMAN_CHARS.issuperset(surface):
            return _CAPS_ROMAN, surface in EMPHASIS_WORDS
        return _CAPS, surface in EMPHASIS_WORDS
    if _is_acronym_part(surface):
        # One capital and digits (S1, P2, F1) is usually a label, not an acronym;
        # G7 and G20 are in the glossary.
        return _PART, _LABEL().fullmatch(surface) is not None
    return _NOT, False


def find_tokens(text: str) -> list[Token]:
    """All acronym-shaped tokens of ``text``, in order, not overlapping.

    The end of a token excludes a possessive (``HSI’s`` -> ``HSI``) and includes a plural
    ``s`` (``MOUs``).  In tokenised text a spaced hyphen or slash joins words as an unspaced
    one does (``R - CNN``, ``TCP / IP``).
    """
    joiners = _spaced_joiners(text)
    if joiners:
        return _find_tokenised(text, joiners)
    return _find_tokens(text)


# How far either side of a spaced joiner the text is read to judge whether it is tokenised.
_STYLE_REACH: Final = 500


def _tokenised(text: str) -> bool:
    """Whether ``text`` was split into tokens and joined with spaces ("( CNN ) , the").

    Only there is a space before most commas, stops and semicolons; in edited prose a
    spaced hyphen is a dash ("the CBSI - a programme"), and it stays one.
    """
    punctuation = text.count(" , ") + text.count(" . ") + text.count(" ; ")
    spaced = punctuation + text.count("( ") + text.rstrip().endswith((" .", " ?", " !"))
    if not spaced:
        return False  # prose: no need to count its commas and stops
    glued = text.count(", ") + text.count(". ") + text.count("; ") - punctuation
    return spaced > glued


def _spaced_joiners(text: str) -> list[int]:
    """Offsets of the hyphens and slashes with one space either side, between two words, in
    stretches of tokenised text.

    The style is judged on the text around a joiner, and the verdict stands for the joiners
    that follow within that stretch, so each character is read at most twice.
    """
    candidates = sorted(_spaced_signs(text, "-") + _spaced_signs(text, "/"))
    joiners: list[int] = []
    judged_until, verdict = -1, False
    for space in candidates:
        if not (space and _is_word_char(text[space - 1])
                and space + 3 < len(text) and _is_word_char(text[space + 3])):
            continue
        if space >= judged_until:
            low = max(0, space - _STYLE_REACH)
            judged_until = space + _STYLE_REACH
            verdict = _tokenised(text[low:judged_until])
        if verdict:
            joiners.append(space + 1)
    return joiners


def _spaced_signs(text: str, sign: str) -> list[int]:
    """The offsets of ``sign`` with one space either side (``" - "``), in order.

    The sign alone is looked for, then its neighbours: a search for one character runs several
    times faster than one for the three, whose spaces stop its skipping at most characters (on
    the benchmark corpus a hyphen comes every 87 characters, a slash every 489, " - " every
    3,700).  Where the sign turns out to be more frequent than one in :data:`_SIGN_SPACING`
    characters (a rule of dashes, a hyphen chain), checking each would cost more, and the rest
    of the text is searched for the three characters.
    """
    offsets: list[int] = []
    seen = 0
    at = text.find(sign, 1)
    while at >= 0:
        seen += 1
        if seen > at // _SIGN_SPACING + _SIGN_SPACING:
            return offsets + _all_offsets(text, " " + sign + " ", at - 1)
        if text[at - 1] == " " and text.startswith(" ", at + 1):
            offsets.append(at - 1)
        at = text.find(sign, at + 1)
    return offsets


#: One sign in this many characters, or fewer, is read by :func:`_spaced_signs` one at a time.
_SIGN_SPACING: Final = 32


def _all_offsets(text: str, needle: str, start: int = 0) -> list[int]:
    offsets = []
    found = text.find(needle, start)
    while found >= 0:
        offsets.append(found)
        found = text.find(needle, found + 1)
    return offsets


def _find_tokenised(text: str, joiners: list[int]) -> list[Token]:
    """Tokens found with the spaces around ``joiners`` removed, mapped back to ``text``."""
    pieces: list[str] = []
    position = 0
    for joiner in joiners:
        pieces.append(text[position:joiner - 1])
        pieces.append(text[joiner])
        position = joiner + 2
    pieces.append(text[position:])
    # Where each joiner lands once the spaces before it are gone.
    landed = [joiner - 1 - 2 * i for i, joiner in enumerate(joiners)]

    def back(offset: int) -> int:
        # Every joiner before ``offset`` had two spaces removed around it.
        return offset + 2 * bisect_left(landed, offset)

    return [
        _new(Token, (back(t.start), back(t.end),
                     tuple((back(s), back(e)) for s, e in t.parts), t.weak, t.numeral))
        for t in _find_tokens("".join(pieces))
    ]


def _find_tokens(text: str) -> list[Token]:
    tokens: list[Token] = []
    caps: list[int] = []
    length = len(text)
    kinds = _KINDS
    in_code = _CodeChunks()
    words = _WordStarts()
    floor = 0  # the end of the last token, with its possessive ending
    # U+02BC is a letter to the pattern (Lm) but an apostrophe in "FBIʼs": a token ends there.
    modifier = "\u02bc" in text
    scan = _scan_of(text)
    # concurrent=False: by default ``regex`` lets go of the interpreter's lock (the GIL) and
    # takes it back at every match of a str, which costs more than many a match here.
    for match in scan.finditer(text, concurrent=False):
        group = match.lastgroup
        if group == "skip":
            continue
        start, end = match.span()
        if modifier and group is None:
            cut = text.find("\u02bc", start, end)
            if cut > 0:
                end = cut
        if text[end - 1] in "M." and _clock_time(text, start, end):
            continue  # "5 PM", "10:30 A.M.", "5PM": a time of day
        if (start and text[start - 1] not in _PLAIN_BEFORE) or (
                end < length and text[end] in _SUSPECT_AFTER):
            if (start and text[start - 1] == "_") or text[end:end + 1] == "_":
                continue  # part of an identifier (MAX_VALUE): its chunk is always code
            start = _careful_start(text, start, end, floor, in_code)
            if start < 0:
                continue
        if group is not None:
            if group == "pair" and start != match.start():
                continue  # xI/O: the first capital ends a longer word
            tokens.append(_new(Token, (start, end, _NO_PARTS, False, False)))
            floor = _past_possessive(text, end)
            continue
        surface = text[start:end]
        if surface[-1] == "-":
            end -= 1
            surface = surface[:-1]
        if "-" in surface:
            for token in _groups(text, start, end):
                if _ROMAN_CHARS.issuperset(text[token.start:token.end]) and _is_numeral(
                        text, token.start, token.end, words):
                    token = token._replace(numeral=True)
                tokens.append(token)
                floor = _past_possessive(text, token.end)
            continue
        found = kinds.get(surface)
        if found is None:
            if len(kinds) >= _KINDS_MAX:
                kinds.clear()
            found = kinds[surface] = _kind(surface)
        kind, weak = found
        if kind == _NOT:
            continue
        if kind == _CAPS_ROMAN and _is_numeral(text, start, end, words):
            tokens.append(_new(Token, (start, end, _NO_PARTS, False, True)))
        else:
            if kind != _PART:
                caps.append(len(tokens))
            if end < length and text[end] in _APOSTROPHES:
                end = _apostrophe_plural(text, end)
            tokens.append(_new(Token, (start, end, _NO_PARTS, weak, False)))
        floor = _past_possessive(text, end)
    if caps:
        _mark_shouting(text, tokens, caps)
    if _CUT in text:
        _mark_cut_words(text, tokens)
    if "/" in text:
        tokens = _join_slashes(text, tokens)
    return tokens


#: A clock time right before a time marker: "5", "10:30", "7.45", then one space or none; not
#: the number that ends a hyphenated name ("SARS-CoV-2 PM", "F-16 AM"), which is no time.
_CLOCK_BEFORE: Final = lazy(
    regex.compile, r"(?<![\w.:,])(?<!\p{L}[-‐])\d{1,2}(?:[:.][0-5]\d)?[ \u00a0\u202f]?$")
#: A clock time written with its marker: "5PM", "10:30AM".
_CLOCK: Final = lazy(regex.compile, r"\d{1,2}(?:[:.][0-5]\d)?[AP]M")


def _clock_time(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is AM or PM after a clock time ("5 PM", "10:30 A.M."), or
    a clock time with it ("5PM")."""
    surface = text[start:end]
    if surface in ("AM", "PM", "A.M.", "P.M."):
        return _CLOCK_BEFORE().search(text, max(0, start - 7), start) is not None
    return surface[0].isdigit() and _CLOCK().fullmatch(surface) is not None


def _past_possessive(text: str, end: int) -> int:
    """The end of a token ending at ``end`` with its possessive ending, which no later token
    may reach back into ("AB's-CD" holds CD, not "s-CD")."""
    if end < len(text) and text[end] in _APOSTROPHES:
        return end + len(possessive_after(text, end))
    return end


def _join_slashes(text: str, tokens: list[Token]) -> list[Token]:
    """Join acronyms written with a slash between them (HIV/AIDS, TCP/IP) into one token
    that splits back into its parts when the whole is unknown."""
    joined: list[Token] = []
    for token in tokens:
        if joined and not (token.weak or token.numeral):
            last = joined[-1]
            if (token.start == last.end + 1 and text[last.end] == "/"
                    and not (last.weak or last.numeral)):
                parts = (last.parts or ((last.start, last.end),)) + (
                    token.parts or ((token.start, token.end),))
                joined[-1] = _new(Token, (last.start, token.end, parts, False, False))
                continue
        joined.append(token)
    return joined


def possessive_after(text: str, end: int) -> str:
    """The possessive ending that follows a token ending at ``end``, if any."""
    if end >= len(text) or text[end] not in _APOSTROPHES:
        return ""
    for ending in POSSESSIVES:
        if text.startswith(ending, end):
            after = end + len(ending)
            if after < len(text) and (text[after].isalnum() or text[after] == "_"):
                continue
            if len(ending) == 1 and text[end - 1:end] != "s":
                continue
            return ending
    return ""
