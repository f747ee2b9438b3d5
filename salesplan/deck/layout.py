"""Where everything of a content slide goes, sized from its content (points; the slide is
960 × 540, 16:9) — so that nothing wraps inside a number, breaks a column title mid-word or runs
off the slide in whatever program opens the deck (``salesplan.deck.measure``).

A slide becomes one or more pages: the title on one line; the subtitle and bullets under it;
below them the table (left) and the chart (right), or either one across the width; the notice
at the bottom. A table takes the largest font size at which it fits: each column at least its
widest number and its longest word, then widened towards its widest cell on one line; the
rows as tall as their wrapped cells. A table that does not fit beside its chart goes across the
width, the chart on a page of its own; one that does not fit the page at ``SPLIT_SIZE`` goes on
over more pages («(продолжение)»), its title row repeated.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, replace

from salesplan.deck import measure
from salesplan.deck.slides import Slide, Table
from salesplan.labels import DECK

WIDTH, HEIGHT = 960.0, 540.0
MARGIN = 36.0
FULL = WIDTH - 2 * MARGIN
TITLE_TOP, TITLE_HEIGHT = 21.6, 64.8
BODY_TOP, BODY_BOTTOM = 93.6, 504.0
GAP = 21.6
INSET_X, INSET_Y = 7.2, 3.6  # a text box's and a table cell's inner margins (PowerPoint's defaults)
TITLE_SIZES = (28, 24, 20)
TEXT_SIZES = (16, 14, 12)
TEXT_SHARE = 0.4  # of the body the text above a table or chart may take at a larger size
NOTICE_SIZE = 14
TABLE_SIZES = (16, 14, 13, 12, 11)
SPLIT_SIZE = 12  # a table that does not fit at any size goes on over pages at this size
SMALLEST = 10  # ... or smaller, when its columns need it
TABLE_SHARE = 0.62  # at most, of the width beside a chart
CHART_SHARE = 0.35  # at least, of the width beside a table


@dataclass(frozen=True)
class Area:
    left: float
    top: float
    width: float
    height: float

    @property
    def bottom(self) -> float:
        return self.top + self.height

    @property
    def right(self) -> float:
        return self.left + self.width


@dataclass(frozen=True)
class TableLayout:
    """A table's font size, its column widths and its row heights (the title row first)."""

    size: float
    widths: list[float]
    heights: list[float]

    @property
    def width(self) -> float:
        return sum(self.widths)

    @property
    def height(self) -> float:
        return sum(self.heights)


@dataclass(frozen=True)
class Page:
    """One slide as drawn: every part with its place (None: the page has no such part)."""

    title: str
    title_size: float
    text: list[str]
    text_size: float
    text_area: Area | None = None
    table: Table | None = None
    table_layout: TableLayout | None = None
    table_area: Area | None = None
    image: bytes | None = None
    image_area: Area | None = None
    notice: str = ""
    notice_area: Area | None = None


def first_fitting(text: str, room: float, sizes: tuple[int, ...], bold: bool = False) -> int:
    """The largest of ``sizes`` at which ``text`` is one line in ``room``; else the smallest."""
    return next((s for s in sizes if measure.width(text, s, bold) <= room), sizes[-1])


def text_height(lines: list[str], width: float, size: float) -> float:
    """Height of a text box ``width`` wide holding ``lines`` (each a paragraph) at ``size``."""
    count = sum(measure.lines(line, width - 2 * INSET_X, size) for line in lines)
    return measure.height(count, size) + 2 * INSET_Y


def _cell_room(column_width: float) -> float:
    return column_width - 2 * INSET_X


