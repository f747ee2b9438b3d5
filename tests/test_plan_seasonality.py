"""Median-based seasonality and the Theil–Sen trend."""

import numpy as np
import pytest

from salesplan.errors import PlanError
from salesplan.plan.seasonality import seasonal_indices, trend_rate, yoy_slope

PATTERN = np.array([0.8, 0.9, 1.0, 1.0, 0.95, 0.9, 0.85, 0.9, 1.05, 1.1, 1.15, 1.4])
PATTERN = PATTERN / PATTERN.mean()
JAN_2024 = 2024 * 12


def test_pure_seasonal_series_gives_back_its_pattern():
    rates = np.tile(PATTERN, 3) * 1000
    assert seasonal_indices(JAN_2024, rates) == pytest.approx(PATTERN, rel=0.02)


def test_a_one_off_month_does_not_move_the_index():
    rates = np.tile(PATTERN, 3) * 1000
    spiked = rates.copy()
    spiked[14] *= 5  # March of the second year: a one-off deal
    clean, robust = seasonal_indices(JAN_2024, rates), seasonal_indices(JAN_2024, spiked)
    assert robust[2] == pytest.approx(clean[2], rel=0.05)
    assert robust == pytest.approx(clean, rel=0.05)


def test_seasonality_needs_twelve_months():
    with pytest.raises(PlanError, match="не меньше 12 месяцев истории, есть 11 месяцев"):
        seasonal_indices(JAN_2024, np.ones(11))


def test_trend_slope_ignores_season_and_an_outlier():
    months = np.arange(36)
    rates = 1000 + 10 * months + 300 * np.tile(PATTERN, 3)  # a rising season on a rising trend
    rates[20] = 9000
    assert yoy_slope(rates) == pytest.approx(10.0)
    assert yoy_slope(np.ones(12)) == 0.0


def test_trend_times_season_forecast():
    months = np.arange(24)
    rates = (1000 + 10 * months) * np.tile(PATTERN, 2)
    forecast, indices = trend_rate(JAN_2024, rates, JAN_2024 + 24)  # January 2026
    assert forecast == pytest.approx((1000 + 10 * 24) * PATTERN[0], rel=0.03)
