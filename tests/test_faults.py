"""Faults a real machine brings, injected on purpose, and nothing written before lost: a kill
at every write step (the CSV and the Parquet set with their snapshots, an upload, a saved
correction), a full disk and a read-only target. A worker killed mid-document is in
tests/test_worker_faults.py.

A kill at step k: a forked child counts the calls that change the disk (os.replace, rename,
link, unlink, mkdir, rmdir, chmod, fsync, sync, shutil.rmtree; for the corrections store,
SQLite's statements) and SIGKILLs itself at the k-th, after writing down what it was doing;
k runs from 1 until a child finishes its work, so every step is a place it was killed."""

from __future__ import annotations

import contextlib
import io
import itertools
import multiprocessing
import os
import resource
import shutil
import signal
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from dashboard.uploads import save_upload
from events import corrections, snapshots
from events.__main__ import main
from events.build import build, write
from events.table import read_table, read_table_and_links, verify
from tests.conftest import SEED_FILES, UPLOAD_LETTER, files_of

FORK = multiprocessing.get_context("fork")
DISK_CALLS = {os: ("replace", "rename", "link", "unlink", "mkdir", "rmdir", "chmod", "fsync", "sync"),
              shutil: ("rmtree",)}


def _count_and_die(step: int, marker: Path) -> Callable[[str], None]:
    calls = itertools.count(1)

    def called(what: str) -> None:
        if next(calls) == step:
            marker.write_text(what, encoding="utf-8")
            os.kill(os.getpid(), signal.SIGKILL)
    return called


def _child(step: int, work: Callable[[], None], marker: Path, statements: bool) -> None:
    called = _count_and_die(step, marker)
    if statements:  # the store's writes happen inside SQLite: count its statements
        connect = sqlite3.connect

        def traced(*args, **kwargs):
            conn = connect(*args, **kwargs)
            conn.set_trace_callback(lambda sql: called(f"sql {sql.split()[0]}"))
            return conn
        corrections.sqlite3.connect = traced
    else:
        for module, names in DISK_CALLS.items():
            for name in names:
                real = getattr(module, name)

                def wrapped(*args, _real=real, _name=name, **kwargs):
                    called(f"{_name} {' '.join(str(a) for a in args[:2])}")
                    return _real(*args, **kwargs)
                setattr(module, name, wrapped)
    work()
    os._exit(0)


def killed_at(step: int, work: Callable[[], None], tmp_path: Path, statements: bool = False) -> str | None:
    """Run `work` in a forked child killed at its `step`-th write: what it was doing then
    (proof that it died there, mid-work), or None when it finished before that step."""
    marker = tmp_path / f"killed-{step}.txt"
    child = FORK.Process(target=_child, args=(step, work, marker, statements))
    child.start()
    child.join(120)
    assert child.exitcode in (0, -signal.SIGKILL), f"step {step}: the child ended with {child.exitcode}"
    if child.exitcode == 0:
        return None
    return marker.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def two_builds():
    """A smaller build (one seed) written first, and the whole seeds written over it."""
    return build(SEED_FILES[:1]), build(SEED_FILES)


@pytest.mark.parametrize("name", ["events.csv", "events.parquet"])
def test_a_build_killed_at_any_write_step_leaves_one_whole_set_and_whole_snapshots(tmp_path, two_builds, name):
    small, whole = two_builds
    pristine = tmp_path / "pristine" / name
    write(small, pristine, keep_snapshots=5)
    sets = {frozenset(b.table["id"]): len(b.links) for b in (small, whole)}
    steps = []
    for step in itertools.count(1):
        out = tmp_path / f"k{step}" / name
        shutil.copytree(pristine.parent, out.parent)
        doing = killed_at(step, lambda out=out: write(whole, out, keep_snapshots=5), tmp_path)
        table, links = read_table_and_links(out)  # a reader sees the previous set or the new, whole
        assert sets.get(frozenset(table["id"])) == len(links) and verify(out) == [], f"after a kill at {doing}"
        kept, damaged = snapshots.survey(out)
        assert damaged == [] and len(kept) in (1, 2), f"after a kill at {doing}"
        write(whole, out, keep_snapshots=5)  # the next build clears what the killed one left
        assert not [p for p in out.parent.iterdir() if p.name.startswith(".")]
        shutil.rmtree(out.parent)
        if doing is None:
            break
        steps.append(doing)
    assert len(steps) >= 20, steps  # staging, texts, the commit, the moves, the snapshot: each a step
    assert any(s.startswith("rename") for s in steps) and any("snapshots" in s for s in steps), steps


def test_an_upload_killed_at_any_write_step_is_whole_or_absent(tmp_path):
    data = UPLOAD_LETTER.encode("utf-8")
    steps = []
    for step in itertools.count(1):
        folder = tmp_path / f"k{step}"
        folder.mkdir()
        (folder / "brief.txt").write_bytes(b"an earlier upload")
        doing = killed_at(step, lambda folder=folder: save_upload(folder, "brief.txt", data), tmp_path)
        visible = {p.name: p.read_bytes() for p in folder.iterdir() if not p.name.startswith(".")}
        assert visible["brief.txt"] == b"an earlier upload", f"after a kill at {doing}"
        assert set(visible) <= {"brief.txt", "brief-2.txt"} and visible.get("brief-2.txt", data) == data
        if doing is None:
            assert visible["brief-2.txt"] == data
            break
        steps.append(doing)
    assert len(steps) >= 3 and any(s.startswith("fsync") for s in steps), steps


