"""The profile's ``file:`` keys and the column rules' ``empty``, on their own: files without a
header, lines above the header, rows that are not data, repeated and untrimmed column names."""

import tempfile
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from import_files import fresh_store, write_text, write_xlsx

from salesplan import store
from salesplan.cli.data import import_summary
from salesplan.errors import ParamsError
from salesplan.importing import ImportFileError, import_file
from salesplan.importing.profiles import load_profile
from salesplan.importing.readers import Layout, read_file


def rows(raw) -> list[list]:
    return [[None if v != v else v for v in r] for r in raw.frame.itertuples(index=False)]


def profile(folder: Path, text: str) -> str:
    path = folder / "profile.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


# Asterisk's cdr_csv writes Master.csv without a header: these are its first fields, in order.
CDR_COLUMNS = [
    "accountcode", "src", "dst", "dcontext", "clid", "channel", "dstchannel", "lastapp", "lastdata",
    "start", "answer", "end", "duration", "billsec", "disposition", "amaflags", "uniqueid",
]
CDR_LINES = [
    '"","101","89161234567","from-internal","""Петрова Анна"" <101>","SIP/101-00000001",'
    '"SIP/trunk-00000002","Dial","SIP/trunk/89161234567,60","2025-03-03 10:15:02",'
    '"2025-03-03 10:15:09","2025-03-03 10:17:14",132,125,"ANSWERED","DOCUMENTATION","1741000502.1"',
    '"","102","84951234567","from-internal","""Сидоров Олег"" <102>","SIP/102-00000003",'
    '"SIP/trunk-00000004","Dial","SIP/trunk/84951234567,60","2025-03-03 11:00:00",,'
    '"2025-03-03 11:00:30",30,0,"NO ANSWER","DOCUMENTATION","1741003200.3"',
]
CDR_PROFILE = f"""\
file:
  header: false
  columns: [{", ".join(CDR_COLUMNS)}]
tables:
  calls:
    id: uniqueid
    started_at: start
    manager: src
    phone: dst
    duration_s: billsec
    result: disposition
    direction: {{default: out}}
"""


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_a_headerless_call_log_is_read_with_the_profiles_column_names(tmp_path, newline):
    path = write_text(tmp_path / "Master.csv", CDR_LINES, newline=newline)
    raw = read_file(path, Layout(columns=tuple(CDR_COLUMNS)))
    assert list(raw.frame.columns) == CDR_COLUMNS
    assert list(raw.frame.index) == [1, 2]  # no header: the first line is row 1
    assert raw.frame["clid"].tolist() == ['"Петрова Анна" <101>', '"Сидоров Олег" <102>']
    assert raw.frame["answer"].isna().tolist() == [False, True]

    eng = fresh_store(tmp_path)
    result = import_file(eng, "calls", path, profile(tmp_path, CDR_PROFILE))
    assert (result.rows_read, result.rows_accepted, result.rows_rejected) == (2, 2, 0)
    calls = store.read_table(eng, "calls").set_index("id")
    assert calls.loc["1741000502.1", ["duration_s", "result", "phone"]].tolist() == [
        125, "ANSWERED", "89161234567"]


def test_a_headerless_line_of_another_width_is_rejected_under_its_line_number(tmp_path):
    path = write_text(tmp_path / "Master.csv", [CDR_LINES[0], '"","103","8800"', CDR_LINES[1]])
    result = import_file(fresh_store(tmp_path), "calls", path, profile(tmp_path, CDR_PROFILE),
                         rejects_dir=tmp_path)
    assert (result.rows_accepted, result.rows_rejected) == (2, 1)
    assert ";2;;число полей в строке не совпадает с заголовком" in result.rejects_path.read_text("utf-8-sig")


TITLED = [
    "Отчёт по продажам за март 2025",
    "",
    "Номер документа;Дата;Сумма;Контрагент",
    "0001;03.03.2025;1 000,00;ООО «Ромашка»",
    "0002;04.03.2025;250,50;ИП Петров",
]


