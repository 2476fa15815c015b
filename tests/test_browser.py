"""The real dashboard in a real browser: `streamlit run dashboard/app.py` on a free port,
driven by Playwright in Debian's chromium. The events are counted in the Plotly figure the
page drew, and compared with the events table the server reads.

Screenshots go to artifacts/ (gitignored); test_readme_screenshot makes dashboard.png for the
README there, and beside it slide.png, the exported briefing slide of the key milestones
(`scripts/screenshot` runs only that test and copies both to docs/).
"""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import numpy as np
import pytest
from PIL import Image

from dashboard import filters as flt
from dashboard.filters import only_events
from dashboard.text import date_label, headlines
from events.table import DEFAULT_TABLE, read_table
from tests.browser import ROOT, chromium, serve

pytestmark = pytest.mark.browser

ARTIFACTS = ROOT / "artifacts"
VIEWPORT = {"width": 1500, "height": 1000}
LOAD_TIMEOUT = 60_000  # ms; the first run reads the table, and the machine may be busy

# The events the page drew, in the timeline chart (key "timeline"; the process tab has
# charts of its own): per visible trace of markers or bars (not the connector lines between
# events), the points Plotly laid out (`_length` of the full data, which also covers typed
# arrays), and the SVG marks it drew for them (one `.point` per marker or bar). null while
# there is no drawn chart.
CHART = ".st-key-timeline .js-plotly-plot"
DRAWN_JS = """() => {
    const gd = document.querySelector('CHART');
    if (!gd || !gd._fullData || !gd._fullLayout) return null;
    const marks = t => t.visible === true && (t.type === 'bar' || String(t.mode).includes('markers'));
    return {
        data: gd._fullData.filter(marks).reduce((n, t) => n + (t._length ?? (t.x ? t.x.length : 0)), 0),
        svg: gd.querySelectorAll('.barlayer .point, .scatterlayer .point').length,
        lanes: Array.from(gd._fullLayout.yaxis.ticktext || []),
    };
}""".replace("CHART", CHART)
WAIT_DRAWN_JS = f"""(n) => {{
    const drawn = ({DRAWN_JS})();
    return drawn !== null && drawn.data === n && drawn.svg === n;
}}"""


def clusters(df) -> int:
    return df["cluster"].nunique()


@pytest.fixture(scope="module")
def table(tmp_path_factory) -> Path:
    """A snapshot of the events table and what stands beside it (links, sources, the
    corrections store), so that the server and the expectations read the same rows and the
    tests change nothing in the project."""
    folder = tmp_path_factory.mktemp("table") / "data"
    shutil.copytree(DEFAULT_TABLE.parent, folder)
    return folder / DEFAULT_TABLE.name


@pytest.fixture(scope="module")
def events(table):
    return flt.apply(read_table(table), flt.Filters())  # what the timeline draws: events about AI


@pytest.fixture(scope="module")
def every(table):
    return only_events(read_table(table))  # the events of every topic: the count's total


