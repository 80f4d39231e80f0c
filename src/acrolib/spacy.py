"""A spaCy pipeline component that finds, defines and resolves acronyms.

spaCy finds the factory through the ``spacy_factories`` entry point, so
``nlp.add_pipe("acrolib")`` works without importing acrolib first::

    nlp = spacy.blank("en")
    nlp.add_pipe("acrolib", config={"glossaries": ["my-glossary.toml"]})
    doc = nlp("The Caribbean Basin Security Initiative (CBSI) trains police.")
    [(span.text, span._.expansion) for span in doc._.acronyms]

Results live in one Doc extension, ``Doc._.acrolib_record`` (a JSON string in
``Doc.user_data``), and every other extension is a getter that reads it.  That is why results
survive ``nlp.pipe(..., n_process=2)``, ``Doc.to_bytes`` and ``DocBin(store_user_data=True)``:
values set on individual spans would not.

acrolib's offsets are characters, spaCy's spans are tokens.  A mention or form that does not
start and end on token boundaries (``CBFbeta`` inside the token ``CBFbeta-smooth``) becomes
the smallest span of whole tokens covering it (``doc.char_span(start, end,
alignment_mode="expand")``); the exact offsets stay available on ``Doc._.acronym_annotated``
and ``Span._.acronym_mention``.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from ._annotated import SCHEMA, Annotated
from ._expand import MODES, expand_annotated
from ._glossary import Glossary, default_glossary
from ._model import Mention
from ._resolve import Resolver
from .exceptions import AcrolibError, GlossaryError

__all__ = ["AcronymComponent", "make_acrolib", "register_extensions"]

#: The Doc extension holding the results (a JSON string); every other extension reads it.
RECORD = "acrolib_record"


class AcronymComponent:
    """Annotates each ``Doc`` with its acronym mentions and in-text definitions.

    The component holds a :class:`~acrolib.Resolver` (picklable, so ``nlp.pipe`` with
    ``n_process > 1`` works) and the expansion mode used by ``Doc._.acronym_expanded``.
    """

    def __init__(self, resolver: Resolver, *, expansion: str = "first",
                 name: str = "acrolib") -> None:
        if expansion not in MODES:
            raise GlossaryError(f"unknown expansion mode {expansion!r}; use one of "
                                f"{', '.join(MODES)}", field="expansion")
        register_extensions()
        self.resolver = resolver
        self.expansion = expansion
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        """Annotate ``doc`` in place and return it."""
        annotated = self.resolver.annotate(doc.text)
        record = annotated.to_dict(include_text=False)
        record["expansion_mode"] = self.expansion
        doc._.set(RECORD, json.dumps(record, ensure_ascii=False))
        return doc


@Language.factory(
    "acrolib",
    default_config={
        "glossaries": [],
        "packs": None,
        "use_default_glossary": True,
        "expansion": "first",
    },
)
def make_acrolib(
    nlp: Language,
    name: str,
    glossaries: list[str],
    packs: list[str] | None,
    use_default_glossary: bool,
    expansion: str,
) -> AcronymComponent:
    """Build the ``acrolib`` component.

    ``glossaries`` are paths of glossary files (TOML, JSON, CSV, TSV) layered in order on top
    of the shipped packs; ``packs`` picks shipped packs (all when ``None``);
    ``use_default_glossary = false`` leaves the shipped packs out altogether.  ``expansion``
    is the mode of ``Doc._.acronym_expanded``: ``first``, ``all``, ``replace`` or ``none``.

    Glossary paths are read when the component is built, so they must exist when a saved
    pipeline is loaded with ``spacy.load``; prefer absolute paths.
    """
    layers = [Glossary.load(path) for path in glossaries]
    if use_default_glossary:
        base = default_glossary(packs)
    elif packs:
        raise GlossaryError("packs were named but use_default_glossary is false",
                            field="packs")
    else:
        base = Glossary()
    resolver = Resolver(glossary=Glossary.layered(base, *layers) if layers else base)
    return AcronymComponent(resolver, expansion=expansion, name=name)


# -- extensions ------------------------------------------------------------------------------


def register_extensions() -> None:
    """Register acrolib's ``Doc`` and ``Span`` extensions; safe to call more than once.

    The component calls it when it is built.  Call it yourself before reading results from
    a ``DocBin`` in a process that has not built the component.  Raises
    :class:`~acrolib.AcrolibError` if another package already registered one of the names.
    """
    _ensure(Doc, RECORD, {"default": None})
    _ensure(Doc, "acronym_annotated", {"getter": _doc_annotated})
    _ensure(Doc, "acronyms", {"getter": _doc_acronyms})
    _ensure(Doc, "acronym_definitions", {"getter": _doc_definitions})
    _ensure(Doc, "acronym_expanded", {"getter": _doc_expanded})
    _ensure(Span, "acronym_mention", {"getter": _span_mention})
    _ensure(Span, "expansion", {"getter": _span_expansion})
    _ensure(Span, "acronym_source", {"getter": _span_source})
    _ensure(Span, "acronym_key", {"getter": _span_key})


def _ensure(cls: type[Doc] | type[Span], name: str, spec: dict[str, Any]) -> None:
    if cls.has_extension(name):
        default, _method, getter, _setter = cls.get_extension(name)
        ours = getter is spec.get("getter") and (getter is not None or default is None)
        if not ours:
            raise AcrolibError(
                f"the {cls.__name__} extension {name!r} is already registered by other code; "
                "acrolib will not overwrite it"
            )
        return
    cls.set_extension(name, **spec)


@functools.lru_cache(maxsize=64)
def _decode(text: str, record: str) -> tuple[Annotated, str]:
    data = json.loads(record)
    mode = data.pop("expansion_mode", "first")
    data["schema"] = data.get("schema", SCHEMA)
    data["text"] = text
    return Annotated.from_dict(data), mode


def _doc_annotated(doc: Doc) -> Annotated | None:
    record = doc._.get(RECORD)
    if record is None:
        return None
    return _decode(doc.text, record)[0]


def _char_span(doc: Doc, start: int, end: int) -> Span | None:
    span: Span | None = doc.char_span(start, end, alignment_mode="expand")
    return span


def _doc_acronyms(doc: Doc) -> list[Span]:
    annotated = _doc_annotated(doc)
    if annotated is None:
        return []
    spans = (_char_span(doc, m.start, m.end) for m in annotated.mentions)
    return [span for span in spans if span is not None]


def _doc_definitions(doc: Doc) -> list[tuple[Span, Span]]:
    annotated = _doc_annotated(doc)
    if annotated is None:
        return []
    out = []
    for definition in annotated.definitions:
        short = _char_span(doc, *definition.short_span)
        long = _char_span(doc, *definition.long_span)
        if short is not None and long is not None:
            out.append((short, long))
    return out


def _doc_expanded(doc: Doc) -> str | None:
    record = doc._.get(RECORD)
    if record is None:
        return None
    annotated, mode = _decode(doc.text, record)
    return expand_annotated(annotated, mode)


def _span_mention(span: Span) -> Mention | None:
    """The mention at exactly this span's characters, else the first one it was expanded from."""
    annotated = _doc_annotated(span.doc)
    if annotated is None:
        return None
    for mention in annotated.mentions:
        if mention.start == span.start_char and mention.end == span.end_char:
            return mention
    for mention in annotated.mentions:
        covering = _char_span(span.doc, mention.start, mention.end)
        if covering is not None and (covering.start, covering.end) == (span.start, span.end):
            return mention
    return None


def _from_mention(read: Callable[[Mention], str | None]) -> Callable[[Span], str | None]:
    def getter(span: Span) -> str | None:
        mention = _span_mention(span)
        return None if mention is None else read(mention)

    return getter


_span_expansion = _from_mention(lambda m: m.expansion)
_span_source = _from_mention(lambda m: m.source.value)
_span_key = _from_mention(lambda m: m.key)
