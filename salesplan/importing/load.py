"""``import_file``: read an export, map it, validate it, and upsert it in one transaction.

``prepare`` reads the file (``readers``), maps its columns (``profiles``), parses the
values (``validate.coerce``) and checks the rows against the declared schema
(``validate.check``); a file-level error (``ImportFileError``) is raised there, before
anything is written. ``write``, in one transaction, finds or adds the managers and clients
the accepted rows name (``references``), upserts the rows by id (into PostgreSQL through
``COPY``) — importing the same or an overlapping export again duplicates nothing and updates
what changed — records the import and writes the rejected rows to ``rejected_<table>.csv``;
any failure rolls it all back.

An upsert updates only the columns the file provides: a Bitrix24 export without margins
leaves the margins an earlier import stored.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from sqlalchemy import BigInteger, Column, Date, DateTime, Engine, Integer, SmallInteger, select
from sqlalchemy.engine import Connection

from salesplan import clock, store
from salesplan.config import company
from salesplan.importing import telephony
from salesplan.importing.errors import ImportFileError
from salesplan.importing.profiles import (
    CANONICAL,
    Mapped,
    load_profile,
    skipped_rows,
    table_rules,
    to_canonical,
)
from salesplan.importing.readers import RawTable, read_file
from salesplan.importing.references import (
    Directory,
    NewManagers,
    Resolved,
    clients_directory,
    join_aliases,
    managers_directory,
    normal_name,
    resolve,
    split_aliases,
)
from salesplan.importing.rejects import rejects_frame, write_rejects
from salesplan.importing.schemas import (
    DEFAULT_ROLE,
    DEFAULTED,
    INN,
    INN_COLUMNS,
    NAME_COLUMNS,
    Kind,
    kinds,
    open_deals_expected_date,
)
from salesplan.importing.validate import PROBLEM_COLUMNS, check, coerce, problems
from salesplan.labels import IMPORT_ERRORS, IMPORT_SUMMARY

REFERENCED = {"manager_id": "managers", "client_id": "clients"}
SPELLINGS = {"managers": ("aliases", managers_directory), "clients": ("inn", clients_directory)}
BATCH_ROWS = 50_000  # rows turned into Python values at a time on their way to the driver
COPY_TYPES = (  # a subclass before its base: BigInteger and SmallInteger are Integers
    (BigInteger, pa.int64()), (SmallInteger, pa.int16()), (Integer, pa.int32()),
    (DateTime, pa.timestamp("us")), (Date, pa.date32()),
)
PAGE_CACHE_KIB = 64 * 1024  # SQLite's page cache while an import updates the indexes


@dataclass(frozen=True)
class ImportResult:
    """What an import did. ``rows_read == rows_accepted + rows_rejected + rows_skipped``."""

    table: str
    file: Path
    format: str
    rows_read: int
    rows_accepted: int
    rows_rejected: int
    rejects_path: Path | None  # rejected_<table>.csv, None when every row was accepted
    new_managers: list[str] = field(default_factory=list)  # names added to the roster
    new_clients: list[str] = field(default_factory=list)
    # managers' spellings not found in the roster, each with the roster entries spelled most like it
    unresolved_managers: dict[str, list[str]] = field(default_factory=dict)
    new_managers_rule: NewManagers = NewManagers.ADD
    ignored_columns: list[str] = field(default_factory=list)  # file columns no rule reads
    skipped_rows: list[int] = field(default_factory=list)  # row numbers the profile's skip_rows matched
    records_accepted: int | None = None  # records stored, when rows sharing an id are one (join)
    legs: bool = False  # the rows are legs of calls, a record a call

    @property
    def rows_skipped(self) -> int:
        return len(self.skipped_rows)

    @property
    def calls(self) -> int | None:
        """The calls the accepted rows make, when they are legs of calls."""
        return self.records_accepted if self.legs else None


def _storage_arrow(frame: pd.DataFrame, table: str) -> pa.Table:
    """The frame as Arrow, dates as ``YYYY-MM-DD`` and date-times as ``YYYY-MM-DD HH:MM:SS.ffffff``
    text (as SQLite keeps them; PostgreSQL reads the same text)."""
    arrow = pa.Table.from_pandas(frame, preserve_index=False)
    for i, name in enumerate(arrow.column_names):
        kind = kinds(table)[name]
        if kind is Kind.DATE:
            arrow = arrow.set_column(i, name, pc.cast(pc.cast(arrow[name], pa.date32()), pa.string()))
        elif kind is Kind.DATETIME:
            stamps = pc.cast(arrow[name], pa.timestamp("us"))  # cast, not strftime: 8x faster
            arrow = arrow.set_column(i, name, pc.cast(stamps, pa.string()))
    return arrow


def storage_rows(frame: pd.DataFrame, table: str) -> Iterator[tuple]:
    """The frame's rows as the driver takes them and the store keeps them: Python values,
    ``None`` for missing, dates and date-times as text (``_storage_arrow``).

    Converted in batches of ``BATCH_ROWS`` so that memory holds one batch of Python objects.
    """
    for batch in _storage_arrow(frame, table).to_batches(max_chunksize=BATCH_ROWS):
        yield from zip(*(column.to_pylist() for column in batch.columns), strict=True)


def _arrow_type(column: Column) -> pa.DataType:
    """The Arrow type PostgreSQL's binary ``COPY`` takes for a store column (text unless listed)."""
    return next((arrow for kind, arrow in COPY_TYPES if isinstance(column.type, kind)), pa.large_string())


