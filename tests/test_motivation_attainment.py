"""Personal salaries and parts keyed by plan attainment, against worked examples by hand
(amounts in roubles × 100)."""

from dataclasses import replace
from decimal import Decimal

import pytest
from pydantic import ValidationError

from salesplan.motivation.pay import ManagerMonth, payslip
from salesplan.motivation.schemes import Scheme

RUB = 100

# The published scheme: 80–100 % of the personal plan → 10 % of the salary + 5 % of the
# volume; above 100 % → 15 % of the salary + 7 % of the volume.
PUBLISHED = {
    "name": "Оклад + процент по выполнению плана", "roles": ["hunter"], "effective_from": "2025-01",
    "fixed": "salary",
    "salary_bonuses": [{"label": "Премия от оклада", "by": {"metric": "plan"},
                        "bands": [{"from": 80, "rate": 10}, {"from": 100, "rate": 15}]}],
    "commissions": [{"label": "Процент с объёма", "base": "turnover", "method": "whole",
                     "by": {"metric": "plan"},
                     "bands": [{"from": 80, "rate": 5}, {"from": 100, "rate": 7}]}],
    "team_bonus": False,
}


def scheme(**changes) -> Scheme:
    return Scheme.model_validate(PUBLISHED | changes)


def manager(**changes) -> ManagerMonth:
    base = ManagerMonth(
        manager_id="a", name="Анна Смирнова", role="hunter", department_id="sales", month="2026-03",
        working_days=21, days_employed=21, plan=1_000_000 * RUB, turnover=900_000 * RUB,
        margin=200_000 * RUB, salary=60_000 * RUB,
    )
    return replace(base, **changes)


def amounts(slip) -> list[int]:
    return [ln.amount for ln in slip.lines]


def test_published_scheme_on_two_managers_with_different_salaries():
    below = payslip(scheme(), manager())  # 90 % of plan, salary 60 000
    # 60 000 + 10 % × 60 000 + 5 % × 900 000
    assert amounts(below) == [60_000 * RUB, 6_000 * RUB, 45_000 * RUB]
    assert below.total == 111_000 * RUB
    above = payslip(scheme(), manager(manager_id="b", turnover=1_200_000 * RUB, salary=80_000 * RUB))
    # 120 % of plan: 80 000 + 15 % × 80 000 + 7 % × 1 200 000
    assert amounts(above) == [80_000 * RUB, 12_000 * RUB, 84_000 * RUB]
    assert above.total == 176_000 * RUB
    assert above.lines[1].fulfilment == Decimal("120.0")
    assert above.lines[2].coefficient == Decimal("0.07")


def test_below_the_first_band_nothing_but_the_salary():
    slip = payslip(scheme(), manager(turnover=790_000 * RUB))  # 79 %
    assert amounts(slip) == [60_000 * RUB, 0, 0]
    assert "80" in slip.lines[1].note


def test_marginal_commission_splits_the_base_by_attainment():
    marginal = scheme(commissions=[{
        "label": "Процент с объёма", "base": "turnover", "method": "marginal", "by": {"metric": "plan"},
        "bands": [{"from": 0, "rate": 3}, {"from": 100, "rate": 7}]}])
    slip = payslip(marginal, manager(turnover=1_200_000 * RUB, salary=80_000 * RUB))
    commission = [ln for ln in slip.lines if ln.part == "commission"]
    # 120 %: 100/120 of 1 200 000 = 1 000 000 at 3 %, 20/120 = 200 000 at 7 %
    assert [(ln.base, ln.amount) for ln in commission] == [
        (1_000_000 * RUB, 30_000 * RUB), (200_000 * RUB, 14_000 * RUB)]


def test_commission_by_another_metric_with_a_cap():
    by_calls = scheme(commissions=[{
        "label": "Процент с маржи", "base": "margin", "method": "whole",
        "by": {"metric": "calls", "target": 30, "per_working_day": True},
        "bands": [{"from": 90, "rate": 10}], "cap": 15_000}])
    # calls 21 days × 30 = 630; 600 calls = 95.2 % → 10 % of 200 000 = 20 000, capped at 15 000
    slip = payslip(by_calls, manager(calls=600))
    assert slip.lines[-1].fulfilment == Decimal("95.2")
    assert slip.lines[-1].amount == 15_000 * RUB


def test_a_gate_blocks_the_bonus_with_the_kpi_part():
    gated = scheme(gates=[{"label": "План не ниже 95 %", "metric": "plan", "min": 95}])
    assert amounts(payslip(gated, manager())) == [60_000 * RUB, 0, 0]


def test_a_scheme_may_still_fix_the_salary():
    slip = payslip(scheme(fixed=50_000), manager())
    assert amounts(slip) == [50_000 * RUB, 5_000 * RUB, 45_000 * RUB]


def test_missing_salary_is_a_stated_zero_not_a_crash():
    slip = payslip(scheme(), manager(salary=None))
    assert slip.lines[0].amount == 0
    assert slip.lines[0].note == "оклад не задан: нет оклада менеджера Анна Смирнова на март 2026"
    assert slip.lines[1].amount == 0 and "оклад не задан" in slip.lines[1].note
    assert slip.lines[2].amount == 45_000 * RUB  # the volume commission does not need the salary


def test_part_month_prorates_the_salary_not_the_bonus_base():
    slip = payslip(scheme(), manager(days_employed=14))
    assert slip.lines[0].amount == 40_000 * RUB  # 60 000 × 14/21
    assert slip.lines[1].base == 60_000 * RUB


@pytest.mark.parametrize("commission", [
    {"label": "К", "base": "turnover", "method": "flat", "by": {"metric": "plan"},
     "bands": [{"from": 80, "rate": 5}]},
    {"label": "К", "base": "turnover", "method": "whole", "by": {"metric": "plan"},
     "bands": [{"from": 80, "rate": 7}, {"from": 100, "rate": 5}]},
    {"label": "К", "base": "turnover", "method": "whole", "bands": [{"from": 80, "rate": 5}]},
])
def test_attainment_commission_checked(commission):
    with pytest.raises(ValidationError):
        scheme(commissions=[commission])


def test_salary_bonus_rates_must_not_fall():
    with pytest.raises(ValidationError, match="rate"):
        scheme(salary_bonuses=[
            {"label": "П", "bands": [{"from": 80, "rate": 15}, {"from": 100, "rate": 10}]}])
