"""The shipped CRM profiles on files in their vendors' real layouts (fake people and companies):
amoCRM's deals export and Bitrix24's, both as field codes and as the list's «Экспорт в Excel»."""

import csv
import html
from datetime import date

import yaml
from import_files import fresh_store, stored, write_text

from salesplan.cli.data import import_summary
from salesplan.config import params_dir
from salesplan.importing import import_file

# amoCRM «Сделки» → «Экспорт»: the standard 76 columns, in order. Six names occur twice.
AMO_COLUMNS = [
    "ID", "Название сделки", "Бюджет ", "Ответственный", "Дата создания сделки", "Кем создана сделка",
    "Дата редактирования", "Кем редактирована", "Дата закрытия", "Теги", "Примечание", "Примечание 2",
    "Примечание 3", "Примечание 4", "Примечание 5", "Этап сделки", "Воронка", "Полное имя контакта",
    "Компания контакта", "Ответственный за контакт", "Компания", "Рабочий телефон",
    "Рабочий прямой телефон", "Мобильный телефон", "Факс", "Домашний телефон", "Другой телефон",
    "Рабочий email", "Личный email", "Другой email", "Город", "Источник", "Должность", "Товар", "Skype",
    "ICQ", "Jabber", "Google Talk", "MSN", "Другой IM", "Пользовательское соглашение", "cid", "uid",
    "tid", "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "utm_referrer",
    "_ym_uid", "_ym_counter", "roistat", "referrer", "openstat_service", "openstat_campaign",
    "openstat_ad", "openstat_source", "from", "gclientid", "gclid", "yclid", "fbclid", "GOOGLE_ID",
    "roistat", "KEYWORD", "ADV_CAMP", "TRAF_TYPE", "TRAF_SRC", "Товар", "Производитель", "cid", "uid",
    "tid", "Источник", "domain",
]
AMO_DEALS = [
    {"ID": "21001", "Название сделки": "Поставка станков ЧПУ", "Бюджет ": "1500000",
     "Ответственный": "Кузнецова Ольга", "Дата создания сделки": "03.02.2025 10:15:00",
     "Кем создана сделка": "Кузнецова Ольга", "Дата закрытия": "27.03.2025 16:40:00",
     "Теги": "опт, станки", "Примечание": "Просили рассрочку,\nсогласовано с директором",
     "Этап сделки": "Успешно реализовано", "Воронка": "Основная", "Полное имя контакта": "Смирнов Алексей",
     "Компания": "ООО «Техностар»", "Мобильный телефон": "+79161234567", "Источник": "Сайт",
     "Товар": "Станки", "utm_source": "yandex", "roistat": "12345"},
    {"ID": "21002", "Название сделки": "Сервисное обслуживание", "Бюджет ": "",
     "Ответственный": "Лебедев Антон", "Дата создания сделки": "05.02.2025 09:00:00",
     "Дата закрытия": "не закрыта", "Этап сделки": "Переговоры", "Воронка": "Основная",
     "Полное имя контакта": "Волкова Ирина", "cid": "1700000000.123"},
    {"ID": "21003", "Название сделки": "Аренда склада", "Бюджет ": "250000",
     "Ответственный": "Кузнецова Ольга", "Дата создания сделки": "10.02.2025 14:30:00",
     "Дата закрытия": "14.03.2025 12:00:00", "Этап сделки": "Закрыто и не реализовано",
     "Воронка": "Основная", "Полное имя контакта": "Смирнов Алексей", "Компания": "ООО «Техностар»"},
    {"ID": "21004", "Название сделки": "Запчасти", "Бюджет ": "48 500",
     "Ответственный": "Лебедев Антон", "Дата создания сделки": "12.02.2025 11:05:00",
     "Дата закрытия": "не закрыта", "Этап сделки": "Первичный контакт", "Воронка": "Дилеры",
     "Компания": "АО «Северный путь»"},
    {"ID": "21005", "Название сделки": "Монтаж линии", "Бюджет ": "0",
     "Ответственный": "Лебедев Антон", "Дата создания сделки": "31.02.2025 10:00:00",
     "Дата закрытия": "не закрыта", "Этап сделки": "Счёт выставлен", "Воронка": "Дилеры",
     "Компания": "АО «Северный путь»"},
]


