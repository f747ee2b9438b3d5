"""The weekly payment plan template: written pre-filled for a manager, filled in (openpyxl, as a
manager's spreadsheet would), imported back; bad rows are refused naming file, row and column."""

from datetime import date, datetime

import pytest
from cli_run import run
from openpyxl import load_workbook
from payplan_store import base_store

from salesplan import clock, store
from salesplan.money import fmt_rub
from salesplan.payplan import repository as repo


@pytest.fixture()
def env(tmp_path, monkeypatch):
    monkeypatch.setenv("SALESPLAN_USER", "anna")
    base_store(tmp_path / "store.db")
    clock.set_today(datetime(2026, 11, 13, 16, 0))  # Friday: next week's plan
    yield tmp_path, f"sqlite:///{tmp_path / 'store.db'}"
    clock.set_today(None)


def template(monkeypatch, capsys, folder, db) -> tuple[str, object]:
    code, out, err = run(monkeypatch, capsys, "payplan", "template", "--week", "2026-W47",
                         "--manager", "a", "--out", str(folder), "--db", db)
    assert (code, err) == (0, "")
    path = folder / "payment_plan_2026-W47_a.xlsx"
    return out, path


def data_rows(ws) -> list[tuple]:
    return [row for row in ws.iter_rows(min_row=7, max_col=11, values_only=True) if any(row)]


def test_the_template_is_prefilled_with_the_weeks_expected_payments(env, monkeypatch, capsys):
    folder, db = env
    out, path = template(monkeypatch, capsys, folder, db)
    ws = load_workbook(path)["План оплат"]
    assert (ws["B2"].value, ws["B3"].value, ws["C3"].value) == ("2026-W47", "a", "Анна")
    assert [c.value for c in ws[6]][:12] == [
        "ID клиента", "Клиент", "Контакт", "Вид деятельности", "Годовой оборот, ₽", "ID сделки", "Сделка",
        "Ожидаемая дата оплаты", "Сумма, ₽", "Стадия", "Вероятность", "Взвешенная сумма, ₽"]
    assert [(r[0], r[1], r[3], r[5], r[6], r[7].date(), r[8], r[9], r[10]) for r in data_rows(ws)] == [
        ("c1", "Альфа", "Производство", "d1", "Поставка станков", date(2026, 11, 17), 100_000,
         "принятие решения", 0.9),
        ("c2", "Бета", "Производство", "d2", "Сервисный контракт", date(2026, 11, 18), 200_000,
         "презентация", 0.4),
        ("c3", "Гамма", "Производство", "d3", "Запчасти", date(2026, 11, 19), 150_000,
         "финальное предложение", 0.75),
        ("c4", "Дельта", "Производство", "d4", "Обучение", date(2026, 11, 20), 50_000, "потребность", 0.25),
    ]
    assert {r[4] for r in data_rows(ws)} == {0}  # the clients paid nothing in the year before
    assert ws["L7"].value == "=I7*K7"
    # 500 000 ₽ in all; weighted 90 000 + 80 000 + 112 500 + 12 500
    assert out == f"Шаблон плана оплат: {path} — 4 строки, сумма {fmt_rub(50_000_000)}, " \
                  f"взвешенная {fmt_rub(29_500_000)}\n"


