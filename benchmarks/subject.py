"""Which acrolib the benchmarks measure, and how to build the compiled one.

By default the working tree's ``src/``; ``ACROLIB_BENCH_PATH`` names another folder holding an
``acrolib`` package (such as the compiled build that :func:`build_compiled` installs), and every
child process, command line included, then imports acrolib from there.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SRC = REPO / "src"
DATA = HERE / "_data"
ENV = "ACROLIB_BENCH_PATH"


def acrolib_path() -> Path | None:
    """The folder acrolib is imported from, or None for whatever is installed."""
    chosen = os.environ.get(ENV)
    if chosen:
        return Path(chosen)
    return SRC if (SRC / "acrolib").is_dir() else None


def child_env(path: Path | None = None) -> dict[str, str]:
    """The environment of a measured child: acrolib's folder first on ``PYTHONPATH``."""
    env = dict(os.environ)
    folder = path or acrolib_path()
    if folder is not None:
        env[ENV] = str(folder)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(folder), env.get("PYTHONPATH")) if p)
    return env


def precompile() -> None:
    """Write the bytecode of the measured acrolib, as installing a package does.

    Without it, a run with ``PYTHONDONTWRITEBYTECODE`` set (or a read-only tree) compiles every
    module from source on each start, which no installed copy does.
    """
    import compileall

    folder = acrolib_path()
    if folder is None:
        import acrolib

        folder = Path(acrolib.__file__).parent.parent
    compileall.compile_dir(str(folder / "acrolib"), quiet=1)


def use_in_process() -> None:
    """Import acrolib from the measured folder in this process too."""
    folder = acrolib_path()
    if folder is not None and str(folder) not in sys.path:
        sys.path.insert(0, str(folder))


def head_commit() -> str:
    """The short name of the commit checked out, or "" outside a repository."""
    return subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
                          capture_output=True, text=True).stdout.strip()


def build_compiled(log: object = print) -> Path:
    """Build the compiled (mypyc) wheel of the working tree and unpack it into a folder.

    Built from the sdist, as a release is, so nothing is written into ``src/``.  Needs the
    ``build`` package and a C compiler.  Returns the folder to import acrolib from.
    """
    commit = head_commit() or "tree"
    dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "src"],
                           capture_output=True, text=True).stdout.strip()
    root = DATA / f"compiled-{commit}{'-dirty' if dirty else ''}"
    site = root / "site"
    if (site / "acrolib").is_dir() and not dirty:
        return site
    shutil.rmtree(root, ignore_errors=True)
    dist = root / "dist"
    log(f"  building the compiled wheel into {root} ...")  # type: ignore[operator]
    env = dict(os.environ, HATCH_BUILD_HOOKS_ENABLE="1")
    subprocess.run([sys.executable, "-m", "build", "--outdir", str(dist), str(REPO)],
                   check=True, env=env, stdout=subprocess.DEVNULL)
    wheel = next(dist.glob("*.whl"))
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                    "--target", str(site), str(wheel)], check=True)
    return site
