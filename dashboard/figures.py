"""Figures of the events table: the timeline with one lane per track. Pure functions: a
DataFrame in, a Plotly figure out, so they are tested through fig.to_dict()."""

from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.graph_objects as go

from dashboard.text import format_span, label, plain, t
from events.vocabulary import vocabulary

STATUS_COLORS = {"happened": "#1f4e79", "ongoing": "#2e8b57", "planned": "#c27c0e"}
DAY_SYMBOLS = {"happened": "circle", "ongoing": "diamond", "planned": "circle-open"}
# Above this many events the timeline is summarized per month and track: more single marks
# are neither readable nor quick to redraw.
DENSE_FROM = 1000
MAX_ROWS_PER_LANE = 12
ROW_HEIGHT = 22  # pixels per stacked row in a lane
LANE_GAP = 1.0  # empty rows between lanes


def one_per_event(df: pd.DataFrame) -> pd.DataFrame:
    """One row per cluster: its most precise mention, with the number of mentions and documents."""
    if df.empty:
        return df.assign(sources=pd.Series(dtype="int64"), docs=pd.Series(dtype=str))
    ranked = df.assign(_span=[(e - s).days for s, e in zip(df["start"], df["end"], strict=True)])
    ranked = ranked.sort_values(["cluster", "_span", "doc", "line", "id"])
    grouped = ranked.groupby("cluster", sort=False)
    best = grouped.head(1).set_index("cluster")
    best["sources"] = grouped.size()
    best["docs"] = best["doc"]
    shared = best.index[best["sources"] > 1]  # only these need their documents joined (it is slow)
    if len(shared):
        several = ranked[ranked["cluster"].isin(shared)].groupby("cluster")["doc"]
        best.loc[shared, "docs"] = several.agg(lambda docs: ", ".join(sorted(set(docs))))
    return best.reset_index().drop(columns="_span").sort_values(["start", "end", "id"], ignore_index=True)


def lanes(tracks_present: set[str] | None = None) -> list[str]:
    order = vocabulary().keys("tracks")
    return [k for k in order if tracks_present is None or k in tracks_present]


def _stack(events: pd.DataFrame, min_gap_days: float) -> list[int]:
    """A row within its lane for each event, so that events in one row do not overlap."""
    rows_end: list[date] = []
    placed = []
    for start, end in zip(events["start"], events["end"], strict=True):
        for i, last in enumerate(rows_end):
            if (start - last).days > min_gap_days:
                rows_end[i] = end
                placed.append(i)
                break
        else:
            if len(rows_end) < MAX_ROWS_PER_LANE:
                rows_end.append(end)
                placed.append(len(rows_end) - 1)
            else:  # a crowded lane reuses the row that frees up first
                i = min(range(len(rows_end)), key=lambda k: rows_end[k])
                rows_end[i] = max(rows_end[i], end)
                placed.append(i)
    return placed


def layout_positions(events: pd.DataFrame) -> tuple[pd.Series, dict[str, tuple[float, float]]]:
    """The y of every event and each lane's (bottom, top), lanes in their fixed order top-down."""
    y = pd.Series(0.0, index=events.index)
    if events.empty:
        return y, {}
    first, last = min(events["start"]), max(events["end"])
    min_gap = max(1.0, (last - first).days * 0.012)
    bounds: dict[str, tuple[float, float]] = {}
    top = 0.0
    for track in lanes(set(events["track"])):
        in_lane = events[events["track"] == track].sort_values(["start", "end", "id"])
        rows = _stack(in_lane, min_gap)
        height = max(rows) + 1
        y.loc[in_lane.index] = [-(top + r) for r in rows]
        bounds[track] = (-(top + height - 1) - 0.5, -top + 0.5)
        top += height + LANE_GAP
    return y, bounds


