"""``salesplan pay statements|penalty|whatif|approve|calc``: pay statements, disciplinary cuts,
the what-if, the payroll's approval and the pay calculator without the notebooks; ``salesplan
deck``: the monthly meeting deck."""

from __future__ import annotations

import json
from decimal import InvalidOperation
from pathlib import Path
from typing import Annotated

import typer

from salesplan import clock, store
from salesplan.cli.app import DbOption, app, check_settings
from salesplan.config import reports_dir
from salesplan.errors import SalesplanError
from salesplan.filenames import inside
from salesplan.labels import DECK, PAY_CLI, PAY_COLUMNS, PAY_ERRORS, PAY_TOTALS
from salesplan.money import fmt_rub, to_kopecks

pay_app = typer.Typer(help="Motivation: pay statements, disciplinary cuts, what-if.",
                      no_args_is_help=True)
app.add_typer(pay_app, name="pay")

MonthOption = Annotated[str, typer.Option("--month", help="The month, YYYY-MM.")]
DepartmentOption = Annotated[
    str, typer.Option("--department", help="Department id; all departments when omitted.")
]
OutOption = Annotated[
    Path | None, typer.Option("--out", help="Pack folder (default: reports/<month>).")
]


def _out(out: Path | None, month: str) -> Path:
    return out or inside(reports_dir(), month)


@pay_app.command("statements")
def statements(month: MonthOption, department: DepartmentOption = "", out: OutOption = None,
               db: DbOption = None) -> None:
    """Write every manager's pay statement and the payroll (XLSX) to <out>/payouts/."""
    check_settings()
    from salesplan.motivation.statements import write_pay_pack

    pack = write_pay_pack(store.engine(db), month, department, _out(out, month))
    for slip in pack.slips:
        typer.echo(f"  {slip.facts.name:<28} {fmt_rub(slip.total, kopecks_shown=True):>16}")
    for f in pack.missing:
        typer.echo(f"  {f.name:<28} {PAY_TOTALS['no_scheme']}")
    total = sum(s.total for s in pack.slips)
    typer.echo(PAY_CLI["written"].format(n=len(pack.statements), payroll=pack.payroll,
                                         total=fmt_rub(total, kopecks_shown=True)))


@pay_app.command("penalty")
def penalty(
    manager: Annotated[str, typer.Argument(help="Manager id.")],
    amount: Annotated[str, typer.Argument(help="Amount in roubles, e.g. 5000 or 5000,50.")],
    month: MonthOption,
    reason: Annotated[str, typer.Option("--reason", help="Why (shown on the statement's record).")],
    by: Annotated[str, typer.Option("--by", help="Who sets it.")] = PAY_CLI["head"],
    db: DbOption = None,
) -> None:
    """Record a disciplinary cut; the statement caps it at the scheme's share of the pay."""
    from salesplan.motivation.penalties import record_penalty

    try:
        kopecks = to_kopecks(amount.replace(" ", "").replace("\xa0", "").replace(",", "."))
    except InvalidOperation as exc:
        raise SalesplanError(PAY_ERRORS["penalty_text"].format(amount=amount)) from exc
    record_penalty(store.engine(db), month, manager, kopecks, reason, by)
    typer.echo(PAY_CLI["penalty"].format(manager=manager, month=month, amount=fmt_rub(kopecks)))


salaries_app = typer.Typer(help="Managers' salaries with the month each applies from.",
                           no_args_is_help=True)
pay_app.add_typer(salaries_app, name="salaries")


@salaries_app.command("import")
def salaries_import(
    file: Annotated[Path, typer.Argument(help="CSV or XLSX: менеджер, оклад, с месяца.")],
    db: DbOption = None,
) -> None:
    """Add or replace salaries from a file; nothing is stored while a cell is wrong."""
    from salesplan.motivation.salaries import import_salaries

    typer.echo(PAY_CLI["salaries"].format(n=import_salaries(store.engine(db), file)))


@salaries_app.command("list")
def salaries_list(db: DbOption = None) -> None:
    """Every manager's salaries, oldest first."""
    from salesplan.motivation.salaries import salary_table
    from salesplan.periods import Month

    table = salary_table(store.engine(db))
    if table.empty:
        typer.echo(PAY_CLI["no_salaries"])
    for r in table.itertuples(index=False):
        typer.echo(PAY_CLI["salary_row"].format(
            manager=r.manager_id, salary=fmt_rub(int(r.salary)),
            month=Month.parse(r.from_month).label_genitive))


