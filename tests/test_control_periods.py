"""Report periods: months, ISO weeks, dates and the working days next to them."""

from datetime import date

import pytest

from salesplan.calendar import ProductionCalendar
from salesplan.control.periods import (
    iso_week_of,
    month_bounds,
    next_month,
    next_working_day,
    parse_day,
    previous_month,
    previous_working_day,
    week_bounds,
    working_day_until,
)
from salesplan.errors import SalesplanError

CAL = ProductionCalendar()


def test_months_and_weeks():
    assert month_bounds("2026-02") == (date(2026, 2, 1), date(2026, 2, 28))
    assert week_bounds("2026-W01") == (date(2025, 12, 29), date(2026, 1, 4))
    assert iso_week_of(date(2026, 1, 1)) == "2026-W01"
    assert next_month("2026-12") == "2027-01"
    assert previous_month("2027-01") == "2026-12"
    assert parse_day("2026-11-11") == date(2026, 11, 11)


@pytest.mark.parametrize(
    ("call", "value"),
    [(month_bounds, "2026-13"), (month_bounds, "26-10"), (week_bounds, "2026-W54"),
     (week_bounds, "2026-42"), (parse_day, "11.11.2026")],
)
def test_bad_periods_are_user_errors(call, value):
    with pytest.raises(SalesplanError, match=value):
        call(value)


def test_working_days_around_holidays():
    # Friday 1 May 2026 and Monday 11 May 2026 are holidays
    assert next_working_day(date(2026, 4, 30), CAL) == date(2026, 5, 4)
    assert previous_working_day(date(2026, 5, 12), CAL) == date(2026, 5, 8)
    # 31 December 2026 is a day off; the January holidays last until 11 January 2027
    assert next_working_day(date(2026, 12, 30), CAL) == date(2027, 1, 11)


def test_working_day_until():
    assert working_day_until(date(2026, 11, 1), CAL) == date(2026, 10, 30)  # a Sunday
    assert working_day_until(date(2026, 10, 30), CAL) == date(2026, 10, 30)
