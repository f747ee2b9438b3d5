"""A small department with calls and deals, for the call-review tests.

Department ``sales``: two hunters, two farmers, a key-account manager, a head, and a hunter who
left in August 2026; department ``b2g``: one farmer. From June to October 2026 every selling
manager makes two calls a working day (every fifth 30 s, the others 4 min); every third call is on a
deal, which was won, lost, moved a stage later, or did not move.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import insert

from salesplan import store
from salesplan.calendar import working_dates

MANAGERS = [
    ("hun1", "Глеб Холодов", "sales", "hunter", date(2024, 2, 1), None),
    ("hun2", "Дина Охотина", "sales", "hunter", date(2024, 9, 1), None),
    ("far1", "Борис Фермеров", "sales", "farmer", date(2023, 1, 10), None),
    ("far2", "Вера Тёплая", "sales", "farmer", date(2023, 6, 1), None),
    ("kam1", "Анна Ключева", "sales", "key_account", date(2022, 3, 1), None),
    ("head", "Олег Главный", "sales", "head", date(2020, 1, 1), None),
    ("gone", "Ирина Ушедшая", "sales", "hunter", date(2023, 1, 1), date(2026, 8, 14)),
    ("b2g1", "Павел Госзаказов", "b2g", "farmer", date(2024, 1, 1), None),
]
MONTHS = ["2026-06", "2026-07", "2026-08", "2026-09", "2026-10"]
OUTCOMES = ["won", "lost", "moved", "stuck"]


def build(eng) -> None:
    """Fill an empty store with the department."""
    departments = [{"id": "sales", "name": "Отдел продаж"}, {"id": "b2g", "name": "Госсектор"}]
    managers = [
        dict(zip(["id", "name", "department_id", "role", "hire_date", "leave_date"], m, strict=True))
        for m in MANAGERS
    ]
    calls, deals = [], []
    for mid, _name, _dep, role, _hire, leave in MANAGERS:
        if role == "head":
            continue
        n = 0
        for month in MONTHS:
            year, mon = map(int, month.split("-"))
            for day in working_dates(year, mon):
                if leave and day > leave:
                    break
                for slot in (10, 15):
                    n += 1
                    call_id = f"{mid}-c{n:04d}"
                    started = datetime.combine(day, time(slot, 0))
                    deal_id = None
                    if n % 3 == 0:
                        deal_id = f"{mid}-d{n:04d}"
                        kind = OUTCOMES[(n // 3) % 4]
                        later = day + timedelta(days=5)
                        deals.append(
                            {
                                "id": deal_id,
                                "manager_id": mid,
                                "created": day - timedelta(days=10),
                                "stage": kind,
                                "outcome": {"won": "won", "lost": "lost"}.get(kind, "open"),
                                "closed": later if kind in ("won", "lost") else None,
                                "stage_changed": later if kind == "moved" else day - timedelta(days=10),
                                "amount": 100_000_00,
                            }
                        )
                    calls.append(
                        {
                            "id": call_id,
                            "started_at": started,
                            "manager_id": mid,
                            "direction": "out",
                            "duration_s": 30 if n % 5 == 0 else 240,
                            "result": "разговор",
                            "deal_id": deal_id,
                        }
                    )
    with store.transaction(eng) as conn:
        conn.execute(insert(store.departments), departments)
        conn.execute(insert(store.managers), managers)
        conn.execute(insert(store.deals), deals)
        conn.execute(insert(store.calls), calls)
