"""What-if pay at 80/100/120 % of a plan: worked examples and the fixed point at 100 %."""

from dataclasses import replace
from datetime import date

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import insert

from salesplan import store
from salesplan.control.report import Control
from salesplan.errors import SalesplanError
from salesplan.motivation.inputs import month_facts
from salesplan.motivation.pay import ManagerMonth, department_payslips
from salesplan.motivation.schemes import load_schemes
from salesplan.motivation.whatif import (
    caption,
    month_plan,
    next_month_whatif,
    plan_amounts,
    plan_source,
    shown,
    whatif,
)
from salesplan.plan_of_record import save_plan

RUB = 100


@pytest.fixture(scope="module")
def book():
    return load_schemes()


HUNTER = ManagerMonth(
    manager_id="m1", name="Иванов", role="hunter", department_id="sales", month="2026-03",
    working_days=21, days_employed=21, plan=2_000_000 * RUB, turnover=1_000_000 * RUB,
    margin=750_000 * RUB, margin_base=3_000_000 * RUB, deals=10, new_clients=3, calls=567,
    overdue=200_000 * RUB,
)


def test_whatif_levels_by_hand(book):
    result = whatif(book, [HUNTER], {"m1": 3_000_000 * RUB})
    row = result.table.iloc[0]
    assert row["plan"] == 3_000_000 * RUB
    # 80 %: turnover 2 400 000, margin at 25 % = 600 000 → commission 15 000 + 24 000;
    # KPI 15 000 × 0,8 + 7 200 + 5 400; no team bonus (department at 80 %); overdue −10 000
    assert row["pay_80"] == (50_000 + 24_600 + 39_000 - 10_000) * RUB
    # 100 %: commission 54 000, KPI 27 600, team bonus 60 000 (the only one, plan met)
    assert row["pay_100"] == (50_000 + 27_600 + 54_000 + 60_000 - 10_000) * RUB
    # 120 %: margin 900 000 → 69 000; plan KPI 1,3 → 19 500
    assert row["pay_120"] == (50_000 + 32_100 + 69_000 + 60_000 - 10_000) * RUB
    assert [s.facts.turnover for s in result.slips[120]] == [3_600_000 * RUB]


def test_whatif_takes_the_department_margin_rate_for_a_manager_without_margin(book):
    other = replace(HUNTER, manager_id="m2", margin=0, margin_base=0)
    result = whatif(book, [HUNTER, other], {"m2": 1_000_000 * RUB}, levels=[100])
    assert [s.facts.margin for s in result.slips[100]] == [250_000 * RUB]  # 25 % of 1 000 000
    assert list(result.table["manager_id"]) == ["m2"]  # only managers with a plan


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 10**10), st.integers(0, 100), st.sampled_from(["hunter", "farmer"])),
                min_size=1, max_size=5))
