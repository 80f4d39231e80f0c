"""Data-driven regression cases for the definition finder (``tests/cases/definitions.jsonl``).

Each case is one JSON object; see ``tests/cases/README.md`` for the fields.  A case with
``xfail`` is a known failure and must keep failing (``strict=True``) until it is fixed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from acrolib._definitions import find_definitions

CASES_FILE = Path(__file__).parent / "cases" / "definitions.jsonl"


def _load() -> list[Any]:
    params = []
    with CASES_FILE.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            case = json.loads(line)
            marks = []
            if case.get("xfail"):
                marks.append(pytest.mark.xfail(reason=case["xfail"], strict=True))
            params.append(pytest.param(case, id=case["id"], marks=marks))
    return params


@pytest.mark.parametrize("case", _load())
def test_case(case: dict[str, Any]) -> None:
    """The expected definitions are found with exact long forms and spans; rejects are not."""
    text = case["text"]
    found = find_definitions(text)
    for d in found:
        assert text[d.short_span[0] : d.short_span[1]] == d.short
        assert text[d.long_span[0] : d.long_span[1]] == d.long
    pairs = {(d.short, d.long) for d in found}
    for exp in case["expect"]:
        assert (exp["short"], exp["long"]) in pairs, f"missing {exp}; found {sorted(pairs)}"
    shorts = {d.short for d in found}
    for rej in case.get("reject", []):
        assert rej not in shorts, (
            f"{rej!r} must not be taken as a definition; found {sorted(pairs)}"
        )
    if case.get("only"):
        expected = {(e["short"], e["long"]) for e in case["expect"]}
        assert pairs == expected


def test_cases_file_is_well_formed() -> None:
    """Every case has an id, a text, expect/reject lists and unique ids."""
    ids = set()
    with CASES_FILE.open(encoding="utf-8") as fh:
        for line in fh:
            case = json.loads(line)
            assert isinstance(case["id"], str) and case["id"] not in ids
            ids.add(case["id"])
            assert isinstance(case["text"], str)
            assert all({"short", "long"} <= set(e) for e in case["expect"])
            assert isinstance(case.get("reject", []), list)
    assert len(ids) >= 40
