"""Mapping profiles as data: the shipped ones, a user's own, and the errors of a bad one."""

import shutil
from datetime import date, datetime

import pytest
from import_files import fresh_store, write_text, write_xlsx

from salesplan import store
from salesplan.config import params_dir
from salesplan.errors import ParamsError
from salesplan.importing import ImportFileError, import_file
from salesplan.importing.profiles import available_formats, load_profile

TELEPHONY = """\
description: Telephony call log
tables:
  calls:
    id: Идентификатор звонка
    started_at: {source: Начало, format: "%d/%m/%Y %H:%M"}
    manager: Сотрудник
    direction:
      source: Тип
      map: {Входящий: in, Исходящий: out, Пропущенный: in}
    duration_s: Длительность
    result: {source: Статус, optional: true}
    phone: Номер клиента
"""

ONE_C = """\
description: 1C payments (Банковская выписка)
tables:
  payments:
    id: Номер документа
    date: Дата
    amount: Сумма
    client: Контрагент
    manager: {source: Менеджер, optional: true}
    deal_id: {source: Сделка, optional: true}
"""


@pytest.fixture
def home(tmp_path, monkeypatch):
    """A project folder of its own, with a copy of the shipped ``params/`` (``params/profiles``
    for the user's profiles)."""
    shutil.copytree(params_dir(), tmp_path / "params")
    monkeypatch.setenv("SALESPLAN_HOME", str(tmp_path))
    return tmp_path


def test_shipped_profiles_use_the_export_columns():
    amo = load_profile("amocrm").tables["deals"]
    assert {s for rule in amo.values() for s in rule.source} == {
        "ID", "Название сделки", "Компания", "Основной контакт", "Полное имя контакта", "Бюджет",
        "Дата создания сделки", "Дата создания", "Дата закрытия сделки", "Дата закрытия",
        "Ответственный", "Воронка", "Этап сделки",
    }
    assert amo["closed"].empty == ["не закрыта"]
    assert amo["outcome"].map == {"Успешно реализовано": "won", "Закрыто и не реализовано": "lost"}
    assert amo["outcome"].default == "open"
    bitrix = load_profile("bitrix24").tables["deals"]
    assert {s for rule in bitrix.values() for s in rule.source} == {
        "ID", "TITLE", "COMPANY_TITLE", "OPPORTUNITY", "STAGE_ID", "STAGE", "STAGE_SEMANTIC_ID",
        "ASSIGNED_BY_NAME", "DATE_CREATE", "CLOSEDATE", "CATEGORY_ID",
    }
    assert bitrix["outcome"].map == {"S": "won", "F": "lost", "P": "open"}


def test_a_users_telephony_profile_picked_by_name(home):
    (home / "params" / "profiles" / "telephony.yaml").write_text(TELEPHONY, encoding="utf-8")
    shipped = sorted(p.stem for p in (home / "params" / "profiles").glob("*.yaml"))
    assert {"amocrm", "bitrix24", "bitrix24_excel", "1c_payments", "sipuni", "asterisk", "telephony"} <= set(
        shipped)
    assert available_formats() == ["canonical", *shipped]
    path = write_text(
        home / "calls.csv",
        [
            "Идентификатор звонка;Начало;Сотрудник;Тип;Длительность;Номер клиента;Запись",
            "c-1;15/01/2025 10:23;Иванова Мария;Входящий;0:02:05;+79000000000;https://rec/1",
            "c-2;15/01/2025 11:00;Иванова Мария;исходящий;95;+79000000001;",
            "c-3;15/01/2025 12:00;Иванова Мария;Конференция;10;+79000000002;",
        ],
    )
    eng = fresh_store(home)
    result = import_file(eng, "calls", path, "telephony", rejects_dir=home)
    assert (result.rows_accepted, result.rows_rejected) == (2, 1)  # "Конференция" is no direction
    assert result.ignored_columns == ["Запись"]
    calls = store.read_table(eng, "calls").set_index("id")
    assert calls[["started_at", "direction", "duration_s", "result"]].values.tolist() == [
        [datetime(2025, 1, 15, 10, 23), "in", 125, None],
        [datetime(2025, 1, 15, 11, 0), "out", 95, None],
    ]
    assert calls.index.tolist() == ["c-1", "c-2"]


