"""Project configuration: finding the file, reading its keys, and reporting bad values."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from acrolib import InputError
from acrolib._config import Config, find_config_file, load_config

GLOSSARY = """
[entries.CSS]
[[entries.CSS.senses]]
long = "Coast Guard Support Squadron"
source = "test"
"""


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


class TestFinding:
    def test_defaults_without_a_file(self, tmp_path: Path) -> None:
        """No file anywhere above gives the default configuration."""
        if find_config_file(tmp_path) is not None:
            pytest.skip(f"a configuration file above {tmp_path} applies to it")
        assert load_config(tmp_path) == Config()
        assert Config() == Config(glossaries=(), packs=None, use_default_glossary=True,
                                  disabled_rules=(), well_known=(), min_severity="info")

    def test_dedicated_file_in_a_parent(self, tmp_path: Path) -> None:
        """``.acrolib.toml`` in a parent folder applies to files below it."""
        _write(tmp_path / ".acrolib.toml", 'well-known = ["API"]\n')
        start = tmp_path / "a" / "b"
        start.mkdir(parents=True)
        assert find_config_file(start) == tmp_path / ".acrolib.toml"
        assert load_config(start).well_known == ("API",)

    def test_start_may_be_a_file(self, tmp_path: Path) -> None:
        """A file starts the search in its folder."""
        _write(tmp_path / ".acrolib.toml", 'packs = ["general"]\n')
        document = _write(tmp_path / "doc.md", "text")
        assert load_config(document).packs == ("general",)

    def test_nearest_wins_and_nothing_merges(self, tmp_path: Path) -> None:
        """The nearest file is used alone; keys of files further up are not inherited."""
        _write(tmp_path / ".acrolib.toml", 'well-known = ["API"]\npacks = ["general"]\n')
        _write(tmp_path / "sub" / ".acrolib.toml", 'well-known = ["JSON"]\n')
        config = load_config(tmp_path / "sub")
        assert config.well_known == ("JSON",)
        assert config.packs is None

    def test_dedicated_file_beats_pyproject(self, tmp_path: Path) -> None:
        """In one folder ``.acrolib.toml`` wins over ``pyproject.toml``."""
        _write(tmp_path / "pyproject.toml", '[tool.acrolib]\nwell-known = ["XML"]\n')
        _write(tmp_path / ".acrolib.toml", 'well-known = ["API"]\n')
        assert load_config(tmp_path).well_known == ("API",)

    def test_pyproject_without_table_is_passed_over(self, tmp_path: Path) -> None:
        """A ``pyproject.toml`` without ``[tool.acrolib]`` does not stop the search."""
        _write(tmp_path / "pyproject.toml", '[tool.acrolib]\nwell-known = ["XML"]\n')
        _write(tmp_path / "pkg" / "pyproject.toml", '[project]\nname = "x"\n')
        assert load_config(tmp_path / "pkg").well_known == ("XML",)


class TestKeys:
    def test_every_key(self, tmp_path: Path) -> None:
        """Every key is read; glossary paths become absolute, relative to the file."""
        _write(tmp_path / "terms" / "mine.toml", GLOSSARY)
        _write(tmp_path / "pyproject.toml", """
[tool.acrolib]
glossaries = ["terms/mine.toml"]
packs = ["general", "us-government"]
use-default-glossary = true
well-known = ["API", "JSON"]

