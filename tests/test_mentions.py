"""Finding acronym mentions: shapes, keys, offsets and what is left out."""

from __future__ import annotations

import pytest
import regex
from hypothesis import example, given
from hypothesis import strategies as st

import acrolib
import acrolib._mentions


def surfaces(text: str) -> list[str]:
    return [m.text for m in acrolib.annotate(text).mentions]


class TestShapes:
    @pytest.mark.parametrize("surface,key", [
        ("CBSI", "CBSI"), ("CARICOM", "CARICOM"), ("UN", "UN"), ("mRNA", "mRNA"),
        ("DoD", "DOD"), ("PhD", "PhD"), ("IoT", "IoT"), ("G7", "G7"), ("H1N1", "H1N1"),
        ("COVID-19", "COVID-19"), ("R&D", "R&D"), ("AT&T", "AT&T"), ("S&P", "S&P"),
        ("U.S.", "US"), ("U.N.", "UN"), ("U.S.A.", "USA"), ("ОБСЕ", "ОБСЕ"), ("ΕΕ", "ΕΕ"),
    ])
    def test_each_shape_is_one_mention(self, surface: str, key: str) -> None:
        """Each acronym shape is found whole, keyed without dots."""
        text = f"Officials of the {surface} met on Monday."
        [mention] = acrolib.annotate(text).mentions
        assert (mention.text, mention.key) == (surface, key)
        assert text[mention.start:mention.end] == surface

    def test_plural_and_possessive(self) -> None:
        """Plural s is in the span and out of the key; a possessive is out of both."""
        text = "Two MOUs, HSI's agents, HSI’s office and the NGOs' reports."
        got = [(m.text, m.key, m.plural, m.possessive) for m in acrolib.annotate(text).mentions]
        assert got == [("MOUs", "MOU", True, ""), ("HSI", "HSI", False, "'s"),
                       ("HSI", "HSI", False, "’s"), ("NGOs", "NGO", True, "'")]

    def test_apostrophe_plural(self) -> None:
        """An 's with no noun after it is a plural and in the span; HSI's agents is not."""
        text = "Bulk containers (IBC's), the IBC's. HSI's agents."
        assert surfaces(text) == ["IBC's", "IBC's", "HSI"]

    def test_hyphen_compounds(self) -> None:
        """A known compound is one mention; an unknown one splits; CBSI-funded gives CBSI.

        A part whose glossary long forms all start with the part before it takes that part
        in: IMPACS is "CARICOM Implementation Agency for Crime and Security"."""
        assert surfaces("The CARICOM-CBSI team and CBSI-funded units.") == [
            "CARICOM", "CBSI", "CBSI"]
        [mention] = acrolib.annotate("The CARICOM-IMPACS team.").mentions
        assert (mention.text, mention.key, mention.expansion) == (
            "CARICOM-IMPACS", "IMPACS", "CARICOM Implementation Agency for Crime and Security")
        glossary = acrolib.Glossary.layered(acrolib.default_glossary(), acrolib.Glossary([
            acrolib.Entry("CARICOM-IMPACS", (acrolib.Sense("CARICOM IMPACS"),))]))
        resolver = acrolib.Resolver(glossary)
        assert [m.text for m in resolver.annotate("The CARICOM-IMPACS team.").mentions] == [
            "CARICOM-IMPACS"]

    def test_named_and_slashed_compounds(self) -> None:
        """UN-Women is one mention when known; HIV/AIDS and US-Mexico split when not."""
        text = "UN-Women, HIV/AIDS and the US-Mexico border."
        assert surfaces(text) == ["UN-Women", "HIV", "AIDS", "US"]

    def test_lowercase_initial_and_camel_case_names(self) -> None:
        """mRNA and SaaS are acronyms; McDonald, iPhone, MuJoCo, OpenAI and WiFi are not."""
        text = "mRNA and SaaS at McDonald near an iPhone, MuJoCo, OpenAI, WiFi and a JavaScript app"
        assert surfaces(text) == ["mRNA", "SaaS"]

    def test_long_lowercase_prefix(self) -> None:
        """lncRNA and circRNA are acronyms; a whole word run into one (baselineSOM) is not."""
        assert surfaces("The lncRNA and circRNA data, and the baselineSOM run.") == [
            "lncRNA", "circRNA"]

    def test_compounds_with_short_parts_and_numerals(self) -> None:
        """R-CNN, k-NN, Bi-LSTM, RGB-D and MIMIC-III are whole; in-CARICOM is not."""
        text = "R-CNN, k-NN, Bi-LSTM, RGB-D, MIMIC-III and the in-CARICOM talks."
        assert surfaces(text) == ["R-CNN", "k-NN", "Bi-LSTM", "RGB-D", "MIMIC-III", "CARICOM"]

    def test_plural_of_a_compound_with_a_number(self) -> None:
        """MS-13s and COVID-19s are plurals of MS-13 and COVID-19, not MS and COVID; a code
        with two number groups stays out whether or not it ends in s."""
        assert surfaces("Two MS-13s, the COVID-19s, MS-13-2s and MS-13-2.") == [
            "MS-13s", "COVID-19s"]
        [mention] = acrolib.annotate("Two MS-13s were named.").mentions
        assert (mention.key, mention.plural, mention.expansion) == (
            "MS-13", True, "Mara Salvatrucha")

    def test_no_overlap_after_other_numerals(self) -> None:
        """A token after "¼" or "²" does not reach back into the token before it."""
        text = "The AA¼A0 and AB²CD units."
        spans = [(m.start, m.end) for m in acrolib.annotate(text).mentions]
        assert spans == [(4, 6), (14, 16), (17, 19)]

    def test_unicode_offsets(self) -> None:
        """Offsets stay exact after combining marks, full-width forms and CRLF."""
        text = "Cafe\u0301 \r\nＵ．Ｎ． and the CBSI\u2019s work\r\n"
        for mention in acrolib.annotate(text).mentions:
            assert text[mention.start:mention.end] == mention.text
        assert [m.key for m in acrolib.annotate(text).mentions] == ["UN", "CBSI"]


