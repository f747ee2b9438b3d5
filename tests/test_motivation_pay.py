"""Pay line by line, against worked examples computed by hand (amounts in roubles × 100)."""

from dataclasses import replace
from decimal import Decimal

import pytest

from salesplan.motivation.pay import (
    ManagerMonth,
    commission_lines,
    department_payslips,
    fulfilment,
    kpi_coefficient,
    payslip,
    round_kopecks,
    team_bonus_lines,
    unpaid,
    with_department_totals,
)
from salesplan.motivation.schemes import (
    Commission,
    KpiItem,
    SchemeBook,
    TeamBonus,
    load_schemes,
)

RUB = 100


@pytest.fixture(scope="module")
def book():
    return load_schemes()


def facts(**changes) -> ManagerMonth:
    base = ManagerMonth(
        manager_id="m1", name="Иванов", role="hunter", department_id="sales", month="2026-03",
        working_days=21, days_employed=21, plan=3_000_000 * RUB, turnover=3_300_000 * RUB,
        margin=750_000 * RUB, margin_base=3_000_000 * RUB, deals=10, new_clients=3, calls=567,
        call_score=None, overdue=200_000 * RUB, penalty=0,
    )
    return replace(base, **changes)


def test_fulfilment_rounds_half_up_to_a_tenth():
    assert fulfilment(937, 1000) == Decimal("93.7")
    assert fulfilment(1, 3) == Decimal("33.3")
    assert fulfilment(2, 3) == Decimal("66.7")
    assert fulfilment(9995, 10000) == Decimal("100.0")  # 99.95 → 100.0
    assert fulfilment(100, 0) is None
    assert fulfilment(100, None) is None


def test_round_kopecks_half_up():
    assert round_kopecks(Decimal("10.5")) == 11
    assert round_kopecks(Decimal("10.49")) == 10
    assert round_kopecks(Decimal("-10.5")) == -11


# --- the KPI coefficient: floor, linear and stepped bands, accelerators, cap -----------------

LINEAR = KpiItem(metric="plan", label="План", weight=50, floor=80,
                 accelerators=[{"from": 110, "rate": 2}], cap=Decimal("1.5"))
STEPPED = KpiItem(metric="new_clients", label="Новые", weight=30, target=4, floor=50,
                  mode="stepped", steps=[{"from": 50, "coef": 0.5}, {"from": 75, "coef": 0.8},
                                         {"from": 100, "coef": 1.0}, {"from": 150, "coef": 1.3}])


@pytest.mark.parametrize(
    ("fulfilled", "expected"),
    [
        ("79.9", "0"),      # below the floor: nothing
        ("80.0", "0.8"),    # at the floor: linear
        ("93.7", "0.937"),
        ("100.0", "1"),
        ("110.0", "1.1"),   # slope 1 from 100 to 110
        ("120.0", "1.3"),   # 1 + 10 × 1 % + 10 × 2 %
        ("135.0", "1.5"),   # 1.6 capped at 1.5
        ("140.0", "1.5"),
    ],
)
def test_linear_coefficient_with_floor_accelerator_and_cap(fulfilled, expected):
    assert kpi_coefficient(LINEAR, Decimal(fulfilled)) == Decimal(expected)


@pytest.mark.parametrize(
    ("fulfilled", "expected"),
    [("25", "0"), ("49.9", "0"), ("50", "0.5"), ("74.9", "0.5"), ("75", "0.8"),
     ("100", "1.0"), ("125", "1.0"), ("150", "1.3"), ("400", "1.3")],
)
def test_stepped_coefficient(fulfilled, expected):
    assert kpi_coefficient(STEPPED, Decimal(fulfilled)) == Decimal(expected)


def test_no_fulfilment_pays_nothing():
    assert kpi_coefficient(LINEAR, None) == 0


# --- commissions ----------------------------------------------------------------------------

MARGINAL = Commission(label="Комиссия с маржи", base="margin", method="marginal",
                      tiers=[{"from": 0, "rate": 5}, {"from": 300_000, "rate": 8},
                             {"from": 600_000, "rate": 10}])
