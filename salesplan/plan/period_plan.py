"""Quarter, half-year and year plans: the months of the period planned one by one.

Each month of the period gets the plan model's proposal with the same choices (method, factors,
key, overrides): seasonality and the month's working days come through the method (last year's
same month × the working-day ratio, or the trend × the month's seasonal index), and each month is
decomposed to managers, weeks and days as a month plan is. The period's plan is the sum of its
months, so approved month plans add up to the period's total exactly.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Engine

from salesplan.periods import Half, Month, Quarter, Year, parse
from salesplan.plan.model import PlanResult
from salesplan.plan.propose import Planner
from salesplan.plan.scenarios import approve_result

KINDS = (Quarter, Half, Year)


@dataclass(frozen=True)
class PeriodPlan:
    """The month plans of a quarter, half or year, in order."""

    period: Quarter | Half | Year
    months: list[PlanResult]

    @property
    def total(self) -> int:
        """Kopecks: the sum of the month plans."""
        return sum(result.total for result in self.months)

    def by_month(self) -> pd.Series:
        """Each month's department plan in kopecks (index: ``YYYY-MM``)."""
        return pd.Series({r.inputs.month: r.total for r in self.months}, dtype="int64")

    def by_manager(self) -> pd.DataFrame:
        """Managers × months in kopecks (0 where a manager has no plan that month)."""
        columns = {r.inputs.month: pd.Series(r.plan, index=r.context.manager_ids) for r in self.months}
        return pd.DataFrame(columns).fillna(0).astype("int64").rename_axis("manager_id")


def propose_period(planner: Planner, period: str, department: str | None = None, **changes) -> PeriodPlan:
    """The plan of ``period`` (``2027-Q1``, ``2027-H1``, ``2027``) with the same ``changes`` (plan
    inputs) for each of its months."""
    span = parse(period, *KINDS)
    months = [planner.propose(planner.inputs(str(m), department, **changes)) for m in span.months]
    return PeriodPlan(span, months)


def approve_period(eng: Engine, plan: PeriodPlan, name: str, author: str) -> list[int]:
    """Approve every month plan of ``plan`` (each becomes its month's plan of record); their ids."""
    return [approve_result(eng, result, name, author) for result in plan.months]


def year_view(plan: pd.Series, fact: pd.Series, year: int) -> pd.DataFrame:
    """Plan and fact of each month of ``year``: ``month, plan, fact, pct`` (kopecks; pct = fact /
    plan × 100, unknown without a plan), from amounts by month (index ``YYYY-MM``)."""
    months = [str(m) for m in Month(year, 1).through(Month(year, 12))]
    table = pd.DataFrame({"month": months,
                          "plan": plan.reindex(months, fill_value=0).astype("int64").to_numpy(),
                          "fact": fact.reindex(months, fill_value=0).astype("int64").to_numpy()})
    table["pct"] = table["fact"] * 100 / table["plan"].where(table["plan"] > 0)
    return table


def by_month(lines: pd.DataFrame) -> pd.Series:
    """Amounts of lines (``date``, ``amount``) summed by month (index ``YYYY-MM``)."""
    keys = pd.to_datetime(lines["date"]).dt.strftime("%Y-%m")
    return lines["amount"].groupby(keys).sum()
