"""Periods: parsing, printing, bounds, steps, months, working days and Russian labels.

Expected values come from outside ``salesplan.periods``: the ``datetime`` and ``calendar``
modules of the standard library, the official production calendar, or are written out.
"""

import calendar as stdcal
from datetime import date, timedelta

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from salesplan.calendar import ProductionCalendar, default_calendar
from salesplan.errors import PeriodError, SalesplanError
from salesplan.periods import (
    KINDS,
    Day,
    Half,
    Month,
    Quarter,
    Week,
    Year,
    add_months,
    keys,
    ordinals,
    parse,
    starts,
)

ONE_DAY = timedelta(days=1)
# A calendar with company exceptions, so that sums over months must honour them too.
COMPANY = ProductionCalendar(extra_days_off=frozenset({date(2026, 12, 30), date(2027, 5, 4)}),
                             extra_working_days=frozenset({date(2026, 12, 26)}))

dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))
kinds = st.sampled_from(KINDS)
periods = st.builds(lambda kind, day: kind.of(day), kinds, dates)


# --- worked examples --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "start", "end"),
    [
        ("2026-11-27", Day, date(2026, 11, 27), date(2026, 11, 27)),
        ("2026-W47", Week, date(2026, 11, 16), date(2026, 11, 22)),
        ("2026-W01", Week, date(2025, 12, 29), date(2026, 1, 4)),
        ("2026-11", Month, date(2026, 11, 1), date(2026, 11, 30)),
        ("2028-02", Month, date(2028, 2, 1), date(2028, 2, 29)),
        ("2026-Q3", Quarter, date(2026, 7, 1), date(2026, 9, 30)),
        ("2026-H2", Half, date(2026, 7, 1), date(2026, 12, 31)),
        ("2026", Year, date(2026, 1, 1), date(2026, 12, 31)),
    ],
)
def test_parse_gives_the_kind_and_its_bounds(text, kind, start, end):
    period = parse(text)
    assert type(period) is kind and kind.parse(text) == period
    assert (period.start, period.end) == (start, end) == period.bounds
    assert str(period) == text


def test_the_worked_examples_agree_with_the_standard_library():
    monday = date.fromisocalendar(2026, 1, 1)
    assert Week.parse("2026-W01").bounds == (monday, monday + 6 * ONE_DAY)
    # 1 January 2026 is a Thursday, so 2026 has 53 ISO weeks; 2025 (a Wednesday) has 52.
    assert date(2026, 1, 1).isoweekday() == 4 and date(2026, 12, 31).isocalendar().week == 53
    assert date(2025, 12, 28).isocalendar().week == 52
    assert Week.parse("2026-W53").start == date.fromisocalendar(2026, 53, 1)
    with pytest.raises(PeriodError):
        Week.parse("2025-W53")
    assert stdcal.isleap(2028) and Month(2028, 2).days == stdcal.monthrange(2028, 2)[1] == 29
    assert Month(2027, 2).days == 28


def test_working_days_follow_the_production_calendar_and_the_company():
    assert Year(2026).working_days(ProductionCalendar()) == 247  # the official calendar
    assert Year(2026).working_days() == default_calendar().working_days_between(date(2026, 1, 1),
                                                                                 date(2026, 12, 31))
    assert Month(2026, 11).working_days(ProductionCalendar()) == 20
    assert Month(2026, 12).working_days(COMPANY) == 22  # 22 official, one off, one on
    assert Week.parse("2026-W01").working_dates(ProductionCalendar()) == [date(2025, 12, 29),
                                                                          date(2025, 12, 30)]
    assert Week.parse("2026-W02").working_days(ProductionCalendar()) == 0  # New Year holidays
    assert Day(2026, 11, 27).working_dates(ProductionCalendar()) == [date(2026, 11, 27)]
    assert Day(2026, 11, 28).working_days(ProductionCalendar()) == 0  # a Saturday


