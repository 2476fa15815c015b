"""Build the events table from files and folders: read each document (in parallel when
asked), extract its events, cluster them across documents, and write the table."""

from __future__ import annotations

import os
import stat
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pandas as pd
from tqdm import tqdm

from events import corrections
from events.cluster import assign_clusters
from events.documents import METADATA_FILE, UnreadableDocument, check_metadata, load
from events.extract import extract
from events.process import LINK_COLUMNS, assign_stages, link
from events.roles import KINDS
from events.table import companions, replace_together, to_frame
from events.vocabulary import vocabulary

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


def _walk(folder: Path, problems: list[str]) -> list[Path]:
    """The files under a folder (hidden ones and documents.csv left out), each folder that
    cannot be read named in problems; linked folders are followed once."""
    found: list[Path] = []
    seen: set[str] = set()

    def unreadable(error: OSError) -> None:
        problems.append(f"{error.filename}: folder cannot be read ({error.strerror}); the documents in it are skipped")

    for top, dirs, names in os.walk(folder, onerror=unreadable, followlinks=True):
        real = os.path.realpath(top)
        if real in seen:  # a link back up the tree
            dirs[:] = []
            continue
        seen.add(real)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in names:
            if name.startswith(".") or name == METADATA_FILE:
                continue
            file = Path(top) / name
            if file.is_file():
                found.append(file)
            else:
                problems.append(f"{file}: not a regular file (a broken link, a pipe?); skipped")
    return sorted(found)


def collect(paths: list[Path]) -> tuple[list[tuple[Path, dict]], list[str]]:
    """Files to read, each with its metadata row, and one message for each thing that cannot be
    read: a path that does not exist, a folder that cannot be read, a documents.csv row that
    breaks the schema (its document is read as if it had no metadata), a second file of the
    same name (the table knows documents by file name: the first, in path order, is read).
    Folders are walked in name order."""
    files: list[tuple[Path, dict]] = []
    problems: list[str] = []
    checked: dict[Path, dict[str, dict]] = {}
    first: dict[str, Path] = {}  # file name -> the path read under it
    taken: set[str] = set()

    def metadata(folder: Path) -> dict[str, dict]:
        if folder not in checked:
            checked[folder], found = check_metadata(folder)
            problems.extend(found)
        return checked[folder]

    def add(file: Path, row: dict) -> None:
        real = os.path.realpath(file)
        if real in taken:  # the same file named twice (a folder and a file in it)
            return
        taken.add(real)
        try:
            file.name.encode("utf-8")
        except UnicodeEncodeError:
            problems.append(f"{os.fsencode(file)!r}: the file name is not UTF-8; rename it to read it")
            return
        if file.name in first:
            problems.append(f"{file}: the same file name as {first[file.name]}, which is read; {file} is skipped "
                            "(rename one of them: the table knows documents by file name)")
            return
        first[file.name] = file
        files.append((file, row))

    for path in map(Path, paths):
        try:
            mode = path.stat().st_mode
        except FileNotFoundError:
            problems.append(f"{path}: no such file or folder")
            continue
        except OSError as exc:
            problems.append(f"{path}: cannot be read ({exc.strerror})")
            continue
        if stat.S_ISDIR(mode):
            for file in _walk(path, problems):
                add(file, metadata(file.parent).get(file.name) or metadata(path).get(file.name, {}))
        elif stat.S_ISREG(mode):
            add(path, metadata(path.parent).get(path.name, {}))
        else:
            problems.append(f"{path}: not a regular file or folder; skipped")
    return files, problems


@cache
def _allowed() -> dict[str, frozenset[str]]:
    vocab = vocabulary()
    return {"precision": frozenset(vocab.keys("precisions")), "status": frozenset(vocab.keys("statuses")),
            "track": frozenset(vocab.keys("tracks")), "event_type": frozenset(vocab.keys("event_types")),
            "kind": frozenset(KINDS)}


def row_problem(row: dict) -> str:
    """What makes one extracted row fall outside the table's schema, or ''."""
    bad = next((column for column, allowed in _allowed().items() if row[column] not in allowed), "")
    if bad:
        return f"{bad} {row[bad]!r} outside the vocabulary"
    return "an end before its start" if row["end"] < row["start"] else ""


def _extract_file(item: tuple[Path, dict]) -> tuple[list[dict], dict | None, str, str | None]:
    path, metadata = item
    try:
        doc = load(path, metadata)
        rows = extract(doc)
    except UnreadableDocument as exc:
        return [], None, "", str(exc)
    except Exception as exc:  # one document never stops a build: it is named and skipped
        return [], None, "", f"{path.name}: could not be read ({type(exc).__name__}: {exc})"
    bad = next((problem for row in rows if (problem := row_problem(row))), None)
    if bad:  # a row outside the table's schema is a bug met in this document: it alone is skipped
        return [], None, "", f"{path.name}: could not be read (a row with {bad})"
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


def write(result: BuildResult, out: Path, applied: int | None = None) -> None:
    """The table and what stands beside it: links, the documents' metadata, the text the
    extractor saw of each (so every line and quote can be checked), and the number of the last
    correction applied (`applied`; by default the newest of the store beside the table, 0 when
    that store cannot be read). All are replaced together or not at all (table.replace_together):
    texts of documents no longer built go with the previous set."""
    if applied is None:
        try:
            applied = corrections.last_seq(companions(out)["corrections"])
        except corrections.StoreError:
            applied = 0
    replace_together(out, result.table, result.links, result.sources, result.texts, f"{applied}\n")
