"""Commission on payments: crediting every payment to its deal's manager (``payment_credits``,
with refunds and cancelled deals) against the baseline of summing the same payments per
manager and month (what the fact of plan/fact control does), for 10 000 and 100 000 payments.

Synthetic frames, no store: deals of 50 managers, two to three payments each, 2 % refunds and
1 % of the deals lost after payment. Median of several runs after a warm-up, wall-clock seconds.

    .venv/bin/python benchmarks/bench_pay_credits.py [--runs 3]
"""

from __future__ import annotations

import argparse

import numpy as np
import pandas as pd
from bench_control import median_seconds

from salesplan.motivation.credits import credited_months, payment_credits


def frames(n: int, seed: int = 7) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``n`` payments on ``n // 2.5`` deals (deterministic for a seed)."""
    rng = np.random.default_rng(seed)
    deals_n = int(n / 2.5)
    days = pd.date_range("2025-01-01", "2026-10-31", freq="D")
    amount = rng.integers(50_000, 500_000, deals_n) * 100
    lost = rng.random(deals_n) < 0.01
    deals = pd.DataFrame({
        "id": [f"d{i}" for i in range(deals_n)], "manager_id": [f"m{i % 50:02d}" for i in range(deals_n)],
        "amount": amount.astype(float), "margin": (amount * 0.25).astype(float),
        "outcome": np.where(lost, "lost", "won"), "closed": days[rng.integers(len(days), size=deals_n)],
        "stage_changed": pd.NaT,
    })
    deal = rng.integers(deals_n, size=n)
    paid = (amount[deal] * rng.uniform(0.3, 0.6, n)).astype("int64")
    refund = rng.random(n) < 0.02
    payments = pd.DataFrame({
        "id": [f"p{i}" for i in range(n)], "deal_id": [f"d{i}" for i in deal],
        "manager_id": [f"m{i % 50:02d}" for i in deal], "amount": np.where(refund, -paid, paid),
        "date": days[rng.integers(len(days), size=n)],
    })
    return payments, deals


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    print(f"{'payments':>10} {'baseline s':>11} {'credits s':>10} {'ratio':>7}")
    for n in (10_000, 100_000):
        payments, deals = frames(n)
        def summed(p=payments):
            return p.groupby(["manager_id", p["date"].dt.to_period("M")])["amount"].sum()

        def credited(p=payments, d=deals):
            return credited_months(payment_credits(p, d), "2026-10")

        baseline, credits = median_seconds(summed, runs), median_seconds(credited, runs)
        print(f"{n:>10} {baseline:>11.3f} {credits:>10.3f} {credits / baseline:>7.1f}")


if __name__ == "__main__":
    main()
