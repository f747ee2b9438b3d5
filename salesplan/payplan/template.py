"""The weekly payment plan as an XLSX template: written per manager and week, pre-filled
(``prefill``), filled in by the manager, imported back as a new version.

The sheet «План оплат» holds the week in B2, the manager's id in B3, the column titles in row
``HEADER_ROW`` and one row per payment below: the columns of ``rows.COLUMNS`` and the weighted
amount (a formula, not read back). Money in roubles, probability in per cent (a cell formatted
as % holds a fraction; 0…1 is read as a fraction, above 1 up to 100 as per cent). A row with no
value at all is blank and skipped; every other row is read, and each bad value is reported with
the file, row and column — nothing is dropped silently.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import InvalidOperation
from pathlib import Path

import pandas as pd
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter
from sqlalchemy import Engine

from salesplan import labels, store, xlsx
from salesplan.errors import PaymentPlanError, PeriodError
from salesplan.filenames import inside
from salesplan.money import roubles, to_kopecks
from salesplan.payplan import repository as repo
from salesplan.payplan import rows as R
from salesplan.payplan.prefill import first_rows
from salesplan.periods import Week

T = labels.PAYPLAN_TEMPLATE
E = labels.PAYPLAN_ERRORS
TITLES = labels.PAYPLAN_COLUMNS
HEADER_ROW = 6
WEEK_CELL, MANAGER_CELL = "B2", "B3"
SHOWN = [*R.COLUMNS, "weighted"]
WIDTHS = [12, 28, 22, 20, 16, 12, 28, 14, 14, 18, 12, 16]
FORMATS = {"annual_turnover": "#,##0.00", "amount": "#,##0.00", "weighted": "#,##0.00",
           "expected_date": "DD.MM.YYYY", "probability": "0%"}
MONEY = ("annual_turnover", "amount")


def letter(column: str) -> str:
    return get_column_letter(SHOWN.index(column) + 1)


def write_template(eng: Engine, week: str, manager_id: str, out_dir: Path) -> tuple[Path, pd.DataFrame]:
    """The template of ``manager_id``'s plan for ``week`` in ``out_dir``
    (``payment_plan_<week>_<manager>.xlsx``), pre-filled; returns the file and its rows."""
    period = Week.parse(week)
    repo.check_manager(eng, manager_id, labels.PAYPLAN_FORM["manager"])
    rows, _ = first_rows(eng, "week", str(period), manager_id)
    names = store.read_table(eng, "managers", ["id", "name"]).set_index("id")["name"]
    book = Workbook()
    ws = book.active
    ws.title = T["sheet"]
    ws["A1"] = T["title"].format(week=period.label)
    ws["A1"].font = xlsx.font(bold=True, size=13)
    ws["A2"], ws[WEEK_CELL] = T["week"], str(period)
    ws["A3"], ws[MANAGER_CELL], ws["C3"] = T["manager"], manager_id, names.get(manager_id, "")
    ws["A4"] = T["hint"]
    xlsx.header(ws, HEADER_ROW, [TITLES[c] for c in SHOWN])
    xlsx.widths(ws, WIDTHS)
    for r, row in enumerate(rows.itertuples(index=False), start=HEADER_ROW + 1):
        for column in R.COLUMNS:
            value = getattr(row, column)
            if column in MONEY:
                value = None if pd.isna(value) else roubles(int(value))
            elif column == "probability":
                value = None if pd.isna(value) else float(value)
            ws[f"{letter(column)}{r}"] = value
        ws[f"{letter('weighted')}{r}"] = f"={letter('amount')}{r}*{letter('probability')}{r}"
    last = HEADER_ROW + max(len(rows), 1) + 50  # room for the deals the manager adds
    for column, fmt in FORMATS.items():
        for r in range(HEADER_ROW + 1, last + 1):
            ws[f"{letter(column)}{r}"].number_format = fmt
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=1)
    path = inside(out_dir, f"payment_plan_{period}_{manager_id}", suffix=".xlsx")
    path.parent.mkdir(parents=True, exist_ok=True)
    xlsx.for_print(book).save(path)
    return path, rows


def _number(text: str) -> float:
    """``150 000,50`` / ``150000.5`` / ``60 %`` → float (spaces, ₽ and % ignored)."""
    clean = re.sub(r"[\s\u00a0\u202f₽%]|руб\.?", "", text).replace(",", ".")
    return float(clean)


def _money(value) -> int:
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float):
        return to_kopecks(value)
    return to_kopecks(_number(str(value)))


def _probability(value) -> float:
    if isinstance(value, bool):
        raise ValueError(value)
    number = float(value) if isinstance(value, int | float) else _number(str(value))
    if isinstance(value, str) and "%" in value or number > 1:
        number /= 100
    if not 0 <= number <= 1:
        raise ValueError(value)
    return number


def _text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip() or None


def _blank(values: tuple) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)


def read_template(path: Path) -> tuple[repo.Submission, list[R.Problem], list[int]]:
    """The submission a filled template holds, the problems of its values and the sheet row of
    each plan row (for messages)."""
    path = Path(path)
    try:
        book = load_workbook(path, data_only=True)
    except (OSError, ValueError, KeyError) as exc:
        raise PaymentPlanError(E["unreadable"].format(file=path.name, detail=exc)) from exc
    if T["sheet"] not in book.sheetnames:
        raise PaymentPlanError(E["no_sheet"].format(file=path.name, sheet=T["sheet"]))
    ws = book[T["sheet"]]
    cell = E["cell"]
    try:
        week = Week.parse(str(ws[WEEK_CELL].value or "").strip())
    except PeriodError as exc:
        where = cell.format(file=path.name, row=2, column="B", title=T["week"])
        raise PaymentPlanError(E["bad_week"].format(where=where, problem=exc)) from exc
    manager = _text(ws[MANAGER_CELL].value) or ""
    records, found, sheet_rows = [], [], []
    for r, values in enumerate(ws.iter_rows(min_row=HEADER_ROW + 1, max_col=len(R.COLUMNS),
                                            values_only=True), start=HEADER_ROW + 1):
        if _blank(values):
            continue
        position = len(records)
        record = {}
        for column, value in zip(R.COLUMNS, values, strict=True):
            record[column] = _parsed(column, value, position, found)
        records.append(record)
        sheet_rows.append(r)
    rows = R.typed(pd.DataFrame(records, columns=R.COLUMNS))
    return repo.Submission("week", str(week), manager, rows, source=path.name), found, sheet_rows


def _parsed(column: str, value, position: int, found: list[R.Problem]):
    """The cell's value as the column holds it; a value that does not parse is a problem."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    parse = {"annual_turnover": _money, "amount": _money, "probability": _probability,
             "expected_date": _date}.get(column)
    if parse is None:
        return _text(value)
    try:
        return parse(value)
    except (ValueError, InvalidOperation):
        error = {"expected_date": "bad_date", "probability": "bad_probability"}.get(column, "bad_money")
        found.append(R.Problem(position, column, error, value))
        return None


def _date(value) -> date:
    if isinstance(value, datetime | date):
        return pd.Timestamp(value).date()
    day = R.day_of(value)
    if day is None:
        raise ValueError(value)
    return day


def import_template(eng: Engine, path: Path) -> tuple[repo.Submitted, repo.Submission]:
    """Submit the plan a filled template holds (the stored version, what was read);
    ``PaymentPlanError`` naming the file, row and column of every bad value (nothing stored
    then)."""
    path = Path(path)
    submission, found, sheet_rows = read_template(path)

    def where(p: R.Problem) -> str:
        return E["cell"].format(file=path.name, row=sheet_rows[p.position], column=letter(p.column),
                                title=TITLES[p.column])

    repo.check_manager(eng, submission.manager_id, E["cell"].format(
        file=path.name, row=3, column="B", title=T["manager"]))
    return repo.submit(eng, submission, where, found), submission
