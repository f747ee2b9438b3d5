"""Lead channels and the kinds of calls.

Channels (``channels``), per lead source over a period: ``leads`` created, ``converted`` of them
to a deal, ``lead_to_deal`` = converted / leads × 100; ``deals_won``: deals closed won in the period
from the source (the deal's own source, else its lead's) and their ``won_amount``;
``avg_check`` = won_amount / deals_won; with the channel's ``spend`` (``channel_spend`` in
``params/control.yaml``): ``cost_per_lead`` = spend / leads and ``roi`` = (won_amount − spend) /
spend × 100. Leads and deals without a source are one channel, «не указан».

Calls (``call_kinds``), per manager: ``inbound`` (direction ``in``), and outgoing calls split by
whom they reached: ``warm`` — a client who had bought before the call's day (a won deal closed
or a payment received earlier), ``cold`` — anyone else (a client who never bought, or a number
with no client).
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd

from salesplan.control.frames import lookup
from salesplan.control.pace import safe_ratio

UNKNOWN = ""  # the source of leads and deals that name none
CHANNEL_COLUMNS = ["channel", "leads", "converted", "lead_to_deal", "deals_won", "won_amount", "avg_check",
                   "spend", "cost_per_lead", "roi"]
CALL_KINDS = ["cold", "warm", "inbound"]


def _inside(dates: pd.Series, start: date, end: date) -> pd.Series:
    return (dates >= pd.Timestamp(start)) & (dates < pd.Timestamp(end + timedelta(days=1)))


def channels(leads: pd.DataFrame, deals: pd.DataFrame, start: date, end: date,
             spend: dict[str, int] | None = None) -> pd.DataFrame:
    """``CHANNEL_COLUMNS`` per source (``channel``) of ``start``…``end`` (see the module), largest won amount
    first; ``spend`` in kopecks by source (missing: unknown)."""
    new = leads[_inside(leads["created"], start, end)]
    lead_source = leads.dropna(subset=["deal_id"]).drop_duplicates("deal_id").set_index("deal_id")["source"]
    won = deals[(deals["outcome"] == "won") & _inside(deals["closed"], start, end)]
    won_source = won["source"].fillna(won["id"].map(lead_source))
    parts = {
        "leads": new.groupby(new["source"].fillna(UNKNOWN)).size(),
        "converted": new["deal_id"].notna().groupby(new["source"].fillna(UNKNOWN)).sum(),
        "deals_won": won.groupby(won_source.fillna(UNKNOWN)).size(),
        "won_amount": won["amount"].fillna(0).groupby(won_source.fillna(UNKNOWN)).sum(),
    }
    table = pd.DataFrame(parts).fillna(0).astype("int64")
    spent = pd.Series(spend or {}, dtype="float64")
    table = table.reindex(table.index.union(spent.index), fill_value=0)
    table["spend"] = spent.reindex(table.index)
    table["lead_to_deal"] = safe_ratio(table["converted"] * 100, table["leads"])
    table["avg_check"] = safe_ratio(table["won_amount"], table["deals_won"])
    table["cost_per_lead"] = safe_ratio(table["spend"], table["leads"])
    table["roi"] = safe_ratio((table["won_amount"] - table["spend"]) * 100, table["spend"])
    table = table.rename_axis("channel").reset_index()
    return table.sort_values(["won_amount", "leads"], ascending=False, kind="stable")[CHANNEL_COLUMNS] \
        .reset_index(drop=True)


def first_purchases(deals: pd.DataFrame, payments: pd.DataFrame) -> pd.Series:
    """Each client's first purchase day: its earliest won deal's closing or paid payment."""
    won = deals[(deals["outcome"] == "won") & deals["closed"].notna()]
    paid = payments[payments["date"].notna()]
    days = pd.concat([won.set_index("client_id")["closed"], paid.set_index("client_id")["date"]])
    days = days[days.index.notna()]
    return days.groupby(level=0).min()


def call_kinds(calls: pd.DataFrame, first_purchase: pd.Series) -> pd.DataFrame:
    """Per manager: the number of ``cold``, ``warm`` and ``inbound`` calls (see the module)."""
    day = calls["started_at"].dt.normalize()
    bought_before = lookup(calls["client_id"], first_purchase) < day
    kind = np.where(calls["direction"] == "in", "inbound",
                    np.where(bought_before.fillna(False), "warm", "cold"))
    counts = pd.crosstab(calls["manager_id"], pd.Categorical(kind, categories=CALL_KINDS),
                         dropna=False)
    return counts.reindex(columns=CALL_KINDS, fill_value=0).rename_axis(index="manager_id", columns=None) \
        .reset_index()
