"""Disciplinary cuts the head of sales sets for a month (stored; the payslip caps them).

``pay_penalties`` holds one row per cut: month, manager, amount in kopecks, reason, who set it
and when. Several cuts of a month add up; the payslip then limits their sum to the scheme's
``disciplinary_cap`` % of the month's pay.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine, insert, select

from salesplan import audit, clock, store
from salesplan.errors import SalesplanError
from salesplan.labels import ERRORS, PAY_ERRORS
from salesplan.periods import Month
from salesplan.schema import pay_penalties


def record_penalty(
    eng: Engine, month: str, manager_id: str, amount: int, reason: str, set_by: str
) -> int:
    """Store a disciplinary cut of ``amount`` kopecks; returns its id."""
    period = Month.parse(month)
    month = str(period)
    if amount <= 0:
        raise SalesplanError(PAY_ERRORS["penalty_amount"].format(manager=manager_id, month=period.label))
    if not reason.strip():
        raise SalesplanError(PAY_ERRORS["penalty_reason"].format(manager=manager_id, month=period.label))
    with store.transaction(eng) as conn:
        known = conn.execute(
            select(store.managers.c.id).where(store.managers.c.id == manager_id)
        ).first()
        if known is None:
            raise SalesplanError(ERRORS["unknown_manager"].format(manager=manager_id))
        row = conn.execute(insert(pay_penalties).values(
            month=month, manager_id=manager_id, amount=int(amount), reason=reason.strip(),
            set_by=set_by, set_at=clock.now(),
        ))
        audit.record(conn, audit.PENALTY_RECORDED, manager_id, {
            "month": month, "amount": int(amount) / 100, "reason": reason.strip(), "set_by": set_by,
        })
    return int(row.inserted_primary_key[0])


def penalties(eng: Engine, month: str) -> pd.Series:
    """Sum of the month's cuts per manager id (kopecks)."""
    query = select(pay_penalties.c.manager_id, pay_penalties.c.amount).where(
        pay_penalties.c.month == month
    )
    with eng.connect() as conn:
        frame = pd.read_sql(query, conn)
    return frame.groupby("manager_id")["amount"].sum().astype("int64")
