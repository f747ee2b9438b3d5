"""Decomposition: department → managers → ISO weeks → working days, in whole roubles.

Every level is rounded with the largest-remainder method, so each level sums exactly to its
parent. Amounts here are integer roubles (``int64`` arrays); the model turns them into kopecks
at the edge.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from salesplan import labels
from salesplan.calendar import ProductionCalendar
from salesplan.errors import PlanError
from salesplan.money import fmt_rub
from salesplan.periods import Week, keys

E = labels.PLAN_ERRORS


def _rub(roubles) -> str:
    """Whole roubles (the unit here) as text: ``1 234 567 ₽``."""
    return fmt_rub(int(roubles) * 100)


def round_half_up(values) -> np.ndarray:
    """Round to the nearest integer, halves away from zero for positive values."""
    return np.floor(np.asarray(values, dtype=float) + 0.5).astype(np.int64)


def largest_remainder(totals, weights) -> np.ndarray:
    """Split each integer ``totals[i]`` over the columns of ``weights[i]`` in proportion.

    quota = total × w / Σw; each cell gets ⌊quota⌋, and the units still missing go one each to
    the cells with the largest fractional part (ties: the leftmost). Cells of zero weight get
    nothing; a row of zero weights is split equally. Accepts a 1-D total with 1-D weights, or
    ``n`` totals with an ``n × k`` weight matrix. Returns ``int64`` of the weights' shape.
    """
    weights = np.asarray(weights, dtype=float)
    one_row = weights.ndim == 1
    w = np.atleast_2d(weights)
    t = np.atleast_1d(np.asarray(totals, dtype=np.int64))
    # the callers check what a user can get wrong; these are the function's own preconditions
    if (w < 0).any() or not np.isfinite(w).all():
        raise ValueError("allocation weights must be finite and non-negative")
    if (t < 0).any():
        raise ValueError("an amount to split is negative")
    if w.shape[1] == 0:
        if t.any():
            raise ValueError("an amount has nowhere to go (no weights)")
        return np.zeros(weights.shape, dtype=np.int64)
    sums = w.sum(axis=1, keepdims=True)
    w = np.where(sums > 0, w, 1.0)
    quota = t[:, None] * (w / w.sum(axis=1, keepdims=True))
    base = np.floor(quota).astype(np.int64)
    missing = t - base.sum(axis=1)
    frac = np.where(w > 0, quota - base, -1.0)
    order = np.argsort(-frac, axis=1, kind="stable")
    rank = np.empty_like(order)
    np.put_along_axis(rank, order, np.arange(w.shape[1])[None, :].repeat(len(w), axis=0), axis=1)
    out = base + (rank < missing[:, None])
    return out[0] if one_row else out


def allocate_managers(total: int, weights, fixed) -> np.ndarray:
    """Department total → managers: fixed amounts (``fixed``, NaN = not fixed) are kept, the rest
    of the total is split over the other managers by ``weights`` (largest remainder).

    Raises ``PlanError`` when the fixed amounts exceed the total, or when every manager is fixed
    and their sum differs from the total.
    """
    weights = np.asarray(weights, dtype=float)
    fixed = np.asarray(fixed, dtype=float)
    pinned = ~np.isnan(fixed)
    pinned_amounts = round_half_up(np.where(pinned, fixed, 0))
    if (pinned_amounts < 0).any():
        raise PlanError(E["fixed_negative"].format(amount=_rub(pinned_amounts.min())))
    rest = int(total) - int(pinned_amounts.sum())
    if rest < 0:
        raise PlanError(E["fixed_above_total"].format(fixed=_rub(pinned_amounts.sum()), total=_rub(total)))
    free = ~pinned
    if not free.any():
        if rest and not len(free):
            raise PlanError(E["no_managers"])
        if rest:
            raise PlanError(E["all_fixed"].format(fixed=_rub(pinned_amounts.sum()), total=_rub(total)))
        return pinned_amounts
    out = pinned_amounts.copy()
    out[free] = largest_remainder(rest, weights[free])
    return out


def split_over_days(
    manager_totals, available, week_of_day, names: Sequence[str] = ()
) -> tuple[np.ndarray, np.ndarray]:
    """Managers → ISO weeks → working days.

    ``available`` is a managers × working-days boolean matrix (False before hire or after
    leaving), ``week_of_day`` the week column of each working day (0 … w-1). Each manager's total
    is split over weeks in proportion to their available days in the week, then each week's
    amount equally over its available days (the first days take the odd roubles). Returns
    ``(weeks, days)``: managers × weeks and managers × days integer roubles. ``names`` (the
    managers', in order) name those with a plan and no working day in the ``PlanError``.
    """
    available = np.asarray(available, dtype=bool)
    week_of_day = np.asarray(week_of_day, dtype=np.int64)
    n_weeks = int(week_of_day.max()) + 1 if len(week_of_day) else 0
    onehot = np.zeros((len(week_of_day), n_weeks))
    onehot[np.arange(len(week_of_day)), week_of_day] = 1.0
    days_in_week = available.astype(float) @ onehot
    totals = np.asarray(manager_totals, dtype=np.int64)
    stranded = (days_in_week.sum(axis=1) == 0) & (totals > 0)
    if stranded.any():
        who = [names[i] if i < len(names) else f"№{i + 1}" for i in np.flatnonzero(stranded)]
        raise PlanError(E["no_working_day"].format(managers=", ".join(who)))
    weeks = largest_remainder(totals, days_in_week)
    per_day, odd = np.divmod(weeks, np.maximum(days_in_week, 1).astype(np.int64))
    # position of each available day within its week, counting from 0
    cum = np.cumsum(available, axis=1)
    first_of_week = np.searchsorted(week_of_day, np.arange(n_weeks))
    before_week = np.where(first_of_week > 0, cum[:, np.maximum(first_of_week - 1, 0)], 0)
    position = cum - 1 - before_week[:, week_of_day]
    days = (per_day[:, week_of_day] + (position < odd[:, week_of_day])) * available
    return weeks, days.astype(np.int64)


def check_levels(
    department_total: int,
    managers: pd.Series,
    weeks: pd.DataFrame,
    days: pd.DataFrame,
    calendar: ProductionCalendar,
) -> pd.DataFrame:
    """Mismatches between the levels of a plan (kopecks); an empty frame when consistent.

    ``managers``: manager_id → amount; ``weeks``: manager_id, week, amount; ``days``:
    manager_id, date, amount. Checks Σ managers = department, Σ weeks = manager, Σ days of a
    week = the week, no amount on a day off, no negative amount. Columns of the result:
    ``level, manager_id, key, expected, actual, difference``.
    """
    issues: list[dict] = []

    def add(level, manager, key, expected, actual):
        issues.append(
            {
                "level": level,
                "manager_id": manager,
                "key": key,
                "expected": int(expected),
                "actual": int(actual),
                "difference": int(actual) - int(expected),
            }
        )

    if int(managers.sum()) != int(department_total):
        add("department", "", "", department_total, managers.sum())
    week_sums = weeks.groupby("manager_id")["amount"].sum()
    for manager, amount in managers.items():
        if int(week_sums.get(manager, 0)) != int(amount):
            add("manager", manager, "", amount, week_sums.get(manager, 0))
    for manager in sorted(set(week_sums.index) - set(managers.index)):
        add("manager", manager, "", 0, week_sums[manager])
    days = days.assign(week=keys(days["date"], Week))
    day_sums = days.groupby(["manager_id", "week"])["amount"].sum()
    week_amounts = weeks.set_index(["manager_id", "week"])["amount"]
    for (manager, week) in week_amounts.index.union(day_sums.index):
        expected = int(week_amounts.get((manager, week), 0))
        actual = int(day_sums.get((manager, week), 0))
        if expected != actual:
            add("week", manager, week, expected, actual)
    dates = pd.to_datetime(days["date"])
    off = ~calendar.is_working_series(dates) & (days["amount"] != 0)
    for row in days[off.to_numpy()].itertuples(index=False):
        add("day_off", row.manager_id, pd.Timestamp(row.date).date().isoformat(), 0, row.amount)
    levels = (
        ("manager", managers.rename("amount").rename_axis("manager_id").reset_index(), None),
        ("week", weeks, "week"),
        ("day", days, "date"),
    )
    for level, frame, key in levels:
        for row in frame[frame["amount"] < 0].to_dict("records"):
            label = str(pd.Timestamp(row[key]).date()) if key == "date" else str(row.get(key) or "")
            add(f"negative_{level}", row["manager_id"], label, 0, row["amount"])
    return pd.DataFrame(
        issues, columns=["level", "manager_id", "key", "expected", "actual", "difference"]
    )