WHOLE = Commission(label="Комиссия с маржи", base="margin", method="whole",
                   tiers=[{"from": 0, "rate": 5}, {"from": 300_000, "rate": 7},
                          {"from": 600_000, "rate": 9}])


def test_marginal_tiers_each_band_at_its_rate():
    lines = commission_lines(MARGINAL, 750_000 * RUB)
    # 300 000 × 5 % + 300 000 × 8 % + 150 000 × 10 %
    assert [ln.base for ln in lines] == [300_000 * RUB, 300_000 * RUB, 150_000 * RUB]
    assert [ln.coefficient for ln in lines] == [Decimal("0.05"), Decimal("0.08"), Decimal("0.1")]
    assert [ln.amount for ln in lines] == [15_000 * RUB, 24_000 * RUB, 15_000 * RUB]
    assert sum(ln.amount for ln in commission_lines(MARGINAL, 200_000 * RUB)) == 10_000 * RUB
    assert sum(ln.amount for ln in commission_lines(MARGINAL, 300_000 * RUB)) == 15_000 * RUB


def test_whole_amount_tiers_reached_rate_on_everything():
    assert [ln.amount for ln in commission_lines(WHOLE, 750_000 * RUB)] == [67_500 * RUB]
    assert commission_lines(WHOLE, 300_000 * RUB)[0].amount == 21_000 * RUB  # 7 % from 300 000
    # 299 999,99 × 5 % = 14 999,9995 → 15 000,00
    assert commission_lines(WHOLE, 29_999_999)[0].amount == 1_500_000


def test_flat_commission_and_negative_margin():
    flat = Commission(label="К", base="turnover", method="flat", rate=Decimal("3"))
    assert commission_lines(flat, 912_000 * RUB)[0].amount == 27_360 * RUB
    assert commission_lines(flat, -5_000 * RUB)[0].amount == 0


# --- whole payslips -------------------------------------------------------------------------


def test_hunter_payslip_by_hand(book):
    slip = payslip(book.scheme_for("hunter", "2026-03"), facts())
    amounts = [(ln.part, ln.label, ln.amount) for ln in slip.lines]
    assert amounts == [
        ("fixed", "Оклад", 50_000 * RUB),
        ("kpi", "Выполнение личного плана продаж", 16_500 * RUB),  # 15 000 × 1,1 (110 %)
        ("kpi", "Новые клиенты", 7_200 * RUB),                    # 9 000 × 0,8 (3 of 4 = 75 %)
        ("kpi", "Звонки по норме", 5_400 * RUB),                  # 6 000 × 0,9 (567 of 30 × 21)
        ("commission", "Комиссия с маржи", 15_000 * RUB),
        ("commission", "Комиссия с маржи", 24_000 * RUB),
        ("commission", "Комиссия с маржи", 15_000 * RUB),
        ("deduction", "Удержание с просроченной дебиторской задолженности", -10_000 * RUB),
    ]
    assert slip.lines[1].fulfilment == Decimal("110.0")
    assert slip.lines[3].fulfilment == Decimal("90.0")
    assert slip.accrued == 133_100 * RUB
    assert slip.deducted == 10_000 * RUB
    assert slip.total == 123_100 * RUB


def test_farmer_payslip_with_stepped_margin_and_capped_disciplinary_cut(book):
    scheme = book.scheme_for("farmer", "2026-03")
    f = facts(role="farmer", plan=4_000_000 * RUB, turnover=3_800_000 * RUB,
              margin=912_000 * RUB, margin_base=3_800_000 * RUB, call_score=72.0, overdue=0,
              penalty=50_000 * RUB)
    slip = payslip(scheme, f)
    by_label = {ln.label: ln for ln in slip.lines}
    assert by_label["Выполнение личного плана продаж"].amount == 22_800 * RUB  # 24 000 × 0,95
    margin_line = by_label["Маржинальность продаж не ниже 25 %"]
    assert margin_line.fulfilment == Decimal("96.0")  # 24 % of 25 %
    assert margin_line.amount == 7_000 * RUB          # 10 000 × 0,7
    assert by_label["Качество звонков (оценка ОКК)"].amount == 5_400 * RUB  # 6 000 × 0,9
    assert by_label["Комиссия с маржи"].amount == 27_360 * RUB  # 3 % of 912 000
    assert slip.accrued == 122_560 * RUB
    overdue = by_label["Удержание с просроченной дебиторской задолженности"]
    assert overdue.amount == 0
    cut = by_label["Дисциплинарное взыскание"]
    assert cut.amount == -24_512 * RUB  # 20 % of 122 560, not the 50 000 asked
    assert "20" in cut.note
    assert slip.total == 98_048 * RUB


