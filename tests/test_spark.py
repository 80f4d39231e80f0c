"""The Spark example of ``docs/pipelines.md`` runs and equals single-process annotation.

PySpark is not an acrolib extra and CI does not install it: the test runs only where
``pyspark`` imports and a Java runtime is found, and says which one is missing otherwise.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest
import regex

from acrolib import Resolver

PAGE = Path(__file__).resolve().parents[1] / "docs" / "pipelines.md"
TITLE = "spark_annotate.py"
_BLOCK = regex.compile(
    r'^```python[ \t]+title="' + regex.escape(TITLE) + r'"[ \t]*\n(?P<code>.*?)^```[ \t]*$',
    regex.MULTILINE | regex.DOTALL,
)


def spark_example() -> tuple[str, int]:
    """The code of the Spark block and the page line it starts on."""
    text = PAGE.read_text(encoding="utf-8")
    found = _BLOCK.search(text)
    assert found is not None, f"no ```python title=\"{TITLE}\" block in {PAGE.name}"
    return found["code"], text.count("\n", 0, found.start("code")) + 1


def test_the_block_is_there() -> None:
    """The page keeps the block this file runs, and it uses mapPartitions with a broadcast."""
    code, _ = spark_example()
    assert "mapPartitions(annotate_partition)" in code
    assert "broadcast(Resolver())" in code


@pytest.mark.slow
def test_spark_example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run the documented job on a local two-core Spark and compare with ``Resolver``."""
    pytest.importorskip("pyspark", reason="pyspark is not installed (it is not an acrolib "
                                          "extra; pip install pyspark to run this test)")
    java_home = os.environ.get("JAVA_HOME")
    if shutil.which("java") is None and not (java_home and Path(java_home, "bin", "java")
                                              .exists()):
        pytest.skip("no Java runtime found (PySpark needs java on PATH or JAVA_HOME)")
    # The executors must import acrolib: run them with this interpreter.
    monkeypatch.setenv("PYSPARK_PYTHON", sys.executable)
    monkeypatch.setenv("PYSPARK_DRIVER_PYTHON", sys.executable)
    monkeypatch.chdir(tmp_path)
    code, line = spark_example()
    namespace: dict[str, object] = {"__name__": "__main__"}
    exec(compile("\n" * (line - 1) + code, str(PAGE), "exec"), namespace)

    records = namespace["records"]
    annotated = namespace["annotated"]
    assert isinstance(records, list) and isinstance(annotated, list)
    resolver = Resolver()
    got = [json.loads(line) for line in annotated]
    assert [r["id"] for r in got] == [r["id"] for r in records]
    assert [r["acrolib"] for r in got] == [
        resolver.annotate(r["text"]).to_dict(include_text=False) for r in records]
