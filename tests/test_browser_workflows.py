"""Workflows in the real browser: adding a document, the process view, the view as of a date."""

from __future__ import annotations

import re

import pytest

from dashboard import filters as flt
from dashboard.filters import only_events
from events.table import DEFAULT_TABLE, read_table
from tests.browser import ROOT, chromium, serve
from tests.conftest import UPLOAD_LETTER

pytestmark = pytest.mark.browser

ARTIFACTS = ROOT / "artifacts"
LOAD_TIMEOUT = 60_000
TOTAL = only_events(read_table(DEFAULT_TABLE))["cluster"].nunique()
# what the timeline shows by default: the events about AI (issue 20), of TOTAL
ON_TOPIC = flt.apply(read_table(DEFAULT_TABLE), flt.Filters())["cluster"].nunique()
SHOWN = re.compile(r"(\d+) van (\d+) gebeurtenissen")


@pytest.fixture
def app(tmp_path):
    with serve(AIRT_UPLOADS=str(tmp_path / "uploads"), AIRT_CORRECTIONS=str(tmp_path / "c.sqlite")) as url, \
            chromium() as browser:
        page = browser.new_page(viewport={"width": 1500, "height": 1100})
        yield url, page, tmp_path


def shown(page) -> tuple[int, int]:
    text = page.get_by_text(SHOWN).first.inner_text()
    n, total = SHOWN.search(text).groups()
    return int(n), int(total)


def test_an_uploaded_letter_shows_its_events_at_once(app):
    url, page, tmp_path = app
    letter = tmp_path / "Brief over de AI-verordening.txt"
    letter.write_text(UPLOAD_LETTER, encoding="utf-8")
    page.goto(url)
    page.wait_for_selector(".js-plotly-plot", timeout=LOAD_TIMEOUT)
    assert shown(page) == (ON_TOPIC, TOTAL)
    page.get_by_role("tab", name="Documenten").click()
    page.locator("input[type=file]").set_input_files(str(letter))
    page.get_by_text("Toegevoegd: Brief_over_de_AI-verordening.txt").wait_for(timeout=LOAD_TIMEOUT)
    page.wait_for_function(f"() => !document.body.innerText.includes('{ON_TOPIC} van {TOTAL} gebeurtenissen')",
                           timeout=LOAD_TIMEOUT)
    n, total = shown(page)
    assert total > TOTAL and n > ON_TOPIC  # the letter's events, about the AI Act, are shown
    assert (tmp_path / "uploads" / "Brief_over_de_AI-verordening.txt").exists()
    page.screenshot(path=str(ARTIFACTS / "upload.png"), full_page=True)


def test_the_process_view_shows_stages_and_the_slipped_plan(app):
    url, page, _ = app
    page.goto(url + "/?lang=en")
    page.wait_for_selector(".js-plotly-plot", timeout=LOAD_TIMEOUT)
    page.get_by_role("tab", name="Process").click()
    chain = page.locator(".st-key-chain .js-plotly-plot")
    chain.wait_for(timeout=LOAD_TIMEOUT)
    ticks = page.evaluate("() => document.querySelector('.st-key-chain .js-plotly-plot')._fullLayout.yaxis.ticktext")
    assert "Council of Europe convention (Framework Convention on AI)" in [tick.replace("<br>", " ") for tick in ticks]
    page.wait_for_url(lambda u: "tab=process" in u)  # the open tab is in the link
    page.locator(".st-key-plan_actual .js-plotly-plot").wait_for(timeout=LOAD_TIMEOUT)
    assert page.locator(".st-key-plan_actual").get_by_text("+61 days").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "process.png"), full_page=True)


def test_as_of_a_date_the_later_documents_are_left_out(app):
    url, page, _ = app
    page.goto(url + "/?asof=2023-06-01")
    page.wait_for_selector(".js-plotly-plot", timeout=LOAD_TIMEOUT)
    page.get_by_text("Zoals de documenten tot en met 1 jun 2023").wait_for(timeout=LOAD_TIMEOUT)
    table = flt.apply(read_table(DEFAULT_TABLE), flt.Filters())
    before = table[table["doc_date"].map(lambda d: d.isoformat() <= "2023-06-01")]["cluster"].nunique()
    assert shown(page)[0] == before < TOTAL