def with_stages(folder, shipped: str, stages: dict[str, str]) -> str:
    """A user's copy of a shipped profile whose outcome map also lists ``stages``."""
    profile = yaml.safe_load((params_dir() / "profiles" / f"{shipped}.yaml").read_text(encoding="utf-8"))
    profile["tables"]["deals"]["outcome"]["map"].update(stages)
    mine = folder / f"{shipped}_ours.yaml"
    mine.write_text(yaml.safe_dump(profile, allow_unicode=True), encoding="utf-8")
    return str(mine)


def amo_export(path, deals):
    """A deals export as amoCRM writes it: UTF-8 with a BOM, commas, every field quoted."""
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, quoting=csv.QUOTE_ALL)
        writer.writerow(AMO_COLUMNS)
        writer.writerows([deal.get(c, "") for c in AMO_COLUMNS] for deal in deals)
    return path


def test_an_amocrm_export_in_its_real_layout(tmp_path):
    path = amo_export(tmp_path / "amocrm_export_leads_2025-03-31.csv", AMO_DEALS)
    eng = fresh_store(tmp_path)
    result = import_file(eng, "deals", path, "amocrm", rejects_dir=tmp_path)
    assert (result.rows_read, result.rows_accepted, result.rows_rejected) == (5, 4, 1)
    read = {"ID", "Название сделки", "Бюджет", "Ответственный", "Дата создания сделки", "Дата закрытия",
            "Этап сделки", "Воронка", "Полное имя контакта", "Компания"}
    assert set(result.ignored_columns) == {c.strip() for c in AMO_COLUMNS} - read
    assert result.new_clients == ["АО «Северный путь»", "Волкова Ирина", "ООО «Техностар»"]
    columns = ["title", "client_id", "manager_id", "pipeline", "amount", "created", "closed", "outcome"]
    assert stored(eng, "deals", columns) == {
        "21001": ("Поставка станков ЧПУ", "ooo-tekhnostar", "kuznetsova-olga", "Основная", 150000000,
                  date(2025, 2, 3), date(2025, 3, 27), "won"),
        # no company: the main contact; an empty budget is unknown; «не закрыта»: open
        "21002": ("Сервисное обслуживание", "volkova-irina", "lebedev-anton", "Основная", None,
                  date(2025, 2, 5), None, "open"),
        "21003": ("Аренда склада", "ooo-tekhnostar", "kuznetsova-olga", "Основная", 25000000,
                  date(2025, 2, 10), date(2025, 3, 14), "lost"),
        "21004": ("Запчасти", "ao-severnyi-put", "lebedev-anton", "Дилеры", 4850000,
                  date(2025, 2, 12), None, "open"),
    }
    rejected = result.rejects_path.read_text(encoding="utf-8-sig")
    # 31 February, on line 7: the first deal's note spans two lines
    assert ";7;Дата создания сделки;не дата" in rejected


def test_renamed_final_stages_are_listed_in_the_profile(tmp_path):
    mine = with_stages(tmp_path, "amocrm", {"Оплачено": "won", "Отказ клиента": "lost"})
    deals = [
        {**AMO_DEALS[0], "Этап сделки": "оплачено"},
        {**AMO_DEALS[2], "Этап сделки": "Отказ клиента"},
        {**AMO_DEALS[3], "Этап сделки": "Успешно реализовано", "Дата закрытия": "20.03.2025 10:00:00"},
    ]
    eng = fresh_store(tmp_path)
    result = import_file(eng, "deals", amo_export(tmp_path / "export.csv", deals), mine)
    assert result.rows_rejected == 0
    assert stored(eng, "deals", ["outcome"]) == {"21001": ("won",), "21003": ("lost",), "21004": ("won",)}


def test_an_older_amocrm_export_with_other_spellings(tmp_path):
    path = write_text(tmp_path / "deals.csv", [
        "ID;Название сделки;Бюджет;Ответственный;Дата создания;Дата закрытия сделки;Этап сделки;"
        "Воронка;Компания;Основной контакт;Теги",
        "7;Поставка;10 000;Кузнецова Ольга;01.03.2025;НЕ ЗАКРЫТА;Переговоры;Основная;;Орлов Павел;",
    ])
    eng = fresh_store(tmp_path)
    result = import_file(eng, "deals", path, "amocrm")
    assert result.rows_accepted == 1
    assert stored(eng, "deals", ["client_id", "created", "closed", "outcome"]) == {
        "7": ("orlov-pavel", date(2025, 3, 1), None, "open")}


