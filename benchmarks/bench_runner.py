"""``salesplan run monthly`` on the demo vs one bare ``papermill`` run of its largest notebook.

Builds the demo department in a temporary folder, then times, as whole commands (process
start included), in rounds so that every figure sees the same load: the bare ``papermill``
command once for each notebook of the monthly run (executed notebook only, the run's
parameters), and ``salesplan run monthly`` with ``--jobs 1`` and ``--jobs 2`` — executed
notebooks, HTML pages, manifest, and the team and personal folders with every manager's PDFs.
The baseline is the notebook that takes longest alone (median over the rounds); the ratio is
the pack's median to it (target: at most 1.5).

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
TARGET = 1.5


def seconds(command: list[str], cwd: Path | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, cwd=cwd)
    return time.perf_counter() - start


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

        def papermill(name: str) -> float:
            command = [str(BIN / "papermill"), name, str(folder / "papermill" / name)]
            for key, value in params.items():
                command += ["-p", key, value]
            return seconds(command, cwd=notebooks_dir())

        def salesplan_run(jobs: int) -> float:
            return seconds([str(BIN / "salesplan"), "run", "monthly", "--month", made.end_month,
                            "--db", made.db_url, "--out", str(folder / "pack"), "--jobs", str(jobs)])

        alone: dict[str, list[float]] = {name: [] for name in notebooks}
        packs: dict[int, list[float]] = {jobs: [] for jobs in args.jobs}
        for _ in range(args.runs):
            for name in notebooks:
                alone[name].append(papermill(name))
            for jobs in args.jobs:
                packs[jobs].append(salesplan_run(jobs))

        medians = {name: statistics.median(times) for name, times in alone.items()}
        for name, took in medians.items():
            print(f"papermill {name:<28} {took:7.2f} s")
        largest = max(medians, key=medians.get)
        baseline = medians[largest]
        print(f"baseline: the largest notebook alone ({largest}): {baseline:.2f} s "
              f"(median of {args.runs}); all {len(notebooks)} one by one: {sum(medians.values()):.2f} s")
        for jobs, times in packs.items():
            took = statistics.median(times)
            ratio = took / baseline
            verdict = "ok" if ratio <= TARGET else f"over the target {TARGET}"
            print(f"salesplan run monthly --jobs {jobs}:      {took:7.2f} s  ratio {ratio:.2f} ({verdict})")


if __name__ == "__main__":
    main()
