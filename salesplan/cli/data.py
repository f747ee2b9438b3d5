"""``salesplan status``: what the store holds."""

import json
from typing import Annotated

import typer

from salesplan import store
from salesplan.cli.app import DbOption, app


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
