"""The protocol store: meetings, their items and each item's status events, all append-only.

A meeting is one of a kind (``MEETING_KINDS``) on a day for a department ("" = the whole
company); saving a protocol for a meeting already recorded adds its new items to it, and an
item already there (the same kind, text, owner, amount and figures) is skipped, so a
re-imported file adds nothing. An item is a decision, a task, a promise or a deviation; each
but a decision has an owner — a manager of the store, the head included — and a deadline.
Its first event (open, the deadline) is written with it; closing it (done or cancelled) or
moving its deadline adds an event, with the login (``salesplan.users``) and the time
(``salesplan.clock``). Nothing is updated or deleted: the database refuses it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import Engine, insert, select
from sqlalchemy.engine import Connection

from salesplan import clock, drafts, labels, store, users
from salesplan.errors import SalesplanError
from salesplan.importing.load import not_found
from salesplan.importing.references import Directory, managers_directory
from salesplan.schema import meetings, protocol_drafts, protocol_events, protocol_items

E = labels.PROTOCOL_ERRORS
MEETING_KINDS = tuple(labels.MEETING_KINDS)  # daily, weekly, monthly
ITEM_KINDS = tuple(labels.ITEM_KINDS)  # decision, task, promise, deviation
FOLLOWED = ("task", "promise", "deviation")  # the kinds with an owner and a deadline
OPEN, DONE, CANCELLED = "open", "done", "cancelled"
CLOSED = (DONE, CANCELLED)
MAX_PROBLEMS = 20
_OWN_COLUMNS = ["kind", "text", "owner_id", "amount", "metric", "plan_value", "fact_value"]
ITEM_COLUMNS = ["id", "meeting_id", "meeting_kind", "held_on", "department_id", *_OWN_COLUMNS]
EVENT_COLUMNS = ["id", "item_id", "at", "login", "status", "deadline", "note"]


class ProtocolError(SalesplanError):
    """A protocol or a status change cannot be saved as given; the message says what is wrong."""


class ItemInput(BaseModel):
    """One item as entered. ``owner``: a manager's id or name (found as an import finds one);
    ``amount`` in kopecks; ``metric``, ``plan_value``, ``fact_value``: a deviation's figures."""

    model_config = ConfigDict(extra="forbid")

    kind: str
    text: str = ""
    owner: str | None = None
    deadline: date | None = None
    amount: int | None = None
    metric: str | None = None
    plan_value: float | None = None
    fact_value: float | None = None


class MeetingInput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: str
    held_on: date
    department_id: str = ""
    items: list[ItemInput] = Field(default_factory=list)
    source: str = "form"


@dataclass(frozen=True)
class SavedProtocol:
    meeting_id: int
    item_ids: list[int]  # the items added
    skipped: int  # items the meeting already had


def roster(eng: Engine) -> Directory:
    """The managers (the heads too) an owner is looked up among."""
    return managers_directory(store.read_table(eng, "managers", ["id", "name", "aliases"]))


def checked(item: ItemInput, directory: Directory) -> tuple[ItemInput, dict[str, str]]:
    """The item with its owner as a manager's id, and its problems (field → reason in Russian):
    no text; a task, promise or deviation without an owner or a deadline; a deviation without
    its metric, plan and fact; an owner not in the roster (with the closest names)."""
    problems: dict[str, str] = {}
    if item.kind not in ITEM_KINDS:
        problems["kind"] = E["unknown_kind"].format(
            value=item.kind, known=", ".join(labels.ITEM_KINDS.values()))
        return item, problems
    if not item.text.strip():
        problems["text"] = E["empty_text"]
    owner = (item.owner or "").strip() or None
    if owner is not None:
        owner, problem = _found(directory, owner)
        if problem:
            problems["owner"] = problem
    elif item.kind in FOLLOWED:
        problems["owner"] = E["no_owner"]
    if item.kind in FOLLOWED and item.deadline is None:
        problems["deadline"] = E["no_deadline"]
    if item.kind == "deviation":
        if not (item.metric or "").strip():
            problems["metric"] = E["no_metric"]
        if item.plan_value is None or item.fact_value is None:
            problems["plan_value"] = E["no_plan_fact"]
    return item.model_copy(update={"owner": owner, "text": item.text.strip()}), problems


def _found(directory: Directory, spelling: str) -> tuple[str | None, str]:
    """The manager ``spelling`` names, or why none: not in the roster, with the closest names."""
    found = directory.find(spelling)
    if found is not None:
        return found, ""
    return None, E["unknown_owner"].format(found=not_found(spelling, directory.closest(spelling)))


def owner_id(eng: Engine, spelling: str) -> str:
    """The id of the manager ``spelling`` names (id, name or alias); ``ProtocolError`` naming the
    closest ones when none."""
    found, problem = _found(roster(eng), spelling)
    if found is None:
        raise ProtocolError(problem)
    return found


def problems_message(problems: list[str]) -> str:
    """Every problem, at most ``MAX_PROBLEMS`` of them shown, as one message."""
    shown = "\n".join(problems[:MAX_PROBLEMS])
    more = E["more"].format(n=len(problems) - MAX_PROBLEMS) if len(problems) > MAX_PROBLEMS else ""
    return E["problems"].format(count=labels.count(len(problems), "error"), shown=shown, more=more)


def _meeting_id(conn: Connection, meeting: MeetingInput, at: datetime) -> int:
    m = meetings.c
    found = conn.execute(select(m.id).where(
        m.kind == meeting.kind, m.held_on == meeting.held_on, m.department_id == meeting.department_id,
    )).scalar_one_or_none()
    if found is not None:
        return found
    return conn.execute(insert(meetings).values(
        kind=meeting.kind, held_on=meeting.held_on, department_id=meeting.department_id,
        recorded_by=users.login(), recorded_at=at, source=meeting.source,
    )).inserted_primary_key[0]