def test_fill_import_and_the_stored_rows_are_what_was_filled(env, monkeypatch, capsys):
    folder, db = env
    _, path = template(monkeypatch, capsys, folder, db)
    book = load_workbook(path)
    ws = book["План оплат"]
    for cell in ws[7][:11]:  # d1 is removed: the whole row cleared
        cell.value = None
    ws["H8"] = datetime(2026, 11, 25)  # d2 later
    ws["C8"] = "Ирина Петрова, +7 900 000-00-00"
    ws["K9"] = 80  # d3: 80 %, typed as a number
    ws["I10"] = "55 500"  # d4: amount typed as text
    ws["E10"] = 1_200_000
    new = {"B11": "Омега", "G11": "Новый заказ", "H11": "20.11.2026", "I11": 30_000, "K11": "50 %"}
    for cell, value in new.items():
        ws[cell] = value
    book.save(path)

    code, out, err = run(monkeypatch, capsys, "payplan", "import", str(path), "--db", db)
    assert (code, err) == (0, "")
    # 200 000 + 150 000 + 55 500 + 30 000; weighted 80 000 + 120 000 + 13 875 + 15 000
    assert out == (f"Принят план оплат на неделю «2026-W47» менеджера a: версия 1, 4 строки, "
                   f"сумма {fmt_rub(43_550_000)}, взвешенная {fmt_rub(22_887_500)}\n")
    stored = repo.latest(store.engine(db), "week", "2026-W47", "a")
    assert stored.version == 1 and stored.submitted_by == "anna"
    assert stored.rows[["client_id", "client", "contact", "annual_turnover", "deal_id", "deal",
                        "expected_date", "amount", "probability"]].astype(object).pipe(
        lambda f: f.where(f.notna(), None)).to_dict("records") == [
        {"client_id": "c2", "client": "Бета", "contact": "Ирина Петрова, +7 900 000-00-00",
         "annual_turnover": 0, "deal_id": "d2", "deal": "Сервисный контракт",
         "expected_date": date(2026, 11, 25), "amount": 20_000_000, "probability": 0.4},
        {"client_id": "c3", "client": "Гамма", "contact": "", "annual_turnover": 0, "deal_id": "d3",
         "deal": "Запчасти", "expected_date": date(2026, 11, 19), "amount": 15_000_000, "probability": 0.8},
        {"client_id": "c4", "client": "Дельта", "contact": "", "annual_turnover": 120_000_000,
         "deal_id": "d4", "deal": "Обучение", "expected_date": date(2026, 11, 20), "amount": 5_550_000,
         "probability": 0.25},
        {"client_id": None, "client": "Омега", "contact": "", "annual_turnover": None, "deal_id": None,
         "deal": "Новый заказ", "expected_date": date(2026, 11, 20), "amount": 3_000_000,
         "probability": 0.5},
    ]

    # the next template starts from the version submitted; imported unchanged, it is version 2
    template(monkeypatch, capsys, folder, db)
    code, out, _ = run(monkeypatch, capsys, "payplan", "import", str(path), "--db", db)
    assert code == 0 and "версия 2" in out
    again = repo.latest(store.engine(db), "week", "2026-W47", "a")
    assert again.rows.equals(stored.rows)
    assert repo.versions(store.engine(db), "week", "2026-W47", "a")["version"].tolist() == [2, 1]


def test_bad_rows_are_refused_naming_file_row_and_column(env, monkeypatch, capsys):
    folder, db = env
    _, path = template(monkeypatch, capsys, folder, db)
    book = load_workbook(path)
    ws = book["План оплат"]
    ws["I7"] = None  # d1 without an amount
    ws["H8"] = "31.02.2026"
    ws["K9"] = 150
    ws["F10"] = "zz"
    ws["B11"], ws["I11"] = "Омега", "сто тысяч"  # a new deal: no date, no probability, a word for a sum
    book.save(path)
    code, out, err = run(monkeypatch, capsys, "payplan", "import", str(path), "--db", db)
    name = path.name
    assert (code, out) == (2, "")
    where = {r: f"  файл {name}, строка {r}, столбец " for r in range(7, 12)}
    assert err.splitlines() == [
        "Ошибка: План оплат не принят (7 ошибок):",
        f"{where[7]}I («Сумма, ₽»): не заполнено — ожидается сумма в рублях",
        f"{where[8]}H («Ожидаемая дата оплаты»): «31.02.2026» — ожидается дата ДД.ММ.ГГГГ",
        f"{where[9]}K («Вероятность»): «150» — ожидается вероятность от 0 до 100 %",
        f"{where[10]}F («ID сделки»): сделки «zz» нет в базе — оставьте ячейку пустой для новой сделки",
        f"{where[11]}H («Ожидаемая дата оплаты»): не заполнено — ожидается дата оплаты ДД.ММ.ГГГГ",
        f"{where[11]}I («Сумма, ₽»): «сто тысяч» — ожидается сумма в рублях, например 150000 или 150 000,50",
        f"{where[11]}K («Вероятность»): не заполнено — ожидается вероятность от 0 до 100 %"]
    assert repo.plans(store.engine(db)).empty


def test_a_template_for_an_unknown_manager_or_week_is_refused(env, monkeypatch, capsys):
    folder, db = env
    code, _, err = run(monkeypatch, capsys, "payplan", "template", "--week", "2026-W47",
                       "--manager", "nobody", "--out", str(folder), "--db", db)
    assert code == 2 and err == "Ошибка: Менеджер: менеджера «nobody» нет в базе; известные: a, b\n"
    code, _, err = run(monkeypatch, capsys, "payplan", "template", "--week", "2026-47",
                       "--manager", "a", "--out", str(folder), "--db", db)
    assert code == 2 and "2026-47" in err and "Traceback" not in err
