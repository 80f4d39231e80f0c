"""Paragraph-streamed processing gives exactly what processing the whole text gives."""

from __future__ import annotations

import contextlib
import io
import itertools
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from strategies import documents

import acrolib
from acrolib import Source, cli
from acrolib._expand import ExpansionState, expand_annotated
from acrolib._stream import MAX_PARAGRAPH, cut_point, lines_of, paragraphs
from acrolib.cli import _read_chunks, _read_lines

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

    @given(streams(), st.sampled_from(("first", "all", "replace")),
           st.lists(st.integers(0, 2000), max_size=6))
    def test_text_in_any_pieces_equals_whole_text(self, text: str, mode: str,
                                                  cuts: list[int]) -> None:
        """A text handed to ``expand_stream`` in pieces cut anywhere, mid-word or mid-line,
        gives the bytes ``expand`` gives for it whole."""
        streamed = "".join(acrolib.default_resolver().expand_stream(_chunks(text, cuts), mode))
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


def _chunks(text: str, cuts: list[int]) -> list[str]:
    """``text`` cut where ``cuts`` say (offsets, taken modulo its length), as a reader that
    bounds its memory hands it over: blocks of lines, pieces of a long line."""
    at = sorted({c % (len(text) + 1) for c in cuts} | {0, len(text)})
    return [text[a:b] for a, b in itertools.pairwise(at)]


# Lines with spaces, sentence ends, closing quotes and white space other than spaces.
_LONG_LINES = st.text(alphabet=st.sampled_from("ab. ?\"\n\t\r\u3000\x1e"), max_size=200)


@given(st.text(alphabet=st.sampled_from("ab\n\r \x1e\u2028"), max_size=40))
def test_lines_of_a_text_are_those_of_a_file(text: str) -> None:
    """A text is cut into the lines a file opened with ``newline="\\n"`` gives."""
    assert list(lines_of(text)) == list(io.StringIO(text, newline="\n"))


