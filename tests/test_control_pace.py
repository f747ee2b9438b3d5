"""Pace, run-rate forecast and needed daily rate: the seed's formula, worked by hand."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import salesplan
from salesplan.control.pace import needed_daily_rate, pace, plan_to_date, run_rate_forecast, safe_ratio


def test_worked_example():
    # plan 1 000 000, 20 working days, 8 worked, fact 350 000
    assert salesplan.pace(350_000, 1_000_000, 20, 8) == pytest.approx(87.5)
    assert salesplan.run_rate_forecast(350_000, 20, 8) == pytest.approx(875_000)
    # 650 000 still to do over 12 days
    assert needed_daily_rate(350_000, 1_000_000, 20, 8) == pytest.approx(650_000 / 12)
    assert plan_to_date(1_000_000, 20, 8) == pytest.approx(400_000)


@pytest.mark.parametrize(
    ("fact", "plan", "days", "worked"),
    [(100, 0, 20, 8), (100, 1000, 20, 0), (100, 1000, 0, 0), (0, 0, 0, 0)],
)
def test_degenerate_pace_is_nan(fact, plan, days, worked):
    assert math.isnan(pace(fact, plan, days, worked))


def test_degenerate_forecast_and_rate():
    assert math.isnan(run_rate_forecast(100, 20, 0))
    assert needed_daily_rate(1200, 1000, 20, 20) == 0.0  # met on the last day: nothing needed
    assert math.isnan(needed_daily_rate(900, 1000, 20, 20))  # not met, no day left
    assert needed_daily_rate(1200, 1000, 20, 8) == 0.0


def test_series_in_series_out():
    fact = pd.Series([350_000, 0, 100], index=["a", "b", "c"])
    plan = pd.Series([1_000_000, 500_000, 0], index=["a", "b", "c"])
    out = pace(fact, plan, 20, 8)
    assert list(out.index) == ["a", "b", "c"]
    assert out["a"] == pytest.approx(87.5) and out["b"] == 0 and math.isnan(out["c"])
    rate = needed_daily_rate(fact, plan, 20, pd.Series([8, 20, 20], index=["a", "b", "c"]))
    assert rate["a"] == pytest.approx(650_000 / 12) and math.isnan(rate["b"]) and rate["c"] == 0


def test_safe_ratio_never_infinite():
    out = safe_ratio(np.array([1.0, 0.0, 5.0]), np.array([0.0, 0.0, 2.0]))
    assert np.isnan(out[0]) and np.isnan(out[1]) and out[2] == 2.5


money = st.integers(min_value=0, max_value=10**13)


@given(fact=money, plan=st.integers(min_value=1, max_value=10**13),
       days=st.integers(min_value=1, max_value=23), data=st.data())
def test_pace_and_forecast_agree(fact, plan, days, data):
    worked = data.draw(st.integers(min_value=1, max_value=days))
    # the forecast as a share of the plan is the pace, and the pace times the plan to date is the fact
    assert run_rate_forecast(fact, days, worked) / plan * 100 == pytest.approx(
        pace(fact, plan, days, worked), rel=1e-9)
    assert pace(fact, plan, days, worked) * plan_to_date(plan, days, worked) / 100 == pytest.approx(
        fact, rel=1e-9, abs=1e-6)


@given(fact=money, plan=money, days=st.integers(min_value=1, max_value=23), data=st.data())
def test_needed_rate_closes_the_gap(fact, plan, days, data):
    worked = data.draw(st.integers(min_value=0, max_value=days - 1))
    rate = needed_daily_rate(fact, plan, days, worked)
    assert rate >= 0
    assert fact + rate * (days - worked) == pytest.approx(max(plan, fact), rel=1e-9)
