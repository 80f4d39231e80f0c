"""The spaCy component: registration, extensions, serialisation and agreement with the core."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

spacy = pytest.importorskip("spacy", reason="spaCy is not installed (extra 'spacy')")

from spacy.tokens import Doc, DocBin, Span  # noqa: E402

import acrolib  # noqa: E402
from acrolib.exceptions import AcrolibError, GlossaryError  # noqa: E402
from acrolib.spacy import AcronymComponent, register_extensions  # noqa: E402

CORPORA = Path(os.environ.get("ACROLIB_CORPORA", "/work/shared/corpora"))

TEXT = (
    "The Caribbean Basin Security Initiative (CBSI) trains police. "
    "The CBSI and HSI’s agents work with the U.S.-funded programme."
)

GLOSSARY = """
[entries.CSS]
[[entries.CSS.senses]]
long = "Coast Guard Support Squadron"
source = "test"
"""


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    """A blank English pipeline with the component at its defaults."""
    pipeline = spacy.blank("en")
    pipeline.add_pipe("acrolib")
    return pipeline


def _summary(doc: Doc) -> list[tuple[str, int, int, str | None, str | None, str | None]]:
    return [(s.text, s.start_char, s.end_char, s._.expansion, s._.acronym_source,
             s._.acronym_key) for s in doc._.acronyms]


def _definitions(doc: Doc) -> list[tuple[int, int, int, int]]:
    return [(s.start_char, s.end_char, lf.start_char, lf.end_char)
            for s, lf in doc._.acronym_definitions]


class TestRegistration:
    def test_add_pipe_without_importing_acrolib(self) -> None:
        """spaCy finds the factory through the entry point; acrolib is imported by spaCy."""
        code = textwrap.dedent("""
            import sys
            import spacy
            assert "acrolib" not in sys.modules
            nlp = spacy.blank("en")
            nlp.add_pipe("acrolib")
            doc = nlp("The Caribbean Basin Security Initiative (CBSI) trains police.")
            print([s._.expansion for s in doc._.acronyms])
        """)
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              check=False, timeout=300)
        assert done.returncode == 0, done.stderr
        assert "Caribbean Basin Security Initiative" in done.stdout

    def test_config_is_serialisable(self, nlp: spacy.language.Language) -> None:
        """The component's config holds only plain values, with the documented defaults."""
        config = nlp.config["components"]["acrolib"]
        assert config == {"factory": "acrolib", "glossaries": [], "packs": None,
                          "use_default_glossary": True, "expansion": "first"}
        assert json.loads(json.dumps(config)) == config

    def test_register_extensions_is_idempotent(self) -> None:
        """Calling it again neither fails nor replaces the getters."""
        register_extensions()
        getter = Doc.get_extension("acronyms")[2]
        register_extensions()
        assert Doc.get_extension("acronyms")[2] is getter

    def test_foreign_extension_is_not_overwritten(self) -> None:
        """A name taken by other code is an error, never a silent overwrite."""
        register_extensions()
        original = Span.get_extension("expansion")
        Span.remove_extension("expansion")
        Span.set_extension("expansion", default="theirs")
        try:
            with pytest.raises(AcrolibError, match="'expansion' is already registered"):
                register_extensions()
        finally:
            Span.remove_extension("expansion")
            Span.set_extension("expansion", getter=original[2])


