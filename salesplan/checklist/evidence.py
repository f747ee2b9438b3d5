"""The checklist's points the store answers, each with what it found (Russian lines to show).

Every function takes the engine, the period (a quarter or a half-year) and the department ("" for
all) and returns ``Evidence``: the answer the data give and the lines that show why.

- ``plan_of_record``: an approved plan for every month of the period → yes, for some → partly.
- ``plan_detail``: the plan of record has a product/segment mix and lines for managers: both in
  every month with a plan → yes, either → partly.
- ``criteria``: the attestation template and the motivation schemes exist: both → yes, one → partly.
- ``management_tools``: meeting protocols, call reviews and payment plans recorded in the period:
  all three → yes, some → partly.
- ``crm``: the share of deals (created by the period's end) with an amount and a stage, against
  ``crm_complete`` of the checklist; the open deals with a CRM hygiene problem are shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy import Engine

from salesplan import store
from salesplan.control.report import Control
from salesplan.labels import CHECKLIST_EVIDENCE as SAYS
from salesplan.periods import Half, Quarter
from salesplan.plan_of_record import mix_of, plan_of_record
from salesplan.settings import settings

Period = Quarter | Half


@dataclass(frozen=True)
class Evidence:
    answer: str  # yes | partly | no
    lines: list[str] = field(default_factory=list)


def _of_found(found: int, total: int) -> str:
    """yes when all ``total`` were found, partly when some, no when none."""
    return "yes" if total and found == total else "partly" if found else "no"


def _plans(eng: Engine, period: Period, department: str) -> dict[str, pd.DataFrame]:
    """Month (YYYY-MM) → the lines of its plan of record, for the months that have one."""
    found = {str(m): plan_of_record(eng, str(m), department or None) for m in period.months}
    return {m: lines for m, lines in found.items() if not lines.empty}


def plan_of_record_evidence(eng: Engine, period: Period, department: str) -> Evidence:
    plans = _plans(eng, period, department)
    if not plans:
        return Evidence("no", [SAYS["plan_none"]])
    line = SAYS["plan_months"].format(found=len(plans), months=len(period.months), listed=", ".join(plans))
    return Evidence(_of_found(len(plans), len(period.months)), [line])


def plan_detail(eng: Engine, period: Period, department: str) -> Evidence:
    plans = _plans(eng, period, department)
    if not plans:
        return Evidence("no", [SAYS["plan_none"]])
    with_mix = sum(not mix_of(eng, lines["plan_id"].unique().tolist()).empty for lines in plans.values())
    managers = plans[max(plans)]["manager_id"].nunique()
    lines = [SAYS["mix"].format(found=with_mix, months=len(plans)),
             SAYS["managers"].format(managers=managers)]
    if with_mix == len(plans) and managers > 1:
        return Evidence("yes", lines)
    return Evidence("partly" if with_mix or managers > 1 else "no", lines)


def criteria(eng: Engine, period: Period, department: str) -> Evidence:
    found = settings()
    schemes = found.motivation.schemes
    lines = [SAYS["template"].format(sections=len(found.attestation.components))]
    if schemes:
        roles = sorted({r for s in schemes for r in s.roles})
        lines.append(SAYS["schemes"].format(n=len(schemes), roles=", ".join(roles)))
    else:
        lines.append(SAYS["schemes_none"])
    return Evidence(_of_found(bool(found.attestation.components) + bool(schemes), 2), lines)


def _within(frame: pd.DataFrame, column: str, period: Period) -> pd.DataFrame:
    days = pd.to_datetime(frame[column]).dt.normalize()
    return frame[(days >= pd.Timestamp(period.start)) & (days <= pd.Timestamp(period.end))]


def _department_managers(frame: pd.DataFrame, managers: pd.DataFrame, department: str) -> pd.DataFrame:
    if not department:
        return frame
    return frame[frame["manager_id"].isin(managers.loc[managers["department_id"] == department, "id"])]


def management_tools(eng: Engine, period: Period, department: str) -> Evidence:
    managers = store.read_table(eng, "managers")
    meetings = _within(store.read_table(eng, "meetings"), "held_on", period)
    if department:
        meetings = meetings[meetings["department_id"].isin([department, ""])]
    reviews = _department_managers(_within(store.read_table(eng, "reviews"), "call_date", period),
                                   managers, department)
    payplans = _department_managers(_within(store.read_table(eng, "payment_plans"), "submitted_at", period),
                                    managers, department)
    counts = {"meetings": len(meetings), "reviews": reviews["uid"].nunique(),
              "payment_plans": len(payplans.drop_duplicates(["kind", "period", "manager_id"]))}
    lines = [SAYS[what].format(n=n) for what, n in counts.items()]
    return Evidence(_of_found(sum(n > 0 for n in counts.values()), len(counts)), lines)


def crm(eng: Engine, period: Period, department: str) -> Evidence:
    control = Control.load(eng, department)
    deals = control.frames.deals
    deals = deals[deals["created"] <= pd.Timestamp(period.end)]
    if deals.empty:
        return Evidence("no", [SAYS["deals_none"]])
    share = float((deals["amount"].notna() & deals["stage"].fillna("").ne("")).mean())
    _, problems = control.hygiene(period.end)
    open_deals = int((control.frames.deals["outcome"] == "open").sum())
    lines = [SAYS["deals_complete"].format(share=share, n=len(deals)),
             SAYS["hygiene"].format(problems=len(problems), open=open_deals)]
    limits = settings().checklist.crm_complete
    answer = "yes" if share >= limits.yes_from else "partly" if share >= limits.partly_from else "no"
    return Evidence(answer, lines)


FUNCTIONS: dict[str, Callable[[Engine, Period, str], Evidence]] = {
    "plan_of_record": plan_of_record_evidence,
    "plan_detail": plan_detail,
    "criteria": criteria,
    "management_tools": management_tools,
    "crm": crm,
}


def gather(eng: Engine, period: Period, department: str, names: list[str]) -> dict[str, Evidence]:
    """Each named function's evidence, run once each."""
    return {name: FUNCTIONS[name](eng, period, department) for name in dict.fromkeys(names)}
