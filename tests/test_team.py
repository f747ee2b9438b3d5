"""The team server's parts that run without a browser: params/team.yaml, what a role may open,
a role's root folder and kernel environment, the password file and the authenticator."""

import asyncio
import stat

import pytest
import yaml

from salesplan import clock, config, users
from salesplan.errors import ParamsError
from salesplan.hub import passwords
from salesplan.hub.roots import kernel_env, role_root
from salesplan.paramfile import load_yaml_model
from salesplan.settings import load_settings
from salesplan.team import AccessDenied, NoAccess, Team, may_open

TEAM = Team(users={"olga": "trainer", "irina": "head", "petr": "analyst"},
            sees={"head": ["*"], "trainer": ["call_review.ipynb"], "analyst": ["monthly_report.ipynb"]})


def test_the_shipped_team_file_is_valid_and_gives_every_role_a_notebook():
    team = load_settings().team
    notebooks = sorted(p.name for p in (config.project_root() / "notebooks").glob("*.ipynb"))
    assert set(team.users.values()) == {"head", "trainer", "analyst"}
    assert team.notebooks("head", notebooks) == notebooks
    assert "plan_model.ipynb" not in team.notebooks("trainer", notebooks)
    assert "pay_statements.ipynb" not in team.notebooks("analyst", notebooks)
    assert all(name in notebooks for names in team.sees.values() for name in names if name != "*")


def test_a_bad_team_file_names_the_key(tmp_path):
    path = tmp_path / "team.yaml"
    path.write_text(yaml.safe_dump({"users": {"Olga": "trainer", "petr": "boss"}}), encoding="utf-8")
    with pytest.raises(ParamsError) as caught:
        load_yaml_model(path, Team)
    message = str(caught.value)
    assert "team.yaml" in message and "Olga" in message and "boss" in message


def test_what_the_current_login_may_open(monkeypatch, tmp_path):
    monkeypatch.delenv(users.HUB_ENV, raising=False)
    assert may_open("plan_model.ipynb")  # off the server every app opens
    monkeypatch.setattr("salesplan.team.team", lambda: TEAM)
    monkeypatch.setenv(users.HUB_ENV, "olga")
    assert may_open("call_review.ipynb") and not may_open("plan_model.ipynb")
    monkeypatch.setenv(users.HUB_ENV, "irina")
    assert may_open("plan_model.ipynb")
    monkeypatch.setenv(users.HUB_ENV, "stranger")
    assert not may_open("call_review.ipynb")
    assert NoAccess()._repr_html_() == "<p class='sp-no-access'><b>нет доступа</b></p>"


def test_the_apps_refuse_a_role_before_they_read_the_store(monkeypatch, tmp_path):
    from salesplan.plan.ui import PlanApp
    from salesplan.reviews.form import ReviewForm

    monkeypatch.setattr("salesplan.team.team", lambda: TEAM)
    nowhere = f"sqlite:///{tmp_path / 'missing' / 'never.db'}"
    monkeypatch.setenv(users.HUB_ENV, "olga")
    refused = PlanApp.from_parameters(nowhere)
    assert isinstance(refused, NoAccess) and refused.view() is refused
    with pytest.raises(AccessDenied, match="нет доступа"):
        refused.save("сценарий")
    monkeypatch.setenv(users.HUB_ENV, "petr")
    assert isinstance(ReviewForm.from_parameters(nowhere), NoAccess)
    assert not (tmp_path / "missing").exists()  # no store was opened


def test_a_roles_root_holds_only_its_notebooks(tmp_path):
    source = tmp_path / "notebooks"
    source.mkdir()
    for name in ("call_review.ipynb", "plan_model.ipynb", "monthly_report.ipynb"):
        (source / name).write_text(name)
    root = role_root(tmp_path / "state", TEAM, "trainer", source)
    (root / "plan_model.ipynb").write_text("brought in")  # gone at the next start
    (root / "export.xlsx").write_text("kept")
    (source / "call_review.ipynb").write_text("new version")
    assert role_root(tmp_path / "state", TEAM, "trainer", source) == root == tmp_path / "state/roots/trainer"
    assert sorted(p.name for p in root.iterdir()) == ["call_review.ipynb", "export.xlsx"]
    assert (root / "call_review.ipynb").read_text() == "new version"
    head = role_root(tmp_path / "state", TEAM, "head", source)
    assert sorted(p.name for p in head.iterdir()) == ["call_review.ipynb", "monthly_report.ipynb",
                                                      "plan_model.ipynb"]


def test_a_roles_kernels_get_the_store_as_the_role():
    environ = {"SALESPLAN_DB_PASSWORD_TRAINER": "t", clock.ENV: "2026-10-15"}
    env = kernel_env("trainer", "postgresql+psycopg://owner:o@db/sales", environ)
    assert env["SALESPLAN_DB"] == "postgresql+psycopg://salesplan_trainer_login:t@db/sales"
    assert env[clock.ENV] == "2026-10-15" and env["SALESPLAN_HOME"] == str(config.project_root())
    assert kernel_env("head", "sqlite:///s.db", {}) == {"SALESPLAN_HOME": str(config.project_root()),
                                                        "SALESPLAN_DB": "sqlite:///s.db"}


def test_passwords_are_kept_hashed_and_private(tmp_path):
    path = passwords.set_password(tmp_path / "state", "olga", "секрет")
    passwords.set_password(tmp_path / "state", "irina", "другой")
    assert "секрет" not in path.read_text(encoding="utf-8")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert passwords.check_password(tmp_path / "state", "olga", "секрет")
    assert not passwords.check_password(tmp_path / "state", "olga", "другой")
    assert not passwords.check_password(tmp_path / "state", "petr", "секрет")
    salt = bytes(16)
    assert passwords.hash_password("x", salt) == passwords.hash_password("x", salt) != \
        passwords.hash_password("x")


def test_the_authenticator_gives_a_login_its_role_as_group(tmp_path, monkeypatch):
    pytest.importorskip("jupyterhub")
    from salesplan.hub.auth import TeamAuthenticator

    monkeypatch.setattr("salesplan.hub.auth.team", lambda: TEAM)
    monkeypatch.setenv(passwords.STATE_ENV, str(tmp_path))
    passwords.set_password(tmp_path, "olga", "секрет")
    auth = TeamAuthenticator()

    def attempt(login, password):
        return asyncio.run(auth.authenticate(None, {"username": login, "password": password}))

    assert attempt("Olga", "секрет") == {"name": "olga", "groups": ["trainer"]}
    assert attempt("olga", "нет") is None
    assert attempt("stranger", "секрет") is None
    assert auth.check_allowed("olga") and not auth.check_allowed("stranger")
