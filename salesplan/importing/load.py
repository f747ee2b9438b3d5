"""``import_file``: read an export, map it, validate it, and upsert it in one transaction.

Steps: read the file (``readers``), map its columns (``profiles``), parse the values
(``validate.coerce``), find or add the managers and clients it names (``references``),
check the rows against the declared schema (``validate.check``), then write the accepted
rows — an upsert by id, so that importing the same or an overlapping export again
duplicates nothing and updates what changed — and the rejected ones to
``rejected_<table>.csv``. A file-level error (``ImportFileError``) comes before anything
is written; any other failure rolls the transaction back.

An upsert updates only the columns the file provides: a Bitrix24 export without margins
leaves the margins an earlier import stored.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from sqlalchemy import Engine, select
from sqlalchemy.engine import Connection

from salesplan import store
from salesplan.config import company
from salesplan.importing.errors import ImportFileError
from salesplan.importing.profiles import CANONICAL, load_profile, table_rules, to_canonical
from salesplan.importing.readers import read_file
from salesplan.importing.references import resolve
from salesplan.importing.rejects import rejects_frame, write_rejects
from salesplan.importing.schemas import (
    DEFAULT_ROLE,
    DEFAULTED,
    NAME_COLUMNS,
    Kind,
    kinds,
    open_deals_expected_date,
)
from salesplan.importing.validate import check, coerce, problems
from salesplan.labels import IMPORT_ERRORS

REFERENCED = {"manager_id": "managers", "client_id": "clients"}
BATCH_ROWS = 50_000  # rows turned into Python values at a time on their way to the driver


@dataclass(frozen=True)
class ImportResult:
    """What an import did. ``rows_read == rows_accepted + rows_rejected``."""

    table: str
    file: Path
    format: str
    rows_read: int
    rows_accepted: int
    rows_rejected: int
    rejects_path: Path | None  # rejected_<table>.csv, None when every row was accepted
    new_managers: list[str] = field(default_factory=list)  # names added to the roster
    new_clients: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)  # file columns no rule reads


def _storage_values(frame: pd.DataFrame, table: str) -> pa.Table:
    """The frame as the store keeps it: ISO date strings, ``YYYY-MM-DD HH:MM:SS.ffffff``."""
    arrow = pa.Table.from_pandas(frame, preserve_index=False)
    for i, name in enumerate(arrow.column_names):
        kind = kinds(table)[name]
        if kind is Kind.DATE:
            arrow = arrow.set_column(i, name, pc.cast(pc.cast(arrow[name], pa.date32()), pa.string()))
        elif kind is Kind.DATETIME:
            stamps = pc.cast(arrow[name], pa.timestamp("us"))
            arrow = arrow.set_column(i, name, pc.strftime(stamps, "%Y-%m-%d %H:%M:%S"))
    return arrow


def _rows(arrow: pa.Table) -> Iterator[tuple]:
    for batch in arrow.to_batches(max_chunksize=BATCH_ROWS):
        yield from zip(*(column.to_pylist() for column in batch.columns), strict=True)


def upsert(conn: Connection, table: str, frame: pd.DataFrame, update: Sequence[str]) -> None:
    """Insert the rows of ``frame`` (store columns, ``id`` among them) into ``table``; a row
    whose id exists gets the ``update`` columns (none: it is left as it is).

    One ``executemany`` on the driver's connection, inside the caller's transaction.
    """
    if frame.empty:
        return
    quote = conn.dialect.identifier_preparer.quote
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    columns = ", ".join(quote(c) for c in frame.columns)
    on_conflict = (
        "DO UPDATE SET " + ", ".join(f"{quote(c)} = excluded.{quote(c)}" for c in update)
        if update
        else "DO NOTHING"
    )
    sql = (
        f"INSERT INTO {quote(table)} ({columns}) VALUES ({', '.join([mark] * frame.shape[1])}) "
        f"ON CONFLICT ({quote('id')}) {on_conflict}"
    )
    cursor = conn.connection.driver_connection.cursor()
    try:
        cursor.executemany(sql, _rows(_storage_values(frame, table)))
    finally:
        cursor.close()


def _known(conn: Connection, table: str) -> pd.DataFrame:
    t = store.metadata.tables[table]
    return pd.DataFrame(conn.execute(select(t.c.id, t.c.name)).all(), columns=["id", "name"])


def _add_departments(conn: Connection, ids: Iterable[str] = ()) -> None:
    """The default department and those managers name, when not yet in the store.

    A department first seen here is named by its id; the default one by ``company.yaml``.
    """
    settings = company()
    wanted = sorted({*ids, settings.default_department})
    names = [settings.default_department_name if d == settings.default_department else d for d in wanted]
    upsert(conn, "departments", pd.DataFrame({"id": wanted, "name": names}, dtype="str"), [])


def _source_labels(sources: dict[str, str]) -> dict[str, str]:
    """Canonical column → file column(s), an id column also naming its name column's source."""
    labels = dict(sources)
    for id_column, name_column in NAME_COLUMNS.items():
        both = [sources[c] for c in (id_column, name_column) if c in sources]
        if both:
            labels[id_column] = " / ".join(both)
    return labels