def test_gate_below_80_percent_blocks_the_bonus_but_keeps_the_lines(book):
    scheme = book.scheme_for("hunter", "2026-03")
    slip = payslip(scheme, facts(turnover=2_370_000 * RUB, overdue=0))  # 79 %
    assert slip.part("kpi") == 0 and slip.part("commission") == 0
    assert slip.total == 50_000 * RUB
    blocked = [ln for ln in slip.lines if ln.part in ("kpi", "commission")]
    assert len(blocked) == 6
    assert all("Выполнение личного плана не ниже 80 %" in ln.note for ln in blocked)
    at_gate = payslip(scheme, facts(turnover=2_400_000 * RUB, overdue=0))  # 80 %
    assert at_gate.part("kpi") == (12_000 + 7_200 + 5_400) * RUB  # 15 000 × 0,8 + …


def test_overdue_deduction_never_exceeds_the_variable_pay(book):
    scheme = book.scheme_for("hunter", "2026-03")
    slip = payslip(scheme, facts(turnover=2_000_000 * RUB, overdue=1_000_000 * RUB))  # gated
    assert slip.part("deduction") == 0  # 5 % of 1 000 000 = 50 000, but no variable pay
    assert slip.total == 50_000 * RUB


def test_disciplinary_cut_below_the_cap_is_taken_whole(book):
    slip = payslip(book.scheme_for("hunter", "2026-03"), facts(penalty=5_000 * RUB, overdue=0))
    assert slip.part("deduction") == -5_000 * RUB
    assert slip.total == 128_100 * RUB


def test_fixed_salary_pro_rata_to_working_days_employed(book):
    slip = payslip(book.scheme_for("hunter", "2026-03"),
                   facts(days_employed=14, turnover=0, margin=0, plan=None, overdue=0))
    fixed = slip.lines[0]
    assert fixed.amount == 3_333_333  # 50 000 × 14 / 21 = 33 333,33
    assert fixed.note == "отработано 14 из 21 рабочего дня"
    other = payslip(book.scheme_for("hunter", "2026-03"), facts(days_employed=10, working_days=22))
    assert other.lines[0].note == "отработано 10 из 22 рабочих дней"
    plan_line = slip.lines[1]
    assert plan_line.fulfilment is None and plan_line.amount == 0
    assert plan_line.note  # says why: no plan, and the gate


def test_effective_dates_pay_by_the_scheme_in_force(book):
    march = payslip(book.scheme_for("hunter", "2026-03"), facts(overdue=0))
    july = payslip(book.scheme_for("hunter", "2026-07"), facts(month="2026-07", overdue=0))
    assert march.lines[0].amount == 50_000 * RUB
    assert july.lines[0].amount == 55_000 * RUB
    # July: whole-amount tiers, 9 % of 750 000 = 67 500; calls 567 of 35 × 21 = 735 → 77,1 %
    assert july.part("commission") == 67_500 * RUB
    calls = [ln for ln in july.lines if ln.label == "Звонки по норме"][0]
    assert calls.fulfilment == Decimal("77.1")
    assert calls.amount == 4_626 * RUB  # 6 000 × 0,771


# --- the team bonus -------------------------------------------------------------------------

BONUS = TeamBonus(pool=60_000, share_by="margin")  # roubles, as in YAML


def test_team_bonus_split_to_the_kopeck(book):
    scheme = book.scheme_for("hunter", "2026-03")
    team = with_department_totals([
        facts(manager_id=m, plan=1_000_000 * RUB, turnover=1_000_000 * RUB, margin=100_000 * RUB)
        for m in "xyz"
    ])
    lines = team_bonus_lines(TeamBonus(pool=100), [(scheme, f) for f in team])
    assert [lines[m].amount for m in "xyz"] == [3334, 3333, 3333]  # 100 ₽ in three


