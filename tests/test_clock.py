"""The one clock: ``SALESPLAN_TODAY`` moves "today" and "now" for the process and its children."""

import os
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

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
    with pytest.raises(ParamsError, match="31.12.2026.*ГГГГ-ММ-ДД.*SALESPLAN_TODAY"):
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


def test_as_of_sets_the_clock_for_the_command(monkeypatch, tmp_path):
    from typer.testing import CliRunner

    from salesplan.cli import app

    monkeypatch.delenv(clock.ENV, raising=False)
    try:
        result = CliRunner().invoke(
            app, ["--as-of", "2027-01-31T23:40", "status", "--db", f"sqlite:///{tmp_path / 's.db'}"]
        )
        assert result.exit_code == 0, result.output
        assert clock.now().replace(second=0, microsecond=0) == datetime(2027, 1, 31, 23, 40)
    finally:
        clock.set_today(None)


def test_a_bad_as_of_stops_the_command_with_a_message(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != clock.ENV}
    done = subprocess.run(
        [str(Path(sys.executable).with_name("salesplan")), "--as-of", "2027-02-30", "status",
         "--db", f"sqlite:///{tmp_path / 's.db'}"],
        capture_output=True, text=True, env=env,
    )
    assert done.returncode == 2
    assert "«2027-02-30»: ожидалась дата ГГГГ-ММ-ДД" in done.stderr
    assert "Traceback" not in done.stderr
