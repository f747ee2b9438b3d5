"""The week's cases: the best and the worst reviewed calls with the trainer's comments and their
weakest criteria, picked by hand from five reviews."""

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from salesplan.reviews.cases import shown, week_cases


def headers(scores):
    ids = range(1, len(scores) + 1)
    return pd.DataFrame({
        "review_id": range(1, len(scores) + 1),
        "call_date": pd.to_datetime(["2026-10-19"] * len(scores)),
        "manager_id": [f"m{i}" for i in range(1, len(scores) + 1)],
        "manager_name": [f"Менеджер {i}" for i in range(1, len(scores) + 1)],
        "score": scores,
        "reviewer": "Орлова Анна",
        "comment": [f"итог {i}" for i in range(1, len(scores) + 1)],
        "section_comments": [{"closing": "нет даты встречи"} if i == 2 else {} for i in ids],
    })


def items():
    """Review 2's answers: «Договорился» 0 of 2, «Выявил» 1 of 2, «Поздоровался» full, «Кейс» N/A."""
    rows = [(2, "next_step", "Договорился о следующем шаге", 0.0, 2.0),
            (2, "needs", "Выявил потребность", 1.0, 2.0),
            (2, "greeting", "Поздоровался", 1.0, 1.0),
            (2, "case", "Привёл кейс", None, 1.0),
            (5, "greeting", "Поздоровался", 1.0, 1.0)]
    columns = ["review_id", "criterion_id", "criterion_text", "points", "max_points"]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.assign(na=frame["points"].isna())


def test_best_and_worst_by_hand():
    cases = week_cases(headers([71.0, 40.5, float("nan"), 93.0, 88.0]), items(), n=2)
    assert cases[["case", "review_id", "score"]].values.tolist() == [
        ["best", 4, 93.0], ["best", 5, 88.0], ["worst", 2, 40.5], ["worst", 1, 71.0]]
    worst = cases.iloc[2]
    assert worst["comments"] == "итог 2 нет даты встречи"
    assert worst["weakest"] == "Договорился о следующем шаге; Выявил потребность"  # not full, not N/A
    assert cases.iloc[1]["weakest"] == ""  # full marks everywhere
    table = shown(cases)
    assert list(table.columns) == ["Кейс", "Оценка", "Менеджер", "Дата звонка", "Проверяющий",
                                   "Комментарии тренера", "Слабые критерии"]
    assert table.iloc[2].tolist()[:4] == ["худший", "40,5", "Менеджер 2", "19.10.2026"]


@given(st.lists(st.floats(0, 100), max_size=12), st.integers(1, 4))
def test_each_call_once_the_best_above_the_worst(scores, n):
    cases = week_cases(headers(scores), items().iloc[0:0], n=n)
    assert cases["review_id"].is_unique and len(cases) == min(len(scores), 2 * n)
    best, worst = cases[cases["case"] == "best"], cases[cases["case"] == "worst"]
    assert len(best) == min(len(scores), n)
    if len(worst):
        assert best["score"].min() >= worst["score"].max()
        assert worst["score"].is_monotonic_increasing and best["score"].is_monotonic_decreasing
