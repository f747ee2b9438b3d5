"""The funnel: each manager's rates from history, their capacity, and the reverse funnel.

Over the funnel window (``funnel_window_months`` before the target month), per manager:
entries = max(leads assigned, won deals) (a farmer without leads enters the funnel with the
deals they win), conversion = won deals / entries, average check = won amount / won deals,
entries per working day employed, and the activity per entry: outgoing calls, minutes on the
line, meetings and proposals (counted from call results as plan/fact counts them,
``salesplan.control.activity``) / entries. New hires and managers with fewer than
``min_won_deals_for_own_rates`` won deals (for the activity: or no call in the window) take the
medians of the managers of their role who have their own rates (of all such managers when their
role has none); when nobody has own activity, the constants of ``params/plan.yaml`` (``rates``).

Capacity = entries per day × conversion × average check × working days of the month.

Reverse funnel: entries = plan / (average check × conversion); each activity = entries × its
rate per entry. Norms: calls and minutes per working day of the month, meetings and proposals per
week (per working day × working days in a week), from these expected values, so a manager whose
plan equals their won amount per working day × the month's working days gets their own average
activity as the norm. The month's counts round up: deals = ⌈plan / check⌉, leads = ⌈entries⌉,
calls, meetings, proposals = ⌈expected⌉.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from salesplan.plan.params import Rates

_EPS = 1e-9
ACTIVITY = ("calls", "minutes", "meetings", "proposals")


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
    avg_check`` (kopecks), ``own`` (False: the rates are the peers' medians) and ``entries`` (over
    the window).

    ``funnel`` has manager_id, ym, leads, won, won_amount; ``window`` is the range of ym;
    ``employed_days`` the working days each manager was employed in the window.
    """
    ids = managers["id"].tolist()
    part = funnel[funnel["ym"].isin(window) & funnel["manager_id"].isin(ids)]
    stats = part.groupby("manager_id")[["leads", "won", "won_amount"]].sum().reindex(ids, fill_value=0)
    leads = stats["leads"].to_numpy(dtype=float)
    won = stats["won"].to_numpy(dtype=float)
    entries = np.maximum(leads, won)
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
            "entries": entries,
        },
        index=pd.Index(ids, name="manager_id"),
    )


def activity_rates(
    activity: pd.DataFrame,
    managers: pd.DataFrame,
    window: range,
    entries: np.ndarray,
    own: np.ndarray,
) -> pd.DataFrame:
    """Calls, minutes, meetings and proposals per funnel entry (columns ``ACTIVITY``) of each
    manager of ``managers`` (id, role), in order.

    ``activity`` has manager_id, ym and the ``ACTIVITY`` counts; ``entries`` and ``own`` are
    ``funnel_rates``'s. A manager's own rates need ``own`` and a call in the window; the others
    take the peers' medians; all NaN when nobody has own rates (``rates_per_entry`` applies).
    """
    ids = managers["id"].tolist()
    part = activity[activity["ym"].isin(window) & activity["manager_id"].isin(ids)]
    done = part.groupby("manager_id")[list(ACTIVITY)].sum().reindex(ids, fill_value=0)
    entries = np.asarray(entries, dtype=float)
    mine = np.asarray(own, dtype=bool) & (done["calls"].to_numpy() > 0) & (entries > 0)
    roles = managers["role"].to_numpy()
    out = pd.DataFrame(index=pd.Index(ids, name="manager_id"), columns=list(ACTIVITY), dtype=float)
    if mine.any():
        with np.errstate(divide="ignore", invalid="ignore"):
            for name in ACTIVITY:
                out[name] = fill_from_peers(done[name].to_numpy(dtype=float) / entries, mine, roles)
    return out


def rates_per_entry(rates: Rates) -> dict[str, float]:
    """The parameters' activity per qualified lead: meetings = 1 / meeting_to_lead, calls =
    meetings / call_to_meeting, minutes = calls × minutes_per_call, proposals = lead_to_proposal."""
    meetings = 1 / rates.meeting_to_lead
    calls = meetings / rates.call_to_meeting
    return {"calls": calls, "minutes": calls * rates.minutes_per_call, "meetings": meetings,
            "proposals": rates.lead_to_proposal}


def reverse_funnel(
    plan: np.ndarray,
    avg_check: np.ndarray,
    conversion: np.ndarray,
    per_entry: Mapping[str, np.ndarray],
    rates: Rates,
    working_days: int,
) -> dict[str, np.ndarray]:
    """Plan (kopecks) → deals → leads → proposals, meetings, calls, minutes, and the norms.

    ``per_entry`` maps each of ``ACTIVITY`` to the managers' activity per entry (NaN: the
    parameters' ``rates_per_entry(rates)``). A zero check or conversion gives zero counts (nothing
    to aim at). Returns arrays by name: ``deals, leads, proposals, meetings, calls`` (for the
    month) and ``calls_per_day, minutes_per_day, meetings_per_week, proposals_per_week`` (the
    norms, as plan/fact reads them).
    """
    plan = np.asarray(plan, dtype=float)
    avg_check = np.asarray(avg_check, dtype=float)
    conversion = np.asarray(conversion, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        deals = np.where(avg_check > 0, plan / avg_check, 0.0)
        entries = np.where(conversion > 0, deals / conversion, 0.0)
    fallback = rates_per_entry(rates)
    expected = {}
    for name in ACTIVITY:
        rate = np.asarray(per_entry[name], dtype=float)
        expected[name] = entries * np.where(np.isnan(rate), fallback[name], rate)
    days = max(working_days, 1)
    week = rates.workdays_per_week / days
    return {
        "deals": ceil_count(deals),
        "leads": ceil_count(entries),
        "proposals": ceil_count(expected["proposals"]),
        "meetings": ceil_count(expected["meetings"]),
        "calls": ceil_count(expected["calls"]),
        "calls_per_day": expected["calls"] / days,
        "minutes_per_day": expected["minutes"] / days,
        "meetings_per_week": expected["meetings"] * week,
        "proposals_per_week": expected["proposals"] * week,
    }
