"""Commission on payments received (``credit: payments``), worked by hand on the hand-built store
(``pay_store``) under a scheme of a 50 000 salary and 10 % of the credited margin.

Anna's deal d1: 1 000 000, margin 250 000. Its payment p1 of 600 000 on 12 March credits
600 000 / 1 000 000 × 250 000 = 150 000 of margin: the March commission is 15 000.
"""

from datetime import date

import pandas as pd
import pay_store
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import update

from salesplan import store
from salesplan.motivation.credits import payment_credits
from salesplan.motivation.inputs import month_facts
from salesplan.motivation.pay import department_payslips

RUB = pay_store.RUB
@pytest.fixture
def shop(tmp_path):
    eng = pay_store.fill(store.engine(f"sqlite:///{tmp_path / 'pay.db'}"))
    return eng, pay_store.payments_scheme(tmp_path / "schemes")


def slip(eng, book, month, manager="a"):
    return next(s for s in department_payslips(book, month_facts(eng, month, "sales"))
                if s.facts.manager_id == manager)


def commission(s):
    return [(line.base, line.amount, line.note) for line in s.lines if line.part == "commission"]


def test_a_partial_payment_credits_its_share_of_the_margin(shop):
    eng, book = shop
    march = slip(eng, book, "2026-03")
    assert commission(march) == [(150_000 * RUB, 15_000 * RUB, "")]
    assert march.total == 65_000 * RUB
    # Boris paid his whole deal d4 (200 000, margin 30 000): 30 000 × 10 % = 3 000, on 12 of 21 days' salary
    boris = slip(eng, book, "2026-03", "b")
    assert commission(boris) == [(30_000 * RUB, 3_000 * RUB, "")]


def test_a_refund_in_april_claws_back_in_april_and_march_stays(shop):
    eng, book = shop
    before = slip(eng, book, "2026-03")
    pay_store.add_payment(eng, "r1", "d1", date(2026, 4, 10), -200_000 * RUB)
    assert slip(eng, book, "2026-03").lines == before.lines  # the paid month is not rewritten
    april = slip(eng, book, "2026-04")
    # April: p3 (500 000 on d2, no margin) credits no margin; the refund takes back
    # 200 000 / 1 000 000 × 250 000 = 50 000 of March's margin at March's 10 %: −5 000
    assert commission(april) == [
        (0, 0, ""),
        (50_000 * RUB, -5_000 * RUB, "сторно комиссии с оплат за март 2026: возвраты и отменённые сделки"),
    ]
    assert april.total == 45_000 * RUB


def test_a_deal_cancelled_after_payment_is_taken_back_when_cancelled(shop):
    eng, book = shop
    with store.transaction(eng) as conn:
        conn.execute(update(store.deals).where(store.deals.c.id == "d1")
                     .values(outcome="lost", closed=date(2026, 5, 6)))
    pay_store.add_payment(eng, "late", "d1", date(2026, 5, 20), 100_000 * RUB)
    assert commission(slip(eng, book, "2026-03"))[0][1] == 15_000 * RUB
    may = slip(eng, book, "2026-05")
    # the 150 000 of margin March credited, at 10 %; the payment after the cancellation credits nothing
    assert commission(may) == [(0, 0, ""), (150_000 * RUB, -15_000 * RUB, commission(may)[1][2])]


def test_a_gate_does_not_stop_a_clawback(tmp_path):
    eng = pay_store.fill(store.engine(f"sqlite:///{tmp_path / 'pay.db'}"))
    gate = "gates:\n  - {label: План не ниже 80 %, min: 80}\n"
    book = pay_store.payments_scheme(tmp_path / "schemes", gate)
    pay_store.add_payment(eng, "r1", "d1", date(2026, 4, 10), -200_000 * RUB)
    april = slip(eng, book, "2026-04")  # no plan in April: the gate blocks the commission
    assert [line.amount for line in april.lines if line.part == "commission"] == [0, -5_000 * RUB]


DEALS = pd.DataFrame({"id": ["d"], "manager_id": ["m"], "amount": [300_000.0], "margin": [90_000.0],
                      "outcome": ["won"], "closed": [pd.Timestamp("2026-03-01")],
                      "stage_changed": [pd.NaT]})


def payments(amounts, days):
    return pd.DataFrame({"id": [f"p{i}" for i in range(len(amounts))], "deal_id": "d", "manager_id": None,
                         "amount": amounts, "date": pd.to_datetime(days)})


def test_two_partial_payments_credit_one_third_and_two_thirds():
    credits = payment_credits(payments([100_000, 200_000], ["2026-03-05", "2026-04-07"]), DEALS)
    assert credits[["manager_id", "month", "kind", "turnover", "margin"]].values.tolist() == [
        ["m", "2026-03", "payment", 100_000, 30_000], ["m", "2026-04", "payment", 200_000, 60_000]]


@given(st.lists(st.integers(1, 10**8), min_size=1, max_size=6), st.booleans())
def test_a_cancelled_deal_credits_nothing_in_all(amounts, cancelled):
    days = pd.date_range("2026-01-05", periods=len(amounts), freq="17D")
    deals = DEALS.assign(amount=float(sum(amounts)), outcome="lost" if cancelled else "won",
                         closed=days[-1] + pd.Timedelta(days=40))
    credits = payment_credits(payments(amounts, days), deals)
    assert credits["turnover"].sum() == (0 if cancelled else sum(amounts))
    assert (credits["margin"].sum() == 0) if cancelled else credits["margin"].sum() in range(
        90_000 - len(amounts), 90_000 + len(amounts) + 1)  # each share rounded to the kopeck