class TestNotAcronyms:
    def test_roman_numerals_in_context(self) -> None:
        """Chapter VII, World War II, Title IX and Henry VIII are numerals."""
        text = "Chapter VII, World War II, Title IX and Henry VIII."
        assert surfaces(text) == []

    def test_enumerators(self) -> None:
        """Roman numerals that number items are not acronyms; "(II)" alone is kept."""
        assert surfaces("II. Methods\nWe did i) this and II) that; III - more.") == []
        assert surfaces("the (DL) model and the ( DL ) one") == ["DL", "DL"]

    def test_numeral_shaped_acronyms(self) -> None:
        """MD, DC and MIX are not numerals by shape alone."""
        assert surfaces("She is an MD in DC who uses MIX daily.") == ["MD", "DC", "MIX"]

    def test_initials_and_pronoun(self) -> None:
        """A single capital initial and the pronoun I are not acronyms."""
        assert surfaces("Barbara A. Feinstein said I agree.") == []

    def test_shouted_heading(self) -> None:
        """Ordinary words in an all-caps line are left out; known acronyms stay."""
        assert surfaces("BREAKING: LEADERS MEET IN CASTRIES\nThe talks began.") == []
        assert surfaces("BREAKING: CARICOM LEADERS MEET IN CASTRIES") == ["CARICOM"]

    def test_heading_lines(self) -> None:
        """A line of capital words alone, after a blank line or at the start and before an
        indented or blank line, is a heading; a known acronym there stays; a word alone on a
        line of wrapped prose is still a mention."""
        manual = ("NAME\n   tool - run\n\nSYNOPSIS\n   tool [-v]\n\nSEE ALSO:\n   NATO\n\n"
                  "CBSI\n\nXYZQ\n")
        assert surfaces(manual) == ["NATO", "CBSI"]
        assert surfaces("The plan\nXYZQ\nwas set.\n\nNAME\nfollows.") == ["XYZQ", "NAME"]

    def test_words_cut_at_line_end(self) -> None:
        """Halves of a word cut by a typeset hyphen at a line's end are not acronyms unless
        known; an ASCII hyphen there, or a typeset one inside a line, is left alone."""
        cut = "[--location=LOCA\u2010\n    TION] the CARICOM\u2010\nIMPACS office"
        assert surfaces(cut) == ["CARICOM", "IMPACS"]
        assert surfaces("the XYZQ-\nRSTU link and the XYZQ\u2010like one") == [
            "XYZQ", "RSTU", "XYZQ"]

    def test_labels(self) -> None:
        """One capital and digits is a label (S1, P2) unless known (G7, G20)."""
        assert surfaces("Steps S1 and P2 of the G7 and G20 plan.") == ["G7", "G20"]

    def test_times_of_day(self) -> None:
        """AM and PM after a clock time mark the time; PM elsewhere is a mention."""
        assert surfaces("The PM met the cabinet at 5 PM, the press at 10:30 A.M., 7.45PM "
                        "and 12PM, and at 9\u00a0AM.") == ["PM"]
        assert surfaces("In 2023 PM levels rose; the 12 PMs met.") == ["PM", "PMs"]
        # The number that ends a hyphenated name is no time: PM is a mention there, as it is
        # once "(SARS-CoV-2)" is written out.  A range of hours is a time.
        assert surfaces("SARS-CoV-2 PM and (SARS-CoV-2) PM") == ["SARS-CoV-2", "PM",
                                                                  "SARS-CoV-2", "PM"]
        assert surfaces("The PM met at 2-3 PM.") == ["PM"]

    def test_shouting_across_commas(self) -> None:
        """Runs of shouted words joined by commas are shouting; a list of acronyms is not."""
        assert surfaces("Carriage of FLAMMABLE LIQUID, HIGHLY TOXIC VAPOUR by road.") == []
        assert surfaces("The UN, EU, NATO and OSCE met.") == ["UN", "EU", "NATO", "OSCE"]

    def test_emphasis_words(self) -> None:
        """Function words in capitals for emphasis are not acronyms."""
        assert surfaces("Parties SHALL NOT share data with the DOJ.") == ["DOJ"]

    def test_dateline(self) -> None:
        """A news dateline is not an acronym."""
        assert surfaces("WASHINGTON — The DOJ said.") == ["DOJ"]
        assert surfaces("KINGSTON, Jamaica – The DOJ said.") == ["DOJ"]

    @given(st.text(alphabet=st.sampled_from("AB ,.-'’\nxÉ\u0301"), max_size=30))
    @example("WASHINGTON - The")
    def test_dateline_needs_a_dash(self, text: str) -> None:
        """Without an en or em dash a text holds no dateline, so it is not searched for one."""
        assert acrolib._mentions._DATELINE().search(text) is None

    @pytest.mark.parametrize("text", [
        "See https://www.state.gov/CBSI/index.html today.",
        "Write to john.DOE@state.gov today.",
        "Open /usr/LIB/X11/config today.",
        "Set MAX_VALUE today.",
        "Edit C:\\WIN\\SYSTEM today.",
        "As in Smith:2015:ICML and eq:CDCB1 today.",
        "Run it with --content-type=HTML or [-f=JSON] today.",
        "Read /proc/<PID>/fd and CMAKE_<LANG>_FLAGS today.",
    ])
    def test_urls_addresses_paths_and_code(self, text: str) -> None:
        """Nothing inside URLs, e-mail addresses, paths or identifiers."""
        assert surfaces(text) == []

    def test_angle_brackets_alone_are_not_code(self) -> None:
        """A placeholder in prose is still a mention: only the chunk around it makes code."""
        assert surfaces("Send <CBSI> reports and <RSS>-wide notes.") == ["CBSI", "RSS"]


