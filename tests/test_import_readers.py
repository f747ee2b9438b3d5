"""Reading export files: encodings, delimiters, quoting, row numbers, XLSX, unreadable files."""

from datetime import date, datetime

import pytest
from import_files import write_text, write_xlsx

from salesplan.importing import ImportFileError
from salesplan.importing.readers import (
    SAMPLE_BYTES,
    detect_delimiter,
    detect_encoding,
    read_file,
)


def rows(raw) -> list[list]:
    return [[None if v != v else v for v in r] for r in raw.frame.itertuples(index=False)]


def test_cp1251_semicolons_and_decimal_commas(tmp_path):
    path = write_text(
        tmp_path / "deals.csv",
        ["ИД;Клиент;Сумма", "1;ООО «Ромашка»;1 234,56", "2;ИП Иванов;50 000,00"],
        encoding="cp1251",
    )
    raw = read_file(path)
    assert (raw.encoding, raw.delimiter) == ("cp1251", ";")
    assert list(raw.frame.columns) == ["ИД", "Клиент", "Сумма"]
    assert rows(raw) == [["1", "ООО «Ромашка»", "1 234,56"], ["2", "ИП Иванов", "50 000,00"]]
    assert list(raw.frame.index) == [2, 3]


def test_utf8_bom_and_tabs(tmp_path):
    path = write_text(tmp_path / "t.csv", ["id\tname", "1\tИван"], encoding="utf-8-sig")
    raw = read_file(path)
    assert (raw.encoding, raw.delimiter) == ("utf-8-sig", "\t")
    assert list(raw.frame.columns) == ["id", "name"]  # no BOM left in the first name
    assert rows(raw) == [["1", "Иван"]]


def test_utf16_from_excel_unicode_text(tmp_path):
    path = write_text(tmp_path / "t.txt", ["id\tname", "1\tИван"], encoding="utf-16")
    assert rows(read_file(path)) == [["1", "Иван"]]


def test_quoted_fields_keep_their_delimiters_and_quotes(tmp_path):
    path = write_text(
        tmp_path / "t.csv",
        ['id;title;amount', '1;"Поставка; монтаж, наладка";"1 234,56"', '2;"ООО ""Ромашка""";5'],
    )
    raw = read_file(path)
    assert raw.delimiter == ";"
    assert rows(raw) == [["1", "Поставка; монтаж, наладка", "1 234,56"], ["2", 'ООО "Ромашка"', "5"]]


@pytest.mark.parametrize(
    ("sample", "delimiter"),
    [
        ("id;amount\n1;1234,56\n2;7,5\n", ";"),  # decimal commas do not make it a comma file
        ('id,amount\n1,"1234,56"\n2,"7,5"\n', ","),
        ("id\tamount\n1\t1,5\n", "\t"),
        ('id,title\n1,"a;b;c"\n2,"d;e"\n', ","),
        ("id\n1\n", ";"),  # one column: any will do
    ],
)
def test_delimiter_detection(sample, delimiter):
    assert detect_delimiter(sample) == delimiter


def test_encoding_detection():
    assert detect_encoding("Иван".encode()) == "utf-8"
    assert detect_encoding("Иван".encode("cp1251")) == "cp1251"
    assert detect_encoding("Иван".encode("utf-8-sig")) == "utf-8-sig"
    assert detect_encoding("Иван".encode()[:-1]) == "utf-8"  # a character cut by the sample


def test_cp1251_beyond_the_sample_is_detected(tmp_path):
    ascii_lines = [f"{i};name" for i in range(SAMPLE_BYTES // 6)]
    path = write_text(tmp_path / "t.csv", ["id;name", *ascii_lines, "99;Иван"], encoding="cp1251")
    raw = read_file(path)
    assert raw.encoding == "cp1251"
    assert raw.frame.iloc[-1].tolist() == ["99", "Иван"]
    assert raw.frame.index[-1] == len(ascii_lines) + 2


def test_row_numbers_count_blank_lines_and_lines_inside_values(tmp_path):
    path = write_text(
        tmp_path / "t.csv",
        ["id,note", "1,a", "", '2,"two', 'lines"', "3,c", ";;", "4,d", "", ""],
    )
    raw = read_file(path)
    assert list(raw.frame.index) == [2, 4, 6, 7, 8]
    assert rows(raw)[1] == ["2", "two\nlines"]
    assert list(raw.ragged) == [7]  # ";;" is one field in a comma file


def test_rows_with_the_wrong_number_of_fields_are_flagged(tmp_path):
    path = write_text(tmp_path / "t.csv", ["id,name,amount", "1,a,5", "2,b", "3,c,7,extra"])
    raw = read_file(path)
    assert list(raw.ragged) == [3, 4]
    assert rows(raw) == [["1", "a", "5"], ["2", "b", None], ["3", "c", "7"]]


def test_empty_rows_and_empty_unnamed_columns_are_dropped(tmp_path):
    path = write_text(tmp_path / "t.csv", ["id;name;", "1;a;", ";;", "2;b;"], newline="\r\n")
    raw = read_file(path)
    assert list(raw.frame.columns) == ["id", "name"]
    assert list(raw.frame.index) == [2, 4]


def test_xlsx_typed_cells_become_export_text_under_the_first_non_empty_row(tmp_path):
    path = write_xlsx(
        tmp_path / "payments.xlsx",
        [
            ["id", "date", "amount", "paid_at", "client"],
            [101, date(2025, 1, 15), 1234.56, datetime(2025, 1, 15, 10, 30), "ООО «Ромашка»"],
            [],
            [102.0, datetime(2025, 2, 1), 5000, None, "  "],
        ],
        first_row=3,
    )
    raw = read_file(path)
    assert (raw.encoding, raw.delimiter) == (None, None)
    assert list(raw.frame.columns) == ["id", "date", "amount", "paid_at", "client"]
    assert list(raw.frame.index) == [4, 6]
    assert rows(raw) == [
        ["101", "2025-01-15", "1234.56", "2025-01-15 10:30:00", "ООО «Ромашка»"],
        ["102", "2025-02-01", "5000", None, None],
    ]


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (None, "файл не найден"),
        (b"", "файл пуст"),
        (b"\n\n", "файл пуст"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), ".xls не поддерживается"),
        (b"PK\x03\x04" + bytes(100), "не удалось прочитать файл"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "не таблица"),
    ],
)
def test_unreadable_files_are_refused_naming_the_file(tmp_path, content, words):
    path = tmp_path / "export.csv"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ImportFileError) as error:
        read_file(path)
    assert str(path) in str(error.value) and words in str(error.value)
    assert error.value.exit_code == 2
