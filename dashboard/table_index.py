"""What filtering a table needs of it, made once per table (the app keeps it with the table):
the list filters' columns as integer codes, the institutions as a membership matrix, the dates
as numpy days, the titles and quotes casefolded, and the order in which one mention stands
for its event. A filter change is then a few numpy operations instead of text operations and
Python loops over every row.

filters.mask, filters.option_counts and data.one_per_event give the same answers for any
frame; the app passes an index to skip making these arrays again on every run.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from dashboard.data import one_per_event

# the list filters' table columns (as in filters.LIST_FILTERS), institutions apart
CODED = ("track", "event_type", "instrument", "status", "doc")


def days(values) -> np.ndarray:
    """Dates (datetime.date objects, None for none) as numpy days (NaT for none); each distinct
    date converted once (a table holds a few thousand)."""
    codes, distinct = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=False)
    converted = np.array([v if isinstance(v, date) else None for v in distinct], dtype="datetime64[D]")
    return converted[codes] if len(codes) else np.array([], dtype="datetime64[D]")


class TableIndex:
    """The arrays filters and counts read, row for row with the table it was made of."""

    def __init__(self, df: pd.DataFrame):
        self.n = len(df)
        self.codes: dict[str, np.ndarray] = {}
        self.values: dict[str, np.ndarray] = {}
        for column in CODED:
            codes, values = pd.factorize(df[column] if column in df.columns else pd.Series([""] * self.n), sort=True)
            self.codes[column], self.values[column] = codes.astype("int64"), np.asarray(values, dtype=object)
        split = list(df["institutions"])
        names = sorted({n for cell in split for n in cell})
        self.institution_names = np.asarray(names, dtype=object)
        column_of = {n: i for i, n in enumerate(names)}
        self.institutions = np.zeros((self.n, len(names)), dtype=bool)
        rows = [i for i, cell in enumerate(split) for _ in cell]
        cols = [column_of[n] for cell in split for n in cell]
        self.institutions[rows, cols] = True
        self.start, self.end = days(df["start"]), days(df["end"])
        self.is_event = (df["kind"] == "event").to_numpy(bool) if "kind" in df.columns else np.ones(self.n, bool)
        from dashboard.filters import SHOWN_TOPICS

        self.off_topic = ~df["topic"].isin(SHOWN_TOPICS).to_numpy(bool) if "topic" in df.columns \
            else np.zeros(self.n, bool)
        self.title = df["title"].astype(str).str.casefold().reset_index(drop=True)
        self.quote = df["quote"].astype(str).str.casefold().reset_index(drop=True)
        cluster_codes, clusters = pd.factorize(df["cluster"])
        self.cluster, self.n_clusters = cluster_codes.astype("int64"), max(1, len(clusters))
        # one_per_event: within each cluster the most precise mention first (then by document,
        # line and id); and the order of events on the page (start, end, id)
        span = (self.end - self.start).astype("int64")
        frame = pd.DataFrame({"cluster": df["cluster"].to_numpy(), "span": span, "doc": df["doc"].to_numpy(),
                              "line": df["line"].to_numpy(), "id": df["id"].to_numpy(), "start": self.start,
                              "end": self.end})
        self.best_order = frame.sort_values(["cluster", "span", "doc", "line", "id"], kind="stable").index.to_numpy()
        self.page_rank = np.empty(self.n, dtype="int64")
        self.page_rank[frame.sort_values(["start", "end", "id"], kind="stable").index.to_numpy()] = np.arange(self.n)

    def mask(self, filters, skip: str | None = None) -> np.ndarray:
        """filters.mask as a boolean array."""
        from dashboard.filters import LIST_FILTERS

        keep = np.ones(self.n, dtype=bool)
        if not filters.show_all:
            keep &= self.is_event
        if not filters.all_topics and skip != "topic":
            keep &= ~self.off_topic
        for name, column in LIST_FILTERS.items():
            values = getattr(filters, name)
            if not values or name == skip:
                continue
            if name == "institution":
                wanted = np.isin(self.institution_names, list(values))
                keep &= self.institutions[:, wanted].any(axis=1)
            else:
                wanted = np.flatnonzero(np.isin(self.values[column], list(values)))
                keep &= np.isin(self.codes[column], wanted)
        if skip != "period":
            if filters.start:
                keep &= self.end >= np.datetime64(filters.start, "D")
            if filters.end:
                keep &= self.start <= np.datetime64(filters.end, "D")
        if filters.q and skip != "q":
            needle = filters.q.casefold()
            keep &= (self.title.str.contains(needle, regex=False).to_numpy(bool)
                     | self.quote.str.contains(needle, regex=False).to_numpy(bool))
        return keep

    def hidden_topics(self, filters) -> int:
        """filters.hidden_topics: the events (clusters) hidden only for their topic."""
        if filters.all_topics:
            return 0
        rows = self.mask(filters, skip="topic") & self.is_event
        return len(np.unique(self.cluster[rows])) - len(np.unique(self.cluster[rows & ~self.off_topic]))

    def option_counts(self, filters, name: str) -> dict[str, int]:
        """filters.option_counts: per value of one list filter, the events (clusters) it would
        leave with the other filters."""
        from dashboard.filters import LIST_FILTERS

        rows = np.flatnonzero(self.mask(filters, skip=name) & self.is_event)
        if name == "institution":
            at, values = np.nonzero(self.institutions[rows])
            clusters, names = self.cluster[rows][at], self.institution_names
        else:
            column = LIST_FILTERS[name]
            values, clusters, names = self.codes[column][rows], self.cluster[rows], self.values[column]
        pairs = np.unique(values.astype("int64") * self.n_clusters + clusters)
        counts = np.bincount(pairs // self.n_clusters, minlength=len(names))
        return {names[i]: int(counts[i]) for i in np.flatnonzero(counts)}

    def one_per_event(self, df: pd.DataFrame, keep: np.ndarray) -> pd.DataFrame:
        """data.one_per_event of df[keep] (df: the table this index was made of)."""
        if not keep.any():
            return one_per_event(df[keep])
        ordered = self.best_order[keep[self.best_order]]
        clusters = self.cluster[ordered]
        first = np.flatnonzero(np.r_[True, clusters[1:] != clusters[:-1]])
        sources = np.diff(np.r_[first, len(ordered)])
        best = ordered[first]
        on_page = np.argsort(self.page_rank[best], kind="stable")
        best, sources, first = best[on_page], sources[on_page], first[on_page]
        columns = [df.columns.get_loc("cluster"), *(i for i, c in enumerate(df.columns) if c != "cluster")]
        events = df.iloc[best, columns].reset_index(drop=True)  # the cluster first, as one_per_event has it
        docs = events["doc"].to_numpy(dtype=object).copy()
        doc_column = df["doc"].to_numpy(dtype=object)
        for i in np.flatnonzero(sources > 1):  # only these need their documents joined
            mentions = ordered[first[i]:first[i] + sources[i]]
            docs[i] = ", ".join(sorted(set(doc_column[mentions])))
        events["sources"] = sources.astype("int64")
        events["docs"] = pd.Series(docs, dtype=events["doc"].dtype)
        return events
