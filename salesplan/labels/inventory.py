"""``salesplan check``: what is loaded, what each report can do with it, what to import next."""

INVENTORY = {
    "title": "База: {db} · {department}",
    "all_departments": "все отделы",
    "department": "отдел {department}",
    "loaded": "Загружено:",
    "empty": "нет данных",
    "span": "{first} – {last}",
    "issues": "Замечания:",
    "no_issues": "  замечаний нет",
    "managers_without_department": "менеджеров без отдела: {n}",
    "deals_without_amount": "сделок без суммы: {n} (из них выигранных: {won})",
    "payments_without_manager": "оплат без менеджера (ни в строке, ни у сделки): {n}",
    "auto_created": "похоже, созданы импортом (id из имени, без даты приёма) — {managers}: {names}",
    "auto_created_hint": "отдел, роль и дату приёма даст список сотрудников: salesplan import managers ФАЙЛ",
    "reports": "Отчёты:",
    "plan_methods": "Модель плана (plan_model.ipynb, salesplan plan propose):",
    "next": "Что загрузить дальше:",
    "nothing_next": "  всё основное загружено — salesplan run monthly",
    "unlocks": "даст: {what}",
    "file": "ФАЙЛ",
    "ready": "готово",
    "partial": "частично: {reasons}",
    "missing": "нет данных: {reasons}",
    "status": {"ready": "готово", "partial": "частично:", "missing": "нет данных:"},
    "separator": "; ",
}

# What each report and plan-model method is called.
CHECK_TITLES = {
    "monthly_report": "Ежемесячный отчёт",
    "daily_brief": "Ежедневная сводка",
    "weekly_review": "Недельный обзор",
    "call_quality": "Качество звонков",
    "pay_statements": "Расчёт зарплаты",
    "meeting_deck": "Презентация к планёрке",
    "attestation": "Аттестация",
    "history": "По истории",
    "trend": "Тренд и сезонность",
    "funnel": "Воронка",
    "bottom_up": "Снизу вверх",
}

# Why a report or a method is partial or has no data; {command} is what to run about it.
CHECK_REASONS = {
    "no_managers": "нет менеджеров ({command})",
    "no_deals": "нет сделок ({command})",
    "no_fact": "нет ни оплат, ни выигранных сделок с суммой ({command})",
    "fact_from_deals": "оплат нет — факт по выигранным сделкам ({command})",
    "no_plan": "нет утверждённого плана — без плана и отклонений (salesplan plan approve)",
    "no_calls": "звонков нет — без активности и разбора звонков ({command})",
    "no_leads": "лидов нет — воронка без лидов ({command})",
    "no_reviews": "нет оценённых звонков (call_review.ipynb или salesplan reviews import ФАЙЛ)",
    "no_ratings": "нет оценок компетенций и тестов (salesplan attestation --help)",
    "history_short": "история факта — {months}, нужно не меньше 12 месяцев",
}

# What a table brings, for «что загрузить дальше».
CHECK_UNLOCKS = {
    "managers": "отделы, роли и даты приёма менеджеров",
    "deals": "сделки, воронку и факт по выигранным сделкам",
    "payments": "факт по оплатам, дебиторку, контрольные точки и зарплату",
    "calls": "активность менеджеров и качество звонков",
    "leads": "воронку от лида и план методом воронки",
}
