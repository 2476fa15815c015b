"""Figures of the events table: the timeline (one lane per track) and the key milestones (one
row per procedure). Pure functions: a DataFrame in, a Plotly figure out, so they are tested
through fig.to_dict().

Both figures are drawn from a *plan* (see `plan`): every mark's row in its lane, and for the
most important events a label (short title, and the date as a reader writes it) placed beside the mark
so that no two labels overlap and none leaves the plot. The plan is computed in pixels for a
canvas (the screen, a slide, an A4 page), so the PowerPoint export draws the same picture.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.data import one_per_event
from dashboard.stages import present_processes, stage_chain, stage_date
from dashboard.table_index import days
from dashboard.text import MONTHS, date_label, format_date, headline_of, headlines, label, plain, sources_count, t
from events.headlines import LINE_CHARS, two_lines
from events.vocabulary import vocabulary

STATUS_COLORS = {"happened": "#1f4e79", "ongoing": "#2e8b57", "planned": "#c27c0e"}
SPAN_FILL = {"happened": "rgba(31,78,121,0.28)", "ongoing": "rgba(46,139,87,0.28)", "planned": "rgba(194,124,14,0.12)"}
DAY_SYMBOLS = {"happened": "circle", "ongoing": "diamond", "planned": "circle-open"}
FONT = "Liberation Sans, Arial, Helvetica, sans-serif"
# Above this many events the timeline is summarized per month and track: more single marks
# are neither readable nor quick to redraw.
DENSE_FROM = 1000
CHAR_EM = 0.6  # a character's width in font sizes: generous for Liberation Sans / Arial
LINE_EM = 1.3  # a text line's height in font sizes
GAP = 5  # pixels between a mark and its label, and between neighbours in a row
LANE_GAP = 0.5  # rows between lanes
TITLE_CHARS = LINE_CHARS  # a line of a label's headline
DATE_CHARS = 32  # its second line: the date as a reader writes it
# Importance for labels: these event types and stages first, then more sources, then exact dates.
KEY_TYPES = frozenset({"adoption", "signature", "vote", "decision", "entry_into_force"})
KEY_STAGES = frozenset({"council_adoption", "parliament_vote", "provisional_agreement", "publication",
                        "entry_into_force", "application", "adoption", "opening_for_signature",
                        "signatures_ratifications", "negotiations_concluded"})
PRECISIONS = ("day", "days", "month", "season", "quarter", "half", "year", "multi-year")


@dataclass(frozen=True)
class Canvas:
    """Where a figure is drawn: pixel sizes, label font, and how many rows a lane may take.
    `height` None: as tall as the lanes need."""
    width: int = 1150
    height: int | None = None
    left: int = 150
    right: int = 24
    top: int = 44
    bottom: int = 70
    font: int = 11  # labels, ticks, legend
    mark: int = 12  # diameter of a day's marker
    max_rows: int = 5  # per lane
    max_total_rows: int = 20

    @property
    def plot_width(self) -> int:
        return self.width - self.left - self.right

    @property
    def row_px(self) -> float:
        return 2 * self.font * LINE_EM + 6

    def plot_height(self, units: float) -> float:
        return (self.height - self.top - self.bottom) if self.height else units * self.row_px


SCREEN = Canvas()


# ---------------------------------------------------------------- events and their importance

def importance(events: pd.DataFrame) -> pd.Series:
    """A rank per event, 0 the most important: adoptions, votes, signatures, entries into force,
    application dates and decisions first; then events with more sources; then exact dates
    before vague ones (then the earlier first, so the order is stable)."""
    if events.empty:
        return pd.Series(dtype="int64", index=events.index)
    stage = events["stage"] if "stage" in events.columns else pd.Series("", index=events.index)
    key = ~(events["event_type"].isin(KEY_TYPES) | stage.isin(KEY_STAGES))
    sources = events["sources"] if "sources" in events.columns else pd.Series(1, index=events.index)
    precision = events["precision"].map({p: i for i, p in enumerate(PRECISIONS)}).fillna(len(PRECISIONS))
    span = [(e - s).days for s, e in zip(events["start"], events["end"], strict=True)]
    order = np.lexsort((events["id"].to_numpy(), [s.toordinal() for s in events["start"]], span,
                        precision.to_numpy(), -sources.to_numpy(), key.to_numpy()))
    ranks = np.empty(len(events), dtype="int64")
    ranks[order] = np.arange(len(events))
    return pd.Series(ranks, index=events.index)


def shorten(text: str, most: int) -> str:
    text = " ".join(str(text).split())
    if len(text) <= most:
        return text
    cut = text[:most - 1]
    if " " in cut[most // 2:]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:·-") + "…"


def lanes(tracks_present: set[str] | None = None) -> list[str]:
    order = vocabulary().keys("tracks")
    return [k for k in order if tracks_present is None or k in tracks_present]


# ---------------------------------------------------------------- the plan: rows and labels

@dataclass
class Plan:
    items: pd.DataFrame  # with row, y, labelled, side (right/left/"")
    lanes: dict[str, tuple[float, float]]  # lane key → (bottom, top) in y units, top-down
    lane_names: dict[str, str]
    x0: date
    x1: date
    canvas: Canvas
    units: float  # the height of all lanes in rows
    meta: dict = field(default_factory=dict)

    def px(self, d: date) -> float:
        """The horizontal position of a date, in pixels from the plot's left edge."""
        return (d - self.x0).days / max(1, (self.x1 - self.x0).days) * self.canvas.plot_width

    def py(self, value: float) -> float:
        """The vertical position of a row value (lanes run from 0.5 down), in pixels from the
        plot's top edge, on a canvas of fixed height (an export page)."""
        bottom = min((b for b, _ in self.lanes.values()), default=-1.0)
        return (0.5 - value) / (0.5 - bottom) * self.canvas.plot_height(self.units)

    @property
    def labelled(self) -> int:
        return int(self.items["labelled"].sum()) if len(self.items) else 0

    @property
    def unlabelled(self) -> int:
        return len(self.items) - self.labelled


