"""Where salesplan finds its parameters, database and outputs, and the company settings.

Paths resolve against the project root: ``$SALESPLAN_HOME`` when set, else the folder
that holds the ``salesplan`` package when it has a ``params/`` folder (a source checkout),
else the current directory.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field


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


def company() -> Company:
    """``params/company.yaml`` from the validated settings (the defaults when it is absent)."""
    from salesplan.settings import settings  # the settings are built from this module's models

    return settings().company
