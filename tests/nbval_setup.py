"""pytest plugin for ``make nbval``: the notebooks run by nbval on a store the tests build.

nbval runs each notebook as committed, with its ``parameters`` cell's defaults (the demo's
October 2026, manager ``m04``), in a kernel started in the notebook's folder. Before any kernel
starts, this plugin builds the demo department into a temporary store and points the kernels at
it (``SALESPLAN_DB``) with the clock set inside its history (``SALESPLAN_TODAY``); ``make nbval``
runs copies of the notebooks, so what they write stays out of the project.
"""

import os
import tempfile
from pathlib import Path

from salesplan import clock
from salesplan.demo.build import build

END_MONTH = "2026-10"  # the notebooks' default month
TODAY = "2026-11-20"


def pytest_configure(config) -> None:
    if not config.getoption("nbval_lax", default=False):
        return
    folder = Path(tempfile.mkdtemp(prefix="salesplan-nbval-"))
    made = build(db_path=folder / "demo.db", exports_dir=folder / "exports", end_month=END_MONTH)
    os.environ["SALESPLAN_DB"] = made.db_url
    os.environ[clock.ENV] = TODAY
