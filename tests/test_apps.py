"""The apps' preheated kernels: which notebooks get a pool, and that a notebook run anywhere but
in a preheated kernel does not wait for a page."""

import json

import pytest

from salesplan import apps
from salesplan.runner import notebooks_dir


def test_only_the_apps_have_a_pool():
    pools = apps.pools(2)
    assert pools["default"] == {"pool_size": 0}
    assert {name: pool["pool_size"] for name, pool in pools.items() if name != "default"} == {
        "plan_model.ipynb": 2, "call_review.ipynb": 2, "payment_plan.ipynb": 2,
        "meeting_protocol.ipynb": 2, "pay_calculator.ipynb": 2}
    assert all((notebooks_dir() / name).exists() for name in apps.APPS)


@pytest.mark.parametrize("name", apps.APPS)
def test_each_app_waits_for_its_page_before_it_reads_the_store(name):
    """``opened()`` comes after the imports and before the first line that builds the app."""
    cells = json.loads((notebooks_dir() / name).read_text(encoding="utf-8"))["cells"]
    code = [line for cell in cells if cell["cell_type"] == "code"
            and "parameters" not in cell["metadata"].get("tags", [])
            for line in "".join(cell["source"]).splitlines() if line.strip()]
    first_other = next(i for i, line in enumerate(code) if not line.startswith(("from ", "import ")))
    assert code[first_other].startswith("opened()")
    assert "from salesplan.apps import opened" in code[:first_other]


def test_outside_a_preheated_kernel_opened_returns_at_once(monkeypatch):
    monkeypatch.delenv(apps.PREHEAT_ENV, raising=False)
    assert apps.opened() is None
    monkeypatch.setenv(apps.PREHEAT_ENV, "False")  # what Voilà gives a kernel started for a page
    assert apps.opened() is None
