"""A small store for the payment plan tests: one department, two managers, six open deals, and
the plans submitted as a week goes (a worked example, its figures written out in the tests)."""

from datetime import date, datetime
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine, insert

from salesplan import clock, store
from salesplan.payplan import repository as repo
from salesplan.payplan import rows as R

MONDAY, TUESDAY, WEDNESDAY, THURSDAY = (date(2026, 11, d) for d in (16, 17, 18, 19))
WEEK = "2026-W47"
# deal: (manager, client, title, expected date, amount in roubles, stage, its probability in
# params/control.yaml)
DEALS = {
    "d1": ("a", "Альфа", "Поставка станков", date(2026, 11, 17), 100_000, "принятие решения", 0.9),
    "d2": ("a", "Бета", "Сервисный контракт", date(2026, 11, 18), 200_000, "презентация", 0.4),
    "d3": ("a", "Гамма", "Запчасти", date(2026, 11, 19), 150_000, "финальное предложение", 0.75),
    "d4": ("a", "Дельта", "Обучение", date(2026, 11, 20), 50_000, "потребность", 0.25),
    "d5": ("b", "Эпсилон", "Монтаж линии", date(2026, 11, 17), 80_000, "принятие решения", 0.9),
    "d6": ("b", "Зета", "Аудит", date(2026, 11, 19), 120_000, "возражения", 0.6),
    "d7": ("b", "Каппа", "Пусконаладка", date(2026, 11, 19), 90_000, "потребность", 0.25),
}


def base_store(where: Path | str) -> Engine:
    """Department ``sales``: managers ``a`` (Анна) and ``b`` (Борис), clients c1…c7, the deals;
    in a new SQLite file at ``where`` or the new database at URL ``where``."""
    eng = store.engine(where if isinstance(where, str) else f"sqlite:///{where}")
    with store.transaction(eng) as conn:
        conn.execute(insert(store.departments), [{"id": "sales", "name": "Продажи"}])
        conn.execute(insert(store.managers), [
            {"id": "a", "name": "Анна", "department_id": "sales", "role": "hunter"},
            {"id": "b", "name": "Борис", "department_id": "sales", "role": "farmer"}])
        conn.execute(insert(store.clients), [
            {"id": f"c{d[1:]}", "name": v[1], "segment": "Производство", "manager_id": v[0]}
            for d, v in DEALS.items()])
        conn.execute(insert(store.deals), [
            {"id": d, "title": v[2], "client_id": f"c{d[1:]}", "manager_id": v[0],
             "stage": v[5], "amount": v[4] * 100, "created": date(2026, 10, 1), "outcome": "open",
             "expected_date": v[3]} for d, v in DEALS.items()])
    return eng


def plan_rows(*deals: str, moved: dict[str, date] | None = None) -> pd.DataFrame:
    """Rows for ``deals`` as the CRM has them, ``moved`` giving some of them another date."""
    moved = moved or {}
    return R.typed(pd.DataFrame([
        {"client_id": f"c{d[1:]}", "client": DEALS[d][1], "contact": "", "business": "Производство",
         "annual_turnover": None, "deal_id": d, "deal": DEALS[d][2],
         "expected_date": moved.get(d, DEALS[d][3]), "amount": DEALS[d][4] * 100,
         "stage": DEALS[d][5], "probability": DEALS[d][6]} for d in deals]))


def submit_at(eng: Engine, moment: datetime, kind: str, period: str, manager: str,
              rows: pd.DataFrame) -> repo.Submitted:
    clock.set_today(moment)
    return repo.submit(eng, repo.Submission(kind, period, manager, rows))


def pay(eng: Engine, payment_id: str, deal: str, day: date) -> None:
    with store.transaction(eng) as conn:
        conn.execute(insert(store.payments).values(
            id=payment_id, date=day, amount=DEALS[deal][4] * 100, client_id=f"c{deal[1:]}",
            deal_id=deal, manager_id=DEALS[deal][0]))


def the_week(eng: Engine) -> None:
    """Monday: both submit their weekly plans. Tuesday: d1 is paid on its day and d3 two days
    early; Анна's plan for Wednesday moves d2 to 25.11; Борис resubmits his week with d6 on 23.11."""
    submit_at(eng, datetime(2026, 11, 16, 9, 30), "week", WEEK, "a", plan_rows("d1", "d2", "d3", "d4"))
    submit_at(eng, datetime(2026, 11, 16, 9, 45), "week", WEEK, "b", plan_rows("d5", "d6", "d7"))
    pay(eng, "P1", "d1", TUESDAY)
    pay(eng, "P3", "d3", TUESDAY)
    submit_at(eng, datetime(2026, 11, 17, 17, 0), "day", "2026-11-18", "a",
              plan_rows("d2", moved={"d2": date(2026, 11, 25)}))
    submit_at(eng, datetime(2026, 11, 17, 18, 0), "week", WEEK, "b",
              plan_rows("d5", "d6", "d7", moved={"d6": date(2026, 11, 23)}))
