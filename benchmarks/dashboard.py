"""Speed of the dashboard on large tables, as CSV (pandas) and as Parquet (DuckDB): one script
run, and the browser's time to draw; and the time and size of every briefing export of the
bundled documents.

    python benchmarks/dashboard.py [--sizes 10000 100000 1000000] [--formats csv parquet]
        [--csv-most 100000] [--no-browser] [--no-apptest] [--no-engine] [--no-exports]
        [--no-headlines]

For each size N, makes a table of N rows (event mentions) by sampling rows of the committed
table (events/data/events.csv) with new unique ids, a quote of their own (so that no two rows
share a text, as in a real archive), dates shifted by up to a year either way, and a quarter of
the rows joined to the event of the row before (about 0.8 N events, most of them of one
mention, some of several, as in the built tables). It is written as a CSV that
events.table.read_table accepts and as Parquet (events.parquet.write: one file, or above
PARTITION_ROWS a folder of years), each with a build.json as a build writes one, so that the
app reads the table as it stands instead of running the pipeline's passes over it again. The
CSV runs the app's pandas path; the Parquet its large mode (DuckDB over the files;
AIRT_LARGE_FROM=0 makes every size large, so that the two compare at each size). Measured:

(a) streamlit.testing.v1.AppTest, in a fresh process per table (after one warm-up run on a
    table of 50 rows in the same format, so imports are not counted): the first script run
    with AIRT_TABLE pointing at the table (reading it included: the start-up), and the run
    after a filter change (the track multiselect set to the EU: the redraw);
(b) the real app (`streamlit run`) in Debian's chromium: from navigation to the Plotly
    timeline drawn with every event (SVG marks; above DENSE_FROM events one dot per month, track
    and status), and the same filter change made through the
    sidebar widget, from the pointer press on the option to the chart redrawn with the new
    events, and to the end of that script run (its last element, the sidebar's reset button,
    drawn, and no element stale). Times in (b) are taken inside the page (performance.now()).
(c) for the Parquet tables, DuckDB alone, in this process (dashboard/large.py, no app): reading
    the files into its index and answering what the app's first run asks (the events, the
    count under every choice of every filter, the counts per month, the first events of the
    choice list), then the same after the filter change;
(d) the briefing exports of the committed table, as `python -m dashboard.export` makes them
    (in this process; Kaleido starts Debian's chromium for each image): PNG, SVG and PDF at
    slide and A4 size and the PowerPoint slide, for the timeline and the key milestones; the
    seconds and kilobytes of each, checked against the targets (PDF under 1 MB and 5 s);
(e) headlines (events/headlines.py): the share of events the default timeline slide labels,
    whether it labels the AI Act's Parliament vote and Council adoption, and the time to compose
    the headlines of 10,000 events (each frame once, as a build does) against composing every
    row anew.

CSV tables above --csv-most rows (default 100,000) are left out with a notice: the app reads a
CSV of 1,000,000 rows whole into pandas, and validates and indexes every row, before its first
run ends (67 s and 4.2 GB on a quiet 2-core machine; a few minutes with the browser's runs).
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
from dashboard.large import LargeTable  # noqa: E402
from events import build, parquet  # noqa: E402
from events.table import DEFAULT_TABLE, FILE_MODE, FOLDER_MODE, companions, read_table, typed  # noqa: E402
from tests.browser import chromium, serve  # noqa: E402

APP = ROOT / "dashboard" / "app.py"
FILTER = ("track", "eu", re.compile(r"^Europese Unie$"))  # URL name, value, its option in the sidebar
TARGET_SECONDS = {10_000: 0.3, 100_000: 0.5}  # a filter change redrawn in the browser (CSV)
LARGE_TARGETS = {1_000_000: (10.0, 1.0)}  # Parquet with DuckDB: start-up and redraw, seconds
FORMATS = {"csv": "CSV (pandas)", "parquet": "Parquet (DuckDB)"}
ENV = {"csv": {}, "parquet": {"AIRT_LARGE_FROM": "0"}}  # every Parquet size in the large mode
MAX_LISTED = 500  # as the app's choice list
PDF_TARGET = (1_000_000, 5.0)  # bytes, seconds
TIMEOUT_MS = 900_000

CHILD_APPTEST = textwrap.dedent(r"""
    import json, os, re, sys, time
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
    # the peak of this process (ru_maxrss would keep the parent's across the exec)
    with open("/proc/self/status") as fh:
        rss = int(re.search(r"VmHWM:\s*(\d+)", fh.read()).group(1))
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
    if (complete) {  // the run is over once its last element (the sidebar's reset) is there and none is stale
        const last = document.querySelector('.st-key-w_reset');
        if (!last || document.querySelector('[data-stale=true]')) return false;
    }
    return performance.now();
}"""


def synthetic(base: pd.DataFrame, n: int, seed: int = 7) -> pd.DataFrame:
    """n rows sampled from the table's rows: new ids, quotes of their own, dates shifted
    together; a quarter joined to the event (cluster) of the row before."""
    rng = np.random.default_rng(seed + n)
    df = base.iloc[rng.integers(0, len(base), n)].reset_index(drop=True)
    ids = [f"{i:012x}" for i in range(1, n + 1)]
    df["id"] = ids
    joined = rng.random(n) < 0.25
    joined[0] = False
    df["cluster"] = np.asarray(["c" + i for i in ids], dtype=object)[np.flatnonzero(~joined)[np.cumsum(~joined) - 1]]
    df["quote"] = df["quote"] + " (" + df["id"] + ")"
    shift = pd.to_timedelta(rng.integers(-365, 366, n), unit="D")
    for column in ("start", "end", "doc_date"):
        present = df[column] != ""
        moved = (pd.to_datetime(df.loc[present, column], format="%Y-%m-%d") + shift[present.to_numpy()])
        df.loc[present, column] = moved.dt.strftime("%Y-%m-%d")
    if "superseded_by" in df:  # pointed at ids of the committed table
        df["superseded_by"] = ""
    return df


def write_tables(sizes: list[int], folder: Path) -> dict[int, dict[str, Path]]:
    """Each size's table as CSV and as Parquet, in folders of their own (the app looks for
    links, sources and corrections beside the table)."""
    base = pd.read_csv(DEFAULT_TABLE, dtype=str, keep_default_na=False)
    paths = {}
    for n in sizes:
        df = synthetic(base, n)
        csv, pq = folder / f"csv-{n}" / "events.csv", folder / f"parquet-{n}" / "events.parquet"
        for path in (csv, pq):
            path.parent.mkdir(parents=True, exist_ok=True)
        df.to_csv(csv, index=False, lineterminator="\n")
        parquet.write(typed(df), pq, FILE_MODE, FOLDER_MODE)
        for path in (csv, pq):
            as_built(path)
        if n <= 100_000:
            read_table(csv)  # raises TableError if the app could not read it
        paths[n] = {"csv": csv, "parquet": pq}
    return paths


def as_built(path: Path) -> None:
    """A build.json beside the table, as a build writes it (naming the corrections it applied:
    none), so that the app reads the table as it is, as it does a table a build wrote, instead
    of running the pipeline's passes over it again (events.build.current)."""
    store = companions(path)["corrections"]
    recorded = build._as_recorded(build._store_state(store), path)
    companions(path)["build"].write_text(json.dumps({"build": f"benchmark-{path.name}", "files": {},
                                                     "inputs": {"corrections": recorded}}))


