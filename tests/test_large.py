"""dashboard/large.py: DuckDB over the Parquet table gives the answers of the pandas path
(filters, data.one_per_event, detail.mentions_of) on the seeds' table, written as one file and
as a folder of years; and no value a user gives is read as SQL."""

from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest

from dashboard import figures
from dashboard import filters as flt
from dashboard.data import one_per_event
from dashboard.detail import mentions_of
from dashboard.large import LargeTable, row_count, search_pattern
from dashboard.table_index import TableIndex
from dashboard.text import headlines
from events import parquet
from events.table import FILE_MODE, FOLDER_MODE, TableError, companions, read_links, read_table
from tests.conftest import run_module


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The seeds' table as Parquet, as the build writes it."""
    out = tmp_path_factory.mktemp("large") / "events.parquet"
    done = run_module("events", "build", "seeds", "--out", out, "--no-progress")
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="module")
def df(built) -> pd.DataFrame:
    return read_table(built)


@pytest.fixture(scope="module", params=["file", "folder"])
def large(request, built, df, tmp_path_factory) -> LargeTable:
    """The table through DuckDB: the build's file, and the same rows as a folder of years
    (year=YYYY/part-0.parquet, as a table above PARTITION_ROWS is written)."""
    if request.param == "file":
        return LargeTable(built)
    folder = tmp_path_factory.mktemp("folder") / "events.parquet"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(parquet, "PARTITION_ROWS", 10)
        parquet.write(df, folder, FILE_MODE, FOLDER_MODE)
    assert folder.is_dir()
    return LargeTable(folder)


def in_table_order(large: LargeTable, df: pd.DataFrame) -> pd.DataFrame:
    """The pandas path's table in the order DuckDB reads the files: the file's order, or, for a
    folder, the years' order, as events.parquet.read gives it."""
    return read_table(large.path) if large.path.is_dir() else df


FILTERS = [
    flt.Filters(), flt.Filters(track=("eu",)), flt.Filters(institution=("CAI", "Tweede Kamer")),
    flt.Filters(q="AI-verdrag"), flt.Filters(q="TELECOMRAAD"), flt.Filters(type=("meeting", "adoption")),
    flt.Filters(status=("planned",), start=date(2022, 1, 1), end=date(2024, 6, 1)),
    flt.Filters(doc=("001_16388edc88916bbf.txt",), track=("netherlands",)),
    flt.Filters(show_all=True), flt.Filters(show_all=True, q="2019"), flt.Filters(track=("eu",), q="zzz-nothing"),
    flt.Filters(asof=date(2023, 6, 1)), flt.Filters(asof=date(2023, 6, 1), show_all=True, track=("council_of_europe",)),
]


def pandas_view(df: pd.DataFrame, built: Path, filters: flt.Filters) -> tuple[pd.DataFrame, TableIndex]:
    """The table the app filters (filters.as_of's, for an as-of date) and its index."""
    if filters.asof:
        df, _ = flt.as_of(df, read_links(companions(built)["links"], df), filters.asof)
    return df, TableIndex(df)


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: "&".join(f"{k}={v}" for k, v in flt.to_query(f).items()) or "none")
def test_duckdb_answers_as_the_pandas_path_does(large, df, built, filters):
    table, index = pandas_view(in_table_order(large, df), built, filters)
    keep = index.mask(filters)
    events = index.one_per_event(table, keep & index.is_event)

    rows = large.rows_of(filters, most=10_000)
    pd.testing.assert_frame_equal(rows, table[keep].reset_index(drop=True))
    assert large.row_total(filters) == int(keep.sum())
    assert large.rows_of(filters, most=int(keep.sum()) - 1) is None or not keep.any()

    assert large.count(filters) == len(events)
    for name in flt.LIST_FILTERS:
        assert large.option_counts(filters, name) == index.option_counts(filters, name), name

    counts, expected = large.month_counts(filters), figures.month_counts(events)
    pd.testing.assert_frame_equal(counts.groups, expected.groups, check_dtype=False)
    assert (counts.first, counts.last, counts.events) == (expected.first, expected.last, expected.events)
    if len(events):  # the summary drawn of DuckDB's counts is the one drawn of the events
        assert (figures.dense_figure(counts, "en", date(2026, 11, 23)).to_dict()
                == figures.dense_timeline(events, "en", date(2026, 11, 23)).to_dict())

    listed = large.first_events(filters, 7)
    columns = ["cluster", "id", "start", "end", "title", "track", "status", "sources"]
    pd.testing.assert_frame_equal(listed[columns], events.head(7)[columns].reset_index(drop=True), check_dtype=False)

    view = flt.only_events(table[keep])
    for cluster in [*events["cluster"].head(3), *events.loc[events["sources"] > 1, "cluster"].head(3)]:
        pd.testing.assert_frame_equal(large.mentions(filters, cluster),
                                      mentions_of(view, cluster).reset_index(drop=True))


