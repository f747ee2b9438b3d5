"""The demo's deals, simulated manager by manager.

Each month asks of a manager what their role, the season, the company's growth, a new hire's
ramp and the manager's form (a slump, a setback month) make expected (the deals they would win
× the mean amount), give or take the manager's luck that month (``LUCK``). Won deals are drawn
until their amounts come nearest to it, and the first instalment of each is paid on a working
day of that month: the money received follows what the month asks, as in a department whose
managers chase their plan, while single deals stay random. The client pays on time or late
(``LATE_DAYS``), which puts the closing day before the receipt; the deal was opened a cycle
before that. Lost deals are opened in the same months, as many as the manager's win rate
leaves, and die at a stage with the chance of reaching it and failing there (pass chances
scaled so that their product is the win rate). Stage durations split each deal's cycle.

What has not closed by the last day is open at the stage it has reached, with the manager's
expected date; some deals that died are never closed in the CRM (stale). Deals opened after
the last day (the leaving day of one who left) do not exist; a leaver's deals still open then
go to the successor.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np
import pandas as pd

from salesplan.demo import roster
from salesplan.demo.roster import MEMBERS, ROLES, Member, Role
from salesplan.demo.window import (
    DAY,
    Window,
    WorkingDays,
    growth,
    months_since,
    season,
)

LUCK = 0.1  # spread (lognormal sigma) of a manager's month around what it asks of them
LATE_DAYS = (3, 25)  # a late payer pays this many days after the due date (least, most)
INSTALMENTS = max(len(role.payment_terms) for role in ROLES.values())
EXPORTED_BEFORE = 3  # months before the first month whose closed deals the CRM export holds
NOT_PAID = np.datetime64("NaT")


def choice(rng: np.random.Generator, weights: dict[str, float], n: int) -> np.ndarray:
    """``n`` keys of ``weights`` drawn with those weights."""
    keys = list(weights)
    p = np.array([weights[k] for k in keys])
    return np.array(keys, dtype=object)[rng.choice(len(keys), size=n, p=p / p.sum())]


@dataclass
class _Deals:
    """Deals of one manager before clients and ids are given. ``died_at`` is the stage where a
    deal was lost (the number of stages: won); a won deal carries whether its client pays late
    and the day each instalment is paid (NaT otherwise)."""

    created: np.ndarray
    close: np.ndarray  # the day the deal closes, perhaps after the last day
    died_at: np.ndarray
    product: np.ndarray
    roubles: np.ndarray
    late: np.ndarray
    paid: np.ndarray  # deals × INSTALMENTS

    @classmethod
    def concat(cls, parts: list[_Deals]) -> _Deals:
        return cls(*(np.concatenate([getattr(p, f.name) for p in parts]) for f in fields(cls)))


@dataclass(frozen=True)
class _Months:
    """What each simulated month asks of a manager; ``first``/``count`` locate its working days."""

    days: np.ndarray
    first: np.ndarray
    count: np.ndarray
    target: np.ndarray  # roubles
    win_rate: np.ndarray

    def pick_days(self, rng: np.random.Generator, month: np.ndarray) -> np.ndarray:
        """A random working day of each given month (by index)."""
        offset = np.floor(rng.random(len(month)) * self.count[month]).astype(np.int64)
        return self.days[self.first[month] + offset]


def _amounts(rng: np.random.Generator, role: Role, shape) -> tuple[np.ndarray, np.ndarray]:
    """Product lines and amounts (roubles, whole hundreds) of deals of ``role``."""
    n = int(np.prod(shape))
    product = choice(rng, role.products, n)
    factor = np.array([roster.PRODUCTS[p][0] for p in product])
    roubles = role.amount_median * factor * rng.lognormal(0.0, role.amount_sigma, n)
    roubles = np.maximum(100, np.round(roubles / 100) * 100)
    return product.reshape(shape), roubles.reshape(shape)


def _mean_amount(role: Role) -> float:
    """The expected amount of a deal of ``role`` in roubles."""
    weights = np.array(list(role.products.values()))
    factors = np.array([roster.PRODUCTS[p][0] for p in role.products])
    return role.amount_median * float(weights @ factors / weights.sum()) * np.exp(role.amount_sigma ** 2 / 2)


def _months(rng: np.random.Generator, m: Member, window: Window, wd: WorkingDays) -> _Months:
    """``m``'s months from the warm-up (or the hire) to the horizon, with what each asks."""
    role, hired = ROLES[m.role], window.hire_date(m)
    days = wd.between(max(window.warm, hired), window.horizon(m))
    ramp = np.array([roster.ramp(k) for k in months_since(days, hired)])
    form = window.form(m, days)
    opened = role.deals_per_day * m.volume * ramp * form * season(days) * growth(days, window)
    win = np.clip(role.win_rate * m.skill * np.sqrt(ramp) * form, 0.02, 0.85)
    _, first, count = np.unique(days.astype("datetime64[M]"), return_index=True, return_counts=True)
    wins = np.add.reduceat(opened * win, first)
    target = wins * _mean_amount(role) * rng.lognormal(-LUCK ** 2 / 2, LUCK, len(first))
    if m.setback is not None:
        months_back, share = m.setback
        bad = np.datetime64((window.end_month - months_back).start, "M")
        target[days[first].astype("datetime64[M]") == bad] *= share
    return _Months(days, first, count, target, wins / np.add.reduceat(opened, first))


