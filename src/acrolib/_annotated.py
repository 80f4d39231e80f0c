"""The result of annotating one text, and its versioned JSON form.

The JSON form is stand-off: offsets into ``text``, which is carried along so a record is
self-contained.  ``Annotated.from_dict(a.to_dict()) == a`` for every value ``annotate`` makes.
The schema is documented in ``docs/json-schema.md``.
"""

from __future__ import annotations

from typing import Any, Final

import attrs

from ._model import Candidate, Definition, Mention, Sense, Source, pickled_by_fields
from .exceptions import InputError

#: Identifies the layout of :meth:`Annotated.to_dict`; bumped on any incompatible change.
SCHEMA = "acrolib.annotated/1"


@pickled_by_fields
@attrs.frozen
class Annotated:
    """A text with its resolved mentions and the definitions found in it."""

    text: str
    mentions: tuple[Mention, ...] = ()
    definitions: tuple[Definition, ...] = ()

    def to_dict(self, *, include_text: bool = True) -> dict[str, Any]:
        """A JSON-ready dict (schema :data:`SCHEMA`)."""
        out: dict[str, Any] = {"schema": SCHEMA}
        if include_text:
            out["text"] = self.text
        out["mentions"] = [_mention_dict(m) for m in self.mentions]
        out["definitions"] = [_definition_dict(d) for d in self.definitions]
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Annotated:
        """Rebuild a value from :meth:`to_dict` output."""
        if not isinstance(data, dict):
            raise InputError(f"an annotation record is a JSON object, not {type(data).__name__}")
        if data.get("schema") != SCHEMA:
            raise InputError(f"unsupported schema {data.get('schema')!r}; expected {SCHEMA!r}")
        if not isinstance(data.get("text"), str):
            raise InputError("malformed annotation record: 'text' is not a string")
        try:
            return cls(
                text=data["text"],
                mentions=tuple(_mention_from(m) for m in data["mentions"]),
                definitions=tuple(_definition_from(d) for d in data["definitions"]),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError(f"malformed annotation record: {exc!r}") from None


#: Characters that JSON writes as they are inside a string but that ``str.splitlines`` and
#: some other readers take as line breaks.
_LINE_BREAKS: Final = (("\x85", "\\u0085"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))


def one_line(json_text: str) -> str:
    """JSON text (from ``json.dumps(..., ensure_ascii=False)``) with those characters escaped,
    so that a record is one line for every line splitter; it reads back the same."""
    if "\x85" in json_text or "\u2028" in json_text or "\u2029" in json_text:
        for char, escape in _LINE_BREAKS:
            json_text = json_text.replace(char, escape)
    return json_text


#: An annotation as a worker sends it back: its mentions and definitions, without the text.
Packed = tuple[tuple[Mention, ...], tuple[Definition, ...]]


def packed(text: str, annotated: Annotated) -> Annotated | Packed:
    """What a worker process sends back for the annotation of ``text``: the annotation
    without ``text``, which the caller still holds, when ``text`` is what it holds."""
    if annotated.text is text:
        return annotated.mentions, annotated.definitions
    return annotated


def unpacked(text: str, value: Annotated | Packed) -> Annotated:
    """The annotation of ``text`` again, from what :func:`packed` gave."""
    if isinstance(value, Annotated):
        return value
    return Annotated(text, value[0], value[1])


def _sense_dict(sense: Sense) -> dict[str, Any]:
    # Every field, in field order (``attrs.asdict`` gives the same, several times slower).
    return {"long": sense.long, "plural": sense.plural, "domains": list(sense.domains),
            "context": list(sense.context), "source": sense.source, "note": sense.note,
            "irregular": sense.irregular, "prior": sense.prior}


def _sense_from(data: dict[str, Any]) -> Sense:
    return Sense(**data)


def _definition_dict(d: Definition) -> dict[str, Any]:
    return {"short": d.short, "long": d.long, "short_span": list(d.short_span),
            "long_span": list(d.long_span), "key": d.key, "pattern": d.pattern,
            "score": d.score}


def _definition_from(data: dict[str, Any]) -> Definition:
    return Definition(short=data["short"], long=data["long"],
                      short_span=(data["short_span"][0], data["short_span"][1]),
                      long_span=(data["long_span"][0], data["long_span"][1]),
                      key=data["key"], pattern=data["pattern"], score=data["score"])


def _mention_dict(m: Mention) -> dict[str, Any]:
    out: dict[str, Any] = {
        "start": m.start, "end": m.end, "text": m.text, "key": m.key,
        "expansion": m.expansion, "source": m.source.value,
    }
    if m.plural:
        out["plural"] = True
    if m.possessive:
        out["possessive"] = m.possessive
    if m.before_definition:
        out["before_definition"] = True
    if m.well_known:
        out["well_known"] = True
    if m.sense is not None:
        out["sense"] = _sense_dict(m.sense)
    if m.candidates:
        out["candidates"] = [
            {"expansion": c.expansion, "score": c.score, "sense": _sense_dict(c.sense),
             "reasons": list(c.reasons)}
            for c in m.candidates
        ]
    if m.definition is not None:
        out["definition"] = _definition_dict(m.definition)
    return out


def _mention_from(data: dict[str, Any]) -> Mention:
    return Mention(
        start=data["start"], end=data["end"], text=data["text"], key=data["key"],
        expansion=data["expansion"], source=Source(data["source"]),
        sense=_sense_from(data["sense"]) if "sense" in data else None,
        candidates=tuple(
            Candidate(expansion=c["expansion"], score=c["score"], sense=_sense_from(c["sense"]),
                      reasons=tuple(c["reasons"]))
            for c in data.get("candidates", ())
        ),
        plural=data.get("plural", False), possessive=data.get("possessive", ""),
        before_definition=data.get("before_definition", False),
        definition=_definition_from(data["definition"]) if "definition" in data else None,
        well_known=data.get("well_known", False),
    )
