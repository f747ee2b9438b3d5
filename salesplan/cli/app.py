"""The typer application and the options every command shares."""

from typing import Annotated

import typer

from salesplan import clock

app = typer.Typer(
    name="salesplan",
    help="Sales plans, plan-vs-fact reports, meeting decks, attestation and call reviews.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        envvar="SALESPLAN_DB",
        help="Database URL (default: sqlite:///data/salesplan.db).",
        show_default=False,
    ),
]


def _as_of(value: str | None) -> str | None:
    """Set the one clock for the command and every kernel and server it starts."""
    if value:
        clock.set_today(clock.parse(value))
    return value


@app.callback()
def _root(
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            callback=_as_of,
            help="Run as of this date (YYYY-MM-DD) or moment (YYYY-MM-DDTHH:MM): every default "
            "that depends on today follows it. Same as $SALESPLAN_TODAY.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """salesplan: plans, reports and coaching for a B2B sales department."""


def check_settings() -> None:
    """Validate every parameter file before a command does any work: a bad one stops it with
    exit code 2 and a message naming each problem (``salesplan.settings``)."""
    from salesplan.settings import check_settings as check  # the area models load only when used

    check()
