"""The demo's tables written the way a CRM, 1C and a telephony service export them.

CSV files use ``;``, ``dd.mm.yyyy`` dates and decimal commas with spaces between thousands
(the deals file also a UTF-8 BOM, the leads file cp1251); payments come from 1C as XLSX with
typed cells; call durations are ``H:MM:SS``. Columns are the canonical ones (money in roubles).
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd

from salesplan.demo.generate import DemoData

# table → (file name, encoding); the payments go to XLSX.
FILES = {
    "departments": ("departments.csv", "utf-8"),
    "managers": ("managers.csv", "utf-8"),
    "clients": ("clients.csv", "utf-8"),
    "deals": ("deals.csv", "utf-8-sig"),
    "payments": ("payments.xlsx", None),
    "calls": ("calls.csv", "utf-8"),
    "leads": ("leads.csv", "cp1251"),
    "nps_answers": ("nps_answers.csv", "utf-8"),
}
NBSP = "\xa0"


def rub_text(kopecks: pd.Series, thousands: str = " ") -> pd.Series:
    """Kopecks → ``1 234 567,89`` (empty for a missing amount)."""
    def one(k) -> str:
        if pd.isna(k):
            return ""
        whole, part = divmod(int(k), 100)
        return f"{whole:,}".replace(",", thousands) + f",{part:02d}"

    return kopecks.map(one).astype(object)


def date_text(values: pd.Series, with_time: bool = False) -> pd.Series:
    """``dd.mm.yyyy`` (``dd.mm.yyyy HH:MM:SS`` with time); empty for a missing date."""
    return values.dt.strftime("%d.%m.%Y %H:%M:%S" if with_time else "%d.%m.%Y").fillna("")


def duration_text(seconds: pd.Series) -> pd.Series:
    """Seconds → ``H:MM:SS``."""
    s = seconds.astype("int64")

    def two_digits(part: pd.Series) -> pd.Series:
        return part.astype(str).str.zfill(2)

    return (s // 3600).astype(str) + ":" + two_digits(s // 60 % 60) + ":" + two_digits(s % 60)


def export_style(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """The frame's cells as the export writes them (CSV tables)."""
    out = frame.copy()
    for col in out.columns:
        if col in ("amount", "margin"):
            out[col] = rub_text(out[col], NBSP if table == "deals" else " ")
        elif col == "started_at":
            out[col] = date_text(out[col], with_time=True)
        elif col == "duration_s":
            out[col] = duration_text(out[col])
        elif pd.api.types.is_datetime64_any_dtype(out[col]):
            out[col] = date_text(out[col])
    return out


def write_xlsx(frame: pd.DataFrame, path: Path) -> None:
    """Typed cells as 1C writes them: dates as dates, amounts as numbers in roubles."""
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Оплаты")
    sheet.append(list(frame.columns))
    money = [c in ("amount", "margin") for c in frame.columns]
    dates = [pd.api.types.is_datetime64_any_dtype(frame[c]) for c in frame.columns]
    for row in frame.itertuples(index=False):
        sheet.append([
            None if pd.isna(v) else (int(v) / 100 if is_money else (v.date() if is_date else v))
            for v, is_money, is_date in zip(row, money, dates, strict=True)
        ])
    book.save(path)


def write_exports(data: DemoData, folder: Path) -> dict[str, Path]:
    """Write every table of ``data`` into ``folder``; returns table → file."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {}
    for table, frame in data.tables().items():
        name, encoding = FILES[table]
        path = folder / name
        if encoding is None:
            write_xlsx(frame, path)
        else:
            export_style(table, frame).to_csv(path, sep=";", index=False, encoding=encoding)
        files[table] = path
    return files
