"""The monthly call-quality summary's sentences: counts with the form of their noun."""

import pytest
from reviews_department import build

from salesplan import store
from salesplan.money import fmt_number
from salesplan.reviews import calibration, summary
from salesplan.reviews.demo import seed_demo
from salesplan.reviews.templates import ReviewSettings


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> summary.SummaryData:
    eng = store.engine(f"sqlite:///{tmp_path_factory.mktemp('summary') / 'reviews.db'}")
    build(eng)
    seed_demo(eng, "2026-10")
    return summary.load(eng, "2026-10", "sales")


def test_headline_counts_managers_and_reviewers(data):
    now = data.of_month(data.heads)
    managers, reviewers = now["manager_id"].nunique(), now["reviewer"].nunique()
    assert (managers, reviewers) == (5, 3)  # the department's five sellers, three reviewers
    assert "(5 менеджеров, 3 проверяющих)" in summary.headline(data)


def test_history_and_sampling_notes(data):
    assert "по звонкам за 6 месяцев по октябрь 2026 включительно" in summary.history_note(data)
    assert "за 1 месяц" in summary.history_note(data, history=1)
    assert "меньше 4 оценённых звонков" in summary.sampling_note(ReviewSettings(min_reviews_per_manager=4))
    assert "меньше 1 оценённого звонка" in summary.sampling_note(ReviewSettings(min_reviews_per_manager=1))


def test_calibration_plan_counts_the_months_calls(data):
    settings = ReviewSettings()
    plan = calibration.calibration_suggestion(data.heads, data.month, settings.calibration_share)
    noun = "звонка" if plan["calls"] % 10 == 1 and plan["calls"] % 100 != 11 else "звонков"
    assert f" из {fmt_number(plan['calls'])} {noun} месяца;" in summary.calibration_plan(data, settings)
