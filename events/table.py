"""The events table: its columns, their checks, and safe reading and writing."""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

import pandas as pd

from events.process import LINK_COLUMNS, RELATIONS
from events.roles import KINDS
from events.vocabulary import vocabulary

COLUMNS = ("id", "doc", "line", "date_text", "start", "end", "precision", "status", "track",
           "institutions", "event_type", "title", "quote", "doc_date", "cluster", "kind",
           "doc_date_source", "relative", "process", "stage", "superseded_by")
REQUIRED = COLUMNS[:15]
DEFAULT_TABLE = Path(__file__).resolve().parent / "data" / "events.csv"


class TableError(Exception):
    """The table is missing or does not match its schema; the message says what and how to fix it."""


def problems(df: pd.DataFrame) -> list[str]:
    """Everything wrong with a table, as sentences; empty when it is valid."""
    vocab = vocabulary()
    missing = [c for c in REQUIRED if c not in df.columns]
    if missing:
        return [f"missing columns: {', '.join(missing)}"]
    found = []
    if df["id"].duplicated().any():
        found.append(f"{int(df['id'].duplicated().sum())} duplicate ids")
    checked = [("kind", KINDS)] if "kind" in df.columns else []
    for column, allowed in (*checked, ("precision", vocab.keys("precisions")), ("status", vocab.keys("statuses")),
                            ("track", vocab.keys("tracks")), ("event_type", vocab.keys("event_types"))):
        bad = sorted(set(df[column].astype(str)) - set(allowed))
        if bad:
            found.append(f"{column} has values outside the vocabulary: {', '.join(bad[:5])}")
    known = set(vocab.institution_names)
    names = {n for cell in df["institutions"].fillna("").astype(str) for n in cell.split(";") if n}
    unknown = sorted(n for n in names if n not in known and not n.startswith("other:"))
    if unknown:
        found.append(f"institutions outside the vocabulary: {', '.join(unknown[:5])}")
    starts = pd.to_datetime(df["start"], format="%Y-%m-%d", errors="coerce")
    ends = pd.to_datetime(df["end"], format="%Y-%m-%d", errors="coerce")
    if starts.isna().any() or ends.isna().any():
        found.append("start and end must be ISO dates (YYYY-MM-DD)")
    elif (starts > ends).any():
        found.append(f"{int((starts > ends).sum())} rows end before they start")
    lines = pd.to_numeric(df["line"], errors="coerce")
    if lines.isna().any() or (lines < 1).any():
        found.append("line must be a positive number")
    return found


def companions(table_path: Path) -> dict[str, Path]:
    """What stands beside an events table: links.csv, sources.csv (the documents' metadata),
    texts/, corrections.sqlite (the curation store) and corrections-applied.txt (the number of
    the last correction the table holds) beside events.csv; NAME-links.csv and so on beside
    another name."""
    table_path = Path(table_path)
    prefix = "" if table_path.name == "events.csv" else f"{table_path.stem}-"
    return {"links": table_path.with_name(f"{prefix}links.csv"),
            "sources": table_path.with_name(f"{prefix}sources.csv"),
            "texts": table_path.with_name(f"{prefix}texts"),
            "corrections": table_path.with_name(f"{prefix}corrections.sqlite"),
            "applied": table_path.with_name(f"{prefix}corrections-applied.txt")}


def text_name(doc: str) -> str:
    """The file that keeps a document's text beside the table."""
    return f"{doc}.txt"


def write_text(text: str, path: Path) -> None:
    _atomic_write(text, path)


def write_frame(df: pd.DataFrame, path: Path) -> None:
    _atomic_write(df, path)


def link_problems(links: pd.DataFrame, events: pd.DataFrame) -> list[str]:
    missing = [c for c in LINK_COLUMNS if c not in links.columns]
    if missing:
        return [f"links: missing columns: {', '.join(missing)}"]
    found = []
    bad = sorted(set(links["relation"]) - set(RELATIONS))
    if bad:
        found.append(f"links: relations outside the vocabulary: {', '.join(bad)}")
    ids = set(events["id"])
    dangling = (~links["from_id"].isin(ids) | ~links["to_id"].isin(ids)).sum()
    if dangling:
        found.append(f"links: {int(dangling)} links to ids not in the events table")
    return found


def _atomic_write(content: pd.DataFrame | str, path: Path) -> None:
    """Write to a temporary file beside `path`, then rename it over: all or nothing."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            if isinstance(content, str):
                fh.write(content)
            else:
                content.to_csv(fh, index=False, lineterminator="\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_links(links: pd.DataFrame, events: pd.DataFrame, path: Path) -> None:
    found = link_problems(links, events)
    if found:
        raise TableError("not writing invalid links: " + "; ".join(found))
    _atomic_write(links, Path(path))


def read_links(path: Path, events: pd.DataFrame) -> pd.DataFrame:
    """The links beside a table; an empty frame when there are none."""
    path = Path(path)
    if not path.exists():
        return pd.DataFrame(columns=list(LINK_COLUMNS))
    links = pd.read_csv(path, dtype=str, keep_default_na=False)
    found = link_problems(links, events)
    if found:
        raise TableError(f"the links table {path} is malformed: {'; '.join(found)}; rebuild it with: "
                         "python -m events build")
    return links


def to_frame(rows: list[dict]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=list(COLUMNS))
    return df.astype({"line": "int64"}) if len(df) else df


def write_table(df: pd.DataFrame, path: Path) -> None:
    """Validate, then write atomically: a failed or interrupted write keeps the old table."""
    found = problems(df)
    if found:
        raise TableError("not writing an invalid table: " + "; ".join(found))
    _atomic_write(df, Path(path))


def read_table(path: Path = DEFAULT_TABLE) -> pd.DataFrame:
    """The table, checked against its schema; TableError says what is wrong and how to rebuild."""
    path = Path(path)
    rebuild = "rebuild it with: python -m events build"
    if not path.exists():
        raise TableError(f"no events table at {path}; {rebuild}")
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise TableError(f"the events table {path} cannot be read ({exc}); {rebuild}") from None
    found = problems(df)
    if found:
        raise TableError(f"the events table {path} is malformed: {'; '.join(found)}; {rebuild}")
    return typed(df)


def typed(df: pd.DataFrame) -> pd.DataFrame:
    """Line numbers as integers and dates as dates (a table as written holds strings)."""
    df = df.copy()
    df["line"] = df["line"].astype("int64")
    if "kind" not in df.columns:
        df["kind"] = "event"  # a table from before dates had roles: every row was an event
    for column in ("start", "end", "doc_date"):
        df[column] = df[column].map(lambda v: v if isinstance(v, date) else date.fromisoformat(v) if v else None)
    return df
