"""Exports of a view: safe CSV and Excel tables, and briefing images through Kaleido.

    python -m dashboard.export --out FILE [--format png|svg|pdf|pptx] [--size slide|a4] [--view timeline|milestones]
        [--track ...] [--institution ...] [--type ...] [--status ...] [--doc ...]
        [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--q TEXT] [--asof YYYY-MM-DD] [--lang nl|en] [--table FILE]

The filter options are the URL's query parameters, with the same names and values. A value
that is not valid, or a view without events, is refused (exit status 2) and no file is written.
"""

from __future__ import annotations

import argparse
import html
import io
import os
import sys
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from dashboard import filters as flt
from dashboard.figures import EXPORT_SIZES, Plan, briefing, briefing_plan
from dashboard.sources import read_sources, source_line
from dashboard.text import format_date, label, t
from events.build import current
from events.cli import EXIT_FAILED, EXIT_OK, EXIT_USAGE, add_debug, guarded
from events.table import DEFAULT_TABLE, TableError, as_written, inert

FORMATS = ("png", "svg", "pdf", "pptx")
VIEWS = ("timeline", "milestones")
MIME = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf",
        "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation"}
EXPORT_COLUMNS = ["start", "end", "precision", "date_text", "status", "track", "institutions", "event_type",
                  "title", "title_en", "title_nl", "quote", "doc", "line", "doc_date", "cluster", "id"]


def safe_table(df: pd.DataFrame) -> pd.DataFrame:
    """The events for a spreadsheet: chosen columns as the table file writes them, and no cell
    that can run as a formula."""
    return as_written(df[EXPORT_COLUMNS]).map(inert)


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


def describe(filters: flt.Filters, lang: str, cite=None) -> str:
    """The filters in words, for a subtitle (documents by title where `cite` names them)."""
    parts = []
    for name, part in flt.SECTIONS.items():
        values = getattr(filters, name)
        if values:
            parts.append(f"{t(name, lang)}: " + ", ".join(label(part, v, lang) for v in values))
    if filters.doc:
        parts.append(f"{t('doc', lang)}: " + ", ".join(cite(d) if cite else d for d in filters.doc))
    if filters.start or filters.end:
        start = format_date(filters.start, lang) if filters.start else "…"
        end = format_date(filters.end, lang) if filters.end else "…"
        parts.append(f"{t('period', lang)}: {start} – {end}")
    if filters.q:
        parts.append(f"“{filters.q}”")
    if filters.asof:
        parts.append(t("asof_line", lang, date=format_date(filters.asof, lang)))
    return "; ".join(parts) or t("export_all", lang)


def data_date(df: pd.DataFrame) -> date | None:
    """The date of the newest document among the events (a view's basis: "as reported up to")."""
    dates = [d for d in df["doc_date"] if d]
    return max(dates) if dates else None


class EmptyView(ValueError):
    """The filters leave no event to draw."""


@dataclass
class Briefing:
    """What an export page shows: the view's events and the texts around them."""
    view: pd.DataFrame
    title: str
    subtitle: str
    source: str
    filters: flt.Filters
    kind: str  # timeline or milestones
    today: date

    @property
    def reference(self) -> date:
        return self.filters.asof or self.today


def prepare(df: pd.DataFrame, filters: flt.Filters, today: date | None = None, view: str = "timeline",
            sources: dict | None = None) -> Briefing:
    """The events of the view (events only, as the documents of the as-of date described them)
    and its title, subtitle and source line; EmptyView when nothing is left to draw."""
    lang = filters.lang
    df, _ = flt.as_of(df, pd.DataFrame(columns=["from_id", "to_id"]), filters.asof)
    df = flt.only_events(df)
    shown = flt.only_events(flt.apply(df, filters))
    newest = data_date(shown)  # the view's basis: the newest document among its events
    if shown.empty:
        raise EmptyView(t("export_empty", lang))
    sources = sources or {}
    from dashboard.sources import citation
    subtitle = (f"{describe(filters, lang, lambda d: citation(d, sources, lang, 40))} · "
                f"{t('shown', lang, n=shown['cluster'].nunique(), total=df['cluster'].nunique())}")
    title = t("export_title_milestones" if view == "milestones" else "export_title", lang)
    return Briefing(shown, title, subtitle, source_line(shown["doc"], sources, lang, newest), filters, view,
                    today or date.today())


def briefing_figure(df: pd.DataFrame, filters: flt.Filters, size: str = "slide", today: date | None = None,
                    view: str = "timeline", sources: dict | None = None):
    b = prepare(df, filters, today, view, sources)
    return briefing(b.view, b.subtitle, b.source, filters.lang, size, b.today, filters.asof, view, sources)


def slide_plan(b: Briefing, sources: dict | None = None) -> tuple[Plan, str, str]:
    return briefing_plan(b.view, b.subtitle, b.source, b.filters.lang, "slide", b.reference, b.kind, sources)