def expected(paths: dict[str, Path]) -> dict:
    """What the chart must show before and after the filter change: (points, dense, events)
    each; counted by DuckDB over the Parquet table (the summary's dots are its groups), or, for
    a view below DENSE_FROM events, by pandas."""
    large = LargeTable(paths["parquet"])
    out = {}
    for name, filters in (("all", flt.Filters()), ("filtered", flt.Filters(**{FILTER[0]: (FILTER[1],)}))):
        counts = large.month_counts(filters)
        if counts.events > DENSE_FROM:
            out[name] = (len(counts.groups), True, counts.events)
            continue
        view = flt.apply(read_table(paths["csv"]), filters)
        fig = timeline(view, "nl")
        points = sum(len(trace.x) for trace in fig.data
                     if trace.type == "bar" or "markers" in (getattr(trace, "mode", None) or ""))
        out[name] = (points, False, len(one_per_event(view)))
    return out


def engine(path: Path) -> dict:
    """DuckDB alone (dashboard/large.py, in this process): the index made and what the app's
    first run asks of it; then what the run after the filter change asks."""
    def asked(large: LargeTable, filters: flt.Filters) -> None:
        for name in flt.LIST_FILTERS:
            large.option_counts(filters, name)
        large.month_counts(filters)
        large.first_events(filters, MAX_LISTED)
        large.row_total(filters)

    t = time.perf_counter()
    large = LargeTable(path)
    flt.allowed_values(large.names())
    asked(large, flt.Filters())
    first = time.perf_counter() - t
    t = time.perf_counter()
    asked(large, flt.Filters(**{FILTER[0]: (FILTER[1],)}))
    return {"first": first, "change": time.perf_counter() - t}