def label_width(line1: str, line2: str, font: float, rest: str = "") -> float:
    """A label's width: its headline's first line, and its second line (the rest of the
    headline, if any, then the date)."""
    return max(len(line1), len(second_line(rest, line2))) * font * CHAR_EM


def headline_lines(text: str) -> tuple[str, str]:
    """A headline on a label's two lines: as much as fits on the first, the rest on the second
    before the date, never cut (events/headlines.py makes every headline fit: "Europees Parlement
    neemt de" / "AI-verordening aan · 13 mrt 2024"); a longer title is shortened on the second."""
    first, second, left = two_lines(text)
    if left:
        second = shorten(f"{second} {left}", TITLE_CHARS)
    return shorten(first, TITLE_CHARS), second


REST_JOIN = " · "  # between the rest of a label's headline and its date, on its second line


def second_line(rest: str, when: str) -> str:
    """A label's second line as text: the rest of its headline, then its date."""
    return f"{rest}{REST_JOIN}{when}" if rest else when


def x_range(starts, ends, reference: date | None) -> tuple[date, date]:
    first, last = min(starts), max(ends)
    if reference is not None:
        first, last = min(first, reference), max(last, reference)
    pad = timedelta(days=max(20, int((last - first).days * 0.03)))
    return first - pad, last + pad


def _free(row: list[tuple[float, float]], a: float, b: float) -> bool:
    return all(b + GAP <= lo or a >= hi + GAP for lo, hi in row)


def _pack(marks: list[tuple[float, float]], widths: list[float], plot_width: float, cap: int
          ) -> tuple[list[int], list[str]]:
    """Row and label side of each item, the items given most important first: each takes the
    first row where its mark and label fit beside what is there (label right of the mark, else
    left of it, never past the plot's edges); an item no row takes with its label is placed
    without one, where its mark covers no label."""
    occupied: list[list[tuple[float, float]]] = []  # per row: marks and labels
    labels: list[list[tuple[float, float]]] = []  # per row: labels only
    rows, sides = [], []
    for (a, b), w in zip(marks, widths, strict=True):
        options = []
        if w and b + GAP + w <= plot_width:
            options.append(("right", a, b + GAP + w, b + GAP, b + GAP + w))
        if w and a - GAP - w >= 0:
            options.append(("left", a - GAP - w, b, a - GAP - w, a - GAP))
        placed = False
        for r in range(cap):
            if r == len(occupied):
                occupied.append([])
                labels.append([])
            for side, lo, hi, la, lb in options:
                if _free(occupied[r], lo, hi):
                    occupied[r].append((lo, hi))
                    labels[r].append((la, lb))
                    rows.append(r)
                    sides.append(side)
                    placed = True
                    break
            if placed:
                break
        if placed:
            continue
        if not occupied:
            occupied.append([])
            labels.append([])
        free_rows = [r for r in range(len(occupied)) if _free(occupied[r], a, b)]
        # else the row where the mark covers the least of a label
        r = free_rows[0] if free_rows else min(range(len(occupied)), key=lambda k: sum(
            max(0.0, min(b + GAP, hi) - max(a - GAP, lo)) for lo, hi in labels[k]))
        occupied[r].append((a, b))
        rows.append(r)
        sides.append("")
    return rows, sides


