"""The meeting protocol form in a browser: Voilà serves the notebook, Chromium fills a protocol,
saves it, reloads the page and finds it."""

import pytest
from voila_server import open_page, serve_department, watched_page

from salesplan.protocol import repository as repo

pytestmark = pytest.mark.browser

TODAY = "2026-10-26"
TASK = "Обзвонить клиентов без заказа <за 60 дней>"


@pytest.fixture()
def voila(tmp_path):
    with serve_department("meeting_protocol.ipynb", tmp_path, TODAY) as served:
        yield served


def open_form(page, base):
    open_page(page, base, ".sp-text textarea")


def test_fill_save_reload_and_find_the_protocol(voila):
    from playwright.sync_api import expect

    base, eng = voila
    with watched_page() as (page, dialogs):
        open_form(page, base)
        page.locator(".sp-meeting-kind select").select_option(label="Еженедельное собрание")
        page.locator(".sp-department select").select_option(label="Отдел продаж")
        page.locator(".sp-kind select").select_option(label="Задача")
        page.locator(".sp-text textarea").fill(TASK)
        page.locator(".sp-text textarea").blur()
        page.locator(".sp-owner select").select_option(label="Глеб Холодов")
        page.locator(".sp-deadline input").fill("2026-10-30")
        page.locator(".sp-deadline input").blur()
        page.locator(".sp-add").click()
        expect(page.locator(".sp-status")).to_contain_text("Добавлен пункт 1.")
        expect(page.locator(".sp-pending table tbody tr")).to_have_count(1)
        page.locator(".sp-save").click()
        expect(page.locator(".sp-status")).to_contain_text(
            "Протокол сохранён: Еженедельное собрание 26.10.2026, пунктов: 1.")

        open_form(page, base)
        row = page.locator(".sp-recent table tbody tr")
        expect(row).to_have_count(1)
        expect(row).to_contain_text(TASK)  # shown as text
        expect(row).to_contain_text("Глеб Холодов")
        expect(row).to_contain_text("30.10.2026")
        expect(row).to_contain_text("осталось 4 рабочих дня")
    assert dialogs == []
    items = repo.items_frame(eng)
    assert items[["kind", "text", "owner_id", "meeting_kind", "department_id"]].values.tolist() == [
        ["task", TASK, "hun1", "weekly", "sales"]]
