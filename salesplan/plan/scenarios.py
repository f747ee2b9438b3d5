"""Scenarios, versions and approval, on top of ``salesplan.plan_of_record``.

A scenario is a named, saved plan with all its inputs; saving the same name again makes its
next version. Approving a scenario copies it into the month's next approved version — the
plan of record that plan/fact, the deck and motivation read. Approved versions are never
changed; the history of a month lists what changed from one approved version to the next.

The stored ``inputs`` JSON of a plan made here holds ``inputs`` (``PlanInputs``), ``total``
(kopecks), ``explanation`` (the department's rationale, Russian), ``notes`` (manager_id → their
rationale) and, for an approved version, ``approved_from`` (the scenario's id).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pandas as pd
from sqlalchemy import Engine

from salesplan import labels
from salesplan.errors import PlanError
from salesplan.periods import Week, keys
from salesplan.plan.model import PlanInputs, PlanResult
from salesplan.plan.rationale import explain, manager_notes
from salesplan.plan_of_record import (
    NORM_COLUMNS,
    lines_of,
    mix_of,
    norms_of,
    plan_of_record,
    plan_versions,
    save_plan,
)
from salesplan.store import read_table


@dataclass(frozen=True)
class StoredPlan:
    """A saved plan: its header, inputs, rationale, lines, activity norms and mix."""

    id: int
    month: str
    department: str
    name: str
    status: str
    version: int
    author: str
    created_at: datetime
    inputs: PlanInputs | None  # None for plans saved without the model
    explanation: str
    notes: dict[str, str]
    lines: pd.DataFrame  # manager_id, date, amount (kopecks)
    norms: pd.DataFrame  # manager_id + NORM_COLUMNS
    mix: pd.DataFrame  # manager_id, dimension, key, amount

    @property
    def managers(self) -> pd.Series:
        """manager_id → the month's plan (kopecks)."""
        return self.lines.groupby("manager_id")["amount"].sum().astype("int64")

    @property
    def total(self) -> int:
        return int(self.lines["amount"].sum())

    def weeks(self) -> pd.DataFrame:
        """``manager_id, week, amount`` (ISO weeks, kopecks)."""
        return (
            self.lines.assign(week=keys(self.lines["date"], Week))
            .groupby(["manager_id", "week"], as_index=False)["amount"]
            .sum()
        )


def _save(
    eng: Engine, result: PlanResult, name: str, author: str, status: str, extra: dict | None = None
) -> int:
    payload = {
        "inputs": result.inputs.model_dump(mode="json"),
        "total": int(result.total),
        "explanation": explain(result),
        "notes": manager_notes(result),
        **(extra or {}),
    }
    return save_plan(
        eng,
        result.inputs.month,
        result.inputs.department,
        result.lines(),
        author,
        name,
        payload,
        status=status,
        norms=result.norms[NORM_COLUMNS],
        mix=result.mix,
    )


def save_scenario(eng: Engine, result: PlanResult, name: str, author: str) -> int:
    """Save ``result`` as the next version of scenario ``name``; returns the plan id."""
    if not name.strip():
        raise PlanError(labels.PLAN_ERRORS["scenario_name"])
    return _save(eng, result, name.strip(), author, "scenario")


def load_plan(eng: Engine, plan_id: int) -> StoredPlan:
    """A saved plan by id (``PlanError`` when there is none)."""
    head = plan_versions(eng, plan_id=plan_id)
    if head.empty:
        raise PlanError(labels.PLAN_ERRORS["no_plan"].format(plan_id=plan_id))
    row = head.iloc[0]
    raw = row["inputs"] if isinstance(row["inputs"], dict) else {}
    lines = lines_of(eng, [plan_id]).drop(columns="plan_id")
    return StoredPlan(
        id=int(row["id"]),
        month=row["month"],
        department=row["department_id"],
        name=row["name"],
        status=row["status"],
        version=int(row["version"]),
        author=row["author"],
        created_at=pd.Timestamp(row["created_at"]).to_pydatetime(),
        inputs=PlanInputs.model_validate(raw["inputs"]) if "inputs" in raw else None,
        explanation=raw.get("explanation", ""),
        notes=raw.get("notes", {}),
        lines=lines.sort_values(["manager_id", "date"]).reset_index(drop=True),
        norms=norms_of(eng, [plan_id]).drop(columns="plan_id"),
        mix=mix_of(eng, [plan_id]).drop(columns="plan_id"),
    )


def approve(eng: Engine, plan_id: int, author: str) -> int:
    """Approve a saved scenario: its copy becomes the month's next approved version (the plan of
    record). Returns the approved plan's id."""
    plan = load_plan(eng, plan_id)
    if plan.status != "scenario":
        raise PlanError(labels.PLAN_ERRORS["already_approved"].format(plan_id=plan_id, version=plan.version))
    raw = dict(plan_versions(eng, plan_id=plan_id)["inputs"].iloc[0])
    return save_plan(
        eng,
        plan.month,
        plan.department,
        plan.lines,
        author,
        plan.name,
        raw | {"approved_from": plan.id},
        status="approved",
        norms=plan.norms,
        mix=plan.mix,
    )


