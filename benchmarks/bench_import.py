"""Import of a generated 1,000,000-row canonical deals CSV, against bare baselines.

- parse + validate (``salesplan.importing.prepare``: read, map, parse, schema checks)
  vs. a bare ``pandas.read_csv(engine="pyarrow")`` of the same file;
- the store write (``salesplan.importing.write`` into an empty store, one transaction)
  vs. a bare ``executemany`` INSERT of the same rows, built beforehand as tuples, into an
  empty SQLite table of the same definition (``sqlite3`` defaults, one transaction);
- peak memory of a whole import in a fresh process (peak RSS over the RSS before it)
  vs. the size of the resulting DataFrame.

Targets: ≤ 2x, ≤ 2x, ≤ 3x. Usage: ``python benchmarks/bench_import.py [ROWS] [RUNS]``.
"""

from __future__ import annotations

import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
from sqlalchemy.dialects import sqlite as sqlite_dialect
from sqlalchemy.schema import CreateIndex, CreateTable

from salesplan import store
from salesplan.importing import load

TARGETS = {"parse": 2.0, "write": 2.0, "memory": 3.0}


def _text(values: np.ndarray) -> pa.Array:
    return pc.cast(pa.array(values), pa.string())


def _padded(prefix: str, numbers: np.ndarray, width: int) -> pa.Array:
    return pc.binary_join_element_wise(prefix, pc.utf8_lpad(_text(numbers), width, "0"), "")


