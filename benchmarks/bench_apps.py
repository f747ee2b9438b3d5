"""How fast the apps show their first control, with the apps' preheated kernels against the same
server without them, measured in Chromium in one run: on ``make app`` and on the team server.

Builds the demo department in a temporary folder. ``make app``: Voilà on ``notebooks/`` the way
``make app`` starts it (``salesplan/apps/voila.py``) and, as the baseline, the same Voilà with
preheating off. The team server: ``salesplan serve`` on free ports with one head login; the
browser logs in, and the apps open from the user's own Voilà (``/user/<login>/apps/``,
``salesplan/hub/apps.py``) and, as the baseline, from the Voilà inside the same user's server
(``/user/<login>/voila/``), which starts a kernel per page. Each server (each user's server) has
``--settle`` seconds to start; then every app is opened ``--loads`` times in turn (a new page each
time, closed afterwards, ``--gap`` seconds between loads), timed from the request to the app's
first control on screen. Prints the median per app against the target (1.5 s) and the ratio to
the baseline; and, first, the plan model's history read against reading its tables whole.

    .venv/bin/python benchmarks/bench_apps.py [--loads 5] [--settle 30] [--gap 3]
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import yaml

from salesplan import apps, config, store
from salesplan.demo.build import build
from salesplan.hub.apps import PREFIX
from salesplan.hub.server import proxy_path
from salesplan.plan.history import load_history
from salesplan.printing import launch_chromium
from salesplan.runner import notebooks_dir
from salesplan.store import read_table

TARGET = 1.5  # seconds from opening the page to the first control
CONFIG = apps.config_dir()
FIRST_CONTROL = {  # each app's first control on screen
    "plan_model.ipynb": "button.plan-save",
    "call_review.ipynb": ".sp-reviewer input",
    "payment_plan.ipynb": ".sp-pp-manager select",
    "meeting_protocol.ipynb": ".sp-meeting-kind select",
    "pay_calculator.ipynb": ".pay-calc-fact input",
}
BIN = Path(sys.executable).parent
LOGIN, PASSWORD = "bench", "bench-password"  # the team server's one user, a head
HISTORY_TABLES = ("managers", "deals", "clients", "leads", "calls", "payments")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running(command: list[str], env: dict[str, str], log: Path, ready: str) -> Iterator[None]:
    """``command`` running (its log in ``log``) until the block ends; waits until ``ready`` (a
    URL) answers with success."""
    with log.open("w") as out:
        proc = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
        try:
            while True:
                try:
                    urllib.request.urlopen(ready, timeout=5).close()
                    break
                except OSError:  # refused, or an error page (HTTPError) while it starts
                    if proc.poll() is not None:
                        raise SystemExit(log.read_text()) from None
                    time.sleep(0.3)
            yield
        finally:
            os.killpg(proc.pid, signal.SIGTERM)  # a hub stops the users' servers and its proxy
            proc.wait(60)


@contextmanager
def voila(db_url: str, log: Path, preheat: bool) -> Iterator[str]:
    """Voilà on ``notebooks/`` with the apps' configuration (preheating on or off); yields the
    address of its apps."""
    port = free_port()
    command = [str(BIN / "voila"), str(notebooks_dir()), "--no-browser", f"--port={port}",
               "--Voila.ip=127.0.0.1", f"--Voila.config_file_paths=['{CONFIG}']",
               f"--VoilaConfiguration.preheat_kernel={preheat}"]
    with running(command, dict(os.environ, SALESPLAN_DB=db_url), log, f"http://127.0.0.1:{port}/"):
        yield f"http://127.0.0.1:{port}/voila/render/"


@contextmanager
def team_server(db_url: str, folder: Path) -> Iterator[str]:
    """``salesplan serve`` on free ports serving the store to one head (``LOGIN``), from a project
    folder with the repository's parameters and notebooks; yields the hub's address."""
    if not proxy_path().exists():
        raise SystemExit(f"configurable-http-proxy not found at {proxy_path()}: make team-proxy")
    home, port = folder / "home", free_port()
    (home / "params").mkdir(parents=True)
    for entry in (config.project_root() / "params").iterdir():
        if entry.name != "team.yaml":
            (home / "params" / entry.name).symlink_to(entry)
    team = {"server": {"ip": "127.0.0.1", "port": port, "hub_port": free_port(),
                       "proxy_api_port": free_port()},
            "users": {LOGIN: "head"}, "sees": {"head": ["*"]}}
    (home / "params" / "team.yaml").write_text(yaml.safe_dump(team), encoding="utf-8")
    (home / "notebooks").symlink_to(notebooks_dir())
    env = {key: value for key, value in os.environ.items() if key not in ("SALESPLAN_DB", "JUPYTERHUB_USER")}
    env.update(SALESPLAN_HOME=str(home), SALESPLAN_HUB_STATE=str(folder / "state"))
    subprocess.run([str(BIN / "salesplan"), "team", "password", LOGIN], input=f"{PASSWORD}\n{PASSWORD}\n",
                   text=True, env=env, check=True, capture_output=True)
    base = f"http://127.0.0.1:{port}/"
    with running([str(BIN / "salesplan"), "serve", "--db", db_url], env, folder / "hub.log",
                 base + "hub/api"):
        yield base


def logged_in(browser, base: str):
    """A browser context logged in to the team server as ``LOGIN``, the user's server started."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + "hub/login", wait_until="domcontentloaded")
    page.locator("#username_input").fill(LOGIN)
    page.locator("#password_input").fill(PASSWORD)
    page.locator("#login_submit").click()
    page.wait_for_url(f"{base}user/{LOGIN}/**", timeout=180_000)
    page.close()
    return context


