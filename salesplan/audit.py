"""The audit trail: who did what that others rely on, when, and what changed.

Approving a plan, finalising an attestation sheet, setting a disciplinary cut, editing a saved
review and approving a month's payroll each add a row to ``audit`` in the same transaction as the
change itself (both are kept, or neither). The row holds the time (``salesplan.clock``), the
login (``salesplan.users``), the action, its subject and a JSON of what changed. The database
refuses any UPDATE or DELETE of it (``schema.IMMUTABLE``).
"""

from __future__ import annotations

from datetime import datetime

import pandas as pd
from sqlalchemy import Engine, insert, select
from sqlalchemy.engine import Connection

from salesplan import clock, users
from salesplan.schema import audit

PLAN_APPROVED = "plan_approved"
ATTESTATION_FINALISED = "attestation_finalised"
PENALTY_RECORDED = "penalty_recorded"
REVIEW_EDITED = "review_edited"
PAY_APPROVED = "pay_approved"
ACTIONS = (PLAN_APPROVED, ATTESTATION_FINALISED, PENALTY_RECORDED, REVIEW_EDITED, PAY_APPROVED)
COLUMNS = ["id", "at", "login", "action", "subject", "details"]


def record(conn: Connection, action: str, subject: str, details: dict) -> None:
    """Add one entry on ``conn`` (inside the caller's transaction)."""
    if action not in ACTIONS:  # a programming error, not a user's
        raise ValueError(f"unknown audit action {action!r}")
    conn.execute(insert(audit).values(
        at=clock.now(), login=users.login(), action=action, subject=str(subject), details=details,
    ))


def trail(eng: Engine, since: datetime | None = None) -> pd.DataFrame:
    """The entries (``COLUMNS``) from ``since`` on, oldest first."""
    query = select(*[audit.c[c] for c in COLUMNS]).order_by(audit.c.at, audit.c.id)
    if since is not None:
        query = query.where(audit.c.at >= since)
    with eng.connect() as conn:
        rows = conn.execute(query).mappings().all()
    return pd.DataFrame([dict(r) for r in rows], columns=COLUMNS)


def changes(before: dict, after: dict) -> dict[str, list]:
    """``{key: [before, after]}`` for every key whose value differs (missing = None)."""
    return {k: [before.get(k), after.get(k)] for k in sorted(before.keys() | after.keys())
            if before.get(k) != after.get(k)}
