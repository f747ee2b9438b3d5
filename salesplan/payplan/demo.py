"""Demo payment plans: what the demo's selling managers promised week by week in its last month.

Deterministic (fixed seed), built from what happened so that the reconciliation has something
real to find. Each week's plan (submitted on Monday at 09:30) promises the manager's payments
of the week, about one in five on a later day than it came (so it is paid early), and one deal
lost soon after at a middle probability. Each evening the manager submits the plan for the next
working day when something is due then, the lost deal moved a week later. On the Wednesday of
the month's last full week the first manager resubmits the week with one payment promised a
week later (a second version beside the first). On the month's last working day, at 17:00,
every manager submits next week's plan pre-filled from the CRM, as the form would
(``prefill.first_rows``).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import numpy as np
import pandas as pd
from sqlalchemy import Engine

from salesplan.calendar import default_calendar
from salesplan.control.report import Control
from salesplan.payplan import repository as repo
from salesplan.payplan import rows as R
from salesplan.payplan.prefill import first_rows
from salesplan.periods import Month, Week
from salesplan.reviews.templates import REVIEWED_ROLES

SEED = 20261116
PAID_EARLY = 0.2  # share of the week's payments promised for a later day
PROBABILITIES = (0.75, 0.9)  # the stages the paid deals were promised at
LOST_PROBABILITY = 0.4
WEEKLY_AT, DAILY_AT, NEXT_WEEK_AT = time(9, 30), time(17, 30), time(17, 0)


def seed_demo(eng: Engine, end_month: str) -> None:
    """Submit the demo's payment plans of ``end_month`` (nothing when some exist)."""
    if len(repo.plans(eng)):
        return
    rng = np.random.default_rng(SEED)
    calendar = default_calendar()
    ctl = Control.load(eng)
    month = Month.parse(end_month)
    staff = ctl.frames.managers
    staff = staff[staff["role"].isin(REVIEWED_ROLES) & staff["leave_date"].isna()].sort_values("id")
    weeks = Week.of(month.start).through(Week.of(month.end))
    last_full = [w for w in weeks if w.start >= month.start and w.end <= month.end][-1]
    for week in weeks:
        days = [d for d in calendar.working_dates_between(week.start, week.end) if d in month]
        if not days:
            continue
        for manager in staff["id"]:
            rows = _promised(ctl, manager, week, days, rng)
            if rows.empty:
                continue
            _submit(eng, "week", str(week), manager, rows, days[0], WEEKLY_AT)
            for day in days[1:]:
                due = rows[rows["expected_date"] == day]
                if due.empty:
                    continue
                lost = due["probability"] == LOST_PROBABILITY
                moved = due["expected_date"].where(~lost, day + timedelta(days=7))
                _submit(eng, "day", str(day), manager, due.assign(expected_date=moved),
                        calendar.previous_working_day(day), DAILY_AT)
            if week == last_full and manager == staff["id"].iloc[0]:
                later = rows["expected_date"].where(rows.index != rows.index[-1],
                                                    rows["expected_date"].iloc[-1] + timedelta(days=7))
                _submit(eng, "week", str(week), manager, rows.assign(expected_date=later),
                        days[min(2, len(days) - 1)], time(11, 0))
    next_week = Week.of(month.end).next()
    friday = calendar.working_day_until(month.end)
    for manager in staff["id"]:
        rows, _ = first_rows(eng, "week", str(next_week), manager)
        rows = rows[rows["amount"].notna() & rows["probability"].notna()]
        if len(rows):
            _submit(eng, "week", str(next_week), manager, rows, friday, NEXT_WEEK_AT)


def _submit(eng: Engine, kind: str, period: str, manager: str, rows: pd.DataFrame, day: date,
            at: time) -> None:
    repo.submit(eng, repo.Submission(kind, period, manager, R.typed(rows)),
                at=datetime.combine(day, at), by=manager)


def _promised(ctl: Control, manager: str, week: Week, days: list[date], rng) -> pd.DataFrame:
    """The manager's weekly plan: the week's payments (some promised later) and one lost deal."""
    payments = ctl.frames.payments
    paid = payments[(payments["manager_id"] == manager) & payments["deal_id"].notna()
                    & (payments["date"] >= pd.Timestamp(days[0]))
                    & (payments["date"] <= pd.Timestamp(days[-1]))].sort_values(["date", "id"])
    deals = ctl.frames.deals.set_index("id")
    clients = ctl.frames.clients.set_index("id")
    records = []
    for p in paid.itertuples():
        on = p.date.date()
        later = [d for d in days if d > on]
        if later and rng.random() < PAID_EARLY:
            on = later[int(rng.integers(len(later)))]
        records.append(_row(p.client_id, p.deal_id, on, p.amount, float(rng.choice(PROBABILITIES)),
                            deals, clients))
    all_deals = ctl.frames.deals
    lost = all_deals[(all_deals["manager_id"] == manager) & (all_deals["outcome"] == "lost")
                     & all_deals["amount"].notna()
                     & (all_deals["closed"] > pd.Timestamp(days[0]))
                     & (all_deals["closed"] <= pd.Timestamp(days[-1]) + pd.Timedelta(days=14))]
    if len(lost):
        deal = lost.sort_values("id").iloc[int(rng.integers(len(lost)))]
        records.append(_row(deal["client_id"], deal["id"], days[int(rng.integers(len(days)))],
                            deal["amount"], LOST_PROBABILITY, deals, clients))
    return R.typed(pd.DataFrame(records, columns=R.COLUMNS))


def _row(client_id, deal_id, on: date, amount, probability: float, deals, clients) -> dict:
    client = clients.loc[client_id] if client_id in clients.index else None
    deal = deals.loc[deal_id] if deal_id in deals.index else None
    return {"client_id": client_id if client is not None else None,
            "client": client["name"] if client is not None else str(client_id),
            "contact": "", "business": (client["segment"] if client is not None else "") or "",
            "annual_turnover": None, "deal_id": deal_id if deal is not None else None,
            "deal": (deal["title"] if deal is not None else "") or "", "expected_date": on,
            "amount": int(amount), "stage": (deal["stage"] if deal is not None else "") or "",
            "probability": probability}
