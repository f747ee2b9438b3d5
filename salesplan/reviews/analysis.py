"""What the reviews say: scores per manager and their trend, weak criteria, pass rates, and
which criteria go with deals moving forward.

Pure functions over the frames of ``repository``: *headers* (``current_reviews``: one row
per review) and *items* (``reviews_frame``: one row per review × criterion). A criterion's
*attainment* is the mean of points / max_points over its applicable answers; it is *met*
when its points reach the scale's ``pass_from`` (e.g. «Да», 2 of 0–1–2, 4 of 1–5).
"""

from __future__ import annotations

import pandas as pd

from salesplan.periods import Month, Week, ordinals, starts

TREND_FREQS = {"week": Week, "month": Month}


def manager_summary(headers: pd.DataFrame, month: str) -> pd.DataFrame:
    """Per manager reviewed in ``month``: ``reviewed`` calls, ``score`` (mean), ``pass_rate`` %,
    ``critical`` (calls with a failed critical criterion), ``previous`` (mean score of the
    month before) and ``change`` (score − previous). Sorted from the lowest score."""
    month = Month.parse(month)
    months = ordinals(headers["call_date"], Month)
    now, before = headers[months == month.ordinal], headers[months == month.previous().ordinal]
    grouped = now.groupby(["manager_id", "manager_name"], dropna=False)
    out = pd.DataFrame(
        {
            "reviewed": grouped["uid"].nunique(),
            "score": grouped["score"].mean(),
            "pass_rate": grouped["passed"].mean() * 100,
            "critical": grouped["critical_failed"].sum().astype(int),
        }
    ).reset_index()
    out["previous"] = out["manager_id"].map(before.groupby("manager_id")["score"].mean())
    out["change"] = out["score"] - out["previous"]
    return out.sort_values("score").reset_index(drop=True)


def score_trend(headers: pd.DataFrame, freq: str = "month") -> pd.DataFrame:
    """Mean score and reviewed calls per manager and period (``week`` or ``month`` of the call).

    Columns: ``manager_id, manager_name, period`` (its first day), ``reviews, score``.
    """
    if freq not in TREND_FREQS:
        raise ValueError(f"freq {freq!r}: expected one of {', '.join(TREND_FREQS)}")
    period = starts(headers["call_date"], TREND_FREQS[freq])
    grouped = headers.assign(period=period).groupby(
        ["manager_id", "manager_name", "period"], dropna=False
    )
    out = grouped.agg(reviews=("uid", "nunique"), score=("score", "mean")).reset_index()
    return out.sort_values(["manager_name", "period"]).reset_index(drop=True)


