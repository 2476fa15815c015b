"""Read documents: decode files, find their metadata and date, and cut their text into
sentences that remember the line they start on.

Text from files is broken into lines for print: sentences run across line breaks, words
are hyphenated across lines, and footnotes and page numbers stand between the halves of a
sentence. Sentences are rebuilt here so that each is whole and can be quoted verbatim.
"""

from __future__ import annotations

import bisect
import csv
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from events.dates import find_dates
from events.formats import FormatError, html_text, pdf_text, sniff
from events.vocabulary import vocabulary

SUFFIXES = {".txt": "text", ".md": "text", ".pdf": "pdf", ".html": "html", ".htm": "html"}
METADATA_FILE = "documents.csv"
MAX_BYTES = 200 * 1024 * 1024


class UnreadableDocument(Exception):
    """A file that cannot be read as a document; the message says why."""


@dataclass(frozen=True)
class Sentence:
    text: str  # whitespace normalized
    line: int  # 1-based line of its first character
    line_of: tuple  # (offsets, lines): where each part of the text came from
    footnote: bool = False

    def line_at(self, offset: int) -> int:
        offsets, lines = self.line_of
        return lines[bisect.bisect_right(offsets, offset) - 1]


@dataclass
class Document:
    name: str
    text: str
    doc_date: date | None
    doc_date_source: str  # metadata, text or inferred
    metadata: dict = field(default_factory=dict)
    sentences: list[Sentence] = field(default_factory=list)


