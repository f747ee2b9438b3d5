"""Data overview (salesplan.overview, notebooks/data_overview.ipynb)."""

OVERVIEW = {
    "columns": {
        "table": "Таблица",
        "rows": "Строк",
        "first": "С",
        "last": "По",
        "month": "Месяц",
        "name": "Менеджер",
        "role": "Роль",
        "hire_date": "Принят",
        "leave_date": "Уволен",
        "deals_created": "Создано сделок",
        "deals_won": "Выиграно сделок",
        "won_amount": "Сумма выигранных",
        "payments": "Оплат",
        "paid_amount": "Сумма оплат",
        "calls": "Звонков",
        "call_minutes": "Минут на линии",
        "leads": "Лидов",
    },
    "chart_money": "Выигранные сделки и поступившие оплаты по месяцам",
    "chart_calls": "Звонки по месяцам",
    "all_departments": "Все отделы",
    "caption": "{department} · данные по {month} включительно",
}
