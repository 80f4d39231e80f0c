"""Bad and hostile glossary files: each gives one GlossaryError naming file, line and field.

The exact message users see is asserted, so a change in wording is a deliberate decision.
"""

from __future__ import annotations

import json
import random
import time
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from strategies import examples

from acrolib import Entry, Glossary, GlossaryError, Sense
from acrolib._glossary import shipped_glossary_dir

VALID_TOML = """\
schema = 1
pack = "test"

[entries.CBSI]
variants = ["C.B.S.I."]
[[entries.CBSI.senses]]
long = "Caribbean Basin Security Initiative"
domains = ["caribbean", "security"]
context = ["training", "funding"]
prior = 1.0
"""

VALID_JSON = json.dumps({
    "schema": 1,
    "entries": {
        "CBSI": {"variants": ["C.B.S.I."],
                 "senses": [{"long": "Caribbean Basin Security Initiative",
                             "domains": ["caribbean"]}]},
    },
}, indent=2)

VALID_CSV = "key,long,domains,prior\nCBSI,Caribbean Basin Security Initiative,caribbean,1.0\n"


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_bytes(content.encode("utf-8"))
    return path


def error_of(path: Path, **kwargs: str) -> GlossaryError:
    with pytest.raises(GlossaryError) as caught:
        Glossary.load(path, **kwargs)
    return caught.value


class TestMalformedFiles:
    """Syntax errors of each format name the file and the line."""

    def test_malformed_toml(self, tmp_path: Path) -> None:
        """An unclosed table header: the TOML parser's problem, at its line."""
        path = write(tmp_path, "bad.toml", "schema = 1\n[entries.CBSI\n")
        err = error_of(path)
        assert str(err) == (f"{path}:2: invalid TOML: Expected ']' at the end of a table "
                            "declaration")
        assert (err.path, err.line) == (str(path), 2)

    @pytest.mark.parametrize(("text", "line", "problem"), [
        ('schema = 1\n[entries.AB]\nsenses = [{long = """Alpha\nBeta\n', 3,
         "Unterminated string"),
        ("schema = 1\n[entries.AB]\nsenses = [{long = \'\'\'Alpha\n\n", 3,
         "Expected \"\'\'\'\""),
        ("schema = 1\n[entries.AB]\nvariants = [\n'A.B.',\n\n", 4, "Invalid value"),
    ])
    def test_toml_error_at_the_end_of_the_file(self, tmp_path: Path, text: str, line: int,
                                                problem: str) -> None:
        """A string never closed is named by the line that opens it; another error the parser
        meets at the end of the file by the last line."""
        err = error_of(write(tmp_path, "bad.toml", text))
        assert (err.line, err.problem) == (line, f"invalid TOML: {problem}")

    def test_malformed_json(self, tmp_path: Path) -> None:
        """A trailing comma in JSON: the decoder's problem, at its line."""
        path = write(tmp_path, "bad.json", '{"entries": {\n"A": [1,\n}')
        err = error_of(path)
        assert str(err) == f"{path}:3: invalid JSON: Expecting value"

    def test_malformed_csv(self, tmp_path: Path) -> None:
        """An unterminated quoted CSV cell."""
        path = write(tmp_path, "bad.csv", 'key,long\nA,"unterminated\n')
        assert str(error_of(path)) == f"{path}:2: malformed row: unexpected end of data"

    def test_csv_short_row(self, tmp_path: Path) -> None:
        """A row with fewer cells than the header names its line."""
        path = write(tmp_path, "short.csv", "key,long\nA,x\nB\n")
        assert str(error_of(path)) == f"{path}:3: has 1 cells, the header has 2"

    def test_csv_unknown_column(self, tmp_path: Path) -> None:
        """A header with a column the format does not know."""
        path = write(tmp_path, "col.csv", "key,long,colour\nA,x,red\n")
        err = error_of(path)
        assert str(err).startswith(f"{path}:1: field 'colour': unknown column (allowed: key,")

    def test_empty_csv(self, tmp_path: Path) -> None:
        """An empty CSV file has no header."""
        path = write(tmp_path, "empty.csv", "")
        assert str(error_of(path)) == (
            f"{path}:1: empty file: a header row naming the columns is required")

    def test_empty_toml_is_an_empty_glossary(self, tmp_path: Path) -> None:
        """An empty TOML document is valid and holds no entries."""
        assert len(Glossary.load(write(tmp_path, "empty.toml", ""))) == 0

    def test_top_level_not_a_table(self, tmp_path: Path) -> None:
        """A JSON list at the top level."""
        path = write(tmp_path, "list.json", "[1, 2]")
        assert str(error_of(path)) == f"{path}:1: the top level must be a table/object"

    @pytest.mark.parametrize(("name", "content", "line", "problem"), [
        ("deep.json", '{"entries":\n' + "[" * 1000 + "]" * 1000 + "}", 2, "nested more than"),
        ("deep.toml", 'a = "[[[["\nx = ' + "[" * 500 + "]" * 500, 2, "nested more than"),
        ("table.toml", "x = " + "{a=" * 3000 + "1" + "}" * 3000, 1, "nested more than"),
        ("digits.json", '{"schema":\n' + "1" * 5000 + "}", 2, "digits"),
        ("digits.toml", "schema = 1\n\nx = " + "1" * 5000, 3, "digits"),
    ])
    def test_what_the_parser_gives_up_on(self, tmp_path: Path, name: str, content: str,
                                         line: int, problem: str) -> None:
        """Nesting past the parser's recursion limit, or a number of more digits than Python
        converts: a GlossaryError naming the file and the line where it starts."""
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        with pytest.raises(GlossaryError) as info:
            Glossary.load(path)
        assert info.value.path == str(path) and info.value.line == line
        assert problem in str(info.value)

    def test_unknown_suffix(self, tmp_path: Path) -> None:
        """A file whose suffix names no format."""
        path = write(tmp_path, "g.yaml", "a: 1")
        assert str(error_of(path)) == (
            f"{path}: cannot tell the format from the suffix '.yaml'; use one of .csv, .json, "
            ".tab, .toml, .tsv or pass format=")

    def test_missing_file(self, tmp_path: Path) -> None:
        """A file that does not exist is a GlossaryError too, not a bare OSError."""
        path = tmp_path / "missing.toml"
        assert str(error_of(path)) == f"{path}: cannot read file: No such file or directory"


