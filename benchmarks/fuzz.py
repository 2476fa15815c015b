"""Whole-document fuzz of the build, with hypothesis.

    python benchmarks/fuzz.py [--cases 10000] [--seed 0]

Each case is a folder of 1-4 documents that goes through the whole build, `python -m events
build` in-process (documents, metadata, extraction, clustering, links, corrections, the write),
after which the table is read back through its schema. A case is one of six kinds:

  generated  documents (.txt, .md, .html, now and then a .pdf or a type the build does not
             read, some in subfolders, names of any Unicode) that mix sentences of the seeds,
             dates valid and impossible ("29 februari 2023", "van 30 tot 31 april"), random
             Unicode, markup fragments and tables, with a documents.csv of random rows (dates
             as typed, impossible or no date, languages, ragged rows)
  bytes      a real document (a seed or one of tests/corpus/), whole or cut out, with its bytes
             mutated: flipped bytes, truncation, inserted NULs, deleted or repeated runs,
             invalid UTF-8 sequences, other line ends
  encoding   a real document in another encoding: UTF-16 with and without a BOM (LE and BE),
             UTF-32, UTF-8 with a BOM, cp1252, latin-1, mac-roman, or half UTF-8 and half cp1252
  pdf        a real PDF made of seed text with fpdf2 (compressed or not), whole, cut at random
             offsets, with flipped bytes, a broken cross-reference table or garbage appended
  markup     real text in HTML or Markdown: paragraphs, tags inside dates, unclosed and deeply
             nested tags, scripts and comments with dates, entities (also invalid ones), tables,
             front matter whole and broken, code fences, a charset that lies
  dates      real sentences whose dates are replaced by others: impossible days, far years,
             ranges backwards, other digits (Arabic-Indic, full-width), no-break spaces, markup

Prints the cases of each kind, the uncaught exceptions (an exception out of the build, with its
traceback, or its exit status 4), the schema failures (a table that does not read back through
its schema, or is not written when a document was read), the rows that end before they start,
the cases over 5 s and the longest case. With --seed (default 0) a run is the same on every
machine; --seed random draws a new one. tests/test_fuzz.py runs the same with fewer cases.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import io
import os
import re
import shutil
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from events.__main__ import main  # noqa: E402
from events.table import TableError, read_table_and_links  # noqa: E402

SEEDS = ROOT / "seeds"
CORPUS = ROOT / "tests" / "corpus"
SLOW = 5.0  # seconds: a case that takes longer is counted
# the cases' folders in memory where there is a tmpfs: the build's fsyncs and the clean-up cost more than
# the build itself on a disk
SCRATCH = Path("/dev/shm") if Path("/dev/shm").is_dir() and os.access("/dev/shm", os.W_OK) else None
# the real documents that the bytes, encoding, pdf, markup and dates kinds start from
REAL = {p.name: p.read_bytes() for p in [*sorted(SEEDS.glob("*.txt")), *sorted(CORPUS.iterdir())] if p.is_file()}
SENTENCES = sorted({s.strip() for p in sorted(SEEDS.glob("*.txt"))
                    for s in re.split(r"(?<=[.;:])\s+", p.read_text(encoding="utf-8")) if 20 < len(s.strip()) < 400})
MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december", "January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
FRAGMENTS = ["<p>", "</p>", "<div>", "</div>", "<table><tr><td>", "</td><td>", "</td></tr></table>", "<br>",
             "<script>var d = '1 januari 2099';</script>", "<main>", "<!-- 3 maart 2023 -->", "&nbsp;", "<b>",
             "| jaar | mijlpaal |", "|---|---|", "| 2021 | strategie |", "# Kamerbrief", "## Bronnen", "- ", "1. ",
             "---\ndate: 2023-13-45\ntitle: [x\n---", "---\ndate: 2023-03-06\n---", "1 Kamerstukken II 2021/22, 26 643, nr. 835",
             "Den Haag, ", "Datum ", "Brussels, ", "(", ")", "“", "”", "…", "\t", "\f", "\u200b", "\ufeff"]
SUFFIXES = [".txt", ".txt", ".md", ".md", ".html", ".htm", ".pdf", ".docx", ""]


@st.composite
def dates(draw) -> str:
    day, month, year = draw(st.integers(0, 35)), draw(st.sampled_from(MONTHS)), draw(st.integers(1990, 2035))
    forms = [f"{day} {month} {year}", f"{day} {month}", f"Op {day} {month} {year}", f"van {day} tot {day + 1} {month}",
             f"{day}-{day + 2} {month} {year}", f"eind {year}", f"begin {month}", f"{month} jl.", f"medio {year}",
             f"Q{draw(st.integers(0, 5))} {year}", f"{year}-{draw(st.integers(0, 13)):02}-{day:02}",
             f"{day}.{draw(st.integers(0, 13))}.{year}", f"sinds {month} {year}", "29 februari 2023", "31 februari",
             "van 30 tot 31 april", f"het voorjaar van {year}", f"de afgelopen {day} jaar", f"{year}/{year + 1}",
             "dit najaar", "komend jaar", f"{day} {month} {year} – {day} {month} {year - 1}"]
    return draw(st.sampled_from(forms))


def pieces():
    return st.one_of(st.sampled_from(SENTENCES), dates(), st.text(max_size=30), st.sampled_from(FRAGMENTS),
                     st.sampled_from(SENTENCES).map(lambda s: s[: len(s) // 2]))


@st.composite
def texts(draw) -> str:
    parts = draw(st.lists(pieces(), min_size=1, max_size=30))
    seps = draw(st.lists(st.sampled_from([" ", "\n", "\n\n", "", ". ", " | "]), min_size=len(parts), max_size=len(parts)))
    return "".join(p + s for p, s in zip(parts, seps, strict=True))


NAME_CHARS = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="/\\\x00")


@dataclass
class Document:
    folder: str  # "" or a subfolder
    name: str
    text: str
    encoding: str
    data: bytes | None = None  # the file's bytes as they are, where not text in an encoding
    how: str = ""  # what was done to it


@dataclass
class Case:
    documents: list[Document]
    metadata: str | None  # documents.csv beside them, if any
    summary: str = field(default="")
    kind: str = "generated"
    trace: str = ""  # the traceback of an uncaught exception


@st.composite
def cases(draw) -> Case:
    docs = []
    for _ in range(draw(st.integers(1, 4))):
        stem = draw(st.sampled_from(["brief", "kamerbrief 2023", "verslag"]) | st.text(NAME_CHARS, min_size=1, max_size=40))
        name = (stem + draw(st.sampled_from(SUFFIXES))).strip()
        if not name or name in (".", "..") or len(name.encode()) > 200 or name == "documents.csv":
            name = "brief.txt"
        folder = draw(st.sampled_from(["", "", "", "sub", "sub/deeper"]))
        docs.append(Document(folder, name, draw(texts()), draw(st.sampled_from(["utf-8", "utf-8", "utf-16", "cp1252"]))))
    metadata = None
    if draw(st.booleans()):
        header = draw(st.sampled_from(["file,title,date,language", "file,date", "name,date", "file;date;language",
                                       "file,title,doc_type,date,language,addressee,reference,signatories,note"]))
        sep = ";" if ";" in header else ","
        rows = [header]
        for _ in range(draw(st.integers(0, 5))):
            cells = [draw(st.sampled_from([d.name for d in docs]) | st.text(NAME_CHARS, max_size=10))]
            for _ in range(draw(st.integers(0, header.count(sep) + 2))):
                cells.append(draw(st.one_of(dates(), st.sampled_from(["nl", "en", "fr", "", "NL", "2023-03-06",
                                                                       "10-03-2023", "10 maart 2023", '"a, b"']),
                                            st.text(max_size=15))))
            rows.append(sep.join(cells))
        metadata = "\n".join(rows) + "\n"
    return Case(docs, metadata)


def pdf_bytes(text: str) -> bytes:
    from fpdf import FPDF
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.multi_cell(0, 5, text.encode("latin-1", "replace").decode("latin-1") or "x")
    return bytes(pdf.output())


# --- cases made of real documents ------------------------------------------------------------

REAL_NAMES = sorted(REAL)
TEXT_SUFFIX = {".txt": ".txt", ".md": ".md", ".html": ".html"}


def _stem(name: str) -> str:
    return name.rsplit(".", 1)[0]


def _suffix(name: str) -> str:
    return "." + name.rsplit(".", 1)[1] if "." in name else ""


@st.composite
def real_bytes(draw) -> tuple[str, bytes, str]:
    """A real document's bytes, whole (half the time) or a run cut out of it; its name and how."""
    name = draw(st.sampled_from(REAL_NAMES))
    data = REAL[name]
    if draw(st.booleans()):
        return name, data, "whole"
    start = draw(st.integers(0, max(0, len(data) - 200)))
    length = draw(st.integers(200, 8000))
    return name, data[start:start + length], f"bytes {start}-{start + length}"


