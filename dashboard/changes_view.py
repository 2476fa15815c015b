"""The Changes tab: what changed since an earlier build (a snapshot the build kept, see
events/snapshots.py) in the app's table as it stands (the build, the uploads and the
corrections saved since), filtered like the rest of the app; and the marks the timeline
puts on new and moved events when asked. The comparison is events/changes.py; the frames
for the screen are pure functions here, `tab` and `timeline_marks` draw."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard import filters as flt
from dashboard.text import date_label, format_date, label, md_plain, t
from events import snapshots as kept
from events.changes import KINDS, PLAN_KINDS, Build, compare, history_of, interval, of_snapshot, to_csv

# the kinds of change marked on the timeline, each with a style of its own (figures.MARK_STYLES)
MARKED = ("new", "moved")
# the vocabulary a changed field's values come from, for their labels
FIELD_PARTS = {"status": "statuses", "institutions": "institutions"}
DISPLAY = ("col_change", "date", "col_title", "doc", "col_what", "col_was", "col_now", "col_delay", "col_author",
           "col_note")


@dataclass
class Context:
    """What the tab needs of the page."""
    table: Path  # the table file, beside which its builds are kept
    store: Path  # the curation store
    all_events: pd.DataFrame  # the app's table: the build, the uploads, the corrections since
    links: pd.DataFrame
    view: Callable[[], pd.DataFrame]  # the events the filters leave (made when needed)
    filters: flt.Filters
    lang: str
    cite: Callable[..., str]  # a document by title and reference
    state_key: tuple  # changes when the table, the uploads or the corrections change


# --- pure functions ------------------------------------------------------------------------------

def default(builds: list[kept.Snapshot]) -> kept.Snapshot | None:
    """The build compared with when none is chosen: the one before the latest (so the latest
    build's changes show), else the only one (the uploads and corrections since)."""
    return builds[-2] if len(builds) > 1 else (builds[-1] if builds else None)


def live(all_events: pd.DataFrame, links: pd.DataFrame, latest: kept.Snapshot | None) -> Build:
    """The app's table as the newer side: its documents are those of the latest build and the
    uploads (whose text hash is not known), and it holds every correction saved."""
    inputs = {doc: "" for doc in all_events["doc"].unique()} | (dict(latest.inputs) if latest else {})
    return Build(all_events, links, inputs, None)


def filtered(changes: pd.DataFrame, now: set[str], then: set[str]) -> pd.DataFrame:
    """The changes of mentions that the filters leave, in the app's table (`now`) or in the
    earlier build (`then`, for what is gone); a plan also through the mention that reports it."""
    keep = [i in now or i in then or later in now
            for i, later in zip(changes["id"].tolist(), changes["later_id"].tolist(), strict=True)]
    return changes[keep]


def passing(table: pd.DataFrame, links: pd.DataFrame, filters: flt.Filters) -> set[str]:
    """The ids of a build's events that pass the filters (as of their date, where set)."""
    events = flt.only_events(flt.as_of(table, links, filters.asof)[0])
    return set(flt.apply(events, filters)["id"])


def marks(changes: pd.DataFrame) -> dict[str, str]:
    """Cluster -> mark for the timeline: "new" for an event none of whose mentions the earlier
    build had, "moved" for one a mention of which has other dates now."""
    marked = changes[changes["kind"].isin(MARKED)]
    return dict(zip(marked["cluster"], marked["kind"], strict=True))


def _span(value: str, lang: str) -> str:
    """An ISO date or interval (start/end) in the interface language, as a reader writes it."""
    if not value:
        return ""
    start, _, end = value.partition("/")
    return date_label(date.fromisoformat(start), date.fromisoformat(end or start), "", lang)


def _value(field: str, value: str, lang: str) -> str:
    if field == "dates":
        return _span(value, lang)
    if field in FIELD_PARTS:
        return ", ".join(label(FIELD_PARTS[field], v, lang) for v in value.split(";") if v)
    return value


def _what(row: Mapping[str, str], lang: str, cite: Callable[..., str]) -> str:
    """What changed, in words: the reason for a new or gone event, the field, the document
    that reports a plan, or the correction's action."""
    if row["kind"] in PLAN_KINDS.values():
        return t(f"change_reported_{row['kind']}", lang, doc=cite(row["later_doc"]))
    if row["kind"] in ("moved", "changed"):
        return t(f"field_{row['field']}", lang)
    if row["kind"] == "correction":
        return row["field"]
    return t(f"reason_{row['reason']}", lang)


def display(changes: pd.DataFrame, lang: str, cite: Callable[..., str]) -> pd.DataFrame:
    """The changes for the screen: one row each, labels and dates in `lang`, documents by title."""
    rows = []
    for row in changes.to_dict("records"):
        plan = row["kind"] in PLAN_KINDS.values()
        rows.append([
            t(f"change_{row['kind']}", lang), _span(interval(row["start"], row["end"]), lang),
            row.get(f"title_{lang}") or row["title"],  # the headline in the interface language
            cite(row["doc"]) if row["doc"] else "", _what(row, lang, cite),
            _span(row["old"], lang) if plan else _value(row["field"], row["old"], lang),
            _span(row["new"], lang) if plan else _value(row["field"], row["new"], lang),
            row["delay_days"], row["author"], row["note"]])
    return pd.DataFrame(rows, columns=[t(key, lang) for key in DISPLAY])


def counts(changes: pd.DataFrame, lang: str) -> str:
    """How many changes of each kind: 'Nieuw 23 · Verschoven 7'."""
    found = changes["kind"].value_counts()
    return " · ".join(f"{t(f'change_{kind}', lang)} {found[kind]}" for kind in KINDS if kind in found)


def build_name(snapshot: kept.Snapshot, lang: str) -> str:
    """A build as the choice list names it: its date and time (UTC) and its name."""
    return f"{format_date(snapshot.taken.date(), lang)} {snapshot.taken:%H:%M} UTC ({snapshot.name})"


# --- the page ------------------------------------------------------------------------------------

def seed(state: Mapping[str, str]) -> None:
    """Put the URL's choice of build and of marks into the widgets."""
    if state.get("since"):
        st.session_state["w_since"] = state["since"]
    else:
        st.session_state.pop("w_since", None)
    st.session_state["w_marks"] = state.get("marks") == "on"


def view_state() -> dict[str, str]:
    """The choice of build and of marks, for the URL."""
    return {"since": st.session_state.get("w_since") or "", "marks": "on" if st.session_state.get("w_marks") else "off"}


def _chosen(builds: list[kept.Snapshot], lang: str) -> kept.Snapshot | None:
    """The build the URL or the choice list names; the default where it names none that is kept."""
    by_name = {b.name: b for b in builds}
    asked = st.session_state.get("w_since")
    if asked and asked not in by_name:
        st.warning(t("invalid", lang, values=md_plain(f"since={asked}")))
        st.session_state.pop("w_since")
    return by_name.get(st.session_state.get("w_since")) or default(builds)


@st.cache_resource(show_spinner=False, max_entries=4)
def _compared(state_key: tuple, name: str, _ctx: Context) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The changes since one build, and that build's table and links (made once per build and
    state of the app's table)."""
    builds = kept.listing(_ctx.table)
    earlier = of_snapshot(next(b for b in builds if b.name == name))
    history, _ = history_of(_ctx.store)  # the Review tab names a store that cannot be read
    return compare(earlier, live(_ctx.all_events, _ctx.links, builds[-1]), history), earlier.table, earlier.links


@st.cache_resource(show_spinner=False, max_entries=8)
def _passing_then(state_key: tuple, name: str, query: tuple, _filters: flt.Filters, _table: pd.DataFrame,
                  _links: pd.DataFrame) -> set[str]:
    """The earlier build's events the filters leave (made once per build and filters: a large
    table takes a second)."""
    return passing(_table, _links, _filters)


def changes_of(ctx: Context, old: kept.Snapshot) -> pd.DataFrame:
    """The changes since a build that the filters leave; SnapshotError where it cannot be read."""
    changes, table, links = _compared(ctx.state_key, old.name, ctx)
    if not ctx.filters.active():
        return changes
    query = tuple(sorted(flt.to_query(ctx.filters).items()))
    return filtered(changes, set(ctx.view()["id"]),
                    _passing_then(ctx.state_key, old.name, query, ctx.filters, table, links))


def timeline_marks(ctx: Context) -> dict[str, str] | None:
    """The switch that marks new and moved events on the timeline (where a build is kept), and
    the marks when it is on."""
    builds = kept.listing(ctx.table)
    if not builds or not st.toggle(t("changes_marks", ctx.lang), key="w_marks", help=t("changes_marks_help", ctx.lang)):
        return None
    try:
        return marks(changes_of(ctx, _chosen(builds, ctx.lang)))
    except kept.SnapshotError as exc:
        st.error(md_plain(exc))
        return None


def tab(ctx: Context) -> None:
    """The Changes tab."""
    lang = ctx.lang
    builds, damaged = kept.survey(ctx.table)
    for problem in damaged:  # named here; the builds that can be read are offered
        st.warning(md_plain(problem))
    if not builds:
        st.info(t("changes_no_builds", lang))
        return
    by_name = {b.name: b for b in reversed(builds)}  # the newest first
    st.session_state["w_since"] = _chosen(builds, lang).name
    old = by_name[st.selectbox(t("changes_since", lang), list(by_name), key="w_since",
                               format_func=lambda n: build_name(by_name[n], lang))]
    try:
        changes = changes_of(ctx, old)
    except kept.SnapshotError as exc:
        st.error(md_plain(exc))
        return
    st.caption(t("changes_intro", lang))
    if changes.empty:
        st.info(t("changes_one_build", lang, build=build_name(old, lang)) if len(builds) == 1 else t("changes_none", lang))
        return
    st.markdown(md_plain(counts(changes, lang)))
    st.dataframe(display(changes, lang, ctx.cite), hide_index=True, width="stretch")
    st.download_button(t("download_csv", lang), lambda: to_csv(changes).encode("utf-8-sig"),
                       file_name="ai-regulation-changes.csv", mime="text/csv", key="w_changes_csv")
