"""The CLI reference page, generated from the argument parser.

``python -m acrolib._clidoc > docs/cli.md`` rewrites the page; a test checks that the page
in the repository equals what this prints, so the reference cannot drift from the parser.
"""

from __future__ import annotations

import argparse
import os

from .cli import build_parser

_INTRO = """\
# Command-line reference

This page is generated from the argument parser (`python -m acrolib._clidoc > docs/cli.md`);
a test fails when it is out of date.

Exit codes: `0` success; `1` findings (lint), an unknown term (lookup), a failed validation
or bad input; `2` a usage error; `130` interrupted. Errors are one line on standard error,
`acrolib: error: FILE:LINE: problem`. `-` stands for standard input; `-o FILE` writes
atomically (a temporary file renamed into place), never over an input file.
"""


def _subparsers(parser: argparse.ArgumentParser) -> list[tuple[str, argparse.ArgumentParser]]:
    found: list[tuple[str, argparse.ArgumentParser]] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            found.extend(action.choices.items())
    return found


def _help(parser: argparse.ArgumentParser) -> str:
    # A fixed width keeps the page the same whatever terminal generated it.
    saved = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = "88"
    try:
        return parser.format_help().rstrip()
    finally:
        if saved is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = saved


def cli_reference() -> str:
    """The Markdown text of docs/cli.md."""
    parser = build_parser()
    parts = [_INTRO, "## acrolib\n", "```text", _help(parser), "```\n"]
    for name, sub in _subparsers(parser):
        parts += [f"## acrolib {name}\n", "```text", _help(sub), "```\n"]
        for inner, subsub in _subparsers(sub):
            parts += [f"### acrolib {name} {inner}\n", "```text", _help(subsub), "```\n"]
    return "\n".join(parts)


if __name__ == "__main__":  # pragma: no cover
    print(cli_reference(), end="")