@pay_app.command("whatif")
def whatif_command(
    month: MonthOption,
    department: DepartmentOption = "",
    scenario: Annotated[str, typer.Option("--scenario", help="Next month's saved scenario.")] = "",
    db: DbOption = None,
) -> None:
    """Each manager's pay at 80, 100 and 120 % of next month's plan, from the facts of --month."""
    check_settings()
    from salesplan.motivation.whatif import caption, next_month_whatif, shown

    result = next_month_whatif(store.engine(db), month, department, scenario)
    typer.echo(caption(result))
    if len(result.table):
        typer.echo(shown(result).to_string(index=False))


@pay_app.command("approve")
def approve_command(month: MonthOption, department: DepartmentOption = "", db: DbOption = None) -> None:
    """Approve a closed month's payroll: its statements are stored as they are now and the month
    is locked (a later change of its data is a correction in the next open month)."""
    check_settings()
    from salesplan.motivation.lock import approve
    from salesplan.motivation.schemes import load_schemes
    from salesplan.periods import Month

    done = approve(store.engine(db), load_schemes(), month, department)
    typer.echo(PAY_CLI["approved"].format(
        month=Month.parse(done.month).label, who=done.approved_by,
        at=done.approved_at.strftime("%d.%m.%Y %H:%M"), n=len(done.slips),
        total=fmt_rub(sum(s.total for s in done.slips), kopecks_shown=True)))


@pay_app.command("calc")
def calc(
    month: Annotated[str, typer.Option("--month", help="The month, YYYY-MM (default: this month).")] = "",
    manager: Annotated[str, typer.Option("--manager", help="Manager id: the store's facts.")] = "",
    fact: Annotated[str | None, typer.Option("--fact", help="The month's fact, roubles.")] = None,
    kpi: Annotated[list[str] | None, typer.Option(
        "--kpi", help="METRIC=VALUE: deals, new_clients, calls, call_score, margin, overdue, penalty."
    )] = None,
    as_json: Annotated[bool, typer.Option("--json", help="The statement as JSON.")] = False,
    scheme: Annotated[Path | None, typer.Option("--scheme", help="A scheme file to try, no store.")] = None,
    salary: Annotated[str | None, typer.Option("--salary", help="With --scheme: salary, roubles.")] = None,
    plan: Annotated[str | None, typer.Option("--plan", help="With --scheme: the plan, roubles.")] = None,
    db: DbOption = None,
) -> None:
    """A statement line by line for the facts given instead of the store's (--manager), or a
    scheme tried on made-up numbers (--scheme --salary --plan)."""
    from salesplan.motivation import calculator as calc_
    from salesplan.motivation.schemes import load_scheme, load_schemes
    from salesplan.motivation.statements import statement_rows
    from salesplan.periods import Month

    month = month or str(Month.of(clock.today()))
    kpis = calc_.parse_kpis(kpi or [])
    given = None if fact is None else calc_.parse_money(fact, f"--fact {fact}")
    if manager and scheme is None:
        check_settings()
        slip = calc_.statement(store.engine(db), load_schemes(), manager, month, given, kpis)
    elif scheme is not None and salary is not None and plan is not None and not manager:
        slip = calc_.trial(load_scheme(scheme), month, calc_.parse_money(salary, f"--salary {salary}"),
                           calc_.parse_money(plan, f"--plan {plan}"), given or 0, kpis)
    else:
        raise SalesplanError(PAY_ERRORS["calc_options"])
    if as_json:
        typer.echo(json.dumps(calc_.as_json(slip), ensure_ascii=False, indent=1))
        return
    import pandas as pd

    typer.echo(f"{PAY_TOTALS['statement']} — {slip.facts.name}, {Month.parse(slip.facts.month).label}")
    rows = pd.DataFrame(statement_rows(slip)).rename(columns=PAY_COLUMNS)
    typer.echo(rows.to_string(index=False))
    for key, amount in (("accrued", slip.accrued), ("deducted", slip.deducted), ("total", slip.total)):
        typer.echo(f"{PAY_TOTALS[key]}: {fmt_rub(amount, kopecks_shown=True)}")


@app.command("deck")
def deck(month: MonthOption, department: DepartmentOption = "", out: OutOption = None,
         db: DbOption = None) -> None:
    """Write the monthly meeting deck (PowerPoint and an HTML page) to the pack folder."""
    check_settings()
    from salesplan.deck.pack import write_deck

    files = write_deck(store.engine(db), month, department, _out(out, month))
    typer.echo(DECK["written"].format(pptx=files.pptx, html=files.html))
