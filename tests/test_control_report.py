"""The report sections over a small store: the month's plan or its draft, coverage, calls of a
department, "yesterday" and "tomorrow" around days off, today's checkpoints."""

from datetime import date, datetime

import pandas as pd
import pytest
from control_store import two_departments
from sqlalchemy import insert

from salesplan import store
from salesplan.calendar import ProductionCalendar
from salesplan.control.report import Control, following_days, previous_days
from salesplan.plan_of_record import save_plan

CAL = ProductionCalendar()


@pytest.fixture()
def ctl(tmp_path):
    eng = two_departments(tmp_path / "r.db")
    d = date.fromisoformat
    with store.transaction(eng) as conn:
        conn.execute(insert(store.deals), [
            {"id": "d1", "manager_id": "a", "created": d("2026-10-01"), "closed": None,
             "outcome": "open", "amount": 100_000, "stage": "финальное предложение",
             "expected_date": d("2026-11-10")},
        ])
        conn.execute(insert(store.payments), [
            {"id": "p1", "date": d("2026-11-11"), "amount": 30_000, "deal_id": None,
             "manager_id": "a", "due_date": None},
        ])
        conn.execute(insert(store.calls), [
            {"id": "c1", "started_at": datetime(2026, 11, 2, 10), "manager_id": "a",
             "direction": "out", "duration_s": 60},
            {"id": "c2", "started_at": datetime(2026, 11, 2, 11), "manager_id": "k",
             "direction": "out", "duration_s": 60},
        ])
    lines = pd.DataFrame({"manager_id": ["a"], "date": ["2026-11-02"], "amount": [200_000]})
    save_plan(eng, "2026-11", "sales", lines, "РОП", "Рост", {}, "scenario")
    return Control.load(eng, "sales", calendar=CAL)


def test_plan_of_month_falls_back_to_the_newest_draft(ctl):
    draft = ctl.plan_of_month("2026-11")
    assert (draft.status, draft.name, int(draft.lines["amount"].sum())) == ("scenario", "Рост", 200_000)
    assert ctl.plan(date(2026, 11, 1), date(2026, 11, 30)).empty  # nothing approved
    assert ctl.plan_of_month("2026-12").status == "none"


def test_coverage_of_what_remains(ctl):
    cov = ctl.coverage("2026-11", ctl.plan_of_month("2026-11"), date(2026, 11, 20)).iloc[0]
    # 75 % of 100 000 expected against 200 000 − 30 000 still to do
    assert (cov["plan"], cov["fact"], cov["weighted"]) == (200_000, 30_000, 75_000)
    assert cov["coverage"] == pytest.approx(75_000 / 170_000 * 100)


def test_calls_of_the_department_only(ctl):
    assert ctl.calls(date(2026, 11, 1), date(2026, 11, 30))["id"].tolist() == ["c1"]
    assert ctl.department_name == "Продажи"


def test_a_periods_calls_are_read_once(ctl):
    month = date(2026, 11, 1), date(2026, 11, 30)
    first = ctl.calls(*month)
    with store.transaction(ctl.eng) as conn:  # a call stored later is not seen by this report
        conn.execute(insert(store.calls), [{"id": "c3", "started_at": datetime(2026, 11, 3, 10),
                                            "manager_id": "a", "direction": "out", "duration_s": 60}])
    assert ctl.calls(*month) is first and first["id"].tolist() == ["c1"]
    assert ctl.calls(date(2026, 11, 3), date(2026, 11, 3))["id"].tolist() == ["c3"]


def test_yesterday_and_tomorrow_around_days_off():
    # Monday 9 November 2026: "yesterday" runs from Friday 6th; Tuesday 3 November: tomorrow is
    # Thursday 5th (4 November is a holiday), the holiday included
    assert previous_days(date(2026, 11, 9), CAL) == (date(2026, 11, 6), date(2026, 11, 8))
    assert following_days(date(2026, 11, 3), CAL) == (date(2026, 11, 4), date(2026, 11, 5))


def test_checkpoints_recorded_only_on_the_day(ctl):
    day = date(2026, 11, 11)
    ctl.record_checkpoint(now=datetime(2026, 11, 12, 13, 0))  # a later day: no record of this one
    before = ctl.checkpoints(day)
    assert before["12:00"].isna().all() and before["now"].tolist() == [30_000]
    ctl.record_checkpoint(now=datetime(2026, 11, 11, 12, 30))
    table = ctl.checkpoints(day).set_index("manager_id")
    assert table.loc["a", "12:00"] == 30_000 and pd.isna(table.loc["a", "16:00"])
