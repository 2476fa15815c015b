"""The timeline and the key milestones, checked through fig.to_dict(): marks, labels (how
many, where, none overlapping or cut off), visual weight, the date axis, the reference line."""

import re
import signal
from datetime import date
from itertools import combinations

import pandas as pd
import pytest

from dashboard import figures
from dashboard.data import one_per_event
from dashboard.filters import only_events
from events.table import DEFAULT_TABLE, read_table

TODAY = date(2026, 11, 23)
CHAR_EM = 0.55  # an estimate of its own, independent of the layout's
LINE_EM = 1.2


class Hung(BaseException):
    """A test that ran out of time: not an Exception, which hypothesis would catch, then replay
    (and hang again) to shrink its example."""


@pytest.fixture(autouse=True)
def settles():
    """Each test fails after a minute rather than hanging: a plan whose lanes never give up a
    row (a broken budget loop) would otherwise hang the suite."""
    def stop(signum, frame):
        raise Hung("no result within 60 s")
    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.fixture(scope="module")
def df():
    return only_events(read_table(DEFAULT_TABLE))


def drawn(fig):
    return sum(len(trace.get("x") or []) for trace in fig.to_dict()["data"] if trace.get("mode") != "lines")


def labels(fig) -> list[dict]:
    return [a for a in fig.to_dict()["layout"].get("annotations", []) if a.get("name") == "label"]


def label_boxes(fig) -> list[tuple[float, float, float, float]]:
    """Each label's box in plot pixels (left, right, bottom, top), from its text length and font
    size, its anchor and shift, and the axes' ranges."""
    layout = fig.to_dict()["layout"]
    m = layout["margin"]
    plot_w = layout["width"] - m["l"] - m["r"]
    plot_h = layout["height"] - m["t"] - m["b"]
    x0, x1 = (date.fromisoformat(v[:10]) for v in layout["xaxis"]["range"])
    y0, y1 = layout["yaxis"]["range"]
    boxes = []
    for a in labels(fig):
        lines = [re.sub(r"<[^>]+>", "", line).replace("&amp;", "&") for line in a["text"].split("<br>")]
        size = a["font"]["size"]
        width, height = max(map(len, lines)) * size * CHAR_EM, len(lines) * size * LINE_EM
        x = (date.fromisoformat(a["x"][:10]) - x0).days / (x1 - x0).days * plot_w + a.get("xshift", 0)
        y = (a["y"] - y0) / (y1 - y0) * plot_h
        left = x if a["xanchor"] == "left" else x - width
        boxes.append((left, left + width, y - height / 2, y + height / 2))
    return boxes


def assert_no_overlap_and_inside(fig):
    layout = fig.to_dict()["layout"]
    plot_w = layout["width"] - layout["margin"]["l"] - layout["margin"]["r"]
    plot_h = layout["height"] - layout["margin"]["t"] - layout["margin"]["b"]
    boxes = label_boxes(fig)
    assert boxes, "no labels"
    for a, b in combinations(boxes, 2):
        apart = a[1] <= b[0] or b[1] <= a[0] or a[3] <= b[2] or b[3] <= a[2]
        assert apart, f"labels overlap: {a} {b}"
    for left, right, bottom, top in boxes:
        assert left >= -0.5 and right <= plot_w + 0.5 and bottom >= -0.5 and top <= plot_h + 0.5, "label cut off"


def test_every_event_is_drawn_once_per_cluster(df):
    fig = figures.timeline(df, "nl", TODAY)
    assert drawn(fig) == df["cluster"].nunique()


def test_lanes_in_fixed_order_with_dutch_and_english_names(df):
    def names(lang):
        ticks = figures.timeline(df, lang, TODAY).to_dict()["layout"]["yaxis"]["ticktext"]
        return [tick.replace("<br>", " ") for tick in ticks]
    nl, en = names("nl"), names("en")
    assert nl == ["Raad van Europa", "Europese Unie", "Nederland", "Internationaal", "Overig"][:len(nl)]
    assert en[:4] == ["Council of Europe", "European Union", "Netherlands", "International"]


def test_labels_do_not_overlap_nor_leave_the_plot(df):
    fig = figures.timeline(df, "nl", TODAY)
    meta = fig.layout.meta
    assert len(labels(fig)) == meta["labelled"] > 20
    assert meta["labelled"] + meta["unlabelled"] == df["cluster"].nunique()
    assert_no_overlap_and_inside(fig)


def test_the_unlabelled_are_counted_on_the_chart(df):
    fig = figures.timeline(df, "en", TODAY)
    notes = [a["text"] for a in fig.to_dict()["layout"]["annotations"] if a.get("name") == "unlabelled"]
    assert notes == [f"Without a label: {fig.layout.meta['unlabelled']} (see the hover, the details and the table)"]
    few = df[df["track"] == "eu"]
    small = figures.timeline(few, "en", TODAY)
    assert small.layout.meta["unlabelled"] == 0 and len(labels(small)) == few["cluster"].nunique()
    assert not [a for a in small.to_dict()["layout"]["annotations"] if a.get("name") == "unlabelled"]


