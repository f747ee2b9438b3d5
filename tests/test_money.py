"""Exact money and its Russian formatting."""

from decimal import Decimal

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from salesplan.money import fmt_number, fmt_percent, fmt_rub, to_kopecks, whole_roubles

NBSP = "\xa0"


def test_to_kopecks_rounds_half_up_on_the_kopeck():
    assert to_kopecks("1234.505") == 123451
    assert to_kopecks(0.1) + to_kopecks(0.2) == to_kopecks(0.3)
    assert to_kopecks(15_840_000) == 1_584_000_000


def test_russian_formats():
    assert fmt_rub(123_456_789).replace(NBSP, " ").replace("\u202f", " ") == "1 234 568 ₽"
    assert fmt_rub(123_456_789, kopecks_shown=True).replace(NBSP, " ").replace(
        "\u202f", " "
    ) == "1 234 567,89 ₽"
    assert fmt_rub(None) == "—"
    assert fmt_percent(87.5).replace(NBSP, " ") == "87,5 %"
    assert fmt_number(12345.67, 1).replace(NBSP, " ").replace("\u202f", " ") == "12 345,7"


def test_missing_values_show_a_dash():
    for missing in (None, float("nan"), np.float64("nan"), pd.NA):
        assert fmt_rub(missing) == fmt_number(missing, 1) == fmt_percent(missing) == "—"


def test_whole_roubles():
    assert whole_roubles(1_584_000_000) == 15_840_000
    assert whole_roubles(np.int64(199)) == 1


@given(st.decimals(min_value=0, max_value=10**10, places=2, allow_nan=False))
def test_kopecks_are_exact(value: Decimal):
    assert to_kopecks(value) == int(value * 100)
    assert to_kopecks(str(value)) == int(value * 100)
