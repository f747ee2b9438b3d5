"""Every rejection reason: the bad row goes to rejected_<table>.csv with its column and reason,
the good row is stored, and rows read = accepted + rejected."""

import pandas as pd
import pytest
from import_files import fresh_store, write_text

from salesplan import store
from salesplan.importing import import_file
from salesplan.importing.readers import read_file
from salesplan.labels import IMPORT_REJECT_REASONS

HEADERS = {
    "deals": "id,manager,created,closed,outcome,amount,margin",
    "calls": "id,started_at,manager_id,direction,duration_s",
    "managers": "id,name,role,hire_date,leave_date,email",
    "payments": "id,date,amount,due_date",
    "clients": "id,name,inn",
    "nps_answers": "id,date,score",
}
GOOD = {
    "deals": "D1,Иванова Мария,15.01.2025,,open,100,",
    "calls": "k1,15.01.2025 10:00,m1,in,60",
    "managers": "m1,Иванова Мария,farmer,01.02.2023,,m.ivanova@example.com",
    "payments": "P1,25.02.2025,100,",
    "clients": "c1,ООО Ромашка,7707083893",
    "nps_answers": "N1,20.01.2025,9",
}
# (table, bad row, the file column reported, reason)
CASES = [
    ("deals", ",Иванова Мария,15.01.2025,,open,100,", "id", "missing_id"),
    ("deals", "D2,Иванова Мария,,,open,100,", "created", "missing_value"),
    ("deals", "D2,,15.01.2025,,open,100,", "manager", "missing_value"),
    ("deals", "D2,Иванова Мария,31.02.2025,,open,100,", "created", "bad_date"),
    ("deals", "D2,Иванова Мария,вчера,,open,100,", "created", "bad_date"),
    ("deals", "D2,Иванова Мария,15.01.2025,,open,сто,", "amount", "bad_number"),
    ("deals", "D2,Иванова Мария,15.01.2025,,open,-100,", "amount", "negative_amount"),
    ("deals", "D2,Иванова Мария,15.01.2025,,maybe,100,", "outcome", "bad_value"),
    ("deals", "D1,Петров Пётр,16.01.2025,,open,200,", "id", "duplicate_id"),
    ("deals", "D2,Иванова Мария,15.01.2025,10.01.2025,won,100,", "closed", "closed_before_created"),
    ("deals", "D2,Иванова Мария,15.01.2025,,won,100,", "closed", "closed_without_date"),
    ("deals", "D2,Иванова Мария,15.01.2025,,open,100,150", "margin", "margin_exceeds_amount"),
    ("deals", "D2,Иванова Мария,15.01.2025", "", "field_count"),
    ("calls", "k2,15.01.2025 10:00,m1,in,1:75", "duration_s", "bad_duration"),
    ("calls", "k2,15.01.2025 10:00,m1,sideways,60", "direction", "bad_value"),
    ("managers", "m2,Петров Пётр,boss,01.02.2023,,", "role", "bad_value"),
    ("managers", "m2,Петров Пётр,hunter,01.02.2023,01.01.2023,", "leave_date", "left_before_hired"),
    ("managers", "m2,Петров Пётр,hunter,01.02.2023,,petrov@example", "email", "bad_email"),
    ("payments", "P2,,100,", "date", "payment_without_date"),
    ("payments", "P2,25.02.2025,-1,", "amount", "negative_amount"),
    ("clients", "c2,ООО Вектор,12345", "inn", "bad_inn"),
    ("nps_answers", "N2,20.01.2025,9.5", "score", "bad_whole"),
    ("nps_answers", "N2,20.01.2025,11", "score", "nps_score"),
]


def read_rejects(path) -> pd.DataFrame:
    return pd.read_csv(path, sep=";", encoding="utf-8-sig", dtype=str, keep_default_na=False)


ELSEWHERE = {"unknown_manager"}  # needs a roster: tests/test_import_aliases.py


def test_the_cases_cover_every_reason():
    assert {reason for *_, reason in CASES} == set(IMPORT_REJECT_REASONS) - ELSEWHERE


