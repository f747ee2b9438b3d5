"""Attestation batch: sheets of every active manager in one process, printed by one browser.

Generates a department of N managers with a quarter of deals, payments, calls, leads, plans,
call reviews, competency ratings and test scores, then times the batch (evidence, scores,
sheets as HTML, and the PDFs) for 100 and 200 managers. The marginal time per manager is
(T(200) − T(100)) / 100; the baseline is the same batch with 1 manager (fixed costs: reading
the store, starting the browser). Median of several runs, in wall-clock seconds and in CPU
seconds of this process (steadier than the wall clock on a busy machine; the browser's own
CPU is not in it).

    .venv/bin/python benchmarks/bench_attestation.py [--runs 3] [--no-pdf]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
from sqlalchemy import insert

from salesplan import store
from salesplan.attestation import batch, inputs
from salesplan.attestation.template import load_template
from salesplan.calendar import default_calendar
from salesplan.periods import Quarter
from salesplan.plan_of_record import save_plan
from salesplan.reviews.repository import ReviewInput, save_reviews
from salesplan.reviews.templates import load_templates

PERIOD = Quarter(2026, 3)
ROLES = ("hunter", "farmer", "key_account")


def generate(url: str, n: int, seed: int = 7) -> None:
    """A department of ``n`` managers with the period's data (deterministic for a seed)."""
    rng = np.random.default_rng(seed)
    eng = store.engine(url)
    cal = default_calendar()
    days = cal.working_dates_between(PERIOD.start, PERIOD.end)
    ids = [f"m{i:04d}" for i in range(n)]
    skill = rng.uniform(0.5, 1.2, n)
    rows: dict[str, list[dict]] = {t: [] for t in ("managers", "deals", "payments", "calls", "leads")}
    for i, mid in enumerate(ids):
        role = ROLES[i % 3]
        rows["managers"].append({"id": mid, "name": f"Менеджер {i:04d}", "department_id": "sales",
                                 "role": role, "hire_date": date(2024, 1 + i % 12, 1), "leave_date": None})
        for k in range(45):
            created = days[int(rng.integers(len(days)))]
            won = rng.random() < 0.3 * skill[i]
            amount = int(rng.integers(50_000, 400_000)) * 100
            did = f"{mid}-d{k}"
            rows["deals"].append({"id": did, "title": did, "client_id": f"c{k}", "manager_id": mid,
                                  "stage": "закрыто" if won else "контакт", "amount": amount,
                                  "created": created, "closed": created if won else None,
                                  "outcome": "won" if won else "open"})
            if won:
                paid = created + timedelta(days=int(rng.integers(0, 40)))
                rows["payments"].append({
                    "id": f"{did}-p", "date": paid if paid <= PERIOD.end and rng.random() < 0.9 else None,
                    "amount": amount, "client_id": f"c{k}", "deal_id": did, "manager_id": mid,
                    "due_date": created + timedelta(days=30)})
            rows["leads"].append({"id": f"{mid}-l{k}", "created": created, "source": "сайт",
                                  "manager_id": mid, "deal_id": did if rng.random() < 0.4 else None})
        for d, day in enumerate(days):
            for c in range(int(rng.integers(15, 40))):
                rows["calls"].append({"id": f"{mid}-{d}-{c}", "manager_id": mid, "direction": "out",
                                      "started_at": datetime.combine(day, datetime.min.time()) + timedelta(
                                          hours=9, minutes=c * 7), "duration_s": int(rng.integers(20, 600))})
    with store.transaction(eng) as conn:
        conn.execute(insert(store.departments), [{"id": "sales", "name": "Отдел продаж"}])
        for name, recs in rows.items():
            conn.execute(insert(store.metadata.tables[name]), recs)
    for month in PERIOD.months:
        lines = pd.DataFrame([(mid, d, 1_200_000) for mid in ids for d in month.working_dates(cal)],
                             columns=["manager_id", "date", "amount"])
        save_plan(eng, str(month), "sales", lines, author="bench", name="plan", inputs={}, status="approved")
    templates = load_templates()
    reviews = []
    for i, mid in enumerate(ids):
        card = templates["cold_call" if ROLES[i % 3] == "hunter" else "current_client"]
        for r in range(8):
            answers = {}
            for cid, crit in card.criteria.items():
                options = [p for _, p in crit.scale_def.options()]
                answers[cid] = options[min(len(options) - 1, int(rng.random() * skill[i] * len(options)))]
            reviews.append(ReviewInput(template_id=card.id, manager_id=mid, reviewer="trainer",
                                       call_id=f"{mid}-{(r * 8) % len(days)}-0", answers=answers))
    save_reviews(eng, reviews, templates)
    template = load_template()
    comp_keys = list(template.components["competencies"].indicators)
    for mid in ids:
        rated = {k: int(rng.integers(2, 6)) for k in comp_keys}
        inputs.save_ratings(eng, PERIOD, mid, rated, "bench", template)
    tests = pd.DataFrame([(mid, str(PERIOD), t, float(rng.integers(40, 101)), 100.0, PERIOD.end)
                          for mid in ids for t in template.components["knowledge_test"].indicators],
                         columns=["manager_id", "period", "topic", "score", "max_score", "taken_on"])
    inputs.save_test_scores(eng, tests, template, "bench")


