"""Where salesplan finds its parameters, database and outputs, and the company settings.

Paths resolve against the project root: ``$SALESPLAN_HOME`` when set, else the folder
that holds the ``salesplan`` package when it has a ``params/`` folder (a source checkout),
else the current directory.
"""

from __future__ import annotations

import os
from datetime import date
from decimal import Decimal
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator

from salesplan.periods import Month


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


class VatRate(BaseModel):
    """A VAT rate (%) in force from a month on, until the next one."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    start: str = Field(alias="from")  # YYYY-MM
    rate: Decimal = Field(ge=0, lt=100)

    @field_validator("start", mode="before")
    @classmethod
    def _month(cls, value: object) -> str:
        return str(Month.of(value) if isinstance(value, date) else Month.parse(str(value)))


RUSSIAN_VAT = [VatRate(start="2019-01", rate=Decimal(20)), VatRate(start="2026-01", rate=Decimal(22))]


class Company(BaseModel):
    """``params/company.yaml``: the company and its defaults. ``vat``: the VAT rates by the month
    they apply from; ``prices_include_vat``: deal amounts and payments include VAT."""

    model_config = ConfigDict(extra="forbid")
    name: str = "Компания"
    default_department: str = "sales"
    default_department_name: str = "Отдел продаж"
    calendar: CalendarOverrides = Field(default_factory=CalendarOverrides)
    prices_include_vat: bool = True
    vat: list[VatRate] = Field(default_factory=lambda: list(RUSSIAN_VAT))

    def vat_rate(self, month: str) -> Decimal:
        """The VAT rate (%) of ``month`` (YYYY-MM): the latest rate from it or before; 0 when
        prices do not include VAT or no rate applies yet."""
        rates = [v.rate for v in sorted(self.vat, key=lambda v: v.start) if v.start <= month]
        return rates[-1] if rates and self.prices_include_vat else Decimal(0)


def company() -> Company:
    """``params/company.yaml`` from the validated settings (the defaults when it is absent)."""
    from salesplan.settings import settings  # the settings are built from this module's models

    return settings().company
