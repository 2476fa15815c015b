"""Build the events table from files and folders: read each document (in parallel when
asked), extract its events, cluster them across documents, and write the table."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pandas as pd
from tqdm import tqdm

from events import corrections
from events.cluster import assign_clusters
from events.documents import METADATA_FILE, UnreadableDocument, load, read_metadata
from events.extract import extract
from events.process import LINK_COLUMNS, assign_stages, link
from events.table import (
    companions,
    text_name,
    to_frame,
    write_frame,
    write_links,
    write_table,
    write_text,
)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
# Show a progress bar from this many files on.
PROGRESS_FROM = 20


SOURCE_COLUMNS = ("file", "title", "doc_type", "date", "date_source", "date_evidence", "reference", "signatories",
                  "language", "events")


@dataclass
class BuildResult:
    table: pd.DataFrame
    links: pd.DataFrame
    sources: pd.DataFrame  # one row per document read: its metadata, as printed or given
    texts: dict[str, str] = field(default_factory=dict)  # the text the extractor saw, by file name
    skipped: list[str] = field(default_factory=list)  # one message per skipped file

    @property
    def documents(self) -> int:
        return len(self.sources)


def collect(paths: list[Path]) -> tuple[list[tuple[Path, dict]], list[str]]:
    """Files to read, each with its metadata row; folders are walked in name order."""
    files: list[tuple[Path, dict]] = []
    missing: list[str] = []
    metadata = cache(read_metadata)
    for path in paths:
        if path.is_dir():
            for file in sorted(p for p in path.rglob("*") if p.is_file()):
                if file.name == METADATA_FILE or any(part.startswith(".") for part in file.relative_to(path).parts):
                    continue
                files.append((file, metadata(file.parent).get(file.name) or metadata(path).get(file.name, {})))
        elif path.is_file():
            files.append((path, metadata(path.parent).get(path.name, {})))
        else:
            missing.append(f"{path}: no such file or folder")
    return files, missing


def _extract_file(item: tuple[Path, dict]) -> tuple[list[dict], dict | None, str, str | None]:
    path, metadata = item
    try:
        doc = load(path, metadata)
        rows = extract(doc)
    except UnreadableDocument as exc:
        return [], None, "", str(exc)
    except Exception as exc:  # one document never stops a build: it is named and skipped
        return [], None, "", f"{path.name}: could not be read ({type(exc).__name__}: {exc})"
    source = {"file": doc.name, **{k: doc.metadata.get(k, "") for k in SOURCE_COLUMNS[1:-1]},
              "date": doc.doc_date.isoformat() if doc.doc_date else "", "date_source": doc.doc_date_source,
              "date_evidence": doc.doc_date_evidence, "events": sum(row["kind"] == "event" for row in rows)}
    return rows, source, doc.text, None


def build(paths: list[Path], workers: int = 1, progress: bool | None = None) -> BuildResult:
    files, skipped = collect(paths)
    show = progress if progress is not None else len(files) >= PROGRESS_FROM
    rows: list[dict] = []
    sources: list[dict] = []
    texts: dict[str, str] = {}
    bar = tqdm(total=len(files), unit="doc", disable=not show, desc="extracting")
    if workers > 1 and len(files) > 1:
        pool = ProcessPoolExecutor(max_workers=workers)
        results = pool.map(_extract_file, files, chunksize=max(1, len(files) // (workers * 8)))
    else:
        pool, results = None, map(_extract_file, files)
    for found, source, text, problem in results:
        rows.extend(found)
        if problem:
            skipped.append(problem)
        else:
            sources.append(source)
            texts[source["file"]] = text
        bar.update()
    if pool:
        pool.shutdown()
    bar.close()
    # References and context stay in the table, but only events are clustered, staged and linked.
    events = [row for row in rows if row["kind"] == "event"]
    for row in rows:
        row.update(cluster="c" + row["id"], process="", stage="", superseded_by="")
    assign_clusters(events)
    assign_stages(events)
    links = pd.DataFrame(link(events), columns=list(LINK_COLUMNS))
    return BuildResult(to_frame(rows), links, pd.DataFrame(sources, columns=list(SOURCE_COLUMNS)), texts, skipped)


def correct(result: BuildResult, store: Path) -> list[str]:
    """Apply the curation store's corrections to a build, in place; the messages name each
    correction that no longer applies (its mention is gone), which is reported, not dropped."""
    result.table, messages = corrections.apply(result.table, store)
    ids = set(result.table["id"])
    result.links = result.links[result.links["from_id"].isin(ids) & result.links["to_id"].isin(ids)]
    return messages


def write(result: BuildResult, out: Path) -> None:
    """The table and what stands beside it: links, the documents' metadata, the text the
    extractor saw of each (so every line and quote can be checked), and the number of the last
    correction applied. Each file is written atomically; texts of documents no longer built
    are removed."""
    paths = companions(out)
    write_table(result.table, out)
    write_text(f"{corrections.last_seq(paths['corrections'])}\n", paths["applied"])
    write_links(result.links, result.table, paths["links"])
    write_frame(result.sources, paths["sources"])
    folder = paths["texts"]
    folder.mkdir(parents=True, exist_ok=True)
    wanted = {text_name(name) for name in result.texts}
    for stale in folder.glob("*.txt"):
        if stale.name not in wanted:
            stale.unlink()
    for name, text in result.texts.items():
        write_text(text, folder / text_name(name))
