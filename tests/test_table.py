"""The table's schema, checked on write and on read."""

import pandas as pd
import pytest

from events.table import (
    COLUMNS,
    DEFAULT_TABLE,
    TableError,
    as_written,
    companions,
    events_of,
    inert,
    link_problems,
    problems,
    read_table,
    text_name,
    to_frame,
    typed,
    write_table,
)


@pytest.fixture
def table():
    return read_table(DEFAULT_TABLE)


def test_the_committed_table_reads_with_its_types(table):
    assert len(table) > 100
    assert table["line"].dtype == "int64"
    assert (table["start"] <= table["end"]).all()


@pytest.mark.parametrize("column, value, message", [
    ("track", "mars", "track has values outside the vocabulary: mars"),
    ("precision", "week", "precision has values outside the vocabulary: week"),
    ("institutions", "Ministry of Magic", "institutions outside the vocabulary: Ministry of Magic"),
    ("start", "2023-02-31", "start and end must be ISO dates"),
    ("end", "2000-01-01", "end before they start"),
])
def test_an_invalid_table_is_not_written(tmp_path, column, value, message):
    df = read_table(DEFAULT_TABLE).astype({"start": str, "end": str, "doc_date": str})
    df.loc[3, column] = value
    with pytest.raises(TableError, match=message):
        write_table(df, tmp_path / "events.csv")
    assert not (tmp_path / "events.csv").exists()


def test_other_institutions_are_allowed(tmp_path):
    df = read_table(DEFAULT_TABLE).astype({"start": str, "end": str, "doc_date": str})
    df.loc[3, "institutions"] = "other:Freedom Online Coalition"
    write_table(df, tmp_path / "events.csv")
    assert read_table(tmp_path / "events.csv").loc[3, "institutions"] == ("other:Freedom Online Coalition",)


@pytest.mark.parametrize("content, message", [
    (None, "no events table"),
    ("", "cannot be read"),
    ("id,doc\n1,a.txt\n", "missing columns"),
])
def test_a_missing_or_malformed_table_says_how_to_rebuild(tmp_path, content, message):
    path = tmp_path / "events.csv"
    if content is not None:
        path.write_text(content)
    with pytest.raises(TableError, match=message) as err:
        read_table(path)
    assert "python -m events build" in str(err.value)


# ---------------------------------------------------------------- the checks, one by one

def _written_table():
    return as_written(read_table(DEFAULT_TABLE)).astype(str).head(40).copy()


def test_a_valid_table_has_no_problems_and_each_problem_is_told(table):
    assert problems(table) == [] and problems(_written_table()) == []
    df = _written_table()
    df.loc[[1, 2], "id"] = df.loc[0, "id"]
    df.loc[4, "kind"] = "rumour"
    df.loc[[5, 6], "end"] = "1999-01-01"
    df.loc[7, "line"] = "0"
    assert problems(df) == ["2 duplicate ids", "kind has values outside the vocabulary: rumour",
                            "2 rows end before they start", "line must be a positive number"]
    df = _written_table()
    df.loc[3, "line"] = "twelve"
    df.loc[3, "institutions"] = "European Commission;Ministry of Magic;other:Freedom Online Coalition;Hogwarts"
    assert problems(df) == ["institutions outside the vocabulary: Hogwarts, Ministry of Magic",
                            "line must be a positive number"]
    assert problems(df.drop(columns=["quote", "title"])) == ["missing columns: title, quote"]
    assert problems(df.drop(columns=["kind"])) == problems(df)  # a table from before dates had roles


def test_at_most_five_unknown_values_are_named():
    df = _written_table()
    df.loc[:6, "track"] = [f"mars{i}" for i in range(7)]
    assert problems(df) == ["track has values outside the vocabulary: mars0, mars1, mars2, mars3, mars4"]


def test_links_are_checked_against_the_relations_and_the_table(table):
    links = pd.DataFrame({"from_id": [table.iloc[0]["id"], "gone"], "to_id": [table.iloc[1]["id"]] * 2,
                          "relation": ["realizes", "causes"], "delay_days": ["3", ""], "evidence": ["", ""]})
    assert link_problems(links, table) == ["links: relations outside the vocabulary: causes",
                                           "links: 1 links to ids not in the events table"]
    assert link_problems(links.drop(columns=["evidence"]), table) == ["links: missing columns: evidence"]
    assert link_problems(links.iloc[:1], table) == []


def test_beside_a_table_stand_its_links_sources_texts_store_and_records(tmp_path):
    assert companions(tmp_path / "events.csv") == {
        "links": tmp_path / "links.csv", "sources": tmp_path / "sources.csv", "texts": tmp_path / "texts",
        "corrections": tmp_path / "corrections.sqlite", "extracted": tmp_path / "extracted.csv",
        "build": tmp_path / "build.json", "snapshots": tmp_path / "snapshots"}
    other = companions(tmp_path / "ai.parquet")
    assert (other["links"], other["extracted"], other["texts"]) == (
        tmp_path / "ai-links.csv", tmp_path / "ai-extracted.parquet", tmp_path / "ai-texts")


def test_a_document_s_text_file_name_fits_in_255_bytes():
    assert text_name("002_2db611365dd9d4ee.txt") == "002_2db611365dd9d4ee.txt.txt"
    exact = "é" * 125 + "abc"  # 253 bytes, with .txt 257: too long
    assert len(f"{'a' * 251}.txt".encode()) == 255 and text_name("a" * 251) == f"{'a' * 251}.txt"
    long = text_name(exact)
    assert len(long.encode()) <= 255 and long.startswith("é" * 100) and long.endswith(".txt")
    assert long != text_name("é" * 125 + "abd")  # told apart by the hash of the whole name
    assert text_name("é" * 130).startswith("é" * 100 + "-")  # never a half character


def test_a_table_goes_to_memory_and_back_as_written(table):
    rows = table.head(20)
    again = typed(as_written(rows).astype(str).replace({"None": ""}))
    assert again["institutions"].tolist() == rows["institutions"].tolist()
    assert again["start"].tolist() == rows["start"].tolist() and again["relative"].tolist() == rows["relative"].tolist()
    pd.testing.assert_frame_equal(to_frame(events_of(rows)), rows[list(COLUMNS)].reset_index(drop=True))
    old = as_written(rows).drop(columns=["kind", "superseded_by"]).astype(str)
    assert set(typed(old)["kind"]) == {"event"} and set(typed(old)["superseded_by"]) == {""}
    assert typed(old.assign(relative="1"))["relative"].all() and not typed(old.assign(relative="no"))["relative"].any()


def test_a_cell_that_a_spreadsheet_would_run_is_kept_as_text():
    assert inert("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")"
    assert inert("+31 70") == "'+31 70" and inert("Raad") == "Raad" and inert(3) == 3
