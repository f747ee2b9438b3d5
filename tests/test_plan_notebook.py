"""``notebooks/plan_model.ipynb`` headless under papermill: a scheduled proposal, saved."""

from pathlib import Path

import nbformat
import papermill
import partial_stores
import pytest
from plan_history import TARGET, history_db

from salesplan import store
from salesplan.calendar import working_days
from salesplan.money import fmt_rub
from salesplan.plan import list_plans

NOTEBOOK = Path(__file__).parents[1] / "notebooks" / "plan_model.ipynb"

pytestmark = pytest.mark.notebook


def test_committed_without_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")
    assert "parameters" in nb.cells[1].metadata["tags"]


def test_headless_run_saves_the_proposal_and_shows_a_static_page(tmp_path):
    db = history_db(tmp_path)
    out = tmp_path / "out.ipynb"
    papermill.execute_notebook(
        str(NOTEBOOK), str(out), kernel_name="python3", progress_bar=False,
        parameters={"db_url": db, "month": TARGET, "use_growth": True, "growth": 0.1,
                    "scenario": "Плановое предложение", "interactive": False,
                    "out_dir": str(tmp_path)},
    )
    total = int(10_670_000 * 1.1 * working_days(2026, 10) / working_days(2025, 10) + 0.5) * 100
    plans = list_plans(store.engine(db), TARGET, "sales")
    assert plans[["name", "status", "total"]].values.tolist() == [
        ["Плановое предложение", "scenario", total]]
    page = "".join(
        o.get("data", {}).get("text/html", "")
        for c in nbformat.read(out, as_version=4).cells if c.cell_type == "code"
        for o in c.outputs
    )
    assert fmt_rub(total) in page
    assert "data:image/jpeg;base64," in page and "Нормативы" in page


def test_headless_run_on_deals_alone_proposes_by_the_funnel(tmp_path):
    """Ten months of won deals and nothing else: the page shows the funnel's proposal and why the
    default method (by history) cannot propose."""
    db = partial_stores.build("deals", tmp_path / "deals")
    out = tmp_path / "out.ipynb"
    papermill.execute_notebook(
        str(NOTEBOOK), str(out), kernel_name="python3", progress_bar=False,
        parameters={"db_url": db, "interactive": False, "out_dir": str(tmp_path)})
    window = sum(working_days(2026, m) for m in range(5, 11))
    won = sum(1_200_000 * (m + 1) + 930_000 for m in range(3))  # May–October, see test_plan_cli
    total = int(won * working_days(2026, 11) / window + 0.5) * 100
    page = "".join(
        o.get("data", {}).get("text/html", "")
        for c in nbformat.read(out, as_version=4).cells if c.cell_type == "code"
        for o in c.outputs
    )
    assert fmt_rub(total) in page
    assert "Метод по умолчанию «По истории» недоступен (нет продаж в ноябре 2025)" in page
    assert "есть 10 месяцев" in page and "есть 0 месяцев" not in page
