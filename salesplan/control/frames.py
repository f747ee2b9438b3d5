"""The store's tables for one department (or all), the fact lines and the plan lines.

The calculations of ``salesplan.control`` are pure functions over these frames; this module
is the one place that reads the store for them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from sqlalchemy import Engine, exists, or_, select
from sqlalchemy.sql.elements import ColumnElement

from salesplan import store
from salesplan.errors import check_department
from salesplan.periods import Month
from salesplan.plan_of_record import plan_of_record

UNASSIGNED = ""  # manager_id of a payment whose manager is unknown (labelled on display)
FACT_COLUMNS = ["manager_id", "date", "amount"]
FACT_SOURCES = ("payments", "won_deals")


@dataclass(frozen=True)
class Frames:
    """The data tables of one department; ``department`` is "" for all of them."""

    department: str
    managers: pd.DataFrame
    clients: pd.DataFrame
    deals: pd.DataFrame
    payments: pd.DataFrame
    calls: pd.DataFrame
    leads: pd.DataFrame

    def manager_names(self) -> dict[str, str]:
        """manager_id → name."""
        return dict(zip(self.managers["id"], self.managers["name"], strict=True))


def as_engine(db: Engine | str | None) -> Engine:
    """``db`` itself when an engine, else the store's engine for that URL (""/None: default)."""
    return db if isinstance(db, Engine) else store.engine(db or None)


def lookup(keys: pd.Series, values: pd.Series) -> pd.Series:
    """``values[key]`` for each of ``keys`` (missing where the key is unknown), on ``keys``'s
    index. Unlike ``Series.map`` it keeps the values' dtype when ``values`` is empty."""
    return pd.Series(values.reindex(keys.to_numpy()).to_numpy(), index=keys.index, dtype=values.dtype)


def isin(values: pd.Series, among: Iterable) -> pd.Series:
    """``values.isin(among)``; for text, tested by pyarrow's hash set at once (pandas' ``isin``
    on text converts each of ``among`` in Python: seconds for a store's million deal ids)."""
    keys = among if isinstance(among, pd.Index | pd.Series) else pd.Index(list(among))
    if not isinstance(values.dtype, pd.StringDtype) or not pd.api.types.is_string_dtype(keys.dtype):
        return values.isin(keys)
    found = pc.is_in(pa.array(values), value_set=pa.array(keys.astype(values.dtype)))
    return pd.Series(found.to_numpy(zero_copy_only=False), index=values.index, dtype=bool)


def with_payment_managers(payments: pd.DataFrame, deals: pd.DataFrame) -> pd.DataFrame:
    """Payments whose ``manager_id`` is missing take their deal's manager, else ``UNASSIGNED``."""
    missing = payments["manager_id"].isna()
    if not missing.any():
        return payments
    deal_manager = deals.set_index("id")["manager_id"]
    filled = lookup(payments["deal_id"][missing], deal_manager).fillna(UNASSIGNED)
    out = payments.copy()
    out.loc[missing, "manager_id"] = filled
    return out


def read_calls(db: Engine | str | None, start: date, end: date,
               managers: Iterable[str] | None = None) -> pd.DataFrame:
    """The calls started from ``start`` to ``end`` (whole days), of ``managers`` when given,
    selected in the database (by the index on ``started_at``)."""
    calls = store.calls
    query = select(calls).where(
        calls.c.started_at >= datetime.combine(start, time()),
        calls.c.started_at < datetime.combine(end + timedelta(days=1), time()),
    )
    if managers is not None:
        query = query.where(calls.c.manager_id.in_(sorted(set(managers))))
    with as_engine(db).connect() as conn:
        frame = pd.read_sql(query, conn)
    return frame.assign(started_at=pd.to_datetime(frame["started_at"]),
                        duration_s=frame["duration_s"].astype("int64"))


def load_frames(db: Engine | str | None = None, department: str = "",
                calls: bool = True) -> Frames:
    """Read the tables; with ``department`` its managers and their rows only, selected in the
    database (a payment without a manager counts for its deal's manager).

    With ``calls=False`` the (large) calls table is not read and ``Frames.calls`` is empty:
    read the calls of a period with ``read_calls`` instead.
    """
    eng = as_engine(db)
    managers = store.read_table(eng, "managers")
    theirs: dict[str, ColumnElement[bool] | None] = dict.fromkeys(("deals", "payments", "calls", "leads"))
    if department:
        check_department(department, managers["department_id"].dropna())
        ids = sorted(department_managers(managers, department))
        managers = managers[managers["department_id"] == department]
        theirs = {name: store.metadata.tables[name].c.manager_id.in_(ids) for name in theirs}
        # a payment without a manager may be of a deal of theirs (``with_payment_managers``)
        theirs["payments"] = or_(theirs["payments"], store.payments.c.manager_id.is_(None))
    tables = {"managers": managers, "clients": store.read_table(eng, "clients")}
    for name, where in theirs.items():
        if calls or name != "calls":
            tables[name] = store.read_table(eng, name, where=where)
    if not calls:
        tables["calls"] = read_calls(eng, date.min, date.min)  # no call: the columns only
    # nullable money columns are float kopecks (NaN where missing), even when all are missing
    tables["deals"] = tables["deals"].astype({"amount": "float64", "margin": "float64"})
    tables["payments"] = with_payment_managers(tables["payments"], tables["deals"])
    if department:
        payments = tables["payments"]
        tables["payments"] = payments[payments["manager_id"].isin(ids)]
    return Frames(department=department, **{k: v.reset_index(drop=True) for k, v in tables.items()})


