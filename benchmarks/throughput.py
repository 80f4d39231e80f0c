#!/usr/bin/env python3
"""Throughput, memory, glossary-build, hostile-input, start-up and parallel benchmarks.

Usage::

    python benchmarks/throughput.py [--quick] [--runs N] [--size MB] [--only SECTION[,SECTION]]
                                    [--json OUT] [--compiled [DIR]]

``--compiled`` measures the compiled (mypyc) build instead of the pure-Python ``src/``, and adds
a row for the pure-Python build next to it.

Sections: ``systems`` (MB/s and peak RSS of acrolib next to a bare ``re`` scan, flashtext,
pyahocorasick, Schwartz-Hearst and scispaCy), ``build`` (building / loading a 100,000-entry
glossary), ``hostile`` (pathological inputs), ``parallel`` (``annotate_many`` on 1 and 2
processes), ``pickle`` (Resolver pickle size), ``startup`` (see ``startup.py``) and ``memory``
(CLI peak RSS on large files, see ``memory.py``); ``profile`` (cProfile of ``annotate`` on
the 5 MB slice; only with ``--only profile``).

Every measured system runs in a fresh subprocess of the same interpreter.  MB = 10^6 bytes of
UTF-8; MB/s is the median of ``--runs`` passes over the same documents.  Peak RSS is the
increase of the child's VmHWM over its RSS once the text is loaded: the peak is reset
(``/proc/self/clear_refs``) after loading, so it counts the system's imports, its data (the
glossary, the automaton, the model) and its working memory, not the text.

A system whose package is missing is reported as "not installed".  The corpus is built once
under ``benchmarks/_data/`` (git-ignored) by ``corpus.py``.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Final

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DATA = HERE / "_data"
sys.path.insert(0, str(HERE))

import corpus as corpus_mod  # noqa: E402
import subject  # noqa: E402

subject.use_in_process()

#: The practical limit: one pass of this pattern with the stdlib ``re``, nothing per match.
RE_PATTERN = r"\b[A-Z][A-Za-z0-9.&-]*[A-Z0-9]s?\b"
BIG_GLOSSARY = 100_000
#: Rounds of the parallel section (at least): its ratios move more from run to run than others.
_PARALLEL_ROUNDS = 5


# --- memory helpers (in the measured child) ---------------------------------------------------

def _status_kb(field: str) -> int:
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def rss_mb() -> float:
    return _status_kb("VmRSS") / 1024


def peak_mb() -> float:
    return _status_kb("VmHWM") / 1024


def reset_peak() -> bool:
    """Reset VmHWM to the current RSS (Linux >= 4.0); False if not possible."""
    try:
        with open("/proc/self/clear_refs", "w") as handle:
            handle.write("5")
        return True
    except OSError:
        return False


class Meter:
    """Baseline RSS taken at construction; ``extra()`` is the peak increase since."""

    def __init__(self) -> None:
        gc.collect()
        self.reset = reset_peak()
        self.base = rss_mb()

    def extra(self) -> float:
        return max(0.0, peak_mb() - self.base)


# --- the generated 100k glossary --------------------------------------------------------------

_NUMBER_WORDS = ["Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine"]
_DOMAINS = ["health", "finance", "defence", "energy", "computing", "law", "transport", "science",
            "education", "agriculture"]


def _vocabulary() -> dict[str, list[str]]:
    import acrolib

    words: dict[str, set[str]] = {}
    for entry in acrolib.default_glossary():
        for sense in entry.senses:
            for word in sense.long.split():
                word = word.strip(",.()'\"")
                if len(word) >= 3 and word.isalpha() and word.isascii():
                    words.setdefault(word[0].upper(), set()).add(word[0].upper() + word[1:])
    for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        words.setdefault(letter, {letter + "ebra"})
    return {k: sorted(v) for k, v in words.items()}


def generated_entries(n: int = BIG_GLOSSARY, seed: int = 42) -> list[Any]:
    """``n`` acronym-shaped entries (2-6 capitals/digits), not in the default glossary.

    85 % have one sense, 12 % two, 3 % three (with domains and context words so that the
    resolver has something to score); 5 % of the short alphabetic keys carry a dotted variant.
    """
    import acrolib
    from acrolib import Entry, Sense

    rng = random.Random(seed)
    vocab = _vocabulary()
    taken = {e.key.upper() for e in acrolib.default_glossary()}
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    lengths, weights = [2, 3, 4, 5, 6], [3, 30, 37, 18, 12]
    entries = []
    while len(entries) < n:
        size = rng.choices(lengths, weights)[0]
        chars = [rng.choice(letters)]
        for _ in range(size - 1):
            chars.append(rng.choice("0123456789") if rng.random() < 0.12 else rng.choice(letters))
        key = "".join(chars)
        if key in taken:
            continue
        taken.add(key)
        roll = rng.random()
        count = 1 if roll < 0.85 else 2 if roll < 0.97 else 3
        senses: list[Any] = []
        longs: set[str] = set()
        for _ in range(count * 4):
            if len(senses) == count:
                break
            long = " ".join(
                _NUMBER_WORDS[int(c)] if c.isdigit() else rng.choice(vocab[c]) for c in key
            )
            if long.casefold() in longs:  # senses of one entry must differ
                continue
            longs.add(long.casefold())
            if count == 1:
                senses.append(Sense(long=long))
            else:
                senses.append(Sense(
                    long=long, domains=(rng.choice(_DOMAINS),),
                    context=tuple(rng.choice(vocab[rng.choice(letters)]).lower()
                                  for _ in range(3)),
                    prior=rng.choice([0.5, 1.0, 2.0]),
                ))
        variants = (".".join(key) + ".",) if size <= 3 and key.isalpha() \
            and rng.random() < 0.05 else ()
        entries.append(Entry(key=key, senses=tuple(senses), variants=variants))
    return entries


def _entries_path() -> Path:
    return DATA / f"entries-{BIG_GLOSSARY // 1000}k-v1.pickle"


def _keys_path() -> Path:
    return DATA / f"keys-{BIG_GLOSSARY // 1000}k-v1.txt"


def prepare_big_glossary() -> None:
    """Write the generated entries (pickle) and matcher keys (text) once, under _data/.

    Children load these files instead of generating the entries, so that the garbage of
    generation does not hide the memory a build takes.
    """
    import pickle

    import acrolib

    if _entries_path().exists() and _keys_path().exists():
        return
    DATA.mkdir(parents=True, exist_ok=True)
    entries = generated_entries()
    _entries_path().write_bytes(pickle.dumps(entries, protocol=pickle.HIGHEST_PROTOCOL))
    keys: list[str] = []
    for entry in entries + list(acrolib.default_glossary()):
        keys.append(entry.key)
        keys.extend(entry.variants)
    _keys_path().write_text("\n".join(dict.fromkeys(keys)) + "\n", encoding="utf-8")


def big_entries() -> list[Any]:
    """The 100k generated entries (from the cache written by prepare_big_glossary)."""
    import pickle

    prepare_big_glossary()
    return pickle.loads(_entries_path().read_bytes())  # type: ignore[no-any-return]


def big_keys() -> list[str]:
    """The surface strings a keyword matcher needs: 100k keys + variants, plus the default's."""
    prepare_big_glossary()
    return _keys_path().read_text(encoding="utf-8").split()


