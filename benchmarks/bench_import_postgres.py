"""The store write of a generated 1,000,000-row deals import into PostgreSQL, against a bare
``COPY`` of the same rows into an empty table of the same definition, with the SQLite write
beside them: into an empty store (``COPY`` straight into the table), and the same file again
(``COPY`` into a temporary table, then one ``INSERT … SELECT … ON CONFLICT`` updating every row).

PostgreSQL: ``$SALESPLAN_BENCH_POSTGRES`` (a superuser's URL), else a throwaway server started
from the system's binaries as the tests do (``tests/postgres.py``); without either the script
says so and exits 0. Targets (issue 15): the first import, the whole of it (read, validate, write)
and the store write alone, ≥ 300,000 rows/s and ≤ 1.5x the bare COPY measured in the same run.
Usage: ``python benchmarks/bench_import_postgres.py [ROWS] [RUNS]``.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from bench_import import generate, median_time, store_write
from sqlalchemy.dialects import postgresql
from sqlalchemy.schema import CreateIndex, CreateTable

from salesplan import store
from salesplan.importing import load

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
import postgres  # noqa: E402

TARGETS = {"rows_per_s": 300_000, "to_copy": 1.5}


def server() -> postgres.Server | None:
    if url := os.environ.get("SALESPLAN_BENCH_POSTGRES"):
        from sqlalchemy.engine import make_url

        return postgres.Server(make_url(url))
    try:
        return postgres.start()
    except RuntimeError as exc:
        print(f"no PostgreSQL: {exc}")
        return None


def bare_copy(url: str, chunks: list[bytes]) -> None:
    """The rows' CSV copied straight into a new ``deals`` table with its indexes, one transaction."""
    import psycopg

    ddl = [CreateTable(store.deals), *(CreateIndex(i) for i in store.deals.indexes)]
    params = store.open_engine(url).url.translate_connect_args(username="user", database="dbname")
    query = dict(store.open_engine(url).url.query)
    with psycopg.connect(**params, **query) as conn, conn.cursor() as cur:
        for statement in ddl:
            cur.execute(str(statement.compile(dialect=postgresql.dialect())))
        columns = ", ".join(store.deals.columns.keys())
        with cur.copy(f"COPY deals ({columns}) FROM STDIN (FORMAT csv)") as copy:
            for chunk in chunks:
                copy.write(chunk)


def main(rows_wanted: int = 1_000_000, runs: int = 3) -> None:
    pg = server()
    if pg is None:
        return
    try:
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            csv = tmp / "deals.csv"
            generate(csv, rows_wanted)
            prepared = load.prepare("deals", csv)
            assert prepared.found.empty and len(prepared.typed) == rows_wanted
            columns = list(store.deals.columns.keys())
            chunks = list(load.csv_chunks(prepared.typed[columns], "deals"))
            bare = median_time(runs, lambda i: bare_copy(pg.create_database(), chunks))[0]
            engines = [store.engine(pg.create_database()) for _ in range(runs)]
            write, result = median_time(runs, lambda i: store_write(engines[i], prepared, tmp))
            assert result.rows_accepted == rows_wanted
            lite = [store.engine(f"sqlite:///{tmp / f'store{i}.db'}") for i in range(runs)]
            sqlite_write = median_time(runs, lambda i: store_write(lite[i], prepared, tmp))[0]
            again = median_time(runs, lambda i: store_write(engines[i], prepared, tmp))[0]
            fresh = [store.engine(pg.create_database()) for _ in range(runs)]
            whole = median_time(runs, lambda i: load.import_file(fresh[i], "deals", csv, rejects_dir=tmp))[0]
    finally:
        pg.stop()
    print(f"{rows_wanted:,} deals, median of {runs} runs")
    for label, seconds in (("PostgreSQL import, empty store (read, validate, write)", whole),
                           ("PostgreSQL store write, empty store", write), ("bare psycopg COPY", bare),
                           ("SQLite store write, empty store", sqlite_write),
                           ("PostgreSQL, the same file again (every row merged)", again)):
        print(f"{label:<56} {seconds:6.2f} s  {rows_wanted / seconds:>10,.0f} rows/s")
    verdicts = []
    for label, seconds in (("import", whole), ("store write", write)):
        rate, ratio = rows_wanted / seconds, seconds / bare
        met = rate >= TARGETS["rows_per_s"] and ratio <= TARGETS["to_copy"]
        verdicts.append(met)
        print(f"{label}: {rate:,.0f} rows/s (target ≥ {TARGETS['rows_per_s']:,}), {ratio:.2f}× the bare "
              f"COPY (target ≤ {TARGETS['to_copy']:g}): " + ("targets met" if met else "targets missed"))
    print("targets met" if all(verdicts) else "targets missed")

if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
