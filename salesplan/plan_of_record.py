"""Saved plans: scenarios while modelled, the plan of record once approved.

A plan is a set of lines (manager, working day, amount in kopecks) under a header
(month, department, name, status, version, author, time, inputs). Approved plans are never
updated: approving again makes the next version, and the latest approved version of a month
is its plan of record.
"""

from __future__ import annotations

from datetime import datetime

import pandas as pd
from sqlalchemy import Engine, func, insert, select

from salesplan.errors import SalesplanError
from salesplan.store import plan_lines, plans, transaction

STATUSES = ("scenario", "approved")
LINE_COLUMNS = ["manager_id", "date", "amount"]


def save_plan(
    eng: Engine,
    month: str,
    department_id: str,
    lines: pd.DataFrame,
    author: str,
    name: str,
    inputs: dict,
    status: str = "scenario",
) -> int:
    """Store a new plan version in one transaction; returns its id.

    ``lines`` has ``manager_id``, ``date`` and ``amount`` (integer kopecks). An approved plan's
    version is one more than the month's latest approved one; a scenario's, one more than the
    latest scenario of the same name.
    """
    if status not in STATUSES:
        raise SalesplanError(f"plan status {status!r}: expected one of {', '.join(STATUSES)}")
    missing = set(LINE_COLUMNS) - set(lines.columns)
    if missing:
        raise SalesplanError(f"plan lines lack columns: {', '.join(sorted(missing))}")
    rows = [
        {"manager_id": str(m), "date": pd.Timestamp(d).date(), "amount": int(a)}
        for m, d, a in lines[LINE_COLUMNS].itertuples(index=False)
    ]
    with transaction(eng) as conn:
        same = [
            plans.c.month == month,
            plans.c.department_id == department_id,
            plans.c.status == status,
        ]
        if status == "scenario":
            same.append(plans.c.name == name)
        latest = conn.execute(select(func.max(plans.c.version)).where(*same)).scalar_one()
        plan_id = conn.execute(
            insert(plans).values(
                month=month,
                department_id=department_id,
                name=name,
                status=status,
                version=(latest or 0) + 1,
                author=author,
                created_at=datetime.now(),
                inputs=inputs,
            )
        ).inserted_primary_key[0]
        if rows:
            conn.execute(insert(plan_lines), [{"plan_id": plan_id, **r} for r in rows])
    return int(plan_id)


def plan_versions(eng: Engine, month: str | None = None, department: str | None = None) -> pd.DataFrame:
    """Plan headers, newest first, optionally for one month and department."""
    query = select(plans).order_by(plans.c.created_at.desc(), plans.c.id.desc())
    if month:
        query = query.where(plans.c.month == month)
    if department:
        query = query.where(plans.c.department_id == department)
    with eng.connect() as conn:
        return pd.read_sql(query, conn)


def lines_of(eng: Engine, plan_ids: list[int]) -> pd.DataFrame:
    """Lines of the given plans: ``plan_id, manager_id, date, amount`` (kopecks)."""
    query = select(plan_lines).where(plan_lines.c.plan_id.in_([int(i) for i in plan_ids]))
    with eng.connect() as conn:
        frame = pd.read_sql(query, conn)
    frame["date"] = pd.to_datetime(frame["date"])
    frame["amount"] = frame["amount"].astype("int64")
    return frame


def plan_of_record(eng: Engine, month: str, department: str | None = None) -> pd.DataFrame:
    """Lines of the latest approved plan of ``month`` for each department (or one department).

    Columns: ``plan_id, department_id, manager_id, date, amount`` (kopecks); empty when no plan
    has been approved.
    """
    latest = (
        select(plans.c.department_id, func.max(plans.c.version).label("version"))
        .where(plans.c.month == month, plans.c.status == "approved")
        .group_by(plans.c.department_id)
    )
    if department:
        latest = latest.where(plans.c.department_id == department)
    latest = latest.subquery()
    query = select(plans.c.id, plans.c.department_id).join(
        latest,
        (plans.c.department_id == latest.c.department_id) & (plans.c.version == latest.c.version),
    ).where(plans.c.month == month, plans.c.status == "approved")
    with eng.connect() as conn:
        heads = pd.read_sql(query, conn)
    lines = lines_of(eng, heads["id"].tolist())
    out = lines.merge(heads.rename(columns={"id": "plan_id"}), on="plan_id")
    return out[["plan_id", "department_id", "manager_id", "date", "amount"]]
