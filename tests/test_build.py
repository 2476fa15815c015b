"""The build command: files and folders in, the events table out, bad input reported."""

import dataclasses
import gc
import os
import pickle
import shutil
import stat
import subprocess
import sys
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from events.__main__ import main
from events.build import SEEDS, build
from events.model import EVENT_FIELDS
from events.table import DEFAULT_TABLE, events_of, read_table
from tests.conftest import SEED_FILES, files_of, run_module


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for path in SEED_FILES[:2]:
        shutil.copy(path, folder / path.name)
    shutil.copy(SEEDS / "documents.csv", folder / "documents.csv")
    return folder


def run(*args):
    return run_module("events", *args)


def test_help_describes_the_build_command():
    out = run("build", "--help")
    assert out.returncode == 0
    for word in ("--out", "--workers", "PATH", "documents.csv", "atomically", "Exit status"):
        assert word in out.stdout


def test_the_committed_table_is_what_the_build_makes(tmp_path):
    out = tmp_path / "events.csv"
    assert main(["build", "--out", str(out)]) == 0
    assert out.read_bytes() == DEFAULT_TABLE.read_bytes()


def test_the_build_is_deterministic_and_the_same_with_workers(corpus, tmp_path):
    one, two, parallel = tmp_path / "1.csv", tmp_path / "2.csv", tmp_path / "p.csv"
    assert main(["build", str(corpus), "--out", str(one)]) == 0
    assert main(["build", str(corpus), "--out", str(two)]) == 0
    assert main(["build", str(corpus), "--out", str(parallel), "--workers", "2"]) == 0
    assert one.read_bytes() == two.read_bytes() == parallel.read_bytes()
    assert len(read_table(one)) > 20


def test_an_event_crosses_to_another_process_whole(corpus):
    """Events come back from the pool's processes pickled as their fields in order (Event.__reduce__):
    every field, the passes' last ones too, must come back as it went."""
    found = build([corpus]).table
    for event in [*events_of(found.head(20)), *(dataclasses.replace(e, superseded_by="x") for e in events_of(found.head(3)))]:
        back = pickle.loads(pickle.dumps(event))
        assert back == event and [getattr(back, f) for f in EVENT_FIELDS] == [getattr(event, f) for f in EVENT_FIELDS]


def test_the_passes_run_with_the_live_objects_frozen_and_give_them_back(corpus, monkeypatch):
    """The cycle collector passes over the extraction while clustering, staging and linking run,
    and gets every object back after, also when a pass fails (the app builds in a server that
    lives on)."""
    from events import build as pipeline

    extraction = pipeline.extract_all([corpus])
    frozen_during = []
    clusters = pipeline.clusters
    monkeypatch.setattr(pipeline, "clusters", lambda events: frozen_during.append(gc.get_freeze_count()) or clusters(events))
    assert len(pipeline.assemble(extraction).table) == len(extraction.events)
    assert frozen_during[0] > len(extraction.events) and gc.get_freeze_count() == 0

    def failing(events):
        raise RuntimeError("a pass fails")

    monkeypatch.setattr(pipeline, "clusters", failing)
    with pytest.raises(RuntimeError):
        pipeline.assemble(extraction)
    assert gc.get_freeze_count() == 0


def test_every_row_quotes_its_source_line(corpus):
    table = build([corpus]).table
    for row in table.itertuples():
        lines = (corpus / row.doc).read_text(encoding="utf-8").splitlines()
        # the expression's first word stands on the line the row names
        first_word = row.date_text.split()[0]
        assert first_word in lines[row.line - 1], (row.line, row.date_text)
        assert row.date_text in row.quote


