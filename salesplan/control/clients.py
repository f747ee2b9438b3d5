"""Clients over a year: revenue, ABC and XYZ classes, key clients, purchase rhythm and churn.

Purchases are the fact's events per client (``purchases``): won deals on their closing date, or
paid payments on their date (a payment without a client takes its deal's). The table covers the
12 months to the end of a month (``window``) and compares them with the 12 months before.

- ``share`` = the client's revenue / the revenue of all purchases of the window (purchases
  without a client count in the total and are reported apart).
- ABC: clients by revenue, largest first; **A** when the clients before it (those with a larger
  revenue: equal revenues share a class) make less than ``abc[0]`` % of the revenue, **B** less
  than ``abc[1]`` %, else **C**.
- XYZ: the coefficient of variation of the client's revenue by month over the window's 12 months
  (months without a purchase are 0): σ / mean × 100, σ of the population; **X** below ``xyz[0]``
  %, **Y** below ``xyz[1]`` %, else **Z**.
- ``avg_interval``: mean days between consecutive purchase dates, all history to the month's end
  (unknown with one purchase date); ``churn``: no purchase for more than ``churn_factor`` × that
  interval, or ``one_off_days`` for a client with one purchase date, counted to the month's end.
- ``growth`` = revenue / revenue of the 12 months before − 1 (unknown when that was 0).
- **key**: the client's share of profit is at least ``key_share`` %: profit is the margin of the
  won deals of the window when any has one (``basis`` = ``margin``), else revenue (``revenue``).
Clients who bought only in the year before are listed too (revenue 0, no class, churned).

A client's **owner** (``owners``) is their manager in the clients table, else the manager with the
largest amount of their purchases. A **new client** of a period (``new_clients``, the one
definition every report and pay use) is one whose first purchase ever falls in it, credited to the
manager of that purchase; the **active clients** of a day (``active_clients``) are those with a
purchase from the start of the ``active_months``-th month back (the day's month counts as the
first) to that day, per owner.

Per manager (``accounts``, the key-account view): the window's revenue and its growth, clients
active in the last ``active_months`` months to the month's end, new clients (first purchase ever
in the month), key clients and the growth of their revenue.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

from salesplan.control.frames import Frames, lookup
from salesplan.periods import Month

COLUMNS = ["client_id", "manager_id", "revenue", "margin", "share", "abc", "xyz", "cv", "purchases",
           "avg_interval", "last_purchase", "days_since", "churn", "previous", "growth", "profit_share",
           "key"]
MONTHS = 12


class ClientParams(BaseModel):
    """``clients`` in ``params/control.yaml``: the class thresholds and the churn rule."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    abc: tuple[float, float] = (80, 95)  # percent of revenue before the client: A below, B below
    xyz: tuple[float, float] = (10, 25)  # percent coefficient of variation: X below, Y below
    key_share: float = Field(default=10, gt=0, le=100)  # percent of profit that makes a key client
    churn_factor: float = Field(default=2, gt=0)
    one_off_days: int = Field(default=90, ge=1)
    active_months: int = Field(default=3, ge=1, le=12)  # a client is active with a purchase in them


@dataclass(frozen=True)
class ClientTable:
    """The clients of ``month``: the table (``COLUMNS``), what profit was measured by, and the
    purchases without a client (their revenue and count) — in the totals, listed apart."""

    month: Month
    table: pd.DataFrame
    basis: str  # "margin" or "revenue"
    total: int  # kopecks: every purchase of the window, with or without a client
    unassigned_revenue: int
    unassigned_purchases: int
    bought: pd.DataFrame  # every purchase to the month's end (``purchases``)


def purchases(frames: Frames, source: str) -> pd.DataFrame:
    """``client_id, manager_id, date, amount, margin`` per purchase of the fact ``source``."""
    deals = frames.deals
    if source == "won_deals":
        won = deals[(deals["outcome"] == "won") & deals["closed"].notna()]
        return pd.DataFrame({"client_id": won["client_id"], "manager_id": won["manager_id"],
                             "date": won["closed"], "amount": won["amount"].fillna(0).astype("int64"),
                             "margin": won["margin"].astype("float64")}).reset_index(drop=True)
    paid = frames.payments[frames.payments["date"].notna()]
    by_deal = deals.set_index("id")["client_id"]
    client = paid["client_id"].fillna(paid["deal_id"].map(by_deal))
    return pd.DataFrame({"client_id": client, "manager_id": paid["manager_id"], "date": paid["date"],
                         "amount": paid["amount"].astype("int64"),
                         "margin": np.nan}).reset_index(drop=True)


