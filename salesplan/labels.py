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

# --- Motivation: pay statements, payroll, what-if -------------------------------------------

PAY_PARTS = {
    "fixed": "Оклад",
    "kpi": "Переменная часть (KPI)",
    "commission": "Комиссия",
    "team_bonus": "Командный бонус",
    "deduction": "Удержания",
}

PAY_COLUMNS = {
    "part": "Раздел",
    "label": "Строка",
    "base": "База, ₽",
    "fulfilment": "Выполнение",
    "coefficient": "Коэффициент / ставка",
    "amount": "Сумма, ₽",
    "note": "Пояснение",
}

PAY_NOTES = {
    "prorated": "отработано {days} из {working} раб. дн.",
    "no_plan": "личный план не утверждён",
    "no_data": "нет данных",
    "below_floor": "ниже порога {floor}",
    "capped": "ограничено коэффициентом {cap}",
    "gated": "не выплачивается: {gate} — {fact} при пороге {min}",
    "band": "{label}: от {lo} до {hi}",
    "band_open": "{label}: свыше {lo}",
    "whole": "{label}: ставка уровня от {lo} на всю сумму",
    "team_department": "план отдела выполнен на {fact} при пороге {min}",
    "team_personal": "личный план выполнен на {fact} при пороге {min}",
    "team_share": "доля {share} от пула {pool}",
    "overdue": "Удержание с просроченной дебиторской задолженности",
    "overdue_limited": "не больше переменной части ({limit})",
    "disciplinary": "Дисциплинарное взыскание",
    "disciplinary_limited": "ограничено {cap} начислений месяца ({limit})",
}

PAY_TOTALS = {
    "accrued": "Начислено",
    "deducted": "Удержано",
    "total": "К выплате",
    "budget": "Бюджет ФОТ",
    "budget_left": "Остаток бюджета",
    "scheme": "Схема мотивации",
    "effective_from": "действует с",
    "statement": "Расчётный лист",
    "payroll": "Ведомость начислений",
    "manager": "Менеджер",
    "role": "Должность",
    "month": "Месяц",
    "department": "Отдел",
    "lines": "Строки расчёта",
    "no_scheme": "нет схемы мотивации для должности — расчёт не выполнен",
    "summary": "Сводка по отделу",
    "statements": "Расчётные листы",
    "missing": "Без расчёта",
    "title": "Мотивация: расчёт оплаты за {month}",
    "files": "Файлы в папке отчёта: расчётные листы ({n}) и ведомость **{payroll}** в папке **payouts**.",
}

PAY_CLI = {
    "written": "Расчётных листов: {n}; ведомость: {payroll}; к выплате всего {total}.",
    "penalty": "Взыскание записано: {manager}, {month}, {amount}.",
    "head": "Руководитель отдела продаж",
}

WHATIF = {
    "title": "Что если: оплата при выполнении плана",
    "level": "При {level} % плана",
    "plan": "План",
    "scenario": "сценарий «{name}»",
    "approved": "утверждённый план",
    "draft": "проект, ещё не утверждён: {names}",
    "caption": "План на {month} — {source}, всего {total}.",
    "no_plan": "Плана на {month} ещё нет: расчёт «что если» появится, когда план будет сохранён.",
}

# --- Attestation: sheets, decisions, development plans (ИПР) -------------------------------

ATTESTATION_DECISIONS = {
    "fits": "Соответствует занимаемой должности",
    "conditional": "Соответствует при условии выполнения ИПР",
    "unfit": "Не соответствует занимаемой должности",
    "probation": "Аттестация не проводится: испытательный срок",
    "insufficient_data": "Недостаточно данных для оценки",
}

ATTESTATION = {
    "title": "Аттестационный лист",
    "summary_title": "Итоги аттестации отдела",
    "quarter": "{roman} квартал {year} г.",
    "half_year": "{number}-е полугодие {year} г.",
    "company": "Организация",
    "department": "Подразделение",
    "manager": "Сотрудник",
    "role": "Должность",
    "hire_date": "Дата приёма",
    "period": "Период аттестации",
    "dates": "с {start} по {end}",
    "commission": "Аттестационная комиссия",
    "kpi_by_month": "Выполнение плана по месяцам",
    "month": "Месяц",
    "plan": "План",
    "fact": "Факт",
    "fulfilment": "Выполнение",
    "no_plan": "план не утверждён",
    "indicators": "Показатели и оценки",
    "indicator": "Показатель",
    "value": "Значение",
    "norm": "Норма (100 баллов)",
    "score": "Балл (0–100)",
    "no_data": "нет данных",
    "calls": "Качество звонков",
    "reviews": "Оценено звонков",
    "average": "Средняя оценка",
    "criterion": "Критерий оценки звонка",
    "criterion_score": "% от максимума",
    "weakest_criteria": "Слабые критерии по оценкам звонков",
    "test": "Тест знаний",
    "topic": "Тема",
    "test_result": "Результат",
    "taken_on": "Дата",
    "competencies": "Компетенции (оценка руководителя, 1–5)",
    "competency": "Компетенция",
    "rating": "Оценка",
    "components": "Оценка по компонентам",
    "component": "Компонент",
    "weight": "Вес",
    "total": "Итоговая оценка",
    "decision": "Решение аттестационной комиссии",
    "reattest_by": "Повторная аттестация не позднее {date}",
    "probation_note": "Сотрудник принят {hire}; испытательный срок до {until}. Оценка не выставляется: "
    "данных за период недостаточно для справедливого вывода.",
    "insufficient_note": "Оценка не выставляется: {reasons}.",
    "few_days": "в должности {days} раб. дн. из {needed} необходимых",
    "few_components": "данные есть по компонентам весом {covered} из {needed} необходимых",
    "few_reviews": "оценено {n} звонков из {needed} необходимых",
    "strengths": "Сильные стороны",
    "weaknesses": "Зоны развития",
    "none": "не выявлены",
    "plan_title": "Индивидуальный план развития (ИПР)",
    "plan_draft": "проект, подготовленный по слабым зонам; утверждается комиссией",
    "plan_edited": "отредактирован руководителем {by} {at}",
    "goal_no": "№",
    "goal": "Цель",
    "measure": "Показатель достижения",
    "means": "Средства",
    "deadline": "Срок",
    "owner": "Ответственный",
    "indicator_goal": "Улучшить показатель «{name}»",
    "measure_at_least": "сейчас {value}; цель — не менее {target}",
    "measure_at_most": "сейчас {value}; цель — не более {target}",
    "criterion_goal": "Отработать этап разговора: {name}",
    "criterion_measure": "сейчас {value} % от максимума в оценках звонков; цель — не менее {target} %",
    "history": "Предыдущие аттестации",
    "signatures": "Подписи членов комиссии",
    "acquainted": "С результатами аттестации ознакомлен(а)",
    "signature": "подпись",
    "date": "дата",
    "finalised": "Утверждено {at}, {by}",
    "draft": "Проект: не утверждён комиссией",
    "chart_calls": "Средняя оценка звонков по месяцам",
    "state_final": "утверждено",
    "state_draft": "проект",
    "summary_decisions": "Решения",
    "summary_total": "Итог",
    "no_managers": "Нет сотрудников для аттестации",
    "chart_fulfilment": "Выполнение плана по месяцам, %",
    "reattest_col": "Повторная аттестация",
}

