"""Rendering an :class:`~acrolib.Annotated` as JSON, HTML, Markdown or a plain-text footer.

Every renderer is a pure function of the annotation (and a few options): nothing is looked up
again, so what a page shows is exactly what the resolver decided.

The HTML and Markdown forms expand short forms in the text with the same plan
(:func:`acrolib._expand.plan`) that ``acrolib expand`` carries out, so the two never disagree.
"""

from __future__ import annotations

import html
import json
from typing import Any

import attrs
import regex

from ._annotated import Annotated, one_line
from ._expand import MODES, Step, expand_annotated, plan
from ._model import Mention, Source

__all__ = [
    "Step",
    "UsedAcronym",
    "expansion_plan",
    "footer_lines",
    "to_footer",
    "to_html",
    "to_json",
    "to_jsonl_record",
    "to_markdown",
    "used_acronyms",
]

# A paragraph break: a line break, any number of blank (whitespace-only) lines, a line break.
_PARAGRAPH_BREAK = regex.compile(r"\n(?:[^\S\n]*\n)+")


# -- the expansion plan ----------------------------------------------------------------------


def expansion_plan(annotated: Annotated, mode: str = "first") -> list[Step]:
    """One :class:`Step` per mention, in text order, as ``expand_annotated`` applies them.

    Raises ``ValueError`` for an unknown ``mode``.
    """
    return plan(annotated, mode)


# -- the list of acronyms used ---------------------------------------------------------------


@attrs.frozen
class UsedAcronym:
    """One meaning of one short form in a text, with how often it is used with that meaning.

    Mentions are grouped by key, source and meaning: the meaning is the expansion, or for an
    ambiguous mention the tuple of ``alternatives`` (the candidates' expansions, best first).
    ``written`` is the short form as the text writes it, for a reader: the first singular
    mention ("U.S." where the key is ``US``, "CARICOM IMPACS" for ``IMPACS``), else the key
    when every use is a plural ("MOUs": ``MOU``).
    """

    key: str
    expansion: str | None
    source: Source
    alternatives: tuple[str, ...]
    count: int
    first: int
    written: str

    @property
    def meaning(self) -> str:
        """A one-line description: the expansion, ``one of: A; B``, or ``unknown``."""
        if self.expansion is not None:
            return self.expansion
        if self.alternatives:
            return "one of: " + "; ".join(self.alternatives)
        return "unknown"


def _alternatives(mention: Mention) -> tuple[str, ...]:
    return tuple(dict.fromkeys(c.expansion for c in mention.candidates))


def used_acronyms(annotated: Annotated) -> list[UsedAcronym]:
    """Every distinct (short form, meaning, source) of ``annotated`` in order of first use."""
    groups: dict[tuple[str, str | None, Source, tuple[str, ...]], list[Mention]] = {}
    for mention in sorted(annotated.mentions, key=lambda m: m.start):
        alternatives = _alternatives(mention) if mention.expansion is None else ()
        groups.setdefault(
            (mention.key, mention.expansion, mention.source, alternatives), []
        ).append(mention)
    return [
        UsedAcronym(key=key, expansion=expansion, source=source, alternatives=alternatives,
                    count=len(found), first=found[0].start,
                    written=next((m.text for m in found if not m.plural), key))
        for (key, expansion, source, alternatives), found in groups.items()
    ]


# -- JSON ------------------------------------------------------------------------------------


def to_json(annotated: Annotated) -> str:
    """The stand-off JSON document (schema ``acrolib.annotated/1``), indented, no final newline."""
    return json.dumps(annotated.to_dict(), ensure_ascii=False, indent=2)


def to_jsonl_record(annotated: Annotated, extra: dict[str, Any] | None = None) -> str:
    """One JSON Lines record (a single line, no newline) for ``annotated``.

    ``extra`` fields (a path, a line number, an id ...) are placed after ``schema``; they may not
    reuse a field of the annotation.  ``Annotated.from_dict`` ignores them when reading back.
    """
    body = annotated.to_dict()
    record: dict[str, Any] = {"schema": body.pop("schema")}
    for name, value in (extra or {}).items():
        if name in body or name == "schema":
            raise ValueError(f"extra field {name!r} clashes with a field of the annotation")
        record[name] = value
    record.update(body)
    # ensure_ascii=False keeps the text readable; json never emits a raw newline, and
    # one_line escapes the characters other line splitters break at.
    return one_line(json.dumps(record, ensure_ascii=False, separators=(",", ":")))