def glossary_file(fmt: str) -> Path:
    """The 100k glossary written by ``Glossary.dump`` (cached under _data/)."""
    import acrolib

    path = DATA / f"glossary-{BIG_GLOSSARY // 1000}k-v1.{fmt}"
    if not path.exists():
        DATA.mkdir(parents=True, exist_ok=True)
        acrolib.Glossary.from_entries(big_entries()).dump(path)
    return path


# --- systems ----------------------------------------------------------------------------------

def _not_installed(module: str) -> None:
    import importlib.util

    if importlib.util.find_spec(module) is None:
        raise ModuleNotFoundError(module)


def make_system(name: str) -> Callable[[list[str]], int]:
    """A function that processes a list of documents and returns a count (for sanity)."""
    if name == "re":
        import re

        finditer = re.compile(RE_PATTERN).finditer

        def run(docs: list[str]) -> int:
            for doc in docs:
                for _ in finditer(doc):
                    pass
            return 0
        return run
    if name in ("acrolib", "acrolib-100k", "acrolib-100k-frozen", "acrolib-pure"):
        import acrolib

        if not name.startswith("acrolib-100k"):
            resolver = acrolib.Resolver()
        else:
            entries = big_entries()
            resolver = acrolib.Resolver(layers=[acrolib.Glossary.from_entries(entries)])
            del entries
        resolver.annotate("The Caribbean Basin Security Initiative (CBSI) warms up.")
        if name == "acrolib-100k-frozen":
            # The advice of docs/performance.md for a large glossary in a long-lived process.
            gc.collect()
            gc.freeze()
        annotate = resolver.annotate

        def run(docs: list[str]) -> int:
            n = 0
            for doc in docs:
                n += len(annotate(doc).mentions)
            return n
        return run
    if name == "find_definitions":
        import acrolib

        find = acrolib.find_definitions
        find("The Caribbean Basin Security Initiative (CBSI) warms up.")

        def run(docs: list[str]) -> int:
            return sum(len(find(doc)) for doc in docs)
        return run
    if name == "flashtext":
        _not_installed("flashtext")
        keys = big_keys()
        from flashtext import KeywordProcessor

        processor = KeywordProcessor(case_sensitive=True)
        for key in keys:
            processor.add_keyword(key)
        del keys
        extract = processor.extract_keywords

        def run(docs: list[str]) -> int:
            return sum(len(extract(doc, span_info=True)) for doc in docs)
        return run
    if name == "ahocorasick":
        _not_installed("ahocorasick")
        keys = big_keys()
        import ahocorasick

        automaton = ahocorasick.Automaton()
        for key in keys:
            automaton.add_word(key, len(key))
        automaton.make_automaton()
        del keys

        def run(docs: list[str]) -> int:
            n = 0
            for doc in docs:
                last = len(doc) - 1
                for end, length in automaton.iter(doc):
                    start = end - length + 1
                    if start > 0 and doc[start - 1].isalnum():
                        continue
                    if end < last and doc[end + 1].isalnum():
                        continue
                    n += 1
            return n
        return run
    if name == "schwartz-hearst":
        _not_installed("abbreviations")
        import logging

        from abbreviations import schwartz_hearst

        logging.getLogger("abbreviations").setLevel(logging.CRITICAL)
        extract = schwartz_hearst.extract_abbreviation_definition_pairs

        def run(docs: list[str]) -> int:
            return sum(len(extract(doc_text=doc)) for doc in docs)
        return run
    if name == "scispacy":
        _not_installed("scispacy")
        _not_installed("spacy")
        import warnings

        warnings.filterwarnings("ignore")
        import scispacy.abbreviation  # noqa: F401  (registers the factory)
        import spacy

        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        nlp.add_pipe("abbreviation_detector")
        nlp("The Caribbean Basin Security Initiative (CBSI) warms up.")

        def run(docs: list[str]) -> int:
            return sum(len(doc._.abbreviations) for doc in nlp.pipe(docs))
        return run
    raise ValueError(f"unknown system {name!r}")


