"""The pay calculator in a browser: Voilà serves the notebook over the hand-built store
(``pay_store``), Chromium types a new fact and the amount to pay becomes the hand-computed one;
a login of the team server whose role does not see the calculator gets «нет доступа»."""

import pay_store
import pytest
from voila_server import open_page, serve, watched_page

from salesplan import store, users
from salesplan.motivation.calculator_app import PayCalculator
from salesplan.runner import notebooks_dir
from salesplan.team import NoAccess

pytestmark = pytest.mark.browser


def shown(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split())


def test_a_new_fact_changes_the_amount_to_pay(tmp_path):
    from playwright.sync_api import expect

    url = f"sqlite:///{tmp_path / 'calc.db'}"
    pay_store.fill(store.engine(url))
    with serve(notebooks_dir() / "pay_calculator.ipynb", url, tmp_path, today="2026-03-31") as base, \
            watched_page() as (page, dialogs):
        open_page(page, base, ".pay-calc-total-value")
        total = page.locator(".pay-calc-total-value")
        # Anna in March with the store's 600 000: 60 % of plan, the gate leaves the salary alone
        assert shown(total.inner_text()) == "50 000,00 ₽"
        fact = page.locator(".pay-calc-fact input")
        assert fact.input_value() == "600000"
        fact.fill("1200000")
        fact.press("Enter")
        # 115 500: worked by hand in test_motivation_calculator (two more deals' worth of fact)
        expect(total).to_have_text("115\xa0500,00\xa0₽", timeout=60_000)
        assert "Командный бонус" in page.locator(".pay-calc-statement").inner_text()
        assert dialogs == []


def test_a_role_that_does_not_see_it_gets_no_access(monkeypatch, tmp_path):
    monkeypatch.setenv(users.HUB_ENV, "petrov")  # an analyst in params/team.yaml
    nowhere = f"sqlite:///{tmp_path / 'missing' / 'never.db'}"
    assert isinstance(PayCalculator.from_parameters(nowhere), NoAccess)
    assert not (tmp_path / "missing").exists()  # no store was opened
    monkeypatch.setenv(users.HUB_ENV, "ivanova")  # the head
    assert isinstance(PayCalculator.from_parameters(nowhere.replace("missing", "made")), PayCalculator)
