"""The plan model on a store with a known history: methods, keys, overrides, realism, norms."""

from datetime import date, datetime

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from plan_history import MANAGERS, SEASON, TARGET, expected_revenue, history_db
from sqlalchemy import insert

from salesplan import store
from salesplan.calendar import working_days
from salesplan.errors import PlanError
from salesplan.money import fmt_rub
from salesplan.plan import Planner
from salesplan.plan.growth import growth_multiplier
from salesplan.plan.params import FACTORS
from salesplan.plan.rationale import explain, manager_notes

ACTIVE = ["kam1", "far1", "far2", "hun1", "hun2", "new1"]  # in October 2026, by role and name


@pytest.fixture(scope="module")
def eng(tmp_path_factory):
    return store.engine(history_db(tmp_path_factory.mktemp("model")))


@pytest.fixture(scope="module")
def planner(eng):
    return Planner.from_store(eng)


def last_year_total(department="sales"):
    return sum(expected_revenue(m[0], 2025, 10) for m in MANAGERS if m[2] == department)


def days_ratio():
    return working_days(2026, 10) / working_days(2025, 10)


def test_history_is_read_from_payments(planner):
    revenue = planner.history.revenue
    got = revenue[revenue["ym"] == 2026 * 12 + 8].groupby("manager_id")["amount"].sum()
    assert got.to_dict() == {m[0]: expected_revenue(m[0], 2026, 9) for m in MANAGERS
                             if expected_revenue(m[0], 2026, 9)}


def test_department_and_month_defaults(planner):
    assert planner.department() == "sales"
    assert planner.next_month() == TARGET
    with pytest.raises(PlanError, match="отдел «nowhere» не найден; отделы в базе: "):
        planner.department("nowhere")


def test_history_method_worked_numbers(planner):
    inputs = planner.inputs(TARGET, factors={"market": 0.12, "new_hires": 0.20})
    result = planner.propose(inputs)
    expected = np.floor(last_year_total() / 100 * 1.32 * days_ratio() + 0.5)
    assert result.total == expected * 100
    assert result.context.manager_ids == ACTIVE  # the leaver and the head (no sales) are not planned
    assert result.plan.sum() == result.total
    assert result.waterfall["amount"].iloc[0] == last_year_total()
    assert result.waterfall["amount"].iloc[:-1].sum() == result.total


@pytest.mark.parametrize("growth", [-0.2, 0.0, 0.1, 0.35])
def test_history_method_scales_with_one_plus_growth(planner, growth):
    result = planner.propose(planner.inputs(TARGET, growth=growth))
    exact = last_year_total() / 100 * (1 + growth) * days_ratio()
    assert abs(result.total / 100 - exact) <= 0.5


def test_every_level_sums_to_its_parent(planner):
    result = planner.propose(planner.inputs(TARGET, factors={"market": 0.07}, key="history"))
    assert result.plan.sum() == result.total
    assert result.week_amounts.sum(axis=1).tolist() == result.plan.tolist()
    lines = result.lines()
    assert lines["amount"].sum() == result.total
    assert all(result.context.calendar.is_working_day(d) for d in lines["date"])
    assert (lines["amount"] % 100 == 0).all()  # whole roubles
    for dim in ("product", "segment"):
        part = result.mix[result.mix["dimension"] == dim]
        assert part.groupby("manager_id")["amount"].sum().reindex(ACTIVE).tolist() == result.plan.tolist()


def test_history_key_follows_twelve_months_of_sales(planner):
    result = planner.propose(planner.inputs(TARGET, key="history"))
    months = [(2025, m) for m in range(10, 13)] + [(2026, m) for m in range(1, 10)]
    sales = np.array([sum(expected_revenue(m, y, mo) for y, mo in months) for m in ACTIVE], float)
    shares = result.plan / result.total
    assert shares == pytest.approx(sales / sales.sum(), abs=1e-6)


