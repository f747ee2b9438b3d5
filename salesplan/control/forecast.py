"""How likely the month's plan is to be met: a seeded Monte Carlo of the month-end fact.

For manager m, as of a date with D working days left in the month:

    S_m = F_m + Σ_i a_i · B_i + s_m · Σ_{d=1..D} X_{m,d}

F_m is the fact to date; B_i ~ Bernoulli(p_i) says whether expected payment i (an open deal
or an outstanding invoice expected by the month's end, ``pipeline.payment_plan``) of amount
a_i arrives; X_{m,d} is a working day drawn at random from the manager's own daily facts over
the last months (their day-to-day variability). The daily flow stands for what the pipeline
does not cover: s_m = max(0, 1 − E_m / (D · μ_m)), with E_m = Σ p_i a_i and μ_m the mean
historical daily fact, so that

    E[S_m] = F_m + max(E_m, D · μ_m).

The department's total is the sum over its managers in each simulation. P(plan met) is the
share of simulations with S ≥ plan; the interval is the central ``interval`` % of S.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd

from salesplan.calendar import ProductionCalendar
from salesplan.control.frames import amount_by_manager
from salesplan.control.levels import KEYS, group_keys
from salesplan.periods import Month

DEAL_BLOCK = 256  # expected payments drawn per block (bounds memory: simulations × block)


def daily_history(
    fact: pd.DataFrame,
    month_first: date,
    months: int,
    calendar: ProductionCalendar,
) -> dict[str, np.ndarray]:
    """Each manager's fact per working day over the ``months`` whole months before ``month_first``.

    Days without a payment count as 0 from the manager's first payment in the window on; a
    payment on a day off counts on the next working day. Returns manager_id → kopecks per day.
    """
    start = (Month.of(month_first) - months).start
    days = pd.DatetimeIndex(calendar.working_dates_between(start, month_first - timedelta(days=1)))
    inside = (fact["date"] >= pd.Timestamp(start)) & (fact["date"] < pd.Timestamp(month_first))
    lines = fact[inside]
    if days.empty or lines.empty:
        return {}
    slot = np.minimum(days.searchsorted(lines["date"].to_numpy()), len(days) - 1)
    out = {}
    for manager, idx in lines.groupby("manager_id").indices.items():
        daily = np.bincount(slot[idx], weights=lines["amount"].to_numpy()[idx],
                            minlength=len(days))
        out[manager] = daily[slot[idx].min():]
    return out


def _pipeline_draws(rng: np.random.Generator, n: int, owner: np.ndarray, amount: np.ndarray,
                    p: np.ndarray, n_managers: int) -> np.ndarray:
    """Σ a_i · B_i per manager, shape (n, n_managers); ``owner`` sorted ascending."""
    out = np.zeros((n, n_managers))
    for lo in range(0, len(amount), DEAL_BLOCK):
        hi = min(lo + DEAL_BLOCK, len(amount))
        paid = rng.random((n, hi - lo)) < p[lo:hi]
        block = paid * amount[lo:hi]
        managers, starts = np.unique(owner[lo:hi], return_index=True)
        out[:, managers] += np.add.reduceat(block, starts, axis=1)
    return out


def simulate_month_end(
    fact_to_date: pd.Series,
    expected: pd.DataFrame,
    history: dict[str, np.ndarray],
    days_left: int,
    simulations: int,
    seed: int,
) -> pd.DataFrame:
    """Simulated month-end facts: one column per manager of ``fact_to_date``, one row per run.

    ``expected`` has ``manager_id, amount, probability`` (0…1; missing amount or probability:
    left out). Vectorised over the simulations; the same seed gives the same draws.
    """
    managers = list(fact_to_date.index)
    col = {m: i for i, m in enumerate(managers)}
    rng = np.random.default_rng(seed)
    known = expected[expected["manager_id"].isin(col) & expected["amount"].notna()
                     & expected["probability"].notna()]
    owner = known["manager_id"].map(col).to_numpy(dtype="int64")
    order = np.argsort(owner, kind="stable")
    amount = known["amount"].to_numpy(dtype=float)[order]
    p = known["probability"].to_numpy(dtype=float)[order]
    totals = _pipeline_draws(rng, simulations, owner[order], amount, p, len(managers))
    pipeline_mean = np.bincount(owner[order], weights=amount * p, minlength=len(managers))
    for m, i in col.items():
        days = history.get(m)
        if days is None or not len(days) or days_left <= 0:
            continue
        flow_mean = days_left * days.mean()
        share = max(0.0, 1.0 - pipeline_mean[i] / flow_mean) if flow_mean > 0 else 0.0
        if share > 0:
            draws = days[rng.integers(0, len(days), size=(simulations, days_left))]
            totals[:, i] += share * draws.sum(axis=1)
    totals += fact_to_date.to_numpy(dtype=float)
    return pd.DataFrame(totals, columns=pd.Index(managers, name="manager_id"))


def expected_month_end(fact_to_date: float, expected_pipeline: float, history_mean: float,
                       days_left: int) -> float:
    """The analytic mean of the simulation: ``F + max(Σ p·a, D · μ)``."""
    return fact_to_date + max(expected_pipeline, days_left * history_mean)


def plan_probability(sims: pd.DataFrame, plan: pd.Series, interval: float = 80) -> pd.DataFrame:
    """P(plan met) and the central ``interval`` % of the month-end fact, per column of ``sims``.

    Columns: ``plan``, ``mean``, ``low``, ``high``, ``p_met`` (% of runs with fact ≥ plan; NaN
    without a plan).
    """
    plan = plan.reindex(sims.columns).fillna(0)
    values = sims.to_numpy()
    tail = (100 - interval) / 2
    low, high = np.percentile(values, [tail, 100 - tail], axis=0)
    met = (values >= plan.to_numpy()).mean(axis=0) * 100
    return pd.DataFrame({
        "plan": plan.to_numpy(),
        "mean": values.mean(axis=0),
        "low": low,
        "high": high,
        "p_met": np.where(plan.to_numpy() > 0, met, np.nan),
    }, index=sims.columns)


def month_end_forecast(
    plan: pd.DataFrame,
    fact: pd.DataFrame,
    expected: pd.DataFrame,
    as_of: date,
    *,
    calendar: ProductionCalendar,
    include_as_of: bool = True,
    history_months: int = 6,
    simulations: int = 10_000,
    seed: int = 0,
    interval: float = 80,
    level: str = "manager",
    managers: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """P(plan met) of ``as_of``'s month per manager, department or in total.

    ``plan`` and ``fact`` are plan and fact lines; ``expected`` the payments expected by the
    month's end (``pipeline.payment_plan`` with no start). Every manager with a plan or a fact
    this month is simulated; a department or the total sums its managers in each run, so the
    levels agree. Columns: the level's key, ``plan``, ``fact`` (to date), ``mean``, ``low``,
    ``high``, ``p_met`` (see ``plan_probability``).
    """
    first, last = Month.of(as_of).bounds
    fact_end = as_of if include_as_of else as_of - timedelta(days=1)
    frame = pd.DataFrame({
        "plan": amount_by_manager(plan, first, last),
        "fact": amount_by_manager(fact, first, fact_end),
    }).fillna(0).astype("float64")
    days_left = Month.of(as_of).working_days(calendar) - calendar.days_worked(as_of, include_as_of)
    history = daily_history(fact, first, history_months, calendar)
    sims = simulate_month_end(frame["fact"], expected, history, days_left, simulations, seed)
    keys = group_keys(frame.index, level, managers)
    grouped = sims.T.groupby(keys).sum().T
    table = plan_probability(grouped, frame["plan"].groupby(keys).sum(), interval)
    table.insert(1, "fact", frame["fact"].groupby(keys).sum().reindex(table.index))
    if KEYS[level] is None:
        return table.reset_index(drop=True)
    return table.rename_axis(KEYS[level]).reset_index()
