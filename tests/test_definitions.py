"""Unit and property tests for ``acrolib._definitions.find_definitions``."""

from __future__ import annotations

import string
import unicodedata
from typing import ClassVar

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from acrolib import _definitions
from acrolib._align import FUNCTION_WORDS, fold, fold_char
from acrolib._definitions import _char_counts, _letters_in_order, _sf_class, find_definitions
from acrolib._model import Definition


def pairs(text: str) -> set[tuple[str, str]]:
    return {(d.short, d.long) for d in find_definitions(text)}


def check_spans(text: str, defs: list[Definition]) -> None:
    for d in defs:
        assert text[d.short_span[0] : d.short_span[1]] == d.short
        assert text[d.long_span[0] : d.long_span[1]] == d.long


class TestLongShort:
    def test_basic(self) -> None:
        """Long form then short form in parentheses, minimal expansion without "the"."""
        text = "We used the polymerase chain reaction (PCR) twice."
        (d,) = find_definitions(text)
        assert (d.short, d.long, d.pattern) == ("PCR", "polymerase chain reaction", "long-short")
        assert d.short_span == (39, 42)
        assert d.long_span == (12, 37)
        assert d.key == "PCR"

    def test_plural_key(self) -> None:
        """A plural short form keeps its surface but gets the singular key."""
        (d,) = find_definitions("They signed memorandums of understanding (MOUs) today.")
        assert (d.short, d.long, d.key) == ("MOUs", "memorandums of understanding", "MOU")

    def test_dotted_key(self) -> None:
        """Dots are kept in the surface and dropped from the key."""
        (d,) = find_definitions("Samples taken 9 days post coitum (d.p.c.) were used.")
        assert d.short == "d.p.c." and d.key == "dpc"

    @pytest.mark.parametrize(("text", "pair"), [
        ("The U.S. Agency for International Development (USAID) funds it.",
         ("USAID", "U.S. Agency for International Development")),
        ("The U.S. Coast Guard (USCG) met.", ("USCG", "U.S. Coast Guard")),
        ("The U.K. Home Office (UKHO) met.", ("UKHO", "U.K. Home Office")),
        ("The Bank of the U.S. (BUS) met.", ("BUS", "Bank of the U.S.")),
        ("US stands for Alpha U.S. today.", ("US", "Alpha U.S.")),
        ("AU stands for Alpha U.S. Unit.", ("AU", "Alpha U.S. Unit")),
    ])
    def test_dotted_initialism_in_the_long_form(self, text: str, pair: tuple[str, str]) -> None:
        """The dot of "U.S." ends no sentence, a long form ends between words and not inside
        "U.S.", and it keeps the final dot of an initialism."""
        assert pairs(text) == {pair}

    def test_sentence_end_still_bounds_the_window(self) -> None:
        """After a word that is no initialism, ". " followed by a capital ends a sentence."""
        assert pairs("They met in the US. The Coast Guard (CG) said so.") == {
            ("CG", "Coast Guard")}
        assert pairs("See item B. Central Bank (CB) rules.") == {("CB", "Central Bank")}

    def test_window_limits_start(self) -> None:
        """Words far before the parenthesis are outside the window."""
        text = "Peter Carter, Brian Smith and others praised the Regional Security System (RSS)."
        assert pairs(text) == {("RSS", "Regional Security System")}

    def test_best_start_not_first_match(self) -> None:
        """The best-scoring start wins over a start that also matches the first letter."""
        text = "Cells treated with the tumour necrosis factor (TNF) died."
        assert pairs(text) == {("TNF", "tumour necrosis factor")}

    def test_compound_short_form(self) -> None:
        """A short form made of a known one plus a new one keeps both words."""
        text = "The CARICOM Implementation Agency for Crime and Security (CARICOM IMPACS) met."
        assert pairs(text) == {
            ("CARICOM IMPACS", "CARICOM Implementation Agency for Crime and Security")
        }

    def test_defined_prefix_joins_name(self) -> None:
        """A short form defined earlier, right before a name, is part of the later name."""
        text = (
            "The Caribbean Community (CARICOM) set up the CARICOM Implementation Agency for "
            "Crime and Security (hereinafter IMPACS)."
        )
        assert ("IMPACS", "CARICOM Implementation Agency for Crime and Security") in pairs(text)


