"""New and active clients: planned by the plan model, counted against the fact, on a worked
example computed by hand; a plan approved before they were planned shows no plan for them."""

from datetime import date

import numpy as np
import pandas as pd
import pytest
from alembic import command
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import insert, select, text

from salesplan import migrations, schema, store
from salesplan.control.clients import first_purchases, new_clients
from salesplan.control.counts import count_facts
from salesplan.control.display import counts_table
from salesplan.control.report import Control
from salesplan.deck.content import counts_line
from salesplan.plan import Planner, approve_result
from salesplan.plan.clients import planned_clients
from salesplan.plan_of_record import activity_norms

CHECK = 100_000_00  # kopecks: every deal is 100 000 ₽
AS_OF = date(2026, 10, 15)  # 11 of October 2026's 22 working days, the day counted (monthly run)

# client, manager, closing day. Funnel window of October 2026: April–September.
# a: 10 won deals in the window, 4 of them a client's first purchase (A1–A4; A0 first bought in
#    January 2025) → share 4 / 10 = 0.4 (own: at least 5 won deals).
# b: 2 won deals, both first purchases → too few for own rates: the department's (4 + 2) / (10 + 2).
# Active on 30 September (a purchase from 1 July): a — A0, A3, A4 = 3; b — B2 = 1.
HISTORY = [
    ("A0", "a", "2025-01-15"), ("A0", "a", "2026-04-10"), ("A0", "a", "2026-05-12"),
    ("A0", "a", "2026-06-10"), ("A0", "a", "2026-07-10"), ("A0", "a", "2026-08-12"),
    ("A0", "a", "2026-09-15"), ("A1", "a", "2026-04-14"), ("A2", "a", "2026-05-14"),
    ("A3", "a", "2026-08-13"), ("A4", "a", "2026-09-16"),
    ("B1", "b", "2026-06-11"), ("B2", "b", "2026-09-10"),
]
# October to the 15th: a — A0 again, A5 new; b — B3 new, B1 back; A6 on the 16th is after the date
OCTOBER = [("A0", "a", "2026-10-05"), ("A5", "a", "2026-10-07"), ("B3", "b", "2026-10-08"),
           ("B1", "b", "2026-10-09"), ("A6", "a", "2026-10-16")]


def deal_rows(purchases):
    return [{"id": f"d{i}", "client_id": c, "manager_id": m, "stage": "закрыто", "amount": CHECK,
             "created": date.fromisoformat(day), "closed": date.fromisoformat(day), "outcome": "won"}
            for i, (c, m, day) in enumerate(purchases)]


def fill(eng) -> None:
    """Department ``sales``: a farmer ``a`` and a hunter ``b``, their clients, the won deals."""
    clients = sorted({c for c, _, _ in HISTORY + OCTOBER})
    with store.transaction(eng) as conn:
        conn.execute(insert(schema.departments), [{"id": "sales", "name": "Отдел продаж"}])
        conn.execute(insert(schema.managers), [
            {"id": "a", "name": "Анна", "department_id": "sales", "role": "farmer",
             "hire_date": date(2024, 1, 1)},
            {"id": "b", "name": "Борис", "department_id": "sales", "role": "hunter",
             "hire_date": date(2024, 1, 1)}])
        conn.execute(insert(schema.clients), [{"id": c, "name": c, "manager_id": c[0].lower()}
                                              for c in clients])
        conn.execute(insert(schema.deals), deal_rows(HISTORY + OCTOBER))


@pytest.fixture()
def eng(tmp_path):
    eng = store.engine(f"sqlite:///{tmp_path / 'clients.db'}")
    fill(eng)
    return eng