# --- Call reviews: scorecards, the trainer's form, the monthly call-quality summary -----------

SCALE_OPTIONS = {
    "yes_no": {1.0: "Да", 0.0: "Нет"},
    "0-1-2": {2.0: "2 — полностью", 1.0: "1 — частично", 0.0: "0 — нет"},
    "0-0.5-1": {1.0: "1", 0.5: "0,5", 0.0: "0"},
    "1-5": {5.0: "5", 4.0: "4", 3.0: "3", 2.0: "2", 1.0: "1"},
}

REVIEW_NA = "Н/П"  # не применимо

REVIEW_BANDS = {"green": "зелёная зона", "yellow": "жёлтая зона", "red": "красная зона"}

REVIEW_DIRECTIONS = {"in": "входящий", "out": "исходящий"}

REVIEW_FORM = {
    "template": "Чек-лист",
    "reviewer": "Проверяющий",
    "reviewer_placeholder": "Фамилия Имя",
    "manager": "Менеджер",
    "choose": "— выберите —",
    "date_from": "Звонки с",
    "date_to": "по",
    "call": "Звонок",
    "no_call": "— звонка нет в списке —",
    "call_option": "{time} · {direction} · {duration} · {result} · {id}",
    "duration": "{m} мин {s} с",
    "call_id": "ID звонка",
    "recording": "Запись",
    "call_date": "Дата звонка",
    "section_comment": "Комментарий к этапу",
    "comment": "Итог",
    "critical_mark": "(критический)",
    "score": "Оценка",
    "passed": "зачёт",
    "not_passed": "незачёт",
    "answered": "заполнено {answered} из {total}",
    "critical": "Критическое нарушение: {names} — оценка звонка 0",
    "editing": "правка: сохранение создаст ревизию {next} (сейчас {revision})",
    "save": "Сохранить",
    "new": "Новая оценка",
    "saved": "Сохранено: оценка {score}, ревизия {revision}.",
    "not_saved": "Не сохранено. {message}",
    "conflict": "Не сохранено: эту оценку уже изменил другой проверяющий. Откройте её заново.",
    "missing_reviewer": "Укажите проверяющего.",
    "missing_manager": "Выберите менеджера.",
    "missing_call": "Выберите звонок или укажите его ID или ссылку на запись.",
    "missing_answers": "Не оценены критерии: {names}.",
    "need_reviewer": "Укажите проверяющего: черновик автоматически сохраняется под его именем.",
    "draft_restored": "Восстановлен черновик от {at}.",
    "old_template": "Оценка сделана по прежней версии чек-листа ({version}); правка недоступна.",
    "saved_list": "Сохранённые оценки",
    "saved_pick": "Оценка",
    "saved_option": "{date} · {manager} · {score} · рев. {revision}",
    "open": "Открыть для правки",
    "no_reviews": "Сохранённых оценок пока нет.",
}

REVIEW_COLUMNS = {
    "call_date": "Дата звонка",
    "manager_name": "Менеджер",
    "call": "Звонок",
    "template": "Чек-лист",
    "score": "Оценка",
    "band": "Зона",
    "revision": "Ревизия",
    "created_at": "Сохранено",
    "reviewer": "Проверяющий",
    "comment": "Комментарий",
    "reviewed": "Оценено звонков",
    "pass_rate": "Зачёт, %",
    "critical": "Критические нарушения",
    "previous": "Прошлый месяц",
    "change": "Изменение",
    "period": "Период",
    "reviews": "Оценок",
    "section_title": "Этап",
    "criterion_text": "Критерий",
    "answers": "Ответов",
    "met_rate": "Выполнено, %",
    "attainment": "Баллы от максимума, %",
    "na_rate": "Н/П, %",
    "critical_failures": "Критические нарушения",
    "rank": "Место",
    "calls": "Звонков",
    "pairs": "Пар оценок",
    "agreement": "Совпадение, %",
    "kappa": "Каппа Коэна",
    "alpha": "Альфа Криппендорфа",
    "reviewer_a": "Проверяющий 1",
    "reviewer_b": "Проверяющий 2",
    "leniency": "Мягкость, баллов",
    "mean_score": "Средняя оценка",
    "shortfall": "Не хватает",
    "candidates": "Неоценённых звонков",
    "suggested": "Предлагаемые звонки",
    "forward_if_met": "Сделка продвинулась, если выполнено, %",
    "forward_if_not": "Сделка продвинулась, если нет, %",
    "difference": "Разница, п. п.",
}

