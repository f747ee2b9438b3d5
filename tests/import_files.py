"""Export files as CRMs, 1C and spreadsheets write them, for the import tests."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from salesplan import store


def write_text(path: Path, lines: list[str], encoding: str = "utf-8", newline: str = "\n") -> Path:
    """Lines joined by ``newline`` (one at the end too), in ``encoding`` (``utf-8-sig``: a BOM)."""
    path.write_bytes(newline.join([*lines, ""]).encode(encoding))
    return path


def write_xlsx(path: Path, rows: list[list], first_row: int = 1) -> Path:
    """A workbook whose first sheet holds ``rows`` (typed cells) from row ``first_row`` on."""
    book = openpyxl.Workbook()
    sheet = book.active
    for i, row in enumerate(rows, start=first_row):
        for j, value in enumerate(row, start=1):
            sheet.cell(row=i, column=j, value=value)
    book.save(path)
    return path


def fresh_store(folder: Path):
    """An engine on a new, empty SQLite store in ``folder``."""
    return store.engine(f"sqlite:///{folder / 'store.db'}")
