"""What the store holds, what each report and plan-model method can do with it, what to import next.

``load`` reads the store; ``inventory`` is pure over what it read and returns an ``Inventory``
(``salesplan check`` prints it, or dumps it as JSON). A report or method is

- ``ready`` when every table it reads has rows;
- ``partial`` when it runs without some of them — ``reasons`` say which (no payments: the fact
  is the amount of won deals; no calls: no activity; no approved plan: no deviations);
- ``missing`` when it cannot run at all (no deals, no fact, no calls for call quality…).

The fact is what ``fact_source`` in ``params/control.yaml`` says (payments received, or the
amount of won deals); without payments it falls back to won deals. The history and trend
methods need ``MIN_MONTHS`` (12) months with a fact. Managers that look made by an import — an
id that is the transliterated name (``ivanova-mariia``, ``ivanova-mariia-2``) and no hire date —
are listed: the roster (``salesplan import managers``) gives them their department and role.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

import pandas as pd
from pydantic import BaseModel
from sqlalchemy import Engine

from salesplan import labels, overview, periods, store
from salesplan.control.frames import preferred_fact_source, resolve_fact_source
from salesplan.filenames import slug
from salesplan.plan.seasonality import MIN_MONTHS

Status = Literal["ready", "partial", "missing"]
REPORTS = ("monthly_report", "daily_brief", "weekly_review", "call_quality", "pay_statements",
           "meeting_deck", "attestation")
PLAN_METHODS = ("history", "trend", "funnel", "bottom_up")
# Tables a user imports, in the order the next imports are suggested.
IMPORTED = ("deals", "payments", "calls", "leads", "managers")
# The table a reason asks to import.
REASON_TABLES = {"no_managers": "managers", "no_deals": "deals", "no_fact": "payments",
                 "fact_from_deals": "payments", "no_calls": "calls", "no_leads": "leads"}


class TableState(BaseModel):
    """One data table: rows and the first and last date (``store.DATE_COLUMNS``), ISO or None."""

    table: str
    rows: int
    first: str | None = None
    last: str | None = None


class ManagerRef(BaseModel):
    id: str
    name: str


class Issues(BaseModel):
    """Rows that load but say less than they should."""

    managers_without_department: int
    auto_created_managers: list[ManagerRef]
    deals_without_amount: int
    won_deals_without_amount: int
    payments_without_manager: int  # neither the row nor its deal names one


class Capability(BaseModel):
    """A report or a plan-model method: its status, the reasons (``CHECK_REASONS`` keys), each
    reason in Russian and the Russian line («готово», «частично: …», «нет данных: …»)."""

    key: str
    title: str
    status: Status
    reasons: list[str]
    details: list[str]
    text: str


class NextImport(BaseModel):
    """A table to import next: the command, the profiles that read it, what it brings."""

    table: str
    command: str
    formats: list[str]
    unlocks: str


class Inventory(BaseModel):
    """``salesplan check --json``."""

    db: str
    department: str
    fact_source: str
    fact_months: int  # months with a fact, by the fact actually available
    tables: list[TableState]
    issues: Issues
    reports: list[Capability]
    plan_methods: list[Capability]
    next_imports: list[NextImport]


@dataclass(frozen=True)
class Holdings:
    """What ``inventory`` reads: the data tables (``overview.Data``, every department), the
    departments, the clients' count, and the managers of approved plans, reviews and ratings."""

    data: overview.Data
    departments: pd.DataFrame  # id, name
    clients: int
    plans: pd.DataFrame  # department_id of each approved plan
    reviewed: pd.Series  # manager_id of each saved review revision
    rated: pd.Series  # manager_id of each competency rating and test score