class TestWrongValues:
    """Wrong types and bad values name the entry and the field."""

    def test_wrong_type_toml(self, tmp_path: Path) -> None:
        """A number where the long form should be."""
        path = write(tmp_path, "type.toml",
                     "schema = 1\n[entries.A]\n[[entries.A.senses]]\nlong = 5\n")
        err = error_of(path)
        assert str(err) == f"{path}:4: entry 'A', field 'senses[0].long': must be a string, not int"
        assert (err.key, err.field, err.line) == ("A", "senses[0].long", 4)

    def test_wrong_type_json_list(self, tmp_path: Path) -> None:
        """A string where a list of domains should be, on the field's own line."""
        doc = {"entries": {"A": {"senses": [{"long": "x", "domains": "d"}]}}}
        path = write(tmp_path, "type.json", json.dumps(doc, indent=2))
        err = error_of(path)
        assert str(err) == (f"{path}:7: entry 'A', field 'senses[0].domains': must be a list "
                            "of strings, not str")

    def test_empty_long(self, tmp_path: Path) -> None:
        """An empty long form."""
        path = write(tmp_path, "empty.toml",
                     "schema = 1\n[entries.A]\n[[entries.A.senses]]\nlong = \"  \"\n")
        assert str(error_of(path)) == (
            f"{path}:4: entry 'A', field 'senses[0].long': must not be empty")

    def test_no_senses(self, tmp_path: Path) -> None:
        """An entry without senses."""
        path = write(tmp_path, "nosense.toml", "schema = 1\n[entries.A]\nsenses = []\n")
        assert str(error_of(path)) == (
            f"{path}:3: entry 'A', field 'senses': needs at least one sense "
            "([[entries.KEY.senses]] with a 'long')")

    def test_prior_out_of_range(self, tmp_path: Path) -> None:
        """A negative prior, in TOML and in CSV."""
        path = write(tmp_path, "prior.toml",
                     '[entries.A]\n[[entries.A.senses]]\nlong = "x"\nprior = -1\n')
        assert str(error_of(path)) == (
            f"{path}:4: entry 'A', field 'senses[0].prior': must be a number from 0 to 1000")
        path = write(tmp_path, "prior.csv", "key,long,prior\nA,x,abc\n")
        assert str(error_of(path)) == (
            f"{path}:2: entry 'A', field 'prior': must be a number from 0 to 1000")

    def test_bad_boolean_csv(self, tmp_path: Path) -> None:
        """A boolean cell that is neither true nor false."""
        path = write(tmp_path, "bool.csv", "key,long,irregular\nA,x,maybe\n")
        assert str(error_of(path)) == (
            f"{path}:2: entry 'A', field 'irregular': must be true or false, not 'maybe'")

    @pytest.mark.parametrize(("variants", "problem"), [
        ("V" * 2001, "has an item longer than 2000 characters"),
        (";".join(f"V{i}" for i in range(501)), "has more than 500 items"),
    ])
    def test_csv_variants_are_checked_like_toml(self, tmp_path: Path, variants: str,
                                                problem: str) -> None:
        """A CSV cell of variants meets the limits of the nested formats, so that whatever
        loads can be written in any format and read back."""
        path = write(tmp_path, "v.csv", "key,long\nAB,Alpha Beta\nCSS,Coast Squadron\n"
                                        "CSS,Coast Support Squadron\n")
        assert len(Glossary.load(path)) == 2
        path = write(tmp_path, "v.csv", "key,long,variants\nAB,Alpha Beta,\n"
                                        f"CSS,Coast Squadron,\nCSS,Coast Support Squadron,"
                                        f"{variants}\n")
        assert str(error_of(path)) == f"{path}:3: entry 'CSS', field 'variants': {problem}"

    def test_csv_variant_spelling_a_later_key(self, tmp_path: Path) -> None:
        """A variant that spells another entry's key is refused in CSV as it is in TOML."""
        path = write(tmp_path, "v.csv", "key,long,variants\nAB,Alpha Beta,C.D.\n"
                                        "CD,Charlie Delta,\n")
        assert str(error_of(path)) == (
            f"{path}:3: entry 'CD': duplicate key: 'CD' and 'AB' are the same short form")
        toml = write(tmp_path, "v.toml", '[entries.AB]\nvariants = ["C.D."]\n'
                                         '[[entries.AB.senses]]\nlong = "Alpha Beta"\n'
                                         '[entries.CD]\n[[entries.CD.senses]]\n'
                                         'long = "Charlie Delta"\n')
        assert "duplicate key: 'CD' and 'AB' are the same short form" in str(error_of(toml))

    @pytest.mark.parametrize("fmt", ["csv", "tsv"])
    def test_semicolon_in_an_item_is_not_written_as_csv(self, fmt: str) -> None:
        """";" separates the items of a list cell: such an item is refused, not split."""
        glossary = Glossary.loads('[entries.AB]\n[[entries.AB.senses]]\nlong = "Alpha Beta"\n'
                                  'context = ["patrol;boat"]\n')
        with pytest.raises(GlossaryError, match="holds ';'") as info:
            glossary.dump(format=fmt)
        assert info.value.key == "AB" and info.value.field == "senses[0].context"
        assert Glossary.loads(glossary.dump(format="json"), format="json") == glossary

    def test_huge_value(self, tmp_path: Path) -> None:
        """A long form of a megabyte is refused, not stored."""
        path = write(tmp_path, "huge.toml",
                     f'[entries.A]\n[[entries.A.senses]]\nlong = "{"x" * 1_000_000}"\n')
        assert str(error_of(path)) == (
            f"{path}:3: entry 'A', field 'senses[0].long': is longer than 2000 characters")

    def test_huge_key(self, tmp_path: Path) -> None:
        """A short form longer than any acronym."""
        key = "A" * 65
        path = write(tmp_path, "key.json", json.dumps({"entries": {key: {"senses": []}}}))
        assert str(error_of(path)) == (
            f"{path}:1: entry {key!r}: the short form is longer than 64 characters")

    def test_too_many_items(self, tmp_path: Path) -> None:
        """A context list of 501 words."""
        doc = {"entries": {"A": {"senses": [{"long": "x", "context": ["w"] * 501}]}}}
        path = write(tmp_path, "items.json", json.dumps(doc))
        assert str(error_of(path)) == (
            f"{path}:1: entry 'A', field 'senses[0].context': has more than 500 items")

    def test_key_with_line_break(self, tmp_path: Path) -> None:
        """A short form holding a tab."""
        path = write(tmp_path, "tab.json", json.dumps({"entries": {"A\tB": {"senses": []}}}))
        assert str(error_of(path)) == (
            f"{path}:1: entry 'A\\tB': the short form contains a control character or a line "
            "break")

    @pytest.mark.parametrize(("name", "content", "line", "message"), [
        ("top.toml", 'schema = 1\nbogus = 1\n', 2, "field 'bogus': unknown top-level field"),
        ("table.toml", '[entries.A]\n[[entries.A.senses]]\nlong = "x"\n[bogus]\na = 1\n', 4,
         "field 'bogus': unknown top-level field"),
        ("schema.toml", '\nschema = 2\n', 2, "field 'schema': unsupported schema 2"),
        ("entries.toml", 'entries = 5\n', 1, "field 'entries': must be a table of entries"),
        ("pack.json", '{"schema": 1,\n "pack": 5}', 2, "field 'pack': must be a string"),
        ("top.json", '{"schema": 1,\n\n "bogus": 5}', 3, "field 'bogus': unknown top-level"),
    ])
    def test_top_level_errors_name_their_line(self, tmp_path: Path, name: str, content: str,
                                              line: int, message: str) -> None:
        """A wrong top-level field names the line that sets it."""
        path = write(tmp_path, name, content)
        error = error_of(path)
        assert error.line == line and str(error).startswith(f"{path}:{line}: {message}")

    def test_unknown_field(self, tmp_path: Path) -> None:
        """A misspelt field name."""
        path = write(tmp_path, "field.toml",
                     '[entries.A]\n[[entries.A.senses]]\nlong = "x"\nlonng = "y"\n')
        assert str(error_of(path)) == (
            f"{path}:4: entry 'A', field 'senses[0].lonng': unknown field (allowed: context, "
            "domains, irregular, long, note, plural, prior, source)")


