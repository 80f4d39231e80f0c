"""The ``acrolib`` command.

Exit codes: 0 success; 1 findings (lint), an unknown term (lookup), a failed validation or a
bad input; 2 a usage error; 130 interrupted.  Errors are one line on stderr:
``acrolib: error: FILE:LINE: problem``.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gc
import io
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TextIO, cast

from ._progress import Progress
from ._version import __version__, build
from .exceptions import AcrolibError, InputError, not_utf8

if TYPE_CHECKING:  # imported lazily at run time: a usage error should not pay for them
    from ._annotated import Annotated
    from ._model import Entry
    from ._resolve import Resolver

EXAMPLE = """\
WASHINGTON — Officials from the Caribbean Basin Security Initiative (CBSI) met CARICOM
ministers in Bridgetown to review the work of IMPACS, the regional crime agency. The U.S.
Department of Justice (DOJ) said HSI’s agents and the ATF would train the new Caribbean
Crime Gun Intelligence Unit (CCGIU). Several MOUs were signed.

The MSS mission in Haiti, authorised by the UN Security Council under Chapter VII, works with the
HNP. FY 2025 funding for the CBSI was discussed.
"""


def build_parser(verb: str | None = None) -> argparse.ArgumentParser:
    """The argument parser; the CLI reference in docs/ is generated from it.

    Given the name of a command, ``verb``, only that command is added: a short command then
    does not build the options of all the others (argparse takes about a tenth of the start-up
    of ``acrolib expand`` on a small file to build them all).  The parser is the same for that
    command, its help and its errors included.
    """
    parser = argparse.ArgumentParser(
        prog="acrolib",
        description="Find acronyms in text, work out what they mean, annotate or expand them.",
    )
    parser.add_argument("--version", action="version",
                        version=f"acrolib {__version__} ({build()})")
    verbs = parser.add_subparsers(dest="verb", metavar="VERB", required=True)
    options = _Options()
    for name, add in _VERBS.items():
        if verb is None or verb == name:
            add(verbs, options)
    return parser


class _Options:
    """The option groups that several commands share, each built once."""

    @functools.cached_property
    def glossary(self) -> argparse.ArgumentParser:
        glossary_opts = argparse.ArgumentParser(add_help=False)
        group = glossary_opts.add_argument_group("glossary")
        group.add_argument("--glossary", action="append", default=[], metavar="FILE",
                           help="a glossary file layered on top (repeatable; later wins); "
                           "parsed once, then read back from the glossary cache")
        group.add_argument("--pack", action="append", default=None, metavar="NAME",
                           help="use only these shipped packs (repeatable)")
        group.add_argument("--no-default-glossary", action="store_true",
                           help="do not load the shipped glossary")
        return glossary_opts

    @functools.cached_property
    def input(self) -> argparse.ArgumentParser:
        input_opts = argparse.ArgumentParser(add_help=False)
        group = input_opts.add_argument_group("input and output")
        group.add_argument("files", nargs="*", metavar="FILE",
                           help="input files; '-' or none for standard input")
        group.add_argument("-o", "--output", metavar="FILE",
                           help="write here (atomically) instead of standard output")
        group.add_argument("--encoding-errors", choices=("strict", "replace"), default="strict",
                           help="on bytes that are not UTF-8: stop with the byte offset "
                                "(strict) or use U+FFFD (replace)")
        group.add_argument("--jobs", type=int, default=0,
                           help="processes for JSONL records or many files, this one "
                                "included (default: all cores; 1: no workers)")
        return input_opts


_Verbs = Any  # argparse's _SubParsersAction, which it does not export


def _add_demo(verbs: _Verbs, options: _Options) -> None:
    demo = verbs.add_parser("demo", parents=[options.glossary],
                            help="expand and annotate a built-in example")
    demo.set_defaults(run=_run_demo)


def _add_lookup(verbs: _Verbs, options: _Options) -> None:
    lookup = verbs.add_parser("lookup", parents=[options.glossary],
                              help="show the senses of short forms, with sources")
    lookup.add_argument("terms", nargs="+", metavar="TERM")
    lookup.add_argument("--format", choices=("text", "json"), default="text")
    lookup.set_defaults(run=_run_lookup)


def _add_expand(verbs: _Verbs, options: _Options) -> None:
    expand = verbs.add_parser("expand", parents=[options.glossary, options.input],
                              help="write expansions into text")
    expand.add_argument("--mode", choices=("first", "all", "replace", "none"), default="first")
    expand.add_argument("--expand-well-known", action="store_true",
                        help="in first mode, also expand short forms every reader knows (UN, US)")
    expand.set_defaults(run=_run_expand)


def _add_annotate(verbs: _Verbs, options: _Options) -> None:
    annotate = verbs.add_parser("annotate", parents=[options.glossary, options.input],
                                help="annotate text as JSON, JSONL, HTML, Markdown or a footer")
    annotate.add_argument("--format", choices=("json", "jsonl", "html", "markdown", "footer"),
                          default="json")
    annotate.add_argument("--jsonl", action="store_true",
                          help="read JSONL records; annotate one field of each")
    annotate.add_argument("--field", default="text", help="the input field (with --jsonl)")
    annotate.add_argument("--output-field", default="acrolib",
                          help="the field the result goes in (with --jsonl)")
    annotate.add_argument("--on-error", choices=("fail", "skip"), default="fail",
                          help="a malformed record stops the run (fail) or is skipped, "
                               "reported and counted (skip)")
    annotate.set_defaults(run=_run_annotate)


def _add_lint(verbs: _Verbs, options: _Options) -> None:
    lint = verbs.add_parser("lint", parents=[options.glossary],
                            help="check how a document defines and uses its acronyms")
    lint.add_argument("files", nargs="*", metavar="FILE",
                      help="documents; '-' or none for standard input")
    lint.add_argument("--disable", action="append", default=[], metavar="RULE",
                      help="turn a rule off (repeatable)")
    lint.add_argument("--min-severity", choices=("info", "warning", "error"), default=None,
                      help="report findings at or above this severity")
    lint.add_argument("--fail-on", choices=("info", "warning", "error"), default="warning",
                      help="exit 1 when a finding at or above this severity is reported")
    lint.add_argument("--format", choices=("text", "json"), default="text")
    lint.add_argument("--encoding-errors", choices=("strict", "replace"), default="strict")
    lint.add_argument("--list-rules", action="store_true", help="list the rules and stop")
    lint.set_defaults(run=_run_lint)


def _add_mine(verbs: _Verbs, options: _Options) -> None:
    mine = verbs.add_parser("mine", parents=[options.glossary],
                            help="harvest in-text definitions into a glossary file")
    mine.add_argument("files", nargs="+", metavar="FILE")
    mine.add_argument("-o", "--output", metavar="FILE")
    mine.add_argument("--new-only", action="store_true",
                      help="leave out short forms the glossary already has")
    mine.add_argument("--encoding-errors", choices=("strict", "replace"), default="strict")
    mine.add_argument("--jsonl", action="store_true",
                      help="read JSONL records and mine one field of each; an example then "
                           "reads FILE:LINE:LINE-IN-FIELD")
    mine.add_argument("--field", default="text", help="the field to mine (with --jsonl)")
    mine.set_defaults(run=_run_mine)


def _add_glossary(verbs: _Verbs, options: _Options) -> None:
    glossary = verbs.add_parser("glossary", help="list, show, validate or dump glossaries")
    gverbs = glossary.add_subparsers(dest="gverb", metavar="ACTION", required=True)
    glist = gverbs.add_parser("list", parents=[options.glossary], help="list the entries")
    glist.set_defaults(run=_run_glossary_list)
    gshow = gverbs.add_parser("show", parents=[options.glossary], help="show one entry")
    gshow.add_argument("key")
    gshow.set_defaults(run=_run_glossary_show)
    gval = gverbs.add_parser("validate", help="check glossary files")
    gval.add_argument("paths", nargs="+", metavar="FILE")
    gval.set_defaults(run=_run_glossary_validate)
    gdump = gverbs.add_parser("dump", parents=[options.glossary],
                              help="write the layered glossary in one format")
    gdump.add_argument("--format", choices=("toml", "json", "csv", "tsv"), default="toml")
    gdump.add_argument("-o", "--output", metavar="FILE")
    gdump.set_defaults(run=_run_glossary_dump)
    gpacks = gverbs.add_parser("packs", help="list the shipped packs")
    gpacks.set_defaults(run=_run_glossary_packs)


#: The commands in the order ``acrolib --help`` lists them.
_VERBS: dict[str, Callable[[_Verbs, _Options], None]] = {
    "demo": _add_demo, "lookup": _add_lookup, "expand": _add_expand,
    "annotate": _add_annotate, "lint": _add_lint, "mine": _add_mine,
    "glossary": _add_glossary,
}


def _verb_of(argv: Sequence[str]) -> str | None:
    """The command that ``argv`` starts with, or None when it starts with none of them: an
    option (``--help`` lists every command) or a misspelt command (its error lists them)."""
    return argv[0] if argv and argv[0] in _VERBS else None


class _Interrupts:
    """Ctrl-C that Python could not deliver.

    Python raises KeyboardInterrupt wherever the main thread is when SIGINT arrives.  Inside a
    finaliser (a ``__del__`` method, such as the regex module runs while it compiles the
    patterns of a first call) the exception is only reported, as "Exception ignored in ...",
    and the command would run on to the end and write its output.  While a command runs, such
    an exception is recorded instead; the output refuses every write after it and is not
    committed, so the command stops at its next piece of output, exits with 130 and leaves no
    file behind.
    """

    def __init__(self) -> None:
        self.swallowed = False

    def check(self) -> None:
        if self.swallowed:
            raise KeyboardInterrupt

    @contextlib.contextmanager
    def kept(self) -> Iterator[None]:
        self.swallowed = False
        previous = sys.unraisablehook

        def hook(unraisable: Any) -> None:
            if unraisable.exc_type is not None and issubclass(unraisable.exc_type,
                                                              KeyboardInterrupt):
                self.swallowed = True
                return
            previous(unraisable)

        sys.unraisablehook = hook
        try:
            yield
            self.check()
        finally:
            sys.unraisablehook = previous


_interrupts = _Interrupts()


class _Guarded:
    """An output stream that checks for a swallowed interrupt before every write."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        _interrupts.check()
        return self._stream.write(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


#: True from the start of :func:`entry` until the command's pipeline is built.
_starting = False


def entry(argv: Sequence[str] | None = None) -> int:
    """The ``acrolib`` command and ``python -m acrolib``: :func:`main`, with the cyclic
    garbage collector kept off the start-up objects.

    Start-up (importing the pipeline, loading the glossary, building the resolver) creates
    tens of thousands of objects that live until the process ends and that hold no garbage.
    The collector would scan them again and again while they are made, and once more during
    every full collection after that, including the one at exit.  So the collector is paused
    from here until the resolver is built; then those objects are moved to its permanent
    generation (``gc.freeze``) and the collector resumes for the work on the input.  Objects
    made after that are frozen too once the command is done, before the interpreter exits.
    For ``acrolib expand`` on 1 KB this took the whole run from about 65 to 57 ms (compiled
    build), most of it in the final collection and the rest in collections during start-up.

    Nothing else about the exit changes: ``atexit`` handlers run, the standard streams are
    flushed, and objects outside reference cycles are freed as usual.  Only reference cycles
    still alive at exit are left for the operating system to reclaim; Python does not promise
    to finalize those anyway, and the command closes every file it opens before ``main``
    returns.
    """
    global _starting
    enabled = _starting = gc.isenabled()
    gc.disable()
    try:
        return main(argv)
    finally:
        _starting = False
        gc.freeze()
        if enabled:
            gc.enable()


def _started() -> None:
    """The pipeline is built: freeze what start-up made and let the collector run again."""
    global _starting
    if _starting:
        _starting = False
        gc.freeze()
        gc.enable()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    arguments = sys.argv[1:] if argv is None else list(argv)
    args = build_parser(_verb_of(arguments)).parse_args(arguments)
    try:
        with _interrupts.kept():
            code: int = args.run(args)
        return code
    except AcrolibError as exc:
        _error(str(exc))
        return 1
    except KeyboardInterrupt:
        _error("interrupted")
        return 130
    except BrokenPipeError:
        # The reader went away (``| head``): stop quietly, and keep Python from complaining
        # again when it flushes stdout at exit.
        with contextlib.suppress(OSError):
            sys.stdout = io.TextIOWrapper(io.BytesIO())
        return 0
    except OSError as exc:
        name = f"{exc.filename}: " if exc.filename else ""
        _error(f"{name}{exc.strerror or exc}")
        return 1


def _error(message: str) -> None:
    print(f"acrolib: error: {message}", file=sys.stderr)


# -- shared helpers ------------------------------------------------------------------------

def _resolver(args: argparse.Namespace) -> Resolver:
    from ._glossary import Glossary
    from ._resolve import Resolver

    layers = [Glossary.load(path, cache=True) for path in args.glossary]
    if args.no_default_glossary:
        resolver = Resolver(Glossary.layered(*layers))
    else:
        resolver = Resolver(packs=args.pack, layers=layers)
    _started()
    return resolver


def _read_lines(name: str, errors: str) -> Iterator[str]:
    """Lines of a file with their ends kept; a decoding error names file, line and byte.

    Bytes are split at newlines and decoded line by line (a newline byte never falls inside
    a UTF-8 sequence), so the line number and byte offset of a bad byte are exact.
    """
    label = "<stdin>" if name == "-" else name
    offset = 0
    with contextlib.ExitStack() as stack:
        handle = sys.stdin.buffer if name == "-" else stack.enter_context(open(name, "rb"))
        for number, raw in enumerate(handle, 1):
            try:
                yield raw.decode("utf-8", errors)
            except UnicodeDecodeError as exc:
                raise _not_utf8(label, number, offset + exc.start) from None
            offset += len(raw)


def _read_chunks(name: str, errors: str, size: int | None = None) -> Iterator[str]:
    """The text of a file in chunks of whole lines, about ``size`` bytes each, so that no
    line, however long, is held whole: a line longer than ``size`` comes in pieces (a
    character that a piece's end would cut goes with the next).  ``size`` defaults to
    :data:`~acrolib._stream.BLOCK`.  A decoding error names file, line and byte, as
    :func:`_read_lines` does.
    """
    import codecs

    from ._stream import BLOCK

    size = BLOCK if size is None else size
    label = "<stdin>" if name == "-" else name
    offset = 0  # bytes decoded before ``data``
    number = 1  # the line ``data`` starts in
    held = b""  # bytes read and not decoded yet: a line's start, or a character's
    with contextlib.ExitStack() as stack:
        handle: io.BufferedIOBase = (cast(io.BufferedIOBase, sys.stdin.buffer) if name == "-"
                                     else stack.enter_context(open(name, "rb")))
        while True:
            # What the input holds so far, up to ``size``: text arriving on a pipe is
            # expanded as it comes, not a block at a time.
            raw = handle.read1(size)
            data = held + raw if held else raw
            if not data:
                return
            cut = data.rfind(b"\n") + 1 if raw else len(data)
            if not cut and len(data) < size:
                held = data  # a short read in the middle of a line: wait for the rest
                continue
            try:
                if cut:  # whole lines, or the end of the file
                    text, used = data[:cut].decode("utf-8", errors), cut
                else:  # a piece of a long line
                    text, used = codecs.utf_8_decode(data, errors, False)
            except UnicodeDecodeError as exc:
                line = number + data.count(b"\n", 0, exc.start)
                raise _not_utf8(label, line, offset + exc.start) from None
            number += data.count(b"\n", 0, used)
            offset += used
            held = data[used:]
            if text:
                yield text


def _read_text(name: str, errors: str) -> str:
    """The whole text of a file (``-``: standard input), read in blocks."""
    return "".join(_read_chunks(name, errors))


def _not_utf8(label: str, line: int, byte: int) -> InputError:
    return InputError(not_utf8(byte), path=label, line=line)


@contextlib.contextmanager
def _output(args: argparse.Namespace) -> Iterator[TextIO]:
    target = getattr(args, "output", None)
    if target is None or target == "-":
        yield cast(TextIO, _Guarded(sys.stdout))
        return
    _refuse_an_input(target, getattr(args, "files", []) or [])
    from pathlib import Path

    from ._atomic import atomic_writer

    with atomic_writer(Path(target)) as handle:
        yield cast(TextIO, _Guarded(handle))
        _interrupts.check()  # before the file is renamed into place


def _refuse_an_input(target: str, names: Iterable[str]) -> None:
    """Raise when the output file ``target`` is one of the inputs (by any name or link).

    One ``stat`` of the output, and one of each input only when the output exists: a run
    over thousands of files to a new file checks nothing more.
    """
    try:
        out = os.stat(target)
    except OSError:
        return  # nothing there yet, so no input can be it
    for name in names:
        if name == "-":
            continue
        try:
            same = os.path.samestat(os.stat(name), out)
        except OSError:
            continue  # a missing input is reported when it is read
        if same:
            raise InputError("refusing to overwrite an input file", path=target)


def _inputs(args: argparse.Namespace) -> list[str]:
    return list(args.files) or ["-"]


# -- verbs ---------------------------------------------------------------------------------

def _run_demo(args: argparse.Namespace) -> int:
    resolver = _resolver(args)
    print(resolver.expand(EXAMPLE))
    print("Mentions:")
    for mention in resolver.annotate(EXAMPLE).mentions:
        expansion = mention.expansion or "-"
        print(f"  {mention.start:>4}-{mention.end:<4} {mention.text:<10} "
              f"{mention.source.value:<9} {expansion}")
    return 0


def _run_lookup(args: argparse.Namespace) -> int:
    resolver = _resolver(args)
    missing = 0
    records = []
    for term in args.terms:
        entry = resolver.lookup(term)
        if entry is None:
            missing += 1
            records.append({"term": term, "key": None, "senses": []})
            if args.format == "text":
                print(f"{term}: not in the glossary")
            continue
        records.append({"term": term, "key": entry.key, "well_known": entry.well_known,
                        "needs_context": entry.needs_context,
                        "senses": [{"long": s.long, "source": s.source,
                                    "domains": list(s.domains), "note": s.note}
                                   for s in entry.senses]})
        if args.format == "text":
            print(_describe(term, entry))
    if args.format == "json":
        import json

        print(json.dumps(records, ensure_ascii=False, indent=2))
    return 1 if missing else 0


def _describe(term: str, entry: Entry) -> str:
    head = entry.key if term == entry.key else f"{term} -> {entry.key}"
    marks = [mark for mark, on in (("well known", entry.well_known),
                                   ("needs context", entry.needs_context)) if on]
    lines = [head + "".join(f" ({mark})" for mark in marks)]
    for number, sense in enumerate(entry.senses, 1):
        lines.append(f"  {number}. {sense.long}")
        if sense.domains:
            lines.append(f"     domains: {', '.join(sense.domains)}")
        lines.append(f"     source: {sense.source or '(none given)'}")
        if sense.note:
            lines.append(f"     note: {sense.note}")
    return "\n".join(lines)


def _run_expand(args: argparse.Namespace) -> int:
    resolver = _resolver(args)
    job = _FileJob(resolver, "expand", args.mode, args.encoding_errors, args.expand_well_known)

    def stream(name: str) -> Iterator[str]:
        # Paragraph by paragraph, and a long line in pieces: in bounded memory.
        return resolver.expand_stream(_read_chunks(name, args.encoding_errors),
                                      args.mode, well_known=args.expand_well_known)

    return _write_outputs(args, job, stream)


def _write_outputs(args: argparse.Namespace, job: _FileJob,
                   stream: Callable[[str], Iterable[str]]) -> int:
    """Write the output for every input file, in order: runs of small files through the
    worker processes (``job``), the others (a large file, standard input, a lone file) here,
    through ``stream``."""
    names = _inputs(args)
    progress = Progress("files", total=len(names))
    with _output(args) as out:
        sizes: dict[str, int] = {}
        for group, whole in _file_groups(names, len(names) > 1 and args.jobs != 1, sizes):
            if whole:
                from ._parallel import map_ordered

                total = sum(sizes[name] for name in group)
                for text in map_ordered(job, group, jobs=args.jobs, chunksize=64,
                                        size=sizes.__getitem__, total=total):
                    out.write(text)
                    progress.update(1, len(text))
                continue
            [name] = group
            for piece in stream(name):
                out.write(piece)
                progress.update(0, len(piece))
            progress.update(1)
    progress.close()
    return 0


#: Files larger than this are not read whole by a worker: the main process streams them.
STREAM_OVER = 32 << 20


def _file_groups(names: list[str], parallel: bool, sizes: dict[str, int] | None = None,
                 ) -> Iterator[tuple[list[str], bool]]:
    """Runs of small files for the workers (True), and files to stream one by one (False):
    a large file, standard input, a lone file, or every file when not ``parallel``.  The
    sizes it reads go into ``sizes``, so that the workers' tasks are sized without reading
    them again."""
    if sizes is None:
        sizes = {}
    run: list[str] = []
    for name in names:
        if parallel:
            sizes[name] = _file_size(name)
            if sizes[name] <= STREAM_OVER:
                run.append(name)
                continue
        if run:
            yield run, len(run) > 1
            run = []
        yield [name], False
    if run:
        yield run, len(run) > 1


def _file_size(name: str) -> int:
    """Bytes in a file (a task's share of work); a large guess when it cannot be told."""
    try:
        return os.stat(name).st_size
    except (OSError, ValueError):
        return 1 << 30


class _FileJob:
    """Expand or render one whole file; picklable, for worker processes."""

    def __init__(self, resolver: Resolver, action: str, option: str, errors: str,
                 well_known: bool = False) -> None:
        self.resolver = resolver
        self.action = action
        self.option = option
        self.errors = errors
        self.well_known = well_known

    def __call__(self, name: str) -> str:
        resolver = self.resolver
        text = _read_text(name, self.errors)
        if self.action == "expand":
            return resolver.expand(text, self.option, well_known=self.well_known)
        return _render(resolver.annotate(text), self.option, name)


def _run_annotate(args: argparse.Namespace) -> int:
    resolver = _resolver(args)
    if args.jsonl:
        from ._jsonl import annotate_jsonl

        with _output(args) as out:
            counts = annotate_jsonl(resolver, _inputs(args), out, field=args.field,
                                    output_field=args.output_field, on_error=args.on_error,
                                    jobs=args.jobs, encoding_errors=args.encoding_errors)
        print(counts.summary(), file=sys.stderr)
        return 0
    job = _FileJob(resolver, "annotate", args.format, args.encoding_errors)
    return _write_outputs(args, job, lambda name: (job(name),))


def _render(annotated: Annotated, fmt: str, name: str) -> str:
    if fmt in ("json", "jsonl"):
        import json

        record = annotated.to_dict()
        if fmt == "jsonl":
            from ._annotated import one_line

            return one_line(json.dumps({"file": name, **record}, ensure_ascii=False)) + "\n"
        return json.dumps(record, ensure_ascii=False, indent=2) + "\n"
    from . import _render as render

    if fmt == "html":
        return render.to_html(annotated, title=name)
    if fmt == "markdown":
        return render.to_markdown(annotated)
    return render.to_footer(annotated)


def _uses_glossary_options(args: argparse.Namespace) -> bool:
    return bool(args.glossary or args.pack or args.no_default_glossary)


def _run_lint(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ._config import load_config
    from ._lint import RULES, LintConfig, exit_code, format_report

    if args.list_rules:
        for rule in RULES.values():
            print(f"{rule.id}\t{rule.severity}\t{rule.summary}")
        return 0
    config = load_config(Path.cwd())
    if _uses_glossary_options(args):
        resolver = _resolver(args)
    else:
        resolver = config.resolver()
        _started()
    lint_config = LintConfig(disabled=frozenset(config.disabled_rules),
                             min_severity=config.min_severity).with_overrides(
        disable=args.disable, min_severity=args.min_severity)
    results = []
    code = 0
    for name in _inputs(args):
        text = _read_text(name, args.encoding_errors)
        findings = lint_config.lint(text, resolver=resolver, well_known=config.well_known)
        results.append(("<stdin>" if name == "-" else name, findings))
        code = max(code, exit_code(findings, args.fail_on))
    report = format_report(results, args.format)
    if report:
        sys.stdout.write(report if report.endswith("\n") else report + "\n")
    return code


def _run_mine(args: argparse.Namespace) -> int:
    from ._mine import mine
    resolver = _resolver(args)
    documents = _records(args.files, args.field, args.encoding_errors) if args.jsonl else (
        ("<stdin>" if name == "-" else name, _read_text(name, args.encoding_errors))
        for name in args.files
    )
    result = mine(documents, glossary=resolver.glossary)
    with _output(args) as out:
        out.write(result.to_toml(include_known=not args.new_only))
    return 0


def _records(names: list[str], field: str, errors: str) -> Iterator[tuple[str, str]]:
    """``(FILE:LINE, text)`` of ``field`` in each JSONL record of ``names``; a malformed
    record stops the run with its file and line."""
    from ._jsonl import parse_line

    for name in names:
        label = "<stdin>" if name == "-" else name
        for number, line in enumerate(_read_lines(name, errors), 1):
            if not line.strip():
                continue
            parsed = parse_line(line, field)
            if isinstance(parsed, str):
                raise InputError(parsed, path=label, line=number)
            yield f"{label}:{number}", parsed[1]


def _run_glossary_list(args: argparse.Namespace) -> int:
    resolver = _resolver(args)
    for entry in sorted(resolver.glossary, key=lambda e: e.key.casefold()):
        longs = " | ".join(s.long for s in entry.senses)
        print(f"{entry.key}\t{longs}\t[{entry.pack}]")
    return 0


def _run_glossary_show(args: argparse.Namespace) -> int:
    resolver = _resolver(args)
    entry = resolver.lookup(args.key)
    if entry is None:
        _error(f"{args.key!r} is not in the glossary")
        return 1
    print(_describe(args.key, entry))
    if entry.variants:
        print(f"  variants: {', '.join(entry.variants)}")
    print(f"  pack: {entry.pack}")
    return 0


def _run_glossary_validate(args: argparse.Namespace) -> int:
    from ._glossary import Glossary
    from .exceptions import GlossaryError

    failed = 0
    for path in args.paths:
        try:
            glossary = Glossary.load(path)
        except GlossaryError as exc:
            failed += 1
            _error(str(exc))
            continue
        print(f"{path}: ok, {len(glossary)} entries")
    return 1 if failed else 0


def _run_glossary_dump(args: argparse.Namespace) -> int:
    resolver = _resolver(args)
    text = resolver.glossary.dump(format=args.format)
    with _output(args) as out:
        out.write(text)
    return 0


def _run_glossary_packs(args: argparse.Namespace) -> int:
    from ._glossary import available_packs, default_glossary

    for name in available_packs():
        print(f"{name}\t{len(default_glossary([name]))} entries")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(entry())