def test_a_correction_killed_at_any_statement_is_saved_whole_or_not_at_all(tmp_path):
    table = read_table(Path(__file__).resolve().parent.parent / "events" / "data" / "events.csv")
    first, second = table["id"].iloc[:2]
    steps = []
    for step in itertools.count(1):
        store = tmp_path / f"k{step}.sqlite"
        corrections.record(store, first, "set", "title", "Eerder", author="Anna", table=table)
        doing = killed_at(step, lambda store=store: corrections.record(
            store, second, "reject", author="Bram", table=table), tmp_path, statements=True)
        history = corrections.history(store)
        assert list(history["author"]) in (["Anna"], ["Anna", "Bram"]), f"after a kill at {doing}"
        out, _ = corrections.apply(table, store)
        assert out.set_index("id").loc[first, "title"] == "Eerder"
        if doing is None:
            assert second not in set(out["id"])
            break
        steps.append(doing)
    assert any(s.startswith("sql COMMIT") or s.startswith("sql INSERT") for s in steps), steps


# --- a full disk and a read-only target ------------------------------------------------------------

@contextlib.contextmanager
def tmpfs(path: Path, size: str) -> Iterator[bool]:
    """A small tmpfs at `path` where this process may mount one (root); False where it may not."""
    path.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                                           capture_output=True).returncode != 0:
        yield False
        return
    try:
        yield True
    finally:
        subprocess.run(["umount", "-l", str(path)], check=True)


def _limited_build(limit: int, argv: list[str], result: multiprocessing.Queue) -> None:
    """The command in a child whose files may not grow past `limit` bytes (ulimit -f): a write past
    it fails with EFBIG, as a full disk fails with ENOSPC."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(argv)
    result.put((code, err.getvalue()))


@pytest.mark.parametrize("full", ["tmpfs", "ulimit -f"])
def test_a_build_onto_a_full_disk_writes_nothing_and_keeps_the_previous_set(tmp_path, capsys, full):
    letters = tmp_path / "letters"
    letters.mkdir()
    for path in SEED_FILES:
        shutil.copy(path, letters / path.name)
    with tmpfs(tmp_path / "disk", "160k") if full == "tmpfs" else contextlib.nullcontext(False) as mounted:
        if full == "tmpfs" and not mounted:
            pytest.skip("no tmpfs may be mounted here; the file size limit stands in for a full disk")
        out = (tmp_path / "disk" if mounted else tmp_path / "plain") / "data" / "events.csv"
        assert main(["build", str(letters / SEED_FILES[0].name), "--out", str(out), "--keep-snapshots", "0"]) == 0
        before = files_of(out.parent)
        argv = ["build", str(letters), "--out", str(out), "--keep-snapshots", "0"]
        if mounted:  # a real full disk: the whole seeds' texts do not fit
            code, err = main(argv), capsys.readouterr().err
        else:  # a file size limit instead (ulimit -f)
            queue = FORK.Queue()
            child = FORK.Process(target=_limited_build, args=(60_000, argv, queue))
            child.start()
            code, err = queue.get(timeout=120)
            child.join(60)
        assert code == 3, err
        [line] = [line for line in err.splitlines() if line.startswith("error:")]
        if mounted:  # the table's folder is full
            assert f"could not write {out}" in line and "No space left on device" in line
        else:  # the limit is met first by the build's temporary files (the texts it keeps for the table)
            assert "could not write its temporary files" in line and "File too large" in line
        assert "previous table" in line and "is unchanged" in line
        assert files_of(out.parent) == before and verify(out) == []
        assert not [p for p in out.parent.iterdir() if p.name.startswith(".")]


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """The folder made read-only: a read-only remount of its tmpfs (root, whom modes do not stop),
    else its mode."""
    if os.geteuid() == 0:
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        try:
            yield
        finally:
            subprocess.run(["mount", "-o", "remount,rw", str(folder)], check=True)
    else:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)


def test_a_build_and_an_export_into_a_read_only_folder_say_so_and_change_nothing(tmp_path, capsys):
    from dashboard.export import main as export
    with tmpfs(tmp_path / "disk", "4m") as mounted:
        if os.geteuid() == 0 and not mounted:
            pytest.skip("root here may not mount a tmpfs, and modes do not stop root")
        out = tmp_path / "disk" / "events.csv"
        assert main(["build", str(SEED_FILES[0]), "--out", str(out), "--keep-snapshots", "0"]) == 0
        before = files_of(out.parent)
        capsys.readouterr()
        with read_only(out.parent):
            assert main(["build", str(SEED_FILES[1]), "--out", str(out), "--keep-snapshots", "0"]) == 3
            err = capsys.readouterr().err.strip().splitlines()
            assert err[-1].startswith(f"error: could not write {out}"), err
            assert "Read-only file system" in err[-1] or "Permission denied" in err[-1], err
            assert export(["--out", str(out.parent / "view.svg"), "--table", str(out)]) == 3
            [line] = capsys.readouterr().err.strip().splitlines()
            assert line.startswith(f"error: could not write {out.parent / 'view.svg'}") and "nothing written" in line
        assert files_of(out.parent) == before
