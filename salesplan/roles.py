"""The department's roles in PostgreSQL: what each may read and write, granted by the database.

``ACCESS`` gives each role a level on areas of tables (``salesplan.schema.AREAS``), never on
tables one by one: the head writes everything; a trainer writes the reviews and reads the
managers, calls and deals they are about (no pay, no plans); an analyst reads everything but
pay; the reporter (scheduled runs) reads everything and writes only the payment checkpoints the
daily run records and the log of the packs it sends. The audit trail is appended to (``append``:
read and insert), never changed, by whoever changes what it records. An area a role is not given
is refused.

``salesplan db roles`` (``ensure``) makes, for each role, a group role ``salesplan_<role>``
holding the grants and a login user ``salesplan_<role>_login`` in it, whose password comes from
``$SALESPLAN_DB_PASSWORD_<ROLE>``. Every run revokes what the group had and grants ``ACCESS``
again, so running it twice, or after a new table, leaves the same grants.
"""

from __future__ import annotations

import os

from sqlalchemy import Connection, Engine, text
from sqlalchemy.engine import make_url

from salesplan import migrations, schema
from salesplan.errors import SalesplanError
from salesplan.labels import ROLES_ERRORS

READ, APPEND, WRITE = "read", "append", "write"
ALL_AREAS = tuple(schema.AREAS)
ACCESS: dict[str, dict[str, str]] = {
    "head": dict.fromkeys(ALL_AREAS, WRITE) | {"audit": APPEND},
    "trainer": {"reference": READ, "calls": READ, "pipeline": READ, "reviews": WRITE, "audit": APPEND},
    "analyst": {area: READ for area in ALL_AREAS if area != "pay"},
    "reporter": dict.fromkeys(ALL_AREAS, READ) | {"checkpoints": WRITE, "deliveries": WRITE},
}
PRIVILEGES = {READ: "SELECT", APPEND: "SELECT, INSERT", WRITE: "SELECT, INSERT, UPDATE, DELETE"}
PASSWORD_ENV = "SALESPLAN_DB_PASSWORD_{role}"


class RolesError(SalesplanError):
    """The roles cannot be made as asked (not PostgreSQL, a password missing, a table unclassified)."""


def group(role: str) -> str:
    """The group role holding ``role``'s grants: ``salesplan_trainer``."""
    return f"salesplan_{role}"


def login_user(role: str) -> str:
    """The login user of ``role``: ``salesplan_trainer_login``."""
    return f"{group(role)}_login"


def password_variable(role: str) -> str:
    return PASSWORD_ENV.format(role=role.upper())


def tables(role: str) -> dict[str, str]:
    """Each table ``role`` may use and its level (``read`` or ``write``)."""
    return {t.name: level for area, level in ACCESS[role].items() for t in schema.AREAS[area]}


def passwords(environ: dict[str, str] | None = None) -> dict[str, str]:
    """Each role's password from the environment; ``RolesError`` naming the variables missing."""
    environ = os.environ if environ is None else environ
    found = {role: environ.get(password_variable(role), "") for role in ACCESS}
    missing = [password_variable(role) for role, value in found.items() if not value]
    if missing:
        raise RolesError(ROLES_ERRORS["no_password"].format(variables=", ".join(missing)))
    return found


def role_url(url: str, role: str, environ: dict[str, str] | None = None) -> str:
    """The store URL ``role``'s kernels use: on PostgreSQL ``url`` with the role's login user and
    password (``$SALESPLAN_DB_PASSWORD_<ROLE>``); an SQLite URL as it is (one file, no roles)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql":
        return url
    environ = os.environ if environ is None else environ
    password = environ.get(password_variable(role), "")
    if not password:
        raise RolesError(ROLES_ERRORS["no_password"].format(variables=password_variable(role)))
    return parsed.set(username=login_user(role), password=password).render_as_string(hide_password=False)


def _sequences(conn: Connection, table: str) -> list[str]:
    """The sequences owned by ``table``'s columns (its autoincrement keys)."""
    return conn.execute(text(
        "SELECT s.relname FROM pg_class s JOIN pg_depend d ON d.objid = s.oid "
        "JOIN pg_class t ON d.refobjid = t.oid WHERE s.relkind = 'S' AND t.relname = :table"
    ), {"table": table}).scalars().all()


def _quote(conn: Connection, value: str) -> str:
    return conn.exec_driver_sql("SELECT quote_literal(%s)", (value,)).scalar()


def statements(conn: Connection, role: str, password: str) -> list[str]:
    """The statements that make ``role``'s group and login user and grant exactly ``ACCESS``."""
    name, user = group(role), login_user(role)
    existing = set(conn.execute(text("SELECT rolname FROM pg_roles WHERE rolname IN (:g, :u)"),
                                {"g": name, "u": user}).scalars())
    out = [] if name in existing else [f"CREATE ROLE {name} NOLOGIN"]
    secret = _quote(conn, password)
    if user in existing:
        out += [f"ALTER ROLE {user} LOGIN PASSWORD {secret}", f"GRANT {name} TO {user}"]
    else:
        out.append(f"CREATE ROLE {user} LOGIN PASSWORD {secret} IN ROLE {name}")
    out += [
        f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {name}",
        f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {name}",
        f"GRANT USAGE ON SCHEMA public TO {name}",
        f"GRANT SELECT ON {migrations.VERSION_TABLE} TO {name}",
    ]
    for table, level in sorted(tables(role).items()):
        out.append(f"GRANT {PRIVILEGES[level]} ON {table} TO {name}")
        if level != READ:
            out += [f"GRANT USAGE, SELECT ON SEQUENCE {seq} TO {name}" for seq in _sequences(conn, table)]
    return out


def ensure(eng: Engine, environ: dict[str, str] | None = None) -> list[str]:
    """Make every role of ``ACCESS`` on the PostgreSQL store ``eng`` (its schema current), in one
    transaction; returns the roles made. Raises ``RolesError`` on SQLite, for a table in no area,
    or when a password is missing."""
    if eng.dialect.name != "postgresql":
        raise RolesError(ROLES_ERRORS["not_postgresql"].format(db=migrations.shown(eng)))
    if left := schema.unclassified():
        raise RolesError(ROLES_ERRORS["unclassified"].format(tables=", ".join(sorted(left))))
    secrets = passwords(environ)
    with eng.begin() as conn:
        driver = conn.connection.driver_connection  # no parameters: a "%" in a password stays
        for role in ACCESS:
            for statement in statements(conn, role, secrets[role]):
                driver.execute(statement)
    return list(ACCESS)
