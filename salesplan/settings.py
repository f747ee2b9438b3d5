"""Every parameter file of ``params/`` in one model, validated at once and read once.

=====================  ====================================================  ==============
field                  file                                                  when absent
=====================  ====================================================  ==============
``company``            ``company.yaml``                                      the defaults
``control``            ``control.yaml``                                      the defaults
``plan``               ``plan.yaml``                                         the defaults
``reviews``            ``reviews.yaml``                                      the defaults
``attestation``        ``attestation.yaml``                                  a problem
``reports``            ``reports.yaml``                                      a problem
``checklist``          ``checklist.yaml`` (the express self-assessment)      a problem
``delivery``           ``delivery.yaml``                                     None
``motivation``         ``motivation/*.yaml`` (schemes) and ``payroll.yaml``  a problem
``profiles``           ``profiles/*.yaml`` (import profiles, by file name)   none
``scorecards``         ``scorecards/*.yaml`` (call scorecards, by id)        a problem
``team``               ``team.yaml`` (the team server's users and roles)     no users
=====================  ====================================================  ==============

``load_settings`` reads each file with its area's own loader and model and raises one
``SettingsError`` listing every problem of every file. ``settings()`` is the project's settings,
kept until a file of ``params/`` changes; the areas' accessors (``company()``,
``control_params()``, ``plan_params()``, ``load_template()``, ``load_schemes()``, …) take their
part from it. The CLI and the runner call ``check_settings()`` before any work, so a notebook's
kernel reads files that have already passed.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from salesplan.attestation.template import AttestationTemplate
from salesplan.checklist.params import Checklist
from salesplan.config import Company, params_dir
from salesplan.control.params import ControlParams
from salesplan.delivery.params import DeliveryParams
from salesplan.importing.profiles import Profile, read_profiles
from salesplan.motivation.schemes import SchemeBook, read_schemes
from salesplan.paramfile import Problems, load_if_present, load_optional, load_yaml_model
from salesplan.plan.params import PlanParams
from salesplan.registry import Registry
from salesplan.reviews.templates import ReviewSettings, Template, read_templates
from salesplan.team import Team

FOLDERS = ("motivation", "profiles", "scorecards")


class Settings(BaseModel):
    """The parameters of every area, each validated by its own model."""

    model_config = ConfigDict(frozen=True)
    company: Company = Field(default_factory=Company)
    control: ControlParams = Field(default_factory=ControlParams)
    plan: PlanParams = Field(default_factory=PlanParams)
    reviews: ReviewSettings = Field(default_factory=ReviewSettings)
    attestation: AttestationTemplate
    reports: Registry
    checklist: Checklist
    delivery: DeliveryParams | None = None
    motivation: SchemeBook
    profiles: dict[str, Profile] = Field(default_factory=dict)
    scorecards: dict[str, Template]
    team: Team = Field(default_factory=Team)


def load_settings(folder: Path | None = None) -> Settings:
    """Read and validate every file of ``folder`` (default ``params/``).

    Raises ``SettingsError`` with the problems of all the files, not only the first.
    """
    folder = Path(folder) if folder is not None else params_dir()
    found = Problems()
    parts = {
        "company": found.take(load_optional, folder / "company.yaml", Company),
        "control": found.take(load_optional, folder / "control.yaml", ControlParams),
        "plan": found.take(load_optional, folder / "plan.yaml", PlanParams),
        "reviews": found.take(load_optional, folder / "reviews.yaml", ReviewSettings),
        "attestation": found.take(load_yaml_model, folder / "attestation.yaml", AttestationTemplate),
        "reports": found.take(load_yaml_model, folder / "reports.yaml", Registry),
        "checklist": found.take(load_yaml_model, folder / "checklist.yaml", Checklist),
        "delivery": found.take(load_if_present, folder / "delivery.yaml", DeliveryParams),
        "motivation": found.take(read_schemes, folder / "motivation"),
        "profiles": found.take(read_profiles, folder / "profiles"),
        "scorecards": found.take(read_templates, folder / "scorecards"),
        "team": found.take(load_optional, folder / "team.yaml", Team),
    }
    found.check()
    return Settings(**parts)


def _signature(folder: Path) -> tuple:
    """Name, modification time and size of each YAML file the settings read."""
    files = []
    for sub in ("", *FOLDERS):
        try:
            with os.scandir(folder / sub) as entries:
                for entry in entries:
                    if entry.name.endswith(".yaml") and entry.is_file():
                        stat = entry.stat()
                        files.append((sub, entry.name, stat.st_mtime_ns, stat.st_size))
        except (FileNotFoundError, NotADirectoryError):
            continue
    return tuple(sorted(files))


@lru_cache(maxsize=4)
def _settings(folder: Path, signature: tuple) -> Settings:
    return load_settings(folder)


def settings() -> Settings:
    """The project's settings (``params/``), validated; read again only when a file changes."""
    folder = params_dir()
    return _settings(folder, _signature(folder))


def check_settings() -> None:
    """Validate every parameter file now; a ``SettingsError`` (exit code 2) lists every problem."""
    settings()
