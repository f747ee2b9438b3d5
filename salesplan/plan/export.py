"""The plan as an Excel workbook, and the check of a workbook edited outside and read back.

Sheets (Russian names): department (month, department, version, total, rationale), managers,
weeks (managers × ISO weeks), days (managers × working dates), activity norms with the planned
new and active clients (empty in a plan approved before they were planned), and product /
segment mix when the plan has one. Money is written in whole roubles with the number format
``#,##0 ₽`` (Excel and LibreOffice show the grouping of the reader's locale: ``1 234 567 ₽``
in Russian), dates as ``ДД.ММ.ГГГГ``. Every level is written as values, so an edit in one level
that is not carried to the others is exactly what ``check_workbook`` finds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pandas as pd
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import Engine

from salesplan import labels, xlsx
from salesplan.calendar import ProductionCalendar, default_calendar
from salesplan.errors import PlanError
from salesplan.filenames import inside, stem
from salesplan.money import whole_roubles
from salesplan.periods import Month
from salesplan.plan.decompose import check_levels
from salesplan.plan.model import ROLE_ORDER
from salesplan.plan.scenarios import StoredPlan
from salesplan.plan.sheets import write_sheets
from salesplan.store import department_names, read_table

RUB = '#,##0 "₽"'
DATE = "DD.MM.YYYY"
DECIMAL = "#,##0.0"
COL = labels.PLAN_COLUMNS
SHEET = labels.PLAN_EXCEL
NORM_FORMATS = {
    "deals": "0", "leads": "0", "proposals": "0", "meetings": "0", "calls": "0",
    "calls_per_day": DECIMAL, "minutes_per_day": DECIMAL, "meetings_per_week": DECIMAL,
    "proposals_per_week": DECIMAL, "new_clients": "0", "active_clients": "0",
}


def write_workbook(plan: StoredPlan, roster: pd.DataFrame, path: Path, department: str = "") -> Path:
    """Write ``plan`` to ``path`` (.xlsx). ``roster``: id, name, role of the managers;
    ``department``: the department's name (else its id)."""
    names = roster.set_index("id")["name"].to_dict()
    roles = roster.set_index("id")["role"].to_dict()
    managers = plan.managers
    ids = sorted(managers.index, key=lambda m: (ROLE_ORDER.get(roles.get(m), 9), names.get(m, m)))
    wb = Workbook()

    ws = wb.active
    ws.title = SHEET["department"]
    rows = [
        (SHEET["month"], Month.parse(plan.month).label),
        (SHEET["department_id"], department or plan.department),
        (SHEET["status"], labels.PLAN_STATUS.get(plan.status, plan.status)),
        (SHEET["version"], plan.version),
        (SHEET["method"], labels.PLAN_METHODS.get(plan.inputs.method, "") if plan.inputs else ""),
        (SHEET["key"], labels.PLAN_KEYS.get(plan.inputs.key, "") if plan.inputs else ""),
        (SHEET["plan_total"], whole_roubles(plan.total)),
        (labels.PLAN_SHEET["rationale"], plan.explanation),
    ]
    for r, (key, value) in enumerate(rows, start=1):
        ws.cell(row=r, column=1, value=key).font = xlsx.font(bold=True)
        cell = ws.cell(row=r, column=2, value=value)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.cell(row=7, column=2).number_format = RUB
    ws["A9"], ws["B9"] = "month", plan.month  # machine-readable, for reading back
    ws["A9"].font = ws["B9"].font = xlsx.font(color="999999")
    xlsx.widths(ws, [22, 90])

    ws = wb.create_sheet(SHEET["managers"])
    xlsx.header(ws, 1, [COL["manager_id"], COL["name"], COL["role"], COL["plan"], COL["share"]])
    for r, manager in enumerate(ids, start=2):
        amount = int(managers[manager])
        ws.append([manager, names.get(manager, manager), labels.ROLES.get(roles.get(manager), ""),
                   whole_roubles(amount), amount / plan.total if plan.total else 0])
        ws.cell(row=r, column=4).number_format = RUB
        ws.cell(row=r, column=5).number_format = xlsx.PERCENT
    xlsx.widths(ws, [12, 28, 34, 16, 10])

    weeks = plan.weeks().pivot(index="manager_id", columns="week", values="amount")
    weeks = weeks.reindex(index=ids).fillna(0).astype("int64")
    ws = wb.create_sheet(SHEET["weeks"])
    xlsx.header(ws, 1, [COL["manager_id"], COL["name"], *weeks.columns])
    for r, manager in enumerate(ids, start=2):
        ws.append([manager, names.get(manager, manager), *(whole_roubles(v) for v in weeks.loc[manager])])
        for c in range(3, 3 + weeks.shape[1]):
            ws.cell(row=r, column=c).number_format = RUB
    xlsx.widths(ws, [12, 28, *[14] * weeks.shape[1]])

    days = plan.lines.pivot(index="manager_id", columns="date", values="amount")
    days = days.reindex(index=ids).fillna(0).astype("int64")
    ws = wb.create_sheet(SHEET["days"])
    xlsx.header(ws, 1, [COL["manager_id"], COL["name"]])
    for c, day in enumerate(days.columns, start=3):
        cell = ws.cell(row=1, column=c, value=pd.Timestamp(day).date())
        cell.number_format = DATE
        cell.font = xlsx.font(bold=True)
        cell.fill = xlsx.HEADER_FILL
    for r, manager in enumerate(ids, start=2):
        ws.append([manager, names.get(manager, manager), *(whole_roubles(v) for v in days.loc[manager])])
        for c in range(3, 3 + days.shape[1]):
            ws.cell(row=r, column=c).number_format = RUB
    xlsx.widths(ws, [12, 28, *[12] * days.shape[1]])

    ws = wb.create_sheet(SHEET["norms"])
    norm_columns = list(NORM_FORMATS)
    xlsx.header(ws, 1, [COL["manager_id"], COL["name"], *(COL[c] for c in norm_columns)])
    norms = plan.norms.set_index("manager_id")
    for r, manager in enumerate(ids, start=2):
        values = ([None if pd.isna(v) else v for v in norms.loc[manager, norm_columns]]
                  if manager in norms.index else [])  # not planned (an older plan): an empty cell
        ws.append([manager, names.get(manager, manager), *values])
        for c, fmt in enumerate(NORM_FORMATS.values(), start=3):
            ws.cell(row=r, column=c).number_format = fmt
    xlsx.widths(ws, [12, 28, *[12] * len(norm_columns)])

    if len(plan.mix):
        ws = wb.create_sheet(SHEET["mix"])
        xlsx.header(ws, 1, [COL["manager_id"], COL["name"], COL["dimension"], COL["key"], COL["amount"]])
        for r, row in enumerate(plan.mix.itertuples(index=False), start=2):
            ws.append([row.manager_id, names.get(row.manager_id, row.manager_id),
                       labels.PLAN_DIMENSIONS.get(row.dimension, row.dimension),
                       row.key or labels.PLAN_DIMENSIONS[""], whole_roubles(row.amount)])
            ws.cell(row=r, column=5).number_format = RUB
        xlsx.widths(ws, [12, 28, 22, 22, 16])

    return xlsx.save(wb, Path(path))


