"""Import of exports (salesplan.importing, `salesplan import`)."""

IMPORT_REJECT_REASONS = {
    "missing_id": "нет идентификатора",
    "missing_value": "не заполнено обязательное поле",
    "bad_date": "не дата или такой даты нет (ожидается ДД.ММ.ГГГГ или ГГГГ-ММ-ДД)",
    "bad_number": "не число",
    "bad_whole": "не целое число",
    "bad_duration": "не длительность (секунды, ММ:СС или ЧЧ:ММ:СС)",
    "negative_amount": "отрицательная сумма",
    "bad_value": "недопустимое значение (допустимы: {allowed})",
    "duplicate_id": "идентификатор уже встречался выше в файле",
    "closed_before_created": "дата закрытия раньше даты создания",
    "closed_without_date": "закрытая сделка без даты закрытия",
    "margin_exceeds_amount": "маржа больше суммы сделки",
    "left_before_hired": "дата увольнения раньше даты приёма",
    "payment_without_date": "нет ни даты оплаты, ни срока оплаты",
    "nps_score": "оценка NPS — целое число от 0 до 10",
    "bad_inn": "ИНН должен состоять из 10 или 12 цифр",
    "bad_email": "не адрес электронной почты (ожидается имя@домен.ru)",
    "field_count": "число полей в строке не совпадает с заголовком",
    "unknown_manager": (
        "строка {row}, столбец «{column}»: менеджера {detail}; добавьте его в список менеджеров "
        "или псевдоним известному: salesplan managers alias ID ПСЕВДОНИМ"
    ),
}

IMPORT_ERRORS = {
    "not_found": "{file}: файл не найден",
    "empty": "{file}: файл пуст",
    "xls": "{file}: формат .xls не поддерживается — сохраните файл как .xlsx или .csv",
    "binary": "{file}: это не таблица CSV или XLSX",
    "unreadable": "{file}: не удалось прочитать файл ({detail})",
    "repeated_column": "{file}: столбец «{column}» встречается несколько раз (столбцы {positions}), "
    "а профиль его читает; оставьте в файле один такой столбец",
    "missing_columns": "{file}: нет обязательных столбцов: {missing}. Столбцы в файле: {found}",
    "unknown_format": "неизвестный формат «{format}»; доступны: {available}",
    "unknown_table": "неизвестная таблица «{table}»; доступны: {available}",
    "table_not_in_format": "формат «{format}» не описывает таблицу «{table}»; он описывает: {tables}",
    "rejects_unwritable": "{file}: не удалось записать отклонённые строки ({detail}); ничего не загружено",
}

IMPORT_SUMMARY = {
    "title": "Импорт: {table} ← {file} (формат {format})",
    "read": "прочитано строк",
    "accepted": "принято",
    "records": "из них записей (строки с одним ID — одна запись)",
    "rejected": "отклонено",
    "skipped": "пропущено как не данные (skip_rows профиля)",
    "rows": "строки",
    "rejects_at": "отклонённые строки и причины: {path}",
    "new_managers": "новые менеджеры",
    "new_clients": "новые клиенты",
    "ignored": "столбцы без сопоставления (не загружены)",
    "more": "и ещё {n}",
    "calls": "звонков в принятых строках (строка — плечо звонка)",
    "unresolved": "не найдены в списке менеджеров",
    "not_found": "«{name}» нет в списке ({closest})",
    "closest": "похожие: {names}",
    "no_closest": "похожих нет",
    "new_managers_rejected": "их строки отклонены (--new-managers reject)",
}

ROSTER_ERRORS = {
    "unknown_manager": "менеджера с идентификатором «{id}» нет в списке; есть: {known}",
    "alias_taken": "псевдоним «{alias}» уже принадлежит менеджеру {manager}",
}

ROSTER_LIST = {
    "empty": "Список менеджеров пуст: загрузите его командой salesplan import managers ФАЙЛ",
    "header": "Менеджеры и их псевдонимы:",
    "no_aliases": "псевдонимов нет",
    "aliases": "Псевдонимы менеджера {manager}: {aliases}",
}
