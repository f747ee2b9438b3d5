"""What goes to whom: the pack's folders matched with the roster and ``params/delivery.yaml``.

The pack of a month (``reports/<YYYY-MM>/`` unless told otherwise) holds
``personal/<safe_name(manager id)>/``, one folder per manager, and ``team/``. A parcel is the
files of one folder (the regular files directly in it, by name) for one address:

- a manager's folder → the manager, at the roster's ``email``;
- ``team/`` → each department (the one asked for, else every department with a manager active
  in the month) at its address in ``teams``; a department without one → each of its active
  managers (``without_team_address: managers``) or nobody (``none``; reported).

A parcel without an address is kept, to be reported; so is a folder that names no manager.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine

from salesplan import errors, store
from salesplan.delivery.params import DeliveryParams
from salesplan.filenames import safe_name
from salesplan.motivation.inputs import active_managers
from salesplan.periods import Month

PERSONAL, TEAM = "personal", "team"


@dataclass(frozen=True)
class Attachment:
    """A file to attach: its name, where it is, and the SHA-256 of its bytes."""

    name: str
    path: Path
    sha256: str

    def as_dict(self) -> dict[str, str]:
        return {"name": self.name, "sha256": self.sha256}


@dataclass(frozen=True)
class Parcel:
    """One message: ``kind`` personal or team, ``recipient`` the manager's or the department's
    id, ``name`` whom it is addressed to, ``address`` None when the roster has none."""

    kind: str
    recipient: str
    name: str
    address: str | None
    files: tuple[Attachment, ...]
    department: str  # the department's name, for the team pack's wording
    manager: str | None = None  # the id of the manager it is addressed to, if it is

    @property
    def file_list(self) -> list[dict[str, str]]:
        """The files as logged: name and hash, in attaching order."""
        return [f.as_dict() for f in self.files]


@dataclass(frozen=True)
class Plan:
    """The parcels of a run, and what could not become one."""

    parcels: list[Parcel]
    unknown_folders: list[Path] = field(default_factory=list)  # personal/ folders of no manager
    no_team_pack: Path | None = None  # the team/ folder, when it does not exist
    without_address: list[str] = field(default_factory=list)  # departments' names (teams: none)


def attachments(folder: Path) -> tuple[Attachment, ...]:
    """The regular files directly in ``folder``, by name, each with its hash."""
    files = sorted((p for p in folder.iterdir() if p.is_file()), key=lambda p: p.name)
    return tuple(Attachment(p.name, p, hashlib.sha256(p.read_bytes()).hexdigest()) for p in files)


def _roster(eng: Engine) -> pd.DataFrame:
    managers = store.read_table(eng, "managers", ["id", "name", "department_id", "hire_date", "leave_date",
                                                  "email"])
    departments = store.read_table(eng, "departments", ["id", "name"]).set_index("id")["name"]
    return managers.assign(department=managers["department_id"].map(departments)
                           .fillna(managers["department_id"]))


def _email(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def plan(eng: Engine, month: Month, pack: Path, params: DeliveryParams, department: str = "") -> Plan:
    """Every parcel of ``pack`` for ``month`` (see the module's doc), personal ones by the
    managers' names, then the team pack by department."""
    roster = _roster(eng)
    errors.check_department(department, store.read_table(eng, "departments", ["id"])["id"])
    by_folder = {safe_name(m.id): m for m in roster.itertuples()}
    parcels, unknown = [], []
    folders = sorted(p for p in (pack / PERSONAL).glob("*") if p.is_dir())
    for folder in folders:
        manager = by_folder.get(folder.name)
        if manager is None:
            unknown.append(folder)
        elif not department or manager.department_id == department:
            parcels.append(Parcel(PERSONAL, manager.id, manager.name, _email(manager.email),
                                  attachments(folder), manager.department, manager.id))
    parcels.sort(key=lambda p: (p.name, p.recipient))
    team = pack / TEAM
    if not team.is_dir():
        return Plan(parcels, unknown, no_team_pack=team)
    files = attachments(team)
    if department:
        roster = roster[roster["department_id"] == department]
    active = active_managers(roster, month.start, month.end)
    without = []
    for dept_id, staff in active.groupby("department_id", sort=True):
        dept_name = staff["department"].iloc[0]
        address = params.teams.get(dept_id)
        if address:
            parcels.append(Parcel(TEAM, dept_id, dept_name, address, files, dept_name))
        elif params.without_team_address == "managers":
            parcels += [Parcel(TEAM, dept_id, m.name, _email(m.email), files, dept_name, m.id)
                        for m in staff.itertuples()]
        else:
            without.append(dept_name)
    return Plan(parcels, unknown, without_address=without)