def column_bounds(table: Table, size: float, room: float) -> tuple[list[float], list[float]]:
    """Each column's least width (its title's longest word, bold; a number column's widest cell,
    a text column's longest word, that at most ``room`` split among the columns) and its width
    with every cell on one line; points, inner margins included."""
    least, full = [], []
    cap = room / len(table.columns)
    for c, title in enumerate(table.columns):
        cells = [row[c] for row in table.rows]
        one_line = [measure.width(v, size) for v in cells]
        if table.numeric[c]:
            need = max(one_line, default=0.0)
        else:
            need = min(cap, max((measure.longest_word(v, size) for v in cells), default=0.0))
        need = max(need, measure.longest_word(title, size, bold=True))
        widest = max([*one_line, measure.width(title, size, bold=True)])
        least.append(need + 2 * INSET_X)
        full.append(max(need, widest) + 2 * INSET_X)
    return least, full


def spread(least: list[float], full: list[float], width: float) -> list[float]:
    """Column widths adding up to ``width``: each column its one-line width scaled up when all fit;
    else its least width plus a share of what is left in proportion to what it lacks."""
    if sum(full) <= width:
        return [f * width / sum(full) for f in full]
    lack = [f - m for f, m in zip(full, least, strict=True)]
    if sum(least) >= width or not sum(lack):
        return [m * width / sum(least) for m in least]
    share = (width - sum(least)) / sum(lack)
    return [m + d * share for m, d in zip(least, lack, strict=True)]


def row_heights(table: Table, widths: list[float], size: float) -> list[float]:
    """The title row's height, then each row's: its tallest cell wrapped in its column."""
    def row_height(values: list[str], bold: bool) -> float:
        count = max(measure.lines(v, _cell_room(w), size, bold) for v, w in zip(values, widths, strict=True))
        return measure.height(count, size) + 2 * INSET_Y

    return [row_height(table.columns, True), *(row_height(r, False) for r in table.rows)]


def table_layout(table: Table, width: float, size: float, shrink: bool = False) -> TableLayout | None:
    """``table`` at ``size`` in ``width`` points (at most its one-line width when ``shrink``);
    None when its columns' least widths do not fit."""
    least, full = column_bounds(table, size, width)
    if sum(least) > width:
        return None
    if shrink:
        width = min(width, sum(full))
    widths = spread(least, full, width)
    return TableLayout(size, widths, row_heights(table, widths, size))


def fitting_table(table: Table, room: Area, sizes: tuple[int, ...],
                  shrink: bool = False) -> TableLayout | None:
    """``table`` at the largest of ``sizes`` at which it fits ``room``; None when it fits at none."""
    for size in sizes:
        layout = table_layout(table, room.width, size, shrink)
        if layout is not None and layout.height <= room.height:
            return layout
    return None


def split_layout(table: Table, width: float) -> TableLayout:
    """``table`` across ``width`` at ``SPLIT_SIZE``, or smaller down to ``SMALLEST`` as its columns
    need; at ``SMALLEST`` its columns squeezed when even that is too wide."""
    for size in range(SPLIT_SIZE, SMALLEST - 1, -1):
        layout = table_layout(table, width, size)
        if layout is not None:
            return layout
    least, _ = column_bounds(table, SMALLEST, width)
    widths = [m * width / sum(least) for m in least]
    return TableLayout(SMALLEST, widths, row_heights(table, widths, SMALLEST))


def chunks(heights: list[float], rooms: list[float]) -> list[range]:
    """Row ranges, one per page: each page holds the title row (``heights[0]``) and as many of the
    following rows as fit its room (``rooms[i]``, the last repeated), at least one."""
    out, start, rows = [], 0, heights[1:]
    while start < len(rows):
        room = (rooms[len(out)] if len(out) < len(rooms) else rooms[-1]) - heights[0]
        end, used = start, 0.0
        while end < len(rows) and (end == start or used + rows[end] <= room):
            used += rows[end]
            end += 1
        out.append(range(start, end))
        start = end
    return out or [range(0, 0)]


def part(table: Table, rows: range) -> Table:
    return replace(table, rows=[table.rows[i] for i in rows])