class TestDuplicates:
    """Duplicate keys, written the same or differently, are refused at the second one."""

    def test_duplicate_json_key(self, tmp_path: Path) -> None:
        """The same key twice in a JSON object (json would silently keep the last)."""
        path = write(tmp_path, "dup.json",
                     '{"entries": {\n"A": {"senses": [{"long": "x"}]},\n"A": {}}}')
        assert str(error_of(path)) == f"{path}:3: duplicate key 'A'"

    def test_duplicate_toml_field(self, tmp_path: Path) -> None:
        """A field set twice in TOML."""
        path = write(tmp_path, "dup.toml",
                     '[entries.A]\n[[entries.A.senses]]\nlong = "x"\nlong = "y"\n')
        assert str(error_of(path)) == f"{path}:4: invalid TOML: Cannot overwrite a value"

    def test_same_short_form_spelt_twice(self, tmp_path: Path) -> None:
        """``U.S.`` and ``US`` are one short form."""
        path = write(tmp_path, "same.toml",
                     '[entries."U.S."]\n[[entries."U.S.".senses]]\nlong = "x"\n'
                     '[entries.US]\n[[entries.US.senses]]\nlong = "y"\n')
        assert str(error_of(path)) == (
            f"{path}:4: entry 'US': duplicate key: 'US' and 'U.S.' are the same short form")

    def test_spaced_short_form_is_the_same_key(self, tmp_path: Path) -> None:
        """Regression: a key with an inner space ("A B") was refused as holding a control
        character; it is the short form AB, so the real problem is the duplicate."""
        path = write(tmp_path, "spaced.toml",
                     '[entries."A B"]\n[[entries."A B".senses]]\nlong = "x"\n'
                     '[entries.AB]\n[[entries.AB.senses]]\nlong = "y"\n')
        assert str(error_of(path)) == (
            f"{path}:4: entry 'AB': duplicate key: 'AB' and 'A B' are the same short form")

    def test_spaced_short_form_loads(self, tmp_path: Path) -> None:
        """Regression: ``CARICOM IMPACS`` as a key is read as ``CARICOMIMPACS``."""
        path = write(tmp_path, "spaced.toml",
                     '[entries."CARICOM IMPACS"]\n[[entries."CARICOM IMPACS".senses]]\n'
                     'long = "x"\n')
        assert Glossary.load(path).keys() == ["CARICOMIMPACS"]

    def test_duplicate_csv_sense(self, tmp_path: Path) -> None:
        """The same sense twice for one short form in CSV."""
        path = write(tmp_path, "dup.csv", "key,long\nA,x\nA,x\n")
        assert str(error_of(path)) == (
            f"{path}:3: entry 'A', field 'long': duplicate key: sense 'x' is already given "
            "for this short form")


