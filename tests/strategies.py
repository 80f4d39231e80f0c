"""Hypothesis strategies that produce realistic acronym material, and hostile noise.

The point is to exercise the code paths real documents reach: acronyms in every written
shape (``U.S.``, ``MOUs``, ``HSI’s``, ``NGOs'``, ``G7``, ``COVID-19``, ``CARICOM-IMPACS``,
``CBSI-funded``, ``R&D``), definitions in every pattern, shouted headings, Roman numerals,
URLs and e-mail addresses, many scripts, and the characters that break naive code (CRLF,
tabs, zero-width characters, lone surrogates, NUL).
"""

from __future__ import annotations

import string

from hypothesis import settings
from hypothesis import strategies as st

from acrolib import Entry, Glossary, Sense
from acrolib._keys import canonical

#: The ``ci`` profile's examples per property; ``examples`` scales caps against it.
CI_EXAMPLES = 500


def examples(ci_count: int) -> int:
    """``ci_count`` examples, or fewer when the active profile asks for fewer, or more in
    proportion when it asks for more than the ``ci`` profile (``soak``)."""
    wanted = settings.default.max_examples
    if wanted > CI_EXAMPLES:
        return ci_count * wanted // CI_EXAMPLES
    return max(1, min(ci_count, wanted))


# --- vocabulary ---------------------------------------------------------------------------

LOWER_WORDS = (
    "the", "a", "of", "and", "to", "in", "for", "with", "on", "by", "training", "funds",
    "support", "report", "said", "officers", "regional", "program", "data", "border",
    "security", "agency", "country", "year", "new", "was", "is", "are", "will", "under",
    "meeting", "agreement", "signed", "police", "customs", "review", "plan", "local",
)
CAP_WORDS = (
    "Caribbean", "Basin", "Security", "Initiative", "Regional", "Border", "Customs",
    "National", "Police", "Service", "Office", "Agency", "Maritime", "Defence", "Force",
    "Joint", "Task", "Unit", "Centre", "Council", "Global", "Health", "Trade", "Bureau",
    "Justice", "Marine", "Program", "Data", "Yellow", "Quantum", "Kingston", "Harbour",
)
#: Acronyms as they are written, one of each shape the scanner must handle.
ACRONYM_SHAPES = (
    "CBSI", "U.S.", "U.N.", "MOUs", "MOU", "HSI's", "HSI’s", "NGOs'", "NGOs’", "G7", "G20",
    "COVID-19", "SARS-CoV-2", "CARICOM-IMPACS", "CBSI-funded", "R&D", "mRNA", "3D", "NATO",
    "EU", "UK", "DR", "PM", "ATF", "DEA", "FBI", "IMPACS", "RSS", "OAS", "UNODC", "JRCC",
    "Ｕ．Ｎ．", "ＣＢＳＩ", "ÉTÉ", "ΝΑΤΟ", "ФБР",
)
ROMAN_CONTEXTS = (
    "Chapter VII", "World War II", "Title IX", "Henry VIII", "Phase III", "Annex IV",
    "\nII. Methods", "Part XI", "Pope John XXIII",
)
HEADINGS = (
    "EXECUTIVE SUMMARY AND RECOMMENDATIONS", "THE CBSI AT A GLANCE", "WHAT WE FOUND",
    "SECTION ONE: BACKGROUND", "ANNEX A - LIST OF ACRONYMS",
)
URLS = (
    "https://www.state.gov/cbsi/", "http://example.org/UN/HQ?id=ATF&x=1", "www.CBSI.org",
    "info@CARICOM-IMPACS.org", "mailto:DEA.HQ@usdoj.gov", "C:\\DATA\\CBSI.TXT",
    "CONFIG.SYS", "/usr/lib/NATO/README", "~/UN/docs", "file_NAME_V2",
)
FUNNY = (
    "\r\n", "\t", "\u200b", "\u200c", "\u200d", "\ufeff", "\x00", "\ud800", "\udfff",
    "\u00a0", "\u2028", "\u2029", "\x0b", "\x0c", "\x1c", "\u0301", "\U0001f600", "\r",
)
SCRIPTS = (
    "Καλημέρα", "Здравствуйте", "مرحبا", "שלום", "नमस्ते", "你好世界", "こんにちは", "안녕하세요",
    "Ελληνικά ΕΕ", "ÅÄÖ", "İstanbul", "ǅemal", "ﬁnance", "Straße", "ΣΑΣ", "ⅫⅣ", "𝐀𝐁𝐂",
)
SEPARATORS = (" ", " ", " ", "\n", "\r\n", "\t", "  ", "\n\n")

