"""Tests for the renderers in ``acrolib._render``: JSON, HTML, Markdown and the text footer."""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

import acrolib
from acrolib import Annotated, InputError, Mention, Source
from acrolib._annotated import SCHEMA
from acrolib._expand import MODES, expand_annotated
from acrolib._render import (
    expansion_plan,
    footer_lines,
    to_footer,
    to_html,
    to_json,
    to_jsonl_record,
    to_markdown,
    used_acronyms,
)

# Texts written for these tests.  SAMPLE mixes an in-text definition, a possessive, a plural,
# glossary forms, an ambiguous form without context and an unknown one.
SAMPLE = (
    "The Caribbean Basin Security Initiative (CBSI) funds training.\n"
    "The CBSI's partners met the ATF and the DEA.\n"
    "\n"
    "Two MOUs were signed. The ZQXW office is new.\n"
)
AMBIGUOUS = "The MSS was mentioned once."
ESCAPES = 'Tags <b> & "quotes" & the CBSI <i>\n\nR&D at the ATF & DEA > 2 < 3.'


def _annotate(text: str) -> Annotated:
    return acrolib.annotate(text)


class _Page(HTMLParser):
    """Collects every ``<abbr>`` and the text content of ``<main>``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.abbrs: list[tuple[dict[str, str | None], str]] = []
        self.main_text: list[str] = []
        self.paragraphs: list[str] = []
        self._in_main = False
        self._in_p = False
        self._abbr: dict[str, str | None] | None = None
        self._abbr_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "main":
            self._in_main = True
        elif tag == "p" and self._in_main:
            self._in_p = True
            self.paragraphs.append("")
        elif tag == "abbr":
            self._abbr = dict(attrs)
            self._abbr_text = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self._in_main = False
        elif tag == "p":
            self._in_p = False
        elif tag == "abbr" and self._abbr is not None:
            self.abbrs.append((self._abbr, "".join(self._abbr_text)))
            self._abbr = None

    def handle_data(self, data: str) -> None:
        if self._abbr is not None:
            self._abbr_text.append(data)
        if self._in_main:
            self.main_text.append(data)
            if self._in_p:
                self.paragraphs[-1] += data


def _parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    parser.close()
    return parser


def _main_abbrs(page: str) -> list[tuple[dict[str, str | None], str]]:
    """The ``<abbr>`` elements of the text only (the acronym table has its own)."""
    body = page[page.index("<main>"):page.index("</main>") + len("</main>")]
    return _parse(body).abbrs


class TestExpansionPlan:
    """``expansion_plan`` reads back what ``expand_annotated`` did."""

    @pytest.mark.parametrize("mode", MODES)
    def test_plan_rebuilds_expand_output(self, mode: str) -> None:
        """Applying the plan's steps gives exactly ``expand_annotated``'s text, in every mode."""
        annotated = _annotate(SAMPLE)
        steps = expansion_plan(annotated, mode)
        assert [s.mention for s in steps] == sorted(annotated.mentions, key=lambda m: m.start)
        pieces, position = [], 0
        for step in steps:
            m = step.mention
            after = m.end + len(m.possessive)
            if step.action == "expand":
                pieces += [SAMPLE[position:m.start], f"{step.long} ({SAMPLE[m.start:after]})"]
                position = after
            elif step.action == "replace":
                pieces += [SAMPLE[position:m.start], str(step.long)]
                position = after
        pieces.append(SAMPLE[position:])
        assert "".join(pieces) == expand_annotated(annotated, mode)

    def test_first_mode_expands_each_glossary_form_once(self) -> None:
        """In ``first`` mode the defined CBSI is never expanded; ATF only at its first use."""
        text = "The ATF met. The ATF left. The Caribbean Basin Security Initiative (CBSI) grew."
        steps = expansion_plan(_annotate(text), "first")
        actions = [(s.mention.text, s.action) for s in steps]
        assert actions == [("ATF", "expand"), ("ATF", "keep"), ("CBSI", "keep")]

    def test_unknown_mode_is_rejected(self) -> None:
        """A misspelt mode raises ``ValueError`` rather than rendering something else."""
        with pytest.raises(ValueError, match="unknown mode"):
            expansion_plan(_annotate(SAMPLE), "firstly")


class TestUsedAcronyms:
    """``used_acronyms`` groups mentions by short form and meaning."""

    def test_groups_and_counts_in_order_of_first_use(self) -> None:
        """CBSI is used twice (definition and possessive) and comes first."""
        used = used_acronyms(_annotate(SAMPLE))
        assert [(u.key, u.count) for u in used][:3] == [("CBSI", 2), ("ATF", 1), ("DEA", 1)]
        assert used[0].source is Source.DEFINED

    def test_written_as_the_text_first_writes_it_in_the_singular(self) -> None:
        """The tables show "U.S." and "CARICOM IMPACS", not the keys US and IMPACS; a form
        used only in the plural shows its key."""
        used = used_acronyms(_annotate("Two MOUs, the U.S. and US, and the CARICOM IMPACS."))
        assert [(u.key, u.written) for u in used] == [
            ("MOU", "MOU"), ("US", "U.S."), ("IMPACS", "CARICOM IMPACS")]
        footer = to_footer(_annotate("The U.S. met."))
        assert footer.endswith("U.S. — United States\n")

    def test_ambiguous_meaning_lists_alternatives(self) -> None:
        """An unresolved mention is described by its candidates."""
        (used,) = used_acronyms(_annotate(AMBIGUOUS))
        assert used.source is Source.AMBIGUOUS
        assert used.meaning.startswith("one of: ")
        assert len(used.alternatives) >= 2


class TestJson:
    """The JSON and JSON Lines forms are the stand-off ``Annotated.to_dict``."""

    def test_json_round_trips(self) -> None:
        """``Annotated.from_dict(json.loads(to_json(a))) == a``."""
        annotated = _annotate(SAMPLE)
        assert Annotated.from_dict(json.loads(to_json(annotated))) == annotated

    def test_jsonl_record_is_one_line_with_extra_fields(self) -> None:
        """A record is a single line, carries the extra fields and still reads back."""
        annotated = _annotate(SAMPLE + "\u2028 line\x85separators\u2029")
        line = to_jsonl_record(annotated, {"path": "a.txt", "line": 3})
        assert line.splitlines() == [line]
        data = json.loads(line)
        assert list(data)[:3] == ["schema", "path", "line"]
        assert data["path"] == "a.txt"
        assert Annotated.from_dict(data) == annotated

    @pytest.mark.parametrize("data", [[], None, "x", {"schema": SCHEMA, "text": 5}])
    def test_from_dict_rejects_what_is_no_record(self, data: object) -> None:
        """Not an object, or a text that is not a string: an InputError saying so."""
        with pytest.raises(InputError, match=r"JSON object|not a string"):
            Annotated.from_dict(data)  # type: ignore[arg-type]

    def test_jsonl_extra_cannot_overwrite_annotation(self) -> None:
        """An extra field named like an annotation field is an error, not a silent overwrite."""
        with pytest.raises(ValueError, match="clashes"):
            to_jsonl_record(_annotate(SAMPLE), {"text": "other"})


class TestHtml:
    """``to_html`` makes a standalone page with one ``<abbr>`` per mention."""

    @pytest.mark.parametrize("text", [SAMPLE, AMBIGUOUS, ESCAPES])
    def test_every_mention_is_an_abbr_with_the_right_title(self, text: str) -> None:
        """Titles give expansion and source, the alternatives, or ``unknown``."""
        annotated = _annotate(text)
        abbrs = _main_abbrs(to_html(annotated))
        mentions = sorted(annotated.mentions, key=lambda m: m.start)
        assert len(abbrs) == len(mentions)
        for (attributes, content), mention in zip(abbrs, mentions, strict=True):
            assert content == mention.text
            if mention.expansion is not None:
                source = "defined" if mention.source is Source.DEFINED else "glossary"
                assert attributes["title"] == f"{mention.expansion} — source: {source}"
                assert attributes["class"] == f"acro acro-{source}"
            elif mention.source is Source.AMBIGUOUS:
                assert attributes["class"] == "acro acro-ambiguous"
                expected = " | ".join(dict.fromkeys(c.expansion for c in mention.candidates))
                assert attributes["title"] == "ambiguous: " + expected
            else:
                assert attributes == {"class": "acro acro-unknown", "title": "unknown"}

    @pytest.mark.parametrize("mode", MODES)
    @pytest.mark.parametrize("text", [SAMPLE, ESCAPES, "\n\n  lead\n \n\nCBSI\n\n",
                                      "The ATF's-DEA unit.", "The CBSI Initiative grew."])
    def test_text_content_equals_expand_output(self, text: str, mode: str) -> None:
        """The text inside ``<main>``, tags removed, is exactly what ``expand`` writes."""
        annotated = _annotate(text)
        page = _parse(to_html(annotated, mode=mode))
        assert "".join(page.main_text) == expand_annotated(annotated, mode)

    def test_blank_lines_make_paragraphs(self) -> None:
        """Two blocks separated by a blank line become two ``<p>`` elements."""
        page = _parse(to_html(_annotate(SAMPLE)))
        assert len(page.paragraphs) == 2
        assert page.paragraphs[1].startswith("Two memorandums of understanding (MOUs)")

    def test_markup_characters_in_input_are_escaped(self) -> None:
        """``<``, ``>``, ``&`` and ``"`` from the text and the title never become markup."""
        page = to_html(_annotate(ESCAPES), title='A <"title"> & more')
        assert "<title>A &lt;&quot;title&quot;&gt; &amp; more</title>" in page
        assert "<b>" not in page and "<i>" not in page
        assert "Tags &lt;b&gt; &amp; &quot;quotes&quot;" in page
        parsed = _parse(page)
        assert "".join(parsed.main_text).startswith('Tags <b> & "quotes" & the ')

    def test_first_use_is_written_out_before_the_abbr(self) -> None:
        """WCAG G97: the first ATF reads "Bureau of ... Explosives (<abbr>ATF</abbr>)"."""
        page = to_html(_annotate("The ATF met. The ATF left."))
        assert page.count("Bureau of Alcohol, Tobacco, Firearms and Explosives (<abbr") == 1
        assert page.count(">ATF</abbr>") == 3  # two in the text, one in the table

    def test_page_is_standalone(self) -> None:
        """No scripts, no external stylesheets or images; a legend and the acronym table."""
        page = to_html(_annotate(SAMPLE))
        assert page.startswith("<!DOCTYPE html>")
        for forbidden in ("<script", "<link", "src=", "http://", "https://"):
            assert forbidden not in page
        assert "<style>" in page and ":hover" in page
        assert 'class="legend"' in page
        assert "<th>Count</th>" in page
        assert '<td>Caribbean Basin Security Initiative</td><td>defined</td>' in page

    def test_empty_text(self) -> None:
        """An empty text still gives a valid page saying no acronyms were found."""
        page = to_html(_annotate(""))
        assert "No acronyms found." in page and _parse(page).main_text == []

    @pytest.mark.skipif(shutil.which("chromium") is None,
                        reason="headless Chromium is not installed (apt-get install chromium)")
    def test_chromium_sees_a_title_on_every_abbr(self, tmp_path: Path) -> None:
        """A real browser parses the page; every ``<abbr>`` in its DOM has a non-empty title."""
        annotated = _annotate(SAMPLE + "\n" + AMBIGUOUS + "\n\n" + ESCAPES)
        page = tmp_path / "page.html"
        page.write_text(to_html(annotated), encoding="utf-8")
        chromium = shutil.which("chromium")
        assert chromium is not None
        with tempfile.TemporaryDirectory() as profile:
            result = subprocess.run(
                [chromium, "--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
                 "--dump-dom", page.as_uri()],
                capture_output=True, text=True, timeout=120, check=True,
            )
        dom = _parse(result.stdout)
        main = _main_abbrs(result.stdout)
        assert len(main) == len(annotated.mentions)
        assert dom.abbrs and all(attributes.get("title") for attributes, _ in dom.abbrs)


