"""A generated deals import (1,000,000 rows unless told) into PostgreSQL, against a bare
``COPY`` of the same rows as CSV into an empty table of the same definition, with the SQLite
write beside them: the whole import into an empty store (read, validate, resolve the clients and
managers, binary ``COPY`` straight into the table), its store write alone, and the same file
again (``COPY`` into a temporary table, then one ``INSERT … SELECT … ON CONFLICT`` updating
every row).

The measurements are taken in rounds, each round one of every kind, so that a machine busy
with other work weighs on the baseline and on the import alike; the ratio is the median of the
rounds' ratios.

PostgreSQL: ``$SALESPLAN_BENCH_POSTGRES`` (a superuser's URL), else a throwaway server started
from the system's binaries as the tests do (``tests/postgres.py``); without either the script
says so and exits 0. Targets (issue 15): the first import, the whole of it and the store write
alone, ≥ 300,000 rows/s and ≤ 1.5x the bare COPY measured in the same run.
Usage: ``python benchmarks/bench_import_postgres.py [ROWS] [RUNS]``.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
from bench_import import generate, store_write, timed
from sqlalchemy.dialects import postgresql
from sqlalchemy.schema import CreateIndex, CreateTable

from salesplan import store
from salesplan.importing import load
from salesplan.importing.profiles import CANONICAL

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


def csv_chunks(prepared: load.Prepared) -> list[bytes]:
    """The accepted rows as the CSV a bare ``COPY … (FORMAT csv)`` reads, 50,000 rows a chunk."""
    columns = list(store.deals.columns.keys())
    arrow = load.copy_arrow(prepared.typed[columns], "deals")
    chunks = []
    for batch in arrow.to_batches(max_chunksize=50_000):
        sink = pa.BufferOutputStream()
        pacsv.write_csv(batch, sink, pacsv.WriteOptions(include_header=False))
        chunks.append(sink.getvalue().to_pybytes())
    return chunks


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


def rounds(pg: postgres.Server, csv: Path, tmp: Path, rows: int, runs: int) -> dict[str, list[float]]:
    """Seconds of each measurement, ``runs`` rounds of all of them in turn."""
    prepared = load.prepare("deals", csv)
    assert prepared.found.empty and len(prepared.typed) == rows
    chunks = csv_chunks(prepared)
    seconds: dict[str, list[float]] = {}

    def measure(label: str, run, *args) -> object:
        took, result = timed(run, *args)
        seconds.setdefault(label, []).append(took)
        return result

    for i in range(runs):
        whole, write, copy = (pg.create_database() for _ in range(3))
        measure("bare", bare_copy, copy, chunks)
        result = measure("whole", load.import_file, store.engine(whole), "deals", csv, CANONICAL, tmp)
        assert result.rows_accepted == rows
        empty = store.engine(write)
        measure("write", store_write, empty, prepared, tmp)
        measure("again", store_write, empty, prepared, tmp)
        measure("sqlite", store_write, store.engine(f"sqlite:///{tmp / f'store{i}.db'}"), prepared, tmp)
    return seconds


def main(rows_wanted: int = 1_000_000, runs: int = 3) -> None:
    pg = server()
    if pg is None:
        return
    try:
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            csv = tmp / "deals.csv"
            generate(csv, rows_wanted)
            seconds = rounds(pg, csv, tmp, rows_wanted, runs)
    finally:
        pg.stop()
    median = {label: statistics.median(times) for label, times in seconds.items()}
    print(f"{rows_wanted:,} deals, median of {runs} rounds")
    for label, key in (("PostgreSQL import, empty store (read, validate, write)", "whole"),
                       ("PostgreSQL store write, empty store", "write"), ("bare psycopg COPY of CSV", "bare"),
                       ("SQLite store write, empty store", "sqlite"),
                       ("PostgreSQL, the same file again (every row merged)", "again")):
        print(f"{label:<56} {median[key]:6.2f} s  {rows_wanted / median[key]:>10,.0f} rows/s")
    verdicts = []
    for label, key in (("import", "whole"), ("store write", "write")):
        rate = rows_wanted / median[key]
        ratios = [t / b for t, b in zip(seconds[key], seconds["bare"], strict=True)]
        ratio = statistics.median(ratios)
        print(f"{label}, each round against its bare COPY: " + ", ".join(f"{r:.2f}×" for r in ratios))
        met = rate >= TARGETS["rows_per_s"] and ratio <= TARGETS["to_copy"]
        verdicts.append(met)
        print(f"{label}: {rate:,.0f} rows/s (target ≥ {TARGETS['rows_per_s']:,}), {ratio:.2f}× the bare "
              f"COPY (target ≤ {TARGETS['to_copy']:g}): " + ("targets met" if met else "targets missed"))
    print("targets met" if all(verdicts) else "targets missed")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
