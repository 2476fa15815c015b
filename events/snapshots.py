"""Builds kept: after each build, a compressed copy of its table and links, with the build's
date, its inputs (each document's name and a hash of the text read from it) and the last
correction of the curation store it holds, so that `python -m events changes` and the
dashboard can say what changed between two builds.

Snapshots live beside the table, in snapshots/ beside events.csv or events.parquet
(NAME-snapshots/ beside NAME.csv), one folder per build named by its time in UTC
(20260130-120501-123456): events.csv.gz and links.csv.gz (the table and links as CSV, gzipped,
whatever the table's own format) and snapshot.json. Each is written into a hidden folder beside
them and renamed into place, so a reader sees a snapshot whole or not at all; the newest `keep`
are kept and the others removed.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import tempfile
import time
import zlib
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pandas as pd

from events.table import (
    FILE_MODE,
    FOLDER_MODE,
    TableError,
    as_written,
    build_id,
    build_record,
    companions,
    fsync_folder,
    read_links,
    read_table,
    read_table_and_links,
    text_name,
)

KEEP = 20  # snapshots kept by default
NAME_FORMAT = "%Y%m%d-%H%M%S-%f"
_NAME = re.compile(r"^\d{8}-\d{6}-\d{6}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")  # --since's date (a name's start, 20250103, is no date)
_TABLE, _LINKS, _META = "events.csv.gz", "links.csv.gz", "snapshot.json"
_TEMP_PREFIX = ".tmp-"
_STALE = 3600  # seconds after which a temporary folder is a killed build's, not a live one's


class SnapshotError(Exception):
    """A snapshot asked for is not there or cannot be read; the message says what exists."""


@dataclass(frozen=True)
class Snapshot:
    name: str
    path: Path
    taken: datetime  # when the build was written (UTC)
    inputs: dict[str, str]  # document file name -> SHA-256 of the text the build read from it
    corrections: int  # the number of the newest correction the build applied (0: none)

    def read(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """The build's table and links, as events.table reads them (its in-memory types)."""
        try:
            table = read_table(self.path / _TABLE)
            if not (self.path / _LINKS).is_file():  # a build always keeps its links, if only a header
                raise FileNotFoundError(f"{_LINKS} is missing")
            return table, read_links(self.path / _LINKS, table)
        except (TableError, OSError, EOFError, gzip.BadGzipFile, zlib.error) as exc:
            raise SnapshotError(f"the snapshot {self.path} cannot be read ({exc}); remove it") from None


def folder(table: Path) -> Path:
    """Where the snapshots of a table are kept: snapshots/ beside events.csv (or events.parquet),
    NAME-snapshots/ beside NAME.csv, as its other companions (events/table.py companions)."""
    return companions(Path(table))["snapshots"]


def _inputs(table: Path) -> dict[str, str]:
    """Each document the build read (sources.csv) with the SHA-256 of its text (texts/), as the
    build's build.json records it (the texts are not read again)."""
    paths = companions(table)
    if not paths["sources"].exists():
        return {}
    names = pd.read_csv(paths["sources"], dtype=str, keep_default_na=False)["file"]
    hashes = build_record(table).get("files", {})
    return {name: hashes.get(f"{paths['texts'].name}/{text_name(name)}", "") for name in sorted(names)}


def _corrections(table: Path) -> int:
    """The newest correction the build applied, as its build.json records it (0: none)."""
    through = build_record(table).get("inputs", {}).get("corrections", {}).get("through", 0)
    return through if isinstance(through, int) else 0


