"""Meeting protocols: how items stand on a day (worked by hand on October 2026's calendar), the
store keeping every change with who and when, the XLSX template and its import, the commands."""

import json
from datetime import date, datetime

import pandas as pd
import pytest
from cli_run import run
from openpyxl import load_workbook
from reviews_department import build

from salesplan import clock, labels, store, users
from salesplan.calendar import ProductionCalendar
from salesplan.protocol import repository as repo
from salesplan.protocol import sheet, status
from salesplan.protocol.repository import ItemInput, MeetingInput, ProtocolError

OCTOBER = ProductionCalendar()  # October 2026: weekends 3–4, 10–11, 17–18, 24–25, 31; no holidays
DAY = date(2026, 10, 19)  # a Monday


def frames():
    """Nine items of meetings held before (or on) 19 October, and their events."""
    def item(i, kind, held="2026-10-12"):
        return {"id": i, "meeting_id": 1, "meeting_kind": "weekly", "held_on": pd.Timestamp(held),
                "department_id": "sales", "kind": kind, "text": f"пункт {i}", "owner_id": "hun1",
                "amount": pd.NA, "metric": None, "plan_value": None, "fact_value": None}

    items = pd.DataFrame([item(1, "task"), item(2, "promise"), item(3, "task"), item(4, "deviation"),
                          item(5, "task"), item(6, "decision"), item(7, "task", "2026-10-19"),
                          item(8, "task"), item(9, "promise")])
    events = [  # (item, at, status, deadline)
        (1, "2026-10-12 11:00", "open", "2026-10-16"), (2, "2026-10-12 11:00", "open", "2026-10-23"),
        (3, "2026-10-12 11:00", "open", "2026-10-19"), (4, "2026-10-12 11:00", "open", "2026-10-14"),
        (4, "2026-10-15 12:00", "done", "2026-10-14"), (5, "2026-10-12 11:00", "open", "2026-10-14"),
        (5, "2026-10-20 09:00", "done", "2026-10-14"), (6, "2026-10-12 11:00", "open", None),
        (7, "2026-10-19 11:00", "open", "2026-10-20"), (8, "2026-10-12 11:00", "open", "2026-10-13"),
        (8, "2026-10-14 10:00", "open", "2026-10-21"), (9, "2026-10-21 08:00", "open", "2026-10-13"),
        (9, "2026-10-21 08:05", "cancelled", "2026-10-13"),
    ]
    events = pd.DataFrame([{"id": n, "item_id": i, "at": pd.Timestamp(at), "login": "rop", "status": s,
                            "deadline": pd.Timestamp(d) if d else pd.NaT, "note": ""}
                           for n, (i, at, s, d) in enumerate(events, start=1)])
    return items, events


def test_standing_on_a_day_worked_by_hand():
    items, events = frames()
    shown = status.follow_up(items, events, DAY, since=date(2026, 10, 12), calendar=OCTOBER)
    got = list(zip(shown["id"], shown["standing"], shown["days"].fillna(-1).astype(int), strict=True))
    assert got == [
        (9, "overdue", 4),  # typed in on the 21st: open from its meeting on, cancelled only later
        (5, "overdue", 3),  # due 14th; done only on the 20th, after the page's day: 15, 16, 19
        (1, "overdue", 1),  # due Friday 16th: Monday 19th is one working day late
        (3, "due", 0),  # due today
        (8, "due", 2),  # moved on the 14th from the 13th to the 21st: 20, 21
        (2, "due", 4),  # 20, 21, 22, 23
        (4, "done", -1),  # done on the 15th, since the 12th
    ]
    # 6 is a decision (nothing to follow), 7 was recorded at the page's own meeting
    assert status.counts(shown) == {"overdue": 3, "due": 3, "open": 0, "done": 1, "cancelled": 0}
    later = status.follow_up(items, events, DAY, since=date(2026, 10, 16), calendar=OCTOBER)
    assert 4 not in set(later["id"])  # closed before the window


def test_a_later_day_sees_the_later_changes():
    items, events = frames()
    shown = status.follow_up(items, events, date(2026, 10, 21), since=date(2026, 10, 20), calendar=OCTOBER)
    by_id = shown.set_index("id")
    assert by_id.loc[5, "standing"] == "done" and by_id.loc[9, "standing"] == "cancelled"
    assert by_id.loc[7, "standing"] == "overdue" and by_id.loc[7, "days"] == 1  # due the 20th
    assert 4 not in by_id.index


@pytest.fixture()
def eng(tmp_path):
    eng = store.engine(f"sqlite:///{tmp_path / 'p.db'}")
    build(eng)
    return eng


def task(**changes) -> ItemInput:
    return ItemInput(**{"kind": "task", "text": "Позвонить клиенту", "owner": "hun1",
                        "deadline": date(2026, 10, 23), **changes})


