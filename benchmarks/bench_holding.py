"""A holding-sized store (``salesplan.demo.holding``): generation, import into SQLite and into
PostgreSQL (against a bare ``COPY`` of the same CSV files into tables of the same columns and
indexes), and the monthly pack (``salesplan run monthly`` as a user runs it) for one department
and for all, at two scales; how each step grows per 10× the data (linear: about 10).

Each step runs in a fresh process; its peak memory is that process's (``VmHWM``), for the pack
the largest of the runner and its kernels. Scale 1 is 20 departments, 400 managers, 3 years:
about 1 M deals and 10 M calls. Targets at scale 1: PostgreSQL import ≥ 300,000 rows/s and
≤ 1.5× the bare COPY; the pack of all departments ≤ 60 s and ≤ 4 GB; no step worse than linear.

``$SALESPLAN_BENCH_HOLDING_SCALES`` (default ``0.05,0.5``, a few minutes on 2 cores; the full
measurement is ``1,10``). PostgreSQL as in ``bench_import_postgres`` (``$SALESPLAN_BENCH_POSTGRES``
or a throwaway server); without it the PostgreSQL lines are left out.
Usage: ``python benchmarks/bench_holding.py``.
"""

from __future__ import annotations

import json
import math
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_import import memory_bytes
from bench_import_postgres import server
from sqlalchemy.dialects import postgresql
from sqlalchemy.schema import CreateIndex, CreateTable

from salesplan import store
from salesplan.demo.build import fresh_sqlite, import_all
from salesplan.demo.holding import Holding, generate_holding, write_csv

SCALES = [float(s) for s in os.environ.get("SALESPLAN_BENCH_HOLDING_SCALES", "0.05,0.5").split(",")]
END = "2026-11"
DEPARTMENT = "d001"
TARGETS = {"pg_rows_per_s": 300_000, "pg_to_copy": 1.5, "pack_s": 60.0, "pack_gb": 4.0, "growth": 12.0}
MONEY = ("amount", "margin")  # the CSV holds roubles: the bare tables take them as numeric