def test_team_bonus_shared_among_those_who_met_their_plan(book):
    scheme = book.scheme_for("hunter", "2026-03")
    a = facts(manager_id="a", plan=1_000_000 * RUB, turnover=1_200_000 * RUB, margin=300_000 * RUB)
    b = facts(manager_id="b", plan=1_000_000 * RUB, turnover=1_000_000 * RUB, margin=100_000 * RUB)
    c = facts(manager_id="c", plan=1_000_000 * RUB, turnover=950_000 * RUB, margin=500_000 * RUB)
    a, b, c = with_department_totals([a, b, c])
    lines = team_bonus_lines(BONUS, [(scheme, a), (scheme, b), (scheme, c)])
    # department: 3 150 000 of 3 000 000 = 105 %; a and b met theirs: 60 000 × 300/400 and × 100/400
    assert lines["a"].amount == 45_000 * RUB and lines["a"].coefficient == Decimal("0.75")
    assert lines["b"].amount == 15_000 * RUB
    assert lines["c"].amount == 0 and "95,0" in lines["c"].note


def test_no_team_bonus_when_the_department_misses_its_plan(book):
    scheme = book.scheme_for("hunter", "2026-03")
    a = facts(manager_id="a", plan=1_000_000 * RUB, turnover=1_100_000 * RUB)
    c = facts(manager_id="c", plan=1_000_000 * RUB, turnover=800_000 * RUB)
    a, c = with_department_totals([a, c])
    lines = team_bonus_lines(BONUS, [(scheme, a), (scheme, c)])
    assert lines["a"].amount == 0 and "95,0" in lines["a"].note  # 1 900 000 of 2 000 000


def test_department_payslips_add_the_team_bonus_before_deductions(book):
    a = facts(manager_id="a", plan=1_000_000 * RUB, turnover=1_000_000 * RUB, margin=300_000 * RUB,
              overdue=0, penalty=100_000 * RUB)
    b = facts(manager_id="b", role="head", plan=None)
    shared = SchemeBook(tuple(s for s in book.schemes if "head" not in s.roles), book.payroll)
    slips = department_payslips(shared, [a, b])
    assert [s.facts.manager_id for s in slips] == ["a"]
    assert [f.manager_id for f in unpaid(shared, [a, b])] == ["b"]
    slip = slips[0]
    assert slip.part("team_bonus") == 60_000 * RUB  # the only one who met the plan
    # accrued: 50 000 + 15 000 + 7 200 + 5 400 + 15 000 + 60 000 = 152 600; cut ≤ 20 % = 30 520
    assert slip.accrued == 152_600 * RUB
    assert slip.part("deduction") == -30_520 * RUB
    assert slip.total == 122_080 * RUB


def test_department_totals_and_the_head_paid_on_the_department_plan(book):
    a = facts(manager_id="a", plan=1_000_000 * RUB, turnover=1_100_000 * RUB)
    c = facts(manager_id="c", plan=1_000_000 * RUB, turnover=800_000 * RUB)
    head = facts(manager_id="h", role="head", plan=None, turnover=0, margin=0, overdue=0)
    other = facts(manager_id="o", department_id="b2g", plan=None, turnover=500_000 * RUB)
    totals = {f.manager_id: (f.department_plan, f.department_turnover)
              for f in with_department_totals([a, c, head, other])}
    assert totals["h"] == (2_000_000 * RUB, 1_900_000 * RUB)
    assert totals["o"] == (None, 500_000 * RUB)
    slips = {s.facts.manager_id: s for s in department_payslips(book, [a, c, head])}
    # 1 900 000 of 2 000 000 = 95 % → 80 000 × 0,95 = 76 000, plus the salary 120 000
    assert slips["h"].total == 196_000 * RUB
    assert slips["h"].part("team_bonus") == 0
    below = department_payslips(book, [replace(a, turnover=500_000 * RUB), c, head])[-1]
    assert below.part("kpi") == 0  # 65 %: below the 80 % gate
    assert "Выполнение плана отдела не ниже 80 %" in below.lines[1].note
