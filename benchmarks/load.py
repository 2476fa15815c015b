"""Load: concurrent browser sessions against one dashboard.

    python benchmarks/load.py [--sessions 10] [--seconds 60] [--seed 0]

Starts one real dashboard (`streamlit run dashboard/app.py`, tests/browser.py's serve) on a copy
of the events table, with a corrections store and an uploads folder of its own, and opens
--sessions pages in one headless chromium (Playwright's async API: one browser, a context and a
page per session, all driven from one asyncio loop). Each session loops for --seconds over
actions drawn from its own seeded random stream:

  track, institution  choose an option of the sidebar's multiselect (a rerun in the session);
                      the redraw is timed in the page from the pointer press on the option to
                      the timeline drawn with the events the filters leave (counted as the app
                      counts them: parse_query and TableIndex over the same table) and the run
                      over (the sidebar's last widget there, no element stale)
  dates               a from/to period through the URL (a new page load, timed to the chart drawn)
  event               an event chosen in the detail's choice list, until a quote of it shows
  export              "Make image" in the export expander, until the download button is there
  reset               "Show all", when a filter is set; timed as a redraw

The sessions first open the page all at once (their first loads are timed apart); the --seconds
start when all are open, and an action under way then is finished.

and counts as errors: an exception the app shows (stException), a JavaScript error in the page
(pageerror) or in its console, an action that does not finish in --timeout seconds, and any
other failure of an action. Prints the errors (the goal is 0) with the first of each kind, the
redraw times (p50, p95, max, in ms), the page loads, event openings and exports likewise, and
the number of actions per kind. Exits 1 on any error.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from dashboard import filters as flt  # noqa: E402
from dashboard.table_index import TableIndex  # noqa: E402
from dashboard.text import format_span  # noqa: E402
from events.table import DEFAULT_TABLE, read_table  # noqa: E402
from tests.browser import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402

ARTIFACTS = ROOT / "artifacts"  # a screenshot of each page where an action failed (gitignored)
CHART = ".st-key-timeline .js-plotly-plot"
VIEWPORT = {"width": 1400, "height": 1000}
# Whether the run that follows an action is over with the timeline showing n events: that many
# points in the figure's marker and bar traces and an SVG mark each (n = 0: no chart), the
# sidebar's last widget (the reset button) there and no element stale. performance.now() then.
DONE_JS = """(n) => {
    if (!document.querySelector('.st-key-w_reset') || document.querySelector('[data-stale=true]')) return false;
    const gd = document.querySelector('CHART');
    if (n === 0) return gd ? false : performance.now();
    if (!gd || !gd._fullData || !gd._fullLayout) return false;
    const marks = t => t.visible === true && (t.type === 'bar' || String(t.mode).includes('markers'));
    const points = gd._fullData.filter(marks).reduce((k, t) => k + (t._length ?? 0), 0);
    if (points !== n) return false;
    if (gd.querySelectorAll('.barlayer .point, .scatterlayer .point').length !== n) return false;
    return performance.now();
}""".replace("CHART", CHART)
QUOTE_JS = """(quotes) => Array.from(document.querySelectorAll('[data-testid=stText]'))
    .some(e => quotes.some(q => e.innerText.includes(q)))"""
SETTLED_JS = "() => !!document.querySelector('.st-key-w_reset') && !document.querySelector('[data-stale=true]')"
PRESSED_JS = """() => { window.__pressed = null;
    document.addEventListener('pointerdown', () => { window.__pressed = performance.now(); },
                              {capture: true, once: true}); }"""
# (label of the sidebar widget, query parameter) in Dutch, the app's default language
MULTISELECTS = {"track": ("Spoor", "track"), "institution": ("Instelling", "institution")}
ACTIONS = ["track", "track", "institution", "institution", "dates", "event", "event", "export", "reset"]


class Expected:
    """How many events the app draws for a URL's query: its own parse_query and TableIndex over
    the table the server reads."""

    def __init__(self, table: Path):
        self.df = read_table(table)
        self.index = TableIndex(self.df)
        self.quotes = dict(zip(self.df["id"], self.df["quote"], strict=True))
        self.total = self.count("")

    def events(self, query: str):
        filters = flt.parse_query(parse_qs(query), self.df)
        keep = self.index.mask(filters) & self.index.is_event
        return self.index.one_per_event(self.df, keep), self.df[keep]

    def count(self, query: str) -> int:
        return len(self.events(query)[0])

    def options(self, query: str) -> dict[str, set[str]]:
        """The choices of "Kies een gebeurtenis" (as the app names them) and the quotes of each
        one's mentions."""
        events, rows = self.events(query)
        options: dict[str, set[str]] = {}
        for row in events.head(500).itertuples():
            quotes = set(rows.loc[rows["cluster"] == row.cluster, "quote"])
            options.setdefault(f"{format_span(row.start, row.end, 'nl')} · {row.title}", set()).update(quotes)
        return options


