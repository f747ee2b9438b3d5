"""The plan model's history counts calls and leads in the database, by manager and month: the
figures are those of ``control.activity`` over every call (and of counting every lead), on SQLite
and on PostgreSQL; a worked month shows the results matched after stripping and in lower case,
Cyrillic included (which SQLite's ``lower`` would not do)."""

from datetime import datetime

import pandas as pd
import pytest
from plan_history import history_db, history_on_postgres
from sqlalchemy import insert

from salesplan import store
from salesplan.control.activity import activity
from salesplan.control.params import control_params
from salesplan.plan.history import load_history
from salesplan.store import read_table

JUNE_2024, JULY_2024 = 2024 * 12 + 5, 2024 * 12 + 6  # Month.ordinal: before the history's calls


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def url(request, tmp_path):
    if request.param == "sqlite":
        return history_db(tmp_path)
    return history_on_postgres(request.getfixturevalue("postgres_server"))


def test_monthly_activity_and_leads_are_those_of_every_row(url):
    eng = store.engine(url)
    calls = read_table(eng, "calls", ["manager_id", "started_at", "direction", "duration_s", "result"])
    first, last = calls["started_at"].min().date(), calls["started_at"].max().date()
    daily = activity(calls, first, last, control_params().activity_results, by=["manager_id", "date"])
    daily["ym"] = daily["date"].dt.year * 12 + daily["date"].dt.month - 1
    expected = daily.groupby(["manager_id", "ym"])[["calls", "minutes", "meetings", "proposals"]].sum()
    leads = read_table(eng, "leads", ["manager_id", "created"])
    lead_counts = leads.groupby([leads["manager_id"], leads["created"].dt.year * 12
                                 + leads["created"].dt.month - 1]).size()

    history = load_history(eng)
    found = history.calls.set_index(["manager_id", "ym"])
    pd.testing.assert_frame_equal(found, expected, check_names=False, check_index_type=False, rtol=1e-12)
    funnel = history.funnel.set_index(["manager_id", "ym"])["leads"]
    pd.testing.assert_series_equal(funnel[funnel > 0].sort_index(), lead_counts.sort_index(),
                                   check_names=False, check_index_type=False)
    assert int(funnel.sum()) == len(leads)


def test_a_worked_month_of_calls(url):
    eng = store.engine(url)
    rows = [  # hun1, months before the history: (start, direction, seconds, result)
        (datetime(2024, 6, 3, 10), "out", 90, " Встреча "),
        (datetime(2024, 6, 3, 11), "in", 30, "КП"),
        (datetime(2024, 6, 28, 18), "out", 45, None),
        (datetime(2024, 7, 1, 9), "out", 60, "ВСТРЕЧА"),
    ]
    with store.transaction(eng) as conn:
        conn.execute(insert(store.metadata.tables["calls"]), [
            {"id": f"worked-{k}", "started_at": start, "manager_id": "hun1", "direction": direction,
             "duration_s": seconds, "result": result}
            for k, (start, direction, seconds, result) in enumerate(rows)])
    results = control_params().activity_results
    assert "встреча" in results.meeting and "кп" in results.proposal

    calls = load_history(eng).calls.set_index(["manager_id", "ym"])
    # June: two outgoing calls; (90 + 30 + 45) s = 2.75 min; « Встреча » a meeting, «КП» a proposal
    assert calls.loc[("hun1", JUNE_2024)].tolist() == [2, 2.75, 1, 1]
    # July: one outgoing call of a minute, «ВСТРЕЧА» a meeting
    assert calls.loc[("hun1", JULY_2024)].tolist() == [1, 1.0, 1, 0]