def _attainment(items: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    applicable = items[~items["na"]]
    ratio = applicable["points"] / applicable["max_points"]
    grouped = applicable.assign(ratio=ratio).groupby(by, dropna=False)
    return grouped.agg(
        answers=("ratio", "size"),
        attainment=("ratio", "mean"),
        met_rate=("met", "mean"),
    ).reset_index()


CRITERION_KEYS = ["template_id", "section_title", "criterion_id", "criterion_text"]


def weakest_criteria(
    items: pd.DataFrame, n: int = 3, min_answers: int = 5, by: str | None = "manager_id"
) -> pd.DataFrame:
    """The ``n`` criteria with the lowest attainment (per ``by``, e.g. manager; or overall).

    Only criteria with at least ``min_answers`` applicable answers are ranked. Columns: the
    ``by`` column (and ``manager_name``), ``CRITERION_KEYS``, ``answers``, ``attainment`` and
    ``met_rate`` (both in %), ``rank`` (1 = weakest).
    """
    group = ([by, "manager_name"] if by == "manager_id" else [by]) if by else []
    stats = _attainment(items, group + CRITERION_KEYS)
    stats = stats[stats["answers"] >= min_answers].copy()
    stats[["attainment", "met_rate"]] = stats[["attainment", "met_rate"]] * 100
    stats = stats.sort_values([*group, "attainment", "criterion_id"])
    stats["rank"] = stats.groupby(group).cumcount() + 1 if group else range(1, len(stats) + 1)
    return stats[stats["rank"] <= n].reset_index(drop=True)


def criterion_pass_rates(items: pd.DataFrame) -> pd.DataFrame:
    """Department view per criterion: ``answers`` (applicable), ``met_rate`` % (pass rate),
    ``attainment`` %, ``na_rate`` % of all answers, ``critical_failures``; in form order."""
    stats = _attainment(items, CRITERION_KEYS)
    totals = items.groupby(CRITERION_KEYS, dropna=False, sort=False).agg(
        total=("na", "size"), na=("na", "sum"), critical_failures=("critical_failed", "sum")
    )
    stats = totals.reset_index().merge(stats, on=CRITERION_KEYS, how="left")  # keeps form order
    stats["answers"] = stats["answers"].fillna(0).astype(int)
    stats["na_rate"] = stats["na"] / stats["total"] * 100
    stats[["attainment", "met_rate"]] = stats[["attainment", "met_rate"]] * 100
    stats["critical_failures"] = stats["critical_failures"].astype(int)
    columns = [*CRITERION_KEYS, "answers", "met_rate", "attainment", "na_rate", "critical_failures"]
    return stats[columns]


def deal_moved_forward(calls: pd.DataFrame, deals: pd.DataFrame) -> pd.DataFrame:
    """For calls linked to a deal still open on the call's day: did the deal move forward?

    Forward: the deal was won after the call, or is open and changed stage after the call.
    Not forward: lost after the call, or open with no stage change since. Calls whose deal
    was closed before the call are left out. Columns: ``call_id, deal_id, forward``.
    """
    linked = calls.dropna(subset=["deal_id"]).merge(
        deals[["id", "outcome", "closed", "stage_changed"]].rename(columns={"id": "deal_id"}),
        on="deal_id",
    )
    day = linked["started_at"].dt.normalize()
    open_then = linked["closed"].isna() | (linked["closed"] >= day)
    linked = linked[open_then]
    day = day[open_then]
    forward = (linked["outcome"] == "won") | (
        (linked["outcome"] == "open") & (linked["stage_changed"] > day)
    )
    return pd.DataFrame(
        {"call_id": linked["id"], "deal_id": linked["deal_id"], "forward": forward.astype(bool)}
    ).reset_index(drop=True)


def deal_progress_by_criterion(
    items: pd.DataFrame, moved: pd.DataFrame, min_answers: int = 5
) -> pd.DataFrame:
    """Which criteria go with the deal moving forward (association, not cause).

    For each criterion over reviewed calls linked to deals (``moved`` from
    ``deal_moved_forward``): ``calls``, ``forward_if_met`` and ``forward_if_not`` (% of deals
    that moved forward when the criterion was met / not met) and ``difference`` in
    percentage points. Criteria with fewer than ``min_answers`` calls on either side are left
    out. Sorted from the largest difference.
    """
    linked = items[~items["na"]].merge(moved, on="call_id")
    columns = [*CRITERION_KEYS, "calls", "forward_if_met", "forward_if_not", "difference"]
    if linked.empty:
        return pd.DataFrame(columns=columns)
    grouped = linked.groupby([*CRITERION_KEYS, "met"], dropna=False)["forward"].agg(["size", "mean"])
    wide = grouped.unstack("met")
    if True not in wide["size"] or False not in wide["size"]:
        return pd.DataFrame(columns=columns)
    out = pd.DataFrame(
        {
            "calls": wide["size"].sum(axis=1).astype(int),
            "forward_if_met": wide["mean"][True] * 100,
            "forward_if_not": wide["mean"][False] * 100,
            "n_met": wide["size"][True],
            "n_not": wide["size"][False],
        }
    ).reset_index()
    out = out[(out["n_met"] >= min_answers) & (out["n_not"] >= min_answers)]
    out["difference"] = out["forward_if_met"] - out["forward_if_not"]
    return out.sort_values("difference", ascending=False)[columns].reset_index(drop=True)
