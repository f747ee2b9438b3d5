"""Calendar periods: a day, an ISO week, a month, a quarter, a half-year and a year.

Each period is an immutable, hashable value written as the scheduled runs and the parameter
files write it, and ``str(p)`` gives that text back:

===========  ==============  ==============================================================
kind         text            label (Russian, for a reader)
===========  ==============  ==============================================================
``Day``      ``2026-11-27``  27 ноября 2026
``Week``     ``2026-W47``    неделя 47, 16–22 ноября 2026 (ISO 8601: Monday to Sunday)
``Month``    ``2026-11``     ноябрь 2026 (``label_genitive``: ноября 2026, «с ноября 2026»)
``Quarter``  ``2026-Q3``     III квартал 2026
``Half``     ``2026-H2``     2-е полугодие 2026
``Year``     ``2026``        2026 год
===========  ==============  ==============================================================

``parse(text)`` reads any of them (or only the kinds it is given); ``Month.parse(text)`` and
the like read one kind. A period knows its first and last day (``start``, ``end``, both
inclusive), whether it holds a date (``day in p``), the months it touches (``months``), its
working days by the production calendar (``salesplan.calendar``, with the company's
overrides) and its neighbours: ``p + n`` and ``p - n`` step by whole periods of its kind,
``q - p`` counts the steps between two periods of one kind. ``Kind.of(day)`` is the period
holding a date: the last complete month as of ``today`` is ``Month.of(today).previous()``.

Periods are ordered by their first day, then by their last (a month comes before the quarter
that starts with it); two periods of different kinds are never equal.

``ordinals``, ``keys`` and ``starts`` are ``Kind.of(day).ordinal``, ``str(Kind.of(day))`` and
``Kind.of(day).start`` vectorised over a Series of dates. A month's ordinal is
``year × 12 + month − 1``: the plan model keeps months as these integers in its frames.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache, total_ordering
from typing import TYPE_CHECKING, ClassVar, Self

import numpy as np
import pandas as pd
from babel.dates import get_month_names

from salesplan import labels
from salesplan.errors import PeriodError
from salesplan.money import LOCALE

if TYPE_CHECKING:
    from salesplan.calendar import ProductionCalendar

ONE_DAY = timedelta(days=1)
ROMAN = ("I", "II", "III", "IV")
_EPOCH = date(1970, 1, 1).toordinal()  # numpy's day 0 as a ``date.toordinal``
TEXT = labels.PERIODS


@lru_cache(maxsize=8)
def month_names(width: str = "wide", context: str = "stand-alone") -> tuple[str, ...]:
    """The twelve Russian month names from Babel: ``stand-alone`` is the nominative
    (``ноябрь``), ``format`` the genitive of a date (``ноября``); ``wide`` or ``abbreviated``."""
    names = get_month_names(width, context, locale=LOCALE)
    return tuple(names[m] for m in range(1, 13))


def _as_date(day: date) -> date:
    return day.date() if isinstance(day, datetime) else day


def expected(*kinds: type[Period]) -> str:
    """What a text of one of ``kinds`` looks like, in Russian, for an error message."""
    return TEXT["or"].join(TEXT["forms"][kind.KIND] for kind in kinds or KINDS)


def _error(value: object, *kinds: type[Period]) -> PeriodError:
    return PeriodError(TEXT["error"].format(value=value, expected=expected(*kinds)))


@total_ordering
class Period:
    """What every kind of period has and does; each kind defines ``start``, ``of``,
    ``from_ordinal``, ``ordinal``, ``__str__`` and ``label``."""

    __slots__ = ()
    KIND: ClassVar[str]  # its key in ``labels.PERIODS["forms"]``
    PATTERN: ClassVar[re.Pattern[str]]  # its text; the groups are the constructor's arguments

    def __init_subclass__(cls, kind: str = "", pattern: str = "", **rest) -> None:
        super().__init_subclass__(**rest)
        if kind:
            cls.KIND, cls.PATTERN = kind, re.compile(pattern)

    # --- defined by each kind ---------------------------------------------------------------

    @property
    def start(self) -> date:
        """The first day."""
        raise NotImplementedError

    @property
    def ordinal(self) -> int:
        """Its number in the sequence of periods of its kind: ``from_ordinal`` reverses it."""
        raise NotImplementedError

    @classmethod
    def from_ordinal(cls, ordinal: int) -> Self:
        raise NotImplementedError

    @classmethod
    def of(cls, day: date) -> Self:
        """The period of this kind that holds ``day``."""
        raise NotImplementedError

    @property
    def label(self) -> str:
        """How a reader sees it, in Russian."""
        raise NotImplementedError

    # --- the same for every kind ------------------------------------------------------------

    def __post_init__(self) -> None:
        self._check()

    def _check(self) -> None:
        """Raise ``PeriodError`` when the fields name no such period (``Month(2026, 13)``)."""
        try:
            self.start  # noqa: B018 - computing it is the check
        except (ValueError, OverflowError):
            raise _error(self, type(self)) from None

    @classmethod
    def parse(cls, text: str) -> Self:
        """The period of this kind that ``text`` writes (see the module); ``PeriodError``
        naming the text and the expected form otherwise."""
        return parse(text, cls)

    @property
    def end(self) -> date:
        """The last day (inclusive)."""
        return self.next().start - ONE_DAY

    @property
    def bounds(self) -> tuple[date, date]:
        """``(start, end)``: what a date-range function takes (``control.kpis(*month.bounds)``)."""
        return self.start, self.end

    @property
    def days(self) -> int:
        """Calendar days from ``start`` to ``end``."""
        return (self.end - self.start).days + 1

    def __add__(self, steps: int) -> Self:
        if not isinstance(steps, int | np.integer) or isinstance(steps, bool):
            return NotImplemented
        return type(self).from_ordinal(self.ordinal + int(steps))

    __radd__ = __add__

    def __sub__(self, other):
        """``p - n``: ``n`` periods earlier; ``q - p``: how many steps from ``p`` to ``q``."""
        if type(other) is type(self):
            return self.ordinal - other.ordinal
        if isinstance(other, int | np.integer) and not isinstance(other, bool):
            return self + (-int(other))
        return NotImplemented

    def next(self) -> Self:
        return self + 1

    def previous(self) -> Self:
        return self - 1

    def through(self, last: Self) -> list[Self]:
        """This period and the following ones up to ``last`` (empty when ``last`` is earlier)."""
        return [self + step for step in range(last - self + 1)]

    @classmethod
    def ending_by(cls, day: date) -> Self:
        """The latest period of this kind that has ended by the end of ``day``."""
        return cls.of(_as_date(day) + ONE_DAY).previous()

    def __contains__(self, day: date) -> bool:
        return self.start <= _as_date(day) <= self.end

    @property
    def months(self) -> tuple[Month, ...]:
        """The months it touches, in order (a week across two months touches both)."""
        return tuple(Month.of(self.start).through(Month.of(self.end)))

    def working_dates(self, calendar: ProductionCalendar | None = None) -> list[date]:
        """Its working dates by ``calendar`` (default: the company's production calendar)."""
        return _calendar(calendar).working_dates_between(self.start, self.end)

    def working_days(self, calendar: ProductionCalendar | None = None) -> int:
        """The number of its working days by ``calendar`` (default: the company's)."""
        return _calendar(calendar).working_days_between(self.start, self.end)

    def __lt__(self, other: object) -> bool:
        """By first day, then by last: the order of start dates, and never a tie between two
        different periods (no two kinds share both bounds)."""
        if not isinstance(other, Period):
            return NotImplemented
        return self.bounds < other.bounds


def _calendar(calendar: ProductionCalendar | None) -> ProductionCalendar:
    if calendar is not None:
        return calendar
    from salesplan.calendar import default_calendar  # the calendar builds on this module

    return default_calendar()


@dataclass(frozen=True)
class Day(Period, kind="day", pattern=r"(\d{4})-(\d{2})-(\d{2})"):
    """One calendar day: ``2026-11-27``, «27 ноября 2026»."""

    year: int
    month: int
    day: int

    @property
    def start(self) -> date:
        return date(self.year, self.month, self.day)

    @property
    def ordinal(self) -> int:
        return self.start.toordinal()

    @classmethod
    def from_ordinal(cls, ordinal: int) -> Self:
        return cls.of(date.fromordinal(ordinal))

    @classmethod
    def of(cls, day: date) -> Self:
        return cls(day.year, day.month, day.day)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @property
    def label(self) -> str:
        return TEXT["day"].format(day=self.day, month=month_names("wide", "format")[self.month - 1],
                                  year=self.year)


@dataclass(frozen=True)
class Week(Period, kind="week", pattern=r"(\d{4})-W(\d{2})"):
    """An ISO 8601 week, Monday to Sunday, numbered within its ISO year: ``2026-W47``,
    «неделя 47, 16–22 ноября 2026». Its year is the year of its Thursday."""

    year: int
    week: int

    @property
    def start(self) -> date:
        return date.fromisocalendar(self.year, self.week, 1)

    @property
    def ordinal(self) -> int:
        return (self.start.toordinal() - 1) // 7  # day 1 of the proleptic calendar is a Monday

    @classmethod
    def from_ordinal(cls, ordinal: int) -> Self:
        return cls.of(date.fromordinal(7 * ordinal + 1))

    @classmethod
    def of(cls, day: date) -> Self:
        year, week, _ = day.isocalendar()
        return cls(year, week)

    def __str__(self) -> str:
        return f"{self.year:04d}-W{self.week:02d}"

    @property
    def label(self) -> str:
        return TEXT["week"].format(number=self.week, days=day_range(self.start, self.end))


def day_range(first: date, last: date) -> str:
    """``16–22 ноября 2026``, ``30 ноября – 6 декабря 2026``, ``29 декабря 2025 – 4 января
    2026``: the days from ``first`` to ``last``, saying each month and year once."""
    if first == last:
        return Day.of(first).label
    if (first.year, first.month) == (last.year, last.month):
        return TEXT["days"].format(first=first.day, last=Day.of(last).label)
    if first.year == last.year:
        start = TEXT["day_month"].format(day=first.day, month=month_names("wide", "format")[first.month - 1])
    else:
        start = Day.of(first).label
    return TEXT["days_spaced"].format(first=start, last=Day.of(last).label)


class _Months(Period):
    """A period of ``SIZE`` whole months that tile the year: ``number`` is its place in it,
    the field named after its kind; its text is ``YYYY-<LETTER><number>``."""

    __slots__ = ()
    SIZE: ClassVar[int]
    LETTER: ClassVar[str] = ""

    def __init_subclass__(cls, size: int = 0, letter: str = "", **rest) -> None:
        super().__init_subclass__(**rest)
        cls.SIZE, cls.LETTER = size, letter

    @property
    def number(self) -> int:
        return getattr(self, self.KIND)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.LETTER}{self.number}"

    @property
    def label(self) -> str:
        return TEXT[self.KIND].format(number=self.number, roman=ROMAN[self.number - 1], year=self.year)

    @classmethod
    def _make(cls, year: int, number: int) -> Self:
        return cls(year, number)

    def __post_init__(self) -> None:
        if not 1 <= self.number <= 12 // self.SIZE:
            raise _error(str(self), type(self))
        self._check()

    @property
    def start(self) -> date:
        return date(self.year, (self.number - 1) * self.SIZE + 1, 1)

    @property
    def ordinal(self) -> int:
        return self.year * (12 // self.SIZE) + self.number - 1

    @classmethod
    def from_ordinal(cls, ordinal: int) -> Self:
        year, index = divmod(int(ordinal), 12 // cls.SIZE)
        return cls._make(year, index + 1)

    @classmethod
    def of(cls, day: date) -> Self:
        return cls._make(day.year, (day.month - 1) // cls.SIZE + 1)


@dataclass(frozen=True)
class Month(_Months, kind="month", pattern=r"(\d{4})-(\d{2})", size=1):
    """A calendar month: ``2026-11``, «ноябрь 2026»; ``label_genitive``: «ноября 2026»
    (``с ноября 2026``); ``label_prepositional``: «ноябре 2026» (``в ноябре 2026``)."""

    year: int
    month: int

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def name(self) -> str:
        """``ноябрь``: the month's name alone (nominative)."""
        return month_names()[self.month - 1]

    @property
    def short_name(self) -> str:
        """``нояб.``: the abbreviated name, for chart axes."""
        return month_names("abbreviated")[self.month - 1]

    @property
    def label(self) -> str:
        return TEXT["month"].format(name=self.name, year=self.year)

    @property
    def label_genitive(self) -> str:
        """``ноября 2026``: the month after a preposition (``с ноября 2026``, ``до ноября 2026``)."""
        return TEXT["month"].format(name=month_names("wide", "format")[self.month - 1], year=self.year)

    @property
    def label_prepositional(self) -> str:
        """``ноябре 2026``: the month after «в» (``нет продаж в ноябре 2026``); CLDR has no
        prepositional case, so the names are the catalogue's."""
        return TEXT["month"].format(name=labels.MONTHS_PREPOSITIONAL[self.month - 1], year=self.year)

    @property
    def short_label(self) -> str:
        """``нояб. 2026``: for the month axis of a chart."""
        return TEXT["month"].format(name=self.short_name, year=self.year)


@dataclass(frozen=True)
class Quarter(_Months, kind="quarter", pattern=r"(\d{4})-Q(\d)", size=3, letter="Q"):
    """A calendar quarter: ``2026-Q3``, «III квартал 2026»."""

    year: int
    quarter: int


@dataclass(frozen=True)
class Half(_Months, kind="half", pattern=r"(\d{4})-H(\d)", size=6, letter="H"):
    """A half-year: ``2026-H2``, «2-е полугодие 2026»."""

    year: int
    half: int


@dataclass(frozen=True)
class Year(_Months, kind="year", pattern=r"(\d{4})", size=12):
    """A calendar year: ``2026``, «2026 год»."""

    year: int

    @property
    def number(self) -> int:
        return 1

    @classmethod
    def _make(cls, year: int, number: int) -> Self:
        return cls(year)

    def __str__(self) -> str:
        return f"{self.year:04d}"


KINDS: tuple[type[Period], ...] = (Day, Week, Month, Quarter, Half, Year)


def parse(text: str, *kinds: type[Period]) -> Period:
    """The period ``text`` writes, of one of ``kinds`` (any kind when none is given).

    Surrounding spaces and lower-case letters are accepted (``2026-q3``); anything else raises
    ``PeriodError`` naming the text and the forms expected (only the form it has when its
    numbers are out of range: ``2026-13``, ``2025-W53``).
    """
    kinds = kinds or KINDS
    clean = str(text).strip().upper()
    for kind in kinds:
        match = kind.PATTERN.fullmatch(clean)
        if match:
            try:
                return kind(*(int(group) for group in match.groups()))
            except PeriodError:
                raise _error(text, kind) from None  # its form, with numbers out of range
    raise _error(text, *kinds)


def add_months(day: date, months: int) -> date:
    """The same day of the month ``months`` later (the month's last day when it is shorter)."""
    target = Month.of(day) + months
    return min(target.start + (day.day - 1) * ONE_DAY, target.end)


# --- Series of dates -----------------------------------------------------------------------


def ordinals(dates: pd.Series, kind: type[Period]) -> pd.Series:
    """``kind.of(d).ordinal`` of each date, vectorised: ``int64``, or ``float64`` with NaN where
    a date is missing."""
    dates = pd.to_datetime(pd.Series(dates))
    if issubclass(kind, _Months):
        months = dates.dt.year * 12 + dates.dt.month - 1
        out = months // kind.SIZE
    else:
        day = (dates.dt.normalize() - pd.Timestamp(0)).dt.days + _EPOCH  # Day.ordinal
        out = day if kind is Day else (day - 1) // 7
    return out.astype("int64") if out.notna().all() else out.astype("float64")


def keys(dates: pd.Series, kind: type[Period]) -> pd.Series:
    """``str(kind.of(d))`` of each date (``2026-11``, ``2026-W47``, …), vectorised; a missing date
    stays missing."""
    numbers = ordinals(dates, kind)
    text = {n: str(kind.from_ordinal(int(n))) for n in numbers.dropna().unique()}
    return numbers.map(text)


def starts(dates: pd.Series, kind: type[Period]) -> pd.Series:
    """``kind.of(d).start`` of each date as a Timestamp (``NaT`` where a date is missing),
    vectorised: to group dates by week or month and keep a date axis."""
    numbers = ordinals(dates, kind)
    first = {n: pd.Timestamp(kind.from_ordinal(int(n)).start) for n in numbers.dropna().unique()}
    return pd.to_datetime(numbers.map(first))
