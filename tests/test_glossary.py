"""The glossary model, its files, and the curated packs."""

from __future__ import annotations

import gc
import pickle
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import acrolib
from acrolib import Entry, Glossary, GlossaryError, Sense
from acrolib._glossary import PACKS, available_packs, shipped_glossary_dir
from acrolib._letters import letters_fit

CBSI = Entry(key="CBSI", senses=(Sense(long="Caribbean Basin Security Initiative",
                                       source="state.gov"),))


class TestLookup:
    def test_dotted_plural_and_possessive_spellings(self) -> None:
        """U.S., MOUs and HSI’s reach their entries through the lookup, not stored copies."""
        assert acrolib.lookup("U.S.").key == "US"
        assert acrolib.lookup("U.N.").key == "UN"
        assert acrolib.lookup("MOUs").key == "MOU"
        assert acrolib.lookup("HSI’s").key == "HSI"
        assert acrolib.lookup("HSI's").key == "HSI"
        assert acrolib.lookup("NGOs'").key == "NGO"

    def test_unknown_is_none(self) -> None:
        """A short form in no pack gives None."""
        assert acrolib.lookup("QZXW") is None

    def test_exact_key_beats_plural_reading(self) -> None:
        """A key that ends in a capital S is not read as a plural."""
        glossary = Glossary([Entry("AIDS", (Sense("acquired immunodeficiency syndrome"),)),
                             Entry("AID", (Sense("agency for international development"),))])
        assert glossary.lookup("AIDS").key == "AIDS"
        assert glossary.find("AIDs") == (glossary["AID"], True)

    def test_case_fallback(self) -> None:
        """A spelling that differs only in case falls back to the entry."""
        glossary = Glossary([CBSI])
        assert glossary.lookup("Cbsi") == CBSI


class TestLayering:
    def test_later_layer_wins_per_key(self) -> None:
        """A user's entry replaces the shipped one whole; other keys stay."""
        user = Glossary([Entry("CBSI", (Sense("Custom Body"),))])
        layered = Glossary.layered(acrolib.default_glossary(), user)
        assert layered["CBSI"].senses[0].long == "Custom Body"
        assert layered.lookup("U.S.").key == "US"
        assert len(layered) == len(acrolib.default_glossary())

    def test_resolver_layers(self) -> None:
        """Resolver(layers=...) puts a glossary on top of the shipped one."""
        user = Glossary([Entry("ZZQ", (Sense("Zeta Zone Quorum"),))])
        resolver = acrolib.Resolver(layers=[user])
        assert resolver.lookup("ZZQ").senses[0].long == "Zeta Zone Quorum"
        assert resolver.lookup("CBSI") is not None


class TestFiles:
    @pytest.mark.parametrize("fmt", ["toml", "json", "csv", "tsv"])
    def test_round_trip_each_format(self, tmp_path: Path, fmt: str) -> None:
        """dump then load gives an equal glossary in every format."""
        glossary = acrolib.default_glossary(["caribbean-security"])
        path = tmp_path / f"g.{fmt}"
        glossary.dump(path)
        assert Glossary.load(path) == glossary

    def test_pack_selection(self) -> None:
        """Each pack can be chosen alone; all are on by default."""
        assert available_packs() == list(PACKS)
        alone = acrolib.default_glossary(["general"])
        assert "MOU" in alone and "CBSI" not in alone
        assert "CBSI" in acrolib.default_glossary()
        with pytest.raises(GlossaryError, match="no such pack 'nope'"):
            acrolib.default_glossary(["nope"])

    def test_default_is_cached(self) -> None:
        """default_glossary() parses once and returns the same object."""
        assert acrolib.default_glossary() is acrolib.default_glossary()

    def test_pickles(self) -> None:
        """A glossary survives pickling unchanged."""
        glossary = acrolib.default_glossary()
        assert pickle.loads(pickle.dumps(glossary)) == glossary


def _write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


