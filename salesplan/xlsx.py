"""Sheet writing shared by the workbooks salesplan produces (the plan, the pay statements, the
reviews): the header row style, column widths, the number formats, and saving, where every
text becomes a string cell, never a formula (``salesplan.cells``)."""

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


def header(ws: Worksheet, row: int, titles: Sequence[str]) -> None:
    """``titles`` in ``row`` from column A: bold, shaded, wrapped and aligned to the top."""
    for col, title in enumerate(titles, start=1):
        cell = ws.cell(row=row, column=col, value=title)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def widths(ws: Worksheet, widths: Sequence[int]) -> None:
    """Column widths (in characters) from column A."""
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width


def save(book: Workbook, path: Path) -> Path:
    """``book`` written to ``path`` (its folder made), every text a string cell."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text_cells(book).save(path)
    return path


def save_frame(frame: pd.DataFrame, path: Path, sheet: str) -> Path:
    """``frame`` as the sheet ``sheet`` of a workbook at ``path`` (header row, no index), every
    text a string cell."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        frame.to_excel(writer, index=False, sheet_name=sheet)
        text_cells(writer.book)
    return path
