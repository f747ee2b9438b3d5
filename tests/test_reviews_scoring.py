"""Scoring: worked examples by hand, and the invariants of the formula."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salesplan.reviews.scoring import band, score_review
from salesplan.reviews.templates import Bands, Template, load_templates

BANDS = Bands()

# A: c1 yes/no w40, c2 0-1-2 w30 (N/A allowed); B: c3 1-5 w20, c4 yes/no w10 critical.
SMALL = Template.model_validate(
    {
        "id": "small",
        "version": 1,
        "title": "Проверка",
        "pass_threshold": 85,
        "sections": [
            {
                "id": "a",
                "title": "A",
                "criteria": [
                    {"id": "c1", "text": "один", "scale": "yes_no", "weight": 40},
                    {"id": "c2", "text": "два", "scale": "0-1-2", "weight": 30, "na_allowed": True},
                ],
            },
            {
                "id": "b",
                "title": "B",
                "criteria": [
                    {"id": "c3", "text": "три", "scale": "1-5", "weight": 20},
                    {"id": "c4", "text": "четыре", "scale": "yes_no", "weight": 10, "critical": True},
                ],
            },
        ],
    }
)


def test_weights_worked_example():
    # (40·1/1 + 30·1/2 + 20·4/5 + 10·1/1) / 100 × 100 = 40 + 15 + 16 + 10 = 81
    card = score_review(SMALL, {"c1": 1, "c2": 1, "c3": 4, "c4": 1}, BANDS)
    assert card.score == pytest.approx(81.0)
    assert card.band == "green" and not card.passed  # 81 < the template's 85
    assert card.sections == {"a": pytest.approx(55 / 70 * 100), "b": pytest.approx(26 / 30 * 100)}


def test_na_is_out_of_both_sums():
    # c2 N/A: (40 + 16 + 10) / (40 + 20 + 10) × 100 = 66 / 70 × 100 = 94.2857…
    card = score_review(SMALL, {"c1": 1, "c2": None, "c3": 4, "c4": 1}, BANDS)
    assert card.score == pytest.approx(66 / 70 * 100)
    assert card.sections["a"] == pytest.approx(100.0)
    assert card.passed and card.complete


def test_a_failed_critical_criterion_zeroes_the_score_and_flags_it():
    card = score_review(SMALL, {"c1": 1, "c2": 2, "c3": 5, "c4": 0}, BANDS)
    assert card.score == 0.0 and card.critical_failed == ("c4",)
    assert card.raw_score == pytest.approx(90.0)  # 40 + 30 + 20 + 0
    assert card.band == "red" and not card.passed
    assert card.sections["b"] == pytest.approx(20 / 30 * 100)  # subscores are not zeroed


def test_lowest_point_of_a_1_to_5_scale_is_a_fifth():
    card = score_review(SMALL, {"c1": 0, "c2": 0, "c3": 1, "c4": 1}, BANDS)
    assert card.score == pytest.approx(20 * 1 / 5 + 10)  # 14


def test_incomplete_answers_score_what_is_answered():
    card = score_review(SMALL, {"c1": 1}, BANDS)
    assert card.score == 100.0 and card.answered == 1 and card.total == 4 and not card.complete
    assert card.sections["b"] is None
    empty = score_review(SMALL, {}, BANDS)
    assert empty.score is None and empty.band is None and not empty.passed


def test_all_na_has_no_score():
    only_na = Template.model_validate(
        {
            "id": "t", "version": 1, "title": "T",
            "sections": [{"id": "s", "title": "S", "criteria": [
                {"id": "x", "text": "x", "scale": "yes_no", "weight": 100, "na_allowed": True}]}],
        }
    )
    card = score_review(only_na, {"x": None}, BANDS)
    assert card.score is None and not card.passed


@pytest.mark.parametrize(
    ("score", "expected"),
    [(80, "green"), (79.99, "yellow"), (60, "yellow"), (59.9, "red"), (0, "red"), (None, None)],
)
def test_bands_default_thresholds(score, expected):
    assert band(score, BANDS) == expected


def test_bands_thresholds_are_parameters():
    assert band(75, Bands(green=70, yellow=50)) == "green"
    assert band(45, Bands(green=70, yellow=50)) == "red"


def test_shipped_templates_top_and_bottom():
    for template in load_templates().values():
        best = {c.id: c.max_points for c in template.criteria.values()}
        worst = {c.id: c.scale_def.min_points for c in template.criteria.values()}
        assert score_review(template, best, BANDS).score == pytest.approx(100)
        assert score_review(template, worst, BANDS).score == 0.0


POINTS = {"c1": [0, 1], "c2": [0, 1, 2, None], "c3": [1, 2, 3, 4, 5], "c4": [1]}
answers = st.fixed_dictionaries({k: st.sampled_from(v) for k, v in POINTS.items()})


@given(answers)
def test_score_is_a_percentage(ans):
    card = score_review(SMALL, ans, BANDS)
    assert 0 <= card.score <= 100


@given(answers)
def test_na_equals_dropping_the_criterion(ans):
    """Marking c2 N/A scores like a template without c2 whose other weights are rescaled."""
    ans = dict(ans, c2=None)
    by_hand = (40 * ans["c1"] + 20 * ans["c3"] / 5 + 10 * ans["c4"]) / 70 * 100
    assert score_review(SMALL, ans, BANDS).score == pytest.approx(by_hand)


@given(answers)
def test_more_points_never_lower_the_score(ans):
    if ans["c1"] == 0:
        better = dict(ans, c1=1)
        assert score_review(SMALL, better, BANDS).score >= score_review(SMALL, ans, BANDS).score
