"""One parameter file read into its pydantic model, and its problems told in Russian.

A problem names the file, the key, the value found and what was expected::

    params/control.yaml: ключ hygiene.stale_days = 0: ожидалось число не меньше 1

YAML that does not parse, and a date the calendar lacks (``2026-02-30``), give the line and
the column. ``SettingsError`` carries every problem found, so a check of many files reports
them all at once (``salesplan.settings``). The Russian texts are ``labels.PARAMS_ERRORS``.
"""

from __future__ import annotations

import difflib
import json
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from salesplan.config import project_root
from salesplan.errors import ParamsError
from salesplan.labels import PARAMS_ERRORS

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")

_NO_VALUE = object()
SECRET = "secret_in_file"  # the error of a credential written in a file: its value is never repeated
SHOWN_VALUE_CHARS = 60  # a longer value (a whole section, say) is not repeated in the message


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a parameter file."""

    file: str  # as the user knows it: ``params/control.yaml``, or the path given
    expected: str  # what was expected, or what is wrong (Russian)
    key: str = ""  # dotted path to the key: ``sections.1.criteria.2.scale``; "" for the file
    value: object = _NO_VALUE  # the value found, when there is one worth showing
    line: int | None = None  # 1-based, for problems the YAML reader finds
    column: int | None = None

    def __str__(self) -> str:
        shown = _shown(self.value)
        problem = self.expected
        if self.key:
            frame = "key" if shown is None else "key_value"
            problem = PARAMS_ERRORS[frame].format(key=self.key, value=shown, expected=self.expected)
        if self.line is not None:
            return PARAMS_ERRORS["at_line"].format(file=self.file, line=self.line, column=self.column,
                                                   problem=problem)
        return PARAMS_ERRORS["in_file"].format(file=self.file, problem=problem)


class Verbatim(str):
    """A value shown as written in the file, without quotes (a date the YAML reader refused)."""


class SettingsError(ParamsError):
    """Parameter files with problems; ``problems`` holds each, the message lists them all."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        lines = [str(p) for p in self.problems]
        if len(lines) > 1:
            lines = [PARAMS_ERRORS["several"].format(n=len(lines)), *(f"  {line}" for line in lines)]
        super().__init__("\n".join(lines))

    def __reduce__(self):
        return type(self), (self.problems,)


class Problems:
    """Collects the problems of several loads, so that one bad file does not hide another."""

    def __init__(self) -> None:
        self.found: list[Problem] = []

    def take(self, load: Callable[..., T], *args: Any) -> T | None:
        """``load(*args)``; None when it raised a SettingsError, whose problems are kept."""
        try:
            return load(*args)
        except SettingsError as exc:
            self.found += exc.problems
            return None

    def check(self) -> None:
        """Raise a SettingsError with every problem collected, if any."""
        if self.found:
            raise SettingsError(self.found)


def shown_path(path: Path) -> str:
    """``params/control.yaml`` for a file of the project, else the path as given."""
    try:
        return Path(path).resolve().relative_to(project_root()).as_posix()
    except ValueError:
        return str(path)


def _shown(value: object) -> str | None:
    """A value as YAML would have it, quoted when it is text; None when not worth showing."""
    if value is _NO_VALUE:
        return None
    if isinstance(value, Verbatim):
        text = str(value)
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif value is None:
        text = "null"
    elif isinstance(value, int | float | Decimal):
        text = str(value)
    elif isinstance(value, date | time):
        text = value.isoformat()
    else:
        text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= SHOWN_VALUE_CHARS else None


# --- YAML -----------------------------------------------------------------------------------

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _ImpossibleDate(Exception):
    def __init__(self, node: yaml.Node):
        self.node = node


class _Loader(_BaseLoader):
    """Safe YAML that reports an impossible date with the node it came from."""


def _timestamp(loader: _Loader, node: yaml.Node) -> object:
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError as exc:  # 2026-02-30: the right shape, a day the month lacks
        raise _ImpossibleDate(node) from exc


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def _key_path(root: yaml.Node, target: yaml.Node) -> list[str] | None:
    """The keys leading from ``root`` to ``target`` (list items by index)."""
    if root is target:
        return []
    if isinstance(root, yaml.MappingNode):
        children = [(str(k.value), v) for k, v in root.value]
    elif isinstance(root, yaml.SequenceNode):
        children = [(str(i), v) for i, v in enumerate(root.value)]
    else:
        return None
    for key, child in children:
        path = _key_path(child, target)
        if path is not None:
            return [key, *path]
    return None


