"""``salesplan status``: what the store holds; ``salesplan import``: load an export into it;
``salesplan managers``: the roster's aliases."""

import json
from pathlib import Path
from typing import Annotated

import typer

from salesplan import store
from salesplan.cli.app import DbOption, app, check_settings
from salesplan.importing import ImportResult, import_file
from salesplan.importing.load import not_found
from salesplan.importing.profiles import CANONICAL
from salesplan.importing.references import ALIAS_SEPARATOR, NewManagers
from salesplan.importing.roster import add_aliases, roster
from salesplan.labels import IMPORT_SUMMARY, ROSTER_LIST

managers_app = typer.Typer(help="The roster: managers and the aliases exports use for them.",
                           no_args_is_help=True)
app.add_typer(managers_app, name="managers")


@app.command()
def status(
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
) -> None:
    """Row count of every table and the date range of the data."""
    eng = store.engine(db)
    counts, ranges = store.counts(eng), store.date_range(eng)
    if as_json:
        typer.echo(json.dumps({"db": str(eng.url), "counts": counts, "date_range": ranges},
                              ensure_ascii=False, indent=2))
        return
    typer.echo(f"База: {eng.url}")
    for name, n in counts.items():
        lo, hi = ranges.get(name, (None, None))
        span = f"  {lo} … {hi}" if lo else ""
        typer.echo(f"  {name:<12} {n:>10}{span}")


def _listing(names: list[str], shown: int = 10) -> str:
    more = f", {IMPORT_SUMMARY['more'].format(n=len(names) - shown)}" if len(names) > shown else ""
    return ", ".join(names[:shown]) + more


def import_summary(result: ImportResult) -> str:
    """The lines ``salesplan import`` prints about one import."""
    s = IMPORT_SUMMARY
    lines = [
        s["title"].format(table=result.table, file=result.file, format=result.format),
        f"  {s['read']}: {result.rows_read}",
        f"  {s['accepted']}: {result.rows_accepted}",
        *([f"  {s['calls' if result.legs else 'records']}: {result.records_accepted}"]
          if result.records_accepted not in (None, result.rows_accepted) else []),
        f"  {s['rejected']}: {result.rows_rejected}",
    ]
    if result.skipped_rows:
        rows = _listing([str(n) for n in result.skipped_rows])
        lines.append(f"  {s['skipped']}: {result.rows_skipped} — {s['rows']} {rows}")
    if result.rejects_path:
        lines.append("  " + s["rejects_at"].format(path=result.rejects_path))
    for key, names in (("new_managers", result.new_managers), ("new_clients", result.new_clients)):
        if names:
            lines.append(f"  {s[key]} ({len(names)}): {_listing(names)}")
    # added managers like someone in the roster may be him under another spelling; rejected ones all
    rejected = result.new_managers_rule is NewManagers.REJECT
    unresolved = {n: c for n, c in result.unresolved_managers.items() if c or rejected}
    if unresolved:
        lines.append(f"  {s['unresolved']} ({len(unresolved)}):")
        lines += [f"    {not_found(name, closest)}" for name, closest in unresolved.items()]
        if rejected:
            lines.append(f"    {s['new_managers_rejected']}")
    if result.ignored_columns:
        lines.append(f"  {s['ignored']}: {_listing(result.ignored_columns)}")
    return "\n".join(lines)


@app.command("import")
def import_(
    table: Annotated[
        str, typer.Argument(help="Table: " + ", ".join(store.DATA_TABLES) + ".", show_default=False)
    ],
    file: Annotated[Path, typer.Argument(help="The export: CSV, XLSX or an HTML table.", show_default=False)],
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            help="canonical, amocrm, bitrix24, bitrix24_excel, another profile in params/profiles, "
            "or a .yaml path.",
        ),
    ] = CANONICAL,
    rejects: Annotated[
        Path, typer.Option("--rejects", help="Folder for rejected_<table>.csv.")
    ] = Path("."),
    new_managers: Annotated[
        NewManagers,
        typer.Option("--new-managers", help="A manager not in the roster (by id, name or alias): "
                     "add him, or reject his rows."),
    ] = NewManagers.ADD,
    db: DbOption = None,
) -> None:
    """Import an export into a table. Exit code 0: all rows accepted; 3: some rejected; 2: file refused."""
    check_settings()
    result = import_file(store.engine(db), table, file, fmt, rejects, new_managers)
    typer.echo(import_summary(result))
    if result.rows_rejected:
        raise typer.Exit(3)


@managers_app.command("list")
def managers_list(db: DbOption = None) -> None:
    """The managers with their ids and aliases."""
    frame = roster(store.engine(db))
    if frame.empty:
        typer.echo(ROSTER_LIST["empty"])
        return
    typer.echo(ROSTER_LIST["header"])
    for row in frame.itertuples(index=False):
        aliases = f" {ALIAS_SEPARATOR} ".join(row.aliases) or ROSTER_LIST["no_aliases"]
        typer.echo(f"  {row.id}\t{row.name}\t{aliases}")


@managers_app.command("alias")
def managers_alias(
    manager_id: Annotated[str, typer.Argument(metavar="ID", help="The manager's id.", show_default=False)],
    aliases: Annotated[list[str], typer.Argument(
        metavar="ALIAS...", help="CRM user names or ids, telephony extensions or names, 1C names.",
        show_default=False)],
    db: DbOption = None,
) -> None:
    """Add aliases to a manager: imports then find him by any of them."""
    eng = store.engine(db)
    added = add_aliases(eng, manager_id, aliases)
    name = roster(eng).set_index("id").loc[manager_id, "name"]
    typer.echo(ROSTER_LIST["aliases"].format(manager=f"{name} ({manager_id})", aliases=", ".join(added)))
