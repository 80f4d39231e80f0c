"""Building many long-lived objects at once without the cyclic garbage collector.

A glossary of 100,000 entries is a few hundred thousand objects, none of them in a reference
cycle.  While they are being created, CPython's collector keeps running and scans the
ever-growing set of survivors: with it, parsing a 100,000-entry TSV or TOML file took 30 % and
55 % longer, and reading one back from the cache (then a pickle) more than twice as long
(``benchmarks/throughput.py``, section ``build``).  Reference counting still frees everything
as usual while the collector is paused.

The same holds for the result of one long text: a megabyte written densely with definitions
gives 60,000 definitions and as many mentions, all alive until the call returns.  The
collector rescanned them as they grew, so the time per megabyte rose with the text's length:
pausing it made ``annotate`` 5-17 % faster on one to four megabytes of such text.  Neither
``annotate`` nor ``find_definitions`` creates reference cycles, so texts of
:data:`LONG_TEXT` characters or more are processed with the collector paused; shorter ones
are left alone, as the pause would gain them little.

Worker processes are forked with everything alive hidden from the collector
(:func:`frozen`), as the :mod:`gc` documentation advises: a full collection in either process
would otherwise write to the header of every object the two still share, copying each page
that holds one.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterator
from typing import Any, Final, TypeVar

T = TypeVar("T")

#: Texts this long or longer are annotated with the collector paused (see above).
LONG_TEXT: Final = 1 << 16


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


@contextlib.contextmanager
def frozen() -> Iterator[None]:
    """Move every object alive now to the collector's permanent generation for the block
    (``gc.freeze``), and back on the way out.

    Meant for forking workers: neither process then scans, nor copies, the objects they
    share, and a collection in the block only looks at what was made since.  A process that
    froze objects itself (the command line does) is left as it is, since ``gc.unfreeze``
    would thaw its objects too; objects frozen while the block runs are thawed with the rest.
    """
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def paused_for_long(text: str, function: Callable[..., T], *args: Any) -> T:
    """``function(*args)``, with the collector paused when ``text`` is :data:`LONG_TEXT`
    characters or longer.  A short text pays one comparison, not a context manager."""
    if len(text) < LONG_TEXT:
        return function(*args)
    with collector_paused():
        return function(*args)
