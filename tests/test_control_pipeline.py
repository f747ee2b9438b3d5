"""Weighted pipeline, payment plans, observed stage-to-won rates and coverage, by hand."""

import math
from datetime import date

import numpy as np
import pandas as pd
import pytest

from salesplan.control.params import ControlParams
from salesplan.control.pipeline import (
    coverage,
    observed_win_rates,
    payment_plan,
    weighted_pipeline,
)

PARAMS = ControlParams()
P = PARAMS.stage_probabilities()


def frame(rows, columns, dates):
    out = pd.DataFrame(rows, columns=columns)
    for col in dates:
        out[col] = pd.to_datetime(out[col])
    return out


DEALS = frame([
    # id, manager, client, product, stage, amount, expected, closed, outcome
    ("D1", "a", "k1", "станки", "Презентация", 100_000, "2026-11-10", None, "open"),
    ("D2", "a", "k2", "станки", "принятие решения", 200_000, "2026-11-12", None, "open"),
    ("D3", "b", "k3", "сервис", "контакт", 50_000, "2026-11-20", None, "open"),
    ("D4", "b", "k4", "сервис", "Своя стадия", 70_000, "2026-11-11", None, "open"),
    ("D5", "b", "k5", "сервис", "финальное предложение", None, "2026-11-13", None, "open"),
    ("D6", "a", "k6", "станки", "возражения", 300_000, "2026-11-11", None, "open"),
    ("W1", "b", "k1", "сервис", "закрыто", 150_000, None, "2026-11-02", "won"),
    ("L1", "a", "k2", "станки", "потребность", 80_000, None, "2026-10-02", "lost"),
], ["id", "manager_id", "client_id", "product", "stage", "amount", "expected_date", "closed",
    "outcome"], ["expected_date", "closed"]).astype({"amount": "float64"})

PAYMENTS = frame([
    # id, paid on, amount, client, deal, manager, due
    ("P1", None, 150_000, "k1", "W1", "b", "2026-11-12"),
    ("P2", None, 120_000, None, "D6", "a", "2026-11-11"),  # an advance invoice of an open deal
    ("P3", None, 40_000, "k9", None, "c", "2026-11-09"),  # no deal
    ("P4", "2026-11-10", 60_000, "k1", "W1", "b", "2026-11-10"),  # already paid
    ("P5", None, 30_000, "k2", "D2", "a", "2026-11-16"),  # next week
    ("P6", "2026-01-15", 500_000, "k1", None, "b", "2026-01-10"),  # last year, turnover of k1
    ("P7", "2025-11-01", 9_000, "k1", None, "b", "2025-11-01"),  # more than a year before
], ["id", "date", "amount", "client_id", "deal_id", "manager_id", "due_date"], ["date", "due_date"])
CLIENTS = pd.DataFrame({"id": ["k1", "k2", "k9"], "name": ["Альфа", "Бета", "Гамма"]})
WEEK = (date(2026, 11, 9), date(2026, 11, 15))


def test_weekly_payment_plan_by_hand():
    plan = payment_plan(DEALS, PAYMENTS, *WEEK, P, CLIENTS)
    expected = pd.DataFrame([
        ("2026-11-09", "c", "invoice", None, 40_000, 1.00, 40_000),
        ("2026-11-10", "a", "deal", "D1", 100_000, 0.40, 40_000),
        ("2026-11-11", "a", "invoice", "D6", 120_000, 0.60, 72_000),
        ("2026-11-11", "b", "deal", "D4", 70_000, np.nan, np.nan),
        ("2026-11-12", "b", "invoice", "W1", 150_000, 1.00, 150_000),
        ("2026-11-13", "b", "deal", "D5", np.nan, 0.75, np.nan),
    ], columns=["expected_date", "manager_id", "kind", "deal_id", "amount", "probability",
                "weighted"])
    got = plan[expected.columns].assign(expected_date=plan["expected_date"].dt.strftime("%Y-%m-%d"))
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)
    # D2 is invoiced (P5, due next week): its invoice replaces the deal's own expectation
    assert "D2" not in set(plan["deal_id"])
    assert plan["weighted"].sum() == pytest.approx(302_000)
    # D6's advance invoice is on the client of the deal; P3 keeps its own client
    assert plan.loc[2, "client_id"] == "k6" and plan.loc[0, "client"] == "Гамма"
    # k1 paid 60 000 + 500 000 in the year before 15 November 2026; 9 000 is older
    assert plan.loc[4, "annual_turnover"] == 560_000


def test_tomorrow_and_open_ended_plans():
    tomorrow = payment_plan(DEALS, PAYMENTS, date(2026, 11, 12), date(2026, 11, 12), P)
    assert tomorrow["deal_id"].tolist() == ["W1"]
    assert tomorrow["client"].isna().all()  # no client names given
    to_month_end = payment_plan(DEALS, PAYMENTS, None, date(2026, 11, 30), P)
    assert len(to_month_end) == 8  # the week's 6, P5 (16th) and D3 (20th)


def test_weighted_pipeline_by_hand():
    pipe = weighted_pipeline(DEALS, P).set_index("manager_id")
    assert pipe.loc["a", "deals"] == 3 and pipe.loc["a", "amount"] == 600_000
    assert pipe.loc["a", "weighted"] == pytest.approx(40_000 + 180_000 + 180_000)
    assert pipe.loc["b", "deals"] == 3 and pipe.loc["b", "amount"] == 120_000
    assert pipe.loc["b", "weighted"] == pytest.approx(5_000)
    assert pipe.loc["b", "unpriced"] == 2  # D4 without a probability, D5 without an amount
    by_stage = weighted_pipeline(DEALS, P, by="stage", until=date(2026, 11, 11)).set_index("stage")
    assert set(by_stage.index) == {"Презентация", "Своя стадия", "возражения"}


def test_observed_win_rates():
    closed = pd.concat([DEALS, frame([
        ("L2", "b", "k3", "сервис", "Закрыто и не реализовано", 10, None, "2026-10-05", "lost"),
        ("W2", "a", "k2", "станки", "закрыто", 10, None, "2026-10-06", "won"),
    ], DEALS.columns, ["expected_date", "closed"])])
    rates = observed_win_rates(closed, PARAMS.stage_names(), P).set_index("stage")
    # closed: W1, W2 won; L1 lost at потребность; L2 lost at an unlisted stage
    assert rates.loc["контакт", ["reached", "won"]].tolist() == [4, 2]
    assert rates.loc["контакт", "observed"] == pytest.approx(50.0)
    assert rates.loc["потребность", "observed"] == pytest.approx(2 / 3 * 100)
    assert rates.loc["презентация", "observed"] == pytest.approx(100.0)
    assert rates["assumed"].tolist() == [10, 25, 40, 60, 75, 90, 100]


def test_coverage():
    assert coverage(302_000, 604_000) == pytest.approx(50.0)
    assert math.isnan(coverage(302_000, 0)) and math.isnan(coverage(302_000, -5))
    out = coverage(pd.Series([100.0, 100.0]), pd.Series([400.0, -1.0]))
    assert out.iloc[0] == pytest.approx(25.0) and math.isnan(out.iloc[1])