# --- workers (run in a fresh child process) ---------------------------------------------------

def _load(args: dict[str, Any]) -> list[str]:
    docs = corpus_mod.load_documents(Path(args["corpus"]), args.get("limit"))
    if args.get("chunk"):
        docs = corpus_mod.chunk_documents(docs, args["chunk"])
    return docs


def worker_scan(args: dict[str, Any]) -> dict[str, Any]:
    docs = _load(args)
    nbytes = sum(len(d.encode()) for d in docs)
    meter = Meter()
    started = time.perf_counter()
    run = make_system(args["system"])
    setup = time.perf_counter() - started
    times, count = [], 0
    for _ in range(args["runs"]):
        started = time.perf_counter()
        count = run(docs)
        times.append(time.perf_counter() - started)
    return {"bytes": nbytes, "documents": len(docs), "times": times, "setup_s": setup,
            "count": count, "peak_extra_mb": meter.extra(), "peak_reset": meter.reset}


def worker_build(args: dict[str, Any]) -> dict[str, Any]:
    what = args["what"]
    import acrolib

    entries = keys = None
    if what in ("from_entries", "layered"):
        entries = big_entries()
    elif what in ("flashtext", "ahocorasick"):
        keys = big_keys()
        _not_installed(what)
        __import__(what)
    if what == "layered":
        base = acrolib.default_glossary()
        big = acrolib.Glossary.from_entries(entries)
    meter = Meter()
    started = time.perf_counter()
    if what == "from_entries":
        result: Any = acrolib.Glossary.from_entries(entries)
    elif what == "layered":
        result = acrolib.Glossary.layered(base, big)
    elif what in ("load-tsv", "load-toml"):
        result = acrolib.Glossary.load(Path(args["path"]))
    elif what == "load-cached":
        # A load with cache=True, as the command line's --glossary; an earlier child with
        # the same cache folder parsed the file once.
        os.environ["ACROLIB_CACHE_DIR"] = args["cache"]
        result = acrolib.Glossary.load(Path(args["path"]), cache=True)
    elif what == "flashtext":
        from flashtext import KeywordProcessor

        result = KeywordProcessor(case_sensitive=True)
        for key in keys or ():
            result.add_keyword(key)
    elif what == "ahocorasick":
        import ahocorasick

        result = ahocorasick.Automaton()
        for key in keys or ():
            result.add_word(key, len(key))
        result.make_automaton()
    else:
        raise ValueError(what)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "peak_extra_mb": meter.extra(), "size": len(result)}


