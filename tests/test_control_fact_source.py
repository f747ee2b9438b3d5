"""The fact source in effect: the user's choice while the store has its data, else the other one;
and the control figures of stores that hold deals alone, payments alone, or nothing."""

from datetime import date

import pytest
from control_store import two_departments
from sqlalchemy import insert

from salesplan import store
from salesplan.control.frames import resolve_fact_source, stored_fact_sources
from salesplan.control.params import ControlParams
from salesplan.control.report import Control

OCT31 = date(2026, 10, 31)

# choice, the sources the store has lines of → the source counted (written out by hand)
RULE = [
    ("auto", {"payments", "won_deals"}, "payments"),
    ("auto", {"payments"}, "payments"),
    ("auto", {"won_deals"}, "won_deals"),
    ("auto", set(), "payments"),
    ("payments", {"payments", "won_deals"}, "payments"),
    ("payments", {"won_deals"}, "won_deals"),
    ("payments", set(), "payments"),
    ("won_deals", {"payments", "won_deals"}, "won_deals"),
    ("won_deals", {"payments"}, "payments"),
    ("won_deals", {"won_deals"}, "won_deals"),
    ("won_deals", set(), "won_deals"),
]


@pytest.mark.parametrize(("choice", "stored", "used"), RULE)
def test_the_rule(choice, stored, used):
    assert resolve_fact_source(choice, stored) == used


def add_deals(eng):
    d = date.fromisoformat
    with store.transaction(eng) as conn:
        conn.execute(insert(store.deals), [
            {"id": "d1", "manager_id": "a", "created": d("2026-10-01"), "closed": d("2026-10-05"),
             "outcome": "won", "amount": 120_000_00, "stage": "закрыто"},
            {"id": "d2", "manager_id": "a", "created": d("2026-10-01"), "closed": d("2026-10-20"),
             "outcome": "won", "amount": 30_000_00, "stage": "закрыто"},
            {"id": "d3", "manager_id": "k", "created": d("2026-09-01"), "closed": d("2026-10-07"),
             "outcome": "won", "amount": 55_000_00, "stage": "закрыто"},
            {"id": "d4", "manager_id": "k", "created": d("2026-10-01"), "closed": d("2026-10-09"),
             "outcome": "lost", "amount": 99_000_00, "stage": "возражения"},
            {"id": "d5", "manager_id": "a", "created": d("2026-09-01"), "closed": d("2026-09-30"),
             "outcome": "won", "amount": 7_000_00, "stage": "закрыто"},  # September
        ])


def add_payments(eng):
    d = date.fromisoformat
    with store.transaction(eng) as conn:
        conn.execute(insert(store.payments), [
            {"id": "p1", "date": d("2026-10-12"), "due_date": None, "amount": 40_000_00, "manager_id": "a"},
            {"id": "p2", "date": d("2026-10-14"), "due_date": None, "amount": 25_000_00, "manager_id": "k"},
            # outstanding, 30 days overdue on 31.10
            {"id": "p3", "date": None, "due_date": d("2026-10-01"), "amount": 8_000_00, "manager_id": "k"},
        ])


def test_deals_alone_count_won_deals_and_say_so(tmp_path):
    eng = two_departments(tmp_path / "s.db")
    add_deals(eng)
    assert stored_fact_sources(eng) == {"won_deals"}
    ctl = Control.load(eng, params=ControlParams())  # fact_source: auto
    assert ctl.fact_source == "won_deals"
    total = ctl.summary(OCT31, "monthly", level="total")
    assert total["fact"].iloc[0] == 120_000_00 + 30_000_00 + 55_000_00  # d1 + d2 + d3; d4 lost
    assert total["plan_month"].iloc[0] == 0
    by_manager = ctl.summary(OCT31, "monthly").set_index("manager_id")["fact"]
    assert by_manager.to_dict() == {"a": 150_000_00, "k": 55_000_00}
    assert ctl.fact_note().startswith("Факт — выигранные сделки по дате закрытия. Оплат в базе нет")
    # asked for payments by name, the store has none: the same fallback, said the same way
    asked = Control.load(eng, params=ControlParams(fact_source="payments"))
    assert asked.fact_source == "won_deals" and asked.fact_note() == ctl.fact_note()
    assert ctl.missing("payments").startswith("Оплат и счетов нет: загрузите")
    assert ctl.missing("deals", date(2026, 10, 1), OCT31) == ""
    assert ctl.missing("deals", date(2026, 11, 1), date(2026, 11, 30)) == "Сделок за этот период нет."


def test_payments_alone_count_payments_whatever_was_chosen(tmp_path):
    eng = two_departments(tmp_path / "s.db")
    add_payments(eng)
    ctl = Control.load(eng, params=ControlParams(fact_source="won_deals"))
    assert ctl.fact_source == "payments"
    assert ctl.fact_note().startswith("Факт — поступившие оплаты. Выигранных сделок в базе нет")
    by_manager = ctl.summary(OCT31, "monthly").set_index("manager_id")["fact"]
    assert by_manager.to_dict() == {"a": 40_000_00, "k": 25_000_00}
    assert ctl.missing("payments") == "" and ctl.missing("deals").startswith("Сделок нет: загрузите")
    debts = ctl.receivables(OCT31)  # no deal in the store: the invoice is owed all the same
    assert debts["id"].tolist() == ["p3"]
    assert debts["days_overdue"].tolist() == [30] and debts["bucket"].astype(str).tolist() == ["1-30"]


def test_a_chosen_source_stands_when_the_store_has_it(tmp_path):
    eng = two_departments(tmp_path / "s.db")
    add_deals(eng)
    add_payments(eng)
    ctl = Control.load(eng, params=ControlParams(fact_source="won_deals"))
    assert ctl.fact_source == "won_deals"
    assert ctl.fact_note() == "Факт — выигранные сделки по дате закрытия."
    auto = Control.load(eng, params=ControlParams())
    assert auto.fact_source == "payments"
    assert auto.summary(OCT31, "monthly", level="total")["fact"].iloc[0] == 65_000_00  # p1 + p2


def test_outstanding_invoices_alone_are_payments_to_show(tmp_path):
    eng = two_departments(tmp_path / "s.db")
    with store.transaction(eng) as conn:
        conn.execute(insert(store.payments), [{"id": "p9", "date": None, "due_date": date(2026, 9, 1),
                                               "amount": 5_000_00, "manager_id": "a"}])
    ctl = Control.load(eng, params=ControlParams())
    assert ctl.missing("payments") == ""  # the receivables section shows the invoice
    assert ctl.missing("payments", date(2026, 10, 1), OCT31) == "Оплат за этот период нет."
    assert ctl.missing("fact").startswith("Факта нет: загрузите")  # an invoice is no fact
    assert ctl.receivables(OCT31)["days_overdue"].tolist() == [60]  # 1 September → 31 October


def test_an_empty_store_gives_empty_sections_not_errors(tmp_path):
    ctl = Control.load(two_departments(tmp_path / "s.db"), params=ControlParams())
    total = ctl.summary(OCT31, "monthly", level="total")
    assert len(total) == 1 and (total["fact"].iloc[0], total["plan_month"].iloc[0]) == (0, 0)
    assert ctl.receivables(OCT31).empty
    assert ctl.missing("fact").startswith("Факта нет: загрузите оплаты")
    assert ctl.missing("calls", date(2026, 10, 1), OCT31).startswith("Звонков нет: загрузите выгрузку")
