"""The production calendar against the official Russian calendars of 2013–2027."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

import salesplan
from salesplan.calendar import ProductionCalendar

# Working days per month (five-day week) as the official production calendars publish them:
# consultant.ru, «Производственный календарь на <год> год», built on the government's decrees on
# transfers of days off for each year (2027: decree of 2026, consultant.ru cons_doc_LAW_544706).
OFFICIAL = {
    2013: [17, 20, 20, 22, 18, 19, 23, 22, 21, 23, 20, 22],
    2014: [17, 20, 20, 22, 19, 19, 23, 21, 22, 23, 18, 23],
    2015: [15, 19, 21, 22, 18, 21, 23, 21, 22, 22, 20, 23],
    2016: [15, 20, 21, 21, 19, 21, 21, 23, 22, 21, 21, 22],
    2017: [17, 18, 22, 20, 20, 21, 21, 23, 21, 22, 21, 21],
    2018: [17, 19, 20, 21, 20, 20, 22, 23, 20, 23, 21, 21],
    2019: [17, 20, 20, 22, 18, 19, 23, 22, 21, 23, 20, 22],
    2020: [17, 19, 21, 22, 17, 21, 23, 21, 22, 22, 20, 23],
    2021: [15, 19, 22, 22, 19, 21, 22, 22, 22, 21, 20, 22],
    2022: [16, 19, 22, 21, 18, 21, 21, 23, 22, 21, 21, 22],
    2023: [17, 18, 22, 20, 20, 21, 21, 23, 21, 22, 21, 21],
    2024: [17, 20, 20, 21, 20, 19, 23, 22, 21, 23, 21, 21],
    2025: [17, 20, 21, 22, 18, 19, 23, 21, 22, 23, 19, 22],
    2026: [15, 19, 21, 22, 19, 21, 23, 21, 22, 22, 20, 22],
    2027: [15, 19, 22, 22, 19, 21, 22, 22, 22, 21, 20, 22],
}
# The year totals the same calendars print: a check on the table above.
OFFICIAL_YEAR = {2020: 248, 2024: 248} | {y: 247 for y in OFFICIAL if y not in (2020, 2024)}

# Working days the calendar counts but presidential decrees made paid non-working days; nobody
# worked them, so salesplan counts them as days off (the figures the tests use are days worked):
# No. 206 (30–31 March 2020), No. 239 (April 2020), No. 294 (6–8 May 2020), No. 345 (24 June
# 2020), No. 354 (1 July 2020), No. 242 (4–7 May 2021), No. 595 (1–3 November 2021).
DECREE_DAYS = {(2020, 3): 2, (2020, 4): 22, (2020, 5): 3, (2020, 6): 1, (2020, 7): 1,
               (2021, 5): 4, (2021, 11): 3}


@pytest.mark.parametrize(
    ("year", "month", "expected"),
    [(y, m + 1, n - DECREE_DAYS.get((y, m + 1), 0)) for y, months in OFFICIAL.items()
     for m, n in enumerate(months)],
)
def test_month_matches_official_calendar(year, month, expected):
    assert salesplan.working_days(year, month) == expected
    assert len(salesplan.working_dates(year, month)) == expected


@pytest.mark.parametrize("year", sorted(OFFICIAL))
def test_year_total(year):
    assert sum(OFFICIAL[year]) == OFFICIAL_YEAR[year]
    decreed = sum(n for (y, _), n in DECREE_DAYS.items() if y == year)
    assert salesplan.working_days_between(date(year, 1, 1), date(year, 12, 31)) == (
        OFFICIAL_YEAR[year] - decreed
    )


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
        (date(2014, 3, 10), False),  # 8 March 2014 fell on a Saturday
        (date(2014, 11, 3), False),  # transferred from Sunday 23 February
        (date(2020, 3, 27), True),  # the Friday before the decree's non-working days
        (date(2020, 3, 30), False),
        (date(2020, 5, 12), True),  # the first working day after them
        (date(2021, 11, 1), False),
        (date(2021, 11, 8), True),
        (date(2027, 2, 20), True),  # working Saturday
        (date(2027, 11, 5), False),  # transferred from Saturday 2 January
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
    # a company that worked through the decree's non-working days says so
    worked = ProductionCalendar(extra_working_days=frozenset({date(2021, 11, 1), date(2021, 11, 2)}))
    assert worked.working_days(2021, 11) == 19


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
