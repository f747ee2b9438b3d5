"""The store: one database — embedded SQLite by default, or PostgreSQL — through SQLAlchemy Core.

The tables are declared in ``salesplan.schema`` and made by its migrations (``salesplan.migrations``);
``engine(url)`` is the way in. Every money column holds integer kopecks.

Every write goes through ``transaction()``, and writers queue: SQLite (in WAL mode, with a busy
timeout, so that several kernels can write at once) takes the write lock up front with
``BEGIN IMMEDIATE``; on PostgreSQL a write transaction first takes one transaction-level advisory
lock (``WRITE_LOCK``). Readers never wait for writers on either.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import pandas as pd
from sqlalchemy import (
    BigInteger,
    Date,
    DateTime,
    Engine,
    Integer,
    create_engine,
    event,
    extract,
    func,
    select,
)
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import ArgumentError, InterfaceError, OperationalError
from sqlalchemy.sql.elements import ColumnElement

from salesplan import migrations
from salesplan.config import default_db_url
from salesplan.errors import StoreError
from salesplan.labels import STORE_ERRORS
from salesplan.schema import (  # noqa: F401  (the tables every area reads, as store.<table>)
    calls,
    clients,
    deals,
    departments,
    imports,
    leads,
    managers,
    metadata,
    nps_answers,
    payments,
    plan_lines,
    plan_mix,
    plan_norms,
    plans,
)

DATA_TABLES = {t.name: t for t in (departments, managers, clients, deals, payments, calls, leads,
                                   nps_answers)}
DIALECTS = ("sqlite", "postgresql")
WRITE_LOCK = 0x5A1E5  # PostgreSQL: the advisory lock every write transaction takes
CONNECT_TIMEOUT_S = 10  # PostgreSQL: how long to wait for the server before giving up


def _sqlite_connect(dbapi_conn, _record) -> None:
    dbapi_conn.isolation_level = None  # transactions are begun by _sqlite_begin
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def _sqlite_begin(conn: Connection) -> None:
    """Writers take the write lock up front (no deadlock upgrading a read lock); readers don't."""
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("write") else "BEGIN")


def open_engine(url: str | None = None) -> Engine:
    """An engine for ``url`` (default: ``$SALESPLAN_DB`` or ``data/salesplan.db``) whatever its
    schema; ``engine`` is the one the code uses. ``postgresql://`` means the psycopg 3 driver.

    Raises ``StoreError`` for a URL it cannot read, a database it does not support, or a driver
    that is not installed.
    """
    url = url or default_db_url()
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(STORE_ERRORS["bad_url"].format(url=url)) from exc
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    dialect = parsed.get_backend_name()
    if dialect not in DIALECTS:
        raise StoreError(STORE_ERRORS["unsupported"].format(dialect=dialect))
    try:
        if dialect == "sqlite":
            if parsed.database not in (None, "", ":memory:"):
                Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
            eng = create_engine(parsed, connect_args={"timeout": 30})
            event.listen(eng, "connect", _sqlite_connect)
            event.listen(eng, "begin", _sqlite_begin)
        else:
            eng = create_engine(parsed, pool_pre_ping=True,
                                connect_args={"connect_timeout": CONNECT_TIMEOUT_S})
    except ImportError as exc:
        raise StoreError(STORE_ERRORS["no_driver"].format(
            module=exc.name or parsed.drivername, db=parsed.render_as_string(hide_password=True))) from exc
    return eng


@contextmanager
def reachable(eng: Engine) -> Iterator[None]:
    """Turn a failure to connect (no server, no such database, refused login) into one line."""
    try:
        yield
    except (OperationalError, InterfaceError) as exc:
        detail = str(exc.orig or exc).strip().splitlines()[0]
        raise StoreError(STORE_ERRORS["unreachable"].format(
            db=eng.url.render_as_string(hide_password=True), detail=detail)) from exc


@lru_cache(maxsize=16)
def engine(url: str | None = None) -> Engine:
    """The engine for ``url`` (see ``open_engine``), its schema at this code's version: a new
    empty database is initialised by the migrations; a database of an older schema is refused
    (``SchemaOutdated``: ``salesplan db upgrade``), never changed. Cached per URL."""
    eng = open_engine(url)
    with reachable(eng):
        migrations.require_current(eng)
    return eng


@contextmanager
def transaction(eng: Engine) -> Iterator[Connection]:
    """One write transaction: committed on success, rolled back on any exception."""
    with eng.connect().execution_options(write=True) as conn, conn.begin():
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})")
        yield conn


def read_table(eng: Engine, name: str, columns: Sequence[str] | None = None,
               where: ColumnElement[bool] | None = None) -> pd.DataFrame:
    """A table (its rows matching ``where``, else all) as a DataFrame with dates as
    ``datetime64`` and money as ``int64`` kopecks."""
    table = metadata.tables[name]
    cols = [table.c[c] for c in columns] if columns else list(table.c)
    query = select(*cols) if where is None else select(*cols).where(where)
    with eng.connect() as conn:
        frame = pd.read_sql(query, conn)
    for col in cols:
        if isinstance(col.type, Date | DateTime):
            frame[col.name] = pd.to_datetime(frame[col.name])
        elif isinstance(col.type, BigInteger | Integer) and not frame[col.name].isna().any():
            frame[col.name] = frame[col.name].astype("int64")
    return frame


def month_ordinal(column: ColumnElement) -> ColumnElement[int]:
    """``periods.Month.ordinal`` (year × 12 + month − 1) of a date or time column, computed by
    the database (SQLite and PostgreSQL alike)."""
    return extract("year", column) * 12 + extract("month", column) - 1


def department_names(eng: Engine) -> dict[str, str]:
    """Each department's name by its id."""
    return read_table(eng, "departments").set_index("id")["name"].to_dict()


def counts(eng: Engine) -> dict[str, int]:
    """Row count of every table."""
    with eng.connect() as conn:
        return {
            name: conn.execute(select(func.count()).select_from(table)).scalar_one()
            for name, table in metadata.tables.items()
        }


DATE_COLUMNS = {
    "deals": ("created", "closed"),
    "payments": ("date", "due_date"),
    "calls": ("started_at", "started_at"),
    "leads": ("created", "created"),
    "nps_answers": ("date", "date"),
}


def date_range(eng: Engine) -> dict[str, tuple[str | None, str | None]]:
    """Earliest and latest date of each dated table (ISO strings, None when empty)."""
    out = {}
    with eng.connect() as conn:
        for name, (first, last) in DATE_COLUMNS.items():
            table = metadata.tables[name]
            lo, hi = conn.execute(select(func.min(table.c[first]), func.max(table.c[last]))).one()
            out[name] = (str(lo)[:10] if lo else None, str(hi)[:10] if hi else None)
    return out
