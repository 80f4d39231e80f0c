"""Hostile text: control characters, broken Unicode, huge and degenerate inputs.

Nothing here measures time (the benchmark does); each test asserts that the call returns
and that what it returns is consistent: spans slice to their surfaces, counts are right.
``tests/cases/regressions.jsonl`` holds one line per bug found, run by ``TestRegressions``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from test_properties import check_spans, only_insertions

import acrolib
from acrolib import Entry, Glossary, Sense

CASES = Path(__file__).parent / "cases" / "regressions.jsonl"


def annotate_checked(text: str) -> acrolib.Annotated:
    """Annotate ``text`` and check every span and the mention order."""
    annotated = acrolib.annotate(text)
    check_spans(text, annotated)
    return annotated


class TestControlCharacters:
    """NUL, lone surrogates, zero-width characters, CR and form feeds are only characters."""

    def test_nul_bytes(self) -> None:
        """NUL around and inside a definition: found, with spans counted in str indices."""
        text = "\x00The Caribbean Basin Security Initiative (CBSI)\x00 funds \x00CBSI\x00."
        a = annotate_checked(text)
        assert [(d.short, d.long) for d in a.definitions] == [
            ("CBSI", "Caribbean Basin Security Initiative")]
        assert [m.text for m in a.mentions] == ["CBSI", "CBSI"]

    def test_lone_surrogates(self) -> None:
        """Lone surrogates (text decoded with surrogateescape) next to acronyms."""
        text = "\udcff\ud800CBSI\udfff funds the U.S.\udc80 and NATO\ud83d."
        a = annotate_checked(text)
        assert [m.text for m in a.mentions] == ["CBSI", "U.S.", "NATO"]
        assert acrolib.expand(text, "all").count("\ud800") == 1

    def test_surrogateescape_round_trip(self) -> None:
        """Bytes decoded with surrogateescape come back byte for byte after ``expand``."""
        raw = b"The CBSI\xff funds \xfe\xfdtraining."
        text = raw.decode("utf-8", "surrogateescape")
        out = acrolib.expand(text, "none").encode("utf-8", "surrogateescape")
        assert out == raw
        expanded = acrolib.expand(text, "first")
        only_insertions(text, acrolib.annotate(text), expanded)

    def test_zero_width_characters(self) -> None:
        """A zero-width space splits a token; a zero-width joiner inside one is kept."""
        a = annotate_checked("The C\u200bB\u200bS\u200bI and N\u200dATO and \ufeffCBSI.")
        assert "CBSI" in [m.text for m in a.mentions]

    def test_crlf_and_tabs(self) -> None:
        """CRLF line ends and tabs between the words of a definition."""
        text = "Intro\r\nThe Caribbean\tBasin\r\nSecurity Initiative\t(CBSI)\r\nCBSI funds."
        a = annotate_checked(text)
        assert [d.short for d in a.definitions] == ["CBSI"]
        assert a.definitions[0].long == "Caribbean\tBasin\r\nSecurity Initiative"
        # The expansion is the long form with its white space made single spaces.
        assert [m.expansion for m in a.mentions] == ["Caribbean Basin Security Initiative"] * 2

    def test_every_control_character(self) -> None:
        """Each C0 and C1 control character between two acronyms."""
        for code in [*range(0x20), *range(0x7F, 0xA0)]:
            text = f"NATO{chr(code)}CBSI"
            a = annotate_checked(text)
            assert all(m.text in ("NATO", "CBSI") for m in a.mentions), repr(text)


class TestDegenerate:
    """Large and pathological inputs return, and what they return is consistent."""

    def test_megabyte_of_open_parentheses(self) -> None:
        """A megabyte of "(" holds no mention and no definition."""
        a = acrolib.annotate("(" * 1_000_000)
        assert (a.mentions, a.definitions) == ((), ())

    def test_megabyte_of_close_parentheses(self) -> None:
        """A megabyte of ")" holds no mention and no definition."""
        a = acrolib.annotate(")" * 1_000_000)
        assert (a.mentions, a.definitions) == ((), ())

    def test_megabyte_of_dotted_capitals(self) -> None:
        """"A.A.A.…": one dotted token spanning the whole text, sliced exactly."""
        text = "A." * 500_000
        a = annotate_checked(text)
        assert len(a.mentions) == 1
        assert a.mentions[0].text == text

    def test_deeply_nested_parentheses(self) -> None:
        """A definition inside 5000 levels of parentheses is still found."""
        text = "(" * 5000 + "the Joint Task Force (JTF) met" + ")" * 5000
        a = annotate_checked(text)
        assert [(d.short, d.long) for d in a.definitions] == [("JTF", "Joint Task Force")]

    def test_nested_parenthesised_words(self) -> None:
        """2000 nested "(WordN " openings never closed in order."""
        text = "".join(f"(Word{i} " for i in range(2000)) + ")" * 2000
        a = annotate_checked(text)
        assert (a.mentions, a.definitions) == ((), ())

    def test_many_unclosed_definitions(self) -> None:
        """250000 ``AB (`` in a row: every AB is a mention, nothing is defined."""
        text = "AB (" * 250_000
        a = acrolib.annotate(text)
        assert len(a.mentions) == 250_000
        assert all(text[m.start:m.end] == "AB" for m in a.mentions[::997])
        assert a.definitions == ()

    def test_long_single_line(self) -> None:
        """Four megabytes on one line, with an acronym every few hundred characters."""
        unit = "the officers said that training was planned for the year " * 5 + "NATO "
        text = "The Joint Task Force (JTF) met. " + unit * (4_000_000 // len(unit)) + "JTF."
        a = acrolib.annotate(text)
        assert len(text) > 3_900_000
        assert [(d.short, d.long) for d in a.definitions] == [("JTF", "Joint Task Force")]
        assert len(a.mentions) == 2 + text.count("NATO")
        assert a.mentions[-1].text == "JTF"
        assert a.mentions[-1].expansion == "Joint Task Force"
        assert text[a.mentions[-1].start:a.mentions[-1].end] == "JTF"

    def test_shouted_megabyte(self) -> None:
        """250000 capitalised words in a row are a shout, not 250000 acronyms."""
        a = acrolib.annotate("ABC " * 250_000)
        assert a.mentions == ()

    def test_hyphen_chain(self) -> None:
        """"A-A-A-…" for a megabyte: single letters are not acronyms."""
        a = acrolib.annotate("A-" * 500_000)
        assert a.mentions == ()

    def test_dotted_capitals_without_the_final_stop(self) -> None:
        """"A.A.…A.x" (400 KB): no token, and the run is read once, not once per capital."""
        assert acrolib.annotate("A." * 200_000 + "x").mentions == ()
        text = "A." * 200_000 + "BC"
        assert [(m.start, m.text) for m in annotate_checked(text).mentions] == [
            (len(text) - 2, "BC")]

    def test_chain_of_numeral_shaped_parts(self) -> None:
        """"MC-cd-…" (300 KB): each part's word before it is found without reading the chain
        back to its start."""
        text = "MC-cd-" * 50_000
        a = annotate_checked(text)
        assert [m.start for m in a.mentions] == list(range(6, len(text), 6))

    def test_a_run_without_white_space(self) -> None:
        """"AB=" for 300 KB: the code check of a token reads blocks of the run, not a window
        of its own each."""
        a = annotate_checked("AB=" * 100_000)
        assert len(a.mentions) == 100_000

    def test_all_scripts(self) -> None:
        """Every assigned BMP character once, in order: spans stay exact."""
        text = "".join(chr(c) for c in range(0x20, 0x10000) if not 0xD800 <= c < 0xE000)
        annotate_checked(text)
        for mode in ("first", "all", "replace"):
            assert isinstance(acrolib.expand(text, mode), str)


# --- regressions --------------------------------------------------------------------------

def _cases() -> list[Any]:
    params = []
    for number, line in enumerate(CASES.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        case = json.loads(line)
        marks = []
        if case.get("xfail"):
            marks.append(pytest.mark.xfail(strict=True, reason=case["xfail"]))
        params.append(pytest.param(case, id=f"{number}-{case['id']}", marks=marks))
    return params


def _glossary(raw: list[dict[str, Any]]) -> Glossary:
    return Glossary.from_entries(
        Entry(key=e["key"], senses=tuple(Sense(long=s) for s in e["senses"]),
              variants=tuple(e.get("variants", ())))
        for e in raw
    )


class TestRegressions:
    """Every bug found by the robustness suite, as input and expected output."""

    @pytest.mark.parametrize("case", _cases())
    def test_case(self, case: dict[str, Any]) -> None:
        """Run one line of ``tests/cases/regressions.jsonl`` by its ``kind``."""
        kind = case["kind"]
        text = case.get("input", "")
        if kind == "expand":
            assert acrolib.expand(text, case["mode"]) == case["expected"]
        elif kind == "expand-idempotent":
            once = acrolib.expand(text, case["mode"])
            assert once == case["expected"]
            assert acrolib.expand(once, case["mode"]) == once
        elif kind == "definitions":
            found = [[d.short, d.long] for d in acrolib.find_definitions(text)]
            assert found == case["expected"]
        elif kind == "mentions":
            assert [m.text for m in annotate_checked(text).mentions] == case["expected"]
        elif kind == "glossary-lookup":
            entry = _glossary(case["glossary"]).lookup(case["surface"])
            assert (entry.key if entry else None) == case["expected"]
        elif kind == "glossary-round-trip":
            glossary = _glossary(case["glossary"])
            dumped = glossary.dump(format=case["format"])
            assert Glossary.loads(dumped, format=case["format"]) == glossary
        elif kind == "glossary-error":
            with pytest.raises(acrolib.GlossaryError) as caught:
                Glossary.loads(text, format=case["format"], name="case")
            assert str(caught.value) == case["expected"]
        elif kind == "glossary-loads":
            assert Glossary.loads(text, format=case["format"]).keys() == case["expected"]
        else:  # pragma: no cover - a typo in the case file
            pytest.fail(f"unknown kind {kind!r}")
