"""Meeting protocols: decisions, tasks, promises and deviations, and their follow-up
(salesplan.protocol)."""

MEETING_KINDS = {
    "daily": "Планёрка",
    "weekly": "Еженедельное собрание",
    "monthly": "Ежемесячное собрание",
}

ITEM_KINDS = {
    "decision": "Решение",
    "task": "Задача",
    "promise": "Обещание",
    "deviation": "Отклонение",
}

# What an item stands at on a page's date (``protocol.status.STANDINGS``).
STANDINGS = {
    "overdue": "просрочено",
    "due": "в работе",
    "open": "в работе, без срока",
    "done": "выполнено",
    "cancelled": "отменено",
}

PROTOCOL = {
    "open_items": "Протоколы прошлых совещаний: открытые пункты",
    "open_items_lead": "Пункты на {date}: просрочено {overdue}, в работе {due}, выполнено {done}, "
                       "отменено {cancelled}.",
    "no_items": "Открытых пунктов в протоколах прошлых совещаний нет.",
    "overdue_by": "просрочено на {days}",
    "due_today": "срок сегодня",
    "decided": "принято",
    "due_in": "осталось {days}",
    "done_on": "выполнено {date}",
    "cancelled_on": "отменено {date}",
    "deviation_text": "{metric}: план {plan}, факт {fact}, отклонение {deviation}. Меры: {action}",
    "meeting": "{kind} {date}",
    "head": "РОП",
}

# Columns of the follow-up tables, the list and the import template (``protocol.sheet``).
PROTOCOL_COLUMNS = {
    "id": "№",
    "meeting": "Совещание",
    "meeting_kind": "Совещание",
    "held_on": "Дата совещания",
    "department_id": "Отдел",
    "kind": "Тип пункта",
    "text": "Что (решение, задача, обещание, меры)",
    "owner": "Ответственный",
    "owner_id": "Ответственный",
    "deadline": "Срок",
    "amount": "Сумма",
    "metric": "Показатель",
    "plan_value": "План",
    "fact_value": "Факт",
    "deviation": "Отклонение",
    "standing": "Статус",
    "note": "Примечание",
    "manager": "Менеджер",
}

# The import template's headings (``protocol.sheet``), in the order of its columns, and its sheets.
PROTOCOL_SHEET = {
    "meeting_kind": "Совещание",
    "held_on": "Дата совещания",
    "department_id": "Отдел",
    "kind": "Тип пункта",
    "text": "Что",
    "owner": "Ответственный",
    "deadline": "Срок",
    "amount": "Сумма, ₽",
    "metric": "Показатель",
    "plan_value": "План",
    "fact_value": "Факт",
}

PROTOCOL_SHEET_NAMES = {"protocol": "Протокол", "managers": "Менеджеры"}

PROTOCOL_CLI = {
    "template": "Шаблон протокола: {file}. Заполните его и загрузите: salesplan protocol import {file}",
    "imported": "{file}: совещаний {meetings}, новых пунктов {added}, уже загруженных {skipped}.",
    "closed": "Пункт {item}: {status}.",
    "postponed": "Пункт {item}: новый срок {deadline}.",
    "empty": "Пунктов протоколов нет.",
    "more": "… и ещё {n} (полный список: salesplan protocol list)",
}

PROTOCOL_ERRORS = {
    "problems": "протокол не сохранён, {count}:\n{shown}{more}",
    "more": "\n… и ещё {n}",
    "item": "пункт {n}: {reason}",
    "empty_text": "не заполнено, что решили, поручили или обещали",
    "no_owner": "не указан ответственный",
    "no_deadline": "не указан срок",
    "no_date": "не указана дата совещания",
    "no_metric": "не указан показатель",
    "no_plan_fact": "не указаны план и факт показателя",
    "unknown_owner": "ответственный {found}",
    "unknown_kind": "«{value}»: ожидается один из типов: {known}",
    "unknown_meeting": "«{value}»: ожидается одно из совещаний: {known}",
    "no_items": "в протоколе нет ни одного пункта",
    "no_item": "пункта {item} нет в протоколах",
    "already": "пункт {item} уже закрыт: {status} {date}",
    "not_a_number": "«{value}» — не число",
    "no_rows": "{file}: в файле нет ни одной строки протокола",
}

PROTOCOL_FORM = {
    "meeting_kind": "Совещание",
    "held_on": "Дата",
    "department": "Отдел",
    "all_departments": "Все отделы",
    "kind": "Тип пункта",
    "text": "Что",
    "text_placeholder": "решение, задача, обещание или меры по отклонению",
    "owner": "Ответственный",
    "no_owner": "— не назначен —",
    "deadline": "Срок",
    "amount": "Сумма, ₽",
    "metric": "Показатель",
    "plan_value": "План",
    "fact_value": "Факт",
    "add": "Добавить пункт",
    "remove": "Убрать последний",
    "save": "Сохранить протокол",
    "pending": "Пункты этого протокола",
    "pending_none": "Пунктов пока нет: заполните поля выше и нажмите «Добавить пункт».",
    "added": "Добавлен пункт {n}.",
    "not_added": "Пункт не добавлен: {message}",
    "saved": "Протокол сохранён: {kind} {date}, пунктов: {n}.",
    "not_saved": "Протокол не сохранён: {message}",
    "draft_restored": "Восстановлен черновик от {at}.",
    "follow_up": "Пункты прошлых протоколов",
    "pick_item": "Пункт",
    "note": "Примечание",
    "close_done": "Выполнено",
    "close_cancel": "Отменить",
    "postpone": "Перенести срок",
    "changed": "Пункт {item}: {status}.",
    "recent": "Сохранённые протоколы",
}
