"""The weighted pipeline, observed stage-to-won rates, payment plans and plan coverage.

A deal's probability of paying comes from its stage (``params/control.yaml``, see
``salesplan.control.stages``); weighted amount = amount × probability, in kopecks. The
pipeline is the store's current state: open deals and outstanding invoices.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd

from salesplan.control.frames import isin
from salesplan.control.pace import safe_ratio
from salesplan.control.stages import probability, stage_position

PAYMENT_PLAN_COLUMNS = [
    "expected_date", "manager_id", "client_id", "client", "product", "annual_turnover",
    "kind", "deal_id", "stage", "amount", "probability", "weighted",
]


def open_deals(deals: pd.DataFrame, probabilities: dict[str, float]) -> pd.DataFrame:
    """Open deals with ``probability`` (0…1) and ``weighted`` = amount × probability."""
    deals = deals[deals["outcome"] == "open"]
    p = probability(deals, probabilities)
    return deals.assign(probability=p, weighted=deals["amount"] * p)


def weighted_pipeline(
    deals: pd.DataFrame,
    probabilities: dict[str, float],
    by: str | list[str] = "manager_id",
    until: date | None = None,
) -> pd.DataFrame:
    """Open deals grouped ``by``: ``deals``, ``amount``, ``weighted`` = Σ amount × probability.

    With ``until``, only deals expected (``expected_date``) by that date. Amounts and weights of
    deals without an amount or at an unlisted stage are unknown and left out of the sums
    (``unpriced`` counts them).
    """
    deals = open_deals(deals, probabilities)
    if until is not None:
        deals = deals[deals["expected_date"] <= pd.Timestamp(until)]
    return deals.groupby(by).agg(
        deals=("id", "size"),
        amount=("amount", "sum"),
        weighted=("weighted", "sum"),
        unpriced=("weighted", lambda w: int(w.isna().sum())),
    ).reset_index()


def observed_win_rates(deals: pd.DataFrame, stages: list[str],
                       probabilities: dict[str, float]) -> pd.DataFrame:
    """Share of the closed deals that reached each stage and were then won, beside the params.

    Of the deals closed (won or lost), ``reached`` = those at or past the stage (see
    ``stages.stage_position``), ``won`` = those of them won, ``observed`` = won / reached × 100,
    ``assumed`` = the stage's probability from the parameters, %.
    """
    closed = deals[deals["outcome"].isin(["won", "lost"])]
    pos = stage_position(closed, stages).to_numpy()
    is_won = (closed["outcome"] == "won").to_numpy()
    reached = pd.Series([(pos >= k).sum() for k in range(len(stages))], dtype="int64")
    won = pd.Series([((pos >= k) & is_won).sum() for k in range(len(stages))], dtype="int64")
    return pd.DataFrame({
        "stage": stages,
        "reached": reached,
        "won": won,
        "observed": safe_ratio(won * 100, reached),
        "assumed": [probabilities[s.strip().casefold()] * 100 for s in stages],
    })


def outstanding_invoices(payments: pd.DataFrame) -> pd.DataFrame:
    """Payments not yet received (no paid date): the invoices the clients still owe."""
    return payments[payments["date"].isna()]


def payment_plan(
    deals: pd.DataFrame,
    payments: pd.DataFrame,
    start: date | None,
    end: date,
    probabilities: dict[str, float],
    clients: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The payment plan (план оплат) of ``start``…``end`` (no lower bound when ``start`` is None).

    One row per expected payment: each outstanding invoice due in the period (``kind`` =
    ``invoice``; probability of its deal, 1 when the deal is won or unknown) and each open
    deal expected to pay in the period that has no outstanding invoice (``kind`` = ``deal``;
    its stage's probability). ``weighted`` = amount × probability. ``annual_turnover`` = the
    client's payments received in the 365 days before ``end``. Sorted by date and manager.
    """
    lo = pd.Timestamp.min if start is None else pd.Timestamp(start)
    hi = pd.Timestamp(end)
    invoices = outstanding_invoices(payments)
    due = invoices[(invoices["due_date"] >= lo) & (invoices["due_date"] <= hi)]
    due = due.merge(
        deals[["id", "client_id", "product", "stage", "outcome"]].rename(
            columns={"id": "deal_id", "client_id": "deal_client_id"}),
        on="deal_id", how="left")
    invoice_rows = due.assign(
        expected_date=due["due_date"],
        client_id=due["client_id"].fillna(due["deal_client_id"]),
        kind="invoice",
        probability=probability(due, probabilities).mask(due["outcome"].isna(), 1.0),
    )
    expected = open_deals(deals, probabilities)
    expected = expected[(expected["expected_date"] >= lo) & (expected["expected_date"] <= hi)
                        & ~isin(expected["id"], invoices["deal_id"])]
    deal_rows = expected.rename(columns={"id": "deal_id"}).assign(kind="deal")
    columns = [c for c in PAYMENT_PLAN_COLUMNS
               if c not in ("client", "annual_turnover", "weighted")]
    parts = [f[columns] for f in (invoice_rows, deal_rows) if len(f)]
    rows = pd.concat(parts, ignore_index=True) if parts else deal_rows[columns]
    rows = rows.astype({"amount": "float64", "probability": "float64"})
    paid = payments[payments["date"].notna()
                    & (payments["date"] > hi - timedelta(days=365)) & (payments["date"] <= hi)]
    turnover = paid["amount"].groupby(paid["client_id"]).sum()
    names = (clients.set_index("id")["name"] if clients is not None
             else pd.Series(dtype="string"))
    rows = rows.assign(
        client=rows["client_id"].map(names),
        annual_turnover=rows["client_id"].map(turnover).fillna(0).astype("int64"),
        weighted=rows["amount"] * rows["probability"],
    )
    return rows.sort_values(["expected_date", "manager_id", "deal_id"], kind="stable",
                            ignore_index=True)[PAYMENT_PLAN_COLUMNS]


def coverage(weighted, remaining_plan):
    """Coverage of the plan still to be met by the weighted pipeline, %.

    ``weighted / max(remaining_plan, 0) × 100``; NaN when nothing remains (the plan is met).
    """
    return safe_ratio(np.multiply(weighted, 100, dtype=float), np.maximum(remaining_plan, 0))