class TestTokenisedText:
    def test_spaced_hyphen_joins_in_tokenised_text(self) -> None:
        """With a space before every comma and stop, " - " is a hyphen: R - CNN is whole."""
        text = "We train an R - CNN , a k - NN model and a CBSI - funded unit ."
        assert surfaces(text) == ["R - CNN", "k - NN", "CBSI"]

    def test_spaced_hyphen_is_a_dash_in_prose(self) -> None:
        """In edited prose a spaced hyphen is a dash and joins nothing."""
        text = "The R - CNN, they said, and the CBSI - a programme - met."
        assert surfaces(text) == ["CNN", "CBSI"]

    def test_offsets_map_back(self) -> None:
        """Spans found in tokenised text slice the original text."""
        text = "A TCP / IP stack , an R - CNN and MIMIC - III data ."
        for mention in acrolib.annotate(text).mentions:
            assert text[mention.start:mention.end] == mention.text
        assert surfaces(text) == ["TCP", "IP", "R - CNN", "MIMIC - III"]


class TestSeriesAndCodes:
    def test_single_capitals_with_a_slash(self) -> None:
        """I/O and N/A are abbreviations; inside a path they are not."""
        assert surfaces("Disk I/O is N/A here, see /usr/I/O today.") == ["I/O", "N/A"]

    def test_label_ranges(self) -> None:
        """Q1-Q3 and the F1 of F1-score are labels like S1; a known one stays."""
        assert surfaces("Quadrants Q1-Q3 and the F1-score of the G7-led plan.") == ["G7"]

    def test_grant_numbers(self) -> None:
        """A code with several number groups is no acronym; COVID-19 is."""
        assert surfaces("Grant N00999-21-7-0420 funded the COVID-19 study.") == ["COVID-19"]
        assert surfaces("Awards AG031177 and DGE-1234987 went to the H1N1 team.") == ["H1N1"]

    def test_numeral_series_and_ranges(self) -> None:
        """Numerals in a series or a range are numerals: II and III, (II) ... (III), III-VII."""
        assert surfaces("Cases II and III differ.") == []
        assert surfaces("We fit (I) and (II), then test (III) and (IV).") == []
        assert surfaces("See Sections III-VII.") == []
        assert surfaces("The IV drip and the DC supply of 380 V.") == ["IV", "DC"]

    def test_numbered_documents(self) -> None:
        """Session numbers, numbered decisions and numbered sections are numerals."""
        assert surfaces("By resolutions 1802 (XVII) and 3310 B (XXVIII), the DOJ agreed.") == [
            "DOJ"]
        assert surfaces("Recalling decision XIV/7 and the Lecture Series (II) notes.") == []
        assert surfaces("The work went on. VI. Programme of the SimCity II team.") == []

    def test_a_long_word_before_a_numeral(self) -> None:
        """A name of more than 32 letters and hyphens before a numeral is still a name."""
        assert surfaces("Jean-Baptiste-Marie-Bernadotte-Charles-Johan XIV ruled.") == []
        assert surfaces("The jean-baptiste-marie-bernadotte-charles-johan XIV ruled.") == ["XIV"]


