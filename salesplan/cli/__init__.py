"""Command line: ``salesplan COMMAND``. Each module of this package registers its commands."""

import sys

import typer

from salesplan.cli import (
    attestation,  # noqa: F401  (registers attestation import-tests, sheets, finalise, history)
    audit,  # noqa: F401  (registers audit)
    check,  # noqa: F401  (registers check)
    clients,  # noqa: F401  (registers clients)
    data,  # noqa: F401  (registers import, status)
    db,  # noqa: F401  (registers db upgrade, db status, db roles)
    pay,  # noqa: F401  (registers pay statements, pay penalty, pay whatif, deck)
    payplan,  # noqa: F401  (registers payplan template, payplan import)
    plan,  # noqa: F401  (registers plan propose, approve, export, check, versions, compare)
    protocol,  # noqa: F401  (registers protocol template, import, list, close, postpone)
    reviews,  # noqa: F401  (registers reviews import, reviews export)
    runs,  # noqa: F401  (registers run, demo)
    send,  # noqa: F401  (registers send)
    team,  # noqa: F401  (registers serve, team password)
)
from salesplan.cli.app import app
from salesplan.errors import SalesplanError


def main() -> None:
    """Entry point: user errors become a message on stderr and their exit code, never a traceback."""
    try:
        app()
    except SalesplanError as exc:
        typer.echo(f"Ошибка: {exc}", err=True)
        sys.exit(exc.exit_code)