def abc_classes(revenue: pd.Series, total: float, thresholds: tuple[float, float]) -> pd.Series:
    """A, B or C per client from its revenue (see the module): by the share of those larger."""
    by_value = revenue.groupby(revenue).sum().sort_index(ascending=False)
    larger = revenue.map(by_value.cumsum().shift(fill_value=0)) * 100 / total if total else revenue * 0
    return pd.Series(np.where(larger < thresholds[0], "A", np.where(larger < thresholds[1], "B", "C")),
                     index=revenue.index)


def xyz_classes(monthly: pd.DataFrame, thresholds: tuple[float, float]) -> tuple[pd.Series, pd.Series]:
    """The coefficient of variation (percent) of each row of ``monthly`` and its X, Y or Z."""
    mean = monthly.mean(axis=1)
    cv = (monthly.std(axis=1, ddof=0) / mean.where(mean > 0)) * 100
    xyz = np.where(cv < thresholds[0], "X", np.where(cv < thresholds[1], "Y", "Z"))
    return cv, pd.Series(np.where(cv.isna(), None, xyz), index=monthly.index, dtype=object)


def rhythm(dates: pd.DataFrame, as_of: date, params: ClientParams) -> pd.DataFrame:
    """Per client of ``dates`` (``client_id, date``): ``avg_interval``, ``last_purchase``,
    ``days_since`` and ``churn`` (see the module)."""
    days = dates.drop_duplicates().sort_values(["client_id", "date"])
    gaps = days.groupby("client_id")["date"].diff().dt.days
    out = pd.DataFrame({
        "avg_interval": gaps.groupby(days["client_id"]).mean(),
        "last_purchase": days.groupby("client_id")["date"].max(),
    })
    out["days_since"] = (pd.Timestamp(as_of) - out["last_purchase"]).dt.days
    limit = (out["avg_interval"] * params.churn_factor).fillna(params.one_off_days)
    out["churn"] = out["days_since"] > limit
    return out


def client_table(frames: Frames, source: str, month: Month, params: ClientParams) -> ClientTable:
    """The clients of the 12 months to the end of ``month`` (see the module)."""
    first = (month - (MONTHS - 1)).start
    before = (month - (2 * MONTHS - 1)).start
    end = month.end
    bought = purchases(frames, source)
    bought = bought[bought["date"] <= pd.Timestamp(end)]
    year = bought[bought["date"] >= pd.Timestamp(first)]
    prior = bought[(bought["date"] >= pd.Timestamp(before)) & (bought["date"] < pd.Timestamp(first))]
    named, prior_named = year[year["client_id"].notna()], prior[prior["client_id"].notna()]
    total = int(year["amount"].sum())

    revenue = named.groupby("client_id")["amount"].sum()
    clients = revenue.index.union(prior_named["client_id"].unique())
    table = pd.DataFrame(index=pd.Index(clients, name="client_id"))
    table["revenue"] = revenue.reindex(clients, fill_value=0).astype("int64")
    margins = named.dropna(subset=["margin"])
    table["margin"] = margins.groupby("client_id")["margin"].sum().reindex(clients)
    table["share"] = table["revenue"] / total if total else np.nan
    buyers = table.index[table["revenue"] > 0]
    table["abc"] = abc_classes(table.loc[buyers, "revenue"], total, params.abc).reindex(clients)
    monthly = (named.assign(month=named["date"].dt.to_period("M"))
               .pivot_table(index="client_id", columns="month", values="amount", aggfunc="sum")
               .reindex(index=buyers, columns=pd.period_range(first, end, freq="M"), fill_value=0)
               .fillna(0))
    table["cv"], table["xyz"] = (s.reindex(clients) for s in xyz_classes(monthly, params.xyz))
    table["purchases"] = named.groupby("client_id").size().reindex(clients, fill_value=0)
    table = table.join(rhythm(bought.loc[bought["client_id"].notna(), ["client_id", "date"]], end, params))
    table["previous"] = prior_named.groupby("client_id")["amount"].sum().reindex(clients, fill_value=0)
    table["growth"] = table["revenue"] / table["previous"].where(table["previous"] > 0) - 1
    basis = "margin" if named["margin"].notna().any() else "revenue"
    profit = table["margin"].fillna(0) if basis == "margin" else table["revenue"].astype("float64")
    total_profit = (year["margin"].fillna(0).sum() if basis == "margin" else total)
    table["profit_share"] = profit / total_profit if total_profit else np.nan
    table["key"] = table["profit_share"] * 100 >= params.key_share
    table["manager_id"] = owners(frames.clients, pd.concat([named, prior_named])).reindex(clients)
    table = table.reset_index().sort_values(["revenue", "client_id"], ascending=[False, True],
                                            kind="stable").reset_index(drop=True)
    loose = year[year["client_id"].isna()]
    return ClientTable(month, table[COLUMNS], basis, total, int(loose["amount"].sum()), len(loose), bought)


