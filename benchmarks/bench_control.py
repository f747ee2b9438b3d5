"""The summary report (сводный отчёт) on 1,000,000 rows and 200 managers vs a bare groupby-sum.

Generates one month of 1,000,000 payments (fact source ``payments``) and of 1,000,000 won deals
(fact source ``won_deals``) for 200 managers, with each manager's plan of record per working
day. Times, as of a date in the month, the fact lines plus ``summary_report`` against a bare
``frame.groupby("manager_id")["amount"].sum()`` over the same frame. Median of several runs.

    .venv/bin/python benchmarks/bench_control.py [--rows 1000000] [--managers 200] [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import date

import numpy as np
import pandas as pd

from salesplan.calendar import default_calendar
from salesplan.control.frames import Frames, fact_lines
from salesplan.control.summary import summary_report

AS_OF = date(2026, 10, 21)
TARGET = 3.0


def generate(rows: int, managers: int, seed: int = 11) -> tuple[Frames, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    cal = default_calendar()
    days = pd.DatetimeIndex(cal.working_dates(AS_OF.year, AS_OF.month))
    ids = np.array([f"m{i:04d}" for i in range(managers)], dtype=object)
    owner = pd.array(ids[rng.integers(0, managers, rows)], dtype="str")
    dates = days[rng.integers(0, len(days), rows)]
    amount = rng.integers(1_000, 500_000, rows, dtype="int64") * 100
    payments = pd.DataFrame({
        "id": pd.array([f"p{i}" for i in range(rows)], dtype="str"),
        "date": dates, "amount": amount, "manager_id": owner,
    })
    deals = pd.DataFrame({
        "id": pd.array([f"d{i}" for i in range(rows)], dtype="str"),
        "manager_id": owner, "amount": amount.astype("float64"), "closed": dates,
        "outcome": pd.array(["won"] * rows, dtype="str"),
    })
    empty = pd.DataFrame()
    frames = Frames("", empty, empty, deals, payments, empty, empty)
    plan = pd.DataFrame({
        "manager_id": pd.array(np.repeat(ids, len(days)), dtype="str"),
        "date": np.tile(days, managers),
        "amount": np.full(managers * len(days), 2_000_000 * 100, dtype="int64"),
    })
    return frames, plan


def median_seconds(fn, runs: int) -> float:
    fn()  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--managers", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    frames, plan = generate(args.rows, args.managers)
    print(f"summary report: {args.rows:,} rows, {args.managers} managers, as of {AS_OF}, "
          f"median of {args.runs}")
    worst = 0.0
    for source, frame in (("payments", frames.payments), ("won_deals", frames.deals)):
        ours = median_seconds(
            lambda s=source: summary_report(plan, fact_lines(frames, s), AS_OF), args.runs)
        bare = median_seconds(
            lambda f=frame: f.groupby("manager_id")["amount"].sum(), args.runs)
        ratio = ours / bare
        worst = max(worst, ratio)
        print(f"  fact = {source:<9}  summary {ours * 1000:7.1f} ms   bare groupby-sum "
              f"{bare * 1000:7.1f} ms   ratio {ratio:.2f}x (target ≤ {TARGET:g}x)")
    print(f"  {'met' if worst <= TARGET else 'MISSED'}: worst ratio {worst:.2f}x")


if __name__ == "__main__":
    main()