class TestNamedByAGlossary:
    """Long forms a glossary gives (``named``) are definitions where the text writes them in a
    defining pattern, whether or not their letters spell the short form."""

    LONGS: ClassVar[dict[str, tuple[str, ...]]] = {
        "BINUH": ("United Nations Integrated Office in Haiti",),
        "CBP": ("U.S. Customs and Border Protection",)}

    @classmethod
    def found(cls, text: str) -> set[tuple[str, str, str]]:
        defs = find_definitions(text, lambda short: cls.LONGS.get(short, ()))
        check_spans(text, defs)
        return {(d.short, d.long, d.pattern) for d in defs}

    @pytest.mark.parametrize(("text", "long", "pattern"), [
        ("The United Nations Integrated Office in Haiti (BINUH) met.",
         "United Nations Integrated Office in Haiti", "long-short"),
        ("The united nations integrated office\nin Haiti’s (BINUH) staff met.",
         "united nations integrated office\nin Haiti", "long-short"),
        ("The United Nations Integrated Office in Haiti, or BINUH, met.",
         "United Nations Integrated Office in Haiti", "or"),
        ("BINUH (the United Nations Integrated Office in Haiti) met.",
         "United Nations Integrated Office in Haiti", "short-long"),
        ("BINUH stands for United Nations Integrated Office in Haiti.",
         "United Nations Integrated Office in Haiti", "stands-for"),
    ])
    def test_irregular_short_form(self, text: str, long: str, pattern: str) -> None:
        """BINUH's letters come from the French name: only the glossary knows the pair."""
        assert pairs(text) == set()
        assert self.found(text) == {("BINUH", long, pattern)}

    def test_the_whole_name_over_the_letters(self) -> None:
        """The name the glossary gives wins over the shorter one the letters explain."""
        text = "Agents of the U.S. Customs and Border Protection (CBP) met."
        assert pairs(text) == {("CBP", "Customs and Border Protection")}
        assert self.found(text) == {("CBP", "U.S. Customs and Border Protection", "long-short")}
        # The name written once more just before does not hide the one before the bracket.
        text = "U.S. Customs and Border Protection staff of the U.S. Customs and Border " \
               "Protection (CBP) met."
        assert self.found(text) == {("CBP", "U.S. Customs and Border Protection", "long-short")}

    @pytest.mark.parametrize(("text", "expected"), [
        ("The Coastal Border Patrol (CBP) met.", {("CBP", "Coastal Border Patrol", "long-short")}),
        ("The NonUnited Nations Integrated Office in Haiti (BINUH) met.", set()),
        ("BINUH (United Nations Integrated Office in Haitians) met.", set()),
    ])
    def test_other_text_falls_back_to_the_letters(
            self, text: str, expected: set[tuple[str, str, str]]) -> None:
        """A long form the glossary does not give, or one that is part of a longer word, is
        read from the letters as before."""
        assert self.found(text) == expected
        assert {(s, lf) for s, lf, _ in expected} == pairs(text)


class TestShortLong:
    def test_short_then_long(self) -> None:
        """Short form before a parenthesised long form."""
        (d,) = find_definitions("Each CBSI (Caribbean Basin Security Initiative) grant is small.")
        assert (d.short, d.long, d.pattern) == (
            "CBSI",
            "Caribbean Basin Security Initiative",
            "short-long",
        )

    def test_for_introducer(self) -> None:
        """ "X (for Long Form)" is a short-long definition."""
        assert pairs("The gene, called RSS (for Regional Security System), was cloned.") == {
            ("RSS", "Regional Security System")
        }

    def test_lowercase_word_before_is_not_short(self) -> None:
        """An ordinary word before a parenthesis is never taken as a short form."""
        assert pairs("The plan (Priority Lending Arrangement Now) was adopted.") == set()


