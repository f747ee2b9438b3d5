"""Demo protocols for the demo department: the month's monthly meeting, its weekly meetings and
some morning planning meetings, each with decisions, tasks, promises and deviations.

Deterministic: owners take turns, deadlines are a few working days after the meeting, and of
every four followed items one stays open (overdue by the month's end, or still due when its
deadline is later), two are done — on the deadline or a day before — and one is cancelled or
gets a new deadline, so every page that opens with the protocols has each kind to show.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from itertools import cycle

from sqlalchemy import Engine

from salesplan.calendar import ProductionCalendar, default_calendar
from salesplan.periods import Month
from salesplan.protocol.repository import (
    CANCELLED,
    DONE,
    OPEN,
    ItemInput,
    MeetingInput,
    change,
    save_protocol,
)

OWNERS = {"sales": ["m02", "m03", "m04", "m05", "m06", "m07"], "regions": ["m10", "m11"]}
HEADS = {"sales": "m01", "regions": "m09"}
MEETING_TIME, CLOSING_TIME = time(10, 0), time(17, 30)
DAILY_DAYS = 3  # morning meetings recorded: the month's last working days

# (kind, text, working days to the deadline, amount in roubles or metric with plan and fact)
MONTHLY = [
    ("decision", "Еженедельное собрание — по понедельникам в 10:00, планёрка — в 9:30", None, None),
    ("deviation", "Каждому менеджеру — плюс 10 исходящих звонков в день до конца месяца", 10,
     ("Звонков в день на менеджера", 50, 41)),
    ("task", "Обзвонить клиентов без заказа за 60 дней и назначить пять встреч", 8, None),
    ("promise", "Подписать годовой договор с ключевым клиентом и получить предоплату", 12, 450_000),
    ("task", "Обновить скрипт работы с возражением «дорого» и провести тренировку", 6, None),
]
WEEKLY = [
    ("promise", "Оплата по выставленному счёту от клиента с просрочкой", 3, 180_000),
    ("task", "Провести демонстрацию для нового клиента и отправить КП", 4, None),
    ("deviation", "Разобрать сделки на этапе «финальное предложение» и назначить даты решения", 5,
     ("Выручка недели, тыс. ₽", 1_900, 1_450)),
    ("promise", "Закрыть сделку на оборудование до конца недели", 4, 320_000),
]
DAILY = [
    ("promise", "Оплата сегодня по счёту на расходные материалы", 0, 95_000),
    ("task", "Перезвонить трём клиентам, отложившим решение", 1, None),
]


def _items(plan: list, owners, calendar: ProductionCalendar, day: date) -> list[ItemInput]:
    out = []
    for kind, text, days, extra in plan:
        deadline = None
        if days is not None:
            deadline = day
            for _ in range(days):
                deadline = calendar.next_working_day(deadline)
        figures = {}
        if isinstance(extra, tuple):
            figures = {"metric": extra[0], "plan_value": float(extra[1]), "fact_value": float(extra[2])}
        elif extra is not None:
            figures = {"amount": extra * 100}
        out.append(ItemInput(kind=kind, text=text, owner=None if kind == "decision" else next(owners),
                             deadline=deadline, **figures))
    return out


def _meetings(month: Month, calendar: ProductionCalendar) -> list[tuple[str, date, list]]:
    days = calendar.working_dates_between(*month.bounds)
    mondays = [d for i, d in enumerate(days) if i == 0 or d.isocalendar()[1] != days[i - 1].isocalendar()[1]]
    return ([("monthly", days[0], MONTHLY)] + [("weekly", d, WEEKLY) for d in mondays[1:]]
            + [("daily", d, DAILY) for d in days[-DAILY_DAYS:]])


def _follow(eng: Engine, item_id: int, n: int, held: date, deadline: date, month: Month,
            calendar: ProductionCalendar) -> None:
    """The ``n``-th followed item's fate (see the module's doc), on a day from its meeting to the
    month's end."""
    fate = n % 4
    if fate == 0:
        return
    day = deadline if fate == 1 else calendar.previous_working_day(deadline)
    day = max(held, min(day, month.end))
    at = datetime.combine(day, CLOSING_TIME)
    if fate == 3 and n % 8 == 3:
        change(eng, item_id, OPEN, "клиент попросил перенести", deadline + timedelta(days=7), at=at)
    elif fate == 3:
        change(eng, item_id, CANCELLED, "неактуально: клиент отказался", at=at)
    else:
        change(eng, item_id, DONE, "сделано", at=at)


def seed_demo(eng: Engine, end_month: str) -> None:
    """Record the protocols of ``end_month``'s meetings in both demo departments."""
    calendar, month = default_calendar(), Month.parse(end_month)
    for department, owners in OWNERS.items():
        turn, n = cycle([*owners, HEADS[department]]), 0
        for kind, day, plan in _meetings(month, calendar):
            items = _items(plan, turn, calendar, day)
            saved = save_protocol(eng, MeetingInput(kind=kind, held_on=day, department_id=department,
                                                    items=items, source="demo"),
                                  at=datetime.combine(day, MEETING_TIME))
            for item, item_id in zip(items, saved.item_ids, strict=True):
                if item.deadline is None:
                    continue
                _follow(eng, item_id, n, day, item.deadline, month, calendar)
                n += 1
