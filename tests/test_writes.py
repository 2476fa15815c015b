"""The table, its links, sources and texts are replaced together or not at all: a build killed
while it writes leaves the previous set whole, one killed while it moves the new set into place
is finished by the next reader, and a reader never sees a set of two builds."""

import multiprocessing
import os
import shutil
import signal
import stat
import subprocess
import sys

import pytest

from events.build import SEEDS, build, write
from events.table import (
    TableChanged,
    companions,
    read_links,
    read_table,
    read_table_and_links,
    verify,
)
from tests.conftest import SEED_FILES, files_of


def snapshot(out):
    return files_of(out.parent)


@pytest.fixture(scope="module")
def two_builds():
    """Two different results: two seeds, and all of them."""
    return build(SEED_FILES[:2]), build(SEED_FILES)


@pytest.fixture
def previous(tmp_path, two_builds):
    """The set of the smaller build, written; the bigger one is what a killed build writes."""
    out = tmp_path / "data" / "events.csv"
    write(two_builds[0], out)
    return out, snapshot(out)


# The child builds all seeds over the previous set, and stops where the test says: it prints a
# line when it gets there and sleeps, so the parent kills it there and nowhere else.
CHILD = """
import os, sys, time
import events.table as table
where = os.environ["STOP_AT"]
real_write, real_replace = table._write_file, os.replace

def write_file(content, path, **how):
    digest = real_write(content, path, **how)
    if where == "staging" and path.name == "links.csv" and ".staging-" in path.parent.name:
        print("inside the write", path.parent, flush=True)  # the new table and links are on disk, staged
        time.sleep(120)
    return digest

def replace(src, dst):
    real_replace(src, dst)
    if where == "moving" and os.path.basename(dst) == "links.csv" and ".commit" in str(src):
        print("inside the moves", src, flush=True)  # new links in place, the table still the old one
        time.sleep(120)

table._write_file = write_file
table.os.replace = replace
from events.__main__ import main
sys.exit(main(["build", *sys.argv[1:]]))
"""


def kill_at(where: str, out) -> str:
    proc = subprocess.Popen([sys.executable, "-c", CHILD, *map(str, SEED_FILES), "--out", str(out)],
                            cwd=SEEDS.parent, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                            env={**os.environ, "STOP_AT": where})
    try:
        line = proc.stdout.readline()  # blocks until the child is inside the write
        assert line.startswith("inside"), f"the child ended without reaching {where}: {line!r}"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL
    return line


def test_a_build_killed_while_it_writes_leaves_the_previous_set_whole(previous, two_builds):
    out, before = previous
    line = kill_at("staging", out)
    staging = [p for p in out.parent.iterdir() if ".staging-" in p.name]
    # proof that it was killed mid-write: its staged table (the bigger build) and links are on disk
    assert len(staging) == 1 and str(staging[0]) in line
    staged_table = (staging[0] / "events.csv").read_bytes()
    assert staged_table != before["events.csv"] and len(staged_table) > len(before["events.csv"])
    assert (staging[0] / "links.csv").exists() and not (staging[0] / "sources.csv").exists()
    # the previous set, every file of it, is as it was, and reads
    assert {k: v for k, v in snapshot(out).items() if ".staging-" not in k} == before
    table, _ = read_table_and_links(out)
    assert set(table["doc"]) == {p.name for p in SEED_FILES[:2]} and verify(out) == []
    # the next build clears the dead build's staging folder
    write(two_builds[1], out)
    assert [p.name for p in out.parent.iterdir() if p.name.startswith(".")] == []
    assert set(read_table(out)["doc"]) == {p.name for p in SEED_FILES}


def test_a_build_killed_while_it_moves_the_new_set_in_is_finished_by_the_next_reader(previous, two_builds, tmp_path):
    out, before = previous
    kill_at("moving", out)
    # on disk now: the new links beside the old table, and the commit folder holding the rest
    assert companions(out)["links"].read_bytes() != before["links.csv"]
    assert out.read_bytes() == before["events.csv"]
    assert (out.parent / ".events.csv.commit" / "events.csv").exists()
    # a reader finishes the committed replacement before it reads: the new set, whole
    table, links = read_table_and_links(out)
    assert not (out.parent / ".events.csv.commit").exists()
    assert verify(out) == []
    reference = tmp_path / "reference" / "events.csv"
    write(build(SEED_FILES, store=companions(reference)["corrections"]), reference)  # as the killed build made it
    assert snapshot(out) == snapshot(reference)
    assert set(links["from_id"]) | set(links["to_id"]) <= set(table["id"])


def test_files_and_folders_are_written_readable_by_others(previous):
    out, _ = previous
    old = os.umask(0o077)  # even under a strict umask, as a table shared with a dashboard needs
    try:
        write(build(SEED_FILES[:1]), out)
    finally:
        os.umask(old)
    for path in [out.parent / name for name in snapshot(out)]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o644, path
    assert stat.S_IMODE(companions(out)["texts"].stat().st_mode) == 0o755


def test_links_of_another_build_than_the_table_read_are_refused(previous, two_builds):
    out, _ = previous
    table = read_table(out)
    write(two_builds[1], out)  # a build finishes between reading the table and its links
    with pytest.raises(TableChanged, match="replaced by a build while it was being read"):
        read_links(companions(out)["links"], table)
    table, _ = read_table_and_links(out)
    assert set(table["doc"]) == {p.name for p in SEED_FILES}


def _writer(out, stop, results, writes):
    one, two = results
    while not stop.is_set():
        write((one, two)[writes.value % 2], out)
        with writes.get_lock():
            writes.value += 1


WRITES = 12  # builds written while the reader reads, alternating the two


def test_a_reader_never_sees_a_set_of_two_builds(previous, two_builds):
    out, _ = previous
    whole = {len(r.table): (set(r.table["id"]), len(r.links)) for r in two_builds}
    context = multiprocessing.get_context("fork")
    stop, writes = context.Event(), context.Value("i", 0)
    writer = context.Process(target=_writer, args=(out, stop, two_builds, writes))
    writer.start()
    seen, reads = set(), 0
    try:
        while writes.value < WRITES and writer.is_alive():  # read for as long as the writer replaces the set
            table, links = read_table_and_links(out)
            reads += 1
            ids, n_links = whole[len(table)]
            assert set(table["id"]) == ids and len(links) == n_links
            seen.add(len(table))
    finally:
        stop.set()
        writer.join(timeout=60)
    assert writer.exitcode == 0 and writes.value >= WRITES
    assert len(seen) == 2 and reads > WRITES  # both builds were read, each whole, between and during writes
    assert verify(out) == []


def test_an_invalid_table_writes_nothing(previous, two_builds):
    out, before = previous
    bad = two_builds[1]
    broken = bad.table.copy()
    broken.loc[0, "track"] = "mars"
    from events.build import BuildResult
    from events.table import TableError
    with pytest.raises(TableError, match="track has values outside the vocabulary"):
        write(BuildResult(broken, bad.links, bad.extraction), out)
    assert snapshot(out) == before
    assert [p.name for p in out.parent.iterdir() if p.name.startswith(".")] == []
    shutil.rmtree(out.parent)