#: Canonical keys of an unrelated user layer: short forms that occur in no strategy text.
UNRELATED_KEYS = ("QZXW", "XQZJ", "ZZQV", "JQXZK")


# --- pieces -------------------------------------------------------------------------------

lower_words = st.sampled_from(LOWER_WORDS)
cap_words = st.sampled_from(CAP_WORDS)
acronym_shapes = st.sampled_from(ACRONYM_SHAPES)


@st.composite
def generated_short_forms(draw: st.DrawFn, min_size: int = 2, max_size: int = 6) -> str:
    """A short form made up on the spot: capitals, maybe a digit."""
    letters = draw(st.text(alphabet=string.ascii_uppercase, min_size=min_size,
                           max_size=max_size))
    if draw(st.booleans()) and len(letters) < max_size:
        letters += draw(st.sampled_from("123456789"))
    return letters


@st.composite
def acronym_tokens(draw: st.DrawFn) -> str:
    """An acronym in any written shape: a shipped one, or a generated one dressed up."""
    if draw(st.booleans()):
        return draw(acronym_shapes)
    short = draw(generated_short_forms())
    dress = draw(st.sampled_from(("", "s", "'s", "’s", "s'", "-funded", "-19", "dots", "&")))
    if dress == "dots":
        return "".join(c + "." for c in short if c.isalpha()) or short
    if dress == "&":
        return short[:1] + "&" + (short[1:] or "D")
    return short + dress


@st.composite
def sentences(draw: st.DrawFn) -> str:
    """An English-looking sentence with acronyms in it."""
    parts = [draw(cap_words)]
    for _ in range(draw(st.integers(2, 12))):
        parts.append(draw(st.one_of(lower_words, lower_words, cap_words, acronym_tokens())))
    tail = draw(st.sampled_from((".", ".", "?", "!", ";", ":", ",", "")))
    return " ".join(parts) + tail


@st.composite
def long_forms(draw: st.DrawFn, min_words: int = 2, max_words: int = 5) -> tuple[str, str]:
    """(long form, short form): capitalised words and their initials."""
    words = draw(st.lists(cap_words, min_size=min_words, max_size=max_words, unique=True))
    return " ".join(words), "".join(w[0] for w in words)


#: Definition patterns as (name, template); ``{L}`` is the long form, ``{S}`` the short form.
DEFINITION_PATTERNS = (
    ("long-short", "the {L} ({S})"),
    ("long-short-quoted", "the {L} (“{S}”)"),
    ("long-short-straight-quoted", 'the {L} ("{S}")'),
    ("short-long", "{S} ({L})"),
    ("or", "the {L}, or {S},"),
    ("stands-for", "{S} stands for {L}"),
)
definition_patterns = st.sampled_from(DEFINITION_PATTERNS)


def definition_text(template: str, long: str, short: str) -> str:
    """Fill a template of :data:`DEFINITION_PATTERNS`."""
    return template.replace("{L}", long).replace("{S}", short)


#: The patterns written around a parenthesis (no trigger phrase).
PAREN_PATTERNS = tuple(p for p in DEFINITION_PATTERNS if "(" in p[1])
#: The patterns with the short form inside the parenthesis: "Long Form (SF)".
LONG_SHORT_PATTERNS = tuple(p for p in DEFINITION_PATTERNS if p[0].startswith("long-short"))


def trails_for(template: str) -> tuple[str, ...]:
    """What may follow a definition: a trigger-phrase definition ends its sentence."""
    if template.startswith("{S} stands for"):
        return (".", ". It funds training.", "; it was signed.")
    return (" funds training.", " was signed.", ".", " and more.")


@st.composite
def definition_sentences(draw: st.DrawFn,
                         patterns: tuple[tuple[str, str], ...] = DEFINITION_PATTERNS) -> str:
    """A sentence holding one definition in one of ``patterns``."""
    long, short = draw(long_forms())
    _, template = draw(st.sampled_from(patterns))
    lead = draw(st.sampled_from(("We reviewed", "Funding from", "In 2020", "")))
    trail = draw(st.sampled_from(trails_for(template)))
    return (lead + " " if lead else "") + definition_text(template, long, short) + trail


