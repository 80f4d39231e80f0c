"""Checking how a text introduces and uses its acronyms.

``lint(text)`` annotates the text once with a :class:`~acrolib.Resolver` and runs every rule of
:data:`RULES` over the result; each problem is a :class:`Finding` with its offsets, 1-based
line and column, rule and severity.  The rules read only the annotation and the glossary's
data (``well_known``, ``irregular`` senses), so what counts as "well known" is decided by the
glossary files, not by this module.

Configuration comes from a ``[tool.acrolib.lint]`` table in ``pyproject.toml`` or a ``[lint]``
table in ``.acrolib.toml``: finding and reading those files is :mod:`acrolib._config`'s job;
:meth:`LintConfig.from_toml_table` turns the table into settings (keys in ``docs/lint.md``).
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs
import regex

from ._align import fold, short_units
from ._annotated import Annotated
from ._expand import MARKDOWN_HEADING
from ._keys import canonical, key_of
from ._keys import normal_long as _normal
from ._model import Definition, Mention
from ._nogc import paused_for_long
from ._resolve import Resolver
from .exceptions import InputError

__all__ = [
    "RULES",
    "SEVERITIES",
    "Finding",
    "LintConfig",
    "Rule",
    "exit_code",
    "format_findings",
    "format_report",
    "lint",
]

#: Severities, least severe first.
SEVERITIES = ("info", "warning", "error")
_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}

#: A definition whose alignment score is below this is reported by ``letters-mismatch``.  The
#: definition finder accepts a "Long Form (LF)" from 0.55 up, so the band 0.55-0.75 holds the
#: definitions it found but whose letters fit poorly ("Drug Enforcement Agency (DAE)" scores
#: 0.65); syllable acronyms such as CARICOM or SOUTHCOM score just under 0.8 and pass.
LETTERS_MIN_SCORE = 0.75

_NEWLINE = regex.compile(r"\n")
_WORD_BREAKS = regex.compile(r"[\s\-/]+")
# Words before "SF's" that make it a plural: numbers and quantifiers ("three CD's").
_PLURAL_BEFORE = regex.compile(
    r"(?:^|[^\w'’])(?:\d[\d,.]*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"dozens?|hundreds?|thousands?|many|several|few|fewer|multiple|numerous|various|"
    r"these|those|both|all|some|most|other)\s+$",
    regex.IGNORECASE,
)
# Words after "SF's" that make it a plural subject: a plural verb ("the FAQ's are ...").
# Used with ``match(text, pos)``, which anchors at ``pos`` (a ``^`` would not match there).
_PLURAL_AFTER = regex.compile(
    r"\s+(?:are|were|have|do|don['’]t|aren['’]t|weren['’]t|haven['’]t)\b",
    regex.IGNORECASE,
)
_APOSTROPHE_S = ("'s", "’s", "ʼs")


@attrs.frozen
class Rule:
    """A lint rule: its id (used in output and configuration), default severity and summary."""

    id: str
    severity: str
    summary: str


#: Every rule, by id, in the order they are documented.
RULES: dict[str, Rule] = {
    rule.id: rule
    for rule in (
        Rule("undefined", "warning",
             "an acronym is used but never defined and the glossary does not mark it well known"),
        Rule("used-before-definition", "warning",
             "an acronym is used before the place where it is defined"),
        Rule("defined-twice", "info", "an acronym is defined again with the same long form"),
        Rule("conflicting-definitions", "error",
             "an acronym is defined again with a different long form"),
        Rule("unused-definition", "warning",
             "an acronym is defined but never used after its definition"),
        Rule("single-use", "info",
             "an acronym is defined and then used only once: write the long form out instead"),
        Rule("letters-mismatch", "warning",
             "the letters of the long form do not fit the short form"),
        Rule("definition-in-heading", "warning",
             "an acronym is defined in a Markdown heading rather than in the body text"),
        Rule("apostrophe-plural", "warning",
             "an apostrophe is used to make a plural (CD's for CDs)"),
    )
}


@attrs.frozen
class Finding:
    """One problem found: where it is (offsets, 1-based line and column) and what it is."""

    rule: str
    severity: str
    message: str
    start: int
    end: int
    line: int
    column: int
    key: str

    def to_dict(self, path: str | None = None) -> dict[str, Any]:
        """A JSON-ready dict; ``path`` is added first when given."""
        out: dict[str, Any] = {} if path is None else {"path": path}
        out.update(attrs.asdict(self))
        return out


# -- configuration ---------------------------------------------------------------------------


def _check_rule(rule: str, where: str) -> str:
    if rule not in RULES:
        raise InputError(f"{where}: unknown rule {rule!r}; rules are {', '.join(RULES)}")
    return rule


def _check_severity(severity: object, where: str) -> str:
    if not isinstance(severity, str) or severity not in _RANK:
        raise InputError(f"{where}: severity must be one of {', '.join(SEVERITIES)}, "
                         f"not {severity!r}")
    return severity


@attrs.frozen
class LintConfig:
    """Which rules run, how severe they are, and the least severity reported.

    ``severities`` holds ``(rule, severity)`` pairs overriding the defaults of :data:`RULES`.
    """

    disabled: frozenset[str] = frozenset()
    severities: tuple[tuple[str, str], ...] = ()
    min_severity: str = "info"

    @classmethod
    def from_toml_table(cls, table: Mapping[str, Any], *, path: str | None = None) -> LintConfig:
        """Read a ``[tool.acrolib.lint]`` (or ``.acrolib.toml`` ``[lint]``) table.

        Keys: ``disable`` (list of rule ids), ``min-severity`` (``info``, ``warning`` or
        ``error``) and ``severity`` (a table mapping rule ids to severities).  Anything else,
        an unknown rule or an unknown severity raises :class:`~acrolib.InputError`.
        """
        where = path or "lint configuration"
        allowed = ("disable", "min-severity", "severity")
        for key in table:
            if key not in allowed:
                raise InputError(f"{where}: unknown key {key!r} (allowed: {', '.join(allowed)})")
        disable = table.get("disable", [])
        if not isinstance(disable, list) or not all(isinstance(r, str) for r in disable):
            raise InputError(f"{where}: 'disable' must be a list of rule ids")
        severity = table.get("severity", {})
        if not isinstance(severity, Mapping):
            raise InputError(f"{where}: 'severity' must be a table of rule = \"severity\"")
        return cls(
            disabled=frozenset(_check_rule(r, where) for r in disable),
            severities=tuple(sorted(
                (_check_rule(rule, where), _check_severity(value, f"{where}: severity.{rule}"))
                for rule, value in severity.items()
            )),
            min_severity=_check_severity(table.get("min-severity", "info"),
                                         f"{where}: min-severity"),
        )

    def with_overrides(self, *, disable: Iterable[str] = (),
                       min_severity: str | None = None) -> LintConfig:
        """A copy with more rules disabled and, when given, another least severity (for
        command-line options that refine a configuration file)."""
        return attrs.evolve(
            self,
            disabled=self.disabled | {_check_rule(r, "disable") for r in disable},
            min_severity=(self.min_severity if min_severity is None
                          else _check_severity(min_severity, "min-severity")),
        )

    def lint(self, text: str, *, resolver: Resolver | None = None,
             well_known: Iterable[str] = ()) -> list[Finding]:
        """``lint(text)`` with this configuration."""
        return lint(text, resolver=resolver, disabled=self.disabled,
                    min_severity=self.min_severity, severities=dict(self.severities),
                    well_known=well_known)


# -- the rules -------------------------------------------------------------------------------


class _Context:
    """The annotation, arranged the way the rules look at it."""

    def __init__(self, text: str, annotated: Annotated, resolver: Resolver,
                 well_known: Iterable[str]) -> None:
        self.text = text
        self.resolver = resolver
        self.line_starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
        self.definitions: dict[str, list[Definition]] = {}
        for definition in sorted(annotated.definitions, key=lambda d: _def_start(d)):
            self.definitions.setdefault(definition.key, []).append(definition)
        defining = sorted(d.short_span for d in annotated.definitions)
        defining_starts = [s for s, _ in defining]
        # Uses: the mentions that are not the short form of a definition itself.
        self.uses: dict[str, list[Mention]] = {}
        self.mentions = sorted(annotated.mentions, key=lambda m: m.start)
        for mention in self.mentions:
            i = bisect_right(defining_starts, mention.start) - 1
            if i >= 0 and mention.start < defining[i][1]:
                continue
            self.uses.setdefault(mention.key, []).append(mention)
        self.well_known = {m.key for m in annotated.mentions if m.well_known}
        # Forms the project declares known (``well-known`` in its configuration), whether or
        # not its glossary holds them: compared by key, so "U.S." covers "US".
        for surface in well_known:
            self.well_known |= {canonical(surface), key_of(surface)}

    def line_of(self, offset: int) -> int:
        return bisect_right(self.line_starts, offset)

    def position(self, offset: int) -> tuple[int, int]:
        line = self.line_of(offset)
        return line, offset - self.line_starts[line - 1] + 1


def _def_start(definition: Definition) -> int:
    return min(definition.long_span[0], definition.short_span[0])


def _def_end(definition: Definition) -> int:
    return max(definition.long_span[1], definition.short_span[1])


# Each rule yields (start, end, key, message) tuples.
_Raw = tuple[int, int, str, str]


def _undefined(ctx: _Context) -> Iterable[_Raw]:
    for key, uses in ctx.uses.items():
        if key in ctx.definitions or key in ctx.well_known:
            continue
        first = uses[0]
        message = f"{key} is used but never defined"
        if first.expansion is not None:
            message += f" (the glossary reads it as {first.expansion!r})"
        elif len(first.candidates) == 1:
            message += (f" (the glossary reads it as {first.candidates[0].expansion!r} only when"
                        " the context supports that)")
        elif first.candidates:
            message += f" (the glossary has {len(first.candidates)} senses for it)"
        yield first.start, first.end, key, message


def _used_before_definition(ctx: _Context) -> Iterable[_Raw]:
    for key, definitions in ctx.definitions.items():
        first_definition = definitions[0].short_span[0]
        early = [m for m in ctx.uses.get(key, ()) if m.start < first_definition]
        if early:
            line = ctx.line_of(first_definition)
            yield (early[0].start, early[0].end, key,
                   f"{key} is used before its definition on line {line}")


def _listed(definition: Definition) -> bool:
    """Whether a definition is an entry of a list or a table of abbreviations."""
    return definition.pattern == "glossary"


def _repeated_definitions(ctx: _Context, *, conflicting: bool) -> Iterable[_Raw]:
    """A definition repeated with another long form, or with the same one.

    A report's table of abbreviations and the definition at the first use in its text say the
    same thing on purpose: only a repetition of the same kind (two entries of a list, or two
    definitions in the text) counts as defined twice.
    """
    for key, definitions in ctx.definitions.items():
        first = definitions[0]
        # The first definition of each long form so far, for list entries and for the text.
        seen: dict[tuple[bool, str], Definition] = {}
        for definition in definitions:
            long = _normal(definition.long)
            listed = _listed(definition)
            earlier = seen.get((listed, long))
            if definition is not first:
                if conflicting and earlier is None and (not listed, long) not in seen:
                    line = ctx.line_of(_def_start(first))
                    yield (_def_start(definition), _def_end(definition), key,
                           f"{key} is defined here as {definition.long!r} but as "
                           f"{first.long!r} on line {line}")
                elif not conflicting and earlier is not None:
                    line = ctx.line_of(_def_start(earlier))
                    yield (_def_start(definition), _def_end(definition), key,
                           f"{key} is already defined on line {line}")
            seen.setdefault((listed, long), definition)


def _defined_twice(ctx: _Context) -> Iterable[_Raw]:
    return _repeated_definitions(ctx, conflicting=False)


def _conflicting_definitions(ctx: _Context) -> Iterable[_Raw]:
    return _repeated_definitions(ctx, conflicting=True)


def _later_uses(ctx: _Context) -> Iterator[tuple[str, Definition, list[Mention]]]:
    """Each key's first definition in the text and the uses after it.

    Entries of a list or a table of abbreviations are left out: a report lists every short
    form it uses, however often it uses it.
    """
    for key, definitions in ctx.definitions.items():
        definition = next((d for d in definitions if not _listed(d)), None)
        if definition is not None:
            after = definition.short_span[1]
            yield key, definition, [m for m in ctx.uses.get(key, ()) if m.start >= after]


def _unused_definition(ctx: _Context) -> Iterable[_Raw]:
    for key, definition, later in _later_uses(ctx):
        if not later:
            yield (_def_start(definition), _def_end(definition), key,
                   f"{key} is defined but never used after its definition")


def _single_use(ctx: _Context) -> Iterable[_Raw]:
    for key, definition, later in _later_uses(ctx):
        if len(later) == 1:
            line = ctx.line_of(later[0].start)
            yield (_def_start(definition), _def_end(definition), key,
                   f"{key} is used only once after its definition (line {line}); "
                   f"write {definition.long!r} out there instead")


def _letters_mismatch(ctx: _Context) -> Iterable[_Raw]:
    for key, definitions in ctx.definitions.items():
        entry = ctx.resolver.lookup(key)
        # A long form the glossary gives for this short form is right by definition, letters
        # or not (irregular senses such as ATF's "Explosives" are listed there on purpose).
        agreed = {_normal(s.long) for s in entry.senses} if entry is not None else set()
        for definition in definitions:
            if definition.score >= LETTERS_MIN_SCORE or _normal(definition.long) in agreed:
                continue
            if _initials_in_order(definition.short, definition.long):
                continue  # the score is low for the words that give no letter, not a misfit
            yield (_def_start(definition), _def_end(definition), key,
                   f"the letters of {definition.long!r} do not fit {definition.short} "
                   f"(alignment score {definition.score:.2f})")


def _initials_in_order(short: str, long: str) -> bool:
    """Whether each letter of ``short`` starts a word of ``long``, in order: "CMP" of
    "Conference of the Parties serving as the meeting of the Parties to the Kyoto Protocol",
    not "DAE" of "Drug Enforcement Agency"."""
    letters = [u for u in short_units(short) if u.isalpha()]
    initials = (fold(word[:1]) for word in _WORD_BREAKS.split(long) if word)
    return bool(letters) and all(any(i == u for i in initials) for u in letters)


def _definition_in_heading(ctx: _Context) -> Iterable[_Raw]:
    text = ctx.text
    for key, definitions in ctx.definitions.items():
        for definition in definitions:
            line = ctx.line_of(definition.short_span[0])
            start = ctx.line_starts[line - 1]
            end = text.find("\n", start, start + 12)
            # The heading marker sits in the first dozen characters of its line.
            if MARKDOWN_HEADING().match(text[start:start + 12 if end < 0 else end]):
                yield (_def_start(definition), _def_end(definition), key,
                       f"{key} is defined in a heading; define it in the body text")


def _apostrophe_plural(ctx: _Context) -> Iterable[_Raw]:
    text = ctx.text
    for mention in ctx.mentions:
        if mention.possessive not in _APOSTROPHE_S or mention.plural:
            continue
        after = mention.end + len(mention.possessive)
        line_start = ctx.line_starts[ctx.line_of(mention.start) - 1]
        before = text[max(line_start, mention.start - 40):mention.start]
        if _PLURAL_BEFORE.search(before) or _PLURAL_AFTER.match(text, after, after + 40):
            yield (mention.start, after, mention.key,
                   f"{mention.text}{mention.possessive} is a plural: write {mention.text}s "
                   "(an apostrophe marks a possessive)")


_CHECKS = {
    "undefined": _undefined,
    "used-before-definition": _used_before_definition,
    "defined-twice": _defined_twice,
    "conflicting-definitions": _conflicting_definitions,
    "unused-definition": _unused_definition,
    "single-use": _single_use,
    "letters-mismatch": _letters_mismatch,
    "definition-in-heading": _definition_in_heading,
    "apostrophe-plural": _apostrophe_plural,
}


def lint(
    text: str,
    *,
    resolver: Resolver | None = None,
    disabled: Iterable[str] = (),
    min_severity: str = "info",
    severities: Mapping[str, str] | None = None,
    well_known: Iterable[str] = (),
) -> list[Finding]:
    """Every finding of the enabled rules for ``text``, sorted by position.

    ``resolver`` supplies the glossary (default: the shipped one); ``disabled`` lists rule ids
    to skip; ``severities`` overrides rules' default severities; findings less severe than
    ``min_severity`` are dropped; ``well_known`` lists more short forms that need no
    definition, on top of the glossary's ``well_known`` entries.  Unknown rule ids or
    severities raise ``ValueError`` (:class:`~acrolib.InputError`).
    """
    off = {_check_rule(rule, "disabled") for rule in disabled}
    floor = _RANK[_check_severity(min_severity, "min_severity")]
    override = {_check_rule(rule, "severities"): _check_severity(value, f"severities.{rule}")
                for rule, value in (severities or {}).items()}
    if resolver is None:
        from ._api import default_resolver

        resolver = default_resolver()
    # Findings hold no reference cycles: for a long text, the collector would only rescan
    # them as they grow (a megabyte that defines one short form 55,000 ways, each a finding,
    # took 15-20 % longer).
    return paused_for_long(text, _findings, text, resolver, well_known, off, floor, override)


def _findings(text: str, resolver: Resolver, well_known: Iterable[str], off: set[str],
              floor: int, override: Mapping[str, str]) -> list[Finding]:
    ctx = _Context(text, resolver.annotate(text), resolver, well_known)
    findings: list[Finding] = []
    for rule_id, check in _CHECKS.items():
        severity = override.get(rule_id, RULES[rule_id].severity)
        if rule_id in off or _RANK[severity] < floor:
            continue
        for start, end, key, message in check(ctx):
            line, column = ctx.position(start)
            findings.append(Finding(rule=rule_id, severity=severity, message=message,
                                    start=start, end=end, line=line, column=column, key=key))
    findings.sort(key=lambda f: (f.start, f.end, f.rule))
    return findings


# -- output ----------------------------------------------------------------------------------


def format_findings(findings: Iterable[Finding], path: str, fmt: str = "text") -> str:
    """``path:line:col: rule-id message`` lines (``text``) or a JSON array (``json``).

    Text output ends with a newline unless there are no findings (then it is empty).
    """
    return format_report([(path, list(findings))], fmt)


def format_report(results: Iterable[tuple[str, Iterable[Finding]]], fmt: str = "text") -> str:
    """Findings of several files in one output: text lines, or one JSON array of objects
    (each a :meth:`Finding.to_dict` with its ``path``)."""
    if fmt == "text":
        lines = [f"{path}:{f.line}:{f.column}: {f.rule} {f.message}"
                 for path, findings in results for f in findings]
        return "".join(line + "\n" for line in lines)
    if fmt == "json":
        records = [f.to_dict(path) for path, findings in results for f in findings]
        return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    raise ValueError(f"unknown format {fmt!r}; use 'text' or 'json'")


def exit_code(findings: Iterable[Finding], fail_on: str = "warning") -> int:
    """1 when a finding is at least as severe as ``fail_on``, else 0 (for a command's status)."""
    floor = _RANK[_check_severity(fail_on, "fail_on")]
    return 1 if any(_RANK[f.severity] >= floor for f in findings) else 0
