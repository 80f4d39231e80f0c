"""Tests for ``acrolib._lint``: each rule firing and not firing, configuration and output."""

from __future__ import annotations

import json

import pytest

import acrolib._lint
from acrolib import Glossary, InputError, Resolver
from acrolib._lint import (
    RULES,
    Finding,
    LintConfig,
    exit_code,
    format_findings,
    format_report,
    lint,
)

# A small glossary of invented short forms, so the tests do not depend on the shipped packs:
# QXR is well known, ZVT is not, and the irregular WBQ sense has letters that do not fit.
GLOSSARY = Glossary.loads("""
schema = 1
[entries.QXR]
well_known = true
[[entries.QXR.senses]]
long = "Quixotic Reference"
[entries.ZVT]
[[entries.ZVT.senses]]
long = "Zonal Vector Table"
[entries.WBQ]
[[entries.WBQ.senses]]
long = "Wandering Bird Quartet Ensemble"
irregular = true
""")
RESOLVER = Resolver(glossary=GLOSSARY)


def _rules(text: str, rule: str, resolver: Resolver = RESOLVER) -> list[Finding]:
    """The findings of one rule for ``text``."""
    return [f for f in lint(text, resolver=resolver) if f.rule == rule]


class TestRules:
    """The registry lists every rule with a valid default severity."""

    def test_registry(self) -> None:
        """All nine rules are registered with a severity and a summary."""
        assert list(RULES) == [
            "undefined", "used-before-definition", "defined-twice", "conflicting-definitions",
            "unused-definition", "single-use", "letters-mismatch", "definition-in-heading",
            "apostrophe-plural",
        ]
        for rule in RULES.values():
            assert rule.severity in ("info", "warning", "error") and rule.summary


class TestUndefined:
    """``undefined``: used, never defined, not well known according to the glossary."""

    def test_fires_once_at_first_use(self) -> None:
        """ZVT is in the glossary but not well known: reported once, at its first use."""
        (finding,) = _rules("The ZVT grew.\nThe ZVT shrank.", "undefined")
        assert (finding.line, finding.column, finding.key) == (1, 5, "ZVT")
        assert "Zonal Vector Table" in finding.message

    def test_silent_for_well_known_and_defined(self) -> None:
        """QXR is marked ``well_known`` in the glossary data; a defined form is fine too."""
        text = "The QXR holds. The Planar Lattice Unit (PLU) works; the PLU ends."
        assert _rules(text, "undefined") == []

    def test_project_well_known_list(self) -> None:
        """Forms passed as ``well_known`` are never asked for, in any spelling."""
        text = "The Z.V.T. grew. The ABQ shrank."
        assert _rules(text, "undefined", RESOLVER) != []
        assert lint(text, resolver=RESOLVER, well_known=["ZVT", "ABQ"]) == []

    def test_well_known_comes_from_data(self) -> None:
        """The same short form is reported once a glossary stops marking it well known."""
        plain = Glossary.loads('schema = 1\n[entries.QXR]\n[[entries.QXR.senses]]\n'
                               'long = "Quixotic Reference"\n')
        assert len(_rules("The QXR holds.", "undefined", Resolver(glossary=plain))) == 1

    def test_names_the_sense_an_entry_needing_context_lacks(self) -> None:
        """An entry that needs context, left undecided, is named with its one sense and why
        it was not taken."""
        glossary = Glossary.loads('schema = 1\n[entries.QXR]\nneeds_context = true\n'
                                  '[[entries.QXR.senses]]\nlong = "Quixotic Reference"\n')
        (finding,) = _rules("The QXR holds.", "undefined", Resolver(glossary=glossary))
        assert finding.message == ("QXR is used but never defined (the glossary reads it as "
                                   "'Quixotic Reference' only when the context supports that)")


