"""A manager's month facts from a small hand-built store, checked against values counted by hand."""

from datetime import date, datetime

import pandas as pd
import pytest
from sqlalchemy import insert

from salesplan import store
from salesplan.errors import SalesplanError
from salesplan.motivation.inputs import month_facts, new_clients
from salesplan.motivation.penalties import penalties, record_penalty
from salesplan.plan_of_record import save_plan

RUB = 100


@pytest.fixture
def eng(tmp_path):
    eng = store.engine(f"sqlite:///{tmp_path / 'pay.db'}")
    with store.transaction(eng) as conn:
        conn.execute(insert(store.departments), [{"id": "sales", "name": "Продажи"}])
        conn.execute(insert(store.managers), [
            {"id": "a", "name": "Анна", "department_id": "sales", "role": "hunter",
             "hire_date": date(2025, 1, 1), "leave_date": None},
            {"id": "b", "name": "Борис", "department_id": "sales", "role": "farmer",
             "hire_date": date(2026, 3, 16), "leave_date": None},
            {"id": "c", "name": "Вера", "department_id": "sales", "role": "hunter",
             "hire_date": date(2024, 1, 1), "leave_date": date(2026, 2, 27)},
        ])
        # every row names every column: an executemany takes its columns from the first row
        conn.execute(insert(store.deals), [
            # K2 already bought in 2025: not a new client in March
            {"id": "d0", "manager_id": "c", "client_id": "K2", "amount": 100_000 * RUB, "margin": None,
             "created": date(2025, 5, 1), "closed": date(2025, 6, 1), "outcome": "won"},
            {"id": "d1", "manager_id": "a", "client_id": "K1", "amount": 1_000_000 * RUB,
             "margin": 250_000 * RUB, "created": date(2026, 2, 1), "closed": date(2026, 3, 10),
             "outcome": "won"},
            {"id": "d2", "manager_id": "a", "client_id": "K2", "amount": 500_000 * RUB, "margin": None,
             "created": date(2026, 2, 1), "closed": date(2026, 3, 20), "outcome": "won"},
            {"id": "d3", "manager_id": "a", "client_id": "K3", "amount": 300_000 * RUB, "margin": None,
             "created": date(2026, 2, 1), "closed": date(2026, 3, 25), "outcome": "lost"},
            {"id": "d4", "manager_id": "b", "client_id": "K4", "amount": 200_000 * RUB,
             "margin": 30_000 * RUB, "created": date(2026, 3, 17), "closed": date(2026, 3, 30),
             "outcome": "won"},
        ])
        conn.execute(insert(store.payments), [
            {"id": "p1", "deal_id": "d1", "manager_id": "a", "date": date(2026, 3, 12),
             "amount": 600_000 * RUB, "due_date": date(2026, 3, 20)},
            {"id": "p2", "deal_id": "d1", "manager_id": "a", "date": None,
             "amount": 400_000 * RUB, "due_date": date(2026, 3, 20)},  # 11 days overdue
            {"id": "p3", "deal_id": "d2", "manager_id": "a", "date": date(2026, 4, 5),
             "amount": 500_000 * RUB, "due_date": date(2026, 3, 25)},  # paid in April: 6 days
            {"id": "p4", "deal_id": "d4", "manager_id": "b", "date": date(2026, 3, 31),
             "amount": 200_000 * RUB, "due_date": date(2026, 4, 10)},
        ])
        conn.execute(insert(store.calls), [
            {"id": f"call{i}", "manager_id": "a", "started_at": datetime(2026, 3, 2 + i, 10),
             "direction": "out", "duration_s": 60} for i in range(3)
        ] + [{"id": "in1", "manager_id": "a", "started_at": datetime(2026, 3, 5, 10),
              "direction": "in", "duration_s": 60},
             {"id": "feb", "manager_id": "a", "started_at": datetime(2026, 2, 27, 10),
              "direction": "out", "duration_s": 60}])
    lines = pd.DataFrame({"manager_id": ["a", "a"], "date": [date(2026, 3, 2), date(2026, 3, 3)],
                          "amount": [700_000 * RUB, 300_000 * RUB]})
    save_plan(eng, "2026-03", "sales", lines, "РОП", "март", {}, status="approved")
    return eng


def test_month_facts_by_hand(eng):
    record_penalty(eng, "2026-03", "b", 3_000 * RUB, "опоздания", "РОП")
    record_penalty(eng, "2026-03", "b", 2_000 * RUB, "отчёт не сдан", "РОП")
    facts = {f.manager_id: f for f in month_facts(eng, "2026-03", "sales")}
    assert sorted(facts) == ["a", "b"]  # c left in February
    a, b = facts["a"], facts["b"]
    assert a.working_days == 21  # March 2026: 22 weekdays, 9 March is a day off
    assert a.days_employed == 21
    assert a.plan == 1_000_000 * RUB
    assert a.turnover == 600_000 * RUB  # payments received in March
    assert (a.margin, a.margin_base) == (250_000 * RUB, 1_000_000 * RUB)  # d2 has no margin
    assert a.deals == 2 and a.new_clients == 1  # K1 new, K2 bought before
    assert a.calls == 3  # outgoing, in March
    assert a.overdue == 900_000 * RUB  # p2 and p3 outstanding on 31 March, past due
    assert a.penalty == 0 and a.call_score is None
    assert b.days_employed == 12  # 16–20, 23–27, 30–31 March
    assert b.plan is None
    assert (b.turnover, b.margin, b.new_clients, b.overdue) == (200_000 * RUB, 30_000 * RUB, 1, 0)
    assert b.penalty == 5_000 * RUB


def test_penalties_are_checked_and_summed(eng):
    with pytest.raises(SalesplanError, match="no manager with id 'zz'"):
        record_penalty(eng, "2026-03", "zz", 100, "x", "РОП")
    with pytest.raises(SalesplanError, match="must be positive"):
        record_penalty(eng, "2026-03", "a", 0, "x", "РОП")
    with pytest.raises(SalesplanError, match="give the reason"):
        record_penalty(eng, "2026-03", "a", 100, "  ", "РОП")
    with pytest.raises(SalesplanError, match="expected YYYY-MM"):
        record_penalty(eng, "2026-3", "a", 100, "x", "РОП")
    record_penalty(eng, "2026-03", "a", 150, "x", "РОП")
    record_penalty(eng, "2026-04", "a", 99, "x", "РОП")
    assert penalties(eng, "2026-03").to_dict() == {"a": 150}


def test_new_clients_credit_the_first_won_deal():
    deals = pd.DataFrame({
        "id": ["x1", "x2", "x3", "x4"], "manager_id": ["m", "n", "n", "m"],
        "client_id": ["K", "K", "L", None], "outcome": ["won", "won", "won", "won"],
        "closed": pd.to_datetime(["2026-03-05", "2026-03-20", "2026-02-10", "2026-03-01"]),
    })
    assert new_clients(deals, date(2026, 3, 1), date(2026, 3, 31)).to_dict() == {"m": 1}
