"""Motivation schemes as data: ``params/motivation/*.yaml``.

Every file but ``payroll.yaml`` is one version of a pay scheme: the roles it covers and the
month it applies from (``effective_from``). A new version is a new file; old files stay, so
the history is kept and a past month is always paid by the scheme that was in force then.
``payroll.yaml`` holds each department's payroll budget and team bonus.

Money is written in roubles and held in integer kopecks; percentages are written in percent
(``80`` is 80 %); coefficients are plain numbers (``1.2``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

from salesplan import periods
from salesplan.config import params_dir
from salesplan.labels import PARAMS_ERRORS
from salesplan.money import to_kopecks
from salesplan.paramfile import Problem, Problems, SettingsError, load_optional, load_yaml_model, shown_path

PAY_PARTS = ("kpi", "commission", "team_bonus")
PAYROLL_FILE = "payroll.yaml"

Metric = Literal[
    "plan", "department_plan", "margin_rate", "deals", "new_clients", "calls", "call_score",
    "meetings", "proposals",
]
PLAN_METRICS = ("plan", "department_plan")  # measured against the plan of record, no target
NORM_METRICS = ("calls", "meetings", "proposals")  # may take the month's activity norm as target
Role = Literal["hunter", "farmer", "key_account", "head"]
PayPart = Literal["kpi", "commission", "team_bonus"]


def _kopecks(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise ValueError(PARAMS_ERRORS["amount"])
    try:
        amount = to_kopecks(value)
    except (InvalidOperation, ValueError):  # "50 000 руб", NaN, infinity
        raise ValueError(PARAMS_ERRORS["amount"]) from None
    if amount < 0:
        raise ValueError(PARAMS_ERRORS["negative_amount"])
    return amount


Kopecks = Annotated[int, BeforeValidator(_kopecks)]
"""An amount written in roubles in YAML, held in kopecks."""
FixedPay = Annotated[
    int | Literal["salary"], BeforeValidator(lambda v: v if v == "salary" else _kopecks(v))
]
"""A scheme's fixed pay: an amount in roubles (held in kopecks), or ``salary``."""
Percent = Annotated[Decimal, Field(ge=0)]
"""A percentage written in percent (``80`` is 80 %)."""


def _month(value: object) -> str:
    month = periods.Month.of(value) if isinstance(value, date) else periods.Month.parse(str(value))
    return str(month)


Month = Annotated[str, BeforeValidator(_month)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)


def _check_measure(item: KpiItem | Attainment) -> None:
    """A plan metric has no target (the plan of record is it); any other metric needs one."""
    if item.metric in PLAN_METRICS and item.target is not None:
        raise ValueError(PARAMS_ERRORS["kpi_target_given"].format(metric=item.metric))
    if item.metric not in PLAN_METRICS and item.target is None:
        raise ValueError(PARAMS_ERRORS["kpi_target_missing"].format(metric=item.metric))
    if item.target == "norm" and item.metric not in NORM_METRICS:
        raise ValueError(PARAMS_ERRORS["norm_target"].format(metric=item.metric))
    counted = item.metric in ("deals", "new_clients", "calls")
    if item.per_working_day and (item.target == "norm" or not counted):
        raise ValueError(PARAMS_ERRORS["per_working_day"])


Target = Annotated[Decimal, Field(gt=0)] | Literal["norm"]
"""A KPI's target: a number, or ``norm`` — the manager's activity norm of the month (the
approved plan's, else the role's default), the same norm the monthly report shows."""


class Attainment(_Strict):
    """The fulfilment a rate is chosen by: ``metric`` against the plan of record (plan
    metrics) or against ``target`` (× the working days employed when ``per_working_day``)."""

    metric: Metric = "plan"
    target: Target | None = None
    per_working_day: bool = False

    @model_validator(mode="after")
    def _consistent(self) -> Attainment:
        _check_measure(self)
        return self


class Band(_Strict):
    """From ``start`` % of attainment on, the rate is ``rate`` %."""

    start: Percent = Field(alias="from")
    rate: Percent


