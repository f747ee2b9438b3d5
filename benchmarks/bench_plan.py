"""The plan model after a control change, for a 50-manager department.

Builds two years of history for N managers in memory, then times (median of several runs):

- the calculation: ``recompute`` of the whole model (proposal by all methods, decomposition to
  managers, weeks and working days, reverse funnel, realism) for a new growth factor — target
  at most 10 ms; baseline: the bare numpy arithmetic of scaling the managers × days matrix by
  the growth and rounding it (the least any recompute must do);
- the whole callback of the app: a growth slider moved by one step (recompute, the total and
  the open tab — the managers' table and chart — refreshed in place; other tabs are refreshed
  when opened) — target at most 100 ms; baseline: the calculation alone. Also shown: the same
  change with every tab refreshed at once (five tables, three charts).

    .venv/bin/python benchmarks/bench_plan.py [--managers 50] [--runs 30]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from salesplan import store
from salesplan.plan.history import History
from salesplan.plan.model import recompute
from salesplan.plan.propose import Planner
from salesplan.plan.ui import PlanApp

MONTH = "2026-10"
ROLES = ("hunter", "farmer", "key_account")


def history(n: int, seed: int = 11) -> History:
    """N managers of department ``sales`` with 24 months of revenue, funnel, calls, pipeline."""
    rng = np.random.default_rng(seed)
    ids = [f"m{i:03d}" for i in range(n)]
    managers = pd.DataFrame({
        "id": ids,
        "name": [f"Менеджер {i:03d}" for i in range(n)],
        "department_id": "sales",
        "role": [ROLES[i % 3] for i in range(n)],
        "hire_date": [pd.Timestamp(date(2023, 1, 1) if i % 10 else date(2026, 8, 3)) for i in range(n)],
        "leave_date": pd.NaT,
    })
    yms = np.arange(2024 * 12 + 9, 2026 * 12 + 9)
    base = rng.uniform(5e5, 3e6, n)
    season = 1 + 0.15 * np.sin(np.arange(12) / 12 * 2 * np.pi)
    rows = []
    for i, manager in enumerate(ids):
        for ym in yms:
            amount = int(base[i] * season[ym % 12] * rng.uniform(0.8, 1.2)) * 100
            rows.append((manager, int(ym), ("Оборудование", "Сервис")[ym % 2], "Крупный", amount))
    revenue = pd.DataFrame(rows, columns=["manager_id", "ym", "product", "segment", "amount"])
    funnel = pd.DataFrame({
        "manager_id": np.repeat(ids, len(yms)),
        "ym": np.tile(yms, n),
        "leads": rng.integers(10, 40, n * len(yms)),
        "won": rng.integers(3, 10, n * len(yms)),
        "won_amount": rng.integers(10**7, 10**9, n * len(yms)),
    })
    calls = pd.DataFrame({
        "manager_id": np.repeat(ids, len(yms)),
        "ym": np.tile(yms, n),
        "calls": rng.integers(200, 900, n * len(yms)),
        "minutes": rng.uniform(500, 2000, n * len(yms)),
        "meetings": rng.integers(5, 40, n * len(yms)),
        "proposals": rng.integers(3, 30, n * len(yms)),
    })
    pipeline = pd.DataFrame({
        "manager_id": ids,
        "amount": rng.integers(10**7, 10**9, n),
        "stage": "презентация",
        "expected_date": pd.Timestamp("2026-10-15"),
        "probability": 0.4,
    })
    return History(managers, revenue, funnel, calls, pipeline)


def median_ms(func, values) -> float:
    times = []
    for value in values:
        start = time.perf_counter()
        func(value)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--managers", type=int, default=50)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    planner = Planner(history(args.managers))
    inputs = planner.inputs(MONTH, "sales", method="history")
    ctx = planner.context(MONTH, "sales")
    steps = [0.5 * (k % 10) for k in range(args.runs)]  # a slider moved step by step, in %

    def with_growth(g: float):
        return inputs.model_copy(update={"factors": {**inputs.factors, "market": g / 100}})

    calc = median_ms(lambda g: recompute(ctx, with_growth(g)), steps)
    matrix = recompute(ctx, inputs).day_amounts.astype(float)
    bare = median_ms(lambda g: np.floor(matrix * (1 + g / 100) / 100 + 0.5).astype(np.int64), steps)

    with tempfile.TemporaryDirectory() as tmp:
        eng = store.engine(f"sqlite:///{Path(tmp) / 'bench.db'}")
        app = PlanApp(eng, planner=planner, month=MONTH, department="sales")
        slider = app.factor_sliders["market"]

        def move(g: float) -> None:
            slider.value = g + 0.25  # a new value each time, so the observer always fires

        callback = median_ms(move, steps)

        def move_and_render_all(g: float) -> None:
            move(g)
            app.render_all()

        every_tab = median_ms(move_and_render_all, steps)
        eng.dispose()

    print(f"plan model, {args.managers} managers × {ctx.working_days} working days, "
          f"median of {args.runs} control changes")
    print(f"  calculation (recompute)       {calc:8.2f} ms   target ≤ 10 ms   "
          f"ratio to bare numpy scaling {calc / bare:6.1f}x ({bare:.3f} ms)")
    print(f"  whole callback (tables+charts){callback:8.2f} ms   target ≤ 100 ms  "
          f"ratio to the calculation   {callback / calc:6.1f}x")
    print(f"  ... with every tab refreshed  {every_tab:8.2f} ms")


if __name__ == "__main__":
    main()
