"""The table's schema, checked on write and on read."""

import pytest

from events.table import DEFAULT_TABLE, TableError, read_table, write_table


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