REVIEW_SUMMARY = {
    "department_all": "все отделы",
    "headline": (
        "Оценено звонков: {reviews} ({managers} менеджеров, {reviewers} проверяющих). "
        "Средняя оценка {score}, зачёт {pass_rate}, критических нарушений {critical}."
    ),
    "no_data": "За {month} оценённых звонков нет.",
    "trend_month": "Средняя оценка по месяцам",
    "calibration_note": (
        "По звонкам, которые оценили два проверяющих и больше. Каппа и альфа: 1 — полное "
        "согласие, 0 — не лучше случайного; ниже 0,6 — критерий понимают по-разному."
    ),
    "agreement": "Согласие по критериям",
    "pairs": "Согласие пар проверяющих",
    "leniency": "Мягкость проверяющих (плюс — оценивает выше коллег)",
    "no_calibration": "За период нет звонков, оценённых двумя проверяющими.",
    "calibration_plan": (
        "Дважды оценено {double} из {calls} звонков месяца; для калибровки нужно {target}, "
        "ещё {more}."
    ),
    "sampling": (
        "Менеджеры, у которых за месяц меньше {minimum} оценённых звонков, и звонки, "
        "которые стоит послушать."
    ),
    "sampling_none": "У всех менеджеров достаточно оценённых звонков.",
    "deals_note": (
        "Звонки по открытым сделкам: доля сделок, которые после звонка перешли на следующий "
        "этап или были выиграны. Это связь, а не причина."
    ),
    "deals_none": "Недостаточно оценённых звонков, связанных со сделками.",
    "axis_score": "Средняя оценка",
    "department_mean": "Отдел",
    "history": "Калибровка и сделки — по звонкам за {months} мес. по {month} включительно.",
    "export": "Все оценки месяца с ответами по каждому критерию: {file}",
}

# --- Runner: scheduled runs of report notebooks ---
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
    "failed": "С ошибкой: {notebook} — {error}",
    "demo_building": "Демо-отдел: создаю выгрузки и загружаю их в {db} …",
    "demo_data": "Демо-данные: {db} (выгрузки: {exports})",
    "demo_open": "Откройте в браузере: {html}",
    "demo_rejected": "{file}: отклонено демо-строк: {rows}, причины в {rejects}",
}

RUNNER_EXPECTED = {
    "month": "месяц ГГГГ-ММ, например 2026-10",
    "date": "дата ГГГГ-ММ-ДД, например 2026-10-30",
    "week": "неделя ISO ГГГГ-Wнн, например 2026-W44",
    "period": "квартал ГГГГ-Qн, например 2026-Q3",
}

RUNNER_ERRORS = {
    "unknown_report": "неизвестный отчёт «{name}»; доступны: {available}",
    "extra_parameter": "отчёт «{name}» принимает только --{parameter}, а не {extra}",
    "missing_parameter": "отчёту «{name}» нужен параметр --{parameter}: {expected}",
    "bad_parameter": "отчёт «{name}»: --{parameter} «{value}» — ожидается {expected}",
    "twice": "указаны дважды: {names}",
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
    "unknown_department": "неизвестный отдел «{department}»; в базе: {known}",
}

RUNNER_INDEX = {
    "runs": {
        "monthly": "Ежемесячные отчёты",
        "daily": "Ежедневная сводка",
        "weekly": "Еженедельный обзор",
        "attestation": "Аттестация",
    },
    "subtitle": "{value} · {department}",
    "week": "неделя {week}, {year}",
    "quarter": "{quarter}-й квартал {year}",
    "all_departments": "все отделы",
    "report": "Отчёт",
    "status": "Статус",
    "seconds": "Время, с",
    "ok": "готов",
    "failed": "ошибка: {error}",
    "data": "Данные в базе",
    "footer": "Сформировано {finished:%d.%m.%Y %H:%M}, salesplan {version}",
}

ATTESTATION_FACTS = {
    "deals_won": "Выиграно сделок за период",
    "avg_check": "Средний чек",
    "leads": "Лиды / переведены в сделку",
    "calls": "Исходящие звонки / норматив",
    "receivables": "Дебиторская задолженность на конец периода / просрочено",
    "reviewed": "Оценено звонков (ОКК)",
}


# --- Charts: axis units and month names (salesplan.charts) ---
CHARTS = {
    "scale": {"bn": "млрд ₽", "mn": "млн ₽", "k": "тыс. ₽", "": "₽"},
    "months_short": [
        "янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек",
    ],
}

# --- Data overview (salesplan.overview, notebooks/data_overview.ipynb) ---
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

