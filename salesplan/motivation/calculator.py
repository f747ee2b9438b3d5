"""The pay calculator: a manager's statement for the facts given instead of the store's.

``with_facts``: a manager's facts of a month with what is given replaced. A new fact scales the
month's money figures in proportion — turnover, margin and its base, the payments credited —
so the margin rate stays (with no fact in the store, the margin follows the department's
rate); a KPI (``METRIC=VALUE``, ``KPIS``) replaces its figure. ``statement`` computes it with
the department's other managers as they are (the team bonus depends on them) and the
corrections of the locked months before, as the month's statements are computed.

``trial``: a scheme on made-up numbers, without a store — one manager employed for the whole
month, with the salary and the plan given.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from decimal import InvalidOperation
from fractions import Fraction

from sqlalchemy import select

from salesplan import store
from salesplan.calendar import ProductionCalendar, default_calendar
from salesplan.config import company
from salesplan.control.report import Control
from salesplan.errors import SalesplanError
from salesplan.labels import ERRORS, PAY_CALC, PAY_ERRORS
from salesplan.money import to_kopecks
from salesplan.motivation.credits import CreditedMonth
from salesplan.motivation.inputs import month_facts
from salesplan.motivation.lock import computed_payslips
from salesplan.motivation.pay import ManagerMonth, Payslip, payslip, round_kopecks
from salesplan.motivation.schemes import Scheme, SchemeBook
from salesplan.motivation.whatif import margin_rate
from salesplan.periods import Month

MONEY_KPIS = ("margin", "overdue", "penalty")  # in roubles
KPIS = ("deals", "new_clients", "calls", "call_score", *MONEY_KPIS)


def _number(text: str) -> str:
    return text.strip().replace(" ", "").replace("\xa0", "").replace(",", ".")


def parse_money(text: str, item: str) -> int:
    """Roubles written as people write them (``120 000,50``) → kopecks; ``item`` names the
    option in the message when it is not a sum."""
    try:
        return to_kopecks(_number(text))
    except (InvalidOperation, ValueError):
        raise SalesplanError(PAY_ERRORS["calc_value"].format(item=item)) from None


def parse_kpis(items: Sequence[str]) -> dict[str, int | float]:
    """``["calls=450", "margin=120000,50"]`` → ``{"calls": 450, "margin": 12000050}`` (money in
    kopecks, the call score a number, the other counts whole)."""
    out: dict[str, int | float] = {}
    for item in items:
        key, _, text = item.partition("=")
        key = key.strip()
        if key not in KPIS:
            raise SalesplanError(PAY_ERRORS["calc_kpi"].format(item=item, known=", ".join(KPIS)))
        if key in MONEY_KPIS:
            out[key] = parse_money(text, item)
            continue
        try:
            out[key] = float(_number(text)) if key == "call_score" else int(_number(text))
        except ValueError:
            raise SalesplanError(PAY_ERRORS["calc_value"].format(item=item)) from None
    return out


def with_facts(facts: ManagerMonth, fact: int | None, kpis: Mapping[str, int | float],
               fallback_rate: Fraction = Fraction(0)) -> ManagerMonth:
    """``facts`` with the fact ``fact`` (kopecks; None: as it is) and the ``kpis`` given (see
    the module's rule); ``fallback_rate`` is the margin rate when the manager has none."""
    out = facts
    if fact is not None and fact != facts.turnover:
        credits = facts.credits or CreditedMonth()
        if facts.turnover > 0:
            ratio = Fraction(fact, facts.turnover)
            out = replace(facts, turnover=fact, margin=round_kopecks(facts.margin * ratio),
                          margin_base=round_kopecks(facts.margin_base * ratio),
                          credits=credits.scaled(ratio))
        else:
            margin = round_kopecks(fact * fallback_rate)
            out = replace(facts, turnover=fact, margin=margin, margin_base=fact,
                          credits=CreditedMonth(fact, margin, credits.clawbacks))
    return replace(out, **kpis)


def _department(eng, manager_id: str) -> str:
    managers = store.managers
    with eng.connect() as conn:
        found = conn.execute(select(managers.c.department_id).where(managers.c.id == manager_id)).first()
    if found is None:
        raise SalesplanError(ERRORS["unknown_manager"].format(manager=manager_id))
    return found[0]


def store_facts(eng, manager_id: str, month: str,
                control: Control | None = None) -> tuple[list[ManagerMonth], Control]:
    """The facts of ``month`` of every manager of ``manager_id``'s department, and its data."""
    control = control or Control.load(eng, _department(eng, manager_id))
    facts = month_facts(eng, month, control.frames.department, control)
    if manager_id not in {f.manager_id for f in facts}:
        raise SalesplanError(PAY_ERRORS["calc_inactive"].format(
            manager=manager_id, month=Month.parse(month).label))
    return facts, control


def statement(eng, book: SchemeBook, manager_id: str, month: str, fact: int | None = None,
              kpis: Mapping[str, int | float] | None = None, control: Control | None = None,
              facts: Sequence[ManagerMonth] | None = None) -> Payslip:
    """``manager_id``'s statement of ``month`` for the facts given (the store's for the rest);
    ``control`` and ``facts``: the department's data and store facts when already read."""
    month = str(Month.parse(month))
    if facts is None or control is None:
        facts, control = store_facts(eng, manager_id, month, control)
    rate = margin_rate(facts)
    given = [with_facts(f, fact, kpis or {}, rate) if f.manager_id == manager_id else f for f in facts]
    slips = computed_payslips(eng, book, month, given, control)
    found = [s for s in slips if s.facts.manager_id == manager_id]
    if not found:
        role = next(f.role for f in facts if f.manager_id == manager_id)
        raise SalesplanError(PAY_ERRORS["calc_no_scheme"].format(manager=manager_id, role=role))
    return found[0]


def trial(scheme: Scheme, month: str, salary: int, plan: int, fact: int = 0,
          kpis: Mapping[str, int | float] | None = None,
          calendar: ProductionCalendar | None = None) -> Payslip:
    """``scheme`` on made-up numbers: salary ``salary``, plan ``plan`` and fact ``fact``
    (kopecks) of a manager employed for all of ``month``; the margin is a KPI (0 by default)."""
    period = Month.parse(month)
    working = period.working_days(calendar or default_calendar())
    kpis = dict(kpis or {})
    margin = int(kpis.pop("margin", 0))
    facts = ManagerMonth(
        manager_id="", name=PAY_CALC["trial"], role=scheme.roles[0], department_id="",
        month=str(period), working_days=working, days_employed=working, plan=plan,
        turnover=fact, margin=margin, margin_base=fact, department_plan=plan,
        department_turnover=fact, credits=CreditedMonth(fact, margin), salary=salary,
        vat_rate=company().vat_rate(str(period)), **kpis,
    )
    return payslip(scheme.model_copy(update={"fixed": salary}), facts)


def _rub(kopecks: int | None) -> float | None:
    return None if kopecks is None else kopecks / 100


def as_json(slip: Payslip) -> dict:
    """The statement as data: the manager, the month, the scheme, every line and the totals
    (money in roubles)."""
    return {
        "manager_id": slip.facts.manager_id,
        "name": slip.facts.name,
        "month": slip.facts.month,
        "scheme": slip.scheme.name,
        "lines": [
            {"part": line.part, "label": line.label, "base": _rub(line.base),
             "fulfilment": None if line.fulfilment is None else float(line.fulfilment),
             "coefficient": None if line.coefficient is None else float(line.coefficient),
             "amount": _rub(line.amount), "note": line.note, "corrects": line.corrects}
            for line in slip.lines
        ],
        "accrued": _rub(slip.accrued),
        "deducted": _rub(slip.deducted),
        "total": _rub(slip.total),
    }
