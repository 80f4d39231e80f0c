"""Resolving every mention: in-text definition first, then the glossary sense that fits.

A :class:`Resolver` holds a glossary and options; it is immutable after construction, so one
instance can serve many threads, and it pickles to its glossary and options only.
"""

from __future__ import annotations

import functools
import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Container, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Final, NamedTuple, TypeVar

import attrs
import regex

from ._annotated import Annotated
from ._expand import Covered, defined_in_plural, plural_of, singular_for
from ._glossary import Glossary, default_glossary
from ._keys import _new, normal_long, parse
from ._lazy import lazy
from ._mentions import Token, find_tokens, possessive_after
from ._model import Candidate, Definition, Entry, Mention, Sense, Source
from ._nogc import paused_for_long
from ._values import annotated as _annotation
from ._values import candidate as _candidate
from ._values import mention as _mention
from ._values import resolved as _resolved

if TYPE_CHECKING:
    from ._expand import ExpansionState
    from ._workers import AnnotationWorkers


@attrs.frozen
class Options:
    """How mentions are resolved.  Change with ``attrs.evolve``.

    ``window`` is the number of characters each side of a mention searched for context
    words, not counting the long forms of definitions ("Long Form (LF)", brackets included),
    which are no context: an expansion read back then moves no window.  A sense wins only
    when its score beats the next by at least ``margin``; otherwise the mention is
    AMBIGUOUS.  The senses of an entry marked ``needs_context`` (HOPE) must also score at
    least ``margin`` from the context (context words and shared domains), their prior aside,
    even when the entry has one sense.  The weights make each candidate's score explainable:
    every term is listed in the candidate's ``reasons``.
    """

    window: int = 300
    margin: float = 1.0
    local_weight: float = 2.0
    document_weight: float = 0.5
    domain_weight: float = 1.5
    prior_weight: float = 0.5