def first_control(context, url: str, selector: str) -> float:
    """Seconds from asking for ``url`` to ``selector`` visible, in a new page closed afterwards."""
    page = context.new_page()
    try:
        start = time.perf_counter()
        page.goto(url, wait_until="commit")
        page.locator(selector).first.wait_for(state="visible", timeout=120_000)
        return time.perf_counter() - start
    finally:
        page.close()


def medians(context, base: str, loads: int, gap: float) -> dict[str, float]:
    """The median first-control time of each app over ``loads`` loads, the apps in turn."""
    times: dict[str, list[float]] = {name: [] for name in FIRST_CONTROL}
    for _ in range(loads):
        for name, selector in FIRST_CONTROL.items():
            times[name].append(first_control(context, base + name, selector))
            time.sleep(gap)
    return {name: statistics.median(found) for name, found in times.items()}


def history_read(db_url: str, runs: int = 5) -> tuple[float, float]:
    """Median seconds of the plan model's history read (``load_history``) and, as the baseline,
    of reading whole every table it reads from (what it did before counting in the database)."""
    eng = store.engine(db_url)

    def whole() -> None:
        for table in HISTORY_TABLES:
            read_table(eng, table)

    found = []
    for step in (lambda: load_history(eng), whole):
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            step()
            times.append(time.perf_counter() - start)
        found.append(statistics.median(times))
    eng.dispose()
    return found[0], found[1]


def report(title: str, found: dict[str, float], baseline: dict[str, float], without: str) -> None:
    print(title, flush=True)
    for name in FIRST_CONTROL:
        took = found[name]
        verdict = "ok" if took <= TARGET else f"over the target {TARGET} s"
        print(f"  {name:24} {took:5.2f} s ({verdict}); {without} {baseline[name]:5.2f} s, "
              f"ratio {took / baseline[name]:.2f}", flush=True)


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loads", type=int, default=5)
    parser.add_argument("--settle", type=float, default=30.0, help="seconds a server has to start")
    parser.add_argument("--gap", type=float, default=3.0, help="seconds between two page loads")
    args = parser.parse_args()
    after = f"median of {args.loads} loads after {args.settle:.0f} s"

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        folder = Path(tmp)
        made = build(db_path=folder / "demo.db", exports_dir=folder / "exports")
        store.engine(made.db_url).dispose()
        read, whole = history_read(made.db_url)
        browser = launch_chromium(pw)
        try:
            print(f"plan model's history read (demo store, median of 5): {read:.2f} s; the tables it "
                  f"reads read whole {whole:.2f} s, ratio {read / whole:.2f}", flush=True)
            app = {}
            for preheat in (False, True):
                with voila(made.db_url, folder / f"voila-{preheat}.log", preheat) as base:
                    time.sleep(args.settle)
                    context = browser.new_context()
                    app[preheat] = medians(context, base, args.loads, args.gap)
                    context.close()
            report(f"make app (Voilà), first control, {after}:", app[True], app[False], "without preheating")
            with team_server(made.db_url, folder) as base:
                context = logged_in(browser, base)
                time.sleep(args.settle)
                user = f"{base}user/{LOGIN}/"
                hub = {preheat: medians(context, user + route, args.loads, args.gap)
                       for preheat, route in ((True, f"{PREFIX}/voila/render/"), (False, "voila/render/"))}
                context.close()
        finally:
            browser.close()
    report(f"team server (the user's Voilà at /user/<login>/{PREFIX}/), first control, {after}:",
           hub[True], hub[False], "the user's server's own Voilà (no preheating)")


if __name__ == "__main__":
    main()
