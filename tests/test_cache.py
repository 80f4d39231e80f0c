"""The per-user cache of the parsed shipped glossary."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from acrolib import _cache
from acrolib._glossary import Glossary, _load_packs, shipped_glossary_dir


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ACROLIB_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("ACROLIB_NO_CACHE", raising=False)
    _load_packs.cache_clear()
    yield tmp_path
    _load_packs.cache_clear()


class TestCache:
    def test_second_load_comes_from_the_cache_and_is_equal(self, cache_dir: Path) -> None:
        """The first load writes one cache file; a fresh load reads it back equal."""
        first = _load_packs(("general",))
        [written] = list(cache_dir.glob("glossary-*.pickle"))
        _load_packs.cache_clear()
        assert _cache.load([shipped_glossary_dir() / "general.toml"]) == first
        assert _load_packs(("general",)) == first
        assert list(cache_dir.glob("glossary-*.pickle")) == [written]

    def test_damaged_cache_is_ignored(self, cache_dir: Path) -> None:
        """A corrupt cache file means parsing again, not an error."""
        expected = Glossary.load(shipped_glossary_dir() / "general.toml")
        _load_packs(("general",))
        for path in cache_dir.glob("glossary-*.pickle"):
            path.write_bytes(b"not a pickle")
        _load_packs.cache_clear()
        assert _load_packs(("general",)) == expected

    def test_changed_pack_changes_the_name(self, tmp_path: Path) -> None:
        """Editing a pack (size or time) gives another cache name."""
        pack = tmp_path / "p.toml"
        pack.write_text("schema = 1\n", encoding="utf-8")
        before = _cache._name([pack])
        pack.write_text("schema = 1\n\n", encoding="utf-8")
        assert _cache._name([pack]) != before

    def test_disabled(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """ACROLIB_NO_CACHE turns the cache off."""
        monkeypatch.setenv("ACROLIB_NO_CACHE", "1")
        assert _cache.load([shipped_glossary_dir() / "general.toml"]) is None

    def test_old_files_are_pruned(self, cache_dir: Path) -> None:
        """Writing a cache file leaves only the newest KEEP files behind."""
        for number in range(_cache.KEEP + 3):
            stale = cache_dir / f"glossary-old{number:02d}.pickle"
            stale.write_bytes(b"x")
            os.utime(stale, ns=(number * 10**9, number * 10**9))
        _load_packs(("general",))
        left = {p.name for p in cache_dir.glob("glossary-*.pickle")}
        # The new file stays, with the newest of the old ones.
        old = {f"glossary-old{n:02d}.pickle" for n in range(4, _cache.KEEP + 3)}
        assert len(left) == _cache.KEEP and len(left - old) == 1 and old <= left
