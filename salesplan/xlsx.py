"""Sheet writing shared by the workbooks salesplan produces (the plan, the pay statements, the
reviews, the templates to fill): the header row style, column widths, the number formats, the
page setup, and saving, where every text becomes a string cell, never a formula
(``salesplan.cells``).

Every sheet prints on A4 one page wide (fit to width, as many pages down as its rows need), in
landscape when its columns are wider than a portrait page holds, its header row repeated on
every page."""

from __future__ import annotations

import copy
import itertools
import math
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from salesplan.cells import text_cells

HEADER_FILL = PatternFill("solid", fgColor="EEF1F5")
PERCENT = "0.0%"
PORTRAIT_WIDTH = 95  # characters of column width an A4 portrait page holds at 100 %
RUSSIAN = "[$-419]"  # the locale tag of a number format: Russian
DEFAULT_WIDTH = 13  # an unset column's width in characters (8.43 plus its padding)
FONT = "Calibri"  # the workbook's own font (openpyxl's default; LibreOffice prints it as Carlito)
BOLD_LETTER = 1.2  # a bold letter's width in characters (digits of the default font)
PADDING = 2  # characters a cell keeps free beside its text
LINE_HEIGHT = 15  # points a line of the 11-point font takes in a row


def font(*, bold: bool = False, size: float = 11, color: str | None = None) -> Font:
    """The workbook's font (``FONT``) in a weight, size and colour: a font with no name is
    printed in the reader's default, often a wider serif."""
    return Font(name=FONT, bold=bold, size=size, color=color)


def header(ws: Worksheet, row: int, titles: Sequence[str]) -> None:
    """``titles`` in ``row`` from column A: bold, shaded, wrapped and aligned to the top."""
    for col, title in enumerate(titles, start=1):
        cell = ws.cell(row=row, column=col, value=title)
        cell.font = font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.print_title_rows = f"{row}:{row}"


def widths(ws: Worksheet, widths: Sequence[int]) -> None:
    """Column widths (in characters) from column A."""
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width


def fit_title_words(ws: Worksheet) -> None:
    """Each column at least as wide as the longest word of its title in the repeated header row
    (len × ``BOLD_LETTER`` + ``PADDING``): a title wraps between its words, never inside one."""
    if not ws.print_title_rows:
        return
    row = int(ws.print_title_rows.split(":")[0].strip("$"))
    for cell in ws[row]:
        words = str(cell.value or "").split()
        if words:
            needed = max(map(len, words)) * BOLD_LETTER + PADDING
            dimension = ws.column_dimensions[get_column_letter(cell.column)]
            dimension.width = max(dimension.width or DEFAULT_WIDTH, needed)


def lines_needed(cell, width: float) -> int:
    """Lines a wrapped text takes in a column ``width`` characters wide: each paragraph's
    ⌈letters × letter width / (width − ``PADDING``)⌉, at least one."""
    letter = BOLD_LETTER if cell.font and cell.font.b else 1
    per_line = max(width - PADDING, 1) / letter
    return sum(max(1, math.ceil(len(part) / per_line)) for part in str(cell.value).split("\n"))


def aligned(cell, **changes) -> Alignment:
    """The cell's alignment with ``changes``, the rest kept."""
    alignment = copy.copy(cell.alignment)
    for name, value in changes.items():
        setattr(alignment, name, value)
    return alignment


def wrap_cut_texts(ws: Worksheet) -> None:
    """A text longer than its column, with a value in the next cell to its right (which would
    cut it off), wraps in its cell, top-aligned."""
    for row in ws.iter_rows():
        for cell, right in itertools.pairwise(row):
            width = ws.column_dimensions[cell.column_letter].width or DEFAULT_WIDTH
            if isinstance(cell.value, str) and right.value is not None and lines_needed(cell, width) > 1:
                cell.alignment = aligned(cell, wrap_text=True, vertical="top")


def fit_rows(ws: Worksheet) -> None:
    """Each row with wrapped text as tall as its longest wrapped cell (``lines_needed`` ×
    ``LINE_HEIGHT``, every cell read from the top): spreadsheet programs do not all grow a row
    on opening the file, and a text taller than its row is printed over the next one."""
    for row in ws.iter_rows():
        lines = max((lines_needed(c, ws.column_dimensions[c.column_letter].width or DEFAULT_WIDTH)
                     for c in row if isinstance(c.value, str) and c.alignment.wrap_text), default=1)
        if lines > 1:
            ws.row_dimensions[row[0].row].height = lines * LINE_HEIGHT
            for cell in row:  # the row's cells read from its top line
                if cell.value is not None:
                    cell.alignment = aligned(cell, vertical="top")


def for_print(book: Workbook) -> Workbook:
    """Every sheet of ``book`` on A4, one page wide, landscape when its columns' widths add up
    to more than ``PORTRAIT_WIDTH`` characters; titles wrapped between words
    (``fit_title_words``), no text cut off by its neighbour (``wrap_cut_texts``), rows as tall
    as their wrapped text (``fit_rows``); every number
    format tagged Russian (``RUSSIAN``: LibreOffice then groups digits with spaces and writes a
    decimal comma whatever the reader's locale; Excel keeps the reader's separators)."""
    for ws in book.worksheets:
        fit_title_words(ws)
        wrap_cut_texts(ws)
        fit_rows(ws)
        for row in ws.iter_rows():
            for cell in row:
                numeric = cell.value is not None and cell.data_type in ("n", "d")
                shaped = numeric or cell.number_format != "General"
                if shaped and not cell.number_format.startswith("[$"):
                    cell.number_format = RUSSIAN + cell.number_format
        columns = range(1, (ws.max_column or 1) + 1)
        total = sum(ws.column_dimensions[get_column_letter(c)].width or DEFAULT_WIDTH for c in columns)
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.orientation = "landscape" if total > PORTRAIT_WIDTH else "portrait"
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    return book


def save(book: Workbook, path: Path) -> Path:
    """``book`` written to ``path`` (its folder made), set up for printing, every text a string
    cell."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text_cells(for_print(book)).save(path)
    return path


def save_frame(frame: pd.DataFrame, path: Path, sheet: str) -> Path:
    """``frame`` as the sheet ``sheet`` of a workbook at ``path`` (header row, repeated on every
    printed page; no index), every text a string cell."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        frame.to_excel(writer, index=False, sheet_name=sheet)
        writer.book[sheet].print_title_rows = "1:1"
        text_cells(for_print(writer.book))
    return path
