"""CRM hygiene: the limit of open deals, stale deals, incomplete cards, unknown stages."""

from datetime import date

import pandas as pd

from salesplan.control.hygiene import deal_problems, hygiene_by_manager
from salesplan.control.params import ControlParams

P = ControlParams().stage_probabilities()
AS_OF = date(2026, 11, 30)

DEALS = pd.DataFrame([
    # id, manager, stage, amount, expected, created, stage_changed, outcome
    ("ok", "a", "контакт", 10.0, "2026-12-10", "2026-11-20", "2026-11-25", "open"),
    ("stale30", "a", "контакт", 10.0, "2026-12-10", "2026-10-01", "2026-10-31", "open"),
    ("fresh29", "a", "контакт", 10.0, "2026-12-10", "2026-10-01", "2026-11-01", "open"),
    ("stale_created", "a", "контакт", 10.0, "2026-12-10", "2026-09-01", None, "open"),
    ("no_amount", "b", "контакт", None, "2026-12-10", "2026-11-20", "2026-11-25", "open"),
    ("no_date", "b", "контакт", 10.0, None, "2026-11-20", "2026-11-25", "open"),
    ("late", "b", "контакт", 10.0, "2026-11-29", "2026-11-20", "2026-11-25", "open"),
    ("odd", "b", "Моя стадия", 10.0, "2026-12-10", "2026-11-20", "2026-11-25", "open"),
    ("won", "b", "закрыто", None, None, "2026-01-01", None, "won"),
], columns=["id", "manager_id", "stage", "amount", "expected_date", "created", "stage_changed",
            "outcome"])
for col in ("expected_date", "created", "stage_changed"):
    DEALS[col] = pd.to_datetime(DEALS[col])
DEALS = DEALS.assign(title=DEALS["id"], client_id="k")


def test_problems_per_deal():
    problems = deal_problems(DEALS, AS_OF, 30, P).set_index("id")
    assert sorted(problems.index) == ["late", "no_amount", "no_date", "odd", "stale30",
                                      "stale_created"]
    assert problems.loc["stale30", "stale"] and problems.loc["stale30", "days_idle"] == 30
    assert problems.loc["stale_created", "days_idle"] == 90  # no stage change: since created
    assert problems.loc["no_amount", "no_amount"] and problems.loc["no_date", "no_expected_date"]
    assert problems.loc["late", "expected_date_passed"] and problems.loc["odd", "unknown_stage"]
    assert problems.drop(columns=["title", "manager_id", "client_id", "stage", "amount",
                                  "expected_date", "days_idle"]).sum(axis=1).eq(1).all()


def test_by_manager_against_the_limit():
    table = hygiene_by_manager(DEALS, deal_problems(DEALS, AS_OF, 30, P), open_deal_limit=3)
    table = table.set_index("manager_id")
    assert table.loc["a", "open_deals"] == 4 and table.loc["a", "over_limit"]
    assert table.loc["b", "open_deals"] == 4 and table.loc["a", "stale"] == 2
    assert table.loc["b", ["no_amount", "no_expected_date", "expected_date_passed",
                           "unknown_stage"]].tolist() == [1, 1, 1, 1]
    assert table.loc["a", "limit"] == 3
