"""Table downloads that cannot run formulas; briefing images through Kaleido (every format
checked for size and content); the PowerPoint slide opened with python-pptx; the command
that refuses an empty view or an unknown value."""

import io
import re
import subprocess
import sys
from datetime import date

import openpyxl
import pandas as pd
import pytest
from pptx import Presentation
from pptx.util import Emu

from dashboard import export
from dashboard import filters as flt
from dashboard.figures import EXPORT_SIZES, LINE_EM, MIN_FONT_PX
from dashboard.sources import read_sources
from events.table import DEFAULT_TABLE, read_table

ROOT = DEFAULT_TABLE.parent.parent.parent
TODAY = date(2026, 11, 23)
SOURCES = read_sources(DEFAULT_TABLE)


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


def test_the_subtitle_states_the_filters_and_the_as_of_date(df):
    f = flt.parse_query({"track": "eu", "from": "2024-01-01", "lang": "en"}, df)
    assert export.describe(f, "en") == "Track: European Union; Period: 1 Jan 2024 – …"
    assert export.describe(flt.Filters(), "nl") == "alle gebeurtenissen"
    asof = flt.parse_query({"asof": "2023-06-01"}, df)
    assert export.describe(asof, "nl") == "stand op 1 jun 2023"


def fonts(spec: dict) -> list[float]:
    """Every font size the figure sets: layout, title, subtitle, legend, ticks, annotations."""
    layout = spec["layout"]
    sizes = [layout["font"]["size"], layout["title"]["font"]["size"], layout["title"]["subtitle"]["font"]["size"],
             layout["legend"]["font"]["size"], layout["xaxis"]["tickfont"]["size"], layout["yaxis"]["tickfont"]["size"]]
    sizes += [a["font"]["size"] for a in layout["annotations"]]
    return sizes


@pytest.mark.parametrize("size", ["slide", "a4"])
@pytest.mark.parametrize("view", ["timeline", "milestones"])
def test_every_page_has_title_subtitle_legend_and_a_source_line_inside_it(df, size, view):
    f = flt.parse_query({"institution": "CAI", "asof": "2024-12-31", "lang": "nl"}, df)
    spec = export.briefing_figure(df, f, size, TODAY, view, SOURCES).to_dict()
    layout = spec["layout"]
    assert (layout["width"], layout["height"]) == EXPORT_SIZES[size]
    assert "AI-regelgeving" in layout["title"]["text"]
    subtitle = layout["title"]["subtitle"]["text"].replace("<br>", " ")
    assert "Instelling: Comité inzake artificiële intelligentie (CAI)" in subtitle or "Instelling:" in subtitle
    assert "stand op 31 dec 2024" in subtitle
    assert layout["legend"]["orientation"] == "h" and any(tr.get("showlegend", True) for tr in spec["data"])
    assert min(fonts(spec)) >= MIN_FONT_PX[size]  # 12 pt on the slide, 9 pt on A4 (96 px to 72 pt)
    [source] = [a for a in layout["annotations"] if a.get("name") == "source"]
    text = source["text"].replace("<br>", " ")
    assert text.startswith("Bron: ") and "Raad van Europa verdrag over AI" in text and "(21 501-33, nr. 1006)" in text
    assert "Gegevens van 6 jun 2024" in text and ".txt" not in text
    # the source line lies inside the page: its lines below the plot, above the page's bottom edge
    lines = source["text"].count("<br>") + 1
    height = lines * source["font"]["size"] * LINE_EM
    below_plot = -source["yshift"]
    assert below_plot + height <= layout["margin"]["b"]
    widest = max(len(line) for line in source["text"].split("<br>")) * source["font"]["size"] * 0.55
    assert layout["margin"]["l"] + source["xshift"] + widest <= layout["width"]


def test_an_empty_view_is_refused(df):
    with pytest.raises(export.EmptyView):
        export.prepare(df, flt.parse_query({"q": "geen-enkel-citaat-bevat-dit"}, df), TODAY)


