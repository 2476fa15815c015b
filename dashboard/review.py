"""The review page's logic: which fields an edit changes, and saving them to the curation store."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd

from events import corrections

EDITABLE = ("start", "end", "precision", "status", "track", "institutions", "event_type", "title")


def _plain(value) -> str:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ";".join(value)
    return "" if value is None else str(value)


def changes(row: pd.Series, edited: dict) -> list[tuple[str, str]]:
    """(field, new value) for every editable field the edit changes, dates before others so
    that a moved interval is checked whole."""
    found = [(f, _plain(edited[f])) for f in EDITABLE if f in edited and _plain(edited[f]) != _plain(row[f])]
    if len(found) > 1 and {"start", "end"} <= {f for f, _ in found}:
        moving_later = _plain(edited["start"]) > _plain(row["end"])
        found.sort(key=lambda fv: (fv[0] not in ("start", "end"), (fv[0] == "start") == moving_later))
    return found


def save_edit(store: Path, table: pd.DataFrame, mention_id: str, edited: dict, author: str, note: str = "") -> int:
    """Record each change of one event; returns how many were saved (ValueError if one is invalid)."""
    row = table.set_index("id").loc[mention_id]
    found = changes(row, edited)
    for field, value in found:
        corrections.record(store, mention_id, "set", field, value, author=author, note=note, table=table)
    return len(found)


def new_event(fields: dict, doc_dates: dict) -> dict:
    """A missing event from the add form, in the form the store takes (dates as ISO text, the
    document's date from the table)."""
    iso = {k: fields[k].isoformat() if isinstance(fields[k], date) else (fields[k] or "") for k in ("start", "end")}
    institutions = fields["institutions"]
    doc_date = doc_dates.get(fields["doc"])
    return {**fields, **iso, "line": int(fields["line"]),
            "institutions": ";".join(institutions) if isinstance(institutions, list | tuple) else institutions,
            "doc_date": doc_date.isoformat() if isinstance(doc_date, date) else (doc_date or "")}
