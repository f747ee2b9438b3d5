"""Telephony call logs, each in its vendor's layout (fake people and numbers); the stored calls
worked out by hand."""

from datetime import datetime

import pandas as pd
from import_files import write_text

from salesplan import store
from salesplan.importing import import_file

SIPUNI_HEADER = (
    "Тип;Статус;Время;ID схемы звонка;Схема;Исходящая линия;Откуда;Куда;Кто ответил;"
    "Длительность звонка;Длительность разговора;Время ответа;Оценка;ID записи;Метка;Теги;"
    "Инициатор завершения звонка;ID заказа звонка;Запись существует;Новый клиент;"
    "Состояние перезвона;Время перезвона;Информация из CRM;Ответственный из CRM"
)


def calls(eng) -> dict[str, tuple]:
    """``{id: (started_at, manager_id, direction, duration_s, result, phone, recording_url)}``."""
    frame = store.read_table(eng, "calls")
    columns = ["started_at", "manager_id", "direction", "duration_s", "result", "phone", "recording_url"]
    return {
        row["id"]: tuple(
            None if not isinstance(row[c], str) and pd.isna(row[c])
            else row[c].to_pydatetime() if isinstance(row[c], pd.Timestamp) else row[c]
            for c in columns
        )
        for _, row in frame.iterrows()
    }


def managers(eng) -> dict[str, str]:
    frame = store.read_table(eng, "managers")
    return dict(zip(frame["id"], frame["name"], strict=True))


def test_sipuni_statistics(tmp_path, db_url):
    rows = [
        # an outgoing call: the employee is «Откуда», the client «Куда»
        "Исходящий;Отвечен;02.11.2026 10:15:07;;;+74950000001;201 Холодов Глеб;+79031112233;+79031112233;"
        "187;172;15;;1793600107.118201;;;Клиент;;1;1;;;;",
        # an incoming call: the employee answered, the client called
        "Входящий;Отвечен;02.11.2026 11:02:44;000-417523;Отдел продаж;;+79165554433;+74950000001;"
        "205 Сотрудник 205;245;230;15;5;1793602964.118245;;;Сотрудник;;1;0;;;;",
        # a missed incoming call: nobody answered, no manager
        "Входящий;Не отвечен;02.11.2026 12:30:00;000-417523;Отдел продаж;;+79261230000;+74950000001;;"
        "35;0;;;1793608200.118300;;;Клиент;;0;1;Не перезвонили;;;",
        # a missed outgoing call still counts as the manager's attempt
        "Исходящий;Не отвечен;02.11.2026 12:41:09;;;+74950000001;202 Охотина Дина;+79267654321;;"
        "30;0;;;1793608869.118321;;;Сотрудник;;0;1;;;;",
    ]
    path = write_text(tmp_path / "stat.csv", [SIPUNI_HEADER, *rows], encoding="utf-8-sig")
    eng = store.engine(db_url)
    result = import_file(eng, "calls", path, "sipuni", rejects_dir=tmp_path)
    assert (result.rows_read, result.rows_accepted, result.rows_rejected) == (4, 3, 1)
    assert calls(eng) == {
        "1793600107.118201": (datetime(2026, 11, 2, 10, 15, 7), "201-kholodov-gleb", "out", 172,
                              "Отвечен", "+79031112233", None),
        "1793602964.118245": (datetime(2026, 11, 2, 11, 2, 44), "205-sotrudnik-205", "in", 230,
                              "Отвечен", "+79165554433", None),
        "1793608869.118321": (datetime(2026, 11, 2, 12, 41, 9), "202-okhotina-dina", "out", 0,
                              "Не отвечен", "+79267654321", None),
    }
    assert managers(eng) == {
        "201-kholodov-gleb": "201 Холодов Глеб",
        "205-sotrudnik-205": "205 Сотрудник 205",
        "202-okhotina-dina": "202 Охотина Дина",
    }
    rejected = pd.read_csv(result.rejects_path, sep=";", dtype=str, encoding="utf-8-sig")
    assert rejected[["row_number", "column"]].values.tolist() == [["4", "Кто ответил / Откуда"]]
