"""documents.csv is checked against its schema: a bad row is named with its line, its document
is read as if it had no metadata, and the build goes on."""

import shutil

import pytest

from events.__main__ import main
from events.build import SEEDS, build
from events.documents import check_metadata, read_metadata
from events.table import read_table

LETTER = sorted(SEEDS.glob("*.txt"))[0]  # the CAI letter; its text prints no date
OTHER = sorted(SEEDS.glob("*.txt"))[1]
HEADER = "file,title,doc_type,date,language,addressee,reference,signatories,note"
SEED_ROWS = (SEEDS / "documents.csv").read_text(encoding="utf-8").splitlines()


@pytest.fixture
def folder(tmp_path):
    folder = tmp_path / "letters"
    folder.mkdir()
    shutil.copy(LETTER, folder / LETTER.name)
    shutil.copy(OTHER, folder / OTHER.name)
    return folder


def seed_row(path) -> str:
    return next(line for line in SEED_ROWS if line.startswith(path.name))


def test_the_seeds_metadata_passes_the_schema():
    rows, problems = check_metadata(SEEDS)
    assert problems == [] and len(rows) == len(list(SEEDS.glob("*.txt")))
    assert read_metadata(SEEDS) == rows  # read_metadata's callers get what they got
    assert rows[LETTER.name]["date"] == "2023-03-06" and rows[LETTER.name]["language"] == "nl"


@pytest.mark.parametrize("row, reason", [
    (f"{LETTER.name},Brief,letter to parliament,31-02-2023,nl,,,,", "date: '31-02-2023' is not a date"),
    (f"{LETTER.name},Brief,letter to parliament,volgende week,nl,,,,", "date: 'volgende week' is not a date"),
    (f"{LETTER.name},Brief,letter to parliament,2023-03-06,fr,,,,", "language: 'fr' is not a language the build reads"),
    (f"{LETTER.name},Brief,letter to parliament,2023-03-06,nl", "5 fields where the header has 9"),
    (f"{LETTER.name},Brief,letter to parliament,2023-03-06,nl,,,,,extra", "10 fields where the header has 9"),
    (",Brief,letter to parliament,2023-03-06,nl,,,,", "the file column is empty"),
    (f"sub/{LETTER.name},Brief,,2023-03-06,nl,,,,", "is a path"),
])
def test_a_bad_row_is_named_with_its_line_and_its_document_read_without_metadata(folder, tmp_path, capsys, row, reason):
    (folder / "documents.csv").write_text(f"{HEADER}\n{seed_row(OTHER)}\n\n{row}\n", encoding="utf-8")
    _, problems = check_metadata(folder)
    assert len(problems) == 1 and "documents.csv line 4" in problems[0] and reason in problems[0]
    result = build([folder])
    assert result.skipped == problems  # in the build's messages
    sources = result.sources.set_index("file")
    assert sources.loc[LETTER.name, "date_source"] != "metadata"  # read as if it had no metadata
    assert sources.loc[LETTER.name, "title"] != "Brief"
    assert sources.loc[OTHER.name, "date_source"] == "metadata"  # the good row still counts
    out = tmp_path / "events.csv"
    assert main(["build", str(folder), "--out", str(out)]) == 1  # the run goes on, and says so
    err = capsys.readouterr().err
    assert f"skipped {folder / 'documents.csv'} line 4" in err and reason in err
    assert set(read_table(out)["doc"]) == {LETTER.name, OTHER.name}


def test_without_a_file_column_the_whole_file_is_named_and_ignored(folder):
    (folder / "documents.csv").write_text("name,date\n" + f"{LETTER.name},2023-03-06\n", encoding="utf-8")
    rows, problems = check_metadata(folder)
    assert rows == {} and problems == [f"{folder / 'documents.csv'} line 1: no 'file' column (the header is: name, "
                                       "date); its documents are read without metadata"]
    result = build([folder])
    assert result.skipped == problems and result.documents == 2
    assert (result.sources["date_source"] != "metadata").all()


def test_a_row_that_spans_lines_keeps_the_line_numbers_of_the_rows_after_it(folder):
    (folder / "documents.csv").write_text(f'{HEADER}\n{OTHER.name},"Een titel\nover twee regels",,2023-03-06,nl,,,,\n'
                                          f"{LETTER.name},,,2023-02-30,nl,,,,\n", encoding="utf-8")
    rows, problems = check_metadata(folder)
    assert rows[OTHER.name]["title"] == "Een titel\nover twee regels"
    assert len(problems) == 1 and "line 4" in problems[0]


def test_a_file_described_twice_keeps_its_first_row(folder):
    (folder / "documents.csv").write_text(f"file,date\n{LETTER.name},2023-03-06\n{LETTER.name},2024-01-01\n")
    rows, problems = check_metadata(folder)
    assert rows[LETTER.name]["date"] == "2023-03-06"
    assert problems == [f"{folder / 'documents.csv'} line 3: {LETTER.name} is described on line 2 already; "
                        "this row is left out"]


def test_a_spreadsheets_csv_is_read_semicolons_bom_and_cp1252(folder):
    content = f"file;title;date;language\n{LETTER.name};Brief over het verdrag – CAI;6 maart 2023;NL\n"
    (folder / "documents.csv").write_bytes(content.encode("cp1252"))
    rows, problems = check_metadata(folder)
    assert problems == [] and rows[LETTER.name]["title"] == "Brief over het verdrag – CAI"
    assert rows[LETTER.name]["language"] == "nl"
    (folder / "documents.csv").write_bytes(b"\xef\xbb\xbf" + content.replace(";", ",").encode("utf-8"))
    rows, problems = check_metadata(folder)
    assert problems == [] and rows[LETTER.name]["date"] == "6 maart 2023"
    source = build([folder]).sources.set_index("file").loc[LETTER.name]
    assert (source["date"], source["date_source"]) == ("2023-03-06", "metadata")


def test_a_metadata_file_that_is_not_text_is_named(folder):
    (folder / "documents.csv").write_bytes(b"\x00\x01\x02PK" * 100)
    rows, problems = check_metadata(folder)
    assert rows == {} and len(problems) == 1 and "binary file" in problems[0]
    assert build([folder]).documents == 2
