"""«Калькулятор мотивации»: the pay calculator as a page (``notebooks/pay_calculator.ipynb``).

Pick the manager and the month; the fact and the KPI values start as the store's, and the
statement, line by line, follows every change (``motivation.calculator.statement``). A value
left as the store's stays the store's. On the team server only a role that sees the notebook
(``params/team.yaml``: the head) may open it; any other login gets «нет доступа».
"""

from __future__ import annotations

import html

import pandas as pd
from sqlalchemy import Engine

from salesplan import clock, store
from salesplan.control.report import Control
from salesplan.errors import SalesplanError
from salesplan.labels import PAY_CALC, PAY_COLUMNS, PAY_TOTALS
from salesplan.money import fmt_rub, to_kopecks
from salesplan.motivation.calculator import KPIS, MONEY_KPIS, statement
from salesplan.motivation.inputs import active_managers, month_facts
from salesplan.motivation.pay import ManagerMonth
from salesplan.motivation.schemes import SchemeBook, load_schemes
from salesplan.motivation.statements import scheme_in_force, statement_rows
from salesplan.periods import Month
from salesplan.team import NoAccess, may_open

NOTEBOOK = "pay_calculator.ipynb"
MONTHS_SHOWN = 12  # the month list: this month and the eleven before it


def statement_html(slip) -> str:
    """The statement as an HTML fragment: heading, every line, accrued, deducted, to pay."""
    f = slip.facts
    rows = pd.DataFrame(statement_rows(slip), columns=list(PAY_COLUMNS)).rename(columns=PAY_COLUMNS)
    totals = "".join(
        f"<p class='pay-calc-{key}'><b>{PAY_TOTALS[key]}:</b> "
        f"<span class='pay-calc-{key}-value'>{fmt_rub(amount, kopecks_shown=True)}</span></p>"
        for key, amount in (("accrued", slip.accrued), ("deducted", slip.deducted), ("total", slip.total))
    )
    heading = PAY_CALC["heading"].format(name=f.name, month=Month.parse(f.month).label,
                                         scheme=scheme_in_force(slip.scheme))
    return f"<h3>{html.escape(heading)}</h3>{rows.to_html(index=False, escape=True)}{totals}"


class PayCalculator:
    """The page's widgets over one store: ``month``, ``manager``, ``fact`` and a control per
    KPI (money in roubles), and ``shown``, the statement."""

    def __init__(self, eng: Engine, book: SchemeBook, month: str = "", manager: str = "") -> None:
        import ipywidgets as w

        self.eng, self.book = eng, book
        current = Month.parse(month) if month else Month.of(clock.today())
        months = [current - i for i in range(MONTHS_SHOWN)]
        self.month = w.Dropdown(options=[(m.label, str(m)) for m in months], value=str(current),
                                description=PAY_CALC["month"])
        self.manager = w.Dropdown(description=PAY_CALC["manager"])
        self.fact = w.FloatText(description=PAY_CALC["fact"]).add_class("pay-calc-fact")
        self.kpis = {key: (w.FloatText if key in MONEY_KPIS or key == "call_score" else w.IntText)(
            description=PAY_CALC["kpis"][key]).add_class(f"pay-calc-{key}") for key in KPIS}
        self.shown = w.HTML().add_class("pay-calc-statement")
        self._data: Control | None = None
        self._facts: list[ManagerMonth] = []
        self._filling = False
        self._managers(manager)
        self.month.observe(lambda _: self._managers(self.manager.value), "value")
        self.manager.observe(lambda _: self._fill(), "value")
        for control in (self.fact, *self.kpis.values()):
            control.observe(lambda _: self._update(), "value")
        self._fill()

    @classmethod
    def from_parameters(cls, db_url: str = "", month: str = "",
                        manager: str = "") -> PayCalculator | NoAccess:
        """The page from a notebook's parameters ("" for the defaults); «нет доступа» for a
        login of the team server whose role does not see the calculator."""
        if not may_open(NOTEBOOK):
            return NoAccess()
        return cls(store.engine(db_url or None), load_schemes(), month, manager)

    @property
    def widget(self):
        import ipywidgets as w

        return w.VBox([w.HBox([self.month, self.manager]), self.fact,
                       w.HBox(list(self.kpis.values())[:4]), w.HBox(list(self.kpis.values())[4:]),
                       self.shown])

    def view(self):
        return self.widget

    # --- state -------------------------------------------------------------------------------

    def _control(self) -> Control:
        """The store's data, read once."""
        if self._data is None:
            self._data = Control.load(self.eng)
        return self._data

    def _managers(self, keep: str) -> None:
        start, end = Month.parse(self.month.value).bounds
        staff = active_managers(self._control().frames.managers, start, end)
        options = [(name, mid) for name, mid in zip(staff["name"], staff["id"], strict=True)]
        self._filling = True
        self.manager.options = options
        ids = [mid for _, mid in options]
        self.manager.value = keep if keep in ids else (ids[0] if ids else None)
        self._filling = False
        self._fill()

    def _store(self) -> ManagerMonth | None:
        return next((f for f in self._facts if f.manager_id == self.manager.value), None)

    def _fill(self) -> None:
        """The store's facts of the manager's month into the controls, then the statement."""
        if self._filling:
            return
        self._facts = month_facts(self.eng, self.month.value, "", self._control())
        own = self._store()
        self._filling = True
        self.fact.value = 0 if own is None else own.turnover / 100
        for key, control in self.kpis.items():
            value = None if own is None else getattr(own, key)
            control.value = 0 if value is None else (value / 100 if key in MONEY_KPIS else value)
        self._filling = False
        self._update()

    def given(self) -> tuple[int | None, dict]:
        """The fact (kopecks) and the KPIs the controls hold where they differ from the store's."""
        own = self._store()
        fact = to_kopecks(str(self.fact.value))
        kpis = {}
        for key, control in self.kpis.items():
            value = to_kopecks(str(control.value)) if key in MONEY_KPIS else control.value
            stored = getattr(own, key)
            if value != (0 if stored is None else stored):
                kpis[key] = value
        return (None if fact == own.turnover else fact), kpis

    def _update(self) -> None:
        if self._filling:
            return
        if self._store() is None:
            self.shown.value = ""
            return
        fact, kpis = self.given()
        try:
            slip = statement(self.eng, self.book, self.manager.value, self.month.value, fact, kpis,
                             self._control(), self._facts)
        except SalesplanError as exc:  # e.g. no scheme for the manager's role
            self.shown.value = f"<p class='pay-calc-error'>{html.escape(str(exc))}</p>"
            return
        self.shown.value = statement_html(slip)
