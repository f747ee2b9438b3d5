"""A form's autosaved state, one per author, in a table of three columns: the author (its
primary key), ``updated_at`` and ``state`` (JSON). The call-review form keeps its drafts per
reviewer (``review_drafts``), the protocol form per login (``protocol_drafts``)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine, Table, delete, insert, select

from salesplan import clock, store


def _author(table: Table):
    return next(iter(table.primary_key.columns))


def save(eng: Engine, table: Table, author: str, state: dict) -> None:
    """Keep ``state`` as ``author``'s draft, replacing the one before."""
    key = _author(table)
    with store.transaction(eng) as conn:
        conn.execute(delete(table).where(key == author))
        conn.execute(insert(table).values({key.name: author, "updated_at": clock.now(), "state": state}))


def load(eng: Engine, table: Table, author: str) -> tuple[dict, datetime] | None:
    """``author``'s draft and when it was saved, or None."""
    with eng.connect() as conn:
        row = conn.execute(
            select(table.c.state, table.c.updated_at).where(_author(table) == author)
        ).one_or_none()
    return None if row is None else (row.state, row.updated_at)


def drop(eng: Engine, table: Table, author: str) -> None:
    with store.transaction(eng) as conn:
        conn.execute(delete(table).where(_author(table) == author))
