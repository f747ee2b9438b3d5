"""Each import format with a messy, real-world-style file; stored values worked out by hand."""

from datetime import date, datetime

from import_files import stored, write_text, write_xlsx

from salesplan import store
from salesplan.config import company
from salesplan.importing import import_file

NBSP = "\u00a0"


def test_canonical_deals_cp1251_semicolons_decimal_commas(tmp_path, db_url):
    path = write_text(
        tmp_path / "deals.csv",
        [
            "id;title;client;manager;pipeline;stage;amount;margin;created;closed;outcome",
            f"D1;Поставка станков;ООО «Ромашка»;Иванова Мария;Основная;Успешно;"
            f"1{NBSP}234{NBSP}567,89 руб.;200 000,5;15.01.2025;20.02.2025;won",
            "D2;Сервис;ИП Петров;Петров  Пётр;Основная;Переговоры;50 000;;16.01.2025;;open",
            "D3;Запчасти;ООО «Ромашка»;Иванова Мария;Основная;Отказ;7 500,00 р.;;2025-01-20;2025-01-25;LOST",
        ],
        encoding="cp1251",
    )
    eng = store.engine(db_url)
    result = import_file(eng, "deals", path, rejects_dir=tmp_path)
    assert (result.rows_read, result.rows_accepted, result.rows_rejected) == (3, 3, 0)
    assert result.rejects_path is None
    assert result.new_managers == ["Иванова Мария", "Петров Пётр"]
    assert result.new_clients == ["ИП Петров", "ООО «Ромашка»"]
    columns = ["client_id", "manager_id", "amount", "margin", "created", "closed", "outcome"]
    romashka, ivanova = "ooo-romashka", "ivanova-mariia"
    assert stored(eng, "deals", columns) == {
        "D1": (romashka, ivanova, 123456789, 20000050, date(2025, 1, 15), date(2025, 2, 20), "won"),
        "D2": ("ip-petrov", "petrov-petr", 5000000, None, date(2025, 1, 16), None, "open"),
        "D3": (romashka, ivanova, 750000, None, date(2025, 1, 20), date(2025, 1, 25), "lost"),
    }
    default = company().default_department
    assert stored(eng, "managers", ["name", "department_id", "role"]) == {
        "ivanova-mariia": ("Иванова Мария", default, "hunter"),
        "petrov-petr": ("Петров Пётр", default, "hunter"),
    }
    assert stored(eng, "departments", ["name"]) == {default: (company().default_department_name,)}


def test_canonical_deals_utf8_bom_tabs_rouble_sign(tmp_path, db_url):
    path = write_text(
        tmp_path / "deals.tsv",
        [
            "id\tmanager_id\tmanager\tclient_id\tamount\tcreated\tclosed\toutcome\texpected_date",
            "7\tm7\tКузнецова Ольга\tc9\t1 000,50 ₽\t2025-03-01\t\topen\t2025-04-01",
            "8\tm7\t\tc9\t2000.75\t2025-03-02\t2025-03-09\twon\t",
        ],
        encoding="utf-8-sig",
    )
    eng = store.engine(db_url)
    result = import_file(eng, "deals", path)
    assert result.rows_accepted == 2
    assert result.new_managers == ["Кузнецова Ольга"]  # the id is new: named by the row
    assert result.new_clients == ["c9"]  # an unknown client id is named by itself
    assert stored(eng, "deals", ["manager_id", "client_id", "amount", "closed", "expected_date"]) == {
        "7": ("m7", "c9", 100050, None, date(2025, 4, 1)),
        "8": ("m7", "c9", 200075, date(2025, 3, 9), None),
    }
    assert stored(eng, "managers", ["name"]) == {"m7": ("Кузнецова Ольга",)}


AMO_HEADER = (
    "ID,Название сделки,Компания,Основной контакт,Бюджет,Дата создания,Дата закрытия,"
    "Ответственный,Воронка,Этап сделки,Теги"
)


