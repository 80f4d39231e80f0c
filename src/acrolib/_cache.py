"""A per-user cache of parsed glossaries, so that a short command starts fast.

Parsing the TOML packs costs tens of milliseconds; reading the result back costs about one.
A user's glossary file given to the command line is cached too: a 100,000-entry TOML file
takes seconds to parse and a fraction of a second to read back.

A shipped pack's cache file is named by a checksum of acrolib's version, its value classes'
source files and each pack's path, size and modification time, so an edited or upgraded pack
is parsed afresh.  A user's file is named by a digest of its content instead, since it may be
rewritten within the resolution of file times; reading it to compute the digest costs
milliseconds.  Only the newest few files are kept.  Any problem with the cache (no home
folder, read-only disk, a damaged file) only means parsing again.
Set ``ACROLIB_CACHE_DIR`` to move it, or ``ACROLIB_NO_CACHE=1`` to turn it off.

A cached value is built of dicts, tuples, strings and bytes only, and is written with
:mod:`marshal`: it is read back at least as fast as a pickle, and reading it runs no code.
Paths are plain strings here, and nothing is imported that a short command would not
otherwise need (``pathlib`` and ``pickle`` each cost milliseconds of start-up).
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
import zlib
from collections.abc import Sequence
from typing import Any

from ._version import __version__

#: What is cached: a glossary's tables, holding only what :mod:`marshal` writes (strings,
#: bytes, tuples).
Tables = tuple[dict[str, Any], ...]

#: Ends the name of every cache file.
SUFFIX = ".marshal"

#: Ends the names of cache files in an earlier form (pickles), removed when a file is written.
_OLD_SUFFIX = ".pickle"


def _folder() -> str | None:
    if os.environ.get("ACROLIB_NO_CACHE"):
        return None
    configured = os.environ.get("ACROLIB_CACHE_DIR")
    if configured:
        return configured
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "acrolib")


#: Cache files kept; older ones are removed when a new one is written.
KEEP = 8

#: The modules that lay out the cached tables (an entry is its value classes' fields, in
#: order): an edited layout must not be read from a file written with the old one, even
#: under the same version number.
_CODE = ("_model.py", "_glossary.py")


def _stamps(paths: Sequence[str]) -> list[str] | None:
    """Version, code and file stamps: what a cached glossary depends on.  The interpreter's
    version is one: :mod:`marshal`'s format belongs to the Python version that wrote it."""
    parts = [__version__, sys.version]
    here = os.path.dirname(__file__)
    try:
        for path in [os.path.join(here, name) for name in _CODE] + list(paths):
            stat = os.stat(path)
            # abspath, not realpath: the packs' folder is resolved once already, and
            # resolving again costs a system call per path component on every start.
            parts.append(f"{os.path.abspath(path)}\0{stat.st_size}\0{stat.st_mtime_ns}")
    except OSError:
        return None
    return parts


def _name(paths: Sequence[str]) -> str | None:
    # A checksum, not a secure hash: it only has to change when a pack changes, and zlib
    # is already loaded where hashlib would cost a few milliseconds of start-up.
    parts = _stamps(paths)
    if parts is None:
        return None
    data = "\0".join(parts).encode("utf-8", "surrogatepass")
    return f"glossary-{zlib.crc32(data):08x}{zlib.adler32(data):08x}-{len(paths)}{SUFFIX}"


def content_name(content: bytes, *details: str) -> str | None:
    """The cache name of a glossary parsed from ``content`` (with ``details`` such as its
    format): a digest of the bytes themselves, with acrolib's version and code stamps."""
    import hashlib

    parts = _stamps([])
    if parts is None:
        return None
    digest = hashlib.blake2b(digest_size=16)
    digest.update("\0".join([*parts, *details]).encode("utf-8", "surrogatepass") + b"\0\0")
    digest.update(content)
    return f"glossary-{digest.hexdigest()}-file{SUFFIX}"


def load(paths: Sequence[str]) -> object | None:
    """The value cached for the files ``paths``, or None."""
    return load_named(_name(paths))


def load_named(name: str | None) -> object | None:
    """The value cached under ``name``, or None (also for a damaged file)."""
    folder = _folder()
    if folder is None or name is None:
        return None
    from ._nogc import collector_paused

    try:
        # One read, then ``loads``: ``marshal.load`` on a file reads it value by value,
        # several times slower.
        with open(os.path.join(folder, name), "rb") as handle, collector_paused():
            value: object = marshal.loads(handle.read())
    except Exception:
        return None
    return value


def store(paths: Sequence[str], value: Tables) -> None:
    """Cache ``value`` for the files ``paths``, atomically; failures are ignored."""
    store_named(_name(paths), value)


def store_named(name: str | None, value: Tables) -> None:
    """Cache ``value`` under ``name``, atomically; failures are ignored."""
    folder = _folder()
    if folder is None or name is None:
        return
    import tempfile

    with contextlib.suppress(OSError, ValueError):
        data = marshal.dumps(value)
        os.makedirs(folder, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".glossary-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, os.path.join(folder, name))
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        _prune(folder)


def _prune(folder: str) -> None:
    """Keep the :data:`KEEP` newest cache files: every upgrade or edited pack adds one.
    Files in the earlier form are never read again, and go."""
    with contextlib.suppress(OSError):
        found, stale = [], []
        with os.scandir(folder) as entries:
            for entry in entries:
                if not entry.name.startswith("glossary-"):
                    continue
                if entry.name.endswith(SUFFIX):
                    found.append((entry.stat().st_mtime_ns, entry.path))
                elif entry.name.endswith(_OLD_SUFFIX):
                    stale.append(entry.path)
        found.sort()
        for old in [path for _, path in found[:-KEEP]] + stale:
            with contextlib.suppress(OSError):
                os.unlink(old)
