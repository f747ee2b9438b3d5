"""The store, on SQLite and on PostgreSQL: schema, WAL, transactions that leave nothing behind,
the plan of record, and the errors for a database that cannot be reached."""

import subprocess
import sys

import pandas as pd
import pytest
from sqlalchemy import insert, select

from salesplan import schema, store
from salesplan.errors import StoreError
from salesplan.plan_of_record import plan_of_record, save_plan


@pytest.fixture()
def eng(db_url):
    return store.engine(db_url)


def test_wal_and_schema(eng):
    if eng.dialect.name == "sqlite":
        with eng.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    assert set(store.counts(eng)) == set(schema.metadata.tables)
    assert all(n == 0 for n in store.counts(eng).values())


def test_failed_transaction_writes_nothing(eng):
    with pytest.raises(RuntimeError), store.transaction(eng) as conn:
        conn.execute(insert(store.departments), [{"id": "d1", "name": "Отдел"}])
        raise RuntimeError("crash mid-way")
    assert store.counts(eng)["departments"] == 0


def test_money_round_trips_as_integer_kopecks(eng):
    with store.transaction(eng) as conn:
        conn.execute(
            insert(store.payments),
            [{"id": str(i), "amount": 10, "date": pd.Timestamp("2026-01-12").date()} for i in range(3)],
        )
        conn.execute(insert(store.payments), [{"id": "big", "amount": 2**53 + 1}])
    frame = store.read_table(eng, "payments")
    assert frame["amount"].dtype == "int64"
    assert frame["amount"].sum() == 30 + 2**53 + 1


def test_plan_of_record_is_the_latest_approved_version(eng):
    lines = pd.DataFrame(
        {"manager_id": ["a", "b"], "date": ["2026-10-01", "2026-10-02"], "amount": [100, 200]}
    )
    first = save_plan(eng, "2026-10", "sales", lines, "РОП", "base", {}, "approved")
    save_plan(eng, "2026-10", "sales", lines.assign(amount=[1, 1]), "РОП", "draft", {}, "scenario")
    second = save_plan(eng, "2026-10", "sales", lines.assign(amount=[7, 8]), "РОП", "base", {}, "approved")
    record = plan_of_record(eng, "2026-10")
    assert record["plan_id"].unique().tolist() == [second]
    assert record["amount"].sum() == 15
    with eng.connect() as conn:
        versions = conn.execute(select(store.plans.c.id, store.plans.c.version)).all()
    assert dict(versions)[first] == 1 and dict(versions)[second] == 2
    assert plan_of_record(eng, "2026-11").empty


def test_a_missing_driver_says_which_extra_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if psycopg were not installed
    with pytest.raises(StoreError, match=r"нет драйвера базы данных «psycopg».*salesplan\[postgres\]"):
        store.open_engine("postgresql://sales@db.example/sales")


@pytest.mark.parametrize(("url", "words"), [
    ("postgresql://postgres@/sales?host=/nonexistent&port=1", "не удалось подключиться к базе данных"),
    ("mysql://sales@db.example/sales", "«mysql» не поддерживается"),
    ("sales.db", "адрес базы данных «sales.db» не распознан"),
])
def test_a_database_that_cannot_be_used_is_one_line(url, words):
    with pytest.raises(StoreError, match=words) as error:
        store.engine(url)
    assert "\n" not in str(error.value)


def test_the_command_prints_a_missing_driver_without_a_traceback(tmp_path):
    code = ("import sys; sys.modules['psycopg'] = None; from salesplan.cli import main; "
            "sys.argv = ['salesplan', 'status', '--db', 'postgresql://sales@db.example/sales']; main()")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path,
                          check=False)
    assert done.returncode == 2
    assert done.stderr.startswith("Ошибка: нет драйвера базы данных «psycopg»")
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