@pytest.mark.parametrize("lang, when", [("nl", "13 mrt 2024"), ("en", "13 Mar 2024")])
def test_a_label_is_the_headline_and_the_date_as_a_reader_writes_it(df, lang, when):
    """The Parliament's vote, written "13 maart jl." in a letter of June 2024, is labelled with
    its headline and its day, month and year in the interface language; the hover says the same."""
    eu = one_per_event(df[df["track"] == "eu"])
    fig = figures.timeline(eu, lang, TODAY)
    texts = {a["text"] for a in labels(fig)}
    vote = eu[eu["date_text"] == "13 maart jl."].iloc[0]
    # the frame's headline in the language, whole: what does not fit on the first line goes on the
    # second, before the date
    first, rest = figures.headline_lines(vote[f"title_{lang}"])
    assert f"{first} {rest}".strip() == vote[f"title_{lang}"] and "…" not in first + rest
    assert f"{first}<br>{rest + ' · ' if rest else ''}<span style='color:#555'>{when}</span>" in texts
    hovers = [c for trace in fig.to_dict()["data"] for c in trace.get("customdata") or []
              if figures.hovered({"customdata": c}, "id") == vote["id"]]
    assert hovers and all(figures.hovered({"customdata": c}, "date") == when for c in hovers)
    assert not any("jl." in text for text in texts)


def test_importance_puts_adoptions_and_decisions_and_exact_days_first(df):
    events = one_per_event(df)
    ranks = figures.importance(events)
    key = events["event_type"].isin(figures.KEY_TYPES) | events["stage"].isin(figures.KEY_STAGES)
    assert ranks[key].max() < ranks[~key].min()
    others = events[~key & (events["sources"] == 1)]
    day, year = others[others["precision"] == "day"], others[others["precision"] == "year"]
    assert ranks[day.index].max() < ranks[year.index].min()


def test_where_rows_run_out_the_most_important_keep_their_label(df):
    crowded = figures.Canvas(max_rows=1, max_total_rows=5)
    events = one_per_event(df)
    p = figures.timeline_plan(events, "nl", crowded, TODAY)
    assert 0 < p.labelled < len(events)
    # the first event of each lane in the importance order always gets its label
    ranked = p.items.sort_values("rank")
    assert ranked.groupby("lane").head(1)["labelled"].all()


def test_exact_days_are_the_strongest_marks_and_spans_are_light(df):
    data = figures.timeline(df, "nl", TODAY).to_dict()["data"]
    bars = [tr for tr in data if tr["type"] == "bar"]
    markers = [tr for tr in data if tr["type"] == "scatter" and tr.get("mode") == "markers"]
    assert bars and markers
    assert all(x > 0 for tr in bars for x in tr["x"])  # a one-day span still has a day's width
    assert sum(len(tr["x"]) for tr in bars) == (one_per_event(df)["precision"] != "day").sum()
    for bar in bars:  # a thin, see-through range, not a block
        alpha = float(bar["marker"]["color"].rsplit(",", 1)[1].rstrip(")"))
        assert bar["width"] <= 0.35 and alpha <= 0.3 and "pattern" not in bar["marker"]
    for marker in markers:  # a day: a solid, full-colour marker
        assert marker["marker"]["color"].startswith("#") and marker["marker"]["size"] >= 10


def test_planned_events_look_different(df):
    data = figures.timeline(df, "nl", TODAY).to_dict()["data"]
    planned = [tr for tr in data if tr.get("legendgroup") == "planned"]
    happened = [tr for tr in data if tr.get("legendgroup") == "happened"]
    assert {tr["marker"].get("symbol") for tr in planned if tr["type"] == "scatter"} == {"circle-open"}
    assert {tr["marker"].get("symbol") for tr in happened if tr["type"] == "scatter"} == {"circle"}
    planned_fill = {tr["marker"]["color"] for tr in planned if tr["type"] == "bar"}
    happened_fill = {tr["marker"]["color"] for tr in happened if tr["type"] == "bar"}
    assert planned_fill and happened_fill and planned_fill.isdisjoint(happened_fill)


def test_lanes_are_no_taller_than_their_content(df):
    one = df[df["track"] == "eu"].head(1)
    fig = figures.timeline(one, "nl", TODAY)
    bottom, top = fig.to_dict()["layout"]["yaxis"]["range"]
    assert top - bottom == 1.0  # one event, one row
    assert fig.layout.height < 200


def test_the_date_axis_is_at_the_bottom_with_localized_month_ticks(df):
    period = df[(df["start"] >= date(2023, 1, 1)) & (df["end"] <= date(2024, 6, 30))]
    nl = figures.timeline(period, "nl", date(2024, 6, 1)).to_dict()["layout"]["xaxis"]
    en = figures.timeline(period, "en", date(2024, 6, 1)).to_dict()["layout"]["xaxis"]
    assert nl["side"] == "bottom" and len(nl["tickvals"]) >= 6
    assert any(text.startswith("mrt ") for text in nl["ticktext"]) or any(text.startswith("okt ") for text in
                                                                          nl["ticktext"])
    assert any(text.startswith(("Mar ", "Oct ")) for text in en["ticktext"])
    whole = figures.timeline(df, "nl", TODAY).to_dict()["layout"]["xaxis"]
    assert all(re.fullmatch(r"\d{4}", text) for text in whole["ticktext"]) and whole["minor"]["dtick"] == "M3"