def _roubles(kopecks: np.ndarray) -> pa.Array:
    return pc.binary_join_element_wise(
        _text(kopecks // 100), pc.utf8_lpad(_text(kopecks % 100), 2, "0"), "."
    )


def generate(path: Path, rows: int, seed: int = 1) -> None:
    """A canonical deals file: ISO dates, decimal points, ids of 8 managers and 20,000 clients."""
    rng = np.random.default_rng(seed)
    created = np.datetime64("2024-01-01") + rng.integers(0, 700, rows).astype("timedelta64[D]")
    closed = created + rng.integers(0, 60, rows).astype("timedelta64[D]")
    outcome = rng.choice(np.array(["won", "lost", "open"]), rows, p=[0.3, 0.3, 0.4])
    is_open = outcome == "open"
    amount = rng.integers(1_000_00, 5_000_000_00, rows)
    dates = lambda d: pc.cast(pa.array(d.astype("datetime64[D]")), pa.string())  # noqa: E731
    table = pa.table(
        {
            "id": _padded("D", np.arange(rows), 7),
            "title": _padded("Поставка оборудования №", np.arange(rows), 1),
            "client_id": _padded("C", rng.integers(0, 20_000, rows), 5),
            "manager_id": _padded("m", rng.integers(0, 8, rows), 2),
            "pipeline": pa.array(np.full(rows, "Основная")),
            "stage": pa.array(rng.choice(np.array(["Квалификация", "КП", "Переговоры"]), rows)),
            "amount": _roubles(amount),
            "margin": _roubles(amount // 4),
            "created": dates(created),
            "closed": pc.if_else(pa.array(is_open), None, dates(closed)),
            "outcome": pa.array(outcome),
            "expected_date": pc.if_else(pa.array(is_open), dates(closed), None),
            "stage_changed": dates(created),
            "product": pa.array(rng.choice(np.array(["Станки", "Сервис", "Запчасти"]), rows)),
            "source": pa.array(rng.choice(np.array(["Сайт", "Звонок", "Рекомендация"]), rows)),
        }
    )
    pacsv.write_csv(table, path, pacsv.WriteOptions(quoting_style="needed"))


def timed(run, *args) -> tuple[float, object]:
    start = time.perf_counter()
    result = run(*args)
    return time.perf_counter() - start, result


def median_time(runs: int, run, *args) -> tuple[float, object]:
    """Median seconds of ``runs`` calls of ``run(*args, i)`` and the last result."""
    results = [timed(run, *args, i) for i in range(runs)]
    return statistics.median(s for s, _ in results), results[-1][1]


def bare_insert(db: Path, rows: list[tuple]) -> None:
    ddl = [CreateTable(store.deals), *(CreateIndex(i) for i in store.deals.indexes)]
    con = sqlite3.connect(db, isolation_level=None)
    for statement in ddl:
        con.execute(str(statement.compile(dialect=sqlite_dialect.dialect())))
    marks = ", ".join("?" * len(store.deals.columns))
    con.execute("BEGIN")
    con.executemany(f"INSERT INTO deals VALUES ({marks})", rows)
    con.execute("COMMIT")
    con.close()


def bare_write_time(prepared: load.Prepared, folder: Path, runs: int) -> float:
    """Median seconds of the bare INSERT of the prepared rows, as tuples built beforehand."""
    rows = list(load.storage_rows(prepared.typed[list(store.deals.columns.keys())], "deals"))
    return median_time(runs, lambda i: bare_insert(folder / f"bare{i}.db", rows))[0]


def store_write(eng, prepared: load.Prepared, rejects: Path) -> load.ImportResult:
    with store.transaction(eng) as conn:
        return load.write(conn, prepared, rejects)


def memory_bytes(field: str) -> int:
    """``VmRSS`` (now) or ``VmHWM`` (peak) of this process. Not ``getrusage``: its peak
    survives ``exec`` and would be the parent's (Linux keeps ``maxrss`` in the signal struct)."""
    with open("/proc/self/status") as f:
        line = next(line for line in f if line.startswith(field + ":"))
    return int(line.split()[1]) * 1024


def memory_probe(csv: Path, db: Path) -> None:
    """Run in a fresh process: one whole import; prints its peak memory over the memory before
    it (after a small import has loaded every module) and the resulting frame's size."""
    with csv.open(encoding="utf-8") as f:
        warm_up = db.with_name("warm_up.csv")
        warm_up.write_text("".join(next(f) for _ in range(1000)), encoding="utf-8")
    with store.transaction(store.engine(f"sqlite:///{db.with_name('warm_up.db')}")) as conn:
        load.write(conn, load.prepare("deals", warm_up), db.parent)
    eng = store.engine(f"sqlite:///{db}")
    before = memory_bytes("VmRSS")
    prepared = load.prepare("deals", csv)
    with store.transaction(eng) as conn:
        load.write(conn, prepared, db.parent)
    peak = memory_bytes("VmHWM")
    print(peak - before, int(prepared.typed.memory_usage(deep=True).sum()))


def main(rows_wanted: int = 1_000_000, runs: int = 3) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        csv = tmp / "deals.csv"
        start = time.perf_counter()
        generate(csv, rows_wanted)
        print(f"generated {rows_wanted:,} deals, {csv.stat().st_size / 1e6:.0f} MB, "
              f"in {time.perf_counter() - start:.1f} s; median of {runs} runs")

        bare_read, frame = median_time(runs, lambda i: pd.read_csv(csv, engine="pyarrow"))
        parse, prepared = median_time(runs, lambda i: load.prepare("deals", csv))
        assert prepared.found.empty and len(prepared.typed) == rows_wanted

        bare_write = bare_write_time(prepared, tmp, runs)
        engines = [store.engine(f"sqlite:///{tmp / f'store{i}.db'}") for i in range(runs)]
        write, result = median_time(runs, lambda i: store_write(engines[i], prepared, tmp))
        assert result.rows_accepted == rows_wanted

        probe = subprocess.run(
            [sys.executable, __file__, "--memory", str(csv), str(tmp / "memory.db")],
            capture_output=True, text=True, check=True,
        )
        peak, frame_bytes = map(int, probe.stdout.split())
        bare_frame_bytes = int(frame.memory_usage(deep=True).sum())

    ratios = {"parse": parse / bare_read, "write": write / bare_write, "memory": peak / frame_bytes}
    lines = [
        ("parse + validate", parse, bare_read, "pandas.read_csv(engine='pyarrow')", "parse"),
        ("store write", write, bare_write, "sqlite3 executemany INSERT", "write"),
    ]
    for label, ours, bare, baseline, key in lines:
        print(f"{label:<17} {ours:6.2f} s  {rows_wanted / ours:>10,.0f} rows/s | {baseline}: "
              f"{bare:6.2f} s  {rows_wanted / bare:>10,.0f} rows/s | ratio {ratios[key]:.2f} "
              f"(target ≤ {TARGETS[key]:g})")
    print(f"peak memory       {peak / 1e6:6.0f} MB over the start | resulting DataFrame "
          f"{frame_bytes / 1e6:.0f} MB (bare read_csv's: {bare_frame_bytes / 1e6:.0f} MB) | "
          f"ratio {ratios['memory']:.2f} (target ≤ {TARGETS['memory']:g})")
    missed = [k for k, r in ratios.items() if r > TARGETS[k]]
    print("targets met" if not missed else f"targets missed: {', '.join(missed)}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--memory"]:
        memory_probe(Path(sys.argv[2]), Path(sys.argv[3]))
    else:
        main(*(int(a) for a in sys.argv[1:3]))
