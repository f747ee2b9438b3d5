"""Approved payrolls: a closed month's pay, once approved, is locked.

``approve`` records who approved a month's payroll (``salesplan.users``) and when
(``salesplan.clock``), with every manager's statement as approved — its facts and its lines —
in ``pay_approvals`` and ``pay_statements`` (rows the database refuses to change), and an
entry of the audit trail. From then on the month's statements are the approved ones.

A later change of a locked month's data does not change its statement: the difference is a
correction line («корректировка за …») in the next open month's statement — for each manager,
the month recomputed from the store now − its approved statement (its own lines) − the
corrections of it already approved in later months. A manager who has left since gets a
statement of those corrections alone in the payroll of that open month.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from decimal import Decimal

import pandas as pd
from sqlalchemy import Engine, insert, select

from salesplan import audit, clock, store, users
from salesplan.control.report import Control
from salesplan.errors import SalesplanError
from salesplan.labels import PAY_ERRORS, PAY_NOTES
from salesplan.money import fmt_rub
from salesplan.motivation.credits import Clawback, CreditedMonth
from salesplan.motivation.inputs import month_facts
from salesplan.motivation.pay import ManagerMonth, PayLine, Payslip, department_payslips
from salesplan.motivation.schemes import Scheme, SchemeBook
from salesplan.periods import Month
from salesplan.schema import pay_approvals, pay_statements

ALL = ""  # department_id of an approval of every department


def approvals(eng: Engine) -> pd.DataFrame:
    """Every approval: id, month, department_id, approved_by, approved_at."""
    return store.read_table(eng, "pay_approvals")


def locked(table: pd.DataFrame, month: str, department_id: str) -> bool:
    """Whether ``month`` is approved for ``department_id`` (or for every department)."""
    of_month = table[table["month"] == month]
    return bool(of_month["department_id"].isin([department_id, ALL]).any())


def _line_record(line: PayLine) -> dict:
    record = asdict(line)
    for key in ("fulfilment", "coefficient"):
        record[key] = None if record[key] is None else str(record[key])
    return record


def _line(record: dict) -> PayLine:
    decimals = {k: None if record[k] is None else Decimal(record[k]) for k in ("fulfilment", "coefficient")}
    return PayLine(**(record | decimals))


def _facts_record(facts: ManagerMonth) -> dict:
    return asdict(facts) | {"vat_rate": str(facts.vat_rate)}


def _facts(record: dict) -> ManagerMonth:
    credits = record.get("credits")
    if credits is not None:
        credits = CreditedMonth(credits["turnover"], credits["margin"],
                                tuple(Clawback(**c) for c in credits["clawbacks"]))
    return ManagerMonth(**(record | {"credits": credits, "vat_rate": Decimal(record.get("vat_rate", 0))}))


def _scheme(book: SchemeBook, source: str, facts: ManagerMonth) -> Scheme:
    named = [s for s in book.schemes if s.source == source]
    scheme = named[0] if named else book.scheme_for(facts.role, facts.month)
    if scheme is None:
        raise SalesplanError(PAY_ERRORS["approved_scheme"].format(file=source, name=facts.name))
    return scheme


def statements(eng: Engine, months: Sequence[str] | None = None) -> pd.DataFrame:
    """The approved statements (of ``months``, else all): month, manager_id, department_id,
    scheme, total, facts, lines."""
    s, a = pay_statements, pay_approvals
    query = select(a.c.month, s.c.manager_id, s.c.department_id, s.c.scheme, s.c.total, s.c.facts,
                   s.c.lines).join(a, a.c.id == s.c.approval_id)
    if months is not None:
        query = query.where(a.c.month.in_(list(months)))
    with eng.connect() as conn:
        rows = conn.execute(query).mappings().all()
    return pd.DataFrame([dict(r) for r in rows],
                        columns=["month", "manager_id", "department_id", "scheme", "total", "facts", "lines"])


def approved_payslips(eng: Engine, book: SchemeBook, month: str, department: str = "") -> list[Payslip]:
    """The month's statements as approved (of ``department``'s managers, or all), by name."""
    table = statements(eng, [month])
    if department:
        table = table[table["department_id"] == department]
    slips = []
    for row in table.itertuples(index=False):
        facts = _facts(row.facts)
        slips.append(Payslip(facts, _scheme(book, row.scheme, facts), tuple(_line(r) for r in row.lines)))
    return sorted(slips, key=lambda s: s.facts.name)


def _own_total(lines: list[dict]) -> int:
    return sum(r["amount"] for r in lines if not r.get("corrects"))


def corrections(eng: Engine, book: SchemeBook, month: str, facts: Sequence[ManagerMonth],
                control: Control) -> dict[str, list[PayLine]]:
    """Manager id → the correction lines of ``month`` for the locked months right before it
    (those since the last open month of the manager's department); ``control`` holds the
    data of the managers of ``facts``."""
    table = approvals(eng)
    runs: dict[str, list[str]] = {}
    for department_id in {f.department_id for f in facts}:
        earlier, run = Month.parse(month).previous(), []
        while locked(table, str(earlier), department_id):
            run.append(str(earlier))
            earlier = earlier.previous()
        runs[department_id] = run
    corrected = sorted({m for run in runs.values() for m in run})
    if not corrected:
        return {}
    approved = statements(eng)
    out: dict[str, list[PayLine]] = {}
    wanted = {f.manager_id: f.department_id for f in facts} | leavers(approved, corrected, runs, facts)
    for locked_month in corrected:
        recomputed = department_payslips(book, month_facts(eng, locked_month, control.frames.department,
                                                           control))
        own = approved[approved["month"] == locked_month]
        own_total = dict(zip(own["manager_id"], (_own_total(x) for x in own["lines"]), strict=True))
        carried: dict[str, int] = {}
        for manager_id, lines in zip(approved["manager_id"], approved["lines"], strict=True):
            carried[manager_id] = carried.get(manager_id, 0) + sum(
                r["amount"] for r in lines if r.get("corrects") == locked_month)
        for slip in recomputed:
            manager_id = slip.facts.manager_id
            if manager_id not in wanted or locked_month not in runs[wanted[manager_id]]:
                continue
            before = own_total.get(manager_id, 0) + carried.get(manager_id, 0)
            if slip.total != before:
                out.setdefault(manager_id, []).append(PayLine(
                    "correction", PAY_NOTES["correction"].format(month=Month.parse(locked_month).label),
                    None, None, None, slip.total - before,
                    PAY_NOTES["correction_note"].format(recomputed=fmt_rub(slip.total, kopecks_shown=True),
                                                        approved=fmt_rub(before, kopecks_shown=True)),
                    locked_month,
                ))
    return out


def leavers(approved: pd.DataFrame, months: Sequence[str], runs: dict[str, list[str]],
            facts: Sequence[ManagerMonth]) -> dict[str, str]:
    """Manager id → department of the managers with an approved statement in ``months`` (of a
    department in ``runs``) who are not in ``facts``: they have left, and are still owed (or
    owe) what changes in those months."""
    present = {f.manager_id for f in facts}
    of = approved[approved["month"].isin(months) & approved["department_id"].isin(list(runs))]
    return {m: d for m, d in zip(of["manager_id"], of["department_id"], strict=True) if m not in present}


def leaver_payslip(approved: pd.DataFrame, book: SchemeBook, month: str, manager_id: str,
                   lines: Sequence[PayLine]) -> Payslip:
    """A statement of ``month`` holding only ``lines`` (corrections) for a manager who has left:
    the name, role, department and scheme of their last statement in ``approved``
    (``statements``), no facts."""
    last = approved[approved["manager_id"] == manager_id].sort_values("month").iloc[-1]
    before = _facts(last["facts"])
    facts = ManagerMonth(manager_id, before.name, before.role, before.department_id, month,
                         Month.parse(month).working_days(), 0, None, 0, 0)
    return Payslip(facts, _scheme(book, last["scheme"], before), tuple(lines))


def computed_payslips(eng: Engine, book: SchemeBook, month: str, facts: Sequence[ManagerMonth],
                      control: Control) -> list[Payslip]:
    """The statements of ``facts`` (``department_payslips``), each with the corrections of the
    locked months right before ``month``, and a statement of corrections alone for each
    manager who has left since (``leavers``); ``control`` holds the data of their managers."""
    computed = department_payslips(book, facts)
    extra = corrections(eng, book, month, [s.facts for s in computed], control)
    slips = [Payslip(s.facts, s.scheme, s.lines + tuple(extra.pop(s.facts.manager_id, ())))
             for s in computed]
    if not extra:
        return slips
    approved = statements(eng)
    return slips + [leaver_payslip(approved, book, month, m, lines) for m, lines in extra.items()]


def month_payslips(eng: Engine, book: SchemeBook, month: str, department: str = "",
                   facts: Sequence[ManagerMonth] | None = None,
                   control: Control | None = None) -> list[Payslip]:
    """The month's statements: the approved ones as approved; the others computed from
    ``facts`` (the store's when None) with the corrections of the locked months before."""
    control = control or Control.load(eng, department)
    facts = list(month_facts(eng, month, department, control) if facts is None else facts)
    approved = {s.facts.manager_id: s for s in approved_payslips(eng, book, month, department)}
    if {f.manager_id for f in facts} <= set(approved):  # locked: nothing to compute
        return [approved[f.manager_id] for f in facts]
    return [approved.get(s.facts.manager_id, s)
            for s in computed_payslips(eng, book, month, facts, control)]


@dataclass(frozen=True)
class Approval:
    """An approved payroll: its id, who approved it, when, and the statements approved."""

    id: int
    month: str
    department_id: str
    approved_by: str
    approved_at: datetime
    slips: list[Payslip]


def approve(eng: Engine, book: SchemeBook, month: str, department: str = "") -> Approval:
    """Lock a closed month's payroll (of ``department``, or every department): store every
    statement as computed now, with the approver and the time, and an audit entry."""
    period = Month.parse(month)
    month = str(period)
    if period.end >= clock.today():
        raise SalesplanError(PAY_ERRORS["approve_open"].format(month=period.label))
    table = approvals(eng)
    of_month = table[table["month"] == month]["department_id"]
    if len(of_month) and (department == ALL or of_month.isin([department, ALL]).any()):
        raise SalesplanError(PAY_ERRORS["approved_already"].format(month=period.label))
    slips = month_payslips(eng, book, month, department)
    login, now = users.login(), clock.now()
    with store.transaction(eng) as conn:
        approval_id = int(conn.execute(insert(pay_approvals).values(
            month=month, department_id=department, approved_by=login, approved_at=now,
        )).inserted_primary_key[0])
        if slips:
            conn.execute(insert(pay_statements), [
                {"approval_id": approval_id, "manager_id": s.facts.manager_id,
                 "department_id": s.facts.department_id, "scheme": s.scheme.source, "total": s.total,
                 "facts": _facts_record(s.facts), "lines": [_line_record(line) for line in s.lines]}
                for s in slips
            ])
        audit.record(conn, audit.PAY_APPROVED, f"{month} {department}".strip(), {
            "month": month, "department": department, "statements": len(slips),
            "total": sum(s.total for s in slips) / 100,
        })
    return Approval(approval_id, month, department, login, now, slips)