def _pay_delays(rng: np.random.Generator, late: np.ndarray, terms: tuple[int, ...]) -> np.ndarray:
    """Days from invoice to payment of each instalment (deals × terms): by the due date, or
    ``LATE_DAYS`` after it for a late payer."""
    shape = (len(late), len(terms))
    term = np.array(terms)[None, :]
    early = np.floor(rng.random(shape) * (term + 1)).astype(np.int64)
    lo, hi = LATE_DAYS
    return np.where(late[:, None], term + rng.integers(lo, hi + 1, shape), early)


def _won(rng: np.random.Generator, role: Role, months: _Months, wd: WorkingDays) -> tuple[_Deals, np.ndarray]:
    """Each month's won deals (amounts drawn until they come nearest to its target; the first
    instalment paid in the month) and how many each month has."""
    mean = _mean_amount(role)
    width = int(np.ceil(2 * months.target.max() / mean)) + 10
    product, roubles = _amounts(rng, role, (len(months.first), width))
    total = np.cumsum(roubles, axis=1)
    rows = np.arange(len(months.first))
    k = (total <= months.target[:, None]).sum(axis=1)
    below = np.where(k > 0, total[rows, np.maximum(k - 1, 0)], 0.0)
    above = total[rows, np.minimum(k, width - 1)]
    k = np.minimum(k + (above - months.target < months.target - below), width)
    taken = np.arange(width)[None, :] < k[:, None]
    month = np.repeat(rows, k)
    late = rng.random(len(month)) < role.late_payers
    delay = _pay_delays(rng, late, role.payment_terms)
    receipt = months.pick_days(rng, month)
    closed = np.maximum(wd.on_or_before(receipt - delay[:, 0] * DAY), months.days[0])
    paid = np.full((len(month), INSTALMENTS), NOT_PAID, dtype="datetime64[D]")
    paid[:, 0] = np.maximum(receipt, closed)
    paid[:, 1:len(role.payment_terms)] = wd.on_or_after(closed[:, None] + delay[:, 1:] * DAY)
    cycle = np.ceil(role.cycle_days * rng.lognormal(0.0, 0.5, len(month))).astype(np.int64)
    created = np.clip(wd.on_or_after(closed - cycle * DAY), months.days[0], closed)
    won = np.full(len(month), len(roster.STAGES))
    return _Deals(created, closed, won, product[taken], roubles[taken], late, paid), k


def _lost(rng: np.random.Generator, role: Role, months: _Months, wins: np.ndarray) -> _Deals:
    """Deals lost beside each month's ``wins``; their closing day is set by ``_as_of_end``."""
    month = np.repeat(np.arange(len(wins)), rng.poisson(wins * (1 - months.win_rate) / months.win_rate))
    n = len(month)
    scale = (months.win_rate[month] / np.prod(roster.STAGE_PASS)) ** (1 / len(roster.STAGES))
    passes = np.clip(np.outer(scale, roster.STAGE_PASS), 0, 0.98)
    reach = np.hstack([np.ones((n, 1)), np.cumprod(passes, axis=1)[:, :-1]])
    lost_by = np.cumsum(reach * (1 - passes), axis=1)  # chance of being lost by each stage
    died_at = (rng.random(n)[:, None] * lost_by[:, -1:] > lost_by).sum(axis=1)
    product, roubles = _amounts(rng, role, n)
    paid = np.full((n, INSTALMENTS), NOT_PAID, dtype="datetime64[D]")
    created = months.pick_days(rng, month)
    return _Deals(created, created, died_at, product, roubles, np.zeros(n, dtype=bool), paid)