def _bands_rising(bands: list[Band]) -> None:
    """Band starts increase and rates never fall — so pay never falls as attainment grows."""
    _increasing([b.start for b in bands], "bands", "from")
    _non_decreasing([b.rate for b in bands], "bands", "rate")


class SalaryBonus(_Strict):
    """A bonus of ``rate`` % of the salary, the rate of the highest band of ``by``'s attainment
    reached (0 below the first band); ``cap`` limits the amount (roubles)."""

    label: str
    by: Attainment = Field(default_factory=Attainment)
    bands: list[Band] = Field(min_length=1)
    cap: Kopecks | None = None

    @field_validator("bands")
    @classmethod
    def _rising(cls, bands: list[Band]) -> list[Band]:
        _bands_rising(bands)
        return bands


class Step(_Strict):
    """From ``start`` % of fulfilment on, the coefficient is ``coef``."""

    start: Percent = Field(alias="from")
    coef: Decimal = Field(ge=0)


class Accelerator(_Strict):
    """Above ``start`` % (at least 100), each point of fulfilment adds ``rate`` points to the coefficient."""

    start: Decimal = Field(alias="from", ge=100)
    rate: Decimal = Field(ge=0)


class KpiItem(_Strict):
    """One KPI of the matrix: fulfilment → coefficient → share of the variable pay.

    Fulfilment is ``fact / target × 100``; for ``plan`` the target is the manager's plan of
    record (``department_plan``: the department's turnover against its plan); ``target: norm``
    (calls, meetings, proposals) takes the manager's activity norm of the month; for
    ``margin_rate`` the fact is margin / margin base × 100. Below ``floor`` the
    coefficient is 0. ``linear``: the coefficient is fulfilment / 100 up to 100 % and then
    grows by each accelerator's ``rate`` per point (1 between 100 % and the first
    accelerator). ``stepped``: the coefficient of the highest step reached. ``cap`` limits it.
    """

    metric: Metric
    label: str
    weight: Decimal = Field(gt=0, le=100)
    target: Target | None = None
    per_working_day: bool = False
    floor: Percent = Decimal(0)
    mode: Literal["linear", "stepped"] = "linear"
    steps: list[Step] = Field(default_factory=list)
    accelerators: list[Accelerator] = Field(default_factory=list)
    cap: Decimal | None = Field(default=None, gt=0)

    @model_validator(mode="after")
    def _consistent(self) -> KpiItem:
        _check_measure(self)
        if self.mode == "stepped":
            if not self.steps:
                raise ValueError(PARAMS_ERRORS["stepped_no_steps"])
            if self.accelerators:
                raise ValueError(PARAMS_ERRORS["stepped_accelerators"])
        elif self.steps:
            raise ValueError(PARAMS_ERRORS["steps_not_stepped"])
        _increasing([s.start for s in self.steps], "steps", "from")
        _non_decreasing([s.coef for s in self.steps], "steps", "coef")
        _increasing([a.start for a in self.accelerators], "accelerators", "from")
        return self


class KpiMatrix(_Strict):
    """The variable part: ``target_pay`` at 100 % of every KPI, split by the KPIs' weights (sum 100)."""

    target_pay: Kopecks
    items: list[KpiItem] = Field(min_length=1)

    @field_validator("items")
    @classmethod
    def _weights(cls, items: list[KpiItem]) -> list[KpiItem]:
        total = sum(i.weight for i in items)
        if total != 100:
            raise ValueError(PARAMS_ERRORS["kpi_weights"].format(total=total))
        return items


class Tier(_Strict):
    """From ``start`` roubles of the commission base on, the rate is ``rate`` %."""

    start: Kopecks = Field(alias="from")
    rate: Percent


