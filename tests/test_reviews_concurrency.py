"""Several trainers saving at once from separate processes, and a writer killed mid-batch, on
SQLite and on PostgreSQL."""

import multiprocessing as mp
import os
import signal
import sqlite3
import time
from pathlib import Path

import pytest
from reviews_department import build
from sqlalchemy import event, func, select, text

from salesplan import store
from salesplan.reviews import repository as repo
from salesplan.reviews.scoring import score_review
from salesplan.reviews.templates import load_settings, load_templates

PROCESSES, EACH = 4, 250
TEMPLATE = load_templates()["cold_call"]
CALLS = [f"hun1-c{n:04d}" for n in range(1, 401)]


def answers_for(proc: int, i: int) -> dict[str, float | None]:
    """A different, reproducible answer sheet for every (process, review)."""
    out = {}
    for k, crit in enumerate(TEMPLATE.criteria.values()):
        options = list(crit.scale_def.points) + ([None] if crit.na_allowed else [])
        out[crit.id] = options[(proc * 7 + i * 3 + k) % len(options)]
    return out


def review_for(proc: int, i: int) -> repo.ReviewInput:
    return repo.ReviewInput(
        template_id="cold_call",
        manager_id="hun1",
        reviewer=f"Проверяющий {proc}",
        call_id=CALLS[(proc * EACH + i) % len(CALLS)],
        answers=answers_for(proc, i),
        comment=f"процесс {proc}, оценка {i}",
        uid=f"p{proc}-{i:03d}",
    )


def writer(url: str, proc: int, start) -> None:
    eng = store.engine(url)  # an engine of this process's own
    start.wait()
    for i in range(EACH):
        repo.save_review(eng, review_for(proc, i))


@pytest.fixture()
def db(db_url) -> str:
    build(store.engine(db_url))
    return db_url


def intact(eng) -> bool:
    """SQLite's integrity check passes (PostgreSQL: nothing to check)."""
    if eng.dialect.name != "sqlite":
        return True
    with eng.connect() as conn:
        return conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"


def test_four_processes_save_250_reviews_each(db):
    ctx = mp.get_context("spawn")
    start = ctx.Event()
    procs = [ctx.Process(target=writer, args=(db, p, start)) for p in range(PROCESSES)]
    for proc in procs:
        proc.start()
    start.set()
    for proc in procs:
        proc.join(timeout=600)
    assert [p.exitcode for p in procs] == [0] * PROCESSES

    eng = store.engine(db)
    heads = repo.current_reviews(eng).set_index("uid")
    assert len(heads) == PROCESSES * EACH
    assert set(heads.index) == {f"p{p}-{i:03d}" for p in range(PROCESSES) for i in range(EACH)}
    assert heads["revision"].eq(1).all()
    items = repo.reviews_frame(eng)
    assert len(items) == PROCESSES * EACH * len(TEMPLATE.criteria)
    bands = load_settings().bands
    for uid, answers in items.groupby("uid"):
        proc, i = int(uid[1]), int(uid[3:])
        stored = {c: (None if na else p) for c, p, na in
                  answers[["criterion_id", "points", "na"]].itertuples(index=False)}
        assert stored == answers_for(proc, i), uid
        expected = score_review(TEMPLATE, answers_for(proc, i), bands).score
        assert heads.loc[uid, "score"] == pytest.approx(expected), uid
        assert heads.loc[uid, "comment"] == f"процесс {proc}, оценка {i}"
    assert intact(eng)


def killed_writer(url: str, pipe) -> None:
    eng = store.engine(url)
    if eng.dialect.name == "sqlite":
        @event.listens_for(eng, "connect")
        def _small_cache(dbapi_conn, _record):  # spill uncommitted pages to the WAL file
            dbapi_conn.execute("PRAGMA cache_size=-64")

        eng.dispose()
    repo.save_reviews(eng, [review_for(0, i) for i in range(50)])
    pipe.send("committed")

    def batch():
        for i in range(EACH):
            yield review_for(1, i)
            if i == 200:
                pipe.send("mid-batch")
                time.sleep(600)  # killed here, inside the transaction

    repo.save_reviews(eng, batch())


def write_lock_held(url: str) -> bool:
    """Whether a writer holds the store's write lock (SQLite's, or PostgreSQL's advisory lock)."""
    if not url.startswith("sqlite"):
        with store.engine(url).connect() as conn:
            return bool(conn.execute(
                text("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
                     "AND objid = :lock AND database = (SELECT oid FROM pg_database "
                     "WHERE datname = current_database())"), {"lock": store.WRITE_LOCK}).scalar())
    conn = sqlite3.connect(url.removeprefix("sqlite:///"), timeout=0, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError as exc:
        assert "locked" in str(exc)
        return True
    finally:
        conn.close()


def test_a_writer_killed_mid_batch_leaves_no_partial_review(db):
    sqlite = db.startswith("sqlite")
    path = Path(db.removeprefix("sqlite:///"))
    wal = path.with_name(path.name + "-wal")
    ctx = mp.get_context("spawn")
    ours, theirs = ctx.Pipe()
    proc = ctx.Process(target=killed_writer, args=(db, theirs))
    proc.start()
    assert ours.poll(120) and ours.recv() == "committed"
    wal_committed = wal.stat().st_size if sqlite else 0
    assert ours.poll(120) and ours.recv() == "mid-batch"
    assert write_lock_held(db)  # the batch's transaction is open
    if sqlite:
        assert wal.stat().st_size > wal_committed  # and its pages have reached the disk
    os.kill(proc.pid, signal.SIGKILL)
    proc.join(30)
    assert proc.exitcode == -signal.SIGKILL

    eng = store.engine(db)
    assert intact(eng)
    with eng.connect() as conn:
        uids = set(conn.execute(select(repo.reviews.c.uid)).scalars())
        orphans = conn.execute(
            select(func.count()).select_from(repo.review_answers).where(
                repo.review_answers.c.review_id.not_in(select(repo.reviews.c.id))
            )
        ).scalar_one()
        partial = conn.execute(
            select(func.count())
            .select_from(repo.reviews)
            .where(
                repo.reviews.c.item_count
                != select(func.count())
                .where(repo.review_answers.c.review_id == repo.reviews.c.id)
                .scalar_subquery()
            )
        ).scalar_one()
    assert uids == {f"p0-{i:03d}" for i in range(50)}  # the committed batch, none of the other
    assert orphans == 0 and partial == 0
    for _ in range(100):  # PostgreSQL ends the killed client's session when it sees the socket close
        if not write_lock_held(db):
            break
        time.sleep(0.1)
    assert not write_lock_held(db)
    repo.save_review(eng, review_for(2, 0))  # and the database takes new reviews
