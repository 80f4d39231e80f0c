#!/usr/bin/env python3
"""Accuracy of acrolib's definition finder against gold corpora, with baselines side by side.

Usage::

    PYTHONPATH=src python benchmarks/accuracy.py [FILE.jsonl ...] [--corpus NAME] [--system NAME]
                                                 [--errors N] [--json]

Corpora are JSONL files in the format of ``/work/shared/corpora/README.md`` (default: every
``*.jsonl`` in ``../shared/corpora`` relative to the repository root).  Nothing from them is
copied into the repository; ``--errors`` prints to the terminal only.

Scoring:

* Paired corpora (``pairs`` is a list): per document, the distinct (short, long) string pairs,
  micro precision/recall/F1 over the corpus.  *strict*: equal after white-space normalisation;
  *lenient*: also case-folded, hyphens read as spaces, a leading article dropped.  Gold pairs
  with a discontinuous long form are compared by their joined string.
* Unpaired corpora (``pairs`` is null; ``short_forms`` / ``long_forms``): span P/R/F1 per class.
  *strict*: exact character span; *lenient*: equal after trimming edge punctuation, spaces and a
  leading article from both spans.  acrolib's short forms are its mentions
  (``acrolib.annotate(text).mentions``), its long forms the ``long_span`` of its definitions;
  baselines only report defined short forms, so their short-form recall is low by design.
* ``acrolib`` reads the text alone (``acrolib.find_definitions``), as the baselines do;
  ``acrolib+glossary`` takes the definitions of ``Resolver().annotate``, which also accepts a
  long form the shipped glossary gives for a short form whose letters it does not spell.
* Disambiguation files (a ``candidates`` key) are not scored here.

Baselines (each skipped with a note when not installed): Ab3P through ``pyab3p``,
Schwartz-Hearst through ``abbreviations``, scispaCy's ``AbbreviationDetector`` on
``spacy.blank("en")`` with a ``sentencizer``.
"""

from __future__ import annotations

import argparse
import contextlib
import glob
import io
import json
import os
import re
import sys
import time
from collections.abc import Callable, Iterable
from typing import Any

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_DIR = os.path.normpath(os.path.join(REPO, "..", "shared", "corpora"))

Span = tuple[int, int]
# One extracted pair: short, long, short span (or None), long span (or None).
Pair = tuple[str, str, Span | None, Span | None]
System = Callable[[str], list[Pair]]

_WS = re.compile(r"\s+")
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_EDGE = " \t\r\n.,;:()[]\"'“”‘’"


def strict_norm(s: str) -> str:
    return _WS.sub(" ", s).strip()


def lenient_norm(s: str) -> str:
    s = strict_norm(s).casefold().replace("-", " ").replace("‐", " ")
    s = _WS.sub(" ", s).strip(_EDGE)
    return _ARTICLE.sub("", s)


def trim_span(text: str, span: Span) -> Span:
    """Trim edge punctuation/spaces and a leading article: the lenient span comparison."""
    s, e = max(0, span[0]), min(len(text), span[1])
    while s < e and text[s] in _EDGE:
        s += 1
    while e > s and text[e - 1] in _EDGE:
        e -= 1
    m = _ARTICLE.match(text[s:e])
    if m and m.end() < e - s:
        s += m.end()
    return s, e


# --- systems --------------------------------------------------------------------------------------


def make_acrolib() -> tuple[System, Callable[[str], list[Span]] | None]:
    import acrolib

    find = getattr(acrolib, "find_definitions", None)
    if find is None:
        from acrolib._definitions import find_definitions as find

    def run(text: str) -> list[Pair]:
        return [(d.short, d.long, d.short_span, d.long_span) for d in find(text)]

    mentions = None
    annotate = getattr(acrolib, "annotate", None)
    if annotate is not None:

        def mentions(text: str) -> list[Span]:
            return [(m.start, m.end) for m in annotate(text).mentions]

    return run, mentions


