"""NPS from survey answers: by hand, attributed to managers, and the detractors to call back."""

from datetime import date

import pandas as pd
import pytest
from import_files import fresh_store, write_text
from sqlalchemy import insert

from salesplan import store
from salesplan.control.report import Control
from salesplan.control.satisfaction import attributed, detractors, nps_table, nps_total
from salesplan.importing import import_file

T = pd.Timestamp
NOV = (date(2026, 11, 1), date(2026, 11, 30))
MID_NOV = T(2026, 11, 10)


def answers(scores, manager="a", day=MID_NOV):
    return pd.DataFrame({"date": [day] * len(scores), "client_id": None, "manager_id": manager,
                         "score": scores, "comment": None})


def test_sixty_twenty_five_fifteen_is_forty_five():
    # 20 answers: 12 promoters (60 %), 5 passives (25 %), 3 detractors (15 %) → NPS 45
    frame = answers([10] * 6 + [9] * 6 + [8] * 3 + [7] * 2 + [6, 3, 0])
    row = nps_table(frame, *NOV).iloc[0]
    assert (row["answers"], row["promoters"], row["passives"], row["detractors"]) == (20, 12, 5, 3)
    assert row["nps"] == pytest.approx(45)
    assert nps_total(frame, *NOV).iloc[0]["nps"] == pytest.approx(45)


def test_answers_go_to_the_named_manager_else_the_clients():
    clients = pd.DataFrame({"id": ["c1", "c2"], "manager_id": ["b", "c"]})
    frame = pd.DataFrame({"date": [T(2026, 11, 2)] * 3, "client_id": ["c1", "c1", "c9"],
                          "manager_id": ["a", None, None], "score": [10, 4, 8], "comment": None})
    done = attributed(frame, clients)
    assert done["manager_id"].tolist()[:2] == ["a", "b"] and pd.isna(done["manager_id"].iloc[2])
    table = nps_table(done, *NOV).set_index("manager_id")
    assert table.loc["a", "nps"] == 100 and table.loc["b", "nps"] == -100
    outside = answers([10], day=T(2026, 12, 1))
    assert nps_table(outside, *NOV).empty and pd.isna(nps_total(outside, *NOV).iloc[0]["nps"])


def test_detractors_lowest_first():
    frame = pd.DataFrame({"date": [T(2026, 11, 3), T(2026, 11, 1), T(2026, 11, 2)],
                          "client_id": ["x", "y", "z"], "manager_id": "a", "score": [5, 5, 2],
                          "comment": ["долго", "дорого", "сорвали срок"]})
    assert detractors(frame, *NOV)["client_id"].tolist() == ["z", "y", "x"]


def test_imported_answers_reach_the_department_report(tmp_path):
    eng = fresh_store(tmp_path)
    with store.transaction(eng) as conn:
        conn.execute(insert(store.departments), [{"id": "sales", "name": "Продажи"},
                                                 {"id": "key", "name": "Ключевые"}])
        conn.execute(insert(store.managers), [
            {"id": "a", "name": "Анна Иванова", "department_id": "sales", "role": "farmer"},
            {"id": "k", "name": "Кирилл Ключев", "department_id": "key", "role": "key_account"}])
        conn.execute(insert(store.clients), [{"id": "c1", "name": "ООО «Ромашка»", "manager_id": "a"},
                                             {"id": "c2", "name": "АО «Вектор»", "manager_id": "k"}])
    path = write_text(tmp_path / "nps.csv", [
        "№;Дата;Клиент;Оценка;Комментарий",
        "1;02.11.2026;ООО «Ромашка»;9;",
        "2;03.11.2026;АО «Вектор»;3;Сорвали срок",
        "3;04.11.2026;ООО «Ромашка»;десять;",
    ])
    profile = tmp_path / "survey.yaml"
    profile.write_text("description: survey\ntables:\n  nps_answers:\n    id: '№'\n    date: Дата\n"
                       "    client: Клиент\n    score: Оценка\n    comment: Комментарий\n", encoding="utf-8")
    result = import_file(eng, "nps_answers", path, str(profile), rejects_dir=tmp_path)
    assert (result.rows_read, result.rows_accepted, result.rows_rejected) == (3, 2, 1)
    sales = Control.load(eng, "sales").nps_answers()
    assert sales["client_id"].tolist() == ["c1"] and sales["manager_id"].tolist() == ["a"]
    everyone = Control.load(eng, "").nps_answers()
    assert detractors(everyone, *NOV)["manager_id"].tolist() == ["k"]
