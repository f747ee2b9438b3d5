"""``salesplan db roles`` on a throwaway PostgreSQL: the database itself refuses what a role may not do."""

import psycopg
import pytest
from cli_run import run
from plan_history import history_on_postgres
from reviews_department import build
from sqlalchemy import insert, text
from sqlalchemy.exc import ProgrammingError

from salesplan import clock, roles, store
from salesplan.reviews import repository as repo
from salesplan.reviews.templates import load_templates
from salesplan.runner import notebooks_dir
from salesplan.settings import load_settings

pytestmark = pytest.mark.postgres

PASSWORDS = {role: f"pw-{role}-50%'\"" for role in roles.ACCESS}
COLD = load_templates()["cold_call"]
GRANTS = text("SELECT grantee, table_name, privilege_type FROM information_schema.role_table_grants "
              "WHERE grantee LIKE 'salesplan\\_%' ORDER BY 1, 2, 3")


@pytest.fixture()
def department(postgres_server, monkeypatch, capsys):
    """A store with the review department and a pay penalty, and the roles made twice; yields
    (the owner's URL, the grants after the first run, after the second)."""
    url = postgres_server.create_database()
    owner = store.engine(url)
    build(owner)
    with store.transaction(owner) as conn:
        conn.execute(insert(store.metadata.tables["pay_penalties"]).values(
            month="2026-10", manager_id="hun1", amount=500_000, reason="опоздание", set_by="head",
            set_at=clock.now()))
    for role, password in PASSWORDS.items():
        monkeypatch.setenv(roles.password_variable(role), password)
    grants = []
    for _ in range(2):
        code, out, err = run(monkeypatch, capsys, "db", "roles", "--db", url)
        assert code == 0, err
        assert "salesplan_trainer_login" in out
        with owner.connect() as conn:
            grants.append(conn.execute(GRANTS).all())
    yield url, grants
    owner.dispose()
    postgres_server.drop_database(url)


def as_role(url: str, role: str):
    return store.open_engine(roles.role_url(url, role))


def refused(eng, sql: str) -> bool:
    """Whether PostgreSQL refuses ``sql`` for lack of a privilege."""
    with pytest.raises(ProgrammingError) as caught, eng.begin() as conn:
        conn.execute(text(sql))
    return isinstance(caught.value.orig, psycopg.errors.InsufficientPrivilege)


def test_running_it_again_leaves_the_same_grants(department):
    _url, (first, second) = department
    assert first == second and first


def test_a_trainer_saves_a_review_and_is_refused_pay_and_plan_writes(department):
    url, _grants = department
    trainer = as_role(url, "trainer")
    with trainer.connect() as conn:
        assert conn.execute(text("SELECT current_user")).scalar() == "salesplan_trainer_login"
    saved = repo.save_review(store.engine(roles.role_url(url, "trainer")), repo.ReviewInput(
        template_id="cold_call", manager_id="hun1", reviewer="trainer-olga", call_id="hun1-c0002",
        answers={c.id: c.max_points for c in COLD.criteria.values()}))
    assert saved.revision == 1
    assert repo.current_reviews(store.engine(url))["reviewer"].tolist() == ["trainer-olga"]
    assert refused(trainer, "SELECT * FROM pay_penalties")
    assert refused(trainer, "SELECT * FROM plans")
    assert refused(trainer, "INSERT INTO plans (month, department_id, name, status, version, author, "
                            "inputs) VALUES ('2026-11', 'sales', 'x', 'approved', 1, 'x', '{}')")
    trainer.dispose()


def test_the_reporter_reads_everything_and_writes_only_the_daily_checkpoint(department, monkeypatch,
                                                                            capsys):
    url, _grants = department
    reporter = as_role(url, "reporter")
    assert store.read_table(reporter, "pay_penalties")["amount"].tolist() == [500_000]
    assert refused(reporter, "DELETE FROM review_drafts")
    assert refused(reporter, "INSERT INTO departments (id, name) VALUES ('x', 'x')")
    monkeypatch.setenv(clock.ENV, "2026-10-15T16:30")  # the 16:00 checkpoint has passed
    code, out, err = run(monkeypatch, capsys, "checkpoint", "--db", roles.role_url(url, "reporter"))
    assert code == 0, err
    recorded = store.read_table(store.engine(url), "payment_checkpoints")
    assert set(recorded["checkpoint"]) == {"16:00"} and len(recorded) > 0
    reporter.dispose()


def test_an_analyst_reads_all_but_pay(department):
    url, _grants = department
    analyst = as_role(url, "analyst")
    assert len(store.read_table(analyst, "calls")) > 0
    assert refused(analyst, "SELECT * FROM pay_penalties")
    assert refused(analyst, "UPDATE managers SET name = name")
    analyst.dispose()


@pytest.mark.notebook
@pytest.mark.parametrize("role", ["trainer", "analyst"])
def test_every_notebook_a_role_sees_runs_with_the_roles_grants(role, postgres_server, tmp_path, monkeypatch):
    """The notebooks ``params/team.yaml`` shows a role run on its login user, none of them
    refused a table (the reports of September on the plan model's history)."""
    import papermill

    url = history_on_postgres(postgres_server)
    environ = {roles.password_variable(r): "pw" for r in roles.ACCESS}
    roles.ensure(store.engine(url), environ)
    monkeypatch.setenv(clock.ENV, "2026-10-05")
    available = sorted(path.name for path in notebooks_dir().glob("*.ipynb"))
    shown = load_settings().team.notebooks(role, available)
    assert shown
    given = {"db_url": roles.role_url(url, role, environ), "out_dir": str(tmp_path), "month": "2026-09",
             "week": "2026-W39", "date": "2026-09-30"}
    for name in shown:
        declared = papermill.inspect_notebook(str(notebooks_dir() / name))
        papermill.execute_notebook(str(notebooks_dir() / name), str(tmp_path / name), progress_bar=False,
                                   parameters={k: v for k, v in given.items() if k in declared})
    store.engine(url).dispose()
    postgres_server.drop_database(url)