@st.composite
def real_text(draw, most: int = 8000) -> tuple[str, str, str]:
    """A real document's text, whole where it is short or a run of lines cut out of it."""
    name = draw(st.sampled_from(REAL_NAMES))
    text = REAL[name].decode("utf-8")
    if len(text) <= most and draw(st.booleans()):
        return name, text, "whole"
    lines = text.splitlines(keepends=True)
    first = draw(st.integers(0, len(lines) - 1))
    out, last = [], first
    while last < len(lines) and sum(map(len, out)) < most:
        out.append(lines[last])
        last += 1
    return name, "".join(out), f"lines {first + 1}-{last}"


INVALID_UTF8 = [b"\xff", b"\xfe", b"\xc3", b"\xe2\x82", b"\xc0\xaf", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\x80",
                b"\xf8\x88\x80\x80\x80", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"%PDF-1.4", b"PK\x03\x04"]


@st.composite
def mutate_bytes(draw, data: bytes) -> tuple[bytes, str]:
    """1-5 byte-level mutations of data; the data and what was done."""
    done = []
    buf = bytearray(data)
    for _ in range(draw(st.integers(1, 5))):
        op = draw(st.sampled_from(["flip", "truncate", "nul", "delete", "repeat", "insert", "invalid", "lines", "head"]))
        at = draw(st.integers(0, len(buf)))
        if op == "flip" and buf:
            for _ in range(draw(st.integers(1, 20))):
                i = draw(st.integers(0, len(buf) - 1))
                buf[i] ^= draw(st.integers(1, 255))
        elif op == "truncate":
            buf = buf[:at] if draw(st.booleans()) else buf[at:]
        elif op == "nul":
            # a NUL near the end of a long file gets past the check of the first 64 KB
            at = at if draw(st.booleans()) else max(0, len(buf) - draw(st.integers(0, 50)))
            buf[at:at] = b"\x00" * draw(st.integers(1, 4))
        elif op == "delete":
            del buf[at:at + draw(st.integers(1, 500))]
        elif op == "repeat":
            run = bytes(buf[at:at + draw(st.integers(1, 300))])
            buf[at:at] = run * draw(st.integers(1, 20))
        elif op == "insert":
            buf[at:at] = draw(st.binary(min_size=1, max_size=40))
        elif op == "invalid":
            buf[at:at] = draw(st.sampled_from(INVALID_UTF8))
        elif op == "lines":
            buf = bytearray(bytes(buf).replace(b"\n", draw(st.sampled_from([b"\r\n", b"\r", b"\x0b", b"\x1c", b"\x85",
                                                                            b"\xe2\x80\xa8", b"\n\n\n"]))))
        elif op == "head":
            buf[0:0] = draw(st.sampled_from([*INVALID_UTF8, b"\x00\x00\xfe\xff", b"<?xml version='1.0'?>"]))
        done.append(f"{op}@{at}")
    return bytes(buf), " ".join(done)


