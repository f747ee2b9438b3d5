"""The plan's new and active clients per manager, from the history of purchases.

- First-purchase share = the manager's new clients (first purchase ever in the funnel window,
  ``control.clients.new_clients``) / their won deals in the window, at most 1; a manager without
  own funnel rates (``funnel.funnel_rates``: too few won deals, or a new hire) takes the
  department's (its new clients / its won deals).
- New clients = ⌈planned won deals × first-purchase share⌉.
- Active base = the manager's active clients on the eve of the month (``control.clients``: a
  purchase in the last ``active_months`` months, per owner); active clients planned = active
  base + new clients (the whole base kept, the new ones added).
"""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pandas as pd

from salesplan.control import clients as cli
from salesplan.periods import Month
from salesplan.plan.funnel import ceil_count


def first_purchase_share(purchases: pd.DataFrame, funnel: pd.DataFrame, ids: list[str],
                         window: range, own: np.ndarray) -> np.ndarray:
    """Per manager of ``ids``: new clients / won deals over the months ``window`` (ordinals),
    the department's where not ``own`` (see the module)."""
    if not len(window):
        return np.zeros(len(ids))
    start, end = Month.from_ordinal(window[0]).start, Month.from_ordinal(window[-1]).end
    new = cli.new_clients(purchases, start, end).reindex(ids, fill_value=0).to_numpy(dtype=float)
    part = funnel[funnel["ym"].isin(window)]
    won = part.groupby("manager_id")["won"].sum().reindex(ids, fill_value=0).to_numpy(dtype=float)
    department = min(new.sum() / won.sum(), 1.0) if won.sum() else 0.0
    with np.errstate(divide="ignore", invalid="ignore"):
        mine = np.minimum(np.where(won > 0, new / won, 0.0), 1.0)
    return np.where(np.asarray(own, dtype=bool) & (won > 0), mine, department)


def active_base(purchases: pd.DataFrame, clients: pd.DataFrame, ids: list[str], month: Month,
                active_months: int) -> np.ndarray:
    """Per manager of ``ids``: active clients on the eve of ``month`` (owners from the purchases
    to that day)."""
    eve = month.start - timedelta(days=1)
    before = purchases[purchases["date"] <= pd.Timestamp(eve)]
    owner = cli.owners(clients, before)
    return (cli.active_clients(before, owner, eve, active_months)
            .reindex(ids, fill_value=0).to_numpy(dtype=np.int64))


def planned_clients(deals: np.ndarray, share: np.ndarray, base: np.ndarray) -> dict[str, np.ndarray]:
    """``new_clients`` = ⌈deals × share⌉ and ``active_clients`` = base + new clients."""
    new = ceil_count(np.asarray(deals, dtype=float) * share)
    return {"new_clients": new, "active_clients": np.asarray(base, dtype=np.int64) + new}