class TestConfig:
    def test_user_glossary_layers_on_default(self, tmp_path: Path) -> None:
        """A glossary file adds its entries to the shipped packs."""
        path = tmp_path / "mine.toml"
        path.write_text(GLOSSARY, encoding="utf-8")
        pipeline = spacy.blank("en")
        pipeline.add_pipe("acrolib", config={"glossaries": [str(path)]})
        doc = pipeline("The CSS sailed with the CBSI.")
        assert [s._.expansion for s in doc._.acronyms] == [
            "Coast Guard Support Squadron", "Caribbean Basin Security Initiative"]

    def test_without_default_glossary(self, tmp_path: Path) -> None:
        """Only the user's glossary is used when the shipped packs are switched off."""
        path = tmp_path / "mine.toml"
        path.write_text(GLOSSARY, encoding="utf-8")
        pipeline = spacy.blank("en")
        pipeline.add_pipe("acrolib", config={"glossaries": [str(path)],
                                             "use_default_glossary": False})
        doc = pipeline("The CSS sailed with the CBSI.")
        assert [(s.text, s._.acronym_source) for s in doc._.acronyms] == [
            ("CSS", "glossary"), ("CBSI", "unknown")]

    def test_packs_select_shipped_packs(self) -> None:
        """``packs`` narrows the shipped glossary to the named packs."""
        pipeline = spacy.blank("en")
        pipeline.add_pipe("acrolib", config={"packs": ["general"]})
        component = pipeline.get_pipe("acrolib")
        assert isinstance(component, AcronymComponent)
        assert component.resolver.glossary.packs() == ["general"]

    @pytest.mark.parametrize(("config", "message"), [
        ({"expansion": "sideways"}, "unknown expansion mode 'sideways'"),
        ({"packs": ["general"], "use_default_glossary": False}, "packs were named"),
        ({"packs": ["nonsense"]}, "no such pack 'nonsense'"),
    ])
    def test_bad_config(self, config: dict[str, object], message: str) -> None:
        """Contradictory or unknown values fail when the component is built."""
        pipeline = spacy.blank("en")
        with pytest.raises(GlossaryError, match=message):
            pipeline.add_pipe("acrolib", config=config)

    def test_missing_glossary_file(self, tmp_path: Path) -> None:
        """A glossary path that does not exist is reported with its name."""
        pipeline = spacy.blank("en")
        with pytest.raises((GlossaryError, OSError), match=r"missing\.toml"):
            pipeline.add_pipe("acrolib", config={"glossaries": [str(tmp_path / "missing.toml")]})


class TestExtensions:
    def test_mentions_agree_with_annotate(self, nlp: spacy.language.Language) -> None:
        """Every mention of ``acrolib.annotate`` becomes a span with its expansion and source."""
        doc = nlp(TEXT)
        expected = acrolib.annotate(TEXT)
        assert doc._.acronym_annotated == expected
        assert [(s._.expansion, s._.acronym_source, s._.acronym_key) for s in doc._.acronyms] == [
            (m.expansion, m.source.value, m.key) for m in expected.mentions]

    def test_offsets_inside_a_token_expand(self, nlp: spacy.language.Language) -> None:
        """``U.S.`` inside the token ``U.S.-funded`` gives the whole token; exact offsets stay."""
        doc = nlp(TEXT)
        span = doc._.acronyms[-1]
        assert span.text == "U.S.-funded"
        assert span._.expansion == "United States"
        mention = span._.acronym_mention
        assert mention is not None
        assert TEXT[mention.start:mention.end] == "U.S."

    def test_definitions(self, nlp: spacy.language.Language) -> None:
        """Definitions are (short, long) span pairs."""
        doc = nlp(TEXT)
        assert [(s.text, lf.text) for s, lf in doc._.acronym_definitions] == [
            ("CBSI", "Caribbean Basin Security Initiative")]

    def test_expanded_text_uses_configured_mode(self) -> None:
        """``Doc._.acronym_expanded`` follows the ``expansion`` setting."""
        pipeline = spacy.blank("en")
        pipeline.add_pipe("acrolib", config={"expansion": "replace"})
        text = "The CBSI trains police."
        assert pipeline(text)._.acronym_expanded == acrolib.expand(text, "replace")

    def test_unprocessed_doc(self) -> None:
        """A doc the component has not seen has no results, and no errors either."""
        register_extensions()
        doc = spacy.blank("en")("The CBSI trains police.")
        assert doc._.acronyms == []
        assert doc._.acronym_definitions == []
        assert doc._.acronym_annotated is None
        assert doc._.acronym_expanded is None
        assert doc[1:2]._.expansion is None

    def test_span_not_a_mention(self, nlp: spacy.language.Language) -> None:
        """A span that is not a mention has no expansion."""
        doc = nlp(TEXT)
        assert doc[0:2]._.expansion is None
        assert doc[0:2]._.acronym_key is None


