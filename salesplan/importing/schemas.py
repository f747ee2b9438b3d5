"""The canonical tables as declared schemas: each column's kind, what a file must hold,
and the rules every row must pass.

The columns are those of ``salesplan.store``: its column types give each column's kind
(``BigInteger`` → money in kopecks, ``Integer`` → seconds, ``Date``, ``DateTime``, text)
and its ``NOT NULL`` columns are the required ones. A file may name a row's manager or
client by id (``manager_id``, ``client_id``) or by name (``manager``, ``client``), and its
client by ИНН (``client_inn``: it finds the client, or fills a new client's ``inn``, and is
not stored on the row).

pandera is imported when a schema is first asked for (``schema``), not by the modules that
need only the columns' kinds (the reports read the settings, which read the import profiles).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import TYPE_CHECKING

import pandas as pd
import pyarrow.compute as pc
from sqlalchemy import BigInteger, Date, DateTime, Integer, SmallInteger

from salesplan import store
from salesplan.delivery.addresses import EMAIL
from salesplan.importing.parsing import as_arrow
from salesplan.labels import ROLES

if TYPE_CHECKING:
    import pandera.pandas as pa

OUTCOMES = ("won", "lost", "open")
DIRECTIONS = ("in", "out")
ENUMS: dict[str, tuple[str, ...]] = {"outcome": OUTCOMES, "direction": DIRECTIONS, "role": tuple(ROLES)}
SYNONYMS = {"key-account": "key_account"}  # other spellings of allowed values (after lower case)

DEFAULT_ROLE = "hunter"  # of a manager first seen in an export, or listed without a role
NAME_COLUMNS = {"manager_id": "manager", "client_id": "client"}  # id column → name column
INN_COLUMNS = {"client_id": "client_inn"}  # id column → the ИНН column that also finds it
INN = r"^(\d{10}|\d{12})$"  # 10 digits (a company) or 12 (a sole trader)
DEFAULTED = ("department_id", "role")  # NOT NULL in the store, filled in when a file lacks them


class Kind(StrEnum):
    TEXT = "text"
    ENUM = "enum"
    MONEY = "money"
    SCORE = "score"
    DURATION = "duration"
    DATE = "date"
    DATETIME = "datetime"


PARSED_KINDS = frozenset({Kind.MONEY, Kind.SCORE, Kind.DURATION, Kind.DATE, Kind.DATETIME})  # not text

DTYPES = {
    Kind.TEXT: "str",
    Kind.ENUM: "str",
    Kind.MONEY: "Int64",
    Kind.SCORE: "Int64",
    Kind.DURATION: "Int64",
    Kind.DATE: "datetime64[s]",
    Kind.DATETIME: "datetime64[s]",
}


@cache
def kinds(table: str) -> dict[str, Kind]:
    """Each store column of ``table`` and its kind."""
    out = {}
    for column in store.DATA_TABLES[table].columns:
        if column.name in ENUMS:
            out[column.name] = Kind.ENUM
        elif isinstance(column.type, BigInteger):
            out[column.name] = Kind.MONEY
        elif isinstance(column.type, SmallInteger):
            out[column.name] = Kind.SCORE
        elif isinstance(column.type, Integer):
            out[column.name] = Kind.DURATION
        elif isinstance(column.type, DateTime):
            out[column.name] = Kind.DATETIME
        elif isinstance(column.type, Date):
            out[column.name] = Kind.DATE
        else:
            out[column.name] = Kind.TEXT
    return out


def canonical_columns(table: str) -> list[str]:
    """The columns a canonical file of ``table`` may have: the store's, plus name and ИНН references."""
    columns = list(kinds(table))
    return columns + [m[c] for m in (NAME_COLUMNS, INN_COLUMNS) for c in columns if c in m]


