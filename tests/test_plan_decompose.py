"""Decomposition: every level sums exactly to its parent, overrides hold, nothing on days off."""

from datetime import date

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from salesplan.calendar import default_calendar
from salesplan.errors import PlanError
from salesplan.plan.decompose import (
    allocate_managers,
    check_levels,
    largest_remainder,
    split_over_days,
)

CAL = default_calendar()
weights_st = st.lists(st.floats(0, 1e6, allow_nan=False), min_size=1, max_size=30)


@given(total=st.integers(0, 10**10), weights=weights_st)
def test_largest_remainder_sums_exactly_and_stays_within_one_of_the_quota(total, weights):
    out = largest_remainder(total, weights)
    assert out.sum() == total
    w = np.asarray(weights)
    quota = total * (w / w.sum()) if w.sum() > 0 else np.full(len(w), total / len(w))
    assert np.all(np.abs(out - quota) < 1 + 1e-6)
    if w.sum() > 0:
        assert np.all(out[w == 0] == 0)


def test_largest_remainder_by_hand():
    assert largest_remainder(10, [1, 1, 1]).tolist() == [4, 3, 3]
    assert largest_remainder(100, [0.5, 0.3, 0.2]).tolist() == [50, 30, 20]
    # quotas 3.5, 3.5, 3: the odd unit goes to the leftmost of the largest remainders
    assert largest_remainder(10, [3.5, 3.5, 3]).tolist() == [4, 3, 3]


@settings(max_examples=200)
@given(
    total=st.integers(0, 10**9),
    weights=st.lists(st.floats(0.01, 1e6), min_size=2, max_size=25),
    data=st.data(),
)
def test_overrides_are_kept_and_the_rest_keeps_the_total(total, weights, data):
    n = len(weights)
    pinned = data.draw(st.lists(st.booleans(), min_size=n, max_size=n).filter(lambda p: not all(p)))
    budget = total
    fixed = np.full(n, np.nan)
    for i in np.flatnonzero(pinned):
        fixed[i] = data.draw(st.integers(0, budget))
        budget -= int(fixed[i])
    out = allocate_managers(total, weights, fixed)
    assert out.sum() == total
    assert np.all(out[np.array(pinned)] == fixed[np.array(pinned)])
    free = ~np.array(pinned)
    expected = largest_remainder(total - int(np.nansum(fixed)), np.asarray(weights)[free])
    assert out[free].tolist() == expected.tolist()


def test_overrides_above_the_total_are_an_error():
    with pytest.raises(PlanError, match="закреплённые планы в сумме 110\xa0₽ больше плана отдела 100\xa0₽"):
        allocate_managers(100, [1, 1], [80, 30])
    with pytest.raises(PlanError, match="их сумма 80\xa0₽ не равна плану отдела 100\xa0₽"):
        allocate_managers(100, [1, 1], [50, 30])
    with pytest.raises(PlanError, match="не может быть отрицательным: -5\xa0₽"):
        allocate_managers(100, [1, 1], [-5, float("nan")])
    with pytest.raises(PlanError, match="нет менеджеров, работающих в этом месяце"):
        allocate_managers(100, [], [])
    assert allocate_managers(100, [1, 1], [70, 30]).tolist() == [70, 30]


months_st = st.tuples(st.integers(2024, 2027), st.integers(1, 12))


