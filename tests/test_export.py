"""Table downloads that cannot run formulas; briefing images through Kaleido (every format
checked for size and content); the PowerPoint slide opened with python-pptx; the command
that refuses an empty view or an unknown value."""

import io
import re
from datetime import date, timedelta

import numpy as np
import openpyxl
import pandas as pd
import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Emu
from pypdf import PdfReader

from dashboard import export
from dashboard import filters as flt
from dashboard.figures import EXPORT_SIZES, GAP, LINE_EM, MIN_FONT_PX, briefing_plan, label_width
from dashboard.slide import EMU_PER_PX
from dashboard.sources import read_sources
from events.table import DEFAULT_TABLE, read_table
from tests.conftest import run_module

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
    assert subtitle.startswith("Instelling: Comité inzake kunstmatige intelligentie (CAI); ")
    assert "stand op 31 dec 2024" in subtitle
    assert layout["legend"]["orientation"] == "h" and any(tr.get("showlegend", True) for tr in spec["data"])
    assert min(fonts(spec)) >= MIN_FONT_PX[size]  # 12 pt on the slide, 9 pt on A4 (96 px to 72 pt)
    [source] = [a for a in layout["annotations"] if a.get("name") == "source"]
    text = source["text"].replace("<br>", " ")
    assert text.startswith("Bron: ") and "Raad van Europa verdrag over AI" in text and "(21 501-33, nr. 1006)" in text
    assert "Zoals gemeld tot en met 6 jun 2024" in text and ".txt" not in text
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


def plan_of(df, size, view="timeline", **params):
    """The plan the export of these filters draws: where each mark and label should be."""
    f = flt.parse_query({"lang": "en", **params}, df)
    b = export.prepare(df, f, TODAY, view, SOURCES)
    return briefing_plan(b.view, b.subtitle, b.source, "en", size, b.reference, view, SOURCES)[0]


def tinted(pixels: np.ndarray) -> np.ndarray:
    """Pixels of a status color (blue, green, amber), also seen through a label's half-white
    background; not white, lane grey (#f3f6f9), grid grey or black text."""
    return (pixels.max(axis=-1).astype(int) - pixels.min(axis=-1)) > 15


def dark(pixels: np.ndarray) -> np.ndarray:
    return pixels.max(axis=-1) < 120


@pytest.mark.parametrize("view, params", [("timeline", {}), ("milestones", {}), ("timeline", {"track": "eu"})])
def test_the_png_draws_each_mark_and_label_where_the_plan_puts_it(df, view, params):
    """Read back what a reader sees: a status color at every event's place on the page, and
    text where each label goes (a blank or misplaced drawing fails, whatever its size)."""
    data = kaleido(df, "png", "slide", view, **params)
    image = np.asarray(Image.open(io.BytesIO(data)).convert("RGB"))
    scale = 2  # drawn at twice the pixels
    assert image.shape[:2] == (scale * EXPORT_SIZES["slide"][1], scale * EXPORT_SIZES["slide"][0])
    p = plan_of(df, "slide", view, **params)
    c = p.canvas
    row_half = 0.15 * p.canvas.plot_height(p.units) / (0.5 - min(b for b, _ in p.lanes.values()))  # a bar is 0.3 rows
    assert len(p.items) >= 5 and p.labelled >= 5
    for item in p.items.itertuples():
        left = c.left + p.px(item.start)
        right = left if item.day else c.left + p.px(item.end + timedelta(days=1))
        y = c.top + p.py(item.y)
        reach = c.mark / 2 + 2 if item.day else row_half + 2
        x0, x1 = int((left - c.mark / 2 - 2) * scale), int((right + c.mark / 2 + 2) * scale) + 1
        y0, y1 = int((y - reach) * scale), int((y + reach) * scale) + 1
        assert tinted(image[y0:y1, x0:x1]).any(), f"no mark drawn for {item.id} ({item.start}) at x {left:.0f} y {y:.0f}"
        if item.labelled:
            width = label_width(item.line1, item.line2, c.font)
            if item.side == "right":
                lx = right + GAP + (c.mark / 2 if item.day else 0)
            else:
                lx = left - GAP - (c.mark / 2 if item.day else 0) - width
            box = image[int((y - c.font * LINE_EM) * scale):int((y + c.font * LINE_EM) * scale),
                        int(lx * scale):int((lx + width) * scale)]
            assert dark(box).sum() > 40 * scale, f"no label text for {item.id} ({item.line1!r})"
    # and the page is not dark or colored where nothing is placed: the top-left corner above the title
    assert not dark(image[:8 * scale, :8 * scale]).any() and not tinted(image[:8 * scale, :8 * scale]).any()