def test_equal_key_differs_by_at_most_a_rouble(planner):
    result = planner.propose(planner.inputs(TARGET, key="equal"))
    assert result.plan.max() - result.plan.min() <= 100


def test_new_hire_capacity_is_the_hunters_median_times_ramp_up(planner):
    result = planner.propose(planner.inputs(TARGET, key="capacity"))
    cap = dict(zip(ACTIVE, result.capacity, strict=True))
    # hired in August 2026: October is the third month of tenure → ramp 0.7
    assert cap["new1"] / 0.7 == pytest.approx((cap["hun1"] + cap["hun2"]) / 2, rel=1e-6)
    assert result.plan.tolist() == pytest.approx((result.total * result.capacity
                                                  / result.capacity.sum()).tolist(), abs=100)


def test_override_is_kept_and_the_rest_redistributed(planner):
    base = planner.propose(planner.inputs(TARGET, key="history"))
    pinned = planner.propose(planner.inputs(TARGET, key="history", overrides={"kam1": 5_000_000}))
    assert pinned.total == base.total
    assert pinned.plan[0] == 5_000_000 * 100
    rest = pinned.plan[1:]
    assert rest.sum() == base.total - 5_000_000 * 100
    assert (rest / rest.sum()) == pytest.approx(base.plan[1:] / base.plan[1:].sum(), abs=1e-6)
    with pytest.raises(PlanError, match="Закреплённые планы: left1 — не работают в октябре 2026"):
        planner.propose(planner.inputs(TARGET, overrides={"left1": 1000}))
    with pytest.raises(PlanError, match="больше плана отдела"):
        planner.propose(planner.inputs(TARGET, overrides={"kam1": 10**9}))


def test_bottom_up_is_the_sum_of_commitments_with_the_gap_to_top_down(planner):
    inputs = planner.inputs(TARGET, method="bottom_up",
                            commitments={"kam1": 3_500_000, "far1": 2_500_000})
    result = planner.propose(inputs)
    assert result.total == 6_000_000 * 100
    assert dict(zip(ACTIVE, result.plan, strict=True))["kam1"] == 3_500_000 * 100
    assert result.plan[2:].sum() == 0
    proposals = result.proposals.set_index("method")
    assert proposals.loc["history", "total"] == planner.propose(planner.inputs(TARGET)).total
    assert "сумма обязательств" in explain(result)


def test_methods_side_by_side(planner):
    result = planner.propose(planner.inputs(TARGET))
    proposals = result.proposals.set_index("method")
    assert proposals["available"].to_dict() == {
        "history": True, "trend": True, "funnel": True, "bottom_up": False}
    assert proposals.loc["funnel", "total"] == pytest.approx(result.capacity.sum(), abs=100)
    assert 0.5 * result.total < proposals.loc["trend", "total"] < 1.5 * result.total


def test_no_last_year_means_no_history_method(planner):
    result = planner.propose(planner.inputs("2025-06", method="funnel"))
    note = result.proposals.set_index("method").loc["history", "note"]
    assert note == "no_last_year:2024-06"
    with pytest.raises(PlanError, match="«По истории» недоступен для июня 2025: нет продаж в июне 2024"):
        planner.propose(planner.inputs("2025-06", method="history"))


def test_realism_flags_and_pipeline_coverage(planner):
    high = planner.propose(planner.inputs(TARGET, overrides={"new1": 2_000_000}))
    low = planner.propose(planner.inputs(TARGET, overrides={"new1": 100_000}))
    new = ACTIVE.index("new1")
    # new1's best month: September 2026, 400 000 × 1.05
    assert high.context.best_month[new] == 420_000 * 100
    assert high.above_best[new] and high.above_capacity[new]
    assert not low.above_best[new] and not low.above_capacity[new]
    # open deals expected in October: 1 млн at контакт (10 %), презентация (40 %), принятие решения (90 %)
    assert high.pipeline == 1_400_000 * 100
    assert high.coverage == pytest.approx(1_400_000 * 100 / high.total)
    assert high.low_coverage  # far below half of the plan