def owners(clients: pd.DataFrame, bought: pd.DataFrame) -> pd.Series:
    """client_id → owner: the manager of the clients table (``id, manager_id``), else the manager
    with the largest amount of the client's purchases in ``bought``."""
    top = (bought[bought["client_id"].notna()].groupby(["client_id", "manager_id"])["amount"].sum()
           .reset_index().sort_values("amount", ascending=False, kind="stable")
           .drop_duplicates("client_id").set_index("client_id")["manager_id"])
    listed = clients.dropna(subset=["manager_id"]).set_index("id")["manager_id"]
    ids = top.index.union(listed.index)
    return listed.reindex(ids).fillna(top.reindex(ids)).rename_axis("client_id")


def first_purchases(bought: pd.DataFrame) -> pd.DataFrame:
    """Each client's first purchase in ``bought`` (``purchases``): ``client_id, manager_id, date``
    (on a day with several, the first row of that day)."""
    named = bought[bought["client_id"].notna()]
    return (named.sort_values("date", kind="stable").drop_duplicates("client_id")
            [["client_id", "manager_id", "date"]].reset_index(drop=True))


def new_clients(bought: pd.DataFrame, start: date, end: date) -> pd.Series:
    """Per manager: clients whose first purchase ever (in ``bought``) falls in ``start``…``end``,
    credited to the manager of that purchase."""
    first = first_purchases(bought)
    inside = first[(first["date"] >= pd.Timestamp(start)) & (first["date"] <= pd.Timestamp(end))]
    return inside.groupby("manager_id").size().rename("new_clients")


def active_since(day: date, active_months: int) -> date:
    """The first day a purchase keeps a client active on ``day``: the start of the
    ``active_months``-th month back, ``day``'s month counted as the first."""
    return (Month.of(day) - (active_months - 1)).start


def active_clients(bought: pd.DataFrame, owner: pd.Series, day: date, active_months: int) -> pd.Series:
    """Per owner (``owners``): clients with a purchase from ``active_since(day)`` to ``day``."""
    recent = bought[(bought["date"] >= pd.Timestamp(active_since(day, active_months)))
                    & (bought["date"] <= pd.Timestamp(day)) & bought["client_id"].notna()]
    ids = pd.Series(recent["client_id"].unique())
    return lookup(ids, owner).value_counts().rename("active_clients").rename_axis("manager_id")


ACCOUNT_COLUMNS = ["manager_id", "revenue", "previous", "growth", "clients", "active", "new",
                   "key_clients", "key_revenue", "key_growth"]


def accounts(found: ClientTable, params: ClientParams) -> pd.DataFrame:
    """The key-account view (``ACCOUNT_COLUMNS``) per manager of the clients' table: ``clients``
    bought in the window, ``active`` in its last ``active_months`` months, ``new`` first bought in
    the month; ``key_growth`` = key clients' revenue / theirs a year before − 1."""
    t = found.table[found.table["manager_id"].notna()]
    named = found.bought[found.bought["client_id"].notna()]
    recent = (found.month - (params.active_months - 1)).start
    last = lookup(t["client_id"], named.groupby("client_id")["date"].max())
    first = lookup(t["client_id"], named.groupby("client_id")["date"].min())
    t = t.assign(bought=t["revenue"] > 0, active=last >= pd.Timestamp(recent),
                 new=first >= pd.Timestamp(found.month.start))
    by = t.groupby("manager_id")
    key = t[t["key"]].groupby("manager_id")
    out = pd.DataFrame({
        "revenue": by["revenue"].sum(),
        "previous": by["previous"].sum(),
        "clients": by["bought"].sum(),
        "active": by["active"].sum(),
        "new": by["new"].sum(),
        "key_clients": key.size(),
        "key_revenue": key["revenue"].sum(),
        "key_previous": key["previous"].sum(),
    })
    out[["key_clients", "key_revenue", "key_previous"]] = out[
        ["key_clients", "key_revenue", "key_previous"]].fillna(0).astype("int64")
    out["growth"] = out["revenue"] / out["previous"].where(out["previous"] > 0) - 1
    out["key_growth"] = out["key_revenue"] / out["key_previous"].where(out["key_previous"] > 0) - 1
    return (out.rename_axis("manager_id").reset_index()
            .sort_values("revenue", ascending=False, kind="stable")[ACCOUNT_COLUMNS].reset_index(drop=True))
