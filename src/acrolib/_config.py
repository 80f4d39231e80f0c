"""Project configuration: ``.acrolib.toml`` or ``[tool.acrolib]`` in ``pyproject.toml``.

:func:`load_config` looks in the starting folder and then in each parent; the first
``.acrolib.toml``, or ``pyproject.toml`` with a ``[tool.acrolib]`` table, wins, and nothing is
merged from further up.  Both files hold the same keys::

    # .acrolib.toml                      # pyproject.toml: the same under [tool.acrolib]
    glossaries = ["docs/acronyms.toml"]  # layered in order on the shipped packs
    packs = ["general", "us-government"] # shipped packs to use (all when left out)
    use-default-glossary = true          # false: only the glossaries above
    well-known = ["API", "JSON"]         # forms lint never asks to define

    [lint]                               # [tool.acrolib.lint]
    disable = ["single-use"]
    min-severity = "warning"

Relative glossary paths are relative to the folder of the file that names them.  Problems
raise :class:`~acrolib.InputError` naming the file and the key.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from ._glossary import Glossary, available_packs, default_glossary
from ._glossary_io import not_utf8, strip_position, toml_error_line, unreadable
from ._resolve import Resolver
from .exceptions import InputError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

__all__ = ["CONFIG_FILE", "Config", "find_config_file", "load_config"]

#: The dedicated configuration file; it wins over ``pyproject.toml`` in the same folder.
CONFIG_FILE = ".acrolib.toml"

_TOP_KEYS = ("glossaries", "packs", "use-default-glossary", "well-known", "lint")
_LINT_KEYS = ("disable", "min-severity", "severity")
_SEVERITIES = ("info", "warning", "error")


@attrs.frozen
class Config:
    """Settings shared by the command line, lint and the integrations.

    ``glossaries`` are absolute paths once loaded from a file.  ``packs`` of ``None`` means
    every shipped pack.  ``disabled_rules`` and ``min_severity`` come from the ``lint``
    table.  Change a value with ``attrs.evolve``.
    """

    glossaries: tuple[str, ...] = ()
    packs: tuple[str, ...] | None = None
    use_default_glossary: bool = True
    disabled_rules: tuple[str, ...] = ()
    well_known: tuple[str, ...] = ()
    min_severity: str = "info"

    def resolver(self) -> Resolver:
        """A :class:`~acrolib.Resolver` with this configuration's glossaries and packs.

        Entries named in ``well_known`` are marked well known; forms the glossary does not
        hold are left to lint, which reads ``well_known`` itself.  The glossary files are
        loaded with ``cache=True`` (see :meth:`~acrolib.Glossary.load`), as the packs are.
        """
        layers = [Glossary.load(path, cache=True) for path in self.glossaries]
        base = default_glossary(self.packs) if self.use_default_glossary else Glossary()
        glossary = Glossary.layered(base, *layers) if layers else base
        if self.well_known:
            marked = []
            for surface in self.well_known:
                entry = glossary.lookup(surface)
                if entry is not None and not entry.well_known:
                    marked.append(attrs.evolve(entry, well_known=True))
            if marked:
                glossary = Glossary.layered(glossary, Glossary(marked))
        return Resolver(glossary=glossary)


def find_config_file(start: str | Path) -> Path | None:
    """The file that configures ``start`` (a file or a folder), or ``None``."""
    folder = Path(start).resolve()
    if not folder.is_dir():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        own = candidate / CONFIG_FILE
        if own.is_file():
            return own
        project = candidate / "pyproject.toml"
        if project.is_file() and _table(_read(project), project) is not None:
            return project
    return None


def load_config(start: str | Path) -> Config:
    """The configuration that applies to ``start``; the defaults when no file is found."""
    path = find_config_file(start)
    if path is None:
        return Config()
    table = _table(_read(path), path)
    return _parse(table or {}, path)


def _read(path: Path) -> dict[str, Any]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", path=str(path)) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        problem, bad_byte_line = not_utf8(data, exc)
        raise InputError(problem, path=str(path), line=bad_byte_line) from None
    try:
        document: dict[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"invalid TOML: {strip_position(str(exc))}", path=str(path),
                         line=toml_error_line(str(exc), text)) from None
    except (RecursionError, ValueError) as exc:  # ValueError: a number too long to convert
        problem, line = unreadable(exc, text, "TOML")
        raise InputError(problem, path=str(path), line=line) from None
    return document


def _table(document: dict[str, Any], path: Path) -> Mapping[str, Any] | None:
    if path.name != "pyproject.toml":
        return document
    tool = document.get("tool", {})
    table = tool.get("acrolib") if isinstance(tool, Mapping) else None
    if table is not None and not isinstance(table, Mapping):
        raise InputError("[tool.acrolib] must be a table", path=str(path))
    return table


class _Reader:
    """Typed access to one table, with errors naming the file and the key."""

    def __init__(self, path: Path, prefix: str) -> None:
        self.path = path
        self.prefix = prefix

    def fail(self, key: str, problem: str) -> InputError:
        return InputError(f"{self.prefix}{key}: {problem}", path=str(self.path))

    def check_keys(self, table: Mapping[str, Any], allowed: tuple[str, ...]) -> None:
        for key in table:
            if key not in allowed:
                hint = key.replace("_", "-")
                also = f" (did you mean {hint!r}?)" if hint in allowed else ""
                raise self.fail(key, f"unknown key{also}; allowed: {', '.join(allowed)}")

    def strings(self, table: Mapping[str, Any], key: str) -> tuple[str, ...] | None:
        if key not in table:
            return None
        value = table[key]
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise self.fail(key, "must be a list of non-empty strings")
        return tuple(value)

    def boolean(self, table: Mapping[str, Any], key: str, default: bool) -> bool:
        value = table.get(key, default)
        if not isinstance(value, bool):
            raise self.fail(key, f"must be true or false, not {value!r}")
        return value

    def choice(self, table: Mapping[str, Any], key: str, choices: tuple[str, ...],
               default: str) -> str:
        value = table.get(key, default)
        if value not in choices:
            raise self.fail(key, f"must be one of {', '.join(choices)}, not {value!r}")
        return str(value)


def _parse(table: Mapping[str, Any], path: Path) -> Config:
    prefix = "[tool.acrolib] " if path.name == "pyproject.toml" else ""
    read = _Reader(path, prefix)
    read.check_keys(table, _TOP_KEYS)

    glossaries = []
    for name in read.strings(table, "glossaries") or ():
        file = (path.parent / name).resolve()
        if not file.is_file():
            raise read.fail("glossaries", f"no such glossary file {name!r} (looked for {file})")
        glossaries.append(str(file))
    packs = read.strings(table, "packs")
    known = available_packs()
    for pack in packs or ():
        if pack not in known:
            raise read.fail("packs", f"no such pack {pack!r}; available: {', '.join(known)}")
    use_default = read.boolean(table, "use-default-glossary", True)
    if packs and not use_default:
        raise read.fail("packs", "packs are named but use-default-glossary is false")
    well_known = read.strings(table, "well-known") or ()

    lint = table.get("lint", {})
    lint_read = _Reader(path, f"{prefix}lint.")
    if not isinstance(lint, Mapping):
        raise read.fail("lint", "must be a table")
    lint_read.check_keys(lint, _LINT_KEYS)
    disabled = lint_read.strings(lint, "disable") or ()
    rules = _known_rules()
    for rule in disabled:
        if rules and rule not in rules:
            raise lint_read.fail("disable", f"unknown rule {rule!r}; rules: {', '.join(rules)}")
    min_severity = lint_read.choice(lint, "min-severity", _SEVERITIES, "info")
    severity = lint.get("severity", {})
    if not isinstance(severity, Mapping):
        raise lint_read.fail("severity", 'must be a table of rule = "severity"')
    for rule in severity:
        if rules and rule not in rules:
            raise lint_read.fail("severity", f"unknown rule {rule!r}; rules: {', '.join(rules)}")
        _Reader(path, f"{prefix}lint.severity.").choice(severity, rule, _SEVERITIES, "info")
    return Config(glossaries=tuple(glossaries), packs=packs, use_default_glossary=use_default,
                  disabled_rules=tuple(sorted(set(disabled))), well_known=well_known,
                  min_severity=min_severity)


def _known_rules() -> tuple[str, ...]:
    """The lint rule ids, when the lint module is present."""
    try:
        from ._lint import RULES
    except ImportError:  # pragma: no cover - lint ships with acrolib
        return ()
    return tuple(RULES)