# --- Plan model: proposal, decomposition, reverse funnel, scenarios, sheets (salesplan.plan) ---
PLAN_METHODS = {
    "history": "По истории",
    "trend": "Тренд и сезонность",
    "funnel": "Мощность воронки",
    "bottom_up": "Снизу вверх",
}
PLAN_KEYS = {
    "history": "Доля в продажах за 12 месяцев",
    "capacity": "Мощность воронки с учётом адаптации",
    "equal": "Поровну",
}
PLAN_COMBINE = {"additive": "Сложение", "multiplicative": "Умножение"}
PLAN_FACTORS = {
    "market": "Рост рынка",
    "prices": "Цены и инфляция",
    "marketing": "Маркетинг",
    "new_hires": "Новые сотрудники",
    "lost_clients": "Потерянные клиенты",
    "growth": "Общий рост",
}
PLAN_STEPS = {
    "last_year": "Тот же месяц прошлого года",
    "working_days": "Поправка на рабочие дни",
    "plan": "План",
    **PLAN_FACTORS,
    **{f"method_{k}": f"Метод «{v}»" for k, v in PLAN_METHODS.items()},
}
PLAN_NOTES = {
    "no_last_year": "нет продаж в {month}",
    "months_short": "для сезонности нужно не меньше 12 месяцев истории, есть {months}",
    "no_commitments": "менеджеры ещё не дали обязательств",
    "unassigned": "Поступления без менеджера (не учтены в истории плана): {amount}",
    "unavailable": "метод «{method}» недоступен для {month}: {reason}",
}
PLAN_COLUMNS = {
    "manager_id": "ID",
    "name": "Менеджер",
    "role": "Роль",
    "plan": "План, ₽",
    "share": "Доля",
    "last_year": "Год назад, ₽",
    "best_month": "Лучший месяц, ₽",
    "capacity": "Мощность, ₽",
    "pipeline": "Взвешенная воронка, ₽",
    "flags": "Реалистичность",
    "method": "Метод",
    "total": "План отдела, ₽",
    "note": "Примечание",
    "step": "Шаг",
    "amount": "Сумма, ₽",
    "week": "Неделя",
    "dates": "Даты",
    "date": "Дата",
    "working_days": "Рабочих дней",
    "deals": "Сделок",
    "leads": "Квал. лидов",
    "proposals": "КП",
    "meetings": "Встреч",
    "calls": "Звонков",
    "calls_per_day": "Звонков в день",
    "minutes_per_day": "Минут на линии в день",
    "meetings_per_week": "Встреч в неделю",
    "proposals_per_week": "КП в неделю",
    "avg_check": "Средний чек, ₽",
    "conversion": "Конверсия лид → сделка",
    "calls_per_day_actual": "Звонков в день (факт)",
    "dimension": "Разрез",
    "key": "Значение",
    "level": "Уровень",
    "expected": "Ожидалось, ₽",
    "actual": "В файле, ₽",
    "difference": "Расхождение, ₽",
    "version": "Версия",
    "status": "Статус",
    "author": "Автор",
    "created_at": "Создан",
    "delta": "Разница, ₽",
    "delta_pct": "Разница, %",
    "changes": "Что изменилось",
    "input": "Параметр",
    "a": "Вариант А",
    "b": "Вариант Б",
}
PLAN_FLAGS = {
    "above_best": "выше лучшего месяца",
    "above_capacity": "выше мощности воронки",
    "ok": "реалистично",
    "low_coverage": "воронка покрывает {coverage} плана — меньше {threshold}",
    "coverage": "воронка покрывает {coverage} плана",
}
PLAN_DIMENSIONS = {"product": "Продуктовая линия", "segment": "Сегмент клиентов", "": "не указано"}
PLAN_LEVELS = {
    "department": "Отдел ≠ сумма менеджеров",
    "manager": "Менеджер ≠ сумма недель",
    "week": "Неделя ≠ сумма дней",
    "day_off": "Сумма на нерабочий день",
    "negative_manager": "Отрицательный план менеджера",
    "negative_week": "Отрицательный план недели",
    "negative_day": "Отрицательный план дня",
}
PLAN_STATUS = {"scenario": "сценарий", "approved": "утверждён"}
PLAN_INPUTS = {
    "month": "Месяц",
    "department": "Отдел",
    "method": "Метод",
    "factors": "Факторы роста",
    "combine": "Сложение факторов",
    "growth": "Общий рост",
    "key": "Ключ распределения",
    "overrides": "Закреплённые планы",
    "commitments": "Обязательства менеджеров",
    "ramp_up": "Коэффициенты адаптации",
    "rates": "Конверсии воронки",
    "realism": "Пороги реалистичности",
    "rationale": "Обоснование",
}
PLAN_UI = {
    "title": "Модель плана продаж",
    "month": "Месяц",
    "department": "Отдел",
    "method": "Метод",
    "combine": "Факторы",
    "use_growth": "Задать общий рост",
    "growth": "Общий рост, %",
    "key": "Распределение",
    "manager": "Менеджер",
    "amount": "Сумма, ₽",
    "pin": "Закрепить план",
    "commit": "Записать обязательство",
    "clear": "Сбросить закрепления",
    "rationale": "Обоснование",
    "scenario_name": "Название сценария",
    "default_scenario": "План месяца",
    "author": "Автор",
    "save": "Сохранить сценарий",
    "compare": "Сравнить",
    "approve": "Утвердить",
    "export": "Выгрузить Excel и листы планов",
    "total": "План отдела",
    "tab_managers": "Менеджеры",
    "tab_weeks": "Недели",
    "tab_norms": "Нормативы",
    "tab_methods": "Методы",
    "tab_waterfall": "Почему такая цифра",
    "tab_scenarios": "Сценарии и версии",
    "chart_managers": "План по менеджерам, год назад и лучший месяц",
    "chart_weeks": "План отдела по неделям",
    "chart_waterfall": "Почему такая цифра",
    "legend_plan": "План",
    "legend_last_year": "Год назад",
    "legend_best": "Лучший месяц",
    "saved": "Сценарий «{name}» сохранён (версия {version}).",
    "approved": "План на {month} утверждён: версия {version}.",
    "exported": "Выгружено: {files}",
    "error": "Ошибка: {message}",
    "no_scenarios": "Сохранённых сценариев пока нет.",
    "versions": "Утверждённые версии",
    "no_approved": "{month}: нет утверждённого плана — сначала утвердите план",
}
PLAN_SHEET = {
    "title": "План продаж на {month}",
    "manager": "Менеджер",
    "role": "Должность",
    "department": "Отдел",
    "month_plan": "План на месяц",
    "by_week": "План по неделям",
    "norms": "Нормативы активности",
    "norm": "Норматив",
    "per_month": "За месяц",
    "per_week": "В неделю",
    "per_day": "В день",
    "rationale": "Обоснование плана",
    "accepted": "С планом ознакомлен(а) и принимаю его к исполнению",
    "signature_manager": "Менеджер",
    "signature_head": "Руководитель отдела продаж",
    "signature": "подпись",
    "date": "дата",
    "version": "Версия плана {version} от {created}, утвердил(а) {author}",
    "mix": "План по разрезам",
}
PLAN_EXPLAIN = {
    "history": (
        "План отдела рассчитан по истории: {month_ly} — {last_year}; рабочих дней {days} "
        "против {days_ly}; рост {growth} ({factors})."
    ),
    "history_growth": (
        "План отдела рассчитан по истории: {month_ly} — {last_year}; рабочих дней {days} "
        "против {days_ly}; общий рост {growth}."
    ),
    "trend": "План отдела рассчитан по тренду последних 12 месяцев с сезонным индексом {index}.",
    "funnel": "План отдела — мощность воронки команды: лиды × конверсия × средний чек.",
    "bottom_up": "План отдела — сумма обязательств менеджеров; план «по истории» — {top_down}.",
    "key": "Распределение между менеджерами: {key}.",
    "manager": (
        "Ваш план — {plan}, {share} плана отдела. Год назад в этом месяце: {last_year}; "
        "лучший месяц за 12 месяцев: {best}; мощность вашей воронки: {capacity}."
    ),
    "fixed": "План закреплён руководителем.",
    "ramp": "Вы в компании {months} мес.: мощность учтена с коэффициентом адаптации {ramp}.",
    "no_factors": "без факторов",
}
PLAN_EXCEL = {
    "department": "Отдел",
    "managers": "Менеджеры",
    "weeks": "Недели",
    "days": "Дни",
    "norms": "Нормативы",
    "mix": "Разрезы",
    "month": "Месяц",
    "department_id": "Отдел",
    "plan_total": "План отдела, ₽",
    "method": "Метод",
    "key": "Распределение",
    "version": "Версия",
    "status": "Статус",
}
PLAN_CHECK = {
    "ok": "Уровни плана согласованы: отдел = менеджеры = недели = дни.",
    "issues": "Найдено расхождений: {count}",
    "bad_sheet": "{file}: нет листа «{sheet}»",
    "bad_value": "{file}, лист «{sheet}», строка {row}, столбец «{column}»: {value!r} — не число",
    "bad_date": "{file}, лист «{sheet}», строка {row}, столбец «{column}»: {value!r} — не дата",
}

