"""The view's filters: read from and written to URL query parameters, validated, and applied
to the events table. Pure functions: a DataFrame and parameters in, a frame out."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import date

import pandas as pd

from dashboard.table_index import TableIndex
from events.vocabulary import COLUMN_SECTIONS, vocabulary

LANGUAGES = ("nl", "en")
# URL parameter for each multi-valued filter, and the table column it tests
LIST_FILTERS = {"track": "track", "institution": "institutions", "type": "event_type",
                "instrument": "instrument", "status": "status", "doc": "doc"}
# the vocabulary section of each list filter that has one (documents have none)
SECTIONS = {name: COLUMN_SECTIONS.get(column, "instruments") for name, column in LIST_FILTERS.items()
            if column in COLUMN_SECTIONS or column == "instrument"}
# the topics the views show unless asked for all (`topic=all`): the first of the vocabulary's
# (AI), and rows of no topic (a table from before topics)
SHOWN_TOPICS = ("", next(iter(vocabulary().topic_words)))


@dataclass(frozen=True)
class Filters:
    track: tuple[str, ...] = ()
    institution: tuple[str, ...] = ()
    type: tuple[str, ...] = ()
    instrument: tuple[str, ...] = ()
    status: tuple[str, ...] = ()
    doc: tuple[str, ...] = ()
    start: date | None = None  # URL "from"
    end: date | None = None  # URL "to"
    q: str = ""
    asof: date | None = None  # only documents dated on or before it
    show_all: bool = False  # URL "kinds=all": references and context too, in the table
    all_topics: bool = False  # URL "topic=all": events on other topics than AI too
    lang: str = "nl"
    notices: tuple[str, ...] = field(default=(), compare=False)

    def active(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self) if f.name not in ("lang", "notices"))


def allowed_values(df: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    """The values each list filter accepts: the vocabularies, and the documents in the table."""
    vocab = vocabulary()
    in_table = sorted({n for names in df["institutions"] for n in names})
    institutions = tuple(dict.fromkeys([*vocab.institution_names, *in_table]))
    numbered = sorted({v for v in df["instrument"].unique() if v}) if "instrument" in df.columns else []
    instruments = tuple(dict.fromkeys([*(i.key for i in vocab.instruments), *numbered]))
    return {"track": vocab.keys("tracks"), "institution": institutions,
            "type": vocab.keys("event_types"), "instrument": instruments, "status": vocab.keys("statuses"),
            "doc": tuple(sorted(df["doc"].unique()))}


# Dates a user may give (from, to, asof): the timeline pads its range by weeks, and no document
# about AI regulation is dated outside these years.
EARLIEST, LATEST = date(1900, 1, 1), date(2199, 12, 31)
NOTICE_CHARS = 60  # of a value quoted in a notice: a long parameter is named, not repeated


def notice(name: str, value: str) -> str:
    """How a notice names a parameter that was not valid: `name=value`, the value shortened."""
    return f"{name}={value if len(value) <= NOTICE_CHARS else value[:NOTICE_CHARS - 1] + '…'}"


def notices_shown(notices: tuple[str, ...] | list[str], most: int = 8) -> list[str]:
    """The notices a page shows: the first `most`, and how many more there are."""
    shown = list(dict.fromkeys(notices))
    return shown if len(shown) <= most else [*shown[:most], f"… (+{len(shown) - most})"]


def _values(raw) -> list[str]:
    """Repeated parameters and comma-separated values alike."""
    items = [raw] if isinstance(raw, str) else list(raw or [])
    return [v.strip() for item in items for v in str(item).split(",") if v.strip()]


def _match(value: str, allowed: Sequence[str]) -> str | None:
    """The allowed value meant, matched without regard to case or to a Dutch or English label."""
    vocab = vocabulary()
    wanted = value.casefold()
    for key in allowed:
        labels = {key, vocab.institution_label(key, "nl"), vocab.institution_label(key, "en"),
                  vocab.instrument_label(key, "nl"), vocab.instrument_label(key, "en")}
        for part in ("tracks", "event_types", "statuses"):
            labels |= {vocab.label(part, key, "nl"), vocab.label(part, key, "en")}
        if wanted in {label.casefold() for label in labels}:
            return key
    return None


def parse_query(params: Mapping[str, object], df: pd.DataFrame) -> Filters:
    """Filters from URL parameters; a value that is not valid is dropped with a notice."""
    notices: list[str] = []
    allowed = allowed_values(df)
    chosen: dict[str, tuple[str, ...]] = {}
    for name in LIST_FILTERS:
        kept = []
        for value in _values(params.get(name)):
            match = _match(value, allowed[name])
            if match is None:
                notices.append(notice(name, value))
            elif match not in kept:
                kept.append(match)
        chosen[name] = tuple(kept)
    dates: dict[str, date | None] = {}
    for name in ("from", "to", "asof"):
        values = _values(params.get(name))
        dates[name] = None
        if values:
            try:
                dates[name] = date.fromisoformat(values[0])
            except ValueError:
                notices.append(notice(name, values[0]))
                continue
            if not EARLIEST <= dates[name] <= LATEST:
                notices.append(notice(name, values[0]))
                dates[name] = None
    if dates["from"] and dates["to"] and dates["from"] > dates["to"]:
        notices.append(f"from={dates['from']} > to={dates['to']}")
        dates["from"], dates["to"] = dates["to"], dates["from"]
    q = " ".join(_values(params.get("q")))[:200]
    kinds = (_values(params.get("kinds")) or ["events"])[0].lower()
    if kinds not in ("all", "events"):
        notices.append(notice("kinds", kinds))
    topic = (_values(params.get("topic")) or [SHOWN_TOPICS[1]])[0].lower()
    if topic not in ("all", SHOWN_TOPICS[1]):
        notices.append(notice("topic", topic))
    lang = (_values(params.get("lang")) or ["nl"])[0].lower()
    if lang not in LANGUAGES:
        notices.append(notice("lang", lang))
        lang = "nl"
    return Filters(start=dates["from"], end=dates["to"], asof=dates["asof"], q=q, lang=lang,
                   show_all=kinds == "all", all_topics=topic == "all", notices=tuple(notices), **chosen)


def to_query(filters: Filters) -> dict[str, list[str] | str]:
    """URL parameters for the filters, only those that are set (lists comma-separated)."""
    query: dict[str, list[str] | str] = {}
    for name in LIST_FILTERS:
        values = getattr(filters, name)
        if values:
            query[name] = ",".join(values)
    if filters.start:
        query["from"] = filters.start.isoformat()
    if filters.end:
        query["to"] = filters.end.isoformat()
    if filters.q:
        query["q"] = filters.q
    if filters.asof:
        query["asof"] = filters.asof.isoformat()
    if filters.show_all:
        query["kinds"] = "all"
    if filters.all_topics:
        query["topic"] = "all"
    if filters.lang != "nl":
        query["lang"] = filters.lang
    return query


# The rest of the view's state in the URL: the open tab, the timeline's view, the export
# settings and the marks of changes on the timeline, each with its values, the first the default
# (left out of the URL); and the chosen event and earlier build, free values checked where used.
VIEW_STATE = {"tab": ("timeline", "process", "documents", "review", "changes"), "view": ("timeline", "milestones"),
              "size": ("slide", "a4"), "format": ("png", "svg", "pdf", "pptx"), "marks": ("off", "on")}
FREE_STATE = ("event", "since")


def parse_view_state(params: Mapping[str, object]) -> tuple[dict[str, str], list[str]]:
    """The tab, view, export settings, marks, event and earlier build of the URL (defaults
    where absent), and a notice for each value that is not valid."""
    state, notices = {}, []
    for name, allowed in VIEW_STATE.items():
        value = (_values(params.get(name)) or [allowed[0]])[0].lower()
        if value not in allowed:
            notices.append(notice(name, value))
            value = allowed[0]
        state[name] = value
    for name in FREE_STATE:
        state[name] = (_values(params.get(name)) or [""])[0][:64]
    return state, notices


def view_state_query(state: Mapping[str, str]) -> dict[str, str]:
    """URL parameters for the view state: only what differs from the defaults."""
    query = {name: state[name] for name, allowed in VIEW_STATE.items() if state.get(name, allowed[0]) != allowed[0]}
    query |= {name: state[name] for name in FREE_STATE if state.get(name)}
    return query


def only_events(df: pd.DataFrame) -> pd.DataFrame:
    """The rows that date events: references and context stay off the timeline, the exports and
    the process view."""
    if "kind" not in df.columns:
        return df
    events = (df["kind"] == "event").to_numpy(bool)
    return df if events.all() else df[events]


def apply(df: pd.DataFrame, filters: Filters, skip: str | None = None, index: TableIndex | None = None
          ) -> pd.DataFrame:
    """The events that pass every filter (but `skip`, to count what that filter would leave);
    references and context too where the filters show all kinds. `index`: the table's
    TableIndex, where the caller keeps one."""
    return df[mask(df, filters, skip, index).to_numpy()]


def mask(df: pd.DataFrame, filters: Filters, skip: str | None = None, index: TableIndex | None = None
         ) -> pd.Series:
    """Which rows pass the filters (see apply); selecting a few columns by it is quicker than
    the whole frame."""
    index = TableIndex(df) if index is None else index
    return pd.Series(index.mask(filters, skip), index=df.index)


def hidden_topics(df: pd.DataFrame, filters: Filters, index: TableIndex | None = None) -> int:
    """How many events (clusters) the other filters leave that are hidden for their topic."""
    return (TableIndex(df) if index is None else index).hidden_topics(filters)


def option_counts(df: pd.DataFrame, filters: Filters, name: str, index: TableIndex | None = None) -> dict[str, int]:
    """For one list filter, how many events (clusters) each of its values would leave with
    the other filters."""
    return (TableIndex(df) if index is None else index).option_counts(filters, name)


def as_of(df: pd.DataFrame, links: pd.DataFrame, when: date | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The events and links as the documents dated on or before `when` described them: later
    documents are left out, so the plans stand as they then stood."""
    if when is None:
        return df, links
    kept = df[df["doc_date"].map(lambda d: d is not None and d <= when)].copy()
    ids = set(kept["id"])
    kept_links = links[links["from_id"].isin(ids) & links["to_id"].isin(ids)]
    kept["superseded_by"] = kept["superseded_by"].where(kept["superseded_by"].isin(ids), "")
    return kept, kept_links
