"""Telephony call logs, each in its vendor's layout (fake people and numbers); the stored calls
worked out by hand."""

from datetime import datetime

import pandas as pd
from import_files import write_text

from salesplan import store
from salesplan.cli.data import import_summary
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
        # a call between employees: not a client's call, skipped
        "Внутренний;Отвечен;02.11.2026 12:50:00;;;;201 Холодов Глеб;202;202 Охотина Дина;"
        "65;60;5;;1793609400.118330;;;Клиент;;1;0;;;;",
    ]
    path = write_text(tmp_path / "stat.csv", [SIPUNI_HEADER, *rows], encoding="utf-8-sig")
    eng = store.engine(db_url)
    result = import_file(eng, "calls", path, "sipuni", rejects_dir=tmp_path)
    assert (result.rows_read, result.rows_accepted, result.rows_rejected) == (5, 3, 1)
    assert result.calls is None  # a row per call
    assert result.skipped_rows == [6]
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


def cdr(src, dst, context, clid, channel, dstchannel, lastdata, start, answer, end, disposition,
        uniqueid, linkedid, sequence, lastapp="Dial") -> str:
    """A Master.csv line as cdr_csv writes it: text quoted, numbers bare, no answer time an
    empty field; duration = end − start and billsec = end − answer, in seconds."""
    stamp = datetime.fromisoformat
    duration = int((stamp(end) - stamp(start)).total_seconds())
    billsec = int((stamp(end) - stamp(answer)).total_seconds()) if answer else 0
    quoted = [f'"{v}"' for v in ("", src, dst, context, clid.replace('"', '""'), channel, dstchannel,
                                 lastapp, lastdata, start)]
    answered = f'"{answer}"' if answer else ""
    return ",".join([*quoted, answered, f'"{end}"', str(duration), str(billsec),
                     *[f'"{v}"' for v in (disposition, "DOCUMENTATION", uniqueid, "", "", linkedid)],
                     str(sequence)])


