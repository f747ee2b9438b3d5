"""Approved payrolls: a locked month keeps its statement when its data change; the difference is
a correction in the next open month, once. Worked on the hand-built store under the scheme of
``test_motivation_credits`` (salary 50 000, 10 % of the margin credited by payments)."""

from datetime import date

import pay_store
import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from salesplan import audit, schema, store
from salesplan.errors import SalesplanError
from salesplan.motivation.lock import approvals, approve, month_payslips
from salesplan.motivation.statements import write_pay_pack

RUB = pay_store.RUB


@pytest.fixture
def shop(db_url, tmp_path, monkeypatch):
    """The hand-built store on SQLite, then on PostgreSQL."""
    monkeypatch.setenv("SALESPLAN_TODAY", "2026-06-10T09:30")
    monkeypatch.setenv("SALESPLAN_USER", "ivanova")
    eng = pay_store.fill(store.engine(db_url))
    return eng, pay_store.payments_scheme(tmp_path / "schemes")


def anna(eng, book, month):
    return next(s for s in month_payslips(eng, book, month, "sales") if s.facts.manager_id == "a")


def corrections(slip):
    return [(line.label, line.amount, line.corrects) for line in slip.lines if line.part == "correction"]


def test_a_locked_month_keeps_its_statement_and_the_change_is_corrected_once(shop, tmp_path):
    eng, book = shop
    approved = approve(eng, book, "2026-03", "sales")
    assert approved.approved_by == "ivanova"
    march = anna(eng, book, "2026-03")
    assert march.total == 65_000 * RUB  # 50 000 + 10 % of 150 000 (see test_motivation_credits)

    # a payment of 100 000 on d1 dated 20 March, entered after the approval: 25 000 of margin
    pay_store.add_payment(eng, "p5", "d1", date(2026, 3, 20), 100_000 * RUB)
    assert anna(eng, book, "2026-03").lines == march.lines  # March as approved
    pack = write_pay_pack(eng, "2026-03", "sales", tmp_path / "out", book)
    assert {s.facts.manager_id: s.total for s in pack.slips}["a"] == 65_000 * RUB
    april = anna(eng, book, "2026-04")
    assert corrections(april) == [("Корректировка за март 2026", 2_500 * RUB, "2026-03")]
    assert april.total == 50_000 * RUB + 2_500 * RUB  # April's own: salary, no margin credited

    # April approved with its correction; a second late March payment: only the new difference
    approve(eng, book, "2026-04", "sales")
    pay_store.add_payment(eng, "p6", "d1", date(2026, 3, 25), 200_000 * RUB)
    may = anna(eng, book, "2026-05")
    assert corrections(may) == [("Корректировка за март 2026", 5_000 * RUB, "2026-03")]
    line = next(ln for ln in may.lines if ln.part == "correction")
    assert line.note == ("данные изменились после утверждения: пересчёт 72\xa0500,00\xa0₽, "
                         "утверждено 67\xa0500,00\xa0₽")


def test_approval_is_audited_unchangeable_and_refused_for_an_open_or_approved_month(shop):
    eng, book = shop
    approve(eng, book, "2026-03")
    entry = audit.trail(eng).iloc[-1]
    assert (entry["login"], entry["action"], entry["subject"]) == ("ivanova", "pay_approved", "2026-03")
    # Anna 65 000; Boris 12 of 21 days of 50 000 = 28 571,43 and 10 % of 30 000 of margin
    assert entry["details"] == {"month": "2026-03", "department": "", "statements": 2,
                                "total": 96_571.43}
    for statement in ("UPDATE pay_statements SET total = 0", "DELETE FROM pay_approvals"):
        with pytest.raises(IntegrityError, match=schema.PAYROLL_APPROVED), store.transaction(eng) as conn:
            conn.execute(text(statement))
    with pytest.raises(SalesplanError, match="расчёт за март 2026 уже утверждён"):
        approve(eng, book, "2026-03", "sales")
    with pytest.raises(SalesplanError, match="расчёт за июнь 2026 нельзя утвердить: месяц ещё не закончился"):
        approve(eng, book, "2026-06")


def test_the_approve_command_says_who_when_and_how_much(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from salesplan.cli import app

    monkeypatch.setenv("SALESPLAN_TODAY", "2026-06-10T09:30")
    monkeypatch.setenv("SALESPLAN_USER", "ivanova")
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    pay_store.fill(store.engine(url))
    result = CliRunner().invoke(app, ["pay", "approve", "--month", "2026-03", "--department", "sales",
                                      "--db", url], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    at = approvals(store.engine(url))["approved_at"].iloc[0]
    assert at.date() == date(2026, 6, 10)
    # the project's schemes: Anna 50 000 (gated), Boris 34 285,71 (see test_motivation_statements)
    assert result.output == (f"Расчёт за март 2026 утверждён (ivanova, {at:%d.%m.%Y %H:%M}): расчётных "
                             "листов 2, к выплате всего 84\xa0285,71\xa0₽.\n")


def test_the_payroll_has_a_column_of_corrections(shop, tmp_path):
    from openpyxl import load_workbook

    eng, book = shop
    approve(eng, book, "2026-03", "sales")
    pay_store.add_payment(eng, "p5", "d1", date(2026, 3, 20), 100_000 * RUB)
    pack = write_pay_pack(eng, "2026-04", "sales", tmp_path / "out", book)
    ws = load_workbook(pack.payroll)["Ведомость начислений"]
    header = [c.value for c in ws[3]]
    anna_row = next(r for r in ws.iter_rows(min_row=4, values_only=True) if r[2] == "Анна")
    assert anna_row[header.index("Корректировка")] == 2_500  # 10 % of the late 25 000 of margin
    assert anna_row[header.index("К выплате")] == 52_500


def test_a_manager_who_has_left_gets_the_correction_of_a_locked_month(shop, tmp_path):
    from openpyxl import load_workbook

    eng, book = shop
    approve(eng, book, "2026-03", "sales")
    approve(eng, book, "2026-04", "sales")
    with store.transaction(eng) as conn:  # Anna leaves at the end of April
        conn.execute(text("UPDATE managers SET leave_date = '2026-04-30' WHERE id = 'a'"))
    # a payment of 100 000 on d1 dated 20 March, entered in May: 25 000 of margin, 10 % = 2 500
    pay_store.add_payment(eng, "p5", "d1", date(2026, 3, 20), 100_000 * RUB)
    may = {s.facts.manager_id: s for s in month_payslips(eng, book, "2026-05", "sales")}
    # Anna is on no May payroll of her own, yet she is owed March's difference: a statement of
    # that one line, under her name and department; Boris's May is untouched by it.
    assert corrections(may["a"]) == [("Корректировка за март 2026", 2_500 * RUB, "2026-03")]
    assert [line.part for line in may["a"].lines] == ["correction"]
    assert (may["a"].facts.name, may["a"].facts.department_id, may["a"].total) == ("Анна", "sales",
                                                                                     2_500 * RUB)
    assert corrections(may["b"]) == []
    pack = write_pay_pack(eng, "2026-05", "sales", tmp_path / "out", book)
    ws = load_workbook(pack.payroll)["Ведомость начислений"]
    header = [c.value for c in ws[3]]
    anna_row = next(r for r in ws.iter_rows(min_row=4, values_only=True) if r[2] == "Анна")
    assert (anna_row[header.index("Корректировка")], anna_row[header.index("К выплате")]) == (2_500, 2_500)
    # once May is approved with it, June owes her nothing more
    approve(eng, book, "2026-05", "sales")
    assert "a" not in {s.facts.manager_id for s in month_payslips(eng, book, "2026-06", "sales")}
