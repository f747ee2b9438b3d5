"""``salesplan plan propose|approve|export|check|versions|compare``: the plan model without the notebook."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, get_args

import typer
from pydantic import ValidationError

from salesplan import labels, store
from salesplan.cli.app import DbOption, app, check_settings
from salesplan.config import reports_dir
from salesplan.errors import PlanError
from salesplan.filenames import inside
from salesplan.money import fmt_rub, whole_roubles
from salesplan.periods import Month
from salesplan.plan import (
    PlanInputs,
    Planner,
    PlanResult,
    approve,
    approve_result,
    approved_plan,
    compare,
    list_plans,
    load_plan,
    read_commitments,
    save_scenario,
    version_history,
)
from salesplan.plan.export import check_workbook, export_plan
from salesplan.plan.model import describe_note, fallback_note
from salesplan.plan.params import FACTORS
from salesplan.plan.period_plan import PeriodPlan, approve_period, propose_period

E = labels.PLAN_ERRORS

plan_app = typer.Typer(help="The sales plan: propose, approve, export, check.", no_args_is_help=True)
app.add_typer(plan_app, name="plan")

MonthOption = Annotated[
    str | None, typer.Option("--month", help="Month to plan, YYYY-MM (default: the next one).")
]
DepartmentOption = Annotated[
    str | None, typer.Option("--department", help="Department id (default: the company's).")
]
MethodOption = Annotated[
    str | None, typer.Option("--method", help="history | trend | funnel | bottom_up.")
]
GrowthOption = Annotated[
    float | None,
    typer.Option("--growth", help="Total growth, e.g. 0.1 for +10 % (replaces the factors)."),
]
FactorOption = Annotated[
    list[str] | None,
    typer.Option("--factor", help=f"A growth factor NAME=FRACTION, over those of params/plan.yaml: "
                                  f"{', '.join(FACTORS)} or any name of your own."),
]
KeyOption = Annotated[str | None, typer.Option("--key", help="history | capacity | equal.")]
CommitmentsOption = Annotated[
    Path | None,
    typer.Option("--commitments", help="CSV/XLSX of managers' commitments (manager, amount)."),
]
AuthorOption = Annotated[str, typer.Option("--author", help="Who saves or approves.")]


def _parse_factors(items: list[str] | None) -> dict[str, float]:
    factors: dict[str, float] = {}
    for item in items or []:
        name, sign, value = item.partition("=")
        if not sign or not name.strip():
            raise PlanError(E["bad_factor"].format(item=item))
        try:
            factors[name.strip()] = float(value.replace(",", "."))
        except ValueError as exc:
            raise PlanError(E["bad_factor"].format(item=item)) from exc
    return factors


def _month(planner: Planner, month: str | None) -> str:
    """``--month`` checked (``PlanError`` naming it when it is not YYYY-MM), else the next month."""
    return str(Month.parse(month)) if month else planner.next_month()


def _option_problem(err: dict) -> str:
    """One invalid plan input as ``--option «value»: what is expected``."""
    option = ".".join(str(p) for p in err["loc"])
    if err["type"] == "value_error":  # the model's own checks: their message names the value
        return E["bad_option"].format(option=option, value=err["input"], why=err["ctx"]["error"])
    field = PlanInputs.model_fields.get(str(err["loc"][0]))
    choices = get_args(field.annotation) if field is not None else ()
    why = E["one_of"].format(choices=", ".join(map(str, choices))) if choices else err["msg"]
    return E["bad_option"].format(option=option, value=err["input"], why=why)


def _changes(planner: Planner, method, growth, factor, key, commitments) -> dict:
    """The plan inputs the options set (the rest are ``params/plan.yaml``'s)."""
    changes: dict = {}
    if method:
        changes["method"] = method
    if key:
        changes["key"] = key
    if growth is not None:
        changes["growth"] = growth
    if factor:
        changes["factors"] = _parse_factors(factor)
    if commitments:
        changes["commitments"] = read_commitments(commitments, planner.history.managers)
    return changes


def _checked(build):
    """``build()``, a bad month, method or key as a ``PlanError`` naming the option."""
    try:
        return build()
    except ValidationError as exc:
        raise PlanError("; ".join(_option_problem(err) for err in exc.errors())) from exc


def _propose(
    db: str | None,
    month: str | None,
    department: str | None,
    method: str | None,
    growth: float | None,
    factor: list[str] | None,
    key: str | None,
    commitments: Path | None,
) -> tuple[Planner, PlanResult]:
    planner = Planner.from_store(store.engine(db))
    changes = _changes(planner, method, growth, factor, key, commitments)
    inputs = _checked(lambda: planner.inputs(month, department, **changes))
    return planner, planner.propose(inputs)


def _propose_period(db, period, department, method, growth, factor, key, commitments) -> PeriodPlan:
    planner = Planner.from_store(store.engine(db))
    changes = _changes(planner, method, growth, factor, key, commitments)
    return _checked(lambda: propose_period(planner, period, department, **changes))


def _period_json(plan: PeriodPlan) -> dict:
    names = {m: n for r in plan.months for m, n in zip(r.managers["manager_id"], r.managers["name"],
                                                         strict=True)}
    table = plan.by_manager()
    return {
        "period": str(plan.period),
        "department": plan.months[0].inputs.department,
        "currency": "RUB",
        "total": whole_roubles(plan.total),
        "months": {m: whole_roubles(v) for m, v in plan.by_month().items()},
        "managers": {names.get(m, m): {**{c: whole_roubles(v) for c, v in row.items()},
                                       "total": whole_roubles(row.sum())}
                     for m, row in table.iterrows()},
    }


def _print_period(plan: PeriodPlan) -> None:
    typer.echo(labels.PLAN_UI["period_total"].format(period=plan.period.label,
                                                     department=plan.months[0].inputs.department,
                                                     total=fmt_rub(plan.total)))
    for result in plan.months:
        typer.echo(f"  {Month.parse(result.inputs.month).label:<16} {fmt_rub(result.total):>18}  "
                   f"{labels.PLAN_METHODS[result.inputs.method]}")


def _as_json(result: PlanResult) -> dict:
    """The proposal in roubles; managers by name (``name (id)`` when two share a name)."""
    frame = result.managers
    twice = frame["name"].duplicated(keep=False)
    names = frame["name"].where(~twice, frame["name"] + " (" + frame["manager_id"] + ")")
    names.index = frame["manager_id"]
    return {
        "month": result.inputs.month,
        "department": result.inputs.department,
        "method": result.inputs.method,
        "factors": result.inputs.growth_factors(),
        "currency": "RUB",
        "total": whole_roubles(result.total),
        "managers": {names[m]: whole_roubles(v) for m, v in zip(result.context.manager_ids, result.plan,
                                                             strict=True)},
        "weeks": {w: whole_roubles(v) for w, v in result.weeks.sum(axis=0).items()},
        "days": {d.date().isoformat(): whole_roubles(v) for d, v in result.days.sum(axis=0).items()},
        "proposals": {
            row.method: None if not row.available else whole_roubles(row.total)
            for row in result.proposals.itertuples(index=False)
        },
    }


def _print(planner: Planner, result: PlanResult) -> None:
    ui = labels.PLAN_UI
    typer.echo(f"{ui['total']} на {result.inputs.month} ({result.inputs.department}): "
               f"{fmt_rub(result.total)}  — {labels.PLAN_METHODS[result.inputs.method]}")
    note = fallback_note(result, planner.params.method)
    if note:
        typer.echo(note)
    for row in result.proposals.itertuples(index=False):
        shown = fmt_rub(row.total) if row.available else "—"
        typer.echo(f"  {labels.PLAN_METHODS[row.method]:<22} {shown:>18}  {describe_note(row.note)}".rstrip())
    typer.echo("")
    for row in result.managers.itertuples(index=False):
        flags = [labels.PLAN_FLAGS[f] for f in ("above_best", "above_capacity") if getattr(row, f)]
        typer.echo(f"  {row.name:<28} {fmt_rub(row.plan):>16}  {', '.join(flags)}")
    typer.echo("")
    for week, amount in result.weeks.sum(axis=0).items():
        typer.echo(f"  {week}  {fmt_rub(amount):>16}")
    if planner.history.unassigned:
        typer.echo(labels.PLAN_NOTES["unassigned"].format(amount=fmt_rub(planner.history.unassigned)))


PeriodOption = Annotated[
    str | None,
    typer.Option("--period", help="A quarter, half or year to plan month by month: 2027-Q1, 2027-H1, 2027."),
]


@plan_app.command("propose")
def propose_(
    month: MonthOption = None,
    period: PeriodOption = None,
    department: DepartmentOption = None,
    method: MethodOption = None,
    growth: GrowthOption = None,
    factor: FactorOption = None,
    key: KeyOption = None,
    commitments: CommitmentsOption = None,
    save: Annotated[str | None, typer.Option("--save", help="Save as scenario NAME.")] = None,
    author: AuthorOption = labels.ROLES["head"],
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
    db: DbOption = None,
) -> None:
    """Propose the department plan for a month (or each month of --period) and decompose it to
    managers, weeks and days."""
    check_settings()
    if period:
        plan = _propose_period(db, period, department, method, growth, factor, key, commitments)
        if save:
            for result in plan.months:
                save_scenario(store.engine(db), result, save, author)
        if as_json:
            typer.echo(json.dumps(_period_json(plan), ensure_ascii=False, indent=2))
        else:
            _print_period(plan)
        return
    planner, result = _propose(db, month, department, method, growth, factor, key, commitments)
    if save:
        save_scenario(store.engine(db), result, save, author)
    if as_json:
        typer.echo(json.dumps(_as_json(result), ensure_ascii=False, indent=2))
    else:
        _print(planner, result)


@plan_app.command("approve")
def approve_(
    month: MonthOption = None,
    period: PeriodOption = None,
    department: DepartmentOption = None,
    scenario: Annotated[
        str | None, typer.Option("--scenario", help="Approve the latest version of this scenario.")
    ] = None,
    method: MethodOption = None,
    growth: GrowthOption = None,
    factor: FactorOption = None,
    key: KeyOption = None,
    commitments: CommitmentsOption = None,
    name: Annotated[str, typer.Option("--name", help="Scenario name of a plan approved directly.")]
    = labels.PLAN_UI["default_scenario"],
    author: AuthorOption = labels.ROLES["head"],
    db: DbOption = None,
) -> None:
    """Approve a plan: a saved scenario (--scenario), or the one proposed with these options
    (for each month of --period)."""
    check_settings()
    eng = store.engine(db)
    if period:
        plan = _propose_period(db, period, department, method, growth, factor, key, commitments)
        approve_period(eng, plan, name, author)
        typer.echo(labels.PLAN_UI["period_approved"].format(period=plan.period.label,
                                                            total=fmt_rub(plan.total)))
        _print_period(plan)
        return
    if scenario:
        planner = Planner.from_store(eng)
        month = _month(planner, month)
        plans = list_plans(eng, month, planner.department(department))
        chosen = plans[(plans["name"] == scenario) & (plans["status"] == "scenario")]
        if chosen.empty:
            saved = sorted(set(plans.loc[plans["status"] == "scenario", "name"]))
            raise PlanError(E["no_scenario"].format(
                month=Month.parse(month).label, name=scenario, known=", ".join(saved) or "—"))
        plan_id = approve(eng, int(chosen.sort_values("version").iloc[-1]["id"]), author)
    else:
        _, result = _propose(db, month, department, method, growth, factor, key, commitments)
        plan_id = approve_result(eng, result, name, author)
    plan = load_plan(eng, plan_id)
    typer.echo(labels.PLAN_UI["approved"].format(month=Month.parse(plan.month).label, version=plan.version)
               + f" {fmt_rub(plan.total)}")


@plan_app.command("export")
def export_(
    month: MonthOption = None,
    department: DepartmentOption = None,
    out: Annotated[Path | None, typer.Option("--out", help="Folder (default reports/plans/<month>/).")]
    = None,
    pdf: Annotated[bool, typer.Option("--pdf", help="Also print the sheets to PDF.")] = False,
    db: DbOption = None,
) -> None:
    """Write the approved plan of a month: the Excel workbook and each manager's A4 plan sheet."""
    check_settings()
    eng = store.engine(db)
    planner = Planner.from_store(eng)
    month = _month(planner, month)
    plan = approved_plan(eng, month, planner.department(department))
    if plan is None:
        raise PlanError(E["no_approved"].format(month=Month.parse(month).label))
    files = export_plan(eng, plan, out or inside(reports_dir(), "plans", month), pdf=pdf)
    typer.echo(labels.PLAN_UI["exported"].format(files=""))
    for path in files:
        typer.echo(f"  {path}")


@plan_app.command("check")
def check_(
    file: Annotated[Path, typer.Argument(help="A plan workbook, possibly edited in Excel.")],
) -> None:
    """Check that every level of a plan workbook sums to its parent; exit 3 on mismatches."""
    check_settings()
    issues = check_workbook(file)
    if issues.empty:
        typer.echo(labels.PLAN_CHECK["ok"])
        return
    typer.echo(labels.PLAN_CHECK["issues"].format(count=len(issues)))
    for row in issues.itertuples(index=False):
        typer.echo(
            f"  {labels.PLAN_LEVELS[row.level]}: {row.manager_id} {row.key}  "
            f"{fmt_rub(row.expected)} → {fmt_rub(row.actual)} ({fmt_rub(row.difference)})"
        )
    raise typer.Exit(3)


@plan_app.command("versions")
def versions_(
    month: MonthOption = None,
    department: DepartmentOption = None,
    db: DbOption = None,
) -> None:
    """Approved versions of a month and what changed from one to the next."""
    check_settings()
    eng = store.engine(db)
    planner = Planner.from_store(eng)
    month = _month(planner, month)
    for row in version_history(eng, month, planner.department(department)).itertuples(index=False):
        typer.echo(
            f"  v{row.version}  {row.created_at:%d.%m.%Y %H:%M}  {row.author:<28} "
            f"{fmt_rub(row.total):>16}  {fmt_rub(row.delta):>14}  {row.inputs_changed}"
        )


@plan_app.command("compare")
def compare_(
    a: Annotated[int, typer.Argument(help="Plan id A.")],
    b: Annotated[int, typer.Argument(help="Plan id B.")],
    db: DbOption = None,
) -> None:
    """Two saved plans side by side: totals, per-manager deltas, changed inputs."""
    diff = compare(store.engine(db), a, b)
    typer.echo(f"{fmt_rub(diff.a.total)} → {fmt_rub(diff.b.total)} ({fmt_rub(diff.delta_total)})")
    for row in diff.managers.itertuples(index=False):
        typer.echo(f"  {row.name:<28} {fmt_rub(row.a):>16} {fmt_rub(row.b):>16} {fmt_rub(row.delta):>14}")
    for row in diff.inputs.itertuples(index=False):
        typer.echo(f"  {row.input}: {row.a} → {row.b}")
