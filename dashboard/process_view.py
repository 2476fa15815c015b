"""The process view: where each procedure stands, what was planned against what happened,
and the table as it stood on a date. Pure functions: frames in, frames or figures out."""

from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures import STATUS_COLORS
from dashboard.text import format_span, plain, t
from events.process import processes

STATE_STYLE = {  # marker of a stage by how far the process got
    "reached": dict(symbol="circle", color=STATUS_COLORS["happened"]),
    "current": dict(symbol="circle", color=STATUS_COLORS["ongoing"]),
    "planned": dict(symbol="circle-open", color=STATUS_COLORS["planned"]),
    "ahead": dict(symbol="circle-open", color="#9aa5b1"),
}


def as_of(df: pd.DataFrame, links: pd.DataFrame, when: date | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The events and links as the documents dated on or before `when` described them: later
    documents are left out, so the plans stand as they then stood."""
    if when is None:
        return df, links
    kept = df[df["doc_date"].map(lambda d: d is not None and d <= when)].copy()
    ids = set(kept["id"])
    kept_links = links[links["from_id"].isin(ids) & links["to_id"].isin(ids)]
    kept["superseded_by"] = kept["superseded_by"].where(kept["superseded_by"].isin(ids), "")
    return kept, kept_links


def stage_chain(df: pd.DataFrame, process_key: str) -> pd.DataFrame:
    """Each stage of a process with the first date it was reached, or the latest plan for it;
    the last stage reached is the current one."""
    model = next(p for p in processes() if p.key == process_key)
    events = df[df["process"] == process_key]
    rows = []
    for stage in model.stages:
        at_stage = events[events["stage"] == stage.key]
        done = at_stage[at_stage["status"] == "happened"].sort_values(["start", "id"])
        plans = at_stage[at_stage["status"] != "happened"].sort_values(["doc_date", "start", "id"])
        if len(done):
            first = done.iloc[0]
            rows.append(dict(stage=stage.key, nl=stage.nl, en=stage.en, state="reached", start=first["start"],
                             end=first["end"], id=first["id"], date_text=first["date_text"], doc=first["doc"]))
        elif len(plans):
            latest = plans.iloc[-1]  # the newest document's plan
            rows.append(dict(stage=stage.key, nl=stage.nl, en=stage.en, state="planned", start=latest["start"],
                             end=latest["end"], id=latest["id"], date_text=latest["date_text"], doc=latest["doc"]))
        else:
            rows.append(dict(stage=stage.key, nl=stage.nl, en=stage.en, state="ahead", start=None, end=None,
                             id="", date_text="", doc=""))
    chain = pd.DataFrame(rows)
    reached = chain.index[chain["state"] == "reached"]
    if len(reached):
        chain.loc[reached[-1], "state"] = "current"
        # stages before the current one that no document reports are passed, not ahead
    return chain


def chain_figure(df: pd.DataFrame, lang: str) -> go.Figure:
    """One row per procedure: its stages left to right, reached ones filled, the current one
    marked, stages still ahead drawn as planned (with their planned date) or empty."""
    fig = go.Figure()
    models = [p for p in processes() if (df["process"] == p.key).any()]
    shown: set[str] = set()
    for row, model in enumerate(models):
        chain = stage_chain(df, model.key)
        fig.add_trace(go.Scatter(x=list(range(len(chain))), y=[-row] * len(chain), mode="lines",
                                 line=dict(color="#c8d1da", width=2), hoverinfo="skip", showlegend=False))
        for state, style in STATE_STYLE.items():
            part = chain[chain["state"] == state]
            if part.empty:
                continue
            labels = [f"{plain(r[lang])}<br>{format_span(r['start'], r['end'], lang) if isinstance(r['start'], date) else ''}"
                      for _, r in part.iterrows()]
            fig.add_trace(go.Scatter(
                x=list(part.index), y=[-row] * len(part), mode="markers+text", text=labels,
                # labels alternate above and below so that neighbours do not overlap
                textposition=["top center" if i % 2 == 0 else "bottom center" for i in part.index],
                textfont=dict(size=10),
                marker=dict(size=22 if state == "current" else 14, line=dict(width=2, color=style["color"]),
                            **style),
                name=t(f"stage_{state}", lang), legendgroup=state, showlegend=state not in shown,
                customdata=[[plain(r["date_text"]), plain(r["doc"])] for _, r in part.iterrows()],
                hovertemplate="%{text}<br>%{customdata[0]} · %{customdata[1]}<extra></extra>",
            ))
            shown.add(state)
    fig.update_yaxes(tickvals=[-i for i in range(len(models))], ticktext=[getattr(m, lang) for m in models],
                     range=[-len(models) + 0.4, 0.7], showgrid=False, zeroline=False, fixedrange=True)
    fig.update_xaxes(visible=False, range=[-0.7, max((len(m.stages) for m in models), default=1) - 0.3])
    fig.update_layout(height=170 + 170 * len(models), plot_bgcolor="white", margin=dict(l=10, r=10, t=30, b=10),
                      legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0))
    return fig


def plan_vs_actual(df: pd.DataFrame, links: pd.DataFrame) -> pd.DataFrame:
    """Each plan that a later document reports done or plans anew, with the delay in days."""
    pairs = links[links["relation"].isin(["realizes", "supersedes"])]
    by_id = df.set_index("id")
    rows = []
    for link in pairs.itertuples():
        if link.to_id not in by_id.index or link.from_id not in by_id.index:
            continue
        plan, later = by_id.loc[link.to_id], by_id.loc[link.from_id]
        rows.append(dict(
            plan_id=link.to_id, later_id=link.from_id, relation=link.relation, track=plan["track"],
            title=plan["title"], planned_text=plan["date_text"], planned_start=plan["start"],
            planned_end=plan["end"], planned_doc=plan["doc"], planned_on=plan["doc_date"],
            later_text=later["date_text"], later_start=later["start"], later_end=later["end"],
            later_doc=later["doc"], later_on=later["doc_date"],
            delay_days=int(link.delay_days) if str(link.delay_days).lstrip("-").isdigit() else 0,
            evidence=link.evidence))
    columns = ["plan_id", "later_id", "relation", "track", "title", "planned_text", "planned_start", "planned_end",
               "planned_doc", "planned_on", "later_text", "later_start", "later_end", "later_doc", "later_on",
               "delay_days", "evidence"]
    return pd.DataFrame(rows, columns=columns).sort_values(["planned_start", "plan_id"], ignore_index=True)


def plan_actual_figure(pairs: pd.DataFrame, lang: str) -> go.Figure:
    """Per milestone: the planned interval (hatched), what a later document reported, the delay."""
    fig = go.Figure()
    labels = [f"{plain(r.title[:60])} ({plain(r.planned_doc[:3])}→{plain(r.later_doc[:3])})"
              for r in pairs.itertuples()]
    if len(pairs):
        fig.add_trace(go.Bar(
            orientation="h", y=labels, base=[s.isoformat() for s in pairs["planned_start"]],
            x=[((e - s).days + 1) * 86_400_000 for s, e in zip(pairs["planned_start"], pairs["planned_end"],
                                                                  strict=True)],
            name=t("planned", lang), width=0.5,
            marker=dict(color="rgba(255,255,255,0)", line=dict(color=STATUS_COLORS["planned"], width=1.5),
                        pattern=dict(shape="/", fgcolor=STATUS_COLORS["planned"], size=6)),
            customdata=[[plain(r.planned_text), plain(r.planned_doc)] for r in pairs.itertuples()],
            hovertemplate="%{customdata[0]} · %{customdata[1]}<extra></extra>"))
        fig.add_trace(go.Bar(
            orientation="h", y=labels, base=[s.isoformat() for s in pairs["later_start"]],
            x=[((e - s).days + 1) * 86_400_000 for s, e in zip(pairs["later_start"], pairs["later_end"], strict=True)],
            name=t("happened", lang), width=0.2, marker=dict(color=STATUS_COLORS["happened"]),
            customdata=[[plain(r.later_text), plain(r.later_doc)] for r in pairs.itertuples()],
            hovertemplate="%{customdata[0]} · %{customdata[1]}<extra></extra>"))
        fig.add_trace(go.Scatter(
            mode="text", y=labels, x=[max(p, a).isoformat() for p, a in zip(pairs["planned_end"], pairs["later_end"],
                                                                             strict=True)],
            text=[(f"{d:+d} {t('days', lang)}" if d else t("on_time", lang))
                  + ("" if r == "realizes" else f" ({t('replanned', lang)})")
                  for d, r in zip(pairs["delay_days"], pairs["relation"], strict=True)],
            textposition="middle right", showlegend=False, hoverinfo="skip"))
    fig.update_layout(height=140 + 60 * max(1, len(pairs)), barmode="overlay", plot_bgcolor="white",
                      xaxis=dict(type="date", gridcolor="#e5e5e5"), margin=dict(l=10, r=10, t=30, b=30),
                      legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0))
    fig.update_yaxes(autorange="reversed")
    return fig
