"""Runner: scheduled runs of report notebooks, the pack index, the demo (salesplan.runner)."""

RUNNER = {
    "error_banner": (
        '<div style="color:#c62828; font-size:1.4em;">Отчёт выполнен с ошибкой: '
        '<a href="#papermill-error-cell">{error}</a></div>'
    ),
    "error_here": (
        '<div id="papermill-error-cell" style="color:#c62828; font-size:1.2em;">'
        "Здесь выполнение остановилось:</div>"
    ),
    "not_run": '<div style="color:#c62828; font-size:1.4em;">Отчёт не выполнен: {error}</div>',
    "pack": "Отчёты: {pack}",
    "summary": "Выполнено без ошибок: {ok} из {total}; манифест: {manifest}",
    "team": "Для собрания отдела: {index}",
    "personal": "Личных папок менеджеров: {n} ({folder})",
    "failed": "С ошибкой: {notebook} — {error}",
    "demo_building": "Демо-отдел: создаю выгрузки и загружаю их в {db} …",
    "demo_data": "Демо-данные: {db} (выгрузки: {exports})",
    "demo_open": "Откройте в браузере: {html}",
    "demo_next": "Теперь со своими данными: загрузите выгрузки CRM, телефонии и 1С (salesplan import …) "
                 "и посмотрите, какие отчёты готовы: salesplan check (docs/first_evening.md)",
    "demo_rejected": "{file}: отклонено демо-строк: {rows}, причины в {rejects}",
}

RUNNER_ERRORS = {
    "unknown_report": "неизвестный отчёт «{name}»; доступны: {available}",
    "extra_parameter": "отчёт «{name}» принимает только --{parameter}, а не {extra}",
    "bad_parameter": "отчёт «{name}»: --{parameter} «{value}» — ожидается {expected}",
    "twice": "указаны дважды: {names}",
    "team_notebook": "team.files: {names} — блокноты отделу не показываются, только их страницы (team.pages)",
    "team_not_monthly": "team.pages: {names} — нет среди блокнотов monthly",
    "no_notebooks": "{file}: для отчёта «{name}» не указано ни одного блокнота",
    "notebook_missing": "{file}: блокнот не найден",
    "notebook_unreadable": "{file}: не удалось прочитать блокнот ({detail})",
    "no_parameters_cell": "{file}: нет ячейки с тегом parameters",
    "parameters_syntax": "{file}: ячейка parameters не является кодом Python ({detail})",
    "undeclared": (
        "{file}: ячейка parameters не объявляет {missing} "
        "(блокнот отчёта «{name}» получает {wanted})"
    ),
    "jobs": "--jobs {jobs}: нужно 1 или больше",
}

RUNNER_INDEX = {
    "runs": {
        "monthly": "Ежемесячные отчёты",
        "daily": "Ежедневная сводка",
        "weekly": "Еженедельный обзор",
        "attestation": "Аттестация",
    },
    "subtitle": "{value} · {department}",
    "all_departments": "все отделы",
    "report": "Отчёт",
    "status": "Статус",
    "seconds": "Время, с",
    "ok": "готов",
    "failed": "ошибка: {error}",
    "data": "Данные в базе",
    "papers": "Для отдела и для сотрудников",
    "footer": "Сформировано {finished:%d.%m.%Y %H:%M}, salesplan {version}",
}
