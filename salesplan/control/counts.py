"""Non-money plans against the fact: deals, leads, meetings, proposals, new and active clients,
with the pace logic of money.

The plan of a month is the plan of record's counts per manager (``plan_norms``: the reverse
funnel's won deals, qualified leads, meetings and proposals, and the planned new and active
clients; a plan approved before clients were planned has none: no plan, not 0). The fact to a
date: won deals closed, leads created, meetings and proposals by the results of calls
(``activity.activity``), and new clients — first purchase ever in the month
(``clients.new_clients``).

Flows (``FLOWS``), as for money (``summary``): ``<m>_to_date`` = plan × days worked / working
days of the month, ``<m>_pace`` = fact / plan to date × 100, ``<m>_forecast`` = fact / days
worked × working days.

Active clients are a stock (``STOCKS``: clients with a purchase in the last ``active_months``
months, ``clients.active_clients``), which starts the month at ``<m>_start`` (the stock on the
eve of the month's first day). The plan moves it from the start to the plan evenly over the
working days: to date = start + (plan − start) × days worked / working days; pace = fact / to
date × 100 (100: the base is where the plan puts it today); forecast = start + (fact − start) /
days worked × working days (the change so far, carried on at its pace).
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from salesplan.control import clients as cli
from salesplan.control.pace import safe_ratio

FLOWS = ("deals", "leads", "meetings", "proposals", "new_clients")
STOCKS = ("active_clients",)
MEASURES = FLOWS + STOCKS
SUFFIXES = ("plan", "fact", "pace", "forecast")


def count_facts(deals: pd.DataFrame, leads: pd.DataFrame, activity: pd.DataFrame,
                bought: pd.DataFrame, start: date, end: date) -> pd.DataFrame:
    """Per manager: won deals closed, leads created and new clients (``start``…``end``; clients
    from ``bought``, ``clients.purchases``), and the meetings and proposals of ``activity``
    (already of that period)."""
    first, last = pd.Timestamp(start), pd.Timestamp(end)
    won = deals[(deals["outcome"] == "won") & (deals["closed"] >= first) & (deals["closed"] <= last)]
    new = leads[(leads["created"] >= first) & (leads["created"] <= last)]
    parts = {
        "deals": won.groupby("manager_id").size(),
        "leads": new.groupby("manager_id").size(),
        "meetings": activity.set_index("manager_id")["meetings"],
        "proposals": activity.set_index("manager_id")["proposals"],
        "new_clients": cli.new_clients(bought, start, end),
    }
    return pd.DataFrame(parts).fillna(0).astype("int64").rename_axis("manager_id")


def client_stock(bought: pd.DataFrame, clients: pd.DataFrame, start: date, end: date,
                 active_months: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Active clients per owner on the eve of ``start`` and on ``end`` (frames with the
    ``STOCKS`` columns): owners from the purchases to that day (``clients.owners``)."""
    def on(day: date) -> pd.DataFrame:
        to_day = bought[bought["date"] <= pd.Timestamp(day)]
        owner = cli.owners(clients, to_day)
        return cli.active_clients(to_day, owner, day, active_months).to_frame()

    return on(start - timedelta(days=1)), on(end)


def counts_vs_plan(plan: pd.DataFrame, fact: pd.DataFrame, days_worked: int,
                   working_days: int, start: pd.DataFrame | None = None) -> pd.DataFrame:
    """``<measure>_<plan|fact|pace|forecast>`` per manager (index ``manager_id``) of ``plan``
    (``MEASURES`` per manager for the month; NaN: not planned) and ``fact`` (to date), and
    ``<stock>_start`` from ``start`` (``STOCKS`` at the month's start, 0 when not given); see
    the module."""
    managers = plan.index.union(fact.index)
    if start is not None:
        managers = managers.union(start.index)
    plan = plan.reindex(index=managers, columns=list(MEASURES)).astype("float64")
    fact = fact.reindex(index=managers, columns=list(MEASURES)).fillna(0)
    begin = (start if start is not None else pd.DataFrame(index=managers, columns=list(STOCKS)))
    begin = begin.reindex(index=managers, columns=list(STOCKS)).fillna(0).astype("float64")
    share = days_worked / working_days if working_days else 0.0
    out = pd.DataFrame(index=managers.rename("manager_id"))
    for m in MEASURES:
        base = begin[m] if m in STOCKS else 0.0
        to_date = base + (plan[m] - base) * share
        out[f"{m}_plan"] = plan[m]
        out[f"{m}_fact"] = fact[m]
        out[f"{m}_pace"] = safe_ratio(fact[m] * 100, to_date)
        out[f"{m}_forecast"] = base + safe_ratio((fact[m] - base) * working_days, days_worked)
        if m in STOCKS:
            out[f"{m}_start"] = base
    return out


def total(table: pd.DataFrame, days_worked: int, working_days: int) -> pd.DataFrame:
    """The department's row: plans, facts and starts added up, pace and forecast from them."""
    sums = table.sum(min_count=1)
    plan = pd.DataFrame({m: [sums[f"{m}_plan"]] for m in MEASURES}, index=[""])
    fact = pd.DataFrame({m: [sums[f"{m}_fact"]] for m in MEASURES}, index=[""])
    start = pd.DataFrame({m: [sums[f"{m}_start"]] for m in STOCKS}, index=[""])
    return counts_vs_plan(plan, fact, days_worked, working_days, start)