def _name(real: str, suffix: str | None = None) -> str:
    return _stem(real)[:40] + (suffix if suffix is not None else _suffix(real))


@st.composite
def bytes_cases(draw) -> Case:
    docs = []
    for _ in range(draw(st.integers(1, 3))):
        real, data, part = draw(real_bytes())
        data, how = draw(mutate_bytes(data))
        suffix = draw(st.sampled_from([_suffix(real), _suffix(real), ".txt", ".md", ".html"]))
        docs.append(Document(draw(st.sampled_from(["", "", "sub"])), _name(real, suffix), "", "bytes", data,
                             f"{real} {part}, {how}"))
    return Case(_unique(docs), None, kind="bytes")


def _unique(docs: list[Document]) -> list[Document]:
    """No two documents of a case at one path (the later would only overwrite the earlier)."""
    seen, out = set(), []
    for i, doc in enumerate(docs):
        if (doc.folder, doc.name.lower()) in seen:
            doc.name = f"{i}-{doc.name}"
        seen.add((doc.folder, doc.name.lower()))
        out.append(doc)
    return out


def _encode(text: str, encoding: str) -> bytes:
    if encoding == "utf-16-be-bom":
        return b"\xfe\xff" + text.encode("utf-16-be")
    if encoding == "utf-8+cp1252":  # a file pasted together: its first half UTF-8, its second cp1252
        half = len(text) // 2
        return text[:half].encode("utf-8") + text[half:].encode("cp1252", "replace")
    return text.encode(encoding, "replace")


