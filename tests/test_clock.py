"""The one clock: ``SALESPLAN_TODAY`` moves "today" and "now" for the process and its children."""

import subprocess
import sys
from datetime import date, datetime, timedelta

import pytest

from salesplan import clock
from salesplan.errors import ParamsError


def test_unset_clock_is_the_system_clock(monkeypatch):
    monkeypatch.delenv(clock.ENV, raising=False)
    before = datetime.now()
    assert before <= clock.now() <= datetime.now()


def test_a_date_keeps_the_time_of_day(monkeypatch):
    monkeypatch.setenv(clock.ENV, "2028-02-29")
    real = datetime.now()
    moved = clock.now()
    assert clock.today() == date(2028, 2, 29)
    assert abs((moved - datetime.combine(date(2028, 2, 29), real.time())).total_seconds()) < 5


def test_a_moment_runs_on_from_where_it_was_set(monkeypatch):
    monkeypatch.setenv(clock.ENV, "2026-12-31T23:59:59")
    first = clock.now()
    assert timedelta(0) <= first - datetime(2026, 12, 31, 23, 59, 59) < timedelta(seconds=5)
    assert clock.now() >= first


def test_a_bad_value_is_a_message_in_russian(monkeypatch):
    monkeypatch.setenv(clock.ENV, "31.12.2026")
    with pytest.raises(ParamsError, match=r"\$SALESPLAN_TODAY=31.12.2026: ожидалась дата ГГГГ-ММ-ДД"):
        clock.today()


def test_set_today_reaches_a_child_process(monkeypatch):
    monkeypatch.delenv(clock.ENV, raising=False)
    clock.set_today(date(2027, 1, 31))
    try:
        out = subprocess.run(
            [sys.executable, "-c", "from salesplan import clock; print(clock.today())"],
            capture_output=True, text=True, check=True,
        ).stdout.strip()
    finally:
        clock.set_today(None)
    assert out == "2027-01-31"
