"""The managers' aliases: the roster with them, and adding more (``salesplan managers``)."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine, select, update

from salesplan import store
from salesplan.errors import SalesplanError
from salesplan.importing.names import person_key
from salesplan.importing.references import join_aliases, managers_directory, split_aliases
from salesplan.labels import ROSTER_ERRORS


class RosterError(SalesplanError):
    """An alias for a manager the roster has not got, or one another manager already has."""


def roster(eng: Engine) -> pd.DataFrame:
    """The managers (``id``, ``name``, ``aliases`` as a list), by name."""
    m = store.metadata.tables["managers"].c
    with eng.connect() as conn:
        rows = conn.execute(select(m.id, m.name, m.aliases).order_by(m.name, m.id)).all()
    frame = pd.DataFrame(rows, columns=["id", "name", "aliases"])
    return frame.assign(aliases=frame["aliases"].map(split_aliases))


def add_aliases(eng: Engine, manager_id: str, aliases: list[str]) -> list[str]:
    """Add ``aliases`` to the manager's (each once); returns all of them.

    Refused when the roster has not got the manager, or when an alias already finds another
    manager (his id, name or alias, spelled alike).
    """
    m = store.metadata.tables["managers"]
    with store.transaction(eng) as conn:
        known = pd.DataFrame(conn.execute(select(m.c.id, m.c.name, m.c.aliases)).all(),
                             columns=["id", "name", "aliases"])
        if manager_id not in set(known["id"]):
            raise RosterError(ROSTER_ERRORS["unknown_manager"].format(
                id=manager_id, known=", ".join(sorted(known["id"])) or "—"))
        mine = known["id"].eq(manager_id)
        others = managers_directory(known[~mine])
        for alias in aliases:
            taken = sorted(others.keys.get(person_key(alias), ()))
            if taken:
                raise RosterError(ROSTER_ERRORS["alias_taken"].format(
                    alias=alias, manager=others.labels[taken[0]]))
        joined = join_aliases([*split_aliases(known.loc[mine, "aliases"].iloc[0]),
                               *(a for cell in aliases for a in split_aliases(cell))])
        conn.execute(update(m).where(m.c.id == manager_id).values(aliases=joined or None))
    return split_aliases(joined)
