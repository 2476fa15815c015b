"""Text out of PDF and HTML files, as the extractor should see it: running headers, page
numbers and letterhead dropped, footnotes set apart, and from web pages only the main text."""

from __future__ import annotations

import io
import re
from collections import Counter

from bs4 import BeautifulSoup, NavigableString
from pypdf import PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

_FOOTNOTE_START = re.compile(r"^\s*\d{1,3}\s+\S")
_DIGITS = re.compile(r"\d+")
# The top and bottom lines of a page where running headers and footers stand.
_EDGE_LINES = 3


class FormatError(Exception):
    """The file cannot be turned into text; the message says why."""


def sniff(data: bytes) -> str:
    """What the bytes are: pdf, html, zip (office files), or text."""
    head = data[:2048].lstrip().lower()
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head or b"<body" in head:
        return "html"
    return "text"


def pdf_text(data: bytes) -> tuple[str, dict]:
    """The text of a PDF, page after page, with its metadata title."""
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise FormatError("encrypted PDF: it needs a password")
            except (DependencyError, NotImplementedError, FileNotDecryptedError):
                raise FormatError("encrypted PDF: it needs a password") from None
        pages = [(page.extract_text() or "") for page in reader.pages]
        title = (reader.metadata.title if reader.metadata else None) or ""
    except FormatError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise FormatError(f"corrupt or truncated PDF ({exc})") from None
    if not any(page.strip() for page in pages):
        raise FormatError("PDF without a text layer (a scan?); OCR it first, e.g. with ocrmypdf")
    return _join_pages([page.splitlines() for page in pages]), {"title": str(title).strip()}


def _join_pages(pages: list[list[str]]) -> str:
    """Pages into one text: lines that recur at the top or bottom of many pages go (running
    headers, footers, page numbers); a page's footnotes are set off by a blank line."""
    def key(line: str) -> str:
        return _DIGITS.sub("#", line.strip().lower())

    edges: Counter = Counter()
    for lines in pages:
        body = [line for line in lines if line.strip()]
        edges.update({key(line) for line in body[:_EDGE_LINES] + body[-_EDGE_LINES:]})
    repeated = {k for k, n in edges.items() if len(pages) >= 2 and n >= max(2, len(pages) // 2)}
    out: list[str] = []
    for lines in pages:
        body = [line.rstrip() for line in lines if line.strip()]
        kept = [line for i, line in enumerate(body)
                if not ((i < _EDGE_LINES or i >= len(body) - _EDGE_LINES) and key(line) in repeated)]
        out.extend(_set_off_footnotes(kept))
        out.append("")
    return "\n".join(out).strip() + "\n"


def _set_off_footnotes(lines: list[str]) -> list[str]:
    """A blank line before the block of numbered notes at the foot of a page."""
    start = None
    for i in range(len(lines) - 1, max(-1, len(lines) - 15), -1):
        if _FOOTNOTE_START.match(lines[i]):
            start = i
        elif start is not None and lines[i][:1].isupper() and lines[i].rstrip().endswith((".", ":", "?")):
            break
    if start is None or start == 0:
        return lines
    return [*lines[:start], "", *lines[start:]]


_DROP = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "template", "svg",
         "button", "iframe", "select")
_BLOCKS = ("p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
           "table", "tr", "blockquote", "pre", "dd", "dt", "figcaption", "br", "hr")


def html_text(data: bytes) -> tuple[str, dict]:
    """The main text of a web page (no scripts, styles or navigation), a block per paragraph."""
    soup = BeautifulSoup(data, "html.parser")
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    for tag in soup.find_all(_DROP):
        tag.decompose()
    main = soup.find("main") or soup.find("article") or soup.find(attrs={"role": "main"}) or soup.body or soup
    # A table row is one unit: a date in one cell belongs to the text of the others.
    for row in reversed(main.find_all("tr")):
        cells = [" ".join(cell.get_text(" ").split()) for cell in row.find_all(("td", "th"), recursive=False)]
        row.replace_with(NavigableString("\n\n" + " | ".join(c for c in cells if c) + "\n\n"))
    for tag in main.find_all(_BLOCKS):
        tag.insert_before(NavigableString("\n\n"))
        tag.insert_after(NavigableString("\n\n"))
    text = main.get_text("")
    lines = [" ".join(line.split()) for line in text.splitlines()]
    blocks, previous_blank = [], True
    for line in lines:
        if line:
            blocks.append(line)
            previous_blank = False
        elif not previous_blank:
            blocks.append("")
            previous_blank = True
    if not any(blocks):
        raise FormatError("web page without text")
    return "\n".join(blocks).strip() + "\n", {"title": title}
