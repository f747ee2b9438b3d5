"""Proposing a plan on the store's history: the entry point of the CLI, the notebook and the app.

``Planner`` reads the history once and keeps one context per month and department, so that
trying methods, factors and keys costs only ``model.recompute``. The four methods (history,
trend, funnel, bottom-up) are computed together: ``PlanResult.proposals`` shows them side by
side for the same month. Managers' own commitments (bottom-up) can be read from a CSV or XLSX
file with a manager column (id or name) and an amount column (roubles).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from sqlalchemy import Engine

from salesplan import labels
from salesplan.calendar import ProductionCalendar, default_calendar
from salesplan.config import company
from salesplan.errors import PlanError, check_department
from salesplan.periods import Month
from salesplan.plan.history import History, load_history
from salesplan.plan.model import (
    PlanContext,
    PlanInputs,
    PlanResult,
    build_context,
    proposing_method,
    recompute,
)
from salesplan.plan.params import PlanParams, plan_params

E = labels.PLAN_ERRORS


class Planner:
    """History of the store + parameters, with a cache of contexts by (month, department)."""

    def __init__(
        self,
        history: History,
        params: PlanParams | None = None,
        calendar: ProductionCalendar | None = None,
    ) -> None:
        self.history = history
        self.params = params or plan_params()
        self.calendar = calendar or default_calendar()
        self._contexts: dict[tuple[str, str], PlanContext] = {}
        self._histories: dict[str, History] = {}
        self.departments = history.departments()

    @classmethod
    def from_store(cls, eng: Engine, params: PlanParams | None = None) -> Planner:
        return cls(load_history(eng), params)

    def department(self, department: str | None = None) -> str:
        """The department asked for; else the company's default one when it has managers; else
        the only department. Several and none asked: ``PlanError`` listing them."""
        known = self.departments
        if department:
            check_department(department, known, PlanError)
            return department
        default = company().default_department
        if default in known:
            return default
        if len(known) == 1:
            return known[0]
        raise PlanError(E["several_departments"].format(known=", ".join(known)))

    def next_month(self) -> str:
        """The month after the last month with revenue (the month to plan)."""
        last = self.history.last_ym
        if last is None:
            raise PlanError(E["no_history"])
        return str(Month.from_ordinal(last) + 1)

    def context(self, month: str, department: str) -> PlanContext:
        key = (str(Month.parse(month)), department)
        if key not in self._contexts:
            if department not in self._histories:
                self._histories[department] = self.history.for_department(department)
            self._contexts[key] = build_context(
                self._histories[department], key[0], department, self.params, self.calendar
            )
        return self._contexts[key]

    def inputs(self, month: str | None = None, department: str | None = None, **changes) -> PlanInputs:
        """Inputs with the defaults of ``params/plan.yaml`` and ``changes`` on top. Without a
        ``method`` in ``changes``, the default method when it can propose for the month, else
        the first method that can (``model.proposing_method``)."""
        inputs = PlanInputs.from_params(
            self.params, month or self.next_month(), self.department(department), **changes
        )
        if "method" in changes:
            return inputs
        method = proposing_method(self.context(inputs.month, inputs.department), inputs)
        return inputs.model_copy(update={"method": method})

    def propose(self, inputs: PlanInputs) -> PlanResult:
        return recompute(self.context(inputs.month, inputs.department), inputs)


def read_commitments(path: Path, managers: pd.DataFrame) -> dict[str, float]:
    """Managers' commitments (roubles) from a CSV or XLSX file.

    Columns: ``manager`` (or ``менеджер``): a manager's id or name; ``amount`` (or ``сумма``):
    roubles (a decimal comma and spaces between thousands are accepted). A row naming an
    unknown manager or holding no number is an error naming the file, row and column.
    """
    path = Path(path)
    try:
        frame = (
            pd.read_excel(path, dtype=str)
            if path.suffix.lower() in (".xlsx", ".xlsm")
            else pd.read_csv(path, dtype=str, sep=None, engine="python", encoding="utf-8-sig")
        )
    except (OSError, ValueError) as exc:
        raise PlanError(E["commitments_unreadable"].format(file=path, detail=exc)) from exc
    columns = {c.strip().lower(): c for c in frame.columns}
    who = columns.get("manager") or columns.get("менеджер")
    how_much = columns.get("amount") or columns.get("сумма")
    if not who or not how_much:
        raise PlanError(E["commitments_columns"].format(file=path, found=", ".join(frame.columns)))
    by_name = dict(zip(managers["name"], managers["id"], strict=False))
    ids = set(managers["id"])
    out: dict[str, float] = {}
    for row, (name, raw) in enumerate(zip(frame[who], frame[how_much], strict=False), start=2):
        manager = name if name in ids else by_name.get(str(name).strip())
        if manager is None:
            raise PlanError(E["commitments_manager"].format(file=path, row=row, column=who, value=name))
        text = str(raw).replace("\xa0", "").replace(" ", "").replace(",", ".").rstrip("₽")
        try:
            out[manager] = float(text)
        except ValueError as exc:
            raise PlanError(E["commitments_amount"].format(
                file=path, row=row, column=how_much, value=raw)) from exc
    return out
