"""The plan model in a browser: Voilà serves the notebook, Chromium moves a growth control,
saves and approves the plan, and the approved version is in the store."""

from pathlib import Path

import pytest
from plan_history import TARGET, history_db
from voila_server import serve

from salesplan import store
from salesplan.calendar import working_days
from salesplan.money import fmt_rub
from salesplan.plan import approved_plan, list_plans
from salesplan.printing import launch_chromium

pytestmark = pytest.mark.browser

NOTEBOOK = Path(__file__).parents[1] / "notebooks" / "plan_model.ipynb"
LAST_YEAR = 10_670_000


def expected(growth: float) -> int:
    return int(LAST_YEAR * (1 + growth) * working_days(2026, 10) / working_days(2025, 10) + 0.5) * 100


@pytest.fixture()
def voila(tmp_path):
    """Voilà on the plan model, on a free port, with ``SALESPLAN_DB`` at a store with history."""
    url = history_db(tmp_path)
    with serve(NOTEBOOK, url, tmp_path) as base:
        yield base, store.engine(url)


def shown(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split())


def test_growth_control_changes_the_total_then_approve(voila):
    from playwright.sync_api import expect, sync_playwright

    base, eng = voila
    with sync_playwright() as pw:
        browser = launch_chromium(pw)
        try:
            page = browser.new_page()
            page.goto(base, wait_until="domcontentloaded")
            total = page.locator(".plan-total-value")
            total.wait_for(timeout=120_000)
            assert shown(total.inner_text()) == shown(fmt_rub(expected(0.0)))

            readout = page.locator(".plan-factor-market .widget-readout")
            readout.click()
            page.keyboard.press("Control+A")
            page.keyboard.type("10")
            page.keyboard.press("Enter")
            expect(total).to_have_text(shown(fmt_rub(expected(0.10))), timeout=30_000)

            page.locator(".plan-scenario-name input").fill("Из браузера")
            page.locator("button.plan-approve").click()
            expect(page.locator(".plan-status")).to_contain_text("утверждён", timeout=30_000)
        finally:
            browser.close()

    plan = approved_plan(eng, TARGET, "sales")
    assert plan is not None and plan.version == 1
    assert plan.total == expected(0.10) and plan.name == "Из браузера"
    assert plan.inputs.factors["market"] == pytest.approx(0.10)
    assert list_plans(eng, TARGET, "sales")["status"].tolist() == ["approved", "scenario"]
