"""Plans for the demo department, made by the plan model itself.

Every past month of the history gets an approved plan (the plan of record plan/fact compares
with), computed only from the history before that month, as the head of sales would have:
the history method with the demo's factors once the same month of last year exists; before
that, the managers' bottom-up commitments — each manager's revenue per working day over up to
three previous months, taken out of season and put into the planned month's season (the
market's seasonality, which the head knows from the years before the store), × the month's
working days, + 5 % (the very first month, with nothing before it, is planned at its own
outcome). The month after ``end_month`` gets two proposals (scenarios) to compare and approve.
"""

from __future__ import annotations

import numpy as np
from sqlalchemy import Engine

from salesplan import labels
from salesplan.demo.roster import SEASON
from salesplan.periods import Month
from salesplan.plan.model import PlanContext
from salesplan.plan.propose import Planner
from salesplan.plan.scenarios import approve_result, save_scenario
from salesplan.plan_of_record import plan_versions

AUTHOR = labels.ROLES["head"]
FACTORS = {"market": 0.06, "prices": 0.05, "lost_clients": -0.03}
PROPOSALS = {
    "Базовый": {"factors": FACTORS},
    "Амбициозный": {"factors": FACTORS | {"marketing": 0.05, "new_hires": 0.05}},
}
RECORD_NAME = labels.PLAN_UI["default_scenario"]
COMMITMENT_STEP = 10_000  # roubles


def _commitments(planner: Planner, ctx: PlanContext, ym: int) -> dict[str, float]:
    """Each active manager's commitment in steps of 10 000 ₽ (see the module's docstring)."""
    revenue = planner.history.revenue
    mine = revenue[revenue["manager_id"].isin(ctx.manager_ids)]
    before = mine[mine["ym"].between(ym - 3, ym - 1)]
    if before.empty:
        base = mine[mine["ym"] == ym].groupby("manager_id")["amount"].sum() / 100
    else:
        monthly = before.groupby(["manager_id", "ym"])["amount"].sum() / 100
        yms = monthly.index.get_level_values("ym")
        per_day = monthly / [_season(y) * Month.from_ordinal(y).working_days(planner.calendar) for y in yms]
        base = per_day.groupby(level="manager_id").mean() * _season(ym) * ctx.working_days * 1.05
    rounded = np.ceil(base / COMMITMENT_STEP) * COMMITMENT_STEP
    return {m: float(rounded.get(m, 0.0)) for m in ctx.manager_ids}


def _season(ym: int) -> float:
    return SEASON[Month.from_ordinal(ym).month]


def seed_demo(eng: Engine, end_month: str) -> None:
    """Approved plans for the past months up to ``end_month`` and proposals for the next month,
    for every department (idempotent: months already seeded are left alone)."""
    planner = Planner.from_store(eng)
    if planner.history.last_ym is None:
        return
    heads = plan_versions(eng)
    seeded = {
        (h.month, h.department_id, h.status, h.name)
        for h in heads.itertuples(index=False)
        if h.author == AUTHOR
    }
    first = int(planner.history.revenue["ym"].min())
    last = Month.parse(end_month).ordinal
    for department in planner.history.departments():
        for ym in range(first, last + 1):
            month = str(Month.from_ordinal(ym))
            if (month, department, "approved", RECORD_NAME) in seeded:
                continue
            ctx = planner.context(month, department)
            if not ctx.manager_ids:
                continue
            if ctx.last_year_total > 0:
                inputs = planner.inputs(month, department, method="history", factors=FACTORS)
            else:
                inputs = planner.inputs(
                    month, department, method="bottom_up",
                    commitments=_commitments(planner, ctx, ym),
                )
            approve_result(eng, planner.propose(inputs), RECORD_NAME, AUTHOR)
        month = str(Month.from_ordinal(last + 1))
        ctx = planner.context(month, department)
        if not ctx.manager_ids:
            continue
        method = "history" if ctx.last_year_total > 0 else "funnel"
        for name, changes in PROPOSALS.items():
            if (month, department, "scenario", name) in seeded:
                continue
            inputs = planner.inputs(month, department, method=method, **changes)
            save_scenario(eng, planner.propose(inputs), name, AUTHOR)
