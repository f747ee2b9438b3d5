"""The team server's parameters (``params/team.yaml``) and what each role may open.

``Team``: the server's address and ports, each user's role (``head``, ``trainer``, ``analyst``)
and the notebooks each role sees (``*`` for every notebook). Passwords are never here: the
server keeps scrypt hashes in its state folder (``salesplan.hub.passwords``).

On the team server (``salesplan.users.on_hub()``) the apps ask ``may_open(notebook)`` before
they read anything: a login whose role does not see the notebook gets ``NoAccess`` («нет
доступа») and nothing else. Off the server (a desktop, a scheduled run) every app opens: there
the database's own roles (``salesplan.roles``) are the limit.
"""

from __future__ import annotations

import html
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from salesplan import labels, users
from salesplan.errors import SalesplanError

Role = Literal["head", "trainer", "analyst"]
EVERY = "*"
Login = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]*$")]  # lower case, as the hub's


class AccessDenied(SalesplanError):
    """The current login's role may not use this app."""


class Server(BaseModel):
    """Where the team server listens: ``ip`` and ``port`` for the users' browsers (``0.0.0.0``
    for the office network); the hub's own port and the proxy's API port stay on 127.0.0.1."""

    model_config = ConfigDict(extra="forbid")
    ip: str = "127.0.0.1"
    port: int = Field(8000, ge=1, le=65535)
    hub_port: int = Field(8081, ge=1, le=65535)
    proxy_api_port: int = Field(8001, ge=1, le=65535)


class Team(BaseModel):
    """``params/team.yaml``: the server, the users (login → role), what each role sees."""

    model_config = ConfigDict(extra="forbid")
    server: Server = Field(default_factory=Server)
    users: dict[Login, Role] = Field(default_factory=dict)
    sees: dict[Role, list[str]] = Field(default_factory=lambda: {"head": [EVERY]})

    def role_of(self, login: str) -> Role | None:
        return self.users.get(login)

    def notebooks(self, role: Role, available: list[str]) -> list[str]:
        """The notebooks of ``available`` that ``role`` sees, in their order."""
        seen = self.sees.get(role, [])
        return [name for name in available if EVERY in seen or name in seen]

    def logins(self, role: Role) -> list[str]:
        return sorted(login for login, r in self.users.items() if r == role)


def team() -> Team:
    """``params/team.yaml`` from the validated settings (no users when it is absent)."""
    from salesplan.settings import settings  # the settings are built from this module's model

    return settings().team


def may_open(notebook: str) -> bool:
    """Whether the current user may use ``notebook`` (a file name such as ``plan_model.ipynb``):
    always off the team server; on it, when the login's role sees the notebook."""
    if not users.on_hub():
        return True
    found = team()
    role = found.role_of(users.login())
    return role is not None and bool(found.notebooks(role, [notebook]))


class NoAccess:
    """What an app is for a login whose role may not use it: «нет доступа», and nothing else."""

    def _repr_html_(self) -> str:
        return f"<p class='sp-no-access'><b>{html.escape(labels.NO_ACCESS)}</b></p>"

    def view(self, _interactive: bool = True) -> NoAccess:
        return self

    def save(self, _name: str) -> None:
        raise AccessDenied(labels.NO_ACCESS)
