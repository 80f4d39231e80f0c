"""Tests for ``acrolib._mine``: harvesting definitions into a reviewable glossary file."""

from __future__ import annotations

import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

import acrolib._mine
from acrolib import Glossary
from acrolib._expand import pluralise
from acrolib._mine import MineResult, _normal, _plurals_of, mine

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

# Invented texts.  PLU is defined three times with two different long forms; ZWA is written
# with dots once; "Quoted" puts a quotation mark into a long form.
DOC_A = (
    "The Planar Lattice Unit (PLU) works.\n"
    "Two memorandums of understanding (MOUs) were signed.\n"
    "The Federal Bureau of Investigation (FBI) helps.\n"
)
DOC_B = (
    "# Notes\n"
    "The planar lattice unit (PLU) again. The Polar Light Uplink (PLU) differs.\n"
    "A memorandum of understanding (MOU) too.\n"
    'The Regional "Quoted" Thing (RQT) and the Zeta Widget Array (Z.W.A.).\n'
)
DOC_C = "The Planar Lattice Unit (PLU) works here too.\nThe Zeta Widget Array (ZWA) again.\n"
DOCS = [("a.txt", DOC_A), ("b.md", DOC_B), ("c.txt", DOC_C)]

# A reference glossary of its own, so the "known" checks do not depend on the shipped packs.
REFERENCE = Glossary.loads("""
schema = 1
pack = "ref"
[entries.FBI]
[[entries.FBI.senses]]
long = "Federal Bureau of Investigation"
[entries.PLU]
[[entries.PLU.senses]]
long = "Polar Light Uplink"
[entries.MOU]
[[entries.MOU.senses]]
long = "memorandum of understanding"
plural = "memorandums of understanding"
""")


@pytest.fixture(scope="module")
def result() -> MineResult:
    """The mining result for the three documents against REFERENCE."""
    return mine(DOCS, glossary=REFERENCE)