def apptest(path: Path, warm: Path, env: dict[str, str]) -> dict:
    result = subprocess.run([sys.executable, "-c", CHILD_APPTEST, str(APP), str(path), str(warm),
                             f"w_{FILTER[0]}", FILTER[1]],
                            cwd=ROOT, env={**os.environ, **env, "PYTHONPATH": str(ROOT),
                                           "AIRT_UPLOADS": str(path.parent / "uploads")},
                            capture_output=True, text=True, check=False)
    if result.returncode:
        raise RuntimeError(f"AppTest on {path.name} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def browser_times(browser, path: Path, want: dict, env: dict[str, str]) -> dict:
    with serve(AIRT_TABLE=str(path), AIRT_UPLOADS=str(path.parent / "uploads"), **env) as url:
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
    p.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    p.add_argument("--formats", nargs="+", choices=list(FORMATS), default=list(FORMATS))
    p.add_argument("--csv-most", type=int, default=100_000, help="leave out CSV tables of more rows (a minute or more each)")
    p.add_argument("--no-browser", action="store_true", help="skip the real-browser figures")
    p.add_argument("--no-apptest", action="store_true", help="skip the AppTest figures")
    p.add_argument("--no-engine", action="store_true", help="skip the figures of DuckDB alone")
    p.add_argument("--no-exports", action="store_true", help="skip the export figures")
    p.add_argument("--no-headlines", action="store_true", help="skip the headline figures")
    args = p.parse_args(argv)
    if not args.no_headlines:
        report_headlines()
    if not args.no_exports:
        report_exports(export_times())

    rows, notes = [], []
    with tempfile.TemporaryDirectory(prefix="airt-bench-") as tmp:
        t = time.perf_counter()
        paths = write_tables(args.sizes, Path(tmp))
        warm = write_tables([50], Path(tmp) / "warm-up")[50]
        print(f"made {len(paths)} tables in {time.perf_counter() - t:.1f} s "
              f"(the app aggregates above {DENSE_FROM:,} events)", file=sys.stderr)
        with chromium() if not args.no_browser else _nothing() as browser:
            for n, both in paths.items():
                want = expected(both)
                for fmt in args.formats:
                    path = both[fmt]
                    if fmt == "csv" and n > args.csv_most:
                        notes.append(f"{n:,} rows as CSV left out (--csv-most {args.csv_most:,}): the app reads the "
                                     "whole CSV into pandas, and validates and indexes every row, before its first "
                                     "run ends, which takes over a minute and 4 GB at 1,000,000 rows; the Parquet "
                                     "table is for it.")
                        continue
                    size = sum(f.stat().st_size for f in ([path] if path.is_file() else path.rglob("*.parquet")))
                    row = {"n": n, "format": fmt, "events": want["all"][2], "filtered": want["filtered"][2],
                           "dense": want["all"][1], "dense_filtered": want["filtered"][1], "mb": size / 1e6}
                    if fmt == "parquet" and not args.no_engine:
                        print(f"{n:,} rows, {fmt}: DuckDB alone ...", file=sys.stderr)
                        row["engine"] = engine(path)
                    if not args.no_apptest:
                        print(f"{n:,} rows, {fmt}: AppTest ...", file=sys.stderr)
                        row["apptest"] = apptest(path, warm[fmt], ENV[fmt])
                    if browser is not None:
                        print(f"{n:,} rows, {fmt}: browser ...", file=sys.stderr)
                        row["browser"] = browser_times(browser, path, want, ENV[fmt])
                    rows.append(row)
    report(rows, notes)
    return 0


class _nothing:
    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return False


def report(rows: list[dict], notes: list[str]) -> None:
    def s(value: float | None) -> str:
        return "-" if value is None else f"{value:.2f}"

    print(f"Filter change: {FILTER[0]}={FILTER[1]}. Times in seconds; the app draws counts per month, track and status "
          f"above {DENSE_FROM:,} events. Rows are event mentions; events are their clusters.\n")
    header = ("rows", "table", "MB", "events", "events after", "DuckDB alone: start", "DuckDB alone: redraw",
              "AppTest start", "AppTest redraw", "AppTest peak MB",
              "browser 1st draw", "1st run done", "redraw", "change run done")
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---:" for _ in header) + "|")
    for row in rows:
        e, a, b = row.get("engine", {}), row.get("apptest", {}), row.get("browser", {})
        print("| " + " | ".join([
            f"{row['n']:,}", FORMATS[row["format"]], f"{row['mb']:.1f}", f"{row['events']:,}", f"{row['filtered']:,}",
            s(e.get("first")), s(e.get("change")),
            s(a.get("first")), s(a.get("change")), s(a["rss_kb"] / 1024 if a else None),
            s(b.get("first_draw")), s(b.get("first_complete")), s(b.get("redraw")), s(b.get("change_complete")),
        ]) + " |")
    print()
    for note in notes:
        print(note)
    for row in rows:
        if row["format"] == "csv" and row["n"] in TARGET_SECONDS and "browser" in row:
            redraw, target = row["browser"]["redraw"], TARGET_SECONDS[row["n"]]
            verdict = "under" if redraw < target else "NOT under"
            print(f"{row['n']:,} rows, CSV: the filter change redraws in {redraw:.2f} s, {verdict} {target} s "
                  f"(the whole run after it ends at {row['browser']['change_complete']:.2f} s).")
        if row["format"] == "parquet" and row["n"] in LARGE_TARGETS and "apptest" in row:
            (start, redraw), a = LARGE_TARGETS[row["n"]], row["apptest"]
            seen = [f"AppTest start {a['first']:.2f} s ({'under' if a['first'] < start else 'NOT under'} {start:.0f} s), "
                    f"redraw {a['change']:.2f} s ({'under' if a['change'] < redraw else 'NOT under'} {redraw:.0f} s)"]
            if "browser" in row:
                b = row["browser"]
                seen.append(f"browser: drawn {b['first_draw']:.2f} s after navigation "
                            f"({'under' if b['first_draw'] < start else 'NOT under'} {start:.0f} s), redrawn "
                            f"{b['redraw']:.2f} s after the click ({'under' if b['redraw'] < redraw else 'NOT under'} "
                            f"{redraw:.0f} s)")
            print(f"{row['n']:,} rows, Parquet with DuckDB: " + "; ".join(seen) + ".")


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


def report_headlines(n: int = 10_000) -> None:
    """(e): the default slide's labels of the committed table, and composing headlines."""
    from dashboard.export import prepare, slide_plan
    from events.headlines import headline_columns, headlines

    df = read_table(DEFAULT_TABLE)
    plan = slide_plan(prepare(df, flt.parse_query({}, df)), {})[0]
    items = plan.items
    labelled = set(items.loc[items["labelled"], "id"])
    events = df[df["kind"] == "event"]
    ai_act = {"vote": "13 maart jl.", "adoption": "21 mei"}
    said = {name: bool(set(events.loc[events["date_text"] == written, "id"]) & labelled)
            for name, written in ai_act.items()}
    print(f"Default timeline slide of the committed table: {len(labelled)} of {len(items)} events labelled "
          f"({len(labelled) / len(items):.0%}); the AI Act's Parliament vote {'labelled' if said['vote'] else 'NOT labelled'}, "
          f"its Council adoption {'labelled' if said['adoption'] else 'NOT labelled'}.")
    table = read_table(write_tables([n], Path(tempfile.mkdtemp(prefix="airt-headlines-")))[n]["csv"])
    t = time.perf_counter()
    headline_columns(table)
    once = time.perf_counter() - t
    t = time.perf_counter()
    for frame in zip(table["institutions"], table["event_type"], table["instrument"], table["status"], strict=True):
        headlines(*frame)
    each = time.perf_counter() - t
    print(f"Headlines of {n:,} events in both languages: {once * 1000:.0f} ms, each frame once; {each * 1000:.0f} ms "
          f"composing every row anew ({each / once:.1f}x).\n")


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
