"""``salesplan serve``: the team server (JupyterHub) on this machine; ``salesplan team password``."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from salesplan import config, migrations, store
from salesplan.cli.app import DbOption, app, check_settings
from salesplan.errors import SalesplanError
from salesplan.labels import TEAM_CLI, TEAM_ERRORS

team_app = typer.Typer(help="The team server's users: their passwords.", no_args_is_help=True)
app.add_typer(team_app, name="team")

StateOption = Annotated[
    Path | None,
    typer.Option("--state", envvar="SALESPLAN_HUB_STATE", show_default=False,
                 help="The server's state folder, outside the project (default: "
                      "~/.local/state/salesplan/hub): hub database, passwords, the roles' folders."),
]


class TeamError(SalesplanError):
    """The team server cannot start or a password cannot be set as asked."""


def _state(state: Path | None) -> Path:
    from salesplan.hub import passwords

    return (state or passwords.state_dir()).resolve()


@team_app.command()
def password(
    login: Annotated[str, typer.Argument(help="A login of params/team.yaml.")],
    state: StateOption = None,
) -> None:
    """Set LOGIN's password (asked twice, not shown); the server keeps its scrypt hash."""
    from salesplan.hub import passwords
    from salesplan.team import team

    check_settings()
    known = team().users
    if login not in known:
        raise TeamError(TEAM_ERRORS["unknown_user"].format(login=login, known=", ".join(sorted(known))))
    secret = typer.prompt(TEAM_CLI["password_prompt"].format(login=login), hide_input=True,
                          confirmation_prompt=TEAM_CLI["password_again"].format(login=login))
    if not secret:
        raise TeamError(TEAM_ERRORS["empty_password"])
    path = passwords.set_password(_state(state), login, secret)
    typer.echo(TEAM_CLI["password_set"].format(login=login, file=path))


@app.command()
def serve(db: DbOption = None, state: StateOption = None) -> None:
    """The team server: JupyterHub with the apps and JupyterLab for the logins of params/team.yaml,
    on the address and port given there, serving the store --db (SQLite or PostgreSQL)."""
    from salesplan.hub import server
    from salesplan.hub.passwords import STATE_ENV
    from salesplan.hub.roots import DB_ENV, HOME_ENV
    from salesplan.team import team

    check_settings()
    hub = Path(sys.executable).with_name("jupyterhub")
    if not hub.exists():
        raise TeamError(TEAM_ERRORS["no_hub"])
    proxy = server.proxy_path()
    if not proxy.exists():
        raise TeamError(TEAM_ERRORS["no_proxy"].format(path=proxy))
    url = db or config.default_db_url()
    eng = store.engine(url)  # a new store gets its schema; an old one is refused here, not in a kernel
    folder = _state(state)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    env = {**os.environ, DB_ENV: url, STATE_ENV: str(folder), HOME_ENV: str(config.project_root()),
           server.PROXY_ENV: str(proxy)}
    where = team().server
    typer.echo(TEAM_CLI["serving"].format(ip=where.ip, port=where.port, db=migrations.shown(eng),
                                          state=folder), err=True)
    eng.dispose()
    os.chdir(folder)
    # the hub takes this process's place: a signal to it stops the users' servers and the proxy
    os.execve(hub, [str(hub), "-f", str(Path(server.__file__).with_name("jupyterhub_config.py"))], env)
