"""Text out of PDF and HTML files, as the extractor should see it: running headers, page
numbers and letterhead dropped, footnotes set apart, and from web pages only the main text."""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Iterator

from bs4 import BeautifulSoup, NavigableString, Tag
from pypdf import PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError, LimitReachedError, PdfReadError, PyPdfError

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
    """The text of a PDF, page after page, with its metadata title. Whatever pypdf raises
    becomes a FormatError that says why the file cannot be read."""
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
    except LimitReachedError as exc:
        raise FormatError(f"PDF past pypdf's safety limits (a stream that inflates too far, or a loop in its "
                          f"structure; a decompression bomb?): {exc}") from None
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, EOFError, IndexError, AttributeError) as exc:
        raise FormatError(f"corrupt or truncated PDF ({exc})") from None
    except (PyPdfError, DependencyError) as exc:
        raise FormatError(f"PDF that pypdf cannot read ({type(exc).__name__}: {exc})") from None
    except RecursionError:
        raise FormatError("PDF nested too deeply to read (corrupt or hostile)") from None
    except Exception as exc:  # pypdf meets whatever a PDF holds; one file never stops a build
        raise FormatError(f"PDF that pypdf cannot read ({type(exc).__name__}: {exc})") from None
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


_BREAK = object()  # a paragraph break around a block, in the walk below


def _kept(root: Tag) -> Iterator[Tag]:
    """The tags under root in document order, without those in _DROP and what they hold."""
    stack = list(reversed(root.contents))
    while stack:
        node = stack.pop()
        if isinstance(node, Tag) and node.name not in _DROP:
            yield node
            stack.extend(reversed(node.contents))


def _pieces(root: Tag, blocks: bool) -> Iterator[str]:
    """The strings under root in document order, as root.get_text() takes them (the same
    string types), leaving out _DROP tags; a table row is one piece ("cell | cell" between
    paragraph breaks) and, with blocks, every block tag stands between paragraph breaks. One
    walk over the tree: linear in the page's size (inserting break strings into the tree was
    quadratic in the number of siblings)."""
    types = root.interesting_string_types or root.MAIN_CONTENT_STRING_TYPES
    stack: list = list(reversed(root.contents))
    while stack:
        node = stack.pop()
        if node is _BREAK:
            yield "\n\n"
        elif isinstance(node, Tag):
            if node.name in _DROP:
                continue
            if node.name == "tr":
                yield "\n\n" + _row(node) + "\n\n"
            elif blocks and node.name in _BLOCKS:
                stack.append(_BREAK)
                stack.extend(reversed(node.contents))
                stack.append(_BREAK)
            else:
                stack.extend(reversed(node.contents))
        elif isinstance(node, NavigableString) and (type(node) is types if isinstance(types, type) else type(node) in types):
            yield str(node)


def _row(row: Tag) -> str:
    """A table row as one unit: a date in one cell belongs to the text of the others."""
    cells = (" ".join(" ".join(_pieces(cell, blocks=False)).split())
             for cell in row.find_all(("td", "th"), recursive=False))
    return " | ".join(c for c in cells if c)


def html_text(data: bytes) -> tuple[str, dict]:
    """The main text of a web page (no scripts, styles or navigation), a block per paragraph."""
    soup = BeautifulSoup(data, "html.parser")
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    kept = list(_kept(soup))
    main = (next((t for t in kept if t.name == "main"), None) or next((t for t in kept if t.name == "article"), None)
            or next((t for t in kept if t.get("role") == "main"), None)
            or next((t for t in kept if t.name == "body"), None) or soup)
    text = paragraphs("".join(_pieces(main, blocks=True)))
    if not text:
        raise FormatError("web page without text")
    return text, {"title": title}


def paragraphs(text: str) -> str:
    """Whitespace normalized on each line, one blank line between blocks; "" without text."""
    blocks, previous_blank = [], True
    for line in (" ".join(line.split()) for line in text.splitlines()):
        if line:
            blocks.append(line)
            previous_blank = False
        elif not previous_blank:
            blocks.append("")
            previous_blank = True
    return "\n".join(blocks).strip() + "\n" if any(blocks) else ""
