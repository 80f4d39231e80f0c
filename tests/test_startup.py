"""Start-up: what ``import acrolib`` loads, and how the command treats the garbage collector."""

from __future__ import annotations

import gc
import importlib.metadata
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import acrolib
from acrolib import cli
from acrolib._glossary import _load_packs


@pytest.fixture
def collector() -> Iterator[None]:
    """Restore the collector's state after a test that runs :func:`acrolib.cli.entry`."""
    enabled = gc.isenabled()
    try:
        yield
    finally:
        gc.unfreeze()
        if enabled:
            gc.enable()
        else:  # pragma: no cover - pytest runs with the collector on
            gc.disable()


class TestImport:
    def test_importing_acrolib_loads_no_pipeline(self) -> None:
        """``import acrolib`` loads only the version and the exceptions; the pipeline, and
        with it ``attrs`` and ``regex``, loads on first use."""
        code = ("import sys, acrolib; "
                "print(sorted(m for m in sys.modules if m.startswith('acrolib'))); "
                "print(sorted(m for m in ('attrs', 'regex') if m in sys.modules)); "
                "acrolib.Resolver; "
                "print(sorted(m for m in ('attrs', 'regex') if m in sys.modules))")
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              check=True)
        loaded, before, after = done.stdout.splitlines()
        assert loaded == "['acrolib', 'acrolib._version', 'acrolib.exceptions']"
        assert before == "[]"
        assert after == "['attrs', 'regex']"

    def test_loading_the_pipeline_compiles_no_pattern(self, tmp_path: Path) -> None:
        """The modules that ``acrolib expand`` loads compile no pattern when imported: each
        is compiled on its first use, and a short input uses few of them."""
        sample = tmp_path / "in.txt"
        sample.write_text("The Department of Justice (DOJ) met the DOJ.\n", encoding="utf-8")
        _load_packs(tuple(acrolib.available_packs()))  # the cache file, read as a command reads it
        listed = ("import sys; from acrolib.cli import main; main(['expand', sys.argv[1]]); "
                  "print(' '.join(m for m in sys.modules if m.startswith('acrolib')))")
        done = subprocess.run([sys.executable, "-c", listed, str(sample)],
                              capture_output=True, text=True, check=True)
        modules = done.stdout.splitlines()[-1].split()
        assert {"acrolib.cli", "acrolib._mentions", "acrolib._definitions"} <= set(modules)
        # The dependencies first, then the modules, with both compile functions counted.
        counted = ("import argparse, importlib, re, sys, attrs, regex\n"
                   "patterns = []\n"
                   "def counting(compile):\n"
                   "    def counted(pattern, *args, **kwargs):\n"
                   "        patterns.append(pattern)\n"
                   "        return compile(pattern, *args, **kwargs)\n"
                   "    return counted\n"
                   "re.compile, regex.compile = counting(re.compile), counting(regex.compile)\n"
                   "for name in sys.argv[1:]:\n"
                   "    importlib.import_module(name)\n"
                   "print(patterns)\n")
        done = subprocess.run([sys.executable, "-c", counted, *modules], capture_output=True,
                              text=True, check=True)
        assert done.stdout.strip() == "[]"

    def test_every_public_name_resolves_to_its_module(self) -> None:
        for name in acrolib.__all__:
            value = getattr(acrolib, name)
            module = acrolib._LAZY.get(name)
            if module is not None:
                assert value is getattr(importlib.import_module(f"acrolib.{module}"), name)
            assert name in dir(acrolib)

    def test_star_import(self) -> None:
        namespace: dict[str, object] = {}
        exec("from acrolib import *", namespace)  # the statement under test
        assert namespace["Resolver"] is acrolib.Resolver
        assert namespace["to_html"] is acrolib.to_html

    def test_unknown_name(self) -> None:
        with pytest.raises(AttributeError, match="no attribute 'Resolvr'"):
            acrolib.Resolvr  # type: ignore[attr-defined]  # noqa: B018