def test_svg_holds_its_texts_as_text(df):
    data = kaleido(df, "svg", "a4", "milestones", track="eu").decode()
    assert data.startswith("<svg") and 20_000 < len(data) < 1_000_000
    for text in ("AI-regulation milestones", "Parliament vote", "Council adoption", "Source: ",
                 "Verzamelbrief over de voortgang"):
        assert text in data, text


def test_the_a4_pdf_is_vector_and_holds_its_labels_and_source_as_text(df):
    data = kaleido(df, "pdf", "a4")
    assert data.startswith(b"%PDF") and len(data) < 1_000_000
    assert not re.search(rb"/Subtype\s*/Image", data)  # no rasters: every mark and text is vector
    [page] = PdfReader(io.BytesIO(data)).pages
    assert abs(float(page.mediabox.width) - 842) < 2 and abs(float(page.mediabox.height) - 595) < 2  # A4 landscape
    text = " ".join(page.extract_text().split())
    p = plan_of(df, "a4")
    labelled = p.items[p.items["labelled"]]
    assert len(labelled) >= 10
    for item in labelled.itertuples():  # each label's title and date, as the plan placed them
        for line in (item.line1, item.line2):
            assert " ".join(line.split()) in text, line
    assert "AI-regulation timeline" in text and f"Without a label: {p.unlabelled}" in text
    assert "Source: Verslag van een schriftelijk overleg" in text and "As reported up to 12 Dec 2025" in text


def test_the_pptx_slide_is_made_of_native_shapes(df):
    data = kaleido(df, "pptx", "slide", "milestones", track="eu")
    prs = Presentation(io.BytesIO(data))
    assert (prs.slide_width, prs.slide_height) == (Emu(12192000), Emu(6858000))  # 13.33 x 7.5 in: 16:9
    [slide] = prs.slides
    names = [shape.name for shape in every_shape(slide.shapes)]
    texts = {shape.name: shape.text_frame.text for shape in every_shape(slide.shapes) if shape.has_text_frame}
    assert texts["Title"] == "AI-regulation milestones" and "Track: European Union" in texts["Subtitle"]
    assert texts["Source"].startswith("Source: ") and "Verzamelbrief over de voortgang" in texts["Source"]
    assert any(n.startswith("Lane ") for n in names) and "Date axis" in names and "Today line" in names
    marks = [s for s in every_shape(slide.shapes) if s.name.startswith("Mark ")]
    labels = [texts[n] for n in texts if n.startswith("Label ")]
    assert len(marks) >= 2 and any(label.startswith("Parliament vote\n") for label in labels)
    assert any(n.startswith("Legend ") for n in names)
    for shape in every_shape(slide.shapes):  # everything on the slide, no text under 12 pt
        assert shape.left >= 0 and shape.left + shape.width <= prs.slide_width + 9525, shape.name
        if shape.has_text_frame:
            for para in shape.text_frame.paragraphs:
                assert all(run.font.size.pt >= 12 for run in para.runs), shape.name
    notes = slide.notes_slide.notes_text_frame.text
    assert "track=eu" in notes and "lang=en" in notes