class TestMarkdown:
    """``to_markdown`` writes the expanded text and an ``## Abbreviations`` table."""

    def test_text_then_table(self) -> None:
        """The expanded text comes first, unchanged, then one row per short form."""
        annotated = _annotate(SAMPLE)
        out = to_markdown(annotated)
        expanded = expand_annotated(annotated, "first")
        assert out.startswith(expanded)
        table = out[len(expanded):].strip().splitlines()
        assert table[:4] == ["## Abbreviations", "", "| Short form | Expansion | Source |",
                             "| --- | --- | --- |"]
        assert table[4] == "| CBSI | Caribbean Basin Security Initiative | defined |"
        assert "| ATF | Bureau of Alcohol, Tobacco, Firearms and Explosives | glossary |" in table
        assert not any("ZQXW" in row for row in table)  # unknown forms are not listed

    def test_pipes_in_cells_are_escaped(self) -> None:
        """A ``|`` in a long form cannot split the cell."""
        text = "The ABC unit."
        mention = Mention(start=4, end=7, text="ABC", key="ABC", expansion="Alpha|Beta Comms",
                          source=Source.GLOSSARY)
        out = to_markdown(Annotated(text=text, mentions=(mention,)))
        row = next(line for line in out.splitlines() if line.startswith("| ABC"))
        assert row == "| ABC | Alpha\\|Beta Comms | glossary |"

    def test_mode_is_passed_to_expand(self) -> None:
        """``mode="none"`` leaves the text alone but still lists the abbreviations."""
        out = to_markdown(_annotate("The ATF met."), mode="none")
        assert out.startswith("The ATF met.\n\n## Abbreviations")

    def test_no_known_forms_no_table(self) -> None:
        """Without any resolved form the text is returned as expanded, with no empty table."""
        assert to_markdown(_annotate("Nothing to see here.")) == "Nothing to see here."


