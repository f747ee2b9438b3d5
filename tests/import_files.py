"""Export files as CRMs, 1C and spreadsheets write them, for the import tests."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd

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


def stored(eng, table: str, columns: list[str]) -> dict[str, tuple]:
    """``{id: (column values…)}`` with dates as ``date``, missing values as None."""
    frame = store.read_table(eng, table)
    out = {}
    for _, row in frame.iterrows():
        cells = []
        for c in columns:
            v = row[c]
            if v is None or (not isinstance(v, str) and pd.isna(v)):
                cells.append(None)
            elif isinstance(v, pd.Timestamp):
                cells.append(v.date() if v == v.normalize() and c != "started_at" else v.to_pydatetime())
            else:
                cells.append(v)
        out[row["id"]] = tuple(cells)
    return out
