"""Writing files so that a failure never leaves half of one behind."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO


@contextlib.contextmanager
def atomic_writer(path: Path, *, encoding: str = "utf-8") -> Iterator[TextIO]:
    """Open a temporary file beside ``path``; rename it over ``path`` only on success.

    On any exception (including KeyboardInterrupt) the temporary file is removed and
    ``path`` is left as it was.  Its name starts with a random part chosen first, so that it
    is found and removed even when Ctrl-C lands inside ``mkstemp``, after the file was made
    and before its name was returned.
    """
    folder = path.resolve().parent
    prefix = f".{path.name}.{os.urandom(4).hex()}."
    try:
        fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=folder)
        with os.fdopen(fd, "w", encoding=encoding, newline="") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        import glob

        for leftover in folder.glob(glob.escape(prefix) + "*.tmp"):
            with contextlib.suppress(OSError):
                leftover.unlink()
        raise


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically."""
    with atomic_writer(path) as handle:
        handle.write(text)