class Resolver:
    """Finds, defines and resolves acronyms with one glossary and one set of options.

    ``Resolver()`` uses the shipped glossary (all packs); ``Resolver(glossary=g)`` uses ``g``
    alone; ``Resolver(layers=[user])`` puts ``user`` on top of the shipped glossary.
    """

    def __init__(
        self,
        glossary: Glossary | None = None,
        *,
        layers: Iterable[Glossary] = (),
        packs: Iterable[str] | None = None,
        options: Options | None = None,
    ) -> None:
        base = glossary if glossary is not None else default_glossary(packs)
        extra = tuple(layers)
        self._glossary = Glossary.layered(base, *extra) if extra else base
        self.options = options or Options()
        self._contexts: dict[tuple[str, int], _ContextWords] = {}
        self._surfaces: dict[str, _SurfaceInfo] = {}
        self._longs: dict[str, tuple[str, ...]] = {}

    @property
    def glossary(self) -> Glossary:
        """The glossary this resolver looks short forms up in."""
        return self._glossary

    def __getstate__(self) -> dict[str, Any]:
        return {"glossary": self._glossary, "options": self.options}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._glossary = state["glossary"]
        self.options = state["options"]
        self._contexts = {}
        self._surfaces = {}
        self._longs = {}

    # -- public operations ---------------------------------------------------------------

    def lookup(self, surface: str) -> Entry | None:
        """The glossary entry for any spelling of a short form (``U.S.``, ``MOUs``)."""
        return self._glossary.lookup(surface)

    def annotate(self, text: str, *,
                 carried: Mapping[str, Definition] | None = None) -> Annotated:
        """Find the mentions and definitions of ``text`` and resolve every mention.

        ``carried`` holds definitions made earlier in a stream (key -> definition); they
        govern mentions here until ``text`` defines the key again.  Their spans refer to the
        text they came from.
        """
        return paused_for_long(text, self._annotate, text, carried or {})

    def _annotate(self, text: str, carried: Mapping[str, Definition],
                  earlier: ExpansionState | None = None) -> Annotated:
        from ._definitions import find_definitions

        definitions = tuple(self._keyed(d) for d in find_definitions(text, self._named))
        mentions = tuple(self._resolve(text, find_tokens(text), definitions, carried, earlier))
        return _annotation(text, mentions, definitions)

    def annotate_many(self, texts: Iterable[str], *, jobs: int = 1,
                      chunksize: int = 64) -> Iterator[Annotated]:
        """Annotate many texts, in input order, on ``jobs`` processes: this one and
        ``jobs - 1`` workers (all cores when ``jobs <= 0``).

        A task carries up to ``chunksize`` texts and about 256,000 characters, so short texts
        travel in batches and a long one alone.  The workers stop when the call ends; to keep
        them for many calls, use :meth:`workers`.
        """
        from ._workers import annotate_many

        return annotate_many(self, texts, jobs, chunksize)

    def workers(self, jobs: int = 0) -> AnnotationWorkers:
        """Worker processes kept for many calls of their ``annotate_many``, until closed::

            with resolver.workers(jobs=4) as workers:
                for batch in batches:
                    for annotated in workers.annotate_many(batch):
                        ...

        ``jobs`` counts this process and ``jobs - 1`` workers (all cores when ``jobs <= 0``).
        The workers start at the first call that needs them.
        """
        from ._workers import AnnotationWorkers

        return AnnotationWorkers(self, jobs)

    def expand(self, text: str, mode: str = "first", *, well_known: bool = False) -> str:
        """Expand acronyms in ``text``: ``first``, ``all``, ``replace`` or ``none``.

        ``first`` leaves well-known short forms (UN, US) alone unless ``well_known``.

        The text is read paragraph by paragraph, exactly as :meth:`expand_stream` reads a
        stream, so a file expanded whole or streamed gives the same bytes.
        """
        from ._stream import blocks_of

        return "".join(self.expand_stream(blocks_of(text), mode, well_known=well_known))

    def expand_stream(self, lines: Iterable[str], mode: str = "first", *,
                      well_known: bool = False) -> Iterator[str]:
        """Expand a stream of text, yielding one expanded paragraph at a time.

        ``lines`` are lines with their ends (an open file), or any pieces of the text: blocks
        read from a file, say; where they end changes nothing.

        Definitions and first uses carry forward from paragraph to paragraph, and so does
        what earlier paragraphs resolved: their domains, and the senses their context settled
        (see :class:`~acrolib._expand.ExpansionState`).  A paragraph of more than about a
        million characters is read in parts, cut at a line end after a sentence where it can
        be.  Memory is then bounded by that size, the size of the pieces and the number of
        distinct short forms.
        """
        from ._expand import ExpansionState, expand_annotated
        from ._stream import paragraphs

        state = ExpansionState()
        for paragraph in paragraphs(lines):
            annotated = paused_for_long(paragraph, self._annotate, paragraph, state.definitions,
                                        state)
            yield expand_annotated(annotated, mode, state, well_known=well_known)

    # -- resolution ----------------------------------------------------------------------

    def _keyed(self, definition: Definition) -> Definition:
        """``definition`` keyed as the glossary reads its short form, when it writes that
        entry's sense.

        Read alone, "UAs" is the plural of UA; the glossary reads it as UAS, and "unmanned
        aircraft system (UAs)" agrees.  The definition then defines UAS, as the mention of
        "UAs" there does, and leaves a later "UA" unknown, as it was before the text was
        expanded.
        """
        entry = self._surface(definition.short).entry
        if entry is None:
            entry = self._prefixed_entry(definition.short)
        if (entry is None or entry.key == definition.key
                or _agreeing_sense(entry, definition.long) is None):
            return definition
        return attrs.evolve(definition, key=entry.key)

    def _prefixed_entry(self, short: str) -> Entry | None:
        """The glossary entry of the last part of ``short`` when every long form of it starts
        with the word before that part: "CARICOM IMPACS" is IMPACS (see :func:`_add_span`)."""
        cut = max(short.rfind(" "), short.rfind("-"))
        if cut <= 0:
            return None
        entry = self._surface(short[cut + 1:]).entry
        word = short[:cut]
        return entry if entry is not None and _starts_every_sense(entry, word) else None

    def _named(self, surface: str) -> tuple[str, ...]:
        """The long forms the glossary gives for a short form as written, singular and
        plural, for the definition finder."""
        entry = self._surface(surface).entry
        if entry is None:
            return ()
        longs = self._longs.get(entry.key)
        if longs is None:
            longs = self._longs[entry.key] = tuple(dict.fromkeys(
                form for sense in entry.senses for form in (sense.long, plural_of(sense))))
        return longs

    @staticmethod
    def _agreed(agreed: dict[tuple[str, str], Sense | None], entry: Entry | None,
                definition: Definition) -> Sense | None:
        """:func:`_agreeing_sense`, remembered in ``agreed`` for the uses of a definition."""
        if entry is None:
            return None
        asked = (entry.key, definition.long)
        if asked not in agreed:
            agreed[asked] = _agreeing_sense(entry, definition.long)
        return agreed[asked]

    def _resolve(self, text: str, tokens: list[Token], definitions: tuple[Definition, ...],
                 carried: Mapping[str, Definition],
                 earlier: ExpansionState | None = None) -> list[Mention]:
        defined: dict[str, list[Definition]] = {}
        for definition in definitions:
            defined.setdefault(definition.key, []).append(definition)
        # Keys defined here or earlier in the stream; a view, since ``carried`` grows long.
        known: Container[str] = _Either(defined, carried) if carried else defined
        starts = {key: [d.short_span[0] for d in group] for key, group in defined.items()}
        raw = self._mention_spans(text, tokens, definitions, known)
        mentions: list[Mention] = []
        pending: list[tuple[int, Entry]] = []
        agreements: dict[tuple[str, str], Sense | None] = {}  # every use asks it again
        for start, end, key, plural, entry in raw:
            possessive = possessive_after(text, end) if end < len(text) else ""
            surface = text[start:end]
            if entry is None:
                entry = self._surface(surface).entry
            well_known = entry is not None and entry.well_known
            if key in known:
                definition, before = _governing(defined.get(key, []), starts.get(key, []),
                                                start, carried.get(key))
                expansion = " ".join(definition.long.split())
                # The glossary sense this definition agrees with, if any, lends its domains
                # to the document.
                sense = self._agreed(agreements, entry, definition)
                if not plural and defined_in_plural(definition):
                    # "One NGO" after "non-governmental organizations (NGOs)".
                    expansion = singular_for(expansion, sense)
                mentions.append(_mention(
                    start, end, surface, key,
                    expansion=expansion, source=Source.DEFINED,
                    plural=plural,
                    possessive=possessive, before_definition=before, definition=definition,
                    well_known=well_known, sense=sense,
                ))
                continue
            if entry is None:
                mentions.append(_mention(start, end, surface, key,
                                         plural=plural, possessive=possessive))
                continue
            if len(entry.senses) == 1 and not entry.needs_context:
                sense = entry.senses[0]
                mentions.append(_mention(
                    start, end, surface, entry.key, expansion=sense.long,
                    source=Source.GLOSSARY, sense=sense, plural=plural, possessive=possessive,
                    well_known=well_known,
                ))
                continue
            pending.append((len(mentions), entry))
            mentions.append(_mention(start, end, surface, entry.key,
                                     plural=plural, possessive=possessive,
                                     source=Source.AMBIGUOUS, well_known=well_known))
        if pending:
            spans = [d.long_span for d in definitions]
            # A definition read back as a shorter form of a glossary name ("Alcohol, ...
            # (ATF)" inside "Bureau of Alcohol, ... (ATF)") masks the whole name.
            for mention in mentions:
                agreed, governing = mention.sense, mention.definition
                if agreed is not None and governing is not None and mention.source is (
                        Source.DEFINED) and agreed.long != governing.long:
                    start = governing.long_span[1] - len(agreed.long)
                    if start >= 0 and text.startswith(agreed.long, start):
                        spans.append((start, governing.long_span[1]))
            spans.extend(_brackets_of(text, definitions))
            masked = _Unmasked(spans)
            self._choose_senses(masked.mask(text), mentions, pending, masked, earlier)
        return mentions

    def _surface(self, surface: str) -> _SurfaceInfo:
        """Keys and glossary entry of a surface, cached: surfaces repeat across documents."""
        info = self._surfaces.get(surface)
        if info is None:
            parsed = parse(surface)
            found = self._glossary._find_keys(parsed.key, parsed.plural_key)
            if found is None:
                found = self._dated(parsed.key, parsed.plural_key)
            # The scanner keeps an "'s" in a mention only when it is a plural ("NGO's,").
            # Built by tuple.__new__: compiled, one call in C (the class's is interpreted).
            info = _new(_SurfaceInfo, (parsed.key, parsed.plural_key,
                                       found[0] if found else None, bool(found and found[1]),
                                       parsed.possessive.endswith("s")))
            if len(self._surfaces) >= _SURFACE_CACHE:
                self._surfaces.clear()
            self._surfaces[surface] = info
        return info

    def _dated(self, key: str, plural_key: str | None) -> tuple[Entry, bool] | None:
        """The entry of a short form written with a year ("FY2025"), which the glossary knows
        without it: each long form followed by the year ("fiscal year 2025"); and whether it
        was reached through a plural ``s`` ("FY2025s")."""
        plural = False
        match = _WITH_YEAR().fullmatch(key) if key[-4:-2] in _CENTURIES else None
        if match is None and plural_key is not None and plural_key[-4:-2] in _CENTURIES:
            plural = True
            match = _WITH_YEAR().fullmatch(plural_key)
        if match is None:
            return None
        key = match[0]
        found = self._glossary.find(match[1])
        if found is None or found[1]:
            return None
        year = match[2]
        senses = tuple(attrs.evolve(sense, long=f"{sense.long} {year}",
                                    plural=f"{plural_of(sense)} {year}")
                       for sense in found[0].senses)
        return attrs.evolve(found[0], key=key, senses=senses, variants=()), plural

    def _mention_spans(
        self, text: str, tokens: list[Token], definitions: tuple[Definition, ...],
        defined: Container[str],
    ) -> list[_Span]:
        """Keys of the tokens worth reporting, with compound and multi-word forms settled."""
        out: list[_Span] = []
        # A definition's short form may span several tokens ("CARICOM IMPACS"): it is one
        # mention, and so is every later use of the same words.
        several = [d for d in definitions if " " in d.short.strip()]
        spaced_keys = {d.short: d.key for d in several}
        spaced = _SpacedShorts({d.key: d.short for d in several}.values())
        covered_until = -1
        for token in tokens:
            start, end = token.start, token.end
            if start < covered_until:
                continue
            if spaced:
                joined = spaced.end_at(text, start)
                if joined is not None:
                    out.append((start, joined, spaced_keys[text[start:joined]], False, None))
                    covered_until = joined
                    continue
            surface = text[start:end]
            info = self._surface(surface)
            known = _known(info, defined)
            if token.parts and known is None:
                parts = [(p_start, p_end, self._surface(text[p_start:p_end]))
                         for p_start, p_end in token.parts]
                knowns = [_known(part, defined) for _, _, part in parts]
                # An unknown compound of acronyms (MU-MIMO) is one short form, unless the
                # text or the glossary knows a part of it (CARICOM-IMPACS, HIV/AIDS).  A
                # single part is the acronym of a longer name (UN-Women) and stands alone.
                if len(parts) == 1 or any(k is not None for k in knowns):
                    for (p_start, p_end, part), k in zip(parts, knowns, strict=True):
                        _add_span(out, text, _span_of(p_start, p_end, part, k), part.entry)
                    continue
            if (token.weak or token.numeral) and known is None:
                continue
            _add_span(out, text, _span_of(start, end, info, known), info.entry)
        return out

    def _choose_senses(self, text: str, mentions: list[Mention],
                       pending: list[tuple[int, Entry]], unmasked: _Unmasked,
                       earlier: ExpansionState | None = None) -> None:
        """Score the senses of ambiguous mentions; settle those with a clear winner.

        Works in rounds: a mention settled in one round lends its domains to the others in
        the next, until a round settles nothing.  Within a round every mention sees the same
        evidence, so the result does not depend on the order of mentions.  Only the domains
        change from round to round, so the context-word part of each score is worked out
        once, a mention is scored again only when a domain of one of its senses has gained a
        short form, and a mention left unsettled receives its candidates once, at the end.  A
        mention left unsettled whose short form another mention settled takes that sense
        (see :func:`_like`).

        In a stream, ``earlier`` brings what the paragraphs before this text resolved: their
        domains count as this text's, and a sense their context settled comes before every
        mention here.
        """
        options = self.options
        # The context words the document will be asked, known before the first question.
        asked: dict[int, int] = {}
        for _, entry in pending:
            for number, sense in enumerate(entry.senses):
                words = self._context_words(entry, number, sense)
                asked[id(words)] = len(words.words)
        document = _Scope(text, sum(asked.values()))
        contexts: dict[int, list[tuple[float, list[str]]]] = {}
        latest: dict[int, tuple[Candidate, ...]] = {}
        domains = {domain: set(keys)
                   for domain, keys in (earlier.domains if earlier else {}).items()}
        _add_domains(domains, mentions, unmasked)
        changed: set[str] | None = None  # the domains the last round added to; None: all
        while pending:
            unsettled = []
            updates = []
            for index, entry in pending:
                if changed is not None and changed.isdisjoint(_domains_of(entry)):
                    # Scored on nothing that has changed: as unsettled as in the last round.
                    unsettled.append((index, entry))
                    continue
                mention = mentions[index]
                context = contexts.get(index)
                if context is None:
                    lo = unmasked.back(mention.start, options.window)
                    hi = min(len(text), unmasked.forward(mention.end, options.window))
                    window = _Scope(text[lo:hi])
                    context = contexts[index] = [
                        self._context_score(sense, number, entry, window, document)
                        for number, sense in enumerate(entry.senses)]
                candidates = sorted(
                    (self._score(sense, context[number], entry, domains)
                     for number, sense in enumerate(entry.senses)),
                    key=lambda c: -c.score,
                )
                best = candidates[0]
                lead = best.score - (candidates[1].score if len(candidates) > 1 else 0.0)
                if entry.needs_context:
                    # The evidence for the sense, its prior aside, must clear the margin too.
                    lead = min(lead, best.score - self._prior_part(best.sense))
                if lead >= options.margin:
                    updates.append((index, _resolved(mention, best.expansion, Source.GLOSSARY,
                                                     best.sense, tuple(candidates))))
                else:
                    unsettled.append((index, entry))
                    latest[index] = tuple(candidates)
            for index, settled in updates:
                mentions[index] = settled
            if not updates:
                break
            changed = _add_domains(domains, [settled for _, settled in updates], unmasked)
            pending = unsettled
        # The mentions the context settled, by key, with their indices.
        settled_at: dict[str, tuple[list[Mention], list[int]]] = {}
        for index, mention in enumerate(mentions):
            if mention.candidates and mention.sense is not None:
                peers, at = settled_at.setdefault(mention.key, ([], []))
                peers.append(mention)
                at.append(index)
        before = earlier.settled if earlier else {}
        for index, _ in pending:
            mention = mentions[index]
            carried = before.get(mention.key)
            peers, at = settled_at.get(mention.key, ([], []))
            if not peers and carried is None:
                mentions[index] = _resolved(mention, mention.expansion, mention.source,
                                            mention.sense, latest[index])
                continue
            # The peer that would govern the mention if each were a definition.
            peer, _ = _governing(peers, at, index, carried)
            mentions[index] = _like(mention, peer, latest[index], peer is carried)

    def _context_score(self, sense: Sense, number: int, entry: Entry, window: _Scope,
                       document: _Scope) -> tuple[float, list[str]]:
        """The part of a sense's score that comes from its context words, with reasons."""
        options = self.options
        context = self._context_words(entry, number, sense)
        reasons = []
        score = 0.0
        local = window.found(context)
        if local:
            score += options.local_weight * len(local)
            reasons.append(f"+{options.local_weight * len(local):g} nearby: "
                           + ", ".join(sorted(local)))
        everywhere = document.found(context)
        if everywhere:
            score += options.document_weight * len(everywhere)
            reasons.append(f"+{options.document_weight * len(everywhere):g} in document: "
                           + ", ".join(sorted(everywhere)))
        return score, reasons

    def _score(self, sense: Sense, context: tuple[float, list[str]], entry: Entry,
               domains: dict[str, set[str]]) -> Candidate:
        """A sense's candidacy: its context part, then the document's domains and its prior."""
        options = self.options
        score, reasons = context[0], list(context[1])
        support: set[str] = set()
        for domain in sense.domains:
            support |= domains.get(domain, set())
        support.discard(entry.key)
        if support:
            value = options.domain_weight * math.log2(1 + len(support))
            score += value
            reasons.append(f"+{value:.2f} shares domains with " + ", ".join(sorted(support)))
        value = self._prior_part(sense)
        if value > 0:
            score += value
            reasons.append(f"+{value:.2f} prior {sense.prior:g}")
        return _candidate(sense.long, round(score, 4), sense, tuple(reasons))

    def _prior_part(self, sense: Sense) -> float:
        """The part of a sense's score that its prior gives."""
        return self.options.prior_weight * math.log2(1 + sense.prior) if sense.prior > 0 else 0.0

    def _context_words(self, entry: Entry, number: int, sense: Sense) -> _ContextWords:
        key = (entry.key, number)
        cached = self._contexts.get(key)
        if cached is None or cached.sense is not sense:
            items = {" ".join(w.casefold().split()) for w in sense.context if w.strip()}
            words = frozenset(w for w in items if _WORD().fullmatch(w))
            phrases = tuple(sorted(items - words))
            cached = _ContextWords(sense, words, phrases,
                                   tuple(tuple(p.split(" ")) for p in phrases))
            self._contexts[key] = cached
        return cached


