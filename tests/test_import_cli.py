"""``salesplan import`` through the real entry point: summary, exit codes 0 / 3 / 2."""

import subprocess
import sys
from pathlib import Path

import pytest
from cli_run import run
from import_files import write_text

from salesplan import store

HEADER = "id,manager,created,closed,outcome,amount"


def db(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'cli.db'}"


def test_all_rows_accepted_exits_0_and_prints_the_summary(tmp_path, monkeypatch, capsys):
    path = write_text(tmp_path / "deals.csv", [HEADER, "D1,Иванова Мария,15.01.2025,,open,100"])
    code, out, err = run(monkeypatch, capsys, "import", "deals", str(path), "--db", db(tmp_path))
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"Импорт: deals ← {path} (формат canonical)",
        "  прочитано строк: 1",
        "  принято: 1",
        "  отклонено: 0",
        "  новые менеджеры (1): Иванова Мария",
    ]
    assert store.counts(store.engine(db(tmp_path)))["deals"] == 1


def test_some_rows_rejected_exits_3_and_says_where_they_went(tmp_path, monkeypatch, capsys):
    path = write_text(
        tmp_path / "deals.csv",
        [HEADER, "D1,Иванова Мария,15.01.2025,,open,100", "D2,Иванова Мария,31.02.2025,,open,100"],
    )
    rejects = tmp_path / "rejects"
    code, out, _ = run(
        monkeypatch, capsys, "import", "deals", str(path), "--rejects", str(rejects), "--db", db(tmp_path)
    )
    assert code == 3
    assert "  прочитано строк: 2\n  принято: 1\n  отклонено: 1\n" in out
    assert f"отклонённые строки и причины: {rejects / 'rejected_deals.csv'}" in out
    assert (rejects / "rejected_deals.csv").exists()


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["deals", "{missing}"], "файл не найден"),
        (["deals", "{file}", "--format", "salesforce"], "неизвестный формат «salesforce»"),
        (["deals", "{short}"], "нет обязательных столбцов: manager_id / manager, created, outcome"),
        (["orders", "{file}"], "неизвестная таблица «orders»"),
    ],
)
def test_file_level_errors_exit_2_with_a_message(tmp_path, monkeypatch, capsys, args, words):
    files = {
        "missing": tmp_path / "missing.csv",
        "file": write_text(tmp_path / "deals.csv", [HEADER, "D1,Иванова Мария,15.01.2025,,open,100"]),
        "short": write_text(tmp_path / "short.csv", ["id,amount", "D1,100"]),
    }
    argv = [a.format(**files) for a in args]
    code, out, err = run(monkeypatch, capsys, "import", *argv, "--db", db(tmp_path))
    assert code == 2 and out == ""
    assert err.startswith("Ошибка: ") and words in err
    assert store.counts(store.engine(db(tmp_path)))["imports"] == 0


def test_the_installed_command_prints_no_traceback(tmp_path):
    path = write_text(tmp_path / "short.csv", ["id,amount", "D1,100"])
    command = Path(sys.executable).with_name("salesplan")
    done = subprocess.run(
        [str(command), "import", "deals", str(path), "--db", db(tmp_path)],
        capture_output=True, text=True, cwd=tmp_path, check=False,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert f"{path}: нет обязательных столбцов" in done.stderr