def test_a_dotted_line_marks_today_or_the_as_of_date_named_as_such(df):
    layout = figures.timeline(df, "en", TODAY).to_dict()["layout"]
    line = [s for s in layout["shapes"] if s.get("name") == "today"]
    assert line and line[0]["x0"] == TODAY.isoformat() and line[0]["line"]["dash"] == "dot"
    assert any(a["text"] == "today, 23 Nov 2026" for a in layout["annotations"])
    asof = figures.timeline(df, "nl", TODAY, asof=date(2023, 6, 1)).to_dict()["layout"]
    assert [s["x0"] for s in asof["shapes"] if s.get("name") == "asof"] == ["2023-06-01"]
    assert any(a["text"] == "stand op 1 jun 2023" for a in asof["annotations"])


def test_the_hover_cites_the_document_by_title_and_reference(df):
    from dashboard.sources import read_sources
    row = df[df["doc"] == "000_2412db79c8a8e221.txt"].iloc[[0]]
    hover = figures.timeline(row, "nl", TODAY, sources=read_sources(DEFAULT_TABLE)).to_dict()["data"][0]["customdata"][0]
    cited = hover[figures.HOVER.index("source")].replace("<br>", " ")
    assert cited.startswith("Raad van Europa verdrag over AI") and "21 501-33, nr. 1006" in cited
    assert "000_2412db79c8a8e221" not in cited


def test_a_clicked_mark_is_read_by_field_name(df):
    """The app reads the mention of a clicked mark as hovered(point, "id"), in both views; the
    summary's bars (a count and a month) name no mention."""
    row = df[df["date_text"] == "13 maart jl."].iloc[[0]]
    for fig in (figures.timeline(row, "nl", TODAY), figures.milestones(df[df["track"] == "eu"], "nl", TODAY)):
        points = [{"customdata": c} for trace in fig.to_dict()["data"] for c in trace.get("customdata") or []]
        assert points and all(figures.hovered(p, "id") in set(df["id"]) for p in points)
        assert all(figures.hovered(p, "status") in {"gebeurd", "gepland", "lopend"} for p in points)
    assert figures.hovered({"customdata": [3, "mrt 2023"]}, "id") is None
    assert figures.hovered({}, "id") is None


def test_mentions_of_one_event_are_drawn_once_with_their_count(df):
    twice = pd.concat([df.iloc[[0]], df.iloc[[0]].assign(id="copy", doc="other.txt")])
    events = one_per_event(twice)
    assert len(events) == 1 and events.iloc[0]["sources"] == 2
    assert events.iloc[0]["docs"] == f"{df.iloc[0]['doc']}, other.txt"


def test_document_text_is_shown_as_text_in_hover_and_labels(df):
    # a table without headlines (or a title corrected by hand): the title as written is shown
    row = df.iloc[[0]].assign(quote="<b>vet</b> <script>alert(1)</script> [link](http://x)", title="=1+1 <i>",
                              title_nl="")
    fig = figures.timeline(row, "nl", TODAY)
    hover = fig.to_dict()["data"][0]["customdata"][0]
    quote, title = hover[figures.HOVER.index("quote")], hover[figures.HOVER.index("title")]
    assert "&lt;b&gt;vet&lt;/b&gt; &lt;script&gt;" in quote and "<b>" not in quote
    assert title.startswith("=1+1 &lt;i&gt;")
    assert labels(fig)[0]["text"].startswith("=1+1 &lt;i&gt;<br>")


def test_many_events_are_summarized_and_say_so(df):
    many = pd.concat([df] * 40, ignore_index=True)
    many["id"] = [f"r{i}" for i in range(len(many))]
    many["cluster"] = many["id"]
    fig = figures.timeline(many, "nl", TODAY)
    assert figures.is_dense(fig)
    data = [tr for tr in fig.to_dict()["data"]]
    assert {tr["type"] for tr in data} == {"scatter"} and sum(len(tr["x"]) for tr in data) < 600
    assert sum(int(c[0]) for trace in fig.data for c in trace.customdata) == len(many)


def test_an_empty_selection_draws_an_empty_figure(df):
    fig = figures.timeline(df.iloc[0:0], "nl", TODAY)
    assert drawn(fig) == 0


def test_key_milestones_one_row_per_procedure_each_labelled(df):
    fig = figures.milestones(df[df["track"] == "eu"], "en", TODAY)
    lanes = [tick.replace("<br>", " ") for tick in fig.to_dict()["layout"]["yaxis"]["ticktext"]]
    assert lanes == ["EU ordinary legislative procedure (AI Act)"]
    ticks = figures.milestones(df, "en", TODAY).to_dict()["layout"]["yaxis"]["ticktext"]
    everything = [tick.replace("<br>", " ") for tick in ticks]
    assert everything == ["Council of Europe convention (Framework Convention on AI)",
                          "EU ordinary legislative procedure (AI Act)", "Dutch parliamentary follow-up",
                          "International: key events"]
    texts = [a["text"] for a in labels(fig)]
    assert any(text.startswith("Parliament vote<br>") for text in texts)
    assert any(text.startswith("Council adoption<br>") for text in texts)
    assert fig.layout.meta["unlabelled"] == 0
    assert_no_overlap_and_inside(fig)