def test_the_table_its_values_and_its_size(large, df):
    assert large.rows == len(df) == row_count(large.path)
    assert large.total == flt.only_events(df)["cluster"].nunique()
    assert flt.allowed_values(large.names()) == flt.allowed_values(df)
    assert large.documents() == df["doc"].nunique()
    then = df[df["doc_date"].map(lambda d: d is not None and d <= date(2023, 6, 1))]
    assert large.documents(date(2023, 6, 1)) == then["doc"].nunique() > 0
    assert large.newest() == max(d for d in df["doc_date"] if d)
    assert large.newest(date(2023, 6, 1)) == max(then["doc_date"])


def test_the_first_rows_and_the_links_among_rows(large, df, built):
    table = in_table_order(large, df)
    filters = flt.Filters(track=("council_of_europe",), show_all=True)
    rows = flt.apply(table, filters)
    pd.testing.assert_frame_equal(large.head(filters, 5), rows.head(5).reset_index(drop=True))
    links = read_links(companions(built)["links"], read_table(built))
    assert len(links)
    among = links[links["from_id"].isin(rows["id"]) & links["to_id"].isin(rows["id"])].reset_index(drop=True)
    if large.has_links:
        assert len(among)
        pd.testing.assert_frame_equal(large.links_among(rows["id"]), among)
    assert large.links_among([]).empty


def test_a_whole_event_is_one_row_and_its_mentions_are_all_there(large, df):
    events = one_per_event(flt.only_events(df))
    shared = events[events["sources"] > 1].iloc[0]
    mentions = large.mentions(flt.Filters(all_topics=True), shared["cluster"])
    assert len(mentions) == shared["sources"] and set(mentions["doc"]) == set(shared["docs"].split(", "))
    assert large.mentions(flt.Filters(), "no-such-cluster").empty


HOSTILE = ["'; DROP TABLE ix; --", "\" OR 1=1 --", r"\E.*\Q", "%", "_", ".*", "(?i)", "a\nb", "?", "$1", "\x00"]


@pytest.mark.parametrize("value", HOSTILE, ids=repr)
def test_no_value_a_user_gives_is_read_as_sql_or_as_a_pattern(large, df, value):
    quotes = df["title"].str.casefold() + "\n" + df["quote"].str.casefold()
    assert large.row_total(flt.Filters(q=value, show_all=True, all_topics=True)) == sum(value.casefold() in q for q in quotes)
    assert large.count(flt.Filters(institution=(value,))) == 0
    assert large.option_counts(flt.Filters(track=(value,), doc=(value,)), "status") == {}
    assert large.mentions(flt.Filters(), value).empty
    assert large.rows == len(df)  # the table is still there, whole


def test_the_search_pattern_matches_as_casefolded_text_does():
    import duckdb

    texts = ["Het AI-Verdrag", r"a\Eb \Q x", "Straße", "STRASSE", "ÉCOLE", "x.*y", "(a|b)", "a\nb", "100%_done"]
    needles = ["verdrag", r"\E", r"\Eb \Q", "strasse", "straße", "école", ".*", "(a|b)", "a\nb", "%_", "", "ss"]
    con = duckdb.connect()
    for needle in needles:
        for text in texts:
            found = con.execute("SELECT regexp_matches(?, ?)", [text, search_pattern(needle)]).fetchone()[0]
            assert found == (needle.casefold() in text.casefold()), (needle, text)


# --- the app in the large mode -------------------------------------------------------------------

@pytest.fixture
def large_app(built, monkeypatch, isolated_app):
    """The app on the seeds' Parquet table in the large mode (AIRT_LARGE_FROM=0 makes any table
    large), its events summarized (DENSE_FROM lowered), and the pipeline and the Parquet
    reader out of reach: the large mode reads no rows into pandas at start."""
    from dashboard import figures
    from events import build

    def unread(*args, **kwargs):
        raise AssertionError("the large mode read the whole table")

    monkeypatch.setenv("AIRT_TABLE", str(built))
    monkeypatch.setenv("AIRT_LARGE_FROM", "0")
    monkeypatch.setattr(figures, "DENSE_FROM", 10)
    monkeypatch.setattr(build, "current", unread)
    monkeypatch.setattr(parquet, "read", unread)


