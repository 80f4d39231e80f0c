"""The command line under hostile conditions: interrupts, vanished files, huge records."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import acrolib
from acrolib import cli
from acrolib.cli import main

ROOT = Path(__file__).resolve().parents[1]


def _env() -> dict[str, str]:
    path = os.pathsep.join([str(ROOT / "src"), *filter(None, [os.environ.get("PYTHONPATH")])])
    return dict(os.environ, PYTHONPATH=path)


class TestInterrupt:
    def test_sigint_leaves_no_partial_output(self, tmp_path: Path) -> None:
        """SIGINT mid-run: exit 130, one line on stderr, no traceback, no file, no temp file."""
        source = tmp_path / "big.txt"
        source.write_text("The DOJ and the ATF met the CBSI partners.\n\n" * 400_000,
                          encoding="utf-8")
        target = tmp_path / "out.txt"
        # A shell without job control starts background commands with SIGINT ignored, and an
        # ignored signal stays ignored in children (Python then installs no KeyboardInterrupt
        # handler).  A handled one is reset to the default by exec: the command starts as it
        # would from a terminal, whoever started the tests.
        previous = signal.signal(signal.SIGINT, signal.default_int_handler)
        try:
            process = subprocess.Popen(
                [sys.executable, "-m", "acrolib", "expand", str(source), "-o", str(target)],
                env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        finally:
            signal.signal(signal.SIGINT, previous)
        deadline = time.monotonic() + 60
        # Interrupt once the output is being written (its temporary file exists).
        while not list(tmp_path.glob(".out.txt.*.tmp")):
            assert process.poll() is None, "finished before it could be interrupted"
            assert time.monotonic() < deadline
            time.sleep(0.02)
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=60)
        assert process.returncode == 130
        assert err == "acrolib: error: interrupted\n"
        assert not target.exists()
        assert list(tmp_path.iterdir()) == [source]

    def test_interrupt_inside_mkstemp_leaves_no_temporary_file(
            self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """Ctrl-C after ``mkstemp`` made the file and before it returned its name: the file
        is found by its random prefix and removed."""
        import tempfile

        made = []
        real = tempfile.mkstemp

        def interrupted(**kwargs: object) -> tuple[int, str]:
            fd, name = real(**kwargs)  # type: ignore[call-overload]
            made.append(name)
            os.close(fd)
            raise KeyboardInterrupt

        monkeypatch.setattr(tempfile, "mkstemp", interrupted)
        source = tmp_path / "in.txt"
        source.write_text("The DOJ met.\n", encoding="utf-8")
        target = tmp_path / "out.txt"
        assert main(["expand", str(source), "-o", str(target)]) == 130
        assert made and not os.path.exists(made[0])
        assert list(tmp_path.iterdir()) == [source]


class _InterruptedFinaliser:
    """An object whose finaliser is where the interrupt lands: Python only reports it."""

    def __del__(self) -> None:
        raise KeyboardInterrupt


class TestInterruptInAFinaliser:
    """SIGINT that arrives while a finaliser runs (the regex module runs some while it compiles
    a pattern) is swallowed by Python; the command must still stop, exit 130 and write no
    file.  (Timing a real signal into a finaliser is rare: about 1 run in 30 of the test
    above; here the finaliser raises it.)"""

    @pytest.mark.parametrize("where", ["between writes", "after the last write"])
    def test_no_file_is_committed(self, where: str, tmp_path: Path,
                                  monkeypatch: pytest.MonkeyPatch,
                                  capsys: pytest.CaptureFixture[str]) -> None:
        source = tmp_path / "in.txt"
        source.write_text("The DOJ met.\n", encoding="utf-8")
        target = tmp_path / "out.txt"
        written: list[str] = []

        def run(args: object) -> int:
            with cli._output(args) as out:  # type: ignore[arg-type]
                out.write("first\n")
                written.append("first")
                _InterruptedFinaliser()
                if where == "between writes":
                    out.write("second\n")
                    written.append("second")
            return 0

        monkeypatch.setattr(cli, "_run_expand", run)
        code = main(["expand", str(source), "-o", str(target)])
        assert code == 130
        assert capsys.readouterr().err == "acrolib: error: interrupted\n"
        assert written == ["first"]
        assert sorted(tmp_path.iterdir()) == [source]

    def test_standard_output(self, monkeypatch: pytest.MonkeyPatch,
                             capsys: pytest.CaptureFixture[str]) -> None:
        def run(args: object) -> int:
            print("written before")
            _InterruptedFinaliser()
            return 0

        monkeypatch.setattr(cli, "_run_demo", run)
        assert main(["demo"]) == 130
        out, err = capsys.readouterr()
        assert (out, err) == ("written before\n", "acrolib: error: interrupted\n")

    def test_other_finaliser_errors_are_reported_as_before(
            self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Only interrupts are kept: another error in a finaliser goes to the previous hook."""
        seen: list[type[BaseException] | None] = []
        monkeypatch.setattr(sys, "unraisablehook", lambda u: seen.append(u.exc_type))

        class Broken:
            def __del__(self) -> None:
                raise ValueError("in a finaliser")

        def run(args: object) -> int:
            Broken()
            return 0

        monkeypatch.setattr(cli, "_run_demo", run)
        assert main(["demo"]) == 0
        assert seen == [ValueError]