_WORD: Final = lazy(regex.compile, r"\w+")


class _ContextWords(NamedTuple):
    """A sense's context split into single words and phrases (substrings), with the pieces
    of each phrase between its spaces."""

    sense: Sense
    words: frozenset[str]
    phrases: tuple[str, ...]
    phrase_pieces: tuple[tuple[str, ...], ...]


@functools.lru_cache(maxsize=1024)
def _phrase_pattern(pieces: tuple[str, ...]) -> re.Pattern[str]:
    """The pieces of a phrase with any run of white space between them, compiled when a text
    first holds all of them (and kept for the phrases met most recently).  ``\\s`` is what
    ``str.split`` splits at, so this finds the phrase where the text with its runs of white
    space made single spaces holds it."""
    return re.compile(r"\s+".join(map(re.escape, pieces)))


class _Scope:
    """A stretch of text, case-folded when first asked, for context-word matching.

    A context word is there when it occurs with no word character (``\\w``) against
    either end; a phrase, when it occurs at all once runs of white space are single spaces.
    Each word is looked for by a substring search (with the boundaries checked) until
    :data:`_SEARCHED_WORDS` have been asked of the text; the text is then split into its set
    of words once, and later words are looked up in it.  The search is faster for a few words
    and the split for many, whatever the text's length: this way the cost stays within about
    twice the better of the two.  A caller that knows how many words it will ask in all
    (``words``) has a text that will be asked more split at the first question, without the
    searches first.  Both ways give the same answer.  The answer for each sense is
    remembered, since every mention of a short form asks the document the same question.
    """

    __slots__ = ("_asked", "_folded", "_found", "_text", "_words")

    def __init__(self, text: str, words: int = 0) -> None:
        self._text = text
        self._folded: str | None = None  # case-folded when a sense with context asks
        self._found: dict[int, set[str]] = {}
        self._words: set[str] | None = None
        # Words looked for by substring search; a text that will be asked more than
        # searching pays for starts with the searches spent.
        self._asked = _SEARCHED_WORDS if words > _SEARCHED_WORDS else 0

    def _folded_text(self) -> str:
        if self._folded is None:
            self._folded = self._text.casefold()
        return self._folded

    def found(self, context: _ContextWords) -> set[str]:
        if not context.words and not context.phrases:
            return set()  # a sense without context words asks nothing of the text
        cached = self._found.get(id(context))
        if cached is None:
            text = self._folded_text()
            if self._words is None and self._asked + len(context.words) <= _SEARCHED_WORDS:
                self._asked += len(context.words)
                cached = {w for w in context.words if _has_word(text, w)}
            else:
                if self._words is None:
                    self._words = _words_of(text)
                cached = set(context.words & self._words)
            # A phrase can only be there if each of its pieces between spaces is; only then
            # is it looked for whole.
            for number, phrase in enumerate(context.phrases):
                pieces = context.phrase_pieces[number]
                if all(piece in text for piece in pieces) and (
                        len(pieces) == 1 or _phrase_pattern(pieces).search(text) is not None):
                    cached.add(phrase)
            self._found[id(context)] = cached
        return set(cached)


