"""A per-user cache of parsed glossaries, so that a short command starts fast.

Parsing the TOML packs costs tens of milliseconds; unpickling the result costs about two.
A user's glossary file given to the command line is cached too: a 100,000-entry TOML file
takes seconds to parse and a fraction of a second to read back.

A shipped pack's cache file is named by a checksum of acrolib's version, its value classes'
source files and each pack's path, size and modification time, so an edited or upgraded pack
is parsed afresh.  A user's file is named by a digest of its content instead, since it may be
rewritten within the resolution of file times; reading it to compute the digest costs
milliseconds.  Only the newest few files are kept.  Any problem with the cache (no home
folder, read-only disk, a damaged file) only means parsing again.
Set ``ACROLIB_CACHE_DIR`` to move it, or ``ACROLIB_NO_CACHE=1`` to turn it off.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
import zlib
from collections.abc import Sequence
from pathlib import Path

from ._version import __version__


def _folder() -> Path | None:
    if os.environ.get("ACROLIB_NO_CACHE"):
        return None
    configured = os.environ.get("ACROLIB_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "acrolib"


#: Cache files kept; older ones are removed when a new one is written.
KEEP = 8

#: The modules whose classes the cache holds: an edited class layout must not be read
#: from a file pickled with the old one, even under the same version number.
_CODE = ("_model.py", "_glossary.py")


def _stamps(paths: Sequence[Path]) -> list[str] | None:
    """Version, code and file stamps: what a cached glossary depends on.  The interpreter's
    version is one: a glossary keeps its entries in :mod:`marshal`'s format, which belongs to
    the Python version that wrote it."""
    parts = [__version__, sys.version]
    here = Path(__file__).parent
    try:
        for path in [here / name for name in _CODE] + list(paths):
            stat = path.stat()
            parts.append(f"{path.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}")
    except OSError:
        return None
    return parts


def _name(paths: Sequence[Path]) -> str | None:
    # A checksum, not a secure hash: it only has to change when a pack changes, and zlib
    # is already loaded where hashlib would cost a few milliseconds of start-up.
    parts = _stamps(paths)
    if parts is None:
        return None
    data = "\0".join(parts).encode("utf-8", "surrogatepass")
    return f"glossary-{zlib.crc32(data):08x}{zlib.adler32(data):08x}-{len(paths)}.pickle"


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
    return f"glossary-{digest.hexdigest()}-file.pickle"


def load(paths: Sequence[Path]) -> object | None:
    """The cached object for ``paths``, or None."""
    return load_named(_name(paths))


def load_named(name: str | None) -> object | None:
    """The object cached under ``name``, or None."""
    folder = _folder()
    if folder is None or name is None:
        return None
    from ._nogc import collector_paused

    try:
        with open(folder / name, "rb") as handle, collector_paused():
            value: object = pickle.load(handle)
    except Exception:
        return None
    return value


def store(paths: Sequence[Path], value: object) -> None:
    """Cache ``value`` for ``paths``, atomically; failures are ignored."""
    store_named(_name(paths), value)


def store_named(name: str | None, value: object) -> None:
    """Cache ``value`` under ``name``, atomically; failures are ignored."""
    folder = _folder()
    if folder is None or name is None:
        return
    import tempfile

    with contextlib.suppress(OSError, pickle.PicklingError):
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".glossary-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, folder / name)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        _prune(folder)


def _prune(folder: Path) -> None:
    """Keep the :data:`KEEP` newest cache files: every upgrade or edited pack adds one."""
    with contextlib.suppress(OSError):
        files = sorted(folder.glob("glossary-*.pickle"), key=lambda p: p.stat().st_mtime_ns)
        for old in files[:-KEEP]:
            with contextlib.suppress(OSError):
                old.unlink()
