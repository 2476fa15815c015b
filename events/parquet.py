"""The events table as Parquet (pyarrow), for large corpora: the table's columns with their
types (dates as dates, institutions as a list), one file, or above PARTITION_ROWS a folder
with one folder of files per year of the events' start (year=2024/part-0.parquet), which
DuckDB and pyarrow read as one table."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

SUFFIX = ".parquet"
PARTITION_ROWS = 200_000
_TYPES = {"line": pa.int64(), "start": pa.date32(), "end": pa.date32(), "doc_date": pa.date32(),
          "institutions": pa.list_(pa.string()), "relative": pa.bool_()}
_YEAR = pa.schema([("year", pa.int32())])


def schema(columns) -> pa.Schema:
    return pa.schema([(c, _TYPES.get(c, pa.string())) for c in columns])


def _digest(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write(df: pd.DataFrame, path: Path, file_mode: int, folder_mode: int) -> dict[str, str]:
    """Write a typed table (events/table.py typed) as a new file or folder at `path`, flushed
    to disk; the SHA-256 of each file written, by its path from `path`'s folder."""
    table = pa.Table.from_pandas(df, schema=schema(df.columns), preserve_index=False)
    if len(df) < PARTITION_ROWS:
        pq.write_table(table, path)
        files = [path]
    else:
        years = pa.array([d.year for d in df["start"]], type=pa.int32())
        ds.write_dataset(table.append_column("year", years), path, format="parquet", basename_template="part-{i}.parquet",
                         partitioning=ds.partitioning(_YEAR, flavor="hive"), existing_data_behavior="error")
        files = sorted(p for p in path.rglob("*") if p.is_file())
        for folder in sorted({f.parent for f in files} | {path}):
            os.chmod(folder, folder_mode)
    written = {}
    for file in files:
        os.chmod(file, file_mode)
        with open(file, "rb") as fh:
            os.fsync(fh.fileno())
        written[file.relative_to(path.parent).as_posix()] = _digest(file)
    return written


def read(path: Path) -> pd.DataFrame:
    """A table written by `write`, typed as events/table.py typed makes a CSV table (rows of a
    folder in year order). ValueError when it is no such table."""
    try:
        table = ds.dataset(path, format="parquet", partitioning="hive" if path.is_dir() else None).to_table()
    except (pa.ArrowException, OSError) as exc:
        raise ValueError(str(exc)) from None
    if "year" in table.column_names and path.is_dir():
        table = table.drop_columns(["year"])
    df = table.to_pandas(date_as_object=True)
    if "institutions" in df.columns:
        df["institutions"] = df["institutions"].map(lambda names: tuple(names) if names is not None else ())
    for column in ("start", "end", "doc_date"):
        if column in df.columns:
            df[column] = df[column].astype(object).where(df[column].notna(), None)
    return df
