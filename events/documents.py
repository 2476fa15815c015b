"""Read documents: decode files, find their metadata and date, and cut their text into
sentences that remember the line they start on.

Text from files is broken into lines for print: sentences run across line breaks, words
are hyphenated across lines, and footnotes and page numbers stand between the halves of a
sentence. Sentences are rebuilt here so that each is whole and can be quoted verbatim.
"""

from __future__ import annotations

import bisect
import csv
import io
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from operator import add, itemgetter, sub
from pathlib import Path
from typing import NamedTuple

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from events.dates import find_dates
from events.formats import FormatError, html_text, pdf_text, sniff
from events.vocabulary import alternatives, gated, scan, vocabulary

SUFFIXES = {".txt": "text", ".md": "text", ".pdf": "pdf", ".html": "html", ".htm": "html"}
METADATA_FILE = "documents.csv"
MAX_BYTES = 200 * 1024 * 1024
_MAGIC = (b"%PDF-", b"PK\x03\x04")  # how a PDF and a zip (office files) open, as formats.sniff tells them


class UnreadableDocument(Exception):
    """A file that cannot be read as a document; the message says why."""


# The layout units a sentence can stand in; each is read on its own, never run into the next.
UNITS = ("text", "footnote", "heading", "list_item", "table_row", "front_matter")


class Sentence(NamedTuple):  # a tuple: made many times per document, far faster than a frozen dataclass
    text: str  # whitespace normalized
    line: int  # 1-based line of its first character
    line_of: tuple  # (offsets, lines): where each part of the text came from
    footnote: bool = False
    unit: str = "text"  # one of UNITS
    section: str = ""  # the heading the sentence stands under, if any

    def line_at(self, offset: int) -> int:
        offsets, lines = self.line_of
        return lines[bisect.bisect_right(offsets, offset) - 1]


@dataclass
class Document:
    name: str
    text: str
    doc_date: date | None
    doc_date_source: str  # metadata, text, inferred or unknown
    metadata: dict = field(default_factory=dict)
    sentences: list[Sentence] = field(default_factory=list)
    doc_date_evidence: str = ""  # the words that gave the date, or why there is none
    dateline: int = 0  # the line that prints the document's date; 0 where none does
    dateline_text: str = ""  # the words of that line


# Byte-order marks, the longer first: UTF-32 LE's begins as UTF-16 LE's does.
_BOMS = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"),
         (b"\xfe\xff", "utf-16"))


