"""``salesplan plan …``: propose (text and JSON), approve, export, check, versions, compare."""

import json
import subprocess
import sys
from datetime import date

import openpyxl
import partial_stores
import pytest
from plan_history import TARGET, history_db
from sqlalchemy import insert
from typer.testing import CliRunner

from salesplan import store
from salesplan.calendar import working_days
from salesplan.cli import app
from salesplan.errors import SalesplanError
from salesplan.plan import list_plans
from salesplan.plan_of_record import plan_of_record

LAST_YEAR = 10_670_000  # October 2025 of the test history, roubles
runner = CliRunner()


@pytest.fixture()
def db(tmp_path):
    return history_db(tmp_path)


def run(db, *args):
    result = runner.invoke(app, ["plan", *args, "--db", db], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_propose_json_with_total_growth(db):
    out = json.loads(run(db, "propose", "--month", TARGET, "--growth", "0.1", "--json"))
    ratio = working_days(2026, 10) / working_days(2025, 10)
    assert out["total"] == int(LAST_YEAR * 1.1 * ratio + 0.5)
    assert set(out) >= {"total", "managers", "weeks", "days"}
    assert sum(out["managers"].values()) == sum(out["weeks"].values()) == sum(out["days"].values()) \
        == out["total"]
    assert list(out["weeks"]) == ["2026-W40", "2026-W41", "2026-W42", "2026-W43", "2026-W44"]
    assert len(out["days"]) == working_days(2026, 10)
    assert "Анна Ключева" in out["managers"]


@pytest.mark.parametrize("growth", ["0", "0.25"])
def test_history_method_from_the_cli_is_linear_in_growth(db, growth):
    out = json.loads(run(db, "propose", "--month", TARGET, "--method", "history", "--growth", growth,
                         "--json"))
    exact = LAST_YEAR * (1 + float(growth)) * working_days(2026, 10) / working_days(2025, 10)
    assert abs(out["total"] - exact) <= 0.5


def test_propose_text_with_factors_and_save(db):
    out = run(db, "propose", "--factor", "market=0.12", "--factor", "new_hires=0.2", "--save", "Рост")
    assert "План отдела на 2026-10" in out and "По истории" in out and "Глеб Холодов" in out
    plans = list_plans(store.engine(db), TARGET, "sales")
    assert plans["name"].tolist() == ["Рост"]


def test_approve_a_scenario_export_and_check(db, tmp_path):
    run(db, "propose", "--growth", "0.05", "--save", "Базовый")
    out = run(db, "approve", "--scenario", "Базовый", "--author", "Директор")
    assert "версия 1" in out
    assert not plan_of_record(store.engine(db), TARGET, "sales").empty
    out = run(db, "export", "--month", TARGET, "--out", str(tmp_path / "out"))
    workbook = tmp_path / "out" / f"plan_{TARGET}_sales_v1.xlsx"
    assert workbook.exists() and (tmp_path / "out" / "plan_sheets" / f"plan_{TARGET}_hun1.html").exists()
    assert "согласованы" in runner.invoke(app, ["plan", "check", str(workbook)]).output
    wb = openpyxl.load_workbook(workbook)
    wb["Недели"]["C3"] = wb["Недели"]["C3"].value + 1
    wb.save(workbook)
    result = runner.invoke(app, ["plan", "check", str(workbook)])
    assert result.exit_code == 3 and "Менеджер ≠ сумма недель" in result.output


def test_approve_directly_then_versions_and_compare(db):
    run(db, "approve", "--growth", "0.05")
    run(db, "approve", "--growth", "0.08", "--key", "equal")
    out = run(db, "versions", "--month", TARGET)
    assert "v1" in out and "v2" in out and "growth, key" in out
    ids = plan_of_record(store.engine(db), TARGET, "sales")["plan_id"].unique().tolist()
    out = run(db, "compare", str(ids[0] - 2), str(ids[0]))
    assert "growth: 0.05 → 0.08" in out


def test_user_errors_are_messages_with_exit_code_2(db):
    done = subprocess.run(
        [sys.executable, "-c", "from salesplan.cli import main; main()", "plan", "propose",
         "--method", "guess", "--db", db],
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 2
    assert done.stderr.startswith("Ошибка: --method «guess»: ожидается одно из: history, trend, funnel, "
                                  "bottom_up") and "Traceback" not in done.stderr
    for argv, message in [
        (["plan", "export", "--month", "2026-13"], "период «2026-13» не распознан: ожидается месяц ГГГГ-ММ"),
        (["plan", "propose", "--factor", "market:0.1"], "--factor market:0.1: ожидается ИМЯ=ДОЛЯ"),
        (["plan", "propose", "--factor", "Конкуренты=-1.5"], "фактор «Конкуренты»: -1.5 — доля должна быть"),
        (["plan", "propose", "--factor", "market=много"], "ожидается ИМЯ=ДОЛЯ"),
        (["plan", "approve", "--scenario", "Мечта"], "нет сценария «Мечта»"),
        (["plan", "propose", "--department", "north"], "отдел «north» не найден"),
    ]:
        result = runner.invoke(app, [*argv, "--db", db])
        assert isinstance(result.exception, SalesplanError) and message in str(result.exception), argv


def test_a_factor_of_ones_own_adds_to_the_others(db):
    # history method, additive: the plan is last year × working days × (1 + Σ factors)
    one = json.loads(run(db, "propose", "--method", "history", "--factor", "market=0.1", "--json"))
    two = json.loads(run(db, "propose", "--method", "history", "--factor", "market=0.1",
                         "--factor", "Конкуренты=-0.05", "--json"))
    assert two["total"] == pytest.approx(one["total"] * 1.05 / 1.10, abs=10)  # whole roubles per manager
    assert two["factors"]["Конкуренты"] == -0.05 and two["factors"]["market"] == 0.1


def test_bottom_up_from_a_commitments_file(db, tmp_path):
    path = tmp_path / "commitments.csv"
    path.write_text("Менеджер;Сумма\nАнна Ключева;3\xa0500\xa0000,50\nfar1;2 000 000 ₽\n",
                    encoding="utf-8-sig")
    out = json.loads(run(db, "propose", "--method", "bottom_up", "--commitments", str(path), "--json"))
    assert out["total"] == 5_500_001  # 3 500 000,50 + 2 000 000, rounded half up to roubles
    assert out["managers"]["Анна Ключева"] == 3_500_001 and out["managers"]["Борис Фермеров"] == 2_000_000
    assert out["proposals"]["history"] is not None  # the top-down number beside it

    path.write_text("manager,amount\nНикто,100\n", encoding="utf-8")
    result = runner.invoke(app, ["plan", "propose", "--commitments", str(path), "--db", db])
    assert f"{path}, строка 2, столбец «manager»: менеджер «Никто» не найден" in str(result.exception)


def test_payments_without_a_manager_are_reported_not_dropped_silently(db):
    with store.transaction(store.engine(db)) as conn:
        conn.execute(insert(store.payments), [{"id": "orphan", "date": date(2026, 9, 3),
                                               "amount": 123_456_00}])
    out = run(db, "propose")
    assert "Поступления без менеджера (не учтены в истории плана): 123\xa0456\xa0₽" in out


def test_propose_from_ten_months_of_deals_alone(tmp_path):
    """A store of deals only (no payments, leads or calls): the history counts won deals; the
    default method (history) has no last year and the trend no twelve months, so the proposal is
    the funnel's capacity. Each manager won 12 deals in May–October 2026 (the funnel window) for
    1 200 000 (m + 1) + 930 000 roubles (``partial_stores.won_amount``): 9 990 000 in all, spread
    over that window's working days and multiplied by November's."""
    db = partial_stores.build("deals", tmp_path / "deals")
    out = json.loads(run(db, "propose", "--json"))
    window = sum(working_days(2026, m) for m in range(5, 11))
    won = [1_200_000 * (m + 1) + 930_000 for m in range(3)]
    window_months = partial_stores.history("deals")[-6:]
    assert won == [sum(partial_stores.won_amount(m, month, n) for month in window_months for n in (0, 1))
                   for m in range(3)]
    assert (out["month"], out["method"]) == ("2026-11", "funnel")
    assert out["total"] == int(sum(won) * working_days(2026, 11) / window + 0.5)
    assert out["proposals"]["history"] is None and out["proposals"]["trend"] is None
    text = run(db, "propose")
    assert "Метод по умолчанию «По истории» недоступен (нет продаж в ноябре 2025)" in text
    assert "для сезонности нужно не меньше 12 месяцев истории, есть 10 месяцев" in text