def test_the_plan_and_the_fact_of_clients_by_hand(eng):
    planner = Planner.from_store(eng)
    inputs = planner.inputs("2026-10", "sales", method="bottom_up",
                            commitments={"a": 1_000_000, "b": 300_000})
    result = planner.propose(inputs)
    ctx = result.context
    assert ctx.manager_ids == ["a", "b"]
    assert ctx.first_purchase_share.tolist() == pytest.approx([0.4, 0.5])
    assert ctx.active_base.tolist() == [3, 1]
    norms = result.norms.set_index("manager_id")
    # planned deals: 1 000 000 / 100 000 = 10 and 300 000 / 100 000 = 3 (b takes a's check)
    assert norms["deals"].tolist() == [10, 3]
    assert norms["new_clients"].tolist() == [4, 2]  # ⌈10 × 0.4⌉, ⌈3 × 0.5⌉ = ⌈1.5⌉
    assert norms["active_clients"].tolist() == [7, 3]  # 3 + 4, 1 + 2

    approve_result(eng, result, "План", "РОП")
    stored = activity_norms(eng, "2026-10", "sales").set_index("manager_id")
    assert stored[["new_clients", "active_clients"]].to_dict("index") == {
        "a": {"new_clients": 4, "active_clients": 7}, "b": {"new_clients": 2, "active_clients": 3}}

    t, dept = Control.load(eng, "sales").counts(AS_OF, "monthly")
    a, b, dept = t.loc["a"], t.loc["b"], dept.iloc[0]
    assert (a["new_clients_fact"], b["new_clients_fact"]) == (1, 1)  # A5; B3
    assert (a["deals_fact"], b["deals_fact"]) == (2, 2)
    # new clients, a flow: plan to date = plan × 11 / 22
    assert a["new_clients_pace"] == pytest.approx(1 / 2 * 100)
    assert b["new_clients_pace"] == pytest.approx(1 / 1 * 100)
    assert a["new_clients_forecast"] == pytest.approx(2)
    # active clients, a stock (from 1 August): a — A0, A3, A4, A5; b — B2, B3, B1
    assert (a["active_clients_start"], a["active_clients_fact"]) == (3, 4)
    assert (b["active_clients_start"], b["active_clients_fact"]) == (1, 3)
    # to date: a 3 + (7 − 3) × 11 / 22 = 5, b 1 + (3 − 1) / 2 = 2
    assert a["active_clients_pace"] == pytest.approx(4 / 5 * 100)
    assert b["active_clients_pace"] == pytest.approx(3 / 2 * 100)
    # forecast: start + (fact − start) × 22 / 11
    assert a["active_clients_forecast"] == pytest.approx(3 + 1 * 2)
    assert b["active_clients_forecast"] == pytest.approx(1 + 2 * 2)
    # the department: plan 10, start 4, fact 7; to date 4 + 6 / 2 = 7
    stock = ("active_clients_plan", "active_clients_start", "active_clients_fact")
    assert tuple(dept[c] for c in stock) == (10, 4, 7)
    assert dept["active_clients_pace"] == pytest.approx(100)
    assert dept["active_clients_forecast"] == pytest.approx(4 + 3 * 2)
    assert dept["new_clients_plan"] == 6 and dept["new_clients_pace"] == pytest.approx(2 / 3 * 100)


