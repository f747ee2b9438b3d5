"""The payment plan form without a browser: the plan for tomorrow starts from the weekly plan's
rows due that day, a refused submission names its rows and stores nothing, and what a manager
typed is shown escaped."""

from datetime import date, datetime

import pytest
from payplan_store import WEEK, base_store, plan_rows, submit_at

from salesplan import clock
from salesplan.payplan import repository as repo
from salesplan.payplan.form import PaymentPlanForm, default_period

TUESDAY = date(2026, 11, 17)


@pytest.fixture()
def eng(tmp_path, monkeypatch):
    monkeypatch.setenv("SALESPLAN_USER", "anna")
    eng = base_store(tmp_path / "store.db")
    submit_at(eng, datetime(2026, 11, 16, 9, 30), "week", WEEK, "a", plan_rows("d1", "d2", "d3", "d4"))
    clock.set_today(datetime(2026, 11, 17, 17, 0))
    yield eng
    clock.set_today(None)


def test_plans_are_made_ahead():
    assert default_period("week", date(2026, 11, 13)) == "2026-W47"  # Friday: next week
    assert default_period("week", date(2026, 11, 16)) == "2026-W47"  # Monday: this week
    assert default_period("day", date(2026, 11, 13)) == "2026-11-16"  # Friday: Monday
    assert default_period("day", date(2026, 12, 30)) == "2027-01-11"  # the New Year holidays


def test_tomorrows_plan_starts_from_the_weekly_rows_due_then_and_is_stored_beside_it(eng):
    form = PaymentPlanForm(eng, manager="a", kind="day", today=TUESDAY)
    assert form.period.value == "2026-11-18"
    assert form.source.value == "Заполнено строками плана на неделю с датой оплаты 18.11.2026 (1 строка)."
    assert [r.deal_id for r in form.plan_rows] == ["d2"]
    form.plan_rows[0].fields["expected_date"].value = date(2026, 11, 25)
    done = form.submit()
    assert done.version == 1 and form.status.value.startswith("Сдано: версия 1, 1 строка")
    stored = repo.latest(eng, "day", "2026-11-18", "a").rows
    assert stored[["deal_id", "expected_date", "amount"]].values.tolist() == [
        ["d2", date(2026, 11, 25), 20_000_000]]
    assert len(repo.plans(eng, "week")) == 1  # the weekly plan as it was


def test_a_refused_submission_names_the_rows_and_stores_nothing(eng):
    form = PaymentPlanForm(eng, manager="b", today=TUESDAY)
    assert [r.deal_id for r in form.plan_rows] == ["d5", "d6", "d7"]  # Борис has no plan: from the CRM
    form.plan_rows[1].fields["amount"].value = 0
    row = form.add_row()
    row.fields["client"].value = "Омега"
    assert form.submit() is None
    assert form.status.value.split("<br>") == [
        "План оплат не принят (3 ошибки):",
        "  строка 2, «Сумма, ₽»: 0\xa0₽ — сумма должна быть больше нуля",
        "  строка 4, «Ожидаемая дата оплаты»: не заполнено — ожидается дата оплаты ДД.ММ.ГГГГ",
        "  строка 4, «Сумма, ₽»: 0\xa0₽ — сумма должна быть больше нуля",
    ]  # a new row's probability starts at 0 %, which is a probability
    assert repo.plans(eng, manager_id="b").empty
