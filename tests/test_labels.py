"""The label catalogue: a package of data modules whose every value is text."""

import importlib
import pkgutil
import types
from datetime import date

import pytest

from salesplan import labels
from salesplan.periods import Month

MODULES = sorted(m.name for m in pkgutil.iter_modules(labels.__path__))


def _texts(value, where: str):
    """Every leaf of a label value; fails on anything but str, dict or list of them."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, f"{where}[{key!r}]")
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from _texts(item, f"{where}[{i}]")
    else:
        pytest.fail(f"{where}: {type(value).__name__} {value!r} is not text")


def _public(module: types.ModuleType) -> dict:
    return {k: v for k, v in vars(module).items() if not k.startswith("_")}


@pytest.mark.parametrize("name", MODULES)
def test_every_value_is_text(name):
    module = importlib.import_module(f"salesplan.labels.{name}")
    public = _public(module)
    assert public, f"labels.{name} holds no labels"
    for key, value in public.items():
        assert key.isupper(), f"labels.{name}.{key}: a label is a constant (no code in label modules)"
        assert list(_texts(value, f"labels.{name}.{key}"))


def test_every_label_is_read_through_the_package():
    seen: dict[str, str] = {}
    for name in MODULES:
        for key, value in _public(importlib.import_module(f"salesplan.labels.{name}")).items():
            assert key not in seen, f"{key} is in both labels.{seen[key]} and labels.{name}"
            seen[key] = name
            assert getattr(labels, key) is value


# The Russian forms, written out by hand: number → (звонок, день, менеджер).
FORMS = {
    0: ("0 звонков", "0 дней", "0 менеджеров"),
    1: ("1 звонок", "1 день", "1 менеджер"),
    2: ("2 звонка", "2 дня", "2 менеджера"),
    4: ("4 звонка", "4 дня", "4 менеджера"),
    5: ("5 звонков", "5 дней", "5 менеджеров"),
    11: ("11 звонков", "11 дней", "11 менеджеров"),
    12: ("12 звонков", "12 дней", "12 менеджеров"),
    14: ("14 звонков", "14 дней", "14 менеджеров"),
    21: ("21 звонок", "21 день", "21 менеджер"),
    22: ("22 звонка", "22 дня", "22 менеджера"),
    25: ("25 звонков", "25 дней", "25 менеджеров"),
    101: ("101 звонок", "101 день", "101 менеджер"),
    111: ("111 звонков", "111 дней", "111 менеджеров"),
    1.5: ("1,5 звонка", "1,5 дня", "1,5 менеджера"),
}


@pytest.mark.parametrize("n", FORMS)
def test_count_takes_the_russian_plural_form(n):
    assert (labels.count(n, "call"), labels.count(n, "day"), labels.count(n, "manager")) == FORMS[n]


def test_count_formats_the_number_and_reads_whole_floats_as_integers():
    assert labels.count(2.5, "day") == "2,5 дня"
    assert labels.count(5.0, "day") == "5 дней"  # a count out of a float column
    assert labels.count(10_000, "run") == "10\xa0000 прогонов"
    assert labels.count(-1, "day") == "-1 день"


def test_genitive_after_iz():
    assert [labels.count(n, "working_day_of") for n in (1, 21, 22, 25)] == [
        "1 рабочего дня", "21 рабочего дня", "22 рабочих дней", "25 рабочих дней"]


GENITIVE = ["января", "февраля", "марта", "апреля", "мая", "июня",
            "июля", "августа", "сентября", "октября", "ноября", "декабря"]
PREPOSITIONAL = ["январе", "феврале", "марте", "апреле", "мае", "июне",
                 "июле", "августе", "сентябре", "октябре", "ноябре", "декабре"]


@pytest.mark.parametrize("number", range(1, 13))
def test_month_cases(number):
    assert Month.parse(f"2026-{number:02d}").label_genitive == f"{GENITIVE[number - 1]} 2026"
    assert Month.parse(f"2025-{number:02d}").label_prepositional == f"{PREPOSITIONAL[number - 1]} 2025"


def test_month_cases_of_a_date():
    assert Month.of(date(2026, 7, 15)).label_genitive == "июля 2026"
    assert Month.of(date(2024, 6, 1)).label_prepositional == "июне 2024"