class TestValidation:
    def test_unknown_field_names_file_line_key_field(self, tmp_path: Path) -> None:
        """An unknown sense field is reported with file, line, key and field."""
        path = _write(tmp_path, "g.toml", '[entries.CBSI]\n[[entries.CBSI.senses]]\n'
                      'long = "Caribbean Basin Security Initiative"\nlong_form = "x"\n')
        with pytest.raises(GlossaryError) as info:
            Glossary.load(path)
        assert str(info.value) == (f"{path}:4: entry 'CBSI', field 'senses[0].long_form': "
                                   "unknown field (allowed: context, domains, irregular, long, "
                                   "note, plural, prior, source)")

    def test_empty_expansion(self, tmp_path: Path) -> None:
        """An empty long form is refused on its line."""
        path = _write(tmp_path, "g.toml",
                      '[entries.CBSI]\n[[entries.CBSI.senses]]\nlong = "  "\n')
        with pytest.raises(GlossaryError, match=r"g\.toml:3: entry 'CBSI', field "
                                                r"'senses\[0\]\.long': must not be empty"):
            Glossary.load(path)

    def test_duplicate_key_toml(self, tmp_path: Path) -> None:
        """The same table twice is a duplicate, with the line of the second."""
        path = _write(tmp_path, "g.toml", '[entries.UN]\n[[entries.UN.senses]]\nlong = "a"\n'
                      '[entries.UN]\n')
        with pytest.raises(GlossaryError, match=r"g\.toml:4: invalid TOML"):
            Glossary.load(path)

    def test_duplicate_after_normalising(self, tmp_path: Path) -> None:
        """US and "U.S." are the same short form."""
        path = _write(tmp_path, "g.toml", '[entries.US]\n[[entries.US.senses]]\nlong = "a"\n'
                      '[entries."U.S."]\n[[entries."U.S.".senses]]\nlong = "b"\n')
        with pytest.raises(GlossaryError, match=r"g\.toml:4: entry 'U\.S\.': duplicate key"):
            Glossary.load(path)

    def test_wrong_type(self, tmp_path: Path) -> None:
        """A list field given a string is a type error naming the field."""
        path = _write(tmp_path, "g.json",
                      '{"entries": {"CBSI": {"senses": [{"long": "x", "domains": "security"}]}}}')
        with pytest.raises(GlossaryError, match=r"entry 'CBSI', field 'senses\[0\]\.domains': "
                                                r"must be a list of strings, not str"):
            Glossary.load(path)

    def test_duplicate_key_json(self, tmp_path: Path) -> None:
        """JSON objects with a repeated key are refused, not silently merged."""
        path = _write(tmp_path, "g.json", '{"entries": {\n"UN": {"senses": [{"long": "a"}]},\n'
                      '"UN": {"senses": [{"long": "b"}]}}}')
        with pytest.raises(GlossaryError, match=r"g\.json:3: duplicate key 'UN'"):
            Glossary.load(path)

    def test_not_utf8(self, tmp_path: Path) -> None:
        """Bytes that are not UTF-8 are reported with line and byte offset."""
        path = _write(tmp_path, "g.toml", b'[entries.UN]\n[[entries.UN.senses]]\nlong = "\xff"\n')
        with pytest.raises(GlossaryError, match=r"g\.toml:3: not valid UTF-8 \(byte 43"):
            Glossary.load(path)

    def test_bom_is_accepted(self, tmp_path: Path) -> None:
        """A UTF-8 byte order mark is allowed."""
        path = _write(tmp_path, "g.toml",
                      '\ufeff[entries.UN]\n[[entries.UN.senses]]\nlong = "United Nations"\n')
        assert Glossary.load(path).lookup("U.N.").senses[0].long == "United Nations"

    def test_csv_row_errors_name_the_line(self, tmp_path: Path) -> None:
        """A CSV row with a bad cell names its line."""
        path = _write(tmp_path, "g.csv", "key,long,prior\nUN,United Nations,1\nEU,,1\n")
        with pytest.raises(GlossaryError, match=r"g\.csv:3: entry 'EU', field 'long': "
                                                "must not be empty"):
            Glossary.load(path)

    def test_needs_context_in_every_format(self, tmp_path: Path) -> None:
        """``needs_context`` is an entry field in TOML and JSON and a column in CSV and TSV,
        where one row saying true marks the entry; it must be a boolean."""
        toml = _write(tmp_path, "g.toml", '[entries.HOPE]\nneeds_context = true\n'
                      '[[entries.HOPE.senses]]\nlong = "Haitian Hemispheric Opportunity"\n')
        csv = _write(tmp_path, "g.csv", "key,long,needs_context\nHOPE,one,\nHOPE,two,true\n"
                     "BEST,Border Enforcement Security Task Force,false\n")
        assert Glossary.load(toml)["HOPE"].needs_context
        assert Glossary.load(csv)["HOPE"].needs_context
        assert not Glossary.load(csv)["BEST"].needs_context
        bad = _write(tmp_path, "bad.json", '{"entries": {"HOPE": {"needs_context": "yes", '
                     '"senses": [{"long": "x"}]}}}')
        with pytest.raises(GlossaryError, match=r"entry 'HOPE', field 'needs_context': must be "
                                                r"true or false"):
            Glossary.load(bad)

    def test_csv_rows_are_senses(self, tmp_path: Path) -> None:
        """Rows sharing a key become the senses of one entry."""
        path = _write(tmp_path, "g.tsv", "key\tlong\tcontext\nDR\tDominican Republic\t"
                      "haiti;santo domingo\nDR\tdisaster recovery\tbackup\n")
        entry = Glossary.load(path)["DR"]
        assert [s.long for s in entry.senses] == ["Dominican Republic", "disaster recovery"]
        assert entry.senses[0].context == ("haiti", "santo domingo")