# Bitrix24 CRM → Сделки → «Экспорт в Excel»: an HTML table saved as .xls, one row per product.
BITRIX_COLUMNS = [
    "ID", "Название сделки", "Стадия сделки", "Воронка", "Сумма", "Валюта", "Ответственный", "Компания",
    "Контакт", "Дата создания", "Предполагаемая дата закрытия", "Товар", "Цена", "Количество",
]
DEAL_501 = ["501", "Оснащение цеха", "Сделка успешна", "Общая", "450000.00", "RUB", "Кузнецова Ольга",
            "ООО «Техностар»", "Смирнов Алексей", "03.02.2025 10:15:00", "28.03.2025"]
DEAL_504 = ["504", "Тендер на поставку", "Договор подписан", "Тендеры", "1200000.00", "RUB",
            "Лебедев Антон", "АО «Северный путь»", "", "10.02.2025 09:00:00", "31.03.2025"]
DEAL_507 = ["507", "Ремонт линии", "В работе", "Общая", "90000.00", "RUB", "Лебедев Антон",
            "ООО «Техностар»", "", "31.02.2025 12:00:00", "30.04.2025"]
BITRIX_ROWS = [
    [*DEAL_501, "Станок ТВ-4", "300000.00", "1"],
    [*DEAL_501, "Монтаж станка", "150000.00", "1"],
    ["502", "Сервисный контракт", "Анализ причины провала", "Общая", "80000.00", "RUB", "Кузнецова Ольга",
     "", "Волкова Ирина", "04.02.2025 11:00:00", "20.03.2025", "Сервис, год", "80000.00", "1"],
    ["503", "Запчасти", "Сделка провалена", "Общая", "15000.00", "RUB", "Лебедев Антон",
     "АО «Северный путь»", "", "05.02.2025 16:20:00", "01.03.2025", "", "", ""],
    [*DEAL_504, "Станок ТВ-4", "300000.00", "3"],
    [*DEAL_504, "Пусконаладка", "150000.00", "2"],
    [*DEAL_504, "Станок ТВ-4", "300000.00", "1"],
    ["505", "Поставка фрез", "Нет финансирования", "Тендеры", "60000.00", "RUB", "Лебедев Антон",
     "АО «Северный путь»", "", "11.02.2025 10:00:00", "15.03.2025", "Фреза", "600.00", "100"],
    ["506", "Модернизация", "Подготовка заявки", "Тендеры", "700000.00", "RUB", "Кузнецова Ольга",
     "ООО «Техностар»", "", "12.02.2025 13:00:00", "30.05.2025", "", "", ""],
    [*DEAL_507, "Диагностика", "10000.00", "1"],
    [*DEAL_507, "Ремонт", "80000.00", "1"],
]


def bitrix_xls(path, rows, columns=BITRIX_COLUMNS):
    """The deal list as Bitrix24 exports it to «Excel»: an HTML table in UTF-8."""
    cells = lambda tag, row: "".join(f"<{tag}>{html.escape(v)}</{tag}>" for v in row)  # noqa: E731
    body = "".join(f"<tr>{cells('td', row)}</tr>\n" for row in rows)
    path.write_text(
        '<meta http-equiv="Content-type" content="text/html;charset=UTF-8" />\n'
        f'<table border="1">\n<thead><tr>{cells("th", columns)}</tr></thead>\n'
        f"<tbody>\n{body}</tbody>\n</table>\n",
        encoding="utf-8",
    )
    return path


