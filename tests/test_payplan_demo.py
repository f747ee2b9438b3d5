"""The demo's payment plans: every selling manager's weekly plans of the last month, a
resubmission beside its first version, and changes the brief can show that the store bears out."""

from datetime import date

import pandas as pd

from salesplan import store
from salesplan.control.report import Control
from salesplan.payplan import repository as repo


def test_the_demo_holds_weekly_plans_and_a_resubmission(demo_db, demo_month):
    eng = store.engine(demo_db)
    plans = repo.plans(eng)
    weekly = plans[plans["kind"] == "week"]
    sellers = store.read_table(eng, "managers")
    sellers = sellers[(sellers["role"] != "head") & sellers["leave_date"].isna()]
    assert set(weekly["manager_id"]) == set(sellers["id"])
    assert {p[:4] for p in weekly["period"]} == {demo_month[:4]}
    again = weekly[weekly["version"] == 2].iloc[0]
    first = weekly[(weekly["period"] == again["period"]) & (weekly["manager_id"] == again["manager_id"])
                   & (weekly["version"] == 1)]
    assert len(first) == 1 and first.iloc[0]["submitted_at"] < again["submitted_at"]
    assert (plans["kind"] == "day").any()


def test_the_last_fridays_changes_are_borne_out_by_the_store(demo_db, demo_month):
    eng = store.engine(demo_db)
    friday = pd.Timestamp(f"{demo_month}-01") + pd.offsets.MonthEnd(0)
    while friday.weekday() != 4:
        friday -= pd.Timedelta(days=1)
    changes = Control.load(eng).plan_changes(friday.date())
    assert {"moved_later", "paid_early"} <= set(changes["change"])
    payments = store.read_table(eng, "payments").dropna(subset=["date"])
    monday = friday.date() - pd.Timedelta(days=4)
    for row in changes[changes["change"] == "paid_early"].itertuples():
        paid = payments[(payments["deal_id"] == row.deal_id)
                        & payments["date"].between(pd.Timestamp(monday), friday)]
        assert paid["date"].min().date() == row.new_date < row.planned_date
        assert paid["amount"].sum() == row.money
    later = changes[changes["change"] == "moved_later"]
    assert (later["new_date"] > later["planned_date"]).all()
    assert (later["money"] == later["planned_amount"]).all()
    assert all(isinstance(d, date) for d in later["new_date"])
