"""Reading and writing glossary files (TOML, JSON, CSV, TSV) with errors that say where.

Every format maps onto the same shape: ``entries`` keyed by short form, each with optional
``variants``, ``well_known`` and ``needs_context`` and a list of ``senses``.  CSV and TSV hold
one sense per row; rows sharing a key are the senses of one entry.
"""

from __future__ import annotations

import csv
import io
import json
import math
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Final

import regex

from ._keys import canonical
from ._model import Entry, Sense
from .exceptions import GlossaryError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

FORMATS = ("toml", "json", "csv", "tsv")
_SUFFIXES = {".toml": "toml", ".json": "json", ".csv": "csv", ".tsv": "tsv", ".tab": "tsv"}
_TOP_FIELDS = {"schema", "pack", "title", "description", "entries"}
#: An entry's true-or-false fields, each read, checked and written alike in every format.
_ENTRY_FLAGS = ("well_known", "needs_context")
_ENTRY_FIELDS = {"senses", "variants", *_ENTRY_FLAGS}
_SENSE_FIELDS = {"long", "plural", "domains", "context", "source", "note", "irregular", "prior"}
_LIST_FIELDS = ("domains", "context")
_TEXT_FIELDS = ("plural", "source", "note")
#: Limits that keep a hostile file from costing unbounded memory in one value.
MAX_KEY = 64
MAX_TEXT = 2000
MAX_ITEMS = 500
_CSV_COLUMNS = ("key", "long", "plural", "domains", "context", "source", "note", "irregular",
                "prior", "variants", *_ENTRY_FLAGS)
# Inner plain spaces are allowed ("CARICOM IMPACS" is keyed CARICOMIMPACS); other white space
# and control characters are not.
_BAD_KEY = regex.compile(r"[^\S ]|[\p{Cc}\p{Cs}]")
_SURROGATE = regex.compile(r"\p{Cs}")
_NOT_TEXT = "contains a lone surrogate (\\ud800-\\udfff), which is not text"


def format_of(path: Path) -> str:
    """The format named by a file's suffix."""
    try:
        return _SUFFIXES[path.suffix.lower()]
    except KeyError:
        raise GlossaryError(
            f"cannot tell the format from the suffix {path.suffix!r}; "
            f"use one of {', '.join(sorted(_SUFFIXES))} or pass format=",
            path=str(path),
        ) from None


def read_bytes(path: Path) -> bytes:
    """The bytes of a glossary file; a failure names the file."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise GlossaryError(f"cannot read file: {exc.strerror or exc}", path=str(path)) from None


def entries_from_bytes(data: bytes, path: Path, format: str) -> list[Entry]:
    """Validate the bytes of the glossary file ``path``; its stem names the pack."""
    return parse_entries(decode(data, str(path)), format=format, name=str(path), pack=path.stem)


def decode(data: bytes, name: str) -> str:
    """Decode UTF-8 (a BOM is allowed); name the line and byte of the first bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problem, line = not_utf8(data, exc)
        raise GlossaryError(problem, path=name, line=line) from None


def not_utf8(data: bytes, exc: UnicodeDecodeError) -> tuple[str, int]:
    """What is wrong with bytes that are not UTF-8, and the line of the first bad byte."""
    return (f"not valid UTF-8 (byte {exc.start}: {data[exc.start:exc.start + 1]!r})",
            data.count(b"\n", 0, exc.start) + 1)


def parse_entries(text: str, *, format: str, name: str, pack: str = "") -> list[Entry]:
    """Parse glossary ``text`` in ``format``; ``name`` labels errors."""
    if text.startswith("\ufeff"):
        text = text[1:]  # a byte order mark that survived decoding
    if format not in FORMATS:
        raise GlossaryError(f"unknown format {format!r}; use one of {', '.join(FORMATS)}",
                            path=name)
    if format in ("csv", "tsv"):
        return _parse_table(text, "\t" if format == "tsv" else ",", name, pack)
    locate = _Locator(text, format)
    if format == "toml":
        try:
            doc = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise GlossaryError(f"invalid TOML: {strip_position(str(exc))}", path=name,
                                line=toml_error_line(str(exc), text)) from None
        except (RecursionError, ValueError) as exc:
            raise _unreadable(exc, text, "TOML", name) from None
    else:
        try:
            doc = json.loads(text, object_pairs_hook=_no_duplicates)
        except json.JSONDecodeError as exc:
            raise GlossaryError(f"invalid JSON: {exc.msg}", path=name, line=exc.lineno) from None
        except _DuplicateKey as dup:
            raise GlossaryError(f"duplicate key {dup.key!r}", path=name,
                                line=locate.duplicate(dup.key)) from None
        except (RecursionError, ValueError) as exc:
            raise _unreadable(exc, text, "JSON", name) from None
    return _entries_from_document(doc, name, pack, locate)


