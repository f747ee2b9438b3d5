"""Errors any area can meet: an unknown department or manager, a bad date, a file of
the wrong kind. Each says what was wrong, where, and what is expected; an area's own errors live
with its area (``PLAN_ERRORS`` in ``plan``, ``REVIEW_ERRORS`` in ``reviews``, …)."""

ERRORS = {
    "unknown_department": "отдел «{department}» не найден; отделы в базе: {known}",
    "unknown_manager": "менеджера «{manager}» нет в базе: проверьте ID или имя — как в выгрузке менеджеров",
    "today": "«{value}»: ожидалась дата ГГГГ-ММ-ДД или дата и время ГГГГ-ММ-ДДTЧЧ:ММ (${variable}, --as-of)",
    "path_outside": "{path}: путь ведёт за пределы папки {folder} — файл не записан",
    "table_extension": "{file}: ожидается таблица .xlsx или .csv, а не «{suffix}»",
    "cell": "{file}: строка {row}, столбец «{column}»: {reason}",
    "not_a_number": "«{value}» — не число",
    "not_a_date": "«{value}» — не дата (ожидается ДД.ММ.ГГГГ или ГГГГ-ММ-ДД)",
}