class TestEncoding:
    """Bytes that are not UTF-8 name the line and the byte; a BOM is fine."""

    @pytest.mark.parametrize("name,content", [
        ("bom.toml", VALID_TOML), ("bom.json", VALID_JSON), ("bom.csv", VALID_CSV),
    ])
    def test_bom_is_accepted(self, tmp_path: Path, name: str, content: str) -> None:
        """A UTF-8 byte order mark in front of any format is skipped."""
        path = write(tmp_path, name, b"\xef\xbb\xbf" + content.encode())
        assert Glossary.load(path).lookup("CBSI").senses[0].long == (
            "Caribbean Basin Security Initiative")

    @pytest.mark.parametrize("fmt,content", [
        ("toml", VALID_TOML), ("json", VALID_JSON), ("csv", VALID_CSV),
    ])
    def test_bom_in_string(self, fmt: str, content: str) -> None:
        """Regression: ``Glossary.loads`` of text that still starts with U+FEFF works too."""
        assert "CBSI" in Glossary.loads("\ufeff" + content, format=fmt)

    def test_latin1_bytes(self, tmp_path: Path) -> None:
        """A Latin-1 byte in a UTF-8 file: line and byte offset named."""
        path = write(tmp_path, "latin.toml",
                     b'schema = 1\n[entries.A]\n[[entries.A.senses]]\nlong = "Al\xffpha"\n')
        assert str(error_of(path)) == f"{path}:4: not valid UTF-8 (byte 54: b'\\xff')"

    def test_utf16_file(self, tmp_path: Path) -> None:
        """A UTF-16 file is not silently misread."""
        path = write(tmp_path, "wide.toml", VALID_TOML.encode("utf-16"))
        assert str(error_of(path)) == f"{path}:1: not valid UTF-8 (byte 0: b'\\xff')"

    def test_lone_surrogate_escape_in_json(self, tmp_path: Path) -> None:
        """Regression: ``"\\ud800"`` in JSON was accepted, then ``dump(path)`` crashed with a
        UnicodeEncodeError; it is refused when read."""
        doc = '{"entries": {"A": {"senses": [{"long": "x\\ud800"}]}}}'
        path = write(tmp_path, "surrogate.json", doc)
        assert str(error_of(path)) == (
            f"{path}:1: entry 'A', field 'senses[0].long': contains a lone surrogate "
            "(\\ud800-\\udfff), which is not text")
        doc = '{"entries": {"A": {"senses": [{"long": "x", "context": ["\\udc80"]}]}}}'
        path = write(tmp_path, "surrogate2.json", doc)
        assert str(error_of(path)) == (
            f"{path}:1: entry 'A', field 'senses[0].context': contains a lone surrogate "
            "(\\ud800-\\udfff), which is not text")


