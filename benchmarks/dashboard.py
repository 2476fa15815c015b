"""Speed of the dashboard on large tables: one script run, and the browser's time to draw;
and the time and size of every briefing export of the bundled documents.

    python benchmarks/dashboard.py [--sizes 100 10000 100000] [--no-browser] [--no-apptest] [--no-exports]

For each size N, makes a table of N events by sampling rows of the committed table
(events/data/events.csv) with new unique ids and clusters (one mention per event) and dates
shifted by up to a year either way, and writes it to a temporary CSV that
events.table.read_table accepts. Then measures:

(a) streamlit.testing.v1.AppTest, in a fresh process per size (after one warm-up run on a
    table of 50 events, so imports are not counted): the first script run with AIRT_TABLE
    pointing at the table (reading it included), and the run after a filter change (the
    track multiselect set to the EU);
(b) the real app (`streamlit run`) in Debian's chromium: from navigation to the Plotly
    timeline drawn with every event (SVG marks; above DENSE_FROM events one dot per month, track and status, where
    the app draws counts per month and track), and the same filter change made through the
    sidebar widget, from the pointer press on the option to the chart redrawn with the new
    events, and to the end of that script run (the download buttons below are current).
    Times in (b) are taken inside the page (performance.now()).

(c) the briefing exports of the committed table, as `python -m dashboard.export` makes them
    (in this process; Kaleido starts Debian's chromium for each image): PNG, SVG and PDF at
    slide and A4 size and the PowerPoint slide, for the timeline and the key milestones; the
    seconds and kilobytes of each, checked against the targets (PDF under 1 MB and 5 s).

The machine's other load shows in the figures; run it on a quiet machine to compare.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dashboard import filters as flt  # noqa: E402
from dashboard.figures import DENSE_FROM, one_per_event, timeline  # noqa: E402
from events.table import DEFAULT_TABLE, read_table  # noqa: E402
from tests.browser import chromium, serve  # noqa: E402

APP = ROOT / "dashboard" / "app.py"
FILTER = ("track", "eu", re.compile(r"^Europese Unie$"))  # URL name, value, its option in the sidebar
TARGET_SECONDS = {10_000: 0.3, 100_000: 0.5}  # a filter change redrawn in the browser
PDF_TARGET = (1_000_000, 5.0)  # bytes, seconds
TIMEOUT_MS = 900_000

CHILD_APPTEST = textwrap.dedent("""
    import json, os, resource, sys, time
    from streamlit.testing.v1 import AppTest
    app, table, warm, key, value = sys.argv[1:6]

    def runs(path):
        os.environ["AIRT_TABLE"] = path
        at = AppTest.from_file(app, default_timeout=900)
        t = time.perf_counter()
        at.run()
        first = time.perf_counter() - t
        if at.exception:
            raise SystemExit(f"first run failed: {at.exception}")
        at.multiselect(key=key).set_value([value])
        t = time.perf_counter()
        at.run()
        change = time.perf_counter() - t
        if at.exception:
            raise SystemExit(f"run after the filter change failed: {at.exception}")
        shown = next(m.value for m in at.markdown if m.value.startswith("**"))
        return first, change, shown

    runs(warm)
    first, change, shown = runs(table)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"first": first, "change": change, "shown": shown, "rss_kb": rss}))
""")

# Whether the timeline chart shows `n` events: their number in the figure's data (marker and
# bar traces; not connector lines), and drawn (an SVG mark each). Returns performance.now()
# when it does, else false, so that a poll on every animation frame yields the moment of drawing.
DRAWN_JS = """([n, dense, complete]) => {
    const gd = document.querySelector('.st-key-timeline .js-plotly-plot');
    if (!gd || !gd._fullData || !gd._fullLayout) return false;
    const marks = t => t.visible === true && (t.type === 'bar' || String(t.mode).includes('markers'));
    const points = gd._fullData.filter(marks).reduce((k, t) => k + (t._length ?? 0), 0);
    if (points !== n) return false;
    // one SVG mark per point, in the summary (dense) view too
    const drawn = gd.querySelectorAll('.barlayer .point, .scatterlayer .point').length === n;
    if (!drawn) return false;
    if (complete) {  // the run is over once the last elements (the downloads) are current
        const downloads = [...document.querySelectorAll('[data-testid=stDownloadButton]')];
        if (downloads.length < 2) return false;
        if (downloads.some(d => d.closest('[data-stale=true]'))) return false;
    }
    return performance.now();
}"""


def synthetic(base: pd.DataFrame, n: int, seed: int = 7) -> pd.DataFrame:
    """n events sampled from the table's rows: new ids and clusters, dates shifted together."""
    rng = np.random.default_rng(seed + n)
    df = base.iloc[rng.integers(0, len(base), n)].reset_index(drop=True)
    ids = [f"{i:012x}" for i in range(1, n + 1)]
    df["id"] = ids
    df["cluster"] = ["c" + i for i in ids]
    shift = pd.to_timedelta(rng.integers(-365, 366, n), unit="D")
    for column in ("start", "end", "doc_date"):
        present = df[column] != ""
        moved = (pd.to_datetime(df.loc[present, column], format="%Y-%m-%d") + shift[present.to_numpy()])
        df.loc[present, column] = moved.dt.strftime("%Y-%m-%d")
    if "superseded_by" in df:  # pointed at ids of the committed table
        df["superseded_by"] = ""
    return df


