"""The dashboard's questions of a large Parquet table, answered by DuckDB over its files instead
of pandas over every row: how many events the filters leave and how many each filter's choices
would leave, the counts per month, track and status that the summary timeline draws, the first
events for the choice list, the mentions of one event, and the rows themselves when they are
few enough for the other views.

The answers are those of the pandas path (filters.mask, filters.option_counts,
data.one_per_event, detail.mentions_of; tests/test_large.py compares them). Every value the
user gives (filter choices, the search text, dates, an event's cluster) is bound as a query
parameter, never written into the SQL.

At start the files are read once into a compact index in DuckDB's memory (the columns the
filters test, without the quotes), with three numbers per row made once: `c`, the event's
cluster as an integer; `r`, the row's rank in the order that makes one mention stand for its
event (cluster, then the narrowest span, document, line, id: the first of a cluster among the
rows the filters leave is its event, as data.one_per_event chooses); and `alone`, whether its
cluster has no other mention, so that the many events of one mention are counted without a
DISTINCT. Titles and quotes stay in the Parquet files; a search reads them once per text
searched.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import date
from functools import wraps
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds

from dashboard.figures import MonthCounts
from dashboard.filters import LIST_FILTERS, SHOWN_TOPICS, Filters
from events import parquet
from events.process import LINK_COLUMNS
from events.roles import KINDS
from events.table import COLUMNS, REQUIRED, TableError, build_id, companions, links_frame, typed
from events.vocabulary import COLUMN_SECTIONS, KEYED_COLUMNS, vocabulary

KEPT = 16  # the rows of the latest searches and choices of institutions, kept for the next runs
ANSWERS_KEPT = 512  # the latest answers, kept for the next runs (a run asks a few per filter state)
# a search: the title or the quote contains the text (see search_pattern)
SEARCH = "regexp_matches(events.title, ?) OR regexp_matches(events.quote, ?)"


def search_pattern(q: str) -> str:
    """A regular expression (RE2, DuckDB's) that finds `q` in a text where the pandas path's
    casefolded `in` does: the text as literal characters (quoted with \\Q...\\E, so that no
    character of it is read as an operator), matched without regard to case, ss also as ß. RE2
    runs in linear time whatever the text; a regular expression is three times quicker than
    lowering every title and quote."""
    parts = [r"\Q" + part.replace(r"\E", r"\E\\E\Q") + r"\E" for part in q.casefold().split("ss")]
    return "(?is)" + "(?:ss|ß)".join(parts)


def remembered(method):
    """A method whose answers the table keeps (the latest ANSWERS_KEPT, on the instance, so that
    they go with it): a run asks again what the run before asked, and the filters often return
    to an earlier state. Callers must not change a frame it returns."""
    @wraps(method)
    def answer(self, *args):
        key = (method.__name__, *args)
        with self._answering:
            if key in self._answers:
                return self._answers[key]
        value = method(self, *args)
        with self._answering:
            self._answers[key] = value
            while len(self._answers) > ANSWERS_KEPT:
                self._answers.popitem(last=False)
        return value
    return answer


def is_parquet(path: Path) -> bool:
    return Path(path).suffix == parquet.SUFFIX


def row_count(path: Path) -> int:
    """The rows of a Parquet table (file or folder), from the files' footers: no row is read."""
    path = Path(path)
    try:
        return ds.dataset(path, format="parquet", partitioning="hive" if path.is_dir() else None).count_rows()
    except (pa.ArrowException, OSError) as exc:
        raise TableError(f"the events table {path} cannot be read ({exc}); rebuild it with: "
                         "python -m events build") from None


class LargeTable:
    """A Parquet table (one file, or a folder of year=YYYY/ files) queried through DuckDB. Made
    once per table and shared by the app's sessions: each query runs on its own cursor."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.build = build_id(self.path)
        self._con = duckdb.connect()
        self._lock = threading.Lock()
        self._kept: OrderedDict[tuple, str] = OrderedDict()
        self._answers: OrderedDict[tuple, object] = OrderedDict()
        self._answering = threading.Lock()
        self._made = 0
        files = str(self.path / "**" / f"*{parquet.SUFFIX}") if self.path.is_dir() else str(self.path)
        try:
            source = self._con.read_parquet(files, filename=True, file_row_number=True)
        except duckdb.Error as exc:
            raise TableError(f"the events table {self.path} cannot be read ({exc}); rebuild it with: "
                             "python -m events build") from None
        missing = [c for c in REQUIRED if c not in source.columns]
        if missing:
            raise TableError(f"the events table {self.path} is malformed: missing columns: {', '.join(missing)}; "
                             "rebuild it with: python -m events build")
        self.columns = [c for c in COLUMNS if c in source.columns]
        # only the table's own columns (a folder's year=, or a name=value higher up the path, left out)
        source.select(", ".join(_q(c) for c in [*self.columns, "filename", "file_row_number"])).create_view("events")
        is_event = "kind = 'event'" if "kind" in self.columns else "true"
        # a table from before instruments and topics: every row of none, shown as an AI event's
        instrument = "coalesce(instrument, '')" if "instrument" in self.columns else "''"
        topic = "coalesce(topic, '')" if "topic" in self.columns else "''"
        # a table from before headlines: none, its titles are shown
        title_en, title_nl = (f"coalesce({c}, '')" if c in self.columns else "''" for c in ("title_en", "title_nl"))
        self._con.execute(f"""
            CREATE TABLE ix AS
            SELECT id, cluster, doc, track, status, event_type, {instrument} AS instrument, {topic} AS topic,
                   list_distinct(institutions) AS institutions,
                   start, "end", precision, date_text, date_trunc('month', start)::DATE AS month, doc_date, title,
                   {title_en} AS title_en, {title_nl} AS title_nl,
                   {is_event} AS is_event,
                   dense_rank() OVER (ORDER BY cluster)::INTEGER AS c,
                   row_number() OVER (ORDER BY cluster, "end" - start, doc, line, id)::INTEGER AS r,
                   count(*) FILTER (WHERE {is_event}) OVER (PARTITION BY cluster) = 1 AS alone,
                   filename, file_row_number
            FROM events""")
        links = companions(self.path)["links"]
        self.has_links = links.exists()
        if self.has_links:  # every value as text, as read_links reads it
            self._con.read_csv(str(links), header=True, all_varchar=True).create_view("links")
        found = self._problems()
        if found:
            raise TableError(f"the events table {self.path} is malformed: {'; '.join(found)}; rebuild it with: "
                             "python -m events build")
        self.rows = self._one("SELECT count(*) FROM ix")
        self.total = self._one("SELECT count(DISTINCT c) FROM ix WHERE is_event")

    def _problems(self) -> list[str]:
        """What read_table's checks (events/table.py problems) find, asked of DuckDB: a few
        passes over the columns instead of reading every row into pandas."""
        vocab = vocabulary()
        found = []
        duplicated = self._one("SELECT count(*) - count(DISTINCT id) FROM ix")
        if duplicated:
            found.append(f"{duplicated} duplicate ids")
        allowed = {column: vocab.keys(COLUMN_SECTIONS[column]) for column in KEYED_COLUMNS} | {"kind": KINDS}
        for column, keys in allowed.items():
            if column in self.columns:
                values = {v for (v,) in self._run(f"SELECT DISTINCT {_q(column)}::VARCHAR FROM events").fetchall()}
                bad = sorted(str(v) for v in values - set(keys))
                if bad:
                    found.append(f"{column} has values outside the vocabulary: {', '.join(bad[:5])}")
        names = {n for (n,) in self._run("SELECT DISTINCT unnest(institutions) FROM ix").fetchall()}
        unknown = sorted(n for n in names - set(vocab.institution_names) if not str(n).startswith("other:"))
        if unknown:
            found.append(f"institutions outside the vocabulary: {', '.join(map(str, unknown[:5]))}")
        undated, backwards, unlined = self._run(
            'SELECT count(*) FILTER (WHERE start IS NULL OR "end" IS NULL), count(*) FILTER (WHERE start > "end"), '
            "count(*) FILTER (WHERE line IS NULL OR line < 1) FROM events").fetchone()
        if undated:
            found.append("start and end must be dates")
        elif backwards:
            found.append(f"{backwards} rows end before they start")
        if unlined:
            found.append("line must be a positive number")
        return found

    # ------------------------------------------------------------------ running queries

    def _run(self, sql: str, params: list | None = None) -> duckdb.DuckDBPyConnection:
        return self._con.cursor().execute(sql, params or [])

    def _one(self, sql: str, params: list | None = None):
        return self._run(sql, params).fetchone()[0]

    def _frame(self, sql: str, params: list | None = None) -> pd.DataFrame:
        return self._run(sql, params).fetch_df()

    # ------------------------------------------------------------------ the filters as SQL

    def where(self, filters: Filters, skip: str | None = None, events: bool = False) -> tuple[str, list]:
        """The WHERE condition on `ix` (and its parameters) of the rows the filters leave, as
        filters.mask has them (`skip`: leave that filter out; `events`: events only, whatever
        show_all says); the as-of date keeps the documents dated on or before it."""
        terms, params = ["is_event"] if events or not filters.show_all else [], []
        if not filters.all_topics and skip != "topic":
            terms.append("list_contains(?::VARCHAR[], topic)")
            params.append(list(SHOWN_TOPICS))
        for name, column in LIST_FILTERS.items():
            values = getattr(filters, name)
            if not values or name == skip:
                continue
            if name == "institution":  # a list in every row: tested once per choice, then kept
                kept = self._matching("list_has_any(institutions, ?::VARCHAR[])", list(values))
                terms.append(f"r IN (SELECT r FROM {kept})")
            else:
                terms.append(f"list_contains(?::VARCHAR[], {_q(column)})")
                params.append(list(values))
        if skip != "period":
            if filters.start:
                terms.append('"end" >= ?::DATE')
                params.append(filters.start)
            if filters.end:
                terms.append("start <= ?::DATE")
                params.append(filters.end)
        if filters.q and skip != "q":
            pattern = search_pattern(filters.q)
            terms.append(f"r IN (SELECT r FROM {self._matching(SEARCH, pattern, pattern)})")
        if filters.asof:
            terms.append("doc_date <= ?::DATE")
            params.append(filters.asof)
        return " AND ".join(terms) or "true", params

    def _matching(self, condition: str, *params) -> str:
        """The name of a table of the rows (their `r`) that meet `condition` with `params`: a
        condition that costs more than the others (a search of every title and quote, a test of
        every row's list of institutions), made once and kept for the next runs. The name is
        ours, never a value."""
        key = (condition, repr(params))
        with self._lock:
            if key in self._kept:
                self._kept.move_to_end(key)
                return self._kept[key]
            self._made += 1
            name = f"kept_{self._made}"
            source = "events JOIN ix USING (id)" if condition is SEARCH else "ix"
            self._run(f"CREATE TABLE {name} AS SELECT ix.r FROM {source} WHERE {condition}", list(params))
            self._kept[key] = name
            while len(self._kept) > KEPT:
                self._run(f"DROP TABLE {self._kept.popitem(last=False)[1]}")
            return name

    # ------------------------------------------------------------------ what the views ask

    def names(self) -> pd.DataFrame:
        """A frame with the columns filters.allowed_values reads (doc, institutions, instrument),
        one row per document, every institution in the table named in the first and every
        instrument in one row each: so that allowed_values and parse_query give what they give
        for the whole table."""
        docs = [d for (d,) in self._run("SELECT DISTINCT doc FROM ix ORDER BY doc").fetchall()]
        names = tuple(n for (n,) in self._run(
            "SELECT DISTINCT unnest(institutions) AS n FROM ix ORDER BY n").fetchall())
        instruments = [i for (i,) in self._run("SELECT DISTINCT instrument FROM ix ORDER BY instrument").fetchall()]
        if not docs:
            return pd.DataFrame({"doc": pd.Series([], dtype=str), "institutions": [], "instrument": []})
        rows = max(len(docs), len(instruments))  # a document named twice is one value still
        return pd.DataFrame({"doc": pd.Series(docs + docs[:1] * (rows - len(docs)), dtype=str),
                             "institutions": [names] + [()] * (rows - 1),
                             "instrument": instruments + [""] * (rows - len(instruments))})

    @remembered
    def count(self, filters: Filters) -> int:
        """The events (clusters) the filters leave."""
        return self.month_counts(filters).events

    @remembered
    def row_total(self, filters: Filters) -> int:
        """The rows the filters leave (with references and context where show_all says)."""
        where, params = self.where(filters)
        return self._one(f"SELECT count(*) FROM ix WHERE {where}", params)

    @remembered
    def hidden_topics(self, filters: Filters) -> int:
        """filters.hidden_topics: the events (clusters) hidden only for their topic."""
        if filters.all_topics:
            return 0
        every, every_params = self.where(filters, skip="topic", events=True)
        shown, shown_params = self.where(filters, events=True)
        return (self._one(f"SELECT count(DISTINCT c) FROM ix WHERE {every}", every_params)
                - self._one(f"SELECT count(DISTINCT c) FROM ix WHERE {shown}", shown_params))

    @remembered
    def option_counts(self, filters: Filters, name: str) -> dict[str, int]:
        """filters.option_counts: for one list filter, how many events (clusters) each of its
        values would leave with the other filters."""
        where, params = self.where(filters, skip=name, events=True)
        value = "unnest(institutions)" if name == "institution" else _q(LIST_FILTERS[name])
        # two aggregates: a DISTINCT, even with a FILTER that leaves nothing, costs as much as
        # counting every row
        rows = self._run(f"""
            SELECT value, sum(n) FROM (
                SELECT {value} AS value, count(*) AS n FROM ix WHERE alone AND {where} GROUP BY value
                UNION ALL
                SELECT value, count(DISTINCT c) AS n FROM (SELECT {value} AS value, c FROM ix
                                                           WHERE NOT alone AND {where}) GROUP BY value)
            GROUP BY value ORDER BY value""", params * 2).fetchall()
        return {value: int(n) for value, n in rows}

    def _best(self, filters: Filters, columns: str) -> tuple[str, list]:
        """A query of each event the filters leave, as its mention that data.one_per_event
        chooses (the first by `r`), with `columns` of it (names of ix's columns) and the
        number of its mentions the filters leave (`sources`)."""
        where, params = self.where(filters, events=True)
        picked = ", ".join(f"arg_min({c}, r) AS {c}" for c in columns.split(", "))
        return f"""
            SELECT {columns}, 1 AS sources FROM ix WHERE alone AND {where}
            UNION ALL
            SELECT {picked}, count(*) AS sources FROM ix WHERE NOT alone AND {where} GROUP BY c""", params * 2

    @remembered
    def month_counts(self, filters: Filters) -> MonthCounts:
        """figures.month_counts(one_per_event of the events the filters leave): what the summary
        timeline draws (figures.dense_figure)."""
        best, params = self._best(filters, 'track, status, month, start, "end"')
        groups = self._frame(f"""
            SELECT track, status, month, count(*) AS events,
                   min(start) AS first, max("end") AS last
            FROM ({best}) GROUP BY ALL ORDER BY track, status, month""", params)
        n = int(groups["events"].sum())
        first = _date(groups["first"].min()) if n else None
        last = _date(groups["last"].max()) if n else None
        groups = groups.drop(columns=["first", "last"]).astype({"events": "int64"})
        groups["month"] = groups["month"].map(_date)
        return MonthCounts(groups, first, last, n)

    @remembered
    def first_events(self, filters: Filters, most: int) -> pd.DataFrame:
        """The first `most` events the filters leave in the page's order (start, end, id), one
        row per cluster as data.one_per_event makes it: its chosen mention's cluster, id, dates,
        precision, date as written, title, track and status, and the number of its mentions (`sources`)."""
        best, params = self._best(filters, 'cluster, id, start, "end", precision, date_text, title, title_en, title_nl, '
                                           'track, status')
        df = self._frame(f'SELECT * FROM ({best}) ORDER BY start, "end", id LIMIT ?', [*params, most])
        for column in ("start", "end"):
            df[column] = df[column].map(_date)
        return df.astype({"sources": "int64"})

    def mentions(self, filters: Filters, cluster: str) -> pd.DataFrame:
        """detail.mentions_of(the events the filters leave, cluster): every mention of one
        event, oldest document first, typed as read_table types the table."""
        where, params = self.where(filters, events=True)
        return self._fetch(f"SELECT filename, file_row_number FROM ix WHERE cluster = ? AND {where}", [cluster, *params],
                           "doc_date ASC NULLS LAST, doc, line, filename, file_row_number", filters.asof)

    def rows_of(self, filters: Filters, most: int) -> pd.DataFrame | None:
        """The rows the filters leave (filters.apply; of filters.as_of's table where an as-of
        date is set), in the table's order and typed as read_table types the table; None when
        there are more than `most`."""
        if self.row_total(filters) > most:
            return None
        return self.head(filters, most)

    @remembered
    def head(self, filters: Filters, n: int) -> pd.DataFrame:
        """The first `n` rows the filters leave, in the table's order (rows_of, cut short)."""
        where, params = self.where(filters)
        return self._fetch(f"SELECT filename, file_row_number FROM ix WHERE {where} ORDER BY filename, file_row_number LIMIT ?",
                           [*params, n], "filename, file_row_number", filters.asof)

    def links_among(self, ids) -> pd.DataFrame:
        """The links (links.csv beside the table) from and to these ids, as read_links types
        them: what the views of a few rows draw and list."""
        if not self.has_links:
            return links_frame([])
        ids = list(ids)
        columns = ", ".join(f'coalesce("{c}", \'\') AS "{c}"' for c in LINK_COLUMNS)
        links = self._frame(f"SELECT {columns} FROM links WHERE list_contains(?::VARCHAR[], from_id) "
                            "AND list_contains(?::VARCHAR[], to_id)", [ids, ids])
        delays = pd.to_numeric(links["delay_days"].replace("", None), errors="coerce")
        return links.astype(str).assign(delay_days=delays.astype("Int64"))

    def _fetch(self, rows: str, params: list, order: str, asof: date | None) -> pd.DataFrame:
        """The table's rows that the query `rows` names (by file and row number: a join on them
        reads only the files and row groups that hold them), in `order`, as read_table has them;
        as of a date, a row superseded by a later document's is not (filters.as_of)."""
        columns = [_q(c) for c in self.columns]
        if asof and "superseded_by" in self.columns:
            columns[self.columns.index("superseded_by")] = (
                "CASE WHEN superseded_by IN (SELECT id FROM ix WHERE doc_date <= ?::DATE) THEN superseded_by "
                "ELSE '' END AS superseded_by")
            params = [asof, *params]
        table = self._con.cursor().sql(f"""SELECT {', '.join(columns)} FROM events
                                           SEMI JOIN ({rows}) USING (filename, file_row_number) ORDER BY {order}""",
                                       params=params).to_arrow_table()
        df = table.to_pandas(date_as_object=True)
        df["institutions"] = df["institutions"].map(lambda names: tuple(names) if names is not None else ())
        for column in ("start", "end", "doc_date"):
            df[column] = df[column].astype(object).where(df[column].notna(), None)
        df = typed(df)
        if self.build is not None:
            df.attrs["build"] = self.build
        return df

    def documents(self, asof: date | None = None) -> int:
        """The documents of the table (dated on or before `asof`, where given)."""
        if asof is None:
            return self._one("SELECT count(DISTINCT doc) FROM ix")
        return self._one("SELECT count(DISTINCT doc) FROM ix WHERE doc_date <= ?::DATE", [asof])

    def newest(self, asof: date | None = None) -> date | None:
        """The date of the newest document (export.data_date), of those dated on or before `asof`."""
        if asof is None:
            return _date(self._one("SELECT max(doc_date) FROM ix"))
        return _date(self._one("SELECT max(doc_date) FROM ix WHERE doc_date <= ?::DATE", [asof]))


def _q(column: str) -> str:
    """A column name of the table, quoted for SQL (names are ours: COLUMNS and LIST_FILTERS)."""
    assert column in COLUMNS or column in ("filename", "file_row_number"), column
    return f'"{column}"'


def _date(value) -> date | None:
    """A date from DuckDB or pandas (a date, a Timestamp, NaT or None) as a datetime.date."""
    if value is None or value is pd.NaT or (isinstance(value, float) and value != value):
        return None
    return value.date() if hasattr(value, "date") and callable(value.date) else value
