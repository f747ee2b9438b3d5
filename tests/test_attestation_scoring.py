"""Scores and decisions: worked examples by hand, every decision boundary, invariants."""

import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from salesplan.attestation import scoring
from salesplan.attestation.template import AttestationTemplate, Scale, load_template


def template(**decision) -> AttestationTemplate:
    """Two components: A (weight 60: a1 weight 3 on 0…100, a2 weight 1 on 50…100) and
    B (weight 40: b1 on 1…5, lower-better b2 on 30…0)."""
    return AttestationTemplate.model_validate({
        "decision": {"fits": 70, "conditional": 50, "component_floor": 40, **decision},
        "eligibility": {"min_weight_covered": 50},
        "development": {"criteria_means": "m", "criteria_owner": "o"},
        "components": {
            "kpi": {"name": "A", "weight": 60, "indicators": {
                "plan_fulfilment": {"name": "a1", "weight": 3, "zero": 0, "full": 100},
                "conversion": {"name": "a2", "weight": 1, "zero": 50, "full": 100},
            }},
            "competencies": {"name": "B", "weight": 40, "zero": 1, "full": 5, "indicators": {
                "b1": {"name": "b1"},
                "b2": {"name": "b2", "zero": 30, "full": 0},
            }},
        },
    })


def values(rows):
    return pd.DataFrame(rows, columns=["manager_id", "component", "indicator", "value"])


def test_scale_worked_examples():
    assert Scale(zero=60, full=100).score(90) == pytest.approx(75.0)
    assert Scale(zero=60, full=100).score(130) == 100.0  # clipped above
    assert Scale(zero=60, full=100).score(10) == 0.0  # clipped below
    assert Scale(zero=30, full=0).score(6) == pytest.approx(80.0)  # lower is better
    assert Scale(zero=1, full=5).score(4) == pytest.approx(75.0)
    assert Scale(zero=60, full=100).value_at(75) == pytest.approx(90.0)


def test_component_and_total_worked_example():
    # a1 = 80 → 80; a2 = 75 → 50; A = (3·80 + 1·50) / 4 = 72.5
    # b1 = 4 → 75;  b2 = 6 → 80;  B = (75 + 80) / 2 = 77.5
    # total = (60·72.5 + 40·77.5) / 100 = 74.5
    t = template()
    managers = pd.DataFrame({"manager_id": ["x"], "role": ["hunter"], "status": ["eligible"]})
    scored, comps, results = scoring.assess(managers, values([
        ("x", "kpi", "plan_fulfilment", 80), ("x", "kpi", "conversion", 75),
        ("x", "competencies", "b1", 4), ("x", "competencies", "b2", 6),
    ]), t)
    assert dict(zip(comps["component"], comps["score"], strict=True)) == {"kpi": 72.5, "competencies": 77.5}
    row = results.iloc[0]
    assert row["total"] == 74.5
    assert row["covered"] == 100
    assert row["decision"] == scoring.FITS


def test_missing_indicator_and_component_are_left_out_and_weights_renormalised():
    # a2 has no data: A = a1 = 40. B has no data at all: total = A = 40 over 60 % of the weight.
    t = template()
    managers = pd.DataFrame({"manager_id": ["x"], "role": ["hunter"], "status": ["eligible"]})
    _, comps, results = scoring.assess(managers, values([
        ("x", "kpi", "plan_fulfilment", 40), ("x", "kpi", "conversion", float("nan")),
    ]), t)
    assert comps.set_index("component").loc["kpi", "score"] == 40
    assert results.iloc[0]["total"] == 40
    assert results.iloc[0]["covered"] == 60
    # with 70 % of the weight required, the same evidence gives no total at all
    strict = t.model_copy(update={"eligibility": t.eligibility.model_copy(update={"min_weight_covered": 70})})
    _, _, results = scoring.assess(managers, values([("x", "kpi", "plan_fulfilment", 40)]), strict)
    assert math.isnan(results.iloc[0]["total"])
    assert results.iloc[0]["decision"] == scoring.INSUFFICIENT


