"""The holding-sized demo company (``salesplan.demo.holding``) at a small scale: its invariants, and
the same files imported into SQLite and into PostgreSQL give the same rows."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from salesplan import store
from salesplan.demo.build import fresh_sqlite, import_all
from salesplan.demo.holding import Holding, generate_holding, write_csv
from salesplan.importing import import_file
from salesplan.periods import Month

END = "2026-11"


@pytest.fixture(scope="module")
def holding():
    return generate_holding(Holding(departments=4, managers=20, years=1, scale=0.5), END, seed=7)


def test_the_roster_is_spread_evenly_with_one_head_a_department(holding):
    managers = holding.managers
    assert len(holding.departments) == 2 and len(managers) == 10
    per_department = managers.groupby("department_id").size()
    assert per_department.tolist() == [5, 5]
    heads = managers[managers["role"] == "head"].groupby("department_id").size()
    assert heads.tolist() == [1, 1]
    assert managers["id"].is_unique and managers["name"].is_unique


def test_every_row_names_a_manager_of_the_roster_and_heads_sell_nothing(holding):
    roster = set(holding.managers["id"])
    heads = set(holding.managers.loc[holding.managers["role"] == "head", "id"])
    for frame in (holding.deals, holding.payments, holding.calls, holding.clients):
        assert set(frame["manager_id"]) <= roster - heads
    assert set(holding.deals["client_id"]) <= set(holding.clients["id"])
    assert holding.deals["id"].is_unique and holding.calls["id"].is_unique


def test_deals_and_calls_lie_in_the_window_and_the_managers_employment(holding):
    first, last = Month.parse(END) - 11, Month.parse(END)
    start, end = pd.Timestamp(first.start), pd.Timestamp(last.end) + pd.Timedelta(days=1)
    calls, deals = holding.calls, holding.deals
    assert calls["started_at"].between(start, end, inclusive="left").all()
    assert deals["created"].between(start, end, inclusive="left").all()
    hours = calls["started_at"].dt.hour + calls["started_at"].dt.minute / 60
    assert hours.between(9, 18.5).all()
    employed = holding.managers.set_index("id")
    hired = calls["manager_id"].map(employed["hire_date"])
    left = calls["manager_id"].map(employed["leave_date"]).fillna(end)
    assert (calls["started_at"].dt.normalize() >= hired).all()
    assert (calls["started_at"].dt.normalize() <= left).all()


def test_closed_deals_close_after_opening_and_open_ones_have_no_closing_day(holding):
    deals = holding.deals
    is_open = deals["outcome"] == "open"
    assert deals.loc[is_open, "closed"].isna().all()
    assert (deals.loc[~is_open, "closed"] >= deals.loc[~is_open, "created"]).all()
    assert deals.loc[~is_open, "closed"].max() <= pd.Timestamp(Month.parse(END).end)


def test_a_won_deal_is_paid_once_in_full_and_a_call_about_a_deal_is_the_callers(holding):
    deals, payments, calls = holding.deals, holding.payments, holding.calls
    won = deals[deals["outcome"] == "won"].set_index("id")
    assert sorted(payments["deal_id"]) == sorted(won.index)
    assert (payments.set_index("deal_id")["amount"] == won["amount"].reindex(payments["deal_id"])).all()
    about = calls[calls["deal_id"].notna()]
    assert len(about) > 0
    dealt = deals.set_index("id").loc[about["deal_id"]]
    assert (dealt["manager_id"].to_numpy() == about["manager_id"].to_numpy()).all()
    assert (dealt["created"].to_numpy() <= about["started_at"].dt.normalize().to_numpy()).all()


def test_the_scale_multiplies_the_rows():
    small = generate_holding(Holding(departments=2, managers=10, years=1, scale=1), END, seed=3)
    large = generate_holding(Holding(departments=2, managers=10, years=1, scale=4), END, seed=3)
    ratio = len(large.calls) / len(small.calls)
    assert 2.5 < ratio < 5.5  # 4× the sellers, hiring and leaving drawn at random
    assert len(large.managers) == 4 * len(small.managers)


@pytest.fixture(scope="module")
def files(holding, tmp_path_factory) -> dict[str, Path]:
    return write_csv(holding, tmp_path_factory.mktemp("holding"))


def stored(url: str, table: str) -> pd.DataFrame:
    frame = store.read_table(store.engine(url), table)
    return frame.sort_values("id").reset_index(drop=True)


@pytest.mark.postgres
def test_postgresql_holds_exactly_the_rows_sqlite_holds_for_the_same_files(files, tmp_path, postgres_server):
    lite = fresh_sqlite(tmp_path / "holding.db").url.render_as_string(hide_password=False)
    pg = postgres_server.create_database()
    for url in (lite, pg):
        imports = import_all(store.engine(url), files, tmp_path)
        assert {t: r.rows_accepted for t, r in imports.items()} == {
            t: len(pd.read_csv(p)) for t, p in files.items()}
    for table in files:
        pd.testing.assert_frame_equal(stored(pg, table), stored(lite, table), check_dtype=False)


@pytest.mark.postgres
def test_rejected_rows_are_written_and_counted_on_postgresql(files, tmp_path, postgres_server):
    pg = store.engine(postgres_server.create_database())
    import_all(pg, {t: files[t] for t in ("departments", "managers", "clients")}, tmp_path)
    calls = pd.read_csv(files["calls"], dtype=str, keep_default_na=False)
    bad = np.arange(len(calls)) % 1000 == 0
    calls.loc[bad, "started_at"] = "not a date"
    broken = tmp_path / "calls.csv"
    calls.to_csv(broken, index=False)
    result = import_file(pg, "calls", broken, rejects_dir=tmp_path)
    assert (result.rows_accepted, result.rows_rejected) == (len(calls) - bad.sum(), bad.sum())
    assert store.counts(pg)["calls"] == result.rows_accepted
    rejected = pd.read_csv(result.rejects_path, sep=None, engine="python", dtype=str)
    assert len(rejected) == bad.sum()
