"""Seasonality indices and a robust trend, both median-based so one-off months don't distort them.

Revenue is first taken per working day (a short month is not a weak month). For month t with
daily rate dₜ, the level Lₜ is the median of the 12-month window around t (as centred as the
history allows); the index of a calendar month is the median of dₜ / Lₜ over its occurrences,
scaled so the twelve indices average 1. The trend is Theil–Sen (median of pairwise slopes) on
the deseasonalised rates of the last 12 months.
"""

from __future__ import annotations

import numpy as np

from salesplan.errors import PlanError

MIN_MONTHS = 12


def seasonal_indices(first_ym: int, daily_rate: np.ndarray) -> np.ndarray:
    """Twelve indices (January first) from consecutive monthly daily rates starting at ``first_ym``.

    Needs at least 12 months; raises ``PlanError`` otherwise.
    """
    rate = np.asarray(daily_rate, dtype=float)
    n = len(rate)
    if n < MIN_MONTHS:
        raise PlanError(f"seasonality needs at least {MIN_MONTHS} months of history, found {n}")
    starts = np.clip(np.arange(n) - MIN_MONTHS // 2, 0, n - MIN_MONTHS)
    windows = rate[starts[:, None] + np.arange(MIN_MONTHS)]
    level = np.median(windows, axis=1)
    ratio = np.divide(rate, level, out=np.ones(n), where=level > 0)
    calendar_month = (first_ym + np.arange(n)) % 12
    indices = np.array([np.median(ratio[calendar_month == m]) for m in range(12)])
    mean = indices.mean()
    return indices / mean if mean > 0 else np.ones(12)


def theil_sen(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Slope = median of the pairwise slopes, intercept = median(y − slope × x)."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if len(x) < 2:
        return 0.0, float(y[0]) if len(y) else 0.0
    i, j = np.triu_indices(len(x), k=1)
    slope = float(np.median((y[j] - y[i]) / (x[j] - x[i])))
    return slope, float(np.median(y - slope * x))


def trend_rate(first_ym: int, daily_rate: np.ndarray, target_ym: int) -> tuple[float, np.ndarray]:
    """The daily rate forecast for ``target_ym`` and the twelve indices behind it.

    forecast = max(0, a + b × t*) × index(month of t*), with a, b the Theil–Sen line through the
    deseasonalised rates of the last 12 months.
    """
    indices = seasonal_indices(first_ym, daily_rate)
    rate = np.asarray(daily_rate, dtype=float)[-MIN_MONTHS:]
    t = first_ym + len(daily_rate) - len(rate) + np.arange(len(rate))
    month_index = indices[t % 12]
    deseasonalised = np.divide(rate, month_index, out=np.zeros_like(rate), where=month_index > 0)
    slope, intercept = theil_sen(t, deseasonalised)
    level = max(0.0, intercept + slope * target_ym)
    return level * indices[target_ym % 12], indices
