"""A throwaway PostgreSQL server for the tests, from the system's PostgreSQL binaries.

The server keeps its data in a fresh folder under the system's temporary folder and listens on
a Unix socket only (no TCP port). PostgreSQL refuses to run as root: as root, ``initdb`` and
``pg_ctl`` run as the ``postgres`` user (Debian's package makes it). The binaries are taken from
``$SALESPLAN_PG_BIN``, else from ``PATH``, else from the newest ``/usr/lib/postgresql/*/bin``.

``$SALESPLAN_TEST_POSTGRES`` (a URL of a superuser's connection, e.g.
``postgresql://postgres@localhost/postgres``) uses a running server instead of starting one.
"""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from sqlalchemy.engine import URL, make_url

PORT = 55432  # only names the socket file: the server has no TCP port
PROGRAMS = ("initdb", "pg_ctl")


def bin_dir() -> Path | None:
    """The folder holding ``initdb`` and ``pg_ctl``, None when none is found."""
    candidates = [os.environ.get("SALESPLAN_PG_BIN", "")]
    found = shutil.which("pg_ctl")
    candidates.append(str(Path(found).parent) if found else "")
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin"),
                      key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0, reverse=True)
    candidates += [str(p) for p in versions]
    for folder in filter(None, candidates):
        if all((Path(folder) / program).is_file() for program in PROGRAMS):
            return Path(folder)
    return None


class Server:
    """A PostgreSQL server and the databases the tests make on it."""

    def __init__(self, admin: URL, stop: callable | None = None) -> None:
        self.admin = admin  # a superuser's connection to the ``postgres`` database
        self._stop = stop
        self._names = itertools.count(1)

    def url(self, database: str) -> str:
        """The SQLAlchemy URL of ``database`` on this server (psycopg 3)."""
        url = self.admin.set(drivername="postgresql+psycopg", database=database)
        return url.render_as_string(hide_password=False)

    def execute(self, sql: str) -> None:
        """Run one statement on the ``postgres`` database, outside a transaction."""
        import psycopg

        params = self.admin.translate_connect_args(username="user", database="dbname")
        with psycopg.connect(**params, **dict(self.admin.query), autocommit=True) as conn:
            conn.execute(sql)

    def create_database(self, template: str | None = None) -> str:
        """A new database, empty or a copy of the database at URL ``template`` (which then must
        have no connections open); returns its URL."""
        name = f"salesplan_t{os.getpid()}_{next(self._names)}"
        copy = f" TEMPLATE {make_url(template).database}" if template else ""
        self.execute(f"CREATE DATABASE {name}{copy}")
        return self.url(name)

    def drop_database(self, url: str) -> None:
        self.execute(f"DROP DATABASE IF EXISTS {make_url(url).database} WITH (FORCE)")

    def stop(self) -> None:
        if self._stop:
            self._stop()


def _as_postgres(command: list[str]) -> list[str]:
    """``command`` as the ``postgres`` user when we are root (the server refuses root)."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def start() -> Server:
    """A server of our own (or the one ``$SALESPLAN_TEST_POSTGRES`` names); raises ``RuntimeError``
    naming what is missing when there is no PostgreSQL to start."""
    if given := os.environ.get("SALESPLAN_TEST_POSTGRES"):
        return Server(make_url(given))
    binaries = bin_dir()
    if binaries is None:
        raise RuntimeError(
            "PostgreSQL server binaries (initdb, pg_ctl) not found: install Debian's postgresql "
            "package (make postgresql), or set SALESPLAN_PG_BIN or SALESPLAN_TEST_POSTGRES"
        )
    home = Path(tempfile.mkdtemp(prefix="salesplan-pg-"))
    data, sockets = home / "data", home / "run"
    sockets.mkdir()
    if os.geteuid() == 0:
        shutil.chown(home, "postgres")
        shutil.chown(sockets, "postgres")
    quiet = {"check": True, "capture_output": True, "text": True}
    try:
        subprocess.run(_as_postgres([str(binaries / "initdb"), "-D", str(data), "-U", "postgres",
                                     "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]), **quiet)
        options = (f"-p {PORT} -k {sockets} -c listen_addresses= -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off")
        subprocess.run(_as_postgres([str(binaries / "pg_ctl"), "-D", str(data), "-o", options,
                                     "-l", str(home / "server.log"), "-w", "start"]), **quiet)
    except subprocess.CalledProcessError as exc:
        log = home / "server.log"
        detail = (exc.stderr or exc.stdout or "") + (log.read_text() if log.exists() else "")
        shutil.rmtree(home, ignore_errors=True)
        raise RuntimeError(f"PostgreSQL did not start: {detail.strip()}") from exc

    def stop() -> None:
        subprocess.run(_as_postgres([str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate",
                                     "stop"]), capture_output=True)
        shutil.rmtree(home, ignore_errors=True)

    admin = URL.create("postgresql+psycopg", username="postgres", database="postgres",
                       query={"host": str(sockets), "port": str(PORT)})
    return Server(admin, stop)