def test_amocrm_export(tmp_path, db_url):
    path = write_text(
        tmp_path / "amocrm_leads_2025.csv",
        [
            AMO_HEADER,
            '3001,"Поставка, монтаж",ООО «Вектор»,Сидоров Иван,"1 500 000,00 ₽",01.03.2025 09:15:00,'
            '15.04.2025 18:00:00,Иванова Мария,Продажи,Успешно реализовано,"опт, повтор"',
            '3002,Консультация,,Анна Смирнова,"25 000 ₽",02.03.2025 10:00:00,,Петров Пётр,Продажи,'
            "Переговоры,",
            "3003,Аренда,ООО «Вектор»,,0,03.03.2025 11:00:00,05.03.2025 12:00:00,Иванова Мария,"
            "Продажи,закрыто и не реализовано,",
        ],
        newline="\r\n",
    )
    eng = store.engine(db_url)
    result = import_file(eng, "deals", path, "amocrm")
    assert (result.rows_read, result.rows_accepted, result.rows_rejected) == (3, 3, 0)
    assert result.ignored_columns == ["Теги"]
    assert result.new_clients == ["Анна Смирнова", "ООО «Вектор»"]  # the contact stands in
    columns = [
        "title", "client_id", "manager_id", "pipeline", "stage", "amount", "created", "closed", "outcome",
    ]
    assert stored(eng, "deals", columns) == {
        "3001": ("Поставка, монтаж", "ooo-vektor", "ivanova-mariia", "Продажи", "Успешно реализовано",
                 150000000, date(2025, 3, 1), date(2025, 4, 15), "won"),
        "3002": ("Консультация", "anna-smirnova", "petrov-petr", "Продажи", "Переговоры",
                 2500000, date(2025, 3, 2), None, "open"),
        "3003": ("Аренда", "ooo-vektor", "ivanova-mariia", "Продажи", "закрыто и не реализовано",
                 0, date(2025, 3, 3), date(2025, 3, 5), "lost"),
    }


BITRIX_HEADER = [
    "ID", "TITLE", "COMPANY_TITLE", "OPPORTUNITY", "STAGE_ID", "STAGE_SEMANTIC_ID",
    "ASSIGNED_BY_NAME", "DATE_CREATE", "CLOSEDATE",
]


def test_bitrix24_xlsx_export(tmp_path, db_url):
    path = write_xlsx(
        tmp_path / "DEAL_20250601.xlsx",
        [
            BITRIX_HEADER,
            [501, "Оборудование", "АО «Север»", 250000.5, "WON", "S", "Иванова Мария",
             datetime(2025, 5, 5, 10, 0), datetime(2025, 6, 1)],
            [502, "Сервис", "АО «Север»", 12000, "NEW", "P", "Петров Пётр",
             datetime(2025, 5, 6, 11, 30), date(2025, 5, 20)],
            [503, "Запчасти", None, "3 000,00", "LOSE", "F", "Иванова Мария",
             "07.05.2025 12:00:00", "10.05.2025"],
        ],
    )
    eng = store.engine(db_url)
    result = import_file(eng, "deals", path, "bitrix24")
    assert (result.rows_read, result.rows_accepted, result.rows_rejected) == (3, 3, 0)
    columns = ["client_id", "amount", "stage", "created", "closed", "expected_date", "outcome"]
    assert stored(eng, "deals", columns) == {
        "501": ("ao-sever", 25000050, "WON", date(2025, 5, 5), date(2025, 6, 1), None, "won"),
        # an open deal's CLOSEDATE is when it is expected to close
        "502": ("ao-sever", 1200000, "NEW", date(2025, 5, 6), None, date(2025, 5, 20), "open"),
        "503": (None, 300000, "LOSE", date(2025, 5, 7), date(2025, 5, 10), None, "lost"),
    }


def test_bitrix24_csv_with_stage_names_tabs_and_zone_offsets(tmp_path, db_url):
    path = write_text(
        tmp_path / "deals.csv",
        [
            "\t".join([*BITRIX_HEADER[:5], "STAGE", *BITRIX_HEADER[5:]]),
            "601\tЛицензии\tООО «Ромашка»\t99 990,00\tC1:NEW\tНовая\tP\tПетров Пётр\t"
            "2025-06-01T10:00:00+03:00\t2025-06-30T00:00:00+03:00",
        ],
        encoding="utf-8-sig",
    )
    eng = store.engine(db_url)
    import_file(eng, "deals", path, "bitrix24")
    assert stored(eng, "deals", ["stage", "amount", "created", "expected_date", "outcome"]) == {
        "601": ("Новая", 9999000, date(2025, 6, 1), date(2025, 6, 30), "open"),
    }


