"""The trainer's form in a browser: Voilà serves the notebook, Chromium fills a review."""

import pytest
from sqlalchemy import select
from voila_server import open_page, serve_department, watched_page

from salesplan import store
from salesplan.printing import launch_chromium
from salesplan.reviews import repository as repo
from salesplan.reviews.templates import load_templates

pytestmark = pytest.mark.browser

XSS = "<script>alert(1)</script>"
REVIEWER = "Тренер Тестова"
RECORDING = "https://records.example.test/hun1/latest.mp3?sig=x&part=1"
TODAY = "2026-11-20"  # the form lists calls from 1 October: the department's last month


@pytest.fixture()
def voila(tmp_path):
    """Voilà on the form notebook, on a free port, with ``SALESPLAN_DB`` at a fresh store, on ``TODAY``."""
    with serve_department("call_review.ipynb", tmp_path, TODAY) as served:
        yield served


def open_form(page, base):
    open_page(page, base, ".sp-reviewer input")


def choose_reviewer(page):
    field = page.locator(".sp-reviewer input")
    field.fill(REVIEWER)
    field.press("Enter")


def test_fill_save_reload_and_find_the_review(voila):
    from playwright.sync_api import expect

    base, eng = voila
    with watched_page() as (page, dialogs):
        open_form(page, base)
        choose_reviewer(page)
        page.locator(".sp-manager select").select_option(label="Глеб Холодов")
        expect(page.locator(".sp-call select option")).not_to_have_count(1)
        page.locator(".sp-call select").select_option(index=1)
        for crit in load_templates()["cold_call"].criteria.values():
            buttons = page.locator(f".sp-crit-{crit.id} button")
            (buttons.filter(has_text="0 — нет") if crit.id == "next_step" else buttons.first).click()
        expect(page.locator(".sp-score").first).to_contain_text("88,0")
        page.locator(".sp-comment textarea").fill(XSS)
        page.locator(".sp-comment-closing textarea").fill("нет даты встречи")
        page.locator(".sp-comment-closing textarea").blur()

        # the tab is closed by mistake: the draft comes back with the reviewer's name
        page.wait_for_timeout(500)
        open_form(page, base)
        choose_reviewer(page)
        expect(page.locator(".sp-status")).to_contain_text("Восстановлен черновик")
        expect(page.locator(".sp-score").first).to_contain_text("88,0")
        expect(page.locator(".sp-crit-next_step button.mod-active")).to_have_text("0 — нет")
        expect(page.locator(".sp-comment-closing textarea")).to_have_value("нет даты встречи")

        page.locator(".sp-save").click()
        expect(page.locator(".sp-status")).to_contain_text("Сохранено: оценка 88,0, ревизия 1")

        open_form(page, base)
        choose_reviewer(page)
        row = page.locator(".sp-saved table tbody tr")
        expect(row).to_have_count(1)
        expect(row).to_contain_text("Глеб Холодов")
        expect(row).to_contain_text("88,0")
        expect(row).to_contain_text(XSS)  # shown as text
        assert page.locator(".sp-saved script").count() == 0
    assert dialogs == []
    heads = repo.current_reviews(eng)
    assert len(heads) == 1 and heads.iloc[0]["score"] == pytest.approx(88.0)
    assert heads.iloc[0]["comment"] == XSS and heads.iloc[0]["reviewer"] == REVIEWER


def test_the_chosen_calls_recording_plays_in_the_page(voila):
    from playwright.sync_api import expect, sync_playwright

    base, eng = voila
    calls = store.calls
    with store.transaction(eng) as conn:  # Глеб Холодов's latest call has a recording, the one before none
        latest = conn.execute(
            select(calls.c.id).where(calls.c.manager_id == "hun1").order_by(calls.c.started_at.desc())
        ).scalars().first()
        conn.execute(calls.update().where(calls.c.id == latest).values(recording_url=RECORDING))
    with sync_playwright() as pw:
        browser = launch_chromium(pw)
        page = browser.new_page()
        open_form(page, base)
        page.locator(".sp-manager select").select_option(label="Глеб Холодов")
        expect(page.locator(".sp-call select option")).not_to_have_count(1)
        page.locator(".sp-call select").select_option(index=1)
        audio = page.locator(".sp-player audio")
        expect(audio).to_have_count(1)
        assert audio.get_attribute("src") == RECORDING
        assert audio.get_attribute("controls") is not None
        page.locator(".sp-call select").select_option(index=2)
        expect(audio).to_have_count(0)
        browser.close()
