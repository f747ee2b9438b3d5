"""The week's cases for the group training at the weekly meeting: the best and the worst
reviewed calls of the week, with what the trainer said and where each call was weakest.

``week_cases`` is a pure function of the review frames (``repository.current_reviews`` and
``repository.reviews_frame``); ``load`` reads them for a week; ``shown`` is the table a reader
sees.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
from sqlalchemy import Engine

from salesplan import labels
from salesplan.money import fmt_number
from salesplan.reviews.repository import current_reviews, reviews_frame

CASES = 3  # best calls, and as many worst
WEAKEST = 3  # criteria named per call
COLUMNS = ["case", "review_id", "call_date", "manager_id", "manager_name", "score", "reviewer",
           "comments", "weakest"]


def comments(row) -> str:
    """The overall comment and the sections' comments, in that order, one sentence each."""
    parts = [row["comment"], *(row["section_comments"] or {}).values()]
    return " ".join(p.strip() for p in parts if p and p.strip())


def weakest(items: pd.DataFrame, n: int = WEAKEST) -> pd.Series:
    """Per review: its ``n`` criteria with the lowest share of points (points / max_points,
    N/A left out, full marks never), lowest first, joined by «; »."""
    answered = items[~items["na"]].assign(ratio=items["points"] / items["max_points"])
    short = answered[answered["ratio"] < 1].sort_values(["review_id", "ratio", "criterion_id"])
    return short.groupby("review_id")["criterion_text"].apply(lambda t: "; ".join(t.head(n)))


def week_cases(headers: pd.DataFrame, items: pd.DataFrame, n: int = CASES) -> pd.DataFrame:
    """The ``n`` best-scored reviews (``case`` = ``best``), then the ``n`` worst of the others
    (``worst``, the lowest first); a review is in one list only. Reviews scored N/A throughout
    are left out. Columns: ``COLUMNS``."""
    scored = headers.dropna(subset=["score"]).sort_values(["score", "call_date", "review_id"],
                                                          ascending=[False, True, True])
    best = scored.head(n)
    worst = scored[~scored["review_id"].isin(best["review_id"])].tail(n).iloc[::-1]
    out = pd.concat([best.assign(case="best"), worst.assign(case="worst")], ignore_index=True)
    out["comments"] = [comments(r) for _, r in out.iterrows()] if len(out) else []
    found = weakest(items)
    out["weakest"] = [found.get(r, "") for r in out["review_id"]]
    return out[COLUMNS]


def load(eng: Engine, start: date, end: date, department: str = "", n: int = CASES) -> pd.DataFrame:
    """``week_cases`` of the calls dated from ``start`` to ``end``."""
    department = department or None
    return week_cases(current_reviews(eng, start, end, department),
                      reviews_frame(eng, start, end, department), n)


def shown(cases: pd.DataFrame) -> pd.DataFrame:
    """The cases for a reader: Russian headings and values; typed text is left for the page to
    escape (a DataFrame's HTML does)."""
    words = labels.REVIEW_CASES
    c = words["columns"]
    return pd.DataFrame({
        c["case"]: cases["case"].map(words),
        c["score"]: cases["score"].map(lambda v: fmt_number(v, 1)),
        c["manager"]: cases["manager_name"].fillna(cases["manager_id"]),
        c["call_date"]: cases["call_date"].dt.strftime("%d.%m.%Y"),
        c["reviewer"]: cases["reviewer"],
        c["comments"]: cases["comments"],
        c["weakest"]: cases["weakest"],
    })