def _cpu() -> float:
    """CPU seconds of this process (the browser's processes are not included)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime


def timed(url: str, out: Path, pdf: bool) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one batch."""
    wall, cpu = time.perf_counter(), _cpu()
    batch.write_pack(store.engine(url), PERIOD, out, pdf=pdf)
    return time.perf_counter() - wall, _cpu() - cpu


def kernel_per_manager(url: str, out: Path, managers: list[str]) -> float:
    """Median seconds of the sheet notebook run for one manager (papermill, a kernel each)."""
    import papermill

    notebook = Path(__file__).resolve().parents[1] / "notebooks" / "attestation_sheet.ipynb"
    times = []
    for manager in managers:
        start = time.perf_counter()
        papermill.execute_notebook(str(notebook), str(out / f"{manager}.ipynb"), kernel_name="python3",
                                   progress_bar=False, parameters={"manager": manager, "period": str(PERIOD),
                                                                   "db_url": url, "out_dir": str(out)})
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-pdf", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        sizes = (1, 100, 200)
        urls = {}
        for n in sizes:
            urls[n] = f"sqlite:///{tmp}/bench_{n}.db"
            generate(urls[n], n)
        marginal: dict[bool, float] = {}
        for pdf in ((False,) if args.no_pdf else (False, True)):
            runs = {n: [timed(urls[n], Path(tmp) / f"out_{n}", pdf) for _ in range(args.runs)] for n in sizes}
            wall = {n: statistics.median(r[0] for r in runs[n]) for n in sizes}
            cpu = {n: statistics.median(r[1] for r in runs[n]) for n in sizes}
            kind = "HTML + PDF" if pdf else "HTML only"
            print(f"attestation batch ({kind}), median of {args.runs} (wall / CPU of this process):")
            for n in sizes:
                print(f"  {n:>4} managers: {wall[n]:7.2f} s / {cpu[n]:7.2f} s")
            marginal[pdf] = (wall[200] - wall[100]) / 100
            print(f"  marginal per manager: {marginal[pdf]:.3f} s wall, "
                  f"{(cpu[200] - cpu[100]) / 100:.3f} s CPU (target ≤ 0.200 s); "
                  f"batch of 200 vs baseline of 1: {wall[200] / wall[1]:.1f}x")
        per_kernel = kernel_per_manager(urls[100], Path(tmp), ["m0000", "m0001", "m0002"][: args.runs])
        print(f"a kernel per manager instead (the sheet notebook, HTML only): {per_kernel:.2f} s per "
              f"manager, {per_kernel / max(marginal[False], 1e-9):.0f}x the batch's marginal HTML time")


if __name__ == "__main__":
    main()
