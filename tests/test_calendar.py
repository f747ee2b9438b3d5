"""The production calendar against the official Russian calendars of 2025 and 2026."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

import salesplan
from salesplan.calendar import ProductionCalendar

# Working days per month, from the government's production calendars (40-hour week).
OFFICIAL = {
    2025: [17, 20, 21, 22, 18, 19, 23, 21, 22, 23, 19, 22],
    2026: [15, 19, 21, 22, 19, 21, 23, 21, 22, 22, 20, 22],
}


@pytest.mark.parametrize(
    ("year", "month", "expected"),
    [(y, m + 1, n) for y, months in OFFICIAL.items() for m, n in enumerate(months)],
)
def test_month_matches_official_calendar(year, month, expected):
    assert salesplan.working_days(year, month) == expected
    assert len(salesplan.working_dates(year, month)) == expected


@pytest.mark.parametrize("year", [2025, 2026])
def test_year_total(year):
    assert salesplan.working_days_between(date(year, 1, 1), date(year, 12, 31)) == 247


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 1, 9), False),  # transferred from Saturday 3 January
        (date(2026, 12, 31), False),  # transferred from Sunday 4 January
        (date(2025, 11, 1), True),  # working Saturday
        (date(2025, 11, 3), False),  # bridged Monday
        (date(2025, 5, 8), False),
        (date(2026, 3, 9), False),  # 8 March fell on a Sunday
        (date(2026, 11, 23), True),
        (date(2026, 11, 22), False),
    ],
)
def test_transfers(day, working):
    assert salesplan.calendar.default_calendar().is_working_day(day) is working


def test_between_is_inclusive_and_empty_when_reversed():
    assert salesplan.working_days_between("2026-11-23", "2026-11-23") == 1
    assert salesplan.working_days_between("2026-11-22", "2026-11-22") == 0
    assert salesplan.working_days_between("2026-11-30", "2026-11-01") == 0
    # 2025-12-29 .. 2026-01-12: Dec 29, 30 and Jan 12 (Dec 31 and Jan 1-11 are off)
    assert salesplan.working_days_between("2025-12-29", "2026-01-12") == 3


def test_days_worked_edges():
    # November 2026: 2 Nov is the first working day; 4 Nov is a holiday.
    assert salesplan.days_worked("2026-11-01") == 0
    assert salesplan.days_worked("2026-11-02") == 1
    assert salesplan.days_worked("2026-11-02", include_as_of=False) == 0
    assert salesplan.days_worked("2026-11-04") == 2  # the holiday adds nothing
    assert salesplan.days_worked("2026-11-04", include_as_of=False) == 2
    assert salesplan.days_worked("2026-11-08") == 4  # Sunday: 2, 3, 5, 6 November
    assert salesplan.days_worked("2026-11-30") == 20  # the last day: the whole month
    assert salesplan.days_worked("2026-11-30", include_as_of=False) == 19


def test_company_overrides():
    cal = ProductionCalendar(
        extra_days_off=frozenset({date(2026, 12, 30)}),
        extra_working_days=frozenset({date(2026, 12, 26)}),
    )
    assert not cal.is_working_day("2026-12-30")
    assert cal.is_working_day("2026-12-26")
    assert cal.working_days(2026, 12) == 22  # one off, one on


@given(
    start=st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 12, 31)),
    span=st.integers(min_value=0, max_value=500),
    cut=st.integers(min_value=0, max_value=500),
)
def test_between_is_additive_and_matches_day_by_day(start, span, cut):
    cal = salesplan.calendar.default_calendar()
    end = start + timedelta(days=span)
    middle = start + timedelta(days=min(cut, span))
    whole = cal.working_days_between(start, end)
    assert whole == cal.working_days_between(start, middle) + cal.working_days_between(
        middle + timedelta(days=1), end
    )
    days = [start + timedelta(days=i) for i in range(span + 1)]
    assert whole == sum(cal.is_working_day(d) for d in days)
    assert whole == int(cal.is_working_series(days).sum())
    assert [d for d in days if cal.is_working_day(d)] == cal.working_dates_between(start, end)


def test_working_days_around_holidays():
    cal = ProductionCalendar()
    # Friday 1 May 2026 and Monday 11 May 2026 are holidays
    assert cal.next_working_day(date(2026, 4, 30)) == date(2026, 5, 4)
    assert cal.previous_working_day(date(2026, 5, 12)) == date(2026, 5, 8)
    # 31 December 2026 is a day off; the January holidays last until 11 January 2027
    assert cal.next_working_day(date(2026, 12, 30)) == date(2027, 1, 11)


def test_working_day_until():
    cal = ProductionCalendar()
    assert cal.working_day_until(date(2026, 11, 1)) == date(2026, 10, 30)  # a Sunday
    assert cal.working_day_until(date(2026, 10, 30)) == date(2026, 10, 30)