def test_canonical_files_of_every_other_table(tmp_path, db_url):
    eng = store.engine(db_url)
    files = {
        "departments": write_text(tmp_path / "departments.csv", ["id,name", "b2g,Госсектор"]),
        "managers": write_text(
            tmp_path / "managers.csv",
            [
                "id;name;department_id;role;hire_date;leave_date",
                "m1;Иванова Мария;sales;farmer;01.02.2023;",
                "m2;Петров Пётр;;Key-Account;2024-03-01;",
                "m3;Сидоров Иван;b2g;;15.05.2024;31.12.2025",
                "m4;Орлова Анна;b2c;head;;",
            ],
            encoding="utf-8-sig",
        ),
        "clients": write_text(
            tmp_path / "clients.csv",
            ["id,name,segment,inn,manager", 'c1,"ООО ""Ромашка""",SMB,7707083893,Иванова Мария'],
        ),
        "payments": write_xlsx(
            tmp_path / "payments_1c.xlsx",
            [
                ["id", "date", "amount", "client_id", "deal_id", "manager", "due_date"],
                ["P1", date(2025, 2, 25), 1234567.89, "c1", "D1", "Иванова Мария", date(2025, 2, 20)],
                ["P2", None, "50 000,00", "c1", "D2", None, "01.03.2025"],
            ],
        ),
        "calls": write_text(
            tmp_path / "calls.tsv",
            [
                "id\tstarted_at\tmanager_id\tdirection\tduration_s\tresult\tphone",
                "k1\t15.01.2025 10:23:45\tm1\tin\t0:02:05\tдозвон\t+7 900 000-00-00",
                "k2\t2025-01-15T11:00:00\tm2\tOUT\t95\tнедозвон\t",
            ],
        ),
        "leads": write_text(
            tmp_path / "leads.csv",
            [
                "id;created;source;manager;deal_id",
                "L1;10.01.2025;Сайт;Иванова Мария;D1",
                "L2;11.01.2025;Выставка;;",
            ],
            encoding="cp1251",
        ),
    }
    results = {table: import_file(eng, table, path) for table, path in files.items()}
    assert {t: r.rows_rejected for t, r in results.items()} == dict.fromkeys(files, 0)
    assert all(r.new_managers == [] and r.new_clients == [] for r in results.values())
    default = company().default_department
    assert stored(eng, "departments", ["name"]) == {
        "b2g": ("Госсектор",),
        "b2c": ("b2c",),  # first named by a manager
        default: (company().default_department_name,),
    }
    assert stored(eng, "managers", ["department_id", "role", "hire_date", "leave_date"]) == {
        "m1": ("sales", "farmer", date(2023, 2, 1), None),
        "m2": (default, "key_account", date(2024, 3, 1), None),
        "m3": ("b2g", "hunter", date(2024, 5, 15), date(2025, 12, 31)),
        "m4": ("b2c", "head", None, None),
    }
    assert stored(eng, "clients", ["name", "segment", "inn", "manager_id"]) == {
        "c1": ('ООО "Ромашка"', "SMB", "7707083893", "m1"),
    }
    assert stored(eng, "payments", ["date", "amount", "client_id", "deal_id", "manager_id", "due_date"]) == {
        "P1": (date(2025, 2, 25), 123456789, "c1", "D1", "m1", date(2025, 2, 20)),
        "P2": (None, 5000000, "c1", "D2", None, date(2025, 3, 1)),
    }
    assert stored(eng, "calls", ["started_at", "manager_id", "direction", "duration_s", "phone"]) == {
        "k1": (datetime(2025, 1, 15, 10, 23, 45), "m1", "in", 125, "+7 900 000-00-00"),
        "k2": (datetime(2025, 1, 15, 11, 0), "m2", "out", 95, None),
    }
    assert stored(eng, "leads", ["created", "source", "manager_id", "deal_id"]) == {
        "L1": (date(2025, 1, 10), "Сайт", "m1", "D1"),
        "L2": (date(2025, 1, 11), "Выставка", None, None),
    }