def _step(name: str, *args: str) -> dict:
    """Run ``step_<name>(*args)`` in a fresh process: its seconds, peak memory and result."""
    done = subprocess.run([sys.executable, __file__, name, *args], capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"{name} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _measured(run) -> None:
    start = time.perf_counter()
    result = run()
    print(json.dumps({"seconds": time.perf_counter() - start, "peak": memory_bytes("VmHWM"),
                      "result": result}))


def step_generate(scale: str, folder: str) -> None:
    def run():
        data = generate_holding(Holding(scale=float(scale)), END)
        files = write_csv(data, Path(folder))
        return {t: len(data.tables()[t]) for t in files}
    _measured(run)


def step_import(url: str, folder: str) -> None:
    files = {t: Path(folder) / f"{t}.csv" for t in
             ("departments", "managers", "clients", "deals", "payments", "calls")}
    eng = fresh_sqlite(Path(url)) if not url.startswith("postgresql") else store.engine(url)
    _measured(lambda: sum(r.rows_accepted for r in import_all(eng, files, Path(folder)).values()))


def step_copy(url: str, folder: str) -> None:
    """A bare psycopg ``COPY … (FORMAT csv, HEADER)`` of each file into a new table of the
    store's columns and indexes (money as numeric), one transaction."""
    import psycopg

    eng = store.open_engine(url)
    params = eng.url.translate_connect_args(username="user", database="dbname")

    def run():
        rows = 0
        with psycopg.connect(**params, **dict(eng.url.query)) as conn, conn.cursor() as cur:
            for path in sorted(Path(folder).glob("*.csv")):
                table = store.metadata.tables[path.stem]
                ddl = str(CreateTable(table).compile(dialect=postgresql.dialect()))
                for money in MONEY:
                    ddl = ddl.replace(f"{money} BIGINT", f"{money} NUMERIC")
                cur.execute(ddl)
                for index in table.indexes:
                    cur.execute(str(CreateIndex(index).compile(dialect=postgresql.dialect())))
                with path.open("rb") as f:
                    header = f.readline().decode().strip()
                    with cur.copy(f"COPY {path.stem} ({header.replace(chr(34), '')}) "
                                  "FROM STDIN (FORMAT csv)") as copy:
                        while chunk := f.read(1 << 20):
                            copy.write(chunk)
                rows += cur.rowcount
        return rows
    _measured(run)


def step_pack(url: str, department: str, out: str) -> None:
    """``salesplan run monthly`` as a user runs it: wall seconds, the largest process's peak
    (the runner's or a kernel's)."""
    command = [str(Path(sys.executable).with_name("salesplan")), "run", "monthly", "--month", END,
               "--db", url, "--out", out, *(["--department", department] if department else [])]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode:
        raise RuntimeError(f"pack failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    print(json.dumps({"seconds": seconds, "peak": peak, "result": None}))


def measure(scale: float, tmp: Path, pg) -> dict[str, dict]:
    folder = tmp / f"x{scale:g}"
    out = {"generation": _step("generate", str(scale), str(folder))}
    rows = sum(out["generation"]["result"].values())
    lite = folder / "holding.db"
    out["import SQLite"] = _step("import", str(lite), str(folder))
    if pg:
        out["import PostgreSQL"] = _step("import", pg.create_database(), str(folder))
        out["bare COPY"] = _step("copy", pg.create_database(), str(folder))
    url = f"sqlite:///{lite}"
    out["pack, one department"] = _step("pack", url, DEPARTMENT, str(tmp / "pack_one"))
    out["pack, all departments"] = _step("pack", url, "", str(tmp / "pack_all"))
    for figures in out.values():
        figures["rows"] = rows
    return out


def per_10x(low: float, high: float, factor: float) -> float:
    """How ``low`` → ``high`` over ``factor``× the data grows per 10× (``factor`` = 10: their ratio)."""
    return (high / low) ** (1 / math.log10(factor)) if factor > 1 else 1.0


def main() -> None:
    pg = server()
    figures = {}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for scale in SCALES:
                figures[scale] = measure(scale, Path(tmp), pg)
                rows = figures[scale]["generation"]["result"]
                print(f"scale {scale:g}: " + ", ".join(f"{t} {n:,}" for t, n in rows.items()))
                for step, f in figures[scale].items():
                    print(f"  {step:<24} {f['seconds']:7.1f} s  {f['peak'] / 1e9:5.2f} GB peak"
                          f"  {f['rows'] / f['seconds']:>10,.0f} rows/s")
    finally:
        if pg:
            pg.stop()
    low, high = min(SCALES), max(SCALES)
    steps = figures[high]
    print(f"growth from scale {low:g} to {high:g}, per 10× the data (linear ≈ 10):")
    growth = {}
    for step in steps:
        growth[step] = per_10x(figures[low][step]["seconds"], steps[step]["seconds"], high / low)
        memory = per_10x(figures[low][step]["peak"], steps[step]["peak"], high / low)
        print(f"  {step:<24} time ×{growth[step]:5.1f}  peak memory ×{memory:5.1f}")
    verdicts = []
    if "import PostgreSQL" in steps:
        pg_rate = steps["import PostgreSQL"]["rows"] / steps["import PostgreSQL"]["seconds"]
        to_copy = steps["import PostgreSQL"]["seconds"] / steps["bare COPY"]["seconds"]
        print(f"PostgreSQL import at scale {high:g}: {pg_rate:,.0f} rows/s (target ≥ "
              f"{TARGETS['pg_rows_per_s']:,}), {to_copy:.2f}× the bare COPY "
              f"(target ≤ {TARGETS['pg_to_copy']:g})")
        verdicts += [pg_rate >= TARGETS["pg_rows_per_s"], to_copy <= TARGETS["pg_to_copy"]]
    everyone = steps["pack, all departments"]
    print(f"pack of all departments at scale {high:g}: {everyone['seconds']:.1f} s, "
          f"{everyone['peak'] / 1e9:.2f} GB (targets at scale 1: ≤ {TARGETS['pack_s']:g} s, "
          f"≤ {TARGETS['pack_gb']:g} GB)")
    verdicts.append(all(g <= TARGETS["growth"] for g in growth.values()))
    print("targets met" if all(verdicts) else "targets missed")


if __name__ == "__main__":
    if len(sys.argv) > 1:
        globals()[f"step_{sys.argv[1]}"](*sys.argv[2:])
    else:
        main()