ENCODINGS = ["utf-16", "utf-16-le", "utf-16-be", "utf-16-be-bom", "utf-32", "utf-8-sig", "cp1252", "latin-1",
             "mac-roman", "utf-8+cp1252", "cp437", "iso-8859-15"]


@st.composite
def encoding_cases(draw) -> Case:
    docs = []
    for _ in range(draw(st.integers(1, 3))):
        real, text, part = draw(real_text())
        encoding = draw(st.sampled_from(ENCODINGS))
        if draw(st.integers(0, 3)) == 0:  # characters cp1252 and latin-1 do not have
            text = text.replace("e", draw(st.sampled_from(["ē", "е", "€", "ę", "\u0301e"])), 3)
        data = _encode(text, encoding)
        docs.append(Document("", _name(real), "", encoding, data, f"{real} {part} in {encoding}"))
    return Case(_unique(docs), None, kind="encoding")


@functools.lru_cache(maxsize=64)
def real_pdf(name: str, first: int, compress: bool) -> bytes:
    """A PDF of a real document's text from line `first` on (about 4,000 characters), made by fpdf2."""
    from fpdf import FPDF
    lines = REAL[name].decode("utf-8").splitlines()[first:]
    text = "\n".join(lines)[:4000].encode("latin-1", "replace").decode("latin-1") or "x"
    pdf = FPDF()
    pdf.set_compression(compress)
    pdf.set_title(_stem(name))
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.multi_cell(0, 5, text)
    return bytes(pdf.output())


@st.composite
def pdf_cases(draw) -> Case:
    docs = []
    for _ in range(draw(st.integers(1, 2))):
        real = draw(st.sampled_from(REAL_NAMES))
        first = draw(st.sampled_from([0, 10, 40]))
        compress = draw(st.booleans())
        data = real_pdf(real, first, compress)
        op = draw(st.sampled_from(["whole", "cut", "cut", "flip", "xref", "append", "head", "cut+flip"]))
        at = draw(st.integers(0, len(data)))
        if op in ("cut", "cut+flip"):
            data = data[:at]
        if op in ("flip", "cut+flip") and data:
            buf = bytearray(data)
            for _ in range(draw(st.integers(1, 30))):
                i = draw(st.integers(0, len(buf) - 1))
                buf[i] ^= draw(st.integers(1, 255))
            data = bytes(buf)
        elif op == "xref":
            data = re.sub(rb"\d{10} \d{5} [nf]", lambda m: str(draw(st.integers(0, 10**10 - 1))).zfill(10).encode()
                          + m.group()[10:], data, count=draw(st.integers(1, 5)))
        elif op == "append":
            data = data + draw(st.binary(max_size=200))
        elif op == "head":
            data = data[:draw(st.integers(4, 40))]
        suffix = draw(st.sampled_from([".pdf", ".pdf", ".pdf", ".txt", ".html"]))
        docs.append(Document("", _name(real, suffix), "", "pdf", data,
                             f"PDF of {real} from line {first + 1} ({'compressed' if compress else 'plain'}), "
                             f"{op}@{at} of {len(real_pdf(real, first, compress))} bytes"))
    if draw(st.booleans()):  # beside a readable document
        real, text, part = draw(real_text(2000))
        docs.append(Document("", _name(real), text, "utf-8", None, f"{real} {part}"))
    return Case(_unique(docs), None, kind="pdf")


