"""The summary report (сводный отчёт) against a table computed by hand.

November 2026 has 20 working days (4 November is a holiday). As of Wednesday 11 November,
7 of them are worked (2, 3, 5, 6, 9, 10, 11) and 9 fall before the end of that ISO week.
"""

import math
from datetime import date, timedelta

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from salesplan.calendar import ProductionCalendar
from salesplan.control.pace import pace
from salesplan.control.summary import cumulative_by_day, period_plan_fact, summary_report

CAL = ProductionCalendar()
R = 100  # kopecks per rouble


def lines(rows):
    frame = pd.DataFrame(rows, columns=["manager_id", "date", "amount"])
    return frame.assign(date=pd.to_datetime(frame["date"]), amount=frame["amount"].astype("int64"))


def november_plan():
    days = CAL.working_dates(2026, 11)
    return lines([("a", d, 100_000 * R) for d in days] + [("b", d, 50_000 * R) for d in days])


FACT = lines([
    ("a", "2026-10-30", 999_999 * R),  # last month: not counted
    ("a", "2026-11-02", 250_000 * R),
    ("a", "2026-11-11", 350_000 * R),
    ("a", "2026-11-12", 777_777 * R),  # after the as-of date
    ("b", "2026-11-08", 400_000 * R),  # a Sunday payment counts on its date
    ("c", "2026-11-05", 30_000 * R),  # a manager without a plan
])
MANAGERS = pd.DataFrame({"id": ["a", "b", "c"], "department_id": ["sales", "sales", "key"]})


def test_per_manager_by_hand():
    rep = summary_report(november_plan(), FACT, date(2026, 11, 11), calendar=CAL).set_index(
        "manager_id")
    a, b, c = rep.loc["a"], rep.loc["b"], rep.loc["c"]
    assert (a["working_days"], a["days_worked"], a["days_left"], a["days_to_week_end"]) == (20, 7, 13, 9)
    assert a["plan_month"] == 2_000_000 * R and a["fact"] == 600_000 * R
    assert a["plan_to_date"] == pytest.approx(700_000 * R)
    assert a["deviation"] == pytest.approx(-100_000 * R)
    assert a["pace"] == pytest.approx(600 / 700 * 100)
    assert a["plan_to_week_end"] == pytest.approx(900_000 * R)
    assert a["remainder_to_week_end"] == pytest.approx(300_000 * R)
    assert a["forecast"] == pytest.approx(600_000 * R / 7 * 20)
    assert a["needed_daily_rate"] == pytest.approx(1_400_000 * R / 13)
    assert b["pace"] == pytest.approx(400 / 350 * 100)
    assert b["deviation"] == pytest.approx(50_000 * R)
    assert b["remainder_to_week_end"] == pytest.approx(50_000 * R)
    assert b["needed_daily_rate"] == pytest.approx(600_000 * R / 13)
    assert c["plan_month"] == 0 and c["fact"] == 30_000 * R and math.isnan(c["pace"])


def test_department_and_total_are_recomputed_from_sums():
    plan = november_plan()
    dept = summary_report(plan, FACT, "2026-11-11", calendar=CAL, managers=MANAGERS,
                          level="department").set_index("department_id")
    assert dept.loc["sales", "plan_month"] == 3_000_000 * R
    assert dept.loc["sales", "fact"] == 1_000_000 * R
    assert dept.loc["sales", "pace"] == pytest.approx(1000 / 1050 * 100)
    total = summary_report(plan, FACT, "2026-11-11", calendar=CAL, level="total")
    assert len(total) == 1 and total["fact"].iloc[0] == 1_030_000 * R
    assert total["pace"].iloc[0] == pytest.approx(1030 / 1050 * 100)


def test_as_of_day_not_counted():
    rep = summary_report(november_plan(), FACT, "2026-11-11", calendar=CAL,
                         include_as_of=False).set_index("manager_id")
    # 6 days worked, and the payment of the 11th is not yet in the fact
    assert rep.loc["a", "days_worked"] == 6 and rep.loc["a", "fact"] == 250_000 * R
    assert rep.loc["a", "pace"] == pytest.approx(250 / 600 * 100)