class TestScale:
    """Large glossaries load, and the limits keep single values bounded."""

    def test_hundred_thousand_entries(self, tmp_path: Path) -> None:
        """10^5 entries in TOML load and are all reachable (time is printed, not asserted)."""
        lines = []
        for i in range(100_000):
            key = f"K{i:05d}"
            lines.append(f'[entries.{key}]\n[[entries.{key}.senses]]\nlong = "Thing {i}"\n')
        path = write(tmp_path, "big.toml", "".join(lines))
        began = time.perf_counter()
        glossary = Glossary.load(path)
        print(f"100000 entries loaded in {time.perf_counter() - began:.2f}s")
        assert len(glossary) == 100_000
        assert glossary.lookup("K99999").senses[0].long == "Thing 99999"
        assert glossary.lookup("k00000").key == "K00000"

    def test_hundred_thousand_rows_csv(self, tmp_path: Path) -> None:
        """10^5 CSV rows load too."""
        rows = "".join(f"K{i:05d},Thing {i}\n" for i in range(100_000))
        glossary = Glossary.load(write(tmp_path, "big.csv", "key,long\n" + rows))
        assert len(glossary) == 100_000


class TestLookupPrecedence:
    """A key always finds its own entry."""

    def test_variant_does_not_hide_a_later_key(self) -> None:
        """Regression: entry A spelt ``A.B`` hid a later entry keyed ``AB`` from lookup."""
        g = Glossary.from_entries([
            Entry(key="A", senses=(Sense(long="x"),), variants=("A.B",)),
            Entry(key="AB", senses=(Sense(long="y"),)),
        ])
        assert g.lookup("AB").key == "AB"
        assert g.lookup("A.B.").key == "AB"

    def test_user_layer_key_beats_pack_variant(self) -> None:
        """Regression: a user layer's key must win over an earlier layer's variant."""
        base = Glossary.from_entries([Entry(key="A", senses=(Sense(long="x"),),
                                            variants=("A.B",))])
        user = Glossary.from_entries([Entry(key="AB", senses=(Sense(long="user"),))])
        assert Glossary.layered(base, user).lookup("AB").senses[0].long == "user"


