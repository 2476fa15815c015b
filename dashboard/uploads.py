"""Documents users add in the dashboard: kept in a corpus folder (so they are still there
after a restart), built into events with the rest, and marked as uploaded."""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from pathlib import Path

import pandas as pd

from events.documents import SUFFIXES
from events.table import (
    FILE_MODE,
    fsync_folder,  # the table's own, so both write alike
)

MAX_UPLOAD_BYTES = 25 * 1024 * 1024
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


class UploadError(Exception):
    """An upload that is not kept; the message says why."""


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


def _link_free_name(tmp: Path, folder: Path, clean: str, taken: set[str]) -> Path:
    """Give the written file the first free name of clean, clean-2, ...: a hard link fails when
    the name exists, so two saves at once never take the same name (where the file system has no
    hard links, the name is checked, then replaced)."""
    stem, suffix, n = Path(clean).stem, Path(clean).suffix, 1
    while True:
        name = clean if n == 1 else f"{stem}-{n}{suffix}"
        n += 1
        if name in taken:  # a bundled document's name
            continue
        try:
            os.link(tmp, folder / name)
        except FileExistsError:
            continue
        except OSError:
            if (folder / name).exists():
                continue
            os.replace(tmp, folder / name)
        return folder / name


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
    if (folder / clean).resolve().parent != folder.resolve():
        raise UploadError(f"{name}: not a plain file name")
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{clean}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, FILE_MODE)
        target = _link_free_name(Path(tmp), folder, clean, taken)
    finally:
        Path(tmp).unlink(missing_ok=True)
    fsync_folder(folder)
    return target


def uploaded_names(folder: Path) -> frozenset[str]:
    """The documents kept in the corpus folder."""
    folder = Path(folder)
    if not folder.is_dir():
        return frozenset()
    return frozenset(p.name for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES)


def with_origin(table: pd.DataFrame, uploaded: frozenset[str]) -> pd.DataFrame:
    """The table with each row's origin: "upload" for a document kept in the corpus folder,
    "corpus" for the bundled ones and for events added in review."""
    return table.assign(origin=table["doc"].isin(uploaded).map({True: "upload", False: "corpus"}))
