"""The audit trail as ``salesplan audit`` prints it."""

AUDIT = {
    "actions": {
        "plan_approved": "утверждён план",
        "attestation_finalised": "утверждён аттестационный лист",
        "penalty_recorded": "назначено депремирование",
        "review_edited": "изменена оценка звонка",
        "pay_approved": "утверждена ведомость начислений",
    },
    "bad_since": "--since «{value}»: ожидалась дата ГГГГ-ММ-ДД или дата и время ГГГГ-ММ-ДДTЧЧ:ММ",
    "empty": "Журнал действий пуст{since}.",
    "since": " с {since}",
    "title": "Журнал действий{since}: {count}",
    "columns": ("Когда", "Кто", "Действие", "Что", "Изменения"),
}
