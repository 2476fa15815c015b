"""The detail of one event: its mentions and the source text around each, as plain data."""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

from events.documents import UnreadableDocument, read_text
from events.table import text_name


def mentions_of(df: pd.DataFrame, cluster: str) -> pd.DataFrame:
    """Every mention of one event, oldest document first."""
    return df[df["cluster"] == cluster].sort_values(["doc_date", "doc", "line"], na_position="last")


def sentence_lines(quote: str, line: int, source_lines: list[str]) -> range:
    """The lines the quoted sentence spans, from its date's line outwards."""
    words = quote.split()
    first = line
    while first > 1 and source_lines[first - 2].strip() and source_lines[first - 2].strip().split()[-1] in words:
        first -= 1
        if source_lines[first - 1].strip().split()[0] == words[0]:
            break
    last = line
    while last < len(source_lines) and source_lines[last].strip() and source_lines[last].strip().split()[0] in words:
        if source_lines[last - 1].rstrip().endswith((".", "?", "!")):
            break
        last += 1
    return range(first, last + 1)


def source_lines(texts: Path, corpus: Path, doc: str) -> list[str]:
    """The lines of the text the extractor saw (kept beside the table), else of the file in
    the corpus; empty when neither is at hand."""
    kept = Path(texts) / text_name(doc)
    if kept.is_file():
        return kept.read_text(encoding="utf-8").splitlines()
    original = Path(corpus) / doc
    try:
        return read_text(original).splitlines() if original.is_file() else []
    except UnreadableDocument:
        return []


def source_excerpt(lines: list[str], line: int, quote: str, context: int = 4) -> list[tuple[int, str, bool]]:
    """(line number, text, part of the sentence) for the lines around a mention."""
    if not lines or line > len(lines):
        return []
    marked = sentence_lines(quote, line, lines)
    low, high = max(1, marked.start - context), min(len(lines), marked.stop - 1 + context)
    return [(n, lines[n - 1], n in marked) for n in range(low, high + 1)]


def excerpt_html(excerpt: list[tuple[int, str, bool]]) -> str:
    """The excerpt as escaped HTML (document text shows as written), the sentence marked."""
    rows = []
    for number, text, marked in excerpt:
        body = html.escape(text) or "&nbsp;"
        style = "background:#fff3bf;" if marked else "color:#555;"
        rows.append(f'<div style="{style}white-space:pre-wrap;font-family:monospace;font-size:0.85em">'
                    f'<span style="color:#999;user-select:none">{number:>5}  </span>{body}</div>')
    return "".join(rows)
