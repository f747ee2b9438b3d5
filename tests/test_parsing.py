"""The parsers of export values: worked examples and round-trip properties."""

from datetime import date, datetime
from decimal import Decimal

import pandas as pd
import pytest
from babel.numbers import format_decimal
from hypothesis import given
from hypothesis import strategies as st

from salesplan.importing.parsing import (
    clean_text,
    parse_date,
    parse_datetime,
    parse_duration,
    parse_money,
)
from salesplan.money import to_kopecks


def cells(*values):
    """A column as a reader gives it: strings, NA for empty, indexed by row number."""
    return pd.Series(list(values), dtype="str", index=range(2, 2 + len(values)))


def values(series: pd.Series) -> list:
    return [None if pd.isna(v) else v for v in series]


@pytest.mark.parametrize(
    ("text", "kopecks"),
    [
        ("1234.56", 123456),
        ("1234,56", 123456),
        ("1 234 567,89", 123456789),
        ("1\u00a0234\u00a0567,89", 123456789),  # no-break spaces
        ("1\u202f234,5", 123450),  # narrow no-break space
        ("1 234 567,89 ₽", 123456789),
        ("50 000 руб.", 5000000),
        ("12 р.", 1200),
        ("99 РУБ", 9900),
        ("1,234,567.89", 123456789),
        ("1.234.567,89", 123456789),
        ("1.234.567", 123456700),
        ("1,234", 123),  # a single separator is decimal: 1.234 roubles
        ("0,005", 1),  # half a kopeck rounds up
        ("0,0049", 0),
        ("-5", -500),
        ("\u22123,10", -310),  # typographic minus
        ("+7", 700),
        (" 7 ", 700),
        ("1000000", 100000000),
    ],
)
def test_money_spellings(text, kopecks):
    assert values(parse_money(cells(text))) == [kopecks]


@pytest.mark.parametrize("text", ["abc", "12abc", "1,2,3", "1..2", "₽", "1 234,56 $", "1e5x"])
def test_money_that_is_not_a_number_is_na(text):
    assert values(parse_money(cells(text))) == [None]


def test_money_keeps_index_and_empty_cells():
    parsed = parse_money(cells("1.5", None, "2,5 ₽"))
    assert list(parsed.index) == [2, 3, 4]
    assert values(parsed) == [150, None, 250]
    assert str(parsed.dtype) == "Int64"


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2025-01-15", date(2025, 1, 15)),
        ("15.01.2025", date(2025, 1, 15)),
        ("1.2.2025", date(2025, 2, 1)),
        ("15.01.2025 10:23:45", date(2025, 1, 15)),  # a date-time cut to its date
        ("2025-01-15T10:00:00+03:00", date(2025, 1, 15)),
        ("29.02.2024", date(2024, 2, 29)),
        (" 15.01.2025 ", date(2025, 1, 15)),
    ],
)
def test_date_spellings(text, day):
    assert values(parse_date(cells(text))) == [pd.Timestamp(day)]


@pytest.mark.parametrize(
    "text", ["31.02.2025", "29.02.2025", "2025-02-31", "15.13.2025", "01.01.1800", "32.01.2025", "вчера"]
)
def test_impossible_or_unparseable_dates_are_na(text):
    assert values(parse_date(cells("2025-01-15", text))) == [pd.Timestamp(2025, 1, 15), None]


@pytest.mark.parametrize(
    ("text", "stamp"),
    [
        ("2025-01-15 10:00:05", datetime(2025, 1, 15, 10, 0, 5)),
        ("2025-01-15T10:00", datetime(2025, 1, 15, 10, 0)),
        ("15.01.2025 9:05", datetime(2025, 1, 15, 9, 5)),
        ("15.01.2025 10:23:45", datetime(2025, 1, 15, 10, 23, 45)),
        ("2025-01-15 10:00:05.987", datetime(2025, 1, 15, 10, 0, 5)),  # fraction cut
        ("2025-01-15T10:00:00Z", datetime(2025, 1, 15, 10, 0)),
        ("15.01.2025 0:00:00", datetime(2025, 1, 15)),  # 1C's midnight
    ],
)
def test_datetime_spellings(text, stamp):
    assert values(parse_datetime(cells(text))) == [pd.Timestamp(stamp)]


def test_datetime_with_an_impossible_hour_is_na():
    assert values(parse_datetime(cells("15.01.2025 25:00"))) == [None]


