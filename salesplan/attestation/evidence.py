"""Each manager's evidence for a period, read from the store in one pass for all managers.

KPIs come from ``salesplan.control`` (the same definitions as the monthly report), call
quality from ``salesplan.reviews``, the knowledge test and competency ratings from
``inputs``. Values are in the indicators' units (see ``params/attestation.yaml``): percents,
review points, points per month, ratings 1–5.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from sqlalchemy import Engine

from salesplan.attestation import inputs
from salesplan.attestation.scoring import ELIGIBLE, INSUFFICIENT, PROBATION
from salesplan.attestation.template import KEY_ACCOUNT, AttestationTemplate
from salesplan.calendar import ProductionCalendar
from salesplan.control.clients import accounts
from salesplan.control.params import ControlParams
from salesplan.control.receivables import aging
from salesplan.control.report import Control
from salesplan.periods import Half, Month, Quarter, add_months, ordinals
from salesplan.reviews import analysis
from salesplan.reviews.repository import current_reviews, reviews_frame
from salesplan.store import read_table

VALUE_COLUMNS = ["manager_id", "component", "indicator", "value"]
# The facts behind the KPI values shown on a sheet (columns of ``Evidence.kpi``).
KPI_FACTS = ("deals_won", "avg_check", "leads", "leads_converted", "calls", "calls_norm",
             "outstanding", "overdue")


@dataclass(frozen=True)
class Evidence:
    """The evidence of every attested manager of a department for a period.

    ``managers``: ``attested_managers``; ``values``: ``VALUE_COLUMNS``; ``monthly``:
    ``monthly_fulfilment``; ``kpi``: ``period_kpis``; ``reviews``: ``manager_id, month,
    reviews, score``; ``criteria``: the weakest scorecard criteria (``manager_id, name, score``
    in % of the maximum, ``answers``); ``tests`` and ``ratings``: the inputs of the period;
    ``reviewed_calls``: reviews per manager.
    """

    period: Quarter | Half
    department: str
    managers: pd.DataFrame
    values: pd.DataFrame
    monthly: pd.DataFrame
    kpi: pd.DataFrame
    reviews: pd.DataFrame
    criteria: pd.DataFrame
    tests: pd.DataFrame
    ratings: pd.DataFrame
    reviewed_calls: pd.Series


def attested_managers(
    managers: pd.DataFrame,
    departments: pd.DataFrame,
    period: Quarter | Half,
    template: AttestationTemplate,
    calendar: ProductionCalendar,
) -> pd.DataFrame:
    """Managers employed at the period's end (not heads of department), with their status.

    ``days_in_role`` = working days from max(hire date, period start) to the period's end.
    Status: ``probation`` when hire date + ``probation_months`` falls after the period's
    end; else ``insufficient_data`` when ``days_in_role`` < ``min_days_in_role``; else ``eligible``.
    """
    end = pd.Timestamp(period.end)
    active = managers[
        (managers["role"] != "head")
        & (managers["hire_date"].isna() | (managers["hire_date"] <= end))
        & (managers["leave_date"].isna() | (managers["leave_date"] > end))
    ]
    rules = template.eligibility
    rows = []
    for m in active.itertuples(index=False):
        hired = m.hire_date.date() if pd.notna(m.hire_date) else None
        first = max(hired, period.start) if hired else period.start
        days = calendar.working_days_between(first, period.end)
        until = add_months(hired, rules.probation_months) if hired else None
        if until is not None and until > period.end:
            status, reasons = PROBATION, []
        elif days < rules.min_days_in_role:
            reasons = [("few_days", {"days": days, "needed": rules.min_days_in_role})]
            status = INSUFFICIENT
        else:
            status, reasons = ELIGIBLE, []
        rows.append((m.id, m.name, m.role, m.department_id, hired, days, status, until, reasons))
    out = pd.DataFrame(rows, columns=[
        "manager_id", "name", "role", "department_id", "hire_date", "days_in_role", "status",
        "probation_until", "reasons",
    ])
    out["department"] = out["department_id"].map(departments.set_index("id")["name"]).fillna(
        out["department_id"]
    )
    return out.sort_values("name", kind="stable").reset_index(drop=True)


def _long(frame: pd.DataFrame, component: str, columns: dict[str, str]) -> pd.DataFrame:
    """A wide per-manager frame → ``VALUE_COLUMNS`` rows for ``columns`` (indicator → column)."""
    return pd.concat([
        pd.DataFrame({"manager_id": frame["manager_id"], "component": component,
                      "indicator": ind, "value": frame[col].astype("float64")})
        for ind, col in columns.items()
    ], ignore_index=True)


def monthly_fulfilment(ctl: Control, period: Quarter | Half, ids: pd.Series) -> pd.DataFrame:
    """``manager_id, month, plan, fact, fulfilment`` for each month of the period: the monthly
    KPI table's ``plan``, ``revenue`` and ``revenue_pct`` (NaN without a plan)."""
    parts = []
    for month in period.months:
        table = ctl.kpis(*month.bounds).set_index("manager_id").reindex(ids)
        parts.append(pd.DataFrame({
            "manager_id": ids.to_numpy(), "month": str(month),
            "plan": table["plan"].fillna(0).astype("int64").to_numpy(),
            "fact": table["revenue"].fillna(0).astype("int64").to_numpy(),
            "fulfilment": table["revenue_pct"].to_numpy(),
        }))
    return pd.concat(parts, ignore_index=True)


