"""A per-user cache of the parsed shipped glossary, so that a short command starts fast.

Parsing the TOML packs costs tens of milliseconds; unpickling the result costs about two.
The cache file is named by a checksum of acrolib's version, its value classes' source files and
each pack's path, size and modification time, so an edited or upgraded pack is parsed afresh;
only the newest few files are kept.  Any problem with the
cache (no home folder, read-only disk, a damaged file) only means parsing again.
Set ``ACROLIB_CACHE_DIR`` to move it, or ``ACROLIB_NO_CACHE=1`` to turn it off.
"""

from __future__ import annotations

import contextlib
import os
import pickle
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


def _name(paths: Sequence[Path]) -> str | None:
    # A checksum, not a secure hash: it only has to change when a pack changes, and zlib
    # is already loaded where hashlib would cost a few milliseconds of start-up.
    parts = [__version__]
    here = Path(__file__).parent
    try:
        for path in [here / name for name in _CODE] + list(paths):
            stat = path.stat()
            parts.append(f"{path.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}")
    except OSError:
        return None
    data = "\0".join(parts).encode("utf-8", "surrogatepass")
    return f"glossary-{zlib.crc32(data):08x}{zlib.adler32(data):08x}-{len(paths)}.pickle"


def load(paths: Sequence[Path]) -> object | None:
    """The cached object for ``paths``, or None."""
    folder, name = _folder(), _name(paths)
    if folder is None or name is None:
        return None
    try:
        with open(folder / name, "rb") as handle:
            value: object = pickle.load(handle)
    except Exception:
        return None
    return value


def store(paths: Sequence[Path], value: object) -> None:
    """Cache ``value`` for ``paths``, atomically; failures are ignored."""
    folder, name = _folder(), _name(paths)
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
