"""The events as a table for the screen, in the interface language."""

from __future__ import annotations

import pandas as pd

from dashboard.text import format_date, label, t

COLUMNS = ("date", "date_text", "kind", "status", "track", "institutions", "type", "title", "quote", "doc", "line")


def display_table(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per mention, newest first, with labels and dates in `lang`; text stays text."""
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
        t("doc", lang): ordered["doc"],
        t("line", lang): ordered["line"],
    })