@pytest.mark.parametrize(("total", "lowest", "decision"), [
    (100.0, 100.0, scoring.FITS),
    (70.0, 70.0, scoring.FITS),  # exactly the threshold fits
    (69.9, 69.9, scoring.CONDITIONAL),
    (50.0, 50.0, scoring.CONDITIONAL),  # exactly the lower threshold
    (49.9, 49.9, scoring.UNFIT),
    (0.0, 0.0, scoring.UNFIT),
    (85.0, 39.9, scoring.CONDITIONAL),  # a component below the floor caps a fitting total
    (85.0, 40.0, scoring.FITS),  # a component at the floor does not
    (45.0, 10.0, scoring.UNFIT),  # the floor never raises a decision
    (float("nan"), float("nan"), scoring.INSUFFICIENT),
])
def test_every_decision_boundary(total, lowest, decision):
    assert scoring.decide(total, lowest, template()) == decision


def test_total_is_rounded_before_the_decision():
    # Only a1 = 69.96 has data: A = 69.96, shown and compared as 70.0, which fits.
    t = template()
    managers = pd.DataFrame({"manager_id": ["x"], "role": ["hunter"], "status": ["eligible"]})
    _, _, results = scoring.assess(managers, values([("x", "kpi", "plan_fulfilment", 69.96)]), t)
    assert results.iloc[0]["total"] == 70.0
    assert results.iloc[0]["decision"] == scoring.FITS


def test_not_eligible_managers_get_no_score():
    t = template()
    managers = pd.DataFrame({"manager_id": ["p", "i"], "role": ["hunter", "hunter"],
                             "status": [scoring.PROBATION, scoring.INSUFFICIENT]})
    scored, _, results = scoring.assess(managers, values([
        ("p", "kpi", "plan_fulfilment", 100), ("i", "kpi", "plan_fulfilment", 100),
    ]), t)
    assert scored.empty
    assert results["total"].isna().all()
    assert list(results["decision"]) == [scoring.PROBATION, scoring.INSUFFICIENT]


def test_role_scale_is_used():
    t = load_template()
    conv = t.components["kpi"].scale("conversion", "farmer")
    assert (conv.zero, conv.full) == (10, 40)
    managers = pd.DataFrame({"manager_id": ["h", "f"], "role": ["hunter", "farmer"],
                             "status": ["eligible"] * 2})
    scored, _, _ = scoring.assess(managers, values([
        ("h", "kpi", "conversion", 20), ("f", "kpi", "conversion", 20),
    ]), t)
    by_manager = dict(zip(scored["manager_id"], scored["score"], strict=True))
    assert by_manager == {"h": 100.0, "f": pytest.approx(33.3)}


def test_highlights_pick_the_best_and_the_worst():
    t = load_template()
    rows = [{"name": n, "score": s} for n, s in [("a", 95), ("b", 85), ("c", 80), ("d", 79.9), ("e", 90),
                                                  ("f", 10), ("g", 59.9), ("h", 60), ("i", None), ("j", 30)]]
    strong, weak = scoring.highlights(rows, t)
    assert [r["name"] for r in strong] == ["a", "e", "b"]  # ≥ 80, best first, three at most
    assert [r["name"] for r in weak] == ["f", "j", "g"]  # < 60, worst first


@given(st.floats(-1e6, 1e6), st.floats(-1e3, 1e3), st.floats(-1e3, 1e3))
def test_scale_is_bounded_and_monotone(x, zero, full):
    if zero == full:
        return
    s = Scale(zero=zero, full=full)
    assert 0.0 <= s.score(x) <= 100.0
    step = 1.0 if full > zero else -1.0
    assert s.score(x + step) >= s.score(x)


@settings(deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["plan_fulfilment", "conversion", "b1", "b2"]),
                          st.floats(-50, 200)), min_size=1, max_size=4, unique_by=lambda r: r[0]))
def test_total_lies_between_the_component_scores(rows):
    t = template()
    comp_of = {"plan_fulfilment": "kpi", "conversion": "kpi", "b1": "competencies", "b2": "competencies"}
    managers = pd.DataFrame({"manager_id": ["x"], "role": ["hunter"], "status": ["eligible"]})
    _, comps, results = scoring.assess(
        managers, values([("x", comp_of[i], i, v) for i, v in rows]), t)
    total, covered = results.iloc[0]["total"], results.iloc[0]["covered"]
    scores = comps["score"].dropna()
    if math.isnan(total):
        assert covered < t.eligibility.min_weight_covered
    else:
        assert scores.min() - 0.05 <= total <= scores.max() + 0.05