#: Words looked for in a text by substring search before it is split into its set of words:
#: a search costs about a fortieth of a split of the same text (measured from 2 to 50 KB).
_SEARCHED_WORDS: Final = 40

#: The ASCII characters that are not word characters (``\\w``).
_ASCII_GAP_CHARS: Final = frozenset(chr(code) for code in range(128)
                                    if not (chr(code).isalnum() or chr(code) == "_"))

#: Each of them to a space, every other byte to itself, for ``bytes.translate``.
_ASCII_GAPS: Final = bytes(32 if chr(code) in _ASCII_GAP_CHARS else code for code in range(256))


def _words_of(text: str) -> set[str]:
    """The set of ``\\w+`` words of ``text``.

    ASCII punctuation becomes a space and the text is split at white space, which no word
    contains; a piece left with a character beyond ASCII is then split by the regular
    expression itself.  The translation runs on the UTF-8 bytes, where every byte of a
    character beyond ASCII is at least 128 and so stays as it is.  On long English texts this
    is about twice as fast as the regular expression alone.
    """
    if text.isascii():
        return set(text.encode("ascii").translate(_ASCII_GAPS).decode("ascii").split())
    spaced = text.encode("utf-8", "surrogatepass").translate(_ASCII_GAPS)
    words = set(spaced.decode("utf-8", "surrogatepass").split())
    wide = {w for w in words if not w.isascii()}
    words -= wide
    for piece in wide:
        words.update(_WORD().findall(piece))
    return words


