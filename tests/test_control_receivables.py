"""Receivables aging: the bucket boundaries, what is outstanding as of a date, top debtors."""

import math
from datetime import date, timedelta

import pandas as pd
import pytest

from salesplan.control.receivables import aging, aging_bucket, overdue_share, receivables, top_debtors

AS_OF = date(2026, 11, 30)


@pytest.mark.parametrize(
    ("days", "bucket"),
    [(-10, "current"), (0, "current"), (1, "1-30"), (30, "1-30"), (31, "31-60"), (60, "31-60"),
     (61, "61-90"), (90, "61-90"), (91, "90+"), (400, "90+"), (None, "no_due_date")],
)
def test_bucket_boundaries(days, bucket):
    assert aging_bucket(pd.Series([days], dtype="float64")).iloc[0] == bucket


def payment(pid, amount, due_days_ago, paid=None, deal=None, client="k1", manager="a"):
    due = None if due_days_ago is None else AS_OF - timedelta(days=due_days_ago)
    return (pid, paid, amount, client, deal, manager, due)


PAYMENTS = pd.DataFrame([
    payment("p30", 100, 30),
    payment("p31", 200, 31),
    payment("p90", 400, 90, client="k2"),
    payment("p91", 800, 91, client="k2", manager="b"),
    payment("due_today", 1_000, 0, client="k3"),
    payment("no_due", 5, None, client=None, deal="d1"),
    payment("paid_before", 9_999, 10, paid="2026-11-20"),  # settled before the as-of date
    payment("paid_after", 50, 10, paid="2026-12-03"),  # owed at the end of November
    payment("future_deal", 7_777, -30, deal="d2"),  # its deal closed after the as-of date
], columns=["id", "date", "amount", "client_id", "deal_id", "manager_id", "due_date"])
PAYMENTS["date"] = pd.to_datetime(PAYMENTS["date"])
PAYMENTS["due_date"] = pd.to_datetime(PAYMENTS["due_date"])
DEALS = pd.DataFrame({"id": ["d1", "d2"], "client_id": ["k4", "k5"],
                      "closed": pd.to_datetime(["2026-11-02", "2026-12-05"])})


def test_outstanding_as_of_and_days_overdue():
    debts = receivables(PAYMENTS, DEALS, AS_OF).set_index("id")
    assert sorted(debts.index) == sorted(
        ["p30", "p31", "p90", "p91", "due_today", "no_due", "paid_after"])
    assert debts.loc["p31", "days_overdue"] == 31 and debts.loc["p31", "bucket"] == "31-60"
    assert debts.loc["p91", "bucket"] == "90+" and debts.loc["p90", "bucket"] == "61-90"
    assert debts.loc["no_due", "bucket"] == "no_due_date"
    assert debts.loc["no_due", "client_id"] == "k4"  # the deal's client


def test_aging_by_manager_and_share():
    debts = receivables(PAYMENTS, DEALS, AS_OF)
    table = aging(debts).set_index("manager_id")
    a = table.loc["a"]
    assert (a["current"], a["1-30"], a["31-60"], a["61-90"], a["90+"], a["no_due_date"]) == (
        1_000, 150, 200, 400, 0, 5)
    assert a["total"] == 1_755 and a["overdue"] == 750
    assert a["overdue_share"] == pytest.approx(750 / 1_755 * 100)
    assert table.loc["b", "90+"] == 800 and table.loc["b", "overdue_share"] == 100
    assert overdue_share(debts) == pytest.approx(1_550 / 2_555 * 100)
    by_client = aging(debts, by="client_id").set_index("client_id")
    assert by_client.loc["k2", "overdue"] == 1_200
    assert math.isnan(overdue_share(debts.iloc[:0]))


def test_top_debtors():
    top = top_debtors(receivables(PAYMENTS, DEALS, AS_OF), n=2)
    assert top["client_id"].tolist() == ["k2", "k1"]
    assert top.loc[0, "overdue"] == 1_200 and top.loc[0, "max_days_overdue"] == 91
    assert top.loc[0, "manager_id"] == "b"  # manager of k2's largest debt
    assert top.loc[1, "total"] == 350
    everyone = top_debtors(receivables(PAYMENTS, DEALS, AS_OF), n=10)
    assert (everyone["max_days_overdue"].dropna() >= 0).all()  # NaN: no due date
    assert (everyone.loc[everyone["overdue"] == 0, "max_days_overdue"].dropna() == 0).all()
