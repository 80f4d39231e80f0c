"""A one-line progress display on standard error, shown only when it is a terminal."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """Counts items and bytes and redraws one line at most a few times a second.

    Silent unless ``stream`` is a terminal, so pipelines and logs never see it.
    """

    def __init__(self, what: str, total: int | None = None, stream: TextIO | None = None,
                 interval: float = 0.2) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = self.stream.isatty()
        self.what = what
        self.total = total
        self.count = 0
        self.size = 0
        self.interval = interval
        self._started = time.monotonic()
        self._shown = 0.0

    def update(self, items: int = 1, size: int = 0) -> None:
        """Count ``items`` more (of ``size`` bytes) and redraw if it is time."""
        self.count += items
        self.size += size
        if self.enabled and time.monotonic() - self._shown >= self.interval:
            self._draw()

    def _draw(self) -> None:
        self._shown = time.monotonic()
        elapsed = max(self._shown - self._started, 1e-9)
        of = f"/{self.total}" if self.total is not None else ""
        rate = self.size / elapsed / 1e6
        self.stream.write(f"\racrolib: {self.count}{of} {self.what}, "
                          f"{self.size / 1e6:.1f} MB, {rate:.1f} MB/s ")
        self.stream.flush()

    def close(self) -> None:
        """Draw the final state and end the line."""
        if self.enabled:
            self._draw()
            self.stream.write("\n")
            self.stream.flush()