class Commission(_Strict):
    """A commission on margin, turnover or net profit (``net_profit``: revenue without VAT
    minus cost, ``pay.net_profit``).

    ``flat``: ``rate`` % of the whole base. ``marginal``: each band of the base at its own
    tier's rate. ``whole``: the rate of the highest tier reached on the whole base (its rates
    must not fall, or pay would drop as the base grows).

    Keyed by attainment (``by`` and ``bands`` instead of ``tiers``): the rate is chosen by the
    fulfilment ``f`` of ``by`` rather than by the base's amount. ``whole``: the rate of the
    highest band reached × the whole base (0 below the first band). ``marginal``: the base is
    split in proportion to the attainment, band ``[a, b)`` taking ``(min(f, b) − a) / f`` of it
    at its rate. ``cap`` limits the amount (roubles).
    """

    label: str
    base: Literal["margin", "turnover", "net_profit"]
    method: Literal["flat", "marginal", "whole"]
    rate: Percent | None = None
    tiers: list[Tier] = Field(default_factory=list)
    by: Attainment | None = None
    bands: list[Band] = Field(default_factory=list)
    cap: Kopecks | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Commission:
        if self.by is not None or self.bands:
            if self.by is None or not self.bands or self.tiers or self.rate is not None \
                    or self.method == "flat":
                raise ValueError(PARAMS_ERRORS["attainment_commission"])
            _bands_rising(self.bands)
            return self
        if self.method == "flat":
            if self.rate is None or self.tiers:
                raise ValueError(PARAMS_ERRORS["flat_commission"])
            return self
        if self.rate is not None or not self.tiers:
            raise ValueError(PARAMS_ERRORS["tiered_commission"].format(method=self.method))
        if self.tiers[0].start != 0:
            raise ValueError(PARAMS_ERRORS["first_tier"])
        _increasing([t.start for t in self.tiers], "tiers", "from")
        if self.method == "whole":
            _non_decreasing([t.rate for t in self.tiers], "tiers", "rate")
        return self


class Gate(_Strict):
    """Below ``min`` % of the metric's fulfilment the ``blocks`` parts pay nothing."""

    label: str
    metric: Metric = "plan"
    min: Percent
    blocks: list[PayPart] = Field(default_factory=lambda: list(PAY_PARTS))


class Deductions(_Strict):
    """A bonus cut of ``overdue_share`` % of the manager's overdue receivables at the month's end
    (never more than the variable pay); a disciplinary cut of at most ``disciplinary_cap`` % of
    the month's pay after that."""

    overdue_share: Percent = Decimal(0)
    disciplinary_cap: Decimal = Field(default=Decimal(20), ge=0, le=100)


class Scheme(_Strict):
    """One version of a pay scheme: roles covered, the month it applies from, and its parts.

    ``fixed``: an amount, or ``salary`` — each manager's own salary in force in the month.
    ``credit``: what the commissions are paid on — ``deals``, the month's fact and the margin
    of the deals won in it; ``payments``, the payments received in the month, each crediting
    its share of its deal's margin, refunds and cancellations taken back in the month they
    happen (``salesplan.motivation.credits``).
    """

    name: str
    roles: list[Role] = Field(min_length=1)
    effective_from: Month
    fixed: FixedPay
    kpi: KpiMatrix | None = None
    salary_bonuses: list[SalaryBonus] = Field(default_factory=list)
    commissions: list[Commission] = Field(default_factory=list)
    gates: list[Gate] = Field(default_factory=list)
    deductions: Deductions = Field(default_factory=Deductions)
    team_bonus: bool = True
    credit: Literal["deals", "payments"] = "deals"
    source: str = ""

    @model_validator(mode="after")
    def _gates_measurable(self) -> Scheme:
        kpi_metrics = {i.metric for i in self.kpi.items} if self.kpi else set()
        for gate in self.gates:
            if gate.metric not in PLAN_METRICS and gate.metric not in kpi_metrics:
                raise ValueError(PARAMS_ERRORS["gate_metric"].format(metric=gate.metric))
        if self.credit == "payments" and any(c.base == "net_profit" or c.by is not None
                                             for c in self.commissions):
            raise ValueError(PARAMS_ERRORS["payments_credit"])
        return self


class TeamBonus(_Strict):
    """``pool`` shared, pro rata to ``share_by``, among those whose own plan fulfilment reached
    ``personal_plan_min`` %, in a month the department's reached ``department_plan_min`` %."""

    pool: Kopecks
    department_plan_min: Percent = Decimal(100)
    personal_plan_min: Percent = Decimal(100)
    share_by: Literal["turnover", "margin"] = "turnover"