class TestCuratedGlossary:
    def test_packs_are_in_place(self) -> None:
        """The four packs exist where importlib.resources (or the checkout) finds them."""
        folder = shipped_glossary_dir()
        assert sorted(p.stem for p in folder.glob("*.toml")) == sorted(PACKS)

    def test_size_and_sources(self) -> None:
        """At least 300 entries, every sense with a source."""
        glossary = acrolib.default_glossary()
        assert len(glossary) >= 300
        missing = [e.key for e in glossary for s in e.senses if not s.source]
        assert missing == []

    def test_ambiguous_forms_have_context(self) -> None:
        """At least 25 short forms have several senses, each with context words."""
        multi = [e for e in acrolib.default_glossary() if len(e.senses) > 1]
        assert len(multi) >= 25
        assert [e.key for e in multi if any(not s.context for s in e.senses)] == []

    @pytest.mark.parametrize("key,long", [
        ("CBSI", "Caribbean Basin Security Initiative"), ("CARICOM", "Caribbean Community"),
        ("IMPACS", "CARICOM Implementation Agency for Crime and Security"),
        ("CCGIU", "Caribbean Crime Gun Intelligence Unit"),
        ("TCIU", "Transnational Criminal Investigative Unit"),
        ("HSI", "Homeland Security Investigations"),
        ("ATF", "Bureau of Alcohol, Tobacco, Firearms and Explosives"),
        ("DOJ", "Department of Justice"), ("UN", "United Nations"), ("US", "United States"),
        ("HNP", "Haitian National Police"), ("MOU", "memorandum of understanding"),
        ("FY", "fiscal year"), ("MSS", "Multinational Security Support"),
    ])
    def test_required_expansions(self, key: str, long: str) -> None:
        """The core short forms of the field carry their correct expansion."""
        entry = acrolib.lookup(key)
        assert entry is not None
        assert long in [s.long for s in entry.senses]

    def test_letters_fit_unless_irregular(self) -> None:
        """Every sense spells its short form, or is flagged irregular with a note."""
        bad = [(e.key, s.long) for e in acrolib.default_glossary() for s in e.senses
               if not s.irregular and not letters_fit(e.key, s.long)]
        assert bad == []
        unexplained = [e.key for e in acrolib.default_glossary() for s in e.senses
                       if s.irregular and not s.note]
        assert unexplained == []

    def test_letter_check_catches_a_typo(self) -> None:
        """The check is not vacuous: a swapped long form fails it."""
        assert not letters_fit("DOJ", "Department of Homeland Security")
        assert letters_fit("DOJ", "Department of Justice")


_key = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", min_size=2, max_size=6).filter(
    lambda k: any(c.isalpha() for c in k))
_words = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")),
                 min_size=1, max_size=30).map(str.strip).filter(bool)
