"""docs/commands.md: every console example runs, and prints what the page shows."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import regex

PAGE = Path(__file__).resolve().parents[1] / "docs" / "commands.md"
_BLOCK = regex.compile(r"^```(\w+)(?: title=\"([^\"]+)\")?\n(.*?)^```$", regex.M | regex.S)


def _blocks() -> tuple[dict[str, str], list[tuple[str, list[str]]]]:
    files: dict[str, str] = {}
    examples: list[tuple[str, list[str]]] = []
    for kind, title, body in _BLOCK.findall(PAGE.read_text(encoding="utf-8")):
        if kind == "text" and title:
            files[title] = body
        elif kind == "console":
            current: list[str] | None = None
            for line in body.rstrip("\n").split("\n"):
                if line.startswith("$ "):
                    current = []
                    examples.append((line[2:], current))
                elif current is not None:
                    current.append(line)
    return files, examples


FILES, EXAMPLES = _blocks()


def test_page_has_examples() -> None:
    """The page holds files and several commands (the parser found them)."""
    assert len(FILES) >= 3 and len(EXAMPLES) >= 8


@pytest.mark.parametrize("command,expected", EXAMPLES, ids=[c for c, _ in EXAMPLES])
def test_example(command: str, expected: list[str], tmp_path: Path) -> None:
    """The command's standard output, standard error and exit code are as shown."""
    for name, text in FILES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    argv = shlex.split(command)
    assert argv[0] == "acrolib"
    # The folder runs elsewhere: make sure this checkout's package is the one imported.
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [str(PAGE.parents[1] / "src"), *filter(None, [os.environ.get("PYTHONPATH")])]))
    done = subprocess.run([sys.executable, "-m", "acrolib", *argv[1:]], cwd=tmp_path, env=env,
                          capture_output=True, text=True, check=False)
    code = 0
    if expected and expected[-1].startswith("[exit "):
        code = int(expected[-1][6:-1])
        expected = expected[:-1]
    out = [line for line in expected if not line.startswith("! ")]
    err = [line[2:] for line in expected if line.startswith("! ")]
    assert done.stdout.rstrip("\n").split("\n") == (out or [""])
    assert done.stderr.rstrip("\n").split("\n") == (err or [""])
    assert done.returncode == code
