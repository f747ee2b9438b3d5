"""Invariants of the pay calculation over random schemes and facts (hypothesis)."""

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from salesplan.motivation.pay import ManagerMonth, department_payslips, payslip
from salesplan.motivation.schemes import Payroll, Scheme, SchemeBook

percent = st.integers(min_value=0, max_value=200)
money = st.integers(min_value=0, max_value=2_000_000)  # roubles in scheme files


BASES = st.sampled_from(["margin", "turnover", "net_profit"])


@st.composite
def kpi_items(draw, metric, weight):
    item = {"metric": metric, "label": metric, "weight": weight, "floor": draw(percent)}
    if metric != "plan":
        item["target"] = draw(st.integers(min_value=1, max_value=500))
    if draw(st.booleans()):
        starts = sorted(draw(st.sets(percent, min_size=1, max_size=4)))
        coefs = sorted(draw(st.lists(st.decimals("0", "3", places=2), min_size=len(starts),
                                     max_size=len(starts))))
        steps = [{"from": s, "coef": c} for s, c in zip(starts, coefs, strict=True)]
        item |= {"mode": "stepped", "steps": steps}
    else:
        starts = sorted(draw(st.sets(st.integers(100, 250), max_size=3)))
        item["accelerators"] = [{"from": s, "rate": draw(st.decimals("0", "5", places=1))} for s in starts]
    if draw(st.booleans()):
        item["cap"] = draw(st.decimals("0.1", "3", places=2))
    return item


@st.composite
def attainment(draw):
    metric = draw(st.sampled_from(["plan", "deals", "new_clients", "calls"]))
    if metric == "plan":
        return {"metric": "plan"}
    return {"metric": metric, "target": draw(st.integers(1, 500)), "per_working_day": draw(st.booleans())}


@st.composite
def bands(draw):
    starts = sorted(draw(st.sets(percent, min_size=1, max_size=4)))
    rates = sorted(draw(st.lists(st.decimals("0", "30", places=1),
                                 min_size=len(starts), max_size=len(starts))))
    return [{"from": s, "rate": r} for s, r in zip(starts, rates, strict=True)]


def caps():
    return st.one_of(st.none(), money)


@st.composite
def salary_bonuses(draw):
    return {"label": "П", "by": draw(attainment()), "bands": draw(bands()), "cap": draw(caps())}


@st.composite
def commissions(draw):
    method = draw(st.sampled_from(["flat", "marginal", "whole"]))
    if method != "flat" and draw(st.booleans()):  # the rate chosen by attainment
        return {"label": "К", "base": draw(BASES), "method": method,
                "by": draw(attainment()), "bands": draw(bands()), "cap": draw(caps())}
    out = {"label": "К", "base": draw(BASES), "method": method}
    if method == "flat":
        return out | {"rate": draw(st.decimals("0", "20", places=1))}
    starts = [0, *sorted(draw(st.sets(st.integers(1, 3_000_000), max_size=4)))]
    rates = draw(st.lists(st.decimals("0", "20", places=1), min_size=len(starts), max_size=len(starts)))
    if method == "whole":
        rates = sorted(rates)
    return out | {"tiers": [{"from": s, "rate": r} for s, r in zip(starts, rates, strict=True)]}


@st.composite
def schemes_without_gates(draw):
    metrics = draw(st.lists(st.sampled_from(["plan", "deals", "new_clients", "calls"]),
                            min_size=1, max_size=3, unique=True))
    weights = [100 // len(metrics)] * len(metrics)
    weights[0] += 100 - sum(weights)
    return Scheme.model_validate({
        "name": "S", "roles": ["hunter"], "effective_from": "2025-01",
        "fixed": draw(st.one_of(money, st.just("salary"))),
        "kpi": {"target_pay": draw(money),
                "items": [draw(kpi_items(m, w)) for m, w in zip(metrics, weights, strict=True)]},
        "salary_bonuses": draw(st.lists(salary_bonuses(), max_size=2)),
        "commissions": draw(st.lists(commissions(), max_size=2)),
        "deductions": {"overdue_share": draw(percent), "disciplinary_cap": draw(st.integers(0, 100))},
    })


kopecks = st.integers(min_value=0, max_value=10**10)
counts = st.integers(min_value=0, max_value=2_000)


@st.composite
def months(draw, manager_id="m"):
    working = draw(st.integers(15, 23))
    return ManagerMonth(
        manager_id=manager_id, name=manager_id, role="hunter", department_id="d", month="2026-03",
        working_days=working, days_employed=draw(st.integers(0, working)),
        plan=draw(st.one_of(st.none(), kopecks)), turnover=draw(kopecks), margin=draw(kopecks),
        deals=draw(counts), new_clients=draw(counts), calls=draw(counts),
        overdue=draw(kopecks), penalty=draw(kopecks), salary=draw(st.one_of(st.none(), kopecks)),
    )


@st.composite
def growth(draw, base: ManagerMonth):
    return replace(
        base,
        turnover=base.turnover + draw(kopecks), margin=base.margin + draw(kopecks),
        deals=base.deals + draw(counts), new_clients=base.new_clients + draw(counts),
        calls=base.calls + draw(counts),
    )


@settings(max_examples=300, deadline=None)
@given(data=st.data(), scheme=schemes_without_gates())
def test_without_gates_pay_never_falls_when_the_fact_grows(data, scheme):
    before = data.draw(months())
    after = data.draw(growth(before))
    assert payslip(scheme, after).total >= payslip(scheme, before).total


@settings(max_examples=150, deadline=None)
@given(data=st.data(), scheme=schemes_without_gates(), pool=money,
       share_by=st.sampled_from(["turnover", "margin"]))
def test_with_the_team_bonus_a_growing_fact_never_lowers_ones_pay(data, scheme, pool, share_by):
    team = [data.draw(months(f"m{i}")) for i in range(3)]
    grown = [data.draw(growth(team[0])), *team[1:]]
    book = SchemeBook((scheme,), Payroll.model_validate(
        {"departments": {"d": {"team_bonus": {"pool": pool, "share_by": share_by}}}}))
    before = department_payslips(book, team)
    after = department_payslips(book, grown)
    assert after[0].total >= before[0].total
    assert sum(s.part("team_bonus") for s in after) in (0, book.payroll.for_department("d").team_bonus.pool)


@settings(max_examples=300, deadline=None)
@given(data=st.data(), scheme=schemes_without_gates())
def test_lines_add_up_and_are_whole_kopecks(data, scheme):
    slip = payslip(scheme, data.draw(months()))
    assert all(isinstance(ln.amount, int) for ln in slip.lines)
    assert slip.total == slip.accrued - slip.deducted
    assert slip.deducted <= slip.accrued or slip.deducted == 0
