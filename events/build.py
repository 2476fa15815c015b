"""The pipeline: documents → mentions → events → clusters → stages → links → corrections, in
that order, one function (`build`) for the command line, the app (the bundled documents plus
uploads) and the exports. Documents are read in parallel when asked; each is read inside its
own boundary, so that no document can stop a build. Corrections come last, so that nothing
after them can undo them."""

from __future__ import annotations

import dataclasses
import gc
import multiprocessing
import operator
import os
import signal
import stat
import tempfile
import weakref
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pandas as pd
from tqdm import tqdm

from events import corrections, snapshots
from events.cluster import clusters
from events.documents import METADATA_FILE, UnreadableDocument, check_metadata, load
from events.extract import extract
from events.headlines import headline_columns
from events.model import Event, placed
from events.process import link, stages
from events.roles import KINDS
from events.table import (
    build_record,
    companions,
    events_of,
    links_frame,
    read_table,
    read_table_and_links,
    replace_together,
    to_frame,
)
from events.vocabulary import COLUMN_SECTIONS, KEYED_COLUMNS, vocabulary

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
# Show a progress bar from this many files on.
PROGRESS_FROM = 20


SOURCE_COLUMNS = ("file", "title", "doc_type", "date", "date_source", "date_evidence", "reference", "signatories",
                  "language", "events")


@dataclass(frozen=True)
class Extraction:
    """The pipeline's first stage: the documents read and each one's events as extracted."""
    events: list[Event]
    sources: pd.DataFrame  # one row per document read: its metadata, as printed or given
    # the text the extractor saw, by file name, kept in a spool file (see Spool), so that a build
    # holds no more than one document's text at a time
    texts: dict[str, Spooled] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)  # one message per skipped file
    spools: tuple[Spool, ...] = field(default=(), repr=False, compare=False)  # where `texts` are

    def __add__(self, other: Extraction) -> Extraction:
        """Both, a document read again in `other` taking the place of its earlier reading."""
        again = set(other.sources["file"])
        return Extraction([e for e in self.events if e.doc not in again] + other.events,
                          pd.concat([self.sources[~self.sources["file"].isin(again)], other.sources], ignore_index=True),
                          {**{k: v for k, v in self.texts.items() if k not in again}, **other.texts},
                          self.skipped + other.skipped, self.spools + other.spools)


@dataclass
class BuildResult:
    table: pd.DataFrame  # the events after every pass and the corrections
    links: pd.DataFrame
    extraction: Extraction
    not_applied: list[str] = field(default_factory=list)  # corrections whose mention is gone
    corrections: dict = field(default_factory=dict)  # the store applied, and its last correction

    @property
    def documents(self) -> int:
        return len(self.extraction.sources)

    @property
    def skipped(self) -> list[str]:
        return self.extraction.skipped

    @property
    def sources(self) -> pd.DataFrame:
        return self.extraction.sources


def _walk(folder: Path, problems: list[str]) -> list[tuple[Path, str, str]]:
    """The files under a folder (hidden ones and documents.csv left out), each as its folder,
    its name and its real path, in path order; each folder that cannot be read named in
    problems; linked folders are followed once. (Directory entries say what they are without a
    call to the system, and a file that is no link has its folder's real path: only links are
    resolved.)"""
    found: list[tuple[tuple[str, ...], Path, str, str]] = []  # (the path's parts, to sort by; ...)
    seen: set[str] = set()
    stack = [(folder, os.path.realpath(folder))]
    while stack:
        top, real = stack.pop()
        if real in seen:  # a link back up the tree
            continue
        seen.add(real)
        try:
            with os.scandir(top) as listing:
                entries = list(listing)
        except OSError as error:
            problems.append(f"{error.filename}: folder cannot be read ({error.strerror}); "
                            "the documents in it are skipped")
            continue
        parts = top.parts
        folders = []
        for entry in entries:
            name = entry.name
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                if not name.startswith("."):
                    link = entry.is_symlink()
                    folders.append((name, os.path.realpath(entry.path) if link else os.path.join(real, name)))
                continue
            if name.startswith(".") or name == METADATA_FILE:
                continue
            try:
                is_file = entry.is_file()
            except OSError as error:  # a link that loops or links to itself
                problems.append(f"{top / name}: cannot be followed ({error.strerror}); skipped")
                continue
            if is_file:
                found.append(((*parts, name), top, name,
                              os.path.realpath(entry.path) if entry.is_symlink() else os.path.join(real, name)))
            else:
                problems.append(f"{top / name}: not a regular file (a broken link, a pipe, a device?); skipped")
        stack.extend((top / name, real_path) for name, real_path in sorted(folders, reverse=True))  # depth first, by name
    found.sort(key=operator.itemgetter(0))  # as paths sort: part by part
    return [item[1:] for item in found]


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

    def add(folder: Path, name: str, row: dict, real: str) -> None:
        if real in taken:  # the same file named twice (a folder and a file in it)
            return
        taken.add(real)
        file = folder / name
        try:
            name.encode("utf-8")
        except UnicodeEncodeError:
            problems.append(f"{os.fsencode(file)!r}: the file name is not UTF-8; rename it to read it")
            return
        if name in first:
            problems.append(f"{file}: the same file name as {first[name]}, which is read; {file} is skipped "
                            "(rename one of them: the table knows documents by file name)")
            return
        first[name] = file
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
            for folder, name, real in _walk(path, problems):
                add(folder, name, metadata(folder).get(name) or metadata(path).get(name, {}), real)
        elif stat.S_ISREG(mode):
            add(path.parent, path.name, metadata(path.parent).get(path.name, {}), os.path.realpath(path))
        else:
            problems.append(f"{path}: not a regular file or folder; skipped")
    return files, problems


