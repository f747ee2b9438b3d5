"""The score of a reviewed call.

Over the applicable criteria (N/A is out of both sums)::

    score = Σ weight · points / max_points  ÷  Σ weight  × 100

A failed critical criterion (the lowest points of its scale) makes the score 0 and raises a
flag. Section subscores use the same formula within a section and are not zeroed. A call
passes when its score reaches the template's threshold and no critical criterion failed.

The functions work on *items*: one row per answered criterion with ``points`` (NaN for N/A),
``max_points``, ``weight`` and ``critical_failed``, plus the key columns of the review.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from salesplan.reviews.templates import Bands, Template

Answers = Mapping[str, float | None]  # criterion id → points; None for N/A


def answer_items(template: Template, answers: Answers) -> pd.DataFrame:
    """Items of one review from its answers (criteria not in ``answers`` are not yet answered)."""
    rows = []
    for section, crit in template.items:
        if crit.id not in answers:
            continue
        points = answers[crit.id]
        rows.append(
            {
                "section_id": section.id,
                "criterion_id": crit.id,
                "points": np.nan if points is None else float(points),
                "max_points": crit.max_points,
                "weight": crit.weight,
                "critical": crit.critical,
                "critical_failed": crit.is_failed_critical(points),
            }
        )
    return pd.DataFrame(
        rows,
        columns=["section_id", "criterion_id", "points", "max_points", "weight", "critical",
                 "critical_failed"],
    )


def _weighted(items: pd.DataFrame, by: list[str]) -> pd.Series:
    """Σ weight·points/max ÷ Σ weight × 100 over applicable rows of each group; NaN if none."""
    groups = items[by].drop_duplicates().set_index(by).index
    applicable = items[items["points"].notna()]
    earned = applicable["weight"] * applicable["points"] / applicable["max_points"]
    sums = applicable.assign(earned=earned).groupby(by)[["earned", "weight"]].sum()
    score = sums["earned"] / sums["weight"] * 100
    return score.reindex(groups)


def call_scores(items: pd.DataFrame, by: Sequence[str] = ("review_id",)) -> pd.DataFrame:
    """Per review: ``raw_score`` (the formula), ``critical_failed`` and ``score`` (0 if failed)."""
    by = list(by)
    raw = _weighted(items, by)
    failed = items.groupby(by)["critical_failed"].any().reindex(raw.index)
    out = pd.DataFrame({"raw_score": raw, "critical_failed": failed.astype(bool)})
    out["score"] = out["raw_score"].where(~out["critical_failed"], 0.0)
    return out


def section_scores(items: pd.DataFrame, by: Sequence[str] = ("review_id",)) -> pd.Series:
    """Subscore of each section of each review (indexed by ``by`` + ``section_id``)."""
    return _weighted(items, [*by, "section_id"])


def band(score: float | None, bands: Bands) -> str | None:
    """``green`` from ``bands.green``, ``yellow`` from ``bands.yellow``, else ``red``; None if no score."""
    if score is None or np.isnan(score):
        return None
    if score >= bands.green:
        return "green"
    return "yellow" if score >= bands.yellow else "red"


def bands_of(scores: pd.Series, bands: Bands) -> pd.Series:
    """``band`` of each score of a Series."""
    return scores.map(lambda s: band(s, bands))


@dataclass(frozen=True)
class ScoreCard:
    """The score of one review, as shown on the form and stored with the review."""

    score: float | None
    raw_score: float | None
    critical_failed: tuple[str, ...]  # ids of failed critical criteria
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
    items = answer_items(template, answers).assign(review_id=0)
    failed = tuple(items.loc[items["critical_failed"], "criterion_id"])
    if items.empty:
        score = raw = None
        sections: dict[str, float | None] = {s.id: None for s in template.sections}
    else:
        total = call_scores(items).iloc[0]
        raw = None if np.isnan(total["raw_score"]) else float(total["raw_score"])
        score = None if raw is None and not failed else float(total["score"])
        per_section = section_scores(items).droplevel(0)
        sections = {
            s.id: (None if np.isnan(v := per_section.get(s.id, np.nan)) else float(v))
            for s in template.sections
        }
    return ScoreCard(
        score=score,
        raw_score=raw,
        critical_failed=failed,
        sections=sections,
        band=band(score, bands),
        passed=score is not None and not failed and score >= template.pass_threshold,
        answered=len(items),
        total=len(template.criteria),
    )
