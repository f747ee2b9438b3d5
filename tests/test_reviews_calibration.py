"""Reviewer calibration: kappa and alpha against hand-computed and published values."""

import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from salesplan.reviews.calibration import (
    NA,
    calibration_suggestion,
    cohen_kappa,
    criterion_agreement,
    double_reviewed,
    krippendorff_alpha,
    reviewer_leniency,
    reviewer_pairs,
    sampling_suggestion,
)


def pairs_from_table(table, categories):
    """Two raters' ratings from a contingency table (rows: rater A, columns: rater B)."""
    a, b = [], []
    for i, row in enumerate(table):
        for j, count in enumerate(row):
            a += [categories[i]] * count
            b += [categories[j]] * count
    return a, b


def test_kappa_two_categories():
    # 50 items: both yes 20, A yes B no 5, A no B yes 10, both no 15.
    # p_o = 35/50 = 0.7; p_e = 0.5·0.6 + 0.5·0.4 = 0.5; κ = 0.2 / 0.5 = 0.4
    a, b = pairs_from_table([[20, 5], [10, 15]], ["да", "нет"])
    assert cohen_kappa(a, b) == pytest.approx(0.4)


def test_kappa_three_categories_by_hand():
    # p_o = 22/30; A's shares 12,12,6 /30, B's 13,12,5 /30;
    # p_e = (12·13 + 12·12 + 6·5) / 900 = 330/900 = 11/30; κ = (22/30 − 11/30)/(19/30) = 11/19
    a, b = pairs_from_table([[10, 2, 0], [3, 8, 1], [0, 2, 4]], [0.0, 1.0, 2.0])
    assert cohen_kappa(a, b) == pytest.approx(11 / 19)


def test_kappa_na_is_a_category():
    a = [1.0, 1.0, NA, 0.0]
    b = [1.0, 0.0, NA, 0.0]
    # p_o = 3/4; A: 1→.5, na→.25, 0→.25; B: 1→.25, na→.25, 0→.5; p_e = .125+.0625+.125 = .3125
    assert cohen_kappa(a, b) == pytest.approx((0.75 - 0.3125) / (1 - 0.3125))


def test_kappa_degenerate_cases():
    assert math.isnan(cohen_kappa([], []))
    assert math.isnan(cohen_kappa([1, 1, 1], [1, 1, 1]))  # p_e = 1
    with pytest.raises(ValueError):
        cohen_kappa([1, 0], [1])


@given(st.lists(st.sampled_from([0.0, 1.0, 2.0]), min_size=2, max_size=40))
def test_kappa_of_identical_ratings_is_one(ratings):
    if len(set(ratings)) > 1:
        assert cohen_kappa(ratings, ratings) == pytest.approx(1.0)


# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability": 4 observers, 12 units.
N = None
OBSERVERS = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3],
    [N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N],
]


def test_krippendorff_published_example():
    units = list(zip(*OBSERVERS, strict=True))
    assert krippendorff_alpha(units, "nominal") == pytest.approx(0.743, abs=5e-4)
    assert krippendorff_alpha(units, "interval") == pytest.approx(0.849, abs=5e-4)


def test_krippendorff_degenerate_cases():
    assert math.isnan(krippendorff_alpha([[1, N], [N, 2]]))  # nothing pairable
    assert math.isnan(krippendorff_alpha([[1, 1], [1, 1]]))  # no variation
    assert krippendorff_alpha([[0, 0], [1, 1], [NA, NA]]) == 1.0
    with pytest.raises(ValueError):
        krippendorff_alpha([[1, 2]], "ratio")


def items_frame(rows):
    """Items as ``reviews_frame`` gives them, from (call, reviewer, criterion, points, score)."""
    frame = pd.DataFrame(rows, columns=["call_id", "reviewer", "criterion_id", "points", "score"])
    frame["recording_url"] = None
    frame["template_id"] = "cold_call"
    frame["created_at"] = pd.Timestamp("2026-10-01") + pd.to_timedelta(range(len(frame)), "min")
    return frame