class TestFooter:
    """``to_footer`` keeps the text and appends ``Acronyms:`` lines."""

    def test_footer_lines_in_order_of_first_use(self) -> None:
        """One line per resolved short form; the text itself is unchanged."""
        out = to_footer(_annotate(SAMPLE))
        assert out.startswith(SAMPLE + "\nAcronyms:\n")
        assert out[len(SAMPLE):].splitlines()[1:] == [
            "Acronyms:",
            "CBSI — Caribbean Basin Security Initiative",
            "ATF — Bureau of Alcohol, Tobacco, Firearms and Explosives",
            "DEA — Drug Enforcement Administration",
            "MOU — memorandum of understanding",
        ]

    def test_ambiguous_lists_alternatives(self) -> None:
        """An unresolved form reads ``MSS — one of: A; B; ...``."""
        (line,) = footer_lines(_annotate(AMBIGUOUS))
        assert line.startswith("MSS — one of: ") and line.count("; ") >= 1

    def test_blank_line_before_footer_without_final_newline(self) -> None:
        """A text without a final newline still gets exactly one blank line before the footer."""
        assert to_footer(_annotate("The ATF met.")) == (
            "The ATF met.\n\nAcronyms:\n"
            "ATF — Bureau of Alcohol, Tobacco, Firearms and Explosives\n")

    def test_nothing_resolved_leaves_text_alone(self) -> None:
        """Unknown forms alone add no footer."""
        assert to_footer(_annotate("The ZQXW met.")) == "The ZQXW met."
