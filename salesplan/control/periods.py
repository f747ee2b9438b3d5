"""Report periods as the scheduled runs name them: ``YYYY-MM``, ``YYYY-Www``, ISO dates."""

from __future__ import annotations

import re
from datetime import date, timedelta

from salesplan.calendar import ProductionCalendar, month_end
from salesplan.errors import SalesplanError


def parse_day(value: date | str) -> date:
    """An ISO date (``2026-10-15``) or a date; a clear error otherwise."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError as exc:
        raise SalesplanError(f"date {value!r}: expected YYYY-MM-DD") from exc


def month_bounds(month: str) -> tuple[date, date]:
    """First and last day of ``YYYY-MM``."""
    match = re.fullmatch(r"(\d{4})-(0[1-9]|1[0-2])", str(month).strip())
    if not match:
        raise SalesplanError(f"month {month!r}: expected YYYY-MM")
    year, mon = int(match[1]), int(match[2])
    return date(year, mon, 1), month_end(year, mon)


def week_bounds(week: str) -> tuple[date, date]:
    """Monday and Sunday of the ISO week ``YYYY-Www``."""
    match = re.fullmatch(r"(\d{4})-W(\d{2})", str(week).strip())
    try:
        if not match:
            raise ValueError
        monday = date.fromisocalendar(int(match[1]), int(match[2]), 1)
    except ValueError as exc:
        raise SalesplanError(f"week {week!r}: expected YYYY-Www, e.g. 2026-W42") from exc
    return monday, monday + timedelta(days=6)


def month_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def iso_week_of(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def next_month(month: str) -> str:
    _, last = month_bounds(month)
    return month_of(last + timedelta(days=1))


def previous_month(month: str) -> str:
    first, _ = month_bounds(month)
    return month_of(first - timedelta(days=1))


def next_working_day(day: date, cal: ProductionCalendar) -> date:
    """The first working day after ``day``."""
    nxt = day + timedelta(days=1)
    while not cal.is_working_day(nxt):
        nxt += timedelta(days=1)
    return nxt


def previous_working_day(day: date, cal: ProductionCalendar) -> date:
    """The last working day before ``day``."""
    prev = day - timedelta(days=1)
    while not cal.is_working_day(prev):
        prev -= timedelta(days=1)
    return prev


def working_day_until(day: date, cal: ProductionCalendar) -> date:
    """``day`` when it is a working day, else the last working day before it."""
    return day if cal.is_working_day(day) else previous_working_day(day, cal)