class TestInsideParentheses:
    @pytest.mark.parametrize(
        "body",
        ["blood-brain barrier, BBB", "BBB, blood-brain barrier", "blood-brain barrier; BBB"],
    )
    def test_both_inside(self, body: str) -> None:
        """Both forms inside one parenthesis, in either order."""
        assert pairs(f"Few drugs cross it ({body}) unaided.") == {("BBB", "blood-brain barrier")}

    @pytest.mark.parametrize(
        "intro",
        [
            "hereinafter",
            "hereinafter referred to as",
            "also known as",
            "known as",
            "or",
            "abbreviated",
        ],
    )
    def test_introducers(self, intro: str) -> None:
        """Introducing phrases before the short form are skipped."""
        text = f"The Regional Security System ({intro} RSS) met."
        assert pairs(text) == {("RSS", "Regional Security System")}

    @given(st.text(alphabet="herinaftcowkdspmvzb.,KI \t\n\r\u212a\u017f\u0130\u0131",
                   max_size=40))
    @example("Also Known As ")
    @example("\u0130.E., the ")
    def test_introducers_read_as_the_regex_module_reads_them(self, text: str) -> None:
        """The introducing phrases are plain ASCII, so the standard library compiles them
        (several times faster, which a short command notices): it must match what ``regex``
        would."""
        import re

        import regex

        for compiled in (_definitions._intro_re(), _definitions._for_re()):
            assert isinstance(compiled, re.Pattern)
            other = regex.compile(compiled.pattern, regex.IGNORECASE | compiled.flags & re.X)
            ours, theirs = compiled.match(text), other.match(text)
            assert (ours and ours.span()) == (theirs and theirs.span())

    def test_two_quoted_names(self) -> None:
        """Of two quoted names, the one shaped like a short form is taken."""
        text = 'The Regional Security System (hereinafter "the System" or "RSS") met.'
        assert pairs(text) == {("RSS", "Regional Security System")}


class TestTriggers:
    def test_or(self) -> None:
        """ ", or SF," after a long form."""
        (d,) = find_definitions("The Regional Security System, or RSS, met.")
        assert (d.short, d.long, d.pattern) == ("RSS", "Regional Security System", "or")

    def test_stands_for(self) -> None:
        """ "SF stands for Long Form" picks the long form's end at the clause break."""
        (d,) = find_definitions("RSS stands for Regional Security System, a treaty body.")
        assert (d.short, d.long, d.pattern) == ("RSS", "Regional Security System", "stands-for")

    @pytest.mark.parametrize("phrase", ["stands for", "stood for"])
    def test_stands_for_twice_close_together(self, phrase: str) -> None:
        """A phrase whose short form comes within a few words after another phrase is read
        from its own short form, not the earlier one's."""
        text = f"UT {phrase} Utah, ID {phrase} Idaho."
        assert pairs(text) == {("UT", "Utah"), ("ID", "Idaho")}

    def test_or_without_alignment(self) -> None:
        """ "or" followed by an unrelated acronym is not a definition."""
        assert pairs("Send it by post or DHL tomorrow.") == set()

    def test_hereinafter_within_a_paragraph(self) -> None:
        """"hereinafter" and the short form may be a line apart, not a blank line apart;
        glued to the end of a word, it is no trigger."""
        long = "The Caribbean Basin Security Initiative, hereinafter"
        expected = {("CBSI", "Caribbean Basin Security Initiative")}
        assert pairs(f"{long}\nCBSI, met.") == pairs(f"{long} CBSI, met.") == expected
        assert pairs(f"{long}\n\nCBSI, met.") == set()
        assert pairs("CCOIMPACShereinafter CC-IMPACS") == set()

    @given(st.text(alphabet=st.one_of(st.sampled_from("AB1a ,;(\t\u3000\x1c.&/-é\n="),
                                      st.characters()), max_size=40),
           st.integers(min_value=0, max_value=40))
    @example("x CDB", 5)
    @example("x\u3000CDB", 5)
    @example("x\x1cCDB", 5)  # an information separator is no white space to the expression
    @example("x(CDB", 5)
    @example("x,CDB", 5)
    @example("CDB", 3)
    @example("(A1;B2", 6)
    @example(" " + "A" * 30, 31)
    @example("aaB", 3)
    @example("0\n", 2)  # "$" matches before a final line break
    @example("x CDB\n", 6)
    @example("AB=AB", 5)
    @example("x A-B", 5)
    @example("x A&B", 5)
    def test_key_before_an_equals_sign(self, text: str, end: int) -> None:
        """The key of a list entry is found by one attempt after the last white space, comma,
        semicolon or bracket: the same match as trying every start in the 24 characters."""
        end = min(end, len(text))
        expected = _definitions._eq_re().search(text, max(0, end - 24), end)
        got = _definitions._key_before(text, end)
        assert (got and got.span("sf")) == (expected and expected.span("sf"))