class TestSerialisation:
    def test_pipe_with_two_processes(self, nlp: spacy.language.Language) -> None:
        """Results made in worker processes equal those made in this one."""
        texts = [TEXT, "No acronyms here.", "The NATO summit and the UN.", TEXT] * 3
        single = [_summary(doc) for doc in nlp.pipe(texts)]
        multi = [_summary(doc) for doc in nlp.pipe(texts, n_process=2, batch_size=2)]
        assert multi == single
        assert single[0]

    def test_to_disk_and_load(self, tmp_path: Path) -> None:
        """A saved pipeline loads with the same config and gives the same results."""
        glossary = tmp_path / "mine.toml"
        glossary.write_text(GLOSSARY, encoding="utf-8")
        pipeline = spacy.blank("en")
        pipeline.add_pipe("acrolib", config={"glossaries": [str(glossary)],
                                             "expansion": "all"})
        pipeline.to_disk(tmp_path / "pipeline")
        loaded = spacy.load(tmp_path / "pipeline")
        assert loaded.config["components"]["acrolib"] == pipeline.config["components"]["acrolib"]
        text = "The CSS met the CBSI. The CSS left."
        assert _summary(loaded(text)) == _summary(pipeline(text))
        assert loaded(text)._.acronym_expanded == pipeline(text)._.acronym_expanded

    def test_docbin_round_trip(self, nlp: spacy.language.Language) -> None:
        """``DocBin(store_user_data=True)`` keeps every result."""
        docs = list(nlp.pipe([TEXT, "The NATO summit."]))
        data = DocBin(docs=docs, store_user_data=True).to_bytes()
        back = list(DocBin().from_bytes(data).get_docs(nlp.vocab))
        assert [_summary(d) for d in back] == [_summary(d) for d in docs]
        assert [_definitions(d) for d in back] == [_definitions(d) for d in docs]
        assert back[0]._.acronym_annotated == docs[0]._.acronym_annotated

    def test_docbin_in_a_fresh_process(self, nlp: spacy.language.Language,
                                       tmp_path: Path) -> None:
        """A process that never built the component reads results after register_extensions()."""
        path = tmp_path / "docs.spacy"
        DocBin(docs=[nlp(TEXT)], store_user_data=True).to_disk(path)
        code = textwrap.dedent(f"""
            import spacy
            from spacy.tokens import DocBin
            from acrolib.spacy import register_extensions
            register_extensions()
            doc = next(DocBin().from_disk({str(path)!r}).get_docs(spacy.blank("en").vocab))
            print([(s.text, s._.expansion) for s in doc._.acronyms])
        """)
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              check=False, timeout=300)
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == str([(s.text, s._.expansion) for s in nlp(TEXT)._.acronyms])


def _corpus(name: str, limit: int) -> list[str]:
    path = CORPORA / name
    if not path.is_file():
        pytest.skip(f"corpus {path} is not available (set ACROLIB_CORPORA to its folder)")
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line)["text"] for line, _ in zip(lines, range(limit), strict=False)]


class TestCorpus:
    @pytest.mark.parametrize(("name", "limit"), [("medstract_bioc.jsonl", 198),
                                                 ("sh_bioc_dev.jsonl", 150)])
    def test_definitions_equal_find_definitions(self, nlp: spacy.language.Language,
                                                name: str, limit: int) -> None:
        """On real abstracts the component's definitions are ``find_definitions``'s, exactly."""
        texts = _corpus(name, limit)
        found = 0
        for text, doc in zip(texts, nlp.pipe(texts, batch_size=32), strict=True):
            expected = acrolib.find_definitions(text)
            annotated = doc._.acronym_annotated
            assert annotated is not None
            assert list(annotated.definitions) == expected
            pairs = doc._.acronym_definitions
            assert len(pairs) == len(expected)
            for (short, long), definition in zip(pairs, expected, strict=True):
                for span, (start, end), form in ((short, definition.short_span, definition.short),
                                                 (long, definition.long_span, definition.long)):
                    assert text[start:end] == form
                    assert span.start_char <= start and end <= span.end_char
                    if doc.char_span(start, end) is not None:
                        assert (span.start_char, span.end_char, span.text) == (start, end, form)
            found += len(expected)
        assert found > limit // 4
