"""Exports of a view: safe CSV and Excel tables, and briefing images through Kaleido.

    python -m dashboard.export --out FILE [--format png|svg|pdf] [--size slide|a4]
        [--track ...] [--institution ...] [--type ...] [--status ...] [--doc ...]
        [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--q TEXT] [--asof YYYY-MM-DD] [--lang nl|en] [--table FILE]

The filter options are the URL's query parameters, with the same names and values.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from datetime import date
from pathlib import Path

import pandas as pd

from dashboard import filters as flt
from dashboard.figures import EXPORT_SIZES, briefing
from dashboard.process_view import as_of
from dashboard.text import format_date, label, t
from events.table import DEFAULT_TABLE, TableError, read_table

FORMATS = ("png", "svg", "pdf")
# A spreadsheet runs a cell that starts with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
EXPORT_COLUMNS = ["start", "end", "precision", "date_text", "status", "track", "institutions", "event_type",
                  "title", "quote", "doc", "line", "doc_date", "cluster", "id"]


def _inert(value):
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def safe_table(df: pd.DataFrame) -> pd.DataFrame:
    """The events for a spreadsheet: chosen columns, and no cell that can run as a formula."""
    return df[EXPORT_COLUMNS].map(_inert)


def to_csv(df: pd.DataFrame) -> bytes:
    # UTF-8 with a BOM so that Excel reads the accents right
    return safe_table(df).to_csv(index=False, lineterminator="\n").encode("utf-8-sig")


def to_xlsx(df: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        safe_table(df).to_excel(writer, index=False, sheet_name="events")
        sheet = writer.sheets["events"]
        for cells in sheet.iter_rows(min_row=2):
            for cell in cells:
                cell.data_type = "s" if isinstance(cell.value, str) else cell.data_type
        sheet.freeze_panes = "A2"
    return buffer.getvalue()


def describe(filters: flt.Filters, lang: str) -> str:
    """The filters in words, for a subtitle."""
    parts = []
    for name, part in (("track", "tracks"), ("institution", "institutions"), ("type", "event_types"),
                       ("status", "statuses")):
        values = getattr(filters, name)
        if values:
            parts.append(f"{t(name, lang)}: " + ", ".join(label(part, v, lang) for v in values))
    if filters.doc:
        parts.append(f"{t('doc', lang)}: " + ", ".join(filters.doc))
    if filters.start or filters.end:
        start = format_date(filters.start, lang) if filters.start else "…"
        end = format_date(filters.end, lang) if filters.end else "…"
        parts.append(f"{t('period', lang)}: {start} – {end}")
    if filters.q:
        parts.append(f"“{filters.q}”")
    return "; ".join(parts) or t("export_all", lang)


def data_date(df: pd.DataFrame) -> date | None:
    """The date of the newest document in the table."""
    dates = [d for d in df["doc_date"] if d]
    return max(dates) if dates else None


def briefing_figure(df: pd.DataFrame, filters: flt.Filters, size: str = "slide", today: date | None = None):
    lang = filters.lang
    df, _ = as_of(df, pd.DataFrame(columns=["from_id", "to_id"]), filters.asof)
    newest = data_date(df)
    stamp = format_date(newest, lang) if newest else "?"
    df = flt.only_events(df)
    view = flt.apply(df, filters)
    subtitle = f"{describe(filters, lang)} · {t('shown', lang, n=view['cluster'].nunique(), total=df['cluster'].nunique())}"
    source = t("export_source", lang, n=df["doc"].nunique(), data_date=stamp)
    return briefing(view, subtitle, source, lang, size, today)


def image(fig, fmt: str) -> bytes:
    """The figure as PNG, SVG or PDF, drawn by Kaleido in Debian's chromium."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}")
    if os.environ.get("CHROMIUM"):  # the browser the README lets users without root name
        os.environ.setdefault("BROWSER_PATH", os.environ["CHROMIUM"])
    width, height = fig.layout.width, fig.layout.height
    return fig.to_image(format=fmt, width=width, height=height, scale=2 if fmt == "png" else 1)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m dashboard.export", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", type=Path, required=True, metavar="FILE", help="the image file to write")
    p.add_argument("--format", choices=FORMATS, help="image format (default: from the file's extension, else png)")
    p.add_argument("--size", choices=sorted(EXPORT_SIZES), default="slide", help="slide (16:9) or a4 (landscape)")
    for name in flt.LIST_FILTERS:
        p.add_argument(f"--{name}", action="append", default=[], metavar="VALUE",
                       help=f"keep these {name} values (repeat or comma-separate)")
    p.add_argument("--from", dest="start", metavar="YYYY-MM-DD", help="events that end on or after this date")
    p.add_argument("--to", dest="end", metavar="YYYY-MM-DD", help="events that start on or before this date")
    p.add_argument("--q", default="", help="text that titles or quotes must contain")
    p.add_argument("--asof", metavar="YYYY-MM-DD", help="only documents dated on or before this date")
    p.add_argument("--lang", default="nl", help="nl or en")
    p.add_argument("--table", type=Path, default=DEFAULT_TABLE, help="the events table to draw")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    fmt = args.format or (args.out.suffix.lstrip(".").lower() if args.out.suffix.lstrip(".").lower() in FORMATS
                          else "png")
    try:
        df = read_table(args.table)
    except TableError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3
    params = {name: getattr(args, name) for name in flt.LIST_FILTERS}
    params.update({"from": args.start or "", "to": args.end or "", "q": args.q, "asof": args.asof or "",
                   "lang": args.lang})
    filters = flt.parse_query(params, df)
    for notice in filters.notices:
        print(f"ignored (not valid): {notice}", file=sys.stderr)
    data = image(briefing_figure(df, filters, args.size), fmt)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(data)
    print(f"wrote {args.out} ({fmt}, {len(data) // 1024} KB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
