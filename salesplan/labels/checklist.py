"""The express self-assessment of the sales system (salesplan.checklist)."""

CHECKLIST_ANSWERS = {"yes": "да", "partly": "частично", "no": "нет"}
CHECKLIST_NO_ANSWER = "нет ответа"

CHECKLIST = {
    "scores": "Оценка по разделам",
    "overall": "Итого: {score:.0%} (ответов руководителя {answered} из {points})",
    "answers": "Пункты чек-листа",
    "first": "Что сделать в первую очередь",
    "nothing_first": "Все пункты выполнены или выполнены частично.",
    "form": "Ответы руководителя",
    "note": "Комментарий",
    "save": "Сохранить ответы",
    "saved": "Сохранено ответов: {n}.",
    "source_head": "руководитель",
    "source_data": "по данным",
    "source_none": "—",
    "bad_answer": "ответ «{answer}» к пункту {point}: ожидалось yes, partly или no",
    "unknown_point": "пункта {point} нет в params/checklist.yaml",
}

# Column headings of the page's tables.
CHECKLIST_COLUMNS = {
    "area": "Раздел",
    "score": "Оценка",
    "weight": "Вес",
    "point": "Пункт",
    "answer": "Ответ",
    "source": "Откуда ответ",
    "note": "Комментарий",
    "evidence": "Что показывают данные",
    "advice": "Что сделать",
}

# What each evidence function found (salesplan.checklist.evidence).
CHECKLIST_EVIDENCE = {
    "plan_months": "Утверждённый план есть за {found} из {months} мес.: {listed}",
    "plan_none": "Утверждённого плана за месяцы периода нет",
    "mix": "План по продуктам/сегментам (plan_mix) за {found} из {months} мес.",
    "managers": "План по менеджерам: {managers} чел. в плане последнего месяца с планом",
    "template": "Шаблон аттестации: компонентов оценки — {sections}",
    "schemes": "Схем мотивации: {n} ({roles})",
    "schemes_none": "Схем мотивации нет",
    "meetings": "Протоколов собраний за период: {n}",
    "reviews": "Разборов звонков за период: {n}",
    "payment_plans": "Планов оплат менеджеров за период: {n}",
    "deals_complete": "Сделок с суммой и этапом: {share:.0%} из {n}",
    "deals_none": "Сделок в CRM нет",
    "hygiene": "Открытых сделок с нарушениями гигиены CRM: {problems} из {open}",
}
