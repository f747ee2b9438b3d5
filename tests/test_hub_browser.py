"""The team server in a browser: JupyterHub on a free local port serves a test store (SQLite, and
PostgreSQL with the roles of ``salesplan db roles``); a trainer logs in, saves a review signed
with the login and is refused the plan model; the head logs in and approves a plan, recorded
with the head's login. Both apps open from a preheated kernel of the user's own Voilà
(``salesplan.hub.apps``), which holds that user's login and role."""

import json
import os
import re
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
from sqlalchemy import make_url, text
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
TRAINER_SEES = ["call_review.ipynb", "call_review_summary.ipynb"]
TEAM = {"users": {"olga": "trainer", "irina": "head"},
        "sees": {"head": ["*"], "trainer": [*TRAINER_SEES, "pay_calculator.ipynb"]}}  # until revoked


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
    made); yields (base URL, the owner's engine, the state folder, the hub's log, the project)."""
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
            yield base, store.engine(url), tmp_path / "state", log_path, home
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
    return page.goto(f"{base}user/{login}/apps/voila/render/{notebook}", wait_until="domcontentloaded")


def wait_for_pool(log: Path, notebook: str) -> None:
    """Until the user's Voilà says the pool of ``notebook`` is full (the users' servers log to the
    hub's log), up to three minutes."""
    deadline = time.monotonic() + 180
    while f"Kernel pool of {notebook} is filled" not in log.read_text():
        assert time.monotonic() < deadline, log.read_text()
        time.sleep(0.5)


def watch_kernels(page) -> list[str]:
    """The ids of the kernels ``page`` connects to, filled in as it opens their channels."""
    ids: list[str] = []
    page.on("websocket", lambda ws: ids.extend(re.findall(r"/api/kernels/([0-9a-f-]{36})/channels", ws.url)))
    return ids


def kernel_environment(kernel_id: str) -> dict[str, str]:
    """The environment the kernel ``kernel_id`` was started with (its process on this machine,
    found by its connection file ``kernel-<id>.json``)."""
    for process in Path("/proc").glob("[0-9]*"):
        try:
            if f"kernel-{kernel_id}.json".encode() in (process / "cmdline").read_bytes():
                pairs = (process / "environ").read_bytes().decode().split("\0")
                return dict(pair.split("=", 1) for pair in pairs if "=" in pair)
        except OSError:  # a process that ended meanwhile
            continue
    raise AssertionError(f"no process for kernel {kernel_id}")


def assert_preheated_for(kernels: list[str], login: str, role: str, eng) -> None:
    """The page's kernel was started by the pool of the user's Voilà (``VOILA_PREHEAT``), before
    the page was asked for, with the user's login and the store as the user's role."""
    started = kernel_environment(kernels[0])
    assert (started["VOILA_PREHEAT"], started["JUPYTERHUB_USER"]) == ("True", login)
    db = make_url(started["SALESPLAN_DB"])
    if eng.dialect.name == "postgresql":
        assert (db.username, db.password) == (f"salesplan_{role}_login", f"{role}-pw")
    else:
        assert db.database == eng.url.database


def test_a_trainer_reviews_and_the_head_approves(hub):
    from playwright.sync_api import expect, sync_playwright

    base, eng, state, log, home = hub
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
                "call_review.ipynb", "call_review_summary.ipynb", "pay_calculator.ipynb"]
            wait_for_pool(log, "call_review.ipynb")
            kernels = watch_kernels(page)
            app(page, base, "olga", "call_review.ipynb")
            reviewer = page.locator(".sp-reviewer input")
            reviewer.wait_for(timeout=120_000)
            expect(reviewer).to_have_value("olga")
            expect(reviewer).to_be_disabled()
            assert_preheated_for(kernels, "olga", "trainer", eng)
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

            # the plan model is not in the trainer's folder; the pay calculator, given to the
            # trainer when the server started and taken back since, says «нет доступа» from the
            # kernel preheated for it: the role is read when the page opens
            assert app(page, base, "olga", "plan_model.ipynb").status == 404
            team_file = home / "params" / "team.yaml"
            given = yaml.safe_load(team_file.read_text(encoding="utf-8"))
            given["sees"]["trainer"] = TRAINER_SEES
            team_file.write_text(yaml.safe_dump(given, allow_unicode=True), encoding="utf-8")
            wait_for_pool(log, "pay_calculator.ipynb")
            kernels = watch_kernels(page)
            app(page, base, "olga", "pay_calculator.ipynb")
            expect(page.locator(".sp-no-access")).to_have_text("нет доступа", timeout=120_000)
            assert page.locator(".pay-calc-fact").count() == 0
            assert_preheated_for(kernels, "olga", "trainer", eng)

            page = log_in(browser, base, "irina")
            wait_for_pool(log, "plan_model.ipynb")
            kernels = watch_kernels(page)
            app(page, base, "irina", "plan_model.ipynb")
            page.locator(".plan-total-value").wait_for(timeout=120_000)
            assert_preheated_for(kernels, "irina", "head", eng)
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
