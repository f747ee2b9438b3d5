"""Payment plans: the manager's weekly plan and plan for tomorrow, its template and form, and the
daily brief's reconciliation of what was promised with what happened."""

# The fields of a payment plan row, as the form, the template and the brief title them.
PAYPLAN_COLUMNS = {
    "client_id": "ID клиента",
    "client": "Клиент",
    "contact": "Контакт",
    "business": "Вид деятельности",
    "annual_turnover": "Годовой оборот, ₽",
    "deal_id": "ID сделки",
    "deal": "Сделка",
    "expected_date": "Ожидаемая дата оплаты",
    "amount": "Сумма, ₽",
    "stage": "Стадия",
    "probability": "Вероятность",
    "weighted": "Взвешенная сумма, ₽",
}

PAYPLAN_KINDS = {"week": "план оплат на неделю", "day": "план оплат на день"}

PAYPLAN_TEMPLATE = {
    "sheet": "План оплат",
    "title": "План оплат на неделю: {week}",
    "week": "Неделя",
    "manager": "Менеджер",
    "hint": ("Заполните строки: дата оплаты, сумма и вероятность (0–100 %) обязательны. "
             "Добавляйте сделки строками ниже, ненужные удаляйте целиком. "
             "Загрузите файл командой salesplan payplan import ФАЙЛ."),
}

PAYPLAN_ERRORS = {
    "required": "{where}: не заполнено — ожидается {expected}",
    "bad_date": "{where}: «{value}» — ожидается дата ДД.ММ.ГГГГ",
    "bad_money": "{where}: «{value}» — ожидается сумма в рублях, например 150000 или 150 000,50",
    "bad_probability": "{where}: «{value}» — ожидается вероятность от 0 до 100 %",
    "amount_positive": "{where}: {value} — сумма должна быть больше нуля",
    "turnover_negative": "{where}: {value} — оборот не может быть отрицательным",
    "unknown_deal": "{where}: сделки «{value}» нет в базе — оставьте ячейку пустой для новой сделки",
    "unknown_client": "{where}: клиента «{value}» нет в базе — оставьте ячейку пустой для нового клиента",
    "unknown_manager": "{where}: менеджера «{value}» нет в базе; известные: {known}",
    "bad_week": "{where}: {problem}",
    "no_rows": "{where}: в плане нет ни одной строки",
    "unreadable": "файл {file} не читается как книга Excel: {detail}",
    "no_sheet": "файл {file}: нет листа «{sheet}» — загрузите шаблон, выданный salesplan payplan template",
    "problems": "План оплат не принят ({count}):\n{problems}",
    "cell": "файл {file}, строка {row}, столбец {column} («{title}»)",
    "form_cell": "строка {row}, «{title}»",
    "expected": {
        "client": "название клиента",
        "expected_date": "дата оплаты ДД.ММ.ГГГГ",
        "amount": "сумма в рублях",
        "probability": "вероятность от 0 до 100 %",
    },
}

PAYPLAN_CLI = {
    "template": "Шаблон плана оплат: {path} — {rows}, сумма {amount}, взвешенная {weighted}",
    "submitted": ("Принят {kind} «{period}» менеджера {manager}: версия {version}, {rows}, "
                  "сумма {amount}, взвешенная {weighted}"),
}

PAYPLAN_FORM = {
    "manager": "Менеджер",
    "choose": "— выберите —",
    "kind": "План",
    "kinds": {"week": "на неделю", "day": "на завтра"},
    "week": "Неделя",
    "day": "День",
    "add": "Добавить сделку",
    "remove": "Удалить",
    "submit": "Сдать план",
    "need_manager": "Выберите менеджера: план заполнится его открытыми сделками и ожидаемыми оплатами.",
    "prefilled_crm": "Заполнено из CRM: открытые сделки и счета со сроком оплаты в периоде ({rows}).",
    "prefilled_version": "Заполнено из сданной версии {version} ({at}, {by}).",
    "prefilled_week": "Заполнено строками плана на неделю с датой оплаты {day} ({rows}).",
    "total": "Итого: {rows}, сумма {amount}, взвешенная {weighted}",
    "submitted": "Сдано: версия {version}, {rows}, сумма {amount}, взвешенная {weighted}.",
    "versions": "Сданные версии",
    "versions_none": "Сданных версий пока нет.",
    "from_form": "форма",
    "version_columns": ["Версия", "Сдан", "Кто сдал", "Откуда", "Строк", "Сумма", "Взвешенная"],
}

PAYPLAN_CHANGES = {
    "moved_later": "перенесена позже",
    "moved_earlier": "перенесена раньше",
    "dropped": "выпала из плана",
    "new": "новая",
    "paid_early": "оплачена раньше срока",
    "amount_changed": "изменилась сумма",
}

PAYPLAN_BRIEF = {
    "yesterday": "План оплат на вчера и факт ({period})",
    "tomorrow": "План оплат менеджеров на завтра ({period})",
    "moves": "Что изменилось с плана на неделю ({week})",
    "moves_detail": "Изменения по сделкам",
    "no_plans": ("Планов оплат на эту неделю менеджеры не сдавали: их сдают в форме «План оплат» "
                 "(payment_plan) или шаблоном — `salesplan payplan template --week ГГГГ-Wнн "
                 "--manager ID`, затем `salesplan payplan import ФАЙЛ`."),
    "no_moves": "С плана на неделю ничего не изменилось.",
}

PAYPLAN_BRIEF_COLUMNS = {
    "rows": "Сделок",
    "day_plans": "Из них по плану на день",
    "promised": "Обещано",
    "promised_weighted": "Обещано взвешенно",
    "change": "Изменение",
    "deal": "Сделка",
    "planned_date": "Дата по плану недели",
    "planned_amount": "Сумма по плану недели",
    "new_date": "Новая дата / оплачено",
    "new_amount": "Новая сумма / оплачено",
    "money": "Сумма изменения",
    "moved_later": "Перенесено позже",
    "moved_earlier": "Перенесено раньше",
    "dropped": "Выпало из плана",
    "new": "Новые",
    "paid_early": "Оплачено раньше срока",
    "amount_changed": "Изменение сумм",
}
