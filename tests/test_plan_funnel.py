"""The reverse funnel (worked examples), each manager's funnel and activity rates from history,
and the norms they give."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from salesplan.plan.funnel import (
    ACTIVITY,
    activity_rates,
    ceil_count,
    fill_from_peers,
    funnel_rates,
    rates_per_entry,
    reverse_funnel,
)
from salesplan.plan.params import Rates

NORMS = ["calls_per_day", "minutes_per_day", "meetings_per_week", "proposals_per_week"]
COUNTS = ["deals", "leads", "proposals", "meetings", "calls"]


def no_history(n=1):
    """Activity per entry unknown for everyone: the parameters' rates apply."""
    return {name: np.full(n, np.nan) for name in ACTIVITY}


def test_worked_example_ten_million():
    # 10 млн at an average check of 200 000 and conversion 10 % → 50 deals, 500 leads
    rates = Rates(lead_to_proposal=1.0, meeting_to_lead=0.5, call_to_meeting=0.1,
                  minutes_per_call=3.0, workdays_per_week=5)
    out = reverse_funnel(np.array([10_000_000_00]), np.array([200_000_00.0]), np.array([0.10]),
                         no_history(), rates, working_days=20)
    assert out["deals"].tolist() == [50]
    assert out["leads"].tolist() == [500]
    assert out["proposals"].tolist() == [500]
    assert out["meetings"].tolist() == [1000]  # 500 leads / 0.5
    assert out["calls"].tolist() == [10_000]  # 1000 meetings / 0.1
    assert out["calls_per_day"][0] == pytest.approx(500.0)  # 10 000 calls / 20 days
    assert out["minutes_per_day"][0] == pytest.approx(1500.0)  # 3 minutes a call
    assert out["meetings_per_week"][0] == pytest.approx(250.0)  # 1000 / 20 × 5
    assert out["proposals_per_week"][0] == pytest.approx(125.0)


def test_a_farmers_norms_from_their_own_history():
    # Six months, 120 working days employed: 12 won deals for 2.4 млн (no leads: 12 entries,
    # conversion 1, check 200 000), 3 000 calls, 9 000 minutes, 60 meetings, 36 proposals —
    # per entry 250 calls, 750 minutes, 5 meetings, 3 proposals.
    managers = pd.DataFrame({"id": ["f1"], "role": ["farmer"]})
    funnel = pd.DataFrame({"manager_id": ["f1"], "ym": [100], "leads": [0], "won": [12],
                           "won_amount": [2_400_000_00]})
    done = pd.DataFrame({"manager_id": ["f1"], "ym": [100], "calls": [3000], "minutes": [9000.0],
                         "meetings": [60], "proposals": [36]})
    rates = funnel_rates(funnel, managers, range(100, 101), np.array([120]), np.array([False]), 5)
    per_entry = activity_rates(done, managers, range(100, 101), rates["entries"], rates["own"])
    assert per_entry.loc["f1"].tolist() == [250.0, 750.0, 5.0, 3.0]
    # A 20-day month planned at their pace, 2.4 млн / 120 × 20 = 400 000: 2 deals, 2 entries,
    # 500 calls (25 a day, as 3 000 / 120), 1 500 minutes (75 a day), 10 meetings (2.5 a week,
    # as 60 / 24 weeks), 6 proposals (1.5 a week).
    out = reverse_funnel(np.array([400_000_00]), rates["avg_check"], rates["conversion"],
                         {name: per_entry[name].to_numpy() for name in ACTIVITY}, Rates(), 20)
    assert [out[c][0] for c in COUNTS] == [2, 2, 6, 10, 500]
    assert [out[c][0] for c in NORMS] == pytest.approx([25.0, 75.0, 2.5, 1.5])


def test_parameters_rates_per_entry():
    rates = Rates(lead_to_proposal=0.8, meeting_to_lead=0.5, call_to_meeting=0.2, minutes_per_call=4)
    # 2 meetings a lead, 10 calls a lead, 40 minutes, 0.8 proposals
    assert rates_per_entry(rates) == pytest.approx(
        {"calls": 10.0, "minutes": 40.0, "meetings": 2.0, "proposals": 0.8})


def test_counts_round_up_but_not_on_floating_noise():
    assert ceil_count([50 / 0.1, 10.2, 0.0]).tolist() == [500, 11, 0]
    out = reverse_funnel(np.array([1_000_00]), np.array([0.0]), np.array([0.0]), no_history(),
                         Rates(), 21)
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
    assert rates.loc["h1"].tolist() == [1.0, 0.25, 100.0, True, 40]
    # h2: 30 leads / 20 days, 3 / 30, check 200
    assert rates.loc["h2", "entries_per_day"] == pytest.approx(1.5)
    assert rates.loc["h2", "conversion"] == pytest.approx(0.1)
    # a farmer without leads: won deals are the entries, conversion 1
    assert rates.loc["f1"].tolist() == [0.4, 1.0, 200.0, True, 8]
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


def test_won_deals_beyond_leads_count_as_entries():
    # a key-account manager with 2 leads and 10 won deals entered the funnel 10 times
    managers = pd.DataFrame({"id": ["k1"], "role": ["key_account"]})
    funnel = pd.DataFrame({"manager_id": ["k1"], "ym": [100], "leads": [2], "won": [10],
                           "won_amount": [5000]})
    rates = funnel_rates(funnel, managers, range(100, 101), np.array([20]), np.array([False]), 5)
    assert rates.loc["k1"].tolist() == [0.5, 1.0, 500.0, True, 10]


