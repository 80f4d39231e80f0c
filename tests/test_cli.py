"""The acrolib command, run in-process through main(argv)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import acrolib
from acrolib.cli import main


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def _first_line_on_a_pipe(args: list[str], data: bytes) -> bytes:
    """The first line ``acrolib ARGS`` writes after ``data`` came on its standard input,
    which stays open until that line is read (30 s at most)."""
    import select

    with subprocess.Popen([sys.executable, "-m", "acrolib", *args], stdin=subprocess.PIPE,
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL) as child:
        assert child.stdin is not None and child.stdout is not None
        child.stdin.write(data)
        child.stdin.flush()
        ready, _, _ = select.select([child.stdout], [], [], 30)
        try:
            assert ready, "no output within 30 s while the input was still open"
            return child.stdout.readline()
        finally:
            child.stdin.close()
            child.wait(timeout=30)


class TestLookup:
    def test_prints_senses_with_sources(self, capsys: pytest.CaptureFixture[str]) -> None:
        """lookup U.S. MOUs MSS lists every sense with its source."""
        code, out, _ = run(["lookup", "U.S.", "MOUs", "MSS"], capsys)
        assert code == 0
        assert "U.S. -> US (well known)" in out
        assert "MOUs -> MOU" in out and "memorandum of understanding" in out
        assert "Multinational Security Support" in out
        assert "mobile-satellite service" in out
        assert out.count("source: ") == 1 + 1 + len(acrolib.lookup("MSS").senses)

    def test_unknown_term_exits_1(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An unknown term is reported and the exit code is 1."""
        code, out, _ = run(["lookup", "QXZT"], capsys)
        assert (code, out) == (1, "QXZT: not in the glossary\n")