def test_every_change_is_kept_with_who_and_when(db_url, monkeypatch):
    eng = store.engine(db_url)
    build(eng)
    monkeypatch.setenv(users.ENV, "rop-ivanova")
    meeting = {"kind": "weekly", "held_on": date(2026, 10, 19), "department_id": "sales"}
    items = [task(owner="Глеб Холодов"), task(kind="promise", amount=15_000_000)]
    saved = repo.save_protocol(eng, MeetingInput(**meeting, items=items), at=datetime(2026, 10, 19, 11, 0))
    first, second = saved.item_ids
    monkeypatch.setenv(clock.ENV, "2026-10-21T15:00")
    repo.change(eng, first, repo.OPEN, "клиент в отпуске", date(2026, 10, 30))
    monkeypatch.setenv(users.ENV, "rop-petrov")
    repo.change(eng, first, repo.DONE, "позвонил")
    with pytest.raises(ProtocolError, match=f"пункт {first} уже закрыт: выполнено 21.10.2026"):
        repo.change(eng, first, repo.CANCELLED)
    history = repo.events_frame(eng)
    mine = history[history["item_id"] == first]
    assert mine[["login", "status", "note"]].values.tolist() == [
        ["rop-ivanova", "open", ""], ["rop-ivanova", "open", "клиент в отпуске"],
        ["rop-petrov", "done", "позвонил"]]
    assert mine["deadline"].dt.date.tolist() == [date(2026, 10, 23), date(2026, 10, 30), date(2026, 10, 30)]
    assert mine["at"].iloc[1].date() == date(2026, 10, 21)
    items = repo.items_frame(eng).set_index("id")
    assert items.loc[first, "owner_id"] == "hun1"  # found by name
    assert items.loc[second, "amount"] == 15_000_000
    # the same protocol saved again adds nothing
    again = repo.save_protocol(eng, MeetingInput(**meeting, items=[task(owner="hun1")]))
    assert (again.meeting_id, again.item_ids, again.skipped) == (saved.meeting_id, [], 1)


def test_an_unknown_owner_is_refused_with_the_closest_names(eng):
    with pytest.raises(ProtocolError) as error:
        repo.save_protocol(eng, MeetingInput(kind="daily", held_on=date(2026, 10, 20), items=[
            task(owner="Холодов Глеп"), ItemInput(kind="deviation", text="", owner="far1")]))
    assert str(error.value).splitlines() == [
        "протокол не сохранён, 5 ошибок:",
        "пункт 1: ответственный «Холодов Глеп» нет в списке (похожие: Глеб Холодов (hun1))",
        "пункт 2: не заполнено, что решили, поручили или обещали",
        "пункт 2: не указан срок",
        "пункт 2: не указан показатель",
        "пункт 2: не указаны план и факт показателя",
    ]
    assert repo.items_frame(eng).empty


def fill_template(path, rows):
    book = load_workbook(path)
    sheet_ = book[labels.PROTOCOL_SHEET_NAMES["protocol"]]
    for row in rows:
        sheet_.append(row)
    book.save(path)


def test_the_template_filled_and_imported(eng, tmp_path):
    path = sheet.write_template(eng, tmp_path / "protocol.xlsx")
    book = load_workbook(path)
    assert [c.value for c in book["Протокол"][1]] == list(labels.PROTOCOL_SHEET.values())
    roster = [[c.value for c in r] for r in book["Менеджеры"].iter_rows(min_row=2)]
    assert ["hun1", "Глеб Холодов", "sales"] in roster and not any(r[0] == "gone" for r in roster)
    fill_template(path, [
        ["Еженедельное собрание", "19.10.2026", "sales", "Задача", "Обзвонить базу", "Глеб Холодов",
         "23.10.2026", None, None, None, None],
        ["Еженедельное собрание", "19.10.2026", "sales", "Обещание", "Оплата от «Альфы»", "far1",
         "2026-10-28", "150 000,50", None, None, None],
        ["Еженедельное собрание", "19.10.2026", "sales", "Отклонение", "Плюс 10 звонков в день", "far2",
         "30.10.2026", None, "Звонки", "400", "310"],
        ["Планёрка", "20.10.2026", "", "Решение", "Планёрка в 9:30", None, None, None, None, None, None],
    ])
    summary = sheet.import_protocols(eng, path)
    assert (summary.meetings, summary.added, summary.skipped) == (2, 4, 0)
    items = repo.items_frame(eng)
    assert items["kind"].tolist() == ["task", "promise", "deviation", "decision"]
    assert items["owner_id"].tolist()[:3] == ["hun1", "far1", "far2"]
    assert items["amount"].tolist()[1] == 15_000_050
    assert items[["plan_value", "fact_value"]].iloc[2].tolist() == [400.0, 310.0]
    assert items["department_id"].tolist() == ["sales"] * 3 + [""]
    again = sheet.import_protocols(eng, path)
    assert (again.added, again.skipped) == (0, 4)