class TestPossessives:
    def test_no_token_reaches_back_into_a_possessive(self) -> None:
        """"AB's-CD": the "s" of the possessive is not the head of "s-CD"."""
        for text, second in [("AB's-CD", "CD"), ("U.S.'s-CD", "CD"), ("ATF’s-DEA", "DEA")]:
            first, other = acrolib.annotate(text).mentions
            assert first.possessive in ("'s", "’s") and other.text == second
            assert other.start == first.end + len(first.possessive) + 1


    @pytest.mark.parametrize("text", ["The FBIʼs agents.", "The NGOʼs, and NGOsʼ work.",
                                      "AʼB", "MOUʼs)", "The DOJʼs and HSIʼs agents (CBSIʼs)."])
    def test_modifier_letter_apostrophe(self, text: str) -> None:
        """U+02BC, a letter to the scan, ends a token as ’ does: the same mentions, plurals
        and possessives."""
        def read(source: str, apostrophe: str) -> list[tuple[str, bool, str]]:
            return [(m.text.replace(apostrophe, "’"), m.plural,
                     m.possessive.replace(apostrophe, "’"))
                    for m in acrolib.annotate(source).mentions]

        assert read(text, "ʼ") == read(text.replace("ʼ", "’"), "’")


class TestLongRuns:
    """What is decided over a run of text is worked out once for the run."""

    def test_after_a_dotted_run_that_is_no_token(self) -> None:
        """A run of dotted capitals without its final stop is passed over to its last
        capital, which can still start a token."""
        assert surfaces("A.B.CD and A.B.C/D and A.B.Cx and A.B.C.d and U.S.A.B.x U.S.") == [
            "CD", "C/D", "U.S."]

    def test_word_before_parts_of_a_long_chain(self) -> None:
        """Every part of a long hyphen chain has the whole chain before it as its word."""
        words = acrolib._mentions._WordStarts()
        text = "Big " + "MC-cd-" * 1000 + "VII"
        parts = [i for i in range(len(text)) if text.startswith("MC", i)]
        assert words.before(text, parts[0]) == "Big"
        for start in [*parts[1:], len(text) - 3]:
            before = words.before(text, start)
            chain = text[4:start]
            assert before == (chain if len(chain) <= 32 else chain[0] + chain[-31:])
        assert words.before(text, 3) == "Big" and words.before("x  ", 3) == "x"

    def test_code_evidence_far_away_in_a_run(self) -> None:
        """In a run with no white space, a token is judged by the stretch of 512-character
        blocks around it: evidence of code two blocks away or more does not count."""
        text = "AB=" * 2000 + "state.gov"
        kept = [m.start for m in acrolib.annotate(text).mentions]
        assert kept == list(range(0, 5120, 3))  # blocks 0-9 of 11; 10 and 11 hold evidence
        # "www." counts at the start of a run (in the first two blocks' stretches), never at
        # the start of a later block.
        text = "www.X=" + "AB=" * 600
        kept = [m.start for m in acrolib.annotate(text).mentions]
        assert kept == [s for s in range(6, len(text), 3) if s >= 1024]
        assert len(surfaces("=" * 1536 + "www.X=" + "AB=" * 600)) == 600


