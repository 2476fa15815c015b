"""Interface words in Dutch and English, and labels for vocabulary values and dates."""

from __future__ import annotations

import calendar
import html
import itertools
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


def wording(key: str, lang: str):
    """An entry of strings.toml that is a list or a table of words (the seasons, the parts of a period)."""
    return _strings()[lang][key]


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


def headline_of(row, lang: str) -> str:
    """An event's headline in the interface language (title_en, title_nl), else its title."""
    return getattr(row, f"title_{lang}", "") or row.title


def headlines(df, lang: str):
    """The headline of each event of a frame in the interface language, else its title."""
    column = f"title_{lang}"
    if column not in df.columns:
        return df["title"]
    return df[column].where(df[column].astype(bool), df["title"])


def format_date(d: date, lang: str) -> str:
    return f"{d.day} {MONTHS[lang][d.month - 1]} {d.year}"


def format_span(start: date, end: date, lang: str) -> str:
    return format_date(start, lang) if start == end else f"{format_date(start, lang)} – {format_date(end, lang)}"


def _last_day(d: date) -> int:
    return calendar.monthrange(d.year, d.month)[1]


def _whole_months(start: date, end: date) -> bool:
    return start.day == 1 and end.day == _last_day(end)


def _precision_of(start: date, end: date) -> str:
    """The precision an interval has where none is given (a stage's dates): its shape."""
    if start == end:
        return "day"
    if not _whole_months(start, end):
        return "days"
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    if months == 12 and start.month == 1:
        return "year"
    if months % 12 == 0 and start.month == 1:
        return "multi-year"
    return {1: "month", 3: "quarter" if start.month % 3 == 1 else "season", 6: "half"}.get(months, "months")


def _part(written: str) -> str:
    """begin, mid or end where the date as written says so ("eind 2023", "early July"), else ""."""
    modifiers = vocabulary().dates.modifiers
    words = re.findall(r"[^\W\d_]+", written.lower())
    phrases = [*words, *(" ".join(pair) for pair in itertools.pairwise(words))]
    return next((modifiers[w] for w in phrases if w in modifiers), "")


def date_label(start: date, end: date, precision: str = "", lang: str = "en", written: str = "") -> str:
    """A date as a reader writes it, in the interface language, at its precision and with its
    year: "13 Mar 2024", "19–21 Apr 2023", "early Jul 2021", "Mar 2024", "autumn 2023", "end of
    2023", "Q1 2021", "first half of 2022", "2024", "2019–2021"; in Dutch "13 mrt 2024", "begin jul
    2021", "najaar 2023", "eind 2023". `written`, the date as the document writes it, only
    chooses the words of a part ("eind 2023" is the end of 2023, a fourth quarter not named so
    is Q4); the interval says which days."""
    precision = precision or _precision_of(start, end)
    month = MONTHS[lang]
    part = _part(written) if written else ""
    if precision == "day" or start == end:
        return format_date(start, lang)
    if precision == "days" and (start.year, start.month) == (end.year, end.month):
        thirds = {(1, 10): "begin", (11, 20): "mid", (21, _last_day(end)): "end"}
        if (start.day, end.day) in thirds and part:
            return wording("date_part", lang)[thirds[start.day, end.day]].format(when=f"{month[start.month - 1]} {start.year}")
        return f"{start.day}–{end.day} {month[start.month - 1]} {start.year}"
    if not _whole_months(start, end):
        if start.year == end.year:
            return f"{start.day} {month[start.month - 1]} – {format_date(end, lang)}"
        return format_span(start, end, lang)
    if start.year != end.year and precision in ("year", "multi-year"):
        return f"{start.year}–{end.year}"
    if precision in ("year", "multi-year") and (start.month, end.month) == (1, 12):
        return str(start.year)
    if precision == "season" and (end.month - start.month) % 12 == 2:
        season = wording("date_seasons", lang)[start.month % 12 // 3]
        years = str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
        return f"{season} {years}"
    if precision == "quarter" and start.month % 3 == 1 and end.month == start.month + 2:
        if (part, start.month) in (("begin", 1), ("end", 10)):  # "begin 2024", "end of 2023"
            return wording("date_part", lang)[part].format(when=start.year)
        return t("date_quarter", lang, n=start.month // 3 + 1, year=start.year)
    if precision == "half" and start.month in (1, 7) and end.month == start.month + 5:
        return wording("date_half", lang)[start.month // 7].format(year=start.year)
    if (start.year, start.month) == (end.year, end.month):
        return f"{month[start.month - 1]} {start.year}"
    if start.year == end.year:
        return f"{month[start.month - 1]}–{month[end.month - 1]} {start.year}"
    return f"{month[start.month - 1]} {start.year} – {month[end.month - 1]} {end.year}"


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
