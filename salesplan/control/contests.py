"""Contests between managers (``contests`` in ``params/control.yaml``) and their standings.

A contest names a metric the control layer computes — a KPI of ``kpi.kpi_table`` or an activity
measure of ``activity.activity_vs_norms`` — a period (a fixed one: ``2026-11``, ``2026-Q4``…; or a
recurring one: ``month`` is every month, the one holding the date of the standings), who
takes part (a department, roles, or managers by id; all active managers otherwise) and the
prizes by place. Standings at a date count the period up to that date: the intermediate results
while it runs, the final ones after it.

Places: the best value first (the highest, or the lowest with ``lower_is_better``); equal values
share the better place and the next place is skipped (1, 1, 3). The prize of a place goes to
whoever holds it when ``qualify`` is not set or the value reaches it (money metrics: roubles).
A participant without a value (a percent of a norm or plan he does not have) comes last, with
no place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, field_validator

from salesplan.money import to_kopecks
from salesplan.periods import Half, Month, Period, Quarter, Week, Year, parse

KPI_METRICS = ("revenue", "revenue_pct", "deals_won", "won_amount", "avg_check", "win_rate",
               "leads", "lead_to_deal", "margin", "margin_pct")
ACTIVITY_METRICS = ("calls", "calls_pct", "minutes", "minutes_pct", "meetings", "meetings_pct",
                    "proposals", "proposals_pct")
MONEY_METRICS = {"revenue", "won_amount", "avg_check", "margin"}
Metric = Literal[KPI_METRICS + ACTIVITY_METRICS]  # type: ignore[valid-type]
STANDING_COLUMNS = ["place", "manager_id", "value", "prize"]
RECURRING: dict[str, type[Period]] = {"week": Week, "month": Month, "quarter": Quarter,
                                      "half": Half, "year": Year}
RATIOS = {"avg_check", "win_rate", "lead_to_deal"} | {m for m in ACTIVITY_METRICS + KPI_METRICS
                                                      if m.endswith("_pct")}


class Contest(BaseModel):
    """One contest of ``params/control.yaml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str = Field(min_length=1)
    metric: Metric
    period: str  # week | month | quarter | half | year (recurring), or 2026-W47, 2026-11, 2026-Q4…
    department: str = ""  # "" = every department
    roles: list[str] = Field(default_factory=list)
    managers: list[str] = Field(default_factory=list)
    prizes: list[str] = Field(default_factory=list)  # by place, the first place first
    lower_is_better: bool = False
    qualify: Decimal | None = None  # the value a prize needs (money metrics: roubles)

    @field_validator("period")
    @classmethod
    def _period(cls, value: str) -> str:
        value = value.strip().lower()
        return value if value in RECURRING else str(parse(value))

    def span_at(self, as_of: date) -> Period:
        """The contest's period for standings at ``as_of`` (a recurring one: the one holding it)."""
        kind = RECURRING.get(self.period)
        return kind.of(as_of) if kind else parse(self.period)

    @property
    def threshold(self) -> float | None:
        """``qualify`` in the metric's own unit (kopecks for money)."""
        if self.qualify is None:
            return None
        return float(to_kopecks(self.qualify)) if self.metric in MONEY_METRICS else float(self.qualify)


def participants(contest: Contest, managers: pd.DataFrame, start: date, end: date) -> list[str]:
    """Ids of the managers ``contest`` is between: of its department, roles and ids when given,
    employed at some time in ``start``…``end``."""
    m = managers
    keep = ((m["hire_date"].isna() | (m["hire_date"] <= pd.Timestamp(end)))
            & (m["leave_date"].isna() | (m["leave_date"] >= pd.Timestamp(start))))
    if contest.department:
        keep &= m["department_id"] == contest.department
    if contest.roles:
        keep &= m["role"].isin(contest.roles)
    if contest.managers:
        keep &= m["id"].isin(contest.managers)
    return m.loc[keep, "id"].astype(str).tolist()


def standings(values: pd.Series, contest: Contest) -> pd.DataFrame:
    """``STANDING_COLUMNS`` from each participant's value (index: manager id), best first."""
    values = values.astype("float64")
    ranked = values.rank(method="min", ascending=contest.lower_is_better)
    table = pd.DataFrame({"manager_id": values.index.astype(str), "value": values.to_numpy(),
                          "place": ranked.to_numpy()})
    table = table.sort_values(["place", "manager_id"], na_position="last", kind="stable")
    threshold = contest.threshold

    def prize(place: float, value: float) -> str:
        if pd.isna(place) or place > len(contest.prizes):
            return ""
        if threshold is not None and (value > threshold if contest.lower_is_better else value < threshold):
            return ""
        return contest.prizes[int(place) - 1]

    table["prize"] = [prize(p, v) for p, v in zip(table["place"], table["value"], strict=True)]
    table["place"] = table["place"].astype("Int64")
    return table[STANDING_COLUMNS].reset_index(drop=True)


@dataclass(frozen=True)
class ContestResult:
    """A contest at a date: ``state`` (``upcoming``, ``running``, ``finished``), the days
    counted (``start``…``counted_to``; None before it starts) and the standings."""

    contest: Contest
    state: str
    start: date
    end: date
    counted_to: date | None
    table: pd.DataFrame


def state_at(contest: Contest, as_of: date) -> tuple[str, date | None]:
    """Where ``contest`` is at ``as_of`` and the last day its standings count."""
    start, end = contest.span_at(as_of).bounds
    if as_of < start:
        return "upcoming", None
    return ("finished", end) if as_of >= end else ("running", as_of)
