"""Each manager's facts for a month, from the store, counted as plan/fact control counts them.

The fact, the plan of record, deals won, margin, calls and receivables come from
``salesplan.control`` (the fact source of ``params/control.yaml``); the call score from the
call reviews; disciplinary cuts from ``pay_penalties``. A manager is active in a month when
hired on or before its last day and not gone before its first.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
from sqlalchemy import Engine

from salesplan.calendar import ProductionCalendar, default_calendar
from salesplan.control.activity import activity
from salesplan.control.frames import Frames, fact_lines, load_frames, plan_lines
from salesplan.control.kpi import kpi_table
from salesplan.control.params import control_params
from salesplan.control.periods import month_bounds
from salesplan.control.receivables import aging, receivables
from salesplan.motivation.pay import ManagerMonth
from salesplan.motivation.penalties import penalties
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


def new_clients(deals: pd.DataFrame, start: date, end: date) -> pd.Series:
    """Per manager: clients whose first won deal closed within ``start``…``end``, credited to
    the manager of that deal."""
    won = deals[(deals["outcome"] == "won") & deals["closed"].notna() & deals["client_id"].notna()]
    first = won.sort_values(["closed", "id"]).drop_duplicates("client_id")
    inside = first[(first["closed"] >= pd.Timestamp(start)) & (first["closed"] <= pd.Timestamp(end))]
    return inside.groupby("manager_id").size()


def month_facts(
    eng: Engine,
    month: str,
    department: str = "",
    frames: Frames | None = None,
    calendar: ProductionCalendar | None = None,
) -> list[ManagerMonth]:
    """The facts of every manager active in ``month`` (one department, or all for "")."""
    cal = calendar or default_calendar()
    start, end = month_bounds(month)
    frames = frames or load_frames(eng, department)
    params = control_params()
    fact = fact_lines(frames, params.fact_source)
    plan = plan_lines(eng, start, end, department)
    planned = set(plan["manager_id"])
    kpi = kpi_table(frames.deals, fact, frames.leads, plan, start, end).set_index("manager_id")
    calls = activity(frames.calls, start, end, params.activity_results).set_index("manager_id")
    owed = aging(receivables(frames.payments, frames.deals, end)).set_index("manager_id")
    scores = manager_summary(current_reviews(eng, start, end, department or None), month)
    score = scores.set_index("manager_id")["score"]
    gained = new_clients(frames.deals, start, end)
    cuts = penalties(eng, month)
    working = cal.working_days(start.year, start.month)

    def number(frame, column, manager_id) -> int:
        value = frame[column].get(manager_id) if column in frame else None
        return 0 if value is None or pd.isna(value) else int(value)

    out = []
    for m in active_managers(frames.managers, start, end).itertuples(index=False):
        mid = m.id
        out.append(ManagerMonth(
            manager_id=mid,
            name=m.name,
            role=m.role,
            department_id=m.department_id,
            month=month,
            working_days=working,
            days_employed=days_employed(m.hire_date, m.leave_date, start, end, cal),
            plan=number(kpi, "plan", mid) if mid in planned else None,
            turnover=number(kpi, "revenue", mid),
            margin=number(kpi, "margin", mid),
            margin_base=number(kpi, "margin_base", mid),
            deals=number(kpi, "deals_won", mid),
            new_clients=int(gained.get(mid, 0)),
            calls=number(calls, "calls", mid),
            call_score=None if pd.isna(score.get(mid)) else float(score[mid]),
            overdue=number(owed, "overdue", mid),
            penalty=int(cuts.get(mid, 0)),
        ))
    return out