@pytest.mark.parametrize("encoding", ["utf-8", "cp1251", "utf-16"])  # Arrow's path and the csv module's
def test_lines_above_the_header_are_skipped_and_rows_keep_their_line_numbers(tmp_path, encoding):
    path = write_text(tmp_path / "report.csv", TITLED, encoding=encoding)
    raw = read_file(path, Layout(skip_lines=2))
    assert list(raw.frame.columns) == ["Номер документа", "Дата", "Сумма", "Контрагент"]
    assert list(raw.frame.index) == [4, 5]
    assert rows(raw)[1] == ["0002", "04.03.2025", "250,50", "ИП Петров"]


def test_rows_above_the_header_of_a_sheet_are_skipped(tmp_path):
    path = write_xlsx(tmp_path / "report.xlsx", [
        ["Отчёт по продажам за март 2025"],
        ["Номер документа", "Дата", "Сумма"],
        ["0001", date(2025, 3, 3), 1000.0],
    ])
    raw = read_file(path, Layout(skip_lines=1))
    assert list(raw.frame.columns) == ["Номер документа", "Дата", "Сумма"]
    assert rows(raw) == [["0001", "2025-03-03", "1000"]]
    assert list(raw.frame.index) == [3]


PAYMENTS = """\
file:
  skip_lines: 2
  skip_rows: {"Контрагент ": "^(Итого|Всего)"}
tables:
  payments:
    id: Номер документа
    date: Дата
    amount: Сумма
    client: Контрагент
"""


def test_total_rows_are_skipped_counted_and_shown(tmp_path):
    path = write_text(tmp_path / "report.csv", [
        *TITLED[:4],
        ";;1 000,00;Итого по ООО «Ромашка»;",  # one field more: skipped, not a ragged row
        TITLED[4],
        "0003;05.03.2025;сто рублей;ИП Петров",
        ";;1 351,00;Всего",
    ])
    result = import_file(fresh_store(tmp_path), "payments", path, profile(tmp_path, PAYMENTS),
                         rejects_dir=tmp_path)
    assert (result.rows_read, result.rows_accepted, result.rows_rejected, result.rows_skipped) == (5, 2, 1, 2)
    assert result.skipped_rows == [5, 8]
    summary = import_summary(result)
    assert "пропущено как не данные (skip_rows профиля): 2 — строки 5, 8" in summary
    assert "отклонено: 1" in summary
    rejected = result.rejects_path.read_text("utf-8-sig")
    assert "Итого" not in rejected and ";7;Сумма;не число" in rejected


@settings(max_examples=15)
@given(st.lists(st.sampled_from(["data", "bad", "total"]), min_size=1, max_size=12))
def test_rows_in_are_accepted_rejected_and_skipped(kinds):
    lines = {"data": "{n};03.03.2025;100;ООО «Ромашка»", "bad": "{n};03.03.2025;много;ИП Петров",
             "total": "Итого;;{n};Итого"}
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        path = write_text(folder / "report.csv", [
            *TITLED[:3], *(lines[k].format(n=n) for n, k in enumerate(kinds))])
        result = import_file(fresh_store(folder), "payments", path, profile(folder, PAYMENTS),
                             rejects_dir=folder)
    assert result.rows_read == len(kinds)
    assert (result.rows_accepted, result.rows_rejected, result.rows_skipped) == tuple(
        kinds.count(k) for k in ("data", "bad", "total"))
    assert result.skipped_rows == [4 + n for n, k in enumerate(kinds) if k == "total"]


def test_a_skip_rows_column_missing_from_the_file_is_a_file_error(tmp_path):
    path = write_text(tmp_path / "report.csv", ["Номер документа;Дата;Сумма", "0001;03.03.2025;1"])
    with pytest.raises(ImportFileError, match="нет обязательных столбцов: Контрагент"):
        import_file(fresh_store(tmp_path), "payments", path, profile(tmp_path, PAYMENTS.replace("2", "0")))


DEALS = """\
tables:
  deals:
    id: ID
    manager: Ответственный
    created: Дата создания
    amount: "Бюджет "
    closed: {source: [Дата закрытия сделки, Дата закрытия], empty: [не закрыта, "-"], optional: true}
    outcome: {default: open}
"""


