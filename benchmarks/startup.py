#!/usr/bin/env python3
"""Start-up time: ``acrolib expand FILE`` on a 1 KB input against ``python3 -c pass``.

Usage::

    python benchmarks/startup.py [--runs N] [--json OUT]

The command is, in order of preference: the ``acrolib`` console script next to the running
interpreter (or on PATH), ``python -m acrolib expand FILE`` when ``acrolib.cli`` exists, and
otherwise ``python -c "import acrolib; acrolib.expand(open(F).read())"`` (the table says which).
The measured package's bytecode is written first, as installing it would.
The commands run alternately ``--runs`` times (median wall time), with
``python3 -c "import attrs, regex"`` between them: the floor the dependencies set.
``-X importtime`` gives the top import costs, and a phase breakdown times import, glossary
load and the first expansion.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DATA = HERE / "_data"
sys.path.insert(0, str(HERE))

import subject  # noqa: E402

SAMPLE = (
    "The Caribbean Basin Security Initiative (CBSI) funds training for law enforcement. "
    "The CBSI works with CARICOM IMPACS and the U.S. Department of State. NATO and the UN "
    "were briefed. The Regional Security System (RSS) coordinates maritime patrols, and the "
    "RSS's aircraft support the DEA and the FBI. Two MOUs were signed in 2023. The IRS, the "
    "EPA and the FDA were not involved. Officials said the WHO and UNICEF would join later. "
)
TARGET = 1.8


def _env() -> dict[str, str]:
    return subject.child_env()


def sample_file() -> Path:
    DATA.mkdir(parents=True, exist_ok=True)
    path = DATA / "startup-1k.txt"
    text = (SAMPLE * 4)[:1000]
    text = text[: text.rfind(".") + 1] + "\n"
    path.write_text(text, encoding="utf-8")
    return path


def command(path: Path) -> tuple[list[str], str]:
    """The start-up command and a label saying which form it is."""
    script = Path(sys.executable).with_name("acrolib")
    found = str(script) if script.exists() else shutil.which("acrolib")
    if found:
        return [found, "expand", str(path)], "acrolib expand FILE (console script)"
    subject.use_in_process()
    if importlib.util.find_spec("acrolib.cli") is not None:
        return ([sys.executable, "-m", "acrolib", "expand", str(path)],
                "python -m acrolib expand FILE (no console script installed)")
    code = f"import acrolib; acrolib.expand(open({str(path)!r}).read())"
    return ([sys.executable, "-c", code],
            "python -c 'import acrolib; acrolib.expand(...)' (no CLI yet)")


def _wall(cmd: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_env(),
                   check=False)
    return time.perf_counter() - started


def import_times(cmd: list[str], top: int = 12) -> list[dict[str, Any]]:
    """``-X importtime`` of the command: the costliest imports by cumulative time."""
    if cmd[0] != sys.executable:  # console script: run its module the same way
        cmd = [sys.executable, "-m", "acrolib", *cmd[1:]]
    proc = subprocess.run([cmd[0], "-X", "importtime", *cmd[1:]], capture_output=True,
                          text=True, env=_env())
    rows = []
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        parts = line[len("import time:"):].split("|")
        if len(parts) != 3:
            continue
        name = parts[2].rstrip()
        depth = (len(name) - len(name.lstrip())) // 2
        rows.append({"module": name.strip(), "self_ms": int(parts[0]) / 1000,
                     "cumulative_ms": int(parts[1]) / 1000, "depth": depth})
    top_level = [r for r in rows if r["depth"] <= 1]
    return sorted(top_level, key=lambda r: -r["cumulative_ms"])[:top]


PHASES = """
import time, json
t0 = time.perf_counter()
import acrolib
# The package loads its modules on first use: name them, so that this phase imports them all.
acrolib.Resolver, acrolib.default_glossary, acrolib.expand
t1 = time.perf_counter()
acrolib.default_glossary()
t2 = time.perf_counter()
acrolib.expand(open(PATH).read())
t3 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "glossary": t2 - t1, "first expand": t3 - t2}))
"""


def phases(path: Path, runs: int = 5) -> dict[str, float]:
    code = PHASES.replace("PATH", repr(str(path)))
    samples: dict[str, list[float]] = {}
    for _ in range(runs):
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              env=_env())
        if proc.returncode != 0:
            return {}
        for key, value in json.loads(proc.stdout.strip().splitlines()[-1]).items():
            samples.setdefault(key, []).append(value)
    return {k: statistics.median(v) for k, v in samples.items()}


def measure(runs: int = 20, log: Callable[[str], None] | None = None) -> dict[str, Any]:
    path = sample_file()
    cmd, label = command(path)
    subject.precompile()
    base = [sys.executable, "-c", "pass"]
    ok = subprocess.run(cmd, capture_output=True, env=_env())
    if ok.returncode != 0:
        return {"error": ok.stderr.decode(errors="replace").strip().splitlines()[-1:],
                "label": label}
    # The floor set by the required dependencies, before acrolib runs any code of its own.
    deps = [sys.executable, "-c", "import attrs, regex"]
    _wall(cmd), _wall(base), _wall(deps)  # warm the page cache
    acro, bare, floor = [], [], []
    for _ in range(runs):
        bare.append(_wall(base))
        floor.append(_wall(deps))
        acro.append(_wall(cmd))
    result = {
        "label": label, "command": cmd, "runs": runs,
        "acrolib_s": statistics.median(acro), "python_pass_s": statistics.median(bare),
        "dependencies_s": statistics.median(floor),
        "imports": import_times(cmd), "phases": phases(path),
    }
    result["ratio"] = result["acrolib_s"] / result["python_pass_s"]
    result["met"] = result["ratio"] <= TARGET
    return result


def render(result: dict[str, Any]) -> str:
    from throughput import fmt, table, yes

    if "error" in result:
        return table("Start-up", ["command", "result"], [[result["label"], str(result["error"])]])
    rows = [
        ["python3 -c pass", fmt(result["python_pass_s"] * 1000, 0), "1.00", "—", "—"],
    ]
    if "dependencies_s" in result:
        rows.append(["python3 -c 'import attrs, regex' (the dependencies alone)",
                     fmt(result["dependencies_s"] * 1000, 0),
                     fmt(result["dependencies_s"] / result["python_pass_s"], 2), "—", "—"])
    rows += [
        [result["label"], fmt(result["acrolib_s"] * 1000, 0), fmt(result["ratio"], 2),
         f"≤ {TARGET}× python -c pass", yes(result["met"])],
    ]
    out = table(f"Start-up on a 1 KB input (median of {result['runs']} runs)",
                ["command", "wall ms", "ratio", "target", "met?"], rows)
    if result.get("phases"):
        out += "\n" + table("Start-up phases (in-process, median of 5)",
                            ["phase", "ms"],
                            [[k, fmt(v * 1000, 1)] for k, v in result["phases"].items()])
    if result.get("imports"):
        out += "\n" + table("Top imports (-X importtime, cumulative; depth ≤ 1)",
                            ["module", "cumulative ms", "self ms"],
                            [[("  " * r["depth"]) + r["module"], fmt(r["cumulative_ms"], 1),
                              fmt(r["self_ms"], 1)] for r in result["imports"]])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--json", metavar="OUT")
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    result = measure(args.runs)
    print(render(result))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
