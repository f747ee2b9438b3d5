"""Call reviews: scorecards, the trainer's form, the monthly call-quality summary."""

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
    "player": "Запись звонка",
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
        "Оценено звонков: {reviews} ({managers}, {reviewers}). "
        "Средняя оценка {score}, зачёт {pass_rate}, критических нарушений {critical}."
    ),
    "no_data": "За {month} оценённых звонков нет.",
    "no_calls": ("Звонков за {month} в базе нет: загрузите выгрузку телефонии — "
                 "`salesplan import calls ФАЙЛ --format …`, затем оцените звонки."),
    "how_to_review": ("Оцените звонки в форме call_review.ipynb (make app) или загрузите оценки "
                      "таблицей — `salesplan reviews import ФАЙЛ`."),
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
        "Дважды оценено {double} из {calls} месяца; для калибровки нужно {target}, "
        "ещё {more}."
    ),
    "sampling": (
        "Менеджеры, у которых за месяц меньше {minimum}, и звонки, "
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
    "history": "Калибровка и сделки — по звонкам за {months} по {month} включительно.",
    "export": "Все оценки месяца с ответами по каждому критерию: {file}",
}

REVIEW_ERRORS = {
    "unknown_scorecard": "чек-лист «{template}» не найден; есть: {known}",
    "unknown_version": "чек-лист «{template}» версии {version} не найден; есть: {known}",
    "scorecard_changed": (
        "чек-лист «{template}» версии {version} отличается от того, по которому уже сохранены оценки: "
        "увеличьте version в params/scorecards/{template}.yaml"
    ),
    "review": "оценка {who}: {problems}",
    "no_reviewer": "не указан проверяющий",
    "no_call": "нет ни ID звонка, ни ссылки на запись",
    "not_a_criterion": "«{criterion}» — не критерий чек-листа «{template}»",
    "not_answered": "критерий «{criterion}» не оценён",
    "na_not_allowed": "критерий «{criterion}»: ответ «не применимо» для него не допускается",
    "not_on_scale": "критерий «{criterion}»: {points} нет на шкале {scale} (допустимо: {allowed})",
    "not_a_section": "комментарий к этапу «{section}»: такого этапа в чек-листе «{template}» нет",
    "call_of_other": "звонок {call} сделал {owner}, а не {manager}: выберите менеджера этого звонка",
    "exists": "оценка {uid} уже сохранена (ревизия {revision}): откройте её для правки",
    "moved_on": (
        "оценку {uid} уже изменили (сейчас ревизия {revision}), а правка сделана к ревизии {base}: "
        "откройте её заново и сохраните ещё раз"
    ),
    "gone": "оценки {uid} нет в базе, а правка сделана к ревизии {base}: откройте её заново",
    "race": "эту оценку в тот же момент сохранил другой проверяющий: откройте её заново и сохраните ещё раз",
    "no_review": "оценка №{review_id} не найдена",
    "version_mismatch": "версия {version}, а файл чек-листа — версии {current}",
    "empty": "не заполнено",
    "no_column": "нет столбца этого критерия",
    "empty_na": "пусто или «Н/П», а «не применимо» для этого критерия не допускается",
    "cell_not_on_scale": "«{value}» нет на шкале {scale} (допустимо: {allowed})",
    "duplicate": "та же оценка, что в строке {row}",
    "problems": "{count} — ничего не загружено:\n{shown}{more}",
    "more": "\n… и ещё {n}",
}

REVIEW_CLI = {
    "imported": (
        "{file}: строк {read}; новых оценок {added}, новых ревизий {revised}, без изменений {unchanged}"
    ),
    "exported": "{file}: оценок {rows}",
}

# The week's cases on the weekly review (``reviews.cases``).
REVIEW_CASES = {
    "title": "Кейсы недели для группового обучения",
    "lead": "Лучшие и худшие оценённые звонки недели ({period}): разберите их на собрании.",
    "none": "Оценённых звонков за неделю нет: оцените звонки в форме call_review.ipynb.",
    "best": "лучший",
    "worst": "худший",
    "columns": {
        "case": "Кейс",
        "score": "Оценка",
        "manager": "Менеджер",
        "call_date": "Дата звонка",
        "reviewer": "Проверяющий",
        "comments": "Комментарии тренера",
        "weakest": "Слабые критерии",
    },
}
