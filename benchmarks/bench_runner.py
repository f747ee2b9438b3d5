"""``salesplan run monthly`` on the demo vs one bare ``papermill`` run of its largest notebook.

Builds the demo department in a temporary folder, then times, as whole commands (process
start included), in rounds so that every figure sees the same load: the bare ``papermill``
command once for each notebook of the monthly run (executed notebook only, the run's
parameters), and ``salesplan run monthly`` with ``--jobs 1`` and ``--jobs 2`` — executed
notebooks, HTML pages, manifest, and the team and personal folders with every manager's PDFs.
The baseline is the notebook that takes longest alone (median over the rounds); the ratio is
the pack's median to it (target: at most 1.5). Beside each wall time, the processor seconds of
the whole command (its process and every process it waited for, kernels and browser included):
on a machine shared with other work they show what a run costs whatever the load.

    .venv/bin/python benchmarks/bench_runner.py [--runs 3] [--jobs 1 2]
"""

from __future__ import annotations

import argparse
import resource
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


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def seconds(command: list[str], cwd: Path | None = None) -> tuple[float, float]:
    """Wall and processor seconds of ``command``, run to its end."""
    start, cpu = time.perf_counter(), children_cpu()
    subprocess.run(command, check=True, capture_output=True, cwd=cwd)
    return time.perf_counter() - start, children_cpu() - cpu


def medians(times: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(t[0] for t in times), statistics.median(t[1] for t in times)


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

        def papermill(name: str) -> tuple[float, float]:
            command = [str(BIN / "papermill"), name, str(folder / "papermill" / name)]
            for key, value in params.items():
                command += ["-p", key, value]
            return seconds(command, cwd=notebooks_dir())

        def salesplan_run(jobs: int) -> tuple[float, float]:
            return seconds([str(BIN / "salesplan"), "run", "monthly", "--month", made.end_month,
                            "--db", made.db_url, "--out", str(folder / "pack"), "--jobs", str(jobs)])

        alone: dict[str, list[tuple[float, float]]] = {name: [] for name in notebooks}
        packs: dict[int, list[tuple[float, float]]] = {jobs: [] for jobs in args.jobs}
        for _ in range(args.runs):
            for name in notebooks:
                alone[name].append(papermill(name))
            for jobs in args.jobs:
                packs[jobs].append(salesplan_run(jobs))

        alone_medians = {name: medians(times) for name, times in alone.items()}
        for name, (took, cpu) in alone_medians.items():
            print(f"papermill {name:<28} {took:7.2f} s  (cpu {cpu:6.2f} s)")
        largest = max(alone_medians, key=lambda name: alone_medians[name][0])
        baseline, baseline_cpu = alone_medians[largest]
        print(f"baseline: the largest notebook alone ({largest}): {baseline:.2f} s "
              f"(median of {args.runs}); all {len(notebooks)} one by one: "
              f"{sum(t for t, _ in alone_medians.values()):.2f} s")
        for jobs, times in packs.items():
            took, cpu = medians(times)
            ratio = took / baseline
            verdict = "ok" if ratio <= TARGET else f"over the target {TARGET}"
            print(f"salesplan run monthly --jobs {jobs}:      {took:7.2f} s  (cpu {cpu:6.2f} s)  "
                  f"ratio {ratio:.2f} ({verdict}); cpu ratio {cpu / baseline_cpu:.2f}")


if __name__ == "__main__":
    main()
