"""Where salesplan finds its parameters, database and outputs, and the company settings.

Paths resolve against the project root: ``$SALESPLAN_HOME`` when set, else the folder
that holds the ``salesplan`` package when it has a ``params/`` folder (a source checkout),
else the current directory.
"""

from __future__ import annotations

import os
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from salesplan.errors import ParamsError


def project_root() -> Path:
    if home := os.environ.get("SALESPLAN_HOME"):
        return Path(home).resolve()
    checkout = Path(__file__).resolve().parents[1]
    if (checkout / "params").is_dir():
        return checkout
    return Path.cwd()


def params_dir() -> Path:
    return project_root() / "params"


def default_db_url() -> str:
    """``$SALESPLAN_DB`` when set, else the embedded SQLite file ``data/salesplan.db``."""
    return os.environ.get("SALESPLAN_DB") or f"sqlite:///{project_root() / 'data' / 'salesplan.db'}"


def reports_dir() -> Path:
    return project_root() / "reports"


M = TypeVar("M", bound=BaseModel)


def load_yaml_model(path: Path, model: type[M]) -> M:
    """Read a YAML file into a pydantic model; errors name the file and the key."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError as exc:
        raise ParamsError(f"{path}: file not found") from exc
    except (yaml.YAMLError, ValueError) as exc:  # ValueError: an impossible date such as 2026-02-30
        raise ParamsError(f"{path}: not valid YAML: {exc}") from exc
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or '(top level)'}: {err['msg']}"
            for err in exc.errors()
        )
        raise ParamsError(f"{path}: {problems}") from exc


class CalendarOverrides(BaseModel):
    """Company exceptions to the Russian production calendar."""

    model_config = ConfigDict(extra="forbid")
    extra_days_off: list[date] = Field(default_factory=list)
    extra_working_days: list[date] = Field(default_factory=list)


class Company(BaseModel):
    """``params/company.yaml``: the company and its defaults."""

    model_config = ConfigDict(extra="forbid")
    name: str = "Компания"
    default_department: str = "sales"
    default_department_name: str = "Отдел продаж"
    calendar: CalendarOverrides = Field(default_factory=CalendarOverrides)


@lru_cache(maxsize=8)
def _company(path: Path) -> Company:
    return load_yaml_model(path, Company) if path.exists() else Company()


def company() -> Company:
    return _company(params_dir() / "company.yaml")