def copy_arrow(frame: pd.DataFrame, table: str) -> pa.Table:
    """The frame as Arrow of the types of ``table``'s columns in PostgreSQL."""
    columns = store.metadata.tables[table].columns
    schema = pa.schema([pa.field(name, _arrow_type(columns[name])) for name in frame.columns])
    return pa.Table.from_pandas(frame, preserve_index=False).cast(schema)


def copy_chunks(frame: pd.DataFrame, table: str) -> Iterator[bytes]:
    """The frame's rows in PostgreSQL's binary ``COPY`` format (``pgpq``), ``BATCH_ROWS`` at a
    time: each value of its column's type, nothing turned to text and parsed back."""
    import pgpq  # the postgres extra's, as the driver

    arrow = copy_arrow(frame, table)
    encoder = pgpq.ArrowToPostgresBinaryEncoder(arrow.schema)
    yield encoder.write_header()
    for batch in arrow.to_batches(max_chunksize=BATCH_ROWS):
        yield encoder.write_batch(batch)
    yield encoder.finish()


# A table's plain (not unique) indexes the connected role may drop: its owner or a member of it.
_PLAIN_INDEXES = """SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
WHERE i.indrelid = %s::regclass AND NOT i.indisunique AND pg_has_role(t.relowner, 'USAGE')"""


@contextmanager
def _indexes_built_after(cursor, table: str | None) -> Iterator[None]:
    """While the rows go into the empty PostgreSQL ``table``, its plain indexes dropped, then
    built again over all of them at once (about 20 % faster than updating them row by row).
    In the caller's transaction, so a failure restores them; ``None``: nothing is done."""
    indexes = cursor.execute(_PLAIN_INDEXES, (table,)).fetchall() if table else []
    for name, _ in indexes:
        cursor.execute(f"DROP INDEX {name}")
    yield
    for _, definition in indexes:
        cursor.execute(definition)


