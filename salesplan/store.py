"""The store: one database (embedded SQLite by default) through SQLAlchemy Core.

Every money column holds integer kopecks. Dates are ISO ``DATE``, times ``DATETIME``.
SQLite runs in WAL mode with a busy timeout so that several kernels can write at once;
every write goes through ``transaction()``.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import pandas as pd
from sqlalchemy import (
    DDL,
    JSON,
    BigInteger,
    Column,
    Date,
    DateTime,
    Engine,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    func,
    select,
)
from sqlalchemy.engine import Connection

from salesplan.config import default_db_url

metadata = MetaData()

departments = Table(
    "departments",
    metadata,
    Column("id", String, primary_key=True),
    Column("name", String, nullable=False),
)

managers = Table(
    "managers",
    metadata,
    Column("id", String, primary_key=True),
    Column("name", String, nullable=False, index=True),
    Column("department_id", String, ForeignKey("departments.id"), nullable=False),
    Column("role", String, nullable=False),  # hunter | farmer | key_account | head
    Column("hire_date", Date),
    Column("leave_date", Date),
)

clients = Table(
    "clients",
    metadata,
    Column("id", String, primary_key=True),
    Column("name", String, nullable=False, index=True),
    Column("segment", String),
    Column("inn", String),
    Column("manager_id", String),
)

deals = Table(
    "deals",
    metadata,
    Column("id", String, primary_key=True),
    Column("title", String),
    Column("client_id", String, index=True),
    Column("manager_id", String, nullable=False, index=True),
    Column("pipeline", String),
    Column("stage", String),
    Column("amount", BigInteger),  # kopecks; NULL when the card has no amount
    Column("margin", BigInteger),  # kopecks, when known
    Column("created", Date, nullable=False),
    Column("closed", Date),
    Column("outcome", String, nullable=False),  # won | lost | open
    Column("expected_date", Date),  # expected payment / closing date of an open deal
    Column("stage_changed", Date),  # last stage change
    Column("product", String),  # product line, when the export has it
    Column("source", String),  # lead source
)

payments = Table(
    "payments",
    metadata,
    Column("id", String, primary_key=True),
    Column("date", Date),  # paid on; NULL while the invoice is outstanding
    Column("amount", BigInteger, nullable=False),  # kopecks
    Column("client_id", String, index=True),
    Column("deal_id", String, index=True),
    Column("manager_id", String, index=True),
    Column("due_date", Date),  # when it is due (receivables)
)

calls = Table(
    "calls",
    metadata,
    Column("id", String, primary_key=True),
    Column("started_at", DateTime, nullable=False),
    Column("manager_id", String, nullable=False, index=True),
    Column("direction", String, nullable=False),  # in | out
    Column("duration_s", Integer, nullable=False),
    Column("result", String),
    Column("client_id", String),
    Column("phone", String),
    Column("deal_id", String),
    Column("recording_url", String),
)

leads = Table(
    "leads",
    metadata,
    Column("id", String, primary_key=True),
    Column("created", Date, nullable=False),
    Column("source", String),
    Column("manager_id", String, index=True),
    Column("deal_id", String),
    Column("client_id", String),
)

imports = Table(
    "imports",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("table_name", String, nullable=False),
    Column("file", Text, nullable=False),
    Column("format", String, nullable=False),
    Column("imported_at", DateTime, nullable=False, server_default=func.current_timestamp()),
    Column("rows_read", Integer, nullable=False),
    Column("rows_accepted", Integer, nullable=False),
    Column("rows_rejected", Integer, nullable=False),
)

# A plan version for a month: a scenario while being modelled, the plan of record once
# approved. Approved plans are immutable: a change makes a new version.
plans = Table(
    "plans",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("month", String(7), nullable=False, index=True),  # YYYY-MM
    Column("department_id", String, nullable=False),
    Column("name", String, nullable=False),
    Column("status", String, nullable=False),  # scenario | approved
    Column("version", Integer, nullable=False),
    Column("author", String, nullable=False),
    Column("created_at", DateTime, nullable=False, server_default=func.current_timestamp()),
    Column("inputs", JSON, nullable=False),
    UniqueConstraint("month", "department_id", "status", "version", "name"),
)

plan_lines = Table(
    "plan_lines",
    metadata,
    Column("plan_id", Integer, ForeignKey("plans.id"), primary_key=True),
    Column("manager_id", String, primary_key=True),
    Column("date", Date, primary_key=True),  # a working day
    Column("amount", BigInteger, nullable=False),  # kopecks, whole roubles
)

# A plan's activity norms per manager (the reverse funnel): counts for the month and the
# norms plan/fact checks (calls and minutes per working day, meetings and proposals per week).
plan_norms = Table(
    "plan_norms",
    metadata,
    Column("plan_id", Integer, ForeignKey("plans.id"), primary_key=True),
    Column("manager_id", String, primary_key=True),
    Column("deals", Integer, nullable=False),
    Column("leads", Integer, nullable=False),
    Column("proposals", Integer, nullable=False),
    Column("meetings", Integer, nullable=False),
    Column("calls", Integer, nullable=False),
    Column("calls_per_day", Float, nullable=False),
    Column("minutes_per_day", Float, nullable=False),
    Column("meetings_per_week", Float, nullable=False),
    Column("proposals_per_week", Float, nullable=False),
)

# A plan's monthly amount per manager by product line or client segment, where the data have them.
plan_mix = Table(
    "plan_mix",
    metadata,
    Column("plan_id", Integer, ForeignKey("plans.id"), primary_key=True),
    Column("manager_id", String, primary_key=True),
    Column("dimension", String, primary_key=True),  # product | segment
    Column("key", String, primary_key=True),  # "" when the source row had none
    Column("amount", BigInteger, nullable=False),  # kopecks
)


def immutable(table: Table, message: str, when: str | None = None) -> None:
    """SQLite triggers that abort an update or delete of ``table``'s rows (those where ``when``
    holds, an SQL condition on ``OLD``; every row without it) with ``message``."""
    condition = f"WHEN {when} " if when else ""
    for action in ("UPDATE", "DELETE"):
        event.listen(
            table,
            "after_create",
            DDL(
                f"CREATE TRIGGER {table.name}_no_{action.lower()} BEFORE {action} ON {table.name} "
                f"{condition}BEGIN SELECT RAISE(ABORT, '{message}'); END"
            ).execute_if(dialect="sqlite"),
        )


# Approved plans are immutable in the database too: no update or delete of an approved header
# or of its lines, norms or mix.
_APPROVED = "approved plans are immutable"
immutable(plans, _APPROVED, "OLD.status = 'approved'")
for _table in (plan_lines, plan_norms, plan_mix):
    immutable(_table, _APPROVED, "(SELECT status FROM plans WHERE id = OLD.plan_id) = 'approved'")

DATA_TABLES: dict[str, Table] = {
    t.name: t for t in (departments, managers, clients, deals, payments, calls, leads)
}


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


@lru_cache(maxsize=16)
def engine(url: str | None = None) -> Engine:
    """The engine for ``url`` (default: ``$SALESPLAN_DB`` or ``data/salesplan.db``), schema created."""
    url = url or default_db_url()
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        eng = create_engine(url, connect_args={"timeout": 30})
        event.listen(eng, "connect", _sqlite_connect)
        event.listen(eng, "begin", _sqlite_begin)
    else:
        eng = create_engine(url, pool_pre_ping=True)
    metadata.create_all(eng)
    return eng


_created: weakref.WeakKeyDictionary[Engine, set[str]] = weakref.WeakKeyDictionary()


def ensure_tables(eng: Engine, tables: Sequence[Table]) -> Engine:
    """Create ``tables`` if this database lacks them (once per engine and table); returns ``eng``.

    ``engine()`` creates the tables defined when it first ran for a URL; an area whose tables
    are defined in a module imported later calls this before it reads or writes them.
    """
    done = _created.setdefault(eng, set())
    missing = [t for t in tables if t.name not in done]
    if missing:
        with transaction(eng) as conn:
            metadata.create_all(conn, tables=missing)
        done.update(t.name for t in missing)
    return eng


@contextmanager
def transaction(eng: Engine) -> Iterator[Connection]:
    """One transaction: committed on success, rolled back on any exception."""
    with eng.connect().execution_options(write=True) as conn, conn.begin():
        yield conn


def read_table(eng: Engine, name: str, columns: Sequence[str] | None = None) -> pd.DataFrame:
    """A whole table as a DataFrame with dates as ``datetime64`` and money as ``int64`` kopecks."""
    table = metadata.tables[name]
    cols = [table.c[c] for c in columns] if columns else list(table.c)
    with eng.connect() as conn:
        frame = pd.read_sql(select(*cols), conn)
    for col in cols:
        if isinstance(col.type, Date | DateTime):
            frame[col.name] = pd.to_datetime(frame[col.name])
        elif isinstance(col.type, BigInteger | Integer) and not frame[col.name].isna().any():
            frame[col.name] = frame[col.name].astype("int64")
    return frame


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
