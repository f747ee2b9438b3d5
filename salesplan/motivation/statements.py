"""Pay statements: an XLSX per manager, the department payroll XLSX for the accountant, and the
same as an HTML fragment for the monthly pack.

Files go to ``<out_dir>/payouts/``: ``<month>_<manager id>.xlsx`` and
``<month>_payroll.xlsx`` (``<month>_payroll_<department>.xlsx`` for one department), each id
made a safe name (``salesplan.filenames``); every text is a string cell. Money
cells hold roubles with two decimals (exact: kopecks / 100 as decimals).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import Engine

from salesplan import store, xlsx
from salesplan.control.report import Control
from salesplan.filenames import inside, stem
from salesplan.labels import PAY_COLUMNS, PAY_PARTS, PAY_TOTALS, ROLES
from salesplan.money import fmt_number, fmt_percent, fmt_rub
from salesplan.motivation.inputs import month_facts
from salesplan.motivation.lock import month_payslips
from salesplan.motivation.pay import ManagerMonth, PayLine, Payslip, unpaid
from salesplan.motivation.schemes import Scheme, SchemeBook, load_schemes
from salesplan.periods import Month
from salesplan.printing import render

MONEY_FORMAT = "#,##0.00"
RATE_FORMAT = "0.00%"
COEF_FORMAT = "0.0000"
PAYROLL_PARTS = ["fixed", "kpi", "commission", "team_bonus", "correction"]
PAYROLL_HEADERS = ["department_id", "manager_id", "name", "role", "scheme", *PAYROLL_PARTS,
                   "accrued", "deducted", "total"]


def _rub(kopecks: int | None) -> Decimal | None:
    return None if kopecks is None else Decimal(kopecks) / 100


def _coefficient_text(line: PayLine) -> str:
    if line.coefficient is None:
        return ""
    if line.part in ("commission", "deduction"):
        return fmt_percent(float(line.coefficient * 100), 2)
    return fmt_number(float(line.coefficient), 4)


def statement_rows(slip: Payslip) -> list[dict[str, str]]:
    """The payslip's lines as display text (keys of ``labels.PAY_COLUMNS``)."""
    return [
        {
            "part": PAY_PARTS[line.part],
            "label": line.label,
            "base": fmt_rub(line.base, kopecks_shown=True) if line.base is not None else "",
            "fulfilment": fmt_percent(float(line.fulfilment)) if line.fulfilment is not None else "",
            "coefficient": _coefficient_text(line),
            "amount": fmt_rub(line.amount, kopecks_shown=True),
            "note": line.note,
        }
        for line in slip.lines
    ]


def payroll_table(slips: Sequence[Payslip]) -> pd.DataFrame:
    """One row per manager: ids, name, role, scheme, each part, accrued, deducted, total (kopecks)."""
    rows = [
        {
            "department_id": s.facts.department_id,
            "manager_id": s.facts.manager_id,
            "name": s.facts.name,
            "role": s.facts.role,
            "scheme": s.scheme.name,
            **{part: s.part(part) for part in PAYROLL_PARTS},
            "accrued": s.accrued,
            "deducted": s.deducted,
            "total": s.total,
        }
        for s in slips
    ]
    return pd.DataFrame(rows, columns=PAYROLL_HEADERS)


def budget_table(slips: Sequence[Payslip], book: SchemeBook) -> pd.DataFrame:
    """Per department: ``budget`` (None when not set), ``total`` to pay, ``left`` = budget − total."""
    table = payroll_table(slips)
    out = table.groupby("department_id", sort=True)["total"].sum().reset_index()
    out["budget"] = [book.payroll.for_department(d).budget for d in out["department_id"]]
    out["left"] = [None if b is None else b - t for b, t in zip(out["budget"], out["total"], strict=True)]
    return out[["department_id", "budget", "total", "left"]]


def scheme_in_force(scheme: Scheme) -> str:
    """``Хантер 2026 (действует с июля 2026)``: the scheme and the month it applies from."""
    since = Month.parse(scheme.effective_from).label_genitive
    return PAY_TOTALS["scheme_in_force"].format(name=scheme.name, since=since)


def _facts_rows(facts: ManagerMonth, departments: Mapping[str, str]) -> list[tuple[str, str]]:
    return [
        (PAY_TOTALS["manager"], facts.name),
        (PAY_TOTALS["role"], ROLES.get(facts.role, facts.role)),
        (PAY_TOTALS["department"], departments.get(facts.department_id) or facts.department_id),
        (PAY_TOTALS["month"], Month.parse(facts.month).label),
    ]