# --- Import of exports (salesplan.importing, `salesplan import`) ---

IMPORT_REJECT_REASONS = {
    "missing_id": "нет идентификатора",
    "missing_value": "не заполнено обязательное поле",
    "bad_date": "не дата или такой даты нет (ожидается ДД.ММ.ГГГГ или ГГГГ-ММ-ДД)",
    "bad_number": "не число",
    "bad_duration": "не длительность (секунды, ММ:СС или ЧЧ:ММ:СС)",
    "negative_amount": "отрицательная сумма",
    "bad_value": "недопустимое значение (допустимы: {allowed})",
    "duplicate_id": "идентификатор уже встречался выше в файле",
    "closed_before_created": "дата закрытия раньше даты создания",
    "closed_without_date": "закрытая сделка без даты закрытия",
    "margin_exceeds_amount": "маржа больше суммы сделки",
    "left_before_hired": "дата увольнения раньше даты приёма",
    "payment_without_date": "нет ни даты оплаты, ни срока оплаты",
    "bad_inn": "ИНН должен состоять из 10 или 12 цифр",
    "field_count": "число полей в строке не совпадает с заголовком",
}

IMPORT_ERRORS = {
    "not_found": "{file}: файл не найден",
    "empty": "{file}: файл пуст",
    "xls": "{file}: формат .xls не поддерживается — сохраните файл как .xlsx или .csv",
    "binary": "{file}: это не таблица CSV или XLSX",
    "unreadable": "{file}: не удалось прочитать файл ({detail})",
    "duplicate_columns": "{file}: названия столбцов повторяются: {columns}",
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
    "rejected": "отклонено",
    "rejects_at": "отклонённые строки и причины: {path}",
    "new_managers": "новые менеджеры",
    "new_clients": "новые клиенты",
    "ignored": "столбцы без сопоставления (не загружены)",
    "more": "и ещё {n}",
}

# --- The database: drivers, connections, schema versions (``salesplan db``) ------------------