def make_acrolib_glossary() -> tuple[System, Callable[[str], list[Span]]]:
    import acrolib

    resolver = acrolib.Resolver()

    def run(text: str) -> list[Pair]:
        return [(d.short, d.long, d.short_span, d.long_span)
                for d in resolver.annotate(text).definitions]

    def mentions(text: str) -> list[Span]:
        return [(m.start, m.end) for m in resolver.annotate(text).mentions]

    return run, mentions


def make_ab3p() -> System:
    import pyab3p

    ab3p = pyab3p.Ab3p()

    def run(text: str) -> list[Pair]:
        out: list[Pair] = []
        for a in ab3p.get_abbrs(text):
            out.append(
                (
                    a.short_form,
                    a.long_form,
                    _locate(text, a.short_form, a.short_form_offset),
                    _locate(text, a.long_form, a.long_form_offset),
                )
            )
        return out

    return run


def _locate(text: str, form: str, offset: int | None) -> Span | None:
    """A span for ``form`` near ``offset``: the C++ library counts bytes, not characters."""
    if offset is not None and offset >= 0 and text[offset : offset + len(form)] == form:
        return offset, offset + len(form)
    start = text.find(form, max(0, (offset or 0) - 2 * len(text) // 3 - 1))
    if start < 0:
        start = text.find(form)
    return (start, start + len(form)) if start >= 0 else None


def make_sh() -> System:
    import logging

    from abbreviations import schwartz_hearst

    # The package logs whole documents it cannot split; keep the table readable.
    for name in ("abbreviations", "abbreviations.schwartz_hearst", schwartz_hearst.__name__):
        logging.getLogger(name).disabled = True
    schwartz_hearst.log.disabled = True

    def run(text: str) -> list[Pair]:
        # The package prints some inputs to stdout; keep the table clean.
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            pairs = schwartz_hearst.extract_abbreviation_definition_pairs(doc_text=text)
        out: list[Pair] = []
        for short, long in pairs.items():
            # The package returns strings only: locate the long form then its short form.
            ls = text.find(long)
            lspan = (ls, ls + len(long)) if ls >= 0 else None
            ss = text.find(short, ls + len(long) if ls >= 0 else 0)
            if ss < 0:
                ss = text.find(short)
            sspan = (ss, ss + len(short)) if ss >= 0 else None
            out.append((short, long, sspan, lspan))
        return out

    return run


def make_scispacy() -> System:
    import spacy
    from scispacy.abbreviation import AbbreviationDetector  # noqa: F401  (registers the pipe)

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("abbreviation_detector")
    nlp.max_length = 10_000_000

    def run(text: str) -> list[Pair]:
        doc = nlp(text)
        out: list[Pair] = []
        for ab in doc._.abbreviations:
            lf = ab._.long_form
            out.append(
                (
                    ab.text,
                    lf.text,
                    (ab.start_char, ab.end_char),
                    (lf.start_char, lf.end_char),
                )
            )
        return out

    return run


SYSTEM_FACTORIES: dict[str, Callable[[], Any]] = {
    "acrolib": make_acrolib,
    "acrolib+glossary": make_acrolib_glossary,
    "ab3p": make_ab3p,
    "schwartz-hearst": make_sh,
    "scispacy": make_scispacy,
}


# --- scoring --------------------------------------------------------------------------------------


class PRF:
    """Micro counts."""

    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0

    def add(self, gold: set[Any], pred: set[Any]) -> None:
        self.tp += len(gold & pred)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)

    def scores(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


def load(path: str) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def kind_of(docs: list[dict[str, Any]]) -> str:
    if not docs:
        return "empty"
    d = docs[0]
    if "candidates" in d:
        return "disambiguation"
    if d.get("pairs") is None:
        return "unpaired"
    return "paired"


def gold_pairs(doc: dict[str, Any], norm: Callable[[str], str]) -> set[tuple[str, str]]:
    return {(norm(p["short"]), norm(p["long"])) for p in doc["pairs"]}


def score_paired(
    docs: list[dict[str, Any]], run: System, errors: list[str] | None
) -> tuple[dict[str, Any], float]:
    strict, lenient = PRF(), PRF()
    t0 = time.perf_counter()
    preds = [run(d["text"]) for d in docs]
    elapsed = time.perf_counter() - t0
    for doc, pred in zip(docs, preds, strict=True):
        gs = gold_pairs(doc, strict_norm)
        ps = {(strict_norm(s), strict_norm(lf)) for s, lf, _, _ in pred}
        strict.add(gs, ps)
        lenient.add(
            gold_pairs(doc, lenient_norm),
            {(lenient_norm(s), lenient_norm(lf)) for s, lf, _, _ in pred},
        )
        if errors is not None:
            for s, lf in sorted(ps - gs):
                errors.append(f"FP {doc['id']}: {s!r} -> {lf!r}   gold: {_gold_for(doc, s)}")
            for s, lf in sorted(gs - ps):
                got = [p for p in ps if p[0] == s]
                errors.append(f"FN {doc['id']}: {s!r} -> {lf!r}   got: {got}  ctx: {_ctx(doc, s)}")
    return _result(strict, lenient), elapsed


def _gold_for(doc: dict[str, Any], short: str) -> str:
    hits = [p["long"] for p in doc["pairs"] if strict_norm(p["short"]) == short]
    return repr(hits) if hits else "-"


def _ctx(doc: dict[str, Any], short: str) -> str:
    for p in doc["pairs"]:
        if strict_norm(p["short"]) == short and p.get("short_span"):
            s, e = p["short_span"]
            lo = s
            if p.get("long_span"):
                lo = min(lo, p["long_span"][0])
            return repr(doc["text"][max(0, lo - 60) : e + 60])
    return "-"


def score_unpaired(
    docs: list[dict[str, Any]],
    run: System,
    mentions: Callable[[str], list[Span]] | None,
    is_acrolib: bool,
    errors: list[str] | None,
) -> tuple[dict[str, Any], float]:
    res: dict[str, Any] = {}
    s_strict, s_len, l_strict, l_len = PRF(), PRF(), PRF(), PRF()
    t0 = time.perf_counter()
    preds = [run(d["text"]) for d in docs]
    shorts: list[list[Span]] | None = None
    if is_acrolib:
        shorts = [mentions(d["text"]) for d in docs] if mentions else None
    else:
        shorts = [[p[2] for p in pred if p[2] is not None] for pred in preds]
    elapsed = time.perf_counter() - t0
    for i, (doc, pred) in enumerate(zip(docs, preds, strict=True)):
        text = doc["text"]
        g_long = {tuple(x["span"]) for x in doc.get("long_forms") or []}
        p_long = {p[3] for p in pred if p[3] is not None}
        l_strict.add(g_long, p_long)  # type: ignore[arg-type]
        l_len.add({trim_span(text, s) for s in g_long}, {trim_span(text, s) for s in p_long})  # type: ignore[arg-type]
        if errors is not None:
            for s in sorted(p_long - g_long):  # type: ignore[operator]
                ctx = text[max(0, s[0] - 40) : s[1] + 40]
                errors.append(f"FP long {doc['id']}: {text[s[0] : s[1]]!r}  ctx {ctx!r}")
            for s in sorted(g_long - p_long):  # type: ignore[operator]
                ctx = text[max(0, s[0] - 40) : s[1] + 40]
                errors.append(f"FN long {doc['id']}: {text[s[0] : s[1]]!r}  ctx {ctx!r}")
        if shorts is not None:
            g_short = {tuple(x["span"]) for x in doc.get("short_forms") or []}
            p_short = set(shorts[i])
            s_strict.add(g_short, p_short)  # type: ignore[arg-type]
            s_len.add({trim_span(text, s) for s in g_short}, {trim_span(text, s) for s in p_short})  # type: ignore[arg-type]
    res["long"] = _result(l_strict, l_len)
    res["short"] = _result(s_strict, s_len) if shorts is not None else None
    return res, elapsed


def _result(strict: PRF, lenient: PRF) -> dict[str, Any]:
    return {
        "strict": dict(zip("prf", strict.scores(), strict=True)),
        "lenient": dict(zip("prf", lenient.scores(), strict=True)),
        "tp": strict.tp,
        "fp": strict.fp,
        "fn": strict.fn,
    }


# --- main -----------------------------------------------------------------------------------------


def main(argv: Iterable[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "files", nargs="*", help="gold JSONL files (default: ../shared/corpora/*.jsonl)"
    )
    ap.add_argument("--corpus", action="append", help="only corpora whose name contains NAME")
    ap.add_argument("--system", action="append", help="only systems whose name contains NAME")
    ap.add_argument(
        "--errors", type=int, default=0, metavar="N", help="print N acrolib errors per corpus"
    )
    ap.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = ap.parse_args(list(argv) if argv is not None else None)

    files = args.files or sorted(glob.glob(os.path.join(DEFAULT_DIR, "*.jsonl")))
    if args.corpus:
        files = [f for f in files if any(c in os.path.basename(f) for c in args.corpus)]
    systems = [s for s in SYSTEM_FACTORIES if not args.system or any(n in s for n in args.system)]

    runners: dict[str, Any] = {}
    notes: list[str] = []
    for name in systems:
        try:
            runners[name] = SYSTEM_FACTORIES[name]()
        except Exception as exc:  # ImportError, or a broken install
            runners[name] = None
            notes.append(f"{name}: skipped ({type(exc).__name__}: {exc})")

    rows: list[dict[str, Any]] = []
    for path in files:
        corpus = os.path.splitext(os.path.basename(path))[0]
        docs = load(path)
        kind = kind_of(docs)
        if kind in ("disambiguation", "empty"):
            notes.append(f"{corpus}: {kind} corpus, not scored here")
            continue
        for name in systems:
            runner = runners[name]
            if runner is None:
                rows.append({"corpus": corpus, "system": name, "class": "pairs", "skipped": True})
                continue
            errs: list[str] | None = [] if (args.errors and name == "acrolib") else None
            if name.startswith("acrolib"):
                run, mentions = runner
            else:
                run, mentions = runner, None
            if kind == "paired":
                res, secs = score_paired(docs, run, errs)
                rows.append(
                    {
                        "corpus": corpus,
                        "system": name,
                        "class": "pairs",
                        **res,
                        "docs_per_s": len(docs) / secs if secs else 0.0,
                    }
                )
            else:
                res, secs = score_unpaired(docs, run, mentions, name.startswith("acrolib"), errs)
                for cls in ("short", "long"):
                    if res[cls] is None:
                        rows.append(
                            {
                                "corpus": corpus,
                                "system": name,
                                "class": cls,
                                "skipped": True,
                                "why": "acrolib.annotate not available",
                            }
                        )
                        if name == "acrolib":
                            notes.append(
                                f"{corpus}: acrolib short forms skipped "
                                "(acrolib.annotate does not exist yet)"
                            )
                        continue
                    rows.append(
                        {
                            "corpus": corpus,
                            "system": name,
                            "class": cls,
                            **res[cls],
                            "docs_per_s": len(docs) / secs if secs else 0.0,
                        }
                    )
            if errs:
                print(
                    f"--- acrolib errors on {corpus} ({len(errs)} total, showing {args.errors}) ---"
                )
                for line in errs[: args.errors]:
                    print(line)

    if args.json:
        print(json.dumps({"rows": rows, "notes": notes}, indent=1))
        return 0
    header = (
        f"{'corpus':<28} {'system':<16} {'class':<6} {'P':>6} {'R':>6} {'F1':>6}   "
        f"{'P~':>6} {'R~':>6} {'F1~':>6} {'docs/s':>9}"
    )
    print(header)
    print("-" * len(header))
    for r in rows:
        if r.get("skipped"):
            print(f"{r['corpus']:<28} {r['system']:<16} {r['class']:<6} {'skipped':>6}")
            continue
        st, le = r["strict"], r["lenient"]
        print(
            f"{r['corpus']:<28} {r['system']:<16} {r['class']:<6} {st['p']:6.3f} {st['r']:6.3f} "
            f"{st['f']:6.3f}   {le['p']:6.3f} {le['r']:6.3f} {le['f']:6.3f} {r['docs_per_s']:9.1f}"
        )
    print("(P R F1: strict; P~ R~ F1~: lenient)")
    for n in notes:
        print("note:", n)
    return 0


if __name__ == "__main__":
    sys.exit(main())