def period_kpis(ctl: Control, period: Quarter | Half, managers: pd.DataFrame) -> pd.DataFrame:
    """One row per manager of ``managers``: the period's KPI table (``control.kpi``), calls
    against the norm (``control.activity``: ``calls``, ``calls_norm``, ``calls_pct``) and the
    receivables at the period's end (``control.receivables.aging``: ``outstanding``,
    ``overdue``, ``overdue_share``; 0 when nothing is owed)."""
    kpis = ctl.kpis(period.start, period.end)
    calls = ctl.activity(period.start, period.end)[["manager_id", "calls", "calls_norm", "calls_pct"]]
    debts = aging(ctl.receivables(period.end))
    debts = debts.rename(columns={"total": "outstanding"})[["manager_id", "outstanding", "overdue",
                                                            "overdue_share"]]
    out = (managers[["manager_id", "role"]]
           .merge(kpis, on="manager_id", how="left")
           .merge(calls, on="manager_id", how="left")
           .merge(debts, on="manager_id", how="left"))
    return out.fillna({"outstanding": 0, "overdue": 0, "overdue_share": 0.0})


def client_values(ctl: Control, period: Quarter | Half, managers: pd.DataFrame) -> pd.DataFrame:
    """The key-account managers' client figures (seed 003), from the clients of the 12 months to
    the period's end (``control.clients``): ``client_growth`` = their revenue / the 12 months
    before − 1, in %; ``active_clients`` = clients with a purchase in the last ``active_months``
    / clients with a purchase in the 12 months × 100; ``new_clients`` = clients whose first
    purchase falls in the period. Other roles get none of them."""
    ids = managers.loc[managers["role"] == KEY_ACCOUNT, "manager_id"]
    if ids.empty:
        return pd.DataFrame(columns=VALUE_COLUMNS)
    found = ctl.clients_of(str(Month.of(period.end)))
    view = accounts(found, ctl.params.clients).set_index("manager_id").reindex(ids)
    named = found.bought[found.bought["client_id"].notna()]
    first = named.groupby("client_id")["date"].min()
    owner = found.table.set_index("client_id")["manager_id"]
    fresh = owner.reindex(first.index[first >= pd.Timestamp(period.start)])
    wide = pd.DataFrame({
        "manager_id": ids.to_numpy(),
        "client_growth": (view["growth"] * 100).to_numpy(),
        "active_clients": (view["active"] * 100 / view["clients"].where(view["clients"] > 0)).to_numpy(),
        "new_clients": fresh.value_counts().reindex(ids, fill_value=0).to_numpy(),
    })
    return _long(wide, "kpi", {name: name for name in ("client_growth", "active_clients", "new_clients")})


def kpi_values(monthly: pd.DataFrame, kpi: pd.DataFrame) -> pd.DataFrame:
    """The KPI component's values per manager.

    ``plan_fulfilment`` = mean of the monthly fulfilment % over the months with a plan;
    ``conversion`` = the KPI table's ``lead_to_deal`` (leads converted to a deal / leads × 100);
    ``average_check`` = the manager's average check / the average check of the managers of the
    same role × 100 (each the amount of the won deals / their number); ``activity`` = outgoing
    calls / the call norm × 100 (``calls_pct``); ``receivables`` = overdue / outstanding
    receivables at the period's end × 100 (0 when nothing is owed).
    """
    planned = monthly[monthly["plan"] > 0]
    fulfilment = planned.groupby("manager_id")["fulfilment"].mean()
    by_role = kpi.groupby("role")[["won_amount", "deals_won"]].sum()
    role_check = by_role["won_amount"] / by_role["deals_won"].replace(0, np.nan)
    wide = kpi.assign(
        plan_fulfilment=kpi["manager_id"].map(fulfilment),
        average_check=kpi["avg_check"] / kpi["role"].map(role_check) * 100,
    )
    return _long(wide, "kpi", {
        "plan_fulfilment": "plan_fulfilment",
        "conversion": "lead_to_deal",
        "average_check": "average_check",
        "activity": "calls_pct",
        "receivables": "overdue_share",
    })


