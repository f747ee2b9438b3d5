"""CRM hygiene: open deals per manager against a limit, stale deals, incomplete deal cards."""

from __future__ import annotations

from datetime import date

import pandas as pd

from salesplan.control.stages import unknown_stage

PROBLEMS = ["stale", "no_amount", "no_expected_date", "expected_date_passed", "unknown_stage"]


def deal_problems(deals: pd.DataFrame, as_of: date, stale_days: int,
                  probabilities: dict[str, float]) -> pd.DataFrame:
    """Open deals with a flag per problem, and ``days_idle`` since the last stage change.

    ``stale``: no stage change (``stage_changed``, else ``created``) for ``stale_days`` days or
    more; ``no_amount``; ``no_expected_date``; ``expected_date_passed`` (before ``as_of``);
    ``unknown_stage`` (no probability in the parameters). Only deals with a problem are kept.
    """
    as_of_ts = pd.Timestamp(as_of)
    deals = deals[deals["outcome"] == "open"]
    last_change = deals["stage_changed"].fillna(deals["created"])
    idle = (as_of_ts - last_change).dt.days
    flags = pd.DataFrame({
        "stale": idle >= stale_days,
        "no_amount": deals["amount"].isna(),
        "no_expected_date": deals["expected_date"].isna(),
        "expected_date_passed": deals["expected_date"] < as_of_ts,
        "unknown_stage": unknown_stage(deals, probabilities),
    })
    out = deals[["id", "title", "manager_id", "client_id", "stage", "amount", "expected_date"]]
    out = pd.concat([out.assign(days_idle=idle), flags], axis=1)
    return out[flags.any(axis=1)].reset_index(drop=True)


def hygiene_by_manager(deals: pd.DataFrame, problems: pd.DataFrame,
                       open_deal_limit: int) -> pd.DataFrame:
    """Per manager: ``open_deals``, ``limit``, ``over_limit`` and the count of each problem."""
    open_count = deals[deals["outcome"] == "open"].groupby("manager_id").size()
    counts = problems.groupby("manager_id")[PROBLEMS].sum()
    table = pd.concat([open_count.rename("open_deals"), counts], axis=1).fillna(0).astype("int64")
    table.insert(1, "limit", open_deal_limit)
    table.insert(2, "over_limit", table["open_deals"] > open_deal_limit)
    return table.rename_axis("manager_id").reset_index()
