"""URL parameters to filters and back, and filters applied to the table."""

from datetime import date

import pytest

from dashboard import filters as flt
from events.table import DEFAULT_TABLE, read_table


@pytest.fixture(scope="module")
def df():
    return read_table(DEFAULT_TABLE)


def test_repeated_and_comma_separated_values_and_labels_in_either_language(df):
    f = flt.parse_query({"track": ["eu", "Raad van Europa"], "institution": "CAI,european parliament",
                         "from": "2023-01-01", "to": "2024-12-31", "q": "verdrag", "lang": "en"}, df)
    assert f.track == ("eu", "council_of_europe")
    assert f.institution == ("CAI", "European Parliament")
    assert (f.start, f.end, f.q, f.lang) == (date(2023, 1, 1), date(2024, 12, 31), "verdrag", "en")
    assert f.notices == ()


def test_invalid_values_are_ignored_with_a_notice(df):
    f = flt.parse_query({"track": "mars,eu", "from": "yesterday", "status": "<script>", "lang": "fr"}, df)
    assert f.track == ("eu",) and f.start is None and f.status == () and f.lang == "nl"
    assert set(f.notices) == {"track=mars", "from=yesterday", "status=<script>", "lang=fr"}


def test_the_url_round_trips(df):
    f = flt.parse_query({"track": "eu", "institution": "Telecom Council", "to": "2024-06-30", "lang": "en"}, df)
    assert flt.to_query(f) == {"track": "eu", "institution": "Telecom Council", "to": "2024-06-30", "lang": "en"}
    assert flt.parse_query(flt.to_query(f), df) == f
    assert flt.to_query(flt.Filters()) == {}


def test_each_filter_narrows_the_table(df):
    eu = flt.apply(df, flt.Filters(track=("eu",)))
    assert 0 < len(eu) < len(df) and set(eu["track"]) == {"eu"}
    coe = flt.apply(df, flt.Filters(institution=("Council of Europe",)))
    assert len(coe) and coe["institutions"].map(lambda names: "Council of Europe" in names).all()
    period = flt.apply(df, flt.Filters(start=date(2024, 1, 1), end=date(2024, 12, 31)))
    assert ((period["end"] >= date(2024, 1, 1)) & (period["start"] <= date(2024, 12, 31))).all()
    text = flt.apply(df, flt.Filters(q="TELECOMRAAD"))
    assert len(text) and text["quote"].str.contains("Telecomraad").all()
    both = flt.apply(df, flt.Filters(track=("eu",), status=("planned",)))
    assert set(both["status"]) == {"planned"} and len(both) < len(eu)


def test_counts_show_how_many_events_each_value_would_leave(df):
    df = flt.only_events(df)
    f = flt.Filters(track=("eu",))
    counts = flt.option_counts(df, f, "status")
    for status, n in counts.items():
        assert n == flt.apply(df, flt.Filters(track=("eu",), status=(status,)))["cluster"].nunique()
    # the track filter's own counts ignore the track filter, and count events, not mentions (of
    # the topics shown)
    netherlands = df[(df["track"] == "netherlands") & df["topic"].isin(flt.SHOWN_TOPICS)]
    assert flt.option_counts(df, f, "track")["netherlands"] == netherlands["cluster"].nunique() < len(netherlands)


def test_the_count_line_names_the_largest_first():
    from dashboard.text import count_line, label
    assert count_line({"eu": 19, "netherlands": 42}, lambda k: label("tracks", k, "nl")) == "Nederland 42 · Europese Unie 19"
    assert count_line({str(i): i for i in range(10)}, str, most=2) == "9 9 · 8 8 · …"


def test_references_and_context_are_listed_only_when_asked_for_and_the_switch_is_in_the_url(df):
    others = df[df["kind"] != "event"]
    assert len(others), "the seeds cite documents and name dates that are no events"
    assert set(flt.apply(df, flt.Filters())["kind"]) == {"event"}
    everything = flt.parse_query({"kinds": "all", "topic": "all"}, df)
    assert everything.show_all and flt.to_query(everything) == {"kinds": "all", "topic": "all"}
    assert len(flt.apply(df, everything)) == len(df)
    assert flt.parse_query({"kinds": "some"}, df).notices == ("kinds=some",)
    # counts and the timeline stay with events whatever the switch says
    assert flt.option_counts(df, everything, "track") == flt.option_counts(df, flt.Filters(all_topics=True), "track")


@pytest.mark.parametrize("filters", [
    flt.Filters(), flt.Filters(track=("eu",)), flt.Filters(institution=("CAI", "Tweede Kamer")),
    flt.Filters(q="AI-verdrag"), flt.Filters(status=("planned",), start=date(2022, 1, 1), end=date(2024, 6, 1)),
    flt.Filters(show_all=True), flt.Filters(track=("eu",), q="zzz-nothing"),
    flt.Filters(all_topics=True), flt.Filters(instrument=("ai_act", "coe_ai_convention"), show_all=True, all_topics=True)])
