"""The Monte Carlo forecast: reproducible with a seed, its mean the analytic expectation."""

import math
from datetime import date

import numpy as np
import pandas as pd
import pytest

from salesplan.calendar import ProductionCalendar
from salesplan.control.forecast import (
    daily_history,
    expected_month_end,
    month_end_forecast,
    simulate_month_end,
)

CAL = ProductionCalendar()


def lines(rows):
    frame = pd.DataFrame(rows, columns=["manager_id", "date", "amount"])
    return frame.assign(date=pd.to_datetime(frame["date"]))


EXPECTED = pd.DataFrame({
    "manager_id": ["a", "a", "a", "b", "b", "x"],
    "amount": [100_000.0, 50_000.0, 20_000.0, 300_000.0, np.nan, 1e9],
    "probability": [0.4, 0.9, 0.1, 0.5, 0.75, 1.0],  # "x" is not simulated
})
HISTORY = {"a": np.array([0.0, 10_000.0, 0.0, 30_000.0, 5_000.0]), "b": np.array([1_000.0, 0.0])}
FACT = pd.Series({"a": 200_000.0, "b": 50_000.0, "c": 0.0})


def test_same_seed_same_draws_other_seed_other_draws():
    one = simulate_month_end(FACT, EXPECTED, HISTORY, 10, 2_000, seed=7)
    two = simulate_month_end(FACT, EXPECTED, HISTORY, 10, 2_000, seed=7)
    other = simulate_month_end(FACT, EXPECTED, HISTORY, 10, 2_000, seed=8)
    pd.testing.assert_frame_equal(one, two)
    assert not one.equals(other)
    assert list(one.columns) == ["a", "b", "c"] and one.shape == (2_000, 3)


@pytest.mark.parametrize("days_left", [0, 3, 10])
def test_mean_matches_the_analytic_expectation(days_left):
    sims = simulate_month_end(FACT, EXPECTED, HISTORY, days_left, 40_000, seed=1)
    for m in ("a", "b"):
        pipeline = float((EXPECTED.query("manager_id == @m").dropna().eval("amount * probability")).sum())
        expected = expected_month_end(FACT[m], pipeline, HISTORY[m].mean(), days_left)
        error = sims[m].std() / math.sqrt(len(sims))
        assert abs(sims[m].mean() - expected) <= 4 * error + 1e-6
    # "a": pipeline 40 000 + 45 000 + 2 000 = 87 000 against 9 000 a day of history
    assert expected_month_end(200_000, 87_000, 9_000, 3) == 287_000
    assert expected_month_end(200_000, 87_000, 9_000, 10) == 290_000
    assert (sims["c"] == 0).all()  # no pipeline, no history: the fact stays


def test_certain_payments_give_certain_outcomes():
    sure = pd.DataFrame({"manager_id": ["a"], "amount": [100.0], "probability": [1.0]})
    sims = simulate_month_end(pd.Series({"a": 50.0}), sure, {}, 5, 500, seed=0)
    assert (sims["a"] == 150.0).all()


def test_daily_history_fills_zero_days_and_moves_days_off():
    fact = lines([
        ("a", "2026-10-01", 100), ("a", "2026-10-03", 40),  # Saturday → Monday 5 October
        ("a", "2026-10-05", 10), ("b", "2026-10-29", 7), ("a", "2026-11-02", 999),  # this month
    ])
    hist = daily_history(fact, date(2026, 11, 1), 1, CAL)
    assert hist["a"][:4].tolist() == [100, 0, 50, 0]  # 1, 2, 5, 6 October
    assert len(hist["a"]) == CAL.working_days(2026, 10) and hist["a"].sum() == 150
    assert hist["b"].tolist() == [7, 0]  # from b's first payment: 29 and 30 October


def test_month_end_forecast_levels_agree():
    plan = lines([("a", d, 20_000) for d in CAL.working_dates(2026, 11)]
                 + [("b", d, 10_000) for d in CAL.working_dates(2026, 11)])
    fact = lines([("a", "2026-10-05", 15_000), ("a", "2026-10-20", 25_000),
                  ("a", "2026-11-02", 120_000), ("b", "2026-11-03", 90_000)])
    managers = pd.DataFrame({"id": ["a", "b"], "department_id": ["sales", "key"]})
    kwargs = dict(calendar=CAL, simulations=3_000, seed=5, managers=managers)
    as_of = date(2026, 11, 11)
    per_manager = month_end_forecast(plan, fact, EXPECTED, as_of, **kwargs).set_index("manager_id")
    per_dept = month_end_forecast(plan, fact, EXPECTED, as_of, level="department",
                                  **kwargs).set_index("department_id")
    total = month_end_forecast(plan, fact, EXPECTED, as_of, level="total", **kwargs)
    assert per_manager.loc["a", "plan"] == 400_000 and per_manager.loc["a", "fact"] == 120_000
    assert per_dept.loc["sales", "mean"] == pytest.approx(per_manager.loc["a", "mean"])
    assert total["mean"].iloc[0] == pytest.approx(per_manager["mean"].sum())
    assert total["plan"].iloc[0] == 600_000
    for row in [*per_manager.itertuples(), *total.itertuples()]:
        assert row.low <= row.mean <= row.high and 0 <= row.p_met <= 100
    # b: 90 000 to date + 150 000 expected; no history before November, so no daily flow —
    # the 300 000 payment decides: P(≥ 200 000) = 0.5
    assert per_manager.loc["b", "p_met"] == pytest.approx(50, abs=3)


def test_month_over_is_certain():
    plan = lines([("a", "2026-11-02", 100)])
    fact = lines([("a", "2026-11-30", 100)])
    none = EXPECTED.iloc[:0]
    out = month_end_forecast(plan, fact, none, date(2026, 11, 30), calendar=CAL, simulations=100)
    assert out["p_met"].iloc[0] == 100 and out["low"].iloc[0] == out["high"].iloc[0] == 100
