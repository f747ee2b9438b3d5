"""Texts that a spreadsheet would take for formulas: escaped in CSV and given back by the import,
string cells in XLSX; numbers stay numbers."""

import zipfile

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from salesplan import xlsx
from salesplan.cells import TRIGGERS, escape, escape_frame, is_number, unescape, unescape_column, write_csv
from salesplan.importing.readers import read_file

# texts made of the characters that matter, so that the triggers and quotes are frequent
SPREADSHEET_TEXTS = st.text(alphabet=st.sampled_from("'=+-@\t\r\n 0123456789,.aSUM(\";₽Я"), max_size=12)
TEXTS = SPREADSHEET_TEXTS | st.text()


@pytest.mark.parametrize(("text", "written"), [
    ("=1+2", "'=1+2"),
    ('=HYPERLINK("http://example.invalid/x")', '\'=HYPERLINK("http://example.invalid/x")'),
    ("@SUM(1,2)", "'@SUM(1,2)"),
    ("+7 (999) 123-45-67", "'+7 (999) 123-45-67"),
    ("-1+2", "'-1+2"),
    ("\tx", "'\tx"),
    ("\rx", "'\rx"),
    ("'=x", "''=x"),  # already quoted by someone: one more, so the import gives it back
    ("'x", "'x"),
    ("Иванов", "Иванов"),
    ("-1500", "-1500"),
    ("-1 234,50 ₽", "-1 234,50 ₽"),
    ("+7", "+7"),
    ("-5%", "-5%"),
    ("-1.5e3", "-1.5e3"),
])
def test_escape_by_hand(text, written):
    assert escape(text) == written
    assert unescape(written) == text


def test_numbers_and_missing_values_are_left_as_they_are():
    assert escape(-5) == -5 and escape(-1.5) == -1.5 and escape(None) is None


@given(TEXTS)
def test_unescape_gives_back_what_was_escaped(text):
    assert unescape(escape(text)) == text


@given(TEXTS)
def test_an_escaped_text_never_starts_a_formula(text):
    written = escape(text)
    assert not written.startswith(TRIGGERS) or is_number(text)


@given(st.lists(TEXTS | st.none(), max_size=8))
def test_a_column_is_unescaped_as_each_of_its_texts(texts):
    column = pd.Series(texts, dtype="str")
    expected = [None if pd.isna(t) else unescape(t) for t in column]
    assert [None if pd.isna(t) else t for t in unescape_column(column)] == expected


@given(st.lists(SPREADSHEET_TEXTS, min_size=1, max_size=5))  # the reader refuses NUL: binary
def test_a_csv_written_and_read_back_gives_the_texts_back(tmp_path_factory, texts):
    path = tmp_path_factory.mktemp("csv") / "t.csv"
    frame = pd.DataFrame({"id": [f"r{i}" for i in range(len(texts))], "=text": texts})
    write_csv(frame, path)
    read = read_file(path).frame
    assert list(read.columns) == ["id", "=text"]
    assert [None if pd.isna(v) else v for v in read["=text"]] == [t or None for t in texts]


def test_a_negative_amount_stays_a_number_in_a_frame():
    frame = pd.DataFrame({"amount": [-150.5, 20.0], "note": ["=1+2", "-"]})
    out = escape_frame(frame)
    assert out["amount"].tolist() == [-150.5, 20.0]
    assert out["note"].tolist() == ["'=1+2", "'-"]


def test_a_workbook_keeps_the_texts_as_string_cells(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["=1+2", "@SUM(1,2)", "+x", -5, "-1 234,50 ₽", "обычный текст"])
    path = xlsx.save(book, tmp_path / "sub" / "t.xlsx")
    cells = list(load_workbook(path).active.iter_rows())[0]
    assert [c.value for c in cells] == ["=1+2", "@SUM(1,2)", "+x", -5, "-1 234,50 ₽", "обычный текст"]
    assert [c.data_type for c in cells] == ["s", "s", "s", "n", "s", "s"]
    with zipfile.ZipFile(path) as f:
        assert b"<f>" not in f.read("xl/worksheets/sheet1.xml")


def test_a_frame_saved_as_a_workbook_keeps_its_texts(tmp_path):
    frame = pd.DataFrame({"comment": ["=1+2", "ok"], "points": [-1.0, 2.0]})
    path = xlsx.save_frame(frame, tmp_path / "f.xlsx", "reviews")
    sheet = load_workbook(path)["reviews"]
    assert [(c.value, c.data_type) for c in sheet["A"]] == [("comment", "s"), ("=1+2", "s"), ("ok", "s")]
    assert [c.value for c in sheet["B"]][1:] == [-1, 2]
