#!/usr/bin/env python3
"""Peak RSS of the CLI on large inputs: ``acrolib annotate --jsonl`` and ``acrolib expand``.

Usage::

    python benchmarks/memory.py [--sizes MB,MB] [--json OUT]

Inputs are cut from the benchmark corpus (``corpus.py``): a JSONL file of ``{"id", "text"}``
records (one per corpus document) and a plain text file of the same documents, which
``expand`` also reads with every blank line dropped (one paragraph) and with every line break
made a space (one line).  Each command
runs in its own process with ``--jobs 1`` where the verb has it, output to /dev/null; its peak
RSS is the VmHWM the process reports on exit (a small launcher runs ``python -m acrolib``).
The same command on a 1 KB input is the
baseline, so "extra" is what the input adds.  Bounded memory means the peak does not grow with
the input: the table compares the sizes.  When the CLI or a verb does not exist yet, the row
says "not available".
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DATA = HERE / "_data"
sys.path.insert(0, str(HERE))

import corpus as corpus_mod  # noqa: E402
import subject  # noqa: E402

#: Bounded: the peak on the largest input may exceed the peak on the smallest by this much.
GROWTH_MB = 50


def _env() -> dict[str, str]:
    return subject.child_env()


#: Runs ``python -m acrolib ARGS`` and reports its own VmHWM on exit.  ``ru_maxrss`` from
#: wait4 / RUSAGE_CHILDREN cannot be used: on Linux a child inherits the high-water mark of
#: the parent it was forked from (it survives exec), so a large benchmark parent would
#: hide the CLI's own peak.
_LAUNCHER = """
import atexit, runpy, sys
def _report():
    with open('/proc/self/status') as handle:
        for line in handle:
            if line.startswith('VmHWM:'):
                sys.stderr.write('\\n@@VMHWM_KB ' + line.split()[1] + '\\n')
