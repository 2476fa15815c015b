"""The process view: where each procedure stands, what was planned against what happened,
and the table as it stood on a date. Pure functions: frames in, frames or figures out."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures import CHAR_EM, FONT, SPAN_FILL, STATUS_COLORS, date_ticks, shorten
from dashboard.stages import present_processes, stage_chain, stage_date
from dashboard.text import date_label, format_date, plain, t

__all__ = ["chain_figure", "plan_actual_figure", "plan_table", "stage_chain"]

STATE_STYLE = {  # marker of a stage by how far the process got
    "reached": dict(symbol="circle", color=STATUS_COLORS["happened"]),
    "current": dict(symbol="circle", color=STATUS_COLORS["ongoing"]),
    "planned": dict(symbol="circle-open", color=STATUS_COLORS["planned"]),
    "due": dict(symbol="circle-open", color="#b03a2e"),
    "ahead": dict(symbol="circle-open", color="#9aa5b1"),
}
CHAIN_WIDTH = 1100  # nominal pixels the labels are wrapped for (the chart stretches wider)
CHAIN_LEFT = 190
CHAIN_FONT = 11
ROW_HEIGHT = 200  # pixels per procedure: labels above and below the chain


def _when(stage, lang: str) -> str:
    """A stage's date as a reader writes it (a plan passed unreported: "due 1 Aug 2024, not
    reported"); the date as written where the stage has none."""
    return stage_date(stage["state"], stage["start"], stage["end"], stage["date_text"], lang)


def chain_labels(chain: pd.DataFrame, lang: str, slot_px: float, font: int = CHAIN_FONT) -> list[str]:
    """Stage name and date per stage, wrapped to the room they have: labels alternate above and
    below the chain, so each may take two stages' width."""
    chars = max(8, int((2 * slot_px - 12) / (font * CHAR_EM)))
    labels = []
    for _, r in chain.iterrows():
        when = _when(r, lang)
        text = plain(r[lang], chars)
        if when:
            text += "<br><i>" + plain(when, chars) + "</i>"  # wrapped, never cut
        labels.append(text)
    return labels


def chain_figure(df: pd.DataFrame, lang: str, when: date | None = None) -> go.Figure:
    """One row per procedure: its stages left to right, reached ones filled, the current one
    marked, stages still ahead drawn as planned (with their planned date) or empty. Each
    stage's state is as it stood on `when` (the as-of date; default today)."""
    fig = go.Figure()
    models = present_processes(df)
    most = max((len(m.stages) for m in models), default=1)
    slot = (CHAIN_WIDTH - CHAIN_LEFT - 20) / (most + 0.4)
    shown: set[str] = set()
    for row, model in enumerate(models):
        chain = stage_chain(df, model.key, when)
        texts = chain_labels(chain, lang, slot)
        fig.add_trace(go.Scatter(x=list(range(len(chain))), y=[-row] * len(chain), mode="lines",
                                 line=dict(color="#c8d1da", width=2), hoverinfo="skip", showlegend=False))
        for state, style in STATE_STYLE.items():
            part = chain[chain["state"] == state]
            if part.empty:
                continue
            fig.add_trace(go.Scatter(
                x=list(part.index), y=[-row] * len(part), mode="markers+text", text=[texts[i] for i in part.index],
                # labels alternate above and below so that neighbours do not overlap
                textposition=["top center" if i % 2 == 0 else "bottom center" for i in part.index],
                textfont=dict(size=CHAIN_FONT),
                marker=dict(size=22 if state == "current" else 14, line=dict(width=2, color=style["color"]),
                            **style),
                name=t(f"stage_{state}", lang), legendgroup=state, showlegend=state not in shown,
                customdata=[[plain(_when(r, lang)), plain(r["title"], 60)] for _, r in part.iterrows()],
                hovertemplate="%{text}<br>%{customdata[0]} · %{customdata[1]}<extra></extra>",
            ))
            shown.add(state)
    fig.update_yaxes(tickvals=[-i for i in range(len(models))],
                     ticktext=[plain(getattr(m, lang), 26) for m in models],
                     range=[-len(models) + 0.5, 0.5], showgrid=False, zeroline=False, fixedrange=True)
    fig.update_xaxes(visible=False, range=[-0.7, most - 0.3], fixedrange=True)
    fig.update_layout(width=CHAIN_WIDTH, height=60 + ROW_HEIGHT * max(1, len(models)), plot_bgcolor="white",
                      margin=dict(l=CHAIN_LEFT, r=20, t=40, b=10), font=dict(family=FONT, size=CHAIN_FONT),
                      legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0), meta={"slot_px": slot})
    return fig


