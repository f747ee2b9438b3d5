"""What the head enters: competency ratings, test scores (form or a test system's CSV)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import insert

from salesplan import store
from salesplan.attestation import inputs
from salesplan.attestation.template import load_template
from salesplan.periods import Quarter

T = load_template()
Q3 = Quarter(2026, 3)


@pytest.fixture
def eng(tmp_path):
    eng = store.engine(f"sqlite:///{tmp_path / 'store.db'}")
    with store.transaction(eng) as conn:
        conn.execute(insert(store.departments), [{"id": "sales", "name": "Отдел продаж"}])
        conn.execute(insert(store.managers), [
            {"id": "a1", "name": "Анна Белова", "department_id": "sales", "role": "hunter"},
            {"id": "b2", "name": "Борис Чернов", "department_id": "sales", "role": "farmer"},
        ])
    return eng


def test_ratings_are_saved_and_replaced(eng):
    inputs.save_ratings(eng, Q3, "a1", {"teamwork": 4, "planning": 2}, "head", T)
    inputs.save_ratings(eng, Q3, "a1", {"planning": 3}, "head", T, comments={"planning": "лучше"})
    frame = inputs.ratings_frame(eng, Q3).set_index("competency")
    assert frame.loc["teamwork", "rating"] == 4
    assert frame.loc["planning", "rating"] == 3 and frame.loc["planning", "comment"] == "лучше"


@pytest.mark.parametrize(("values", "message"), [
    ({"teamwork": 6}, "a1, компетенция «teamwork»: оценка 6 — ожидается целое число от 1 до 5"),
    ({"teamwork": 0}, "оценка 0 — ожидается целое число от 1 до 5"),
    ({"teamwork": 3.5}, "оценка 3,5 — ожидается целое число"),
    ({"charisma": 3}, "компетенции «charisma» нет в шаблоне аттестации"),
])
def test_bad_ratings_are_refused(eng, values, message):
    with pytest.raises(inputs.InputError, match=message):
        inputs.save_ratings(eng, Q3, "a1", values, "head", T)
    assert inputs.ratings_frame(eng, Q3).empty


def test_unknown_manager_is_refused(eng):
    with pytest.raises(inputs.InputError, match="менеджера «zz» нет в базе"):
        inputs.save_ratings(eng, Q3, "zz", {"teamwork": 3}, "head", T)


def test_test_csv_in_cp1251_with_russian_columns(eng, tmp_path):
    path = tmp_path / "тест.csv"
    path.write_bytes(
        "ФИО;Тема;Баллы;Максимум;Дата\n"
        "Анна Белова;Знание продукта;17,5;20;28.09.2026\n"
        "анна белова;crm;15;20;28.09.2026\n"
        "b2;Скрипты продаж;80;;2026-09-29\n".encode("cp1251")
    )
    assert inputs.import_test_csv(eng, path, T) == 3
    frame = inputs.tests_frame(eng, Q3).set_index(["manager_id", "topic"])
    assert frame.loc[("a1", "product"), "score"] == 17.5
    assert frame.loc[("a1", "product"), "max_score"] == 20
    assert frame.loc[("a1", "crm"), "score"] == 15
    assert frame.loc[("b2", "scripts"), "max_score"] == 100  # the default maximum
    assert frame.loc[("b2", "scripts"), "taken_on"].date() == date(2026, 9, 29)
    assert set(frame["period"]) == {"2026-Q3"}  # from the dates
    assert set(frame["source"]) == {"тест.csv"}


def test_bad_test_csv_names_every_bad_row_and_stores_nothing(eng, tmp_path):
    path = tmp_path / "results.csv"
    path.write_text(
        "\ufeffmanager,topic,score,date\n"
        "a1,product,90,2026-09-01\n"
        "Кто-то,product,90,2026-09-01\n"
        "a1,dance,90,2026-09-01\n"
        "a1,crm,сто,2026-09-01\n"
        "a1,scripts,120,2026-09-01\n"
        "a1,scripts,50,31.02.2026\n", encoding="utf-8")
    with pytest.raises(inputs.InputError) as err:
        inputs.import_test_csv(eng, path, T)
    message = str(err.value)
    for expected in ["results.csv: строка 3, столбец «manager»: менеджера «Кто-то» нет в базе",
                     "строка 4, столбец «topic»: тема «dance» не из шаблона аттестации",
                     "строка 5, столбец «score»: «сто» — не число",
                     "строка 6, столбец «score»: 120 из 100 — баллы должны быть от 0 до максимума",
                     "строка 7, столбец «date»: «31.02.2026» — не дата"]:
        assert expected in message
    assert inputs.tests_frame(eng, Q3).empty


def test_missing_columns_are_named(eng, tmp_path):
    path = tmp_path / "results.csv"
    path.write_text("manager;score\na1;3\n", encoding="utf-8")
    expected = "нет обязательных столбцов: topic, date. Столбцы в файле: manager, score"
    with pytest.raises(inputs.InputError, match=expected):
        inputs.import_test_csv(eng, path, T)


def test_an_empty_development_plan_is_refused(eng):
    with pytest.raises(inputs.InputError, match="в ИПР a1 за III квартал 2026 нет ни одной цели"):
        inputs.save_plan_edit(eng, Q3, "a1", [], "head")
