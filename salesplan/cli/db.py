"""``salesplan db upgrade``: bring a database's schema to this version; ``salesplan db status``;
``salesplan db roles``: the department's roles and their grants on PostgreSQL (``salesplan.roles``)."""

import typer

from salesplan import migrations, store
from salesplan.cli.app import DbOption, app
from salesplan.labels import DB_CLI, ROLES_CLI

db_app = typer.Typer(help="The database's schema: its version, and upgrading it.", no_args_is_help=True)
app.add_typer(db_app, name="db")


@db_app.command()
def upgrade(db: DbOption = None) -> None:
    """Bring the database's schema to this version of salesplan (a new database gets it whole)."""
    eng = store.open_engine(db)
    with store.reachable(eng):
        before = migrations.upgrade(eng)
    shown, head = migrations.shown(eng), migrations.HEAD
    message = {"current": "current", "empty": "created", "foreign": "created", "unversioned": "adopted"}
    typer.echo(DB_CLI[message.get(before.state, "upgraded")].format(
        db=shown, found=before.revision, base=migrations.BASE, head=head))


@db_app.command()
def status(db: DbOption = None) -> None:
    """The database's schema version; exit code 1 when it needs an upgrade (changes nothing)."""
    eng = store.open_engine(db)
    with store.reachable(eng), eng.connect() as conn:
        found = migrations.version(conn)
    typer.echo(DB_CLI["db"].format(db=migrations.shown(eng)))
    typer.echo("  " + DB_CLI["revision"].format(found=found.revision or DB_CLI["none"]))
    typer.echo("  " + DB_CLI["head"].format(head=migrations.HEAD))
    typer.echo("  " + DB_CLI["state"][found.state])
    if found.state not in ("current", "empty"):
        raise typer.Exit(1)


@db_app.command()
def roles(db: DbOption = None) -> None:
    """PostgreSQL: the roles head, trainer, analyst and reporter with their grants, and a login user
    for each (password from $SALESPLAN_DB_PASSWORD_<ROLE>); running it again changes nothing."""
    from salesplan import roles as access

    eng = store.engine(db)
    with store.reachable(eng):
        made = access.ensure(eng)
    typer.echo(ROLES_CLI["done"].format(db=migrations.shown(eng), roles=", ".join(made)))
    for role in made:
        typer.echo(ROLES_CLI["user"].format(role=role, user=access.login_user(role),
                                            variable=access.password_variable(role)))
