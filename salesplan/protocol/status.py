"""How protocol items stand on a page's date: pure functions over ``repository.items_frame`` and
``repository.events_frame``.

An item's state on a day is its latest event by the end of that day; the first event counts
whenever it was written (a protocol typed in after its meeting still holds the meeting's
items), a later change counts from the day it was made. An open item's *standing* against the
day: ``overdue`` when its deadline is before the day, ``due`` when it is the day or later,
``open`` without a deadline; a closed one stands ``done`` or ``cancelled``. ``days`` counts
working days of the production calendar: for an overdue item those after its deadline up to
the day, for a due one those after the day up to its deadline (0: due that day).
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from salesplan import labels
from salesplan.calendar import ProductionCalendar
from salesplan.protocol.repository import CLOSED, FOLLOWED, OPEN

STANDINGS = tuple(labels.STANDINGS)  # overdue, due, open, done, cancelled: the order shown


def state_as_of(items: pd.DataFrame, events: pd.DataFrame, day: date) -> pd.DataFrame:
    """Items of meetings held on or before ``day`` with their state then: ``status``,
    ``deadline``, ``changed_on`` (the day of the latest event counted) and ``note``."""
    first = events.sort_values(["at", "id"]).groupby("item_id").head(1)
    later = events[events["at"] < pd.Timestamp(day) + pd.Timedelta(days=1)]
    counted = pd.concat([first, later]).drop_duplicates("id").sort_values(["at", "id"])
    latest = counted.groupby("item_id").tail(1)
    state = latest[["item_id", "status", "deadline", "at", "note"]].rename(
        columns={"item_id": "id", "at": "changed_at"})
    out = items[items["held_on"] <= pd.Timestamp(day)].merge(state, on="id", how="inner")
    out["changed_on"] = out["changed_at"].dt.normalize()
    return out.drop(columns="changed_at")


def standing(state: pd.DataFrame, day: date, calendar: ProductionCalendar) -> pd.DataFrame:
    """``state`` with ``standing`` and ``days`` against ``day`` (see the module's doc), sorted:
    overdue (the longest first), due (the soonest first), open, done, cancelled."""
    out = state.copy()
    deadline = out["deadline"]
    is_open = out["status"] == OPEN
    out["standing"] = out["status"].where(~is_open, "open")
    out.loc[is_open & (deadline < pd.Timestamp(day)), "standing"] = "overdue"
    out.loc[is_open & (deadline >= pd.Timestamp(day)), "standing"] = "due"

    def days(row) -> float:
        if row["standing"] == "overdue":
            return calendar.working_days_between(row["deadline"].date() + timedelta(days=1), day)
        if row["standing"] == "due":
            return calendar.working_days_between(day + timedelta(days=1), row["deadline"].date())
        return float("nan")

    out["days"] = out.apply(days, axis=1) if len(out) else pd.Series(dtype="float64")
    order = out["standing"].map({s: i for i, s in enumerate(STANDINGS)})
    urgency = out["days"].where(out["standing"] != "overdue", -out["days"])
    return (out.assign(_order=order, _urgency=urgency)
            .sort_values(["_order", "_urgency", "deadline", "id"])
            .drop(columns=["_order", "_urgency"]).reset_index(drop=True))


def follow_up(items: pd.DataFrame, events: pd.DataFrame, day: date, since: date,
              calendar: ProductionCalendar, held_before: date | None = None) -> pd.DataFrame:
    """What a page of ``day`` opens with: the tasks, promises and deviations of meetings held
    before ``held_before`` (default: ``day``) that are open at the end of ``day`` or were closed
    from ``since`` on, with their standing."""
    before = pd.Timestamp(held_before or day)
    state = state_as_of(items[items["kind"].isin(FOLLOWED) & (items["held_on"] < before)], events, day)
    recent = state["status"].isin(CLOSED) & (state["changed_on"] >= pd.Timestamp(since))
    return standing(state[(state["status"] == OPEN) | recent], day, calendar)


def counts(frame: pd.DataFrame) -> dict[str, int]:
    """How many items stand each way (every standing, 0 when none)."""
    return {s: int((frame["standing"] == s).sum()) for s in STANDINGS}