def test_explicit_date_format_replaces_detection():
    assert values(parse_date(cells("02/01/2025", "13/01/2025"), "%d/%m/%Y")) == [
        pd.Timestamp(2025, 1, 2),
        pd.Timestamp(2025, 1, 13),
    ]


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("125", 125), ("2:05", 125), ("0:02:05", 125), ("1:00:00", 3600), ("75:10", 4510), (" 3 ", 3)],
)
def test_durations(text, seconds):
    assert values(parse_duration(cells(text))) == [seconds]


@pytest.mark.parametrize("text", ["1:60", "1:60:00", "-5", "12.5", "abc"])
def test_bad_durations_are_na(text):
    assert values(parse_duration(cells(text))) == [None]


def test_clean_text_trims_and_blanks_become_na():
    assert values(clean_text(cells(" a ", "", "   ", None, "\u00a0b\u00a0"))) == ["a", None, None, None, "b"]


SUFFIXES = st.sampled_from(["", " ₽", "\u00a0₽", " руб.", " р.", "руб"])


def russian(amount: Decimal) -> str:
    """As a Russian export writes it: no-break spaces between thousands, a decimal comma."""
    return format_decimal(amount, format="#,##0.00", locale="ru_RU")


@given(st.lists(st.tuples(st.decimals(-(10**12), 10**12, places=2), SUFFIXES), min_size=1))
def test_russian_money_round_trips_to_kopecks(amounts):
    column = cells(*(russian(a) + suffix for a, suffix in amounts))
    assert values(parse_money(column)) == [to_kopecks(a) for a, _ in amounts]


@given(st.lists(st.decimals(0, 10**12, places=4), min_size=1), st.booleans())
def test_money_beyond_kopecks_rounds_half_up_like_to_kopecks(amounts, comma):
    column = cells(*(str(a).replace(".", ",") if comma else str(a) for a in amounts))
    assert values(parse_money(column)) == [to_kopecks(a) for a in amounts]


SPELLINGS = [
    lambda t: t.strftime("%Y-%m-%d %H:%M:%S"),
    lambda t: t.strftime("%Y-%m-%dT%H:%M:%S"),
    lambda t: t.strftime("%d.%m.%Y %H:%M:%S"),
    lambda t: f"{t.day}.{t.month}.{t.year} {t.hour}:{t:%M:%S}",
]


@given(
    st.lists(
        st.tuples(
            st.datetimes(datetime(1900, 1, 1), datetime(2100, 12, 31, 23, 59, 59)),
            st.sampled_from(SPELLINGS),
        ),
        min_size=1,
    )
)
def test_datetimes_round_trip(stamps):
    stamps = [(t.replace(microsecond=0), spell) for t, spell in stamps]
    parsed = parse_datetime(cells(*(spell(t) for t, spell in stamps)))
    assert values(parsed) == [pd.Timestamp(t) for t, _ in stamps]
    dates = parse_date(cells(*(spell(t) for t, spell in stamps)))
    assert values(dates) == [pd.Timestamp(t.date()) for t, _ in stamps]


@given(st.lists(st.integers(0, 99 * 3600), min_size=1))
def test_durations_round_trip(seconds):
    spelled = [f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" for s in seconds]
    assert values(parse_duration(cells(*spelled))) == seconds


@pytest.mark.parametrize(
    ("texts", "kopecks"),
    [
        (["0.125", "0.124", "-0.125"], [13, 12, -13]),  # a plain column beyond kopecks
        (["12345678901234.5", "5.", "-0.5"], [1234567890123450, 500, -50]),
        ([".5"], [None]),  # a leading point is no number, in a plain column…
        ([".5", "1 000"], [None, 100000]),  # …or a mixed one
        (["1-2", "3"], [None, 300]),
        (["1e5", "7"], [None, 700]),
    ],
)
def test_plain_and_mixed_money_columns_agree(texts, kopecks):
    assert values(parse_money(cells(*texts))) == kopecks


SPACES = "\u0020\t\u00a0\u2009\u202f\u3000\u1680"
TEXT = st.text(alphabet=st.sampled_from(list("abcЯжё№«»1.-") + list(SPACES)), max_size=8)


@given(st.lists(TEXT, min_size=1))
def test_clean_text_trims_like_str_strip(texts):
    stripped = [t.strip(SPACES) for t in texts]
    assert values(clean_text(cells(*texts))) == [t or None for t in stripped]
