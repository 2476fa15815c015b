"""The build command: files and folders in, the events table out, bad input reported."""

import shutil
import subprocess
import sys

import pandas as pd
import pytest

from events.__main__ import main
from events.build import SEEDS, build
from events.table import DEFAULT_TABLE, read_table

SEED_FILES = sorted(SEEDS.glob("*.txt"))


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for path in SEED_FILES[:2]:
        shutil.copy(path, folder / path.name)
    shutil.copy(SEEDS / "documents.csv", folder / "documents.csv")
    return folder


def run(*args):
    return subprocess.run([sys.executable, "-m", "events", *args], capture_output=True, text=True,
                          cwd=SEEDS.parent, timeout=300)


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


def test_a_missing_path_is_reported(tmp_path, capsys):
    assert main(["build", str(tmp_path / "nowhere"), "--out", str(tmp_path / "e.csv")]) == 1
    assert "no such file or folder" in capsys.readouterr().err


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
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_an_interrupted_build_leaves_the_previous_table_intact(corpus, tmp_path):
    out = tmp_path / "events.csv"
    assert main(["build", str(corpus), "--out", str(out)]) == 0
    before = out.read_bytes()
    proc = subprocess.Popen([sys.executable, "-m", "events", "build", str(SEEDS), "--out", str(out)],
                            cwd=SEEDS.parent)
    proc.kill()
    proc.wait()
    assert out.read_bytes() == before


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
    assert (october["start"], october["doc_date_source"]) == ("2025-10-01", "text")


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
    assert len(table) > 0 and (table["start"] == "2023-03-13").all()


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


def test_a_document_that_fails_is_named_and_the_rest_is_built(tmp_path, monkeypatch):
    import events.build

    folder = tmp_path / "two"
    folder.mkdir()
    for path in SEED_FILES[:2]:
        shutil.copy(path, folder / path.name)
    real = events.build.extract

    def failing(doc):
        if doc.name == SEED_FILES[0].name:
            raise RuntimeError("a bug met in one sentence")
        return real(doc)

    monkeypatch.setattr(events.build, "extract", failing)
    result = build([folder])
    assert result.documents == 1 and set(result.table["doc"]) == {SEED_FILES[1].name}
    assert result.skipped == [f"{SEED_FILES[0].name}: could not be read (RuntimeError: a bug met in one sentence)"]


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
