"""``salesplan attestation``: test results in, finalising, history; errors without a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from attestation_demo import seeded, writable

SALESPLAN = Path(sys.executable).parent / "salesplan"


@pytest.fixture
def url(demo_db, demo_month, tmp_path_factory, tmp_path) -> str:
    return writable(seeded(demo_db, tmp_path_factory.mktemp("attestation"), demo_month), tmp_path)


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([SALESPLAN, "attestation", *args], capture_output=True, text=True, timeout=300)


def test_import_finalise_and_history(url, tmp_path):
    results = tmp_path / "test.csv"
    results.write_text("Сотрудник;Тест;Результат;Максимум;Дата\nИгорь Зайцев;Работа в CRM;19;20;29.09.2026\n",
                       encoding="utf-8")
    done = run("import-tests", str(results), "--db", url)
    assert done.returncode == 0, done.stderr
    assert "результатов теста сохранено: 1" in done.stdout

    done = run("finalise", "--period", "2026-Q3", "--manager", "m10", "--by", "Смирнова Е. В.", "--db", url)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Игорь Зайцев, 2026-Q3: утверждено — ")

    again = run("finalise", "--period", "2026-Q3", "--manager", "m10", "--by", "кто-то", "--db", url)
    assert again.returncode == 2
    assert again.stderr.startswith("Ошибка: аттестация уже утверждена: m10 (2026-Q3)")
    assert "Traceback" not in again.stderr

    history = run("history", "--manager", "m10", "--db", url)
    lines = history.stdout.strip().splitlines()
    assert [line.split()[0] for line in lines] == ["2026-Q2", "2026-Q3"]
    assert "Смирнова Е. В." in lines[1]


def test_bad_period_is_a_message(url):
    done = run("finalise", "--period", "2026-Q7", "--manager", "m10", "--by", "x", "--db", url)
    assert done.returncode == 2
    assert "«2026-Q7»" in done.stderr and "ожидается квартал" in done.stderr
    assert "Traceback" not in done.stderr
