"""Saved plans: scenarios while modelled, the plan of record once approved.

A plan is a set of lines (manager, working day, amount in kopecks) under a header
(month, department, name, status, version, author, time, inputs), with optional activity norms
per manager (``plan_norms``) and the monthly amount by product line or client segment
(``plan_mix``). Approved plans are never updated (the database refuses it too): approving again makes
the next version, and the latest approved version of a month is its plan of record.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine, func, insert, select
from sqlalchemy.engine import Connection

from salesplan import audit, clock
from salesplan.store import plan_lines, plan_mix, plan_norms, plans, transaction

STATUSES = ("scenario", "approved")
LINE_COLUMNS = ["manager_id", "date", "amount"]
NORM_COLUMNS = [c.name for c in plan_norms.c if c.name != "plan_id"]
MIX_COLUMNS = [c.name for c in plan_mix.c if c.name != "plan_id"]


def _records(frame: pd.DataFrame | None, columns: list[str], plan_id: int) -> list[dict]:
    if frame is None or frame.empty:
        return []
    missing = set(columns) - set(frame.columns)
    if missing:
        raise ValueError(f"plan rows lack columns: {', '.join(sorted(missing))}")
    return [{"plan_id": plan_id, **row} for row in frame[columns].to_dict("records")]


def save_plan(
    eng: Engine,
    month: str,
    department_id: str,
    lines: pd.DataFrame,
    author: str,
    name: str,
    inputs: dict,
    status: str = "scenario",
    norms: pd.DataFrame | None = None,
    mix: pd.DataFrame | None = None,
) -> int:
    """Store a new plan version in one transaction; returns its id.

    ``lines`` has ``manager_id``, ``date`` and ``amount`` (integer kopecks). An approved plan's
    version is one more than the month's latest approved one; a scenario's, one more than the
    latest scenario of the same name. ``norms`` (columns ``NORM_COLUMNS``) and ``mix``
    (``MIX_COLUMNS``) are stored with it when given.
    """
    # the plan model builds what is saved here: a wrong status or column is a bug, not a user's error
    if status not in STATUSES:
        raise ValueError(f"plan status {status!r}: expected one of {', '.join(STATUSES)}")
    missing = set(LINE_COLUMNS) - set(lines.columns)
    if missing:
        raise ValueError(f"plan lines lack columns: {', '.join(sorted(missing))}")
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
                created_at=clock.now(),
                inputs=inputs,
            )
        ).inserted_primary_key[0]
        if rows:
            conn.execute(insert(plan_lines), [{"plan_id": plan_id, **r} for r in rows])
        for table, frame, columns in ((plan_norms, norms, NORM_COLUMNS), (plan_mix, mix, MIX_COLUMNS)):
            if records := _records(frame, columns, plan_id):
                conn.execute(insert(table), records)
        if status == "approved":
            _audit_approval(conn, plan_id, month, department_id, name, latest, rows)
    return int(plan_id)


def _audit_approval(conn: Connection, plan_id: int, month: str, department_id: str, name: str,
                    previous: int | None, rows: list[dict]) -> None:
    """The audit entry of an approval: the version, its total, and each manager's month amount
    (roubles) that differs from the previous approved version's."""
    def by_manager(lines) -> dict[str, float]:
        totals: dict[str, int] = {}
        for manager, amount in lines:
            totals[manager] = totals.get(manager, 0) + int(amount)
        return {m: a / 100 for m, a in totals.items()}

    before = {}
    if previous:
        earlier = select(plans.c.id).where(
            plans.c.month == month, plans.c.department_id == department_id,
            plans.c.status == "approved", plans.c.version == previous,
        ).scalar_subquery()
        before = by_manager(conn.execute(
            select(plan_lines.c.manager_id, plan_lines.c.amount).where(plan_lines.c.plan_id == earlier)
        ).all())
    after = by_manager((r["manager_id"], r["amount"]) for r in rows)
    audit.record(conn, audit.PLAN_APPROVED, f"{month} {department_id}", {
        "plan_id": int(plan_id), "name": name, "version": (previous or 0) + 1,
        "total": sum(after.values()), "previous_total": sum(before.values()) if previous else None,
        "managers": audit.changes(before, after),
    })


def plan_versions(
    eng: Engine,
    month: str | None = None,
    department: str | None = None,
    plan_id: int | None = None,
) -> pd.DataFrame:
    """Plan headers, newest first, optionally for one month and department (or one plan)."""
    query = select(plans).order_by(plans.c.created_at.desc(), plans.c.id.desc())
    if month:
        query = query.where(plans.c.month == month)
    if department:
        query = query.where(plans.c.department_id == department)
    if plan_id is not None:
        query = query.where(plans.c.id == int(plan_id))
    with eng.connect() as conn:
        return pd.read_sql(query, conn)


def lines_of(eng: Engine, plan_ids: list[int]) -> pd.DataFrame:
    """Lines of the given plans: ``plan_id, manager_id, date, amount`` (kopecks)."""
    frame = _rows_of(eng, plan_lines, plan_ids)
    frame["date"] = pd.to_datetime(frame["date"])
    frame["amount"] = frame["amount"].astype("int64")
    return frame


def _record_heads(eng: Engine, month: str, department: str | None) -> pd.DataFrame:
    """``id, department_id`` of the latest approved plan of ``month`` per department."""
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
        return pd.read_sql(query, conn)


def plan_of_record(eng: Engine, month: str, department: str | None = None) -> pd.DataFrame:
    """Lines of the latest approved plan of ``month`` for each department (or one department).

    Columns: ``plan_id, department_id, manager_id, date, amount`` (kopecks); empty when no plan
    has been approved.
    """
    heads = _record_heads(eng, month, department)
    lines = lines_of(eng, heads["id"].tolist())
    out = lines.merge(heads.rename(columns={"id": "plan_id"}), on="plan_id")
    return out[["plan_id", "department_id", "manager_id", "date", "amount"]]


def _rows_of(eng: Engine, table, plan_ids: list[int]) -> pd.DataFrame:
    query = select(table).where(table.c.plan_id.in_([int(i) for i in plan_ids]))
    with eng.connect() as conn:
        return pd.read_sql(query, conn)


def norms_of(eng: Engine, plan_ids: list[int]) -> pd.DataFrame:
    """Activity norms of the given plans: ``plan_id`` and ``NORM_COLUMNS``."""
    return _rows_of(eng, plan_norms, plan_ids)


def mix_of(eng: Engine, plan_ids: list[int]) -> pd.DataFrame:
    """Product / segment amounts of the given plans: ``plan_id`` and ``MIX_COLUMNS`` (kopecks)."""
    frame = _rows_of(eng, plan_mix, plan_ids)
    frame["amount"] = frame["amount"].astype("int64")
    return frame


def activity_norms(eng: Engine, month: str, department: str | None = None) -> pd.DataFrame:
    """Activity norms of the plan of record of ``month``: ``plan_id, department_id`` and
    ``NORM_COLUMNS`` (``calls_per_day``, ``minutes_per_day``, ``meetings_per_week``,
    ``proposals_per_week`` among them); empty when the approved plan has none.
    """
    heads = _record_heads(eng, month, department)
    norms = norms_of(eng, heads["id"].tolist())
    out = norms.merge(heads.rename(columns={"id": "plan_id"}), on="plan_id")
    return out[["plan_id", "department_id", *NORM_COLUMNS]]
