"""The interactive app without a browser: controls change the plan, buttons save and approve."""

import pytest
from plan_history import TARGET, history_db

from salesplan import store
from salesplan.calendar import working_days
from salesplan.money import fmt_rub
from salesplan.plan import list_plans, version_history
from salesplan.plan.ui import PlanApp
from salesplan.plan_of_record import plan_of_record

LAST_YEAR = 10_670_000


@pytest.fixture()
def app(tmp_path):
    eng = store.engine(history_db(tmp_path))
    return PlanApp(eng, month=TARGET, out_dir=tmp_path / "out")


def expected(growth):
    return int(LAST_YEAR * (1 + growth) * working_days(2026, 10) / working_days(2025, 10) + 0.5)


def test_growth_slider_moves_the_department_total(app):
    assert app.result.total == expected(0.0) * 100
    app.factor_sliders["market"].value = 12
    app.factor_sliders["new_hires"].value = 20
    assert app.result.total == expected(0.32) * 100
    assert fmt_rub(expected(0.32) * 100) in app.total.value
    app.combine.value = "multiplicative"
    assert app.result.total == int(LAST_YEAR * 1.12 * 1.2 * working_days(2026, 10)
                                   / working_days(2025, 10) + 0.5) * 100
    app.use_growth.value = True
    app.growth.value = 10
    assert app.result.total == expected(0.10) * 100


def test_a_factor_of_ones_own(app):
    # params/plan.yaml declares «Конкуренты»; the head adds «Курс рубля» in the model
    app.factor_sliders["Конкуренты"].value = -5
    assert app.result.total == expected(-0.05) * 100
    app.factor_name.value = "  Курс   рубля "
    app.add_factor_button.click()
    assert app.factor_name.value == "" and "Курс рубля" in app.factor_sliders
    assert app.factors_box.children[-1] is app.factor_sliders["Курс рубля"]
    app.factor_sliders["Курс рубля"].value = 8
    assert app.result.total == expected(0.03) * 100
    assert app.inputs().factors["Курс рубля"] == pytest.approx(0.08)
    app.factor_name.value = "Курс рубля"
    app.add_factor_button.click()
    assert "уже есть" in app.status.value and len(app.factors_box.children) == len(app.factor_sliders)
    steps = app.result.waterfall["step"].tolist()
    assert "Курс рубля" in steps and "Конкуренты" in steps


def test_method_key_and_overrides(app):
    app.method.value = "funnel"
    assert app.result.total == app.result.proposals.set_index("method").loc["funnel", "total"]
    app.method.value = "history"
    app.key.value = "equal"
    assert app.result.plan.max() - app.result.plan.min() <= 100
    app.manager.value = "hun2"
    app.amount.value = 2_000_000
    app.pin_button.click()
    assert app.result.plan[app.context.manager_ids.index("hun2")] == 2_000_000 * 100
    assert app.result.plan.sum() == app.result.total
    assert "Дина Охотина" in app.pinned.value
    app.clear_button.click()
    assert not app.result.fixed.any()


def test_tables_and_charts_are_refreshed(app):
    app.render_all()
    assert "Анна Ключева" in app.managers_table.value
    assert "2026-W44" in app.weeks_table.value
    assert "Звонков в день" in app.norms_table.value
    assert "Тренд и сезонность" in app.methods_table.value
    assert "Тот же месяц прошлого года" in app.waterfall_table.value
    first = app.managers_chart.value
    assert first[:2] == b"\xff\xd8"  # a JPEG
    app.factor_sliders["market"].value = 30
    app.tabs.selected_index = 1
    assert fmt_rub(app.result.week_amounts.sum(axis=0)[-1]) in app.weeks_table.value
    app.tabs.selected_index = 0
    assert app.managers_chart.value != first


def test_save_compare_approve_and_export(app, tmp_path):
    app.scenario_name.value = "Осторожный"
    app.save_button.click()
    app.factor_sliders["market"].value = 10
    app.scenario_name.value = "Смелый"
    app.save_button.click()
    assert "сохранён" in app.status.value
    plans = list_plans(app.eng, TARGET, "sales")
    assert plans["name"].tolist() == ["Смелый", "Осторожный"]
    app.compare_button.click()
    assert "factors.market" in app.compare_table.value
    app.author.value = "Директор"
    app.approve_button.click()
    assert "утверждён: версия 1" in app.status.value
    record = plan_of_record(app.eng, TARGET, "sales")
    assert record["amount"].sum() == expected(0.10) * 100
    assert version_history(app.eng, TARGET, "sales")["author"].tolist() == ["Директор"]
    app.export_button.click()
    assert (tmp_path / "out" / f"plan_{TARGET}_sales_v1.xlsx").exists()


def test_errors_are_shown_not_raised(app):
    app.manager.value = "kam1"
    app.amount.value = 10**9
    app.pin_button.click()
    assert "Ошибка" in app.status.value
    app.month.value = "2026-11"
    assert app.result.inputs.month == "2026-11" and not app.overrides
    app.export_button.click()
    assert "нет утверждённого плана" in app.status.value


def test_the_year_tab_shows_each_months_plan_and_fact(app):
    import plan_history

    app.scenario_name.value = "Год"
    app.approve_button.click()  # October's plan of record
    app.tabs.selected_index = 5
    page = app.year_table.value
    assert "2026: утверждённые планы и факт по месяцам; октябрь 2026 — план на экране." in page
    # the fact of September 2026: every active sales manager's revenue of the month, by hand
    september = sum(plan_history.expected_revenue(m[0], 2026, 9) for m in plan_history.MANAGERS
                    if m[2] == "sales")
    assert fmt_rub(september) in page
    october = int(plan_of_record(app.eng, TARGET, "sales")["amount"].sum())
    assert page.count(fmt_rub(october)) >= 2  # the plan of record, and the plan on screen


def test_a_quarter_proposed_and_approved_from_the_year_tab(app):
    from salesplan.plan.period_plan import propose_period

    app.factor_sliders["market"].value = 10
    assert [v for _, v in app.period.options] == ["2026-Q4", "2026-H2", "2026"]
    app.period.value = "2026-Q4"
    app.period_button.click()
    alone = propose_period(app.planner, "2026-Q4", "sales", factors=app.inputs().factors)
    for month in alone.months:
        assert fmt_rub(month.total) in app.period_table.value
    assert fmt_rub(alone.total) in app.period_table.value
    app.scenario_name.value = "Квартал"
    app.period_approve_button.click()
    assert "Утверждены планы каждого месяца: IV квартал 2026" in app.status.value
    approved = {m: int(plan_of_record(app.eng, m, "sales")["amount"].sum())
                for m in ("2026-10", "2026-11", "2026-12")}
    assert approved == alone.by_month().to_dict()
