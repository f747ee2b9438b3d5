"""Contests between managers: standings by hand on a small store, the rules as a reader sees
them, and the properties of places and prizes."""

from datetime import date

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError
from sqlalchemy import insert

from salesplan import store
from salesplan.control import display as show
from salesplan.control.contests import Contest, standings
from salesplan.control.params import ControlParams
from salesplan.control.report import Control

RUB = 100


@pytest.fixture
def eng(tmp_path):
    eng = store.engine(f"sqlite:///{tmp_path / 'contest.db'}")
    managers = [
        ("a", "Анна", "sales", "hunter", None), ("b", "Борис", "sales", "farmer", None),
        ("c", "Вера", "sales", "hunter", None), ("d", "Глеб", "sales", "hunter", date(2026, 10, 15)),
        ("e", "Дина", "key", "key_account", None),
    ]
    won = [("a", date(2026, 11, 5), 300_000), ("a", date(2026, 11, 20), 100_000),
           ("b", date(2026, 11, 10), 400_000), ("e", date(2026, 11, 3), 900_000),
           ("c", date(2026, 10, 30), 50_000)]  # October: outside the November contest
    with store.transaction(eng) as conn:
        conn.execute(insert(store.departments), [{"id": "sales", "name": "Продажи"},
                                                 {"id": "key", "name": "Ключевые"}])
        conn.execute(insert(store.managers), [
            {"id": i, "name": n, "department_id": d, "role": r, "leave_date": left}
            for i, n, d, r, left in managers])
        conn.execute(insert(store.deals), [
            {"id": f"w{i}", "manager_id": m, "created": date(2026, 10, 1), "closed": day,
             "outcome": "won", "amount": amount * RUB}
            for i, (m, day, amount) in enumerate(won)])
    return eng


def control(eng, department, *contests):
    return Control.load(eng, department, params=ControlParams(contests=list(contests)))


def test_monthly_revenue_contest_by_hand(eng):
    contest = Contest(title="Лучший месяц", metric="revenue", period="month",
                      prizes=["Выходной", "Сертификат"])
    ctl = control(eng, "sales", contest)
    [final] = ctl.contests(date(2026, 11, 30))
    assert (final.state, final.start, final.end, final.counted_to) == (
        "finished", date(2026, 11, 1), date(2026, 11, 30), date(2026, 11, 30))
    # Анна 300 000 + 100 000 and Борис 400 000 share the first place; Вера 0 is third (1, 1, 3);
    # Глеб left in October, Дина is of another department
    table = final.table
    assert table["manager_id"].tolist() == ["a", "b", "c"]
    assert table["place"].tolist() == [1, 1, 3]
    assert table["value"].tolist() == [400_000 * RUB, 400_000 * RUB, 0]
    assert table["prize"].tolist() == ["Выходной", "Выходной", ""]
    [running] = ctl.contests(date(2026, 11, 15))  # mid-month: Анна has 300 000 so far
    assert running.state == "running" and running.counted_to == date(2026, 11, 15)
    assert running.table["manager_id"].tolist() == ["b", "a", "c"]
    assert running.table["prize"].tolist() == ["Выходной", "Сертификат", ""]


def test_a_threshold_and_a_fixed_period(eng):
    contest = Contest(title="Порог", metric="revenue", period="2026-11", prizes=["Приз", "Приз 2"],
                      qualify=350_000)
    ctl = control(eng, "sales", contest)
    mid = ctl.contest(contest, date(2026, 11, 15)).table.set_index("manager_id")["prize"]
    assert mid.to_dict() == {"b": "Приз", "a": "", "c": ""}  # Анна's 300 000 is under 350 000
    before = ctl.contest(contest, date(2026, 10, 20))
    assert before.state == "upcoming" and before.counted_to is None
    assert before.table["place"].isna().all() and (before.table["prize"] == "").all()


def test_counts_lower_is_better_and_departments(eng):
    fewest = Contest(title="Меньше всех", metric="deals_won", period="month", lower_is_better=True,
                     prizes=["Утешительный"], roles=["hunter"], department="sales")
    every = Contest(title="Все отделы", metric="deals_won", period="month", prizes=["Кубок"])
    [first, second] = control(eng, "", fewest, every).contests(date(2026, 11, 30))
    assert first.table[["manager_id", "value", "place"]].values.tolist() == [["c", 0, 1], ["a", 2, 2]]
    assert second.table["manager_id"].tolist()[:1] == ["a"]  # 2 deals; Борис and Дина 1 each
    assert second.table.set_index("manager_id")["place"].to_dict() == {"a": 1, "b": 2, "e": 2, "c": 4}
    # a report for another department does not show a contest of «sales»
    assert [r.contest.title for r in control(eng, "key", fewest, every).contests(date(2026, 11, 30))] \
        == ["Все отделы"]


def test_the_rules_and_the_table_as_a_reader_sees_them(eng):
    contest = Contest(title="Лучший месяц", metric="revenue", period="month", prizes=["Выходной"],
                      qualify=350_000)
    ctl = control(eng, "sales", contest)
    [result] = ctl.contests(date(2026, 11, 15))
    rules = show.contest_rules(result, ctl.names)
    assert rules == ("**Лучший месяц** — Выручка, ноябрь 2026 (идёт, учтено по 15.11.2026). Участвуют: "
                     "все менеджеры. Призы: 1-е место — Выходной. "
                     "Приз — при значении не ниже 350\xa0000\xa0₽.")
    table = show.contest_table(result, ctl.names)
    assert table.index.name == "Место" and table.index.tolist() == ["1", "2", "3"]
    assert table["Менеджер"].tolist() == ["Борис", "Анна", "Вера"]
    assert table["Значение"].tolist()[0] == "400\xa0000\xa0₽"
    assert [type(x).__name__ for x in show.contests([], ctl.names)] == ["Markdown"]


def test_a_bad_contest_is_refused():
    with pytest.raises(ValidationError):
        Contest(title="x", metric="salary", period="month")
    with pytest.raises(ValidationError):
        Contest(title="x", metric="revenue", period="2026-13")
    assert Contest(title="x", metric="revenue", period=" 2026-q4 ").period == "2026-Q4"


@given(st.lists(st.one_of(st.none(), st.integers(-5, 5)), min_size=1, max_size=12),
       st.integers(0, 4), st.booleans())
def test_places_and_prizes(values, n_prizes, lower):
    contest = Contest(title="t", metric="deals_won", period="month",
                      prizes=[f"p{i}" for i in range(n_prizes)], lower_is_better=lower)
    series = pd.Series([float("nan") if v is None else v for v in values],
                       index=[f"m{i}" for i in range(len(values))])
    table = standings(series, contest)
    assert sorted(table["manager_id"]) == sorted(series.index)
    placed = table.dropna(subset=["place"])
    assert len(placed) == series.notna().sum() and table["place"].isna().sum() == series.isna().sum()
    for row in placed.itertuples():
        others = series.dropna()
        better = (others < row.value) if lower else (others > row.value)
        assert row.place == better.sum() + 1  # one more than those strictly better
        assert row.prize == (contest.prizes[row.place - 1] if row.place <= n_prizes else "")
    assert (table.loc[table["place"].isna(), "prize"] == "").all()