def _has_word(text: str, word: str) -> bool:
    """The ``\\w+`` word ``word`` occurs in ``text`` with no word character against either
    end: exactly ``word in _words_of(text)``, without splitting the text."""
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        # Most neighbours are spaces or ASCII punctuation: a set lookup settles them.
        if ((at == 0 or text[at - 1] in _ASCII_GAP_CHARS or not _is_word_char(text[at - 1]))
                and (end >= len(text) or text[end] in _ASCII_GAP_CHARS
                     or not _is_word_char(text[end]))):
            return True
        at = text.find(word, at + 1)
    return False


def _is_word_char(char: str) -> bool:
    """``char`` matches ``\\w``."""
    if char.isascii():
        return char not in _ASCII_GAP_CHARS
    return _WORD().match(char) is not None


class _SpacedShorts:
    """Short forms with a space inside ("CARICOM IMPACS"), in the order given, looked up at a
    token's start: one dict lookup per distinct length, so that a text defining thousands of
    them does not try each at every token."""

    __slots__ = ("_lengths", "_order")

    def __init__(self, shorts: Iterable[str]) -> None:
        self._order: dict[str, int] = {}
        for short in shorts:
            self._order.setdefault(short, len(self._order))
        self._lengths = sorted({len(short) for short in self._order})

    def __bool__(self) -> bool:
        return bool(self._order)

    def end_at(self, text: str, start: int) -> int | None:
        """The end of the first short form (in the given order) written at ``start`` and not
        followed by a letter or digit, if any."""
        best = -1
        found = None
        for length in self._lengths:
            end = start + length
            if end > len(text):
                break
            order = self._order.get(text[start:end])
            if order is None or (best >= 0 and order > best):
                continue
            if end == len(text) or not text[end].isalnum():
                best, found = order, end
        return found


