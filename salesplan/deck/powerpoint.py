"""Slides → an editable PowerPoint file (python-pptx): 16:9, native titles, text and tables,
charts as pictures.

Layout of a content slide: the title on top; bullet lines under it; below them a table (left)
and a chart (right; a wide table takes 62 % of the width), or either one
across the width; a notice in small grey italics at the bottom.
"""

from __future__ import annotations

import io
import struct
from pathlib import Path

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from salesplan.deck.slides import Slide, Table

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
TITLE_TOP, TITLE_HEIGHT = Inches(0.3), Inches(0.9)
BODY_TOP, BODY_BOTTOM = Inches(1.3), Inches(6.85)
GAP = Inches(0.3)
LINE = Inches(0.36)
ROW = Inches(0.38)
TITLE_LAYOUT, TITLE_ONLY_LAYOUT = 0, 5
WIDE_TABLE_SHARE = 0.62  # of the width, for a wide table beside a chart
HEADER_FILL = RGBColor(0x37, 0x47, 0x4F)
GREY = RGBColor(0x75, 0x75, 0x75)


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height of a PNG image in pixels (from its IHDR header)."""
    return struct.unpack(">II", data[16:24])


def _place_title(shape, top=TITLE_TOP, height=TITLE_HEIGHT, size=28) -> None:
    shape.left, shape.top, shape.width, shape.height = MARGIN, top, WIDTH - 2 * MARGIN, height
    for paragraph in shape.text_frame.paragraphs:
        paragraph.alignment = PP_ALIGN.LEFT
        for run in paragraph.runs:
            run.font.size = Pt(size)
            run.font.bold = True


def _text(slide, lines: list[str], left, top, width, height, size=16, italic=False, color=None):
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    for i, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.text = line
        for run in paragraph.runs:
            run.font.size = Pt(size)
            run.font.italic = italic
            if color is not None:
                run.font.color.rgb = color
    return box


def _table(slide, table: Table, left, top, width, height) -> None:
    rows = len(table.rows) + 1
    size = 14 if rows <= 9 and len(table.columns) <= 5 else 12 if rows <= 13 else 10
    shape = slide.shapes.add_table(rows, len(table.columns), left, top, width,
                                   min(height, Emu(ROW * rows)))
    grid = shape.table
    if table.shares:
        total = sum(table.shares)
        for column, share in zip(grid.columns, table.shares, strict=True):
            column.width = Emu(int(width * share / total))
    for r, values in enumerate([table.columns, *table.rows]):
        for c, value in enumerate(values):
            cell = grid.cell(r, c)
            cell.text = value
            cell.vertical_anchor = MSO_ANCHOR.MIDDLE
            for paragraph in cell.text_frame.paragraphs:
                paragraph.alignment = PP_ALIGN.RIGHT if table.numeric[c] and r else PP_ALIGN.LEFT
                for run in paragraph.runs:
                    run.font.size = Pt(size)
                    run.font.bold = r == 0
            if r == 0:
                cell.fill.solid()
                cell.fill.fore_color.rgb = HEADER_FILL


def _picture(slide, image: bytes, left, top, width, height) -> None:
    px_w, px_h = png_size(image)
    scale = min(width / px_w, height / px_h)
    w, h = int(px_w * scale), int(px_h * scale)
    slide.shapes.add_picture(io.BytesIO(image), left + (width - w) // 2, top, w, h)


def _title_slide(prs, s: Slide) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_LAYOUT])
    slide.shapes.title.text = s.title
    _place_title(slide.shapes.title, top=Inches(2.0), height=Inches(1.3), size=40)
    subtitle = slide.placeholders[1]
    subtitle.text = "\n".join([s.subtitle, *s.bullets])
    subtitle.left, subtitle.top = MARGIN, Inches(3.5)
    subtitle.width, subtitle.height = WIDTH - 2 * MARGIN, Inches(2.5)
    for i, paragraph in enumerate(subtitle.text_frame.paragraphs):
        paragraph.alignment = PP_ALIGN.LEFT
        for run in paragraph.runs:
            run.font.size = Pt(26 if i == 0 else 18)


def _content_slide(prs, s: Slide) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY_LAYOUT])
    slide.shapes.title.text = s.title
    _place_title(slide.shapes.title)
    top = BODY_TOP
    text = [s.subtitle] if s.subtitle else []
    text += s.bullets
    if text:
        height = Emu(LINE * len(text))
        _text(slide, text, MARGIN, top, WIDTH - 2 * MARGIN, height)
        top = Emu(top + height + GAP // 2)
    bottom = BODY_BOTTOM - (LINE if s.notice else 0)
    full = WIDTH - 2 * MARGIN
    if s.table is not None and s.image is not None:
        share = WIDE_TABLE_SHARE if s.table.wide else 0.5
        left_width = int((full - GAP) * share)
        _table(slide, s.table, MARGIN, top, left_width, bottom - top)
        _picture(slide, s.image, MARGIN + left_width + GAP, top, full - left_width - GAP, bottom - top)
    elif s.table is not None:
        _table(slide, s.table, MARGIN, top, full, bottom - top)
    elif s.image is not None:
        _picture(slide, s.image, MARGIN, top, full, bottom - top)
    if s.notice:
        _text(slide, [s.notice], MARGIN, BODY_BOTTOM - LINE, full, LINE, size=14, italic=True,
              color=GREY)


def write_pptx(slides: list[Slide], path: Path | str) -> Path:
    """Write the slides to ``path`` (16:9); the first slide keyed ``title`` uses the title layout."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    for s in slides:
        (_title_slide if s.key == "title" else _content_slide)(prs, s)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    prs.save(path)
    return path
