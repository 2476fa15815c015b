"""What every command of the project does alike: the exit codes, one line on stderr per error
(naming the input and the reason), and a traceback only with --debug (or AIRT_DEBUG=1)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path

# 0: done; 1: done, but something was skipped (a file, a metadata row, a store, a snapshot);
# 2: usage (an unknown option or value); 3: nothing written (it could not be written or read),
# what was there before unchanged; 4: an unexpected error (a bug), what was there unchanged.
EXIT_OK, EXIT_SKIPPED, EXIT_USAGE, EXIT_FAILED, EXIT_CRASHED = 0, 1, 2, 3, 4
EXIT_INTERRUPTED = 130


def add_debug(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--debug", action="store_true",
                        help="show the traceback of an unexpected error (exit status 4), to report it")


def guarded(what: str, unchanged: str, body: Callable[[], int], debug: bool = False) -> int:
    """Run a command's body: an interruption or an unexpected error (a bug) becomes one line on
    stderr and its exit status, unless `debug` asks for the traceback. `what`: the command in
    words ("the build"); `unchanged`: what the user keeps ("the previous table is unchanged")."""
    try:
        return body()
    except KeyboardInterrupt:
        print(f"interrupted; {unchanged}", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:  # a bug: one line, not a traceback dump, and its own exit status
        if debug or os.environ.get("AIRT_DEBUG"):
            raise
        where = exc.__traceback__
        while where and where.tb_next:
            where = where.tb_next
        at = f" at {Path(where.tb_frame.f_code.co_filename).name}:{where.tb_lineno}" if where else ""
        print(f"error: {what} failed unexpectedly ({type(exc).__name__}: {exc}{at}); {unchanged}; rerun with "
              "--debug for the traceback and report it", file=sys.stderr)
        return EXIT_CRASHED
