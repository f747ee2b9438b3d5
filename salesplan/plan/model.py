"""The whole plan model as a pure function: ``recompute(context, inputs) -> PlanResult``.

``PlanInputs`` holds every choice the head of sales makes (month, method, growth factors,
decomposition key, overrides, commitments, rates); it is what a scenario stores.
``build_context`` does the slow part once per month and department (history → arrays);
``recompute`` is vectorised numpy and takes a few milliseconds for a 50-manager department.

Amounts inside are whole roubles; the frames of ``PlanResult`` hold integer kopecks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, field_validator

from salesplan import labels
from salesplan.calendar import ProductionCalendar, default_calendar
from salesplan.errors import PlanError
from salesplan.money import fmt_rub
from salesplan.periods import Month, Week, ordinals
from salesplan.plan.clients import active_base, first_purchase_share, planned_clients
from salesplan.plan.decompose import (
    allocate_managers,
    largest_remainder,
    round_half_up,
    split_over_days,
)
from salesplan.plan.funnel import ACTIVITY, activity_rates, funnel_rates, reverse_funnel
from salesplan.plan.growth import growth_multiplier, history_total, waterfall
from salesplan.plan.history import History
from salesplan.plan.params import (
    FACTORS,
    Combine,
    Key,
    Method,
    PlanParams,
    Rates,
    Realism,
    check_factors,
)
from salesplan.plan.seasonality import MIN_MONTHS, trend_rate

METHODS: tuple[str, ...] = ("history", "trend", "funnel", "bottom_up")
ROLE_ORDER = {"key_account": 0, "farmer": 1, "hunter": 2}
MIX_DIMENSIONS = ("product", "segment")


class PlanInputs(BaseModel):
    """Everything a plan is computed from; stored with every scenario and approved version.

    Money (``overrides``, ``commitments``) in roubles; factors and ``growth`` as fractions.
    ``growth``, when set, replaces the factors: the history method gives last year × (1 + growth)
    × the working-day ratio.
    """

    model_config = ConfigDict(extra="forbid")

    month: str
    department: str
    method: Method = "history"
    factors: dict[str, float] = Field(default_factory=lambda: dict.fromkeys(FACTORS, 0.0))
    combine: Combine = "additive"
    growth: float | None = None
    key: Key = "capacity"
    overrides: dict[str, float] = Field(default_factory=dict)
    commitments: dict[str, float] = Field(default_factory=dict)
    ramp_up: list[float] = Field(default_factory=lambda: [0.3, 0.5, 0.7, 0.9])
    rates: Rates = Field(default_factory=Rates)
    realism: Realism = Field(default_factory=Realism)
    rationale: str = ""

    @field_validator("month")
    @classmethod
    def _month(cls, value: str) -> str:
        return str(Month.parse(value))

    @field_validator("factors")
    @classmethod
    def _factors(cls, value: dict[str, float]) -> dict[str, float]:
        return check_factors(value)

    @classmethod
    def from_params(cls, params: PlanParams, month: str, department: str, **changes) -> PlanInputs:
        """Defaults from ``params/plan.yaml`` with ``changes`` on top."""
        base = {
            "month": month,
            "department": department,
            "method": params.method,
            "factors": dict(params.factors) | dict(changes.pop("factors", {})),
            "combine": params.combine,
            "key": params.key,
            "ramp_up": list(params.ramp_up),
            "rates": params.rates,
            "realism": params.realism,
        }
        return cls(**(base | changes))

    def growth_factors(self) -> dict[str, float]:
        """The factors in effect: ``{"growth": g}`` when a total growth is set."""
        return {"growth": float(self.growth)} if self.growth is not None else dict(self.factors)


@dataclass(frozen=True)
class PlanContext:
    """The history of one department as arrays for one target month (built once, reused)."""

    month: str
    department: str
    calendar: ProductionCalendar
    dates: list[date]
    week_of_day: np.ndarray
    weeks: list[str]
    managers: pd.DataFrame  # id, name, role, hire_date, leave_date — planned in the month
    available: np.ndarray  # managers × working days
    tenure: np.ndarray  # months since hire (0 = the month of hire); large when unknown
    last_year_month: str
    last_year_days: int
    last_year_total: int  # kopecks, the whole department
    last_year: np.ndarray  # kopecks per manager
    best_month: np.ndarray  # kopecks per manager, the best of the history window
    history_share: np.ndarray  # kopecks per manager over the history window
    presence: np.ndarray  # share of the month's working days each manager is employed
    daily_capacity: np.ndarray  # kopecks per working day: entries/day × conversion × check
    avg_check: np.ndarray  # kopecks
    conversion: np.ndarray
    trend_total: float | None  # kopecks
    trend_note: str
    seasonal: np.ndarray  # twelve indices, ones when history is too short
    pipeline: np.ndarray  # weighted open pipeline expected in the month, kopecks per manager
    calls_per_day: np.ndarray  # actual outgoing calls per working day over the funnel window
    per_entry: dict[str, np.ndarray]  # activity per funnel entry (funnel.ACTIVITY); NaN: params
    first_purchase_share: np.ndarray  # new clients per won deal (plan.clients)
    active_base: np.ndarray  # active clients on the eve of the month (plan.clients)
    mix: dict[str, tuple[list[str], np.ndarray]] = field(default_factory=dict)

    @property
    def working_days(self) -> int:
        return len(self.dates)

    @property
    def days_ratio(self) -> float:
        """Working days of the month ÷ those of the same month last year; 0 when last year's had
        none (April 2020: every weekday a non-working day by decree)."""
        return self.working_days / self.last_year_days if self.last_year_days else 0.0

    @cached_property
    def manager_ids(self) -> list[str]:
        return self.managers["id"].tolist()

    @cached_property
    def names(self) -> np.ndarray:
        return self.managers["name"].to_numpy(dtype=object)

    @cached_property
    def roles(self) -> np.ndarray:
        return self.managers["role"].to_numpy(dtype=object)


def _employed_days(
    managers: pd.DataFrame, yms: range, calendar: ProductionCalendar
) -> np.ndarray:
    """Working days each manager was employed over the months ``yms``."""
    if not len(yms):
        return np.zeros(len(managers))
    first, last = Month.from_ordinal(yms[0]).start, Month.from_ordinal(yms[-1]).end
    days = pd.DatetimeIndex(calendar.working_dates_between(first, last))
    return _availability(managers, days).sum(axis=1).astype(float)


def _availability(managers: pd.DataFrame, days: pd.DatetimeIndex) -> np.ndarray:
    hire = pd.to_datetime(managers["hire_date"]).to_numpy()
    leave = pd.to_datetime(managers["leave_date"]).to_numpy()
    d = days.to_numpy()
    after_hire = np.isnat(hire)[:, None] | (d[None, :] >= hire[:, None])
    before_leave = np.isnat(leave)[:, None] | (d[None, :] <= leave[:, None])
    return after_hire & before_leave


def _by_manager(frame: pd.DataFrame, ids: list[str], column: str = "amount") -> np.ndarray:
    return frame.groupby("manager_id")[column].sum().reindex(ids, fill_value=0).to_numpy()


def build_context(
    history: History,
    month: str,
    department: str,
    params: PlanParams,
    calendar: ProductionCalendar | None = None,
) -> PlanContext:
    """Arrays for ``month`` from the department's history before that month.

    Planned: the managers employed in the month, and a head of department only when they have
    revenue of their own in the history window (a head who sells carries a plan like anyone).
    """
    calendar = calendar or default_calendar()
    target = Month.parse(month)
    ym = target.ordinal
    hist = history.for_department(department)
    dates = target.working_dates(calendar)
    days = pd.DatetimeIndex(dates)
    weeks = [str(Week.of(d)) for d in dates]
    week_labels = list(dict.fromkeys(weeks))
    week_of_day = np.array([week_labels.index(w) for w in weeks], dtype=np.int64)

    start, end = days.min() if len(days) else None, days.max() if len(days) else None
    mgr = hist.managers.copy()
    hire = pd.to_datetime(mgr["hire_date"])
    leave = pd.to_datetime(mgr["leave_date"])
    active = (hire.isna() | (hire <= end)) & (leave.isna() | (leave >= start))
    revenue = hist.revenue[hist.revenue["ym"] < ym]
    window = range(ym - params.history_window_months, ym)
    in_window = revenue[revenue["ym"].isin(window)]
    sellers = set(in_window.loc[in_window["amount"] > 0, "manager_id"])
    planned = active & ((mgr["role"] != "head") | mgr["id"].isin(sellers))
    mgr = mgr[planned.to_numpy()].copy()
    mgr["_order"] = mgr["role"].map(ROLE_ORDER).fillna(9)
    mgr = mgr.sort_values(["_order", "name"]).drop(columns="_order").reset_index(drop=True)
    ids = mgr["id"].tolist()
    available = _availability(mgr, days)
    hire_ym = ordinals(mgr["hire_date"], Month)
    tenure = np.where(hire_ym.isna(), 10_000, ym - hire_ym.fillna(0)).astype(np.int64)

    ly = revenue[revenue["ym"] == ym - 12]
    monthly = in_window.groupby(["manager_id", "ym"])["amount"].sum()
    best = monthly.groupby(level="manager_id").max().reindex(ids, fill_value=0).to_numpy()

    funnel_window = range(ym - params.funnel_window_months, ym)
    new_hire = tenure < len(params.ramp_up)
    employed = _employed_days(mgr, funnel_window, calendar)
    rates = funnel_rates(
        hist.funnel, mgr, funnel_window, employed, new_hire, params.min_won_deals_for_own_rates
    )
    per_entry = activity_rates(
        hist.calls, mgr, funnel_window, rates["entries"].to_numpy(), rates["own"].to_numpy()
    )

    dept = revenue.groupby("ym")["amount"].sum()
    trend_total, trend_note, seasonal = None, "", np.ones(12)
    if len(dept):
        first = int(dept.index.min())
        series = dept.reindex(range(first, ym), fill_value=0)
        days = np.array([Month.from_ordinal(m).working_days(calendar) for m in series.index], dtype=float)
        rate = np.divide(series.to_numpy(dtype=float), days, out=np.zeros(len(days)), where=days > 0)
        if len(series) >= MIN_MONTHS:
            daily, seasonal = trend_rate(first, rate, ym)
            trend_total = daily * len(dates)
        else:
            trend_note = f"months_short:{len(series)}"
    else:
        trend_note = "months_short:0"

    pipe = hist.pipeline
    expected = pd.to_datetime(pipe["expected_date"])
    in_month = pipe[((expected >= start) & (expected <= end)).to_numpy()] if len(days) else pipe[:0]
    weighted = in_month.assign(amount=in_month["amount"] * in_month["probability"])

    made = _by_manager(hist.calls[hist.calls["ym"].isin(funnel_window)], ids, "calls")
    with np.errstate(divide="ignore", invalid="ignore"):
        calls_per_day = np.where(employed > 0, made / employed, 0.0)

    mix: dict[str, tuple[list[str], np.ndarray]] = {}
    for dim in MIX_DIMENSIONS:
        keys = sorted(in_window.loc[in_window[dim] != "", dim].unique().tolist())
        if not keys:
            continue
        if (in_window[dim] == "").any():
            keys.append("")
        table = (
            in_window.groupby(["manager_id", dim])["amount"].sum().unstack(fill_value=0)
            .reindex(index=ids, columns=keys, fill_value=0)
        )
        shares = table.to_numpy(dtype=float, copy=True)
        department_mix = shares.sum(axis=0)
        shares[shares.sum(axis=1) == 0] = department_mix
        mix[dim] = (keys, shares)

    return PlanContext(
        month=str(target),
        department=department,
        calendar=calendar,
        dates=list(dates),
        week_of_day=week_of_day,
        weeks=week_labels,
        managers=mgr[["id", "name", "role", "hire_date", "leave_date"]],
        available=available,
        tenure=tenure,
        last_year_month=str(target - 12),
        last_year_days=(target - 12).working_days(calendar),
        last_year_total=int(ly["amount"].sum()),
        last_year=_by_manager(ly, ids),
        best_month=best,
        history_share=_by_manager(in_window, ids),
        presence=available.sum(axis=1) / max(len(dates), 1),
        daily_capacity=(rates["entries_per_day"] * rates["conversion"] * rates["avg_check"])
        .to_numpy(dtype=float),
        avg_check=rates["avg_check"].to_numpy(dtype=float),
        conversion=rates["conversion"].to_numpy(dtype=float),
        trend_total=trend_total,
        trend_note=trend_note,
        seasonal=seasonal,
        pipeline=_by_manager(weighted, ids),
        calls_per_day=calls_per_day,
        per_entry={name: per_entry[name].to_numpy(dtype=float) for name in ACTIVITY},
        first_purchase_share=first_purchase_share(hist.purchases, hist.funnel, ids, funnel_window,
                                                  rates["own"].to_numpy()),
        active_base=active_base(hist.purchases, hist.clients, ids, target, hist.active_months),
        mix=mix,
    )


class PlanResult:
    """A computed plan: numpy arrays from ``recompute``, frames built on first use.

    Money in integer kopecks. Arrays (managers in ``context.manager_ids`` order): ``plan``,
    ``capacity``, ``fixed``, ``above_best``, ``above_capacity``, ``week_amounts`` (managers ×
    weeks), ``day_amounts`` (managers × working days), ``norm_values`` (name → array, see
    ``funnel.reverse_funnel`` and ``clients.planned_clients``), ``mix_values`` (dimension →
    (keys, managers × keys)). Scalars:
    ``total``, ``pipeline`` (weighted open pipeline expected in the month), ``coverage``
    (pipeline / total), ``low_coverage``. Frames: ``proposals``, ``waterfall``, ``managers``,
    ``weeks``, ``days``, ``norms``, ``mix``, ``lines()``.
    """

    def __init__(self, context: PlanContext, inputs: PlanInputs, **values) -> None:
        self.context = context
        self.inputs = inputs
        self.total: int = values["total"]
        self.proposal_totals: dict[str, int | None] = values["proposal_totals"]
        self.proposal_notes: dict[str, str] = values["proposal_notes"]
        self.waterfall_steps: tuple[list[str], np.ndarray] = values["waterfall_steps"]
        self.plan: np.ndarray = values["plan"]
        self.capacity: np.ndarray = values["capacity"]
        self.fixed: np.ndarray = values["fixed"]
        self.above_best: np.ndarray = values["above_best"]
        self.above_capacity: np.ndarray = values["above_capacity"]
        self.week_amounts: np.ndarray = values["week_amounts"]
        self.day_amounts: np.ndarray = values["day_amounts"]
        self.norm_values: dict[str, np.ndarray] = values["norm_values"]
        self.mix_values: dict[str, tuple[list[str], np.ndarray]] = values["mix_values"]
        self.pipeline: int = values["pipeline"]
        self.coverage: float = values["coverage"]
        self.low_coverage: bool = values["low_coverage"]

    @cached_property
    def proposals(self) -> pd.DataFrame:
        """method, total (kopecks, NaN when unavailable), available, note — side by side."""
        totals = [self.proposal_totals.get(m) for m in METHODS]
        return pd.DataFrame(
            {
                "method": list(METHODS),
                "total": [np.nan if t is None else t * 100 for t in totals],
                "available": [t is not None for t in totals],
                "note": [self.proposal_notes.get(m, "") for m in METHODS],
            }
        )

    @cached_property
    def waterfall(self) -> pd.DataFrame:
        """step, amount (kopecks): last year → working days → factors → method → plan."""
        names, amounts = self.waterfall_steps
        return pd.DataFrame({"step": names, "amount": amounts})

    @cached_property
    def managers(self) -> pd.DataFrame:
        """Per manager: plan beside last year, best month, capacity, pipeline, and the flags."""
        ctx = self.context
        return pd.DataFrame(
            {
                "manager_id": ctx.manager_ids,
                "name": ctx.names,
                "role": ctx.roles,
                "plan": self.plan,
                "last_year": ctx.last_year,
                "best_month": ctx.best_month,
                "capacity": self.capacity,
                "pipeline": round_half_up(ctx.pipeline),
                "fixed": self.fixed,
                "above_best": self.above_best,
                "above_capacity": self.above_capacity,
            }
        )

    @cached_property
    def weeks(self) -> pd.DataFrame:
        """Managers × ISO weeks (index manager_id)."""
        index = pd.Index(self.context.manager_ids, name="manager_id")
        return pd.DataFrame(self.week_amounts, index=index, columns=self.context.weeks)

    @cached_property
    def days(self) -> pd.DataFrame:
        """Managers × working dates (index manager_id)."""
        index = pd.Index(self.context.manager_ids, name="manager_id")
        return pd.DataFrame(
            self.day_amounts, index=index, columns=pd.DatetimeIndex(self.context.dates)
        )

    @cached_property
    def norms(self) -> pd.DataFrame:
        """The reverse funnel, activity norms and planned clients per manager, with the rates
        behind them."""
        ctx = self.context
        return pd.DataFrame(
            {
                "manager_id": ctx.manager_ids,
                **self.norm_values,
                "avg_check": round_half_up(ctx.avg_check),
                "conversion": ctx.conversion,
                "calls_per_day_actual": ctx.calls_per_day,
                "first_purchase_share": ctx.first_purchase_share,
                "active_base": ctx.active_base,
            }
        )

    @cached_property
    def mix(self) -> pd.DataFrame:
        """manager_id, dimension, key, amount — the plan by product line or client segment."""
        ids = self.context.manager_ids
        parts = [
            pd.DataFrame(
                {
                    "manager_id": np.repeat(ids, len(keys)),
                    "dimension": dim,
                    "key": np.tile(np.asarray(keys, dtype=object), len(ids)),
                    "amount": amounts.ravel(),
                }
            )
            for dim, (keys, amounts) in self.mix_values.items()
        ]
        columns = ["manager_id", "dimension", "key", "amount"]
        return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=columns)

    def lines(self) -> pd.DataFrame:
        """``manager_id, date, amount`` for every working day with a planned amount."""
        long = self.days.stack().rename("amount").reset_index()
        long.columns = ["manager_id", "date", "amount"]
        return long[long["amount"] != 0].reset_index(drop=True)


def _capacity(ctx: PlanContext, inputs: PlanInputs) -> np.ndarray:
    """Funnel capacity per manager, kopecks: daily capacity × working days × presence, new hires
    × their ramp-up share."""
    ramp = np.asarray(inputs.ramp_up, dtype=float)
    new_hire = ctx.tenure < len(ramp)
    factor = ctx.presence.copy()
    factor[new_hire] *= ramp[ctx.tenure[new_hire]]
    return ctx.daily_capacity * ctx.working_days * factor


def proposing_method(ctx: PlanContext, inputs: PlanInputs) -> str:
    """``inputs.method`` when it can propose a plan for ``ctx``'s month, else the first of
    ``METHODS`` that can (history → trend → funnel → bottom-up); ``inputs.method`` when none can
    (``recompute`` then says why)."""
    totals, _ = _proposals(ctx, inputs, _capacity(ctx, inputs))
    return next((m for m in (inputs.method, *METHODS) if totals[m] is not None), inputs.method)


def _proposals(
    ctx: PlanContext, inputs: PlanInputs, capacity_kop: np.ndarray
) -> tuple[dict[str, int | None], dict[str, str]]:
    """The department total of every method in roubles (None when unavailable) and why not."""
    totals: dict[str, int | None] = dict.fromkeys(METHODS)
    notes: dict[str, str] = {}
    g = growth_multiplier(inputs.growth_factors(), inputs.combine)
    if ctx.last_year_total > 0 and ctx.days_ratio > 0:
        totals["history"] = history_total(ctx.last_year_total, g, ctx.days_ratio)
    else:
        notes["history"] = f"no_last_year:{ctx.last_year_month}"
    if ctx.trend_total is not None:
        totals["trend"] = int(round_half_up(ctx.trend_total / 100))
    else:
        notes["trend"] = ctx.trend_note
    if capacity_kop.sum() > 0:
        totals["funnel"] = int(round_half_up(capacity_kop.sum() / 100))
    else:
        notes["funnel"] = "no_won_deals"
    known = [m for m in ctx.manager_ids if m in inputs.commitments]
    if known:
        totals["bottom_up"] = int(round_half_up(sum(inputs.commitments[m] for m in known)))
    else:
        notes["bottom_up"] = "no_commitments"
    return totals, notes


def describe_note(note: str) -> str:
    """A method's note (``kind:value``, e.g. ``no_last_year:2025-10``) in Russian; "" for none."""
    if not note:
        return ""
    kind, _, value = note.partition(":")
    if kind == "no_last_year":  # «нет продаж в октябре 2025»
        return labels.PLAN_NOTES[kind].format(month=Month.parse(value).label_prepositional)
    if kind == "months_short":  # «… есть 5 месяцев»
        return labels.PLAN_NOTES[kind].format(months=labels.count(int(value), "month"))
    return labels.PLAN_NOTES[kind]