def test_reverse_funnel_norms_follow_the_plan(planner):
    result = planner.propose(planner.inputs(TARGET))
    norms = result.norms.set_index("manager_id")
    hun1 = norms.loc["hun1"]
    plan = dict(zip(ACTIVE, result.plan, strict=True))["hun1"]
    assert hun1["deals"] == np.ceil(plan / hun1["avg_check"] - 1e-9)
    # hunters convert 4 of 16 leads
    assert hun1["leads"] == np.ceil(plan / hun1["avg_check"] / 0.25 - 1e-9)
    assert 0 <= hun1["calls"] - hun1["calls_per_day"] * working_days(2026, 10) < 1


def test_a_plan_at_the_own_pace_gives_the_own_activity_as_norms(planner, eng):
    # far1's funnel window, April–September 2026: won amount per working day × October's working
    # days as the plan → the norms are far1's own average: 3 outgoing calls a working day (as the
    # store was built), their minutes per working day, no meetings (no call has a result).
    window = [(2026, m) for m in range(4, 10)]
    days = sum(working_days(y, m) for y, m in window)
    won = sum(expected_revenue("far1", y, m) for y, m in window)
    plan = round(won / 100 / days * working_days(2026, 10))
    result = planner.propose(planner.inputs(TARGET, overrides={"far1": plan}))
    norms = result.norms.set_index("manager_id").loc["far1"]
    calls = store.read_table(eng, "calls")
    mine = calls[(calls["manager_id"] == "far1")
                 & pd.to_datetime(calls["started_at"]).between("2026-04-01", "2026-09-30 23:59")]
    assert norms["calls_per_day"] == pytest.approx(3.0, rel=1e-6)
    assert norms["minutes_per_day"] == pytest.approx(mine["duration_s"].sum() / 60 / days, rel=1e-6)
    assert norms["meetings_per_week"] == 0 and norms["proposals_per_week"] == 0


def test_other_department(planner):
    result = planner.propose(planner.inputs(TARGET, "b2g", growth=0.0))
    assert result.context.manager_ids == ["gov1"]
    assert result.total == round(5_000_000 * SEASON[9] * days_ratio()) * 100


def test_rationale_in_russian(planner):
    result = planner.propose(planner.inputs(TARGET, factors={"market": 0.12}, rationale="Новый прайс."))
    text = explain(result)
    assert "октябрь 2025" in text and fmt_rub(last_year_total()) in text
    assert "рост рынка +12,0" in text and text.endswith("Новый прайс.")
    note = manager_notes(result)["new1"]
    assert "коэффициентом адаптации 0,70" in note


def test_lines_frame_matches_the_matrix(planner):
    result = planner.propose(planner.inputs(TARGET))
    lines = result.lines()
    pivot = lines.pivot(index="manager_id", columns="date", values="amount").fillna(0)
    assert pivot.loc["kam1"].sum() == result.plan[0]
    assert isinstance(lines["date"].iloc[0], pd.Timestamp)


