"""The per-user cache of parsed glossaries (the shipped packs, and files loaded with cache),
and the pauses of the garbage collector that loading and long texts use."""

from __future__ import annotations

import gc
import json
import marshal
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import acrolib
from acrolib import _cache, _glossary_io
from acrolib._glossary import Glossary, _load_packs, shipped_glossary_dir
from acrolib._nogc import LONG_TEXT, collector_paused
from acrolib.cli import main
from acrolib.exceptions import GlossaryError


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
        [written] = list(cache_dir.glob("glossary-*.marshal"))
        _load_packs.cache_clear()
        cached = _cache.load([str(shipped_glossary_dir() / "general.toml")])
        assert Glossary._from_cache(cached) == first
        assert _load_packs(("general",)) == first
        assert list(cache_dir.glob("glossary-*.marshal")) == [written]

    @pytest.mark.parametrize("damage", ["garbage", "truncated", "another shape", "empty"])
    def test_damaged_cache_is_ignored(self, cache_dir: Path, damage: str,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
        """A corrupt cache file means parsing again, not an error, and the parse is cached
        again in place of the damaged file."""
        expected = Glossary.load(shipped_glossary_dir() / "general.toml")
        _load_packs(("general",))
        [path] = cache_dir.glob("glossary-*.marshal")
        good = path.read_bytes()
        path.write_bytes({"garbage": b"not marshal data", "truncated": good[: len(good) // 2],
                          "another shape": marshal.dumps(({}, {})), "empty": b""}[damage])
        _load_packs.cache_clear()
        parsed: list[object] = []
        real_load = Glossary.load

        def counted(path: object) -> Glossary:
            parsed.append(path)
            return real_load(path)  # type: ignore[arg-type]

        monkeypatch.setattr(Glossary, "load", counted)
        assert _load_packs(("general",)) == expected
        assert len(parsed) == 1
        assert path.read_bytes() == good

    def test_a_short_command_imports_neither_pathlib_nor_pickle(self, cache_dir: Path,
                                                                tmp_path: Path) -> None:
        """``acrolib expand`` on a small file, the glossary read from the cache, imports no
        module that it does not use (each costs milliseconds of start-up)."""
        sample = tmp_path / "in.txt"
        sample.write_text("The Caribbean Basin Security Initiative (CBSI) met the DOJ.\n",
                          encoding="utf-8")
        _load_packs(tuple(acrolib.available_packs()))  # the cache file
        code = ("import sys; from acrolib.cli import main; code = main(['expand', sys.argv[1]]); "
                "print(sorted(m for m in ('pathlib', 'pickle', 'json') if m in sys.modules)); "
                "sys.exit(code)")
        env = {**os.environ, "ACROLIB_CACHE_DIR": str(cache_dir)}
        done = subprocess.run([sys.executable, "-c", code, str(sample)], env=env,
                              capture_output=True, text=True, check=True)
        expanded, imported = done.stdout.splitlines()
        assert "Department of Justice (DOJ)" in expanded
        assert imported == "[]"

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
            stale = cache_dir / f"glossary-old{number:02d}.marshal"
            stale.write_bytes(b"x")
            os.utime(stale, ns=(number * 10**9, number * 10**9))
        earlier_form = cache_dir / "glossary-0123-4.pickle"
        earlier_form.write_bytes(b"x")
        unrelated = cache_dir / "notes.pickle"
        unrelated.write_bytes(b"x")
        _load_packs(("general",))
        left = {p.name for p in cache_dir.glob("glossary-*.marshal")}
        # The new file stays, with the newest of the old ones.
        old = {f"glossary-old{n:02d}.marshal" for n in range(4, _cache.KEEP + 3)}
        assert len(left) == _cache.KEEP and len(left - old) == 1 and old <= left
        # A file of the earlier form (a pickle) goes; a file not named like a cache file stays.
        assert not earlier_form.exists() and unrelated.exists()


_FILE = """\
schema = 1

[entries.QZX]
senses = [{ long = "Quartz Zinc Xenon" }]
"""


def _never_parse(*args: object, **kwargs: object) -> None:
    raise AssertionError("parsed although the cache holds the file")


class TestCachedFiles:
    def test_a_file_is_parsed_once(self, cache_dir: Path, tmp_path: Path,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
        """The second load of the same content comes from the cache, equal to the first."""
        path = tmp_path / "mine.toml"
        path.write_text(_FILE, encoding="utf-8")
        first = Glossary.load(path, cache=True)
        assert first["QZX"].senses[0].long == "Quartz Zinc Xenon"
        assert first["QZX"].pack == "mine"
        assert len(list(cache_dir.glob("glossary-*-file.marshal"))) == 1
        monkeypatch.setattr(_glossary_io, "entries_from_bytes", _never_parse)
        again = Glossary.load(path, cache=True)
        assert again == first and again["QZX"].pack == "mine"

    def test_new_content_with_the_same_size_and_time_is_parsed_again(
            self, cache_dir: Path, tmp_path: Path) -> None:
        """The name is a digest of the content: a rewrite within the resolution of file
        times, keeping the size, is still seen."""
        path = tmp_path / "mine.toml"
        path.write_text(_FILE, encoding="utf-8")
        Glossary.load(path, cache=True)
        stat = path.stat()
        path.write_text(_FILE.replace("Quartz", "Quarts"), encoding="utf-8")
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        assert path.stat().st_size == stat.st_size
        assert Glossary.load(path, cache=True)["QZX"].senses[0].long == "Quarts Zinc Xenon"

    def test_format_and_pack_name_are_part_of_the_name(self) -> None:
        """The same bytes read as another format, or under another stem, are another entry."""
        names = {_cache.content_name(b"QZX,Quartz", fmt, stem)
                 for fmt in ("csv", "tsv") for stem in ("a", "b")}
        assert len(names) == 4 and None not in names

    def test_without_cache_nothing_is_written(self, cache_dir: Path, tmp_path: Path) -> None:
        """``cache`` is off by default: a library call leaves no file behind."""
        path = tmp_path / "mine.toml"
        path.write_text(_FILE, encoding="utf-8")
        Glossary.load(path)
        assert list(cache_dir.glob("glossary-*-file.marshal")) == []

    def test_a_bad_file_is_not_cached(self, cache_dir: Path, tmp_path: Path) -> None:
        """A glossary error is raised on every load, and nothing is cached."""
        path = tmp_path / "bad.toml"
        path.write_text(_FILE.replace('long = "Quartz Zinc Xenon"', "long = 3"),
                        encoding="utf-8")
        for _ in range(2):
            with pytest.raises(GlossaryError, match=r"bad\.toml"):
                Glossary.load(path, cache=True)
        assert list(cache_dir.glob("glossary-*-file.marshal")) == []

    def test_the_command_line_caches_its_glossaries(
            self, cache_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
            monkeypatch: pytest.MonkeyPatch) -> None:
        """``--glossary`` files are read back from the cache by the next command."""
        path = tmp_path / "mine.toml"
        path.write_text(_FILE, encoding="utf-8")
        text = tmp_path / "in.txt"
        text.write_text("The QZX was used.\n", encoding="utf-8")
        assert main(["expand", "--glossary", str(path), str(text)]) == 0
        first = capsys.readouterr().out
        assert "Quartz Zinc Xenon (QZX)" in first
        monkeypatch.setattr(_glossary_io, "entries_from_bytes", _never_parse)
        assert main(["expand", "--glossary", str(path), str(text)]) == 0
        assert capsys.readouterr().out == first


class TestCollectorPaused:
    def test_paused_inside_and_restored_after(self) -> None:
        """The collector is off inside the block and on again after it, error or not."""
        assert gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert gc.isenabled()
        with pytest.raises(ValueError), collector_paused():
            raise ValueError("inside")
        assert gc.isenabled()

    def test_left_off_when_it_was_off(self) -> None:
        """A caller who turned the collector off keeps it off."""
        gc.disable()
        try:
            with collector_paused():
                assert not gc.isenabled()
            assert not gc.isenabled()
        finally:
            gc.enable()


class TestLongTexts:
    """A long text is processed with the collector paused, a short one with it running."""

    @pytest.fixture
    def collections(self) -> Iterator[list[int]]:
        """Collections started while the test runs, counted by generation."""
        started: list[int] = []

        def callback(phase: str, info: dict[str, int]) -> None:
            if phase == "start":
                started.append(info["generation"])

        threshold = gc.get_threshold()
        gc.set_threshold(50)  # collect often, so that a missing pause cannot go unseen
        gc.callbacks.append(callback)
        try:
            yield started
        finally:
            gc.callbacks.remove(callback)
            gc.set_threshold(*threshold)

    @pytest.mark.parametrize("call", [acrolib.annotate, acrolib.find_definitions])
    def test_no_collection_on_a_long_text(self, call: Callable[[str], object],
                                          collections: list[int]) -> None:
        text = "Alpha Beta (AB) and the AB. " * (LONG_TEXT // 28 + 1)
        assert len(text) >= LONG_TEXT
        call("Loads what a first call loads (AB).")
        collections.clear()
        call(text)
        # One collection may run as the pause ends, on the objects made meanwhile; without
        # the pause there would be hundreds.
        assert len(collections) <= 1
        assert gc.isenabled()

    @pytest.mark.parametrize("call", [acrolib.annotate, acrolib.find_definitions])
    def test_collections_go_on_below_the_threshold(self, call: Callable[[str], object],
                                                  collections: list[int]) -> None:
        text = "Alpha Beta (AB) and the AB. " * (LONG_TEXT // 28 - 1)
        assert len(text) < LONG_TEXT
        call("Loads what a first call loads (AB).")
        collections.clear()
        call(text)
        assert len(collections) > 10
        assert gc.isenabled()

    def test_no_reference_cycles(self) -> None:
        """The pause is safe because annotating leaves no cyclic garbage behind: every
        definition case of the test suite, annotated with the collector off, leaves nothing
        for a collection to free."""
        cases = Path(__file__).parent / "cases" / "definitions.jsonl"
        texts = [json.loads(line)["text"] for line in cases.read_text("utf-8").splitlines()
                 if line.strip()]
        text = "\n\n".join(texts)
        for call in (acrolib.annotate, acrolib.find_definitions):
            call(text)  # patterns compile on first use
        gc.collect()
        gc.disable()
        try:
            for call in (acrolib.annotate, acrolib.find_definitions):
                for one in [*texts, text]:
                    call(one)
            assert gc.collect() == 0
        finally:
            gc.enable()
