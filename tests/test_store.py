"""The store: schema, WAL, transactions that leave nothing behind, the plan of record."""

import pandas as pd
import pytest
from sqlalchemy import insert, select

from salesplan import store
from salesplan.plan_of_record import plan_of_record, save_plan


@pytest.fixture()
def eng(tmp_path):
    return store.engine(f"sqlite:///{tmp_path / 't.db'}")


def test_wal_and_schema(eng):
    with eng.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    assert set(store.DATA_TABLES) <= set(store.counts(eng))
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

