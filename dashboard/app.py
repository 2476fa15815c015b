"""The dashboard: `streamlit run dashboard/app.py`.

The page only wires widgets to the pure functions of dashboard/ (filters, figures, detail,
export); all view state lives in the URL's query parameters.
"""

from __future__ import annotations

import functools
import os
import sys
from datetime import date
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # streamlit runs this file as a script

from dashboard import changes_view, review
from dashboard import filters as flt
from dashboard.data import plan_vs_actual
from dashboard.detail import excerpt_html, mentions_of, source_excerpt, source_lines
from dashboard.export import FORMATS, MIME, EmptyView, data_date, render, to_csv, to_xlsx
from dashboard.figures import dense_figure, hovered, is_dense, milestones, summarized, timeline
from dashboard.large import LargeTable, is_parquet, row_count
from dashboard.process_view import chain_figure, plan_actual_figure, plan_table
from dashboard.sources import citation, citations, read_sources
from dashboard.stages import reported_up_to
from dashboard.table_index import TableIndex
from dashboard.table_view import display_table
from dashboard.text import count_line, date_label, format_date, headline_of, label, md_plain, t
from dashboard.uploads import MAX_UPLOAD_BYTES, UploadError, safe_name, save_upload, uploaded_names, with_origin
from events import build as pipeline
from events import corrections
from events.documents import SUFFIXES
from events.table import DEFAULT_TABLE, TableError, companions, links_frame

TABLE = Path(os.environ.get("AIRT_TABLE", DEFAULT_TABLE))
CORPUS = Path(os.environ.get("AIRT_CORPUS", pipeline.SEEDS))
TEXTS = companions(TABLE)["texts"]
UPLOADS = Path(os.environ.get("AIRT_UPLOADS", Path(__file__).resolve().parent.parent / "uploads"))
STORE = Path(os.environ.get("AIRT_CORRECTIONS", companions(TABLE)["corrections"]))
MAX_LISTED = 500  # events offered in a choice list (narrow the filters for others)
MAX_TABLE_ROWS = 1000  # rows shown in the table (the downloads hold all)
# A Parquet table of this many rows or more is large: DuckDB filters and counts over its files
# (dashboard/large.py) and no row is read into memory at start; the views that draw single rows
# read them when the filters leave no more than FETCH_MOST.
LARGE_FROM = int(os.environ.get("AIRT_LARGE_FROM", 200_000))
FETCH_MOST = 20_000

st.set_page_config(page_title="AI-regulation timeline", layout="wide")


@st.cache_data(show_spinner=False)
def sources_of(path: str, modified: float) -> dict:
    return read_sources(Path(path))


def query_params() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def seed_widgets(filters: flt.Filters) -> None:
    """Put the URL's filters into the widgets, once per session or after a reset."""
    for name in flt.LIST_FILTERS:
        st.session_state[f"w_{name}"] = list(getattr(filters, name))
    st.session_state["w_from"] = filters.start
    st.session_state["w_to"] = filters.end
    st.session_state["w_q"] = filters.q
    st.session_state["w_asof"] = filters.asof
    st.session_state["w_show_all"] = filters.show_all
    st.session_state["w_all_topics"] = filters.all_topics
    st.session_state["w_lang"] = filters.lang
    st.session_state["seeded"] = True


def seed_view_state(state: dict[str, str]) -> None:
    """Put the URL's tab, view, event and export settings into the widgets."""
    st.session_state["tab_key"] = state["tab"]
    st.session_state["w_view"] = state["view"]
    st.session_state["w_size"] = state["size"]
    st.session_state["w_format"] = state["format"]
    st.session_state["w_event"] = state["event"] or None
    changes_view.seed(state)


def state_filters(lang: str) -> flt.Filters:
    """The filters the widgets hold now."""
    return flt.Filters(
        **{name: tuple(st.session_state.get(f"w_{name}", [])) for name in flt.LIST_FILTERS},
        start=st.session_state.get("w_from"), end=st.session_state.get("w_to"),
        q=st.session_state.get("w_q", ""), asof=st.session_state.get("w_asof"),
        show_all=bool(st.session_state.get("w_show_all")), all_topics=bool(st.session_state.get("w_all_topics")),
        lang=lang)


