"""Sheet writing shared by the workbooks salesplan produces (the plan, the pay statements, the
reviews, the templates to fill): the header row style, column widths, the number formats, the
page setup, and saving, where every text becomes a string cell, never a formula
(``salesplan.cells``).

Every sheet prints on A4 one page wide (fit to width, as many pages down as its rows need), in
landscape when its columns are wider than a portrait page holds, its header row repeated on
every page."""

from __future__ import annotations

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


def header(ws: Worksheet, row: int, titles: Sequence[str]) -> None:
    """``titles`` in ``row`` from column A: bold, shaded, wrapped and aligned to the top."""
    for col, title in enumerate(titles, start=1):
        cell = ws.cell(row=row, column=col, value=title)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.print_title_rows = f"{row}:{row}"


def widths(ws: Worksheet, widths: Sequence[int]) -> None:
    """Column widths (in characters) from column A."""
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width


def for_print(book: Workbook) -> Workbook:
    """Every sheet of ``book`` on A4, one page wide, landscape when its columns' widths add up
    to more than ``PORTRAIT_WIDTH`` characters; every number format tagged Russian
    (``RUSSIAN``: LibreOffice then groups digits with spaces and writes a decimal comma whatever
    the reader's locale; Excel keeps the reader's separators)."""
    for ws in book.worksheets:
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
