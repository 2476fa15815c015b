"""The events table: its columns, their checks, and safe reading and writing."""

from __future__ import annotations

import hashlib
import json
import operator
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; the replacement is still staged and renamed
    fcntl = None

import numpy as np
import pandas as pd

from events import parquet
from events.model import EVENT_FIELDS, Event, Link
from events.process import LINK_COLUMNS, RELATIONS
from events.roles import KINDS
from events.vocabulary import COLUMN_SECTIONS, KEYED_COLUMNS, vocabulary

COLUMNS = ("id", "doc", "line", "date_text", "start", "end", "precision", "status", "track",
           "institutions", "event_type", "title", "quote", "doc_date", "cluster", "kind",
           "doc_date_source", "relative", "process", "stage", "superseded_by", "instrument", "topic",
           "title_en", "title_nl")
REQUIRED = COLUMNS[:15]
assert set(COLUMNS) == set(EVENT_FIELDS), "the table's columns are the Event's fields"
_DATE_COLUMNS = ("start", "end", "doc_date")
DEFAULT_TABLE = Path(__file__).resolve().parent / "data" / "events.csv"


# A spreadsheet runs a cell that starts with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Files and folders are written readable by others, as a plain `open` would make them.
FILE_MODE, FOLDER_MODE = 0o644, 0o755


class TableError(Exception):
    """The table is missing or does not match its schema; the message says what and how to fix it."""


class TableChanged(TableError):
    """The table was replaced between reading it and reading its links: read both again."""


