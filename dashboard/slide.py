"""The briefing as an editable PowerPoint slide: the same plan as the slide image, drawn with
native shapes (lanes, marks, labels, axis, reference line, legend, title, source line) so
that a user can move a milestone or edit a label; the filters go in the notes."""

from __future__ import annotations

import io
from datetime import date, timedelta

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Pt

from dashboard.figures import GAP, LINE_EM, REST_JOIN, STATUS_COLORS, Plan, date_ticks, second_line
from dashboard.text import format_date, label, t

EMU_PER_PX = 9525  # 96 px to the inch
PT_PER_PX = 0.75
GREY = RGBColor(0x44, 0x44, 0x44)
LANE_FILL = RGBColor(0xF3, 0xF6, 0xF9)
RED = RGBColor(0xB2, 0x22, 0x22)


def _rgb(hex_color: str) -> RGBColor:
    return RGBColor.from_string(hex_color.lstrip("#").upper())


def _px(value: float) -> Emu:
    return Emu(round(value * EMU_PER_PX))


class _Slide:
    def __init__(self, slide, p: Plan):
        self.shapes, self.p, self.c = slide.shapes, p, p.canvas
        self.plot_h = p.canvas.plot_height(p.units)

    def x(self, d: date) -> float:
        return self.c.left + self.p.px(d)

    def y(self, value: float) -> float:
        return self.c.top + self.p.py(value)

    def text(self, left, top, width, height, paragraphs, size_pt, name, align=PP_ALIGN.LEFT, color=None,
             bold=False, anchor=MSO_ANCHOR.TOP, into=None):
        box = (self.shapes if into is None else into).add_textbox(_px(left), _px(top), _px(width), _px(height))
        box.name = name
        box.shadow.inherit = False
        frame = box.text_frame
        frame.word_wrap = True
        frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
        frame.vertical_anchor = anchor
        for i, paragraph in enumerate(paragraphs):  # a paragraph: (text, grey), or a list of such runs
            para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            para.alignment = align
            for line, grey in paragraph if isinstance(paragraph, list) else [paragraph]:
                run = para.add_run()
                run.text = line
                run.font.size = Pt(size_pt)
                run.font.bold = bold
                run.font.name = "Arial"
                run.font.color.rgb = GREY if grey else (color or RGBColor(0x1B, 0x1B, 0x1B))
        return box

    def shape(self, kind, left, top, width, height, fill: RGBColor | None, line: RGBColor | None, name: str,
              line_pt: float = 1.0, into=None):
        s = (self.shapes if into is None else into).add_shape(kind, _px(left), _px(top), _px(max(width, 1)), _px(max(height, 1)))
        s.name = name
        if fill is None:
            s.fill.background()
        else:
            s.fill.solid()
            s.fill.fore_color.rgb = fill
        if line is None:
            s.line.fill.background()
        else:
            s.line.color.rgb = line
            s.line.width = Pt(line_pt)
        s.shadow.inherit = False
        return s


def _lighter(color: RGBColor, share: float) -> RGBColor:
    """The color mixed with white (share: how much of the color stays)."""
    return RGBColor(*(int(255 - (255 - c) * share) for c in color))