@pytest.mark.parametrize(
    ("period", "label"),
    [
        (Day(2026, 11, 27), "27 ноября 2026"),
        (Week(2026, 47), "неделя 47, 16–22 ноября 2026"),
        (Week(2026, 49), "неделя 49, 30 ноября – 6 декабря 2026"),
        (Week(2026, 1), "неделя 1, 29 декабря 2025 – 4 января 2026"),
        (Month(2026, 11), "ноябрь 2026"),
        (Month(2026, 5), "май 2026"),
        (Quarter(2026, 3), "III квартал 2026"),
        (Quarter(2027, 4), "IV квартал 2027"),
        (Half(2026, 2), "2-е полугодие 2026"),
        (Half(2026, 1), "1-е полугодие 2026"),
        (Year(2026), "2026 год"),
    ],
)
def test_labels(period, label):
    assert period.label == label


def test_a_month_in_the_genitive_and_short():
    assert Month(2026, 7).label_genitive == "июля 2026"  # «действует с июля 2026»
    assert Month(2026, 3).label_genitive == "марта 2026"
    assert Month(2026, 11).name == "ноябрь"
    assert Month(2026, 11).short_label == "нояб. 2026"


def test_steps_and_neighbours():
    assert Month(2026, 12) + 1 == Month(2027, 1) == 1 + Month(2026, 12)
    assert Month(2027, 1) - 1 == Month(2026, 12) == Month(2027, 1).previous()
    assert Month(2026, 12) - Month(2025, 1) == 23
    assert Quarter(2026, 1).previous() == Quarter(2025, 4)
    assert Half(2026, 2).next() == Half(2027, 1)
    assert Week(2026, 53).next() == Week(2027, 1)
    assert Day(2028, 2, 28).next() == Day(2028, 2, 29)
    assert Year(2026) - 3 == Year(2023)
    assert [str(m) for m in Month(2026, 11).through(Month(2027, 2))] == [
        "2026-11", "2026-12", "2027-01", "2027-02"]
    assert Month(2026, 3).through(Month(2026, 2)) == []


def test_the_last_complete_period_as_of_a_day():
    assert Month.of(date(2026, 12, 5)).previous() == Month(2026, 11)
    assert Month.of(date(2026, 1, 1)).previous() == Month(2025, 12)
    assert Quarter.ending_by(date(2026, 10, 31)) == Quarter(2026, 3)
    assert Quarter.ending_by(date(2026, 9, 30)) == Quarter(2026, 3)  # ended that evening
    assert Quarter.ending_by(date(2026, 9, 29)) == Quarter(2026, 2)
    assert Half.ending_by(date(2026, 2, 28)) == Half(2025, 2)


def test_months_and_containment():
    assert [str(m) for m in Half(2026, 2).months] == [f"2026-{m:02d}" for m in range(7, 13)]
    assert [str(m) for m in Week(2026, 49).months] == ["2026-11", "2026-12"]
    assert Day(2026, 11, 27).months == (Month(2026, 11),)
    assert date(2026, 7, 1) in Quarter(2026, 3) and date(2026, 6, 30) not in Quarter(2026, 3)
    assert pd.Timestamp("2026-09-30 18:00") in Quarter(2026, 3)


def test_add_months_keeps_the_day_or_takes_the_months_last():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert add_months(date(2026, 3, 15), -3) == date(2025, 12, 15)
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)


def test_ordering_across_kinds_by_start_then_end():
    mixed = [Year(2026), Half(2026, 1), Quarter(2026, 1), Month(2026, 1), Day(2026, 1, 1),
             Week(2026, 1)]
    assert sorted(mixed) == [Week(2026, 1), Day(2026, 1, 1), Month(2026, 1), Quarter(2026, 1),
                             Half(2026, 1), Year(2026)]
    assert Month(2026, 1) != Quarter(2026, 1) and Month(2026, 1) != "2026-01"
    assert len({Month(2026, 1), Month.parse("2026-01"), parse(" 2026-01 ")}) == 1


