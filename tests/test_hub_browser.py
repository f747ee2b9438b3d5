"""The team server in a browser: JupyterHub on a free local port serves a test store (SQLite, and
PostgreSQL with the roles of ``salesplan db roles``); a trainer logs in, saves a review signed
with the login and is refused the plan model; the head logs in and approves a plan, recorded
with the head's login."""

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml
from ci import unavailable
from plan_history import TARGET, history_db, history_on_postgres
from sqlalchemy import text
from voila_server import free_port

from salesplan import clock, roles, store
from salesplan.hub.server import proxy_path
from salesplan.plan import approved_plan
from salesplan.printing import launch_chromium
from salesplan.reviews import repository as repo
from salesplan.reviews.templates import load_templates

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[1]
SALESPLAN = Path(sys.executable).with_name("salesplan")
TODAY = "2026-10-15"  # the form lists September's calls, the plan model proposes October
PASSWORDS = {"olga": "пароль тренера", "irina": "head-secret"}
TEAM = {"users": {"olga": "trainer", "irina": "head"},
        "sees": {"head": ["*"], "trainer": ["call_review.ipynb", "call_review_summary.ipynb"]}}


def project_home(home: Path, team: dict) -> Path:
    """``home`` made a project folder: the repository's parameters but ``team.yaml``, its notebooks."""
    (home / "params").mkdir(parents=True)
    for entry in (REPO / "params").iterdir():
        if entry.name != "team.yaml":
            (home / "params" / entry.name).symlink_to(entry)
    (home / "params" / "team.yaml").write_text(yaml.safe_dump(team, allow_unicode=True), encoding="utf-8")
    (home / "notebooks").symlink_to(REPO / "notebooks")
    return home


def wait_for_hub(base: str, proc: subprocess.Popen, log: Path) -> None:
    """Until the hub answers through its proxy (its API's version), up to three minutes; the
    log is the failure message if it exits or never answers."""
    deadline = time.monotonic() + 180
    while True:
        try:
            with urllib.request.urlopen(base + "hub/api", timeout=5) as answer:
                if "version" in json.loads(answer.read()):
                    return
        except (OSError, ValueError):
            pass
        assert proc.poll() is None and time.monotonic() < deadline, log.read_text()
        time.sleep(0.5)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def hub(request, tmp_path):
    """``salesplan serve`` on free ports with a store with history (on PostgreSQL with the roles
    made); yields (base URL, the owner's engine, the state folder)."""
    if not proxy_path().exists():
        unavailable(f"configurable-http-proxy not found at {proxy_path()}: make team-proxy")
    port, hub_port, api_port = free_port(), free_port(), free_port()
    server = {"ip": "127.0.0.1", "port": port, "hub_port": hub_port, "proxy_api_port": api_port}
    home = project_home(tmp_path / "home", {"server": server, **TEAM})
    env = {key: value for key, value in os.environ.items()
           if key not in ("SALESPLAN_DB", "JUPYTERHUB_USER", "SALESPLAN_USER")}
    env.update(SALESPLAN_HOME=str(home), SALESPLAN_HUB_STATE=str(tmp_path / "state"), **{clock.ENV: TODAY})
    if request.param == "sqlite":
        url = history_db(tmp_path)
    else:
        url = history_on_postgres(request.getfixturevalue("postgres_server"))
        env.update({roles.password_variable(role): f"{role}-pw" for role in roles.ACCESS})
        subprocess.run([str(SALESPLAN), "db", "roles", "--db", url], env=env, check=True,
                       capture_output=True)
    for login, password in PASSWORDS.items():
        subprocess.run([str(SALESPLAN), "team", "password", login], input=f"{password}\n{password}\n",
                       text=True, env=env, check=True, capture_output=True)
    log_path = tmp_path / "hub.log"
    with log_path.open("w") as log:
        proc = subprocess.Popen([str(SALESPLAN), "serve", "--db", url], env=env, stdout=log,
                                stderr=subprocess.STDOUT, start_new_session=True)
        try:
            base = f"http://127.0.0.1:{port}/"
            wait_for_hub(base, proc, log_path)
            yield base, store.engine(url), tmp_path / "state"
        finally:
            os.killpg(proc.pid, signal.SIGTERM)  # the hub stops the users' servers and the proxy
            proc.wait(60)