def upsert(conn: Connection, table: str, frame: pd.DataFrame, update: Sequence[str]) -> None:
    """Insert the rows of ``frame`` (store columns, ``id`` among them) into ``table``; a row
    whose id exists gets the ``update`` columns (none: it is left as it is).

    Inside the caller's transaction. SQLite: one ``executemany`` on the driver's connection.
    PostgreSQL: binary ``COPY`` (``copy_chunks``), straight into an empty table (its plain
    indexes built after the rows are in), else into a temporary table from which one
    ``INSERT … SELECT … ON CONFLICT`` merges the rows.
    """
    if frame.empty:
        return
    quote = conn.dialect.identifier_preparer.quote
    columns = ", ".join(quote(c) for c in frame.columns)
    on_conflict = f"ON CONFLICT ({quote('id')}) " + (
        "DO UPDATE SET " + ", ".join(f"{quote(c)} = excluded.{quote(c)}" for c in update)
        if update
        else "DO NOTHING"
    )
    cursor = conn.connection.driver_connection.cursor()
    try:
        if conn.dialect.name == "postgresql":
            # An empty table takes the rows straight (ids are unique within a file); else they
            # are staged and merged. Writers hold the write lock: the table stays as seen.
            empty = cursor.execute(f"SELECT NOT EXISTS (SELECT 1 FROM {quote(table)})").fetchone()[0]
            staging = quote(table) if empty else quote(f"staged_{table}")
            if not empty:
                cursor.execute(f"CREATE TEMPORARY TABLE {staging} AS SELECT {columns} "
                               f"FROM {quote(table)} WITH NO DATA")
            with _indexes_built_after(cursor, quote(table) if empty else None), \
                    cursor.copy(f"COPY {staging} ({columns}) FROM STDIN (FORMAT binary)") as copy:
                for chunk in copy_chunks(frame, table):
                    copy.write(chunk)
            if not empty:
                cursor.execute(f"INSERT INTO {quote(table)} ({columns}) SELECT {columns} "
                               f"FROM {staging} {on_conflict}")
                cursor.execute(f"DROP TABLE {staging}")
        else:
            mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
            marks = ", ".join([mark] * frame.shape[1])
            cursor.executemany(f"INSERT INTO {quote(table)} ({columns}) VALUES ({marks}) {on_conflict}",
                               storage_rows(frame, table))
    finally:
        cursor.close()


@contextmanager
def _page_cache(conn: Connection) -> Iterator[None]:
    """A larger SQLite page cache for the connection while it writes (a million rows go in
    about 15 % faster); other databases keep theirs."""
    if conn.dialect.name != "sqlite":
        yield
        return
    before = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql(f"PRAGMA cache_size = -{PAGE_CACHE_KIB}")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size = {before}")


def _directory(conn: Connection, table: str) -> Directory:
    """The store's managers (with their aliases) or clients (with their ИНН) to look rows up in."""
    t = store.metadata.tables[table]
    extra, directory = SPELLINGS[table]
    columns = ["id", "name", extra]
    rows = [tuple(row) for row in conn.execute(select(*(t.c[c] for c in columns)))]  # tuples: 7x faster
    return directory(pd.DataFrame(rows, columns=columns))


def not_found(spelling: str, closest: list[str]) -> str:
    """«X» is not in the roster, and the entries spelled most like it."""
    s = IMPORT_SUMMARY
    near = s["closest"].format(names=", ".join(closest)) if closest else s["no_closest"]
    return s["not_found"].format(name=spelling, closest=near)


def _unknown_managers(ids: pd.Series | None, names: pd.Series | None, resolved: Resolved) -> pd.DataFrame:
    """The problems of the rows naming a manager not found: each row's spelling (its name, else
    its id) with the roster entries spelled most like it."""
    spelled = (names if names is not None else ids)[resolved.fresh]
    if ids is not None and names is not None:
        spelled = spelled.fillna(ids[resolved.fresh])
    detail = [not_found(s, resolved.unresolved[s]) for s in spelled.map(normal_name)]
    return problems(spelled.index, "manager_id", "unknown_manager").assign(detail=detail)


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