STORE_ERRORS = {
    "outdated": "база данных {db} — со схемой прежней версии ({found}, нужна {head}): "
                "обновите её командой salesplan db upgrade --db {db}",
    "unversioned": "база данных {db} создана прежней версией salesplan (схема без номера версии): "
                   "обновите её командой salesplan db upgrade --db {db}",
    "foreign": "в базе данных {db} есть таблицы, но нет таблиц salesplan: создайте их командой "
               "salesplan db upgrade --db {db} или укажите пустую базу",
    "newer": "база данных {db} обновлена более новой версией salesplan (схема {found}, "
             "эта версия знает схемы до {head}): обновите salesplan",
    "mismatch": "база данных {db} (схема без номера версии) не совпадает со схемой {base} и не может быть "
                "обновлена: {problems}",
    "no_driver": "нет драйвера базы данных «{module}» для {db}: установите его командой "
                 "pip install 'salesplan[postgres]'",
    "unreachable": "не удалось подключиться к базе данных {db}: {detail}",
    "bad_url": "адрес базы данных «{url}» не распознан: ожидался sqlite:///путь/к/файлу.db "
               "или postgresql://пользователь@сервер/база",
    "unsupported": "база данных «{dialect}» не поддерживается: только SQLite (sqlite:///…) "
                   "и PostgreSQL (postgresql://…)",
    "demo_not_empty": "демо-отдел строится только в пустой базе, а в {db} уже есть данные "
                      "({tables}): укажите новую базу",
}

DB_CLI = {
    "created": "База данных {db}: схема {head} создана.",
    "upgraded": "База данных {db}: схема обновлена с {found} до {head}.",
    "adopted": "База данных {db}: схема прежней версии проверена, принята как {base} и обновлена до {head}.",
    "current": "База данных {db}: схема {head} — актуальная, обновлять нечего.",
    "db": "База данных: {db}",
    "revision": "Схема базы: {found}",
    "head": "Схема этой версии salesplan: {head}",
    "none": "нет",
    "state": {
        "current": "Актуальная.",
        "empty": "База пуста: схема будет создана при первом обращении.",
        "outdated": "Нужно обновление: salesplan db upgrade.",
        "unversioned": "Создана прежней версией salesplan: salesplan db upgrade.",
        "foreign": "Таблиц salesplan нет: salesplan db upgrade создаст их.",
        "newer": "Обновлена более новой версией salesplan.",
    },
}

# --- Meeting deck: the monthly meeting slides ------------------------------------------------

DECK = {
    "title": "Ежемесячное собрание отдела продаж",
    "subtitle": "Итоги месяца: {month}",
    "prepared": "Подготовлено {date}",
    "not_available": "Данные недоступны: {what}.",
    "to_fill": "Заполняется на собрании.",
    "total": "Итого",
    "file_title": "Собрание отдела продаж — {month}",
    "files": "Файлы в папке отчёта: презентация **{pptx}**, страница со слайдами **{html}**.",
    "written": "Презентация: {pptx}\nСтраница со слайдами: {html}",
}

DECK_TITLES = {
    "title": "Ежемесячное собрание",
    "numbers": "Месяц в цифрах",
    "managers": "Результаты менеджеров",
    "cumulative": "План и факт нарастающим итогом",
    "funnel": "Воронка и конверсия",
    "check": "Средний чек и сделки",
    "receivables": "Оплаты и дебиторская задолженность",
    "calls": "Качество звонков",
    "attestation": "Итоги аттестации",
    "cases": "Кейсы и лучшие практики",
    "next_plan": "План на {month}: менеджеры и нормативы активности",
    "tasks": "Решения и задачи",
}