ACTIVITY_MANAGERS = pd.DataFrame({"id": ["h1", "h2", "f1", "new", "quiet"],
                                  "role": ["hunter", "hunter", "farmer", "hunter", "farmer"]})
ACTIVITY_DONE = pd.DataFrame({
    "manager_id": ["h1", "h1", "h2", "f1", "new", "h1"],
    "ym": [100, 101, 101, 101, 101, 99],  # ym 99 is outside the window
    "calls": [300, 500, 900, 400, 50, 10_000],
    "minutes": [900.0, 1500.0, 1800.0, 2000.0, 100.0, 1.0],
    "meetings": [10, 10, 15, 16, 1, 999],
    "proposals": [5, 5, 30, 8, 1, 999],
})


def test_activity_per_entry_from_history_and_peers():
    entries = np.array([40, 30, 8, 4, 6])
    own = np.array([True, True, True, False, True])
    got = activity_rates(ACTIVITY_DONE, ACTIVITY_MANAGERS, range(100, 102), entries, own)
    # h1: 800 calls, 2 400 minutes, 20 meetings, 10 proposals over 40 leads
    assert got.loc["h1"].tolist() == [20.0, 60.0, 0.5, 0.25]
    # h2: 900, 1 800, 15, 30 over 30 leads
    assert got.loc["h2"].tolist() == [30.0, 60.0, 0.5, 1.0]
    # f1, a farmer: 400, 2 000, 16, 8 over 8 won deals
    assert got.loc["f1"].tolist() == [50.0, 250.0, 2.0, 1.0]
    # the new hire takes the hunters' medians, the farmer with no call the farmers'
    assert got.loc["new"].tolist() == [25.0, 60.0, 0.5, 0.625]
    assert got.loc["quiet"].tolist() == got.loc["f1"].tolist()


def test_activity_per_entry_unknown_without_calls_so_the_parameters_apply():
    silent = ACTIVITY_DONE.assign(calls=0)
    got = activity_rates(silent, ACTIVITY_MANAGERS, range(100, 102), np.full(5, 10),
                         np.full(5, True))
    assert got.isna().all().all()
    out = reverse_funnel(np.full(5, 1_000_00), np.full(5, 100_00.0), np.full(5, 0.5),
                         {name: got[name].to_numpy() for name in ACTIVITY}, Rates(), 20)
    # 10 deals → 20 leads → 40 meetings (meeting_to_lead 0.5) → 400 calls (call_to_meeting 0.1)
    assert out["calls"].tolist() == [400] * 5 and out["meetings"].tolist() == [40] * 5


@settings(max_examples=200, deadline=None)
@given(
    months=st.integers(1, 12),
    working_days=st.integers(15, 23),
    leads=st.integers(0, 400),
    won=st.integers(5, 60),
    check=st.integers(10_000, 5_000_000),
    calls=st.integers(1, 20_000),
    minutes=st.floats(1, 50_000),
    meetings=st.integers(0, 600),
    proposals=st.integers(0, 600),
)
def test_a_plan_at_the_historical_pace_gives_the_historical_activity(
        months, working_days, leads, won, check, calls, minutes, meetings, proposals):
    # A window of ``months`` months of ``working_days`` each: a plan equal to the window's
    # average monthly won amount gives norms equal to the average activity per working day
    # (calls, minutes) and per five working days (meetings, proposals).
    managers = pd.DataFrame({"id": ["m"], "role": ["hunter"]})
    window = range(100, 100 + months)
    funnel = pd.DataFrame({"manager_id": ["m"], "ym": [100], "leads": [leads], "won": [won],
                           "won_amount": [won * check * 100]})
    done = pd.DataFrame({"manager_id": ["m"], "ym": [100], "calls": [calls], "minutes": [minutes],
                         "meetings": [meetings], "proposals": [proposals]})
    employed = months * working_days
    rates = funnel_rates(funnel, managers, window, np.array([employed]), np.array([False]), 5)
    per_entry = activity_rates(done, managers, window, rates["entries"], rates["own"])
    plan = np.array([won * check * 100 / months])
    out = reverse_funnel(plan, rates["avg_check"], rates["conversion"],
                         {name: per_entry[name].to_numpy() for name in ACTIVITY}, Rates(),
                         working_days)
    weeks = employed / 5
    assert [out[c][0] for c in NORMS] == pytest.approx(
        [calls / employed, minutes / employed, meetings / weeks, proposals / weeks], rel=1e-9)


@settings(max_examples=200, deadline=None)
@given(
    plans=st.lists(st.integers(0, 10**11), min_size=2, max_size=2).map(sorted),
    check=st.floats(1e4, 1e9),
    conversion=st.floats(0.01, 1.0),
    per_entry=st.fixed_dictionaries(
        {name: st.one_of(st.just(np.nan), st.floats(0, 500)) for name in ACTIVITY}),
    working_days=st.integers(1, 23),
)
def test_norms_grow_with_the_plan_in_proportion(plans, check, conversion, per_entry, working_days):
    low, high = plans
    out = reverse_funnel(np.array([low, high, 2 * high]), np.full(3, check), np.full(3, conversion),
                         {name: np.full(3, value) for name, value in per_entry.items()}, Rates(),
                         working_days)
    for name in COUNTS + NORMS:
        assert out[name][0] <= out[name][1] <= out[name][2]
    for name in NORMS:
        assert out[name][2] == pytest.approx(2 * out[name][1])
