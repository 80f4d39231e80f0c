"""Tests for the scored alignment in ``acrolib._align``."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from acrolib import _align, _definitions
from acrolib._align import (
    BOUNDARY,
    CONTIGUOUS,
    MEMO_SIZE,
    SKIP_CONTENT,
    SKIP_PART,
    START,
    align_ending_at,
    align_fixed,
    fold,
    is_plural,
    short_units,
    tokenize,
    unit_variants,
    word_score,
)


def toks(s: str):  # type: ignore[no-untyped-def]
    return tokenize(s, 0, len(s))


class TestUnits:
    @pytest.mark.parametrize(
        ("short", "units"),
        [
            ("CBSI", "cbsi"),
            ("U.S.", "us"),
            ("MOUs", "mou"),
            ("CD40L", "cd40l"),
            ("R&D", "rd"),
            ("TTF-I", "ttf1"),
            ("Pol III", "pol3"),
            ("ＣＢＳＩ", "cbsi"),
        ],
    )
    def test_short_units(self, short: str, units: str) -> None:
        """Decoration is dropped, plurals after capitals and Roman suffixes are normalised."""
        assert short_units(short) == units

    @given(st.text(alphabet=st.sampled_from("IVX- \n\tAb"), max_size=8))
    @example("A-I\n")
    @example("Pol III")
    @example("A V")
    def test_roman_tail_ends_in_i_or_v(self, core: str) -> None:
        """The Roman numeral after a hyphen or space is looked for only in a short form ending
        in I or V (before a final line break): no other can hold one."""
        found = _align._roman_tail_re().search(core) is not None
        assert not found or core.endswith(_align._NUMERAL_ENDS)

    def test_variants(self) -> None:
        """Trailing digits may move to the front; a lower-case plural "s" may be dropped."""
        assert ("3l", 0.0) in unit_variants("l3")
        assert [v for v, _ in unit_variants("jaks", plural=True)] == ["jaks", "jak"]
        assert [v for v, _ in unit_variants("mss")] == ["mss"]

    def test_is_plural(self) -> None:
        """Only a final lower-case "s" can be a plural."""
        assert is_plural("Jaks") and not is_plural("MSS") and not is_plural("Hs")

    def test_fold_keeps_length(self) -> None:
        """Folding keeps one character per character, so offsets stay valid."""
        for s in ["Straße", "ＡＢＣ", "İstanbul", "e\u0301", "\ud800x"]:
            assert len(fold(s)) == len(s)


class TestWordScore:
    def test_initial(self) -> None:
        """A first letter scores START."""
        assert word_score("caribbean", frozenset(), "", "c") == START

    def test_syllable(self) -> None:
        """A prefix run scores START plus CONTIGUOUS per further letter."""
        assert word_score("community", frozenset(), "", "com") == pytest.approx(
            START + 2 * CONTIGUOUS
        )

    def test_boundary(self) -> None:
        """A letter after a digit change is a sub-word start."""
        t = toks("CD40")[0]
        assert word_score(t.fold, t.bounds, t.number, "cd4") == pytest.approx(
            START + CONTIGUOUS + BOUNDARY
        )

    def test_not_subsequence(self) -> None:
        """Letters out of order do not match."""
        assert word_score("abc", frozenset(), "", "ca") < -1e6

    def test_number_word(self) -> None:
        """A number word matches its digit."""
        t = toks("Seven")[0]
        assert word_score(t.fold, t.bounds, t.number, "7") == START


class TestMemos:
    """The memos of pure functions keep at most MEMO_SIZE entries and change no answer."""

    def test_word_scores(self) -> None:
        words = [f"w{n}ord" for n in range(MEMO_SIZE + 50)]
        for word in words:
            assert word_score(word, frozenset(), "", "wo") == _align._word_score(
                word, frozenset(), "", "wo")
            assert len(_align._WORD_SCORES) <= MEMO_SIZE
        # After the memo was emptied, a repeated call still gives the same answer.
        assert word_score(words[0], frozenset(), "", "wd") == _align._word_score(
            words[0], frozenset(), "", "wd")

    def test_token_infos_and_short_form_classes(self) -> None:
        for n in range(MEMO_SIZE + 50):
            surface = f"AB{n}c"
            assert _align._token_info(surface) == _align._info_of(surface)
            assert _definitions._sf_class(surface) == _definitions._classify_sf(surface)
            assert len(_align._TOKEN_INFO) <= MEMO_SIZE
            assert len(_definitions._SF_CLASSES) <= MEMO_SIZE


class TestAlign:
    def test_best_start(self) -> None:
        """The best start is the one whose words explain the short form."""
        t = toks("money for the Caribbean Basin Security Initiative")
        best = align_ending_at("cbsi", t, len(t) - 1)[0]
        assert (best.first, best.score) == (3, 1.0)

    def test_function_word_contributes(self) -> None:
        """Function words may give a letter: Department of Justice -> DOJ."""
        t = toks("Department of Justice")
        assert align_ending_at("doj", t, 2)[0].score == 1.0

    def test_skipped_content_word_costs(self) -> None:
        """A skipped content word lowers the score."""
        full = toks("amyloid beta protein precursor")
        assert 0.5 < align_ending_at("app", full, 3)[0].score < 1.0

    def test_fixed(self) -> None:
        """align_fixed scores a given span, leading words included."""
        t = toks("Bureau of Alcohol, Tobacco, Firearms and Explosives")
        assert align_fixed("atf", t, 2, len(t) - 1) > align_fixed("atf", t, 0, len(t) - 1)

    def test_tokenize_offsets(self) -> None:
        """Tokens carry absolute offsets and know whether a space precedes them."""
        s = "pre-T cell\r\nreceptor"
        t = toks(s)
        assert [s[x.start : x.end] for x in t] == ["pre", "T", "cell", "receptor"]
        assert [x.space_before for x in t] == [True, False, True, True]
        assert [x.hyphen for x in t] == [False, True, False, False]
        assert [x.hyphen for x in toks("duc.example/gov 1990-2000")] == [False] * 4 + [True]

    def test_compound_part_skipped_cheaply(self) -> None:
        """A later part of a hyphenated compound, or a hyphenated locant, costs SKIP_PART."""
        joined = align_fixed("sst", toks("semi-arid steppe"), 0, 2)
        spaced = align_fixed("sst", toks("semi arid steppe"), 0, 2)
        assert joined - spaced == pytest.approx((SKIP_PART - SKIP_CONTENT) / 3)
        assert align_fixed("ol", toks("2-oleoyl lipid"), 0, 2) == pytest.approx(
            (SKIP_PART + 2 * START) / 2
        )

    def test_compound_giving_a_later_letter(self) -> None:
        """A compound whose later part gives a letter costs SKIP_PART for its first part; a
        compound giving none costs one skipped word."""
        gives = align_fixed("nsf", toks("new wage-setting forum"), 0, 3)
        assert gives == pytest.approx((3 * START + SKIP_PART) / 3)
        silent = align_fixed("nf", toks("new wage-setting forum"), 0, 3)
        plain = align_fixed("nf", toks("new wage forum"), 0, 2)
        assert silent == pytest.approx(plain + SKIP_PART / 2)

    def test_whole_word_in_short_form(self) -> None:
        """A word spelled out after the start of a short form matches a whole word."""
        t = toks("United Nations Entity for Gender Equality and the Empowerment of Women")
        best = align_ending_at("unwomen", t, len(t) - 1)[0]
        assert best.first == 0 and best.score > 0.6

    def test_product_suffix_variant(self) -> None:
        """ "top1p": the final "p" after a digit may be left unexplained, at a small cost."""
        assert ("top1", 0.02) in unit_variants("top1p")
        assert [v for v, _ in unit_variants("abc")] == ["abc"]

    def test_tokenize_ascii_and_unicode_agree(self) -> None:
        """The ASCII fast path gives the same tokens as the Unicode expression."""
        plain = "Parkinson's disease-related gene 2 (PARK2) in O'Brien's lab"
        accented = plain + " é"
        assert toks(plain) == toks(accented)[:-1]
