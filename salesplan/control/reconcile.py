"""What the managers promised in their payment plans against what happened.

A week's plans are applied in the order they were submitted, per manager: a weekly version
replaces the whole plan; an update for day D (the plan for tomorrow) replaces the rows due on D
and the rows of the same deals (``rows.keys``). The first weekly version is the week's
commitment; what differs from it now is a change:

- ``paid_early``: a deal of the commitment paid (``payments`` by deal id, from the week's start
  to the day) before its promised date — the amount paid;
- ``dropped``: no longer in the plan (and not paid) — the promised amount;
- ``moved_later`` / ``moved_earlier``: in the plan with a later / earlier date — the promised
  amount;
- ``amount_changed``: same date, another amount — new − promised;
- ``new``: in the plan, not in the commitment — its amount.

A deal paid on or after its date is not a change: it is the fact the plan was kept by.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from salesplan.control.levels import rollup
from salesplan.control.pace import safe_ratio
from salesplan.payplan import rows as R

CHANGES = ("moved_later", "moved_earlier", "dropped", "new", "paid_early", "amount_changed")
CHANGE_COLUMNS = ["manager_id", "change", "client", "deal", "deal_id", "planned_date",
                  "planned_amount", "new_date", "new_amount", "money"]


def _rows(rows: pd.DataFrame, plan_id: int, manager_id: str, kind: str) -> pd.DataFrame:
    got = rows[rows["payment_plan_id"] == plan_id]
    return got.assign(manager_id=manager_id, plan_kind=kind, key=R.keys(got))


def state(plans: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    """Each manager's plan now: ``plans`` (``repository.plans``, in submission order) applied
    one after another (see the module's doc); their ``rows`` (``repository.rows_of``) with
    ``manager_id``, ``plan_kind`` (the kind of the version a row comes from) and ``key``."""
    parts = []
    for manager, subs in plans.groupby("manager_id", sort=True):
        current = None
        for sub in subs.itertuples():
            got = _rows(rows, sub.id, manager, sub.kind)
            if sub.kind == "week" or current is None:
                current = got
                continue
            day = date.fromisoformat(sub.period)
            kept = current[(current["expected_date"] != day) & ~current["key"].isin(got["key"])]
            current = pd.concat([kept, got], ignore_index=True)
        parts.append(current)
    return _concat(parts, rows)


def commitment(plans: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    """The rows of each manager's first weekly version (``state``'s columns)."""
    weekly = plans[plans["kind"] == "week"].drop_duplicates("manager_id")
    return _concat([_rows(rows, p.id, p.manager_id, p.kind) for p in weekly.itertuples()], rows)


def _concat(parts: list[pd.DataFrame], rows: pd.DataFrame) -> pd.DataFrame:
    if parts:
        return pd.concat(parts, ignore_index=True)
    return rows.iloc[:0].assign(manager_id=pd.Series(dtype="object"),
                                plan_kind=pd.Series(dtype="object"), key=pd.Series(dtype="object"))


def due(rows: pd.DataFrame, start: date, end: date) -> pd.DataFrame:
    """The rows due ``start``…``end``, with ``weighted`` = amount × probability."""
    inside = (rows["expected_date"] >= start) & (rows["expected_date"] <= end)
    picked = rows[inside]
    return picked.assign(weighted=R.weighted(picked)).reset_index(drop=True)


def paid_deals(payments: pd.DataFrame, start: date, as_of: date) -> pd.DataFrame:
    """Per deal id, the payments received ``start``…``as_of``: the ``first`` day, the ``amount``."""
    days = pd.to_datetime(payments["date"])
    paid = payments[days.notna() & (days >= pd.Timestamp(start)) & (days <= pd.Timestamp(as_of))]
    return paid.assign(date=pd.to_datetime(paid["date"]).dt.date).groupby("deal_id").agg(
        first=("date", "min"), amount=("amount", "sum"))


def still_expected(rows: pd.DataFrame, payments: pd.DataFrame, start: date, as_of: date) -> pd.DataFrame:
    """``rows`` without those due after ``as_of`` whose deal was paid ``start``…``as_of``: paid
    early, they are no longer to come."""
    gone = (rows["expected_date"] > as_of) & rows["deal_id"].isin(paid_deals(payments, start, as_of).index)
    return rows[~gone].reset_index(drop=True)


def changes(promised: pd.DataFrame, now: pd.DataFrame, payments: pd.DataFrame,
            start: date, as_of: date) -> pd.DataFrame:
    """The changes (``CHANGE_COLUMNS``) from the commitment ``promised`` to the plan ``now``,
    the ``payments`` received ``start``…``as_of`` telling which deals were paid; ``money`` is
    the amount each change concerns (see the module's doc)."""
    paid = paid_deals(payments, start, as_of)
    current = now.set_index(["manager_id", "key"])
    found = []
    for row in promised.itertuples(index=False):
        base = {"manager_id": row.manager_id, "client": row.client, "deal": row.deal,
                "deal_id": row.deal_id, "planned_date": row.expected_date,
                "planned_amount": int(row.amount)}
        if row.deal_id in paid.index:
            first, amount = paid.loc[row.deal_id, ["first", "amount"]]
            if first < row.expected_date:
                found.append({**base, "change": "paid_early", "new_date": first, "new_amount": int(amount),
                              "money": int(amount)})
            continue
        if (row.manager_id, row.key) not in current.index:
            found.append({**base, "change": "dropped", "new_date": None, "new_amount": None,
                          "money": int(row.amount)})
            continue
        later = current.loc[(row.manager_id, row.key)]
        later = later.iloc[-1] if isinstance(later, pd.DataFrame) else later
        moved = {"new_date": later["expected_date"], "new_amount": int(later["amount"])}
        if later["expected_date"] > row.expected_date:
            found.append({**base, **moved, "change": "moved_later", "money": int(row.amount)})
        elif later["expected_date"] < row.expected_date:
            found.append({**base, **moved, "change": "moved_earlier", "money": int(row.amount)})
        elif later["amount"] != row.amount:
            found.append({**base, **moved, "change": "amount_changed",
                          "money": int(later["amount"]) - int(row.amount)})
    promised_keys = set(zip(promised["manager_id"], promised["key"], strict=True))
    for row in now.itertuples(index=False):
        if (row.manager_id, row.key) not in promised_keys:
            found.append({"manager_id": row.manager_id, "change": "new", "client": row.client,
                          "deal": row.deal, "deal_id": row.deal_id, "planned_date": None,
                          "planned_amount": None, "new_date": row.expected_date,
                          "new_amount": int(row.amount), "money": int(row.amount)})
    out = pd.DataFrame(found, columns=CHANGE_COLUMNS)
    order = {c: i for i, c in enumerate(CHANGES)}
    return out.sort_values(["manager_id", "change"], key=lambda s: s.map(order) if s.name == "change"
                           else s, kind="stable", ignore_index=True)


def changes_by_manager(found: pd.DataFrame, level: str = "manager",
                       managers: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per manager (or ``level``) the ``money`` of each kind of change (``CHANGES``, kopecks,
    0 when none)."""
    table = found.groupby(["manager_id", "change"])["money"].sum().unstack("change", fill_value=0)
    table = table.reindex(columns=list(CHANGES), fill_value=0).rename_axis(
        index="manager_id", columns=None).reset_index()
    return rollup(table, level, list(CHANGES), managers).fillna(0).astype(
        dict.fromkeys(CHANGES, "int64"))


def promised_totals(promised: pd.DataFrame, level: str = "manager",
                    managers: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per manager (or ``level``, see ``levels.rollup``): ``rows`` promised, ``promised`` =
    Σ amount, ``promised_weighted`` = Σ amount × probability, ``day_plans`` = rows from a plan
    for the day rather than the weekly plan."""
    frame = promised.assign(weighted=R.weighted(promised), day=promised["plan_kind"] == "day")
    frame = frame.groupby("manager_id").agg(
        rows=("key", "size"), promised=("amount", "sum"), promised_weighted=("weighted", "sum"),
        day_plans=("day", "sum")).reset_index()
    columns = ["rows", "promised", "promised_weighted", "day_plans"]
    out = rollup(frame, level, columns, managers).fillna(0)
    return out.astype({"rows": "int64", "promised": "int64", "day_plans": "int64"})


def promised_vs_fact(promised: pd.DataFrame, fact: pd.Series, level: str = "manager",
                     managers: pd.DataFrame | None = None) -> pd.DataFrame:
    """``promised_totals`` with the ``fact`` received (kopecks by manager_id), ``deviation`` =
    fact − promised and ``pct`` = fact / promised × 100 (NaN without a promise)."""
    frame = promised_totals(promised).set_index("manager_id")
    frame = frame.join(fact.rename("fact"), how="outer").fillna(0).rename_axis("manager_id")
    columns = ["rows", "promised", "promised_weighted", "fact"]
    out = rollup(frame.reset_index(), level, columns, managers).fillna(0)
    out = out.astype({"rows": "int64", "promised": "int64", "fact": "int64"})
    return out.assign(deviation=out["fact"] - out["promised"],
                      pct=safe_ratio(out["fact"] * 100, out["promised"]))