def plan_actual_figure(pairs: pd.DataFrame, lang: str) -> go.Figure:
    """Per milestone: the planned interval (light, outlined), what a later document reported, the delay."""
    fig = go.Figure()
    def on(d) -> str:
        return format_date(d, lang) if isinstance(d, date) else "?"

    labels = [f"{plain(shorten(r.title, 48))} ({on(r.planned_on)} → {on(r.later_on)})" for r in pairs.itertuples()]
    if len(pairs):
        fig.add_trace(go.Bar(
            orientation="h", y=labels, base=[s.isoformat() for s in pairs["planned_start"]],
            x=[((e - s).days + 1) * 86_400_000 for s, e in zip(pairs["planned_start"], pairs["planned_end"],
                                                                  strict=True)],
            name=t("planned", lang), width=0.5,
            marker=dict(color=SPAN_FILL["planned"], line=dict(color=STATUS_COLORS["planned"], width=1.5)),
            customdata=[[plain(date_label(r.planned_start, r.planned_end, "", lang, r.planned_text)), plain(r.planned_doc)]
                        for r in pairs.itertuples()],
            hovertemplate="%{customdata[0]} · %{customdata[1]}<extra></extra>"))
        fig.add_trace(go.Bar(
            orientation="h", y=labels, base=[s.isoformat() for s in pairs["later_start"]],
            x=[((e - s).days + 1) * 86_400_000 for s, e in zip(pairs["later_start"], pairs["later_end"], strict=True)],
            name=t("happened", lang), width=0.2, marker=dict(color=STATUS_COLORS["happened"]),
            customdata=[[plain(date_label(r.later_start, r.later_end, "", lang, r.later_text)), plain(r.later_doc)]
                        for r in pairs.itertuples()],
            hovertemplate="%{customdata[0]} · %{customdata[1]}<extra></extra>"))
        fig.add_trace(go.Scatter(
            mode="text", y=labels, x=[max(p, a).isoformat() for p, a in zip(pairs["planned_end"], pairs["later_end"],
                                                                             strict=True)],
            text=[(f"{d:+d} {t('days', lang)}" if d else t("on_time", lang))
                  + ("" if r == "realizes" else f" ({t('replanned', lang)})")
                  for d, r in zip(pairs["delay_days"], pairs["relation"], strict=True)],
            textposition="middle right", showlegend=False, hoverinfo="skip"))
    if len(pairs):
        x0 = min(min(pairs["planned_start"]), min(pairs["later_start"]))
        x1 = max(max(pairs["planned_end"]), max(pairs["later_end"])) + timedelta(days=120)
        values, texts, _ = date_ticks(x0, x1, 700, CHAIN_FONT, lang)
        fig.update_xaxes(tickvals=values, ticktext=texts, range=[x0.isoformat(), x1.isoformat()])
    fig.update_layout(height=140 + 60 * max(1, len(pairs)), barmode="overlay", plot_bgcolor="white",
                      xaxis=dict(type="date", gridcolor="#e5e5e5"), margin=dict(l=10, r=10, t=30, b=30),
                      legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0), font=dict(family=FONT),
                      separators=",." if lang == "nl" else ".,")
    fig.update_yaxes(autorange="reversed")
    return fig


PLAN_COLUMNS = {"title": "title", "planned_text": "planned", "planned_doc": "planned_in", "later_text": "reported",
                "later_doc": "reported_in", "delay_days": "delay", "relation": "relation", "evidence": "evidence"}


def plan_table(pairs: pd.DataFrame, lang: str, cite) -> pd.DataFrame:
    """Planned against actual as a table in the interface language, documents by title."""
    table = pairs[list(PLAN_COLUMNS)].copy()
    table["planned_doc"] = table["planned_doc"].map(cite)
    table["later_doc"] = table["later_doc"].map(cite)
    table["relation"] = table["relation"].map(lambda r: t("realized" if r == "realizes" else "replanned", lang))
    return table.rename(columns={k: t(f"col_{v}", lang) for k, v in PLAN_COLUMNS.items()})