class TestRejects:
    @pytest.mark.parametrize(
        "body",
        [
            "Smith et al., 2010",
            "2010",
            "a",
            "i",
            "iv",
            "1",
            "5 mg/kg",
            "n = 12",
            "p < 0.05",
            "x + y",
            "45%",
            "see below",
        ],
    )
    def test_not_short_forms(self, body: str) -> None:
        """Citations, years, enumerations, units, statistics and maths are not short forms."""
        assert pairs(f"The stated result holds ({body}) in general.") == set()

    def test_formula_without_alignment(self) -> None:
        """A chemical formula after an unrelated word is not a definition."""
        assert pairs("A glass of water (H2O) is clear.") == set()

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            # A bracket attached to a word is no boundary, so only the rule stops this one.
            ("Alpha Beta(AB) Gamma (ABG)", {("AB", "Alpha Beta")}),
            ("Alpha Beta Gamma, or ABG, Delta (ABGD)", {("ABG", "Alpha Beta Gamma")}),
        ],
    )
    def test_no_long_form_reaches_into_an_earlier_definition(
        self, text: str, expected: set[tuple[str, str]]
    ) -> None:
        """A long form before a bracket starts after the definitions found before it: "Beta(AB)
        Gamma" does not define ABG, nor "ABG, Delta" ABGD."""
        assert pairs(text) == expected

    @pytest.mark.parametrize("s", ["Smith et al.", "2010", "iv", "x", "5 mg", "p < 0.05"])
    def test_sf_class_rejects(self, s: str) -> None:
        """The short-form shape check rejects non-acronyms."""
        assert _sf_class(s) == ""

    @pytest.mark.parametrize("s", ["CBSI", "G7", "mRNA", "CD40L", "U.S.", "CARICOM IMPACS"])
    def test_sf_class_accepts(self, s: str) -> None:
        """Typical short forms have the "acro" shape."""
        assert _sf_class(s) == "acro"


