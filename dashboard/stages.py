"""Where each procedure stands on a date. Pure functions: frames in, frames out (no figures,
so both the timeline and the process view use them)."""

from __future__ import annotations

from datetime import date

import pandas as pd

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
      goes on) on or before `when`; its date is the first such event of the stage itself;
    - the current stage is the latest one reached;
    - the stages after it are planned, with the newest document's plan for them, where a
      document gives one, else ahead."""
    when = when or date.today()
    model = next(p for p in processes() if p.key == process_key)
    events = df[(df["process"] == process_key) & (df["stage"] != "")]
    keys = [s.key for s in model.stages]
    done = events[events["status"].isin(REACHING) & events["start"].map(lambda d: d <= when)]
    reached_upto = max((keys.index(s) for s in done["stage"] if s in keys), default=-1)
    rows = []
    for i, stage in enumerate(model.stages):
        at_stage = events[events["stage"] == stage.key]
        if i <= reached_upto:
            first = done[done["stage"] == stage.key].sort_values(["start", "id"])
            state = "current" if i == reached_upto else "reached"
            rows.append(_row(stage, state, first.iloc[0] if len(first) else None))
            continue
        plans = at_stage[at_stage["status"] == "planned"].sort_values(["doc_date", "start", "id"])
        rows.append(_row(stage, "planned", plans.iloc[-1]) if len(plans) else _row(stage, "ahead", None))
    return pd.DataFrame(rows, columns=CHAIN_COLUMNS)


def present_processes(df: pd.DataFrame) -> list:
    """The process models that events of the frame belong to, in the models' order."""
    keys = set(df["process"]) if "process" in df.columns else set()
    return [p for p in processes() if p.key in keys]
