"""Schema versions: which one a database has, and bringing it to the one this code needs.

The schema (``salesplan.schema``) changes only through the Alembic migrations in
``versions/``, run by ``upgrade`` on the connection of one write transaction: all of them or
none, with no other writer in between. ``alembic_version`` holds a database's revision.

A database made before there were migrations has salesplan's tables and no version table: it is
checked against the first revision's frozen schema (``baseline``), the tables that release made
on first use and the database lacks are added, it is stamped ``0001`` and upgraded from there.

``store.engine`` calls ``require_current``: a new empty database is initialised (every
migration run on it); any other database not at ``HEAD`` is refused with a message that says
to run ``salesplan db upgrade`` — it is never changed without being asked.

A new migration: ``versions/NNNN_what.py`` with ``revision = "NNNN"`` and ``down_revision``
the previous one (``alembic.command.revision(config(), "what")`` writes the skeleton), then
``REVISIONS`` gets its id.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text

from salesplan.errors import SchemaOutdated, StoreError
from salesplan.labels import STORE_ERRORS
from salesplan.schema import metadata

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Engine
    from sqlalchemy.engine import Connection

# oldest first, as in versions/
REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009", "0010",
             "0011", "0012", "0013")
BASE, HEAD = REVISIONS[0], REVISIONS[-1]
VERSION_TABLE = "alembic_version"


@dataclass(frozen=True)
class Version:
    """What a database holds: its revision (None without a version table) and its tables."""

    revision: str | None
    tables: frozenset[str]

    @property
    def state(self) -> str:
        """``current``, ``outdated`` (an older revision), ``newer`` (a revision this code does not
        know), ``empty`` (no tables at all), ``unversioned`` (salesplan's tables, no revision:
        made by a release before migrations), ``foreign`` (other tables only)."""
        if self.revision is not None:
            if self.revision == HEAD:
                return "current"
            return "outdated" if self.revision in REVISIONS else "newer"
        if not self.tables:
            return "empty"
        return "unversioned" if self.tables & set(metadata.tables) else "foreign"


def version(conn: Connection) -> Version:
    """The database's revision and tables (two catalogue queries)."""
    tables = frozenset(inspect(conn).get_table_names())
    revision = None
    if VERSION_TABLE in tables:
        revision = conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()
    return Version(revision, tables - {VERSION_TABLE})


def config(conn: Connection | None = None) -> Config:
    """Alembic's configuration: the migrations of this package, run on ``conn``."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent))
    cfg.attributes["connection"] = conn
    return cfg


def shown(eng: Engine) -> str:
    """The database's URL for messages (no password)."""
    return eng.url.render_as_string(hide_password=True)


def upgrade(eng: Engine) -> Version:
    """Bring the database to ``HEAD`` in one transaction; returns what it was before.

    An unversioned database is adopted (see the module's doc) when it matches the first
    revision; one at a revision this code does not know is refused.
    """
    from alembic import command

    from salesplan import store
    from salesplan.migrations import baseline

    with store.transaction(eng) as conn:
        before = version(conn)
        if before.state == "newer":
            raise _refusal(eng, before)
        if before.state == "unversioned":
            problems = baseline.differences(conn)
            if problems:
                raise StoreError(STORE_ERRORS["mismatch"].format(
                    db=shown(eng), base=BASE, problems="; ".join(problems)))
            baseline.create(conn)
            command.stamp(config(conn), BASE)
        if before.state != "current":
            command.upgrade(config(conn), HEAD)
    return before


def require_current(eng: Engine) -> None:
    """Return when the database is at ``HEAD``; initialise it when it is empty; else refuse
    (``SchemaOutdated``, or ``StoreError`` for a newer one) without changing it."""
    with eng.connect() as conn:
        found = version(conn)
    if found.state == "current":
        return
    if found.state == "empty":
        upgrade(eng)
        return
    raise _refusal(eng, found)


def _refusal(eng: Engine, found: Version) -> StoreError:
    state = found.state
    message = STORE_ERRORS[state].format(db=shown(eng), found=found.revision, head=HEAD)
    return StoreError(message) if state == "newer" else SchemaOutdated(message)
