"""Reading the store for the control reports: departments, fact sources, plans across months."""

from datetime import date, datetime

import pandas as pd
import pytest
from control_store import two_departments
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import insert

from salesplan import store
from salesplan.control.frames import UNASSIGNED, fact_lines, isin, load_frames, plan_lines, read_calls
from salesplan.errors import SalesplanError
from salesplan.plan_of_record import save_plan


@pytest.fixture()
def eng(tmp_path):
    eng = two_departments(tmp_path / "f.db")
    d = date.fromisoformat
    with store.transaction(eng) as conn:
        conn.execute(insert(store.deals), [
            {"id": "d1", "manager_id": "a", "created": d("2026-10-01"), "closed": d("2026-10-20"),
             "outcome": "won", "amount": 500, "stage": "закрыто"},
            {"id": "d2", "manager_id": "k", "created": d("2026-10-01"), "closed": None,
             "outcome": "open",
             "amount": None, "stage": "контакт"},
            {"id": "d3", "manager_id": "k", "created": d("2026-10-02"), "closed": d("2026-10-21"),
             "outcome": "won", "amount": None, "stage": "закрыто"},
        ])
        conn.execute(insert(store.calls), [
            {"id": f"c{i}", "started_at": datetime(2026, 10, day, hour), "manager_id": "a",
             "direction": "out", "duration_s": 60}
            for i, (day, hour) in enumerate([(1, 0), (1, 23), (2, 9), (3, 0)])
        ])
        conn.execute(insert(store.payments), [
            {"id": "p1", "date": d("2026-10-25"), "amount": 300, "deal_id": "d1", "manager_id": None},
            {"id": "p2", "date": None, "amount": 200, "deal_id": "d1", "manager_id": "a"},
            {"id": "p3", "date": d("2026-10-26"), "amount": 70, "deal_id": None, "manager_id": None},
            {"id": "p4", "date": d("2026-10-27"), "amount": 40, "deal_id": "d2", "manager_id": "k"},
        ])
    lines = pd.DataFrame({"manager_id": ["a", "a", "a"],
                          "date": ["2026-10-30", "2026-11-02", "2026-11-03"], "amount": [1, 2, 4]})
    save_plan(eng, "2026-10", "sales", lines.iloc[:1], "РОП", "base", {}, "approved")
    save_plan(eng, "2026-11", "sales", lines.iloc[1:], "РОП", "base", {}, "approved")
    return eng


def test_department_filter_and_payment_managers(eng):
    everything = load_frames(eng)
    paid = everything.payments.set_index("id")["manager_id"]
    assert paid["p1"] == "a"  # from its deal
    assert paid["p3"] == UNASSIGNED  # no manager, no deal: kept, unassigned
    sales = load_frames(eng, "sales")
    assert sales.managers["id"].tolist() == ["a"] and sales.manager_names() == {"a": "Анна"}
    assert sorted(sales.payments["id"]) == ["p1", "p2"]
    assert sales.deals["amount"].dtype == "float64"
    key = load_frames(eng, "key")  # p1 has no manager and a deal of sales; p3 neither
    assert sorted(key.payments["id"]) == ["p4"] and sorted(key.deals["id"]) == ["d2", "d3"]
    with pytest.raises(SalesplanError, match="отдел «nope» не найден; отделы в базе: key, sales"):
        load_frames(eng, "nope")


def test_fact_sources(eng):
    frames = load_frames(eng)
    paid = fact_lines(frames, "payments")
    assert paid["amount"].sum() == 410 and paid["amount"].dtype == "int64"  # p2 is outstanding
    won = fact_lines(frames, "won_deals").set_index("manager_id")
    assert won.loc["a", "amount"] == 500 and won.loc["k", "amount"] == 0  # d3 has no amount
    with pytest.raises(ValueError, match="fact source"):  # control.yaml allows only the two
        fact_lines(frames, "orders")


def test_plan_lines_across_months(eng):
    lines = plan_lines(eng, date(2026, 10, 26), date(2026, 11, 2), "sales")
    assert lines["amount"].tolist() == [1, 2]
    assert plan_lines(eng, date(2026, 11, 1), date(2026, 11, 30), "key").empty


def test_calls_of_a_period(eng):
    calls = read_calls(eng, date(2026, 10, 1), date(2026, 10, 2))
    assert sorted(calls["id"]) == ["c0", "c1", "c2"]  # whole days: 3 October 00:00 is out
    assert calls["started_at"].dt.hour.tolist() == [0, 23, 9]
    without = load_frames(eng, calls=False)
    assert without.calls.empty and list(without.calls.columns) == list(calls.columns)
    assert len(load_frames(eng).calls) == 4


def test_calls_of_a_period_and_of_some_managers(eng):
    start, end = date(2026, 10, 1), date(2026, 10, 3)
    assert read_calls(eng, start, end, ["k"]).empty  # k made no call
    assert sorted(read_calls(eng, start, end, iter(["k", "a"]))["id"]) == ["c0", "c1", "c2", "c3"]
    assert sorted(read_calls(eng, start, end)["id"]) == ["c0", "c1", "c2", "c3"]


texts = st.lists(st.one_of(st.none(), st.sampled_from(["a", "b", "ж", "d10", ""])), max_size=12)


@settings(max_examples=60, deadline=None)
@given(texts, texts)
def test_isin_is_membership_as_python_sees_it(values, among):
    column = pd.Series(values, dtype="str", index=range(10, 10 + len(values)))
    wanted = {v for v in among if v is not None}
    expected = [v in wanted if v is not None else None in among for v in values]
    for keys in (among, pd.Index(among, dtype="str"), pd.Series(among, dtype=object)):
        found = isin(column, keys)
        assert found.tolist() == expected and found.index.equals(column.index)