@dataclass(frozen=True)
class Prepared:
    """A file read, mapped, parsed and checked, ready to be written."""

    table: str
    path: Path
    format: str
    raw: RawTable
    mapped: Mapped
    typed: pd.DataFrame  # every store column, typed; references still as in the file
    found: pd.DataFrame  # the problems (row, column, reason) that reject rows
    provided: list[str]  # the store columns the file gives values for
    skipped: pd.Index  # rows that are not data (the profile's skip_rows)
    legs: bool = False  # the rows are legs, ``typed`` a row per call (telephony.legs)

    @property
    def accepted(self) -> pd.DataFrame:
        """The accepted records (one per row, or per id when rows share it: ``Mapped.heads``)."""
        if self.found.empty:
            return self.typed
        return self.typed[~self.typed.index.isin(self.found["row"])]


def prepare(table: str, path: str | Path, fmt: str = CANONICAL) -> Prepared:
    """Everything short of the store: file-level errors are raised here, row problems found.

    A row names its manager (client) when it has an id or a name; which one is settled
    against the store by ``write``.
    """
    path = Path(path)
    if table not in store.DATA_TABLES:
        raise ImportFileError(
            IMPORT_ERRORS["unknown_table"].format(table=table, available=", ".join(store.DATA_TABLES))
        )
    profile = load_profile(fmt)
    rules = table_rules(profile, table, fmt)
    calls = profile.telephony if table == "calls" else None
    raw = read_file(path, profile.file.layout())
    skipped = skipped_rows(raw, profile.file, path)
    cells = replace(raw, frame=telephony.with_added_columns(raw.frame, calls)) if calls else raw
    mapped = to_canonical(cells, rules, table, path, skipped)
    if calls:
        mapped = telephony.by_direction(mapped, cells.frame, calls)
    typed, found = coerce(table, mapped.frame, mapped.formats)
    provided = set(mapped.frame.columns)
    if table == "deals" and "closed" in provided:
        typed = open_deals_expected_date(typed)
        provided.add("expected_date")
    for id_column, name_column in NAME_COLUMNS.items():
        if name_column in provided and id_column in typed:
            typed[id_column] = typed[id_column].fillna(mapped.frame[name_column])
            provided.add(id_column)
    legs = calls.legs if calls else None
    if legs:
        grouped = telephony.group_legs(typed, legs)
        typed, mapped = telephony.one_row_per_call(typed, mapped, grouped, legs)
    found = pd.concat([found, check(table, typed)])
    if table == "payments" and "date" not in provided:  # a receivables report: every row is a debt,
        found = found[found["reason"].ne("payment_without_date")]  # aged «без срока» without a due date
    for inn_column in INN_COLUMNS.values():
        if inn_column in mapped.frame:
            inns = mapped.frame[inn_column]
            bad = (inns.notna() & ~inns.str.fullmatch(INN[1:-1]).fillna(False)).to_numpy(dtype=bool)
            found = pd.concat([found, problems(mapped.frame.index[bad], inn_column, "bad_inn")])
    ragged = raw.ragged.difference(skipped)
    if len(ragged):
        found = pd.concat([problems(ragged, "", "field_count"), found[~found["row"].isin(ragged)]])
    found = on_every_row(found, mapped.heads)
    provided = [c for c in kinds(table) if c in provided]
    return Prepared(table, path, fmt, raw, mapped, typed, found, provided, skipped, bool(legs))


def on_every_row(found: pd.DataFrame, heads: pd.Series) -> pd.DataFrame:
    """The problems of a record of several rows (``Mapped.heads``: rows sharing an id, the legs
    of a call) reported on each of them."""
    if (heads.index == heads.to_numpy()).all():
        return found
    members = pd.DataFrame({"row": heads.index, "head": heads.to_numpy()})
    found = found.assign(head=heads.reindex(found["row"]).to_numpy()).drop(columns="row")
    return found.merge(members, on="head")[PROBLEM_COLUMNS].drop_duplicates()