def _hover(events: pd.DataFrame, lang: str) -> list[list[str]]:
    vocab_inst = vocabulary().institution_label
    data = []
    for row in events.itertuples():
        institutions = ", ".join(vocab_inst(n, lang) for n in str(row.institutions).split(";") if n)
        data.append([
            plain(row.date_text),
            format_span(row.start, row.end, lang),
            plain(row.title, 70),
            plain(institutions, 70),
            label("statuses", row.status, lang),
            plain(f"{row.doc}, {t('line', lang)} {row.line}"),
            plain(row.quote, 90),
            str(row.sources),
            row.id,
        ])
    return data


def _hovertemplate(lang: str) -> str:
    return (f"<b>%{{customdata[2]}}</b><br>{t('written', lang)}: %{{customdata[0]}}<br>"
            f"{t('normalized', lang)}: %{{customdata[1]}}<br>%{{customdata[3]}}<br>%{{customdata[4]}} · "
            f"%{{customdata[7]}} {t('sources', lang)}<br>{t('source', lang)}: %{{customdata[5]}}<br>"
            f"<i>%{{customdata[6]}}</i><extra></extra>")


def timeline(df: pd.DataFrame, lang: str = "nl", today: date | None = None,
             links: pd.DataFrame | None = None, events: pd.DataFrame | None = None) -> go.Figure:
    """The timeline: a lane per track; a day is a marker, a longer span a bar; planned events
    are open or hatched; each event (cluster) once, with its number of sources; `links`
    (links.csv) draw plans to their outcome and events tied across tracks. `events` is
    one_per_event(df), when the caller has it already."""
    events = one_per_event(df) if events is None else events
    if len(events) > DENSE_FROM:
        return dense_timeline(events, lang, today)
    fig = go.Figure()
    y, bounds = layout_positions(events)
    events = events.assign(y=y)
    hover = _hovertemplate(lang)
    for status, color in STATUS_COLORS.items():
        subset = events[events["status"] == status]
        days = subset[subset["precision"] == "day"]
        spans = subset[subset["precision"] != "day"]
        if len(spans):
            duration_ms = [((e - s).days + 1) * 86_400_000 for s, e in zip(spans["start"], spans["end"], strict=True)]
            fig.add_trace(go.Bar(
                name=f"{label('statuses', status, lang)} ({t('span', lang)})", legendgroup=status,
                orientation="h", base=[s.isoformat() for s in spans["start"]], x=duration_ms, y=spans["y"],
                width=0.6, customdata=_hover(spans, lang), hovertemplate=hover,
                marker=dict(color=color if status != "planned" else "rgba(255,255,255,0)",
                            opacity=0.55 if status != "planned" else 1.0,
                            line=dict(color=color, width=1.5),
                            pattern=dict(shape="/" if status == "planned" else "", fgcolor=color, size=6)),
            ))
        if len(days):
            fig.add_trace(go.Scatter(
                name=f"{label('statuses', status, lang)} ({t('exact_day', lang)})", legendgroup=status,
                mode="markers", x=[d.isoformat() for d in days["start"]], y=days["y"],
                customdata=_hover(days, lang), hovertemplate=hover,
                marker=dict(symbol=DAY_SYMBOLS[status], size=11, color=color, line=dict(color=color, width=2)),
            ))
    if links is not None and len(links):
        _links(fig, df, events, links, lang)
    _lane_axis(fig, bounds, lang)
    _today(fig, today or date.today(), lang)
    rows = sum(int(top - bottom) for bottom, top in bounds.values()) + LANE_GAP * len(bounds)
    fig.update_layout(
        barmode="overlay", height=max(320, int(rows * ROW_HEIGHT) + 140), margin=dict(l=10, r=10, t=40, b=40),
        legend=dict(orientation="h", yanchor="top", y=-0.02, x=0), hovermode="closest",
        xaxis=dict(type="date", showgrid=True, gridcolor="#e5e5e5", side="top"), plot_bgcolor="white",
        clickmode="event+select", dragmode="pan",
    )
    return fig


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
                                     line=dict(color=color, width=1.5, dash=dash)))


