"""The payment plan form in a browser: Voilà serves the notebook, Chromium fills the week's plan,
submits it, reloads the page and finds the version it submitted."""

from datetime import date

import pytest
from payplan_store import base_store
from voila_server import serve, watched_page

from salesplan.money import fmt_rub
from salesplan.payplan import repository as repo
from salesplan.runner import notebooks_dir

pytestmark = pytest.mark.browser

TODAY = "2026-11-13"  # a Friday: the form opens on next week, 2026-W47
XSS = "<img src=x onerror=alert(1)>"


@pytest.fixture()
def voila(tmp_path, monkeypatch):
    monkeypatch.setenv("SALESPLAN_USER", "anna")
    eng = base_store(tmp_path / "browser.db")
    with serve(notebooks_dir() / "payment_plan.ipynb", f"sqlite:///{tmp_path / 'browser.db'}", tmp_path,
               today=TODAY) as base:
        yield base, eng


def open_form(page, base):
    page.goto(base, wait_until="domcontentloaded")
    page.locator(".sp-pp-manager select").wait_for(timeout=120_000)
    page.locator(".sp-pp-manager select").select_option(label="Анна")


def test_fill_submit_reload_and_find_the_plan(voila):
    from playwright.sync_api import expect

    base, eng = voila
    with watched_page() as (page, dialogs):
        open_form(page, base)
        rows = page.locator(".sp-pp-row")
        expect(rows).to_have_count(4)  # d1…d4, expected in the week
        expect(page.locator(".sp-pp-source")).to_contain_text("Заполнено из CRM")
        expect(page.locator(".sp-pp-total")).to_contain_text(f"сумма {fmt_rub(50_000_000)}")
        page.locator(".sp-pp-row").nth(1).locator(".sp-pp-remove").click()  # d2 will not pay this week
        expect(rows).to_have_count(3)
        amount = rows.nth(0).locator(".sp-pp-amount input")
        amount.fill("120000")
        amount.press("Tab")
        rows.nth(0).locator(".sp-pp-contact input").fill(XSS)
        rows.nth(0).locator(".sp-pp-contact input").press("Tab")
        page.locator(".sp-pp-add").click()
        expect(rows).to_have_count(4)
        new = rows.nth(3)
        new.locator(".sp-pp-client input").fill("Омега")
        new.locator(".sp-pp-expected-date input").fill("2026-11-20")
        new.locator(".sp-pp-amount input").fill("30000")
        new.locator(".sp-pp-probability input").fill("50")
        new.locator(".sp-pp-probability input").press("Tab")
        # 120 000 + 150 000 + 50 000 + 30 000; weighted 108 000 + 112 500 + 12 500 + 15 000
        expect(page.locator(".sp-pp-total")).to_contain_text(
            f"4 строки, сумма {fmt_rub(35_000_000)}, взвешенная {fmt_rub(24_800_000)}")
        page.locator(".sp-pp-submit").click()
        expect(page.locator(".sp-pp-status")).to_contain_text("Сдано: версия 1, 4 строки")

        open_form(page, base)
        expect(page.locator(".sp-pp-source")).to_contain_text("Заполнено из сданной версии 1")
        expect(rows).to_have_count(4)
        expect(rows.nth(0).locator(".sp-pp-contact input")).to_have_value(XSS)
        listed = page.locator(".sp-pp-versions table tbody tr")
        expect(listed).to_have_count(1)
        expect(listed).to_contain_text(fmt_rub(35_000_000))
        expect(listed).to_contain_text("anna")
    assert dialogs == []
    stored = repo.latest(eng, "week", "2026-W47", "a")
    assert stored.version == 1
    assert stored.rows[["deal_id", "client", "expected_date", "amount", "probability"]].astype(object).where(
        stored.rows.notna()[["deal_id", "client", "expected_date", "amount", "probability"]], None
    ).values.tolist() == [
        ["d1", "Альфа", date(2026, 11, 17), 12_000_000, 0.9],
        ["d3", "Гамма", date(2026, 11, 19), 15_000_000, 0.75],
        ["d4", "Дельта", date(2026, 11, 20), 5_000_000, 0.25],
        [None, "Омега", date(2026, 11, 20), 3_000_000, 0.5],
    ]
    assert stored.rows.loc[0, "contact"] == XSS
