"""Every Russian text a user reads, in one place. Code uses the keys; reports show the values.

Each area of the package has its own section below; add to the section of your area.
"""

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
}

MONTHS_NOMINATIVE = [
    "январь", "февраль", "март", "апрель", "май", "июнь",
    "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
]