def test_asterisk_master_csv_legs_counted_as_one_call(tmp_path, db_url):
    trunk, client, other = "PJSIP/trunk-0000", "+79165554433", "+79165550000"
    lines = [
        # 1. outgoing, one leg: 201 calls a client, answered after 12 s, talks 173 s
        cdr("201", "89031112233", "from-internal", '"Холодов Глеб" <201>', "PJSIP/201-00000001",
            "PJSIP/trunk-00000002", "PJSIP/89031112233@trunk,60", "2026-11-02 10:15:00",
            "2026-11-02 10:15:12", "2026-11-02 10:18:05", "ANSWERED", "1793600100.1", "1793600100.1", 1),
        # 2. incoming to a ring group: 202 rang and did not answer, 203 answered and talked 240 s
        cdr(client, "600", "from-trunk", f'"{client}" <{client}>', f"{trunk}0005", "PJSIP/202-00000006",
            "PJSIP/202&PJSIP/203,30", "2026-11-02 11:00:00", "", "2026-11-02 11:00:09", "NO ANSWER",
            "1793603000.5", "1793603000.5", 10),
        cdr(client, "600", "from-trunk", f'"{client}" <{client}>', f"{trunk}0005", "PJSIP/203-00000007",
            "PJSIP/202&PJSIP/203,30", "2026-11-02 11:00:00", "2026-11-02 11:00:09", "2026-11-02 11:04:09",
            "ANSWERED", "1793603000.5", "1793603000.5", 11),
        # 3. incoming, 202 answers (60 s) and transfers to 204 (120 s): one call of 180 s, 204's
        cdr(other, "202", "from-trunk", f'"{other}" <{other}>', f"{trunk}0009", "PJSIP/202-0000000a",
            "PJSIP/202,30", "2026-11-02 12:00:00", "2026-11-02 12:00:05", "2026-11-02 12:01:05",
            "ANSWERED", "1793606000.9", "1793606000.9", 20),
        cdr(other, "204", "from-trunk", f'"{other}" <{other}>', f"{trunk}0009", "PJSIP/204-0000000b",
            "PJSIP/204,30", "2026-11-02 12:01:05", "2026-11-02 12:01:10", "2026-11-02 12:03:10",
            "ANSWERED", "1793606000.9", "1793606000.9", 21),
        # 4. incoming, nobody answers: missed, 0 s, the first phone that rang
        cdr(client, "600", "from-trunk", f'"{client}" <{client}>', f"{trunk}000c", "PJSIP/202-0000000d",
            "PJSIP/202&PJSIP/203,30", "2026-11-02 13:00:00", "", "2026-11-02 13:00:30", "NO ANSWER",
            "1793609000.12", "1793609000.12", 30),
        cdr(client, "600", "from-trunk", f'"{client}" <{client}>', f"{trunk}000c", "PJSIP/203-0000000e",
            "PJSIP/202&PJSIP/203,30", "2026-11-02 13:00:00", "", "2026-11-02 13:00:30", "NO ANSWER",
            "1793609000.12", "1793609000.12", 31),
        # 5. outgoing, busy, written without a linkedid: the uniqueid is the call's id
        cdr("202", "89261234567", "from-internal", '"Охотина Дина" <202>', "PJSIP/202-0000000f", "",
            "PJSIP/89261234567@trunk,60", "2026-11-02 14:00:00", "", "2026-11-02 14:00:04", "BUSY",
            "1793610000.15", "", 40),
        # 6. a call with a leg whose start is not a date (31 November): rejected with both its legs
        cdr(client, "202", "from-trunk", f'"{client}" <{client}>', f"{trunk}0010", "PJSIP/202-00000011",
            "PJSIP/202,30", "2026-11-02 15:00:00", "2026-11-02 15:00:05", "2026-11-02 15:01:05",
            "ANSWERED", "1793613600.16", "1793613600.16", 50).replace("11-02 15:00:00", "11-31 15:00:00"),
        cdr(client, "203", "from-trunk", f'"{client}" <{client}>', f"{trunk}0010", "PJSIP/203-00000012",
            "PJSIP/203,30", "2026-11-02 15:01:05", "2026-11-02 15:01:06", "2026-11-02 15:02:06",
            "ANSWERED", "1793613600.16", "1793613600.16", 51),
    ]
    path = write_text(tmp_path / "Master.csv", lines)
    eng = store.engine(db_url)
    result = import_file(eng, "calls", path, "asterisk", rejects_dir=tmp_path)
    assert (result.rows_read, result.rows_accepted, result.rows_rejected) == (10, 8, 2)
    assert result.calls == 5
    summary = import_summary(result)
    assert "принято: 8" in summary and "звонков в принятых строках (строка — плечо звонка): 5" in summary
    assert calls(eng) == {
        "1793600100.1": (datetime(2026, 11, 2, 10, 15), "201", "out", 173, "отвечен", "89031112233", None),
        "1793603000.5": (datetime(2026, 11, 2, 11, 0), "203", "in", 240, "отвечен", client, None),
        "1793606000.9": (datetime(2026, 11, 2, 12, 0), "204", "in", 60 + 120, "отвечен", other, None),
        "1793609000.12": (datetime(2026, 11, 2, 13, 0), "202", "in", 0, "не отвечен", client, None),
        "1793610000.15": (datetime(2026, 11, 2, 14, 0), "202", "out", 0, "занято", "89261234567", None),
    }
    assert sorted(managers(eng)) == ["201", "202", "203", "204"]
    rejected = pd.read_csv(result.rejects_path, sep=";", dtype=str, encoding="utf-8-sig")
    assert rejected["row_number"].tolist() == ["9", "10"]  # no header: line n is row n
    assert set(rejected["column"]) == {"start"}


UIS_HEADER = (
    "id,start_time,finish_time,finish_reason,direction,is_lost,contact_phone_number,"
    "virtual_phone_number,wait_duration,talk_duration,clean_talk_duration,total_duration,"
    "call_records,full_record_file_link,is_transfer,last_answered_employee_id,"
    "last_answered_employee_full_name,last_talked_employee_id,last_talked_employee_full_name"
)
UIS_RECORD = "https://app.uiscom.ru/system/media/talk/2930511417/4c1a7d0e8b2f4f3a9e6d5c4b3a291807/"