def test_repeated_unmapped_columns_are_ignored_and_names_trimmed(tmp_path):
    path = write_text(tmp_path / "deals.csv", [
        "ID;Источник;Ответственный; Дата создания ;Бюджет ;Источник;Дата закрытия",
        "1;Сайт;Петрова Анна;03.03.2025;;Выставка;не закрыта",
        "2;;Петрова Анна;03.03.2025;1 500;;",
    ])
    raw = read_file(path)
    assert raw.repeated == {"Источник": [2, 6]}
    assert list(raw.frame.columns) == ["ID", "Источник", "Ответственный", "Дата создания", "Бюджет",
                                       "Дата закрытия"]
    eng = fresh_store(tmp_path)
    result = import_file(eng, "deals", path, profile(tmp_path, DEALS))
    assert (result.rows_accepted, result.rows_rejected, result.ignored_columns) == (2, 0, ["Источник"])
    deals = store.read_table(eng, "deals").set_index("id")
    assert deals["amount"].isna().tolist() == [True, False]  # an empty budget is unknown, not zero
    assert deals.loc["2", "amount"] == 150000
    assert deals["closed"].isna().all()


def test_a_repeated_column_the_profile_reads_is_refused_naming_its_positions(tmp_path):
    path = write_text(tmp_path / "deals.csv", [
        "ID;Ответственный;Дата создания;Бюджет;Ответственный", "1;Петрова Анна;03.03.2025;1;Петрова Анна",
    ])
    with pytest.raises(ImportFileError) as error:
        import_file(fresh_store(tmp_path), "deals", path, profile(tmp_path, DEALS))
    assert str(error.value) == (
        f"{path}: столбец «Ответственный» встречается несколько раз (столбцы 2 и 5), а профиль его "
        "читает; оставьте в файле один такой столбец"
    )


def test_empty_values_mean_an_empty_cell_in_any_case_and_fall_through(tmp_path):
    path = write_text(tmp_path / "deals.csv", [
        "ID;Ответственный;Дата создания;Бюджет;Дата закрытия сделки;Дата закрытия",
        "1;Петрова Анна;03.03.2025;1;НЕ ЗАКРЫТА;05.03.2025",  # the second column is read
        "2;Петрова Анна;03.03.2025;1; - ;",
        "3;Петрова Анна;03.03.2025;1;не закрыта вовремя;",  # not an empty value: not a date
    ])
    eng = fresh_store(tmp_path)
    won = profile(tmp_path, DEALS.replace("{default: open}", "{default: won}"))
    result = import_file(eng, "deals", path, won, rejects_dir=tmp_path)
    assert (result.rows_accepted, result.rows_rejected) == (1, 2)
    assert store.read_table(eng, "deals")["closed"].tolist() == [pd.Timestamp(2025, 3, 5)]
    rejected = result.rejects_path.read_text("utf-8-sig")
    assert ";3;Дата закрытия сделки / Дата закрытия;закрытая сделка без даты закрытия" in rejected
    assert ";4;Дата закрытия сделки / Дата закрытия;не дата" in rejected


@pytest.mark.parametrize(
    ("file", "words"),
    [
        ("{header: false}",
         'ключ file = {"header": false}: header: false: перечислите столбцы файла по порядку в columns'),
        ("{columns: [a, b]}", "columns: названия столбцов задаются только для файла без заголовка"),
        ("{header: false, columns: [a, b, a]}", "columns: названия повторяются: a"),
        ("{skip_rows: {A: '^(Итого'}}", "skip_rows.A: неверное регулярное выражение «^(Итого»"),
        ("{skip_lines: -1}", "ключ file.skip_lines = -1"),
    ],
)
def test_a_bad_file_key_names_the_key(tmp_path, file, words):
    path = profile(tmp_path, f"file: {file}\ntables: {{calls: {{id: A}}}}\n")
    with pytest.raises(ParamsError, match=r"\.yaml: ") as error:
        load_profile(path)
    assert words in str(error.value)
