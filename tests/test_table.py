"""The table's schema, checked on write and on read."""

import io
import json
import os
import re
import shutil
import stat
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

import events.table as table_module
from events.process import LINK_COLUMNS
from events.table import (
    COLUMNS,
    DEFAULT_TABLE,
    REQUIRED,
    TableChanged,
    TableError,
    _recorded,
    as_written,
    build_id,
    build_record,
    companions,
    events_of,
    inert,
    link_problems,
    links_frame,
    problems,
    read_links,
    read_table,
    read_table_and_links,
    refusal,
    replace_together,
    text_name,
    to_frame,
    typed,
    verify,
    write_links,
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


# ---------------------------------------------------------------- more of each check, and the set on disk

DATA = DEFAULT_TABLE.parent
SET = ("events.csv", "links.csv", "sources.csv", "extracted.csv", "build.json", "texts")


@pytest.fixture
def committed(tmp_path):
    """A copy of the committed set (table, links, sources, extracted, texts, build.json)."""
    out = tmp_path / "data" / "events.csv"
    out.parent.mkdir()
    for name in SET:
        (shutil.copytree if (DATA / name).is_dir() else shutil.copy)(DATA / name, out.parent / name)
    return out


@pytest.mark.parametrize("start, end", [("2023-03-05", "March 5, 2023"), ("5-3-2023", "2023-03-05"),
                                        ("", "2023-03-05"), ("2023-03-05", "")])
def test_a_date_that_is_not_iso_is_a_problem_and_hides_the_order_check(start, end):
    df = _written_table()
    df.loc[2, ["start", "end"]] = [start, end]
    df.loc[5, ["start", "end"]] = ["2024-01-02", "2024-01-01"]  # out of order, but told only once the dates parse
    assert problems(df) == ["start and end must be ISO dates (YYYY-MM-DD)"]


def test_one_day_events_and_line_one_are_valid():
    df = _written_table()
    df.loc[2, ["start", "end", "line"]] = ["2024-01-01", "2024-01-01", "1"]
    df.loc[3, "line"] = "-4"
    assert problems(df) == ["line must be a positive number"]
    df.loc[3, "line"] = "2"
    assert problems(df) == []
    df.loc[4, "end"] = "2023-12-31"
    df.loc[4, "start"] = "2024-01-01"
    assert problems(df) == ["1 rows end before they start"]


@pytest.mark.parametrize("column", ["status", "event_type"])
def test_each_keyed_column_is_checked_against_its_vocabulary(column):
    df = _written_table()
    df.loc[[1, 2, 3], column] = ["zz", "aa", "zz"]
    assert problems(df) == [f"{column} has values outside the vocabulary: aa, zz"]


def test_institutions_empty_or_missing_are_valid_and_at_most_five_unknown_are_named(table):
    rows = table.head(10).copy()
    rows["institutions"] = [(), ("European Commission",), None, *[()] * 7]
    assert problems(rows) == []
    df = _written_table()
    df.loc[1, "institutions"] = ";European Commission;;"
    assert problems(df) == []
    df.loc[1, "institutions"] = ";".join(f"X{i}" for i in range(7))
    assert problems(df) == ["institutions outside the vocabulary: X0, X1, X2, X3, X4"]


def test_an_empty_id_column_duplicated_counts_each_repeat():
    df = _written_table()
    df.loc[[1, 2, 3], "id"] = "same"
    assert problems(df) == ["2 duplicate ids"]


def test_companions_of_another_name_carry_its_prefix(tmp_path):
    assert companions(tmp_path / "ai.csv") == {
        "links": tmp_path / "ai-links.csv", "sources": tmp_path / "ai-sources.csv", "texts": tmp_path / "ai-texts",
        "corrections": tmp_path / "ai-corrections.sqlite", "extracted": tmp_path / "ai-extracted.csv",
        "build": tmp_path / "ai-build.json", "snapshots": tmp_path / "ai-snapshots"}
    assert companions(tmp_path / "events.parquet")["extracted"] == tmp_path / "extracted.parquet"
    assert companions(str(tmp_path / "events.csv"))["links"] == tmp_path / "links.csv"


def test_a_long_name_is_its_first_200_bytes_and_16_hex_of_its_hash():
    name = text_name("a" * 300)
    assert re.fullmatch(r"a{200}-[0-9a-f]{16}\.txt", name), name
    assert text_name("a" * 300) == name and text_name("a" * 299 + "b") != name
    assert len(text_name("a" * 252).encode()) <= 255 and text_name("a" * 252) != "a" * 252 + ".txt"


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_each_formula_start_gets_a_quote(start):
    assert inert(f"{start}1+1") == f"'{start}1+1"
    assert inert(f"a{start}1") == f"a{start}1"


def test_values_that_are_not_text_are_left_as_they_are():
    assert inert(None) is None and inert(-3) == -3 and inert("") == ""


def test_as_written_joins_institutions_and_writes_dates_and_no_date_as_text(tmp_path, table):
    rows = table.iloc[10:13].copy()  # rows of a filtered table keep their index
    rows["institutions"] = [("European Commission", "Council of Europe"), (), ("UNESCO",)]
    rows["start"] = [date(2024, 1, 2), date(2023, 12, 31), date(2024, 5, 6)]
    rows["end"] = rows["start"]
    rows["doc_date"] = [None, date(2024, 1, 1), None]
    written = as_written(rows)
    assert written["institutions"].tolist() == ["European Commission;Council of Europe", "", "UNESCO"]
    assert written["start"].tolist() == ["2024-01-02", "2023-12-31", "2024-05-06"]
    assert written["doc_date"].tolist()[1] == "2024-01-01"
    write_table(rows, tmp_path / "events.csv")  # no date: an empty cell in the file
    assert pd.read_csv(tmp_path / "events.csv", dtype=str, keep_default_na=False)["doc_date"].tolist() == [
        "", "2024-01-01", ""]
    assert written["title"].tolist() == rows["title"].tolist() and list(written.index) == list(rows.index)
    assert rows["doc_date"].tolist()[0] is None  # the frame given is not changed
    plain = pd.DataFrame({"a": ["=1"]})
    assert as_written(plain) is plain
    assert as_written(written).equals(written)


def test_typed_reads_dates_as_dates_and_an_empty_one_as_none(table):
    written = as_written(table.head(5)).astype(str).replace({"None": ""})
    written.loc[written.index[0], "doc_date"] = ""
    written.loc[written.index[1], "institutions"] = ""
    again = typed(written)
    assert again["doc_date"].iloc[0] is None and isinstance(again["start"].iloc[0], date)
    assert again["institutions"].iloc[1] == () and again["line"].dtype == "int64"
    assert typed(written.assign(relative="true"))["relative"].all()
    assert typed(written.assign(relative="True"))["relative"].tolist() == [True] * 5
    assert written["doc_date"].iloc[0] == ""  # the frame given is not changed
    assert typed(again).equals(again)  # a typed table stays as it is


def test_a_malformed_table_on_disk_names_the_problem_and_the_fix(tmp_path):
    path = tmp_path / "events.csv"
    df = as_written(read_table(DEFAULT_TABLE))
    df.loc[0, "track"] = "mars"
    df.to_csv(path, index=False)
    with pytest.raises(TableError, match=r"the events table .*events.csv is malformed: track has values outside "
                                         r"the vocabulary: mars; rebuild it with: python -m events build"):
        read_table(path)
    path.write_bytes(b"id,doc\n\xff\xfe,\x80\n")
    with pytest.raises(TableError, match=r"cannot be read .*; rebuild it with: python -m events build"):
        read_table(path)


def test_a_table_is_read_as_text_not_guessed(tmp_path):
    df = as_written(read_table(DEFAULT_TABLE)).head(5).copy()
    df["cluster"] = ["007", "NA", "", "1.0", "x"]
    df.to_csv(tmp_path / "events.csv", index=False)
    assert read_table(tmp_path / "events.csv")["cluster"].tolist() == ["007", "NA", "", "1.0", "x"]


def test_write_table_writes_a_readable_file_atomically(tmp_path, table, monkeypatch):
    out = tmp_path / "new" / "deeper" / "events.csv"
    old = os.umask(0o077)
    try:
        write_table(table.head(10), out)
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o644
    assert read_table(out)["id"].tolist() == table["id"].head(10).tolist()
    assert sorted(p.name for p in out.parent.iterdir()) == ["events.csv"]  # no temporary file left
    staged = []
    monkeypatch.setattr(table_module.os, "replace", lambda src, dst: staged.append((src, dst)) or shutil.move(src, dst))
    write_table(table.head(3), out)
    ((src, dst),) = staged
    src = Path(src)  # hidden beside the table, so that the rename is atomic
    assert src.parent == out.parent and src.name.startswith(".events.csv.") and src.name.endswith(".tmp")
    assert Path(dst) == out and len(read_table(out)) == 3


def test_a_failed_write_keeps_the_old_table_and_no_temporary_file(tmp_path, table, monkeypatch):
    out = tmp_path / "events.csv"
    write_table(table.head(4), out)
    before = out.read_bytes()

    def fail(src, dst):
        raise OSError("disk full")
    monkeypatch.setattr(table_module.os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        write_table(table.head(2), out)
    assert out.read_bytes() == before and [p.name for p in tmp_path.iterdir()] == ["events.csv"]


def test_invalid_table_message_lists_every_problem(tmp_path):
    df = _written_table()
    df.loc[1, "track"] = "mars"
    df.loc[2, "line"] = "0"
    with pytest.raises(TableError) as err:
        write_table(df, tmp_path / "events.csv")
    assert str(err.value) == ("not writing an invalid table: track has values outside the vocabulary: mars; "
                              "line must be a positive number")


# ---------------------------------------------------------------- links

def _links(table, relation="realizes", to=None):
    return pd.DataFrame({"from_id": [table["id"].iloc[0], table["id"].iloc[1]],
                         "to_id": [table["id"].iloc[2], to or table["id"].iloc[3]],
                         "relation": ["related", relation], "delay_days": ["", "12"], "evidence": ["a", "=b"]})


def test_links_name_every_bad_relation_and_count_every_dangling_link(table):
    links = pd.concat([_links(table, "causes", to="gone"), _links(table, "bears", to="gone")], ignore_index=True)
    links.loc[0, "from_id"] = "nowhere"
    assert link_problems(links, table) == ["links: relations outside the vocabulary: bears, causes",
                                           "links: 3 links to ids not in the events table"]
    assert link_problems(links.drop(columns=["relation", "evidence"]), table) == [
        "links: missing columns: relation, evidence"]


def test_links_are_written_and_read_back_with_their_delays(tmp_path, table):
    table.attrs.clear()  # read from no build: links beside no build.json are of none
    path = tmp_path / "links.csv"
    write_links(_links(table), table, path)
    read = read_links(path, table)
    assert read["delay_days"].isna().tolist() == [True, False] and read["delay_days"].iloc[1] == 12
    assert str(read["delay_days"].dtype) == "Int64"
    assert read["evidence"].tolist() == ["a", "=b"] and read["relation"].tolist() == ["related", "realizes"]


def test_invalid_links_are_not_written(tmp_path, table):
    path = tmp_path / "links.csv"
    with pytest.raises(TableError) as err:
        write_links(_links(table, "causes", to="gone"), table, path)
    assert str(err.value) == ("not writing invalid links: links: relations outside the vocabulary: causes; "
                              "links: 1 links to ids not in the events table")
    assert not path.exists()


def test_no_links_file_is_no_links(tmp_path, table):
    table.attrs.clear()
    links = read_links(tmp_path / "links.csv", table)
    assert list(links.columns) == list(LINK_COLUMNS) and len(links) == 0
    assert str(links["delay_days"].dtype) == "Int64"


@pytest.mark.parametrize("delay, message", [("soon", "delay_days must be a whole number or empty"),
                                            ("2.5", "delay_days must be a whole number or empty"),  # was a TypeError
                                            (None, "links to ids not in the events table")])
def test_malformed_links_on_disk_say_how_to_rebuild(tmp_path, table, delay, message):
    table.attrs.clear()
    links = _links(table) if delay else _links(table, to="gone")
    if delay:
        links.loc[1, "delay_days"] = delay
    links.to_csv(tmp_path / "links.csv", index=False)
    with pytest.raises(TableError, match=f"the links table .*links.csv is malformed: .*{message}.*; rebuild it with: "
                                         "python -m events build"):
        read_links(tmp_path / "links.csv", table)


def test_links_frame_of_links_and_of_none():
    from events.model import Link
    df = links_frame([Link("a", "b", "realizes", 3, "x"), Link("c", "d", "related", None, "")])
    assert list(df.columns) == list(LINK_COLUMNS) and df["from_id"].tolist() == ["a", "c"]
    assert df["delay_days"].iloc[0] == 3 and pd.isna(df["delay_days"].iloc[1])
    assert list(links_frame([]).columns) == list(LINK_COLUMNS)


def test_events_of_leaves_other_columns_out(table):
    rows = table.head(2).assign(origin="upload")
    events = events_of(rows)
    assert [e.id for e in events] == rows["id"].tolist() and not hasattr(events[0], "origin")
    assert to_frame([]).columns.tolist() == list(COLUMNS)


# ---------------------------------------------------------------- the set: its record, checks and replacement

def test_the_committed_set_is_whole_and_its_build_is_noted(committed):
    record = build_record(committed)
    assert set(record) == {"build", "files", "inputs"} and "events.csv" in record["files"]
    assert build_id(committed) == record["build"] and len(record["build"]) == 64
    assert verify(committed) == []
    df, links = read_table_and_links(committed)
    assert df.attrs["build"] == record["build"] and len(links) == len(pd.read_csv(DATA / "links.csv"))


def test_verify_names_a_changed_a_missing_and_an_added_file(committed):
    folder = committed.parent
    (folder / "links.csv").write_text((folder / "links.csv").read_text() + "x,y,related,,\n")
    (folder / "sources.csv").unlink()
    (folder / "texts" / "extra.txt").write_text("not built")
    assert verify(committed) == [f"{folder / 'links.csv'}: changed since the build",
                                 f"{folder / 'sources.csv'}: missing",
                                 f"{folder / 'texts' / 'extra.txt'}: not of the build"]


@pytest.mark.parametrize("record", [None, "{not json", "[1, 2]", '{"build": "b"}'])
def test_without_a_readable_record_there_is_nothing_to_verify(committed, record):
    build = committed.parent / "build.json"
    build.unlink() if record is None else build.write_text(record)
    (committed.parent / "sources.csv").unlink()
    assert verify(committed) == []
    assert build_record(committed) == ({"build": "b"} if record == '{"build": "b"}' else {})
    assert "build" not in read_table(committed).attrs or record == '{"build": "b"}'


def test_links_of_another_build_are_refused_and_read_again_together(committed, monkeypatch):
    df = read_table(committed)
    build = committed.parent / "build.json"
    record = json.loads(build.read_text())
    build.write_text(json.dumps({**record, "build": "another"}))
    with pytest.raises(TableChanged, match="was replaced by a build while it was being read; read it again"):
        read_links(committed.parent / "links.csv", df)
    assert read_table_and_links(committed)[0].attrs["build"] == "another"


def test_links_beside_another_name_are_checked_against_its_build(tmp_path, table):
    out = tmp_path / "ai.csv"
    write_table(table, out)
    (tmp_path / "ai-build.json").write_text(json.dumps({"build": "b1", "files": {}}))
    df = read_table(out)
    assert df.attrs["build"] == "b1"
    write_links(_links(table), table, tmp_path / "ai-links.csv")
    assert len(read_links(tmp_path / "ai-links.csv", df)) == 2
    (tmp_path / "ai-build.json").write_text(json.dumps({"build": "b2", "files": {}}))
    with pytest.raises(TableChanged):
        read_links(tmp_path / "ai-links.csv", df)


def _set(table):
    rows = table.head(6)
    sources = pd.read_csv(DATA / "sources.csv", dtype=str, keep_default_na=False)
    return rows, rows.iloc[:4], _links(rows), sources


def test_a_set_is_written_whole_with_its_record(tmp_path, table):
    out = tmp_path / "out" / "events.csv"
    rows, extracted, links, sources = _set(table)
    texts = {"a.txt": "één tekst", "b" * 300: io.StringIO("read from a file")}
    replace_together(out, rows, extracted, links, sources, texts, inputs={"corrections": {"through": 3}})
    record = build_record(out)
    assert record["inputs"] == {"corrections": {"through": 3}}
    assert sorted(record["files"]) == sorted(["events.csv", "extracted.csv", "links.csv", "sources.csv",
                                              "texts/a.txt.txt", f"texts/{text_name('b' * 300)}"])
    assert (out.parent / "texts" / "a.txt.txt").read_text(encoding="utf-8") == "één tekst"
    assert (out.parent / "texts" / text_name("b" * 300)).read_text() == "read from a file"
    assert verify(out) == [] and sorted(p.name for p in out.parent.iterdir()) == sorted(SET)
    df, read = read_table_and_links(out)
    assert df["id"].tolist() == rows["id"].tolist() and read["relation"].tolist() == ["related", "realizes"]
    assert len(read_table(out.with_name("extracted.csv"))) == 4
    assert df.attrs["build"] == record["build"]
    first = record["build"]
    replace_together(out, rows.head(5), extracted, _links(rows), sources, {"a.txt": "x"})
    assert build_id(out) != first and verify(out) == [] and build_record(out)["inputs"] == {}
    assert sorted(p.name for p in (out.parent / "texts").iterdir()) == ["a.txt.txt"]  # the old texts went with their set


@pytest.mark.parametrize("which, message", [("table", "not writing an invalid table: track"),
                                            ("extracted", "not writing an invalid table: track"),
                                            ("links", "not writing invalid links: links: relations")])
def test_an_invalid_set_writes_nothing(tmp_path, table, which, message):
    rows, extracted, links, sources = _set(table)
    parts = {"table": rows.copy(), "extracted": extracted.copy(), "links": links.copy()}
    if which == "links":
        parts["links"].loc[0, "relation"] = "causes"
    else:
        parts[which].loc[parts[which].index[0], "track"] = "mars"
    with pytest.raises(TableError, match=message):
        replace_together(tmp_path / "events.csv", parts["table"], parts["extracted"], parts["links"], sources, {})
    assert list(tmp_path.iterdir()) == []


def test_a_set_is_not_written_over_files_of_the_user(tmp_path, table):
    (tmp_path / "links.csv").write_text("my own links")
    with pytest.raises(TableError, match=r"links\.csv is a file that no earlier build of this table wrote"):
        replace_together(tmp_path / "events.csv", *_set(table), {})
    assert [p.name for p in tmp_path.iterdir()] == ["links.csv"]


def test_a_dead_build_s_staging_folder_is_removed_and_a_live_one_kept(tmp_path, table):
    import fcntl
    dead, live = tmp_path / ".events.csv.staging-dead", tmp_path / ".events.csv.staging-live"
    dead.mkdir()
    live.mkdir()
    (dead / "events.csv").write_text("half")
    fd = os.open(live, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        replace_together(tmp_path / "events.csv", *_set(table), {})
        assert not dead.exists() and live.exists()
    finally:
        os.close(fd)


def test_a_committed_replacement_is_finished_by_the_next_reader(committed):
    folder = committed.parent
    commit = folder / ".events.csv.commit"
    df = as_written(read_table(committed)).head(7)
    commit.mkdir()
    df.to_csv(commit / "events.csv", index=False)
    (commit / "texts").mkdir()
    (commit / "texts" / "new.txt.txt").write_text("new")
    (commit / "build.json").write_text(json.dumps({"build": "next", "files": {}}))
    table = read_table(committed)
    assert len(table) == 7 and table.attrs["build"] == "next" and not commit.exists()
    assert [p.name for p in (folder / "texts").iterdir()] == ["new.txt.txt"]
    assert (folder / "links.csv").read_bytes() == (DATA / "links.csv").read_bytes()  # not in the commit: kept
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]


def test_a_replacement_that_cannot_be_finished_says_to_build_again(committed, monkeypatch):
    (committed.parent / ".events.csv.commit").mkdir()

    def fail(out):
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr(table_module, "_finish", fail)
    with pytest.raises(TableError, match=r"interrupted while replacing .*\(Permission denied\); run python -m events "
                                         "build"):
        read_table(committed)


# ---------------------------------------------------------------- what a build may replace

def test_a_build_may_replace_its_own_set_a_bare_table_or_nothing(committed, tmp_path, table):
    assert refusal(committed) is None
    assert refusal(tmp_path / "empty" / "events.csv") is None
    write_table(table.head(3), tmp_path / "bare.csv")
    assert refusal(tmp_path / "bare.csv") is None
    old = tmp_path / "old.csv"  # a table of only the required columns, as written before the newer ones
    old.write_text(",".join(REQUIRED) + "\r\n")
    assert refusal(old) is None
    assert refusal(tmp_path / "ai.parquet") is None


@pytest.mark.parametrize("name", ["events.txt", "events", "events.csv.bak"])
def test_a_table_name_must_end_in_csv_or_parquet(tmp_path, name):
    assert refusal(tmp_path / name) == f"--out {tmp_path / name}: the table's name must end in .csv or .parquet"


@pytest.mark.parametrize("content", ["a,b\n1,2\n", ",".join(REQUIRED[:-1]) + "\n", b"\xff\xfe\x00id"])
def test_a_csv_file_that_is_not_a_table_is_not_replaced(tmp_path, content):
    out = tmp_path / "events.csv"
    out.write_bytes(content if isinstance(content, bytes) else content.encode())
    assert refusal(out) == (f"--out {out}: {out} is a file that no earlier build of this table wrote, and a build "
                            "would replace it; choose another name or folder")


def test_a_link_to_a_table_or_a_folder_by_its_name_is_not_replaced(tmp_path, table):
    write_table(table.head(3), tmp_path / "real.csv")
    (tmp_path / "events.csv").symlink_to(tmp_path / "real.csv")
    assert "events.csv is a file that no earlier build" in refusal(tmp_path / "events.csv")
    other = tmp_path / "other"
    other.mkdir()
    (other / "events.csv").mkdir()
    assert "events.csv is a folder that no earlier build" in refusal(other / "events.csv")


@pytest.mark.parametrize("name, kind", [("texts", "folder"), ("sources.csv", "file"), ("extracted.csv", "file"),
                                        ("build.json", "file")])
def test_a_companion_no_build_wrote_is_not_replaced(tmp_path, name, kind):
    target = tmp_path / name
    target.mkdir() if kind == "folder" else target.write_text("{}")
    assert refusal(tmp_path / "events.csv") == (f"--out {tmp_path / 'events.csv'}: {target} is a {kind} that no "
                                                "earlier build of this table wrote, and a build would replace it; "
                                                "choose another name or folder")


def test_a_build_record_names_what_the_build_may_replace(committed):
    folder = committed.parent
    record = json.loads((folder / "build.json").read_text())
    del record["files"]["sources.csv"]
    (folder / "build.json").write_text(json.dumps(record))
    assert "sources.csv is a file that no earlier build" in refusal(committed)
    del record["files"]["texts/000_2412db79c8a8e221.txt.txt"]
    record["files"] = {k: v for k, v in record["files"].items() if not k.startswith("texts/")}
    record["files"]["texts.csv"] = "x"  # a name that starts like the folder's is not in it
    record["files"]["sources.csv"] = "x"
    (folder / "build.json").write_text(json.dumps(record))
    assert "texts is a folder that no earlier build" in refusal(committed)


def test_the_files_recorded_are_those_of_build_json_and_of_a_commit_not_yet_moved(tmp_path):
    out = tmp_path / "events.csv"
    assert _recorded(out) == set()
    (tmp_path / "build.json").write_text(json.dumps({"files": {"events.csv": "1", "texts/a.txt": "2"}}))
    commit = tmp_path / ".events.csv.commit"
    commit.mkdir()
    (commit / "build.json").write_text(json.dumps({"files": {"links.csv": "3"}}))
    assert _recorded(out) == {"events.csv", "texts/a.txt", "links.csv"}
    for broken in ("[1]", "{", json.dumps({"files": ["sources.csv"]}), json.dumps({"build": "b"})):
        (tmp_path / "build.json").write_text(broken)
        assert _recorded(out) == {"links.csv"}, broken
    (tmp_path / "ai-build.json").write_text(json.dumps({"files": {"ai.csv": "1"}}))
    assert _recorded(tmp_path / "ai.csv") == {"ai.csv"}


def test_a_build_never_writes_where_it_reads(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    out = inputs / "events.csv"
    assert refusal(out, [inputs]) == (f"--out {out}: {out} lies inside the input {inputs}; write the table outside "
                                      "the folders read")
    doc = tmp_path / "events.csv"
    assert refusal(doc, [doc]) == f"--out {doc}: {doc} is the input {doc}; write the table outside the folders read"
    text = tmp_path / "texts" / "a.txt"
    assert refusal(doc, [text]) == (f"--out {doc}: the input {text} lies inside {tmp_path / 'texts'}, which the "
                                    "build would replace")
    assert "snapshots" in refusal(doc, [tmp_path / "snapshots"])
    assert refusal(tmp_path / "out" / "events.csv", [inputs]) is None
    assert refusal(tmp_path / "events.csv", [tmp_path / "texts-of-mine"]) is None


def test_a_build_never_writes_where_it_reads_through_a_link(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "alias").symlink_to(real)
    out = tmp_path / "alias" / "events.csv"
    assert "lies inside the input" in refusal(out, [real])
    assert "lies inside the input" in refusal(real / "events.csv", [tmp_path / "alias"])
    assert refusal(out, [tmp_path / "elsewhere"]) is None


def test_a_parquet_set_is_written_and_read_with_its_types(tmp_path, table):
    out = tmp_path / "events.parquet"
    rows, extracted, links, sources = _set(table)
    replace_together(out, rows, extracted, links, sources, {"a.txt": "x"})
    assert sorted(build_record(out)["files"]) == ["events.parquet", "extracted.parquet", "links.csv", "sources.csv",
                                                  "texts/a.txt.txt"]
    df, read = read_table_and_links(out)
    assert df["id"].tolist() == rows["id"].tolist() and df["start"].tolist() == rows["start"].tolist()
    assert df["institutions"].tolist() == rows["institutions"].tolist() and len(read) == 2
    assert verify(out) == [] and refusal(out) is None


def test_a_table_and_its_links_are_read_again_when_a_build_came_between(committed, monkeypatch):
    real, calls = table_module.read_links, []

    def changed_once(path, events):
        calls.append(path)
        if len(calls) == 1:
            raise TableChanged("replaced")
        return real(path, events)
    monkeypatch.setattr(table_module, "read_links", changed_once)
    _, links = read_table_and_links(committed)
    assert calls == [committed.parent / "links.csv"] * 2 and len(links) > 0

    def always(path, events):
        calls.append(path)
        raise TableChanged("replaced")
    calls.clear()
    monkeypatch.setattr(table_module, "read_links", always)
    with pytest.raises(TableChanged):
        read_table_and_links(committed)
    assert len(calls) == 5  # given up after five tries, not forever


def test_a_finish_interrupted_halfway_is_finished(committed):
    """A reader that died while moving: the old texts already set aside, the new ones still staged."""
    folder = committed.parent
    commit = folder / ".events.csv.commit"
    commit.mkdir()
    (commit / "texts").mkdir()
    (commit / "texts" / "new.txt.txt").write_text("new")
    (commit / ".old-texts").mkdir()  # what an earlier finish set aside
    (commit / ".old-texts" / "older.txt.txt").write_text("older")
    (commit / "links.csv").write_bytes((DATA / "links.csv").read_bytes())
    read_table(committed)
    assert [p.name for p in (folder / "texts").iterdir()] == ["new.txt.txt"] and not commit.exists()
    assert (folder / "links.csv").read_bytes() == (DATA / "links.csv").read_bytes()


@pytest.fixture
def another_reader(committed):
    """A shared lock on the set's folder, as a reader holds while it reads; calling it ends the read."""
    import fcntl
    fd = [os.open(committed.parent, os.O_RDONLY)]
    fcntl.flock(fd[0], fcntl.LOCK_SH)

    def done():
        if fd:
            os.close(fd.pop())  # closing releases the lock
    yield committed, done
    done()


def _in_thread(work):
    import threading
    done = []
    thread = threading.Thread(target=lambda: done.append(work()), daemon=True)
    thread.start()
    return thread, done


def test_readers_do_not_wait_for_each_other(another_reader):
    out, _ = another_reader
    thread, done = _in_thread(lambda: read_table_and_links(out))
    thread.join(timeout=20)
    assert done and len(done[0][0]) > 0


def test_a_build_waits_until_the_readers_are_done(another_reader, table):
    (out, reader_done), before = another_reader, (DATA / "links.csv").read_bytes()
    thread, done = _in_thread(lambda: replace_together(out, *_set(table), {}))
    thread.join(timeout=1)
    assert thread.is_alive() and (out.parent / "links.csv").read_bytes() == before  # not replaced under a reader
    reader_done()
    thread.join(timeout=60)
    assert done and len(read_table(out)) == 6 and verify(out) == []


def test_a_parquet_file_that_cannot_be_read_says_how_to_rebuild(tmp_path):
    (tmp_path / "events.parquet").write_bytes(b"not parquet at all")
    with pytest.raises(TableError, match=r"events.parquet cannot be read .*; rebuild it with: python -m events build"):
        read_table(tmp_path / "events.parquet")


def test_relative_names_are_compared_as_the_folders_they_name(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in").mkdir()
    assert "lies inside the input" in refusal(Path("in/events.csv"), [tmp_path / "in"])
    assert "lies inside the input" in refusal(tmp_path / "in" / "events.csv", [Path("in")])
    assert "is the input" in refusal(Path("events.csv"), [tmp_path / "events.csv"])
    assert refusal(Path("out/events.csv"), [Path("in")]) is None


def test_a_long_name_cut_inside_a_character_drops_the_half():
    name = text_name("a" + "é" * 130)  # the 200th byte is the first half of an é
    assert name.startswith("a" + "é" * 99 + "-") and len(name.encode()) == 1 + 198 + 1 + 16 + 4


@pytest.mark.parametrize("column", ["start", "end"])
def test_dates_of_one_other_format_throughout_are_not_iso(column):
    df = _written_table()
    df[column] = "March 5, 2023"  # every row alike: a format a parser would guess
    df[{"start": "end", "end": "start"}[column]] = "2023-03-05"
    assert problems(df) == ["start and end must be ISO dates (YYYY-MM-DD)"]


def test_typed_keeps_the_kinds_read(table):
    written = as_written(table).astype(str).replace({"None": ""})
    assert typed(written)["kind"].tolist() == table["kind"].tolist() and "reference" in set(table["kind"])


def test_typed_is_the_identity_on_a_typed_table_and_undoes_as_written(table):
    assert typed(table).equals(table) and table["relative"].any()
    again = typed(as_written(table).astype(str).replace({"None": ""}))
    assert again["institutions"].tolist() == table["institutions"].tolist()
    assert again["relative"].tolist() == table["relative"].tolist()


def test_ids_of_digits_stay_text_in_the_table_and_its_links(tmp_path, table):
    rows = table.head(4).copy()
    rows.attrs.clear()
    rows.loc[0, "id"], rows.loc[1, "id"] = "000000000042", "123456789012"
    write_table(rows, tmp_path / "events.csv")
    read = read_table(tmp_path / "events.csv")
    assert read["id"].tolist()[:2] == ["000000000042", "123456789012"]
    write_links(_links(read), read, tmp_path / "links.csv")
    assert read_links(tmp_path / "links.csv", read)["from_id"].tolist() == ["000000000042", "123456789012"]


def test_every_problem_is_named_in_one_message(tmp_path, table):
    rows, extracted, links, sources = _set(table)
    bad = rows.copy()
    bad.loc[bad.index[0], "track"] = "mars"
    bad.loc[bad.index[1], "line"] = 0
    with pytest.raises(TableError) as err:
        replace_together(tmp_path / "events.csv", bad, extracted, links, sources, {})
    assert str(err.value) == ("not writing an invalid table: track has values outside the vocabulary: mars; "
                              "line must be a positive number")
    with pytest.raises(TableError) as err:
        replace_together(tmp_path / "events.csv", rows, extracted, _links(rows, "causes", to="gone"), sources, {})
    assert str(err.value) == ("not writing invalid links: links: relations outside the vocabulary: causes; "
                              "links: 1 links to ids not in the events table")
    as_written(bad).to_csv(tmp_path / "events.csv", index=False)
    with pytest.raises(TableError) as err:
        read_table(tmp_path / "events.csv")
    assert str(err.value) == (f"the events table {tmp_path / 'events.csv'} is malformed: track has values outside "
                              "the vocabulary: mars; line must be a positive number; rebuild it with: python -m "
                              "events build")
    rows.attrs.clear()
    _links(rows, "causes", to="gone").to_csv(tmp_path / "links.csv", index=False)
    with pytest.raises(TableError) as err:
        read_links(tmp_path / "links.csv", rows)
    assert str(err.value) == (f"the links table {tmp_path / 'links.csv'} is malformed: links: relations outside the "
                              "vocabulary: causes; links: 1 links to ids not in the events table; rebuild it with: "
                              "python -m events build")
    links = _links(rows)
    links.loc[0, "delay_days"] = "soon"
    links.to_csv(tmp_path / "links.csv", index=False)
    with pytest.raises(TableError) as err:
        read_links(tmp_path / "links.csv", rows)
    assert str(err.value) == (f"the links table {tmp_path / 'links.csv'} is malformed: links: delay_days must be a "
                              "whole number or empty; rebuild it with: python -m events build")


def test_a_set_is_staged_hidden_beside_it_and_removed_when_the_build_fails(tmp_path, table, monkeypatch):
    out = tmp_path / "a" / "b" / "events.csv"
    written, real = [], table_module._write_file

    def fail_at_sources(content, path, sync=True):
        written.append(Path(path))
        if Path(path).name == "sources.csv":
            raise OSError("disk full")
        return real(content, path, sync)
    monkeypatch.setattr(table_module, "_write_file", fail_at_sources)
    with pytest.raises(OSError, match="disk full"):
        replace_together(out, *_set(table), {"a.txt": "x"})
    staging = written[0].parent
    assert staging.parent == out.parent and staging.name.startswith(".events.csv.staging-")
    assert list(out.parent.iterdir()) == []  # nothing left of the failed build
    monkeypatch.setattr(table_module, "_write_file", real)
    replace_together(out, *_set(table), {"a.txt": "x"})
    assert (out.parent / "build.json").read_text().startswith('{\n "build": "')  # one entry a line
    assert verify(out) == []


def test_typed_splits_institutions_at_each_semicolon():
    df = _written_table().head(2).copy()
    df["institutions"] = ["European Commission;UNESCO", ""]
    assert typed(df)["institutions"].tolist() == [("European Commission", "UNESCO"), ()]
