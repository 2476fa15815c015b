"""Builds kept: a compressed snapshot of each build's table and links, with its date, its
inputs and its corrections, pruned to the newest N."""

import gzip
import hashlib
import os
import shutil
import stat
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pytest

from events import corrections, snapshots
from events.__main__ import main
from events.build import SEEDS
from events.table import companions, read_links, read_table, text_name


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The seeds built once by the command line, keeping no snapshot."""
    out = tmp_path_factory.mktemp("built") / "events.csv"
    assert main(["build", str(SEEDS), "--out", str(out), "--keep-snapshots", "0"]) == 0
    assert not snapshots.folder(out).exists()
    return out


@pytest.fixture
def table(built, tmp_path):
    """A copy of the built table and what stands beside it, for one test to keep snapshots of."""
    for path in built.parent.iterdir():
        (shutil.copytree if path.is_dir() else shutil.copy2)(path, tmp_path / path.name)
    return tmp_path / "events.csv"


def at(day: int, hour: int = 12) -> datetime:
    return datetime(2025, 1, day, hour, tzinfo=UTC)


def test_a_snapshot_holds_the_build_its_date_and_inputs(table):
    kept = snapshots.take(table, now=at(3))
    assert kept.name == "20250103-120000-000000" and kept.taken == at(3)
    assert kept.path.parent == table.parent / "snapshots"
    old_table, old_links = kept.read()
    pd.testing.assert_frame_equal(old_table, read_table(table))
    pd.testing.assert_frame_equal(old_links, read_links(companions(table)["links"], read_table(table)))
    documents = sorted(p.name for p in SEEDS.glob("*.txt"))
    assert sorted(kept.inputs) == documents
    text = (companions(table)["texts"] / text_name(documents[0])).read_bytes()
    assert kept.inputs[documents[0]] == hashlib.sha256(text).hexdigest()
    assert kept.corrections == 0  # the build applied none
    # compressed, readable by others, whole
    assert (kept.path / "events.csv.gz").stat().st_size < table.stat().st_size / 3
    assert gzip.decompress((kept.path / "events.csv.gz").read_bytes()) == table.read_bytes()
    assert stat.S_IMODE(kept.path.stat().st_mode) == 0o755
    assert {stat.S_IMODE(p.stat().st_mode) for p in kept.path.iterdir()} == {0o644}
    assert not [p for p in kept.path.parent.iterdir() if p.name.startswith(".")]


def test_each_build_keeps_one_with_the_newest_correction_it_applied(table, capsys):
    victim = read_table(table).iloc[0]["id"]
    corrections.record(companions(table)["corrections"], victim, "reject", author="Anna")
    assert main(["build", str(SEEDS), "--out", str(table), "--keep-snapshots", "1"]) == 0
    [kept] = snapshots.listing(table)
    assert kept.corrections == 1 and victim not in set(kept.read()[0]["id"])
    assert main(["build", str(SEEDS), "--out", str(table), "--keep-snapshots", "0"]) == 0
    assert snapshots.listing(table) == []


def test_a_snapshot_that_cannot_be_kept_is_named_and_the_table_written(table, capsys):
    snapshots.folder(table).write_text("a file where the snapshots would go")
    before = table.stat().st_mtime_ns
    assert main(["build", str(SEEDS), "--out", str(table)]) == 1
    err = capsys.readouterr().err
    assert f"skipped {table} is written, but no snapshot of its build could be kept" in err
    assert table.stat().st_mtime_ns != before and read_table(table).shape[0] > 0


def test_pruning_keeps_the_newest_n(table):
    taken = [snapshots.take(table, keep=3, now=at(day)).name for day in range(1, 6)]
    assert [s.name for s in snapshots.listing(table)] == taken[-3:]
    assert snapshots.prune(table, 1) == taken[-3:-1]
    assert [s.name for s in snapshots.listing(table)] == taken[-1:]
    assert snapshots.take(table, keep=0) is None
    assert snapshots.listing(table) == []


def test_a_parquet_table_keeps_its_snapshots_as_the_csv_table_does(tmp_path, table):
    out = tmp_path / "parquet" / "events.parquet"
    assert main(["build", str(SEEDS), "--out", str(out)]) == 0
    [kept] = snapshots.listing(out)
    assert kept.path.parent == out.parent / "snapshots"
    pd.testing.assert_frame_equal(kept.read()[0], read_table(table), check_dtype=False)


def test_two_builds_in_the_same_instant_keep_two_snapshots(table):
    first, second = snapshots.take(table, now=at(1)), snapshots.take(table, now=at(1))
    assert first.name != second.name and [s.name for s in snapshots.listing(table)] == [first.name, second.name]


def test_snapshots_stand_beside_the_table_they_are_of():
    assert snapshots.folder(Path("/data/events.csv")) == Path("/data/snapshots")
    assert snapshots.folder(Path("/data/brieven.csv")) == Path("/data/brieven-snapshots")


def test_a_build_is_found_by_name_by_its_start_or_by_date(table):
    first, second = snapshots.take(table, now=at(1, 10)), snapshots.take(table, now=at(3, 10))
    assert snapshots.find(table, second.name) == second
    assert snapshots.find(table, "20250103") == second
    assert snapshots.find(table, "2025-01-02") == first  # the newest from before that day
    assert snapshots.find(table, "2025-01-04") == second
    with pytest.raises(snapshots.SnapshotError, match=f"no build .* before 2025-01-01; kept: {first.name}"):
        snapshots.find(table, "2025-01-01")
    with pytest.raises(snapshots.SnapshotError, match=f"names several .* kept: {first.name} .*, {second.name}"):
        snapshots.find(table, "2025")
    with pytest.raises(snapshots.SnapshotError, match="is no snapshot and no date"):
        snapshots.find(table, "last week")
    with pytest.raises(snapshots.SnapshotError, match=f"'2025-02-30' is no date; kept: {first.name}"):
        snapshots.find(table, "2025-02-30")


def test_a_write_killed_midway_is_not_listed_and_is_cleaned_up_later(table):
    kept = snapshots.take(table)
    killed = kept.path.parent / ".tmp-killed"
    killed.mkdir()
    (killed / "events.csv.gz").write_bytes(b"\x1f\x8b half")
    assert snapshots.listing(table) == [kept]
    snapshots.prune(table)
    assert killed.exists()  # it may be a build writing now
    os.utime(killed, (0, 0))
    snapshots.prune(table)
    assert not killed.exists() and snapshots.listing(table) == [kept]


def test_a_damaged_snapshot_is_named(table):
    kept = snapshots.take(table)
    (kept.path / "events.csv.gz").write_bytes(b"not gzip")
    with pytest.raises(snapshots.SnapshotError, match=f"{kept.path}.*remove it"):
        kept.read()
    (kept.path / "snapshot.json").write_text("{")
    assert snapshots.listing(table) == []  # left out of what can be compared, and named:
    assert snapshots.survey(table) == ([], [f"the snapshot {kept.path} cannot be read (Expecting property name "
                                            "enclosed in double quotes: line 1 column 2 (char 1)); remove it"])


def three_builds(table):
    return [snapshots.take(table, now=at(day)) for day in (3, 4, 5)]


def test_a_damaged_snapshot_json_costs_only_itself_in_events_changes(table, capsys):
    second = three_builds(table)[1]
    (second.path / "snapshot.json").write_text("{", encoding="utf-8")
    assert main(["changes", "--table", str(table)]) == 0  # the two builds that can be read
    err = capsys.readouterr().err
    assert err.startswith(f"warning: the snapshot {second.path} cannot be read") and err.count("\n") == 1
    assert main(["changes", "--table", str(table), "--since", second.name]) == 2  # the one it needs is gone
    assert f"'{second.name}' is no snapshot" in capsys.readouterr().err


@pytest.mark.parametrize("damage", ["gzip body", "links missing"])
def test_a_snapshot_whose_files_are_damaged_is_named_not_a_crash(table, capsys, damage):
    first, second = three_builds(table)[:2]
    if damage == "gzip body":  # a gzip header, then bytes that do not inflate: zlib.error
        whole = (first.path / "events.csv.gz").read_bytes()
        (first.path / "events.csv.gz").write_bytes(whole[:12] + bytes(255 - b for b in whole[12:200]) + whole[200:])
    else:
        (first.path / "links.csv.gz").unlink()
    assert main(["changes", "--table", str(table), "--since", first.name]) == 3
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"error: the snapshot {first.path} cannot be read (") and err.endswith("remove it")
    assert "\n" not in err and "Traceback" not in err
    assert main(["changes", "--table", str(table), "--since", second.name]) == 0  # the others still compare


def test_the_snapshots_folder_is_readable_by_others_whatever_the_umask(table):
    old = os.umask(0o077)
    try:
        kept = snapshots.take(table)
    finally:
        os.umask(old)
    assert stat.S_IMODE(kept.path.parent.stat().st_mode) == 0o755
    assert stat.S_IMODE(kept.path.stat().st_mode) == 0o755