def reset() -> None:
    st.query_params.clear()
    st.session_state["notices"] = ()
    seed_widgets(flt.Filters())
    seed_view_state(flt.parse_view_state({})[0] | {"tab": st.session_state.get("tab_key", "timeline")})


def folder_signature(folder: Path) -> tuple:
    if not folder.is_dir():
        return ()
    return tuple(sorted((p.name, p.stat().st_size, p.stat().st_mtime) for p in folder.iterdir() if p.is_file()))


# The result is made once and shared, not copied on every run (st.cache_data would unpickle a
# copy each time: half a second for 100,000 events); nothing below changes it in place.
@st.cache_resource(show_spinner=False, max_entries=4)
def prepared(table_key: tuple, uploads_key: tuple, store_key: tuple):
    """The pipeline's result (events/build.py current: the bundled documents as built, the
    uploads added, the corrections last) and what every run needs of it: the values each
    filter accepts and the number of events. Made again when the table, the uploads or the
    corrections change."""
    result = pipeline.current(TABLE, [UPLOADS], STORE)
    all_events = with_origin(result.table, uploaded_names(UPLOADS))
    return dict(links=result.links, skipped=result.skipped, documents=frozenset(result.extraction.sources["file"]),
                bundled=all_events[all_events["origin"] != "upload"], not_applied=result.not_applied,
                all_events=all_events, allowed=flt.allowed_values(all_events),
                total=flt.only_events(all_events)["cluster"].nunique(), index=TableIndex(all_events))


@st.cache_resource(show_spinner=False, max_entries=2)
def large_prepared(table_key: tuple) -> dict | None:
    """The large mode, for a Parquet table of LARGE_FROM rows or more: the table through DuckDB
    and what every run needs of it (the table as built: uploads and corrections saved since
    join at the next build); None for a smaller table, which `prepared` reads."""
    if not (is_parquet(TABLE) and TABLE.exists()) or row_count(TABLE) < LARGE_FROM:
        return None
    large = LargeTable(TABLE)
    names = large.names()  # what parse_query and allowed_values read of a table
    return dict(large=large, names=names, allowed=flt.allowed_values(names), total=large.total,
                documents=frozenset(names["doc"]), links=links_frame([]), skipped=[], not_applied=[])


def prepared_or_stop() -> tuple[tuple, dict]:
    key = ((str(TABLE), TABLE.stat().st_mtime_ns if TABLE.exists() else 0), folder_signature(UPLOADS), store_key())
    try:
        state = large_prepared(key[0]) or prepared(*key)
    except TableError as exc:
        st.error(t("table_missing", "nl", error=md_plain(exc)) + "\n\n" + t("table_missing", "en", error=md_plain(exc)))
        st.stop()
    if (state["large"].rows == 0) if "large" in state else state["all_events"].empty:
        st.error(t("table_empty", "nl") + "\n\n" + t("table_empty", "en"))
        st.stop()
    return key, state


@st.cache_resource(show_spinner=False, max_entries=8)
def view_as_of(state_key: tuple, when: date | None, _all_events, _links, _index):
    """The table and links as the documents of `when` described them, with their TableIndex and
    the date of the newest document (made once per as-of date, not on every filter change)."""
    if when is None:
        return _all_events, _links, _index, data_date(_all_events)
    df, links = flt.as_of(_all_events, _links, when)
    return df, links, TableIndex(df), data_date(df)


def store_key() -> tuple:
    """What changes when a correction is saved (the store's files, and how many it holds)."""
    files = [STORE, STORE.with_name(STORE.name + "-wal")]
    stamps = tuple((f.stat().st_mtime_ns, f.stat().st_size) if f.exists() else None for f in files)
    return stamps, len(corrections.history(STORE)) if STORE.exists() else 0