def test_uis_calls_report_keeps_the_recording_link(tmp_path, db_url):
    rows = [
        # incoming, answered by 205 and transferred to Вера Тёплая, who talked last
        f"2930511417,2026-11-02 11:02:44,2026-11-02 11:07:10,subscriber_disconnects,in,false,"
        f"79165554433,74950000001,12,238,230,266,[4c1a7d0e8b2f4f3a9e6d5c4b3a291807],{UIS_RECORD},"
        f"true,9010,205 Сотрудник 205,9012,Тёплая Вера",
        # outgoing, no recording
        "2930518801,2026-11-02 12:41:09,2026-11-02 12:43:20,subscriber_disconnects,out,false,"
        "79267654321,74950000001,9,122,120,131,[],,false,9010,205 Сотрудник 205,9010,205 Сотрудник 205",
        # incoming, lost: nobody answered or talked
        "2930520055,2026-11-02 13:15:00,2026-11-02 13:15:41,subscriber_disconnects,in,true,"
        "79261230000,74950000001,41,0,0,41,[],,false,,,,",
    ]
    path = write_text(tmp_path / "calls_report.csv", [UIS_HEADER, *rows])
    eng = store.engine(db_url)
    result = import_file(eng, "calls", path, "uis", rejects_dir=tmp_path)
    assert (result.rows_read, result.rows_accepted, result.rows_rejected) == (3, 2, 1)
    assert calls(eng) == {
        "2930511417": (datetime(2026, 11, 2, 11, 2, 44), "teplaia-vera", "in", 238, "отвечен",
                       "79165554433", UIS_RECORD),
        "2930518801": (datetime(2026, 11, 2, 12, 41, 9), "205-sotrudnik-205", "out", 122, "отвечен",
                       "79267654321", None),
    }


def test_mango_statistics_legs_and_unix_times(tmp_path, db_url):
    """stats/result as the VPBX API returns it: no header, Unix times (UTC); the times stored
    are Moscow's, three hours ahead."""
    line, sip = "74950000001", "sip:kholodov@vpbx400000001.mangosip.ru"
    rows = [
        # outgoing from 201: 07:15:00Z, answered 07:15:12Z, ended 07:18:05Z → 173 s
        f"[MToxMDA1NzU5Mzo0ODE6NjI0MzQ2NjU4OjA=];1793603700;1793603885;1793603712;201;{sip};;"
        f"79031112233;1110;{line};abonent;MToxMDA1NzU5MzpFMQ==",
        # incoming: the IVR answers (skipped), then 202 rings unanswered and 203 talks 240 s
        f"[];1793606400;1793606420;1793606401;;79165554433;;{line};1100;{line};ivr;MToxMDA1NzU5MzpFMg==",
        f"[];1793606420;1793606429;0;;79165554433;202;;1100;{line};abonent;MToxMDA1NzU5MzpFMg==",
        f"[MToxMDA1NzU5Mzo0ODE6NjI0MzQ3MDAxOjA=];1793606420;1793606669;1793606429;;79165554433;203;;1120;"
        f"{line};abonent;MToxMDA1NzU5MzpFMg==",
        # incoming, 202 does not answer in 25 s
        f"[];1793615400;1793615425;0;;79261230000;202;;1111;{line};abonent;MToxMDA1NzU5MzpFMw==",
        # outgoing from 204, busy
        f"[];1793619669;1793619675;0;204;sip:ohotina@vpbx400000001.mangosip.ru;;79267654321;1121;{line};"
        f"abonent;MToxMDA1NzU5MzpFNA==",
    ]
    path = write_text(tmp_path / "stats.csv", rows)
    eng = store.engine(db_url)
    result = import_file(eng, "calls", path, "mango", rejects_dir=tmp_path)
    assert (result.rows_read, result.rows_accepted, result.rows_rejected) == (6, 5, 0)
    assert (result.skipped_rows, result.calls) == ([2], 4)
    assert calls(eng) == {
        "MToxMDA1NzU5MzpFMQ==": (datetime(2026, 11, 2, 10, 15), "201", "out", 173, "1110",
                                 "79031112233", None),
        "MToxMDA1NzU5MzpFMg==": (datetime(2026, 11, 2, 11, 0, 20), "203", "in", 240, "1120",
                                 "79165554433", None),
        "MToxMDA1NzU5MzpFMw==": (datetime(2026, 11, 2, 13, 30), "202", "in", 0, "1111", "79261230000", None),
        "MToxMDA1NzU5MzpFNA==": (datetime(2026, 11, 2, 14, 41, 9), "204", "out", 0, "1121", "79267654321",
                                 None),
    }
