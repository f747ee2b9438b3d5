"""The label catalogue: a package of data modules whose every value is text."""

import importlib
import pkgutil
import types

import pytest

from salesplan import labels

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
