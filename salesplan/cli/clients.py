"""``salesplan clients``: the clients of the 12 months to a month's end — ABC, XYZ, key, churn."""

import json
import math
from typing import Annotated

import typer

from salesplan import errors, labels, store
from salesplan.cli.app import DbOption, app, check_settings
from salesplan.control.clients import MONTHS, ClientParams, ClientTable, accounts
from salesplan.control.report import Control
from salesplan.money import fmt_rub
from salesplan.periods import Month

SHOWN = 20  # clients printed; --json gives them all


def _value(v):
    """JSON's value of a table cell: None for missing, plain Python numbers and dates."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    if hasattr(v, "isoformat"):
        return v.date().isoformat() if hasattr(v, "date") else v.isoformat()
    return v.item() if hasattr(v, "item") else v


def _records(frame, money: tuple[str, ...]) -> list[dict]:
    rows = [{k: _value(v) for k, v in r.items()} for r in frame.to_dict("records")]
    return [{k: (v / 100 if k in money and v is not None else v) for k, v in r.items()} for r in rows]


def as_json(found: ClientTable, params: ClientParams, names: dict[str, str],
            clients: dict[str, str]) -> dict:
    """The command's JSON: money in roubles, shares as fractions, every client, and per manager
    the key-account view."""
    rows = [{"client": clients.get(r["client_id"], r["client_id"]),
             "manager": names.get(r["manager_id"], r["manager_id"]), **r}
            for r in _records(found.table, ("revenue", "margin", "previous"))]
    managers = [{"manager": names.get(r["manager_id"], r["manager_id"]), **r}
                for r in _records(accounts(found, params), ("revenue", "previous", "key_revenue"))]
    return {"month": str(found.month), "basis": found.basis, "total": found.total / 100,
            "without_client": {"revenue": found.unassigned_revenue / 100,
                               "purchases": found.unassigned_purchases},
            "clients": rows, "managers": managers}


@app.command("clients")
def clients_(
    month: Annotated[str, typer.Option(help="The last month of the 12, YYYY-MM.")],
    department: Annotated[str, typer.Option(help="Department id; all when not given.")] = "",
    json_out: Annotated[bool, typer.Option("--json", help="Every client as JSON.")] = False,
    db: DbOption = None,
) -> None:
    """Clients over the 12 months to MONTH: revenue, share, ABC and XYZ classes, key clients, churn."""
    check_settings()
    period = Month.parse(month)
    ctl = Control.load(db or "", department)
    errors.check_department(department, store.read_table(ctl.eng, "departments")["id"])
    found = ctl.clients_of(str(period))
    if json_out:
        found_json = as_json(found, ctl.params.clients, ctl.names, ctl.clients)
        typer.echo(json.dumps(found_json, ensure_ascii=False, indent=2))
        return
    text, t = labels.CLIENTS, found.table
    buyers = t[t["revenue"] > 0]
    typer.echo(text["cli_title"].format(
        first=(period - (MONTHS - 1)).label_genitive, month=period.label, total=fmt_rub(found.total),
        n=labels.count(len(buyers), "client_of"), basis=text["cli_basis"][found.basis]))
    for r in t.head(SHOWN).itertuples():
        flags = " ".join(f for f, on in (("ключевой", r.key), ("риск оттока", r.churn)) if on)
        typer.echo(f"  {ctl.clients.get(r.client_id, r.client_id)[:40]:<40} {fmt_rub(r.revenue):>16}  "
                   f"{r.abc if isinstance(r.abc, str) else '—'}{r.xyz if isinstance(r.xyz, str) else '—'}  "
                   f"{flags}".rstrip())
    if len(t) > SHOWN:
        typer.echo(text["cli_more"].format(n=len(t) - SHOWN))