def write(
    conn: Connection,
    prepared: Prepared,
    rejects_dir: str | Path = ".",
    new_managers: NewManagers = NewManagers.ADD,
) -> ImportResult:
    """Write a prepared file in the caller's transaction: the managers and clients it
    adds, the accepted rows, the import's record, and the rejected rows' file.

    A manager the roster has not got is added (``NewManagers.ADD``) or his rows are rejected
    (``NewManagers.REJECT``), the reason naming the entries spelled most like him."""
    table, mapped = prepared.table, prepared.mapped
    accepted, found = prepared.accepted, prepared.found
    added: dict[str, list[str]] = {}
    unresolved: dict[str, list[str]] = {}
    for id_column, name_column in NAME_COLUMNS.items():
        if id_column not in prepared.provided:
            continue
        ids, names, inns = (
            mapped.frame[c].loc[accepted.index] if c in mapped.frame else None
            for c in (id_column, name_column, INN_COLUMNS.get(id_column))
        )
        referenced = REFERENCED[id_column]
        resolved = resolve(ids, names, _directory(conn, referenced), inns)
        entries = resolved.new
        if id_column == "manager_id":
            unresolved = resolved.unresolved
            if new_managers is NewManagers.REJECT:
                rejected = _unknown_managers(ids, names, resolved)
                found = pd.concat([found, on_every_row(rejected, mapped.heads)])
                accepted = accepted.drop(index=rejected["row"])
                entries = entries.iloc[:0]
        accepted = accepted.assign(**{id_column: resolved.ids})
        added[id_column] = entries["name"].tolist()
        if id_column == "manager_id":
            if len(entries):
                _add_departments(conn)
            entries = entries.drop(columns="inn").assign(
                department_id=company().default_department, role=DEFAULT_ROLE)
        upsert(conn, referenced, entries, [])
    if table == "managers":
        _add_departments(conn, accepted["department_id"].unique())
        if "aliases" in prepared.provided:
            accepted = accepted.assign(aliases=accepted["aliases"].map(
                lambda cell: join_aliases(split_aliases(cell)) or pd.NA).astype("str"))

    written = [c for c in kinds(table) if c in prepared.provided or c in DEFAULTED]
    with _page_cache(conn):
        upsert(conn, table, accepted[written], [c for c in prepared.provided if c != "id"])
    rows_read = len(prepared.raw.frame)
    rows_rejected = found["row"].nunique()  # every row of a rejected record or call
    rows_accepted = rows_read - len(prepared.skipped) - rows_rejected
    conn.execute(
        store.imports.insert().values(
            table_name=table,
            file=str(prepared.path.resolve()),
            format=prepared.format,
            rows_read=rows_read,
            rows_accepted=rows_accepted,
            rows_rejected=rows_rejected,
            imported_at=clock.now(),
        )
    )
    rejects_path = None
    if rows_rejected:
        sources = _source_labels(mapped.sources)
        rejected = rejects_frame(prepared.raw.frame, found, str(prepared.path), sources)
        try:
            rejects_path = write_rejects(rejected, Path(rejects_dir), table)
        except OSError as exc:
            raise ImportFileError(
                IMPORT_ERRORS["rejects_unwritable"].format(file=rejects_dir, detail=exc)
            ) from exc
    return ImportResult(
        table=table,
        file=prepared.path,
        format=prepared.format,
        rows_read=rows_read,
        rows_accepted=rows_accepted,
        records_accepted=len(accepted),
        rows_rejected=rows_rejected,
        rejects_path=rejects_path,
        new_managers=added.get("manager_id", []),
        new_clients=added.get("client_id", []),
        unresolved_managers=unresolved,
        new_managers_rule=new_managers,
        ignored_columns=mapped.ignored,
        skipped_rows=prepared.skipped.tolist(),
        legs=prepared.legs,
    )


def import_file(
    eng: Engine,
    table: str,
    path: str | Path,
    fmt: str = CANONICAL,
    rejects_dir: str | Path = ".",
    new_managers: NewManagers = NewManagers.ADD,
) -> ImportResult:
    """Import one export file into ``table`` (see the module's doc): ``prepare``, then
    ``write`` in one transaction. Nothing is written when either raises."""
    prepared = prepare(table, path, fmt)
    with store.transaction(eng) as conn:
        return write(conn, prepared, rejects_dir, new_managers)