@dataclass
class Stats:
    errors: list[tuple[str, str]] = field(default_factory=list)  # (kind, what)
    times: dict[str, list[float]] = field(default_factory=dict)  # ms per kind of action
    actions: Counter = field(default_factory=Counter)

    def error(self, kind: str, what: str) -> None:
        self.errors.append((kind, what))

    def took(self, kind: str, ms: float) -> None:
        self.times.setdefault(kind, []).append(ms)


def query_of(url: str) -> str:
    return urlsplit(url).query


def filter_query(url: str) -> dict[str, list[str]]:
    """The query's filters only (not the tab, view, event or export settings)."""
    keep = {"track", "institution", "type", "status", "doc", "from", "to", "q", "asof", "all", "lang"}
    return {k: v for k, v in parse_qs(query_of(url)).items() if k in keep}


class Session:
    def __init__(self, number: int, browser, url: str, expected: Expected, stats: Stats, seed: int, timeout: float):
        self.number, self.browser, self.url, self.expected, self.stats = number, browser, url, expected, stats
        self.rng = random.Random(seed * 1000 + number)
        self.timeout = timeout
        self.actions = ACTIONS

    async def open(self) -> None:
        self.context = await self.browser.new_context(viewport=VIEWPORT, locale="nl-NL")
        self.context.set_default_timeout(self.timeout * 1000)
        self.page = await self.context.new_page()
        self.page.on("pageerror", lambda exc: self.stats.error("pageerror", f"session {self.number}: {exc}"))
        self.page.on("console", lambda msg: self.stats.error("console", f"session {self.number}: {msg.text}")
                     if msg.type == "error" else None)
        await self.load("")

    async def close(self) -> None:
        await self.context.close()

    async def done(self, n: int) -> float:
        handle = await self.page.wait_for_function(DONE_JS, arg=n, polling="raf", timeout=self.timeout * 1000)
        return await handle.json_value()

    async def load(self, query: str) -> None:
        """A page load of url/?query, timed from navigation to the run over and the chart drawn."""
        started = time.perf_counter()
        await self.page.goto(f"{self.url}/?{query}" if query else self.url)
        await self.done(self.expected.count(query))
        self.stats.took("load", (time.perf_counter() - started) * 1000)

    async def multiselect(self, name: str) -> None:
        label, _ = MULTISELECTS[name]
        before = query_of(self.page.url)
        box = self.page.get_by_test_id("stSidebar").get_by_role("combobox", name=label, exact=True)
        await box.click()
        options = self.page.get_by_role("option")
        try:
            await options.first.wait_for(timeout=10_000)
        except Exception:  # the click fell on a widget being redrawn: once more
            await self.page.keyboard.press("Escape")
            await box.click()
            await options.first.wait_for()
        names = await options.all_inner_texts()
        if not names or names == ["No results"]:
            await self.page.keyboard.press("Escape")
            return
        choice = self.rng.choice(names)
        await self.page.evaluate(PRESSED_JS)
        await self.page.get_by_role("option", name=choice, exact=True).click()
        await self.page.keyboard.press("Escape")
        await self.redrawn(before, name)

    async def redrawn(self, before: str, kind: str) -> None:
        await self.page.wait_for_url(lambda u: query_of(u) != before)
        n = self.expected.count(urlencode(filter_query(self.page.url), doseq=True))
        drawn = await self.done(n)
        pressed = await self.page.evaluate("window.__pressed")
        if pressed is None:
            raise RuntimeError("the pointer press was not seen")
        self.stats.took("redraw", drawn - pressed)
        self.stats.took(f"redraw {kind}", drawn - pressed)

    async def reset(self) -> None:
        before = query_of(self.page.url)
        if not filter_query(self.page.url):
            return await self.multiselect("track")  # nothing to reset: a filter instead
        await self.page.evaluate(PRESSED_JS)
        await self.page.locator(".st-key-w_reset button").click()
        await self.redrawn(before, "reset")

    async def dates(self) -> None:
        start = date(self.rng.randint(2018, 2025), self.rng.randint(1, 12), 1)
        end = date(start.year + self.rng.randint(0, 3), self.rng.randint(1, 12), 28)
        query = filter_query(self.page.url) | {"from": [start.isoformat()], "to": [max(start, end).isoformat()]}
        await self.load(urlencode(query, doseq=True))

    async def event(self) -> None:
        """An event chosen in "Kies een gebeurtenis" (a click on the chart can land on a point
        drawn over another, or take back the selection of the last click), until the quote of
        one of its mentions shows."""
        options = self.expected.options(urlencode(filter_query(self.page.url), doseq=True))
        if not options:  # the filters leave none: show all first
            return await self.reset()
        box = self.page.get_by_role("combobox", name="Kies een gebeurtenis", exact=True)
        await box.click()
        shown = [name for name in await self.page.get_by_role("option").all_inner_texts() if name in options]
        if not shown:
            raise RuntimeError(f"none of the {len(options)} events the filters leave is offered")
        choice = self.rng.choice(shown)
        started = time.perf_counter()
        await self.page.get_by_role("option", name=choice, exact=True).first.click()
        await self.page.wait_for_function(QUOTE_JS, arg=[q[:60] for q in options[choice]], polling="raf")
        self.stats.took("event", (time.perf_counter() - started) * 1000)

    async def export(self) -> None:
        if not self.expected.count(urlencode(filter_query(self.page.url), doseq=True)):
            return await self.reset()  # no events, no export
        button = self.page.locator(".st-key-w_export button")
        if not await button.is_visible():  # the expander is closed (its content is there, hidden)
            expander = self.page.get_by_test_id("stExpander").filter(has_text="Afbeelding voor een notitie of dia")
            await expander.locator("summary").click()
        started = time.perf_counter()
        await button.click()
        await self.page.locator(".st-key-w_download_export").wait_for()
        self.stats.took("export", (time.perf_counter() - started) * 1000)

    async def settled(self) -> None:
        """Until the page's last run is over (its last widget there, no element stale)."""
        await self.page.wait_for_function(SETTLED_JS, polling="raf")

    async def act(self, action: str) -> None:
        await self.settled()  # each action starts on a page at rest, as a user's click does
        if action in MULTISELECTS:
            await self.multiselect(action)
        else:
            await getattr(self, action)()

    async def start(self) -> bool:
        try:
            await self.open()
        except Exception as exc:
            self.stats.error("open", f"session {self.number}: {type(exc).__name__}: {str(exc)[:300]}")
            return False
        return True

    async def run(self, until: float) -> None:
        while time.monotonic() < until:
            action = self.rng.choice(self.actions)
            try:
                await self.act(action)
            except Exception as exc:
                kind = "timeout" if "Timeout" in type(exc).__name__ else "failed"
                self.stats.error(kind, f"session {self.number}, {action}: {type(exc).__name__}: "
                                       f"{str(exc).splitlines()[0][:300]}")
                ARTIFACTS.mkdir(exist_ok=True)  # what the page showed then
                with contextlib.suppress(Exception):
                    await self.page.screenshot(path=ARTIFACTS / f"load-{self.number}-{action}.png", full_page=True)
                try:  # start again from a fresh page
                    await self.load(urlencode(filter_query(self.page.url), doseq=True))
                except Exception as again:
                    self.stats.error("failed", f"session {self.number}, reload: {type(again).__name__}")
            self.stats.actions[action] += 1
            shown = await self.page.get_by_test_id("stException").all_inner_texts()
            for text in shown:
                self.stats.error("stException", f"session {self.number}, after {action}: {text[:500]}")
            if shown:
                await self.load("")
        await self.close()


