"""A manager's call-review feedback of a month: each current review of their calls with its
scorecard, score, band, every criterion's points and remark, and the reviewer's comments.

The reviewer is not named: a manager's papers name no one but the manager.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Engine

from salesplan import labels
from salesplan.money import fmt_number
from salesplan.periods import Month
from salesplan.printing import render
from salesplan.reviews.repository import current_reviews, points_text, reviews_frame
from salesplan.reviews.scoring import band
from salesplan.reviews.templates import Bands, Template

F = labels.FEEDBACK


@dataclass(frozen=True)
class MonthReviews:
    """The current reviews of a month's calls (``current_reviews``) and their answers
    (``reviews_frame``), read once for every manager."""

    month: Month
    heads: pd.DataFrame
    items: pd.DataFrame

    @classmethod
    def load(cls, eng: Engine, month: Month, department: str = "") -> MonthReviews:
        start, end = month.bounds
        return cls(month, current_reviews(eng, start, end, department or None),
                   reviews_frame(eng, start, end, department or None))


def _score(value: float | None) -> str:
    return F["no_score"] if value is None or math.isnan(value) else fmt_number(value, 1)


def _remark(item) -> str:
    """«не применимо», «критическое нарушение», «выполнено» or «не выполнено»."""
    if item.na:
        return F["na"]
    if item.critical_failed:
        return F["critical"]
    return F["met"] if item.met else F["not_met"]


def _criteria(items: pd.DataFrame) -> list[dict]:
    return [
        {
            "section": item.section_title,
            "criterion": item.criterion_text,
            "points": "" if item.na else f"{points_text(item.points)} / {points_text(item.max_points)}",
            "remark": _remark(item),
            "flag": not item.na and not item.met,
        }
        for item in items.itertuples(index=False)
    ]


def _views(heads: pd.DataFrame, items: pd.DataFrame, templates: dict[str, Template],
           bands: Bands) -> list[dict]:
    out = []
    for head in heads.itertuples(index=False):
        own = items[items["review_id"] == head.review_id]
        sections = dict(zip(own["section_id"], own["section_title"], strict=True))
        day = f"{head.call_date:%d.%m.%Y}"
        zone = band(head.score, bands)
        template = templates.get(head.template_id)
        out.append({
            "call": F["call_of"].format(date=day, call=head.call_id) if head.call_id
            else F["no_call"].format(date=day),
            "scorecard": template.title if template else head.template_id,
            "score": _score(head.score),
            "band": labels.REVIEW_BANDS[zone] if zone else "",
            "band_key": zone or "",
            "criteria": _criteria(own),
            "comment": head.comment or "",
            "section_comments": [
                F["section_comment"].format(section=sections.get(key, key)) + f": {text}"
                for key, text in (head.section_comments or {}).items() if text
            ],
        })
    return out


def feedback_page(reviews: MonthReviews, manager_id: str, name: str,
                  templates: dict[str, Template], bands: Bands) -> str:
    """The manager's reviews of the month, by call date, as a printable page; the summary gives
    their count and mean score (reviews without a score left out of the mean)."""
    heads = reviews.heads[reviews.heads["manager_id"] == manager_id]
    items = reviews.items[reviews.items["manager_id"] == manager_id]
    # a criterion of a scorecard version no longer stored is shown by its id
    items = items.assign(section_title=items["section_title"].fillna(items["section_id"]),
                         criterion_text=items["criterion_text"].fillna(items["criterion_id"]))
    return render(
        "call_feedback.html.j2",
        F=F,
        title=F["title"].format(name=name, month=reviews.month.label),
        summary=F["summary"].format(n=len(heads), mean=_score(heads["score"].mean()))
        if len(heads) else F["none"],
        reviews=_views(heads, items, templates, bands),
    )