def pptx(b: Briefing, sources: dict | None = None) -> bytes:
    """The slide as an editable PowerPoint file of native shapes; the filters in the notes."""
    from dashboard.slide import build
    p, subtitle, source = slide_plan(b, sources)
    query = flt.to_query(b.filters)
    notes = "\n".join([b.subtitle, "", t("notes_filters", b.filters.lang),
                        *(f"{k}={v}" for k, v in query.items())] if query else [b.subtitle])
    text = lambda s: html.unescape(s.replace("<br>", "\n"))  # noqa: E731
    return build(p, b.title, text(subtitle), text(source), b.filters.lang, b.reference, b.filters.asof is not None,
                 notes)


def image(fig, fmt: str) -> bytes:
    """The figure as PNG, SVG or PDF, drawn by Kaleido in Debian's chromium."""
    if fmt not in FORMATS[:3]:
        raise ValueError(f"format must be one of {', '.join(FORMATS[:3])}")
    if os.environ.get("CHROMIUM"):  # the browser the README lets users without root name
        os.environ.setdefault("BROWSER_PATH", os.environ["CHROMIUM"])
    width, height = fig.layout.width, fig.layout.height
    return fig.to_image(format=fmt, width=width, height=height, scale=2 if fmt == "png" else 1)


def render(df: pd.DataFrame, filters: flt.Filters, fmt: str, size: str = "slide", view: str = "timeline",
           today: date | None = None, sources: dict | None = None) -> bytes:
    """The view in one format: an image (png, svg, pdf) or a PowerPoint slide (pptx, always 16:9)."""
    if fmt == "pptx":
        return pptx(prepare(df, filters, today, view, sources), sources)
    return image(briefing_figure(df, filters, size, today, view, sources), fmt)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m dashboard.export", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", type=Path, required=True, metavar="FILE", help="the file to write")
    p.add_argument("--format", choices=FORMATS, help="format (default: from the file's extension, else png)")
    p.add_argument("--size", choices=sorted(EXPORT_SIZES), default="slide",
                   help="slide (16:9) or a4 (landscape); a pptx is always a 16:9 slide")
    p.add_argument("--view", choices=VIEWS, default="timeline", help="the timeline or the key milestones")
    for name in flt.LIST_FILTERS:
        p.add_argument(f"--{name}", action="append", default=[], metavar="VALUE",
                       help=f"keep these {name} values (repeat or comma-separate)")
    p.add_argument("--from", dest="start", metavar="YYYY-MM-DD", help="events that end on or after this date")
    p.add_argument("--to", dest="end", metavar="YYYY-MM-DD", help="events that start on or before this date")
    p.add_argument("--q", default="", help="text that titles or quotes must contain")
    p.add_argument("--asof", metavar="YYYY-MM-DD", help="only documents dated on or before this date")
    p.add_argument("--topic", choices=("ai", "all"), default="ai",
                   help="ai (default): events about AI only; all: events on other topics too")
    p.add_argument("--lang", default="nl", help="nl or en")
    p.add_argument("--table", type=Path, default=DEFAULT_TABLE, help="the events table to draw")
    add_debug(p)
    return p


def write_atomically(path: Path, data: bytes) -> None:
    """The file whole or not at all: a failed write (a full disk) leaves what was there."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.", delete=False) as tmp:
        try:
            tmp.write(data)
            tmp.flush()
            os.fsync(tmp.fileno())
        except BaseException:
            tmp.close()
            os.unlink(tmp.name)
            raise
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp.name, 0o666 & ~umask)
    os.replace(tmp.name, path)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return guarded("the export", f"nothing written to {args.out}", lambda: export(args), args.debug)


def export(args: argparse.Namespace) -> int:
    suffix = args.out.suffix.lstrip(".").lower()
    fmt = args.format or (suffix if suffix in FORMATS else "png")
    try:
        df = current(args.table).table  # with the corrections saved since the build
    except TableError as exc:
        print(f"error: {exc}; nothing written to {args.out}", file=sys.stderr)
        return EXIT_FAILED
    params = {name: getattr(args, name) for name in flt.LIST_FILTERS}
    params.update({"from": args.start or "", "to": args.end or "", "q": args.q, "asof": args.asof or "",
                   "lang": args.lang, "topic": args.topic})
    filters = flt.parse_query(params, df)
    if filters.notices:
        allowed = flt.allowed_values(df)
        named = []
        for notice in flt.notices_shown(filters.notices):
            name = notice.split("=", 1)[0]
            hint = f" (valid: {', '.join(allowed[name][:12])}{', …' if len(allowed[name]) > 12 else ''})" \
                if name in allowed else ""
            named.append(f"{notice}{hint}")
        print(f"error: not a valid value: {'; '.join(named)}; nothing written to {args.out}", file=sys.stderr)
        return EXIT_USAGE
    try:
        data = render(df, filters, fmt, args.size, args.view, sources=read_sources(args.table))
    except EmptyView as exc:
        print(f"error: {exc}; nothing written to {args.out}", file=sys.stderr)
        return EXIT_USAGE
    try:
        write_atomically(args.out, data)
    except OSError as exc:
        print(f"error: could not write {args.out} ({exc.strerror or exc}); nothing written", file=sys.stderr)
        return EXIT_FAILED
    print(f"wrote {args.out} ({fmt}, {len(data) // 1024} KB)", file=sys.stderr)
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
