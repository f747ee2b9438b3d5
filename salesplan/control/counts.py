"""Non-money plans against the fact: deals, leads, meetings and proposals, with the pace logic of
money.

The plan of a month is the plan of record's counts per manager (``plan_norms``: the reverse
funnel's won deals, qualified leads, meetings and proposals). The fact to a date: won deals
closed, leads created, and meetings and proposals by the results of calls
(``activity.activity``). As for money (``summary``): ``<m>_to_date`` = plan × days worked /
working days of the month, ``<m>_pace`` = fact / plan to date × 100, ``<m>_forecast`` = fact /
days worked × working days.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from salesplan.control.pace import safe_ratio

MEASURES = ("deals", "leads", "meetings", "proposals")
SUFFIXES = ("plan", "fact", "pace", "forecast")


def count_facts(deals: pd.DataFrame, leads: pd.DataFrame, activity: pd.DataFrame,
                start: date, end: date) -> pd.DataFrame:
    """Per manager: won deals closed, leads created (``start``…``end``), and the meetings and
    proposals of ``activity`` (already of that period)."""
    first, last = pd.Timestamp(start), pd.Timestamp(end)
    won = deals[(deals["outcome"] == "won") & (deals["closed"] >= first) & (deals["closed"] <= last)]
    new = leads[(leads["created"] >= first) & (leads["created"] <= last)]
    parts = {
        "deals": won.groupby("manager_id").size(),
        "leads": new.groupby("manager_id").size(),
        "meetings": activity.set_index("manager_id")["meetings"],
        "proposals": activity.set_index("manager_id")["proposals"],
    }
    return pd.DataFrame(parts).fillna(0).astype("int64").rename_axis("manager_id")


def counts_vs_plan(plan: pd.DataFrame, fact: pd.DataFrame, days_worked: int,
                   working_days: int) -> pd.DataFrame:
    """``<measure>_<plan|fact|pace|forecast>`` per manager (index ``manager_id``) of ``plan``
    (``MEASURES`` per manager for the month) and ``fact`` (to date); see the module."""
    managers = plan.index.union(fact.index)
    plan = plan.reindex(managers).astype("float64")
    fact = fact.reindex(managers).fillna(0)
    out = pd.DataFrame(index=managers.rename("manager_id"))
    for m in MEASURES:
        to_date = plan[m] * days_worked / working_days if working_days else plan[m] * 0
        out[f"{m}_plan"] = plan[m]
        out[f"{m}_fact"] = fact[m]
        out[f"{m}_pace"] = safe_ratio(fact[m] * 100, to_date)
        out[f"{m}_forecast"] = safe_ratio(fact[m] * working_days, days_worked)
    return out


def total(table: pd.DataFrame, days_worked: int, working_days: int) -> pd.DataFrame:
    """The department's row: plans and facts added up, pace and forecast from them."""
    sums = table.sum(min_count=1)
    plan = pd.DataFrame({m: [sums[f"{m}_plan"]] for m in MEASURES}, index=[""])
    fact = pd.DataFrame({m: [sums[f"{m}_fact"]] for m in MEASURES}, index=[""])
    return counts_vs_plan(plan, fact, days_worked, working_days)