def test_key_milestones_show_the_council_of_europe_story_with_its_plans(df):
    asof = date(2023, 6, 1)
    before = df[df["doc_date"] <= asof]
    fig = figures.milestones(before[before["track"] == "council_of_europe"], "nl", TODAY, asof=asof)
    texts = [a["text"] for a in labels(fig)]
    assert any(text.startswith("Nulversie<br>") for text in texts)
    planned = [tr for tr in fig.to_dict()["data"] if tr.get("legendgroup") == "planned"]
    assert planned  # negotiations to be concluded "eind 2023": a planned milestone
    assert any(text.startswith("Onderhandelingen afgerond<br>") for text in texts)
    assert_no_overlap_and_inside(fig)


def test_the_table_view_speaks_the_interface_language_and_keeps_text_as_text(df):
    from dashboard.table_view import display_table
    row = df[df["track"] == "eu"].iloc[[0]].assign(quote="<script>x</script>")
    nl = display_table(row, "nl", lambda doc: f"title of {doc}")
    en = display_table(row, "en")
    assert nl.iloc[0]["Spoor"] == "Europese Unie" and en.iloc[0]["Track"] == "European Union"
    assert en.iloc[0]["Quote"] == "<script>x</script>"
    assert nl.iloc[0]["Brondocument"] == f"title of {row.iloc[0]['doc']}"
    assert list(en.columns[:4]) == ["Date", "Title", "Institutions", "Status"]  # when, what, who, how it stands


# ---------------------------------------------------------------- the plan, piece by piece

def test_a_canvas_gives_its_plot_area_and_row_height():
    c = figures.Canvas()
    assert c.plot_width == 1150 - 150 - 24
    assert c.row_px == pytest.approx(2 * 11 * 1.3 + 6)
    assert c.plot_height(3) == pytest.approx(3 * c.row_px)  # as tall as the rows need
    assert figures.Canvas(height=600).plot_height(3) == 600 - 44 - 70  # a page: its own height


def test_a_title_is_shortened_at_a_word_with_an_ellipsis():
    title = "Het Europees Parlement stemt in met de AI-verordening, na lange onderhandelingen"
    assert figures.shorten(title, 30) == "Het Europees Parlement stemt…"
    assert figures.shorten(title, len(title)) == title
    assert figures.shorten("  Stemming   in\n het EP ", 40) == "Stemming in het EP"
    # no space in the second half: cut inside the word
    assert figures.shorten("Verordening-kunstmatige-intelligentie-toezicht", 20) == "Verordening-kunstma…"
    assert figures.shorten("AI-verordening, artikel 5 en 6", 17) == "AI-verordening…"  # no comma before the ellipsis


def test_a_label_is_as_wide_as_its_longer_line():
    assert figures.label_width("13 maart jl.", "Stemming EP", 10) == pytest.approx(12 * 10 * figures.CHAR_EM)


def test_the_date_range_pads_the_events_and_the_reference_date():
    assert figures.x_range([date(2023, 1, 1)], [date(2023, 1, 31)], None) == (date(2022, 12, 12), date(2023, 2, 20))
    # three years: 3% of the span each side, the reference date taken in
    assert figures.x_range([date(2020, 1, 1), date(2021, 1, 1)], [date(2020, 2, 1), date(2022, 9, 27)],
                           date(2023, 1, 1)) == (date(2019, 11, 30), date(2023, 2, 2))
    assert figures.x_range([date(2023, 1, 1)], [date(2023, 1, 31)], date(2022, 1, 1))[0] == date(2021, 12, 12)


@pytest.mark.parametrize("a, b, free", [
    (25, 30, True), (24, 30, False),  # right of (10, 20), a gap apart
    (0, 5, True), (0, 6, False),  # left of it
    (12, 14, False),
])
def test_a_row_is_free_where_nothing_lies_within_a_gap(a, b, free):
    assert figures._free([(10, 20)], a, b) is free
    assert figures._free([], a, b)


def test_items_take_the_first_row_where_mark_and_label_fit_else_go_without_a_label():
    marks = [(10, 12), (15, 17), (90, 92), (20, 22), (50, 52)]
    rows, sides = figures._pack(marks, [20, 20, 20, 20, 0], 100, 2)
    # the first label goes right; the second finds row 0 taken and no room on the left; the
    # third has no room on the right; the fourth fits in no row, and sits where its mark
    # covers the least of a label; the last has no label to place
    assert (rows, sides) == ([0, 1, 0, 1, 0], ["right", "right", "left", "", ""])
    assert figures._pack([(0, 2)], [98], 100, 1) == ([0], [""])  # right would pass the edge by 5
    assert figures._pack([(0, 2)], [93], 100, 1) == ([0], ["right"])
    assert figures._pack([(98, 100)], [93], 100, 1) == ([0], ["left"])