def test_a_1c_payments_profile_given_as_a_path_reads_an_xlsx(tmp_path):
    profile = tmp_path / "1c.yaml"
    profile.write_text(ONE_C, encoding="utf-8")
    path = write_xlsx(
        tmp_path / "выписка.xlsx",
        [
            ["Номер документа", "Дата", "Сумма", "Контрагент"],
            ["0000-000123", date(2025, 3, 3), 150000.0, "ООО «Ромашка»"],
            ["0000-000124", "04.03.2025", "12 345,67", "ИП Петров"],
        ],
    )
    eng = fresh_store(tmp_path)
    result = import_file(eng, "payments", path, str(profile))
    assert result.new_clients == ["ИП Петров", "ООО «Ромашка»"]
    payments = store.read_table(eng, "payments").set_index("id")
    assert payments[["amount", "client_id", "manager_id"]].to_dict("index") == {
        "0000-000123": {"amount": 15000000, "client_id": "ooo-romashka", "manager_id": None},
        "0000-000124": {"amount": 1234567, "client_id": "ip-petrov", "manager_id": None},
    }


def test_a_profile_column_missing_from_the_file_is_a_file_error(tmp_path):
    path = write_text(tmp_path / "bitrix.csv", [
        "ID;TITLE;COMPANY_TITLE;OPPORTUNITY;STAGE_SEMANTIC_ID;ASSIGNED_BY_NAME;DATE_CREATE;CLOSEDATE",
        "1;A;B;1;P;C;01.01.2025;",
    ])
    with pytest.raises(ImportFileError, match="нет обязательных столбцов: STAGE / STAGE_ID"):
        import_file(fresh_store(tmp_path), "deals", path, "bitrix24")


def test_an_unmapped_value_without_a_default_is_checked_as_it_is(tmp_path):
    path = write_text(tmp_path / "bitrix.csv", [
        "ID;TITLE;COMPANY_TITLE;OPPORTUNITY;STAGE_ID;STAGE_SEMANTIC_ID;ASSIGNED_BY_NAME;DATE_CREATE;CLOSEDATE",
        "1;A;B;1;NEW;p;C;01.01.2025;",
        "2;A;B;1;NEW;X;C;01.01.2025;",
    ])
    result = import_file(fresh_store(tmp_path), "deals", path, "bitrix24", rejects_dir=tmp_path)
    assert (result.rows_accepted, result.rows_rejected) == (1, 1)
    assert "STAGE_SEMANTIC_ID;недопустимое значение" in result.rejects_path.read_text(encoding="utf-8-sig")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("tables: {orders: {id: ID}}",
         ": tables.orders: такой таблицы нет; есть: departments, managers, clients, deals, payments, "
         "calls, leads"),
        (
            "tables: {deals: {id: ID, created: D, outcome: O, manager: M, budget: B}}",
            ": tables.deals: не канонические столбцы: budget; ожидались из: ",
        ),
        (
            "tables: {deals: {id: ID, created: D}}",
            ": tables.deals: не сопоставлены обязательные столбцы: manager_id / manager, outcome",
        ),
        ("tables: {calls: {id: {map: {a: b}}}}",
         ': ключ tables.calls.id = {"map": {"a": "b"}}: '
         "правилу нужен столбец-источник (source) или значение по умолчанию (default)"),
        ("tables: {calls: {id: {source: A, sorce: B}}}",
         ': ключ tables.calls.id.sorce = "B": неизвестный ключ; может быть, source?'),
        ("tables: [", ", строка 2, столбец 1: ошибка в синтаксисе YAML — ожидалось значение"),
    ],
)
def test_a_bad_profile_names_the_file_and_the_key(tmp_path, text, words):
    profile = tmp_path / "mine.yaml"
    profile.write_text(text, encoding="utf-8")
    with pytest.raises(ParamsError) as error:
        load_profile(str(profile))
    assert str(error.value).startswith(f"{profile}{words}")
