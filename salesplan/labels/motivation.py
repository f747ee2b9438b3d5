"""Motivation: pay statements, payroll, what-if (salesplan.motivation, `salesplan pay`)."""

PAY_PARTS = {
    "fixed": "Оклад",
    "kpi": "Переменная часть (KPI)",
    "commission": "Комиссия",
    "team_bonus": "Командный бонус",
    "deduction": "Удержания",
    "correction": "Корректировка",
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
    "prorated": "отработано {days} из {working}",
    "no_plan": "личный план не утверждён",
    "no_data": "нет данных",
    "below_floor": "ниже порога {floor}",
    "capped": "ограничено коэффициентом {cap}",
    "gated": "не выплачивается: {gate} — {fact} при пороге {min}",
    "band": "{label}: от {lo} до {hi}",
    "band_open": "{label}: свыше {lo}",
    "whole": "{label}: ставка уровня от {lo} на всю сумму",
    "no_salary": "оклад не задан: нет оклада менеджера {name} на {month}",
    "amount_capped": "ограничено суммой {cap}",
    "attainment_band": "ставка уровня выполнения от {lo}",
    "attainment_share": "доля базы, приходящаяся на выполнение от {lo} до {hi}",
    "norm_plan": "норма {norm} — из утверждённого плана месяца",
    "norm_params": "норма {norm} — норматив должности по умолчанию (плана с нормами нет)",
    "team_department": "план отдела выполнен на {fact} при пороге {min}",
    "team_personal": "личный план выполнен на {fact} при пороге {min}",
    "team_share": "доля {share} от пула {pool}",
    "overdue": "Удержание с просроченной дебиторской задолженности",
    "overdue_limited": "не больше переменной части ({limit})",
    "disciplinary": "Дисциплинарное взыскание",
    "disciplinary_limited": "ограничено {cap} начислений месяца ({limit})",
    "clawback": "сторно комиссии с оплат за {month}: возвраты и отменённые сделки",
    "correction": "Корректировка за {month}",
    "net_profit": "чистая прибыль = выручка {revenue} без НДС {vat} ({without}) − себестоимость "
                  "{cost} = {net}; скидок и доставки в данных нет; сделки без маржи не входят",
    "correction_note": "данные изменились после утверждения: пересчёт {recomputed}, утверждено {approved}",
}

PAY_TOTALS = {
    "accrued": "Начислено",
    "deducted": "Удержано",
    "total": "К выплате",
    "budget": "Бюджет ФОТ",
    "budget_left": "Остаток бюджета",
    "scheme": "Схема мотивации",
    "scheme_in_force": "{name} (действует с {since})",
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
    "salaries": "Окладов записано: {n}.",
    "salary_row": "{manager}: {salary} с {month}",
    "no_salaries": "Окладов в базе нет.",
    "head": "Руководитель отдела продаж",
    "approved": "Расчёт за {month} утверждён ({who}, {at}): расчётных листов {n}, к выплате всего {total}.",
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

SALARY_COLUMNS = {"manager": "менеджер", "salary": "оклад", "from_month": "с месяца"}

SALARY_ERRORS = {
    "columns": "{file}: нет столбцов {columns} (нужны «менеджер», «оклад», «с месяца»)",
    "manager": "{file}, строка {row}, столбец «{column}»: менеджера «{value}» нет в базе",
    "salary": "{file}, строка {row}, столбец «{column}»: оклад «{value}» — ожидаются рубли больше нуля",
    "cell": "{file}, строка {row}, столбец «{column}»: {detail}",
}

PAY_CALC = {
    "trial": "Пример",
    "title": "Калькулятор мотивации",
    "manager": "Менеджер",
    "month": "Месяц",
    "fact": "Факт, ₽",
    "kpis": {"deals": "Сделок", "new_clients": "Новых клиентов", "calls": "Звонков",
             "call_score": "Оценка звонков", "margin": "Маржа, ₽", "overdue": "Просрочено, ₽",
             "penalty": "Взыскание, ₽"},
    "heading": "{name}, {month}: {scheme}",
}

PAY_ERRORS = {
    "penalty_amount": "взыскание {manager} за {month}: сумма должна быть больше нуля",
    "penalty_reason": "взыскание {manager} за {month}: укажите причину (--reason)",
    "penalty_text": "сумма взыскания «{amount}»: ожидаются рубли, например 5000 или 5000,50",
    "calc_kpi": "--kpi «{item}»: ожидается ПОКАЗАТЕЛЬ=ЗНАЧЕНИЕ, показатели: {known}",
    "calc_value": "«{item}»: ожидается число, например 450 или 120 000,50",
    "calc_inactive": "менеджер «{manager}» не работал в {month}",
    "calc_no_scheme": "для менеджера «{manager}» нет схемы мотивации должности «{role}»",
    "calc_options": "укажите --manager (расчёт по базе) или --scheme, --salary и --plan (пример без базы)",
    "approve_open": "расчёт за {month} нельзя утвердить: месяц ещё не закончился",
    "approved_already": "расчёт за {month} уже утверждён: изменения войдут корректировкой в открытый месяц",
    "approved_scheme": "утверждённый расчёт {name}: схемы мотивации «{file}» больше нет в params/motivation",
    "no_scenario": (
        "сценария плана «{name}» на {month} нет: сохраните его в модели плана или укажите другой"
    ),
}
