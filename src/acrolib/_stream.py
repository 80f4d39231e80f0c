"""Reading text as paragraphs, so that large inputs are processed in bounded memory."""

from __future__ import annotations

from collections.abc import Iterable, Iterator


def paragraphs(lines: Iterable[str]) -> Iterator[str]:
    """Group lines (with their line ends) into paragraphs.

    A paragraph is a run of non-blank lines followed by the blank lines after it, so the
    concatenation of all paragraphs is exactly the input.
    """
    buffer: list[str] = []
    in_blank = False
    for line in lines:
        blank = not line.strip()
        if in_blank and not blank:
            yield "".join(buffer)
            buffer = []
            in_blank = False
        buffer.append(line)
        if blank and buffer:
            in_blank = True
    if buffer:
        yield "".join(buffer)