def test_a_plan_places_dates_and_counts_its_labels():
    p = figures.Plan(pd.DataFrame({"labelled": [True, False, True]}), {}, {}, date(2024, 1, 1), date(2024, 1, 11),
                     figures.SCREEN, 1.0)
    assert (p.px(date(2024, 1, 1)), p.px(date(2024, 1, 11))) == (0, figures.SCREEN.plot_width)
    assert p.px(date(2024, 1, 6)) == pytest.approx(figures.SCREEN.plot_width / 2)
    assert (p.labelled, p.unlabelled) == (2, 1)
    empty = figures.plan(pd.DataFrame(columns=["lane", "start", "end", "day", "rank", "line1", "line2"]), [], {},
                         reference=date(2024, 6, 1))
    assert (empty.x0, empty.x1, empty.labelled, empty.unlabelled) == (date(2023, 6, 2), date(2024, 7, 1), 0, 0)


def test_lanes_keep_the_vocabulary_s_order():
    assert figures.lanes({"netherlands", "eu"}) == ["eu", "netherlands"]
    assert figures.lanes()[:3] == ["council_of_europe", "eu", "netherlands"]
    assert figures.importance(pd.DataFrame(columns=["event_type", "precision", "start", "end", "id"])).empty


@pytest.mark.parametrize("lang, one, two", [("nl", "1 bron", "2 bronnen"), ("en", "1 source", "2 sources")])
def test_the_hover_counts_its_sources_in_words(df, lang, one, two):
    """"1 sources" no more: the count agrees with its noun."""
    events = one_per_event(df)
    items = figures.timeline_items(events, lang)
    said = {figures.hovered({"customdata": h}, "sources") for h in items["hover"]}
    assert one in said and two in said and f"1 {two.split()[1]}" not in said
    assert f"%{{customdata[{figures.HOVER.index('sources')}]}}<br>" in figures._hovertemplate(lang)


# --- the plan's geometry, for any items (issue 25: what the mutation run of the plan found untested)

from datetime import timedelta  # noqa: E402

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

LANES = ["council_of_europe", "eu", "netherlands", "international"]


@st.composite
def planned(draw):
    n = draw(st.integers(1, 40))
    first = date(2019, 1, 1)
    rows = []
    for i in range(n):
        start = first + timedelta(days=draw(st.integers(0, 2500)))
        day = draw(st.booleans())
        rows.append({"lane": draw(st.sampled_from(LANES)), "start": start,
                     "end": start if day else start + timedelta(days=draw(st.integers(1, 400))), "day": day,
                     "rank": i, "line1": "x" * draw(st.integers(0, 40)), "line2": "y" * draw(st.integers(0, 30))})
    canvas = figures.Canvas(width=draw(st.integers(500, 1600)), max_rows=draw(st.integers(1, 6)),
                            max_total_rows=draw(st.integers(1, 24)),
                            height=draw(st.sampled_from([None, 720, 1080])))
    return pd.DataFrame(rows), canvas


def _marks(plan, items):
    """Each item's mark and, where it has one, its label, in pixels (as the plan placed them)."""
    c = plan.canvas
    out = []
    for row in items.itertuples():
        left, right = plan.px(row.start), plan.px(row.end + timedelta(days=1))
        a, b = (left - c.mark / 2, left + c.mark / 2) if row.day else (left, max(right, left + 2))
        w = figures.label_width(row.line1, row.line2, c.font)
        label = {"right": (b + figures.GAP, b + figures.GAP + w), "left": (a - figures.GAP - w, a - figures.GAP)}.get(row.side)
        out.append((row.lane, row.row, a, b, label))
    return out


