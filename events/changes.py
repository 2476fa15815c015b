"""What changed between two builds: events new and gone (and why), events whose dates, status,
title or institutions changed, plans that a newer document reports done or plans anew, and
the corrections saved between them, with who saved them. Pure functions over the builds'
tables; writers for the terminal, a spreadsheet and a feed reader (Atom); and the command
`python -m events changes`.

Mentions are compared by their stable id, events by cluster: a new mention of an event the
older build knew from another document is a new source, not a new event (and likewise for
what is gone). Only rows of kind "event" count.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd

from events import corrections
from events import snapshots as kept
from events.cli import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from events.table import DEFAULT_TABLE, companions, inert

# The kinds of change, in the order they are listed, with their heading.
KINDS = {
    "new": "New events",
    "new_source": "New sources of known events",
    "gone": "Events gone",
    "gone_source": "Sources gone (the event remains in other documents)",
    "moved": "Dates moved",
    "changed": "Status, title or institutions changed",
    "realized": "Plans reported done",
    "replanned": "Plans planned anew",
    "correction": "Other corrections",
}
# Why a mention is new or gone (and why a plan is listed again).
REASONS = {
    "document_added": "its document is new",
    "document_removed": "its document was removed",
    "document_changed": "its document's text changed",
    "added": "a correction added it",
    "restored": "a correction restored it",
    "rejected": "a correction rejected it",
    "now_event": "its date was a reference or context before",
    "not_event": "its date is now read as a reference or context",
    "extraction": "the same text is read differently",
    "delay_changed": "the delay changed",
}
CHANGED_FIELDS = ("status", "title", "institutions")
PLAN_KINDS = {"realizes": "realized", "supersedes": "replanned"}
COLUMNS = ("kind", "id", "cluster", "doc", "line", "date_text", "start", "end", "title", "field", "old", "new",
           "reason", "later_id", "later_doc", "delay_days", "author", "at", "note", "title_en", "title_nl")
HEADLINES = ("title_en", "title_nl")  # a table from before headlines has none: ""
FORMATS = ("text", "csv", "atom")
FEED_AUTHOR = "AI-regulation timeline"
_ATOM = "http://www.w3.org/2005/Atom"
_TAG = "tag:ai-regulation-timeline,2025:"
# Characters XML 1.0 does not allow (text from PDFs may hold them).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Exit statuses: 0 listed (perhaps nothing); 2 usage (an unknown --since); 3 no two builds to
# compare (fewer than two kept, or one that cannot be read).
DESCRIPTION = (
    "Compare two builds of an events table, as the builds kept them (see build --keep-snapshots): by default "
    "the latest against the one before. Lists events new (with their document) and gone (with the reason: "
    "the document was removed, a correction rejected it, ...), events whose dates, status, title or "
    "institutions changed (old -> new), plans that a newer document reports done or plans anew (with the "
    "delay), and the corrections saved between the two builds, with who saved them.")
EPILOG = ("Exit status: 0 listed (perhaps nothing); 2 usage error (a --since that names no build kept: the "
          "builds kept are listed); 3 fewer than two builds kept, or one that cannot be read.")


@dataclass(frozen=True)
class Build:
    """One side of a comparison: a build's whole table (references and context too), its
    links, its inputs (document -> hash of its text, "" where unknown), and the newest
    correction it holds (None: all there are, as in the app's live table)."""
    table: pd.DataFrame
    links: pd.DataFrame
    inputs: Mapping[str, str]
    corrections: int | None


def of_snapshot(snapshot: kept.Snapshot) -> Build:
    table, links = snapshot.read()
    return Build(table, links, snapshot.inputs, snapshot.corrections)


# --- the comparison ------------------------------------------------------------------------------

def _compared(df: pd.DataFrame) -> pd.DataFrame:
    """The events of a table (as read_table gives it) by id, with the values compared: dates
    as ISO text, institutions as the tuple they are."""
    events = df[df["kind"] == "event"]
    out = events[["id", "doc", "line", "date_text", "title", "status", "cluster"]].astype(str).set_index("id")
    for column in HEADLINES:
        out[column] = events[column].astype(str).tolist() if column in events.columns else ""
    for column in ("start", "end"):
        out[column] = [v.isoformat() for v in events[column].tolist()]
    out["institutions"] = events["institutions"].tolist()
    return out


def interval(start: str, end: str) -> str:
    """An interval as ISO 8601 writes it: one day alone, else start/end."""
    return start if start == end else f"{start}/{end}"


def _among(values, known) -> np.ndarray:
    """Which values are among the known ones (Series.isin is slow on a long list of strings)."""
    known = set(pd.Series(known).tolist())
    return np.fromiter((v in known for v in pd.Series(values).tolist()), dtype=bool, count=len(values))


def _delay(value) -> str:
    return "" if pd.isna(value) else str(int(value))


def _in_range(history: pd.DataFrame, old: Build, new: Build) -> pd.DataFrame:
    """The corrections saved after the older build and held by the newer one (no field or value: "")."""
    seq = history["seq"].astype(int)
    keep = seq > (old.corrections or 0)
    if new.corrections is not None:
        keep &= seq <= new.corrections
    return history[keep].fillna("")


def _rows(kind, side: pd.DataFrame, **values) -> pd.DataFrame:
    """Changes of the mentions of `side` (a _compared frame), with what their build says of
    them; `kind` and `values` are one value for all or one for each."""
    out = side[["cluster", "doc", "line", "date_text", "start", "end", "title", *HEADLINES]].reset_index()
    return out.assign(kind=kind, **values).reindex(columns=list(COLUMNS), fill_value="")


def _intervals(side: pd.DataFrame) -> list[str]:
    return [interval(s, e) for s, e in zip(side["start"], side["end"], strict=True)]


@dataclass(frozen=True)
class _Why:
    """Why a mention is new in the newer build or gone from it."""
    old: Build
    new: Build
    actions: Mapping[str, str]  # mention -> the last reject, restore or add saved between the builds
    old_rows: frozenset[str]  # the ids of every row (references and context too)
    new_rows: frozenset[str]

    def _changed(self, doc: str) -> bool:
        before, after = self.old.inputs.get(doc), self.new.inputs.get(doc)
        return bool(before and after and before != after)

    def appeared(self, mention_id: str, doc: str) -> str:
        if doc not in self.old.inputs:
            return "document_added"
        if self.actions.get(mention_id) in ("add", "restore"):
            return "added" if self.actions[mention_id] == "add" else "restored"
        if mention_id in self.old_rows:
            return "now_event"
        return "document_changed" if self._changed(doc) else "extraction"

    def disappeared(self, mention_id: str, doc: str) -> str:
        if doc not in self.new.inputs:
            return "document_removed"
        if self.actions.get(mention_id) == "reject":
            return "rejected"
        if mention_id in self.new_rows:
            return "not_event"
        return "document_changed" if self._changed(doc) else "extraction"


def _plans(n: pd.DataFrame, old: Build, new: Build) -> pd.DataFrame:
    """Plans that a newer document now reports done or plans anew (or with another delay)."""
    def pairs(links: pd.DataFrame) -> pd.DataFrame:
        plans = links[links["relation"].isin(list(PLAN_KINDS))]
        return pd.DataFrame({"later_id": plans["from_id"], "id": plans["to_id"], "relation": plans["relation"],
                             "delay_days": [_delay(d) for d in plans["delay_days"]]})

    keys = ["later_id", "id", "relation"]
    both = pairs(new.links).merge(pairs(old.links), on=keys, how="left", suffixes=("", "_before"), indicator=True)
    both = both[(both["_merge"] == "left_only") | (both["delay_days"] != both["delay_days_before"])]
    both = both[_among(both["id"], n.index) & _among(both["later_id"], n.index)]
    plan, reported = n.loc[both["id"]], n.loc[both["later_id"]]
    return _rows(both["relation"].map(PLAN_KINDS).to_numpy(), plan, old=_intervals(plan), new=_intervals(reported),
                 later_id=both["later_id"].to_numpy(), later_doc=reported["doc"].to_numpy(),
                 delay_days=both["delay_days"].to_numpy(),
                 reason=["delay_changed" if m == "both" else "" for m in both["_merge"]])


def compare(old: Build, new: Build, history: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every change from `old` to `new` (columns COLUMNS, all text), in the order of KINDS and
    then by date. `history`: the curation store's history (events/corrections.py), whose
    corrections saved between the two builds are named with their author: on the change they
    explain, else as a change of their own."""
    o, n = _compared(old.table), _compared(new.table)
    history = history if history is not None else pd.DataFrame(columns=list(corrections.HISTORY_COLUMNS))
    saved = _in_range(history, old, new)
    # the last of each mention's reject, restore and add: what became of it
    acts = saved[saved["action"].isin(["reject", "restore", "add"])]
    why = _Why(old, new, dict(zip(acts["mention_id"], acts["action"], strict=True)),
               frozenset(old.table["id"]), frozenset(new.table["id"]))
    both = o.index.intersection(n.index)
    added, gone = n.loc[n.index.difference(o.index)], o.loc[o.index.difference(n.index)]
    parts = [
        _rows(np.where(_among(added["cluster"], n.loc[both, "cluster"]), "new_source", "new"), added,
              reason=[why.appeared(i, d) for i, d in zip(added.index, added["doc"], strict=True)]),
        _rows(np.where(_among(gone["cluster"], o.loc[both, "cluster"]), "gone_source", "gone"), gone,
              reason=[why.disappeared(i, d) for i, d in zip(gone.index, gone["doc"], strict=True)])]
    before, after = o.loc[both], n.loc[both]
    moved = ((before["start"] != after["start"]) | (before["end"] != after["end"])).to_numpy()
    parts.append(_rows("moved", after[moved], field="dates", old=_intervals(before[moved]),
                       new=_intervals(after[moved])))
    for field in CHANGED_FIELDS:
        if field == "institutions":
            differ = np.array([set(a) != set(b) for a, b in zip(before[field], after[field], strict=True)], dtype=bool)
            old_values, new_values = before[field][differ].map(";".join), after[field][differ].map(";".join)
        else:
            differ = (before[field] != after[field]).to_numpy()
            old_values, new_values = before[field][differ], after[field][differ]
        parts.append(_rows("changed", after[differ], field=field, old=old_values.to_numpy(),
                           new=new_values.to_numpy()))
    parts.append(_plans(n, old, new))
    frame = _attribute(pd.concat(parts, ignore_index=True), saved, o, n).astype(str)
    order = {kind: i for i, kind in enumerate(KINDS)}
    keys = frame.assign(_order=frame["kind"].map(order), _line=pd.to_numeric(frame["line"], errors="coerce"))
    keys = keys.sort_values(["_order", "start", "end", "doc", "_line", "id", "field", "later_id"])
    return frame.loc[keys.index].reset_index(drop=True)


def _explains(correction, row: dict) -> bool:
    """Whether a saved correction is what a listed change shows."""
    if row["kind"] in PLAN_KINDS.values():
        return False
    if correction.action == "set":
        return (row["kind"] == "moved" and correction.field in ("start", "end")) or row["field"] == correction.field
    return {"reject": "rejected", "restore": "restored", "add": "added"}.get(correction.action) == row["reason"]


def _joined(listed: str, more: str, sep: str) -> str:
    """A list in one cell, each value once."""
    return sep.join(dict.fromkeys(filter(None, [*listed.split(sep), more])))


def _mention(mention_id: str, *sides: pd.DataFrame) -> pd.DataFrame:
    """A mention as the first side that has it says, or its id alone (one row of a _compared frame)."""
    for side in sides:
        if mention_id in side.index:
            return side.loc[[mention_id]]
    return pd.DataFrame(index=pd.Index([mention_id], name="id"), columns=sides[0].columns).fillna("")


def _attribute(changes: pd.DataFrame, saved: pd.DataFrame, o: pd.DataFrame, n: pd.DataFrame) -> pd.DataFrame:
    """The changes with the author of each correction that made them; a correction that made
    none of them (a merge, a split, another field, one whose mention is gone) as a change of
    its own."""
    touched = changes[_among(changes["id"], saved["mention_id"])]
    rows = {i: row for i, row in zip(touched.index, touched.to_dict("records"), strict=True)}
    by_mention: dict[str, list[dict]] = {}
    for row in rows.values():
        by_mention.setdefault(row["id"], []).append(row)
    own = []
    for correction in saved.itertuples():
        explained = [row for row in by_mention.get(correction.mention_id, []) if _explains(correction, row)]
        for row in explained:
            row["author"] = _joined(row["author"], correction.author, ", ")
            row["note"] = _joined(row["note"], correction.note, "; ")
            row["at"] = max(row["at"], correction.at)
        if not explained:
            action = f"{correction.action} {correction.field}" if correction.field else correction.action
            own.append(_rows("correction", _mention(correction.mention_id, n, o), field=action,
                             new=str(correction.value), author=correction.author, at=correction.at,
                             note=correction.note))
    if rows:
        changes = changes.copy()
        changes.loc[list(rows)] = pd.DataFrame.from_dict(rows, orient="index")[changes.columns]
    return pd.concat([changes, *own], ignore_index=True)


# --- the writers ---------------------------------------------------------------------------------

def _delay_text(days: str) -> str:
    if not days:
        return ""
    value = int(days)
    return "on time" if value == 0 else f"{abs(value)} days {'late' if value > 0 else 'early'}"


def describe(row: Mapping[str, str]) -> str:
    """One change in a line of English."""
    kind, where = row["kind"], f"{row['doc']}, line {row['line']}" if row["doc"] else ""
    title = f"{row['title']} ({where})" if row["title"] else row["id"]
    if kind in ("new", "new_source", "gone", "gone_source"):
        text = f"{interval(row['start'], row['end'])} {title}: {REASONS[row['reason']]}"
    elif kind in ("moved", "changed"):
        text = f"{title}: {row['field']} {row['old']} → {row['new']}"
    elif kind in PLAN_KINDS.values():
        did = "reports it done" if kind == "realized" else "plans it anew"
        text = (f"{title}, planned \"{row['date_text']}\" ({row['old']}): {row['later_doc']} {did} ({row['new']})"
                f"{', ' + _delay_text(row['delay_days']) if row['delay_days'] else ''}"
                f"{' (' + REASONS[row['reason']] + ')' if row['reason'] else ''}")
    else:
        text = f"{title}: {row['field']}{' ' + row['new'] if row['new'] else ''}"
    by = f"by {row['author']}" + (f": {row['note']}" if row["note"] else "")
    return text + (f" [{by}]" if row["author"] else "")


def _stamp(taken: datetime) -> str:
    return f"{taken.astimezone(UTC):%Y-%m-%d %H:%M} UTC"


def to_text(changes: pd.DataFrame, old: kept.Snapshot, new: kept.Snapshot) -> str:
    head = (f"Changes from build {old.name} ({_stamp(old.taken)}) to build {new.name} ({_stamp(new.taken)}): "
            f"{len(changes) or 'none'}")
    lines = [head]
    for kind, heading in KINDS.items():
        rows = changes[changes["kind"] == kind]
        if len(rows):
            lines += ["", f"{heading} ({len(rows)})", *(f"  {describe(row)}" for row in rows.to_dict("records"))]
    return "\n".join(lines) + "\n"


def to_csv(changes: pd.DataFrame) -> str:
    return changes.map(inert).to_csv(index=False, lineterminator="\n")


def entry_id(row: Mapping[str, str]) -> str:
    """A change's stable id: its kind, mention and a hash of what it says (the same change
    gets the same id however often the feed is written)."""
    # of what a change says, not its headlines (added later, and worded anew as the code improves)
    said = [c for c in COLUMNS if c not in HEADLINES]
    digest = hashlib.sha256("\x1f".join(str(row[c]) for c in said).encode("utf-8")).hexdigest()[:16]
    return f"{_TAG}change/{row['kind']}/{row['id']}/{digest}"


def _iso(taken: datetime) -> str:
    return taken.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def to_atom(changes: pd.DataFrame, table: Path, new: kept.Snapshot) -> str:
    """An Atom feed (RFC 4287) of the changes, one entry each, dated by the newer build."""
    ET.register_namespace("", _ATOM)

    def add(parent: ET.Element, tag: str, text: str = "", **attributes: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{_ATOM}}}{tag}", attributes)
        element.text = _NOT_XML.sub("", text) or None
        return element

    feed = ET.Element(f"{{{_ATOM}}}feed")
    add(feed, "id", f"{_TAG}changes/{Path(table).name}")
    add(feed, "title", f"What changed in {Path(table).name}")
    add(feed, "updated", _iso(new.taken))
    add(add(feed, "author"), "name", FEED_AUTHOR)
    for row in changes.to_dict("records"):
        entry = add(feed, "entry")
        add(entry, "id", entry_id(row))
        add(entry, "title", f"{KINDS[row['kind']]}: {row['title'] or row['id']}")
        add(entry, "updated", _iso(new.taken))
        if row["author"]:
            add(add(entry, "author"), "name", row["author"])
        add(entry, "category", term=row["kind"])
        add(entry, "summary", describe(row))
    return ET.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"


# --- the command ---------------------------------------------------------------------------------

def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of `python -m events changes`."""
    parser.add_argument("--table", type=Path, default=DEFAULT_TABLE, metavar="FILE",
                        help="the events table whose builds are compared (default: the committed table)")
    parser.add_argument("--since", default=None, metavar="DATE|SNAPSHOT",
                        help="compare the latest build with this one: a snapshot's name, or a date YYYY-MM-DD for "
                             "the newest build kept from before that day (UTC); default: the build before the latest")
    parser.add_argument("--format", choices=FORMATS, default="text",
                        help="text for the terminal, csv for a spreadsheet, atom for a feed reader (default: text)")


def history_of(store: Path) -> tuple[pd.DataFrame, str]:
    """A curation store's history, and why it is empty where the store cannot be read ("" else)."""
    try:
        return corrections.history(store), ""
    except corrections.StoreError as exc:
        return pd.DataFrame(columns=list(corrections.HISTORY_COLUMNS)), str(exc)


def run(args: argparse.Namespace) -> int:
    """List what changed between two builds of a table on stdout; the exit status says whether it could."""
    table = Path(args.table)
    try:
        builds, damaged = kept.survey(table)
        for problem in damaged:  # left out; the builds that can be read are compared
            print(f"warning: {problem}", file=sys.stderr)
        if len(builds) < (1 if args.since else 2):
            print(f"error: {'no build' if not builds else 'only one build'} of {table} is kept, and changes need two; "
                  "each `python -m events build` keeps one (see its --keep-snapshots)", file=sys.stderr)
            return EXIT_FAILED
        new = builds[-1]
        try:
            old = kept.find(table, args.since) if args.since else builds[-2]
        except kept.SnapshotError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return EXIT_USAGE
        history, problem = history_of(companions(table)["corrections"])
        if problem:
            print(f"warning: {problem}; corrections are not named", file=sys.stderr)
        changes = compare(of_snapshot(old), of_snapshot(new), history)
    except kept.SnapshotError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    if args.format == "csv":
        sys.stdout.write(to_csv(changes))
    elif args.format == "atom":
        sys.stdout.write(to_atom(changes, table, new))
    else:
        sys.stdout.write(to_text(changes, old, new))
    return EXIT_OK