class TestUsedBeforeDefinition:
    """``used-before-definition``: a use that precedes the definition."""

    def test_fires(self) -> None:
        """The first, early use is reported and the definition's line is named."""
        text = "The PLU starts.\nThe Planar Lattice Unit (PLU) works. The PLU ends."
        (finding,) = _rules(text, "used-before-definition")
        assert (finding.line, finding.column) == (1, 5)
        assert "line 2" in finding.message

    def test_silent_when_defined_first(self) -> None:
        """Uses after the definition are fine."""
        assert _rules("The Planar Lattice Unit (PLU) works. The PLU ends.",
                      "used-before-definition") == []


class TestRepeatedDefinitions:
    """``defined-twice`` and ``conflicting-definitions``."""

    TWICE = "The Planar Lattice Unit (PLU) works.\nLater the Planar Lattice Unit (PLU) rests."
    CONFLICT = "The Planar Lattice Unit (PLU) works.\nThe Polar Light Uplink (PLU) differs."

    def test_defined_twice_fires_on_the_second(self) -> None:
        """The same long form again is reported at the second definition only."""
        (finding,) = _rules(self.TWICE, "defined-twice")
        assert finding.line == 2 and finding.severity == "info"
        assert _rules(self.TWICE, "conflicting-definitions") == []

    def test_case_and_spacing_do_not_make_a_conflict(self) -> None:
        """"planar  lattice unit" is the same long form written differently."""
        text = "The Planar Lattice Unit (PLU) works. The planar  lattice unit (PLU) rests."
        assert len(_rules(text, "defined-twice")) == 1
        assert _rules(text, "conflicting-definitions") == []

    def test_conflicting_fires(self) -> None:
        """A different long form for the same short form is an error naming both."""
        (finding,) = _rules(self.CONFLICT, "conflicting-definitions")
        assert finding.severity == "error" and finding.line == 2
        assert "Polar Light Uplink" in finding.message and "Planar Lattice Unit" in finding.message
        assert _rules(self.CONFLICT, "defined-twice") == []

    def test_single_definition_is_silent(self) -> None:
        """One definition: neither rule fires."""
        text = "The Planar Lattice Unit (PLU) works. The PLU ends."
        assert _rules(text, "defined-twice") == _rules(text, "conflicting-definitions") == []

    def test_each_later_definition_against_all_before_it(self) -> None:
        """Every long form seen before counts, not only the first; a message names the first."""
        text = ("The Planar Lattice Unit (PLU) works.\nThe Polar Light Uplink (PLU) differs.\n"
                "The Polar Light Uplink (PLU) again.\nThe Pale Lunar Unit (PLU) too.")
        assert [f.line for f in _rules(text, "defined-twice")] == [3]
        conflicts = _rules(text, "conflicting-definitions")
        assert [f.line for f in conflicts] == [2, 4]
        assert all("Planar Lattice Unit" in f.message for f in conflicts)

    def test_thousands_of_definitions_of_one_short_form(
            self, monkeypatch: pytest.MonkeyPatch) -> None:
        """3000 definitions of PLU, each different, then one repeated: each long form is
        normalised once per rule and looked up among those before it, not compared with each
        of them (which made a text of many definitions cost their number squared)."""
        words = [f"{a}{b}{c}" for a in "bcdfg" for b in "aeiou" for c in "klmnprstvz"][:100]
        longs = [f"P{x} L{y} U{x}{y}" for x in words[:60] for y in words[:50]]
        text = "\n".join(f"The {long} (PLU) works." for long in longs) + (
            f"\nThe {longs[7]} (PLU) again.")
        calls = 0
        normal = acrolib._lint._normal

        def counted(long: str) -> str:
            nonlocal calls
            calls += 1
            return normal(long)

        monkeypatch.setattr(acrolib._lint, "_normal", counted)
        findings = lint(text, resolver=RESOLVER)
        assert len([f for f in findings if f.rule == "conflicting-definitions"]) == len(longs) - 1
        (twice,) = [f for f in findings if f.rule == "defined-twice"]
        assert twice.line == len(longs) + 1
        # Two rules read each definition once; the letters check may read it once more.
        assert calls <= 3 * (len(longs) + 1)


