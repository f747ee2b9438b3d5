"""Scores and the decision: pure functions over the evidence frames.

Indicator score: the template's linear scale of its value (0–100). Component score: the
weighted mean of its indicators that have data. Total: the weighted mean of the components
that have a score, given only when those components carry at least ``min_weight_covered`` %
of the weight. Scores are rounded to one decimal before they are compared with thresholds, so
the sheet's figures and its decision always agree.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from salesplan.attestation.template import AttestationTemplate

FITS, CONDITIONAL, UNFIT = "fits", "conditional", "unfit"
PROBATION, INSUFFICIENT = "probation", "insufficient_data"
ELIGIBLE = "eligible"


def indicator_scores(values: pd.DataFrame, template: AttestationTemplate) -> pd.DataFrame:
    """Score each indicator value.

    ``values``: ``manager_id, role, component, indicator, value`` (NaN: no data). Returns the
    rows of the template's indicators with ``weight`` (the indicator's, normalised within its
    component) and ``score`` (NaN when the value is NaN) added.
    """
    rows = []
    for rec in values.itertuples(index=False):
        comp = template.components.get(rec.component)
        if comp is None or rec.indicator not in comp.indicators:
            continue
        value = float(rec.value) if pd.notna(rec.value) else np.nan
        score = np.nan if np.isnan(value) else comp.scale(rec.indicator, rec.role).score(value)
        weight = comp.indicators[rec.indicator].weight
        rows.append((*rec, weight, round(score, 1) if not np.isnan(score) else np.nan))
    return pd.DataFrame(rows, columns=[*values.columns, "weight", "score"])


def _weighted(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Σ weight × score / Σ weight over rows with a score, and the weight share with a score."""
    has = frame["score"].notna()
    work = frame.assign(
        ws=frame["weight"] * frame["score"].fillna(0), wd=frame["weight"].where(has, 0.0)
    )
    out = work.groupby(keys, sort=False).agg(ws=("ws", "sum"), wd=("wd", "sum"), w=("weight", "sum"))
    score = (out["ws"] / out["wd"].where(out["wd"] > 0)).round(1)
    return pd.DataFrame({"score": score, "covered": out["wd"] / out["w"] * 100}).reset_index()


def component_scores(scored: pd.DataFrame, template: AttestationTemplate) -> pd.DataFrame:
    """``manager_id, component, score, covered, weight``: each component's weighted mean.

    score = Σ wᵢ·sᵢ / Σ wᵢ over the component's indicators with data (NaN when none has);
    ``covered`` is the % of the component's indicator weight with data; ``weight`` is the
    component's weight in the total.
    """
    out = _weighted(scored, ["manager_id", "component"])
    out["weight"] = out["component"].map({k: c.weight for k, c in template.components.items()})
    return out


def total_scores(components: pd.DataFrame, template: AttestationTemplate) -> pd.DataFrame:
    """``manager_id, total, covered, lowest``: the weighted mean of the component scores.

    total = Σ W_c·S_c / Σ W_c over components with a score; ``covered`` = % of the template's
    weight they carry (a component without any data counts as not covered); the total is NaN
    when ``covered`` is below ``eligibility.min_weight_covered``. ``lowest`` is the lowest
    component score.
    """
    out = _weighted(components, ["manager_id"]).rename(columns={"score": "total"})
    whole = sum(c.weight for c in template.components.values())
    has = components["score"].notna()
    carried = components["weight"].where(has, 0.0).groupby(components["manager_id"], sort=False).sum()
    out["covered"] = out["manager_id"].map(carried) / whole * 100
    enough = out["covered"] >= template.eligibility.min_weight_covered - 1e-9
    out["total"] = out["total"].where(enough)
    lowest = components.groupby("manager_id", sort=False)["score"].min()
    out["lowest"] = out["manager_id"].map(lowest)
    return out


def decide(total: float, lowest: float, template: AttestationTemplate) -> str:
    """``fits`` / ``conditional`` / ``unfit`` from the total (and the lowest component score).

    total ≥ fits → fits; total ≥ conditional → conditional; else unfit. A component below
    ``component_floor`` caps the decision at conditional. NaN total → ``insufficient_data``.
    """
    rules = template.decision
    if total is None or np.isnan(total):
        return INSUFFICIENT
    if total >= rules.fits:
        below_floor = rules.component_floor is not None and lowest < rules.component_floor
        return CONDITIONAL if below_floor else FITS
    return CONDITIONAL if total >= rules.conditional else UNFIT


def highlights(indicators: list[dict], template: AttestationTemplate) -> tuple[list[dict], list[dict]]:
    """Strengths (score ≥ strength_min, best first) and weaknesses (score < weakness_below,
    worst first) among one manager's indicators (dicts with ``score``), ``max_items`` each."""
    rules = template.highlights
    rated = [r for r in indicators if r["score"] is not None]
    strong = sorted((r for r in rated if r["score"] >= rules.strength_min), key=lambda r: -r["score"])
    weak = sorted((r for r in rated if r["score"] < rules.weakness_below), key=lambda r: r["score"])
    return strong[: rules.max_items], weak[: rules.max_items]


def assess(
    managers: pd.DataFrame, values: pd.DataFrame, template: AttestationTemplate
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Indicator scores, component scores and results for every manager.

    ``managers``: ``manager_id, role, status`` (``eligible``, ``probation`` or
    ``insufficient_data``); ``values`` as for ``indicator_scores`` without ``role``. Results:
    ``manager_id, status, total, covered, lowest, decision``; a manager who is not eligible
    gets no scores at all (NaN), only the status as the decision.
    """
    roles = managers.set_index("manager_id")["role"]
    eligible = managers.loc[managers["status"] == ELIGIBLE, "manager_id"]
    vals = values[values["manager_id"].isin(eligible)]
    vals = vals.assign(role=vals["manager_id"].map(roles))[
        ["manager_id", "role", "component", "indicator", "value"]
    ]
    scored = indicator_scores(vals, template)
    comps = component_scores(scored, template)
    totals = total_scores(comps, template).set_index("manager_id")
    results = managers[["manager_id", "status"]].copy()
    for col in ("total", "covered", "lowest"):
        results[col] = results["manager_id"].map(totals[col]) if len(totals) else np.nan
    results["decision"] = [
        decide(t, low, template) if s == ELIGIBLE else s
        for s, t, low in zip(results["status"], results["total"], results["lowest"], strict=True)
    ]
    return scored, comps, results