# -- HTML ------------------------------------------------------------------------------------

_CSS = """\
body { font-family: system-ui, sans-serif; line-height: 1.6; max-width: 46rem;
       margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; background: #fff; }
main p { white-space: pre-wrap; }
abbr.acro { text-decoration: underline dotted; text-underline-offset: 0.2em;
            cursor: help; border-radius: 0.2em; padding: 0 0.1em; }
abbr.acro-defined { text-decoration-color: #1b7f3b; }
abbr.acro-glossary { text-decoration-color: #1f5fbf; }
abbr.acro-ambiguous { text-decoration-color: #b36b00; text-decoration-style: wavy; }
abbr.acro-unknown { text-decoration-color: #b3261e; text-decoration-style: dashed; }
abbr.acro-defined:hover, .swatch.acro-defined { background: #d7f0de; }
abbr.acro-glossary:hover, .swatch.acro-glossary { background: #dbe7fa; }
abbr.acro-ambiguous:hover, .swatch.acro-ambiguous { background: #fbe8c8; }
abbr.acro-unknown:hover, .swatch.acro-unknown { background: #f8d8d5; }
.legend ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 1rem; }
.swatch { padding: 0 0.3em; border-radius: 0.2em; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; border-bottom: 1px solid #ddd; padding: 0.25rem 0.5rem;
         vertical-align: top; }
td.count { text-align: right; }
"""

_LEGEND = (
    ("acro-defined", "defined in the text"),
    ("acro-glossary", "from the glossary"),
    ("acro-ambiguous", "ambiguous: several glossary senses fit"),
    ("acro-unknown", "unknown"),
)


