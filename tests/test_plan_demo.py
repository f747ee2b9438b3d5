"""The demo's plans: an approved plan for every past month, proposals for the next month."""

import shutil
from pathlib import Path

import pandas as pd
import pytest

from salesplan import store
from salesplan.calendar import default_calendar
from salesplan.periods import Month
from salesplan.plan import seed_demo
from salesplan.plan.demo import AUTHOR, PROPOSALS
from salesplan.plan.propose import Planner
from salesplan.plan_of_record import plan_of_record, plan_versions


def test_every_past_month_has_an_approved_plan_made_by_the_model(demo_db, demo_month):
    eng = store.engine(demo_db)
    planner = Planner.from_store(eng)
    first = Month.from_ordinal(int(planner.history.revenue["ym"].min()))
    for month in map(str, first.through(Month.parse(demo_month))):
        record = plan_of_record(eng, month)
        assert sorted(record["department_id"].unique()) == planner.departments, month
        assert default_calendar().is_working_series(record["date"]).all()
        assert (record["amount"] % 100 == 0).all()
    heads = plan_versions(eng)
    approved = heads[heads["status"] == "approved"]
    assert (approved["author"] == AUTHOR).all()
    assert all("inputs" in raw and "explanation" in raw for raw in approved["inputs"])


def test_next_month_has_proposals_to_compare(demo_db, demo_month):
    eng = store.engine(demo_db)
    next_month = str(Month.parse(demo_month) + 1)
    heads = plan_versions(eng, next_month)
    assert (heads["status"] == "scenario").all()
    per_department = heads.groupby("department_id")["name"].apply(sorted)
    assert all(names == sorted(PROPOSALS) for names in per_department)
    assert plan_of_record(eng, next_month).empty


def test_seeding_again_adds_nothing(demo_db, demo_month, tmp_path):
    source = Path(demo_db.removeprefix("sqlite:///"))
    for suffix in ("", "-wal"):
        if Path(f"{source}{suffix}").exists():
            shutil.copyfile(f"{source}{suffix}", tmp_path / f"copy.db{suffix}")
    eng = store.engine(f"sqlite:///{tmp_path / 'copy.db'}")
    before = len(plan_versions(eng))
    seed_demo(eng, demo_month)
    assert len(plan_versions(eng)) == before


@pytest.mark.parametrize("months_back", [0, 6])
def test_past_plans_use_only_the_history_before_their_month(demo_db, demo_month, months_back):
    eng = store.engine(demo_db)
    month = str(Month.parse(demo_month) - months_back)
    record = plan_of_record(eng, month)
    plan = plan_versions(eng, month)
    inputs = plan.loc[plan["id"] == record["plan_id"].iloc[0], "inputs"].iloc[0]["inputs"]
    planner = Planner.from_store(eng)
    again = planner.propose(planner.inputs(**{k: inputs[k] for k in ("month", "department")},
                                           **{k: v for k, v in inputs.items()
                                              if k not in ("month", "department")}))
    stored = record[record["plan_id"] == record["plan_id"].iloc[0]]
    assert int(stored["amount"].sum()) == again.total
    assert pd.Timestamp(stored["date"].min()).strftime("%Y-%m") == month
