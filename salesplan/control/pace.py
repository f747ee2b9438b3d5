"""Pace against the plan over working days, the run-rate forecast and the daily rate still needed.

Every function takes scalars, numpy arrays or pandas Series (aligned, money in kopecks, days as
counts of working days of the production calendar) and returns the same shape. A zero or
missing denominator gives NaN, never an exception or an infinity.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def safe_ratio(num, den):
    """``num / den`` as float, NaN where ``den`` is 0 or missing."""
    den_f = np.asarray(den, dtype=float)
    den_f = np.where(den_f == 0, np.nan, den_f)
    with np.errstate(invalid="ignore", divide="ignore"):
        out = np.asarray(num, dtype=float) / den_f
    for arg in (num, den):
        if isinstance(arg, pd.Series):
            return pd.Series(out, index=arg.index)
    return float(out) if out.ndim == 0 else out


def plan_to_date(month_plan, working_days, days_worked):
    """The linear plan to date: ``month_plan / working_days × days_worked``."""
    return safe_ratio(np.multiply(month_plan, days_worked, dtype=float), working_days)


def pace(fact, month_plan, working_days, days_worked):
    """% of plan for today (процент выполнения плана на текущий день).

    ``pace = fact / (month_plan / working_days × days_worked) × 100``; below 100 the manager is
    behind. NaN when the plan, the working days or the days worked are 0.
    Plan 1 000 000, 20 working days, 8 worked, fact 350 000 → 87.5.
    """
    return safe_ratio(np.multiply(fact, 100, dtype=float),
                      plan_to_date(month_plan, working_days, days_worked))


def run_rate_forecast(fact, working_days, days_worked):
    """Month-end forecast at the pace so far: ``fact / days_worked × working_days``.

    NaN when no day has been worked. Fact 350 000 after 8 of 20 days → 875 000.
    """
    return safe_ratio(np.multiply(fact, working_days, dtype=float), days_worked)


def needed_daily_rate(fact, month_plan, working_days, days_worked):
    """Fact needed per remaining working day to meet the plan.

    ``max(month_plan − fact, 0) / (working_days − days_worked)``: 0 once the plan is met, NaN
    when the plan is not met and no working day is left.
    """
    remaining = np.maximum(np.subtract(month_plan, fact, dtype=float), 0)
    rate = safe_ratio(remaining, np.subtract(working_days, days_worked))
    met = remaining == 0
    if isinstance(rate, pd.Series):
        return rate.mask(np.asarray(met), 0.0)
    return np.where(met, 0.0, rate) if np.ndim(rate) else (0.0 if met else rate)
