"""The documentation's Python examples run, and the site builds with ``mkdocs --strict``.

Every fenced ```` ```python ```` block of every ``docs/*.md`` page and of ``README.md`` runs in
order, in one fresh namespace per page, in a fresh working folder.  A block whose first line
starts with ``>>>`` is a doctest and its output is compared; any other block is executed and
must not raise.

Two HTML comments on the line before a block change that:

* ``<!-- requires: spacy, dask.distributed -->`` runs the block only when the modules import
  (the page is then reported as skipped, naming what was missing);
* ``<!-- skip: reason -->`` never runs it; the reason must say what the block needs that a test
  run does not have (``tests/test_spark.py`` runs the Spark block that way).
"""

from __future__ import annotations

import doctest
import importlib
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import attrs
import pytest
import regex

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted((ROOT / "docs").glob("*.md")) + [p for p in [ROOT / "README.md"] if p.is_file()]

_FENCE = regex.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^\n`]*)$")
_SKIP = regex.compile(r"^\s*<!--\s*skip:\s*(?P<reason>\S.*?)\s*-->\s*$")
_REQUIRES = regex.compile(r"^\s*<!--\s*requires:\s*(?P<modules>\S.*?)\s*-->\s*$")


@attrs.frozen
class Block:
    """One fenced code block of a page."""

    language: str
    info: str
    source: str
    line: int  # 1-based line of the first line of code
    skip: str | None = None
    requires: tuple[str, ...] = ()

    @property
    def is_doctest(self) -> bool:
        return self.source.lstrip().startswith(">>>")


def blocks(text: str) -> list[Block]:
    """The fenced blocks of a Markdown text, with the skip/requires comment before each."""
    lines = text.splitlines()
    found: list[Block] = []
    i = 0
    while i < len(lines):
        opening = _FENCE.match(lines[i])
        if opening is None:
            i += 1
            continue
        fence, indent = opening["fence"], len(opening["indent"])
        info = opening["info"].strip()
        language = info.split()[0].lower() if info else ""
        end = i + 1
        while end < len(lines) and not (
            lines[end].strip().startswith(fence[0] * len(fence))
            and lines[end].strip().strip(fence[0]) == ""
        ):
            end += 1
        body = "\n".join(line[indent:] for line in lines[i + 1:end]) + "\n"
        before = next((lines[j] for j in range(i - 1, -1, -1) if lines[j].strip()), "")
        skip = _SKIP.match(before)
        requires = _REQUIRES.match(before)
        found.append(Block(
            language=language, info=info, source=body, line=i + 2,
            skip=skip["reason"] if skip else None,
            requires=tuple(m.strip() for m in requires["modules"].split(",")) if requires else (),
        ))
        i = end + 1
    return found


def _missing(modules: tuple[str, ...]) -> list[str]:
    missing = []
    for module in modules:
        try:
            importlib.import_module(module)
        except ImportError:
            missing.append(module)
    return missing


def run_block(block: Block, path: Path, namespace: dict[str, object]) -> None:
    """Run one block in ``namespace``; fail the test with the doctest report or traceback."""
    if block.is_doctest:
        test = doctest.DocTestParser().get_doctest(
            block.source, namespace, f"{path.name}:{block.line}", str(path), block.line - 1)
        report = io.StringIO()
        runner = doctest.DocTestRunner(
            optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
        result = runner.run(test, out=report.write, clear_globs=False)
        if result.failed:
            pytest.fail(f"doctest at {path.name}:{block.line} failed:\n{report.getvalue()}",
                        pytrace=False)
        return
    # Pad so that tracebacks give the line numbers of the Markdown file.
    code = compile("\n" * (block.line - 1) + block.source, str(path), "exec")
    exec(code, namespace)


class TestHarness:
    def test_finds_blocks_and_comments(self) -> None:
        """Blocks, their languages, first lines and preceding comments are read correctly."""
        text = (
            "# Title\n\n```python\nx = 1\n```\n\n<!-- skip: needs a GPU -->\n"
            '```python title="gpu.py"\nimport gpu\n```\n\n<!-- requires: spacy, dask -->\n'
            "```python\n>>> 1 + 1\n2\n```\n\n```sh\nls\n```\n"
        )
        found = blocks(text)
        assert [(b.language, b.line, b.skip, b.requires, b.is_doctest) for b in found] == [
            ("python", 4, None, (), False),
            ("python", 9, "needs a GPU", (), False),
            ("python", 14, None, ("spacy", "dask"), True),
            ("sh", 19, None, (), False),
        ]
        assert found[1].info == 'python title="gpu.py"'

    def test_doctest_failure_is_reported(self, tmp_path: Path) -> None:
        """A doctest whose output differs fails the test."""
        block = blocks("```python\n>>> 1 + 1\n3\n```\n")[0]
        with pytest.raises(pytest.fail.Exception, match="Expected:\n    3\nGot:\n    2"):
            run_block(block, tmp_path / "page.md", {})

    def test_namespace_is_shared_within_a_page(self, tmp_path: Path) -> None:
        """Later blocks see what earlier blocks defined, doctests included."""
        namespace: dict[str, object] = {}
        for block in blocks("```python\nx = 41\n```\n```python\n>>> x + 1\n42\n```\n"):
            run_block(block, tmp_path / "page.md", namespace)

    def test_tracebacks_point_at_the_page(self, tmp_path: Path) -> None:
        """An exception in a block names the Markdown file and line."""
        page = tmp_path / "page.md"
        block = blocks("text\n\n```python\nx = 1\nraise KeyError('boom')\n```\n")[0]
        with pytest.raises(KeyError) as caught:
            run_block(block, page, {})
        assert caught.traceback[-1].lineno + 1 == 5
        assert str(caught.traceback[-1].path) == str(page)


@pytest.mark.parametrize("path", PAGES, ids=[p.relative_to(ROOT).as_posix() for p in PAGES])
def test_examples(path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every Python example of the page runs, in order, and its doctests give their output."""
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": "__main__"}
    ran, skipped = 0, []
    for block in blocks(path.read_text(encoding="utf-8")):
        if block.language not in ("python", "py", "pycon"):
            continue
        if block.skip is not None:
            continue
        missing = _missing(block.requires)
        if missing:
            skipped.append(f"line {block.line} needs {', '.join(missing)}")
            continue
        run_block(block, path, namespace)
        ran += 1
    if skipped:
        pytest.skip(f"ran {ran} blocks; not installed: {'; '.join(skipped)}")


def test_skip_comments_give_reasons() -> None:
    """A block is never skipped without saying what it needs."""
    for path in PAGES:
        for block in blocks(path.read_text(encoding="utf-8")):
            if block.skip is not None:
                assert len(block.skip.split()) >= 3, f"{path.name}:{block.line}: vague reason"


@pytest.mark.slow
def test_mkdocs_build_strict(tmp_path: Path) -> None:
    """The documentation site builds with ``mkdocs build --strict`` (no warnings at all)."""
    missing = _missing(("mkdocs", "material", "mkdocstrings", "mkdocstrings_handlers.python"))
    if missing:
        pytest.skip(f"the 'docs' extra is not installed (missing: {', '.join(missing)})")
    if not (ROOT / "mkdocs.yml").is_file():
        pytest.skip("no mkdocs.yml in this tree")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
         "--config-file", str(ROOT / "mkdocs.yml"), "--site-dir", str(tmp_path / "site")],
        capture_output=True, text=True, check=False, cwd=ROOT, env=env, timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert (tmp_path / "site" / "api" / "index.html").is_file()
    api = (tmp_path / "site" / "api" / "index.html").read_text(encoding="utf-8")
    assert "Resolver" in api and "annotate_bag" in api and "make_acrolib" in api
    shutil.rmtree(tmp_path / "site")
