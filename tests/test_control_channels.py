"""Lead channels and kinds of calls, by hand."""

from datetime import date

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from salesplan.control.channels import call_kinds, channels, first_purchases
from salesplan.control.params import ControlParams

K = 100  # kopecks in a rouble
T = pd.Timestamp
NOV = (date(2026, 11, 1), date(2026, 11, 30))

LEADS = pd.DataFrame({
    "id": ["L1", "L2", "L3", "L4", "L5", "L6", "L7"],
    "created": [T(2026, 11, 2), T(2026, 11, 3), T(2026, 11, 4), T(2026, 11, 5), T(2026, 11, 6),
                T(2026, 11, 7), T(2026, 10, 30)],
    "source": ["Сайт", "Сайт", "Сайт", "Сайт", "Директ", None, "Сайт"],
    "deal_id": ["D1", None, "D2", None, "D3", None, "D5"],
})
DEALS = pd.DataFrame({
    "id": ["D1", "D2", "D3", "D4", "D5"],
    "source": [None, "Сайт", None, "Рекомендация", None],
    "outcome": ["won", "lost", "won", "won", "won"],
    "closed": [T(2026, 11, 20), T(2026, 11, 21), T(2026, 11, 25), T(2026, 11, 26), T(2026, 10, 31)],
    "amount": [100_000 * K, 0, 300_000 * K, 50_000 * K, 70_000 * K],
    "client_id": ["X", "Y", "Z", "W", "X"],
})


def test_channels_by_hand():
    spend = {"Сайт": 40_000 * K, "Директ": 100_000 * K, "Выставка": 20_000 * K}
    t = channels(LEADS, DEALS, *NOV, spend).set_index("channel")
    assert t.index.tolist() == ["Директ", "Сайт", "Рекомендация", "", "Выставка"]
    site = t.loc["Сайт"]  # L1–L4 (L7 is October's); D1 won through its lead, D2 lost
    assert (site["leads"], site["converted"], site["deals_won"], site["won_amount"]) == (4, 2, 1, 100_000 * K)
    assert site["lead_to_deal"] == 50 and site["avg_check"] == 100_000 * K
    assert site["cost_per_lead"] == 10_000 * K and site["roi"] == pytest.approx(150)
    direct = t.loc["Директ"]
    assert direct["roi"] == pytest.approx(200) and direct["cost_per_lead"] == 100_000 * K
    referral = t.loc["Рекомендация"]  # a won deal with no lead, no spend given
    assert referral["won_amount"] == 50_000 * K and pd.isna(referral["spend"]) and pd.isna(referral["roi"])
    assert pd.isna(referral["lead_to_deal"])
    unknown = t.loc[""]
    assert (unknown["leads"], unknown["converted"], unknown["lead_to_deal"]) == (1, 0, 0)
    fair = t.loc["Выставка"]  # money spent, nothing came
    assert fair["leads"] == 0 and pd.isna(fair["cost_per_lead"]) and fair["roi"] == pytest.approx(-100)


def test_call_kinds_by_hand():
    payments = pd.DataFrame({"client_id": ["Z", "Q"], "date": [T(2026, 11, 8), pd.NaT]})
    first = first_purchases(DEALS, payments)
    # X first bought on 31.10 (D5), Z on 8.11 (a payment before D3 closed), W on 26.11
    assert first.to_dict() == {"W": T(2026, 11, 26), "X": T(2026, 10, 31), "Z": T(2026, 11, 8)}
    calls = pd.DataFrame({
        "manager_id": ["a"] * 6 + ["b"],
        "started_at": [T(2026, 11, 10, 9), T(2026, 11, 8, 15), T(2026, 11, 9), T(2026, 11, 9, 10),
                       T(2026, 11, 11), T(2026, 11, 12), T(2026, 11, 12)],
        "direction": ["out", "out", "out", "in", "out", "out", "out"],
        "client_id": ["X", "Z", None, "X", "Y", "Z", "W"],
    })
    # a: X after its purchase (warm), Z on the day it first paid (cold), no client (cold), an
    # incoming call, Y never bought (cold), Z after (warm); b: W before it bought (cold)
    kinds = call_kinds(calls, first).set_index("manager_id")
    assert kinds.loc["a"].to_dict() == {"cold": 3, "warm": 2, "inbound": 1}
    assert kinds.loc["b"].to_dict() == {"cold": 1, "warm": 0, "inbound": 0}


def test_spend_over_the_months_of_a_period():
    params = ControlParams(channel_spend={"2026-10": {"Сайт": 100}, "2026-11": {"Сайт": 50.5, "Директ": 10}})
    assert params.channel_spend_kopecks(["2026-10", "2026-11"]) == {"Сайт": 15_050, "Директ": 1_000}
    assert params.channel_spend_kopecks(["2026-12"]) == {}


@given(st.lists(st.tuples(st.sampled_from(["a", "b", None]), st.booleans()), max_size=40))
def test_every_lead_counts_once(rows):
    leads = pd.DataFrame({"created": pd.Series([T(2026, 11, 1)] * len(rows), dtype="datetime64[ns]"),
                          "source": [r[0] for r in rows],
                          "deal_id": [f"d{i}" if r[1] else None for i, r in enumerate(rows)]})
    empty = DEALS.iloc[0:0]
    t = channels(leads, empty, *NOV)
    assert t["leads"].sum() == len(rows) and t["converted"].sum() == sum(r[1] for r in rows)
