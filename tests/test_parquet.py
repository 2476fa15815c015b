"""The table as Parquet: the same rows and types as the CSV table, a folder per year when large,
read by the build's readers and the app alike."""

import pytest

from events import parquet
from events.__main__ import main
from events.build import SEEDS, current
from events.table import as_written, companions, read_table, read_table_and_links, verify


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    folder = tmp_path_factory.mktemp("formats")
    csv, pq = folder / "csv" / "events.csv", folder / "pq" / "events.parquet"
    assert main(["build", str(SEEDS), "--out", str(csv)]) == 0
    assert main(["build", str(SEEDS), "--out", str(pq)]) == 0
    return csv, pq


def test_a_parquet_table_holds_the_rows_and_types_of_the_csv_table(both):
    csv, pq = both
    from_csv, from_parquet = read_table(csv), read_table(pq)
    assert as_written(from_parquet).astype(str).equals(as_written(from_csv).astype(str))
    assert isinstance(from_parquet["institutions"].iloc[0], tuple)
    assert from_parquet["start"].map(type).eq(from_csv["start"].map(type)).all()
    assert companions(pq)["extracted"].name == "extracted.parquet" and companions(pq)["extracted"].exists()
    assert verify(pq) == []


def test_the_app_and_the_exports_read_a_parquet_table(both):
    csv, pq = both
    assert as_written(current(pq).table).astype(str).equals(as_written(current(csv).table).astype(str))


def test_a_large_table_is_a_folder_per_year_and_reads_back_whole(tmp_path, monkeypatch, both):
    monkeypatch.setattr(parquet, "PARTITION_ROWS", 50)
    out = tmp_path / "events.parquet"
    assert main(["build", str(SEEDS), "--out", str(out)]) == 0
    years = sorted(p.name for p in out.iterdir())
    assert out.is_dir() and "year=2023" in years and "year=2024" in years
    table, links = read_table_and_links(out)
    expected = read_table(both[0])
    assert sorted(table["id"]) == sorted(expected["id"]) and len(links) > 0
    assert verify(out) == []
    assert main(["build", str(SEEDS), "--out", str(out)]) == 0  # a folder replaced by a folder
    assert sorted(read_table(out)["id"]) == sorted(expected["id"]) and verify(out) == []