def test_a_bitrix24_list_export_with_products_and_two_pipelines(tmp_path):
    # the «Тендеры» pipeline renamed its final stages and has a failure stage of its own
    mine = with_stages(tmp_path, "bitrix24_excel", {"Договор подписан": "won", "Нет финансирования": "lost"})
    path = bitrix_xls(tmp_path / "DEAL_20250401_5f1c2a9b_6612e3a4b5c6d.xls", BITRIX_ROWS)
    eng = fresh_store(tmp_path)
    result = import_file(eng, "deals", path, mine, rejects_dir=tmp_path)
    # 11 product rows: 7 deals; deal 507 (31 February) is rejected with both its rows
    assert (result.rows_read, result.rows_accepted, result.rows_rejected) == (11, 9, 2)
    assert result.records_accepted == 6
    assert "из них записей (строки с одним ID — одна запись): 6" in import_summary(result)
    assert sorted(result.ignored_columns) == ["Валюта", "Количество", "Цена"]
    columns = ["pipeline", "stage", "outcome", "amount", "product", "client_id", "closed", "expected_date"]
    assert stored(eng, "deals", columns) == {
        "501": ("Общая", "Сделка успешна", "won", 45000000, "Станок ТВ-4, Монтаж станка", "ooo-tekhnostar",
                date(2025, 3, 28), None),
        "502": ("Общая", "Анализ причины провала", "lost", 8000000, "Сервис, год", "volkova-irina",
                date(2025, 3, 20), None),
        "503": ("Общая", "Сделка провалена", "lost", 1500000, None, "ao-severnyi-put",
                date(2025, 3, 1), None),
        # the deal's sum, not the sum of its rows; a product listed twice is named once
        "504": ("Тендеры", "Договор подписан", "won", 120000000, "Станок ТВ-4, Пусконаладка",
                "ao-severnyi-put", date(2025, 3, 31), None),
        "505": ("Тендеры", "Нет финансирования", "lost", 6000000, "Фреза", "ao-severnyi-put",
                date(2025, 3, 15), None),
        "506": ("Тендеры", "Подготовка заявки", "open", 70000000, None, "ooo-tekhnostar", None,
                date(2025, 5, 30)),
    }
    with result.rejects_path.open(encoding="utf-8-sig") as f:
        rejected = list(csv.DictReader(f, delimiter=";"))
    assert [(r["row_number"], r["Товар"], r["column"]) for r in rejected] == [
        ("11", "Диагностика", "Дата создания"), ("12", "Ремонт", "Дата создания")]


def test_the_shipped_list_profile_knows_the_default_final_stages(tmp_path):
    rows = [row for row in BITRIX_ROWS if row[3] == "Общая" and row[0] != "507"]
    eng = fresh_store(tmp_path)
    result = import_file(eng, "deals", bitrix_xls(tmp_path / "deals.xls", rows), "bitrix24_excel")
    assert (result.rows_read, result.rows_accepted, result.records_accepted) == (4, 4, 3)
    assert stored(eng, "deals", ["outcome"]) == {"501": ("won",), "502": ("lost",), "503": ("lost",)}


def test_a_bitrix24_field_code_export_with_several_pipelines(tmp_path):
    path = write_text(tmp_path / "deals.csv", [
        "ID;TITLE;CATEGORY_ID;STAGE_ID;STAGE_SEMANTIC_ID;OPPORTUNITY;CURRENCY_ID;COMPANY_TITLE;"
        "ASSIGNED_BY_NAME;DATE_CREATE;CLOSEDATE",
        "11;Поставка;0;WON;S;100000.00;RUB;ООО «Техностар»;Кузнецова Ольга;03.02.2025 10:00:00;28.03.2025",
        "12;Тендер;3;C3:LOSE;F;50000.00;RUB;АО «Северный путь»;Лебедев Антон;04.02.2025 10:00:00;10.03.2025",
        "13;Тендер 2;3;C3:APOLOGY;F;70000.00;RUB;АО «Северный путь»;Лебедев Антон;05.02.2025 10:00:00;"
        "11.03.2025",
        "14;Тендер 3;3;C3:UC_7K2QXM;F;30000.00;RUB;АО «Северный путь»;Лебедев Антон;06.02.2025 10:00:00;"
        "12.03.2025",
        "15;Дилер;5;C5:WON;S;20000.00;RUB;ООО «Техностар»;Кузнецова Ольга;07.02.2025 10:00:00;13.03.2025",
        "16;Дилер 2;5;C5:PREPARATION;P;40000.00;RUB;ООО «Техностар»;Кузнецова Ольга;08.02.2025 10:00:00;"
        "30.04.2025",
    ])
    eng = fresh_store(tmp_path)
    result = import_file(eng, "deals", path, "bitrix24")
    assert (result.rows_accepted, result.rows_rejected) == (6, 0)
    assert stored(eng, "deals", ["pipeline", "stage", "outcome", "closed", "expected_date"]) == {
        "11": ("0", "WON", "won", date(2025, 3, 28), None),
        "12": ("3", "C3:LOSE", "lost", date(2025, 3, 10), None),
        "13": ("3", "C3:APOLOGY", "lost", date(2025, 3, 11), None),
        "14": ("3", "C3:UC_7K2QXM", "lost", date(2025, 3, 12), None),
        "15": ("5", "C5:WON", "won", date(2025, 3, 13), None),
        "16": ("5", "C5:PREPARATION", "open", None, date(2025, 4, 30)),
    }