def test_criterion_agreement_and_pairs():
    rows = []
    # criterion x: calls 1–4 by A and B: agree on 1, 2, 3 (1, 1, 0), disagree on 4 (A 1, B 0)
    for call, (a, b) in enumerate([(1, 1), (1, 1), (0, 0), (1, 0)], start=1):
        rows += [(f"c{call}", "A", "x", float(a), 0), (f"c{call}", "B", "x", float(b), 0)]
    # call 5 by A, B and C: 1, N/A, 1 → pairs A–B no, A–C yes, B–C no
    rows += [("c5", "A", "x", 1.0, 0), ("c5", "B", "x", None, 0), ("c5", "C", "x", 1.0, 0)]
    rows += [("c6", "A", "x", 1.0, 0)]  # reviewed once: not in calibration
    out = criterion_agreement(items_frame(rows)).set_index("criterion_id").loc["x"]
    assert out["calls"] == 5 and out["pairs"] == 7
    assert out["agreement"] == pytest.approx(4 / 7 * 100)
    first = [1, 1, 0, 1, 1, 1, NA]  # pairs ordered by reviewer name
    second = [1, 1, 0, 0, NA, 1, 1]
    assert out["kappa"] == pytest.approx(cohen_kappa(first, second))
    units = [[1, 1], [1, 1], [0, 0], [1, 0], [1, NA, 1]]
    assert out["alpha"] == pytest.approx(krippendorff_alpha(units))

    pairs = reviewer_pairs(items_frame(rows)).set_index(["reviewer_a", "reviewer_b"])
    assert pairs.loc[("A", "B"), "calls"] == 5 and pairs.loc[("A", "B"), "agreement"] == 60
    assert pairs.loc[("A", "C"), "agreement"] == 100 and pairs.loc[("B", "C"), "agreement"] == 0


def test_a_reviewer_counts_once_per_call_with_their_latest_review():
    rows = [("c1", "A", "x", 0.0, 0), ("c1", "A", "x", 1.0, 0), ("c1", "B", "x", 1.0, 0)]
    ratings = double_reviewed(items_frame(rows))
    assert sorted(ratings["rating"]) == [1.0, 1.0]
    assert criterion_agreement(items_frame(rows[:2])).empty  # one reviewer twice is not calibration


def test_reviewer_leniency_by_hand():
    heads = pd.DataFrame(
        [("c1", "A", 80.0), ("c1", "B", 70.0), ("c2", "A", 90.0), ("c2", "B", 80.0),
         ("c2", "C", 60.0), ("c3", "C", 50.0)],
        columns=["call_id", "reviewer", "score"],
    )
    heads["recording_url"] = None
    heads["created_at"] = pd.Timestamp("2026-10-01")
    out = reviewer_leniency(heads).set_index("reviewer")
    # A: c1 80−70 = +10, c2 90−(80+60)/2 = +20 → 15; B: −10, 80−75 = +5 → −2.5; C: 60−85 = −25
    assert out.loc["A", "leniency"] == pytest.approx(15)
    assert out.loc["B", "leniency"] == pytest.approx(-2.5)
    assert out.loc["C", "leniency"] == pytest.approx(-25)
    assert out.loc["C", "calls"] == 1 and out.loc["C", "reviews"] == 2
    assert out.loc["C", "mean_score"] == pytest.approx(55)
    assert list(out.index) == ["A", "B", "C"]


def test_sampling_suggestion():
    heads = pd.DataFrame(
        {
            "uid": ["r1", "r2", "r3", "r4"],
            "manager_id": ["m1", "m1", "m2", "m1"],
            "call_id": ["a1", "a2", "b1", "a9"],
            "call_date": pd.to_datetime(["2026-10-05", "2026-10-06", "2026-10-07", "2026-09-30"]),
        }
    )
    calls = pd.DataFrame(
        {
            "id": ["a1", "a2", "a3", "a4", "b1", "b2", "b3", "c1"],
            "manager_id": ["m1", "m1", "m1", "m1", "m2", "m2", "m2", "m3"],
            "duration_s": [300, 300, 300, 20, 300, 300, 300, 300],
        }
    )
    managers = pd.DataFrame({"id": ["m1", "m2", "m3"], "name": ["Один", "Два", "Три"]})
    out = sampling_suggestion(heads, calls, managers, "2026-10", minimum=3).set_index("manager_id")
    assert out.loc["m1", "reviewed"] == 2 and out.loc["m1", "shortfall"] == 1
    assert out.loc["m1", "suggested"] == ["a3"]  # a4 is too short, a1 and a2 are done
    assert out.loc["m2", "shortfall"] == 2 and sorted(out.loc["m2", "suggested"]) == ["b2", "b3"]
    assert out.loc["m3", "shortfall"] == 3 and out.loc["m3", "suggested"] == ["c1"]
    assert list(out.index) == ["m3", "m2", "m1"]  # the largest shortfall first
    again = sampling_suggestion(heads, calls, managers, "2026-10", minimum=3)
    assert again["suggested"].tolist() == out["suggested"].tolist()  # reproducible


def test_calibration_suggestion():
    heads = pd.DataFrame(
        {
            "call_id": [f"c{i}" for i in range(20)] + ["c0", "c1"],
            "recording_url": None,
            "reviewer": ["A"] * 20 + ["B", "B"],
            "call_date": pd.Timestamp("2026-10-10"),
        }
    )
    out = calibration_suggestion(heads, "2026-10", share=0.25)
    assert out == {"calls": 20, "double": 2, "target": 5, "more": 3}