def _identity(row) -> tuple:
    """What makes two items of a meeting the same item."""
    return (row["kind"], row["text"], row["owner_id"], row["amount"], row["metric"],
            row["plan_value"], row["fact_value"])


def _save(conn: Connection, meeting: MeetingInput, items: list[ItemInput], at: datetime) -> SavedProtocol:
    meeting_id = _meeting_id(conn, meeting, at)
    c = protocol_items.c
    held = {_identity(r) for r in conn.execute(
        select(protocol_items).where(c.meeting_id == meeting_id)).mappings()}
    added: list[int] = []
    for item in items:
        row = {"meeting_id": meeting_id, "kind": item.kind, "text": item.text,
               "owner_id": item.owner, "amount": item.amount, "metric": item.metric or None,
               "plan_value": item.plan_value, "fact_value": item.fact_value}
        if _identity(row) in held:
            continue
        held.add(_identity(row))
        item_id = conn.execute(insert(protocol_items).values(row)).inserted_primary_key[0]
        conn.execute(insert(protocol_events).values(
            item_id=item_id, at=at, login=users.login(), status=OPEN, deadline=item.deadline, note=""))
        added.append(int(item_id))
    return SavedProtocol(int(meeting_id), added, len(items) - len(added))


def save_protocols(eng: Engine, batch: list[MeetingInput], at: datetime | None = None) -> list[SavedProtocol]:
    """Store meetings' items in ONE transaction (see the module's doc); every problem of every
    item is reported at once as a ``ProtocolError`` and nothing is written."""
    directory = roster(eng)
    checked_items, problems = [], []
    for meeting in batch:
        if meeting.kind not in MEETING_KINDS:
            raise ProtocolError(E["unknown_meeting"].format(
                value=meeting.kind, known=", ".join(labels.MEETING_KINDS.values())))
        if not meeting.items:
            raise ProtocolError(E["no_items"])
        items = []
        for n, item in enumerate(meeting.items, start=1):
            item, found = checked(item, directory)
            problems += [E["item"].format(n=n, reason=reason) for reason in found.values()]
            items.append(item)
        checked_items.append(items)
    if problems:
        raise ProtocolError(problems_message(problems))
    at = at or clock.now()
    with store.transaction(eng) as conn:
        return [_save(conn, meeting, items, at) for meeting, items in zip(batch, checked_items, strict=True)]


def save_protocol(eng: Engine, meeting: MeetingInput, at: datetime | None = None) -> SavedProtocol:
    """Store one meeting's items (``save_protocols``)."""
    return save_protocols(eng, [meeting], at)[0]


def change(eng: Engine, item_id: int, status: str = OPEN, note: str = "",
           deadline: date | None = None, at: datetime | None = None) -> None:
    """Add an event to an open item: closed as ``done`` or ``cancelled``, or (``open``) given the
    new ``deadline``. A closed item is not changed again (``ProtocolError``)."""
    if status == OPEN and deadline is None:
        raise ProtocolError(E["no_deadline"])
    e = protocol_events.c
    with store.transaction(eng) as conn:
        latest = conn.execute(
            select(e.status, e.deadline, e.at).where(e.item_id == int(item_id))
            .order_by(e.at.desc(), e.id.desc()).limit(1)
        ).one_or_none()
        if latest is None:
            raise ProtocolError(E["no_item"].format(item=item_id))
        if latest.status in CLOSED:
            raise ProtocolError(E["already"].format(
                item=item_id, status=labels.STANDINGS[latest.status], date=f"{latest.at:%d.%m.%Y}"))
        conn.execute(insert(protocol_events).values(
            item_id=int(item_id), at=at or clock.now(), login=users.login(), status=status,
            deadline=deadline or latest.deadline, note=note))


def items_frame(eng: Engine) -> pd.DataFrame:
    """Every item with its meeting (``ITEM_COLUMNS``), in the order recorded."""
    i, m = protocol_items.c, meetings.c
    query = (select(*(i[c] for c in ("id", "meeting_id")), m.kind.label("meeting_kind"), m.held_on,
                    m.department_id, *(i[c] for c in _OWN_COLUMNS))
             .join(meetings, m.id == i.meeting_id).order_by(i.id))
    with eng.connect() as conn:
        frame = pd.read_sql(query, conn)
    frame["held_on"] = pd.to_datetime(frame["held_on"])
    frame["amount"] = frame["amount"].astype("Int64")
    return frame[ITEM_COLUMNS]


def events_frame(eng: Engine) -> pd.DataFrame:
    """Every status event (``EVENT_COLUMNS``), oldest first."""
    e = protocol_events.c
    with eng.connect() as conn:
        frame = pd.read_sql(select(*(e[c] for c in EVENT_COLUMNS)).order_by(e.at, e.id), conn)
    frame["at"] = pd.to_datetime(frame["at"])
    frame["deadline"] = pd.to_datetime(frame["deadline"])
    return frame


# --- the form's drafts, one per login --------------------------------------------------------


def save_draft(eng: Engine, state: dict) -> None:
    drafts.save(eng, protocol_drafts, users.login(), state)


def load_draft(eng: Engine) -> tuple[dict, datetime] | None:
    return drafts.load(eng, protocol_drafts, users.login())


def delete_draft(eng: Engine) -> None:
    drafts.drop(eng, protocol_drafts, users.login())
