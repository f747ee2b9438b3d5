"""The sheet notebook runs with its parameters and shows that manager's sheet and the form."""

from __future__ import annotations

import papermill
import pytest
from attestation_demo import seeded

from salesplan.runner import notebooks_dir

pytestmark = pytest.mark.notebook


def test_sheet_notebook_shows_the_managers_sheet(demo_db, demo_month, tmp_path_factory, tmp_path):
    url = seeded(demo_db, tmp_path_factory.mktemp("attestation"), demo_month)
    done = papermill.execute_notebook(
        str(notebooks_dir() / "attestation_sheet.ipynb"), str(tmp_path / "sheet.ipynb"),
        parameters={"manager": "m10", "period": "2026-Q3", "db_url": url, "department": "",
                    "out_dir": str(tmp_path)},
        kernel_name="python3", progress_bar=False,
    )
    outputs = [o for c in done.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    shown = " ".join(o.get("data", {}).get("text/html", "") for o in outputs)
    assert "Аттестационный лист" in shown and "Игорь Зайцев" in shown
    assert "С результатами аттестации ознакомлен(а)" in shown
    widgets = [o for o in outputs if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
    assert len(widgets) == 1  # the form