class _Either:
    """Membership in either of two mappings, without copying them."""

    __slots__ = ("first", "second")

    def __init__(self, first: Mapping[str, object], second: Mapping[str, object]) -> None:
        self.first = first
        self.second = second

    def __contains__(self, key: object) -> bool:
        return key in self.first or key in self.second


_SURFACE_CACHE: Final = 100_000


class _SurfaceInfo(NamedTuple):
    key: str
    plural_key: str | None
    entry: Entry | None
    entry_plural: bool
    apostrophe_plural: bool


_Known = tuple[str, bool, "Entry | None"]


def _known(info: _SurfaceInfo, defined: Container[str]) -> _Known | None:
    """(key, plural, entry) when the text or the glossary knows the surface."""
    if info.key in defined:
        return info.key, info.apostrophe_plural, None
    if info.plural_key is not None and info.plural_key in defined:
        return info.plural_key, True, None
    if info.entry is not None:
        return info.entry.key, info.entry_plural or info.apostrophe_plural, info.entry
    return None


_Span = tuple[int, int, str, bool, "Entry | None"]


def _add_span(out: list[_Span], text: str, span: _Span, entry: Entry | None) -> None:
    """Append ``span`` to ``out``, or join it to the word just before it when every glossary
    long form of ``entry`` starts with that word: "CARICOM IMPACS" and "CARICOM-IMPACS" are
    one mention of IMPACS ("CARICOM Implementation Agency for Crime and Security"), whose
    long form already says CARICOM."""
    if out and entry is not None:
        before = out[-1]
        if (text[before[1]:span[0]] in (" ", "-")
                and _starts_every_sense(entry, text[before[0]:before[1]])):
            out[-1] = (before[0], span[1], span[2], span[3], entry)
            return
    out.append(span)


