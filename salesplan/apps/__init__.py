"""The interactive apps Voilà serves, and how their pages open at once.

Voilà keeps a pool of preheated kernels for each app (``POOLS``; ``voila.py`` here is the
configuration ``make app`` and the team server give Voilà): a pooled kernel starts, imports the
app's modules and runs the notebook up to ``opened()`` before anyone asks for the page. There the
notebook waits until a page is requested, and only then reads the clock, the request and the
store: a page opened the next morning shows that day, and a page reopened after another tab saved
a draft shows the draft. The kernel inherits the server's environment (the store,
``$SALESPLAN_TODAY``, on the team server the user's own login: each user has a server of their
own), the same a kernel started for the page would get.

Outside a preheated kernel (papermill, nbval, Voilà without a pool) ``opened()`` returns at once.
"""

from __future__ import annotations

import os
from contextlib import suppress
from pathlib import Path

APPS = ("plan_model.ipynb", "call_review.ipynb", "payment_plan.ipynb", "meeting_protocol.ipynb",
        "pay_calculator.ipynb")
POOL_SIZE = 1  # kernels kept ready per app: each is ~150 MB; a pool refills a second after use
PREHEAT_ENV = "VOILA_PREHEAT"  # Voilà sets it to "True" in the kernels of its pools


def config_dir() -> Path:
    """The folder of Voilà's configuration file for the apps (``voila.py``)."""
    return Path(__file__).parent


def pools(size: int = POOL_SIZE, apps: tuple[str, ...] = APPS) -> dict[str, dict]:
    """Voilà's ``kernel_pools_config``: ``size`` kernels for each app, none for other notebooks
    (a report notebook is run by ``salesplan run``, not kept running ahead)."""
    return {"default": {"pool_size": 0}, **{name: {"pool_size": size} for name in apps}}


def warm() -> None:
    """Load ahead what every app's first page needs: the modules the apps import on first use,
    the parameter files (``settings`` keeps them by their files' signature, so a file changed
    before the page opens is read again then) and the production calendar's module."""
    import holidays
    import sqlalchemy.dialects.sqlite  # noqa: F401  (the store's driver, imported on first connect)

    from salesplan import calendar, printing  # noqa: F401
    from salesplan.errors import ParamsError
    from salesplan.settings import settings

    holidays.country_holidays("RU")
    with suppress(ParamsError):  # a bad file is reported when the page opens and reads it again
        settings()


def opened() -> None:
    """In a preheated kernel, warm up (``warm``) and wait until the page is requested (Voilà
    then puts the request's variables in ``os.environ``); elsewhere return at once."""
    if os.environ.get(PREHEAT_ENV) == "True":
        from voila.utils import wait_for_request

        warm()
        wait_for_request()