def load(eng: Engine) -> Holdings:
    """Read what ``inventory`` needs from the store."""
    plans = store.read_table(eng, "plans", ["department_id", "status"])
    rated = [store.read_table(eng, t, ["manager_id"])["manager_id"]
             for t in ("attestation_ratings", "attestation_tests")]
    return Holdings(
        data=overview.load(eng),
        departments=store.read_table(eng, "departments", ["id", "name"]),
        clients=store.counts(eng)["clients"],
        plans=plans[plans["status"] == "approved"],
        reviewed=store.read_table(eng, "reviews", ["manager_id"])["manager_id"],
        rated=pd.concat(rated, ignore_index=True),
    )


def _state(name: str, frame: pd.DataFrame) -> TableState:
    """The table's rows and dates; ``calls`` come counted per manager and day (``overview.call_days``)."""
    rows = int(frame["calls"].sum()) if name == "calls" else len(frame)
    if name not in store.DATE_COLUMNS or frame.empty:
        return TableState(table=name, rows=rows)
    first, last = ("day", "day") if name == "calls" else store.DATE_COLUMNS[name]
    lo, hi = frame[first].min(), frame[last].max()
    return TableState(table=name, rows=rows, first=None if pd.isna(lo) else f"{lo:%Y-%m-%d}",
                      last=None if pd.isna(hi) else f"{hi:%Y-%m-%d}")


def auto_created(managers: pd.DataFrame) -> pd.DataFrame:
    """Managers whose id is their name's slug (``-2``… allowed) and who have no hire date."""
    looks_made = [
        re.fullmatch(rf"{re.escape(slug(name))}(-\d+)?", str(mid)) is not None
        for mid, name in zip(managers["id"], managers["name"], strict=True)
    ]
    return managers[pd.Series(looks_made, index=managers.index, dtype=bool) & managers["hire_date"].isna()]


def _issues(everything: overview.Data, data: overview.Data, departments: pd.DataFrame) -> Issues:
    managers, deals = data.managers, data.deals
    made = auto_created(managers)
    no_amount = deals["amount"].isna()
    return Issues(
        managers_without_department=int((~managers["department_id"].isin(departments["id"])).sum()),
        auto_created_managers=[ManagerRef(id=i, name=n)
                               for i, n in zip(made["id"], made["name"], strict=True)],
        deals_without_amount=int(no_amount.sum()),
        won_deals_without_amount=int((no_amount & (deals["outcome"] == "won")).sum()),
        # no department can claim them, so they are counted over the whole store
        payments_without_manager=int(everything.payments["manager_id"].isna().sum()),
    )


def _fact_dates(data: overview.Data, fact_source: str) -> tuple[pd.Series, bool]:
    """The dates of the fact, chosen as the reports choose it (``frames.resolve_fact_source``),
    and whether it fell back to won deals for want of payments."""
    dates = {
        "payments": data.payments["date"].dropna(),
        "won_deals": data.deals[(data.deals["outcome"] == "won") & data.deals["amount"].notna()]["closed"]
        .dropna(),
    }
    source = resolve_fact_source(fact_source, {name for name, found in dates.items() if len(found)})
    return dates[source], source == "won_deals" != preferred_fact_source(fact_source)


def _capability(key: str, blocking: list[str], partial: list[str], words: dict[str, str]) -> Capability:
    s = labels.INVENTORY
    status: Status = "missing" if blocking else "partial" if partial else "ready"
    reasons = blocking or partial
    details = [words[r] for r in reasons]
    text = s[status].format(reasons=s["separator"].join(details))
    return Capability(key=key, title=labels.CHECK_TITLES[key], status=status, reasons=reasons,
                      details=details, text=text)


