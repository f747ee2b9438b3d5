"""Demo salaries and disciplinary cuts.

Salaries: each manager's own, from the first month of the demo's history — the role's base
plus a step per colleague of the same role (by name), so that no two managers of a role earn
the same; a raise for the first hunter six months before the end.

Cuts: the two that heads of sales set on the demo's last month.

One for the seller whose deals won over the last three months kept the margin furthest below
the median of their role (discounts beyond the agreed ones), one for another seller with the
most stale deal cards (CRM hygiene, ``params/control.yaml``); each is set by the head of the
seller's department, with the reason written as a head would write it. Deterministic: the
choice follows the data; nothing is added when the month already has cuts.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine

from salesplan.control.report import Control
from salesplan.demo.build import MONTHS
from salesplan.labels import count
from salesplan.motivation.penalties import penalties, record_penalty
from salesplan.motivation.salaries import salary_table, store_salaries
from salesplan.periods import Month

SALARY_BASE = {"hunter": 55_000_00, "farmer": 60_000_00, "key_account": 75_000_00, "head": 120_000_00}
SALARY_STEP = 2_500_00  # kopecks between colleagues of a role
RAISE = (6, 4_000_00)  # months before the end, kopecks

DISCOUNTS = (500_000, "Скидки сверх согласованных без согласования с руководителем: маржа "
                      "сделок за три месяца {margin:.0f} % при {usual:.0f} % у коллег")  # kopecks, reason
MARGIN_MONTHS = 3
STALE_CARDS = (300_000, "Карточки сделок не обновлялись больше {days}: {deals} (гигиена CRM)")


def seed_salaries(eng: Engine, end_month: str) -> None:
    """Every manager's salary from the first month of the history (see the module's docstring)."""
    if not salary_table(eng).empty:
        return
    last = Month.parse(end_month)
    staff = Control.load(eng).frames.managers.sort_values("name")
    staff = staff.assign(rank=staff.groupby("role").cumcount())
    rows = pd.DataFrame({
        "manager_id": staff["id"], "from_month": str(last - (MONTHS - 1)),
        "salary": staff["role"].map(SALARY_BASE) + staff["rank"] * SALARY_STEP,
    })
    first_hunter = rows[staff["role"].eq("hunter").to_numpy()].head(1)
    months_before, amount = RAISE
    raised = first_hunter.assign(from_month=str(last - months_before), salary=first_hunter["salary"] + amount)
    store_salaries(eng, pd.concat([rows, raised], ignore_index=True))


def seed_demo(eng: Engine, end_month: str) -> None:
    """Record the salaries and the month's two cuts (see the module's docstring)."""
    seed_salaries(eng, end_month)
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