@dataclass(frozen=True)
class WorkbookPlan:
    """A plan read back from a workbook: kopecks at every level."""

    month: str
    total: int
    managers: pd.Series  # manager_id → amount
    weeks: pd.DataFrame  # manager_id, week, amount
    days: pd.DataFrame  # manager_id, date, amount


def _sheet(wb, path: Path, key: str) -> Worksheet:
    name = SHEET[key]
    if name not in wb.sheetnames:
        raise PlanError(labels.PLAN_CHECK["bad_sheet"].format(file=path.name, sheet=name))
    return wb[name]


def _money(value, path: Path, sheet: str, row: int, column: str) -> int:
    if value is None or value == "":
        return 0
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise PlanError(labels.PLAN_CHECK["bad_value"].format(
            file=path.name, sheet=sheet, row=row, column=column, value=value))
    return int(round(value * 100))


def _column(col: int, title) -> str:
    """``C (01.10.2026)``: the column letter and its header as the reader sees it."""
    shown = title.strftime("%d.%m.%Y") if isinstance(title, datetime | date) else title
    return f"{get_column_letter(col)} ({shown})"


def _matrix(ws: Worksheet, path: Path, parse_header) -> pd.DataFrame:
    """manager_id, column key, amount (kopecks) from a managers × periods sheet."""
    header = [c.value for c in ws[1]]
    keys = [parse_header(v, col) for col, v in enumerate(header[2:], start=3)]
    records = []
    for r, row in enumerate(ws.iter_rows(min_row=2, values_only=True), start=2):
        if row[0] is None:
            continue
        for col, (key, value) in enumerate(zip(keys, row[2:], strict=False), start=3):
            amount = _money(value, path, ws.title, r, _column(col, header[col - 1]))
            records.append((str(row[0]), key, amount))
    return pd.DataFrame(records, columns=["manager_id", "key", "amount"])