atexit.register(_report)
sys.argv = ['acrolib', *sys.argv[1:]]
runpy.run_module('acrolib', run_name='__main__', alter_sys=True)
"""


def _cli() -> list[str]:
    return [sys.executable, "-c", _LAUNCHER]


def available(verb: str, flag: str | None = None) -> bool:
    proc = subprocess.run([sys.executable, "-m", "acrolib", verb, "--help"], capture_output=True,
                          text=True, env=_env())
    return proc.returncode == 0 and (flag is None or flag in proc.stdout)


def inputs(corpus: Path, size: int) -> tuple[Path, Path]:
    """(jsonl, plain) files of about ``size`` bytes of corpus text, cached under _data/."""
    DATA.mkdir(parents=True, exist_ok=True)
    jsonl = DATA / f"memory-{size // 1_000_000 or size}.jsonl"
    plain = jsonl.with_suffix(".txt")
    if not (jsonl.exists() and plain.exists()):
        docs = corpus_mod.load_documents(corpus, size) if size > 2000 else \
            [corpus_mod.load_documents(corpus, 1)[0][:size]]
        with open(jsonl, "w", encoding="utf-8") as handle:
            for i, doc in enumerate(docs):
                handle.write(json.dumps({"id": i, "text": doc}, ensure_ascii=False) + "\n")
        plain.write_text("\n\n".join(docs), encoding="utf-8")
    return jsonl, plain


def reshaped(plain: Path, shape: str) -> Path:
    """``plain`` as one paragraph (every blank line dropped) or as one line (every line
    break a space), cached beside it: the same text with nothing to cut it at."""
    out = plain.with_name(f"{plain.stem}-{shape}.txt")
    if not out.exists():
        text = plain.read_text(encoding="utf-8")
        if shape == "one-paragraph":
            text = "".join(line for line in text.splitlines(keepends=True) if line.strip())
        else:
            text = text.replace("\n", " ")
        out.write_text(text, encoding="utf-8")
    return out


def peak(cmd: list[str], timeout: float = 1800) -> dict[str, Any]:
    """Run ``cmd`` (a launcher command); its own peak RSS (MB), wall seconds."""
    started = time.perf_counter()
    with open(os.devnull, "wb") as sink:
        proc = subprocess.Popen(cmd, stdout=sink, stderr=subprocess.PIPE, env=_env())
        deadline = started + timeout
        while True:
            pid, status = os.waitpid(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                os.waitpid(proc.pid, 0)
                return {"error": "timeout"}
            time.sleep(0.02)
    seconds = time.perf_counter() - started
    stderr = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        return {"error": f"exit {code}: " + (stderr.strip().splitlines() or [""])[-1][:120]}
    marks = [line for line in stderr.splitlines() if line.startswith("@@VMHWM_KB ")]
    if not marks:
        return {"error": "no VmHWM reported"}
    return {"peak_mb": int(marks[-1].split()[1]) / 1024, "seconds": seconds}


def measure(corpus: Path, sizes: list[int], log: Callable[[str], None] | None = None
            ) -> dict[str, Any]:
    subject.use_in_process()
    verbs = {
        "annotate --jsonl": available("annotate", "--jsonl"),
        "expand": available("expand"),
    }
    # The same text with no blank line, and with no line break: a paragraph, or a line, as
    # long as the file.
    verbs["expand, one paragraph"] = verbs["expand, one line"] = verbs["expand"]
    result: dict[str, Any] = {"available": verbs, "runs": []}
    for size in [1000, *sizes]:
        jsonl, plain = inputs(corpus, size)
        for verb, ok in verbs.items():
            source = (jsonl if verb.startswith("annotate") else
                      plain if verb == "expand" else
                      reshaped(plain, verb.split(", ")[1].replace(" ", "-")))
            row: dict[str, Any] = {"verb": verb, "size": size, "bytes": source.stat().st_size}
            if not ok:
                row["error"] = "not available"
            else:
                if log:
                    log(f"  memory: {verb} on {row['bytes'] / 1e6:.1f} MB ...")
                if verb.startswith("annotate"):
                    cmd = [*_cli(), "annotate", "--jsonl", "--jobs", "1", str(source)]
                else:
                    cmd = [*_cli(), "expand", str(source)]
                row.update(peak(cmd))
            result["runs"].append(row)
    for verb in verbs:
        rows = [r for r in result["runs"] if r["verb"] == verb and "peak_mb" in r]
        if len(rows) >= 2:
            base = rows[0]["peak_mb"]
            for r in rows:
                r["extra_mb"] = r["peak_mb"] - base
            result[verb] = {"growth_mb": rows[-1]["peak_mb"] - rows[1]["peak_mb"]
                            if len(rows) > 2 else None}
    return result


def render(result: dict[str, Any]) -> str:
    from throughput import fmt, table, yes

    rows = []
    for r in result["runs"]:
        label = f"acrolib {r['verb']} ({r['bytes'] / 1e6:.3g} MB)"
        if "error" in r:
            rows.append([label, r["error"], "—", "—", "—", "—"])
            continue
        largest = r["size"] == max(x["size"] for x in result["runs"] if x["verb"] == r["verb"])
        growth = (result.get(r["verb"]) or {}).get("growth_mb")
        met = None if not largest or growth is None else growth <= GROWTH_MB
        rows.append([label, fmt(r["peak_mb"]), fmt(r.get("extra_mb")),
                     fmt(r["bytes"] / 1e6 / r["seconds"]) if r["size"] > 1000 else "—",
                     f"grows ≤ {GROWTH_MB} MB from the smaller size" if largest else "—",
                     yes(met)])
    return table("CLI memory (peak RSS of the process; extra = over the same command on 1 KB)",
                 ["command (input)", "peak RSS MB", "extra MB", "MB/s", "target", "met?"],
                 rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="5,50", help="input sizes in MB (default 5,50)")
    parser.add_argument("--corpus-size", type=int, default=60)
    parser.add_argument("--json", metavar="OUT")
    args = parser.parse_args()
    corpus = corpus_mod.build(args.corpus_size)
    result = measure(corpus, [int(s) * 1_000_000 for s in args.sizes.split(",")],
                     log=lambda m: print(m, file=sys.stderr))
    print(render(result))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