@pytest.mark.parametrize(
    ("kind", "text", "expected"),
    [
        (None, "2026-H3", "полугодие ГГГГ-Hн"),
        (None, "2025-W53", "неделя ISO ГГГГ-Wнн"),
        (None, "2026-13", "месяц ГГГГ-ММ"),
        (None, "2026-02-30", "дата ГГГГ-ММ-ДД"),
        (None, "2026-Q0", "квартал ГГГГ-Qн"),
        (None, "ноябрь", "год ГГГГ"),
        (None, "", "месяц ГГГГ-ММ"),
        (Month, "2026-Q3", "месяц ГГГГ-ММ"),
        (Quarter, "2026-H1", "квартал ГГГГ-Qн"),
        (Day, "27.11.2026", "дата ГГГГ-ММ-ДД"),
        (Day, "20261127", "дата ГГГГ-ММ-ДД"),
        (Month, "26-10", "месяц ГГГГ-ММ"),
        (Week, "2026-W54", "неделя ISO ГГГГ-Wнн"),
        (Week, "2026-42", "неделя ISO ГГГГ-Wнн"),
    ],
)
def test_bad_text_names_the_value_and_the_expected_forms(kind, text, expected):
    with pytest.raises(PeriodError) as err:
        kind.parse(text) if kind else parse(text)
    assert isinstance(err.value, SalesplanError) and isinstance(err.value, ValueError)
    assert f"«{text}»" in str(err.value) and expected in str(err.value)


def test_only_the_kinds_asked_for_are_read():
    assert parse("2026-h2", Quarter, Half) == Half(2026, 2)
    with pytest.raises(PeriodError, match="квартал .* или полугодие"):
        parse("2026-11", Quarter, Half)


def test_fields_out_of_range_are_refused():
    for make in (lambda: Month(2026, 13), lambda: Quarter(2026, 5), lambda: Half(2026, 0),
                 lambda: Week(2025, 53), lambda: Day(2026, 2, 29), lambda: Year(0)):
        with pytest.raises(PeriodError):
            make()


# --- invariants -------------------------------------------------------------------------------


@given(periods)
def test_text_round_trips(p):
    assert parse(str(p)) == p and type(p).parse(str(p)) == p
    assert hash(parse(str(p))) == hash(p)


@given(periods, st.integers(min_value=-500, max_value=500))
def test_steps_undo_each_other(p, n):
    assert (p + 1) - 1 == p
    assert (p + n) - n == p
    assert (p + n) - p == n


@given(periods)
def test_the_next_period_starts_the_day_after_the_end(p):
    assert p.next().start == p.end + ONE_DAY
    assert p.previous().end == p.start - ONE_DAY
    assert p.start <= p.end and p.days == (p.end - p.start).days + 1


@given(dates, kinds)
def test_the_period_of_a_day_holds_it(day, kind):
    assert day in kind.of(day)
    assert day in Month.of(day) and Month.of(day) == Month(day.year, day.month)


@given(st.sampled_from([Quarter, Half, Year]), dates)
def test_the_months_tile_a_quarter_half_or_year(kind, day):
    p = kind.of(day)
    months = p.months
    assert len(months) == {Quarter: 3, Half: 6, Year: 12}[kind]
    assert months[0].start == p.start and months[-1].end == p.end
    assert all(a.next() == b for a, b in zip(months, months[1:], strict=False))
    assert sum(m.days for m in months) == p.days


@given(st.integers(min_value=2020, max_value=2030), st.sampled_from([Quarter, Half, Year]))
def test_working_days_add_up_over_the_months(year, kind):
    for p in kind.of(date(year, 1, 1)).through(kind.of(date(year, 12, 31))):
        assert p.working_days(COMPANY) == sum(m.working_days(COMPANY) for m in p.months)
        assert p.working_dates(COMPANY) == [d for m in p.months for d in m.working_dates(COMPANY)]


@given(periods, periods)
def test_order_agrees_with_the_start_dates(p, q):
    if type(p) is type(q):
        assert (p < q) == (p.start < q.start) and (p == q) == (p.start == q.start)
        assert (p < q) == (p - q < 0)
    if p < q:
        assert p.start <= q.start and not q < p


@given(st.lists(st.one_of(st.none(), dates), max_size=30), kinds)
def test_series_helpers_agree_with_one_date_at_a_time(values, kind):
    series = pd.Series(pd.to_datetime(values), index=range(10, 10 + len(values)), dtype="datetime64[ns]")
    numbers, texts, firsts = ordinals(series, kind), keys(series, kind), starts(series, kind)
    assert list(numbers.index) == list(series.index)
    for value, n, text, first in zip(values, numbers, texts, firsts, strict=True):
        if value is None:
            assert pd.isna(n) and pd.isna(text) and pd.isna(first)
        else:
            assert n == kind.of(value).ordinal and text == str(kind.of(value))
            assert first == pd.Timestamp(kind.of(value).start)
