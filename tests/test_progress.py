"""The progress line: drawn on terminals only."""

from __future__ import annotations

import io

from acrolib._progress import Progress


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class TestProgress:
    def test_silent_when_not_a_terminal(self) -> None:
        """Nothing is written to a pipe or file."""
        stream = io.StringIO()
        progress = Progress("files", total=3, stream=stream)
        progress.update(1, 10)
        progress.close()
        assert stream.getvalue() == ""

    def test_draws_counts_on_a_terminal(self) -> None:
        """A terminal sees the count of total and ends with a newline."""
        stream = _Terminal()
        progress = Progress("files", total=3, stream=stream, interval=0)
        progress.update(2, 2_000_000)
        progress.close()
        text = stream.getvalue()
        assert "\racrolib: 2/3 files, 2.0 MB" in text and text.endswith("\n")