def read_yaml(path: Path) -> object:
    """The file's YAML as Python values (None for an empty file); problems raise SettingsError."""
    file = shown_path(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SettingsError([Problem(file, PARAMS_ERRORS["file_missing"])]) from None
    except UnicodeDecodeError:
        raise SettingsError([Problem(file, PARAMS_ERRORS["not_utf8"])]) from None
    loader = _Loader(text)
    root = None
    try:
        root = loader.get_single_node()
        return None if root is None else loader.construct_document(root)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = PARAMS_ERRORS["yaml_problems"].get(exc.problem or "", exc.problem or exc.context)
        expected = PARAMS_ERRORS["yaml_syntax"].format(problem=problem)
        at = {"line": mark.line + 1, "column": mark.column + 1} if mark else {}
        raise SettingsError([Problem(file, expected, **at)]) from None
    except yaml.YAMLError as exc:
        raise SettingsError([Problem(file, PARAMS_ERRORS["yaml_syntax"].format(problem=exc))]) from None
    except _ImpossibleDate as exc:
        mark = exc.node.start_mark
        key = ".".join(_key_path(root, exc.node) or []) if root is not None else ""
        raise SettingsError([Problem(file, PARAMS_ERRORS["impossible_date"], key, Verbatim(exc.node.value),
                                     mark.line + 1, mark.column + 1)]) from None
    finally:
        loader.dispose()


# --- pydantic's errors in Russian ---------------------------------------------------------------


def _models_in(annotation: object) -> list[object]:
    """The types a value of ``annotation`` can be: unions and ``Annotated`` opened."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _models_in(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [t for arg in typing.get_args(annotation) for t in _models_in(arg)]
    return [annotation]


def _inner(annotation: object, step: str | int) -> object | None:
    """The type found one step (a key or an index) inside a value of ``annotation``."""
    for kind in _models_in(annotation):
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            for name, field in kind.model_fields.items():
                if step in (name, field.alias):
                    return field.annotation
        origin, args = typing.get_origin(kind), typing.get_args(kind)
        if origin is dict and len(args) == 2:
            return args[1]
        if origin in (list, tuple, set, frozenset) and args:
            return args[0]
    return None


def known_keys(model: type[BaseModel], loc: tuple) -> list[str]:
    """The keys the model allows at ``loc`` (the path to a mapping), as written in YAML."""
    annotation: object = model
    for step in loc:
        annotation = _inner(annotation, step)
        if annotation is None:
            return []
    return [
        field.alias or name
        for kind in _models_in(annotation)
        if isinstance(kind, type) and issubclass(kind, BaseModel)
        for name, field in kind.model_fields.items()
    ]


def _bound(value: object) -> object:
    """A limit of a model as written in YAML: ``100``, not ``100.0``."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return value


def _expected(error: dict, model: type[BaseModel]) -> str:
    kind, loc = error["type"], error["loc"]
    ctx = {name: _bound(value) for name, value in (error.get("ctx") or {}).items()}
    if kind in ("value_error", "assertion_error"):
        return str(ctx.get("error", error["msg"]))
    if kind == "extra_forbidden":
        known = known_keys(model, loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
        if close:
            return PARAMS_ERRORS["did_you_mean"].format(suggestion=close[0])
        return PARAMS_ERRORS["known_keys"].format(keys=", ".join(known)) if known else PARAMS_ERRORS[kind]
    if kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern", "")
        words = PARAMS_ERRORS["patterns"].get(pattern) or PARAMS_ERRORS["pattern"].format(pattern=pattern)
        return PARAMS_ERRORS[kind].format(pattern=words)
    if kind in ("literal_error", "enum"):
        return PARAMS_ERRORS[kind].format(expected=str(ctx.get("expected", "")).replace(" or ", ", "))
    template = PARAMS_ERRORS.get(kind)
    if not isinstance(template, str):
        return PARAMS_ERRORS["other"].format(detail=error["msg"])
    try:
        return template.format(**ctx)
    except (KeyError, IndexError):
        return PARAMS_ERRORS["other"].format(detail=error["msg"])


def problems_of(exc: ValidationError, file: str, model: type[BaseModel]) -> list[Problem]:
    """Each of pydantic's errors as a Problem of ``file`` (validated against ``model``)."""
    problems = []
    for error in exc.errors(include_url=False):
        key = ".".join(str(step) for step in error["loc"])
        # a missing key has no value; a credential is not repeated
        shows_value = error["type"] not in ("missing", SECRET) and key
        problems.append(Problem(file, _expected(error, model), key,
                                error["input"] if shows_value else _NO_VALUE))
    return problems


def validate(raw: object, model: type[M], file: str) -> M:
    """``raw`` (read from ``file``) as ``model``; problems raise SettingsError."""
    try:
        return model.model_validate({} if raw is None else raw)
    except ValidationError as exc:
        raise SettingsError(problems_of(exc, file, model)) from None


def load_yaml_model(path: Path, model: type[M]) -> M:
    """Read a YAML file into a pydantic model; every problem names the file, key and value."""
    return validate(read_yaml(path), model, shown_path(path))


def load_optional(path: Path, model: type[M]) -> M:
    """As ``load_yaml_model``; the model's defaults when the file does not exist."""
    return load_yaml_model(path, model) if Path(path).exists() else model()


def load_if_present(path: Path, model: type[M]) -> M | None:
    """As ``load_yaml_model``; None when the file does not exist (a model without defaults)."""
    return load_yaml_model(path, model) if Path(path).exists() else None
