"""Schema versions: a database made by the release before migrations is refused, then upgraded
in place with every row kept; new, newer and foreign databases; one place declares tables."""

import ast
import hashlib
import shutil
import sqlite3
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import old_release
import pytest
from alembic import command
from alembic.script import ScriptDirectory
from ci import unavailable
from sqlalchemy import select, text, update
from sqlalchemy.exc import IntegrityError

from salesplan import migrations, schema, store
from salesplan.attestation import records
from salesplan.errors import SchemaOutdated, StoreError
from salesplan.plan_of_record import plan_of_record
from salesplan.reviews import repository as repo

SALESPLAN = Path(sys.executable).with_name("salesplan")
PACKAGE = Path(schema.__file__).parent
DECLARE_TABLES = ("schema.py", "migrations/baseline.py")
PROTOCOL_TABLES = ("meetings", "protocol_items", "protocol_events", "protocol_drafts")
PAYROLL_TABLES = ("pay_approvals", "pay_statements")


@pytest.fixture(scope="session")
def old_db(tmp_path_factory) -> Path:
    """The demo store as release ``old_release.OLD_RELEASE`` made it (built once per session)."""
    folder = tmp_path_factory.mktemp("old_release")
    try:
        code = old_release.source(folder / "code")
    except RuntimeError as exc:
        code, missing = None, str(exc)
    if code is None:
        unavailable(missing)
    db = folder / "demo.db"
    old_release.build_demo(code, db)
    return db


@pytest.fixture()
def old_copy(old_db, tmp_path) -> str:
    """URL of a copy of the old store, for a test to change."""
    target = tmp_path / "old.db"
    shutil.copyfile(old_db, target)
    return f"sqlite:///{target}"


def salesplan(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(SALESPLAN), *args], capture_output=True, text=True, check=False)


def columns(path: Path) -> dict[str, list[str]]:
    """Every table's columns, read with plain sqlite3."""
    conn = sqlite3.connect(path)
    try:
        names = [n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {n: [c for _, c, *_ in conn.execute(f"PRAGMA table_info({n})")] for n in names}
    finally:
        conn.close()


def contents(path: Path, like: dict[str, list[str]] | None = None) -> dict[str, tuple[int, str]]:
    """Every table's row count and a digest of its rows (of the columns ``like`` gives a table,
    when it is given: those of an older schema), read with plain sqlite3."""
    conn = sqlite3.connect(path)
    try:
        names = [n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        out = {}
        for name in names:
            selected = ", ".join((like or {}).get(name, ["*"]))
            rows = conn.execute(f"SELECT {selected} FROM {name} ORDER BY rowid").fetchall()
            out[name] = (len(rows), hashlib.sha256(repr(rows).encode()).hexdigest())
        return out
    finally:
        conn.close()


def sqlite_schema(path: Path) -> set[tuple]:
    conn = sqlite3.connect(path)
    try:
        return set(conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master "
                                "WHERE name != 'alembic_version' AND tbl_name != 'alembic_version'"))
    finally:
        conn.close()


def test_the_revisions_listed_are_the_scripts_in_order():
    scripts = ScriptDirectory.from_config(migrations.config())
    assert scripts.get_heads() == [migrations.HEAD]
    walked = [s.revision for s in scripts.walk_revisions("base", "heads")]
    assert tuple(reversed(walked)) == migrations.REVISIONS


def test_the_first_migration_makes_the_old_releases_schema_exactly(old_db, tmp_path):
    eng = store.open_engine(f"sqlite:///{tmp_path / 'base.db'}")
    with store.transaction(eng) as conn:
        command.upgrade(migrations.config(conn), migrations.BASE)
    made = sqlite_schema(tmp_path / "base.db")
    assert made == sqlite_schema(old_db)  # tables, indexes, constraints and triggers, as written
    assert {kind for kind, *_ in made} == {"table", "index", "trigger"}


def test_a_command_refuses_the_old_database_and_changes_nothing(old_copy):
    path = Path(old_copy.removeprefix("sqlite:///"))
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    done = salesplan("status", "--db", old_copy)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr == (f"Ошибка: база данных {old_copy} создана прежней версией salesplan (схема без "
                           f"номера версии): обновите её командой salesplan db upgrade --db {old_copy}\n")
    with pytest.raises(SchemaOutdated, match="salesplan db upgrade"):
        store.engine(old_copy)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert "alembic_version" not in contents(path)


def test_the_upgrade_keeps_every_row_and_the_app_reads_the_database(old_copy):
    path = Path(old_copy.removeprefix("sqlite:///"))
    before, old_columns = contents(path), columns(path)
    assert all(before[name][0] for name in ("calls", "plans", "plan_lines", "reviews", "attestations"))

    done = salesplan("db", "upgrade", "--db", old_copy)
    assert done.returncode == 0, done.stderr
    assert done.stdout == (f"База данных {old_copy}: схема прежней версии проверена, принята как "
                           f"{migrations.BASE} и обновлена до {migrations.HEAD}.\n")
    after = contents(path, old_columns)
    assert after.pop("alembic_version")[0] == 1
    new = set(after) - set(before)
    assert new == {"audit", "deliveries", "nps_answers", "payment_plans", "payment_plan_rows",
                   "checklist_answers", "salaries", *PROTOCOL_TABLES, *PAYROLL_TABLES}
    assert [after.pop(t)[0] for t in sorted(new)] == [0] * len(new)  # new tables start empty
    assert after == before  # every table: the same rows
    added = {t: [c for c in cs if c not in old_columns.get(t, [])] for t, cs in columns(path).items()}
    assert {t: cs for t, cs in added.items() if cs} == {
        "alembic_version": ["version_num"], "managers": ["aliases", "email"],
        "plan_norms": ["new_clients", "active_clients"],
        **{t: [c.name for c in schema.metadata.tables[t].columns] for t in new}}
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM managers WHERE aliases IS NULL AND email IS NULL"
                            ).fetchone()[0] == before["managers"][0] > 0
        assert conn.execute("SELECT count(*) FROM plan_norms WHERE new_clients IS NULL AND "
                            "active_clients IS NULL").fetchone()[0] == before["plan_norms"][0]

    assert salesplan("status", "--db", old_copy).returncode == 0
    eng = store.engine(old_copy)
    with eng.connect() as conn:
        approved = conn.execute(text("SELECT month, max(version) FROM plans WHERE status = 'approved' "
                                     "GROUP BY month ORDER BY month DESC LIMIT 1")).one()
        uids = conn.execute(text("SELECT count(DISTINCT uid) FROM reviews")).scalar_one()
    assert len(plan_of_record(eng, approved.month)) > 0
    assert len(repo.current_reviews(eng)) == uids
    assert len(records.history(eng)) == before["attestations"][0]
    # and the rules the old release did not enforce are enforced now
    with pytest.raises(IntegrityError, match=schema.REVIEW_REVISION), store.transaction(eng) as conn:
        conn.execute(update(schema.reviews).values(score=100))