def build(p: Plan, title: str, subtitle: str, source: str, lang: str, reference: date, asof: bool,
          notes: str) -> bytes:
    """The slide as a .pptx file (16:9, 13.33 x 7.5 in)."""
    c = p.canvas
    prs = Presentation()
    prs.slide_width, prs.slide_height = _px(c.width), _px(c.height)
    slide = prs.slides.add_slide(prs.slide_layouts[6])  # blank
    s = _Slide(slide, p)
    font_pt = c.font * PT_PER_PX
    s.text(16, 10, c.width - 32, c.font * 2.2, [(title, False)], font_pt * 1.6, "Title", bold=True)
    s.text(16, 12 + c.font * 2.2, c.width - 32, c.font * LINE_EM * 2, [(subtitle, False)], font_pt, "Subtitle",
           color=GREY)
    for i, (key, (bottom, top)) in enumerate(p.lanes.items()):
        y0, y1 = s.y(top), s.y(bottom)
        if i % 2 == 0:
            s.shape(MSO_SHAPE.RECTANGLE, c.left, y0, c.plot_width, y1 - y0, LANE_FILL, None, f"Lane {key}")
        s.text(8, y0, c.left - 16, y1 - y0, [(p.lane_names.get(key, key), False)], font_pt, f"Lane name {key}",
               align=PP_ALIGN.RIGHT, anchor=MSO_ANCHOR.MIDDLE)
    axis_y = c.top + s.plot_h
    line = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, _px(c.left), _px(axis_y), _px(c.left + c.plot_width),
                                      _px(axis_y))
    line.name = "Date axis"
    line.shadow.inherit = False
    line.line.color.rgb = RGBColor(0x88, 0x88, 0x88)
    values, texts, _ = date_ticks(p.x0, p.x1, c.plot_width, c.font, lang)
    for value, text in zip(values, texts, strict=True):
        x = s.x(date.fromisoformat(value))
        width = len(text) * c.font * 0.62 + 8
        s.text(x - width / 2, axis_y + 4, width, c.font * LINE_EM, [(text, False)], font_pt, f"Tick {text}",
               align=PP_ALIGN.CENTER)
    # the marks without a label first, beneath every label; then each label grouped with its mark
    for row in sorted(p.items.itertuples(), key=lambda r: bool(r.labelled)):
        color = _rgb(STATUS_COLORS[row.status])
        y = s.y(row.y)
        into = None
        if row.labelled:
            group = slide.shapes.add_group_shape()
            group.name, into = f"Event {row.id}", group.shapes
            group.shadow.inherit = False
        if row.day:
            fill = None if row.status == "planned" else color
            s.shape(MSO_SHAPE.OVAL, s.x(row.start) - c.mark / 2, y - c.mark / 2, c.mark, c.mark, fill, color,
                    f"Mark {row.id}", line_pt=2, into=into)
        else:
            x0, x1 = s.x(row.start), s.x(row.end + timedelta(days=1))
            s.shape(MSO_SHAPE.RECTANGLE, x0, y - c.row_px * 0.12, max(2.0, x1 - x0), c.row_px * 0.24,
                    _lighter(color, 0.12 if row.status == "planned" else 0.3), color, f"Mark {row.id}", into=into)
        if row.labelled:
            rest = getattr(row, "rest", "")
            width = max(len(row.line1), len(second_line(rest, row.line2))) * c.font * 0.6 + 4
            height = 2 * c.font * LINE_EM
            half = c.mark / 2 if row.day else 0
            if row.side == "right":
                anchor_x = (s.x(row.start) if row.day else s.x(row.end + timedelta(days=1))) + GAP + half
                left, align = anchor_x, PP_ALIGN.LEFT
            else:
                left, align = s.x(row.start) - GAP - half - width, PP_ALIGN.RIGHT
            second = [(rest + REST_JOIN, False), (row.line2, True)] if rest else (row.line2, True)
            s.text(left, y - height / 2, width, height, [(row.line1, False), second], font_pt,
                   f"Label {row.id}", align=align, anchor=MSO_ANCHOR.MIDDLE, into=into)
    # the reference line: today, or the as-of date
    x = s.x(reference)
    ref = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, _px(x), _px(c.top), _px(x), _px(axis_y))
    ref.name = "As-of line" if asof else "Today line"
    ref.shadow.inherit = False
    ref.line.color.rgb = RED
    ref.line.dash_style = MSO_LINE_DASH_STYLE.ROUND_DOT
    ref.line.width = Pt(1.5)
    name = t("asof_line" if asof else "today_line", lang, date=format_date(reference, lang))
    width = len(name) * c.font * 0.62 + 8
    on_right = p.px(reference) > c.plot_width / 2
    s.text(x - width if on_right else x, c.top - c.font * LINE_EM - 2, width, c.font * LINE_EM, [(name, False)],
           font_pt, "Reference line name", align=PP_ALIGN.RIGHT if on_right else PP_ALIGN.LEFT, color=RED)
    if p.unlabelled:
        note = t("unlabelled_static", lang, n=p.unlabelled)
        s.text(c.left, c.top - c.font * LINE_EM - 2, len(note) * c.font * 0.62, c.font * LINE_EM,
               [(note, True)], font_pt, "Unlabelled")
    # legend: one swatch per status and mark kind drawn
    legend_y = axis_y + c.font * LINE_EM + 12
    x = float(c.left)
    for status, color_hex in STATUS_COLORS.items():
        present = p.items[p.items["status"] == status]
        for day in (True, False):
            if not (present["day"] == day).any():
                continue
            color = _rgb(color_hex)
            if day:
                s.shape(MSO_SHAPE.OVAL, x, legend_y + 2, c.mark, c.mark, None if status == "planned" else color,
                        color, f"Legend mark {status} day", line_pt=2)
            else:
                s.shape(MSO_SHAPE.RECTANGLE, x, legend_y + c.mark / 4, c.mark * 1.6, c.mark / 2,
                        _lighter(color, 0.12 if status == "planned" else 0.3), color, f"Legend mark {status} span")
            text = f"{label('statuses', status, lang)} ({t('exact_day' if day else 'span', lang)})"
            width = len(text) * c.font * 0.62 + 8
            s.text(x + c.mark * 1.6 + 6, legend_y, width, c.font * LINE_EM, [(text, False)], font_pt,
                   f"Legend {status} {'day' if day else 'span'}")
            x += c.mark * 1.6 + 6 + width + 18
    source_lines = source.count("\n") + 1
    s.text(16, c.height - 10 - source_lines * c.font * LINE_EM, c.width - 32, source_lines * c.font * LINE_EM,
           [(line, True) for line in source.split("\n")], font_pt, "Source")
    slide.notes_slide.notes_text_frame.text = notes
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()
