"""``salesplan audit``: who approved, finalised, cut or edited what, and when."""

import json
from datetime import datetime
from typing import Annotated

import typer

from salesplan import audit, labels, store
from salesplan.cli.app import DbOption, app
from salesplan.errors import SalesplanError


def render(entries, since: str | None) -> str:
    """One line per entry: time, login, action, subject, and the changes as JSON."""
    text = labels.AUDIT
    shown = text["since"].format(since=since) if since else ""
    if entries.empty:
        return text["empty"].format(since=shown)
    lines = [text["title"].format(since=shown, count=labels.count(len(entries), "entry")),
             "  ".join(text["columns"])]
    for e in entries.itertuples():
        details = json.dumps(e.details, ensure_ascii=False, sort_keys=True)
        lines.append(f"{e.at:%Y-%m-%d %H:%M:%S}  {e.login}  {text['actions'][e.action]}  "
                     f"{e.subject}  {details}")
    return "\n".join(lines)


@app.command("audit")
def audit_(
    since: Annotated[str | None, typer.Option(help="From this date or moment (YYYY-MM-DD[THH:MM]).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Entries as JSON.")] = False,
    db: DbOption = None,
) -> None:
    """The audit trail: plan approvals, finalised attestation sheets, disciplinary cuts, edited reviews."""
    try:
        start = datetime.fromisoformat(since) if since else None
    except ValueError:
        raise SalesplanError(labels.AUDIT["bad_since"].format(value=since)) from None
    eng = store.open_engine(db)
    with store.reachable(eng):
        entries = audit.trail(eng, start)
    if as_json:
        records = [dict(r, at=r["at"].isoformat()) for r in entries.to_dict("records")]
        typer.echo(json.dumps({"since": since, "entries": records}, ensure_ascii=False, indent=2))
    else:
        typer.echo(render(entries, since))
