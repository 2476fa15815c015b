"""Build the events table from files and folders: read each document (in parallel when
asked), extract its events, cluster them across documents, and write the table."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from tqdm import tqdm

from events.cluster import assign_clusters
from events.documents import METADATA_FILE, UnreadableDocument, load, read_metadata
from events.extract import extract
from events.process import LINK_COLUMNS, assign_stages, link
from events.table import to_frame

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
# Show a progress bar from this many files on.
PROGRESS_FROM = 20


@dataclass
class BuildResult:
    table: pd.DataFrame
    links: pd.DataFrame
    documents: int = 0
    skipped: list[str] = field(default_factory=list)  # one message per skipped file


def collect(paths: list[Path]) -> tuple[list[tuple[Path, dict]], list[str]]:
    """Files to read, each with its metadata row; folders are walked in name order."""
    files: list[tuple[Path, dict]] = []
    missing: list[str] = []
    for path in paths:
        if path.is_dir():
            metadata = read_metadata(path)
            for file in sorted(p for p in path.rglob("*") if p.is_file()):
                if file.name == METADATA_FILE or any(part.startswith(".") for part in file.relative_to(path).parts):
                    continue
                files.append((file, read_metadata(file.parent).get(file.name) or metadata.get(file.name, {})))
        elif path.is_file():
            files.append((path, read_metadata(path.parent).get(path.name, {})))
        else:
            missing.append(f"{path}: no such file or folder")
    return files, missing


def _extract_file(item: tuple[Path, dict]) -> tuple[list[dict], str | None]:
    path, metadata = item
    try:
        return extract(load(path, metadata)), None
    except UnreadableDocument as exc:
        return [], str(exc)


def build(paths: list[Path], workers: int = 1, progress: bool | None = None) -> BuildResult:
    files, skipped = collect(paths)
    missing = len(skipped)
    show = progress if progress is not None else len(files) >= PROGRESS_FROM
    rows: list[dict] = []
    bar = tqdm(total=len(files), unit="doc", disable=not show, desc="extracting")
    if workers > 1 and len(files) > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            results = pool.map(_extract_file, files, chunksize=max(1, len(files) // (workers * 8)))
            for found, problem in results:
                rows.extend(found)
                if problem:
                    skipped.append(problem)
                bar.update()
    else:
        for item in files:
            found, problem = _extract_file(item)
            rows.extend(found)
            if problem:
                skipped.append(problem)
            bar.update()
    bar.close()
    assign_clusters(rows)
    assign_stages(rows)
    links = pd.DataFrame(link(rows), columns=list(LINK_COLUMNS))
    return BuildResult(to_frame(rows), links, documents=len(files) - (len(skipped) - missing), skipped=skipped)
