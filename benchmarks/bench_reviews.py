"""Saving call reviews: one writer, and four writer processes on one SQLite file.

A review (a header and 16 answers) is saved in a transaction of its own, as the form does.
Baseline: the same rows written by bare ``sqlite3`` — ``BEGIN IMMEDIATE``, one INSERT of the
header, an ``executemany`` of the answers, ``COMMIT`` — into tables of the same shape. The
save does more: it checks the manager, the call and the answers, scores the review, records
the scorecard version and finds the revision. Median of several runs.

    .venv/bin/python benchmarks/bench_reviews.py [--runs 3] [--reviews 200]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import insert

from salesplan import store
from salesplan.reviews import repository as repo
from salesplan.reviews.scoring import score_review
from salesplan.reviews.templates import load_settings, load_templates

TEMPLATE = load_templates()["cold_call"]
PROCESSES = 4


def department(url: str, calls: int) -> None:
    eng = store.engine(url)
    with store.transaction(eng) as conn:
        conn.execute(insert(store.departments), [{"id": "sales", "name": "Отдел продаж"}])
        conn.execute(insert(store.managers), [{"id": "m1", "name": "Менеджер", "department_id": "sales",
                                               "role": "hunter", "hire_date": date(2024, 1, 1)}])
        conn.execute(insert(store.calls), [
            {"id": f"c{i}", "started_at": datetime(2026, 10, 1, 10), "manager_id": "m1",
             "direction": "out", "duration_s": 120} for i in range(calls)
        ])


def review(proc: int, i: int) -> repo.ReviewInput:
    answers = {}
    for k, crit in enumerate(TEMPLATE.criteria.values()):
        points = crit.scale_def.points
        answers[crit.id] = points[(proc + i + k) % len(points)]
    return repo.ReviewInput(template_id="cold_call", manager_id="m1", reviewer=f"Проверяющий {proc}",
                            call_id=f"c{i}", answers=answers, comment="комментарий", uid=f"p{proc}-{i}")


def save_all(url: str, proc: int, n: int) -> None:
    eng = store.engine(url)
    templates, bands = load_templates(), load_settings().bands
    for i in range(n):
        repo.save_review(eng, review(proc, i), templates, bands)


def bare_all(path: str, proc: int, n: int) -> None:
    conn = sqlite3.connect(path, timeout=30, isolation_level=None)
    conn.execute("PRAGMA synchronous=NORMAL")
    bands = load_settings().bands
    for i in range(n):
        r = review(proc, i)
        card = score_review(TEMPLATE, r.answers, bands)
        conn.execute("BEGIN IMMEDIATE")
        cur = conn.execute(
            "INSERT INTO r (uid, revision, manager_id, call_id, reviewer, comment, score, created_at)"
            " VALUES (?, 1, ?, ?, ?, ?, ?, ?)",
            (r.uid, r.manager_id, r.call_id, r.reviewer, r.comment, card.score, datetime.now().isoformat()),
        )
        conn.executemany(
            "INSERT INTO a (review_id, criterion_id, points, max_points, weight) VALUES (?, ?, ?, ?, ?)",
            [(cur.lastrowid, c.id, r.answers[c.id], c.max_points, c.weight)
             for c in TEMPLATE.criteria.values()],
        )
        conn.execute("COMMIT")
    conn.close()


def bare_schema(path: str) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.executescript(
        "CREATE TABLE r (id INTEGER PRIMARY KEY, uid TEXT, revision INT, manager_id TEXT, call_id TEXT,"
        " reviewer TEXT, comment TEXT, score REAL, created_at TEXT, UNIQUE (uid, revision));"
        "CREATE TABLE a (review_id INT, criterion_id TEXT, points REAL, max_points REAL, weight REAL,"
        " PRIMARY KEY (review_id, criterion_id));"
    )
    conn.close()


def timed(target, arg: str, writers: int, each: int) -> float:
    """Seconds for ``writers`` processes (started first, released together) to save ``each``."""
    ctx = mp.get_context("spawn")
    go, ready = ctx.Event(), ctx.Semaphore(0)
    procs = [ctx.Process(target=_run, args=(target, arg, p, each, go, ready)) for p in range(writers)]
    for p in procs:
        p.start()
    for _ in procs:
        ready.acquire()
    started = time.perf_counter()
    go.set()
    for p in procs:
        p.join()
    if any(p.exitcode for p in procs):
        sys.exit("a writer failed")
    return time.perf_counter() - started


def _run(target, arg, proc, each, go, ready) -> None:
    ready.release()
    go.wait()
    target(arg, proc, each)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--reviews", type=int, default=200, help="reviews per writer")
    args = parser.parse_args()
    n = args.reviews
    results: dict[str, list[float]] = {k: [] for k in ("save1", "bare1", "save4", "bare4")}
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            for writers, key in ((1, "1"), (PROCESSES, "4")):
                path = Path(tmp) / f"s{key}.db"
                department(f"sqlite:///{path}", n)
                results["save" + key].append(timed(save_all, f"sqlite:///{path}", writers, n))
                bare = str(Path(tmp) / f"b{key}.db")
                bare_schema(bare)
                results["bare" + key].append(timed(bare_all, bare, writers, n))
    med = {k: statistics.median(v) for k, v in results.items()}
    print(f"reviews of {len(TEMPLATE.criteria)} answers, one transaction each; median of {args.runs} runs")
    for key, writers in (("1", 1), ("4", PROCESSES)):
        total = writers * n
        save, bare = med["save" + key], med["bare" + key]
        print(f"  {writers} writer(s) × {n}: salesplan {total / save:8.0f} reviews/s "
              f"({save / total * 1000:.2f} ms each), bare sqlite3 {total / bare:8.0f} reviews/s; "
              f"ratio {save / bare:.1f}x")


if __name__ == "__main__":
    main()