def hostile_input(kind: str, size: int, corpus: Path) -> str:
    if kind == "(":
        return "(" * size
    if kind == "A.":
        return "A." * (size // 2)
    if kind == "nested":
        return "(" * (size // 2) + ")" * (size // 2)
    if kind == "A (B (C (":
        letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
        parts, n, i = [], 0, 0
        while n < size:
            piece = f"{letters[i % 26]} ("
            parts.append(piece)
            n += len(piece) + 1
            i += 1
        return " ".join(parts)[:size]
    if kind == "Alpha Beta (AB)":
        return ("Alpha Beta (AB) " * (size // 16 + 1))[:size]
    if kind == "A.x":  # a dotted run that is no token: no final stop before a letter
        return "A." * ((size - 1) // 2) + "x"
    if kind == "MC-cd-":  # a hyphen chain of parts shaped like Roman numerals
        return ("MC-cd-" * (size // 6 + 1))[:size]
    if kind == "AB=":  # one chunk with no white space, a token every three characters
        return ("AB=" * (size // 3 + 1))[:size]
    if kind == "Abbreviations:":  # announced lists whose entries' letters do not fit
        return ("Abbreviations: AB = Axx yy zz ww, " * (size // 34 + 1))[:size]
    if kind in ("spaced", "conflicting", "plurals"):
        return _defining(kind, size)
    docs = corpus_mod.load_documents(corpus, size * 2)
    text = "\n\n".join(docs)
    while len(text.encode()) < size:
        text += "\n\n" + text
    text = text.encode()[:size].decode("utf-8", errors="ignore")
    if kind == "one line":
        return " ".join(text.split())
    return text  # "prose"


def _word(i: int) -> str:
    """A distinct four-letter lower-case word for each ``i`` below 26**4."""
    return "".join(chr(97 + i // 26**j % 26) for j in range(4))


def _defining(kind: str, size: int) -> str:
    """Texts that define many things: distinct short forms with a space inside ("AB CDEF"),
    one short form defined many ways, or defined many ways in the plural only."""
    parts, n, i = [], 0, 0
    while n < size:
        w = _word(i)
        if kind == "spaced":
            caps = w.upper()
            piece = " ".join(["Alpha Beta", *(c + "ox" for c in caps), f"(AB {caps}). "])
        elif kind == "conflicting":
            piece = f"A{w} B{w} (AB). "
        else:
            piece = f"A{w} B{w} (AB). A{w}x B{w}xs (ABs). "
        parts.append(piece)
        n += len(piece)
        i += 1
    return "".join(parts)[:size]


def worker_hostile(args: dict[str, Any]) -> dict[str, Any]:
    import acrolib

    text = hostile_input(args["kind"], args["size"], Path(args["corpus"]))
    nbytes = len(text.encode())
    fn: Callable[[str], object] = {
        "annotate": acrolib.annotate, "find_definitions": acrolib.find_definitions,
        "lint": acrolib.lint, "mine": lambda t: acrolib.mine([("text", t)]),
    }[args["function"]]
    fn("warm up (WU)")
    times = []
    for _ in range(args["runs"]):
        started = time.perf_counter()
        fn(text)
        times.append(time.perf_counter() - started)
        if times[-1] > 5:
            break
    return {"bytes": nbytes, "times": times}


def worker_parallel(args: dict[str, Any]) -> dict[str, Any]:
    import tempfile

    import acrolib

    docs = _load(args)
    nbytes = sum(len(d.encode()) for d in docs)
    resolver = acrolib.Resolver()
    resolver.annotate("warm up (WU)")
    out: dict[str, Any] = {"bytes": nbytes, "documents": len(docs),
                           "cpus": len(os.sched_getaffinity(0))}
    rounds = max(args["runs"], _PARALLEL_ROUNDS)

    def alternating(name: str, one: Callable[[], Iterable[Any]],
                    two: Callable[[], Iterable[Any]]) -> None:
        # One job and two jobs alternate within each round, so that a slow spell of the
        # shared machine falls on both rather than on whichever ran second.
        times: dict[int, list[float]] = {1: [], 2: []}
        n = 0
        for _ in range(rounds):
            for jobs, many in ((1, one), (2, two)):
                started = time.perf_counter()
                n = sum(len(a.mentions) for a in many())
                times[jobs].append(time.perf_counter() - started)
        for jobs in (1, 2):
            out[f"{name}{jobs}"] = {"times": times[jobs], "mentions": n}

    alternating("jobs", lambda: resolver.annotate_many(docs, jobs=1),
                lambda: resolver.annotate_many(docs, jobs=2))
    # Workers kept from one call to the next (Resolver.workers), against one job again: the
    # first call starts them, and they stay alive through the one-job runs between.
    if hasattr(resolver, "workers"):
        with resolver.workers(jobs=2) as workers:
            alternating("kept", lambda: resolver.annotate_many(docs, jobs=1),
                        lambda: workers.annotate_many(docs))
    # The command line on the same documents: one JSONL file, and one file per document.
    with tempfile.TemporaryDirectory(prefix="acrolib-parallel-") as tmp:
        folder = Path(tmp)
        jsonl = folder / "docs.jsonl"
        jsonl.write_text("".join(json.dumps({"text": d}) + "\n" for d in docs), encoding="utf-8")
        files = []
        for number, doc in enumerate(docs):
            path = folder / f"doc{number:05d}.txt"
            path.write_text(doc, encoding="utf-8")
            files.append(str(path))
        commands = {
            "cli_jsonl": ["annotate", "--jsonl", str(jsonl)],
            "cli_files": ["expand", *files],
        }
        for name, verb in commands.items():
            cli_times: dict[int, list[float]] = {1: [], 2: []}
            outputs: dict[int, set[bytes]] = {1: set(), 2: set()}
            for _ in range(rounds):
                for jobs in (1, 2):
                    output = folder / f"out-{name}-{jobs}"
                    started = time.perf_counter()
                    subprocess.run([sys.executable, "-m", "acrolib", *verb, "--jobs", str(jobs),
                                    "-o", str(output)], check=True, capture_output=True,
                                   env=subject.child_env())
                    cli_times[jobs].append(time.perf_counter() - started)
                    outputs[jobs].add(output.read_bytes())
            for jobs in (1, 2):
                out[f"{name}{jobs}"] = {"times": cli_times[jobs],
                                        "distinct_outputs": len(outputs[jobs])}
            out[f"{name}_same"] = (folder / f"out-{name}-1").read_bytes() == (
                folder / f"out-{name}-2").read_bytes()
    return out


def worker_pickle(args: dict[str, Any]) -> dict[str, Any]:
    import pickle

    import acrolib

    default = acrolib.Resolver()
    out = {"default": len(pickle.dumps(default, protocol=pickle.HIGHEST_PROTOCOL))}
    started = time.perf_counter()
    pickle.loads(pickle.dumps(default, protocol=pickle.HIGHEST_PROTOCOL))
    out["default_roundtrip_s"] = time.perf_counter() - started
    big = acrolib.Resolver(layers=[acrolib.Glossary.from_entries(big_entries())])
    out["100k"] = len(pickle.dumps(big, protocol=pickle.HIGHEST_PROTOCOL))
    return out


WORKERS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "scan": worker_scan, "build": worker_build, "hostile": worker_hostile,
    "parallel": worker_parallel, "pickle": worker_pickle,
}


def spawn(worker: str, args: dict[str, Any], timeout: float,
          path: Path | None = None) -> dict[str, Any]:
    """Run a worker in a fresh interpreter; {"error": ...} on failure or timeout.

    ``path``: import acrolib from this folder instead of the measured one.
    """
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", worker,
           "--worker-args", json.dumps(args)]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                              env=subject.child_env(path))
    except subprocess.TimeoutExpired:
        return {"error": "timeout", "timeout_s": timeout}
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not lines:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["no output"]
        if "ModuleNotFoundError" in (proc.stderr or ""):
            return {"error": "not installed", "detail": tail[0]}
        return {"error": "failed", "detail": tail[0]}
    return json.loads(lines[-1])


# --- tables -----------------------------------------------------------------------------------

def table(title: str, header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    def line(cells: list[str]) -> str:
        return "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"
    out = [f"### {title}", "", line(header), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    out += [line(r) for r in rows]
    return "\n".join(out) + "\n"


def fmt(value: float | None, digits: int = 1) -> str:
    if value is None:
        return "—"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.{digits}f}"


def mbps(result: dict[str, Any]) -> float | None:
    if "error" in result:
        return None
    return result["bytes"] / 1e6 / statistics.median(result["times"])


def yes(ok: bool | None) -> str:
    return "—" if ok is None else ("yes" if ok else "**no**")


# --- sections ---------------------------------------------------------------------------------

def section_systems(cfg: dict[str, Any], out: dict[str, Any]) -> str:
    path = str(cfg["corpus"])
    runs, timeout = cfg["runs"], cfg["timeout"]
    slice_bytes = cfg["slice"]
    full = {"corpus": path, "runs": runs}
    small = {"corpus": path, "runs": runs, "limit": slice_bytes, "chunk": 3000}
    plan = [
        ("re", "stdlib re candidate scan (practical limit)", full, "re"),
        ("acrolib", "acrolib annotate, default glossary", full, None),
        ("acrolib-100k", "acrolib annotate, +100k glossary", full, "acrolib-100k"),
        ("acrolib-100k-frozen", "acrolib annotate, +100k glossary, then gc.freeze()", full,
         None),
        *([("acrolib-pure", "acrolib annotate, default glossary, pure-Python build", full,
            None)] if cfg.get("compiled") else []),
        ("find_definitions", "acrolib find_definitions alone", full, None),
        ("flashtext", "flashtext extract_keywords, 100k keys", full, "flashtext"),
        ("ahocorasick", "pyahocorasick + word boundaries, 100k keys", full, None),
        ("acrolib", "acrolib annotate, default glossary (5 MB, ~3 KB docs)", small, None),
        ("schwartz-hearst", "Schwartz–Hearst (abbreviations), 5 MB, ~3 KB docs", small,
         "schwartz-hearst"),
        ("scispacy", "scispaCy AbbreviationDetector, 5 MB, ~3 KB docs", small, "scispacy"),
    ]
    targets: dict[str, tuple[str, Callable[[float], bool]]] = {
        "re": ("acrolib ≥ 0.5× re", lambda r: r >= 0.5),
        "flashtext": ("acrolib ≥ 4×", lambda r: r >= 4),
        "schwartz-hearst": ("acrolib ≥ 4×", lambda r: r >= 4),
        "scispacy": ("acrolib ≥ 25×", lambda r: r >= 25),
    }
    rows, results = [], []
    reference: dict[int, float | None] = {}
    for system, label, args, _ in plan:
        log(f"  systems: {label} ...")
        pure = subject.SRC if system == "acrolib-pure" else None
        result = spawn("scan", {**args, "system": system}, timeout, pure)
        result["system"], result["label"] = system, label
        result["mbps"] = mbps(result)
        results.append(result)
        if system == "acrolib":
            reference[id(args)] = result["mbps"]
    for (system, label, args, _), result in zip(plan, results, strict=True):
        speed = result["mbps"]
        acro = reference.get(id(args))
        ratio = acro / speed if speed and acro else None
        result["acrolib_over_system"] = ratio
        target, check = targets.get(system, ("—", None))  # type: ignore[arg-type]
        met = check(ratio) if (check and ratio is not None) else None
        result["target"], result["met"] = target, met
        if "error" in result:
            speed_cell = result["error"]
            rss = "—"
        else:
            speed_cell = fmt(speed)
            rss = fmt(result["peak_extra_mb"])
        rows.append([label, speed_cell, rss,
                     "1.00" if system == "acrolib" else fmt(ratio, 2), target, yes(met)])
        if system == "acrolib-100k":
            default = next(r for r in results if r["system"] == "acrolib")
            rows.append(paired_row(cfg, full, default, result, out))
    out["systems"] = results
    doc_bytes = results[0].get("bytes")
    return table(
        f"Throughput (corpus {doc_bytes / 1e6 if doc_bytes else 0:.1f} MB, median of {runs} runs)",
        ["system", "MB/s", "peak RSS MB", "acrolib ÷ system", "target", "met?"], rows)


def paired_row(cfg: dict[str, Any], args: dict[str, Any], default: dict[str, Any],
               big: dict[str, Any], out: dict[str, Any]) -> list[str]:
    """The 100k glossary's target, judged on pairs of runs.

    Its two rows above ran one after the other, each in its own process; ``cfg["pairs"] - 1``
    more pairs run the same way, the order alternating from pair to pair (100k first, then
    default first, ...), so that a machine that slows down or speeds up over the minutes of the
    run moves both sides of a pair alike.  The verdict is the median of the pairs' time ratios.
    """
    label = "acrolib annotate, +100k glossary ÷ default, " + (
        f"median of {cfg['pairs']} pairs" if cfg["pairs"] > 1 else "one pair")
    pairs = [(default, big)]
    for i in range(1, cfg["pairs"]):
        order = ("acrolib-100k", "acrolib") if i % 2 else ("acrolib", "acrolib-100k")
        log(f"  systems: pair {i + 1} of the 100k glossary against the default, {order[0]} first")
        got = {name: spawn("scan", {**args, "system": name}, cfg["timeout"]) for name in order}
        pairs.append((got["acrolib"], got["acrolib-100k"]))
    ratios = []
    for a, b in pairs:
        speed_a, speed_b = mbps(a), mbps(b)
        ratios.append(speed_a / speed_b if speed_a and speed_b else None)
    measured = [r for r in ratios if r is not None]
    ratio = statistics.median(measured) if len(measured) == len(ratios) else None
    met = ratio <= 1 / 0.9 if ratio is not None else None
    out["paired_100k"] = {"ratios": ratios, "median": ratio, "met": met,
                          "default_mbps": [mbps(a) for a, _ in pairs],
                          "big_mbps": [mbps(b) for _, b in pairs]}
    spread = ", ".join(fmt(r, 2) for r in ratios)
    return [label, "—", "—", f"{fmt(ratio, 2)} ({spread})", "≥ 0.9× default glossary",
            yes(met)]


def section_build(cfg: dict[str, Any], out: dict[str, Any]) -> str:
    import shutil

    prepare_big_glossary()
    tsv, toml = glossary_file("tsv"), glossary_file("toml")
    cache = DATA / "glossary-cache"
    plan = [
        ("from_entries", "acrolib Glossary.from_entries (100k Entry values)", {}),
        ("layered", "acrolib Glossary.layered(default, 100k)", {}),
        ("load-tsv", f"acrolib Glossary.load TSV ({tsv.stat().st_size / 1e6:.1f} MB)",
         {"path": str(tsv)}),
        ("load-toml", f"acrolib Glossary.load TOML ({toml.stat().st_size / 1e6:.1f} MB)",
         {"path": str(toml)}),
        ("load-cached", "acrolib Glossary.load TOML, cache=True, parsed before",
         {"path": str(toml), "cache": str(cache)}),
        ("flashtext", "flashtext KeywordProcessor.add_keyword × keys", {}),
        ("ahocorasick", "pyahocorasick add_word × keys + make_automaton", {}),
    ]
    rows, results = [], []
    for what, label, extra in plan:
        log(f"  build: {label} ...")
        if what == "load-cached":
            shutil.rmtree(cache, ignore_errors=True)
            spawn("build", {"what": what, **extra}, cfg["timeout"])  # parses, fills the cache
        result = spawn("build", {"what": what, **extra}, cfg["timeout"])
        result["what"], result["label"] = what, label
        met = None
        target = "—"
        if what == "from_entries" and "error" not in result:
            target = "< 1 s and < 60 MB"
            met = result["seconds"] < 1 and result["peak_extra_mb"] < 60
        result["target"], result["met"] = target, met
        results.append(result)
        if "error" in result:
            rows.append([label, result["error"], "—", target, "—"])
        else:
            rows.append([label, fmt(result["seconds"], 2), fmt(result["peak_extra_mb"]), target,
                         yes(met)])
    out["build"] = results
    return table(f"Glossary build ({BIG_GLOSSARY:,} generated entries; matchers: same keys "
                 "plus the default glossary's)",
                 ["build", "seconds", "extra RSS MB", "target", "met?"], rows)


#: The hostile inputs, by the functions they are timed with.
HOSTILE_NAMES: Final = {
    "prose": "ordinary prose", "(": '"(" repeated', "A.": '"A." repeated',
    "nested": "nested parentheses (((...)))", "A (B (C (": '"A (B (C (" ... unclosed',
    "Alpha Beta (AB)": '"Alpha Beta (AB) " repeated', "one line": "prose on one line",
    "A.x": '"A.A.…A.x" (no final stop)', "MC-cd-": '"MC-cd-" repeated (one hyphen chain)',
    "AB=": '"AB=" repeated (no white space)',
    "Abbreviations:": '"Abbreviations: AB = Axx yy zz ww, " repeated',
    "spaced": 'distinct spaced short forms "(AB CDEF)"',
    "conflicting": '"(AB)" defined a different way each time',
    "plurals": '"(AB)" and "(ABs)" with different long forms',
}


def section_hostile(cfg: dict[str, Any], out: dict[str, Any]) -> str:
    size = cfg["hostile_size"]
    kinds = [("prose", size), ("(", size), ("A.", size), ("nested", size),
             ("A (B (C (", size), ("Alpha Beta (AB)", size), ("one line", cfg["line_size"]),
             ("A.x", size), ("MC-cd-", size), ("AB=", size), ("Abbreviations:", size),
             ("spaced", size)]
    tables = [_hostile_table(cfg, kinds, ("annotate", "find_definitions"), out,
                             "Hostile inputs (seconds per MB, best of runs)")]
    tables.append(_hostile_table(
        cfg, [("prose", size), ("conflicting", size), ("plurals", size)], ("lint", "mine"), out,
        "Hostile inputs for lint and mine (seconds per MB, best of runs)"))
    return "\n\n".join(tables)


def _hostile_table(cfg: dict[str, Any], kinds: list[tuple[str, int]], functions: tuple[str, str],
                   out: dict[str, Any], title: str) -> str:
    names = HOSTILE_NAMES
    rows, results = [], []
    prose: dict[str, float] = {}
    for kind, n in kinds:
        row_result: dict[str, Any] = {"kind": kind, "bytes": n}
        for function in functions:
            log(f"  hostile: {names[kind]} / {function} ...")
            result = spawn("hostile", {"kind": kind, "size": n, "function": function,
                                       "runs": cfg["hostile_runs"], "corpus": str(cfg["corpus"])},
                           cfg["hostile_timeout"])
            if "error" in result:
                row_result[function] = None
                row_result[function + "_error"] = (
                    f"> {cfg['hostile_timeout']:.0f} s" if result["error"] == "timeout"
                    else result["error"])
            else:
                row_result[function] = min(result["times"]) / (result["bytes"] / 1e6)
            if kind == "prose" and row_result[function]:
                prose[function] = row_result[function]
        worst = max(
            (row_result[f] / prose[f] for f in functions
             if row_result.get(f) and prose.get(f)), default=None)
        row_result["x_prose"] = worst
        met = None if kind == "prose" else (
            worst is not None and worst <= 10
            and all(row_result.get(f) is not None for f in functions))
        row_result["met"] = met
        results.append(row_result)
        cells = [row_result.get(f + "_error") or fmt(row_result[f], 3) for f in functions]
        rows.append([f"{names[kind]} ({n / 1e6:g} MB)", *cells, fmt(worst, 1),
                     "—" if kind == "prose" else "≤ 10× prose", yes(met)])
    out.setdefault("hostile", []).extend(results)
    return table(title, ["input", *(f"{f} s/MB" for f in functions), "worst × prose", "target",
                         "met?"], rows)


def section_parallel(cfg: dict[str, Any], out: dict[str, Any]) -> str:
    log("  parallel: annotate_many and the command line, jobs=1 / jobs=2 ...")
    result = spawn("parallel", {"corpus": str(cfg["corpus"]), "limit": cfg["parallel_bytes"],
                                "runs": cfg["runs"]}, cfg["timeout"] * 4)
    out["parallel"] = result
    if "error" in result:
        return table("Parallel", ["jobs", "result"], [["1, 2", result["error"]]])
    mb = result["bytes"] / 1e6
    rows = []
    runs = [("jobs", "annotate_many(jobs=1)", "annotate_many(jobs=2)", ""),
            ("kept", "annotate_many(jobs=1), again",
             "Resolver.workers(jobs=2), kept between calls", ""),
            ("cli_jsonl", "acrolib annotate --jsonl --jobs 1",
             "acrolib annotate --jsonl --jobs 2", "cli_jsonl_same"),
            ("cli_files", "acrolib expand FILES --jobs 1", "acrolib expand FILES --jobs 2",
             "cli_files_same")]
    for prefix, label1, label2, same in runs:
        if f"{prefix}1" not in result:
            continue
        t1 = statistics.median(result[f"{prefix}1"]["times"])
        t2 = statistics.median(result[f"{prefix}2"]["times"])
        speedup = t1 / t2
        result[f"{prefix}_speedup"] = speedup
        identical = "—" if not same else ("yes" if result[same] else "**no**")
        rows.append([label1, fmt(mb / t1), "1.00", "—", "—", "—"])
        rows.append([label2, fmt(mb / t2), fmt(speedup, 3), identical, "≥ 1.7×",
                     yes(speedup >= 1.7)])
    result["speedup"] = result.get("jobs_speedup")
    rounds = len(result["jobs1"]["times"]) if "jobs1" in result else 0
    return table(f"Parallel ({mb:.1f} MB, {result['documents']} documents, "
                 f"{result['cpus']} CPUs available; median of {rounds} rounds, one and two "
                 f"jobs alternating; command lines include start-up)",
                 ["run", "MB/s", "speed-up", "output = jobs 1", "target", "met?"], rows)


def section_pickle(cfg: dict[str, Any], out: dict[str, Any]) -> str:
    log("  pickle ...")
    result = spawn("pickle", {}, cfg["timeout"])
    out["pickle"] = result
    if "error" in result:
        return table("Pickle", ["resolver", "result"], [["default", result["error"]]])
    rows = [["Resolver() (default glossary)", fmt(result["default"] / 1e6, 3), "< 1 MB",
             yes(result["default"] < 1e6)],
            ["Resolver(layers=[100k])", fmt(result["100k"] / 1e6, 1), "—", "—"]]
    return table("Resolver pickle size", ["resolver", "MB", "target", "met?"], rows)


def section_startup(cfg: dict[str, Any], out: dict[str, Any]) -> str:
    import startup

    log("  startup ...")
    result = startup.measure(runs=cfg["startup_runs"], log=log)
    out["startup"] = result
    return startup.render(result)


def section_memory(cfg: dict[str, Any], out: dict[str, Any]) -> str:
    import memory

    log("  memory (CLI) ...")
    result = memory.measure(Path(cfg["corpus"]), sizes=cfg["memory_sizes"], log=log)
    out["memory"] = result
    return memory.render(result)


def worker_profile(args: dict[str, Any]) -> dict[str, Any]:
    import cProfile
    import pstats

    import acrolib

    docs = _load(args)
    resolver = acrolib.Resolver()
    resolver.annotate("warm up (WU)")
    profile = cProfile.Profile()
    started = time.perf_counter()
    profile.enable()
    for doc in docs:
        resolver.annotate(doc)
    profile.disable()
    wall = time.perf_counter() - started
    stats = pstats.Stats(profile)
    total = sum(v[2] for v in stats.stats.values())  # type: ignore[attr-defined]
    rows = []
    for (file, line, func), (_, calls, tottime, cumtime, _) in stats.stats.items():  # type: ignore[attr-defined]
        rows.append({"function": f"{Path(file).name}:{line}({func})", "calls": calls,
                     "tottime": tottime, "cumtime": cumtime, "share": tottime / total})
    rows.sort(key=lambda r: -r["tottime"])
    cumulative = sorted(rows, key=lambda r: -r["cumtime"])
    return {"bytes": sum(len(d.encode()) for d in docs), "wall": wall, "total": total,
            "self": rows[:15], "cumulative": cumulative[:15]}


WORKERS["profile"] = worker_profile


def section_profile(cfg: dict[str, Any], out: dict[str, Any]) -> str:
    log("  profile: cProfile of annotate ...")
    result = spawn("profile", {"corpus": str(cfg["corpus"]), "limit": cfg["slice"]},
                   cfg["timeout"])
    out["profile"] = result
    if "error" in result:
        return table("Profile", ["function", "result"], [["annotate", result["error"]]])
    rows = [[r["function"], f"{r['calls']:,}", fmt(r["tottime"], 2), f"{r['share']:.0%}",
             fmt(r["cumtime"], 2)] for r in result["self"]]
    text = table(f"cProfile of Resolver().annotate on {result['bytes'] / 1e6:.1f} MB "
                 f"(top self time; {result['wall']:.1f} s under the profiler)",
                 ["function", "calls", "self s", "share", "cumulative s"], rows)
    rows = [[r["function"], f"{r['calls']:,}", fmt(r["cumtime"], 2),
             f"{r['cumtime'] / result['total']:.0%}"] for r in result["cumulative"]]
    return text + "\n" + table("cProfile: top cumulative", ["function", "calls", "cumulative s",
                                                            "share"], rows)


SECTIONS: dict[str, Callable[[dict[str, Any], dict[str, Any]], str]] = {
    "systems": section_systems, "build": section_build, "hostile": section_hostile,
    "parallel": section_parallel, "pickle": section_pickle, "startup": section_startup,
    "memory": section_memory, "profile": section_profile,
}
#: Sections run when --only is not given (profile is on request: it slows what it measures).
DEFAULT_SECTIONS = [s for s in SECTIONS if s != "profile"]


def machine(commit: str) -> dict[str, Any]:
    """The machine, the build and ``commit``: the commit measured, read before building, so
    that one made while the build runs is not named instead."""
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as handle:
            for line in handle:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        import acrolib
        from acrolib._version import build

        version = f"{acrolib.__version__}, {build()} build"
    except Exception:  # pragma: no cover
        version = "?"
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": os.cpu_count(), "cpu": cpu, "python": platform.python_version(),
        "acrolib": version, "commit": commit, "platform": platform.platform(),
    }


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="small corpus (5 MB), 1 run, smaller hostile inputs: a smoke test")
    parser.add_argument("--runs", type=int, help="passes per system (median; default 3)")
    parser.add_argument("--size", type=int, help="corpus size in MB (default 60; quick 5)")
    parser.add_argument("--only", help="comma-separated sections: " + ", ".join(SECTIONS))
    parser.add_argument("--json", metavar="OUT", help="also write all results as JSON here")
    parser.add_argument("--compiled", nargs="?", const="build", metavar="DIR",
                        help="measure the compiled (mypyc) build: the acrolib package in DIR, "
                             "or, without DIR, built from the working tree first")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--worker-args", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        result = WORKERS[args.worker](json.loads(args.worker_args))
        print(json.dumps(result))
        return 0
    quick = args.quick
    size = args.size or (5 if quick else 60)
    cfg = {
        "runs": args.runs or (1 if quick else 3),
        "pairs": 1 if quick else 3,
        "timeout": 600 if quick else 1800,
        "slice": 1_000_000 if quick else 5_000_000,
        "hostile_size": 100_000 if quick else 1_000_000,
        "line_size": 1_000_000 if quick else 10_000_000,
        "hostile_runs": 1 if quick else 3,
        "hostile_timeout": 60 if quick else 300,
        "parallel_bytes": 1_000_000 if quick else 10_000_000,
        "startup_runs": 5 if quick else 20,
        "memory_sizes": [2_000_000, 5_000_000] if quick else [5_000_000, 50_000_000],
    }
    commit = subject.head_commit()
    if args.compiled:
        folder = (subject.build_compiled(log) if args.compiled == "build"
                  else Path(args.compiled).resolve())
        os.environ[subject.ENV] = str(folder)
        subject.use_in_process()
        cfg["compiled"] = str(folder)
    only = [s.strip() for s in args.only.split(",")] if args.only else DEFAULT_SECTIONS
    unknown = [s for s in only if s not in SECTIONS]
    if unknown:
        parser.error(f"unknown section(s): {', '.join(unknown)}; choose from {', '.join(SECTIONS)}")
    if any(s in only for s in ("systems", "build", "pickle")):
        prepare_big_glossary()
    if any(s in only for s in ("systems", "hostile", "parallel", "memory", "profile")):
        cfg["corpus"] = str(corpus_mod.build(size, log=log))
    else:
        cfg["corpus"] = str(corpus_mod.corpus_path(size))
    info = machine(commit)
    results: dict[str, Any] = {"machine": info, "config": cfg,
                               "corpus": corpus_mod.manifest(Path(cfg["corpus"]))}
    print(f"acrolib {info['acrolib']} ({info['commit']}) — {info['date']} — {info['cpu']}, "
          f"nproc {info['nproc']}, Python {info['python']}" + (" — QUICK" if quick else ""))
    print()
    for name in only:
        started = time.perf_counter()
        load_before = os.getloadavg()[0]
        text = SECTIONS[name](cfg, results)
        load_after = os.getloadavg()[0]
        results.setdefault("loadavg", {})[name] = [load_before, load_after]
        log(f"  ({name}: {time.perf_counter() - started:.0f} s)")
        print(text + f"\n(load average {load_before:.1f} before, {load_after:.1f} after, "
              f"on {info['nproc']} CPUs)\n", flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
