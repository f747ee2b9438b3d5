"""The rows of a payment plan: their fields, the checks a submitted row must pass, the key that
follows a deal from one version to the next, and the first rows of a new plan.

Money is integer kopecks, probability a fraction 0…1, weighted = amount × probability.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pandas as pd

from salesplan import labels
from salesplan.errors import PaymentPlanError
from salesplan.money import fmt_rub

COLUMNS = ["client_id", "client", "contact", "business", "annual_turnover", "deal_id", "deal",
           "expected_date", "amount", "stage", "probability"]
TEXT = ("client_id", "client", "contact", "business", "deal_id", "deal", "stage")
REQUIRED = ("client", "expected_date", "amount", "probability")
E = labels.PAYPLAN_ERRORS


@dataclass(frozen=True)
class Problem:
    """One bad value: the row's position (0-based) in the plan, the column, the label key of
    ``PAYPLAN_ERRORS`` and the value as given."""

    position: int
    column: str
    error: str
    value: object = ""


def empty() -> pd.DataFrame:
    """A plan with no row, typed as a submitted one."""
    return typed(pd.DataFrame(columns=COLUMNS))


def typed(rows: pd.DataFrame) -> pd.DataFrame:
    """``rows`` with the columns in order and their types: texts ("" when missing, ids None),
    ``expected_date`` a date, money nullable integers, probability float."""
    out = rows.reindex(columns=COLUMNS).reset_index(drop=True)
    for column in TEXT:
        missing = None if column in ("client_id", "deal_id") else ""
        out[column] = pd.Series([missing if pd.isna(v) else (str(v).strip() or missing)
                                 for v in out[column]], index=out.index, dtype="object")
    out["expected_date"] = pd.to_datetime(out["expected_date"]).dt.date
    for column in ("annual_turnover", "amount"):
        out[column] = pd.array(out[column], dtype="Int64")
    out["probability"] = out["probability"].astype("float64")
    return out


def weighted(rows: pd.DataFrame) -> pd.Series:
    """amount × probability, kopecks (float)."""
    return rows["amount"].astype("float64") * rows["probability"]


def keys(rows: pd.DataFrame) -> pd.Series:
    """The key that follows a row across versions: its deal id, else client and deal title
    (case and spaces ignored)."""
    text = (rows["client"].fillna("").str.strip().str.casefold() + "|"
            + rows["deal"].fillna("").str.strip().str.casefold())
    return rows["deal_id"].where(rows["deal_id"].notna() & (rows["deal_id"] != ""), "~" + text)


def problems(rows: pd.DataFrame, deal_ids=(), client_ids=()) -> list[Problem]:
    """What is wrong with the (typed) ``rows``: a required field missing, an amount not above
    zero, a probability outside 0…1, a negative turnover, an id the store does not know
    (``deal_ids``, ``client_ids``: the known ones)."""
    found = []
    known = {"deal_id": set(deal_ids), "client_id": set(client_ids)}
    for position, row in enumerate(rows.itertuples(index=False)):
        for column in REQUIRED:
            value = getattr(row, column)
            if pd.isna(value) or value == "":
                found.append(Problem(position, column, "required"))
        if not pd.isna(row.amount) and row.amount <= 0:
            found.append(Problem(position, "amount", "amount_positive", fmt_rub(row.amount)))
        if not pd.isna(row.probability) and not 0 <= row.probability <= 1:
            found.append(Problem(position, "probability", "bad_probability",
                                 f"{row.probability * 100:g} %"))
        if not pd.isna(row.annual_turnover) and row.annual_turnover < 0:
            found.append(Problem(position, "annual_turnover", "turnover_negative",
                                 fmt_rub(row.annual_turnover)))
        for column, ids in known.items():
            value = getattr(row, column)
            if value and value not in ids:
                found.append(Problem(position, column, f"unknown_{column.removesuffix('_id')}", value))
    return found


def message(found: list[Problem], where: Callable[[Problem], str]) -> str:
    """One line per problem, each saying where (``where``) and what is expected."""
    lines = []
    for p in found:
        text = E[p.error].format(where=where(p), value=p.value,
                                 expected=E["expected"].get(p.column, ""))
        lines.append(f"  {text}")
    return E["problems"].format(count=labels.count(len(found), "error"), problems="\n".join(lines))


def refuse(found: list[Problem], where: Callable[[Problem], str]) -> None:
    """Raise ``PaymentPlanError`` listing ``found`` in row and column order (nothing when there
    is none)."""
    found = sorted(found, key=lambda p: (p.position, COLUMNS.index(p.column)))
    if found:
        raise PaymentPlanError(message(found, where))


def from_pipeline(plan: pd.DataFrame, deals: pd.DataFrame, clients: pd.DataFrame) -> pd.DataFrame:
    """Rows of a new plan from the control layer's payment plan (``pipeline.payment_plan``):
    the deal's title, the client's segment as its line of business, the stage's probability."""
    titles = deals.set_index("id")["title"] if len(deals) else pd.Series(dtype="object")
    segments = clients.set_index("id")["segment"] if len(clients) else pd.Series(dtype="object")
    rows = pd.DataFrame({
        "client_id": plan["client_id"],
        "client": plan["client"].fillna(plan["client_id"]),
        "contact": "",
        "business": plan["client_id"].map(segments),
        "annual_turnover": plan["annual_turnover"],
        "deal_id": plan["deal_id"],
        "deal": plan["deal_id"].map(titles),
        "expected_date": plan["expected_date"],
        "amount": plan["amount"].round(),
        "stage": plan["stage"],
        "probability": plan["probability"],
    })
    return typed(rows)


def day_of(value) -> date | None:
    """A date from what a cell or widget holds (a date, a datetime, ``DD.MM.YYYY`` or
    ``YYYY-MM-DD`` text); None when it is none of them."""
    if isinstance(value, pd.Timestamp | date):
        return pd.Timestamp(value).date()
    text = str(value or "").strip()
    for fmt in ("%d.%m.%Y", "%Y-%m-%d"):
        try:
            return pd.to_datetime(text, format=fmt).date()
        except ValueError:
            continue
    return None