class TestTablesOfAbbreviations:
    """A report's table of abbreviations lists its short forms; the text defines them again."""

    TABLE = "Abbreviations\n\nPLU         Planar Lattice Unit\nKQV         Kinetic Quota Value\n\n"

    def test_table_and_text_definition_are_not_defined_twice(self) -> None:
        """The definition at the first use repeats the table's entry on purpose."""
        text = self.TABLE + "The Planar Lattice Unit (PLU) works. The PLU ends. The PLU rests."
        findings = lint(text, resolver=RESOLVER)
        assert [f.rule for f in findings] == []

    def test_a_table_entry_and_a_text_definition_can_conflict(self) -> None:
        """A different long form in the text is still a conflict, named against the table."""
        text = self.TABLE + "The Polar Light Uplink (PLU) works. The PLU ends."
        (finding,) = _rules(text, "conflicting-definitions")
        assert finding.line == 6 and "'Planar Lattice Unit' on line 3" in finding.message

    def test_two_entries_or_two_text_definitions_are_defined_twice(self) -> None:
        """The same kind twice: each names the earlier one of its kind."""
        text = (self.TABLE + "PLU         Planar Lattice Unit\n\n"
                "The Planar Lattice Unit (PLU) works.\nThe Planar Lattice Unit (PLU) ends.")
        findings = _rules(text, "defined-twice")
        assert [(f.line, f.message[-6:]) for f in findings] == [(6, "line 3"), (9, "line 8")]

    def test_entries_are_not_counted_as_unused_or_single_use(self) -> None:
        """Unused table entries are normal; uses count from the definition in the text."""
        text = self.TABLE + "The PLU works.\nThe Planar Lattice Unit (PLU) ends. The PLU rests."
        assert _rules(text, "unused-definition") == []
        (finding,) = _rules(text, "single-use")
        assert finding.line == 7 and "line 7" in finding.message


class TestUnusedAndSingleUse:
    """``unused-definition`` (no use after the definition) and ``single-use`` (exactly one)."""

    def test_unused_fires(self) -> None:
        """A definition never followed by a use is reported at the definition."""
        (finding,) = _rules("The Planar Lattice Unit (PLU) works.", "unused-definition")
        assert finding.column == 5 and finding.key == "PLU"

    def test_unused_silent_with_uses(self) -> None:
        """Any later use keeps the definition."""
        assert _rules("The Planar Lattice Unit (PLU) works. The PLU ends.",
                      "unused-definition") == []

    def test_single_use_fires(self) -> None:
        """One later use: write it out instead.  ``unused-definition`` stays quiet."""
        text = "The Planar Lattice Unit (PLU) works.\nThe PLU ends."
        (finding,) = _rules(text, "single-use")
        assert finding.severity == "info" and "line 2" in finding.message
        assert _rules(text, "unused-definition") == []

    def test_single_use_silent_with_two_uses(self) -> None:
        """Two later uses justify the definition."""
        assert _rules("The Planar Lattice Unit (PLU) works. The PLU ends. PLU again.",
                      "single-use") == []


class TestLettersMismatch:
    """``letters-mismatch``: a definition whose alignment score is low."""

    def test_fires_on_poor_letters(self) -> None:
        """"Drug Enforcement Agency (DAE)" is found, but its letters fit poorly."""
        text = "The Drug Enforcement Agency (DAE) met. The DAE agreed. DAE again."
        (finding,) = _rules(text, "letters-mismatch")
        assert "0.65" in finding.message

    def test_silent_on_good_letters(self) -> None:
        """A long form that spells the short form passes."""
        assert _rules("The Planar Lattice Unit (PLU) works.", "letters-mismatch") == []

    def test_letters_that_start_words_in_order_pass(self) -> None:
        """An entry of an announced list whose letters start its words, in order, passes:
        its score is low for the words that give no letter."""
        text = ("Abbreviations: CMP = Conference of the Parties serving as the meeting of the "
                "Parties to the Kyoto Protocol; DAE = Drug Enforcement Agency.\n\n"
                "The CMP met the DAE.")
        (finding,) = _rules(text, "letters-mismatch")
        assert "DAE" in finding.message

    def test_glossary_sense_is_accepted(self) -> None:
        """A long form the glossary lists for the short form passes whatever its score."""
        text = "The Drug Enforcement Agency (DAE) met."
        glossary = Glossary.loads('schema = 1\n[entries.DAE]\n[[entries.DAE.senses]]\n'
                                  'long = "Drug Enforcement Agency"\nirregular = true\n')
        assert _rules(text, "letters-mismatch", Resolver(glossary=glossary)) == []


