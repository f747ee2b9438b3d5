"""Voilà for the browser tests: serve one notebook on a free local port until the test ends."""

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from reviews_department import build
from sqlalchemy import Engine

from salesplan import clock, store
from salesplan.apps import config_dir
from salesplan.runner import notebooks_dir


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def app_config() -> list[str]:
    """Voilà's options for the apps' configuration, as ``make app`` gives them."""
    return [f"--Voila.config_file_paths=['{config_dir()}']"]


@contextmanager
def serve(notebook: Path, db_url: str, folder: Path, today: str | None = None) -> Iterator[str]:
    """Voilà on ``notebook`` with ``SALESPLAN_DB=db_url``, its log in ``folder``; yields the base URL.
    Configured as ``make app`` (``app_config``): an app's page comes from a preheated kernel.

    ``today`` (``YYYY-MM-DD``) sets the app's clock (``SALESPLAN_TODAY``), so that what the page
    shows by default does not depend on the date the test runs.

    Waits up to two minutes for the port to accept connections (the log is the failure message
    if Voilà exits or never listens), and stops the whole process group afterwards.
    """
    port = free_port()
    log_path = folder / "voila.log"
    log = log_path.open("w")
    proc = subprocess.Popen(
        [str(Path(sys.executable).with_name("voila")), str(notebook), "--no-browser",
         f"--port={port}", "--Voila.ip=127.0.0.1", *app_config()],
        env=dict(os.environ, SALESPLAN_DB=db_url, **({clock.ENV: today} if today else {})),
        stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline, log_path.read_text()
                time.sleep(0.3)
        yield f"http://127.0.0.1:{port}/"
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(30)
        log.close()


@contextmanager
def serve_department(notebook: str, folder: Path, today: str) -> Iterator[tuple[str, Engine]]:
    """Voilà on ``notebooks/<notebook>`` over a fresh store holding the test department
    (``reviews_department``), on ``today``; yields the base URL and the store's engine."""
    url = f"sqlite:///{folder / 'browser.db'}"
    build(store.engine(url))
    with serve(notebooks_dir() / notebook, url, folder, today=today) as base:
        yield base, store.engine(url)


def open_page(page, base: str, ready: str) -> None:
    """Load the app and wait (up to two minutes: a kernel starts) until ``ready`` is on the page."""
    page.goto(base, wait_until="domcontentloaded")
    page.locator(ready).wait_for(timeout=120_000)


@contextmanager
def watched_page() -> Iterator[tuple[object, list[str]]]:
    """A page of Debian's Chromium that dismisses every dialog and keeps its message: a page that
    shows none has no script injected by what the test typed."""
    from playwright.sync_api import sync_playwright

    from salesplan.printing import launch_chromium

    dialogs: list[str] = []
    with sync_playwright() as pw:
        browser = launch_chromium(pw)
        page = browser.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        yield page, dialogs
        browser.close()
