"""The curation store: user corrections to the events table, kept apart from the generated table.

Corrections live in one SQLite file, keyed by the stable mention ids, and are applied to the
table on every build and in the dashboard, so a rebuild never loses them.

    record(path, mention_id, action, field=None, value=None, *, author, note="", table=None) -> str
    history(path) -> DataFrame                     who changed what and when, in order
    apply(df, path) -> (DataFrame, list[str])      the corrected table, and what could not be applied

Actions:
    reject            the event is dropped from the table
    restore           undo a reject
    set FIELD VALUE   FIELD in FIELDS; VALUE checked against the vocabulary
    merge OTHER_ID    this mention joins the cluster of mention OTHER_ID
    split             this mention gets a cluster of its own
    add EVENT         a missing event: EVENT is a dict (or JSON object) with the required columns
                      except id and cluster; it gets a stable id "m" + 11 hex chars and its own cluster

Every save is one SQLite transaction (BEGIN IMMEDIATE, WAL journal): concurrent saves wait for
each other (up to 30 s) and an interrupted save leaves the previous state intact.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import UTC, date, datetime
from pathlib import Path

import pandas as pd

from events.roles import KINDS
from events.table import COLUMNS, REQUIRED
from events.vocabulary import COLUMN_SECTIONS, vocabulary

ACTIONS = ("reject", "restore", "set", "merge", "split", "add")
FIELDS = ("start", "end", "precision", "status", "track", "institutions", "event_type", "title")
HISTORY_COLUMNS = ("seq", "mention_id", "action", "field", "value", "author", "at", "note")
ADD_FIELDS = tuple(c for c in REQUIRED if c not in ("id", "cluster"))
ADD_OPTIONAL = tuple(c for c in COLUMNS if c not in REQUIRED)
_DATE_COLUMNS = ("start", "end", "doc_date")

SCHEMA = """CREATE TABLE IF NOT EXISTS corrections (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    mention_id TEXT NOT NULL,
    action TEXT NOT NULL,
    field TEXT,
    value TEXT,
    author TEXT NOT NULL,
    at TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT ''
)"""


# --- storage -----------------------------------------------------------------------------------

class StoreError(sqlite3.DatabaseError):
    """The store cannot be read: not an SQLite file, damaged, or of another shape. The message
    names the file and says what to do; a build goes on without its corrections."""

    def __init__(self, path: Path, exc: Exception):
        self.path = Path(path)
        super().__init__(f"the corrections store {path} cannot be read ({exc}); it may be damaged or not a "
                         "corrections store: move it aside or restore it from a backup")


def _connect(path: Path) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(path, timeout=30, isolation_level=None)  # transactions are explicit
    except sqlite3.Error as exc:
        raise StoreError(path, exc) from None
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(path, exc) from None
    return conn


@contextmanager
def _transaction(path: Path) -> Iterator[sqlite3.Connection]:
    """One write transaction: committed when the block ends, rolled back on any exception."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with closing(_connect(path)) as conn:
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute(SCHEMA)
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")


def create(store_path: Path) -> Path:
    """Open the store, creating the file and its table when missing; returns the path."""
    with _transaction(store_path):
        pass
    return Path(store_path)


def _rows(store_path: Path) -> list[dict]:
    path = Path(store_path)
    if not path.exists():
        return []
    with closing(_connect(path)) as conn:
        conn.row_factory = sqlite3.Row
        try:
            exists = conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='corrections'").fetchone()
            if not exists:
                return []
            rows = [dict(r) for r in conn.execute(f"SELECT {', '.join(HISTORY_COLUMNS)} FROM corrections ORDER BY seq")]
        except sqlite3.DatabaseError as exc:  # "file is not a database", "database disk image is malformed", ...
            raise StoreError(path, exc) from None
    if any(not isinstance(r["seq"], int) or not isinstance(r["mention_id"], str) or r["action"] not in ACTIONS
           for r in rows):
        raise StoreError(path, ValueError("rows that no save of this program writes"))
    return rows


def history(store_path: Path) -> pd.DataFrame:
    """All corrections in the order they were saved: seq, mention_id, action, field, value, author, at, note."""
    return pd.DataFrame(_rows(store_path), columns=list(HISTORY_COLUMNS))