class TestMissingInput:
    def test_vanished_file_among_inputs(self, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
        """A file that is gone stops the run with its name; -o leaves nothing behind."""
        good = tmp_path / "good.txt"
        good.write_text("The DOJ met.\n", encoding="utf-8")
        gone = tmp_path / "gone.txt"
        target = tmp_path / "out.txt"
        code = main(["expand", "--jobs", "1", str(good), str(gone), "-o", str(target)])
        _, err = capsys.readouterr()
        assert code == 1
        assert err == f"acrolib: error: {gone}: No such file or directory\n"
        assert sorted(tmp_path.iterdir()) == [good]

    def test_directory_as_input(self, tmp_path: Path,
                                capsys: pytest.CaptureFixture[str]) -> None:
        """A folder given as a file is an error naming it, not a traceback."""
        code = main(["annotate", str(tmp_path)])
        _, err = capsys.readouterr()
        assert code == 1
        assert err == f"acrolib: error: {tmp_path}: Is a directory\n"


class TestBigInput:
    def test_large_jsonl_record_passes_through(self, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
        """A megabyte-sized record comes out whole, with its fields and in order."""
        big = "The DOJ met the CBSI partners. " * 40_000
        source = tmp_path / "in.jsonl"
        source.write_text(json.dumps({"id": 1, "text": big}) + "\n"
                          + json.dumps({"id": 2, "text": "The ATF."}) + "\n", encoding="utf-8")
        code = main(["annotate", "--jsonl", "--jobs", "1", str(source)])
        out, err = capsys.readouterr()
        records = [json.loads(line) for line in out.splitlines()]
        assert code == 0 and [r["id"] for r in records] == [1, 2]
        assert records[0]["text"] == big
        assert len(records[0]["acrolib"]["mentions"]) == 80_000
        assert "2 lines in, 2 out, 0 skipped" in err

    def test_long_single_line_streams_like_the_library(self, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
        """One long line (600 KB, 10,000 definitions) expands exactly as acrolib.expand does."""
        text = "The Joint Task Force (JTF) and the DOJ met; the JTF grew. " * 10_000
        source = tmp_path / "line.txt"
        source.write_text(text, encoding="utf-8")
        assert main(["expand", str(source)]) == 0
        out, _ = capsys.readouterr()
        assert out == acrolib.expand(text)


@pytest.mark.slow
class TestFullSize:
    """The sizes named for hostile input, run whole: slower (under a minute), not skipped."""

    PROSE = ("Officials met in Bridgetown on Monday to review training, equipment and the "
             "funding of the regional programmes for the coming year; the talks ran late. ")

    def test_hundred_megabyte_single_line(self, tmp_path: Path) -> None:
        """A 100 MB line with no line break expands; only the first uses gain long forms."""
        head = "The Joint Task Force (JTF) met the DOJ. "
        unit = self.PROSE * 3 + "The JTF, the DOJ and the ATF agreed. "
        text = head + unit * (100_000_000 // len(unit))
        source = tmp_path / "line.txt"
        source.write_text(text, encoding="utf-8")
        target = tmp_path / "out.txt"
        assert main(["expand", str(source), "-o", str(target)]) == 0
        out = target.read_text(encoding="utf-8")
        expanded_head = "The Joint Task Force (JTF) met the Department of Justice (DOJ). "
        assert out.startswith(expanded_head)
        first_unit = unit.replace("the ATF", "the Bureau of Alcohol, Tobacco, Firearms and "
                                  "Explosives (ATF)", 1)
        assert out == expanded_head + first_unit + unit * (100_000_000 // len(unit) - 1)

    def test_fifty_megabyte_record(self, tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
        """A 50 MB JSONL record between two small ones: all three come out, in order."""
        unit = self.PROSE * 3 + "The DOJ met the CBSI partners. "
        big = unit * (50_000_000 // len(unit))
        source = tmp_path / "in.jsonl"
        source.write_text("\n".join(json.dumps(r) for r in (
            {"id": 1, "text": "The ATF."}, {"id": 2, "text": big}, {"id": 3, "text": "UN."}))
            + "\n", encoding="utf-8")
        target = tmp_path / "out.jsonl"
        assert main(["annotate", "--jsonl", "--jobs", "1", str(source), "-o", str(target)]) == 0
        _, err = capsys.readouterr()
        with target.open(encoding="utf-8") as handle:
            records = [json.loads(line) for line in handle]
        assert [r["id"] for r in records] == [1, 2, 3]
        assert records[1]["text"] == big
        assert len(records[1]["acrolib"]["mentions"]) == 2 * (50_000_000 // len(unit))
        assert "3 lines in, 3 out, 0 skipped" in err