DECK_TEXT = {
    "indicator": "Показатель",
    "vs_month": "Изм. к пред. месяцу",
    "vs_year": "Изм. к прошлому году",
    "plan": "План",
    "fact": "Факт",
    "pct": "Выполнение",
    "deviation": "Отклонение",
    "deals_won": "Выиграно сделок",
    "avg_check": "Средний чек",
    "margin_pct": "Маржинальность",
    "win_rate": "Доля выигранных",
    "lead_to_deal": "Конверсия лид → сделка",
    "leads": "Лидов",
    "points": "п.\xa0п.",
    "headline": "Факт {fact} — {pct} плана ({plan}).",
    "headline_no_plan": "Факт {fact}; план на месяц не утверждён.",
    "vs_month_line": "К прошлому месяцу: {change}.",
    "vs_year_line": "К тому же месяцу прошлого года: {change}.",
    "rank": "№",
    "manager": "Менеджер",
    "pace": "Темп",
    "forecast": "Прогноз",
    "leaders": "Лучший результат: {name} — {pct} плана.",
    "behind": "Ниже плана: {names}.",
    "all_met": "Все менеджеры с планом выполнили его.",
    "as_of": "На {date}: отработано {worked} из {working} рабочих дней.",
    "cumulative_end": "Итог месяца: факт {fact} при плане {plan}.",
    "chart_cumulative": "Нарастающим итогом по дням месяца",
    "chart_managers": "План и факт по менеджерам",
    "stage": "Этап",
    "reached": "Дошло сделок",
    "to_next": "Конверсия в следующий этап",
    "from_first": "От первого этапа",
    "funnel_cohort": "Сделки, созданные в месяце: {n}.",
    "funnel_rates": "Лидов: {leads}; конверсия лид → сделка: {conversion}; доля выигранных: {win_rate}.",
    "chart_funnel": "Сделки месяца по этапам воронки",
    "check_line": "Средний чек {check} ({change} к прошлому месяцу), выиграно сделок: {deals}.",
    "chart_check": "Сделки и средний чек за 12 месяцев",
    "deals_axis": "Сделок",
    "check_axis": "Средний чек",
    "received": "Поступило оплат: {amount}.",
    "owed": "Дебиторская задолженность на {date}: {total}, просрочено {overdue} ({share}).",
    "client": "Клиент",
    "overdue": "Просрочено",
    "max_days": "Макс. дней просрочки",
    "chart_aging": "Дебиторская задолженность по срокам просрочки",
    "reviewed": "Прослушано звонков за месяц: {n}; средняя оценка {score}.",
    "chart_calls": "Средняя оценка звонков по месяцам",
    "criterion": "Критерий",
    "section": "Раздел",
    "attainment": "Выполнение",
    "weakest": "Самые слабые критерии месяца",
    "attestation_none": "В этом месяце период аттестации не закрывается: следующая аттестация — {period}",
    "attestation_period": "Аттестация за {period}",
    "decision": "Решение",
    "score": "Итоговый балл",
    "decisions_count": "{decision}: {n}",
    "case": "Кейс (клиент, сделка, звонок)",
    "what_worked": "Что сработало / что нет",
    "lesson": "Вывод для отдела",
    "cases_hint": "Удачные и неудачные переговоры месяца: что повторить, чего избегать.",
    "no_next_plan": "план на {month} ещё не сохранён",
    "next_total": "План на {month}: {total} — {source}.",
    "calls_per_day": "Звонков в день",
    "minutes_per_day": "Минут на линии в день",
    "meetings_per_week": "Встреч в неделю",
    "proposals_per_week": "КП в неделю",
    "norms_source": "Нормативы: из утверждённого плана (обратная воронка), иначе — нормативы по должности.",
    "task": "Задача",
    "owner": "Ответственный",
    "deadline": "Срок",
    "tasks_hint": "Протокол собрания: решения и задачи с ответственными и сроками.",
    "what_plan": "утверждённый план",
    "what_reviews": "оценки звонков за месяц",
    "what_deals": "сделки месяца",
    "what_receivables": "оплаты и дебиторская задолженность",
}

# --- Plan – fact – deviation (salesplan.control; monthly report, daily brief, weekly review) ---
CONTROL_COLUMNS = {
    "manager_id": "Менеджер",
    "department_id": "Отдел",
    "plan_month": "План на месяц",
    "plan_to_week_end": "План до конца недели",
    "fact": "Факт",
    "remainder_to_week_end": "Остаток до конца недели",
    "working_days": "Рабочих дней",
    "days_left": "Осталось рабочих дней",
    "days_worked": "Отработано дней",
    "days_to_week_end": "Рабочих дней до конца недели",
    "plan_to_date": "План на сегодня",
    "deviation": "Отклонение",
    "pace": "% плана на сегодня",
    "forecast": "Прогноз на конец месяца",
    "forecast_pct": "Прогноз, % плана",
    "needed_daily_rate": "Нужно в день",
    "plan": "План",
    "pct": "% плана",
    "revenue": "Выручка",
    "revenue_pct": "Выручка, % плана",
    "deals_won": "Выиграно сделок",
    "won_amount": "Сумма выигранных",
    "deals_lost": "Проиграно сделок",
    "avg_check": "Средний чек",
    "win_rate": "Доля выигранных",
    "leads": "Новых лидов",
    "leads_converted": "Лидов в сделки",
    "lead_to_deal": "Конверсия лид → сделка",
    "margin": "Маржа",
    "margin_base": "Сумма сделок с маржой",
    "margin_pct": "Маржинальность",
    "stage": "Этап",
    "reached": "Дошли до этапа",
    "to_next": "Конверсия в следующий этап",
    "from_first": "От первого этапа",
    "won": "Из них выиграны",
    "observed": "Фактическая вероятность выигрыша",
    "assumed": "Вероятность в параметрах",
    "calls": "Звонков",
    "calls_norm": "Норматив звонков",
    "calls_pct": "Звонки, % норматива",
    "minutes": "Минут на линии",
    "minutes_norm": "Норматив минут",
    "minutes_pct": "Минуты, % норматива",
    "meetings": "Встреч",
    "meetings_norm": "Норматив встреч",
    "meetings_pct": "Встречи, % норматива",
    "proposals": "КП",
    "proposals_norm": "Норматив КП",
    "proposals_pct": "КП, % норматива",
    "deals": "Сделок",
    "amount": "Сумма",
    "weighted": "Взвешенная сумма",
    "unpriced": "Без суммы или вероятности",
    "expected_date": "Ожидаемая дата оплаты",
    "client": "Клиент",
    "client_id": "Клиент",
    "product": "Направление",
    "annual_turnover": "Оборот клиента за год",
    "kind": "Основание",
    "deal_id": "Сделка",
    "probability": "Вероятность",
    "mean": "Ожидаемый факт",
    "low": "Нижняя граница",
    "high": "Верхняя граница",
    "p_met": "Вероятность выполнить план",
    "coverage": "Покрытие остатка плана",
    "total": "Всего",
    "overdue": "Просрочено",
    "overdue_share": "Доля просроченной",
    "max_days_overdue": "Макс. дней просрочки",
    "open_deals": "Открытых сделок",
    "limit": "Лимит",
    "over_limit": "Сверх лимита",
    "stale": "Без движения",
    "no_amount": "Без суммы",
    "no_expected_date": "Без даты оплаты",
    "expected_date_passed": "Дата оплаты прошла",
    "unknown_stage": "Этап без вероятности",
    "title": "Сделка",
    "days_idle": "Дней без движения",
    "now": "На момент отчёта",
    "source": "Нормативы",
    "date": "Дата",
}

