"""Demo disciplinary cuts: the two that heads of sales set on the demo's last month.

One for the seller whose deals won over the last three months kept the margin furthest below
the median of their role (discounts beyond the agreed ones), one for another seller with the
most stale deal cards (CRM hygiene, ``params/control.yaml``); each is set by the head of the
seller's department, with the reason written as a head would write it. Deterministic: the
choice follows the data; nothing is added when the month already has cuts.
"""

from __future__ import annotations

from sqlalchemy import Engine

from salesplan.control.report import Control
from salesplan.labels import count
from salesplan.motivation.penalties import penalties, record_penalty
from salesplan.periods import Month

DISCOUNTS = (500_000, "Скидки сверх согласованных без согласования с руководителем: маржа "
                      "сделок за три месяца {margin:.0f} % при {usual:.0f} % у коллег")  # kopecks, reason
MARGIN_MONTHS = 3
STALE_CARDS = (300_000, "Карточки сделок не обновлялись больше {days}: {deals} (гигиена CRM)")


def seed_demo(eng: Engine, end_month: str) -> None:
    """Record the month's two cuts (see the module's docstring)."""
    if len(penalties(eng, end_month)):
        return
    last = Month.parse(end_month)
    start, end = (last - (MARGIN_MONTHS - 1)).start, last.end
    control = Control.load(eng)
    staff = control.frames.managers
    staff = staff[staff["leave_date"].isna()].set_index("id")
    heads = staff[staff["role"] == "head"].groupby("department_id")["name"].first()
    sellers = staff[staff["role"] != "head"]

    margin = control.kpis(start, end).set_index("manager_id")["margin_pct"].reindex(sellers.index)
    usual = margin.groupby(sellers["role"]).transform("median")
    below = (usual - margin).dropna()
    discounter = below.idxmax()
    amount, reason = DISCOUNTS
    record_penalty(eng, end_month, discounter, amount,
                   reason.format(margin=margin[discounter], usual=usual[discounter]),
                   heads[sellers.loc[discounter, "department_id"]])

    _, problems = control.hygiene(end)
    stale = problems[problems["stale"]].groupby("manager_id").size()
    stale = stale.reindex(sellers.index.drop(discounter), fill_value=0)
    untidy = stale.sort_index().idxmax()
    amount, reason = STALE_CARDS
    record_penalty(eng, end_month, untidy, amount,
                   reason.format(days=count(control.params.hygiene.stale_days, "day_of"),
                                 deals=count(stale[untidy], "deal")),
                   heads[sellers.loc[untidy, "department_id"]])

