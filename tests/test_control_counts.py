"""Deals, leads, meetings and proposals against the plan, with the pace logic of money."""

from datetime import date

import pandas as pd
import pytest
from plan_history import TARGET, history_db

from salesplan import store
from salesplan.control.counts import MEASURES, count_facts, counts_vs_plan, total
from salesplan.control.report import Control
from salesplan.plan import Planner, approve_result
from salesplan.plan_of_record import activity_norms

T = pd.Timestamp


def test_pace_and_forecast_by_hand():
    # 10 of 20 working days worked: plan to date is half the plan
    plan = pd.DataFrame({"deals": [10, 4], "leads": [40, 0], "meetings": [8, 2], "proposals": [6, 2]},
                        index=["a", "b"])
    fact = pd.DataFrame({"deals": [6, 1], "leads": [10, 3], "meetings": [4, 0], "proposals": [0, 2]},
                        index=["a", "c"])
    t = counts_vs_plan(plan, fact, 10, 20)
    assert t.loc["a", "deals_pace"] == pytest.approx(6 / 5 * 100)  # 120 %
    assert t.loc["a", "deals_forecast"] == pytest.approx(12)
    assert t.loc["a", "leads_pace"] == pytest.approx(10 / 20 * 100)
    assert t.loc["b", "deals_fact"] == 0 and t.loc["b", "deals_pace"] == 0
    assert pd.isna(t.loc["b", "leads_pace"])  # no plan of leads: no pace
    assert pd.isna(t.loc["c", "deals_plan"]) and pd.isna(t.loc["c", "deals_pace"])
    assert t.loc["c", "leads_forecast"] == pytest.approx(6)
    dept = total(t, 10, 20).iloc[0]
    assert dept["deals_plan"] == 14 and dept["deals_fact"] == 7
    assert dept["deals_pace"] == pytest.approx(7 / 7 * 100) and dept["proposals_pace"] == pytest.approx(50)


def test_count_facts_by_hand():
    deals = pd.DataFrame({"manager_id": ["a", "a", "b", "a"], "outcome": ["won", "won", "lost", "won"],
                          "closed": [T(2026, 10, 5), T(2026, 10, 20), T(2026, 10, 6), T(2026, 9, 30)]})
    leads = pd.DataFrame({"manager_id": ["a", "b", "b"],
                          "created": [T(2026, 10, 1), T(2026, 10, 2), T(2026, 11, 1)]})
    activity = pd.DataFrame({"manager_id": ["b"], "meetings": [3], "proposals": [1]})
    # K bought first in September, L first on 5 October (a), M first on 16 October: after the date
    bought = pd.DataFrame({"client_id": ["K", "K", "L", "L", "M"], "manager_id": ["a", "b", "a", "b", "b"],
                           "date": [T(2026, 9, 30), T(2026, 10, 2), T(2026, 10, 5), T(2026, 10, 6),
                                    T(2026, 10, 16)]})
    facts = count_facts(deals, leads, activity, bought, date(2026, 10, 1), date(2026, 10, 15))
    assert facts.to_dict("index") == {
        "a": {"deals": 1, "leads": 1, "meetings": 0, "proposals": 0, "new_clients": 1},
        "b": {"deals": 0, "leads": 1, "meetings": 3, "proposals": 1, "new_clients": 0}}


def test_the_plan_of_records_counts_against_the_store(tmp_path):
    eng = store.engine(history_db(tmp_path))
    planner = Planner.from_store(eng)
    approve_result(eng, planner.propose(planner.inputs(TARGET)), "Базовый", "РОП")
    norms = activity_norms(eng, TARGET, "sales").set_index("manager_id")
    t, dept = Control.load(eng, "sales").counts(date(2026, 10, 31), "monthly")
    assert dept["deals_plan"].iloc[0] == norms["deals"].sum()
    for m in MEASURES:
        assert t[f"{m}_plan"].dropna().to_dict() == norms[m].astype(float).to_dict()
    # the plan's month is over: the forecast is the fact and the pace is fact / plan
    assert (t["deals_forecast"] == t["deals_fact"]).all()
    has_plan = t["deals_plan"] > 0
    assert t.loc[has_plan, "deals_pace"].tolist() == pytest.approx(
        (t.loc[has_plan, "deals_fact"] * 100 / t.loc[has_plan, "deals_plan"]).tolist())