[tool.acrolib.lint]
disable = ["single-use", "defined-twice"]
min-severity = "warning"
severity = { undefined = "error" }
""")
        config = load_config(tmp_path)
        assert config == Config(
            glossaries=(str((tmp_path / "terms" / "mine.toml").resolve()),),
            packs=("general", "us-government"), use_default_glossary=True,
            disabled_rules=("defined-twice", "single-use"), well_known=("API", "JSON"),
            min_severity="warning")

    def test_frozen(self) -> None:
        """A Config is a value: changed with ``attrs.evolve``, never in place."""
        config = Config()
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            config.packs = ("general",)  # type: ignore[misc]
        assert attrs.evolve(config, packs=("general",)).packs == ("general",)

    def test_resolver_uses_glossaries_and_well_known(self, tmp_path: Path) -> None:
        """``Config.resolver()`` layers the glossaries and marks the well-known forms."""
        _write(tmp_path / "mine.toml", GLOSSARY)
        _write(tmp_path / ".acrolib.toml",
               'glossaries = ["mine.toml"]\nuse-default-glossary = false\nwell-known = ["CSS"]\n')
        resolver = load_config(tmp_path).resolver()
        entry = resolver.lookup("CSS")
        assert entry is not None and entry.well_known
        assert resolver.lookup("CBSI") is None
        # Well known: first-use expansion leaves it alone unless asked.
        assert resolver.expand("The CSS sailed.") == "The CSS sailed."
        assert resolver.expand("The CSS sailed.", well_known=True) == (
            "The Coast Guard Support Squadron (CSS) sailed.")


class TestErrors:
    def test_bad_bytes_name_the_line(self, tmp_path: Path) -> None:
        """A file that is not UTF-8: the byte and its line."""
        path = tmp_path / ".acrolib.toml"
        path.write_bytes(b"# ok\npacks = ['\xff']\n")
        with pytest.raises(InputError) as caught:
            load_config(tmp_path)
        assert (caught.value.path, caught.value.line, caught.value.problem) == (
            str(path), 2, "not valid UTF-8 (byte 15: b'\\xff')")

    @pytest.mark.parametrize(("text", "message"), [
        ('glossary = ["x"]\n', r"glossary: unknown key; allowed: glossaries"),
        ('use_default_glossary = true\n', r"did you mean 'use-default-glossary'\?"),
        ('packs = "general"\n', r"packs: must be a list of non-empty strings"),
        ('packs = ["nonesuch"]\n', r"packs: no such pack 'nonesuch'"),
        ('packs = ["general"]\nuse-default-glossary = false\n', r"use-default-glossary is false"),
        ('use-default-glossary = "yes"\n', r"must be true or false, not 'yes'"),
        ('glossaries = ["missing.toml"]\n', r"no such glossary file 'missing\.toml'"),
        ('[lint]\nmin-severity = "fatal"\n', r"lint\.min-severity: must be one of info, warning"),
        ('[lint]\ndisable = ["no-such-rule"]\n', r"lint\.disable: unknown rule 'no-such-rule'"),
        ('[lint]\nseverity = { undefined = "loud" }\n',
         r"lint\.severity\.undefined: must be one of .* not 'loud'"),
        ('[lint]\nfrobnicate = 1\n', r"lint\.frobnicate: unknown key"),
        ('lint = 3\n', r"lint: must be a table"),
        ('packs = [\n', r"\.acrolib\.toml:1: invalid TOML: Invalid value$"),
        ('# a\n\nx = """never\nclosed\n', r"\.acrolib\.toml:3: invalid TOML: Unterminated string$"),
        ("\n" + "x = " + "[" * 3000 + "]" * 3000 + "\n",
         r"\.acrolib\.toml:2: invalid TOML: nested more than 100 deep$"),
        ("\n\nx = " + "1" * 5000 + "\n",
         r"\.acrolib\.toml:3: invalid TOML: a number has more than 4300 digits$"),
    ])
    def test_bad_dedicated_file(self, tmp_path: Path, text: str, message: str) -> None:
        """Each mistake is an InputError naming the file and the key, or the file and the
        line for a file that is no TOML."""
        _write(tmp_path / ".acrolib.toml", text)
        with pytest.raises(InputError, match=message) as caught:
            load_config(tmp_path)
        assert caught.value.path == str(tmp_path / ".acrolib.toml")
        assert str(caught.value).startswith(caught.value.path + ":")

    def test_pyproject_errors_name_the_table(self, tmp_path: Path) -> None:
        """In ``pyproject.toml`` the message names ``[tool.acrolib]``."""
        _write(tmp_path / "pyproject.toml", '[tool.acrolib]\nwell-known = [1]\n')
        with pytest.raises(InputError, match=r"\[tool\.acrolib\] well-known: must be a list"):
            load_config(tmp_path)