@given(planned())
def test_a_plan_keeps_lanes_apart_rows_within_their_caps_and_labels_clear(case):
    items, canvas = case
    plan = figures.plan(items, LANES, {k: k for k in LANES}, canvas)
    placed = plan.items
    assert len(placed) == len(items) and list(placed["rank"]) == list(items["rank"])
    assert (placed["labelled"] == (placed["side"] != "")).all()
    # the lanes present, in their order, each below the one before with a gap between
    present = [k for k in LANES if k in set(items["lane"])]
    assert list(plan.lanes) == present
    top = 0.0
    heights = {}
    for k in present:
        bottom, upper = plan.lanes[k]
        assert upper == -top + 0.5
        heights[k] = upper - bottom
        rows = placed.loc[placed["lane"] == k, "row"]
        assert heights[k] == rows.max() + 1
        assert (placed.loc[placed["lane"] == k, "y"] == -(top + rows)).all()
        top += heights[k] + figures.LANE_GAP
    assert plan.units == top - figures.LANE_GAP
    # the rows: each lane within its cap, all within the budget (a fixed page: what fits its height)
    budget = canvas.max_total_rows if not canvas.height else int(
        (canvas.height - canvas.top - canvas.bottom) // canvas.row_px - figures.LANE_GAP * (len(present) - 1))
    assert all(h <= max(canvas.max_rows, budget // len(present)) for h in heights.values())
    assert sum(heights.values()) <= max(budget, len(present)) or all(h == 1 for h in heights.values())
    # the dates span the items, padded by at least 20 days each side
    assert plan.x0 <= min(items["start"]) - timedelta(days=20) and plan.x1 >= max(items["end"]) + timedelta(days=20)
    # a label stays on the plot, and among labelled items of a row no label touches another's
    # mark or label (an item without a label goes where its mark covers the least of one)
    marks = [m for m in _marks(plan, placed) if m[4]]
    for *_, label in marks:
        assert label[0] >= -1e-6 and label[1] <= canvas.plot_width + 1e-6
    for (l1, r1, a1, b1, lab1), (l2, r2, a2, b2, lab2) in combinations(marks, 2):
        if (l1, r1) != (l2, r2):
            continue
        for one, others in ((lab1, [(a2, b2), lab2]), (lab2, [(a1, b1)])):
            for other in others:
                assert one[1] + figures.GAP <= other[0] + 1e-6 or other[1] + figures.GAP <= one[0] + 1e-6


def test_importance_orders_key_types_then_sources_then_precision_then_span_then_start():
    rows = [  # id, type, stage, sources, precision, start, end
        ("k", "adoption", "", 1, "year", date(2024, 1, 1), date(2024, 12, 31)),
        ("s", "meeting", "council_adoption", 1, "year", date(2024, 1, 1), date(2024, 12, 31)),
        ("many", "meeting", "", 3, "year", date(2024, 1, 1), date(2024, 12, 31)),
        ("day", "meeting", "", 1, "day", date(2024, 5, 1), date(2024, 5, 1)),
        ("month", "meeting", "", 1, "month", date(2024, 3, 1), date(2024, 3, 31)),
        ("early", "meeting", "", 1, "month", date(2023, 3, 1), date(2023, 3, 31)),
        ("long", "meeting", "", 1, "month", date(2022, 1, 1), date(2022, 2, 28)),
        ("vague", "meeting", "", 1, "multi-year", date(2020, 1, 1), date(2022, 12, 31)),
    ]
    events = pd.DataFrame(rows, columns=["id", "event_type", "stage", "sources", "precision", "start", "end"])
    ranks = figures.importance(events)
    assert list(events.assign(rank=ranks).sort_values("rank")["id"]) == [
        "k", "s", "many", "day", "early", "month", "long", "vague"]
    assert figures.importance(events.iloc[:0]).empty
    # without sources or stages, a key type still comes first
    assert figures.importance(events.drop(columns=["sources", "stage"])).loc[0] == 0


@pytest.mark.parametrize("text, most, expected", [
    ("Het AI-verdrag is aangenomen", 40, "Het AI-verdrag is aangenomen"),
    ("Het AI-verdrag is aangenomen door het Comité van Ministers", 30, "Het AI-verdrag is aangenomen…"),
    ("Eenheelerlangwoordzonderspaties", 10, "Eenheelerl…"[:9] + "…"),
    ("  spaties   tussen\n woorden ", 40, "spaties tussen woorden"),
    ("Deze zin, met komma; en streep - eindigt", 26, "Deze zin, met komma; en…"),
])
def test_shorten_cuts_at_a_word_and_marks_the_cut(text, most, expected):
    assert figures.shorten(text, most) == expected
    assert len(figures.shorten(text, most)) <= most


# --- the plan, pixel by pixel (issue 25: what the mutation run of the plan left alive). On the
# ruler below one day is half a pixel and a character 6 pixels, so that a mark or a label that
# fits the plot exactly, or misses it by half a pixel, says which way it is measured.

RULER = figures.Canvas(width=1174, font=10)  # a plot 1,000 pixels wide
DAY0 = date(2020, 1, 1)


def on_ruler(*marks, canvas=RULER, reference=None):
    """The plan of marks given as (lane, first day, last day, day, label characters), the days
    counted from DAY0; a span without a label from day 56 to day 1944 sets the date range to
    DAY0 .. DAY0 + 2000 days (56 days' padding each side), so that a day is half a pixel."""
    rows = [("ruler", 56, 1944, False, 0), *marks]
    items = pd.DataFrame([{"lane": lane, "start": DAY0 + timedelta(days=first), "end": DAY0 + timedelta(days=last),
                           "day": day, "rank": i, "line1": "x" * chars, "line2": ""}
                          for i, (lane, first, last, day, chars) in enumerate(rows)])
    order = list(dict.fromkeys(items["lane"]))
    return figures.plan(items, order, {k: k for k in order}, canvas, reference)


def sides(plan) -> dict[str, str]:
    return dict(zip(plan.items["lane"], plan.items["side"], strict=True))


def test_on_the_ruler_a_day_is_half_a_pixel():
    p = on_ruler()
    assert (p.x0, p.x1, p.canvas.plot_width) == (DAY0, DAY0 + timedelta(days=2000), 1000)


def test_a_day_s_mark_is_as_wide_as_the_marker_centred_on_its_day():
    # a day at 929 px: its marker reaches 935, its label of 60 px (10 characters) a gap beyond
    # it, to 1000 exactly; half a pixel later the label no longer fits right and goes left. A
    # label of 588 px fits left of a marker at 599 px exactly (from 0); half a pixel earlier
    # it fits on neither side
    p = on_ruler(("fits right", 1858, 1858, True, 10), ("goes left", 1859, 1859, True, 10),
                 ("fits left", 1198, 1198, True, 98), ("fits nowhere", 1197, 1197, True, 98))
    assert sides(p) == {"ruler": "", "fits right": "right", "goes left": "left", "fits left": "left",
                        "fits nowhere": ""}


def test_a_span_s_mark_runs_to_the_end_of_its_last_day_and_is_at_least_two_pixels():
    # a span's mark ends with its last day: days 1849 to 1869 end at 935 px, so that a label of
    # 60 px fits right exactly; one day more and it goes left. A span of one day (half a pixel)
    # is drawn 2 px wide: from 933 px it ends at 935 and its label fits; half a pixel later not
    p = on_ruler(("fits right", 1849, 1869, False, 10), ("goes left", 1849, 1870, False, 10),
                 ("one day fits", 1866, 1866, False, 10), ("one day goes left", 1867, 1867, False, 10))
    assert sides(p) == {"ruler": "", "fits right": "right", "goes left": "left", "one day fits": "right",
                        "one day goes left": "left"}


def test_the_plan_takes_the_reference_date_into_its_range():
    p = on_ruler(reference=DAY0 + timedelta(days=2500))
    assert p.x1 == DAY0 + timedelta(days=2500 + int((2500 - 56) * 0.03))


def test_marks_of_one_day_take_a_row_each_in_their_lane_and_lanes_stack_down():
    p = on_ruler(("eu", 1000, 1000, True, 10), ("eu", 1000, 1000, True, 10), ("eu", 1000, 1000, True, 10),
                 ("netherlands", 1000, 1000, True, 10))
    placed = p.items
    assert list(placed.columns) == ["lane", "start", "end", "day", "rank", "line1", "line2", "row", "side", "y",
                                    "labelled"]
    assert placed["row"].dtype == "int64" and placed["row"].tolist() == [0, 0, 1, 2, 0]
    assert placed["y"].tolist() == [0.0, -1.5, -2.5, -3.5, -5.0]
    assert placed["labelled"].tolist() == [False, True, True, True, True]
    assert p.lanes == {"ruler": (-0.5, 0.5), "eu": (-4.0, -1.0), "netherlands": (-5.5, -4.5)}
    assert p.units == 6.0


# a page whose plot holds 14.6 rows of 32 px (labels of font 10): 14 rows for one lane, less
# half a row between lanes
PAGE = figures.Canvas(width=1174, height=582, font=10, max_rows=20)


def crowded(lanes: list[str], per_lane: int = 25) -> pd.DataFrame:
    """Marks all on one day, each with a label: each takes a row of its own, while rows last."""
    return pd.DataFrame([{"lane": lane, "start": DAY0, "end": DAY0, "day": True, "rank": i, "line1": "x" * 10,
                          "line2": ""} for lane in lanes for i in range(per_lane)])


@pytest.mark.parametrize("lanes, heights", [
    (["eu"], [14]),
    (["eu", "netherlands"], [6, 7]),  # 13 rows: the first lane gives up a row first
    (["council_of_europe", "eu", "netherlands", "international"], [3, 3, 3, 3]),  # 12.5 rows
])
def test_a_page_s_lanes_take_the_rows_its_plot_holds_less_the_gaps_between_them(lanes, heights):
    p = figures.plan(crowded(lanes), lanes, {k: k for k in lanes}, PAGE)
    assert [top - bottom for bottom, top in p.lanes.values()] == heights
    # where rows run out, the least important marks of a lane go without a label
    assert (p.items.groupby("lane")["labelled"].sum() == heights).all()


def test_lanes_give_up_rows_down_to_one_each_but_no_further():
    # a page of 266 px: 8 rows, 6.5 once the gaps between 4 lanes are taken
    page = figures.Canvas(width=1174, height=380, font=10, max_rows=20)
    lanes = ["council_of_europe", "eu", "netherlands", "international"]
    p = figures.plan(crowded(lanes), lanes, {k: k for k in lanes}, page)
    assert [top - bottom for bottom, top in p.lanes.values()] == [1, 1, 2, 2]
    tiny = figures.Canvas(width=1174, height=200, font=10, max_rows=20)  # no room for 4 lanes: a row each
    p = figures.plan(crowded(lanes), lanes, {k: k for k in lanes}, tiny)
    assert [top - bottom for bottom, top in p.lanes.values()] == [1, 1, 1, 1]


def test_on_a_page_the_lanes_fill_the_plot_from_top_to_bottom():
    p = figures.plan(crowded(["eu", "netherlands"]), ["eu", "netherlands"], {}, PAGE)
    bottom = p.lanes["netherlands"][0]
    assert (p.py(0.5), p.py(bottom)) == (0, 582 - 44 - 70)
    assert p.py((0.5 + bottom) / 2) == pytest.approx((582 - 44 - 70) / 2)
    # as tall as the lanes need: a row's height each
    screen = figures.plan(crowded(["eu"], 3), ["eu"], {}, RULER)
    assert screen.py(-2.5) == pytest.approx(3 * RULER.row_px) and screen.py(0) == pytest.approx(RULER.row_px / 2)
    # no lanes: one row
    empty = figures.plan(crowded(["eu"]).iloc[:0], [], {"eu": "Europese Unie"}, PAGE, DAY0)
    assert (empty.py(-1.0), empty.py(0.0)) == (582 - 44 - 70, pytest.approx((582 - 44 - 70) / 3))
    assert (empty.units, empty.lane_names) == (0.0, {"eu": "Europese Unie"})
    assert list(empty.items.columns) == ["lane", "start", "end", "day", "rank", "line1", "line2", "row", "y",
                                         "labelled", "side"]


def test_a_single_day_s_range_spans_the_plot():
    p = figures.Plan(pd.DataFrame(), {}, {}, DAY0, DAY0 + timedelta(days=1), RULER, 0.0)
    assert p.px(DAY0 + timedelta(days=1)) == 1000


# _pack on marks given in pixels: (from, to), and a label's width; a plot of 90 or 200 px

def test_a_mark_without_a_label_goes_to_the_first_row_it_fits_in():
    marks = [(10, 12), (50, 52), (50, 52), (11, 13)]
    # the first has no label: it takes row 0; the third's label finds row 0 taken; the last
    # fits beside nothing in row 0 (its neighbour is within a gap) but in row 1
    assert figures._pack(marks, [0, 20, 20, 0], 200, 2) == ([0, 0, 1, 1], ["", "right", "right", ""])


@pytest.mark.parametrize("marks, widths, rows, placed", [
    # fits in neither row: row 1, whose left label (62, 72) it covers 5 px of, not row 0's
    # right label (15, 65), of which it covers 10 (within a gap of its mark (60, 62))
    ([(0, 10), (77, 79), (60, 62)], [50, 10, 0], [0, 1, 1], ["right", "left", ""]),
    # row 1, whose right label (27, 67) it covers 8 px of, not the 9 of row 0's left one (62, 72)
    ([(77, 79), (20, 22), (64, 66)], [10, 40, 0], [0, 1, 1], ["left", "right", ""]),
    # row 0: its mark (78, 80) and gap end where the left label (62, 72) ends, a gap off its mark
    ([(77, 79), (70, 72), (78, 80)], [10, 13, 0], [0, 1, 0], ["left", "right", ""]),
])
def test_a_mark_that_fits_no_row_goes_where_it_covers_the_least_of_a_label(marks, widths, rows, placed):
    assert figures._pack(marks, widths, 90, 2) == (rows, placed)


def test_labels_a_mark_does_not_cover_count_for_nothing():
    # the last mark covers none of row 0's two labels and 1 px of row 1's: row 0
    marks = [(10, 12), (100, 102), (5, 7), (5, 8)]
    assert figures._pack(marks, [20, 20, 20, 0], 200, 2) == ([0, 0, 1, 0], ["right", "right", "right", ""])


def test_a_lane_keeps_to_its_rows_even_without_labels():
    assert figures._pack([(10, 12), (11, 13)], [20, 20], 100, 1) == ([0, 0], ["right", ""])
    assert figures._pack([(0, 2), (1, 3)], [10, 10], 100, 0) == ([0, 0], ["", ""])  # no row at all: one
    with pytest.raises(ValueError):  # a mark without its label's width is an error, not dropped
        figures._pack([(0, 2), (5, 7)], [10], 100, 1)


def test_importance_keeps_the_events_index_and_gives_whole_ranks():
    rows = [("k", "adoption", "council_adoption", 2, "day", date(2024, 5, 21), date(2024, 5, 21)),
            ("m", "meeting", "", 1, "year", date(2024, 1, 1), date(2024, 12, 31))]
    events = pd.DataFrame(rows, columns=["id", "event_type", "stage", "sources", "precision", "start", "end"],
                          index=["e7", "e9"])
    ranks = figures.importance(events)
    pd.testing.assert_series_equal(ranks, pd.Series([0, 1], index=["e7", "e9"]))
    # without stages or sources: the same order
    pd.testing.assert_series_equal(figures.importance(events.drop(columns=["stage", "sources"])), ranks)
    none = events[events["id"] == "none"]
    pd.testing.assert_series_equal(figures.importance(none), pd.Series([], dtype="int64", index=none.index))


def test_a_title_is_cut_at_a_word_only_in_its_second_half():
    # seed 001: "Specifieke transparantieverplichtingen gaan gelden voor AI-systemen ..."
    assert figures.shorten("Specifieke transparantieverplichtingen", 30) == "Specifieke transparantieverpl…"
    # corpus 03: a motion's heading; the X of a name is kept, only spaces and punctuation go
    assert figures.shorten("MOTIE VAN HET LID SIX DIJKSTRA", 25) == "MOTIE VAN HET LID SIX…"


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_headline_wraps_to_a_second_line_instead_of_being_cut(df, lang):
    """Every label of the bundled table's timeline holds its whole headline: the first line as
    much as fits, the rest on the second line before the date."""
    events = one_per_event(df)
    items = figures.timeline_items(events, lang)
    for headline, first, rest in zip(events[f"title_{lang}"], items["line1"], items["rest"], strict=True):
        assert len(first) <= figures.TITLE_CHARS and len(rest) <= figures.TITLE_CHARS
        if headline:  # every headline a frame makes fits on the two lines
            assert f"{first} {rest}".strip() == headline and "…" not in first + rest, headline
    assert (items["rest"] != "").any()  # some headlines take the second line