def test_at_100_percent_whatif_equals_the_statement_on_a_fact_equal_to_the_plan(book, rows):
    facts = [
        replace(HUNTER, manager_id=f"m{i}", role=role, plan=plan, turnover=plan, margin_base=plan,
                margin=plan * rate // 100)
        for i, (plan, rate, role) in enumerate(rows)
    ]
    plans = {f.manager_id: f.plan for f in facts}
    statements = {s.facts.manager_id: s.total for s in department_payslips(book, facts)}
    table = whatif(book, facts, plans).table.set_index("manager_id")
    assert table["pay_100"].to_dict() == statements


@pytest.fixture
def eng(tmp_path):
    eng = store.engine(f"sqlite:///{tmp_path / 'w.db'}")
    with store.transaction(eng) as conn:
        conn.execute(insert(store.departments), [{"id": "sales", "name": "Продажи"}])
        conn.execute(insert(store.managers), [
            {"id": "a", "name": "Анна", "department_id": "sales", "role": "hunter",
             "hire_date": date(2025, 1, 1)}])
        conn.execute(insert(store.deals), [
            {"id": "d1", "manager_id": "a", "client_id": "K1", "amount": 1_000_000 * RUB,
             "margin": 260_000 * RUB, "created": date(2026, 2, 1), "closed": date(2026, 3, 10),
             "outcome": "won"}])
        conn.execute(insert(store.payments), [
            {"id": "p1", "deal_id": "d1", "manager_id": "a", "date": date(2026, 3, 12),
             "amount": 1_000_000 * RUB, "due_date": date(2026, 3, 20)}])
    plan = pd.DataFrame({"manager_id": ["a"], "date": [date(2026, 3, 2)], "amount": [1_000_000 * RUB]})
    save_plan(eng, "2026-03", "sales", plan, "РОП", "март", {}, status="approved")
    return eng


def test_whatif_from_the_store_at_100_percent_equals_the_statement(eng, book):
    facts = month_facts(eng, "2026-03", "sales")
    statement = department_payslips(book, facts)[0]
    result = whatif(book, facts, plan_amounts(month_plan(Control.load(eng, "sales"), "2026-03").lines))
    assert result.table["pay_100"].tolist() == [statement.total]
    assert statement.facts.turnover == statement.facts.plan == 1_000_000 * RUB


def test_month_plan_approved_named_scenario_or_latest_draft(eng, book):
    for amount in (1_100_000, 1_200_000):
        lines = pd.DataFrame({"manager_id": ["a"], "date": [date(2026, 3, 2)], "amount": [amount * RUB]})
        save_plan(eng, "2026-03", "sales", lines, "РОП", "рост", {})
    control = Control.load(eng, "sales")
    assert plan_amounts(month_plan(control, "2026-03", "рост").lines) == {"a": 1_200_000 * RUB}
    approved = month_plan(control, "2026-03")
    assert plan_amounts(approved.lines) == {"a": 1_000_000 * RUB}
    assert plan_source(approved) == "утверждённый план"
    with pytest.raises(SalesplanError, match="сценария плана «спад» на март 2026 нет"):
        month_plan(control, "2026-03", "спад")
    # April has only a draft: it is used, and the caption says it is not approved
    april = pd.DataFrame({"manager_id": ["a"], "date": [date(2026, 4, 1)], "amount": [900_000 * RUB]})
    save_plan(eng, "2026-04", "sales", april, "РОП", "Базовый", {})
    result = next_month_whatif(eng, "2026-03", "sales", book=book)
    assert result.table["plan"].tolist() == [900_000 * RUB]
    assert caption(result) == ("План на апрель 2026 — проект, ещё не утверждён: сценарий «Базовый», "
                               "всего 900\xa0000\xa0₽.")
    assert caption(next_month_whatif(eng, "2026-04", "sales", book=book)) == (
        "Плана на май 2026 ещё нет: расчёт «что если» появится, когда план будет сохранён.")


def test_a_plan_of_another_month_pays_by_that_months_scheme_and_days(book):
    result = whatif(book, [HUNTER], {"m1": 3_000_000 * RUB}, levels=[100], month="2026-07")
    slip = result.slips[100][0]
    assert slip.scheme.source == "hunter_2026-07.yaml"
    assert (slip.facts.working_days, slip.facts.days_employed) == (23, 23)
    # salary 55 000; KPI 15 000 + 7 200 + calls 567 of 35 × 23 = 805 → 70,4 % → 4 224;
    # whole-amount commission 9 % of 750 000 = 67 500; team bonus 60 000; overdue −10 000
    assert slip.total == (55_000 + 26_424 + 67_500 + 60_000 - 10_000) * RUB


def test_shown_table_is_in_russian(book):
    table = shown(whatif(book, [HUNTER], {"m1": 3_000_000 * RUB}))
    assert list(table.columns) == ["Менеджер", "Должность", "План", "При 80 % плана",
                                   "При 100 % плана", "При 120 % плана"]
    assert table.iloc[0]["При 100 % плана"] == "181\xa0600\xa0₽"
