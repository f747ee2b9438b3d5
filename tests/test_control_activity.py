"""Activity against its norms: counts, minutes and the norms prorated by working days."""

from datetime import date

import pandas as pd
import pytest

from salesplan.calendar import ProductionCalendar
from salesplan.control.activity import activity, activity_vs_norms, manager_norms
from salesplan.control.params import ActivityNorms, ControlParams, Norms

PARAMS = ControlParams()
NORMS = ActivityNorms(
    default=Norms(calls_per_day=40, minutes_per_day=90, meetings_per_week=5, proposals_per_week=8),
    by_role={"hunter": Norms(calls_per_day=60, minutes_per_day=120, meetings_per_week=6,
                             proposals_per_week=10)},
)
CAL = ProductionCalendar()

CALLS = pd.DataFrame([
    ("2026-11-02 10:00", "a", "out", 120, "Встреча"),
    ("2026-11-02 11:00", "a", "out", 60, None),
    ("2026-11-02 12:00", "a", "in", 300, "КП"),
    ("2026-11-03 09:30", "a", "out", 0, "нет ответа"),
    ("2026-11-06 23:59", "b", "out", 600, "meeting"),
    ("2026-11-09 00:00", "b", "out", 60, "кп"),  # next week
], columns=["started_at", "manager_id", "direction", "duration_s", "result"])
CALLS["started_at"] = pd.to_datetime(CALLS["started_at"])
MANAGERS = pd.DataFrame({"id": ["a", "b", "c"], "role": ["farmer", "hunter", "key_account"]})
WEEK = (date(2026, 11, 2), date(2026, 11, 8))  # 4 working days: 4 November is a holiday


def test_activity_counts_by_hand():
    act = activity(CALLS, *WEEK, PARAMS.activity_results).set_index("manager_id")
    assert act.loc["a"].tolist() == [3, pytest.approx(8.0), 1, 1]  # calls, minutes, meetings, КП
    assert act.loc["b"].tolist() == [1, pytest.approx(10.0), 1, 0]
    by_day = activity(CALLS, *WEEK, PARAMS.activity_results, by=["manager_id", "date"])
    assert by_day[by_day["manager_id"] == "a"]["calls"].tolist() == [2, 1]


def test_norms_by_role_and_proration():
    norms = manager_norms(MANAGERS, NORMS).set_index("manager_id")
    assert norms.loc["b", "calls_per_day"] == 60 and norms.loc["a", "calls_per_day"] == 40
    table = activity_vs_norms(CALLS, norms.reset_index(), *WEEK, PARAMS.activity_results, CAL)
    table = table.set_index("manager_id")
    assert table.loc["a", "working_days"] == 4
    assert table.loc["a", "calls_norm"] == 160 and table.loc["a", "calls_pct"] == pytest.approx(3 / 160 * 100)
    assert table.loc["a", "meetings_norm"] == pytest.approx(5 * 4 / 5)
    assert table.loc["a", "minutes_pct"] == pytest.approx(8 / 360 * 100)
    assert table.loc["c", "calls"] == 0 and table.loc["c", "calls_norm"] == 160  # the default


def test_plan_norms_take_precedence():
    plan = pd.DataFrame({"manager_id": ["a", "zz"], "calls_per_day": [25.0, 1.0],
                         "minutes_per_day": [50.0, 1.0], "meetings_per_week": [3.0, 1.0],
                         "proposals_per_week": [4.0, 1.0]})
    norms = manager_norms(MANAGERS, NORMS, plan).set_index("manager_id")
    assert norms.loc["a", "calls_per_day"] == 25 and norms.loc["a", "source"] == "plan"
    assert norms.loc["b", "calls_per_day"] == 60 and norms.loc["b", "source"] == "params"
    assert "zz" not in norms.index  # not a manager of this department
