"""The review tab: correct an event (its fields, reject, merge, split), add a missed one, and
see the history. The logic (which fields an edit changes, saving them to the curation store)
is in pure functions; `tab` draws the tab."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard import filters as flt
from dashboard.table_view import history_table
from dashboard.text import date_label, label, md_plain, t
from events import corrections
from events.vocabulary import COLUMN_SECTIONS, KEYED_COLUMNS, vocabulary

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


# the vocabulary fields of both forms: (field, label key, vocabulary section), left and right in turn
_FILTER_OF = {column: name for name, column in flt.LIST_FILTERS.items()}  # its label key
VOCAB_FIELDS = tuple((column, _FILTER_OF.get(column, column), COLUMN_SECTIONS[column])
                     for column in KEYED_COLUMNS)
PLAIN_KEYS = ("precisions",)  # shown by key (day, month, ...), not by label


@dataclass
class Context:
    """What the tab needs of the page."""
    store: Path
    bundled: pd.DataFrame  # the bundled events, corrections applied (uploads are not reviewed)
    view: pd.DataFrame  # the events the filters leave
    not_applied: list[str]
    lang: str
    cite: Callable[..., str]  # a document by title and reference
    max_listed: int = 500


def vocab_choices(columns: tuple, lang: str, row: pd.Series | None = None, named=None) -> dict[str, str]:
    """One select box per vocabulary field, in the columns in turn, each at the row's value
    (the first value for a new event); `named` gives each its label (default: the field's name)."""
    named = named or (lambda key: t(key, lang))
    vocab = vocabulary()
    chosen = {}
    for i, (field, key, part) in enumerate(VOCAB_FIELDS):
        keys = list(vocab.keys(part))
        fmt = str if part in PLAIN_KEYS else (lambda k, part=part: label(part, k, lang))
        chosen[field] = columns[i % len(columns)].selectbox(
            named(key), keys, index=keys.index(row[field]) if row is not None else 0, format_func=fmt)
    return chosen


def _institutions(ctx: Context, default=None, label_text: str | None = None) -> list[str]:
    return st.multiselect(label_text or t("institutions", ctx.lang), flt.allowed_values(ctx.bundled)["institution"],
                          placeholder=t("choose", ctx.lang), default=default,
                          format_func=lambda k: label("institutions", k, ctx.lang))


def tab(ctx: Context) -> None:
    """The review tab."""
    lang = ctx.lang
    st.caption(t("review_intro", lang))
    for message in ctx.not_applied:
        st.warning(t("not_applied", lang, message=md_plain(message)))
    author = st.text_input(t("author", lang), key="w_author").strip()
    # the events of the current view; a long list is cut so the page stays quick
    listed = ctx.view[ctx.view["origin"] != "upload"].sort_values(["start", "doc", "line"]).head(ctx.max_listed)
    if len(ctx.view) > ctx.max_listed:
        st.caption(t("listed_first", lang, n=ctx.max_listed, total=len(ctx.view)))
    ids = list(listed["id"])
    described = {r.id: f"{date_label(r.start, r.end, r.precision, lang, r.date_text)} · {ctx.cite(r.doc, 40)} "
                       f"{t('line', lang)} {r.line} · "
                       f"{r.title}" for r in listed.itertuples()}
    chosen_id = st.selectbox(t("review_event", lang), ids, index=None, key="w_review",
                             placeholder=t("choose", lang), format_func=lambda i: described.get(i, i))

    def saving(action):
        """Run one save; say what happened; keep the page on its feet when the input is refused."""
        if not author:
            st.error(t("need_author", lang))
            return
        try:
            n = action()
        except ValueError as exc:
            st.error(md_plain(exc))
            return
        st.success(t("saved", lang, n=n))

    store, bundled = ctx.store, ctx.bundled
    if chosen_id:
        row = bundled.set_index("id").loc[chosen_id]
        st.text(row["quote"])
        with st.form("edit"):
            left, right = st.columns(2)
            edited = {
                "start": left.date_input(t("from", lang), row["start"]),
                "end": right.date_input(t("to", lang), row["end"]),
                **vocab_choices((left, right), lang, row),
                "institutions": _institutions(ctx, list(row["institutions"])),
                "title": st.text_input(t("title", lang), row["title"]),
            }
            if st.form_submit_button(t("save", lang)):
                saving(lambda: save_edit(store, bundled, chosen_id, edited, author))
        left, middle, right = st.columns(3)
        if left.button(t("reject", lang), key="w_reject"):
            saving(lambda: corrections.record(store, chosen_id, "reject", author=author, table=bundled) and 1)
        if middle.button(t("split", lang), key="w_split"):
            saving(lambda: corrections.record(store, chosen_id, "split", author=author, table=bundled) and 1)
        target = right.selectbox(t("merge_with", lang), [i for i in ids if i != chosen_id], index=None,
                                 key="w_merge_target", placeholder=t("choose", lang),
                                 format_func=lambda i: described.get(i, i))
        if target and right.button(t("merge", lang), key="w_merge"):
            saving(lambda: corrections.record(store, chosen_id, "merge", value=target, author=author,
                                              table=bundled) and 1)
    with st.expander(t("add_event", lang)), st.form("add"):
        left, right = st.columns(2)

        def named(key: str) -> str:  # apart from the same field of the event chosen above
            return t("of_new_event", lang, field=t(key, lang))
        new = {
            "doc": left.selectbox(t("doc", lang), sorted(bundled["doc"].unique()), format_func=lambda d: ctx.cite(d, 60)),
            "line": right.number_input(t("line", lang), min_value=1, step=1),
            "date_text": left.text_input(t("date_text", lang)),
            "start": left.date_input(named("from"), None),
            "end": right.date_input(named("to"), None),
            **vocab_choices((left, right), lang, named=named),
            "institutions": _institutions(ctx, label_text=named("institutions")),
            "title": st.text_input(named("title")),
            "quote": st.text_area(t("quote", lang)),
        }
        if st.form_submit_button(t("add", lang)):
            event = new_event(new, dict(zip(bundled["doc"], bundled["doc_date"], strict=False)))
            saving(lambda: corrections.record(store, None, "add", value=event, author=author) and 1)
    st.subheader(t("history", lang))
    st.dataframe(history_table(corrections.history(store), lang), hide_index=True, width="stretch")
