"""``salesplan reviews import|export``: call reviews to and from spreadsheets."""

from pathlib import Path
from typing import Annotated

import typer

from salesplan import labels, store
from salesplan.cli.app import DbOption, app, check_settings
from salesplan.periods import Month
from salesplan.reviews import io

reviews_app = typer.Typer(help="Call reviews: import and export (CSV or XLSX).", no_args_is_help=True)
app.add_typer(reviews_app, name="reviews")


@reviews_app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(help="CSV or XLSX, one row per review.")],
    db: DbOption = None,
) -> None:
    """Import reviews in one transaction: all rows, or none if any row is bad."""
    check_settings()
    summary = io.import_reviews(store.engine(db), file)
    typer.echo(labels.REVIEW_CLI["imported"].format(
        file=file, read=summary.read, added=summary.added, revised=summary.revised,
        unchanged=summary.unchanged))


@reviews_app.command("export")
def export(
    file: Annotated[Path, typer.Argument(help="Output file: .xlsx or .csv.")],
    month: Annotated[str | None, typer.Option(help="Only calls of this month, YYYY-MM.")] = None,
    db: DbOption = None,
) -> None:
    """Export the current reviews, one row per review with every criterion."""
    check_settings()
    if month is not None:
        month = str(Month.parse(month))
    rows = io.export_reviews(store.engine(db), file, month)
    typer.echo(labels.REVIEW_CLI["exported"].format(file=file, rows=rows))