# --- fuzzing ------------------------------------------------------------------------------

SHIPPED = sorted(shipped_glossary_dir().glob("*.toml"))
_SEEDS = [VALID_TOML.encode(), VALID_JSON.encode(), VALID_CSV.encode()]


@st.composite
def mutated(draw: st.DrawFn) -> tuple[bytes, str]:
    """A valid file with a few bytes flipped, inserted or deleted, and its format."""
    which = draw(st.integers(0, len(_SEEDS) - 1))
    data = bytearray(_SEEDS[which])
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(("flip", "insert", "delete")))
        at = draw(st.integers(0, max(0, len(data) - 1)))
        if op == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=4))
        elif data:
            del data[at]
    return bytes(data), ("toml", "json", "csv")[which]


class TestFuzz:
    """Whatever the bytes, loading either succeeds or raises GlossaryError."""

    @settings(max_examples=examples(300))
    @given(st.binary(max_size=300), st.sampled_from(("toml", "json", "csv", "tsv")))
    @example(b"\xef\xbb\xbf", "toml")
    @example(b'{"entries": {"A": {"senses": [{"long": "\\udfff"}]}}}', "json")
    @example(b"key,long\n\x00,\x00\n", "csv")
    def test_random_bytes(self, tmp_path_factory: pytest.TempPathFactory, data: bytes,
                          fmt: str) -> None:
        """Random bytes: a Glossary or a GlossaryError, never another exception."""
        _load_or_glossary_error(tmp_path_factory, data, fmt)

    @settings(max_examples=examples(300))
    @given(mutated())
    @example((b'{"entries": {"CBSI": {"senses": [{"long": "Caribbean Basin Security '
              b'Initiative", "dom{ins": ["caribbean"]}]}}}', "json"))
    @example((b'[entries.CBSI]\n[[entries.CBSI.senses]]\nlong = "Caribbean Basin Security '
              b'Initiative"\n"do(mains" = ["caribbean"]\n', "toml"))
    def test_mutated_valid_files(self, tmp_path_factory: pytest.TempPathFactory,
                                 case: tuple[bytes, str]) -> None:
        """A valid file with bytes changed: a Glossary or a GlossaryError."""
        _load_or_glossary_error(tmp_path_factory, *case)

    @pytest.mark.parametrize("pack", SHIPPED, ids=lambda p: p.stem)
    def test_mutated_shipped_packs(self, tmp_path: Path, pack: Path) -> None:
        """Each shipped pack with 200 seeded random mutations (deterministic)."""
        original = pack.read_bytes()
        rng = random.Random(pack.stem)
        for number in range(200):
            data = bytearray(original)
            for _ in range(rng.randint(1, 4)):
                at = rng.randrange(len(data))
                data[at:at + rng.randint(0, 3)] = bytes(rng.randrange(256)
                                                        for _ in range(rng.randint(0, 3)))
            path = tmp_path / f"m{number}.toml"
            path.write_bytes(bytes(data))
            try:
                Glossary.load(path)
            except GlossaryError as exc:
                assert str(exc).startswith(str(path))


def _load_or_glossary_error(factory: pytest.TempPathFactory, data: bytes, fmt: str) -> None:
    path = factory.mktemp("fuzz") / f"g.{fmt}"
    path.write_bytes(data)
    try:
        glossary = Glossary.load(path)
    except GlossaryError as exc:
        assert str(exc).startswith(str(path)), str(exc)
        return
    # What loads must be usable: dumped and read back to an equal glossary.
    for out in ("toml", "json"):
        assert Glossary.loads(glossary.dump(format=out), format=out) == glossary
