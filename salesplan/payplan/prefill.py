"""The rows a new payment plan starts from, so that a manager edits rather than types.

A plan already submitted starts from its newest version. A new weekly plan starts from the
manager's expected payments of the week as the control layer sees them (``Control.payment_plan``:
invoices due and open deals expected, each with its stage's probability). A new plan for a day
starts from the rows the manager's plans have due that day (``Control.promised``), else from the
expected payments of the day.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
from sqlalchemy import Engine

from salesplan import labels
from salesplan.control.report import Control
from salesplan.payplan import repository as repo
from salesplan.payplan import rows as R
from salesplan.periods import Day, Week

L = labels.PAYPLAN_FORM


def first_rows(eng: Engine, kind: str, period: str, manager_id: str,
               today: date | None = None) -> tuple[pd.DataFrame, str]:
    """(the rows, a sentence saying where they come from) for the plan ``kind`` ``period`` of
    ``manager_id``; ``today`` is the day a plan for a day is looked at from (its eve)."""
    latest = repo.latest(eng, kind, period, manager_id)
    if latest is not None:
        return latest.rows, L["prefilled_version"].format(
            version=latest.version, at=f"{latest.submitted_at:%d.%m.%Y %H:%M}", by=latest.submitted_by)
    ctl = Control.load(eng)
    first, last = (Week if kind == "week" else Day).parse(period).bounds
    if kind == "day":
        promised = ctl.promised(first, last, today or first)
        promised = promised[promised["manager_id"] == manager_id]
        if len(promised):
            return R.typed(promised), L["prefilled_week"].format(
                day=f"{first:%d.%m.%Y}", rows=labels.count(len(promised), "row"))
    expected = ctl.payment_plan(first, last)
    expected = expected[expected["manager_id"] == manager_id]
    rows = R.from_pipeline(expected, ctl.frames.deals, ctl.frames.clients)
    return rows, L["prefilled_crm"].format(rows=labels.count(len(rows), "row"))
