"""``salesplan payplan template|import``: a manager's weekly payment plan as an XLSX template."""

from pathlib import Path
from typing import Annotated

import typer

from salesplan import labels, store
from salesplan.cli.app import DbOption, app, check_settings
from salesplan.config import reports_dir
from salesplan.money import fmt_rub
from salesplan.payplan import rows as R
from salesplan.payplan.template import import_template, write_template

payplan_app = typer.Typer(help="Managers' weekly payment plans: template and import (XLSX).",
                          no_args_is_help=True)
app.add_typer(payplan_app, name="payplan")
C = labels.PAYPLAN_CLI


def _totals(rows) -> dict[str, str]:
    return {"rows": labels.count(len(rows), "row"), "amount": fmt_rub(rows["amount"].sum()),
            "weighted": fmt_rub(R.weighted(rows).sum())}


@payplan_app.command("template")
def template(
    week: Annotated[str, typer.Option("--week", help="ISO week, YYYY-Www.")],
    manager: Annotated[str, typer.Option("--manager", help="The manager's id.")],
    out: Annotated[Path | None,
                   typer.Option("--out", help="Folder (default: reports/payment_plans).")] = None,
    db: DbOption = None,
) -> None:
    """Write the manager's plan for the week, pre-filled from the newest version submitted, else
    from the open deals and invoices expected that week with their stage probabilities."""
    check_settings()
    path, rows = write_template(store.engine(db), week, manager, out or reports_dir() / "payment_plans")
    typer.echo(C["template"].format(path=path, **_totals(rows)))


@payplan_app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(help="A filled template (XLSX).")],
    db: DbOption = None,
) -> None:
    """Submit the plan a filled template holds as its next version (all rows, or none if any is bad)."""
    check_settings()
    done, submission = import_template(store.engine(db), file)
    typer.echo(C["submitted"].format(
        kind=labels.PAYPLAN_KINDS[submission.kind], period=submission.period,
        manager=submission.manager_id, version=done.version, **_totals(done.rows)))