class TestDefinitionInHeading:
    """``definition-in-heading``: a definition on a Markdown ``#`` line."""

    def test_fires(self) -> None:
        """An ATX heading holding a definition is reported."""
        text = "## The Planar Lattice Unit (PLU)\n\nThe PLU works. The PLU ends."
        (finding,) = _rules(text, "definition-in-heading")
        assert finding.line == 1

    def test_silent_in_body_and_for_hashtags(self) -> None:
        """A body line, or a ``#`` not followed by a space, is not a heading."""
        text = "#tag The Planar Lattice Unit (PLU) works.\nThe PLU ends. The PLU again."
        assert _rules(text, "definition-in-heading") == []


class TestApostrophePlural:
    """``apostrophe-plural``: ``SF's`` preceded by a number or quantifier, or followed by a
    plural verb."""

    @pytest.mark.parametrize("text", [
        "Two ZVT's arrived.", "We keep 12 ZVT's here.", "Several ZVT’s broke.",
        "The ZVT's are ready.", "Those ZVT's were old.",
    ])
    def test_fires(self, text: str) -> None:
        """Each of these is a plural written with an apostrophe."""
        (finding,) = _rules(text, "apostrophe-plural")
        assert finding.key == "ZVT" and "ZVTs" in finding.message
        assert text[finding.start:finding.end] in ("ZVT's", "ZVT’s")

    @pytest.mark.parametrize("text", [
        "The ZVT's budget grew.", "The ZVTs are ready.", "The ZVT's areas grew.",
        "The ZVT's, as noted, grew.",
    ])
    def test_silent_on_possessives(self, text: str) -> None:
        """A possessive before a noun, or a plain plural, is fine."""
        assert _rules(text, "apostrophe-plural") == []


class TestLint:
    """``lint`` options: disabling, severities, ordering, positions."""

    TEXT = "The ZVT grew.\nThe Planar Lattice Unit (PLU) works.\nTwo ZVT's are here."

    def test_sorted_by_position_with_one_based_positions(self) -> None:
        """Findings come in text order; line and column count from 1."""
        findings = lint(self.TEXT, resolver=RESOLVER)
        assert findings == sorted(findings, key=lambda f: (f.start, f.end, f.rule))
        first = findings[0]
        assert (first.line, first.column, first.start) == (1, 5, 4)
        assert all(self.TEXT[f.start:f.end] for f in findings)

    def test_disabled_rules_do_not_run(self) -> None:
        """A disabled rule yields nothing."""
        findings = lint(self.TEXT, resolver=RESOLVER, disabled=["undefined"])
        assert "undefined" not in {f.rule for f in findings}

    def test_min_severity_and_overrides(self) -> None:
        """``min_severity`` drops lesser findings; ``severities`` changes a rule's level."""
        warnings = lint(self.TEXT, resolver=RESOLVER, min_severity="warning")
        assert all(f.severity in ("warning", "error") for f in warnings)
        raised = lint(self.TEXT, resolver=RESOLVER, min_severity="error",
                      severities={"undefined": "error"})
        assert {f.rule for f in raised} == {"undefined"}

    def test_unknown_rule_or_severity_is_an_error(self) -> None:
        """Typos are reported instead of silently ignored."""
        with pytest.raises(ValueError, match="unknown rule"):
            lint("x", disabled=["undefinde"])
        with pytest.raises(ValueError, match="severity"):
            lint("x", min_severity="fatal")

    def test_default_resolver_uses_shipped_glossary(self) -> None:
        """Without a resolver, the shipped glossary's ``well_known`` marks apply."""
        assert _rules("NATO met the UN.", "undefined", Resolver()) == []
        assert lint("NATO met the UN.", disabled=["single-use"]) == []


