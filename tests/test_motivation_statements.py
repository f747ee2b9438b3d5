"""Pay statements and the payroll written from the hand-built store, read back with openpyxl
(money cells come back as numbers of roubles with two decimals)."""

import pay_store
import pytest
from openpyxl import load_workbook
from sqlalchemy import update

from salesplan import store
from salesplan.motivation.penalties import record_penalty
from salesplan.motivation.schemes import load_schemes
from salesplan.motivation.statements import pack_html, scheme_in_force, write_pay_pack

RUB = pay_store.RUB


@pytest.fixture
def pack(tmp_path):
    eng = pay_store.fill(store.engine(f"sqlite:///{tmp_path / 'pay.db'}"))
    with store.transaction(eng) as conn:
        conn.execute(update(store.managers).where(store.managers.c.id == "b")
                     .values(name="Борис <script>alert(1)</script>"))
    record_penalty(eng, "2026-03", "b", 5_000 * RUB, "опоздания", "РОП")
    return write_pay_pack(eng, "2026-03", "sales", tmp_path / "out")


def test_payslips_by_hand(pack):
    totals = {s.facts.manager_id: s.total for s in pack.slips}
    # a: 60 % of plan, below the 80 % gate → only the salary; the overdue cut (5 % of 900 000)
    # is limited to the variable pay, which is 0
    assert totals["a"] == 50_000 * RUB
    # b: 12 of 21 working days of 60 000 = 34 285,71; no plan → gated; the 5 000 cut is within
    # 20 % of 34 285,71
    assert totals["b"] == 3_428_571 - 500_000


def test_a_statement_per_manager_with_every_line(pack):
    assert sorted(pack.statements) == ["a", "b"]
    path = pack.statements["b"]
    assert path.name == "2026-03_b.xlsx" and path.parent.name == "payouts"
    ws = load_workbook(path).active
    cells = list(ws.iter_rows(values_only=True))
    assert cells[0][0] == "Расчётный лист — Борис <script>alert(1)</script>, март 2026"
    header = next(i for i, row in enumerate(cells) if row[0] == "Раздел")
    assert cells[header][:7] == ("Раздел", "Строка", "База, ₽", "Выполнение",
                                 "Коэффициент / ставка", "Сумма, ₽", "Пояснение")
    body = [row for row in cells[header + 1:] if row[0]]
    slip = next(s for s in pack.slips if s.facts.manager_id == "b")
    assert len(body) == len(slip.lines)
    assert body[0][:2] == ("Оклад", "Оклад") and body[0][5] == 34285.71
    assert body[0][6] == "отработано 12 из 21 рабочего дня"
    scheme = next(row for row in cells if row[0] == "Схема мотивации")
    assert scheme[1] == "Аккаунт-менеджер и КАМ — развитие текущих клиентов (действует с января 2025)"
    to_pay = next(row for row in cells if row[1] == "К выплате")
    assert to_pay[5] == 29285.71


def test_payroll_sums_the_statements_and_compares_with_the_budget(pack):
    wb = load_workbook(pack.payroll)
    assert pack.payroll.name == "2026-03_payroll_sales.xlsx"
    ws = wb["Ведомость начислений"]
    rows = list(ws.iter_rows(min_row=4, values_only=True))
    names = [r[2] for r in rows[:2]]
    assert names == ["Анна", "Борис <script>alert(1)</script>"]
    total = next(r for r in rows if r[2] == "К выплате")
    assert total[-1] == 79285.71  # 50 000 + 29 285,71
    budget = list(wb["Бюджет ФОТ"].iter_rows(min_row=2, values_only=True))
    assert budget == [("Продажи", 1_200_000, 79285.71, 1120714.29)]  # the department by its name
    lines = list(wb["Строки расчёта"].iter_rows(min_row=2, values_only=True))
    assert len(lines) == sum(len(s.lines) for s in pack.slips)


def test_the_pack_page_escapes_names_and_shows_every_statement(pack):
    page = pack_html(pack)
    assert "<script>alert(1)</script>" not in page
    assert "Борис &lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert page.count("Расчётный лист:") == 2
    assert "Мотивация: расчёт оплаты за март 2026" in page
    assert "29\xa0285,71\xa0₽" in page
    assert "Хантер — привлечение новых клиентов (действует с января 2025)" in page


def test_the_scheme_says_the_month_it_applies_from_in_the_genitive():
    hunter = load_schemes().scheme_for("hunter", "2026-10")
    assert scheme_in_force(hunter) == (
        "Хантер — привлечение новых клиентов (ред. 07.2026) (действует с июля 2026)")
