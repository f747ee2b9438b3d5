"""KPIs: NPS, revenue against plan, deals, average check, conversion, margin, ROI, the funnel."""

import math
from datetime import date

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import salesplan
from salesplan.control.kpi import kpi_table, roi, stage_funnel
from salesplan.control.params import ControlParams
from salesplan.errors import SalesplanError

STAGES = ControlParams().stage_names()


def test_nps_by_hand():
    # promoters 10, 9, 9, 10, 10 (50 %), passives 8, 7, detractors 6, 0, 3 (30 %)
    assert salesplan.nps([10, 9, 9, 8, 7, 6, 0, 3, 10, 10]) == pytest.approx(20.0)
    assert salesplan.nps([10, 10]) == 100.0
    assert salesplan.nps(pd.Series([0, 6, 5])) == -100.0
    assert salesplan.nps([9, None, float("nan"), 0]) == 0.0  # blanks are unanswered
    assert math.isnan(salesplan.nps([]))


@pytest.mark.parametrize(("bad", "shown"), [(11, "11"), (-1, "-1"), (7.5, "7,5")])
def test_nps_rejects_impossible_scores(bad, shown):
    with pytest.raises(SalesplanError, match=f"оценка NPS № 2: {shown} — ожидается целое число от 0 до 10"):
        salesplan.nps([10, bad, 3])
    with pytest.raises(SalesplanError, match="оценка NPS k2: "):
        salesplan.nps(pd.Series([10, bad], index=["k1", "k2"]))


@given(st.lists(st.integers(min_value=0, max_value=10), min_size=1))
def test_nps_bounds_and_definition(scores):
    value = salesplan.nps(scores)
    assert -100 <= value <= 100
    promoters = sum(s >= 9 for s in scores)
    detractors = sum(s <= 6 for s in scores)
    assert value == pytest.approx((promoters - detractors) / len(scores) * 100)


def test_roi():
    assert roi(300_000, 100_000) == pytest.approx(200.0)
    assert math.isnan(roi(300_000, 0))


def frame(rows, columns, dates):
    out = pd.DataFrame(rows, columns=columns)
    for col in dates:
        out[col] = pd.to_datetime(out[col])
    return out


DEAL_COLUMNS = ["id", "manager_id", "stage", "amount", "margin", "created", "closed", "outcome"]
DEALS = frame([
    ("d1", "a", "закрыто", 100_000, 30_000, "2026-10-01", "2026-11-03", "won"),
    ("d2", "a", "закрыто", 300_000, None, "2026-10-05", "2026-11-10", "won"),
    ("d3", "a", "потребность", 50_000, None, "2026-10-07", "2026-11-12", "lost"),
    ("d4", "b", "закрыто", 200_000, 20_000, "2026-11-01", "2026-11-20", "won"),
    ("d5", "b", "Закрыто и не реализовано", 10_000, None, "2026-11-02", "2026-11-21", "lost"),
    ("d6", "b", "закрыто", 999_000, 1, "2026-09-01", "2026-10-31", "won"),  # last month
    ("d7", "a", "Презентация", 70_000, None, "2026-11-02", None, "open"),
    ("d8", "b", "контакт", None, None, "2026-11-03", None, "open"),
], DEAL_COLUMNS, ["created", "closed"])
LEADS = frame([
    ("l1", "2026-11-02", "a", "d7"), ("l2", "2026-11-03", "a", None), ("l3", "2026-11-04", "a", None),
    ("l4", "2026-11-05", "a", None), ("l5", "2026-11-06", "b", "d8"), ("l6", "2026-10-30", "b", "d4"),
], ["id", "created", "manager_id", "deal_id"], ["created"])
FACT = frame([("a", "2026-11-05", 250_000), ("b", "2026-11-25", 150_000), ("b", "2026-10-02", 1)],
             ["manager_id", "date", "amount"], ["date"])
PLAN = frame([("a", "2026-11-02", 500_000), ("b", "2026-11-02", 100_000)],
             ["manager_id", "date", "amount"], ["date"])
NOV = (date(2026, 11, 1), date(2026, 11, 30))


def test_kpi_table_by_hand():
    kpi = kpi_table(DEALS, FACT, LEADS, PLAN, *NOV).set_index("manager_id")
    a, b = kpi.loc["a"], kpi.loc["b"]
    assert a["revenue"] == 250_000 and a["revenue_pct"] == pytest.approx(50.0)
    assert a["deals_won"] == 2 and a["avg_check"] == pytest.approx(200_000)
    assert a["win_rate"] == pytest.approx(2 / 3 * 100)
    assert a["leads"] == 4 and a["lead_to_deal"] == pytest.approx(25.0)
    assert a["margin"] == 30_000 and a["margin_pct"] == pytest.approx(30.0)  # d2 has no margin
    assert b["revenue_pct"] == pytest.approx(150.0)
    assert b["deals_won"] == 1 and b["win_rate"] == pytest.approx(50.0)
    assert b["leads"] == 1 and b["lead_to_deal"] == pytest.approx(100.0)
    assert b["margin_pct"] == pytest.approx(10.0)


def test_kpi_total_recomputes_ratios():
    total = kpi_table(DEALS, FACT, LEADS, PLAN, *NOV, level="total").iloc[0]
    assert total["revenue"] == 400_000 and total["plan"] == 600_000
    assert total["avg_check"] == pytest.approx(200_000)  # 600 000 over 3 deals
    assert total["win_rate"] == pytest.approx(60.0)
    assert total["lead_to_deal"] == pytest.approx(40.0)
    assert total["margin_pct"] == pytest.approx(50_000 / 300_000 * 100)


def test_margin_unknown_stays_missing():
    no_margin = DEALS.assign(margin=None)
    kpi = kpi_table(no_margin, FACT, LEADS, PLAN, *NOV, level="total").iloc[0]
    assert math.isnan(kpi["margin"]) and math.isnan(kpi["margin_pct"])


def test_stage_funnel_by_hand():
    funnel = stage_funnel(DEALS, STAGES).set_index("stage")
    # won d1 d2 d4 d6 pass every stage; d7 reached презентация (2), d3 потребность (1);
    # d8 контакт and d5 (an unlisted stage) only entered the funnel
    assert funnel["reached"].tolist() == [8, 6, 5, 4, 4, 4, 4]
    assert funnel.loc["контакт", "to_next"] == pytest.approx(75.0)
    assert funnel.loc["потребность", "to_next"] == pytest.approx(5 / 6 * 100)
    assert funnel.loc["презентация", "to_next"] == pytest.approx(80.0)
    assert math.isnan(funnel.loc["закрыто", "to_next"])
    assert funnel.loc["закрыто", "from_first"] == pytest.approx(50.0)
