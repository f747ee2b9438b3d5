"""A month's pay, line by line, in exact kopecks — so that every manager can follow it by hand.

Every line carries its base, the fulfilment it depends on, the coefficient or rate applied
and the amount (``amount = round(base × coefficient)``, half up to the kopeck). Fulfilment
is ``fact / target × 100`` rounded half up to 0.1 %; the total is the sum of the lines.

Order of a payslip: fixed salary (pro rata to the working days employed), the KPI matrix,
commissions, the team bonus, then deductions (overdue receivables, at most the variable
pay; a disciplinary cut, at most ``disciplinary_cap`` % of the pay left). A failed gate
keeps its lines with amount 0 and says why.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from salesplan.labels import PAY_NOTES, PAY_PARTS, count
from salesplan.money import fmt_number, fmt_percent, fmt_rub
from salesplan.motivation.schemes import (
    PLAN_METRICS,
    Attainment,
    Band,
    Commission,
    KpiItem,
    SalaryBonus,
    Scheme,
    SchemeBook,
    TeamBonus,
)
from salesplan.periods import Month
from salesplan.plan.decompose import largest_remainder

if TYPE_CHECKING:
    from salesplan.motivation.credits import CreditedMonth

TENTH = Decimal("0.1")
SHARE_DIGITS = Decimal("0.0001")


@dataclass(frozen=True)
class ManagerMonth:
    """One manager's facts for a month (money in kopecks).

    ``salary`` is the manager's own salary in force in the month (None: none recorded), paid
    by a scheme whose ``fixed`` is ``salary``. ``norms``: activity measure (calls, meetings,
    proposals) → the manager's norm for the month as a count, as the monthly report computes it,
    from ``norm_source`` (``plan``: the approved plan of the month; ``params``: the role's
    default). ``turnover`` is the month's fact (the plan's measure); ``margin`` the margin of
    the deals won in the month that have one and ``margin_base`` their amount (margin rate = margin /
    margin_base), ``vat_rate`` the VAT % those amounts include (``config.Company.vat_rate``);
    ``overdue`` the overdue receivables at the month's end; ``penalty`` the
    disciplinary cut asked for. ``department_plan`` and ``department_turnover`` are the sums
    over the department's managers (``with_department_totals``). ``credits``: the payments
    credited in the month, for a scheme paying commission on payments (``motivation.credits``).
    """

    manager_id: str
    name: str
    role: str
    department_id: str
    month: str
    working_days: int
    days_employed: int
    plan: int | None
    turnover: int
    margin: int
    margin_base: int = 0
    vat_rate: Decimal = Decimal(0)
    deals: int = 0
    new_clients: int = 0
    calls: int = 0
    call_score: float | None = None
    overdue: int = 0
    penalty: int = 0
    department_plan: int | None = None
    department_turnover: int = 0
    salary: int | None = None
    meetings: int = 0
    proposals: int = 0
    norms: Mapping[str, float] = field(default_factory=dict)
    norm_source: str = ""
    credits: CreditedMonth | None = None


def with_department_totals(facts: Iterable[ManagerMonth]) -> list[ManagerMonth]:
    """``facts`` with each department's plan (None when no one has one) and turnover: the sums
    over its managers in ``facts``."""
    facts = list(facts)
    plans: dict[str, int | None] = {}
    turnovers: dict[str, int] = {}
    for f in facts:
        turnovers[f.department_id] = turnovers.get(f.department_id, 0) + f.turnover
        if f.plan is not None:
            plans[f.department_id] = (plans.get(f.department_id) or 0) + f.plan
    return [replace(f, department_plan=plans.get(f.department_id),
                    department_turnover=turnovers[f.department_id]) for f in facts]


@dataclass(frozen=True)
class PayLine:
    """One line of a payslip: ``amount = round(base × coefficient)`` (kopecks; negative: deduction)."""

    part: str  # fixed | kpi | commission | team_bonus | deduction
    label: str
    base: int | None
    fulfilment: Decimal | None
    coefficient: Decimal | None
    amount: int
    note: str = ""
    corrects: str = ""  # a correction line: the locked month (YYYY-MM) it corrects


@dataclass(frozen=True)
class Payslip:
    facts: ManagerMonth
    scheme: Scheme
    lines: tuple[PayLine, ...] = field(default_factory=tuple)

    @property
    def accrued(self) -> int:
        return sum(line.amount for line in self.lines if line.part != "deduction")

    @property
    def deducted(self) -> int:
        return -sum(line.amount for line in self.lines if line.part == "deduction")

    @property
    def total(self) -> int:
        return sum(line.amount for line in self.lines)

    def part(self, name: str) -> int:
        return sum(line.amount for line in self.lines if line.part == name)


def round_kopecks(value: Decimal | Fraction | int) -> int:
    """Half up to the whole kopeck (half away from zero for negatives)."""
    value = Fraction(value)
    sign = -1 if value < 0 else 1
    whole, rest = divmod(abs(value), 1)
    return sign * int(whole + (1 if rest >= Fraction(1, 2) else 0))


def fulfilment(fact: int | Fraction | Decimal, target: int | Fraction | Decimal | None) -> Decimal | None:
    """``fact / target × 100`` rounded half up to 0.1 %; None when there is no positive target."""
    if target is None or target <= 0:
        return None
    exact = Fraction(fact) / Fraction(target) * 100
    return (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(TENTH, ROUND_HALF_UP)


def metric_fulfilment(
    metric: str, facts: ManagerMonth, item: KpiItem | Attainment | None = None
) -> Decimal | None:
    """Fulfilment of ``metric`` for ``facts``: the plan against the plan of record, the others
    against ``item.target`` (× the working days employed when ``per_working_day``; ``norm``:
    the manager's norm of the month, ``facts.norms``); the margin rate is margin / margin base × 100."""
    if metric == "plan":
        return fulfilment(facts.turnover, facts.plan)
    if metric == "department_plan":
        return fulfilment(facts.department_turnover, facts.department_plan)
    assert item is not None and item.target is not None
    if item.target == "norm":
        norm = facts.norms.get(metric)
        return None if norm is None else fulfilment(getattr(facts, metric), Fraction(norm))
    target = Fraction(item.target)
    if item.per_working_day:
        target *= facts.days_employed
    if metric == "margin_rate":
        if facts.margin_base <= 0:
            return None
        return fulfilment(Fraction(facts.margin * 100, facts.margin_base), target)
    if metric == "call_score":
        return None if facts.call_score is None else fulfilment(Fraction(facts.call_score), target)
    return fulfilment(getattr(facts, metric), target)


def kpi_coefficient(item: KpiItem, fulfilled: Decimal | None) -> Decimal:
    """Fulfilment (percent) → coefficient, by the item's floor, bands, accelerators and cap.

    Linear: ``f / 100`` up to 100 %; above it, slope 1 up to the first accelerator, then each
    accelerator's ``rate`` per point. Stepped: the highest step reached. 0 below the floor.
    """
    if fulfilled is None or fulfilled < item.floor:
        return Decimal(0)
    if item.mode == "stepped":
        reached = [s.coef for s in item.steps if s.start <= fulfilled]
        coef = reached[-1] if reached else Decimal(0)
    elif fulfilled <= 100:
        coef = fulfilled / 100
    else:
        starts = [Decimal(100), *(a.start for a in item.accelerators)]
        rates = [Decimal(1), *(a.rate for a in item.accelerators)]
        ends = [*starts[1:], fulfilled]
        coef = Decimal(1) + sum(
            (rate * (min(fulfilled, end) - start) / 100
             for start, end, rate in zip(starts, ends, rates, strict=True) if fulfilled > start),
            Decimal(0),
        )
    return min(coef, item.cap) if item.cap is not None else coef


def salary(scheme: Scheme, facts: ManagerMonth) -> int | None:
    """The month's full salary: the scheme's fixed amount, or the manager's own salary when the
    scheme says ``fixed: salary`` (None: no salary recorded for the manager)."""
    return facts.salary if scheme.fixed == "salary" else scheme.fixed


def _no_salary(facts: ManagerMonth) -> str:
    return PAY_NOTES["no_salary"].format(name=facts.name, month=Month.parse(facts.month).label)


def fixed_line(scheme: Scheme, facts: ManagerMonth) -> PayLine:
    """The fixed salary pro rata to the working days employed; 0 with a note when the scheme
    pays the manager's own salary and none is recorded."""
    full_salary = salary(scheme, facts)
    if full_salary is None:
        return PayLine("fixed", PAY_PARTS["fixed"], None, None, None, 0,
                       _no_salary(facts))
    days, working = facts.days_employed, facts.working_days
    full = days >= working
    share = Fraction(1) if full else Fraction(days, working)
    return PayLine(
        "fixed",
        PAY_PARTS["fixed"],
        full_salary,
        None,
        None if full else _decimal(share),
        round_kopecks(full_salary * share),
        "" if full else PAY_NOTES["prorated"].format(days=days, working=count(working, "working_day_of")),
    )


def band_reached(bands: Sequence[Band], fulfilled: Decimal | None) -> Band | None:
    """The highest band whose start ``fulfilled`` reaches (None: below the first, or no data)."""
    if fulfilled is None:
        return None
    reached = [b for b in bands if b.start <= fulfilled]
    return reached[-1] if reached else None


def _capped(amount: int, cap: int | None, note: str) -> tuple[int, str]:
    if cap is None or amount <= cap:
        return amount, note
    return cap, "; ".join(filter(None, [note, PAY_NOTES["amount_capped"].format(cap=fmt_rub(cap))]))


def salary_bonus_line(bonus: SalaryBonus, scheme: Scheme, facts: ManagerMonth) -> PayLine:
    """``salary × rate`` of the highest band of attainment reached (0 below the first band),
    at most ``cap``; base = the month's full salary."""
    base = salary(scheme, facts)
    fulfilled = metric_fulfilment(bonus.by.metric, facts, bonus.by)
    band = band_reached(bonus.bands, fulfilled)
    if base is None:
        return PayLine("kpi", bonus.label, None, fulfilled, None, 0,
                       _no_salary(facts))
    if band is None:
        return PayLine("kpi", bonus.label, base, fulfilled, Decimal(0), 0,
                       _below_bands(bonus.by, bonus.bands, fulfilled))
    rate = band.rate / 100
    amount, note = _capped(round_kopecks(base * rate), bonus.cap,
                           PAY_NOTES["attainment_band"].format(lo=fmt_percent(float(band.start))))
    return PayLine("kpi", bonus.label, base, fulfilled, rate, amount, note)


def _below_bands(by: Attainment, bands: Sequence[Band], fulfilled: Decimal | None) -> str:
    if fulfilled is None:
        return PAY_NOTES["no_plan" if by.metric in PLAN_METRICS else "no_data"]
    return PAY_NOTES["below_floor"].format(floor=fmt_percent(float(bands[0].start)))


def attainment_commission_lines(commission: Commission, base: int, facts: ManagerMonth) -> list[PayLine]:
    """A commission whose rate is chosen by the attainment ``f`` of ``commission.by``.

    Whole: the highest band reached × the whole base (0 below the first band). Marginal: band
    ``[a, b)`` takes ``(min(f, b) − a) / f`` of the base at its rate, a line per band reached.
    The total is at most ``cap`` (the last line is cut). A negative base pays 0.
    """
    assert commission.by is not None
    base = max(base, 0)
    fulfilled = metric_fulfilment(commission.by.metric, facts, commission.by)
    band = band_reached(commission.bands, fulfilled)
    if band is None:
        return [PayLine("commission", commission.label, base, fulfilled, Decimal(0), 0,
                        _below_bands(commission.by, commission.bands, fulfilled))]
    assert fulfilled is not None
    if commission.method == "whole":
        rate = band.rate / 100
        amount, note = _capped(round_kopecks(base * rate), commission.cap,
                               PAY_NOTES["attainment_band"].format(lo=fmt_percent(float(band.start))))
        return [PayLine("commission", commission.label, base, fulfilled, rate, amount, note)]
    bands = commission.bands
    out = []
    left = commission.cap
    for b, upper in zip(bands, [*(x.start for x in bands[1:]), None], strict=True):
        if b.start > fulfilled or (b.start == fulfilled and b.start > 0):
            break
        top = fulfilled if upper is None else min(fulfilled, upper)
        in_band = round_kopecks(Fraction(base) * Fraction(top - b.start) / Fraction(fulfilled)) \
            if fulfilled > 0 else 0
        rate = b.rate / 100
        lo, hi = fmt_percent(float(b.start)), fmt_percent(float(top))
        amount, note = round_kopecks(in_band * rate), PAY_NOTES["attainment_share"].format(lo=lo, hi=hi)
        if left is not None:
            amount, note = _capped(amount, left, note)
            left -= amount
        out.append(PayLine("commission", commission.label, in_band, fulfilled, rate, amount, note))
    return out


def kpi_lines(scheme: Scheme, facts: ManagerMonth) -> list[PayLine]:
    """One line per KPI: base = target pay × weight, amount = base × coefficient."""
    if scheme.kpi is None:
        return []
    out = []
    for item in scheme.kpi.items:
        base = round_kopecks(Fraction(scheme.kpi.target_pay) * Fraction(item.weight) / 100)
        fulfilled = metric_fulfilment(item.metric, facts, item)
        coef = kpi_coefficient(item, fulfilled)
        if fulfilled is None:
            note = PAY_NOTES["no_plan" if item.metric in PLAN_METRICS else "no_data"]
        elif fulfilled < item.floor:
            note = PAY_NOTES["below_floor"].format(floor=fmt_percent(float(item.floor)))
        elif item.cap is not None and coef == item.cap and _uncapped(item, fulfilled) > item.cap:
            note = PAY_NOTES["capped"].format(cap=fmt_number(float(item.cap), 2))
        else:
            note = ""
        if item.target == "norm" and fulfilled is not None:
            source = PAY_NOTES["norm_" + (facts.norm_source or "params")].format(
                norm=fmt_number(facts.norms[item.metric], 0))
            note = "; ".join(filter(None, [source, note]))
        out.append(PayLine("kpi", item.label, base, fulfilled, coef, round_kopecks(base * coef), note))
    return out


def _uncapped(item: KpiItem, fulfilled: Decimal) -> Decimal:
    return kpi_coefficient(item.model_copy(update={"cap": None}), fulfilled)


def commission_lines(commission: Commission, base: int) -> list[PayLine]:
    """Flat: rate × base. Marginal: each tier's band of the base × its rate, a line per band
    reached. Whole: the highest reached tier's rate × the whole base. A negative base pays 0."""
    base = max(base, 0)
    if commission.method == "flat":
        return [_commission_line(commission.label, base, commission.rate, "")]
    tiers = commission.tiers
    if commission.method == "whole":
        tier = [t for t in tiers if t.start <= base][-1]
        note = PAY_NOTES["whole"].format(label=commission.label, lo=fmt_rub(tier.start))
        return [_commission_line(commission.label, base, tier.rate, note)]
    out = []
    for tier, upper in zip(tiers, [*(t.start for t in tiers[1:]), None], strict=True):
        if base <= tier.start and tier.start > 0:
            break
        in_band = (base if upper is None else min(base, upper)) - tier.start
        note = (
            PAY_NOTES["band_open"].format(label=commission.label, lo=fmt_rub(tier.start))
            if upper is None
            else PAY_NOTES["band"].format(label=commission.label, lo=fmt_rub(tier.start),
                                          hi=fmt_rub(upper))
        )
        out.append(_commission_line(commission.label, in_band, tier.rate, note))
    return out


def _commission_line(label: str, base: int, rate_percent: Decimal, note: str) -> PayLine:
    rate = rate_percent / 100
    return PayLine("commission", label, base, None, rate, round_kopecks(base * rate), note)


def gate_failures(scheme: Scheme, facts: ManagerMonth) -> dict[str, str]:
    """Pay part → why a gate blocks it (parts not listed are paid)."""
    items = {i.metric: i for i in scheme.kpi.items} if scheme.kpi else {}
    blocked: dict[str, str] = {}
    for gate in scheme.gates:
        fulfilled = metric_fulfilment(gate.metric, facts, items.get(gate.metric))
        if fulfilled is not None and fulfilled >= gate.min:
            continue
        note = PAY_NOTES["gated"].format(
            gate=gate.label,
            fact=PAY_NOTES["no_data"] if fulfilled is None else fmt_percent(float(fulfilled)),
            min=fmt_percent(float(gate.min)),
        )
        for part in gate.blocks:
            blocked.setdefault(part, note)
    return blocked


def _blocked(lines: Iterable[PayLine], note: str) -> list[PayLine]:
    return [PayLine(ln.part, ln.label, ln.base, ln.fulfilment, ln.coefficient, 0, note) for ln in lines]


def accruals(scheme: Scheme, facts: ManagerMonth) -> list[PayLine]:
    """Fixed salary, KPI lines and bonuses of the salary, commissions, with the scheme's gates
    applied (a bonus of the salary is blocked with the KPI part; a clawback of commission paid
    on payments is taken whatever the gates)."""
    blocked = gate_failures(scheme, facts)
    kpi = kpi_lines(scheme, facts) + [salary_bonus_line(b, scheme, facts) for b in scheme.salary_bonuses]
    clawed: list[PayLine] = []
    if scheme.credit == "payments":
        from salesplan.motivation.credits import credited_commissions  # it builds on this module

        commissions, clawed = credited_commissions(scheme, facts)
    else:
        commissions = [
            line
            for c in scheme.commissions
            for line in _with_steps(c, (
                attainment_commission_lines(c, _commission_base(c, facts), facts) if c.by is not None
                else commission_lines(c, _commission_base(c, facts))
            ), facts)
        ]
    if "kpi" in blocked:
        kpi = _blocked(kpi, blocked["kpi"])
    if "commission" in blocked:
        commissions = _blocked(commissions, blocked["commission"])
    return [fixed_line(scheme, facts), *kpi, *commissions, *clawed]


def net_profit(facts: ManagerMonth) -> int:
    """Net profit of the month's won deals with a known margin: revenue without VAT minus cost,
    ``round(margin_base × 100 / (100 + VAT %)) − (margin_base − margin)`` (cost = amount − margin;
    the data hold no discounts or delivery to take off)."""
    without_vat = round_kopecks(Fraction(facts.margin_base) * 100 / (100 + Fraction(facts.vat_rate)))
    return without_vat - (facts.margin_base - facts.margin)


def net_profit_steps(facts: ManagerMonth) -> str:
    """How ``net_profit`` was reached, in words for the statement."""
    without_vat = net_profit(facts) + facts.margin_base - facts.margin
    return PAY_NOTES["net_profit"].format(
        revenue=fmt_rub(facts.margin_base), vat=fmt_percent(float(facts.vat_rate), 0),
        without=fmt_rub(without_vat), cost=fmt_rub(facts.margin_base - facts.margin),
        net=fmt_rub(net_profit(facts)))


def _commission_base(commission: Commission, facts: ManagerMonth) -> int:
    if commission.base == "net_profit":
        return net_profit(facts)
    return facts.margin if commission.base == "margin" else facts.turnover


def _with_steps(commission: Commission, lines: list[PayLine], facts: ManagerMonth) -> list[PayLine]:
    """The net-profit steps in the note of the commission's first line."""
    if commission.base != "net_profit" or not lines:
        return lines
    first = lines[0]
    note = "; ".join(n for n in (net_profit_steps(facts), first.note) if n)
    return [replace(first, note=note), *lines[1:]]


def deduction_lines(scheme: Scheme, facts: ManagerMonth, accrued: Sequence[PayLine]) -> list[PayLine]:
    """The bonus cut for overdue receivables — ``overdue × share``, at most the variable pay —
    then the disciplinary cut, at most ``disciplinary_cap`` % (rounded down to the kopeck) of
    the month's pay after the bonus cut."""
    rules = scheme.deductions
    out = []
    pay = sum(ln.amount for ln in accrued)
    if rules.overdue_share > 0:
        variable = sum(ln.amount for ln in accrued if ln.part != "fixed")
        rate = rules.overdue_share / 100
        wanted = round_kopecks(facts.overdue * rate)
        amount = max(min(wanted, variable), 0)  # a clawback can make the variable pay negative
        note = "" if amount == wanted else PAY_NOTES["overdue_limited"].format(limit=fmt_rub(variable))
        out.append(PayLine("deduction", PAY_NOTES["overdue"], facts.overdue, None, rate, -amount, note))
        pay -= amount
    if facts.penalty > 0:
        limit = max(int(Fraction(pay) * Fraction(rules.disciplinary_cap) / 100), 0)
        amount = min(facts.penalty, limit)
        note = "" if amount == facts.penalty else PAY_NOTES["disciplinary_limited"].format(
            cap=fmt_percent(float(rules.disciplinary_cap), 0), limit=fmt_rub(limit)
        )
        out.append(PayLine("deduction", PAY_NOTES["disciplinary"], facts.penalty, None, None, -amount, note))
    return out


def payslip(scheme: Scheme, facts: ManagerMonth, team_line: PayLine | None = None) -> Payslip:
    """A manager's payslip: accruals, the team bonus line if any, then deductions."""
    accrued = accruals(scheme, facts) + ([team_line] if team_line else [])
    return Payslip(facts, scheme, tuple(accrued + deduction_lines(scheme, facts, accrued)))


def team_bonus_lines(
    bonus: TeamBonus | None, slips: Sequence[tuple[Scheme, ManagerMonth]]
) -> dict[str, PayLine]:
    """Manager id → team bonus line, for every manager whose scheme takes part.

    Paid when the department's plan fulfilment (``department_plan`` of the facts, see
    ``with_department_totals``) reaches ``department_plan_min``; shared pro rata to
    ``share_by`` among those whose personal plan fulfilment reaches ``personal_plan_min`` and
    whose gates allow it.
    """
    if bonus is None:
        return {}
    members = [(s, f) for s, f in slips if s.team_bonus]
    label = PAY_PARTS["team_bonus"]
    lines: dict[str, PayLine] = {}
    eligible: list[ManagerMonth] = []
    for scheme, facts in members:
        dept = metric_fulfilment("department_plan", facts)
        personal = metric_fulfilment("plan", facts)
        if dept is None or dept < bonus.department_plan_min:
            why = PAY_NOTES["team_department"].format(
                fact=fmt_percent(None if dept is None else float(dept)),
                min=fmt_percent(float(bonus.department_plan_min)),
            )
        elif personal is None or personal < bonus.personal_plan_min:
            why = PAY_NOTES["team_personal"].format(
                fact=fmt_percent(None if personal is None else float(personal)),
                min=fmt_percent(float(bonus.personal_plan_min)),
            )
        else:
            why = gate_failures(scheme, facts).get("team_bonus", "")
        if why:
            lines[facts.manager_id] = PayLine("team_bonus", label, bonus.pool, personal, Decimal(0), 0, why)
        else:
            eligible.append(facts)
    if not eligible:
        return lines
    weights = [max(f.margin if bonus.share_by == "margin" else f.turnover, 0) for f in eligible]
    if not any(weights):
        weights = [1] * len(eligible)
    for facts, amount, weight in zip(
        eligible, largest_remainder(bonus.pool, weights).tolist(), weights, strict=True
    ):
        share = _decimal(Fraction(weight, sum(weights)))
        lines[facts.manager_id] = PayLine(
            "team_bonus",
            label,
            bonus.pool,
            metric_fulfilment("plan", facts),
            share,
            amount,
            PAY_NOTES["team_share"].format(share=fmt_percent(float(share) * 100, 2),
                                           pool=fmt_rub(bonus.pool)),
        )
    return lines


def department_payslips(book: SchemeBook, facts: Iterable[ManagerMonth]) -> list[Payslip]:
    """Payslips for managers' months, each by the scheme in force for its role and month, with
    the department totals of all ``facts`` and each department's team bonus. Managers no
    scheme covers get none (see ``unpaid``)."""
    pairs = []
    for f in with_department_totals(facts):
        scheme = book.scheme_for(f.role, f.month)
        if scheme is not None:
            pairs.append((scheme, f))
    by_department: dict[str, list[tuple[Scheme, ManagerMonth]]] = {}
    for scheme, f in pairs:
        by_department.setdefault(f.department_id, []).append((scheme, f))
    team: dict[str, PayLine] = {}
    for department_id, members in by_department.items():
        team |= team_bonus_lines(book.payroll.for_department(department_id).team_bonus, members)
    return [payslip(s, f, team.get(f.manager_id)) for s, f in pairs]


def unpaid(book: SchemeBook, facts: Iterable[ManagerMonth]) -> list[ManagerMonth]:
    """Managers no scheme covers in their month (their role has no scheme in force)."""
    return [f for f in facts if book.scheme_for(f.role, f.month) is None]


def _decimal(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(SHARE_DIGITS, ROUND_HALF_UP)

