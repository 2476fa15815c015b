"""The app's caches hold across sessions: what one browser session saves (an uploaded letter, a
correction in the review tab) reaches another session of the same server, without a restart,
on its next run or reload, and whole (its count of events and its chart agree with the
session that saved it).

One `streamlit run` per test, on a copy of the events table with a corrections store and an
uploads folder of its own (AIRT_TABLE, AIRT_CORRECTIONS, AIRT_UPLOADS); the sessions are two
browser contexts of one chromium, so they share no cookie or storage, only the server.
"""

from __future__ import annotations

import re
import shutil
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from dashboard.filters import only_events
from events.table import DEFAULT_TABLE, read_table
from tests.browser import chromium, serve
from tests.conftest import UPLOAD_LETTER
from tests.test_browser import CHART, LOAD_TIMEOUT, VIEWPORT, no_exception, pick, wait_drawn

pytestmark = pytest.mark.browser

SHOWN = re.compile(r"(\d+) van (\d+) gebeurtenissen")


@pytest.fixture
def shared(tmp_path):
    """One server on an isolated table, store and uploads folder; a function that opens a new
    session (a browser context of its own) on it; and the table's folder."""
    folder = tmp_path / "data"
    shutil.copytree(DEFAULT_TABLE.parent, folder)
    table = folder / DEFAULT_TABLE.name
    with serve(AIRT_TABLE=str(table), AIRT_CORRECTIONS=str(tmp_path / "corrections.sqlite"),
               AIRT_UPLOADS=str(tmp_path / "uploads")) as url, chromium() as browser:
        contexts = []

        def session():
            context = browser.new_context(viewport=VIEWPORT, locale="nl-NL")
            context.set_default_timeout(LOAD_TIMEOUT)
            contexts.append(context)
            page = context.new_page()
            page.errors = []
            page.on("pageerror", lambda exc: page.errors.append(str(exc)))
            return page
        yield url, session, table
        for context in contexts:
            context.close()


def shown(page) -> tuple[int, int]:
    """The events shown and the total, as the page says them ("n van total gebeurtenissen")."""
    n, total = SHOWN.search(page.get_by_text(SHOWN).first.inner_text()).groups()
    return int(n), int(total)


def open_at(page, url: str, query: str = "") -> None:
    """The app at a query, every topic shown: these tests count all the events sessions share."""
    page.goto(f"{url}/{query + '&' if query else '?'}topic=all")
    page.wait_for_selector(f"{CHART} .point", state="attached", timeout=LOAD_TIMEOUT)


def wait_total(page, total: int) -> None:
    """Until the page's count names `total` events in all."""
    page.wait_for_function(
        "(total) => new RegExp(' van ' + total + ' gebeurtenissen').test(document.body.innerText)",
        arg=total, timeout=LOAD_TIMEOUT)


def test_an_upload_in_one_session_reaches_the_others(shared, tmp_path):
    url, session, table = shared
    total = only_events(read_table(table))["cluster"].nunique()
    a, b = session(), session()
    open_at(a, url)
    open_at(b, url)
    wait_drawn(b, total)
    assert shown(a) == shown(b) == (total, total)

    letter = tmp_path / "Brief over de AI-verordening.txt"
    letter.write_text(UPLOAD_LETTER, encoding="utf-8")
    a.get_by_role("tab", name="Documenten").click()
    a.locator("input[type=file]").set_input_files(str(letter))
    a.get_by_text("Toegevoegd: Brief_over_de_AI-verordening.txt").wait_for(timeout=LOAD_TIMEOUT)
    a.wait_for_function(f"() => !document.body.innerText.includes('{total} van {total} gebeurtenissen')",
                        timeout=LOAD_TIMEOUT)
    after = shown(a)[1]
    assert after > total

    # b, open all along, on its next run (a filter change): the new total, and its chart agrees
    pick(b, "Spoor", "Europese Unie")
    b.wait_for_url(lambda u: parse_qs(urlsplit(u).query).get("track") == ["eu"])
    wait_total(b, after)
    eu = shown(b)[0]
    wait_drawn(b, eu)
    # b reloaded, and a third session new to the server: all of it, drawn
    for page in (b, session()):
        open_at(page, url)
        wait_total(page, after)
        assert shown(page) == (after, after)
        wait_drawn(page, after)
        page.get_by_role("tab", name="Documenten").click()
        page.get_by_text("Brief_over_de_AI-verordening.txt").first.wait_for(timeout=LOAD_TIMEOUT)
        no_exception(page)
    no_exception(a)


def test_a_correction_in_one_session_reaches_the_others(shared):
    url, session, table = shared
    events = only_events(read_table(table))
    total = events["cluster"].nunique()
    # the first event the review tab lists (by start, document and line), and the total once it is rejected
    first = events.sort_values(["start", "doc", "line"]).iloc[0]
    left = events[events["id"] != first["id"]]["cluster"].nunique()
    assert left == total - 1  # an event of one mention: rejecting it leaves one event fewer
    a, b = session(), session()
    open_at(b, url)
    wait_drawn(b, total)

    a.goto(f"{url}/?tab=review&topic=all")
    # the page's first run done (its count and the tab's last widget drawn) before a key starts another
    wait_total(a, total)
    a.get_by_role("combobox", name="Gebeurtenis", exact=True).wait_for(timeout=LOAD_TIMEOUT)
    a.get_by_role("textbox", name="Uw naam (verplicht om op te slaan)").fill("Tester")
    a.keyboard.press("Enter")
    box = a.get_by_role("combobox", name="Gebeurtenis", exact=True)
    quote = a.get_by_test_id("stText").filter(has_text=first["quote"][:60]).first
    # the run the name's Enter started may redraw the list under the click: choose again until
    # the event's quote shows (its option by its line and title, not by place)
    for attempt in range(3):
        box.click()
        a.get_by_role("option").filter(has_text=f"regel {first['line']} · {first['title']}").first.click()
        try:
            quote.wait_for(timeout=LOAD_TIMEOUT // 3)
            break
        except PlaywrightTimeout:
            if attempt == 2:
                raise
    a.get_by_role("button", name="Verwerp deze gebeurtenis").click()
    a.get_by_text("Opgeslagen: 1 wijziging(en).").wait_for(timeout=LOAD_TIMEOUT)
    no_exception(a)

    # b, open all along, on its next run: the event is gone from its count and its chart
    pick(b, "Spoor", "Europese Unie")
    b.wait_for_url(lambda u: parse_qs(urlsplit(u).query).get("track") == ["eu"])
    wait_total(b, left)
    b.goto(f"{url}/?topic=all")
    wait_total(b, left)
    assert shown(b) == (left, left)
    wait_drawn(b, left)
    # the same in a new session, and in a's own next run
    c = session()
    open_at(c, url)
    assert shown(c) == (left, left)
    wait_drawn(c, left)
    open_at(a, url)
    assert shown(a) == (left, left)
    for page in (a, b, c):
        no_exception(page)