def _write_line(ws: Worksheet, row: int, first: int, line: PayLine) -> None:
    """A payslip line in the ``PAY_COLUMNS`` order from column ``first``, numbers formatted."""
    values = [PAY_PARTS[line.part], line.label, _rub(line.base),
              None if line.fulfilment is None else line.fulfilment / 100,
              line.coefficient, _rub(line.amount), line.note]
    rate = line.part in ("commission", "deduction")
    formats = [None, None, MONEY_FORMAT, xlsx.PERCENT, RATE_FORMAT if rate else COEF_FORMAT,
               MONEY_FORMAT, None]
    for offset, (value, number_format) in enumerate(zip(values, formats, strict=True)):
        cell = ws.cell(row=row, column=first + offset, value=value)
        if number_format:
            cell.number_format = number_format
    ws.cell(row=row, column=first + 6).alignment = Alignment(wrap_text=True, vertical="top")


def write_statement(slip: Payslip, path: Path, departments: Mapping[str, str]) -> Path:
    """The manager's pay statement as XLSX: header (the department by its name in
    ``departments``), every line, totals."""
    wb = Workbook()
    ws = wb.active
    ws.title = PAY_TOTALS["statement"]
    ws["A1"] = f"{PAY_TOTALS['statement']} — {slip.facts.name}, {Month.parse(slip.facts.month).label}"
    ws["A1"].font = xlsx.font(bold=True, size=14)
    row = 3
    for label, value in _facts_rows(slip.facts, departments):
        ws.cell(row=row, column=1, value=label).font = xlsx.font(bold=True)
        ws.cell(row=row, column=2, value=value)
        row += 1
    ws.cell(row=row, column=1, value=PAY_TOTALS["scheme"]).font = xlsx.font(bold=True)
    ws.cell(row=row, column=2, value=scheme_in_force(slip.scheme))
    row += 2
    xlsx.header(ws, row, [PAY_COLUMNS[k] for k in PAY_COLUMNS])
    for line in slip.lines:
        row += 1
        _write_line(ws, row, 1, line)
    row += 1
    for key, amount in (("accrued", slip.accrued), ("deducted", slip.deducted), ("total", slip.total)):
        row += 1
        ws.cell(row=row, column=2, value=PAY_TOTALS[key]).font = xlsx.font(bold=True)
        cell = ws.cell(row=row, column=6, value=_rub(amount))
        cell.number_format = MONEY_FORMAT
        cell.font = xlsx.font(bold=True)
    xlsx.widths(ws, [24, 44, 16, 13, 14, 16, 48])
    return xlsx.save(wb, path)


def _payroll_titles() -> list[str]:
    return [PAY_TOTALS["department"], "ID", PAY_TOTALS["manager"], PAY_TOTALS["role"],
            PAY_TOTALS["scheme"], *(PAY_PARTS[p] for p in PAYROLL_PARTS),
            PAY_TOTALS["accrued"], PAY_TOTALS["deducted"], PAY_TOTALS["total"]]


def write_payroll(slips: Sequence[Payslip], book: SchemeBook, month: str, path: Path,
                  missing: Sequence[ManagerMonth] = (), departments: Mapping[str, str] | None = None) -> Path:
    """The payroll XLSX: the summary per manager with a total row, the budget per department,
    and every line of every payslip (for checking)."""
    table = payroll_table(slips)
    wb = Workbook()
    ws = wb.active
    ws.title = PAY_TOTALS["payroll"]
    ws["A1"] = f"{PAY_TOTALS['payroll']} — {Month.parse(month).label}"
    ws["A1"].font = xlsx.font(bold=True, size=14)
    xlsx.header(ws, 3, _payroll_titles())
    money_cols = range(6, len(PAYROLL_HEADERS) + 1)
    for r, record in enumerate(table.itertuples(index=False), start=4):
        values = record._asdict()
        for col, key in enumerate(PAYROLL_HEADERS, start=1):
            value = values[key]
            if key == "role":
                value = ROLES.get(value, value)
            elif key == "department_id":
                value = (departments or {}).get(value) or value
            elif col in money_cols:
                value = _rub(int(value))
            ws.cell(row=r, column=col, value=value)
    total_row = 4 + len(table)
    ws.cell(row=total_row, column=3, value=PAY_TOTALS["total"]).font = xlsx.font(bold=True)
    for col in money_cols:
        key = PAYROLL_HEADERS[col - 1]
        cell = ws.cell(row=total_row, column=col, value=_rub(int(table[key].sum())))
        cell.font = xlsx.font(bold=True)
    for row in ws.iter_rows(min_row=4, max_row=total_row, min_col=6, max_col=len(PAYROLL_HEADERS)):
        for cell in row:
            cell.number_format = MONEY_FORMAT
    note_row = total_row + 2
    for f in missing:
        ws.cell(row=note_row, column=3,
                value=f"{f.name} ({ROLES.get(f.role, f.role)}): {PAY_TOTALS['no_scheme']}")
        note_row += 1
    xlsx.widths(ws, [12, 10, 26, 30, 40, *([15] * (len(PAYROLL_HEADERS) - 5))])

    budget = wb.create_sheet(PAY_TOTALS["budget"])
    xlsx.header(budget, 1, [PAY_TOTALS["department"], PAY_TOTALS["budget"], PAY_TOTALS["total"],
                        PAY_TOTALS["budget_left"]])
    for r, rec in enumerate(budget_table(slips, book).itertuples(index=False), start=2):
        budget.cell(row=r, column=1, value=(departments or {}).get(rec.department_id) or rec.department_id)
        for col, value in ((2, rec.budget), (3, rec.total), (4, rec.left)):
            cell = budget.cell(row=r, column=col, value=None if pd.isna(value) else _rub(int(value)))
            cell.number_format = MONEY_FORMAT
    xlsx.widths(budget, [14, 18, 18, 18])

    lines = wb.create_sheet(PAY_TOTALS["lines"])
    xlsx.header(lines, 1, [PAY_TOTALS["manager"], *(PAY_COLUMNS[k] for k in PAY_COLUMNS)])
    r = 1
    for slip in slips:
        for line in slip.lines:
            r += 1
            lines.cell(row=r, column=1, value=slip.facts.name)
            _write_line(lines, r, 2, line)
    xlsx.widths(lines, [26, 24, 44, 16, 13, 14, 16, 48])
    return xlsx.save(wb, path)