def plan(items: pd.DataFrame, lane_order: list[str], lane_names: dict[str, str], canvas: Canvas = SCREEN,
         reference: date | None = None) -> Plan:
    """Rows and labels for `items` (columns lane, start, end, day, rank, line1, line2, ...):
    each lane takes at most canvas.max_rows rows, all lanes together what the canvas holds;
    where rows run out, the least important items go without a label."""
    items = items.copy()
    if items.empty:
        today = reference or date.today()
        return Plan(items.assign(row=[], y=[], labelled=[], side=[]), {}, lane_names, today - timedelta(days=365),
                    today + timedelta(days=30), canvas, 0.0)
    items["row"], items["side"], items["y"] = 0, "", 0.0
    x0, x1 = x_range(items["start"], items["end"], reference)
    scale = canvas.plot_width / max(1, (x1 - x0).days)
    left = np.array([(s - x0).days for s in items["start"]], dtype=float) * scale
    right = (np.array([(e - x0).days + 1 for e in items["end"]], dtype=float)) * scale
    half = canvas.mark / 2
    day = items["day"].to_numpy()
    mark_a = np.where(day, left - half, left)
    mark_b = np.where(day, left + half, np.maximum(right, left + 2))
    rests = items["rest"] if "rest" in items.columns else [""] * len(items)
    widths = [label_width(a, b, canvas.font, r) for a, b, r in zip(items["line1"], items["line2"], rests, strict=True)]
    items["_a"], items["_b"], items["_w"] = mark_a, mark_b, widths
    present = [k for k in lane_order if k in set(items["lane"])]
    by_lane = {k: items[items["lane"] == k].sort_values("rank") for k in present}
    budget = canvas.max_total_rows
    if canvas.height:  # a fixed page: the rows that fit its plot area
        budget = int((canvas.height - canvas.top - canvas.bottom) // canvas.row_px - LANE_GAP * (len(present) - 1))
    # few lanes may take more rows each; the total stays within the budget
    caps = {k: max(canvas.max_rows, budget // len(present)) for k in present}
    packed: dict[str, tuple[list[int], list[str]]] = {}
    while True:
        for k in present:
            if k not in packed:
                lane = by_lane[k]
                packed[k] = _pack(list(zip(lane["_a"], lane["_b"], strict=True)), list(lane["_w"]),
                                  canvas.plot_width, caps[k])
        used = {k: max(packed[k][0]) + 1 for k in present}
        if sum(used.values()) <= max(budget, len(present)):
            break
        widest = max(present, key=lambda k: (used[k], -present.index(k)))
        if used[widest] <= 1:
            break
        caps[widest] = used[widest] - 1
        del packed[widest]
    bounds: dict[str, tuple[float, float]] = {}
    top = 0.0
    for k in present:
        rows, sides = packed[k]
        index = by_lane[k].index
        items.loc[index, "row"] = rows
        items.loc[index, "side"] = sides
        items.loc[index, "y"] = [-(top + r) for r in rows]
        height = max(rows) + 1
        bounds[k] = (-(top + height - 1) - 0.5, -top + 0.5)
        top += height + LANE_GAP
    items["labelled"] = items["side"] != ""
    items = items.drop(columns=["_a", "_b", "_w"])
    return Plan(items, bounds, lane_names, x0, x1, canvas, top - LANE_GAP)


# ---------------------------------------------------------------- items of the two views

def _citation(doc: str, sources: dict | None, lang: str) -> str:
    from dashboard.sources import citation
    return citation(doc, sources or {}, lang, 70)


def _hover_row(**fields: str) -> list[str]:
    """A mark's customdata: the fields of HOVER, in its order."""
    return [fields[name] for name in HOVER]


def _hover(events: pd.DataFrame, lang: str, sources: dict | None) -> list[list[str]]:
    vocab_inst = vocabulary().institution_label
    cited = {doc: _citation(doc, sources, lang) for doc in set(events["doc"])}
    data = []
    for row in events.itertuples():
        institutions = ", ".join(vocab_inst(n, lang) for n in row.institutions)
        data.append(_hover_row(
            date=plain(date_label(row.start, row.end, row.precision, lang, row.date_text)),
            title=plain(headline_of(row, lang), 70), institutions=plain(institutions, 70),
            status=label("statuses", row.status, lang),
            source=plain(f"{cited[row.doc]}, {t('line', lang)} {row.line}", 80),
            quote=plain(row.quote, 90), sources=sources_count(int(row.sources), lang), id=row.id))
    return data


# What a mark's hover holds (its customdata), by name: read with `hovered`, never by position.
HOVER = ("date", "title", "institutions", "status", "source", "quote", "sources", "id")


def hovered(point: dict, name: str):
    """One field of a clicked or hovered mark's customdata (None for a mark without it, such
    as a bar of the summary timeline)."""
    data = point.get("customdata") or []
    i = HOVER.index(name)
    return data[i] if len(data) == len(HOVER) else None


def _hovertemplate(lang: str) -> str:
    f = {name: f"%{{customdata[{i}]}}" for i, name in enumerate(HOVER)}
    return (f"<b>{f['title']}</b><br>{f['date']}<br>{f['institutions']}<br>{f['status']} · "
            f"{f['sources']}<br>{t('source', lang)}: {f['source']}<br>"
            f"<i>{f['quote']}</i><extra></extra>")


def timeline_items(events: pd.DataFrame, lang: str, sources: dict | None = None) -> pd.DataFrame:
    """The events (one per cluster) as items of the timeline: lane = track."""
    lines = [headline_lines(text) for text in headlines(events, lang)]
    return events.assign(
        lane=events["track"], day=events["precision"] == "day", rank=importance(events),
        line1=[first for first, _ in lines], rest=[rest for _, rest in lines],
        line2=[shorten(date_label(*when, lang, written), DATE_CHARS) for *when, written in zip(
            events["start"], events["end"], events["precision"], events["date_text"], strict=True)],
        hover=_hover(events, lang, sources) if len(events) else [])


def milestone_items(df: pd.DataFrame, lang: str, when: date | None = None, sources: dict | None = None,
                    per_track: int = 6) -> tuple[pd.DataFrame, list[str], dict[str, str]]:
    """The key milestones: a row per procedure with the stages reached (at the date of their
    first event) and the stages planned (at their planned date), each labelled with the
    stage's name; and for a track without a procedure a row of its key events (adoptions,
    votes, decisions, entries into force, proposals, advice; the most important first)."""
    events = one_per_event(df)
    by_id = df.drop_duplicates("id").set_index("id")
    rows, order, names = [], [], {}
    in_process: set[str] = set()
    current: set[str] = set()
    for track in lanes(set(events["track"])):
        for model in [p for p in present_processes(events) if p.track == track]:
            chain = stage_chain(df, model.key, when)
            current |= set(chain.loc[chain["state"] == "current", "stage"])
            dated = chain[chain["start"].map(lambda d: isinstance(d, date))]
            for stage in dated.itertuples():
                source = by_id.loc[stage.id] if stage.id in by_id.index else None
                line1, rest = headline_lines(getattr(stage, lang))
                rows.append(dict(
                    lane=model.key, start=stage.start, end=stage.end, day=stage.start == stage.end,
                    status="planned" if stage.state in ("planned", "due") else "happened", line1=line1, rest=rest,
                    line2=shorten(stage_date(stage.state, stage.start, stage.end, stage.date_text, lang), DATE_CHARS),
                    stage=stage.stage, id=stage.id, doc=stage.doc, rank=0,
                    event_type=source["event_type"] if source is not None else "", title=stage.title))
            in_process |= set(df.loc[df["process"] == model.key, "cluster"])
            if len(dated):
                order.append(model.key)
                names[model.key] = getattr(model, lang)
        if any(model.track == track for model in present_processes(events)):
            continue  # the procedure's row tells this track's story
        key = events[(events["track"] == track) & ~events["cluster"].isin(in_process)]
        key = key[key["event_type"].isin(KEY_TYPES | {"proposal", "advice"})]
        if len(key):
            key = key.loc[importance(key).sort_values().index[:per_track]]
            for row in key.itertuples():
                line1, rest = headline_lines(headline_of(row, lang))
                rows.append(dict(lane=f"key:{track}", start=row.start, end=row.end, day=row.precision == "day",
                                 status=row.status, line1=line1, rest=rest,
                                 line2=shorten(date_label(row.start, row.end, row.precision, lang, row.date_text),
                                               DATE_CHARS), stage="", id=row.id, doc=row.doc,
                                 rank=1, event_type=row.event_type, title=headline_of(row, lang)))
            order.append(f"key:{track}")
            names[f"key:{track}"] = t("key_events", lang, track=label("tracks", track, lang))
    items = pd.DataFrame(rows, columns=["lane", "start", "end", "day", "status", "line1", "rest", "line2", "stage",
                                        "id", "doc", "rank", "event_type", "title"])
    if len(items):  # within a procedure: the current stage and the plans first, then key stages, the later first
        weight = [0 if s in current or (st == "planned" and g) else 1 if s in KEY_STAGES else 2
                  for s, st, g in zip(items["stage"], items["status"], items["stage"] != "", strict=True)]
        later = items.groupby("lane")["start"].rank(method="first", ascending=False).astype(int)
        items["rank"] = items["rank"] * 100_000 + np.array(weight) * 10_000 + later
        items["hover"] = [
            _hover_row(date=plain(r.line2), title=plain(r.title, 70),
                       institutions="", status=label("statuses", r.status, lang),
                       source=plain(_citation(r.doc, sources, lang), 80),
                       quote=plain(by_id.loc[r.id, "quote"], 90) if r.id in by_id.index else "",
                       sources=sources_count(1, lang), id=r.id)
            for r in items.itertuples()]
    return items, order, names


# ---------------------------------------------------------------- drawing a plan

def date_ticks(x0: date, x1: date, plot_width: float, font: float, lang: str) -> tuple[list[str], list[str], str]:
    """Tick values and localized texts for a date axis: months, quarters, half years or years,
    the finest whose labels fit; and the step of the minor ticks."""
    days = max(1, (x1 - x0).days)
    steps = ((1, ""), (3, "M1"), (6, "M3"), (12, "M3"), (24, "M12"), (60, "M12"))
    months, minor = next(((m, k) for m, k in steps
                          if m * 30.4 / days * plot_width >= (8 if m < 12 else 4) * font * CHAR_EM + 14), steps[-1])
    values, texts = [], []
    year, month = x0.year, 1
    while date(year, month, 1) < x0:
        month += months
        year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    if months >= 12:
        year += (-year) % (months // 12)
    current = date(year, month, 1)
    while current <= x1:
        values.append(current.isoformat())
        texts.append(str(current.year) if months >= 12 else f"{MONTHS[lang][current.month - 1]} {current.year}")
        month = current.month + months
        current = date(current.year + (month - 1) // 12, (month - 1) % 12 + 1, 1)
    return values, texts, minor


def _reference_marks(when: date, asof: bool, lang: str, font: int, on_right: bool) -> tuple[dict, dict]:
    """A dotted line at today, or at the as-of date of an as-of view, and its name: a shape and
    an annotation."""
    name = t("asof_line", lang, date=format_date(when, lang)) if asof else t("today_line", lang,
                                                                             date=format_date(when, lang))
    return (dict(type="line", x0=when.isoformat(), x1=when.isoformat(), y0=0, y1=1, yref="paper",
                 line=dict(color="#b22222", width=1.5, dash="dot"), name="asof" if asof else "today"),
            dict(x=when.isoformat(), y=1, yref="paper", text=plain(name), showarrow=False,
                 font=dict(color="#b22222", size=font), yanchor="bottom", xanchor="right" if on_right else "left",
                 name="reference"))


def _reference_line(fig: go.Figure, when: date, asof: bool, lang: str, font: int, on_right: bool) -> None:
    """A dotted line at today, or at the as-of date of an as-of view, named as such."""
    line, name = _reference_marks(when, asof, lang, font, on_right)
    fig.add_shape(**line)
    fig.add_annotation(**name)


def draw(p: Plan, lang: str, reference: date, asof: bool = False, hover: bool = True,
         static: bool = False) -> go.Figure:
    """The figure of a plan: marks per status (a day a marker, a span a light thin bar), the
    labels as annotations, lanes with their names, a bottom date axis, the reference line.
    `static`: an image, which has no hover to point to."""
    c = p.canvas
    items = p.items
    fig = go.Figure()
    template = _hovertemplate(lang)
    for status, color in STATUS_COLORS.items():
        subset = items[items["status"] == status]
        days, spans = subset[subset["day"]], subset[~subset["day"]]
        if len(spans):
            fig.add_trace(go.Bar(
                name=f"{label('statuses', status, lang)} ({t('span', lang)})", legendgroup=status,
                orientation="h", base=[s.isoformat() for s in spans["start"]],
                x=[((e - s).days + 1) * 86_400_000 for s, e in zip(spans["start"], spans["end"], strict=True)],
                y=spans["y"], width=0.3, customdata=list(spans["hover"]) if hover else None,
                hovertemplate=template if hover else None, hoverinfo=None if hover else "skip",
                marker=dict(color=SPAN_FILL[status], line=dict(color=color, width=1)),
            ))
        if len(days):
            fig.add_trace(go.Scatter(
                name=f"{label('statuses', status, lang)} ({t('exact_day', lang)})", legendgroup=status,
                mode="markers", x=[d.isoformat() for d in days["start"]], y=days["y"],
                customdata=list(days["hover"]) if hover else None, hovertemplate=template if hover else None,
                hoverinfo=None if hover else "skip",
                marker=dict(symbol=DAY_SYMBOLS[status], size=c.mark, color=color, line=dict(color=color, width=2.5)),
            ))
    for row in items[items["labelled"]].itertuples():
        right = row.side == "right"
        if right:
            x, shift = (row.start if row.day else row.end + timedelta(days=1)), GAP + (c.mark / 2 if row.day else 0)
        else:
            x, shift = row.start, -GAP - (c.mark / 2 if row.day else 0)
        fig.add_annotation(
            x=x.isoformat(), y=row.y, xanchor="left" if right else "right", xshift=shift, yanchor="middle",
            text=f"{plain(row.line1)}<br>{plain(row.rest) + REST_JOIN if getattr(row, 'rest', '') else ''}"
                 f"<span style='color:#555'>{plain(row.line2)}</span>", showarrow=False,
            align="left" if right else "right", font=dict(size=c.font, color="#1b1b1b"), name="label",
            bgcolor="rgba(255,255,255,0.75)")
    for i, (bottom, top) in enumerate(p.lanes.values()):
        if i % 2 == 0:
            fig.add_hrect(y0=bottom, y1=top, fillcolor="#f3f6f9", line_width=0, layer="below")
    fig.update_yaxes(
        tickvals=[(b + t_) / 2 for b, t_ in p.lanes.values()],
        ticktext=[plain(p.lane_names.get(k, k), max(12, int((c.left - 16) / (c.font * CHAR_EM)))) for k in p.lanes],
        range=[min((b for b, _ in p.lanes.values()), default=-1), 0.5],
        showgrid=False, zeroline=False, fixedrange=True, tickfont=dict(size=c.font + 1), automargin=False)
    values, texts, minor = date_ticks(p.x0, p.x1, c.plot_width, c.font, lang)
    fig.update_xaxes(type="date", range=[p.x0.isoformat(), p.x1.isoformat()], side="bottom", tickvals=values,
                     ticktext=texts, tickfont=dict(size=c.font), showgrid=True, gridcolor="#e3e3e3",
                     minor=dict(dtick=minor, showgrid=True, gridcolor="#f2f2f2", ticks="outside", ticklen=3)
                     if minor else None, ticks="outside", showline=True, linecolor="#888", automargin=False)
    _reference_line(fig, reference, asof, lang, c.font, p.px(reference) > c.plot_width / 2)
    note = t("unlabelled_static" if static else "unlabelled", lang, n=p.unlabelled) if p.unlabelled else ""
    if note:
        fig.add_annotation(x=0, xref="paper", xanchor="left", y=1, yref="paper", yanchor="bottom", showarrow=False,
                           text=plain(note), font=dict(size=c.font, color="#555"), name="unlabelled")
    height = c.height or int(p.units * c.row_px + c.top + c.bottom)
    fig.update_layout(
        barmode="overlay", width=c.width, height=height, plot_bgcolor="white", hovermode="closest",
        margin=dict(l=c.left, r=c.right, t=c.top, b=c.bottom, autoexpand=False),
        font=dict(family=FONT, size=c.font), separators=",." if lang == "nl" else ".,",
        legend=dict(orientation="h", yref="container", y=0, yanchor="bottom", x=0, font=dict(size=c.font),
                    traceorder="normal"),
        clickmode="event+select", dragmode="pan",
        meta={"labelled": p.labelled, "unlabelled": p.unlabelled, "events": len(items),
              "plot_width": c.plot_width, **p.meta},
    )
    return fig


# ---------------------------------------------------------------- the two views

def summarized(events: pd.DataFrame | int) -> bool:
    """Whether the timeline of these events (one per cluster), or of this many, is their summary
    per month."""
    return (events if isinstance(events, int) else len(events)) > DENSE_FROM


def timeline(df: pd.DataFrame | None, lang: str = "nl", today: date | None = None,
             links: pd.DataFrame | None = None, events: pd.DataFrame | None = None,
             canvas: Canvas = SCREEN, asof: date | None = None, sources: dict | None = None,
             marks: Mapping[str, str] | None = None) -> go.Figure:
    """The timeline: a lane per track; a day is a marker, a longer span a light bar as wide as
    the span; planned events open; each event (cluster) once, with its number of sources; the
    most important events labelled; `links` (links.csv) draw plans to their outcome and events
    tied across tracks; `marks` (cluster -> a key of MARK_STYLES) ring the events marked. `events` is
    one_per_event(df), when the caller has it already; then `df` may be None where they are
    summarized (the summary draws the events alone, unmarked)."""
    events = one_per_event(df) if events is None else events
    reference = asof or today or date.today()
    if summarized(events):
        return dense_timeline(events, lang, reference, canvas, asof is not None)
    return draw_timeline(timeline_plan(events, lang, canvas, reference, sources), lang, reference,
                         df, links, asof is not None, marks)


def timeline_plan(events: pd.DataFrame, lang: str, canvas: Canvas, reference: date,
                  sources: dict | None = None) -> Plan:
    names = {k: label("tracks", k, lang) for k in lanes()}
    return plan(timeline_items(events, lang, sources), lanes(), names, canvas, reference)


def draw_timeline(p: Plan, lang: str, reference: date, df: pd.DataFrame | None = None,
                  links: pd.DataFrame | None = None, asof: bool = False,
                  marks: Mapping[str, str] | None = None, static: bool = False) -> go.Figure:
    fig = draw(p, lang, reference, asof, static=static)
    if links is not None and len(links) and df is not None:
        _links(fig, df, p.items, links, lang)
    if marks:
        _marks(fig, p, marks, lang)
    return fig


def milestones(df: pd.DataFrame, lang: str = "nl", today: date | None = None, canvas: Canvas = SCREEN,
               asof: date | None = None, sources: dict | None = None) -> go.Figure:
    """Key milestones: one row per procedure (stages reached and planned) and per track its
    other key events, every milestone labelled where it fits."""
    return draw(milestones_plan(df, lang, canvas, asof or today or date.today(), sources), lang,
                asof or today or date.today(), asof is not None)


def milestones_plan(df: pd.DataFrame, lang: str, canvas: Canvas, reference: date, sources: dict | None = None) -> Plan:
    items, order, names = milestone_items(df, lang, reference, sources)
    wide = replace(canvas, left=max(canvas.left, int(canvas.font * CHAR_EM * 24) + 16), max_rows=4)
    p = plan(items, order, names, wide, reference)
    p.meta["view"] = "milestones"
    return p


LINK_STYLES = {"related": ("link_related", "#7b3294", "dot"), "plan": ("link_plan", "#c27c0e", "dash")}


def _links(fig: go.Figure, df: pd.DataFrame, events: pd.DataFrame, links: pd.DataFrame, lang: str) -> None:
    """Connectors between drawn events: a plan to what a later document reports, and events
    tied across tracks (e.g. the EU mandate for the Council of Europe negotiations)."""
    cluster_of = dict(zip(df["id"], df["cluster"], strict=True))
    where = {row.cluster: (row.start, row.y) for row in events.itertuples()}
    for kind, relations in (("related", {"related"}), ("plan", {"realizes", "supersedes"})):
        xs, ys = [], []
        for link in links[links["relation"].isin(relations)].itertuples():
            a, b = where.get(cluster_of.get(link.to_id)), where.get(cluster_of.get(link.from_id))
            if a and b and a != b:
                xs += [a[0].isoformat(), b[0].isoformat(), None]
                ys += [a[1], b[1], None]
        if xs:
            key, color, dash = LINK_STYLES[kind]
            fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", name=t(key, lang), hoverinfo="skip",
                                     line=dict(color=color, width=1.2, dash=dash)))


# Marks on chosen events (the Changes tab's new and moved ones): a ring of its own colour around
# the event's mark, in the middle of a span, named in the legend.
MARK_STYLES = {"new": ("mark_new", "#d7301f", "circle-open"), "moved": ("mark_moved", "#1f78b4", "diamond-open")}


def _marks(fig: go.Figure, p: Plan, marks: Mapping[str, str], lang: str) -> None:
    marked = p.items["cluster"].map(marks)
    for key, (name, color, symbol) in MARK_STYLES.items():
        items = p.items[(marked == key).to_numpy()]
        if len(items):
            fig.add_trace(go.Scatter(
                x=[(s + (e - s) / 2).isoformat() for s, e in zip(items["start"], items["end"], strict=True)],
                y=items["y"], mode="markers", name=t(name, lang), hoverinfo="skip",
                marker=dict(symbol=symbol, size=p.canvas.mark * 2, color=color, line=dict(color=color, width=2))))


@dataclass(frozen=True)
class MonthCounts:
    """What the summary of many events draws: the events per track, status and month of their
    start, the earliest start and the latest end among them, and their number. Counted of the
    events in memory (month_counts), or by DuckDB over a large table (dashboard/large.py)."""
    groups: pd.DataFrame  # track, status, month (its first day, a date), events
    first: date | None
    last: date | None
    events: int


def month_counts(events: pd.DataFrame) -> MonthCounts:
    """The summary's counts of these events (one row per event, as one_per_event makes them)."""
    starts, ends = days(events["start"]), days(events["end"])
    months = starts.astype("datetime64[M]").astype("int64")  # months since 1970
    tracks = pd.Categorical(events["track"])
    statuses = pd.Categorical(events["status"], categories=list(STATUS_COLORS))
    low = months.min() if len(months) else 0
    n_months = int(months.max() - low) + 1 if len(months) else 1
    key = (tracks.codes.astype("int64") * len(STATUS_COLORS) + statuses.codes) * n_months + (months - low)
    groups, counts = np.unique(key, return_counts=True)
    group_month = (groups % n_months + low).astype("datetime64[M]")
    groups = pd.DataFrame({
        "track": np.asarray(tracks.categories, dtype=object)[groups // n_months // len(STATUS_COLORS)],
        "status": np.asarray(list(STATUS_COLORS), dtype=object)[groups // n_months % len(STATUS_COLORS)],
        "month": group_month.astype("datetime64[D]").astype(date), "events": counts.astype("int64")})
    first, last = (starts.min().astype(date), ends.max().astype(date)) if len(starts) else (None, None)
    return MonthCounts(groups, first, last, len(events))


def dense_timeline(events: pd.DataFrame, lang: str, reference: date, canvas: Canvas = SCREEN,
                   asof: bool = False) -> go.Figure:
    """Many events: counted per track, month and status (month_counts), one dot per group (see
    dense_figure)."""
    return dense_figure(month_counts(events), lang, reference, canvas, asof)


def dense_figure(counts: MonthCounts, lang: str, reference: date, canvas: Canvas = SCREEN,
                 asof: bool = False) -> go.Figure:
    """The summary of many events from their counts: one dot per track, month and status (a
    few hundred dots at most, which SVG draws sooner than WebGL sets up). The margins are fixed
    (the lane names, the legend and the reference line's name fit in them, the ticks' labels
    too), so the browser lays the chart out in one pass instead of measuring it and drawing it
    again. The figure is written as plain data and not checked property by property (it is
    redrawn on every filter change; the tests check its dict)."""
    groups = counts.groups.assign(_status=counts.groups["status"].map({s: i for i, s in enumerate(STATUS_COLORS)}))
    groups = groups.sort_values(["track", "_status", "month"], kind="stable")
    order = lanes(set(groups["track"]))
    row = {k: -i for i, k in enumerate(order)}
    offsets = {"happened": 0.2, "ongoing": 0.0, "planned": -0.2}
    data = []
    for status, color in STATUS_COLORS.items():
        here = groups[(groups["status"] == status).to_numpy()]
        if not len(here):
            continue
        n = here["events"].to_numpy("int64")
        data.append(dict(
            type="scatter", name=label("statuses", status, lang), mode="markers",
            x=[m.isoformat() for m in here["month"]],
            y=[row[k] + offsets[status] for k in here["track"]],
            marker=dict(size=np.clip(n ** 0.5 * 3, 4, 40).tolist(), color=color, opacity=0.7),
            customdata=[[int(k), f"{MONTHS[lang][m.month - 1]} {m.year}"] for k, m in zip(n, here["month"], strict=True)],
            hovertemplate="%{customdata[1]}: %{customdata[0]}<extra></extra>",
        ))
    first = min(counts.first, reference) if counts.first else reference
    last = max(counts.last, reference) if counts.last else reference
    x0, x1 = first - timedelta(days=31), last + timedelta(days=31)
    names = [label("tracks", k, lang) for k in order]
    left = int(max((len(n) for n in names), default=8) * (canvas.font + 1) * CHAR_EM) + 24
    values, texts, minor = date_ticks(x0, x1, canvas.width - left - canvas.right, canvas.font, lang)
    line, name = _reference_marks(reference, asof, lang, canvas.font, (reference - x0).days > (x1 - x0).days / 2)
    top = int(canvas.font * LINE_EM * 2) + 16  # the legend's line, and the reference line's name beneath it
    xaxis = dict(type="date", range=[x0.isoformat(), x1.isoformat()], tickvals=values, ticktext=texts,
                 automargin=False, tickfont=dict(size=canvas.font), ticklabeloverflow="allow")
    if minor:
        xaxis["minor"] = dict(dtick=minor, showgrid=True)
    layout = dict(
        height=top + 50 + 90 * len(order), plot_bgcolor="white", separators=",." if lang == "nl" else ".,",
        xaxis=xaxis,
        yaxis=dict(tickvals=[-i for i in range(len(order))], ticktext=names, range=[-len(order) + 0.5, 0.6],
                   fixedrange=True, automargin=False, tickfont=dict(size=canvas.font + 1), ticklabeloverflow="allow"),
        shapes=[line], annotations=[name],
        legend=dict(orientation="h", yref="container", yanchor="top", y=1, x=0, xref="container",
                    font=dict(size=canvas.font)),
        font=dict(family=FONT, size=canvas.font),
        margin=dict(l=left, r=2 * canvas.right, t=top, b=40, autoexpand=False),
        meta={"dense": True, "events": counts.events})
    return go.Figure(dict(data=data, layout=layout), _validate=False)


def is_dense(fig: go.Figure) -> bool:
    return bool((fig.layout.meta or {}).get("dense")) if isinstance(fig.layout.meta, dict) else False


# ---------------------------------------------------------------- briefing images

# Pixel sizes whose PDF page is the real paper (Kaleido prints 96 px to the inch): a 16:9
# slide of 13.33 x 7.5 in and an A4 landscape page; the minimum text size in pixels (12 pt on
# the slide, 9 pt on A4, at 96 px = 72 pt to the inch).
EXPORT_SIZES = {"slide": (1280, 720), "a4": (1123, 794)}
MIN_FONT_PX = {"slide": 16, "a4": 12}


def legend_lines(entries: list[str], width: float, font: float) -> int:
    """How many lines a horizontal legend of these entries takes on a page this wide."""
    lines, used = 1, 0.0
    for entry in entries:
        w = len(entry) * font * CHAR_EM + 3 * font + 10
        if used and used + w > width:
            lines, used = lines + 1, 0.0
        used += w
    return lines


def export_canvas(size: str, source_lines: int, subtitle_lines: int, legend: int = 1) -> Canvas:
    width, height = EXPORT_SIZES[size]
    font = MIN_FONT_PX[size]
    line = font * LINE_EM
    top = int(font * 1.6 * LINE_EM + 16 + subtitle_lines * line + line + 10)
    bottom = int(line + 10 + legend * line + 12 + source_lines * line + 12)
    return Canvas(width=width, height=height, left=int(font * CHAR_EM * 15) + 12, right=24, top=top,
                  bottom=bottom, font=font, mark=font, max_rows=4)


def briefing_plan(df: pd.DataFrame, subtitle: str, source: str, lang: str, size: str, reference: date,
                  view: str = "timeline", sources: dict | None = None) -> tuple[Plan, str, str]:
    """The plan of an export page, and its subtitle and source line wrapped to the page."""
    font = MIN_FONT_PX[size]
    chars = int((EXPORT_SIZES[size][0] - 40) / (font * CHAR_EM))
    subtitle_text, source_text = plain(subtitle, chars), plain(source, chars)
    entries = [f"{label('statuses', s_, lang)} ({t(k, lang)})" for s_ in STATUS_COLORS for k in ("exact_day", "span")
               if ((df["status"] == s_) & ((df["precision"] == "day") == (k == "exact_day"))).any()]
    canvas = export_canvas(size, source_text.count("<br>") + 1, subtitle_text.count("<br>") + 1,
                           legend_lines(entries, EXPORT_SIZES[size][0] - 30, font))
    if view == "milestones":
        p = milestones_plan(df, lang, canvas, reference, sources)
    else:
        p = timeline_plan(one_per_event(df), lang, canvas, reference, sources)
    p.meta["legend_lines"] = legend_lines(entries, EXPORT_SIZES[size][0] - 30, font)
    p.meta["source_lines"] = source_text.count("<br>") + 1
    return p, subtitle_text, source_text


def briefing(df: pd.DataFrame, subtitle: str, source: str, lang: str = "nl", size: str = "slide",
             today: date | None = None, asof: date | None = None, view: str = "timeline",
             sources: dict | None = None, links: pd.DataFrame | None = None) -> go.Figure:
    """The view as a clean image for a note or a slide: title, subtitle (the filters and the
    as-of date), legend, the labelled marks, and the source line, all inside the page and no
    smaller than 12 pt (slide) or 9 pt (A4)."""
    reference = asof or today or date.today()
    p, subtitle_text, source_text = briefing_plan(df, subtitle, source, lang, size, reference, view, sources)
    canvas, font = p.canvas, MIN_FONT_PX[size]
    fig = draw_timeline(p, lang, reference, df, links if view == "timeline" else None, asof is not None, static=True)
    height = EXPORT_SIZES[size][1]
    title = t("export_title_milestones" if view == "milestones" else "export_title", lang)
    fig.update_layout(
        title=dict(text=f"<b>{plain(title)}</b>", x=0, xref="paper", xanchor="left", yref="container",
                   y=1 - 12 / height, yanchor="top", font=dict(size=int(font * 1.6)),
                   subtitle=dict(text=subtitle_text, font=dict(size=font, color="#333"))),
        dragmode=False, legend=dict(y=(canvas.bottom - font * LINE_EM - 10) / height, yanchor="top", yref="container",
                                    x=12 / EXPORT_SIZES[size][0], xref="container", font=dict(size=font)),
    )
    source_h = (source_text.count("<br>") + 1) * font * LINE_EM
    fig.add_annotation(text=source_text, xref="paper", yref="paper", x=0, y=0, xanchor="left", yanchor="top",
                       xshift=-(canvas.left - 16), yshift=-(canvas.bottom - 10 - source_h), align="left",
                       showarrow=False, font=dict(size=font, color="#444"), name="source")
    fig.layout.meta = {**fig.layout.meta, "size": size, "view": view}
    return fig
