"""Text from data never becomes a formula in a spreadsheet the product writes (CSV injection).

Excel and LibreOffice take a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return for a formula. The rule, for every XLSX and CSV the product writes:

- XLSX: a text cell keeps its exact value and is written as a string cell, never a formula
  (``text_cells``; the product writes no formulas of its own).
- CSV: such a text gets one leading ``'`` (OWASP's advice), as does a text that is already
  ``'`` s followed by one of those characters, so that ``unescape`` (applied by the import)
  gives every text back exactly: ``unescape(escape(t)) == t``.
- A number stays a number: ``-1500``, ``-1 500,50 ₽``, ``-5%`` or ``+7`` written as text are
  left as they are.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
from openpyxl import Workbook

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_ESCAPED = re.compile(r"'*[=+\-@\t\r]")  # a text escape() prefixes (with the leading ' s)
_NUMBER = re.compile(r"[+-]?(?:\d[\d \u00a0]*(?:[.,]\d+)?|[.,]\d+)(?:[eE][+-]?\d+)?"
                     r"(?:[ \u00a0]?(?:₽|%|руб\.?|р\.))?")  # an amount may carry its unit


def is_number(text: str) -> bool:
    """``-1500``, ``+7``, ``-1 500,50 ₽``, ``-1.5e3``, ``-5%``: a number written as text."""
    return _NUMBER.fullmatch(text) is not None


def escape(value: object) -> object:
    """The value as a CSV cell: a text ``_ESCAPED`` matches, not a number, with ``'`` before it;
    anything else as it is."""
    if isinstance(value, str) and _ESCAPED.match(value) and not is_number(value):
        return "'" + value
    return value


def unescape(text: str) -> str:
    """The text ``escape`` was given: one leading ``'`` dropped before ``'`` s and a trigger."""
    return text[1:] if text.startswith("'") and _ESCAPED.match(text, 1) else text


def unescape_column(values: pd.Series) -> pd.Series:
    """``unescape`` of every text of a column of texts (missing ones stay missing)."""
    if not values.str.startswith("'").any():
        return values
    return values.str.replace(r"^'('*[=+\-@\t\r])", r"\1", regex=True)


def escape_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every text cell and column name escaped (numbers untouched)."""
    out = frame.rename(columns=escape)
    for column in out.columns[out.dtypes.map(lambda d: not pd.api.types.is_numeric_dtype(d))]:
        out[column] = out[column].map(escape)
    return out


def write_csv(frame: pd.DataFrame, path: Path, encoding: str = "utf-8-sig") -> Path:
    """``frame`` as the product's CSV: ``;`` between fields, a BOM (Excel opens it as it is),
    no index, every text escaped."""
    escape_frame(frame).to_csv(path, sep=";", index=False, encoding=encoding, lineterminator="\r\n")
    return path


def text_cells(book: Workbook) -> Workbook:
    """Every cell of ``book`` whose text starts with a trigger made a string cell, its value kept
    (openpyxl takes an assigned ``=…`` for a formula)."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith(TRIGGERS):
                    cell.data_type = "s"
    return book
