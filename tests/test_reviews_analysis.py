"""What the reviews say: per-manager scores and trends, weak criteria, deals moving forward."""

import pandas as pd
import pytest

from salesplan.reviews.analysis import (
    criterion_pass_rates,
    deal_moved_forward,
    deal_progress_by_criterion,
    manager_summary,
    score_trend,
    weakest_criteria,
)


def heads(rows):
    frame = pd.DataFrame(
        rows, columns=["uid", "manager_id", "manager_name", "call_date", "score", "passed", "critical_failed"]
    )
    frame["call_date"] = pd.to_datetime(frame["call_date"])
    return frame


HEADS = heads(
    [
        ("r1", "m1", "Один", "2026-09-10", 60.0, False, False),
        ("r2", "m1", "Один", "2026-10-05", 70.0, False, False),
        ("r3", "m1", "Один", "2026-10-06", 90.0, True, False),
        ("r4", "m1", "Один", "2026-10-20", 0.0, False, True),
        ("r5", "m2", "Два", "2026-10-07", 85.0, True, False),
    ]
)


def test_manager_summary():
    out = manager_summary(HEADS, "2026-10").set_index("manager_id")
    assert out.loc["m1", "reviewed"] == 3
    assert out.loc["m1", "score"] == pytest.approx(160 / 3)
    assert out.loc["m1", "pass_rate"] == pytest.approx(100 / 3)
    assert out.loc["m1", "critical"] == 1
    assert out.loc["m1", "previous"] == 60 and out.loc["m1", "change"] == pytest.approx(160 / 3 - 60)
    assert pd.isna(out.loc["m2", "previous"])
    assert list(out.index) == ["m1", "m2"]  # the lowest score first


def test_score_trend_by_month_and_week():
    monthly = score_trend(HEADS, "month")
    m1 = monthly[monthly["manager_id"] == "m1"].set_index("period")
    assert m1.loc[pd.Timestamp("2026-09-01"), "score"] == 60
    assert m1.loc[pd.Timestamp("2026-10-01"), "score"] == pytest.approx(160 / 3)
    assert m1.loc[pd.Timestamp("2026-10-01"), "reviews"] == 3
    weekly = score_trend(HEADS, "week")
    m1w = weekly[weekly["manager_id"] == "m1"].set_index("period")
    # 5 and 6 October 2026 are Monday and Tuesday of one week; 20 October is in another
    assert m1w.loc[pd.Timestamp("2026-10-05"), "score"] == 80
    assert m1w.loc[pd.Timestamp("2026-10-19"), "score"] == 0
    with pytest.raises(ValueError):
        score_trend(HEADS, "year")


def items(rows):
    """Items from (review, manager, criterion, points, max_points, met); points None = N/A."""
    frame = pd.DataFrame(
        rows, columns=["review_id", "manager_id", "criterion_id", "points", "max_points", "met"]
    )
    frame["manager_name"] = frame["manager_id"].str.upper()
    frame["template_id"] = "cold_call"
    frame["section_title"] = "Этап"
    frame["criterion_text"] = frame["criterion_id"] + " — текст"
    frame["na"] = frame["points"].isna()
    frame["critical_failed"] = (frame["criterion_id"] == "polite") & (frame["points"] == 0)
    frame["call_id"] = "call" + frame["review_id"].astype(str)
    return frame


ITEMS = items(
    [
        (1, "m1", "hook", 2.0, 2.0, True), (1, "m1", "close", 0.0, 2.0, False),
        (1, "m1", "polite", 1.0, 1.0, True),
        (2, "m1", "hook", 1.0, 2.0, False), (2, "m1", "close", 1.0, 2.0, False),
        (2, "m1", "polite", 0.0, 1.0, False),
        (3, "m2", "hook", None, 2.0, False), (3, "m2", "close", 2.0, 2.0, True),
        (3, "m2", "polite", 1.0, 1.0, True),
    ]
)


def test_weakest_criteria_per_manager():
    out = weakest_criteria(ITEMS, n=2, min_answers=1)
    m1 = out[out["manager_id"] == "m1"]
    # m1: close (0 + 0.5)/2 = 25 %, polite 50 %, hook (1 + 0.5)/2 = 75 %
    assert list(m1["criterion_id"]) == ["close", "polite"]
    assert list(m1["attainment"]) == pytest.approx([25, 50])
    assert list(m1["rank"]) == [1, 2]
    m2 = out[out["manager_id"] == "m2"]
    assert list(m2["criterion_id"]) == ["close", "polite"]  # hook was N/A only
    assert weakest_criteria(ITEMS, n=3, min_answers=3).empty  # no criterion has 3 answers each
    overall = weakest_criteria(ITEMS, n=1, min_answers=3, by=None)
    assert overall["criterion_id"].tolist() == ["close"]  # (0 + .5 + 1)/3 = 50 % < polite 66.7 %


def test_criterion_pass_rates():
    out = criterion_pass_rates(ITEMS).set_index("criterion_id")
    assert list(out.index) == ["hook", "close", "polite"]  # form order
    assert out.loc["hook", "answers"] == 2 and out.loc["hook", "met_rate"] == 50
    assert out.loc["hook", "na_rate"] == pytest.approx(100 / 3)
    assert out.loc["close", "attainment"] == pytest.approx(50)
    assert out.loc["polite", "critical_failures"] == 1


def test_deal_moved_forward():
    calls = pd.DataFrame(
        {
            "id": ["a", "b", "c", "d", "e", "f"],
            "started_at": pd.to_datetime(["2026-10-05 10:00"] * 6),
            "deal_id": ["won", "lost", "moved", "stuck", "closed_before", None],
        }
    )
    deals = pd.DataFrame(
        {
            "id": ["won", "lost", "moved", "stuck", "closed_before"],
            "outcome": ["won", "lost", "open", "open", "won"],
            "closed": pd.to_datetime(["2026-10-20", "2026-10-20", None, None, "2026-10-01"]),
            "stage_changed": pd.to_datetime(["2026-10-20", "2026-10-20", "2026-10-08", "2026-09-01",
                                             "2026-10-01"]),
        }
    )
    out = deal_moved_forward(calls, deals).set_index("call_id")["forward"].to_dict()
    assert out == {"a": True, "b": False, "c": True, "d": False}


def test_deal_progress_by_criterion():
    rows = []
    # ten calls: "next" met on calls 0–4, of which deals moved on 0–3 (80 %);
    # not met on 5–9, of which moved on 5 only (20 %)
    for i in range(10):
        rows.append((i, "m1", "next", 2.0 if i < 5 else 0.0, 2.0, i < 5))
        rows.append((i, "m1", "greet", 1.0, 1.0, True))  # always met: no comparison
    moved = pd.DataFrame({"call_id": [f"call{i}" for i in range(10)],
                          "forward": [True] * 4 + [False] + [True] + [False] * 4})
    out = deal_progress_by_criterion(items(rows), moved, min_answers=5)
    assert out["criterion_id"].tolist() == ["next"]
    assert out.iloc[0]["forward_if_met"] == 80 and out.iloc[0]["forward_if_not"] == 20
    assert out.iloc[0]["difference"] == 60 and out.iloc[0]["calls"] == 10
    assert deal_progress_by_criterion(items(rows), moved, min_answers=6).empty
    assert deal_progress_by_criterion(items(rows), moved.iloc[0:0]).empty
