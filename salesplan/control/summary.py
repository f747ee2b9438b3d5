"""The summary report (сводный отчёт): plan – fact – deviation per manager as of a date.

Inputs are plan lines and fact lines (``manager_id, date, amount`` in kopecks; see
``salesplan.control.frames``). The as-of month's plan is the sum of its plan lines; the pace
formulas of ``salesplan.control.pace`` spread it evenly over the month's working days.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd

from salesplan.calendar import ProductionCalendar, default_calendar
from salesplan.control.frames import amount_by_manager
from salesplan.control.levels import rollup
from salesplan.control.pace import needed_daily_rate, pace, plan_to_date, run_rate_forecast
from salesplan.control.pace import safe_ratio as _ratio
from salesplan.periods import Day, Month, Week


def _derive(frame: pd.DataFrame) -> pd.DataFrame:
    """The columns computed from the additive ones (money in kopecks, float where divided)."""
    wd, dw = frame["working_days"], frame["days_worked"]
    plan, fact = frame["plan_month"], frame["fact"]
    to_date = plan_to_date(plan, wd, dw)
    to_week_end = plan_to_date(plan, wd, frame["days_to_week_end"])
    return frame.assign(
        plan_to_date=to_date,
        deviation=fact - to_date,
        pace=pace(fact, plan, wd, dw),
        plan_to_week_end=to_week_end,
        remainder_to_week_end=np.maximum(to_week_end - fact, 0),
        forecast=run_rate_forecast(fact, wd, dw),
        forecast_pct=_ratio(run_rate_forecast(fact, wd, dw) * 100, plan),
        needed_daily_rate=needed_daily_rate(fact, plan, wd, dw),
    )


COLUMNS = [
    "plan_month", "plan_to_week_end", "fact", "remainder_to_week_end", "working_days",
    "days_left", "plan_to_date", "deviation", "pace", "forecast", "forecast_pct",
    "needed_daily_rate", "days_worked", "days_to_week_end",
]


def summary_report(
    plan: pd.DataFrame,
    fact: pd.DataFrame,
    as_of: date | str,
    *,
    include_as_of: bool = True,
    calendar: ProductionCalendar | None = None,
    managers: pd.DataFrame | None = None,
    level: str = "manager",
) -> pd.DataFrame:
    """The summary report of ``as_of``'s month, as of that date.

    Per manager (``level="manager"``), per department (``managers`` gives ``id →
    department_id``) or for all (``"total"``, one row): ``plan_month``; ``plan_to_week_end`` = plan /
    working days × working days to the end of the as-of ISO week (within the month); ``fact`` from
    the 1st to the as-of date (the day before it without ``include_as_of``);
    ``remainder_to_week_end`` = max(plan to week end − fact, 0); ``working_days``,
    ``days_worked`` (``ProductionCalendar.days_worked``), ``days_left``; ``plan_to_date``,
    ``deviation`` = fact − plan to date, ``pace`` %, run-rate ``forecast`` and ``forecast_pct``
    of the plan, and ``needed_daily_rate``. A manager with a fact but no plan gets plan 0 and
    NaN pace. An as-of on a day off counts the working days before it.
    """
    cal = calendar or default_calendar()
    as_of = as_of if isinstance(as_of, date) else Day.parse(as_of).start
    month = Month.of(as_of)
    first, last = month.bounds
    fact_end = as_of if include_as_of else as_of - timedelta(days=1)
    week_end = min(Week.of(as_of).end, last)

    frame = pd.DataFrame({
        "plan_month": amount_by_manager(plan, first, last),
        "fact": amount_by_manager(fact, first, fact_end),
    }).fillna(0).astype("int64").rename_axis("manager_id").reset_index()
    frame = rollup(frame, level, ["plan_month", "fact"], managers).fillna(0).astype(
        {"plan_month": "int64", "fact": "int64"})
    working_days = month.working_days(cal)
    days_worked = cal.days_worked(as_of, include_as_of)
    frame = frame.assign(
        working_days=working_days,
        days_worked=days_worked,
        days_left=working_days - days_worked,
        days_to_week_end=cal.working_days_between(first, week_end),
    )
    keys = [c for c in ("manager_id", "department_id") if c in frame]
    return _derive(frame)[[*keys, *COLUMNS]]


def period_plan_fact(
    plan: pd.DataFrame,
    fact: pd.DataFrame,
    start: date,
    end: date,
    *,
    level: str = "manager",
    managers: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Plan and fact of ``start``…``end``: ``plan, fact, deviation`` = fact − plan, ``pct`` = fact /
    plan × 100, per manager, department or in total (see ``levels.rollup``).

    The plan is the sum of the plan lines dated in the period (a week across two months takes
    the lines of both months' plans).
    """
    frame = pd.DataFrame({
        "plan": amount_by_manager(plan, start, end),
        "fact": amount_by_manager(fact, start, end),
    }).fillna(0).astype("int64").rename_axis("manager_id").reset_index()
    frame = rollup(frame, level, ["plan", "fact"], managers).fillna(0).astype(
        {"plan": "int64", "fact": "int64"})
    return frame.assign(deviation=frame["fact"] - frame["plan"],
                        pct=_ratio(frame["fact"] * 100, frame["plan"]))


def cumulative_by_day(plan: pd.DataFrame, fact: pd.DataFrame, month_first: date) -> pd.DataFrame:
    """Cumulative plan and fact over every calendar day of a month (index: the dates).

    Columns ``plan`` and ``fact`` in kopecks; days off add no plan, a payment on a day off
    counts on its date.
    """
    days = pd.date_range(*Month.of(month_first).bounds, freq="D")
    out = {}
    for name, lines in (("plan", plan), ("fact", fact)):
        dates = lines["date"]
        inside = (dates >= days[0]) & (dates <= days[-1])
        daily = lines["amount"][inside].groupby(dates[inside]).sum()
        out[name] = daily.reindex(days, fill_value=0).cumsum().astype("int64")
    return pd.DataFrame(out, index=days)
