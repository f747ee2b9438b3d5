"""1C exports in their own layouts: the incoming payments list, the bank statements journal and
the trial balance of account 62 (title rows, a two-row header, account and «Итого» rows).
Totals are worked out by hand from the rows below."""

from datetime import date, datetime

import pandas as pd
import pytest
from import_files import fresh_store, write_text, write_xlsx

from salesplan import store
from salesplan.control.frames import load_frames
from salesplan.control.receivables import aging, receivables
from salesplan.importing import import_file

CLIENTS = [
    "id;name;inn",
    "c1;ООО «Ромашка»;7707083893",
    "c2;АО «Вектор»;5408131553",
    "c3;ИП Ёлкин Пётр Ильич;500100732259",
]


@pytest.fixture()
def eng(tmp_path):
    engine = fresh_store(tmp_path)
    assert import_file(engine, "clients", write_text(tmp_path / "clients.csv", CLIENTS)).rows_accepted == 3
    return engine


def payments(engine) -> pd.DataFrame:
    return store.read_table(engine, "payments").set_index("id").sort_index()


def test_the_incoming_payments_list(eng, tmp_path):
    """«Поступления на расчетный счет» as «Вывести список» saves it: dates with a time, numbers
    with the 1C prefix, sums as numbers or as text with spaces."""
    path = write_xlsx(tmp_path / "Поступления.xlsx", [
        ["Дата", "Номер", "Сумма", "Контрагент", "ИНН", "Назначение платежа", "Вид операции",
         "Организация"],
        [datetime(2026, 10, 1, 10, 15), "0000-000101", 120000, "Ромашка ООО", "7707083893",
         "Оплата по счету № 15 от 25.09.2026, в т.ч. НДС", "Оплата от покупателя", "ООО «Наша фирма»"],
        [datetime(2026, 10, 2, 11, 0), "0000-000102", "45 500,50", "Вектор АО", None,
         "Оплата по счету № 16", "Оплата от покупателя", "ООО «Наша фирма»"],
        [datetime(2026, 10, 5, 9, 30), "0000-000103", 7800.25, "Ёлкин П. И. ИП", "500100732259",
         "Оплата по счету № 17", "Оплата от покупателя", "ООО «Наша фирма»"],
        [datetime(2026, 10, 6, 16, 45), "0000-000104", 30000, "ООО \"Лютик\"", "7701234567",
         "Предоплата по договору 3", "Оплата от покупателя", "ООО «Наша фирма»"],
    ])
    result = import_file(eng, "payments", path, "1c_payments", rejects_dir=tmp_path)
    assert (result.rows_read, result.rows_accepted, result.rows_rejected) == (4, 4, 0)
    stored = payments(eng)
    # 120 000 + 45 500,50 + 7 800,25 + 30 000 = 203 300,75 roubles
    assert stored["amount"].sum() == 20_330_075
    assert stored["client_id"].to_dict() == {
        "0000-000101": "c1", "0000-000102": "c2", "0000-000103": "c3", "0000-000104": "ooo-liutik"}
    assert stored.loc["0000-000102", "date"] == pd.Timestamp(2026, 10, 2)
    assert result.new_clients == ["ООО \"Лютик\""]
    assert set(result.ignored_columns) == {"Назначение платежа", "Вид операции", "Организация"}


def test_the_bank_statements_journal_skips_money_paid_out(eng, tmp_path):
    path = write_text(tmp_path / "выписки.csv", [
        "Дата;Номер;Поступление;Списание;Назначение платежа;Контрагент;ИНН;Вид операции",
        "01.10.2026 0:00:00;214;150 000,00;;Оплата по счету 21;Ромашка ООО;7707083893;Оплата от покупателя",
        "01.10.2026 0:00:00;88;;12 000,00;Аренда за октябрь;Бизнес-центр ООО;7712345678;Оплата поставщику",
        "02.10.2026 0:00:00;215;9 999,99;;Оплата по счету 22;Вектор АО;5408131553;Оплата от покупателя",
        "03.10.2026 0:00:00;89;;1 500,00;Комиссия банка;Сбербанк ПАО;7707083893;Прочее списание",
    ], encoding="cp1251")
    result = import_file(eng, "payments", path, "1c_bank_statement", rejects_dir=tmp_path)
    assert (result.rows_read, result.rows_accepted, result.rows_rejected) == (4, 2, 0)
    assert result.skipped_rows == [3, 5]
    stored = payments(eng)
    assert stored["amount"].to_dict() == {"214": 15_000_000, "215": 999_999}  # 150 000 + 9 999,99
    assert stored["client_id"].to_dict() == {"214": "c1", "215": "c2"}
    assert result.new_clients == []