TAGS = ["p", "div", "span", "b", "i", "td", "li", "h1", "h2", "a", "table", "tr", "main", "article", "section",
        "nav", "footer", "header", "aside", "pre", "code", "sup", "script", "style", "noscript", "template", "svg"]
ENTITIES = ["&nbsp;", "&amp;", "&lt;", "&#8211;", "&#x2028;", "&#0;", "&#xD800;", "&#1114112;", "&bogus;", "&", "&#",
            "&euro;", "&shy;", "&#x200b;"]


@st.composite
def html_of(draw, text: str) -> str:
    paras = [p for p in re.split(r"\n\s*\n", text) if p.strip()] or [text]
    out = []
    charset = draw(st.sampled_from(["", "utf-8", "windows-1252", "utf-16", "iso-8859-1", "bogus"]))
    if charset:
        out.append(f'<meta charset="{charset}">')
    if draw(st.booleans()):
        out.append("<!DOCTYPE html><html><head><title>" + draw(st.sampled_from(["Kamerbrief", "", "<b>x"]))
                   + "</title></head><body>")
    for para in paras:
        tag = draw(st.sampled_from(TAGS))
        words = para.split(" ")
        for _ in range(draw(st.integers(0, 3))):  # a tag or an entity inside the words (inside a date too)
            i = draw(st.integers(0, len(words)))
            t = draw(st.sampled_from(TAGS))
            words.insert(i, draw(st.sampled_from([f"<{t}>", f"</{t}>", f"<{t}/>", draw(st.sampled_from(ENTITIES)),
                                                  "<br>", "<!-- 1 januari 2099 -->", "<![CDATA[6 juni 2024]]>"])))
        body = " ".join(words)
        out.append(f"<{tag}>{body}" + ("" if draw(st.integers(0, 4)) == 0 else f"</{tag}>"))
    if draw(st.integers(0, 5)) == 0:  # deeply nested
        depth = draw(st.integers(100, 3000))
        out.append("<div>" * depth + "Op 6 juni 2024 stemt de Raad in." + "</div>" * draw(st.integers(0, depth)))
    if draw(st.integers(0, 3)) == 0:
        out.append("<table>" + "".join(f"<tr><td>{draw(dates())}</td><td>{draw(st.sampled_from(SENTENCES))}"
                                       for _ in range(draw(st.integers(1, 6)))) + "</table>")
    if draw(st.booleans()):
        out.append("</body></html>")
    return "\n".join(out)


@st.composite
def markdown_of(draw, text: str) -> str:
    lines = text.splitlines()
    out = []
    front = draw(st.sampled_from(["", "---\ntitle: Kamerbrief\ndate: 2024-06-06\n---", "---\ndate: 2023-13-45\n---",
                                  "---\ndate: [\n---", "---\ntitle: x\n", "---\ndate: 6 juni 2024\nlanguage: nl\n---",
                                  "+++\ndate = 2024-06-06\n+++", "---\n---"]))
    if front:
        out.append(front)
    for line in lines:
        mark = draw(st.sampled_from(["", "", "", "# ", "## ", "> ", "- ", "1. ", "| ", "    ", "**", "```\n", "<div>",
                                     "[", "![", "* * *\n"]))
        if mark == "| " and draw(st.booleans()):
            out.append("| " + " | ".join(line.split(", ")) + " |\n|---|---|")
        elif mark == "[":
            out.append(f"[{line}](https://example.org/{len(line)})")
        elif draw(st.integers(0, 6)) == 0:  # emphasis inside the words, dates too
            words = line.split(" ")
            out.append(" ".join(f"*{w}*" if draw(st.booleans()) else w for w in words))
        else:
            out.append(mark + line)
    return "\n".join(out)


