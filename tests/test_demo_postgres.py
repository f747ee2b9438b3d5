"""``salesplan demo --db postgresql://…``: the demo department built into PostgreSQL holds what
the SQLite demo holds, and its monthly pack runs there with the same figures."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from salesplan import store
from salesplan.money import fmt_rub
from salesplan.plan_of_record import plan_of_record

pytestmark = [pytest.mark.postgres, pytest.mark.notebook]

REPO = Path(__file__).resolve().parents[1]
SALESPLAN = Path(sys.executable).with_name("salesplan")


def paid(db: str, start: str, end: str) -> int:
    payments = store.read_table(store.engine(db), "payments")
    return int(payments["amount"][payments["date"].between(start, end)].sum())


def salesplan(home: Path, demo_month: str, *args: str) -> subprocess.CompletedProcess:
    """The installed command, in a project folder of its own, on the day after the demo month."""
    today = str((pd.Period(demo_month, freq="M") + 1).start_time.date() + pd.Timedelta(days=14))
    env = {**os.environ, "SALESPLAN_HOME": str(home), "SALESPLAN_TODAY": today}
    env.pop("SALESPLAN_DB", None)
    return subprocess.run([str(SALESPLAN), *args], capture_output=True, text=True, env=env, check=False)


def project_home(home: Path) -> Path:
    """``home`` made a project folder: the repository's parameters and notebooks, nothing else."""
    for folder in ("params", "notebooks"):
        (home / folder).symlink_to(REPO / folder)
    return home


@pytest.fixture(scope="session")
def demo_pg(postgres_server, tmp_path_factory, demo_month):
    """``salesplan demo --db URL --out PACK`` run once: (URL, pack folder, the command's run)."""
    home = project_home(tmp_path_factory.mktemp("pg_home"))
    url, pack = postgres_server.create_database(), home / "pack"
    return url, pack, salesplan(home, demo_month, "demo", "--db", url, "--out", str(pack), "--jobs", "2")


def test_the_demo_command_builds_into_postgresql_and_runs_the_pack(demo_pg):
    url, pack, done = demo_pg
    assert done.returncode == 0, done.stderr
    assert "postgresql+psycopg://postgres@/" in done.stdout and str(pack / "index.html") in done.stdout
    manifest = json.loads((pack / "manifest.json").read_text(encoding="utf-8"))
    assert [o["status"] for o in manifest["outputs"]] == ["ok"] * len(manifest["outputs"])


def test_the_postgresql_demo_holds_the_rows_of_the_sqlite_demo(demo_pg, demo_db):
    url, _pack, _done = demo_pg
    ours, theirs = store.engine(url), store.engine(demo_db)
    assert store.counts(ours) == store.counts(theirs)
    for table in store.DATA_TABLES:
        pd.testing.assert_frame_equal(
            store.read_table(ours, table).sort_values("id", ignore_index=True),
            store.read_table(theirs, table).sort_values("id", ignore_index=True),
            check_dtype=False, obj=table,
        )


def test_the_monthly_report_on_postgresql_shows_the_sqlite_figures(demo_pg, demo_db, demo_month):
    _url, pack, _done = demo_pg
    page = (pack / "monthly_report.html").read_text(encoding="utf-8")
    first = f"{demo_month}-01"
    last = str(pd.Timestamp(first) + pd.offsets.MonthEnd(0))[:10]
    plan = int(plan_of_record(store.engine(demo_db), demo_month)["amount"].sum())
    assert f"План {fmt_rub(plan)}, факт {fmt_rub(paid(demo_db, first, last))}" in page
    assert (pack / f"meeting_deck_{demo_month}.pptx").exists()


def test_the_demo_goes_only_into_an_empty_database(demo_pg, tmp_path, demo_month):
    url, _pack, _done = demo_pg
    done = salesplan(project_home(tmp_path), demo_month, "demo", "--db", url)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "демо-отдел строится только в пустой базе" in done.stderr
