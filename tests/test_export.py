"""Table downloads that cannot run formulas, and briefing images through Kaleido."""

import io
import subprocess
import sys
from datetime import date

import openpyxl
import pandas as pd
import pytest

from dashboard import export
from dashboard import filters as flt
from events.table import DEFAULT_TABLE, read_table

ROOT = DEFAULT_TABLE.parent.parent.parent


@pytest.fixture(scope="module")
def df():
    return read_table(DEFAULT_TABLE)


def hostile(df):
    return df.iloc[[0, 1, 2, 3]].assign(title=["=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)"])


def test_csv_cells_cannot_run_as_formulas(df):
    text = export.to_csv(hostile(df)).decode("utf-8-sig")
    read = pd.read_csv(io.StringIO(text), dtype=str)
    assert list(read["title"]) == ["'=HYPERLINK(\"http://x\")", "'+1", "'-2+3", "'@SUM(A1)"]
    assert "'=" not in "".join(read["quote"])  # only cells that start with a formula sign change


def test_excel_cells_are_text_not_formulas(df):
    book = openpyxl.load_workbook(io.BytesIO(export.to_xlsx(hostile(df))))
    sheet = book["events"]
    titles = [row[0].value for row in sheet.iter_rows(min_row=2, min_col=9, max_col=9)]
    assert titles == ["'=HYPERLINK(\"http://x\")", "'+1", "'-2+3", "'@SUM(A1)"]
    assert all(row[0].data_type == "s" for row in sheet.iter_rows(min_row=2, min_col=9, max_col=9))


def test_the_subtitle_states_the_filters(df):
    f = flt.parse_query({"track": "eu", "from": "2024-01-01", "lang": "en"}, df)
    assert export.describe(f, "en") == "Track: European Union; Period: 1 Jan 2024 – …"
    assert export.describe(flt.Filters(), "nl") == "alle gebeurtenissen"


def test_the_briefing_figure_has_title_subtitle_source_and_size(df):
    f = flt.parse_query({"institution": "CAI", "lang": "nl"}, df)
    fig = export.briefing_figure(df, f, "a4", date(2026, 11, 23)).to_dict()["layout"]
    assert "Tijdlijn AI-regelgeving" in fig["title"]["text"] and "Instelling" in fig["title"]["text"]
    assert (fig["width"], fig["height"]) == export.EXPORT_SIZES["a4"]
    assert any(a["text"].startswith("Bron:") and "5 documenten" in a["text"] for a in fig["annotations"])
    assert fig["legend"]["orientation"] == "h"


@pytest.mark.parametrize("fmt, magic", [("png", b"\x89PNG"), ("svg", b"<svg"), ("pdf", b"%PDF")])
def test_the_export_command_writes_each_format(tmp_path, fmt, magic):
    out = tmp_path / f"view.{fmt}"
    done = subprocess.run([sys.executable, "-m", "dashboard.export", "--out", str(out), "--track", "eu",
                           "--from", "2021-01-01", "--lang", "en"], cwd=ROOT, capture_output=True, text=True,
                          timeout=180)
    assert done.returncode == 0, done.stderr
    data = out.read_bytes()
    assert magic in data[:200] and len(data) > 10_000
    if fmt == "png":
        width = int.from_bytes(data[16:20], "big")
        assert width == 2 * export.EXPORT_SIZES["slide"][0]
    if fmt == "svg":
        assert "AI-regulation timeline" in data.decode() and "European Union" in data.decode()


def test_the_export_command_reports_invalid_filters(tmp_path):
    done = subprocess.run([sys.executable, "-m", "dashboard.export", "--out", str(tmp_path / "x.svg"),
                           "--track", "mars"], cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0 and "ignored (not valid): track=mars" in done.stderr
