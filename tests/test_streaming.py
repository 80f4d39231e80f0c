"""Paragraph-streamed processing gives exactly what processing the whole text gives."""

from __future__ import annotations

import os
import tempfile

from hypothesis import given
from hypothesis import strategies as st
from strategies import documents

import acrolib
from acrolib._stream import paragraphs
from acrolib.cli import _read_lines

# Paragraph breaks of every kind, so that streams cut texts in many places.
_BREAKS = st.sampled_from(["\n\n", "\r\n\r\n", "\n \n", "\n\n\n", "\n", " "])


@st.composite
def streams(draw: st.DrawFn) -> str:
    """Documents joined by paragraph breaks, definitions early and uses late."""
    parts = draw(st.lists(documents(max_pieces=5, hostile=False), min_size=1, max_size=6))
    return "".join(part + draw(_BREAKS) for part in parts)


class TestStreaming:
    @given(streams(), st.sampled_from(("first", "all", "replace")))
    def test_file_streamed_equals_whole_text(self, text: str, mode: str) -> None:
        """A file read line by line and expanded paragraph by paragraph gives the same
        bytes as expanding the text in one call."""
        fd, name = tempfile.mkstemp(suffix=".txt")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(text.encode("utf-8", "surrogatepass"))
            streamed = "".join(acrolib.default_resolver().expand_stream(
                _read_lines(name, "strict"), mode))
        finally:
            os.unlink(name)
        assert streamed == acrolib.expand(text, mode)

    @given(streams())
    def test_paragraphs_cover_the_text(self, text: str) -> None:
        """Paragraphs put back together are the text, and each ends its blank lines."""
        import io

        pieces = list(paragraphs(io.StringIO(text, newline="\n")))
        assert "".join(pieces) == text
        assert all(piece for piece in pieces)

    def test_definition_carries_to_later_paragraphs(self) -> None:
        """A definition in the first paragraph governs the last one, streamed or whole."""
        text = "The Quiet Zebra Trust (QZT) met.\n\nLater the QZT grew.\n"
        [*_, last] = paragraphs(iter(text.splitlines(keepends=True)))
        assert last == "Later the QZT grew.\n"
        assert acrolib.expand(text, "all") == (
            "The Quiet Zebra Trust (QZT) met.\n\nLater the Quiet Zebra Trust (QZT) grew.\n")