@cache
def _allowed() -> dict[str, frozenset[str]]:
    vocab = vocabulary()
    return {column: frozenset(vocab.keys(COLUMN_SECTIONS[column])) for column in KEYED_COLUMNS} | {
        "kind": frozenset(KINDS)}


def row_problem(event: Event) -> str:
    """What makes one extracted event fall outside the table's schema, or ''."""
    bad = next((column for column, allowed in _allowed().items() if getattr(event, column) not in allowed), "")
    if bad:
        return f"{bad} {getattr(event, bad)!r} outside the vocabulary"
    return "an end before its start" if event.end < event.start else ""


def _extract_file(item: tuple[Path, dict]) -> tuple[list[Event], dict | None, str, str | None]:
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
              "date_evidence": doc.doc_date_evidence, "events": sum(row.is_event for row in rows)}
    return rows, source, doc.text, None


@dataclass(frozen=True)
class Spooled:
    """One document's text, kept in a spool file."""
    file: Path
    offset: int
    size: int

    def read(self) -> bytes:
        with open(self.file, "rb") as fh:
            fh.seek(self.offset)
            return fh.read(self.size)


class Spool:
    """The documents' texts one after another in a temporary file (one file, not one per
    document: opening files costs more than extracting a short letter), removed when the last
    extraction that holds the spool is gone."""

    def __init__(self) -> None:
        fd, name = tempfile.mkstemp(prefix="events-texts-", suffix=".spool")
        self.file = Path(name)
        self._out = os.fdopen(fd, "wb")
        self.texts: dict[str, Spooled] = {}
        weakref.finalize(self, _remove, self._out, self.file)

    def keep(self, name: str, text: str) -> None:
        data = text.encode("utf-8", errors="surrogateescape")
        self.texts[name] = Spooled(self.file, self._out.tell(), len(data))
        self._out.write(data)

    def close(self) -> None:
        self._out.flush()


def _remove(handle, file: Path) -> None:
    handle.close()
    file.unlink(missing_ok=True)


ENGINES = ("local", "dask")
_BATCH = 200  # documents per Dask task at most
_CHUNK = 100  # documents per chunk of a process pool at most

Result = tuple[list[Event], dict | None, str, str | None]  # what _extract_file returns for a document


def _extract_files(batch: list[tuple[Path, dict]]) -> list[Result]:
    return [_extract_file(item) for item in batch]


def _died(path: Path, how: str) -> Result:
    """A document whose reading killed the process that read it (a crash in a C library, the
    out-of-memory killer), named and skipped like any document that cannot be read."""
    return [], None, "", (f"{path.name}: could not be read (its process died while reading it: {how}); "
                          "the other documents are built without it")


def _exit_cause(code: int | None) -> str:
    if code is not None and code < 0:
        try:
            return f"killed by signal {-code} ({signal.Signals(-code).name})"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit status {code}"


# -- documents in a pool of processes, a worker's death costing only its document ------------

