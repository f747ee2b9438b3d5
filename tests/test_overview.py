"""The data overview: counts by month and by manager against hand-made tables."""

from datetime import date, datetime

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from salesplan import overview, store

T = pd.Timestamp


CALLS = pd.DataFrame({
    "id": ["c1", "c2", "c3", "c4"],
    "manager_id": ["m1", "m1", "m1", "m2"],
    "started_at": [T("2026-01-05 10:00"), T("2026-01-05 11:00"), T("2026-02-01 09:30"),
                   T("2026-02-02 12:00")],
    "direction": "out",
    "duration_s": [90, 30, 59, 600],
})


def call_days(calls: pd.DataFrame) -> pd.DataFrame:
    """The calls per manager and day as ``overview.call_days`` reads them, counted here by pandas."""
    days = calls.groupby([calls["manager_id"], calls["started_at"].dt.normalize().rename("day")])
    return pd.DataFrame({"calls": days.size(), "seconds": days["duration_s"].sum()}).reset_index()


def frames() -> overview.Data:
    """Two managers (m1 in sales, m2 in regions) and a ghost id m9 that only a deal knows."""
    managers = pd.DataFrame({
        "id": ["m1", "m2"], "name": ["Анна", "Борис"], "department_id": ["sales", "regions"],
        "role": ["hunter", "farmer"], "hire_date": [T("2025-01-10"), T("2024-05-01")],
        "leave_date": [pd.NaT, T("2026-02-20")],
    })
    deals = pd.DataFrame({
        "id": ["d1", "d2", "d3", "d4", "d5"],
        "manager_id": ["m1", "m1", "m2", "m2", "m9"],
        "created": [T("2026-01-05"), T("2026-01-20"), T("2026-01-25"), T("2026-02-02"), T("2026-02-03")],
        "closed": [T("2026-02-10"), pd.NaT, T("2026-01-30"), T("2026-02-27"), pd.NaT],
        "outcome": ["won", "open", "won", "lost", "open"],
        "amount": pd.array([150_000_00, None, 40_000_70, 9_999_00, 1_00], dtype="Int64"),
    })
    payments = pd.DataFrame({
        "id": ["p1", "p2", "p3"],
        "date": [T("2026-02-20"), pd.NaT, T("2026-02-05")],
        "amount": [100_000_00, 50_000_00, 40_000_70],
        "deal_id": ["d1", "d1", "d3"],
        "manager_id": ["m1", "m1", "m2"],
    })
    calls = call_days(CALLS)
    leads = pd.DataFrame({"manager_id": ["m1", "m1", None], "created": [T("2026-01-03"), T("2026-02-14"),
                                                                     T("2026-02-15")]})
    return overview.Data(managers, deals, payments, calls, leads)


def test_by_month_against_a_hand_made_table():
    months = overview.by_month(frames())
    expected = pd.DataFrame(
        {
            "deals_created": [3, 2],
            "deals_won": [1, 1],  # d3 closed in January, d1 in February
            "won_amount": [40_000_70, 150_000_00],
            "payments": [0, 2],  # p2 is outstanding
            "paid_amount": [0, 140_000_70],
            "calls": [2, 2],
            "call_minutes": [2, 10],  # 120 s; 659 s → 10 whole minutes
            "leads": [1, 2],
        },
        index=pd.Index(["2026-01", "2026-02"], name="month"),
    )
    pd.testing.assert_frame_equal(months, expected, check_dtype=False)
    assert (months.dtypes == "int64").all()
    assert overview.by_month(frames(), last="2026-01").index.tolist() == ["2026-01"]


def test_by_manager_follows_the_roster_and_keeps_unknown_ids():
    table = overview.by_manager(frames())
    assert table.index.tolist() == ["m1", "m2", "m9"]
    assert table.loc["m1", ["deals_created", "deals_won", "won_amount", "payments", "paid_amount",
                            "calls", "call_minutes", "leads"]].tolist() == [2, 1, 150_000_00, 1, 100_000_00,
                                                                             3, 2, 2]
    assert table.loc["m2", "won_amount"] == 40_000_70 and table.loc["m2", "call_minutes"] == 10
    assert pd.isna(table.loc["m9", "name"]) and table.loc["m9", "deals_created"] == 1
    january = overview.by_manager(frames(), last="2026-01")
    assert january.loc["m1", "won_amount"] == 0 and january.loc["m1", "calls"] == 2
    assert "m9" not in january.index  # an id the roster lacks shows only with activity


def test_the_display_speaks_russian():
    months = overview.shown_months(overview.by_month(frames()))
    assert months.index.tolist() == ["янв. 2026", "февр. 2026"]
    assert months.loc["февр. 2026", "Сумма оплат"] == "140\xa0001\xa0₽"
    managers = overview.shown_managers(overview.by_manager(frames()))
    assert managers.loc["Борис", "Уволен"] == "20.02.2026"
    assert managers.loc["Анна", "Роль"] == "Менеджер по привлечению (хантер)"
    assert managers.loc["Анна", "Звонков"] == "3"