def problems(df: pd.DataFrame) -> list[str]:
    """Everything wrong with a table, in memory or as written, as sentences; empty when it is
    valid. It is checked as written (see as_written)."""
    vocab = vocabulary()
    missing = [c for c in REQUIRED if c not in df.columns]
    if missing:
        return [f"missing columns: {', '.join(missing)}"]
    df = as_written(df)
    found = []
    if df["id"].duplicated().any():
        found.append(f"{int(df['id'].duplicated().sum())} duplicate ids")
    checked = [("kind", KINDS)] if "kind" in df.columns else []
    for column, allowed in (*checked, *((c, vocab.keys(COLUMN_SECTIONS[c])) for c in KEYED_COLUMNS)):
        bad = sorted(set(df[column].astype(str).unique()) - set(allowed))  # the distinct values, found in bulk
        if bad:
            found.append(f"{column} has values outside the vocabulary: {', '.join(bad[:5])}")
    known = set(vocab.institution_names)
    names = {n for cell in df["institutions"].fillna("").astype(str).unique() for n in cell.split(";") if n}
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
    texts/, extracted.csv (each document's events as extracted, before the passes over the
    corpus and the corrections: the app adds its uploads to them) and corrections.sqlite (the
    curation store) beside events.csv (or events.parquet, beside which the extracted events are
    extracted.parquet), build.json (what the build wrote) and snapshots/ (events/snapshots.py);
    NAME-links.csv and so on beside another name."""
    table_path = Path(table_path)
    prefix = "" if table_path.stem == "events" else f"{table_path.stem}-"
    return {"links": table_path.with_name(f"{prefix}links.csv"),
            "sources": table_path.with_name(f"{prefix}sources.csv"),
            "texts": table_path.with_name(f"{prefix}texts"),
            "corrections": table_path.with_name(f"{prefix}corrections.sqlite"),
            "extracted": table_path.with_name(f"{prefix}extracted{_suffix(table_path)}"),
            "build": table_path.with_name(f"{prefix}build.json"),
            "snapshots": table_path.with_name(f"{prefix}snapshots")}


def _suffix(table_path: Path) -> str:
    return parquet.SUFFIX if Path(table_path).suffix == parquet.SUFFIX else ".csv"


def _write_frame(df: pd.DataFrame, path: Path) -> dict[str, str]:
    """A table as a new CSV or Parquet file (or Parquet folder, see events/parquet.py), by the
    name's suffix; the SHA-256 of each file written, by its path from `path`'s folder."""
    if path.suffix == parquet.SUFFIX:
        return parquet.write(df, path, FILE_MODE, FOLDER_MODE)
    return {path.name: _write_file(df, path)}


def text_name(doc: str) -> str:
    """The file that keeps a document's text beside the table: its name and .txt, shortened
    with a hash where that would pass the 255 bytes a file name may have."""
    name = f"{doc}.txt"
    if len(name.encode("utf-8")) <= 255:
        return name
    digest = hashlib.sha256(doc.encode("utf-8", "surrogateescape")).hexdigest()[:16]
    head = doc.encode("utf-8", "surrogateescape")[:200].decode("utf-8", "ignore")
    return f"{head}-{digest}.txt"


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


def fsync_folder(folder: Path) -> None:
    """Make the renames in a folder durable (where the system lets a folder be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _write_file(content: pd.DataFrame | str | bytes, path: Path, sync: bool = True) -> str:
    """Write a new file at path (readable by others), flushed to disk unless the caller syncs
    many files at once (`sync` False); its SHA-256. A table is written a chunk of rows at a time
    and hashed from the file: the whole CSV is never one string in memory."""
    with open(path, "wb") as fh:
        os.fchmod(fh.fileno(), FILE_MODE)
        if isinstance(content, pd.DataFrame):
            as_written(content).to_csv(fh, index=False, lineterminator="\n", encoding="utf-8")
        else:
            fh.write(content.encode("utf-8") if isinstance(content, str) else content)
        if sync:
            fh.flush()
            os.fsync(fh.fileno())
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def _atomic_write(content: pd.DataFrame | str, path: Path) -> None:
    """Write to a temporary file beside `path`, then rename it over: all or nothing."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        _write_file(content, Path(tmp))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    fsync_folder(path.parent)


# --- the table and its companions, replaced together ----------------------------------------------
#
# A build writes the table, links.csv, sources.csv, extracted.csv and texts/ into a
# staging folder beside them (.events.csv.staging-XXXX), flushed to disk, with build.json naming
# each file and its SHA-256. Renaming the staging folder to .events.csv.commit is the one atomic
# step that commits the new set: before it, nothing the readers see has changed (a build killed
# while staging leaves the previous set whole, and its staging folder is removed by the next
# build); after it, the files are moved into place, companions first, the table and build.json
# last, and the commit folder removed. A build or reader that finds a commit folder finishes those
# moves first, as SQLite does with a hot journal. Writers hold an exclusive lock on the folder
# while they commit and move; readers hold a shared lock while they read, so they never see a
# set half moved. read_table notes the build it read (from build.json) and read_links checks its
# links are of the same build, else TableChanged.

_ORDER = ("sources", "extracted", "links", "texts", "table", "build")


def _commit_folder(out: Path) -> Path:
    return out.with_name(f".{out.name}.commit")


@contextmanager
def _locked(folder: Path, exclusive: bool) -> Iterator[None]:
    """An advisory lock on the folder of a table (none where the folder cannot be opened)."""
    fd = None
    if fcntl is not None:
        try:
            fd = os.open(folder, os.O_RDONLY)
            fcntl.flock(fd, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
        except OSError:
            if fd is not None:
                os.close(fd)
            fd = None
    try:
        yield
    finally:
        if fd is not None:
            os.close(fd)  # closing releases the lock


def _targets(out: Path) -> dict[str, Path]:
    paths = companions(out)
    return {"table": out, **{k: paths[k] for k in ("links", "sources", "texts", "extracted", "build")}}


def _finish(out: Path) -> None:
    """Move a committed set into place (idempotent: what was moved already is not there)."""
    commit = _commit_folder(out)
    if not commit.exists():
        return
    targets = _targets(out)
    for key in _ORDER:
        target = targets[key]
        staged = commit / target.name
        if staged.is_dir() or target.is_dir():  # texts/, a Parquet table written as a folder
            old = commit / f".old-{target.name}"
            if staged.exists():
                if target.exists():
                    if old.exists():
                        shutil.rmtree(old) if old.is_dir() else old.unlink()
                    os.replace(target, old)
                os.replace(staged, target)
        elif staged.exists():
            os.replace(staged, target)
    fsync_folder(out.parent)
    shutil.rmtree(commit)
    fsync_folder(out.parent)


def _recover(out: Path) -> None:
    """With the folder locked exclusively: finish a committed replacement, and remove the
    staging folders of builds that died (a live build holds a lock on its own)."""
    _finish(out)
    for staging in out.parent.glob(f".{out.name}.staging-*"):
        fd = os.open(staging, os.O_RDONLY)
        try:
            if fcntl is not None:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except OSError:
                    continue  # a build is writing it
            shutil.rmtree(staging, ignore_errors=True)
        finally:
            os.close(fd)


def _settle(out: Path) -> None:
    """Before reading: finish a replacement that a killed build committed but did not move."""
    if not _commit_folder(out).exists():
        return
    try:
        with _locked(out.parent, exclusive=True):
            _finish(out)
    except OSError as exc:
        raise TableError(f"a build of {out} was interrupted while replacing it and its companions, and the "
                         f"replacement cannot be finished here ({exc.strerror}); run python -m events build") from None


def _recorded(out: Path) -> set[str]:
    """The files a build wrote beside `out` (build.json, and that of a committed replacement
    not yet moved into place), by their paths from the table's folder."""
    names: set[str] = set()
    for record in (companions(out)["build"], _commit_folder(out) / companions(out)["build"].name):
        try:
            files = json.loads(record.read_text(encoding="utf-8")).get("files", {})
        except (OSError, ValueError, AttributeError):
            continue
        if isinstance(files, dict):
            names.update(map(str, files))
    return names


def _is_table_file(path: Path) -> bool:
    """A table that write_table wrote without a build record: a CSV file that starts with the
    table's header."""
    if not path.is_file() or path.is_symlink():
        return False
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            return fh.readline().rstrip("\r\n").split(",")[:len(REQUIRED)] == list(REQUIRED)
    except (OSError, UnicodeDecodeError):
        return False


def refusal(out: Path, inputs: Iterable[Path] = ()) -> str | None:
    """Why a build may not write its set at `out`, or None: a build replaces only what an
    earlier build wrote there (the files its build.json names, or a table without one), never a
    folder or file of the user's that happens to bear a name of the set, and never writes where
    it reads (its texts/ would be read as documents by the next build, or replace the inputs)."""
    out = Path(out)
    if out.suffix not in (".csv", parquet.SUFFIX):
        return f"--out {out}: the table's name must end in .csv or {parquet.SUFFIX}"
    targets = _targets(out)
    own = [*targets.values(), companions(out)["snapshots"]]
    for source in inputs:
        source = Path(os.path.abspath(source))
        real = Path(os.path.realpath(source))
        for target in own:
            target = Path(os.path.abspath(target))
            for read, written in ((source, target), (real, Path(os.path.realpath(target)))):
                if written == read or read in written.parents:
                    where = "is" if written == read else "lies inside"
                    return f"--out {out}: {written} {where} the input {source}; write the table outside the folders read"
                if written in read.parents:
                    return f"--out {out}: the input {source} lies inside {written}, which the build would replace"
    recorded = _recorded(out)
    for key, target in targets.items():
        if not os.path.lexists(target):
            continue
        if key == "build":
            ours = bool(recorded)
        elif target.is_dir() and not target.is_symlink():
            ours = any(name.startswith(f"{target.name}/") for name in recorded)
        else:
            ours = target.name in recorded
        if not ours and not (key == "table" and _is_table_file(target)):
            kind = "folder" if target.is_dir() else "file"
            return (f"--out {out}: {target} is a {kind} that no earlier build of this table wrote, and a build "
                    "would replace it; choose another name or folder")
    return None


def replace_together(out: Path, table: pd.DataFrame, extracted: pd.DataFrame, links: pd.DataFrame,
                     sources: pd.DataFrame, texts: dict, inputs: dict | None = None) -> None:
    """Write the table, its events as extracted, its links, sources and texts (by document
    name: the text, or what `read()`s its bytes, events/build.py Spooled) as one set: after a
    crash or kill at any point, readers see the previous set whole or the new one whole;
    `inputs` (what the build read besides the documents) is kept in build.json. The tables and
    links are validated first; TableError writes nothing."""
    for frame in (table, extracted):
        found = problems(frame)
        if found:
            raise TableError("not writing an invalid table: " + "; ".join(found))
    found = link_problems(links, table)
    if found:
        raise TableError("not writing invalid links: " + "; ".join(found))
    out = Path(out)
    refused = refusal(out)
    if refused:
        raise TableError(refused)
    out.parent.mkdir(parents=True, exist_ok=True)
    targets = _targets(out)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.staging-", dir=out.parent))
    own = os.open(staging, os.O_RDONLY)
    try:
        if fcntl is not None:
            fcntl.flock(own, fcntl.LOCK_EX)  # says "alive" to other builds that clean up
        os.chmod(staging, FOLDER_MODE)
        written: dict[str, str] = {}
        for key, content in (("table", table), ("extracted", extracted)):
            written.update(_write_frame(content, staging / targets[key].name))
        for key, content in (("links", links), ("sources", sources)):
            written[targets[key].name] = _write_file(content, staging / targets[key].name)
        folder = staging / targets["texts"].name
        folder.mkdir(mode=FOLDER_MODE)
        os.chmod(folder, FOLDER_MODE)
        for name in sorted(texts):
            text = texts[name] if isinstance(texts[name], str) else texts[name].read()
            written[f"{folder.name}/{text_name(name)}"] = _write_file(text, folder / text_name(name), sync=False)
        os.sync()  # the texts on disk in one call: a sync per file costs more than its text
        fsync_folder(folder)
        files = dict(sorted(written.items()))
        build = hashlib.sha256(json.dumps(files).encode()).hexdigest()
        _write_file(json.dumps({"build": build, "files": files, "inputs": inputs or {}}, indent=1) + "\n",
                    staging / targets["build"].name)
        fsync_folder(staging)
        with _locked(out.parent, exclusive=True):
            _recover(out)
            os.rename(staging, _commit_folder(out))  # the commit
            fsync_folder(out.parent)
            _finish(out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        os.close(own)


def build_id(out: Path) -> str | None:
    """The build the set beside a table comes from (build.json), None without one."""
    return build_record(out).get("build")


def build_record(out: Path) -> dict:
    """build.json of the set beside a table: its build id, files and inputs ({} without one)."""
    try:
        record = json.loads(companions(Path(out))["build"].read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return record if isinstance(record, dict) else {}


def verify(out: Path) -> list[str]:
    """Each file of the set that is not as its build wrote it (missing, changed, or added to
    texts/); empty when the set is whole or has no build.json."""
    out = Path(out)
    try:
        files = json.loads(companions(out)["build"].read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    found = []
    for name, digest in files.items():
        path = out.parent / name
        try:
            if hashlib.sha256(path.read_bytes()).hexdigest() != digest:
                found.append(f"{path}: changed since the build")
        except OSError:
            found.append(f"{path}: missing")
    texts = companions(out)["texts"]
    if texts.is_dir():
        found += [f"{p}: not of the build" for p in sorted(texts.iterdir()) if f"{texts.name}/{p.name}" not in files]
    return found


def write_links(links: pd.DataFrame, events: pd.DataFrame, path: Path) -> None:
    found = link_problems(links, events)
    if found:
        raise TableError("not writing invalid links: " + "; ".join(found))
    _atomic_write(links, Path(path))


def read_links(path: Path, events: pd.DataFrame) -> pd.DataFrame:
    """The links beside a table; an empty frame when there are none. TableChanged when a build
    replaced the set after `events` was read (read_table notes which build it read)."""
    path = Path(path)
    _settle(_table_of(path))
    with _locked(path.parent, exclusive=False):
        read = events.attrs.get("build")
        if read is not None and build_id(_table_of(path)) != read:
            raise TableChanged(f"the events table beside {path} was replaced by a build while it was being read; "
                               "read it again")
        if not path.exists():
            return links_frame([])
        links = pd.read_csv(path, dtype=str, keep_default_na=False)
    found = link_problems(links, events)
    if not found:
        delays = pd.to_numeric(links["delay_days"].replace("", None), errors="coerce")
        if delays.isna().sum() > (links["delay_days"] == "").sum() or (delays.dropna() % 1 != 0).any():
            found.append("links: delay_days must be a whole number or empty")
    if found:
        raise TableError(f"the links table {path} is malformed: {'; '.join(found)}; rebuild it with: "
                         "python -m events build")
    return links.assign(delay_days=delays.astype("Int64"))


def to_frame(events: list[Event]) -> pd.DataFrame:
    """Events as the in-memory table: dates as dates, institutions as tuples, in column order."""
    row = operator.attrgetter(*COLUMNS)
    df = pd.DataFrame.from_records([row(e) for e in events], columns=list(COLUMNS))
    return df.astype({"line": "int64", "relative": "bool"}) if len(df) else df


def links_frame(links: list[Link]) -> pd.DataFrame:
    df = pd.DataFrame([{name: getattr(k, name) for name in LINK_COLUMNS} for k in links], columns=list(LINK_COLUMNS))
    return df.astype({"delay_days": "Int64"})


def events_of(df: pd.DataFrame) -> list[Event]:
    """The table's rows as Events (other columns, such as an upload's origin, left out)."""
    return [Event(**row) for row in df[list(COLUMNS)].to_dict("records")]


def inert(value):
    """A cell a spreadsheet shows as text, never runs as a formula (other values as they are)."""
    return "'" + value if isinstance(value, str) and value.startswith(_FORMULA_START) else value


def _cell(value) -> str:
    if isinstance(value, tuple):
        return ";".join(value)
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else value


def as_written(df: pd.DataFrame) -> pd.DataFrame:
    """A table as a file holds it: institutions joined by ';', dates as ISO text, no date ''
    (a frame without these columns, or with them written already, is left as it is)."""
    typed_columns = [c for c in ("institutions", *_DATE_COLUMNS) if c in df.columns]
    if not typed_columns:
        return df
    return df.assign(**{column: _written(df[column]) for column in typed_columns})


def _written(column: pd.Series) -> pd.Series:
    """A column's cells as written, each distinct value written once (a table holds few
    distinct dates and lists of institutions)."""
    codes, distinct = pd.factorize(column, use_na_sentinel=False)
    return pd.Series(np.array([_cell(value) for value in distinct], dtype=object)[codes], index=column.index,
                     name=column.name, dtype=object)


def write_table(df: pd.DataFrame, path: Path) -> None:
    """Validate, then write a CSV table atomically: a failed or interrupted write keeps the old
    table (a whole set, in either format, is written by replace_together)."""
    found = problems(df)
    if found:
        raise TableError("not writing an invalid table: " + "; ".join(found))
    _atomic_write(df, Path(path))


def read_table(path: Path = DEFAULT_TABLE) -> pd.DataFrame:
    """The table, checked against its schema; TableError says what is wrong and how to rebuild."""
    path = Path(path)
    rebuild = "rebuild it with: python -m events build"
    _settle(path)
    with _locked(path.parent, exclusive=False):
        if not path.exists():
            raise TableError(f"no events table at {path}; {rebuild}")
        build = build_id(path)
        try:
            df = parquet.read(path) if path.suffix == parquet.SUFFIX else pd.read_csv(path, dtype=str,
                                                                                          keep_default_na=False)
        except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError, ValueError) as exc:
            raise TableError(f"the events table {path} cannot be read ({exc}); {rebuild}") from None
    found = problems(df)
    if found:
        raise TableError(f"the events table {path} is malformed: {'; '.join(found)}; {rebuild}")
    df = typed(df)
    if build is not None:
        df.attrs["build"] = build
    return df


def read_table_and_links(path: Path = DEFAULT_TABLE) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The table and its links, of one build (read again when a build replaced them between)."""
    for attempt in range(5):
        df = read_table(path)
        try:
            return df, read_links(companions(Path(path))["links"], df)
        except TableChanged:
            if attempt == 4:
                raise
    raise AssertionError("unreachable")


def _table_of(links: Path) -> Path:
    """The table a links file stands beside (links.csv: events.csv; NAME-links.csv: NAME.csv)."""
    name = links.name
    return links.with_name("events.csv" if name == "links.csv" else name.removesuffix("-links.csv") + ".csv")


def typed(df: pd.DataFrame) -> pd.DataFrame:
    """A table as read (strings) in memory: line numbers as integers, dates as dates (an empty
    doc_date as None), institutions as tuples, relative as a bool."""
    df = df.copy()
    df["line"] = df["line"].astype("int64")
    if "kind" not in df.columns:
        df["kind"] = "event"  # a table from before dates had roles: every row was an event
    for column in set(COLUMNS) - set(df.columns):
        df[column] = ""
    for column in _DATE_COLUMNS:
        df[column] = df[column].map(lambda v: v if isinstance(v, date) or v is None else date.fromisoformat(v) if v else None)
    df["institutions"] = df["institutions"].map(lambda v: v if isinstance(v, tuple) else tuple(filter(None, v.split(";"))))
    df["relative"] = df["relative"].map(lambda v: v if isinstance(v, bool) else v in ("True", "true", "1"))
    return df
