"""Finalised attestations: one record per manager and period, never changed or deleted.

A record keeps the whole sheet as data (``payload``: evidence, scores, decision, ИПР,
commission), so a finalised sheet prints the same whatever happens to the data later. The
database refuses updates and deletes of the table (``salesplan.schema.IMMUTABLE``); finalising
the same manager and period again is an error.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
from sqlalchemy import Engine, insert, select
from sqlalchemy.exc import IntegrityError

from salesplan import audit, clock, labels, store
from salesplan.attestation.tables import attestations
from salesplan.errors import SalesplanError

RECORD_COLUMNS = [
    "id", "manager_id", "period", "department_id", "status", "total", "decision", "reattest_by",
    "finalised_by", "finalised_at",
]


class AlreadyFinalised(SalesplanError):
    """The attestation of this manager and period is already on record."""


def store_records(eng: Engine, sheets: list[dict], finalised_by: str) -> None:
    """Put sheet payloads on record in one transaction (all or none).

    Each payload is ``assessment.build``'s: its ``manager.id``, ``period.key``,
    ``department_id``, ``status``, ``total``, ``decision`` and ``reattest_by`` fill the record's
    columns; ``finalised`` is set to who and when.
    """
    now = clock.now()
    rows = []
    for payload in sheets:
        payload = {**payload, "finalised": {"by": finalised_by, "at": now.isoformat(timespec="seconds")}}
        rows.append({
            "manager_id": payload["manager"]["id"],
            "period": payload["period"]["key"],
            "department_id": payload["department_id"],
            "status": payload["status"],
            "total": payload["total"],
            "decision": payload["decision"],
            "reattest_by": date.fromisoformat(payload["reattest_by"]) if payload["reattest_by"] else None,
            "finalised_by": finalised_by,
            "finalised_at": now,
            "payload": payload,
        })
    if not rows:
        return
    try:
        with store.transaction(eng) as conn:
            conn.execute(insert(attestations), rows)
            for row in rows:
                audit.record(conn, audit.ATTESTATION_FINALISED, row["manager_id"], {
                    key: row[key] for key in ("period", "status", "total", "decision", "finalised_by")
                })
    except IntegrityError as exc:
        done = history(eng)
        taken = {(r["manager_id"], r["period"]) for r in rows} & set(zip(done["manager_id"], done["period"],
                                                                          strict=True))
        names = ", ".join(f"{m} ({p})" for m, p in sorted(taken))
        raise AlreadyFinalised(labels.ATTESTATION_ERRORS["already_finalised"].format(sheets=names)) from exc


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    for col in ("reattest_by", "finalised_at"):
        frame[col] = pd.to_datetime(frame[col])
    return frame


def history(eng: Engine, manager_id: str | None = None) -> pd.DataFrame:
    """Finalised attestations (``RECORD_COLUMNS``), oldest first; of one manager when given."""
    query = select(*[attestations.c[c] for c in RECORD_COLUMNS]).order_by(
        attestations.c.manager_id, attestations.c.period
    )
    if manager_id:
        query = query.where(attestations.c.manager_id == manager_id)
    with eng.connect() as conn:
        return _typed(pd.read_sql(query, conn))


def payloads(eng: Engine, period: str) -> dict[str, dict]:
    """manager_id → the finalised sheet payload of ``period``."""
    query = select(attestations.c.manager_id, attestations.c.payload).where(attestations.c.period == period)
    with eng.connect() as conn:
        return {m: p for m, p in conn.execute(query).all()}


class NotAttested(SalesplanError):
    """The manager has no attestation sheet for the period (not employed then, or unknown)."""