def fallback_note(result: PlanResult, default: str) -> str:
    """Why the plan is not by the ``default`` method (``params/plan.yaml``), in Russian; "" when
    that method can propose."""
    if result.proposal_totals[default] is not None:
        return ""
    return labels.PLAN_NOTES["fallback"].format(
        default=labels.PLAN_METHODS[default], reason=describe_note(result.proposal_notes[default]),
        method=labels.PLAN_METHODS[result.inputs.method])


def _check_manager_keys(ctx: PlanContext, mapping: dict[str, float], what: str) -> None:
    """``what`` (``overrides`` or ``commitments``) names only managers working in the month."""
    unknown = set(mapping) - set(ctx.manager_ids)
    if unknown:
        raise PlanError(labels.PLAN_ERRORS["not_active"].format(
            what=labels.PLAN_INPUTS[what], managers=", ".join(sorted(unknown)),
            month=Month.parse(ctx.month).label_prepositional))


def recompute(ctx: PlanContext, inputs: PlanInputs) -> PlanResult:
    """The plan for ``inputs`` on ``ctx``: proposal, decomposition, norms, realism. Pure numpy."""
    _check_manager_keys(ctx, inputs.overrides, "overrides")
    _check_manager_keys(ctx, inputs.commitments, "commitments")
    ids = ctx.manager_ids
    n = len(ids)
    capacity_kop = _capacity(ctx, inputs)
    totals, notes = _proposals(ctx, inputs, capacity_kop)
    total = totals[inputs.method]
    if total is None:
        raise PlanError(labels.PLAN_NOTES["unavailable"].format(
            method=labels.PLAN_METHODS[inputs.method], month=Month.parse(ctx.month).label_genitive,
            reason=describe_note(notes[inputs.method]),
        ))
    if total < 0:
        raise PlanError(labels.PLAN_ERRORS["negative_plan"].format(
            method=labels.PLAN_METHODS[inputs.method], total=fmt_rub(total * 100),
            month=Month.parse(ctx.month).label))

    if inputs.method == "bottom_up":
        fixed = np.array([inputs.commitments.get(m, 0.0) for m in ids], dtype=float)
        weights = np.zeros(n)
    else:
        fixed = np.array([inputs.overrides.get(m, np.nan) for m in ids], dtype=float)
        weights = {
            "history": ctx.history_share.astype(float),
            "capacity": capacity_kop,
            "equal": np.ones(n),
        }[inputs.key] * (ctx.presence > 0)
    plan = allocate_managers(total, weights, fixed)
    weeks, days = split_over_days(plan, ctx.available, ctx.week_of_day, list(ctx.names))

    names, amounts = waterfall(
        ctx.last_year_total,
        ctx.days_ratio,
        inputs.growth_factors(),
        inputs.combine,
        totals["history"] or 0,
    )
    if inputs.method != "history":
        names = [*names[:-1], f"method_{inputs.method}", "plan"]
        amounts = np.concatenate([amounts[:-1], [total * 100 - amounts[-1], total * 100]])

    plan_kop = plan * 100
    realism = inputs.realism
    norms = reverse_funnel(plan_kop, ctx.avg_check, ctx.conversion, ctx.per_entry, inputs.rates,
                           ctx.working_days)
    mix_values = {
        dim: (keys, largest_remainder(plan, shares) * 100) for dim, (keys, shares) in ctx.mix.items()
    }
    pipeline = int(round_half_up(ctx.pipeline.sum()))
    coverage = pipeline / (total * 100) if total else float("nan")
    return PlanResult(
        ctx,
        inputs,
        total=total * 100,
        proposal_totals=totals,
        proposal_notes=notes,
        waterfall_steps=(names, amounts),
        plan=plan_kop,
        capacity=round_half_up(capacity_kop),
        fixed=~np.isnan(fixed),
        above_best=(ctx.best_month > 0)
        & (plan_kop > ctx.best_month * (1 + realism.best_month_threshold)),
        above_capacity=plan_kop > capacity_kop * (1 + realism.capacity_threshold),
        week_amounts=weeks * 100,
        day_amounts=days * 100,
        norm_values=norms | planned_clients(norms["deals"], ctx.first_purchase_share, ctx.active_base),
        mix_values=mix_values,
        pipeline=pipeline,
        coverage=coverage,
        low_coverage=bool(total) and coverage < realism.min_pipeline_coverage,
    )