_sense = st.builds(
    Sense, long=_words, plural=st.none() | _words,
    domains=st.lists(_words, max_size=3).map(tuple),
    context=st.lists(_words, max_size=3).map(tuple), source=st.just("") | _words,
    note=st.just("") | _words, irregular=st.booleans(),
    prior=st.floats(min_value=0, max_value=10, allow_nan=False),
)
_entries = st.lists(
    st.builds(Entry, key=_key,
              senses=st.lists(_sense, min_size=1, max_size=3, unique_by=lambda s: s.long)
              .map(tuple),
              well_known=st.booleans(), needs_context=st.booleans()),
    max_size=8, unique_by=lambda e: e.key,
)


class TestRoundTripProperty:
    @given(_entries, st.sampled_from(["toml", "json"]))
    def test_load_of_dump_is_identity(self, entries: list[Entry], fmt: str) -> None:
        """Glossary.loads(g.dump()) == g for generated glossaries."""
        glossary = Glossary(entries)
        assert Glossary.loads(glossary.dump(format=fmt), format=fmt) == glossary


class TestStorage:
    @given(_entries, st.sampled_from(["", "mine", "caribbean-security"]))
    def test_entries_come_back_whole(self, entries: list[Entry], pack: str) -> None:
        """Iteration, indexing, lookup and pickling give back the entries put in, packs too."""
        entries = [attrs.evolve(e, pack=pack) for e in entries]
        glossary = Glossary(entries)
        for got in (list(glossary), [glossary[e.key] for e in entries],
                    [glossary.lookup(e.key) for e in entries],
                    list(pickle.loads(pickle.dumps(glossary)))):
            assert got == entries
            assert [e.pack for e in got if e is not None] == [pack] * len(entries)
        assert glossary.packs() == ([pack] if pack and entries else [])

    def test_equality_ignores_the_pack_and_sees_a_changed_sense(self) -> None:
        """Glossaries compare as their entries do."""
        other_pack = Glossary([attrs.evolve(CBSI, pack="elsewhere")])
        assert Glossary([CBSI]) == other_pack
        changed = attrs.evolve(CBSI, senses=(attrs.evolve(CBSI.senses[0], note="n"),))
        assert Glossary([CBSI]) != Glossary([changed])
        assert Glossary([CBSI]) != Glossary([CBSI, attrs.evolve(CBSI, key="CBSIX")])
        with pytest.raises(KeyError):
            Glossary([CBSI])["NOPE"]

    def test_a_lookup_returns_the_same_entry_each_time(self) -> None:
        """Entries are built on lookup and kept, so repeated lookups agree on identity."""
        glossary = acrolib.default_glossary()
        assert glossary.lookup("CBSI") is glossary.lookup("C.B.S.I.")
        assert glossary["CBSI"] is glossary.lookup("CBSI")

    def test_stored_entries_are_not_tracked_by_the_collector(self) -> None:
        """A glossary's tables hold no references: the collector never visits them."""
        glossary = Glossary([attrs.evolve(CBSI, key=f"K{n}") for n in range(50)])
        layered = Glossary.layered(acrolib.default_glossary(), glossary)
        restored = pickle.loads(pickle.dumps(layered))
        for built in (glossary, layered, restored):
            tables = (built._entries, built._index, built._folded)
            assert all(tables) and not any(gc.is_tracked(table) for table in tables)


class TestDuplicateSenses:
    def test_same_sense_twice_is_refused_in_every_format(self, tmp_path: Path) -> None:
        """A sense repeated within an entry is a duplicate in TOML as in CSV."""
        toml = _write(tmp_path, "g.toml", '[entries.UN]\n[[entries.UN.senses]]\nlong = "a"\n'
                      '[[entries.UN.senses]]\nlong = "a"\n')
        with pytest.raises(GlossaryError, match=r"g\.toml:5: entry 'UN', field "
                                                r"'senses\[1\]\.long': duplicate key"):
            Glossary.load(toml)
        csv = _write(tmp_path, "g.csv", "key,long\nUN,a\nUN,a\n")
        with pytest.raises(GlossaryError, match=r"g\.csv:3: entry 'UN', field 'long': "
                                                "duplicate key"):
            Glossary.load(csv)