def test_tables_the_old_release_made_on_first_use_are_added(old_copy):
    path = Path(old_copy.removeprefix("sqlite:///"))
    with sqlite3.connect(path) as conn:  # a store where no checkpoint or draft was ever saved
        conn.executescript("DROP TABLE payment_checkpoints; DROP TABLE review_drafts;")
    before, old_columns = contents(path), columns(path)
    migrations.upgrade(store.open_engine(old_copy))
    after = contents(path, old_columns)
    assert after["payment_checkpoints"][0] == after["review_drafts"][0] == 0
    assert {name: after[name] for name in before} == before
    store.engine(old_copy)  # current


def test_an_unversioned_database_that_does_not_match_is_left_as_it_was(old_copy):
    path = Path(old_copy.removeprefix("sqlite:///"))
    with sqlite3.connect(path) as conn:
        conn.execute("ALTER TABLE deals DROP COLUMN source")
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(StoreError, match=r"не совпадает со схемой 0001.*deals source"):
        migrations.upgrade(store.open_engine(old_copy))
    assert "alembic_version" not in contents(path)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_a_new_database_is_initialised_and_says_so(tmp_path):
    url = f"sqlite:///{tmp_path / 'new.db'}"
    done = salesplan("db", "upgrade", "--db", url)
    assert done.stdout == f"База данных {url}: схема {migrations.HEAD} создана.\n"
    assert salesplan("db", "upgrade", "--db", url).stdout == (
        f"База данных {url}: схема {migrations.HEAD} — актуальная, обновлять нечего.\n")
    assert salesplan("db", "status", "--db", url).returncode == 0


def upgraded_from(db_url: str, revision: str, *statements: str):
    """A new database made at ``revision``, ``statements`` run on it, then upgraded to HEAD."""
    eng = store.open_engine(db_url)
    with store.transaction(eng) as conn:
        command.upgrade(migrations.config(conn), revision)
        for statement in statements:
            conn.execute(text(statement))
    assert migrations.upgrade(eng).revision == revision
    return store.engine(db_url)


DEPARTMENT = "INSERT INTO departments (id, name) VALUES ('sales', 'Отдел продаж')"