def test_a_plan_approved_before_clients_were_planned_shows_no_plan_for_them(tmp_path):
    """A store at 0009 with an approved plan and its norms is upgraded: every row kept, the new
    columns empty; the report and the deck show no plan of clients, the deals still planned."""
    url = f"sqlite:///{tmp_path / 'old.db'}"
    eng = store.open_engine(url)
    with store.transaction(eng) as conn:
        command.upgrade(migrations.config(conn), "0009")
    fill(eng)
    with store.transaction(eng) as conn:
        conn.execute(text("INSERT INTO plans (id, month, department_id, name, status, version, author, "
                          "created_at, inputs) VALUES (1, '2026-10', 'sales', 'План', 'approved', 1, "
                          "'РОП', '2026-09-25 10:00:00', '{}')"))
        conn.execute(text("INSERT INTO plan_lines (plan_id, manager_id, date, amount) VALUES "
                          "(1, 'a', '2026-10-01', 100000000), (1, 'b', '2026-10-01', 30000000)"))
        conn.execute(text("INSERT INTO plan_norms (plan_id, manager_id, deals, leads, proposals, meetings, "
                          "calls, calls_per_day, minutes_per_day, meetings_per_week, proposals_per_week) "
                          "VALUES (1, 'a', 10, 12, 5, 6, 200, 9.1, 40.0, 1.4, 1.1), "
                          "(1, 'b', 3, 30, 4, 8, 300, 13.6, 50.0, 1.8, 0.9)"))
    assert migrations.upgrade(eng).revision == "0009"
    eng = store.engine(url)
    with eng.connect() as conn:
        n = schema.plan_norms.c
        rows = conn.execute(select(n.manager_id, n.deals, n.calls, n.proposals_per_week, n.new_clients,
                                   n.active_clients).order_by(n.manager_id)).all()
    assert [tuple(r) for r in rows] == [("a", 10, 200, 1.1, None, None), ("b", 3, 300, 0.9, None, None)]

    control = Control.load(eng, "sales")
    t, dept = control.counts(AS_OF, "monthly")
    assert t["new_clients_plan"].isna().all() and t["active_clients_plan"].isna().all()
    assert t["active_clients_pace"].isna().all() and t.loc["a", "deals_plan"] == 10
    shown = counts_table(t, dept, {"a": "Анна", "b": "Борис"})
    assert shown.loc["Анна", "Новые клиенты: факт из плана"] == "1, плана нет"
    assert shown.loc["Борис", "Активные клиенты: факт из плана"] == "3, плана нет"
    assert shown.loc["Анна", "Сделки: факт из плана"] == "2 из 10"
    line = counts_line(dept.iloc[0])
    assert "Новые клиенты: 2, плана нет" in line and "Активные клиенты: 7, плана нет" in line


purchase = st.tuples(st.sampled_from("KLMN"), st.sampled_from("xy"), st.integers(0, 60))


@settings(max_examples=60, deadline=None)
@given(st.lists(purchase, max_size=25), st.integers(0, 60), st.integers(0, 30))
def test_new_clients_never_outnumber_won_deals(rows, first, length):
    """Counted from won deals: a manager's new clients of a period are at most their won deals
    of it, and each client is new at most once over the whole history."""
    day0 = pd.Timestamp(2026, 1, 1)
    deals = pd.DataFrame({"client_id": [c for c, _, _ in rows], "manager_id": [m for _, m, _ in rows],
                          "closed": pd.to_datetime([day0 + pd.Timedelta(days=d) for _, _, d in rows]),
                          "outcome": "won"}, columns=["client_id", "manager_id", "closed", "outcome"])
    bought = deals.rename(columns={"closed": "date"})
    start = (day0 + pd.Timedelta(days=first)).date()
    end = (day0 + pd.Timedelta(days=first + length)).date()
    none = pd.DataFrame({"manager_id": [], "created": pd.Series(dtype="datetime64[ns]")})
    activity = pd.DataFrame({"manager_id": [], "meetings": [], "proposals": []})
    facts = count_facts(deals, none, activity, bought, start, end)
    assert (facts["new_clients"] <= facts["deals"]).all()
    assert new_clients(bought, date(2025, 1, 1), date(2027, 1, 1)).sum() == len(first_purchases(bought)) \
        == deals["client_id"].nunique()


@given(st.lists(st.integers(0, 200), min_size=1, max_size=8), st.floats(0, 1), st.integers(0, 500))
def test_the_active_plan_keeps_the_base_and_adds_at_most_the_deals(deals, share, base):
    planned = planned_clients(np.array(deals), np.full(len(deals), share), np.full(len(deals), base))
    assert (planned["active_clients"] >= base).all()
    assert (planned["new_clients"] <= np.array(deals)).all()
    assert (planned["active_clients"] - base == planned["new_clients"]).all()