def summary(at) -> tuple[dict, int]:
    """The timeline's figure as the page has it, and the events its dots count."""
    import json

    [chart] = at.get("plotly_chart")
    fig = json.loads(chart.proto.spec)
    return fig, sum(point[0] for trace in fig["data"] for point in trace["customdata"])


def test_the_large_mode_aggregates_the_timeline_narrows_it_and_shows_an_events_mentions(large_app, df):
    from tests.apptest import rendered, shown
    from tests.apptest import run_app as app

    events = flt.only_events(df)
    total = events["cluster"].nunique()
    on_topic = events[events["topic"].isin(flt.SHOWN_TOPICS)]  # events on other topics than AI are hidden
    n = on_topic["cluster"].nunique()
    at = app()
    assert not at.exception
    assert shown(at) == f"**{n} van {total} gebeurtenissen**" and n < total
    assert any(c.value.startswith(f"{total - n} gebeurtenissen over andere onderwerpen") for c in at.caption)
    assert any(c.value.startswith(f"Grote tabel ({len(df)} rijen, Parquet)") for c in at.caption)
    assert any("samengevat per maand" in i.value for i in at.info)
    fig, counted = summary(at)
    assert fig["layout"]["meta"] == {"dense": True, "events": n} and counted == n

    at.toggle(key="w_all_topics").set_value(True).run()  # the events on other topics too: as dense a view
    assert shown(at) == f"**{total} van {total} gebeurtenissen**" and at.query_params["topic"] == "all"
    at.multiselect(key="w_track").set_value(["eu"]).run()
    eu = events[events["track"] == "eu"]
    assert not at.exception and shown(at) == f"**{eu['cluster'].nunique()} van {total} gebeurtenissen**"
    assert summary(at)[1] == eu["cluster"].nunique()
    statuses = eu.groupby("status")["cluster"].nunique()
    assert f"gebeurd {statuses['happened']}" in rendered(" ".join(c.value for c in at.caption))

    box = at.selectbox(key="w_event")
    chosen = box.options[0]
    box.select_index(0).run()
    assert not at.exception
    cluster = at.selectbox(key="w_event").value
    assert cluster == one_per_event(eu)["cluster"].iloc[0]  # the first event on the page
    mentions = eu[eu["cluster"] == cluster]
    assert any(chosen.endswith(title) for title in headlines(mentions, "nl"))  # its headline in the page's language
    texts = [x.value for x in at.text]
    assert all(any(quote in text for text in texts) for quote in mentions["quote"])
    assert at.query_params["event"] == cluster and at.query_params["track"] == "eu"


def test_the_other_views_of_the_large_mode_work_on_the_rows_the_filters_leave(large_app):
    from tests.apptest import open_tab
    from tests.apptest import run_app as app

    at = app(view="milestones", track="council_of_europe")
    assert not at.exception and len(at.get("plotly_chart")) == 1
    assert len(at.dataframe) == 1 and len(at.get("download_button")) == 2
    open_tab(at, "Proces")
    assert not at.exception and len(at.get("plotly_chart")) == 2
    open_tab(at, "Wijzigingen")
    assert not at.exception and any("python -m events changes" in i.value for i in at.info)


@pytest.mark.parametrize("spoil, message", [
    (lambda t: t.assign(track=["mars", *t["track"][1:]]), "track has values outside the vocabulary: mars"),
    (lambda t: t.assign(institutions=[("Ministry of Magic",), *t["institutions"][1:]]),
     "institutions outside the vocabulary: Ministry of Magic"),
    (lambda t: t.assign(id=[t["id"][1], *t["id"][1:]]), "1 duplicate ids"),
    (lambda t: t.assign(start=[t["end"][0] + timedelta(days=1), *t["start"][1:]]), "1 rows end before they start"),
])
def test_a_large_table_is_checked_as_read_table_checks_a_table(df, tmp_path, spoil, message):
    path = tmp_path / "events.parquet"
    parquet.write(spoil(df.reset_index(drop=True)), path, FILE_MODE, FOLDER_MODE)
    with pytest.raises(TableError, match=message):
        LargeTable(path)
    with pytest.raises(TableError, match=message):
        read_table(path)