def read_workbook(path: Path) -> WorkbookPlan:
    """Read the levels of a plan workbook (as written by ``write_workbook``, possibly edited)."""
    path = Path(path)
    try:
        wb = load_workbook(path, data_only=True)
    except (OSError, ValueError, KeyError) as exc:
        raise PlanError(labels.PLAN_ERRORS["workbook_unreadable"].format(file=path, detail=exc)) from exc
    dept = _sheet(wb, path, "department")
    total = _money(dept["B7"].value, path, dept.title, 7, _column(2, SHEET["plan_total"]))
    month = str(dept["B9"].value or "")

    mgr = _sheet(wb, path, "managers")
    amounts = {}
    for r, row in enumerate(mgr.iter_rows(min_row=2, values_only=True), start=2):
        if row[0] is not None:
            amounts[str(row[0])] = _money(row[3], path, mgr.title, r, _column(4, COL["plan"]))

    def week_key(value, col):
        return str(value)

    def day_key(value, col):
        if isinstance(value, datetime | date):
            return pd.Timestamp(value)
        try:
            return pd.Timestamp(datetime.strptime(str(value), "%d.%m.%Y"))
        except ValueError as exc:
            raise PlanError(labels.PLAN_CHECK["bad_date"].format(
                file=path.name, sheet=SHEET["days"], row=1, column=get_column_letter(col),
                value=value)) from exc

    weeks = _matrix(_sheet(wb, path, "weeks"), path, week_key).rename(columns={"key": "week"})
    days = _matrix(_sheet(wb, path, "days"), path, day_key).rename(columns={"key": "date"})
    return WorkbookPlan(month, total, pd.Series(amounts, name="amount", dtype="int64"), weeks, days)


def check_workbook(path: Path, calendar: ProductionCalendar | None = None) -> pd.DataFrame:
    """Mismatches between the levels of a workbook (see ``decompose.check_levels``)."""
    plan = read_workbook(path)
    return check_levels(
        plan.total, plan.managers.rename_axis("manager_id"), plan.weeks, plan.days,
        calendar or default_calendar(),
    )


def export_plan(eng: Engine, plan: StoredPlan, out_dir: Path, pdf: bool = False) -> list[Path]:
    """The workbook ``plan_<month>_<department>_v<version>.xlsx`` and the managers' sheets
    (``plan_sheets/``) of ``plan`` in ``out_dir``; returns the files written."""
    out_dir = Path(out_dir)
    roster = read_table(eng, "managers", ["id", "name", "role"])
    departments = department_names(eng)
    name = departments.get(plan.department, plan.department)
    workbook = write_workbook(
        plan, roster, inside(out_dir, stem("plan", plan.month, plan.department, f"v{plan.version}"),
                             suffix=".xlsx"), name
    )
    return [workbook, *write_sheets(plan, roster, out_dir / "plan_sheets", name, pdf=pdf)]
