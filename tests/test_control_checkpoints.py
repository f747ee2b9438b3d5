"""Today's payment fact at checkpoints: what is recorded when, and the brief's table."""

import math
from datetime import date, datetime, time

import pandas as pd
import pytest

from salesplan import store
from salesplan.control.checkpoints import (
    checkpoint_table,
    passed_checkpoint,
    read_checkpoints,
    record_checkpoint,
)

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
    assert record_checkpoint(eng, datetime(2026, 11, 11, 9), pd.Series({"a": 1}), CHECKPOINTS) is None
    record_checkpoint(eng, datetime(2026, 11, 11, 12, 5), pd.Series({"a": 100, "b": 0}), CHECKPOINTS)
    # a re-run after the same checkpoint replaces its record
    record_checkpoint(eng, datetime(2026, 11, 11, 12, 40), pd.Series({"a": 150}), CHECKPOINTS)
    record_checkpoint(eng, datetime(2026, 11, 11, 16, 1), pd.Series({"a": 300, "b": 50}), CHECKPOINTS)
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