async def drive(url: str, expected: Expected, sessions: int, seconds: float, seed: int, timeout: float,
                actions: list[str] | None = None) -> Stats:
    from playwright.async_api import async_playwright
    stats = Stats()
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            # every session opens the page at once (its first load is timed apart), then all act for `seconds`
            everyone = [Session(i, browser, url, expected, stats, seed, timeout) for i in range(sessions)]
            for session in everyone:
                session.actions = actions or ACTIONS
            opened = await asyncio.gather(*(s.start() for s in everyone))
            stats.times["first load"] = stats.times.pop("load", [])
            until = time.monotonic() + seconds
            await asyncio.gather(*(s.run(until) for s, ok in zip(everyone, opened, strict=True) if ok))
        finally:
            await browser.close()
    return stats


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def report(stats: Stats, args, seconds: float) -> None:
    print(f"{args.sessions} sessions against one dashboard acting for {args.seconds:.0f} s ({seconds:.0f} s with the "
          f"server's start, the sessions' first loads and the last actions)")
    print(f"errors: {len(stats.errors)}" + ("" if not stats.errors else " (" + ", ".join(
        f"{k} {v}" for k, v in sorted(Counter(k for k, _ in stats.errors).items())) + ")"))
    seen = set()
    for kind, what in stats.errors:
        key = (kind, what.split(": ", 1)[-1][:80])
        if key not in seen and len(seen) < 15:
            seen.add(key)
            print(f"  {kind}: {what}")
    print(f"actions: {sum(stats.actions.values())} (" + ", ".join(f"{k} {v}" for k, v in sorted(stats.actions.items()))
          + f"); {sum(stats.actions.values()) / args.seconds * 60:.0f} a minute")
    order = ["redraw", "redraw track", "redraw institution", "redraw reset", "first load", "load", "event", "export"]
    for kind in order + sorted(set(stats.times) - set(order)):
        values = stats.times.get(kind)
        if values:
            print(f"{kind}: n {len(values)}, p50 {statistics.median(values):.0f} ms, p95 {percentile(values, 0.95):.0f} ms, "
                  f"max {max(values):.0f} ms")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sessions", type=int, default=10)
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds an action may take before it counts as an error")
    ap.add_argument("--actions", nargs="+", choices=sorted(set(ACTIONS)), default=None,
                    help="only these actions (default: all, filters and events more often)")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="load-"))
    try:
        folder = work / "data"
        shutil.copytree(DEFAULT_TABLE.parent, folder)
        table = folder / DEFAULT_TABLE.name
        expected = Expected(table)
        started = time.perf_counter()
        with serve(AIRT_TABLE=str(table), AIRT_UPLOADS=str(work / "uploads"),
                   AIRT_CORRECTIONS=str(work / "corrections.sqlite")) as url:
            stats = asyncio.run(drive(url, expected, args.sessions, args.seconds, args.seed, args.timeout,
                                       args.actions))
        report(stats, args, time.perf_counter() - started)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if stats.errors else 0


if __name__ == "__main__":
    sys.exit(main())
