"""A document that kills the process reading it (a crash in a C library, the out-of-memory
killer) costs only itself: the build names it, reads every other document, and exits 1, under
--workers and on Dask.

The poison is real: each build runs in a process of its own (`python -c`) whose per-document
extraction kills its own process (SIGKILL) mid-document when the document holds a marker,
after writing "dying <pid>" to a log. Nothing is patched in this test's process."""

import re
import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT, SEED_FILES, SEEDS, run_module, seed_text

MARKER = "POISON-7f3a: this document kills the process that reads it"

# argv: the marker, the log, then the command line of `python -m events`. The poisoned
# functions are __main__'s: a forked pool worker inherits them, and Dask sends them to its
# workers by value (the per-batch function names them).
CHILD = r"""
import os, signal, sys
import events.build as build
from events.__main__ import main
from events.documents import load

MARKER, LOG = sys.argv[1], sys.argv[2]
real = build._extract_file


def note(line):
    with open(LOG, "a") as log:
        log.write(line + "\n")


def poisoned(item):
    path, metadata = item
    text = load(path, metadata).text  # the document is read, its extraction begun
    if MARKER in text:
        note(f"dying {os.getpid()}")
        os.kill(os.getpid(), signal.SIGKILL)
        note(f"survived {os.getpid()}")  # never written: the process is gone
    return real(item)


def poisoned_batch(batch):
    return [poisoned(item) for item in batch]


build._extract_file = poisoned
build._extract_files = poisoned_batch
note(f"build {os.getpid()}")
sys.exit(main(sys.argv[3:]))
"""

# the table and what stands beside it that holds the documents' events and metadata
COMPARED = ("events.csv", "extracted.csv", "links.csv", "sources.csv")


def poisoned_build(log, *args, timeout=300):
    return subprocess.run([sys.executable, "-c", CHILD, MARKER, str(log), "build", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout)


def folders(tmp_path, poisoned: list[str]):
    """The seeds (with their documents.csv) in two folders: one with the poisoned documents
    added (each a seed's text with the marker, named to sort among the seeds), one without."""
    clean, dirty = tmp_path / "clean", tmp_path / "dirty"
    for folder in (clean, dirty):
        folder.mkdir()
        for file in [*SEED_FILES, SEEDS / "documents.csv"]:
            shutil.copy(file, folder / file.name)
    for name in poisoned:
        (dirty / name).write_text(seed_text(name[:3]) + f"\n{MARKER}\n", encoding="utf-8")
    return clean, dirty


def built_without(clean, out):
    done = run_module("events", "build", clean, "--out", out)
    assert done.returncode == 0, done.stderr
    return {name: (out.parent / name).read_bytes() for name in COMPARED}


def log_of(log):
    lines = log.read_text().split()
    pairs = list(zip(lines[::2], map(int, lines[1::2]), strict=True))
    return [pid for what, pid in pairs if what == "build"], [pid for what, pid in pairs if what == "dying"], pairs


@pytest.mark.parametrize("engine", [pytest.param([], id="workers"), pytest.param(["--engine", "dask"], id="dask")])
def test_a_document_that_kills_its_worker_is_named_and_the_rest_is_built(tmp_path, engine):
    poisoned = "002b_poisoned.txt"
    clean, dirty = folders(tmp_path, [poisoned])
    expected = built_without(clean, tmp_path / "clean-out" / "events.csv")
    out, log = tmp_path / "out" / "events.csv", tmp_path / "log"
    done = poisoned_build(log, dirty, "--out", out, "--workers", 2, *engine)
    assert done.returncode == 1, done.stderr
    skipped = [line for line in done.stderr.splitlines() if line.startswith("skipped ")]
    assert len(skipped) == 1 and re.match(rf"skipped {poisoned}: could not be read \(its process died while "
                                          r"reading it: .+\)", skipped[0]), done.stderr
    if not engine:
        assert "killed by signal 9 (SIGKILL)" in skipped[0]
    assert "from 5 documents written" in done.stderr
    # every other document's events, byte for byte as a build without the poisoned document
    assert {name: (out.parent / name).read_bytes() for name in COMPARED} == expected
    # the poison struck in a worker, mid-document: a process other than the build's wrote
    # "dying" and never got past the kill; the build's own process lived on to write the table
    builds, dying, pairs = log_of(log)
    assert len(builds) == 1 and dying and builds[0] not in dying, pairs
    assert not any(what == "survived" for what, _ in pairs)


def test_two_poisoned_documents_are_both_named_and_every_other_is_built(tmp_path):
    clean, dirty = folders(tmp_path, ["000b_poisoned.txt", "003b_poisoned.txt"])
    expected = built_without(clean, tmp_path / "clean-out" / "events.csv")
    out, log = tmp_path / "out" / "events.csv", tmp_path / "log"
    done = poisoned_build(log, dirty, "--out", out, "--workers", 2)
    assert done.returncode == 1, done.stderr
    skipped = [line for line in done.stderr.splitlines() if line.startswith("skipped ")]
    assert [line.split(":")[0] for line in skipped] == ["skipped 000b_poisoned.txt", "skipped 003b_poisoned.txt"]
    assert all("its process died while reading it: killed by signal 9" in line for line in skipped)
    assert {name: (out.parent / name).read_bytes() for name in COMPARED} == expected
    builds, dying, _ = log_of(log)
    assert builds[0] not in dying and len(dying) >= 2


# a worker that dies after it has read its chunk's documents, before it returns them: no
# document was being read, so each one lost is read again alone, and all are built
DIES_BETWEEN = CHILD.replace("build._extract_file = poisoned\n", """
real_marked = build._extract_marked


def dies_after(batch):
    results = real_marked(batch)
    if any(MARKER in load(*item).text for _, item in batch):
        note(f"dying {os.getpid()}")
        os.kill(os.getpid(), signal.SIGKILL)
    return results


build._extract_marked = dies_after
""")


def test_a_worker_that_dies_between_documents_costs_no_document(tmp_path):
    # the marked document is an ordinary one here: the worker dies once it has read it, and it
    # is read again in a process of its own, which nothing kills
    clean, dirty = folders(tmp_path, ["002b_marked.txt"])
    shutil.copy(dirty / "002b_marked.txt", clean / "002b_marked.txt")
    expected = built_without(clean, tmp_path / "clean-out" / "events.csv")
    out, log = tmp_path / "out" / "events.csv", tmp_path / "log"
    done = subprocess.run([sys.executable, "-c", DIES_BETWEEN, MARKER, str(log), "build", str(dirty), "--out",
                           str(out), "--workers", "2"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "skipped" not in done.stderr and "from 6 documents written" in done.stderr
    assert {name: (out.parent / name).read_bytes() for name in COMPARED} == expected
    builds, dying, _ = log_of(log)
    assert dying and builds[0] not in dying