def approve_result(eng: Engine, result: PlanResult, name: str, author: str) -> int:
    """Save ``result`` as scenario ``name`` and approve it (the same as ``approve`` of that
    scenario); returns the approved plan's id."""
    scenario = save_scenario(eng, result, name, author)
    return _save(eng, result, name.strip(), author, "approved", {"approved_from": scenario})


def approved_plan(eng: Engine, month: str, department: str) -> StoredPlan | None:
    """The plan of record of ``month`` for ``department`` with its norms, or None."""
    record = plan_of_record(eng, month, department)
    return load_plan(eng, int(record["plan_id"].iloc[0])) if len(record) else None


def list_plans(eng: Engine, month: str, department: str) -> pd.DataFrame:
    """Saved plans of the month, newest first: ``id, name, status, version, author,
    created_at, total`` (kopecks)."""
    heads = plan_versions(eng, month, department)
    totals = lines_of(eng, heads["id"].tolist()).groupby("plan_id")["amount"].sum()
    return heads.assign(total=heads["id"].map(totals).fillna(0).astype("int64"))[
        ["id", "name", "status", "version", "author", "created_at", "total"]
    ]


def _flatten(value, prefix: str = "") -> dict[str, object]:
    if isinstance(value, dict):
        out: dict[str, object] = {}
        for key, inner in value.items():
            out |= _flatten(inner, f"{prefix}{key}.")
        return out
    return {prefix.rstrip("."): value}


@dataclass(frozen=True)
class Comparison:
    """Two saved plans side by side.

    ``managers``: manager_id, name, a, b, delta (b − a), delta_pct (percent of a; NaN when a
    is 0); ``inputs``: input (dotted key), a, b — only the inputs that differ.
    """

    a: StoredPlan
    b: StoredPlan
    managers: pd.DataFrame
    inputs: pd.DataFrame

    @property
    def delta_total(self) -> int:
        return self.b.total - self.a.total


def compare(eng: Engine, a_id: int, b_id: int) -> Comparison:
    """Totals, per-manager deltas and changed inputs of plan ``b_id`` against ``a_id``."""
    a, b = load_plan(eng, a_id), load_plan(eng, b_id)
    frame = pd.concat([a.managers.rename("a"), b.managers.rename("b")], axis=1).fillna(0)
    frame = frame.astype("int64").rename_axis("manager_id").reset_index()
    names = read_table(eng, "managers", ["id", "name"]).set_index("id")["name"]
    frame.insert(1, "name", frame["manager_id"].map(names).fillna(frame["manager_id"]))
    frame["delta"] = frame["b"] - frame["a"]
    frame["delta_pct"] = frame["delta"] / frame["a"].where(frame["a"] > 0) * 100
    flat_a = _flatten(a.inputs.model_dump(mode="json")) if a.inputs else {}
    flat_b = _flatten(b.inputs.model_dump(mode="json")) if b.inputs else {}
    changed = [k for k in sorted(set(flat_a) | set(flat_b)) if flat_a.get(k) != flat_b.get(k)]
    inputs = pd.DataFrame(
        {"input": changed, "a": [flat_a.get(k) for k in changed], "b": [flat_b.get(k) for k in changed]}
    )
    return Comparison(a, b, frame, inputs)


def version_history(eng: Engine, month: str, department: str) -> pd.DataFrame:
    """Approved versions of the month, oldest first, each against the one before it:
    ``version, plan_id, author, created_at, total, delta, managers_changed, inputs_changed``
    (the dotted names of the inputs that changed)."""
    heads = plan_versions(eng, month, department)
    heads = heads[heads["status"] == "approved"].sort_values("version")
    rows = []
    previous = None
    for head in heads.itertuples(index=False):
        plan_id = int(head.id)
        if previous is None:
            total = load_plan(eng, plan_id).total
            row = {"delta": 0, "managers_changed": 0, "inputs_changed": ""}
        else:
            diff = compare(eng, previous, plan_id)
            total = diff.b.total
            row = {
                "delta": diff.delta_total,
                "managers_changed": int((diff.managers["delta"] != 0).sum()),
                "inputs_changed": ", ".join(diff.inputs["input"]),
            }
        rows.append(
            {"version": int(head.version), "plan_id": plan_id, "author": head.author,
             "created_at": head.created_at, "total": total, **row}
        )
        previous = plan_id
    columns = ["version", "plan_id", "author", "created_at", "total", "delta", "managers_changed",
               "inputs_changed"]
    return pd.DataFrame(rows, columns=columns)
