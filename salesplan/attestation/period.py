"""Attestation periods: a quarter (``2026-Q3``) or a half-year (``2026-H2``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from salesplan import labels
from salesplan.calendar import month_end
from salesplan.errors import SalesplanError

_PATTERN = re.compile(r"^(\d{4})-([QH])([1-4])$")
MONTHS_IN = {"Q": 3, "H": 6}
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


@dataclass(frozen=True)
class Period:
    """A calendar quarter or half-year, from its first to its last day."""

    year: int
    kind: str  # "Q" | "H"
    number: int

    @property
    def key(self) -> str:
        return f"{self.year}-{self.kind}{self.number}"

    @property
    def first_month(self) -> int:
        return (self.number - 1) * MONTHS_IN[self.kind] + 1

    @property
    def start(self) -> date:
        return date(self.year, self.first_month, 1)

    @property
    def end(self) -> date:
        return month_end(self.year, self.first_month + MONTHS_IN[self.kind] - 1)

    @property
    def months(self) -> list[str]:
        """The period's months as ``YYYY-MM``."""
        first = self.first_month
        return [f"{self.year}-{m:02d}" for m in range(first, first + MONTHS_IN[self.kind])]

    def previous(self) -> Period:
        if self.number > 1:
            return Period(self.year, self.kind, self.number - 1)
        return Period(self.year - 1, self.kind, 12 // MONTHS_IN[self.kind])

    @property
    def label(self) -> str:
        """``III квартал 2026 г.`` / ``2-е полугодие 2026 г.``"""
        if self.kind == "Q":
            return labels.ATTESTATION["quarter"].format(roman=ROMAN[self.number], year=self.year)
        return labels.ATTESTATION["half_year"].format(number=self.number, year=self.year)

    def __str__(self) -> str:
        return self.key


def parse_period(text: str) -> Period:
    """``YYYY-Qn`` (n = 1…4) or ``YYYY-Hn`` (n = 1, 2) → ``Period``."""
    match = _PATTERN.match(str(text).strip().upper())
    if not match or (match[2] == "H" and int(match[3]) > 2):
        raise SalesplanError(f"period {text!r}: expected YYYY-Qn (n = 1…4) or YYYY-Hn (n = 1, 2)")
    return Period(int(match[1]), match[2], int(match[3]))


def period_ending(month: str, kind: str = "Q") -> Period:
    """The latest whole period of ``kind`` that ends in or before ``month`` (``YYYY-MM``)."""
    year, mon = int(month[:4]), int(month[5:7])
    size = MONTHS_IN[kind]
    number = mon // size
    if number == 0:
        return Period(year - 1, kind, 12 // size)
    return Period(year, kind, number)