def _write(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    with os.fdopen(fd, "wb") as fh:
        os.fchmod(fh.fileno(), FILE_MODE)  # whatever the umask, as the table beside it
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def _free_name(into: Path, when: datetime) -> str:
    """The snapshot's name: its time, a microsecond later while that name is taken."""
    while (into / when.strftime(NAME_FORMAT)).exists():
        when += timedelta(microseconds=1)
    return when.strftime(NAME_FORMAT)


def take(table: Path, keep: int = KEEP, now: datetime | None = None) -> Snapshot | None:
    """Keep a snapshot of the build just written at `table` (its table, links, inputs, and the
    newest correction it holds), then remove all but the newest `keep`; None when keep is 0 (no
    snapshots kept). SnapshotError where it cannot be written: the table is written all the same."""
    table = Path(table)
    into = folder(table)
    if keep <= 0:
        prune(table, 0)
        return None
    try:
        for _ in range(5):  # a build that replaced the set while it was read: read the new one
            build = build_id(table)
            events, links = read_table_and_links(table)
            inputs = _inputs(table)
            if build_id(table) == build:
                break
        # as CSV whatever the table's format (CSV or Parquet), as read_table reads it back
        data = {name: as_written(frame).to_csv(index=False, lineterminator="\n").encode("utf-8")
                for name, frame in ((_TABLE, events), (_LINKS, links))}
        meta = {"taken": (now or datetime.now(UTC)).astimezone(UTC), "table": table.name,
                "corrections": _corrections(table), "inputs": inputs}
        name = _keep(into, data, meta)
    except (OSError, TableError) as exc:
        raise SnapshotError(f"{table} is written, but no snapshot of its build could be kept in {into} "
                            f"({getattr(exc, 'strerror', None) or exc})") from None
    prune(table, keep)
    return _open(into / name)


def _keep(into: Path, data: dict[str, bytes], meta: dict) -> str:
    """Write one snapshot: its files into a hidden folder, synced, then renamed into place; its name."""
    if not into.is_dir():
        into.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
        os.chmod(into, FOLDER_MODE)  # readable by a dashboard of another user, whatever the umask
    staging = Path(tempfile.mkdtemp(prefix=_TEMP_PREFIX, dir=into))
    try:
        for name, content in data.items():  # mtime 0: the same build compresses to the same bytes
            _write(staging / name, gzip.compress(content, mtime=0))
        taken = meta["taken"]
        meta = {**meta, "taken": taken.isoformat(timespec="microseconds").replace("+00:00", "Z")}
        _write(staging / _META, (json.dumps(meta, indent=1, ensure_ascii=False) + "\n").encode("utf-8"))
        os.chmod(staging, FOLDER_MODE)
        fsync_folder(staging)
        name = _free_name(into, taken)
        os.replace(staging, into / name)
        fsync_folder(into)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return name


def _open(path: Path) -> Snapshot:
    try:
        meta = json.loads((path / _META).read_text(encoding="utf-8"))
        return Snapshot(path.name, path, datetime.fromisoformat(meta["taken"]), dict(meta["inputs"]),
                        int(meta["corrections"]))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise SnapshotError(f"the snapshot {path} cannot be read ({exc}); remove it") from None


def survey(table: Path) -> tuple[list[Snapshot], list[str]]:
    """The snapshots kept of a table that can be read, oldest first, and why each other one
    cannot (a damaged snapshot costs only the comparisons that would need it)."""
    into = folder(table)
    snapshots: list[Snapshot] = []
    damaged: list[str] = []
    try:
        paths = sorted(p for p in into.iterdir() if _NAME.match(p.name) and p.is_dir()) if into.is_dir() else []
    except OSError as exc:
        return [], [f"the snapshots in {into} cannot be listed ({exc.strerror})"]
    for path in paths:
        try:
            snapshots.append(_open(path))
        except SnapshotError as exc:
            damaged.append(str(exc))
    return snapshots, damaged


def listing(table: Path) -> list[Snapshot]:
    """The snapshots kept of a table that can be read, oldest first (see survey)."""
    return survey(table)[0]


def prune(table: Path, keep: int = KEEP) -> list[str]:
    """Remove all but the newest `keep` snapshots of a table, and the temporary folders of
    builds killed while keeping one; returns the names removed."""
    into = folder(table)
    if not into.is_dir():
        return []
    names = sorted(p.name for p in into.iterdir() if _NAME.match(p.name))
    gone = names[:max(0, len(names) - keep)]
    for name in gone:
        shutil.rmtree(into / name, ignore_errors=True)
    for temp in into.glob(f"{_TEMP_PREFIX}*"):
        try:
            if time.time() - temp.stat().st_mtime > _STALE:
                shutil.rmtree(temp, ignore_errors=True)
        except OSError:  # removed by another build meanwhile
            pass
    return gone


def _kept(snapshots: list[Snapshot]) -> str:
    if not snapshots:
        return "none are kept"
    return "kept: " + ", ".join(f"{s.name} ({s.taken:%Y-%m-%d %H:%M} UTC)" for s in snapshots)


def find(table: Path, since: str) -> Snapshot:
    """The snapshot `since` names: a snapshot's name (or the start of one that names it
    alone), or a date YYYY-MM-DD: the newest build taken before that day began (UTC), so that
    what changed on that day and after is listed. SnapshotError says what is kept."""
    kept = listing(table)
    since = since.strip()
    try:
        day = date.fromisoformat(since) if _DATE.match(since) else None
    except ValueError:
        raise SnapshotError(f"--since {since!r} is no date; {_kept(kept)}") from None
    if day is None:
        matches = [s for s in kept if s.name.startswith(since)] if since else []
        if len(matches) == 1:
            return matches[0]
        what = "names several" if matches else "is no snapshot and no date (YYYY-MM-DD)"
        raise SnapshotError(f"--since {since!r} {what} of {table}; {_kept(kept)}")
    begins = datetime(day.year, day.month, day.day, tzinfo=UTC)
    before = [s for s in kept if s.taken < begins]
    if not before:
        raise SnapshotError(f"no build of {table} was kept from before {day.isoformat()}; {_kept(kept)}")
    return before[-1]
