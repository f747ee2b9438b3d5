"""Scenarios, comparison, approval, immutability and the history of versions, on SQLite and on
PostgreSQL."""

import pytest
from plan_history import TARGET, history_db, history_on_postgres
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from salesplan import store
from salesplan.control.activity import NORM_COLUMNS as CONTROL_NORMS
from salesplan.errors import PlanError
from salesplan.plan import (
    Planner,
    approve,
    approve_result,
    approved_plan,
    compare,
    list_plans,
    load_plan,
    save_scenario,
    version_history,
)
from salesplan.plan_of_record import activity_norms, plan_of_record


@pytest.fixture()
def env(database, tmp_path, request):
    if database == "sqlite":
        url = history_db(tmp_path)
    else:
        url = history_on_postgres(request.getfixturevalue("postgres_server"))
    eng = store.engine(url)
    return eng, Planner.from_store(eng)


def test_scenario_keeps_its_inputs_lines_norms_and_mix(env):
    eng, planner = env
    result = planner.propose(planner.inputs(TARGET, factors={"market": 0.1}, overrides={"hun1": 1e6}))
    plan_id = save_scenario(eng, result, "Базовый", "РОП")
    stored = load_plan(eng, plan_id)
    assert stored.status == "scenario" and stored.version == 1
    assert stored.inputs == result.inputs
    assert stored.total == result.total
    assert stored.managers.reindex(result.context.manager_ids).tolist() == result.plan.tolist()
    assert stored.norms.set_index("manager_id").loc["hun1", "deals"] == \
        result.norms.set_index("manager_id").loc["hun1", "deals"]
    assert stored.mix["amount"].sum() == 2 * result.total  # product lines and segments
    assert save_scenario(eng, result, "Базовый", "РОП") != plan_id
    assert list_plans(eng, TARGET, "sales")["version"].tolist() == [2, 1]
    with pytest.raises(PlanError, match="у сценария нет названия"):
        save_scenario(eng, result, "  ", "РОП")


def test_compare_two_scenarios(env):
    eng, planner = env
    a = save_scenario(eng, planner.propose(planner.inputs(TARGET, growth=0.0, key="equal")), "A", "РОП")
    b = save_scenario(eng, planner.propose(planner.inputs(TARGET, growth=0.1, key="equal")), "B", "РОП")
    diff = compare(eng, a, b)
    assert diff.delta_total == diff.b.total - diff.a.total > 0
    row = diff.managers.set_index("manager_id").loc["kam1"]
    assert row["delta"] == row["b"] - row["a"]
    assert row["delta_pct"] == pytest.approx(row["delta"] / row["a"] * 100)
    assert row["name"] == "Анна Ключева"
    assert diff.inputs.values.tolist() == [["growth", 0.0, 0.1]]


def test_approval_makes_the_plan_of_record_and_is_immutable(env):
    eng, planner = env
    result = planner.propose(planner.inputs(TARGET, growth=0.05))
    scenario = save_scenario(eng, result, "Базовый", "РОП")
    first = approve(eng, scenario, "Директор")
    record = plan_of_record(eng, TARGET, "sales")
    assert record["plan_id"].unique().tolist() == [first]
    assert record["amount"].sum() == result.total
    plan = approved_plan(eng, TARGET, "sales")
    assert (plan.version, plan.author, plan.status) == (1, "Директор", "approved")

    with pytest.raises(PlanError, match=f"план №{first} уже утверждён"):
        approve(eng, first, "Директор")
    for statement in ("UPDATE plans SET author = 'x' WHERE id = :id",
                      "DELETE FROM plans WHERE id = :id",
                      "UPDATE plan_lines SET amount = 1 WHERE plan_id = :id",
                      "DELETE FROM plan_norms WHERE plan_id = :id"):
        with pytest.raises(IntegrityError, match="immutable"), store.transaction(eng) as conn:
            conn.execute(text(statement), {"id": first})
    assert plan_of_record(eng, TARGET, "sales")["amount"].sum() == result.total
    # a scenario stays editable
    with store.transaction(eng) as conn:
        conn.execute(text("UPDATE plans SET author = 'x' WHERE id = :id"), {"id": scenario})


def test_changing_an_approved_plan_makes_a_new_version_with_its_diff(env):
    eng, planner = env
    v1 = approve_result(eng, planner.propose(planner.inputs(TARGET, growth=0.05)), "План", "РОП")
    changed = planner.inputs(TARGET, growth=0.05, overrides={"new1": 300_000})
    v2 = approve_result(eng, planner.propose(changed), "План", "Директор")
    assert load_plan(eng, v1).version == 1 and load_plan(eng, v2).version == 2
    assert plan_of_record(eng, TARGET, "sales")["plan_id"].unique().tolist() == [v2]
    history = version_history(eng, TARGET, "sales")
    assert history["version"].tolist() == [1, 2]
    assert history["author"].tolist() == ["РОП", "Директор"]
    second = history.iloc[1]
    assert second["delta"] == 0  # the same total, shared differently
    assert second["inputs_changed"] == "overrides.new1"
    assert second["managers_changed"] == 6
    assert load_plan(eng, v2).explanation and load_plan(eng, v2).notes["new1"]
    assert approved_plan(eng, "2026-11", "sales") is None


def test_activity_norms_of_the_plan_of_record_as_plan_fact_reads_them(env):
    eng, planner = env
    result = planner.propose(planner.inputs(TARGET))
    approve_result(eng, result, "План", "РОП")
    norms = activity_norms(eng, TARGET)
    assert set(CONTROL_NORMS) <= set(norms.columns)
    assert norms["department_id"].unique().tolist() == ["sales"]
    got = norms.set_index("manager_id").loc[result.context.manager_ids, "calls_per_day"]
    assert got.tolist() == pytest.approx(result.norm_values["calls_per_day"].tolist())
    assert activity_norms(eng, "2026-11").empty
