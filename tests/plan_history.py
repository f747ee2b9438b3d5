"""A small deterministic sales history in a store, for the plan model's tests.

Department ``sales``: a key-account manager, two farmers, two hunters, a new hire (August 2026)
and a manager who left in May 2026; department ``b2g`` has one manager. Revenue from January
2025 to September 2026 follows fixed seasonal coefficients; every payment settles a won deal
with a product line and a client with a segment; hunters have leads; everyone makes calls; open
deals are expected in October 2026 (the target month of the tests).
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import date, datetime, time, timedelta
from pathlib import Path

import numpy as np
from sqlalchemy import insert

from salesplan import store
from salesplan.calendar import default_calendar

TARGET = "2026-10"
FIRST, LAST = (2025, 1), (2026, 9)
SEASON = [0.8, 0.9, 1.0, 1.0, 0.95, 0.9, 0.85, 0.9, 1.05, 1.1, 1.15, 1.3]
MANAGERS = [
    # id, name, department, role, hire, leave, monthly base (roubles)
    ("kam1", "Анна Ключева", "sales", "key_account", date(2022, 3, 1), None, 3_000_000),
    ("far1", "Борис Фермеров", "sales", "farmer", date(2023, 1, 10), None, 2_000_000),
    ("far2", "Вера Тёплая", "sales", "farmer", date(2023, 6, 1), None, 1_600_000),
    ("hun1", "Глеб Холодов", "sales", "hunter", date(2024, 2, 1), None, 1_200_000),
    ("hun2", "Дина Охотина", "sales", "hunter", date(2024, 9, 1), None, 1_000_000),
    ("new1", "Егор Новиков", "sales", "hunter", date(2026, 8, 17), None, 400_000),
    ("left1", "Жанна Ушедшая", "sales", "hunter", date(2023, 1, 1), date(2026, 5, 29), 900_000),
    ("head", "Ирина Главная", "sales", "head", date(2020, 1, 1), None, 0),
    ("gov1", "Олег Госзаказов", "b2g", "key_account", date(2022, 1, 1), None, 5_000_000),
]
PRODUCTS = ["Оборудование", "Сервис"]
SEGMENTS = ["Крупный", "Средний"]
STAGES = ["контакт", "презентация", "принятие решения"]


def months():
    year, month = FIRST
    while (year, month) <= LAST:
        yield year, month
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def expected_revenue(manager_id: str, year: int, month: int) -> int:
    """Kopecks the manager brings in that month (0 outside employment)."""
    row = next(m for m in MANAGERS if m[0] == manager_id)
    hire, leave, base = row[4], row[5], row[6]
    first = date(year, month, 1)
    if first < date(hire.year, hire.month, 1) or (leave and first > leave):
        return 0
    return int(round(base * SEASON[month - 1])) * 100


def build_store(url: str):
    """Create the store at ``url`` with the history above; returns the engine."""
    rng = np.random.default_rng(7)
    cal = default_calendar()
    eng = store.engine(url)
    rows: dict[str, list[dict]] = {name: [] for name in
                                  ("clients", "deals", "payments", "leads", "calls")}
    for mid, _, _, role, _, _, _ in MANAGERS:
        if role == "head":
            continue
        for i in range(4):
            rows["clients"].append({"id": f"{mid}-c{i}", "name": f"Клиент {mid} {i}",
                                    "segment": SEGMENTS[i % 2], "manager_id": mid})
    for year, month in months():
        days = cal.working_dates(year, month)
        for mid, _, _, role, hire, leave, _ in MANAGERS:
            amount = expected_revenue(mid, year, month)
            if not amount:
                continue
            present = [d for d in days if d >= hire and (leave is None or d <= leave)]
            parts = [amount // 4] * 3 + [amount - 3 * (amount // 4)]
            for k, part in enumerate(parts):
                day = present[min(len(present) - 1, (k * len(present)) // 4 + 1)]
                deal = f"{mid}-{year}{month:02d}-{k}"
                client = f"{mid}-c{k}"
                rows["deals"].append({
                    "id": deal, "client_id": client, "manager_id": mid, "stage": "закрыто",
                    "amount": part, "created": day - timedelta(days=20), "closed": day,
                    "outcome": "won", "product": PRODUCTS[k % 2], "expected_date": None,
                })
                rows["payments"].append({"id": f"p-{deal}", "date": day, "amount": part,
                                         "client_id": client, "deal_id": deal, "manager_id": mid})
            if role == "hunter":
                for k in range(16):
                    rows["leads"].append({
                        "id": f"l-{mid}-{year}{month:02d}-{k}", "created": present[k % len(present)],
                        "source": "сайт", "manager_id": mid,
                    })
            for day in present:
                for k in range(3):
                    rows["calls"].append({
                        "id": f"c-{mid}-{day.isoformat()}-{k}",
                        "started_at": datetime.combine(day, time(10 + k)),
                        "manager_id": mid, "direction": "out",
                        "duration_s": int(rng.integers(30, 600)),
                    })
    for k, mid in enumerate(["kam1", "far1", "hun1"]):
        rows["deals"].append({
            "id": f"open-{mid}", "client_id": f"{mid}-c0", "manager_id": mid,
            "stage": STAGES[k], "amount": 1_000_000_00, "created": date(2026, 9, 1),
            "expected_date": date(2026, 10, 15),
            "closed": None, "outcome": "open", "product": PRODUCTS[0],
        })
    with store.transaction(eng) as conn:
        conn.execute(insert(store.departments), [{"id": "sales", "name": "Отдел продаж"},
                                                 {"id": "b2g", "name": "Госзаказ"}])
        conn.execute(insert(store.managers), [
            {"id": m[0], "name": m[1], "department_id": m[2], "role": m[3], "hire_date": m[4],
             "leave_date": m[5]} for m in MANAGERS
        ])
        for name, table_rows in rows.items():
            conn.execute(insert(store.metadata.tables[name]), table_rows)
    return eng


_built: Path | None = None
_built_on: dict[object, str] = {}


def history_on_postgres(server) -> str:
    """URL of a fresh copy of the history store on the PostgreSQL ``server`` (built once)."""
    if server not in _built_on:
        _built_on[server] = source = server.create_database()
        build_store(source)
        store.engine(source).dispose()  # a template database must have no connections
    return server.create_database(template=_built_on[server])


def history_db(folder: Path) -> str:
    """URL of a fresh copy of the history store in ``folder`` (the store is built once)."""
    global _built
    if _built is None:
        source = Path(tempfile.mkdtemp(prefix="plan_history_")) / "history.db"
        eng = build_store(f"sqlite:///{source}")
        with eng.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        eng.dispose()
        _built = source
    target = Path(folder) / "history.db"
    shutil.copyfile(_built, target)
    return f"sqlite:///{target}"
