"""The events table made ready for the views: one row per event, and plans against what
became of them. Pure functions: frames in, frames out (no figures, no Streamlit)."""

from __future__ import annotations

import pandas as pd


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
            delay_days=int(link.delay_days),  # a plan and its outcome always have one (links_frame)
            evidence=link.evidence))
    columns = ["plan_id", "later_id", "relation", "track", "title", "planned_text", "planned_start", "planned_end",
               "planned_doc", "planned_on", "later_text", "later_start", "later_end", "later_doc", "later_on",
               "delay_days", "evidence"]
    return pd.DataFrame(rows, columns=columns).sort_values(["planned_start", "plan_id"], ignore_index=True)
