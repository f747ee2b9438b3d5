"""Plan model: proposal, decomposition, reverse funnel, scenarios, sheets (salesplan.plan)."""

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
    "market": "Рост рынка",
    "prices": "Цены и инфляция",
    "marketing": "Маркетинг",
    "new_hires": "Новые сотрудники",
    "lost_clients": "Потерянные клиенты",
    "growth": "Общий рост",
    "method_history": "Метод «По истории»",
    "method_trend": "Метод «Тренд и сезонность»",
    "method_funnel": "Метод «Мощность воронки»",
    "method_bottom_up": "Метод «Снизу вверх»",
}
PLAN_NOTES = {
    "no_last_year": "нет продаж в {month}",
    "months_short": "для сезонности нужно не меньше 12 месяцев истории, есть {months}",
    "no_commitments": "менеджеры ещё не дали обязательств",
    "no_won_deals": "за окно воронки нет выигранных сделок и лидов — не из чего считать мощность",
    "unassigned": "Поступления без менеджера (не учтены в истории плана): {amount}",
    "unavailable": "метод «{method}» недоступен для {month}: {reason}",
    "fallback": "Метод по умолчанию «{default}» недоступен ({reason}); план — по методу «{method}».",
}
PLAN_COLUMNS = {
    "manager_id": "ID",
    "name": "Менеджер",
    "role": "Роль",
    "plan": "План, ₽",
    "month": "Месяц",
    "plan_of_record": "Утверждённый план, ₽",
    "fact": "Факт, ₽",
    "pct": "% плана",
    "on_screen": "План на экране, ₽",
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
    "new_clients": "Новых клиентов",
    "active_clients": "Активных клиентов",
    "first_purchase_share": "Доля первых покупок",
    "active_base": "Активных на начало месяца",
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
    "factor_new": "Свой фактор",
    "period_total": "План на {period} ({department}): {total} — по месяцам:",
    "period_approved": "Утверждены планы каждого месяца: {period}, всего {total}.",
    "factor_placeholder": "например, Конкуренты",
    "add_factor": "Добавить фактор",
    "factor_exists": "Фактор «{name}» уже есть.",
    "factor_bad": "Название фактора — непустое, не длиннее {limit} знаков.",
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
    "clients_method": ("Новые клиенты = план сделок × доля выигранных сделок менеджера, ставших первой "
                       "покупкой клиента (по окну воронки; при малой истории — доля отдела), с "
                       "округлением вверх. Активные клиенты = активные на начало месяца (покупка за "
                       "последние {months}) + новые клиенты."),
    "tab_methods": "Методы",
    "tab_waterfall": "Почему такая цифра",
    "tab_year": "Год: план и факт",
    "period": "Период",
    "period_propose": "Предложить по месяцам",
    "period_approve": "Утвердить планы месяцев периода",
    "year_lead": "{year}: утверждённые планы и факт по месяцам; {month} — план на экране.",
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
    "not_planned": "нет плана",
    "clients": "Клиенты на месяц",
    "clients_line": "новых {new}, активных на конец месяца {active}",
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
    "ramp": "Вы в компании {months}: мощность учтена с коэффициентом адаптации {ramp}.",
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
PLAN_ERRORS = {
    "not_active": "{what}: {managers} — не работают в {month}; уберите их или выберите другой месяц",
    "negative_plan": (
        "метод «{method}» даёт отрицательный план ({total}) на {month}: "
        "факторы роста в сумме ниже −100 %"
    ),
    "no_managers": "в отделе нет менеджеров, работающих в этом месяце: план не на кого распределить",
    "fixed_negative": "закреплённый план не может быть отрицательным: {amount}",
    "fixed_above_total": (
        "закреплённые планы в сумме {fixed} больше плана отдела {total}: "
        "уменьшите их или увеличьте план отдела"
    ),
    "all_fixed": (
        "планы всех менеджеров закреплены, и их сумма {fixed} не равна плану отдела {total}: "
        "снимите закрепление хотя бы с одного менеджера или исправьте суммы"
    ),
    "no_working_day": "{managers}: план есть, а рабочих дней в месяце нет — снимите план",
    "scenario_name": "у сценария нет названия: укажите его",
    "no_plan": "план №{plan_id} не найден",
    "already_approved": (
        "план №{plan_id} уже утверждён (версия {version}); утвердить можно сохранённый сценарий"
    ),
    "several_departments": "в базе несколько отделов ({known}): укажите, для какого из них план",
    "no_history": (
        "в базе нет продаж, по которым строится план: загрузите сделки из CRM "
        "(salesplan import deals ФАЙЛ --format amocrm) или оплаты (salesplan import payments ФАЙЛ)"
    ),
    "commitments_unreadable": "{file}: не удалось прочитать обязательства менеджеров ({detail})",
    "commitments_columns": (
        "{file}: в файле обязательств нужны столбцы «менеджер» и «сумма» (или manager и amount); "
        "в файле: {found}"
    ),
    "commitments_manager": (
        "{file}, строка {row}, столбец «{column}»: менеджер «{value}» не найден — "
        "укажите его ID или имя, как в базе"
    ),
    "commitments_amount": (
        "{file}, строка {row}, столбец «{column}»: «{value}» — не число; укажите сумму в рублях"
    ),
    "workbook_unreadable": "{file}: не удалось открыть книгу Excel .xlsx ({detail})",
    "bad_factor": "--factor {item}: ожидается ИМЯ=ДОЛЯ, например market=0.12 или «Конкуренты=-0.03»",
    "no_scenario": "на {month} нет сценария «{name}»; сохранённые сценарии: {known}",
    "no_approved": "на {month} нет утверждённого плана: сначала утвердите его (salesplan plan approve)",
    "bad_option": "--{option} «{value}»: {why}",
    "one_of": "ожидается одно из: {choices}",
}
