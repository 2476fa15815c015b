"""Documents users add in the dashboard: kept in a corpus folder (so they are still there
after a restart), built into events with the rest, and marked as uploaded."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from events.build import build
from events.cluster import assign_clusters
from events.documents import SUFFIXES
from events.table import REQUIRED, typed

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
    """Keep one uploaded file in the corpus folder, under a clean name that no document has yet."""
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
    while clean in taken:  # a name a bundled document already has
        n += 1
        clean = f"{stem}-{n}{suffix}"
    target = folder / clean
    if target.resolve().parent != folder.resolve():
        raise UploadError(f"{name}: not a plain file name")
    tmp = target.with_name(f".{clean}.part")
    tmp.write_bytes(data)
    tmp.replace(target)
    return target


def build_uploads(folder: Path) -> Uploaded:
    """The events of every document in the corpus folder, marked as uploaded."""
    folder = Path(folder)
    if not folder.is_dir() or not any(p.suffix.lower() in SUFFIXES for p in folder.iterdir()):
        return Uploaded(pd.DataFrame(columns=[*REQUIRED, "origin"]), [])
    result = build([folder])
    return Uploaded(typed(result.table).assign(origin="upload"), result.skipped)


def combine(bundled: pd.DataFrame, uploaded: pd.DataFrame) -> pd.DataFrame:
    """The bundled table with the uploaded events, clustered together so that an uploaded
    mention of a known event joins it."""
    if uploaded.empty:
        return bundled.assign(origin="corpus") if "origin" not in bundled else bundled
    both = pd.concat([bundled.assign(origin="corpus"), uploaded], ignore_index=True)
    is_event = both["kind"] == "event" if "kind" in both.columns else pd.Series(True, index=both.index)
    records = both[is_event].astype({"start": str, "end": str}).to_dict("records")
    assign_clusters(records)  # events only: a reference or context keeps a cluster of its own
    both.loc[is_event, "cluster"] = [r["cluster"] for r in records]
    return both