class TestRobustness:
    @pytest.mark.parametrize(
        "text",
        [
            "",
            "(",
            ")",
            "()",
            "((((",
            "))))",
            "( )",
            "(\x00)",
            "\ud800 (\udfff)",
            "A (B (C (",
            "[(])",
            "or",
            " or ",
            "stands for",
            "(hereinafter",
            "\u0301(\u0301)",
        ],
    )
    def test_degenerate_inputs(self, text: str) -> None:
        """Degenerate inputs never raise; what they give slices back to its strings."""
        defs = find_definitions(text)
        assert all(isinstance(d, Definition) for d in defs)
        check_spans(text, defs)

    def test_empty_long_span_refused(self) -> None:
        """A reading that leaves no long form (here before a dot) is refused, not an error."""
        from acrolib._definitions import _Finder

        assert _Finder("ab. x").add((4, 5), (2, 2), "long-short", 1.0) is False

    def test_unbalanced_keeps_later_definitions(self) -> None:
        """An unclosed or stray bracket does not hide later definitions."""
        text = "It ( ran ] late. Later the Regional Security System (RSS) met."
        assert pairs(text) == {("RSS", "Regional Security System")}

    def test_sorted_and_unique_short_spans(self) -> None:
        """Results are sorted by short-form start and short spans are unique."""
        text = (
            "The Regional Security System (RSS) and the Caribbean Community (CARICOM) and "
            "RSS (Regional Security System) met."
        )
        defs = find_definitions(text)
        starts = [d.short_span[0] for d in defs]
        assert starts == sorted(starts) and len(set(starts)) == len(starts) == 3
        check_spans(text, defs)

    def test_surrogates_and_nul(self) -> None:
        """Lone surrogates and NUL characters near a definition do not break spans."""
        text = "\ud800\x00 The Regional Security System (RSS) \udfff met."
        defs = find_definitions(text)
        assert [(d.short, d.long) for d in defs] == [("RSS", "Regional Security System")]
        check_spans(text, defs)


# --- properties -------------------------------------------------------------------------------

#: Words that introduce a short form ("hereinafter", "known as" ...) are not long-form words.
_INTRODUCERS = {
    "hereinafter",
    "hereafter",
    "henceforth",
    "known",
    "called",
    "termed",
    "designated",
    "abbreviated",
    "aka",
    "referred",
    "stands",
    "stood",
    "short",
}
_word = st.text(alphabet=string.ascii_lowercase, min_size=3, max_size=10).filter(
    lambda w: w not in FUNCTION_WORDS and w not in _INTRODUCERS
)
_long_form = st.lists(_word, min_size=2, max_size=6).map(lambda ws: [w.capitalize() for w in ws])
_distractor = st.sampled_from(
    ["", "Yesterday the committee met, and then ", "In a statement issued late on Monday, the "]
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=200))
def test_never_raises_and_spans_valid(text: str) -> None:
    """Any text: no exception, sorted unique short spans, spans that slice to the strings."""
    defs = find_definitions(text)
    check_spans(text, defs)
    starts = [d.short_span for d in defs]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)


_NAMED_TEXT = st.lists(st.sampled_from([
    "Alpha", "Beta", "alpha", "Gamma", "AB", "ABs", "GD", "(", ")", ", or", "stands for",
    "the", "Alpha Beta", "Beta Gamma", "\n", "’s", ".", "=", ":"]), max_size=30).map(" ".join)


@settings(max_examples=300)
@given(_NAMED_TEXT)
def test_named_long_forms(text: str) -> None:
    """With a glossary that knows nothing the result is the same as without one; with one
    that knows a pair, every definition still slices back to its strings, and one whose
    long form the glossary gives is written as the glossary writes it."""
    assert find_definitions(text, lambda short: ()) == find_definitions(text)
    longs = {"AB": ("Alpha Beta",), "GD": ("Beta Gamma",)}
    defs = find_definitions(text, lambda short: longs.get(short.rstrip("s"), ()))
    check_spans(text, defs)
    for d in defs:
        if d.score == 1.0 and d.key in longs:
            assert " ".join(d.long.split()).casefold() in {
                lf.casefold() for lf in longs[d.key]}


@settings(max_examples=200)
@given(st.text(alphabet="()[]A. ,orxy\n", max_size=300))
def test_bracket_soup(text: str) -> None:
    """Bracket-heavy text: no exception and valid spans."""
    check_spans(text, find_definitions(text))


@settings(max_examples=200)
@given(_long_form, _distractor)
@example(["Aaa", "Aaa", "Aaa"], "")
def test_generated_long_short(words: list[str], prefix: str) -> None:
    """A capitalised long form with its initials in parentheses is found with its exact span."""
    long = " ".join(words)
    short = "".join(w[0] for w in words).upper()
    text = f"{prefix}{long} ({short}) was set up."
    start = len(prefix)
    got = [d for d in find_definitions(text) if d.short == short]
    assert len(got) == 1
    assert got[0].long_span == (start, start + len(long))
    assert got[0].short_span == (start + len(long) + 2, start + len(long) + 2 + len(short))


