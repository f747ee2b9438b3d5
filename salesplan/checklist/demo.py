"""The head's demo answers to the checklist for the quarter of the demo's last month, for the
whole company and the sales department: the points the data cannot answer, and one the data
answer overridden with a note. Answered at the last month's end, 17:00."""

from __future__ import annotations

from datetime import datetime, time

from sqlalchemy import Engine

from salesplan import labels
from salesplan.checklist.answers import Answer, save_answers
from salesplan.checklist.page import checklist_params
from salesplan.periods import Month, Quarter

DEPARTMENTS = ("", "sales")
ANSWERS = [
    Answer("plan_factors", "partly", "Сезонность и рынок учитываем, инфляцию и валюту — нет"),
    Answer("plan_activity", "yes", "Нормативы звонков и встреч из обратной воронки"),
    Answer("plan_communicated", "partly", "Планы доведены на собрании, подписей нет"),
    Answer("plan_broken_down", "yes", "Менеджеры сдают планы оплат по клиентам каждую неделю"),
    Answer("goals_known", "no", ""),
    Answer("plan_fact_meetings", "yes", "Еженедельное собрание по понедельникам"),
    Answer("meetings_regulated", "partly", "Повестка есть, время часто выходит за час"),
    Answer("constant_control", "partly", ""),
    Answer("crm_communication", "no", "Почта не подключена к CRM"),
    Answer("crm_tasks", "partly", ""),
    Answer("crm_trained", "no", ""),
]


def seed_demo(eng: Engine, end_month: str) -> None:
    month = Month.parse(end_month)
    quarter = Quarter.of(month.start)
    at = datetime.combine(month.end, time(17, 0))
    for department in DEPARTMENTS:
        save_answers(eng, checklist_params(), str(quarter), department, ANSWERS,
                     login=labels.ROLES["head"], at=at)