@pytest.mark.parametrize("view", ["timeline", "milestones"])
def test_each_pptx_mark_sits_where_its_date_falls_on_the_axis(df, view):
    """The axis is read off the slide (its line's ends are the plan's first and last day): a day's
    oval is centred on its date, a span's bar runs from its first day to the end of its last."""
    data = kaleido(df, "pptx", "slide", view)
    [slide] = Presentation(io.BytesIO(data)).slides
    shapes = {shape.name: shape for shape in every_shape(slide.shapes)}
    axis = shapes["Date axis"]
    p = plan_of(df, "slide", view)
    first, days = p.x0, (p.x1 - p.x0).days
    per_day = (axis.end_x - axis.begin_x) / days

    def at(d):
        return axis.begin_x + (d - first).days * per_day

    items = p.items.set_index("id")
    marks = [name for name in shapes if name.startswith("Mark ")]
    assert len(marks) == len(items) >= 5
    for name in marks:
        shape, item = shapes[name], items.loc[name.removeprefix("Mark ")]
        if item["day"]:
            assert abs(shape.left + shape.width / 2 - at(item["start"])) <= per_day + 2 * EMU_PER_PX, name
        else:
            assert abs(shape.left - at(item["start"])) <= per_day + EMU_PER_PX, name
            assert abs(shape.left + shape.width - at(item["end"] + timedelta(days=1))) <= per_day + 3 * EMU_PER_PX, name
    ticks = {shape.text_frame.text: shape for name, shape in shapes.items() if name.startswith("Tick ")}
    years = [text for text in ticks if text.isdigit()]
    assert years, list(ticks)
    for text in years:  # a year's tick stands at its 1 January
        tick = ticks[text]
        assert abs(tick.left + tick.width / 2 - at(date(int(text), 1, 1))) <= 2 * EMU_PER_PX, text


def every_shape(shapes):
    """The shapes of a slide, those of its groups in their place."""
    for shape in shapes:
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            yield from every_shape(shape.shapes)
        else:
            yield shape


@pytest.mark.parametrize("view", ["timeline", "milestones"])
def test_pptx_labels_lie_over_the_marks_each_grouped_with_its_own_and_nothing_casts_a_shadow(df, view):
    """The marks without a label come first, beneath every label; a labelled event is one group of
    its mark and its label, which move together when a user edits the slide; no shape has a
    shadow; the note on the events without a label points to what a static slide has."""
    [slide] = Presentation(io.BytesIO(kaleido(df, "pptx", "slide", view))).slides
    top = list(slide.shapes)
    groups = [i for i, shape in enumerate(top) if shape.shape_type == MSO_SHAPE_TYPE.GROUP]
    loose = [i for i, shape in enumerate(top) if shape.name.startswith("Mark ")]
    p = plan_of(df, "slide", view)
    assert len(groups) == int(p.items["labelled"].sum()) > 0 and len(loose) == p.unlabelled
    assert not loose or max(loose) < min(groups)
    for i in groups:
        event = top[i].name.removeprefix("Event ")
        assert [shape.name for shape in top[i].shapes] == [f"Mark {event}", f"Label {event}"]
    assert not [shape.name for shape in every_shape(top) if shape.shadow.inherit]
    assert not [shape.name for shape in top if shape.shape_type == MSO_SHAPE_TYPE.GROUP and shape.shadow.inherit]
    notes = [shape.text_frame.text for shape in top if shape.name == "Unlabelled"]
    assert len(notes) == (p.unlabelled > 0) and all("hover" not in n and "table" in n for n in notes)


def test_a_static_image_never_points_to_the_hover(df):
    spec = export.briefing_figure(df, flt.parse_query({"lang": "en"}, df), "slide", TODAY, "timeline",
                                  SOURCES).to_dict()
    [note] = [a["text"] for a in spec["layout"]["annotations"] if a.get("name") == "unlabelled"]
    assert "hover" not in note and note.startswith("Without a label: ")


def run(*args):
    return run_module("dashboard.export", *args, timeout=180)


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


def test_the_export_command_says_each_error_in_one_line_and_a_bug_with_its_own_status(tmp_path, monkeypatch, capsys):
    out = tmp_path / "x.png"
    assert export.main(["--out", str(out), "--institution", "CIA", "--track", "mars"]) == 2
    [line] = capsys.readouterr().err.strip().splitlines()
    assert "institution=CIA" in line and "track=mars" in line and line.endswith(f"nothing written to {out}")

    def bug(*args, **kwargs):
        raise ZeroDivisionError("division by zero")
    monkeypatch.setattr(export, "render", bug)
    assert export.main(["--out", str(out), "--track", "eu"]) == 4
    [line] = capsys.readouterr().err.strip().splitlines()
    assert line.startswith("error: the export failed unexpectedly (ZeroDivisionError: division by zero at test_export.py:")
    assert "--debug" in line and not out.exists()
    with pytest.raises(ZeroDivisionError):
        export.main(["--out", str(out), "--track", "eu", "--debug"])
