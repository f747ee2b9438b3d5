"""Errors a user reads: one department check, and texts from the label catalogue only."""

import ast
import importlib
import pkgutil
from pathlib import Path

import pytest

import salesplan
from salesplan.errors import ParamsError, PlanError, SalesplanError, check_department

PACKAGE = Path(salesplan.__file__).parent

# Alembic's scripts run only under Alembic, the configuration files only under JupyterHub and Voilà
RUN_BY_OTHERS = ("salesplan.migrations", "salesplan.hub.jupyterhub_config", "salesplan.apps.voila")


def _user_errors() -> set[str]:
    """Names of every SalesplanError class of the package (they are shown to the user)."""
    for module in pkgutil.walk_packages(salesplan.__path__, "salesplan."):
        if not module.name.startswith(RUN_BY_OTHERS):
            importlib.import_module(module.name)
    found, todo = set(), [SalesplanError]
    while todo:
        cls = todo.pop()
        found.add(cls.__name__)
        todo.extend(cls.__subclasses__())
    return found


def test_no_user_error_is_raised_with_a_literal_text():
    user_errors = _user_errors()
    literal = []
    for path in sorted(PACKAGE.rglob("*.py")):
        name = path.relative_to(PACKAGE).as_posix()
        if name.startswith("labels/"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) and node.exc.args):
                continue
            func = node.exc.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if called in user_errors and isinstance(node.exc.args[0], ast.Constant | ast.JoinedStr):
                literal.append(f"{name}:{node.lineno}")
    assert not literal, f"user errors with text outside salesplan.labels: {literal}"


def test_one_department_check_names_the_department_and_the_known_ones():
    check_department("", ["sales"])  # all departments
    check_department(None, [])
    check_department("sales", ["sales", "b2g"])
    with pytest.raises(ParamsError) as err:
        check_department("north", ["sales", "b2g", "sales"])
    assert str(err.value) == "отдел «north» не найден; отделы в базе: b2g, sales"
    with pytest.raises(PlanError, match="отделы в базе: —"):
        check_department("north", [], PlanError)
