"""Demo inputs of the attestation: competency ratings and knowledge-test scores for the last
two whole periods, and the earlier period's attestations finalised (so sheets show history).

Deterministic: the ratings follow each manager's own KPI and call-quality score in the
period (a strong seller gets better ratings, as a head would rate them), with a fixed seed
for the spread around it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sqlalchemy import Engine, func, select

from salesplan import store
from salesplan.attestation import assessment, evidence, inputs, scoring
from salesplan.attestation.tables import ratings
from salesplan.attestation.template import AttestationTemplate, load_template
from salesplan.periods import Half, Month, Quarter

SEED = 20261006
QUESTIONS = 20  # questions per test topic
SPREAD = 0.6  # standard deviation of a rating around the manager's level, in rating points


def _raters(eng: Engine, template: AttestationTemplate) -> dict[str, str]:
    """department_id → the name of its head (the one who rates), else the commission's second."""
    managers = store.read_table(eng, "managers")
    heads = managers[(managers["role"] == "head") & managers["leave_date"].isna()]
    fallback = template.commission[1].name if len(template.commission) > 1 else "demo"
    raters = dict(zip(heads["department_id"], heads["name"], strict=False))
    return {d: raters.get(d, fallback) for d in managers["department_id"].unique()}


def _seed_period(eng: Engine, period: Quarter | Half, template: AttestationTemplate,
                 rng: np.random.Generator) -> list[str]:
    """Ratings and test scores of the period's eligible managers; returns their ids."""
    ev = evidence.collect(eng, period, template)
    _, _, results = scoring.assess(ev.managers, ev.values, template)
    level = results.set_index("manager_id")["total"].fillna(60) / 100  # KPI and calls only, so far
    raters = _raters(eng, template)
    eligible = ev.managers[ev.managers["status"] == scoring.ELIGIBLE].sort_values("manager_id")
    competencies = list(template.components["competencies"].indicators)
    topics = list(template.components["knowledge_test"].indicators)
    tests = []
    for m in eligible.itertuples(index=False):
        skill = float(level[m.manager_id])
        values = np.clip(np.rint(1 + 4 * skill + rng.normal(0, SPREAD, len(competencies))), 1, 5)
        inputs.save_ratings(eng, period, m.manager_id, dict(zip(competencies, values.astype(int).tolist(),
                                                                strict=True)),
                            raters[m.department_id], template)
        right = np.clip(np.rint(QUESTIONS * (skill + rng.normal(0.08, 0.12, len(topics)))), 0, QUESTIONS)
        tests += [(m.manager_id, str(period), topic, float(r), float(QUESTIONS),
                   pd.Timestamp(period.end) - pd.Timedelta(days=int(rng.integers(3, 12))))
                  for topic, r in zip(topics, right, strict=True)]
    frame = pd.DataFrame(tests, columns=["manager_id", "period", "topic", "score", "max_score", "taken_on"])
    inputs.save_test_scores(eng, frame, template, "demo")
    return eligible["manager_id"].tolist()


def seed_demo(eng: Engine, end_month: str) -> None:
    """Inputs of the two whole periods up to ``end_month`` and the earlier one finalised.

    Does nothing when the demo already has ratings for the later period.
    """
    template = load_template()
    current = template.period_kind.ending_by(Month.parse(end_month).end)
    with eng.connect() as conn:
        done = conn.execute(select(func.count()).select_from(ratings).where(ratings.c.period == str(current)))
        if done.scalar_one():
            return
    rng = np.random.default_rng(SEED)
    previous = current.previous()
    finaliser = template.commission[0].name if template.commission else "demo"
    assessment.finalise(eng, previous, _seed_period(eng, previous, template, rng), finaliser, template)
    _seed_period(eng, current, template, rng)