def test_the_index_the_app_keeps_answers_as_the_table_does(df, filters):
    import pandas as pd

    from dashboard.data import one_per_event
    from dashboard.table_index import TableIndex

    index = TableIndex(df)
    keep = index.mask(filters)
    institutions = df["institutions"].map(lambda cell: bool(set(filters.institution) & set(cell)))
    expected = pd.Series(True, index=df.index) if filters.show_all else df["kind"] == "event"
    expected &= True if filters.all_topics else df["topic"].isin(flt.SHOWN_TOPICS)
    expected &= institutions if filters.institution else True
    expected &= df["instrument"].isin(filters.instrument) if filters.instrument else True
    expected &= df["track"].isin(filters.track) if filters.track else True
    expected &= df["status"].isin(filters.status) if filters.status else True
    expected &= (df["end"] >= filters.start) if filters.start else True
    expected &= (df["start"] <= filters.end) if filters.end else True
    if filters.q:
        expected &= (df["title"].str.casefold().str.contains(filters.q.casefold(), regex=False)
                     | df["quote"].str.casefold().str.contains(filters.q.casefold(), regex=False))
    assert list(keep) == list(expected)
    pd.testing.assert_frame_equal(index.one_per_event(df, keep & index.is_event), one_per_event(df[keep & index.is_event]))
    for name, column in flt.LIST_FILTERS.items():
        rest = df[index.mask(filters, skip=name) & index.is_event]
        if name == "institution":
            rest = rest.explode("institutions").dropna(subset="institutions")
        assert index.option_counts(filters, name) == rest.groupby(column)["cluster"].nunique().to_dict()


def test_documents_are_offered_by_title_and_reference_each_once():
    """The source filter names the bundled letters as their sources.csv cites them (not
    004_df1a3631a3f3e9cc.txt), and two documents that would read alike keep apart."""
    from dashboard.sources import citations, read_sources
    sources = read_sources(DEFAULT_TABLE)
    docs = sorted(sources)
    named = citations(docs, sources, "nl", 60)
    assert named["000_2412db79c8a8e221.txt"].startswith("Raad van Europa verdrag over AI") and "(21 501-33, nr. 1006)" in \
        named["000_2412db79c8a8e221.txt"]
    assert all(".txt" not in text for text in named.values()) and len(set(named.values())) == len(docs)
    alike = {"a.txt": {"title": "Kamerbrief over AI"}, "b.txt": {"title": "Kamerbrief over AI"}, "c.txt": {}}
    assert citations(alike, alike, "en") == {"a.txt": "Kamerbrief over AI · a.txt", "b.txt": "Kamerbrief over AI · b.txt",
                                              "c.txt": "c.txt"}


# --- instrument and topic (issue 20) -------------------------------------------------------------

@pytest.fixture(scope="module")
def framed(seeds_built):
    return seeds_built.table


def test_the_instrument_filter_takes_keys_and_names_in_either_language(framed):
    f = flt.parse_query({"instrument": "ai_act,Kaderverdrag van de Raad van Europa inzake AI"}, framed)
    assert f.instrument == ("ai_act", "coe_ai_convention") and f.notices == ()
    kept = flt.apply(framed, f)
    assert 0 < len(kept) < len(framed) and set(kept["instrument"]) == {"ai_act", "coe_ai_convention"}
    assert flt.parse_query({"instrument": "the moon"}, framed).notices == ("instrument=the moon",)


def test_events_on_other_topics_are_hidden_unless_asked_for_and_counted(framed):
    events = framed[framed["kind"] == "event"]
    assert set(events["topic"]) == {"ai", "other"}  # the seed letters speak of cyber policy too
    shown = flt.apply(framed, flt.Filters())
    assert set(shown["topic"]) == {"ai"}
    every = flt.apply(framed, flt.Filters(all_topics=True))
    assert len(every) == len(events)
    hidden = events[events["topic"] == "other"]["cluster"].nunique() \
        - len(set(events[events["topic"] == "other"]["cluster"]) & set(shown["cluster"]))
    assert flt.hidden_topics(framed, flt.Filters()) == hidden > 0
    assert flt.hidden_topics(framed, flt.Filters(all_topics=True)) == 0
    # what the other filters leave is what is counted: the EU lane hides only its own
    eu = flt.Filters(track=("eu",))
    eu_other = set(events[(events["track"] == "eu") & (events["topic"] == "other")]["cluster"])
    assert flt.hidden_topics(framed, eu) == len(eu_other - set(flt.apply(framed, eu)["cluster"]))


def test_topic_and_instrument_round_trip_through_the_url(framed):
    f = flt.parse_query({"topic": "all", "instrument": "dsa"}, framed)
    assert f.all_topics and f.instrument == ("dsa",) and f.notices == ()
    assert flt.parse_query(flt.to_query(f), framed) == f
    assert flt.parse_query({"topic": "cyber"}, framed).notices == ("topic=cyber",)
    assert not flt.parse_query({"topic": "ai"}, framed).all_topics