@st.composite
def markup_cases(draw) -> Case:
    docs = []
    for _ in range(draw(st.integers(1, 3))):
        real, text, part = draw(real_text())
        if draw(st.booleans()):
            body, suffix = draw(html_of(text)), draw(st.sampled_from([".html", ".htm", ".HTML", ".txt"]))
        else:
            body, suffix = draw(markdown_of(text)), draw(st.sampled_from([".md", ".md", ".txt", ".html"]))
        encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8", "cp1252", "utf-16"]))
        docs.append(Document(draw(st.sampled_from(["", "sub"])), _name(real, suffix), body, encoding, None,
                             f"{real} {part} as {suffix}"))
    return Case(_unique(docs), None, kind="markup")


DATE_RE = re.compile(r"\b\d{1,2}\s+(?:" + "|".join(MONTHS) + r")(?:\s+\d{4})?\b|\b(?:19|20)\d{2}\b")
DIGITS = {"arabic-indic": "٠١٢٣٤٥٦٧٨٩", "full-width": "０１２３４５６７８９", "devanagari": "०१२३४५६७८९",
          "superscript": "⁰¹²³⁴⁵⁶⁷⁸⁹"}


@st.composite
def odd_dates(draw) -> str:
    day, month = draw(st.integers(0, 40)), draw(st.sampled_from(MONTHS))
    year = draw(st.sampled_from([0, 1, 999, 1899, 1969, 2038, 2099, 2100, 9999, 10000, 99999, 2**31, 2023, 2024]))
    form = draw(st.sampled_from([
        f"{day} {month} {year}", f"{day}\u00a0{month}\u00a0{year}", f"{day}\u202f{month} {year}",
        f"{day} {month.upper()} {year}", f"{day} {month[:3]}. {year}", f"{day}{month}{year}",
        f"{day} <b>{month}</b> {year}", f"{day} *{month}* {year}", f"{year}-{day:02}-{day:02}",
        f"{day}/{day}/{year}", f"{day} {month} {year} tot {day} {month} {year - 1}", f"{day}-{day - 3} {month}",
        f"-{day} {month} {year}", f"{day} {month} -{year}", f"{day} {month} {year}{year}", f"{day}e {month} {year}",
        f"{month} {day}, {year}", f"{day}th of {month} {year}", "29 februari 2024", "29 februari 2100",
        "31 april 2024", "0 januari 2024", "32 december 2024", f"Q{day % 7} {year}", f"week {day * 2} van {year}",
        f"{year}/{year - 5}", f"tussen {year} en {year - 10}", f"{day} {month} {year}" * 3]))
    script = draw(st.sampled_from(["", "", "", *DIGITS]))
    if script:
        form = form.translate(str.maketrans("0123456789", DIGITS[script]))
    return form


@st.composite
def dates_cases(draw) -> Case:
    docs = []
    for _ in range(draw(st.integers(1, 3))):
        real, text, part = draw(real_text(6000))
        found = list(DATE_RE.finditer(text))
        swapped = 0
        for m in reversed(found):
            if draw(st.integers(0, 2)) == 2:  # Hypothesis draws 0 most: most dates are replaced
                continue
            text = text[:m.start()] + draw(st.one_of(odd_dates(), dates())) + text[m.end():]
            swapped += 1
        docs.append(Document("", _name(real), text, "utf-8", None,
                             f"{real} {part}, {swapped} of {len(found)} dates replaced"))
    metadata = None
    if draw(st.booleans()):
        metadata = "file,date\n" + "".join(f"{d.name},{draw(st.one_of(odd_dates(), dates()))}\n" for d in docs)
    return Case(_unique(docs), metadata, kind="dates")


