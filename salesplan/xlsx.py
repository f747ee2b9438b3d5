"""Sheet writing shared by the workbooks salesplan produces (the plan, the pay statements):
the header row style, column widths and the number formats both use."""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

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
