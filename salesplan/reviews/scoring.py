"""The score of a reviewed call.

Over the applicable criteria (N/A is out of both sums)::

    score = Σ weight · points / max_points  ÷  Σ weight  × 100

A failed critical criterion (the lowest points of its scale) makes the score 0 and raises a
flag. Section subscores use the same formula within a section and are not zeroed. A call
passes when its score reaches the template's threshold and no critical criterion failed.

An *item* is one answered criterion: its points (None for N/A), maximum points, weight
and whether it is a failed critical criterion.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from salesplan.reviews.templates import Bands, Template

Answers = Mapping[str, float | None]  # criterion id → points; None for N/A


@dataclass(frozen=True)
class Item:
    section_id: str
    criterion_id: str
    points: float | None  # None for N/A
    max_points: float
    weight: float
    critical_failed: bool


def answer_items(template: Template, answers: Answers) -> list[Item]:
    """Items of one review (criteria not in ``answers`` are not yet answered and left out)."""
    return [
        Item(
            section.id,
            crit.id,
            None if answers[crit.id] is None else float(answers[crit.id]),
            crit.max_points,
            crit.weight,
            crit.is_failed_critical(answers[crit.id]),
        )
        for section, crit in template.items
        if crit.id in answers
    ]


def weighted_score(items: Iterable[Item]) -> float | None:
    """Σ weight · points / max_points ÷ Σ weight × 100 over the applicable items; None if none."""
    applicable = [i for i in items if i.points is not None]
    total = sum(i.weight for i in applicable)
    if not total:
        return None
    return sum(i.weight * i.points / i.max_points for i in applicable) / total * 100


def band(score: float | None, bands: Bands) -> str | None:
    """``green`` from ``bands.green``, ``yellow`` from ``bands.yellow``, else ``red``; None if no score."""
    if score is None or math.isnan(score):
        return None
    if score >= bands.green:
        return "green"
    return "yellow" if score >= bands.yellow else "red"


@dataclass(frozen=True)
class ScoreCard:
    """The score of one review, as shown on the form and stored with the review."""

    score: float | None  # 0 after a failed critical criterion; None when all is N/A
    raw_score: float | None  # the formula, before a critical failure zeroes it
    critical_failed: tuple[str, ...]  # ids of the failed critical criteria
    sections: dict[str, float | None]
    band: str | None
    passed: bool
    answered: int
    total: int

    @property
    def complete(self) -> bool:
        return self.answered == self.total


def score_review(template: Template, answers: Answers, bands: Bands) -> ScoreCard:
    """Score one review's answers (possibly incomplete: unanswered criteria are left out)."""
    items = answer_items(template, answers)
    failed = tuple(i.criterion_id for i in items if i.critical_failed)
    raw = weighted_score(items)
    score = 0.0 if failed else raw
    return ScoreCard(
        score=score,
        raw_score=raw,
        critical_failed=failed,
        sections={
            s.id: weighted_score(i for i in items if i.section_id == s.id) for s in template.sections
        },
        band=band(score, bands),
        passed=score is not None and not failed and score >= template.pass_threshold,
        answered=len(items),
        total=len(template.criteria),
    )