# The signs of code as one alternation, anchored with "^": what _looks_like_code must answer.
_CODE_REFERENCE = regex.compile(
    r"""://|@\w|\\|_|^[(\[{"'“‘]*(?:~|\.{1,2})?/\w|\w/[^/\s]*/|^www\.|[\p{L}\p{Nd}]{2}\.[\p{L}\p{Nd}]{2}"""
    r"""|[\p{L}\p{Nd}]\.[\p{Ll}\p{Nd}]|\p{L}:[\p{L}\p{Nd}]|\p{Nd}:\p{L}|^[(\[{"'“‘]*--?[\p{L}\p{Nd}][\w-]*="""
)
# Stretches dense in the signs and in what may stand around them, with other scripts now and
# then.
_SIGNS = st.sampled_from(":/@\\_.-=~wA1٣é([\"“ \t")
_STRETCH = st.text(alphabet=st.one_of(_SIGNS, _SIGNS, _SIGNS, st.characters()), max_size=16)


class TestCodeSigns:
    @given(_STRETCH, st.booleans())
    @example("/b/", False)  # a path needs a word character before its first slash
    @example(" a/b/", False)
    @example(" .BC", False)  # a dotted name needs two characters before its dot ...
    @example("ab.cd", False)
    @example("1.a", False)  # ... or one, and a small letter or digit after it
    @example(" :a", False)  # a colon needs a letter or digit before it
    @example("1:a", False)
    @example("/b", False)  # the opening of a chunk counts at the start of a run only
    @example("/b", True)
    @example("(--x=", True)
    @example("www.", True)
    def test_signs_agree_with_one_alternation(self, stretch: str, opens_run: bool) -> None:
        """A stretch holds a sign of code exactly when the signs written as one alternation
        find one in it, with the openings of a chunk at the start of a run only."""
        expected = _CODE_REFERENCE.search(stretch if opens_run else "x" + stretch,
                                          0 if opens_run else 1) is not None
        assert acrolib._mentions._looks_like_code(stretch, opens_run) == expected


