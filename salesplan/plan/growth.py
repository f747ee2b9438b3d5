"""Growth from explicit factors, and the waterfall that explains a history-based plan.

Factors are fractions (0.12 = +12 %): market growth, prices and inflation, marketing, new hires,
lost clients. Additive: g = 1 + Σ fᵢ. Multiplicative: g = Π (1 + fᵢ).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from salesplan.plan.decompose import round_half_up


def growth_multiplier(factors: Mapping[str, float], combine: str = "additive") -> float:
    """g from the factors: additive 1 + Σ f, multiplicative Π (1 + f)."""
    values = np.array([float(v) for v in factors.values()], dtype=float)
    if combine == "multiplicative":
        return float(np.prod(1.0 + values))
    return float(1.0 + values.sum())


def history_total(last_year: int, growth: float, days_ratio: float) -> int:
    """Plan in whole roubles: last year's month (kopecks) × g × working-day ratio, half up."""
    return int(round_half_up(last_year / 100 * growth * days_ratio))


def waterfall(
    last_year: int,
    days_ratio: float,
    factors: Mapping[str, float],
    combine: str,
    total: int,
) -> tuple[list[str], np.ndarray]:
    """Why this number: last year → working days → each factor → the plan.

    ``last_year`` in kopecks, ``total`` in whole roubles (the rounded plan). The working-day step
    is last_year × (ratio − 1); an additive factor adds base × f with base = last_year × ratio; a
    multiplicative one adds f × the running amount. Steps are rounded on the running total, so
    they add up exactly to ``total``. Returns step names (``last_year``, ``working_days``, the
    factors, ``plan``) and amounts in kopecks: the base, each step, and the plan.
    """
    base = last_year / 100
    cumulative = [base, base * days_ratio]
    running = base * days_ratio
    for value in factors.values():
        running = running + (base * days_ratio * value if combine == "additive" else running * value)
        cumulative.append(running)
    rounded = round_half_up(cumulative)
    rounded[0] = round_half_up(base)
    rounded[-1] = total
    amounts = np.concatenate([rounded[:1], np.diff(rounded), [total]]) * 100
    return ["last_year", "working_days", *factors.keys(), "plan"], amounts
