"""How consistently reviewers score: agreement, Cohen's kappa, Krippendorff's alpha, leniency.

Calibration looks at calls reviewed by two or more reviewers (the current revision of each
reviewer's latest review of the call). A rating is the points a reviewer gave a criterion,
with N/A as a category of its own. The frames come from ``repository.reviews_frame``
(*items*) and ``repository.current_reviews`` (*headers*).
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from itertools import combinations

import numpy as np
import pandas as pd

from salesplan.periods import Month, ordinals

NA = "na"


def cohen_kappa(a: Sequence, b: Sequence) -> float:
    """Cohen's kappa of two raters over the same items.

    κ = (p_o − p_e) / (1 − p_e), where p_o is the share of items both rated alike and
    p_e = Σ_k p_a(k) · p_b(k) the agreement expected from each rater's own category shares.
    NaN with no items, or when p_e = 1 (both raters used one and the same category).
    """
    if len(a) != len(b):
        raise ValueError(f"cohen_kappa: {len(a)} ratings against {len(b)}")
    if not len(a):
        return math.nan
    a, b = pd.Series(list(a), dtype=object), pd.Series(list(b), dtype=object)
    p_o = float((a.values == b.values).mean())
    share_a, share_b = a.value_counts(normalize=True), b.value_counts(normalize=True)
    p_e = float(share_a.mul(share_b, fill_value=0).sum())
    return math.nan if p_e >= 1 else (p_o - p_e) / (1 - p_e)


def krippendorff_alpha(units: Sequence[Sequence], metric: str = "nominal") -> float:
    """Krippendorff's alpha over units (e.g. calls), each the list of values its raters gave.

    Missing values (None or NaN) are left out; units with fewer than two values do not count.
    From the coincidence matrix o (each ordered pair of values within a unit of m values adds
    1/(m−1)) with n_c = Σ_k o_ck and n = Σ_c n_c:
    α = 1 − (n − 1) · Σ o_ck δ²_ck / Σ n_c n_k δ²_ck, with δ² = [c ≠ k] (``nominal``) or
    (c − k)² (``interval``). NaN when no unit is pairable or the values never vary.
    """
    if metric not in ("nominal", "interval"):
        raise ValueError(f"metric {metric!r}: expected 'nominal' or 'interval'")
    coincidences: dict[tuple, float] = {}
    for unit in units:
        values = [v for v in unit if v is not None and not (isinstance(v, float) and math.isnan(v))]
        m = len(values)
        if m < 2:
            continue
        for i, j in ((i, j) for i in range(m) for j in range(m) if i != j):
            key = (values[i], values[j])
            coincidences[key] = coincidences.get(key, 0.0) + 1 / (m - 1)
    if not coincidences:
        return math.nan

    def delta(c, k) -> float:
        return float(c != k) if metric == "nominal" else (float(c) - float(k)) ** 2

    totals: dict = {}
    for (c, _k), o in coincidences.items():
        totals[c] = totals.get(c, 0.0) + o
    n = sum(totals.values())
    observed = sum(o * delta(c, k) for (c, k), o in coincidences.items())
    expected = sum(totals[c] * totals[k] * delta(c, k) for c in totals for k in totals)
    return math.nan if expected == 0 else 1 - (n - 1) * observed / expected


def _call_key(frame: pd.DataFrame) -> pd.Series:
    """A call is its call id, or its recording link when it has no id."""
    return frame["call_id"].fillna(frame["recording_url"]).astype(object)


def double_reviewed(items: pd.DataFrame) -> pd.DataFrame:
    """Ratings of calls that two or more reviewers scored.

    One row per call × criterion × reviewer (the reviewer's latest review of the call):
    ``call_key, template_id, criterion_id, reviewer, rating`` (points, or ``"na"``), ``score``.
    """
    frame = items.assign(call_key=_call_key(items)).dropna(subset=["call_key"])
    latest = (
        frame.sort_values("created_at")
        .drop_duplicates(["call_key", "reviewer", "template_id", "criterion_id"], keep="last")
    )
    reviewers = latest.groupby("call_key")["reviewer"].nunique()
    latest = latest[latest["call_key"].isin(reviewers[reviewers >= 2].index)]
    rating = latest["points"].astype(object).where(latest["points"].notna(), NA)
    columns = ["call_key", "template_id", "criterion_id", "reviewer", "rating", "score"]
    return latest.assign(rating=rating)[columns].reset_index(drop=True)


CRITERION = ["template_id", "criterion_id"]


def _pairs(ratings: pd.DataFrame) -> pd.DataFrame:
    """Every pair of reviewers of the same call and criterion: ``first``/``second`` by name."""
    rows = []
    for (call, template, crit), grp in ratings.groupby(["call_key", *CRITERION], sort=False):
        by_reviewer = grp.sort_values("reviewer")[["reviewer", "rating"]].to_numpy()
        for (r1, v1), (r2, v2) in combinations(by_reviewer, 2):
            rows.append((call, template, crit, r1, r2, v1, v2))
    columns = ["call_key", *CRITERION, "reviewer_a", "reviewer_b", "first", "second"]
    return pd.DataFrame(rows, columns=columns)


def criterion_agreement(items: pd.DataFrame) -> pd.DataFrame:
    """Per criterion, over calls reviewed twice or more.

    ``calls``; ``pairs`` (reviewer pairs rating the same call); ``agreement`` (% of pairs
    that gave the same rating); ``kappa`` (Cohen's kappa over those pairs, the first of a
    pair being the reviewer whose name sorts first); ``alpha`` (Krippendorff's alpha, nominal,
    all reviewers of a call at once). Sorted from the least agreement.
    """
    ratings = double_reviewed(items)
    pairs = _pairs(ratings)
    columns = ["template_id", "criterion_id", "calls", "pairs", "agreement", "kappa", "alpha"]
    if pairs.empty:
        return pd.DataFrame(columns=columns)
    units = ratings.groupby([*CRITERION, "call_key"])["rating"].apply(list)
    rows = []
    for (template, crit), grp in pairs.groupby(CRITERION):
        rows.append(
            {
                "template_id": template,
                "criterion_id": crit,
                "calls": grp["call_key"].nunique(),
                "pairs": len(grp),
                "agreement": float((grp["first"].values == grp["second"].values).mean() * 100),
                "kappa": cohen_kappa(grp["first"], grp["second"]),
                "alpha": krippendorff_alpha(units.loc[(template, crit)].tolist()),
            }
        )
    return pd.DataFrame(rows, columns=columns).sort_values(["agreement", "criterion_id"]).reset_index(
        drop=True
    )


def reviewer_pairs(items: pd.DataFrame) -> pd.DataFrame:
    """Per pair of reviewers: shared ``calls``, ``answers`` compared, ``agreement`` %, ``kappa``."""
    pairs = _pairs(double_reviewed(items))
    columns = ["reviewer_a", "reviewer_b", "calls", "answers", "agreement", "kappa"]
    if pairs.empty:
        return pd.DataFrame(columns=columns)
    rows = [
        {
            "reviewer_a": a,
            "reviewer_b": b,
            "calls": grp["call_key"].nunique(),
            "answers": len(grp),
            "agreement": float((grp["first"].values == grp["second"].values).mean() * 100),
            "kappa": cohen_kappa(grp["first"], grp["second"]),
        }
        for (a, b), grp in pairs.groupby(["reviewer_a", "reviewer_b"])
    ]
    return pd.DataFrame(rows, columns=columns)


def reviewer_leniency(headers: pd.DataFrame) -> pd.DataFrame:
    """Each reviewer's leniency: the mean of (their score − the mean score of the other
    reviewers of the same call) over the calls they shared; positive = more lenient.

    ``headers`` are current reviews (``current_reviews``). Columns: ``reviewer, calls,
    leniency`` (score points), ``mean_score`` (over all their reviews), ``reviews``.
    """
    frame = headers.assign(call_key=_call_key(headers)).dropna(subset=["call_key", "score"])
    frame = frame.sort_values("created_at").drop_duplicates(["call_key", "reviewer"], keep="last")
    per_call = frame.groupby("call_key")["score"].agg(["sum", "count"])
    shared = frame.join(per_call, on="call_key")
    shared = shared[shared["count"] >= 2]
    others = (shared["sum"] - shared["score"]) / (shared["count"] - 1)
    diff = (shared["score"] - others).groupby(shared["reviewer"]).agg(["count", "mean"])
    overall = headers.groupby("reviewer")["score"].agg(["count", "mean"])
    out = pd.DataFrame(
        {
            "reviewer": overall.index,
            "reviews": overall["count"].to_numpy(),
            "mean_score": overall["mean"].to_numpy(),
        }
    )
    out["calls"] = out["reviewer"].map(diff["count"]).fillna(0).astype(int)
    out["leniency"] = out["reviewer"].map(diff["mean"])
    return out[["reviewer", "calls", "leniency", "mean_score", "reviews"]].sort_values(
        "leniency", ascending=False, na_position="last"
    ).reset_index(drop=True)


def _sample(call_ids: Sequence[str], k: int, salt: str) -> list[str]:
    """A reproducible spread-out choice of ``k`` calls (ordered by a hash of the id)."""
    if k <= 0:
        return []
    digest = {c: hashlib.sha1(f"{salt}:{c}".encode()).hexdigest() for c in call_ids}
    return sorted(call_ids, key=digest.__getitem__)[: max(k, 0)]


def sampling_suggestion(
    headers: pd.DataFrame,
    calls: pd.DataFrame,
    managers: pd.DataFrame,
    month: str,
    minimum: int,
    min_duration_s: int = 60,
) -> pd.DataFrame:
    """Managers with fewer than ``minimum`` reviewed calls in ``month``, and calls to review.

    ``managers`` are the selling managers active in the month (``id, name``); ``calls`` the
    month's calls (``id, manager_id, duration_s``). Per manager: ``reviewed``, ``shortfall``
    (``minimum − reviewed``), ``candidates`` (unreviewed calls of at least
    ``min_duration_s``) and ``suggested`` (that many of them, chosen reproducibly).
    """
    in_month = headers[ordinals(headers["call_date"], Month) == Month.parse(month).ordinal]
    reviewed = in_month.groupby("manager_id")["uid"].nunique()
    done = set(in_month["call_id"].dropna())
    long_calls = calls[(calls["duration_s"] >= min_duration_s) & ~calls["id"].isin(done)]
    theirs = long_calls.groupby("manager_id")["id"].agg(list)  # in the calls' order
    rows = []
    for manager_id, name in managers[["id", "name"]].itertuples(index=False):
        count = int(reviewed.get(manager_id, 0))
        shortfall = max(minimum - count, 0)
        candidates = theirs.get(manager_id, [])
        rows.append(
            {
                "manager_id": manager_id,
                "manager_name": name,
                "reviewed": count,
                "shortfall": shortfall,
                "candidates": len(candidates),
                "suggested": _sample(candidates, shortfall, month),
            }
        )
    out = pd.DataFrame(
        rows,
        columns=["manager_id", "manager_name", "reviewed", "shortfall", "candidates", "suggested"],
    )
    return out[out["shortfall"] > 0].sort_values(["shortfall", "manager_name"], ascending=[False, True])


def calibration_suggestion(headers: pd.DataFrame, month: str, share: float) -> dict[str, int]:
    """How many of ``month``'s reviewed calls to review a second time to reach ``share``.

    Returns ``calls`` (reviewed calls), ``double`` (already by two or more reviewers),
    ``target`` (⌈share × calls⌉) and ``more`` (what is still needed).
    """
    frame = headers[ordinals(headers["call_date"], Month) == Month.parse(month).ordinal]
    per_call = frame.assign(call_key=_call_key(frame)).groupby("call_key")["reviewer"].nunique()
    calls, double = len(per_call), int((per_call >= 2).sum())
    target = int(np.ceil(share * calls))
    return {"calls": calls, "double": double, "target": target, "more": max(target - double, 0)}