@settings(max_examples=60, deadline=None)
@given(
    factors=st.fixed_dictionaries({f: st.floats(-0.3, 0.6) for f in FACTORS}),
    combine=st.sampled_from(["additive", "multiplicative"]),
    key=st.sampled_from(["history", "capacity", "equal"]),
    month=st.sampled_from(["2026-01", "2026-05", "2026-10", "2026-12"]),
    pin=st.sampled_from([None, *ACTIVE[:5]]),
    share=st.floats(0, 0.5),
)
def test_any_inputs_every_level_sums_exactly(planner, factors, combine, key, month, pin, share):
    assume(growth_multiplier(factors, combine) >= 0)  # a negative plan is refused (below)
    base = planner.propose(planner.inputs(month, factors=factors, combine=combine, key=key))
    overrides = {pin: round(base.total / 100 * share)} if pin else {}
    result = planner.propose(planner.inputs(month, factors=factors, combine=combine, key=key,
                                            overrides=overrides))
    assert result.total == base.total
    assert result.plan.sum() == result.total
    assert result.week_amounts.sum(axis=1).tolist() == result.plan.tolist()
    assert result.day_amounts.sum(axis=1).tolist() == result.plan.tolist()
    for pinned, amount in overrides.items():
        assert result.plan[result.context.manager_ids.index(pinned)] == amount * 100
    lines = result.lines()
    assert result.context.calendar.is_working_series(lines["date"]).all()
    assert lines.groupby("manager_id")["amount"].sum().sum() == result.total


def test_growth_below_minus_hundred_percent_is_refused(planner):
    factors = {"prices": -0.6, "lost_clients": -0.5}  # additive: 1 − 1.1 < 0
    with pytest.raises(PlanError, match="метод «По истории» даёт отрицательный план"):
        planner.propose(planner.inputs(TARGET, factors=factors))


HEAD_MONTHLY = 500_000  # roubles the head of sales brings in herself, January–September 2026


@pytest.fixture(scope="module")
def selling(tmp_path_factory):
    """The history store where the head sells too and a few September calls of far1 have
    results: a meeting set (out), a meeting (in, written in English), a proposal (out)."""
    eng = store.engine(history_db(tmp_path_factory.mktemp("selling")))
    with store.transaction(eng) as conn:
        conn.execute(insert(store.payments), [
            {"id": f"head-{m}", "date": date(2026, m, 10), "amount": HEAD_MONTHLY * 100,
             "client_id": "kam1-c0", "deal_id": None, "manager_id": "head"}
            for m in range(1, 10)
        ])
        conn.execute(insert(store.calls), [
            {"id": f"r{k}", "started_at": datetime(2026, 9, 15, 16, k), "manager_id": "far1",
             "direction": direction, "duration_s": 60, "result": result}
            for k, (direction, result) in enumerate(
                [("out", "Встреча "), ("in", "meeting"), ("out", "КП")])
        ])
    return eng


def test_history_counts_activity_as_plan_fact_does(selling):
    history = Planner.from_store(selling).history
    september = history.calls.set_index(["manager_id", "ym"]).loc[("far1", 2026 * 12 + 8)]
    # 3 outgoing calls every working day of September, plus the two outgoing ones with results
    assert september["calls"] == 3 * working_days(2026, 9) + 2
    assert (september["meetings"], september["proposals"]) == (2, 1)
    assert "head" in set(history.managers["id"])


def test_a_head_who_sells_gets_a_plan_by_the_same_key(selling):
    planner = Planner.from_store(selling)
    result = planner.propose(planner.inputs(TARGET, key="history", growth=0.0))
    assert result.context.manager_ids == [*ACTIVE, "head"]
    # history key: shares of October 2025 – September 2026 revenue
    window = [(2025, 10), (2025, 11), (2025, 12)] + [(2026, m) for m in range(1, 10)]
    shares = {m: sum(expected_revenue(m, y, mo) for y, mo in window) for m in ACTIVE}
    shares["head"] = HEAD_MONTHLY * 100 * 9
    plan = dict(zip(result.context.manager_ids, result.plan, strict=True))
    exact = result.total * shares["head"] / sum(shares.values())
    assert abs(plan["head"] - exact) <= 100  # whole roubles, largest remainder
    assert result.plan.sum() == result.total


def test_a_head_whose_sales_left_the_window_gets_no_plan(selling):
    planner = Planner.from_store(selling)
    # twelve months before October 2027 start in October 2026, after the head's last sale
    assert "head" not in planner.context("2027-10", "sales").manager_ids
    assert "head" in planner.context("2027-09", "sales").manager_ids