class TestLongParagraphs:
    @given(st.one_of(streams(), _LONG_LINES), st.integers(1, 60),
           st.lists(st.integers(0, 400), max_size=6))
    # The white space before a line's first word fills the part: it is cut there whether
    # the line comes whole or in pieces, after the sentence, before the blank line.
    @example("abcdefg.\n\n  x\n", 10, [12])
    def test_parts_are_bounded_and_cover_the_text(self, text: str, limit: int,
                                                  cuts: list[int]) -> None:
        """However long a paragraph or a line, no part exceeds the limit, the parts put
        back together are the text, and they are the same whether the text comes in lines,
        in one piece or cut anywhere."""
        whole = list(paragraphs(text.splitlines(keepends=True), limit))
        assert "".join(whole) == text
        assert all(0 < len(part) <= limit for part in whole)
        assert list(paragraphs([text], limit)) == whole
        assert list(paragraphs(_chunks(text, cuts), limit)) == whole

    def test_short_paragraphs_are_not_cut(self) -> None:
        text = "One line.\nTwo lines.\n\nThree.\n"
        assert list(paragraphs(text.splitlines(keepends=True), len("One line.\nTwo lines.\n\n"))) \
            == ["One line.\nTwo lines.\n\n", "Three.\n"]

    def test_cut_after_a_sentence_at_a_line_end(self) -> None:
        """A paragraph too long for one part is cut at a line end that ends a sentence, in
        the second half of the part, rather than at a later line end inside a sentence."""
        text = ("Officials met on Monday in Kingston.\nThe Caribbean Basin Security\n"
                "Initiative (CBSI) funds it.\n")
        part = 70
        assert text.index("Initiative") < part < len(text)
        [first, *_] = paragraphs(text.splitlines(keepends=True), part)
        assert first == "Officials met on Monday in Kingston.\n"
        assert cut_point(text, 0, part) == len(first)

    def test_cut_at_a_closing_quote_after_a_sentence(self) -> None:
        text = 'He said "Go."\nand then\nmore text follows'
        assert cut_point(text, 0, 26) == text.index("and")

    def test_cut_at_the_last_line_end_without_a_sentence_end(self) -> None:
        text = "aaaa\nbbbb bbbb\ncccc cccc cccc"
        assert cut_point(text, 0, 20) == text.index("cccc")

    def test_cut_at_a_space_without_a_line_end(self) -> None:
        text = "aaaa bbbb\tcccc dddd"
        assert cut_point(text, 0, 12) == text.index("cccc")
        assert cut_point(text, 5, 6) == text.index("cccc")

    def test_cut_anywhere_without_white_space(self) -> None:
        assert cut_point("x" * 30, 4, 10) == 14

    def test_cut_ignores_a_sentence_end_in_the_first_half(self) -> None:
        """Only the second half of a part is searched for a sentence end: a part cut after
        a few lines would leave the next one to be cut again soon."""
        text = "end.\n" + "word " * 8 + "\nmore words here\n" + "x" * 20
        assert cut_point(text, 0, 60) == text.index("more")

    def test_file_without_line_breaks_read_in_parts(self, tmp_path: Path) -> None:
        """A file of more than a million characters on one line is read in pieces and
        expanded in parts of at most MAX_PARAGRAPH characters, none of them cut inside a
        word, and the output is what expanding the text in one call gives."""
        sentence = ("The Caribbean Basin Security Initiative (CBSI) funds the CCGIU. "
                    "The CBSI and the ATF met. Ünïcödé wörds çut at bytes. ")
        text = sentence * (MAX_PARAGRAPH // len(sentence) + 2)
        name = tmp_path / "one-line.txt"
        name.write_text(text, encoding="utf-8")
        chunks = list(_read_chunks(str(name), "strict", 1 << 16))
        assert "".join(chunks) == text
        assert max(len(c.encode()) for c in chunks) <= 2 << 16
        parts = list(paragraphs(chunks))
        assert len(parts) == 2 and "".join(parts) == text
        assert len(parts[0]) <= MAX_PARAGRAPH and parts[0].endswith(" ")
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            assert cli.main(["expand", str(name)]) == 0
        assert out.getvalue() == acrolib.expand(text)


class TestReadingInChunks:
    @given(st.text(max_size=60), st.integers(1, 9))
    def test_chunks_are_the_text(self, text: str, size: int) -> None:
        """A file read in chunks of a few bytes is the text read line by line: each chunk
        holds whole lines, or a piece of a line longer than the size, and a character that
        a piece's end would cut goes with the next piece; a bad byte is the same error."""
        data = text.encode("utf-8", "surrogatepass")
        with tempfile.NamedTemporaryFile(suffix=".txt") as handle:
            handle.write(data)
            handle.flush()
            try:
                whole = list(_read_lines(handle.name, "strict"))
            except acrolib.InputError as exc:  # a lone surrogate: the same error in chunks
                with pytest.raises(acrolib.InputError) as cut:
                    list(_read_chunks(handle.name, "strict", size))
                assert str(cut.value) == str(exc)
                return
            chunks = list(_read_chunks(handle.name, "strict", size))
        assert "".join(chunks) == "".join(whole) == text
        # At most two reads: the end of a line read before and the read that ends it.
        assert all(0 < len(c.encode("utf-8", "surrogatepass")) <= 2 * size + 3
                   for c in chunks)
        assert all(c.endswith("\n") or "\n" not in c or c is chunks[-1] for c in chunks)

    @pytest.mark.parametrize("size", [1, 2, 3, 5, 64])
    def test_a_bad_byte_is_placed_exactly(self, tmp_path: Path, size: int) -> None:
        """A bad byte is reported at the same line and byte whatever the chunk size,
        including a character cut short by the end of the file."""
        name = tmp_path / "bad.txt"
        for data, line, byte in ((b"ok\nyes\n\xc3\xa9t\xc3\xa9 \xff here\n", 3, 13),
                                 (b"caf\xc3\xa9\nend \xe2\x82", 2, 10)):
            name.write_bytes(data)
            with pytest.raises(acrolib.InputError) as caught:
                list(_read_lines(str(name), "strict"))
            assert f":{line}: not valid UTF-8 near byte {byte} " in str(caught.value)
            with pytest.raises(acrolib.InputError) as caught:
                list(_read_chunks(str(name), "strict", size))
            assert f":{line}: not valid UTF-8 near byte {byte} " in str(caught.value)
        name.write_bytes(b"caf\xc3\xa9\nend \xe2\x82")
        assert "".join(_read_chunks(str(name), "replace", size)) == "café\nend \ufffd"
