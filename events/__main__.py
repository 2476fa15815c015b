"""Command line: python -m events build [PATH ...] [--out FILE] ..., and python -m events
changes [--table FILE] [--since DATE|SNAPSHOT] [--format text|csv|atom]."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from events import changes, snapshots
from events.build import ENGINES, SEEDS, build, write
from events.cli import EXIT_FAILED, EXIT_OK, EXIT_SKIPPED, EXIT_USAGE, add_debug, guarded
from events.table import DEFAULT_TABLE, TableError, companions, refusal


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m events", description="Dated events from documents about AI regulation.")
    commands = top.add_subparsers(dest="command", required=True)
    b = commands.add_parser(
        "build",
        help="build the events table from documents",
        description=(
            "Read documents (.txt, .md, .pdf, .html; Dutch and English) from files and folders, find every "
            "dated event, and write the events table (CSV, columns as in DESIGN.md). Folders are "
            "read recursively; a documents.csv beside the files gives their metadata (file, date, "
            "addressee, ...), else each document's date is read from its text or inferred. "
            "With no PATH, rebuilds the committed table from seeds/. The output is deterministic "
            "and written atomically: an interrupted build leaves the previous table intact. "
            "Beside the table: links.csv links plans to what later documents report, stages of one "
            "procedure, and events across tracks; sources.csv holds each document's metadata (as "
            "printed in it, documents.csv overriding); texts/ the text the extractor saw of each "
            "(NAME-links.csv and so on beside another table name)."),
        epilog=(
            "Exit status: 0 all files built; 1 built, but something was skipped (a file, a documents.csv "
            "row, or an unreadable corrections store; each is named on stderr with the reason); 2 usage "
            "error, or an --out that would replace what no build wrote or lies inside a folder read; "
            "3 no table written (it could not be written, or no document could be read), the "
            "previous table unchanged; 4 an unexpected error (a bug: one line on stderr, the traceback with "
            "--debug), the previous table unchanged."))
    b.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                   help=f"files or folders to read (default: {SEEDS.name}/)")
    b.add_argument("--out", type=Path, default=None, metavar="FILE",
                   help=f"where to write the table, a .csv or .parquet name (default: "
                        f"{DEFAULT_TABLE.relative_to(SEEDS.parent)}); only what an earlier build wrote there is replaced")
    b.add_argument("--workers", type=int, default=1, metavar="N",
                   help="documents read in parallel by N processes (default: 1; 0 = one per core); with "
                        "--engine dask, the number of workers of the LocalCluster")
    b.add_argument("--engine", choices=ENGINES, default="local",
                   help="where documents are read: local (this machine's processes, default) or dask (a Dask "
                        "cluster: a LocalCluster, or the scheduler of --scheduler)")
    b.add_argument("--scheduler", default=None, metavar="ADDRESS",
                   help="with --engine dask: the address of a running Dask scheduler (tcp://host:8786); the "
                        "workers must be able to read the documents' paths")
    b.add_argument("--corrections", type=Path, default=None, metavar="FILE",
                   help="the curation store whose corrections the table takes (default: corrections.sqlite "
                        "beside the table); a correction whose mention is gone is reported")
    b.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="show a progress bar (default: when there are 20 files or more)")
    b.add_argument("--keep-snapshots", type=int, default=snapshots.KEEP, metavar="N",
                   help=f"keep a snapshot of this build, and the newest N (default: {snapshots.KEEP}; 0: none)")
    compared = commands.add_parser("changes", help="what changed between two builds of a table",
                                   description=changes.DESCRIPTION, epilog=changes.EPILOG)
    changes.add_arguments(compared)
    for command in (b, compared):
        add_debug(command)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    what = "the build" if args.command == "build" else f"python -m events {args.command}"
    return guarded(what, "the previous table is unchanged",
                   lambda: changes.run(args) if args.command == "changes" else run(args), args.debug)


def run(args: argparse.Namespace) -> int:
    workers = args.workers if args.workers > 0 else (os.cpu_count() or 1)
    paths = args.paths or [SEEDS]
    out = args.out or DEFAULT_TABLE
    store = Path(args.corrections or companions(out)["corrections"])
    if args.scheduler and args.engine != "dask":
        print("error: --scheduler needs --engine dask", file=sys.stderr)
        return EXIT_USAGE
    refused = refusal(out, paths)
    if refused:
        print(f"error: {refused}; nothing read or written", file=sys.stderr)
        return EXIT_USAGE
    try:
        result = build(paths, store=store, workers=workers, progress=args.progress, engine=args.engine,
                       scheduler=args.scheduler)
    except OSError as exc:  # its temporary files (the texts read, kept for the table) on a full disk
        print(f"error: the build could not write its temporary files in {tempfile.gettempdir()} "
              f"({exc.strerror or exc}); nothing written, the previous table at {out} is unchanged", file=sys.stderr)
        return EXIT_FAILED
    for message in result.skipped:
        print(f"skipped {message}", file=sys.stderr)
    for message in result.not_applied:
        print(f"not applied: {message}", file=sys.stderr)
    if not result.documents:
        print(f"error: no document could be read from {', '.join(map(str, paths))}; nothing written, the previous "
              f"table at {out} is unchanged", file=sys.stderr)
        return EXIT_FAILED
    skipped = len(result.skipped)
    try:
        write(result, out, keep_snapshots=args.keep_snapshots)
    except snapshots.SnapshotError as exc:  # the table is written; only its snapshot is missing
        print(f"skipped {exc}", file=sys.stderr)
        skipped += 1
    except (OSError, TableError) as exc:
        print(f"error: could not write {out}: {exc}; the previous table is unchanged", file=sys.stderr)
        return EXIT_FAILED
    events = int((result.table["kind"] == "event").sum())
    print(f"{events} events and {len(result.table) - events} references or context from {result.documents} "
          f"documents written to {out}" + (f"; {skipped} skipped" if skipped else ""), file=sys.stderr)
    return EXIT_SKIPPED if skipped else EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
