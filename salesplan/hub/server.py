"""The team server's JupyterHub configuration and its pre-spawn hook (``jupyterhub_config.py``).

One machine: ``SimpleLocalProcessSpawner`` runs every user's server as the hub's own system user
in ``<state>/homes/<login>``; the pre-spawn hook gives it the root folder of the login's role
(only the notebooks the role sees) and the environment of the role (``salesplan.hub.roots``); the
user's server serves the apps from preheated kernels at ``/user/<login>/apps/`` (``salesplan.hub.apps``).
The users, their roles and the ports come from ``params/team.yaml``; the store the hub serves
from ``$SALESPLAN_DB``; the proxy (``configurable-http-proxy``, from npm) from
``$SALESPLAN_HUB_PROXY``, else the copy ``make team-proxy`` installs under the environment.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from salesplan import labels
from salesplan.hub import apps
from salesplan.hub.passwords import state_dir
from salesplan.hub.roots import DB_ENV, kernel_env, role_root
from salesplan.runner import notebooks_dir
from salesplan.team import AccessDenied, team

PROXY_ENV = "SALESPLAN_HUB_PROXY"
LANDING = {"trainer": f"/{apps.PREFIX}/"}  # where a role lands after logging in (the apps); else JupyterLab


def proxy_path() -> Path:
    """``configurable-http-proxy``: ``$SALESPLAN_HUB_PROXY``, else ``make team-proxy``'s copy."""
    given = os.environ.get(PROXY_ENV)
    return Path(given) if given else Path(sys.prefix) / "hub-proxy" / "node_modules" / ".bin" / \
        "configurable-http-proxy"


def pre_spawn(spawner) -> None:
    """Before a user's server starts: its role's root folder and environment."""
    found = team()
    role = found.role_of(spawner.user.name)
    if role is None:
        raise AccessDenied(labels.NO_ACCESS)
    spawner.notebook_dir = str(role_root(state_dir(), found, role, notebooks_dir()))
    spawner.environment = {**spawner.environment, **kernel_env(role, os.environ[DB_ENV])}
    spawner.default_url = LANDING.get(role, "/lab")


def configure(c) -> None:
    """Fill JupyterHub's config object ``c`` for the team server."""
    found, state = team(), state_dir()
    server = found.server
    c.JupyterHub.ip, c.JupyterHub.port = server.ip, server.port
    c.JupyterHub.hub_ip, c.JupyterHub.hub_port = "127.0.0.1", server.hub_port
    c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{server.proxy_api_port}"
    c.ConfigurableHTTPProxy.command = [str(proxy_path())]
    c.ConfigurableHTTPProxy.pid_file = str(state / "proxy.pid")
    c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
    c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")

    c.JupyterHub.template_paths = [str(Path(__file__).with_name("templates"))]
    c.JupyterHub.template_vars = {"login": labels.HUB_LOGIN}  # the login page in Russian
    c.JupyterHub.authenticator_class = "salesplan.hub.auth.TeamAuthenticator"
    c.Authenticator.allowed_users = set(found.users)
    c.Authenticator.admin_users = set(found.logins("head"))
    c.Authenticator.manage_groups = True  # a login's group is its role, set at each login

    c.JupyterHub.spawner_class = "jupyterhub.spawner.SimpleLocalProcessSpawner"
    c.SimpleLocalProcessSpawner.home_dir_template = str(state / "homes" / "{username}")
    c.Spawner.cmd = [str(Path(sys.executable).with_name("jupyterhub-singleuser"))]
    c.Spawner.args = ["--ServerApp.terminals_enabled=False",
                      f"--ServerApp.jpserver_extensions={apps.__name__}=True",
                      *(["--allow-root"] if os.geteuid() == 0 else [])]  # a container runs as root
    c.Spawner.pre_spawn_hook = pre_spawn
    c.Spawner.start_timeout = c.Spawner.http_timeout = 180  # a slow machine's first start
