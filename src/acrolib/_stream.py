"""Reading text as paragraphs, so that large inputs are processed in bounded memory."""

from __future__ import annotations

from collections.abc import Generator, Iterable, Iterator
from typing import Final

#: The most characters a paragraph may hold (about 1 MB of text).  A longer one (a file with
#: one sentence per line and no blank line, or with no line break at all) is cut into parts
#: of at most this size, by :func:`cut_point`.
MAX_PARAGRAPH: Final = 1 << 20

# A line that ends one of these (closing quotes and brackets aside) ends a sentence.
_SENTENCE_ENDS: Final = frozenset(".!?。！？")
_CLOSERS: Final = frozenset("\"')]’”»")


def lines_of(text: str) -> Iterator[str]:
    """The lines of ``text``, each with its ``"\\n"`` (the last one may have none), as
    ``io.StringIO(text, newline="\\n")`` gives them."""
    lines = text.split("\n")
    last = lines.pop()
    for line in lines:
        yield line + "\n"
    if last:
        yield last


#: The size of the blocks a text is read in: characters for :func:`blocks_of`, bytes for the
#: command line reading a file.
BLOCK: Final = 1 << 16


def blocks_of(text: str) -> Iterator[str]:
    """``text`` in blocks of :data:`BLOCK` characters, as a file is read: its lines are then
    split off one block at a time, never all at once."""
    for start in range(0, len(text), BLOCK):
        yield text[start:start + BLOCK]


def paragraphs(chunks: Iterable[str], limit: int = MAX_PARAGRAPH) -> Iterator[str]:
    """Group a text, given in chunks, into paragraphs.

    A paragraph is a run of non-blank lines followed by the blank lines after it, so the
    concatenation of all paragraphs is exactly the input.  A paragraph longer than ``limit``
    characters is cut where :func:`cut_point` says, so no part is longer than ``limit``.

    The chunks may be lines with their ends, as a file gives them, or any pieces of the text
    (a reader that bounds its memory gives blocks of lines, and a long line in pieces).  The
    parts depend on the characters alone, not on where the chunks end: each decision is
    taken at a character (a paragraph starts at the first character of a non-blank line
    after a blank one; a cut is made once more than ``limit`` characters wait, and looks only
    at the first ``limit``).
    """
    buffer: list[str] = []
    size = 0  # characters in buffer
    line_start = 0  # where the current line starts in buffer
    at_line_start = True
    line_blank = True  # the current line, so far, holds only white space
    in_blank = False  # the last whole line was blank
    for piece in _lines_in(chunks):
        if at_line_start and piece[-1] == "\n" and size + len(piece) <= limit:
            # The usual case, a whole line and no cut: what follows decides the same, faster.
            blank = piece.isspace()
            if in_blank and not blank:
                yield "".join(buffer)
                buffer, size = [], 0
            buffer.append(piece)
            size += len(piece)
            in_blank = blank
            continue
        if at_line_start:
            line_start, line_blank, at_line_start = size, True, False
        if line_blank:
            rest = piece.lstrip()
            if rest:
                # The line turns out not to be blank at piece[lead]: its white space first.
                lead = len(piece) - len(rest)
                if lead:
                    buffer.append(piece[:lead])
                    size += lead
                    if size > limit:
                        buffer, size, line_start = yield from _cut(buffer, limit, line_start)
                if in_blank:
                    text = "".join(buffer)
                    if line_start:
                        yield text[:line_start]
                    buffer, size, line_start = [text[line_start:]], size - line_start, 0
                    in_blank = False
                line_blank = False
                piece = rest
        buffer.append(piece)
        size += len(piece)
        if piece[-1] == "\n":
            at_line_start = True
            in_blank = line_blank
        if size > limit:
            buffer, size, line_start = yield from _cut(buffer, limit, line_start)
    text = "".join(buffer)
    if text:
        yield text


def _lines_in(chunks: Iterable[str]) -> Iterator[str]:
    """``chunks`` cut after each line break: lines, and pieces of a line; none empty."""
    for chunk in chunks:
        end = chunk.find("\n")
        if end < 0 or end == len(chunk) - 1:
            if chunk:
                yield chunk
        else:
            yield from lines_of(chunk)


def _cut(buffer: list[str], limit: int, line_start: int
         ) -> Generator[str, None, tuple[list[str], int, int]]:
    """Yield parts of ``buffer`` until at most ``limit`` characters are left; return the
    rest as a buffer, its size and where the current line starts in it."""
    text = "".join(buffer)
    start = 0
    while len(text) - start > limit:
        end = cut_point(text, start, limit)
        yield text[start:end]
        start = end
    rest = text[start:]
    return [rest], len(rest), max(0, line_start - start)


def cut_point(text: str, start: int, limit: int) -> int:
    """Where to end a part of ``text`` that starts at ``start`` and may hold ``limit``
    characters (``text`` is longer than that): a position in ``(start, start + limit]``.

    The part ends, by preference, after the last line end in its second half that follows
    the end of a sentence, where a definition is least likely to be cut in two; else after
    its last line end; else after its last space or tab; else at ``limit`` characters.
    """
    end = start + limit
    half = start + limit // 2
    newline = text.rfind("\n", start, end)
    line_end = newline
    while line_end >= half:
        if _ends_sentence(text, start, line_end):
            return line_end + 1
        line_end = text.rfind("\n", half, line_end)
    if newline >= 0:
        return newline + 1
    space = max(text.rfind(" ", start, end), text.rfind("\t", start, end))
    return space + 1 if space >= 0 else end


def _ends_sentence(text: str, start: int, newline: int) -> bool:
    """Whether the line ending at ``newline`` ends with the end of a sentence."""
    i = newline - 1
    while i >= start and text[i] in " \t\r":
        i -= 1
    while i >= start and text[i] in _CLOSERS:
        i -= 1
    return i >= start and text[i] in _SENTENCE_ENDS