class DepartmentPayroll(_Strict):
    """A department's monthly payroll budget and its team bonus."""

    budget: Kopecks | None = None
    team_bonus: TeamBonus | None = None


class Payroll(BaseModel):
    """``payroll.yaml``: department id → budget and team bonus; ``default`` for the rest."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    departments: dict[str, DepartmentPayroll] = Field(default_factory=dict)

    def for_department(self, department_id: str) -> DepartmentPayroll:
        return self.departments.get(
            department_id, self.departments.get("default", DepartmentPayroll())
        )


@dataclass(frozen=True)
class SchemeBook:
    """All scheme versions and the payroll settings; picks the scheme in force for a role and month."""

    schemes: tuple[Scheme, ...]
    payroll: Payroll = field(default_factory=Payroll)

    def __post_init__(self) -> None:
        overlaps = overlapping(self.schemes)
        if overlaps:
            raise SettingsError(overlaps)

    def scheme_for(self, role: str, month: str) -> Scheme | None:
        """The latest version covering ``role`` with ``effective_from`` ≤ ``month`` (None: none)."""
        candidates = [s for s in self.schemes if role in s.roles and s.effective_from <= month]
        return max(candidates, key=lambda s: s.effective_from, default=None)

    def history(self, role: str) -> list[Scheme]:
        """Every version covering ``role``, oldest first."""
        return sorted((s for s in self.schemes if role in s.roles), key=lambda s: s.effective_from)


def overlapping(schemes: tuple[Scheme, ...], folder: Path | None = None) -> list[Problem]:
    """A problem for each role a second scheme covers from the same month (files in ``folder``)."""
    seen: dict[tuple[str, str], str] = {}
    problems = []
    for scheme in schemes:
        for role in scheme.roles:
            key = (role, scheme.effective_from)
            if key in seen:
                file = shown_path(folder / scheme.source) if folder else scheme.source
                problems.append(Problem(file, PARAMS_ERRORS["scheme_overlap"].format(
                    role=role, month=scheme.effective_from, other=seen[key]), "roles", list(scheme.roles)))
            else:
                seen[key] = scheme.source
    return problems


def _increasing(values: list, field: str, key: str) -> None:
    if any(b <= a for a, b in zip(values, values[1:], strict=False)):
        raise ValueError(PARAMS_ERRORS["increasing"].format(field=field, key=key))


def _non_decreasing(values: list, field: str, key: str) -> None:
    if any(b < a for a, b in zip(values, values[1:], strict=False)):
        raise ValueError(PARAMS_ERRORS["non_decreasing"].format(field=field, key=key))


def motivation_dir() -> Path:
    return params_dir() / "motivation"


def load_scheme(path: Path) -> Scheme:
    """One scheme file; errors name the file and the key."""
    scheme = load_yaml_model(path, Scheme)
    return scheme.model_copy(update={"source": path.name})


def read_schemes(folder: Path) -> SchemeBook:
    """Every scheme of ``folder`` and its ``payroll.yaml``; the problems of all the files."""
    folder = Path(folder)
    files = sorted(p for p in folder.glob("*.yaml") if p.name != PAYROLL_FILE)
    if not files:
        raise SettingsError([Problem(shown_path(folder), PARAMS_ERRORS["no_schemes"])])
    found = Problems()
    schemes = tuple(found.take(load_scheme, p) for p in files)
    payroll = found.take(load_optional, folder / PAYROLL_FILE, Payroll)
    found.check()
    overlaps = overlapping(schemes, folder)
    if overlaps:
        raise SettingsError(overlaps)
    return SchemeBook(schemes, payroll)


def load_schemes(folder: Path | None = None) -> SchemeBook:
    """The schemes of the validated settings (``params/motivation``), or of ``folder``."""
    if folder is not None:
        return read_schemes(folder)
    from salesplan.settings import settings  # the settings are built from this module's models

    return settings().motivation