@pytest.mark.parametrize(("table", "bad", "column", "reason"), CASES)
def test_a_bad_row_is_rejected_with_its_column_and_reason(tmp_path, table, bad, column, reason):
    path = write_text(tmp_path / f"{table}.csv", [HEADERS[table], GOOD[table], bad])
    eng = fresh_store(tmp_path)
    result = import_file(eng, table, path, rejects_dir=tmp_path / "rejects")
    assert (result.rows_read, result.rows_accepted, result.rows_rejected) == (2, 1, 1)
    assert result.rejects_path == tmp_path / "rejects" / f"rejected_{table}.csv"
    assert list(store.read_table(eng, table)["id"]) == [GOOD[table].split(",")[0]]

    rejects = read_rejects(result.rejects_path)
    assert len(rejects) == 1
    line = rejects.iloc[0]
    assert line["source_file"] == str(path)
    assert line["row_number"] == "3"
    assert line["column"] == column
    allowed = {"outcome": "won, lost, open", "direction": "in, out",
               "role": "hunter, farmer, key_account, head"}.get(column, "")
    assert line["reason"] == IMPORT_REJECT_REASONS[reason].format(allowed=allowed)
    cells = (bad.split(",") + [""] * 9)[: len(HEADERS[table].split(","))]
    assert line[HEADERS[table].split(",")].tolist() == cells


def test_a_row_with_several_problems_lists_them_all_and_keeps_its_cells_as_read(tmp_path):
    path = write_text(
        tmp_path / "deals.csv",
        [HEADERS["deals"], GOOD["deals"], 'D2,Иванова Мария, 31.02.2025 ,,won,"-1 234,50 ₽",'],
    )
    result = import_file(fresh_store(tmp_path), "deals", path, rejects_dir=tmp_path)
    line = read_rejects(result.rejects_path).iloc[0]
    assert line["column"] == "amount; created; closed"  # in the order of the table's columns
    reasons = [IMPORT_REJECT_REASONS[k] for k in ("negative_amount", "bad_date", "closed_without_date")]
    assert line["reason"] == "; ".join(reasons)
    assert (line["created"], line["amount"]) == (" 31.02.2025 ", "-1 234,50 ₽")  # as in the file


def test_the_reported_column_is_the_exports_own(tmp_path):
    path = write_text(
        tmp_path / "amo.csv",
        [
            "ID;Название сделки;Компания;Основной контакт;Бюджет;Дата создания;Дата закрытия;"
            "Ответственный;Воронка;Этап сделки;Теги",
            "1;A;X;;1 000;15.01.2025;;;Продажи;Переговоры;",
            "2;B;X;;1 000;45.01.2025;;Иванова Мария;Продажи;Переговоры;",
        ],
    )
    result = import_file(fresh_store(tmp_path), "deals", path, "amocrm", rejects_dir=tmp_path)
    rejects = read_rejects(result.rejects_path)
    assert rejects[["row_number", "column"]].values.tolist() == [
        ["2", "Ответственный"],
        ["3", "Дата создания"],
    ]


def test_the_fixed_rejects_file_imports_again(tmp_path):
    path = write_text(
        tmp_path / "deals.csv",
        [HEADERS["deals"], GOOD["deals"], "D2,Петров Пётр,31.02.2025,,open,100,"],
    )
    eng = fresh_store(tmp_path)
    first = import_file(eng, "deals", path, rejects_dir=tmp_path / "rejects")
    fixed = tmp_path / "fixed.csv"
    fixed.write_text(
        first.rejects_path.read_text(encoding="utf-8-sig").replace("31.02.2025", "28.02.2025"),
        encoding="utf-8-sig",
    )
    again = import_file(eng, "deals", fixed, rejects_dir=tmp_path / "rejects")
    assert (again.rows_read, again.rows_accepted) == (1, 1)
    assert set(again.ignored_columns) == {"source_file", "row_number", "column", "reason"}
    assert sorted(store.read_table(eng, "deals")["id"]) == ["D1", "D2"]
    assert len(read_file(first.rejects_path).frame) == 1  # the earlier rejects file is left as it was


def test_a_rejected_formula_is_written_as_text_and_imported_back_exactly(tmp_path):
    path = write_text(tmp_path / "clients.csv", [HEADERS["clients"], "c2,=1+2,12345", "c3,@SUM(1;2),12345"])
    eng = fresh_store(tmp_path)
    first = import_file(eng, "clients", path, rejects_dir=tmp_path / "rejects")
    assert first.rows_rejected == 2
    text = first.rejects_path.read_text(encoding="utf-8-sig")
    assert "c2;'=1+2;12345;" in text and "c3;'@SUM(1;2);12345;" not in text  # ; in a cell: quoted
    assert read_rejects(first.rejects_path)["name"].tolist() == ["'=1+2", "'@SUM(1;2)"]
    fixed = tmp_path / "fixed.csv"
    fixed.write_text(text.replace(";12345;", ";;"), encoding="utf-8-sig")
    again = import_file(eng, "clients", fixed, rejects_dir=tmp_path / "rejects")
    assert (again.rows_read, again.rows_accepted) == (2, 2)
    assert store.read_table(eng, "clients").set_index("id")["name"].to_dict() == {
        "c2": "=1+2", "c3": "@SUM(1;2)"}
