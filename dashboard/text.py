"""Interface words in Dutch and English, and labels for vocabulary values and dates."""

from __future__ import annotations

import html
import re
import tomllib
from collections.abc import Callable
from datetime import date
from functools import cache
from pathlib import Path

from events.vocabulary import vocabulary

MONTHS = {
    "nl": ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
}


@cache
def _strings() -> dict:
    with Path(__file__).with_name("strings.toml").open("rb") as fh:
        return tomllib.load(fh)


def t(key: str, lang: str, **values) -> str:
    return _strings()[lang][key].format(**values)


def sources_count(n: int, lang: str) -> str:
    """How many documents report an event: "1 bron", "3 bronnen"."""
    return t("sources_one", lang) if n == 1 else t("sources", lang, n=n)


def label(part: str, key: str, lang: str) -> str:
    """A vocabulary value in the interface language (part: tracks, event_types, statuses, ...)."""
    if part == "institutions":
        return vocabulary().institution_label(key, lang)
    if part == "instruments":
        return vocabulary().instrument_label(key, lang)
    return vocabulary().label(part, key, lang)


def format_date(d: date, lang: str) -> str:
    return f"{d.day} {MONTHS[lang][d.month - 1]} {d.year}"


def format_span(start: date, end: date, lang: str) -> str:
    return format_date(start, lang) if start == end else f"{format_date(start, lang)} – {format_date(end, lang)}"


def plain(text: str, width: int = 0) -> str:
    """Document text for Plotly hover and annotations, which read HTML: escaped so that it
    shows as written, and wrapped when a width is given."""
    escaped = html.escape(str(text), quote=False)
    if not width:
        return escaped
    # break after the last space within each `width` characters (textwrap is ten times slower)
    return re.sub(rf"(.{{1,{width}}})(?:\s+|$)", r"\1<br>", escaped).removesuffix("<br>")


_MARKDOWN = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~$:@&/])")


def md_plain(text: object) -> str:
    """User input or document text for a Streamlit Markdown element (st.warning, st.markdown,
    st.caption, ...): every character Markdown or Streamlit gives a meaning to is escaped, so
    that "[x](http://...)", "![x](...)", "*x*", a bare URL or "$x$" show as written, not as a
    link, an image, emphasis or math. Line breaks become spaces (no headings or lists)."""
    return _MARKDOWN.sub(r"\\\1", " ".join(str(text).split()))


def count_line(counts: dict[str, int], named: Callable[[str], str], most: int = 6, chosen=()) -> str:
    """How many events each value of a filter leaves, each by its name, the chosen values
    first, then the largest: 'EU 19 · Nederland 42'."""
    ranked = sorted(counts.items(), key=lambda kv: (kv[0] not in chosen, -kv[1], kv[0]))
    shown = [f"{named(k)} {n}" for k, n in ranked[:most]]
    return " · ".join(shown) + (" · …" if len(ranked) > most else "")