@dataclass(frozen=True)
class PayPack:
    """What ``write_pay_pack`` produced: the payslips, the managers no scheme covers, the files."""

    month: str
    slips: list[Payslip]
    missing: list[ManagerMonth]
    statements: dict[str, Path]
    payroll: Path
    budget: pd.DataFrame


def write_pay_pack(eng: Engine, month: str, department: str, out_dir: Path | str,
                   book: SchemeBook | None = None, control: Control | None = None) -> PayPack:
    """The month's pay from the store — as approved for a locked month, else computed with the
    corrections of the locked months before (``motivation.lock``) — every statement and the
    payroll written. Pass ``control`` when the department's data are already loaded."""
    book = book or load_schemes()
    control = control or Control.load(eng, department)
    facts = month_facts(eng, month, department, control)
    slips = month_payslips(eng, book, month, department, facts, control)
    folder = Path(out_dir) / "payouts"
    names = store.department_names(eng)
    statements = {
        s.facts.manager_id: write_statement(s, inside(folder, stem(month, s.facts.manager_id),
                                                      suffix=".xlsx"), names)
        for s in slips
    }
    missing = unpaid(book, facts)
    payroll = write_payroll(slips, book, month,
                            inside(folder, stem(month, "payroll", department), suffix=".xlsx"), missing,
                            names)
    return PayPack(month, slips, missing, statements, payroll, budget_table(slips, book))


def statement_view(slip: Payslip) -> dict:
    """A statement as display text: name, role, scheme, lines, accrued, deducted, total."""
    return {
        "name": slip.facts.name,
        "role": ROLES.get(slip.facts.role, slip.facts.role),
        "scheme": scheme_in_force(slip.scheme),
        "rows": statement_rows(slip),
        "accrued": fmt_rub(slip.accrued, kopecks_shown=True),
        "deducted": fmt_rub(slip.deducted, kopecks_shown=True),
        "total": fmt_rub(slip.total, kopecks_shown=True),
    }


def statement_page(slip: Payslip, departments: Mapping[str, str]) -> str:
    """The manager's statement as a printable A4 page: the XLSX's header, lines and totals."""
    month = Month.parse(slip.facts.month).label
    return render(
        "pay_statement.html.j2",
        L=PAY_TOTALS,
        C=PAY_COLUMNS,
        title=f"{PAY_TOTALS['statement']} — {slip.facts.name}, {month}",
        facts=_facts_rows(slip.facts, departments),
        s=statement_view(slip),
    )


def pack_html(pack: PayPack) -> str:
    """The payroll summary and every statement as an HTML fragment (all text escaped)."""
    table = payroll_table(pack.slips)
    summary = [
        {
            "name": r.name,
            "role": ROLES.get(r.role, r.role),
            "parts": [fmt_rub(getattr(r, p)) for p in PAYROLL_PARTS],
            "deducted": fmt_rub(r.deducted),
            "total": fmt_rub(r.total),
        }
        for r in table.itertuples(index=False)
    ]
    budgets = [
        {"department": b.department_id, "budget": fmt_rub(b.budget),
         "total": fmt_rub(b.total), "left": fmt_rub(b.left)}
        for b in pack.budget.itertuples(index=False)
    ]
    statements = [statement_view(s) for s in pack.slips]
    return render(
        "pay_statements.html.j2",
        L=PAY_TOTALS,
        C=PAY_COLUMNS,
        parts=[PAY_PARTS[p] for p in PAYROLL_PARTS],
        month=Month.parse(pack.month).label,
        summary=summary,
        grand_total=fmt_rub(int(table["total"].sum())) if len(table) else fmt_rub(0),
        budgets=budgets,
        statements=statements,
        missing=[f"{f.name} ({ROLES.get(f.role, f.role)})" for f in pack.missing],
    )