class TestMine:
    """``mine`` groups definitions by short form and long form."""

    def test_sorted_by_count_then_key(self, result: MineResult) -> None:
        """PLU (4 definitions) first, then by count, ties by key."""
        assert [(e.key, e.count) for e in result.entries] == [
            ("PLU", 4), ("MOU", 2), ("ZWA", 2), ("FBI", 1), ("RQT", 1)]
        assert result.documents == 3

    def test_conflicting_long_forms_are_separate_senses(self, result: MineResult) -> None:
        """Case and spacing variants are one sense; a different long form is another."""
        plu = result["PLU"]
        assert [(s.long, s.count, s.documents) for s in plu.senses] == [
            ("Planar Lattice Unit", 3, 3), ("Polar Light Uplink", 1, 1)]
        assert plu.senses[0].spellings == ("planar lattice unit",)

    def test_examples_are_file_and_line(self, result: MineResult) -> None:
        """Up to three ``label:line`` locations, in reading order, without repeats."""
        assert result["PLU"].senses[0].examples == ("a.txt:1", "b.md:2", "c.txt:1")
        assert result["PLU"].senses[1].examples == ("b.md:2",)

    def test_variant_spellings(self, result: MineResult) -> None:
        """The dotted spelling of ZWA is kept as a variant."""
        assert result["ZWA"].variants == ("Z.W.A.",)
        assert result["PLU"].variants == ()

    def test_plural_definitions_join_their_singular(self, result: MineResult) -> None:
        """"memorandums of understanding (MOUs)" becomes the plural of the MOU sense."""
        (sense,) = result["MOU"].senses
        assert sense.long == "memorandum of understanding"
        assert sense.plural == "memorandums of understanding"
        assert sense.count == 2 and not sense.plural_only

    def test_plural_only(self) -> None:
        """A form seen only in the plural is kept, and flagged for review."""
        found = mine([("d", "Two Wide Area Boards (WABs) met.")], glossary=REFERENCE)
        (sense,) = found["WAB"].senses
        assert sense.plural_only and sense.long == "Wide Area Boards"
        assert "seen only in the plural" in found.to_toml()

    def test_plural_only_forms_fold_into_the_first_singular(self) -> None:
        """Each plural-only long form joins the first sense, in reading order, whose plural
        it is: the whole form made plural, or one word of it."""
        found = mine([("d", "Two Wide Area Boards (WABs) met. The Wide Area Board (WAB) sat. "
                            "A Wide Area Boat (WAB) sank. Two Wide Area Boats (WABs) sailed. "
                            "The Wides Area Boat (WABs) docked.")], glossary=REFERENCE)
        assert [(s.long, s.plural, s.count) for s in found["WAB"].senses] == [
            ("Wide Area Boat", "Wide Area Boats", 3),
            ("Wide Area Board", "Wide Area Boards", 2)]

    def test_many_plural_only_forms(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """1500 senses and 1500 plural-only forms of one short form: the plurals of each sense
        are worked out once and looked up, not tried against every plural-only form (which
        made such a text cost their number squared)."""
        words = [f"{a}{b}{c}{d}" for a in "bcdfgh" for b in "aeiou" for c in "klmnprstvz"
                 for d in "aeiou"]
        text = " ".join(f"A{w} B{w} (AB). A{w}x B{w}xs (ABs)." for w in words[:1500])
        calls = 0

        def counted(phrase: str) -> str:
            nonlocal calls
            calls += 1
            return pluralise(phrase)

        monkeypatch.setattr(acrolib._mine, "pluralise", counted)
        (entry,) = mine([("d", text)], glossary=REFERENCE).entries
        assert len(entry.senses) == 3000 and sum(s.plural_only for s in entry.senses) == 1500
        assert calls <= 3 * 1500  # the whole form and each of its two words, per sense

    def test_what_no_glossary_can_hold_is_left_out(self) -> None:
        """A lone surrogate (text decoded with surrogateescape) in a long form or a short
        form: that definition is not mined, and the file written loads back."""
        found = mine([("d.txt", "The Alpha\ud800 Delta (AD) works. The Beta Gamma (BG\udc80) "
                                "too. The Rho Sigma (RS) stays.")], glossary=REFERENCE)
        assert [e.key for e in found.entries] == ["RS"]
        assert len(Glossary.loads(found.to_toml())) == 1

    def test_glossary_status(self, result: MineResult) -> None:
        """New entries, known ones and entries with a long form the glossary lacks."""
        assert result["RQT"].status == "new" and not result["RQT"].in_glossary
        assert result["FBI"].status == "known" and result["FBI"].glossary_pack == "ref"
        plu = result["PLU"]
        assert plu.status == "new-sense"
        assert [s.known for s in plu.senses] == [False, True]
        assert plu.glossary_senses == ("Polar Light Uplink",)

    def test_case_variants_take_the_glossary_spelling(self) -> None:
        """"Plu" and "PLU" are one entry, keyed as the glossary spells it."""
        found = mine([("e", "The Planar Lattice Unit (Plu) and the Planar Lattice Unit (PLU).")],
                     glossary=REFERENCE)
        (entry,) = found.entries
        assert entry.key == "PLU" and entry.variants == ("Plu",)

    def test_default_glossary_is_the_shipped_one(self) -> None:
        """Without ``glossary=`` entries are compared with the shipped packs."""
        found = mine([("f", "The Federal Bureau of Investigation (FBI) helps.")])
        assert found["FBI"].status == "known"

    def test_no_documents(self) -> None:
        """Nothing read: no entries, and still a loadable file."""
        empty = mine([])
        assert empty.entries == () and len(Glossary.loads(empty.to_toml())) == 0


class TestToToml:
    """``MineResult.to_toml`` writes the glossary schema with the evidence in comments."""

    def test_loads_as_a_glossary(self, result: MineResult) -> None:
        """``Glossary.loads`` reads every entry and sense back."""
        glossary = Glossary.loads(result.to_toml())
        assert glossary.keys() == [e.key for e in result.entries]
        plu = glossary["PLU"]
        assert [s.long for s in plu.senses] == ["Planar Lattice Unit", "Polar Light Uplink"]
        assert glossary["MOU"].senses[0].plural == "memorandums of understanding"
        assert glossary["RQT"].senses[0].long == 'Regional "Quoted" Thing'
        assert glossary.lookup("Z.W.A.") == glossary["ZWA"]
        assert plu.pack == "mined"

    def test_comments_carry_counts_examples_and_status(self, result: MineResult) -> None:
        """The evidence is in comments next to each entry and sense."""
        text = result.to_toml()
        assert "# PLU: 4 definitions in 3 documents; in the glossary entry PLU (pack ref)" in text
        assert "# The glossary has: Polar Light Uplink" in text
        assert "# 3 definitions in 3 documents, e.g. a.txt:1, b.md:2, c.txt:1" in text
        assert "# RQT: 1 definition in 1 document; new (not in the glossary)." in text
        assert "also written: planar lattice unit" in text

    def test_include_known_false_drops_known_entries(self, result: MineResult) -> None:
        """FBI (already known) is left out; PLU (a new sense) stays."""
        keys = Glossary.loads(result.to_toml(include_known=False)).keys()
        assert "FBI" not in keys and "MOU" not in keys and "PLU" in keys

    def test_awkward_labels_and_keys(self) -> None:
        """Line breaks in labels cannot break out of a comment; keys needing quotes are quoted."""
        found = mine([("odd\nname", "The Research & Development (R&D) unit.")], glossary=REFERENCE)
        text = found.to_toml()
        tomllib.loads(text)
        assert '[entries."R&D"]' in text
        assert Glossary.loads(text)["R&D"].senses[0].long == "Research & Development"


def _is_plural_of(plural: str, singular: str) -> bool:
    """The rule, stated directly: the whole form made plural, or the same words but one, which
    takes a regular plural ending."""
    if _normal(pluralise(singular)) == plural:
        return True
    many, one = plural.split(), singular.split()
    if len(many) != len(one):
        return False
    differing = [(p, s) for p, s in zip(many, one, strict=True) if p != s]
    return len(differing) == 1 and _normal(pluralise(differing[0][1])) == differing[0][0]


_WORDS = st.sampled_from(["box", "boxes", "bus", "buses", "child", "children", "policy",
                          "policies", "of", "status", "statuses", "datum", "data", "s", "ss"])
_PHRASES = st.lists(_WORDS, min_size=1, max_size=4).map(" ".join)


@given(_PHRASES, _PHRASES)
def test_plurals_of_is_the_plural_rule(singular: str, plural: str) -> None:
    """``_plurals_of`` lists exactly the forms the rule calls plurals of a form."""
    assert (plural in set(_plurals_of(singular))) == _is_plural_of(plural, singular)


_TEXTS = st.text(alphabet="ab\n\r", max_size=40)


@given(_TEXTS, st.lists(st.integers(0, 45), max_size=8))
def test_line_counter_numbers_lines_in_any_order(text: str, offsets: list[int]) -> None:
    """The line of each offset asked, in whatever order: one plus the line feeds before it."""
    line_of = acrolib._mine._LineCounter(text)
    for offset in offsets:
        assert line_of(offset) == text.count("\n", 0, offset) + 1


def test_examples_give_the_line_of_each_definition() -> None:
    """Lines are counted on through a document and start again at the next."""
    doc = "One.\n\nThe Planar Lattice Unit (PLU).\nThen\nthe Zeta Widget Array (ZWA).\n"
    found = mine([("x", doc), ("y", doc[6:])])
    assert found["PLU"].senses[0].examples == ("x:3", "y:1")
    assert found["ZWA"].senses[0].examples == ("x:5", "y:3")


def test_mining_a_long_text_leaves_the_collector_as_it_was() -> None:
    """Long documents are tallied with the cyclic collector paused, and it runs again after;
    a caller that had paused it finds it paused."""
    import gc

    doc = "The Planar Lattice Unit (PLU) works. " * 2000
    assert mine([("x", doc)])["PLU"].count == 2000
    assert gc.isenabled()
    gc.disable()
    try:
        assert mine([("x", doc)])["PLU"].count == 2000
        assert not gc.isenabled()
    finally:
        gc.enable()
