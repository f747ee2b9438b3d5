"""Canonical strings → typed rows, and the problems that reject a row.

A problem is a ``(row, column, reason)`` triple: the row number in the file, the canonical
column and a key of ``labels.IMPORT_REJECT_REASONS``. A row with any problem is rejected.
"""

from __future__ import annotations

import pandas as pd
import pandera.errors

from salesplan.config import company
from salesplan.importing import parsing
from salesplan.importing.schemas import (
    DEFAULT_ROLE,
    DTYPES,
    NAME_COLUMNS,
    SYNONYMS,
    Kind,
    kinds,
    rule_columns,
    schema,
)

PROBLEM_COLUMNS = ["row", "column", "reason"]
PARSERS = {
    Kind.MONEY: (parsing.parse_money, "bad_number"),
    Kind.SCORE: (parsing.parse_whole, "bad_whole"),
    Kind.DURATION: (parsing.parse_duration, "bad_duration"),
    Kind.DATE: (parsing.parse_date, "bad_date"),
    Kind.DATETIME: (parsing.parse_datetime, "bad_date"),
}


def problems(rows: pd.Index | list[int], column: str, reason: str) -> pd.DataFrame:
    rows = pd.Series(rows, dtype="int64")
    return pd.DataFrame({"row": rows, "column": column, "reason": reason}, columns=PROBLEM_COLUMNS)


def _typed_column(raw: pd.Series, kind: Kind, fmt: str | None) -> pd.Series:
    if kind in (Kind.DATE, Kind.DATETIME):
        return PARSERS[kind][0](raw, fmt)
    if kind in PARSERS:
        return PARSERS[kind][0](raw)
    if kind is Kind.ENUM:
        lowered = raw.str.lower()
        return lowered.replace(SYNONYMS) if lowered.isin(SYNONYMS).any() else lowered
    return raw


def _unparsed(parsed: pd.Series, raw: pd.Series) -> pd.Index:
    """Rows with something in the cell that did not parse (a blank cell is an empty one)."""
    if parsed.isna().sum() == raw.isna().sum():  # parsing only ever adds NA
        return pd.Index([], dtype="int64")
    suspects = raw[parsed.isna() & raw.notna()]
    return suspects.index[suspects.str.strip().ne("").to_numpy(dtype=bool)]


def coerce(table: str, frame: pd.DataFrame, formats: dict[str, str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every store column of ``table`` typed (``NA`` where the file gives nothing) plus the
    name columns the file has; and the problems of the cells that do not parse.

    A manager's missing department and role get the defaults (``params/company.yaml``'s
    ``default_department``, ``hunter``).
    """
    index = frame.index
    present = {n: k for n, k in kinds(table).items() if n in frame.columns}
    parsed = parsing.columnwise(lambda n: _typed_column(frame[n], present[n], formats.get(n)), present)
    typed = {
        name: parsed[name] if name in parsed else pd.Series(pd.NA, index, dtype=DTYPES[kind])
        for name, kind in kinds(table).items()
    }
    typed.update({n: frame[n] for n in NAME_COLUMNS.values() if n in frame.columns})
    defaults = {"department_id": company().default_department, "role": DEFAULT_ROLE}
    typed.update({n: typed[n].fillna(v) for n, v in defaults.items() if n in typed})
    found = [
        problems(_unparsed(parsed[n], frame[n]), n, PARSERS[k][1])
        for n, k in present.items()
        if k in PARSERS
    ]
    return pd.DataFrame(typed, index=index, copy=False), pd.concat([problems([], "", ""), *found])


def check(table: str, typed: pd.DataFrame) -> pd.DataFrame:
    """The problems the declared schema of ``table`` finds (see ``schemas.schema``)."""
    try:
        schema(table).validate(typed[list(kinds(table))], lazy=True, inplace=True)
    except pandera.errors.SchemaErrors as exc:
        cases = exc.failure_cases.dropna(subset=["index"])
    else:
        return problems([], "", "")
    reason = cases["check"].astype(str)
    nulls = reason.eq("not_nullable")
    reason = reason.mask(nulls & cases["column"].eq("id"), "missing_id")
    reason = reason.mask(nulls & cases["column"].ne("id"), "missing_value")
    rules = rule_columns(table)
    column = [rules.get(r, c) for r, c in zip(reason, cases["column"], strict=True)]
    found = pd.DataFrame({"row": cases["index"].astype("int64"), "column": column, "reason": reason})
    return found.drop_duplicates()[PROBLEM_COLUMNS]