_state_key, _state = prepared_or_stop()
LARGE = _state.get("large")  # the table through DuckDB, in the large mode
all_links, bundled = _state["links"], _state.get("bundled")
not_applied, all_events = _state["not_applied"], _state.get("all_events")
if "seeded" not in st.session_state:
    from_url = flt.parse_query(query_params(), all_events if LARGE is None else _state["names"])
    view_state, view_notices = flt.parse_view_state(query_params())
    if view_state["event"] and not (  # an event of another build, or a link mistyped
            view_state["event"] in set(all_events["cluster"]) if LARGE is None
            else len(LARGE.mentions(flt.Filters(), view_state["event"]))):
        view_notices.append(flt.notice("event", view_state["event"]))
        view_state["event"] = ""
    seed_widgets(from_url)
    seed_view_state(view_state)
    st.session_state["notices"] = (*from_url.notices, *view_notices)
SOURCES = sources_of(str(TABLE), companions(TABLE)["sources"].stat().st_mtime
                     if companions(TABLE)["sources"].exists() else 0.0)


def cite(doc: str, most: int = 0) -> str:
    """A document by title, reference and date (the file name for an upload without them)."""
    return citation(doc, SOURCES, lang, most)


lang = st.session_state.get("w_lang", "nl")
allowed = _state["allowed"]
if LARGE is None:
    df, links, index, newest = view_as_of(_state_key, st.session_state.get("w_asof"), all_events, all_links, _state["index"])
else:  # the as-of date is one more condition of DuckDB's queries
    df, links, index, newest = None, all_links, None, LARGE.newest(st.session_state.get("w_asof"))

filters = state_filters(lang)
TABS = flt.VIEW_STATE["tab"]
tab_labels = {key: t(f"tab_{key}", lang) for key in TABS}
if st.session_state.get("w_tab") in tab_labels.values():  # the tab the user opened (labels follow the language)
    st.session_state["tab_key"] = next(k for k, v in tab_labels.items() if v == st.session_state["w_tab"])
st.session_state["w_tab"] = tab_labels[st.session_state.get("tab_key", "timeline")]
query = flt.to_query(filters) | flt.view_state_query({
    "tab": st.session_state.get("tab_key", "timeline"), "view": st.session_state.get("w_view") or "timeline",
    "size": st.session_state.get("w_size", "slide"), "format": st.session_state.get("w_format", "png"),
    "event": st.session_state.get("w_event") or "", **changes_view.view_state()})
if query != {k: ",".join(v) for k, v in query_params().items()}:
    st.query_params.from_dict(query)

st.title(t("app_title", lang))
st.caption(t("caption", lang, data_date=format_date(newest, lang) if newest else "?"))
if st.session_state.get("notices"):
    st.warning(t("invalid", lang, values=", ".join(map(md_plain, flt.notices_shown(st.session_state["notices"])))))

if LARGE is None:
    keep = index.mask(filters)
    events = index.one_per_event(df, keep & index.is_event)
n_events = len(events) if LARGE is None else LARGE.count(filters)


@functools.cache
def rows() -> tuple | None:
    """The rows the filters leave (with references and context where the switch shows them)
    and their events; made where a view needs them, so that the summary timeline, which needs
    only `events`, is drawn before the table is made. In the large mode read through DuckDB,
    where there are no more than FETCH_MOST; else None (see narrow)."""
    listed = df[keep] if LARGE is None else LARGE.rows_of(filters, FETCH_MOST)
    if listed is None:
        return None
    listed = listed if LARGE is None else with_origin(listed, frozenset())
    return listed, flt.only_events(listed)


def rows_links():
    """The links the views of the rows draw: in the large mode, those among the rows read."""
    return links if LARGE is None else LARGE.links_among(rows()[0]["id"])


def narrow() -> None:
    """In the large mode, a view of single rows where the filters leave too many."""
    st.info(t("large_narrow", lang, n=LARGE.row_total(filters), most=FETCH_MOST))


def figure(shown_view: str, marks):
    """The timeline or the key milestones of the filters; None where a large table leaves too
    many rows for the milestones. In the large mode the summary is drawn of DuckDB's counts."""
    if shown_view == "milestones":
        return None if rows() is None else milestones(rows()[1], lang, date.today(), asof=filters.asof, sources=SOURCES)
    if LARGE is None:  # the summary of many events needs only the events
        return timeline(None if summarized(events) else rows()[1], lang, date.today(), links, events,
                        asof=filters.asof, sources=SOURCES, marks=marks)
    if summarized(n_events) or rows() is None:
        return dense_figure(LARGE.month_counts(filters), lang, filters.asof or date.today(), asof=filters.asof is not None)
    return timeline(rows()[1], lang, date.today(), rows_links(), asof=filters.asof, sources=SOURCES)