class TestLintConfig:
    """``LintConfig`` read from TOML tables and files."""

    def test_from_toml_table(self) -> None:
        """The documented keys are read and validated."""
        config = LintConfig.from_toml_table({
            "disable": ["single-use"], "min-severity": "warning",
            "severity": {"undefined": "error"},
        })
        assert config.disabled == frozenset({"single-use"})
        assert config.severities == (("undefined", "error"),)
        assert config.min_severity == "warning"

    @pytest.mark.parametrize("table", [
        {"disabled": []}, {"disable": ["nope"]}, {"severity": {"undefined": "fatal"}},
        {"min-severity": 3}, {"disable": "single-use"},
    ])
    def test_bad_tables_are_rejected(self, table: dict[str, object]) -> None:
        """Unknown keys, rules or severities raise ``InputError``."""
        with pytest.raises(InputError):
            LintConfig.from_toml_table(table)

    def test_config_lint_applies_settings(self) -> None:
        """``LintConfig.lint`` runs ``lint`` with the configuration."""
        config = LintConfig(disabled=frozenset({"undefined"}))
        assert all(f.rule != "undefined"
                   for f in config.lint(TestLint.TEXT, resolver=RESOLVER))

    def test_with_overrides(self) -> None:
        """Command-line style overrides add to the file's settings."""
        config = LintConfig(disabled=frozenset({"single-use"})).with_overrides(
            disable=["undefined"], min_severity="error")
        assert config.disabled == {"single-use", "undefined"}
        assert config.min_severity == "error"


class TestOutput:
    """``format_findings``, ``format_report`` and ``exit_code``."""

    FINDINGS = lint("The ZVT grew.\nThe ZVT's are here.", resolver=RESOLVER)

    def test_text_lines(self) -> None:
        """``path:line:col: rule-id message``, one per line."""
        out = format_findings(self.FINDINGS, "notes.md")
        lines = out.splitlines()
        assert out.endswith("\n") and len(lines) == len(self.FINDINGS)
        assert lines[0] == ("notes.md:1:5: undefined ZVT is used but never defined "
                            "(the glossary reads it as 'Zonal Vector Table')")
        assert lines[-1].startswith("notes.md:2:5: apostrophe-plural ")

    def test_json(self) -> None:
        """A JSON array of findings with their path; several files make one array."""
        records = json.loads(format_findings(self.FINDINGS, "notes.md", fmt="json"))
        assert records[0]["path"] == "notes.md" and records[0]["rule"] == "undefined"
        assert set(records[0]) == {"path", "rule", "severity", "message", "start", "end",
                                   "line", "column", "key"}
        both = json.loads(format_report([("a", self.FINDINGS), ("b", self.FINDINGS)], "json"))
        assert len(both) == 2 * len(self.FINDINGS)

    def test_empty_and_unknown_format(self) -> None:
        """No findings: empty text; an unknown format is a ``ValueError``."""
        assert format_findings([], "x") == ""
        with pytest.raises(ValueError):
            format_findings([], "x", fmt="xml")

    def test_exit_code(self) -> None:
        """1 only when a finding reaches ``fail_on``."""
        assert exit_code(self.FINDINGS) == 1
        assert exit_code(self.FINDINGS, fail_on="error") == 0
        assert exit_code([]) == 0


def test_linting_a_long_text_leaves_the_collector_as_it_was() -> None:
    """The rules run over a long text with the cyclic collector paused, and it runs again
    after; a caller that had paused it finds it paused."""
    import gc

    text = "".join(f"The Planar Lattice Unit {i} (PLU). " for i in range(2000))
    assert len(text) > 65536
    assert len([f for f in lint(text) if f.rule == "conflicting-definitions"]) == 1999
    assert gc.isenabled()
    gc.disable()
    try:
        assert len(lint(text)) > 1999
        assert not gc.isenabled()
    finally:
        gc.enable()
