"""Where each procedure stands on a date. Pure functions: frames in, frames out (no figures,
so both the timeline and the process view use them)."""

from __future__ import annotations

from datetime import date

import pandas as pd

from dashboard.text import date_label, t
from events.process import processes

# An event shows its stage was reached once it happened, or once it started if it goes on.
REACHING = ("happened", "ongoing")
CHAIN_COLUMNS = ["stage", "nl", "en", "state", "start", "end", "id", "date_text", "doc", "title"]


def _row(stage, state: str, event: pd.Series | None) -> dict:
    if event is None:
        return dict(stage=stage.key, nl=stage.nl, en=stage.en, state=state, start=None, end=None, id="",
                    date_text="", doc="", title="")
    return dict(stage=stage.key, nl=stage.nl, en=stage.en, state=state, start=event["start"], end=event["end"],
                id=event["id"], date_text=event["date_text"], doc=event["doc"], title=event["title"])


def stage_chain(df: pd.DataFrame, process_key: str, when: date | None = None) -> pd.DataFrame:
    """Each stage of a process and its state on `when` (default today):

    - a stage is reached when an event of it, or of a later stage, happened (or began, if it
      goes on) on or before `when`; its date is the first such event of the stage itself on or
      after the date of the stage before it, so that the chain runs in date order (a letter of
      2019 does not answer a motion of 2024; a stage with no such event is reached undated);
    - the current stage is the latest one reached;
    - the stages after it are planned, with the newest document's plan for them, where a
      document gives one, else ahead; a plan whose date has passed on `when` with no report of
      it is due."""
    when = when or date.today()
    model = next(p for p in processes() if p.key == process_key)
    events = df[(df["process"] == process_key) & (df["stage"] != "")]
    keys = [s.key for s in model.stages]
    done = events[events["status"].isin(REACHING) & events["start"].map(lambda d: d <= when)]
    reached_upto = max((keys.index(s) for s in done["stage"] if s in keys), default=-1)
    rows = []
    since: date | None = None  # the date of the last dated stage reached
    for i, stage in enumerate(model.stages):
        at_stage = events[events["stage"] == stage.key]
        if i <= reached_upto:
            first = done[done["stage"] == stage.key]
            if since is not None:
                first = first[first["start"].map(lambda d, since=since: d >= since)]
            first = first.sort_values(["start", "id"])
            state = "current" if i == reached_upto else "reached"
            rows.append(_row(stage, state, first.iloc[0] if len(first) else None))
            since = first.iloc[0]["start"] if len(first) else since
            continue
        plans = at_stage[at_stage["status"] == "planned"].sort_values(["doc_date", "start", "id"])
        if not len(plans):
            rows.append(_row(stage, "ahead", None))
            continue
        plan = plans.iloc[-1]
        rows.append(_row(stage, "due" if plan["end"] < when else "planned", plan))
    return pd.DataFrame(rows, columns=CHAIN_COLUMNS)


def reported_up_to(df: pd.DataFrame) -> date | None:
    """The basis of a view: the date of the newest document among its events."""
    dates = [d for d in df["doc_date"] if isinstance(d, date)] if "doc_date" in df.columns else []
    return max(dates) if dates else None


def present_processes(df: pd.DataFrame) -> list:
    """The process models that events of the frame belong to, in the models' order."""
    keys = set(df["process"]) if "process" in df.columns else set()
    return [p for p in processes() if p.key in keys]


def stage_date(state: str, start, end, written: str, lang: str) -> str:
    """A stage's date as a reader writes it, and a plan passed with no report of it as such:
    "due 1 Aug 2024, not reported"; the date as written where the stage has no interval."""
    if not isinstance(start, date):
        return written
    when = date_label(start, end, "", lang, written)
    return t("stage_due_on", lang, date=when) if state == "due" else when
