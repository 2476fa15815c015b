"""The events as a table for the screen, in the interface language."""

from __future__ import annotations

import pandas as pd

from dashboard.text import format_date, label, t

COLUMNS = ("date", "date_text", "kind", "status", "track", "institutions", "type", "title", "quote", "doc", "line")


def display_table(df: pd.DataFrame, lang: str, cite=None) -> pd.DataFrame:
    """One row per mention, newest first, with labels and dates in `lang`; text stays text; the
    source document by title and reference where `cite` names it."""
    ordered = df.sort_values(["start", "end", "doc", "line"], ascending=[False, False, True, True])
    return pd.DataFrame({
        t("date", lang): [format_date(s, lang) if s == e else f"{format_date(s, lang)} – {format_date(e, lang)}"
                          for s, e in zip(ordered["start"], ordered["end"], strict=True)],
        t("written", lang): ordered["date_text"],
        t("kind", lang): [t(f"kind_{v}", lang) for v in ordered.get("kind", pd.Series("event", index=ordered.index))],
        t("status", lang): [label("statuses", v, lang) for v in ordered["status"]],
        t("track", lang): [label("tracks", v, lang) for v in ordered["track"]],
        t("institutions", lang): [", ".join(label("institutions", n, lang) for n in str(v).split(";") if n)
                                  for v in ordered["institutions"]],
        t("type", lang): [label("event_types", v, lang) for v in ordered["event_type"]],
        t("title", lang): ordered["title"],
        t("quote", lang): ordered["quote"],
        t("doc", lang): [cite(d) for d in ordered["doc"]] if cite else ordered["doc"],
        t("line", lang): ordered["line"],
    })


HISTORY_COLUMNS = {"seq": "col_seq", "mention_id": "col_mention", "action": "col_action", "field": "col_field",
                   "value": "col_value", "author": "col_author", "at": "col_at", "note": "col_note"}


def history_table(history: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The curation history with headers in the interface language."""
    return history.rename(columns={k: t(v, lang) for k, v in HISTORY_COLUMNS.items() if k in history.columns})
