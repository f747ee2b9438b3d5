"""``salesplan pay …`` and ``salesplan deck`` on the hand-built store."""

import subprocess
import sys

import pay_store
import pytest
from openpyxl import load_workbook
from pptx import Presentation
from typer.testing import CliRunner

from salesplan import store
from salesplan.cli import app
from salesplan.deck.content import SLIDE_KEYS

runner = CliRunner()


@pytest.fixture
def db(tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    pay_store.fill(store.engine(url))
    return url


def run(*args):
    result = runner.invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_penalty_then_statements(db, tmp_path):
    out = run("pay", "penalty", "b", "5 000,00", "--month", "2026-03", "--reason", "опоздания",
              "--db", db)
    assert out.strip() == "Взыскание записано: b, 2026-03, 5\xa0000\xa0₽."
    out = run("pay", "statements", "--month", "2026-03", "--department", "sales", "--out",
              str(tmp_path / "pack"), "--db", db)
    assert "Борис" in out and "29\xa0285,71\xa0₽" in out  # 34 285,71 − 5 000 (see the statements test)
    assert "к выплате всего 79\xa0285,71\xa0₽" in out
    wb = load_workbook(tmp_path / "pack" / "payouts" / "2026-03_payroll_sales.xlsx")
    assert wb.sheetnames == ["Ведомость начислений", "Бюджет ФОТ", "Строки расчёта"]


def test_bad_penalty_is_a_message_and_exit_code_2(db):
    for args, message in [
        (["x1", "100"], "менеджера «x1» нет в базе"),
        (["a", "сто"], "сумма взыскания «сто»: ожидаются рубли, например 5000 или 5000,50"),
        (["a", "0"], "взыскание a за март 2026: сумма должна быть больше нуля"),
    ]:
        done = subprocess.run(
            [sys.executable, "-c", "from salesplan.cli import main; main()", "pay", "penalty", *args,
             "--month", "2026-03", "--reason", "x", "--db", db],
            capture_output=True, text=True,
        )
        assert done.returncode == 2, done.stderr
        assert message in done.stderr and "Traceback" not in done.stderr


def test_whatif_and_deck_commands(db, tmp_path):
    out = run("pay", "whatif", "--month", "2026-03", "--department", "sales", "--db", db)
    assert out.startswith("Плана на апрель 2026 ещё нет")
    out = run("deck", "--month", "2026-03", "--department", "sales", "--out", str(tmp_path), "--db", db)
    pptx = tmp_path / "meeting_deck_2026-03_sales.pptx"
    assert str(pptx) in out
    assert len(Presentation(pptx).slides) >= len(SLIDE_KEYS)  # a long table may take a page more
