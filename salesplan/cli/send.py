"""``salesplan send``: e-mail each manager their papers and each department its team pack."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from salesplan import store
from salesplan.cli.app import DbOption, app, check_settings
from salesplan.config import reports_dir


@app.command("send")
def send(
    month: Annotated[str, typer.Option("--month", help="The month, YYYY-MM.")],
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help="List what would go where; send and log nothing.")] = False,
    again: Annotated[bool, typer.Option("--again", help="Send again what was already sent.")] = False,
    department: Annotated[str, typer.Option(help="Department id; all departments when omitted.")] = "",
    pack: Annotated[Path | None, typer.Option(
        "--pack", help="Pack folder (default: reports/<month>).", show_default=False)] = None,
    db: DbOption = None,
) -> None:
    """E-mail the month's pack (params/delivery.yaml): personal/<id>/ to each manager at the
    roster's address, team/ to each department; each message is logged, and a run again sends
    only what has not gone. Exit code 1 when a message was refused or a recipient has no address."""
    check_settings()
    from salesplan.delivery.params import delivery_params
    from salesplan.delivery.sending import lines, send_pack
    from salesplan.periods import Month

    period = Month.parse(month)
    report = send_pack(store.engine(db), period, pack or reports_dir() / str(period), delivery_params(),
                       department, dry_run=dry_run, again=again)
    for line in lines(report):
        typer.echo(line)
    if not report.ok:
        raise typer.Exit(1)
