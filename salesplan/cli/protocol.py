"""``salesplan protocol template|import|list|close|postpone``: meeting protocols and their items."""

import json
from datetime import date
from pathlib import Path
from typing import Annotated

import pandas as pd
import typer

from salesplan import clock, labels, store
from salesplan.cli.app import DbOption, app
from salesplan.errors import SalesplanError
from salesplan.protocol import pages, sheet
from salesplan.protocol.repository import CANCELLED, DONE, OPEN, change, owner_id

protocol_app = typer.Typer(help="Meeting protocols: decisions, tasks, promises, deviations.",
                           no_args_is_help=True)
app.add_typer(protocol_app, name="protocol")
T = labels.PROTOCOL_CLI
LIST_LIMIT = 200  # lines of the human list; --json gives every item


@protocol_app.command("template")
def template(
    file: Annotated[Path, typer.Argument(help="The XLSX to write.")] = Path("protocol.xlsx"),
    db: DbOption = None,
) -> None:
    """Write the protocol template to fill in Excel (with the managers' ids and names)."""
    path = sheet.write_template(store.engine(db), file)
    typer.echo(T["template"].format(file=path))


@protocol_app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(help="A filled template (.xlsx or .csv).")],
    db: DbOption = None,
) -> None:
    """Import protocols in one transaction: all rows, or none if any cell is bad."""
    summary = sheet.import_protocols(store.engine(db), file)
    typer.echo(T["imported"].format(file=file, meetings=summary.meetings, added=summary.added,
                                    skipped=summary.skipped))


def _value(value):
    """A frame's cell as JSON: None for a missing one, dates as ISO text, numpy numbers as Python's."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    return value.item() if hasattr(value, "item") else value


JSON_COLUMNS = ["id", "meeting_kind", "held_on", "department_id", "kind", "text", "owner_id",
                "deadline", "amount", "metric", "plan_value", "fact_value", "status", "standing",
                "days", "changed_on", "note"]


@protocol_app.command("list")
def list_(
    open_only: Annotated[bool, typer.Option("--open", help="Only the items still open.")] = False,
    owner: Annotated[str | None, typer.Option("--owner", help="Only this manager's items (id).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="The items as JSON.")] = False,
    db: DbOption = None,
) -> None:
    """Every item with how it stands today: overdue, due, done, cancelled (amounts in kopecks
    in the JSON)."""
    eng = store.engine(db)
    day = clock.today()
    if owner:
        owner = owner_id(eng, owner)
    frame = pages.listing(eng, day, open_only, owner)
    if as_json:
        items = [{c: _value(row[c]) for c in JSON_COLUMNS} for row in frame.to_dict("records")]
        typer.echo(json.dumps({"date": day.isoformat(), "items": items}, ensure_ascii=False, indent=2))
        return
    if frame.empty:
        typer.echo(T["empty"])
        return
    shown = pages.rows(frame, pages.manager_names(eng))
    for row in shown.head(LIST_LIMIT).itertuples(index=False):
        amount = f"  {row.amount}" if row.amount else ""
        typer.echo(f"{row.id}  {row.meeting}  {row.kind}  {row.owner}  {row.deadline}  "
                   f"{row.standing}{amount}\n    {row.text}")
    if len(shown) > LIST_LIMIT:
        typer.echo(T["more"].format(n=len(shown) - LIST_LIMIT))


@protocol_app.command("close")
def close(
    item: Annotated[int, typer.Argument(help="The item's number (salesplan protocol list).")],
    note: Annotated[str, typer.Option("--note", help="What was done, or why not.")] = "",
    cancel: Annotated[bool, typer.Option("--cancel", help="Cancelled rather than done.")] = False,
    db: DbOption = None,
) -> None:
    """Close an item as done (or cancelled); its history keeps every change."""
    status = CANCELLED if cancel else DONE
    change(store.engine(db), item, status, note)
    typer.echo(T["closed"].format(item=item, status=labels.STANDINGS[status]))


@protocol_app.command("postpone")
def postpone(
    item: Annotated[int, typer.Argument(help="The item's number (salesplan protocol list).")],
    deadline: Annotated[str, typer.Argument(help="The new deadline, YYYY-MM-DD.")],
    note: Annotated[str, typer.Option("--note", help="Why it moves.")] = "",
    db: DbOption = None,
) -> None:
    """Give an open item a new deadline (the old one stays in its history)."""
    try:
        new = date.fromisoformat(deadline)
    except ValueError:
        raise SalesplanError(labels.ERRORS["not_a_date"].format(value=deadline)) from None
    change(store.engine(db), item, OPEN, note, new)
    typer.echo(T["postponed"].format(item=item, deadline=f"{new:%d.%m.%Y}"))
