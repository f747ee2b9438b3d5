"""Exact money: integer kopecks in storage and arithmetic, roubles only on display.

Every money column of the store and of the frames the package passes around holds
integer kopecks (``int64``); ``roubles()`` converts for charts, ``fmt_rub()`` for text.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

import numpy as np
import pandas as pd
from babel import Locale
from babel.numbers import NumberPattern, parse_pattern

LOCALE = "ru_RU"
KOPECKS = 100
_LOCALE = Locale.parse(LOCALE)


@lru_cache(maxsize=32)
def _pattern(pattern: str) -> NumberPattern:
    """Parsed Babel patterns, kept: parsing costs more than formatting (tables of hundreds)."""
    return parse_pattern(pattern)


def _missing(value) -> bool:
    """None, NaN, ``pd.NA`` or ``NaT``: shown as ``—``."""
    return value is None or bool(pd.isna(value))


def to_kopecks(roubles: float | int | str | Decimal) -> int:
    """Roubles → integer kopecks, rounding half up on the kopeck (exact for decimal strings)."""
    return int((Decimal(str(roubles)) * KOPECKS).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def roubles(kopecks):
    """Kopecks → roubles as float (for charts and ratios, never for sums that are stored)."""
    if isinstance(kopecks, pd.Series | pd.DataFrame | np.ndarray):
        return kopecks / KOPECKS
    return None if kopecks is None else kopecks / KOPECKS


def whole_roubles(kopecks) -> int:
    """Kopecks → whole roubles as int (the kopecks dropped): plan amounts, which are whole."""
    return int(kopecks) // KOPECKS


def fmt_rub(kopecks: int | float | None, kopecks_shown: bool = False) -> str:
    """``1 234 567 ₽`` the Russian way (Babel, ru_RU); ``—`` for a missing value."""
    if _missing(kopecks):
        return "—"
    value = Decimal(int(round(kopecks))) / KOPECKS
    pattern = "#,##0.00\xa0¤" if kopecks_shown else "#,##0\xa0¤"
    return _pattern(pattern).apply(value, _LOCALE, currency="RUB", currency_digits=False)


def fmt_number(value: float | int | None, digits: int = 0) -> str:
    """``12 345,6`` with ru_RU grouping and a decimal comma."""
    if _missing(value):
        return "—"
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return _pattern(pattern).apply(value, _LOCALE)


def fmt_percent(value: float | None, digits: int = 1) -> str:
    """A percentage given in percent (87.5 → ``87,5 %``)."""
    if _missing(value):
        return "—"
    pattern = "#,##0" + ("." + "0" * digits if digits else "") + "\xa0%"
    return _pattern(pattern).apply(value / 100, _LOCALE)