@settings(max_examples=200)
@given(_long_form, _distractor)
def test_generated_short_long(words: list[str], prefix: str) -> None:
    """Initials followed by the parenthesised long form: found with its exact span."""
    long = " ".join(words)
    short = "".join(w[0] for w in words).upper()
    text = f"{prefix}{short} ({long}) was set up."
    start = len(prefix) + len(short) + 2
    got = [d for d in find_definitions(text) if d.short == short]
    assert len(got) == 1
    assert got[0].long_span == (start, start + len(long))
    assert got[0].short_span == (len(prefix), len(prefix) + len(short))


class TestLetterFilter:
    """The letter filter reads a window with non-ASCII characters decomposed whole (NFKD),
    and must let through every window that folding character by character would."""

    def test_every_code_point_keeps_its_folded_letter(self) -> None:
        missing = []
        for cp in range(0x80, 0x110000):
            ch = chr(cp)
            folded = fold_char(ch)
            decomposed = unicodedata.normalize("NFKD", ch).casefold()
            if folded.isascii() and folded.isalpha() and folded not in decomposed:
                missing.append(ch)
        assert missing == []

    @given(st.text(max_size=40), st.text(alphabet=string.ascii_lowercase, min_size=1, max_size=6))
    @example("ＣＡＲＩＢＢＥＡＮ Ｂａｓｉｎ", "cb")
    @example("e\u0301cole ﬁnance \ud800 Ⅸ", "efix")
    def test_lets_through_what_folding_finds(self, text: str, units: str) -> None:
        window, p = fold(text), 0
        for u in units[:-1] if units[-1] in "sp" else units:
            p = window.find(u, p) + 1
            if not p:
                return  # folding lacks a letter: the filter may say either
        assert _letters_in_order(units, text, 0, len(text))

    def test_full_width_long_form(self) -> None:
        long = "Ｃａｒｉｂｂｅａｎ Ｂａｓｉｎ Ｓｅｃｕｒｉｔｙ Ｉｎｉｔｉａｔｉｖｅ"
        assert pairs(f"The {long} (CBSI) grew.") == {("CBSI", long)}


class TestCharCounts:
    """The short-form classifier counts characters by code for ASCII and by the ``str``
    methods otherwise; the counts are those the methods give for every character."""

    @staticmethod
    def by_methods(s: str) -> tuple[int, int, int]:
        return (sum(c.isalnum() for c in s), sum(c.isalpha() for c in s),
                sum(c.isupper() for c in s))

    def test_every_ascii_character(self) -> None:
        for cp in range(128):
            assert _char_counts(chr(cp)) == self.by_methods(chr(cp)), repr(chr(cp))

    @given(st.text(max_size=30))
    @example("CARICOM-IMPACS 2")
    @example("Ⅸ½ǅß ＣＡ é\ud800")
    def test_any_text(self, s: str) -> None:
        assert _char_counts(s) == self.by_methods(s)


class TestStemsLength:
    """The long form's name is compared with the short form's only when their word stems
    are as long, a length counted without building them."""

    @given(st.text(max_size=40))
    @example("file (or files)")
    @example("CREATE_ROLE(7)  pauses ß²½ Ⅻ_s")
    def test_is_the_length_of_the_stems(self, s: str) -> None:
        assert _definitions._stems_length(s) == len(_definitions._word_stems(s))


@given(st.text(alphabet="aZB9= &./-_,\tÉé1ⅫΣ", max_size=30) | st.text(max_size=30))
@example("AB=AB=AB=")
@example("CDB = Caribbean, Abbbbbbbbbbbb=x, Abbbbbbbbbbbbb=x, AB  =x, abc=def")
def test_equals_positions_are_the_expression_s(text: str) -> None:
    """The "=" of a list entry is judged by character code on ASCII text, as the expression
    judges it."""
    expected = [m.start() for m in _definitions._equals_re().finditer(text)]
    assert _definitions._equals_positions(text) == expected



