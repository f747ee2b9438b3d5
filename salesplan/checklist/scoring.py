"""The checklist's score by area and what to do first: pure functions over the answers.

An answer is worth ``VALUES`` (yes = 1, partly = 0.5, no = 0); a point not answered is worth 0.
An area's score is Σ weight × value / Σ weight over its points, the overall score the same over
every point.
"""

from __future__ import annotations

import pandas as pd

from salesplan.checklist.params import Checklist

VALUES = {"yes": 1.0, "partly": 0.5, "no": 0.0}
POINT_COLUMNS = ["area", "area_title", "position", "point_id", "text", "weight", "advice", "evidence"]


def points(book: Checklist) -> pd.DataFrame:
    """One row per point, in the checklist's order (``POINT_COLUMNS``)."""
    pairs = [(a, p) for a in book.areas for p in a.points]
    rows = [(a.id, a.title, i, p.id, p.text, p.weight, p.advice, p.evidence)
            for i, (a, p) in enumerate(pairs)]
    return pd.DataFrame(rows, columns=POINT_COLUMNS)


def with_answers(book: Checklist, answers: dict[str, str | None]) -> pd.DataFrame:
    """The points with their ``answer`` (None when unanswered) and its ``value``."""
    frame = points(book)
    frame["answer"] = frame["point_id"].map(lambda p: answers.get(p))
    frame["value"] = frame["answer"].map(lambda a: VALUES.get(a, 0.0)).astype(float)
    return frame


def _weighted(frame: pd.DataFrame) -> float:
    return float((frame["weight"] * frame["value"]).sum() / frame["weight"].sum())


def area_scores(frame: pd.DataFrame) -> pd.DataFrame:
    """Per area, in the checklist's order: ``area``, ``area_title``, ``weight`` and ``score`` (0…1)."""
    rows = [(area, group["area_title"].iloc[0], float(group["weight"].sum()), _weighted(group))
            for area, group in frame.groupby("area", sort=False)]
    return pd.DataFrame(rows, columns=["area", "area_title", "weight", "score"])


def overall(frame: pd.DataFrame) -> float:
    """The score over every point (0…1)."""
    return _weighted(frame)


def priorities(frame: pd.DataFrame, limit: int) -> pd.DataFrame:
    """The points answered «no» or not answered, the heaviest first (ties in the checklist's
    order), at most ``limit`` of them."""
    open_points = frame[frame["answer"].isna() | (frame["answer"] == "no")]
    return open_points.sort_values(["weight", "position"], ascending=[False, True],
                                   kind="stable").head(limit)