#: Strings (skipped), brackets and line breaks, for finding where a document nests deeply.
_NESTING: Final = regex.compile(r""""(?:[^"\\\n]|\\.)*+"|'[^'\n]*+'|[\[{]|[\]}]|\n""")
#: A depth no glossary needs; past it, the parser's recursion limit is near.
_DEEP: Final = 100


def _unreadable(exc: Exception, text: str, format: str, name: str) -> GlossaryError:
    problem, line = unreadable(exc, text, format)
    return GlossaryError(problem, path=name, line=line)


def unreadable(exc: Exception, text: str, format: str) -> tuple[str, int | None]:
    """What is wrong with a document the parser gave up on, and the line where it starts:
    nested too deeply, or a number of more digits than Python converts."""
    if isinstance(exc, RecursionError):
        depth, line = 0, 1
        for match in _NESTING.finditer(text):
            token = match.group()
            if token == "\n":
                line += 1
            elif token in "[{":
                depth += 1
                if depth > _DEEP:
                    break
            elif token in "]}":
                depth -= 1
        return f"invalid {format}: nested more than {_DEEP} deep", line if depth > _DEEP else None
    limit = getattr(sys, "get_int_max_str_digits", lambda: 4300)()
    digits = regex.search(rf"\d{{{limit + 1},}}", text)
    if digits is None:  # pragma: no cover - the parsers raise no other ValueError known
        return f"invalid {format}: {exc}", None
    return (f"invalid {format}: a number has more than {limit} digits",
            text.count("\n", 0, digits.start()) + 1)


