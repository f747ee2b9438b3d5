"""Receivables (дебиторская задолженность): what clients owe as of a date, aged by days overdue."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from salesplan.control.frames import lookup
from salesplan.control.pace import safe_ratio

BUCKETS = ["current", "1-30", "31-60", "61-90", "90+", "no_due_date"]
OVERDUE = ["1-30", "31-60", "61-90", "90+"]


def aging_bucket(days_overdue: pd.Series) -> pd.Series:
    """Bucket of each debt by whole days past its due date.

    ≤ 0 → ``current``, 1–30, 31–60, 61–90, ≥ 91 → ``90+``; missing → ``no_due_date``.
    """
    d = days_overdue.to_numpy(dtype=float)
    labels = np.select(
        [np.isnan(d), d <= 0, d <= 30, d <= 60, d <= 90],
        ["no_due_date", "current", "1-30", "31-60", "61-90"],
        "90+",
    )
    return pd.Series(pd.Categorical(labels, categories=BUCKETS), index=days_overdue.index)


def receivables(payments: pd.DataFrame, deals: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """Debts outstanding at the end of ``as_of``, with ``days_overdue`` and ``bucket``.

    An invoice (a payment row) is outstanding when it has no paid date or was paid after
    ``as_of``, and it existed then: its deal closed on or before ``as_of`` (or the deal is
    unknown or still open). ``days_overdue`` = as_of − due date, in days. A debt without a
    client takes its deal's client, else "".
    """
    as_of_ts = pd.Timestamp(as_of)
    deal = deals.set_index("id")
    closed = lookup(payments["deal_id"], deal["closed"])
    unpaid = payments["date"].isna() | (payments["date"] > as_of_ts)
    existed = closed.isna() | (closed <= as_of_ts)
    owed = payments[unpaid & existed]
    days = (as_of_ts - owed["due_date"]).dt.days
    client = owed["client_id"].fillna(lookup(owed["deal_id"], deal["client_id"])).fillna("")
    return owed.assign(client_id=client, days_overdue=days, bucket=aging_bucket(days))


def aging(debts: pd.DataFrame, by: str = "manager_id") -> pd.DataFrame:
    """Debts of ``receivables`` summed per ``by`` and bucket, in kopecks.

    Columns: the buckets, ``total``, ``overdue`` (1 day and more) and ``overdue_share`` =
    overdue / total × 100. One row per value of ``by`` (``manager_id``, ``client_id``).
    """
    table = debts.pivot_table(index=by, columns="bucket", values="amount", aggfunc="sum",
                              fill_value=0, observed=False)
    table = table.reindex(columns=BUCKETS, fill_value=0).astype("int64")
    table.columns = list(table.columns)
    table["total"] = table[BUCKETS].sum(axis=1)
    table["overdue"] = table[OVERDUE].sum(axis=1)
    table["overdue_share"] = safe_ratio(table["overdue"] * 100, table["total"])
    return table.reset_index()


def overdue_share(debts: pd.DataFrame) -> float:
    """Overdue debt / all debt × 100; NaN when nothing is owed."""
    overdue = debts["amount"][debts["bucket"].isin(OVERDUE)].sum()
    return safe_ratio(overdue * 100, debts["amount"].sum())


def top_debtors(debts: pd.DataFrame, n: int = 10) -> pd.DataFrame:
    """The ``n`` clients owing the most overdue debt (then the most debt).

    Columns: ``client_id``, ``total``, ``overdue``, ``max_days_overdue`` (0 when nothing is
    overdue yet), ``manager_id`` (the manager of the client's largest debt).
    """
    debts = debts.assign(overdue=debts["amount"].where(debts["bucket"].isin(OVERDUE), 0))
    grouped = debts.groupby("client_id")
    table = pd.DataFrame({
        "total": grouped["amount"].sum(),
        "overdue": grouped["overdue"].sum(),
        "max_days_overdue": grouped["days_overdue"].max().clip(lower=0),
        "manager_id": debts.sort_values("amount", ascending=False)
        .drop_duplicates("client_id").set_index("client_id")["manager_id"],
    })
    return (table.sort_values(["overdue", "total"], ascending=False).head(n)
            .rename_axis("client_id").reset_index())