# Gaps between capital words: signs, white space, separators, capitals with and without
# neighbours, marks, and other characters now and then.
_GAP_TEXT = st.text(alphabet=st.one_of(
    st.sampled_from(" :!?.-–—'\"“”‘’=/,()AbÉ\x1c\u3000\u0301\n\tTg"), st.characters()),
    min_size=1, max_size=12)


class TestShoutingGaps:
    @given(_GAP_TEXT, st.data())
    @example("A=B", None)
    @example("A\x1cB", None)
    @example("A\u3000B", None)
    @example("A–B", None)
    @example("A:B", None)
    @example("A’B", None)
    @example("A\n       gcloud B", None)
    @example("A\n       These B", None)
    @example("A\n  \u3000  ,B", None)
    @example("A \x1cb B", None)
    def test_gap_agrees_with_the_expression(self, text: str, data: st.DataObject | None) -> None:
        """Whether a gap may stand inside a shouted run, with its shortcuts for one character
        and for running text, is what the expression alone says."""
        if data is None:
            start, end = 1, len(text) - 1
        else:
            start = data.draw(st.integers(min_value=0, max_value=len(text) - 1))
            end = data.draw(st.integers(min_value=start + 1, max_value=len(text)))
        expected = acrolib._mentions._SHOUT_GAP().fullmatch(text, start, end) is not None
        assert acrolib._mentions._shouting_gap(text, start, end) == expected


# ASCII text, dense in what the scan looks at: capitals, dots, slashes, "&", hyphens.
_ASCII_SCAN_TEXT = st.text(alphabet=st.one_of(st.sampled_from("ABCIVX.&/- "),
                                              st.characters(max_codepoint=127)), max_size=80)

# The same with characters beyond ASCII that are not word characters (dashes, quotes, a
# full-width full stop, symbols, a non-breaking space, "²" and "¼", which are numbers but not
# decimal digits) and, more rarely, ones that are: letters, a combining mark, a modifier
# letter, digits of another script.
_WIDE_PUNCTUATION = "‐–—“”‘’•…．©°×\u00a0²¼"
_WIDE_WORD_CHARS = "ÉéΣσ\u0301\u02bcªٳ٣"
_MIXED_SCAN_TEXT = st.text(alphabet=st.one_of(
    st.sampled_from("ABCIVX.&/- "), st.characters(max_codepoint=127),
    st.sampled_from(_WIDE_PUNCTUATION), st.sampled_from(_WIDE_WORD_CHARS)), max_size=80)


def _scan(pattern: regex.Pattern[str], text: str) -> list[tuple[int, int, str | None]]:
    return [(*m.span(), m.lastgroup) for m in pattern.finditer(text)]


class TestAsciiScan:
    @given(_ASCII_SCAN_TEXT)
    @example("A.B.Cx U.S. I/O xI/O R&D-2 PhD IoT's Az9")
    def test_ascii_scan_matches_the_unicode_scan(self, text: str) -> None:
        """On ASCII text, the scan with ASCII classes finds what the Unicode scan finds:
        the same spans, each by the same alternative."""
        assert (_scan(acrolib._mentions._ascii_token_re(), text)
                == _scan(acrolib._mentions._token_re(), text))

    @given(_MIXED_SCAN_TEXT)
    @example("The CBSI‐funded U.S.’s “R&D” — A.B．C．")
    @example("CA\u0301B")
    @example("A١B")
    def test_text_without_wide_word_characters_takes_the_ascii_scan(self, text: str) -> None:
        """The ASCII scan is chosen exactly when no character beyond ASCII is a letter, a mark
        or a decimal digit, and then it finds what the Unicode scan finds."""
        mentions = acrolib._mentions
        ascii_scan, unicode_scan = mentions._ascii_token_re(), mentions._token_re()
        wide_word = any(not c.isascii() and regex.match(r"[\p{L}\p{M}\p{Nd}]", c) for c in text)
        chosen = mentions._scan_of(text)
        assert chosen is (unicode_scan if wide_word else ascii_scan)
        if not wide_word:
            assert _scan(ascii_scan, text) == _scan(unicode_scan, text)

    def test_a_wide_word_character_takes_the_unicode_scan(self) -> None:
        """One word character outside ASCII anywhere sends the whole text to the Unicode scan,
        which reads capitals of every script; dashes and quotes do not."""
        mentions = acrolib._mentions
        cyrillic, typographic = "The ОБСЕ and the CBSI met.", "The CBSI‐funded “TCIU” met."
        assert mentions._scan_of(cyrillic) is mentions._token_re()
        assert surfaces(cyrillic) == ["ОБСЕ", "CBSI"]
        assert mentions._scan_of(typographic) is mentions._ascii_token_re()
        assert surfaces(typographic) == ["CBSI", "TCIU"]


