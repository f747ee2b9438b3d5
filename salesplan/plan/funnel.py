"""The funnel: each manager's rates from history, their capacity, and the reverse funnel.

Over the funnel window (``funnel_window_months`` before the target month), per manager:
entries = leads assigned (a manager with no leads, e.g. a farmer, counts won deals as entries),
conversion = won deals / entries (at most 1), average check = won amount / won deals, and
entries per working day employed. New hires and managers with fewer than
``min_won_deals_for_own_rates`` won deals take the medians of the managers of their role who
have their own rates (of all such managers when their role has none).

Capacity = entries per day × conversion × average check × working days of the month.

Reverse funnel: deals = ⌈plan / average check⌉, qualified leads = ⌈deals / conversion⌉,
proposals = ⌈leads × lead_to_proposal⌉, meetings = ⌈leads / meeting_to_lead⌉,
calls = ⌈meetings / call_to_meeting⌉; norms: calls and minutes per working day (minutes = calls ×
the manager's minutes per call), meetings and proposals per week (per day × working days in a
week).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from salesplan.plan.params import Rates

_EPS = 1e-9


def ceil_count(values) -> np.ndarray:
    """⌈x⌉ that ignores floating noise (50 / 0.1 = 500.00000000000006 → 500)."""
    return np.ceil(np.asarray(values, dtype=float) - _EPS).astype(np.int64)


def fill_from_peers(values: np.ndarray, own: np.ndarray, roles: np.ndarray) -> np.ndarray:
    """``values`` where ``own``; elsewhere the median of the own values of the same role (of all
    own values when the role has none; of every finite value when nobody has own; else 0)."""
    values = np.asarray(values, dtype=float)
    usable = own & np.isfinite(values)
    fallback = values[usable] if usable.any() else values[np.isfinite(values)]
    overall = float(np.median(fallback)) if len(fallback) else 0.0
    out = values.copy()
    for role in np.unique(roles[~own]):
        peers = usable & (roles == role)
        out[~own & (roles == role)] = float(np.median(values[peers])) if peers.any() else overall
    return np.where(np.isfinite(out), out, overall)


def funnel_rates(
    funnel: pd.DataFrame,
    managers: pd.DataFrame,
    window: range,
    employed_days: np.ndarray,
    new_hire: np.ndarray,
    min_won: int,
) -> pd.DataFrame:
    """Per manager of ``managers`` (id, role), in order: ``entries_per_day, conversion,
    avg_check`` (kopecks) and ``own`` (False: the rates are the peers' medians).

    ``funnel`` has manager_id, ym, leads, won, won_amount; ``window`` is the range of ym;
    ``employed_days`` the working days each manager was employed in the window.
    """
    ids = managers["id"].tolist()
    part = funnel[funnel["ym"].isin(window) & funnel["manager_id"].isin(ids)]
    stats = part.groupby("manager_id")[["leads", "won", "won_amount"]].sum().reindex(ids, fill_value=0)
    leads = stats["leads"].to_numpy(dtype=float)
    won = stats["won"].to_numpy(dtype=float)
    entries = np.where(leads > 0, leads, won)
    days = np.asarray(employed_days, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        per_day = np.where(days > 0, entries / days, np.nan)
        conversion = np.minimum(np.where(entries > 0, won / entries, np.nan), 1.0)
        check = np.where(won > 0, stats["won_amount"].to_numpy(dtype=float) / won, np.nan)
    own = (won >= max(min_won, 1)) & ~np.asarray(new_hire, dtype=bool)
    roles = managers["role"].to_numpy()
    return pd.DataFrame(
        {
            "entries_per_day": fill_from_peers(per_day, own, roles),
            "conversion": fill_from_peers(conversion, own, roles),
            "avg_check": fill_from_peers(check, own, roles),
            "own": own,
        },
        index=pd.Index(ids, name="manager_id"),
    )


def reverse_funnel(
    plan: np.ndarray,
    avg_check: np.ndarray,
    conversion: np.ndarray,
    minutes_per_call: np.ndarray,
    rates: Rates,
    working_days: int,
) -> dict[str, np.ndarray]:
    """Plan (kopecks) → deals → leads → proposals, meetings → calls, and the activity norms.

    A zero check or conversion gives zero counts (nothing to aim at). Returns arrays by name:
    ``deals, leads, proposals, meetings, calls`` (for the month) and ``calls_per_day,
    minutes_per_day, meetings_per_week, proposals_per_week`` (the norms, as plan/fact reads them).
    """
    plan = np.asarray(plan, dtype=float)
    avg_check = np.asarray(avg_check, dtype=float)
    conversion = np.asarray(conversion, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        deals = ceil_count(np.where(avg_check > 0, plan / avg_check, 0.0))
        leads = ceil_count(np.where(conversion > 0, deals / conversion, 0.0))
    proposals = ceil_count(leads * rates.lead_to_proposal)
    meetings = ceil_count(leads / rates.meeting_to_lead)
    calls = ceil_count(meetings / rates.call_to_meeting)
    days = max(working_days, 1)
    week = rates.workdays_per_week / days
    return {
        "deals": deals,
        "leads": leads,
        "proposals": proposals,
        "meetings": meetings,
        "calls": calls,
        "calls_per_day": calls / days,
        "minutes_per_day": calls / days * np.asarray(minutes_per_call, dtype=float),
        "meetings_per_week": meetings * week,
        "proposals_per_week": proposals * week,
    }