@st.composite
def activity(draw):
    n = draw(st.integers(0, 30))
    day = st.dates(date(2025, 1, 1), date(2026, 12, 31)).map(pd.Timestamp)
    managers = pd.DataFrame({"id": ["a", "b"], "name": ["А", "Б"], "department_id": ["s", "s"],
                             "role": ["hunter", "farmer"], "hire_date": pd.NaT, "leave_date": pd.NaT})
    deals = pd.DataFrame({
        "id": [f"d{i}" for i in range(n)],
        "manager_id": draw(st.lists(st.sampled_from("ab"), min_size=n, max_size=n)),
        "created": draw(st.lists(day, min_size=n, max_size=n)),
        "closed": draw(st.lists(day, min_size=n, max_size=n)),
        "outcome": draw(st.lists(st.sampled_from(["won", "lost", "open"]), min_size=n, max_size=n)),
        "amount": pd.array(draw(st.lists(st.integers(0, 10**12), min_size=n, max_size=n)), dtype="Int64"),
    })
    k = draw(st.integers(0, 30))
    calls = pd.DataFrame({
        "manager_id": draw(st.lists(st.sampled_from("ab"), min_size=k, max_size=k)),
        "started_at": [datetime(d.year, d.month, d.day, 10)
                       for d in draw(st.lists(st.dates(date(2025, 1, 1), date(2026, 12, 31)),
                                              min_size=k, max_size=k))],
        "duration_s": draw(st.lists(st.integers(0, 7200), min_size=k, max_size=k)),
    })
    calls = call_days(calls.assign(started_at=pd.to_datetime(calls["started_at"])))
    payments = pd.DataFrame({"id": [], "date": pd.to_datetime([]), "amount": np.array([], dtype="int64"),
                             "deal_id": [], "manager_id": []})
    leads = pd.DataFrame({"manager_id": pd.Series([], dtype="str"), "created": pd.to_datetime([])})
    return overview.Data(managers, deals, payments, calls, leads)


@settings(max_examples=30, deadline=None)
@given(activity())
def test_months_and_managers_add_up_to_the_whole(data):
    months, people = overview.by_month(data), overview.by_manager(data)
    won = data.deals[data.deals["outcome"] == "won"]
    for table in (months, people):
        assert table["deals_created"].sum() == len(data.deals)
        assert table["won_amount"].sum() == won["amount"].sum()
        assert table["calls"].sum() == data.calls["calls"].sum()
    assert months["call_minutes"].sum() <= data.calls["seconds"].sum() // 60


def records(frame: pd.DataFrame) -> list[dict]:
    """Rows for an insert: timestamps as dates, missing values as None."""
    rows = frame.astype(object).where(frame.notna(), None).to_dict("records")
    return [{k: v.date() if isinstance(v, pd.Timestamp) else v for k, v in r.items()} for r in rows]


@pytest.fixture
def small_store(tmp_path):
    eng = store.engine(f"sqlite:///{tmp_path / 'small.db'}")
    data = frames()
    payments = data.payments.assign(manager_id=[None, "m1", "m2"])  # p1: its deal's manager
    with store.transaction(eng) as conn:
        conn.execute(store.departments.insert(), [{"id": "sales", "name": "Продажи"},
                                                  {"id": "regions", "name": "Регионы"}])
        conn.execute(store.managers.insert(), records(data.managers))
        conn.execute(store.deals.insert(), records(data.deals))
        conn.execute(store.payments.insert(), records(payments))
    return eng


def test_load_keeps_one_department_and_gives_payments_their_deal_manager(small_store):
    everyone = overview.load(small_store)
    assert everyone.payments.set_index("id")["manager_id"].to_dict() == {"p1": "m1", "p2": "m1", "p3": "m2"}
    regions = overview.load(small_store, "regions")
    assert regions.managers["id"].tolist() == ["m2"]
    assert sorted(regions.deals["id"]) == ["d3", "d4"] and regions.payments["id"].tolist() == ["p3"]
    assert overview.caption(small_store, "regions", "2026-05") == "Регионы · данные по май 2026 включительно"
    assert overview.caption(small_store, "", "2026-01").startswith("Все отделы")


def test_missing_note_names_the_empty_tables_and_how_to_import_them():
    note = overview.missing_note({"deals": 8_800, "payments": 0, "calls": 0, "leads": 3})
    assert note.startswith("Оплат и счетов нет: загрузите выгрузку из 1С")
    assert "Звонков нет: загрузите выгрузку телефонии" in note and "Сделок нет" not in note
    assert "Лидов нет" not in note
    assert overview.missing_note({"deals": 1, "payments": 1, "calls": 1, "leads": 1}) == ""


def test_calls_are_counted_per_manager_and_day_in_the_database(db_url):
    eng = store.engine(db_url)
    late = pd.DataFrame({"id": ["c5", "c6"], "manager_id": ["m2", "m2"], "direction": "in",
                         "started_at": [T("2026-02-02 23:59:59"), T("2026-02-03 00:00")],
                         "duration_s": [1, 2]})
    with store.transaction(eng) as conn:
        conn.execute(store.calls.insert(), pd.concat([CALLS, late]).to_dict("records"))
    days = overview.call_days(eng).sort_values(["manager_id", "day"], ignore_index=True)
    expected = pd.DataFrame({
        "manager_id": ["m1", "m1", "m2", "m2"],
        "day": [T("2026-01-05"), T("2026-02-01"), T("2026-02-02"), T("2026-02-03")],
        "calls": [2, 1, 2, 1],
        "seconds": [120, 59, 601, 2],
    })
    pd.testing.assert_frame_equal(days, expected, check_dtype=False)
    assert (days[["calls", "seconds"]].dtypes == "int64").all()
    theirs = overview.call_days(eng, ["m2", "m9"]).sort_values("day", ignore_index=True)
    pd.testing.assert_frame_equal(theirs, expected[2:].reset_index(drop=True), check_dtype=False)
    assert overview.call_days(eng, []).empty