def test_unreadable_files_are_named_and_skipped_while_the_rest_is_built(corpus, tmp_path, capsys):
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    (corpus / "slides.pptx").write_bytes(b"PK\x03\x04")
    (corpus / "windows.txt").write_bytes("Op 13 maart 2023 is de brief verstuurd.".encode("cp1252"))
    out = tmp_path / "events.csv"
    assert main(["build", str(corpus), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "empty.txt: empty file" in err
    assert "image.txt: binary file" in err
    assert "slides.pptx: unsupported file type .pptx" in err
    table = read_table(out)
    assert set(table["doc"]) == {SEED_FILES[0].name, SEED_FILES[1].name, "windows.txt"}


def test_a_failed_write_leaves_the_previous_table_intact(corpus, tmp_path, monkeypatch, capsys):
    out = tmp_path / "events.csv"
    assert main(["build", str(corpus), "--out", str(out)]) == 0
    before = out.read_bytes()

    def broken(self, *args, **kwargs):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(pd.DataFrame, "to_csv", broken)
    assert main(["build", str(SEEDS), "--out", str(out)]) == 3
    assert "previous table is unchanged" in capsys.readouterr().err
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no staging left behind


def test_a_progress_bar_is_shown_for_many_files(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(25):
        (folder / f"letter{i:02}.txt").write_text(f"Den Haag, {i + 1} maart 2024\nOp 1 februari jl. is de motie aangenomen.")
    out = run("build", str(folder), "--out", str(tmp_path / "e.csv"))
    assert out.returncode == 0
    assert "25/25" in out.stderr and "extracting" in out.stderr
    few = run("build", str(SEED_FILES[0]), "--out", str(tmp_path / "f.csv"))
    assert "extracting" not in few.stderr


def test_documents_without_metadata_take_their_date_from_the_text(tmp_path):
    (tmp_path / "brief.txt").write_text("Den Haag, 12 december 2025\nIn oktober jl. is de strategie uitgekomen.\n")
    table = build([tmp_path]).table
    october = table[table["date_text"] == "oktober jl."].iloc[0]
    assert (october["start"], october["doc_date_source"]) == (date(2025, 10, 1), "text")


@pytest.mark.parametrize("make", [
    # 50 MB of prose with a dated sentence now and then
    lambda p: p.write_text(("Het kabinet hecht belang aan een effectieve implementatie van EU-wetgeving.\n" * 999
                            + "Op 13 maart 2023 is de brief verstuurd.\n") * 680),
    lambda p: p.write_text("Op 13 maart 2023 vergaderde de CAI. " * 30000 + "x" * 1_000_000),  # 2 MB on one line
])
def test_large_files_and_long_lines_are_read(tmp_path, make):
    path = tmp_path / "big.txt"
    make(path)
    table = build([path]).table
    assert len(table) > 0 and (table["start"] == date(2023, 3, 13)).all()


def test_awkward_documents_are_built_and_an_unknown_date_says_why(tmp_path):
    folder = tmp_path / "awkward"
    folder.mkdir()
    (folder / "no-dates.txt").write_text("Het kabinet blijft de ontwikkelingen volgen.\n", encoding="utf-8")
    (folder / "front-matter.md").write_text("---\ntitle: [niet gesloten\ndate: 2023-13-45\n---\n"
                                            "De Raad besprak het voorstel in maart 2023.\n", encoding="utf-8")
    (folder / "ragged.md").write_text("| jaar | mijlpaal |\n|---|---|\n| 2021 | Nationale AI-strategie | extra |\n"
                                      "| 2022 |\n", encoding="utf-8")
    nested = "\n".join("  " * depth + f"- niveau {depth}: de Kamer stemt op {depth + 1} juli 2025" for depth in range(10))
    (folder / "nested.md").write_text(nested + "\n", encoding="utf-8")
    result = build([folder])
    assert result.skipped == [] and result.documents == 4
    sources = result.sources.set_index("file")
    assert sources.loc["no-dates.txt", "date_source"] == "unknown"
    assert "no date the text reports as past" in sources.loc["no-dates.txt", "date_evidence"]
    assert (sources["date_source"] == "unknown").all() and sources["date_evidence"].str.len().gt(20).all()
    rows = result.table
    assert {"2021", "2022"} <= set(rows.loc[rows["doc"] == "ragged.md", "date_text"])
    assert rows.loc[rows["doc"] == "ragged.md", "quote"].str.startswith("| 202").all()  # each row its own unit
    assert len(rows[rows["doc"] == "nested.md"]) == 10


def _raise(rows):
    raise RuntimeError("a bug met in one sentence")


def _empty_track(rows):
    return [dataclasses.replace(rows[0], track=""), *rows[1:]]


@pytest.mark.parametrize("spoil, reason", [
    (_raise, "RuntimeError: a bug met in one sentence"),
    (_empty_track, "a row with track '' outside the vocabulary"),
])
def test_a_document_that_fails_or_leaves_the_schema_is_named_and_the_rest_is_built(tmp_path, monkeypatch, spoil,
                                                                                    reason):
    import events.build

    folder = tmp_path / "two"
    folder.mkdir()
    for path in SEED_FILES[:2]:
        shutil.copy(path, folder / path.name)
    real = events.build.extract
    monkeypatch.setattr(events.build, "extract",
                        lambda doc: spoil(real(doc)) if doc.name == SEED_FILES[0].name else real(doc))
    result = build([folder])
    assert result.documents == 1 and set(result.table["doc"]) == {SEED_FILES[1].name}
    assert result.skipped == [f"{SEED_FILES[0].name}: could not be read ({reason})"]


@pytest.mark.parametrize("typed, expected", [("10-03-2023", "2023-03-10"), ("10 maart 2023", "2023-03-10"),
                                             ("2023-03-10", "2023-03-10"), ("volgende week", "")])
def test_documents_csv_dates_are_read_as_people_type_them(tmp_path, typed, expected):
    folder = tmp_path / "typed"
    folder.mkdir()
    (folder / "brief.txt").write_text("De Raad besprak het voorstel op 6 december 2022. De Kamer zal in januari "
                                      "2023 stemmen.\n", encoding="utf-8")
    (folder / "documents.csv").write_text(f"file,date\nbrief.txt,{typed}\n", encoding="utf-8")
    source = build([folder]).sources.iloc[0]
    assert source["date"] == (expected or "2022-12-06")  # a date not understood is read from the text
    assert source["date_source"] == ("metadata" if expected else "inferred")


# --- inputs that are missing, unreadable or clash, and what the exit status says ------------------

@pytest.fixture
def built(corpus, tmp_path):
    """A table built from two seeds, with its companions, in a folder of its own."""
    out = tmp_path / "data" / "events.csv"
    assert main(["build", str(corpus), "--out", str(out)]) == 0
    before = files_of(out.parent)
    assert {"events.csv", "links.csv", "sources.csv", "build.json", f"texts/{SEED_FILES[0].name}.txt"} <= set(before)
    return out, before


def test_a_missing_path_leaves_the_previous_table_links_sources_and_texts_alone(built, tmp_path, capsys):
    out, before = built
    nowhere = tmp_path / "nowhere"
    assert main(["build", str(nowhere), "--out", str(out)]) == 3
    err = capsys.readouterr().err
    assert f"skipped {nowhere}: no such file or folder" in err
    assert "nothing written, the previous table" in err
    assert files_of(out.parent) == before


def test_inputs_that_are_all_unreadable_leave_the_previous_set_alone(built, tmp_path, capsys):
    out, before = built
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    assert main(["build", str(bad), str(tmp_path / "gone.txt"), "--out", str(out)]) == 3
    err = capsys.readouterr().err
    assert "empty.txt: empty file" in err and "image.txt: binary file" in err and "gone.txt: no such file" in err
    assert files_of(out.parent) == before
    empty = tmp_path / "no-documents"
    empty.mkdir()
    assert main(["build", str(empty), "--out", str(out)]) == 3  # an empty folder does not empty the table
    assert files_of(out.parent) == before


def test_a_missing_path_beside_readable_ones_is_named_and_the_rest_built(corpus, tmp_path, capsys):
    out = tmp_path / "events.csv"
    assert main(["build", str(corpus), str(tmp_path / "nowhere.txt"), "--out", str(out)]) == 1
    assert "nowhere.txt: no such file or folder" in capsys.readouterr().err
    assert set(read_table(out)["doc"]) == {SEED_FILES[0].name, SEED_FILES[1].name}


def test_a_folder_that_cannot_be_read_is_named(tmp_path):
    """Root reads every folder, so as root the build runs as nobody; the folder is 0700 root's."""
    import os
    import tempfile
    as_root = os.geteuid() == 0
    top = Path(tempfile.mkdtemp(dir="/tmp" if as_root else tmp_path))
    try:
        top.chmod(0o777)
        docs = top / "docs"
        (docs / "locked").mkdir(parents=True)
        shutil.copy(SEED_FILES[0], docs / SEED_FILES[0].name)
        shutil.copy(SEED_FILES[1], docs / "locked" / SEED_FILES[1].name)
        for folder in (docs, docs / "locked"):
            folder.chmod(0o755)
        (docs / SEED_FILES[0].name).chmod(0o644)
        (docs / "locked").chmod(0o700 if as_root else 0o000)
        out = top / "out" / "events.csv"
        nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] if as_root else []
        if as_root and not shutil.which("setpriv"):
            pytest.skip("as root this needs setpriv (util-linux) to run the build as nobody")
        done = subprocess.run([*nobody, sys.executable, "-m", "events", "build", str(docs), "--out", str(out)],
                              capture_output=True, text=True, cwd=SEEDS.parent, timeout=300,
                              env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
        assert done.returncode == 1, done.stderr
        assert f"{docs / 'locked'}: folder cannot be read (Permission denied)" in done.stderr
        table = pd.read_csv(out, dtype=str)
        assert set(table["doc"]) == {SEED_FILES[0].name}
    finally:
        (top / "docs" / "locked").chmod(0o755)
        shutil.rmtree(top)


def test_the_same_file_name_in_two_subfolders_is_named_with_both_paths(tmp_path, capsys):
    folder = tmp_path / "letters"
    for sub in ("2023", "2024"):
        (folder / sub).mkdir(parents=True)
        shutil.copy(SEED_FILES[0], folder / sub / "brief.txt")
    shutil.copy(SEED_FILES[1], folder / SEED_FILES[1].name)
    out = tmp_path / "events.csv"
    assert main(["build", str(folder), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    first, second = folder / "2023" / "brief.txt", folder / "2024" / "brief.txt"
    assert f"skipped {second}: the same file name as {first}, which is read" in err
    assert "duplicate ids" not in err
    assert set(read_table(out)["doc"]) == {"brief.txt", SEED_FILES[1].name}
    # the same file named twice (its folder and itself) is one document, without a word
    assert main(["build", str(folder / "2023"), str(first), "--out", str(out)]) == 0


def test_exit_statuses_tell_a_crash_from_skipped_files_and_a_failed_write(corpus, tmp_path, monkeypatch, capsys):
    import events.__main__
    out = tmp_path / "events.csv"
    assert main(["build", str(corpus), "--out", str(out)]) == 0
    before = out.read_bytes()
    with pytest.raises(SystemExit) as usage:
        main(["build", "--workers", "many"])
    assert usage.value.code == 2
    capsys.readouterr()

    def bug(*args, **kwargs):
        raise KeyError("stage")
    monkeypatch.setattr(events.__main__, "build", bug)
    assert main(["build", str(corpus), "--out", str(out)]) == 4
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("error: the build failed unexpectedly (KeyError: 'stage' at test_build.py:")
    assert err.rstrip().endswith("rerun with --debug for the traceback and report it")
    assert out.read_bytes() == before
    with pytest.raises(KeyError):
        main(["build", str(corpus), "--out", str(out), "--debug"])


def test_a_crash_in_a_child_process_is_one_line_and_its_own_exit_status(corpus, tmp_path):
    child = ("import sys, events.__main__ as m\n"
             "def bug(*a, **k): raise ZeroDivisionError('division by zero')\n"
             "m.build = bug\nsys.exit(m.main(sys.argv[1:]))\n")
    done = subprocess.run([sys.executable, "-c", child, "build", str(corpus), "--out", str(tmp_path / "e.csv")],
                          capture_output=True, text=True, cwd=SEEDS.parent, timeout=120)
    assert done.returncode == 4
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_the_readme_documents_the_exit_statuses():
    readme = (SEEDS.parent / "README.md").read_text(encoding="utf-8")
    from events.cli import EXIT_CRASHED, EXIT_FAILED, EXIT_OK, EXIT_SKIPPED, EXIT_USAGE
    section = readme[readme.index("| exit status |"):]
    for code in (EXIT_OK, EXIT_SKIPPED, EXIT_USAGE, EXIT_FAILED, EXIT_CRASHED):
        assert f"\n| {code} |" in section[:2000]


def test_the_app_and_the_exports_see_the_pipeline_result_and_corrections_saved_since_the_build(tmp_path):
    from events import corrections
    from events.build import current, earlier
    from events.table import as_written, companions

    out = tmp_path / "events.csv"
    assert main(["build", str(SEEDS), "--out", str(out)]) == 0
    store = companions(out)["corrections"]
    written = current(out)  # the store is as the build applied it: the written set is the result
    again = build([], store=store, base=earlier(out))  # the whole pipeline over what the build extracted
    assert as_written(written.table).equals(as_written(again.table))
    assert written.links.astype(str).equals(again.links.astype(str))
    rejected = written.table["id"].iloc[0]
    corrections.record(store, rejected, "reject", author="Anna")
    after = current(out)
    assert rejected not in set(after.table["id"]) and len(after.table) == len(written.table) - 1


def test_texts_wait_in_a_spool_file_while_the_build_runs_and_go_with_it():
    import gc

    from events.build import extract_all

    extraction = extract_all([SEEDS])
    spool = extraction.spools[0].file
    seeds = sorted(SEEDS.glob("*.txt"))
    assert len(extraction.texts) == len(seeds) and {t.file for t in extraction.texts.values()} == {spool}
    assert spool.stat().st_size == sum(t.size for t in extraction.texts.values())
    first = extraction.texts[seeds[0].name].read().decode("utf-8")
    assert "Raad van Europa" in first and len(first) > 1000
    merged = extraction + extract_all([])  # a merged extraction keeps the spool alive
    del extraction
    gc.collect()
    assert spool.exists()
    del merged
    gc.collect()
    assert not spool.exists()


# --- a build replaces only its own outputs ------------------------------------------------------

@pytest.mark.parametrize("out", ["corpus", "corpus/events.csv", "corpus/sub/events.parquet", "link/events.csv"])
def test_a_table_inside_or_over_an_input_folder_is_refused_and_the_input_kept(corpus, tmp_path, capsys, out):
    (tmp_path / "link").symlink_to(corpus)  # the input reached by another name
    before = files_of(corpus)
    assert main(["build", str(corpus), "--out", str(tmp_path / out)]) == 2
    reason = capsys.readouterr().err.strip()
    assert len(reason.splitlines()) == 1 and str(corpus) in reason and "nothing read or written" in reason
    assert files_of(corpus) == before and corpus.is_dir()


def test_a_folder_or_file_of_the_users_named_as_part_of_the_set_is_refused(corpus, tmp_path, capsys):
    mine = tmp_path / "mine"
    (mine / "texts").mkdir(parents=True)
    (mine / "texts" / "notes.txt").write_text("my notes", encoding="utf-8")
    assert main(["build", str(corpus), "--out", str(mine / "events.csv")]) == 2
    assert "mine/texts is a folder that no earlier build" in capsys.readouterr().err
    assert (mine / "texts" / "notes.txt").read_text(encoding="utf-8") == "my notes"
    assert not (mine / "events.csv").exists()
    (mine / "texts" / "notes.txt").unlink()
    (mine / "texts").rmdir()
    (mine / "links.csv").write_text("my,own\n1,2\n", encoding="utf-8")
    assert main(["build", str(corpus), "--out", str(mine / "events.csv")]) == 2
    assert (mine / "links.csv").read_text(encoding="utf-8") == "my,own\n1,2\n"


@pytest.mark.parametrize("name", ["events.csv", "events.parquet"])
def test_a_build_replaces_the_set_an_earlier_build_wrote(corpus, tmp_path, name):
    out = tmp_path / "data" / name
    assert main(["build", str(corpus), "--out", str(out)]) == 0
    first = read_table(out)
    assert main(["build", str(corpus / SEED_FILES[0].name), "--out", str(out)]) == 0  # a smaller set over it
    assert 0 < len(read_table(out)) < len(first)


def test_a_table_without_a_build_record_is_replaced_but_not_a_file_of_another_kind(corpus, tmp_path, capsys):
    from events.table import write_table
    out = tmp_path / "events.csv"
    write_table(read_table(DEFAULT_TABLE), out)  # a table alone, as write_table leaves it
    assert main(["build", str(corpus), "--out", str(out)]) == 0
    notes = tmp_path / "notes.csv"
    notes.write_text("id,what\n1,my notes\n", encoding="utf-8")
    assert main(["build", str(corpus), "--out", str(notes)]) == 2
    assert "notes.csv is a file that no earlier build" in capsys.readouterr().err
    assert notes.read_text(encoding="utf-8") == "id,what\n1,my notes\n"


def test_writing_a_set_over_a_users_folder_raises_whoever_calls_it(corpus, tmp_path):
    from events.build import write
    from events.table import TableError
    folder = tmp_path / "letters.parquet"
    folder.mkdir()
    (folder / "a.txt").write_text("a letter", encoding="utf-8")
    with pytest.raises(TableError, match="no earlier build"):
        write(build([corpus]), folder)
    assert (folder / "a.txt").read_text(encoding="utf-8") == "a letter"


def test_filesystem_oddities_are_each_named_and_skipped(tmp_path, capsys):
    """Links that loop or point at themselves or at nothing, a pipe and a device: each named,
    none read (a pipe would block the build forever), the letter beside them built."""
    folder = tmp_path / "letters"
    folder.mkdir()
    shutil.copy(SEED_FILES[0], folder / SEED_FILES[0].name)
    (folder / "self.txt").symlink_to("self.txt")
    (folder / "a.txt").symlink_to("b.txt")
    (folder / "b.txt").symlink_to("a.txt")
    (folder / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    os.mkfifo(folder / "pipe.txt")
    odd = ["self.txt", "a.txt", "b.txt", "gone.txt", "pipe.txt"]
    try:
        os.mknod(folder / "null.txt", 0o600 | stat.S_IFCHR, os.makedev(1, 3))
        odd.append("null.txt")
    except PermissionError:
        pass  # a device file needs root
    out = tmp_path / "events.csv"
    assert main(["build", str(folder), "--out", str(out)]) == 1
    err = capsys.readouterr().err.splitlines()
    for name in odd:
        [line] = [line for line in err if f"/{name}:" in line]
        assert line.startswith("skipped ") and line.endswith("; skipped"), line
    assert set(read_table(out)["doc"]) == {SEED_FILES[0].name}