st.markdown(f"**{t('shown', lang, n=n_events, total=_state['total'])}**")
hidden = flt.hidden_topics(df, filters, index) if LARGE is None else LARGE.hidden_topics(filters)
if hidden:
    st.caption(t("hidden_topics", lang, n=hidden))
if LARGE is not None:
    st.caption(t("large_mode", lang, rows=LARGE.rows))
if filters.asof:
    st.info(t("asof_note", lang, date=format_date(filters.asof, lang),
              n=df["doc"].nunique() if LARGE is None else LARGE.documents(filters.asof)))
# only the open tab runs: a filter change redraws the timeline without building the others
timeline_tab, process_tab, documents_tab, review_tab, changes_tab = st.tabs(
    [tab_labels[k] for k in TABS], key="w_tab", on_change="rerun")
changed = changes_view.Context(TABLE, STORE, all_events, all_links, lambda: rows()[1], filters, lang, cite, _state_key)

if changes_tab.open:
    with changes_tab:
        if LARGE is None:
            changes_view.tab(changed)
        else:  # the builds of a large table are compared on the command line
            st.info(t("large_changes", lang))

if review_tab.open and rows() is None:
    with review_tab:
        narrow()
elif review_tab.open:
    with review_tab:
        review.tab(review.Context(store=STORE, bundled=bundled if LARGE is None else rows()[0], view=rows()[1],
                                  not_applied=not_applied, lang=lang, cite=cite, max_listed=MAX_LISTED))