KINDS = {"generated": cases, "bytes": bytes_cases, "encoding": encoding_cases, "pdf": pdf_cases,
         "markup": markup_cases, "dates": dates_cases}


def any_case():
    return st.one_of(*(make() for make in KINDS.values()))


def lay_out(case: Case, folder: Path) -> None:
    for doc in case.documents:
        where = folder / doc.folder
        where.mkdir(parents=True, exist_ok=True)
        path = where / doc.name
        if doc.data is not None:
            path.write_bytes(doc.data)
        elif doc.name.endswith(".pdf"):
            path.write_bytes(pdf_bytes(doc.text))
        else:
            path.write_bytes(doc.text.encode(doc.encoding, "replace"))
    if case.metadata is not None:
        (folder / "documents.csv").write_text(case.metadata, encoding="utf-8")


@dataclass
class Findings:
    cases: int = 0
    crashes: list[tuple[str, Case]] = field(default_factory=list)  # uncaught exceptions
    swallowed: list[tuple[str, Case]] = field(default_factory=list)  # a document skipped for an exception
    schema: list[tuple[str, Case]] = field(default_factory=list)
    order: list[tuple[str, Case]] = field(default_factory=list)
    times: list[float] = field(default_factory=list)
    kinds: dict[str, int] = field(default_factory=dict)
    codes: dict[int, int] = field(default_factory=dict)
    slow: list[tuple[float, str]] = field(default_factory=list)  # the cases over SLOW seconds, described
    longest: tuple[float, str] = (0.0, "")
    keep: Path | None = None  # where the input folders of failing cases are copied

    def failed(self) -> int:
        return len(self.crashes) + len(self.swallowed) + len(self.schema) + len(self.order)


