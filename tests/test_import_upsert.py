"""Idempotent upsert by id in one transaction; nothing written by a refused or failed import.
On SQLite and on PostgreSQL (where the rows go through COPY)."""

import tempfile
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from import_files import fresh_store, write_text
from sqlalchemy import inspect

from salesplan import store
from salesplan.importing import ImportFileError, import_file
from salesplan.importing.load import ImportResult

HEADER = "id,title,manager,client,stage,amount,margin,created,closed,outcome"


def deals_file(path, *rows):
    return write_text(path, [HEADER, *rows])


def everything(eng) -> dict[str, list[tuple]]:
    """Every row of every table, sorted (the imports log without its time)."""
    out = {}
    for name in [*store.DATA_TABLES, "imports"]:
        frame = store.read_table(eng, name)
        if name == "imports":
            frame = frame.drop(columns=["imported_at"])
        out[name] = sorted(map(str, frame.itertuples(index=False)))
    return out


def test_importing_the_same_file_twice_duplicates_nothing(tmp_path, db_url):
    path = deals_file(
        tmp_path / "deals.csv",
        "D1,Станки,Иванова Мария,ООО Ромашка,КП,100,10,15.01.2025,,open",
        "D2,Сервис,Петров Пётр,ООО Вектор,Успех,200,,16.01.2025,20.01.2025,won",
    )
    eng = store.engine(db_url)
    first = import_file(eng, "deals", path)
    before = everything(eng)
    second = import_file(eng, "deals", path)
    after = everything(eng)
    assert (second.new_managers, second.new_clients) == ([], [])
    assert {k: v for k, v in after.items() if k != "imports"} == {
        k: v for k, v in before.items() if k != "imports"
    }
    assert store.counts(eng)["deals"] == 2 and store.counts(eng)["managers"] == 2
    log = store.read_table(eng, "imports")
    logged = ["table_name", "file", "format", "rows_read", "rows_accepted", "rows_rejected"]
    assert log[logged].values.tolist() == [["deals", str(path.resolve()), "canonical", 2, 2, 0]] * 2
    assert first.rows_accepted == second.rows_accepted == 2


def test_an_overlapping_newer_export_updates_changed_rows_and_adds_new_ones(tmp_path, db_url):
    eng = store.engine(db_url)
    import_file(eng, "deals", deals_file(
        tmp_path / "january.csv",
        "D1,Станки,Иванова Мария,ООО Ромашка,КП,100,10,15.01.2025,,open",
        "D2,Сервис,Петров Пётр,ООО Вектор,КП,200,,16.01.2025,,open",
    ))
    result = import_file(eng, "deals", deals_file(
        tmp_path / "february.csv",
        "D2,Сервис+,Петров Пётр,ООО Вектор,Успех,250,,16.01.2025,03.02.2025,won",
        "D3,Лицензии,Иванова Мария,ООО Ромашка,КП,300,,01.02.2025,,open",
    ))
    assert result.new_managers == [] and result.new_clients == []
    deals = store.read_table(eng, "deals").set_index("id")
    assert deals.loc[:, ["title", "stage", "amount", "outcome"]].to_dict("index") == {
        "D1": {"title": "Станки", "stage": "КП", "amount": 10000, "outcome": "open"},
        "D2": {"title": "Сервис+", "stage": "Успех", "amount": 25000, "outcome": "won"},
        "D3": {"title": "Лицензии", "stage": "КП", "amount": 30000, "outcome": "open"},
    }
    assert deals.loc["D2", "closed"].date() == date(2025, 2, 3)


def test_columns_a_file_does_not_have_are_left_as_stored(tmp_path, db_url):
    eng = store.engine(db_url)
    import_file(eng, "deals", deals_file(
        tmp_path / "canonical.csv", "501,Станки,Иванова Мария,АО Север,КП,100,40,05.05.2025,,open"
    ))
    bitrix = write_text(tmp_path / "bitrix.csv", [
        "ID;TITLE;COMPANY_TITLE;OPPORTUNITY;STAGE_ID;STAGE_SEMANTIC_ID;ASSIGNED_BY_NAME;DATE_CREATE;CLOSEDATE",
        "501;Станки;АО Север;120;WON;S;Иванова Мария;05.05.2025 10:00:00;01.06.2025",
    ])
    import_file(eng, "deals", bitrix, "bitrix24")
    deal = store.read_table(eng, "deals").iloc[0]
    assert (deal["amount"], deal["margin"], deal["outcome"], deal["stage"]) == (12000, 4000, "won", "WON")


def test_a_managers_roster_names_the_managers_of_later_exports(tmp_path, db_url):
    eng = store.engine(db_url)
    import_file(eng, "managers", write_text(
        tmp_path / "managers.csv", ["id,name,role", "m1,Иванова  Мария,farmer"]
    ))
    result = import_file(eng, "deals", deals_file(
        tmp_path / "deals.csv", "D1,Станки, Иванова Мария ,ООО Ромашка,КП,100,,15.01.2025,,open"
    ))
    assert result.new_managers == []
    assert store.read_table(eng, "deals")["manager_id"].tolist() == ["m1"]
    # the roster again, without roles: the roles stored stay
    import_file(eng, "managers", write_text(tmp_path / "names.csv", ["id,name", "m1,Иванова Мария"]))
    roster = store.read_table(eng, "managers")
    assert roster[["name", "role"]].values.tolist() == [["Иванова Мария", "farmer"]]


