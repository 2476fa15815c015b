"""The events as a table for the screen, in the interface language."""

from __future__ import annotations

import pandas as pd

from dashboard.text import date_label, headlines, label, t


def _each(values: pd.Series, make) -> list:
    """make(value) for every value, made once per distinct value (a table repeats its labels,
    dates and documents)."""
    made: dict = {}
    return [made[v] if v in made else made.setdefault(v, make(v)) for v in values]


def display_table(df: pd.DataFrame, lang: str, cite=None) -> pd.DataFrame:
    """One row per mention, newest first, with labels and dates in `lang`; text stays text; the
    source document by title and reference where `cite` names it."""
    ordered = df.sort_values(["start", "end", "doc", "line"], ascending=[False, False, True, True])
    # what a reader scans first, where the table is not clipped: when, what, who, and how it stands
    return pd.DataFrame({
        t("date", lang): _each(pd.Series(list(zip(ordered["start"], ordered["end"], ordered["precision"],
                                                  ordered["date_text"], strict=True)), dtype=object),
                               lambda when: date_label(*when[:3], lang, when[3])),
        t("title", lang): headlines(ordered, lang),
        t("institutions", lang): _each(ordered["institutions"], lambda names: ", ".join(
            label("institutions", n, lang) for n in names)),
        t("status", lang): _each(ordered["status"], lambda v: label("statuses", v, lang)),
        t("type", lang): _each(ordered["event_type"], lambda v: label("event_types", v, lang)),
        t("track", lang): _each(ordered["track"], lambda v: label("tracks", v, lang)),
        t("written", lang): ordered["date_text"],
        t("kind", lang): _each(ordered.get("kind", pd.Series("event", index=ordered.index)),
                               lambda v: t(f"kind_{v}", lang)),
        t("quote", lang): ordered["quote"],
        t("doc", lang): _each(ordered["doc"], cite) if cite else ordered["doc"],
        t("line", lang): ordered["line"],
    })


HISTORY_COLUMNS = {"seq": "col_seq", "mention_id": "col_mention", "action": "col_action", "field": "col_field",
                   "value": "col_value", "author": "col_author", "at": "col_at", "note": "col_note"}


def history_table(history: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The curation history with headers in the interface language."""
    return history.rename(columns={k: t(v, lang) for k, v in HISTORY_COLUMNS.items() if k in history.columns})
