#!/usr/bin/env python3
"""What two jobs cost in instructions: ``annotate_many`` with one worker against one process.

Usage::

    python benchmarks/parallel_instructions.py [--compiled DIR] [--mb 2] [--json OUT]

Wall-clock speed-ups on a shared machine move with whatever else the host runs; instruction
counts do not.  This script runs the same documents (``--mb`` of the benchmark corpus, taken
evenly from it) under ``valgrind --tool=callgrind``, following forked processes, four times:
one process annotating them, or a :meth:`Resolver.workers` pool of two jobs (this process and
one worker, started beforehand) mapping them; each once with the pass and once without, so
that loading, warming up and starting the worker cancel out.  It prints the instructions of
the pass in each process, and of ``Resolver.annotate`` within it when the compiled build is
measured (the pure-Python build's functions are not visible to callgrind).

From these follow the instructions that sharing the work adds (sending documents, pickling
and reading back results, the executor's threads) and the speed-up two equal cores could
give at best: one process's count over half the two processes' sum.  Page faults after the
fork are the kernel's work and are not counted; the worker here was forked before the pass.

Needs valgrind; the corpus is built as ``throughput.py`` builds it.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus as corpus_mod  # noqa: E402
import subject  # noqa: E402

#: The measured process: ``MODE`` is "one" or "two", ``PASSES`` 0 or 1.
CHILD = r"""
import sys
sys.path.insert(0, sys.argv[4])
import corpus, acrolib
mode, passes, size = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
docs = corpus.load_documents(corpus.corpus_path(int(sys.argv[5])))
step = max(1, round(sum(map(len, docs)) / (size * 1e6)))
docs = docs[::step]
resolver = acrolib.Resolver()
for doc in docs[:40]:
    resolver.annotate(doc)
workers = resolver.workers(jobs=2)
if mode == "two":
    list(workers.annotate_many(docs[:60]))  # the worker starts, and warms up, here
for _ in range(passes):
    if mode == "one":
        for doc in docs:
            resolver.annotate(doc)
    else:
        for _annotated in workers.annotate_many(docs):
            pass
workers.close()
"""

#: The corpus the documents are taken from (the one throughput.py measures).
CORPUS_MB = 60

#: The compiled build's symbol for ``Resolver.annotate``.
ANNOTATE = "CPyDef__resolve___Resolver___annotate"


def run(mode: str, passes: int, mb: float, out: Path) -> subprocess.Popen[bytes]:
    """Start one measured process under callgrind; its files are ``out``.<pid>."""
    command = ["valgrind", "--tool=callgrind", "--trace-children=yes",
               f"--callgrind-out-file={out}.%p", sys.executable, "-c", CHILD, mode,
               str(passes), str(mb), str(HERE), str(CORPUS_MB)]
    env = dict(subject.child_env(), PYTHONHASHSEED="0")
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def counts(path: Path) -> tuple[int, int | None]:
    """(all instructions, those under ``Resolver.annotate`` or None) of one callgrind file."""
    total = None
    for line in path.read_text(errors="replace").splitlines():
        if line.startswith(("summary:", "totals:")):
            total = int(line.split()[1])
            break
    if total is None:
        raise SystemExit(f"{path}: no instruction total (did valgrind finish?)")
    listing = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100",
                              str(path)], capture_output=True, text=True, check=True).stdout
    for line in listing.splitlines():
        found = re.match(r"\s*([\d,]+) .*:" + ANNOTATE + r"(?: |$)", line)
        if found:
            return total, int(found.group(1).replace(",", ""))
    return total, None


def measure(mb: float) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="acrolib-cg-") as folder:
        started = {(mode, passes): (run(mode, passes, mb, Path(folder) / f"{mode}.{passes}"))
                   for mode in ("one", "two") for passes in (0, 1)}
        for key, process in started.items():
            if process.wait() != 0:
                raise SystemExit(f"the {key[0]}-job run with {key[1]} pass(es) failed "
                                 f"(exit status {process.returncode})")
        files: dict[tuple[str, int], dict[str, tuple[int, int | None]]] = {}
        for (mode, passes), process in started.items():
            found = sorted(Path(folder).glob(f"{mode}.{passes}.*"))
            caller = Path(folder) / f"{mode}.{passes}.{process.pid}"
            others = [p for p in found if p != caller]
            if not caller.exists() or len(others) != (1 if mode == "two" else 0):
                raise SystemExit(f"unexpected callgrind files for {mode}: {found}")
            files[mode, passes] = {"caller": counts(caller)}
            if others:
                files[mode, passes]["worker"] = counts(others[0])

    def delta(mode: str, role: str) -> tuple[int, int | None]:
        (t1, a1), (t0, a0) = files[mode, 1][role], files[mode, 0][role]
        return t1 - t0, None if a1 is None or a0 is None else a1 - a0

    rows = {"one": delta("one", "caller"), "caller": delta("two", "caller"),
            "worker": delta("two", "worker")}
    one, both = rows["one"][0], rows["caller"][0] + rows["worker"][0]
    result: dict[str, Any] = {name: {"all": a, "annotate": b} for name, (a, b) in rows.items()}
    result.update(mb=mb, both=both, extra=both / one - 1, ceiling=one / (both / 2))
    return result


def table(result: dict[str, Any]) -> str:
    def m(value: int | None) -> str:
        return "—" if value is None else f"{value / 1e6:,.0f}"

    one, caller, worker = result["one"], result["caller"], result["worker"]
    work = (None if caller["annotate"] is None or worker["annotate"] is None
            else caller["annotate"] + worker["annotate"])
    rows = [
        ("one process", m(one["all"]), m(one["annotate"])),
        ("two jobs: this process", m(caller["all"]), m(caller["annotate"])),
        ("two jobs: the worker", m(worker["all"]), m(worker["annotate"])),
        ("two jobs: both", m(result["both"]), m(work)),
    ]
    lines = [f"### Instructions of one pass over {result['mb']:g} MB (millions, callgrind)", "",
             "| run | all | in Resolver.annotate |", "|---|---|---|"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    lines += ["", f"Two jobs execute {result['extra']:.1%} more instructions than one process; "
              f"with two equal cores the speed-up could be at most {result['ceiling']:.2f}×."]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--compiled", metavar="DIR",
                        help="measure the compiled build in DIR (as throughput.py --compiled)")
    parser.add_argument("--mb", type=float, default=2.0, help="megabytes annotated (default 2)")
    parser.add_argument("--json", metavar="OUT", help="also write the figures as JSON")
    args = parser.parse_args()
    if shutil.which("valgrind") is None or shutil.which("callgrind_annotate") is None:
        raise SystemExit("valgrind (with callgrind_annotate) is needed for this measurement")
    if args.compiled:
        os.environ[subject.ENV] = str(Path(args.compiled).resolve())
    corpus_mod.build(CORPUS_MB, log=None)
    result = measure(args.mb)
    print(table(result))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