CONTROL_BUCKETS = {
    "current": "Без просрочки",
    "1-30": "1–30 дней",
    "31-60": "31–60 дней",
    "61-90": "61–90 дней",
    "90+": "Более 90 дней",
    "no_due_date": "Срок не указан",
}

CONTROL_VALUES = {
    "invoice": "счёт",
    "deal": "сделка",
    "plan": "из плана",
    "params": "по должности",
    True: "да",
    False: "",
}

CONTROL = {
    "unassigned": "Без менеджера",
    "total": "Итого",
    "all_departments": "Все отделы",
    "no_plan": "План на {month} не утверждён — сравнивать не с чем.",
    "draft_plan": "План на {month} ещё не утверждён: показан проект «{name}».",
    "nothing": "Нет данных.",
    "month_title": "Итоги месяца: {month}",
    "month_lead": "{department}, рабочих дней: {days}. План {plan}, факт {fact} ({pct}), "
                  "отклонение {deviation}.",
    "by_manager": "План, факт, отклонение по менеджерам",
    "by_department": "По отделам",
    "cumulative": "План и факт нарастающим итогом",
    "cumulative_plan": "План",
    "cumulative_fact": "Факт",
    "pace_chart": "Выполнение плана на дату, %",
    "kpi": "Ключевые показатели",
    "funnel": "Воронка: сделки, созданные в месяце",
    "funnel_chart": "Воронка продаж",
    "pipeline": "Открытые сделки по этапам: сумма и взвешенная сумма",
    "win_rates": "Вероятности этапов: параметры и факт (закрытые сделки за 12 месяцев)",
    "activity": "Активность и нормативы",
    "activity_chart": "Выполнение нормативов активности, %",
    "receivables": "На {date}",
    "receivables_lead": "дебиторская задолженность {total}, из неё просрочено {overdue} ({share}).",
    "aging_chart": "Дебиторская задолженность по срокам просрочки",
    "top_debtors": "Крупнейшие должники",
    "hygiene": "Гигиена CRM",
    "hygiene_lead": "Лимит открытых сделок на менеджера: {limit}; без движения — {days} дней и более.",
    "problem_deals": "Сделки, требующие внимания",
    "next_month": "Следующий месяц: {month}",
    "coverage": "Покрытие плана взвешенной воронкой",
    "forecast": "Вероятность выполнить план (Монте-Карло, {n} прогонов, интервал {interval} %)",
    "forecast_chart": "Прогноз факта на конец месяца",
    "forecast_interval": "Интервал {interval} %",
    "forecast_mean": "Ожидаемый факт",
    "forecast_plan": "План",
    "roi": "ROI маркетинга: {roi} (маржа {margin}, расходы {spend}).",
    "no_roi": "Расходы на маркетинг за месяц не заданы — ROI не считается.",
    "fact_source": {"payments": "Факт — поступившие оплаты.",
                    "won_deals": "Факт — выигранные сделки по дате закрытия."},
    "daily_title": "Планёрка: {date}",
    "yesterday": "Вчерашний факт ({period})",
    "behind": "Отстают от плана",
    "behind_none": "Все идут в темпе плана или быстрее.",
    "today_plan": "План оплат на сегодня",
    "tomorrow_plan": "План оплат на завтра ({date})",
    "checkpoints": "Факт оплат за сегодня по контрольным точкам",
    "week_so_far": "Неделя на сегодня ({period})",
    "month_so_far": "Месяц на {date}",
    "yesterday_activity": "Активность вчера",
    "weekly_title": "Итоги недели: {week} ({period})",
    "week_numbers": "Неделя в цифрах",
    "week_kpi": "Показатели недели",
    "week_activity": "Активность за неделю",
    "next_week_plan": "План оплат на следующую неделю ({period})",
    "next_week_by_manager": "План оплат на следующую неделю по менеджерам",
    "payment_plan_detail": "Ожидаемые оплаты",
}


ATTESTATION_CLI = {
    "imported": "{file}: результатов теста сохранено: {rows}",
    "written": "Аттестационных листов: {n}; папка {folder}",
    "finalised": "{name}, {period}: утверждено — {decision}",
    "no_history": "Утверждённых аттестаций нет",
}

ATTESTATION_FORM = {
    "ratings": "Оценка компетенций (1 — слабо, 5 — отлично)",
    "tests": "Результаты теста знаний",
    "of": "из",
    "taken_on": "Дата теста",
    "plan": "ИПР: цель, показатель достижения, средства, срок, ответственный",
    "goal": "Цель",
    "measure": "Показатель достижения",
    "means": "Средства (обучение, парные тренировки, прослушивание звонков)",
    "owner": "Ответственный",
    "by": "Кто вносит",
    "by_hint": "ФИО руководителя",
    "by_missing": "укажите, кто вносит изменения",
    "save_inputs": "Сохранить оценки и тест",
    "save_plan": "Сохранить ИПР",
    "finalise": "Утвердить аттестацию",
    "saved_inputs": "Сохранено: оценок {ratings}, результатов теста {tests}",
    "saved_plan": "ИПР сохранён: целей {n}",
    "finalised": "Аттестация утверждена; лист больше не изменяется",
    "locked": "Аттестация утверждена ({by}); изменения невозможны",
    "goal_incomplete": "у цели «{goal}» заполните показатель, средства, срок и ответственного",
    "not_attested": "менеджер {manager} не аттестуется за {period}",
    "error": "Ошибка:",
}
