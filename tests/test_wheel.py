"""The built wheel carries the curated glossary and works outside the source tree."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(ROOT)],
                   check=True, capture_output=True)
    [built] = out.glob("acrolib-*.whl")
    return built


@pytest.mark.slow
class TestWheel:
    def test_wheel_contains_packs_and_marker(self, wheel: Path) -> None:
        """The packs sit inside the package, with py.typed."""
        names = set(zipfile.ZipFile(wheel).namelist())
        for pack in ("general", "international", "us-government", "caribbean-security"):
            assert f"acrolib/glossary/{pack}.toml" in names
        assert "acrolib/py.typed" in names

    def test_installed_wheel_finds_glossary_from_elsewhere(self, wheel: Path,
                                                           tmp_path: Path) -> None:
        """pip install of the wheel into a fresh venv, run from another folder, works."""
        venv = tmp_path / "venv"
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        python = venv / "bin" / "python"
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", str(wheel)],
                       check=True, capture_output=True)
        elsewhere = tmp_path / "elsewhere"
        elsewhere.mkdir()
        script = ("import acrolib, acrolib._glossary as g; "
                  "print(g.shipped_glossary_dir()); print(len(acrolib.default_glossary())); "
                  "print(acrolib.lookup('U.S.').key)")
        done = subprocess.run([str(python), "-c", script], cwd=elsewhere, capture_output=True,
                              text=True, check=True)
        folder, count, key = done.stdout.split("\n")[:3]
        assert folder.startswith(str(venv)) and folder.endswith("acrolib/glossary")
        assert int(count) >= 300 and key == "US"
        cli = subprocess.run([str(venv / "bin" / "acrolib"), "lookup", "CBSI"], cwd=elsewhere,
                             capture_output=True, text=True, check=False)
        assert cli.returncode == 0 and "Caribbean Basin Security Initiative" in cli.stdout