def kaleido(df, fmt, size, view="timeline", **params):
    f = flt.parse_query({"lang": "en", **params}, df)
    return export.render(df, f, fmt, size, view, TODAY, SOURCES)


def test_png_at_slide_size_twice_the_pixels(df):
    data = kaleido(df, "png", "slide", track="eu")
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (2 * EXPORT_SIZES["slide"][0], 2 * EXPORT_SIZES["slide"][1])
    assert 30_000 < len(data) < 1_500_000


def test_svg_holds_its_texts_as_text(df):
    data = kaleido(df, "svg", "a4", "milestones", track="eu").decode()
    assert data.startswith("<svg") and 20_000 < len(data) < 1_000_000
    for text in ("AI-regulation milestones", "Parliament vote", "Council adoption", "Source: ",
                 "Verzamelbrief over de voortgang"):
        assert text in data, text


def test_the_a4_pdf_is_vector_and_small(df):
    data = kaleido(df, "pdf", "a4")
    assert data.startswith(b"%PDF") and len(data) < 1_000_000
    assert not re.search(rb"/Subtype\s*/Image", data)  # no rasters: every mark and text is vector
    pages = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data)
    assert pages and all(abs(float(w) - 842) < 2 and abs(float(h) - 595) < 2 for w, h in pages)  # A4 landscape


def test_the_pptx_slide_is_made_of_native_shapes(df):
    data = kaleido(df, "pptx", "slide", "milestones", track="eu")
    prs = Presentation(io.BytesIO(data))
    assert (prs.slide_width, prs.slide_height) == (Emu(12192000), Emu(6858000))  # 13.33 x 7.5 in: 16:9
    [slide] = prs.slides
    names = [shape.name for shape in slide.shapes]
    texts = {shape.name: shape.text_frame.text for shape in slide.shapes if shape.has_text_frame}
    assert texts["Title"] == "AI-regulation milestones" and "Track: European Union" in texts["Subtitle"]
    assert texts["Source"].startswith("Source: ") and "Verzamelbrief over de voortgang" in texts["Source"]
    assert any(n.startswith("Lane ") for n in names) and "Date axis" in names and "Today line" in names
    marks = [s for s in slide.shapes if s.name.startswith("Mark ")]
    labels = [texts[n] for n in texts if n.startswith("Label ")]
    assert len(marks) >= 2 and any(label.startswith("Parliament vote\n") for label in labels)
    assert any(n.startswith("Legend ") for n in names)
    for shape in slide.shapes:  # everything on the slide, no text under 12 pt
        assert shape.left >= 0 and shape.left + shape.width <= prs.slide_width + 9525, shape.name
        if shape.has_text_frame:
            for para in shape.text_frame.paragraphs:
                assert all(run.font.size.pt >= 12 for run in para.runs), shape.name
    notes = slide.notes_slide.notes_text_frame.text
    assert "track=eu" in notes and "lang=en" in notes


def run(*args):
    return subprocess.run([sys.executable, "-m", "dashboard.export", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=180)


def test_the_export_command_writes_a_file(tmp_path):
    out = tmp_path / "view.svg"
    done = run("--out", str(out), "--track", "eu", "--from", "2021-01-01", "--lang", "en", "--size", "a4")
    assert done.returncode == 0, done.stderr
    data = out.read_text()
    assert "AI-regulation timeline" in data and "European Union" in data and "Track: European Union" in data


@pytest.mark.parametrize("args, message", [
    (["--institution", "CIA"], "not a valid value: institution=CIA"),
    (["--track", "mars"], "not a valid value: track=mars"),
    (["--q", "geen-enkel-citaat-bevat-dit"], "Geen gebeurtenissen bij deze filters"),
    (["--track", "eu", "--to", "1990-01-01"], "Geen gebeurtenissen bij deze filters"),
])
def test_the_export_command_refuses_an_empty_view_or_an_unknown_value(tmp_path, args, message):
    out = tmp_path / "x.pdf"
    done = run("--out", str(out), *args)
    assert done.returncode == 2 and message in done.stderr and "nothing written" in done.stderr
    assert not out.exists() and not list(tmp_path.iterdir())
