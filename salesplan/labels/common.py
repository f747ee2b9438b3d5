"""Words every area uses: roles, deal outcomes, table names, months and their cases, plural forms."""

ROLES = {
    "hunter": "Менеджер по привлечению (хантер)",
    "farmer": "Аккаунт-менеджер (фермер)",
    "key_account": "Менеджер по ключевым клиентам",
    "head": "Руководитель отдела продаж",
}

OUTCOMES = {"won": "Выиграна", "lost": "Проиграна", "open": "В работе"}

TABLES = {
    "departments": "Отделы",
    "managers": "Менеджеры",
    "clients": "Клиенты",
    "deals": "Сделки",
    "payments": "Оплаты",
    "calls": "Звонки",
    "leads": "Лиды",
    "nps_answers": "Ответы NPS",
}

# Periods (``salesplan.periods``): how a reader sees them, and the texts they are written in.
# Month names come from Babel (``periods.month_names``).
PERIODS = {
    "day": "{day} {month} {year}",
    "day_month": "{day} {month}",
    "days": "{first}–{last}",
    "days_spaced": "{first} – {last}",
    "week": "неделя {number}, {days}",
    "month": "{name} {year}",
    "quarter": "{roman} квартал {year}",
    "half": "{number}-е полугодие {year}",
    "year": "{year} год",
    "forms": {
        "day": "дата ГГГГ-ММ-ДД, например 2026-11-27",
        "week": "неделя ISO ГГГГ-Wнн, например 2026-W47",
        "month": "месяц ГГГГ-ММ, например 2026-11",
        "quarter": "квартал ГГГГ-Qн (н от 1 до 4), например 2026-Q3",
        "half": "полугодие ГГГГ-Hн (н = 1 или 2), например 2026-H2",
        "year": "год ГГГГ, например 2026",
    },
    "or": " или ",
    "error": "период «{value}» не распознан: ожидается {expected}",
}

CHARTS = {
    "scale": {"bn": "млрд ₽", "mn": "млн ₽", "k": "тыс. ₽", "": "₽"},
}

# The month in the prepositional case («в июле»), which CLDR does not give; the genitive
# («с июля») comes from Babel's format-context month names (``periods.Month.label_genitive``).
MONTHS_PREPOSITIONAL = [
    "январе", "феврале", "марте", "апреле", "мае", "июне",
    "июле", "августе", "сентябре", "октябре", "ноябре", "декабре",
]

# The noun that goes with a number, by CLDR plural category for Russian (labels.count):
# one — 1, 21, 101; few — 2–4, 22–24; many — 0, 5–20, 25, 111; other — fractions (2,5 дня).
# Keys ending in «_of» are the genitive, after «из», «больше», «меньше» (из 21 рабочего дня).
PLURALS = {
    "entry": {"one": "запись", "few": "записи", "many": "записей", "other": "записи"},
    "client_of": {"one": "клиента", "few": "клиентов", "many": "клиентов", "other": "клиента"},
    "purchase": {"one": "покупка", "few": "покупки", "many": "покупок", "other": "покупки"},
    "answer": {"one": "ответ", "few": "ответа", "many": "ответов", "other": "ответа"},
    "day": {"one": "день", "few": "дня", "many": "дней", "other": "дня"},
    "day_of": {"one": "дня", "few": "дней", "many": "дней", "other": "дня"},
    "working_day": {"one": "рабочий день", "few": "рабочих дня", "many": "рабочих дней",
                    "other": "рабочего дня"},
    "working_day_of": {"one": "рабочего дня", "few": "рабочих дней", "many": "рабочих дней",
                       "other": "рабочего дня"},
    "month": {"one": "месяц", "few": "месяца", "many": "месяцев", "other": "месяца"},
    "call": {"one": "звонок", "few": "звонка", "many": "звонков", "other": "звонка"},
    "call_of": {"one": "звонка", "few": "звонков", "many": "звонков", "other": "звонка"},
    "reviewed_call_of": {"one": "оценённого звонка", "few": "оценённых звонков",
                         "many": "оценённых звонков", "other": "оценённого звонка"},
    "manager": {"one": "менеджер", "few": "менеджера", "many": "менеджеров", "other": "менеджера"},
    "reviewer": {"one": "проверяющий", "few": "проверяющих", "many": "проверяющих",
                 "other": "проверяющего"},
    "deal": {"one": "сделка", "few": "сделки", "many": "сделок", "other": "сделки"},
    "row": {"one": "строка", "few": "строки", "many": "строк", "other": "строки"},
    "error": {"one": "ошибка", "few": "ошибки", "many": "ошибок", "other": "ошибки"},
    "run": {"one": "прогон", "few": "прогона", "many": "прогонов", "other": "прогона"},
}