def _lane_axis(fig: go.Figure, bounds: dict[str, tuple[float, float]], lang: str) -> None:
    """Lane names as y ticks, and a light band behind every other lane."""
    for i, (bottom, top) in enumerate(bounds.values()):
        if i % 2 == 0:
            fig.add_hrect(y0=bottom, y1=top, fillcolor="#f3f6f9", line_width=0, layer="below")
    fig.update_yaxes(
        tickvals=[(b + t_) / 2 for b, t_ in bounds.values()],
        ticktext=[label("tracks", k, lang) for k in bounds],
        range=[min((b for b, _ in bounds.values()), default=-1) - 0.3, 0.8],
        showgrid=False, zeroline=False, fixedrange=True,
    )


def _today(fig: go.Figure, today: date, lang: str) -> None:
    fig.add_shape(type="line", x0=today.isoformat(), x1=today.isoformat(), y0=0, y1=1, yref="paper",
                  line=dict(color="#b22222", width=1.5, dash="dot"), name="today")
    fig.add_annotation(x=today.isoformat(), y=1, yref="paper", text=t("today", lang), showarrow=False,
                       font=dict(color="#b22222", size=11), yanchor="bottom")


def dense_timeline(events: pd.DataFrame, lang: str, today: date | None = None) -> go.Figure:
    """Many events: counted per track, month and status, one dot per group (a few hundred dots
    at most, which SVG draws sooner than WebGL sets up)."""
    month = pd.to_datetime(events["start"]).dt.to_period("M").dt.to_timestamp()
    grouped = (events.assign(month=month).groupby(["track", "month", "status"]).size()
               .rename("count").reset_index())
    order = lanes(set(grouped["track"]))
    offsets = {"happened": 0.2, "ongoing": 0.0, "planned": -0.2}
    fig = go.Figure()
    for status, color in STATUS_COLORS.items():
        g = grouped[grouped["status"] == status]
        if g.empty:
            continue
        fig.add_trace(go.Scatter(
            name=label("statuses", status, lang), mode="markers",
            x=g["month"].dt.strftime("%Y-%m-%d"), y=[-order.index(k) + offsets[status] for k in g["track"]],
            marker=dict(size=(g["count"] ** 0.5 * 3).clip(4, 40), color=color, opacity=0.7),
            customdata=g[["count"]].to_numpy(), hovertemplate="%{x|%b %Y}: %{customdata[0]}<extra></extra>",
        ))
    fig.update_yaxes(tickvals=[-i for i in range(len(order))], ticktext=[label("tracks", k, lang) for k in order],
                     range=[-len(order) + 0.5, 0.6], fixedrange=True)
    _today(fig, today or date.today(), lang)
    fig.update_layout(height=120 + 90 * len(order), plot_bgcolor="white", xaxis=dict(type="date"),
                      legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0),
                      margin=dict(l=10, r=10, t=40, b=40), meta={"dense": True, "events": len(events)})
    return fig


def is_dense(fig: go.Figure) -> bool:
    return bool((fig.layout.meta or {}).get("dense")) if isinstance(fig.layout.meta, dict) else False


def briefing(df: pd.DataFrame, subtitle: str, source: str, lang: str = "nl", size: str = "slide",
             today: date | None = None) -> go.Figure:
    """The timeline as a clean image for a note or a slide: title, subtitle, source line, legend."""
    fig = timeline(df, lang, today)
    width, height = EXPORT_SIZES[size]
    fig.update_layout(
        title=dict(text=f"<b>{plain(t('export_title', lang))}</b><br><sup>{plain(subtitle, 140)}</sup>", x=0.01),
        width=width, height=height, margin=dict(l=20, r=30, t=110, b=80), dragmode=False,
        legend=dict(orientation="h", yanchor="top", y=-0.06, x=0), font=dict(family="Liberation Sans, Arial", size=14),
    )
    fig.add_annotation(text=plain(source), xref="paper", yref="paper", x=1, y=-0.14, showarrow=False,
                       xanchor="right", font=dict(size=11, color="#555"))
    return fig


EXPORT_SIZES = {"slide": (1600, 900), "a4": (1754, 1240)}  # pixels; A4 landscape at 150 dpi
