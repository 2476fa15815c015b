"""The documents behind the events, cited by title, reference and date (from sources.csv,
which the build writes beside the table) instead of by file name."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path

import pandas as pd

from dashboard.text import format_date, t
from events.table import companions

MAX_CITED = 6  # documents named in an export's source line; more are counted


def read_sources(table: Path) -> dict[str, dict[str, str]]:
    """file name → its metadata row (title, reference, date, ...); empty without sources.csv."""
    path = companions(Path(table))["sources"]
    if not path.is_file():
        return {}
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, ValueError, pd.errors.ParserError):
        return {}
    if "file" not in frame.columns:
        return {}
    return {row["file"]: row for row in frame.to_dict("records")}


def _shorten(text: str, most: int) -> str:
    text = " ".join(str(text).split())
    if len(text) <= most:
        return text
    cut = text[:most - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def citation(doc: str, sources: Mapping[str, Mapping[str, str]], lang: str, most: int = 0) -> str:
    """'Title (reference), 6 mrt 2023'; the file name where the document has no title."""
    meta = sources.get(doc) or {}
    title = str(meta.get("title") or "").strip()
    if not title:
        return doc
    text = _shorten(title, most) if most else " ".join(title.split())
    reference = str(meta.get("reference") or "").strip()
    if reference:
        text += f" ({reference})"
    when = str(meta.get("date") or "").strip()
    if when:
        with contextlib.suppress(ValueError):
            text += f", {format_date(date.fromisoformat(when), lang)}"
    return text


def citations(docs: Iterable[str], sources: Mapping[str, Mapping[str, str]], lang: str, most: int = 0) -> dict[str, str]:
    """Each document by its citation, as a list of choices names them: two that would read
    alike (an upload without a title, a title shortened) carry their file names too."""
    named = {doc: citation(doc, sources, lang, most) for doc in docs}
    seen: dict[str, int] = {}
    for text in named.values():
        seen[text] = seen.get(text, 0) + 1
    return {doc: text if seen[text] == 1 or text == doc else f"{text} · {doc}" for doc, text in named.items()}


def source_line(docs: Iterable[str], sources: Mapping[str, Mapping[str, str]], lang: str,
                data_date: date | None, title_chars: int = 45) -> str:
    """The source line of an export: the documents of the view by title and reference, oldest
    first, at most MAX_CITED of them (the rest counted), and the date of the data."""
    def when(doc: str) -> str:
        return str((sources.get(doc) or {}).get("date") or "")

    ordered = sorted(set(docs), key=lambda d: (when(d), d))
    named = [citation(d, sources, lang, title_chars) for d in ordered[:MAX_CITED]]
    more = len(ordered) - len(named)
    text = "; ".join(named) + (f"; {t('and_more', lang, n=more)}" if more > 0 else "")
    stamp = format_date(data_date, lang) if data_date else "?"
    return t("export_source", lang, docs=text, data_date=stamp)
