"""A manager's month facts from a small hand-built store, checked against values counted by hand."""

from datetime import date

import pandas as pd
import pay_store
import pytest

from salesplan import store
from salesplan.errors import SalesplanError
from salesplan.motivation.inputs import month_facts, new_clients
from salesplan.motivation.penalties import penalties, record_penalty

RUB = pay_store.RUB


@pytest.fixture
def eng(tmp_path):
    return pay_store.fill(store.engine(f"sqlite:///{tmp_path / 'pay.db'}"))


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
    with pytest.raises(SalesplanError, match="менеджера «zz» нет в базе"):
        record_penalty(eng, "2026-03", "zz", 100, "x", "РОП")
    with pytest.raises(SalesplanError, match="взыскание a за март 2026: сумма должна быть больше нуля"):
        record_penalty(eng, "2026-03", "a", 0, "x", "РОП")
    with pytest.raises(SalesplanError, match="взыскание a за март 2026: укажите причину"):
        record_penalty(eng, "2026-03", "a", 100, "  ", "РОП")
    with pytest.raises(SalesplanError, match="«2026-3».*ожидается месяц ГГГГ-ММ"):
        record_penalty(eng, "2026-3", "a", 100, "x", "РОП")
    record_penalty(eng, "2026-03", "a", 150, "x", "РОП")
    record_penalty(eng, "2026-04", "a", 99, "x", "РОП")
    assert penalties(eng, "2026-03").to_dict() == {"a": 150}


def test_new_clients_credit_the_first_purchase():
    bought = pd.DataFrame({
        "manager_id": ["m", "n", "n", "m"], "client_id": ["K", "K", "L", None],
        "date": pd.to_datetime(["2026-03-05", "2026-03-20", "2026-02-10", "2026-03-01"]),
    })
    assert new_clients(bought, date(2026, 3, 1), date(2026, 3, 31)).to_dict() == {"m": 1}
