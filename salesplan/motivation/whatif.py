"""What if: each manager's pay at 80, 100 and 120 % of a plan.

At level L every manager's fact is ``round(plan × L / 100)``; their margin keeps the month's
margin rate (the department's where they have none); every other KPI (deals, new clients,
calls, call score, receivables, cuts) stays as in the month's facts. The team bonus is
recomputed for the whole department at each level. A plan of another month (e.g. next
month's scenario) moves the facts to that month: the scheme in force then, its working days,
and a manager with a plan employed for the whole of it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction

import pandas as pd
from sqlalchemy import Engine

from salesplan.calendar import ProductionCalendar, default_calendar
from salesplan.control.report import Control, PlanOfMonth
from salesplan.errors import SalesplanError
from salesplan.labels import PAY_ERRORS, PAY_TOTALS, ROLES, WHATIF
from salesplan.money import fmt_rub
from salesplan.motivation.inputs import month_facts
from salesplan.motivation.pay import ManagerMonth, Payslip, department_payslips, round_kopecks
from salesplan.motivation.schemes import SchemeBook, load_schemes
from salesplan.periods import Month
from salesplan.plan_of_record import lines_of, plan_versions

LEVELS = (80, 100, 120)


def scenario_lines(eng: Engine, month: str, department: str, scenario: str) -> pd.DataFrame:
    """Plan lines (``manager_id, date, amount``) of the latest version of the saved scenario
    ``scenario`` of ``month``, for each department that has one."""
    heads = plan_versions(eng, month, department or None)
    named = heads[(heads["status"] == "scenario") & (heads["name"] == scenario)]
    if named.empty:
        raise SalesplanError(PAY_ERRORS["no_scenario"].format(name=scenario, month=Month.parse(month).label))
    latest = named.sort_values("version").groupby("department_id").tail(1)["id"]
    return lines_of(eng, latest.astype(int).tolist())[["manager_id", "date", "amount"]]


def plan_source(plan: PlanOfMonth) -> str:
    """Which plan it is, for a caption: the approved plan, or a draft and its scenarios."""
    if plan.status == "approved":
        return WHATIF["approved"]
    names = ", ".join(WHATIF["scenario"].format(name=n) for n in plan.name.split(", "))
    return WHATIF["draft"].format(names=names)


def month_plan(control: Control, month: str, scenario: str = "") -> PlanOfMonth:
    """``month``'s plan: the saved ``scenario`` when named, else ``Control.plan_of_month`` (the
    plan of record, else each department's newest draft)."""
    if not scenario:
        return control.plan_of_month(month)
    lines = scenario_lines(control.eng, month, control.frames.department, scenario)
    return PlanOfMonth(lines, "scenario", scenario)


def plan_amounts(lines: pd.DataFrame) -> dict[str, int]:
    """Manager id → the sum of their plan lines (kopecks)."""
    return {str(m): int(a) for m, a in lines.groupby("manager_id")["amount"].sum().items()}


def margin_rate(facts: Sequence[ManagerMonth]) -> Fraction:
    """Σ margin / Σ margin base of ``facts`` (0 when no margin is known)."""
    base = sum(f.margin_base for f in facts)
    return Fraction(sum(f.margin for f in facts), base) if base > 0 else Fraction(0)


def at_level(facts: ManagerMonth, plan: int, level: int, fallback_rate: Fraction) -> ManagerMonth:
    """``facts`` with the plan ``plan`` met at ``level`` % (see the module's rule)."""
    rate = margin_rate([facts]) if facts.margin_base > 0 else fallback_rate
    turnover = round_kopecks(Fraction(plan * level, 100))
    return replace(facts, plan=plan, turnover=turnover, margin_base=turnover,
                   margin=round_kopecks(turnover * rate))


def moved_to(facts: ManagerMonth, month: str, calendar: ProductionCalendar) -> ManagerMonth:
    """``facts`` as if in ``month``: its working days, employed for all of them."""
    if month == facts.month:
        return facts
    working = Month.parse(month).working_days(calendar)
    return replace(facts, month=month, working_days=working, days_employed=working)


@dataclass(frozen=True)
class WhatIf:
    """``table``: one row per manager with ``plan`` and ``pay_<level>`` (kopecks), ``slips``: the
    payslips of each level; ``month``: the plan's month."""

    table: pd.DataFrame
    slips: dict[int, list[Payslip]]
    month: str
    source: str = ""


def whatif(
    book: SchemeBook,
    facts: Sequence[ManagerMonth],
    plan: Mapping[str, int],
    levels: Sequence[int] = LEVELS,
    month: str | None = None,
    calendar: ProductionCalendar | None = None,
    source: str = "",
) -> WhatIf:
    """Pay of the managers with a plan in ``plan`` at each of ``levels`` % of it; ``month`` is
    the plan's month when it is not the facts' own, ``source`` says which plan it is."""
    cal = calendar or default_calendar()
    planned = [moved_to(f, month or f.month, cal) for f in facts if f.manager_id in plan]
    fallback = margin_rate(facts)
    slips = {
        level: department_payslips(
            book, [at_level(f, plan[f.manager_id], level, fallback) for f in planned]
        )
        for level in levels
    }
    rows = {}
    for level, level_slips in slips.items():
        for slip in level_slips:
            f = slip.facts
            row = rows.setdefault(f.manager_id, {"manager_id": f.manager_id, "name": f.name,
                                                 "role": f.role, "plan": f.plan})
            row[f"pay_{level}"] = slip.total
    table = pd.DataFrame(list(rows.values()),
                         columns=["manager_id", "name", "role", "plan", *(f"pay_{lv}" for lv in levels)])
    return WhatIf(table, slips, month or (facts[0].month if facts else ""), source)


def next_month_whatif(eng: Engine, month: str, department: str = "", scenario: str = "",
                      book: SchemeBook | None = None, control: Control | None = None) -> WhatIf:
    """What if on next month's plan (``month_plan``), from the facts of ``month``; pass
    ``control`` when the department's data are already loaded."""
    control = control or Control.load(eng, department)
    plan_month = str(Month.parse(month).next())
    plan = month_plan(control, plan_month, scenario)
    return whatif(book or load_schemes(), month_facts(eng, month, department, control),
                  plan_amounts(plan.lines), month=plan_month, source=plan_source(plan))


def caption(result: WhatIf) -> str:
    """One line on which plan the what-if uses, or that there is none."""
    month = Month.parse(result.month).label
    if result.table.empty:
        return WHATIF["no_plan"].format(month=month)
    total = fmt_rub(int(result.table["plan"].sum()))
    return WHATIF["caption"].format(month=month, source=result.source, total=total)


def shown(result: WhatIf) -> pd.DataFrame:
    """The what-if table for reading: Russian headings, roles and money."""
    table = result.table
    out = pd.DataFrame({
        PAY_TOTALS["manager"]: table["name"],
        PAY_TOTALS["role"]: [ROLES.get(r, r) for r in table["role"]],
        WHATIF["plan"]: [fmt_rub(v) for v in table["plan"]],
    })
    for column in table.columns:
        if column.startswith("pay_"):
            out[WHATIF["level"].format(level=column.removeprefix("pay_"))] = [
                fmt_rub(v) for v in table[column]
            ]
    return out
