"""The value makers of the per-mention path give what the classes give."""

from __future__ import annotations

import io
import pickle
from collections.abc import Callable
from unittest import mock

import attrs
from hypothesis import given
from hypothesis import strategies as st
from strategies import senses

import acrolib
import acrolib._expand
import acrolib._values
from acrolib import Annotated, Candidate, Definition, Mention, Source
from acrolib._expand import Action, Step, _step
from acrolib._model import field_values
from acrolib._values import COMPILED, annotated, candidate, definition, mention, resolved
from acrolib._version import build

_spans = st.tuples(st.integers(0, 10**6), st.integers(0, 10**6))
_scores = st.floats(0, 1, allow_nan=False)
_texts = st.text(max_size=8)

_definitions = st.builds(Definition, short=_texts, long=_texts, short_span=_spans,
                         long_span=_spans, key=_texts, pattern=_texts, score=_scores)
_candidates = st.builds(Candidate, expansion=_texts, score=_scores, sense=senses(),
                        reasons=st.lists(_texts, max_size=3).map(tuple))
_mentions = st.builds(
    Mention, start=st.integers(0, 10**6), end=st.integers(0, 10**6), text=_texts, key=_texts,
    expansion=st.none() | _texts, source=st.sampled_from(Source),
    sense=st.none() | senses(), candidates=st.lists(_candidates, max_size=2).map(tuple),
    plural=st.booleans(), possessive=st.sampled_from(["", "'s", "’", "ʼs"]),
    before_definition=st.booleans(), definition=st.none() | _definitions,
    well_known=st.booleans())


def _same(made: object, expected: object) -> None:
    """Equal field by field (a field left unset fails here), of the same class, with the
    same hash, and pickled alike."""
    assert type(made) is type(expected)
    assert made == expected
    assert repr(made) == repr(expected)
    assert hash(made) == hash(expected)
    assert pickle.loads(pickle.dumps(made)) == expected


def _made_both_ways(make: Callable[[], object]) -> list[object]:
    """``make()`` as this build runs it and, in the pure-Python build, again along the path the
    compiled build takes (each field set on the value ``object.__new__`` gives), which
    ``COMPILED`` chooses each time a maker runs."""
    made = [make()]
    if not COMPILED:
        with mock.patch.object(acrolib._values, "COMPILED", True), \
                mock.patch.object(acrolib._expand, "COMPILED", True):
            made.append(make())
    return made


def test_compiled_when_the_package_is() -> None:
    assert (build() == "compiled") is COMPILED


@given(_mentions)
def test_mention_gives_what_the_class_gives(expected: Mention) -> None:
    fields = attrs.asdict(expected, recurse=False)
    start, end, text, key = (fields.pop(name) for name in ("start", "end", "text", "key"))
    for made in _made_both_ways(lambda: mention(start, end, text, key, **fields)):
        _same(made, expected)


@given(st.integers(0, 100), st.integers(0, 100), _texts, _texts)
def test_mention_defaults_are_the_class_s(start: int, end: int, text: str, key: str) -> None:
    for made in _made_both_ways(lambda: mention(start, end, text, key)):
        _same(made, Mention(start, end, text, key))


@given(_mentions, st.none() | _texts, st.sampled_from(Source), st.none() | senses(),
       st.lists(_candidates, max_size=2).map(tuple))
def test_resolved_changes_only_what_it_is_given(
        old: Mention, expansion: str | None, source: Source, sense: acrolib.Sense | None,
        candidates: tuple[Candidate, ...]) -> None:
    expected = attrs.evolve(old, expansion=expansion, source=source, sense=sense,
                            candidates=candidates)
    for made in _made_both_ways(lambda: resolved(old, expansion, source, sense, candidates)):
        _same(made, expected)


@given(_definitions)
def test_definition_gives_what_the_class_gives(expected: Definition) -> None:
    for made in _made_both_ways(lambda: definition(*attrs.astuple(expected, recurse=False))):
        _same(made, expected)


@given(_candidates)
def test_candidate_gives_what_the_class_gives(expected: Candidate) -> None:
    for made in _made_both_ways(lambda: candidate(*attrs.astuple(expected, recurse=False))):
        _same(made, expected)


@given(_texts, st.lists(_mentions, max_size=2).map(tuple),
       st.lists(_definitions, max_size=2).map(tuple))
def test_annotated_gives_what_the_class_gives(
        text: str, mentions: tuple[Mention, ...], definitions: tuple[Definition, ...]) -> None:
    for made in _made_both_ways(lambda: annotated(text, mentions, definitions)):
        _same(made, Annotated(text, mentions, definitions))


@given(_mentions, st.sampled_from(["keep", "expand", "replace"]), st.none() | _texts,
       st.integers(0, 100))
def test_step_gives_what_the_class_gives(mention: Mention, action: Action, long: str | None,
                                         tail: int) -> None:
    for made in _made_both_ways(lambda: _step(mention, action, long, tail)):
        _same(made, Step(mention, action, long, tail))


@attrs.frozen
class _NamedMention(Mention):
    """A subclass, as a user might write one."""


def test_a_subclass_pickles_as_itself() -> None:
    value = _NamedMention(0, 2, "AB", "AB")
    back = pickle.loads(pickle.dumps(value))
    assert type(back) is _NamedMention
    assert back == value


def test_a_pickle_of_a_class_call_still_loads() -> None:
    """Values pickled as calls of their class (as before the makers) read back the same."""
    value = Mention(0, 2, "AB", "AB", candidates=(Candidate("Alpha Beta", 1.0,
                                                            acrolib.Sense("Alpha Beta")),))

    class ByClass(pickle.Pickler):
        def reducer_override(self, obj: object) -> object:
            if type(obj) in (Mention, Candidate):
                return type(obj), field_values(type(obj))(obj)
            return NotImplemented

    written = io.BytesIO()
    ByClass(written).dump(value)
    assert b"_values" not in written.getvalue()
    assert pickle.loads(written.getvalue()) == value