if documents_tab.open:
    with documents_tab:
        files = st.file_uploader(t("upload", lang), accept_multiple_files=True, key="w_upload",
                                 type=[suffix.lstrip(".") for suffix in SUFFIXES],
                                 help=t("upload_help", lang, folder=UPLOADS))
        st.caption(t("upload_limit", lang, mb=MAX_UPLOAD_BYTES // (1024 * 1024)))
        for name, own in st.session_state.pop("kept_now", []):
            if name == own:
                st.success(t("uploaded", lang, name=md_plain(name)))
            else:  # its own name was taken: the earlier document stays, this one gets another name
                st.warning(t("upload_renamed", lang, name=md_plain(name), taken=md_plain(own)))
        taken = set(_state["documents"])
        kept_now = []
        for upload in files or []:
            if st.session_state.get(f"kept_{upload.file_id}"):
                continue
            try:
                kept = save_upload(UPLOADS, upload.name, upload.getvalue(), taken)
            except UploadError as exc:
                st.error(t("upload_skipped", lang, reason=md_plain(exc)))
                continue
            st.session_state[f"kept_{upload.file_id}"] = kept.name
            kept_now.append((kept.name, safe_name(upload.name)))
            taken.add(kept.name)
        if kept_now:  # run again, so that every view shows the new events
            st.session_state["kept_now"] = kept_now
            st.rerun()
        for reason in _state["skipped"]:
            st.warning(t("upload_skipped", lang, reason=md_plain(reason)))
        if LARGE is not None:  # kept, and read by the next build
            st.info(t("large_uploads", lang, folder=md_plain(UPLOADS)))
        elif not (uploaded := all_events[all_events["origin"] == "upload"]).empty:
            st.subheader(t("uploaded_docs", lang))
            st.dataframe(uploaded.groupby("doc").size().rename(t("table", lang)).reset_index()
                         .rename(columns={"doc": t("doc", lang)}), hide_index=True)

if process_tab.open and rows() is None:
    with process_tab:
        narrow()
elif process_tab.open:
    with process_tab:
        st.subheader(t("process_chain", lang))
        view = rows()[1]
        in_process = view[view["process"] != ""]
        if in_process.empty:
            st.info(t("no_process", lang))
        else:
            basis = reported_up_to(in_process)
            st.caption(t("process_when", lang, date=format_date(filters.asof or date.today(), lang),
                         basis=format_date(basis, lang) if basis else "?"))
            st.plotly_chart(chain_figure(in_process, lang, filters.asof), key="chain", config={"displaylogo": False})
        st.subheader(t("plan_actual", lang))
        pairs = plan_vs_actual(view, rows_links())  # the plans and outcomes the filters leave
        if pairs.empty:
            st.info(t("no_plans", lang))
        else:
            st.plotly_chart(plan_actual_figure(pairs, lang), key="plan_actual", config={"displaylogo": False})
            st.dataframe(plan_table(pairs, lang, cite), hide_index=True, width="stretch")

if timeline_tab.open:
    with timeline_tab:
        shown_view = st.segmented_control(t("view", lang), flt.VIEW_STATE["view"], key="w_view", required=True,
                                          format_func=lambda v: t(f"view_{v}", lang))
        marks = changes_view.timeline_marks(changed) if LARGE is None else None
        if not n_events:
            st.info(t("no_events", lang))
        else:
            fig = figure(shown_view, marks)
            if fig is None:
                narrow()
            elif is_dense(fig):
                st.info(t("dense", lang, n=n_events))
            elif fig.layout.meta.get("unlabelled"):
                st.caption(t("labels_note", lang, n=fig.layout.meta["labelled"], total=fig.layout.meta["events"]))
            if fig is not None and shown_view == "milestones" and (basis := reported_up_to(rows()[1])):
                st.caption(t("as_reported", lang, date=format_date(basis, lang)))
            chart = None if fig is None else st.plotly_chart(fig, key="timeline", on_select="rerun", selection_mode="points",
                                                             config={"scrollZoom": True, "displaylogo": False})
            listed_rows, view = rows() or (None, None)
            # a point clicked in the detailed timeline names its mention; the summary has no single events
            picked = [hovered(p, "id") for p in (chart.selection.points if chart else []) if hovered(p, "id")]
            picked_clusters = [] if view is None else list(view.loc[view["id"].isin(picked), "cluster"].unique())

            st.subheader(t("detail", lang))
            listed_events = events.head(MAX_LISTED) if LARGE is None else LARGE.first_events(filters, MAX_LISTED)
            if n_events > MAX_LISTED:
                st.caption(t("listed_first", lang, n=MAX_LISTED, total=n_events))
            choices = list(listed_events["cluster"])
            names = {row.cluster: f"{date_label(row.start, row.end, row.precision, lang, row.date_text)} · "
                                  f"{headline_of(row, lang)}"
                     for row in listed_events.itertuples()}
            # a new click chooses its event; the same selection on later runs leaves the choice alone
            if picked_clusters and picked_clusters != st.session_state.get("last_pick") and picked_clusters[0] in choices:
                st.session_state["w_event"] = picked_clusters[0]
            st.session_state["last_pick"] = picked_clusters
            if st.session_state.get("w_event") not in choices:  # from a URL, or filtered away
                st.session_state["w_event"] = None
            chosen = st.selectbox(t("choose_event", lang), choices, key="w_event", index=None,
                                  placeholder=t("choose", lang), format_func=lambda c: names.get(c, c))
            if (chosen or "") != st.query_params.get("event", ""):  # a click, handled after the URL was written
                if chosen:
                    st.query_params["event"] = chosen
                else:
                    del st.query_params["event"]
            if chosen:
                for mention in (mentions_of(view, chosen) if LARGE is None else LARGE.mentions(filters, chosen)).itertuples():
                    st.markdown(f"**{md_plain(cite(mention.doc))}**, {t('line', lang)} {mention.line} · "
                                f"{label('statuses', mention.status, lang)}")
                    st.caption(f"{t('file', lang)}: `{mention.doc}`")
                    st.text(f"{date_label(mention.start, mention.end, mention.precision, lang, mention.date_text)}  ·  "
                            f"{t('written', lang)}: {mention.date_text}")
                    st.text(mention.quote)
                    excerpt = source_excerpt(source_lines(TEXTS, CORPUS, mention.doc), mention.line, mention.quote)
                    if excerpt:
                        with st.expander(t("source_text", lang)):
                            st.html(excerpt_html(excerpt))

            st.subheader(t("table", lang))
            if listed_rows is None:  # a large table's rows, more than the views read: the first, no downloads
                st.caption(t("large_table_first", lang, n=MAX_TABLE_ROWS, total=LARGE.row_total(filters), most=FETCH_MOST))
                st.dataframe(display_table(LARGE.head(filters, MAX_TABLE_ROWS), lang, cite), hide_index=True, width="stretch")
            else:
                if len(listed_rows) > MAX_TABLE_ROWS:
                    st.caption(t("table_first", lang, n=MAX_TABLE_ROWS, total=len(listed_rows)))
                st.dataframe(display_table(listed_rows.head(MAX_TABLE_ROWS), lang, cite), hide_index=True, width="stretch")
                left, right = st.columns(2)
                # made on click, not on every rerun: a large table would slow down every filter change
                left.download_button(t("download_csv", lang), lambda: to_csv(listed_rows),
                                     file_name="ai-regulation-events.csv", mime="text/csv")
                right.download_button(t("download_xlsx", lang), lambda: to_xlsx(listed_rows),
                                      file_name="ai-regulation-events.xlsx",
                                      mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")

            with st.expander(t("export", lang)):
                size = st.radio(t("export_size", lang), flt.VIEW_STATE["size"], horizontal=True, key="w_size",
                                format_func=lambda s: t(s, lang))
                fmt = st.radio(t("export_format", lang), FORMATS, horizontal=True, key="w_format",
                               format_func=lambda f: t("pptx_name", lang) if f == "pptx" else f.upper())
                st.caption(t("export_note", lang))
                if listed_rows is None:  # a large table's rows, more than the views read
                    narrow()
                elif st.button(t("export_make", lang), key="w_export"):
                    try:
                        data = render(df if LARGE is None else listed_rows, filters, fmt, size, shown_view or "timeline",
                                      date.today(), SOURCES)
                    except EmptyView as exc:
                        st.warning(md_plain(exc))
                    else:
                        st.download_button(f"{fmt.upper()} ↓", data, file_name=f"ai-regulation-{shown_view}.{fmt}",
                                           mime=MIME[fmt], key="w_download_export")

# The sidebar last: its widgets' values are in the session state before the run, so the views
# above read them already; drawn after the views, a filter change shows the timeline first
# while the counts under each filter follow.
current = filters
with st.sidebar:
    lang = st.radio(t("language", lang), flt.LANGUAGES, key="w_lang", horizontal=True,
                    format_func=lambda code: {"nl": "Nederlands", "en": "English"}[code])
    st.header(t("filters", lang))
    documents = citations(allowed["doc"], SOURCES, lang, 60)  # by title and reference, never a file's hash name
    for name in ("track", "institution", "type", "instrument", "status", "doc"):
        part = flt.SECTIONS.get(name)
        named = (lambda v, part=part: label(part, v, lang)) if part else (lambda v: documents.get(v, v))
        # options and their labels stay the same while other filters change (a multiselect
        # keeps its choice by label); setting the state anew relabels it after a language switch
        st.session_state[f"w_{name}"] = list(st.session_state.get(f"w_{name}", []))
        st.multiselect(t(name, lang), allowed[name], key=f"w_{name}", placeholder=t("choose", lang), format_func=named)
        counts = flt.option_counts(df, current, name, index) if LARGE is None else LARGE.option_counts(current, name)
        st.caption(md_plain(count_line(counts, named, chosen=getattr(current, name))))
    st.date_input(t("from", lang), key="w_from", value=None, format="YYYY-MM-DD")
    st.date_input(t("to", lang), key="w_to", value=None, format="YYYY-MM-DD")
    st.text_input(t("q", lang), key="w_q")
    st.date_input(t("asof", lang), key="w_asof", value=None, format="YYYY-MM-DD")
    st.toggle(t("show_all", lang), key="w_show_all", help=t("show_all_help", lang))
    st.toggle(t("all_topics", lang), key="w_all_topics", help=t("all_topics_help", lang))
    st.button(t("reset", lang), on_click=reset, type="secondary", key="w_reset")