def _rules(have: dict[str, bool], fell_back: bool) -> dict[str, tuple[list[str], list[str]]]:
    """Per report and method: the reasons it cannot run, and those it runs without."""

    def lacking(*needs: str) -> list[str]:
        return [f"no_{n}" for n in needs if not have[n]]

    core = lacking("managers", "deals", "fact")
    fact = ["fact_from_deals"] if fell_back and have["fact"] else []
    history = [] if have["history"] else ["history_short"]
    return {
        "monthly_report": (core, fact + lacking("plan", "calls", "leads")),
        "daily_brief": (core, fact + lacking("plan", "calls")),
        "weekly_review": (core, fact + lacking("plan", "calls")),
        "call_quality": (lacking("managers", "calls", "reviews"), []),
        "pay_statements": (core, fact + lacking("plan")),
        "meeting_deck": (core, fact + lacking("plan", "calls")),
        "attestation": (core, fact + lacking("calls", "reviews", "ratings")),
        "history": (lacking("managers", "fact") + (history if have["fact"] else []), fact),
        "trend": (lacking("managers", "fact") + (history if have["fact"] else []), fact),
        # capacity from won deals: leads and calls refine it (plan.funnel: entries = max(leads, won))
        "funnel": (lacking("managers", "deals"), lacking("leads", "calls")),
        "bottom_up": (lacking("managers"), []),
    }


def import_command(table: str, formats: list[str]) -> str:
    """``salesplan import TABLE ФАЙЛ --format F`` with the first profile that reads the table."""
    return f"salesplan import {table} {labels.INVENTORY['file']} --format {formats[0]}"


def inventory(held: Holdings, department: str = "", fact_source: str = "payments",
              formats: dict[str, list[str]] | None = None, db: str = "") -> Inventory:
    """What is loaded for ``department`` (every one for ``""``) and what it is good for.

    ``formats`` maps a table to the import profiles that read it (``canonical`` when none).
    ``fact_source`` ``auto`` prefers payments, as the reports do (``frames.preferred_fact_source``).
    """
    fact_source = preferred_fact_source(fact_source)
    formats = formats or {}
    data = overview.scoped(held.data, department)
    frames = {name: getattr(data, name) for name in overview.TABLES}
    managers = set(data.managers["id"])
    departments = held.departments[held.departments["id"] == department] if department else held.departments
    tables = [
        TableState(table="departments", rows=len(departments)),
        _state("managers", data.managers),
        TableState(table="clients", rows=held.clients),
        *(_state(name, frames[name]) for name in ("deals", "payments", "calls", "leads")),
    ]
    rows = {t.table: t.rows for t in tables}
    fact_dates, fell_back = _fact_dates(data, fact_source)
    fact_months = int(periods.keys(pd.Series(fact_dates), periods.Month).nunique())
    plans = held.plans["department_id"]
    have = {
        "managers": bool(managers), "deals": rows["deals"] > 0, "calls": rows["calls"] > 0,
        "leads": rows["leads"] > 0, "fact": fact_months > 0, "history": fact_months >= MIN_MONTHS,
        "plan": bool((plans == department).any() if department else len(plans)),
        "reviews": bool(held.reviewed.isin(managers).any()),
        "ratings": bool(held.rated.isin(managers).any()),
    }
    issues = _issues(held.data, data, held.departments)
    readers = {t: formats.get(t) or ["canonical"] for t in IMPORTED}
    words = {
        code: text.format(command=import_command(REASON_TABLES.get(code, "deals"),
                                                 readers[REASON_TABLES.get(code, "deals")]),
                          months=labels.count(fact_months, "month"))
        for code, text in labels.CHECK_REASONS.items()
    }
    rules = _rules(have, fell_back)
    wanted = [t for t in IMPORTED if rows[t] == 0 or (t == "managers" and issues.auto_created_managers)]
    return Inventory(
        db=db, department=department, fact_source=fact_source, fact_months=fact_months,
        tables=tables, issues=issues,
        reports=[_capability(k, *rules[k], words) for k in REPORTS],
        plan_methods=[_capability(k, *rules[k], words) for k in PLAN_METHODS],
        next_imports=[NextImport(table=t, command=import_command(t, readers[t]), formats=readers[t],
                                 unlocks=labels.CHECK_UNLOCKS[t]) for t in wanted],
    )