def log_in(browser, base: str, login: str):
    """A page of a new browser session, logged in as ``login`` with the user's server started."""
    page = browser.new_page()
    page.goto(base + "hub/login", wait_until="domcontentloaded")
    page.locator("#username_input").fill(login)
    page.locator("#password_input").fill(PASSWORDS[login])
    page.locator("#login_submit").click()
    page.wait_for_url(re.compile(f"/user/{login}/"), timeout=180_000)
    return page


def connected_as(eng) -> set[str]:
    """PostgreSQL: the users connected to the store now (the kernels keep their connection)."""
    if eng.dialect.name != "postgresql":
        return set()
    with eng.connect() as conn:
        return set(conn.execute(text("SELECT usename FROM pg_stat_activity WHERE datname = "
                                     "current_database() AND usename <> current_user")).scalars())


def app(page, base: str, login: str, notebook: str):
    return page.goto(f"{base}user/{login}/voila/render/{notebook}", wait_until="domcontentloaded")


def test_a_trainer_reviews_and_the_head_approves(hub):
    from playwright.sync_api import expect, sync_playwright

    base, eng, state = hub
    with sync_playwright() as pw:
        browser = launch_chromium(pw)
        try:
            # a wrong password does not get in
            page = browser.new_page()
            page.goto(base + "hub/login", wait_until="domcontentloaded")
            page.locator("#username_input").fill("olga")
            page.locator("#password_input").fill("не тот")
            page.locator("#login_submit").click()
            expect(page.locator(".login_error")).to_have_text("Неверный логин или пароль")
            expect(page.locator("#login_submit")).to_have_value("Войти")
            assert "/user/olga/" not in page.url

            page = log_in(browser, base, "olga")
            assert sorted(p.name for p in (state / "roots" / "trainer").glob("*.ipynb")) == [
                "call_review.ipynb", "call_review_summary.ipynb"]
            app(page, base, "olga", "call_review.ipynb")
            reviewer = page.locator(".sp-reviewer input")
            reviewer.wait_for(timeout=120_000)
            expect(reviewer).to_have_value("olga")
            expect(reviewer).to_be_disabled()
            page.locator(".sp-manager select").select_option(label="Глеб Холодов")
            expect(page.locator(".sp-call select option")).not_to_have_count(1)
            page.locator(".sp-call select").select_option(index=1)
            for crit in load_templates()["cold_call"].criteria.values():
                page.locator(f".sp-crit-{crit.id} button").first.click()
            expect(page.locator(".sp-score").first).to_contain_text("100,0")
            page.locator(".sp-save").click()
            expect(page.locator(".sp-status")).to_contain_text("Сохранено: оценка 100,0, ревизия 1")
            users = {"salesplan_trainer_login"} if eng.dialect.name == "postgresql" else set()
            assert connected_as(eng) == users  # the trainer's kernel, with the trainer's grants

            # the plan model is not in the trainer's folder, and brought there it says «нет доступа»
            assert app(page, base, "olga", "plan_model.ipynb").status == 404
            shutil.copyfile(REPO / "notebooks" / "plan_model.ipynb", state / "roots" / "trainer" / "x.ipynb")
            app(page, base, "olga", "x.ipynb")
            expect(page.locator(".sp-no-access")).to_have_text("нет доступа", timeout=120_000)
            assert page.locator(".plan-total-value").count() == 0

            page = log_in(browser, base, "irina")
            app(page, base, "irina", "plan_model.ipynb")
            page.locator(".plan-total-value").wait_for(timeout=120_000)
            page.locator(".plan-scenario-name input").fill("С сервера команды")
            page.locator("button.plan-approve").click()
            expect(page.locator(".plan-status")).to_contain_text("утверждён", timeout=60_000)
            if eng.dialect.name == "postgresql":
                assert "salesplan_head_login" in connected_as(eng)
        finally:
            browser.close()

    heads = repo.current_reviews(eng)
    assert heads["reviewer"].tolist() == ["olga"] and heads.iloc[0]["score"] == pytest.approx(100.0)
    plan = approved_plan(eng, TARGET, "sales")
    assert plan is not None and plan.author == "irina" and plan.name == "С сервера команды"
