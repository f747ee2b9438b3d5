"""Each role's root folder on the team server and the environment its kernels run with.

A role's root (``<state>/roots/<role>``) holds copies of the notebooks the role sees
(``params/team.yaml``, ``sees``), refreshed from the project's ``notebooks/`` at every start
of a user's server; a notebook the role no longer sees is removed. What the notebooks write
(reports, exports) stays beside them. The kernels get the project (``SALESPLAN_HOME``), the
store with the role's credentials (``SALESPLAN_DB``, ``salesplan.roles.role_url``) and the
server's clock (``SALESPLAN_TODAY``) when it has one; the hub adds the login
(``JUPYTERHUB_USER``).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from salesplan import clock, config, roles
from salesplan.team import Role, Team

DB_ENV = "SALESPLAN_DB"
HOME_ENV = "SALESPLAN_HOME"


def role_root(state: Path, team: Team, role: Role, notebooks: Path) -> Path:
    """``role``'s root folder with exactly the notebooks of ``notebooks`` it sees; returns it."""
    root = state / "roots" / role
    root.mkdir(parents=True, exist_ok=True)
    available = sorted(path.name for path in notebooks.glob("*.ipynb"))
    shown = team.notebooks(role, available)
    for stale in root.glob("*.ipynb"):
        if stale.name not in shown:
            stale.unlink()
    for name in shown:
        shutil.copyfile(notebooks / name, root / name)
    return root


def kernel_env(role: Role, db_url: str, environ: dict[str, str] | None = None) -> dict[str, str]:
    """The variables a ``role`` user's server and kernels get (the store as the role's login)."""
    environ = os.environ if environ is None else environ
    env = {HOME_ENV: str(config.project_root()), DB_ENV: roles.role_url(db_url, role, environ)}
    if environ.get(clock.ENV):
        env[clock.ENV] = environ[clock.ENV]
    return env
