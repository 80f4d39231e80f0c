"""Paragraph-streamed processing gives exactly what processing the whole text gives."""

from __future__ import annotations

import os
import tempfile

from hypothesis import given
from hypothesis import strategies as st
from strategies import documents

import acrolib
from acrolib import Source
from acrolib._expand import ExpansionState, expand_annotated
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

    def test_domains_carry_to_later_paragraphs(self) -> None:
        """The domains of earlier paragraphs' mentions help settle a later one, as they do
        when the whole text is annotated: HSI alone is ambiguous, after DOJ and ATF it is
        Homeland Security Investigations."""
        assert acrolib.annotate("HSI met.\n").mentions[0].source is Source.AMBIGUOUS
        text = "The DOJ and the ATF agreed.\n\nHSI met.\n"
        once = acrolib.expand(text, "all")
        assert once.endswith("\n\nHomeland Security Investigations (HSI) met.\n")
        assert acrolib.expand(once, "all") == once

    def test_settled_sense_carries_to_later_paragraphs(self) -> None:
        """A mention its paragraph leaves undecided takes the sense that an earlier
        paragraph's context settled, and says so.  In ``first`` and ``all`` mode the first
        expansion defines the short form for later paragraphs anyway; ``replace`` writes no
        definition, and without this would leave the later MSS as it is."""
        text = "The MSS supports the police in Haiti.\n\nThe MSS met.\n"
        assert acrolib.expand(text, "replace") == (
            "The Multinational Security Support supports the police in Haiti.\n\n"
            "The Multinational Security Support met.\n")
        resolver, state = acrolib.default_resolver(), ExpansionState()
        annotated = []
        for paragraph in paragraphs(iter(text.splitlines(keepends=True))):
            annotated.append(resolver._annotate(paragraph, state.definitions, state))
            expand_annotated(annotated[-1], "replace", state)
        assert not state.definitions
        [first], [later] = (a.mentions for a in annotated)
        assert state.settled["MSS"] is later  # the latest settled mention of MSS
        assert later.sense is first.sense
        assert later.candidates[0].reasons[-1] == "same sense as the MSS in an earlier paragraph"

    def test_a_settled_sense_here_comes_before_one_carried(self) -> None:
        """Within a paragraph, a settled mention before an undecided one governs it; a
        carried one comes before the paragraph, so before a settled mention after it."""
        gap = " The board met again." * 20  # wider than the context window
        text = (f"The MSS supports the police in Haiti.\n\nThe MSS met.{gap} The MSS band "
                f"carries satellite phones.{gap} The MSS met.\n")
        resolver, state = acrolib.default_resolver(), ExpansionState()
        mentions = []
        for paragraph in paragraphs(iter(text.splitlines(keepends=True))):
            annotated = resolver._annotate(paragraph, state.definitions, state)
            mentions.extend(annotated.mentions)
            expand_annotated(annotated, "replace", state)
        assert [m.expansion for m in mentions] == [
            "Multinational Security Support", "Multinational Security Support",
            "mobile-satellite service", "mobile-satellite service"]