funny_chars = st.sampled_from(FUNNY)
scripts = st.sampled_from(SCRIPTS)
separators = st.sampled_from(SEPARATORS)


@st.composite
def documents(draw: st.DrawFn, max_pieces: int = 10, hostile: bool = True) -> str:
    """A short document: sentences, definitions, headings, numerals, URLs, other scripts.

    With ``hostile`` it also carries zero-width characters, NUL, lone surrogates and CRLF.
    """
    kinds = [sentences(), definition_sentences(), st.sampled_from(HEADINGS),
             st.sampled_from(ROMAN_CONTEXTS), st.sampled_from(URLS), scripts,
             acronym_tokens()]
    if hostile:
        kinds += [funny_chars, st.text(max_size=8)]
    pieces = draw(st.lists(st.one_of(kinds), min_size=1, max_size=max_pieces))
    out = []
    for piece in pieces:
        out.append(piece)
        out.append(draw(separators))
    return "".join(out)


@st.composite
def clean_documents(draw: st.DrawFn, max_pieces: int = 8,
                    patterns: tuple[tuple[str, str], ...] = DEFINITION_PATTERNS) -> str:
    """Plain prose: sentences and definitions separated by single spaces (for re-wrapping)."""
    pieces = draw(st.lists(st.one_of(sentences(), definition_sentences(patterns)), min_size=1,
                           max_size=max_pieces))
    return " ".join(pieces)


#: Any ``str`` at all, from totally random to realistic, including hostile characters.
any_text = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(codec=None), max_size=60),
    st.text(alphabet=st.characters(categories=("Lu", "Nd", "Po", "Ps", "Pe", "Zs", "Cc",
                                               "Cs", "Cf", "Mn")), max_size=60),
    st.text(alphabet="ABCDEFGHIJ.()-&'’s \n\"“”,", max_size=80),
    documents(),
)


# --- glossaries ---------------------------------------------------------------------------

_KEY_ALPHABET = string.ascii_uppercase + string.digits + "&-ÉÖΣΔЖ"


def _clean(value: str) -> bool:
    return value == value.strip() and bool(value)


#: A plain text value the loader keeps as it is: stripped, non-empty, no surrogates.
plain_values = st.text(
    alphabet=st.characters(exclude_categories=("Cs",)), min_size=1, max_size=40
).filter(_clean)
#: A list item that CSV can carry too (no ``;``, which separates items there).
list_items = plain_values.filter(lambda v: ";" not in v and _clean(v.replace(";", "")))


@st.composite
def senses(draw: st.DrawFn) -> Sense:
    """A sense with every field exercised."""
    return Sense(
        long=draw(plain_values),
        plural=draw(st.none() | plain_values),
        domains=tuple(draw(st.lists(list_items, max_size=3))),
        context=tuple(draw(st.lists(list_items, max_size=3))),
        source=draw(st.just("") | plain_values),
        note=draw(st.just("") | plain_values),
        irregular=draw(st.booleans()),
        prior=draw(st.one_of(st.just(1.0), st.floats(0, 1000, allow_nan=False,
                                                     allow_infinity=False))),
    )


short_keys = st.text(alphabet=_KEY_ALPHABET, min_size=1, max_size=12).filter(
    lambda k: canonical(k) == k
)


@st.composite
def glossaries(draw: st.DrawFn, max_entries: int = 6) -> Glossary:
    """A glossary whose keys and variants never collide (the loader rejects collisions)."""
    keys = draw(st.lists(short_keys, min_size=0, max_size=max_entries,
                         unique_by=lambda k: k))
    taken = set(keys)
    entries = []
    for key in keys:
        variants = []
        for variant in draw(st.lists(st.text(alphabet=_KEY_ALPHABET + ".", min_size=1,
                                             max_size=10), max_size=2)):
            folded = canonical(variant)
            if folded and folded not in taken and variant not in variants:
                taken.add(folded)
                variants.append(variant)
        entry_senses = draw(st.lists(senses(), min_size=1, max_size=3,
                                     unique_by=lambda s: s.long))
        entries.append(Entry(key=key, senses=tuple(entry_senses), variants=tuple(variants),
                             well_known=draw(st.booleans()),
                             needs_context=draw(st.booleans())))
    return Glossary.from_entries(entries)