@pytest.mark.usefixtures("collector")
class TestCollector:
    def _watch(self, monkeypatch: pytest.MonkeyPatch) -> dict[str, list[object]]:
        """Record the collector's state when start-up ends and when an input is read."""
        seen: dict[str, list[object]] = {"started": [], "frozen": [], "reading": []}
        started, read_lines, read_chunks = cli._started, cli._read_lines, cli._read_chunks

        def watched_started() -> None:
            seen["started"].append(gc.isenabled())
            started()
            seen["frozen"].append(gc.get_freeze_count() > 0)

        def watched_read_lines(name: str, errors: str) -> Iterator[str]:
            seen["reading"].append(gc.isenabled())
            return read_lines(name, errors)

        def watched_read_chunks(name: str, errors: str, size: int | None = None) -> Iterator[str]:
            seen["reading"].append(gc.isenabled())
            return read_chunks(name, errors, size)

        monkeypatch.setattr(cli, "_started", watched_started)
        monkeypatch.setattr(cli, "_read_lines", watched_read_lines)
        monkeypatch.setattr(cli, "_read_chunks", watched_read_chunks)
        return seen

    def test_paused_for_start_up_running_for_the_input(
            self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
            capsys: pytest.CaptureFixture[str]) -> None:
        seen = self._watch(monkeypatch)
        sample = tmp_path / "in.txt"
        sample.write_text("The Department of Justice (DOJ) met the DOJ.\n", encoding="utf-8")
        gc.unfreeze()
        assert cli.entry(["expand", str(sample)]) == 0
        assert "Department of Justice (DOJ) met the DOJ." in capsys.readouterr().out
        assert seen == {"started": [False], "frozen": [True], "reading": [True]}
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0

    @pytest.mark.parametrize("options", [[], ["--pack", "general"]],
                             ids=["configuration", "glossary-options"])
    def test_lint_resumes_it_too(
            self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
            capsys: pytest.CaptureFixture[str], options: list[str]) -> None:
        """Lint builds its resolver from the configuration, or from the options given."""
        seen = self._watch(monkeypatch)
        monkeypatch.chdir(tmp_path)
        sample = tmp_path / "doc.md"
        sample.write_text("The CBSI met.\n", encoding="utf-8")
        cli.entry(["lint", *options, str(sample)])
        capsys.readouterr()
        assert seen == {"started": [False], "frozen": [True], "reading": [True]}

    def test_same_result_as_main(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert cli.entry(["lookup", "CBSI"]) == 0
        by_entry = capsys.readouterr().out
        assert cli.main(["lookup", "CBSI"]) == 0
        assert capsys.readouterr().out == by_entry
        assert "Caribbean Basin Security Initiative" in by_entry
        assert cli.entry(["lookup", "NOSUCHTERMXYZ"]) == 1
        with pytest.raises(SystemExit) as usage:
            cli.entry(["no-such-verb"])
        assert usage.value.code == 2
        assert gc.isenabled()

    def test_a_paused_collector_stays_paused(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A caller that had paused the collector finds it paused afterwards."""
        gc.disable()
        assert cli.entry(["lookup", "CBSI"]) == 0
        assert not gc.isenabled()
        capsys.readouterr()

    def test_main_alone_leaves_it_alone(self, capsys: pytest.CaptureFixture[str]) -> None:
        gc.unfreeze()
        assert cli.main(["lookup", "CBSI"]) == 0
        assert gc.isenabled()
        assert gc.get_freeze_count() == 0
        capsys.readouterr()


class TestEntryPoints:
    def test_console_script(self) -> None:
        [script] = importlib.metadata.entry_points(group="console_scripts", name="acrolib")
        assert script.value == "acrolib.cli:entry"

    def test_python_dash_m(self) -> None:
        """``python -m acrolib`` goes through ``entry``: the objects alive at the end are
        frozen (checked from an ``atexit`` handler, which still runs)."""
        code = ("import atexit, gc, runpy, sys; "
                "atexit.register(lambda: print('frozen', gc.get_freeze_count() > 0)); "
                "sys.argv = ['acrolib', 'lookup', 'CBSI']; "
                "runpy.run_module('acrolib', run_name='__main__')")
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        assert "Caribbean Basin Security Initiative" in done.stdout
        assert done.stdout.rstrip().endswith("frozen True")