def _abbr(mention: Mention) -> str:
    """The ``<abbr>`` element for a mention's short form (without its possessive)."""
    if mention.expansion is not None:
        source = "defined" if mention.source is Source.DEFINED else "glossary"
        title = f"{mention.expansion} — source: {source}"
        css = f"acro acro-{source}"
    elif mention.source is Source.AMBIGUOUS and mention.candidates:
        title = "ambiguous: " + " | ".join(_alternatives(mention))
        css = "acro acro-ambiguous"
    else:
        title = "unknown"
        css = "acro acro-unknown"
    return (f'<abbr class="{css}" title="{html.escape(title)}">'
            f"{html.escape(mention.text)}</abbr>")


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of the paragraphs of ``text``: the stretches between blank lines."""
    spans: list[tuple[int, int]] = []
    position = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        spans.append((position, match.start()))
        position = match.end()
    spans.append((position, len(text)))
    return spans


def _render_body(text: str, steps: list[Step]) -> str:
    """The text as ``<p>`` elements; every character of it is kept, in order, as HTML text.

    The blank lines between paragraphs are written between the ``</p>`` and ``<p>`` tags,
    where HTML ignores them, so the text content of the body is the expanded text exactly.
    """
    out: list[str] = []
    index = 0
    previous_end = 0
    for start, end in _paragraphs(text):
        out.append(html.escape(text[previous_end:start]))
        previous_end = end
        if start == end:
            continue
        out.append("<p>")
        position = start
        while index < len(steps) and steps[index].mention.start < end:
            step = steps[index]
            mention = step.mention
            index += 1
            out.append(html.escape(text[position:mention.start]))
            possessive = html.escape(mention.possessive)
            if step.action == "expand" and step.long is not None:
                out.append(f"{html.escape(step.long)} ({_abbr(mention)}{possessive})")
            elif step.action == "replace" and step.long is not None:
                # The short form is gone from the text; the span keeps it as a tooltip.
                out.append(f'<span class="acro-replaced" title="{html.escape(mention.text)}">'
                           f"{html.escape(step.long)}</span>")
            else:
                out.append(_abbr(mention) + possessive)
            position = step.end  # past the tail that the long form took in, if any
        out.append(html.escape(text[position:end]))
        out.append("</p>")
    out.append(html.escape(text[previous_end:]))
    return "".join(out)


def to_html(annotated: Annotated, *, title: str = "acrolib", mode: str = "first") -> str:
    """A standalone HTML5 page of ``annotated`` (inline CSS, no scripts, no external assets).

    Every mention is an ``<abbr>`` whose ``title`` gives its expansion and source (or the
    alternatives, or ``unknown``); the mentions ``expand`` would expand in ``mode`` read
    ``long form (<abbr>SF</abbr>)`` (WCAG technique G97).  A legend and a table of the
    acronyms used follow the text.
    """
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}; use one of {', '.join(MODES)}")
    steps = expansion_plan(annotated, mode)
    rows = []
    for used in used_acronyms(annotated):
        rows.append(
            "<tr>"
            f"<td><abbr class=\"acro acro-{used.source.value}\" "
            f"title=\"{html.escape(used.meaning)}\">{html.escape(used.written)}</abbr></td>"
            f"<td>{html.escape(used.meaning)}</td>"
            f"<td>{used.source.value}</td>"
            f"<td class=\"count\">{used.count}</td>"
            "</tr>"
        )
    table = (
        "<table>\n<thead><tr><th>Short form</th><th>Expansion</th><th>Source</th>"
        "<th>Count</th></tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>"
        if rows else "<p>No acronyms found.</p>"
    )
    legend = "\n".join(
        f'<li><span class="swatch {css}">{html.escape(label)}</span></li>'
        for css, label in _LEGEND
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n"
        f"<style>\n{_CSS}</style>\n</head>\n<body>\n"
        f"<main>{_render_body(annotated.text, steps)}</main>\n"
        '<section class="legend" aria-label="Legend">\n<h2>Legend</h2>\n'
        f"<ul>\n{legend}\n</ul>\n"
        "<p>Hover over a short form to see its expansion and where it comes from.</p>\n"
        "</section>\n"
        '<section class="acronyms" aria-label="Acronyms used">\n<h2>Acronyms used</h2>\n'
        f"{table}\n</section>\n</body>\n</html>\n"
    )


# -- Markdown --------------------------------------------------------------------------------


def _cell(value: str) -> str:
    # A pipe would end the cell and a line break the row; a backslash must not escape them.
    value = value.replace("\\", "\\\\").replace("|", "\\|")
    return " ".join(value.split())


def to_markdown(annotated: Annotated, mode: str = "first") -> str:
    """The text expanded as ``expand`` does in ``mode``, then an ``## Abbreviations`` table.

    The table lists every short form with a meaning (expansion, or ``one of: ...`` when
    ambiguous) in order of first use; unknown short forms are left out.  With no rows the
    section is left out too and the expanded text is returned unchanged.
    """
    expanded = expand_annotated(annotated, mode)
    rows = [u for u in used_acronyms(annotated) if u.source is not Source.UNKNOWN]
    if not rows:
        return expanded
    lines = ["## Abbreviations", "", "| Short form | Expansion | Source |", "| --- | --- | --- |"]
    seen: set[tuple[str, str, str]] = set()
    for used in rows:
        row = (_cell(used.written), _cell(used.meaning), used.source.value)
        if row not in seen:
            seen.add(row)
            lines.append(f"| {row[0]} | {row[1]} | {row[2]} |")
    separator = "\n" if expanded.endswith("\n") else "\n\n"
    return expanded + separator + "\n".join(lines) + "\n"


# -- plain-text footer -----------------------------------------------------------------------


def footer_lines(annotated: Annotated) -> list[str]:
    """``SF — expansion`` (or ``SF — one of: A; B``) per distinct meaning, in order of first use."""
    lines: list[str] = []
    for used in used_acronyms(annotated):
        if used.source is Source.UNKNOWN or (used.expansion is None and not used.alternatives):
            continue
        line = f"{used.written} — {used.meaning}"
        if line not in lines:
            lines.append(line)
    return lines


def to_footer(annotated: Annotated) -> str:
    """The text unchanged, then a blank line, ``Acronyms:`` and one line per resolved form.

    Meant for giving a language model the meanings without changing the text it reads.
    When nothing is resolved the text is returned as it is.
    """
    lines = footer_lines(annotated)
    if not lines:
        return annotated.text
    text = annotated.text
    separator = "\n" if text.endswith("\n") else "\n\n"
    return text + separator + "Acronyms:\n" + "\n".join(lines) + "\n"
