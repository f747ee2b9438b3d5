"""How fast the apps show their first control: Voilà with the apps' preheated kernels against
the same Voilà without them, measured in Chromium in one run.

Builds the demo department in a temporary folder, starts Voilà on ``notebooks/`` the way
``make app`` does (``salesplan/apps/voila.py``) and, as the baseline, the same server with
preheating off; gives each server ``--settle`` seconds to start, then opens every app
``--loads`` times in turn (a new page each time, closed afterwards, ``--gap`` seconds between
loads) and times from the request to the app's first control on screen. Prints the median per
app against the target (1.5 s) and the ratio to the baseline.

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
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from salesplan import apps, store
from salesplan.demo.build import build
from salesplan.printing import launch_chromium
from salesplan.runner import notebooks_dir

TARGET = 1.5  # seconds from opening the page to the first control
CONFIG = apps.config_dir()
FIRST_CONTROL = {  # each app's first control on screen
    "plan_model.ipynb": "button.plan-save",
    "call_review.ipynb": ".sp-reviewer input",
    "payment_plan.ipynb": ".sp-pp-manager select",
    "meeting_protocol.ipynb": ".sp-meeting-kind select",
    "pay_calculator.ipynb": ".pay-calc-fact input",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def voila(db_url: str, log: Path, preheat: bool) -> Iterator[str]:
    """Voilà on ``notebooks/`` with the apps' configuration (preheating on or off); yields its URL."""
    port = free_port()
    command = [str(Path(sys.executable).with_name("voila")), str(notebooks_dir()), "--no-browser",
               f"--port={port}", "--Voila.ip=127.0.0.1", f"--Voila.config_file_paths=['{CONFIG}']",
               f"--VoilaConfiguration.preheat_kernel={preheat}"]
    with log.open("w") as out:
        proc = subprocess.Popen(command, env=dict(os.environ, SALESPLAN_DB=db_url), stdout=out,
                                stderr=subprocess.STDOUT, start_new_session=True)
        try:
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    if proc.poll() is not None:
                        raise SystemExit(log.read_text()) from None
                    time.sleep(0.3)
            yield f"http://127.0.0.1:{port}/voila/render/"
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(30)


def first_control(browser, url: str, selector: str) -> float:
    """Seconds from asking for ``url`` to ``selector`` visible, in a new page closed afterwards."""
    page = browser.new_page()
    try:
        start = time.perf_counter()
        page.goto(url, wait_until="commit")
        page.locator(selector).first.wait_for(state="visible", timeout=120_000)
        return time.perf_counter() - start
    finally:
        page.close()


def medians(base: str, loads: int, gap: float) -> dict[str, float]:
    """The median first-control time of each app over ``loads`` loads, the apps in turn."""
    from playwright.sync_api import sync_playwright

    times: dict[str, list[float]] = {name: [] for name in FIRST_CONTROL}
    with sync_playwright() as pw:
        browser = launch_chromium(pw)
        try:
            for _ in range(loads):
                for name, selector in FIRST_CONTROL.items():
                    times[name].append(first_control(browser, base + name, selector))
                    time.sleep(gap)
        finally:
            browser.close()
    return {name: statistics.median(found) for name, found in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loads", type=int, default=5)
    parser.add_argument("--settle", type=float, default=30.0, help="seconds a server has to start")
    parser.add_argument("--gap", type=float, default=3.0, help="seconds between two page loads")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        made = build(db_path=folder / "demo.db", exports_dir=folder / "exports")
        store.engine(made.db_url).dispose()
        found = {}
        for preheat in (False, True):
            with voila(made.db_url, folder / f"voila-{preheat}.log", preheat) as base:
                time.sleep(args.settle)
                found[preheat] = medians(base, args.loads, args.gap)
        print(f"make app (Voilà), first control, median of {args.loads} loads after {args.settle:.0f} s:")
        for name in FIRST_CONTROL:
            took, baseline = found[True][name], found[False][name]
            verdict = "ok" if took <= TARGET else f"over the target {TARGET} s"
            print(f"  {name:24} {took:5.2f} s ({verdict}); without preheating {baseline:5.2f} s, "
                  f"ratio {took / baseline:.2f}")


if __name__ == "__main__":
    main()