class TestGlossaryVerbs:
    def test_validate_malformed_file(self, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
        """A malformed glossary gives one line naming file, line and field; exit 1."""
        path = tmp_path / "bad.toml"
        path.write_text('[entries.UN]\n[[entries.UN.senses]]\nlong = 5\n', encoding="utf-8")
        code, out, err = run(["glossary", "validate", str(path)], capsys)
        assert code == 1 and out == ""
        assert err == (f"acrolib: error: {path}:3: entry 'UN', field 'senses[0].long': "
                       "must be a string, not int\n")

    def test_validate_good_file(self, tmp_path: Path,
                                capsys: pytest.CaptureFixture[str]) -> None:
        """A valid glossary passes with its entry count."""
        path = tmp_path / "good.toml"
        path.write_text('[entries.UN]\n[[entries.UN.senses]]\nlong = "United Nations"\n',
                        encoding="utf-8")
        assert run(["glossary", "validate", str(path)], capsys) == (
            0, f"{path}: ok, 1 entries\n", "")

    def test_bad_glossary_option_is_an_error_not_a_traceback(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--glossary with a broken file stops with the error line and exit 1."""
        path = tmp_path / "bad.json"
        path.write_text("{", encoding="utf-8")
        code, _, err = run(["lookup", "--glossary", str(path), "UN"], capsys)
        assert code == 1
        assert err.startswith(f"acrolib: error: {path}:1: invalid JSON")


class TestExpandVerb:
    def test_file_to_output_equals_library(self, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
        """expand FILE -o OUT writes what acrolib.expand returns, CRLF kept."""
        text = "The DOJ met.\r\n\r\nThe Caribbean Community (CARICOM) and CARICOM.\r\n"
        source = tmp_path / "in.txt"
        source.write_bytes(text.encode("utf-8"))
        target = tmp_path / "out.txt"
        assert run(["expand", str(source), "-o", str(target)], capsys)[0] == 0
        assert target.read_bytes().decode("utf-8") == acrolib.expand(text)

    def test_refuses_to_overwrite_input(self, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
        """-o naming the input file is refused and the input stays as it was."""
        source = tmp_path / "in.txt"
        source.write_text("The DOJ met.", encoding="utf-8")
        code, _, err = run(["expand", str(source), "-o", str(source)], capsys)
        assert code == 1 and "refusing to overwrite an input file" in err
        assert source.read_text(encoding="utf-8") == "The DOJ met."

    def test_output_linked_to_an_input_is_refused(self, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
        """-o naming an input through a symbolic or a hard link is refused too; an output
        that is another existing file is replaced."""
        source = tmp_path / "in.txt"
        source.write_text("The DOJ met.", encoding="utf-8")
        other = tmp_path / "other.txt"
        other.write_text("old", encoding="utf-8")
        soft = tmp_path / "soft.txt"
        soft.symlink_to(source)
        hard = tmp_path / "hard.txt"
        os.link(source, hard)
        for target in (soft, hard):
            code, _, err = run(["expand", str(other), str(source), "-o", str(target)], capsys)
            assert code == 1 and "refusing to overwrite an input file" in err
        assert source.read_text(encoding="utf-8") == "The DOJ met."
        code, _, _ = run(["expand", str(source), "-o", str(other)], capsys)
        assert code == 0 and "Department of Justice" in other.read_text(encoding="utf-8")

    def test_bad_bytes_named_with_offset(self, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
        """Bytes that are not UTF-8 stop the run with file, line and byte; no partial -o."""
        source = tmp_path / "in.txt"
        source.write_bytes(b"The DOJ.\nSecond \xff line\n")
        target = tmp_path / "out.txt"
        code, _, err = run(["expand", str(source), "-o", str(target)], capsys)
        assert code == 1
        assert err == (f"acrolib: error: {source}:2: not valid UTF-8 near byte 16 "
                       "(use --encoding-errors replace to substitute U+FFFD)\n")
        assert not target.exists()
        code, out, _ = run(["expand", "--encoding-errors", "replace", str(source)], capsys)
        assert code == 0 and "\ufffd" in out

    def test_a_paragraph_on_a_pipe_is_expanded_before_the_input_ends(self) -> None:
        """``expand -`` reads standard input as it arrives: a paragraph comes out once the
        first line of the next one has come, while the input is still open."""
        line = _first_line_on_a_pipe(["expand", "-"],
                                     b"The Quiet Zebra Trust (QZT) met.\n\nThen it\n")
        assert line == b"The Quiet Zebra Trust (QZT) met.\n"


class TestJsonl:
    def test_records_pass_through_in_order(self, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
        """Each record keeps its fields and gains the result; order is kept."""
        source = tmp_path / "in.jsonl"
        records = [{"id": i, "text": f"The DOJ and MOU {i}."} for i in range(5)]
        source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        code, out, err = run(["annotate", "--jsonl", "--jobs", "1", str(source)], capsys)
        assert code == 0
        lines = [json.loads(line) for line in out.splitlines()]
        assert [r["id"] for r in lines] == list(range(5))
        assert lines[0]["acrolib"]["mentions"][0]["key"] == "DOJ"
        assert "5 lines in, 5 out, 0 skipped" in err

    def test_broken_line_fail_and_skip(self, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
        """fail stops naming the line; skip reports and counts it, the rest comes out."""
        source = tmp_path / "in.jsonl"
        source.write_text('{"text": "The DOJ."}\n{broken\n{"id": 3}\n{"text": 5}\n'
                          '{"text": "The ATF."}\n', encoding="utf-8")
        code, _, err = run(["annotate", "--jsonl", "--jobs", "1", str(source)], capsys)
        assert code == 1 and err.startswith(f"acrolib: error: {source}:2: not valid JSON (")
        code, out, err = run(["annotate", "--jsonl", "--jobs", "1", "--on-error", "skip",
                              str(source)], capsys)
        assert code == 0
        assert [json.loads(line)["text"] for line in out.splitlines()] == ["The DOJ.",
                                                                          "The ATF."]
        assert "5 lines in, 2 out, 3 skipped" in err
        assert "no field 'text'" in err and "is int, not a string" in err

    @pytest.mark.parametrize("jobs", ["1", "2"])
    def test_unreadable_json_is_a_bad_line(self, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch, jobs: str) -> None:
        """A record nested too deeply for the parser, or holding a number of more digits than
        Python converts, is a bad line like any other: named, or skipped and counted."""
        from acrolib import _jsonl

        monkeypatch.setattr(_jsonl, "BLOCK", 200)  # several blocks: with two jobs, a worker
        lines = [json.dumps({"text": f"The DOJ {i}."}) for i in range(12)]
        lines[4] = '{"text": "The DOJ.", "x": ' + "[" * 100_000 + "]" * 100_000 + "}"
        lines[9] = '{"text": "The DOJ.", "x": ' + "1" * 5000 + "}"
        source = tmp_path / "in.jsonl"
        source.write_text("\n".join(lines) + "\n", encoding="utf-8")
        code, out, err = run(["annotate", "--jsonl", "--jobs", jobs, str(source)], capsys)
        assert code == 1 and err.startswith(
            f"acrolib: error: {source}:5: not readable JSON (nested too deeply)")
        assert "Traceback" not in err
        code, out, err = run(["annotate", "--jsonl", "--jobs", jobs, "--on-error", "skip",
                              str(source)], capsys)
        assert code == 0 and "Traceback" not in err
        assert [json.loads(line)["text"] for line in out.splitlines()] == [
            f"The DOJ {i}." for i in range(12) if i not in (4, 9)]
        assert "12 lines in, 10 out, 2 skipped" in err
        assert f"{source}:10: not readable JSON (Exceeds the limit" in err

    @pytest.mark.parametrize("jobs", ["1", "2"])
    def test_every_record_is_one_line_for_splitlines(
            self, tmp_path: Path, capsys: pytest.CaptureFixture[str],
            monkeypatch: pytest.MonkeyPatch, jobs: str) -> None:
        """U+0085, U+2028 and U+2029, which JSON leaves as they are, come out escaped:
        ``str.splitlines`` finds one line per record, and each reads back the same."""
        from acrolib import _jsonl

        monkeypatch.setattr(_jsonl, "BLOCK", 200)
        texts = [f"Record {i}: the DOJ\x85met\u2028the ATF\u2029here." for i in range(12)]
        source = tmp_path / "in.jsonl"
        source.write_text("".join(json.dumps({"text": t}, ensure_ascii=False) + "\n"
                                  for t in texts), encoding="utf-8")
        code, out, err = run(["annotate", "--jsonl", "--jobs", jobs, str(source)], capsys)
        assert code == 0, err
        assert [json.loads(line)["text"] for line in out.splitlines()] == texts
        page = tmp_path / "page.txt"
        page.write_text(texts[0], encoding="utf-8")
        code, out, err = run(["annotate", "--format", "jsonl", str(page)], capsys)
        (line,) = out.splitlines()
        assert json.loads(line)["text"] == texts[0]

    @pytest.mark.parametrize("jobs", ["1", "2"])
    def test_a_lone_surrogate_is_escaped_not_lost(
            self, tmp_path: Path, capsys: pytest.CaptureFixture[str],
            monkeypatch: pytest.MonkeyPatch, jobs: str) -> None:
        """JSON can escape a lone surrogate, which UTF-8 cannot carry: that record comes out
        with its non-ASCII characters escaped and reads back the same; the others keep
        theirs as they are."""
        from acrolib import _jsonl

        monkeypatch.setattr(_jsonl, "BLOCK", 200)  # several blocks: with two jobs, a worker
        texts = [f"Record {i}: the DOJ in Montréal." for i in range(12)]
        texts[5] = "The DOJ \ud800 and the café \udfff."
        source = tmp_path / "in.jsonl"
        source.write_text("".join(json.dumps({"text": t}, ensure_ascii=i == 5) + "\n"
                                  for i, t in enumerate(texts)), encoding="utf-8")
        code, out, err = run(["annotate", "--jsonl", "--jobs", jobs, str(source)], capsys)
        assert code == 0, err
        lines = out.splitlines()
        assert [json.loads(line)["text"] for line in lines] == texts
        assert lines[5].isascii() and "\\u00e9" in lines[5]
        assert all("Montréal" in line for i, line in enumerate(lines) if i != 5)
        assert json.loads(lines[5])["acrolib"]["mentions"][0]["key"] == "DOJ"

    def test_an_ascii_output_gets_escapes(self, tmp_path: Path) -> None:
        """An output stream that cannot carry a character gets the lines holding one with
        their non-ASCII characters escaped; the records read back the same."""
        texts = ["The DOJ in Montréal.", "The DOJ in Boston."]
        source = tmp_path / "in.jsonl"
        source.write_text("".join(json.dumps({"text": t}, ensure_ascii=False) + "\n"
                                  for t in texts), encoding="utf-8")
        done = subprocess.run([sys.executable, "-m", "acrolib", "annotate", "--jsonl",
                               str(source)], capture_output=True, check=False,
                              env={**os.environ, "PYTHONIOENCODING": "ascii"})
        assert done.returncode == 0, done.stderr
        lines = done.stdout.decode("ascii").splitlines()
        assert [json.loads(line)["text"] for line in lines] == texts
        assert "Montr\\u00e9al" in lines[0]

    def test_escaped_rewrites_only_the_lines_that_need_it(self) -> None:
        """Only the line UTF-8 cannot carry is rewritten; U+2028 stays as it is."""
        from acrolib._jsonl import _escaped

        lines = '{"t": "é"}\n{"t": "\ud800"}\n{"t": "\u2028"}\n'
        assert _escaped(lines, "utf-8") == '{"t": "é"}\n{"t": "\\ud800"}\n{"t": "\u2028"}\n'

    def test_record_line(self) -> None:
        """Characters as themselves, unless the record holds a lone surrogate."""
        from acrolib._jsonl import record_line

        assert record_line({"t": "é"}) == '{"t": "é"}'
        assert record_line({"t": "é\ud800"}) == '{"t": "\\u00e9\\ud800"}'


class TestJsonlBlocks:
    """Records travel in blocks of whole lines; line numbers, byte offsets, skips and the
    output do not depend on where the blocks end or on the number of jobs."""

    @staticmethod
    def _source(tmp_path: Path) -> tuple[Path, list[bytes]]:
        lines = [json.dumps({"id": i, "text": f"Record {i}: the DOJ and the ATF."}).encode()
                 for i in range(400)]
        lines[7] = b"{broken"
        lines[150] = b""
        lines[151] = b"   "
        lines[299] = json.dumps({"id": 299}).encode()
        source = tmp_path / "in.jsonl"
        source.write_bytes(b"\n".join(lines) + b"\n")
        return source, lines

    @pytest.mark.parametrize("block", [40, 1000, 1 << 18])
    def test_same_output_and_reports_at_any_block_size(
            self, tmp_path: Path, capsys: pytest.CaptureFixture[str],
            monkeypatch: pytest.MonkeyPatch, block: int) -> None:
        from acrolib import _jsonl

        source, _ = self._source(tmp_path)
        monkeypatch.setattr(_jsonl, "BLOCK", block)
        got = {}
        for jobs in ("1", "2"):
            code, out, err = run(["annotate", "--jsonl", "--jobs", jobs, "--on-error", "skip",
                                  str(source)], capsys)
            assert code == 0
            got[jobs] = out
            assert err.splitlines()[-1] == (
                f"acrolib: 398 lines in, 396 out, 2 skipped ({source}:8, {source}:300)")
        assert got["1"] == got["2"]
        ids = [json.loads(line)["id"] for line in got["1"].splitlines()]
        assert ids == [i for i in range(400) if i not in (7, 150, 151, 299)]
        code, _, err = run(["annotate", "--jsonl", "--jobs", "2", str(source)], capsys)
        assert code == 1 and err.startswith(f"acrolib: error: {source}:8: not valid JSON (")

    def test_last_blocks_shrink_for_workers_only(self, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
        """With workers, the blocks of a regular file get smaller towards its end; every block
        is whole lines, and together they are the file.  One job, or a pipe, reads even
        blocks."""
        from acrolib import _jsonl

        source, _ = self._source(tmp_path)
        monkeypatch.setattr(_jsonl, "BLOCK", 1000)
        data = source.read_bytes()
        blocks = list(_jsonl._blocks([str(source)], jobs=2))
        assert b"".join(b.data for b in blocks) == data
        assert all(b.data.endswith(b"\n") for b in blocks)
        assert [b.offset for b in blocks[1:]] == [
            b.offset + len(b.data) for b in blocks[:-1]]
        sizes = [len(b.data) for b in blocks]
        # A block is what the reader's buffer holds, up to the size asked for, completed to
        # the end of its line: within a line (here under 100 bytes) of the size asked for.
        assert min(sizes[:3]) > 900
        assert max(sizes[-3:]) < 400
        even = [len(b.data) for b in _jsonl._blocks([str(source)], jobs=1)]
        assert min(even[:-1]) > 900
        assert len(even) < len(sizes)
        with source.open("rb") as regular:
            assert _jsonl._file_bytes(regular) == len(data)
        read, write = os.pipe()
        with os.fdopen(read, "rb") as reader, os.fdopen(write, "wb"):
            assert _jsonl._file_bytes(reader) is None

    @pytest.mark.parametrize("block", [40, 1 << 18])
    def test_bad_bytes_named_by_line_and_byte_across_blocks(
            self, tmp_path: Path, capsys: pytest.CaptureFixture[str],
            monkeypatch: pytest.MonkeyPatch, block: int) -> None:
        from acrolib import _jsonl

        source, lines = self._source(tmp_path)
        lines[250] = b'{"text": "bad \xff byte"}'
        source.write_bytes(b"\n".join(lines) + b"\n")
        at = sum(len(line) + 1 for line in lines[:250]) + lines[250].index(b"\xff")
        monkeypatch.setattr(_jsonl, "BLOCK", block)
        for jobs in ("1", "2"):
            code, out, err = run(["annotate", "--jsonl", "--jobs", jobs, "--on-error", "skip",
                                  str(source)], capsys)
            assert code == 1
            assert err.splitlines()[-1] == (
                f"acrolib: error: {source}:251: not valid UTF-8 near byte {at} "
                "(use --encoding-errors replace to substitute U+FFFD)")
            # Every record before the bad line came out, whatever the number of jobs: lines
            # 0-249 less the broken one (7) and the blank ones (150, 151).
            assert len(out.splitlines()) == 250 - 3

    def test_a_record_on_a_pipe_is_annotated_before_the_input_ends(self) -> None:
        """With one job, standard input is read as it arrives, not a block at a time."""
        line = _first_line_on_a_pipe(["annotate", "--jsonl", "-", "--jobs", "1"],
                                     b'{"text": "The DOJ met."}\n')
        assert json.loads(line)["acrolib"]["mentions"][0]["key"] == "DOJ"


class TestEntryPoints:
    def test_python_dash_m(self) -> None:
        """python -m acrolib runs the same command."""
        done = subprocess.run([sys.executable, "-m", "acrolib", "lookup", "CBSI"],
                              capture_output=True, text=True, check=False)
        assert done.returncode == 0
        assert "Caribbean Basin Security Initiative" in done.stdout

    def test_usage_error_exits_2(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An unknown option is a usage error with exit code 2."""
        with pytest.raises(SystemExit) as info:
            main(["expand", "--mode", "sideways"])
        assert info.value.code == 2


class TestLintAndMine:
    def test_lint_reports_and_exits_1(self, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
        """lint prints path:line:col: rule message and exits 1 on a warning."""
        path = tmp_path / "doc.md"
        path.write_text("Intro.\n\nThe QXZT met.\n", encoding="utf-8")
        code, out, _ = run(["lint", str(path)], capsys)
        assert code == 1
        assert out == f"{path}:3:5: undefined QXZT is used but never defined\n"

    def test_lint_rule_can_be_disabled(self, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
        """--disable turns a rule off; a clean document exits 0."""
        path = tmp_path / "doc.md"
        path.write_text("The QXZT met.\n", encoding="utf-8")
        assert run(["lint", "--disable", "undefined", str(path)], capsys) == (0, "", "")

    def test_mine_writes_a_loadable_glossary(self, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
        """mine harvests definitions into TOML that Glossary.load reads back."""
        doc = tmp_path / "doc.txt"
        doc.write_text("The Quiet Zebra Trust (QZT) met. Later the QZT grew.\n",
                       encoding="utf-8")
        target = tmp_path / "mined.toml"
        assert run(["mine", str(doc), "-o", str(target)], capsys)[0] == 0
        mined = acrolib.Glossary.load(target)
        assert mined["QZT"].senses[0].long == "Quiet Zebra Trust"

    def test_mine_reads_jsonl_records(self, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
        """--jsonl mines one field of each record; an example names the file's line, then the
        line in the field; blank lines are skipped."""
        doc = tmp_path / "corpus.jsonl"
        doc.write_text('{"text": "The Quiet Zebra Trust (QZT) met."}\n\n'
                       '{"text": "Line one.\\nThe Blue Owl Fund (BOF) grew."}\n',
                       encoding="utf-8")
        code, out, _ = run(["mine", "--jsonl", str(doc)], capsys)
        assert code == 0
        assert f"e.g. {doc}:1:1\nlong = \"Quiet Zebra Trust\"" in out
        assert f"e.g. {doc}:3:2\nlong = \"Blue Owl Fund\"" in out

    @pytest.mark.parametrize(("line", "problem"), [
        ('{"body": "x"}', "the record has no field 'text'"),
        ('{"text": "x"', "not valid JSON (Expecting ',' delimiter at the end of the line)"),
        ('["x"]', "the record is not a JSON object"),
    ])
    def test_mine_names_a_broken_jsonl_line(self, tmp_path: Path, line: str, problem: str,
                                            capsys: pytest.CaptureFixture[str]) -> None:
        """A malformed record stops mine --jsonl with its file, line and problem."""
        doc = tmp_path / "corpus.jsonl"
        doc.write_text('{"text": "The Quiet Zebra Trust (QZT) met."}\n' + line + "\n",
                       encoding="utf-8")
        code, out, err = run(["mine", "--jsonl", str(doc)], capsys)
        assert (code, out) == (1, "")
        assert err == f"acrolib: error: {doc}:2: {problem}\n"


class TestReference:
    def test_docs_page_matches_the_parser(self) -> None:
        """docs/cli.md is exactly what the parser generates (regenerate with _clidoc)."""
        from acrolib._clidoc import cli_reference

        page = Path(__file__).resolve().parents[1] / "docs" / "cli.md"
        assert page.read_text(encoding="utf-8") == cli_reference()

    @pytest.mark.parametrize("argv", [
        ["demo", "--help"], ["lookup", "--help"], ["expand", "--help"], ["annotate", "--help"],
        ["lint", "--help"], ["mine", "--help"], ["glossary", "--help"],
        ["glossary", "dump", "--help"], ["expand", "--mode", "sideways"], ["mine"],
        ["expand", "--no-such-option"], ["glossary", "nothing"], ["-h", "expand"],
    ])
    def test_a_command_alone_parses_as_all_of_them(
            self, argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
        """``main`` builds only the command it runs: its help, its errors and its exit code
        are those of the parser with every command."""
        from acrolib.cli import build_parser

        def outcome(parse: Callable[[], object]) -> tuple[object, str, str]:
            with pytest.raises(SystemExit) as stop:
                parse()
            out, err = capsys.readouterr()
            return stop.value.code, out, err

        alone = outcome(lambda: main(argv))
        full = outcome(lambda: build_parser().parse_args(argv))
        assert alone == full
        assert "usage: acrolib" in alone[1] + alone[2]

    def test_the_options_of_a_command_alone(self) -> None:
        from acrolib.cli import build_parser

        argv = ["annotate", "--jsonl", "--field", "body", "--jobs", "3", "-o", "out", "a", "b"]
        alone, full = build_parser("annotate").parse_args(argv), build_parser().parse_args(argv)
        assert vars(alone) == vars(full)
        assert (alone.field, alone.jobs, alone.files) == ("body", 3, ["a", "b"])


class TestManyFiles:
    def test_parallel_files_in_input_order(self, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
        """expand over many files with two workers keeps input order and equals one by one
        (more files than one task carries, so that workers start)."""
        names = []
        for i in range(150):
            path = tmp_path / f"f{i}.txt"
            path.write_text(f"File {i}: the DOJ and the ATF.\n", encoding="utf-8")
            names.append(str(path))
        code, out, _ = run(["expand", "--jobs", "2", *names], capsys)
        assert code == 0
        assert out == "".join(acrolib.expand(f"File {i}: the DOJ and the ATF.\n")
                              for i in range(150))

    def test_large_files_and_stdin_stream_between_parallel_runs(
            self, tmp_path: Path, capsys: pytest.CaptureFixture[str],
            monkeypatch: pytest.MonkeyPatch) -> None:
        """Large files and '-' are streamed in order between runs of small files."""
        from acrolib import cli

        monkeypatch.setattr(cli, "STREAM_OVER", 40)
        large = {2, 5}  # over 40 bytes; the others are under it
        texts = [f"File {i}: the DOJ and the ATF{' met again' * 5 * (i in large)}.\n"
                 for i in range(7)]
        names = []
        for i, text in enumerate(texts):
            path = tmp_path / f"f{i}.txt"
            path.write_text(text, encoding="utf-8")
            names.append(str(path))
        groups = list(cli._file_groups([*names, "-"], parallel=True))
        # Files 0-1 and 3-4 go to the workers; 2, 5, the lone 6 and '-' are streamed.
        assert [whole for _, whole in groups] == [True, False, True, False, False, False]
        assert [name for group, _ in groups for name in group] == [*names, "-"]
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"From input: the HSI.\n")))
        code, out, _ = run(["expand", "--jobs", "2", *names, "-"], capsys)
        assert code == 0
        assert out == "".join(acrolib.expand(t) for t in [*texts, "From input: the HSI.\n"])

    def test_annotate_reads_stdin_among_files_itself(
            self, tmp_path: Path, capsys: pytest.CaptureFixture[str],
            monkeypatch: pytest.MonkeyPatch) -> None:
        """'-' among files with --jobs 2 is read by the main process, in its place."""
        names = []
        for i in range(3):
            path = tmp_path / f"f{i}.txt"
            path.write_text(f"File {i}: the DOJ.\n", encoding="utf-8")
            names.append(str(path))
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"Input: the ATF.\n")))
        code, out, _ = run(["annotate", "--format", "jsonl", "--jobs", "2", *names[:2], "-",
                            names[2]], capsys)
        assert code == 0
        records = [json.loads(line) for line in out.splitlines()]
        assert [r["file"] for r in records] == [*names[:2], "-", names[2]]
        assert records[2]["text"] == "Input: the ATF.\n"

    def test_error_in_a_worker_keeps_its_message(self, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
        """A bad file read in a worker process is reported with its name and line (it comes
        after more files than one task carries, so that workers start)."""
        goods = []
        for i in range(100):
            good = tmp_path / f"good{i}.txt"
            good.write_text("The DOJ.\n", encoding="utf-8")
            goods.append(str(good))
        bad = tmp_path / "bad.txt"
        bad.write_bytes(b"ok\n\xff\n")
        code, _, err = run(["expand", "--jobs", "2", *goods, str(bad)], capsys)
        assert code == 1
        assert err.startswith(f"acrolib: error: {bad}:2: not valid UTF-8 near byte 3")


class TestOtherVerbs:
    def test_demo_expands_the_example(self, capsys: pytest.CaptureFixture[str]) -> None:
        """demo prints the expanded example and a table of mentions."""
        from acrolib.cli import EXAMPLE

        code, out, _ = run(["demo"], capsys)
        assert code == 0
        assert out.startswith(acrolib.expand(EXAMPLE))
        assert "CBSI       defined   Caribbean Basin Security Initiative" in out

    def test_glossary_list_show_packs_dump(self, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
        """The glossary sub-verbs list, show, count packs and dump."""
        code, out, _ = run(["glossary", "list", "--pack", "caribbean-security"], capsys)
        assert code == 0
        assert "CBSI\tCaribbean Basin Security Initiative\t[caribbean-security]" in out
        code, out, _ = run(["glossary", "show", "U.S."], capsys)
        assert code == 0 and "variants: U.S." in out and "pack: us-government" in out
        assert run(["glossary", "show", "QXZT"], capsys)[0] == 1
        code, out, _ = run(["glossary", "packs"], capsys)
        assert [line.split("\t")[0] for line in out.splitlines()] == acrolib.available_packs()
        target = tmp_path / "all.json"
        assert run(["glossary", "dump", "--format", "json", "-o", str(target)], capsys)[0] == 0
        assert acrolib.Glossary.load(target) == acrolib.default_glossary()

    @pytest.mark.parametrize("fmt,marker", [
        ("json", '"schema": "acrolib.annotated/1"'), ("html", '<abbr class="acro'),
        ("markdown", "## Abbreviations"), ("footer", "Acronyms:"),
    ])
    def test_annotate_formats(self, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                              fmt: str, marker: str) -> None:
        """annotate writes each format, from a file."""
        source = tmp_path / "in.txt"
        source.write_text("The DOJ met the ATF.\n", encoding="utf-8")
        code, out, _ = run(["annotate", "--format", fmt, str(source)], capsys)
        assert code == 0 and marker in out

    def test_lookup_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        """lookup --format json gives the key and senses of each term."""
        code, out, _ = run(["lookup", "--format", "json", "MOUs"], capsys)
        [record] = json.loads(out)
        assert code == 0 and record["key"] == "MOU"
        assert record["senses"][0]["long"] == "memorandum of understanding"

    def test_closed_stdout_is_quiet(self, tmp_path: Path) -> None:
        """Output cut short by the reader (| head) ends without a traceback."""
        source = tmp_path / "big.txt"
        source.write_text("The DOJ and the ATF met.\n\n" * 20000, encoding="utf-8")
        done = subprocess.run(
            f"{sys.executable} -m acrolib expand {source} | head -n 1",
            shell=True, capture_output=True, text=True, check=False)
        assert done.stdout.startswith("The Department of Justice (DOJ)")
        assert "Traceback" not in done.stderr


class TestVersion:
    def test_names_the_version_and_the_build(self, capsys: pytest.CaptureFixture[str]) -> None:
        with pytest.raises(SystemExit) as stop:
            main(["--version"])
        assert stop.value.code == 0
        out = capsys.readouterr().out.strip()
        assert out in (f"acrolib {acrolib.__version__} (compiled)",
                       f"acrolib {acrolib.__version__} (pure Python)")

    def test_the_build_under_test_is_the_expected_one(self) -> None:
        # The continuous-integration run sets this for its run over the compiled wheel, so
        # that a wheel that silently fell back to pure Python fails there.
        import os

        from acrolib._version import build

        expected = os.environ.get("ACROLIB_EXPECT_BUILD")
        if expected is None:
            pytest.skip("ACROLIB_EXPECT_BUILD is not set")
        assert build() == expected
