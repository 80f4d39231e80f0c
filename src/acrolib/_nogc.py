"""Building many long-lived objects at once without the cyclic garbage collector.

A glossary of 100,000 entries is a few hundred thousand objects, none of them in a reference
cycle.  While they are being created, CPython's collector keeps running and scans the
ever-growing set of survivors: with it, parsing a 100,000-entry TSV or TOML file took 30 % and
55 % longer, and unpickling one from the cache more than twice as long (``benchmarks/
throughput.py``, section ``build``).  Reference counting still frees everything as usual
while the collector is paused.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the block, if it is running.

    Restores the previous state on the way out; when another thread paused it too, the
    collector simply resumes a little earlier, which changes speed only.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