_SPANS = st.tuples(st.integers(0, 99), st.integers(0, 99))


@given(st.builds(acrolib._mentions.Token, start=st.integers(0, 99), end=st.integers(0, 99),
                 parts=st.lists(_SPANS, max_size=3).map(tuple), weak=st.booleans(),
                 numeral=st.booleans()))
def test_weakened_is_replace_with_weak(token: acrolib._mentions.Token) -> None:
    """The tuple built in place of ``_replace`` keeps every other field where it was."""
    weakened = acrolib._mentions._weakened(token)
    assert weakened == token._replace(weak=True)
    assert type(weakened) is acrolib._mentions.Token


@given(st.text(alphabet="abzAMZ0189-._s'", max_size=16) | st.text(max_size=30)
       | st.text(alphabet="aZ09-._sÉé\u0301Ⅻ", max_size=12))
@example("mRNA")
@example("SaaS-2")
def test_char_shapes_are_the_pattern_s(part: str) -> None:
    """The shapes read by character code on ASCII text are those the pattern finds."""
    mentions = acrolib._mentions
    by_pattern = [mentions._LOWER if m.group(1) else mentions._DIGIT if m.group(2)
                  else mentions._UPPER for m in mentions._PART_SHAPE().finditer(part)]
    assert mentions._char_shapes(part) == by_pattern


def _spaced_by_search(text: str, sign: str) -> list[int]:
    """Every offset of " sign " in ``text``, by a plain search for the three characters."""
    needle = " " + sign + " "
    return [i for i in range(len(text)) if text.startswith(needle, i)]


@given(st.text(alphabet=" -/a\n", max_size=400), st.sampled_from("-/"))
@example(" - " * 200 + "a" * 5000 + " - a - ", "-")
@example("-" * 100 + " - " + "a -" * 60 + " - ", "-")
def test_spaced_signs_finds_each_sign_between_two_spaces(text: str, sign: str) -> None:
    """The sign looked for alone, its neighbours checked, and a dense stretch searched for the
    three characters: the same offsets as a search for " - " itself."""
    assert acrolib._mentions._spaced_signs(text, sign) == _spaced_by_search(text, sign)


def test_spaced_signs_in_a_dense_text_switch_to_the_three_characters(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A text with a sign every few characters is searched for " - " after the first few
    dozen signs, not sign by sign."""
    if not isinstance(acrolib._mentions._all_offsets, type(_spaced_by_search)):
        pytest.skip("compiled code calls _all_offsets directly, out of monkeypatch's reach")
    calls: list[int] = []
    original = acrolib._mentions._all_offsets

    def counted(text: str, needle: str, start: int = 0) -> list[int]:
        calls.append(start)
        return original(text, needle, start)

    monkeypatch.setattr(acrolib._mentions, "_all_offsets", counted)
    text = "MC-cd " * 1000 + " - x"
    assert acrolib._mentions._spaced_signs(text, "-") == _spaced_by_search(text, "-")
    assert len(calls) == 1 and 0 < calls[0] < 400
    calls.clear()
    assert acrolib._mentions._spaced_signs("a - b" * 10, "-") == [1 + 5 * i for i in range(10)]
    assert calls == []
