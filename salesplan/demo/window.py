"""The demo's span of time: its months, the members' employment and form, and working days.

Hire and leave dates are counted back from the demo's last month (``roster``), so the
department looks the same whatever month the demo ends in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from salesplan.calendar import default_calendar
from salesplan.demo import roster
from salesplan.demo.roster import Member
from salesplan.periods import Month

DAY = np.timedelta64(1, "D")
WARM_MONTHS = 12  # months simulated before the first month kept
AHEAD_MONTHS = 4  # months simulated after the last one, so that deals open then have a future


@dataclass(frozen=True)
class Window:
    """The simulated span: deals are simulated from ``warm`` (a year early, so that the first
    months are those of a running department) to ``AHEAD_MONTHS`` after the last month; data are
    kept from ``start`` to ``end``."""

    end_month: Month
    months: int

    @property
    def first_month(self) -> Month:
        return self.end_month - (self.months - 1)

    @property
    def start(self) -> date:
        return self.first_month.start

    @property
    def warm(self) -> date:
        return (self.first_month - WARM_MONTHS).start

    @property
    def end(self) -> date:
        return self.end_month.end

    def hire_date(self, m: Member) -> date:
        return (self.end_month - m.hired).start.replace(day=m.hire_day)

    def leave_date(self, m: Member) -> date | None:
        if m.left is None:
            return None
        return (self.end_month - m.left).start.replace(day=m.leave_day)

    def last_day(self, m: Member) -> date:
        """The last day on which ``m`` can open a deal: the leaving day, else the demo's end."""
        return self.leave_date(m) or self.end

    def horizon(self, m: Member) -> date:
        """The last day simulated for ``m``: the end of the ``AHEAD_MONTHS``-th month after
        ``last_day``."""
        return (Month.of(self.last_day(m)) + AHEAD_MONTHS).end

    def form(self, m: Member, days: np.ndarray) -> np.ndarray:
        """``m``'s form on each day: ``slump_form`` from the slump's first month on, else 1."""
        if m.slump is None:
            return np.ones(len(days))
        since = np.datetime64((self.end_month - m.slump).start, "D")
        return np.where(days >= since, m.slump_form, 1.0)

    def employed(self, m: Member, since: date) -> tuple[date, date]:
        """First and last day from ``since`` to the end on which ``m`` works here."""
        return max(since, self.hire_date(m)), min(self.end, self.leave_date(m) or self.end)


class WorkingDays:
    """Working-day lookups over a span of calendar days as numpy ``datetime64[D]``."""

    def __init__(self, first: date, last: date):
        self.first = np.datetime64(first, "D")
        days = pd.date_range(first, last, freq="D")
        working = default_calendar().is_working_series(days)
        self.days = days.values.astype("datetime64[D]")
        self.working = working
        index = np.arange(len(days))
        # Index of the first working day on or after, and of the last on or before, each day.
        self.next_index = np.minimum.accumulate(np.where(working, index, len(days) - 1)[::-1])[::-1]
        self.previous_index = np.maximum.accumulate(np.where(working, index, 0))

    def between(self, lo: date, hi: date) -> np.ndarray:
        mask = self.working & (self.days >= np.datetime64(lo, "D")) & (self.days <= np.datetime64(hi, "D"))
        return self.days[mask]

    def _offset(self, days: np.ndarray) -> np.ndarray:
        return np.clip(((days - self.first) // DAY).astype(np.int64), 0, len(self.days) - 1)

    def on_or_after(self, days: np.ndarray) -> np.ndarray:
        return self.days[self.next_index[self._offset(days)]]

    def on_or_before(self, days: np.ndarray) -> np.ndarray:
        return self.days[self.previous_index[self._offset(days)]]


def months_since(days: np.ndarray, since: date) -> np.ndarray:
    months = days.astype("datetime64[M]") - np.datetime64(since, "M")
    return months.astype(np.int64)


def season(days: np.ndarray) -> np.ndarray:
    """The season index (``roster.SEASON``) of each day's month."""
    month = days.astype("datetime64[M]").astype(np.int64) % 12 + 1
    return np.vectorize(roster.SEASON.__getitem__)(month) if len(days) else np.zeros(0)


def growth(days: np.ndarray, window: Window) -> np.ndarray:
    """The company's growth since the first month kept (``roster.GROWTH_PER_MONTH``)."""
    return 1 + roster.GROWTH_PER_MONTH * months_since(days, window.start)