def decode(data: bytes, name: str) -> str:
    """Bytes to text: UTF-32 or UTF-16 with a BOM, UTF-8 (with a BOM or without), else cp1252;
    binaries refused."""
    if not data.strip():
        raise UnreadableDocument(f"{name}: empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise UnreadableDocument(f"{name}: broken {encoding.upper()} text ({exc.reason})") from None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data[:65536]:
        raise UnreadableDocument(f"{name}: binary file, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise UnreadableDocument(f"{name}: not UTF-8 or cp1252 text") from None
    controls = sum(1 for ch in text[:65536] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > len(text[:65536]) * 0.01:
        raise UnreadableDocument(f"{name}: binary file, not text")
    return text


def read_document(path: Path) -> tuple[str, dict]:
    """The text of a file (plain text, Markdown, PDF or HTML) and what its format says of it."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise UnreadableDocument(f"{path.name}: {size // (1024 * 1024)} MB is over the "
                                 f"{MAX_BYTES // (1024 * 1024)} MB limit")
    declared = SUFFIXES.get(path.suffix.lower())
    if declared is None:
        raise UnreadableDocument(f"{path.name}: unsupported file type {path.suffix or '(none)'}; "
                                 f"readable: {', '.join(SUFFIXES)}")
    try:
        with open(path, "rb", buffering=0) as fh:  # read whole: a buffer would only copy
            data = fh.readall()
    except OSError as exc:
        raise UnreadableDocument(f"{path.name}: cannot read ({exc.strerror})") from None
    if not data or data.isspace():
        raise UnreadableDocument(f"{path.name}: empty file")
    # what the content is matters to a PDF, and to another file only where it opens as a PDF or zip does
    if declared == "pdf" or data.startswith(_MAGIC):
        actual = sniff(data)
        if actual in ("pdf", "zip") and actual != declared:
            raise UnreadableDocument(f"{path.name}: the content is a {actual.upper()} file, not {declared}")
        if declared == "pdf" and actual != "pdf":
            raise UnreadableDocument(f"{path.name}: not a PDF (the content is {actual})")
    try:
        if declared == "pdf":
            return pdf_text(data)
        if declared == "html":
            return html_text(data)
    except FormatError as exc:
        raise UnreadableDocument(f"{path.name}: {exc}") from None
    return decode(data, path.name), {}


def read_text(path: Path) -> str:
    return read_document(path)[0]


# --- documents.csv -----------------------------------------------------------------------------

METADATA_COLUMNS = ("file", "title", "doc_type", "date", "language", "addressee", "reference", "signatories", "note")
LANGUAGES = ("nl", "en")


class MetadataRow(BaseModel):
    """One row of documents.csv: a file name, and what is known of that document. Unknown
    columns are kept as text; values are stripped; the date is checked as people type it."""

    model_config = ConfigDict(extra="allow", str_strip_whitespace=True, frozen=True)

    file: str
    title: str = ""
    doc_type: str = ""
    date: str = ""
    language: str = ""
    addressee: str = ""
    reference: str = ""
    signatories: str = ""
    note: str = ""

    @field_validator("file")
    @classmethod
    def _a_file_name(cls, value: str) -> str:
        if not value:
            raise ValueError("the file column is empty")
        if "/" in value or "\\" in value or value in (".", ".."):
            raise ValueError(f"{value!r} is a path; give the file's name as it stands in this folder")
        return value

    @field_validator("date")
    @classmethod
    def _a_date(cls, value: str) -> str:
        if value and metadata_date(value) is None:
            raise ValueError(f"{value!r} is not a date; write 2023-03-10, 10-03-2023 or 10 maart 2023")
        return value  # as typed: the table's doc_date_evidence quotes it

    @field_validator("language")
    @classmethod
    def _a_language(cls, value: str) -> str:
        if value and value.lower() not in LANGUAGES:
            raise ValueError(f"{value!r} is not a language the build reads; use {' or '.join(LANGUAGES)}")
        return value.lower()


def _schema_problem(error: ValidationError) -> str:
    parts = []
    for e in error.errors():
        where = ".".join(str(x) for x in e["loc"])
        message = e["msg"].removeprefix("Value error, ")
        parts.append(f"{where}: {message}" if where else message)
    return "; ".join(parts)


def check_metadata(folder: Path) -> tuple[dict[str, dict], list[str]]:
    """The metadata file beside documents, by file name, and one message per row that breaks
    its schema (a date that is no date, a language the build does not read, no file name, more
    or fewer fields than the header): that row is left out, so its document is read as if it
    had no metadata. A file that cannot be read at all, or has no file column, gives no rows and
    one message. Empty without a metadata file. Read as UTF-8 (with or without a BOM), else
    cp1252; separated by commas, or by semicolons as a Dutch spreadsheet saves it."""
    path = Path(folder) / METADATA_FILE
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return {}, []
    except OSError as exc:
        return {}, [f"{path}: cannot be read ({exc.strerror}); its documents are read without metadata"]
    if not data.strip():
        return {}, []
    try:
        text = decode(data, METADATA_FILE)
    except UnreadableDocument as exc:
        return {}, [f"{path}: {str(exc).removeprefix(METADATA_FILE + ': ')}; its documents are read without metadata"]
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    delimiter = ";" if ";" in first and "," not in first else ","
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=delimiter)
    rows: dict[str, dict] = {}
    where: dict[str, int] = {}
    problems: list[str] = []
    header: list[str] | None = None
    end = 0
    try:
        for record in reader:
            line, end = end + 1, reader.line_num
            if not any(cell.strip() for cell in record):
                continue  # a blank line
            if header is None:
                header = [cell.strip() for cell in record]
                doubled = sorted({c for c in header if header.count(c) > 1})
                if "file" not in header or doubled:
                    what = f"columns named twice: {', '.join(doubled)}" if doubled else "no 'file' column"
                    return {}, [f"{path} line {line}: {what} (the header is: {', '.join(header)}); "
                                "its documents are read without metadata"]
                continue
            if len(record) != len(header):
                named = f" ({record[header.index('file')].strip()})" if len(record) > header.index("file") else ""
                problems.append(f"{path} line {line}{named}: {len(record)} fields where the header has {len(header)}; "
                                "the row is left out")
                continue
            values = dict(zip(header, record, strict=True))
            try:
                row = MetadataRow(**{k: v for k, v in values.items() if k})
            except ValidationError as exc:
                name = values.get("file", "").strip()
                read = f"{name} is read as if it had no metadata" if name else "the row is left out"
                problems.append(f"{path} line {line}{f' ({name})' if name else ''}: {_schema_problem(exc)}; {read}")
                continue
            if row.file in where:
                problems.append(f"{path} line {line}: {row.file} is described on line {where[row.file]} already; "
                                "this row is left out")
                continue
            where[row.file] = line
            rows[row.file] = row.model_dump()
    except csv.Error as exc:
        problems.append(f"{path} line {end + 1}: {exc}; the rows from here on are left out")
    return rows, problems


def read_metadata(folder: Path) -> dict[str, dict]:
    """The metadata file beside documents, by file name; empty when there is none. Rows that
    break the schema are left out (check_metadata says which and why)."""
    return check_metadata(folder)[0]


_WORDS = vocabulary().documents.words  # the word lists of section [documents], by name
_PAGE_NUMBER = re.compile(
    rf"^\s*(?:-\s*)?(?:(?:{alternatives(_WORDS['page_words'])})\s+)?\d{{1,4}}(?:\s*(?:{alternatives(_WORDS['page_of'])}|/)\s*"
    r"\d{1,4})?(?:\s*-)?\s*$", re.IGNORECASE)
_FOOTNOTE = re.compile(r"^\s*(\d{1,3})\s+(?=\S)")
_MONTH_WORD = re.compile(r"^\s*\d{1,3}\s+(?:" + "|".join(re.escape(m) for m in vocabulary().dates.full_months) + r")\b",
                         re.IGNORECASE)
_END_PUNCT = tuple(".!?:;")
_UNFINISHED = (*_END_PUNCT, ",")  # a line ending on one of these is no heading
_ABBREVIATIONS = vocabulary().documents.abbreviations  # whose dot ends no sentence
_BOUNDARY = re.compile(r"[.!?][\"'”’)]*\d{0,3}(?=\s+[\"'‘“(\[]?[A-Z0-9À-Ý])")
_LAST_WORD = re.compile(r"[\w.]+")  # the word before a sentence end, read backwards from its dot


def _repeated_lines(lines: list[str]) -> set[str]:
    """Short lines that recur on many pages: running headers and letterhead (`lines`: stripped)."""
    counts = Counter(lines)  # all lines counted at once; the short ones kept
    return {text for text, n in counts.items() if n >= 3 and 0 < len(text) <= 60 and not text.endswith(_END_PUNCT)}


_TITLE_LINE = 200  # characters a title line standing alone may have
# a line ending on one of these runs on into the next, whatever stands between
_OPEN_END = re.compile(rf"(?:\b(?:{alternatives(_WORDS['open_ends'])})|[-–(])$", re.IGNORECASE)
# "... gestuurd.1": a sentence ends, then its footnote number
_NOTE_MARK_END = re.compile(r"[.!?][\"'”’)]*\d{1,3}$")
_FRONT_MATTER_FENCE = re.compile(r"^(?:---|\+\+\+)\s*$")
_FRONT_MATTER_LINES = 200
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+\S")
_TABLE_RULE = re.compile(r"^\|?[\s:|-]*-{3,}[\s:|-]*$")
_TABLE_ROW = re.compile(r"^\|.*\||\S.*\s\|\s.*\S")
_BULLETS = "-*+•▪–"
_LIST_ITEM = re.compile(rf"^(?:[{re.escape(_BULLETS)}]\s+|\(?(?:\d{{1,3}}|[a-z]|[ivx]{{1,5}})[.)]\s+)(?=\S)")


def front_matter_end(lines: list[str]) -> int:
    """How many lines at the top are front matter (a fenced block of `key: value`); 0 if none.
    An unclosed fence is no front matter: its lines are read as text."""
    if not lines or not _FRONT_MATTER_FENCE.match(lines[0].strip()):
        return 0
    for number, line in enumerate(lines[1:_FRONT_MATTER_LINES], start=2):
        if _FRONT_MATTER_FENCE.match(line.strip()):
            return number
    return 0


def _unit_of(stripped: str) -> str:
    """The layout unit a line opens: a heading, a table row, a list item, or running text.
    (Each pattern is tried only where the characters it needs are there.)"""
    if stripped[0] == "#" and _MARKDOWN_HEADING.match(stripped):
        return "heading"
    if "|" in stripped and _TABLE_ROW.match(stripped):
        return "table_row"
    if (stripped[0] in _BULLETS or "." in stripped[:7] or ")" in stripped[:7]) and _LIST_ITEM.match(stripped):
        return "list_item"
    return "text"


def sentences(text: str) -> list[Sentence]:
    """Cut a document's text into whole sentences, each with its line and layout unit:
    front matter, headings, table rows and list items are units of their own; running text
    is joined across lines and cut at sentence ends; footnotes are set apart."""
    # every line is read without its white space: stripped once, here
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    fence = front_matter_end(lines)
    repeated = _repeated_lines(lines[fence:])
    lengths = sorted(map(len, filter(None, lines[fence:])))
    typical = lengths[len(lengths) // 2] if lengths else 0
    short = 0.7 * typical  # a line shorter than this may be a heading

    blocks: list[tuple[list[tuple[int, str]], str]] = [
        ([(number, line)], "front_matter") for number, line in enumerate(lines[1:max(fence - 1, 1)], start=2) if line]
    body: list[tuple[int, str]] = []  # (line number, text) of running text
    item: list[tuple[int, str]] | None = None  # the list item being read, if any
    previous_blank = True
    footnote: list[tuple[int, str]] | None = None  # the footnote being read, if any

    def flush():
        nonlocal body
        if body:
            blocks.append((body, "text"))
        body = []

    for number, stripped in enumerate(lines[fence:], start=fence + 1):
        if not stripped:
            previous_blank = True
            footnote = None
            continue
        # a page number or a running header; a page number ends on a digit or a dash, so
        # other lines are spared its pattern
        if stripped in repeated or ((stripped[-1].isdigit() or stripped[-1] == "-") and _PAGE_NUMBER.match(stripped)) \
                or ("---" in stripped and _TABLE_RULE.match(stripped)):
            continue
        numbered = stripped[0].isdigit() and _FOOTNOTE.match(stripped)  # a footnote opens on its number
        if numbered and previous_blank and not _MONTH_WORD.match(stripped) and (body or blocks):
            footnote = [(number, stripped)]
            blocks.append((footnote, "footnote"))
            continue
        if footnote is not None and not stripped[0].isupper() and not numbered:
            footnote.append((number, stripped))  # the footnote runs on
            continue
        footnote = None
        if previous_blank and stripped[0].isupper():
            item = None  # a new paragraph; a page break inside an item continues in lower case
        blank_before = previous_blank
        previous_blank = False
        unit = _unit_of(stripped)
        if unit in ("heading", "table_row"):
            flush()
            item = None
            blocks.append(([(number, stripped)], unit))
            continue
        if unit == "list_item":
            flush()
            item = [(number, stripped)]
            blocks.append((item, unit))
            continue
        if item is not None:
            item.append((number, stripped))  # the item runs on
            continue
        # a heading stands on its own: after a blank line or a finished sentence, never mid-sentence;
        # it is a line that ends no sentence, is short or stands alone between blank lines (a title
        # over a news text), and is followed by a capital (the cheap tests first)
        if (typical and (blank_before or not body or body[-1][1].endswith(_END_PUNCT))
                and not (stripped.endswith(_UNFINISHED) or (stripped[-1].isdigit() and _NOTE_MARK_END.search(stripped)))
                and (len(stripped) < short
                     or (blank_before and number < len(lines) and not lines[number]
                         and len(stripped) <= _TITLE_LINE and not _OPEN_END.search(stripped)))
                and _next_starts_upper(lines, number)):
            flush()
            blocks.append(([(number, stripped)], "heading"))
        else:
            body.append((number, stripped))
    flush()
    found: list[tuple[str, int, tuple, str]] = []
    for block, unit in blocks:
        found.extend(_split(block, unit))
    found.sort(key=itemgetter(1))
    return _with_sections(found)


_SECTIONED = ("text", "list_item", "table_row")  # the units that stand under a heading


def _with_sections(found: list[tuple[str, int, tuple, str]]) -> list[Sentence]:
    """The sentences, in order, each with the heading it stands under (made here, once each)."""
    section = ""
    out = []
    for text, line, line_of, unit in found:
        if unit == "heading":
            out.append(Sentence(text, line, line_of, False, unit))
            section = text.lstrip("#").strip()
        else:
            out.append(Sentence(text, line, line_of, unit == "footnote", unit, section if unit in _SECTIONED else ""))
    return out


def _next_starts_upper(lines: list[str], number: int) -> bool:
    """Whether the next text within three (stripped) lines starts with a capital."""
    for line in lines[number:number + 3]:
        if line:
            return line[0].isupper()
    return True


_CUT_UNITS = ("text", "footnote", "list_item")  # the units cut at sentence ends


def _split(block: list[tuple[int, str]], unit: str) -> list[tuple[str, int, tuple, str]]:
    """Join a block's lines into one stream and cut it at sentence ends (a heading, a table
    row and a line of front matter are one unit each, whatever their punctuation): (text,
    line, line_of, unit) of each sentence."""
    line_numbers, texts = zip(*block, strict=True)
    stream = "\n".join(texts)
    if "-\n" not in stream:  # no line ends on a hyphen (most blocks): a space joins each to the next
        stream = stream.replace("\n", " ")
        # where each line starts: after the lines before it and a space each
        offsets = [0, *map(add, itertools.accumulate(map(len, texts[:-1])), itertools.count(1))]
    else:
        parts = [texts[0]]
        offsets = [0]
        length = len(texts[0])
        for previous, line in itertools.pairwise(texts):
            if previous[-1] == "-" and len(previous) > 1 and previous[-2].isalpha() and line[0].isalpha():
                if previous[-2].islower() and line[0].islower():
                    parts[-1] = previous[:-1]  # "onder-|handelingen": a word broken for print
                    length -= 1
                # "AI-|systemen" keeps its hyphen
            else:
                parts.append(" ")
                length += 1
            offsets.append(length)
            parts.append(line)
            length += len(line)
        stream = "".join(parts)
    cuts = [0]
    for m in _BOUNDARY.finditer(stream) if unit in _CUT_UNITS else ():
        # the word before the mark: the run of word characters and dots that ends on it, in the
        # 20 characters before; read backwards so that the pattern is tried at one place only
        end = m.start()
        word = _LAST_WORD.match(stream[max(0, end - 20):end + 1][::-1])
        if word and word.group()[::-1].rstrip(".") in _ABBREVIATIONS:
            continue
        cuts.append(m.end())
    cuts.append(len(stream))
    # white space other than single spaces is to be collapsed; most streams have none (no white
    # space character but the space is printable)
    plain = stream.isprintable() and "  " not in stream
    result = []
    for a, b in itertools.pairwise(cuts):
        chunk = stream[a:b].lstrip()
        begin = b - len(chunk)
        chunk = chunk.rstrip()
        if not chunk:
            continue
        normalized = chunk if plain else " ".join(chunk.split())
        # map this sentence's offsets back to lines
        first = bisect.bisect_right(offsets, begin) - 1
        last = bisect.bisect_left(offsets, b)
        if last - first == 1:  # a sentence on one line
            result.append((normalized, line_numbers[first], ((0,), (line_numbers[first],)), unit))
            continue
        local = (0, *map(sub, offsets[first + 1:last], itertools.repeat(begin)))
        if len(normalized) != len(chunk):  # runs of white space collapsed: the offsets move
            local = _collapsed_offsets(chunk, local)
        result.append((normalized, line_numbers[first], (local, line_numbers[first:last]), unit))
    return result


def _collapsed_offsets(chunk: str, offsets: tuple[int, ...]) -> tuple[int, ...]:
    """The line offsets of a chunk once its runs of whitespace are collapsed.

    Each offset starts a line's text, which never starts with a space, so the whitespace
    before it collapses to one space; pieces are measured one by one to stay linear. (Where
    no run is collapsed, the offsets stand as they are.)"""
    mapping = []
    running = 0
    ends = [*offsets[1:], len(chunk)]
    for begin, end in zip(offsets, ends, strict=True):
        mapping.append(running)
        piece = chunk[begin:end]
        running += len(" ".join(piece.split())) + (1 if piece[-1:].isspace() else 0)
    return tuple(mapping)


# -- the document's own date -------------------------------------------------------------

@dataclass(frozen=True)
class Dating:
    """A document's own date, where it came from (metadata, text, inferred or unknown), and
    the words that gave it or why there is none."""

    date: date | None
    source: str
    evidence: str
    line: int = 0  # the line that prints the date, if the text prints it


# "of 13 June 2024" on a line of its own under an act's title: the act's date.
_ACT_DATELINE = re.compile(rf"^\s*(?:{alternatives(_WORDS['act_date_leads'])})\s+(?P<date>.{{6,30}})$", re.IGNORECASE)
# "WASHINGTON, March 12, 2024 — The White House ...", "BRUSSELS (Reuters) - 12 March 2024 -":
# a news dateline, the date then a dash.
_NEWS_DATELINE = re.compile(
    r"^\s*(?:[A-Z][\w'’. -]{1,30}(?:\s*\([^)]{1,30}\))?\s*[,–—-]\s*)?(?P<date>[^—–|·]{6,30}?)\s+[—–|·-]\s")
# A date alone on a line at a document's head ("Tuesday, 12 March 2024", "12.3.2024").
_WEEKDAY_ENDINGS = {lang: re.escape(ending) for lang, ending in vocabulary().documents.weekday_endings.items()}
_DATE_ALONE = re.compile(rf"^\s*(?:[A-Za-z]+{_WEEKDAY_ENDINGS['en']},?\s+|[a-z]+{_WEEKDAY_ENDINGS['nl']}\s+)?"
                         r"(?P<date>[\w .,/-]{6,30}?)\s*$")
_PLACE_DATELINE = re.compile(rf"^\s*(?:{alternatives(_WORDS['place_prefixes'])})?"
                             r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}\s*,\s*(?P<date>.{6,40})$")
_HEAD_LINES = 80
# An inferred date is the latest date reported as past; it is trusted only when the first
# date the text plans follows within this many days (otherwise the text could be from any
# time between the two).
_INFERENCE_GAP = 120
_TAIL_LINES = 60


@cache
def _dateline_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    words = vocabulary().document_dates
    lead = re.compile(rf"^\s*(?:{alternatives(words['leads'])})\b\s*:?\s*(?P<date>.*)$", re.IGNORECASE)
    signature = re.compile(rf"\b(?:{alternatives(words['signatures'])})\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*\s*,?\s*"
                           rf"(?:(?:{alternatives(words['signature_date_leads'])})\s+)?(?P<date>.{{6,40}})", re.MULTILINE)
    front = re.compile(rf"^\s*(?P<key>{alternatives(words['front_matter'])})\s*:\s*['\"]?(?P<date>[^'\"]+)", re.IGNORECASE)
    return lead, signature, front


def _running_header(line: str, lines: list[str]) -> bool:
    """Whether a line that gives a date is a running header ('11.3.2022' atop every page of an
    Official Journal issue, doc 22): a date printed there is the date of the publication the
    document appears in, not the document's own, so it dates nothing. Only a line that holds a
    date and nothing else is one: a header 'Datum 6 maart 2023' on every page of a letter
    names the letter's own date. (Asked only of the line that would date the document.)"""
    text = line.strip()
    return sum(1 for other in lines if other.strip() == text) >= _HEADER_REPEATS and _is_date_alone(text)


_HEADER_REPEATS = 3  # a line printed this often is a running header (as _repeated_lines counts)


def _is_date_alone(line: str) -> bool:
    """Whether a line holds one exact day and nothing else ('11.3.2022', '29 December 2021')."""
    if not any(c.isdigit() for c in line):
        return False
    found = find_dates(line, None)
    return len(found) == 1 and found[0].precision == "day" and found[0].text == " ".join(line.split())


def _adopted_head(line: str) -> re.Match | None:
    """'Amendments adopted by the European Parliament on 14 June 2023 on the proposal ...' (doc 23),
    'Resolution adopted by the General Assembly on 21 March 2024': a title line at a document's head
    that says by whom and on which day the text was adopted dates the text."""
    words, pattern = _adoption_words()
    lowered = line.lower()
    return pattern.match(line) if any(word in lowered for word in words) else None


@cache
def _adoption_words() -> tuple[tuple[str, ...], re.Pattern]:
    """The words of an adoption line (lower case: a line without one is not searched) and its pattern."""
    words = vocabulary().document_dates
    return tuple(w.lower() for w in words["adopted"]), re.compile(
        rf"^\s*[A-Z][^.;:]{{0,80}}?\b(?:{alternatives(words['adopted'])})\b[^.;:]{{0,80}}?"
        rf"\b(?:{alternatives(words['adopted_date_leads'])})\s+(?P<date>.{{6,30}})")


def _exact_day(text: str) -> date | None:
    """The first exact day in a short piece of text ('12 december 2025', '21.4.2021')."""
    found = find_dates(text, None)
    return found[0].start if found and found[0].precision == "day" else None


def _front_matter_date(lines: list[str], fence: int) -> tuple[date, str, int] | None:
    """The date front matter gives (`fence`: where it ends, 0 where there is none)."""
    if not fence:
        return None
    _, _, front = _dateline_patterns()
    order = [k.lower() for k in vocabulary().document_dates["front_matter"]]
    found = []
    for number, line in enumerate(lines[1:max(fence - 1, 1)], start=2):
        m = front.match(line)
        if m:
            day = _exact_day(m.group("date")) or _iso_day(m.group("date"))
            if day:
                found.append((order.index(m.group("key").lower()), day, line.strip(), number))
    return min(found)[1:] if found else None


def _iso_day(value: str) -> date | None:
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def date_from_text(text: str) -> tuple[date, str, int] | None:
    """The date a document prints for itself, the words and the line that print it: its front matter,
    a dateline at its head ('Den Haag, 12 december 2025', 'Datum 6 maart 2023', 'Voorgesteld
    20 februari 2025', 'Laatst gewijzigd op 3-5-2022'), or a dated signature ('Done at
    Strasbourg, 17 May 2024', 'Gedaan te Brussel, ...', a place and a date near its end)."""
    lines = text.splitlines()
    start = front_matter_end(lines)
    found = _front_matter_date(lines, start)
    if found:
        return found
    lead, signature, _ = _dateline_patterns()
    head = lines[start:start + _HEAD_LINES]
    for i, line in enumerate(head):
        number = start + i + 1
        line = line.lstrip("#* ")
        m = lead.match(line)
        if m:  # the date may stand on the line after its lead ("Voorgesteld" | "20 februari 2025")
            if day := _exact_day(m.group("date")):
                return day, line.strip(), number
            if day := _exact_day(" ".join(head[i + 1:i + 2])):
                return day, f"{line.strip()} {head[i + 1].strip()}", number + 1
        m = _PLACE_DATELINE.match(line) or _ACT_DATELINE.match(line) or _NEWS_DATELINE.match(line) \
            or _DATE_ALONE.match(line) or _adopted_head(line)
        if m and (day := _exact_day(m.group("date"))):
            if _running_header(line, lines):
                continue  # "11.3.2022" atop every page of the Official Journal: its issue, not the act
            return day, line.strip()[:120], number
    for m in reversed(list(signature.finditer(text))):
        if day := _exact_day(m.group("date")):
            return day, " ".join(m.group(0).split()), text.count("\n", 0, m.start("date")) + 1
    tail = len(lines) - len(lines[-_TAIL_LINES:])
    for i, line in reversed(list(enumerate(lines[-_TAIL_LINES:]))):
        m = _PLACE_DATELINE.match(line)
        if m and (day := _exact_day(m.group("date"))):
            return day, line.strip(), tail + i + 1
    return None


_CLAUSE_MARKS = re.compile("[,;:]")  # what clause_around cuts a sentence's clauses at


def _clause_bounds(marks: list[int], length: int, begin: int, end: int) -> tuple[int, int]:
    """Where clause_around's clause of a date starts and ends, from the sorted places of the
    sentence's clause marks: the clause is text[start:stop], found without reading the text
    again (clause_around scans the text from the date out to the next mark, which is as long
    as the sentence where it has none)."""
    i = bisect.bisect_left(marks, begin)  # the marks before the date
    j = bisect.bisect_left(marks, end, i)  # the first mark at or after its end
    return (marks[i - 1] + 1 if i else 0), (marks[j] if j < len(marks) else length)


def _tense(text: str, cues: dict) -> str:
    """'planned' or 'past', as infer_date reads a clause's cues (planned first), or ''."""
    return "planned" if cues["planned"].search(text) else "past" if cues["past"].search(text) else ""


def infer_date(parts: list[Sentence]) -> Dating:
    """Date a document by what it reports as past and as planned: the latest date it reports
    in the past tense, when the first date it plans follows soon after. Unknown where that is
    not safe (nothing past, nothing planned, the two far apart or in the wrong order).

    Linear in a sentence's length: each of its clauses is read once, however many dates it
    holds, and the whole sentence at most once more (for the dates of clauses with no cue)."""
    cues = vocabulary().status_cues
    latest: tuple[date, str] | None = None
    planned: list[tuple[date, str]] = []
    either = cues["either"]
    for sentence in parts:
        if sentence.unit == "front_matter":
            continue
        text = sentence.text
        # most sentences hold no exact date: those are passed over before their tense is read
        mentions = [m for m in find_dates(text, None, names=vocabulary().alias_words())
                    if m.precision in ("day", "days", "month") and m.prefix != "since"]
        if not mentions or not either.search(text):
            continue
        marks = [m.start() for m in _CLAUSE_MARKS.finditer(text)]
        said: dict[tuple[int, int], str] = {}  # a clause's bounds: how it speaks
        whole = None  # how the sentence speaks, read once where a clause has no cue
        for mention in mentions:
            bounds = _clause_bounds(marks, len(text), mention.begin, mention.end_offset)
            spoken = said.get(bounds)
            if spoken is None:
                clause = text[bounds[0]:bounds[1]]
                if either.search(clause):
                    spoken = _tense(clause, cues)
                else:  # "On 5 September 2024, the Commission signed ...": the sentence speaks
                    whole = _tense(text, cues) if whole is None else whole
                    spoken = whole
                said[bounds] = spoken
            if spoken == "planned":
                planned.append((mention.start, mention.text))
            elif spoken == "past" and (latest is None or mention.end > latest[0]):
                latest = (mention.end, mention.text)
    if latest is None:
        return Dating(None, "unknown", "no dateline, front matter date or signature, and no date the text reports as past")
    if not planned:
        return Dating(None, "unknown", f"written after '{latest[1]}' (reported as past), but the text plans nothing "
                                       "that says how long after")
    first_plan = min(planned)
    if first_plan[0] < latest[0]:
        return Dating(None, "unknown", f"the text reports '{latest[1]}' as past but plans '{first_plan[1]}' before it")
    if (first_plan[0] - latest[0]).days > _INFERENCE_GAP:
        return Dating(None, "unknown", f"written between '{latest[1]}' (reported as past) and "
                                       f"'{first_plan[1]}' (planned): too far apart to say when")
    return Dating(latest[0], "inferred", f"written between '{latest[1]}' (the latest date reported as past) "
                                         f"and '{first_plan[1]}' (the first it plans)")


def metadata_date(value: str) -> date | None:
    """A date as people type it in documents.csv: 2023-03-10, 10-03-2023 (day first), 10 maart
    2023; None for what is no date."""
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        return _exact_day(value)


_UNREAD = ()  # "the caller has not looked for the printed date"


def document_date(text: str, metadata: dict, parts: list[Sentence] | None = None,
                  printed: tuple | None = _UNREAD) -> Dating:
    """A document's own date: from its metadata, else as it prints it, else inferred
    (`printed`: what date_from_text found, when the caller has it already)."""
    value = (metadata or {}).get("date", "").strip()
    given = metadata_date(value) if value else None
    if given:
        return Dating(given, "metadata", f"{METADATA_FILE}: {value}")
    printed = date_from_text(text) if printed is _UNREAD else printed
    if printed:
        return Dating(printed[0], "text", printed[1][:120], printed[2])
    return infer_date(sentences(text) if parts is None else parts)


def load(path: Path, metadata: dict | None = None) -> Document:
    """A document with its sentences and metadata: read from the document, the metadata
    file's values overriding it."""
    text, from_format = read_document(path)
    parts = sentences(text)
    dateline = date_from_text(text)
    printed = {k: v for k, v in {**document_metadata(text, dateline or ()), **from_format}.items() if v}
    merged = {**printed, **{k: v for k, v in (metadata or {}).items() if v}}
    dating = document_date(text, metadata or {}, parts, dateline)
    # the line that prints the document's date, also where its metadata gives the same date
    printed_line, printed_words = (dateline[2], dateline[1]) if dateline and dateline[0] == dating.date else (0, "")
    return Document(path.name, text, dating.date, dating.source, merged, parts, dating.evidence,
                    dating.line or printed_line, printed_words)


_REFERENCE = gated(re.compile(rf"\b(\d{{2}}\s?\d{{3}}(?:-[A-Z0-9]+)?)(?:,|[^\n]{{0,80}}\n)\s*"
                        rf"(?:{alternatives(_WORDS['number_marks'])})\s*(\d+)"))
_DOC_TYPES = vocabulary().documents.doc_types  # the first that matches the opening of a document names its type
_SIGNATORY = re.compile(rf"^\s*(?:{alternatives(_WORDS['signatory_articles'])})\s+"
                        rf"((?:{alternatives(_WORDS['signatory_titles'])})\b[^\n]{{3,100}})$", re.MULTILINE)
# a signatory's line holds one of the titles as written: where none is there, the pattern is not run
_SIGNATORY_TITLES = tuple(max(title.split(), key=len) for title in _WORDS["signatory_titles"])
_TITLE_PREFIXES = tuple(w.lower() for w in _WORDS["title_prefixes"])  # "Brief regering: <title>"
_LANGUAGE_WORDS = vocabulary().documents.language_words
_DUTCH = frozenset(_LANGUAGE_WORDS["nl"])
_ENGLISH = frozenset(_LANGUAGE_WORDS["en"])
_LANGUAGE_VOTE = {word: (word in _DUTCH) - (word in _ENGLISH) for word in _DUTCH | _ENGLISH}  # +1 Dutch, -1 English


def document_metadata(text: str, printed: tuple | None = None) -> dict:
    """What a document says of itself: title, date, reference, type, signatories, language
    (`printed`: what date_from_text found, when the caller has it already)."""
    head = text[:4000]
    lines = filter(None, map(str.strip, head.splitlines()))  # the first two are read
    first, second = next(lines, ""), next(lines, "")
    if first.lower().startswith(_TITLE_PREFIXES):
        first = first.split(":", 1)[-1].strip()
    # a first line that runs on into the next ("... van de Raad | van Europa aan ...") is no title
    runs_on = second[:1].islower()
    sample = scan(text[:20000])
    head_scan = scan(head) if len(text) > len(head) else sample
    reference = _REFERENCE.search(head_scan)
    printed = printed if printed is not None else date_from_text(text)
    doc_type = next((name for name, rx in _DOC_TYPES if rx.search(head_scan)), "")
    tail = text[-3000:]
    signatories = "; ".join(dict.fromkeys(m.group(1).strip(" ,") for m in _SIGNATORY.finditer(tail))) \
        if any(title in tail for title in _SIGNATORY_TITLES) else ""
    # the function words of each language, counted as whole words: in one pass, Dutch ones
    # for, English ones against
    language = "nl" if sum(map(_LANGUAGE_VOTE.get, sample.tokens, itertools.repeat(0))) >= 0 else "en"
    return {"title": first if len(first) <= 200 and not runs_on else "",
            "date": printed[0].isoformat() if printed else "",
            "reference": f"{reference.group(1)}, nr. {reference.group(2)}" if reference else "",
            "doc_type": doc_type, "signatories": signatories, "language": language}