def department_managers(managers: pd.DataFrame, department: str) -> set[str]:
    """Ids of the managers of ``department`` (of all departments for "")."""
    if not department:
        return set(managers["id"])
    return set(managers.loc[managers["department_id"] == department, "id"])


def has_rows(db: Engine | str | None, table: str) -> bool:
    """Whether the store's ``table`` holds any row (of any department)."""
    with as_engine(db).connect() as conn:
        return bool(conn.execute(select(exists(select(store.metadata.tables[table]).limit(1)))).scalar())


def stored_fact_sources(db: Engine | str | None) -> set[str]:
    """The fact sources the store has lines of: ``payments`` (a payment with a paid date),
    ``won_deals`` (a won deal with a closing date)."""
    payments, deals = store.payments, store.deals
    tests = {"payments": select(payments.c.id).where(payments.c.date.is_not(None)),
             "won_deals": select(deals.c.id).where(deals.c.outcome == "won", deals.c.closed.is_not(None))}
    with as_engine(db).connect() as conn:
        return {name for name, query in tests.items() if conn.execute(select(exists(query))).scalar()}


def preferred_fact_source(choice: str) -> str:
    """The source ``choice`` asks for: ``auto`` prefers payments."""
    return "payments" if choice == "auto" else choice


def resolve_fact_source(choice: str, stored: set[str]) -> str:
    """The fact source in effect for ``choice`` (``params/control.yaml``, ``fact_source``) when
    the store has lines of the sources ``stored``.

    ``auto`` prefers payments; ``payments`` or ``won_deals`` is the user's choice. The preferred
    source is used when the store has its lines, or when it has neither source's; else the other
    source: a store of deals alone counts won deals, one of payments alone counts payments.
    """
    preferred = preferred_fact_source(choice)
    other = next(s for s in FACT_SOURCES if s != preferred)
    return other if preferred not in stored and other in stored else preferred


def fact_lines(frames: Frames, source: str = "payments") -> pd.DataFrame:
    """What counts as the fact: ``manager_id, date, amount`` (kopecks).

    ``payments``: money received — payments with a paid date, on that date (an outstanding
    invoice is not a fact). ``won_deals``: deals won, their amount on the closing date (a won
    deal without an amount adds 0; hygiene lists it).
    """
    if source == "payments":
        paid = frames.payments[frames.payments["date"].notna()]
        return paid[FACT_COLUMNS].reset_index(drop=True)
    if source == "won_deals":
        deals = frames.deals
        won = deals.loc[(deals["outcome"] == "won") & deals["closed"].notna(),
                        ["manager_id", "closed", "amount"]]
        return won.rename(columns={"closed": "date"}).assign(
            amount=won["amount"].fillna(0).astype("int64")).reset_index(drop=True)
    raise ValueError(f"fact source {source!r}: expected payments or won_deals")  # params check it


def plan_lines(db: Engine | str | None, start: date, end: date, department: str = "") -> pd.DataFrame:
    """Plan-of-record lines dated ``start``…``end`` (``manager_id, date, amount``), any months."""
    eng = as_engine(db)
    months = Month.of(start).through(Month.of(end))
    parts = [plan_of_record(eng, str(m), department or None) for m in months]
    lines = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=FACT_COLUMNS)
    inside = (lines["date"] >= pd.Timestamp(start)) & (lines["date"] <= pd.Timestamp(end))
    return lines.loc[inside, FACT_COLUMNS].reset_index(drop=True)


def amount_by_manager(lines: pd.DataFrame, start: date, end: date) -> pd.Series:
    """Sum of ``amount`` per ``manager_id`` over lines dated ``start``…``end`` (inclusive)."""
    dates = lines["date"]
    inside = (dates >= pd.Timestamp(start)) & (dates <= pd.Timestamp(end))
    return lines["amount"][inside].groupby(lines["manager_id"][inside]).sum()
