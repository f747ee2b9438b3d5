"""Submitted payment plans in the store: submit a version, list them, read their rows.

A submission is checked (``rows.problems``), then written in one transaction as version N+1 of
its plan (kind, period, manager), with the login (``users.login``) and the time
(``clock.now``). Nothing submitted is ever changed: the database refuses it
(``schema.IMMUTABLE``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd
from sqlalchemy import Engine, func, insert, select

from salesplan import clock, labels, store, users
from salesplan.errors import PaymentPlanError
from salesplan.payplan import rows as R
from salesplan.periods import Day, Week
from salesplan.schema import payment_plan_rows, payment_plans

E = labels.PAYPLAN_ERRORS
KINDS = {"week": Week, "day": Day}
PLAN_COLUMNS = ["id", "kind", "period", "manager_id", "version", "submitted_by", "submitted_at",
                "source"]


@dataclass(frozen=True)
class Submission:
    """What a manager submits: a plan for a week (``period`` YYYY-Www) or for a day
    (YYYY-MM-DD), its rows (``rows.COLUMNS``) and where it comes from (``form`` or a file)."""

    kind: str
    period: str
    manager_id: str
    rows: pd.DataFrame
    source: str = "form"


@dataclass(frozen=True)
class Submitted:
    """A stored version: its id and number, who submitted it and when, its rows."""

    id: int
    version: int
    submitted_by: str
    submitted_at: datetime
    rows: pd.DataFrame


def period_of(kind: str, day: date) -> str:
    """The period of a plan of ``kind`` that covers ``day``: ``2026-W47`` or ``2026-11-18``."""
    return str(KINDS[kind].of(day))


def submit(eng: Engine, submission: Submission,
           where: Callable[[R.Problem], str] | None = None,
           unread: list[R.Problem] = (), at: datetime | None = None,
           by: str | None = None) -> Submitted:
    """Store ``submission`` as the next version of its plan; ``PaymentPlanError`` naming each bad
    row and column (located by ``where``) when a row fails the checks or a value could not be
    read (``unread``, the row's value then missing), nothing stored then. Submitted ``at``
    (default now) ``by`` (default the current login): the demo's history sets them."""
    where = where or (lambda p: E["form_cell"].format(row=p.position + 1,
                                                      title=labels.PAYPLAN_COLUMNS[p.column]))
    KINDS[submission.kind].parse(submission.period)
    rows = R.typed(submission.rows)
    check_manager(eng, submission.manager_id, labels.PAYPLAN_FORM["manager"])
    with eng.connect() as conn:
        deal_ids = set(conn.execute(select(store.deals.c.id).where(
            store.deals.c.id.in_(rows["deal_id"].dropna().tolist()))).scalars())
        client_ids = set(conn.execute(select(store.clients.c.id).where(
            store.clients.c.id.in_(rows["client_id"].dropna().tolist()))).scalars())
    cells = {(p.position, p.column) for p in unread}
    R.refuse([*unread, *(p for p in R.problems(rows, deal_ids, client_ids)
                         if (p.position, p.column) not in cells)], where)
    if rows.empty:
        raise PaymentPlanError(E["no_rows"].format(where=submission.source))
    p = payment_plans.c
    login, now = by or users.login(), at or clock.now()
    with store.transaction(eng) as conn:
        latest = conn.execute(select(func.max(p.version)).where(
            p.kind == submission.kind, p.period == submission.period,
            p.manager_id == submission.manager_id)).scalar()
        version = (latest or 0) + 1
        plan_id = conn.execute(insert(payment_plans).values(
            kind=submission.kind, period=submission.period, manager_id=submission.manager_id,
            version=version, submitted_by=login, submitted_at=now, source=submission.source,
        ).returning(p.id)).scalar_one()
        records = rows.astype("object").where(rows.notna(), None).to_dict("records")
        conn.execute(insert(payment_plan_rows), [
            {"payment_plan_id": plan_id, "line": line, **record}
            for line, record in enumerate(records, start=1)])
    return Submitted(plan_id, version, login, now, rows)


def check_manager(eng: Engine, manager_id: str, where: str) -> None:
    """``PaymentPlanError`` when the store has no manager ``manager_id``."""
    known = store.read_table(eng, "managers", ["id"])["id"].tolist()
    if manager_id not in known:
        raise PaymentPlanError(E["unknown_manager"].format(
            where=where, value=manager_id, known=", ".join(sorted(known)) or "—"))


def plans(eng: Engine, kind: str | None = None, period: str | None = None,
          manager_id: str | None = None, periods: tuple[str, str] | None = None,
          until: datetime | None = None) -> pd.DataFrame:
    """Submitted versions (``PLAN_COLUMNS``) in the order they were submitted, chosen by kind,
    period (or ``periods`` = first, last as text), manager and submitted before ``until``."""
    p = payment_plans.c
    query = select(*[p[c] for c in PLAN_COLUMNS]).order_by(p.submitted_at, p.id)
    for column, value in (("kind", kind), ("period", period), ("manager_id", manager_id)):
        if value is not None:
            query = query.where(p[column] == value)
    if periods is not None:
        query = query.where(p.period.between(*periods))
    if until is not None:
        query = query.where(p.submitted_at < until)
    with eng.connect() as conn:
        found = conn.execute(query).mappings().all()
    frame = pd.DataFrame([dict(r) for r in found], columns=PLAN_COLUMNS)
    return frame.astype({"id": "int64", "version": "int64"})


def rows_of(eng: Engine, plan_ids: list[int]) -> pd.DataFrame:
    """The rows of the versions ``plan_ids``: ``payment_plan_id``, ``line`` and ``rows.COLUMNS``,
    in line order."""
    r = payment_plan_rows.c
    query = (select(payment_plan_rows).where(r.payment_plan_id.in_([int(i) for i in plan_ids]))
             .order_by(r.payment_plan_id, r.line))
    with eng.connect() as conn:
        frame = pd.read_sql(query, conn)
    ids = frame[["payment_plan_id", "line"]].astype("int64")
    return pd.concat([ids, R.typed(frame)], axis=1)


def latest(eng: Engine, kind: str, period: str, manager_id: str) -> Submitted | None:
    """The newest version of a plan, None when none was submitted."""
    found = plans(eng, kind, period, manager_id)
    if found.empty:
        return None
    head = found.sort_values("version").iloc[-1]
    rows = rows_of(eng, [head["id"]]).drop(columns=["payment_plan_id", "line"])
    return Submitted(int(head["id"]), int(head["version"]), head["submitted_by"],
                     head["submitted_at"], rows)


def versions(eng: Engine, kind: str, period: str, manager_id: str) -> pd.DataFrame:
    """Every version of a plan with its ``rows``, ``amount`` and ``weighted`` totals, newest first."""
    found = plans(eng, kind, period, manager_id)
    lines = rows_of(eng, found["id"].tolist())
    totals = lines.assign(weighted=R.weighted(lines)).groupby("payment_plan_id").agg(
        rows=("line", "size"), amount=("amount", "sum"), weighted=("weighted", "sum"))
    out = found.join(totals, on="id")
    return out.sort_values("version", ascending=False, ignore_index=True)
