"""Activity against its norms (контроль выполнения нормативов): calls, minutes, meetings,
proposals.

From the ``calls`` table: ``calls`` = outgoing calls made, ``minutes`` = minutes on the line
(all calls, both directions), ``meetings`` and ``proposals`` = calls whose result is one of
``ActivityResults`` (a meeting set, a proposal sent), matched in lower case.
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from salesplan.calendar import ProductionCalendar
from salesplan.control.pace import safe_ratio
from salesplan.control.params import ActivityNorms, ActivityResults

MEASURES = ["calls", "minutes", "meetings", "proposals"]
NORM_COLUMNS = ["calls_per_day", "minutes_per_day", "meetings_per_week", "proposals_per_week"]


def activity(calls: pd.DataFrame, start: date, end: date, results: ActivityResults,
             by: list[str] | None = None) -> pd.DataFrame:
    """Activity of ``start``…``end`` grouped ``by`` (default ``manager_id``; ``date`` available)."""
    by = by or ["manager_id"]
    started = calls["started_at"]
    inside = (started >= pd.Timestamp(start)) & (started < pd.Timestamp(end + timedelta(days=1)))
    calls = calls[inside]
    result = calls["result"].astype("string").str.strip().str.lower()
    frame = pd.DataFrame({
        "manager_id": calls["manager_id"],
        "date": started[inside].dt.normalize(),
        "calls": (calls["direction"] == "out").astype("int64"),
        "minutes": calls["duration_s"] / 60,
        "meetings": result.isin(results.meeting).fillna(False).astype("int64"),
        "proposals": result.isin(results.proposal).fillna(False).astype("int64"),
    })
    return frame.groupby(by)[MEASURES].sum().reset_index()


def manager_norms(managers: pd.DataFrame, defaults: ActivityNorms,
                  plan_norms: pd.DataFrame | None = None) -> pd.DataFrame:
    """Each manager's activity norms: the plan of record's where it has them
    (``plan_of_record.activity_norms``), else the parameters' for the manager's role.

    Columns ``manager_id``, the norms and ``source`` (``plan`` or ``params``).
    """
    rows = [defaults.for_role(role).model_dump() for role in managers["role"]]
    table = pd.DataFrame(rows, columns=NORM_COLUMNS, index=managers["id"].to_numpy())
    table["source"] = "params"
    if plan_norms is not None and len(plan_norms):
        planned = plan_norms.set_index("manager_id")[NORM_COLUMNS]
        planned = planned[planned.index.isin(table.index)]
        table.loc[planned.index, NORM_COLUMNS] = planned.to_numpy(dtype=float)
        table.loc[planned.index, "source"] = "plan"
    return table.rename_axis("manager_id").reset_index()


def activity_vs_norms(
    calls: pd.DataFrame,
    norms: pd.DataFrame,
    start: date,
    end: date,
    results: ActivityResults,
    calendar: ProductionCalendar,
) -> pd.DataFrame:
    """Activity of ``start``…``end`` per manager of ``norms`` against the norms for the period.

    With W working days in the period: ``<m>_norm`` = daily norm × W for calls and minutes,
    weekly norm × W / 5 for meetings and proposals; ``<m>_pct`` = actual / norm × 100. The
    norms' ``source`` column, when given, is kept.
    """
    workdays = calendar.working_days_between(start, end)
    done = activity(calls, start, end, results).set_index("manager_id")
    table = norms.set_index("manager_id")
    out = pd.DataFrame(index=table.index)
    for measure, norm, scale in [
        ("calls", "calls_per_day", workdays),
        ("minutes", "minutes_per_day", workdays),
        ("meetings", "meetings_per_week", workdays / 5),
        ("proposals", "proposals_per_week", workdays / 5),
    ]:
        actual = done[measure].reindex(out.index).fillna(0)
        out[measure] = actual
        out[f"{measure}_norm"] = table[norm] * scale
        out[f"{measure}_pct"] = safe_ratio(actual * 100, out[f"{measure}_norm"])
    if "source" in table:
        out["source"] = table["source"]
    return out.assign(working_days=workdays).reset_index()