def trend_slope(months: pd.Series, scores: pd.Series) -> float:
    """Least-squares slope of the monthly mean score, points per month (NaN with < 2 months).

    slope = Σ (x − x̄)(y − ȳ) / Σ (x − x̄)², x = month number, y = the month's mean score.
    """
    x = ordinals(months, Month).to_numpy(dtype=float)
    y = scores.to_numpy(dtype=float)
    keep = ~np.isnan(y)
    x, y = x[keep], y[keep]
    if len(np.unique(x)) < 2:
        return float("nan")
    dx = x - x.mean()
    return float((dx * (y - y.mean())).sum() / (dx * dx).sum())


def call_quality(eng: Engine, period: Quarter | Half, department: str, ids: pd.Series,
                 template: AttestationTemplate) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.Series]:
    """Call-quality values, monthly scores, weakest criteria and reviewed calls per manager.

    ``average`` = mean score of the period's reviews (current revisions); ``trend`` =
    ``trend_slope`` of the monthly means. Both are missing below ``min_reviewed_calls``.
    """
    headers = current_reviews(eng, period.start, period.end, department or None)
    headers = headers[headers["manager_id"].isin(ids)]
    reviewed = headers.groupby("manager_id")["uid"].nunique().reindex(ids).fillna(0).astype("int64")
    monthly = analysis.score_trend(headers, "month").rename(columns={"period": "month"})
    monthly = monthly[["manager_id", "month", "reviews", "score"]]
    average = headers.groupby("manager_id")["score"].mean()
    trend = monthly.groupby("manager_id").apply(
        lambda g: trend_slope(g["month"], g["score"]), include_groups=False
    ) if len(monthly) else pd.Series(dtype="float64")
    enough = reviewed >= template.eligibility.min_reviewed_calls
    wide = pd.DataFrame({"manager_id": ids.to_numpy()})
    wide["average"] = wide["manager_id"].map(average).where(enough.to_numpy())
    wide["trend"] = wide["manager_id"].map(trend).where(enough.to_numpy())
    items = reviews_frame(eng, period.start, period.end, department or None)
    items = items[items["manager_id"].isin(ids)]
    n = max(3, template.development.max_criteria_goals)
    weakest = analysis.weakest_criteria(items, n=n, min_answers=template.eligibility.min_reviewed_calls)
    criteria = weakest.rename(columns={"criterion_text": "name", "attainment": "score"})[
        ["manager_id", "name", "score", "answers"]
    ]
    values = _long(wide, "call_quality", {"average": "average", "trend": "trend"})
    return values, monthly, criteria, reviewed


def collect(
    eng: Engine,
    period: Quarter | Half,
    template: AttestationTemplate,
    department: str = "",
    *,
    calendar: ProductionCalendar | None = None,
    params: ControlParams | None = None,
) -> Evidence:
    """The evidence of every manager of ``department`` ("" = all) employed at the period's end."""
    ctl = Control.load(eng, department, params, calendar)
    managers = attested_managers(ctl.frames.managers, read_table(eng, "departments"), period, template,
                                 ctl.calendar)
    ids = managers["manager_id"]
    monthly = monthly_fulfilment(ctl, period, ids)
    kpi = period_kpis(ctl, period, managers)
    call_values, reviews, criteria, reviewed = call_quality(eng, period, department, ids, template)

    tests = inputs.tests_frame(eng, period)
    tests = tests[tests["manager_id"].isin(ids)].assign(pct=lambda t: t["score"] / t["max_score"] * 100)
    ratings = inputs.ratings_frame(eng, period)
    ratings = ratings[ratings["manager_id"].isin(ids)]
    values = pd.concat([
        kpi_values(monthly, kpi),
        client_values(ctl, period, managers),
        pd.DataFrame({"manager_id": tests["manager_id"], "component": "knowledge_test",
                      "indicator": tests["topic"], "value": tests["pct"]}),
        call_values,
        pd.DataFrame({"manager_id": ratings["manager_id"], "component": "competencies",
                      "indicator": ratings["competency"], "value": ratings["rating"].astype("float64")}),
    ], ignore_index=True)
    return Evidence(
        period=period, department=department, managers=managers, values=values, monthly=monthly,
        kpi=kpi, reviews=reviews, criteria=criteria, tests=tests, ratings=ratings,
        reviewed_calls=reviewed,
    )