def part_layout(layout: TableLayout, rows: range) -> TableLayout:
    return replace(layout, heights=[layout.heights[0], *(layout.heights[i + 1] for i in rows)])


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height of a PNG image in pixels (from its IHDR header)."""
    return struct.unpack(">II", data[16:24])


def _image_area(image: bytes, room: Area) -> Area:
    """The image scaled to fit ``room``, its aspect kept, centred across it, at its top."""
    px_w, px_h = png_size(image)
    scale = min(room.width / px_w, room.height / px_h)
    w, h = px_w * scale, px_h * scale
    return Area(room.left + (room.width - w) / 2, room.top, w, h)


def pages(s: Slide) -> list[Page]:
    """The pages of a content slide, each part placed."""
    title_size = first_fitting(s.title, FULL - 2 * INSET_X, TITLE_SIZES, bold=True)
    text = ([s.subtitle] if s.subtitle else []) + s.bullets
    body = BODY_BOTTOM - BODY_TOP
    notice_height = text_height([s.notice], FULL, NOTICE_SIZE) if s.notice else 0.0
    text_size, top, text_area = TEXT_SIZES[0], BODY_TOP, None
    if text:
        limit = body * TEXT_SHARE if (s.table or s.image) else body
        text_size = next((z for z in TEXT_SIZES if text_height(text, FULL, z) <= limit), TEXT_SIZES[-1])
        text_area = Area(MARGIN, BODY_TOP, FULL, text_height(text, FULL, text_size))
        top = text_area.bottom + GAP / 2
    bottom = BODY_BOTTOM - notice_height
    room = Area(MARGIN, top, FULL, bottom - top)
    first = Page(s.title, title_size, text, text_size, text_area)
    out: list[Page]
    if s.table is not None and s.image is not None:
        side = fitting_table(s.table, replace(room, width=(FULL - GAP) * TABLE_SHARE),
                             TABLE_SIZES[1:], shrink=True)
        if side is not None and FULL - GAP - side.width >= FULL * CHART_SHARE:
            chart = Area(MARGIN + side.width + GAP, top, FULL - side.width - GAP, room.height)
            out = [replace(first, table=s.table, table_layout=side,
                           table_area=Area(MARGIN, top, side.width, side.height),
                           image=s.image, image_area=_image_area(s.image, chart))]
        else:
            out = _table_pages(first, s.table, room, notice_height)
            out.append(_continued(first, image=s.image,
                                  image_area=_image_area(s.image, _continued_room(notice_height))))
    elif s.table is not None:
        out = _table_pages(first, s.table, room, notice_height)
    elif s.image is not None:
        out = [replace(first, image=s.image, image_area=_image_area(s.image, room))]
    else:
        out = [first]
    if s.notice:
        out[-1] = replace(out[-1], notice=s.notice,
                          notice_area=Area(MARGIN, BODY_BOTTOM - notice_height, FULL, notice_height))
    return out


def _continued_room(notice_height: float) -> Area:
    return Area(MARGIN, BODY_TOP, FULL, BODY_BOTTOM - notice_height - BODY_TOP)


def _continued(first: Page, **parts) -> Page:
    title = f"{first.title} {DECK['continued']}"
    return Page(title, first_fitting(title, FULL - 2 * INSET_X, TITLE_SIZES, bold=True), [],
                first.text_size, **parts)


def _table_pages(first: Page, table: Table, room: Area, notice_height: float) -> list[Page]:
    """The table across the width on ``first`` and, when it does not fit, on the pages after it."""
    layout = fitting_table(table, room, TABLE_SIZES)
    if layout is not None:
        return [replace(first, table=table, table_layout=layout,
                        table_area=Area(MARGIN, room.top, layout.width, layout.height))]
    layout = split_layout(table, room.width)
    later = _continued_room(notice_height)
    out = []
    for i, rows in enumerate(chunks(layout.heights, [room.height, later.height])):
        piece = part_layout(layout, rows)
        top = room.top if i == 0 else later.top
        placed = dict(table=part(table, rows), table_layout=piece,
                      table_area=Area(MARGIN, top, piece.width, piece.height))
        out.append(replace(first, **placed) if i == 0 else _continued(first, **placed))
    return out