_begun = None  # in a pool's worker: the build's marks, one per document (see _pool_results)
_NOT_BEGUN, _BEGUN, _DONE = 0, 1, 2


def _keep_marks(marks) -> None:
    global _begun
    _begun = marks


def _extract_marked(batch: list[tuple[int, tuple[Path, dict]]]) -> list[Result]:
    """_extract_files in a pool's worker, marking each document begun and done in the shared
    marks, so that when the worker dies the build knows which document it was reading."""
    marks, results = _begun, []
    for number, item in batch:
        marks[number] = _BEGUN
        results.append(_extract_file(item))
        marks[number] = _DONE
    return results


def _send_extraction(item: tuple[Path, dict], out) -> None:
    out.send(_extract_file(item))
    out.close()


def _alone(items: list[tuple[Path, dict]], workers: int, context) -> list[Result]:
    """Each document read in a process of its own (`workers` at a time), so that a document
    that kills its process is known for certain: it is named with how its process ended."""
    results = []
    for at in range(0, len(items), workers):
        running = []
        for item in items[at:at + workers]:
            reader, writer = context.Pipe(duplex=False)
            process = context.Process(target=_send_extraction, args=(item, writer), daemon=True)
            process.start()
            writer.close()
            running.append((item[0], reader, process))
        for path, reader, process in running:
            try:
                result = reader.recv()
            except EOFError:  # the process ended without a result
                result = None
            reader.close()
            process.join()
            results.append(result if result is not None else _died(path, _exit_cause(process.exitcode)))
    return results


