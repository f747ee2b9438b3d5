"""Today's payment fact at checkpoints: what is recorded when, and the brief's table."""

import math
import subprocess
import sys
from datetime import date, datetime, time
from pathlib import Path

import pandas as pd
import pytest
from control_store import two_departments
from sqlalchemy import insert

from salesplan import clock, runner, store
from salesplan.control.checkpoints import (
    checkpoint_table,
    passed_checkpoint,
    read_checkpoints,
    record_checkpoint,
)
from salesplan.control.report import Control
from salesplan.periods import Day

CHECKPOINTS = [time(12), time(16), time(18)]
DAY = date(2026, 11, 11)


@pytest.fixture()
def eng(tmp_path):
    return store.engine(f"sqlite:///{tmp_path / 'c.db'}")


def test_passed_checkpoint():
    assert passed_checkpoint(datetime(2026, 11, 11, 11, 59), CHECKPOINTS) is None
    assert passed_checkpoint(datetime(2026, 11, 11, 12, 0), CHECKPOINTS) == time(12)
    assert passed_checkpoint(datetime(2026, 11, 11, 23, 0), CHECKPOINTS) == time(18)


def test_record_and_table(eng):
    assert record_checkpoint(eng, datetime(2026, 11, 11, 9), pd.Series({"a": 1}), CHECKPOINTS, ["a"]) is None
    record_checkpoint(eng, datetime(2026, 11, 11, 12, 5), pd.Series({"a": 100}), CHECKPOINTS, ["a"])
    # a re-run after the same checkpoint replaces its record
    record_checkpoint(eng, datetime(2026, 11, 11, 12, 40), pd.Series({"a": 150}), CHECKPOINTS, ["a"])
    record_checkpoint(eng, datetime(2026, 11, 11, 16, 1), pd.Series({"a": 300, "b": 50}), CHECKPOINTS, [])
    records = read_checkpoints(eng, DAY)
    assert len(records) == 3
    table = checkpoint_table(records, pd.Series({"a": 400, "b": 100}), pd.Series({"a": 350, "b": 50}),
                             CHECKPOINTS).set_index("manager_id")
    assert table.loc["a", "12:00"] == 150 and math.isnan(table.loc["b", "12:00"])
    assert table.loc["a", "16:00"] == 300 and math.isnan(table.loc["a", "18:00"])
    assert table.loc["a", "pct"] == pytest.approx(87.5)
    assert read_checkpoints(eng, date(2026, 11, 12)).empty


def test_table_without_records():
    empty = pd.DataFrame(columns=["checkpoint", "manager_id", "fact"])
    table = checkpoint_table(empty, pd.Series({"a": 0}), pd.Series({"a": 10}), CHECKPOINTS)
    assert table.columns.tolist() == ["manager_id", "plan", "12:00", "16:00", "18:00", "now", "pct"]
    assert math.isnan(table.loc[0, "pct"])


def test_a_record_replaces_only_its_own_managers(eng):
    at_noon = datetime(2026, 11, 11, 12, 5)
    record_checkpoint(eng, at_noon, pd.Series({"a": 100}), CHECKPOINTS, managers=["a", "b"])
    record_checkpoint(eng, at_noon, pd.Series({"k": 700}), CHECKPOINTS, managers=["k"])
    # the first department again, later the same hour: its rows are replaced, the other's stay
    record_checkpoint(eng, datetime(2026, 11, 11, 12, 50), pd.Series({"b": 40}), CHECKPOINTS,
                      managers=["a", "b"])
    records = read_checkpoints(eng, DAY).set_index("manager_id")["fact"].to_dict()
    assert records == {"a": 0, "b": 40, "k": 700}  # a manager with no payment yet is a recorded 0
    assert read_checkpoints(eng, DAY, managers=["k"])["manager_id"].tolist() == ["k"]


# --- the daily run records; the brief only reads ------------------------------------------------


@pytest.fixture()
def two(tmp_path):
    eng = two_departments(tmp_path / "d.db")
    with store.transaction(eng) as conn:
        conn.execute(insert(store.payments), [
            {"id": "p1", "date": DAY, "amount": 30_000, "manager_id": "a"},
            {"id": "p2", "date": DAY, "amount": 50_000, "manager_id": "k"},
            {"id": "p3", "date": date(2026, 11, 10), "amount": 9_000, "manager_id": "k"},
        ])
    return eng


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(Path(sys.executable).with_name("salesplan")), *args],
                          capture_output=True, text=True, check=False)


def facts(eng) -> dict[tuple[str, str], int]:
    rows = read_checkpoints(eng, DAY)
    return {(r.checkpoint, r.manager_id): r.fact for r in rows.itertuples()}


def test_one_departments_run_keeps_the_others_checkpoints(two, monkeypatch):
    monkeypatch.setenv(clock.ENV, "2026-11-11T16:20")
    runner.record_checkpoint(two, Day(2026, 11, 11), "key")
    runner.record_checkpoint(two, Day(2026, 11, 11), "sales")
    runner.record_checkpoint(two, Day(2026, 11, 11), "sales")  # a re-run
    assert facts(two) == {("16:00", "a"): 30_000, ("16:00", "k"): 50_000}
    runner.record_checkpoint(two, Day(2026, 11, 10), "sales")  # a run for another day records nothing
    assert len(read_checkpoints(two, date(2026, 11, 10))) == 0


def test_reading_the_brief_writes_nothing(two, monkeypatch):
    monkeypatch.setenv(clock.ENV, "2026-11-11T18:30")
    sales = Control.load(two, "sales")
    table = sales.checkpoints(DAY)
    assert facts(two) == {}
    assert table.set_index("manager_id")["now"].to_dict() == {"a": 30_000}  # its own managers only
    assert sales.record_checkpoint() == time(18)
    Control.load(two, "key").record_checkpoint()
    table = sales.checkpoints(DAY).set_index("manager_id")
    assert table.index.tolist() == ["a"] and table.loc["a", "18:00"] == 30_000


def test_the_checkpoint_command(two, tmp_path):
    db = str(two.url)
    early = run_cli("--as-of", "2026-11-11T09:15", "checkpoint", "--db", db)
    assert early.returncode == 0, early.stderr
    assert early.stdout.strip() == ("11.11.2026: первая контрольная точка (12:00) ещё не наступила, "
                                    "записывать нечего")
    done = run_cli("--as-of", "2026-11-11T12:01", "checkpoint", "--department", "key", "--db", db)
    assert done.stdout.strip() == "11.11.2026, контрольная точка 12:00: записан факт оплат — 1 менеджер"
    assert facts(two) == {("12:00", "k"): 50_000}
    bad = run_cli("checkpoint", "--department", "north", "--db", db)
    assert bad.returncode == 2 and "отдел «north» не найден" in bad.stderr