# --- checks ------------------------------------------------------------------------------------

def _iso(value, what: str) -> str:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value.isoformat()
    try:
        return date.fromisoformat(str(value).strip()).isoformat()
    except ValueError:
        raise ValueError(f"{what} must be an ISO date (YYYY-MM-DD), not {value!r}") from None


def _institutions(value) -> str:
    parts = value if isinstance(value, list | tuple) else str(value).split(";")
    names = [str(p).strip() for p in parts if str(p).strip()]
    known = set(vocabulary().institution_names)
    for name in names:
        if name not in known and not (name.startswith("other:") and name.removeprefix("other:").strip()):
            raise ValueError(f"institution {name!r} is not in the vocabulary; use one of {', '.join(sorted(known))} "
                             "or 'other:<name>'")
    return ";".join(dict.fromkeys(names))


def check_value(field: str, value) -> str:
    """The value as stored for a `set` of field; ValueError when it is outside the vocabulary."""
    if field not in FIELDS:
        raise ValueError(f"cannot set {field!r}; settable fields are {', '.join(FIELDS)}")
    if value is None:
        raise ValueError(f"set {field} needs a value")
    if field in ("start", "end"):
        return _iso(value, field)
    if field == "institutions":
        return _institutions(value)
    text = " ".join(str(value).split())
    if field == "title":
        if not text:
            raise ValueError("title must not be empty")
        return text
    allowed = vocabulary().keys(COLUMN_SECTIONS[field])
    if text not in allowed:
        raise ValueError(f"{field} {value!r} is not in the vocabulary; use one of {', '.join(allowed)}")
    return text


def check_event(event) -> dict:
    """A missing event for `add`, checked and normalized; ValueError says what is wrong."""
    if isinstance(event, str):
        try:
            event = json.loads(event)
        except json.JSONDecodeError as exc:
            raise ValueError(f"add needs a JSON object: {exc}") from None
    if not isinstance(event, dict):
        raise ValueError("add needs an object with the event's columns")
    missing = [c for c in ADD_FIELDS if c not in event]
    if missing:
        raise ValueError(f"the added event lacks {', '.join(missing)}")
    unknown = sorted(set(event) - set(ADD_FIELDS) - set(ADD_OPTIONAL))
    if unknown:
        raise ValueError(f"the added event has unknown or generated columns: {', '.join(unknown)}")
    out = {}
    for column in ("doc", "date_text", "quote"):
        out[column] = " ".join(str(event[column]).split())
        if not out[column]:
            raise ValueError(f"the added event's {column} must not be empty")
    if out["date_text"] not in out["quote"]:
        raise ValueError(f"the date expression {out['date_text']!r} does not occur in the quote")
    try:
        out["line"] = int(event["line"])
    except (TypeError, ValueError):
        out["line"] = 0
    if out["line"] < 1 or isinstance(event["line"], bool):
        raise ValueError(f"line must be a positive number, not {event['line']!r}")
    for column in ("start", "end", "precision", "status", "track", "institutions", "event_type", "title"):
        out[column] = check_value(column, event[column])
    if out["start"] > out["end"]:
        raise ValueError(f"the added event ends ({out['end']}) before it starts ({out['start']})")
    out["doc_date"] = _iso(event["doc_date"], "doc_date") if event["doc_date"] not in (None, "") else ""
    for column in ADD_OPTIONAL:
        if column in event:
            out[column] = event[column] if isinstance(event[column], bool) else str(event[column] or "")
    out["kind"] = out.get("kind") or "event"  # a reviewer adds what the extractor missed: an event
    if out["kind"] not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}")
    return out


def added_id(event: dict) -> str:
    """The stable id of an added event: "m" + 11 hex chars from its doc, line, date_text and quote."""
    key = "\x1f".join((event["doc"], str(event["line"]), event["date_text"], event["quote"]))
    return "m" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:11]


