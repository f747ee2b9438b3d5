"""Slides → an editable PowerPoint file (python-pptx): 16:9, native titles, text and tables,
charts as pictures, each part where ``salesplan.deck.layout`` places it: a slide may take more
than one page when its table is long or too wide for the chart beside it.
"""

from __future__ import annotations

import io
from pathlib import Path

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Inches, Pt

from salesplan.deck import layout as L
from salesplan.deck.slides import Slide

WIDTH, HEIGHT = Pt(L.WIDTH), Pt(L.HEIGHT)
TITLE_LAYOUT, TITLE_ONLY_LAYOUT = 0, 5
HEADER_FILL = RGBColor(0x37, 0x47, 0x4F)
GREY = RGBColor(0x75, 0x75, 0x75)


def _place(shape, area: L.Area) -> None:
    shape.left, shape.top = Pt(area.left), Pt(area.top)
    shape.width, shape.height = Pt(area.width), Pt(area.height)


def _margins(frame_or_cell) -> None:
    """The inner margins the layout counts with, written out (not left to the program)."""
    frame_or_cell.margin_left = frame_or_cell.margin_right = Pt(L.INSET_X)
    frame_or_cell.margin_top = frame_or_cell.margin_bottom = Pt(L.INSET_Y)


def _place_title(shape, area: L.Area, size: float) -> None:
    _place(shape, area)
    for paragraph in shape.text_frame.paragraphs:
        paragraph.alignment = PP_ALIGN.LEFT
        for run in paragraph.runs:
            run.font.size = Pt(size)
            run.font.bold = True


def _text(slide, lines: list[str], area: L.Area, size: float, italic=False, color=None):
    box = slide.shapes.add_textbox(Pt(area.left), Pt(area.top), Pt(area.width), Pt(area.height))
    frame = box.text_frame
    frame.word_wrap = True
    _margins(frame)
    for i, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.text = line
        for run in paragraph.runs:
            run.font.size = Pt(size)
            run.font.italic = italic
            if color is not None:
                run.font.color.rgb = color
    return box


def _table(slide, page: L.Page) -> None:
    table, sizes, area = page.table, page.table_layout, page.table_area
    shape = slide.shapes.add_table(len(table.rows) + 1, len(table.columns), Pt(area.left),
                                   Pt(area.top), Pt(area.width), Pt(area.height))
    grid = shape.table
    for column, width in zip(grid.columns, sizes.widths, strict=True):
        column.width = Pt(width)
    for row, height in zip(grid.rows, sizes.heights, strict=True):
        row.height = Pt(height)
    for r, values in enumerate([table.columns, *table.rows]):
        for c, value in enumerate(values):
            cell = grid.cell(r, c)
            cell.text = value
            cell.vertical_anchor = MSO_ANCHOR.MIDDLE
            _margins(cell)
            for paragraph in cell.text_frame.paragraphs:
                paragraph.alignment = PP_ALIGN.RIGHT if table.numeric[c] and r else PP_ALIGN.LEFT
                for run in paragraph.runs:
                    run.font.size = Pt(sizes.size)
                    run.font.bold = r == 0
            if r == 0:
                cell.fill.solid()
                cell.fill.fore_color.rgb = HEADER_FILL


def _title_slide(prs, s: Slide) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_LAYOUT])
    slide.shapes.title.text = s.title
    _place_title(slide.shapes.title, L.Area(L.MARGIN, 144, L.FULL, 93.6), 40)
    subtitle = slide.placeholders[1]
    subtitle.text = "\n".join([s.subtitle, *s.bullets])
    subtitle.left, subtitle.top = Pt(L.MARGIN), Inches(3.5)
    subtitle.width, subtitle.height = Pt(L.FULL), Inches(2.5)
    for i, paragraph in enumerate(subtitle.text_frame.paragraphs):
        paragraph.alignment = PP_ALIGN.LEFT
        for run in paragraph.runs:
            run.font.size = Pt(26 if i == 0 else 18)


def _content_page(prs, page: L.Page) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY_LAYOUT])
    slide.shapes.title.text = page.title
    _place_title(slide.shapes.title, L.Area(L.MARGIN, L.TITLE_TOP, L.FULL, L.TITLE_HEIGHT),
                 page.title_size)
    if page.text_area is not None:
        _text(slide, page.text, page.text_area, page.text_size)
    if page.table is not None:
        _table(slide, page)
    if page.image is not None:
        area = page.image_area
        slide.shapes.add_picture(io.BytesIO(page.image), Pt(area.left), Pt(area.top), Pt(area.width),
                                 Pt(area.height))
    if page.notice:
        _text(slide, [page.notice], page.notice_area, L.NOTICE_SIZE, italic=True, color=GREY)


def write_pptx(slides: list[Slide], path: Path | str) -> Path:
    """Write the slides to ``path`` (16:9); the first slide keyed ``title`` uses the title layout,
    every other one its pages (``layout.pages``)."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    for s in slides:
        if s.key == "title":
            _title_slide(prs, s)
        else:
            for page in L.pages(s):
                _content_page(prs, page)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    prs.save(path)
    return path
