"""Fixtures shared by the test modules."""

import postgres
import pytest
from ci import unavailable
from hypothesis import settings

from salesplan.demo.build import DemoBuild, build

# Properties are about values, not speed: no per-example deadline on a loaded 2-core machine.
settings.register_profile("salesplan", deadline=None)
settings.load_profile("salesplan")

DEMO_END_MONTH = "2026-10"  # the demo's last month in tests, whatever the date today


@pytest.fixture(scope="session")
def demo_build(tmp_path_factory) -> DemoBuild:
    """The demo department, built once per test session: store, export files, row counts."""
    folder = tmp_path_factory.mktemp("demo")
    return build(db_path=folder / "demo.db", exports_dir=folder / "exports", end_month=DEMO_END_MONTH)


@pytest.fixture(scope="session")
def demo_db(demo_build: DemoBuild) -> str:
    """URL of the session's demo store (shared: read it, do not write to it)."""
    return demo_build.db_url


@pytest.fixture(scope="session")
def demo_month() -> str:
    """The last month of the demo's history (``YYYY-MM``)."""
    return DEMO_END_MONTH


@pytest.fixture(scope="session")
def postgres_server():
    """A throwaway PostgreSQL server for the session (``tests/postgres.py``). Without PostgreSQL
    the tests that need it fail under CI (``CI=true``) and are skipped elsewhere."""
    try:
        server = postgres.start()
    except RuntimeError as exc:
        server, missing = None, str(exc)
    if server is None:
        unavailable(missing)  # outside the except: the report shows the reason, not a traceback
    yield server
    server.stop()


DATABASES = [pytest.param("sqlite", id="sqlite"),
             pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(params=DATABASES)
def database(request) -> str:
    """Which database a test runs on: ``sqlite``, then ``postgresql``."""
    return request.param


@pytest.fixture()
def db_url(database, tmp_path, request) -> str:
    """URL of a new empty database: a SQLite file, or a database on the session's PostgreSQL."""
    if database == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return request.getfixturevalue("postgres_server").create_database()