def _as_of_end(rng: np.random.Generator, m: Member, deals: _Deals, window: Window,
               wd: WorkingDays) -> pd.DataFrame:
    """The deals as the CRM shows them on the last day: stages walked (stage durations split
    each cycle; a lost deal closes when it dies), open, stale, won or lost."""
    role, n = ROLES[m.role], len(deals.created)
    lost = deals.died_at < len(roster.STAGES)
    cycle = np.where(lost, role.cycle_days * rng.lognormal(0.0, 0.5, n),
                     (deals.close - deals.created) // DAY)
    shares = rng.dirichlet(np.full(len(roster.STAGES), 2.0), n)
    ends = np.cumsum(shares, axis=1) * cycle[:, None]  # days after opening each stage ends
    enters = np.hstack([np.zeros((n, 1)), ends[:, :-1]])
    last_stage = np.minimum(deals.died_at, len(roster.STAGES) - 1)
    dies = deals.created + np.ceil(ends[np.arange(n), last_stage]).astype(np.int64) * DAY
    close = np.where(lost, wd.on_or_after(dies), deals.close)

    end = np.datetime64(window.end, "D")
    is_open = close > end
    # A deal that died in the last five months may never have been closed in the CRM.
    stale = ~is_open & lost & (close > end - 150 * DAY) & (rng.random(n) < 0.2)
    is_open |= stale
    since_open = ((end - deals.created) // DAY).astype(np.float64)
    reached = (enters <= since_open[:, None]).sum(axis=1) - 1
    reached = np.where(stale, last_stage, np.minimum(reached, last_stage))
    entered = deals.created + np.floor(enters[np.arange(n), reached]).astype(np.int64) * DAY

    outcome = np.where(is_open, "open", np.where(lost, "lost", "won"))
    stages = np.array(roster.STAGES, dtype=object)
    stage = np.where(is_open, stages[reached], np.where(lost, stages[last_stage], roster.WON_STAGE))
    estimate = role.cycle_days * rng.lognormal(0.0, 0.3, n)
    expected = deals.created + np.ceil(estimate).astype(np.int64) * DAY
    # Most managers move an expected date that has passed a few weeks ahead.
    moved = (expected < end) & (rng.random(n) < 0.6)
    expected = wd.on_or_after(np.where(moved, end + rng.integers(3, 26, n) * DAY, expected))
    expected = np.where(is_open & (rng.random(n) > 0.05), expected, NOT_PAID)
    closed = np.where(is_open, NOT_PAID, close)
    rate = np.clip(np.array([roster.PRODUCTS[p][1] for p in deals.product]) - m.discount
                   + rng.normal(0, 0.03, n), 0.03, 0.75)
    frame = pd.DataFrame({
        "manager_id": m.id, "created": deals.created, "amount": (deals.roubles * 100).astype(np.int64),
        "product": deals.product, "margin": (np.round(deals.roubles * rate) * 100).astype(np.int64),
        "closed": closed, "outcome": outcome, "stage": stage,
        "stage_changed": np.where(is_open, entered, closed), "expected_date": expected,
        "late": deals.late,
        **{f"paid{k}": np.where(is_open, NOT_PAID, deals.paid[:, k]) for k in range(INSTALMENTS)},
    })
    exists = deals.created <= np.datetime64(window.last_day(m), "D")
    return frame[exists].sort_values("created", kind="stable")


def simulate(rng: np.random.Generator, m: Member, window: Window, wd: WorkingDays) -> pd.DataFrame:
    """``m``'s deals (see the module's docstring), one row each: the store's deal columns that
    do not depend on the client, ``late`` and the payment day of each instalment (``paid0``…)."""
    role = ROLES[m.role]
    months = _months(rng, m, window, wd)
    won, wins = _won(rng, role, months, wd)
    return _as_of_end(rng, m, _Deals.concat([won, _lost(rng, role, months, wins)]), window, wd)


def deals_frame(rng: np.random.Generator, window: Window, wd: WorkingDays) -> pd.DataFrame:
    """The deals of every member who sells, as the CRM export holds them: open, or closed since
    ``EXPORTED_BEFORE`` months before the first month (so that the first months' payments have
    their deals), with ids; a few open cards lack an amount; a leaver's open deals handed over."""
    parts = [simulate(rng, m, window, wd) for m in MEMBERS if ROLES[m.role].deals_per_day]
    frame = pd.concat(parts, ignore_index=True)
    since = pd.Timestamp((window.first_month - EXPORTED_BEFORE).start)
    frame = frame[frame["closed"].isna() | (frame["closed"] >= since)]
    frame = frame.sort_values(["created", "manager_id"], kind="stable").reset_index(drop=True)
    frame["amount"] = frame["amount"].astype("Int64")
    frame["margin"] = frame["margin"].astype("Int64")
    no_amount = (frame["outcome"] == "open") & (rng.random(len(frame)) < 0.03)
    frame.loc[no_amount, ["amount", "margin"]] = pd.NA
    frame.insert(0, "id", [str(24_100_000 + i) for i in range(len(frame))])
    return _hand_over(frame, window)


def _hand_over(deals: pd.DataFrame, window: Window) -> pd.DataFrame:
    """Deals of a manager who left and not closed by the leaving day go to the successor."""
    for m in MEMBERS:
        left = window.leave_date(m)
        if left is None:
            continue
        after = pd.Timestamp(left)
        moved = (deals["manager_id"] == m.id) & (deals["closed"].isna() | (deals["closed"] > after))
        deals.loc[moved, "manager_id"] = m.successor
    return deals
