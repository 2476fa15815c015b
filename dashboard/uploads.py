"""Documents users add in the dashboard: kept in a corpus folder (so they are still there
after a restart), built into events with the rest, and marked as uploaded."""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from events import corrections
from events.build import build
from events.cluster import assign_clusters
from events.documents import SUFFIXES
from events.table import FILE_MODE, REQUIRED, typed
from events.table import _fsync_folder as fsync_folder  # the table's own, so both write alike

MAX_UPLOAD_BYTES = 25 * 1024 * 1024
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


class UploadError(Exception):
    """An upload that is not kept; the message says why."""


@dataclass
class Uploaded:
    table: pd.DataFrame
    skipped: list[str]


def safe_name(name: str) -> str:
    """A file name that stays inside the corpus folder: no path, no hidden file, plain characters."""
    base = re.split(r"[\\/]", name)[-1]
    base = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode()
    base = _UNSAFE.sub("_", base).strip("._-") or "document"
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    stem = stem.strip("._-")[:80] or "document"
    return f"{stem}.{suffix.lower()}" if suffix else stem


def save_upload(folder: Path, name: str, data: bytes, taken: set[str] = frozenset(),
                max_bytes: int = MAX_UPLOAD_BYTES) -> Path:
    """Keep one uploaded file in the corpus folder, under a clean name that no document has yet:
    neither a bundled one (`taken`) nor an earlier upload, even one without dated events. The
    file is written whole or not at all: to a unique temporary name in the same folder, synced,
    then moved into place. Returns where it was kept."""
    clean = safe_name(name)
    suffix = Path(clean).suffix.lower()
    if suffix not in SUFFIXES:
        raise UploadError(f"{name}: unsupported file type {suffix or '(none)'}; readable: {', '.join(SUFFIXES)}")
    if len(data) > max_bytes:
        raise UploadError(f"{name}: {len(data) / 1024 / 1024:.1f} MB is over the {max_bytes // (1024 * 1024)} MB limit")
    if not data.strip():
        raise UploadError(f"{name}: empty file")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    stem, n = Path(clean).stem, 1
    while clean in taken or (folder / clean).exists():  # a bundled document's name, or an earlier upload's
        n += 1
        clean = f"{stem}-{n}{suffix}"
    target = folder / clean
    if target.resolve().parent != folder.resolve():
        raise UploadError(f"{name}: not a plain file name")
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{clean}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, FILE_MODE)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    fsync_folder(folder)
    return target


def build_uploads(folder: Path) -> Uploaded:
    """The events of every document in the corpus folder, marked as uploaded."""
    folder = Path(folder)
    if not folder.is_dir() or not any(p.suffix.lower() in SUFFIXES for p in folder.iterdir()):
        return Uploaded(pd.DataFrame(columns=[*REQUIRED, "origin"]), [])
    result = build([folder])
    return Uploaded(typed(result.table).assign(origin="upload"), result.skipped)


def combine(bundled: pd.DataFrame, uploaded: pd.DataFrame) -> pd.DataFrame:
    """The bundled table with the uploaded events. The bundled rows keep their clusters as they
    are (a split or merge the build applied stays); an uploaded event that repeats a bundled one
    joins that event's cluster, any other gets a cluster of its own or of the uploads it
    repeats. Corrections come after this (see with_uploads)."""
    bundled = bundled.assign(origin="corpus")
    if uploaded.empty:
        return bundled
    both = pd.concat([bundled, uploaded], ignore_index=True)
    is_event = (both["kind"] == "event") if "kind" in both.columns else pd.Series(True, index=both.index)
    records = both[is_event].astype({"start": str, "end": str}).to_dict("records")
    kept = {r["id"]: r["cluster"] for r in records if r["origin"] != "upload"}
    assign_clusters(records)  # events only: a reference or context keeps a cluster of its own
    # the bundled clusters each group of repeated events holds, the most mentioned first
    held: dict[str, Counter] = {}
    for r in records:
        if r["id"] in kept:
            held.setdefault(r["cluster"], Counter())[kept[r["id"]]] += 1
    placed = {}
    for r in records:
        if r["id"] not in kept:
            known = held.get(r["cluster"])
            placed[r["id"]] = min(known, key=lambda c: (-known[c], c)) if known else r["cluster"]
    uploads = both["id"].isin(placed.keys()).to_numpy()
    both.loc[uploads, "cluster"] = both.loc[uploads, "id"].map(placed)
    return both


def with_uploads(built: pd.DataFrame, uploaded: pd.DataFrame, store: Path, after: int = 0
                 ) -> tuple[pd.DataFrame, list[str]]:
    """What the app shows: the built table and the uploaded events (see combine), then the
    corrections saved since the build (`after`), last, so that nothing undoes them. Returns the
    table and a message for each correction that could not be applied."""
    table, not_applied = corrections.apply(combine(built, uploaded), store, after=after)
    table["origin"] = table["origin"].replace("", "corpus")  # an event added in review is no upload
    return table, not_applied