def required_columns(table: str) -> list[tuple[str, ...]]:
    """Columns a file must have, each as its alternatives (``("manager_id", "manager")``)."""
    return [
        (c.name, NAME_COLUMNS[c.name]) if c.name in NAME_COLUMNS else (c.name,)
        for c in store.DATA_TABLES[table].columns
        if not c.nullable and c.name not in DEFAULTED
    ]


@dataclass(frozen=True)
class RowRule:
    """A rule across columns; a row that breaks it is rejected, reported under ``column``."""

    column: str
    reason: str  # key of labels.IMPORT_REJECT_REASONS
    breaks: Callable[[pd.DataFrame], pd.Series]

    def check(self) -> pa.Check:
        import pandera.pandas as pa

        return pa.Check(lambda d: ~self.breaks(d).fillna(False).astype(bool), error=self.reason)


ROW_RULES: dict[str, tuple[RowRule, ...]] = {
    "managers": (
        RowRule("leave_date", "left_before_hired", lambda d: d["leave_date"] < d["hire_date"]),
    ),
    "deals": (
        RowRule("closed", "closed_before_created", lambda d: d["closed"] < d["created"]),
        RowRule(
            "closed",
            "closed_without_date",
            lambda d: d["outcome"].isin(("won", "lost")) & d["closed"].isna(),
        ),
        RowRule("margin", "margin_exceeds_amount", lambda d: d["margin"] > d["amount"]),
    ),
    "payments": (
        RowRule("date", "payment_without_date", lambda d: d["date"].isna() & d["due_date"].isna()),
    ),
    "nps_answers": (
        RowRule("score", "nps_score", lambda d: (d["score"] < 0) | (d["score"] > 10)),
    ),
}

def repeated(ids: pd.Series) -> pd.Series:
    """True on each row whose value appeared on an earlier row (a column in strictly
    increasing order, as exports often are, is known to be unique in one pass)."""
    values = as_arrow(ids)
    if len(ids) < 2 or pc.all(
        pc.less(values.slice(0, len(ids) - 1), values.slice(1)), skip_nulls=False
    ).as_py():
        return pd.Series(False, index=ids.index)
    return ids.duplicated() & ids.notna()


@cache
def column_checks() -> dict[str, list[pa.Check]]:
    """Checks of single columns, by column name in whichever table has it."""
    import pandera.pandas as pa

    return {
        "id": [pa.Check(lambda ids: ~repeated(ids), error="duplicate_id")],
        "amount": [pa.Check.ge(0, error="negative_amount")],
        "inn": [pa.Check.str_matches(INN, error="bad_inn")],
        "email": [pa.Check.str_matches(EMAIL, error="bad_email")],
        **{name: [pa.Check.isin(values, error="bad_value")] for name, values in ENUMS.items()},
    }


@cache
def schema(table: str) -> pa.DataFrameSchema:
    """The pandera schema of a canonical table after parsing (money in kopecks, dates typed).

    ``id`` is unique within a file: a repeated id is reported on each row after the first.
    """
    import pandera.pandas as pa

    columns = {
        c.name: pa.Column(
            DTYPES[kinds(table)[c.name]],
            column_checks().get(c.name, []),
            nullable=c.nullable,
        )
        for c in store.DATA_TABLES[table].columns
    }
    return pa.DataFrameSchema(columns, checks=[r.check() for r in ROW_RULES.get(table, ())])


def rule_columns(table: str) -> dict[str, str]:
    """Reason of each row rule of ``table`` → the column it is reported under."""
    return {r.reason: r.column for r in ROW_RULES.get(table, ())}


def open_deals_expected_date(deals: pd.DataFrame) -> pd.DataFrame:
    """An open deal has no closing date: a date there (Bitrix24's planned ``CLOSEDATE``) is
    its expected date, unless the file gives one."""
    moved = deals["outcome"].eq("open").fillna(False) & deals["closed"].notna()
    return deals.assign(
        expected_date=deals["expected_date"].fillna(deals["closed"].where(moved)),
        closed=deals["closed"].mask(moved),
    )
