"""``salesplan run monthly`` on the demo vs the same notebooks run one by one with ``papermill``.

Builds the demo department in a temporary folder, then times, as whole commands (process
start included), ``salesplan run monthly`` with ``--jobs 1`` and with ``--jobs 2`` — executed
notebooks, HTML pages, manifest, and the team and personal folders with every manager's
PDFs — against the baseline: the bare ``papermill`` command once
per notebook of the monthly run, in turn, with the same parameters (executed notebooks only).
Median of several runs; the ratio is to the baseline (target: at most 0.5).

    .venv/bin/python benchmarks/bench_runner.py [--runs 3] [--jobs 1 2]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from salesplan.demo.build import build
from salesplan.runner import load_registry, notebooks_dir

BIN = Path(sys.executable).parent
TARGET = 0.5


def seconds(command: list[str], cwd: Path | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, cwd=cwd)
    return time.perf_counter() - start


def median_of(runs: int, fn) -> float:
    return statistics.median(fn() for _ in range(runs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        made = build(db_path=folder / "demo.db", exports_dir=folder / "exports")
        notebooks = load_registry().monthly
        params = {"month": made.end_month, "db_url": made.db_url, "department": "",
                  "out_dir": str(folder / "papermill")}
        (folder / "papermill").mkdir()
        print(f"monthly run for {made.end_month}: {len(notebooks)} notebooks ({', '.join(notebooks)})")

        def papermill_one_by_one() -> float:
            total = 0.0
            for name in notebooks:
                command = [str(BIN / "papermill"), name, str(folder / "papermill" / name)]
                for key, value in params.items():
                    command += ["-p", key, value]
                total += seconds(command, cwd=notebooks_dir())
            return total

        def salesplan_run(jobs: int) -> float:
            return seconds([str(BIN / "salesplan"), "run", "monthly", "--month", made.end_month,
                            "--db", made.db_url, "--out", str(folder / "pack"), "--jobs", str(jobs)])

        baseline = median_of(args.runs, papermill_one_by_one)
        print(f"papermill, one command per notebook: {baseline:7.2f} s (median of {args.runs})")
        for jobs in args.jobs:
            took = median_of(args.runs, lambda jobs=jobs: salesplan_run(jobs))
            ratio = took / baseline
            verdict = "ok" if ratio <= TARGET else f"over the target {TARGET}"
            print(f"salesplan run monthly --jobs {jobs}:    {took:7.2f} s  ratio {ratio:.2f} ({verdict})")


if __name__ == "__main__":
    main()
