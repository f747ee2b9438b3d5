"""Managers' salaries with the month each applies from: import, listing, the salary in force."""

import pay_store
import pytest
from openpyxl import Workbook
from typer.testing import CliRunner

from salesplan import store
from salesplan.cli import app
from salesplan.errors import SalesplanError
from salesplan.motivation.inputs import month_facts
from salesplan.motivation.salaries import import_salaries, salaries_in_force, salary_table

RUB = pay_store.RUB
runner = CliRunner()


@pytest.fixture
def eng(tmp_path):
    return pay_store.fill(store.engine(f"sqlite:///{tmp_path / 'pay.db'}"))


def csv(tmp_path, text: str):
    path = tmp_path / "оклады.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_salary_in_force_by_month(eng, tmp_path):
    path = csv(tmp_path, "менеджер;оклад;с месяца\na;60 000;2025-01\na;65000,50;2026-03\nb;80000;2026-03\n")
    assert import_salaries(eng, path) == 3
    table = salary_table(eng)
    assert salaries_in_force(table, "2026-02") == {"a": 60_000 * RUB}
    assert salaries_in_force(table, "2026-03") == {"a": 65_000 * RUB + 50, "b": 80_000 * RUB}
    facts = {f.manager_id: f.salary for f in month_facts(eng, "2026-03", "sales")}
    assert facts == {"a": 65_000 * RUB + 50, "b": 80_000 * RUB}


def test_a_second_import_replaces_the_same_month_and_keeps_the_others(eng, tmp_path):
    import_salaries(eng, csv(tmp_path, "менеджер;оклад;с месяца\na;60000;2025-01\na;65000;2026-03\n"))
    book = Workbook()
    book.active.append(["менеджер", "оклад", "с месяца"])
    book.active.append(["a", 70000, "2026-03"])
    book.save(tmp_path / "оклады.xlsx")
    assert import_salaries(eng, tmp_path / "оклады.xlsx") == 1
    assert salary_table(eng)["salary"].tolist() == [60_000 * RUB, 70_000 * RUB]


def test_every_bad_cell_is_named_and_nothing_is_stored(eng, tmp_path):
    path = csv(tmp_path, "менеджер;оклад;с месяца\nzz;60000;2026-03\na;-5;2026-03\na;5000;март\n")
    with pytest.raises(SalesplanError) as caught:
        import_salaries(eng, path)
    message = str(caught.value)
    assert f"{path}, строка 2, столбец «менеджер»: менеджера «zz» нет в базе" in message
    assert f"{path}, строка 3, столбец «оклад»: оклад «-5»" in message
    assert f"{path}, строка 4, столбец «с месяца»" in message
    assert salary_table(eng).empty


def test_missing_columns_are_named(eng, tmp_path):
    with pytest.raises(SalesplanError, match="нет столбцов с месяца"):
        import_salaries(eng, csv(tmp_path, "менеджер;оклад\na;60000\n"))


def test_cli_imports_and_lists(eng, tmp_path):
    db = str(eng.url)
    path = csv(tmp_path, "менеджер;оклад;с месяца\nb;80000;2026-03\n")
    done = runner.invoke(app, ["pay", "salaries", "list", "--db", db], catch_exceptions=False)
    assert done.output == "Окладов в базе нет.\n"
    done = runner.invoke(app, ["pay", "salaries", "import", str(path), "--db", db], catch_exceptions=False)
    assert done.output == "Окладов записано: 1.\n"
    done = runner.invoke(app, ["pay", "salaries", "list", "--db", db], catch_exceptions=False)
    assert done.output == "b: 80\xa0000\xa0₽ с марта 2026\n"


def test_demo_managers_have_their_own_salaries(demo_db, demo_month):
    eng = store.engine(demo_db)
    facts = month_facts(eng, demo_month)
    by_role: dict[str, list[int]] = {}
    for f in facts:
        assert f.salary is not None and f.salary > 0, f.name
        by_role.setdefault(f.role, []).append(f.salary)
    assert all(len(set(s)) == len(s) for s in by_role.values())  # no two of a role the same
    table = salary_table(eng)
    assert {f.manager_id for f in facts} <= set(table["manager_id"])
    assert len(table) == table["manager_id"].nunique() + 1  # one raise
