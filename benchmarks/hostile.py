#!/usr/bin/env python3
"""Time acrolib on hostile inputs against ordinary prose: every ratio should be <= 3.

Usage::

    PYTHONPATH=src python benchmarks/hostile.py [--mb 1] [--runs 3] [--json]

Prose is generated from text already on the machine (``/usr/share/common-licenses/*``, else a
built-in paragraph) and repeated to size; nothing is copied into the repository.  Each input is
timed with ``find_definitions`` (and ``acrolib.annotate`` when it exists); the median of
``--runs`` runs gives seconds per MB and the ratio to prose.
"""

from __future__ import annotations

import argparse
import glob
import json
import statistics
import sys
import time
from collections.abc import Callable

_FALLBACK = (
    "The regional security partnership (RSP) was launched after a long review of maritime "
    "patrols, customs data and training needs. Officials said the Joint Training Centre would "
    "open next year, and that the budget, or JTC grant, covers staff, equipment and travel. "
    "Critics argued that the plan (which had been delayed twice) left smaller islands without "
    "support; supporters replied that funding would follow in later phases.\n"
)


#: Inputs reported for information only: real work per character, not a pathology.
_INFO_ONLY = {"acronym-parens"}


def prose(size: int) -> str:
    parts: list[str] = []
    for path in sorted(glob.glob("/usr/share/common-licenses/*")):
        try:
            with open(path, encoding="utf-8", errors="replace") as fh:
                parts.append(fh.read())
        except OSError:
            continue
    base = "\n".join(parts) or _FALLBACK
    return (base * (size // max(1, len(base)) + 1))[:size]


def inputs(mb: float) -> dict[str, str]:
    n = int(mb * 1_000_000)
    half = n // 2
    return {
        "prose": prose(n),
        "open-parens": "(" * n,
        "A.": "A." * (n // 2),
        "nested": "(" * half + "x" + ")" * half,
        ")(": ")(" * (n // 2),
        "A (B (C (": ("A (B (C (" * (n // 9 + 1))[:n],
        "acronym-parens": ("Alpha Beta (AB) " * (n // 16 + 1))[:n],
        "10MB-line": prose(10 * n).replace("\n", " "),
    }


def timed(fn: Callable[[str], object], text: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn(text)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=1.0, help="size of each input in MB (default 1)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    from acrolib._definitions import find_definitions

    funcs: dict[str, Callable[[str], object]] = {"find_definitions": find_definitions}
    try:
        import acrolib

        annotate = getattr(acrolib, "annotate", None)
        if annotate is not None:
            funcs["annotate"] = annotate
    except ImportError:
        pass

    data = inputs(args.mb)
    rows = []
    for fname, fn in funcs.items():
        base = None
        for name, text in data.items():
            secs = timed(fn, text, args.runs)
            per_mb = secs / (len(text.encode("utf-8", "surrogatepass")) / 1_000_000)
            if name == "prose":
                base = per_mb
            ratio = per_mb / base if base else float("nan")
            rows.append(
                {
                    "function": fname,
                    "input": name,
                    "chars": len(text),
                    "s_per_mb": per_mb,
                    "ratio": ratio,
                }
            )
    if args.json:
        print(json.dumps(rows, indent=1))
        return 0
    print(f"{'function':<18} {'input':<16} {'chars':>10} {'s/MB':>9} {'MB/s':>8} {'ratio':>7}")
    for r in rows:
        mbps = 1 / r["s_per_mb"] if r["s_per_mb"] else float("inf")
        if r["input"] in _INFO_ONLY:
            flag = "  (info: every bracket is a definition)"
        else:
            flag = "" if r["ratio"] <= 3 else "  <-- over 3"
        print(
            f"{r['function']:<18} {r['input']:<16} {r['chars']:>10} {r['s_per_mb']:9.4f} "
            f"{mbps:8.1f} {r['ratio']:7.2f}{flag}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
