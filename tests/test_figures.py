"""The timeline figure, checked through fig.to_dict()."""

from datetime import date

import pandas as pd
import pytest

from dashboard import figures
from events.table import DEFAULT_TABLE, read_table

TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def df():
    return read_table(DEFAULT_TABLE)


def drawn(fig):
    return sum(len(trace.get("x") or []) for trace in fig.to_dict()["data"])


def test_every_event_is_drawn_once_per_cluster(df):
    fig = figures.timeline(df, "nl", TODAY)
    assert drawn(fig) == df["cluster"].nunique()


def test_lanes_in_fixed_order_with_dutch_and_english_names(df):
    nl = figures.timeline(df, "nl", TODAY).to_dict()["layout"]["yaxis"]["ticktext"]
    en = figures.timeline(df, "en", TODAY).to_dict()["layout"]["yaxis"]["ticktext"]
    assert nl == ["Raad van Europa", "Europese Unie", "Nederland", "Internationaal", "Overig"][:len(nl)]
    assert en[:4] == ["Council of Europe", "European Union", "Netherlands", "International"]


def test_days_are_markers_and_spans_are_bars_with_width(df):
    data = figures.timeline(df, "nl", TODAY).to_dict()["data"]
    bars = [tr for tr in data if tr["type"] == "bar"]
    markers = [tr for tr in data if tr["type"] == "scatter"]
    assert bars and markers
    assert all(x > 0 for tr in bars for x in tr["x"])  # a one-day span still has a day's width
    spans_drawn = sum(len(tr["x"]) for tr in bars)
    per_event = figures.one_per_event(df)
    assert spans_drawn == (per_event["precision"] != "day").sum()


def test_planned_events_look_different(df):
    data = figures.timeline(df, "nl", TODAY).to_dict()["data"]
    planned = [tr for tr in data if tr.get("legendgroup") == "planned"]
    happened = [tr for tr in data if tr.get("legendgroup") == "happened"]
    assert {tr["marker"].get("symbol") for tr in planned if tr["type"] == "scatter"} == {"circle-open"}
    assert {tr["marker"]["pattern"]["shape"] for tr in planned if tr["type"] == "bar"} == {"/"}
    assert {tr["marker"].get("symbol") for tr in happened if tr["type"] == "scatter"} == {"circle"}


def test_a_line_marks_today(df):
    layout = figures.timeline(df, "en", TODAY).to_dict()["layout"]
    assert any(s["x0"] == TODAY.isoformat() for s in layout["shapes"] if s["type"] == "line")
    assert any(a["text"] == "today" for a in layout["annotations"])


def test_mentions_of_one_event_are_drawn_once_with_their_count(df):
    twice = pd.concat([df.iloc[[0]], df.iloc[[0]].assign(id="copy", doc="other.txt")])
    events = figures.one_per_event(twice)
    assert len(events) == 1 and events.iloc[0]["sources"] == 2
    assert events.iloc[0]["docs"] == f"{df.iloc[0]['doc']}, other.txt"


def test_document_text_is_shown_as_text_in_hover(df):
    row = df.iloc[[0]].assign(quote="<b>vet</b> <script>alert(1)</script> [link](http://x)", title="=1+1 <i>")
    hover = figures.timeline(row, "nl", TODAY).to_dict()["data"][0]["customdata"][0]
    assert "&lt;b&gt;vet&lt;/b&gt; &lt;script&gt;" in hover[6] and "<b>" not in hover[6]
    assert hover[2].startswith("=1+1 &lt;i&gt;")


def test_many_events_are_summarized_and_say_so(df):
    many = pd.concat([df] * 40, ignore_index=True)
    many["id"] = [f"r{i}" for i in range(len(many))]
    many["cluster"] = many["id"]
    fig = figures.timeline(many, "nl", TODAY)
    assert figures.is_dense(fig)
    data = fig.to_dict()["data"]
    assert {tr["type"] for tr in data} == {"scatter"} and sum(len(tr["x"]) for tr in data) < 600
    assert sum(int(c[0]) for trace in fig.data for c in trace.customdata) == len(many)


def test_an_empty_selection_draws_an_empty_figure(df):
    fig = figures.timeline(df.iloc[0:0], "nl", TODAY)
    assert drawn(fig) == 0


def test_the_table_view_speaks_the_interface_language_and_keeps_text_as_text(df):
    from dashboard.table_view import display_table
    row = df[df["track"] == "eu"].iloc[[0]].assign(quote="<script>x</script>")
    nl = display_table(row, "nl")
    en = display_table(row, "en")
    assert nl.iloc[0]["Spoor"] == "Europese Unie" and en.iloc[0]["Track"] == "European Union"
    assert en.iloc[0]["Quote"] == "<script>x</script>"
