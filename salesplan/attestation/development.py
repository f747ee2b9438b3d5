"""The draft individual development plan (ИПР) from a manager's weakest areas.

Candidates are the scored indicators below ``highlights.weakness_below`` and the call-scorecard
criteria below it (at most ``development.max_criteria_goals``), weakest first; the plan takes up
to ``max_goals`` of them and, when fewer than ``min_goals`` are weak, tops up with the next
lowest indicators still short of 100. Each goal's measure is to reach the value that scores
``development.target_score`` on the indicator's scale.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

from salesplan import labels
from salesplan.attestation.template import AttestationTemplate
from salesplan.money import fmt_number
from salesplan.periods import Half, Month, Quarter


@dataclass(frozen=True)
class Goal:
    """One goal of the plan: what to improve, how it is measured, the means, when and who."""

    goal: str
    measure: str
    means: str
    deadline: date
    owner: str

    def as_dict(self) -> dict:
        return {**asdict(self), "deadline": self.deadline.isoformat()}

    @classmethod
    def from_dict(cls, raw: dict) -> Goal:
        return cls(**{**raw, "deadline": date.fromisoformat(str(raw["deadline"]))})


def deadline(period: Quarter | Half, months: int) -> date:
    """The last day of the ``months``-th month after the period's end."""
    return (Month.of(period.end) + months).end


def _fmt(value: float, unit: str) -> str:
    return f"{fmt_number(value, 1)} {unit}".strip()


def draft_plan(
    indicators: list[dict],
    criteria: list[dict],
    template: AttestationTemplate,
    period: Quarter | Half,
    role: str | None = None,
) -> list[Goal]:
    """The draft ИПР of one manager.

    ``indicators``: their indicators (dicts with ``component, indicator, value, score``; score
    None when not scored); ``criteria``: their call-scorecard criteria (dicts with ``name`` and
    ``score`` — % of the maximum points over the period's reviews).
    """
    rules, weak_below = template.development, template.highlights.weakness_below
    due = deadline(period, rules.deadline_months)
    rated = sorted((r for r in indicators if r["score"] is not None), key=lambda r: r["score"])
    weak_criteria = sorted((c for c in criteria if c["score"] is not None and c["score"] < weak_below),
                           key=lambda c: c["score"])[: rules.max_criteria_goals]
    candidates = [("indicator", r) for r in rated if r["score"] < weak_below]
    candidates += [("criterion", c) for c in weak_criteria]
    chosen = sorted(candidates, key=lambda c: c[1]["score"])[: rules.max_goals]
    if len(chosen) < rules.min_goals:
        top_up = [("indicator", r) for r in rated if weak_below <= r["score"] < 100]
        chosen += top_up[: rules.min_goals - len(chosen)]
    return [_criterion_goal(row, rules, due) if kind == "criterion" else
            _indicator_goal(row, template, role, due) for kind, row in chosen]


def _criterion_goal(row: dict, rules, due: date) -> Goal:
    return Goal(
        goal=labels.ATTESTATION["criterion_goal"].format(name=row["name"]),
        measure=labels.ATTESTATION["criterion_measure"].format(
            value=fmt_number(row["score"], 0), target=fmt_number(rules.target_score, 0)
        ),
        means=rules.criteria_means,
        deadline=due,
        owner=rules.criteria_owner,
    )


def _indicator_goal(row: dict, template: AttestationTemplate, role: str | None, due: date) -> Goal:
    comp = template.components[row["component"]]
    key = row["indicator"]
    scale = comp.scale(key, role)
    unit = comp.unit_of(key)
    target = scale.value_at(template.development.target_score)
    measure = "measure_at_most" if scale.full < scale.zero else "measure_at_least"
    return Goal(
        goal=labels.ATTESTATION["indicator_goal"].format(name=comp.indicators[key].name),
        measure=labels.ATTESTATION[measure].format(value=_fmt(row["value"], unit), target=_fmt(target, unit)),
        means=comp.means_of(key),
        deadline=due,
        owner=comp.owner_of(key),
    )