_SF_BEFORE_PIECES = st.sampled_from([
    "ATF", "alpha/beta-SNAP", "N.A.", "R&D", "x", "Σ2", "é", "²", '"', "“", "”", "’", "(", "[",
    "/", "-", " ", " ", "\t", "\n", "\r\n", "\r", "\x0b", "\x1c", "\xa0", "\u3000",
])


@given(st.lists(_SF_BEFORE_PIECES, max_size=12).map("".join) | st.text(max_size=30),
       st.integers(0, 3), st.integers(0, 25))
@example("The ATF ", 0, 20)
@example('see alpha/beta-SNAP "ATF”\r\n\t ', 0, 20)
@example("x\u3000AB\x1c", 0, 20)
@example("abcdefghijklmnopqr ATF", 0, 6)
def test_sf_before_is_the_expression_s_search(text: str, cut: int, back: int) -> None:
    """The short form written before a bracket is found where the expression's search finds
    it, though only the places a match can start are tried."""
    end = max(0, len(text) - cut)
    lo = max(0, end - back)
    expected = _definitions._sf_before_re().search(text, lo, end)
    got = _definitions._sf_before(text, lo, end)
    assert (got and got.span("sf")) == (expected and expected.span("sf"))
    assert (got and got.span()) == (expected and expected.span())

class TestRewrappedAndRefined:
    """Line breaks, word parts of short forms, product suffixes, variants of the short form."""

    @pytest.mark.parametrize(
        "text",
        [
            "the Joint Task Force, or JTF, funds training.",
            "JTF stands for Joint Task Force.",
            "We reviewed JTF (Joint Task Force) funds.",
            "the Joint Task Force, also known as JTF, met.",
        ],
    )
    def test_line_breaks_between_words(self, text: str) -> None:
        """Every space turned into a line break: the same definition is found."""
        wrapped = text.replace(" ", "\n")
        assert pairs(text) == {("JTF", "Joint Task Force")}
        assert pairs(wrapped) == {("JTF", "Joint\nTask\nForce")}

    def test_crlf_between_or_and_short_form(self) -> None:
        text = "the Joint Task Force, or\r\nJTF, funds training."
        assert pairs(text) == {("JTF", "Joint Task Force")}

    def test_stands_for_ends_with_the_name(self) -> None:
        """After "stands for", lower-case words following a title-case name are not in it."""
        assert pairs("JTF stands for Joint Task Force funds training.") == {
            ("JTF", "Joint Task Force")
        }

    def test_stands_for_comma_end_kept(self) -> None:
        """A comma after the long form is its end, even after a lower-case head noun."""
        assert pairs("MSS, short for Multinational Security Support mission, was approved.") == {
            ("MSS", "Multinational Security Support mission")
        }

    def test_spelled_out_word_in_short_form(self) -> None:
        """ "UN-Women": the word part matches a whole word of the long form."""
        text = (
            "The United Nations Entity for Gender Equality and the Empowerment of Women "
            "(UN-Women) opened an office."
        )
        assert pairs(text) == {
            (
                "UN-Women",
                "United Nations Entity for Gender Equality and the Empowerment of Women",
            )
        }

    def test_product_suffix(self) -> None:
        """A final "p" after a digit is a product suffix, not a letter of the name."""
        assert pairs("Yeast DNA topoisomerase I (Top1p) was purified.") == {
            ("Top1p", "topoisomerase I")
        }
        assert pairs("The binding of Sup35p (suppressor protein 35) was weak.") == {
            ("Sup35p", "suppressor protein 35")
        }

    def test_long_form_holding_the_short_form_is_a_variant(self) -> None:
        """ "K-Ras (Ras)": the short form written the same way inside is not an expansion."""
        assert pairs("Mutant K-Ras (Ras) was expressed.") == set()

    def test_list_of_symbols_is_not_a_long_form(self) -> None:
        """ "(ALPHA1, ALPHA2, and BETA3)": symbols joined by "and" explain nothing."""
        assert pairs("The genes (TGFA, TGFB, and TGFC) were cloned.") == set()

    def test_rejected_reading_falls_back(self) -> None:
        """When the best reading of a bracket is rejected, the next one is tried."""
        text = "Funds went to the Office of Women (OW-Women) last year."
        found = pairs(text)
        assert ("Women", "OW-Women") not in found