def test_a_database_of_the_previous_schema_gains_aliases_keeping_every_manager(db_url):
    """0002 → HEAD on SQLite and PostgreSQL: the managers as they were, none with an alias yet."""
    eng = upgraded_from(
        db_url, "0002", DEPARTMENT,
        "INSERT INTO managers (id, name, department_id, role, hire_date) VALUES "
        "('m1', 'Иванов Иван', 'sales', 'farmer', '2024-02-01'), "
        "('m2', 'Петрова Анна', 'sales', 'hunter', NULL)",
        "INSERT INTO payments (id, date, amount, client_id) VALUES ('P1', '2026-10-05', 150000, 'c1')")
    with eng.connect() as conn:
        m = schema.managers.c
        managers = conn.execute(select(m.id, m.name, m.department_id, m.role, m.hire_date, m.aliases)
                                .order_by(m.id)).all()
        payments = conn.execute(text("SELECT id, amount, client_id FROM payments")).all()
    assert [tuple(m) for m in managers] == [
        ("m1", "Иванов Иван", "sales", "farmer", date(2024, 2, 1), None),
        ("m2", "Петрова Анна", "sales", "hunter", None, None)]
    assert [tuple(p) for p in payments] == [("P1", 150000, "c1")]


def test_a_database_of_0004_gains_addresses_and_the_delivery_log_keeping_every_row(db_url):
    """0004 → 0005 on SQLite and PostgreSQL: every manager with his aliases and no address yet,
    the other tables as they were, an empty ``deliveries`` log that takes rows."""
    eng = upgraded_from(
        db_url, "0004", DEPARTMENT,
        "INSERT INTO managers (id, name, department_id, role, hire_date, aliases) VALUES "
        "('m1', 'Иванов Иван', 'sales', 'farmer', '2024-02-01', '101|Иванов И.'), "
        "('m2', 'Петрова Анна', 'sales', 'hunter', NULL, NULL)",
        "INSERT INTO deals (id, manager_id, created, outcome, amount) VALUES "
        "('D1', 'm1', '2026-10-01', 'won', 250000)")
    with eng.connect() as conn:
        m = schema.managers.c
        managers = conn.execute(select(m.id, m.name, m.hire_date, m.aliases, m.email).order_by(m.id)).all()
        deals = conn.execute(text("SELECT id, manager_id, amount FROM deals")).all()
        assert conn.execute(select(schema.deliveries.c.id)).all() == []
    assert [tuple(m) for m in managers] == [("m1", "Иванов Иван", date(2024, 2, 1), "101|Иванов И.", None),
                                            ("m2", "Петрова Анна", None, None, None)]
    assert [tuple(d) for d in deals] == [("D1", "m1", 250000)]
    with store.transaction(eng) as conn:
        conn.execute(schema.deliveries.insert().values(
            month="2026-10", kind="personal", recipient="m1", address="ivanov@example.com",
            files=[{"name": "m1.pdf", "sha256": "0" * 64}], sent_at=datetime(2026, 11, 2, 9, 30),
            status="sent", reply="250 OK", login="head"))
    with eng.connect() as conn:
        assert conn.execute(select(schema.deliveries.c.files)).scalar_one() == [
            {"name": "m1.pdf", "sha256": "0" * 64}]


def test_a_database_of_a_newer_release_is_refused(db_url):
    eng = store.open_engine(db_url)
    migrations.upgrade(eng)
    with store.transaction(eng) as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    for attempt in (lambda: store.engine(db_url), lambda: migrations.upgrade(eng)):
        with pytest.raises(StoreError, match="обновлена более новой версией salesplan .схема 0099"):
            attempt()


def test_a_database_of_other_tables_is_refused_until_asked(db_url):
    eng = store.open_engine(db_url)
    with store.transaction(eng) as conn:
        conn.execute(text("CREATE TABLE other (x INTEGER)"))
    with pytest.raises(SchemaOutdated, match="нет таблиц salesplan"):
        store.engine(db_url)
    assert migrations.upgrade(eng).state == "foreign"
    with store.engine(db_url).connect() as conn:
        assert migrations.version(conn).tables == {*schema.metadata.tables, "other"}


def test_only_the_schema_declares_tables_and_only_migrations_make_them():
    """No module makes tables as a side effect of being imported or used."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        where = path.relative_to(PACKAGE).as_posix()
        nodes = list(ast.walk(ast.parse(path.read_text(encoding="utf-8"))))
        imported = {a.asname or a.name for n in nodes if isinstance(n, ast.ImportFrom)
                    and (n.module or "").startswith("sqlalchemy") for a in n.names}
        for call in (n for n in nodes if isinstance(n, ast.Call)):
            name = getattr(call.func, "attr", None) or getattr(call.func, "id", None)
            if name == "Table" and "Table" in imported and where not in DECLARE_TABLES:
                found.append(f"{where}: Table(…)")
            checkfirst = any(k.arg == "checkfirst" for k in call.keywords)
            makes = name in ("create_all", "ensure_tables") or checkfirst
            if makes and not where.startswith("migrations/"):
                found.append(f"{where}: {name}(…)")
    assert found == []
