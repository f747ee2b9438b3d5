"""A commission on net profit: revenue without VAT (the month's dated rate) minus cost, against
worked examples by hand (amounts in roubles × 100)."""

from dataclasses import replace
from decimal import Decimal

import pytest
from pydantic import ValidationError

from salesplan.config import Company
from salesplan.motivation.pay import ManagerMonth, net_profit, payslip
from salesplan.motivation.schemes import Scheme

RUB = 100

ON_NET_PROFIT = {
    "name": "Оклад + 10 % чистой прибыли", "roles": ["hunter"], "effective_from": "2025-01",
    "fixed": 50_000,
    "commissions": [{"label": "Процент с чистой прибыли", "base": "net_profit", "method": "flat",
                     "rate": 10}],
    "team_bonus": False,
}


def manager(**changes) -> ManagerMonth:
    base = ManagerMonth(
        manager_id="a", name="Анна Смирнова", role="hunter", department_id="sales", month="2026-03",
        working_days=21, days_employed=21, plan=1_000_000 * RUB, turnover=1_500_000 * RUB,
        margin=400_000 * RUB, margin_base=1_220_000 * RUB, vat_rate=Decimal(22),
    )
    return replace(base, **changes)


def test_the_dated_vat_rate():
    company = Company()
    assert company.vat_rate("2025-12") == 20
    assert company.vat_rate("2026-01") == 22
    assert company.vat_rate("2018-12") == 0  # before the first rate given
    assert Company(prices_include_vat=False).vat_rate("2026-03") == 0
    moved = Company.model_validate({"vat": [{"from": "2024-01", "rate": 20},
                                            {"from": "2027-01", "rate": 18}]})
    assert (moved.vat_rate("2026-12"), moved.vat_rate("2027-01")) == (20, 18)


def test_net_profit_worked_by_hand():
    # 1 220 000 with 22 % VAT → 1 000 000 without; cost = 1 220 000 − 400 000 = 820 000;
    # net profit = 1 000 000 − 820 000 = 180 000; commission 10 % = 18 000.
    facts = manager()
    assert net_profit(facts) == 180_000 * RUB
    slip = payslip(Scheme.model_validate(ON_NET_PROFIT), facts)
    line = slip.lines[1]
    assert (line.base, line.amount) == (180_000 * RUB, 18_000 * RUB)
    assert slip.total == 68_000 * RUB
    for step in ("1 220 000", "22 %", "1 000 000", "820 000", "180 000"):
        assert step in line.note.replace("\u00a0", " ")


def test_a_month_of_the_old_rate_and_rounding_to_the_kopeck():
    # 2025: 20 % VAT. 1 200 000 → 1 000 000 without; cost 900 000; net 100 000.
    assert net_profit(manager(month="2025-11", vat_rate=Decimal(20), margin_base=1_200_000 * RUB,
                              margin=300_000 * RUB)) == 100_000 * RUB
    # 100,00 ₽ at 22 %: 10 000 × 100 / 122 = 8 196.72… → 8 197 kopecks; cost 60,00 ₽ → 21,97 ₽.
    assert net_profit(manager(margin_base=10_000, margin=4_000)) == 8_197 - 6_000


def test_a_scheme_paid_on_payments_takes_neither_net_profit_nor_attainment_rates():
    with pytest.raises(ValidationError, match="чистой прибыли"):
        Scheme.model_validate(ON_NET_PROFIT | {"credit": "payments"})
    keyed = {"label": "К", "base": "margin", "method": "whole", "by": {"metric": "plan"},
             "bands": [{"from": 80, "rate": 5}]}
    with pytest.raises(ValidationError, match="by"):
        Scheme.model_validate(ON_NET_PROFIT | {"credit": "payments", "commissions": [keyed]})
