"""Each manager's facts for a month, from the store, counted as plan/fact control counts them.

The fact, the plan of record, deals won, margin, calls, meetings, proposals with each
manager's activity norms (the approved plan's, else the role's default) and receivables come
from plan/fact control (``salesplan.control.report.Control``, with the fact source of
``params/control.yaml``); the call score from the call reviews; disciplinary cuts from
``pay_penalties``; each manager's salary in force from ``salaries``; the payments credited in
the month from the payments and deals (``salesplan.motivation.credits``). A manager is active
in a month when hired on or before its last day and
not gone before its first.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
from sqlalchemy import Engine

from salesplan.calendar import ProductionCalendar
from salesplan.config import company
from salesplan.control.clients import new_clients, purchases
from salesplan.control.receivables import aging
from salesplan.control.report import Control
from salesplan.motivation.credits import credited_months, payment_credits
from salesplan.motivation.pay import ManagerMonth
from salesplan.motivation.penalties import penalties
from salesplan.motivation.salaries import salaries_in_force, salary_table
from salesplan.motivation.schemes import NORM_METRICS
from salesplan.periods import Month
from salesplan.reviews.analysis import manager_summary
from salesplan.reviews.repository import current_reviews


def active_managers(managers: pd.DataFrame, start: date, end: date) -> pd.DataFrame:
    """Managers employed for at least a day of ``start``…``end``, by name."""
    hired = managers["hire_date"].isna() | (managers["hire_date"] <= pd.Timestamp(end))
    stayed = managers["leave_date"].isna() | (managers["leave_date"] >= pd.Timestamp(start))
    return managers[hired & stayed].sort_values("name").reset_index(drop=True)


def days_employed(hire, leave, start: date, end: date, cal: ProductionCalendar) -> int:
    """Working days of ``start``…``end`` between the hire and the leave date (both inclusive)."""
    first = max(start, hire.date()) if pd.notna(hire) else start
    last = min(end, leave.date()) if pd.notna(leave) else end
    return cal.working_days_between(first, last) if first <= last else 0


def norms_of(activity: pd.DataFrame, manager_id: str) -> dict[str, float]:
    """Measure → the manager's norm for the period (``Control.activity``'s ``<m>_norm``)."""
    if manager_id not in activity.index:
        return {}
    row = activity.loc[manager_id]
    return {m: float(row[f"{m}_norm"]) for m in NORM_METRICS if pd.notna(row.get(f"{m}_norm"))}


def month_facts(
    eng: Engine,
    month: str,
    department: str = "",
    control: Control | None = None,
) -> list[ManagerMonth]:
    """The facts of every manager active in ``month`` (one department, or all for ""); pass
    ``control`` when the department's data are already loaded."""
    c = control or Control.load(eng, department)
    start, end = Month.parse(month).bounds
    plan = c.plan(start, end)
    planned = set(plan["manager_id"])
    kpi = c.kpis(start, end).set_index("manager_id")
    calls = c.activity(start, end).set_index("manager_id")  # with the norms the monthly report shows
    owed = aging(c.receivables(end)).set_index("manager_id")
    score = manager_summary(current_reviews(c.eng, start, end, department or None), month)
    score = score.set_index("manager_id")["score"]
    gained = new_clients(purchases(c.frames, c.fact_source), start, end)
    cuts = penalties(c.eng, month)
    salary = salaries_in_force(salary_table(c.eng), month)
    credited = credited_months(payment_credits(c.frames.payments, c.frames.deals), month)
    working = Month.parse(month).working_days(c.calendar)
    vat = company().vat_rate(month)

    def number(frame, column, manager_id) -> int:
        value = frame[column].get(manager_id) if column in frame else None
        return 0 if value is None or pd.isna(value) else int(value)

    return [
        ManagerMonth(
            manager_id=m.id,
            name=m.name,
            role=m.role,
            department_id=m.department_id,
            month=month,
            working_days=working,
            days_employed=days_employed(m.hire_date, m.leave_date, start, end, c.calendar),
            plan=number(kpi, "plan", m.id) if m.id in planned else None,
            turnover=number(kpi, "revenue", m.id),
            margin=number(kpi, "margin", m.id),
            margin_base=number(kpi, "margin_base", m.id),
            vat_rate=vat,
            deals=number(kpi, "deals_won", m.id),
            new_clients=int(gained.get(m.id, 0)),
            calls=number(calls, "calls", m.id),
            meetings=number(calls, "meetings", m.id),
            proposals=number(calls, "proposals", m.id),
            norms=norms_of(calls, m.id),
            norm_source=str(calls["source"].get(m.id, "")) if "source" in calls else "",
            call_score=None if pd.isna(score.get(m.id)) else float(score[m.id]),
            overdue=number(owed, "overdue", m.id),
            penalty=int(cuts.get(m.id, 0)),
            salary=salary.get(m.id),
            credits=credited.get(m.id),
        )
        for m in active_managers(c.frames.managers, start, end).itertuples(index=False)
    ]