def _bounds(conn: sqlite3.Connection, mention_id: str, table: pd.DataFrame | None) -> dict:
    """What is known of the mention's start and end after its stored corrections."""
    bounds: dict[str, str | None] = {"start": None, "end": None}
    if table is not None:
        row = table.loc[table["id"] == mention_id]
        if len(row):
            bounds = {k: _iso(row.iloc[0][k], k) for k in bounds}
    for action, field, value in conn.execute(
            "SELECT action, field, value FROM corrections WHERE mention_id = ? AND action IN ('add', 'set') ORDER BY seq",
            (mention_id,)):
        if action == "add":
            event = json.loads(value)
            bounds = {k: event[k] for k in bounds}
        elif field in bounds:
            bounds[field] = value
    return bounds


# --- saving ------------------------------------------------------------------------------------

def record(store_path: Path, mention_id: str | None, action: str, field: str | None = None, value=None, *,
           author: str, note: str = "", table: pd.DataFrame | None = None, now: datetime | None = None) -> str:
    """Save one correction in its own transaction and return the mention id it applies to
    (for `add`, the new event's id; pass mention_id=None). Invalid input raises ValueError and
    stores nothing. Given the current table, the mention and a merge target must be in it (or
    be added events) and new dates are checked against the row's other bound. It is stamped
    with `now` (default: this moment), in UTC."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}; use one of {', '.join(ACTIONS)}")
    author = " ".join(str(author or "").split())
    if not author:
        raise ValueError("every correction needs an author")
    if action != "set" and field is not None:
        raise ValueError(f"{action} takes no field")
    if action in ("reject", "restore", "split") and value not in (None, ""):
        raise ValueError(f"{action} takes no value")
    stored_value = None
    if action == "set":
        stored_value = check_value(field, value)
    elif action == "add":
        event = check_event(value)
        stored_value = json.dumps(event, ensure_ascii=False, sort_keys=True)
        if mention_id not in (None, "", added_id(event)):
            raise ValueError(f"an added event gets its own id ({added_id(event)}); pass mention_id=None")
        mention_id = added_id(event)
    elif action == "merge":
        stored_value = str(value or "").strip()
        if not stored_value:
            raise ValueError("merge needs the id of the mention to join")
    mention_id = str(mention_id or "").strip()
    if not mention_id:
        raise ValueError("a correction needs the id of the mention it corrects")
    if action == "merge" and stored_value == mention_id:
        raise ValueError("a mention cannot be merged with itself")
    at = (now or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="seconds")
    with _transaction(store_path) as conn:
        added = {r[0] for r in conn.execute("SELECT mention_id FROM corrections WHERE action = 'add'")}
        known = added | (set(table["id"]) if table is not None else set())
        if action == "add" and mention_id in added:
            raise ValueError(f"this event was already added as {mention_id}; restore it if it was rejected")
        if table is not None and action != "add" and mention_id not in known:
            raise ValueError(f"no mention {mention_id} in the table")
        if table is not None and action == "merge" and stored_value not in known:
            raise ValueError(f"no mention {stored_value} in the table to merge with")
        if action in ("reject", "restore"):
            last = conn.execute("SELECT action FROM corrections WHERE mention_id = ? AND action IN ('reject', 'restore') "
                                "ORDER BY seq DESC LIMIT 1", (mention_id,)).fetchone()
            rejected = bool(last) and last[0] == "reject"
            if action == "reject" and rejected:
                raise ValueError(f"mention {mention_id} is already rejected")
            if action == "restore" and not rejected:
                raise ValueError(f"mention {mention_id} is not rejected, so there is nothing to restore")
        if action == "set" and field in ("start", "end"):
            bounds = _bounds(conn, mention_id, table)
            bounds[field] = stored_value
            if bounds["start"] and bounds["end"] and bounds["start"] > bounds["end"]:
                raise ValueError(f"start {bounds['start']} would fall after end {bounds['end']}; "
                                 f"set {'end' if field == 'start' else 'start'} first")
        conn.execute("INSERT INTO corrections (mention_id, action, field, value, author, at, note) VALUES (?, ?, ?, ?, ?, ?, ?)",
                     (mention_id, action, field, stored_value, author, at, note or ""))
    return mention_id


# --- applying ----------------------------------------------------------------------------------

def _describe(c: dict) -> str:
    what = f"{c['action']} {c['field']}" if c["field"] else c["action"]
    return f"correction {c['seq']} ({what}) for mention {c['mention_id']} by {c['author']} on {c['at'][:10]}"


def _typed_value(field: str, stored: str):
    """A stored value as the in-memory table holds it (see events/table.py typed)."""
    if field in _DATE_COLUMNS:
        return date.fromisoformat(stored) if stored else None
    if field == "institutions":
        return tuple(filter(None, stored.split(";")))
    return stored


def _added_row(event: dict, mention_id: str, columns: list[str]) -> dict:
    row = {column: "" for column in columns}
    row.update({k: v for k, v in event.items() if k in row})
    row.update(id=mention_id, cluster="c" + mention_id, relative=row["relative"] in (True, "True", "true", "1"))
    for column in (*_DATE_COLUMNS, "institutions"):
        row[column] = _typed_value(column, row[column])
    return row


def last_seq(store_path: Path) -> int:
    """The number of the newest correction (0 when there is none)."""
    rows = _rows(store_path)
    return rows[-1]["seq"] if rows else 0


def apply(df: pd.DataFrame, store_path: Path) -> tuple[pd.DataFrame, list[str]]:
    """The table with the stored corrections applied in save order (the later wins), rejected rows
    dropped and added events appended; nothing else is recomputed (the pipeline applies them
    last, events/build.py). `df` is the in-memory table (events/table.py typed). Also returns
    one message per correction that could not be applied: its mention (or merge target) is no longer in the table,
    its value no longer fits the vocabulary, or the row would end before it starts."""
    corrections = _rows(store_path)
    if not corrections:
        return df.copy(), []
    messages: list[str] = []
    present = set(df["id"])
    added = []
    for c in corrections:
        if c["action"] != "add":
            continue
        try:
            event = check_event(c["value"])
        except ValueError as exc:
            messages.append(f"{_describe(c)}: the added event is no longer valid ({exc})")
            continue
        if c["mention_id"] in present:
            messages.append(f"{_describe(c)}: an event with this id is already in the table")
            continue
        present.add(c["mention_id"])
        added.append(_added_row(event, c["mention_id"], list(df.columns)))
    out = df.copy()
    if added:
        out = pd.concat([out, pd.DataFrame(added, columns=df.columns).astype(df.dtypes.to_dict())], ignore_index=True)
    out = out.reset_index(drop=True)
    position = {mid: i for i, mid in enumerate(out["id"])}
    column = {name: i for i, name in enumerate(out.columns)}
    original = {}  # row -> (start, end) before any date correction
    date_sets: dict[int, list[dict]] = {}
    rejected: set[str] = set()
    for c in corrections:
        if c["action"] == "add":
            continue
        mid = c["mention_id"]
        if mid not in position:
            messages.append(f"{_describe(c)}: mention no longer in the table")
            continue
        i = position[mid]
        if c["action"] == "reject":
            rejected.add(mid)
        elif c["action"] == "restore":
            rejected.discard(mid)
        elif c["action"] == "split":
            out.iat[i, column["cluster"]] = f"c{mid}-split"
        elif c["action"] == "merge":
            if c["value"] not in position:
                messages.append(f"{_describe(c)}: the mention to merge with ({c['value']}) is no longer in the table")
            else:
                out.iat[i, column["cluster"]] = out.iat[position[c["value"]], column["cluster"]]
        elif c["action"] == "set":
            try:
                value = check_value(c["field"], c["value"])
            except ValueError as exc:
                messages.append(f"{_describe(c)}: {exc}")
                continue
            if c["field"] in ("start", "end"):
                original.setdefault(i, (out.iat[i, column["start"]], out.iat[i, column["end"]]))
                date_sets.setdefault(i, []).append(c)
            out.iat[i, column[c["field"]]] = _typed_value(c["field"], value)
    for i, (start, end) in original.items():
        new_start, new_end = out.iat[i, column["start"]], out.iat[i, column["end"]]
        if new_start > new_end:
            out.iat[i, column["start"]], out.iat[i, column["end"]] = start, end
            for c in date_sets[i]:
                messages.append(f"{_describe(c)}: start {new_start} would fall after end {new_end}; "
                                "the date corrections of this mention are left out")
    if rejected:
        out = out[~out["id"].isin(rejected)].reset_index(drop=True)
    return out, messages
