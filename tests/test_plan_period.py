"""Quarter, half and year plans: month plans that add up to the period exactly."""

import json

import pandas as pd
import pytest
from cli_run import run as salesplan
from plan_history import history_db

from salesplan import store
from salesplan.errors import PeriodError
from salesplan.plan import Planner
from salesplan.plan.period_plan import approve_period, by_month, propose_period, year_view
from salesplan.plan_of_record import plan_of_record

Q4 = ["2026-10", "2026-11", "2026-12"]


@pytest.fixture()
def url(tmp_path):
    return history_db(tmp_path)


def test_a_quarter_is_its_months(url):
    eng = store.engine(url)
    planner = Planner.from_store(eng)
    plan = propose_period(planner, "2026-q4", "sales", factors={"market": 0.05})
    assert str(plan.period) == "2026-Q4" and [r.inputs.month for r in plan.months] == Q4
    alone = {m: Planner.from_store(eng).propose(planner.inputs(m, "sales", factors={"market": 0.05})).total
             for m in Q4}
    assert plan.by_month().to_dict() == alone and plan.total == sum(alone.values())
    table = plan.by_manager()
    assert table.sum().to_dict() == alone and int(table.to_numpy().sum()) == plan.total
    # the season: December (1.3) above October (1.1), as the history's coefficients
    assert alone["2026-12"] > alone["2026-10"]


def test_approving_a_quarter_approves_each_month_and_they_add_up(url):
    eng = store.engine(url)
    plan = propose_period(Planner.from_store(eng), "2026-Q4", "sales")
    ids = approve_period(eng, plan, "Квартал", "РОП")
    assert len(ids) == 3
    approved = {m: int(plan_of_record(eng, m, "sales")["amount"].sum()) for m in Q4}
    assert approved == plan.by_month().to_dict() and sum(approved.values()) == plan.total


def test_the_commands(url, monkeypatch, capsys):
    code, out, _ = salesplan(monkeypatch, capsys, "plan", "propose", "--period", "2026-Q4", "--db", url,
                             "--json")
    assert code == 0
    found = json.loads(out)
    assert found["period"] == "2026-Q4" and list(found["months"]) == Q4
    assert found["total"] == sum(found["months"].values())
    assert sum(m["total"] for m in found["managers"].values()) == found["total"]
    code, out, _ = salesplan(monkeypatch, capsys, "plan", "approve", "--period", "2026-Q4", "--db", url)
    assert code == 0 and out.startswith("Утверждены планы каждого месяца: IV квартал 2026, всего ")
    assert "декабрь 2026" in out
    code, _, err = salesplan(monkeypatch, capsys, "plan", "propose", "--period", "2026-Q5", "--db", url)
    assert code == 2 and "«2026-Q5»" in err


def test_a_bad_period_is_named():
    with pytest.raises(PeriodError, match="2026-13"):
        propose_period(None, "2026-13")


def test_year_view_by_hand():
    T = pd.Timestamp
    plan = pd.DataFrame({"manager_id": ["a", "b", "a"], "amount": [100, 50, 200],
                         "date": [T(2026, 1, 5), T(2026, 1, 6), T(2026, 3, 2)]})
    fact = pd.DataFrame({"manager_id": ["a", "a", "a"], "amount": [120, 30, 999],
                         "date": [T(2026, 1, 9), T(2026, 2, 1), T(2025, 12, 31)]})
    view = year_view(by_month(plan), by_month(fact), 2026).set_index("month")
    assert len(view) == 12 and view.loc["2026-01"].tolist()[:2] == [150, 120]
    assert view.loc["2026-01", "pct"] == pytest.approx(80)
    assert view.loc["2026-02", "plan"] == 0 and pd.isna(view.loc["2026-02", "pct"])
    assert view["fact"].sum() == 150 and view["plan"].sum() == 350
