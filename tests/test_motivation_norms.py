"""One source of norms: a KPI on activity measured against the manager's norm of the month —
the approved plan's, else the role's default — the same norm the monthly report shows."""

from dataclasses import replace
from decimal import Decimal

import pytest
from pydantic import ValidationError

from salesplan import store
from salesplan.control.report import Control
from salesplan.motivation.inputs import month_facts
from salesplan.motivation.pay import ManagerMonth, payslip
from salesplan.motivation.schemes import Scheme, load_schemes
from salesplan.periods import Month

RUB = 100


def scheme(**item) -> Scheme:
    calls = {"metric": "calls", "label": "Звонки по норме", "weight": 100, "target": "norm"} | item
    return Scheme.model_validate({
        "name": "S", "roles": ["hunter"], "effective_from": "2025-01", "fixed": 50_000,
        "kpi": {"target_pay": 20_000, "items": [calls]}, "team_bonus": False})


def manager(**changes) -> ManagerMonth:
    base = ManagerMonth(
        manager_id="p", name="Алексей Петров", role="hunter", department_id="sales",
        month="2026-11", working_days=19, days_employed=19, plan=None, turnover=0, margin=0,
        calls=507, norms={"calls": 570.0}, norm_source="plan",
    )
    return replace(base, **changes)


def test_calls_kpi_against_the_plans_norm_by_hand():
    line = payslip(scheme(), manager()).lines[1]
    # 507 / 570 = 88.947… → 88.9 %; coefficient 0.889 × 20 000 = 17 780
    assert line.fulfilment == Decimal("88.9")
    assert line.amount == 17_780 * RUB
    assert "570" in line.note and "утверждённого плана" in line.note


def test_the_roles_default_norm_is_named_as_such():
    line = payslip(scheme(), manager(norm_source="params", norms={"calls": 600.0})).lines[1]
    assert line.fulfilment == Decimal("84.5")  # 507 / 600
    assert "по умолчанию" in line.note


def test_no_norm_pays_the_kpi_nothing_and_says_so():
    line = payslip(scheme(), manager(norms={})).lines[1]
    assert (line.fulfilment, line.amount, line.note) == (None, 0, "нет данных")


def test_norm_only_for_activity():
    with pytest.raises(ValidationError, match="calls, meetings, proposals"):
        scheme(metric="deals")
    with pytest.raises(ValidationError, match="per_working_day"):
        scheme(per_working_day=True)


def test_on_the_demo_the_pay_calls_kpi_equals_the_monthly_reports_calls_column(demo_db, demo_month):
    eng = store.engine(demo_db)
    control = Control.load(eng, "")
    start, end = Month.parse(demo_month).bounds
    report = control.activity(start, end).set_index("manager_id")["calls_pct"]
    hunter = load_schemes().scheme_for("hunter", "2026-11")
    facts = month_facts(eng, demo_month, control=control)
    assert len(facts) == len(report) > 3
    for f in facts:
        calls = next(ln for ln in payslip(hunter, f).lines if ln.label == "Звонки по норме")
        assert abs(float(calls.fulfilment) - report[f.manager_id]) <= 0.05, f.name