def _starts_every_sense(entry: Entry, word: str) -> bool:
    """Whether every long form of ``entry`` starts with the word ``word``."""
    word += " "
    return all(sense.long.startswith(word) for sense in entry.senses)


def _span_of(start: int, end: int, info: _SurfaceInfo, known: _Known | None) -> _Span:
    if known is not None:
        return start, end, known[0], known[1], known[2]
    # Unknown short forms: a trailing lower-case s after capitals is read as a plural.
    if info.plural_key is not None:
        return start, end, info.plural_key, True, None
    return start, end, info.key, info.apostrophe_plural, None


def _like(mention: Mention, peer: Mention, candidates: tuple[Candidate, ...],
          carried: bool) -> Mention:
    """``mention``, which its context leaves undecided, settled on the sense of ``peer``, a
    mention of the same short form that its own context settled.

    One sense per document: its expansion, once written, would define the short form for the
    whole text, so the undecided mention reads it as a definition would.  The chosen
    candidate comes first and says why.  ``carried``: ``peer`` is in an earlier paragraph of
    a stream.
    """
    chosen = [c for c in candidates if c.sense is peer.sense]
    where = "in an earlier paragraph" if carried else f"at {peer.start}"
    reason = f"same sense as the {peer.text} {where}"
    ordered = tuple(_candidate(c.expansion, c.score, c.sense, (*c.reasons, reason))
                    for c in chosen) + tuple(c for c in candidates if c.sense is not peer.sense)
    return _resolved(mention, peer.expansion, Source.GLOSSARY, peer.sense, ordered)


def _add_domains(domains: dict[str, set[str]], mentions: Iterable[Mention],
                 unmasked: _Unmasked) -> set[str]:
    """Add to ``domains`` (domain -> keys) the short forms of ``mentions`` that resolved to a
    sense, under each of its domains; return the domains that gained a short form.

    The domains of the mentions resolved so far, with those resolved in the paragraphs before,
    are the document's subject matter.  A mention inside a defined long form ("CARICOM" in
    "CARICOM Implementation Agency for Crime and Security (CARICOM-IMPACS)") is left out, as
    the long form's words are left out of the context: the definition speaks for it, and a
    long form that expansion wrote would otherwise change how another mention is read when
    the text is expanded again."""
    changed: set[str] = set()
    for mention in mentions:
        if mention.sense is not None and not unmasked.covers(mention.start, mention.end):
            for domain in mention.sense.domains:
                keys = domains.setdefault(domain, set())
                if mention.key not in keys:
                    keys.add(mention.key)
                    changed.add(domain)
    return changed


def _domains_of(entry: Entry) -> set[str]:
    """The domains of all of ``entry``'s senses."""
    return {domain for sense in entry.senses for domain in sense.domains}


#: A short form of two or more letters, then a year: "FY2025", "CY1999".
_WITH_YEAR: Final = lazy(regex.compile, r"(\p{Lu}[\p{L}&]*\p{Lu})((?:19|20)\d\d)")
#: The first two digits of the years it reads, checked before the expression is tried.
_CENTURIES: Final = ("19", "20")

#: Between a long form and its short form: what expansion writes, " (", or the same with the
#: space as a line break (the text wrapped there), and a possessive before it.
_OPENING: Final = lazy(regex.compile, r"(?:['’]s?)?\s?\(")
_CLOSING: Final = lazy(regex.compile, r"(?:['’]s?)?\)")


