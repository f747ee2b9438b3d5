"""Demo reviews in the demo department: enough to show, deterministic, with real weak spots."""

import pandas as pd
import pytest
from store_copy import copy_db

from salesplan import schema, store
from salesplan.reviews import calibration
from salesplan.reviews import repository as repo
from salesplan.reviews.demo import MONTHS, REVIEWERS, WEAK_SPOTS, seed_demo
from salesplan.reviews.templates import REVIEWED_ROLES


@pytest.fixture(scope="module")
def demo(demo_db):
    eng = store.engine(demo_db)
    return eng, repo.current_reviews(eng), repo.reviews_frame(eng)


def test_months_reviewers_and_double_reviews(demo, demo_month):
    _eng, heads, _items = demo
    months = heads["call_date"].dt.strftime("%Y-%m").value_counts().sort_index()
    expected = [str(pd.Period(demo_month, freq="M") - i) for i in range(MONTHS - 1, -1, -1)]
    assert list(months.index) == expected
    assert months.between(20, 80).all()  # dozens a month
    assert set(heads["reviewer"]) == set(REVIEWERS)
    twice = heads.groupby("call_id")["reviewer"].nunique()
    assert (twice >= 2).sum() >= 10
    assert heads["revision"].max() == 2  # some reviews were edited once
    assert heads["critical_failed"].sum() >= 1


def test_each_manager_has_the_weak_spot_of_their_profile(demo):
    eng, _heads, items = demo
    managers = store.read_table(eng, "managers")
    managers = managers[managers["role"].isin(REVIEWED_ROLES)].sort_values("id").reset_index(drop=True)
    applicable = items[~items["na"] & (items["section_id"] != "standards")]
    attainment = (
        applicable.assign(share=applicable["points"] / applicable["max_points"])
        .groupby(["manager_id", "section_id"])["share"].mean().unstack()
    )
    reviewed = managers[managers["id"].isin(attainment.index)]
    assert len(reviewed) >= 6
    for i, manager in reviewed.iterrows():
        assert attainment.loc[manager["id"]].idxmin() == WEAK_SPOTS[i % len(WEAK_SPOTS)], manager["name"]


def test_calibration_and_sampling_have_something_to_show(demo, demo_month):
    eng, heads, items = demo
    agreement = calibration.criterion_agreement(items)
    assert len(agreement) >= 20 and agreement["agreement"].min() < 50  # «ценность» is hard to judge
    leniency = calibration.reviewer_leniency(heads).set_index("reviewer")["leniency"]
    assert leniency["Крылов Денис"] > 0 > leniency["Савина Мария"]  # lenient and strict
    calls = store.read_table(eng, "calls")
    managers = store.read_table(eng, "managers")
    active = managers[managers["role"].isin(REVIEWED_ROLES) & managers["leave_date"].isna()]
    month_calls = calls[calls["started_at"].dt.strftime("%Y-%m") == demo_month]
    short = calibration.sampling_suggestion(heads, month_calls, active, demo_month, minimum=4)
    assert len(short) >= 1 and short["suggested"].map(len).ge(1).all()


def test_seeding_is_deterministic_and_idempotent(demo, demo_db, demo_month, tmp_path):
    _eng, heads, _items = demo
    url = copy_db(demo_db, tmp_path / "copy.db")
    eng = store.engine(url)
    seed_demo(eng, demo_month)  # again: nothing added
    again = repo.current_reviews(eng)
    assert len(again) == len(heads)
    assert store.counts(eng)["reviews"] == store.counts(store.engine(demo_db))["reviews"]

    with store.transaction(eng) as conn:  # the review tables made afresh (saved rows cannot be deleted)
        for table in reversed(repo.TABLES):
            table.drop(conn)
        schema.metadata.create_all(conn, tables=repo.TABLES)
        for statement in schema.immutability_ddl("sqlite"):
            conn.exec_driver_sql(statement)
    seed_demo(eng, demo_month)  # from scratch: the same reviews
    fresh = repo.current_reviews(eng)
    columns = ["uid", "revision", "manager_id", "call_id", "reviewer", "score", "comment"]
    pd.testing.assert_frame_equal(
        fresh.sort_values("uid")[columns].reset_index(drop=True),
        heads.sort_values("uid")[columns].reset_index(drop=True),
    )