@pytest.fixture(scope="module")
def app(table):
    with serve(AIRT_TABLE=str(table), AIRT_UPLOADS=str(table.parent.parent / "uploads")) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport=VIEWPORT, locale="nl-NL")
    context.set_default_timeout(30_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.errors = errors
    yield page
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{request.node.name}.png", full_page=True)
    context.close()


def open_app(page, url: str, query: str = "") -> None:
    page.goto(f"{url}/{query}")
    page.wait_for_selector(f"{CHART} .point", state="attached", timeout=LOAD_TIMEOUT)


def wait_drawn(page, n: int) -> dict:
    """Wait until the chart shows exactly n events (in its data and as SVG marks); what it drew."""
    try:
        page.wait_for_function(WAIT_DRAWN_JS, arg=n, polling="raf", timeout=LOAD_TIMEOUT)
    except Exception as exc:  # say what was drawn instead
        raise AssertionError(f"chart never showed {n} events; it shows {page.evaluate(DRAWN_JS)}") from exc
    return page.evaluate(DRAWN_JS)


def no_exception(page) -> None:
    shown = page.get_by_test_id("stException").all_inner_texts()
    assert not shown, f"the app raised: {shown}"
    assert not page.errors, f"JavaScript errors: {page.errors}"


def test_chart_draws_every_event(app, page, events, every):
    open_app(page, app)
    drawn = wait_drawn(page, clusters(events))
    assert drawn["data"] == drawn["svg"] == clusters(events)
    assert drawn["lanes"][0] == "Raad van Europa"
    page.get_by_text(f"{clusters(events)} van {clusters(every)} gebeurtenissen").wait_for()
    no_exception(page)


def test_institution_filter_through_the_sidebar(app, page, events, every):
    wanted = events[events["institutions"].map(lambda names: "Council of Europe" in names)]
    assert 0 < clusters(wanted) < clusters(events)
    open_app(page, app)
    wait_drawn(page, clusters(events))

    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_role("combobox", name="Instelling", exact=True).click()
    option = page.get_by_role("option", name="Raad van Europa", exact=True)
    option.click()
    page.keyboard.press("Escape")

    page.wait_for_url(lambda url: parse_qs(urlsplit(url).query).get("institution") == ["Council of Europe"])
    assert "institution=Council+of+Europe" in page.url or "institution=Council%20of%20Europe" in page.url
    drawn = wait_drawn(page, clusters(wanted))
    assert drawn["data"] == clusters(wanted)
    page.get_by_text(f"{clusters(wanted)} van {clusters(every)} gebeurtenissen").wait_for()
    chosen = sidebar.locator(".st-key-w_institution").get_by_role("group", name="Selected values")
    assert chosen.inner_text().strip() == "Raad van Europa", chosen.inner_text()
    # the caption under the filter says how many events each institution leaves
    assert f"Raad van Europa {clusters(wanted)}" in sidebar.inner_text()
    no_exception(page)


def test_event_detail_shows_the_quote(app, page, events):
    # an event with one mention, whose Dutch headline is not shared, so that its option is unambiguous
    single = events.groupby("cluster").filter(lambda g: len(g) == 1)
    single = single[~headlines(single, "nl").duplicated(keep=False)]
    row = single.sort_values(["start", "id"]).iloc[len(single) // 2]
    headline = headlines(single, "nl")[row.name]
    option = f"{date_label(row.start, row.end, row.precision, 'nl', row.date_text)} · {headline}"
    open_app(page, app)

    box = page.get_by_role("combobox", name="Kies een gebeurtenis", exact=True)
    box.click()
    box.fill(headline[:25])
    page.get_by_role("option", name=option, exact=True).click()

    texts = page.get_by_test_id("stText")
    texts.filter(has_text=row.quote[:60]).first.wait_for()
    shown = texts.all_inner_texts()
    assert row.quote in shown, shown
    shown_date = date_label(row.start, row.end, row.precision, "nl", row.date_text)
    assert f"{shown_date}  ·  Zoals geschreven: {row.date_text}" in shown, shown
    no_exception(page)


def test_clicking_a_point_opens_its_detail(app, page, events):
    open_app(page, app)
    wait_drawn(page, clusters(events))
    # the first point no label covers (a click on a label's box opens nothing)
    points = page.locator(f"{CHART} .scatterlayer .point")
    marker = next(p for p in points.all() if p.evaluate(
        "el => { const r = el.getBoundingClientRect();"
        " const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);"
        " return !(hit && hit.closest('.annotation')); }"))
    # the mention id the app puts last in each point's customdata
    mention = marker.evaluate("el => el.closest('.trace').__data__[0].trace.customdata[el.__data__.i].at(-1)")
    quote = events.loc[events["id"] == mention, "quote"].item()
    marker.scroll_into_view_if_needed()  # a mouse click lands only within the window
    box = marker.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    texts = page.get_by_test_id("stText")
    texts.filter(has_text=quote[:60]).first.wait_for()
    assert quote in texts.all_inner_texts()
    cluster = events.loc[events["id"] == mention, "cluster"].item()  # the link names the event opened
    page.wait_for_url(lambda url: parse_qs(urlsplit(url).query).get("event") == [cluster])
    no_exception(page)


def test_url_with_track_and_language(app, page, events, every):
    eu = events[events["track"] == "eu"]
    assert 0 < clusters(eu) < clusters(events)
    open_app(page, app, "?track=eu&lang=en")
    drawn = wait_drawn(page, clusters(eu))
    assert drawn["lanes"] == ["European Union"]
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_text("Track", exact=True).wait_for()
    assert sidebar.get_by_text("Spoor", exact=True).count() == 0
    page.get_by_role("heading", name="AI-regulation timeline").wait_for()
    page.get_by_text(f"{clusters(eu)} of {clusters(every)} events").wait_for()
    assert parse_qs(urlsplit(page.url).query) == {"track": ["eu"], "lang": ["en"]}
    no_exception(page)


def test_invalid_url_value_gives_a_notice(app, page, events):
    open_app(page, app, "?track=mars")
    wait_drawn(page, clusters(events))
    alert = page.get_by_test_id("stAlert").filter(has_text="track=mars")
    alert.wait_for()
    assert "Genegeerd in de URL" in alert.inner_text()
    no_exception(page)


def test_readme_screenshot(app, page, events, table):
    """The dashboard as a new visitor sees it, and the slide a briefing gets, for the README:
    written to artifacts/ (scripts/screenshot copies them to docs/; no test writes a tracked
    file). The picture must show the chart's marks, not a blank or loading page."""
    open_app(page, app)
    wait_drawn(page, clusters(events))
    page.get_by_test_id("stDataFrame").first.wait_for()
    page.mouse.move(VIEWPORT["width"] - 2, VIEWPORT["height"] // 2)  # no hover label or sidebar button in the picture
    page.evaluate("document.fonts.ready")
    page.wait_for_timeout(500)
    no_exception(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "dashboard.png")
    shot = np.asarray(Image.open(ARTIFACTS / "dashboard.png").convert("RGB")).astype(int)
    assert shot.shape[:2] == (VIEWPORT["height"], VIEWPORT["width"])
    status_colored = (shot.max(axis=-1) - shot.min(axis=-1)) > 60  # the marks' blue, green and amber
    assert status_colored.sum() > 2_000, "the screenshot shows no chart marks"
    # beside it, the slide a briefing gets: the key milestones, exported as the app and the command do
    from dashboard import export
    from dashboard import filters as flt
    from dashboard.sources import read_sources
    f = flt.parse_query({"lang": "en"}, events)
    slide = export.render(read_table(table), f, "png", "slide", "milestones", sources=read_sources(table))
    (ARTIFACTS / "slide.png").write_bytes(slide)
    assert Image.open(io.BytesIO(slide)).size == (2560, 1440)


def test_key_milestones_are_drawn_labelled(app, page, events):
    """?view=milestones&track=eu: one row per procedure, each milestone with its label."""
    from dashboard.figures import milestones
    eu = events[events["track"] == "eu"]
    expected = milestones(eu, "nl").layout.meta
    assert expected["labelled"] >= 2
    page.goto(f"{app}/?view=milestones&track=eu")
    page.wait_for_selector(f"{CHART} .point", state="attached", timeout=LOAD_TIMEOUT)
    page.wait_for_function(
        "(n) => document.querySelectorAll('CHART .annotation-text').length >= n".replace("CHART", CHART),
        arg=expected["labelled"], timeout=LOAD_TIMEOUT)
    flat = page.evaluate(f"() => Array.from(document.querySelectorAll('{CHART} .annotation-text'), e => e.textContent)")
    assert any(text.startswith("Stemming Europees Parlement") for text in flat), flat
    assert any(text.startswith("Aanneming Raad") and "21 mei" in text for text in flat), flat
    lanes = page.evaluate(f"() => document.querySelector('{CHART}')._fullLayout.yaxis.ticktext")
    assert any("wetgevingsprocedure" in lane for lane in lanes), lanes
    assert page.get_by_role("radio", name="Mijlpalen").count() + page.get_by_text("Mijlpalen").count() >= 1
    no_exception(page)


def pick(page, widget: str, option: str) -> None:
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_role("combobox", name=widget, exact=True).click()
    page.get_by_role("option", name=option, exact=True).click()
    page.keyboard.press("Escape")


def test_choices_in_one_filter_survive_changes_in_another(app, page, events):
    open_app(page, app)
    wait_drawn(page, clusters(events))
    pick(page, "Spoor", "Nederland")
    page.wait_for_url(lambda url: parse_qs(urlsplit(url).query).get("track") == ["netherlands"])
    pick(page, "Status", "gepland")
    page.wait_for_url(lambda url: parse_qs(urlsplit(url).query).get("status") == ["planned"])
    pick(page, "Spoor", "Europese Unie")
    page.wait_for_url(lambda url: parse_qs(urlsplit(url).query).get("track") == ["netherlands,eu"])
    assert parse_qs(urlsplit(page.url).query)["status"] == ["planned"]
    no_exception(page)


def test_the_page_fetches_nothing_from_outside_the_machine_and_offers_no_deploy(app, page, events):
    """.streamlit/config.toml: no usage statistics (no metrics config fetched from Streamlit's
    servers) and the reader's toolbar (no Deploy button)."""
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    open_app(page, app)
    wait_drawn(page, clusters(events))
    page.wait_for_timeout(1_000)  # what a page asks for after its first draw (metrics, fonts)
    host = urlsplit(app).hostname
    assert requested and all(urlsplit(url).hostname in (host, None) or url.startswith("data:") for url in requested), \
        sorted({urlsplit(url).hostname for url in requested})
    assert page.get_by_text("Deploy", exact=True).count() == 0
    no_exception(page)


def test_switching_the_language_keeps_a_url_that_reopens_the_same_view(app, page, events, every):
    """NL -> EN must not write a control's label into the URL (it once wrote size=Slide (16:9),
    which the reopened link refused): the URL holds keys, and reopening it shows the same view."""
    eu = events[events["track"] == "eu"]
    open_app(page, app, "?track=eu")
    wait_drawn(page, clusters(eu))
    page.get_by_text("Afbeelding voor een notitie of dia").first.click()  # the export settings in view
    page.get_by_test_id("stSidebar").get_by_text("English", exact=True).click()
    page.wait_for_url(lambda url: parse_qs(urlsplit(url).query).get("lang") == ["en"])
    page.get_by_text(f"{clusters(eu)} of {clusters(every)} events").wait_for()
    page.wait_for_timeout(1_000)  # every rerun the switch set off is over
    query = parse_qs(urlsplit(page.url).query)
    assert query == {"track": ["eu"], "lang": ["en"]}, query
    page.goto(page.url)
    drawn = wait_drawn(page, clusters(eu))
    assert drawn["lanes"] == ["European Union"]
    assert page.get_by_test_id("stAlert").filter(has_text="Ignored in the URL").count() == 0
    no_exception(page)


# Each label of the chart as the browser drew it: its lines (Plotly draws a line of a text of
# several lines as a tspan of class "line"); the today line and the note are of one line.
LABELS_JS = ("() => Array.from(document.querySelectorAll('CHART .annotation-text'), e => {"
             " const lines = Array.from(e.querySelectorAll('.line'), t => t.textContent);"
             " return lines.length ? lines : [e.textContent]; }).filter(lines => lines.length >= 2)"
             ).replace("CHART", CHART)


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("view", ["timeline", "milestones"])
def test_every_label_is_whole_in_its_language_and_dated_with_a_year(app, page, view, lang):
    """The default timeline and the key milestones, in English and in Dutch, as the browser
    draws them: each label's headline whole (not cut), in the page's language, and its date
    with a year."""
    from events.headlines import headline_problems

    page.goto(f"{app}/?lang={lang}" + ("&view=milestones" if view == "milestones" else ""))
    page.wait_for_selector(f"{CHART} .point", state="attached", timeout=LOAD_TIMEOUT)
    page.wait_for_function(f"() => ({LABELS_JS})().length >= 5", timeout=LOAD_TIMEOUT)
    labels = page.evaluate(LABELS_JS)
    for lines in labels:
        first, second = lines[0], lines[-1]
        rest, _, when = second.rpartition(" · ")
        headline = f"{first} {rest}".strip()
        assert "…" not in headline and "…" not in when, lines
        foreign = [p for p in headline_problems(headline, lang) if p.startswith("words of another language")]
        assert not foreign, (lines, foreign)
        assert re.search(r"\b(?:19|20)\d\d\b", when), lines
    no_exception(page)