def test_bad_cells_are_named_by_file_row_and_column_and_nothing_is_written(eng, tmp_path):
    path = sheet.write_template(eng, tmp_path / "bad.xlsx")
    fill_template(path, [
        ["Еженедельное собрание", "19.10.2026", "sales", "Задача", "Обзвонить базу", "hun1", "23.10.2026"],
        ["Собрание", "32.10.2026", "продажи", "Поручение", "", "Холодов Глеп", "завтра", "сто"],
    ])
    with pytest.raises(ProtocolError) as error:
        sheet.import_protocols(eng, path)
    lines = str(error.value).splitlines()
    assert lines[0] == "протокол не сохранён, 6 ошибок:"  # an unknown kind is not checked further
    where = f"{path}: строка 3, столбец"
    assert lines[1:] == [
        f"{where} «Совещание»: «Собрание»: ожидается одно из совещаний: Планёрка, Еженедельное собрание, "
        "Ежемесячное собрание",
        f"{where} «Дата совещания»: «32.10.2026» — не дата (ожидается ДД.ММ.ГГГГ или ГГГГ-ММ-ДД)",
        f"{where} «Срок»: «завтра» — не дата (ожидается ДД.ММ.ГГГГ или ГГГГ-ММ-ДД)",
        f"{where} «Отдел»: отдел «продажи» не найден; отделы в базе: b2g, sales",
        f"{where} «Сумма, ₽»: «сто» — не число",
        f"{where} «Тип пункта»: «Поручение»: ожидается один из типов: Решение, Задача, Обещание, Отклонение",
    ]
    assert repo.items_frame(eng).empty


def test_the_commands(eng, tmp_path, monkeypatch, capsys):
    url = eng.url.render_as_string(hide_password=False)
    monkeypatch.setenv("SALESPLAN_DB", url)
    monkeypatch.setenv(clock.ENV, "2026-10-26")
    repo.save_protocol(eng, MeetingInput(kind="weekly", held_on=date(2026, 10, 19), department_id="sales",
                                         items=[task(), task(owner="far1", text="Выставить счёт"),
                                                ItemInput(kind="decision", text="Планёрка в 9:30")]))
    code, out, _ = run(monkeypatch, capsys, "protocol", "list", "--open", "--owner", "Глеб Холодов", "--json")
    listed = json.loads(out)
    assert code == 0 and listed["date"] == "2026-10-26"
    assert [(i["id"], i["standing"], i["days"], i["deadline"]) for i in listed["items"]] == [
        (1, "overdue", 1, "2026-10-23")]
    code, out, _ = run(monkeypatch, capsys, "protocol", "close", "2", "--note", "счёт выставлен")
    assert (code, out) == (0, "Пункт 2: выполнено.\n")
    code, out, _ = run(monkeypatch, capsys, "protocol", "list")
    lines = out.splitlines()
    assert lines[0].startswith("1  Еженедельное собрание 19.10.2026  Задача  Глеб Холодов  23.10.2026  "
                               "просрочено на 1 рабочий день")
    assert "выполнено 26.10.2026" in lines[2] and lines[4].endswith("принято")
    code, _, err = run(monkeypatch, capsys, "protocol", "list", "--owner", "Холодв")
    assert code == 2 and err == "Ошибка: ответственный «Холодв» нет в списке (похожие: Глеб Холодов (hun1))\n"
    code, _, err = run(monkeypatch, capsys, "protocol", "close", "2")
    assert code == 2 and "пункт 2 уже закрыт" in err and "Traceback" not in err
    code, out, _ = run(monkeypatch, capsys, "protocol", "postpone", "1", "2026-10-30", "--note", "в отпуске")
    assert (code, out) == (0, "Пункт 1: новый срок 30.10.2026.\n")
    code, out, _ = run(monkeypatch, capsys, "protocol", "list", "--open", "--json")
    assert [(i["id"], i["standing"], i["days"], i["note"]) for i in json.loads(out)["items"]] == [
        (1, "due", 4, "в отпуске"), (3, "open", None, "")]
    code, out, _ = run(monkeypatch, capsys, "protocol", "close", "1", "--cancel")
    assert (code, out) == (0, "Пункт 1: отменено.\n")

    template = tmp_path / "t.xlsx"
    code, out, _ = run(monkeypatch, capsys, "protocol", "template", str(template))
    assert code == 0 and out.startswith(f"Шаблон протокола: {template}.")
    fill_template(template, [["Планёрка", "27.10.2026", "", "Обещание", "Оплата", "Кто-то", "28.10.2026"]])
    code, _, err = run(monkeypatch, capsys, "protocol", "import", str(template))
    assert code == 2 and "Traceback" not in err
    assert err == (f"Ошибка: протокол не сохранён, 1 ошибка:\n{template}: строка 2, столбец «Ответственный»: "
                   "ответственный «Кто-то» нет в списке (похожих нет)\n")