def import_file(
    eng: Engine,
    table: str,
    path: str | Path,
    fmt: str = CANONICAL,
    rejects_dir: str | Path = ".",
) -> ImportResult:
    """Import one export file into ``table``; see the module's doc for the steps."""
    path = Path(path)
    if table not in store.DATA_TABLES:
        raise ImportFileError(
            IMPORT_ERRORS["unknown_table"].format(table=table, available=", ".join(store.DATA_TABLES))
        )
    rules = table_rules(load_profile(fmt), table, fmt)
    raw = read_file(path)
    mapped = to_canonical(raw.frame, rules, table, path)
    typed, found = coerce(table, mapped.frame, mapped.formats)
    provided = [c for c in kinds(table) if c in mapped.frame.columns]
    if table == "deals" and "closed" in provided:
        typed = open_deals_expected_date(typed)
        provided = sorted({*provided, "expected_date"}, key=list(kinds(table)).index)

    with store.transaction(eng) as conn:
        new: dict[str, pd.DataFrame] = {}  # id column → the entries its references add
        for id_column, name_column in NAME_COLUMNS.items():
            if id_column not in typed or not {id_column, name_column} & set(mapped.frame.columns):
                continue
            known = _known(conn, REFERENCED[id_column])
            resolved = resolve(mapped.frame.get(id_column), mapped.frame.get(name_column), known)
            typed[id_column] = resolved.ids
            new[id_column] = resolved.new
            provided = sorted({*provided, id_column}, key=list(kinds(table)).index)

        found = pd.concat([found, check(table, typed)])
        if len(raw.ragged):
            found = pd.concat(
                [problems(raw.ragged, "", "field_count"), found[~found["row"].isin(raw.ragged)]]
            )
        accepted = typed.drop(index=pd.Index(found["row"].unique()))

        added: dict[str, list[str]] = {}
        for id_column, entries in new.items():
            entries = entries[entries["id"].isin(accepted[id_column])]
            added[id_column] = entries["name"].tolist()
            if id_column == "manager_id" and len(entries):
                _add_departments(conn)
                entries = entries.assign(department_id=company().default_department, role=DEFAULT_ROLE)
            upsert(conn, REFERENCED[id_column], entries, [])
        if table == "managers":
            _add_departments(conn, accepted["department_id"].unique())

        written = [c for c in kinds(table) if c in provided or c in DEFAULTED]
        upsert(conn, table, accepted[written], [c for c in provided if c != "id"])
        rows_rejected = len(raw.frame) - len(accepted)
        conn.execute(
            store.imports.insert().values(
                table_name=table,
                file=str(path.resolve()),
                format=fmt,
                rows_read=len(raw.frame),
                rows_accepted=len(accepted),
                rows_rejected=rows_rejected,
            )
        )
        rejects_path = None
        if rows_rejected:
            rejected = rejects_frame(raw.frame, found, str(path), _source_labels(mapped.sources))
            try:
                rejects_path = write_rejects(rejected, Path(rejects_dir), table)
            except OSError as exc:
                raise ImportFileError(
                    IMPORT_ERRORS["rejects_unwritable"].format(file=rejects_dir, detail=exc)
                ) from exc

    return ImportResult(
        table=table,
        file=path,
        format=fmt,
        rows_read=len(raw.frame),
        rows_accepted=len(accepted),
        rows_rejected=rows_rejected,
        rejects_path=rejects_path,
        new_managers=added.get("manager_id", []),
        new_clients=added.get("client_id", []),
        ignored_columns=mapped.ignored,
    )
