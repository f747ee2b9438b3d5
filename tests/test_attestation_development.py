"""The draft ИПР comes from the manager's actual weakest areas."""

from datetime import date

from salesplan.attestation.development import Goal, deadline, draft_plan
from salesplan.attestation.template import load_template
from salesplan.periods import Quarter

T = load_template()
Q3 = Quarter(2026, 3)


def ind(component, indicator, value, score):
    return {"component": component, "indicator": indicator, "value": value, "score": score}


INDICATORS = [
    ind("kpi", "plan_fulfilment", 72.0, 30.0),  # weak
    ind("kpi", "conversion", 25.0, 100.0),
    ind("kpi", "receivables", 52.0, 40.0),  # weak, lower is better
    ind("competencies", "negotiation", 2.0, 25.0),  # weakest
    ind("competencies", "teamwork", 5.0, 100.0),
    ind("knowledge_test", "crm", 70.0, 50.0),  # weak
    ind("call_quality", "trend", None, None),  # not scored
]
CRITERIA = [{"name": "Выявил проблему клиента", "score": 35.0},
            {"name": "Назвал следующий шаг", "score": 45.0},
            {"name": "Поздоровался", "score": 55.0}]


def test_goals_are_the_weakest_areas_weakest_first():
    goals = draft_plan(INDICATORS, CRITERIA, T, Q3, "hunter")
    # candidates below 60: negotiation 25, plan 30, criterion 35, receivables 40, criterion 45,
    # crm 50 (the third criterion is over the limit of two): the five weakest are kept.
    assert [g.goal for g in goals] == [
        "Улучшить показатель «Переговоры и работа с возражениями»",
        "Улучшить показатель «Выполнение плана продаж (среднее по месяцам)»",
        "Отработать этап разговора: Выявил проблему клиента",
        "Улучшить показатель «Просроченная дебиторская задолженность, доля»",
        "Отработать этап разговора: Назвал следующий шаг",
    ]
    assert all(g.deadline == date(2026, 12, 31) for g in goals)


def test_each_goal_has_a_measure_means_and_owner():
    goals = {g.goal: g for g in draft_plan(INDICATORS, CRITERIA, T, Q3, "hunter")}
    plan = goals["Улучшить показатель «Выполнение плана продаж (среднее по месяцам)»"]
    # target: the value scoring 75 on 60…100 % → 90 %
    assert plan.measure == "сейчас 72,0 %; цель — не менее 90,0 %"
    assert plan.owner == "Руководитель отдела продаж"
    assert "воронки" in plan.means
    debt = goals["Улучшить показатель «Просроченная дебиторская задолженность, доля»"]
    # lower is better: the value scoring 75 on 80…10 % → 27.5 %
    assert debt.measure == "сейчас 52,0 %; цель — не более 27,5 %"
    crit = goals["Отработать этап разговора: Выявил проблему клиента"]
    assert crit.owner == T.development.criteria_owner
    assert crit.measure.startswith("сейчас 35 % от максимума")


def test_few_weak_areas_are_topped_up_to_the_minimum():
    strong = [ind("kpi", "plan_fulfilment", 95.0, 87.5), ind("kpi", "activity", 99.0, 97.5),
              ind("competencies", "planning", 4.0, 75.0), ind("kpi", "conversion", 30.0, 100.0)]
    goals = draft_plan(strong, [], T, Q3)
    # nothing is weak: the three lowest below 100 are taken, lowest first
    assert [g.goal for g in goals] == [
        "Улучшить показатель «Планирование и самоорганизация»",
        "Улучшить показатель «Выполнение плана продаж (среднее по месяцам)»",
        "Улучшить показатель «Выполнение норматива звонков»",
    ]


def test_goal_round_trip_and_deadline():
    goal = draft_plan(INDICATORS, [], T, Q3)[0]
    assert Goal.from_dict(goal.as_dict()) == goal
    assert deadline(Quarter(2026, 4), 3) == date(2027, 3, 31)
    assert deadline(Quarter(2026, 1), 1) == date(2026, 4, 30)