# Words, with the characters that join or split tokens: apostrophes (ASCII and typographic),
# hyphens, slashes, brackets, digits and letters outside ASCII.
_TOKEN_TEXT = st.lists(
    st.sampled_from(["Alpha", "beta", "O'Brien", "rock’n", "Café", "x2", "IV", "-", "/", "(",
                     ")", " ", "  ", "\n", "e\u0301", "5", "'", "’", ",", "日本"]),
    max_size=16,
).map("".join)


class TestTokensOf:
    """A long form's tokens taken from a text tokenised before are those it has on its own."""

    @given(_TOKEN_TEXT, st.integers(0, 60), st.integers(0, 60), st.integers(0, 20),
           st.integers(0, 20))
    @example("Alpha Beta (AB) Alpha Beta", 0, 26, 3, 4)  # inside the window
    @example("Alpha beta gamma", 6, 10, 0, 2)  # over both its ends
    @example("Alpha beta", 0, 5, 1, 1)  # after it
    @example("Alpha beta", 0, 10, 7, 10)  # inside its last token
    def test_same_tokens(self, text: str, lo: int, hi: int, a: int, b: int) -> None:
        """For any span, and above all one that starts and ends with tokens of the text, inside
        a text tokenised before or not: the same tokens as tokenised on their own."""
        finder = _definitions._Finder(text)
        lo, hi = sorted((min(lo, len(text)), min(hi, len(text))))
        finder.window_tokens(lo, hi)
        every = _definitions.tokenize(text, 0, len(text))
        if not every:
            return
        i, j = sorted((a % len(every), b % len(every)))
        anywhere = tuple(sorted((min(a, len(text)), min(b, len(text)))))
        for start, end in ((every[i].start, every[j].end), (every[i].start, every[j].end - 1),
                           anywhere):
            if end <= start:
                continue
            got = finder.tokens_of(start, end)
            alone = _definitions.tokenize(text, start, end)
            # Every field but the first token's two that look before it (space_before, hyphen).
            assert [t[:-2] for t in got] == [t[:-2] for t in alone]
            assert got[1:] == alone[1:]

    def test_slice_is_taken(self) -> None:
        """The tokens are not tokenised again: they are the window's own objects."""
        text = "the Alpha Beta Gamma (ABG) unit"
        finder = _definitions._Finder(text)
        window = finder.window_tokens(0, 21)
        got = finder.tokens_of(window[1].start, window[3].end)
        assert [id(t) for t in got] == [id(t) for t in window[1:4]]


# Brackets of both kinds, full-width ones among them, with the spaces and letters of bodies.
_BRACKET_TEXT = st.text(alphabet=st.sampled_from("()[]（）［］ \tab\n"), max_size=300)


class TestInnermost:
    """The walk from bracket to bracket finds what a scan of the whole text finds."""

    @given(_BRACKET_TEXT)
    @example("(a) " * 40)  # dense: the scan takes over at the nineteenth (160 // 64 + 16 walked)
    @example("x" * 2000 + "(a) " * 40)  # sparse, then dense: the walk finds them all
    @example("[a] (b [c] d) (（e）)")
    def test_same_matches_as_the_scan(self, text: str) -> None:
        """Every innermost bracket, at the same offsets, whether the text is sparse in brackets
        or dense, and wherever the scan takes over from the walk."""
        got = [m.span() for m in _definitions._innermost(text)]
        assert got == [m.span() for m in _definitions._paren_re().finditer(text)]