def test_rejected_rows_add_no_managers_or_clients(tmp_path, db_url):
    eng = store.engine(db_url)
    result = import_file(eng, "deals", deals_file(
        tmp_path / "deals.csv",
        "D1,Станки,Иванова Мария,ООО Ромашка,КП,100,,15.01.2025,,open",
        "D2,Сервис,Петров Пётр,ООО Вектор,КП,-5,,16.01.2025,,open",
    ), rejects_dir=tmp_path)
    assert (result.new_managers, result.new_clients) == (["Иванова Мария"], ["ООО Ромашка"])
    assert store.read_table(eng, "managers")["name"].tolist() == ["Иванова Мария"]
    assert store.read_table(eng, "clients")["name"].tolist() == ["ООО Ромашка"]


@pytest.mark.parametrize(
    ("table", "fmt", "lines", "words"),
    [
        ("deals", "canonical", ["id,title,created", "D9,X,15.01.2025"], "нет обязательных столбцов"),
        ("deals", "amocrm", ["ID,Бюджет", "1,100"], "Название сделки"),
        ("deals", "pipedrive", [HEADER], "неизвестный формат «pipedrive»"),
        ("payments", "amocrm", [HEADER], "не описывает таблицу «payments»"),
        ("orders", "canonical", [HEADER], "неизвестная таблица «orders»"),
    ],
)
def test_a_refused_file_writes_nothing(tmp_path, table, fmt, lines, words, db_url):
    eng = store.engine(db_url)
    import_file(eng, "deals", deals_file(
        tmp_path / "first.csv", "D1,Станки,Иванова Мария,ООО Ромашка,КП,100,,15.01.2025,,open"
    ))
    before = everything(eng)
    with pytest.raises(ImportFileError, match=words):
        import_file(eng, table, write_text(tmp_path / "bad.csv", lines), fmt, rejects_dir=tmp_path / "r")
    assert everything(eng) == before
    assert not (tmp_path / "r").exists()


def test_missing_columns_name_the_file_the_missing_and_the_found(tmp_path, db_url):
    path = write_text(tmp_path / "deals.csv", ["id,title,amount", "D1,X,100"])
    with pytest.raises(ImportFileError) as error:
        import_file(store.engine(db_url), "deals", path)
    assert str(error.value) == (
        f"{path}: нет обязательных столбцов: manager_id / manager, created, outcome. "
        "Столбцы в файле: id, title, amount"
    )


def test_a_failure_while_writing_rolls_everything_back(tmp_path, db_url):
    eng = store.engine(db_url)
    path = deals_file(
        tmp_path / "deals.csv",
        "D1,Станки,Иванова Мария,ООО Ромашка,КП,100,,15.01.2025,,open",
        "D2,Сервис,Петров Пётр,ООО Вектор,КП,-5,,16.01.2025,,open",
    )
    blocked = tmp_path / "not_a_folder"
    blocked.write_text("")
    before = everything(eng)
    with pytest.raises(ImportFileError, match="не удалось записать отклонённые строки"):
        import_file(eng, "deals", path, rejects_dir=blocked)
    assert everything(eng) == before


def test_result_counts_add_up(tmp_path, db_url):
    path = deals_file(
        tmp_path / "deals.csv",
        "D1,Станки,Иванова Мария,ООО Ромашка,КП,100,,15.01.2025,,open",
        "D1,Станки,Иванова Мария,ООО Ромашка,КП,100,,15.01.2025,,open",
        "D3,Сервис,Петров Пётр,ООО Вектор,КП,сто,,16.01.2025,,open",
    )
    result = import_file(store.engine(db_url), "deals", path, rejects_dir=tmp_path)
    assert isinstance(result, ImportResult)
    assert (result.rows_read, result.rows_accepted, result.rows_rejected) == (3, 1, 2)


def test_a_file_with_only_a_header_reads_no_rows(tmp_path, db_url):
    result = import_file(store.engine(db_url), "deals", deals_file(tmp_path / "deals.csv"))
    assert (result.rows_read, result.rows_accepted, result.rows_rejected) == (0, 0, 0)
    assert result.rejects_path is None


GOOD_ROW = "{id},Станки,Иванова Мария,ООО Ромашка,КП,100,,15.01.2025,,open"
BAD_ROWS = [
    "{id},Станки,Иванова Мария,ООО Ромашка,КП,-1,,15.01.2025,,open",
    "{id},Станки,,ООО Ромашка,КП,100,,15.01.2025,,open",
    "{id},Станки,Иванова Мария,ООО Ромашка,КП,100,,30.02.2025,,open",
    "{id},Станки,Иванова Мария,ООО Ромашка,КП,100,,15.01.2025,,closed",
    "{id},Станки,Иванова Мария",
]


