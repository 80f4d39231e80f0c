"""Patterns compiled on first use, so that importing acrolib compiles nothing."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

P = TypeVar("P")


def lazy(compile: Callable[[str, int], P], pattern: str, flags: int = 0) -> Callable[[], P]:
    """A function returning ``compile(pattern, flags)``, computed on its first call only."""
    return functools.cache(functools.partial(compile, pattern, flags))