@settings(max_examples=150, deadline=None)
@given(month=months_st, data=st.data())
def test_managers_weeks_days_sum_exactly_and_only_on_working_days(month, data):
    dates = CAL.working_dates(*month)
    n = data.draw(st.integers(1, 12))
    totals = np.array(data.draw(st.lists(st.integers(0, 10**8), min_size=n, max_size=n)))
    # each manager is employed from some working day to some later one
    spans = [sorted(data.draw(st.lists(st.integers(0, len(dates) - 1), min_size=2, max_size=2)))
             for _ in range(n)]
    available = np.zeros((n, len(dates)), dtype=bool)
    for i, (lo, hi) in enumerate(spans):
        available[i, lo:hi + 1] = True
    labels = ["{}-W{:02d}".format(*d.isocalendar()[:2]) for d in dates]
    weeks_of = list(dict.fromkeys(labels))
    week_of_day = np.array([weeks_of.index(x) for x in labels])

    weeks, days = split_over_days(totals, available, week_of_day)

    assert weeks.sum(axis=1).tolist() == totals.tolist()
    for k in range(len(weeks_of)):
        assert days[:, week_of_day == k].sum(axis=1).tolist() == weeks[:, k].tolist()
    assert np.all(days[~available] == 0)
    assert all(CAL.is_working_day(d) for d in dates)
    # within a week, the available days differ by at most the odd rouble
    for i in range(n):
        for k in range(len(weeks_of)):
            shares = days[i, (week_of_day == k) & available[i]]
            assert len(shares) == 0 or shares.max() - shares.min() <= 1


def test_january_holidays_and_transferred_days_get_nothing():
    dates = CAL.working_dates(2026, 1)
    # 1–8 January are holidays, 9 January 2026 is a day off moved from a Saturday, 10–11 a weekend
    assert dates[0] == date(2026, 1, 12)
    assert date(2026, 1, 9) not in dates
    # 1 November 2025 was a working Saturday: it gets its share
    november = CAL.working_dates(2025, 11)
    assert november[0] == date(2025, 11, 1)
    week_of_day = np.array([0] + [1] * (len(november) - 1))
    _, days = split_over_days([1900], np.ones((1, len(november)), dtype=bool), week_of_day)
    assert days[0, 0] > 0 and days.sum() == 1900


def test_a_plan_without_a_working_day_names_the_manager():
    available = np.array([[True, True], [False, False]])
    with pytest.raises(PlanError, match="Борис: план есть, а рабочих дней в месяце нет"):
        split_over_days([100, 50], available, np.array([0, 0]), ["Анна", "Борис"])


def _levels(total=300):
    managers = pd.Series({"a": 200, "b": 100}, name="amount")
    weeks = pd.DataFrame({"manager_id": ["a", "a", "b"], "week": ["2026-W40", "2026-W41", "2026-W41"],
                          "amount": [80, 120, 100]})
    days = pd.DataFrame({
        "manager_id": ["a", "a", "a", "b", "b"],
        "date": pd.to_datetime(["2026-10-01", "2026-10-02", "2026-10-05", "2026-10-05", "2026-10-06"]),
        "amount": [40, 40, 120, 50, 50],
    })
    return total, managers, weeks, days


def test_consistent_levels_have_no_issues():
    assert check_levels(*_levels(), CAL).empty


def test_each_kind_of_mismatch_is_reported():
    total, managers, weeks, days = _levels()
    issues = check_levels(total + 5, managers, weeks, days, CAL)
    assert issues[["level", "expected", "actual", "difference"]].values.tolist() == [
        ["department", 305, 300, -5]]

    edited = days.copy()
    edited.loc[0, "amount"] = 45  # one day edited, its week not
    issues = check_levels(total, managers, weeks, edited, CAL)
    assert issues[["level", "manager_id", "key", "difference"]].values.tolist() == [
        ["week", "a", "2026-W40", 5]]

    weekend = pd.concat([days, pd.DataFrame({"manager_id": ["b"], "date": [pd.Timestamp("2026-10-03")],
                                             "amount": [10]})], ignore_index=True)
    issues = check_levels(total, managers, weeks, weekend, CAL)
    assert set(issues["level"]) == {"week", "day_off"}
    assert issues.loc[issues["level"] == "day_off", "key"].tolist() == ["2026-10-03"]

    negative_weeks = weeks.assign(amount=[-20, 220, 100])
    negative_days = days.assign(amount=[-10, -10, 220, 50, 50])
    issues = check_levels(total, managers, negative_weeks, negative_days, CAL)
    assert issues[["level", "manager_id", "key"]].values.tolist() == [
        ["negative_week", "a", "2026-W40"],
        ["negative_day", "a", "2026-10-01"],
        ["negative_day", "a", "2026-10-02"],
    ]
