"""The protocol items a meeting page opens with, for a reader: the daily brief, the weekly
review and the deck's «Решения и задачи» slide show ``FollowUp``; ``salesplan protocol list``
shows ``listing``.

A department's pages hold its own meetings and the whole company's ("" department).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlalchemy import Engine

from salesplan import labels, store
from salesplan.calendar import default_calendar
from salesplan.money import fmt_number, fmt_rub
from salesplan.protocol import status
from salesplan.protocol.repository import events_frame, items_frame

P = labels.PROTOCOL
COLUMNS = labels.PROTOCOL_COLUMNS


def of_department(items: pd.DataFrame, department: str) -> pd.DataFrame:
    """The items of ``department``'s meetings and of the company's; every item for ""."""
    if not department:
        return items
    return items[items["department_id"].isin([department, ""])]


def manager_names(eng: Engine) -> dict[str, str]:
    managers = store.read_table(eng, "managers", ["id", "name"])
    return dict(zip(managers["id"], managers["name"], strict=True))


def display_date(value) -> str:
    return "—" if pd.isna(value) else f"{pd.Timestamp(value):%d.%m.%Y}"


def what(row) -> str:
    """The item's text; a deviation's with its metric, plan, fact and deviation (fact − plan)."""
    if row["kind"] != "deviation":
        return row["text"]
    plan, fact = row["plan_value"], row["fact_value"]
    return P["deviation_text"].format(metric=row["metric"], plan=fmt_number(plan), fact=fmt_number(fact),
                                      deviation=fmt_number(fact - plan), action=row["text"])


def standing_text(row) -> str:
    """«просрочено на 2 рабочих дня», «срок сегодня», «осталось 3 рабочих дня», «выполнено 16.10.2026»…"""
    kind, days = row["standing"], row["days"]
    if row["kind"] == "decision" and kind == "open":
        return P["decided"]
    if kind == "overdue":
        return P["overdue_by"].format(days=labels.count(days, "working_day")) if days else \
            labels.STANDINGS["overdue"]
    if kind == "due":
        return P["due_in"].format(days=labels.count(days, "working_day")) if days else P["due_today"]
    if kind in ("done", "cancelled"):
        return P[f"{kind}_on"].format(date=display_date(row["changed_on"]))
    return labels.STANDINGS[kind]


def rows(frame: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """One row of display text per item: ``id, meeting, kind, text, owner, amount, deadline,
    standing`` (the keys of ``PROTOCOL_COLUMNS``)."""
    return pd.DataFrame({
        "id": frame["id"].astype(int).astype(str),
        "meeting": [P["meeting"].format(kind=labels.MEETING_KINDS[k], date=display_date(d))
                    for k, d in zip(frame["meeting_kind"], frame["held_on"], strict=True)],
        "kind": frame["kind"].map(labels.ITEM_KINDS),
        "text": [what(r) for _, r in frame.iterrows()],
        "owner": [names.get(o, o) if isinstance(o, str) else "—" for o in frame["owner_id"]],
        "amount": [fmt_rub(a) if pd.notna(a) else "" for a in frame["amount"]],
        "deadline": frame["deadline"].map(display_date),
        "standing": [standing_text(r) for _, r in frame.iterrows()],
    }, columns=["id", "meeting", "kind", "text", "owner", "amount", "deadline", "standing"])


@dataclass(frozen=True)
class FollowUp:
    """The items a page of ``day`` opens with (``status.follow_up``) and the managers' names."""

    frame: pd.DataFrame
    names: dict[str, str]
    day: date

    @classmethod
    def load(cls, eng: Engine | str, department: str, day: date, since: date,
             held_before: date | None = None) -> FollowUp:
        eng = eng if isinstance(eng, Engine) else store.engine(eng or None)
        items = of_department(items_frame(eng), department)
        frame = status.follow_up(items, events_frame(eng), day, since, default_calendar(), held_before)
        return cls(frame, manager_names(eng), day)

    def lead(self) -> str:
        """One sentence: how many are overdue, due, done and cancelled on the day ("" when none is)."""
        if self.frame.empty:
            return ""
        n = status.counts(self.frame)
        return P["open_items_lead"].format(date=display_date(self.day), overdue=n["overdue"],
                                           due=n["due"] + n["open"], done=n["done"],
                                           cancelled=n["cancelled"])

    def table(self) -> pd.DataFrame:
        """The items for a reader, Russian headings, indexed by the item's number."""
        shown = rows(self.frame, self.names)
        if not shown["amount"].any():
            shown = shown.drop(columns="amount")
        return shown.rename(columns=COLUMNS).set_index(COLUMNS["id"])


def listing(eng: Engine, day: date, open_only: bool = False, owner: str | None = None) -> pd.DataFrame:
    """Every item of meetings held by ``day`` with its standing on ``day`` (``status.standing``),
    in the order recorded; only the open ones, or one owner's, when asked."""
    state = status.state_as_of(items_frame(eng), events_frame(eng), day)
    if open_only:
        state = state[state["status"] == "open"]
    if owner:
        state = state[state["owner_id"] == owner]
    return status.standing(state, day, default_calendar()).sort_values("id").reset_index(drop=True)