def osv_62(path, rows: list[list]):
    """ОСВ по счету 62 as 1C:Бухгалтерия saves it: title rows, a blank row, a two-row header,
    the account's row, the counterparties, «Итого»."""
    return write_xlsx(path, [
        ["ООО «Наша фирма»"],
        ["Оборотно-сальдовая ведомость по счету 62 за Октябрь 2026 г."],
        ["Выводимые данные: БУ (данные бухгалтерского учета)"],
        [],
        ["Счет", "Сальдо на начало периода", None, "Обороты за период", None, "Сальдо на конец периода"],
        ["Контрагенты", "Дебет", "Кредит", "Дебет", "Кредит", "Дебет", "Кредит"],
        *rows,
    ])


OCTOBER = [
    ["62", 300000, 20000, 900000, 750000, 450000, 20000],
    ["Ромашка ООО", 200000, None, 500000, 400000, 300000, None],
    ["Вектор АО", 100000, None, 250000, 200000, 150000, None],
    ["Ёлкин Пётр Ильич ИП", None, 20000, 150000, 150000, None, 20000],  # prepaid: owes nothing
    ["Итого", 300000, 20000, 900000, 750000, 450000, 20000],
]


def test_the_trial_balance_of_account_62_gives_each_counterpartys_closing_debt(eng, tmp_path):
    path = osv_62(tmp_path / "ОСВ 62.xlsx", OCTOBER)
    result = import_file(eng, "payments", path, "1c_receivables", rejects_dir=tmp_path)
    assert (result.rows_read, result.rows_accepted, result.rows_rejected) == (5, 3, 0)
    assert result.skipped_rows == [7, 11]  # the account's row and «Итого»
    stored = payments(eng)
    assert stored["amount"].to_dict() == {
        "Ромашка ООО": 30_000_000, "Вектор АО": 15_000_000, "Ёлкин Пётр Ильич ИП": 0}
    assert stored["client_id"].to_dict() == {
        "Ромашка ООО": "c1", "Вектор АО": "c2", "Ёлкин Пётр Ильич ИП": "c3"}
    assert stored["date"].isna().all() and stored["due_date"].isna().all()
    # the debts as the control reports see them: 300 000 + 150 000 = 450 000, the report's total
    deal = ["id;client_id;manager;created;closed;outcome;amount", "D1;c1;Иванов Иван;01.09.2026;;open;1000"]
    import_file(eng, "deals", write_text(tmp_path / "deals.csv", deal))  # (the reports expect deals)
    frames = load_frames(eng)
    debts = receivables(frames.payments, frames.deals, date(2026, 10, 31))
    table = aging(debts, by="client_id")
    assert table["total"].sum() == 45_000_000 == table["no_due_date"].sum()


def test_the_next_months_balance_replaces_the_debts(eng, tmp_path):
    import_file(eng, "payments", osv_62(tmp_path / "oct.xlsx", OCTOBER), "1c_receivables")
    november = [  # Ромашка: 300 000 + 100 000 − 300 000 = 100 000; Вектор paid up; Ёлкин prepaid more
        ["62", 450000, 20000, 100000, 470000, 100000, 40000],
        ["Ромашка ООО", 300000, None, 100000, 300000, 100000, None],
        ["Вектор АО", 150000, None, None, 150000, None, None],
        ["Ёлкин Пётр Ильич ИП", None, 20000, None, 20000, None, 40000],
        ["Итого", 450000, 20000, 100000, 470000, 100000, 40000],
    ]
    result = import_file(eng, "payments", osv_62(tmp_path / "nov.xlsx", november), "1c_receivables")
    assert result.rows_accepted == 3
    assert payments(eng)["amount"].to_dict() == {
        "Ромашка ООО": 10_000_000, "Вектор АО": 0, "Ёлкин Пётр Ильич ИП": 0}
