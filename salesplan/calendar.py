"""The Russian production calendar (производственный календарь) with company overrides.

Working days come from ``holidays.Russia``: weekends, public holidays and the days the
government transfers (a working Saturday counts, a bridged weekday does not). What the package
lacks is shipped in ``calendar_days_off.csv`` (package data): the non-working days declared by
presidential decree in 2020–2021 (paid, but not worked, so days off for plans and pace) and
the transfer of 10 March 2014. The company's own exceptions come from ``params/company.yaml``
(``calendar.extra_days_off`` and ``calendar.extra_working_days``) and win over both.
Pre-holiday shortened days count as full working days.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache, cached_property
from importlib.resources import files

import holidays
import numpy as np
import pandas as pd

from salesplan.config import company
from salesplan.periods import Month, Year


def _as_date(value: date | str | pd.Timestamp) -> date:
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, str):
        return date.fromisoformat(value)
    if hasattr(value, "date") and callable(value.date):  # datetime
        return value.date()
    return value


@cache
def official_days_off() -> frozenset[date]:
    """Days off of the official calendar that ``holidays.Russia`` lacks (``calendar_days_off.csv``:
    ranges ``first``–``last``, both inclusive, with the act that declared them)."""
    with files("salesplan").joinpath("calendar_days_off.csv").open(encoding="utf-8") as f:
        ranges = pd.read_csv(f, parse_dates=["first", "last"])
    return frozenset(
        day.date() for first, last in zip(ranges["first"], ranges["last"], strict=True)
        for day in pd.date_range(first, last)
    )


@dataclass(frozen=True)
class ProductionCalendar:
    """Working days of Russia with the company's exceptions.

    ``extra_days_off`` turns working days into days off (a corporate holiday);
    ``extra_working_days`` turns days off into working days (a working Saturday).
    """

    extra_days_off: frozenset[date] = field(default_factory=frozenset)
    extra_working_days: frozenset[date] = field(default_factory=frozenset)

    @cached_property
    def _years(self) -> dict[int, np.ndarray]:
        return {}

    def _year_mask(self, year: int) -> np.ndarray:
        """Boolean array over the days of ``year``: True where the day is a working day."""
        mask = self._years.get(year)
        if mask is None:
            ru = holidays.Russia(years=year)
            first, days = Year(year).start, Year(year).days
            mask = np.array(
                [ru.is_working_day(first + timedelta(days=i)) for i in range(days)], dtype=bool
            )
            for d in official_days_off() | self.extra_days_off:
                if d.year == year:
                    mask[d.timetuple().tm_yday - 1] = False
            for d in self.extra_working_days:
                if d.year == year:
                    mask[d.timetuple().tm_yday - 1] = True
            mask.flags.writeable = False
            self._years[year] = mask
        return mask

    def is_working_day(self, day: date | str) -> bool:
        day = _as_date(day)
        return bool(self._year_mask(day.year)[day.timetuple().tm_yday - 1])

    def working_dates_between(self, start: date | str, end: date | str) -> list[date]:
        """Working dates from ``start`` to ``end``, both inclusive (empty when end < start)."""
        start, end = _as_date(start), _as_date(end)
        out: list[date] = []
        for year in range(start.year, end.year + 1):
            lo = max(start, date(year, 1, 1))
            hi = min(end, date(year, 12, 31))
            if hi < lo:
                continue
            mask = self._year_mask(year)[lo.timetuple().tm_yday - 1 : hi.timetuple().tm_yday]
            out.extend(lo + timedelta(days=int(i)) for i in np.flatnonzero(mask))
        return out

    def working_days_between(self, start: date | str, end: date | str) -> int:
        """Number of working days from ``start`` to ``end``, both inclusive."""
        start, end = _as_date(start), _as_date(end)
        total = 0
        for year in range(start.year, end.year + 1):
            lo = max(start, date(year, 1, 1))
            hi = min(end, date(year, 12, 31))
            if hi >= lo:
                mask = self._year_mask(year)
                total += int(mask[lo.timetuple().tm_yday - 1 : hi.timetuple().tm_yday].sum())
        return total

    def working_dates(self, year: int, month: int) -> list[date]:
        """The working dates of a month, in order."""
        return Month(year, month).working_dates(self)

    def working_days(self, year: int, month: int) -> int:
        """Number of working days in a month."""
        return Month(year, month).working_days(self)

    def days_worked(self, as_of: date | str, include_as_of: bool = True) -> int:
        """Working days of ``as_of``'s month elapsed as of that date.

        With ``include_as_of`` (the default, an end-of-day view) the as-of day counts when it
        is a working day; without it only the days before it count (a start-of-day view).
        A weekend or a holiday adds nothing either way.
        """
        as_of = _as_date(as_of)
        end = as_of if include_as_of else as_of - timedelta(days=1)
        return self.working_days_between(Month.of(as_of).start, end)

    def next_working_day(self, day: date) -> date:
        """The first working day after ``day``."""
        nxt = day + timedelta(days=1)
        while not self.is_working_day(nxt):
            nxt += timedelta(days=1)
        return nxt

    def previous_working_day(self, day: date) -> date:
        """The last working day before ``day``."""
        prev = day - timedelta(days=1)
        while not self.is_working_day(prev):
            prev -= timedelta(days=1)
        return prev

    def working_day_until(self, day: date) -> date:
        """``day`` when it is a working day, else the last working day before it."""
        return day if self.is_working_day(day) else self.previous_working_day(day)

    def is_working_series(self, dates: Iterable[date] | pd.Series) -> np.ndarray:
        """Vectorised ``is_working_day`` over many dates."""
        idx = pd.DatetimeIndex(pd.to_datetime(list(dates)))
        out = np.zeros(len(idx), dtype=bool)
        for year in np.unique(idx.year):
            sel = idx.year == year
            out[sel] = self._year_mask(int(year))[idx.day_of_year[sel] - 1]
        return out


_default: ProductionCalendar | None = None


def default_calendar() -> ProductionCalendar:
    """The calendar with the overrides of ``params/company.yaml``."""
    global _default
    if _default is None:
        overrides = company().calendar
        _default = ProductionCalendar(
            frozenset(overrides.extra_days_off), frozenset(overrides.extra_working_days)
        )
    return _default


def working_days(year: int, month: int) -> int:
    """Number of working days in ``year``-``month`` by the company's production calendar."""
    return default_calendar().working_days(year, month)


def working_days_between(start: date | str, end: date | str) -> int:
    """Working days from ``start`` to ``end``, both inclusive, by the company's calendar."""
    return default_calendar().working_days_between(start, end)


def working_dates(year: int, month: int) -> list[date]:
    """The working dates of ``year``-``month`` by the company's calendar."""
    return default_calendar().working_dates(year, month)


def days_worked(as_of: date | str, include_as_of: bool = True) -> int:
    """Working days of the month elapsed as of ``as_of`` (see ``ProductionCalendar.days_worked``)."""
    return default_calendar().days_worked(as_of, include_as_of)