@settings(max_examples=20, deadline=None)
@given(st.lists(st.one_of(st.none(), st.sampled_from(BAD_ROWS)), max_size=30))
def test_exactly_the_bad_rows_are_rejected(kinds):
    """``None`` is a good row; row numbers start at 2 under the header."""
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        lines = [(row or GOOD_ROW).format(id=f"D{i}") for i, row in enumerate(kinds)]
        eng = fresh_store(folder)
        result = import_file(eng, "deals", deals_file(folder / "deals.csv", *lines), rejects_dir=folder)
        bad = [i + 2 for i, row in enumerate(kinds) if row]
        assert result.rows_read == result.rows_accepted + result.rows_rejected == len(kinds)
        assert result.rows_rejected == len(bad)
        if bad:
            rejects = pd.read_csv(result.rejects_path, sep=";", encoding="utf-8-sig", dtype=str)
            assert rejects["row_number"].astype(int).tolist() == bad
        stored = sorted(store.read_table(eng, "deals")["id"])
        assert stored == sorted(f"D{i}" for i, row in enumerate(kinds) if row is None)


def test_the_first_import_keeps_the_tables_indexes_even_when_it_fails(tmp_path, db_url):
    """PostgreSQL builds an empty table's plain indexes after the rows: after a first import, and
    after one rolled back, the store has the indexes the schema declares."""
    eng = store.engine(db_url)
    declared = sorted(index.name for index in store.deals.indexes)

    def indexes() -> list[str]:
        return sorted(index["name"] for index in inspect(eng).get_indexes("deals"))

    path = deals_file(tmp_path / "deals.csv",
                      "D1,Станки,Иванова Мария,ООО Ромашка,КП,100,,15.01.2025,,open",
                      "D2,Сервис,Петров Пётр,ООО Вектор,КП,-5,,16.01.2025,,open")
    blocked = tmp_path / "not_a_folder"
    blocked.write_text("")
    with pytest.raises(ImportFileError):
        import_file(eng, "deals", path, rejects_dir=blocked)
    assert (store.counts(eng)["deals"], indexes()) == (0, declared)
    import_file(eng, "deals", path, rejects_dir=tmp_path)
    assert (store.counts(eng)["deals"], indexes()) == (1, declared)


TRICKY_TEXT = ['Станки "Про"', "два\tстолбца", "путь C:\\base\\N", "две\nстроки", "NULL"]


def test_every_kind_of_value_is_stored_as_the_file_gives_it(tmp_path, db_url):
    """Text with what a COPY stream quotes or escapes, a large sum, seconds, a score, dates
    and a date-time read back as written: on the first import (straight into the empty tables)
    and on the next one (staged and merged), which changes every value."""
    eng = store.engine(db_url)
    quoted = ['"' + text.replace('"', '""') + '"' for text in TRICKY_TEXT]
    for amount, seconds, score, day in (("1234567890123.45", 32767, 0, 1), ("0.01", 0, 10, 2)):
        deals = [f"D{i},{text},m1,c1,,{amount},,0{day}.01.2025,,open" for i, text in enumerate(quoted)]
        calls = [f"K{i},2025-01-0{day} 09:30:0{i},m1,out,{seconds + i},{text}"
                 for i, text in enumerate(quoted)]
        nps = [f"N{i},2025-01-0{day},c1,m1,{score},{text}" for i, text in enumerate(quoted)]
        by_ids = HEADER.replace("manager,client", "manager_id,client_id")
        for table, header, rows in (("deals", by_ids, deals),
                                    ("calls", "id,started_at,manager_id,direction,duration_s,result", calls),
                                    ("nps_answers", "id,date,client_id,manager_id,score,comment", nps)):
            path = write_text(tmp_path / f"{table}.csv", [header, *rows])
            assert import_file(eng, table, path, rejects_dir=tmp_path).rows_rejected == 0
        n = len(TRICKY_TEXT)
        stored = store.read_table(eng, "deals").sort_values("id")
        assert stored["title"].tolist() == TRICKY_TEXT
        assert stored["amount"].tolist() == [int(amount.replace(".", ""))] * n
        assert stored["margin"].isna().all() and stored["stage"].isna().all()
        assert stored["created"].tolist() == [pd.Timestamp(2025, 1, day)] * n
        stored = store.read_table(eng, "calls").sort_values("id")
        assert stored["result"].tolist() == TRICKY_TEXT
        assert stored["duration_s"].tolist() == [seconds + i for i in range(n)]
        assert stored["started_at"].tolist() == [pd.Timestamp(2025, 1, day, 9, 30, i) for i in range(n)]
        stored = store.read_table(eng, "nps_answers").sort_values("id")
        assert stored["comment"].tolist() == TRICKY_TEXT
        assert stored["score"].tolist() == [score] * n
        assert stored["date"].tolist() == [pd.Timestamp(2025, 1, day)] * n
