"""Today's payment fact at checkpoints (факт оплат за сегодня, e.g. 12:00, 16:00, 18:00).

Payments carry a date, not a time, so the fact at a checkpoint is what the store held when the
checkpoint passed: the daily run (``salesplan run daily`` for today, or ``salesplan checkpoint``)
records each manager's fact of the day as an explicit step (``record_checkpoint``), and the
brief only reads the recorded checkpoints (``read_checkpoints``) beside the day's plan. A record
belongs to its managers: one department's run replaces its own managers' rows only.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time

import pandas as pd
from sqlalchemy import Engine, delete, insert, select

from salesplan.schema import payment_checkpoints
from salesplan.store import transaction


def passed_checkpoint(now: datetime, checkpoints: list[time]) -> time | None:
    """The latest checkpoint at or before ``now``'s time of day; None before the first."""
    passed = [c for c in sorted(checkpoints) if c <= now.time()]
    return passed[-1] if passed else None


def record_checkpoint(eng: Engine, now: datetime, fact_today: pd.Series, checkpoints: list[time],
                      managers: Iterable[str]) -> time | None:
    """Store the fact of the day of each of ``managers`` (``fact_today``: manager_id → kopecks;
    0 for a manager not in it) under the checkpoint just passed, if any; returns the checkpoint.

    Re-running after the same checkpoint replaces these managers' records of it; the records of
    other managers (another department's) stay.
    """
    checkpoint = passed_checkpoint(now, checkpoints)
    if checkpoint is None:
        return None
    label = checkpoint.strftime("%H:%M")
    who = sorted({str(m) for m in managers} | {str(m) for m in fact_today.index})
    fact = fact_today.rename(index=str)
    rows = [{"day": now.date(), "checkpoint": label, "manager_id": m, "fact": int(fact.get(m, 0)),
             "recorded_at": now} for m in who]
    with transaction(eng) as conn:
        conn.execute(delete(payment_checkpoints).where(
            payment_checkpoints.c.day == now.date(), payment_checkpoints.c.checkpoint == label,
            payment_checkpoints.c.manager_id.in_(who)))
        if rows:
            conn.execute(insert(payment_checkpoints), rows)
    return checkpoint


def read_checkpoints(eng: Engine, day: date, managers: Iterable[str] | None = None) -> pd.DataFrame:
    """The records of ``day`` (of ``managers`` only, when given): ``checkpoint, manager_id, fact``."""
    query = select(payment_checkpoints.c.checkpoint, payment_checkpoints.c.manager_id,
                   payment_checkpoints.c.fact).where(payment_checkpoints.c.day == day)
    if managers is not None:
        query = query.where(payment_checkpoints.c.manager_id.in_([str(m) for m in managers]))
    with eng.connect() as conn:
        return pd.read_sql(query, conn)


def checkpoint_table(records: pd.DataFrame, day_plan: pd.Series, fact_now: pd.Series,
                     checkpoints: list[time]) -> pd.DataFrame:
    """Per manager: the day's ``plan``, the fact at each checkpoint (missing when not recorded),
    the fact ``now`` and ``pct`` = fact now / plan × 100.
    """
    labels = [c.strftime("%H:%M") for c in sorted(checkpoints)]
    managers = day_plan.index.union(fact_now.index).union(pd.Index(records["manager_id"].unique()))
    wide = (records.pivot_table(index="manager_id", columns="checkpoint", values="fact",
                                aggfunc="sum")
            if len(records) else pd.DataFrame(index=managers))
    table = wide.reindex(index=managers, columns=labels)
    table.insert(0, "plan", day_plan.reindex(managers).fillna(0).astype("int64"))
    table["now"] = fact_now.reindex(managers).fillna(0).astype("int64")
    table["pct"] = table["now"] * 100 / table["plan"].where(table["plan"] > 0)
    return table.rename_axis("manager_id").reset_index()
