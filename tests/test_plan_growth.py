"""Growth factors, the history method and the waterfall: the worked examples and linearity."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salesplan.plan.growth import growth_multiplier, history_total, waterfall

MLN = 1_000_000


def test_worked_example_additive():
    # last year 12 млн, market +12 %, two new hires +20 %, additive → 1.32 → 15.84 млн
    factors = {"market": 0.12, "new_hires": 0.20}
    g = growth_multiplier(factors, "additive")
    assert g == pytest.approx(1.32)
    assert history_total(12 * MLN * 100, g, 1.0) == 15_840_000


def test_worked_example_multiplicative():
    g = growth_multiplier({"market": 0.12, "new_hires": 0.20}, "multiplicative")
    assert g == pytest.approx(1.12 * 1.20)
    assert history_total(12 * MLN * 100, g, 1.0) == 16_128_000


def test_working_day_ratio():
    # 22 working days planned against 20 last year: × 1.1
    assert history_total(12 * MLN * 100, 1.32, 22 / 20) == 17_424_000


def test_waterfall_explains_the_number_step_by_step():
    names, amounts = waterfall(12 * MLN * 100, 1.0, {"market": 0.12, "new_hires": 0.2}, "additive",
                               15_840_000)
    assert names == ["last_year", "working_days", "market", "new_hires", "plan"]
    assert (amounts // 100).tolist() == [12 * MLN, 0, 1_440_000, 2_400_000, 15_840_000]

    names, amounts = waterfall(12 * MLN * 100, 22 / 20, {"market": 0.12}, "multiplicative", 14_784_000)
    # 12 млн → ×1.1 working days (+1.2 млн) → +12 % of 13.2 млн (+1.584 млн)
    assert (amounts // 100).tolist() == [12 * MLN, 1_200_000, 1_584_000, 14_784_000]


@given(
    last_year=st.integers(1, 10**11),
    factors=st.lists(st.floats(-0.3, 0.5), min_size=1, max_size=5),
    combine=st.sampled_from(["additive", "multiplicative"]),
    ratio=st.floats(0.7, 1.3),
)
def test_waterfall_steps_add_up_to_the_plan(last_year, factors, combine, ratio):
    named = {f"f{i}": v for i, v in enumerate(factors)}
    total = history_total(last_year, growth_multiplier(named, combine), ratio)
    _, amounts = waterfall(last_year, ratio, named, combine, total)
    assert amounts[:-1].sum() == amounts[-1] == total * 100


@given(last_year=st.integers(100, 10**12), growth=st.floats(-0.9, 3.0), ratio=st.floats(0.5, 1.5))
def test_history_method_is_linear_in_one_plus_growth(last_year, growth, ratio):
    total = history_total(last_year, 1 + growth, ratio)
    exact = last_year / 100 * (1 + growth) * ratio
    assert abs(total - exact) <= 0.5 + 1e-6 * exact