def _pool_results(files: list[tuple[Path, dict]], workers: int):
    """Each file's extraction in `workers` processes, in file order (as pool.map gives them).
    Should a worker die (a document that crashes its process, the out-of-memory killer), the
    pool breaks and every document it had not returned is lost: the documents that were being
    read then (marked begun, not done: at most one per worker) are each read again in a process
    of their own, which names the one that kills its process, and the others go to a fresh
    pool; so a poisoned document costs only itself, however many there are."""
    context = multiprocessing.get_context()
    marks = context.RawArray("b", len(files))  # _NOT_BEGUN, _BEGUN, _DONE per document
    # chunks small enough that no worker waits long for the last one, large enough to spare the
    # pool a message per document
    size = max(1, min(_CHUNK, len(files) // (workers * 8)))
    todo = list(range(len(files)))
    found: dict[int, Result] = {}  # results that came out of file order (after a pool broke)
    following = 0  # the next file to yield
    while todo:
        chunks = [todo[i:i + size] for i in range(0, len(todo), size)]
        lost: list[int] = []
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_keep_marks,
                                   initargs=(marks,))
        try:
            futures = []
            for chunk in chunks:
                try:
                    futures.append(pool.submit(_extract_marked, [(i, files[i]) for i in chunk]))
                except BrokenProcessPool:  # broken while the chunks were handed out
                    break
            for n, chunk in enumerate(chunks):
                results = None  # a chunk never handed out, or lost with its pool
                if n < len(futures):
                    future, futures[n] = futures[n], None  # the pool forgets a result once it is here
                    with suppress(BrokenProcessPool):
                        results = future.result()
                if results is None:
                    lost.extend(chunk)
                elif chunk[0] == following:  # the normal path: in file order, straight through
                    following = chunk[-1] + 1
                    yield from results
                    while following in found:
                        yield found.pop(following)
                        following += 1
                else:
                    found.update(zip(chunk, results, strict=True))
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        suspects = [i for i in lost if marks[i] == _BEGUN]
        if lost and not suspects:  # a worker died between documents: each lost one is read alone
            suspects = lost
        found.update(zip(suspects, _alone([files[i] for i in suspects], workers, context), strict=True))
        for i in lost:
            marks[i] = _NOT_BEGUN
        todo = [i for i in lost if i not in found]
        while following in found:
            yield found.pop(following)
            following += 1


# -- documents on a Dask cluster --------------------------------------------------------------

def _dask_results(files: list[tuple[Path, dict]], workers: int, scheduler: str | None):
    """Each file's extraction on a Dask cluster, in file order: an existing scheduler at
    `scheduler`, else a LocalCluster of `workers` processes started here and stopped after.
    Files go in batches (a task per file would cost more than reading a short letter). The
    workers read the files themselves: on a real cluster the paths must be theirs too. A
    batch whose worker died is retried by Dask (up to its allowed-failures); a batch that still
    kills its worker (KilledWorker) is read again a document a task, which names the document
    that kills its worker, the rest of the batch built."""
    import dask
    from distributed import Client, LocalCluster

    # A cluster of its own gives up on a task at the first worker it kills (a scheduler of its
    # own retries it up to allowed-failures): each death is a restart, and on a loaded machine a
    # nanny may not restart its worker, so fewer deaths are fewer chances to lose every worker.
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        cluster = None if scheduler else LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                                      dashboard_address=None)
    try:
        with Client(scheduler or cluster) as client:
            size = max(1, min(_BATCH, len(files) // (8 * max(1, len(client.scheduler_info()["workers"])))))
            batches = [files[i:i + size] for i in range(0, len(files), size)]
            futures = client.map(_extract_files, batches, pure=False)
            for i in range(len(futures)):
                future, futures[i] = futures[i], None  # the cluster forgets a result once it is here
                yield from _dask_batch(client, future, batches[i])
    finally:
        if cluster is not None:
            cluster.close()


def _dask_batch(client, future, batch: list[tuple[Path, dict]]) -> list[Result]:
    """A batch's results; where its worker died too often (KilledWorker), its documents read
    again a task each, and those that still fail each alone: the one that kills its worker
    alone is named."""
    from distributed import KilledWorker

    try:
        return future.result()
    except KilledWorker:
        pass
    futures = client.map(_extract_files, [[item] for item in batch], pure=False)
    results: list[Result | None] = []
    for one in futures:
        try:
            results.append(one.result()[0])
        except KilledWorker:  # this one's worker died, or another's beside it: known below
            results.append(None)
    del futures
    again = [i for i, result in enumerate(results) if result is None]
    for i in again:
        path = batch[i][0]
        try:
            results[i] = (client.submit(_extract_files, [batch[i]], pure=False).result()[0] if len(again) > 1
                          else _died(path, "the worker was lost each time Dask ran it (KilledWorker)"))
        except KilledWorker:
            results[i] = _died(path, "the worker was lost each time Dask ran it alone (KilledWorker)")
    return results


def extract_all(paths: list[Path], workers: int = 1, progress: bool | None = None, engine: str = "local",
                scheduler: str | None = None) -> Extraction:
    """Documents → mentions → events: every file under `paths`, each in its own boundary; in
    this process, in `workers` processes, or on a Dask cluster (engine "dask")."""
    files, skipped = collect(paths)
    show = progress if progress is not None else len(files) >= PROGRESS_FROM
    events: list[Event] = []
    sources: list[dict] = []
    spool = Spool()
    bar = tqdm(total=len(files), unit="doc", disable=not show, desc="extracting")
    if engine == "dask" and files:
        results = _dask_results(files, workers, scheduler)
    elif workers > 1 and len(files) > 1:
        results = _pool_results(files, workers)
    else:  # in this process: a document that kills its process kills the build (see README)
        results = map(_extract_file, files)
    for found, source, text, problem in results:
        events.extend(found)
        if problem:
            skipped.append(problem)
        else:
            sources.append(source)
            spool.keep(source["file"], text)
        bar.update()
    bar.close()
    spool.close()
    return Extraction(events, pd.DataFrame(sources, columns=list(SOURCE_COLUMNS)), spool.texts, skipped, (spool,))


@contextmanager
def _live_objects_frozen():
    """The objects alive now (the extraction's events among them, alive through every pass) set
    aside from the cycle collector, which would otherwise walk them again at each of its full
    collections while the passes allocate (the passes 1.2x faster at 10,000 documents). Objects
    are still freed as they always are; the set returns to the collector after."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def assemble(extraction: Extraction, store: Path | None = None) -> BuildResult:
    """Events → clusters → stages → links, over the whole corpus, then the corrections of
    `store`. References and context stay in the table, but only events are clustered, staged
    and linked. A store that cannot be read is named in `skipped`, and the table is built
    without it."""
    found = extraction.events
    with _live_objects_frozen():
        events = [e for e in found if e.is_event]
        cluster_of = clusters(events)
        staged = stages(events)
        events = [placed(e, cluster_of[e.id], *staged[e.id]) for e in events]
        links, superseded = link(events)
        assembled = {e.id: e for e in events}
        table = to_frame([assembled.get(e.id) or placed(e, "c" + e.id, e.process, e.stage) for e in found])
    table["superseded_by"] = [superseded.get(i, "") for i in table["id"]]
    links = links_frame(links)
    not_applied: list[str] = []
    applied = {}
    if store is not None:
        try:
            applied = _store_state(store)
            table, not_applied = corrections.apply(table, store)
        except corrections.StoreError as exc:
            applied = {}
            extraction = dataclasses.replace(extraction, skipped=[
                *extraction.skipped, f"{exc}; the table is built without its corrections"])
        ids = set(table["id"])
        links = links[links["from_id"].isin(ids) & links["to_id"].isin(ids)].reset_index(drop=True)
    for lang, column in headline_columns(table).items():  # of the frames as corrected
        table[f"title_{lang}"] = column
    return BuildResult(table, links, extraction, not_applied, applied)


def _store_state(store: Path) -> dict:
    return {"store": str(Path(store).resolve()), "through": corrections.last_seq(store)}


def _as_recorded(state: dict, out: Path) -> dict:
    """The corrections a build applied as build.json keeps them: the store by its path from the
    table's folder, so that a checkout elsewhere still knows its table's store."""
    if not state:
        return {}
    return {**state, "store": os.path.relpath(state["store"], Path(out).resolve().parent)}


def build(paths: list[Path], store: Path | None = None, base: Extraction | None = None, workers: int = 1,
          progress: bool | None = None, engine: str = "local", scheduler: str | None = None) -> BuildResult:
    """The pipeline, from documents to the corrected table (see assemble). `base`: documents
    read before (the bundled ones, as a build wrote them: see earlier) to which `paths` add.
    `engine`, `workers` and `scheduler`: where the documents are read (see extract_all)."""
    extraction = extract_all(paths, workers=workers, progress=progress, engine=engine, scheduler=scheduler)
    return assemble(base + extraction if base is not None else extraction, store)


def earlier(out: Path, table: pd.DataFrame | None = None) -> Extraction:
    """What the build that wrote the table at `out` extracted: its extracted events (the table's
    own rows, for a table written without them) and its sources; with `table` (the table as
    read), only its sources, for showing the set as written. TableError when there is none."""
    paths = companions(out)
    if table is None:
        table = read_table(paths["extracted"] if paths["extracted"].exists() else out)
        events = events_of(table)
    else:
        events = []
    sources = (pd.read_csv(paths["sources"], dtype=str, keep_default_na=False) if paths["sources"].exists()
               else pd.DataFrame({"file": sorted(set(table["doc"]))}))
    return Extraction(events, sources.reindex(columns=list(SOURCE_COLUMNS), fill_value=""))


def current(out: Path, uploads: list[Path] = (), store: Path | None = None) -> BuildResult:
    """The table at `out` as the pipeline makes it now, for the app and the exports: what its
    build extracted (see earlier), with the documents under `uploads` added, through every pass,
    and the corrections of `store` (by default the one beside the table) last, also those saved
    since the build. TableError when there is no table."""
    store = store or companions(out)["corrections"]
    uploads = [p for p in map(Path, uploads) if p.exists()]
    if not any(collect(uploads)[0]):
        try:  # the written set is this result, when the store is as the build applied it
            state = _store_state(store)
            if build_record(out).get("inputs", {}).get("corrections") == _as_recorded(state, out):
                table, links = read_table_and_links(out)
                return BuildResult(table, links, earlier(out, table), corrections=state)
        except corrections.StoreError:
            pass  # reported by the pipeline below
    return build(uploads, store=store, base=earlier(out))


def write(result: BuildResult, out: Path, keep_snapshots: int | None = None) -> None:
    """The table and what stands beside it: its events as extracted, links, the documents'
    metadata, and the text the extractor saw of each (so every line and quote can be checked).
    All are replaced together or not at all (table.replace_together): texts of documents no
    longer built go with the previous set. `keep_snapshots`: then keep a snapshot of the build
    and the newest that many (events/snapshots.py; None: leave the snapshots alone)."""
    extraction = result.extraction
    replace_together(out, result.table, to_frame(extraction.events), result.links, extraction.sources,
                     extraction.texts, inputs={"corrections": _as_recorded(result.corrections, out)})
    if keep_snapshots is not None:
        snapshots.take(out, keep_snapshots)
