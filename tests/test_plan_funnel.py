"""The reverse funnel (worked example) and each manager's funnel rates from history."""

import numpy as np
import pandas as pd
import pytest

from salesplan.plan.funnel import ceil_count, fill_from_peers, funnel_rates, reverse_funnel
from salesplan.plan.params import Rates


def test_worked_example_ten_million():
    # 10 млн at an average check of 200 000 and conversion 10 % → 50 deals, 500 leads
    rates = Rates(lead_to_proposal=1.0, meeting_to_lead=0.5, call_to_meeting=0.1, workdays_per_week=5)
    out = reverse_funnel(np.array([10_000_000_00]), np.array([200_000_00.0]), np.array([0.10]),
                         np.array([3.0]), rates, working_days=20)
    assert out["deals"].tolist() == [50]
    assert out["leads"].tolist() == [500]
    assert out["proposals"].tolist() == [500]
    assert out["meetings"].tolist() == [1000]  # 500 leads / 0.5
    assert out["calls"].tolist() == [10_000]  # 1000 meetings / 0.1
    assert out["calls_per_day"].tolist() == [500.0]  # 10 000 calls / 20 days
    assert out["minutes_per_day"].tolist() == [1500.0]  # 3 minutes a call
    assert out["meetings_per_week"].tolist() == [250.0]  # 1000 / 20 × 5
    assert out["proposals_per_week"].tolist() == [125.0]


def test_counts_round_up_but_not_on_floating_noise():
    assert ceil_count([50 / 0.1, 10.2, 0.0]).tolist() == [500, 11, 0]
    rates = Rates()
    out = reverse_funnel(np.array([1_000_00]), np.array([0.0]), np.array([0.0]), np.array([0.0]),
                         rates, 21)
    assert out["deals"].tolist() == [0] and out["calls"].tolist() == [0]


def test_rates_from_history_and_peers_for_new_hires():
    managers = pd.DataFrame({"id": ["h1", "h2", "f1", "new"],
                             "role": ["hunter", "hunter", "farmer", "hunter"]})
    funnel = pd.DataFrame({
        "manager_id": ["h1", "h1", "h2", "f1", "new"],
        "ym": [100, 101, 101, 101, 101],
        "leads": [20, 20, 30, 0, 4],
        "won": [4, 6, 3, 8, 1],
        "won_amount": [400, 600, 600, 1600, 50],
    })
    rates = funnel_rates(funnel, managers, range(100, 102), np.array([40, 20, 20, 10]),
                         np.array([False, False, False, True]), min_won=3)
    # h1: 40 leads over 40 days, 10 won of 40, check 100
    assert rates.loc["h1"].tolist() == [1.0, 0.25, 100.0, True]
    # h2: 30 leads / 20 days, 3 / 30, check 200
    assert rates.loc["h2", "entries_per_day"] == pytest.approx(1.5)
    assert rates.loc["h2", "conversion"] == pytest.approx(0.1)
    # a farmer without leads: won deals are the entries, conversion 1
    assert rates.loc["f1"].tolist() == [0.4, 1.0, 200.0, True]
    # the new hire takes the medians of the hunters who have their own rates
    assert rates.loc["new", "entries_per_day"] == pytest.approx(1.25)
    assert rates.loc["new", "conversion"] == pytest.approx(0.175)
    assert rates.loc["new", "avg_check"] == pytest.approx(150.0)
    assert not rates.loc["new", "own"]


def test_fill_from_peers_falls_back_to_everyone():
    values = np.array([1.0, 3.0, np.nan])
    own = np.array([True, True, False])
    roles = np.array(["farmer", "farmer", "hunter"], dtype=object)
    assert fill_from_peers(values, own, roles).tolist() == [1.0, 3.0, 2.0]