@pytest.mark.parametrize(
    ("as_of", "worked"),
    [
        ("2026-11-04", 2),  # a holiday: the days before it
        ("2026-11-07", 4),  # a Saturday
        ("2026-11-01", 0),  # the first of the month is a Sunday
        ("2026-11-30", 20),  # the last day of the month
    ],
)
def test_as_of_on_days_off_and_month_edges(as_of, worked):
    rep = summary_report(november_plan(), FACT, as_of, calendar=CAL).set_index("manager_id")
    assert rep.loc["a", "days_worked"] == worked
    if worked == 0:
        assert math.isnan(rep.loc["a", "pace"]) and math.isnan(rep.loc["a", "forecast"])
    if worked == 20:
        # the month is over: the forecast is the fact and the pace is fact / plan
        assert rep.loc["a", "forecast"] == rep.loc["a", "fact"]
        assert rep.loc["a", "pace"] == pytest.approx(rep.loc["a", "fact"] / (2_000_000 * R) * 100)
        assert math.isnan(rep.loc["a", "needed_daily_rate"])
        assert rep.loc["a", "plan_to_week_end"] == 2_000_000 * R


def test_first_working_day_of_month():
    # 1 October 2026 is a Thursday: counted at the end of the day, not at its start
    plan = lines([("a", d, 1000) for d in CAL.working_dates(2026, 10)])
    fact = lines([("a", "2026-10-01", 500)])
    end_of_day = summary_report(plan, fact, "2026-10-01", calendar=CAL)
    assert end_of_day["days_worked"].iloc[0] == 1
    assert end_of_day["pace"].iloc[0] == pytest.approx(50.0)
    start_of_day = summary_report(plan, fact, "2026-10-01", calendar=CAL, include_as_of=False)
    assert start_of_day["days_worked"].iloc[0] == 0 and math.isnan(start_of_day["pace"].iloc[0])


def test_week_plan_across_two_months():
    # ISO week 2026-W44: Monday 26 October … Sunday 1 November
    plan = pd.concat([lines([("a", d, 10) for d in CAL.working_dates(2026, 10)]), november_plan()])
    fact = lines([("a", "2026-10-27", 35), ("a", "2026-11-01", 5)])
    week = period_plan_fact(plan, fact, date(2026, 10, 26), date(2026, 11, 1)).set_index("manager_id")
    # 26–30 October are 5 working days of 10; nothing is planned on Sunday 1 November
    assert week.loc["a", "plan"] == 50 and week.loc["a", "fact"] == 40
    assert week.loc["a", "deviation"] == -10 and week.loc["a", "pct"] == pytest.approx(80)
    assert "b" not in week.index  # no plan line and no fact in the week


def test_cumulative_by_day():
    cum = cumulative_by_day(november_plan(), FACT, date(2026, 11, 1))
    assert len(cum) == 30
    assert cum.loc["2026-11-01", "plan"] == 0
    assert cum.loc["2026-11-03", "plan"] == 2 * 150_000 * R
    assert cum.loc["2026-11-04", "plan"] == 2 * 150_000 * R  # holiday
    assert cum["plan"].iloc[-1] == 3_000_000 * R
    assert cum.loc["2026-11-08", "fact"] == (250_000 + 30_000 + 400_000) * R
    assert cum["fact"].iloc[-1] == (250_000 + 350_000 + 777_777 + 400_000 + 30_000) * R


@settings(max_examples=25, deadline=None)
@given(
    rows=st.lists(st.tuples(st.sampled_from(["a", "b", "c"]), st.integers(0, 29),
                            st.integers(0, 10**9)), max_size=30),
    plans=st.tuples(*[st.integers(0, 10**8)] * 3),
    day=st.integers(1, 30),
)
def test_levels_add_up(rows, plans, day):
    """The total is the sum of its managers, and its pace is recomputed from the sums."""
    fact = lines([(m, date(2026, 11, 1) + timedelta(days=d), a) for m, d, a in rows])
    plan = lines([(m, d, p) for m, p in zip("abc", plans, strict=True)
                  for d in CAL.working_dates(2026, 11)])
    as_of = date(2026, 11, day)
    per = summary_report(plan, fact, as_of, calendar=CAL)
    total = summary_report(plan, fact, as_of, calendar=CAL, level="total").iloc[0]
    assert total["fact"] == per["fact"].sum() == sum(a for _, d, a in rows if d < day)
    assert total["plan_month"] == per["plan_month"].sum()
    expected = pace(total["fact"], total["plan_month"], 20, CAL.days_worked(as_of))
    assert (math.isnan(total["pace"]) and math.isnan(expected)) or total["pace"] == pytest.approx(expected)
