"""``salesplan pay calc``: a statement for the facts given, worked by hand on the hand-built store
(``pay_store``) and on made-up numbers; with the store's own facts it is the approved statement of
every manager of the demo."""

import json
from datetime import date
from pathlib import Path

import pay_store
import pytest
from store_copy import copy_db
from typer.testing import CliRunner

from salesplan import store
from salesplan.cli import app
from salesplan.errors import SalesplanError
from salesplan.motivation.calculator import as_json, statement
from salesplan.motivation.inputs import month_facts
from salesplan.motivation.lock import approve, approved_payslips, month_payslips
from salesplan.motivation.schemes import load_schemes

RUB = pay_store.RUB
HUNTER = Path(__file__).parents[1] / "params" / "motivation" / "hunter.yaml"
runner = CliRunner()


def run(*args: str, code: int = 0) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == code, result.output
    return result.output


@pytest.fixture
def db(tmp_path):
    url = f"sqlite:///{tmp_path / 'calc.db'}"
    pay_store.fill(store.engine(url))
    return url


def test_two_more_deals_worth_of_fact_by_hand(db):
    """Anna, March 2026, hunter scheme of 2025: a fact of 1 200 000 instead of 600 000 doubles
    her margin (250 000 → 500 000) and its base. Plan 120 %: 1 + 0.1 + 2 × 0.1 = 1.3 × 15 000 =
    19 500; new clients 1 of 4 and calls 3 of 30 × 21 below their floors; margin commission
    5 % of 300 000 + 8 % of 200 000 = 31 000; the team bonus: the department at
    (1 200 000 + 200 000) / 1 000 000 = 140 %, Anna the only one with a plan met, the whole
    60 000 pool; the overdue cut 5 % of 900 000 = 45 000. 50 000 + 19 500 + 31 000 + 60 000 −
    45 000 = 115 500."""
    out = json.loads(run("pay", "calc", "--manager", "a", "--month", "2026-03", "--fact", "1 200 000",
                         "--json", "--db", db))
    assert out["total"] == 115_500
    assert [(ln["label"], ln["amount"]) for ln in out["lines"] if ln["amount"]] == [
        ("Оклад", 50_000), ("Выполнение личного плана продаж", 19_500), ("Комиссия с маржи", 15_000),
        ("Комиссия с маржи", 16_000), ("Командный бонус", 60_000),
        ("Удержание с просроченной дебиторской задолженности", -45_000)]
    text = run("pay", "calc", "--manager", "a", "--month", "2026-03", "--db", db)
    assert text.splitlines()[0] == "Расчётный лист — Анна, март 2026"
    assert text.splitlines()[-1] == "К выплате: 50\xa0000,00\xa0₽"  # 60 %: the gate holds all but the salary


def test_a_scheme_on_made_up_numbers_by_hand():
    """Hunter scheme, March 2026 (21 working days), salary 60 000, plan and fact 1 000 000, margin
    250 000, 700 calls: 60 000 + 15 000 (plan 100 %) + 0 (no new client) + 6 000 × 1.111 (700 of
    30 × 21 = 630 calls: 111.1 %) = 6 666 + 5 % of 250 000 = 12 500 → 94 166."""
    out = json.loads(run("pay", "calc", "--scheme", str(HUNTER), "--salary", "60000", "--plan", "1000000",
                         "--fact", "1000000", "--kpi", "margin=250000", "--kpi", "calls=700",
                         "--month", "2026-03", "--json"))
    assert [ln["amount"] for ln in out["lines"]] == [60_000, 15_000, 0, 6_666, 12_500, 0]
    assert out["total"] == 94_166


def test_bad_input_is_a_message():
    for args, message in [
        (["--kpi", "звонки=5"], "--kpi «звонки=5»: ожидается ПОКАЗАТЕЛЬ=ЗНАЧЕНИЕ, показатели: deals,"),
        (["--kpi", "calls=много"], "«calls=много»: ожидается число"),
        (["--fact", "1e"], "«--fact 1e»: ожидается число"),
        ([], "укажите --manager (расчёт по базе) или --scheme, --salary и --plan"),
    ]:
        error = runner.invoke(app, ["pay", "calc", "--month", "2026-03", *args]).exception
        assert isinstance(error, SalesplanError) and error.exit_code == 2, args
        assert message in str(error)


def test_with_the_stores_facts_it_is_the_months_statement_under_payments(db, tmp_path):
    eng, book = store.engine(db), pay_store.payments_scheme(tmp_path / "schemes")
    pay_store.add_payment(eng, "r1", "d1", date(2026, 4, 10), -200_000 * RUB)
    for month in ("2026-03", "2026-04"):
        for slip in month_payslips(eng, book, month, "sales"):
            f = slip.facts
            given = statement(eng, book, f.manager_id, month, f.turnover, {"margin": f.margin})
            assert given.lines == slip.lines


def test_with_the_stores_own_facts_it_reproduces_every_approved_statement_of_the_demo(
        demo_db, demo_month, tmp_path, monkeypatch):
    monkeypatch.setenv("SALESPLAN_TODAY", "2026-11-20")
    url = copy_db(demo_db, tmp_path / "demo.db")
    eng, book = store.engine(url), load_schemes()
    approve(eng, book, demo_month)
    approved = approved_payslips(eng, book, demo_month)
    facts = {f.manager_id: f for f in month_facts(eng, demo_month)}
    assert len(approved) >= 5
    for slip in approved:
        f = facts[slip.facts.manager_id]
        kpis = [f"deals={f.deals}", f"new_clients={f.new_clients}", f"calls={f.calls}",
                f"margin={f.margin / 100:.2f}", f"overdue={f.overdue / 100:.2f}",
                f"penalty={f.penalty / 100:.2f}"]
        if f.call_score is not None:
            kpis.append(f"call_score={f.call_score!r}")
        out = run("pay", "calc", "--manager", f.manager_id, "--month", demo_month,
                  "--fact", f"{f.turnover / 100:.2f}", *(a for k in kpis for a in ("--kpi", k)),
                  "--json", "--db", url)
        assert json.loads(out) == as_json(slip), f.name