def write_tables(sizes: list[int], folder: Path) -> dict[int, Path]:
    base = pd.read_csv(DEFAULT_TABLE, dtype=str, keep_default_na=False)
    paths = {}
    for n in sizes:
        folder.mkdir(exist_ok=True)
        path = folder / f"events-{n}.csv"
        synthetic(base, n).to_csv(path, index=False, lineterminator="\n")
        read_table(path)  # raises TableError if the app could not read it
        paths[n] = path
    return paths


def expected(path: Path) -> dict:
    """What the chart must show before and after the filter change: (points, dense) each."""
    df = read_table(path)
    out = {}
    for name, filters in (("all", flt.Filters()), ("filtered", flt.Filters(**{FILTER[0]: (FILTER[1],)}))):
        view = flt.apply(df, filters)
        fig = timeline(view, "nl")
        points = sum(len(trace.x) for trace in fig.data
                     if trace.type == "bar" or "markers" in (getattr(trace, "mode", None) or ""))
        out[name] = (points, len(one_per_event(view)) > DENSE_FROM, len(one_per_event(view)))
    return out


def apptest(path: Path, warm: Path) -> dict:
    result = subprocess.run([sys.executable, "-c", CHILD_APPTEST, str(APP), str(path), str(warm),
                             f"w_{FILTER[0]}", FILTER[1]],
                            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT), "AIRT_UPLOADS": str(path.parent / "uploads")},
                            capture_output=True, text=True,
                            check=False)
    if result.returncode:
        raise RuntimeError(f"AppTest on {path.name} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def browser_times(browser, path: Path, want: dict) -> dict:
    with serve(AIRT_TABLE=str(path), AIRT_UPLOADS=str(path.parent / "uploads")) as url:
        page = browser.new_page(viewport={"width": 1500, "height": 1000})
        page.set_default_timeout(TIMEOUT_MS)
        try:
            page.goto(url)
            points, dense, _ = want["all"]
            drawn = page.wait_for_function(DRAWN_JS, arg=[points, dense, False], polling="raf").json_value()
            complete = page.wait_for_function(DRAWN_JS, arg=[points, dense, True], polling="raf").json_value()

            page.get_by_test_id("stSidebar").get_by_role("combobox", name="Spoor", exact=True).click()
            option = page.get_by_role("option", name=FILTER[2])
            option.wait_for()
            page.evaluate("""() => { window.__pressed = null;
                document.addEventListener('pointerdown', () => { window.__pressed = performance.now(); },
                                          {capture: true, once: true}); }""")
            option.click()
            points, dense, _ = want["filtered"]
            redrawn = page.wait_for_function(DRAWN_JS, arg=[points, dense, False], polling="raf").json_value()
            done = page.wait_for_function(DRAWN_JS, arg=[points, dense, True], polling="raf").json_value()
            pressed = page.evaluate("window.__pressed")
            query = page.evaluate("location.search")
        finally:
            page.close()
    if f"{FILTER[0]}={FILTER[1]}" not in query:
        raise RuntimeError(f"the filter change did not reach the URL: {query!r}")
    return {"first_draw": drawn / 1000, "first_complete": complete / 1000,
            "redraw": (redrawn - pressed) / 1000, "change_complete": (done - pressed) / 1000}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", type=int, nargs="+", default=[100, 10_000, 100_000])
    p.add_argument("--no-browser", action="store_true", help="skip the real-browser figures")
    p.add_argument("--no-apptest", action="store_true", help="skip the AppTest figures")
    p.add_argument("--no-exports", action="store_true", help="skip the export figures")
    args = p.parse_args(argv)
    if not args.no_exports:
        report_exports(export_times())

    rows = []
    with tempfile.TemporaryDirectory(prefix="airt-bench-") as tmp:
        t = time.perf_counter()
        paths = write_tables(args.sizes, Path(tmp))
        warm = write_tables([50], Path(tmp) / "warm-up")[50]
        print(f"made {len(paths)} tables in {time.perf_counter() - t:.1f} s "
              f"(the app aggregates above {DENSE_FROM:,} events)", file=sys.stderr)
        with chromium() if not args.no_browser else _nothing() as browser:
            for n, path in paths.items():
                want = expected(path)
                row = {"n": n, "filtered": want["filtered"][2], "dense": want["all"][1],
                       "dense_filtered": want["filtered"][1], "mb": path.stat().st_size / 1e6}
                if not args.no_apptest:
                    print(f"{n:,} events: AppTest ...", file=sys.stderr)
                    row["apptest"] = apptest(path, warm)
                if browser is not None:
                    print(f"{n:,} events: browser ...", file=sys.stderr)
                    row["browser"] = browser_times(browser, path, want)
                rows.append(row)
    report(rows)
    return 0


class _nothing:
    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return False


def report(rows: list[dict]) -> None:
    def s(value: float | None) -> str:
        return "-" if value is None else f"{value:.2f}"

    print(f"Filter change: {FILTER[0]}={FILTER[1]}. Times in seconds; the app draws counts per month and track "
          f"above {DENSE_FROM:,} events.\n")
    header = ("events", "CSV MB", "events after", "AppTest 1st run", "AppTest change", "AppTest RSS MB",
              "browser 1st draw", "1st run done", "redraw", "change run done")
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---:" for _ in header) + "|")
    for row in rows:
        a, b = row.get("apptest", {}), row.get("browser", {})
        mode = ("dense" if row["dense"] else "points") + " → " + ("dense" if row["dense_filtered"] else "points")
        print("| " + " | ".join([
            f"{row['n']:,} ({mode})", f"{row['mb']:.1f}", f"{row['filtered']:,}",
            s(a.get("first")), s(a.get("change")), s(a["rss_kb"] / 1024 if a else None),
            s(b.get("first_draw")), s(b.get("first_complete")), s(b.get("redraw")), s(b.get("change_complete")),
        ]) + " |")
    print()
    for row in rows:
        if row["n"] in TARGET_SECONDS and "browser" in row:
            redraw, target = row["browser"]["redraw"], TARGET_SECONDS[row["n"]]
            verdict = "under" if redraw < target else "NOT under"
            print(f"{row['n']:,} events: the filter change redraws in {redraw:.2f} s, {verdict} {target} s "
                  f"(the whole run after it ends at {row['browser']['change_complete']:.2f} s).")


def export_times() -> list[dict]:
    """Seconds and bytes of each export of the committed table (all events, in Dutch)."""
    from dashboard.export import render
    from dashboard.sources import read_sources

    df = read_table(DEFAULT_TABLE)
    sources = read_sources(DEFAULT_TABLE)
    filters = flt.parse_query({}, df)
    rows = []
    for view in ("timeline", "milestones"):
        for fmt, size in [(f, s) for f in ("png", "svg", "pdf") for s in ("slide", "a4")] + [("pptx", "slide")]:
            print(f"export {view} {fmt} {size} ...", file=sys.stderr)
            t = time.perf_counter()
            data = render(df, filters, fmt, size, view, sources=sources)
            rows.append({"view": view, "format": fmt, "size": size, "seconds": time.perf_counter() - t,
                         "bytes": len(data)})
    return rows


def report_exports(rows: list[dict]) -> None:
    print("Exports of the committed table (all events), made in this process:\n")
    print("| view | format | size | seconds | KB |")
    print("|---|---|---|---:|---:|")
    for row in rows:
        print(f"| {row['view']} | {row['format']} | {row['size']} | {row['seconds']:.2f} | {row['bytes'] / 1024:.0f} |")
    pdfs = [row for row in rows if row["format"] == "pdf"]
    worst_size, worst_time = max(row["bytes"] for row in pdfs), max(row["seconds"] for row in pdfs)
    ok = worst_size < PDF_TARGET[0] and worst_time < PDF_TARGET[1]
    print(f"\nPDF: at most {worst_size / 1024:.0f} KB and {worst_time:.2f} s, "
          f"{'within' if ok else 'NOT within'} {PDF_TARGET[0] // 1_000_000} MB and {PDF_TARGET[1]:.0f} s.\n")


if __name__ == "__main__":
    sys.exit(main())