def _brackets_of(text: str, definitions: Iterable[Definition]) -> Iterator[tuple[int, int]]:
    """The brackets around the short form of each definition written "long (SF)" (or
    "long's (SF's)"), as spans to mask with the long form: what expansion inserts."""
    for definition in definitions:
        long_end, (short_start, short_end) = definition.long_span[1], definition.short_span
        if long_end > short_start or _OPENING().fullmatch(text, long_end, short_start) is None:
            continue
        closing = _CLOSING().match(text, short_end)
        if closing is not None:
            yield long_end, short_start
            yield closing.end() - 1, closing.end()


class _Unmasked(Covered):
    """The long forms of a text's definitions (``spans``), masked as context, and distances
    that leave them out.

    A defined long form already speaks through its sense's domains; counting its words as
    context too would count it twice, and would let an expansion that acrolib wrote change
    how another mention is read, which would break idempotence.  For the same reason a
    context window is as wide in the text as written whatever expansion inserted: a long
    form it wrote, read back as a definition, is masked, and moves no window.
    """

    __slots__ = ("_before", "_unmasked_starts")

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        super().__init__([(start, end) for start, end in spans if start < end])
        # Masked characters before each span, and the unmasked count where it starts.
        self._before = [0]
        for start, end in zip(self.starts, self.ends, strict=True):
            self._before.append(self._before[-1] + end - start)
        self._unmasked_starts = [start - before for start, before
                                 in zip(self.starts, self._before, strict=False)]

    def mask(self, text: str) -> str:
        """``text`` with the masked spans blanked out, same length."""
        if not self.starts:
            return text
        pieces = []
        position = 0
        for start, end in zip(self.starts, self.ends, strict=True):
            pieces.append(text[position:start])
            pieces.append(" " * (end - start))
            position = end
        pieces.append(text[position:])
        return "".join(pieces)

    def _count(self, position: int) -> int:
        """Unmasked characters before ``position``."""
        i = bisect_right(self.starts, position) - 1
        if i < 0:
            return position
        return position - self._before[i] - (min(position, self.ends[i]) - self.starts[i])

    def _position(self, count: int) -> int:
        """The first position with ``count`` unmasked characters before it."""
        return count + self._before[bisect_left(self._unmasked_starts, count)]

    def back(self, position: int, width: int) -> int:
        """The position ``width`` unmasked characters before ``position`` (at least 0)."""
        if not self.starts:
            return max(0, position - width)
        return min(position, self._position(max(0, self._count(position) - width)))

    def forward(self, position: int, width: int) -> int:
        """The position ``width`` unmasked characters after ``position``."""
        if not self.starts:
            return position + width
        return max(position, self._position(self._count(position) + width))


def _agreeing_sense(entry: Entry | None, long: str) -> Sense | None:
    """The glossary sense an in-text definition writes, if any.

    The text may give a shorter form of the same name: a definition reads the minimal long
    form ("Customs and Border Protection (CBP)"), the glossary the full one ("U.S. Customs
    and Border Protection"); a sense whose long form ends with the definition's agrees.  So
    does one that the definition writes with a head noun after it ("Multinational Security
    Support mission").
    """
    if entry is None:
        return None
    folded = normal_long(long)
    several = len(folded.split()) > 1
    # The definition may be written in the plural: "Customs and Border Protections (CBPs)";
    # the plural is worked out only when the long form does not agree.
    for sense in entry.senses:
        if _names(sense.long, folded, several) or _names(plural_of(sense), folded, several):
            return sense
    return None


def _names(name: str, folded: str, several: bool) -> bool:
    """Whether the glossary's ``name`` is the case-folded long form ``folded``, or ends with
    it when it has ``several`` words, or is it but for a last word when both have several:
    "Multinational Security Support mission (MSS)" names "Multinational Security Support"."""
    name = name.casefold()
    if name == folded or (several and name.endswith(" " + folded)):
        return True
    return (several and " " in name and folded.startswith(name + " ")
            and " " not in folded[len(name) + 1:])


_Governor = TypeVar("_Governor", Definition, Mention)


def _governing(definitions: list[_Governor], starts: list[int], position: int,
               carried: _Governor | None = None) -> tuple[_Governor, bool]:
    """The definition in force at ``position``: the last one before it, else one carried
    from earlier in the stream, else the first one after it (``before_definition``).

    ``starts`` holds the definitions' short-form offsets, in order, for a binary search.  The
    settled mention that governs an undecided one is chosen the same way (see :func:`_like`).
    """
    i = bisect_right(starts, position) - 1
    if i >= 0:
        return definitions[i], False
    if carried is not None:
        return carried, False
    return definitions[0], True
