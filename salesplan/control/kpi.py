"""Department KPIs: revenue against plan, deals, average check, traffic, conversion, margin,
ROI and NPS.

Frames are the store's (``deals``, ``leads``) and the fact and plan lines of
``salesplan.control.frames``; money in kopecks. Periods are inclusive date ranges.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from salesplan import labels
from salesplan.control.frames import amount_by_manager
from salesplan.control.levels import rollup
from salesplan.control.pace import safe_ratio
from salesplan.control.stages import stage_position
from salesplan.errors import SalesplanError


def nps(scores) -> float:
    """Net promoter score: % of answers 9–10 minus % of answers 0–6, from −100 to 100.

    ``scores`` are whole numbers 0…10; blanks (None, NaN) are unanswered questions and do not
    count. NaN when nothing was answered; a score outside 0…10 or not whole is an error that
    names its position.
    """
    values = pd.Series(list(scores) if not isinstance(scores, pd.Series) else scores,
                       dtype="float64").dropna()
    bad = values[(values < 0) | (values > 10) | (values != np.floor(values))]
    if len(bad):
        pos, val = bad.index[0], bad.iloc[0]
        position = pos if isinstance(scores, pd.Series) else f"№ {pos + 1}"  # a list: count from 1
        raise SalesplanError(labels.CONTROL_ERRORS["nps"].format(
            position=position, value=f"{val:g}".replace(".", ",")))
    if values.empty:
        return float("nan")
    return float(((values >= 9).mean() - (values <= 6).mean()) * 100)


def roi(margin, spend):
    """Return on marketing spend, %: ``(margin − spend) / spend × 100``; NaN without spend."""
    return safe_ratio(np.subtract(margin, spend, dtype=float) * 100, spend)


def _between(dates: pd.Series, start: date, end: date) -> pd.Series:
    return (dates >= pd.Timestamp(start)) & (dates <= pd.Timestamp(end))


ADDITIVE = ["plan", "revenue", "deals_won", "won_amount", "deals_lost", "leads",
            "leads_converted", "margin", "margin_base"]


def kpi_table(
    deals: pd.DataFrame,
    fact: pd.DataFrame,
    leads: pd.DataFrame,
    plan: pd.DataFrame,
    start: date,
    end: date,
    *,
    level: str = "manager",
    managers: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """KPIs of ``start``…``end`` per manager, department or in total.

    ``revenue`` = fact in the period, ``plan`` = plan lines in the period, ``revenue_pct`` =
    revenue / plan × 100; ``deals_won`` / ``deals_lost`` closed in the period; ``avg_check`` =
    amount of the deals won / their number; ``win_rate`` = won / (won + lost) × 100; traffic
    ``leads`` = leads created in the period, ``lead_to_deal`` = those of them converted to a
    deal / leads × 100; ``margin`` = margin of the won deals that have one, ``margin_pct`` =
    that margin / the amount of the same deals × 100 (NaN where no deal has a margin).
    """
    closed = _between(deals["closed"], start, end)
    won = deals[closed & (deals["outcome"] == "won")]
    lost = deals[closed & (deals["outcome"] == "lost")]
    won = won.assign(margin=won["margin"].astype("float64"))
    with_margin = won[won["margin"].notna()]
    new_leads = leads[_between(leads["created"], start, end)]
    parts = {
        "plan": amount_by_manager(plan, start, end),
        "revenue": amount_by_manager(fact, start, end),
        "deals_won": won.groupby("manager_id").size(),
        "won_amount": won["amount"].fillna(0).groupby(won["manager_id"]).sum(),
        "deals_lost": lost.groupby("manager_id").size(),
        "leads": new_leads.groupby("manager_id").size(),
        "leads_converted": new_leads["deal_id"].notna().groupby(new_leads["manager_id"]).sum(),
    }
    frame = pd.DataFrame(parts).fillna(0).astype("int64")
    frame["margin"] = with_margin["margin"].groupby(with_margin["manager_id"]).sum()
    frame["margin_base"] = with_margin["amount"].fillna(0).groupby(with_margin["manager_id"]).sum()
    frame = frame.rename_axis("manager_id").reset_index()
    frame = rollup(frame, level, ADDITIVE, managers)
    return frame.assign(
        revenue_pct=safe_ratio(frame["revenue"] * 100, frame["plan"]),
        avg_check=safe_ratio(frame["won_amount"], frame["deals_won"]),
        win_rate=safe_ratio(frame["deals_won"] * 100, frame["deals_won"] + frame["deals_lost"]),
        lead_to_deal=safe_ratio(frame["leads_converted"] * 100, frame["leads"]),
        margin_pct=safe_ratio(frame["margin"] * 100, frame["margin_base"]),
    )


def stage_funnel(deals: pd.DataFrame, stages: list[str]) -> pd.DataFrame:
    """Deals that reached each stage and the conversion from stage to stage.

    A deal reached stage k when its position (``stages.stage_position``) is at least k.
    Columns: ``stage``, ``reached``, ``to_next`` = reached(k+1) / reached(k) × 100 (NaN at the
    last stage), ``from_first`` = reached(k) / reached(0) × 100.
    """
    pos = stage_position(deals, stages).to_numpy()
    reached = pd.Series([(pos >= k).sum() for k in range(len(stages))], dtype="int64")
    return pd.DataFrame({
        "stage": stages,
        "reached": reached,
        "to_next": safe_ratio(reached.shift(-1) * 100, reached),
        "from_first": safe_ratio(reached * 100, reached.iloc[0] if len(reached) else 0),
    })
