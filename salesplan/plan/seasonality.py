"""Seasonality indices and a robust trend, both median-based so one-off months don't distort them.

Revenue is first taken per working day (a short month is not a weak month). The slope b is the
median of the year-over-year changes (dₜ − dₜ₋₁₂) / 12 — a Theil–Sen slope over pairs a year
apart, which a seasonal pattern cannot tilt (0 with only 12 months). For month t with daily
rate dₜ, the level is Lₜ = a + b·t with a = median(dₜ − b·t); the index of a calendar month is
the median of dₜ / Lₜ over its occurrences, scaled so the twelve indices average 1. The
forecast is (a' + b·t*) × index, a' the median of the deseasonalised last 12 months − b·t.
"""

from __future__ import annotations

import numpy as np

from salesplan import labels
from salesplan.errors import PlanError

MIN_MONTHS = 12


def yoy_slope(rate: np.ndarray) -> float:
    """Median of (dₜ − dₜ₋₁₂) / 12: the monthly trend, free of seasonality; 0 without a year."""
    rate = np.asarray(rate, dtype=float)
    changes = rate[MIN_MONTHS:] - rate[:-MIN_MONTHS]
    return float(np.median(changes)) / MIN_MONTHS if len(changes) else 0.0


def _intercept(t: np.ndarray, values: np.ndarray, slope: float) -> float:
    return float(np.median(values - slope * t))


def seasonal_indices(first_ym: int, daily_rate: np.ndarray) -> np.ndarray:
    """Twelve indices (January first) from consecutive monthly daily rates starting at ``first_ym``.

    Needs at least 12 months; raises ``PlanError`` otherwise.
    """
    rate = np.asarray(daily_rate, dtype=float)
    n = len(rate)
    if n < MIN_MONTHS:
        raise PlanError(labels.PLAN_NOTES["months_short"].format(months=labels.count(n, "month")))
    t = np.arange(n, dtype=float)
    slope = yoy_slope(rate)
    level = _intercept(t, rate, slope) + slope * t
    ratio = np.divide(rate, level, out=np.ones(n), where=level > 0)
    calendar_month = (first_ym + np.arange(n)) % 12
    indices = np.array([np.median(ratio[calendar_month == m]) for m in range(12)])
    mean = indices.mean()
    return indices / mean if mean > 0 else np.ones(12)


def trend_rate(first_ym: int, daily_rate: np.ndarray, target_ym: int) -> tuple[float, np.ndarray]:
    """The daily rate forecast for ``target_ym`` and the twelve indices behind it (see above)."""
    rate = np.asarray(daily_rate, dtype=float)
    indices = seasonal_indices(first_ym, rate)
    t = first_ym + np.arange(len(rate))
    last = slice(len(rate) - MIN_MONTHS, None)
    month_index = indices[t[last] % 12]
    deseasonalised = np.divide(rate[last], month_index, out=np.zeros(MIN_MONTHS),
                               where=month_index > 0)
    slope = yoy_slope(rate)
    level = _intercept(t[last].astype(float), deseasonalised, slope) + slope * target_ym
    return max(0.0, level) * indices[target_ym % 12], indices