def run_case(case: Case, findings: Findings) -> None:
    """One case through the whole build; what went wrong goes into findings (and, with
    findings.keep, its input folder is kept there to build again)."""
    findings.cases += 1
    findings.kinds[case.kind] = findings.kinds.get(case.kind, 0) + 1
    work = Path(tempfile.mkdtemp(prefix="fuzz-", dir=SCRATCH))
    failed = findings.failed()
    try:
        _run(case, findings, work)
        if findings.keep and findings.failed() > failed:
            shutil.copytree(work / "in", findings.keep / f"case{findings.cases:05}", dirs_exist_ok=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


@contextlib.contextmanager
def _debug():
    """AIRT_DEBUG=1 for the build: an unexpected exception leaves it with its traceback."""
    was = os.environ.get("AIRT_DEBUG")
    os.environ["AIRT_DEBUG"] = "1"
    try:
        yield
    finally:
        if was is None:
            del os.environ["AIRT_DEBUG"]
        else:
            os.environ["AIRT_DEBUG"] = was


SWALLOWED = re.compile(r"^skipped (.*: could not be read \((?!a row with).*)$", re.M)
OUTSIDE = re.compile(r"^skipped (.*: could not be read \(a row with .*)$", re.M)


def _run(case: Case, findings: Findings, work: Path) -> None:
    lay_out(case, work / "in")
    out = work / "out" / "events.csv"
    err = io.StringIO()
    start = time.perf_counter()
    try:
        with contextlib.redirect_stderr(err), _debug():
            code = main(["build", str(work / "in"), "--out", str(out), "--no-progress"])
    except BaseException as exc:  # a crash is what we look for
        code = -1
        case.trace = "".join(traceback.format_exception(exc))
        err.write(case.trace)
    took = time.perf_counter() - start
    findings.times.append(took)
    if took > SLOW:
        findings.slow.append((took, describe(case)))
    if took > findings.longest[0]:
        findings.longest = (took, describe(case))
    findings.codes[code] = findings.codes.get(code, 0) + 1
    said = err.getvalue()
    if code not in (0, 1, 3):
        findings.crashes.append((said.strip().splitlines()[-1] if said.strip() else f"exit {code}", case))
        return
    # the build skips a document that raised, and one that gave a row outside the schema: both are bugs
    findings.swallowed.extend((m, case) for m in SWALLOWED.findall(said))
    findings.schema.extend((m, case) for m in OUTSIDE.findall(said))
    if code == 3:
        if "could not write" in said:
            findings.schema.append((said.strip().splitlines()[-1], case))
        return
    try:
        table, _ = read_table_and_links(out)
    except TableError as exc:
        findings.schema.append((str(exc), case))
        return
    late = table[table["start"] > table["end"]]
    if len(late):
        findings.order.append((f"{len(late)} rows end before they start: {late.iloc[0]['date_text']!r}", case))


def fuzz(n: int, findings: Findings, random_seed: int | None = 0, kinds: list[str] | None = None):
    """n cases through the build. With a seed the cases are the same on every machine and run;
    with None, Hypothesis draws them anew (or, under a profile with derandomize, from the test)."""
    strategy = st.one_of(*(KINDS[k]() for k in (kinds or KINDS)))

    @settings(max_examples=n, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def one(case):
        run_case(case, findings)
    if random_seed is not None:
        one = seed(random_seed)(one)
    one()
    return findings


def describe(case: Case) -> str:
    def one(d: Document) -> str:
        size = f"{len(d.data)} bytes" if d.data is not None else f"{len(d.text)} chars"
        return f"{(d.folder + '/') if d.folder else ''}{d.name!r} ({size}, {d.encoding}{', ' + d.how if d.how else ''})"
    return f"[{case.kind}] " + "; ".join(map(one, case.documents)) + (
        f"; documents.csv of {case.metadata.count(chr(10))} lines" if case.metadata is not None else "")


def report(f: Findings, seconds: float) -> None:
    times = sorted(f.times)
    print(f"cases: {f.cases} in {seconds:.0f} s ({f.cases / max(seconds, 1e-9):.1f} cases/s); "
          + ", ".join(f"{k} {v}" for k, v in sorted(f.kinds.items())))
    print("exit statuses: " + ", ".join(f"{k}: {v}" for k, v in sorted(f.codes.items())))
    print(f"uncaught exceptions: {len(f.crashes)}")
    print(f"documents skipped for an exception: {len(f.swallowed)}")
    print(f"schema failures: {len(f.schema)}")
    print(f"rows that end before they start: {len(f.order)}")
    print(f"cases over {SLOW:.0f} s: {len(f.slow)}")
    if times:
        print(f"longest case: {f.longest[0]:.2f} s: {f.longest[1]}")
        print(f"time per case: median {times[len(times) // 2]:.3f} s, 99th percentile "
              f"{times[int(len(times) * 0.99)]:.3f} s")
    for took, what in sorted(f.slow, reverse=True)[:5]:
        print(f"  over {SLOW:.0f} s: {took:.2f} s: {what}")
    shown = set()
    for title, found in (("uncaught", f.crashes), ("skipped for an exception", f.swallowed), ("schema", f.schema),
                         ("start > end", f.order)):
        for message, case in found:
            key = (title, re.sub(r"\d+", "N", message)[:120])
            if key in shown or len(shown) >= 20:  # each kind of failure once
                continue
            shown.add(key)
            print(f"  {title}: {message}\n    {describe(case)}")
            if case.trace:
                print("    " + case.trace.strip().replace("\n", "\n    "))


def cli() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cases", type=int, default=10_000)
    ap.add_argument("--seed", default="0", help="the seed of the cases (default 0); 'random' for new ones")
    ap.add_argument("--kinds", nargs="+", choices=list(KINDS), default=None, help="only cases of these kinds")
    ap.add_argument("--keep", type=Path, default=None, metavar="DIR",
                    help="copy the input folder of each failing case into DIR, to build it again")
    args = ap.parse_args()
    started = time.perf_counter()
    random_seed = None if args.seed == "random" else int(args.seed)
    print(f"python benchmarks/fuzz.py --cases {args.cases} --seed {args.seed}", flush=True)
    findings = fuzz(args.cases, Findings(keep=args.keep), random_seed, args.kinds)
    report(findings, time.perf_counter() - started)
    return 1 if findings.failed() else 0


if __name__ == "__main__":
    sys.exit(cli())