class _DuplicateKey(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


_TOML_POSITION = regex.compile(r"\s*\(at line (\d+), column \d+\)|\s*\(at end of document\)")


def toml_error_line(message: str, text: str) -> int | None:
    """The line a TOML error names.  At the end of the document, a multi-line string that is
    never closed is named by the line that opens it; anything else by the last line."""
    found = _TOML_POSITION.search(message)
    if found is None:
        return None
    if found.group(1):
        return int(found.group(1))
    if "string" in message or '"""' in message or "'''" in message:
        opener = max(text.rfind('"""'), text.rfind("'''"))
        if opener >= 0:
            return text.count("\n", 0, opener) + 1
    return text.count("\n", 0, len(text.rstrip())) + 1


def strip_position(message: str) -> str:
    return _TOML_POSITION.sub("", message)


class _Locator:
    """Finds the line of a key or field in the source text, for error messages.

    tomllib and json do not report positions of values, so the line is recovered from the
    text: the header of the entry (TOML) or the quoted key (JSON), then the first line after
    it that sets the field.
    """

    def __init__(self, text: str, format: str) -> None:
        self.text = text
        self.format = format
        self._lines: list[str] | None = None

    @property
    def lines(self) -> list[str]:
        # Split only when an error is reported: a large valid file never needs it.
        if self._lines is None:
            self._lines = self.text.splitlines()
        return self._lines

    def _key_pattern(self, key: str) -> regex.Pattern[str]:
        k = regex.escape(key)
        if self.format == "toml":
            return regex.compile(
                rf"^\s*\[\[?\s*entries\s*\.\s*(?:{k}|\"{k}\"|'{k}')\s*(?:\]|\.)"
            )
        # JSON writes a key with escapes ("A\tB", "\u00c9"): look for every spelling.
        spellings = {k, regex.escape(json.dumps(key)[1:-1]),
                     regex.escape(json.dumps(key, ensure_ascii=False)[1:-1])}
        return regex.compile(rf"\"(?:{'|'.join(spellings)})\"\s*:")

    def entry(self, key: str, occurrence: int = 0) -> int | None:
        pattern = self._key_pattern(key)
        seen = 0
        for number, line in enumerate(self.lines, 1):
            if pattern.search(line):
                if seen == occurrence:
                    return number
                seen += 1
        return None

    def top(self, field: str) -> int | None:
        """The line that sets a top-level field: in TOML "field = ..." before the first table,
        or a table of that name ("[field]") anywhere; in JSON its quoted key."""
        f = regex.escape(field)
        if self.format != "toml":
            quoted = regex.compile(rf"\"{f}\"\s*:")
            return next((n for n, line in enumerate(self.lines, 1) if quoted.search(line)), None)
        spelt = rf"(?:{f}|\"{f}\"|'{f}')"
        value = regex.compile(rf"^\s*{spelt}\s*=")
        table = regex.compile(rf"^\s*\[\[?\s*{spelt}\s*[\].]")
        header = regex.compile(r"^\s*\[")
        in_tables = False
        for number, line in enumerate(self.lines, 1):
            if table.search(line) or (not in_tables and value.search(line)):
                return number
            in_tables = in_tables or header.search(line) is not None
        return None

    def duplicate(self, key: str) -> int | None:
        return self.entry(key, 1) or self.entry(key)

    def field(self, key: str, field: str, sense: int | None = None) -> int | None:
        start = self.entry(key)
        if start is None:
            return None
        if sense is not None and self.format == "toml":
            senses = regex.compile(rf"^\s*\[\[\s*entries\s*\.\s*(?:{regex.escape(key)}|"
                                   rf"\"{regex.escape(key)}\")\s*\.\s*senses\s*\]\]")
            count = -1
            for number in range(start, len(self.lines) + 1):
                if senses.search(self.lines[number - 1]):
                    count += 1
                    if count == sense:
                        start = number
                        break
        f = regex.escape(field)  # an unknown field's name is whatever the file says
        name = regex.compile(rf"^\s*(?:{f}|\"{f}\")\s*[=:]")
        for number in range(start, len(self.lines) + 1):
            if name.search(self.lines[number - 1]):
                return number
        return start


def _entries_from_document(doc: Any, name: str, pack: str, locate: _Locator) -> list[Entry]:
    if not isinstance(doc, dict):
        raise GlossaryError("the top level must be a table/object", path=name, line=1)
    for field in doc:
        if field not in _TOP_FIELDS:
            allowed = ", ".join(sorted(_TOP_FIELDS))
            raise GlossaryError(f"unknown top-level field (allowed: {allowed})",
                                path=name, field=field,
                                line=locate.top(field) or locate.entry(field))
    schema = doc.get("schema", 1)
    if schema != 1:
        raise GlossaryError(f"unsupported schema {schema!r} (this version reads schema 1)",
                            path=name, field="schema", line=locate.top("schema"))
    pack_name = doc.get("pack", pack)
    if not isinstance(pack_name, str):
        raise GlossaryError("must be a string", path=name, field="pack", line=locate.top("pack"))
    entries = doc.get("entries", {})
    if not isinstance(entries, dict):
        raise GlossaryError("must be a table of entries keyed by short form", path=name,
                            field="entries", line=locate.top("entries"))
    result: list[Entry] = []
    seen: dict[str, str] = {}
    for written, raw in entries.items():
        def fail(problem: str, field: str | None = None, sense: int | None = None,
                 written: str = written) -> GlossaryError:
            line = (locate.field(written, field, sense) if field else locate.entry(written))
            label = field if sense is None or field is None else f"senses[{sense}].{field}"
            return GlossaryError(problem, path=name, line=line, key=written, field=label)

        key = _check_key(written, fail)
        if key in seen:
            raise GlossaryError(f"duplicate key: {written!r} and {seen[key]!r} are the same "
                                f"short form", path=name, line=locate.entry(written), key=written)
        seen[key] = written
        if not isinstance(raw, dict):
            raise fail("an entry must be a table with a 'senses' list")
        for field in raw:
            if field not in _ENTRY_FIELDS:
                raise fail(f"unknown field (allowed: {', '.join(sorted(_ENTRY_FIELDS))})", field)
        senses_raw = raw.get("senses")
        if not isinstance(senses_raw, list) or not senses_raw:
            raise fail("needs at least one sense ([[entries.KEY.senses]] with a 'long')",
                       "senses")
        senses = tuple(_sense(s, i, fail) for i, s in enumerate(senses_raw))
        longs = [sense.long for sense in senses]
        for i, long in enumerate(longs):
            if long in longs[:i]:
                # The same sense twice is the nested-format twin of a repeated CSV row.
                raise fail(f"duplicate key: sense {long!r} is already given for this short "
                           "form", "long", i)
        variants = _str_list(raw.get("variants", []), "variants", None, fail)
        flags = {}
        for flag in _ENTRY_FLAGS:
            flags[flag] = raw.get(flag, False)
            if not isinstance(flags[flag], bool):
                raise fail("must be true or false", flag)
        extra_keys = tuple(canonical(v) for v in variants if canonical(v) != key)
        result.append(Entry(key=key, senses=senses, variants=variants, pack=pack_name,
                            **flags))
        for extra in extra_keys:
            seen.setdefault(extra, written)
    return result


_Fail = Callable[..., GlossaryError]


def can_hold(short: str, long: str) -> bool:
    """Whether a glossary file can hold a short form and its long form, as the checks below
    make them: no control character or lone surrogate in the short form, no lone surrogate in
    the long form, which is not too long (text decoded with ``surrogateescape`` can hold
    them; what ``mine`` writes must load back)."""
    return (_BAD_KEY.search(short.strip(" ")) is None and _SURROGATE.search(long) is None
            and len(long) <= MAX_TEXT)


def _check_key(written: object, fail: _Fail) -> str:
    if not isinstance(written, str) or not written.strip():
        raise fail("the short form must be a non-empty string")
    if len(written) > MAX_KEY:
        raise fail(f"the short form is longer than {MAX_KEY} characters")
    if _BAD_KEY.search(written.strip(" ")):
        raise fail("the short form contains a control character or a line break")
    key = canonical(written.strip())
    if not key:
        raise fail("the short form is empty once dots and spaces are removed")
    return key


def _text(value: object, field: str, sense: int | None, fail: _Fail, *,
          required: bool = False) -> str:
    if not isinstance(value, str):
        raise fail(f"must be a string, not {type(value).__name__}", field, sense)
    value = value.strip()
    if _SURROGATE.search(value):
        raise fail(_NOT_TEXT, field, sense)
    if required and not value:
        raise fail("must not be empty", field, sense)
    if len(value) > MAX_TEXT:
        raise fail(f"is longer than {MAX_TEXT} characters", field, sense)
    return value


def _str_list(value: object, field: str, sense: int | None, fail: _Fail) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise fail(f"must be a list of strings, not {type(value).__name__}", field, sense)
    if len(value) > MAX_ITEMS:
        raise fail(f"has more than {MAX_ITEMS} items", field, sense)
    items = []
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise fail("must be a list of non-empty strings", field, sense)
        if len(item) > MAX_TEXT:
            raise fail(f"has an item longer than {MAX_TEXT} characters", field, sense)
        if _SURROGATE.search(item):
            raise fail(_NOT_TEXT, field, sense)
        items.append(item.strip())
    return tuple(items)


def _sense(raw: object, index: int, fail: _Fail) -> Sense:
    if not isinstance(raw, dict):
        raise fail("each sense must be a table", "senses", index)
    for field in raw:
        if field not in _SENSE_FIELDS:
            raise fail(f"unknown field (allowed: {', '.join(sorted(_SENSE_FIELDS))})",
                       field, index)
    if "long" not in raw:
        raise fail("is required", "long", index)
    long = _text(raw["long"], "long", index, fail, required=True)
    plural = _text(raw["plural"], "plural", index, fail, required=True) if "plural" in raw else None
    texts = {f: _text(raw.get(f, ""), f, index, fail) for f in ("source", "note")}
    lists = {f: _str_list(raw.get(f, []), f, index, fail) for f in _LIST_FIELDS}
    irregular = raw.get("irregular", False)
    if not isinstance(irregular, bool):
        raise fail("must be true or false", "irregular", index)
    prior = raw.get("prior", 1.0)
    if isinstance(prior, bool) or not isinstance(prior, (int, float)) or not (
        math.isfinite(prior) and 0 <= prior <= 1000
    ):
        raise fail("must be a number from 0 to 1000", "prior", index)
    return Sense(long=long, plural=plural, domains=lists["domains"], context=lists["context"],
                 source=texts["source"], note=texts["note"], irregular=irregular,
                 prior=float(prior))


# -- CSV / TSV -----------------------------------------------------------------------------

def _parse_table(text: str, delimiter: str, name: str, pack: str) -> list[Entry]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise GlossaryError("empty file: a header row naming the columns is required",
                            path=name, line=1) from None
    except csv.Error as exc:
        raise GlossaryError(f"malformed row: {exc}", path=name, line=1) from None
    columns = [c.strip().lower() for c in header]
    for column in columns:
        if column not in _CSV_COLUMNS:
            raise GlossaryError(f"unknown column (allowed: {', '.join(_CSV_COLUMNS)})",
                                path=name, line=1, field=column)
    if "key" not in columns or "long" not in columns:
        raise GlossaryError("the header must name at least the 'key' and 'long' columns",
                            path=name, line=1)
    if len(set(columns)) != len(columns):
        raise GlossaryError("a column is named twice in the header", path=name, line=1)
    order: list[str] = []
    senses: dict[str, list[Sense]] = {}
    extras: dict[str, tuple[list[str], dict[str, bool]]] = {}  # variants, flags
    written_of: dict[str, str] = {}
    line_of: dict[str, int] = {}
    longs: dict[str, set[str]] = {}
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(columns):
                raise GlossaryError(f"has {len(row)} cells, the header has {len(columns)}",
                                    path=name, line=line)
            cells = dict(zip(columns, row, strict=True))

            def fail(problem: str, field: str | None = None, sense: int | None = None,
                     line: int = line, written: str = cells["key"]) -> GlossaryError:
                return GlossaryError(problem, path=name, line=line, key=written, field=field)

            key = _check_key(cells["key"], fail)
            raw: dict[str, Any] = {"long": cells["long"]}
            for field in ("plural", "source", "note"):
                if cells.get(field, "").strip():
                    raw[field] = cells[field]
            for field in _LIST_FIELDS:
                raw[field] = _split_list(cells.get(field, ""))
            raw["irregular"] = _parse_bool(cells.get("irregular", ""), "irregular", fail)
            if cells.get("prior", "").strip():
                try:
                    raw["prior"] = float(cells["prior"])
                except ValueError:
                    raise fail("must be a number from 0 to 1000", "prior") from None
            sense = _sense(raw, 0, fail)
            if key not in senses:
                order.append(key)
                senses[key] = []
                longs[key] = set()
                extras[key] = ([], dict.fromkeys(_ENTRY_FLAGS, False))
                written_of[key] = cells["key"]
                line_of[key] = line
            if sense.long in longs[key]:
                raise fail(f"duplicate key: sense {sense.long!r} is already given for this "
                           "short form", "long")
            senses[key].append(sense)
            longs[key].add(sense.long)
            variants, flags = extras[key]
            for variant in _split_list(cells.get("variants", "")):
                if variant not in variants:
                    variants.append(variant)
            for flag in _ENTRY_FLAGS:  # one row saying true marks the entry
                flags[flag] = flags[flag] or _parse_bool(cells.get(flag, ""), flag, fail)
    except csv.Error as exc:
        raise GlossaryError(f"malformed row: {exc}", path=name, line=reader.line_num) from None
    # The checks the nested formats make of an entry's variants, at the entry's first row.
    result: list[Entry] = []
    seen: dict[str, str] = {}
    for key in order:
        written = written_of[key]

        def fail_at(problem: str, field: str | None = None, sense: int | None = None,
                    line: int = line_of[key], written: str = written) -> GlossaryError:
            return GlossaryError(problem, path=name, line=line, key=written, field=field)

        if key in seen:
            raise fail_at(f"duplicate key: {written!r} and {seen[key]!r} are the same short "
                          "form")
        seen[key] = written
        checked = _str_list(extras[key][0], "variants", None, fail_at)
        result.append(Entry(key=key, senses=tuple(senses[key]), variants=checked, pack=pack,
                            **extras[key][1]))
        for variant in checked:
            seen.setdefault(canonical(variant), written)
    return result


def _split_list(cell: str) -> list[str]:
    return [item.strip() for item in cell.split(";") if item.strip()]


def _parse_bool(cell: str, field: str, fail: _Fail) -> bool:
    value = cell.strip().lower()
    if value in ("", "0", "false", "no"):
        return False
    if value in ("1", "true", "yes"):
        return True
    raise fail(f"must be true or false, not {cell!r}", field)


# -- writing -------------------------------------------------------------------------------

def _sense_dict(sense: Sense) -> dict[str, Any]:
    out: dict[str, Any] = {"long": sense.long}
    if sense.plural is not None:
        out["plural"] = sense.plural
    for field in _LIST_FIELDS:
        if getattr(sense, field):
            out[field] = list(getattr(sense, field))
    for field in ("source", "note"):
        if getattr(sense, field):
            out[field] = getattr(sense, field)
    if sense.irregular:
        out["irregular"] = True
    if sense.prior != 1.0:
        out["prior"] = sense.prior
    return out


def entries_document(entries: Iterable[Entry]) -> dict[str, Any]:
    """The TOML/JSON document shape of ``entries``."""
    table: dict[str, Any] = {}
    packs = []
    for entry in entries:
        raw: dict[str, Any] = {}
        if entry.variants:
            raw["variants"] = list(entry.variants)
        for flag in _ENTRY_FLAGS:
            if getattr(entry, flag):
                raw[flag] = True
        raw["senses"] = [_sense_dict(s) for s in entry.senses]
        table[entry.key] = raw
        if entry.pack and entry.pack not in packs:
            packs.append(entry.pack)
    doc: dict[str, Any] = {"schema": 1}
    if len(packs) == 1:
        doc["pack"] = packs[0]
    doc["entries"] = table
    return doc


def _check_cells(entry: Entry, format: str) -> None:
    """A list item holding ";" cannot be written in a CSV or TSV cell, whose lists that
    character separates: refuse rather than write a file that reads back differently."""
    lists = [("variants", entry.variants)] + [
        (f"senses[{i}].{field}", getattr(sense, field))
        for i, sense in enumerate(entry.senses) for field in _LIST_FIELDS]
    for field, items in lists:
        if any(";" in item for item in items):
            raise GlossaryError(f"an item holds ';', which separates the items of a list in "
                                f"{format.upper()}: write this glossary as TOML or JSON",
                                key=entry.key, field=field)


def dump_entries(entries: list[Entry], format: str) -> str:
    """Serialise ``entries`` in ``format``."""
    if format == "toml":
        import tomli_w

        return tomli_w.dumps(entries_document(entries))
    if format == "json":
        return json.dumps(entries_document(entries), ensure_ascii=False, indent=2) + "\n"
    if format in ("csv", "tsv"):
        buffer = io.StringIO(newline="")
        delimiter = "\t" if format == "tsv" else ","
        writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
        # The csv module quotes a field holding the line terminator but, before Python 3.12,
        # not one holding a lone carriage return, which the reader then takes for a line end:
        # such rows are written with every field quoted.
        quoted = csv.writer(buffer, delimiter=delimiter, lineterminator="\n",
                            quoting=csv.QUOTE_ALL)
        writer.writerow(_CSV_COLUMNS)
        for entry in entries:
            _check_cells(entry, format)
            for sense in entry.senses:
                row = [
                    entry.key, sense.long, sense.plural or "", ";".join(sense.domains),
                    ";".join(sense.context), sense.source, sense.note,
                    "true" if sense.irregular else "", repr(sense.prior),
                    ";".join(entry.variants),
                    *("true" if getattr(entry, flag) else "" for flag in _ENTRY_FLAGS),
                ]
                (quoted if any("\r" in cell for cell in row) else writer).writerow(row)
        return buffer.getvalue()
    raise GlossaryError(f"unknown format {format!r}; use one of {', '.join(FORMATS)}")