def decode(data: bytes, name: str) -> str:
    """Bytes to text: UTF-8 or UTF-16 with a BOM, UTF-8, else cp1252; binaries refused."""
    if not data.strip():
        raise UnreadableDocument(f"{name}: empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise UnreadableDocument(f"{name}: broken UTF-16 text ({exc.reason})") from None
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
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableDocument(f"{path.name}: cannot read ({exc.strerror})") from None
    if not data.strip():
        raise UnreadableDocument(f"{path.name}: empty file")
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


def read_metadata(folder: Path) -> dict[str, dict]:
    """The metadata file beside documents, by file name; empty when there is none."""
    path = folder / METADATA_FILE
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as fh:
        return {row["file"]: row for row in csv.DictReader(fh)}


# -- lines to sentences ------------------------------------------------------------------

_PAGE_NUMBER = re.compile(
    r"^\s*(?:-\s*)?(?:pagina\s+|page\s+)?\d{1,4}(?:\s*(?:van|of|/)\s*\d{1,4})?(?:\s*-)?\s*$", re.IGNORECASE)
_FOOTNOTE = re.compile(r"^\s*(\d{1,3})\s+(?=\S)")
_MONTH_WORD = re.compile(r"^\s*\d{1,3}\s+(?:januari|februari|maart|april|mei|juni|juli|augustus|"
                         r"september|oktober|november|december|january|february|march|may|june|"
                         r"july|august|october)\b", re.IGNORECASE)
_END_PUNCT = tuple(".!?:;")
_ABBREVIATIONS = frozenset("""
    nr nrs no art bijv bv o.a d.d c.s e.g i.e etc blz p pp vs dhr mevr mr dr prof ca resp
    zgn incl excl jo vgl zie red e.a m.b.t t.a.v i.v.m m.n o.m n.a.v a.s St Mr Dr Prof
    Kamerstuk jan feb mrt apr jun jul aug sep sept okt oct nov dec
""".split())
_BOUNDARY = re.compile(r"[.!?][\"'”’)]*\d{0,3}(?=\s+[\"'‘“(\[]?[A-Z0-9À-Ý])")


def _is_furniture(line: str, repeated: set[str]) -> bool:
    stripped = line.strip()
    return bool(_PAGE_NUMBER.match(stripped)) or stripped in repeated


def _repeated_lines(lines: list[str]) -> set[str]:
    """Short lines that recur on many pages: running headers and letterhead."""
    counts = Counter(line.strip() for line in lines if 0 < len(line.strip()) <= 60)
    return {text for text, n in counts.items() if n >= 3 and not text.endswith(_END_PUNCT)}


def sentences(text: str) -> list[Sentence]:
    """Cut a document's text into whole sentences, footnotes apart, each with its line."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    repeated = _repeated_lines(lines)
    lengths = sorted(len(line.strip()) for line in lines if line.strip())
    typical = lengths[len(lengths) // 2] if lengths else 0

    body: list[tuple[int, str]] = []  # (line number, text) of running text
    blocks: list[tuple[list[tuple[int, str]], bool]] = []  # (lines, is a footnote)
    previous_blank = True
    footnote: list[tuple[int, str]] | None = None  # the footnote being read, if any
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped:
            previous_blank = True
            footnote = None
            continue
        if _is_furniture(line, repeated):
            continue
        if _FOOTNOTE.match(line) and previous_blank and not _MONTH_WORD.match(line) and body:
            footnote = [(number, stripped)]
            blocks.append((footnote, True))
            continue
        if footnote is not None and not stripped[0].isupper() and not _FOOTNOTE.match(line):
            footnote.append((number, stripped))  # the footnote runs on
            continue
        footnote = None
        previous_blank = False
        heading = (typical and len(stripped) < 0.7 * typical and not stripped.endswith((*_END_PUNCT, ","))
                   and _next_starts_upper(lines, number))
        body.append((number, stripped))
        if heading:
            blocks.append((body, False))
            body = []
    blocks.append((body, False))
    result: list[Sentence] = []
    for block, is_footnote in blocks:
        if block:
            result.extend(_split(block, footnote=is_footnote))
    result.sort(key=lambda s: s.line)
    return result


def _next_starts_upper(lines: list[str], number: int) -> bool:
    for line in lines[number:number + 3]:
        if line.strip():
            return line.strip()[0].isupper()
    return True


def _split(block: list[tuple[int, str]], footnote: bool) -> list[Sentence]:
    """Join a block's lines into one stream and cut it at sentence ends."""
    parts: list[str] = []
    offsets: list[int] = []
    line_numbers: list[int] = []
    length = 0
    for number, line in block:
        if parts:
            previous = parts[-1]
            hyphenated = previous.endswith("-") and len(previous) > 1 and previous[-2].isalpha() and line[:1].isalpha()
            if hyphenated and previous[-2].islower() and line[0].islower():
                parts[-1] = previous[:-1]  # "onder-|handelingen": a word broken for print
                length -= 1
            elif not hyphenated:  # "AI-|systemen" keeps its hyphen
                parts.append(" ")
                length += 1
        offsets.append(length)
        line_numbers.append(number)
        parts.append(line)
        length += len(line)
    stream = "".join(parts)
    cuts = [0]
    for m in _BOUNDARY.finditer(stream):
        word = re.search(r"([\w.]+)\.?[\"'”’)]*\d{0,3}$", stream[max(0, m.start() - 20):m.start() + 1])
        if word and word.group(1).rstrip(".") in _ABBREVIATIONS:
            continue
        cuts.append(m.end())
    cuts.append(len(stream))
    result = []
    for a, b in itertools.pairwise(cuts):
        raw = stream[a:b]
        lead = len(raw) - len(raw.lstrip())
        chunk = raw.strip()
        if not chunk:
            continue
        begin = a + lead
        # map this sentence's offsets back to lines
        first = bisect.bisect_right(offsets, begin) - 1
        last = bisect.bisect_left(offsets, b)
        local_offsets = [0] + [o - begin for o in offsets[first + 1:last]]
        local_lines = line_numbers[first:first + len(local_offsets)]
        normalized, mapping = _normalize_space(chunk, local_offsets)
        result.append(Sentence(normalized, local_lines[0], (tuple(mapping), tuple(local_lines)), footnote))
    return result


def _normalize_space(chunk: str, offsets: list[int]) -> tuple[str, list[int]]:
    """Collapse runs of whitespace, moving the line offsets with the text.

    Each offset starts a line's text, which never starts with a space, so the whitespace
    before it collapses to one space; pieces are measured one by one to stay linear."""
    mapping = []
    running = 0
    ends = [*offsets[1:], len(chunk)]
    for begin, end in zip(offsets, ends, strict=True):
        mapping.append(running)
        piece = chunk[begin:end]
        running += len(" ".join(piece.split())) + (1 if piece[-1:].isspace() else 0)
    return " ".join(chunk.split()), mapping


# -- the document's own date -------------------------------------------------------------

_DATELINE = re.compile(
    r"^\s*(?:(?:Den\s+Haag|'s-Gravenhage|Brussel|Brussels|The\s+Hague|Amsterdam|Straatsburg|Strasbourg)\s*,?|"
    r"Datum\s*:?|Date\s*:?|Dated\s*:?)\s*(?P<date>.{6,40})$", re.IGNORECASE | re.MULTILINE)


def date_from_text(text: str) -> date | None:
    """The date the document prints for itself: 'Den Haag, 12 december 2025', 'Datum 6 maart 2023'."""
    head = "\n".join(text.splitlines()[:80])
    for m in _DATELINE.finditer(head):
        found = find_dates(m.group("date"), None)
        if found and found[0].precision == "day":
            return found[0].start
    return None


def infer_date(parts: list[Sentence]) -> date | None:
    """Guess a document's date from the latest exact day it mentions in the past tense."""
    latest = None
    past = vocabulary().status_cues["happened"]
    for sentence in parts:
        if past.search(sentence.text):
            for mention in find_dates(sentence.text, None):
                if mention.precision in ("day", "days", "month") and (latest is None or mention.end > latest):
                    latest = mention.end
    return latest


def document_date(text: str, metadata: dict, parts: list[Sentence] | None = None) -> tuple[date | None, str]:
    value = (metadata or {}).get("date", "").strip()
    if value:
        return date.fromisoformat(value), "metadata"
    printed = date_from_text(text)
    if printed:
        return printed, "text"
    return infer_date(sentences(text) if parts is None else parts), "inferred"


def load(path: Path, metadata: dict | None = None) -> Document:
    """A document with its sentences and metadata: read from the document, the metadata
    file's values overriding it."""
    text, from_format = read_document(path)
    parts = sentences(text)
    printed = {k: v for k, v in {**document_metadata(text), **from_format}.items() if v}
    merged = {**printed, **{k: v for k, v in (metadata or {}).items() if v}}
    doc_date, source = document_date(text, metadata or {}, parts)
    return Document(path.name, text, doc_date, source, merged, parts)


_REFERENCE = re.compile(r"\b(\d{2}\s?\d{3}(?:-[A-Z0-9]+)?)(?:,|[^\n]{0,80}\n)\s*(?:nr\.|Nr\.)\s*(\d+)")
_DOC_TYPES = (  # the first that matches the opening of a document names its type
    ("cabinet response to advice", re.compile(r"kabinetsreactie|reactie op het advies", re.IGNORECASE)),
    ("written Q&A report", re.compile(r"verslag van een schriftelijk overleg|vragen en antwoorden|"
                                      r"vragen en opmerkingen", re.IGNORECASE)),
    ("motion", re.compile(r"^\s*motie van", re.IGNORECASE | re.MULTILINE)),
    ("letter to parliament", re.compile(r"brief regering|brief van de minister|kamerbrief|"
                                        r"aan de voorzitter van de (?:tweede|eerste) kamer|uw kamer", re.IGNORECASE)),
)
_SIGNATORY = re.compile(r"^\s*(?:De|Het)\s+((?:minister|staatssecretaris|Minister|Staatssecretaris)\b[^\n]{3,100})$",
                        re.MULTILINE)
_DUTCH = re.compile(r"\b(?:de|het|een|van|en|is|dat|niet)\b")
_ENGLISH = re.compile(r"\b(?:the|of|and|is|that|not|to|a)\b")


def document_metadata(text: str) -> dict:
    """What a document says of itself: title, date, reference, type, signatories, language."""
    head = text[:4000]
    lines = [line.strip() for line in head.splitlines() if line.strip()]
    first = lines[0] if lines else ""
    if first.lower().startswith("brief regering"):
        first = first.split(":", 1)[-1].strip()
    # a first line that runs on into the next ("... van de Raad | van Europa aan ...") is no title
    runs_on = len(lines) > 1 and lines[1][:1].islower()
    reference = _REFERENCE.search(head)
    printed_date = date_from_text(text)
    doc_type = next((name for name, rx in _DOC_TYPES if rx.search(head)), "")
    signatories = "; ".join(dict.fromkeys(m.group(1).strip(" ,") for m in _SIGNATORY.finditer(text[-3000:])))
    sample = text[:20000].lower()
    language = "nl" if len(_DUTCH.findall(sample)) >= len(_ENGLISH.findall(sample)) else "en"
    return {"title": first if len(first) <= 200 and not runs_on else "",
            "date": printed_date.isoformat() if printed_date else "",
            "reference": f"{reference.group(1)}, nr. {reference.group(2)}" if reference else "",
            "doc_type": doc_type, "signatories": signatories, "language": language}
